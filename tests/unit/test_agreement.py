"""The cdk.json edge and the library edge refuse the same values with the same words.

Each rule lives once, in a table of :mod:`patch_window.rules.tables`; the constructs run the
tables on their props and the cdk.json reader runs the same rows on the settings that become
those props. Here every row is driven from both edges with one bad value: the app's
``error: patch_window.<path>: <problem>`` and the library's ``<construct path>: <prop>
<problem>`` must carry the same problem. A row without a case fails the suite, so a new rule
cannot be wired on one side only.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_lambda as lambda_
import aws_cdk.aws_s3 as s3
import aws_cdk.aws_sns as sns
import aws_cdk.aws_stepfunctions as sfn
import pytest

from patch_window import (
    ApprovalRule,
    MaintenanceWindow,
    MaintenanceWindowRole,
    NotificationEvent,
    NotificationRole,
    Notifications,
    OperatingSystem,
    OutputLogGroup,
    PassRolePolicy,
    PatchAlerts,
    PatchBaseline,
    PatchSource,
    PatchWindowValidationError,
    Schedule,
)
from patch_window.app.reader import read_settings
from patch_window.quotas import QUOTA_NAMES, Quotas
from patch_window.rules.tables import TABLES
from tests.conftest import lab_settings

UTC = datetime.UTC
# An offset ISO 8601 cannot write: SSM would refuse it at deploy.
SECONDS_OFFSET = datetime.timezone(datetime.timedelta(hours=1, seconds=30))

# -- the library edge ---------------------------------------------------------------------------


def _stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "S")


def _window(**props: Any) -> MaintenanceWindow:
    schedule = props.pop("schedule", "cron(0 2 ? * * *)")
    time_zone = props.pop("time_zone", None)
    return MaintenanceWindow(
        _stack(),
        "W",
        **{
            # The constructor, not a factory: the window itself must check the expression.
            "schedule": Schedule(schedule, cdk.TimeZone.of(time_zone) if time_zone else None),
            "duration": cdk.Duration.hours(props.pop("duration", 3)),
            "cutoff": cdk.Duration.hours(props.pop("cutoff", 1)),
            **props,
        },
    )


def _target(**props: Any) -> None:
    _window().add_target("T", **{"tags": {"Workload": ["Test"]}, **props})


def _run_command(**props: Any) -> None:
    window = _window()
    target = window.add_target("T", tags={"Workload": ["Test"]})
    role = iam.Role(window, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    timeout = props.pop("timeout", None)
    window.add_run_command_task(
        "Task",
        **{
            "document": "AWS-RunPatchBaseline",
            "role": role,
            "targets": [target],
            "max_concurrency": "1",
            "max_errors": "1",
            "parameters": {"Operation": ["Install"]},
            "timeout": cdk.Duration.seconds(timeout) if timeout is not None else None,
            **props,
        },
    )


def _with_bucket(name: str) -> None:
    stack_window = _window()
    _run_command_in(stack_window, output_bucket=s3.Bucket.from_bucket_name(stack_window, "B", name))


def _run_command_in(window: MaintenanceWindow, **props: Any) -> None:
    target = window.add_target("T", tags={"Workload": ["Test"]})
    role = iam.Role(window, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    window.add_run_command_task(
        "Task",
        document="AWS-RunPatchBaseline",
        role=role,
        targets=[target],
        max_concurrency="1",
        max_errors="1",
        parameters={"Operation": ["Install"]},
        **props,
    )


def _instance_roles(names: list[str]) -> None:
    window = _window()
    bucket = s3.Bucket.from_bucket_name(window, "B", "patch-output")
    roles = [iam.Role.from_role_name(window, f"R{i}", n) for i, n in enumerate(names)]
    _run_command_in(window, output_bucket=bucket, instance_roles=roles)


def _log_group(name: str) -> None:
    OutputLogGroup(_stack(), "Logs", log_group_name=name)


def _notifications(**props: Any) -> None:
    window = _window()
    topic = sns.Topic.from_topic_arn(
        window, "Topic", props.pop("topic_arn", "arn:aws:sns:eu-west-1:123456789012:patching")
    )
    events = [NotificationEvent(e) for e in props.pop("events", ["All"])]
    _run_command_in(
        window,
        notifications=Notifications(
            topic=topic, role=NotificationRole(window, "Publisher"), events=events
        ),
    )


def _typed_task(kind: str, **props: Any) -> None:
    window = _window()
    role = iam.Role(window, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    if kind == "AUTOMATION":
        window.add_automation_task(
            "Task", **{"document": "AWS-StopEC2Instance", "role": role, **props}
        )
    elif kind == "LAMBDA":
        function = props.pop("function", "arn:aws:lambda:us-east-1:123456789012:function:SSMx")
        window.add_lambda_task(
            "Task",
            function=lambda_.Function.from_function_arn(window, "F", function),
            role=role,
            **props,
        )
    else:
        machine = props.pop(
            "state_machine", "arn:aws:states:us-east-1:123456789012:stateMachine:SSMx"
        )
        window.add_step_functions_task(
            "Task",
            state_machine=sfn.StateMachine.from_state_machine_arn(window, "M", machine),
            role=role,
            **props,
        )


def _role(**props: Any) -> None:
    MaintenanceWindowRole(_stack(), "Role", **props)


def _pass_role(**props: Any) -> None:
    stack = _stack()
    role = MaintenanceWindowRole(stack, "Role").role
    groups = [
        iam.Group.from_group_name(stack, f"G{i}", n) for i, n in enumerate(props.pop("groups", []))
    ]
    PassRolePolicy(stack, "PassRole", role=role, groups=groups, **props)


def _baseline(**props: Any) -> None:
    system = OperatingSystem(props.pop("operating_system", "AMAZON_LINUX_2023"))
    PatchBaseline(_stack(), "Base", **{"name": "Base", "operating_system": system, **props})


_RULE = {"filters": {"CLASSIFICATION": ["Security"]}, "approve_after_days": 7}


def _rule(**props: Any) -> None:
    system = props.pop("operating_system", "AMAZON_LINUX_2023")
    _baseline(operating_system=system, approval_rules=[ApprovalRule(**{**_RULE, **props})])


_SOURCE = {"name": "internal", "products": ["AmazonLinux2023"], "configuration": "[main]"}


def _source(**props: Any) -> None:
    _baseline(sources=[PatchSource(**{**_SOURCE, **props})])


# -- the cdk.json edge --------------------------------------------------------------------------

W = "windows.0"
T = f"{W}.tasks.0"


def _typed(kind: str, **keys: Any) -> Callable[[dict[str, Any]], None]:
    """Replace the lab's task by one of ``kind`` with ``keys``."""
    base: dict[str, Any] = {
        "AUTOMATION": {"document": "AWS-StopEC2Instance"},
        "LAMBDA": {"function": "SSMx"},
        "STEP_FUNCTIONS": {"state_machine": "SSMx"},
    }[kind]

    def edit(settings: dict[str, Any]) -> None:
        settings["windows"][0]["tasks"] = [{"name": "Typed", "type": kind, **base, **keys}]

    return edit


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(settings: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = settings
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        node[int(last) if isinstance(node, list) else last] = value

    return edit


def _edits(*edits: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def edit(settings: dict[str, Any]) -> None:
        for one in edits:
            one(settings)

    return edit


B = "patch_baselines.0"


def _baseline_json(**keys: Any) -> Callable[[dict[str, Any]], None]:
    """Add one Amazon Linux 2023 baseline with ``keys``."""

    def edit(settings: dict[str, Any]) -> None:
        settings["patch_baselines"] = [
            {"name": "Base", "operating_system": "AMAZON_LINUX_2023", **keys}
        ]

    return edit


def _rule_json(**keys: Any) -> Callable[[dict[str, Any]], None]:
    system = keys.pop("operating_system", "AMAZON_LINUX_2023")
    rule = {key: value for key, value in {**_RULE, **keys}.items() if value is not None}
    return _baseline_json(operating_system=system, approval_rules=[rule])


def _source_json(**keys: Any) -> Callable[[dict[str, Any]], None]:
    return _baseline_json(sources=[{**_SOURCE, **keys}])


def _output(**keys: Any) -> Callable[[dict[str, Any]], None]:
    return _set(f"{T}.output", keys)


def _alerts(topic_arn: str) -> None:
    window = _window()
    PatchAlerts(
        cdk.Stack.of(window),
        "Alerts",
        windows=[window],
        topic=sns.Topic.from_topic_arn(window, "AlertsTopic", topic_arn),
    )


def _notify(**keys: Any) -> Callable[[dict[str, Any]], None]:
    return _set(f"{T}.notifications", {"topic_arn": "arn:aws:sns:eu-west-1:123456789012:p", **keys})


NOT_FROM_TWO_EDGES = {
    ("notifications", "events[]"): "the library takes NotificationEvent members",
    ("task", "cutoff_behavior"): "the library takes the CutoffBehavior enum",
    ("notifications", "type"): "the library takes the NotificationType enum",
    ("role", "policy"): "the library takes the RolePolicy enum",
    ("log_group", "retention_days"): "the library takes logs.RetentionDays",
    ("patch_baseline", "reboot_option"): "the library takes the RebootOption enum",
    ("stack", "stack_name"): "the stack is the app's; CDK checks a library stack's name itself",
    ("run_command", "parameters"): "a string where a list belongs is a JSON type error in cdk.json",
    ("baseline", "operating_system"): "the library takes the OperatingSystem enum",
    ("baseline", "approved_patches_compliance_level"): "the library takes PatchComplianceLevel",
    ("baseline", "rejected_patches_action"): "the library takes the RejectedPatchesAction enum",
    ("approval_rule", "compliance_level"): "the library takes PatchComplianceLevel",
    ("environment", "name"): "environments are the app's: a library user makes cdk.Stage",
    ("environment", "account"): "environments are the app's: CDK checks a cdk.Environment",
    ("environment", "regions"): "environments are the app's: CDK checks a cdk.Environment",
    ("environment", "regions[]"): "environments are the app's: CDK checks a cdk.Environment",
    ("deployment", "home_region"): "the stage layout is the app's; a library user picks Regions",
    **{
        ("stack_set", prop): "the StackSets stack is the app's; no library construct takes it"
        for prop in (
            "organizational_units",
            "organizational_units[]",
            "regions",
            "regions[]",
            "max_concurrent_percentage",
            "failure_tolerance_percentage",
            "region_concurrency",
            "region_order",
            "region_order[]",
            "call_as",
        )
    },
}

#: (table, prop, each): (cdk.json edit, its path, the library call, the library prop label)
CASES: dict[tuple[str, str, bool], tuple[Callable[..., None], str, Callable[[], object], str]] = {
    ("window", "name", False): (
        _set(f"{W}.name", "ab"),
        f"{W}.name",
        lambda: _window(name="ab"),
        "name",
    ),
    ("window", "description", False): (
        _set(f"{W}.description", ""),
        f"{W}.description",
        lambda: _window(description=""),
        "description",
    ),
    ("window", "schedule", False): (
        _set(f"{W}.schedule", "cron(0 2 * * * *)"),
        f"{W}.schedule",
        lambda: _window(schedule="cron(0 2 * * * *)"),
        "schedule",
    ),
    ("window", "duration", False): (
        _set(f"{W}.duration_hours", 25),
        f"{W}.duration_hours",
        lambda: _window(duration=25),
        "duration",
    ),
    ("window", "cutoff", False): (
        _set(f"{W}.cutoff_hours", 24),
        f"{W}.cutoff_hours",
        lambda: _window(cutoff=24),
        "cutoff",
    ),
    ("window", "time_zone", False): (
        _set(f"{W}.schedule_timezone", "Mars/Olympus"),
        f"{W}.schedule_timezone",
        lambda: _window(time_zone="Mars/Olympus"),
        "schedule.time_zone",
    ),
    ("window", "start_date", False): (
        _set(f"{W}.start_date", "2030-01-01T00:00:00+01:00:30"),
        f"{W}.start_date",
        lambda: _window(start_date=datetime.datetime(2030, 1, 1, tzinfo=SECONDS_OFFSET)),
        "start_date",
    ),
    ("window", "end_date", False): (
        _set(f"{W}.end_date", "2030-01-01T00:00:00+01:00:30"),
        f"{W}.end_date",
        lambda: _window(end_date=datetime.datetime(2030, 1, 1, tzinfo=SECONDS_OFFSET)),
        "end_date",
    ),
    ("window", "schedule_offset", False): (
        _set(f"{W}.schedule_offset", 7),
        f"{W}.schedule_offset",
        lambda: _window(schedule_offset=7),
        "schedule_offset",
    ),
    ("target", "name", False): (
        _set(f"{W}.targets.0.name", "a b"),
        f"{W}.targets[0].name",
        lambda: _target(name="a b"),
        "name",
    ),
    ("target", "description", False): (
        _set(f"{W}.targets.0.description", ""),
        f"{W}.targets[0].description",
        lambda: _target(description=""),
        "description",
    ),
    ("target", "owner_information", False): (
        _set(f"{W}.targets.0.owner_information", "x" * 129),
        f"{W}.targets[0].owner_information",
        lambda: _target(owner_information="x" * 129),
        "owner_information",
    ),
    ("task", "name", False): (
        _set(f"{T}.name", "a!"),
        f"{T}.name",
        lambda: _run_command(name="a!"),
        "name",
    ),
    ("task", "description", False): (
        _set(f"{T}.description", ""),
        f"{T}.description",
        lambda: _run_command(description=""),
        "description",
    ),
    ("task", "priority", False): (
        _set(f"{T}.priority", -1),
        f"{T}.priority",
        lambda: _run_command(priority=-1),
        "priority",
    ),
    ("task", "max_concurrency", False): (
        _set(f"{T}.max_concurrency", "0"),
        f"{T}.max_concurrency",
        lambda: _run_command(max_concurrency="0"),
        "max_concurrency",
    ),
    ("task", "max_errors", False): (
        _set(f"{T}.max_errors", "101%"),
        f"{T}.max_errors",
        lambda: _run_command(max_errors="101%"),
        "max_errors",
    ),
    ("run_command", "document", False): (
        _set(f"{T}.document", "ab"),
        f"{T}.document",
        lambda: _run_command(document="ab"),
        "document",
    ),
    ("run_command", "document_version", False): (
        _set(f"{T}.document_version", "0"),
        f"{T}.document_version",
        lambda: _run_command(document_version="0"),
        "document_version",
    ),
    ("run_command", "timeout", False): (
        _set(f"{T}.timeout_seconds", 29),
        f"{T}.timeout_seconds",
        lambda: _run_command(timeout=29),
        "timeout",
    ),
    ("run_command", "comment", False): (
        _set(f"{T}.comment", "x" * 101),
        f"{T}.comment",
        lambda: _run_command(comment="x" * 101),
        "comment",
    ),
    ("run_command", "output_key_prefix", False): (
        _output(s3={"bucket_name": "patch-output", "key_prefix": "x" * 501}),
        f"{T}.output.s3.key_prefix",
        lambda: _run_command_in(
            _window(),
            output_key_prefix="x" * 501,
            output_bucket=s3.Bucket.from_bucket_name(_stack(), "B", "patch-output"),
        ),
        "output_key_prefix",
    ),
    ("bucket", "bucket_name", False): (
        _output(s3={"bucket_name": "Patch_Output"}),
        f"{T}.output.s3.bucket_name",
        lambda: _with_bucket("Patch_Output"),
        "bucket_name",
    ),
    ("log_group", "log_group_name", False): (
        _output(cloudwatch={"log_group_name": "/patch window"}),
        f"{T}.output.cloudwatch.log_group_name",
        lambda: _log_group("/patch window"),
        "log_group_name",
    ),
    ("instance_roles", "role_names", True): (
        _output(s3={"bucket_name": "patch-output"}, instance_role_names=["web role"]),
        f"{T}.output.instance_role_names[0]",
        lambda: _instance_roles(["web role"]),
        "instance_roles[0]",
    ),
    ("alerts", "topic_arn", False): (
        _set("alerts", {"topic_arn": "arn:aws:sns:eu-west-1:1234:p"}),
        "alerts.topic_arn",
        lambda: _alerts("arn:aws:sns:eu-west-1:1234:p"),
        "topic",
    ),
    ("notifications", "topic_arn", False): (
        _notify(topic_arn="arn:aws:sns:eu-west-1:1234:p"),
        f"{T}.notifications.topic_arn",
        lambda: _notifications(topic_arn="arn:aws:sns:eu-west-1:1234:p"),
        "notifications.topic",
    ),
    ("notifications", "events", False): (
        _notify(events=["All", "Failed"]),
        f"{T}.notifications.events",
        lambda: _notifications(events=["All", "Failed"]),
        "notifications",
    ),
    ("automation", "document", False): (
        _typed("AUTOMATION", document="ab"),
        f"{W}.tasks[0].document",
        lambda: _typed_task("AUTOMATION", document="ab"),
        "document",
    ),
    ("automation", "parameters", False): (
        _typed("AUTOMATION", parameters={"P": ["x" * 513]}),
        f"{W}.tasks[0].parameters",
        lambda: _typed_task("AUTOMATION", parameters={"P": ["x" * 513]}),
        "parameters",
    ),
    ("automation", "document_version", False): (
        _typed("AUTOMATION", document_version="01"),
        f"{W}.tasks[0].document_version",
        lambda: _typed_task("AUTOMATION", document_version="01"),
        "document_version",
    ),
    ("lambda", "function", False): (
        _typed("LAMBDA", function="arn:aws:lambda:us-east-1:1:function:f"),
        f"{W}.tasks[0].function",
        lambda: _typed_task("LAMBDA", function="arn:aws:lambda:us-east-1:1:function:f"),
        "function",
    ),
    ("lambda", "qualifier", False): (
        _typed("LAMBDA", qualifier="a b"),
        f"{W}.tasks[0].qualifier",
        lambda: _typed_task("LAMBDA", qualifier="a b"),
        "qualifier",
    ),
    ("lambda", "payload", False): (
        _typed("LAMBDA", payload={"x": "é" * 2100}),
        f"{W}.tasks[0].payload",
        lambda: _typed_task("LAMBDA", payload={"x": "é" * 2100}),
        "payload",
    ),
    ("lambda", "client_context", False): (
        _typed("LAMBDA", client_context={"x": "y" * 6000}),
        f"{W}.tasks[0].client_context",
        lambda: _typed_task("LAMBDA", client_context={"x": "y" * 6000}),
        "client_context",
    ),
    ("step_functions", "state_machine", False): (
        _typed("STEP_FUNCTIONS", state_machine="arn:aws:states:us-east-1:1:stateMachine:m"),
        f"{W}.tasks[0].state_machine",
        lambda: _typed_task(
            "STEP_FUNCTIONS", state_machine="arn:aws:states:us-east-1:1:stateMachine:m"
        ),
        "state_machine",
    ),
    ("step_functions", "input", False): (
        _typed("STEP_FUNCTIONS", input={"x": "y" * 4100}),
        f"{W}.tasks[0].input",
        lambda: _typed_task("STEP_FUNCTIONS", input={"x": "y" * 4100}),
        "input",
    ),
    ("step_functions", "execution_name", False): (
        _typed("STEP_FUNCTIONS", execution_name="a b"),
        f"{W}.tasks[0].execution_name",
        lambda: _typed_task("STEP_FUNCTIONS", execution_name="a b"),
        "execution_name",
    ),
    ("role", "role_name", False): (
        _set("role.role_name", "a b"),
        "role.role_name",
        lambda: _role(role_name="a b"),
        "role_name",
    ),
    ("role", "description", False): (
        _set("role.description", "Rôle ✓"),
        "role.description",
        lambda: _role(description="Rôle ✓"),
        "description",
    ),
    ("role", "trusted_services", False): (
        _set("role.trusted_services", []),
        "role.trusted_services",
        lambda: _role(trusted_services=[]),
        "trusted_services",
    ),
    ("role", "trusted_services", True): (
        _set("role.trusted_services", ["ssm"]),
        "role.trusted_services[0]",
        lambda: _role(trusted_services=["ssm"]),
        "trusted_services[0]",
    ),
    ("pass_role_policy", "managed_policy_name", False): (
        _set("pass_role.policy_name", "a b"),
        "pass_role.policy_name",
        lambda: _pass_role(managed_policy_name="a b"),
        "managed_policy_name",
    ),
    ("pass_role_policy", "group_names", True): (
        _set("pass_role.group_names", ["Admins!"]),
        "pass_role.group_names[0]",
        lambda: _pass_role(groups=["Admins!"]),
        "group_names[0]",
    ),
    ("baseline", "name", False): (
        _baseline_json(name="ab"),
        f"{B}.name",
        lambda: _baseline(name="ab"),
        "name",
    ),
    ("baseline", "description", False): (
        _baseline_json(description=""),
        f"{B}.description",
        lambda: _baseline(description=""),
        "description",
    ),
    ("baseline", "global_filters", False): (
        _baseline_json(global_filters={"PRODUCT": ["x"] * 21}),
        f"{B}.global_filters",
        lambda: _baseline(global_filters={"PRODUCT": ["x"] * 21}),
        "global_filters",
    ),
    ("baseline", "approval_rules", False): (
        _baseline_json(approval_rules=[_RULE] * 11),
        f"{B}.approval_rules",
        lambda: _baseline(approval_rules=[ApprovalRule(**_RULE)] * 11),
        "approval_rules",
    ),
    ("baseline", "approved_patches", False): (
        _baseline_json(approved_patches=[f"p{i}" for i in range(51)]),
        f"{B}.approved_patches",
        lambda: _baseline(approved_patches=[f"p{i}" for i in range(51)]),
        "approved_patches",
    ),
    ("baseline", "approved_patches", True): (
        _baseline_json(approved_patches=["x" * 101]),
        f"{B}.approved_patches.0",
        lambda: _baseline(approved_patches=["x" * 101]),
        "approved_patches[0]",
    ),
    ("baseline", "rejected_patches", False): (
        _baseline_json(rejected_patches=[f"p{i}" for i in range(51)]),
        f"{B}.rejected_patches",
        lambda: _baseline(rejected_patches=[f"p{i}" for i in range(51)]),
        "rejected_patches",
    ),
    ("baseline", "rejected_patches", True): (
        _baseline_json(rejected_patches=[""]),
        f"{B}.rejected_patches.0",
        lambda: _baseline(rejected_patches=[""]),
        "rejected_patches[0]",
    ),
    ("baseline", "sources", False): (
        _baseline_json(sources=[_SOURCE] * 21),
        f"{B}.sources",
        lambda: _baseline(sources=[PatchSource(**_SOURCE)] * 21),
        "sources",
    ),
    ("baseline", "patch_groups", True): (
        _baseline_json(patch_groups=["web servers!"]),
        f"{B}.patch_groups.0",
        lambda: _baseline(patch_groups=["web servers!"]),
        "patch_groups[0]",
    ),
    ("baseline", "patch_groups", False): (
        _baseline_json(patch_groups=["web", "web"]),
        f"{B}.patch_groups",
        lambda: _baseline(patch_groups=["web", "web"]),
        "patch_groups",
    ),
    ("approval_rule", "filters", False): (
        _rule_json(filters={"COLOUR": ["red"]}),
        f"{B}.approval_rules.0.filters",
        lambda: _rule(filters={"COLOUR": ["red"]}),
        "approval_rules[0].filters",
    ),
    ("approval_rule", "approve_after_days", False): (
        _rule_json(approve_after_days=361),
        f"{B}.approval_rules.0.approve_after_days",
        lambda: _rule(approve_after_days=361),
        "approval_rules[0].approve_after_days",
    ),
    ("approval_rule", "approve_until_date", False): (
        _rule_json(approve_after_days=None, approve_until_date="2026-02-30"),
        f"{B}.approval_rules.0.approve_until_date",
        lambda: _rule(approve_after_days=None, approve_until_date="2026-02-30"),
        "approval_rules[0].approve_until_date",
    ),
    ("patch_source", "name", False): (
        _source_json(name="ab"),
        f"{B}.sources.0.name",
        lambda: _source(name="ab"),
        "sources[0].name",
    ),
    ("patch_source", "products", False): (
        _source_json(products=[]),
        f"{B}.sources.0.products",
        lambda: _source(products=[]),
        "sources[0].products",
    ),
    ("patch_source", "products", True): (
        _source_json(products=["x" * 129]),
        f"{B}.sources.0.products.0",
        lambda: _source(products=["x" * 129]),
        "sources[0].products[0]",
    ),
    ("patch_source", "configuration", False): (
        _source_json(configuration=""),
        f"{B}.sources.0.configuration",
        lambda: _source(configuration=""),
        "sources[0].configuration",
    ),
    **{
        ("quotas", key, False): (
            _set(f"quotas.{key}", 0),
            f"quotas.{key}",
            functools.partial(Quotas, **{key: 0}),
            key,
        )
        for key in QUOTA_NAMES
    },
}

#: Rows that compare two props: driven the same way, keyed by the prop and what it is compared to.
PAIR_CASES: dict[
    tuple[str, str, tuple[str, ...]], tuple[Callable[..., None], str, Callable[[], object], str]
] = {
    ("window", "cutoff", ("duration",)): (
        _set(f"{W}.cutoff_hours", 3),
        f"{W}.cutoff_hours",
        lambda: _window(cutoff=3),
        "cutoff",
    ),
    ("window", "schedule_offset", ("schedule",)): (
        _edits(_set(f"{W}.schedule", "rate(1 day)"), _set(f"{W}.schedule_offset", 2)),
        f"{W}.schedule_offset",
        lambda: _window(schedule="rate(1 day)", schedule_offset=2),
        "schedule_offset",
    ),
    ("window", "end_date", ("start_date",)): (
        _edits(
            _set(f"{W}.start_date", "2030-01-02T00:00:00+00:00"),
            _set(f"{W}.end_date", "2030-01-01T00:00:00+00:00"),
        ),
        f"{W}.end_date",
        lambda: _window(
            start_date=datetime.datetime(2030, 1, 2, tzinfo=UTC),
            end_date=datetime.datetime(2030, 1, 1, tzinfo=UTC),
        ),
        "end_date",
    ),
    ("baseline", "global_filters", ("operating_system",)): (
        _baseline_json(global_filters={"MSRC_SEVERITY": ["Critical"]}),
        f"{B}.global_filters",
        lambda: _baseline(global_filters={"MSRC_SEVERITY": ["Critical"]}),
        "global_filters",
    ),
    ("baseline", "approved_patches", ("operating_system",)): (
        _baseline_json(operating_system="WINDOWS", approved_patches=["dbus"]),
        f"{B}.approved_patches",
        lambda: _baseline(operating_system="WINDOWS", approved_patches=["dbus"]),
        "approved_patches",
    ),
    ("baseline", "rejected_patches", ("operating_system",)): (
        _baseline_json(rejected_patches=["kernel**"]),
        f"{B}.rejected_patches",
        lambda: _baseline(rejected_patches=["kernel**"]),
        "rejected_patches",
    ),
    ("baseline", "sources", ("operating_system",)): (
        _baseline_json(operating_system="WINDOWS", sources=[_SOURCE]),
        f"{B}.sources",
        lambda: _baseline(operating_system="WINDOWS", sources=[PatchSource(**_SOURCE)]),
        "sources",
    ),
    ("approval_rule", "filters", ("operating_system",)): (
        _rule_json(filters={"CLASSIFICATION": ["Securty"]}),
        f"{B}.approval_rules.0.filters",
        lambda: _rule(filters={"CLASSIFICATION": ["Securty"]}),
        "approval_rules[0].filters",
    ),
    ("approval_rule", "approve_after_days", ("operating_system",)): (
        _rule_json(operating_system="UBUNTU", filters={"PRIORITY": ["Required"]}),
        f"{B}.approval_rules.0.approve_after_days",
        lambda: _rule(operating_system="UBUNTU", filters={"PRIORITY": ["Required"]}),
        "approval_rules[0].approve_after_days",
    ),
    ("approval_rule", "approve_until_date", ("operating_system",)): (
        _rule_json(
            operating_system="DEBIAN",
            filters={"PRIORITY": ["Required"]},
            approve_after_days=None,
            approve_until_date="2026-12-31",
        ),
        f"{B}.approval_rules.0.approve_until_date",
        lambda: _rule(
            operating_system="DEBIAN",
            filters={"PRIORITY": ["Required"]},
            approve_after_days=None,
            approve_until_date="2026-12-31",
        ),
        "approval_rules[0].approve_until_date",
    ),
    ("approval_rule", "enable_non_security", ("operating_system",)): (
        _rule_json(
            operating_system="WINDOWS",
            filters={"CLASSIFICATION": ["Updates"]},
            enable_non_security=True,
        ),
        f"{B}.approval_rules.0.enable_non_security",
        lambda: _rule(
            operating_system="WINDOWS",
            filters={"CLASSIFICATION": ["Updates"]},
            enable_non_security=True,
        ),
        "approval_rules[0].enable_non_security",
    ),
}

ROWS = [
    (name, row.prop, row.each, row.after) for name, table in TABLES.items() for row in table.rows
]


def _app_problems(edit: Callable[[dict[str, Any]], None]) -> tuple[str, ...]:
    settings = lab_settings()
    settings.setdefault("pass_role", {"group_names": ["Administrators"]})
    edit(settings)
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    return raised.value.problems


def _library_problems(build: Callable[[], object]) -> tuple[str, ...]:
    with pytest.raises(PatchWindowValidationError) as raised:
        build()
    return raised.value.problems


def test_every_row_is_driven_from_both_edges_or_says_why_not() -> None:
    covered = {(t, p, e) for t, p, e in CASES} | {(t, p, False) for t, p, _ in PAIR_CASES}
    missing = [
        (name, prop, each)
        for name, prop, each, after in ROWS
        if (name, f"{prop}[]" if each else prop) not in NOT_FROM_TWO_EDGES
        and (
            (name, prop, each) not in covered
            if not after
            else (name, prop, after) not in PAIR_CASES
        )
    ]
    assert missing == []


def _same_problem(
    edit: Callable[[dict[str, Any]], None], path: str, build: Callable[[], object], label: str
) -> None:
    path = re.sub(r"\.(\d+)", r"[\1]", path)  # windows.0.name is windows[0].name in messages
    app_lines = [line for line in _app_problems(edit) if line.startswith(f"patch_window.{path}: ")]
    assert app_lines, _app_problems(edit)
    problem = app_lines[0].removeprefix(f"patch_window.{path}: ")
    library = _library_problems(build)
    assert any(line.endswith(f": {label} {problem}") for line in library), (problem, library)


@pytest.mark.parametrize(("key"), sorted(CASES), ids=lambda k: ".".join(map(str, k)))
def test_both_edges_refuse_with_the_same_words(key: tuple[str, str, bool]) -> None:
    _same_problem(*CASES[key])


@pytest.mark.parametrize(("key"), sorted(PAIR_CASES), ids=lambda k: f"{k[0]}.{k[1]}")
def test_both_edges_compare_props_with_the_same_words(
    key: tuple[str, str, tuple[str, ...]],
) -> None:
    _same_problem(*PAIR_CASES[key])
