"""What every maintenance window task shares: its checks and its CloudFormation resource.

Run Command, Automation, Lambda and Step Functions tasks differ only in their invocation
block; name, priority, role, targets, rate control and cutoff behaviour work the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aws_cdk.aws_iam as iam
import aws_cdk.aws_ssm as ssm
from constructs import Construct, IConstruct

from patch_window import advisories, tree
from patch_window.rules import quotas as quota_rules
from patch_window.rules import tables
from patch_window.stack_quotas import quotas_of
from patch_window.tokens import is_unresolved
from patch_window.validation import PropChecker, unique_name, warn

if TYPE_CHECKING:
    from patch_window.interfaces import IMaintenanceWindow, IMaintenanceWindowTarget
    from patch_window.vocabulary import CutoffBehavior

Cfn = ssm.CfnMaintenanceWindowTask


@dataclass(frozen=True)
class TaskBasics:
    """The props every task type shares, checked and rendered in one place."""

    window: IMaintenanceWindow
    role: iam.IRole
    targets: Sequence[IMaintenanceWindowTarget] | None
    priority: int
    max_concurrency: str | None
    max_errors: str | None
    name: str | None
    description: str | None
    cutoff_behavior: CutoffBehavior | None

    def check(self, checker: PropChecker, *, targets_required: bool) -> None:
        """The checks every task type shares.

        A task with targets needs ``max_concurrency`` and ``max_errors``; a targetless task
        (only Automation, Lambda and Step Functions may be one) must leave all three out, as
        SSM requires.
        """
        checker.run(
            tables.TASK,
            {
                "name": self.name,
                "description": self.description,
                "priority": self.priority,
                "max_concurrency": self.max_concurrency if self.targets else None,
                "max_errors": self.max_errors if self.targets else None,
            },
        )
        rate_control = (("max_concurrency", self.max_concurrency), ("max_errors", self.max_errors))
        if self.targets:
            for prop, value in rate_control:
                if value is None:
                    checker.fail(prop, "is required for a task with targets, got none")
            for target in self.targets:
                if target.window is not self.window:
                    checker.fail(
                        "targets",
                        f"must be targets of this task's window, got {target.node.path}",
                    )
        elif targets_required:
            checker.fail("targets", "must name at least one registered target, got none")
        else:
            for prop, value in rate_control:
                if value is not None:
                    checker.fail(prop, f"must be left out of a targetless task, got {value!r}")
        unique_name(
            checker, "task of this window", self.name, [task.name for task in self.window.tasks]
        )
        quotas = quotas_of(self.window)
        checker.check(
            "window",
            len(self.window.tasks) + 1,
            quota_rules.tasks_per_window,
            quotas.tasks_per_window,
        )
        if self.targets:
            problem = quota_rules.targets_per_task(
                len(self.targets),
                quotas.targets_per_task,
                every=len(self.targets) == len(self.window.targets)
                and all(target in self.window.targets for target in self.targets),
            )
            if problem:
                checker.fail("targets", problem)

    def resource(
        self,
        scope: Construct,
        *,
        task_type: str,
        task_arn: str,
        invocation: Cfn.TaskInvocationParametersProperty,
    ) -> Cfn:
        """The ``AWS::SSM::MaintenanceWindowTask`` (the ``Resource`` child) every type builds."""
        targets = self.targets
        resource = Cfn(
            scope,
            "Resource",
            window_id=self.window.window_id,
            task_type=task_type,
            task_arn=task_arn,
            priority=self.priority,
            max_concurrency=self.max_concurrency if targets else None,
            max_errors=self.max_errors if targets else None,
            service_role_arn=tree.role_arn(self.role),
            targets=(
                [Cfn.TargetProperty(key="WindowTargetIds", values=[t.target_id for t in targets])]
                if targets
                else None
            ),
            name=self.name,
            description=self.description,
            cutoff_behavior=self.cutoff_behavior.value if self.cutoff_behavior else None,
            task_invocation_parameters=invocation,
        )
        if targets and self.max_errors is not None:
            warn(
                scope,
                advisories.MAX_ERRORS_ZERO,
                advisories.max_errors_zero(
                    self.max_errors, may_match_many=any(t.selector.may_match_many for t in targets)
                ),
            )
        return resource


def lists(parameters: Any) -> dict[str, list[str]] | None:
    """Document parameters as CloudFormation wants them: each a list of strings."""
    return {key: list(values) for key, values in parameters.items()} if parameters else None


def deployed_name(resource: IConstruct, arn: str, marker: str, name_prop: str) -> str | None:
    """The name a function or state machine has in AWS, whatever form it was given in.

    ``marker`` precedes the name in its ARN (``:function:``); a name this app creates is read
    from the L1's ``name_prop``. Returns ``""`` when CloudFormation will generate the name, and
    ``None`` when it is not known at synth (a token).
    """
    if marker in arn:
        tail = arn.split(marker, 1)[1].split(":")[0]
        if tail and not is_unresolved(tail):
            return tail
    cfn = resource.node.default_child
    if cfn is not None and hasattr(cfn, name_prop):
        # The L2 passes its physical name as a token that resolves to nothing when unnamed.
        given = tree.stack_of(resource).resolve(getattr(cfn, name_prop))
        if given is None:
            return ""
        return given if isinstance(given, str) and not is_unresolved(given) else None
    return None


def warn_if_managed_policy_refuses(
    scope: Construct, role: iam.IRole, kind: str, name: str | None
) -> None:
    """Under the AWS managed policy, only functions and state machines named SSM* may run.

    ``name`` is the deployed name, ``""`` for a generated one, ``None`` when unknown.
    """
    from patch_window.role import MaintenanceWindowRole
    from patch_window.vocabulary import RolePolicy

    owner = tree.scope_of(role)
    if (
        isinstance(owner, MaintenanceWindowRole)
        and owner.policy is RolePolicy.AWS_MANAGED
        and name is not None
    ):
        warn(
            scope,
            advisories.MANAGED_POLICY_NAME_NOT_SSM,
            advisories.managed_policy_name_not_ssm(kind, name),
        )
