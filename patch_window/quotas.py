"""The service quotas synthesis checks against: Systems Manager's defaults, or raised ones.

An account whose quota was raised (Service Quotas shows it) says so here, from cdk.json's
``quotas`` key or by :func:`patch_window.stack_quotas.set_quotas` in the library. Pure: no
aws-cdk-lib.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from patch_window import defaults
from patch_window.edge_types import checked_dataclass
from patch_window.errors import PatchWindowValidationError


@checked_dataclass
@dataclass(frozen=True)
class Quotas:
    """One value per quota; each a positive integer (``instance_ids_per_target`` at most 50).

    ``concurrent_executions`` is read and kept for the warning about windows open at once; no
    rule of this module uses it.
    """

    windows: int = defaults.QUOTA_WINDOWS
    tasks_per_window: int = defaults.QUOTA_TASKS_PER_WINDOW
    targets_per_window: int = defaults.QUOTA_TARGETS_PER_WINDOW
    targets_per_task: int = defaults.QUOTA_TARGETS_PER_TASK
    instance_ids_per_target: int = defaults.QUOTA_INSTANCE_IDS_PER_TARGET
    concurrent_executions: int = defaults.QUOTA_CONCURRENT_EXECUTIONS

    def __post_init__(self) -> None:
        from patch_window.rules import tables

        problems = [
            f"Quotas: {prop} {problem}"
            for prop, problem in tables.QUOTAS.problems(
                {field.name: getattr(self, field.name) for field in fields(self)}
            )
        ]
        if problems:
            raise PatchWindowValidationError(problems)


QUOTA_NAMES: tuple[str, ...] = tuple(field.name for field in fields(Quotas))
"""The keys of cdk.json's ``quotas``, in order."""
