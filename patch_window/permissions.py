"""The permission catalog's vocabulary: one statement a task needs, with its reason. Pure.

Each task type (:mod:`patch_window.tasks`) and each target form (:mod:`patch_window.targets`)
says what its role must allow as :class:`Permission` values; :mod:`patch_window.task_policy`
turns them into IAM statements on the task role.

Source: the Service Authorization Reference for which actions take a resource
(``ssm:ListCommands`` and the other command read/cancel actions take none).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from patch_window import tree
from patch_window.edge_types import checked_dataclass

if TYPE_CHECKING:
    import aws_cdk as cdk

SEND_COMMAND = "ssm:SendCommand"
COMMAND_TRACKING_ACTIONS = (
    "ssm:CancelCommand",
    "ssm:GetCommandInvocation",
    "ssm:ListCommandInvocations",
    "ssm:ListCommands",
)
"""What a window does with the commands it sent: follow them, and cancel them (``CANCEL_TASK``
at the cutoff, or a cancelled window execution). None of these actions takes a resource."""
# Document names AWS reserves for its own documents; those have no account in their ARN.
AWS_OWNED_DOCUMENT = re.compile(r"^(aws|amazon|amzn)", re.IGNORECASE)
# {{ssm:name}} or {{ssm:name:version}} in a document parameter: resolved with the task role.
PARAMETER_REFERENCE = re.compile(r"\{\{\s*ssm:([^}:\s]+)(?::[^}\s]*)?\s*\}\}")


@checked_dataclass
@dataclass(frozen=True)
class Permission:
    """One policy statement a task needs its role to have, and why.

    Permissions with the same ``sid`` from several tasks become one statement whose resources
    are the union; they must agree on actions and conditions.
    """

    sid: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    reason: str
    conditions: Mapping[str, Mapping[str, Any]] | None = None
    wildcard_reason: str | None = None
    """Why a ``*`` in ``resources`` is the narrowest AWS allows; it is the reason recorded
    when acknowledging the AwsSolutions-IAM5 finding it causes."""
    needed_with_managed_policy: bool = False
    """Also added when the role carries the AWS managed policy, which lacks it."""


def instances_arn(stack: cdk.Stack) -> str:
    """Every EC2 instance of the stack's account and Region (conditions narrow it)."""
    # An aws-cdk-lib call, which make mutation cannot run: the synthesized policies pin it.
    return tree.format_arn(  # pragma: no mutate
        stack,  # pragma: no mutate
        service="ec2",  # pragma: no mutate
        resource="instance",  # pragma: no mutate
        resource_name="*",  # pragma: no mutate
    )
