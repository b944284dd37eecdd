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
    PATCH_GROUP = "patch_group"
    """The instances of a patch group: the tag key Patch Manager reads, with the group's name."""


class OperatingSystem(enum.Enum):
    """The operating systems a patch baseline can apply to (``OperatingSystem``)."""

    WINDOWS = "WINDOWS"
    AMAZON_LINUX = "AMAZON_LINUX"
    AMAZON_LINUX_2 = "AMAZON_LINUX_2"
    AMAZON_LINUX_2022 = "AMAZON_LINUX_2022"
    AMAZON_LINUX_2023 = "AMAZON_LINUX_2023"
    UBUNTU = "UBUNTU"
    REDHAT_ENTERPRISE_LINUX = "REDHAT_ENTERPRISE_LINUX"
    SUSE = "SUSE"
    CENTOS = "CENTOS"
    ORACLE_LINUX = "ORACLE_LINUX"
    DEBIAN = "DEBIAN"
    MACOS = "MACOS"
    RASPBIAN = "RASPBIAN"
    ROCKY_LINUX = "ROCKY_LINUX"
    ALMA_LINUX = "ALMA_LINUX"


class PatchFilterKey(enum.Enum):
    """A patch property an approval rule or global filter matches (``PatchFilter.Key``).

    Which keys each operating system accepts: :data:`patch_window.rules.baseline.FILTER_KEYS`.
    """

    PRODUCT = "PRODUCT"
    PRODUCT_FAMILY = "PRODUCT_FAMILY"
    CLASSIFICATION = "CLASSIFICATION"
    SEVERITY = "SEVERITY"
    MSRC_SEVERITY = "MSRC_SEVERITY"
    PRIORITY = "PRIORITY"
    SECTION = "SECTION"
    PATCH_SET = "PATCH_SET"
    ARCH = "ARCH"
    ADVISORY_ID = "ADVISORY_ID"
    BUGZILLA_ID = "BUGZILLA_ID"
    CVE_ID = "CVE_ID"
    EPOCH = "EPOCH"
    NAME = "NAME"
    PATCH_ID = "PATCH_ID"
    RELEASE = "RELEASE"
    REPOSITORY = "REPOSITORY"
    SECURITY = "SECURITY"
    VERSION = "VERSION"


class PatchComplianceLevel(enum.Enum):
    """How severe a missing approved patch is in patch compliance reports."""

    CRITICAL = "CRITICAL"
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"
    INFORMATIONAL = "INFORMATIONAL"
    UNSPECIFIED = "UNSPECIFIED"


class RejectedPatchesAction(enum.Enum):
    """What Patch Manager does with a rejected patch another package depends on."""

    ALLOW_AS_DEPENDENCY = "ALLOW_AS_DEPENDENCY"
    """Install it when another package needs it (the service's default)."""
    BLOCK = "BLOCK"
    """Never install it, nor anything that needs it."""


class WindowsClassification(enum.Enum):
    """``CLASSIFICATION`` values of Windows Server patches."""

    CRITICAL_UPDATES = "CriticalUpdates"
    DEFINITION_UPDATES = "DefinitionUpdates"
    DRIVERS = "Drivers"
    FEATURE_PACKS = "FeaturePacks"
    SECURITY_UPDATES = "SecurityUpdates"
    SERVICE_PACKS = "ServicePacks"
    TOOLS = "Tools"
    UPDATE_ROLLUPS = "UpdateRollups"
    UPDATES = "Updates"
    UPGRADES = "Upgrades"


class MsrcSeverity(enum.Enum):
    """``MSRC_SEVERITY`` values: the Microsoft Security Response Center's ratings."""

    CRITICAL = "Critical"
    IMPORTANT = "Important"
    MODERATE = "Moderate"
    LOW = "Low"
    UNSPECIFIED = "Unspecified"


class AmazonLinuxClassification(enum.Enum):
    """``CLASSIFICATION`` values of Amazon Linux 2 and Amazon Linux 2023 advisories."""

    SECURITY = "Security"
    BUGFIX = "Bugfix"
    ENHANCEMENT = "Enhancement"
    RECOMMENDED = "Recommended"
    NEWPACKAGE = "Newpackage"


class AmazonLinuxSeverity(enum.Enum):
    """``SEVERITY`` values of Amazon Linux 2 and Amazon Linux 2023 advisories."""

    CRITICAL = "Critical"
    IMPORTANT = "Important"
    MEDIUM = "Medium"
    LOW = "Low"
    NONE = "None"


class DebianPriority(enum.Enum):
    """``PRIORITY`` values of Debian, Ubuntu and Raspberry Pi OS packages."""

    REQUIRED = "Required"
    IMPORTANT = "Important"
    STANDARD = "Standard"
    OPTIONAL = "Optional"
    EXTRA = "Extra"


def values(kind: type[enum.Enum]) -> tuple[str, ...]:
    """The allowed values of ``kind``, in declaration order: what rules and messages list."""
    return tuple(str(member.value) for member in kind)
