"""Print what each synthesized stack holds (windows, schedules, targets, tasks, where command
output and notifications go) and what the cdk-nag packs found.

Usage: python tools/summarize.py cdk.out
"""

from __future__ import annotations

import base64
import datetime
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
from patch_window.next_runs import WindowTiming, next_runs  # noqa: E402

PSEUDO = re.compile(r"AWS::\w+")
#: As many runs per window as ``patch-window preview`` prints by default.
NEXT_RUNS = 5


def text(value: Any, names: dict[str, str] | None = None) -> str:
    """A template value as a reviewer reads it: a Ref by the referenced resource's name (or
    ``${AWS::Region}`` for a pseudo parameter), an Fn::Join joined, an Fn::GetAtt as
    ``Resource.Attribute``."""
    names = names or {}
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        [(function, argument)] = value.items()
        if function == "Ref":
            ref = str(argument)
            return f"${{{ref}}}" if PSEUDO.fullmatch(ref) else names.get(ref, ref)
        if function == "Fn::Join":
            separator, parts = argument
            return str(separator).join(text(part, names) for part in parts)
        if function == "Fn::GetAtt":
            return ".".join(map(str, argument))
    return json.dumps(value, separators=(", ", ": "))


def targets_text(entries: list[dict[str, Any]] | None, names: dict[str, str] | None = None) -> str:
    """Targets in the emulator readback's words (``local_aws/readback.py``):
    ``tag:Workload=Test; tag:InstanceRole=WebServer``."""
    return (
        "; ".join(
            f"{e['Key']}={','.join(text(v, names) for v in e['Values'])}" for e in entries or []
        )
        or "-"
    )


def _json_text(value: Any) -> str:
    """A JSON string property (a Lambda payload, a state machine input) as its JSON text."""
    if isinstance(value, str):
        try:
            return json.dumps(json.loads(value))
        except ValueError:
            return value
    return text(value)


def _window_line(window: dict[str, Any]) -> str:
    schedule = window["Schedule"]
    if "ScheduleTimezone" in window:
        schedule += f" ({window['ScheduleTimezone']})"
    if "ScheduleOffset" in window:
        schedule += f", offset {window['ScheduleOffset']} day(s)"
    parts = [
        f"window {window['Name']}: {schedule}",
        f"{window['Duration']} h",
        f"no new tasks in the last {window['Cutoff']} h",
        "unregistered targets "
        + ("allowed" if window.get("AllowUnassociatedTargets") else "not allowed"),
    ]
    if "StartDate" in window:
        parts.append(f"starts {window['StartDate']}")
    if "EndDate" in window:
        parts.append(f"ends {window['EndDate']}")
    return ", ".join(parts)


def _next_runs_line(window: dict[str, Any], now: datetime.datetime) -> str:
    """The window's next runs, as ``patch-window preview`` computes them."""
    try:
        timing = WindowTiming(
            window["Schedule"],
            window.get("ScheduleTimezone"),
            window.get("ScheduleOffset"),
            *(
                datetime.datetime.fromisoformat(window[key]) if key in window else None
                for key in ("StartDate", "EndDate")
            ),
        )
        runs = next_runs(timing, after=now, count=NEXT_RUNS)
    except (TypeError, ValueError) as error:  # a token, or a value the service would refuse
        return f"  next runs: unknown ({error})"
    return "  next runs: " + (", ".join(run.isoformat() for run in runs) or "never")


def task_what(task: dict[str, Any], names: dict[str, str]) -> str:
    """What a task runs, for every task type: its document, function or state machine, with
    parameters, payload or input in readable form."""
    invocation = task.get("TaskInvocationParameters", {})
    what = f"{task['TaskType']} {text(task['TaskArn'], names)}"
    if "MaintenanceWindowRunCommandParameters" in invocation:
        run = invocation["MaintenanceWindowRunCommandParameters"]
        what += f" {json.dumps(run.get('Parameters', {}))}"
        if "DocumentVersion" in run:
            what += f", version {run['DocumentVersion']}"
    if "MaintenanceWindowAutomationParameters" in invocation:
        automation = invocation["MaintenanceWindowAutomationParameters"]
        what += f" {json.dumps(automation.get('Parameters', {}))}"
        if "DocumentVersion" in automation:
            what += f", version {automation['DocumentVersion']}"
    if "MaintenanceWindowLambdaParameters" in invocation:
        lambda_ = invocation["MaintenanceWindowLambdaParameters"]
        if "Qualifier" in lambda_:
            what += f", qualifier {lambda_['Qualifier']}"
        if "Payload" in lambda_:
            what += f", payload {_json_text(lambda_['Payload'])}"
        if "ClientContext" in lambda_:
            decoded = base64.b64decode(lambda_["ClientContext"]).decode()
            what += f", client context {_json_text(decoded)}"
    if "MaintenanceWindowStepFunctionsParameters" in invocation:
        machine = invocation["MaintenanceWindowStepFunctionsParameters"]
        if "Input" in machine:
            what += f", input {_json_text(machine['Input'])}"
        if "Name" in machine:
            what += f", execution name {machine['Name']}"
    return what


