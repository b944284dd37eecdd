"""A bad setting is refused before aws-cdk-lib is imported, so before the node process starts.

The probe runs ``app.main`` in a fresh interpreter whose PATH leads to a stand-in ``node`` that
only leaves a mark: a refused setting must load no aws-cdk-lib module and leave no mark; a good
setting, run the same way, leaves the mark (so the probe would see node start).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, cdk_context, lab_settings

PROBE = """
import json, os, sys
import app
status = app.main({"CDK_CONTEXT_JSON": os.environ["PROBE_CONTEXT"]})
loaded = sorted(m for m in ("aws_cdk", "jsii", "constructs", "cdk_nag") if m in sys.modules)
print(json.dumps({"status": status, "loaded": loaded}))
"""


def _probe(settings: dict[str, Any], bin_dir: Path) -> tuple[dict[str, object], str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            "PROBE_CONTEXT": json.dumps(cdk_context(settings)),
            "PATH": f"{bin_dir}:/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    lines = result.stdout.strip().splitlines()
    return (json.loads(lines[-1]) if lines else {}), result.stderr


@pytest.fixture
def fake_node(tmp_path: Path) -> tuple[Path, Path]:
    """A directory holding a ``node`` that only records that it ran, and that record's path."""
    mark = tmp_path / "node-started"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    node = bin_dir / "node"
    node.write_text(f"#!/bin/sh\ntouch {mark}\nexit 1\n")
    node.chmod(0o755)
    return bin_dir, mark


def test_a_bad_setting_is_refused_without_loading_aws_cdk_lib(
    fake_node: tuple[Path, Path],
) -> None:
    bin_dir, mark = fake_node
    settings = lab_settings()
    settings["windows"][0]["cutoff_hours"] = 3
    outcome, stderr = _probe(settings, bin_dir)
    assert outcome == {"status": 2, "loaded": []}
    assert not mark.exists()
    assert stderr.splitlines() == [
        "error: patch_window.windows[0].cutoff_hours: must be less than the duration "
        "(3 hours), got 3 hours: no task could ever start"
    ]


def test_the_probe_sees_node_start_for_a_good_setting(fake_node: tuple[Path, Path]) -> None:
    """The control: with nothing to refuse, app.main reaches aws-cdk-lib, which runs node."""
    bin_dir, mark = fake_node
    _probe(lab_settings(), bin_dir)
    assert mark.exists()


OPTIONAL_MODULES = ("aws_s3", "aws_sns", "aws_logs", "aws_kms", "aws_events", "aws_lambda")
LOADED_SERVICES = f"""
import json, os, sys, tempfile
import app
with tempfile.TemporaryDirectory() as outdir:
    status = app.main({{"CDK_CONTEXT_JSON": os.environ["PROBE_CONTEXT"], "CDK_OUTDIR": outdir}})
loaded = [n for n in {OPTIONAL_MODULES!r} if "aws_cdk." + n in sys.modules]
print(json.dumps({{"status": status, "loaded": loaded}}))
"""


def test_the_lab_synthesizes_without_the_aws_cdk_lib_modules_it_does_not_use() -> None:
    """Each aws-cdk-lib module costs import time on every synthesis: a stack without command
    output, notifications or alerts (the lab's) loads IAM and SSM only."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED_SERVICES],
        cwd=ROOT,
        env={**os.environ, "PROBE_CONTEXT": json.dumps(cdk_context(lab_settings()))},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"status": 0, "loaded": []}
