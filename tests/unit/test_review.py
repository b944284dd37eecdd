"""`make review`: the differ's verdicts on a table of real changes to the shipped cdk.json,
checked against the pinned CDK CLI's own `cdk diff --template`; renames in place with `id`; the
Markdown of one review."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import aws_cdk as cdk
import pytest
from syrupy.assertion import SnapshotAssertion

from patch_window import cli
from patch_window.review.diff import Action, ResourceChange, diff
from patch_window.review.render import failures, render, review_stack
from patch_window.review.schemas import create_only_properties
from tests.conftest import ROOT, lab_settings, synth_config

CDK = ROOT / "node_modules" / ".bin" / "cdk"
WINDOW = "PatchTestWorkloadWebServers289F1007"
TARGET = "PatchTestWorkloadWebServersTargetTestWebServers15B67A63"
TASK = "PatchTestWorkloadWebServersTaskPatchTestWorkloadWebServersD372F01A"
ROLE = "MaintenanceWindowRole895536AB"


def _rename(settings: dict[str, Any], *, keep_ids: bool) -> None:
    window = settings["windows"][0]
    target, task = window["targets"][0], window["tasks"][0]
    if keep_ids:
        window["id"], target["id"], task["id"] = window["name"], target["name"], task["name"]
    window["name"], target["name"], task["name"] = "PatchLabWeb", "LabWeb", "PatchLabWeb"


def _role_name(settings: dict[str, Any]) -> None:
    settings["role"]["role_name"] = "PatchWindowTaskRole"


def _task_type(settings: dict[str, Any]) -> None:
    task = settings["windows"][0]["tasks"][0]
    task.update(type="AUTOMATION", document="AWS-RestartEC2Instance", targets=["TestWebServers"])
    task["parameters"] = {"InstanceId": ["{{RESOURCE_ID}}"]}


def _target_form(settings: dict[str, Any]) -> None:
    target = settings["windows"][0]["targets"][0]
    del target["tags"]
    target["tag_keys"] = ["PatchGroup"]


def _schedule(settings: dict[str, Any]) -> None:
    settings["windows"][0]["schedule"] = "cron(0 4 ? * SUN *)"
    settings["windows"][0]["schedule_timezone"] = "Europe/London"


def _tags(settings: dict[str, Any]) -> None:
    settings["windows"][0]["targets"][0]["tags"]["Workload"] = ["Production"]


#: change -> how it edits the shipped settings
CHANGES = {
    "rename without id": lambda s: _rename(s, keep_ids=False),
    "rename with id": lambda s: _rename(s, keep_ids=True),
    "role name": _role_name,
    "task type": _task_type,
    "target form": _target_form,
    "schedule only": _schedule,
    "tags only": _tags,
}

#: change -> {logical id in the head: action}; every other resource is unchanged. A rename
#: without id moves logical ids to new hashes: that row is checked by kind below.
VERDICTS: dict[str, dict[str, Action]] = {
    "rename with id": {WINDOW: Action.UPDATE, TARGET: Action.UPDATE, TASK: Action.UPDATE},
    "role name": {
        ROLE: Action.REPLACE,
        "PassRolePolicy3CB0CAE4": Action.UPDATE,
        TASK: Action.UPDATE,
    },
    "task type": {TASK: Action.REPLACE},
    "target form": {TARGET: Action.UPDATE},
    "schedule only": {WINDOW: Action.UPDATE},
    "tags only": {TARGET: Action.UPDATE},
}


@pytest.fixture(scope="module")
def heads() -> dict[str, tuple[dict[str, Any], dict[str, Any], str]]:
    """Each change synthesized once: template, validation report, cloud assembly directory."""
    found = {}
    for name, edit in CHANGES.items():
        settings = lab_settings()
        edit(settings)
        stack, template, report = synth_config(settings)
        found[name] = (template, report, cast(cdk.App, stack.node.root).outdir)
    return found


def _changes(base: dict[str, Any], head: dict[str, Any]) -> list[ResourceChange]:
    return diff(base, head, create_only_properties)


@pytest.mark.parametrize("change", CHANGES)
def test_verdicts_on_the_table_of_changes(
    change: str, lab_template: dict[str, Any], heads: dict[str, Any]
) -> None:
    changes = _changes(lab_template, heads[change][0])
    if change == "rename without id":
        assert sorted((c.base_id, c.action) for c in changes) == [
            (WINDOW, Action.REPLACE),
            (TARGET, Action.REPLACE),
            (TASK, Action.REPLACE),
        ]
        return
    assert {c.logical_id: c.action for c in changes} == VERDICTS[change]


def test_a_rename_without_id_names_the_logical_id_change_and_the_id_to_keep(
    lab_template: dict[str, Any], heads: dict[str, Any]
) -> None:
    changes = {c.resource_type: c for c in _changes(lab_template, heads["rename without id"][0])}
    window = changes["AWS::SSM::MaintenanceWindow"]
    assert window.base_id == WINDOW
    assert window.reasons[0].startswith(f"logical id changes from {WINDOW} to PatchLabWeb")
    target = changes["AWS::SSM::MaintenanceWindowTarget"]
    assert any("WindowId is create-only and refers to" in r for r in target.reasons)
    markdown = render(
        [
            review_stack(
                "PatchWindow",
                (lab_template, None),
                heads["rename without id"][:2],
                create_only_properties,
            )
        ],
        "main",
        "head",
    )
    assert '`"id": "PatchTestWorkloadWebServers"`' in markdown


def test_rename_with_id_keeps_every_logical_id(
    lab_template: dict[str, Any], heads: dict[str, Any]
) -> None:
    head = heads["rename with id"][0]
    assert set(head["Resources"]) == set(lab_template["Resources"])
    assert set(head["Outputs"]) == set(lab_template["Outputs"])
    assert head["Resources"][WINDOW]["Properties"]["Name"] == "PatchLabWeb"
    assert head["Resources"][TARGET]["Properties"]["Name"] == "LabWeb"
    assert head["Resources"][TASK]["Properties"]["Name"] == "PatchLabWeb"


def test_a_role_name_change_is_a_replacement_by_its_create_only_name(
    lab_template: dict[str, Any], heads: dict[str, Any]
) -> None:
    role = next(c for c in _changes(lab_template, heads["role name"][0]) if c.logical_id == ROLE)
    assert role.reasons == ("RoleName is create-only and changes",)


def test_fail_on_refuses_replacements_unless_their_type_is_allowed(
    lab_template: dict[str, Any], heads: dict[str, Any]
) -> None:
    reviews = [
        review_stack(
            "PatchWindow", (lab_template, None), heads["task type"][:2], create_only_properties
        )
    ]
    assert failures(reviews, ["replace", "destroy"], []) == [
        "PatchWindow: replace PatchWindow/PatchTestWorkloadWebServers/"
        "TaskPatchTestWorkloadWebServers/Resource (AWS::SSM::MaintenanceWindowTask)"
    ]
    assert failures(reviews, ["replace"], ["AWS::SSM::MaintenanceWindowTask"]) == []
    assert failures(reviews, [], []) == []


def test_a_replaced_window_cascades_to_what_refers_to_it_by_a_create_only_property() -> None:
    """A window replaced in place (same logical id) gets a new id: its targets follow."""
    base = {
        "Resources": {
            "W": {"Type": "AWS::SSM::MaintenanceWindow", "Properties": {"Name": "a"}},
            "T": {
                "Type": "AWS::SSM::MaintenanceWindowTarget",
                "Properties": {"WindowId": {"Ref": "W"}},
            },
        }
    }
    head = json.loads(json.dumps(base))
    head["Resources"]["W"]["Type"] = "AWS::SSM::MaintenanceWindow"
    head["Resources"]["W"]["Properties"]["Name"] = "b"
    assert [(c.logical_id, c.action) for c in _changes(base, head)] == [("W", Action.UPDATE)]

    def create_only(resource_type: str) -> tuple[str, ...]:
        return (
            ("/properties/Name",) if resource_type.endswith("Window") else ("/properties/WindowId",)
        )

    verdicts = diff(base, head, create_only)
    assert [(c.logical_id, c.action) for c in verdicts] == [
        ("T", Action.REPLACE),
        ("W", Action.REPLACE),
    ]
    assert verdicts[0].reasons == ("WindowId is create-only and refers to W, which is replaced",)


def _cdk_diff(base: dict[str, Any], assembly: str, tmp_path: Path) -> dict[str, set[str]]:
    """The CLI's verdicts: logical ids it adds, destroys and replaces."""
    (tmp_path / "base.json").write_text(json.dumps(base))
    env = {
        **os.environ,
        "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "CDK_DISABLE_CLI_TELEMETRY": "true",
    }
    run = subprocess.run(
        [
            str(CDK),
            "diff",
            "--app",
            assembly,
            "--template",
            str(tmp_path / "base.json"),
            "PatchWindow",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "Number of stacks with differences: 1" in output, output
    verdicts: dict[str, set[str]] = {"add": set(), "destroy": set(), "replace": set()}
    section = ""
    for line in output.splitlines():
        if line and not line.startswith((" ", "[")):
            section = line.strip()
        found = re.match(r"\[([-+~])\] (AWS::\S+) .*?(\S+?)(?: (replace|destroy))?$", line)
        if section != "Resources" or not found or found.group(2) == "AWS::CDK::Metadata":
            continue
        sign, _, logical_id, verdict = found.groups()
        if sign == "+":
            verdicts["add"].add(logical_id)
        elif sign == "-":
            verdicts["destroy"].add(logical_id)
        elif verdict == "replace":
            verdicts["replace"].add(logical_id)
    return verdicts


@pytest.mark.e2e
@pytest.mark.skipif(not CDK.exists(), reason="run `make setup` first: no pinned CDK CLI")
@pytest.mark.parametrize("change", CHANGES)
def test_verdicts_agree_with_cdk_diff(
    change: str, lab_template: dict[str, Any], heads: dict[str, Any], tmp_path: Path
) -> None:
    """CDK shows a logical id change as a destroy and an add; the review as one replacement."""
    changes = _changes(lab_template, heads[change][0])
    ours: dict[str, set[str]] = {"add": set(), "destroy": set(), "replace": set()}
    for c in changes:
        if c.action is Action.ADD or (c.action is Action.REPLACE and c.base_id != c.head_id):
            ours["add"].add(c.logical_id)
        if c.action is Action.REMOVE or (c.action is Action.REPLACE and c.base_id != c.head_id):
            ours["destroy"].add(str(c.base_id))
        if c.action is Action.REPLACE and c.base_id == c.head_id:
            ours["replace"].add(c.logical_id)
    assert _cdk_diff(lab_template, heads[change][2], tmp_path) == ours


def test_markdown_of_one_review(
    lab_template: dict[str, Any],
    lab: tuple[Any, dict[str, Any], dict[str, Any]],
    snapshot: SnapshotAssertion,
) -> None:
    """A rename without id, a schedule change and a broadened role, as a reviewer reads it."""
    settings = lab_settings()
    _rename(settings, keep_ids=False)
    _schedule(settings)
    settings["role"]["trusted_services"].append("lambda.amazonaws.com")
    settings["pass_role"]["group_names"].append("Operators")
    _, template, report = synth_config(settings)
    reviews = [
        review_stack(
            "PatchWindow", (lab_template, lab[2]), (template, report), create_only_properties
        )
    ]
    assert render(reviews, "main", "working tree") == snapshot


def test_fail_on_with_an_unknown_kind_is_a_bad_argument(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["review", "--fail-on", "replace,rename"]) == 2
    assert capsys.readouterr().err == (
        "error: FAIL_ON: unknown kind 'rename'; allowed: replace, destroy\n"
    )


def _checkout(into: Path) -> Path:
    """A git checkout of the committed project with the shipped cdk.json, in ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, check=True
    )
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"],
    ):
        subprocess.run(["git", *args], cwd=into, check=True, capture_output=True)
    return into


@pytest.mark.e2e
def test_review_of_a_renamed_lab_window_in_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The uncommitted rename is reviewed against `main` (no origin), offline, leaving the
    working tree as it was; FAIL_ON refuses the replacement; the job summary gets the review."""
    checkout = _checkout(tmp_path / "checkout")
    cdk_json = json.loads((checkout / "cdk.json").read_text())
    cdk_json["context"]["patch_window"]["windows"][0]["name"] = "PatchLabWebServers"
    (checkout / "cdk.json").write_text(json.dumps(cdk_json, indent=2))
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(checkout)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("BASE", raising=False)
    assert cli.main(["review", "--fail-on", "replace,destroy"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("## patch-window review: `main` -> `working tree`")
    assert "**3 replaced, 0 destroyed, 0 updated in place, 0 added.**" in out
    assert '`"id": "PatchTestWorkloadWebServers"`' in out
    assert "error: FAIL_ON=replace,destroy refuses: PatchWindow: replace " in err
    assert summary.read_text() + "\n" == out
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=checkout, capture_output=True, text=True
    )
    assert status.stdout == " M cdk.json\n"