def summarize(template: dict[str, Any], now: datetime.datetime | None = None) -> list[str]:
    """Human-readable lines for every maintenance window in ``template``: every property that
    changes when or what it runs, and its next runs after ``now`` (default: the clock's)."""
    now = now or datetime.datetime.now(datetime.UTC)
    resources = template.get("Resources", {})
    by_type: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for logical_id, resource in resources.items():
        by_type.setdefault(resource["Type"], []).append(
            (logical_id, resource.get("Properties", {}))
        )
    names = {lid: props.get("Name", lid) for lids in by_type.values() for lid, props in lids}
    windows = by_type.get("AWS::SSM::MaintenanceWindow", [])
    lines = []
    for window_id, window in windows:
        lines.append(_window_line(window))
        lines.append(_next_runs_line(window, now))
        lines += _members(by_type, names, lambda ref, w=window_id: ref == w)
    # Targets and tasks registered with a window defined elsewhere (from_window_id).
    own = {window_id for window_id, _ in windows}
    foreign = sorted(
        {
            text(props["WindowId"])
            for kind in ("AWS::SSM::MaintenanceWindowTarget", "AWS::SSM::MaintenanceWindowTask")
            for _, props in by_type.get(kind, [])
            if text(props["WindowId"]) not in own
        }
    )
    for window_id in foreign:
        lines.append(f"window {window_id} (defined elsewhere)")
        lines += _members(by_type, names, lambda ref, w=window_id: ref == w)
    lines.extend(_baselines(by_type.get("AWS::SSM::PatchBaseline", [])))
    for _, stack_set in by_type.get("AWS::CloudFormation::StackSet", []):
        lines += _stack_set(stack_set)
    return lines


def _stack_set(properties: dict[str, Any]) -> list[str]:
    """A StackSet: where it deploys, then what its member template holds, indented."""
    groups = properties.get("StackInstancesGroup", [])
    units = [
        u for g in groups for u in g.get("DeploymentTargets", {}).get("OrganizationalUnitIds", [])
    ]
    regions = [r for g in groups for r in g.get("Regions", [])]
    lines = [
        f"stack set {properties.get('StackSetName')}: {properties.get('PermissionModel')}, "
        f"OUs {', '.join(units) or '-'}, Regions {', '.join(regions) or '-'}"
    ]
    body = properties.get("TemplateBody")
    if isinstance(body, str):
        member = json.loads(body)
        kinds = sorted({r["Type"] for r in member.get("Resources", {}).values()})
        lines.append(f"  member template: {len(body.encode())} bytes, {', '.join(kinds)}")
        lines += [f"  {line}" for line in summarize(member)]
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


def _members(
    by_type: dict[str, list[tuple[str, dict[str, Any]]]],
    names: dict[str, str],
    belongs: Any,
) -> list[str]:
    lines = []
    for _, target in by_type.get("AWS::SSM::MaintenanceWindowTarget", []):
        if belongs(text(target["WindowId"])):
            lines.append(
                f"  target {target.get('Name', '-')}: {target['ResourceType']} "
                f"{targets_text(target['Targets'], names)}"
            )
    for _, task in by_type.get("AWS::SSM::MaintenanceWindowTask", []):
        if belongs(text(task["WindowId"])):
            on = [
                names.get(text(v), text(v))
                for entry in task.get("Targets", [])
                for v in entry["Values"]
            ]
            extra = f", cutoff {task['CutoffBehavior']}" if "CutoffBehavior" in task else ""
            lines.append(
                f"  task {task.get('Name', '-')}: {task_what(task, names)}, priority "
                f"{task['Priority']}, concurrency {task.get('MaxConcurrency', '-')}, errors "
                f"{task.get('MaxErrors', '-')}{extra}, on {', '.join(on) or '- (targetless)'}"
            )
            lines.extend(f"    {line}" for line in _task_extras(task, names))
    return lines


