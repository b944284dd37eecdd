"""Rules of the service quotas: what one account and Region, one window and one task may hold.

Each count rule takes the count and the quota in force (Systems Manager's default, or the
``quotas`` setting) and names the setting that raises it. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

from patch_window.rules.target import MAX_INSTANCE_IDS

RAISE = "if Service Quotas shows a raised quota for the account, set quotas.{key} to it"


def quota_value(value: int) -> str | None:
    """A quota: a positive integer."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return None
    return f"must be a positive integer (the quota Service Quotas shows), got {value!r}"


def instance_ids_quota(value: int) -> str | None:
    """The instance-id quota: a positive integer, no more than one ``Targets`` entry takes."""
    problem = quota_value(value)
    if problem or value <= MAX_INSTANCE_IDS:
        return problem
    return (
        f"must be at most {MAX_INSTANCE_IDS}: one target's Targets entry takes at most "
        f"{MAX_INSTANCE_IDS} values whatever the quota, got {value}"
    )


def _over(count: int, limit: int, what: str, key: str) -> str | None:
    if count <= limit:
        return None
    return (
        f"would {what.format(count=count)}, more than the quota of {limit} (quotas.{key}); "
        + RAISE.format(key=key)
    )


def windows_per_region(count: int, limit: int) -> str | None:
    """Maintenance windows in one account and Region (scan_then_install makes two each)."""
    return _over(
        count, limit, "make {count} maintenance windows in one account and Region", "windows"
    )


def tasks_per_window(count: int, limit: int) -> str | None:
    """Tasks registered with one window."""
    return _over(count, limit, "make {count} tasks in one window", "tasks_per_window")


def targets_per_window(count: int, limit: int) -> str | None:
    """Targets registered with one window."""
    return _over(count, limit, "make {count} targets in one window", "targets_per_window")


def targets_per_task(count: int, limit: int, *, every: bool = False) -> str | None:
    """Window targets one task names. ``every``: they are all of its window's targets, as for a
    Run Command task left without ``targets``."""
    problem = _over(count, limit, "name {count} window targets for one task", "targets_per_task")
    if problem and every:
        problem += (
            "; the task runs on every target of its window (as a task without targets does), "
            f"so name at most {limit} of them in its targets"
        )
    return problem


def instance_ids_per_target(count: int, limit: int) -> str | None:
    """Instance ids one target names."""
    return _over(count, limit, "name {count} instance ids in one target", "instance_ids_per_target")
