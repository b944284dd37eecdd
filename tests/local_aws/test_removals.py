"""Updates that remove: every optional window, target and task property, the window tags, a
task and the targets no task uses any more are gone from SSM after the update.

The update tests of ``test_stack_in_ssm.py`` change and add values; an emulator that kept a
removed value would pass them, so here each template is deployed with every optional property
it has (and tags), then updated to the same template without them, and each removal is read
back.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .expectations import TARGET, TASK, WINDOW, assert_ssm_matches, updated
from .helpers import Aws, deploy, seed_groups
from .test_stack_in_ssm import stack_name_of

OPTIONAL = {
    "AWS::SSM::MaintenanceWindow": (
        "Description", "ScheduleOffset", "ScheduleTimezone", "StartDate", "EndDate", "Tags",
    ),
    "AWS::SSM::MaintenanceWindowTarget": ("Description", "OwnerInformation"),
    "AWS::SSM::MaintenanceWindowTask": ("Description", "CutoffBehavior"),
}  # fmt: skip


def pared(template: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """``template`` without its optional SSM properties, its last task and the targets no task
    names any more (and their outputs); returns it and the logical ids removed."""
    result = copy.deepcopy(template)
    resources = result["Resources"]
    for resource in resources.values():
        for name in OPTIONAL.get(resource["Type"], ()):
            resource.get("Properties", {}).pop(name, None)
    tasks = [i for i, r in resources.items() if r["Type"] == "AWS::SSM::MaintenanceWindowTask"]
    removed = set(tasks[-1:])
    for logical_id in removed:
        del resources[logical_id]
    still_named = json.dumps(resources)
    for logical_id, resource in list(resources.items()):
        if resource["Type"] == "AWS::SSM::MaintenanceWindowTarget" and (
            json.dumps({"Ref": logical_id}) not in still_named
        ):
            del resources[logical_id]
            removed.add(logical_id)
    result["Outputs"] = {
        key: output
        for key, output in result.get("Outputs", {}).items()
        if not set(json.dumps(output["Value"]).split('"')) & removed
    }
    return result, removed


def test_removed_properties_tasks_and_targets_are_gone(
    aws: Aws, synthesized_templates: dict[str, dict[str, Any]]
) -> None:
    for name, template in synthesized_templates.items():
        stack_name = stack_name_of(name)
        groups = seed_groups(aws, template)
        full = updated(template)
        deploy(aws, stack_name, full)
        ids = {
            r["LogicalResourceId"]: r["PhysicalResourceId"]
            for r in aws.cloudformation.list_stack_resources(StackName=stack_name)[
                "StackResourceSummaries"
            ]
        }
        smaller, removed = pared(full)
        assert removed, f"{name}: nothing to remove"
        stack = deploy(aws, stack_name, smaller)
        assert stack["StackStatus"] == "UPDATE_COMPLETE", name
        assert_ssm_matches(aws, stack_name, smaller)
        for logical_id, resource in smaller["Resources"].items():
            kind = resource["Type"]
            if kind not in OPTIONAL:
                continue
            physical = ids[logical_id]
            if kind == "AWS::SSM::MaintenanceWindow":
                read = aws.ssm.get_maintenance_window(WindowId=physical)
                tags = aws.ssm.list_tags_for_resource(
                    ResourceType="MaintenanceWindow", ResourceId=physical
                )["TagList"]
                assert tags == [], f"{name}: {logical_id} kept its tags"
                fields = [WINDOW[p] for p in OPTIONAL[kind] if p != "Tags"]
            elif kind == "AWS::SSM::MaintenanceWindowTarget":
                window_id = ids[resource["Properties"]["WindowId"]["Ref"]]
                read = next(
                    t
                    for t in aws.ssm.describe_maintenance_window_targets(WindowId=window_id)[
                        "Targets"
                    ]
                    if t["WindowTargetId"] == physical
                )
                fields = [TARGET[p] for p in OPTIONAL[kind]]
            else:
                window_id = ids[resource["Properties"]["WindowId"]["Ref"]]
                read = aws.ssm.get_maintenance_window_task(
                    WindowId=window_id, WindowTaskId=physical
                )
                fields = [TASK[p] for p in OPTIONAL[kind]]
            kept = {field: read[field] for field in fields if read.get(field) not in (None, "")}
            assert kept == {}, f"{name}: {logical_id} kept {kept}"
        aws.cloudformation.delete_stack(StackName=stack_name)
        for group in groups:
            aws.iam.delete_group(GroupName=group)
