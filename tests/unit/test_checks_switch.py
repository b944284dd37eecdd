"""``patch_window_checks``: the cdk-nag packs run on every synthesis unless it is false."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import app
from tests.conftest import cdk_context, lab_settings


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ({}, True),
        ({"patch_window_checks": True}, True),
        ({"patch_window_checks": "true"}, True),
        ({"patch_window_checks": False}, False),
        ({"patch_window_checks": "false"}, False),
    ],
)
def test_the_packs_run_unless_the_key_is_false(context: dict[str, Any], expected: bool) -> None:
    assert app.compliance_checks(context) is expected


@pytest.mark.parametrize("value", ["no", 0, 1, None, "False"])
def test_any_other_value_stops_with_one_error_line(
    capsys: pytest.CaptureFixture[str], value: Any
) -> None:
    context = {**cdk_context(), "patch_window_checks": value}

    status = app.main({"CDK_CONTEXT_JSON": json.dumps(context)})

    assert status == app.EXIT_BAD_CONFIG
    assert capsys.readouterr().err == (
        "error: patch_window_checks: must be true or false (run the cdk-nag packs or not), "
        f"got {value!r}\n"
    )


def test_false_synthesizes_without_adding_the_packs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    added: list[object] = []
    monkeypatch.setattr("patch_window.compliance.add_compliance_checks", added.append)
    context = {**cdk_context(lab_settings()), "patch_window_checks": False}
    (tmp_path / "cdk.json").write_text(json.dumps({"context": context}))
    monkeypatch.chdir(tmp_path)

    assert app.main({}) == 0
    assert added == []
