"""The lab as one stack: role, PassRole policy, and every configured window."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import compliance
from patch_window.account import TaskRoleReference
from patch_window.app.settings import (
    PatchBaselineConfig,
    PatchWindowConfig,
    PhaseConfig,
    ScanThenInstallConfig,
    TargetConfig,
    TaskConfig,
    WindowConfig,
    output_count,
)
from patch_window.app.task_kinds import TASK_KINDS, TaskBuild
from patch_window.app.task_resources import TaskResources
from patch_window.baselines.approval import ApprovalRule, PatchSource
from patch_window.baselines.baseline import PatchBaseline
from patch_window.pass_role_policy import PassRolePolicy
from patch_window.role import MANAGED_POLICY_NAME, MaintenanceWindowRole
from patch_window.rules.window import MAX_TEMPLATE_OUTPUTS
from patch_window.scan_then_install import PatchPhase, ScanThenInstall
from patch_window.schedule import Schedule
from patch_window.stack_quotas import set_quotas
from patch_window.targets.selector import TargetSelector
from patch_window.targets.target import MaintenanceWindowTarget
from patch_window.vocabulary import (
    CutoffBehavior,
    OperatingSystem,
    PatchComplianceLevel,
    RebootOption,
    RejectedPatchesAction,
    RolePolicy,
)
from patch_window.window import MaintenanceWindow, WindowTask, check_schedules

if TYPE_CHECKING:
    from patch_window.alerts import PatchAlerts

LAB_MANAGED_POLICY_REASON = (
    "cdk.json sets role.policy to 'aws-managed' for parity with the lab, which attaches the "
    "AWS managed policy AmazonSSMMaintenanceWindowRole to this role (step 6.1). AWS maintains "
    "that policy for maintenance window task roles; it allows every task type on '*'. Set "
    "role.policy to 'least-privilege' for a customer managed policy cut to the registered "
    "tasks."
)


class PatchWindowStack(cdk.Stack):
    """Composes the constructs from a :class:`PatchWindowConfig`; reads nothing else.

    Outputs the role ARN and the id of every window, target and task; when those would pass
    CloudFormation's 200 outputs, one output per window instead (``<window>/Ids``: a JSON object
    of the window's id and its targets' and tasks' ids by name).
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        config: PatchWindowConfig,
        role: iam.IRole | None = None,
        **kwargs: Any,
    ) -> None:
        """``role``: the account's task role, made elsewhere (``AccountStack``), used by ARN;
        default: the role, its ARN output and the PassRole policy are made here."""
        super().__init__(scope, id_, **kwargs)
        set_quotas(self, config.quotas)
        self.compact_outputs = output_count(config) > MAX_TEMPLATE_OUTPUTS
        self.role: MaintenanceWindowRole | TaskRoleReference
        self.pass_role_policy: PassRolePolicy | None = None
        if role is not None:
            # The account's role, made by the account stack in the home Region.
            self.role = TaskRoleReference(
                self, "MaintenanceWindowRole", role=role, policy=RolePolicy(config.role.policy)
            )
        else:
            self.role = self._own_role(config)
        self.task_resources = TaskResources(self)
        self.baselines = [_baseline(self, baseline) for baseline in config.patch_baselines]
        self.windows = [self._window(window) for window in config.windows]
        self.patterns = [self._scan_then_install(pattern) for pattern in config.scan_then_install]
        if config.alerts is not None:
            import aws_cdk.aws_sns as sns

            from patch_window.alerts import PatchAlerts

            self.alerts: PatchAlerts | None = PatchAlerts(
                self,
                "PatchAlerts",
                windows=[
                    *self.windows,
                    *(w for p in self.patterns for w in (p.scan_window, p.install_window)),
                ],
                topic=(
                    sns.Topic.from_topic_arn(self, "AlertsTopic", config.alerts.topic_arn)
                    if config.alerts.topic_arn
                    and (role is None or self._holds(config.alerts.topic_arn))
                    else None
                ),
            )
        else:
            self.alerts = None
        # The account's quota of concurrent executions (quotas.concurrent_executions, default
        # defaults.CONCURRENT_EXECUTIONS), against which the windows are judged.
        check_schedules(self, concurrent_executions=config.quotas.concurrent_executions)

    def _holds(self, arn: str) -> bool:
        """Whether ``arn`` is in this stack's account and Region: under ``deployment``, an
        existing alerts topic is used where it lives, and every other Region's stack (and each
        StackSet member) creates its own (EventBridge targets no topic in another Region)."""
        parts = arn.split(":")
        return len(parts) > 4 and (parts[3], parts[4]) == (self.region, self.account)

    def _own_role(self, config: PatchWindowConfig) -> MaintenanceWindowRole:
        """The task role, its ARN output and the PassRole policy, in this stack."""
        role = MaintenanceWindowRole(
            self,
            "MaintenanceWindowRole",
            role_name=config.role.role_name,
            description=config.role.description,
            trusted_services=config.role.trusted_services,
            policy=RolePolicy(config.role.policy),
            restrict_source_account=config.role.restrict_source_account,
        )
        if role.policy is RolePolicy.AWS_MANAGED:
            compliance.acknowledge(
                role,
                compliance.finding_id(
                    compliance.AWS_SOLUTIONS,
                    "IAM4",
                    f"Policy::arn:<AWS::Partition>:iam::aws:policy/{MANAGED_POLICY_NAME}",
                ),
                LAB_MANAGED_POLICY_REASON,
            )
        cdk.CfnOutput(self, "RoleArn", value=role.role.role_arn, description="Task role")
        if config.pass_role is not None:
            self.pass_role_policy = PassRolePolicy(
                self,
                "PassRolePolicy",
                role=role.role,
                managed_policy_name=config.pass_role.policy_name,
                groups=[
                    iam.Group.from_group_name(self, f"Group{name}", name)
                    for name in config.pass_role.group_names
                ],
            )
        return role

    def template_counts(self) -> tuple[int, int]:
        """The resources and outputs the template will declare (``CDKMetadata`` included)."""
        resources, outputs = 1, 0
        # isinstance, not CfnResource.is_cfn_resource (a round trip to node per construct):
        # jsii gives every construct of the tree its own aws-cdk-lib class.
        for child in self.node.find_all():
            if isinstance(child, cdk.CfnOutput):
                outputs += 1
            elif isinstance(child, cdk.CfnResource):
                resources += 1
        return resources, outputs

    def _window(self, config: WindowConfig) -> MaintenanceWindow:
        """One window with its targets and tasks. Construct ids come from their ``id`` if set,
        else from their names (so, without ``id``, a rename replaces the resource)."""
        time_zone = cdk.TimeZone.of(config.schedule_timezone) if config.schedule_timezone else None
        window = MaintenanceWindow(
            self,
            config.id or config.name,
            name=config.name,
            schedule=Schedule.expression(config.schedule, time_zone),
            duration=hours(config.duration_hours),
            cutoff=hours(config.cutoff_hours),
            allow_unassociated_targets=config.allow_unassociated_targets,
            description=config.description,
            schedule_offset=config.schedule_offset,
            start_date=config.start_date,
            end_date=config.end_date,
        )
        compact = self.compact_outputs
        if not compact:
            _output(window, "WindowId", window.window_id, f"Window {config.name}")
        targets: dict[str, MaintenanceWindowTarget] = {}
        task_ids: dict[str, str] = {}
        for target_config in config.targets:
            assert target_config.name is not None  # required in windows[] by the reader
            target = window.add_target(
                f"Target{target_config.id or target_config.name}",
                name=target_config.name,
                selector=_selector(target_config),
                description=target_config.description,
                owner_information=target_config.owner_information,
            )
            targets[target_config.name] = target
            if not compact:
                _output(target, "TargetId", target.target_id, f"Target {target_config.name}")
        for task_config in config.tasks:
            task = self._task(window, task_config, targets)
            task_ids[task_config.name] = task.task_id
            if not compact:
                _output(task, "TaskId", task.task_id, f"Task {task_config.name}")
        if compact:
            ids = {
                "WindowId": window.window_id,
                "Targets": {name: target.target_id for name, target in targets.items()},
                "Tasks": task_ids,
            }
            _output(window, "Ids", self.to_json_string(ids), f"Window {config.name} and its ids")
        return window

    def _scan_then_install(self, config: ScanThenInstallConfig) -> ScanThenInstall:
        """The scan-then-install pattern; its windows are named ``<name>-Scan``/``-Install``."""
        pattern = ScanThenInstall(
            self,
            config.name,
            name=config.name,
            target_name=config.target.name,
            target_description=config.target.description,
            target_owner_information=config.target.owner_information,
            selector=_selector(config.target),
            scan=_phase(config.scan),
            install=_phase(config.install),
            role=self.role.role,
            reboot_option=RebootOption(config.reboot_option),
            output_bucket=(
                _bucket_named(self, f"{config.name}Output", config.output_bucket_name)
                if config.output_bucket_name
                else None
            ),
        )
        for phase_id, window in pattern.windows.items():
            _output(window, "WindowId", window.window_id, f"Window {config.name}-{phase_id}")
            _output(
                pattern.tasks[phase_id],
                "TaskId",
                pattern.tasks[phase_id].task_id,
                f"Task {config.name}-{phase_id}",
            )
        return pattern

    def _task(
        self,
        window: MaintenanceWindow,
        config: TaskConfig,
        targets: dict[str, MaintenanceWindowTarget],
    ) -> WindowTask:
        """One task of the configured type, built as its :class:`TaskKind` says."""
        id_ = f"Task{config.id or config.name}"
        task: WindowTask = TASK_KINDS[config.type].build(
            TaskBuild(
                window=window,
                id_=id_,
                role=self.role.role,
                config=config,
                common=_common_task_kwargs(config, targets),
                resources=self.task_resources,
            )
        )
        return task


