"""Helpers for the local_aws tests: boto3 clients on the in-process emulator, CDK-like deploys.

:func:`deploy` puts a template into the emulated account the way the CDK CLI does (a change set
named ``cdk-deploy-change-set``, described, then executed), so these tests exercise the same
engine path as ``make deploy-local`` without a server or Node.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

import local_aws

REGION = local_aws.REGION
CHANGE_SET = "cdk-deploy-change-set"
BOOTSTRAP_VERSION_PARAMETER = "/cdk-bootstrap/hnb659fds/version"


@dataclass
class Aws:
    """boto3 clients on the in-process emulator."""

    cloudformation: Any
    ssm: Any
    iam: Any
    s3: Any
    ec2: Any = None
    logs: Any = None


def group_names(template: dict[str, Any]) -> list[str]:
    """The IAM groups a template attaches policies to: they must pre-exist, as in an account."""
    return sorted(
        {
            group
            for resource in template["Resources"].values()
            if resource["Type"] == "AWS::IAM::ManagedPolicy"
            for group in resource.get("Properties", {}).get("Groups", [])
        }
    )


def external_role_names(template: dict[str, Any]) -> list[str]:
    """Roles a template's policies attach to by name (instance roles): they pre-exist too."""
    return sorted(
        {
            role
            for resource in template["Resources"].values()
            if resource["Type"] in ("AWS::IAM::ManagedPolicy", "AWS::IAM::Policy")
            for role in resource.get("Properties", {}).get("Roles", [])
            if isinstance(role, str)
        }
    )


def seed_groups(aws: Aws, template: dict[str, Any]) -> list[str]:
    """Create what the account already holds: the groups (returned) and the instance roles."""
    names = group_names(template)
    for name in names:
        aws.iam.create_group(GroupName=name)
    for role in external_role_names(template):
        with contextlib.suppress(aws.iam.exceptions.EntityAlreadyExistsException):
            aws.iam.create_role(RoleName=role, AssumeRolePolicyDocument=EC2_TRUST)
    return names


EC2_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def deploy(aws: Aws, stack_name: str, template: dict[str, Any]) -> dict[str, Any]:
    """Create or update ``stack_name`` as ``cdk deploy`` does; return DescribeStacks' stack."""
    cloudformation = aws.cloudformation
    exists = any(
        summary["StackName"] == stack_name and summary["StackStatus"] != "DELETE_COMPLETE"
        for summary in cloudformation.list_stacks()["StackSummaries"]
    )
    parameters = []
    if exists:
        cloudformation.delete_change_set(StackName=stack_name, ChangeSetName=CHANGE_SET)
        parameters = [
            {"ParameterKey": key, "UsePreviousValue": True}
            for key in template.get("Parameters", {})
        ]
    cloudformation.create_change_set(
        StackName=stack_name,
        ChangeSetName=CHANGE_SET,
        ChangeSetType="UPDATE" if exists else "CREATE",
        TemplateBody=json.dumps(template),
        Parameters=parameters,
    )
    cloudformation.describe_change_set(StackName=stack_name, ChangeSetName=CHANGE_SET)
    cloudformation.execute_change_set(StackName=stack_name, ChangeSetName=CHANGE_SET)
    stack: dict[str, Any] = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    return stack


def physical_ids(aws: Aws, stack_name: str) -> dict[str, str]:
    resources = aws.cloudformation.describe_stack_resources(StackName=stack_name)
    return {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources["StackResources"]}
