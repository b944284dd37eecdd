"""cdk-nag rule packs, and acknowledging a finding on the construct that causes it.

The app runs four cdk-nag 3 packs on every synthesis (``make synth``, ``cdk synth``, the tests)
through CDK's policy validation: an unacknowledged finding stops synthesis with
``ValidationFailed`` and CDK prints the report. A finding is acknowledged only where it is
expected, on the construct that causes it, with a reason a security reviewer can check.

Finding ids have the form ``<pack>::<pack>-<rule>[<detail>]``, as CDK prints them under
"Acknowledge with". IAM5 details name the resource as cdk-nag flattens it
(``arn:<AWS::Partition>:ec2:...``, ``<Bucket1234.Arn>/prefix/*``): :func:`wildcard_resource`
computes that text from the same token the policy uses, so the acknowledgment follows the
resource.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import aws_cdk as cdk
from constructs import IConstruct

from patch_window import tree
from patch_window.edge_types import checked

AWS_SOLUTIONS = "AwsSolutions"
NIST_800_53_R5 = "NIST.800.53.R5"
HIPAA_SECURITY = "HIPAA.Security"
PCI_DSS_321 = "PCI.DSS.321"
PACKS = (AWS_SOLUTIONS, NIST_800_53_R5, HIPAA_SECURITY, PCI_DSS_321)
"""The packs the app runs, by the names cdk-nag reports them under."""
CONTROL_PACKS = (NIST_800_53_R5, HIPAA_SECURITY, PCI_DSS_321)
"""The three compliance-framework packs, which share rule names (S3BucketReplicationEnabled)."""


@checked
def add_compliance_checks(app: cdk.App) -> None:
    """Run AwsSolutions, NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 on ``app``."""
    from cdk_nag import (
        AwsSolutionsChecks,
        HIPAASecurityChecks,
        NIST80053R5Checks,
        PCIDSS321Checks,
    )

    cdk.Validations.of(app).add_plugins(
        AwsSolutionsChecks(app),
        NIST80053R5Checks(app),
        HIPAASecurityChecks(app),
        PCIDSS321Checks(app),
    )


def finding_id(pack: str, rule: str, detail: str | None = None) -> str:
    """``AwsSolutions::AwsSolutions-IAM5[Resource::*]``: the id CDK asks to acknowledge."""
    suffix = f"[{detail}]" if detail is not None else ""
    return f"{pack}::{pack}-{rule}{suffix}"


def acknowledge(scope: IConstruct, finding: str, reason: str) -> None:
    """Acknowledge one finding on ``scope`` (and its children), with the reason recorded."""
    cdk.Validations.of(scope).acknowledge(cdk.Acknowledgment(id=finding, reason=reason))


def acknowledge_rule(
    scope: IConstruct, rule: str, reason: str, packs: Iterable[str] = CONTROL_PACKS
) -> None:
    """Acknowledge the same rule in each of ``packs`` (the frameworks share rule names)."""
    for pack in packs:
        acknowledge(scope, finding_id(pack, rule), reason)


def wildcard_resource(scope: IConstruct, resource: str) -> str:
    """The AwsSolutions-IAM5 finding id for a wildcard ``resource`` (a string or a token)."""
    flat = flatten_reference(tree.stack_of(scope).resolve(resource))
    return finding_id(AWS_SOLUTIONS, "IAM5", f"Resource::{flat}")


def flatten_reference(value: Any) -> str:
    """A resolved CloudFormation value as cdk-nag prints it (its ``flattenCfnReference``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("${", "<").replace("}", ">")
    if isinstance(value, dict):
        if "Fn::Join" in value:
            delimiter, items = value["Fn::Join"]
            return str(delimiter).join(flatten_reference(item) for item in items)
        if "Fn::Sub" in value:
            return flatten_reference(value["Fn::Sub"])
        if "Fn::GetAtt" in value:
            resource, attribute = value["Fn::GetAtt"]
            return f"<{flatten_reference(resource)}.{flatten_reference(attribute)}>"
        if "Fn::ImportValue" in value:
            return flatten_reference(value["Fn::ImportValue"])
        if "Ref" in value:
            return f"<{flatten_reference(value['Ref'])}>"
    return json.dumps(value, separators=(",", ":"))
