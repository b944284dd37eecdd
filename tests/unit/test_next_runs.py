"""Next run times (patch_window.next_runs): golden rows from the SSM User Guide, the service's
scheduling options, daylight saving, and a differential test against croniter.

Every expression of the User Guide's examples with a stated meaning (the tables of
``test_schedule_golden``) has a row here: its first three runs after ``AFTER`` (UTC, a Tuesday),
read against the stated meaning and a calendar. ``at(...)`` rows start from 2019.
"""

from __future__ import annotations

import datetime as dt

import pytest
from croniter import croniter  # type: ignore[import-untyped]
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from patch_window.next_runs import WindowTiming, first_run, iter_runs, next_runs
from patch_window.schedule_expression import schedule_expression_problem
from tests.unit.test_schedule_golden import ASSOCIATION_EXAMPLES, MAINTENANCE_WINDOW_EXAMPLES

UTC = dt.UTC
AFTER = dt.datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
AT_AFTER = dt.datetime(2019, 1, 1, tzinfo=UTC)

# (expression, the meaning the guide states, the first three runs after AFTER, UTC)
GUIDE_RUNS: list[tuple[str, str, list[str]]] = [
    (
        "cron(30 09 ? * * *)",
        "6-field: runs a maintenance window at 9:30 AM every day",
        ["2026-12-02T09:30:00", "2026-12-03T09:30:00", "2026-12-04T09:30:00"],
    ),
    (
        "cron(24 30 09 ? * * *)",
        "7-field, seconds 24: runs a maintenance window at 9:30:24 AM every day",
        ["2026-12-02T09:30:24", "2026-12-03T09:30:24", "2026-12-04T09:30:24"],
    ),
    (
        "cron(0 2 ? * THU#3 *)",
        "02:00 AM the third Thursday of every month",
        ["2026-12-17T02:00:00", "2027-01-21T02:00:00", "2027-02-18T02:00:00"],
    ),
    (
        "cron(15 10 ? * * *)",
        "10:15 AM every day",
        ["2026-12-02T10:15:00", "2026-12-03T10:15:00", "2026-12-04T10:15:00"],
    ),
    (
        "cron(15 10 ? * MON-FRI *)",
        "10:15 AM every Monday, Tuesday, Wednesday, Thursday and Friday",
        ["2026-12-02T10:15:00", "2026-12-03T10:15:00", "2026-12-04T10:15:00"],
    ),
    (
        "cron(0 2 L * ? *)",
        "02:00 AM on the last day of every month",
        ["2026-12-31T02:00:00", "2027-01-31T02:00:00", "2027-02-28T02:00:00"],
    ),
    (
        "cron(15 10 ? * 6L *)",
        "10:15 AM on the last Friday of every month",
        ["2026-12-25T10:15:00", "2027-01-29T10:15:00", "2027-02-26T10:15:00"],
    ),
    (
        "rate(30 minutes)",
        "Every 30 minutes",
        ["2026-12-01T11:30:00", "2026-12-01T12:00:00", "2026-12-01T12:30:00"],
    ),
    (
        "rate(1 hour)",
        "Every hour",
        ["2026-12-01T12:00:00", "2026-12-01T13:00:00", "2026-12-01T14:00:00"],
    ),
    (
        "rate(5 hours)",
        "Every 5 hours",
        ["2026-12-01T16:00:00", "2026-12-01T21:00:00", "2026-12-02T02:00:00"],
    ),
    (
        "rate(25 days)",
        "Every 25 days",
        ["2026-12-26T11:00:00", "2027-01-20T11:00:00", "2027-02-14T11:00:00"],
    ),
    (
        "cron(0 16 ? * TUE *)",
        "4 PM (16:00) every Tuesday",
        ["2026-12-01T16:00:00", "2026-12-08T16:00:00", "2026-12-15T16:00:00"],
    ),
    (
        "cron(30 23 ? * TUE#3 *)",
        "the third Tuesday of every month at 11:30 PM (schedule offset example)",
        ["2026-12-15T23:30:00", "2027-01-19T23:30:00", "2027-02-16T23:30:00"],
    ),
    (
        "rate(7 days)",
        "every 7 days",
        ["2026-12-08T11:00:00", "2026-12-15T11:00:00", "2026-12-22T11:00:00"],
    ),
    ("at(2021-07-07T13:15:30)", "once, at 1:15:30 PM on July 7, 2021", ["2021-07-07T13:15:30"]),
    (
        "at(2019-07-07T13:15:30)",
        "once, at 1:15:30 PM on July 7, 2019 (2019 revision of the page)",
        ["2019-07-07T13:15:30"],
    ),
    ("at(2020-07-07T15:55:00)", "runs once at the specified time (UTC)", ["2020-07-07T15:55:00"]),
    (
        "cron(0 10 * * ? *)",
        "Run at 10:00 am (UTC) every day",
        ["2026-12-02T10:00:00", "2026-12-03T10:00:00", "2026-12-04T10:00:00"],
    ),
    (
        "cron(15 12 * * ? *)",
        "Run at 12:15 PM (UTC) every day",
        ["2026-12-01T12:15:00", "2026-12-02T12:15:00", "2026-12-03T12:15:00"],
    ),
    (
        "cron(0 18 ? * MON-FRI *)",
        "Run at 6:00 PM (UTC) every Monday through Friday",
        ["2026-12-01T18:00:00", "2026-12-02T18:00:00", "2026-12-03T18:00:00"],
    ),
    (
        "cron(0 8 1 * ? *)",
        "Run at 8:00 AM (UTC) every 1st day of the month",
        ["2027-01-01T08:00:00", "2027-02-01T08:00:00", "2027-03-01T08:00:00"],
    ),
    (
        "cron(0/15 * * * ? *)",
        "Run every 15 minutes",
        ["2026-12-01T11:15:00", "2026-12-01T11:30:00", "2026-12-01T11:45:00"],
    ),
    (
        "cron(0/10 * ? * MON-FRI *)",
        "Run every 10 minutes Monday through Friday",
        ["2026-12-01T11:10:00", "2026-12-01T11:20:00", "2026-12-01T11:30:00"],
    ),
    (
        "cron(0/5 8-17 ? * MON-FRI *)",
        "Run every 5 minutes Monday through Friday between 8:00 AM and 5:55 PM (UTC)",
        ["2026-12-01T11:05:00", "2026-12-01T11:10:00", "2026-12-01T11:15:00"],
    ),
    (
        "cron(0 09 ? * WED *)",
        "9 AM every Wednesday (in the window's --schedule-timezone)",
        ["2026-12-02T09:00:00", "2026-12-09T09:00:00", "2026-12-16T09:00:00"],
    ),
    (
        "cron(0 09 ? * FRI *)",
        "9 AM every Friday (2019 revision of the page)",
        ["2026-12-04T09:00:00", "2026-12-11T09:00:00", "2026-12-18T09:00:00"],
    ),
    (
        "cron(0 30 23 ? * TUE#3 *)",
        "7-field, seconds 0: the third Tuesday of every month at 11:30 PM",
        ["2026-12-15T23:30:00", "2027-01-19T23:30:00", "2027-02-16T23:30:00"],
    ),
    (
        "cron(0 0 22 ? * TUE *)",
        "7-field, seconds 0: every Tuesday at 10 PM",
        ["2026-12-01T22:00:00", "2026-12-08T22:00:00", "2026-12-15T22:00:00"],
    ),
    (
        "cron(0 0 22 ? * SAT *)",
        "7-field, seconds 0: every Saturday at 10 PM",
        ["2026-12-05T22:00:00", "2026-12-12T22:00:00", "2026-12-19T22:00:00"],
    ),
    (
        "cron(0 2 ? * SUN *)",
        "weekly on Sundays at 02:00",
        ["2026-12-06T02:00:00", "2026-12-13T02:00:00", "2026-12-20T02:00:00"],
    ),
    (
        "rate(5 minutes)",
        "every 5 minutes",
        ["2026-12-01T11:05:00", "2026-12-01T11:10:00", "2026-12-01T11:15:00"],
    ),
    (
        "cron(0 0 2 ? 1/1 THU#3 *)",
        "02:00 AM the third Thursday of every month",
        ["2026-12-17T02:00:00", "2027-01-21T02:00:00", "2027-02-18T02:00:00"],
    ),
    (
        "cron(0 0 0 21 1/1 ? *)",
        "midnight on the 21st of each month",
        ["2026-12-21T00:00:00", "2027-01-21T00:00:00", "2027-02-21T00:00:00"],
    ),
    (
        "rate(2 days)",
        "runs the Maintenance Window or the association every other day",
        ["2026-12-03T11:00:00", "2026-12-05T11:00:00", "2026-12-07T11:00:00"],
    ),
    (
        "cron(0/30 * * * ? *)",
        "Every 30 minutes",
        ["2026-12-01T11:30:00", "2026-12-01T12:00:00", "2026-12-01T12:30:00"],
    ),
    (
        "cron(0 0/1 * * ? *)",
        "Every hour",
        ["2026-12-01T12:00:00", "2026-12-01T13:00:00", "2026-12-01T14:00:00"],
    ),
    (
        "cron(0 0/2 * * ? *)",
        "Every 2 hours",
        ["2026-12-01T12:00:00", "2026-12-01T14:00:00", "2026-12-01T16:00:00"],
    ),
    (
        "cron(0 0/4 * * ? *)",
        "Every 4 hours",
        ["2026-12-01T12:00:00", "2026-12-01T16:00:00", "2026-12-01T20:00:00"],
    ),
    (
        "cron(0 0/8 * * ? *)",
        "Every 8 hours",
        ["2026-12-01T16:00:00", "2026-12-02T00:00:00", "2026-12-02T08:00:00"],
    ),
    (
        "cron(0 0/12 * * ? *)",
        "Every 12 hours",
        ["2026-12-01T12:00:00", "2026-12-02T00:00:00", "2026-12-02T12:00:00"],
    ),
    (
        "cron(15 13 ? * * *)",
        "Every day at 1:15 PM",
        ["2026-12-01T13:15:00", "2026-12-02T13:15:00", "2026-12-03T13:15:00"],
    ),
    (
        "cron(15 13 ? * MON *)",
        "Every Monday at 1:15 PM",
        ["2026-12-07T13:15:00", "2026-12-14T13:15:00", "2026-12-21T13:15:00"],
    ),
    (
        "cron(0 0 ? * THU#2 *)",
        "the second Thursday of every month at midnight UTC",
        ["2026-12-10T00:00:00", "2027-01-14T00:00:00", "2027-02-11T00:00:00"],
    ),
    (
        "cron(0 0 ? * 3L *)",
        "the last Tuesday of every month at midnight UTC",
        ["2026-12-29T00:00:00", "2027-01-26T00:00:00", "2027-02-23T00:00:00"],
    ),
    (
        "cron(0 */30 * * * ? *)",
        "7-field, seconds 0 (the only seconds value associations allow): every 30 minutes",
        ["2026-12-01T11:30:00", "2026-12-01T12:00:00", "2026-12-01T12:30:00"],
    ),
    (
        "cron(0 0 2 ? * SUN *)",
        "7-field, seconds 0: every Sunday at 2:00 AM (2020 revision of the page)",
        ["2026-12-06T02:00:00", "2026-12-13T02:00:00", "2026-12-20T02:00:00"],
    ),
    (
        "cron(0 2 ? * SUN#2 *)",
        "the second Sunday of every month at 2:00 AM",
        ["2026-12-13T02:00:00", "2027-01-10T02:00:00", "2027-02-14T02:00:00"],
    ),
    (
        "rate(15 days)",
        "Every 15 days",
        ["2026-12-16T11:00:00", "2026-12-31T11:00:00", "2027-01-15T11:00:00"],
    ),
]


