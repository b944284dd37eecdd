"""The ``make synth`` summary (tools/summarize.py) against the templates it summarizes.

A reviewer reads the summary instead of the template, so every property that changes when or
what a window runs must be in it, for every example configuration and every task type.
"""

from __future__ import annotations

import base64
import datetime
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from local_aws import readback
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("summarize", ROOT / "tools" / "summarize.py")
assert _spec is not None
assert _spec.loader is not None
summarize: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(summarize)

WINDOW = "AWS::SSM::MaintenanceWindow"
TARGET = "AWS::SSM::MaintenanceWindowTarget"
TASK = "AWS::SSM::MaintenanceWindowTask"
#: Window properties the summary line shows; Name heads it. Description changes neither when
#: nor what a window runs. A new property in a template fails the test until it is shown.
WINDOW_SHOWN = {
    "Name",
    "Schedule",
    "ScheduleTimezone",
    "ScheduleOffset",
    "StartDate",
    "EndDate",
    "Duration",
    "Cutoff",
    "AllowUnassociatedTargets",
}
WINDOW_NOT_SHOWN = {"Description"}
#: When the README's example of the summary was printed.
README_NOW = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def templates(synthesized_templates: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return synthesized_templates


def _resources(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r.get("Properties", {}) for r in template["Resources"].values() if r["Type"] == kind]


def _line(lines: list[str], prefix: str) -> str:
    [found] = [line for line in lines if line.startswith(prefix)]
    return found


@pytest.mark.parametrize(
    "name",
    [
        "lab",
        "two_windows",
        "hardened",
        "existing_resources",
        "target_forms",
        "task_types",
        "scan_then_install",
    ],
)
def test_the_summary_shows_every_window_target_and_task(
    templates: dict[str, dict[str, Any]], name: str
) -> None:
    template = templates[name]
    lines = summarize.summarize(template)
    windows = _resources(template, WINDOW)
    assert windows
    for window in windows:
        assert set(window) <= WINDOW_SHOWN | WINDOW_NOT_SHOWN, set(window) - WINDOW_SHOWN
        line = _line(lines, f"window {window['Name']}: ")
        expected = [
            window["Schedule"],
            f"{window['Duration']} h",
            f"last {window['Cutoff']} h",
            "targets allowed" if window.get("AllowUnassociatedTargets") else "not allowed",
        ]
        if "ScheduleTimezone" in window:
            expected.append(f"({window['ScheduleTimezone']})")
        if "ScheduleOffset" in window:
            expected.append(f"offset {window['ScheduleOffset']} day(s)")
        expected += [f"starts {window[k]}" for k in ("StartDate",) if k in window]
        expected += [f"ends {window[k]}" for k in ("EndDate",) if k in window]
        assert [part for part in expected if part not in line] == [], line
    for target in _resources(template, TARGET):
        line = _line(lines, f"  target {target.get('Name', '-')}: ")
        assert line.endswith(summarize.targets_text(target["Targets"]))
    tasks = _resources(template, TASK)
    assert tasks
    for task in tasks:
        line = _line(lines, f"  task {task['Name']}: ")
        assert f": {task['TaskType']} {summarize.text(task['TaskArn'])}" in line
        assert f"priority {task['Priority']}" in line
        invocation = task["TaskInvocationParameters"]
        for kind in (
            "MaintenanceWindowRunCommandParameters",
            "MaintenanceWindowAutomationParameters",
        ):
            if kind in invocation:
                assert json.dumps(invocation[kind].get("Parameters", {})) in line
        lambda_ = invocation.get("MaintenanceWindowLambdaParameters", {})
        if "Payload" in lambda_:
            assert f"payload {json.dumps(json.loads(lambda_['Payload']))}" in line
        if "ClientContext" in lambda_:
            context = json.loads(base64.b64decode(lambda_["ClientContext"]))
            assert f"client context {json.dumps(context)}" in line
        machine = invocation.get("MaintenanceWindowStepFunctionsParameters", {})
        if "Input" in machine:
            assert f"input {json.dumps(json.loads(machine['Input']))}" in line
        if "Name" in machine:
            assert f"execution name {machine['Name']}" in line


def test_every_task_type_is_summarized(templates: dict[str, dict[str, Any]]) -> None:
    lines = summarize.summarize(templates["task_types"])
    kinds = {line.split(": ", 1)[1].split(" ", 1)[0] for line in lines if "  task " in line}
    assert kinds == {"RUN_COMMAND", "AUTOMATION", "LAMBDA", "STEP_FUNCTIONS"}
    assert not any("{}" in line or "'Fn::" in line for line in lines), lines


def test_dates_offset_and_time_zone_are_shown(templates: dict[str, dict[str, Any]]) -> None:
    lines = summarize.summarize(templates["two_windows"])
    assert any(
        "(Europe/London), offset 2 day(s)" in line
        and "starts 2026-12-01T00:00:00+00:00" in line
        and "ends 2027-12-01T00:00:00+00:00" in line
        for line in lines
    ), lines


def test_the_install_window_of_scan_then_install_shows_its_offset(
    templates: dict[str, dict[str, Any]],
) -> None:
    lines = summarize.summarize(templates["scan_then_install"])
    install = _line(lines, "window WebServers-Install: ")
    assert install.startswith(
        "window WebServers-Install: cron(0 3 ? * TUE#2 *) (Europe/London), offset 2 day(s), "
    )


def test_each_window_shows_its_next_runs_as_preview_computes_them(
    templates: dict[str, dict[str, Any]],
) -> None:
    lines = summarize.summarize(templates["scan_then_install"], now=README_NOW)
    install = lines.index(_line(lines, "window WebServers-Install: "))
    assert lines[install + 1] == (
        "  next runs: 2026-12-10T03:00:00+00:00, 2027-01-14T03:00:00+00:00, "
        "2027-02-11T03:00:00+00:00, 2027-03-11T03:00:00+00:00, 2027-04-15T03:00:00+01:00"
    )
    scan = lines.index(_line(lines, "window WebServers-Scan: "))
    assert lines[scan + 1].startswith("  next runs: 2026-12-01T06:00:00+00:00, ")


def test_next_runs_of_a_window_that_never_runs_or_cannot_be_read() -> None:
    window = {"Schedule": "at(2026-01-01T00:00:00)"}
    assert summarize._next_runs_line(window, README_NOW) == "  next runs: never"
    window = {"Schedule": "cron(0 2 ? * * *)", "ScheduleTimezone": "Mars/Olympus"}
    assert summarize._next_runs_line(window, README_NOW) == (
        "  next runs: unknown ('Mars/Olympus' is not an IANA time zone)"
    )


@pytest.mark.parametrize(
    "targets",
    [
        [{"Key": "tag:Workload", "Values": ["Test"]}, {"Key": "tag:Role", "Values": ["A", "B"]}],
        [{"Key": "InstanceIds", "Values": ["i-0123456789abcdef0"]}],
        [{"Key": "tag-key", "Values": ["Patch Group"]}],
        [],
    ],
)
def test_targets_read_as_the_emulator_reads_them_back(targets: list[dict[str, Any]]) -> None:
    assert summarize.targets_text(targets) == readback.format_targets(targets)


def test_references_read_by_name() -> None:
    arn = {
        "Fn::Join": [
            "",
            ["arn:", {"Ref": "AWS::Partition"}, ":lambda:", {"Ref": "AWS::Region"}, ":f"],
        ]
    }
    assert summarize.text(arn) == "arn:${AWS::Partition}:lambda:${AWS::Region}:f"
    assert summarize.text({"Ref": "Topic1234"}, {"Topic1234": "Alerts"}) == "Alerts"
    assert summarize.text({"Fn::GetAtt": ["Role1", "Arn"]}) == "Role1.Arn"


def test_main_prints_the_summary_of_a_cloud_assembly(
    tmp_path: Path, templates: dict[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "S.template.json").write_text(json.dumps(templates["lab"]))
    manifest = {
        "artifacts": {
            "S": {
                "type": "aws:cloudformation:stack",
                "displayName": "S",
                "properties": {"templateFile": "S.template.json"},
            }
        }
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    assert summarize.main(str(tmp_path)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"stack S -> {tmp_path / 'S.template.json'}"
    assert out[1].startswith("  window PatchTestWorkloadWebServers: cron(0 2 ? * * *), 3 h")


def test_the_readme_shows_what_make_synth_prints(lab_template: dict[str, Any]) -> None:
    readme = (ROOT / "README.md").read_text()
    example = readme.split("`make synth` prints, for example:\n\n```\n", 1)[1].split("```", 1)[0]
    shown = example.splitlines()
    assert shown[0] == "stack PatchWindow -> cdk.out/PatchWindow.template.json"
    printed = [f"  {line}" for line in summarize.summarize(lab_template, now=README_NOW)]
    assert shown[1 : 1 + len(printed)] == printed
