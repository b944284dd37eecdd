"""The IAM role that Systems Manager assumes to run a maintenance window's tasks."""

from __future__ import annotations

from collections.abc import Sequence

import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import defaults, tree
from patch_window.defaults import SSM_SERVICE
from patch_window.edge_types import checked
from patch_window.permissions import Permission
from patch_window.rules import tables
from patch_window.rules.iam import MANAGED_POLICIES_PER_ROLE
from patch_window.task_policy import TaskPolicy
from patch_window.validation import PropChecker
from patch_window.vocabulary import RolePolicy

MANAGED_POLICY_NAME = "service-role/AmazonSSMMaintenanceWindowRole"
# Passing the task role is allowed only towards Systems Manager.
PASS_ROLE_ACTIONS = ["iam:PassRole"]
PASS_ROLE_CONDITIONS = {"StringEquals": {"iam:PassedToService": SSM_SERVICE}}


class MaintenanceWindowRole(Construct):
    """The maintenance window task role (lab step 6.1).

    By default it trusts only ``ssm.amazonaws.com`` and is allowed only what the tasks
    registered with it need, on their resources (:class:`RolePolicy.LEAST_PRIVILEGE`), in a
    customer managed policy (``TaskPolicy``) that grows as tasks are added. The lab instead
    attaches the AWS managed policy ``AmazonSSMMaintenanceWindowRole``
    (:class:`RolePolicy.AWS_MANAGED`) and also trusts ec2 and sns, which today's user guide no
    longer asks for.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        role_name: str | None = None,
        description: str | None = None,
        trusted_services: Sequence[str] = defaults.TRUSTED_SERVICES,
        policy: RolePolicy = defaults.ROLE_POLICY,
        restrict_source_account: bool = defaults.RESTRICT_SOURCE_ACCOUNT,
    ) -> None:
        """Create the role.

        :param role_name: the role's name. Default: - a name is generated.
        :param description: the role's description. Default: - no description.
        :param trusted_services: service principals allowed to assume the role.
            Default: ``ssm.amazonaws.com`` only.
        :param policy: what the role may do. Default: ``RolePolicy.LEAST_PRIVILEGE``, only
            what the registered tasks need.
        :param restrict_source_account: a confused-deputy guard: the trust policy requires
            ``aws:SourceAccount`` to be this stack's account. AWS recommends the key for service
            roles but has not documented that Systems Manager sets it when a maintenance window
            assumes its task role: if it does not, no task can run. Default: False (no
            condition, as in the lab and the user guide).
        """
        super().__init__(scope, id_)
        tree.remember(self, scope, id_)
        checker = PropChecker(f"{tree.path(self)}/Resource")
        checker.run(
            tables.ROLE,
            {
                "role_name": role_name,
                "description": description,
                "trusted_services": list(trusted_services),
                "policy": policy.value if isinstance(policy, RolePolicy) else policy,
            },
        )
        checker.raise_if_any()
        services = iam.CompositePrincipal(
            *(iam.ServicePrincipal(service) for service in trusted_services)
        )
        principal: iam.IPrincipal = (
            services.with_conditions(
                {"StringEquals": {"aws:SourceAccount": tree.stack_of(self).account}}
            )
            if restrict_source_account
            else services
        )
        self.policy = policy
        self.role: iam.IRole = iam.Role(
            self,
            "Resource",
            role_name=role_name,
            description=description,
            assumed_by=principal,
            managed_policies=(
                [iam.ManagedPolicy.from_aws_managed_policy_name(MANAGED_POLICY_NAME)]
                if policy is RolePolicy.AWS_MANAGED
                else None
            ),
        )
        self.task_policy: TaskPolicy | None = None
        """The customer managed policy of task permissions; created by the first task."""

    @checked
    def add_task_permissions(self, permissions: Sequence[Permission]) -> None:
        """Allow what a registered task needs: all of it under least privilege; under the AWS
        managed policy, only what that policy lacks (``needed_with_managed_policy``)."""
        self.task_policy = extend_task_policy(
            self, self.role, self.policy, self.task_policy, permissions
        )

    @checked
    def grant_pass_role(self, grantee: iam.IPrincipal) -> iam.Grant:
        """Allow ``grantee`` to pass this role to Systems Manager (to register tasks with it)."""
        return iam.Grant.add_to_principal(
            grantee=grantee,
            actions=PASS_ROLE_ACTIONS,
            resource_arns=[self.role.role_arn],
            conditions=PASS_ROLE_CONDITIONS,
        )


def extend_task_policy(
    owner: Construct,
    role: iam.IRole,
    policy: RolePolicy,
    task_policy: TaskPolicy | None,
    permissions: Sequence[Permission],
) -> TaskPolicy | None:
    """Add ``permissions`` to the task policy of ``role`` (made under ``owner`` by the first
    permission that needs it) and return it: all of them under least privilege; under the AWS
    managed policy, only what that policy lacks (``needed_with_managed_policy``)."""
    for permission in permissions:
        if policy is RolePolicy.AWS_MANAGED and not permission.needed_with_managed_policy:
            continue
        if task_policy is None:
            # The AWS managed policy takes one of the role's managed policy slots.
            slots = MANAGED_POLICIES_PER_ROLE - (policy is RolePolicy.AWS_MANAGED)
            task_policy = TaskPolicy(owner, "TaskPolicy", role=role, max_policies=slots)
        task_policy.add(permission)
    return task_policy
