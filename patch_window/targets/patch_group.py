"""Patch-group targets: the instances of a patch group, by the tag key Patch Manager reads.

An instance belongs to patch group ``web`` when it carries the tag ``PatchGroup=web`` (or
``Patch Group=web``); AWS-RunPatchBaseline then installs what that group's baseline approves.
Targeting the same tag makes a window patch exactly the group a baseline serves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from patch_window import rules
from patch_window.permissions import SEND_COMMAND, Permission, instances_arn
from patch_window.targets.selector import TargetSelector
from patch_window.vocabulary import TargetForm

if TYPE_CHECKING:
    import aws_cdk as cdk


class PatchGroupSelector(TargetSelector, form=TargetForm.PATCH_GROUP):
    """One ``tag:PatchGroup`` (or ``tag:Patch Group``) entry with the group's name."""

    def __init__(self, group: str, tag_key: str) -> None:
        super().__init__([(f"tag:{tag_key}", (group,))])
        self.group = group
        self.tag_key = tag_key

    @classmethod
    def from_values(cls, *values: Any) -> TargetSelector:
        return cls(values[0], values[1])

    @property
    def tags(self) -> Mapping[str, tuple[str, ...]]:
        return {self.tag_key: (self.group,)}

    def problem(self) -> str | None:
        return rules.patch_group_target(self.group, self.tag_key)

    def permissions(self, stack: cdk.Stack, sid_part: str, label: str) -> list[Permission]:
        """Every instance, on condition that it carries the patch group's tag."""
        return [
            Permission(
                sid=f"SendCommandOn{sid_part}",
                actions=(SEND_COMMAND,),
                resources=(instances_arn(stack),),
                conditions={"StringEquals": {f"ssm:resourceTag/{self.tag_key}": [self.group]}},
                reason=f"Run commands only on instances of patch group {self.group!r} "
                f"(target {label}).",
                wildcard_reason=(
                    "Patch-group targets pick instances at run time by their patch group tag, "
                    "so no instance id can be named; the tag is an ssm:resourceTag condition on "
                    "this statement, so only the group's instances can receive commands."
                ),
            )
        ]

    def describe(self) -> str:
        return f"patch group {self.group} ({self.tag_key})"
