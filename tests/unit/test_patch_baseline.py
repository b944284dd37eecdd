"""Typed AWS-RunPatchBaseline parameters."""

from __future__ import annotations

import pytest

from patch_window import PatchWindowValidationError, RebootOption, RunPatchBaseline


def test_scan_says_scan_and_no_reboot() -> None:
    scan = RunPatchBaseline.scan()
    assert scan.document == "AWS-RunPatchBaseline"
    assert scan.parameters == {"Operation": ["Scan"], "RebootOption": ["NoReboot"]}


def test_install_reboots_if_needed_by_default() -> None:
    assert RunPatchBaseline.install().parameters == {
        "Operation": ["Install"],
        "RebootOption": ["RebootIfNeeded"],
    }


def test_install_carries_every_optional_parameter() -> None:
    """Each override alone: together they fail on AWS, so they are refused (test_baselines)."""
    install = RunPatchBaseline.install(
        reboot_option=RebootOption.NO_REBOOT,
        snapshot_id="4f2b1d3c-2a7e-4b8f-9c1d-0e5f6a7b8c9d",
        install_override_list="s3://patch-lists/critical.yaml",
    )
    assert install.parameters == {
        "Operation": ["Install"],
        "RebootOption": ["NoReboot"],
        "SnapshotId": ["4f2b1d3c-2a7e-4b8f-9c1d-0e5f6a7b8c9d"],
        "InstallOverrideList": ["s3://patch-lists/critical.yaml"],
    }
    overridden = RunPatchBaseline.install(baseline_override="https://example.com/baseline.json")
    assert overridden.parameters["BaselineOverride"] == ["https://example.com/baseline.json"]


def test_bad_values_are_all_reported() -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        RunPatchBaseline.install(snapshot_id="today", install_override_list="/tmp/list.yaml")
    assert caught.value.problems == (
        "RunPatchBaseline: snapshot_id must be a GUID, got 'today'",
        "RunPatchBaseline: install_override_list must be an https:// or s3:// URL, "
        "got '/tmp/list.yaml'",
    )
