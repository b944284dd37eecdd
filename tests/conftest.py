"""Shared, session-scoped synthesis: each stack is built once and reused by every test.

Synthesis costs seconds (a node process behind jsii), so templates come from fixtures here,
never from a synth per test.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# jsii runs the first `node` on PATH: use the venv's Node 24, as the Makefile does.
os.environ["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"

import aws_cdk as cdk
import pytest
from cfnlint.api import REGIONS, ConfigMixIn, Runner
from cfnlint.decode.decode import decode_str

from patch_window import PatchWindowStack
from patch_window.app.reader import read_settings
from patch_window.compliance import add_compliance_checks

pytest_plugins = ["tests.no_skips"]

ROOT = Path(__file__).resolve().parent.parent
CDK_JSON = json.loads((ROOT / "cdk.json").read_text())
HARDENED_JSON = ROOT / "examples" / "hardened.json"
# What the CDK CLI adds to cdk.json's context when it runs the app (see CDK_CONTEXT_JSON).
CLI_CONTEXT = {
    "aws:cdk:enable-path-metadata": True,
    "aws:cdk:enable-asset-metadata": True,
    "aws:cdk:version-reporting": True,
    "aws:cdk:bundling-stacks": ["**"],
}


EMULATOR_TESTS = ROOT / "tests" / "local_aws"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the emulator's tests ``emulator``: ``make test-e2e`` runs them, ``make test`` not."""
    for item in items:
        if item.path.is_relative_to(EMULATOR_TESTS):
            item.add_marker(pytest.mark.emulator)


@functools.cache
def _cfn_lint_runner() -> Runner:
    """cfn-lint as `lint_all` runs it (every region, informational checks, experimental
    rules), built once: building the rule set costs more than linting a template."""
    return Runner(ConfigMixIn(regions=REGIONS, include_checks=["I"], include_experimental=True))


def cfn_lint(template: dict[str, Any]) -> list[str]:
    """cfn-lint's findings (errors, warnings and informational) for a template dict."""
    # As UTF-8 text, the way CDK writes templates: cfn-lint cannot decode the surrogate-pair
    # escapes that ensure_ascii would write for characters beyond the BMP.
    decoded, errors = decode_str(json.dumps(template, ensure_ascii=False))
    if errors:
        return [str(error) for error in errors]
    return [str(match) for match in _cfn_lint_runner().validate_template(decoded)]


def cdk_context(patch_window: dict[str, Any] | None = None) -> dict[str, Any]:
    """cdk.json's context as the CLI passes it, optionally with another ``patch_window``."""
    context = copy.deepcopy(CDK_JSON["context"])
    if patch_window is not None:
        context["patch_window"] = patch_window
    return {**context, **CLI_CONTEXT}


def lab_settings() -> dict[str, Any]:
    """A fresh, mutable copy of the shipped ``patch_window`` settings."""
    return copy.deepcopy(CDK_JSON["context"]["patch_window"])


def hardened_settings() -> dict[str, Any]:
    """A fresh copy of examples/hardened.json: least privilege, output and notifications on."""
    settings: dict[str, Any] = json.loads(HARDENED_JSON.read_text())
    return settings


def synth_config(
    settings: dict[str, Any],
) -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    """Build the app's stack from ``settings`` as app.py does, cdk-nag packs included.

    Returns the stack, its template and CDK's validation report (the packs' findings and
    acknowledgments). An unacknowledged finding fails here with ``ValidationFailed``.
    """
    config = read_settings(settings)
    app = cdk.App(context=cdk_context(settings))
    stack = PatchWindowStack(app, config.stack_name, config=config)
    add_compliance_checks(app)
    assembly = app.synth()
    template = assembly.get_stack_by_name(stack.stack_name).template
    report = json.loads((Path(assembly.directory) / "validation-report.json").read_text())
    return stack, template, report


class Layout:
    """The stage layout of a configuration with ``deployment``: every stack by name."""

    def __init__(self, settings: dict[str, Any]) -> None:
        from patch_window.app.deployment import build

        config = read_settings(settings)
        app = cdk.App(context=cdk_context(settings))
        self.stacks: dict[str, cdk.Stack] = {}
        self.templates: dict[str, dict[str, Any]] = {}
        self.regions: dict[str, str] = {}
        self.accounts: dict[str, str] = {}
        self.stages = build(app, config)
        self.stack_sets: Any = None
        if config.deployment is not None and config.deployment.stack_set is not None:
            from patch_window.app import stack_sets

            flags = {k: v for k, v in cdk_context().items() if k != "patch_window"}
            self.stack_sets = stack_sets.build(app, config, flags)
        add_compliance_checks(app)
        assembly = app.synth()
        if self.stack_sets is not None:
            name = self.stack_sets.stack_name
            self.stacks[name] = self.stack_sets
            self.templates[name] = assembly.get_stack_by_name(name).template
            self.regions[name] = self.stack_sets.region
            self.accounts[name] = self.stack_sets.account
        for stage in self.stages:
            assembly = stage.synth()
            for stack in (stage.account_stack, *stage.windows_stacks.values()):
                self.stacks[stack.stack_name] = stack
                self.templates[stack.stack_name] = assembly.get_stack_by_name(
                    stack.stack_name
                ).template
                self.regions[stack.stack_name] = stack.region
                self.accounts[stack.stack_name] = stack.account


