"""Parse and validate SSM maintenance-window schedule expressions.

CloudFormation accepts any string as a maintenance window ``Schedule`` and the service rejects
a bad one only at deploy time, minutes into a rollout; this module catches it at synth time.
It is pure stdlib (no aws-cdk), so callers decide what to do with unresolved tokens.

It knows three forms: ``cron(...)`` with six fields, optionally preceded by a seconds field
(the maintenance-window dialect, with Quartz-style ``L``, ``W`` and ``#``), ``rate(N unit)``
and ``at(yyyy-mm-ddThh:mm:ss)``. ``parse_schedule`` returns the parsed form.

The authority is the Systems Manager User Guide ("Reference: Cron and rate expressions for
Systems Manager", its maintenance-window section, and the maintenance window walkthroughs).
The CloudFormation reference only says "a cron or rate expression" of 1-256 characters; where
it or another page is silent or disagrees, the User Guide wins:

- six required fields and an optional leading seconds field, seven in all. The User Guide says
  "An additional field, the Seconds field (the first in a cron expression), is optional" and
  its maintenance-window section shows ``cron(24 30 09 ? * * *)`` (9:30:24 AM); the patching
  walkthroughs use ``cron(0 0 22 ? * SAT *)`` and ``cron(0 30 23 ? * TUE#3 *)``;
- the seconds field takes one second, 0-59. From 2020-05 to 2021-02 the guide said "Zero (0)
  is not supported in the seconds field" while its patching walkthrough used 0; the note was
  then removed, so 0 is accepted. ``*``, lists, ranges and increments are valid syntax there
  but always run more than once a minute, so the 5-minute minimum refuses them;
- a six-field expression is always minutes ... year: the Quartz form without a year
  (``0 15 10 ? * *``, on the 2017 "Cron Schedules" page) is refused; the current page writes
  the same schedule as ``cron(15 10 ? * * *)``;
- ``/`` is allowed in day-of-week (the User Guide's supported-values table lists
  ``, - * ? / L`` for it; EventBridge's table does not, but EventBridge is not the authority);
- month/day names and ``L``, ``W`` are case-insensitive (Quartz upper-cases the expression);
  cron numbers may have leading zeros (``cron(0 09 ? * WED *)`` is a guide example), rate
  values may not;
- ``L``, ``LW``, ``nW``, ``nL`` and ``n#k`` must stand alone in their field (Quartz cannot
  combine them; EventBridge's guide says ``3#1,6#3`` is invalid); ``L-n`` offsets are not
  supported; ``#`` takes 1-5 ("a number between one and five", User Guide);
- an increment must be at most the field's largest value (as Quartz), and ranges may not wrap
  (``a-b`` needs a <= b);
- the 5-minute minimum treats hour 23 and hour 0 as consecutive, whatever the day fields say:
  a schedule that might run twice within 5 minutes across midnight is rejected;
- not checked: that a cron ever fires (``cron(0 0 30 2 ? *)``), that ``at(...)`` is in the
  future (that depends on the clock at synth time), or any upper bound on rate values (none is
  documented; a 256-character expression bounds them anyway).

Every pattern is matched with ``fullmatch``: ``$`` would accept a trailing newline.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from datetime import datetime

FIELD_NAMES = ("minutes", "hours", "day_of_month", "month", "day_of_week", "year")
SECONDS_FIELD = "seconds"  # the optional leading field; not in FIELD_NAMES, which are required

MAX_LENGTH = 256
MIN_INTERVAL_MINUTES = 5

_FORMS = "must be cron(...), rate(...) or at(...)"
_INTERVAL_RULE = f"maintenance windows allow at most one run every {MIN_INTERVAL_MINUTES} minutes"
_CRON_LAYOUT = (
    "minutes hours day-of-month month day-of-week year, optionally preceded by seconds (7 fields)"
)
_QUOTE_LIMIT = 80
_MAX_DIGITS = 6  # longer numbers are out of range in every field; int() is never fed huge input

_DIGITS = re.compile(r"[0-9]+")
_FIELD_CHARS = re.compile(r"[0-9A-Za-z,\-*/?#]")
_WRAPPER = re.compile(r"(?P<kind>[a-z]+)\((?P<body>.*)\)", re.DOTALL)
_LOOSE_WRAPPER = re.compile(r"(cron|rate|at)\(.*\)", re.DOTALL | re.IGNORECASE)
_AT_BODY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})")
_NTH_WEEKDAY = re.compile(r"([0-9]+|[A-Z]{3})#([0-9]+)")
_LAST_WEEKDAY = re.compile(r"([0-9]+|[A-Z]{3})L")
_NEAREST_WEEKDAY = re.compile(r"([0-9]+)W")
_RATE_MINUTES = {"minute": 1, "hour": 60, "day": 1440}


class _ScheduleError(Exception):
    """A problem found while parsing; `field` names the cron field to blame, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class _FieldSpec:
    """What one cron field accepts; `words` is how problem strings name it."""

    name: str
    words: str
    low: int
    high: int
    max_step: int | None  # None: no '/' increments in this field
    allowed: str  # the accepted syntax, quoted in problem strings
    names: tuple[str, ...] = ()  # names of low, low + 1, ... (JAN-DEC, SUN-SAT)
    day_field: bool = False  # may be '?' and may use L/W/#


