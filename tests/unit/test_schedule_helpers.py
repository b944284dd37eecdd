"""Readable schedule helpers render the SSM expression and refuse what SSM would."""

from __future__ import annotations

from collections.abc import Callable

import aws_cdk as cdk
import pytest

from patch_window import MaintenanceWindow, PatchWindowValidationError, Schedule


@pytest.mark.parametrize(
    ("build", "expression"),
    [
        (lambda: Schedule.daily(hour=2, minute=0), "cron(0 2 ? * * *)"),
        (lambda: Schedule.daily(hour=23, minute=45), "cron(45 23 ? * * *)"),
        (lambda: Schedule.weekly("SAT", hour=22), "cron(0 22 ? * SAT *)"),
        (lambda: Schedule.weekly("sun", hour=1, minute=30), "cron(30 1 ? * SUN *)"),
        (lambda: Schedule.every(cdk.Duration.minutes(30)), "rate(30 minutes)"),
        (lambda: Schedule.every(cdk.Duration.hours(12)), "rate(12 hours)"),
        (lambda: Schedule.every(cdk.Duration.days(1)), "rate(1 day)"),
        (lambda: Schedule.monthly_on("TUE", 2, hour=3), "cron(0 3 ? * TUE#2 *)"),
        (lambda: Schedule.monthly_on("FRI", 5, hour=0, minute=15), "cron(15 0 ? * FRI#5 *)"),
    ],
)
def test_helper_renders_the_ssm_expression(build: Callable[[], Schedule], expression: str) -> None:
    assert build().expression_string == expression


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Schedule.daily(hour=24), "Schedule.daily: hour must be 0-23, got 24"),
        (lambda: Schedule.daily(hour=2, minute=60), "Schedule.daily: minute must be 0-59, got 60"),
        (
            lambda: Schedule.weekly("FUNDAY", hour=2),
            "Schedule.weekly: day must be one of SUN, MON, TUE, WED, THU, FRI, SAT, got 'FUNDAY'",
        ),
        (
            lambda: Schedule.monthly_on("TUE", 6, hour=3),
            "Schedule.monthly_on: nth must be 1-5, got 6",
        ),
        (
            lambda: Schedule.monthly_on("TUE", 2, hour=3, offset_days=7),
            "Schedule.monthly_on: offset_days must be 1-6 days, got 7",
        ),
    ],
)
def test_helper_refuses_what_ssm_would(build: Callable[[], Schedule], message: str) -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        build()
    assert str(caught.value) == message


def test_every_refuses_more_often_than_five_minutes() -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        Schedule.every(cdk.Duration.minutes(4))
    assert str(caught.value) == (
        "Schedule.expression: 'rate(4 minutes)': runs every 4 minutes; maintenance windows "
        "allow at most one run every 5 minutes"
    )


def test_patch_tuesday_offset_travels_to_the_window() -> None:
    schedule = Schedule.monthly_on("TUE", 2, hour=3, offset_days=2)
    window = MaintenanceWindow(
        cdk.Stack(cdk.App(), "S"),
        "W",
        schedule=schedule,
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
    assert window.resource.schedule_offset == 2
    assert window.resource.schedule == "cron(0 3 ? * TUE#2 *)"


def test_offset_given_twice_is_refused() -> None:
    schedule = Schedule.monthly_on("TUE", 2, hour=3, offset_days=2)
    with pytest.raises(PatchWindowValidationError) as caught:
        MaintenanceWindow(
            cdk.Stack(cdk.App(), "S"),
            "W",
            schedule=schedule,
            schedule_offset=1,
            duration=cdk.Duration.hours(2),
            cutoff=cdk.Duration.hours(1),
        )
    assert str(caught.value) == (
        "S/W/Resource: schedule_offset is set twice: 1 here and 2 in the schedule"
    )
