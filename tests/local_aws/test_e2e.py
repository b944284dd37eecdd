"""End to end: the real CDK CLI and the real app against the emulator server on 127.0.0.1.

One emulator, one account, in this order: a deploy whose group does not exist fails with AWS's
message; ``python -m local_aws deploy`` (what ``make deploy-local`` runs) creates the groups and
deploys; after an edit of cdk.json a second deploy updates in place (same window id); ``python
-m local_aws destroy`` removes everything and stops the emulator. The app runs from a copy of
cdk.json in a temporary folder, so the test can edit it; the app itself is the project's app.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from local_aws import cli, emulator, readback

ROOT = Path(__file__).resolve().parents[2]
CDK = ROOT / "node_modules" / ".bin" / "cdk"

pytestmark = pytest.mark.e2e


def edit(settings: dict[str, Any]) -> None:
    """The cdk.json edit between the two deploys: longer window, more task concurrency."""
    window = settings["windows"][0]
    window["duration_hours"] += 1
    window["tasks"][0]["max_concurrency"] = "2"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(project dir with a copy of cdk.json, emulator state dir); stops the emulator after."""
    if not CDK.exists():
        pytest.skip(f"{CDK.relative_to(ROOT)} is missing: run `make setup` (npm ci)")
    cdk_json = json.loads((ROOT / "cdk.json").read_text())
    cdk_json["app"] = f"{sys.executable} {ROOT / 'app.py'}"
    (tmp_path / "cdk.json").write_text(json.dumps(cdk_json, indent=2))
    state_dir = tmp_path / ".local-aws"
    try:
        yield tmp_path, state_dir
    finally:
        emulator.stop(state_dir)


def local_aws(command: str, project_dir: Path, state_dir: Path) -> str:
    """``python -m local_aws COMMAND`` as make runs it; its output (it must succeed)."""
    options = ["--project-dir", str(project_dir), "--state-dir", str(state_dir)]
    done = subprocess.run(
        [sys.executable, "-m", "local_aws", command, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def windows(running: emulator.Emulator) -> list[dict[str, Any]]:
    return readback.read_windows(cli.client("ssm", running))


def test_bootstrap_deploy_update_destroy_through_the_cli(project: tuple[Path, Path]) -> None:
    project_dir, state_dir = project
    stack_name, groups = cli.settings(project_dir)
    started = time.monotonic()

    running = emulator.start(state_dir)
    assert running.endpoint.startswith("http://127.0.0.1:")
    environment = cli.cdk_environment(running, state_dir)
    for arguments in (
        ["bootstrap", "aws://123456789012/us-east-1"],
        ["deploy", stack_name, "--require-approval", "never", "-o", str(state_dir / "out")],
    ):
        failed = subprocess.run(
            cli.cdk_command(arguments),
            cwd=project_dir,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    assert failed.returncode != 0
    assert f"NoSuchEntity: Group {groups[0]} not found" in failed.stdout + failed.stderr
    assert windows(running) == []

    first = local_aws("deploy", project_dir, state_dir)
    assert f"reusing the emulator (pid {running.pid})" in first
    [window] = windows(running)
    assert "SSM holds 1 maintenance window(s)" in first
    assert f"window {window['WindowId']}" in first
    assert (len(window["WindowTargets"]), len(window["Tasks"])) == (1, 1)

    # make run-local OUTPUT=json: the server's control route runs the window on the lab's fleet
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "local_aws",
            "run",
            "--output",
            "json",
            "--project-dir",
            str(project_dir),
            "--state-dir",
            str(state_dir),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    [history] = json.loads(ran.stdout)["windows"]
    assert history["window_id"] == window["WindowId"]
    [task] = history["executions"][0]["tasks"]
    assert len(task["invocations"]) == 2
    assert len(history["not_invoked"]) == 2
    assert "web-server-1" in ran.stderr
    assert "app-server-2" in ran.stderr

    cdk_json = json.loads((project_dir / "cdk.json").read_text())
    edit(cdk_json["context"]["patch_window"])
    (project_dir / "cdk.json").write_text(json.dumps(cdk_json, indent=2))
    second = local_aws("deploy", project_dir, state_dir)
    [updated] = windows(running)
    assert updated["WindowId"] == window["WindowId"]
    assert updated["Duration"] == window["Duration"] + 1
    assert f"duration: {updated['Duration']} h" in second
    assert updated["Tasks"][0]["WindowTaskId"] == window["Tasks"][0]["WindowTaskId"]
    assert updated["Tasks"][0]["MaxConcurrency"] == "2"

    gone = local_aws("destroy", project_dir, state_dir)
    assert "SSM holds no maintenance windows." in gone
    assert emulator.running(state_dir) is None
    print(
        f"\nbootstrap, failed deploy, deploy, update, destroy: {time.monotonic() - started:.1f} s"
    )
