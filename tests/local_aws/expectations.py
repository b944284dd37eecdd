"""What a deployed template should look like through the SSM and IAM APIs.

The expected values come from the template itself (Refs and GetAtts resolved against the
deployed stack), never from local_aws' own translation code: the tables below are the tests' own
reading of the CloudFormation and SSM API references. A template property missing from them
fails the comparison, so a new property in the app is compared, not silently skipped.
"""

from __future__ import annotations

import copy
from typing import Any

from .helpers import Aws, physical_ids

# CloudFormation property -> GetMaintenanceWindow field ("Tags" is read with ListTagsForResource)
WINDOW = {
    name: name
    for name in (
        "Name",
        "Description",
        "Schedule",
        "ScheduleTimezone",
        "ScheduleOffset",
        "Duration",
        "Cutoff",
        "AllowUnassociatedTargets",
        "StartDate",
        "EndDate",
    )
}
# CloudFormation property -> DescribeMaintenanceWindowTargets field
TARGET = {
    name: name
    for name in ("WindowId", "ResourceType", "Targets", "OwnerInformation", "Name", "Description")
}
# CloudFormation property -> GetMaintenanceWindowTask field
TASK = {
    name: name
    for name in (
        "WindowId",
        "TaskType",
        "TaskArn",
        "ServiceRoleArn",
        "Priority",
        "MaxConcurrency",
        "MaxErrors",
        "Targets",
        "Name",
        "Description",
        "CutoffBehavior",
        "TaskParameters",
        "AlarmConfiguration",
        "TaskInvocationParameters",
        "LoggingInfo",
    )
}
# TaskInvocationParameters and LoggingInfo have other names in the API.
INVOCATION = {
    "MaintenanceWindowRunCommandParameters": "RunCommand",
    "MaintenanceWindowAutomationParameters": "Automation",
    "MaintenanceWindowLambdaParameters": "Lambda",
    "MaintenanceWindowStepFunctionsParameters": "StepFunctions",
}
# CloudFormation property -> GetPatchBaseline field (DefaultBaseline: GetDefaultPatchBaseline)
BASELINE = {
    name: name
    for name in (
        "Name",
        "OperatingSystem",
        "Description",
        "ApprovalRules",
        "GlobalFilters",
        "ApprovedPatches",
        "ApprovedPatchesComplianceLevel",
        "RejectedPatches",
        "RejectedPatchesAction",
        "Sources",
        "PatchGroups",
    )
}
LOGGING = {"S3Bucket": "S3BucketName", "S3Prefix": "S3KeyPrefix", "Region": "S3Region"}
PSEUDO = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "123456789012"}


