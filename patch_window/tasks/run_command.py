"""A Run Command task: a Systems Manager document run on a window's targets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_ssm as ssm
from constructs import Construct

from patch_window import advisories, defaults, tree
from patch_window.edge_types import checked
from patch_window.errors import PatchWindowValidationError
from patch_window.permissions import (
    COMMAND_TRACKING_ACTIONS,
    PARAMETER_REFERENCE,
    SEND_COMMAND,
    Permission,
)
from patch_window.rules import tables
from patch_window.task_policy import (
    document_arn,
    grant_task_permissions,
    pass_notification_role,
    target_instances_permissions,
)
from patch_window.tasks.base import TaskBasics, lists
from patch_window.tokens import is_unresolved
from patch_window.validation import PropChecker, warn
from patch_window.vocabulary import CutoffBehavior

if TYPE_CHECKING:
    import aws_cdk.aws_logs as logs
    import aws_cdk.aws_s3 as s3

    from patch_window.interfaces import IMaintenanceWindow, IMaintenanceWindowTarget
    from patch_window.tasks.command_output import OutputWritePolicy
    from patch_window.tasks.notifications import Notifications

_Cfn = ssm.CfnMaintenanceWindowTask


class RunCommandTask(Construct):
    """A ``RUN_COMMAND`` task registered with a window (lab step 6.4).

    Uses ``TaskInvocationParameters``; never the deprecated ``TaskParameters`` or
    ``LoggingInfo``. A task role is required: leaving it out silently falls back to the
    service-linked role, which AWS no longer recommends. The task grants its role what it needs
    (:func:`patch_window.permissions.run_command_permissions`); a
    :class:`MaintenanceWindowRole` decides how, through its policy mode.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        window: IMaintenanceWindow,
        document: str,
        role: iam.IRole,
        targets: Sequence[IMaintenanceWindowTarget],
        max_concurrency: str,
        max_errors: str,
        priority: int = defaults.TASK_PRIORITY,
        parameters: Mapping[str, Sequence[str]] | None = None,
        name: str | None = None,
        description: str | None = None,
        cutoff_behavior: CutoffBehavior | None = None,
        document_version: str | None = None,
        timeout: cdk.Duration | None = None,
        comment: str | None = None,
        output_bucket: s3.IBucket | None = None,
        output_key_prefix: str | None = None,
        output_log_group: logs.ILogGroup | None = None,
        instance_roles: Sequence[iam.IRole] = (),
        notifications: Notifications | None = None,
    ) -> None:
        """Register the task.

        :param window: the window the task runs in.
        :param document: the Command document's name (``AWS-RunPatchBaseline``) or ARN.
        :param role: the role Systems Manager assumes to run the task.
        :param targets: registered targets of the same window; several run one after another.
        :param max_concurrency: targets run at once: a count (``"1"``) or a percentage.
        :param max_errors: errors before the task stops: a count (``"0"``) or a percentage.
        :param priority: lower runs first; equal priorities run in parallel. Default: 1.
        :param parameters: document parameters, each a list of strings
            (``{"Operation": ["Install"]}``). Default: - the document's defaults.
        :param name: Default: - no name.
        :param description: Default: - no description.
        :param cutoff_behavior: Default: - the service's, ``CONTINUE_TASK``.
        :param document_version: ``$DEFAULT``, ``$LATEST`` or a number.
            Default: - the document's default version.
        :param timeout: how long a command may take to start. Default: - the service's (600 s).
        :param comment: up to 100 characters shown with the command. Default: - none.
        :param output_bucket: the bucket command output is written to. Default: - no S3 output.
        :param output_key_prefix: where in ``output_bucket`` (up to 500 characters).
            Default: - the bucket's root.
        :param output_log_group: the CloudWatch Logs group command output is sent to.
            Default: - no CloudWatch output.
        :param instance_roles: roles of the targets' instance profiles, which write the output;
            each is granted write access to exactly this task's output destinations (see
            :meth:`grant_output_write`). Default: - none; the instances need that access
            some other way.
        :param notifications: SNS notifications of command status changes.
            Default: - no notifications.
        """
        super().__init__(scope, id_)
        tree.remember(self, scope, id_)
        checker = PropChecker(f"{tree.path(self)}/Resource")
        basics = TaskBasics(
            window=window,
            role=role,
            targets=targets,
            priority=priority,
            max_concurrency=max_concurrency,
            max_errors=max_errors,
            name=name,
            description=description,
            cutoff_behavior=cutoff_behavior,
        )
        basics.check(checker, targets_required=True)
        if output_key_prefix is not None and output_bucket is None:
            checker.fail("output_key_prefix", "needs output_bucket, got no bucket")
        if instance_roles and output_bucket is None and output_log_group is None:
            checker.fail(
                "instance_roles",
                "are granted write access to the output; set output_bucket or output_log_group",
            )
        timeout_seconds: float | None = None
        if timeout is not None and not timeout.is_unresolved():
            timeout_seconds = int(timeout.to_seconds())
        elif timeout is not None:
            # A token (a parameter, say) reaches the template as a number token, unchecked;
            # dropping it would silently fall back to the service's default.
            try:
                timeout_seconds = timeout.to_seconds()
            except RuntimeError:
                checker.fail(
                    "timeout",
                    "from a token must be given as Duration.seconds(token), got another unit",
                )
        checker.run(
            tables.RUN_COMMAND,
            {
                "document": document,
                "parameters": parameters,
                "document_version": document_version,
                "timeout": timeout_seconds,
                "comment": comment,
                "output_key_prefix": output_key_prefix,
            },
        )
        if instance_roles:
            checker.run(
                tables.INSTANCE_ROLES,
                {"role_names": [role.role_name for role in instance_roles]},
                labels={"role_names": "instance_roles"},
            )
        if output_bucket is not None:
            checker.run(tables.BUCKET, {"bucket_name": output_bucket.bucket_name})
        if output_log_group is not None:
            checker.run(tables.LOG_GROUP, {"log_group_name": output_log_group.log_group_name})
        if notifications is not None:
            checker.run(
                tables.NOTIFICATIONS,
                {
                    "topic_arn": notifications.topic.topic_arn,
                    "events": [event.value for event in notifications.events],
                },
                labels={"events": "notifications", "topic_arn": "notifications.topic"},
            )
        checker.raise_if_any()

        self.window = window
        self.name = name
        self.targets = tuple(targets)
        self.resource = basics.resource(
            self,
            task_type="RUN_COMMAND",
            task_arn=document,
            invocation=_Cfn.TaskInvocationParametersProperty(
                maintenance_window_run_command_parameters=(
                    _Cfn.MaintenanceWindowRunCommandParametersProperty(
                        parameters=lists(parameters),
                        document_version=document_version,
                        timeout_seconds=timeout_seconds,
                        comment=comment,
                        **_output_properties(output_bucket, output_key_prefix, output_log_group),
                        **_notification_properties(notifications),
                    )
                )
            ),
        )
        self.task_id: str = self.resource.ref
        if not is_unresolved(document):
            warn(
                self,
                advisories.PATCH_BASELINE_WITHOUT_OPERATION,
                advisories.patch_baseline_without_operation(document, parameters or {}),
            )
        self.output_bucket = output_bucket
        self.output_key_prefix = output_key_prefix
        self.output_log_group = output_log_group
        self.notifications = notifications
        self.output_policy: OutputWritePolicy | None = None
        if notifications is not None:
            notifications.role.allow_publish(notifications.topic)
        grant_task_permissions(
            role,
            run_command_permissions(
                self,
                document=document,
                targets=targets,
                parameters=parameters,
                output_bucket=output_bucket,
                notification_role=notifications.role.role if notifications else None,
            ),
        )
        for instance_role in instance_roles:
            self.grant_output_write(instance_role)
        window.register_task(self)

    @checked
    def grant_output_write(self, role: iam.IRole) -> None:
        """Let ``role`` (an instance profile's role) write this task's command output.

        The statements go to a customer managed policy (``OutputPolicy``) attached to it.
        """
        if self.output_bucket is None and self.output_log_group is None:
            raise PatchWindowValidationError(
                f"{self.node.path}/Resource: grant_output_write needs output_bucket or "
                "output_log_group, got neither"
            )
        if self.output_policy is None:
            from patch_window.tasks.command_output import OutputWritePolicy

            self.output_policy = OutputWritePolicy(
                self,
                "OutputPolicy",
                bucket=self.output_bucket,
                key_prefix=self.output_key_prefix,
                log_group=self.output_log_group,
            )
        self.output_policy.add_role(role)


