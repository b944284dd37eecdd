"""cdk-nag 3: AwsSolutions, NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 on every
app-built stack, read from CDK's validation report of the session's synthesis.

No stack has an open finding. Every acknowledgment is listed here with where it is made:
- the lab (shipped cdk.json) acknowledges exactly one finding, the AWS managed policy it
  attaches for lab parity;
- the hardened example acknowledges only findings no configuration can avoid: AwsSolutions-IAM5
  flags every '*' in an IAM policy, including the '*' IAM requires for actions that take no
  resource (ssm:ListCommands...) and the object and instance wildcards whose ids exist only at
  run time; S3 log delivery requires SSE-S3 on the access-log bucket; and replication needs a
  bucket outside this stack. Zero acknowledgments is not reachable with a policy that works.
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

import pytest

import app
from patch_window.app.stack import LAB_MANAGED_POLICY_REASON, PatchWindowStack
from patch_window.app.task_resources import NO_REPLICATION_REASON
from tests.conftest import cdk_context, lab_settings

PACKS = ("AwsSolutions", "NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321")
CONFIGS = [
    "lab",
    "two_windows",
    "hardened",
    "existing_resources",
    "target_forms",
    "task_types",
    "scan_then_install",
]
LAB_IAM4 = (
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
    "AmazonSSMMaintenanceWindowRole]"
)
H = "PatchWindowHardened"
HARDENED_TASK = f"{H}/PatchTestWorkloadWebServers/TaskPatchTestWorkloadWebServers"


def violations(report: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Open cdk-nag findings; patch-window's own warnings (annotations) are not findings."""
    return [
        (v["ruleName"], [c["constructPath"] for c in v["violatingConstructs"]])
        for plugin in report["pluginReports"]
        for v in plugin["violations"]
        if not _is_annotation(v)
    ]


