"""``deployment`` refused at the cdk.json edge, and each of its rules on its own.

Pure: no synthesis (``make mutation`` runs this module against the rules). The stage layout
and the StackSets it makes are in ``test_deployment.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError
from patch_window.rules import deployment as rules
from tests.conftest import multi_region_settings

# -- refusals -----------------------------------------------------------------------------------


def _problems(deployment: Any) -> tuple[str, ...]:
    settings = multi_region_settings()
    settings["deployment"] = deployment
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    return raised.value.problems


ENV = {"name": "test", "account": "111111111111", "regions": ["eu-west-1"]}
D = "patch_window.deployment"


DEPLOYMENT_CASES: list[tuple[Any, str]] = [
        (
            {"environments": [ENV], "home_regoin": "eu-west-1"},
            f"{D}.home_regoin: unknown key; did you mean 'home_region'?",
        ),
        ({"environments": [ENV]}, f"{D}.home_region: is required but missing"),
        (
            {"environments": [ENV], "home_region": "eu-west-9"},
            f"{D}.home_region: must be an AWS Region name such as 'eu-west-1', got 'eu-west-9'; "
            "did you mean 'eu-west-3'?",
        ),
        (
            {"environments": [], "home_region": "eu-west-1"},
            f"{D}.environments: must list at least one environment, got []",
        ),
        (
            {"environments": [{**ENV, "acount": "1"}], "home_region": "eu-west-1"},
            f"{D}.environments[0].acount: unknown key; did you mean 'account'?",
        ),
        (
            {"environments": [{**ENV, "name": "1st"}], "home_region": "eu-west-1"},
            f"{D}.environments[0].name: must be 1-32 letters, digits or '-', starting with a "
            "letter (it is part of stack names), got '1st'",
        ),
        (
            {"environments": [{**ENV, "account": "12345"}], "home_region": "eu-west-1"},
            f"{D}.environments[0].account: must be an AWS account id of 12 digits, such as "
            "'123456789012', got '12345'",
        ),
        (
            {"environments": [{**ENV, "regions": []}], "home_region": "eu-west-1"},
            f"{D}.environments[0].regions: must name at least one Region, got none",
        ),
        (
            {"environments": [{**ENV, "regions": ["us-east-1", "us-east-1"]}],
             "home_region": "eu-west-1"},
            f"{D}.environments[0].regions: must name each Region once, got 'us-east-1' more "
            "than once",
        ),
        (
            {"environments": [ENV, {**ENV, "account": "222222222222"}], "home_region": "eu-west-1"},
            f"{D}.environments[1]: duplicate environment name 'test'; each environment needs "
            "its own name",
        ),
        (
            {"environments": [ENV, {**ENV, "name": "prod"}], "home_region": "eu-west-1"},
            f"{D}.environments[1].account: is already the account of environment 'test', got "
            "'111111111111': the account-global role exists once per account, so each account "
            "belongs to one environment",
        ),
        (
            {"environments": [{**ENV, "window_overrides": [{"window": "PatchWebServer"}]}],
             "home_region": "eu-west-1"},
            f"{D}.environments[0].window_overrides[0].window: names no window of windows[], got "
            "'PatchWebServer'; did you mean 'PatchWebServers'?",
        ),
        (
            {"environments": [{**ENV, "window_overrides": [
                {"window": "PatchWebServers", "cutoff_hours": 3}]}],
             "home_region": "eu-west-1"},
            f"{D}.environments[0].window_overrides[0].cutoff_hours: must be less than the "
            "duration (3 hours), got 3 hours: no task could ever start",
        ),
        (
            {"environments": [{**ENV, "window_overrides": [
                {"window": "PatchWebServers", "schedule": "daily"}]}],
             "home_region": "eu-west-1"},
            f"{D}.environments[0].window_overrides[0].schedule: ",
        ),
        (
            {"environments": [{**ENV, "window_overrides": [
                {"window": "PatchWebServers"}, {"window": "PatchWebServers"}]}],
             "home_region": "eu-west-1"},
            f"{D}.environments[0].window_overrides[1]: duplicate window override name "
            "'PatchWebServers'; each window override needs its own name",
        ),
    ]  # fmt: skip


@pytest.mark.parametrize(("deployment", "expected"), DEPLOYMENT_CASES)
def test_a_bad_deployment_is_refused_with_its_path(deployment: Any, expected: str) -> None:
    problems = _problems(deployment)
    assert any(problem.startswith(expected) for problem in problems), problems
    if not expected.endswith(": "):
        assert expected in problems


def test_a_member_template_past_what_template_url_reads_is_refused() -> None:
    from patch_window.rules import deployment

    assert deployment.inline(51_200)
    assert not deployment.inline(51_201)
    assert deployment.template_body_size(1_000_000) is None
    assert deployment.template_body_size(1_000_001) == (
        "the StackSet member template is 1000001 bytes, more than the 1000000 CloudFormation "
        "reads through TemplateURL (and the 51200 it takes inline): put fewer windows in the "
        "StackSet"
    )


SS = f"{D}.stack_set"
OU = "ou-ab12-cd345678"


STACK_SET_CASES: list[tuple[Any, str]] = [
        ({"regions": ["eu-west-1"]}, f"{SS}.organizational_units: is required but missing"),
        (
            {"organizational_units": ["ou-1"], "regions": ["eu-west-1"]},
            f"{SS}.organizational_units[0]: must be an organizational unit id such as "
            "'ou-ab12-cd345678' or a root id such as 'r-ab12', got 'ou-1'",
        ),
        (
            {"organizational_units": [f"ou-ab12-{i:08d}" for i in range(51)],
             "regions": ["eu-west-1"]},
            f"{SS}.organizational_units: must name at most 50 organizational units, as one "
            "StackSet operation takes, got 51; name a parent OU instead",
        ),
        (
            {"organizational_units": [OU, OU], "regions": ["eu-west-1"]},
            f"{SS}.organizational_units: must name each organizational unit once, got "
            f"'{OU}' more than once",
        ),
        (
            {"organizational_units": [OU], "regions": ["eu-west-1"],
             "max_concurrent_percentage": 0},
            f"{SS}.max_concurrent_percentage: must be a percentage of accounts from 1 to 100, "
            "got 0",
        ),
        (
            {"organizational_units": [OU], "regions": ["eu-west-1"],
             "failure_tolerance_percentage": 101},
            f"{SS}.failure_tolerance_percentage: must be a percentage of accounts from 0 to 100, "
            "got 101",
        ),
        (
            {"organizational_units": [OU], "regions": ["eu-west-1"], "region_concurrency": "ALL"},
            f"{SS}.region_concurrency: must be one of SEQUENTIAL, PARALLEL, got 'ALL'",
        ),
        (
            {"organizational_units": [OU], "regions": ["eu-west-1"], "call_as": "ADMIN"},
            f"{SS}.call_as: must be one of SELF, DELEGATED_ADMIN, got 'ADMIN'",
        ),
        (
            {"organizational_units": [OU], "regions": ["eu-west-1"], "region_order": ["us-east-1"]},
            f"{SS}.region_order: must list only Regions of stack_set.regions (eu-west-1), got "
            "'us-east-1'",
        ),
        (
            {"organizational_units": [OU], "regions": ["eu-west-1"], "auto_deployment": False,
             "retain_stacks_on_account_removal": True},
            f"{SS}.retain_stacks_on_account_removal: applies only with auto_deployment: true "
            "(StackSets then remove an account's stacks as it leaves an OU), got True",
        ),
        (
            {"organizational_units": [OU], "regions": ["eu-west-1"], "auto_deploy": True},
            f"{SS}.auto_deploy: unknown key; did you mean 'auto_deployment'?",
        ),
    ]  # fmt: skip


@pytest.mark.parametrize(("stack_set", "expected"), STACK_SET_CASES)
def test_a_bad_stack_set_is_refused_with_its_path(stack_set: Any, expected: str) -> None:
    assert expected in _problems({"home_region": "eu-west-1", "stack_set": stack_set})


def test_deployment_needs_environments_or_a_stack_set() -> None:
    assert _problems({"home_region": "eu-west-1"}) == (
        f"{D}: must give environments, stack_set or both, got neither",
    )


def bad_settings() -> Iterator[dict[str, Any]]:
    """Every refused configuration of this module (tests/unit/test_refusals.py reaches each
    refusal of the reader with them)."""
    for deployment, _ in DEPLOYMENT_CASES:
        settings = multi_region_settings()
        settings["deployment"] = deployment
        yield settings
    for stack_set, _ in STACK_SET_CASES:
        settings = multi_region_settings()
        settings["deployment"] = {"home_region": "eu-west-1", "stack_set": stack_set}
        yield settings
    settings = multi_region_settings()
    settings["deployment"] = {"home_region": "eu-west-1"}
    yield settings
    yield _offset_window_rescheduled()


def _offset_window_rescheduled() -> dict[str, Any]:
    settings = multi_region_settings()
    settings["windows"][0]["schedule_offset"] = 2
    settings["deployment"]["environments"][0]["window_overrides"] = [
        {"window": "PatchWebServers", "schedule": "rate(1 day)"}
    ]
    return settings


def test_an_override_keeps_a_windows_offset_to_a_cron_schedule() -> None:
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(_offset_window_rescheduled())
    assert raised.value.problems == (
        f"{D}.environments[0].window_overrides[0].schedule: is allowed only with a cron(...) "
        "schedule, got 'rate(1 day)'",
    )


# -- each rule on its own -----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["a", "prod", "Test-2", "a" + "b" * 31])
def test_an_environment_name_is_a_letter_then_up_to_31_more(value: str) -> None:
    assert rules.environment_name(value) is None


@pytest.mark.parametrize("value", ["", "1st", "-a", "a_b", "a" + "b" * 32, "prod\n"])
def test_other_environment_names_are_refused(value: str) -> None:
    assert rules.environment_name(value) == (
        "must be 1-32 letters, digits or '-', starting with a letter (it is part of stack "
        f"names), got {value!r}"
    )


@pytest.mark.parametrize(
    ("value", "ok"),
    [("123456789012", True), ("12345678901", False), ("1234567890123", False),
     ("12345678901a", False), ("123456789012\n", False)],
)  # fmt: skip
def test_an_account_is_12_digits(value: str, ok: bool) -> None:
    assert rules.account(value) == (
        None
        if ok
        else f"must be an AWS account id of 12 digits, such as '123456789012', got {value!r}"
    )


def test_a_region_is_one_aws_publishes_with_a_hint_when_close() -> None:
    assert rules.region("eu-west-1") is None
    assert rules.region("eu-west-9") == (
        "must be an AWS Region name such as 'eu-west-1', got 'eu-west-9'; did you mean 'eu-west-3'?"
    )
    assert rules.region("mars") == "must be an AWS Region name such as 'eu-west-1', got 'mars'"


def test_regions_are_at_least_one_each_once() -> None:
    assert rules.regions(["eu-west-1"]) is None
    assert rules.regions(["eu-west-1", "us-east-1"]) is None
    assert rules.regions([]) == "must name at least one Region, got none"
    assert rules.regions(["us-east-1", "eu-west-1", "us-east-1"]) == (
        "must name each Region once, got 'us-east-1' more than once"
    )
    assert rules.regions(["b-1", "a-1", "b-1", "a-1"]) == (
        "must name each Region once, got 'a-1' more than once"
    )


@pytest.mark.parametrize("value", ["ou-ab12-cd345678", "r-ab12", "ou-abcd-abcdefghijklmnop"])
def test_an_organizational_unit_is_an_ou_or_root_id(value: str) -> None:
    assert rules.organizational_unit(value) is None


@pytest.mark.parametrize("value", ["ou-1", "r-", "ou-ab12-cd345678\n", "ab12", ""])
def test_other_organizational_units_are_refused(value: str) -> None:
    assert rules.organizational_unit(value) == (
        "must be an organizational unit id such as 'ou-ab12-cd345678' or a root id such as "
        f"'r-ab12', got {value!r}"
    )


def test_organizational_units_are_1_to_50_each_once() -> None:
    ous = [f"ou-ab12-{i:08d}" for i in range(51)]
    assert rules.organizational_units(ous[:1]) is None
    assert rules.organizational_units(ous[:50]) is None
    assert rules.organizational_units([]) == "must name at least one organizational unit, got none"
    assert rules.organizational_units(ous) == (
        "must name at most 50 organizational units, as one StackSet operation takes, got 51; "
        "name a parent OU instead"
    )
    assert rules.organizational_units([ous[1], ous[0], ous[1], ous[0]]) == (
        f"must name each organizational unit once, got {ous[0]!r} more than once"
    )


@pytest.mark.parametrize(("value", "ok"), [(0, False), (1, True), (100, True), (101, False)])
def test_max_concurrent_percentage_is_1_to_100(value: int, ok: bool) -> None:
    assert rules.max_concurrent_percentage(value) == (
        None if ok else f"must be a percentage of accounts from 1 to 100, got {value}"
    )


@pytest.mark.parametrize(("value", "ok"), [(-1, False), (0, True), (100, True), (101, False)])
def test_failure_tolerance_percentage_is_0_to_100(value: int, ok: bool) -> None:
    assert rules.failure_tolerance_percentage(value) == (
        None if ok else f"must be a percentage of accounts from 0 to 100, got {value}"
    )


def test_region_concurrency_and_call_as_are_cloudformations_values() -> None:
    assert rules.region_concurrency("SEQUENTIAL") is None
    assert rules.region_concurrency("PARALLEL") is None
    assert rules.region_concurrency("sequential") == (
        "must be one of SEQUENTIAL, PARALLEL, got 'sequential'"
    )
    assert rules.call_as("SELF") is None
    assert rules.call_as("DELEGATED_ADMIN") is None
    assert rules.call_as("self") == "must be one of SELF, DELEGATED_ADMIN, got 'self'"


def test_region_order_names_the_stack_sets_own_regions_each_once() -> None:
    regions = ["eu-west-1", "us-east-1", "eu-central-1"]
    assert rules.region_order([], regions) is None
    assert rules.region_order(["us-east-1", "eu-west-1"], regions) is None
    assert rules.region_order(["eu-west-1", "ap-south-1", "sa-east-1"], regions) == (
        "must list only Regions of stack_set.regions (eu-west-1, us-east-1, eu-central-1), got "
        "'ap-south-1'"
    )
    assert rules.region_order(["us-east-1", "eu-west-1", "us-east-1", "eu-west-1"], regions) == (
        "must name each Region once, got 'eu-west-1' more than once"
    )
