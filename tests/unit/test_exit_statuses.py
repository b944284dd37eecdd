"""Honest exit statuses: each way synthesis can stop is reported as what it is."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import app
from tests.conftest import cdk_context, lab_settings


def _report(plugin: str, *, annotation: bool = False) -> dict[str, Any]:
    metadata = {"cdk:annotation": "true"} if annotation else {"category": "Schema"}
    return {
        "pluginReports": [
            {
                "pluginName": plugin,
                "violations": [
                    {
                        "ruleName": "F3034",
                        "description": "Duration: 30 is greater than the maximum of 24",
                        "ruleMetadata": metadata,
                        "violatingConstructs": [{"constructPath": "PatchWindow/W/Resource"}],
                    }
                ],
            }
        ]
    }


def test_a_cdk_nag_finding_exits_3_and_says_how_to_acknowledge() -> None:
    status, lines = app.validation_failure(_report("AwsSolutions"))
    assert status == app.EXIT_CHECKS_FAILED == 3
    assert lines[0].startswith("cdk-nag checks failed:")
    assert "acknowledge it on its construct" in lines[0]


def test_a_cloudformation_schema_failure_exits_4_without_acknowledgment_advice() -> None:
    status, lines = app.validation_failure(_report("CloudFormation Validate"))
    assert status == app.EXIT_TEMPLATE_INVALID == 4
    assert lines == [
        "CloudFormation Validate refuses the synthesized template: F3034 Duration: 30 is "
        "greater than the maximum of 24 at PatchWindow/W/Resource; CloudFormation would reject "
        "it at deploy, so no acknowledgment can help. A setting that reaches this is a "
        "patch-window bug: please report it"
    ]
    assert "cdk-nag" not in lines[0]


def test_warnings_listed_in_the_report_are_not_failures() -> None:
    status, _ = app.validation_failure(_report("CloudFormation Validate", annotation=True))
    assert status == app.EXIT_CHECKS_FAILED


@pytest.mark.parametrize(
    ("override", "status", "first_words"),
    [
        ("Duration", app.EXIT_TEMPLATE_INVALID, "error: CloudFormation Validate refuses"),
        (None, app.EXIT_SYNTH_FAILED, "error: aws-cdk-lib could not synthesize the stack:"),
    ],
)
def test_the_app_reports_synthesis_failures_as_what_they_are(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    override: str | None,
    status: int,
    first_words: str,
) -> None:
    """A template the schema refuses (forced here through an escape hatch, as no setting can
    reach it any more) and an aws-cdk-lib error each get their own status and words."""
    from patch_window.app import stack as stack_module

    real = stack_module.PatchWindowStack

    class Broken(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if override:
                self.windows[0].resource.add_property_override(override, 30)
            else:
                self.windows[0].node.add_validation(_Fails())

    import jsii
    from constructs import IValidation

    @jsii.implements(IValidation)
    class _Fails:
        def validate(self) -> list[str]:
            return ["something aws-cdk-lib refuses"]

    monkeypatch.setattr(stack_module, "PatchWindowStack", Broken)
    # As `python app.py` in a checkout: the App gets cdk.json's context (feature flags
    # included) from the app itself. (The jsii process is already running, so setting
    # CDK_CONTEXT_JSON now would not reach it.)
    (tmp_path / "cdk.json").write_text(json.dumps({"context": cdk_context(lab_settings())}))
    monkeypatch.chdir(tmp_path)
    assert app.main({}) == status
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith(first_words) or err[0].startswith(first_words), err
    assert not any("Traceback" in line for line in err)


def test_python_app_py_prints_synthesis_warnings_with_their_ids(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without the cdk CLI nothing else would show them: the app prints each on stderr."""
    settings = lab_settings()
    settings["windows"][0]["tasks"].append(
        {"name": "Report", "type": "LAMBDA", "function": "PatchReport"}
    )
    (tmp_path / "cdk.json").write_text(json.dumps({"context": cdk_context(settings)}))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CDK_OUTDIR", raising=False)
    assert app.main({}) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("warning: ")] == [
        "warning: PatchWindow/PatchTestWorkloadWebServers/TaskReport: function 'PatchReport' "
        "does not start with 'SSM': the AWS managed policy AmazonSSMMaintenanceWindowRole only "
        "allows those, so the task will be denied; rename it or use role.policy "
        "'least-privilege' [ack: patch-window:managed-policy-name-not-ssm]"
    ]


def test_under_the_cli_the_app_leaves_warnings_to_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    settings = lab_settings()
    settings["windows"][0]["tasks"].append(
        {"name": "Report", "type": "LAMBDA", "function": "PatchReport"}
    )
    (tmp_path / "cdk.json").write_text(json.dumps({"context": cdk_context(settings)}))
    monkeypatch.chdir(tmp_path)
    assert app.main({"CDK_OUTDIR": str(tmp_path / "out")}) == 0
    assert "warning:" not in capsys.readouterr().err


def test_a_malformed_cdk_json_is_one_error_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "cdk.json").write_text('{"context": {"patch_window": {,}}}')
    monkeypatch.chdir(tmp_path)
    assert app.main({}) == app.EXIT_BAD_CONFIG
    assert capsys.readouterr().err.splitlines() == [
        "error: cdk.json: invalid JSON at line 1 column 31: Expecting property name enclosed in "
        "double quotes"
    ]


def test_the_readme_states_the_exit_statuses_the_app_returns() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    table = readme.split("| exit status of `python app.py` | meaning |", 1)[1].split("\n\n", 1)[0]
    rows = dict(re.findall(r"^\| (\d) \| (.*) \|$", table, re.M))
    assert sorted(rows) == sorted(
        str(s)
        for s in (
            0,
            app.EXIT_SYNTH_FAILED,
            app.EXIT_BAD_CONFIG,
            app.EXIT_CHECKS_FAILED,
            app.EXIT_TEMPLATE_INVALID,
        )
    )
    assert rows[str(app.EXIT_BAD_CONFIG)].startswith("a bad setting")
    assert "cdk-nag finding" in rows[str(app.EXIT_CHECKS_FAILED)]
    assert "CloudFormation" in rows[str(app.EXIT_TEMPLATE_INVALID)]
    assert rows[str(app.EXIT_SYNTH_FAILED)].startswith("aws-cdk-lib failed")