def _notification_properties(notifications: Notifications | None) -> dict[str, Any]:
    """The Run Command block's SNS settings, with the role Run Command publishes with."""
    if notifications is None:
        return {}
    return {
        "notification_config": _Cfn.NotificationConfigProperty(
            notification_arn=notifications.topic.topic_arn,
            notification_events=[event.value for event in notifications.events],
            notification_type=notifications.notification_type.value,
        ),
        "service_role_arn": notifications.role.role.role_arn,
    }


def run_command_permissions(
    scope: Construct,
    *,
    document: str,
    targets: Iterable[IMaintenanceWindowTarget],
    parameters: Mapping[str, Sequence[str]] | None = None,
    output_bucket: s3.IBucket | None = None,
    notification_role: iam.IRole | None = None,
) -> list[Permission]:
    """What a Run Command task's role must allow to run ``document`` on ``targets``."""
    stack = tree.stack_of(scope)
    permissions = [
        Permission(
            sid="SendCommandDocuments",
            actions=(SEND_COMMAND,),
            resources=(document_arn(stack, document),),
            reason="Send the documents that the Run Command tasks run, and no other.",
        )
    ]
    if output_bucket is not None:
        permissions.append(
            Permission(
                sid="SendCommandWithOutputBuckets",
                actions=(SEND_COMMAND,),
                resources=(output_bucket.bucket_arn,),
                reason="SendCommand is also authorized against the output bucket it names.",
            )
        )
    for target in targets:
        permissions.extend(target_instances_permissions(stack, target))
    permissions.append(
        Permission(
            sid="FollowAndCancelCommands",
            actions=COMMAND_TRACKING_ACTIONS,
            resources=("*",),
            reason="Follow the commands sent and cancel them (CANCEL_TASK, cancelled runs).",
            wildcard_reason=(
                "ssm:CancelCommand, GetCommandInvocation, ListCommandInvocations and "
                "ListCommands take no resource (Service Authorization Reference), so IAM only "
                "accepts Resource '*' for them; they read or cancel commands, never start one."
            ),
        )
    )
    parameter_names = sorted(
        {
            name.lstrip("/")
            for values in (parameters or {}).values()
            for value in values
            for name in PARAMETER_REFERENCE.findall(value)
        }
    )
    if parameter_names:
        permissions.append(
            Permission(
                sid="ReadReferencedParameters",
                actions=("ssm:GetParameters",),
                resources=tuple(
                    tree.format_arn(stack, service="ssm", resource="parameter", resource_name=name)
                    for name in parameter_names
                ),
                reason="Resolve the {{ssm:...}} parameters the documents are given.",
            )
        )
    if notification_role is not None:
        permissions.append(pass_notification_role(notification_role))
    return permissions


def _output_properties(
    bucket: s3.IBucket | None, key_prefix: str | None, log_group: logs.ILogGroup | None
) -> dict[str, Any]:
    """The output properties of the Run Command block. The command_output module (and the
    aws-cdk-lib modules it loads: S3, CloudWatch Logs, KMS) is imported for a task with output
    only."""
    if bucket is None and log_group is None:
        return {}
    from patch_window.tasks.command_output import run_command_output

    return run_command_output(bucket, key_prefix, log_group)
