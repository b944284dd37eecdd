"""Each validation rule on its own: what it accepts, and what it says when it refuses."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from patch_window import rules


@pytest.mark.parametrize("value", ["abc", "PatchTestWorkloadWebServers", "a.b-c_d", "x" * 128])
def test_name_accepts_cloudformation_names(value: str) -> None:
    assert rules.name(value) is None


@pytest.mark.parametrize("value", ["ab", "x" * 129, "has space", "slash/name", "ünïcode"])
def test_name_refuses_and_quotes_the_value(value: str) -> None:
    assert rules.name(value) == (
        f"must be 3-128 characters, each a letter, digit, '-', '_' or '.', got {value!r}"
    )


def test_description_is_1_to_128_characters() -> None:
    assert rules.description("x" * 128) is None
    assert rules.description("") == "must be 1-128 characters long, got 0 characters"
    assert rules.description("x" * 129) == "must be 1-128 characters long, got 129 characters"


def test_owner_information_is_1_to_128_characters() -> None:
    assert rules.owner_information("ops") is None
    assert rules.owner_information("x" * 129) == "must be 1-128 characters long, got 129 characters"


@pytest.mark.parametrize(("value", "ok"), [(0, False), (1, True), (24, True), (25, False)])
def test_duration_hours_is_1_to_24(value: int, ok: bool) -> None:
    assert (rules.duration_hours(value) is None) is ok


@pytest.mark.parametrize(("value", "ok"), [(-1, False), (0, True), (23, True), (24, False)])
def test_cutoff_hours_is_0_to_23(value: int, ok: bool) -> None:
    assert (rules.cutoff_hours(value) is None) is ok


def test_cutoff_must_be_below_duration() -> None:
    assert rules.cutoff_below_duration(2, 3) is None
    assert rules.cutoff_below_duration(3, 3) == (
        "must be less than the duration (3 hours), got 3 hours: no task could ever start"
    )


def test_schedule_rule_uses_the_parser() -> None:
    assert rules.schedule("cron(0 2 ? * * *)") is None
    assert rules.schedule("daily") is not None


def test_priority_is_zero_or_more() -> None:
    assert rules.priority(0) is None
    assert rules.priority(-1) == "must be 0-2147483647, got -1"
    assert rules.priority(2**31 - 1) is None
    # Beyond SSM's 32-bit integers, and beyond 2**53 where JSON numbers round.
    assert rules.priority(2**53 + 1) == f"must be 0-2147483647, got {2**53 + 1}"


@pytest.mark.parametrize("value", ["1", "10", "1%", "50%", "100%"])
def test_max_concurrency_accepts_counts_and_percentages(value: str) -> None:
    assert rules.max_concurrency(value) is None


@pytest.mark.parametrize("value", ["0", "0%", "101%", "01", "-1", "1.5", "all", ""])
def test_max_concurrency_refuses(value: str) -> None:
    assert rules.max_concurrency(value) == (
        f"must be a number of targets (1 or more) or a percentage (1%-100%), got {value!r}"
    )


@pytest.mark.parametrize("value", ["0", "1", "25", "0%", "5%", "100%"])
def test_max_errors_accepts_counts_and_percentages(value: str) -> None:
    assert rules.max_errors(value) is None


@pytest.mark.parametrize("value", ["-1", "101%", "00", "many", ""])
def test_max_errors_refuses(value: str) -> None:
    assert rules.max_errors(value) is not None


def test_tag_filters_need_1_to_5_keys_with_1_to_50_values() -> None:
    assert rules.tag_filters({"Workload": ["Test"], "InstanceRole": ["WebServer"]}) is None
    assert rules.tag_filters({}) == "must name at least one tag key with values, got none"
    assert rules.tag_filters({f"k{i}": ["v"] for i in range(6)}) == (
        "must have at most 5 tag keys, got 6"
    )
    assert rules.tag_filters({"k": []}) == "tag 'k' must have 1-50 values, got none"
    assert rules.tag_filters({"k": ["v"] * 51}) == "tag 'k' must have at most 50 values, got 51"


def test_document_parameters_are_lists_of_strings() -> None:
    assert rules.document_parameters({"Operation": ["Install"]}) is None
    assert rules.document_parameters({"Operation": "Install"}) == (
        "parameter 'Operation' must be a list of strings, got 'Install'"
    )


@pytest.mark.parametrize(
    ("rule", "good", "bad"),
    [
        (rules.role_name, "SSMMaintenanceWindowRole", "x" * 65),
        (rules.policy_name, "SSMMaintenanceWindowPassRole", "no spaces"),
        (rules.group_name, "Administrators", "a/b"),
    ],
)
def test_iam_names(rule: object, good: str, bad: str) -> None:
    assert rule(good) is None  # type: ignore[operator]
    assert "got " in rule(bad)  # type: ignore[operator]


def test_service_principal() -> None:
    assert rules.service_principal("ssm.amazonaws.com") is None
    assert rules.service_principal("ssm") is not None


def test_stack_name() -> None:
    assert rules.stack_name("PatchWindow") is None
    assert rules.stack_name("1Patch") is not None


def test_cutoff_behavior() -> None:
    assert rules.cutoff_behavior("CANCEL_TASK") is None
    assert rules.cutoff_behavior("cancel") == (
        "must be one of CONTINUE_TASK, CANCEL_TASK, got 'cancel'"
    )


@pytest.mark.parametrize(
    ("value", "ok"),
    [("$DEFAULT", True), ("$LATEST", True), ("3", True), ("latest", False), ("$3", False)],
)
def test_document_version(value: str, ok: bool) -> None:
    assert (rules.document_version(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"), [(29, False), (30, True), (2_592_000, True), (2_592_001, False)]
)
def test_timeout_seconds(value: int, ok: bool) -> None:
    assert (rules.timeout_seconds(value) is None) is ok


def test_comment_is_at_most_100_characters() -> None:
    assert rules.comment("x" * 100) is None
    assert rules.comment("x" * 101) == "must be 0-100 characters long, got 101 characters"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("UTC", True),
        ("Europe/London", True),
        ("America/New_York", True),
        ("CET+1", False),
        ("Mars/Olympus", False),
        ("", False),
    ],
)
def test_schedule_timezone_is_an_iana_name(value: str, ok: bool) -> None:
    assert (rules.schedule_timezone(value) is None) is ok


def test_schedule_offset_is_1_to_6_days_with_cron_only() -> None:
    assert rules.schedule_offset(2, "cron(0 3 ? * TUE#2 *)") is None
    assert rules.schedule_offset(7, "cron(0 3 ? * TUE#2 *)") == "must be 1-6 days, got 7"
    assert rules.schedule_offset(2, "rate(1 day)") == (
        "is allowed only with a cron(...) schedule, got 'rate(1 day)'"
    )


def test_end_must_be_after_start() -> None:
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    assert rules.end_after_start(start + datetime.timedelta(seconds=1), start) is None
    assert rules.end_after_start(start, start) == (
        "must be after the start date (2026-01-01T00:00:00+00:00), got 2026-01-01T00:00:00+00:00"
    )


@pytest.mark.parametrize(
    "key", ["Workload", "aws:autoscaling:groupName", "a b", "k=v@x/y", "Ärger"]
)
def test_tag_key_accepts_ssm_characters(key: str) -> None:
    assert rules.tag_key(key) is None


@pytest.mark.parametrize("key", ["", "k" * 129, "bad!", "semi;colon", "plus+"])
def test_tag_key_refuses(key: str) -> None:
    assert rules.tag_key(key) == (
        "tag key must be 1-128 characters, each a letter, digit, space or one of '_.:/=-@', "
        f"got {key!r}"
    )


def test_tag_key_proto_cannot_cross_jsii() -> None:
    assert rules.tag_key("__proto__") == (
        "tag key '__proto__' cannot be passed through the CDK; rename the tag"
    )


def test_tag_values_must_be_unique() -> None:
    assert rules.tag_filters({"Workload": ["Test", "Test"]}) == (
        "tag 'Workload' must list each value once, got 'Test' more than once"
    )


@pytest.mark.parametrize(
    "value",
    [
        "AWS-RunPatchBaseline",
        "My.Custom_Doc-1",
        "arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline",
        "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:document/Mine",
    ],
)
def test_document_accepts_names_and_arns(value: str) -> None:
    assert rules.document(value) is None


@pytest.mark.parametrize("value", ["", "ab", "AWS RunPatchBaseline", "arn:aws:s3:::bucket/x"])
def test_document_refuses(value: str) -> None:
    assert rules.document(value) == (
        "must be a document name (3-128 letters, digits, '-', '_' or '.') or a document ARN "
        f"such as 'arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline', got {value!r}"
    )


# -- the task role's policy (issue #4) ----------------------------------------------------


def test_role_policy() -> None:
    assert rules.role_policy("aws-managed") is None
    assert rules.role_policy("least-privilege") is None
    assert rules.role_policy("custom") == (
        "must be one of aws-managed, least-privilege, got 'custom'"
    )


# -- command output and notifications (issue #4) -------------------------------------------


@pytest.mark.parametrize("value", ["abc", "patch-output-123456789012", "a.b-c", "x" * 63])
def test_bucket_name_accepts_s3_names(value: str) -> None:
    assert rules.bucket_name(value) is None


@pytest.mark.parametrize(
    "value", ["ab", "x" * 64, "Patch", "a_b", "-ab", "ab-", "a..b", "192.168.1.1"]
)
def test_bucket_name_refuses(value: str) -> None:
    assert rules.bucket_name(value) == (
        "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and "
        f"ending with a letter or digit, got {value!r}"
    )


def test_output_key_prefix_is_up_to_500_characters() -> None:
    assert rules.output_key_prefix("patching/web") is None
    assert rules.output_key_prefix("p" * 501) == "must be 1-500 characters long, got 501 characters"


@pytest.mark.parametrize(("value", "ok"), [("/patch-window/commands", True), ("a#b.c_d", True)])
def test_log_group_name_accepts(value: str, ok: bool) -> None:
    assert (rules.log_group_name(value) is None) is ok


@pytest.mark.parametrize("value", ["", "has space", "x" * 513, "colon:name"])
def test_log_group_name_refuses(value: str) -> None:
    assert rules.log_group_name(value) is not None


@pytest.mark.parametrize(("value", "ok"), [(365, True), (1, True), (3653, True), (364, False)])
def test_log_retention_days_are_the_values_cloudwatch_accepts(value: int, ok: bool) -> None:
    assert (rules.log_retention_days(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("arn:aws:sns:eu-west-1:123456789012:patching", True),
        ("arn:aws-cn:sns:cn-north-1:123456789012:patching.fifo", True),
        ("arn:aws:sns:eu-west-1:1234:patching", False),
        ("arn:aws:sqs:eu-west-1:123456789012:patching", False),
        ("patching", False),
    ],
)
def test_sns_topic_arn(value: str, ok: bool) -> None:
    assert (rules.sns_topic_arn(value) is None) is ok


@pytest.mark.parametrize(
    ("events", "problem"),
    [
        (["All"], None),
        (["Failed", "TimedOut", "Cancelled"], None),
        ([], "must name at least one event, got none"),
        (
            ["All", "Failed"],
            "must be 'All' alone or other events, got ['All', 'Failed']: 'All' includes them",
        ),
        (["Failed", "Failed"], "must name each event once, got ['Failed', 'Failed']"),
        (
            ["failed"],
            "must be events among All, InProgress, Success, TimedOut, Cancelled, Failed, "
            "got 'failed'",
        ),
    ],
)
def test_notification_events(events: list[str], problem: str | None) -> None:
    assert rules.notification_events(events) == problem


def test_notification_type() -> None:
    assert rules.notification_type("Invocation") is None
    assert rules.notification_type("command") == (
        "must be one of Command, Invocation, got 'command'"
    )


# -- target forms and task types (issue #5) --------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "good", "bad", "problem"),
    [
        (rules.tag_keys, ["Patch Group"], [], "must name at least one tag key, got none"),
        (
            rules.instance_ids,
            ["i-0123456789abcdef0", "mi-0123456789abcdef0"],
            ["i-0123456789abcdef0", "i-0123456789abcdef0"],
            "must list each instance once, got 'i-0123456789abcdef0' more than once",
        ),
        (
            rules.resource_group_name,
            "web-servers",
            "web servers",
            "must be 1-128 characters, each a letter, digit, '_', '.' or '-', got 'web servers'",
        ),
        (
            rules.resource_types,
            ["AWS::EC2::Instance"],
            ["EC2::Instance"],
            "must be resource types such as 'AWS::EC2::Instance', got 'EC2::Instance'",
        ),
        (
            rules.task_type,
            "STEP_FUNCTIONS",
            "SHELL",
            "must be one of RUN_COMMAND, AUTOMATION, LAMBDA, STEP_FUNCTIONS, got 'SHELL'",
        ),
        (
            rules.lambda_qualifier,
            "$LATEST",
            "",
            "must be a version, an alias or '$LATEST' (1-128 characters), got ''",
        ),
        (
            rules.execution_name,
            "nightly-drain",
            "x" * 81,
            f"must be 1-80 characters, each a letter, digit, '-' or '_', got '{'x' * 81}'",
        ),
        (
            rules.reboot_option,
            "NoReboot",
            "Never",
            "must be one of RebootIfNeeded, NoReboot, got 'Never'",
        ),
        (
            rules.lambda_payload,
            "{}",
            "x" * 4097,
            "must be at most 4096 bytes as UTF-8, got 4097 bytes",
        ),
        (
            rules.lambda_payload,
            "é" * 2048,
            "é" * 2049,
            "must be at most 4096 bytes as UTF-8, got 4098 bytes",
        ),
        (
            rules.lambda_client_context,
            "e30=",
            "",
            "must be 1-8000 characters long, got 0 characters",
        ),
        (
            rules.step_functions_input,
            "{}",
            "x" * 4097,
            "must be 0-4096 characters long, got 4097 characters",
        ),
    ],
)
def test_issue_5_rules(rule: Any, good: Any, bad: Any, problem: str) -> None:
    assert rule(good) is None
    assert rule(bad) == problem


@pytest.mark.parametrize(
    "value",
    ["SSMPatchReport", "arn:aws:lambda:us-east-1:123456789012:function:SSMPatchReport:live"],
)
def test_lambda_function_accepts_names_and_arns(value: str) -> None:
    assert rules.lambda_function(value) is None


@pytest.mark.parametrize("value", ["has space", "arn:aws:s3:::bucket"])
def test_lambda_function_refuses(value: str) -> None:
    assert rules.lambda_function(value) is not None


@pytest.mark.parametrize(
    "value",
    ["SSMDrain", "arn:aws:states:us-east-1:123456789012:stateMachine:SSMDrain"],
)
def test_state_machine_accepts_names_and_arns(value: str) -> None:
    assert rules.state_machine(value) is None


@pytest.mark.parametrize("value", ["a b", "arn:aws:lambda:us-east-1:123456789012:function:x"])
def test_state_machine_refuses(value: str) -> None:
    assert rules.state_machine(value) is not None


@pytest.mark.parametrize(
    ("rule", "good", "bad", "problem"),
    [
        (
            rules.name,
            "PatchWindow",
            "PatchWindow\n",
            "must be 3-128 characters, each a letter, digit, '-', '_' or '.', got 'PatchWindow\\n'",
        ),
        (
            rules.document_version,
            "1",
            "0",
            "must be '$DEFAULT', '$LATEST' or a version number such as '3', got '0'",
        ),
        (
            rules.lambda_qualifier,
            "$LATEST.PUBLISHED",
            "$LATEST\n",
            "must be a version, an alias or '$LATEST' (1-128 characters), got '$LATEST\\n'",
        ),
        (
            rules.role_description,
            "Role for Amazon SSMMaintenanceWindow",
            "Rôle ✓",
            "must hold only printable Latin-1 characters, tabs and line breaks (IAM's pattern), "
            "got 'Rôle ✓'",
        ),
        (
            rules.automation_parameters,
            {"InstanceId": ["{{RESOURCE_ID}}"]},
            {"InstanceId": ["x" * 513]},
            "parameter 'InstanceId' values must be 1-512 characters, got 513 characters",
        ),
        (
            rules.automation_parameters,
            {},
            {f"P{i}": ["v"] for i in range(201)},
            "must name 1-200 parameters, got 201",
        ),
        (
            rules.max_concurrency,
            "1000000",
            "10000000",
            "must be a number of targets (1 or more) or a percentage (1%-100%), got '10000000'",
        ),
    ],
)
def test_rules_derived_from_aws_constraints(rule: Any, good: Any, bad: Any, problem: str) -> None:
    """Bounds that were hand copies before, now read from AWS's schemas and models."""
    assert rule(good) is None
    assert rule(bad) == problem


def test_tag_values_refuse_control_characters() -> None:
    """EC2 tags cannot hold them, so such a target would match nothing (found by the fuzz test)."""
    assert rules.tag_filters({"Workload": ["Test"]}) is None
    assert rules.tag_filters({"Workload": ["Te\x7fst"]}) == (
        "tag 'Workload' values must not hold control characters (EC2 tags cannot), got 'Te\\x7fst'"
    )
