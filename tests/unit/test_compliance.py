"""cdk-nag 3: AwsSolutions, NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 on every
app-built stack, read from CDK's validation report of the session's synthesis.

No stack has an open finding. Every acknowledgment is listed here with where it is made: the
lab (shipped cdk.json) acknowledges exactly one finding, the AWS managed policy it attaches for
lab parity.
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

import pytest

import app
from patch_window.stack import LAB_MANAGED_POLICY_REASON, PatchWindowStack
from tests.conftest import cdk_context, lab_settings

PACKS = ("AwsSolutions", "NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321")
CONFIGS = ["lab", "two_windows"]
LAB_IAM4 = (
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
    "AmazonSSMMaintenanceWindowRole]"
)


def violations(report: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [
        (v["ruleName"], [c["constructPath"] for c in v["violatingConstructs"]])
        for plugin in report["pluginReports"]
        for v in plugin["violations"]
    ]


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


def test_an_unacknowledged_finding_stops_the_app_with_status_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import aws_cdk.aws_s3 as s3

    class WithAPlainBucket(PatchWindowStack):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            s3.Bucket(self, "PlainBucket")

    monkeypatch.setattr("patch_window.stack.PatchWindowStack", WithAPlainBucket)
    status = app.main({"CDK_CONTEXT_JSON": json.dumps(cdk_context(lab_settings()))})
    err = capsys.readouterr().err
    assert status == 3
    assert (
        "error: cdk-nag checks failed: CDK lists each finding with the id to acknowledge it by; "
        "fix it, or acknowledge it on its construct with a reason (patch_window.compliance)"
    ) in err.splitlines()
    assert "Traceback" not in err
