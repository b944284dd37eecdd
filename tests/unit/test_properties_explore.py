"""Property tests that explore: every task type and target form, output, notifications,
scan-then-install patterns and patch baselines are drawn (``tests/strategies.py``).

- generated valid settings parse, and synthesize into a template that matches them: each
  window, target, task and baseline the settings name, with the properties they set or their
  documented defaults (computed here from the settings, not by the reader);
- one wrong thing (a cutoff at or above the duration, an unknown or misspelled key anywhere,
  a limit passed, a bad value of a task type's or target form's own key) is refused, naming
  that setting's path.

Derandomized and bounded: the same examples on every run, a few seconds of parsing and a
handful of syntheses. Marked ``explore``: ``make test-slow`` runs them, not ``make test``.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from patch_window import PatchWindowValidationError, defaults
from patch_window.app.reader import read_settings
from tests import strategies
from tests.conftest import cfn_lint, synth_config

pytestmark = pytest.mark.explore

QUICK = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SYNTH = settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _selection(target: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """The ResourceType and Targets a target's selection form must produce."""
    if "tags" in target:
        return "INSTANCE", [{"Key": f"tag:{k}", "Values": v} for k, v in target["tags"].items()]
    if "tag_keys" in target:
        return "INSTANCE", [{"Key": "tag-key", "Values": target["tag_keys"]}]
    if "instance_ids" in target:
        return "INSTANCE", [{"Key": "InstanceIds", "Values": target["instance_ids"]}]
    if "resource_group" in target:
        group = target["resource_group"]
        found = [{"Key": "resource-groups:Name", "Values": [group["name"]]}]
        if "resource_types" in group:
            found.append(
                {"Key": "resource-groups:ResourceTypeFilters", "Values": group["resource_types"]}
            )
        return "RESOURCE_GROUP", found
    group = target["patch_group"]
    name, key = (
        (group["name"], group.get("tag_key", defaults.PATCH_GROUP_TAG_KEY))
        if isinstance(group, dict)
        else (group, defaults.PATCH_GROUP_TAG_KEY)
    )
    return "INSTANCE", [{"Key": f"tag:{key}", "Values": [name]}]


def expected(generated: dict[str, Any]) -> dict[str, Any]:
    """What the template must hold, by window name: the window's properties, its targets and
    its tasks, each by name; and the patch baselines by name."""
    windows: dict[str, Any] = {}
    for window in generated.get("windows", []):
        props = {
            "Schedule": window["schedule"],
            "Duration": window["duration_hours"],
            "Cutoff": window["cutoff_hours"],
            "AllowUnassociatedTargets": window.get(
                "allow_unassociated_targets", defaults.ALLOW_UNASSOCIATED_TARGETS
            ),
        }
        for key, prop in (
            ("description", "Description"),
            ("schedule_timezone", "ScheduleTimezone"),
            ("schedule_offset", "ScheduleOffset"),
            ("start_date", "StartDate"),
            ("end_date", "EndDate"),
        ):
            if key in window:
                props[prop] = window[key]
        targets = {t["name"]: _selection(t) for t in window.get("targets", [])}
        tasks = {
            task["name"]: {
                "TaskType": task.get("type", "RUN_COMMAND"),
                "Priority": task.get("priority", defaults.TASK_PRIORITY),
                **(
                    {"MaxConcurrency": task["max_concurrency"]} if "max_concurrency" in task else {}
                ),
                **({"MaxErrors": task["max_errors"]} if "max_errors" in task else {}),
                **(
                    {"TaskArn": task["document"]}
                    if task.get("type", "RUN_COMMAND") in ("RUN_COMMAND", "AUTOMATION")
                    else {}
                ),
            }
            for task in window.get("tasks", [])
        }
        windows[window["name"]] = (props, targets, tasks)
    for pattern in generated.get("scan_then_install", []):
        for phase in ("Scan", "Install"):
            values = pattern[phase.lower()]
            props = {
                "Schedule": values["schedule"],
                "Duration": values.get("duration_hours", defaults.PHASE_DURATION_HOURS),
                "Cutoff": values.get("cutoff_hours", defaults.PHASE_CUTOFF_HOURS),
                "AllowUnassociatedTargets": defaults.ALLOW_UNASSOCIATED_TARGETS,
            }
            if "schedule_timezone" in values:
                props["ScheduleTimezone"] = values["schedule_timezone"]
            name = f"{pattern['name']}-{phase}"
            target_name = pattern["target"].get("name", f"{name}-Targets")
            task = {
                "TaskType": "RUN_COMMAND",
                "TaskArn": "AWS-RunPatchBaseline",
                "MaxConcurrency": values.get("max_concurrency", defaults.PHASE_MAX_CONCURRENCY),
                "MaxErrors": values.get("max_errors", defaults.PHASE_MAX_ERRORS),
            }
            windows[name] = (props, {target_name: _selection(pattern["target"])}, {name: task})
    baselines = {
        b["name"]: {"OperatingSystem": b["operating_system"], "PatchGroups": b.get("patch_groups")}
        for b in generated.get("patch_baselines", [])
    }
    return {"windows": windows, "baselines": baselines}


