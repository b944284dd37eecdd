"""The app's settings: frozen dataclasses, one per section of cdk.json's ``patch_window`` key.

Built only by :func:`patch_window.app.reader.read_settings`, at the app's edge. Defaults that
are the library's own come from :mod:`patch_window.defaults`, so the app and the library never
disagree on what an unset value means. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from patch_window import defaults
from patch_window.quotas import Quotas


@dataclass(frozen=True)
class S3OutputConfig:
    """``output.s3``: an existing bucket by name, or one the stack creates; and a key prefix."""

    bucket_name: str | None = None
    create_bucket: bool = False
    key_prefix: str | None = None


@dataclass(frozen=True)
class CloudWatchOutputConfig:
    """``output.cloudwatch``: a log group by name, created by the stack or existing."""

    log_group_name: str
    create: bool = False
    retention_days: int = defaults.LOG_RETENTION_DAYS


@dataclass(frozen=True)
class OutputConfig:
    """``output``: where command output goes, and the instance roles that write it."""

    s3: S3OutputConfig | None = None
    cloudwatch: CloudWatchOutputConfig | None = None
    instance_role_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotificationsConfig:
    """``notifications``: an existing topic by ARN, or one the stack creates; what to send."""

    topic_arn: str | None = None
    create_topic: bool = False
    events: tuple[str, ...] = tuple(event.value for event in defaults.NOTIFICATION_EVENTS)
    notification_type: str = defaults.NOTIFICATION_TYPE.value


@dataclass(frozen=True)
class AlertsConfig:
    """``alerts``: EventBridge rules for failed window runs and target invocations, to an
    existing topic by ARN, or (without ``topic_arn``) to an encrypted topic the stack creates."""

    topic_arn: str | None = None


@dataclass(frozen=True)
class RoleConfig:
    """``role``: the maintenance window task role (lab step 6.1)."""

    role_name: str | None = None
    description: str | None = None
    trusted_services: tuple[str, ...] = defaults.TRUSTED_SERVICES
    policy: str = defaults.ROLE_POLICY.value
    restrict_source_account: bool = defaults.RESTRICT_SOURCE_ACCOUNT


@dataclass(frozen=True)
class PassRoleConfig:
    """``pass_role``: the PassRole policy and the existing groups it is attached to (6.1)."""

    group_names: tuple[str, ...]
    policy_name: str | None = None


@dataclass(frozen=True)
class TargetConfig:
    """``windows[].targets[]``: the instances a target selects (lab step 6.3).

    Exactly one form is set: ``tags`` (all must match, the lab's form), ``tag_keys``,
    ``instance_ids`` or ``resource_group`` (with optional ``resource_types``). ``name`` is
    required in ``windows[]``; in ``scan_then_install[]`` it is optional (``None``: each window's
    target is named ``<pattern name>-<Phase>-Targets``).
    """

    name: str | None
    id: str | None = None
    """The construct id (``Target<id>``) if given, so renaming keeps the resource; else the
    name is the id."""
    tags: Mapping[str, tuple[str, ...]] | None = None
    tag_keys: tuple[str, ...] | None = None
    instance_ids: tuple[str, ...] | None = None
    resource_group: str | None = None
    resource_types: tuple[str, ...] = ()
    patch_group: str | None = None
    patch_group_tag_key: str = defaults.PATCH_GROUP_TAG_KEY
    description: str | None = None
    owner_information: str | None = None


TARGET_FORMS = ("tags", "tag_keys", "instance_ids", "resource_group", "patch_group")


@dataclass(frozen=True)
class TaskConfig:
    """``windows[].tasks[]``: a task (lab step 6.4) of ``type`` RUN_COMMAND (the default),
    AUTOMATION, LAMBDA or STEP_FUNCTIONS.

    A Run Command task without ``targets`` runs on every target of its window; the other types
    are then targetless, and leave ``max_concurrency`` and ``max_errors`` out.
    """

    name: str
    id: str | None = None
    """The construct id (``Task<id>``) if given, so renaming keeps the resource."""
    type: str = defaults.TASK_TYPE.value
    document: str | None = None
    max_concurrency: str | None = None
    max_errors: str | None = None
    priority: int = defaults.TASK_PRIORITY
    parameters: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    targets: tuple[str, ...] | None = None
    description: str | None = None
    cutoff_behavior: str | None = None
    document_version: str | None = None
    timeout_seconds: int | None = None
    comment: str | None = None
    output: OutputConfig | None = None
    notifications: NotificationsConfig | None = None
    function: str | None = None
    qualifier: str | None = None
    payload: Mapping[str, Any] | None = None
    client_context: Mapping[str, Any] | None = None
    state_machine: str | None = None
    input: Mapping[str, Any] | None = None
    execution_name: str | None = None


@dataclass(frozen=True)
class WindowConfig:
    """``windows[]``: one maintenance window with its targets and tasks (lab step 6.2)."""

    name: str
    schedule: str
    duration_hours: int
    cutoff_hours: int
    id: str | None = None
    """The construct id if given, so renaming keeps the window (and its ``mw-`` id)."""
    allow_unassociated_targets: bool = defaults.ALLOW_UNASSOCIATED_TARGETS
    targets: tuple[TargetConfig, ...] = ()
    tasks: tuple[TaskConfig, ...] = ()
    description: str | None = None
    schedule_timezone: str | None = None
    schedule_offset: int | None = None
    start_date: datetime.datetime | None = None
    end_date: datetime.datetime | None = None


@dataclass(frozen=True)
class PhaseConfig:
    """``scan_then_install[].scan`` / ``.install``: one phase's window and rate control."""

    schedule: str
    duration_hours: int = defaults.PHASE_DURATION_HOURS
    cutoff_hours: int = defaults.PHASE_CUTOFF_HOURS
    max_concurrency: str = defaults.PHASE_MAX_CONCURRENCY
    max_errors: str = defaults.PHASE_MAX_ERRORS
    schedule_timezone: str | None = None
    schedule_offset: int | None = None
    output_key_prefix: str | None = None


@dataclass(frozen=True)
class ScanThenInstallConfig:
    """``scan_then_install[]``: a Scan window and an Install window over the same target."""

    name: str
    target: TargetConfig
    scan: PhaseConfig
    install: PhaseConfig
    output_bucket_name: str | None = None
    reboot_option: str = defaults.INSTALL_REBOOT_OPTION.value


@dataclass(frozen=True)
class ApprovalRuleConfig:
    """``patch_baselines[].approval_rules[]``: filters and when matching patches are approved."""

    filters: Mapping[str, tuple[str, ...]]
    approve_after_days: int | None = None
    approve_until_date: str | None = None
    compliance_level: str | None = None
    enable_non_security: bool | None = None


@dataclass(frozen=True)
class PatchSourceConfig:
    """``patch_baselines[].sources[]``: an alternative Linux repository."""

    name: str
    products: tuple[str, ...]
    configuration: str


@dataclass(frozen=True)
class PatchBaselineConfig:
    """``patch_baselines[]``: what AWS-RunPatchBaseline installs on one operating system."""

    name: str
    operating_system: str
    description: str | None = None
    approval_rules: tuple[ApprovalRuleConfig, ...] = ()
    global_filters: Mapping[str, tuple[str, ...]] | None = None
    approved_patches: tuple[str, ...] | None = None
    approved_patches_compliance_level: str | None = None
    rejected_patches: tuple[str, ...] | None = None
    rejected_patches_action: str | None = None
    sources: tuple[PatchSourceConfig, ...] = ()
    patch_groups: tuple[str, ...] = ()
    default: bool = False


@dataclass(frozen=True)
class WindowOverrideConfig:
    """``deployment.environments[].window_overrides[]``: one window's schedule in one
    environment (for instance a later one in production)."""

    window: str
    schedule: str | None = None
    schedule_timezone: str | None = None
    duration_hours: int | None = None
    cutoff_hours: int | None = None


@dataclass(frozen=True)
class EnvironmentConfig:
    """``deployment.environments[]``: one account, the Regions its windows go to."""

    name: str
    account: str
    regions: tuple[str, ...]
    window_overrides: tuple[WindowOverrideConfig, ...] = ()


@dataclass(frozen=True)
class StackSetConfig:
    """``deployment.stack_set``: the Organizations path, two service-managed StackSets."""

    organizational_units: tuple[str, ...]
    regions: tuple[str, ...]
    auto_deployment: bool = defaults.STACK_SET_AUTO_DEPLOYMENT
    retain_stacks_on_account_removal: bool = defaults.STACK_SET_RETAIN_STACKS_ON_ACCOUNT_REMOVAL
    max_concurrent_percentage: int = defaults.STACK_SET_MAX_CONCURRENT_PERCENTAGE
    failure_tolerance_percentage: int = defaults.STACK_SET_FAILURE_TOLERANCE_PERCENTAGE
    region_concurrency: str = defaults.STACK_SET_REGION_CONCURRENCY
    region_order: tuple[str, ...] | None = None
    call_as: str = defaults.STACK_SET_CALL_AS


@dataclass(frozen=True)
class DeploymentConfig:
    """``deployment``: one ``cdk.Stage`` per environment, StackSets over OUs, or both; the
    account-global IAM in each account's ``home_region``."""

    home_region: str
    environments: tuple[EnvironmentConfig, ...] = ()
    stack_set: StackSetConfig | None = None


@dataclass(frozen=True)
class PatchWindowConfig:
    """The whole ``patch_window`` context key: ``windows``, ``scan_then_install`` or both."""

    windows: tuple[WindowConfig, ...] = ()
    stack_name: str = defaults.STACK_NAME
    role: RoleConfig = RoleConfig()
    pass_role: PassRoleConfig | None = None
    scan_then_install: tuple[ScanThenInstallConfig, ...] = ()
    patch_baselines: tuple[PatchBaselineConfig, ...] = ()
    quotas: Quotas = field(default_factory=Quotas)
    """The quotas of the accounts deployed to (``quotas``): defaults unless raised."""
    deployment: DeploymentConfig | None = None
    """Absent: one stack, as ``cdk deploy`` targets it (the CLI's account and Region)."""
    alerts: AlertsConfig | None = None


# -- construct ids the stack takes --------------------------------------------------------------

STACK_CONSTRUCT_IDS = MappingProxyType(
    {
        "MaintenanceWindowRole": "the task role",
        "RoleArn": "the role ARN output",
        "PassRolePolicy": "the PassRole policy",
        "CommandOutputBucket": "the created output bucket",
        "CommandNotificationsTopic": "the created notification topic",
        "NotificationRole": "the notification role",
        "PatchAlerts": "the alert rules",
        "AlertsTopic": "the imported alerts topic",
        # aws-cdk-lib's own children of every stack.
        "CDKMetadata": "aws-cdk-lib's metadata",
        "BootstrapVersion": "aws-cdk-lib's bootstrap version parameter",
        "CheckBootstrapVersion": "aws-cdk-lib's bootstrap version rule",
    }
)
"""Ids of the stack's fixed children; a window or pattern named like one cannot be built."""


def id_part(name: str) -> str:
    """A construct id part for ``name``: its letters and digits, and a short hash of it all
    (``/patch-window/a-b`` and ``/patch-window/ab`` must not collide)."""
    letters = re.sub(r"[^A-Za-z0-9]", "", name)[:40]
    return f"{letters}{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def derived_construct_ids(config: PatchWindowConfig) -> dict[str, str]:
    """Ids of the stack's children named after settings other than window and pattern names,
    each with what takes it: a window named like one of them would collide."""
    taken = dict(STACK_CONSTRUCT_IDS)
    for group in config.pass_role.group_names if config.pass_role else ():
        taken[f"Group{group}"] = f"the import of group {group!r}"
    for pattern in config.scan_then_install:
        if pattern.output_bucket_name:
            taken[f"{pattern.name}Output"] = f"the output bucket of {pattern.name!r}"
    for window in config.windows:
        for task in window.tasks:
            output = task.output
            if output is None:
                continue
            if output.s3 is not None and output.s3.bucket_name:
                taken[f"ExistingBucket{id_part(output.s3.bucket_name)}"] = "an imported bucket"
            if output.cloudwatch is not None:
                name = output.cloudwatch.log_group_name
                taken[f"CommandLogGroup{id_part(name)}"] = f"log group {name!r}"
                taken[f"ExistingLogGroup{id_part(name)}"] = f"log group {name!r}"
            for role in output.instance_role_names:
                taken[f"ExistingInstanceRole{id_part(role)}"] = f"instance role {role!r}"
            if task.notifications is not None and task.notifications.topic_arn:
                taken[f"ExistingTopic{id_part(task.notifications.topic_arn)}"] = "an imported topic"
    return taken


def output_count(config: PatchWindowConfig) -> int:
    """The outputs the stack declares: the role ARN and one id per window, target, task,
    scan-then-install window and task, and patch baseline."""
    return (
        1
        + sum(1 + len(window.targets) + len(window.tasks) for window in config.windows)
        + 4 * len(config.scan_then_install)
        + len(config.patch_baselines)
    )


def environment_windows(
    windows: tuple[WindowConfig, ...], environment: EnvironmentConfig
) -> tuple[WindowConfig, ...]:
    """``windows`` with ``environment``'s overrides applied."""
    overrides = {override.window: override for override in environment.window_overrides}
    result = []
    for window in windows:
        override = overrides.get(window.name)
        if override is not None:
            changes = {
                key: getattr(override, key)
                for key in ("schedule", "schedule_timezone", "duration_hours", "cutoff_hours")
                if getattr(override, key) is not None
            }
            window = dataclasses.replace(window, **changes)
        result.append(window)
    return tuple(result)
