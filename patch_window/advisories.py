"""Warnings: values that are legal but likely a mistake, each with a stable id.

Each advisory is a small pure function returning a message or ``None``. Constructs attach the
message as a CDK warning (``Annotations.add_warning_v2``) under the advisory's id, so a team
that has decided otherwise can acknowledge it by id (``Annotations.of(c).acknowledge_warning``).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Mapping, Sequence

from patch_window.next_runs import WindowTiming, first_run, iter_runs
from patch_window.schedule_expression import AtSchedule, parse_schedule

PREFIX = "patch-window"
MAX_ERRORS_ZERO = f"{PREFIX}:max-errors-zero"
WINDOW_WITHOUT_TASKS = f"{PREFIX}:window-without-tasks"
WINDOW_WITHOUT_TARGETS = f"{PREFIX}:window-without-targets"
CUTOFF_ZERO = f"{PREFIX}:cutoff-zero"
PATCH_BASELINE_WITHOUT_OPERATION = f"{PREFIX}:patch-baseline-without-operation"
TAG_WHITESPACE = f"{PREFIX}:tag-whitespace"
END_DATE_PASSED = f"{PREFIX}:end-date-passed"
MANAGED_POLICY_NAME_NOT_SSM = f"{PREFIX}:managed-policy-name-not-ssm"
PATCH_GROUP_TAG_MISSPELLED = f"{PREFIX}:patch-group-tag-misspelled"
WINDOW_NEVER_RUNS = f"{PREFIX}:window-never-runs"
RUNS_OVERLAP = f"{PREFIX}:runs-overlap"
CONCURRENT_WINDOWS = f"{PREFIX}:concurrent-windows"

HORIZON = datetime.timedelta(days=366)
"""How far ahead the schedule warnings look: a year holds every pattern of a cron schedule
except year fields and the day-of-week calendar drift, which a year's runs already show."""
MAX_RUNS_CHECKED = 5000
"""At most this many runs per window are looked at (a 5-minute rate has 105,000 a year)."""

ALL = (
    MAX_ERRORS_ZERO,
    WINDOW_WITHOUT_TASKS,
    WINDOW_WITHOUT_TARGETS,
    CUTOFF_ZERO,
    PATCH_BASELINE_WITHOUT_OPERATION,
    TAG_WHITESPACE,
    END_DATE_PASSED,
    MANAGED_POLICY_NAME_NOT_SSM,
    PATCH_GROUP_TAG_MISSPELLED,
    WINDOW_NEVER_RUNS,
    RUNS_OVERLAP,
    CONCURRENT_WINDOWS,
)


def max_errors_zero(max_errors: str, *, may_match_many: bool) -> str | None:
    """A zero error threshold on targets that match many instances stops at the first failure."""
    if max_errors in ("0", "0%") and may_match_many:
        return (
            f"max_errors is {max_errors!r}: the first instance that fails stops the task, and "
            "the other instances its targets match are not patched; use a count or "
            "percentage above zero unless that is what you want"
        )
    return None


def window_without_tasks(task_count: int) -> str | None:
    """A window with no task opens on schedule and does nothing."""
    if task_count == 0:
        return "the window has no task: it opens on schedule and does nothing"
    return None


def window_without_targets(
    target_count: int, *, allow_unassociated_targets: bool, targetless_tasks: int = 0
) -> str | None:
    """No registered target and no unregistered ones allowed: tasks have nothing to run on.

    Targetless Automation, Lambda and Step Functions tasks need no target, so a window that
    runs only those is fine.
    """
    if target_count == 0 and not allow_unassociated_targets and targetless_tasks == 0:
        return (
            "the window has no registered target and allow_unassociated_targets is false: "
            "its tasks have no instance to run on"
        )
    return None


def cutoff_zero(cutoff_hours: int) -> str | None:
    """A zero cutoff lets tasks start in the window's last minutes and run past its end."""
    if cutoff_hours == 0:
        return (
            "cutoff is 0 hours: tasks may start just before the window closes and keep "
            "running after it; leave time for them to finish (the lab uses 1 hour)"
        )
    return None


def patch_baseline_without_operation(
    document: str, parameters: Mapping[str, Sequence[str]]
) -> str | None:
    """AWS-RunPatchBaseline without Operation only scans (its default), it never installs."""
    if document.endswith("AWS-RunPatchBaseline") and "Operation" not in parameters:
        return (
            "AWS-RunPatchBaseline without an Operation parameter defaults to Scan and installs "
            'nothing; set parameters {"Operation": ["Install"]} or ["Scan"] explicitly'
        )
    return None


def tag_whitespace(tags: Mapping[str, Sequence[str]]) -> str | None:
    """Tags with leading or trailing spaces rarely match: ``"Test "`` is not ``"Test"``."""
    for key, values in tags.items():
        for text in (key, *values):
            if text != text.strip():
                return (
                    f"tag {key!r} has a key or value with leading or trailing whitespace "
                    f"({text!r}): instances tagged without it will not match"
                )
    return None


def end_date_passed(end_date: datetime.datetime, now: datetime.datetime) -> str | None:
    """A window whose end date has passed never runs again."""
    if end_date <= now:
        return f"end_date {end_date.isoformat()} has passed: the window will never run"
    return None


def managed_policy_name_not_ssm(kind: str, name: str) -> str | None:
    """The AWS managed policy allows invoking only functions and state machines named SSM*;
    ``name`` is ``""`` when CloudFormation generates it."""
    if name.startswith("SSM"):
        return None
    if not name:
        return (
            f"the {kind} gets a name CloudFormation generates, which does not start with 'SSM': "
            "the AWS managed policy AmazonSSMMaintenanceWindowRole only allows those, so the "
            "task will be denied; give it a name starting with 'SSM' or use role.policy "
            "'least-privilege'"
        )
    return (
        f"{kind} {name!r} does not start with 'SSM': the AWS managed policy "
        "AmazonSSMMaintenanceWindowRole only allows those, so the task will be denied; rename "
        "it or use role.policy 'least-privilege'"
    )


