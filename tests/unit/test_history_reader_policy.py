"""HistoryReaderPolicy: the read-only actions of ``patch-window history``, scoped, nag-clean.

The agreement between these actions and the calls the walker really makes is tested against
the emulator in tests/local_aws/test_history_cli.py.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_logs as logs
import aws_cdk.aws_s3 as s3
import pytest
from aws_cdk.assertions import Template

from patch_window import (
    HistoryReaderPolicy,
    MaintenanceWindow,
    Schedule,
    add_compliance_checks,
)
from patch_window.history_actions import ALL_ACTIONS, UNSCOPED_ACTIONS, WINDOW_ACTIONS


def _policy(template: dict[str, Any]) -> dict[str, Any]:
    policies: list[dict[str, Any]] = [
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::IAM::ManagedPolicy"
    ]
    [policy] = policies
    return policy


def _build(**props: Any) -> dict[str, Any]:
    """A stack with one window and the policy (props may name the window as 'window')."""
    app = cdk.App()
    add_compliance_checks(app)
    stack = cdk.Stack(
        app, "Readers", env=cdk.Environment(account="123456789012", region="eu-west-1")
    )
    window = MaintenanceWindow(
        stack,
        "Window",
        schedule=Schedule.expression("cron(0 2 ? * * *)"),
        duration=cdk.Duration.hours(3),
        cutoff=cdk.Duration.hours(1),
    )
    if props.pop("with_window", False):
        props["windows"] = [window]
    if props.pop("with_outputs", False):
        props["output_bucket"] = s3.Bucket.from_bucket_name(stack, "Out", "patch-output")
        props["output_key_prefix"] = "patching"
        props["output_log_group"] = logs.LogGroup.from_log_group_name(
            stack, "Logs", "/patching/output"
        )
    group = iam.Group.from_group_name(stack, "Operators", "Operators")
    HistoryReaderPolicy(stack, "HistoryReaders", groups=[group], **props)
    app.synth()  # the four packs: an open finding raises
    return dict(Template.from_stack(stack).to_json())


@pytest.fixture(scope="module")
def scoped() -> dict[str, Any]:
    return _build(with_window=True, with_outputs=True)


def test_window_reads_are_scoped_to_the_windows_given(scoped: dict[str, Any]) -> None:
    statements = {s["Sid"]: s for s in _policy(scoped)["PolicyDocument"]["Statement"]}
    windows = statements["ReadWindows"]
    assert sorted(windows["Action"]) == sorted(WINDOW_ACTIONS)
    [arn] = windows["Resource"] if isinstance(windows["Resource"], list) else [windows["Resource"]]
    joined = arn["Fn::Join"][1]
    assert ":ssm:eu-west-1:123456789012:maintenancewindow/" in joined
    assert {
        "Ref": next(
            k for k, r in scoped["Resources"].items() if r["Type"] == "AWS::SSM::MaintenanceWindow"
        )
    } in joined


def test_every_action_is_a_read_and_the_unscoped_ones_get_star(scoped: dict[str, Any]) -> None:
    statements = {s["Sid"]: s for s in _policy(scoped)["PolicyDocument"]["Statement"]}
    assert sorted(statements["ReadExecutionsCommandsAndInstances"]["Action"]) == sorted(
        UNSCOPED_ACTIONS
    )
    assert statements["ReadExecutionsCommandsAndInstances"]["Resource"] == "*"
    granted = set()
    for statement in statements.values():
        actions = statement["Action"]
        granted |= set(actions if isinstance(actions, list) else [actions])
        assert statement["Effect"] == "Allow"
    assert granted == set(ALL_ACTIONS)
    verbs = {action.split(":")[1].removeprefix("Describe") for action in granted}
    assert all(
        action.split(":")[1].startswith(("Describe", "Get", "List")) for action in granted
    ), verbs


def test_stack_outputs_and_command_output_are_scoped(scoped: dict[str, Any]) -> None:
    statements = {s["Sid"]: s for s in _policy(scoped)["PolicyDocument"]["Statement"]}
    stack_arn = statements["ReadStackOutputs"]["Resource"]["Fn::Join"][1]
    assert ":cloudformation:eu-west-1:123456789012:stack/Readers/*" in "".join(
        part for part in stack_arn if isinstance(part, str)
    )
    assert statements["ReadCommandOutputObjects"]["Action"] == "s3:GetObject"
    objects = statements["ReadCommandOutputObjects"]["Resource"]["Fn::Join"][1]
    assert "".join(p for p in objects if isinstance(p, str)).endswith(
        ":s3:::patch-output/patching/*"
    )
    assert statements["ReadCommandOutputLogs"]["Action"] == "logs:GetLogEvents"
    logs_arn = statements["ReadCommandOutputLogs"]["Resource"]["Fn::Join"][1]
    assert ":log-group:/patching/output:*" in "".join(p for p in logs_arn if isinstance(p, str))


def test_it_is_attached_to_the_group(scoped: dict[str, Any]) -> None:
    assert _policy(scoped)["Groups"] == ["Operators"]


def test_without_windows_it_reads_every_window_of_the_account_and_region() -> None:
    template = _build()
    statements = {s["Sid"]: s for s in _policy(template)["PolicyDocument"]["Statement"]}
    arn = statements["ReadWindows"]["Resource"]["Fn::Join"][1]
    assert "".join(p for p in arn if isinstance(p, str)).endswith(
        ":ssm:eu-west-1:123456789012:maintenancewindow/*"
    )
    assert "ReadCommandOutputObjects" not in statements


def test_it_attaches_to_roles_and_users_too() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "S")
    role = iam.Role(stack, "R", assumed_by=iam.AccountRootPrincipal())
    user = iam.User(stack, "U")
    policy = HistoryReaderPolicy(stack, "P", roles=[role], users=[user])
    policy.attach_to_group(iam.Group.from_group_name(stack, "G", "Ops"))
    props = _policy(dict(Template.from_stack(stack).to_json()))
    assert props["Groups"] == ["Ops"]
    assert len(props["Roles"]) == 1
    assert len(props["Users"]) == 1
