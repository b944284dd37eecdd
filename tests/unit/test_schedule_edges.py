"""The schedule parser's edges, each in the exact words the user reads.

One row per case: the call, and what it returns (``None``: a valid schedule). Through
``schedule_expression_problem`` (the ``schedule`` rule), the cron field helpers the run-time
calculator uses, and the ``cron_expression`` builder. Pure and fast: ``make mutation`` runs it
against the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from patch_window import schedule_expression

problem = schedule_expression.schedule_expression_problem


def raises(call: Callable[[], Any]) -> str:
    """What ``call`` raises, as ``ValueError: message``."""
    try:
        call()
    except ValueError as error:
        return f"ValueError: {error}"
    return "no error"


CASES = [
    pytest.param(lambda: problem("at(0001-01-01T00:00:00)"), None, id="at_year_1"),
    pytest.param(
        lambda: problem("at(0000-01-01T00:00:00)"),
        (
            "'at(0000-01-01T00:00:00)': '0000-01-01T00:00:00' is not a real date-time: year "
            "0000 is out of range 0001-9999"
        ),
        id="at_year_0",
    ),
    pytest.param(lambda: problem("at(2027-01-01T00:00:00)"), None, id="at_month_1"),
    pytest.param(lambda: problem("at(2027-12-31T23:59:59)"), None, id="at_month_12"),
    pytest.param(
        lambda: problem("at(2027-13-01T00:00:00)"),
        (
            "'at(2027-13-01T00:00:00)': '2027-13-01T00:00:00' is not a real date-time: month "
            "13 is out of range 01-12"
        ),
        id="at_month_13",
    ),
    pytest.param(
        lambda: problem("at(2027-00-01T00:00:00)"),
        (
            "'at(2027-00-01T00:00:00)': '2027-00-01T00:00:00' is not a real date-time: month "
            "00 is out of range 01-12"
        ),
        id="at_month_0",
    ),
    pytest.param(
        lambda: problem("at(2027-02-00T00:00:00)"),
        (
            "'at(2027-02-00T00:00:00)': '2027-02-00T00:00:00' is not a real date-time: day "
            "00 is out of range 01-28 for 2027-02"
        ),
        id="at_day_0",
    ),
    pytest.param(
        lambda: problem("at(2027-02-29T00:00:00)"),
        (
            "'at(2027-02-29T00:00:00)': '2027-02-29T00:00:00' is not a real date-time: day "
            "29 is out of range 01-28 for 2027-02"
        ),
        id="at_day_29",
    ),
    pytest.param(lambda: problem("at(2028-02-29T00:00:00)"), None, id="at_leap"),
    pytest.param(
        lambda: problem("at(2027-02-01T24:00:00)"),
        (
            "'at(2027-02-01T24:00:00)': '2027-02-01T24:00:00' is not a real date-time: hour "
            "24 is out of range 00-23"
        ),
        id="at_hour_24",
    ),
    pytest.param(
        lambda: problem("rate(0 days)"),
        ("'rate(0 days)': rate value '0' must be at least 1"),
        id="rate_0",
    ),
    pytest.param(
        lambda: problem("rate(00 days)"),
        ("'rate(00 days)': rate value '00' must be at least 1"),
        id="rate_00",
    ),
    pytest.param(
        lambda: problem("rate(01 days)"),
        ("'rate(01 days)': rate value '01' must not have leading zeros"),
        id="rate_01",
    ),
    pytest.param(
        lambda: problem("CRON(0 2 ? * * *)"),
        ("'CRON(0 2 ? * * *)': cron, rate and at must be lower case, e.g. cron(0 2 ? * * *)"),
        id="wrapper_upper",
    ),
    pytest.param(
        lambda: problem("cron(0 2 ? * * *"),
        ("'cron(0 2 ? * * *': must end with ')'; must be cron(...), rate(...) or at(...)"),
        id="wrapper_open",
    ),
    pytest.param(
        lambda: problem("daily"),
        ("'daily': must be cron(...), rate(...) or at(...)"),
        id="wrapper_other",
    ),
    pytest.param(
        lambda: problem("cron(0\t2 ? * * *)"),
        (
            "'cron(0\\t2 ? * * *)': cron fields must be separated by single spaces, not tabs "
            "or line breaks"
        ),
        id="cron_tab",
    ),
    pytest.param(
        lambda: problem("cron( 0 2 ? * * *)"),
        ("'cron( 0 2 ? * * *)': cron(...) must not have spaces just inside its parentheses"),
        id="cron_inner_space",
    ),
    pytest.param(
        lambda: problem("cron(0  2 ? * * *)"),
        ("'cron(0  2 ? * * *)': cron fields must be separated by single spaces"),
        id="cron_double_space",
    ),
    pytest.param(
        lambda: problem("cron(0 2 ? * *)"),
        (
            "'cron(0 2 ? * *)': has 5 cron fields; 6 are required: minutes hours "
            "day-of-month month day-of-week year, optionally preceded by seconds (7 fields)"
        ),
        id="cron_5_fields",
    ),
    pytest.param(
        lambda: problem("cron(0,30 0 2 ? * * *)"),
        (
            "'cron(0,30 0 2 ? * * *)': seconds field '0,30' runs more than once a minute "
            "(second 0, then second 30); the seconds field must be a single value 0-59, as "
            "maintenance windows allow at most one run every 5 minutes"
        ),
        id="cron_seconds_many",
    ),
    pytest.param(lambda: problem("cron(30 0 2 ? * * *)"), None, id="cron_seconds_one"),
    pytest.param(
        lambda: problem("cron(58,2 1,2 ? * * *)"),
        (
            "'cron(58,2 1,2 ? * * *)': minutes field '58,2' runs as often as every 4 minutes "
            "(minute 58, then minute 2 of the next hour, as hours field '1,2' allows "
            "consecutive hours); maintenance windows allow at most one run every 5 minutes"
        ),
        id="cron_gap_next_hour",
    ),
    pytest.param(
        lambda: problem("cron(58,2 23,0 ? * * *)"),
        (
            "'cron(58,2 23,0 ? * * *)': minutes field '58,2' runs as often as every 4 "
            "minutes (minute 58, then minute 2 of the next hour, as hours field '23,0' "
            "allows consecutive hours); maintenance windows allow at most one run every 5 "
            "minutes"
        ),
        id="cron_gap_midnight",
    ),
    pytest.param(lambda: problem("cron(58,2 1,3 ? * * *)"), None, id="cron_gap_apart"),
    pytest.param(
        lambda: problem("cron(0-59 2 ? * * *)"),
        (
            "'cron(0-59 2 ? * * *)': minutes field '0-59' runs every minute (minute 0, then "
            "minute 1); maintenance windows allow at most one run every 5 minutes"
        ),
        id="cron_every_minute",
    ),
    pytest.param(
        lambda: problem("cron(" + "10," * 78 + "5,5,10 2 ? * * *)"), None, id="length_256"
    ),
    pytest.param(
        lambda: problem("cron(" + "10," * 78 + "5,10,10 2 ? * * *)"),
        (
            "'cron(10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,.."
            ".': is 257 characters long; at most 256 are allowed"
        ),
        id="length_257",
    ),
    pytest.param(
        lambda: problem("cron(0 2 ? * * *)\x00"),
        ("'cron(0 2 ? * * *)\\x00': must end with ')'; must be cron(...), rate(...) or at(...)"),
        id="quote_control",
    ),
    pytest.param(
        lambda: problem("x" * 80),
        (repr("x" * 80) + ": must be cron(...), rate(...) or at(...)"),
        id="quote_80",
    ),
    pytest.param(
        lambda: problem("x" * 81),
        (
            "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.."
            ".': must be cron(...), rate(...) or at(...)"
        ),
        id="quote_81",
    ),
    pytest.param(
        lambda: problem(5),  # type: ignore[arg-type]  # what a JSON settings file can hold
        ("must be a string, got int"),
        id="not_string",
    ),
    pytest.param(
        lambda: raises(lambda: schedule_expression.cron_field_problem("weeks", "1")),
        (
            "ValueError: unknown cron field 'weeks'; expected one of seconds, minutes, "
            "hours, day_of_month, month, day_of_week, year"
        ),
        id="field_unknown",
    ),
    pytest.param(
        lambda: schedule_expression.cron_field_problem("hours", 5),  # type: ignore[arg-type]
        ("hours field must be a string, got int"),
        id="field_not_string",
    ),
    pytest.param(lambda: schedule_expression.cron_field_problem("hours", "2"), None, id="field_ok"),
    pytest.param(
        lambda: schedule_expression.cron_field_problem("hours", "24"),
        ("hours field '24' is out of range 0-23"),
        id="field_bad",
    ),
    pytest.param(
        lambda: sorted(schedule_expression.cron_field_values("hours", "1-3,22")),
        [1, 2, 3, 22],
        id="values_hours",
    ),
    pytest.param(
        lambda: sorted(schedule_expression.cron_field_values("day_of_week", "MON-WED")),
        [2, 3, 4],
        id="values_dow_names",
    ),
    pytest.param(
        lambda: sorted(schedule_expression.cron_field_values("month", "*/4")),
        [1, 5, 9],
        id="values_month_step",
    ),
    pytest.param(
        lambda: sorted(schedule_expression.cron_field_values("day_of_month", "?")),
        [],
        id="values_question",
    ),
    pytest.param(
        lambda: sorted(schedule_expression.cron_field_values("hours", "*/23")),
        [0, 23],
        id="values_step_edge",
    ),
    pytest.param(
        lambda: problem("cron(0 2 ? * MON#6,TUE *)"),
        (
            "'cron(0 2 ? * MON#6,TUE *)': day-of-week field 'MON#6,TUE': 'MON#6' has '6' "
            "after '#'; it must be 1-5"
        ),
        id="piece_weekday",
    ),
    pytest.param(
        lambda: schedule_expression.cron_field_problem("month", "JAN,MARCH"),
        ("month field 'JAN,MARCH': 'MARCH' is not a month name (JAN-DEC)"),
        id="piece_month_name",
    ),
    pytest.param(
        lambda: schedule_expression.cron_field_problem("hours", "5-3,7"),
        ("hours field '5-3,7': '5-3' is a backwards range; the start must not be after the end"),
        id="piece_backwards",
    ),
    pytest.param(
        lambda: raises(
            lambda: schedule_expression.cron_expression(day_of_week="MON#6", day_of_month="?")
        ),
        ("ValueError: day_of_week: day-of-week field 'MON#6' has '6' after '#'; it must be 1-5"),
        id="blame_day_of_week",
    ),
    pytest.param(
        lambda: raises(lambda: schedule_expression.cron_field_values("hours", "24")),
        ("ValueError: hours field '24' is out of range 0-23"),
        id="values_bad",
    ),
    pytest.param(
        lambda: schedule_expression.cron_field_number("day_of_week", "TUE"), 3, id="number_tue"
    ),
    pytest.param(lambda: schedule_expression.cron_field_number("month", "MAR"), 3, id="number_mar"),
    pytest.param(lambda: schedule_expression.cron_field_number("hours", "17"), 17, id="number_17"),
    pytest.param(
        lambda: raises(lambda: schedule_expression.cron_field_number("month", "MARCH")),
        ("ValueError: month field 'MARCH' is not a month name (JAN-DEC)"),
        id="number_bad",
    ),
    pytest.param(
        lambda: raises(lambda: schedule_expression.cron_field_number("hours", "24")),
        ("ValueError: hours field '24' is out of range 0-23"),
        id="number_out",
    ),
    pytest.param(
        lambda: schedule_expression.cron_expression(minutes="0", hours="2"),
        ("cron(0 2 ? * * *)"),
        id="build_ok",
    ),
    pytest.param(
        lambda: raises(
            lambda: schedule_expression.cron_expression(minutes=",".join(["10"] * 120), hours="2")
        ),
        (
            "ValueError: minutes: 'cron(10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10"
            ",10,10,10,10,10,10,...' is 375 characters long; at most 256 are allowed"
        ),
        id="build_long_minutes",
    ),
    pytest.param(
        lambda: raises(
            lambda: schedule_expression.cron_expression(
                minutes="0", hours="2", year=",".join(["2030"] * 60)
            )
        ),
        (
            "ValueError: year: 'cron(0 2 ? * * "
            "2030,2030,2030,2030,2030,2030,2030,2030,2030,2030,2030,2030,20...' is 315 "
            "characters long; at most 256 are allowed"
        ),
        id="build_long_year",
    ),
    pytest.param(
        lambda: len(schedule_expression.cron_expression(minutes="10," * 78 + "5,5,10", hours="2")),
        256,
        id="build_256",
    ),
    pytest.param(
        lambda: raises(
            lambda: schedule_expression.cron_expression(minutes="10," * 78 + "5,10,10", hours="2")
        ),
        (
            "ValueError: minutes: 'cron(10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10"
            ",10,10,10,10,10,10,...' is 257 characters long; at most 256 are allowed"
        ),
        id="build_257",
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_each_schedule_edge(call: Callable[[], object], expected: object) -> None:
    assert call() == expected
