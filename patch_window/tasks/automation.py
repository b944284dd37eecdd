"""An Automation task: a Systems Manager Automation runbook started by the window."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import aws_cdk.aws_iam as iam
import aws_cdk.aws_ssm as ssm
from constructs import Construct

from patch_window import rules
from patch_window.permissions import automation_permissions, grant_task_permissions
from patch_window.tasks.base import Cfn, TaskBasics, lists
from patch_window.validation import PropChecker

if TYPE_CHECKING:
    from patch_window.targets.target import MaintenanceWindowTarget
    from patch_window.vocabulary import CutoffBehavior
    from patch_window.window import MaintenanceWindow


class AutomationTask(Construct):
    """An ``AUTOMATION`` task: runs an Automation document, on targets or targetless."""

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        window: MaintenanceWindow,
        document: str | ssm.CfnDocument,
        role: iam.IRole,
        targets: Sequence[MaintenanceWindowTarget] | None = None,
        max_concurrency: str | None = None,
        max_errors: str | None = None,
        priority: int = 1,
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
        checker.check("document", document_name, rules.document)
        checker.check("parameters", parameters, rules.document_parameters)
        checker.check("document_version", document_version, rules.document_version)
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
        window._register_task(self)
