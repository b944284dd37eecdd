"""When a maintenance window runs: its next run times, computed as Systems Manager computes them.

Pure (stdlib and ``zoneinfo``; the IANA data comes from the ``tzdata`` package), so the
``patch-window preview`` command, the synth warnings and the ``make synth`` summary share it.
It reads the parsed forms of :mod:`patch_window.schedule_expression` and a window's
``schedule_timezone``, ``schedule_offset``, ``start_date`` and ``end_date``.

The authority is the Systems Manager User Guide ("Reference: Cron and rate expressions for
Systems Manager" and "Maintenance window scheduling and active period options") and the API
reference of ``CreateMaintenanceWindow``. Where they are silent, this module chooses, and says so:

- cron: Quartz semantics. ``L`` in day-of-month is the last day of the month, ``LW`` its last
  weekday (Monday-Friday), ``nW`` the weekday nearest day n within the same month (a Saturday
  1st gives Monday the 3rd; a Sunday last day gives the Friday before); day n past the month's
  end matches nothing that month. In day-of-week (1 = SUN ... 7 = SAT), ``L`` alone is Saturday
  (the last day of the week), ``nL`` the last day n of the month, ``n#k`` the k-th day n (a fifth
  one that does not exist matches nothing). A missing seconds field is second 0. Years run to
  2199, the last the field allows.
- the time zone: cron fields and ``at(...)`` read as wall-clock times in ``schedule_timezone``
  (UTC without one). AWS does not document what happens at a daylight-saving change; this
  module does what Quartz (and Java's lenient calendar) does: a wall-clock time that does not
  exist, in the hour skipped when clocks go forward, runs as late as the skipped hour is long
  (02:30 becomes 03:30 summer time); a time that occurs twice, when clocks go back, runs once,
  at its first occurrence (summer time). Two wall-clock times that land on one instant run once.
- ``schedule_offset`` (cron only, 1-6): the run is that many calendar days after the cron
  match, at the same wall-clock time ("11:30 PM two days after the third Tuesday").
- ``start_date`` / ``end_date``: the valid period only, unaffected by the time zone; a run is
  kept when ``start_date <= run <= end_date`` (the User Guide's example 2 runs at its start date,
  and its last run is the last one before the end date). The offset is applied before the
  period is checked: the period bounds when the window runs, not when the cron matches.
- ``rate(...)``: anchored where the window becomes active. The User Guide's example 2
  (``rate(7 days)`` from ``2019-01-01T00:03:15+09:00``) runs at the start date and every seven
  days after; the API reference says "if you provide a start date that occurs in the past, the
  current date and time are used as the start date". So the anchor is ``start_date`` when it is
  after ``after``, else ``after`` itself, standing for the moment the window is created (the
  first run is then one interval later: a window cannot run the instant it is created). A
  rate in minutes or hours counts elapsed time; a rate in days keeps the wall-clock time of the
  anchor in the window's time zone, as the guide's example reads it ("3:15 AM every Tuesday").
- ``at(...)``: one run, at the wall-clock time in the window's time zone, if it is after
  ``after`` and in the valid period.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from patch_window.schedule_expression import (
    AtSchedule,
    CronSchedule,
    RateSchedule,
    cron_field_number,
    cron_field_values,
    parse_schedule,
)

UTC = datetime.UTC
LAST_YEAR = 2199
"""The last year a cron year field allows: no run is searched for after it."""
MIN_OFFSET_DAYS = 1
MAX_OFFSET_DAYS = 6

_DayMatcher = Callable[[datetime.date], bool]


@dataclass(frozen=True)
class WindowTiming:
    """What decides when a window runs: its schedule and the settings that move it.

    ``start_date`` and ``end_date`` must carry a time zone. ``time_zone`` is an IANA name.
    """

    schedule: str
    time_zone: str | None = None
    offset_days: int | None = None
    start_date: datetime.datetime | None = None
    end_date: datetime.datetime | None = None


def zone(time_zone: str | None) -> datetime.tzinfo:
    """The tzinfo of an IANA zone name (UTC for None); ValueError for an unknown name."""
    if time_zone is None:
        return UTC
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{time_zone!r} is not an IANA time zone") from None


def next_runs(
    timing: WindowTiming, *, after: datetime.datetime, count: int
) -> list[datetime.datetime]:
    """The first ``count`` runs strictly after ``after`` (aware), in the window's time zone.

    Fewer when the schedule ends (an ``at(...)``, an end date, a cron that matches no later
    date). Raises ValueError for an invalid schedule, time zone, offset or a naive date.
    """
    runs: list[datetime.datetime] = []
    if count <= 0:
        return runs
    for run in iter_runs(timing, after=after):
        runs.append(run)
        if len(runs) == count:
            break
    return runs


def first_run(timing: WindowTiming, *, after: datetime.datetime) -> datetime.datetime | None:
    """The first run strictly after ``after``, or None when the window never runs again."""
    return next(iter(iter_runs(timing, after=after)), None)


def iter_runs(timing: WindowTiming, *, after: datetime.datetime) -> Iterator[datetime.datetime]:
    """Every run strictly after ``after``, in order, in the window's time zone (lazily)."""
    _check_aware("after", after)
    for name in ("start_date", "end_date"):
        value = getattr(timing, name)
        if value is not None:
            _check_aware(name, value)
    schedule = parse_schedule(timing.schedule)
    tz = zone(timing.time_zone)
    offset = timing.offset_days
    if offset is not None:
        if not isinstance(schedule, CronSchedule):
            raise ValueError("schedule_offset applies to cron(...) schedules only")
        if not MIN_OFFSET_DAYS <= offset <= MAX_OFFSET_DAYS:
            raise ValueError(
                f"schedule_offset must be {MIN_OFFSET_DAYS}-{MAX_OFFSET_DAYS} days, got {offset}"
            )
    floor = after
    if timing.start_date is not None and timing.start_date > after:
        floor = timing.start_date
    if isinstance(schedule, CronSchedule):
        candidates = _cron_runs(schedule, tz, offset or 0, floor)
    elif isinstance(schedule, RateSchedule):
        candidates = _rate_runs(schedule, tz, after, timing.start_date)
    else:
        candidates = _at_runs(schedule, tz)
    end = timing.end_date
    last: datetime.datetime | None = None
    for run in candidates:
        if end is not None and run > end:
            return
        if run <= after or (timing.start_date is not None and run < timing.start_date):
            continue
        if last is not None and run <= last:
            continue  # two wall-clock times on one instant (a skipped hour): one run
        last = run
        yield run


