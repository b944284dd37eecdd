"""``deployment.stack_set``: the Organizations path, as two service-managed StackSets.

One stack (deployed to the management account, or to a delegated administrator with
``call_as: DELEGATED_ADMIN``) creates:

- the account StackSet: the account-global IAM (:class:`AccountStack`'s template), in the home
  Region only, since IAM is global to each account;
- the windows StackSet: every window (:class:`PatchWindowStack`'s template, the role used by
  its ARN), in each of ``regions``; it depends on the account StackSet, for the first rollout
  and (``AutoDeployment.DependsOn``) for accounts that join an OU later.

Both target the OUs with SERVICE_MANAGED permissions. Their member templates are synthesized in
an app of their own with :class:`cdk.BootstraplessSynthesizer`: environment-agnostic, no
bootstrap version rule and no assets (the target accounts are never bootstrapped). Each goes
inline (``TemplateBody``) up to 51,200 bytes, else through S3 (``TemplateURL``, a file asset of
the StackSets stack) up to 1,000,000.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from constructs import Construct

from patch_window.app.deployment import AccountStack
from patch_window.app.settings import PatchWindowConfig, StackSetConfig
from patch_window.app.stack import PatchWindowStack
from patch_window.errors import PatchWindowValidationError
from patch_window.rules import deployment as rules

PERMISSION_MODEL = "SERVICE_MANAGED"
CAPABILITIES = ["CAPABILITY_NAMED_IAM"]
"""The member templates name their roles and policies."""


def stack_sets_stack_name(config: PatchWindowConfig) -> str:
    return f"{config.stack_name}-stack-sets"


class MemberTemplates:
    """The two member templates, synthesized in an app of their own."""

    def __init__(self, config: PatchWindowConfig, context: dict[str, Any]) -> None:
        app = cdk.App(context=context, outdir=tempfile.mkdtemp(prefix="patch-window-members-"))
        account = AccountStack(
            app, "Account", config=config, synthesizer=cdk.BootstraplessSynthesizer()
        )
        windows = PatchWindowStack(
            app,
            "Windows",
            config=_without_pass_role(config),
            # ${AWS::AccountId} and ${AWS::Partition}: the member account's own role
            role=account.role_by_name,
            synthesizer=cdk.BootstraplessSynthesizer(),
        )
        self.windows_stack = windows
        self.stacks: dict[str, cdk.Stack] = {"account": account, "windows": windows}
        assembly = app.synth()
        self.templates: dict[str, dict[str, Any]] = {
            key: assembly.get_stack_by_name(stack.stack_name).template
            for key, stack in self.stacks.items()
        }
        self.assets = {
            key: list(assembly.get_stack_by_name(stack.stack_name).assets)
            for key, stack in self.stacks.items()
        }

    def body(self, key: str) -> str:
        """The template as its StackSet carries it: compact JSON, at most 1,000,000 bytes."""
        text = json.dumps(self.templates[key], separators=(",", ":"), sort_keys=True)
        problem = rules.template_body_size(len(text.encode()))
        if problem:
            raise PatchWindowValidationError(problem)
        return text


def _without_pass_role(config: PatchWindowConfig) -> PatchWindowConfig:
    import dataclasses

    return dataclasses.replace(config, pass_role=None)


class StackSetsStack(cdk.Stack):
    """The two StackSets of ``deployment.stack_set``."""

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        config: PatchWindowConfig,
        members: MemberTemplates,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, id_, **kwargs)
        self.members = members
        assert config.deployment is not None
        settings = config.deployment.stack_set
        assert settings is not None
        self.account_stack_set = self._stack_set(
            "AccountStackSet",
            name=f"{config.stack_name}-account",
            description="patch-window: the maintenance window task role and PassRole policy",
            body=members.body("account"),
            settings=settings,
            regions=[config.deployment.home_region],
            depends_on=None,
        )
        self.windows_stack_set = self._stack_set(
            "WindowsStackSet",
            name=f"{config.stack_name}-windows",
            description="patch-window: the maintenance windows, targets and tasks",
            body=members.body("windows"),
            settings=settings,
            regions=list(settings.regions),
            depends_on=self.format_arn(
                service="cloudformation",
                resource="stackset",
                resource_name=self.account_stack_set.attr_stack_set_id,
                arn_format=cdk.ArnFormat.SLASH_RESOURCE_NAME,
            ),
        )
        if not settings.auto_deployment:
            # (with auto-deployment, AutoDeployment.DependsOn's GetAtt already orders them)
            self.windows_stack_set.add_resource_dependency(self.account_stack_set)

    def _stack_set(
        self,
        id_: str,
        *,
        name: str,
        description: str,
        body: str,
        settings: StackSetConfig,
        regions: list[str],
        depends_on: str | None,
    ) -> cdk.CfnStackSet:
        order = [r for r in settings.region_order or settings.regions if r in regions]
        return cdk.CfnStackSet(
            self,
            id_,
            stack_set_name=name,
            description=description,
            permission_model=PERMISSION_MODEL,
            call_as=settings.call_as,
            capabilities=CAPABILITIES,
            auto_deployment=cdk.CfnStackSet.AutoDeploymentProperty(
                enabled=settings.auto_deployment,
                retain_stacks_on_account_removal=settings.retain_stacks_on_account_removal
                if settings.auto_deployment
                else None,
                depends_on=[depends_on] if depends_on and settings.auto_deployment else None,
            ),
            operation_preferences=cdk.CfnStackSet.OperationPreferencesProperty(
                max_concurrent_percentage=settings.max_concurrent_percentage,
                failure_tolerance_percentage=settings.failure_tolerance_percentage,
                region_concurrency_type=settings.region_concurrency,
                region_order=order or None,
            ),
            stack_instances_group=[
                cdk.CfnStackSet.StackInstancesProperty(
                    deployment_targets=cdk.CfnStackSet.DeploymentTargetsProperty(
                        organizational_unit_ids=list(settings.organizational_units)
                    ),
                    regions=regions,
                )
            ],
            template_body=body if rules.inline(len(body.encode())) else None,
            template_url=None if rules.inline(len(body.encode())) else self._upload(id_, body),
        )

    def _upload(self, id_: str, body: str) -> str:
        """``TemplateBody`` takes 51,200 bytes; a larger member template is a file asset of this
        stack (uploaded by ``cdk deploy`` to the bootstrapped account that runs the StackSets),
        its ``TemplateURL``."""
        data = body.encode()
        # In the cloud assembly, so that `cdk deploy --app cdk.out` finds it too.
        stage = cdk.Stage.of(self)
        assert stage is not None
        name = f"{self.artifact_id}.{id_}.template.json"
        (Path(stage.outdir) / name).write_bytes(data)
        asset = self.synthesizer.add_file_asset(
            file_name=name,
            packaging=cdk.FileAssetPackaging.FILE,
            source_hash=hashlib.sha256(data).hexdigest(),
        )
        return asset.http_url


def build(app: cdk.App, config: PatchWindowConfig, context: dict[str, Any]) -> StackSetsStack:
    """The StackSets stack in ``app``; its member templates from an app of their own."""
    return StackSetsStack(
        app,
        "StackSets",
        config=config,
        members=MemberTemplates(config, context),
        stack_name=stack_sets_stack_name(config),
    )
