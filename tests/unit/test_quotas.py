"""Service quotas at synth: each rule, its ``quotas`` override, at both edges, exact words.

The cdk.json edge is driven by ``tests/every_setting.py``'s ``past_quota`` (also the rows of
``test_every_setting``); here the same counts reach the library edge, where ``set_quotas`` on a
stack plays the part of the ``quotas`` key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import aws_cdk as cdk
import pytest

from patch_window import (
    MaintenanceWindow,
    MaintenanceWindowRole,
    PatchWindowValidationError,
    Schedule,
    TargetSelector,
)
from patch_window.quotas import Quotas
from patch_window.stack_quotas import quotas_of, set_quotas
from tests.conftest import lab_settings, synth_config
from tests.every_setting import past_quota, quota_problems
from tests.unit.test_quota_rules import _message

# -- the cdk.json edge --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("windows", "windows"),
        ("tasks_per_window", "windows[0].tasks"),
        ("targets_per_window", "windows[0].targets"),
        ("targets_per_task", "windows[0].tasks[0].targets"),
    ],
)
def test_the_lab_past_a_quota_is_refused_and_a_raised_quota_lets_it_through(
    key: str, path: str
) -> None:
    limit = getattr(Quotas(), key)
    found = quota_problems(past_quota(lab_settings(), key, limit + 1), key)
    assert found
    assert found[0].startswith(f"patch_window.{path}: would ")
    assert f"more than the quota of {limit} (quotas.{key})" in found[0]
    raised = past_quota(lab_settings(), key, limit + 1)
    raised["quotas"] = {key: limit + 1}
    assert quota_problems(raised, key) == []


def test_a_lowered_instance_id_quota_refuses_at_its_value() -> None:
    settings = past_quota(lab_settings(), "instance_ids_per_target", 3)
    settings["quotas"] = {"instance_ids_per_target": 2}
    assert quota_problems(settings, "instance_ids_per_target") == [
        "patch_window.windows[0].targets[1].instance_ids: "
        + _message("name 3 instance ids in one target", 2, "instance_ids_per_target")
    ]


def test_scan_then_install_counts_two_windows() -> None:
    settings = lab_settings()
    settings["quotas"] = {"windows": 2}
    settings["scan_then_install"] = [
        {
            "name": "Pattern",
            "target": {"name": "PatternTargets", "tag_keys": ["Patch"]},
            "scan": {"schedule": "rate(1 day)"},
            "install": {"schedule": "rate(7 days)"},
        }
    ]
    assert quota_problems(settings, "windows") == [
        "patch_window.windows: "
        + _message("make 3 maintenance windows in one account and Region", 2, "windows")
    ]


def test_unknown_and_bad_quota_keys_are_refused_with_a_hint() -> None:
    from patch_window.app.reader import read_settings

    settings = lab_settings()
    settings["quotas"] = {"window": 60, "tasks_per_window": "30"}
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    assert raised.value.problems == (
        "patch_window.quotas.window: unknown key; did you mean 'windows'?",
        "patch_window.quotas.tasks_per_window: must be an integer, got '30' (a string)",
    )


# -- the library edge ---------------------------------------------------------------------------


def _stack(**quotas: int) -> cdk.Stack:
    stack = cdk.Stack(cdk.App(), "S")
    if quotas:
        set_quotas(stack, Quotas(**quotas))
    return stack


def _window(stack: cdk.Stack, id_: str = "W") -> MaintenanceWindow:
    return MaintenanceWindow(
        stack,
        id_,
        schedule=Schedule.expression("rate(7 days)"),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )


def _refused(build: Any) -> tuple[str, ...]:
    with pytest.raises(PatchWindowValidationError) as raised:
        build()
    return raised.value.problems


def test_windows_past_the_quota_of_their_stack_are_refused() -> None:
    stack = _stack(windows=2)
    _window(stack, "A")
    _window(stack, "B")
    assert _refused(lambda: _window(stack, "C")) == (
        "S/C/Resource: window "
        + _message("make 3 maintenance windows in one account and Region", 2, "windows"),
    )


def test_the_default_windows_quota_is_50() -> None:
    stack = _stack()
    assert quotas_of(stack) == Quotas()
    for index in range(50):
        _window(stack, f"W{index}")
    assert _refused(lambda: _window(stack, "W50")) == (
        "S/W50/Resource: window "
        + _message("make 51 maintenance windows in one account and Region", 50, "windows"),
    )


def test_targets_past_the_quota_of_their_window_are_refused() -> None:
    window = _window(_stack(targets_per_window=1))
    window.add_target("A", tags={"Role": ["A"]})
    assert _refused(lambda: window.add_target("B", tags={"Role": ["B"]})) == (
        "S/W/B/Resource: window "
        + _message("make 2 targets in one window", 1, "targets_per_window"),
    )


def test_tasks_past_the_quota_of_their_window_are_refused() -> None:
    stack = _stack(tasks_per_window=1)
    window = _window(stack)
    role = MaintenanceWindowRole(stack, "Role").role
    window.add_automation_task("A", document="AWS-RestartEC2Instance", role=role)
    assert _refused(
        lambda: window.add_automation_task("B", document="AWS-RestartEC2Instance", role=role)
    ) == (
        "S/W/B/Resource: window " + _message("make 2 tasks in one window", 1, "tasks_per_window"),
    )


def test_a_run_command_task_defaults_to_every_target_and_meets_the_per_task_quota() -> None:
    stack = _stack(targets_per_task=2)
    window = _window(stack)
    for name in ("A", "B", "C"):
        window.add_target(name, tags={"Role": [name]})
    role = MaintenanceWindowRole(stack, "Role").role
    assert _refused(
        lambda: window.add_run_command_task(
            "T", document="AWS-RunPatchBaseline", role=role, max_concurrency="1", max_errors="1"
        )
    ) == (
        "S/W/T/Resource: targets "
        + _message("name 3 window targets for one task", 2, "targets_per_task")
        + "; the task runs on every target of its window (as a task without targets does), "
        "so name at most 2 of them in its targets",
    )
    task = window.add_run_command_task(
        "U",
        document="AWS-RunPatchBaseline",
        role=role,
        max_concurrency="1",
        max_errors="1",
        targets=window.targets[:2],
    )
    assert len(task.targets) == 2


def test_instance_ids_past_the_quota_are_refused() -> None:
    window = _window(_stack(instance_ids_per_target=2))
    ids = ["i-0123456789abcdef0", "i-0123456789abcdef1", "i-0123456789abcdef2"]
    assert _refused(
        lambda: window.add_target("A", selector=TargetSelector.by_instance_ids(ids))
    ) == (
        "S/W/A/Resource: selector "
        + _message("name 3 instance ids in one target", 2, "instance_ids_per_target"),
    )


def test_a_bad_quota_is_refused_where_it_is_made() -> None:
    assert _refused(lambda: Quotas(tasks_per_window=0, instance_ids_per_target=51)) == (
        "Quotas: tasks_per_window must be a positive integer (the quota Service Quotas shows), "
        "got 0",
        "Quotas: instance_ids_per_target must be at most 50: one target's Targets entry takes "
        "at most 50 values whatever the quota, got 51",
    )


# -- outputs that scale -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many_windows() -> tuple[Any, dict[str, Any], Any]:
    """67 windows of the lab (1 + 67 x 3 = 202 outputs the old way), the quota raised."""
    settings = lab_settings()
    window = settings["windows"][0]
    settings["windows"] = [{**window, "name": f"Window{i:03d}"} for i in range(67)]
    settings["quotas"] = {"windows": 67}
    return synth_config(settings)


def test_past_200_outputs_each_window_has_one(
    many_windows: tuple[Any, dict[str, Any], Any],
) -> None:
    stack, template, _ = many_windows
    outputs = template["Outputs"]
    assert stack.compact_outputs
    assert len(outputs) == 1 + 67
    ids = [key for key in outputs if key.startswith("Window000")]
    assert len(ids) == 1
    assert ids[0].startswith("Window000Ids")
    value = outputs[ids[0]]["Value"]["Fn::Join"]
    text = "".join(part if isinstance(part, str) else "<ref>" for part in value[1])
    assert text.startswith('{"WindowId":"<ref>","Targets":{"TestWebServers":"<ref>"}')
    assert '"Tasks":{"PatchTestWorkloadWebServers":"<ref>"}' in text


def test_a_small_stack_keeps_one_output_per_window_target_and_task(
    lab: tuple[Any, dict[str, Any], Any],
) -> None:
    stack, template, _ = lab
    assert not stack.compact_outputs
    assert sorted(key[:-8] for key in template["Outputs"] if key != "RoleArn") == [
        "PatchTestWorkloadWebServersTargetTestWebServersTargetId",
        "PatchTestWorkloadWebServersTaskPatchTestWorkloadWebServersTaskId",
        "PatchTestWorkloadWebServersWindowId",
    ]


def bad_settings() -> Iterator[dict[str, Any]]:
    """Every configuration past a quota (tests/unit/test_refusals.py reaches each refusal of
    the reader with them)."""
    for key in ("windows", "tasks_per_window", "targets_per_window", "targets_per_task"):
        yield past_quota(lab_settings(), key, getattr(Quotas(), key) + 1)
    settings = past_quota(lab_settings(), "instance_ids_per_target", 3)
    settings["quotas"] = {"instance_ids_per_target": 2}
    yield settings
    settings = lab_settings()
    settings["quotas"] = {"window": 60, "tasks_per_window": "30"}
    yield settings
