"""Warnings for legal but likely-wrong values: each advisory alone, then on constructs."""

from __future__ import annotations

import datetime
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest
from aws_cdk.assertions import Annotations

from patch_window import MaintenanceWindow, Schedule, advisories
from patch_window.errors import PatchWindowValidationError
from patch_window.next_runs import WindowTiming
from patch_window.window import check_schedules
from tests.conftest import cdk_context

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 25, tzinfo=UTC)


def test_max_errors_zero_warns_only_for_zero_on_targets_matching_many() -> None:
    assert advisories.max_errors_zero("0", may_match_many=True) is not None
    assert advisories.max_errors_zero("0%", may_match_many=True) is not None
    assert advisories.max_errors_zero("1", may_match_many=True) is None
    assert advisories.max_errors_zero("0", may_match_many=False) is None


def test_window_without_tasks() -> None:
    assert advisories.window_without_tasks(0) == (
        "the window has no task: it opens on schedule and does nothing"
    )
    assert advisories.window_without_tasks(1) is None


def test_window_without_targets_matters_only_when_unregistered_targets_are_refused() -> None:
    assert advisories.window_without_targets(0, allow_unassociated_targets=False) is not None
    assert advisories.window_without_targets(0, allow_unassociated_targets=True) is None
    assert advisories.window_without_targets(1, allow_unassociated_targets=False) is None
    assert (
        advisories.window_without_targets(0, allow_unassociated_targets=False, targetless_tasks=1)
        is None
    )


def test_cutoff_zero() -> None:
    assert advisories.cutoff_zero(0) is not None
    assert advisories.cutoff_zero(1) is None


@pytest.mark.parametrize(
    ("document", "parameters", "warns"),
    [
        ("AWS-RunPatchBaseline", {}, True),
        ("arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline", {"RebootOption": ["x"]}, True),
        ("AWS-RunPatchBaseline", {"Operation": ["Scan"]}, False),
        ("AWS-RunShellScript", {}, False),
    ],
)
def test_patch_baseline_without_operation(
    document: str, parameters: dict[str, list[str]], warns: bool
) -> None:
    assert (advisories.patch_baseline_without_operation(document, parameters) is not None) is warns


def test_tag_whitespace() -> None:
    assert advisories.tag_whitespace({"Workload": ["Test "]}) == (
        "tag 'Workload' has a key or value with leading or trailing whitespace ('Test '): "
        "instances tagged without it will not match"
    )
    assert advisories.tag_whitespace({" Workload": ["Test"]}) is not None
    assert advisories.tag_whitespace({"Workload": ["Test"]}) is None


def test_end_date_passed() -> None:
    assert advisories.end_date_passed(NOW - datetime.timedelta(days=1), NOW) is not None
    assert advisories.end_date_passed(NOW + datetime.timedelta(days=1), NOW) is None


def test_window_never_runs_for_an_at_in_the_past() -> None:
    assert advisories.window_never_runs(WindowTiming("at(2026-01-01T00:00:00)"), NOW) == (
        "at(2026-01-01T00:00:00) is in the past (it is now 2026-11-25T00:00:00+00:00): the "
        "window will never run; schedule a time ahead or remove the window"
    )
    assert advisories.window_never_runs(WindowTiming("at(2027-01-01T00:00:00)"), NOW) is None


def test_window_never_runs_when_the_end_date_comes_before_the_first_run() -> None:
    timing = WindowTiming(
        "cron(0 2 ? * SUN#5 *)", end_date=datetime.datetime(2026, 11, 28, tzinfo=UTC)
    )
    assert advisories.window_never_runs(timing, NOW) == (
        "end_date 2026-11-28T00:00:00+00:00 is before the first run "
        "2026-11-29T02:00:00+00:00: the window will never run"
    )
    later = WindowTiming(
        "cron(0 2 ? * SUN#5 *)", end_date=datetime.datetime(2026, 12, 1, tzinfo=UTC)
    )
    assert advisories.window_never_runs(later, NOW) is None


