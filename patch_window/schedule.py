"""When a maintenance window opens, as a value built through static factories."""

from __future__ import annotations

import datetime

import aws_cdk as cdk

from patch_window import rules
from patch_window.errors import PatchWindowValidationError
from patch_window.schedule_expression import cron_expression
from patch_window.tokens import is_unresolved


class Schedule:
    """A maintenance window schedule: an SSM ``cron(...)``, ``rate(...)`` or ``at(...)`` expression.

    Build one with :meth:`cron`, :meth:`rate`, :meth:`at` or :meth:`expression`; each checks the
    expression when it is built and raises :class:`PatchWindowValidationError` when SSM would
    reject it. The time zone travels with the expression (``ScheduleTimezone``).
    """

    def __init__(self, expression_string: str, time_zone: cdk.TimeZone | None = None) -> None:
        """Internal: use the static factories."""
        self.expression_string = expression_string
        self.time_zone = time_zone

    @staticmethod
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
