"""The account-global half of the lab, for one account deployed to several Regions.

IAM is global to an account: the task role and the PassRole policy exist once, however many
Regions hold windows. :class:`AccountResources` builds them (in one stack, in the account's
home Region); each Region's windows use the role by its deterministic ARN through
:class:`TaskRoleReference`, which grants the tasks of its own stack what they need in a
customer managed policy attached to that role, so no stack refers to another Region.
"""

from __future__ import annotations

from collections.abc import Sequence

import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import defaults
from patch_window.edge_types import checked
from patch_window.pass_role_policy import PassRolePolicy
from patch_window.permissions import Permission
from patch_window.role import MaintenanceWindowRole, extend_task_policy
from patch_window.task_policy import TaskPolicy
from patch_window.vocabulary import RolePolicy


class AccountResources(Construct):
    """The task role (named, so other Regions can use it by ARN) and its PassRole policy."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        role_name: str,
        description: str | None = None,
        trusted_services: Sequence[str] = defaults.TRUSTED_SERVICES,
        policy: RolePolicy = defaults.ROLE_POLICY,
        restrict_source_account: bool = defaults.RESTRICT_SOURCE_ACCOUNT,
        pass_role_groups: Sequence[iam.IGroup] = (),
        pass_role_policy_name: str | None = None,
    ) -> None:
        """Create the role, and the PassRole policy if ``pass_role_groups`` are given.

        :param role_name: the task role's name: required, as every Region's windows stack
            finds the role by it (``TaskRoleReference``).
        :param pass_role_groups: groups allowed to pass the role. Default: - no policy.
        """
        super().__init__(scope, id_)
        self.role = MaintenanceWindowRole(
            self,
            "MaintenanceWindowRole",
            role_name=role_name,
            description=description,
            trusted_services=trusted_services,
            policy=policy,
            restrict_source_account=restrict_source_account,
        )
        self.pass_role_policy: PassRolePolicy | None = (
            PassRolePolicy(
                self,
                "PassRolePolicy",
                role=self.role.role,
                groups=pass_role_groups,
                managed_policy_name=pass_role_policy_name,
            )
            if pass_role_groups
            else None
        )


class TaskRoleReference(Construct):
    """A task role made elsewhere (another stack, another Region), used by its ARN.

    Tasks registered with this role get what they need as they would from
    :class:`MaintenanceWindowRole`: everything under least privilege, or only what the AWS
    managed policy lacks, in customer managed policies of this stack attached to the role.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        role: iam.IRole,
        policy: RolePolicy = defaults.ROLE_POLICY,
    ) -> None:
        """Use ``role`` (``iam.Role.from_role_name(...)`` or ``from_role_arn(...)``).

        :param policy: the policy mode the role was made with.
        """
        super().__init__(scope, id_)
        self.policy = policy
        self.role: iam.IRole = iam.Role.from_role_arn(self, "Resource", role.role_arn)
        self.task_policy: TaskPolicy | None = None

    @checked
    def add_task_permissions(self, permissions: Sequence[Permission]) -> None:
        """What a registered task needs, as :meth:`MaintenanceWindowRole.add_task_permissions`."""
        self.task_policy = extend_task_policy(
            self, self.role, self.policy, self.task_policy, permissions
        )
