"""Each maintenance window in words a person can check, before and after the change.

A window is described by facts (schedule, time zone, offset, duration, cutoff...), its targets
by their selection and its tasks by document, Operation, reboot option, rate control, priority,
output and notifications. Two descriptions are compared fact by fact. The next runs of a
schedule are not computed yet (the schedule preview has not landed): the expressions, time zone
and offset are shown instead. Pure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

WINDOW = "AWS::SSM::MaintenanceWindow"
TARGET = "AWS::SSM::MaintenanceWindowTarget"
TASK = "AWS::SSM::MaintenanceWindowTask"

Facts = dict[str, str]


@dataclass(frozen=True)
class Window:
    """One window's facts, and its targets' and tasks' facts by name."""

    logical_id: str
    name: str
    facts: Facts
    targets: dict[str, Facts] = field(default_factory=dict)
    """By logical id (the head's, for a base renamed); each with its ``name``."""
    tasks: dict[str, Facts] = field(default_factory=dict)


@dataclass(frozen=True)
class WindowReview:
    """What changes in one window: ``lines`` of Markdown list items, ``callouts`` first."""

    name: str
    status: str
    """``added``, ``removed``, ``changed`` or ``unchanged``."""
    lines: tuple[str, ...]
    callouts: tuple[str, ...] = ()


def windows(
    template: Mapping[str, Any], renamed: Mapping[str, str] | None = None
) -> dict[str, Window]:
    """Every window of ``template`` by logical id, with its targets and tasks; ``renamed``
    maps base logical ids to the head's, so a renamed resource is compared with itself."""
    renamed = renamed or {}
    resources: Mapping[str, Any] = template.get("Resources", {})
    names = {lid: r.get("Properties", {}).get("Name", lid) for lid, r in resources.items()}
    found: dict[str, Window] = {}
    for logical_id, resource in resources.items():
        if resource.get("Type") != WINDOW:
            continue
        props = resource.get("Properties", {})
        window = Window(
            renamed.get(logical_id, logical_id),
            str(props.get("Name", logical_id)),
            _window_facts(props),
        )
        for lid, other in resources.items():
            other_props = other.get("Properties", {})
            if _ref(other_props.get("WindowId")) != logical_id:
                continue
            key = renamed.get(lid, lid)
            if other.get("Type") == TARGET:
                window.targets[key] = _target_facts(other_props)
            elif other.get("Type") == TASK:
                window.tasks[key] = _task_facts(other_props, names)
        found[window.logical_id] = window
    return found


def review(
    base: Mapping[str, Any], head: Mapping[str, Any], renamed: Mapping[str, str]
) -> list[WindowReview]:
    """Each window of either side, compared; ``renamed`` maps base to head logical ids."""
    by_head, after = windows(base, renamed), windows(head)
    reviews = []
    for logical_id in sorted(set(by_head) | set(after)):
        old, new = by_head.get(logical_id), after.get(logical_id)
        if old is None and new is not None:
            reviews.append(WindowReview(new.name, "added", _describe(new)))
        elif new is None and old is not None:
            reviews.append(
                WindowReview(
                    old.name, "removed", (f"deleted, with its execution history: {old.name}",)
                )
            )
        elif old is not None and new is not None:
            lines, callouts = _compare(old, new)
            reviews.append(
                WindowReview(new.name, "changed" if lines else "unchanged", lines, callouts)
            )
    return reviews


def _describe(window: Window) -> tuple[str, ...]:
    lines = [f"{label}: {value}" for label, value in window.facts.items()]
    lines += [f"target {_one_line(facts)}" for facts in window.targets.values()]
    lines += [f"task {_one_line(facts)}" for facts in window.tasks.values()]
    return tuple(lines)


def _compare(old: Window, new: Window) -> tuple[tuple[str, ...], tuple[str, ...]]:
    lines = _changed_facts("", old.facts, new.facts)
    callouts: list[str] = []
    if old.name != new.name:
        lines.insert(0, f"renamed from {old.name} to {new.name}")
    for kind, olds, news in (("target", old.targets, new.targets), ("task", old.tasks, new.tasks)):
        for key in sorted(set(olds) | set(news)):
            name = news.get(key, olds.get(key, {})).get("name", key)
            if key not in news:
                lines.append(f"{kind} {name} removed (was {_one_line(olds[key])})")
            elif key not in olds:
                lines.append(f"{kind} {name} added: {_one_line(news[key])}")
            else:
                lines += _changed_facts(f"{kind} {name}: ", olds[key], news[key])
            was = olds.get(key, {}).get("Operation")
            now = news.get(key, {}).get("Operation")
            if kind == "task" and now == "Install" and was != "Install":
                callouts.append(
                    f"task {name} now INSTALLS patches (Operation {was or 'unset'} -> Install): "
                    "instances are patched and may reboot"
                )
    if any(old.facts.get(k) != new.facts.get(k) for k in ("schedule", "time zone", "offset")):
        lines.append(
            "next runs: not computed (the schedule preview is not available yet); check the "
            "schedule, time zone and offset above"
        )
    return tuple(lines), tuple(callouts)


