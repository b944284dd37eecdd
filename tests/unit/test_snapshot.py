"""The shipped app's whole template: the contract a reviewer approves in a pull request."""

from __future__ import annotations

from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from tests.conftest import Layout


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.with_defaults(extension_class=JSONSnapshotExtension)


def test_lab_template_matches_snapshot(
    lab_template: dict[str, Any], snapshot_json: SnapshotAssertion
) -> None:
    assert lab_template == snapshot_json


def test_two_windows_template_matches_snapshot(
    synthesized_templates: dict[str, dict[str, Any]], snapshot_json: SnapshotAssertion
) -> None:
    assert synthesized_templates["two_windows"] == snapshot_json


def test_hardened_template_matches_snapshot(
    synthesized_templates: dict[str, dict[str, Any]], snapshot_json: SnapshotAssertion
) -> None:
    """examples/hardened.json: the CloudFormation a reviewer approves for least privilege."""
    assert synthesized_templates["hardened"] == snapshot_json


def test_scan_then_install_template_matches_snapshot(
    synthesized_templates: dict[str, dict[str, Any]], snapshot_json: SnapshotAssertion
) -> None:
    """examples/scan-then-install.json: the two-window pattern a reviewer approves."""
    assert synthesized_templates["scan_then_install"] == snapshot_json


def test_baselines_template_matches_snapshot(
    synthesized_templates: dict[str, dict[str, Any]], snapshot_json: SnapshotAssertion
) -> None:
    """examples/baselines.json: patch baselines, their patch groups and a patch-group target."""
    assert synthesized_templates["baselines"] == snapshot_json


def test_multi_region_templates_match_snapshot(
    multi_region: Layout, snapshot_json: SnapshotAssertion
) -> None:
    """examples/multi-region.json: every stack of both stages, by stack name."""
    assert multi_region.templates == snapshot_json