_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_WEEKDAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")

_SPECS = {
    spec.name: spec
    for spec in (
        _FieldSpec("minutes", "minutes", 0, 59, 59, "0-59 with , - * /"),
        _FieldSpec("hours", "hours", 0, 23, 23, "0-23 with , - * /"),
        _FieldSpec(
            "day_of_month",
            "day-of-month",
            1,
            31,
            31,
            "1-31, L, LW or nW with , - * / ?",
            day_field=True,
        ),
        _FieldSpec(
            "month",
            "month",
            1,
            12,
            12,
            "1-12 or JAN-DEC with , - * /",
            names=_MONTHS,
        ),
        _FieldSpec(
            "day_of_week",
            "day-of-week",
            1,
            7,
            7,
            "1-7 or SUN-SAT, L, nL or n#k with , - * / ?",
            names=_WEEKDAYS,
            day_field=True,
        ),
        _FieldSpec("year", "year", 1970, 2199, 229, "1970-2199 with , - * /"),
        _FieldSpec(SECONDS_FIELD, "seconds", 0, 59, 59, "0-59 with , - * /"),
    )
}


@dataclass(frozen=True)
class _Gap:
    """The shortest time between two runs: `minutes` apart, from `first` to `second`."""

    minutes: int
    first: int
    second: int
    next_hour: bool


