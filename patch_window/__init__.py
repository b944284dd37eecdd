"""patch-window: AWS Systems Manager patch maintenance windows as CDK constructs.

The missing L2 for ``AWS::SSM::MaintenanceWindow*`` (aws/aws-cdk#15605), with every value
checked at synth, plus the Well-Architected lab's stack composed from cdk.json.

This module is the face: every public name, imported lazily, so reading and checking
configuration (:mod:`patch_window.app.reader`) does not start the jsii node process and a bad
cdk.json fails in milliseconds. The rooms behind it: :mod:`.window`, :mod:`.targets`,
:mod:`.tasks`, :mod:`.role`, :mod:`.schedule`, :mod:`.rules`, :mod:`.vocabulary`,
:mod:`.defaults`, and the app layer :mod:`.app`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from patch_window.account import AccountResources, TaskRoleReference
    from patch_window.alerts import PatchAlerts
    from patch_window.app.reader import read_settings
    from patch_window.app.settings import (
        CloudWatchOutputConfig,
        NotificationsConfig,
        OutputConfig,
        PassRoleConfig,
        PatchWindowConfig,
        RoleConfig,
        S3OutputConfig,
        TargetConfig,
        TaskConfig,
        WindowConfig,
    )
    from patch_window.app.stack import PatchWindowStack
    from patch_window.compliance import add_compliance_checks
    from patch_window.errors import PatchWindowValidationError
    from patch_window.grants import ManagedPolicyGrantee
    from patch_window.history_reader_policy import HistoryReaderPolicy
    from patch_window.interfaces import (
        IMaintenanceWindow,
        IMaintenanceWindowTarget,
        IMaintenanceWindowTask,
        ITargetSelector,
    )
    from patch_window.pass_role_policy import PassRolePolicy
    from patch_window.permissions import Permission
    from patch_window.quotas import Quotas
    from patch_window.role import MaintenanceWindowRole
    from patch_window.scan_then_install import PatchPhase, ScanThenInstall
    from patch_window.schedule import Schedule
    from patch_window.stack_quotas import set_quotas
    from patch_window.targets.selector import TargetSelector
    from patch_window.targets.target import MaintenanceWindowTarget
    from patch_window.task_policy import TaskPolicy
    from patch_window.tasks.automation import AutomationTask
    from patch_window.tasks.command_output import OutputBucket, OutputLogGroup, OutputWritePolicy
    from patch_window.tasks.lambda_invoke import LambdaTask
    from patch_window.tasks.notifications import NotificationRole, Notifications, NotificationTopic
    from patch_window.tasks.patch_baseline_parameters import RunPatchBaseline
    from patch_window.tasks.run_command import RunCommandTask
    from patch_window.tasks.step_functions import StepFunctionsTask
    from patch_window.vocabulary import (
        CutoffBehavior,
        NotificationEvent,
        NotificationType,
        PatchOperation,
        RebootOption,
        RolePolicy,
        TargetForm,
        TaskType,
    )
    from patch_window.window import MaintenanceWindow, check_schedules

_MODULES = {
    "set_quotas": "stack_quotas",
    "Quotas": "quotas",
    "TaskRoleReference": "account",
    "AccountResources": "account",
    "AmazonLinuxClassification": "vocabulary",
    "AmazonLinuxSeverity": "vocabulary",
    "ApprovalRule": "baselines.approval",
    "ApprovalRuleConfig": "app.settings",
    "AutomationTask": "tasks.automation",
    "CloudWatchOutputConfig": "app.settings",
    "CutoffBehavior": "vocabulary",
    "DebianPriority": "vocabulary",
    "HistoryReaderPolicy": "history_reader_policy",
    "IMaintenanceWindow": "interfaces",
    "IMaintenanceWindowTarget": "interfaces",
    "IMaintenanceWindowTask": "interfaces",
    "ITargetSelector": "interfaces",
    "LambdaTask": "tasks.lambda_invoke",
    "MaintenanceWindow": "window",
    "MaintenanceWindowRole": "role",
    "MaintenanceWindowTarget": "targets.target",
    "ManagedPolicyGrantee": "grants",
    "MsrcSeverity": "vocabulary",
    "NotificationEvent": "vocabulary",
    "NotificationRole": "tasks.notifications",
    "NotificationTopic": "tasks.notifications",
    "NotificationType": "vocabulary",
    "Notifications": "tasks.notifications",
    "NotificationsConfig": "app.settings",
    "OperatingSystem": "vocabulary",
    "OutputBucket": "tasks.command_output",
    "OutputConfig": "app.settings",
    "OutputLogGroup": "tasks.command_output",
    "OutputWritePolicy": "tasks.command_output",
    "PassRoleConfig": "app.settings",
    "PassRolePolicy": "pass_role_policy",
    "PatchBaseline": "baselines.baseline",
    "PatchBaselineConfig": "app.settings",
    "PatchComplianceLevel": "vocabulary",
    "PatchFilterKey": "vocabulary",
    "PatchOperation": "vocabulary",
    "PatchPhase": "scan_then_install",
    "PatchSource": "baselines.approval",
    "PatchSourceConfig": "app.settings",
    "PatchWindowConfig": "app.settings",
    "PatchWindowStack": "app.stack",
    "PatchWindowValidationError": "errors",
    "Permission": "permissions",
    "RebootOption": "vocabulary",
    "RejectedPatchesAction": "vocabulary",
    "RoleConfig": "app.settings",
    "RolePolicy": "vocabulary",
    "RunCommandTask": "tasks.run_command",
    "RunPatchBaseline": "tasks.patch_baseline_parameters",
    "S3OutputConfig": "app.settings",
    "ScanThenInstall": "scan_then_install",
    "Schedule": "schedule",
    "StepFunctionsTask": "tasks.step_functions",
    "TargetConfig": "app.settings",
    "TargetForm": "vocabulary",
    "TargetSelector": "targets.selector",
    "TaskConfig": "app.settings",
    "TaskPolicy": "task_policy",
    "TaskType": "vocabulary",
    "WindowConfig": "app.settings",
    "add_compliance_checks": "compliance",
    "check_schedules": "window",
    "PatchAlerts": "alerts",
    "WindowsClassification": "vocabulary",
    "read_settings": "app.reader",
}

__all__ = [
    "AccountResources",
    "AmazonLinuxClassification",
    "AmazonLinuxSeverity",
    "ApprovalRule",
    "ApprovalRuleConfig",
    "AutomationTask",
    "CloudWatchOutputConfig",
    "CutoffBehavior",
    "DebianPriority",
    "HistoryReaderPolicy",
    "IMaintenanceWindow",
    "IMaintenanceWindowTarget",
    "IMaintenanceWindowTask",
    "ITargetSelector",
    "LambdaTask",
    "MaintenanceWindow",
    "MaintenanceWindowRole",
    "MaintenanceWindowTarget",
    "ManagedPolicyGrantee",
    "MsrcSeverity",
    "NotificationEvent",
    "NotificationRole",
    "NotificationTopic",
    "NotificationType",
    "Notifications",
    "NotificationsConfig",
    "OperatingSystem",
    "OutputBucket",
    "OutputConfig",
    "OutputLogGroup",
    "OutputWritePolicy",
    "PassRoleConfig",
    "PassRolePolicy",
    "PatchAlerts",
    "PatchBaseline",
    "PatchBaselineConfig",
    "PatchComplianceLevel",
    "PatchFilterKey",
    "PatchOperation",
    "PatchPhase",
    "PatchSource",
    "PatchSourceConfig",
    "PatchWindowConfig",
    "PatchWindowStack",
    "PatchWindowValidationError",
    "Permission",
    "Quotas",
    "RebootOption",
    "RejectedPatchesAction",
    "RoleConfig",
    "RolePolicy",
    "RunCommandTask",
    "RunPatchBaseline",
    "S3OutputConfig",
    "ScanThenInstall",
    "Schedule",
    "StepFunctionsTask",
    "TargetConfig",
    "TargetForm",
    "TargetSelector",
    "TaskConfig",
    "TaskPolicy",
    "TaskRoleReference",
    "TaskType",
    "WindowConfig",
    "WindowsClassification",
    "add_compliance_checks",
    "check_schedules",
    "read_settings",
    "set_quotas",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module 'patch_window' has no attribute {name!r}")
    return getattr(importlib.import_module(f"patch_window.{_MODULES[name]}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
