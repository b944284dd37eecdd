"""Every target form: tags (the lab's), tag keys, instance ids and resource groups."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest

from patch_window import (
    MaintenanceWindow,
    PatchWindowStack,
    PatchWindowValidationError,
    Schedule,
    TargetSelector,
)
from patch_window.app.reader import read_settings
from tests.conftest import target_forms_settings


@pytest.fixture(scope="module")
def targets(
    target_forms: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Target properties by target name."""
    return {
        r["Properties"]["Name"]: r["Properties"]
        for r in target_forms[1]["Resources"].values()
        if r["Type"] == "AWS::SSM::MaintenanceWindowTarget"
    }


def test_tags_target_requires_every_tag(targets: dict[str, dict[str, Any]]) -> None:
    assert (targets["TestWebServers"]["ResourceType"], targets["TestWebServers"]["Targets"]) == (
        "INSTANCE",
        [
            {"Key": "tag:Workload", "Values": ["Test"]},
            {"Key": "tag:InstanceRole", "Values": ["WebServer"]},
        ],
    )


def test_tag_keys_target_uses_tag_key(targets: dict[str, dict[str, Any]]) -> None:
    assert targets["AnyPatchGroup"]["ResourceType"] == "INSTANCE"
    assert targets["AnyPatchGroup"]["Targets"] == [
        {"Key": "tag-key", "Values": ["Patch Group", "PatchGroup"]}
    ]


def test_instance_ids_target_lists_the_ids(targets: dict[str, dict[str, Any]]) -> None:
    assert targets["Bastions"]["Targets"] == [
        {"Key": "InstanceIds", "Values": ["i-0123456789abcdef0", "mi-0123456789abcdef0"]}
    ]


def test_resource_group_target_has_resource_group_type_and_filters(
    targets: dict[str, dict[str, Any]],
) -> None:
    assert targets["WebGroup"]["ResourceType"] == "RESOURCE_GROUP"
    assert targets["WebGroup"]["Targets"] == [
        {"Key": "resource-groups:Name", "Values": ["web-servers"]},
        {"Key": "resource-groups:ResourceTypeFilters", "Values": ["AWS::EC2::Instance"]},
    ]


def test_resource_group_without_filters_selects_every_member(
    targets: dict[str, dict[str, Any]],
) -> None:
    assert targets["AllOfDataGroup"]["Targets"] == [
        {"Key": "resource-groups:Name", "Values": ["data"]}
    ]


def test_a_task_without_targets_runs_on_every_form(
    target_forms: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
) -> None:
    (task,) = [
        r["Properties"]
        for r in target_forms[1]["Resources"].values()
        if r["Type"] == "AWS::SSM::MaintenanceWindowTask"
    ]
    assert len(task["Targets"][0]["Values"]) == 5


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        (
            {"name": "Web", "tags": {"k": ["v"]}, "instance_ids": ["i-0123456789abcdef0"]},
            "patch_window.windows[0].targets[1]: must select instances with exactly one of tags, "
            "tag_keys, instance_ids, resource_group, patch_group, got tags and instance_ids",
        ),
        (
            {"name": "Ids", "instance_ids": ["i-123"]},
            "patch_window.windows[0].targets[1].instance_ids: must be instance ids such as "
            "'i-0123456789abcdef0' or 'mi-0123456789abcdef0', got 'i-123'",
        ),
        (
            {"name": "Ids", "instance_ids": [f"i-{n:017x}" for n in range(51)]},
            "patch_window.windows[0].targets[1].instance_ids: must name at most 50 instance ids, "
            "got 51",
        ),
        (
            {"name": "Ids", "instance_ids": []},
            "patch_window.windows[0].targets[1].instance_ids: must name at least one instance id, "
            "got none",
        ),
        (
            {"name": "Keys", "tag_keys": []},
            "patch_window.windows[0].targets[1].tag_keys: must name at least one tag key, got none",
        ),
        (
            {"name": "Keys", "tag_keys": ["bad!"]},
            "patch_window.windows[0].targets[1].tag_keys: tag key must be 1-128 characters, each a "
            "letter, digit, space or one of '_.:/=-@', got 'bad!'",
        ),
        (
            {"name": "Group", "resource_group": {"name": "web servers"}},
            "patch_window.windows[0].targets[1].resource_group.name: must be 1-128 characters, "
            "each a letter, digit, '_', '.' or '-', got 'web servers'",
        ),
        (
            {"name": "Group", "resource_group": {"name": "web", "resource_types": ["EC2"]}},
            "patch_window.windows[0].targets[1].resource_group.resource_types: must be resource "
            "types such as 'AWS::EC2::Instance', got 'EC2'",
        ),
        (
            {"name": "Group", "resource_group": {"nme": "web"}},
            "patch_window.windows[0].targets[1].resource_group.nme: unknown key; did you mean "
            "'name'?",
        ),
    ],
)
def test_bad_target_form_is_rejected(target: dict[str, Any], problem: str) -> None:
    settings = target_forms_settings()
    settings["windows"][0]["targets"] = [*settings["windows"][0]["targets"][:1], target]
    with pytest.raises(PatchWindowValidationError) as caught:
        read_settings(settings)
    assert problem in caught.value.problems


def _window() -> MaintenanceWindow:
    return MaintenanceWindow(
        cdk.Stack(cdk.App(), "S"),
        "W",
        schedule=Schedule.daily(hour=2),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )


def test_library_target_needs_exactly_one_of_tags_and_selector() -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        _window().add_target("T", tags={"k": ["v"]}, selector=TargetSelector.by_tag_keys(["k"]))
    assert str(caught.value) == "S/W/T/Resource: selector give exactly one of tags and selector"


def test_library_selector_problem_names_the_target_path() -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        _window().add_target("T", selector=TargetSelector.by_instance_ids(["web-1"]))
    assert str(caught.value) == (
        "S/W/T/Resource: instance_ids must be instance ids such as 'i-0123456789abcdef0' or "
        "'mi-0123456789abcdef0', got 'web-1'"
    )


def test_a_single_instance_cannot_match_many() -> None:
    assert not TargetSelector.by_instance_ids(["i-0123456789abcdef0"]).may_match_many
    assert TargetSelector.by_resource_group("g").may_match_many
