"""Tag-key targets: instances carrying ANY of the tag keys, whatever the value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from patch_window import rules
from patch_window.permissions import SEND_COMMAND, Permission, instances_arn
from patch_window.targets.selector import TargetSelector
from patch_window.vocabulary import TargetForm

if TYPE_CHECKING:
    import aws_cdk as cdk


class TagKeySelector(TargetSelector, form=TargetForm.TAG_KEYS):
    """One ``tag-key`` entry listing the keys."""

    @classmethod
    def from_values(cls, *values: Any) -> TargetSelector:
        return cls([("tag-key", values[0])])

    @property
    def keys(self) -> tuple[str, ...]:
        return self.entries[0][1]

    def problem(self) -> str | None:
        return rules.tag_keys(self.keys)

    def permissions(self, stack: cdk.Stack, sid_part: str, label: str) -> list[Permission]:
        """One statement per key, requiring that the tag exists (``Null: false``)."""
        return [
            Permission(
                sid=f"SendCommandOn{sid_part}Key{index}",
                actions=(SEND_COMMAND,),
                resources=(instances_arn(stack),),
                conditions={"Null": {f"ssm:resourceTag/{key}": "false"}},
                reason=f"Run commands only on instances tagged {key!r} (target {label}).",
                wildcard_reason=(
                    "Tag-key targets pick instances at run time, so no instance id can be named; "
                    "the tag key is an ssm:resourceTag condition (it must exist) on this "
                    "statement, so only instances that carry it can receive commands."
                ),
            )
            for index, key in enumerate(self.keys)
        ]

    def describe(self) -> str:
        return "any tag key of " + ", ".join(self.keys)
