"""The scan-then-install pattern: a frequent Scan window and a rarer Install window."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_s3 as s3
import pytest

from patch_window import (
    PatchPhase,
    PatchWindowValidationError,
    ScanThenInstall,
    Schedule,
    TargetSelector,
)
from patch_window.app.reader import read_settings
from tests.conftest import cdk_context, scan_then_install_settings

Resources = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def windows(scan_then_install: tuple[Any, dict[str, Any], dict[str, Any]]) -> Resources:
    """Window properties by window name, from examples/scan-then-install.json."""
    return _by_name(scan_then_install[1], "AWS::SSM::MaintenanceWindow")


@pytest.fixture(scope="module")
def tasks(scan_then_install: tuple[Any, dict[str, Any], dict[str, Any]]) -> Resources:
    return _by_name(scan_then_install[1], "AWS::SSM::MaintenanceWindowTask")


def _by_name(template: dict[str, Any], kind: str) -> Resources:
    return {
        r["Properties"]["Name"]: r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == kind
    }


def test_example_scans_every_six_hours_and_installs_after_patch_tuesday(
    windows: Resources,
) -> None:
    assert windows["WebServers-Scan"]["Schedule"] == "cron(0 0/6 ? * * *)"
    install = windows["WebServers-Install"]
    assert (install["Schedule"], install["ScheduleOffset"], install["ScheduleTimezone"]) == (
        "cron(0 3 ? * TUE#2 *)",
        2,
        "Europe/London",
    )


def test_scan_never_reboots_and_install_reboots_if_needed(tasks: Resources) -> None:
    def parameters(name: str) -> Any:
        return tasks[name]["TaskInvocationParameters"]["MaintenanceWindowRunCommandParameters"][
            "Parameters"
        ]

    assert parameters("WebServers-Scan") == {"Operation": ["Scan"], "RebootOption": ["NoReboot"]}
    assert parameters("WebServers-Install") == {
        "Operation": ["Install"],
        "RebootOption": ["RebootIfNeeded"],
    }


def test_each_phase_has_its_own_rate_control(tasks: Resources) -> None:
    scan, install = tasks["WebServers-Scan"], tasks["WebServers-Install"]
    assert (scan["MaxConcurrency"], scan["MaxErrors"]) == ("25%", "25%")
    assert (install["MaxConcurrency"], install["MaxErrors"]) == ("1", "1")


def test_both_windows_share_one_role(tasks: Resources) -> None:
    assert (
        tasks["WebServers-Scan"]["ServiceRoleArn"] == tasks["WebServers-Install"]["ServiceRoleArn"]
    )


def test_both_windows_target_the_same_instances(
    scan_then_install: tuple[Any, dict[str, Any], dict[str, Any]],
) -> None:
    targets = _by_name(scan_then_install[1], "AWS::SSM::MaintenanceWindowTarget")
    assert (
        targets["WebServers-Scan-Targets"]["Targets"]
        == targets["WebServers-Install-Targets"]["Targets"]
    )


def test_library_pattern_writes_each_phase_under_its_own_prefix() -> None:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "S")
    bucket = s3.Bucket.from_bucket_name(stack, "Out", "patch-output")
    pattern = ScanThenInstall(
        stack,
        "Web",
        selector=TargetSelector.by_tags({"Role": ["Web"]}),
        scan=PatchPhase(Schedule.every(cdk.Duration.hours(12))),
        install=PatchPhase(Schedule.monthly_on("TUE", 2, hour=3, offset_days=1)),
        output_bucket=bucket,
    )
    prefixes = {
        phase: stack.resolve(task.resource.task_invocation_parameters)[
            "maintenanceWindowRunCommandParameters"
        ]["outputS3KeyPrefix"]
        for phase, task in pattern.tasks.items()
    }
    assert prefixes == {"Scan": "scan/", "Install": "install/"}
    assert pattern.node.try_find_child("Role") is not None  # a least-privilege role by default


def test_config_refuses_a_pattern_named_like_a_window() -> None:
    settings = scan_then_install_settings()
    settings["windows"] = [
        {"name": "WebServers", "schedule": "rate(1 day)", "duration_hours": 2, "cutoff_hours": 1}
    ]
    with pytest.raises(PatchWindowValidationError) as caught:
        read_settings(settings)
    assert caught.value.problems == (
        "patch_window.scan_then_install[0]: duplicate scan_then_install name 'WebServers'; "
        "each scan_then_install needs its own name",
    )


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (
            ("scan", "cutoff_hours"),
            2,
            "patch_window.scan_then_install[0].scan.cutoff_hours: must be less than the "
            "duration (2 hours), got 2 hours: no task could ever start",
        ),
        (
            ("install", "schedule"),
            "weekly",
            "patch_window.scan_then_install[0].install.schedule: 'weekly': must be cron(...), "
            "rate(...) or at(...)",
        ),
        (
            ("scan", "max_errors"),
            "lots",
            "patch_window.scan_then_install[0].scan.max_errors: must be a number of errors "
            "(0 or more) or a percentage (0%-100%), got 'lots'",
        ),
        (
            ("reboot_option",),
            "Always",
            "patch_window.scan_then_install[0].reboot_option: must be one of RebootIfNeeded, "
            "NoReboot, got 'Always'",
        ),
        (
            ("target", "id"),
            "X",
            "patch_window.scan_then_install[0].target.id: unknown key; allowed: description, "
            "instance_ids, name, owner_information, patch_group, resource_group, tag_keys, tags",
        ),
        (
            ("install", "schedul"),
            "rate(1 day)",
            "patch_window.scan_then_install[0].install.schedul: unknown key; did you mean "
            "'schedule'?",
        ),
    ],
)
def test_config_pattern_problems(path: tuple[str, ...], value: Any, problem: str) -> None:
    settings = scan_then_install_settings()
    node = settings["scan_then_install"][0]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(PatchWindowValidationError) as caught:
        read_settings(settings)
    assert problem in caught.value.problems, caught.value.problems


def test_config_target_name_is_optional_and_used_when_given() -> None:
    settings = scan_then_install_settings()
    assert "name" not in settings["scan_then_install"][0]["target"]
    assert read_settings(settings).scan_then_install[0].target.name is None
    settings["scan_then_install"][0]["target"]["name"] = "Web"
    config = read_settings(settings)
    assert config.scan_then_install[0].target.name == "Web"


def test_library_target_name_names_the_target_in_both_windows() -> None:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "S")
    pattern = ScanThenInstall(
        stack,
        "Web",
        name="Web",
        target_name="WebServers",
        selector=TargetSelector.by_tags({"Role": ["Web"]}),
        scan=PatchPhase(Schedule.every(cdk.Duration.hours(12))),
        install=PatchPhase(Schedule.monthly_on("TUE", 2, hour=3, offset_days=1)),
    )
    names = {phase: stack.resolve(t.resource.name) for phase, t in pattern.targets.items()}
    assert names == {"Scan": "WebServers", "Install": "WebServers"}


def test_library_target_description_and_owner_reach_both_targets() -> None:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "S")
    pattern = ScanThenInstall(
        stack,
        "Web",
        selector=TargetSelector.by_tags({"Role": ["Web"]}),
        target_description="The web tier",
        target_owner_information="web-team",
        scan=PatchPhase(Schedule.every(cdk.Duration.hours(12))),
        install=PatchPhase(Schedule.monthly_on("TUE", 2, hour=3, offset_days=1)),
    )
    seen = {
        phase: (stack.resolve(t.resource.description), stack.resolve(t.resource.owner_information))
        for phase, t in pattern.targets.items()
    }
    assert seen == {"Scan": ("The web tier", "web-team"), "Install": ("The web tier", "web-team")}
