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

# -- service quotas ----------------------------------------------------------------------------
CONCURRENT_EXECUTIONS = 5
"""Maintenance window executions an account may run at once in a Region: the default quota
(Service Quotas can raise it). The ``concurrent-windows`` warning compares the stack's windows
with it."""
# Systems Manager's default quotas per account and Region, as the AWS General Reference lists
# them ("AWS Systems Manager endpoints and quotas", Maintenance Windows). An account may have
# raised ones: the top-level ``quotas`` key (or ``Quotas``) sets what Service Quotas shows.
QUOTA_WINDOWS = 50
"""Maintenance windows per account and Region."""
QUOTA_TASKS_PER_WINDOW = 20
"""Tasks per maintenance window."""
QUOTA_TARGETS_PER_WINDOW = 100
"""Targets per maintenance window."""
QUOTA_TARGETS_PER_TASK = 10
"""Window targets per task (a Run Command task without ``targets`` names all of its window's)."""
QUOTA_INSTANCE_IDS_PER_TARGET = 50
"""Instance ids per window target: also the most values one ``Targets`` entry takes (the API)."""
QUOTA_CONCURRENT_EXECUTIONS = CONCURRENT_EXECUTIONS
"""Concurrently executing maintenance windows: ``quotas.concurrent_executions``, which the
``concurrent-windows`` warning compares the windows with."""

# -- deployment.stack_set ------------------------------------------------------------------------
STACK_SET_AUTO_DEPLOYMENT = True
"""Accounts that join a target OU get the stacks; accounts that leave lose them."""
STACK_SET_RETAIN_STACKS_ON_ACCOUNT_REMOVAL = False
"""An account leaving the OU has its stack instances deleted (its windows and role go)."""
STACK_SET_MAX_CONCURRENT_PERCENTAGE = 25
"""A quarter of the accounts at a time in each Region."""
STACK_SET_FAILURE_TOLERANCE_PERCENTAGE = 0
"""The first failed account stops the operation in that Region."""
STACK_SET_REGION_CONCURRENCY = "SEQUENTIAL"
"""One Region at a time, in ``region_order`` (else the order of ``regions``)."""
STACK_SET_CALL_AS = "SELF"
"""Run from the organization's management account (``DELEGATED_ADMIN``: from a delegated
administrator account)."""
