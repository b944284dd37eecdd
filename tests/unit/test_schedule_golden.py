"""Golden tables: the schedule expressions the SSM User Guide gives for maintenance windows.

Each accepted row holds the expression exactly as the page prints it, the meaning the page gives,
the page address, and the parse the meaning implies (seconds ... year, or rate value and unit,
or the at(...) time), so a row cannot pass by accident. Each refused row holds a form the pages
say is invalid (or a form that breaks a rule the pages state, quoted beside it) and the exact
problem string.

Sources were read from the User Guide's published source (github.com/awsdocs/
aws-systems-manager-user-guide, last revision 2022-08-05, doc_source/*.md) and from the live pages
the addresses name. The CloudFormation reference (AWS::SSM::MaintenanceWindow, Schedule) only says
"The schedule of the maintenance window in the form of a cron or rate expression", 1-256 characters.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from patch_window.schedule_expression import (
    AtSchedule,
    CronSchedule,
    RateSchedule,
    Schedule,
    parse_schedule,
    schedule_expression_problem,
)

_GUIDE = "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
REFERENCE = _GUIDE + "reference-cron-and-rate-expressions.html"
REFERENCE_MW = REFERENCE + "#reference-cron-and-rate-expressions-maintenance-window"
REFERENCE_ASSOC = REFERENCE + "#reference-cron-and-rate-expressions-association"
SCHEDULE_OPTIONS = _GUIDE + "maintenance-windows-schedule-options.html"
SCHEDULE_OPTIONS_2019 = _GUIDE + "reference-maintenance-windows-schedule-options.html"
PATCH_WALKTHROUGH = _GUIDE + "sysman-patch-cliwalk.html"
MW_WALKTHROUGH = _GUIDE + "mw-walkthrough-cli.html"
MW_TUTORIAL_CREATE = _GUIDE + "mw-cli-tutorial-create-mw.html"
MW_TUTORIAL_TASKS = _GUIDE + "mw-cli-tutorial-tasks.html"
STATE_ASSOC = _GUIDE + "sysman-state-assoc.html"
CRON_2017 = _GUIDE + "sysman-maintenance-cron.html"  # "Cron Schedules for Systems Manager", 2017

# A parse: ("cron", seconds, minutes, hours, day-of-month, month, day-of-week, year),
# ("rate", value, unit) or ("at", "yyyy-mm-ddThh:mm:ss").
Parse = tuple[object, ...]


def cron(*fields: str | None) -> Parse:
    """The expected parse of a cron expression: seconds (or None), then the six fields."""
    assert len(fields) == 7
    return ("cron", *fields)


def parts(schedule: Schedule) -> Parse:
    """Flatten a parsed schedule into the tuple form the tables use."""
    if isinstance(schedule, CronSchedule):
        return ("cron", schedule.seconds, *schedule.fields)
    if isinstance(schedule, RateSchedule):
        return ("rate", schedule.value, schedule.unit)
    assert isinstance(schedule, AtSchedule)
    return ("at", schedule.when.isoformat())


# (expression, documented meaning, page, expected parse)
MAINTENANCE_WINDOW_EXAMPLES: list[tuple[str, str, str, Parse]] = [
    # Reference, "Cron and rate expressions for maintenance windows"
    (
        "cron(30 09 ? * * *)",
        "6-field: runs a maintenance window at 9:30 AM every day",
        REFERENCE_MW,
        cron(None, "30", "09", "?", "*", "*", "*"),
    ),
    (
        "cron(24 30 09 ? * * *)",
        "7-field, seconds 24: runs a maintenance window at 9:30:24 AM every day",
        REFERENCE_MW,
        cron("24", "30", "09", "?", "*", "*", "*"),
    ),
    (
        "cron(0 2 ? * THU#3 *)",
        "02:00 AM the third Thursday of every month",
        REFERENCE_MW,
        cron(None, "0", "2", "?", "*", "THU#3", "*"),
    ),
    (
        "cron(15 10 ? * * *)",
        "10:15 AM every day",
        REFERENCE_MW,
        cron(None, "15", "10", "?", "*", "*", "*"),
    ),
    (
        "cron(15 10 ? * MON-FRI *)",
        "10:15 AM every Monday, Tuesday, Wednesday, Thursday and Friday",
        REFERENCE_MW,
        cron(None, "15", "10", "?", "*", "MON-FRI", "*"),
    ),
    (
        "cron(0 2 L * ? *)",
        "02:00 AM on the last day of every month",
        REFERENCE_MW,
        cron(None, "0", "2", "L", "*", "?", "*"),
    ),
    (
        "cron(15 10 ? * 6L *)",
        "10:15 AM on the last Friday of every month",
        REFERENCE_MW,
        cron(None, "15", "10", "?", "*", "6L", "*"),
    ),
    ("rate(30 minutes)", "Every 30 minutes", REFERENCE_MW, ("rate", 30, "minute")),
    ("rate(1 hour)", "Every hour", REFERENCE_MW, ("rate", 1, "hour")),
    ("rate(5 hours)", "Every 5 hours", REFERENCE_MW, ("rate", 5, "hour")),
    ("rate(25 days)", "Every 25 days", REFERENCE_MW, ("rate", 25, "day")),
    # Reference, AWS CLI examples for maintenance windows
    (
        "cron(0 16 ? * TUE *)",
        "4 PM (16:00) every Tuesday",
        REFERENCE_MW,
        cron(None, "0", "16", "?", "*", "TUE", "*"),
    ),
    (
        "cron(30 23 ? * TUE#3 *)",
        "the third Tuesday of every month at 11:30 PM (schedule offset example)",
        REFERENCE_MW,
        cron(None, "30", "23", "?", "*", "TUE#3", "*"),
    ),
    ("rate(7 days)", "every 7 days", REFERENCE_MW, ("rate", 7, "day")),
    (
        "at(2021-07-07T13:15:30)",
        "once, at 1:15:30 PM on July 7, 2021",
        REFERENCE_MW,
        ("at", "2021-07-07T13:15:30"),
    ),
    (
        "at(2019-07-07T13:15:30)",
        "once, at 1:15:30 PM on July 7, 2019 (2019 revision of the page)",
        REFERENCE,
        ("at", "2019-07-07T13:15:30"),
    ),
    # Reference, "General information": single-run schedules and the example table
    (
        "at(2020-07-07T15:55:00)",
        "runs once at the specified time (UTC)",
        REFERENCE,
        ("at", "2020-07-07T15:55:00"),
    ),
    (
        "cron(0 10 * * ? *)",
        "Run at 10:00 am (UTC) every day",
        REFERENCE,
        cron(None, "0", "10", "*", "*", "?", "*"),
    ),
    (
        "cron(15 12 * * ? *)",
        "Run at 12:15 PM (UTC) every day",
        REFERENCE,
        cron(None, "15", "12", "*", "*", "?", "*"),
    ),
    (
        "cron(0 18 ? * MON-FRI *)",
        "Run at 6:00 PM (UTC) every Monday through Friday",
        REFERENCE,
        cron(None, "0", "18", "?", "*", "MON-FRI", "*"),
    ),
    (
        "cron(0 8 1 * ? *)",
        "Run at 8:00 AM (UTC) every 1st day of the month",
        REFERENCE,
        cron(None, "0", "8", "1", "*", "?", "*"),
    ),
    (
        "cron(0/15 * * * ? *)",
        "Run every 15 minutes",
        REFERENCE,
        cron(None, "0/15", "*", "*", "*", "?", "*"),
    ),
    (
        "cron(0/10 * ? * MON-FRI *)",
        "Run every 10 minutes Monday through Friday",
        REFERENCE,
        cron(None, "0/10", "*", "?", "*", "MON-FRI", "*"),
    ),
    (
        "cron(0/5 8-17 ? * MON-FRI *)",
        "Run every 5 minutes Monday through Friday between 8:00 AM and 5:55 PM (UTC)",
        REFERENCE,
        cron(None, "0/5", "8-17", "?", "*", "MON-FRI", "*"),
    ),
    # Maintenance window scheduling and active period options
    (
        "cron(0 09 ? * WED *)",
        "9 AM every Wednesday (in the window's --schedule-timezone)",
        SCHEDULE_OPTIONS,
        cron(None, "0", "09", "?", "*", "WED", "*"),
    ),
    (
        "cron(0 09 ? * FRI *)",
        "9 AM every Friday (2019 revision of the page)",
        SCHEDULE_OPTIONS_2019,
        cron(None, "0", "09", "?", "*", "FRI", "*"),
    ),
    (
        "rate(7 days)",
        "every seven days from the start date",
        SCHEDULE_OPTIONS,
        ("rate", 7, "day"),
    ),
    (
        "at(2020-07-07T15:55:00)",
        "runs just once, at 3:55 PM UTC time on July 7, 2020",
        SCHEDULE_OPTIONS,
        ("at", "2020-07-07T15:55:00"),
    ),
    (
        "cron(0 30 23 ? * TUE#3 *)",
        "7-field, seconds 0: the third Tuesday of every month at 11:30 PM",
        SCHEDULE_OPTIONS,
        cron("0", "30", "23", "?", "*", "TUE#3", "*"),
    ),
    # Walkthrough: Patch a server environment (AWS CLI)
    (
        "cron(0 0 22 ? * TUE *)",
        "7-field, seconds 0: every Tuesday at 10 PM",
        PATCH_WALKTHROUGH,
        cron("0", "0", "22", "?", "*", "TUE", "*"),
    ),
    (
        "cron(0 0 22 ? * SAT *)",
        "7-field, seconds 0: every Saturday at 10 PM",
        PATCH_WALKTHROUGH,
        cron("0", "0", "22", "?", "*", "SAT", "*"),
    ),
    # Maintenance window walkthrough and tutorials (AWS CLI)
    (
        "cron(0 2 ? * SUN *)",
        "weekly on Sundays at 02:00",
        MW_WALKTHROUGH,
        cron(None, "0", "2", "?", "*", "SUN", "*"),
    ),
    ("rate(5 minutes)", "every 5 minutes", MW_TUTORIAL_CREATE, ("rate", 5, "minute")),
    ("rate(7 days)", "once a week", MW_TUTORIAL_TASKS, ("rate", 7, "day")),
    # "Cron Schedules for Systems Manager" (2017 page): its 7-field rows, given there without
    # the cron(...) wrapper; its year-less rows are in SUPERSEDED below
    (
        "cron(0 0 2 ? 1/1 THU#3 *)",
        "02:00 AM the third Thursday of every month",
        CRON_2017,
        cron("0", "0", "2", "?", "1/1", "THU#3", "*"),
    ),
    (
        "cron(0 0 0 21 1/1 ? *)",
        "midnight on the 21st of each month",
        CRON_2017,
        cron("0", "0", "0", "21", "1/1", "?", "*"),
    ),
    (
        "rate(2 days)",
        "runs the Maintenance Window or the association every other day",
        CRON_2017,
        ("rate", 2, "day"),
    ),
]

# The reference's association examples. Its maintenance-window section says: "Unlike State
# Manager associations, maintenance windows support all cron and rate expressions", so every
# association example must be a valid maintenance window schedule too.
ASSOCIATION_EXAMPLES: list[tuple[str, str, str, Parse]] = [
    (
        "cron(0/30 * * * ? *)",
        "Every 30 minutes",
        REFERENCE_ASSOC,
        cron(None, "0/30", "*", "*", "*", "?", "*"),
    ),
    (
        "cron(0 0/1 * * ? *)",
        "Every hour",
        REFERENCE_ASSOC,
        cron(None, "0", "0/1", "*", "*", "?", "*"),
    ),
    (
        "cron(0 0/2 * * ? *)",
        "Every 2 hours",
        REFERENCE_ASSOC,
        cron(None, "0", "0/2", "*", "*", "?", "*"),
    ),
    (
        "cron(0 0/4 * * ? *)",
        "Every 4 hours",
        REFERENCE_ASSOC,
        cron(None, "0", "0/4", "*", "*", "?", "*"),
    ),
    (
        "cron(0 0/8 * * ? *)",
        "Every 8 hours",
        REFERENCE_ASSOC,
        cron(None, "0", "0/8", "*", "*", "?", "*"),
    ),
    (
        "cron(0 0/12 * * ? *)",
        "Every 12 hours",
        REFERENCE_ASSOC,
        cron(None, "0", "0/12", "*", "*", "?", "*"),
    ),
    (
        "cron(15 13 ? * * *)",
        "Every day at 1:15 PM",
        REFERENCE_ASSOC,
        cron(None, "15", "13", "?", "*", "*", "*"),
    ),
    (
        "cron(15 13 ? * MON *)",
        "Every Monday at 1:15 PM",
        REFERENCE_ASSOC,
        cron(None, "15", "13", "?", "*", "MON", "*"),
    ),
    (
        "cron(30 23 ? * TUE#3 *)",
        "The third Tuesday of every month at 11:30 PM",
        REFERENCE_ASSOC,
        cron(None, "30", "23", "?", "*", "TUE#3", "*"),
    ),
    (
        "cron(0 0 ? * THU#2 *)",
        "the second Thursday of every month at midnight UTC",
        REFERENCE_ASSOC,
        cron(None, "0", "0", "?", "*", "THU#2", "*"),
    ),
    (
        "cron(0 0 ? * 3L *)",
        "the last Tuesday of every month at midnight UTC",
        REFERENCE_ASSOC,
        cron(None, "0", "0", "?", "*", "3L", "*"),
    ),
    (
        "cron(0 */30 * * * ? *)",
        "7-field, seconds 0 (the only seconds value associations allow): every 30 minutes",
        REFERENCE_ASSOC,
        cron("0", "*/30", "*", "*", "*", "?", "*"),
    ),
    (
        "cron(0 2 ? * SUN *)",
        "every Sunday at 2:00 AM",
        REFERENCE_ASSOC,
        cron(None, "0", "2", "?", "*", "SUN", "*"),
    ),
    (
        "cron(0 0 2 ? * SUN *)",
        "7-field, seconds 0: every Sunday at 2:00 AM (2020 revision of the page)",
        REFERENCE,
        cron("0", "0", "2", "?", "*", "SUN", "*"),
    ),
    (
        "cron(0 2 ? * SUN#2 *)",
        "the second Sunday of every month at 2:00 AM",
        STATE_ASSOC,
        cron(None, "0", "2", "?", "*", "SUN#2", "*"),
    ),
    ("rate(15 days)", "Every 15 days", REFERENCE_ASSOC, ("rate", 15, "day")),
]

# (expression, the rule the page states, page, exact problem string)
DOCUMENTED_INVALID: list[tuple[str, str, str, str]] = [
    (
        "rate(1 hours)",
        "rate(1 hours) and rate(5 hour) aren't valid",
        REFERENCE,
        "'rate(1 hours)': unit must be singular when the value is 1 ('hour'), got 'hours'",
    ),
    (
        "rate(5 hour)",
        "rate(1 hours) and rate(5 hour) aren't valid",
        REFERENCE,
        "'rate(5 hour)': unit must be plural when the value is 5 ('hours'), got 'hour'",
    ),
    (
        "rate(0 hours)",
        "Value: positive number, such as 1 or 15",
        REFERENCE,
        "'rate(0 hours)': rate value '0' must be at least 1",
    ),
    (
        "rate(1 week)",
        "Unit: minute minutes hour hours day days",
        REFERENCE,
        "'rate(1 week)': unit 'week' must be minute(s), hour(s) or day(s), in lower case",
    ),
    (
        "cron(0 10 1 * MON *)",
        "You can't specify a value in the Day-of-month and in the Day-of-week fields",
        REFERENCE,
        "'cron(0 10 1 * MON *)': exactly one of day-of-month and day-of-week must be '?', "
        "got '1' and 'MON'",
    ),
    (
        "cron(0 10 * * * *)",
        "Support for specifying both a day-of-week and a day-of-month value isn't complete. "
        "Use the question mark (?) character in one of these fields.",
        REFERENCE,
        "'cron(0 10 * * * *)': exactly one of day-of-month and day-of-week must be '?', "
        "got '*' and '*'",
    ),
    (
        "cron(0/1 * * * ? *)",
        "Cron expressions that lead to rates faster than five (5) minute aren't supported",
        REFERENCE,
        "'cron(0/1 * * * ? *)': minutes field '0/1' runs every minute (minute 0, then minute 1); "
        "maintenance windows allow at most one run every 5 minutes",
    ),
    (
        "cron(0,3 10 ? * * *)",
        "Cron expressions that lead to rates faster than five (5) minute aren't supported",
        REFERENCE,
        "'cron(0,3 10 ? * * *)': minutes field '0,3' runs as often as every 3 minutes "
        "(minute 0, then minute 3); maintenance windows allow at most one run every 5 minutes",
    ),
    (
        "cron(0/30 0 10 ? * * *)",
        "rates faster than five (5) minute aren't supported; a seconds value is one second",
        REFERENCE,
        "'cron(0/30 0 10 ? * * *)': seconds field '0/30' runs more than once a minute "
        "(second 0, then second 30); the seconds field must be a single value 0-59, as "
        "maintenance windows allow at most one run every 5 minutes",
    ),
    (
        "cron(0 2 ? * *)",
        "Cron expressions for maintenance windows have six required fields. "
        "Cron expressions for associations have five.",
        REFERENCE,
        "'cron(0 2 ? * *)': has 5 cron fields; 6 are required: minutes hours day-of-month "
        "month day-of-week year, optionally preceded by seconds (7 fields)",
    ),
    (
        "cron(0 0 0 2 ? * * *)",
        "six required fields ... An additional field, the Seconds field (the first in a cron "
        "expression), is optional",
        REFERENCE,
        "'cron(0 0 0 2 ? * * *)': has 8 cron fields; 6 are required: minutes hours "
        "day-of-month month day-of-week year, optionally preceded by seconds (7 fields)",
    ),
    (
        "cron(0 2 ? * THU#6 *)",
        "The # wildcard in the day-of-week field followed by a number between one and five",
        REFERENCE,
        "'cron(0 2 ? * THU#6 *)': day-of-week field 'THU#6' has '6' after '#'; it must be 1-5",
    ),
    (
        "cron(0 2 ? * * 2200)",
        "Year: 1970-2199",
        REFERENCE,
        "'cron(0 2 ? * * 2200)': year field '2200' is out of range 1970-2199",
    ),
    (
        "cron(0 2 ? * 8 *)",
        "Day-of-week: 1-7 or SUN-SAT",
        REFERENCE,
        "'cron(0 2 ? * 8 *)': day-of-week field '8' is out of range 1-7 (or SUN-SAT)",
    ),
    (
        "cron(0 2 ? * 3W *)",
        "The W wildcard in the Day-of-month field specifies a weekday (day-of-week: , - * ? / L)",
        REFERENCE,
        "'cron(0 2 ? * 3W *)': day-of-week field '3W' is not a valid value; "
        "allowed: 1-7 or SUN-SAT, L, nL or n#k with , - * / ?",
    ),
]

# Documented expressions that are refused on purpose: the 2017 page's Quartz rows without a
# year (seconds first, six fields), which the current reference rewrote as six AWS fields
# (e.g. "0 15 10 ? * *" became cron(15 10 ? * * *)), and a typo on the State Manager page.
SUPERSEDED: list[tuple[str, str, str, str]] = [
    (
        "cron(0 15 10 ? * *)",
        "10:15 AM every day",
        CRON_2017,
        "'cron(0 15 10 ? * *)': month field '?' is only allowed in day-of-month or day-of-week",
    ),
    (
        "cron(0 15 10 ? * MON-FRI)",
        "10:15 AM every Monday, Tuesday, Wednesday, Thursday and Friday",
        CRON_2017,
        "'cron(0 15 10 ? * MON-FRI)': month field '?' is only allowed in day-of-month or "
        "day-of-week",
    ),
    (
        "cron(0 0 2 L * ?)",
        "02:00 AM on the last day of every month",
        CRON_2017,
        "'cron(0 0 2 L * ?)': month field 'L' is not a month name (JAN-DEC)",
    ),
    (
        "cron(0 15 10 ? * 6L)",
        "10:15 AM on the last Friday of every month",
        CRON_2017,
        "'cron(0 15 10 ? * 6L)': month field '?' is only allowed in day-of-month or day-of-week",
    ),
    (
        "rate(1day)",
        "typo on the State Manager page (association example); fields are separated by spaces",
        STATE_ASSOC,
        "'rate(1day)': rate(...) must hold a number and a unit separated by one space, "
        "e.g. rate(30 minutes)",
    ),
]

TRAILING_NEWLINES = [
    "cron(0 2 ? * * *)\n",
    "cron(0 0 22 ? * SAT *)\n",
    "rate(30 minutes)\n",
    "at(2020-07-07T15:55:00)\n",
]

ACCEPTED = MAINTENANCE_WINDOW_EXAMPLES + ASSOCIATION_EXAMPLES
REFUSED = DOCUMENTED_INVALID + SUPERSEDED


def test_tables_cover_the_pages() -> None:
    assert len(MAINTENANCE_WINDOW_EXAMPLES) >= 35
    assert len(ASSOCIATION_EXAMPLES) >= 15
    for _, meaning, page, _ in ACCEPTED + REFUSED:
        assert meaning
        assert page.startswith(_GUIDE)
    rows = [(expression, page) for expression, _, page, _ in ACCEPTED]
    assert len(set(rows)) == len(rows)


@pytest.mark.parametrize(("expression", "meaning", "page", "expected"), ACCEPTED)
def test_documented_example_is_accepted(
    expression: str, meaning: str, page: str, expected: Parse
) -> None:
    assert schedule_expression_problem(expression) is None, (meaning, page)
    assert parts(parse_schedule(expression)) == expected, (meaning, page)


@pytest.mark.parametrize(("expression", "rule", "page", "problem"), REFUSED)
def test_documented_invalid_form_is_refused(
    expression: str, rule: str, page: str, problem: str
) -> None:
    assert schedule_expression_problem(expression) == problem, (rule, page)
    with pytest.raises(ValueError, match=f"^{re.escape(problem)}$"):
        parse_schedule(expression)


@pytest.mark.parametrize("expression", TRAILING_NEWLINES)
def test_trailing_newline_is_refused(expression: str) -> None:
    shown = expression[:-1] + "\\n"
    assert schedule_expression_problem(expression) == (
        f"'{shown}': must not have leading or trailing whitespace; "
        "must be cron(...), rate(...) or at(...)"
    )


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("cron(0 2 ? * * *\n)", "cron fields must be separated by single spaces"),
        ("rate(30 minutes\n)", "unit 'minutes\\n' must be minute(s), hour(s) or day(s)"),
        ("at(2020-07-07T15:55:00\n)", "must hold a date-time as yyyy-mm-ddThh:mm:ss"),
        ("cron(0\n 2 ? * * *)", "cron fields must be separated by single spaces"),
        ("cron(0 2 ? * * 2026\n)", "cron fields must be separated by single spaces"),
    ],
)
def test_newline_inside_the_parentheses_is_refused(expression: str, problem: str) -> None:
    found = schedule_expression_problem(expression)
    assert found is not None
    assert problem in found


@pytest.mark.parametrize("second", ["0", "00", "1", "24", "59"])
def test_seconds_field_takes_one_value_0_to_59(second: str) -> None:
    schedule = parse_schedule(f"cron({second} 30 09 ? * * *)")
    assert isinstance(schedule, CronSchedule)
    assert schedule.seconds == second
    assert schedule.fields == ("30", "09", "?", "*", "*", "*")


@pytest.mark.parametrize(
    ("seconds", "problem"),
    [
        ("60", "seconds field '60' is out of range 0-59"),
        ("*", "seconds field '*' runs more than once a minute (second 0, then second 1)"),
        ("0,30", "seconds field '0,30' runs more than once a minute"),
        ("10-20", "seconds field '10-20' runs more than once a minute"),
        ("?", "seconds field '?' is only allowed in day-of-month or day-of-week"),
        ("L", "seconds field 'L' is not a valid value; allowed: 0-59 with , - * /"),
    ],
)
def test_seconds_field_problems(seconds: str, problem: str) -> None:
    found = schedule_expression_problem(f"cron({seconds} 30 09 ? * * *)")
    assert found is not None
    assert problem in found


def test_slash_is_allowed_in_day_of_week() -> None:
    # The User Guide's supported-values table lists ", - * ? / L" for Day-of-week.
    schedule = parse_schedule("cron(0 2 ? * MON/2 *)")
    assert isinstance(schedule, CronSchedule)
    assert schedule.day_of_week == "MON/2"


def test_rate_and_at_parse() -> None:
    assert parse_schedule("rate(90 minutes)") == RateSchedule(90, "minute")
    assert RateSchedule(2, "day").minutes == 2880
    assert parse_schedule("at(2020-07-07T15:55:00)") == AtSchedule(datetime(2020, 7, 7, 15, 55))