@dataclass(frozen=True)
class CronSchedule:
    """A valid cron(...) schedule, field by field as written; `seconds` is None when absent."""

    seconds: str | None
    minutes: str
    hours: str
    day_of_month: str
    month: str
    day_of_week: str
    year: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The six required fields, in FIELD_NAMES order."""
        return (
            self.minutes,
            self.hours,
            self.day_of_month,
            self.month,
            self.day_of_week,
            self.year,
        )


@dataclass(frozen=True)
class RateSchedule:
    """A valid rate(...) schedule: `value` times `unit` (minute, hour or day, singular)."""

    value: int
    unit: str

    @property
    def minutes(self) -> int:
        """The interval between runs, in minutes."""
        return self.value * _RATE_MINUTES[self.unit]


@dataclass(frozen=True)
class AtSchedule:
    """A valid at(...) schedule: runs once at `when` (naive; UTC unless a time zone is set)."""

    when: datetime


Schedule = CronSchedule | RateSchedule | AtSchedule


# --- public API -------------------------------------------------------------------------------


def schedule_expression_problem(expression: str) -> str | None:
    """None when `expression` is a valid SSM maintenance window schedule, else what is wrong.

    Never raises: any input, however malformed, gets a one-line problem string that starts
    with the quoted expression.
    """
    if not isinstance(expression, str):
        return f"must be a string, got {type(expression).__name__}"
    try:
        _parse_schedule(expression)
    except _ScheduleError as problem:
        return f"{_quote(expression)}: {problem.message}"
    return None


def parse_schedule(expression: str) -> Schedule:
    """Parse a valid schedule into its parts; raise ValueError with the problem string if not.

    The ValueError message is exactly what `schedule_expression_problem` returns.
    """
    problem = schedule_expression_problem(expression)
    if problem is not None:
        raise ValueError(problem)
    return _parse_schedule(expression)


def cron_field_problem(field: str, value: str) -> str | None:
    """None when `value` is valid for cron field `field`, else what is wrong.

    `field` is one of FIELD_NAMES or SECONDS_FIELD. Checks that one field alone (ranges, names,
    special characters); not the cross-field rules (one '?' between the day fields, the 5-minute
    minimum, which refuses any seconds field with more than one value). Raises ValueError for an
    unknown `field`, which is a programming error rather than bad input.
    """
    spec = _SPECS.get(field)
    if spec is None:
        known = ", ".join((SECONDS_FIELD, *FIELD_NAMES))
        raise ValueError(f"unknown cron field {field!r}; expected one of {known}")
    if not isinstance(value, str):
        return f"{spec.words} field must be a string, got {type(value).__name__}"
    try:
        _field_values(spec, value)
    except _ScheduleError as problem:
        return problem.message
    return None


def cron_field_values(field: str, value: str) -> frozenset[int]:
    """The values a valid plain cron field allows (``*``, numbers, names, ranges, increments).

    For the run-time calculator (:mod:`patch_window.next_runs`): ``?`` and the ``L``/``W``/``#``
    day forms give an empty set, as the field's own check does. Raises ValueError with the
    problem string when ``value`` is not valid for ``field``.
    """
    problem = cron_field_problem(field, value)
    if problem is not None:
        raise ValueError(problem)
    return _field_values(_SPECS[field], value)


def cron_field_number(field: str, token: str) -> int:
    """One value of a cron field as a number: ``TUE`` is 3 in day-of-week, ``MAR`` 3 in month.

    Raises ValueError when ``token`` is not a value of ``field``.
    """
    spec = _SPECS[field]
    try:
        return _number(spec, token, token)
    except _ScheduleError as problem:
        raise ValueError(problem.message) from None


def cron_expression(
    minutes: str = "0",
    hours: str = "*",
    day_of_month: str = "?",
    month: str = "*",
    day_of_week: str = "*",
    year: str = "*",
) -> str:
    """Render `cron(...)` from fields; raises ValueError naming the wrong field ("hours: ...").

    The whole expression is checked too: both or neither day field '?' blames day_of_week or
    day_of_month respectively (the one that differs from its default), a run more often than
    every 5 minutes blames minutes, and an over-long result blames the longest field.
    """
    fields = (minutes, hours, day_of_month, month, day_of_week, year)
    try:
        _check_cron_fields(fields)
    except _ScheduleError as problem:
        raise ValueError(f"{problem.field}: {problem.message}") from None
    expression = f"cron({' '.join(fields)})"
    if len(expression) > MAX_LENGTH:
        longest = max(zip(FIELD_NAMES, fields, strict=True), key=lambda pair: len(pair[1]))[0]
        raise ValueError(f"{longest}: {_quote(expression)} {_length_problem(expression)}")
    return expression


# --- whole expressions --------------------------------------------------------------------------


def _parse_schedule(expression: str) -> Schedule:
    """Parse `expression`; raise _ScheduleError unless it is a valid cron, rate or at schedule."""
    if not expression:
        raise _ScheduleError(f"is empty; {_FORMS}")
    if len(expression) > MAX_LENGTH:
        raise _ScheduleError(_length_problem(expression))
    match = _WRAPPER.fullmatch(expression)
    if match is None:
        raise _ScheduleError(_wrapper_problem(expression))
    kind, body = match.group("kind"), match.group("body")
    if kind == "cron":
        return _parse_cron_body(body)
    if kind == "rate":
        return _check_rate(body)
    if kind == "at":
        return _check_at(body)
    raise _ScheduleError(_FORMS)


def _length_problem(expression: str) -> str:
    """Say that `expression` is longer than a schedule may be."""
    return f"is {len(expression)} characters long; at most {MAX_LENGTH} are allowed"


def _wrapper_problem(expression: str) -> str:
    """Explain why `expression` is not shaped like kind(...)."""
    if expression != expression.strip():
        return f"must not have leading or trailing whitespace; {_FORMS}"
    if _LOOSE_WRAPPER.fullmatch(expression):
        return "cron, rate and at must be lower case, e.g. cron(0 2 ? * * *)"
    if re.match(r"(cron|rate|at)\(", expression) and not expression.endswith(")"):
        return f"must end with ')'; {_FORMS}"
    return _FORMS


def _quote(value: str) -> str:
    """Quote `value` on one line: escape control characters and shorten very long values."""
    shown = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in value
    )
    if len(shown) > _QUOTE_LIMIT:
        shown = shown[: _QUOTE_LIMIT - 3] + "..."
    return f"'{shown}'"


# --- cron -------------------------------------------------------------------------------------


def _parse_cron_body(body: str) -> CronSchedule:
    """Check the inside of cron(...): six fields, or seven with a leading seconds field.

    The User Guide's reference says maintenance-window cron expressions have six required
    fields and that "An additional field, the Seconds field (the first in a cron expression),
    is optional"; its walkthroughs use seven fields (``cron(0 0 22 ? * SAT *)``). The
    CloudFormation reference does not say how many fields there are; the User Guide is followed.
    """
    fields = _split_cron_body(body)
    seconds = fields[0] if len(fields) == len(FIELD_NAMES) + 1 else None
    required = fields[-len(FIELD_NAMES) :]
    _check_cron_fields(required, seconds)
    return CronSchedule(seconds, *required)


def _split_cron_body(body: str) -> tuple[str, ...]:
    """Split the inside of cron(...) into its six or seven fields, strictly on single spaces."""
    if re.search(r"[^\S ]", body):
        raise _ScheduleError(
            "cron fields must be separated by single spaces, not tabs or line breaks"
        )
    if body.startswith(" ") or body.endswith(" "):
        raise _ScheduleError("cron(...) must not have spaces just inside its parentheses")
    if "  " in body:
        raise _ScheduleError("cron fields must be separated by single spaces")
    fields = tuple(body.split(" ")) if body else ()
    if len(fields) not in (len(FIELD_NAMES), len(FIELD_NAMES) + 1):
        raise _ScheduleError(f"has {len(fields)} cron fields; 6 are required: {_CRON_LAYOUT}")
    return fields


def _check_cron_fields(fields: tuple[str, ...], seconds: str | None = None) -> None:
    """Raise _ScheduleError naming the field unless the fields make a valid window schedule.

    `fields` are the six required fields; `seconds` is the optional leading field, if given.
    """
    if seconds is not None:
        _check_seconds(seconds)
    values = {
        name: _field_values(_SPECS[name], value)
        for name, value in zip(FIELD_NAMES, fields, strict=True)
    }
    _check_day_fields(fields[2], fields[4])
    gap = _shortest_gap(values["minutes"], values["hours"])
    if gap is not None and gap.minutes < MIN_INTERVAL_MINUTES:
        raise _ScheduleError(_interval_problem(fields[0], fields[1], gap), "minutes")


def _check_seconds(seconds: str) -> None:
    """The seconds field must name one second: any other value runs more than once a minute."""
    values = _field_values(_SPECS[SECONDS_FIELD], seconds)
    if len(values) > 1:
        first, second = sorted(values)[:2]
        raise _ScheduleError(
            f"seconds field {_quote(seconds)} runs more than once a minute (second {first}, "
            f"then second {second}); the seconds field must be a single value 0-59, as "
            f"{_INTERVAL_RULE}",
            SECONDS_FIELD,
        )


def _check_day_fields(day_of_month: str, day_of_week: str) -> None:
    """Exactly one of day-of-month and day-of-week must be '?' (AWS cannot combine them)."""
    if (day_of_month == "?") != (day_of_week == "?"):
        return
    blamed = "day_of_week" if day_of_month == "?" else "day_of_month"
    raise _ScheduleError(
        "exactly one of day-of-month and day-of-week must be '?', "
        f"got {_quote(day_of_month)} and {_quote(day_of_week)}",
        blamed,
    )


def _shortest_gap(minutes: frozenset[int], hours: frozenset[int]) -> _Gap | None:
    """Find the shortest time between two runs, or None when the schedule runs once a day.

    Gaps within an hour come from consecutive minute values; when two consecutive hours are
    allowed (23 and 0 count as consecutive), the last minute of one hour also precedes the
    first minute of the next.
    """
    ordered = sorted(minutes)
    gaps = [
        _Gap(later - earlier, earlier, later, False)
        for earlier, later in itertools.pairwise(ordered)
    ]
    if ordered and any((hour + 1) % 24 in hours for hour in hours):
        gaps.append(_Gap(60 - ordered[-1] + ordered[0], ordered[-1], ordered[0], True))
    return min(gaps, key=lambda gap: gap.minutes, default=None)


def _interval_problem(minutes: str, hours: str, gap: _Gap) -> str:
    """Describe a schedule that runs more often than maintenance windows allow."""
    pace = "every minute" if gap.minutes == 1 else f"as often as every {gap.minutes} minutes"
    example = f"minute {gap.first}, then minute {gap.second}"
    if gap.next_hour:
        example += f" of the next hour, as hours field {_quote(hours)} allows consecutive hours"
    return f"minutes field {_quote(minutes)} runs {pace} ({example}); {_INTERVAL_RULE}"


# --- one cron field ---------------------------------------------------------------------------


def _field_values(spec: _FieldSpec, value: str) -> frozenset[int]:
    """Parse one field into the values it allows; raise _ScheduleError saying what is wrong.

    '?' and the L/W/# forms return an empty set: only minutes and hours need values, and
    those fields have neither.
    """
    if not value:
        raise _field_error(spec, value, f"is empty; allowed: {spec.allowed}")
    _check_characters(spec, value)
    if value == "?" and spec.day_field:
        return frozenset()
    items = value.split(",")
    values: set[int] = set()
    for item in items:
        if not item:
            raise _field_error(spec, value, "has an empty item in its comma list")
        if item in ("?", "*") and len(items) > 1:
            raise _field_error(spec, value, "cannot be combined with other values", item)
        if item == "?":
            raise _field_error(spec, value, "is only allowed in day-of-month or day-of-week")
        if _is_special_day(spec, value, item):
            if len(items) > 1:
                raise _field_error(spec, value, "must be the only value in its field", item)
            return frozenset()
        values |= _item_values(spec, value, item)
    return frozenset(values)


def _check_characters(spec: _FieldSpec, value: str) -> None:
    """Reject any character no cron field uses (whitespace, dots, non-ASCII letters)."""
    for char in value:
        if not _FIELD_CHARS.fullmatch(char):
            raise _field_error(
                spec,
                value,
                f"contains {_quote(char)}, which is not allowed; allowed: {spec.allowed}",
            )


def _is_special_day(spec: _FieldSpec, value: str, item: str) -> bool:
    """True when `item` is a valid L/W/# form of a day field; raise when it is a bad one."""
    if spec.name == "day_of_month":
        return _is_special_month_day(spec, value, item.upper())
    if spec.name == "day_of_week":
        return _is_special_weekday(spec, value, item.upper())
    return False


