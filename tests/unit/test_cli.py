"""The real CDK CLI, run once on the shipped cdk.json and once on a broken copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, lab_settings

CDK = ROOT / "node_modules" / ".bin" / "cdk"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CDK.exists(), reason="run `make setup` first: no pinned CDK CLI"),
]


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "CDK_DISABLE_CLI_TELEMETRY": "true",
    }
    return subprocess.run(
        [str(CDK), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_cdk_synth_writes_the_template_the_tests_assert(
    tmp_path: Path, lab_template: dict[str, Any]
) -> None:
    result = cli(["synth", "--quiet", "--output", str(tmp_path)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "PatchWindow.template.json").read_text())
    assert written == lab_template


def test_cdk_synth_stops_on_a_bad_setting_with_the_error_line(tmp_path: Path) -> None:
    cdk_json = json.loads((ROOT / "cdk.json").read_text())
    settings = lab_settings()
    settings["windows"][0]["duraton_hours"] = 3
    cdk_json["context"]["patch_window"] = settings
    cdk_json["app"] = f"{sys.executable} {ROOT / 'app.py'}"
    (tmp_path / "cdk.json").write_text(json.dumps(cdk_json))
    result = cli(["synth", "--quiet"], cwd=tmp_path)
    # The app exits 2; the CLI says so and exits 1 itself, as the README states.
    assert result.returncode == 1
    assert "Subprocess exited with error 2" in result.stderr
    assert (
        "error: patch_window.windows[0].duraton_hours: unknown key; did you mean 'duration_hours'?"
    ) in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_cdk_synth_prints_synthesis_warnings_with_their_ids(tmp_path: Path) -> None:
    cdk_json = json.loads((ROOT / "cdk.json").read_text())
    settings = lab_settings()
    settings["windows"][0]["tasks"].append(
        {"name": "Report", "type": "LAMBDA", "function": "PatchReport"}
    )
    cdk_json["context"]["patch_window"] = settings
    cdk_json["app"] = f"{sys.executable} {ROOT / 'app.py'}"
    (tmp_path / "cdk.json").write_text(json.dumps(cdk_json))
    result = cli(["synth", "--quiet"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(
        line.startswith("WARNING function 'PatchReport' does not start with 'SSM'")
        for line in lines
    ), result.stderr
    assert "   PatchWindow/PatchTestWorkloadWebServers/TaskReport constructs.Construct" in lines
    assert "   Acknowledge with 'Annotation::patch-window:managed-policy-name-not-ssm'" in lines


def test_cdk_synth_passes_a_configuration_above_its_inline_limit_through_its_overflow_file(
    tmp_path: Path,
) -> None:
    """Above 128 KiB of context the CLI moves keys to a file (CONTEXT_OVERFLOW_LOCATION_ENV)."""
    cdk_json = json.loads((ROOT / "cdk.json").read_text())
    settings = lab_settings()
    big = [f"KB{i:05d}-" + "x" * 1000 for i in range(140)]
    settings["windows"][0]["tasks"][0]["parameters"]["InstallOverrideList"] = big
    cdk_json["context"]["patch_window"] = settings
    cdk_json["app"] = f"{sys.executable} {ROOT / 'app.py'}"
    (tmp_path / "cdk.json").write_text(json.dumps(cdk_json))
    assert len(json.dumps(cdk_json["context"])) > 131072
    result = cli(["synth", "--quiet", "--output", str(tmp_path / "out")], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    template = json.loads((tmp_path / "out" / "PatchWindow.template.json").read_text())
    task = next(r for r in template["Resources"].values() if r["Type"].endswith("WindowTask"))
    parameters = task["Properties"]["TaskInvocationParameters"][
        "MaintenanceWindowRunCommandParameters"
    ]["Parameters"]
    assert parameters["InstallOverrideList"] == big