def _baseline(stack: cdk.Stack, config: PatchBaselineConfig) -> PatchBaseline:
    """One configured patch baseline, with its id as an output."""
    baseline = PatchBaseline(
        stack,
        f"Baseline{config.name}",
        name=config.name,
        operating_system=OperatingSystem(config.operating_system),
        description=config.description,
        approval_rules=[
            ApprovalRule(
                filters=rule.filters,
                approve_after_days=rule.approve_after_days,
                approve_until_date=rule.approve_until_date,
                compliance_level=PatchComplianceLevel(rule.compliance_level)
                if rule.compliance_level
                else None,
                enable_non_security=rule.enable_non_security,
            )
            for rule in config.approval_rules
        ],
        global_filters=config.global_filters,
        approved_patches=config.approved_patches,
        approved_patches_compliance_level=PatchComplianceLevel(
            config.approved_patches_compliance_level
        )
        if config.approved_patches_compliance_level
        else None,
        rejected_patches=config.rejected_patches,
        rejected_patches_action=RejectedPatchesAction(config.rejected_patches_action)
        if config.rejected_patches_action
        else None,
        sources=[
            PatchSource(name=s.name, products=s.products, configuration=s.configuration)
            for s in config.sources
        ],
        patch_groups=config.patch_groups,
        default=config.default,
    )
    _output(baseline, "BaselineId", baseline.baseline_id, f"Patch baseline {config.name}")
    return baseline


