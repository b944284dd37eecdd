"""The app's side of command output and notifications: what cdk.json names, made or imported once.

Several tasks may write to one bucket or log group and notify one topic: each is created (or
imported by name or ARN) the first time a task asks for it and shared after that, under a
construct id derived from what it is, so logical ids do not depend on task order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam

from patch_window import compliance
from patch_window.app.settings import NotificationsConfig, OutputConfig, id_part
from patch_window.vocabulary import NotificationEvent, NotificationType

if TYPE_CHECKING:
    # Imported where a setting asks for them: a stack without command output or notifications
    # does not load these aws-cdk-lib modules (70 ms of every synthesis).
    import aws_cdk.aws_logs as logs
    import aws_cdk.aws_s3 as s3
    import aws_cdk.aws_sns as sns

    from patch_window.tasks.command_output import OutputBucket
    from patch_window.tasks.notifications import NotificationRole, NotificationTopic

RETENTION_DAYS = {
    # Days to the name of their logs.RetentionDays member.
    1: "ONE_DAY",
    3: "THREE_DAYS",
    5: "FIVE_DAYS",
    7: "ONE_WEEK",
    14: "TWO_WEEKS",
    30: "ONE_MONTH",
    60: "TWO_MONTHS",
    90: "THREE_MONTHS",
    120: "FOUR_MONTHS",
    150: "FIVE_MONTHS",
    180: "SIX_MONTHS",
    365: "ONE_YEAR",
    400: "THIRTEEN_MONTHS",
    545: "EIGHTEEN_MONTHS",
    731: "TWO_YEARS",
    1096: "THREE_YEARS",
    1827: "FIVE_YEARS",
    2192: "SIX_YEARS",
    2557: "SEVEN_YEARS",
    2922: "EIGHT_YEARS",
    3288: "NINE_YEARS",
    3653: "TEN_YEARS",
}
NO_REPLICATION_REASON = (
    "Command output is kept by versioning, by a lifecycle rule that never expires current "
    "output, and by RETAIN when the stack is deleted. Replication needs a destination bucket "
    "in another Region or account, which this single-Region stack does not own; add a "
    "replication rule to the bucket if recovery objectives require a second copy."
)


class TaskResources:
    """Buckets, log groups, topics and roles for the tasks of one stack, made on first use."""

    def __init__(self, stack: cdk.Stack) -> None:
        self.stack = stack
        self.output_bucket: OutputBucket | None = None
        self.notification_topic: NotificationTopic | None = None
        self.notification_role: NotificationRole | None = None
        self.log_groups: dict[str, logs.ILogGroup] = {}
        self._imported: dict[str, Any] = {}

    def task_kwargs(
        self, output: OutputConfig | None, notifications: NotificationsConfig | None
    ) -> dict[str, Any]:
        """The output and notification props of one task, for ``add_run_command_task``."""
        kwargs: dict[str, Any] = {}
        if output is not None:
            if output.s3 is not None:
                kwargs["output_bucket"] = (
                    self._created_bucket()
                    if output.s3.create_bucket
                    else self._import("Bucket", output.s3.bucket_name or "", _bucket)
                )
                kwargs["output_key_prefix"] = output.s3.key_prefix
            if output.cloudwatch is not None:
                kwargs["output_log_group"] = self._log_group(
                    output.cloudwatch.log_group_name,
                    output.cloudwatch.retention_days if output.cloudwatch.create else None,
                )
            kwargs["instance_roles"] = [
                self._import("InstanceRole", name, _role) for name in output.instance_role_names
            ]
        if notifications is not None:
            from patch_window.tasks.notifications import Notifications

            kwargs["notifications"] = Notifications(
                topic=(
                    self._created_topic()
                    if notifications.create_topic
                    else self._import("Topic", notifications.topic_arn or "", _topic)
                ),
                role=self._notification_role(),
                events=[NotificationEvent(event) for event in notifications.events],
                notification_type=NotificationType(notifications.notification_type),
            )
        return kwargs

    def _created_bucket(self) -> s3.IBucket:
        from patch_window.tasks.command_output import OutputBucket

        if self.output_bucket is None:
            self.output_bucket = OutputBucket(self.stack, "CommandOutputBucket")
            compliance.acknowledge_rule(
                self.output_bucket, "S3BucketReplicationEnabled", NO_REPLICATION_REASON
            )
            cdk.CfnOutput(
                self.output_bucket,
                "BucketName",
                value=self.output_bucket.bucket.bucket_name,
                description="Command output bucket",
            )
        return self.output_bucket.bucket

    def _log_group(self, name: str, created_retention: int | None) -> logs.ILogGroup:
        """The log group ``name``: created when any task asks for that, else imported."""
        import aws_cdk.aws_logs as logs

        from patch_window.tasks.command_output import OutputLogGroup

        if name not in self.log_groups:
            self.log_groups[name] = (
                OutputLogGroup(
                    self.stack,
                    f"CommandLogGroup{id_part(name)}",
                    log_group_name=name,
                    retention=getattr(logs.RetentionDays, RETENTION_DAYS[created_retention]),
                ).log_group
                if created_retention is not None
                else self._import("LogGroup", name, _log_group)
            )
        return self.log_groups[name]

    def _created_topic(self) -> sns.ITopic:
        from patch_window.tasks.notifications import NotificationTopic

        if self.notification_topic is None:
            self.notification_topic = NotificationTopic(self.stack, "CommandNotificationsTopic")
            cdk.CfnOutput(
                self.notification_topic,
                "TopicArn",
                value=self.notification_topic.topic.topic_arn,
                description="Command notifications topic: subscribe to it",
            )
        return self.notification_topic.topic

    def _notification_role(self) -> NotificationRole:
        from patch_window.tasks.notifications import NotificationRole

        if self.notification_role is None:
            self.notification_role = NotificationRole(self.stack, "NotificationRole")
        return self.notification_role

    def _import(self, kind: str, name: str, make: Any) -> Any:
        key = f"{kind}:{name}"
        if key not in self._imported:
            self._imported[key] = make(self.stack, f"Existing{kind}{id_part(name)}", name)
        return self._imported[key]


def _bucket(scope: cdk.Stack, id_: str, name: str) -> s3.IBucket:
    import aws_cdk.aws_s3 as s3

    return s3.Bucket.from_bucket_name(scope, id_, name)


def _log_group(scope: cdk.Stack, id_: str, name: str) -> logs.ILogGroup:
    import aws_cdk.aws_logs as logs

    return logs.LogGroup.from_log_group_name(scope, id_, name)


def _role(scope: cdk.Stack, id_: str, name: str) -> iam.IRole:
    return iam.Role.from_role_name(scope, id_, name)


def _topic(scope: cdk.Stack, id_: str, arn: str) -> sns.ITopic:
    import aws_cdk.aws_sns as sns

    return sns.Topic.from_topic_arn(scope, id_, arn)