def test_every_documented_example_has_a_golden_row() -> None:
    documented = {row[0] for row in MAINTENANCE_WINDOW_EXAMPLES + ASSOCIATION_EXAMPLES}
    assert documented == {row[0] for row in GUIDE_RUNS}


@pytest.mark.parametrize(("expression", "meaning", "expected"), GUIDE_RUNS)
def test_guide_example_runs(expression: str, meaning: str, expected: list[str]) -> None:
    after = AT_AFTER if expression.startswith("at(") else AFTER
    runs = next_runs(WindowTiming(expression), after=after, count=3)
    assert [run.strftime("%Y-%m-%dT%H:%M:%S") for run in runs] == expected, meaning
    assert all(run.utcoffset() == dt.timedelta(0) for run in runs)


def _iso(runs: list[dt.datetime]) -> list[str]:
    return [run.isoformat() for run in runs]


def test_schedule_options_example_1_start_date_and_time_zone() -> None:
    """Example 1: start 2021-01-01T00:00:00-08:00, America/Los_Angeles, cron(0 09 ? * WED *).

    The page says the first run is "Wednesday, January 4, 2021, at 9 AM US Pacific Time";
    January 4, 2021 was a Monday: the first Wednesday after the start date is January 6.
    """
    timing = WindowTiming(
        "cron(0 09 ? * WED *)",
        time_zone="America/Los_Angeles",
        start_date=dt.datetime.fromisoformat("2021-01-01T00:00:00-08:00"),
    )
    runs = next_runs(timing, after=dt.datetime(2020, 6, 1, tzinfo=UTC), count=2)
    assert _iso(runs) == ["2021-01-06T09:00:00-08:00", "2021-01-13T09:00:00-08:00"]


