"""Tag targets, the lab's form: instances carrying ALL the tag keys, each with one of its values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from patch_window import rules
from patch_window.permissions import SEND_COMMAND, Permission, instances_arn
from patch_window.targets.selector import TargetSelector
from patch_window.tokens import is_unresolved
from patch_window.vocabulary import TargetForm

if TYPE_CHECKING:
    import aws_cdk as cdk


class TagSelector(TargetSelector, form=TargetForm.TAGS):
    """``tag:<key>`` entries: an instance must match every key, with any one of its values."""

    def __init__(self, tags: Mapping[str, Sequence[str]]) -> None:
        super().__init__([(f"tag:{key}", values) for key, values in tags.items()])
        self._tags: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {key: tuple(values) for key, values in tags.items()}
        )

    @classmethod
    def from_values(cls, *values: Any) -> TargetSelector:
        return cls(values[0])

    @property
    def tags(self) -> Mapping[str, tuple[str, ...]]:
        return self._tags

    def problems(self) -> list[tuple[str, str]]:
        if is_unresolved(dict(self._tags)):
            return []
        return super().problems()

    def problem(self) -> str | None:
        return rules.tag_filters(self._tags)

    def permissions(self, stack: cdk.Stack, sid_part: str, label: str) -> list[Permission]:
        """Every instance, with every tag the target requires as a condition (AND of keys, OR
        of each key's values), as the target itself matches."""
        return [
            Permission(
                sid=f"SendCommandOn{sid_part}",
                actions=(SEND_COMMAND,),
                resources=(instances_arn(stack),),
                conditions={
                    "StringEquals": {
                        f"ssm:resourceTag/{key}": list(values) for key, values in self._tags.items()
                    }
                },
                reason=f"Run commands only on instances that carry the tags of target {label}.",
                wildcard_reason=(
                    "Tag targets pick instances at run time, so no instance id can be named; every "
                    "tag the target requires is an ssm:resourceTag condition on this statement, so "
                    "the role can run commands only on instances the window targets."
                ),
            )
        ]

    def describe(self) -> str:
        return " and ".join(
            f"{key}={'|'.join(values)}" if len(values) != 1 else f"{key}={values[0]}"
            for key, values in self._tags.items()
        )
