"""The constructs used directly from another stack, as a library user would."""

from __future__ import annotations

import datetime
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest

from patch_window import (
    CutoffBehavior,
    MaintenanceWindow,
    MaintenanceWindowRole,
    PassRolePolicy,
    PatchWindowValidationError,
    Schedule,
)
from tests.conftest import cdk_context

UTC = datetime.UTC


class Built:
    """A library-composed stack and its template, built once for this module."""

    def __init__(self) -> None:
        app = cdk.App(context=cdk_context())
        self.stack = cdk.Stack(app, "Library")
        self.role = MaintenanceWindowRole(self.stack, "Role")
        self.admins = iam.Group(self.stack, "Admins")
        self.role.grant_pass_role(self.admins)
        self.policy = PassRolePolicy(
            self.stack, "PassRole", role=self.role.role, groups=[self.admins]
        )
        self.window = MaintenanceWindow(
            self.stack,
            "Window",
            schedule=Schedule.cron(minute="0", hour="2", time_zone=cdk.TimeZone.EUROPE_LONDON),
            duration=cdk.Duration.hours(3),
            cutoff=cdk.Duration.hours(1),
            start_date=datetime.datetime(2026, 12, 1, tzinfo=UTC),
        )
        self.web = self.window.add_target("Web", tags={"Role": ["Web"]}, name="Web")
        self.db = self.window.add_target("Db", tags={"Role": ["Db"]}, owner_information="dba")
        self.task = self.window.add_run_command_task(
            "Patch",
            document="AWS-RunPatchBaseline",
            role=self.role.role,
            max_concurrency="50%",
            max_errors="0",
            parameters={"Operation": ["Install"]},
            cutoff_behavior=CutoffBehavior.CANCEL_TASK,
            timeout=cdk.Duration.minutes(10),
        )
        self.template = app.synth().get_stack_by_name("Library").template

    def logical_id(self, construct: Any) -> str:
        """The logical id of a construct's primary CloudFormation resource."""
        while not isinstance(construct, cdk.CfnResource):
            construct = construct.node.default_child
        return str(self.stack.resolve(construct.logical_id))

    def resource(self, construct: Any) -> dict[str, Any]:
        props: dict[str, Any] = self.template["Resources"][self.logical_id(construct)]["Properties"]
        return props


@pytest.fixture(scope="module")
def built() -> Built:
    return Built()


def test_role_trusts_only_ssm_by_default(built: Built) -> None:
    role = built.resource(built.role)
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": "ssm.amazonaws.com"
    }


def test_grant_pass_role_adds_a_conditioned_pass_role_to_the_grantee(built: Built) -> None:
    policies = [
        r["Properties"]
        for r in built.template["Resources"].values()
        if r["Type"] == "AWS::IAM::Policy"
    ]
    assert [p["PolicyDocument"]["Statement"] for p in policies] == [
        [
            {
                "Action": "iam:PassRole",
                "Condition": {"StringEquals": {"iam:PassedToService": "ssm.amazonaws.com"}},
                "Effect": "Allow",
                "Resource": {"Fn::GetAtt": [built.logical_id(built.role), "Arn"]},
            }
        ]
    ]


def test_pass_role_policy_attaches_to_the_given_group(built: Built) -> None:
    policy = built.resource(built.policy)
    assert policy["Groups"] == [{"Ref": built.logical_id(built.admins)}]


def test_window_takes_schedule_and_time_zone_from_schedule(built: Built) -> None:
    window = built.resource(built.window)
    assert (window["Schedule"], window["ScheduleTimezone"]) == (
        "cron(0 2 ? * * *)",
        "Europe/London",
    )


def test_window_defaults_to_registered_targets_only(built: Built) -> None:
    assert built.resource(built.window)["AllowUnassociatedTargets"] is False


def test_window_generates_a_valid_name_when_none_is_given(built: Built) -> None:
    name = built.resource(built.window)["Name"]
    assert name.startswith("Library-Window")
    assert len(name) <= 128