def test_schedule_options_example_2_rate_from_start_date_to_end_date() -> None:
    """Example 2: rate(7 days) from 2019-01-01T00:03:15+09:00 to 2019-06-30T00:06:15+09:00 in
    Asia/Tokyo: every Tuesday from the start date; "the last execution is ... Tuesday, June 25,
    2019". (The page calls the start "3:15 AM"; the timestamp it gives is 00:03:15.)"""
    timing = WindowTiming(
        "rate(7 days)",
        time_zone="Asia/Tokyo",
        start_date=dt.datetime.fromisoformat("2019-01-01T00:03:15+09:00"),
        end_date=dt.datetime.fromisoformat("2019-06-30T00:06:15+09:00"),
    )
    runs = list(iter_runs(timing, after=dt.datetime(2018, 12, 1, tzinfo=UTC)))
    assert runs[0].isoformat() == "2019-01-01T00:03:15+09:00"
    assert runs[-1].isoformat() == "2019-06-25T00:03:15+09:00"
    assert len(runs) == 26
    assert {run.strftime("%a %H:%M:%S") for run in runs} == {"Tue 00:03:15"}


def test_schedule_options_example_3_at_runs_once_in_utc() -> None:
    timing = WindowTiming("at(2020-07-07T15:55:00)")
    assert _iso(list(iter_runs(timing, after=AT_AFTER))) == ["2020-07-07T15:55:00+00:00"]
    assert first_run(timing, after=dt.datetime(2020, 7, 7, 15, 55, tzinfo=UTC)) is None


