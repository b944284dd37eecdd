"""Bad input never crashes, never silently changes meaning, never waits for deploy to fail.

One table per class of failure: whole-value patterns, values that used to pass the checks and
then crash aws-cdk-lib, silent changes of meaning, deploy-time limits, and the files the app
reads. The fuzz test over every key lives in ``test_fuzz.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest

import app
from patch_window import PatchWindowValidationError
from patch_window.permissions import Permission
from patch_window.rules import iam as iam_rules
from patch_window.rules.tables import TABLES
from patch_window.task_policy import TaskPolicy
from tests.conftest import cdk_context, hardened_settings, lab_settings

W = "patch_window.windows[0]"
T = f"{W}.tasks[0]"

# -- 1. every pattern rule matches the whole value ----------------------------------------------

#: (table, prop, each): a value the row accepts; with a trailing newline it must be refused.
WHOLE_VALUE: dict[tuple[str, str, bool], Any] = {
    ("window", "name", False): "PatchWindow",
    ("window", "schedule", False): "cron(0 2 ? * * *)",
    ("window", "time_zone", False): "Europe/London",
    ("target", "name", False): "WebServers",
    ("task", "name", False): "Patch",
    ("task", "max_concurrency", False): "10%",
    ("task", "max_errors", False): "1",
    ("task", "cutoff_behavior", False): "CONTINUE_TASK",
    ("run_command", "document", False): "AWS-RunPatchBaseline",
    ("run_command", "document_version", False): "$LATEST",
    ("automation", "document", False): "AWS-RestartEC2Instance",
    ("automation", "document_version", False): "3",
    ("lambda", "function", False): "SSMPatchReport",
    ("lambda", "qualifier", False): "$LATEST",
    ("step_functions", "state_machine", False): "SSMPatchFlow",
    ("step_functions", "execution_name", False): "run-1",
    ("notifications", "topic_arn", False): "arn:aws:sns:us-east-1:123456789012:patching",
    ("alerts", "topic_arn", False): "arn:aws:sns:us-east-1:123456789012:alerts",
    ("notifications", "events", True): "Failed",
    ("notifications", "type", False): "Command",
    ("role", "role_name", False): "SSMMaintenanceWindowRole",
    ("role", "trusted_services", True): "ssm.amazonaws.com",
    ("role", "policy", False): "least-privilege",
    ("pass_role_policy", "managed_policy_name", False): "SSMPassRole",
    ("pass_role_policy", "group_names", True): "Administrators",
    ("log_group", "log_group_name", False): "/patch-window/output",
    ("bucket", "bucket_name", False): "patch-output-bucket",
    ("instance_roles", "role_names", True): "WebServerRole",
    ("stack", "stack_name", False): "PatchWindow",
    ("patch_baseline", "reboot_option", False): "NoReboot",
    ("baseline", "name", False): "AmazonLinux2023-SecurityFirst",
    ("baseline", "operating_system", False): "AMAZON_LINUX_2023",
    ("baseline", "approved_patches", True): "dbus.x86_64",
    ("baseline", "approved_patches_compliance_level", False): "CRITICAL",
    ("baseline", "rejected_patches", True): "kernel-debug*",
    ("baseline", "rejected_patches_action", False): "BLOCK",
    ("baseline", "patch_groups", True): "WebServers",
    ("approval_rule", "approve_until_date", False): "2026-12-31",
    ("approval_rule", "compliance_level", False): "HIGH",
    ("patch_source", "name", False): "My-Repo",
    ("patch_source", "products", True): "AmazonLinux2023",
    ("environment", "name", False): "prod",
    ("environment", "account", False): "123456789012",
    ("environment", "regions", True): "eu-west-1",
    ("deployment", "home_region", False): "eu-west-1",
    ("stack_set", "organizational_units", True): "ou-ab12-cd345678",
    ("stack_set", "regions", True): "eu-west-1",
    ("stack_set", "region_order", True): "eu-west-1",
    ("stack_set", "region_concurrency", False): "PARALLEL",
    ("stack_set", "call_as", False): "DELEGATED_ADMIN",
}

#: Rows that take no single string, or free text where AWS allows line breaks.
NOT_A_PATTERN = {
    ("window", "description"): "free text: SSM allows any character",
    ("target", "description"): "free text: SSM allows any character",
    ("target", "owner_information"): "free text: SSM allows any character",
    ("task", "description"): "free text: SSM allows any character",
    ("run_command", "comment"): "free text: SSM allows any character",
    ("run_command", "output_key_prefix"): "an S3 key prefix: S3 allows any character",
    ("role", "description"): "IAM's own pattern allows tabs and line breaks",
    ("lambda", "payload"): "a JSON object, sent as JSON",
    ("lambda", "client_context"): "a JSON object, sent base64",
    ("step_functions", "input"): "a JSON object",
    ("baseline", "description"): "free text: SSM allows any character",
    ("patch_source", "configuration"): "a repository file: several lines by nature",
}

STRING_ROWS = [
    (name, row.prop, row.each)
    for name, table in TABLES.items()
    for row in table.rows
    if not row.after
]


def test_every_single_value_row_is_in_the_whole_value_table_or_says_why_not() -> None:
    missing = [
        key
        for key in STRING_ROWS
        if key not in WHOLE_VALUE
        and key[:2] not in NOT_A_PATTERN
        and not _takes_no_string(TABLES[key[0]].row(key[1], each=key[2]).rule)
    ]
    assert missing == []


def _takes_no_string(rule: Any) -> bool:
    """Integer, list and mapping rules: no string can reach them from cdk.json."""
    return rule.__name__ in {
        "duration_hours",
        "cutoff_hours",
        "priority",
        "timeout_seconds",
        "log_retention_days",
        "date_time",
        "document_parameters",
        "automation_parameters",
        "notification_events",
        "trust_not_empty",
        "patch_filters",
        "approval_rules",
        "patch_list",
        "sources",
        "patch_groups",
        "approve_after_days",
        "source_products",
        "quota_value",
        "instance_ids_quota",
        "regions",
        "organizational_units",
        "max_concurrent_percentage",
        "failure_tolerance_percentage",
    }


@pytest.mark.parametrize("key", sorted(WHOLE_VALUE), ids=lambda k: ".".join(map(str, k)))
@pytest.mark.parametrize("suffix", ["\n", "\r\n", "\x00", "\x1b[0m"])
def test_a_pattern_rule_refuses_a_control_character_after_a_valid_value(
    key: tuple[str, str, bool], suffix: str
) -> None:
    rule = TABLES[key[0]].row(key[1], each=key[2]).rule
    assert rule(WHOLE_VALUE[key]) is None
    assert rule(WHOLE_VALUE[key] + suffix) is not None


# -- 2. values that passed the checks and then crashed ------------------------------------------


def _set(path: str, value: Any) -> dict[str, Any]:
    settings = lab_settings()
    node: Any = settings
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[int(last) if isinstance(node, list) else last] = value
    return settings


def _lines(settings: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = app.main({"CDK_CONTEXT_JSON": json.dumps(cdk_context(settings))})
    return status, capsys.readouterr().err.splitlines()


def _scan_then_install(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "target": {"name": "WebServers", "tag_keys": ["Patch"]},
        "scan": {"schedule": "rate(1 day)"},
        "install": {"schedule": "rate(7 days)"},
    }


def _with_pattern(window_name: str, pattern: dict[str, Any]) -> dict[str, Any]:
    settings = _set("windows.0.name", window_name)
    settings["scan_then_install"] = [pattern]
    return settings


TOKEN = "${Token[TOKEN.123]}"
NO_TRACEBACK = [
    (
        _set("windows.0.name", "MaintenanceWindowRole"),
        f"{W}.name: must differ from the construct id of the task role in this stack, "
        "got 'MaintenanceWindowRole'",
    ),
    (
        _set("windows.0.name", "PassRolePolicy"),
        f"{W}.name: must differ from the construct id of the PassRole policy in this stack, "
        "got 'PassRolePolicy'",
    ),
    (
        _set("windows.0.name", "GroupAdministrators"),
        f"{W}.name: must differ from the construct id of the import of group 'Administrators' "
        "in this stack, got 'GroupAdministrators'",
    ),
    (
        _with_pattern("Nightly", _scan_then_install("CDKMetadata")),
        "patch_window.scan_then_install[0].name: must differ from the construct id of "
        "aws-cdk-lib's metadata in this stack, got 'CDKMetadata'",
    ),
    (
        _set("windows.0.description", f"nightly {TOKEN}"),
        f"{W}.description: must not contain '${{Token[': aws-cdk-lib reads it as a reference "
        f"to a value of the app (a token), got 'nightly {TOKEN}'",
    ),
    (
        _set("windows.0.tasks.0.parameters", {"Operation": ["#{Token[TOKEN.9]}"]}),
        f"{T}.parameters.Operation[0]: must not contain '#{{Token[': aws-cdk-lib reads it as a "
        "reference to a value of the app (a token), got '#{Token[TOKEN.9]}'",
    ),
    (
        _set("windows.0.tasks.0.parameters", {"__proto__": ["x"]}),
        f"{T}.parameters.__proto__: the key '__proto__' cannot be passed through aws-cdk-lib's "
        "JavaScript runtime, where it names an object's prototype",
    ),
]


@pytest.mark.parametrize(("settings", "line"), NO_TRACEBACK, ids=lambda v: str(v)[:40])
def test_values_that_used_to_crash_get_one_error_line(
    settings: dict[str, Any], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _lines(settings, capsys) == (2, [f"error: {line}"])


def test_a_window_named_like_a_derived_scan_then_install_window_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = _with_pattern("Web-Scan", _scan_then_install("Web"))
    assert _lines(settings, capsys) == (
        2,
        [
            f"error: {W}.name: duplicate window name 'Web-Scan': scan_then_install[0] names one "
            "of its windows so; each window needs its own name"
        ],
    )


# -- 3. no silent change of meaning -------------------------------------------------------------

SILENT = [
    (
        _set("windows.0.tasks.0.priority", 2**53 + 1),
        f"{T}.priority: must be 0-2147483647, got {2**53 + 1}",
    ),
    (
        _set("windows.0.tasks.0.priority", 2**31),
        f"{T}.priority: must be 0-2147483647, got {2**31}",
    ),
    (
        _set("windows.0.schedule_timezone", "posixrules"),
        f"{W}.schedule_timezone: must be an IANA time zone name such as 'Europe/London' or "
        "'UTC', got 'posixrules'",
    ),
    (
        _set("windows.0.schedule_timezone", "localtime"),
        f"{W}.schedule_timezone: must be an IANA time zone name such as 'Europe/London' or "
        "'UTC', got 'localtime'",
    ),
    (
        _set("windows.0.start_date", "2030-04-07T14:29:00+01:00:30"),
        f"{W}.start_date: must have a UTC offset in whole minutes, such as "
        "'2026-04-07T14:29:00-08:00', got '2030-04-07T14:29:00+01:00:30'",
    ),
]


@pytest.mark.parametrize(("settings", "line"), SILENT, ids=lambda v: str(v)[:40])
def test_a_value_whose_meaning_would_change_is_refused(
    settings: dict[str, Any], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _lines(settings, capsys) == (2, [f"error: {line}"])


def test_a_log_group_imported_by_one_task_and_created_by_another_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = hardened_settings()
    window = settings["windows"][0]
    second = json.loads(json.dumps(window["tasks"][0]))
    second["name"] = "Second"
    second["priority"] = 2
    second["output"]["cloudwatch"] = {"log_group_name": "/shared/output"}
    third = json.loads(json.dumps(second))
    third["name"] = "Third"
    third["output"]["cloudwatch"] = {"log_group_name": "/shared/output", "create": True}
    window["tasks"] += [second, third]
    assert _lines(settings, capsys) == (
        2,
        [
            "error: patch_window.windows[0].tasks[2].output.cloudwatch.create: log group "
            "'/shared/output' is imported by an earlier task, got create: true; every task "
            "naming it must agree"
        ],
    )


# -- 4. deploy-time limits known at synth -------------------------------------------------------


def _permission(sid: str, length: int) -> Permission:
    """A statement whose rendered policy text is exactly ``length`` characters."""
    base = Permission(sid=sid, actions=("ssm:SendCommand",), resources=("",), reason="test")
    padding = length - iam_rules.policy_text_length(_statement_json(base))
    return Permission(sid=sid, actions=base.actions, resources=("x" * padding,), reason=base.reason)


def _statement_json(permission: Permission) -> Any:
    statement = iam.PolicyStatement(
        sid=permission.sid, actions=list(permission.actions), resources=list(permission.resources)
    )
    return cdk.Stack().resolve(statement.to_statement_json())


def _task_policy(max_policies: int = 10) -> TaskPolicy:
    stack = cdk.Stack(cdk.App(), "S")
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    return TaskPolicy(stack, "TaskPolicy", role=role, max_policies=max_policies)


def test_the_policy_size_estimate_is_exact_for_literal_statements() -> None:
    permission = _permission("Exact", 500)
    rendered = json.dumps(_statement_json(permission), separators=(",", ":"))
    assert iam_rules.policy_text_length(_statement_json(permission)) == len(rendered) == 500


def test_statements_fill_a_managed_policy_to_the_character_and_then_spill_over() -> None:
    limit = iam_rules.MANAGED_POLICY_MAX_CHARACTERS
    empty = iam_rules.managed_policy_size([])
    policy = _task_policy()
    # Two statements filling the first policy exactly: sizes plus one comma.
    first = (limit - empty - 1) // 2
    policy.add(_permission("First", first))
    policy.add(_permission("Second", limit - empty - 1 - first))
    assert len(policy.policies) == 1
    policy.add(_permission("Third", 100))
    assert len(policy.policies) == 2
    assert [p.node.id for p in policy.policies] == ["Resource", "Resource2"]


def test_statements_beyond_the_roles_managed_policy_slots_are_refused() -> None:
    policy = _task_policy(max_policies=2)
    big = iam_rules.MANAGED_POLICY_MAX_CHARACTERS - iam_rules.managed_policy_size([])
    policy.add(_permission("One", big))
    policy.add(_permission("Two", big))
    with pytest.raises(PatchWindowValidationError) as raised:
        policy.add(_permission("Three", 10))
    assert raised.value.problems == (
        "S/TaskPolicy: statement 'Three' does not fit: the least-privilege statements fill 2 "
        "managed policies of 6144 characters, as many as the role may carry (2); spread the "
        "windows over several stacks or roles",
    )


def _many_targets(count: int) -> dict[str, Any]:
    settings = hardened_settings()
    window = settings["windows"][0]
    window["targets"] = [
        {"name": f"Target{i:03d}", "tags": {"Workload": [f"W{i}"], "InstanceRole": ["Web"]}}
        for i in range(count)
    ]
    window["tasks"][0].pop("targets", None)
    # Past Systems Manager's default quotas, as an account that raised them.
    settings["quotas"] = {"targets_per_window": max(count, 100), "targets_per_task": count}
    return settings


def test_a_role_for_forty_five_targets_spreads_its_statements(
    many_targets_template: dict[str, Any],
) -> None:
    policies = [
        resource["Properties"]
        for resource in many_targets_template["Resources"].values()
        if resource["Type"] == "AWS::IAM::ManagedPolicy"
        and resource["Properties"].get("Description", "").startswith("What the maintenance")
    ]
    assert len(policies) == 3
    statements = [s for p in policies for s in p["PolicyDocument"]["Statement"]]
    assert sum(s["Sid"].startswith("SendCommandOn") for s in statements) == 45
    for properties in policies:
        assert properties["Roles"] == [{"Ref": "MaintenanceWindowRole895536AB"}]


@pytest.fixture(scope="module")
def many_targets_template() -> dict[str, Any]:
    from tests.conftest import synth_config

    return synth_config(_many_targets(45))[1]


def test_the_spread_policies_pass_cfn_lint(many_targets_template: dict[str, Any]) -> None:
    from tests.conftest import cfn_lint

    assert cfn_lint(many_targets_template) == []


def test_more_targets_than_ten_policies_hold_is_one_error_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, lines = _lines(_many_targets(230), capsys)
    assert status == 2
    assert len(lines) == 1
    assert lines[0].startswith(
        "error: patch_window.windows: PatchWindowHardened/MaintenanceWindowRole/TaskPolicy: "
        "statement 'SendCommandOn"
    )
    assert lines[0].endswith(
        "does not fit: the least-privilege statements fill 10 managed policies of 6144 "
        "characters, as many as the role may carry (10); spread the windows over several "
        "stacks or roles"
    )


def test_more_windows_than_the_quota_is_one_error_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """70 windows passed CloudFormation's 200 outputs once; the windows quota (50 per account
    and Region) now stops them first, and past 200 outputs the stack publishes one per window
    (tests/unit/test_quotas.py)."""
    settings = lab_settings()
    window = settings["windows"][0]
    settings["windows"] = [{**window, "name": f"Window{i:03d}"} for i in range(70)]
    assert _lines(settings, capsys) == (
        2,
        [
            "error: patch_window.windows: would make 70 maintenance windows in one account and "
            "Region, more than the quota of 50 (quotas.windows); if Service Quotas shows a "
            "raised quota for the account, set quotas.windows to it"
        ],
    )


def test_more_resources_than_a_template_holds_is_one_error_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """50 windows (the quota) of 10 targets each (the quota per task): 553 resources with the
    role, its policies and CDK metadata, refused before synthesis."""
    settings = lab_settings()
    window = settings["windows"][0]
    targets = [{**window["targets"][0], "name": f"Web{i}"} for i in range(10)]
    settings["windows"] = [
        {**window, "name": f"Window{i:02d}", "targets": targets, "tasks": []} for i in range(50)
    ]
    status, lines = _lines(settings, capsys)
    assert (status, [line for line in lines if line.startswith("error:")]) == (
        2,
        [
            "error: patch_window.windows: the stack would declare 553 resources (at most 500), "
            "more than one CloudFormation template may hold; spread the windows over several "
            "stacks"
        ],
    )


def test_a_template_above_cloudformations_body_limit_is_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    settings = lab_settings()
    big = ["x" * 100_000 for _ in range(11)]
    settings["windows"][0]["tasks"][0]["parameters"]["InstallOverrideList"] = big
    environ = {"CDK_CONTEXT_JSON": json.dumps(cdk_context(settings)), "CDK_OUTDIR": str(tmp_path)}
    status = app.main(environ)
    size = (tmp_path / "PatchWindow.template.json").stat().st_size
    assert size > 1_000_000
    # aws-cdk-lib's own template-size warning comes first; the refusal is the error line.
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert (status, errors) == (
        2,
        [
            f"error: patch_window.windows: the template is {size} bytes, more than the "
            "1000000 CloudFormation takes; shorten the largest values (document parameters, "
            "payloads) or spread the windows over several stacks"
        ],
    )


# -- 6. input files read safely -----------------------------------------------------------------


def _file_context(path: Path) -> dict[str, str]:
    return {"CDK_CONTEXT_JSON": json.dumps({**cdk_context(), "patch_window_file": str(path)})}


def _run(environ: dict[str, str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = app.main(environ)
    return status, capsys.readouterr().err.splitlines()


def test_invalid_json_in_a_settings_file_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "windows": [,]\n}\n')
    assert _run(_file_context(path), capsys) == (
        2,
        ["error: patch_window_file: invalid JSON at line 2 column 15: Expecting value"],
    )


def test_invalid_json_in_cdk_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cdk.json").write_text('{"context": {"patch_window": }}')
    monkeypatch.chdir(tmp_path)
    assert _run({}, capsys) == (
        2,
        ["error: cdk.json: invalid JSON at line 1 column 30: Expecting value"],
    )


def test_deeply_nested_cdk_json_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cdk.json").write_text('{"context": ' + "[" * 100_000 + "]" * 100_000 + "}")
    monkeypatch.chdir(tmp_path)
    assert _run({}, capsys) == (
        2,
        ["error: cdk.json: JSON nested too deeply to read (Python's recursion limit)"],
    )


def test_a_byte_order_mark_is_accepted_as_the_cli_accepts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = lab_settings()
    settings["windows"][0]["cutoff_hours"] = 3  # refused after reading: proves it was read
    (tmp_path / "cdk.json").write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"context": {"patch_window": settings}}).encode()
    )
    monkeypatch.chdir(tmp_path)
    status, lines = _run({}, capsys)
    assert (status, [line.split(":")[1] for line in lines]) == (
        2,
        [" patch_window.windows[0].cutoff_hours"],
    )


def test_a_settings_file_above_the_size_bound_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.json"
    path.write_text(" " * (app.MAX_SETTINGS_BYTES + 1))
    assert _run(_file_context(path), capsys) == (
        2,
        [f"error: patch_window_file: {str(path)!r} must be at most 1048576 bytes, got more"],
    )


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_a_settings_file_that_is_not_a_regular_file_is_refused_without_reading(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
    elif kind == "device":
        path = Path("/dev/zero")  # reading it would never end
    else:
        path = tmp_path
    assert _run(_file_context(path), capsys) == (
        2,
        [f"error: patch_window_file: must name a regular JSON file, got {str(path)!r}"],
    )


def test_control_characters_in_an_unknown_key_stay_on_one_escaped_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = _set("windows.0.bad\nkey\x1b[31m", 1)
    status, lines = _lines(settings, capsys)
    assert status == 2
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {W}.bad\\nkey\\x1b[31m: unknown key; allowed: ")


# -- 5. context through every path the CLI uses -------------------------------------------------


def test_the_clis_overflow_file_is_merged_into_the_context(tmp_path: Path) -> None:
    overflow = tmp_path / "context-overflow.json"
    overflow.write_text(json.dumps({"patch_window": lab_settings()}))
    context = app.load_context(
        {
            "CDK_CONTEXT_JSON": json.dumps({"other": 1}),
            "CONTEXT_OVERFLOW_LOCATION_ENV": str(overflow),
        },
        tmp_path / "cdk.json",
    )
    assert context == {"other": 1, "patch_window": lab_settings()}


# -- 3 (library). a timeout given as a token is kept, never dropped -----------------------------


def _task_with_timeout(timeout: cdk.Duration, stack: cdk.Stack) -> None:
    from patch_window import MaintenanceWindow, Schedule

    window = MaintenanceWindow(
        stack,
        "W",
        schedule=Schedule.cron(minute="0", hour="2"),
        duration=cdk.Duration.hours(3),
        cutoff=cdk.Duration.hours(1),
    )
    target = window.add_target("T", tags={"Workload": ["Test"]})
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    window.add_run_command_task(
        "Task",
        document="AWS-RunPatchBaseline",
        role=role,
        targets=[target],
        max_concurrency="1",
        max_errors="1",
        timeout=timeout,
    )


def test_a_timeout_from_a_token_reaches_the_template() -> None:
    from aws_cdk.assertions import Template

    stack = cdk.Stack(cdk.App(), "S")
    seconds = cdk.CfnParameter(stack, "TimeoutSeconds", type="Number")
    _task_with_timeout(cdk.Duration.seconds(seconds.value_as_number), stack)
    Template.from_stack(stack).has_resource_properties(
        "AWS::SSM::MaintenanceWindowTask",
        {
            "TaskInvocationParameters": {
                "MaintenanceWindowRunCommandParameters": {
                    "TimeoutSeconds": {"Ref": "TimeoutSeconds"}
                }
            }
        },
    )


def test_a_timeout_token_in_minutes_is_refused_by_name() -> None:
    stack = cdk.Stack(cdk.App(), "S")
    minutes = cdk.CfnParameter(stack, "TimeoutMinutes", type="Number")
    with pytest.raises(PatchWindowValidationError) as raised:
        _task_with_timeout(cdk.Duration.minutes(minutes.value_as_number), stack)
    assert raised.value.problems == (
        "S/W/Task/Resource: timeout from a token must be given as Duration.seconds(token), "
        "got another unit",
    )


# -- 2 (guard). the ids a window name is checked against are the stack's real children --------


@pytest.mark.parametrize(
    "fixture", ["lab", "hardened", "scan_then_install", "existing_resources", "task_types"]
)
def test_every_stack_child_not_named_by_a_window_is_a_known_construct_id(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    from patch_window.app.reader import read_settings
    from patch_window.app.settings import derived_construct_ids
    from tests import conftest

    stack = request.getfixturevalue(fixture)[0]
    config = read_settings(getattr(conftest, f"{fixture}_settings")())
    named = {w.name for w in config.windows} | {p.name for p in config.scan_then_install}
    children = {child.node.id for child in stack.node.children} - named
    assert children
    assert children <= set(derived_construct_ids(config)), children