def test_window_never_runs_leaves_a_passed_end_date_to_end_date_passed() -> None:
    timing = WindowTiming("cron(0 2 ? * * *)", end_date=datetime.datetime(2026, 1, 1, tzinfo=UTC))
    assert advisories.window_never_runs(timing, NOW) is None


def test_window_never_runs_for_a_cron_that_matches_no_later_date() -> None:
    assert advisories.window_never_runs(WindowTiming("cron(0 0 30 2 ? *)"), NOW) == (
        "cron(0 0 30 2 ? *) matches no date after 2026-11-25T00:00:00+00:00: the window will "
        "never run"
    )
    assert advisories.window_never_runs(WindowTiming("cron(0 0 * * ? 2025)"), NOW) is not None


def test_runs_overlap_when_runs_are_closer_than_the_duration() -> None:
    assert advisories.runs_overlap(WindowTiming("cron(0 0/6 ? * * *)"), 7, NOW) == (
        "runs at 2026-11-25T06:00:00+00:00 and 2026-11-25T12:00:00+00:00, 6 h apart, but the "
        "window stays open 7 h: the service skips a run that starts while the previous one is "
        "open (SKIPPED_OVERLAPPING); shorten duration_hours or space the runs out"
    )
    assert advisories.runs_overlap(WindowTiming("cron(0 0/6 ? * * *)"), 6, NOW) is None
    rate = advisories.runs_overlap(WindowTiming("rate(30 minutes)"), 1, NOW)
    assert rate is not None
    assert ", 30 min apart, but the window stays open 1 h" in rate


def test_runs_overlap_finds_an_irregular_gap() -> None:
    """Friday 22:00 and Saturday 02:00 are 4 hours apart; the rest of the week is not."""
    timing = WindowTiming("cron(0 2,22 ? * FRI-SAT *)")
    message = advisories.runs_overlap(timing, 5, NOW)
    assert message is not None
    assert message.startswith(
        "runs at 2026-11-27T22:00:00+00:00 and 2026-11-28T02:00:00+00:00, 4 h apart"
    )
    assert advisories.runs_overlap(timing, 4, NOW) is None


def _daily(hour: int) -> WindowTiming:
    return WindowTiming(f"cron(0 {hour} ? * * *)")


def test_concurrent_windows_over_the_limit() -> None:
    windows = [(f"W{i}", _daily(2), 3) for i in range(6)]
    assert advisories.concurrent_windows(windows, NOW, limit=5) == (
        "6 windows are open at once at 2026-11-25T02:00:00+00:00 (W0, W1, W2, W3, W4, W5), "
        "more than the account's quota of 5 concurrently running maintenance window "
        "executions allows; stagger the schedules or request a higher quota"
    )
    assert advisories.concurrent_windows(windows[:5], NOW, limit=5) is None
    assert advisories.concurrent_windows(windows, NOW, limit=6) is None


def test_concurrent_windows_counts_only_windows_open_together() -> None:
    """A window that closes as another opens does not overlap it; staggered windows pass."""
    windows = [(f"W{i}", _daily(2 * i), 2) for i in range(12)]
    assert advisories.concurrent_windows(windows, NOW, limit=1) is None
    windows.append(("Late", _daily(3), 1))
    message = advisories.concurrent_windows(windows, NOW, limit=1)
    assert message is not None
    assert message.startswith("2 windows are open at once at 2026-11-25T03:00:00+00:00 (Late, W1)")


def test_concurrent_windows_skips_a_window_s_own_overlapping_runs() -> None:
    """The service skips a run of a window that is still open: one window is one execution."""
    windows = [("Tight", WindowTiming("rate(1 hour)"), 3)]
    assert advisories.concurrent_windows(windows, NOW, limit=1) is None


def test_the_default_quota_is_five() -> None:
    from patch_window import defaults

    assert defaults.CONCURRENT_EXECUTIONS == 5


