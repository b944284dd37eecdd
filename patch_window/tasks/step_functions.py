"""A Step Functions task: a state machine the window starts (which the console cannot do)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import defaults, tree
from patch_window.edge_types import checked
from patch_window.json_text import compact_json
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
    import aws_cdk.aws_stepfunctions as sfn

    from patch_window.interfaces import IMaintenanceWindow, IMaintenanceWindowTarget
    from patch_window.vocabulary import CutoffBehavior


class StepFunctionsTask(Construct):
    """A ``STEP_FUNCTIONS`` task: starts a state machine execution (the lab's ELB drain-and-
    patch example); the lab notes the console cannot register one."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        window: IMaintenanceWindow,
        state_machine: sfn.IStateMachine,
        role: iam.IRole,
        targets: Sequence[IMaintenanceWindowTarget] | None = None,
        max_concurrency: str | None = None,
        max_errors: str | None = None,
        priority: int = defaults.TASK_PRIORITY,
        input: Mapping[str, Any] | None = None,
        execution_name: str | None = None,
        name: str | None = None,
        description: str | None = None,
        cutoff_behavior: CutoffBehavior | None = None,
    ) -> None:
        """Register the task.

        :param state_machine: the state machine to start.
        :param targets: Default: - none: targetless, started once per window execution.
        :param input: the execution input, as JSON (up to 4096 characters). Default: - none.
        :param execution_name: 1-80 characters; executions need unique names, so a fixed one
            suits a window that runs at most once per name's lifetime. Default: - generated.
        """
        super().__init__(scope, id_)
        input_json = compact_json(input) if input is not None else None
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
            tables.STEP_FUNCTIONS,
            {
                "state_machine": state_machine.state_machine_arn,
                "input": input_json,
                "execution_name": execution_name,
            },
        )
        checker.raise_if_any()

        self.window = window
        self.name = name
        self.targets = tuple(targets or ())
        self.state_machine = state_machine
        self.resource = basics.resource(
            self,
            task_type="STEP_FUNCTIONS",
            task_arn=state_machine.state_machine_arn,
            invocation=Cfn.TaskInvocationParametersProperty(
                maintenance_window_step_functions_parameters=(
                    Cfn.MaintenanceWindowStepFunctionsParametersProperty(
                        input=input_json, name=execution_name
                    )
                )
            ),
        )
        self.task_id: str = self.resource.ref
        grant_task_permissions(
            role, step_functions_permissions(self, state_machine.state_machine_arn)
        )
        machine_name = deployed_name(
            state_machine, state_machine.state_machine_arn, ":stateMachine:", "state_machine_name"
        )
        warn_if_managed_policy_refuses(self, role, "state machine", machine_name)
        window.register_task(self)


def step_functions_permissions(scope: Construct, state_machine_arn: str) -> list[Permission]:
    """Start exactly the task's state machine, and follow its executions."""
    stack = tree.stack_of(scope)
    machine_name = cdk.Arn.split(state_machine_arn, cdk.ArnFormat.COLON_RESOURCE_NAME).resource_name
    return [
        Permission(
            sid="StartTaskStateMachines",
            actions=("states:StartExecution",),
            resources=(state_machine_arn,),
            reason="Start the state machines that the Step Functions tasks name, and no other.",
        ),
        Permission(
            sid="FollowStateMachineExecutions",
            actions=("states:DescribeExecution",),
            resources=(
                tree.format_arn(
                    stack,
                    service="states",
                    resource="execution",
                    resource_name=f"{machine_name}:*",
                    arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                ),
            ),
            reason="Follow the executions the tasks start.",
            wildcard_reason=(
                "Step Functions execution names are created by each run, so none can be named in "
                "advance; the state machine's name is fixed and the action only reads status."
            ),
        ),
    ]
