"""The shipped cdk.json synthesizes the lab exactly: one behaviour per test."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Match, Template

ROLE = "AWS::IAM::Role"
POLICY = "AWS::IAM::ManagedPolicy"
WINDOW = "AWS::SSM::MaintenanceWindow"
TARGET = "AWS::SSM::MaintenanceWindowTarget"
TASK = "AWS::SSM::MaintenanceWindowTask"


@pytest.fixture(scope="module")
def template(lab_template: dict[str, Any]) -> Template:
    return Template.from_json(lab_template)


def _only(template: dict[str, Any], kind: str) -> tuple[str, dict[str, Any]]:
    found = [(k, r) for k, r in template["Resources"].items() if r["Type"] == kind]
    assert len(found) == 1, found
    return found[0][0], found[0][1]["Properties"]


def test_role_trusts_the_three_lab_services(template: Template) -> None:
    template.has_resource_properties(
        ROLE,
        {
            "RoleName": "SSMMaintenanceWindowRole",
            "AssumeRolePolicyDocument": {
                "Statement": [
                    {
                        "Action": "sts:AssumeRole",
                        "Effect": "Allow",
                        "Principal": {
                            "Service": [
                                "ec2.amazonaws.com",
                                "sns.amazonaws.com",
                                "ssm.amazonaws.com",
                            ]
                        },
                    }
                ]
            },
        },
    )


def test_role_carries_the_lab_description(lab_template: dict[str, Any]) -> None:
    _, role = _only(lab_template, ROLE)
    assert role["Description"] == "Role for Amazon SSMMaintenanceWindow"


def test_role_has_the_aws_managed_maintenance_window_policy(lab_template: dict[str, Any]) -> None:
    _, role = _only(lab_template, ROLE)
    assert role["ManagedPolicyArns"] == [
        {
            "Fn::Join": [
                "",
                [
                    "arn:",
                    {"Ref": "AWS::Partition"},
                    ":iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole",
                ],
            ]
        }
    ]


def test_pass_role_policy_allows_passing_exactly_the_task_role(
    lab_template: dict[str, Any],
) -> None:
    role_id, _ = _only(lab_template, ROLE)
    _, policy = _only(lab_template, POLICY)
    assert policy["ManagedPolicyName"] == "SSMMaintenanceWindowPassRole"
    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Action": "iam:PassRole",
            "Condition": {"StringEquals": {"iam:PassedToService": "ssm.amazonaws.com"}},
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [role_id, "Arn"]},
        }
    ]


def test_pass_role_policy_is_attached_to_the_existing_administrators_group(
    lab_template: dict[str, Any],
) -> None:
    _, policy = _only(lab_template, POLICY)
    assert policy["Groups"] == ["Administrators"]
    assert not [r for r in lab_template["Resources"].values() if r["Type"] == "AWS::IAM::Group"]


def test_window_runs_every_day_at_two(lab_template: dict[str, Any]) -> None:
    _, window = _only(lab_template, WINDOW)
    assert window["Schedule"] == "cron(0 2 ? * * *)"
    assert "ScheduleTimezone" not in window


def test_window_lasts_three_hours_and_stops_starting_tasks_one_hour_before_the_end(
    lab_template: dict[str, Any],
) -> None:
    _, window = _only(lab_template, WINDOW)
    assert (window["Duration"], window["Cutoff"]) == (3, 1)


def test_window_allows_unregistered_targets_and_is_named(lab_template: dict[str, Any]) -> None:
    _, window = _only(lab_template, WINDOW)
    assert window["AllowUnassociatedTargets"] is True
    assert window["Name"] == "PatchTestWorkloadWebServers"


def test_target_requires_both_lab_tags(lab_template: dict[str, Any]) -> None:
    window_id, _ = _only(lab_template, WINDOW)
    _, target = _only(lab_template, TARGET)
    assert target == {
        "Name": "TestWebServers",
        "ResourceType": "INSTANCE",
        "Targets": [
            {"Key": "tag:Workload", "Values": ["Test"]},
            {"Key": "tag:InstanceRole", "Values": ["WebServer"]},
        ],
        "WindowId": {"Ref": window_id},
    }


def test_task_runs_patch_baseline_install(lab_template: dict[str, Any]) -> None:
    _, task = _only(lab_template, TASK)
    assert (task["TaskType"], task["TaskArn"]) == ("RUN_COMMAND", "AWS-RunPatchBaseline")
    assert task["TaskInvocationParameters"] == {
        "MaintenanceWindowRunCommandParameters": {"Parameters": {"Operation": ["Install"]}}
    }


def test_task_has_priority_one_and_rate_control_one(lab_template: dict[str, Any]) -> None:
    _, task = _only(lab_template, TASK)
    assert (task["Priority"], task["MaxConcurrency"], task["MaxErrors"]) == (1, "1", "1")


def test_task_assumes_the_task_role(lab_template: dict[str, Any]) -> None:
    role_id, _ = _only(lab_template, ROLE)
    _, task = _only(lab_template, TASK)
    assert task["ServiceRoleArn"] == {"Fn::GetAtt": [role_id, "Arn"]}


def test_task_targets_the_registered_target_by_reference(lab_template: dict[str, Any]) -> None:
    window_id, _ = _only(lab_template, WINDOW)
    target_id, _ = _only(lab_template, TARGET)
    _, task = _only(lab_template, TASK)
    assert task["WindowId"] == {"Ref": window_id}
    assert task["Targets"] == [{"Key": "WindowTargetIds", "Values": [{"Ref": target_id}]}]


def test_task_uses_no_deprecated_properties(template: Template) -> None:
    template.has_resource_properties(
        TASK, {"TaskParameters": Match.absent(), "LoggingInfo": Match.absent()}
    )


def test_stack_outputs_role_arn_and_every_id(lab_template: dict[str, Any]) -> None:
    role_id, _ = _only(lab_template, ROLE)
    refs = {_only(lab_template, kind)[0] for kind in (WINDOW, TARGET, TASK)}
    outputs = lab_template["Outputs"]
    assert outputs["RoleArn"]["Value"] == {"Fn::GetAtt": [role_id, "Arn"]}
    assert {o["Value"]["Ref"] for o in outputs.values() if "Ref" in o["Value"]} == refs


def test_stack_holds_exactly_the_lab_resources(template: Template) -> None:
    for kind in (ROLE, POLICY, WINDOW, TARGET, TASK):
        template.resource_count_is(kind, 1)