def actual(template: dict[str, Any]) -> dict[str, Any]:
    """The same view, read from a template."""
    resources = template["Resources"]
    by_id = {
        logical_id: r["Properties"]
        for logical_id, r in resources.items()
        if r["Type"] == "AWS::SSM::MaintenanceWindow"
    }
    windows: dict[str, Any] = {}
    for logical_id, props in by_id.items():
        own = {
            key: props[key]
            for key in (
                "Schedule",
                "Duration",
                "Cutoff",
                "AllowUnassociatedTargets",
                "Description",
                "ScheduleTimezone",
                "ScheduleOffset",
                "StartDate",
                "EndDate",
            )
            if key in props
        }
        targets = {
            r["Properties"]["Name"]: (r["Properties"]["ResourceType"], r["Properties"]["Targets"])
            for r in resources.values()
            if r["Type"] == "AWS::SSM::MaintenanceWindowTarget"
            and r["Properties"]["WindowId"] == {"Ref": logical_id}
        }
        tasks = {}
        for r in resources.values():
            if r["Type"] != "AWS::SSM::MaintenanceWindowTask":
                continue
            task = r["Properties"]
            if task["WindowId"] != {"Ref": logical_id}:
                continue
            tasks[task["Name"]] = {
                key: task[key]
                for key in ("TaskType", "Priority", "MaxConcurrency", "MaxErrors", "TaskArn")
                if key in task
            }
        windows[props["Name"]] = (own, targets, tasks)
    baselines = {
        r["Properties"]["Name"]: {
            "OperatingSystem": r["Properties"]["OperatingSystem"],
            "PatchGroups": r["Properties"].get("PatchGroups"),
        }
        for r in resources.values()
        if r["Type"] == "AWS::SSM::PatchBaseline"
    }
    return {"windows": windows, "baselines": baselines}


def _comparable(view: dict[str, Any], generated: dict[str, Any]) -> dict[str, Any]:
    """Tasks of the types whose ARN the view cannot name (Lambda, Step Functions) are compared
    without it; the priority of pattern tasks is the pattern's own (1)."""
    windows = {}
    for name, (props, targets, tasks) in view["windows"].items():
        tasks = {
            task_name: {
                key: value
                for key, value in task.items()
                if not (key == "TaskArn" and task["TaskType"] in ("LAMBDA", "STEP_FUNCTIONS"))
                and not (key == "Priority" and name.endswith(("-Scan", "-Install")))
            }
            for task_name, task in tasks.items()
        }
        windows[name] = (props, targets, tasks)
    return {"windows": windows, "baselines": view["baselines"]}


@QUICK
@given(strategies.rich_settings())
def test_rich_settings_parse_into_what_they_say(generated: dict[str, Any]) -> None:
    config = read_settings(generated)
    assert [w.name for w in config.windows] == [w["name"] for w in generated.get("windows", [])]
    assert [p.name for p in config.scan_then_install] == [
        p["name"] for p in generated.get("scan_then_install", [])
    ]
    for window, raw in zip(config.windows, generated.get("windows", []), strict=True):
        assert [t.name for t in window.targets] == [t["name"] for t in raw.get("targets", [])]
        assert [(t.name, str(t.type)) for t in window.tasks] == [
            (t["name"], t.get("type", "RUN_COMMAND")) for t in raw.get("tasks", [])
        ]


@SYNTH
@given(strategies.rich_settings())
def test_rich_settings_synthesize_into_a_template_that_matches_them(
    generated: dict[str, Any],
) -> None:
    _, template, _ = synth_config(generated)
    assert _comparable(actual(template), generated) == _comparable(expected(generated), generated)
    assert cfn_lint(template) == []


@QUICK
@given(strategies.rich_mutations())
def test_one_wrong_thing_is_refused_naming_its_setting(
    mutation: tuple[dict[str, Any], str, str | None],
) -> None:
    mutated, path, fragment = mutation
    with pytest.raises(PatchWindowValidationError) as caught:
        read_settings(mutated)
    named = [
        problem
        for problem in caught.value.problems
        if problem.startswith(path) and (fragment is None or fragment in problem)
    ]
    assert named, (path, fragment, caught.value.problems)