def _check_aware(name: str, value: datetime.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must carry a time zone, got {value.isoformat()!r}")


def _instant(local: datetime.datetime, tz: datetime.tzinfo) -> datetime.datetime:
    """A wall-clock time in ``tz`` as the instant it runs, shown in ``tz``.

    ``fold=0`` reads an ambiguous time as its first occurrence and a skipped time with the
    offset before the change, which moves it later by the length of the gap; the round trip
    through UTC shows it with the offset in force then.
    """
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


# --- at and rate --------------------------------------------------------------------------------


def _at_runs(schedule: AtSchedule, tz: datetime.tzinfo) -> Iterator[datetime.datetime]:
    yield _instant(schedule.when, tz)


def _rate_runs(
    schedule: RateSchedule,
    tz: datetime.tzinfo,
    after: datetime.datetime,
    start_date: datetime.datetime | None,
) -> Iterator[datetime.datetime]:
    anchor = start_date if start_date is not None and start_date > after else after
    anchor = anchor.astimezone(tz)
    if schedule.unit == "day":
        local = anchor.replace(tzinfo=None)
        step = datetime.timedelta(days=schedule.value)
        while local.year <= LAST_YEAR:
            yield _instant(local, tz)
            local += step
        return
    run = anchor.astimezone(UTC)
    step = datetime.timedelta(minutes=schedule.minutes)
    while run.year <= LAST_YEAR:
        yield run.astimezone(tz)
        run += step


# --- cron ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CompiledCron:
    seconds: tuple[int, ...]
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    months: frozenset[int]
    years: frozenset[int]
    day: _DayMatcher


def _cron_runs(
    schedule: CronSchedule, tz: datetime.tzinfo, offset_days: int, floor: datetime.datetime
) -> Iterator[datetime.datetime]:
    """Runs in order from the local day before ``floor`` (minus the offset) onwards."""
    cron = _compile(schedule)
    offset = datetime.timedelta(days=offset_days)
    # A day early: the local date of `floor` may be a day off in another zone's terms.
    day = floor.astimezone(tz).date() - offset - datetime.timedelta(days=1)
    times = [
        datetime.time(hour, minute, second)
        for hour in cron.hours
        for minute in cron.minutes
        for second in cron.seconds
    ]
    while day.year <= LAST_YEAR:
        if day.year not in cron.years:
            later = [year for year in cron.years if year > day.year]
            if not later:
                return
            day = datetime.date(min(later), 1, 1)
            continue
        if day.month not in cron.months:
            day = _first_of_next_month(day)
            continue
        if cron.day(day):
            for time in times:
                yield _instant(datetime.datetime.combine(day, time) + offset, tz)
        day += datetime.timedelta(days=1)


def _first_of_next_month(day: datetime.date) -> datetime.date:
    if day.month == 12:
        return datetime.date(day.year + 1, 1, 1)
    return datetime.date(day.year, day.month + 1, 1)


@lru_cache(maxsize=256)
def _compile(schedule: CronSchedule) -> _CompiledCron:
    seconds = (
        cron_field_values("seconds", schedule.seconds) if schedule.seconds is not None else {0}
    )
    return _CompiledCron(
        seconds=tuple(sorted(seconds)),
        minutes=tuple(sorted(cron_field_values("minutes", schedule.minutes))),
        hours=tuple(sorted(cron_field_values("hours", schedule.hours))),
        months=cron_field_values("month", schedule.month),
        years=cron_field_values("year", schedule.year),
        day=_day_matcher(schedule.day_of_month.upper(), schedule.day_of_week.upper()),
    )


def _day_matcher(day_of_month: str, day_of_week: str) -> _DayMatcher:
    """One of the two day fields is '?' (the parser insists); the other decides."""
    if day_of_month == "?":
        return _weekday_matcher(day_of_week)
    return _month_day_matcher(day_of_month)


def _last_day(day: datetime.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _weekday(day: datetime.date) -> int:
    """The cron day-of-week number: 1 = Sunday ... 7 = Saturday."""
    return (day.weekday() + 1) % 7 + 1


def _month_day_matcher(field: str) -> _DayMatcher:
    if field == "L":
        return lambda day: day.day == _last_day(day)
    if field == "LW":
        return lambda day: day.day == _nearest_weekday(day, _last_day(day))
    if field.endswith("W"):
        wanted = cron_field_number("day_of_month", field[:-1])
        return lambda day: day.day == _nearest_weekday(day, wanted)
    days = cron_field_values("day_of_month", field)
    return lambda day: day.day in days


def _nearest_weekday(day: datetime.date, wanted: int) -> int | None:
    """The day of ``day``'s month that is the weekday nearest ``wanted`` (in that month)."""
    last = _last_day(day)
    if wanted > last:
        return None
    weekday = datetime.date(day.year, day.month, wanted).weekday()  # Monday 0 ... Sunday 6
    if weekday == 5:  # Saturday: the Friday before, or Monday the 3rd for the 1st
        return wanted - 1 if wanted > 1 else wanted + 2
    if weekday == 6:  # Sunday: the Monday after, or the Friday before for the last day
        return wanted + 1 if wanted < last else wanted - 2
    return wanted


def _weekday_matcher(field: str) -> _DayMatcher:
    if field == "L":
        return lambda day: _weekday(day) == 7
    if "#" in field:
        name, nth_text = field.split("#")
        wanted, nth = cron_field_number("day_of_week", name), int(nth_text)
        return lambda day: _weekday(day) == wanted and (day.day - 1) // 7 + 1 == nth
    if field.endswith("L"):
        wanted = cron_field_number("day_of_week", field[:-1])
        return lambda day: _weekday(day) == wanted and day.day + 7 > _last_day(day)
    days = cron_field_values("day_of_week", field)
    return lambda day: _weekday(day) in days