def _is_special_month_day(spec: _FieldSpec, value: str, item: str) -> bool:
    """Recognise L (last day), LW (last weekday) and nW (weekday nearest day n)."""
    if item in ("L", "LW"):
        return True
    match = _NEAREST_WEEKDAY.fullmatch(item)
    if match is None:
        return False
    _number(spec, value, match.group(1))
    return True


def _is_special_weekday(spec: _FieldSpec, value: str, item: str) -> bool:
    """Recognise L (Saturday), nL (last day n of the month) and n#k (k-th day n, k 1-5)."""
    if item == "L":
        return True
    match = _LAST_WEEKDAY.fullmatch(item)
    if match is not None:
        _number(spec, value, match.group(1))
        return True
    match = _NTH_WEEKDAY.fullmatch(item)
    if match is None:
        return False
    _number(spec, value, match.group(1))
    nth = match.group(2)
    if len(nth.lstrip("0")) > 1 or not 1 <= int(nth) <= 5:
        raise _field_error(spec, value, f"has {_quote(nth)} after '#'; it must be 1-5", item)
    return True


def _item_values(spec: _FieldSpec, value: str, item: str) -> frozenset[int]:
    """Parse one list item: '*', n, a-b, each optionally followed by /step."""
    base, slash, step_text = item.partition("/")
    if slash and spec.max_step is None:
        raise _field_error(spec, value, f"cannot use '/' increments; allowed: {spec.allowed}")
    step = _step(spec, value, step_text) if slash else 1
    if base == "*":
        return frozenset(range(spec.low, spec.high + 1, step))
    first, dash, last = base.partition("-")
    start = _number(spec, value, first)
    end = _number(spec, value, last) if dash else (spec.high if slash else start)
    if end < start:
        raise _field_error(
            spec, value, "is a backwards range; the start must not be after the end", base
        )
    return frozenset(range(start, end + 1, step))


