"""``patch-window history`` end to end in process: arguments, exit statuses, one-line errors,
and the agreement between the calls the walker makes and HistoryReaderPolicy's actions."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError  # type: ignore[import-untyped, unused-ignore]

import local_aws
from local_aws import executions, fleet
from patch_window import cli
from patch_window.history import cli as history_cli
from patch_window.history import walker
from patch_window.history_actions import ALL_ACTIONS
from tests.conftest import lab_settings

from .helpers import Aws, deploy, seed_groups

STACK = "PatchWindow"
WEB = {"Workload": "Test", "InstanceRole": "WebServer"}


def _lab(aws: Aws, template: dict[str, Any], members: tuple[fleet.FleetInstance, ...]) -> None:
    seed_groups(aws, template)
    deploy(aws, STACK, template)
    fleet.seed(aws.ec2, aws.iam, members)


def _run_all(aws: Aws) -> list[str]:
    window_ids = walker.stack_window_ids(aws.cloudformation, STACK)
    executions.run_windows(local_aws.ACCOUNT_ID, local_aws.REGION, window_ids)
    return window_ids


def _main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(["history", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_of_the_lab_run(
    aws: Aws, lab_template: dict[str, Any], credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _lab(aws, lab_template, fleet.LAB_FLEET)
    [window_id] = _run_all(aws)

    status, out, err = _main(capsys, "--stack", STACK, "--output", "json", "--show-output")

    assert (status, err) == (0, "")
    shape = json.loads(out)
    [window] = shape["windows"]
    assert (window["window_id"], window["name"]) == (window_id, "PatchTestWorkloadWebServers")
    [execution] = window["executions"]
    assert execution["status"] == "SUCCESS"
    assert execution["start_time"].endswith("+00:00")
    [task] = execution["tasks"]
    assert len(task["invocations"]) == 2
    steps = task["invocations"][0]["steps"]
    assert [(s["name"], s["status"]) for s in steps] == [
        ("PatchWindows", "Success"),
        ("PatchLinux", "Success"),
    ]
    assert set(steps[0]) == {"name", "status", "output", "error"}
    assert len(window["not_invoked"]) == 2  # the app servers
    assert set(window["not_invoked"][0]) == {"instance_id", "reason"}


def test_text_names_each_level_and_the_stack_defaults_to_cdk_json(
    aws: Aws,
    lab_template: dict[str, Any],
    credentials: None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _lab(aws, lab_template, fleet.LAB_FLEET)
    _run_all(aws)
    cdk_json = tmp_path / "cdk.json"
    cdk_json.write_text(json.dumps({"context": {"patch_window": lab_settings()}}))

    status, out, _ = _main(capsys, "--cdk-json", str(cdk_json), "--show-output")

    assert status == 0
    assert "PatchTestWorkloadWebServers" in out
    assert "task PatchTestWorkloadWebServers (RUN_COMMAND)  SUCCESS" in out
    assert "step PatchLinux: Success" in out
    assert "execution " in out
    assert "command " in out


def test_a_failed_latest_execution_exits_1(
    aws: Aws, lab_template: dict[str, Any], credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    members = tuple(fleet.FleetInstance(f"web-{n}", WEB, fail=True) for n in range(3))
    _lab(aws, lab_template, members)
    _run_all(aws)

    status, out, _ = _main(capsys, "--stack", STACK)

    assert status == history_cli.EXIT_FAILED
    assert "FAILED (One or more tasks in the orchestration failed.)" in out
    # max errors 1: the second failure stops the task; the third web server is never invoked
    assert out.count("not invoked:") == 1
    assert "error threshold" in out


def test_a_window_that_never_ran_is_an_error_line(
    aws: Aws, lab_template: dict[str, Any], credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _lab(aws, lab_template, fleet.LAB_FLEET)
    [window_id] = walker.stack_window_ids(aws.cloudformation, STACK)

    status, _, err = _main(capsys, "--window-id", window_id, "--since", "7d")

    assert status == history_cli.EXIT_NO_HISTORY
    assert err == (
        f"error: window {window_id} (PatchTestWorkloadWebServers) has no executions in the "
        "last 7 days\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--stack", "Nope"], "error: stack 'Nope' does not exist in this account and Region\n"),
        (
            ["--window-id", "mw-0123456789abcdef0"],
            "error: maintenance window 'mw-0123456789abcdef0' does not exist\n",
        ),
    ],
)
def test_unknown_stack_or_window(
    aws: Aws,
    credentials: None,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    status, out, err = _main(capsys, *argv)
    assert (status, out, err) == (history_cli.EXIT_ERROR, "", message)


def test_missing_credentials_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [name for name in __import__("os").environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")

    status, out, err = _main(capsys, "--window-id", "mw-0123456789abcdef0")

    assert (status, out) == (history_cli.EXIT_ERROR, "")
    assert err.startswith("error: no AWS credentials found")
    assert err.count("\n") == 1


class Throttled:
    """A client whose every call is throttled (after botocore's own retries)."""

    def __getattr__(self, name: str) -> Any:
        def call(**_: Any) -> Any:
            raise ClientError(
                {"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}},
                "GetMaintenanceWindow",
            )

        return call


def test_throttling_is_retried_with_backoff_then_one_line(
    monkeypatch: pytest.MonkeyPatch, credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    made, _cloudformation = history_cli.clients(full_output=False)
    retries = made.ssm.meta.config.retries
    assert retries == {"mode": "standard", "total_max_attempts": history_cli.MAX_ATTEMPTS}
    throttled = walker.Clients(ssm=Throttled(), ec2=Throttled())
    monkeypatch.setattr(history_cli, "clients", lambda full_output: (throttled, Throttled()))

    status, _, err = _main(capsys, "--window-id", "mw-0123456789abcdef0")

    assert status == history_cli.EXIT_ERROR
    assert err == (
        f"error: AWS throttled GetMaintenanceWindow after {history_cli.MAX_ATTEMPTS} attempts "
        "with backoff; try again later or with fewer windows\n"
    )


def test_bad_since_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["history", "--window-id", "mw-0123456789abcdef0", "--since", "week"])
    assert exit_.value.code == 2
    assert "--since takes a positive number of days, hours or minutes" in capsys.readouterr().err


# --- the policy's actions are exactly the calls ----------------------------------------------


@pytest.fixture
def recorded() -> set[str]:
    calls: set[str] = set()
    return calls


def _record(client: Any, calls: set[str]) -> Any:
    prefix = client.meta.service_model.signing_name
    prefix = {"cloudwatch-logs": "logs"}.get(prefix, prefix)

    def before(model: Any, **_: Any) -> None:
        calls.add(f"{prefix}:{model.name}")

    client.meta.events.register("before-call.*.*", before)
    return client


def _with_output(template: dict[str, Any], output: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(template)
    for resource in changed["Resources"].values():
        if resource["Type"] == "AWS::SSM::MaintenanceWindowTask":
            run = resource["Properties"]["TaskInvocationParameters"][
                "MaintenanceWindowRunCommandParameters"
            ]
            run.update(output)
    return changed


def test_the_policy_grants_exactly_the_calls_the_walker_makes(
    aws: Aws, lab_template: dict[str, Any], recorded: set[str]
) -> None:
    """Every boto3 operation of a run that reads everything (a not-invoked instance, output in
    S3, then in CloudWatch Logs, fetched whole) is one of the policy's actions, and back."""
    members = (*fleet.LAB_FLEET, fleet.FleetInstance("web-stopped", WEB, state="stopped"))
    aws.s3.create_bucket(Bucket="patch-output")
    seed_groups(aws, lab_template)
    fleet.seed(aws.ec2, aws.iam, members)
    for client in (aws.cloudformation, aws.ssm, aws.ec2, aws.s3, aws.logs):
        _record(client, recorded)
    seen: set[str] = set()
    outputs: list[tuple[dict[str, Any], str]] = [
        ({"OutputS3BucketName": "patch-output", "OutputS3KeyPrefix": "runs"}, "s3:GetObject"),
        ({"CloudWatchOutputConfig": {"CloudWatchOutputEnabled": True}}, "logs:GetLogEvents"),
    ]
    for output, fetch in outputs:
        deploy(aws, STACK, _with_output(lab_template, output))
        recorded.clear()  # the deploy's calls are not the walker's
        window_ids = walker.stack_window_ids(aws.cloudformation, STACK)
        executions.run_windows(local_aws.ACCOUNT_ID, local_aws.REGION, window_ids)
        clients = walker.Clients(ssm=aws.ssm, ec2=aws.ec2, s3=aws.s3, logs=aws.logs)
        history = walker.walk(
            clients, window_ids, walker.Options(show_output=True, full_output=True)
        )
        step = history.windows[0].executions[0].tasks[0].invocations[0].steps[1]
        assert step.full_output_at is not None
        assert step.output.startswith("local_aws rehearsal"), step.full_output_at
        assert fetch in recorded, step.full_output_at
        assert history.windows[0].not_invoked
        seen |= recorded

    assert seen == set(ALL_ACTIONS)
