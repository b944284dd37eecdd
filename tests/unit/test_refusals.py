"""Every refusal guarded: the app prints its exact ``error:`` lines with exit status 2, and the
library raises its exact :class:`PatchWindowValidationError`.

``REFUSALS`` holds the reader's own checks (duplicate names, dates in order, forms, the
scan-then-install pattern...). Every place in the reader that refuses a value must be reached
by a case here, in ``test_app_settings`` or in ``test_agreement``: removing a check then fails
its case instead of turning an ``error:`` line into a traceback from aws-cdk-lib. The rule-table
rows of ``test_agreement`` run here through ``app.main`` too, each with its exact line.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest

import app
from patch_window import MaintenanceWindow, PatchWindowValidationError, Schedule
from patch_window.app import reader
from patch_window.app.reader import read_settings
from tests.conftest import cdk_context, lab_settings, scan_then_install_settings
from tests.unit import (
    test_agreement,
    test_app_settings,
    test_deployment_settings,
    test_quotas,
)

W = "patch_window.windows[0]"
P = "patch_window.scan_then_install[0]"
Edit = Callable[[], dict[str, Any]]


def _lab(edit: Callable[[dict[str, Any]], None]) -> Edit:
    def build() -> dict[str, Any]:
        settings = lab_settings()
        edit(settings)
        return settings

    return build


def _pattern(edit: Callable[[dict[str, Any]], None]) -> Edit:
    def build() -> dict[str, Any]:
        settings = scan_then_install_settings()
        edit(settings)
        return settings

    return build


def _window(settings: dict[str, Any]) -> dict[str, Any]:
    window: dict[str, Any] = settings["windows"][0]
    return window


def _phase(settings: dict[str, Any], **values: Any) -> None:
    settings["scan_then_install"][0]["scan"].update(values)


def _target(target: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda s: _window(s)["targets"].__setitem__(0, {"name": "TestWebServers", **target})


def _baselines(edit: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, Any]], None]:
    """The example's two patch baselines, then ``edit``."""

    def change(settings: dict[str, Any]) -> None:
        example = json.loads((Path(__file__).parents[2] / "examples/baselines.json").read_text())
        settings["patch_baselines"] = example["patch_baselines"]
        edit(settings)

    return change


def _baseline_copy(
    settings: dict[str, Any], *, first: dict[str, Any] | None = None, **changes: Any
) -> None:
    """A copy of the first baseline with ``changes``, after changing the first by ``first``."""
    settings["patch_baselines"][0].update(first or {})
    copied = json.loads(json.dumps(settings["patch_baselines"][0]))
    settings["patch_baselines"].append({**copied, **changes})


def _task_copy(
    settings: dict[str, Any], *, first: dict[str, Any] | None = None, **changes: Any
) -> None:
    """A copy of the first task with ``changes``, after changing the first by ``first``."""
    _window(settings)["tasks"][0].update(first or {})
    _window(settings)["tasks"].append({**_window(settings)["tasks"][0], **changes})


