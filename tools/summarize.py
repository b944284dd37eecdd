"""Print what each synthesized stack holds (windows, schedules, targets, tasks, where command
output and notifications go) and what the cdk-nag packs found.

Usage: python tools/summarize.py cdk.out
"""

from __future__ import annotations

import base64
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the package importable
    sys.path.insert(0, str(ROOT))

from patch_window.baselines.words import baseline_in_words  # noqa: E402


def _ref(value: Any) -> str:
    return value["Ref"] if isinstance(value, dict) and "Ref" in value else str(value)


def _targets(entries: list[dict[str, Any]]) -> str:
    return " AND ".join(f"{e['Key']}={','.join(map(_ref, e['Values']))}" for e in entries)


def summarize(template: dict[str, Any]) -> list[str]:
    """Human-readable lines for every maintenance window in ``template``."""
    resources = template.get("Resources", {})
    by_type: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for logical_id, resource in resources.items():
        by_type.setdefault(resource["Type"], []).append(
            (logical_id, resource.get("Properties", {}))
        )
    names = {lid: props.get("Name", lid) for lids in by_type.values() for lid, props in lids}
    lines = []
    for window_id, window in by_type.get("AWS::SSM::MaintenanceWindow", []):
        zone = f" ({window['ScheduleTimezone']})" if "ScheduleTimezone" in window else ""
        lines.append(
            f"window {window['Name']}: {window['Schedule']}{zone}, {window['Duration']} h, "
            f"no new tasks in the last {window['Cutoff']} h, unregistered targets "
            f"{'allowed' if window['AllowUnassociatedTargets'] else 'not allowed'}"
        )
        for _, target in by_type.get("AWS::SSM::MaintenanceWindowTarget", []):
            if _ref(target["WindowId"]) == window_id:
                lines.append(
                    f"  target {target.get('Name', '?')}: {target['ResourceType']} "
                    f"{_targets(target['Targets'])}"
                )
        for _, task in by_type.get("AWS::SSM::MaintenanceWindowTask", []):
            if _ref(task["WindowId"]) == window_id:
                on = [
                    names.get(_ref(v), _ref(v))
                    for entry in task.get("Targets", [])
                    for v in entry["Values"]
                ]
                params = json.dumps(
                    task.get("TaskInvocationParameters", {})
                    .get("MaintenanceWindowRunCommandParameters", {})
                    .get("Parameters", {})
                )
                lines.append(
                    f"  task {task.get('Name', '?')}: {task['TaskType']} {task['TaskArn']} "
                    f"{params}, priority {task['Priority']}, concurrency "
                    f"{task.get('MaxConcurrency', '-')}, errors {task.get('MaxErrors', '-')}, "
                    f"on {', '.join(on) or '-'}"
                )
                lines.extend(f"    {line}" for line in _task_extras(task))
    lines.extend(_baselines(by_type.get("AWS::SSM::PatchBaseline", [])))
    return lines


def _baselines(baselines: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Each patch baseline with its rules in words, its patch groups and whether it is the
    default of its operating system."""
    lines = []
    for _, baseline in baselines:
        groups = ", ".join(baseline.get("PatchGroups", [])) or "no patch group"
        default = ", default" if baseline.get("DefaultBaseline") else ""
        lines.append(f"baseline {baseline['Name']} ({groups}{default})")
        lines.extend(f"  {line}" for line in baseline_in_words(baseline))
    return lines


def _task_extras(task: dict[str, Any]) -> list[str]:
    """Where a Run Command task's output and notifications go."""
    run = task.get("TaskInvocationParameters", {}).get("MaintenanceWindowRunCommandParameters", {})
    extras = []
    if "OutputS3BucketName" in run:
        prefix = run.get("OutputS3KeyPrefix", "")
        extras.append(f"output to S3 bucket {_ref(run['OutputS3BucketName'])}, prefix {prefix!r}")
    if "CloudWatchOutputConfig" in run:
        group = run["CloudWatchOutputConfig"].get("CloudWatchLogGroupName")
        extras.append(f"output to CloudWatch Logs {_ref(group)}")
    if "NotificationConfig" in run:
        notify = run["NotificationConfig"]
        extras.append(
            f"notifies {_ref(notify['NotificationArn'])} on "
            f"{', '.join(notify.get('NotificationEvents', []))} "
            f"({notify.get('NotificationType', '-')})"
        )
    return extras


def compliance(template: dict[str, Any], report: dict[str, Any] | None) -> list[str]:
    """The cdk-nag packs that ran and what they reported.

    The packs are read from the template's analytics (CDK lists the validation plugins of the
    synthesis there); the report itself only lists plugins that found something.
    """
    plugins = (report or {}).get("pluginReports", [])
    packs = _validation_plugins(template) or [plugin["pluginName"] for plugin in plugins]
    reported = [v for plugin in plugins for v in plugin.get("violations", [])]
    # CDK lists warnings (patch-window's advisories among them) in the same report.
    warnings = [v for v in reported if v.get("ruleMetadata", {}).get("cdk:annotation") == "true"]
    open_findings = [v for v in reported if v not in warnings]
    acknowledged = [v for plugin in plugins for v in plugin.get("suppressedViolations", [])]
    lines = [
        f"checks {', '.join(packs) or 'none'}: {len(open_findings)} open findings, "
        f"{len(acknowledged)} acknowledged, {len(warnings)} warnings"
    ]
    for finding in open_findings:
        paths = ", ".join(c["constructPath"] for c in finding["violatingConstructs"])
        lines.append(f"  OPEN {finding['ruleName']} on {paths}")
    for warning in warnings:
        paths = ", ".join(c["constructPath"] for c in warning["violatingConstructs"])
        lines.append(f"  warning {warning['ruleName'].removeprefix('Annotation::')} on {paths}")
    for finding in acknowledged:
        lines.append(f"  acknowledged {finding['ruleName']} on {finding['acknowledgedAt']}")
        lines.append(f"    reason: {finding['reason']}")
    return lines


def _validation_plugins(template: dict[str, Any]) -> list[str]:
    metadata = template.get("Resources", {}).get("CDKMetadata", {}).get("Properties", {})
    if "Analytics" not in metadata:
        return []
    packed = base64.b64decode(metadata["Analytics"].removeprefix("v2:deflate64:"))
    used = zlib.decompress(packed, 16 + zlib.MAX_WBITS).decode()
    found = re.search(r"policyValidation\.\{([^}]*)\}", used)
    return found.group(1).split(",") if found else []


def main(out_dir: str) -> int:
    manifest = json.loads((Path(out_dir) / "manifest.json").read_text())
    report_path = Path(out_dir) / "validation-report.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else None
    for artifact in manifest["artifacts"].values():
        if artifact["type"] != "aws:cloudformation:stack":
            continue
        path = Path(out_dir) / artifact["properties"]["templateFile"]
        template = json.loads(path.read_text())
        print(f"stack {artifact['displayName']} -> {path}")
        for line in summarize(template):
            print(f"  {line}")
        for line in compliance(template, report):
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "cdk.out"))