def _common_task_kwargs(
    config: TaskConfig, targets: dict[str, MaintenanceWindowTarget]
) -> dict[str, Any]:
    """The props every task type takes, from its configuration."""
    return {
        "name": config.name,
        "priority": config.priority,
        "description": config.description,
        "cutoff_behavior": CutoffBehavior(config.cutoff_behavior)
        if config.cutoff_behavior
        else None,
        "max_concurrency": config.max_concurrency,
        "max_errors": config.max_errors,
        "targets": (
            [targets[name] for name in config.targets] if config.targets is not None else None
        ),
    }


def _phase(config: PhaseConfig) -> PatchPhase:
    """One configured phase of a scan-then-install pattern."""
    time_zone = cdk.TimeZone.of(config.schedule_timezone) if config.schedule_timezone else None
    schedule = Schedule.expression(config.schedule, time_zone)
    if config.schedule_offset is not None:
        schedule = Schedule(schedule.expression_string, time_zone, config.schedule_offset)
    return PatchPhase(
        schedule=schedule,
        duration=hours(config.duration_hours),
        cutoff=hours(config.cutoff_hours),
        max_concurrency=config.max_concurrency,
        max_errors=config.max_errors,
        output_key_prefix=config.output_key_prefix,
    )


def _selector(config: TargetConfig) -> TargetSelector:
    """The configured selection form as a :class:`TargetSelector`."""
    if config.tags is not None:
        return TargetSelector.by_tags(config.tags)
    if config.tag_keys is not None:
        return TargetSelector.by_tag_keys(config.tag_keys)
    if config.instance_ids is not None:
        return TargetSelector.by_instance_ids(config.instance_ids)
    if config.patch_group is not None:
        return TargetSelector.by_patch_group(config.patch_group, config.patch_group_tag_key)
    assert config.resource_group is not None
    return TargetSelector.by_resource_group(config.resource_group, config.resource_types)


def _output(scope: Construct, id_: str, value: str, description: str) -> None:
    cdk.CfnOutput(scope, id_, value=value, description=description)


@functools.cache
def hours(count: int) -> cdk.Duration:
    """``cdk.Duration.hours(count)``, made once per count: a Duration is an immutable value, so
    windows of the same length share one, and its hours are checked without asking node again."""
    return cdk.Duration.hours(count)


def _bucket_named(scope: Construct, id_: str, name: str) -> Any:
    """``s3.Bucket.from_bucket_name``; aws_s3 is loaded only for a stack that names a bucket."""
    import aws_cdk.aws_s3 as s3

    return s3.Bucket.from_bucket_name(scope, id_, name)
