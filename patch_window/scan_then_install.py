"""Scan often, install seldom: the two-window patching pattern as one construct."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import defaults
from patch_window.edge_types import checked, checked_dataclass
from patch_window.role import MaintenanceWindowRole
from patch_window.schedule import Schedule
from patch_window.targets.selector import TargetSelector
from patch_window.targets.target import MaintenanceWindowTarget
from patch_window.tasks.patch_baseline_parameters import RunPatchBaseline
from patch_window.tasks.run_command import RunCommandTask
from patch_window.vocabulary import RebootOption
from patch_window.window import MaintenanceWindow

if TYPE_CHECKING:
    import aws_cdk.aws_s3 as s3


@checked_dataclass
@dataclass(frozen=True)
class PatchPhase:
    """When and how fast one phase (scan or install) runs.

    :param schedule: when its window opens.
    :param duration: how long the window stays open. Default: 2 hours.
    :param cutoff: no new task in the window's last hours. Default: 1 hour.
    :param max_concurrency: instances patched at once. Default: ``"10%"``.
    :param max_errors: failed instances before the phase stops. Default: ``"10%"``.
    :param output_key_prefix: where its output goes in the shared output bucket.
        Default: - ``scan/`` or ``install/``.
    """

    schedule: Schedule
    duration: cdk.Duration = field(
        default_factory=lambda: cdk.Duration.hours(defaults.PHASE_DURATION_HOURS)
    )
    cutoff: cdk.Duration = field(
        default_factory=lambda: cdk.Duration.hours(defaults.PHASE_CUTOFF_HOURS)
    )
    max_concurrency: str = defaults.PHASE_MAX_CONCURRENCY
    max_errors: str = defaults.PHASE_MAX_ERRORS
    output_key_prefix: str | None = None


class ScanThenInstall(Construct):
    """A frequent Scan window (``NoReboot``) and a rarer Install window (``RebootIfNeeded``)
    over the same instances, sharing one task role.

    Scanning keeps patch compliance current in Systems Manager without touching instances;
    installing (and rebooting) happens only in the install window, e.g. after Patch Tuesday:
    ``install=PatchPhase(Schedule.monthly_on("TUE", 2, hour=3, offset_days=2), ...)``.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        selector: TargetSelector,
        scan: PatchPhase,
        install: PatchPhase,
        role: iam.IRole | None = None,
        name: str | None = None,
        target_name: str | None = None,
        target_description: str | None = None,
        target_owner_information: str | None = None,
        output_bucket: s3.IBucket | None = None,
        reboot_option: RebootOption = defaults.INSTALL_REBOOT_OPTION,
    ) -> None:
        """Create both windows, their targets and their AWS-RunPatchBaseline tasks.

        :param selector: the instances both windows patch.
        :param scan: the scan phase. :param install: the install phase.
        :param role: the task role both windows use.
            Default: - a :class:`MaintenanceWindowRole` (ssm-only trust, least privilege).
        :param name: window names are ``<name>-Scan`` and ``<name>-Install``.
            Default: - generated from the construct path.
        :param target_name: the name of the target in each window.
            Default: - ``<name>-Scan-Targets`` and ``<name>-Install-Targets`` (none without
            ``name``).
        :param target_description: the description of the target in each window.
            Default: - none.
        :param target_owner_information: what each invocation of the target reports as its
            owner (the target's ``OwnerInformation``). Default: - none.
        :param output_bucket: where both phases write command output, under their prefixes.
            Default: - no S3 output.
        :param reboot_option: the install phase's. Default: ``RebootIfNeeded``.
        """
        super().__init__(scope, id_)
        self.role: iam.IRole = role or MaintenanceWindowRole(self, "Role").role
        phases = (
            ("Scan", scan, RunPatchBaseline.scan(), "scan/"),
            ("Install", install, RunPatchBaseline.install(reboot_option=reboot_option), "install/"),
        )
        self.windows: dict[str, MaintenanceWindow] = {}
        self.targets: dict[str, MaintenanceWindowTarget] = {}
        self.tasks: dict[str, RunCommandTask] = {}
        for phase_id, phase, patch, default_prefix in phases:
            window = MaintenanceWindow(
                self,
                phase_id,
                name=f"{name}-{phase_id}" if name else None,
                schedule=phase.schedule,
                duration=phase.duration,
                cutoff=phase.cutoff,
            )
            target = window.add_target(
                "Targets",
                selector=selector,
                name=target_name or (f"{name}-{phase_id}-Targets" if name else None),
                description=target_description,
                owner_information=target_owner_information,
            )
            self.windows[phase_id] = window
            self.targets[phase_id] = target
            self.tasks[phase_id] = window.add_run_command_task(
                phase_id,
                name=f"{name}-{phase_id}" if name else None,
                document=patch.document,
                parameters=patch.parameters,
                role=self.role,
                targets=[target],
                max_concurrency=phase.max_concurrency,
                max_errors=phase.max_errors,
                output_bucket=output_bucket,
                output_key_prefix=(
                    (phase.output_key_prefix or default_prefix) if output_bucket else None
                ),
            )

    @property
    def scan_window(self) -> MaintenanceWindow:
        return self.windows["Scan"]

    @property
    def install_window(self) -> MaintenanceWindow:
        return self.windows["Install"]