def test_schedule_options_example_4_offset_two_days_after_third_tuesday() -> None:
    """Example 4: cron(0 30 23 ? * TUE#3 *) with offset 2: "11:30 PM two days after the third
    Tuesday of each month"."""
    timing = WindowTiming("cron(0 30 23 ? * TUE#3 *)", offset_days=2)
    runs = next_runs(timing, after=AFTER, count=3)
    assert _iso(runs) == [
        "2026-12-17T23:30:00+00:00",
        "2027-01-21T23:30:00+00:00",
        "2027-02-18T23:30:00+00:00",
    ]
    assert {run.strftime("%a") for run in runs} == {"Thu"}


def test_offset_in_a_time_zone_with_daylight_saving() -> None:
    """The issue's schedule: the second Tuesday at 03:00 London time, two days later; the
    April run is in summer time."""
    timing = WindowTiming("cron(0 3 ? * TUE#2 *)", time_zone="Europe/London", offset_days=2)
    runs = next_runs(timing, after=AFTER, count=5)
    assert _iso(runs) == [
        "2026-12-10T03:00:00+00:00",
        "2027-01-14T03:00:00+00:00",
        "2027-02-11T03:00:00+00:00",
        "2027-03-11T03:00:00+00:00",
        "2027-04-15T03:00:00+01:00",
    ]