def _number(spec: _FieldSpec, value: str, token: str) -> int:
    """Parse a single value of the field: a number in range, or a month/day name."""
    if not token:
        raise _field_error(spec, value, f"is missing a value; allowed: {spec.allowed}")
    if _DIGITS.fullmatch(token):
        number = int(token) if len(token.lstrip("0")) <= _MAX_DIGITS else spec.high + 1
        if not spec.low <= number <= spec.high:
            named = f" (or {spec.names[0]}-{spec.names[-1]})" if spec.names else ""
            raise _field_error(spec, value, f"is out of range {spec.low}-{spec.high}{named}", token)
        return number
    if spec.names and token.upper() in spec.names:
        return spec.low + spec.names.index(token.upper())
    if spec.names and token.isalpha():
        names = f"{spec.names[0]}-{spec.names[-1]}"
        raise _field_error(spec, value, f"is not a {spec.words} name ({names})", token)
    raise _field_error(spec, value, f"is not a valid value; allowed: {spec.allowed}", token)


def _step(spec: _FieldSpec, value: str, token: str) -> int:
    """Parse the increment after '/', a whole number from 1 to the field's largest value."""
    limit = spec.max_step or 1
    if not _DIGITS.fullmatch(token):
        raise _field_error(spec, value, f"needs a whole-number increment 1-{limit} after '/'")
    step = int(token) if len(token.lstrip("0")) <= _MAX_DIGITS else limit + 1
    if not 1 <= step <= limit:
        raise _field_error(spec, value, f"has increment {_quote(token)}; it must be 1-{limit}")
    return step


