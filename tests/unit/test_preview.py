"""``patch-window preview``: the settings the app reads, the JSON shape, the text, the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from patch_window import cli
from tests.conftest import ROOT

AFTER = "2026-12-01T00:00:00Z"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(["preview", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_shape_for_scan_then_install(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(
        capsys,
        "--config",
        str(ROOT / "examples" / "scan-then-install.json"),
        "--after",
        AFTER,
        "-n",
        "2",
        "--output",
        "json",
    )
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "windows": [
            {
                "name": "WebServers-Scan",
                "schedule": "cron(0 0/6 ? * * *)",
                "time_zone": None,
                "offset_days": None,
                "next_runs": ["2026-12-01T06:00:00+00:00", "2026-12-01T12:00:00+00:00"],
            },
            {
                "name": "WebServers-Install",
                "schedule": "cron(0 3 ? * TUE#2 *)",
                "time_zone": "Europe/London",
                "offset_days": 2,
                "next_runs": ["2026-12-10T03:00:00+00:00", "2027-01-14T03:00:00+00:00"],
            },
        ]
    }


def test_text_reads_cdk_json_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = _run(capsys, "--after", AFTER, "-n", "2")
    assert (status, err) == (0, "")
    assert out == (
        "next runs after 2026-12-01T00:00:00+00:00\n"
        "\n"
        "PatchTestWorkloadWebServers: cron(0 2 ? * * *) in UTC\n"
        "  Tue 2026-12-01T02:00:00+00:00\n"
        "  Wed 2026-12-02T02:00:00+00:00\n"
    )


def test_default_count_is_five_and_a_cdk_json_is_read_for_its_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = _run(
        capsys, "--config", str(ROOT / "cdk.json"), "--after", AFTER, "--output", "json"
    )
    assert status == 0
    [window] = json.loads(out)["windows"]
    assert len(window["next_runs"]) == 5


def test_a_window_that_never_runs_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    settings = json.loads((ROOT / "examples" / "hardened.json").read_text())
    settings["windows"][0]["schedule"] = "at(2026-01-01T00:00:00)"
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(settings))
    status, out, _ = _run(capsys, "--config", str(path), "--after", AFTER)
    assert status == 0
    assert out.endswith(
        "PatchTestWorkloadWebServers: at(2026-01-01T00:00:00) in UTC\n"
        "  never: no run after that instant\n"
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["-n", "0"], "error: -n: must be a whole number from 1 to 1000, got '0'"),
        (["-n", "x"], "error: -n: must be a whole number from 1 to 1000, got 'x'"),
        (["-n", "1001"], "error: -n: must be a whole number from 1 to 1000, got '1001'"),
        (
            ["--after", "yesterday"],
            "error: --after: must be an ISO 8601 date-time such as 2026-12-01T00:00:00Z, "
            "got 'yesterday'",
        ),
        (["--output", "xml"], "error: --output: must be text or json, got 'xml'"),
        (
            ["--config", "no-such.json"],
            "error: --config: must name a regular JSON file, got 'no-such.json' (no such file)",
        ),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    error: str,
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = _run(capsys, *args)
    assert (status, out, err) == (2, "", error + "\n")


def test_bad_settings_exit_2_naming_the_setting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    settings = json.loads((ROOT / "examples" / "hardened.json").read_text())
    settings["windows"][0]["schedule"] = "cron(0 2 * * * *)"
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(settings))
    status, out, err = _run(capsys, "--config", str(path))
    assert (status, out) == (2, "")
    assert err == (
        "error: patch_window.windows[0].schedule: 'cron(0 2 * * * *)': exactly one of "
        "day-of-month and day-of-week must be '?', got '*' and '*'\n"
    )


def test_invalid_json_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{")
    status, _, err = _run(capsys, "--config", str(path))
    assert status == 2
    assert err.startswith("error: --config: invalid JSON at line 1 column 2")
    assert err.count("\n") == 1


def test_the_readme_shows_what_preview_prints(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text()
    command = "$ patch-window preview --config examples/scan-then-install.json"
    example = readme.split(command, 1)[1].split("```", 1)[0]
    args, shown = example.split("\n", 1)
    status = cli.main(
        ["preview", "--config", str(ROOT / "examples" / "scan-then-install.json"), *args.split()]
    )
    assert status == 0
    assert capsys.readouterr().out == shown
