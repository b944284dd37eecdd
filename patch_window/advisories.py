"""Warnings: values that are legal but likely a mistake, each with a stable id.

Each advisory is a small pure function returning a message or ``None``. Constructs attach the
message as a CDK warning (``Annotations.add_warning_v2``) under the advisory's id, so a team
that has decided otherwise can acknowledge it by id (``Annotations.of(c).acknowledge_warning``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

PREFIX = "patch-window"
MAX_ERRORS_ZERO = f"{PREFIX}:max-errors-zero"
WINDOW_WITHOUT_TASKS = f"{PREFIX}:window-without-tasks"
WINDOW_WITHOUT_TARGETS = f"{PREFIX}:window-without-targets"
CUTOFF_ZERO = f"{PREFIX}:cutoff-zero"
PATCH_BASELINE_WITHOUT_OPERATION = f"{PREFIX}:patch-baseline-without-operation"
TAG_WHITESPACE = f"{PREFIX}:tag-whitespace"
END_DATE_PASSED = f"{PREFIX}:end-date-passed"
MANAGED_POLICY_NAME_NOT_SSM = f"{PREFIX}:managed-policy-name-not-ssm"
PATCH_GROUP_TAG_MISSPELLED = f"{PREFIX}:patch-group-tag-misspelled"

ALL = (
    MAX_ERRORS_ZERO,
    WINDOW_WITHOUT_TASKS,
    WINDOW_WITHOUT_TARGETS,
    CUTOFF_ZERO,
    PATCH_BASELINE_WITHOUT_OPERATION,
    TAG_WHITESPACE,
    END_DATE_PASSED,
    MANAGED_POLICY_NAME_NOT_SSM,
    PATCH_GROUP_TAG_MISSPELLED,
)


def max_errors_zero(max_errors: str, *, may_match_many: bool) -> str | None:
    """A zero error threshold on targets that match many instances stops at the first failure."""
    if max_errors in ("0", "0%") and may_match_many:
        return (
            f"max_errors is {max_errors!r}: the first instance that fails stops the task, and "
            "the other instances its targets match are not patched; use a count or "
            "percentage above zero unless that is what you want"
        )
    return None


def window_without_tasks(task_count: int) -> str | None:
    """A window with no task opens on schedule and does nothing."""
    if task_count == 0:
        return "the window has no task: it opens on schedule and does nothing"
    return None


def window_without_targets(
    target_count: int, *, allow_unassociated_targets: bool, targetless_tasks: int = 0
) -> str | None:
    """No registered target and no unregistered ones allowed: tasks have nothing to run on.

    Targetless Automation, Lambda and Step Functions tasks need no target, so a window that
    runs only those is fine.
    """
    if target_count == 0 and not allow_unassociated_targets and targetless_tasks == 0:
        return (
            "the window has no registered target and allow_unassociated_targets is false: "
            "its tasks have no instance to run on"
        )
    return None


def cutoff_zero(cutoff_hours: int) -> str | None:
    """A zero cutoff lets tasks start in the window's last minutes and run past its end."""
    if cutoff_hours == 0:
        return (
            "cutoff is 0 hours: tasks may start just before the window closes and keep "
            "running after it; leave time for them to finish (the lab uses 1 hour)"
        )
    return None


def patch_baseline_without_operation(
    document: str, parameters: Mapping[str, Sequence[str]]
) -> str | None:
    """AWS-RunPatchBaseline without Operation only scans (its default), it never installs."""
    if document.endswith("AWS-RunPatchBaseline") and "Operation" not in parameters:
        return (
            "AWS-RunPatchBaseline without an Operation parameter defaults to Scan and installs "
            'nothing; set parameters {"Operation": ["Install"]} or ["Scan"] explicitly'
        )
    return None


def tag_whitespace(tags: Mapping[str, Sequence[str]]) -> str | None:
    """Tags with leading or trailing spaces rarely match: ``"Test "`` is not ``"Test"``."""
    for key, values in tags.items():
        for text in (key, *values):
            if text != text.strip():
                return (
                    f"tag {key!r} has a key or value with leading or trailing whitespace "
                    f"({text!r}): instances tagged without it will not match"
                )
    return None


def end_date_passed(end_date: datetime.datetime, now: datetime.datetime) -> str | None:
    """A window whose end date has passed never runs again."""
    if end_date <= now:
        return f"end_date {end_date.isoformat()} has passed: the window will never run"
    return None


def managed_policy_name_not_ssm(kind: str, name: str) -> str | None:
    """The AWS managed policy allows invoking only functions and state machines named SSM*;
    ``name`` is ``""`` when CloudFormation generates it."""
    if name.startswith("SSM"):
        return None
    if not name:
        return (
            f"the {kind} gets a name CloudFormation generates, which does not start with 'SSM': "
            "the AWS managed policy AmazonSSMMaintenanceWindowRole only allows those, so the "
            "task will be denied; give it a name starting with 'SSM' or use role.policy "
            "'least-privilege'"
        )
    return (
        f"{kind} {name!r} does not start with 'SSM': the AWS managed policy "
        "AmazonSSMMaintenanceWindowRole only allows those, so the task will be denied; rename "
        "it or use role.policy 'least-privilege'"
    )


def patch_group_tag_misspelled(tags: Mapping[str, Sequence[str]]) -> str | None:
    """A tag key that reads like a patch group but is neither ``PatchGroup`` nor ``Patch Group``:
    Patch Manager ignores it, so those instances get the default baseline."""
    for key in tags:
        squeezed = "".join(c for c in key.lower() if c.isalnum())
        if squeezed == "patchgroup" and key not in ("PatchGroup", "Patch Group"):
            return (
                f"tag key {key!r} looks like a patch group, but Patch Manager reads only "
                "'PatchGroup' or 'Patch Group' (exactly): instances tagged so get the default "
                "baseline; use TargetSelector.by_patch_group (patch_group in cdk.json)"
            )
    return None
