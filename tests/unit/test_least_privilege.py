"""The task role's policy, derived from the tasks registered with it, in each policy mode."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_sns as sns
import pytest

from patch_window import MaintenanceWindow, MaintenanceWindowRole, Schedule, TargetSelector
from patch_window.tasks.notifications import NotificationRole, Notifications
from patch_window.vocabulary import RolePolicy
from tests.conftest import cdk_context

PARTITION = {"Ref": "AWS::Partition"}
REGION = {"Ref": "AWS::Region"}
ACCOUNT = {"Ref": "AWS::AccountId"}
INSTANCES = {"Fn::Join": ["", ["arn:", PARTITION, ":ec2:", REGION, ":", ACCOUNT, ":instance/*"]]}
TRACKING = {
    "Sid": "FollowAndCancelCommands",
    "Action": [
        "ssm:CancelCommand",
        "ssm:GetCommandInvocation",
        "ssm:ListCommandInvocations",
        "ssm:ListCommands",
    ],
    "Effect": "Allow",
    "Resource": "*",
}
MANAGED_POLICY_ARN = {
    "Fn::Join": [
        "",
        ["arn:", PARTITION, ":iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"],
    ]
}


def window(stack: cdk.Stack, id_: str) -> MaintenanceWindow:
    return MaintenanceWindow(
        stack,
        id_,
        schedule=Schedule.cron(minute="0", hour="2"),
        duration=cdk.Duration.hours(3),
        cutoff=cdk.Duration.hours(1),
    )


class Built:
    """Roles in each mode, created before the tasks that shape them; synthesized once."""

    def __init__(self) -> None:
        app = cdk.App(context=cdk_context())
        self.stack = stack = cdk.Stack(app, "Library")
        self.role = MaintenanceWindowRole(stack, "Role")
        self.lab_role = MaintenanceWindowRole(stack, "LabRole", policy=RolePolicy.AWS_MANAGED)
        self.quiet_lab_role = MaintenanceWindowRole(
            stack, "QuietLabRole", policy=RolePolicy.AWS_MANAGED
        )
        self.guarded = MaintenanceWindowRole(stack, "Guarded", restrict_source_account=True)
        self.plain = iam.Role(stack, "Plain", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))

        self.window = window(stack, "Window")
        self.web = self.window.add_target("Web", tags={"Role": ["Web", "Proxy"]})
        self.db = self.window.add_target("Db", tags={"Role": ["Db"], "Env": ["Prod"]})
        self.window.add_run_command_task(
            "Patch",
            document="AWS-RunPatchBaseline",
            role=self.role.role,
            max_concurrency="1",
            max_errors="0",
            parameters={"Operation": ["Install"], "SnapshotId": ["{{ ssm:/patching/snapshot }}"]},
        )
        self.window.add_run_command_task(
            "Custom",
            document="MyCompany-Patch",
            role=self.role.role,
            targets=[self.web],
            max_concurrency="1",
            max_errors="0",
        )
        self.window.add_run_command_task(
            "Shared",
            document="arn:aws:ssm:eu-west-1:111122223333:document/Shared",
            role=self.role.role,
            targets=[self.db],
            max_concurrency="1",
            max_errors="0",
        )
        topic = sns.Topic(stack, "Topic")
        self.notification_role = NotificationRole(stack, "NotificationRole")
        self.window.add_run_command_task(
            "Notify",
            document="AWS-RunPatchBaseline",
            role=self.lab_role.role,
            max_concurrency="1",
            max_errors="0",
            notifications=Notifications(topic=topic, role=self.notification_role),
        )
        self.window.add_run_command_task(
            "Quiet",
            document="AWS-RunPatchBaseline",
            role=self.quiet_lab_role.role,
            max_concurrency="1",
            max_errors="0",
        )
        self.window.add_run_command_task(
            "Plain",
            document="AWS-RunPatchBaseline",
            role=self.plain,
            targets=[self.web],
            max_concurrency="1",
            max_errors="0",
        )
        self.template = app.synth().get_stack_by_name("Library").template

    def logical_id(self, construct: Any) -> str:
        while not isinstance(construct, cdk.CfnResource):
            construct = construct.node.default_child
        return str(self.stack.resolve(construct.logical_id))

    def resource(self, construct: Any) -> dict[str, Any]:
        props: dict[str, Any] = self.template["Resources"][self.logical_id(construct)]["Properties"]
        return props

    def sid(self, target: Any) -> str:
        return f"SendCommandOnWindow{target.node.id}" + _digest(target)


def _digest(construct: Any) -> str:
    import hashlib

    return hashlib.sha256(construct.node.path.encode()).hexdigest()[:8].upper()


@pytest.fixture(scope="module")
def built() -> Built:
    return Built()


def test_least_privilege_is_the_default_and_carries_no_aws_managed_policy(built: Built) -> None:
    assert built.role.policy is RolePolicy.LEAST_PRIVILEGE
    assert "ManagedPolicyArns" not in built.resource(built.role)


def test_least_privilege_policy_is_what_the_tasks_registered_after_the_role_need(
    built: Built,
) -> None:
    assert built.role.task_policy is not None
    policy = built.resource(built.role.task_policy)
    assert policy["Roles"] == [{"Ref": built.logical_id(built.role)}]
    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Sid": "SendCommandDocuments",
            "Action": "ssm:SendCommand",
            "Effect": "Allow",
            # CDK renders resources in its own stable order: literals first.
            "Resource": [
                "arn:aws:ssm:eu-west-1:111122223333:document/Shared",
                {
                    "Fn::Join": [
                        "",
                        [
                            "arn:",
                            PARTITION,
                            ":ssm:",
                            REGION,
                            ":",
                            ACCOUNT,
                            ":document/MyCompany-Patch",
                        ],
                    ]
                },
                {
                    "Fn::Join": [
                        "",
                        ["arn:", PARTITION, ":ssm:", REGION, "::document/AWS-RunPatchBaseline"],
                    ]
                },
            ],
        },
        {
            "Sid": built.sid(built.web),
            "Action": "ssm:SendCommand",
            "Effect": "Allow",
            "Resource": INSTANCES,
            "Condition": {"StringEquals": {"ssm:resourceTag/Role": ["Web", "Proxy"]}},
        },
        {
            "Sid": built.sid(built.db),
            "Action": "ssm:SendCommand",
            "Effect": "Allow",
            "Resource": INSTANCES,
            "Condition": {
                "StringEquals": {"ssm:resourceTag/Role": ["Db"], "ssm:resourceTag/Env": ["Prod"]}
            },
        },
        TRACKING,
        {
            "Sid": "ReadReferencedParameters",
            "Action": "ssm:GetParameters",
            "Effect": "Allow",
            "Resource": {
                "Fn::Join": [
                    "",
                    [
                        "arn:",
                        PARTITION,
                        ":ssm:",
                        REGION,
                        ":",
                        ACCOUNT,
                        ":parameter/patching/snapshot",
                    ],
                ]
            },
        },
    ]


def test_aws_managed_role_keeps_the_lab_policy_and_adds_only_pass_role_for_notifications(
    built: Built,
) -> None:
    assert built.resource(built.lab_role)["ManagedPolicyArns"] == [MANAGED_POLICY_ARN]
    assert built.lab_role.task_policy is not None
    policy = built.resource(built.lab_role.task_policy)
    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Sid": "PassNotificationRole",
            "Action": "iam:PassRole",
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [built.logical_id(built.notification_role), "Arn"]},
            "Condition": {"StringEquals": {"iam:PassedToService": "ssm.amazonaws.com"}},
        }
    ]


def test_aws_managed_role_without_notifications_gets_no_policy_of_its_own(built: Built) -> None:
    assert built.quiet_lab_role.task_policy is None
    policies = [
        r["Properties"]
        for r in built.template["Resources"].values()
        if r["Type"] == "AWS::IAM::ManagedPolicy"
    ]
    attached = [p["Roles"] for p in policies if "Roles" in p]
    assert [{"Ref": built.logical_id(built.quiet_lab_role)}] not in attached


def test_source_account_guard_conditions_the_trust_policy(built: Built) -> None:
    assert built.resource(built.guarded)["AssumeRolePolicyDocument"]["Statement"] == [
        {
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
            "Effect": "Allow",
            "Principal": {"Service": "ssm.amazonaws.com"},
        }
    ]


def test_guard_is_off_by_default(built: Built) -> None:
    statement = built.resource(built.role)["AssumeRolePolicyDocument"]["Statement"][0]
    assert "Condition" not in statement


def test_a_role_of_your_own_is_granted_what_the_task_needs_as_cdk_grants_do(
    built: Built,
) -> None:
    policies = [
        r["Properties"]
        for r in built.template["Resources"].values()
        if r["Type"] == "AWS::IAM::Policy"
        and r["Properties"]["Roles"] == [{"Ref": built.logical_id(built.plain)}]
    ]
    assert len(policies) == 1
    sids = [s["Sid"] for s in policies[0]["PolicyDocument"]["Statement"]]
    assert sids == ["SendCommandDocuments", built.sid(built.web), "FollowAndCancelCommands"]


def _arn(rest: str) -> dict[str, object]:
    """An ARN as CDK renders it: the partition stays a reference."""
    return {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, rest]]}


def _permissions(selector: TargetSelector) -> list[dict[str, object]]:
    from patch_window.task_policy import target_instances_permissions

    stack = cdk.Stack(
        cdk.App(), "S", env=cdk.Environment(account="123456789012", region="eu-west-1")
    )
    target = window(stack, "W").add_target("T", selector=selector)
    return [
        {
            "actions": p.actions,
            "resources": tuple(stack.resolve(list(p.resources))),
            "conditions": p.conditions,
        }
        for p in target_instances_permissions(stack, target)
    ]


def test_tag_key_targets_require_each_key_to_exist_in_its_own_statement() -> None:
    assert _permissions(TargetSelector.by_tag_keys(["Patch Group", "Team"])) == [
        {
            "actions": ("ssm:SendCommand",),
            "resources": (_arn(":ec2:eu-west-1:123456789012:instance/*"),),
            "conditions": {"Null": {f"ssm:resourceTag/{key}": "false"}},
        }
        for key in ("Patch Group", "Team")
    ]


def test_instance_id_targets_name_exactly_those_instances() -> None:
    ids = ["i-0123456789abcdef0", "mi-0123456789abcdef0"]
    assert _permissions(TargetSelector.by_instance_ids(ids)) == [
        {
            "actions": ("ssm:SendCommand",),
            "resources": (
                _arn(":ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0"),
                _arn(":ssm:eu-west-1:123456789012:managed-instance/mi-0123456789abcdef0"),
            ),
            "conditions": None,
        }
    ]


def test_resource_group_targets_can_list_their_group() -> None:
    assert _permissions(TargetSelector.by_resource_group("web")) == [
        {
            "actions": ("ssm:SendCommand",),
            "resources": (_arn(":ec2:eu-west-1:123456789012:instance/*"),),
            "conditions": None,
        },
        {
            "actions": ("resource-groups:ListGroupResources",),
            "resources": (_arn(":resource-groups:eu-west-1:123456789012:group/web"),),
            "conditions": None,
        },
        {"actions": ("tag:GetResources",), "resources": ("*",), "conditions": None},
    ]
