"""The IAM role that Systems Manager assumes to run a maintenance window's tasks."""

from __future__ import annotations

from collections.abc import Sequence

import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window.errors import PatchWindowValidationError

SSM_SERVICE = "ssm.amazonaws.com"
MANAGED_POLICY_NAME = "service-role/AmazonSSMMaintenanceWindowRole"
# Passing the task role is allowed only towards Systems Manager.
PASS_ROLE_ACTIONS = ["iam:PassRole"]
PASS_ROLE_CONDITIONS = {"StringEquals": {"iam:PassedToService": SSM_SERVICE}}


class MaintenanceWindowRole(Construct):
    """The maintenance window task role (lab step 6.1).

    Carries the AWS managed policy ``AmazonSSMMaintenanceWindowRole``. Trusts only
    ``ssm.amazonaws.com`` unless told otherwise; the lab also trusts ec2 and sns, which today's
    user guide no longer asks for.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        role_name: str | None = None,
        description: str | None = None,
        trusted_services: Sequence[str] = (SSM_SERVICE,),
    ) -> None:
        """Create the role.

        :param role_name: the role's name. Default: - a name is generated.
        :param description: the role's description. Default: - no description.
        :param trusted_services: service principals allowed to assume the role.
            Default: ``ssm.amazonaws.com`` only.
        """
        super().__init__(scope, id_)
        if not trusted_services:
            raise PatchWindowValidationError(
                f"{self.node.path}: trusted_services must name at least one service principal, "
                "got none"
            )
        self.role: iam.IRole = iam.Role(
            self,
            "Resource",
            role_name=role_name,
            description=description,
            assumed_by=iam.CompositePrincipal(
                *(iam.ServicePrincipal(service) for service in trusted_services)
            ),
            managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name(MANAGED_POLICY_NAME)],
        )

    def grant_pass_role(self, grantee: iam.IPrincipal) -> iam.Grant:
        """Allow ``grantee`` to pass this role to Systems Manager (to register tasks with it)."""
        return iam.Grant.add_to_principal(
            grantee=grantee,
            actions=PASS_ROLE_ACTIONS,
            resource_arns=[self.role.role_arn],
            conditions=PASS_ROLE_CONDITIONS,
        )
