"""Instance-id targets: up to 50 instances (``i-...``) or hybrid managed nodes (``mi-...``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from patch_window import rules, tree
from patch_window.permissions import SEND_COMMAND, Permission
from patch_window.targets.selector import TargetSelector
from patch_window.vocabulary import TargetForm

if TYPE_CHECKING:
    import aws_cdk as cdk


class InstanceIdSelector(TargetSelector, form=TargetForm.INSTANCE_IDS):
    """One ``InstanceIds`` entry."""

    @classmethod
    def from_values(cls, *values: Any) -> TargetSelector:
        return cls([("InstanceIds", values[0])])

    @property
    def instance_ids(self) -> tuple[str, ...]:
        return self.entries[0][1]

    @property
    def may_match_many(self) -> bool:
        return len(self.instance_ids) > 1

    def problem(self) -> str | None:
        return rules.instance_ids(self.instance_ids)

    def permissions(self, stack: cdk.Stack, sid_part: str, label: str) -> list[Permission]:
        """Exactly those instances' ARNs (``managed-instance/mi-...`` for hybrid nodes)."""
        return [
            Permission(
                sid=f"SendCommandOn{sid_part}",
                actions=(SEND_COMMAND,),
                resources=tuple(_instance_arn(stack, i) for i in self.instance_ids),
                reason=f"Run commands only on the instances target {label} names.",
            )
        ]

    def describe(self) -> str:
        return "instances " + ", ".join(self.instance_ids)


def _instance_arn(stack: cdk.Stack, instance_id: str) -> str:
    """An EC2 instance's ARN, or a hybrid managed node's (``mi-``) SSM ARN."""
    if instance_id.startswith("mi-"):
        return tree.format_arn(
            stack, service="ssm", resource="managed-instance", resource_name=instance_id
        )
    return tree.format_arn(stack, service="ec2", resource="instance", resource_name=instance_id)
