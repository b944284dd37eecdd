"""The vocabulary: every enum and allowed-value set, pure, the one place rules derive them from.

Each enum's values are the service's own words, as CloudFormation and the SSM API spell them.
Nothing here imports aws-cdk-lib, so the cdk.json reader can use it before jsii starts.
"""

from __future__ import annotations

import enum


class TaskType(enum.Enum):
    """What a maintenance window task runs (``TaskType``)."""

    RUN_COMMAND = "RUN_COMMAND"
    """A Systems Manager Command document on the targets (the lab's task)."""
    AUTOMATION = "AUTOMATION"
    """A Systems Manager Automation runbook."""
    LAMBDA = "LAMBDA"
    """An AWS Lambda function."""
    STEP_FUNCTIONS = "STEP_FUNCTIONS"
    """An AWS Step Functions state machine."""


class CutoffBehavior(enum.Enum):
    """What a running task does when the window's cutoff time is reached."""

    CONTINUE_TASK = "CONTINUE_TASK"
    """Let it finish (the service's default)."""
    CANCEL_TASK = "CANCEL_TASK"
    """Cancel invocations that have not started."""


class RolePolicy(enum.Enum):
    """What the maintenance window task role is allowed to do."""

    LEAST_PRIVILEGE = "least-privilege"
    """Only what the registered tasks need, on their resources (the library's default)."""
    AWS_MANAGED = "aws-managed"
    """The AWS managed policy ``AmazonSSMMaintenanceWindowRole``, as the lab attaches it: every
    task type on ``*``. Only what that policy lacks and a configured feature needs is added
    (``iam:PassRole`` on the notification role)."""


class NotificationEvent(enum.Enum):
    """Command status changes that send a notification."""

    ALL = "All"
    IN_PROGRESS = "InProgress"
    SUCCESS = "Success"
    TIMED_OUT = "TimedOut"
    CANCELLED = "Cancelled"
    FAILED = "Failed"


class NotificationType(enum.Enum):
    """One notification per command, or one per instance the command runs on."""

    COMMAND = "Command"
    INVOCATION = "Invocation"


class PatchOperation(enum.Enum):
    """What AWS-RunPatchBaseline does."""

    SCAN = "Scan"
    """Report missing patches; change nothing."""
    INSTALL = "Install"
    """Install missing approved patches."""


class RebootOption(enum.Enum):
    """Whether AWS-RunPatchBaseline may reboot after installing."""

    REBOOT_IF_NEEDED = "RebootIfNeeded"
    """Reboot when an installed patch needs it (the document's default)."""
    NO_REBOOT = "NoReboot"
    """Never reboot; patches that need one stay pending."""


class TargetForm(enum.Enum):
    """How a target selects instances; the cdk.json key of each form is its value."""

    TAGS = "tags"
    """Instances carrying ALL the tag keys, each with one of its values (the lab's form)."""
    TAG_KEYS = "tag_keys"
    """Instances carrying ANY of the tag keys, whatever the value."""
    INSTANCE_IDS = "instance_ids"
    """Up to 50 instances by id."""
    RESOURCE_GROUP = "resource_group"
    """The members of a resource group."""


def values(kind: type[enum.Enum]) -> tuple[str, ...]:
    """The allowed values of ``kind``, in declaration order: what rules and messages list."""
    return tuple(str(member.value) for member in kind)
