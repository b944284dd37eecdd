"""Each service-quota rule on its own, at its edge, in exact words.

Pure: no synthesis (``make mutation`` runs this module against the rules). The quotas at the
cdk.json and library edges are in ``test_quotas.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from patch_window import defaults
from patch_window.quotas import QUOTA_NAMES, Quotas
from patch_window.rules import quotas as rules
from patch_window.rules import template_counts, template_size

RAISE = "if Service Quotas shows a raised quota for the account, set quotas.{key} to it"


def _message(what: str, limit: int, key: str) -> str:
    return f"would {what}, more than the quota of {limit} (quotas.{key}); " + RAISE.format(key=key)


# -- the rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "what", "key"),
    [
        (rules.windows_per_region, "make {n} maintenance windows in one account and Region",
         "windows"),
        (rules.tasks_per_window, "make {n} tasks in one window", "tasks_per_window"),
        (rules.targets_per_window, "make {n} targets in one window", "targets_per_window"),
        (rules.targets_per_task, "name {n} window targets for one task", "targets_per_task"),
        (rules.instance_ids_per_target, "name {n} instance ids in one target",
         "instance_ids_per_target"),
    ],
)  # fmt: skip
def test_a_count_at_its_quota_passes_and_one_more_is_refused(
    rule: Any, what: str, key: str
) -> None:
    assert rule(7, 7) is None
    assert rule(8, 7) == _message(what.format(n=8), 7, key)


def test_a_task_on_every_target_of_its_window_is_told_to_name_some() -> None:
    assert rules.targets_per_task(11, 10, every=True) == (
        _message("name 11 window targets for one task", 10, "targets_per_task")
        + "; the task runs on every target of its window (as a task without targets does), "
        "so name at most 10 of them in its targets"
    )


@pytest.mark.parametrize("value", [0, -1, True, "5"])
def test_a_quota_is_a_positive_integer(value: Any) -> None:
    assert rules.quota_value(value) == (
        f"must be a positive integer (the quota Service Quotas shows), got {value!r}"
    )


def test_the_instance_id_quota_cannot_pass_what_a_targets_entry_takes() -> None:
    assert rules.instance_ids_quota(50) is None
    assert rules.instance_ids_quota(51) == (
        "must be at most 50: one target's Targets entry takes at most 50 values whatever the "
        "quota, got 51"
    )


def test_the_defaults_are_systems_managers() -> None:
    assert Quotas() == Quotas(
        windows=50,
        tasks_per_window=20,
        targets_per_window=100,
        targets_per_task=10,
        instance_ids_per_target=50,
        concurrent_executions=5,
    )
    assert QUOTA_NAMES == (
        "windows",
        "tasks_per_window",
        "targets_per_window",
        "targets_per_task",
        "instance_ids_per_target",
        "concurrent_executions",
    )
    assert defaults.QUOTA_CONCURRENT_EXECUTIONS == 5


@pytest.mark.parametrize(
    ("resources", "outputs", "problem"),
    [
        (500, 200, None),
        (501, 200, "501 resources (at most 500)"),
        (500, 201, "201 outputs (at most 200)"),
        (501, 201, "501 resources (at most 500) and 201 outputs (at most 200)"),
    ],
)
def test_cloudformations_template_counts_at_their_edges(
    resources: int, outputs: int, problem: str | None
) -> None:
    assert template_counts(resources, outputs) == (
        problem
        and f"the stack would declare {problem}, more than one CloudFormation template may "
        "hold; spread the windows over several stacks"
    )


def test_a_template_is_at_most_what_cloudformation_takes() -> None:
    assert template_size(1_000_000) is None
    assert template_size(1_000_001) == (
        "the template is 1000001 bytes, more than the 1000000 CloudFormation takes; shorten "
        "the largest values (document parameters, payloads) or spread the windows over several "
        "stacks"
    )
