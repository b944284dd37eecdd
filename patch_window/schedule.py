"""When a maintenance window opens, as a value built through static factories."""

from __future__ import annotations

import datetime

import aws_cdk as cdk

from patch_window import rules
from patch_window.edge_types import checked
from patch_window.errors import PatchWindowValidationError
from patch_window.schedule_expression import cron_expression
from patch_window.tokens import is_unresolved


class Schedule:
    """A maintenance window schedule: an SSM ``cron(...)``, ``rate(...)`` or ``at(...)`` expression.

    Build one with the readable helpers (:meth:`daily`, :meth:`weekly`, :meth:`every`,
    :meth:`monthly_on`) or with :meth:`cron`, :meth:`rate`, :meth:`at` or :meth:`expression`;
    each checks the expression when it is built and raises :class:`PatchWindowValidationError`
    when SSM would reject it. The time zone (``ScheduleTimezone``) and, for
    :meth:`monthly_on`, the offset in days (``ScheduleOffset``) travel with the expression.
    """

    def __init__(
        self,
        expression_string: str,
        time_zone: cdk.TimeZone | None = None,
        offset_days: int | None = None,
    ) -> None:
        """Internal: use the static factories."""
        self.expression_string = expression_string
        self.time_zone = time_zone
        self.offset_days = offset_days

    @staticmethod
    @checked
    def daily(*, hour: int, minute: int = 0, time_zone: cdk.TimeZone | None = None) -> Schedule:
        """Every day at ``hour:minute``: ``Schedule.daily(hour=2)`` is ``cron(0 2 ? * * *)``."""
        _check_time("Schedule.daily", hour, minute)
        return Schedule.cron(minute=str(minute), hour=str(hour), time_zone=time_zone)

    @staticmethod
    @checked
    def weekly(
        day: str, *, hour: int, minute: int = 0, time_zone: cdk.TimeZone | None = None
    ) -> Schedule:
        """Every week on ``day`` (``"SUN"``-``"SAT"``) at ``hour:minute``.

        ``Schedule.weekly("SAT", hour=22)`` is ``cron(0 22 ? * SAT *)``.
        """
        _check_time("Schedule.weekly", hour, minute)
        _check_week_day("Schedule.weekly", day)
        return Schedule.cron(
            minute=str(minute), hour=str(hour), week_day=day.upper(), time_zone=time_zone
        )

    @staticmethod
    @checked
    def every(duration: cdk.Duration) -> Schedule:
        """Every ``duration``: ``Schedule.every(cdk.Duration.minutes(30))`` is
        ``rate(30 minutes)``. At least 5 minutes, in whole minutes."""
        return Schedule.rate(duration)

    @staticmethod
    @checked
    def monthly_on(
        week_day: str,
        nth: int,
        *,
        hour: int,
        minute: int = 0,
        offset_days: int | None = None,
        time_zone: cdk.TimeZone | None = None,
    ) -> Schedule:
        """The ``nth`` ``week_day`` of every month, optionally ``offset_days`` (1-6) after it.

        Patch Tuesday is the second Tuesday: ``Schedule.monthly_on("TUE", 2, hour=3)`` is
        ``cron(0 3 ? * TUE#2 *)``; ``offset_days=2`` opens the window on the Thursday after
        (``ScheduleOffset``), which a cron expression alone cannot say.
        """
        _check_time("Schedule.monthly_on", hour, minute)
        _check_week_day("Schedule.monthly_on", week_day)
        if not 1 <= nth <= 5:
            raise PatchWindowValidationError(f"Schedule.monthly_on: nth must be 1-5, got {nth}")
        if offset_days is not None and not 1 <= offset_days <= 6:
            raise PatchWindowValidationError(
                f"Schedule.monthly_on: offset_days must be 1-6 days, got {offset_days}"
            )
        schedule = Schedule.cron(
            minute=str(minute),
            hour=str(hour),
            week_day=f"{week_day.upper()}#{nth}",
            time_zone=time_zone,
        )
        return Schedule(schedule.expression_string, time_zone, offset_days)

    @staticmethod
    @checked
    def expression(expression: str, time_zone: cdk.TimeZone | None = None) -> Schedule:
        """A schedule from a literal expression such as ``cron(0 2 ? * * *)``.

        An unresolved token is passed through unchecked.
        """
        if not is_unresolved(expression):
            problem = rules.schedule(expression)
            if problem:
                raise PatchWindowValidationError(f"Schedule.expression: {problem}")
        return Schedule(expression, time_zone)

    @staticmethod
    @checked
    def cron(
        *,
        minute: str = "0",
        hour: str = "*",
        day: str | None = None,
        month: str = "*",
        week_day: str | None = None,
        year: str = "*",
        time_zone: cdk.TimeZone | None = None,
    ) -> Schedule:
        """A cron schedule from its fields, for example ``Schedule.cron(minute="0", hour="2")``.

        ``day`` (day of month) and ``week_day`` are exclusive: give at most one. Default: every
        day (day of month ``?``, day of week ``*``); minute 0; every hour, month and year.
        """
        if day is not None and week_day is not None:
            raise PatchWindowValidationError(
                f"Schedule.cron: give day or week_day, not both, got day={day!r} "
                f"and week_day={week_day!r}"
            )
        try:
            rendered = cron_expression(
                minutes=minute,
                hours=hour,
                day_of_month="?" if day is None else day,
                month=month,
                day_of_week=_day_of_week(day, week_day),
                year=year,
            )
        except ValueError as error:
            raise PatchWindowValidationError(f"Schedule.cron: {error}") from None
        return Schedule(rendered, time_zone)

    @staticmethod
    @checked
    def rate(duration: cdk.Duration) -> Schedule:
        """A schedule every ``duration``: whole minutes (5 or more), hours or days."""
        minutes = duration.to_minutes(integral=False)
        if minutes != int(minutes):
            raise PatchWindowValidationError(
                f"Schedule.rate: duration must be a whole number of minutes, "
                f"got {duration.to_human_string()}"
            )
        value, unit = _rate_parts(int(minutes))
        return Schedule.expression(f"rate({value} {unit}{'' if value == 1 else 's'})")

    @staticmethod
    @checked
    def at(when: datetime.datetime, time_zone: cdk.TimeZone | None = None) -> Schedule:
        """A single run at ``when`` (seconds kept, microseconds dropped).

        The naive date-time is read in ``time_zone`` (default: UTC); a date-time that carries its
        own ``tzinfo`` is refused, so the zone is stated once, explicitly.
        """
        if when.tzinfo is not None:
            raise PatchWindowValidationError(
                f"Schedule.at: pass a naive datetime and a time_zone, got {when.isoformat()!r}"
            )
        return Schedule.expression(f"at({when.strftime('%Y-%m-%dT%H:%M:%S')})", time_zone)


def _rate_parts(minutes: int) -> tuple[int, str]:
    """The largest whole unit that expresses ``minutes`` exactly."""
    if minutes and minutes % (24 * 60) == 0:
        return minutes // (24 * 60), "day"
    if minutes and minutes % 60 == 0:
        return minutes // 60, "hour"
    return minutes, "minute"


def _day_of_week(day: str | None, week_day: str | None) -> str:
    """Day-of-week field: as given, else ``?`` when a day of month is set, else every day."""
    if week_day is not None:
        return week_day
    return "*" if day is None else "?"


WEEK_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")


def _check_time(factory: str, hour: int, minute: int) -> None:
    """An hour 0-23 and a minute 0-59, named in the error."""
    problems = [
        f"{factory}: {unit} must be {low}-{high}, got {value}"
        for unit, value, low, high in (("hour", hour, 0, 23), ("minute", minute, 0, 59))
        if not low <= value <= high
    ]
    if problems:
        raise PatchWindowValidationError(problems)


def _check_week_day(factory: str, day: str) -> None:
    if day.upper() not in WEEK_DAYS:
        raise PatchWindowValidationError(
            f"{factory}: day must be one of {', '.join(WEEK_DAYS)}, got {day!r}"
        )