def _field_error(
    spec: _FieldSpec, value: str, detail: str, piece: str | None = None
) -> _ScheduleError:
    """Build the problem for field `spec`, quoting the value and, if narrower, the bad piece."""
    where = f"{spec.words} field {_quote(value)}"
    if piece is not None and piece != value:
        where += f": {_quote(piece)}"
    return _ScheduleError(f"{where} {detail}", spec.name)


# --- rate and at ------------------------------------------------------------------------------


def _check_rate(body: str) -> RateSchedule:
    """rate(N unit): N a positive whole number, unit singular exactly when N is 1."""
    parts = body.split(" ")
    if len(parts) != 2 or not all(parts):
        raise _ScheduleError(
            "rate(...) must hold a number and a unit separated by one space, e.g. rate(30 minutes)"
        )
    number_text, unit = parts
    number = _rate_number(number_text)
    base = unit[:-1] if unit.endswith("s") else unit
    if base not in _RATE_MINUTES:
        raise _ScheduleError(
            f"unit {_quote(unit)} must be minute(s), hour(s) or day(s), in lower case"
        )
    expected = base if number == 1 else f"{base}s"
    if unit != expected:
        form = (
            "singular when the value is 1" if number == 1 else f"plural when the value is {number}"
        )
        raise _ScheduleError(f"unit must be {form} ({_quote(expected)}), got {_quote(unit)}")
    if number * _RATE_MINUTES[base] < MIN_INTERVAL_MINUTES:
        pace = "every minute" if number == 1 else f"every {number} minutes"
        raise _ScheduleError(f"runs {pace}; {_INTERVAL_RULE}")
    return RateSchedule(number, base)


def _rate_number(text: str) -> int:
    """Parse the rate value: digits only, no leading zeros, at least 1."""
    if not _DIGITS.fullmatch(text):
        raise _ScheduleError(f"rate value {_quote(text)} must be a positive whole number")
    if text == "0" or set(text) == {"0"}:
        raise _ScheduleError(f"rate value {_quote(text)} must be at least 1")
    if text.startswith("0"):
        raise _ScheduleError(f"rate value {_quote(text)} must not have leading zeros")
    return int(text)


def _check_at(body: str) -> AtSchedule:
    """at(yyyy-mm-ddThh:mm:ss): a real calendar date and time, no zone or fraction."""
    match = _AT_BODY.fullmatch(body)
    if match is None:
        raise _ScheduleError(
            f"at(...) must hold a date-time as yyyy-mm-ddThh:mm:ss, e.g. at(2026-04-07T02:00:00), "
            f"got {_quote(body)}"
        )
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    problem = _date_time_problem(year, month, day, hour, minute, second)
    if problem is not None:
        raise _ScheduleError(f"{_quote(body)} is not a real date-time: {problem}")
    return AtSchedule(datetime(year, month, day, hour, minute, second))


def _date_time_problem(
    year: int, month: int, day: int, hour: int, minute: int, second: int
) -> str | None:
    """Say which part of a date-time is impossible, or None when all parts are real."""
    if year < 1:
        return f"year {year:04d} is out of range 0001-9999"
    if not 1 <= month <= 12:
        return f"month {month:02d} is out of range 01-12"
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        return f"day {day:02d} is out of range 01-{last_day} for {year:04d}-{month:02d}"
    for label, part, high in (("hour", hour, 23), ("minute", minute, 59), ("second", second, 59)):
        if part > high:
            return f"{label} {part:02d} is out of range 00-{high}"
    return None