def test_offset_crosses_into_the_next_month() -> None:
    timing = WindowTiming("cron(0 2 L * ? *)", offset_days=1)
    assert _iso(next_runs(timing, after=AFTER, count=2)) == [
        "2027-01-01T02:00:00+00:00",
        "2027-02-01T02:00:00+00:00",
    ]


def test_a_skipped_local_time_runs_as_late_as_the_gap() -> None:
    """2:30 AM does not exist on 2026-03-08 in Los Angeles: the run is at 3:30 AM PDT."""
    timing = WindowTiming("cron(30 2 ? * * *)", time_zone="America/Los_Angeles")
    runs = next_runs(timing, after=dt.datetime(2026, 3, 7, tzinfo=UTC), count=3)
    assert _iso(runs) == [
        "2026-03-07T02:30:00-08:00",
        "2026-03-08T03:30:00-07:00",
        "2026-03-09T02:30:00-07:00",
    ]


def test_a_repeated_local_time_runs_once_at_its_first_occurrence() -> None:
    timing = WindowTiming("cron(30 1 ? * * *)", time_zone="America/Los_Angeles")
    runs = next_runs(timing, after=dt.datetime(2026, 10, 31, 12, tzinfo=UTC), count=3)
    assert _iso(runs) == [
        "2026-11-01T01:30:00-07:00",
        "2026-11-02T01:30:00-08:00",
        "2026-11-03T01:30:00-08:00",
    ]


def test_two_local_times_on_one_instant_run_once() -> None:
    """Every 30 minutes on the night clocks go forward: 02:00 and 02:30 are skipped, and land
    on 03:00 and 03:30, which run once each."""
    timing = WindowTiming("cron(0/30 * * * ? *)", time_zone="America/Los_Angeles")
    runs = next_runs(timing, after=dt.datetime(2026, 3, 8, 9, 0, tzinfo=UTC), count=4)
    assert _iso(runs) == [
        "2026-03-08T01:30:00-08:00",
        "2026-03-08T03:00:00-07:00",
        "2026-03-08T03:30:00-07:00",
        "2026-03-08T04:00:00-07:00",
    ]


def test_rate_in_hours_counts_elapsed_time_across_a_clock_change() -> None:
    timing = WindowTiming(
        "rate(12 hours)",
        time_zone="Europe/London",
        start_date=dt.datetime(2027, 3, 27, 12, tzinfo=UTC),
    )
    runs = next_runs(timing, after=AFTER, count=3)
    assert _iso(runs) == [
        "2027-03-27T12:00:00+00:00",
        "2027-03-28T00:00:00+00:00",  # clocks go forward at 01:00 UTC that night
        "2027-03-28T13:00:00+01:00",
    ]


def test_rate_in_days_keeps_the_wall_clock_time() -> None:
    timing = WindowTiming(
        "rate(1 day)",
        time_zone="Europe/London",
        start_date=dt.datetime(2027, 3, 27, 1, 30, tzinfo=UTC),
    )
    runs = next_runs(timing, after=AFTER, count=3)
    assert _iso(runs) == [
        "2027-03-27T01:30:00+00:00",
        "2027-03-28T02:30:00+01:00",  # 01:30 does not exist that night
        "2027-03-29T01:30:00+01:00",
    ]


