"""patch-window: AWS Systems Manager patch maintenance windows as CDK constructs.

The missing L2 for ``AWS::SSM::MaintenanceWindow*`` (aws/aws-cdk#15605), with every value
checked at synth, plus the Well-Architected lab's stack composed from cdk.json.

Names are imported lazily: reading and checking configuration (:mod:`patch_window.config`)
does not start the jsii node process, so a bad cdk.json fails in milliseconds.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from patch_window.automation_task import AutomationTask
    from patch_window.config import (
        PassRoleConfig,
        PatchWindowConfig,
        RoleConfig,
        TargetConfig,
        TaskConfig,
        WindowConfig,
    )
    from patch_window.errors import PatchWindowValidationError
    from patch_window.grants import ManagedPolicyGrantee
    from patch_window.lambda_task import LambdaTask
    from patch_window.least_privilege import Permission, RolePolicy, TaskPolicy
    from patch_window.maintenance_window import MaintenanceWindow
    from patch_window.notifications import (
        NotificationEvent,
        NotificationRole,
        Notifications,
        NotificationTopic,
        NotificationType,
    )
    from patch_window.output_config import (
        CloudWatchOutputConfig,
        NotificationsConfig,
        OutputConfig,
        S3OutputConfig,
    )
    from patch_window.pass_role_policy import PassRolePolicy
    from patch_window.patch_baseline import PatchOperation, RebootOption, RunPatchBaseline
    from patch_window.role import MaintenanceWindowRole
    from patch_window.run_command_task import CutoffBehavior, RunCommandTask
    from patch_window.scan_then_install import PatchPhase, ScanThenInstall
    from patch_window.schedule import Schedule
    from patch_window.stack import PatchWindowStack
    from patch_window.step_functions_task import StepFunctionsTask
    from patch_window.target import MaintenanceWindowTarget
    from patch_window.target_selector import TargetSelector
    from patch_window.task_output import OutputBucket, OutputLogGroup, OutputWritePolicy

_MODULES = {
    "AutomationTask": "automation_task",
    "CloudWatchOutputConfig": "output_config",
    "CutoffBehavior": "run_command_task",
    "LambdaTask": "lambda_task",
    "MaintenanceWindow": "maintenance_window",
    "MaintenanceWindowRole": "role",
    "MaintenanceWindowTarget": "target",
    "ManagedPolicyGrantee": "grants",
    "NotificationEvent": "notifications",
    "NotificationRole": "notifications",
    "NotificationTopic": "notifications",
    "NotificationType": "notifications",
    "Notifications": "notifications",
    "NotificationsConfig": "output_config",
    "OutputBucket": "task_output",
    "OutputConfig": "output_config",
    "OutputLogGroup": "task_output",
    "OutputWritePolicy": "task_output",
    "PassRoleConfig": "config",
    "PassRolePolicy": "pass_role_policy",
    "PatchOperation": "patch_baseline",
    "PatchPhase": "scan_then_install",
    "PatchWindowConfig": "config",
    "PatchWindowStack": "stack",
    "PatchWindowValidationError": "errors",
    "Permission": "least_privilege",
    "RebootOption": "patch_baseline",
    "RoleConfig": "config",
    "RolePolicy": "least_privilege",
    "RunCommandTask": "run_command_task",
    "RunPatchBaseline": "patch_baseline",
    "S3OutputConfig": "output_config",
    "ScanThenInstall": "scan_then_install",
    "Schedule": "schedule",
    "StepFunctionsTask": "step_functions_task",
    "TargetConfig": "config",
    "TargetSelector": "target_selector",
    "TaskConfig": "config",
    "TaskPolicy": "least_privilege",
    "WindowConfig": "config",
}

__all__ = [
    "AutomationTask",
    "CloudWatchOutputConfig",
    "CutoffBehavior",
    "LambdaTask",
    "MaintenanceWindow",
    "MaintenanceWindowRole",
    "MaintenanceWindowTarget",
    "ManagedPolicyGrantee",
    "NotificationEvent",
    "NotificationRole",
    "NotificationTopic",
    "NotificationType",
    "Notifications",
    "NotificationsConfig",
    "OutputBucket",
    "OutputConfig",
    "OutputLogGroup",
    "OutputWritePolicy",
    "PassRoleConfig",
    "PassRolePolicy",
    "PatchOperation",
    "PatchPhase",
    "PatchWindowConfig",
    "PatchWindowStack",
    "PatchWindowValidationError",
    "Permission",
    "RebootOption",
    "RoleConfig",
    "RolePolicy",
    "RunCommandTask",
    "RunPatchBaseline",
    "S3OutputConfig",
    "ScanThenInstall",
    "Schedule",
    "StepFunctionsTask",
    "TargetConfig",
    "TargetSelector",
    "TaskConfig",
    "TaskPolicy",
    "WindowConfig",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module 'patch_window' has no attribute {name!r}")
    return getattr(importlib.import_module(f"patch_window.{_MODULES[name]}"), name)