class Resolver:
    """Resolves a template value against the deployed stack (Ref, GetAtt Arn, Join)."""

    def __init__(self, aws: Aws, stack_name: str, template: dict[str, Any]) -> None:
        self.ids = {**PSEUDO, **physical_ids(aws, stack_name)}
        self.arns = {
            logical_id: arn
            for logical_id, resource in template["Resources"].items()
            if logical_id in self.ids
            and (arn := _arn(aws, resource["Type"], self.ids[logical_id])) is not None
        }

    def __call__(self, value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"Ref"}:
                return self.ids[value["Ref"]]
            if set(value) == {"Fn::GetAtt"}:
                logical_id, attribute = value["Fn::GetAtt"]
                assert attribute in ("Arn", "TopicArn"), value
                return self.arns[logical_id]
            if set(value) == {"Fn::Join"}:
                separator, parts = value["Fn::Join"]
                return separator.join(str(self(part)) for part in parts)
            return {key: self(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self(item) for item in value]
        return value


def _arn(aws: Aws, resource_type: str, physical_id: str) -> str | None:
    """The ARN ``Fn::GetAtt [.., Arn]`` gives for a deployed resource, by its type."""
    region, account = PSEUDO["AWS::Region"], PSEUDO["AWS::AccountId"]
    if resource_type == "AWS::IAM::Role":
        arn: str = aws.iam.get_role(RoleName=physical_id)["Role"]["Arn"]
        return arn
    if resource_type == "AWS::S3::Bucket":
        return f"arn:aws:s3:::{physical_id}"
    if resource_type == "AWS::Logs::LogGroup":
        return f"arn:aws:logs:{region}:{account}:log-group:{physical_id}:*"
    if resource_type == "AWS::KMS::Key":
        return f"arn:aws:kms:{region}:{account}:key/{physical_id}"
    if resource_type == "AWS::SNS::Topic":
        return physical_id
    return None


def expected_task_field(name: str, value: Any) -> Any:
    if name == "TaskInvocationParameters":
        translated = {INVOCATION[kind]: dict(fields) for kind, fields in value.items()}
        if "Payload" in translated.get("Lambda", {}):
            translated["Lambda"]["Payload"] = translated["Lambda"]["Payload"].encode()
        return translated
    if name == "LoggingInfo":
        return {LOGGING[key]: item for key, item in value.items()}
    return value


def resources_of(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {
        logical_id: resource.get("Properties", {})
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] == resource_type
    }


def assert_ssm_matches(aws: Aws, stack_name: str, template: dict[str, Any]) -> None:
    """Every window, target and task property in ``template`` is what SSM answers."""
    resolve = Resolver(aws, stack_name, template)
    windows = resources_of(template, "AWS::SSM::MaintenanceWindow")
    listed = aws.ssm.describe_maintenance_windows()["WindowIdentities"]
    assert sorted(w["WindowId"] for w in listed) == sorted(resolve.ids[w] for w in windows)

    for logical_id, properties in windows.items():
        window_id = resolve.ids[logical_id]
        window = aws.ssm.get_maintenance_window(WindowId=window_id)
        for name, value in properties.items():
            if name == "Tags":
                tags = aws.ssm.list_tags_for_resource(
                    ResourceType="MaintenanceWindow", ResourceId=window_id
                )["TagList"]
                assert sorted(tags, key=str) == sorted(resolve(value), key=str), logical_id
            else:
                assert name in WINDOW, f"{logical_id}: window property {name} is not compared"
                assert window.get(WINDOW[name]) == resolve(value), f"{logical_id}.{name}"

    targets = resources_of(template, "AWS::SSM::MaintenanceWindowTarget")
    for logical_id, properties in targets.items():
        window_id = resolve(properties["WindowId"])
        found = {
            t["WindowTargetId"]: t
            for t in aws.ssm.describe_maintenance_window_targets(WindowId=window_id)["Targets"]
        }
        target = found[resolve.ids[logical_id]]
        for name, value in properties.items():
            assert name in TARGET, f"{logical_id}: target property {name} is not compared"
            assert target.get(TARGET[name]) == resolve(value), f"{logical_id}.{name}"

    tasks = resources_of(template, "AWS::SSM::MaintenanceWindowTask")
    for logical_id, properties in tasks.items():
        window_id = resolve(properties["WindowId"])
        task = aws.ssm.get_maintenance_window_task(
            WindowId=window_id, WindowTaskId=resolve.ids[logical_id]
        )
        for name, value in properties.items():
            assert name in TASK, f"{logical_id}: task property {name} is not compared"
            wanted = expected_task_field(name, resolve(value))
            assert task.get(TASK[name]) == wanted, f"{logical_id}.{name}"
    for window_id in {resolve.ids[w] for w in windows}:
        registered = aws.ssm.describe_maintenance_window_targets(WindowId=window_id)["Targets"]
        scheduled = aws.ssm.describe_maintenance_window_tasks(WindowId=window_id)["Tasks"]
        expected_targets = {
            resolve.ids[t] for t, p in targets.items() if resolve(p["WindowId"]) == window_id
        }
        expected_tasks = {
            resolve.ids[t] for t, p in tasks.items() if resolve(p["WindowId"]) == window_id
        }
        assert {t["WindowTargetId"] for t in registered} == expected_targets
        assert {t["WindowTaskId"] for t in scheduled} == expected_tasks


def assert_baselines_match(aws: Aws, stack_name: str, template: dict[str, Any]) -> None:
    """Every patch baseline property in ``template`` is what SSM answers, patch groups and
    default included, and SSM holds no other baseline of this account."""
    resolve = Resolver(aws, stack_name, template)
    baselines = resources_of(template, "AWS::SSM::PatchBaseline")
    listed = aws.ssm.describe_patch_baselines(Filters=[{"Key": "OWNER", "Values": ["Self"]}])
    assert sorted(b["BaselineId"] for b in listed["BaselineIdentities"]) == sorted(
        resolve.ids[b] for b in baselines
    )
    for logical_id, properties in baselines.items():
        baseline_id = resolve.ids[logical_id]
        baseline = aws.ssm.get_patch_baseline(BaselineId=baseline_id)
        for name, value in properties.items():
            if name == "DefaultBaseline":
                default = aws.ssm.get_default_patch_baseline(
                    OperatingSystem=properties["OperatingSystem"]
                )
                assert (default["BaselineId"] == baseline_id) is value, logical_id
            elif name == "Tags":
                tags = aws.ssm.list_tags_for_resource(
                    ResourceType="PatchBaseline", ResourceId=baseline_id
                )["TagList"]
                assert sorted(tags, key=str) == sorted(resolve(value), key=str), logical_id
            else:
                assert name in BASELINE, f"{logical_id}: baseline property {name} is not compared"
                assert baseline.get(BASELINE[name]) == resolve(value), f"{logical_id}.{name}"
        for group in properties.get("PatchGroups", []):
            found = aws.ssm.get_patch_baseline_for_patch_group(
                PatchGroup=group, OperatingSystem=properties["OperatingSystem"]
            )
            assert found["BaselineId"] == baseline_id, f"{logical_id}: patch group {group}"


def assert_iam_matches(aws: Aws, stack_name: str, template: dict[str, Any]) -> None:
    """Roles (trust, managed policies) and managed policies (document, groups) as declared."""
    resolve = Resolver(aws, stack_name, template)
    for logical_id, properties in resources_of(template, "AWS::IAM::Role").items():
        role = aws.iam.get_role(RoleName=resolve.ids[logical_id])["Role"]
        assert role["AssumeRolePolicyDocument"] == resolve(properties["AssumeRolePolicyDocument"])
        assert role.get("Description", "") == properties.get("Description", "")
        attached = aws.iam.list_attached_role_policies(RoleName=role["RoleName"])
        # Managed policies reach a role two ways: its ManagedPolicyArns, or a policy's Roles.
        attaching = [
            resolve.ids[policy_id]
            for policy_id, policy in resources_of(template, "AWS::IAM::ManagedPolicy").items()
            if {"Ref": logical_id} in policy.get("Roles", [])
        ]
        assert sorted(p["PolicyArn"] for p in attached["AttachedPolicies"]) == sorted(
            resolve(properties.get("ManagedPolicyArns", [])) + attaching
        )
    for logical_id, properties in resources_of(template, "AWS::IAM::ManagedPolicy").items():
        arn = resolve.ids[logical_id]
        policy = aws.iam.get_policy(PolicyArn=arn)["Policy"]
        if "ManagedPolicyName" in properties:
            assert policy["PolicyName"] == properties["ManagedPolicyName"]
        version = aws.iam.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])
        assert version["PolicyVersion"]["Document"] == resolve(properties["PolicyDocument"])
        entities = aws.iam.list_entities_for_policy(PolicyArn=arn)
        assert sorted(g["GroupName"] for g in entities["PolicyGroups"]) == sorted(
            properties.get("Groups", [])
        )


def updated(template: dict[str, Any]) -> dict[str, Any]:
    """The template with each window's duration, tags and each task's rate control changed, and
    each patch baseline's description, approval delays, patch groups (the first swapped for
    another) and default."""
    changed = copy.deepcopy(template)
    for resource in changed["Resources"].values():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::SSM::MaintenanceWindow":
            properties["Duration"] = properties["Duration"] % 24 + 1
            properties["Tags"] = [{"Key": "Rehearsal", "Value": "updated"}]
        if resource["Type"] == "AWS::SSM::MaintenanceWindowTask":
            properties["MaxConcurrency"] = "25%"
            properties["MaxErrors"] = "2"
        if resource["Type"] == "AWS::SSM::PatchBaseline":
            properties["Description"] = "updated"
            properties["PatchGroups"] = [*properties.get("PatchGroups", [])[1:], "Rehearsal"]
            properties["DefaultBaseline"] = True
            for rule in properties.get("ApprovalRules", {}).get("PatchRules", []):
                if "ApproveAfterDays" in rule:
                    rule["ApproveAfterDays"] += 1
    return changed