def test_rate_without_a_start_date_is_anchored_at_creation() -> None:
    """No start date (or one in the past): the window is taken as created at ``after``."""
    past = WindowTiming("rate(7 days)", start_date=dt.datetime(2020, 1, 1, tzinfo=UTC))
    for timing in (WindowTiming("rate(7 days)"), past):
        assert _iso(next_runs(timing, after=AFTER, count=2)) == [
            "2026-12-08T11:00:00+00:00",
            "2026-12-15T11:00:00+00:00",
        ]


def test_names_years_lists_and_nearest_weekdays() -> None:
    cases = {
        "cron(0 4 ? JAN,MAR SUN#1 2027-2028)": [  # then no year is left
            "2028-01-02T04:00:00+00:00",
            "2028-03-05T04:00:00+00:00",
        ],
        "cron(0 0 1W * ? *)": [  # 2027-05-01 is a Saturday: Monday the 3rd
            "2027-04-01T00:00:00+00:00",
            "2027-05-03T00:00:00+00:00",
            "2027-06-01T00:00:00+00:00",
        ],
        "cron(0 0 LW * ? *)": [  # 2027-04-30 is a Friday, 2027-05-31 a Monday, 2027-06-30 Wed
            "2027-04-30T00:00:00+00:00",
            "2027-05-31T00:00:00+00:00",
            "2027-06-30T00:00:00+00:00",
        ],
        "cron(0 0 31W * ? *)": [  # 2027-10-31 is a Sunday: Friday the 29th; no April 31
            "2027-05-31T00:00:00+00:00",
            "2027-07-30T00:00:00+00:00",  # the 31st is a Saturday
            "2027-08-31T00:00:00+00:00",
        ],
        "cron(0 0 ? * L *)": [  # L alone in day-of-week: Saturday
            "2027-04-03T00:00:00+00:00",
            "2027-04-10T00:00:00+00:00",
            "2027-04-17T00:00:00+00:00",
        ],
        "cron(0 0 ? * MON#5 *)": [  # only months with five Mondays
            "2027-05-31T00:00:00+00:00",
            "2027-08-30T00:00:00+00:00",
            "2027-11-29T00:00:00+00:00",
        ],
    }
    after = dt.datetime(2027, 4, 1, tzinfo=UTC) - dt.timedelta(seconds=1)
    for expression, expected in cases.items():
        assert _iso(next_runs(WindowTiming(expression), after=after, count=3)) == expected, (
            expression
        )


def test_a_cron_that_never_matches_ends() -> None:
    assert next_runs(WindowTiming("cron(0 0 30 2 ? *)"), after=AFTER, count=3) == []
    assert next_runs(WindowTiming("cron(0 0 * * ? 2020)"), after=AFTER, count=3) == []


def test_end_date_stops_the_runs() -> None:
    timing = WindowTiming("cron(0 2 ? * * *)", end_date=dt.datetime(2026, 12, 3, 2, tzinfo=UTC))
    assert _iso(next_runs(timing, after=AFTER, count=5)) == [
        "2026-12-02T02:00:00+00:00",
        "2026-12-03T02:00:00+00:00",
    ]


