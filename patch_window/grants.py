"""CDK grants that land in a customer managed policy instead of an inline one.

CDK grants add statements to the principal's default policy, an inline ``AWS::IAM::Policy``,
which the NIST 800-53, HIPAA and PCI packs reject (IAMNoInlinePolicy). Granting to a
:class:`ManagedPolicyGrantee` keeps CDK's grant methods (and their choice of actions and
resources) while the statements go to a ``AWS::IAM::ManagedPolicy`` attached to the role.
"""

from __future__ import annotations

import aws_cdk.aws_iam as iam
import jsii

from patch_window.edge_types import checked


@jsii.implements(iam.IPrincipal)
class ManagedPolicyGrantee:
    """Stands for ``principal`` in grants; every statement granted goes to ``policy``.

    ``policy`` must be attached to ``principal`` (``iam.ManagedPolicy(roles=[...])``).
    """

    @checked
    def __init__(self, policy: iam.ManagedPolicy, principal: iam.IPrincipal) -> None:
        self._policy = policy
        self._principal = principal

    @property
    def grant_principal(self) -> iam.IPrincipal:
        return self

    @property
    def assume_role_action(self) -> str:
        return self._principal.assume_role_action

    @property
    def policy_fragment(self) -> iam.PrincipalPolicyFragment:
        return self._principal.policy_fragment

    @property
    def principal_account(self) -> str | None:
        return self._principal.principal_account

    def add_to_policy(self, statement: iam.PolicyStatement) -> bool:
        return self.add_to_principal_policy(statement).statement_added

    def add_to_principal_policy(
        self, statement: iam.PolicyStatement
    ) -> iam.AddToPrincipalPolicyResult:
        self._policy.add_statements(statement)
        return iam.AddToPrincipalPolicyResult(statement_added=True, policy_dependable=self._policy)