def test_concurrent_windows_message_on_the_stack(warnings: dict[str, list[str]]) -> None:
    [message] = warnings["/Warned"]
    assert message.startswith(
        "2 windows are open at once at 2026-11-26T00:00:00+00:00 (Empty, Tight), more than the "
        "account's quota of 1 concurrently running"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"now": datetime.datetime(2026, 1, 1)},
            "check_schedules: now must carry a time zone (tzinfo), got '2026-01-01T00:00:00'",
        ),
        (
            {"concurrent_executions": 0},
            "check_schedules: concurrent_executions must be a whole number of 1 or more, got 0",
        ),
    ],
)
def test_check_schedules_refuses(kwargs: dict[str, Any], message: str) -> None:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "S")
    with pytest.raises(PatchWindowValidationError) as raised:
        check_schedules(stack, **kwargs)
    assert str(raised.value) == message


def test_every_advisory_id_is_stable_and_prefixed() -> None:
    assert all(advisory.startswith("patch-window:") for advisory in advisories.ALL)
    assert len(set(advisories.ALL)) == len(advisories.ALL)


# -- on constructs: one stack with every warning, synthesized once --------------------------


@pytest.fixture(scope="module")
def warnings() -> dict[str, list[str]]:
    """Warning messages by construct path, from a stack built to trigger each advisory."""
    app = cdk.App(context=cdk_context())
    stack = cdk.Stack(app, "Warned")
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    busy = MaintenanceWindow(
        stack,
        "Busy",
        schedule=Schedule.expression("cron(0 2 ? * * *)"),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(0),
        end_date=datetime.datetime(2020, 1, 1, tzinfo=UTC),
    )
    web = busy.add_target("Web", tags={"Workload": ["Test "]})
    busy.add_run_command_task(
        "Scan",
        document="AWS-RunPatchBaseline",
        role=role,
        targets=[web],
        max_concurrency="1",
        max_errors="0",
    )
    MaintenanceWindow(
        stack,
        "Empty",
        name="Empty",
        schedule=Schedule.expression("rate(1 day)"),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
    MaintenanceWindow(
        stack,
        "Past",
        schedule=Schedule.expression("at(2026-01-01T00:00:00)"),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
    MaintenanceWindow(
        stack,
        "Tight",
        name="Tight",
        schedule=Schedule.expression("cron(0 0/6 ? * * *)"),
        duration=cdk.Duration.hours(7),
        cutoff=cdk.Duration.hours(1),
    )
    check_schedules(stack, now=NOW, concurrent_executions=1)
    app.synth()
    found: dict[str, list[str]] = {}
    for message in Annotations.from_stack(stack).find_warning("*", _any()):
        found.setdefault(message.id, []).append(str(message.entry.data))
    return found


def _any() -> Any:
    from aws_cdk.assertions import Match

    return Match.any_value()


@pytest.mark.parametrize(
    ("path", "advisory"),
    [
        ("/Warned/Busy", advisories.CUTOFF_ZERO),
        ("/Warned/Busy", advisories.END_DATE_PASSED),
        ("/Warned/Busy/Web", advisories.TAG_WHITESPACE),
        ("/Warned/Busy/Scan", advisories.MAX_ERRORS_ZERO),
        ("/Warned/Busy/Scan", advisories.PATCH_BASELINE_WITHOUT_OPERATION),
        ("/Warned/Empty", advisories.WINDOW_WITHOUT_TASKS),
        ("/Warned/Empty", advisories.WINDOW_WITHOUT_TARGETS),
        ("/Warned/Past", advisories.WINDOW_NEVER_RUNS),
        ("/Warned/Tight", advisories.RUNS_OVERLAP),
        ("/Warned", advisories.CONCURRENT_WINDOWS),
    ],
)
def test_construct_carries_the_warning_with_its_id(
    warnings: dict[str, list[str]], path: str, advisory: str
) -> None:
    assert any(message.endswith(f"[ack: {advisory}]") for message in warnings[path])


def test_a_well_formed_window_gets_no_warning(lab_stack: cdk.Stack) -> None:
    assert Annotations.from_stack(lab_stack).find_warning("*", _any()) == []
