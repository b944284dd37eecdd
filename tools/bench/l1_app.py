#!/usr/bin/env python3
"""The lab written by hand with L1 constructs: the baseline ``make bench`` times app.py against.

The same resources as the shipped cdk.json's stack (role, PassRole policy, and per window a
window, a target, a Run Command task and three outputs), built from the same ``patch_window``
settings and the same feature flags (the ``cdk.App`` reads ``CDK_CONTEXT_JSON`` as under the
CLI), with no checks, no compliance packs and no summary. Windows beyond
``WINDOWS_PER_STACK`` go to further stacks, as they would with our app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_ssm as ssm

WINDOWS_PER_STACK = 50
"""AWS allows 50 maintenance windows per account and Region, and 200 outputs per stack."""


def lab_stack(app: cdk.App, stack_id: str, settings: dict[str, Any]) -> cdk.Stack:
    """One stack holding ``settings``' role, PassRole policy and windows, as plain L1s."""
    stack = cdk.Stack(app, stack_id)
    role_settings = settings["role"]
    role = iam.CfnRole(
        stack,
        "MaintenanceWindowRole",
        role_name=role_settings["role_name"],
        description=role_settings["description"],
        assume_role_policy_document={
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {"Service": sorted(role_settings["trusted_services"])},
                }
            ],
            "Version": "2012-10-17",
        },
        managed_policy_arns=[
            f"arn:{stack.partition}:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"
        ],
    )
    pass_role = settings["pass_role"]
    iam.CfnManagedPolicy(
        stack,
        "PassRolePolicy",
        managed_policy_name=pass_role["policy_name"],
        groups=pass_role["group_names"],
        policy_document={
            "Statement": [
                {
                    "Action": "iam:PassRole",
                    "Condition": {"StringEquals": {"iam:PassedToService": "ssm.amazonaws.com"}},
                    "Effect": "Allow",
                    "Resource": role.attr_arn,
                }
            ],
            "Version": "2012-10-17",
        },
    )
    cdk.CfnOutput(stack, "RoleArn", value=role.attr_arn, description="Task role")
    for window_settings in settings["windows"]:
        add_window(stack, window_settings, role.attr_arn)
    return stack


def add_window(stack: cdk.Stack, settings: dict[str, Any], role_arn: str) -> None:
    """A window with its tag target and its Run Command task, and their three outputs."""
    name = settings["name"]
    window = ssm.CfnMaintenanceWindow(
        stack,
        name,
        name=name,
        schedule=settings["schedule"],
        duration=settings["duration_hours"],
        cutoff=settings["cutoff_hours"],
        allow_unassociated_targets=settings["allow_unassociated_targets"],
    )
    cdk.CfnOutput(stack, f"{name}WindowId", value=window.ref, description=f"Window {name}")
    target_ids = []
    for target in settings["targets"]:
        resource = ssm.CfnMaintenanceWindowTarget(
            stack,
            f"{name}Target{target['name']}",
            window_id=window.ref,
            name=target["name"],
            resource_type="INSTANCE",
            targets=[
                ssm.CfnMaintenanceWindowTarget.TargetsProperty(key=f"tag:{key}", values=values)
                for key, values in target["tags"].items()
            ],
        )
        target_ids.append(resource.ref)
        cdk.CfnOutput(
            stack,
            f"{name}Target{target['name']}TargetId",
            value=resource.ref,
            description=f"Target {target['name']}",
        )
    for task in settings["tasks"]:
        resource_task = ssm.CfnMaintenanceWindowTask(
            stack,
            f"{name}Task{task['name']}",
            window_id=window.ref,
            name=task["name"],
            task_arn=task["document"],
            task_type="RUN_COMMAND",
            priority=task["priority"],
            max_concurrency=task["max_concurrency"],
            max_errors=task["max_errors"],
            service_role_arn=role_arn,
            targets=[
                ssm.CfnMaintenanceWindowTask.TargetProperty(
                    key="WindowTargetIds", values=target_ids
                )
            ],
            task_invocation_parameters=ssm.CfnMaintenanceWindowTask.TaskInvocationParametersProperty(
                maintenance_window_run_command_parameters=ssm.CfnMaintenanceWindowTask.MaintenanceWindowRunCommandParametersProperty(
                    parameters=task["parameters"]
                )
            ),
        )
        cdk.CfnOutput(
            stack,
            f"{name}Task{task['name']}TaskId",
            value=resource_task.ref,
            description=f"Task {task['name']}",
        )


def main() -> int:
    """Synthesize the lab from the context's ``patch_window`` settings, as app.py would."""
    app = cdk.App()
    settings = app.node.try_get_context("patch_window")
    windows = settings["windows"]
    chunks = [windows[i : i + WINDOWS_PER_STACK] for i in range(0, len(windows), WINDOWS_PER_STACK)]
    for index, chunk in enumerate(chunks):
        suffix = "" if index == 0 else str(index + 1)
        lab_stack(
            app,
            settings["stack_name"] + suffix,
            {
                **settings,
                "windows": chunk,
                "role": {**settings["role"], "role_name": settings["role"]["role_name"] + suffix},
                "pass_role": {
                    **settings["pass_role"],
                    "policy_name": settings["pass_role"]["policy_name"] + suffix,
                },
            },
        )
    app.synth()
    return 0


if __name__ == "__main__":
    sys.exit(main())