REFUSALS: dict[str, tuple[Edit, list[str] | None]] = {
    "duplicate window name": (
        _lab(lambda s: s["windows"].append(s["windows"][0])),
        [
            "patch_window.windows[1]: duplicate window name 'PatchTestWorkloadWebServers'; each "
            "window needs its own name"
        ],
    ),
    "duplicate target name": (
        _lab(lambda s: _window(s)["targets"].append(dict(_window(s)["targets"][0]))),
        [f"{W}.targets[1]: duplicate target name 'TestWebServers'; each target needs its own name"],
    ),
    "duplicate task name": (
        _lab(lambda s: _window(s)["tasks"].append(dict(_window(s)["tasks"][0]))),
        [
            f"{W}.tasks[1]: duplicate task name 'PatchTestWorkloadWebServers'; each task needs "
            "its own name"
        ],
    ),
    "end date before start date": (
        _lab(
            lambda s: _window(s).update(
                start_date="2030-01-02T00:00:00+00:00", end_date="2030-01-01T00:00:00+00:00"
            )
        ),
        [
            f"{W}.end_date: must be after the start date (2030-01-02T00:00:00+00:00), got "
            "2030-01-01T00:00:00+00:00"
        ],
    ),
    "schedule offset on a rate": (
        _lab(lambda s: _window(s).update(schedule="rate(1 day)", schedule_offset=2)),
        [f"{W}.schedule_offset: is allowed only with a cron(...) schedule, got 'rate(1 day)'"],
    ),
    "run command without any target": (
        _lab(lambda s: _window(s).pop("targets")),
        [f"{W}.tasks[0].targets: a Run Command task needs a target; the window has none"],
    ),
    "rate control on a targetless task": (
        _lab(
            lambda s: _window(s)["tasks"].append(
                {"name": "Report", "type": "LAMBDA", "function": "Fn", "max_errors": "1"}
            )
        ),
        [
            f"{W}.tasks[1].max_errors: must be left out of a targetless LAMBDA task (no "
            "targets), got '1'"
        ],
    ),
    "resource group types": (
        _lab(_target({"resource_group": {"name": "web", "resource_types": ["AWS::Bogus"]}})),
        [
            f"{W}.targets[0].resource_group.resource_types: must be resource types such as "
            "'AWS::EC2::Instance', got 'AWS::Bogus'"
        ],
    ),
    "no tag keys": (
        _lab(_target({"tag_keys": []})),
        [f"{W}.targets[0].tag_keys: must name at least one tag key, got none"],
    ),
    "instance ids": (
        _lab(_target({"instance_ids": ["x"]})),
        [
            f"{W}.targets[0].instance_ids: must be instance ids such as 'i-0123456789abcdef0' "
            "or 'mi-0123456789abcdef0', got 'x'"
        ],
    ),
    "a tag without values": (
        _lab(_target({"tags": {"Role": []}})),
        [f"{W}.targets[0].tags: tag 'Role' must have 1-50 values, got none"],
    ),
    "no windows": (
        _lab(lambda s: s.update(windows=[])),
        ["patch_window.windows: must list at least one window, got []"],
    ),
    "pattern without target or phases": (
        _pattern(lambda s: s.update(scan_then_install=[{"name": "WebServers"}])),
        [
            f"{P}.target: is required but missing",
            f"{P}.scan: is required but missing",
            f"{P}.install: is required but missing",
        ],
    ),
    "pattern named like a window": (
        _pattern(
            lambda s: s.update(windows=[{**lab_settings()["windows"][0], "name": "WebServers"}])
        ),
        [
            f"{P}: duplicate scan_then_install name 'WebServers'; each scan_then_install needs "
            "its own name"
        ],
    ),
    "two patterns with one name": (
        _pattern(lambda s: s["scan_then_install"].append(s["scan_then_install"][0])),
        [
            "patch_window.scan_then_install[1]: duplicate scan_then_install name 'WebServers'; "
            "each scan_then_install needs its own name"
        ],
    ),
    "phase cutoff at its duration": (
        _pattern(lambda s: _phase(s, cutoff_hours=2)),
        [
            f"{P}.scan.cutoff_hours: must be less than the duration (2 hours), got 2 hours: no "
            "task could ever start"
        ],
    ),
    "phase offset on a rate": (
        _pattern(lambda s: _phase(s, schedule="rate(1 day)", schedule_offset=1)),
        [f"{P}.scan.schedule_offset: is allowed only with a cron(...) schedule, got 'rate(1 day)'"],
    ),
    "phase duration of the wrong type": (
        _pattern(lambda s: _phase(s, duration_hours="2")),
        [f"{P}.scan.duration_hours: must be an integer, got '2' (a string)"],
    ),
    "phase with an unknown key": (
        _pattern(lambda s: _phase(s, colour=1)),
        [
            f"{P}.scan.colour: unknown key; allowed: cutoff_hours, duration_hours, "
            "max_concurrency, max_errors, output_key_prefix, schedule, schedule_offset, "
            "schedule_timezone"
        ],
    ),
    "pattern reboot option": (
        _pattern(lambda s: s["scan_then_install"][0].update(reboot_option="Always")),
        [f"{P}.reboot_option: must be one of RebootIfNeeded, NoReboot, got 'Always'"],
    ),
    "pattern output bucket": (
        _pattern(lambda s: s["scan_then_install"][0].update(output_bucket_name="Bad_Bucket")),
        None,  # the bucket rule's words are pinned by test_agreement; here: one line, exit 2
    ),
    "pattern target form": (
        _pattern(lambda s: s["scan_then_install"][0]["target"].update(tag_keys=["Patch Group"])),
        [
            f"{P}.target: must select instances with exactly one of tags, tag_keys, "
            "instance_ids, resource_group, patch_group, got tags and tag_keys"
        ],
    ),
    "pattern phase with its schedule misspelled (once a TypeError)": (
        _pattern(
            lambda s: s["scan_then_install"][0]["scan"].update(
                shedule=s["scan_then_install"][0]["scan"].pop("schedule")
            )
        ),
        [
            f"{P}.scan.shedule: unknown key; did you mean 'schedule'?",
            f"{P}.scan.schedule: is required but missing",
        ],
    ),
    "scan_then_install of the wrong type": (
        _pattern(lambda s: s.update(scan_then_install={})),
        ["patch_window.scan_then_install: must be a list, got dict (an object)"],
    ),
    "text read as a token": (
        _lab(lambda s: _window(s).__setitem__("description", "${Token[TOKEN.12]}")),
        [
            "patch_window.windows[0].description: must not contain '${Token[': aws-cdk-lib reads "
            "it as a reference to a value of the app (a token), got '${Token[TOKEN.12]}'",
        ],
    ),
    "a key JavaScript reads as the prototype": (
        _lab(lambda s: _window(s)["tasks"][0]["parameters"].__setitem__("__proto__", ["x"])),
        [
            "patch_window.windows[0].tasks[0].parameters.__proto__: the key '__proto__' cannot be "
            "passed through aws-cdk-lib's JavaScript runtime, where it names an object's prototype",
        ],
    ),
    "a window named like a pattern's window": (
        _pattern(
            lambda s: s.update(
                windows=[
                    {
                        **lab_settings()["windows"][0],
                        "name": s["scan_then_install"][0]["name"] + "-Scan",
                    }
                ]
            )
        ),
        [
            "patch_window.windows[0].name: duplicate window name 'WebServers-Scan': "
            "scan_then_install[0] names one of its windows so; each window needs its own name",
        ],
    ),
    "a window named like a construct id the stack uses": (
        _lab(lambda s: _window(s).__setitem__("name", "MaintenanceWindowRole")),
        [
            "patch_window.windows[0].name: must differ from the construct id of the task role in "
            "this stack, got 'MaintenanceWindowRole'",
        ],
    ),
    "patch group under a tag key Patch Manager ignores": (
        _lab(_target({"patch_group": {"name": "WebServers", "tag_key": "Group"}})),
        [
            "patch_window.windows[0].targets[0].patch_group: tag key must be one of 'PatchGroup', "
            "'Patch Group', the keys Patch Manager reads, got 'Group'",
        ],
    ),
    "duplicate patch baseline name": (
        _lab(_baselines(lambda s: _baseline_copy(s, patch_groups=[]))),
        [
            "patch_window.patch_baselines[2]: duplicate patch baseline name "
            "'AmazonLinux2023-SecurityFirst'; each patch baseline needs its own name",
        ],
    ),
    "two default baselines for one system": (
        _lab(
            _baselines(
                lambda s: _baseline_copy(
                    s, name="Other", default=True, patch_groups=[], first={"default": True}
                )
            )
        ),
        [
            "patch_window.patch_baselines[2].default: 'Other' cannot also be the default baseline "
            "for AMAZON_LINUX_2023: 'AmazonLinux2023-SecurityFirst' is; an operating system has "
            "one default baseline",
        ],
    ),
    "two baselines for one patch group": (
        _lab(_baselines(lambda s: _baseline_copy(s, name="Other"))),
        [
            "patch_window.patch_baselines[2].patch_groups: patch group 'WebServers-AL2023' "
            "already has baseline 'AmazonLinux2023-SecurityFirst' for AMAZON_LINUX_2023; a patch "
            "group has one baseline per operating system",
        ],
    ),
    "approval rule without a delay": (
        _lab(
            _baselines(
                lambda s: s["patch_baselines"][0]["approval_rules"][0].pop("approve_after_days")
            )
        ),
        [
            "patch_window.patch_baselines[0].approval_rules[0]: needs approve_after_days or "
            "approve_until_date on AMAZON_LINUX_2023, got neither",
        ],
    ),
    "duplicate task id": (
        _lab(lambda s: _task_copy(s, name="Other", id=_window(s)["tasks"][0]["name"])),
        [
            "patch_window.windows[0].tasks[1]: duplicate task id 'PatchTestWorkloadWebServers' "
            "(an id, or the name of a task without one); each task needs its own id",
        ],
    ),
    "one log group created and imported": (
        _lab(
            lambda s: _task_copy(
                s,
                name="Other",
                output={"cloudwatch": {"log_group_name": "/patching"}},
                first={"output": {"cloudwatch": {"log_group_name": "/patching", "create": True}}},
            )
        ),
        [
            "patch_window.windows[0].tasks[1].output.cloudwatch.create: log group '/patching' is "
            "created by an earlier task, got create: false; every task naming it must agree",
        ],
    ),
}


