"""Resource-group targets: the members of a resource group, optionally of some types only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from patch_window import rules, tree
from patch_window.permissions import SEND_COMMAND, Permission, instances_arn
from patch_window.targets.selector import TargetSelector
from patch_window.vocabulary import TargetForm

if TYPE_CHECKING:
    import aws_cdk as cdk

NAME_KEY = "resource-groups:Name"
TYPES_KEY = "resource-groups:ResourceTypeFilters"


class ResourceGroupSelector(TargetSelector, form=TargetForm.RESOURCE_GROUP):
    """``resource-groups:Name`` (and ``ResourceTypeFilters``) with ``RESOURCE_GROUP``."""

    resource_type = "RESOURCE_GROUP"

    @classmethod
    def from_values(cls, *values: Any) -> TargetSelector:
        name: str = values[0]
        types: Sequence[str] = values[1] if len(values) > 1 else ()
        entries: list[tuple[str, Sequence[str]]] = [(NAME_KEY, [name])]
        if types:
            entries.append((TYPES_KEY, types))
        return cls(entries)

    @property
    def group_name(self) -> str:
        return dict(self.entries)[NAME_KEY][0]

    @property
    def resource_types(self) -> tuple[str, ...]:
        return dict(self.entries).get(TYPES_KEY, ())

    @staticmethod
    def name_problem(name: str) -> str | None:
        """What SSM refuses in a group name (the cdk.json reader reports it on its own key)."""
        return rules.resource_group_name(name)

    @staticmethod
    def types_problem(types: Sequence[str]) -> str | None:
        """What SSM refuses in the type filters."""
        return rules.resource_types(types) if types else None

    def problem(self) -> str | None:
        return self.name_problem(self.group_name) or self.types_problem(self.resource_types)

    def permissions(self, stack: cdk.Stack, sid_part: str, label: str) -> list[Permission]:
        """Membership is decided at run time and IAM has no condition for it, so every
        instance, plus the read calls SSM makes to list the group's members."""
        group = self.group_name
        return [
            Permission(
                sid=f"SendCommandOn{sid_part}",
                actions=(SEND_COMMAND,),
                resources=(instances_arn(stack),),
                reason=f"Run commands on the members of resource group {group!r}.",
                wildcard_reason=(
                    "Resource group targets pick their members at run time and IAM has no "
                    "condition for group membership; narrow the window with tag or instance-id "
                    "targets where that matters."
                ),
            ),
            Permission(
                sid=f"ListMembersOf{sid_part}",
                actions=("resource-groups:ListGroupResources",),
                resources=(
                    tree.format_arn(
                        stack, service="resource-groups", resource="group", resource_name=group
                    ),
                ),
                reason=f"List the members of resource group {group!r} to run commands on them.",
            ),
            Permission(
                sid="ResolveResourceGroups",
                actions=("tag:GetResources",),
                resources=("*",),
                reason="Resolve tag-query resource groups; tag:GetResources takes no resource.",
                wildcard_reason=(
                    "tag:GetResources has no resource-level permissions (Service Authorization "
                    "Reference), so IAM only accepts Resource '*'; it lists tagged resources only."
                ),
            ),
        ]

    def describe(self) -> str:
        types = f" ({', '.join(self.resource_types)})" if self.resource_types else ""
        return f"resource group {self.group_name}{types}"
