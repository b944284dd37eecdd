"""A Lambda task: a function the window invokes, with a payload."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import defaults
from patch_window.edge_types import checked
from patch_window.json_text import base64_json, compact_json
from patch_window.permissions import Permission
from patch_window.rules import tables
from patch_window.task_policy import grant_task_permissions
from patch_window.tasks.base import (
    Cfn,
    TaskBasics,
    deployed_name,
    warn_if_managed_policy_refuses,
)
from patch_window.validation import PropChecker

if TYPE_CHECKING:
    import aws_cdk.aws_lambda as lambda_

    from patch_window.interfaces import IMaintenanceWindow, IMaintenanceWindowTarget
    from patch_window.vocabulary import CutoffBehavior


class LambdaTask(Construct):
    """A ``LAMBDA`` task: invokes a function, once per target or once (targetless)."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        window: IMaintenanceWindow,
        function: lambda_.IFunction,
        role: iam.IRole,
        targets: Sequence[IMaintenanceWindowTarget] | None = None,
        max_concurrency: str | None = None,
        max_errors: str | None = None,
        priority: int = defaults.TASK_PRIORITY,
        qualifier: str | None = None,
        payload: Mapping[str, Any] | None = None,
        client_context: Mapping[str, Any] | None = None,
        name: str | None = None,
        description: str | None = None,
        cutoff_behavior: CutoffBehavior | None = None,
    ) -> None:
        """Register the task.

        :param function: the function to invoke.
        :param targets: Default: - none: targetless, invoked once per window execution.
        :param qualifier: a version or alias. Default: - the unqualified function.
        :param payload: the event, as JSON (up to 4096 characters); pseudo parameters such as
            ``{{RESOURCE_ID}}`` are passed through. Default: - an empty event.
        :param client_context: client context, sent base64-encoded (up to 8000 characters).
            Default: - none.
        """
        super().__init__(scope, id_)
        payload_json = compact_json(payload) if payload is not None else None
        context_b64 = base64_json(client_context) if client_context is not None else None
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
            tables.LAMBDA,
            {
                "function": function.function_arn,
                "qualifier": qualifier,
                "payload": payload_json,
                "client_context": context_b64,
            },
        )
        checker.raise_if_any()

        self.window = window
        self.name = name
        self.targets = tuple(targets or ())
        self.function = function
        self.resource = basics.resource(
            self,
            task_type="LAMBDA",
            task_arn=function.function_arn,
            invocation=Cfn.TaskInvocationParametersProperty(
                maintenance_window_lambda_parameters=Cfn.MaintenanceWindowLambdaParametersProperty(
                    qualifier=qualifier, payload=payload_json, client_context=context_b64
                )
            ),
        )
        self.task_id: str = self.resource.ref
        grant_task_permissions(role, lambda_permissions(function.function_arn, qualifier))
        warn_if_managed_policy_refuses(
            self,
            role,
            "function",
            deployed_name(function, function.function_arn, ":function:", "function_name"),
        )
        window.register_task(self)


def lambda_permissions(function_arn: str, qualifier: str | None) -> list[Permission]:
    """Invoke exactly the task's function (and qualifier, when one is given)."""
    resource = f"{function_arn}:{qualifier}" if qualifier else function_arn
    return [
        Permission(
            sid="InvokeTaskFunctions",
            actions=("lambda:InvokeFunction",),
            resources=(resource,),
            reason="Invoke the functions that the Lambda tasks name, and no other.",
        )
    ]
