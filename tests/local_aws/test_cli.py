"""The pieces of ``python -m local_aws`` that need no server: settings, read-back, printout."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from local_aws import cli, emulator, readback
from tests.conftest import lab_settings

from .helpers import Aws, deploy, seed_groups


def _cdk_json(directory: Path, patch_window: Any) -> None:
    (directory / "cdk.json").write_text(
        json.dumps({"app": "x", "context": {"patch_window": patch_window}})
    )


def test_settings_come_from_cdk_json_through_the_apps_reader(tmp_path: Path) -> None:
    settings = lab_settings()
    settings["stack_name"] = "Lab"
    settings["pass_role"]["group_names"] = ["Ops", "A"]
    _cdk_json(tmp_path, settings)

    assert cli.settings(tmp_path) == ("Lab", ["Ops", "A"])


def test_settings_default_to_the_lab_stack_and_no_groups(tmp_path: Path) -> None:
    settings = lab_settings()
    del settings["pass_role"]
    _cdk_json(tmp_path, settings)

    assert cli.settings(tmp_path) == ("PatchWindow", [])


def test_a_bad_setting_gets_the_apps_error_line_before_the_emulator_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = lab_settings()
    settings["pass_role"] = None
    _cdk_json(tmp_path, settings)
    state = tmp_path / "state"

    status = cli.main(["deploy", "--project-dir", str(tmp_path), "--state-dir", str(state)])

    assert status == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: patch_window.pass_role: must be an object, got None (null)"
    ]
    assert emulator.recorded(state) is None


def test_a_second_deploy_in_the_same_checkout_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cdk_json(tmp_path, lab_settings())
    state = tmp_path / "state"
    with cli.checkout_lock(state):
        status = cli.main(["deploy", "--project-dir", str(tmp_path), "--state-dir", str(state)])
    assert status == cli.EXIT_BUSY
    assert capsys.readouterr().err.splitlines() == [
        f"error: another deploy-local or destroy-local runs in this checkout (pid {os.getpid()}); "
        "wait for it to finish, then run this again"
    ]
    with cli.checkout_lock(state):  # released: the next one gets it
        pass


def test_a_dead_emulator_is_reported_as_dead(tmp_path: Path) -> None:
    gone = emulator.Emulator(pid=2**22 + 1, port=1)
    message = cli._emulator_state(gone, tmp_path)
    assert message == (
        f"the emulator (pid {2**22 + 1}) is no longer running (log: {tmp_path / 'server.log'}); "
        "`make deploy-local` starts a new one"
    )


def test_no_state_means_no_emulator(tmp_path: Path) -> None:
    assert emulator.running(tmp_path) is None
    assert emulator.stop(tmp_path) is False


def test_the_environment_points_only_at_the_emulator(tmp_path: Path) -> None:
    environment = emulator.Emulator(pid=1, port=45678).environment(tmp_path)

    assert environment["AWS_ENDPOINT_URL"] == "http://127.0.0.1:45678"
    assert environment["AWS_CONFIG_FILE"].startswith(str(tmp_path))
    assert environment["CDK_DISABLE_CLI_TELEMETRY"] == "true"


def test_read_back_and_printout_of_the_lab(
    aws: Aws, synthesized_templates: dict[str, dict[str, Any]]
) -> None:
    template = synthesized_templates["lab"]
    seed_groups(aws, template)
    deploy(aws, "PatchWindow", template)

    windows = readback.read_windows(aws.ssm)
    printed = readback.format_windows(windows)

    [window] = windows
    [target] = window["WindowTargets"]
    [task] = window["Tasks"]
    assert printed.splitlines()[0] == "SSM holds 1 maintenance window(s):"
    for expected in (
        f"window {window['WindowId']}  {window['Name']}",
        f"schedule: {window['Schedule']}",
        f"duration: {window['Duration']} h, cutoff: {window['Cutoff']} h",
        f"allow unassociated targets: {window['AllowUnassociatedTargets']}",
        f"target {target['WindowTargetId']}",
        f"task {task['WindowTaskId']}",
        "RunCommand.Parameters: Operation=Install",
    ):
        assert expected in printed


def test_printout_of_nothing() -> None:
    assert readback.format_windows([]) == "SSM holds no maintenance windows."


def test_read_back_and_printout_of_the_baselines(
    aws: Aws, synthesized_templates: dict[str, dict[str, Any]]
) -> None:
    template = synthesized_templates["baselines"]
    seed_groups(aws, template)
    deploy(aws, "PatchWindowBaselines", template)

    baselines = {b["Name"]: b for b in readback.read_baselines(aws.ssm)}
    printed = readback.format_baselines(list(baselines.values()))

    linux = baselines["AmazonLinux2023-SecurityFirst"]
    assert linux["PatchGroups"] == ["WebServers-AL2023"]
    assert linux["DefaultBaseline"] is False
    assert printed.splitlines()[0] == "SSM holds 2 patch baseline(s):"
    for expected in (
        f"baseline {linux['BaselineId']}  AmazonLinux2023-SecurityFirst: AMAZON_LINUX_2023",
        "patch groups: WebServers-AL2023",
        "Amazon Linux 2023: Security, Critical and Important, approved after 7 days, "
        "compliance CRITICAL",
        "Windows Server: SecurityUpdates and CriticalUpdates, Critical and Important, "
        "approved after 7 days",
        "rejected (blocked): kernel-debug*",
    ):
        assert expected in printed


def test_printout_of_no_baseline() -> None:
    assert readback.format_baselines([]).startswith("SSM holds no patch baselines")
