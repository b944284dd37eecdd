"""Bad construct props through the library API: each raises one exact, actionable message."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, cast

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest

from patch_window import (
    MaintenanceWindow,
    MaintenanceWindowRole,
    PatchWindowValidationError,
    Schedule,
)

UTC = datetime.UTC
WIN = "PatchWindow/Window/Resource"
TGT = "PatchWindow/Window/Web/Resource"
TSK = "PatchWindow/Window/Patch/Resource"


def window(**overrides: Any) -> MaintenanceWindow:
    props: dict[str, Any] = {
        "schedule": Schedule.expression("cron(0 2 ? * * *)"),
        "duration": cdk.Duration.hours(3),
        "cutoff": cdk.Duration.hours(1),
        **overrides,
    }
    return MaintenanceWindow(cdk.Stack(cdk.App(), "PatchWindow"), "Window", **props)


def target(**overrides: Any) -> None:
    window().add_target("Web", **{"tags": {"Role": ["Web"]}, **overrides})


def task(**overrides: Any) -> None:
    win = window()
    web = win.add_target("Target", tags={"Role": ["Web"]}, name="Web")
    role = iam.Role(win, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    props: dict[str, Any] = {
        "document": "AWS-RunPatchBaseline",
        "role": role,
        "targets": [web],
        "max_concurrency": "1",
        "max_errors": "1",
        "parameters": {"Operation": ["Install"]},
        **overrides,
    }
    win.add_run_command_task("Patch", **props)


CASES: list[tuple[Callable[..., Any], dict[str, Any], str]] = [
    (
        window,
        {"name": "ab"},
        f"{WIN}: name must be 3-128 characters, each a letter, digit, '-', '_' or '.', got 'ab'",
    ),
    (
        window,
        {"description": ""},
        f"{WIN}: description must be 1-128 characters long, got 0 characters",
    ),
    (window, {"duration": cdk.Duration.hours(0)}, f"{WIN}: duration must be 1-24 hours, got 0"),
    (window, {"duration": cdk.Duration.days(2)}, f"{WIN}: duration must be 1-24 hours, got 48"),
    (
        window,
        {"cutoff": cdk.Duration.hours(24), "duration": cdk.Duration.hours(24)},
        f"{WIN}: cutoff must be 0-23 hours, got 24",
    ),
    (
        window,
        {"cutoff": cdk.Duration.minutes(30)},
        f"{WIN}: cutoff must be a whole number of hours, got 30 minutes",
    ),
    (
        window,
        {"cutoff": cdk.Duration.hours(4)},
        f"{WIN}: cutoff must be less than the duration (3 hours), got 4 hours: "
        "no task could ever start",
    ),
    (window, {"schedule_offset": 0}, f"{WIN}: schedule_offset must be 1-6 days, got 0"),
    (
        window,
        {"schedule_offset": 3, "schedule": Schedule.expression("at(2027-01-01T00:00:00)")},
        f"{WIN}: schedule_offset is allowed only with a cron(...) schedule, "
        "got 'at(2027-01-01T00:00:00)'",
    ),
    (
        window,
        {"schedule": Schedule.expression("rate(1 day)", cdk.TimeZone.of("Mars/Base"))},
        f"{WIN}: schedule.time_zone must be an IANA time zone name such as 'Europe/London' or "
        "'UTC', got 'Mars/Base'",
    ),
    (
        window,
        {"end_date": datetime.datetime(2027, 1, 1)},
        f"{WIN}: end_date must carry a time zone (tzinfo), got '2027-01-01T00:00:00'",
    ),
    (
        window,
        {
            "start_date": datetime.datetime(2027, 1, 2, tzinfo=UTC),
            "end_date": datetime.datetime(2027, 1, 1, tzinfo=UTC),
        },
        f"{WIN}: end_date must be after the start date (2027-01-02T00:00:00+00:00), "
        "got 2027-01-01T00:00:00+00:00",
    ),
    (
        target,
        {"name": "a/b"},
        f"{TGT}: name must be 3-128 characters, each a letter, digit, '-', '_' or '.', got 'a/b'",
    ),
    (
        target,
        {"description": "d" * 129},
        f"{TGT}: description must be 1-128 characters long, got 129 characters",
    ),
    (
        target,
        {"owner_information": ""},
        f"{TGT}: owner_information must be 1-128 characters long, got 0 characters",
    ),
    (target, {"tags": {}}, f"{TGT}: tags must name at least one tag key with values, got none"),
    (target, {"tags": {"Role": []}}, f"{TGT}: tags tag 'Role' must have 1-50 values, got none"),
    (
        target,
        {"tags": {"Role!": ["Web"]}},
        f"{TGT}: tags tag key must be 1-128 characters, each a letter, digit, space or one of "
        "'_.:/=-@', got 'Role!'",
    ),
    (
        target,
        {"tags": {"Role": ["v"] * 2}},
        f"{TGT}: tags tag 'Role' must list each value once, got 'v' more than once",
    ),
    (
        target,
        {"tags": {f"k{i}": ["v"] for i in range(6)}},
        f"{TGT}: tags must have at most 5 tag keys, got 6",
    ),
    (
        task,
        {"name": "x"},
        f"{TSK}: name must be 3-128 characters, each a letter, digit, '-', '_' or '.', got 'x'",
    ),
    (
        task,
        {"description": ""},
        f"{TSK}: description must be 1-128 characters long, got 0 characters",
    ),
    (task, {"priority": -1}, f"{TSK}: priority must be 0-2147483647, got -1"),
    (
        task,
        {"max_concurrency": "0"},
        f"{TSK}: max_concurrency must be a number of targets (1 or more) or a percentage "
        "(1%-100%), got '0'",
    ),
    (
        task,
        {"max_concurrency": "150%"},
        f"{TSK}: max_concurrency must be a number of targets (1 or more) or a percentage "
        "(1%-100%), got '150%'",
    ),
    (
        task,
        {"max_errors": "1.5"},
        f"{TSK}: max_errors must be a number of errors (0 or more) or a percentage (0%-100%), "
        "got '1.5'",
    ),
    (
        task,
        {"parameters": {"Operation": "Install"}},
        "PatchWindow/Window/Patch: parameters['Operation'] must be a list or tuple of strings"
        " (not a single string), got 'Install' (a str)",
    ),
    (
        task,
        {"document_version": "v1"},
        f"{TSK}: document_version must be '$DEFAULT', '$LATEST' or a version number such as '3', "
        "got 'v1'",
    ),
    (
        task,
        {"comment": "c" * 101},
        f"{TSK}: comment must be 0-100 characters long, got 101 characters",
    ),
    (
        task,
        {"timeout": cdk.Duration.seconds(10)},
        f"{TSK}: timeout must be 30-2592000 seconds, got 10",
    ),
    (
        task,
        {"timeout": cdk.Duration.days(31)},
        f"{TSK}: timeout must be 30-2592000 seconds, got 2678400",
    ),
    (task, {"targets": []}, f"{TSK}: targets must name at least one registered target, got none"),
    (
        task,
        {"document": "x"},
        f"{TSK}: document must be a document name (3-128 letters, digits, '-', '_' or '.') or a "
        "document ARN such as 'arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline', got 'x'",
    ),
    (
        task,
        {"max_errors": "-1"},
        f"{TSK}: max_errors must be a number of errors (0 or more) or a percentage (0%-100%), "
        "got '-1'",
    ),
    (
        task,
        {"max_concurrency": "01"},
        f"{TSK}: max_concurrency must be a number of targets (1 or more) or a percentage "
        "(1%-100%), got '01'",
    ),
    (
        task,
        {"comment": "c" * 200},
        f"{TSK}: comment must be 0-100 characters long, got 200 characters",
    ),
    (
        task,
        {"name": "n" * 129},
        f"{TSK}: name must be 3-128 characters, each a letter, digit, '-', '_' or '.', "
        f"got '{'n' * 129}'",
    ),
    (
        task,
        {"document_version": "$default"},
        f"{TSK}: document_version must be '$DEFAULT', '$LATEST' or a version number such as '3', "
        "got '$default'",
    ),
    (
        task,
        {"timeout": cdk.Duration.seconds(29)},
        f"{TSK}: timeout must be 30-2592000 seconds, got 29",
    ),
    (
        target,
        {"tags": {"Role": [str(i) for i in range(51)]}},
        f"{TGT}: tags tag 'Role' must have at most 50 values, got 51",
    ),
    (
        target,
        {"tags": {"": ["v"]}},
        f"{TGT}: tags tag key must be 1-128 characters, each a letter, digit, space or one of "
        "'_.:/=-@', got ''",
    ),
    (
        target,
        {"name": "n" * 129},
        f"{TGT}: name must be 3-128 characters, each a letter, digit, '-', '_' or '.', "
        f"got '{'n' * 129}'",
    ),
    (
        target,
        {"owner_information": "o" * 129},
        f"{TGT}: owner_information must be 1-128 characters long, got 129 characters",
    ),
    (
        window,
        {"name": "n" * 129},
        f"{WIN}: name must be 3-128 characters, each a letter, digit, '-', '_' or '.', "
        f"got '{'n' * 129}'",
    ),
    (
        window,
        {"description": "d" * 129},
        f"{WIN}: description must be 1-128 characters long, got 129 characters",
    ),
    (window, {"duration": cdk.Duration.hours(25)}, f"{WIN}: duration must be 1-24 hours, got 25"),
    (window, {"schedule_offset": 7}, f"{WIN}: schedule_offset must be 1-6 days, got 7"),
    (
        window,
        {"start_date": datetime.datetime(2027, 1, 1)},
        f"{WIN}: start_date must carry a time zone (tzinfo), got '2027-01-01T00:00:00'",
    ),
    (
        window,
        {"duration": cdk.Duration.minutes(150)},
        f"{WIN}: duration must be a whole number of hours, got 2 hours 30 minutes",
    ),
]


@pytest.mark.parametrize(
    ("build", "overrides", "message"),
    CASES,
    ids=[f"{build.__name__}-{'-'.join(overrides)}" for build, overrides, _ in CASES],
)
def test_bad_prop_raises_one_exact_message(
    build: Callable[..., Any], overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        build(**overrides)
    assert caught.value.problems == (message,)


def test_duplicate_target_names_in_one_window_are_rejected() -> None:
    win = window()
    win.add_target("A", tags={"Role": ["Web"]}, name="Web")
    with pytest.raises(PatchWindowValidationError) as caught:
        win.add_target("B", tags={"Role": ["Db"]}, name="Web")
    assert str(caught.value) == (
        "PatchWindow/Window/B/Resource: name 'Web' is already the name of another target of "
        "this window"
    )


def test_duplicate_window_names_in_one_stack_are_rejected() -> None:
    first = window(name="Nightly")
    with pytest.raises(PatchWindowValidationError) as caught:
        MaintenanceWindow(
            cdk.Stack.of(first),
            "Again",
            name="Nightly",
            schedule=Schedule.expression("rate(1 day)"),
            duration=cdk.Duration.hours(2),
            cutoff=cdk.Duration.hours(1),
        )
    assert str(caught.value) == (
        "PatchWindow/Again/Resource: name 'Nightly' is already the name of another window in "
        "this stack"
    )


def test_schedule_cron_names_the_wrong_field() -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        Schedule.cron(minute="0", hour="2", month="13")
    assert str(caught.value).startswith("Schedule.cron: month: ")
    assert "'13'" in str(caught.value)


def test_role_rejects_an_empty_trust() -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        MaintenanceWindowRole(cdk.Stack(cdk.App(), "S"), "Role", trusted_services=[])
    assert (
        str(caught.value)
        == "S/Role/Resource: trusted_services must name at least one service, got []"
    )


def test_unresolved_tokens_pass_through_every_checked_prop() -> None:
    number = cast(int, cdk.Token.as_number(cdk.Fn.ref("Priority")))
    string = cdk.Fn.ref("Text")
    win = window(name=string, description=string)
    web = win.add_target("Web", tags={"Role": [string]}, name=string, owner_information=string)
    role = iam.Role(win, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    win.add_run_command_task(
        "Patch",
        document=string,
        role=role,
        targets=[web],
        max_concurrency=string,
        max_errors=string,
        priority=number,
        document_version=string,
        comment=string,
    )
