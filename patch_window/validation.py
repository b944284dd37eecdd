"""Collects every problem with a construct's props, then raises them together."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

import aws_cdk as cdk
from constructs import IConstruct

from patch_window.errors import PatchWindowValidationError
from patch_window.rules.tables import RuleTable
from patch_window.tokens import is_unresolved


class PropChecker:
    """Runs rules over a construct's props; ``where`` is the path of the resource they shape."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[str] = []

    def check(self, prop: str, value: Any, rule: Callable[..., str | None], *args: Any) -> None:
        """Apply ``rule(value, *args)`` unless a value is absent or an unresolved token."""
        values = (value, *args)
        if any(v is None for v in values) or any(is_unresolved(v) for v in values):
            return
        problem = rule(value, *args)
        if problem:
            self.fail(prop, problem)

    def run(
        self,
        table: RuleTable,
        values: Mapping[str, Any],
        *,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """Run ``table``'s rows on ``values`` (prop to value); ``labels`` renames props in
        messages (``time_zone`` is ``schedule.time_zone`` on a window)."""
        for prop, problem in table.problems(values):
            name, _, item = prop.partition("[")
            label = (labels or {}).get(name, name)
            self.fail(f"{label}[{item}" if item else label, problem)

    def fail(self, prop: str, problem: str) -> None:
        """Record a problem found outside a rule."""
        self.problems.append(f"{self.where}: {prop} {problem}")

    def raise_if_any(self) -> None:
        """Raise one error listing every problem found, if any."""
        if self.problems:
            raise PatchWindowValidationError(self.problems)


_HOURS: weakref.WeakKeyDictionary[Any, float | None] = weakref.WeakKeyDictionary()
"""Hours of each ``cdk.Duration`` seen (None for a token): two round trips to node each."""


def whole_hours(checker: PropChecker, prop: str, duration: Any) -> int | None:
    """The whole number of hours in a ``cdk.Duration``, or ``None`` (recorded) if it has none."""
    if duration in _HOURS:
        hours = _HOURS[duration]
    else:
        hours = _HOURS[duration] = (
            None if duration.is_unresolved() else duration.to_hours(integral=False)
        )
    if hours is None:
        return None
    if hours != int(hours):
        checker.fail(prop, f"must be a whole number of hours, got {duration.to_human_string()}")
        return None
    return int(hours)


def warn(scope: IConstruct, advisory_id: str, message: str | None) -> None:
    """Attach an advisory's message (if any) to ``scope`` as a CDK warning with its stable id."""
    if message:
        cdk.Annotations.of(scope).add_warning_v2(advisory_id, message)


def unique_name(checker: PropChecker, kind: str, name: str | None, taken: list[str | None]) -> None:
    """Two windows, targets or tasks with one name would collide in the console and API."""
    if name is not None and not is_unresolved(name) and name in taken:
        checker.fail("name", f"{name!r} is already the name of another {kind}")
