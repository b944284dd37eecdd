"""The customer managed policy that lets administrators register tasks with the task role."""

from __future__ import annotations

from collections.abc import Sequence

import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import tree
from patch_window.edge_types import checked
from patch_window.role import PASS_ROLE_ACTIONS, PASS_ROLE_CONDITIONS
from patch_window.rules import tables
from patch_window.validation import PropChecker


class PassRolePolicy(Construct):
    """``iam:PassRole`` on exactly the task role, attached to existing groups (lab step 6.1).

    Registering a task that names a role requires permission to pass that role. The lab's policy
    has no condition; this one also requires ``iam:PassedToService = ssm.amazonaws.com``, so the
    role can be passed to Systems Manager only.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        role: iam.IRole,
        groups: Sequence[iam.IGroup] = (),
        managed_policy_name: str | None = None,
    ) -> None:
        """Create the policy.

        :param role: the maintenance window task role that may be passed.
        :param groups: groups the policy is attached to. Default: - none; attach it later
            with ``policy.attach_to_group``.
        :param managed_policy_name: the policy's name. Default: - a name is generated.
        """
        super().__init__(scope, id_)
        tree.remember(self, scope, id_)
        checker = PropChecker(f"{tree.path(self)}/Resource")
        checker.run(
            tables.PASS_ROLE_POLICY,
            {
                "managed_policy_name": managed_policy_name,
                "group_names": [group.group_name for group in groups],
            },
        )
        checker.raise_if_any()
        self.policy = iam.ManagedPolicy(
            self,
            "Resource",
            managed_policy_name=managed_policy_name,
            groups=list(groups),
            statements=[
                iam.PolicyStatement(
                    actions=PASS_ROLE_ACTIONS,
                    resources=[role.role_arn],
                    conditions=PASS_ROLE_CONDITIONS,
                )
            ],
        )
