"""Command output and notifications used from the library: props, grants and refusals."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_kms as kms
import aws_cdk.aws_s3 as s3
import pytest

from patch_window import MaintenanceWindow, MaintenanceWindowRole, PatchWindowValidationError
from patch_window.schedule import Schedule
from patch_window.tasks.command_output import OutputBucket, OutputLogGroup, object_key_pattern
from patch_window.tasks.notifications import NotificationRole, Notifications, NotificationTopic
from patch_window.vocabulary import NotificationEvent, NotificationType
from tests.conftest import cdk_context

INSTANCE_TRUST = iam.ServicePrincipal("ec2.amazonaws.com")


def new_window(stack: cdk.Stack) -> MaintenanceWindow:
    return MaintenanceWindow(
        stack,
        "Window",
        schedule=Schedule.cron(minute="0", hour="2"),
        duration=cdk.Duration.hours(3),
        cutoff=cdk.Duration.hours(1),
    )


class Built:
    """Output to a bucket of the caller's, a log group with its own key, a topic with a
    customer managed key, shared by two tasks; synthesized once."""

    def __init__(self) -> None:
        app = cdk.App(context=cdk_context())
        self.stack = stack = cdk.Stack(app, "Output")
        role = MaintenanceWindowRole(stack, "Role")
        self.org_logs = s3.Bucket(stack, "OrgLogs", encryption=s3.BucketEncryption.S3_MANAGED)
        self.bucket = OutputBucket(
            stack,
            "Bucket",
            server_access_logs_bucket=self.org_logs,
            server_access_logs_prefix="patching/",
            expiration=cdk.Duration.days(400),
        )
        self.key = kms.Key(stack, "LogKey", enable_key_rotation=True)
        self.log_group = OutputLogGroup(
            stack, "Logs", log_group_name="/patching/commands", encryption_key=self.key
        )
        self.topic_key = kms.Key(stack, "TopicKey", enable_key_rotation=True)
        self.topic = NotificationTopic(stack, "Topic", master_key=self.topic_key)
        self.notification_role = NotificationRole(stack, "NotificationRole")
        self.web_role = iam.Role(stack, "WebRole", assumed_by=INSTANCE_TRUST)
        self.late_role = iam.Role(stack, "LateRole", assumed_by=INSTANCE_TRUST)
        window = new_window(stack)
        window.add_target("Web", tags={"Role": ["Web"]})
        notifications = Notifications(
            topic=self.topic.topic,
            role=self.notification_role,
            events=[NotificationEvent.FAILED],
            notification_type=NotificationType.INVOCATION,
        )
        self.task = window.add_run_command_task(
            "Patch",
            document="AWS-RunPatchBaseline",
            role=role.role,
            max_concurrency="1",
            max_errors="0",
            output_bucket=self.bucket.bucket,
            output_key_prefix="/web/",
            output_log_group=self.log_group.log_group,
            instance_roles=[self.web_role],
            notifications=notifications,
        )
        self.task.grant_output_write(self.late_role)
        self.task.grant_output_write(self.web_role)  # once per role
        window.add_run_command_task(
            "Scan",
            document="AWS-RunPatchBaseline",
            role=role.role,
            max_concurrency="1",
            max_errors="0",
            parameters={"Operation": ["Scan"]},
            notifications=notifications,
        )
        self.template = app.synth().get_stack_by_name("Output").template

    def logical_id(self, construct: Any) -> str:
        while not isinstance(construct, cdk.CfnResource):
            construct = construct.node.default_child
        return str(self.stack.resolve(construct.logical_id))

    def resource(self, construct: Any) -> dict[str, Any]:
        props: dict[str, Any] = self.template["Resources"][self.logical_id(construct)]["Properties"]
        return props

    def get_att(self, construct: Any) -> dict[str, Any]:
        return {"Fn::GetAtt": [self.logical_id(construct), "Arn"]}


@pytest.fixture(scope="module")
def built() -> Built:
    return Built()


def test_bucket_logs_to_the_given_bucket_and_creates_none(built: Built) -> None:
    assert built.resource(built.bucket)["LoggingConfiguration"] == {
        "DestinationBucketName": {"Ref": built.logical_id(built.org_logs)},
        "LogFilePrefix": "patching/",
    }
    assert built.bucket.node.try_find_child("AccessLogs") is None


def test_bucket_expires_current_output_only_when_asked(built: Built) -> None:
    rules = built.resource(built.bucket)["LifecycleConfiguration"]["Rules"]
    assert rules[0]["ExpirationInDays"] == 400


def test_log_group_uses_the_given_key_and_creates_none(built: Built) -> None:
    assert built.resource(built.log_group)["KmsKeyId"] == built.get_att(built.key)
    assert built.log_group.node.try_find_child("Key") is None


def test_prefix_is_rendered_as_given_and_granted_without_doubled_slashes(built: Built) -> None:
    run = built.resource(built.task)["TaskInvocationParameters"][
        "MaintenanceWindowRunCommandParameters"
    ]
    assert run["OutputS3KeyPrefix"] == "/web/"
    assert object_key_pattern("/web/") == "web/*"
    assert object_key_pattern(None) == "*"


def test_output_policy_is_attached_to_every_granted_role_once(built: Built) -> None:
    assert built.task.output_policy is not None
    policy = built.resource(built.task.output_policy)
    assert policy["Roles"] == [
        {"Ref": built.logical_id(built.web_role)},
        {"Ref": built.logical_id(built.late_role)},
    ]
    assert policy["PolicyDocument"]["Statement"][0] == {
        "Action": "s3:PutObject",
        "Effect": "Allow",
        "Resource": {"Fn::Join": ["", [built.get_att(built.bucket), "/web/*"]]},
    }


def test_notification_role_may_publish_to_a_topic_with_its_own_key_once(built: Built) -> None:
    assert built.notification_role.policy is not None
    policy = built.resource(built.notification_role.policy)
    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Action": "sns:Publish",
            "Effect": "Allow",
            "Resource": {"Ref": built.logical_id(built.topic)},
        },
        {
            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
            "Effect": "Allow",
            "Resource": built.get_att(built.topic_key),
        },
    ]


def test_notification_settings_reach_the_run_command_block(built: Built) -> None:
    run = built.resource(built.task)["TaskInvocationParameters"][
        "MaintenanceWindowRunCommandParameters"
    ]
    assert run["NotificationConfig"] == {
        "NotificationArn": {"Ref": built.logical_id(built.topic)},
        "NotificationEvents": ["Failed"],
        "NotificationType": "Invocation",
    }
    assert run["ServiceRoleArn"] == built.get_att(built.notification_role)


# -- props that cannot work ---------------------------------------------------------------


def task_kwargs(stack: cdk.Stack, **overrides: Any) -> dict[str, Any]:
    role = iam.Role(stack, "R", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    kwargs: dict[str, Any] = {
        "document": "AWS-RunPatchBaseline",
        "role": role,
        "max_concurrency": "1",
        "max_errors": "0",
    }
    return {**kwargs, **overrides}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            lambda stack: {"output_key_prefix": "web/"},
            "S/Window/Task/Resource: output_key_prefix needs output_bucket, got no bucket",
        ),
        (
            lambda stack: {
                "output_bucket": s3.Bucket.from_bucket_name(stack, "B", "patch-output"),
                "output_key_prefix": "p" * 501,
            },
            "S/Window/Task/Resource: output_key_prefix must be 1-500 characters long, "
            "got 501 characters",
        ),
        (
            lambda stack: {"instance_roles": [iam.Role.from_role_name(stack, "I", "Web")]},
            "S/Window/Task/Resource: instance_roles are granted write access to the output; "
            "set output_bucket or output_log_group",
        ),
        (
            lambda stack: {
                "notifications": Notifications(
                    topic=NotificationTopic(stack, "T").topic,
                    role=NotificationRole(stack, "N"),
                    events=[NotificationEvent.ALL, NotificationEvent.FAILED],
                )
            },
            "S/Window/Task/Resource: notifications must be 'All' alone or other events, "
            "got ['All', 'Failed']: 'All' includes them",
        ),
    ],
)
def test_task_rejects_output_and_notification_props_that_cannot_work(
    overrides: Any, message: str
) -> None:
    stack = cdk.Stack(cdk.App(), "S")
    window = new_window(stack)
    window.add_target("Web", tags={"Role": ["Web"]})
    with pytest.raises(PatchWindowValidationError) as caught:
        window.add_run_command_task("Task", **task_kwargs(stack, **overrides(stack)))
    assert str(caught.value) == message


def test_granting_output_write_without_output_is_an_error() -> None:
    stack = cdk.Stack(cdk.App(), "S")
    window = new_window(stack)
    window.add_target("Web", tags={"Role": ["Web"]})
    task = window.add_run_command_task("Task", **task_kwargs(stack))
    with pytest.raises(PatchWindowValidationError) as caught:
        task.grant_output_write(iam.Role.from_role_name(stack, "I", "Web"))
    assert str(caught.value) == (
        "S/Window/Task/Resource: grant_output_write needs output_bucket or output_log_group, "
        "got neither"
    )
