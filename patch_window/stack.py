"""The lab as one stack: role, PassRole policy, and every configured window."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import compliance
from patch_window.config import PatchWindowConfig, TargetConfig, WindowConfig
from patch_window.least_privilege import RolePolicy
from patch_window.maintenance_window import MaintenanceWindow
from patch_window.pass_role_policy import PassRolePolicy
from patch_window.role import MANAGED_POLICY_NAME, MaintenanceWindowRole
from patch_window.run_command_task import CutoffBehavior
from patch_window.schedule import Schedule
from patch_window.target_selector import TargetSelector
from patch_window.task_resources import TaskResources

LAB_MANAGED_POLICY_REASON = (
    "cdk.json sets role.policy to 'aws-managed' for parity with the lab, which attaches the "
    "AWS managed policy AmazonSSMMaintenanceWindowRole to this role (step 6.1). AWS maintains "
    "that policy for maintenance window task roles; it allows every task type on '*'. Set "
    "role.policy to 'least-privilege' for a customer managed policy cut to the registered "
    "tasks."
)


class PatchWindowStack(cdk.Stack):
    """Composes the constructs from a :class:`PatchWindowConfig`; reads nothing else.

    Outputs the role ARN and the id of every window, target and task.
    """

    def __init__(
        self, scope: Construct, id_: str, *, config: PatchWindowConfig, **kwargs: Any
    ) -> None:
        super().__init__(scope, id_, **kwargs)
        self.role = MaintenanceWindowRole(
            self,
            "MaintenanceWindowRole",
            role_name=config.role.role_name,
            description=config.role.description,
            trusted_services=config.role.trusted_services,
            policy=RolePolicy(config.role.policy),
            restrict_source_account=config.role.restrict_source_account,
        )
        if self.role.policy is RolePolicy.AWS_MANAGED:
            compliance.acknowledge(
                self.role,
                compliance.finding_id(
                    compliance.AWS_SOLUTIONS,
                    "IAM4",
                    f"Policy::arn:<AWS::Partition>:iam::aws:policy/{MANAGED_POLICY_NAME}",
                ),
                LAB_MANAGED_POLICY_REASON,
            )
        self.task_resources = TaskResources(self)
        cdk.CfnOutput(self, "RoleArn", value=self.role.role.role_arn, description="Task role")
        if config.pass_role is not None:
            self.pass_role_policy: PassRolePolicy | None = PassRolePolicy(
                self,
                "PassRolePolicy",
                role=self.role.role,
                managed_policy_name=config.pass_role.policy_name,
                groups=[
                    iam.Group.from_group_name(self, f"Group{name}", name)
                    for name in config.pass_role.group_names
                ],
            )
        else:
            self.pass_role_policy = None
        self.windows = [self._window(window) for window in config.windows]

    def _window(self, config: WindowConfig) -> MaintenanceWindow:
        """One window with its targets and tasks; construct ids come from their names."""
        time_zone = cdk.TimeZone.of(config.schedule_timezone) if config.schedule_timezone else None
        window = MaintenanceWindow(
            self,
            config.name,
            name=config.name,
            schedule=Schedule.expression(config.schedule, time_zone),
            duration=cdk.Duration.hours(config.duration_hours),
            cutoff=cdk.Duration.hours(config.cutoff_hours),
            allow_unassociated_targets=config.allow_unassociated_targets,
            description=config.description,
            schedule_offset=config.schedule_offset,
            start_date=config.start_date,
            end_date=config.end_date,
        )
        _output(window, "WindowId", window.window_id, f"Window {config.name}")
        targets = {}
        for target_config in config.targets:
            target = window.add_target(
                f"Target{target_config.name}",
                name=target_config.name,
                selector=_selector(target_config),
                description=target_config.description,
                owner_information=target_config.owner_information,
            )
            targets[target_config.name] = target
            _output(target, "TargetId", target.target_id, f"Target {target_config.name}")
        for task_config in config.tasks:
            task = window.add_run_command_task(
                f"Task{task_config.name}",
                name=task_config.name,
                document=task_config.document,
                role=self.role.role,
                targets=(
                    [targets[name] for name in task_config.targets]
                    if task_config.targets is not None
                    else None
                ),
                max_concurrency=task_config.max_concurrency,
                max_errors=task_config.max_errors,
                priority=task_config.priority,
                parameters=task_config.parameters,
                description=task_config.description,
                cutoff_behavior=(
                    CutoffBehavior(task_config.cutoff_behavior)
                    if task_config.cutoff_behavior
                    else None
                ),
                document_version=task_config.document_version,
                timeout=(
                    cdk.Duration.seconds(task_config.timeout_seconds)
                    if task_config.timeout_seconds is not None
                    else None
                ),
                comment=task_config.comment,
                **self.task_resources.task_kwargs(task_config.output, task_config.notifications),
            )
            _output(task, "TaskId", task.task_id, f"Task {task_config.name}")
        return window


def _selector(config: TargetConfig) -> TargetSelector:
    """The configured selection form as a :class:`TargetSelector`."""
    if config.tags is not None:
        return TargetSelector.by_tags(config.tags)
    if config.tag_keys is not None:
        return TargetSelector.by_tag_keys(config.tag_keys)
    if config.instance_ids is not None:
        return TargetSelector.by_instance_ids(config.instance_ids)
    assert config.resource_group is not None
    return TargetSelector.by_resource_group(config.resource_group, config.resource_types)


def _output(scope: Construct, id_: str, value: str, description: str) -> None:
    cdk.CfnOutput(scope, id_, value=value, description=description)
