"""One test (or a few) per named fix in local_aws, each on the smallest template that shows it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError  # type: ignore[import-untyped, unused-ignore]
from moto.cloudformation import parsing
from moto.cloudformation.models import Stack
from moto.iam.models import iam_backends

import local_aws
from local_aws import cloudformation, grafts, iam, ssm_cloudformation

from .expectations import assert_iam_matches, assert_ssm_matches
from .helpers import CHANGE_SET, Aws, deploy, physical_ids

TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Principal": {"Service": ["ssm.amazonaws.com"]},
        }
    ],
}
SSM_ROLE = "arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def window(**properties: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::SSM::MaintenanceWindow",
        "Properties": {
            "Name": "Window",
            "Schedule": "cron(0 2 ? * * *)",
            "Duration": 3,
            "Cutoff": 1,
            "AllowUnassociatedTargets": True,
            **properties,
        },
    }


def target(window_id: str = "Window", **properties: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::SSM::MaintenanceWindowTarget",
        "Properties": {
            "WindowId": {"Ref": window_id},
            "ResourceType": "INSTANCE",
            "Targets": [{"Key": "tag:Workload", "Values": ["Test"]}],
            **properties,
        },
    }


def task(window_id: str = "Window", **properties: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::SSM::MaintenanceWindowTask",
        "Properties": {
            "WindowId": {"Ref": window_id},
            "TaskType": "RUN_COMMAND",
            "TaskArn": "AWS-RunPatchBaseline",
            "Priority": 1,
            **properties,
        },
    }


def role(*managed_policy_arns: str, **properties: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "RoleName": "TaskRole",
            "AssumeRolePolicyDocument": TRUST,
            "ManagedPolicyArns": list(managed_policy_arns),
            **properties,
        },
    }


def pass_role_policy(*groups: str, action: str = "iam:PassRole") -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::ManagedPolicy",
        "Properties": {
            "ManagedPolicyName": "PassRole",
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}],
            },
            "Groups": list(groups),
        },
    }


def template(**resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "Resources": resources,
        "Outputs": {
            f"{name}Id": {"Value": {"Ref": name}}
            for name, resource in resources.items()
            if resource["Type"].startswith("AWS::SSM::")
        },
    }


def window_id(aws: Aws, stack_name: str = "Stack", logical_id: str = "Window") -> str:
    return physical_ids(aws, stack_name)[logical_id]


# --- local_aws.ssm: the SSM API ---------------------------------------------------------------


def test_window_fields_keep_allow_unassociated_targets(aws: Aws) -> None:
    created = aws.ssm.create_maintenance_window(
        Name="Win", Schedule="rate(1 day)", Duration=2, Cutoff=0, AllowUnassociatedTargets=True
    )

    window = aws.ssm.get_maintenance_window(WindowId=created["WindowId"])

    assert window["AllowUnassociatedTargets"] is True
    assert window["Enabled"] is True


def test_target_fields_return_owner_information(aws: Aws) -> None:
    window_id = aws.ssm.create_maintenance_window(
        Name="Win", Schedule="rate(1 day)", Duration=2, Cutoff=0, AllowUnassociatedTargets=False
    )["WindowId"]
    aws.ssm.register_target_with_maintenance_window(
        WindowId=window_id,
        ResourceType="INSTANCE",
        Targets=[{"Key": "InstanceIds", "Values": ["i-0123456789abcdef0"]}],
        OwnerInformation="web-team",
    )

    [described] = aws.ssm.describe_maintenance_window_targets(WindowId=window_id)["Targets"]

    assert described["OwnerInformation"] == "web-team"


def test_task_fields_in_describe_and_get_shapes(aws: Aws) -> None:
    window_id = aws.ssm.create_maintenance_window(
        Name="Win", Schedule="rate(1 day)", Duration=2, Cutoff=0, AllowUnassociatedTargets=True
    )["WindowId"]
    task_id = aws.ssm.register_task_with_maintenance_window(
        WindowId=window_id,
        TaskArn="AWS-RunPatchBaseline",
        TaskType="RUN_COMMAND",
        Priority=1,
        CutoffBehavior="CANCEL_TASK",
        TaskInvocationParameters={"RunCommand": {"Parameters": {"Operation": ["Scan"]}}},
    )["WindowTaskId"]

    [described] = aws.ssm.describe_maintenance_window_tasks(WindowId=window_id)["Tasks"]
    got = aws.ssm.get_maintenance_window_task(WindowId=window_id, WindowTaskId=task_id)

    assert (described["Type"], described["CutoffBehavior"]) == ("RUN_COMMAND", "CANCEL_TASK")
    assert got["TaskType"] == "RUN_COMMAND"
    assert got["TaskInvocationParameters"] == {
        "RunCommand": {"Parameters": {"Operation": ["Scan"]}}
    }


def test_update_calls_follow_the_replace_rule(aws: Aws) -> None:
    window_id = aws.ssm.create_maintenance_window(
        Name="Win",
        Description="first",
        Schedule="rate(1 day)",
        Duration=2,
        Cutoff=0,
        AllowUnassociatedTargets=True,
    )["WindowId"]
    target_id = aws.ssm.register_target_with_maintenance_window(
        WindowId=window_id,
        ResourceType="INSTANCE",
        Targets=[{"Key": "tag:A", "Values": ["1"]}],
        Name="Tgt",
    )["WindowTargetId"]
    task_id = aws.ssm.register_task_with_maintenance_window(
        WindowId=window_id,
        TaskArn="AWS-RunPatchBaseline",
        TaskType="RUN_COMMAND",
        Priority=1,
        MaxErrors="1",
    )["WindowTaskId"]

    aws.ssm.update_maintenance_window(WindowId=window_id, Duration=5)
    kept = aws.ssm.get_maintenance_window(WindowId=window_id)
    aws.ssm.update_maintenance_window(
        WindowId=window_id,
        Name="Win",
        Schedule="rate(2 days)",
        Duration=5,
        Cutoff=1,
        AllowUnassociatedTargets=False,
        Replace=True,
    )
    replaced = aws.ssm.get_maintenance_window(WindowId=window_id)
    aws.ssm.update_maintenance_window_target(
        WindowId=window_id, WindowTargetId=target_id, Description="now described"
    )
    aws.ssm.update_maintenance_window_task(
        WindowId=window_id, WindowTaskId=task_id, MaxConcurrency="50%"
    )

    assert (kept["Duration"], kept["Description"]) == (5, "first")
    assert "Description" not in replaced
    assert (replaced["Schedule"], replaced["AllowUnassociatedTargets"]) == ("rate(2 days)", False)
    [updated_target] = aws.ssm.describe_maintenance_window_targets(WindowId=window_id)["Targets"]
    assert (updated_target["Name"], updated_target["Description"]) == ("Tgt", "now described")
    got = aws.ssm.get_maintenance_window_task(WindowId=window_id, WindowTaskId=task_id)
    assert (got["MaxConcurrency"], got["MaxErrors"]) == ("50%", "1")


def test_get_of_a_missing_task_does_not_exist(aws: Aws) -> None:
    window_id = aws.ssm.create_maintenance_window(
        Name="Win", Schedule="rate(1 day)", Duration=2, Cutoff=0, AllowUnassociatedTargets=True
    )["WindowId"]

    with pytest.raises(ClientError) as raised:
        aws.ssm.get_maintenance_window_task(
            WindowId=window_id, WindowTaskId="0" * 8 + "-0000-0000-0000-" + "0" * 12
        )

    assert raised.value.response["Error"]["Code"] == "DoesNotExistException"


# --- local_aws.ssm_cloudformation: the three resource types ---------------------------------


def test_every_task_type_and_target_kind_round_trips(aws: Aws) -> None:
    """What later issues need: AUTOMATION, LAMBDA and STEP_FUNCTIONS tasks, other targets."""
    stack = template(
        Window=window(
            Description="d",
            ScheduleTimezone="Europe/London",
            ScheduleOffset=2,
            StartDate="2026-12-01T00:00:00Z",
            EndDate="2027-12-01T00:00:00Z",
            Tags=[{"Key": "Team", "Value": "web"}],
        ),
        ById=target(
            Targets=[{"Key": "InstanceIds", "Values": ["i-0123456789abcdef0"]}],
            OwnerInformation="web-team",
            Name="ById",
            Description="one instance",
        ),
        ByGroup=target(
            ResourceType="RESOURCE_GROUP",
            Targets=[
                {"Key": "resource-groups:Name", "Values": ["web"]},
                {"Key": "resource-groups:ResourceTypeFilters", "Values": ["AWS::EC2::Instance"]},
            ],
        ),
        Automation=task(
            TaskType="AUTOMATION",
            TaskArn="AWS-RestartEC2Instance",
            Targets=[{"Key": "WindowTargetIds", "Values": [{"Ref": "ById"}]}],
            TaskInvocationParameters={
                "MaintenanceWindowAutomationParameters": {
                    "DocumentVersion": "$DEFAULT",
                    "Parameters": {"InstanceId": ["{{RESOURCE_ID}}"]},
                }
            },
            AlarmConfiguration={"IgnorePollAlarmFailure": True, "Alarms": [{"Name": "high"}]},
        ),
        Lambda=task(
            TaskType="LAMBDA",
            TaskArn="arn:aws:lambda:us-east-1:123456789012:function:patch",
            TaskInvocationParameters={
                "MaintenanceWindowLambdaParameters": {"Qualifier": "live", "Payload": '{"a": 1}'}
            },
        ),
        StepFunctions=task(
            TaskType="STEP_FUNCTIONS",
            TaskArn="arn:aws:states:us-east-1:123456789012:stateMachine:patch",
            TaskInvocationParameters={
                "MaintenanceWindowStepFunctionsParameters": {"Input": "{}", "Name": "run"}
            },
        ),
        RunCommand=task(
            Targets=[{"Key": "WindowTargetIds", "Values": [{"Ref": "ById"}, {"Ref": "ByGroup"}]}],
            MaxConcurrency="10%",
            MaxErrors="0",
            Name="Scan",
            Description="scan only",
            CutoffBehavior="CANCEL_TASK",
            LoggingInfo={"S3Bucket": "logs", "S3Prefix": "patch/", "Region": "us-east-1"},
            TaskInvocationParameters={
                "MaintenanceWindowRunCommandParameters": {
                    "Comment": "c",
                    "DocumentVersion": "$LATEST",
                    "TimeoutSeconds": 900,
                    "OutputS3BucketName": "out",
                    "OutputS3KeyPrefix": "patch/",
                    "CloudWatchOutputConfig": {"CloudWatchOutputEnabled": True},
                    "Parameters": {"Operation": ["Scan"]},
                }
            },
        ),
    )

    assert deploy(aws, "Stack", stack)["StackStatus"] == "CREATE_COMPLETE"

    assert_ssm_matches(aws, "Stack", stack)


def test_new_window_id_or_task_type_replaces(aws: Aws) -> None:
    first = template(
        Window=window(),
        Other=window(Name="Other"),
        Target=target(),
        Task=task(),
    )
    deploy(aws, "Stack", first)
    before = physical_ids(aws, "Stack")
    second = template(
        Window=window(),
        Other=window(Name="Other"),
        Target=target("Other"),
        Task=task(TaskType="AUTOMATION", TaskArn="AWS-RestartEC2Instance"),
    )

    deploy(aws, "Stack", second)

    after = physical_ids(aws, "Stack")
    assert after["Target"] != before["Target"]
    assert after["Task"] != before["Task"]
    assert aws.ssm.describe_maintenance_window_targets(WindowId=before["Window"])["Targets"] == []
    assert_ssm_matches(aws, "Stack", second)


def test_deleting_a_window_first_is_fine(aws: Aws) -> None:
    deploy(aws, "Stack", template(Window=window(), Target=target(), Task=task()))
    ids = physical_ids(aws, "Stack")
    aws.ssm.delete_maintenance_window(WindowId=ids["Window"])  # as if deleted out of band

    ssm_cloudformation.MaintenanceWindowTarget.delete_from_cloudformation_json(
        ids["Target"], {}, local_aws.ACCOUNT_ID, local_aws.REGION
    )
    aws.cloudformation.delete_stack(StackName="Stack")

    assert aws.ssm.describe_maintenance_windows()["WindowIdentities"] == []


# --- local_aws.cloudformation.CdkMetadata ----------------------------------------------------


def test_cdk_metadata_is_kept_as_a_resource(aws: Aws) -> None:
    metadata = {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:x"}}

    deploy(aws, "Stack", template(Window=window(), CDKMetadata=metadata))

    assert "CDKMetadata" in physical_ids(aws, "Stack")


# --- local_aws.iam ---------------------------------------------------------------------------


def test_role_managed_policy_arns_attach_update_and_detach(aws: Aws) -> None:
    first = template(Role=role(SSM_ROLE))
    deploy(aws, "Stack", first)
    assert_iam_matches(aws, "Stack", first)

    second = template(Role=role(READ_ONLY, Description="now described"))
    deploy(aws, "Stack", second)
    assert_iam_matches(aws, "Stack", second)

    aws.cloudformation.delete_stack(StackName="Stack")
    assert aws.iam.list_roles()["Roles"] == []


def test_role_with_an_unknown_policy_fails_and_leaves_no_role(aws: Aws) -> None:
    unknown = "arn:aws:iam::aws:policy/NoSuchPolicy"

    stack = deploy(aws, "Stack", template(Role=role(unknown)))

    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert unknown in stack["StackStatusReason"]
    assert aws.iam.list_roles()["Roles"] == []


def test_aws_managed_policies_come_on_demand(aws: Aws) -> None:
    backend = iam_backends[local_aws.ACCOUNT_ID]["aws"]

    iam.aws_managed_policy(backend, SSM_ROLE)
    iam.aws_managed_policy(backend, "arn:aws:iam::aws:policy/NoSuchPolicy")

    assert [p for p in backend.managed_policies if ":aws:policy/" in p] == [SSM_ROLE]


def test_managed_policy_updates_in_place_then_deletes(aws: Aws) -> None:
    for group in ("Admins", "Operators"):
        aws.iam.create_group(GroupName=group)
    first = template(Policy=pass_role_policy("Admins"))
    deploy(aws, "Stack", first)
    arn = physical_ids(aws, "Stack")["Policy"]

    second = template(Policy=pass_role_policy("Operators", action="iam:GetRole"))
    deploy(aws, "Stack", second)

    assert physical_ids(aws, "Stack")["Policy"] == arn
    assert_iam_matches(aws, "Stack", second)
    aws.cloudformation.delete_stack(StackName="Stack")
    assert aws.iam.list_policies(Scope="Local")["Policies"] == []
    for group in ("Admins", "Operators"):
        assert aws.iam.list_attached_group_policies(GroupName=group)["AttachedPolicies"] == []


def test_managed_policy_with_a_missing_group_is_never_created(aws: Aws) -> None:
    stack = deploy(aws, "Stack", template(Policy=pass_role_policy("Nobody")))

    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert aws.iam.list_policies(Scope="Local")["Policies"] == []


# --- local_aws.cloudformation: the engine ----------------------------------------------------


def test_change_sets_are_found_within_their_stack(aws: Aws) -> None:
    cfn = aws.cloudformation
    for name, duration in (("First", 1), ("Second", 2)):
        cfn.create_change_set(
            StackName=name,
            ChangeSetName=CHANGE_SET,
            ChangeSetType="CREATE",
            TemplateBody=json.dumps(template(Window=window(Name=name, Duration=duration))),
        )

    second = cfn.describe_change_set(StackName="Second", ChangeSetName=CHANGE_SET)
    cfn.execute_change_set(StackName="Second", ChangeSetName=CHANGE_SET)

    assert second["StackName"] == "Second"
    [created] = aws.ssm.describe_maintenance_windows()["WindowIdentities"]
    assert (created["Name"], created["Duration"]) == ("Second", 2)
    assert cfn.describe_change_set(StackName="First", ChangeSetName=CHANGE_SET)["StackName"] == (
        "First"
    )


def test_deleting_a_missing_change_set_succeeds_while_the_stack_exists(aws: Aws) -> None:
    deploy(aws, "Stack", template(Window=window()))

    aws.cloudformation.delete_change_set(StackName="Stack", ChangeSetName=CHANGE_SET)

    with pytest.raises(ClientError):
        aws.cloudformation.delete_change_set(StackName="NoStack", ChangeSetName=CHANGE_SET)


def test_an_executed_change_set_leaves_template_outputs_and_parameters(aws: Aws) -> None:
    body = template(Window=window())

    stack = deploy(aws, "Stack", body)

    assert [o["OutputKey"] for o in stack["Outputs"]] == ["WindowId"]
    assert aws.cloudformation.get_template(StackName="Stack")["TemplateBody"] == body
    assert aws.cloudformation.list_change_sets(StackName="Stack")["Summaries"] == []


def test_every_resource_has_events(aws: Aws) -> None:
    def statuses() -> set[tuple[str, str]]:
        events = aws.cloudformation.describe_stack_events(StackName=stack_id)["StackEvents"]
        return {(e["LogicalResourceId"], e["ResourceStatus"]) for e in events}

    stack_id = deploy(aws, "Stack", template(Window=window(), Target=target()))["StackId"]
    deploy(aws, "Stack", template(Window=window(Duration=4), Target=target()))
    aws.cloudformation.delete_stack(StackName="Stack")

    assert statuses() >= {
        ("Window", "CREATE_COMPLETE"),
        ("Target", "CREATE_COMPLETE"),
        ("Window", "UPDATE_COMPLETE"),
        ("Window", "DELETE_COMPLETE"),
        ("Target", "DELETE_COMPLETE"),
    }
    assert ("Target", "UPDATE_COMPLETE") not in statuses()


def test_create_stack_failure_rolls_back(aws: Aws) -> None:
    body = template(Role=role(SSM_ROLE), Window=window(), Policy=pass_role_policy("Nobody"))

    aws.cloudformation.create_stack(StackName="Stack", TemplateBody=json.dumps(body))

    [stack] = aws.cloudformation.describe_stacks(StackName="Stack")["Stacks"]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert "[Policy]. NoSuchEntity: Group Nobody not found" in stack["StackStatusReason"]
    assert aws.iam.list_roles()["Roles"] == []
    assert aws.ssm.describe_maintenance_windows()["WindowIdentities"] == []


def test_update_failure_rolls_back_to_the_previous_template(aws: Aws) -> None:
    deploy(aws, "Stack", template(Window=window(Duration=3)))
    window_before = window_id(aws)

    stack = deploy(
        aws, "Stack", template(Window=window(Duration=5), Policy=pass_role_policy("Nobody"))
    )

    assert stack["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    events = aws.cloudformation.describe_stack_events(StackName="Stack")["StackEvents"]
    assert {(e["LogicalResourceId"], e["ResourceStatus"]) for e in events} >= {
        ("Policy", "CREATE_FAILED"),
        ("Stack", "UPDATE_ROLLBACK_COMPLETE"),
    }
    assert aws.ssm.get_maintenance_window(WindowId=window_before)["Duration"] == 3
    assert aws.iam.list_policies(Scope="Local")["Policies"] == []


def test_reading_a_deleted_stack_creates_nothing(aws: Aws) -> None:
    stack_id = deploy(aws, "Stack", template(Window=window(), Target=target()))["StackId"]

    aws.cloudformation.delete_stack(StackName="Stack")
    [deleted] = aws.cloudformation.describe_stacks(StackName=stack_id)["Stacks"]
    resources = aws.cloudformation.describe_stack_resources(StackName=stack_id)

    assert deleted["StackStatus"] == "DELETE_COMPLETE"
    assert "Outputs" not in deleted
    assert resources["StackResources"] == []
    assert aws.ssm.describe_maintenance_windows()["WindowIdentities"] == []


def test_template_url_on_loopback_is_path_style(aws: Aws) -> None:
    aws.s3.create_bucket(Bucket="assets")
    aws.s3.put_object(Bucket="assets", Key="t.json", Body=json.dumps(template(Window=window())))

    aws.cloudformation.create_stack(
        StackName="Stack", TemplateURL="http://127.0.0.1:4566/assets/t.json"
    )

    [stack] = aws.cloudformation.describe_stacks(StackName="Stack")["Stacks"]
    assert stack["StackStatus"] == "CREATE_COMPLETE"


def test_missing_ssm_parameter_is_a_validation_error(aws: Aws) -> None:
    body = template(Window=window())
    body["Parameters"] = {
        "Version": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/not/there"}
    }

    with pytest.raises(ClientError) as raised:
        aws.cloudformation.create_stack(StackName="Stack", TemplateBody=json.dumps(body))

    assert raised.value.response["Error"]["Code"] == "ValidationError"
    assert "Unable to fetch parameters [/not/there]" in str(raised.value)


def test_use_previous_value_keeps_the_parameter_name(aws: Aws) -> None:
    aws.ssm.put_parameter(Name="/duration", Value="3", Type="String")
    body = template(Window=window(Duration={"Ref": "Hours"}))
    body["Parameters"] = {
        "Hours": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/duration"}
    }
    deploy(aws, "Stack", body)
    aws.ssm.put_parameter(Name="/duration", Value="4", Type="String", Overwrite=True)
    body["Resources"]["Window"]["Properties"]["Description"] = "second deploy"

    stack = deploy(aws, "Stack", body)  # passes UsePreviousValue, as the CDK CLI does

    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert aws.ssm.get_maintenance_window(WindowId=window_id(aws))["Duration"] == 4


# --- local_aws.install -----------------------------------------------------------------------


def test_install_is_idempotent() -> None:
    local_aws.install()
    create = vars(parsing)["parse_and_create_resource"]

    local_aws.install()

    assert vars(parsing)["parse_and_create_resource"] is create
    assert not hasattr(create.local_aws_wraps, "local_aws_wraps")
    model_map = parsing.get_model_map()
    assert all(model_map[m.cloudformation_type()] is m for m in grafts.MODELS)
    assert Stack.delete is cloudformation.ReadsCreateNothing.delete


def test_log_group_arn_attribute_ends_with_a_wildcard(aws: Aws) -> None:
    template = {
        "Resources": {
            "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/pw/x"}}
        },
        "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Logs", "Arn"]}}},
    }
    stack = deploy(aws, "LogGroupArn", template)
    assert stack["Outputs"] == [
        {"OutputKey": "Arn", "OutputValue": "arn:aws:logs:us-east-1:123456789012:log-group:/pw/x:*"}
    ]