@functools.cache
def _layout(settings_json: str) -> Layout:
    return Layout(json.loads(settings_json))


def synth_layout(settings: dict[str, Any]) -> Layout:
    """The stage layout of ``settings``, synthesized once per distinct configuration."""
    return _layout(json.dumps(settings, sort_keys=True))


def multi_region_settings() -> dict[str, Any]:
    """examples/multi-region.json: two environments, each in two Regions."""
    settings: dict[str, Any] = json.loads((ROOT / "examples" / "multi-region.json").read_text())
    return settings


@pytest.fixture(scope="session")
def multi_region() -> Layout:
    return synth_layout(multi_region_settings())


@pytest.fixture(scope="session")
def lab() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    """The shipped cdk.json's stack, template and validation report."""
    return synth_config(lab_settings())


@pytest.fixture(scope="session")
def lab_template(lab: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    return lab[1]


@pytest.fixture(scope="session")
def lab_stack(lab: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]) -> PatchWindowStack:
    return lab[0]


def two_windows_settings() -> dict[str, Any]:
    """Several windows in one stack, every optional key set, a task on a subset of targets."""
    settings = lab_settings()
    settings["stack_name"] = "PatchWindowTwoWindows"
    settings["windows"].append(
        {
            "name": "ScanProdWebServers",
            "description": "Nightly patch scan of production web servers",
            "schedule": "cron(30 3 ? * TUE#2 *)",
            "schedule_timezone": "Europe/London",
            "schedule_offset": 2,
            "start_date": "2026-12-01T00:00:00+00:00",
            "end_date": "2027-12-01T00:00:00+00:00",
            "duration_hours": 4,
            "cutoff_hours": 2,
            "allow_unassociated_targets": False,
            "targets": [
                {
                    "name": "ProdWebServers",
                    "description": "Production web servers",
                    "owner_information": "web-team",
                    "tags": {"Workload": ["Prod"], "InstanceRole": ["WebServer", "Proxy"]},
                },
                {"name": "ProdDatabases", "tags": {"Workload": ["Prod"], "Tier": ["Data"]}},
            ],
            "tasks": [
                {
                    "name": "ScanProdWebServers",
                    "description": "Scan only",
                    "document": "AWS-RunPatchBaseline",
                    "document_version": "$LATEST",
                    "priority": 0,
                    "max_concurrency": "10%",
                    "max_errors": "0",
                    "targets": ["ProdWebServers"],
                    "cutoff_behavior": "CANCEL_TASK",
                    "timeout_seconds": 900,
                    "comment": "Scheduled scan",
                    "parameters": {"Operation": ["Scan"], "RebootOption": ["NoReboot"]},
                }
            ],
        }
    )
    return settings


@pytest.fixture(scope="session")
def two_windows() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    return synth_config(two_windows_settings())


def target_forms_settings() -> dict[str, Any]:
    """One window with a target of each form: tags, tag keys, instance ids, resource group."""
    settings = lab_settings()
    settings["stack_name"] = "PatchWindowTargetForms"
    window = settings["windows"][0]
    window["targets"] += [
        {"name": "AnyPatchGroup", "tag_keys": ["Patch Group", "PatchGroup"]},
        {"name": "Bastions", "instance_ids": ["i-0123456789abcdef0", "mi-0123456789abcdef0"]},
        {
            "name": "WebGroup",
            "resource_group": {"name": "web-servers", "resource_types": ["AWS::EC2::Instance"]},
        },
        {"name": "AllOfDataGroup", "resource_group": {"name": "data"}},
    ]
    return settings


SCAN_THEN_INSTALL_JSON = ROOT / "examples" / "scan-then-install.json"


def scan_then_install_settings() -> dict[str, Any]:
    """A fresh copy of examples/scan-then-install.json."""
    settings: dict[str, Any] = json.loads(SCAN_THEN_INSTALL_JSON.read_text())
    return settings


@pytest.fixture(scope="session")
def scan_then_install() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    return synth_config(scan_then_install_settings())


BASELINES_JSON = ROOT / "examples" / "baselines.json"


def baselines_settings() -> dict[str, Any]:
    """A fresh copy of examples/baselines.json: patch baselines and a patch-group target."""
    settings: dict[str, Any] = json.loads(BASELINES_JSON.read_text())
    return settings


@pytest.fixture(scope="session")
def baselines() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    return synth_config(baselines_settings())