def _run_app(settings: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = app.main({"CDK_CONTEXT_JSON": json.dumps(cdk_context(settings))})
    return status, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_the_app_refuses_with_exact_lines_and_exit_2(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    edit, expected = REFUSALS[case]
    status, lines = _run_app(edit(), capsys)
    assert status == 2
    if expected is None:
        assert len(lines) == 1
        assert lines[0].startswith(f"error: {P}.output_bucket_name: must be an S3 bucket name")
    else:
        assert lines == [f"error: {line}" for line in expected]


# -- the rule-table rows, through app.main and through the library ---------------------------


def _library_problem(build: Callable[[], object], label: str) -> tuple[str, str]:
    """``(construct path, problem)`` of the library's one line for ``label``."""
    with pytest.raises(PatchWindowValidationError) as raised:
        build()
    assert type(raised.value) is PatchWindowValidationError
    lines = [
        (match[1], match[2])
        for line in raised.value.problems
        if (match := re.fullmatch(rf"(S(?:/\w+)*|Quotas): {re.escape(label)} (.+)", line))
    ]
    assert len(lines) == 1, raised.value.problems
    return lines[0]


AGREEMENT = {
    **{".".join(map(str, key)): case for key, case in test_agreement.CASES.items()},
    **{f"{key[0]}.{key[1]}": case for key, case in test_agreement.PAIR_CASES.items()},
}


@pytest.mark.parametrize("row", sorted(AGREEMENT))
def test_each_rule_row_is_an_exact_app_line_and_an_exact_library_error(
    row: str, capsys: pytest.CaptureFixture[str]
) -> None:
    edit, path, build, label = AGREEMENT[row]
    path = re.sub(r"\.(\d+)", r"[\1]", path)
    _, problem = _library_problem(build, label)
    settings = lab_settings()
    settings.setdefault("pass_role", {"group_names": ["Administrators"]})
    edit(settings)
    status, lines = _run_app(settings, capsys)
    assert status == 2
    assert all(line.startswith("error: patch_window") for line in lines), lines
    assert f"error: patch_window.{path}: {problem}" in lines


# -- every refusing line of the reader is reached ---------------------------------------------

READER = Path(reader.__file__)
REFUSING_CALLS = {"fail", "check", "unique_names"}


def _refusing_lines() -> set[int]:
    """Lines of the reader that call ``fail``, ``check`` or ``unique_names`` (definitions of
    those three aside)."""
    tree = ast.parse(READER.read_text())
    return {
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in REFUSING_CALLS
    }


@contextmanager
def _refusals_reached() -> Iterator[set[int]]:
    """Reader lines on the stack each time the reader records a problem."""
    reached: set[int] = set()
    original = reader._Reader.fail

    def fail(self: Any, path: str, problem: str) -> None:
        frame = sys._getframe(1)
        while frame is not None:
            if Path(frame.f_code.co_filename) == READER:
                reached.add(frame.f_lineno)
            frame = frame.f_back  # type: ignore[assignment]
        original(self, path, problem)

    reader._Reader.fail = fail  # type: ignore[method-assign]
    try:
        yield reached
    finally:
        reader._Reader.fail = original  # type: ignore[method-assign]


def _every_bad_setting() -> Iterator[Any]:
    for edit, _ in REFUSALS.values():
        yield edit()
    yield from test_deployment_settings.bad_settings()
    yield from test_quotas.bad_settings()
    for path, value, _ in test_app_settings.BAD_SETTINGS:
        yield test_app_settings.mutate(path, value)
    for change, *_ in AGREEMENT.values():
        settings = lab_settings()
        settings.setdefault("pass_role", {"group_names": ["Administrators"]})
        change(settings)
        yield settings
    settings = lab_settings()
    first = settings["windows"][0]["tasks"][0]
    settings["windows"][0]["tasks"] = [
        {
            **first,
            "name": f"Task{days}",
            "output": {"cloudwatch": {**created, "retention_days": days}},
        }
        for days in (30, 60)
        for created in ({"log_group_name": "/patching", "create": True},)
    ]
    yield settings


def test_every_refusal_in_the_reader_is_reached_by_a_case() -> None:
    with _refusals_reached() as reached:
        for settings in _every_bad_setting():
            with pytest.raises(PatchWindowValidationError):
                read_settings(settings)
    assert sorted(_refusing_lines() - reached) == []


# -- the library's own name checks ------------------------------------------------------------


def test_the_library_refuses_two_tasks_with_one_name() -> None:
    window = MaintenanceWindow(
        cdk.Stack(cdk.App(), "S"),
        "W",
        schedule=Schedule.expression("rate(1 day)"),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
    target = window.add_target("T", tags={"Role": ["Web"]})
    role = iam.Role(window, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    props: dict[str, Any] = {
        "document": "AWS-RunPatchBaseline",
        "role": role,
        "targets": [target],
        "max_concurrency": "1",
        "max_errors": "1",
        "parameters": {"Operation": ["Install"]},
        "name": "Patch",
    }
    window.add_run_command_task("First", **props)
    with pytest.raises(PatchWindowValidationError) as raised:
        window.add_run_command_task("Second", **props)
    assert type(raised.value) is PatchWindowValidationError
    assert raised.value.problems == (
        "S/W/Second/Resource: name 'Patch' is already the name of another task of this window",
    )
