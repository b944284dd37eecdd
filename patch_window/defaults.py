"""One home per default: what the library does with a prop left out, and how the app's lab
parity departs from it.

Construct signatures and the app's settings dataclasses both read these names, so changing a
default here changes it for library users and for cdk.json alike. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

from patch_window.vocabulary import (
    NotificationEvent,
    NotificationType,
    RebootOption,
    RolePolicy,
    TaskType,
)

SSM_SERVICE = "ssm.amazonaws.com"

# -- the task role --------------------------------------------------------------------------
TRUSTED_SERVICES: tuple[str, ...] = (SSM_SERVICE,)
"""Only Systems Manager may assume the task role (today's user guide)."""
ROLE_POLICY = RolePolicy.LEAST_PRIVILEGE
"""Only what the registered tasks need, on their resources."""
RESTRICT_SOURCE_ACCOUNT = False
"""No ``aws:SourceAccount`` condition: AWS has not documented that SSM sets it."""

# -- windows, tasks --------------------------------------------------------------------------
ALLOW_UNASSOCIATED_TARGETS = False
"""Tasks run on registered targets only."""
TASK_TYPE = TaskType.RUN_COMMAND
TASK_PRIORITY = 1
"""Lower runs first; equal priorities run in parallel. The lab's task uses 1."""
STACK_NAME = "PatchWindow"

# -- command output and notifications ---------------------------------------------------------
LOG_RETENTION_DAYS = 365
"""A created command-output log group keeps a year."""
NOTIFICATION_EVENTS: tuple[NotificationEvent, ...] = (NotificationEvent.ALL,)
NOTIFICATION_TYPE = NotificationType.COMMAND

# -- patch groups ------------------------------------------------------------------------------
PATCH_GROUP_TAG_KEY = "PatchGroup"
"""The tag key a patch-group target matches: Patch Manager also reads ``Patch Group``, but only
``PatchGroup`` works when instance tags are read from instance metadata (no spaces there)."""

# -- the scan-then-install pattern -----------------------------------------------------------
PHASE_DURATION_HOURS = 2
PHASE_CUTOFF_HOURS = 1
PHASE_MAX_CONCURRENCY = "10%"
PHASE_MAX_ERRORS = "10%"
INSTALL_REBOOT_OPTION = RebootOption.REBOOT_IF_NEEDED

LAB_PARITY: dict[str, tuple[object, object]] = {
    "role.trusted_services": (
        list(TRUSTED_SERVICES),
        ["ec2.amazonaws.com", "ssm.amazonaws.com", "sns.amazonaws.com"],
    ),
    "role.policy": (ROLE_POLICY.value, RolePolicy.AWS_MANAGED.value),
    "windows[].allow_unassociated_targets": (ALLOW_UNASSOCIATED_TARGETS, True),
}
"""Where the shipped cdk.json departs from these defaults to match the lab, as
``setting: (library default, the lab's value)``. Everything else it sets is a name or a value
the lab chose where the library has no default (schedule, duration, tags, the task)."""

# -- account quotas --------------------------------------------------------------------------
CONCURRENT_EXECUTIONS = 5
"""Maintenance window executions an account may run at once in a Region: the default quota
(Service Quotas can raise it). The ``concurrent-windows`` warning compares the stack's windows
with it."""
