"""Typed parameters for AWS-RunPatchBaseline, the document that scans for and installs patches."""

from __future__ import annotations

import re
from collections.abc import Mapping

from patch_window import defaults
from patch_window.edge_types import checked
from patch_window.errors import PatchWindowValidationError
from patch_window.rules.baseline import run_patch_baseline_parameters
from patch_window.vocabulary import PatchOperation, RebootOption

RUN_PATCH_BASELINE = "AWS-RunPatchBaseline"
_SNAPSHOT_ID = re.compile(
    r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$"
)
_S3_OR_HTTPS = re.compile(r"^(https://|s3://)\S+$")


class RunPatchBaseline:
    """The ``AWS-RunPatchBaseline`` document with typed parameters.

    ``RunPatchBaseline.install(reboot_option=RebootOption.NO_REBOOT)`` gives ``document`` and
    ``parameters`` to pass to ``add_run_command_task``.
    """

    document = RUN_PATCH_BASELINE

    def __init__(self, parameters: Mapping[str, list[str]]) -> None:
        """Internal: use :meth:`scan` or :meth:`install`."""
        self.parameters = dict(parameters)

    @staticmethod
    @checked
    def scan(
        *, snapshot_id: str | None = None, baseline_override: str | None = None
    ) -> RunPatchBaseline:
        """Scan only: report compliance, install nothing, and say ``NoReboot`` explicitly."""
        return RunPatchBaseline._build(
            PatchOperation.SCAN, RebootOption.NO_REBOOT, snapshot_id, None, baseline_override
        )

    @staticmethod
    @checked
    def install(
        *,
        reboot_option: RebootOption = defaults.INSTALL_REBOOT_OPTION,
        snapshot_id: str | None = None,
        install_override_list: str | None = None,
        baseline_override: str | None = None,
    ) -> RunPatchBaseline:
        """Install approved missing patches.

        :param reboot_option: Default: ``RebootIfNeeded``.
        :param snapshot_id: a GUID that makes every instance in one run use the same patch
            snapshot. Default: - each instance takes its own.
        :param install_override_list: an ``https://`` or ``s3://`` URL of a patch list that
            replaces the baseline's. Default: - the baseline's approved patches.
        :param baseline_override: an ``https://`` or ``s3://`` URL of a baseline JSON that
            replaces the instance's patch baseline for this run. Its results go to the command's
            output (only packages that are not compliant); outside a patch policy it does not
            overwrite the patch compliance the instance reports. Not with
            ``install_override_list``: together they fail without scanning or installing.
            Default: - the baseline in effect (the patch group's, or the default).
        """
        return RunPatchBaseline._build(
            PatchOperation.INSTALL,
            reboot_option,
            snapshot_id,
            install_override_list,
            baseline_override,
        )

    @staticmethod
    def _build(
        operation: PatchOperation,
        reboot_option: RebootOption | None,
        snapshot_id: str | None,
        install_override_list: str | None,
        baseline_override: str | None,
    ) -> RunPatchBaseline:
        problems = []
        if snapshot_id is not None and not _SNAPSHOT_ID.match(snapshot_id):
            problems.append(f"RunPatchBaseline: snapshot_id must be a GUID, got {snapshot_id!r}")
        for prop, url in (
            ("install_override_list", install_override_list),
            ("baseline_override", baseline_override),
        ):
            if url is not None and not _S3_OR_HTTPS.match(url):
                problems.append(
                    f"RunPatchBaseline: {prop} must be an https:// or s3:// URL, got {url!r}"
                )
        problem = run_patch_baseline_parameters(
            {
                "InstallOverrideList": [install_override_list] if install_override_list else [],
                "BaselineOverride": [baseline_override] if baseline_override else [],
            },
            RUN_PATCH_BASELINE,
        )
        if problem:
            problems.append(f"RunPatchBaseline: {problem}")
        if problems:
            raise PatchWindowValidationError(problems)
        parameters = {"Operation": [operation.value]}
        if reboot_option is not None:
            parameters["RebootOption"] = [reboot_option.value]
        for name, value in (
            ("SnapshotId", snapshot_id),
            ("InstallOverrideList", install_override_list),
            ("BaselineOverride", baseline_override),
        ):
            if value is not None:
                parameters[name] = [value]
        return RunPatchBaseline(parameters)
