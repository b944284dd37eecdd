"""An Automation task: a Systems Manager Automation runbook started by the window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import aws_cdk.aws_iam as iam
import aws_cdk.aws_ssm as ssm
from constructs import Construct

from patch_window import defaults, tree
from patch_window.edge_types import checked
from patch_window.permissions import AWS_OWNED_DOCUMENT, Permission
from patch_window.rules import tables
from patch_window.task_policy import grant_task_permissions, target_instances_permissions
from patch_window.tasks.base import Cfn, TaskBasics, lists
from patch_window.validation import PropChecker

if TYPE_CHECKING:
    from patch_window.interfaces import IMaintenanceWindow, IMaintenanceWindowTarget
    from patch_window.vocabulary import CutoffBehavior


class AutomationTask(Construct):
    """An ``AUTOMATION`` task: runs an Automation document, on targets or targetless."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        window: IMaintenanceWindow,
        document: str | ssm.CfnDocument,
        role: iam.IRole,
        targets: Sequence[IMaintenanceWindowTarget] | None = None,
        max_concurrency: str | None = None,
        max_errors: str | None = None,
        priority: int = defaults.TASK_PRIORITY,
        parameters: Mapping[str, Sequence[str]] | None = None,
        document_version: str | None = None,
        name: str | None = None,
        description: str | None = None,
        cutoff_behavior: CutoffBehavior | None = None,
    ) -> None:
        """Register the task.

        :param document: the Automation document's name or ARN, or an ``ssm.CfnDocument``.
        :param role: the role Systems Manager assumes to start the automation.
        :param targets: registered targets of the same window. Default: - none: the task is
            targetless and runs once per window execution (leave the rate control out then).
        :param max_concurrency: required with targets, refused without.
        :param max_errors: required with targets, refused without.
        :param parameters: the document's parameters, each a list of strings; pseudo
            parameters such as ``{{RESOURCE_ID}}`` are passed through. Default: - none.
        :param document_version: ``$DEFAULT``, ``$LATEST`` or a number. Default: - the default.
        """
        super().__init__(scope, id_)
        document_name = document.ref if isinstance(document, ssm.CfnDocument) else document
        checker = PropChecker(f"{self.node.path}/Resource")
        basics = TaskBasics(
            window=window,
            role=role,
            targets=targets,
            priority=priority,
            max_concurrency=max_concurrency,
            max_errors=max_errors,
            name=name,
            description=description,
            cutoff_behavior=cutoff_behavior,
        )
        basics.check(checker, targets_required=False)
        checker.run(
            tables.AUTOMATION,
            {
                "document": document_name,
                "parameters": parameters,
                "document_version": document_version,
            },
        )
        checker.raise_if_any()

        self.window = window
        self.name = name
        self.targets = tuple(targets or ())
        self.resource = basics.resource(
            self,
            task_type="AUTOMATION",
            task_arn=document_name,
            invocation=Cfn.TaskInvocationParametersProperty(
                maintenance_window_automation_parameters=(
                    Cfn.MaintenanceWindowAutomationParametersProperty(
                        document_version=document_version, parameters=lists(parameters)
                    )
                )
            ),
        )
        self.task_id: str = self.resource.ref
        grant_task_permissions(
            role, automation_permissions(self, document=document_name, targets=self.targets)
        )
        window.register_task(self)


def automation_permissions(
    scope: Construct, *, document: str, targets: Iterable[IMaintenanceWindowTarget]
) -> list[Permission]:
    """What an Automation task's role must allow: start ``document``, follow its executions.

    Automation runs its steps with the role the document names (``AutomationAssumeRole``) or
    with this one; the steps' own permissions depend on the document and are not derived here.
    """
    stack = tree.stack_of(scope)
    name = document.split("document/")[-1] if document.startswith("arn:") else document
    account = "" if AWS_OWNED_DOCUMENT.match(name) else None
    permissions = [
        Permission(
            sid="StartAutomationDocuments",
            actions=("ssm:StartAutomationExecution",),
            resources=(
                tree.format_arn(
                    stack,
                    service="ssm",
                    account=account,
                    resource="automation-definition",
                    resource_name=f"{name}:*",
                ),
            ),
            reason="Start the Automation documents that the Automation tasks run, and no other.",
            wildcard_reason=(
                "An automation-definition ARN ends in the document version, which SSM picks at "
                "run time ($DEFAULT or the version given); the document name is fixed."
            ),
        ),
        Permission(
            sid="FollowAutomationExecutions",
            actions=("ssm:GetAutomationExecution",),
            resources=(
                tree.format_arn(
                    stack, service="ssm", resource="automation-execution", resource_name="*"
                ),
            ),
            reason="Follow the Automation executions the tasks start.",
            wildcard_reason=(
                "Automation execution ids are created by each run, so none can be named in "
                "advance; the action only reads the status of executions, it never starts one."
            ),
        ),
    ]
    for target in targets:
        permissions.extend(target_instances_permissions(stack, target))
    return permissions
