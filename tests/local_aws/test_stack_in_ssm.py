"""Every synthesized template, deployed in-process and read back through the SSM and IAM APIs.

This is the issue's in-process contract: create reads back every property of every window,
target and task; an update (duration, tags, rate control) keeps every id; delete leaves nothing
but the groups that existed before; a missing group fails as AWS would.
"""

from __future__ import annotations

from typing import Any

import pytest

from .expectations import (
    assert_baselines_match,
    assert_iam_matches,
    assert_ssm_matches,
    updated,
)
from .helpers import Aws, deploy, external_role_names, group_names, physical_ids, seed_groups


def stack_name_of(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_")) + "Stack"


def test_every_template_deploys_and_reads_back(
    aws: Aws, synthesized_templates: dict[str, dict[str, Any]]
) -> None:
    assert synthesized_templates, "the suite synthesizes no template"
    for name, template in synthesized_templates.items():
        groups = seed_groups(aws, template)
        stack = deploy(aws, stack_name_of(name), template)
        assert stack["StackStatus"] == "CREATE_COMPLETE", name
        assert_ssm_matches(aws, stack_name_of(name), template)
        assert_baselines_match(aws, stack_name_of(name), template)
        assert_iam_matches(aws, stack_name_of(name), template)
        aws.cloudformation.delete_stack(StackName=stack_name_of(name))
        for group in groups:
            aws.iam.delete_group(GroupName=group)


def test_update_keeps_ids_and_changes_values(
    aws: Aws, synthesized_templates: dict[str, dict[str, Any]]
) -> None:
    for name, template in synthesized_templates.items():
        stack_name = stack_name_of(name)
        groups = seed_groups(aws, template)
        deploy(aws, stack_name, template)
        before = physical_ids(aws, stack_name)

        stack = deploy(aws, stack_name, updated(template))

        assert stack["StackStatus"] == "UPDATE_COMPLETE", name
        assert physical_ids(aws, stack_name) == before, f"{name}: an update replaced something"
        assert_ssm_matches(aws, stack_name, updated(template))
        assert_baselines_match(aws, stack_name, updated(template))
        outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
        for key, output in template.get("Outputs", {}).items():
            if "Ref" in output["Value"]:
                assert outputs[key] == before[output["Value"]["Ref"]], f"{name}: output {key}"
        aws.cloudformation.delete_stack(StackName=stack_name)
        for group in groups:
            aws.iam.delete_group(GroupName=group)


def test_delete_leaves_only_the_existing_groups(
    aws: Aws, synthesized_templates: dict[str, dict[str, Any]]
) -> None:
    for name, template in synthesized_templates.items():
        stack_name = stack_name_of(name)
        groups = seed_groups(aws, template)
        deploy(aws, stack_name, template)
        deploy(aws, stack_name, updated(template))

        aws.cloudformation.delete_stack(StackName=stack_name)

        assert aws.ssm.describe_maintenance_windows()["WindowIdentities"] == [], name
        assert aws.ssm.describe_patch_baselines()["BaselineIdentities"] == [], name
        remaining = sorted(r["RoleName"] for r in aws.iam.list_roles()["Roles"])
        assert remaining == external_role_names(template), name
        assert aws.iam.list_policies(Scope="Local")["Policies"] == [], name
        assert [g["GroupName"] for g in aws.iam.list_groups()["Groups"]] == groups
        for group in groups:
            assert aws.iam.list_attached_group_policies(GroupName=group)["AttachedPolicies"] == []
            aws.iam.delete_group(GroupName=group)
        for role in remaining:
            assert aws.iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"] == []
            aws.iam.delete_role(RoleName=role)


@pytest.mark.parametrize("template_name", ["lab"])
def test_missing_group_fails_clearly_and_leaves_nothing(
    aws: Aws, synthesized_templates: dict[str, dict[str, Any]], template_name: str
) -> None:
    template = synthesized_templates[template_name]
    missing = group_names(template)[0]

    stack = deploy(aws, "NoGroup", template)

    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert f"Group {missing} not found" in stack["StackStatusReason"]
    events = aws.cloudformation.describe_stack_events(StackName="NoGroup")["StackEvents"]
    failed = [e for e in events if e["ResourceStatus"] == "CREATE_FAILED"]
    assert [e["ResourceType"] for e in failed] == ["AWS::IAM::ManagedPolicy"]
    assert failed[0]["ResourceStatusReason"] == f"NoSuchEntity: Group {missing} not found"
    assert aws.cloudformation.describe_stack_resources(StackName="NoGroup")["StackResources"] == []
    assert aws.ssm.describe_maintenance_windows()["WindowIdentities"] == []
    assert aws.iam.list_roles()["Roles"] == []
    assert aws.iam.list_policies(Scope="Local")["Policies"] == []
