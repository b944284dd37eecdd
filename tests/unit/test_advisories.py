"""Warnings for legal but likely-wrong values: each advisory alone, then on constructs."""

from __future__ import annotations

import datetime
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest
from aws_cdk.assertions import Annotations

from patch_window import MaintenanceWindow, Schedule, advisories
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
        schedule=Schedule.expression("rate(1 day)"),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
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
    ],
)
def test_construct_carries_the_warning_with_its_id(
    warnings: dict[str, list[str]], path: str, advisory: str
) -> None:
    assert any(message.endswith(f"[ack: {advisory}]") for message in warnings[path])


def test_a_well_formed_window_gets_no_warning(lab_stack: cdk.Stack) -> None:
    assert Annotations.from_stack(lab_stack).find_warning("*", _any()) == []