def test_window_renders_start_date_as_iso_8601_with_offset(built: Built) -> None:
    assert built.resource(built.window)["StartDate"] == "2026-12-01T00:00:00+00:00"


def test_target_owner_information_is_kept(built: Built) -> None:
    assert built.resource(built.db)["OwnerInformation"] == "dba"


def test_task_defaults_to_every_target_added_before_it(built: Built) -> None:
    targets = built.resource(built.task)["Targets"]
    assert targets == [
        {
            "Key": "WindowTargetIds",
            "Values": [
                built.stack.resolve(built.web.target_id),
                built.stack.resolve(built.db.target_id),
            ],
        }
    ]


def test_task_renders_cutoff_behavior_and_timeout(built: Built) -> None:
    task = built.resource(built.task)
    assert task["CutoffBehavior"] == "CANCEL_TASK"
    run = task["TaskInvocationParameters"]["MaintenanceWindowRunCommandParameters"]
    assert run == {"Parameters": {"Operation": ["Install"]}, "TimeoutSeconds": 600}


def test_task_defaults_to_priority_one(built: Built) -> None:
    assert built.resource(built.task)["Priority"] == 1


# -- props that cannot work raise PatchWindowValidationError naming path, prop and value ------


def window_kwargs(**overrides: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "schedule": Schedule.expression("cron(0 2 ? * * *)"),
        "duration": cdk.Duration.hours(3),
        "cutoff": cdk.Duration.hours(1),
    }
    return {**kwargs, **overrides}