def _task_extras(task: dict[str, Any], names: dict[str, str]) -> list[str]:
    """Where a Run Command task's output and notifications go."""
    run = task.get("TaskInvocationParameters", {}).get("MaintenanceWindowRunCommandParameters", {})
    extras = []
    if "OutputS3BucketName" in run:
        prefix = run.get("OutputS3KeyPrefix", "")
        extras.append(
            f"output to S3 bucket {text(run['OutputS3BucketName'], names)}, prefix {prefix!r}"
        )
    if "CloudWatchOutputConfig" in run:
        group = run["CloudWatchOutputConfig"].get("CloudWatchLogGroupName")
        extras.append(f"output to CloudWatch Logs {text(group, names)}")
    if "NotificationConfig" in run:
        notify = run["NotificationConfig"]
        extras.append(
            f"notifies {text(notify['NotificationArn'], names)} on "
            f"{', '.join(notify.get('NotificationEvents', []))} "
            f"({notify.get('NotificationType', '-')})"
        )
    return extras


def compliance(
    template: dict[str, Any], report: dict[str, Any] | None, only: str | None = None
) -> list[str]:
    """The cdk-nag packs that ran and what they reported (``only``: for constructs under this
    path, when one report covers several stacks, as a stage's do).

    The packs are read from the template's analytics (CDK lists the validation plugins of the
    synthesis there); the report itself only lists plugins that found something.
    """
    plugins = (report or {}).get("pluginReports", [])
    if only is not None:
        plugins = [_under(plugin, f"{only}/") for plugin in plugins]
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


def _under(plugin: dict[str, Any], prefix: str) -> dict[str, Any]:
    """``plugin``'s report cut to the constructs under ``prefix``."""
    return {
        **plugin,
        "violations": [
            v
            for v in plugin.get("violations", [])
            if any(c["constructPath"].startswith(prefix) for c in v["violatingConstructs"])
        ],
        "suppressedViolations": [
            v
            for v in plugin.get("suppressedViolations", [])
            if str(v.get("acknowledgedAt", "")).startswith(prefix)
        ],
    }


def _validation_plugins(template: dict[str, Any]) -> list[str]:
    metadata = template.get("Resources", {}).get("CDKMetadata", {}).get("Properties", {})
    if "Analytics" not in metadata:
        return []
    packed = base64.b64decode(metadata["Analytics"].removeprefix("v2:deflate64:"))
    used = zlib.decompress(packed, 16 + zlib.MAX_WBITS).decode()
    found = re.search(r"policyValidation\.\{([^}]*)\}", used)
    return found.group(1).split(",") if found else []


def main(out_dir: str, report: dict[str, Any] | None = None) -> int:
    manifest = json.loads((Path(out_dir) / "manifest.json").read_text())
    report_path = Path(out_dir) / "validation-report.json"
    nested = report is not None
    if report_path.exists():
        report = json.loads(report_path.read_text())
    for artifact in manifest["artifacts"].values():
        if artifact["type"] == "cdk:cloud-assembly":
            # a cdk.Stage (deployment.environments[]): its stacks are in a nested assembly
            main(str(Path(out_dir) / artifact["properties"]["directoryName"]), report)
            continue
        if artifact["type"] != "aws:cloudformation:stack":
            continue
        path = Path(out_dir) / artifact["properties"]["templateFile"]
        template = json.loads(path.read_text())
        where = artifact.get("environment", "").removeprefix("aws://")
        shown = "" if "unknown" in where or not where else f" ({where})"
        print(f"stack {artifact['displayName']}{shown} -> {path}")
        for line in summarize(template):
            print(f"  {line}")
        stages = any(a["type"] == "cdk:cloud-assembly" for a in manifest["artifacts"].values())
        only = artifact["displayName"] if nested or stages else None
        for line in compliance(template, report, only):
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "cdk.out"))
