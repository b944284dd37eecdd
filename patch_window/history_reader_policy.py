"""The customer managed policy that lets people read what windows ran (``patch-window history``)."""

from __future__ import annotations

from collections.abc import Sequence

import aws_cdk.aws_iam as iam
import aws_cdk.aws_logs as logs
import aws_cdk.aws_s3 as s3
from constructs import Construct

from patch_window import compliance, tree
from patch_window.edge_types import checked
from patch_window.history_actions import (
    LOGS_OUTPUT_ACTIONS,
    S3_OUTPUT_ACTIONS,
    STACK_ACTIONS,
    UNSCOPED_ACTIONS,
    UNSCOPED_REASON,
    WINDOW_ACTIONS,
)
from patch_window.interfaces import IMaintenanceWindow

ALL_WINDOWS_REASON = (
    "No window was named, so the policy reads the history of every maintenance window of "
    "this account and Region (maintenancewindow/*); name the windows to narrow it."
)
STACK_REASON = (
    "A stack's ARN ends in an id CloudFormation makes when it creates the stack "
    "(stack/<name>/<id>); the name is fixed, the '*' stands for that id."
)
OUTPUT_OBJECTS_REASON = (
    "Run Command writes one object per command, instance and step under the key prefix "
    "(<prefix>/<command id>/<instance id>/...); those ids exist only once a command runs, so "
    "the grant names the prefix. Only s3:GetObject is allowed."
)
LOG_STREAMS_REASON = (
    "The ARN of a log group ends in ':*', which covers its log streams: Run Command names a "
    "stream per command, instance and step. Only logs:GetLogEvents is allowed."
)


class HistoryReaderPolicy(Construct):
    """Exactly the read-only actions ``patch-window history`` calls, as a managed policy.

    The window reads (``ssm:GetMaintenanceWindow``, ``DescribeMaintenanceWindowExecutions``,
    ``DescribeMaintenanceWindowTargets``, ``DescribeMaintenanceWindowTasks``) are scoped to the
    windows given (every window of the account and Region when none is); the execution,
    command and instance reads take no resource in IAM and get ``*``; ``DescribeStacks`` is
    scoped to the stacks given (default: this stack). With ``output_bucket`` or
    ``output_log_group``, ``--full-output`` may read the output the tasks wrote there.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        windows: Sequence[IMaintenanceWindow] = (),
        stack_names: Sequence[str] | None = None,
        output_bucket: s3.IBucket | None = None,
        output_key_prefix: str | None = None,
        output_log_group: logs.ILogGroup | None = None,
        groups: Sequence[iam.IGroup] = (),
        roles: Sequence[iam.IRole] = (),
        users: Sequence[iam.IUser] = (),
        managed_policy_name: str | None = None,
    ) -> None:
        """Create the policy.

        :param windows: the windows whose history may be read. Default: - every window of the
            account and Region.
        :param stack_names: the stacks whose outputs ``--stack`` may read. Default: - the
            stack this policy is in.
        :param output_bucket: the bucket tasks write their output to (``--full-output``).
        :param output_key_prefix: the key prefix of that output. Default: - the whole bucket.
        :param output_log_group: the log group tasks send their output to (``--full-output``).
        :param groups: groups the policy is attached to (``attach_to_group`` adds more).
        :param roles: roles the policy is attached to.
        :param users: users the policy is attached to.
        :param managed_policy_name: the policy's name. Default: - a name is generated.
        """
        super().__init__(scope, id_)
        stack = tree.stack_of(self)
        window_arns = [
            tree.format_arn(
                stack, service="ssm", resource="maintenancewindow", resource_name=w.window_id
            )
            for w in windows
        ] or [
            tree.format_arn(stack, service="ssm", resource="maintenancewindow", resource_name="*")
        ]
        names = list(stack_names) if stack_names is not None else [stack.stack_name]
        stack_arns = [
            tree.format_arn(
                stack, service="cloudformation", resource="stack", resource_name=f"{n}/*"
            )
            for n in names
        ]
        statements = [
            iam.PolicyStatement(
                sid="ReadWindows", actions=list(WINDOW_ACTIONS), resources=window_arns
            ),
            iam.PolicyStatement(
                sid="ReadExecutionsCommandsAndInstances",
                actions=list(UNSCOPED_ACTIONS),
                resources=["*"],
            ),
        ]
        if stack_arns:
            statements.append(
                iam.PolicyStatement(
                    sid="ReadStackOutputs", actions=list(STACK_ACTIONS), resources=stack_arns
                )
            )
        if output_bucket is not None:
            prefix = (output_key_prefix or "").strip("/")
            pattern = f"{prefix}/*" if prefix else "*"
            objects = output_bucket.arn_for_objects(pattern)
            statements.append(
                iam.PolicyStatement(
                    sid="ReadCommandOutputObjects",
                    actions=list(S3_OUTPUT_ACTIONS),
                    resources=[objects],
                )
            )
            compliance.acknowledge(
                self, compliance.wildcard_resource(self, objects), OUTPUT_OBJECTS_REASON
            )
        if output_log_group is not None:
            statements.append(
                iam.PolicyStatement(
                    sid="ReadCommandOutputLogs",
                    actions=list(LOGS_OUTPUT_ACTIONS),
                    resources=[output_log_group.log_group_arn],
                )
            )
            finding = compliance.wildcard_resource(self, output_log_group.log_group_arn)
            if "*" in finding:
                compliance.acknowledge(self, finding, LOG_STREAMS_REASON)
        self.policy = iam.ManagedPolicy(
            self,
            "Resource",
            managed_policy_name=managed_policy_name,
            description="Read maintenance window history (patch-window history)",
            statements=statements,
            groups=list(groups),
            roles=list(roles),
            users=list(users),
        )
        compliance.acknowledge(self, compliance.wildcard_resource(self, "*"), UNSCOPED_REASON)
        for arn in stack_arns:
            compliance.acknowledge(self, compliance.wildcard_resource(self, arn), STACK_REASON)
        if not windows:
            compliance.acknowledge(
                self, compliance.wildcard_resource(self, window_arns[0]), ALL_WINDOWS_REASON
            )

    @checked
    def attach_to_group(self, group: iam.IGroup) -> None:
        """Attach the policy to one more group."""
        self.policy.attach_to_group(group)

    @checked
    def attach_to_role(self, role: iam.IRole) -> None:
        """Attach the policy to one more role."""
        self.policy.attach_to_role(role)