def new_window(**overrides: Any) -> MaintenanceWindow:
    stack = cdk.Stack(cdk.App(), "PatchWindow")
    return MaintenanceWindow(stack, "Window", **window_kwargs(**overrides))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"cutoff": cdk.Duration.hours(3)},
            "PatchWindow/Window/Resource: cutoff must be less than the duration (3 hours), "
            "got 3 hours: no task could ever start",
        ),
        (
            {"duration": cdk.Duration.minutes(90)},
            "PatchWindow/Window/Resource: duration must be a whole number of hours, "
            "got 1 hour 30 minutes",
        ),
        (
            {"duration": cdk.Duration.hours(25)},
            "PatchWindow/Window/Resource: duration must be 1-24 hours, got 25",
        ),
        (
            {"name": "a b"},
            "PatchWindow/Window/Resource: name must be 3-128 characters, each a letter, digit, "
            "'-', '_' or '.', got 'a b'",
        ),
        (
            {"schedule_offset": 2, "schedule": Schedule.expression("rate(1 day)")},
            "PatchWindow/Window/Resource: schedule_offset is allowed only with a cron(...) "
            "schedule, got 'rate(1 day)'",
        ),
        (
            {"start_date": datetime.datetime(2026, 1, 2)},
            "PatchWindow/Window/Resource: start_date must carry a time zone (tzinfo), "
            "got '2026-01-02T00:00:00'",
        ),
    ],
)
def test_window_rejects_props_that_cannot_work(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        new_window(**overrides)
    assert str(caught.value) == message


def test_window_passes_unresolved_tokens_through() -> None:
    window = new_window(name=cdk.Lazy.string(Name()))
    # Not checked at construction; rendered once the token resolves at synth.
    assert cdk.Stack.of(window).resolve(window.resource.name) == "late-bound-name"


def test_target_rejects_too_many_tags() -> None:
    window = new_window()
    with pytest.raises(PatchWindowValidationError) as caught:
        window.add_target("Many", tags={f"k{i}": ["v"] for i in range(6)})
    assert str(caught.value) == (
        "PatchWindow/Window/Many/Resource: tags must have at most 5 tag keys, got 6"
    )


def test_task_needs_a_target() -> None:
    window = new_window()
    role = iam.Role(window, "R", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    with pytest.raises(PatchWindowValidationError) as caught:
        window.add_run_command_task(
            "Task",
            document="AWS-RunPatchBaseline",
            role=role,
            max_concurrency="1",
            max_errors="1",
        )
    assert str(caught.value) == (
        "PatchWindow/Window/Task/Resource: targets must name at least one registered target, "
        "got none"
    )


def test_task_rejects_a_target_of_another_window() -> None:
    window = new_window()
    other = MaintenanceWindow(window.node.scope, "Other", **window_kwargs())  # type: ignore[arg-type]
    foreign = other.add_target("Web", tags={"Role": ["Web"]})
    role = iam.Role(window, "R", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    with pytest.raises(PatchWindowValidationError, match="must be targets of this task's window"):
        window.add_run_command_task(
            "Task",
            document="AWS-RunPatchBaseline",
            role=role,
            targets=[foreign],
            max_concurrency="1",
            max_errors="1",
        )


def test_task_reports_every_bad_prop_at_once() -> None:
    window = new_window()
    target = window.add_target("Web", tags={"Role": ["Web"]})
    role = iam.Role(window, "R", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    with pytest.raises(PatchWindowValidationError) as caught:
        window.add_run_command_task(
            "Task",
            document="AWS-RunPatchBaseline",
            role=role,
            targets=[target],
            max_concurrency="0",
            max_errors="-1",
            priority=-2,
        )
    assert caught.value.problems == (
        "PatchWindow/Window/Task/Resource: priority must be 0-2147483647, got -2",
        "PatchWindow/Window/Task/Resource: max_concurrency must be a number of targets "
        "(1 or more) or a percentage (1%-100%), got '0'",
        "PatchWindow/Window/Task/Resource: max_errors must be a number of errors (0 or more) "
        "or a percentage (0%-100%), got '-1'",
    )


def test_role_needs_a_trusted_service() -> None:
    with pytest.raises(PatchWindowValidationError, match="trusted_services must name"):
        MaintenanceWindowRole(cdk.Stack(cdk.App(), "S"), "Role", trusted_services=[])


# -- Schedule --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "expression"),
    [
        (lambda: Schedule.cron(minute="0", hour="2"), "cron(0 2 ? * * *)"),
        (lambda: Schedule.cron(minute="0/30"), "cron(0/30 * ? * * *)"),
        (lambda: Schedule.cron(minute="0", hour="3", week_day="TUE#2"), "cron(0 3 ? * TUE#2 *)"),
        (lambda: Schedule.cron(minute="15", hour="1", day="1"), "cron(15 1 1 * ? *)"),
        (lambda: Schedule.rate(cdk.Duration.minutes(30)), "rate(30 minutes)"),
        (lambda: Schedule.rate(cdk.Duration.hours(1)), "rate(1 hour)"),
        (lambda: Schedule.rate(cdk.Duration.days(2)), "rate(2 days)"),
        (lambda: Schedule.at(datetime.datetime(2026, 12, 24, 22, 0)), "at(2026-12-24T22:00:00)"),
        (lambda: Schedule.expression("rate(30 minutes)"), "rate(30 minutes)"),
    ],
)
def test_schedule_factories_render_ssm_expressions(schedule: Any, expression: str) -> None:
    assert schedule().expression_string == expression


@pytest.mark.parametrize(
    ("schedule", "fragment"),
    [
        (lambda: Schedule.cron(hour="24"), "Schedule.cron: hours"),
        (lambda: Schedule.cron(day="1", week_day="MON"), "give day or week_day, not both"),
        (lambda: Schedule.rate(cdk.Duration.seconds(90)), "whole number of minutes"),
        (lambda: Schedule.rate(cdk.Duration.minutes(1)), "Schedule.expression: "),
        (lambda: Schedule.expression("daily"), "Schedule.expression: "),
        (
            lambda: Schedule.at(datetime.datetime(2026, 1, 1, tzinfo=UTC)),
            "pass a naive datetime and a time_zone",
        ),
    ],
)
def test_schedule_factories_reject_what_ssm_would(schedule: Any, fragment: str) -> None:
    with pytest.raises(PatchWindowValidationError, match=fragment.replace("(", r"\(")):
        schedule()


import jsii  # noqa: E402


@jsii.implements(cdk.IStableStringProducer)
class Name:
    """A late-bound name: a token the window must pass through unchecked."""

    def produce(self) -> str | None:
        return "late-bound-name"
