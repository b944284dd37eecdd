"""The package as a user installs it: a wheel carrying ``py.typed``, whose hints a consumer's
mypy reads and enforces."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

CONSUMER = """\
import aws_cdk as cdk
from patch_window import MaintenanceWindow, Schedule, TargetSelector


def build(scope: cdk.Stack) -> MaintenanceWindow:
    window = MaintenanceWindow(
        scope,
        "Window",
        schedule=Schedule.daily(hour=2),
        duration=cdk.Duration.hours(3),
        cutoff=cdk.Duration.hours(1),
    )
    window.add_target("Web", selector=TargetSelector.by_tag_keys(["Patch Group"]))
    return window


broken = Schedule.daily(hour="2")
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel ``pip wheel .`` builds, from a copy of the sources (no build/ in the repo)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "patch_window", source / "patch_window", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("patch_window-*.whl")
    return built


def test_the_wheel_ships_py_typed(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "patch_window/py.typed" in names
    assert "patch_window/app/reader.py" in names


def _mypy(site: Path, work: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict on the consumer, with the unpacked wheel on the path as site-packages."""
    (work / "consumer.py").write_text(CONSUMER)
    # aws-cdk-lib's hints are its own business and take minutes to read: skip them.
    (work / "mypy.ini").write_text(
        "[mypy]\nstrict = True\n\n[mypy-aws_cdk.*,constructs.*,jsii.*,cdk_nag.*]\n"
        "follow_imports = skip\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "consumer.py"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_consumers_mypy_reads_the_hints(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    result = _mypy(site, tmp_path)
    assert result.returncode == 1, result.stdout
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert errors == [
        'consumer.py:17: error: Argument "hour" to "daily" of "Schedule" has incompatible type '
        '"str"; expected "int"  [arg-type]'
    ]


def test_without_py_typed_the_hints_are_invisible(wheel: Path, tmp_path: Path) -> None:
    """The control: the same wheel without the marker is an untyped package to mypy."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    (site / "patch_window" / "py.typed").unlink()
    result = _mypy(site, tmp_path)
    assert "import-untyped" in result.stdout, result.stdout
