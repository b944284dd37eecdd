"""Least privilege for the task role, derived from the tasks actually registered with it.

Each task hands its :class:`~patch_window.permissions.Permission` values to
:func:`grant_task_permissions` when it is created. A
:class:`MaintenanceWindowRole <patch_window.role.MaintenanceWindowRole>` collects them into one
customer managed policy (:class:`TaskPolicy`), one statement per ``sid``, so a role created
before its tasks still ends up with exactly what they need.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
from constructs import Construct, IConstruct

from patch_window import compliance, tree
from patch_window.defaults import SSM_SERVICE
from patch_window.edge_types import checked
from patch_window.errors import PatchWindowValidationError
from patch_window.permissions import AWS_OWNED_DOCUMENT, Permission
from patch_window.rules.iam import (
    MANAGED_POLICIES_PER_ROLE,
    MANAGED_POLICY_MAX_CHARACTERS,
    managed_policy_size,
    policy_text_length,
)

if TYPE_CHECKING:
    from patch_window.interfaces import IMaintenanceWindowTarget


@runtime_checkable
class PermissionSink(Protocol):
    """A construct that owns a task role and decides what to grant it (the role's scope)."""

    @property
    def role(self) -> iam.IRole: ...

    def add_task_permissions(self, permissions: Sequence[Permission]) -> None: ...


def grant_task_permissions(role: iam.IRole, permissions: Sequence[Permission]) -> None:
    """Give ``role`` what a task needs.

    A :class:`MaintenanceWindowRole <patch_window.role.MaintenanceWindowRole>`'s role gets them
    through its policy mode. Any other role is granted them directly, as CDK grants do
    (nothing happens for an imported, immutable role).
    """
    owner = tree.scope_of(role)
    if isinstance(owner, PermissionSink) and owner.role is role:
        owner.add_task_permissions(permissions)
        return
    for permission in permissions:
        role.add_to_principal_policy(statement(permission))


def statement(permission: Permission) -> iam.PolicyStatement:
    """The IAM statement for ``permission``."""
    return iam.PolicyStatement(
        sid=permission.sid,
        actions=list(permission.actions),
        resources=list(permission.resources),
        conditions=dict(permission.conditions) if permission.conditions else None,
    )


class TaskPolicy(Construct):
    """Customer managed policies attached to the task role, grown one task at a time.

    Customer managed rather than inline, so that the NIST, HIPAA and PCI packs' "no inline
    policies" rule holds. Every wildcard resource a permission carries is acknowledged for
    AwsSolutions-IAM5 on this construct, with the permission's ``wildcard_reason``.

    IAM caps a managed policy at 6,144 characters, which about twenty tag-selected targets
    reach: a statement that does not fit goes into the next policy (``Resource2``, ...), up to
    ``max_policies``; beyond that, or when merged resources overflow a policy, the task is
    refused at synth rather than at deploy. Sizes are upper bounds
    (:func:`patch_window.rules.iam.policy_text_length`).
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        role: iam.IRole,
        max_policies: int = MANAGED_POLICIES_PER_ROLE,
    ) -> None:
        """Create the first policy, attached to ``role``; statements come from :meth:`add`."""
        super().__init__(scope, id_)
        self._role = role
        self._max_policies = max_policies
        self.policies: list[iam.ManagedPolicy] = []
        self._lengths: list[dict[str, int]] = []
        self.policy = self._new_policy()
        self._statements: dict[str, tuple[Permission, iam.PolicyStatement, list[str], int]] = {}
        self._acknowledged: set[str] = set()

    @checked
    def add(self, permission: Permission) -> None:
        """Add ``permission``, merging its resources into the statement of the same ``sid``."""
        known = self._statements.get(permission.sid)
        if known is None:
            policy_statement = statement(permission)
            length = self._length(policy_statement)
            index = self._policy_with_room(permission.sid, length)
            self.policies[index].add_statements(policy_statement)
            self._lengths[index][permission.sid] = length
            self._statements[permission.sid] = (
                permission,
                policy_statement,
                list(permission.resources),
                index,
            )
        else:
            first, policy_statement, resources, index = known
            if (first.actions, first.conditions) != (permission.actions, permission.conditions):
                raise ValueError(
                    f"{self.node.path}: statement {permission.sid!r} registered twice with "
                    "different actions or conditions"
                )
            new = [r for r in permission.resources if r not in resources]
            resources.extend(new)
            if new:
                policy_statement.add_resources(*new)
                self._lengths[index][permission.sid] = self._length(policy_statement)
                size = managed_policy_size(list(self._lengths[index].values()))
                if size > MANAGED_POLICY_MAX_CHARACTERS:
                    raise PatchWindowValidationError(
                        f"{self.node.path}: statement {permission.sid!r} grows its managed "
                        f"policy to about {size} characters; IAM allows "
                        f"{MANAGED_POLICY_MAX_CHARACTERS}"
                    )
        for resource in permission.resources:
            self._acknowledge_wildcard(permission, resource)

    def _new_policy(self) -> iam.ManagedPolicy:
        number = len(self.policies) + 1
        policy = iam.ManagedPolicy(
            self,
            "Resource" if number == 1 else f"Resource{number}",
            description=(
                "What the maintenance window tasks registered with this role need"
                + ("" if number == 1 else f" (part {number})")
            ),
            roles=[self._role],
        )
        self.policies.append(policy)
        self._lengths.append({})
        return policy

    def _policy_with_room(self, sid: str, length: int) -> int:
        """The first policy with room for a statement of ``length``; a new one if none has."""
        for index, lengths in enumerate(self._lengths):
            if managed_policy_size([*lengths.values(), length]) <= MANAGED_POLICY_MAX_CHARACTERS:
                return index
        if len(self.policies) >= self._max_policies:
            raise PatchWindowValidationError(
                f"{self.node.path}: statement {sid!r} does not fit: the least-privilege "
                f"statements fill {len(self.policies)} managed policies of "
                f"{MANAGED_POLICY_MAX_CHARACTERS} characters, as many as the role may carry "
                f"({self._max_policies}); spread the windows over several stacks or roles"
            )
        self._new_policy()
        return len(self.policies) - 1

    def _length(self, policy_statement: iam.PolicyStatement) -> int:
        return policy_text_length(tree.stack_of(self).resolve(policy_statement.to_statement_json()))

    def statements(self) -> tuple[iam.PolicyStatement, ...]:
        """The statements so far, in the order their ``sid`` first appeared."""
        return tuple(s for _, s, _, _ in self._statements.values())

    def _acknowledge_wildcard(self, permission: Permission, resource: str) -> None:
        finding = compliance.wildcard_resource(self, resource)
        if "*" not in finding or finding in self._acknowledged:
            return
        if permission.wildcard_reason is None:
            return  # not expected: left for cdk-nag to report
        compliance.acknowledge(self, finding, permission.wildcard_reason)
        self._acknowledged.add(finding)


def document_arn(stack: cdk.Stack, document: str) -> str:
    """The ARN SendCommand checks for ``document``: a name, an ARN, or an AWS-owned name.

    AWS-owned documents (names starting ``AWS-``, ``Amazon``...) have no account in their ARN.
    """
    if document.startswith("arn:"):
        return document
    account = "" if AWS_OWNED_DOCUMENT.match(document) else None
    return tree.format_arn(
        stack, service="ssm", account=account, resource="document", resource_name=document
    )


def pass_notification_role(role: iam.IRole) -> Permission:
    """``iam:PassRole`` on the role Run Command publishes SNS notifications with."""
    return Permission(
        sid="PassNotificationRole",
        actions=("iam:PassRole",),
        resources=(tree.role_arn(role),),
        conditions={"StringEquals": {"iam:PassedToService": SSM_SERVICE}},
        reason="Hand the notification role to Run Command, which publishes with it.",
        needed_with_managed_policy=True,
    )


def target_instances_permissions(
    stack: cdk.Stack, target: IMaintenanceWindowTarget
) -> list[Permission]:
    """SendCommand on exactly the instances ``target`` can select, as its form decides
    (:meth:`ITargetSelector.permissions <patch_window.interfaces.ITargetSelector.permissions>`)."""
    return target.selector.permissions(stack, sid_part(target), tree.node_id(target))


def sid_part(construct: IConstruct) -> str:
    """``Window1TargetWeb`` plus a hash of the path: unique in the stack, letters and digits."""
    # The ids below the stack, read from the two paths: walking ``node.scopes`` costs two
    # jsii round trips per scope.
    path = tree.path(construct)
    below_stack = path.removeprefix(tree.path(tree.stack_of(construct)) + "/")
    readable = re.sub(r"[^A-Za-z0-9]", "", below_stack)
    digest = hashlib.sha256(path.encode()).hexdigest()[:8].upper()
    return f"{readable}{digest}"
