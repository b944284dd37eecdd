"""What SSM holds, read back through the SSM API (never from a template), and its printout."""

from __future__ import annotations

from typing import Any

from patch_window.baselines.words import baseline_in_words


def format_targets(targets: list[dict[str, Any]] | None) -> str:
    """Targets as `Key=v1,v2; Key=v` (tools/summarize.py uses the same words)."""
    return "; ".join(f"{t['Key']}={','.join(t['Values'])}" for t in targets or []) or "-"


def read_windows(ssm: Any) -> list[dict[str, Any]]:
    """Every maintenance window with its tags, targets and tasks, from an SSM client.

    Each window is GetMaintenanceWindow's answer plus ``Tags``, ``Targets``
    (DescribeMaintenanceWindowTargets) and ``Tasks`` (GetMaintenanceWindowTask for each task
    that DescribeMaintenanceWindowTasks lists).
    """
    windows = []
    for page in ssm.get_paginator("describe_maintenance_windows").paginate():
        for identity in page["WindowIdentities"]:
            window_id = identity["WindowId"]
            window = ssm.get_maintenance_window(WindowId=window_id)
            window.pop("ResponseMetadata", None)
            window["Tags"] = {
                tag["Key"]: tag["Value"]
                for tag in ssm.list_tags_for_resource(
                    ResourceType="MaintenanceWindow", ResourceId=window_id
                )["TagList"]
            }
            window["WindowTargets"] = ssm.describe_maintenance_window_targets(WindowId=window_id)[
                "Targets"
            ]
            window["Tasks"] = []
            for task in ssm.describe_maintenance_window_tasks(WindowId=window_id)["Tasks"]:
                details = ssm.get_maintenance_window_task(
                    WindowId=window_id, WindowTaskId=task["WindowTaskId"]
                )
                details.pop("ResponseMetadata", None)
                window["Tasks"].append(details)
            windows.append(window)
    return windows


def _invocation(parameters: dict[str, Any] | None) -> list[str]:
    lines = []
    for kind, values in (parameters or {}).items():
        for key, value in values.items():
            if key == "Parameters":
                value = "; ".join(f"{k}={','.join(map(str, v))}" for k, v in value.items())
            lines.append(f"{kind}.{key}: {value}")
    return lines


def format_windows(windows: list[dict[str, Any]]) -> str:
    """A plain-text report: each window, then its targets and tasks, indented."""
    if not windows:
        return "SSM holds no maintenance windows."
    lines = [f"SSM holds {len(windows)} maintenance window(s):"]
    for window in windows:
        schedule = window["Schedule"]
        if window.get("ScheduleTimezone"):
            schedule += f" ({window['ScheduleTimezone']})"
        if window.get("ScheduleOffset"):
            schedule += f", offset {window['ScheduleOffset']} day(s)"
        lines += [
            f"- window {window['WindowId']}  {window['Name']}",
            f"    schedule: {schedule}",
            f"    duration: {window['Duration']} h, cutoff: {window['Cutoff']} h, "
            f"enabled: {window.get('Enabled')}, "
            f"allow unassociated targets: {window.get('AllowUnassociatedTargets')}",
        ]
        for label, key in (("description", "Description"), ("starts", "StartDate")):
            if window.get(key):
                lines.append(f"    {label}: {window[key]}")
        if window.get("EndDate"):
            lines.append(f"    ends: {window['EndDate']}")
        if window["Tags"]:
            tags = ", ".join(f"{k}={v}" for k, v in sorted(window["Tags"].items()))
            lines.append(f"    tags: {tags}")
        for target in window["WindowTargets"]:
            lines.append(
                f"    target {target['WindowTargetId']}  {target.get('Name', '-')}: "
                f"{target['ResourceType']} {format_targets(target['Targets'])}"
            )
            if target.get("OwnerInformation"):
                lines.append(f"        owner information: {target['OwnerInformation']}")
        for task in window["Tasks"]:
            lines += [
                f"    task {task['WindowTaskId']}  {task.get('Name', '-')}: "
                f"{task['TaskType']} {task['TaskArn']}, priority {task.get('Priority')}",
                f"        targets: {format_targets(task.get('Targets'))}",
                f"        max concurrency: {task.get('MaxConcurrency')}, "
                f"max errors: {task.get('MaxErrors')}, "
                f"cutoff behavior: {task.get('CutoffBehavior', '-')}",
                f"        service role: {task.get('ServiceRoleArn', '-')}",
            ]
            lines += [
                f"        {line}" for line in _invocation(task.get("TaskInvocationParameters"))
            ]
    return "\n".join(lines)


def read_baselines(ssm: Any) -> list[dict[str, Any]]:
    """Every patch baseline the account owns: GetPatchBaseline's answer (with its patch groups),
    ``Tags`` and ``DefaultBaseline`` (whether GetDefaultPatchBaseline names it)."""
    baselines = []
    listed = ssm.describe_patch_baselines(Filters=[{"Key": "OWNER", "Values": ["Self"]}])
    for identity in listed["BaselineIdentities"]:
        baseline = ssm.get_patch_baseline(BaselineId=identity["BaselineId"])
        baseline.pop("ResponseMetadata", None)
        default = ssm.get_default_patch_baseline(OperatingSystem=baseline["OperatingSystem"])
        baseline["DefaultBaseline"] = default["BaselineId"] == baseline["BaselineId"]
        baseline["Tags"] = {
            tag["Key"]: tag["Value"]
            for tag in ssm.list_tags_for_resource(
                ResourceType="PatchBaseline", ResourceId=baseline["BaselineId"]
            )["TagList"]
        }
        baselines.append(baseline)
    return baselines


def format_baselines(baselines: list[dict[str, Any]]) -> str:
    """A plain-text report: each baseline, its patch groups and its rules in words."""
    if not baselines:
        return "SSM holds no patch baselines of this account (AWS's defaults apply)."
    lines = [f"SSM holds {len(baselines)} patch baseline(s):"]
    for baseline in baselines:
        default = ", the default for its operating system" if baseline["DefaultBaseline"] else ""
        lines += [
            f"- baseline {baseline['BaselineId']}  {baseline['Name']}: "
            f"{baseline['OperatingSystem']}{default}",
            f"    patch groups: {', '.join(baseline.get('PatchGroups') or []) or '-'}",
        ]
        lines += [f"    {line}" for line in baseline_in_words(baseline)]
    return "\n".join(lines)