def warnings(report: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The warnings CDK also lists in the report (patch-window's advisories among them)."""
    return [
        (v["ruleName"], [c["constructPath"] for c in v["violatingConstructs"]])
        for plugin in report["pluginReports"]
        for v in plugin["violations"]
        if _is_annotation(v)
    ]


def _is_annotation(violation: dict[str, Any]) -> bool:
    return bool(violation.get("ruleMetadata", {}).get("cdk:annotation") == "true")


def acknowledgments(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(rule and finding, construct it is acknowledged on), in report order."""
    return [
        (v["ruleName"], v["acknowledgedAt"])
        for plugin in report["pluginReports"]
        for v in plugin.get("suppressedViolations", [])
    ]


def reasons(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    """The reason of each acknowledgment, by (rule and finding, construct)."""
    return {
        (v["ruleName"], v["acknowledgedAt"]): v["reason"]
        for plugin in report["pluginReports"]
        for v in plugin.get("suppressedViolations", [])
    }


@pytest.mark.parametrize("name", CONFIGS)
def test_the_four_packs_ran(synthesized_templates: dict[str, dict[str, Any]], name: str) -> None:
    """CDK records the validation plugins of a synthesis in the template's analytics; the
    report itself only lists packs that found something."""
    analytics = synthesized_templates[name]["Resources"]["CDKMetadata"]["Properties"]["Analytics"]
    packed = base64.b64decode(analytics.removeprefix("v2:deflate64:"))
    used = zlib.decompress(packed, 16 + zlib.MAX_WBITS).decode()
    assert used.endswith(f"policyValidation.{{{','.join(PACKS)}}}")


@pytest.mark.parametrize("name", CONFIGS)
def test_no_open_finding(validation_reports: dict[str, dict[str, Any]], name: str) -> None:
    assert violations(validation_reports[name]) == []


def test_warnings_are_reported_but_are_not_findings(
    validation_reports: dict[str, dict[str, Any]],
) -> None:
    assert warnings(validation_reports["lab"]) == []
    assert warnings(validation_reports["two_windows"]) == [
        (
            "Annotation::patch-window:max-errors-zero",
            ["PatchWindowTwoWindows/ScanProdWebServers/TaskScanProdWebServers"],
        )
    ]


@pytest.mark.parametrize("name", ["lab", "two_windows"])
def test_lab_acknowledges_only_the_aws_managed_policy_on_the_role(
    validation_reports: dict[str, dict[str, Any]], name: str
) -> None:
    report = validation_reports[name]
    stack = "PatchWindow" if name == "lab" else "PatchWindowTwoWindows"
    assert acknowledgments(report) == [(LAB_IAM4, f"{stack}/MaintenanceWindowRole")]
    assert reasons(report) == {
        (LAB_IAM4, f"{stack}/MaintenanceWindowRole"): LAB_MANAGED_POLICY_REASON
    }


def test_hardened_acknowledges_only_what_no_configuration_can_avoid(
    validation_reports: dict[str, dict[str, Any]],
) -> None:
    assert acknowledgments(validation_reports["hardened"]) == [
        (
            "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:"
            "<AWS::AccountId>:instance/*]",
            f"{H}/MaintenanceWindowRole/TaskPolicy",
        ),
        ("AwsSolutions-IAM5[Resource::*]", f"{H}/MaintenanceWindowRole/TaskPolicy"),
        ("AwsSolutions-IAM5[Resource::*]", f"{HARDENED_TASK}/OutputPolicy"),
        (
            "AwsSolutions-IAM5[Resource::<CommandOutputBucket6453169F.Arn>/patch-output/"
            "PatchTestWorkloadWebServers/*]",
            f"{HARDENED_TASK}/OutputPolicy",
        ),
        ("NIST.800.53.R5-S3BucketReplicationEnabled", f"{H}/CommandOutputBucket"),
        ("NIST.800.53.R5-S3DefaultEncryptionKMS", f"{H}/CommandOutputBucket/AccessLogs"),
        ("HIPAA.Security-S3BucketReplicationEnabled", f"{H}/CommandOutputBucket"),
        ("HIPAA.Security-S3DefaultEncryptionKMS", f"{H}/CommandOutputBucket/AccessLogs"),
        ("PCI.DSS.321-S3BucketReplicationEnabled", f"{H}/CommandOutputBucket"),
        ("PCI.DSS.321-S3DefaultEncryptionKMS", f"{H}/CommandOutputBucket/AccessLogs"),
    ]


def test_hardened_acknowledges_nothing_about_managed_policies_or_inline_policies(
    validation_reports: dict[str, dict[str, Any]],
) -> None:
    rules = {rule for rule, _ in acknowledgments(validation_reports["hardened"])}
    assert not [r for r in rules if "IAM4" in r or "IAMNoInlinePolicy" in r]


def test_every_acknowledgment_gives_its_reason(
    validation_reports: dict[str, dict[str, Any]],
) -> None:
    hardened = reasons(validation_reports["hardened"])
    replication = ("NIST.800.53.R5-S3BucketReplicationEnabled", f"{H}/CommandOutputBucket")
    assert hardened[replication] == NO_REPLICATION_REASON
    tracking = ("AwsSolutions-IAM5[Resource::*]", f"{H}/MaintenanceWindowRole/TaskPolicy")
    assert hardened[tracking].startswith("ssm:CancelCommand, GetCommandInvocation")
    assert all(
        len(reason) > 100
        for report in validation_reports.values()
        for reason in reasons(report).values()
    )


def test_existing_resources_acknowledge_the_wildcards_of_their_arns(
    validation_reports: dict[str, dict[str, Any]],
) -> None:
    rules = [rule for rule, _ in acknowledgments(validation_reports["existing_resources"])]
    assert rules == [
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:"
        "instance/*]",
        "AwsSolutions-IAM5[Resource::*]",
        "AwsSolutions-IAM5[Resource::*]",
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::patch-output-123456789012/web/*]",
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:"
        "log-group:/patching/commands:*]",
    ]


def test_an_unacknowledged_finding_stops_the_app_with_status_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import aws_cdk.aws_s3 as s3

    class WithAPlainBucket(PatchWindowStack):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            s3.Bucket(self, "PlainBucket")

    monkeypatch.setattr("patch_window.app.stack.PatchWindowStack", WithAPlainBucket)
    status = app.main({"CDK_CONTEXT_JSON": json.dumps(cdk_context(lab_settings()))})
    err = capsys.readouterr().err
    assert status == 3
    assert (
        "error: cdk-nag checks failed: CDK lists each finding with the id to acknowledge it by; "
        "fix it, or acknowledge it on its construct with a reason (patch_window.compliance)"
    ) in err.splitlines()
    assert "Traceback" not in err
