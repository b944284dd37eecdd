"""Tests for patch_window.schedule_expression, the SSM maintenance-window schedule validator.

Tables pin what is accepted and the problem text for what is not; property tests check that
any well-formed schedule is accepted and that no input, however mangled, makes it raise.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patch_window.schedule_expression import (
    FIELD_NAMES,
    cron_expression,
    cron_field_problem,
    schedule_expression_problem,
)

LAB_SCHEDULES = [
    "cron(0 2 ? * * *)",
    "rate(30 minutes)",
    "cron(0/30 * * * ? *)",
    "cron(0 3 ? * TUE#2 *)",
]

VALID = [
    *LAB_SCHEDULES,
    # examples from the Systems Manager user guide
    "cron(0 16 ? * TUE *)",
    "cron(30 23 ? * TUE#3 *)",
    "cron(0 0 ? * THU#2 *)",
    "cron(0 10 * * ? *)",
    "cron(15 12 * * ? *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0 8 1 * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(0/10 * ? * MON-FRI *)",
    "cron(0/5 8-17 ? * MON-FRI *)",
    "cron(0 09 ? * WED *)",
    "cron(0 2 L * ? *)",
    "cron(15 10 ? * 6L *)",
    "cron(0 0 21 1/1 ? *)",
    "cron(0 2 ? 1/1 THU#3 *)",
    "rate(2 days)",
    "rate(7 days)",
    "at(2019-07-07T13:15:30)",
    "at(2020-07-07T15:55:00)",
    # day fields
    "cron(15 10 ? * FRIL *)",
    "cron(15 10 ? * fril *)",
    "cron(0 4 LW * ? *)",
    "cron(0 4 15W * ? *)",
    "cron(0 4 lw * ? *)",
    "cron(0 4 ? * L *)",
    "cron(0 6 ? * SAT,SUN *)",
    "cron(0 6 ? * sat,Sun *)",
    "cron(0 2 ? * 1-7 *)",
    "cron(0 2 ? * 3#1 *)",
    "cron(0 2 ? * 3#01 *)",
    "cron(0 2 ? * SUN#5 *)",
    "cron(0 2 */3 * ? *)",
    "cron(0 2 31 12 ? *)",
    "cron(0 2 1-7,15 * ? *)",
    # months and years
    "cron(0 6 ? jan-mar * *)",
    "cron(0 6 1,15 JAN,JUL ? *)",
    "cron(0 6 1 JAN/3 ? *)",
    "cron(0 6 1-7 * ? 2026)",
    "cron(0 6 1 * ? 2026-2030)",
    "cron(0 6 1 * ? 2026/2)",
    "cron(0 6 1 * ? 1970)",
    "cron(0 6 1 * ? 2199)",
    # minutes and hours at the 5-minute limit
    "cron(0,30 * * * ? *)",
    "cron(*/5 * * * ? *)",
    "cron(0-55/5 * * * ? *)",
    "cron(3/5 * ? * * *)",
    "cron(0,5 3 ? * * *)",
    "cron(55,0 * ? * * *)",
    "cron(58,1 3 ? * * *)",
    "cron(58,3 * ? * * *)",
    "cron(0/20 2 ? * * *)",
    "cron(59 23 ? * * *)",
    "cron(0 */2 ? * * *)",
    "cron(0 0-23/6 ? * * *)",
    "cron(00 02 ? * * *)",
    "cron(0,10,20,30,40,50 3 ? * * *)",
    # a leading seconds field (seven fields)
    "cron(0 0 22 ? * SAT *)",
    "cron(24 30 09 ? * * *)",
    "cron(59 0/5 * ? * * *)",
    "cron(00 0 2 L * ? *)",
    # '/' in day-of-week
    "cron(0 2 ? * */2 *)",
    "cron(0 2 ? * MON-FRI/2 *)",
    # rate and at
    "rate(5 minutes)",
    "rate(1 hour)",
    "rate(2 hours)",
    "rate(1 day)",
    "rate(1000 days)",
    "rate(90 minutes)",
    "at(2026-04-07T02:00:00)",
    "at(2024-02-29T23:59:59)",
    "at(2000-02-29T00:00:00)",
]

# (expression, text the problem must contain)
INVALID = [
    # the forms
    ("", "'': is empty; must be cron(...), rate(...) or at(...)"),
    ("daily", "'daily': must be cron(...), rate(...) or at(...)"),
    ("every(5 minutes)", "must be cron(...), rate(...) or at(...)"),
    ("cron 0 2 ? * * *", "must be cron(...), rate(...) or at(...)"),
    ("Cron(0 2 ? * * *)", "must be lower case"),
    ("RATE(5 minutes)", "must be lower case"),
    (" rate(5 minutes)", "must not have leading or trailing whitespace"),
    ("rate(5 minutes)\n", "'rate(5 minutes)\\n': must not have leading or trailing whitespace"),
    ("cron(0 2 ? * * *", "'cron(0 2 ? * * *': must end with ')'"),
    ("at(2026-04-07T02:00:00)x", "must end with ')'"),
    ("cron(" + "1," * 130 + "0 2 ? * * *)", "is 277 characters long; at most 256 are allowed"),
    # cron layout
    ("cron()", "has 0 cron fields; 6 are required"),
    ("cron(0 2 ? * *)", "has 5 cron fields; 6 are required"),
    # seven fields (a leading seconds field) are valid: the User Guide; see test_schedule_golden
    ("cron(0 0 0 2 ? * * *)", "has 8 cron fields; 6 are required"),
    ("cron( 0 2 ? * * *)", "must not have spaces just inside its parentheses"),
    ("cron(0 2 ? * * * )", "must not have spaces just inside its parentheses"),
    ("cron(0  2 ? * * *)", "separated by single spaces"),
    ("cron(0\t2 ? * * *)", "separated by single spaces, not tabs or line breaks"),
    # minutes
    ("cron(60 2 ? * * *)", "minutes field '60' is out of range 0-59"),
    ("cron(-1 2 ? * * *)", "minutes field '-1' is missing a value"),
    ("cron(1.5 2 ? * * *)", "minutes field '1.5' contains '.', which is not allowed"),
    ("cron(0,,30 2 ? * * *)", "minutes field '0,,30' has an empty item"),
    ("cron(0, 2 ? * * *)", "minutes field '0,' has an empty item"),
    ("cron(30-10 2 ? * * *)", "minutes field '30-10' is a backwards range"),
    ("cron(0/0 2 ? * * *)", "minutes field '0/0' has increment '0'; it must be 1-59"),
    ("cron(0/60 2 ? * * *)", "minutes field '0/60' has increment '60'; it must be 1-59"),
    ("cron(0/ 2 ? * * *)", "minutes field '0/' needs a whole-number increment 1-59"),
    ("cron(/5 2 ? * * *)", "minutes field '/5' is missing a value"),
    ("cron(*,5 2 ? * * *)", "minutes field '*,5': '*' cannot be combined with other values"),
    ("cron(? 2 * * ? *)", "minutes field '?' is only allowed in day-of-month or day-of-week"),
    ("cron(L 2 ? * * *)", "minutes field 'L' is not a valid value; allowed: 0-59"),
    ("cron(0-5-9 2 ? * * *)", "minutes field '0-5-9': '5-9' is not a valid value"),
    # hours
    ("cron(0 25 ? * * *)", "'cron(0 25 ? * * *)': hours field '25' is out of range 0-23"),
    ("cron(0 24 ? * * *)", "hours field '24' is out of range 0-23"),
    ("cron(0 1,25 ? * * *)", "hours field '1,25': '25' is out of range 0-23"),
    ("cron(0 */24 ? * * *)", "hours field '*/24' has increment '24'; it must be 1-23"),
    ("cron(0 two ? * * *)", "hours field 'two' is not a valid value; allowed: 0-23"),
    ("cron(0 2a ? * * *)", "hours field '2a' is not a valid value"),
    # day-of-month
    ("cron(0 2 0 * ? *)", "day-of-month field '0' is out of range 1-31"),
    ("cron(0 2 32 * ? *)", "day-of-month field '32' is out of range 1-31"),
    ("cron(0 2 32W * ? *)", "day-of-month field '32W': '32' is out of range 1-31"),
    ("cron(0 2 1,L * ? *)", "day-of-month field '1,L': 'L' must be the only value in its field"),
    ("cron(0 2 1W,15 * ? *)", "day-of-month field '1W,15': '1W' must be the only value"),
    ("cron(0 2 L-3 * ? *)", "day-of-month field 'L-3': 'L' is not a valid value"),
    ("cron(0 2 W * ? *)", "day-of-month field 'W' is not a valid value"),
    ("cron(0 2 MON * ? *)", "day-of-month field 'MON' is not a valid value"),
    # month
    ("cron(0 2 ? 13 * *)", "month field '13' is out of range 1-12 (or JAN-DEC)"),
    ("cron(0 2 ? 0 * *)", "month field '0' is out of range 1-12"),
    ("cron(0 2 ? JANUARY * *)", "month field 'JANUARY' is not a month name (JAN-DEC)"),
    ("cron(0 2 ? DEC-JAN * *)", "month field 'DEC-JAN' is a backwards range"),
    ("cron(0 2 ? ? * *)", "month field '?' is only allowed in day-of-month or day-of-week"),
    # day-of-week
    ("cron(0 2 ? * 8 *)", "day-of-week field '8' is out of range 1-7 (or SUN-SAT)"),
    ("cron(0 2 ? * 0 *)", "day-of-week field '0' is out of range 1-7"),
    ("cron(0 2 ? * FOO *)", "day-of-week field 'FOO' is not a day-of-week name (SUN-SAT)"),
    ("cron(0 2 ? * MONDAY *)", "day-of-week field 'MONDAY' is not a day-of-week name"),
    ("cron(0 2 ? * MON-SUN *)", "day-of-week field 'MON-SUN' is a backwards range"),
    ("cron(0 2 ? * TUE#6 *)", "day-of-week field 'TUE#6' has '6' after '#'; it must be 1-5"),
    ("cron(0 2 ? * TUE#0 *)", "day-of-week field 'TUE#0' has '0' after '#'; it must be 1-5"),
    ("cron(0 2 ? * 8#1 *)", "day-of-week field '8#1': '8' is out of range 1-7"),
    ("cron(0 2 ? * 3#1,6#3 *)", "day-of-week field '3#1,6#3': '3#1' must be the only value"),
    ("cron(0 2 ? * 6L,1 *)", "day-of-week field '6L,1': '6L' must be the only value"),
    ("cron(0 2 ? * 9L *)", "day-of-week field '9L': '9' is out of range 1-7"),
    # '/' is allowed in day-of-week (the User Guide's supported-values table)
    ("cron(0 2 ? * */8 *)", "day-of-week field '*/8' has increment '8'; it must be 1-7"),
    ("cron(0 2 ? * MON# *)", "day-of-week field 'MON#' is not a valid value"),
    ("cron(0 2 ? * 15W *)", "day-of-week field '15W' is not a valid value"),
    # year
    ("cron(0 2 ? * * 1969)", "year field '1969' is out of range 1970-2199"),
    ("cron(0 2 ? * * 2200)", "year field '2200' is out of range 1970-2199"),
    ("cron(0 2 ? * * 26)", "year field '26' is out of range 1970-2199"),
    ("cron(0 2 ? * * 2030-2026)", "year field '2030-2026' is a backwards range"),
    ("cron(0 2 ? * * ?)", "year field '?' is only allowed in day-of-month or day-of-week"),
    # the seconds field
    ("cron(60 0 2 ? * * *)", "seconds field '60' is out of range 0-59"),
    ("cron(* 0 2 ? * * *)", "seconds field '*' runs more than once a minute"),
    ("cron(0,30 0 2 ? * * *)", "seconds field '0,30' runs more than once a minute"),
    ("cron(0 0/2 2 ? * * *)", "minutes field '0/2' runs as often as every 2 minutes"),
    ("cron(0 2 ? * * *)\n", "must not have leading or trailing whitespace"),
    # the day fields together
    (
        "cron(0 2 * * * *)",
        "'cron(0 2 * * * *)': exactly one of day-of-month and day-of-week must be '?', "
        "got '*' and '*'",
    ),
    (
        "cron(0 2 ? * ? *)",
        "exactly one of day-of-month and day-of-week must be '?', got '?' and '?'",
    ),
    ("cron(0 2 1 * MON *)", "must be '?', got '1' and 'MON'"),
    ("cron(0 2 L * 6L *)", "must be '?', got 'L' and '6L'"),
    # the 5-minute minimum
    (
        "cron(0/2 * ? * * *)",
        "'cron(0/2 * ? * * *)': minutes field '0/2' runs as often as every 2 minutes "
        "(minute 0, then minute 2); maintenance windows allow at most one run every 5 minutes",
    ),
    ("cron(* * ? * * *)", "minutes field '*' runs every minute"),
    ("cron(* 3 ? * * *)", "minutes field '*' runs every minute"),
    ("cron(0/4 2 ? * * *)", "minutes field '0/4' runs as often as every 4 minutes"),
    ("cron(0,3 2 ? * * *)", "minutes field '0,3' runs as often as every 3 minutes"),
    ("cron(10-12 2 ? * * *)", "minutes field '10-12' runs every minute"),
    (
        "cron(58,1 * ? * * *)",
        "minutes field '58,1' runs as often as every 3 minutes (minute 58, then minute 1 of "
        "the next hour, as hours field '*' allows consecutive hours)",
    ),
    ("cron(58,1 3,4 ? * * *)", "as hours field '3,4' allows consecutive hours"),
    ("cron(58,1 0,23 ? * * *)", "as hours field '0,23' allows consecutive hours"),
    ("cron(2/7 * ? * * *)", "runs as often as every 4 minutes (minute 58, then minute 2"),
    # rate
    (
        "rate(1 hours)",
        "'rate(1 hours)': unit must be singular when the value is 1 ('hour'), got 'hours'",
    ),
    ("rate(5 minute)", "unit must be plural when the value is 5 ('minutes'), got 'minute'"),
    ("rate(2 day)", "unit must be plural when the value is 2 ('days'), got 'day'"),
    ("rate(4 minutes)", "'rate(4 minutes)': runs every 4 minutes; maintenance windows allow"),
    ("rate(1 minute)", "runs every minute; maintenance windows allow at most one run every 5"),
    ("rate(0 minutes)", "rate value '0' must be at least 1"),
    ("rate(05 minutes)", "rate value '05' must not have leading zeros"),
    ("rate(-5 minutes)", "rate value '-5' must be a positive whole number"),
    ("rate(1.5 hours)", "rate value '1.5' must be a positive whole number"),
    ("rate(2 weeks)", "unit 'weeks' must be minute(s), hour(s) or day(s)"),
    ("rate(5 Minutes)", "unit 'Minutes' must be minute(s), hour(s) or day(s), in lower case"),
    ("rate(5minutes)", "must hold a number and a unit separated by one space"),
    ("rate(5  minutes)", "must hold a number and a unit separated by one space"),
    ("rate()", "must hold a number and a unit separated by one space"),
    # at
    ("at(2026-02-30T02:00:00)", "'2026-02-30T02:00:00' is not a real date-time: day 30 is out"),
    ("at(2025-02-29T02:00:00)", "day 29 is out of range 01-28 for 2025-02"),
    ("at(2026-13-01T02:00:00)", "month 13 is out of range 01-12"),
    ("at(2026-04-07T24:00:00)", "hour 24 is out of range 00-23"),
    ("at(2026-04-07T02:60:00)", "minute 60 is out of range 00-59"),
    ("at(2026-04-07T02:00:60)", "second 60 is out of range 00-59"),
    ("at(0000-01-01T00:00:00)", "year 0000 is out of range"),
    ("at(2026-04-07T02:00)", "must hold a date-time as yyyy-mm-ddThh:mm:ss"),
    ("at(2026-04-07 02:00:00)", "must hold a date-time as yyyy-mm-ddThh:mm:ss"),
    ("at(2026-04-07t02:00:00)", "must hold a date-time as yyyy-mm-ddThh:mm:ss"),
    ("at(2026-04-07T02:00:00Z)", "got '2026-04-07T02:00:00Z'"),
    ("at(2026-4-7T02:00:00)", "must hold a date-time as yyyy-mm-ddThh:mm:ss"),
]


def assert_problem_style(problem: str) -> None:
    """Problem strings are one line, trimmed, and end without a period."""
    assert "\n" not in problem
    assert problem == problem.strip()
    assert not problem.endswith(".")


def test_tables_are_large_enough() -> None:
    assert len(VALID) >= 40
    assert len(INVALID) >= 60
    assert len(set(VALID)) == len(VALID)
    assert len({expression for expression, _ in INVALID}) == len(INVALID)


@pytest.mark.parametrize("expression", VALID)
def test_valid_expressions_have_no_problem(expression: str) -> None:
    assert schedule_expression_problem(expression) is None


@pytest.mark.parametrize(("expression", "expected"), INVALID)
def test_invalid_expressions_say_what_is_wrong(expression: str, expected: str) -> None:
    problem = schedule_expression_problem(expression)
    assert problem is not None
    assert expected in problem
    assert problem.startswith("'")
    assert_problem_style(problem)


@pytest.mark.parametrize("expression", LAB_SCHEDULES)
def test_lab_schedules_are_valid(expression: str) -> None:
    assert schedule_expression_problem(expression) is None


def test_long_values_are_quoted_shortened_on_one_line() -> None:
    problem = schedule_expression_problem("x" * 300)
    assert problem == f"'{'x' * 77}...': is 300 characters long; at most 256 are allowed"


def test_non_string_input_is_a_problem_not_an_exception() -> None:
    assert schedule_expression_problem(42) == "must be a string, got int"  # type: ignore[arg-type]


# --- cron_field_problem -----------------------------------------------------------------------

VALID_FIELDS = [
    ("minutes", "0"),
    ("minutes", "59"),
    ("minutes", "*"),
    ("minutes", "0/2"),  # the 5-minute minimum is a whole-expression rule
    ("minutes", "*/15"),
    ("minutes", "5-50/5"),
    ("minutes", "0,15,30,45"),
    ("hours", "23"),
    ("hours", "8-17"),
    ("hours", "*/6"),
    ("day_of_month", "?"),
    ("day_of_month", "L"),
    ("day_of_month", "LW"),
    ("day_of_month", "15W"),
    ("day_of_month", "1-15/2"),
    ("day_of_month", "1,15,31"),
    ("month", "JAN-MAR"),
    ("month", "jul"),
    ("month", "1/3"),
    ("month", "*"),
    ("day_of_week", "?"),
    ("day_of_week", "MON-FRI"),
    ("day_of_week", "L"),
    ("day_of_week", "6L"),
    ("day_of_week", "TUE#2"),
    ("day_of_week", "1,7"),
    ("year", "1970-2199"),
    ("year", "2026/2"),
    ("year", "*"),
    ("seconds", "0"),
    ("seconds", "59"),
    ("seconds", "0/30"),  # one value per minute is a whole-expression rule
    ("day_of_week", "SUN/2"),
]

INVALID_FIELDS = [
    ("minutes", "", "minutes field '' is empty; allowed: 0-59 with , - * /"),
    ("minutes", "61", "minutes field '61' is out of range 0-59"),
    ("minutes", "?", "minutes field '?' is only allowed in day-of-month or day-of-week"),
    ("minutes", "0 5", "minutes field '0 5' contains ' ', which is not allowed"),
    ("minutes", "99999999999999", "minutes field '99999999999999' is out of range 0-59"),
    ("minutes", "0/99999999999999", "has increment '99999999999999'; it must be 1-59"),
    ("hours", "12-", "hours field '12-' is missing a value"),
    ("hours", "٣", "hours field '٣' contains '٣', which is not allowed"),
    ("day_of_month", "LW,1", "day-of-month field 'LW,1': 'LW' must be the only value"),
    ("day_of_month", "0W", "day-of-month field '0W': '0' is out of range 1-31"),
    ("day_of_month", "?,1", "day-of-month field '?,1': '?' cannot be combined"),
    ("month", "FOO", "month field 'FOO' is not a month name (JAN-DEC)"),
    ("month", "0/13", "month field '0/13' has increment '13'; it must be 1-12"),
    ("day_of_week", "SUN/8", "day-of-week field 'SUN/8' has increment '8'; it must be 1-7"),
    ("day_of_week", "TUE#2,THU#2", "day-of-week field 'TUE#2,THU#2': 'TUE#2' must be the only"),
    ("day_of_week", "L,1", "day-of-week field 'L,1': 'L' must be the only value"),
    ("year", "1900", "year field '1900' is out of range 1970-2199"),
    ("year", "2026/230", "year field '2026/230' has increment '230'; it must be 1-229"),
    ("seconds", "60", "seconds field '60' is out of range 0-59"),
    ("seconds", "?", "seconds field '?' is only allowed in day-of-month or day-of-week"),
]


@pytest.mark.parametrize(("field", "value"), VALID_FIELDS)
def test_valid_fields_have_no_problem(field: str, value: str) -> None:
    assert cron_field_problem(field, value) is None


@pytest.mark.parametrize(("field", "value", "expected"), INVALID_FIELDS)
def test_invalid_fields_name_the_field_and_value(field: str, value: str, expected: str) -> None:
    problem = cron_field_problem(field, value)
    assert problem is not None
    assert expected in problem
    assert_problem_style(problem)


def test_every_field_name_is_known() -> None:
    assert FIELD_NAMES == ("minutes", "hours", "day_of_month", "month", "day_of_week", "year")
    for field in FIELD_NAMES:
        assert cron_field_problem(field, "*") is None


def test_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown cron field 'weeks'"):
        cron_field_problem("weeks", "0")


# --- cron_expression --------------------------------------------------------------------------


def test_cron_expression_renders_daily_at_two() -> None:
    assert cron_expression(minutes="0", hours="2") == "cron(0 2 ? * * *)"


def test_cron_expression_defaults_leave_day_of_month_open() -> None:
    assert cron_expression(hours="3", day_of_week="TUE#2") == "cron(0 3 ? * TUE#2 *)"


def test_cron_expression_renders_every_field() -> None:
    rendered = cron_expression("0/30", "*", "*", "*", "?", "*")
    assert rendered == "cron(0/30 * * * ? *)"
    assert schedule_expression_problem(rendered) is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hours": "25"}, "hours: hours field '25' is out of range 0-23"),
        ({"minutes": "60"}, "minutes: minutes field '60' is out of range 0-59"),
        ({"month": "FOO"}, "month: month field 'FOO' is not a month name"),
        ({"year": "1900"}, "year: year field '1900' is out of range"),
        ({"day_of_month": "32", "day_of_week": "?"}, "day_of_month: day-of-month field '32'"),
        ({"day_of_week": "TUE#9"}, "day_of_week: day-of-week field 'TUE#9' has '9' after '#'"),
        ({"day_of_week": "?"}, "day_of_week: exactly one of day-of-month and day-of-week"),
        ({"day_of_month": "1"}, "day_of_month: exactly one of day-of-month and day-of-week"),
        ({"minutes": "0/2"}, "minutes: minutes field '0/2' runs as often as every 2 minutes"),
        ({"minutes": "*", "hours": "2"}, "minutes: minutes field '*' runs every minute"),
        ({"year": ",".join(["2026"] * 60)}, "year: 'cron(0 * ? * * 2026,2026"),
    ],
)
def test_cron_expression_rejects_naming_the_field(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        cron_expression(**fields)


# --- properties -------------------------------------------------------------------------------
# Strategies are built once at import: building them inside @composite draws is slow.

RANGES = {  # field: (low, high, largest increment or 0 when '/' is not allowed)
    "minutes": (0, 59, 59),
    "hours": (0, 23, 23),
    "day_of_month": (1, 31, 31),
    "month": (1, 12, 12),
    "day_of_week": (1, 7, 7),  # '/' is in the User Guide's day-of-week wildcards
    "year": (1970, 2199, 229),
}
NAMES = {
    "month": ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
    "day_of_week": ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"),
}
LETTER_CASES = st.sampled_from([str.upper, str.lower, str.capitalize])


def number_strategy(field: str) -> st.SearchStrategy[tuple[int, str]]:
    """A value of `field` and how it is written: digits, or a name in any letter case."""
    low, high, _ = RANGES[field]
    digits = st.integers(low, high).map(lambda number: (number, str(number)))
    names = NAMES.get(field)
    if names is None:
        return digits
    named = st.tuples(st.integers(0, len(names) - 1), LETTER_CASES).map(
        lambda pair: (low + pair[0], pair[1](names[pair[0]]))
    )
    return digits | named


def render_item(first: tuple[int, str], second: tuple[int, str], step: int, form: int) -> str:
    """Write one list item: n, a-b (a <= b), or, when step > 0, */s, n/s or a-b/s."""
    low, high = sorted([first, second])
    forms = [first[1], f"{low[1]}-{high[1]}"]
    if step:
        forms += [f"*/{step}", f"{first[1]}/{step}", f"{low[1]}-{high[1]}/{step}"]
    return forms[form % len(forms)]


def item_strategy(field: str) -> st.SearchStrategy[str]:
    """One valid list item of `field`."""
    numbers = number_strategy(field)
    max_step = RANGES[field][2]
    steps = st.integers(1, max_step) if max_step else st.just(0)
    return st.tuples(numbers, numbers, steps, st.integers(0, 4)).map(lambda t: render_item(*t))


PLAIN_FIELDS = {
    field: st.just("*") | st.lists(item_strategy(field), min_size=1, max_size=3).map(",".join)
    for field in FIELD_NAMES
}
DAY_OF_MONTH = (
    PLAIN_FIELDS["day_of_month"]
    | st.sampled_from(["L", "LW", "lw"])
    | st.integers(1, 31).map(lambda day: f"{day}W")
)
WEEKDAY = number_strategy("day_of_week").map(lambda pair: pair[1])
DAY_OF_WEEK = (
    PLAIN_FIELDS["day_of_week"]
    | st.just("L")
    | WEEKDAY.map(lambda day: f"{day}L")
    | st.tuples(WEEKDAY, st.integers(1, 5)).map(lambda pair: f"{pair[0]}#{pair[1]}")
)
# the day fields: exactly one '?'
DAY_FIELDS = DAY_OF_MONTH.map(lambda day: (day, "?")) | DAY_OF_WEEK.map(lambda day: ("?", day))


def spaced_minutes(start: int, gaps: list[int], order: int) -> str:
    """Minutes from `start` at least 5 apart, also across the hour, listed in some order."""
    minutes = [start]
    for gap in gaps:
        following = minutes[-1] + gap
        if following > 59 or 60 - following + start < 5:
            break
        minutes.append(following)
    order %= len(minutes)
    return ",".join(str(minute) for minute in minutes[order:] + minutes[:order])


ANY_HOURS = PLAIN_FIELDS["hours"]
# Minutes and hours that never run twice within 5 minutes, by construction.
MINUTES_AND_HOURS = (
    # one run an hour, any hours
    st.tuples(st.integers(0, 59).map(str), ANY_HOURS)
    # n/d with d dividing 60: every d minutes, also across the hour
    | st.tuples(
        st.tuples(st.sampled_from([5, 6, 10, 12, 15, 20, 30]), st.integers(0, 4)).map(
            lambda pair: f"{pair[1]}/{pair[0]}"
        ),
        ANY_HOURS,
    )
    # any increment of 5 or more within a single hour
    | st.tuples(
        st.tuples(st.integers(0, 59), st.integers(5, 59)).map(lambda pair: f"{pair[0]}/{pair[1]}"),
        st.integers(0, 23).map(str),
    )
    # a list of minutes at least 5 apart, any hours
    | st.tuples(
        st.tuples(
            st.integers(0, 4), st.lists(st.integers(5, 25), max_size=12), st.integers(0, 11)
        ).map(lambda t: spaced_minutes(*t)),
        ANY_HOURS,
    )
)
VALID_CRON = st.tuples(
    MINUTES_AND_HOURS, DAY_FIELDS, PLAIN_FIELDS["month"], PLAIN_FIELDS["year"]
).map(lambda t: f"cron({t[0][0]} {t[0][1]} {t[1][0]} {t[2]} {t[1][1]} {t[3]})")


@settings(max_examples=200, derandomize=True)
@given(VALID_CRON)
def test_any_well_formed_cron_is_accepted(expression: str) -> None:
    assert schedule_expression_problem(expression) is None


@settings(max_examples=200, derandomize=True)
@given(VALID_CRON)
def test_cron_expression_accepts_what_the_parser_accepts(expression: str) -> None:
    fields = expression[len("cron(") : -1].split(" ")
    assert cron_expression(*fields) == expression


CORRUPTIONS = st.sampled_from(list("0123456789*?,-/#LW() \t\nxZé٣")) | st.characters()


@settings(max_examples=200, derandomize=True)
@given(
    st.sampled_from(VALID),
    st.integers(0, 300),
    st.sampled_from(["replace", "insert", "delete"]),
    CORRUPTIONS,
)
def test_single_character_corruptions_never_raise(
    expression: str, position: int, operation: str, char: str
) -> None:
    index = position % (len(expression) + 1)
    if operation == "replace":
        corrupted = expression[:index] + char + expression[index + 1 :]
    elif operation == "insert":
        corrupted = expression[:index] + char + expression[index:]
    else:
        corrupted = expression[:index] + expression[index + 1 :]
    problem = schedule_expression_problem(corrupted)
    assert problem is None or isinstance(problem, str)
    if problem is not None:
        assert_problem_style(problem)


@settings(max_examples=200, derandomize=True)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for candidate in (text, f"cron({text})", f"rate({text})", f"at({text})"):
        problem = schedule_expression_problem(candidate)
        assert problem is None or isinstance(problem, str)
        if problem is not None:
            assert_problem_style(problem)


@settings(max_examples=200, derandomize=True)
@given(st.sampled_from(FIELD_NAMES), st.text(max_size=40))
def test_cron_field_problem_never_raises_for_any_value(field: str, value: str) -> None:
    problem = cron_field_problem(field, value)
    assert problem is None or isinstance(problem, str)
    if problem is not None:
        assert_problem_style(problem)
