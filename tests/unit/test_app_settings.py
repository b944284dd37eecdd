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
from patch_window import PatchWindowValidationError
from patch_window.app.reader import read_settings
from patch_window.app.settings import (
    CloudWatchOutputConfig,
    NotificationsConfig,
    OutputConfig,
    S3OutputConfig,
)
from tests.conftest import ROOT, cdk_context, lab_settings


class _Delete:
    """Marks a key to delete; its repr keeps test ids stable across processes."""

    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()
W = "patch_window.windows[0]"
T = f"{W}.tasks[0]"


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
    (
        "windows.0.targets.0.tags",
        DELETE,
        f"{W}.targets[0]: must select instances with exactly one of tags, tag_keys, "
        "instance_ids, resource_group, patch_group, got none",
    ),
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
        "document_version, id, max_concurrency, max_errors, name, notifications, output, "
        "parameters, priority, targets, timeout_seconds, type",
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
    ("windows.0.tasks.0.priority", -1, f"{W}.tasks[0].priority: must be 0-2147483647, got -1"),
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
    # issue 3: the complete rule set
    (
        "windows.0.schedule",
        "cron(0 2 * * * *)",
        f"{W}.schedule: 'cron(0 2 * * * *)': exactly one of day-of-month and day-of-week must be "
        "'?', got '*' and '*'",
    ),
    (
        "windows.0.schedule",
        "daily",
        f"{W}.schedule: 'daily': must be cron(...), rate(...) or at(...)",
    ),
    (
        "windows.0.schedule",
        "rate(1 minutes)",
        f"{W}.schedule: 'rate(1 minutes)': unit must be singular when the value is 1 "
        "('minute'), got 'minutes'",
    ),
    (
        "windows.0.schedule",
        "cron(0/2 * ? * * *)",
        f"{W}.schedule: 'cron(0/2 * ? * * *)': minutes field '0/2' runs as often as every 2 "
        "minutes (minute 0, then minute 2); maintenance windows allow at most one run every "
        "5 minutes",
    ),
    (
        "windows.0.schedule",
        "at(2026-02-30T00:00:00)",
        f"{W}.schedule: 'at(2026-02-30T00:00:00)': '2026-02-30T00:00:00' is not a real date-time: "
        "day 30 is out of range 01-28 for 2026-02",
    ),
    (
        "windows.0.schedule",
        "cron(0 25 ? * * *)",
        f"{W}.schedule: 'cron(0 25 ? * * *)': hours field '25' is out of range 0-23",
    ),
    ("windows.0.schedule_offset", 7, f"{W}.schedule_offset: must be 1-6 days, got 7"),
    (
        "windows.0.schedule_offset",
        "2",
        f"{W}.schedule_offset: must be an integer, got '2' (a string)",
    ),
    (
        "windows.0.end_date",
        "2026-04-07T14:29:00",
        f"{W}.end_date: must be an ISO 8601 date-time with a UTC offset, such as "
        "'2026-04-07T14:29:00-08:00', got '2026-04-07T14:29:00'",
    ),
    (
        "windows.0.description",
        "",
        f"{W}.description: must be 1-128 characters long, got 0 characters",
    ),
    (
        "windows.0.description",
        "x" * 129,
        f"{W}.description: must be 1-128 characters long, got 129 characters",
    ),
    (
        "windows.0.name",
        "x" * 129,
        f"{W}.name: must be 3-128 characters, each a letter, digit, '-', '_' or '.', "
        f"got '{'x' * 129}'",
    ),
    ("windows.0.duration_hours", 0, f"{W}.duration_hours: must be 1-24 hours, got 0"),
    ("windows.0.cutoff_hours", 24, f"{W}.cutoff_hours: must be 0-23 hours, got 24"),
    (
        "windows.0.duration_hours",
        2.5,
        f"{W}.duration_hours: must be an integer, got 2.5 (a number)",
    ),
    (
        "windows.0.targets.0.description",
        "x" * 129,
        f"{W}.targets[0].description: must be 1-128 characters long, got 129 characters",
    ),
    (
        "windows.0.targets.0.owner_information",
        "",
        f"{W}.targets[0].owner_information: must be 1-128 characters long, got 0 characters",
    ),
    (
        "windows.0.targets.0.tags",
        {"Work load!": ["Test"]},
        f"{W}.targets[0].tags: tag key must be 1-128 characters, each a letter, digit, space or "
        "one of '_.:/=-@', got 'Work load!'",
    ),
    (
        "windows.0.targets.0.tags",
        {"k" * 129: ["v"]},
        f"{W}.targets[0].tags: tag key must be 1-128 characters, each a letter, digit, space or "
        f"one of '_.:/=-@', got '{'k' * 129}'",
    ),
    (
        "windows.0.targets.0.tags",
        {"Workload": []},
        f"{W}.targets[0].tags: tag 'Workload' must have 1-50 values, got none",
    ),
    (
        "windows.0.targets.0.tags",
        {"Workload": [str(i) for i in range(51)]},
        f"{W}.targets[0].tags: tag 'Workload' must have at most 50 values, got 51",
    ),
    (
        "windows.0.targets.0.tags",
        {f"k{i}": ["v"] for i in range(6)},
        f"{W}.targets[0].tags: must have at most 5 tag keys, got 6",
    ),
    (
        "windows.0.targets.0.tags",
        {"Workload": ["Test", "Test"]},
        f"{W}.targets[0].tags: tag 'Workload' must list each value once, got 'Test' more than once",
    ),
    ("windows.0.targets.0", [], f"{W}.targets[0]: must be an object, got list (a list)"),
    (
        "windows.0.tasks.0.max_errors",
        "101%",
        f"{W}.tasks[0].max_errors: must be a number of errors (0 or more) or a percentage "
        "(0%-100%), got '101%'",
    ),
    (
        "windows.0.tasks.0.max_concurrency",
        "101%",
        f"{W}.tasks[0].max_concurrency: must be a number of targets (1 or more) or a percentage "
        "(1%-100%), got '101%'",
    ),
    (
        "windows.0.tasks.0.priority",
        "1",
        f"{W}.tasks[0].priority: must be an integer, got '1' (a string)",
    ),
    (
        "windows.0.tasks.0.document_version",
        "latest",
        f"{W}.tasks[0].document_version: must be '$DEFAULT', '$LATEST' or a version number such "
        "as '3', got 'latest'",
    ),
    (
        "windows.0.tasks.0.comment",
        "c" * 101,
        f"{W}.tasks[0].comment: must be 0-100 characters long, got 101 characters",
    ),
    (
        "windows.0.tasks.0.timeout_seconds",
        2_592_001,
        f"{W}.tasks[0].timeout_seconds: must be 30-2592000 seconds, got 2592001",
    ),
    (
        "windows.0.tasks.0.description",
        "",
        f"{W}.tasks[0].description: must be 1-128 characters long, got 0 characters",
    ),
    (
        "windows.0.tasks.0.targets",
        [],
        f"{W}.tasks[0].targets: must name at least one target, got []",
    ),
    (
        "windows.0.tasks.0.parameters",
        ["Operation=Install"],
        f"{W}.tasks[0].parameters: must be an object, got list (a list)",
    ),
    (
        "windows.0.tasks.0.cutoff_behavior",
        "cancel_task",
        f"{W}.tasks[0].cutoff_behavior: must be one of CONTINUE_TASK, CANCEL_TASK, "
        "got 'cancel_task'",
    ),
    ("windows", [], "patch_window.windows: must list at least one window, got []"),
    (
        "pass_role.policy_name",
        "Pass Role",
        "patch_window.pass_role.policy_name: must be 1-128 characters, each a letter, digit or one "
        "of '+=,.@_-', got 'Pass Role'",
    ),
    (
        "role.description",
        "d" * 1001,
        "patch_window.role.description: must be 0-1000 characters long, got 1001 characters",
    ),
    (
        "role.trusted_services",
        [],
        "patch_window.role.trusted_services: must name at least one service, got []",
    ),
    (
        "pass_role.group_names",
        ["Administrators", "Administrators"],
        "patch_window.pass_role.group_names[1]: duplicate group name 'Administrators'; each group "
        "needs its own name",
    ),
    ("pass_role", [], "patch_window.pass_role: must be an object, got list (a list)"),
    (
        "windows.0.tasks.0.document",
        "AWS RunPatchBaseline",
        f"{W}.tasks[0].document: must be a document name (3-128 letters, digits, '-', '_' or "
        "'.') or a document ARN such as 'arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline', "
        "got 'AWS RunPatchBaseline'",
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
    # command output and notifications (issue #4)
    (
        "windows.0.tasks.0.output",
        {},
        f"{T}.output: must set s3, cloudwatch or both, got neither",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"create_bucket": True}, "bucket": "b"},
        f"{T}.output.bucket: unknown key; allowed: cloudwatch, instance_role_names, s3",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"bucket_name": "patch-output", "create_bucket": True}},
        f"{T}.output.s3: give bucket_name (an existing bucket) or create_bucket: true, not both",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"key_prefix": "patching/"}},
        f"{T}.output.s3: needs bucket_name (an existing bucket) or create_bucket: true",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"create_bucket": "true"}},
        f"{T}.output.s3.create_bucket: must be a boolean, got 'true' (a string)",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"bucket_name": "Patch_Output"}},
        f"{T}.output.s3.bucket_name: must be an S3 bucket name: 3-63 lowercase letters, digits, "
        "'.' or '-', starting and ending with a letter or digit, got 'Patch_Output'",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"create_bucket": True, "key_prefix": "p" * 501}},
        f"{T}.output.s3.key_prefix: must be 1-500 characters long, got 501 characters",
    ),
    (
        "windows.0.tasks.0.output",
        {"cloudwatch": {"create": True}},
        f"{T}.output.cloudwatch.log_group_name: is required but missing",
    ),
    (
        "windows.0.tasks.0.output",
        {"cloudwatch": {"log_group_name": "/patch window"}},
        f"{T}.output.cloudwatch.log_group_name: must be a log group name: 1-512 letters, digits "
        "or one of '._-/#', such as '/patch-window/commands', got '/patch window'",
    ),
    (
        "windows.0.tasks.0.output",
        {"cloudwatch": {"log_group_name": "/patching", "create": True, "retention_days": 100}},
        f"{T}.output.cloudwatch.retention_days: must be a retention CloudWatch Logs accepts (1, "
        "3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
        "2922, 3288, 3653 days), got 100",
    ),
    (
        "windows.0.tasks.0.output",
        {"cloudwatch": {"log_group_name": "/patching", "retention_days": 30}},
        f"{T}.output.cloudwatch.retention_days: applies only to a log group the stack creates "
        "(create: true)",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"create_bucket": True}, "instance_role_names": ["Web Servers"]},
        f"{T}.output.instance_role_names[0]: must be 1-64 characters, each a letter, digit or "
        "one of '+=,.@_-', got 'Web Servers'",
    ),
    (
        "windows.0.tasks.0.output",
        {"s3": {"create_bucket": True}, "instance_role_names": ["Web", "Web"]},
        f"{T}.output.instance_role_names[1]: duplicate role name 'Web'; each role needs its own "
        "name",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"events": ["Failed"]},
        f"{T}.notifications: needs topic_arn (an existing topic) or create_topic: true",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"topic_arn": "arn:aws:sns:eu-west-1:123456789012:patching", "create_topic": True},
        f"{T}.notifications: give topic_arn (an existing topic) or create_topic: true, not both",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"topic_arn": "patching"},
        f"{T}.notifications.topic_arn: must be an SNS topic ARN such as "
        "'arn:aws:sns:eu-west-1:123456789012:patching', got 'patching'",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"create_topic": True, "events": ["All", "Failed"]},
        f"{T}.notifications.events: must be 'All' alone or other events, got ['All', 'Failed']: "
        "'All' includes them",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"create_topic": True, "events": ["Failure"]},
        f"{T}.notifications.events: must be events among All, InProgress, Success, TimedOut, "
        "Cancelled, Failed, got 'Failure'",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"create_topic": True, "events": []},
        f"{T}.notifications.events: must name at least one event, got none",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"create_topic": True, "type": "Instance"},
        f"{T}.notifications.type: must be one of Command, Invocation, got 'Instance'",
    ),
    (
        "windows.0.tasks.0.notifications",
        {"create_topic": True, "event": ["Failed"]},
        f"{T}.notifications.event: unknown key; did you mean 'events'?",
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
        read_settings(settings)
    assert caught.value.problems == (
        "patch_window.windows[1]: duplicate window name 'PatchTestWorkloadWebServers'; "
        "each window needs its own name",
    )


def test_lab_settings_parse_into_the_lab_values() -> None:
    config = read_settings(lab_settings())
    window = config.windows[0]
    assert (window.name, window.schedule, window.duration_hours, window.cutoff_hours) == (
        "PatchTestWorkloadWebServers",
        "cron(0 2 ? * * *)",
        3,
        1,
    )
    assert window.targets[0].tags == {"Workload": ("Test",), "InstanceRole": ("WebServer",)}
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
    config = read_settings(settings)
    assert (config.role.policy, config.role.restrict_source_account) == ("least-privilege", False)


def test_lab_role_keeps_the_aws_managed_policy() -> None:
    assert read_settings(lab_settings()).role.policy == "aws-managed"


def test_a_created_log_group_has_one_retention(capsys: pytest.CaptureFixture[str]) -> None:
    settings = lab_settings()
    first = settings["windows"][0]["tasks"][0]
    first["output"] = {"cloudwatch": {"log_group_name": "/patching", "create": True}}
    second = {
        **first,
        "name": "ScanTestWorkloadWebServers",
        "output": {
            "cloudwatch": {"log_group_name": "/patching", "create": True, "retention_days": 30}
        },
    }
    settings["windows"][0]["tasks"].append(second)
    status, lines = run_app(settings, capsys)
    assert (status, lines) == (
        2,
        [
            f"error: {W}.tasks[1].output.cloudwatch.retention_days: log group '/patching' is "
            "created with 365 days by an earlier task, got 30"
        ],
    )


def test_output_and_notification_settings_parse(capsys: pytest.CaptureFixture[str]) -> None:
    settings = lab_settings()
    settings["role"]["policy"] = "least-privilege"
    settings["role"]["restrict_source_account"] = True
    settings["windows"][0]["tasks"][0]["output"] = {
        "s3": {"bucket_name": "patch-output", "key_prefix": "web/"},
        "cloudwatch": {"log_group_name": "/patching", "create": True},
        "instance_role_names": ["WebServerRole"],
    }
    settings["windows"][0]["tasks"][0]["notifications"] = {
        "create_topic": True,
        "events": ["Failed", "TimedOut"],
    }
    config = read_settings(settings)
    task = config.windows[0].tasks[0]
    assert (config.role.policy, config.role.restrict_source_account) == ("least-privilege", True)
    assert task.output == OutputConfig(
        s3=S3OutputConfig(bucket_name="patch-output", key_prefix="web/"),
        cloudwatch=CloudWatchOutputConfig(log_group_name="/patching", create=True),
        instance_role_names=("WebServerRole",),
    )
    assert task.notifications == NotificationsConfig(
        create_topic=True, events=("Failed", "TimedOut"), notification_type="Command"
    )


def test_settings_file_that_cannot_be_read_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    context = {**cdk_context(), "patch_window_file": "examples/missing.json"}
    status = app.main({"CDK_CONTEXT_JSON": json.dumps(context)})
    assert status == 2
    assert capsys.readouterr().err == (
        "error: patch_window_file: must name a regular JSON file, got 'examples/missing.json' "
        "(no such file)\n"
    )
