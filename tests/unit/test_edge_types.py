"""The library's edge refuses wrong types as the cdk.json edge does.

The table is derived from the face: every public constructor, method and factory, and every
parameter each one takes, found by introspection. A wrong value is drawn from the parameter's
own type hint, so a new parameter is covered the day it is added, and a new public callable
fails here until it is wrapped with ``edge_types.checked`` and has valid arguments below.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_lambda as lambda_
import aws_cdk.aws_logs as logs
import aws_cdk.aws_s3 as s3
import aws_cdk.aws_sns as sns
import aws_cdk.aws_stepfunctions as sfn
import pytest

import patch_window
from patch_window import (
    MaintenanceWindow,
    MaintenanceWindowRole,
    NotificationRole,
    NotificationTopic,
    PatchPhase,
    PatchWindowValidationError,
    Permission,
    Schedule,
    TargetSelector,
    edge_types,
)
from patch_window.edge_types import hints

#: Public methods that are not an edge: called by CDK or by this library's own constructs
#: with values they built, never with a user's.
NOT_AN_EDGE = {
    "MaintenanceWindow.register_target": "targets register themselves (IMaintenanceWindow)",
    "MaintenanceWindow.register_task": "tasks register themselves (IMaintenanceWindow)",
    "ManagedPolicyGrantee.add_to_policy": "iam.IPrincipal, called by CDK grants",
    "ManagedPolicyGrantee.add_to_principal_policy": "iam.IPrincipal, called by CDK grants",
    "RunPatchBaseline.__init__": "internal: use scan() or install()",
    "Schedule.__init__": "internal: use the static factories",
    "TargetSelector.__init__": "internal: use the by_* factories",
    "TargetSelector.from_values": "internal: the cdk.json reader's entry",
    "TargetSelector.problems": "reads the selector, takes no argument",
    "TargetSelector.problem": "reads the selector, takes no argument",
    "TargetSelector.permissions": "called by the task role's policy",
    "TargetSelector.describe": "reads the selector, takes no argument",
    "TaskPolicy.statements": "reads the policy, takes no argument",
    "ApprovalRule.values": "called by PatchBaseline with the baseline's operating system",
    "PatchSource.values": "reads the source, takes no argument",
}
#: The cdk.json layer: its settings are checked by the reader (test_app_settings.py).
APP_MODULES = ("patch_window.app",)
NOT_CALLABLE_MODULES = ("patch_window.vocabulary", "patch_window.interfaces", "patch_window.errors")


def public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """``("Class.method", function)`` for every public callable the face exports."""
    for name in patch_window.__all__:
        obj = getattr(patch_window, name)
        module = obj.__module__
        if module.startswith(APP_MODULES) or module in NOT_CALLABLE_MODULES:
            continue
        if inspect.isfunction(obj):
            yield name, obj
            continue
        assert inspect.isclass(obj), name
        for attr, raw in vars(obj).items():
            if (attr.startswith("_") and attr != "__init__") or isinstance(raw, property):
                continue
            function = raw.__func__ if isinstance(raw, (staticmethod, classmethod)) else raw
            if callable(function) and f"{name}.{attr}" not in NOT_AN_EDGE:
                yield f"{name}.{attr}", function


CALLABLES = dict(public_callables())


def _optional_arm(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        return arms[0] if len(arms) == 1 else hint
    return hint


def wrong_value(hint: Any) -> Any:
    """A value of the wrong type for ``hint``: the mistakes users make."""
    hint = _optional_arm(hint)
    origin = typing.get_origin(hint)
    if origin in (Sequence, list, tuple, Mapping, dict):
        return "Test"  # a string where a list or a mapping belongs
    if origin in (typing.Union, types.UnionType):
        return 3.5  # matches none of str | ssm.CfnDocument | ...
    if hint is str:
        return 42
    if hint in (int, float):
        return "3"
    if hint is bool:
        return "yes"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint)).name  # the member's name, as a plain string
    if hint is datetime.datetime:
        return "2026-04-07T14:29:00Z"
    if hint is cdk.Duration:
        return 1
    if hint is cdk.TimeZone:
        return "Europe/London"
    assert isinstance(hint, type), hint
    return "wrong"  # a string where a construct, interface or value object belongs


ROWS = [
    (qualname, param)
    for qualname, function in CALLABLES.items()
    for param in inspect.signature(function).parameters
    if param not in ("self", "cls")
]


class World:
    """Valid objects to call each public callable with; ids are fresh on every call."""

    def __init__(self) -> None:
        self.stack = cdk.Stack(cdk.App(), "Edge")
        # every callable builds in this one stack: far past Systems Manager's default quotas
        many = 10_000
        patch_window.set_quotas(
            self.stack,
            patch_window.Quotas(
                windows=many, tasks_per_window=many, targets_per_window=many, targets_per_task=many
            ),
        )
        self.count = 0
        self.role_construct = MaintenanceWindowRole(self.stack, "Role")
        self.role = self.role_construct.role
        self.window = MaintenanceWindow(
            self.stack,
            "Window",
            schedule=Schedule.daily(hour=2),
            duration=cdk.Duration.hours(3),
            cutoff=cdk.Duration.hours(1),
        )
        self.target = self.window.add_target("Web", tags={"Role": ["Web"]})
        self.topic = NotificationTopic(self.stack, "Topic").topic
        self.notification_role = NotificationRole(self.stack, "NotificationRole")
        self.function = lambda_.Function.from_function_name(self.stack, "F", "SSMReport")
        self.machine = sfn.StateMachine.from_state_machine_name(self.stack, "M", "SSMDrain")
        self.bucket = s3.Bucket.from_bucket_name(self.stack, "B", "output-bucket")
        self.log_group = logs.LogGroup.from_log_group_name(self.stack, "L", "/patch")
        self.group = iam.Group.from_group_name(self.stack, "G", "Administrators")
        self.policy = iam.ManagedPolicy(self.stack, "Policy")

    def id_(self) -> str:
        self.count += 1
        return f"Made{self.count}"

    def valid(self, qualname: str) -> tuple[Callable[..., Any], dict[str, Any], str]:
        """(callable, valid arguments, the construct path or factory its errors name)."""
        window, role = self.window, self.role
        task = {"window": window, "role": role}
        basics = {"max_concurrency": "1", "max_errors": "1", "targets": [self.target]}
        id_ = self.id_()
        here = f"Edge/{id_}"
        under = f"Edge/Window/{id_}"
        # Built on demand: only the row asked for constructs anything.
        rows: dict[str, Callable[[], tuple[Callable[..., Any], dict[str, Any], str]]] = {
            "add_compliance_checks": lambda: (
                patch_window.add_compliance_checks,
                {"app": cdk.App()},
                "add_compliance_checks",
            ),
            "check_schedules": lambda: (
                patch_window.check_schedules,
                {"stack": self.stack},
                "check_schedules",
            ),
            "PatchAlerts.__init__": lambda: (
                patch_window.PatchAlerts,
                {"scope": self.stack, "id_": id_, "windows": [window]},
                here,
            ),
            "AutomationTask.__init__": lambda: (
                patch_window.AutomationTask,
                {"scope": window, "id_": id_, **task, "document": "AWS-CreateSnapshot"},
                under,
            ),
            "LambdaTask.__init__": lambda: (
                patch_window.LambdaTask,
                {"scope": window, "id_": id_, **task, "function": self.function},
                under,
            ),
            "StepFunctionsTask.__init__": lambda: (
                patch_window.StepFunctionsTask,
                {"scope": window, "id_": id_, **task, "state_machine": self.machine},
                under,
            ),
            "RunCommandTask.__init__": lambda: (
                patch_window.RunCommandTask,
                {"scope": window, "id_": id_, **task, **basics, "document": "AWS-RunShellScript"},
                under,
            ),
            "RunCommandTask.grant_output_write": lambda: (
                self.run_command_task().grant_output_write,
                {"role": role},
                "RunCommandTask.grant_output_write",
            ),
            "MaintenanceWindow.__init__": lambda: (
                MaintenanceWindow,
                {
                    "scope": self.stack,
                    "id_": id_,
                    "schedule": Schedule.daily(hour=2),
                    "duration": cdk.Duration.hours(3),
                    "cutoff": cdk.Duration.hours(1),
                },
                here,
            ),
            "MaintenanceWindow.add_target": lambda: (
                window.add_target,
                {"id_": id_, "tags": {"Role": ["Web"]}},
                under,
            ),
            "MaintenanceWindow.add_run_command_task": lambda: (
                window.add_run_command_task,
                {"id_": id_, "role": role, **basics, "document": "AWS-RunShellScript"},
                under,
            ),
            "MaintenanceWindow.add_automation_task": lambda: (
                window.add_automation_task,
                {"id_": id_, "role": role, "document": "AWS-CreateSnapshot"},
                under,
            ),
            "MaintenanceWindow.add_lambda_task": lambda: (
                window.add_lambda_task,
                {"id_": id_, "role": role, "function": self.function},
                under,
            ),
            "MaintenanceWindow.add_step_functions_task": lambda: (
                window.add_step_functions_task,
                {"id_": id_, "role": role, "state_machine": self.machine},
                under,
            ),
            "MaintenanceWindow.from_window_id": lambda: (
                MaintenanceWindow.from_window_id,
                {"scope": self.stack, "id_": id_, "window_id": "mw-0123456789abcdef0"},
                here,
            ),
            "MaintenanceWindowRole.__init__": lambda: (
                MaintenanceWindowRole,
                {"scope": self.stack, "id_": id_},
                here,
            ),
            "MaintenanceWindowRole.add_task_permissions": lambda: (
                self.role_construct.add_task_permissions,
                {"permissions": []},
                "MaintenanceWindowRole.add_task_permissions",
            ),
            "MaintenanceWindowRole.grant_pass_role": lambda: (
                self.role_construct.grant_pass_role,
                {"grantee": self.group},
                "MaintenanceWindowRole.grant_pass_role",
            ),
            "MaintenanceWindowTarget.__init__": lambda: (
                patch_window.MaintenanceWindowTarget,
                {"scope": window, "id_": id_, "window": window, "tags": {"Role": ["Web"]}},
                under,
            ),
            "ManagedPolicyGrantee.__init__": lambda: (
                patch_window.ManagedPolicyGrantee,
                {"policy": self.policy, "principal": role},
                "ManagedPolicyGrantee",
            ),
            "NotificationRole.__init__": lambda: (
                NotificationRole,
                {"scope": self.stack, "id_": id_},
                here,
            ),
            "NotificationRole.allow_publish": lambda: (
                self.notification_role.allow_publish,
                {"topic": self.topic},
                "NotificationRole.allow_publish",
            ),
            "NotificationTopic.__init__": lambda: (
                NotificationTopic,
                {"scope": self.stack, "id_": id_},
                here,
            ),
            "Notifications.__init__": lambda: (
                patch_window.Notifications,
                {"topic": self.topic, "role": self.notification_role},
                "Notifications",
            ),
            "OutputBucket.__init__": lambda: (
                patch_window.OutputBucket,
                {"scope": self.stack, "id_": id_},
                here,
            ),
            "OutputLogGroup.__init__": lambda: (
                patch_window.OutputLogGroup,
                {"scope": self.stack, "id_": id_, "log_group_name": "/patch/out"},
                here,
            ),
            "OutputWritePolicy.__init__": lambda: (
                patch_window.OutputWritePolicy,
                {"scope": self.stack, "id_": id_, "bucket": self.bucket},
                here,
            ),
            "OutputWritePolicy.add_role": lambda: (
                patch_window.OutputWritePolicy(self.stack, self.id_(), bucket=self.bucket).add_role,
                {"role": role},
                "OutputWritePolicy.add_role",
            ),
            "HistoryReaderPolicy.__init__": lambda: (
                patch_window.HistoryReaderPolicy,
                {"scope": self.stack, "id_": id_, "windows": [self.window]},
                here,
            ),
            "HistoryReaderPolicy.attach_to_group": lambda: (
                patch_window.HistoryReaderPolicy(self.stack, self.id_()).attach_to_group,
                {"group": iam.Group.from_group_name(self.stack, self.id_(), "Operators")},
                "HistoryReaderPolicy.attach_to_group",
            ),
            "HistoryReaderPolicy.attach_to_role": lambda: (
                patch_window.HistoryReaderPolicy(self.stack, self.id_()).attach_to_role,
                {"role": role},
                "HistoryReaderPolicy.attach_to_role",
            ),
            "PassRolePolicy.__init__": lambda: (
                patch_window.PassRolePolicy,
                {"scope": self.stack, "id_": id_, "role": role},
                here,
            ),
            "ApprovalRule.__init__": lambda: (
                patch_window.ApprovalRule,
                {"filters": {"CLASSIFICATION": ["Security"]}, "approve_after_days": 7},
                "ApprovalRule",
            ),
            "PatchSource.__init__": lambda: (
                patch_window.PatchSource,
                {
                    "name": "My-Repo",
                    "products": ["AmazonLinux2023"],
                    "configuration": "[my-repo]\nname=My repo",
                },
                "PatchSource",
            ),
            "PatchBaseline.__init__": lambda: (
                patch_window.PatchBaseline,
                {
                    "scope": self.stack,
                    "id_": id_,
                    "operating_system": patch_window.OperatingSystem.AMAZON_LINUX_2023,
                },
                here,
            ),
            "TargetSelector.by_patch_group": lambda: (
                TargetSelector.by_patch_group,
                {"group": "WebServers"},
                "TargetSelector.by_patch_group",
            ),
            "PatchPhase.__init__": lambda: (
                PatchPhase,
                {"schedule": Schedule.daily(hour=2)},
                "PatchPhase",
            ),
            "Permission.__init__": lambda: (
                Permission,
                {"sid": "Sid", "actions": ("ssm:SendCommand",), "resources": ("*",), "reason": "r"},
                "Permission",
            ),
            "RunPatchBaseline.scan": lambda: (
                patch_window.RunPatchBaseline.scan,
                {},
                "RunPatchBaseline.scan",
            ),
            "RunPatchBaseline.install": lambda: (
                patch_window.RunPatchBaseline.install,
                {},
                "RunPatchBaseline.install",
            ),
            "ScanThenInstall.__init__": lambda: (
                patch_window.ScanThenInstall,
                {
                    "scope": self.stack,
                    "id_": id_,
                    "selector": TargetSelector.by_tags({"Role": ["Web"]}),
                    "scan": PatchPhase(Schedule.daily(hour=2)),
                    "install": PatchPhase(Schedule.weekly("SAT", hour=3)),
                },
                here,
            ),
            "Schedule.daily": lambda: (Schedule.daily, {"hour": 2}, "Schedule.daily"),
            "Schedule.weekly": lambda: (
                Schedule.weekly,
                {"day": "SAT", "hour": 2},
                "Schedule.weekly",
            ),
            "Schedule.every": lambda: (
                Schedule.every,
                {"duration": cdk.Duration.hours(1)},
                "Schedule.every",
            ),
            "Schedule.monthly_on": lambda: (
                Schedule.monthly_on,
                {"week_day": "TUE", "nth": 2, "hour": 3},
                "Schedule.monthly_on",
            ),
            "Schedule.expression": lambda: (
                Schedule.expression,
                {"expression": "rate(1 hour)"},
                "Schedule.expression",
            ),
            "Schedule.cron": lambda: (Schedule.cron, {"hour": "2"}, "Schedule.cron"),
            "Schedule.rate": lambda: (
                Schedule.rate,
                {"duration": cdk.Duration.hours(1)},
                "Schedule.rate",
            ),
            "Schedule.at": lambda: (
                Schedule.at,
                {"when": datetime.datetime(2030, 1, 1)},
                "Schedule.at",
            ),
            "TargetSelector.by_tags": lambda: (
                TargetSelector.by_tags,
                {"tags": {"Role": ["Web"]}},
                "TargetSelector.by_tags",
            ),
            "TargetSelector.by_tag_keys": lambda: (
                TargetSelector.by_tag_keys,
                {"keys": ["Patch Group"]},
                "TargetSelector.by_tag_keys",
            ),
            "TargetSelector.by_instance_ids": lambda: (
                TargetSelector.by_instance_ids,
                {"ids": ["i-0123456789abcdef0"]},
                "TargetSelector.by_instance_ids",
            ),
            "TargetSelector.by_resource_group": lambda: (
                TargetSelector.by_resource_group,
                {"name": "web-servers"},
                "TargetSelector.by_resource_group",
            ),
            "AccountResources.__init__": lambda: (
                patch_window.AccountResources,
                {"scope": self.stack, "id_": id_, "role_name": f"Role{id_}"},
                here,
            ),
            "TaskRoleReference.__init__": lambda: (
                patch_window.TaskRoleReference,
                {"scope": self.stack, "id_": id_, "role": role},
                here,
            ),
            "TaskRoleReference.add_task_permissions": lambda: (
                patch_window.TaskRoleReference(
                    self.stack, self.id_(), role=role
                ).add_task_permissions,
                {"permissions": [Permission("Sid", ("ssm:SendCommand",), ("*",), "r")]},
                "TaskRoleReference.add_task_permissions",
            ),
            "Quotas.__init__": lambda: (patch_window.Quotas, {"windows": 60}, "Quotas"),
            "set_quotas": lambda: (
                patch_window.set_quotas,
                {"stack": cdk.Stack(cdk.App(), "Quotas"), "quotas": patch_window.Quotas()},
                "set_quotas",
            ),
            "TaskPolicy.__init__": lambda: (
                patch_window.TaskPolicy,
                {"scope": self.stack, "id_": id_, "role": role},
                here,
            ),
            "TaskPolicy.add": lambda: (
                patch_window.TaskPolicy(self.stack, self.id_(), role=role).add,
                {"permission": Permission("Sid", ("ssm:SendCommand",), ("*",), "r")},
                "TaskPolicy.add",
            ),
        }
        return rows[qualname]()

    def run_command_task(self) -> patch_window.RunCommandTask:
        return self.window.add_run_command_task(
            self.id_(),
            document="AWS-RunShellScript",
            role=self.role,
            max_concurrency="1",
            max_errors="1",
            targets=[self.target],
            output_bucket=self.bucket,
        )


@pytest.fixture(scope="module")
def world() -> World:
    return World()


def test_every_public_callable_checks_its_types() -> None:
    unchecked = [name for name, f in CALLABLES.items() if not hasattr(f, "__wrapped__")]
    assert unchecked == []
    assert len(ROWS) > 200


@pytest.mark.parametrize("qualname", sorted(CALLABLES))
def test_valid_arguments_pass(world: World, qualname: str) -> None:
    build, arguments, _ = world.valid(qualname)
    build(**arguments)


@pytest.mark.parametrize(("qualname", "param"), ROWS, ids=[f"{q}-{p}" for q, p in ROWS])
def test_a_wrong_type_is_refused_naming_the_prop(world: World, qualname: str, param: str) -> None:
    build, arguments, where = world.valid(qualname)
    hint = hints(CALLABLES[qualname], owner=_dataclass_owner(qualname))[param]
    wrong = wrong_value(hint)
    if param in ("scope", "id_"):
        where = qualname.removesuffix(".__init__")  # no construct path without them
    with pytest.raises(PatchWindowValidationError) as caught:
        build(**{**arguments, param: wrong})
    [message] = caught.value.problems
    assert message.startswith(f"{where}: {param} must be "), message
    assert message.endswith(
        f", got {wrong!r} ({'an' if type(wrong) is int else 'a'} {type(wrong).__name__})"
    ), message


def _dataclass_owner(qualname: str) -> type | None:
    owner = getattr(patch_window, qualname.split(".")[0])
    return (
        owner if qualname.endswith("__init__") and hasattr(owner, "__dataclass_fields__") else None
    )


TAG_VALUE = "Edge/Window/T: tags['Workload'] must be a list or tuple of strings"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda w: w.window.add_target("T", tags={"Workload": "Test"}),
            f"{TAG_VALUE} (not a single string), got 'Test' (a str)",
        ),
        (
            lambda w: TargetSelector.by_tags({"Workload": "Test"}),
            "TargetSelector.by_tags: tags['Workload'] must be a list or tuple of strings"
            " (not a single string), got 'Test' (a str)",
        ),
        (
            lambda w: TargetSelector.by_instance_ids(["i-0123456789abcdef0", 7]),  # type: ignore[list-item]
            "TargetSelector.by_instance_ids: ids[1] must be a string, got 7 (an int)",
        ),
        (
            lambda w: w.window.add_run_command_task(
                "P",
                document="AWS-RunPatchBaseline",
                role=w.role,
                max_concurrency="1",
                max_errors="1",
                cutoff_behavior="CANCEL_TASK",
            ),
            "Edge/Window/P: cutoff_behavior must be a CutoffBehavior member"
            " (CutoffBehavior.CANCEL_TASK, not a string), got 'CANCEL_TASK' (a str)",
        ),
        (
            lambda w: MaintenanceWindowRole(w.stack, "R", policy="aws-managed"),  # type: ignore[arg-type]
            "Edge/R: policy must be a RolePolicy member (RolePolicy.AWS_MANAGED, not a string),"
            " got 'aws-managed' (a str)",
        ),
        (
            lambda w: w.window.add_lambda_task(
                "L", role=w.role, function=w.function, payload={1: "one"}
            ),
            "Edge/Window/L: payload key must be a string, got 1 (an int)",
        ),
    ],
    ids=["tag-value", "selector-tag-value", "list-item", "enum-by-name", "enum-by-value", "key"],
)
def test_the_mistakes_users_make_get_exact_messages(
    world: World, call: Callable[[World], Any], message: str
) -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        call(world)
    assert caught.value.problems == (message,)


def test_tokens_pass_whatever_their_type(world: World) -> None:
    values = cdk.Token.as_list(cdk.Fn.split(",", cdk.Fn.import_value("Values")))
    target = world.window.add_target("Tokens", tags={"Workload": values})
    assert target.node.path == "Edge/Window/Tokens"
    hours = cdk.Duration.hours(cdk.Token.as_number(cdk.Fn.import_value("Hours")))
    window = MaintenanceWindow(
        world.stack, "TokenWindow", schedule=Schedule.daily(hour=2), duration=hours, cutoff=hours
    )
    assert window.node.path == "Edge/TokenWindow"


def test_every_problem_is_reported_at_once(world: World) -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        MaintenanceWindow(
            world.stack,
            "Bad",
            schedule="cron(0 2 ? * * *)",  # type: ignore[arg-type]
            duration=3,  # type: ignore[arg-type]
            cutoff=1,  # type: ignore[arg-type]
        )
    assert [p.split(" must")[0] for p in caught.value.problems] == [
        "Edge/Bad: schedule",
        "Edge/Bad: duration",
        "Edge/Bad: cutoff",
    ]


def test_sns_topic_interface_is_checked_not_assumed(world: World) -> None:
    topic = sns.Topic.from_topic_arn(world.stack, "T", "arn:aws:sns:us-east-1:123456789012:t")
    assert patch_window.Notifications(topic, world.notification_role).topic is topic
    with pytest.raises(PatchWindowValidationError) as caught:
        patch_window.Notifications(world.bucket, world.notification_role)  # type: ignore[arg-type]
    (problem,) = caught.value.problems
    assert problem.startswith("Notifications: topic must be a sns.ITopic, got <aws_cdk.aws_s3.")
    assert problem.endswith("(a _BucketBaseProxy)")


def test_a_hint_of_a_module_loaded_later_is_resolved_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Hints are resolved once and kept, except one naming a type not loaded yet: that one
    must be looked up again once another module is loaded, or a valid value of the type that
    module defines would be refused."""
    module = types.ModuleType("patch_window._late_probe")
    exec(
        "from __future__ import annotations\n"
        "def take(value: LateType, count: int) -> None: ...\n"
        "def plain(count: int) -> None: ...\n",
        vars(module),
    )
    monkeypatch.setitem(sys.modules, module.__name__, module)
    take, plain = vars(module)["take"], vars(module)["plain"]
    assert hints(plain) == {"count": int}
    assert hints(plain) is not hints(plain)  # a copy: callers cannot change what is kept
    early = hints(take)["value"]
    assert issubclass(early, edge_types._NotLoaded)
    assert hints(take)["value"] is early  # kept while no module is loaded
    late = types.ModuleType("patch_window._late_types")
    late_type = type("LateType", (), {})
    vars(late)["LateType"] = late_type
    monkeypatch.setitem(sys.modules, late.__name__, late)
    assert hints(take)["value"] is late_type