@pytest.mark.parametrize(
    ("timing", "message"),
    [
        (WindowTiming("cron(0 2 ? * * *)", time_zone="Mars/Olympus"), "not an IANA time zone"),
        (WindowTiming("rate(1 day)", offset_days=2), "schedule_offset applies to cron"),
        (WindowTiming("cron(0 2 ? * * *)", offset_days=7), "must be 1-6 days, got 7"),
        (WindowTiming("cron(0 2 ? * * *)", end_date=dt.datetime(2027, 1, 1)), "time zone"),
        (WindowTiming("cron(0 2 * * * *)"), "exactly one of day-of-month"),
    ],
)
def test_refuses_what_the_service_refuses(timing: WindowTiming, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        next_runs(timing, after=AFTER, count=1)


def test_count_zero_and_naive_after() -> None:
    assert next_runs(WindowTiming("cron(0 2 ? * * *)"), after=AFTER, count=0) == []
    with pytest.raises(ValueError, match="after must carry a time zone"):
        next_runs(WindowTiming("cron(0 2 ? * * *)"), after=dt.datetime(2027, 1, 1), count=1)


# --- differential: croniter, for the subset it shares ----------------------------------------
#
# croniter reads standard five-field cron (day-of-week 0-6 from Sunday; both day fields ORed
# unless one is '*'), with Quartz's L and nW in day-of-month and n#k and Ln in day-of-week. Each
# strategy draws one field and renders it both ways: (the SSM text, the croniter text).

Field = tuple[str, str]


def _numbers(low: int, high: int, shift: int = 0) -> st.SearchStrategy[Field]:
    single = st.integers(low, high).map(lambda n: (str(n), str(n - shift)))
    ranges = (
        st.tuples(st.integers(low, high - 1), st.integers(1, high - low))
        .map(lambda p: (p[0], min(high, p[0] + p[1])))
        .map(lambda p: (f"{min(p)}-{max(p)}", f"{min(p) - shift}-{max(p) - shift}"))
    )
    steps = st.tuples(st.integers(low, high - 1), st.integers(1, high - low)).map(
        lambda p: (f"{p[0]}/{p[1]}", f"{p[0] - shift}-{high - shift}/{p[1]}")
    )
    lists = st.lists(st.integers(low, high), min_size=2, max_size=3, unique=True).map(
        lambda ns: (",".join(map(str, ns)), ",".join(str(n - shift) for n in ns))
    )
    return st.one_of(single, ranges, steps, lists)


MINUTES = _numbers(0, 59)
HOURS = st.one_of(st.just(("*", "*")), _numbers(0, 23))
MONTHS = st.one_of(
    st.just(("*", "*")),
    _numbers(1, 12),
    st.sampled_from([("JAN,JUL", "JAN,JUL"), ("MAR-SEP", "MAR-SEP")]),
)
MONTH_DAYS = st.one_of(
    st.just(("*", "*")),
    _numbers(1, 31),
    st.just(("L", "L")),
    # Days 29-31: croniter moves nW to the last day of a shorter month; Quartz (and
    # next_runs) skip that month. AWS does not say; the rows leave them out.
    st.integers(1, 28).map(lambda n: (f"{n}W", f"{n}W")),
)
WEEKDAYS = st.one_of(
    _numbers(1, 7, shift=1),
    st.sampled_from([("MON-FRI", "MON-FRI"), ("SAT,SUN", "SAT,SUN"), ("TUE", "TUE")]),
    st.tuples(st.integers(1, 7), st.integers(1, 5)).map(
        lambda p: (f"{p[0]}#{p[1]}", f"{p[0] - 1}#{p[1]}")
    ),
    st.integers(1, 7).map(lambda n: (f"{n}L", f"L{n - 1}")),
)


@st.composite
def crons(draw: st.DrawFn) -> tuple[str, str]:
    minutes, hours, months = draw(MINUTES), draw(HOURS), draw(MONTHS)
    if draw(st.booleans()):
        day_of_month, day_of_week = draw(MONTH_DAYS), ("?", "*")
    else:
        day_of_month, day_of_week = ("?", "*"), draw(WEEKDAYS)
    ssm = f"cron({minutes[0]} {hours[0]} {day_of_month[0]} {months[0]} {day_of_week[0]} *)"
    standard = f"{minutes[1]} {hours[1]} {day_of_month[1]} {months[1]} {day_of_week[1]}"
    return ssm, standard


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    crons(),
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
def test_agrees_with_croniter(pair: tuple[str, str], start: dt.datetime) -> None:
    ssm, standard = pair
    assume(schedule_expression_problem(ssm) is None)
    after = start.replace(tzinfo=UTC)
    ours = next_runs(WindowTiming(ssm), after=after, count=6)
    assume(len(ours) == 6)  # croniter searches without end for a day that never comes
    theirs = croniter(standard, after)
    assert _iso(ours) == [theirs.get_next(dt.datetime).isoformat() for _ in ours], (ssm, standard)
