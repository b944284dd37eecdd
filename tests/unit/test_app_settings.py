"""Wrong cdk.json values stop the app with one exact `error:` line each and exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import app
from patch_window import PatchWindowConfig, PatchWindowValidationError
from tests.conftest import ROOT, cdk_context, lab_settings

DELETE = object()
W = "patch_window.windows[0]"


def mutate(path: str, value: Any) -> dict[str, Any]:
    """The lab settings with the value at dotted ``path`` replaced (or deleted)."""
    settings = lab_settings()
    *parents, last = path.split(".")
    node: Any = settings
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if value is DELETE:
        del node[key]
    else:
        node[key] = value
    return settings


def run_app(settings: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """app.main() as `cdk synth` runs it, with ``settings`` as the patch_window context."""
    status = app.main({"CDK_CONTEXT_JSON": json.dumps(cdk_context(settings))})
    return status, capsys.readouterr().err.splitlines()


BAD_SETTINGS = [
    # types
    ("windows", {}, "patch_window.windows: must be a list, got dict (an object)"),
    (
        "windows.0.duration_hours",
        "3",
        f"{W}.duration_hours: must be an integer, got '3' (a string)",
    ),
    (
        "windows.0.allow_unassociated_targets",
        "yes",
        f"{W}.allow_unassociated_targets: must be a boolean, got 'yes' (a string)",
    ),
    ("windows.0.cutoff_hours", True, f"{W}.cutoff_hours: must be an integer, got True (a boolean)"),
    ("windows.0.name", 42, f"{W}.name: must be a string, got 42 (an integer)"),
    (
        "windows.0",
        "PatchTestWorkloadWebServers",
        f"{W}: must be an object, got 'PatchTestWorkloadWebServers' (a string)",
    ),
    (
        "windows.0.targets.0.tags.Workload",
        "Test",
        f"{W}.targets[0].tags.Workload: must be a list, got 'Test' (a string)",
    ),
    (
        "windows.0.tasks.0.parameters.Operation",
        [1],
        f"{W}.tasks[0].parameters.Operation[0]: must be a string, got 1 (an integer)",
    ),
    (
        "windows.0.tasks.0.max_errors",
        1,
        f"{W}.tasks[0].max_errors: must be a string, got 1 (an integer)",
    ),
    (
        "role.trusted_services",
        "ssm.amazonaws.com",
        "patch_window.role.trusted_services: must be a list, got 'ssm.amazonaws.com' (a string)",
    ),
    (
        "pass_role.group_names.0",
        None,
        "patch_window.pass_role.group_names[0]: must be a string, got None (null)",
    ),
    # required keys
    ("windows", DELETE, "patch_window.windows: is required but missing"),
    ("windows.0.schedule", DELETE, f"{W}.schedule: is required but missing"),
    ("windows.0.targets.0.tags", DELETE, f"{W}.targets[0].tags: is required but missing"),
    ("windows.0.tasks.0.document", DELETE, f"{W}.tasks[0].document: is required but missing"),
    (
        "pass_role.group_names",
        DELETE,
        "patch_window.pass_role.group_names: is required but missing",
    ),
    # unknown keys
    (
        "windows.0.duraton_hours",
        3,
        f"{W}.duraton_hours: unknown key; did you mean 'duration_hours'?",
    ),
    (
        "role.trust",
        [],
        "patch_window.role.trust: unknown key; allowed: description, policy, "
        "restrict_source_account, role_name, trusted_services",
    ),
    (
        "windows.0.tasks.0.zzz",
        1,
        f"{W}.tasks[0].zzz: unknown key; allowed: comment, cutoff_behavior, description, document, "
        "document_version, max_concurrency, max_errors, name, parameters, priority, targets, "
        "timeout_seconds",
    ),
    # values
    (
        "windows.0.cutoff_hours",
        3,
        f"{W}.cutoff_hours: must be less than the duration (3 hours), got 3 hours: "
        "no task could ever start",
    ),
    ("windows.0.duration_hours", 25, f"{W}.duration_hours: must be 1-24 hours, got 25"),
    ("windows.0.cutoff_hours", -1, f"{W}.cutoff_hours: must be 0-23 hours, got -1"),
    (
        "windows.0.name",
        "Patch Window",
        f"{W}.name: must be 3-128 characters, each a letter, digit, '-', '_' or '.', "
        "got 'Patch Window'",
    ),
    (
        "windows.0.targets.0.name",
        "ab",
        f"{W}.targets[0].name: must be 3-128 characters, each a letter, digit, '-', '_' or '.', "
        "got 'ab'",
    ),
    (
        "windows.0.tasks.0.max_concurrency",
        "0",
        f"{W}.tasks[0].max_concurrency: must be a number of targets (1 or more) or a percentage "
        "(1%-100%), got '0'",
    ),
    ("windows.0.tasks.0.priority", -1, f"{W}.tasks[0].priority: must be 0 or more, got -1"),
    (
        "windows.0.tasks.0.targets",
        ["WebServers"],
        f"{W}.tasks[0].targets[0]: names no target of this window, got 'WebServers'; "
        "targets: TestWebServers",
    ),
    (
        "windows.0.targets.0.tags",
        {},
        f"{W}.targets[0].tags: must name at least one tag key with values, got none",
    ),
    (
        "role.role_name",
        "SSM Maintenance",
        "patch_window.role.role_name: must be 1-64 characters, each a letter, digit or one of "
        "'+=,.@_-', got 'SSM Maintenance'",
    ),
    (
        "role.trusted_services",
        ["ssm"],
        "patch_window.role.trusted_services[0]: must be a service principal such as "
        "'ssm.amazonaws.com', got 'ssm'",
    ),
    (
        "pass_role.group_names",
        ["Admin istrators"],
        "patch_window.pass_role.group_names[0]: must be 1-128 characters, each a letter, digit or "
        "one of '+=,.@_-', got 'Admin istrators'",
    ),
    (
        "stack_name",
        "Patch_Window",
        "patch_window.stack_name: must start with a letter and hold only letters, digits and '-', "
        "at most 128 characters, got 'Patch_Window'",
    ),
    (
        "windows.0.schedule_timezone",
        "Mars/Olympus",
        f"{W}.schedule_timezone: must be an IANA time zone name such as 'Europe/London' or 'UTC', "
        "got 'Mars/Olympus'",
    ),
    (
        "windows.0.tasks.0.cutoff_behavior",
        "STOP",
        f"{W}.tasks[0].cutoff_behavior: must be one of CONTINUE_TASK, CANCEL_TASK, got 'STOP'",
    ),
    (
        "windows.0.tasks.0.timeout_seconds",
        10,
        f"{W}.tasks[0].timeout_seconds: must be 30-2592000 seconds, got 10",
    ),
    (
        "windows.0.start_date",
        "2026-04-07",
        f"{W}.start_date: must be an ISO 8601 date-time with a UTC offset, such as "
        "'2026-04-07T14:29:00-08:00', got '2026-04-07'",
    ),
    # the task role's policy (issue #4)
    (
        "role.policy",
        "strict",
        "patch_window.role.policy: must be one of aws-managed, least-privilege, got 'strict'",
    ),
    (
        "role.restrict_source_account",
        "yes",
        "patch_window.role.restrict_source_account: must be a boolean, got 'yes' (a string)",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    BAD_SETTINGS,
    ids=[f"{case[0]}={case[1]!r}"[:60] for case in BAD_SETTINGS],
)
def test_bad_setting_stops_with_one_exact_error_line(
    path: str, value: Any, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = run_app(mutate(path, value), capsys)
    assert (status, lines) == (2, [f"error: {expected}"])


def test_every_problem_is_reported_before_exiting(capsys: pytest.CaptureFixture[str]) -> None:
    settings = mutate("windows.0.duration_hours", 30)
    settings["windows"][0]["tasks"][0]["max_errors"] = "many"
    status, lines = run_app(settings, capsys)
    assert status == 2
    assert lines == [
        f"error: {W}.duration_hours: must be 1-24 hours, got 30",
        f"error: {W}.tasks[0].max_errors: must be a number of errors (0 or more) or a "
        "percentage (0%-100%), got 'many'",
    ]


def test_missing_patch_window_key_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    context = {k: v for k, v in cdk_context().items() if k != "patch_window"}
    status = app.main({"CDK_CONTEXT_JSON": json.dumps(context)})
    assert status == 2
    assert capsys.readouterr().err == "error: patch_window: is required in cdk.json's context\n"


def test_duplicate_window_names_are_rejected() -> None:
    settings = lab_settings()
    settings["windows"].append(settings["windows"][0])
    with pytest.raises(PatchWindowValidationError) as caught:
        PatchWindowConfig.from_context(settings)
    assert caught.value.problems == (
        "patch_window.windows[1]: duplicate window name 'PatchTestWorkloadWebServers'; "
        "each window needs its own name",
    )


def test_lab_settings_parse_into_the_lab_values() -> None:
    config = PatchWindowConfig.from_context(lab_settings())
    window = config.windows[0]
    assert (window.name, window.schedule, window.duration_hours, window.cutoff_hours) == (
        "PatchTestWorkloadWebServers",
        "cron(0 2 ? * * *)",
        3,
        1,
    )
    assert dict(window.targets[0].tags) == {"Workload": ("Test",), "InstanceRole": ("WebServer",)}
    assert window.tasks[0].targets is None  # every target of the window
    assert config.pass_role is not None
    assert config.pass_role.group_names == ("Administrators",)


def test_python_app_py_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    """The real process: exit status and stderr exactly as a user sees them."""
    settings = mutate("windows.0.cutoff_hours", 5)
    env = {**os.environ, "CDK_CONTEXT_JSON": json.dumps(cdk_context(settings))}
    env["CDK_OUTDIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {W}.cutoff_hours: must be less than the duration (3 hours), got 5 hours: "
        "no task could ever start\n"
    )


def test_role_policy_defaults_to_least_privilege() -> None:
    settings = lab_settings()
    del settings["role"]["policy"]
    config = PatchWindowConfig.from_context(settings)
    assert (config.role.policy, config.role.restrict_source_account) == ("least-privilege", False)


def test_lab_role_keeps_the_aws_managed_policy() -> None:
    assert PatchWindowConfig.from_context(lab_settings()).role.policy == "aws-managed"