def patch_group_tag_misspelled(tags: Mapping[str, Sequence[str]]) -> str | None:
    """A tag key that reads like a patch group but is neither ``PatchGroup`` nor ``Patch Group``:
    Patch Manager ignores it, so those instances get the default baseline."""
    for key in tags:
        squeezed = "".join(c for c in key.lower() if c.isalnum())
        if squeezed == "patchgroup" and key not in ("PatchGroup", "Patch Group"):
            return (
                f"tag key {key!r} looks like a patch group, but Patch Manager reads only "
                "'PatchGroup' or 'Patch Group' (exactly): instances tagged so get the default "
                "baseline; use TargetSelector.by_patch_group (patch_group in cdk.json)"
            )
    return None


def window_never_runs(timing: WindowTiming, now: datetime.datetime) -> str | None:
    """A window with no run after ``now``: an ``at(...)`` in the past, an end date before the
    first run, or a cron that matches no later date. A passed end date is
    :data:`END_DATE_PASSED`'s to say."""
    if timing.end_date is not None and timing.end_date <= now:
        return None
    if first_run(timing, after=now) is not None:
        return None
    schedule = parse_schedule(timing.schedule)
    if isinstance(schedule, AtSchedule):
        return (
            f"{timing.schedule} is in the past (it is now {_instant(now)}): the window will "
            "never run; schedule a time ahead or remove the window"
        )
    unbounded = first_run(dataclasses.replace(timing, end_date=None), after=now)
    if unbounded is not None and timing.end_date is not None:
        return (
            f"end_date {timing.end_date.isoformat()} is before the first run "
            f"{unbounded.isoformat()}: the window will never run"
        )
    return f"{timing.schedule} matches no date after {_instant(now)}: the window will never run"


@functools.lru_cache(maxsize=256)
def runs_overlap(timing: WindowTiming, duration_hours: int, now: datetime.datetime) -> str | None:
    """Two consecutive runs closer together than the window stays open: the service skips the
    later one (status SKIPPED_OVERLAPPING). Looks at the runs of the next year."""
    duration = datetime.timedelta(hours=duration_hours)
    previous: datetime.datetime | None = None
    for run in _runs_ahead(timing, now):
        if previous is not None and run - previous < duration:
            return (
                f"runs at {previous.isoformat()} and {run.isoformat()}, {_span(run - previous)} "
                f"apart, but the window stays open {duration_hours} h: the service skips a run "
                "that starts while the previous one is open (SKIPPED_OVERLAPPING); shorten "
                "duration_hours or space the runs out"
            )
        previous = run
    return None


def concurrent_windows(
    windows: Sequence[tuple[str, WindowTiming, int]],
    now: datetime.datetime,
    *,
    limit: int,
) -> str | None:
    """More windows of the stack open at once than the account may run at once (``limit``
    concurrent executions; the default quota is 5), within the next year.

    ``windows`` are ``(name, timing, duration_hours)``. A run that starts while the same
    window is still open is skipped by the service, so it is not counted.
    """
    events: list[tuple[datetime.datetime, int, str]] = []
    for name, timing, duration_hours in windows:
        for opens, closes in _open_spans(timing, duration_hours, now):
            events += [(opens, 1, name), (closes, -1, name)]
    open_now: list[str] = []
    # Closings (-1) sort before openings (1) at the same instant: a window that closes as
    # another opens does not overlap it.
    events.sort()
    for instant, change, name in events:
        if change < 0:
            open_now.remove(name)
            continue
        open_now.append(name)
        if len(open_now) > limit:
            return (
                f"{len(open_now)} windows are open at once at {instant.isoformat()} "
                f"({', '.join(sorted(open_now))}), more than the account's quota of {limit} "
                "concurrently running maintenance window executions allows; stagger the "
                "schedules or request a higher quota"
            )
    return None


@functools.lru_cache(maxsize=256)
def _open_spans(
    timing: WindowTiming, duration_hours: int, now: datetime.datetime
) -> tuple[tuple[datetime.datetime, datetime.datetime], ...]:
    """When the window is open in the next year: each run it makes until it closes. A run that
    starts while the window is still open is skipped by the service, so it opens no span."""
    duration = datetime.timedelta(hours=duration_hours)
    spans: list[tuple[datetime.datetime, datetime.datetime]] = []
    for run in _runs_ahead(timing, now):
        if spans and run < spans[-1][1]:
            continue
        spans.append((run, run + duration))
    return tuple(spans)


@functools.lru_cache(maxsize=256)
def _runs_ahead(timing: WindowTiming, now: datetime.datetime) -> tuple[datetime.datetime, ...]:
    """The runs of the next :data:`HORIZON`, at most :data:`MAX_RUNS_CHECKED`, in UTC.

    Kept per timing: the overlap and the concurrency checks both walk each window's year of
    runs, and windows on one schedule share it."""
    runs: list[datetime.datetime] = []
    for run in iter_runs(timing, after=now):
        if run > now + HORIZON or len(runs) == MAX_RUNS_CHECKED:
            break
        runs.append(run.astimezone(datetime.UTC))
    return tuple(runs)


def _instant(now: datetime.datetime) -> str:
    return now.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _span(gap: datetime.timedelta) -> str:
    minutes = int(gap.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
