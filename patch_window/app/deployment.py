"""The stage layout of ``deployment``: one ``cdk.Stage`` per environment.

In each stage, one stack in the home Region holds the account-global IAM (the task role and
the PassRole policy), and one stack per Region holds the windows, using that role by its
deterministic ARN (``iam.Role.from_role_name`` in the windows stack's own account), so no stack
refers to another Region. Each windows stack depends on its account stack: ``cdk deploy
--all`` deploys the role first.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import compliance
from patch_window.account import AccountResources
from patch_window.app.settings import EnvironmentConfig, PatchWindowConfig, environment_windows
from patch_window.app.stack import LAB_MANAGED_POLICY_REASON, PatchWindowStack
from patch_window.role import MANAGED_POLICY_NAME
from patch_window.vocabulary import RolePolicy

ROLE_NAME_SUFFIX = "MaintenanceWindowRole"


def role_name(config: PatchWindowConfig) -> str:
    """The task role's name: ``role.role_name``, else ``<stack_name>-MaintenanceWindowRole``
    (a fixed name, so every Region finds the role by it)."""
    return config.role.role_name or f"{config.stack_name}-{ROLE_NAME_SUFFIX}"


def stack_name(config: PatchWindowConfig, environment: str, region: str) -> str:
    """``<stack_name>-<environment>-<Region>``: the windows stack of one Region."""
    return f"{config.stack_name}-{environment}-{region}"


def account_stack_name(config: PatchWindowConfig, environment: str) -> str:
    """``<stack_name>-<environment>-account``: the account-global IAM."""
    return f"{config.stack_name}-{environment}-account"


class AccountStack(cdk.Stack):
    """One account's global IAM, in its home Region; outputs the task role's ARN."""

    def __init__(
        self, scope: Construct, id_: str, *, config: PatchWindowConfig, **kwargs: Any
    ) -> None:
        super().__init__(scope, id_, **kwargs)
        policy = RolePolicy(config.role.policy)
        self.resources = AccountResources(
            self,
            "Account",
            role_name=role_name(config),
            description=config.role.description,
            trusted_services=config.role.trusted_services,
            policy=policy,
            restrict_source_account=config.role.restrict_source_account,
            pass_role_groups=[
                iam.Group.from_group_name(self, f"Group{name}", name)
                for name in (config.pass_role.group_names if config.pass_role else ())
            ],
            pass_role_policy_name=config.pass_role.policy_name if config.pass_role else None,
        )
        if policy is RolePolicy.AWS_MANAGED:
            compliance.acknowledge(
                self.resources.role,
                compliance.finding_id(
                    compliance.AWS_SOLUTIONS,
                    "IAM4",
                    f"Policy::arn:<AWS::Partition>:iam::aws:policy/{MANAGED_POLICY_NAME}",
                ),
                LAB_MANAGED_POLICY_REASON,
            )
        cdk.CfnOutput(
            self, "RoleArn", value=self.resources.role.role.role_arn, description="Task role"
        )
        self.role_by_name: iam.IRole = iam.Role.from_role_name(
            self, "RoleByName", role_name(config)
        )
        """The role as other Regions use it: its ARN, built from this account and its name."""


class EnvironmentStage(cdk.Stage):
    """One environment: its account stack and a windows stack per Region."""

    def __init__(
        self,
        scope: Construct,
        *,
        config: PatchWindowConfig,
        environment: EnvironmentConfig,
        home_region: str,
    ) -> None:
        super().__init__(scope, environment.name)
        self.account_stack = AccountStack(
            self,
            "Account",
            config=config,
            stack_name=account_stack_name(config, environment.name),
            env=cdk.Environment(account=environment.account, region=home_region),
        )
        windows_config = dataclasses.replace(
            config,
            windows=environment_windows(config.windows, environment),
            pass_role=None,
        )
        self.windows_stacks: dict[str, PatchWindowStack] = {}
        for region in environment.regions:
            stack = PatchWindowStack(
                self,
                f"Windows-{region}",
                config=windows_config,
                role=self.account_stack.role_by_name,
                stack_name=stack_name(config, environment.name, region),
                env=cdk.Environment(account=environment.account, region=region),
            )
            stack.add_stack_dependency(self.account_stack)
            self.windows_stacks[region] = stack


def build(app: cdk.App, config: PatchWindowConfig) -> list[EnvironmentStage]:
    """Every environment's stage in ``app``."""
    assert config.deployment is not None
    return [
        EnvironmentStage(
            app,
            config=config,
            environment=environment,
            home_region=config.deployment.home_region,
        )
        for environment in config.deployment.environments
    ]