def _changed_facts(prefix: str, old: Facts, new: Facts) -> list[str]:
    return [
        f"{prefix}{label}: {old.get(label, '-')} -> {new.get(label, '-')}"
        for label in [*old, *(k for k in new if k not in old)]
        if old.get(label) != new.get(label)
    ]


def _one_line(facts: Facts) -> str:
    return "; ".join(f"{label} {value}" for label, value in facts.items())


def _window_facts(props: Mapping[str, Any]) -> Facts:
    facts: Facts = {
        "schedule": str(props.get("Schedule", "-")),
        "time zone": str(props.get("ScheduleTimezone", "UTC (default)")),
        "offset": f"{props['ScheduleOffset']} days" if "ScheduleOffset" in props else "none",
        "duration": f"{props.get('Duration', '-')} h",
        "cutoff": f"no new tasks in the last {props.get('Cutoff', '-')} h",
        "unregistered targets": "allowed" if props.get("AllowUnassociatedTargets") else "refused",
    }
    for key, label in (("StartDate", "start date"), ("EndDate", "end date")):
        if key in props:
            facts[label] = str(props[key])
    if "Description" in props:
        facts["description"] = str(props["Description"])
    return facts


def _target_facts(props: Mapping[str, Any]) -> Facts:
    selection = " AND ".join(
        f"{entry.get('Key')}={','.join(text(v) for v in entry.get('Values', []))}"
        for entry in props.get("Targets", [])
    )
    facts: Facts = {
        "name": str(props.get("Name", "-")),
        "selects": f"{props.get('ResourceType', '-')} {selection}",
    }
    if "OwnerInformation" in props:
        facts["owner information"] = str(props["OwnerInformation"])
    return facts


def _task_facts(props: Mapping[str, Any], names: Mapping[str, Any]) -> Facts:
    invocation = props.get("TaskInvocationParameters", {})
    run = invocation.get("MaintenanceWindowRunCommandParameters", {})
    automation = invocation.get("MaintenanceWindowAutomationParameters", {})
    parameters = dict(run.get("Parameters") or automation.get("Parameters") or {})
    facts: Facts = {
        "name": str(props.get("Name", "-")),
        "type": str(props.get("TaskType", "-")),
        "document": text(props.get("TaskArn")),
    }
    for key in ("Operation", "RebootOption"):
        if key in parameters:
            facts[key] = ",".join(map(text, parameters.pop(key)))
    if parameters:
        facts["parameters"] = json.dumps(parameters, sort_keys=True)
    facts["rate control"] = (
        f"concurrency {props.get('MaxConcurrency', '-')}, errors {props.get('MaxErrors', '-')}"
    )
    facts["priority"] = str(props.get("Priority", "-"))
    on = [
        str(names.get(_ref(value) or "", text(value)))
        for entry in props.get("Targets", [])
        for value in entry.get("Values", [])
    ]
    facts["on"] = ", ".join(on) or "no targets"
    if "CutoffBehavior" in props:
        facts["cutoff behavior"] = str(props["CutoffBehavior"])
    output = []
    if "OutputS3BucketName" in run:
        output.append(f"S3 {text(run['OutputS3BucketName'])}/{run.get('OutputS3KeyPrefix', '')}")
    if "CloudWatchOutputConfig" in run:
        group = run["CloudWatchOutputConfig"].get("CloudWatchLogGroupName")
        output.append(f"CloudWatch Logs {text(group)}")
    facts["output"] = ", ".join(output) or "none"
    notify = run.get("NotificationConfig")
    facts["notifications"] = (
        f"{text(notify.get('NotificationArn'))} on "
        f"{','.join(notify.get('NotificationEvents', []))} ({notify.get('NotificationType', '-')})"
        if notify
        else "none"
    )
    return facts


def _ref(value: Any) -> str | None:
    return value["Ref"] if isinstance(value, Mapping) and "Ref" in value else None


def text(value: Any) -> str:
    """A property value as a reviewer reads it; intrinsics shown as ``Ref(X)``, ``X.Arn``."""
    if isinstance(value, Mapping):
        if "Ref" in value:
            ref = str(value["Ref"])
            return f"${{{ref}}}" if ref.startswith("AWS::") else f"Ref({ref})"
        if "Fn::GetAtt" in value:
            return ".".join(map(str, value["Fn::GetAtt"]))
        if "Fn::Join" in value:
            separator, parts = value["Fn::Join"]
            return str(separator).join(text(part) for part in parts)
        if "Fn::Sub" in value:
            return text(value["Fn::Sub"])
        return json.dumps(value, sort_keys=True)
    if isinstance(value, list):
        return "[" + ", ".join(text(v) for v in value) + "]"
    return str(value)