def task_types_settings() -> dict[str, Any]:
    """Every task type from cdk.json: Automation (targetless and on targets), Lambda and Step
    Functions by ARN and by name, under least privilege."""
    settings = lab_settings()
    settings["stack_name"] = "PatchWindowTaskTypes"
    settings["role"]["policy"] = "least-privilege"
    settings["role"]["trusted_services"] = ["ssm.amazonaws.com"]
    window = settings["windows"][0]
    window["tasks"] += [
        {
            "name": "SnapshotVolumes",
            "type": "AUTOMATION",
            "document": "AWS-CreateSnapshot",
            "priority": 0,
            "parameters": {"VolumeId": ["vol-0123456789abcdef0"]},
        },
        {
            "name": "RestartWeb",
            "type": "AUTOMATION",
            "document": "AWS-RestartEC2Instance",
            "document_version": "$DEFAULT",
            "targets": ["TestWebServers"],
            "max_concurrency": "1",
            "max_errors": "1",
            "priority": 2,
            "parameters": {"InstanceId": ["{{RESOURCE_ID}}"]},
        },
        {
            "name": "ReportByArn",
            "type": "LAMBDA",
            "function": "arn:aws:lambda:us-east-1:123456789012:function:SSMPatchReport",
            "qualifier": "live",
            "payload": {"window": "{{WINDOW_EXECUTION_ID}}"},
            "priority": 3,
        },
        {
            "name": "NotifyByName",
            "type": "LAMBDA",
            "function": "SSMNotify",
            "targets": ["TestWebServers"],
            "max_concurrency": "100%",
            "max_errors": "100%",
            "client_context": {"team": "web"},
            "priority": 3,
        },
        {
            "name": "DrainAndPatch",
            "type": "STEP_FUNCTIONS",
            "state_machine": "arn:aws:states:us-east-1:123456789012:stateMachine:SSMDrainAndPatch",
            "input": {"window": "{{WINDOW_ID}}"},
            "execution_name": "drain-and-patch",
            "priority": 4,
        },
        {
            "name": "Verify",
            "type": "STEP_FUNCTIONS",
            "state_machine": "SSMVerify",
            "priority": 5,
        },
    ]
    return settings


@pytest.fixture(scope="session")
def task_types() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    return synth_config(task_types_settings())


@pytest.fixture(scope="session")
def target_forms() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    return synth_config(target_forms_settings())


@pytest.fixture(scope="session")
def hardened() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    """examples/hardened.json: created bucket, log group and topic, least privilege."""
    return synth_config(hardened_settings())


def existing_resources_settings() -> dict[str, Any]:
    """Least privilege with what already exists: a bucket, a log group and a topic named in
    cdk.json, the source-account guard on, and an {{ssm:...}} parameter reference."""
    settings = hardened_settings()
    settings["stack_name"] = "PatchWindowExisting"
    settings["role"]["restrict_source_account"] = True
    task = settings["windows"][0]["tasks"][0]
    task["parameters"]["InstallOverrideList"] = ["{{ssm:/patching/override-list}}"]
    task["output"] = {
        "s3": {"bucket_name": "patch-output-123456789012", "key_prefix": "web/"},
        "cloudwatch": {"log_group_name": "/patching/commands"},
        "instance_role_names": ["TestWebServersInstanceRole", "LegacyInstanceRole"],
    }
    task["notifications"] = {
        "topic_arn": "arn:aws:sns:eu-west-1:123456789012:patching",
        "events": ["All"],
        "type": "Invocation",
    }
    return settings


@pytest.fixture(scope="session")
def existing_resources() -> tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]:
    return synth_config(existing_resources_settings())


@pytest.fixture(scope="session")
def synthesized_templates(
    lab: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    two_windows: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    hardened: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    existing_resources: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    target_forms: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    task_types: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    scan_then_install: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    baselines: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Every template the suite synthesizes, by name (cfn-lint and the emulator use these)."""
    return {
        "lab": lab[1],
        "two_windows": two_windows[1],
        "hardened": hardened[1],
        "existing_resources": existing_resources[1],
        "target_forms": target_forms[1],
        "task_types": task_types[1],
        "scan_then_install": scan_then_install[1],
        "baselines": baselines[1],
    }


@pytest.fixture(scope="session")
def validation_reports(
    lab: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    two_windows: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    hardened: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    existing_resources: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    target_forms: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    task_types: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    scan_then_install: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
    baselines: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """CDK's validation report (the cdk-nag packs) of every app-built stack, by name."""
    return {
        "lab": lab[2],
        "two_windows": two_windows[2],
        "hardened": hardened[2],
        "existing_resources": existing_resources[2],
        "target_forms": target_forms[2],
        "task_types": task_types[2],
        "scan_then_install": scan_then_install[2],
    }


@pytest.fixture
def chdir_root() -> Iterator[Path]:
    """Run in the project root, where cdk.json is."""
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        yield ROOT
    finally:
        os.chdir(previous)
