"""``make run-local`` in process: the lab's stack, the lab's fleet, one run, the history printed.

The server and the CDK CLI are left out (the e2e suite and ``make run-local`` run them): the
emulator is the in-process one, the stack is deployed as ``cdk deploy`` would, and the control
route's call runs the windows directly.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import local_aws
from local_aws import controls, emulator, executions, run_local

from .helpers import Aws, deploy, seed_groups
from .test_history_cli import STACK


@pytest.fixture
def in_process(aws: Aws, monkeypatch: pytest.MonkeyPatch, credentials: None) -> Aws:
    running = emulator.Emulator(pid=0, port=0)
    monkeypatch.setattr(emulator, "running", lambda state_dir: running)
    monkeypatch.setattr(
        controls,
        "run_windows",
        lambda endpoint, ids: executions.run_windows(local_aws.ACCOUNT_ID, local_aws.REGION, ids),
    )

    @contextlib.contextmanager
    def unchanged(variables: dict[str, str]) -> Iterator[None]:
        yield

    monkeypatch.setattr(run_local, "environment", unchanged)
    return aws


def _client(aws: Aws) -> Any:
    return lambda service, running: getattr(aws, service)


def test_the_lab_stack_invokes_the_web_servers_and_lists_the_app_servers(
    in_process: Aws, lab_template: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    seed_groups(in_process, lab_template)
    deploy(in_process, STACK, lab_template)

    status = run_local.run(Path("."), STACK, _client(in_process), None, "json")

    out, err = capsys.readouterr()
    assert status == 0
    [window] = json.loads(out)["windows"]
    names = {
        instance["InstanceId"]: tag["Value"]
        for reservation in in_process.ec2.describe_instances()["Reservations"]
        for instance in reservation["Instances"]
        for tag in instance["Tags"]
        if tag["Key"] == "Name"
    }
    [task] = window["executions"][0]["tasks"]
    invoked = sorted(names[i["instance_id"]] for i in task["invocations"])
    assert invoked == ["web-server-1", "web-server-2"]
    listed = sorted(names[entry["instance_id"]] for entry in window["not_invoked"])
    assert listed == ["app-server-1", "app-server-2"]
    assert "ran window" in err  # the progress goes to stderr when the output is JSON


def test_a_fleet_file_with_failing_web_servers_exits_1(
    in_process: Aws,
    lab_template: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    seed_groups(in_process, lab_template)
    deploy(in_process, STACK, lab_template)
    web = {"Workload": "Test", "InstanceRole": "WebServer"}
    fleet_file = tmp_path / "fleet.json"
    fleet_file.write_text(
        json.dumps([{"name": f"web-{n}", "tags": web, "fail": True} for n in range(3)])
    )

    status = run_local.run(Path("."), STACK, _client(in_process), fleet_file, "text")

    out, _ = capsys.readouterr()
    assert status == 1
    assert "told to fail" in out
    assert "step PatchLinux: Failed" in out
    assert "is FAILED (one of FAILED, TIMED_OUT)" in out


def test_without_a_deployed_stack_it_says_to_deploy_first(
    in_process: Aws, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_local.run(Path("."), STACK, _client(in_process), None, "text")

    assert status == run_local.EXIT_NOT_DEPLOYED
    assert capsys.readouterr().err == (
        f"error: stack {STACK!r} does not exist in this account and Region: "
        "run `make deploy-local` first\n"
    )
