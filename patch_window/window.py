"""A Systems Manager maintenance window: when tasks may run, and for how long."""

from __future__ import annotations

import datetime
import re
import weakref
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_ssm as ssm
import jsii
from constructs import Construct, IValidation

from patch_window import advisories, defaults, tree
from patch_window.edge_types import checked
from patch_window.errors import PatchWindowValidationError
from patch_window.interfaces import (
    IMaintenanceWindow,
    IMaintenanceWindowTarget,
    IMaintenanceWindowTask,
)
from patch_window.next_runs import WindowTiming
from patch_window.rules import quotas as quota_rules
from patch_window.rules import tables
from patch_window.stack_quotas import quotas_of
from patch_window.targets.target import MaintenanceWindowTarget
from patch_window.tasks.automation import AutomationTask
from patch_window.tasks.lambda_invoke import LambdaTask
from patch_window.tasks.run_command import RunCommandTask
from patch_window.tasks.step_functions import StepFunctionsTask
from patch_window.tokens import is_unresolved
from patch_window.validation import PropChecker, unique_name, warn, whole_hours
from patch_window.vocabulary import CutoffBehavior

if TYPE_CHECKING:
    import aws_cdk.aws_lambda as lambda_
    import aws_cdk.aws_logs as logs
    import aws_cdk.aws_s3 as s3
    import aws_cdk.aws_stepfunctions as sfn

    from patch_window.schedule import Schedule
    from patch_window.targets.selector import TargetSelector
    from patch_window.tasks.notifications import Notifications


WINDOW_ID_PATTERN = re.compile(r"mw-[0-9a-f]{17}")

WindowTask = RunCommandTask | AutomationTask | LambdaTask | StepFunctionsTask
"""Any task a window can run."""


class MaintenanceWindow(Construct):
    """A maintenance window (lab step 6.2); add targets and tasks with ``add_*`` methods."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        schedule: Schedule,
        duration: cdk.Duration,
        cutoff: cdk.Duration,
        name: str | None = None,
        description: str | None = None,
        allow_unassociated_targets: bool = defaults.ALLOW_UNASSOCIATED_TARGETS,
        schedule_offset: int | None = None,
        start_date: datetime.datetime | None = None,
        end_date: datetime.datetime | None = None,
    ) -> None:
        """Create the window.

        :param schedule: when the window opens, with its time zone.
        :param duration: how long it stays open: 1-24 whole hours.
        :param cutoff: how long before the end no new task starts: 0-23 whole hours, less
            than ``duration``.
        :param name: Default: - a name is generated from the construct path.
        :param description: Default: - no description.
        :param allow_unassociated_targets: let tasks run on instances that are not registered
            targets. Default: False (tasks run on registered targets only).
        :param schedule_offset: days to wait after the cron schedule's date (1-6).
            Default: - the schedule's own offset (``Schedule.monthly_on(offset_days=...)``),
            else none.
        :param start_date: when the window becomes active (time-zone aware).
            Default: - active now.
        :param end_date: when the window stops (time-zone aware). Default: - never.
        """
        super().__init__(scope, id_)
        tree.remember(self, scope, id_)
        checker = PropChecker(f"{tree.path(self)}/Resource")
        duration_hours = whole_hours(checker, "duration", duration)
        cutoff_hours = whole_hours(checker, "cutoff", cutoff)
        if schedule_offset is not None and schedule.offset_days is not None:
            checker.fail(
                "schedule_offset",
                f"is set twice: {schedule_offset} here and {schedule.offset_days} in the schedule",
            )
        schedule_offset = schedule.offset_days if schedule_offset is None else schedule_offset
        for prop, date in (("start_date", start_date), ("end_date", end_date)):
            if date is not None and date.tzinfo is None:
                checker.fail(prop, f"must carry a time zone (tzinfo), got {date.isoformat()!r}")
        aware = all(d is None or d.tzinfo is not None for d in (start_date, end_date))
        checker.run(
            tables.WINDOW,
            {
                "name": name,
                "description": description,
                "schedule": schedule.expression_string,
                "duration": duration_hours,
                "cutoff": cutoff_hours,
                "time_zone": schedule.time_zone.timezone_name if schedule.time_zone else None,
                "schedule_offset": schedule_offset,
                "start_date": start_date if aware else None,
                "end_date": end_date if aware else None,
            },
            labels={"time_zone": "schedule.time_zone"},
        )
        stack = tree.stack_of(self)
        if stack not in _WINDOWS_BY_STACK:
            stack.node.add_validation(_WindowAdvisor(stack))
        stack_windows = _WINDOWS_BY_STACK.setdefault(stack, [])
        unique_name(checker, "window in this stack", name, [w.name for w in stack_windows])
        checker.check(
            "window",
            len(stack_windows) + 1,
            quota_rules.windows_per_region,
            quotas_of(self).windows,
        )
        checker.raise_if_any()

        self.name: str = name or cdk.Names.unique_resource_name(
            self, max_length=128, separator="-", allowed_special_characters="-_."
        )
        self._targets: list[IMaintenanceWindowTarget] = []
        self._tasks: list[IMaintenanceWindowTask] = []
        self.resource = ssm.CfnMaintenanceWindow(
            self,
            "Resource",
            name=self.name,
            schedule=schedule.expression_string,
            schedule_timezone=schedule.time_zone.timezone_name if schedule.time_zone else None,
            duration=duration_hours if duration_hours is not None else duration.to_hours(),
            cutoff=cutoff_hours if cutoff_hours is not None else cutoff.to_hours(),
            allow_unassociated_targets=allow_unassociated_targets,
            description=description,
            schedule_offset=schedule_offset,
            start_date=start_date.isoformat() if start_date else None,
            end_date=end_date.isoformat() if end_date else None,
        )
        self.window_id: str = self.resource.ref
        self.allow_unassociated_targets = allow_unassociated_targets
        self.duration_hours: int | None = duration_hours
        self.timing: WindowTiming | None = _timing(
            schedule, schedule_offset, start_date if aware else None, end_date if aware else None
        )
        """What decides when the window runs; None when part of it is unknown at synth (a
        token), so its schedule warnings cannot be judged."""
        if cutoff_hours is not None:
            warn(self, advisories.CUTOFF_ZERO, advisories.cutoff_zero(cutoff_hours))
        if end_date is not None and end_date.tzinfo is not None:
            now = datetime.datetime.now(datetime.UTC)
            warn(self, advisories.END_DATE_PASSED, advisories.end_date_passed(end_date, now))
        stack_windows.append(self)

    @property
    def targets(self) -> tuple[IMaintenanceWindowTarget, ...]:
        """The targets registered so far."""
        return tuple(self._targets)

    @property
    def tasks(self) -> tuple[IMaintenanceWindowTask, ...]:
        """The tasks registered so far."""
        return tuple(self._tasks)

    @checked
    def add_target(
        self,
        id_: str,
        *,
        tags: Mapping[str, Sequence[str]] | None = None,
        selector: TargetSelector | None = None,
        name: str | None = None,
        description: str | None = None,
        owner_information: str | None = None,
    ) -> MaintenanceWindowTarget:
        """Register a target: instances carrying all ``tags``, or those ``selector`` picks."""
        return MaintenanceWindowTarget(
            self,
            id_,
            window=self,
            tags=tags,
            selector=selector,
            name=name,
            description=description,
            owner_information=owner_information,
        )

    @checked
    def add_run_command_task(
        self,
        id_: str,
        *,
        document: str,
        role: iam.IRole,
        max_concurrency: str,
        max_errors: str,
        targets: Sequence[IMaintenanceWindowTarget] | None = None,
        priority: int = defaults.TASK_PRIORITY,
        parameters: Mapping[str, Sequence[str]] | None = None,
        name: str | None = None,
        description: str | None = None,
        cutoff_behavior: CutoffBehavior | None = None,
        document_version: str | None = None,
        timeout: cdk.Duration | None = None,
        comment: str | None = None,
        output_bucket: s3.IBucket | None = None,
        output_key_prefix: str | None = None,
        output_log_group: logs.ILogGroup | None = None,
        instance_roles: Sequence[iam.IRole] = (),
        notifications: Notifications | None = None,
    ) -> RunCommandTask:
        """Register a Run Command task; ``targets`` default to every target added so far."""
        return RunCommandTask(
            self,
            id_,
            window=self,
            document=document,
            role=role,
            targets=self.targets if targets is None else targets,
            max_concurrency=max_concurrency,
            max_errors=max_errors,
            priority=priority,
            parameters=parameters,
            name=name,
            description=description,
            cutoff_behavior=cutoff_behavior,
            document_version=document_version,
            timeout=timeout,
            comment=comment,
            output_bucket=output_bucket,
            output_key_prefix=output_key_prefix,
            output_log_group=output_log_group,
            instance_roles=instance_roles,
            notifications=notifications,
        )

    @checked
    def add_automation_task(
        self,
        id_: str,
        *,
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
    ) -> AutomationTask:
        """Register an Automation task; without ``targets`` it is targetless."""
        return AutomationTask(
            self,
            id_,
            window=self,
            document=document,
            role=role,
            targets=targets,
            max_concurrency=max_concurrency,
            max_errors=max_errors,
            priority=priority,
            parameters=parameters,
            document_version=document_version,
            name=name,
            description=description,
            cutoff_behavior=cutoff_behavior,
        )

    @checked
    def add_lambda_task(
        self,
        id_: str,
        *,
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
    ) -> LambdaTask:
        """Register a Lambda task; without ``targets`` it is targetless."""
        return LambdaTask(
            self,
            id_,
            window=self,
            function=function,
            role=role,
            targets=targets,
            max_concurrency=max_concurrency,
            max_errors=max_errors,
            priority=priority,
            qualifier=qualifier,
            payload=payload,
            client_context=client_context,
            name=name,
            description=description,
            cutoff_behavior=cutoff_behavior,
        )

    @checked
    def add_step_functions_task(
        self,
        id_: str,
        *,
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
    ) -> StepFunctionsTask:
        """Register a Step Functions task; without ``targets`` it is targetless."""
        return StepFunctionsTask(
            self,
            id_,
            window=self,
            state_machine=state_machine,
            role=role,
            targets=targets,
            max_concurrency=max_concurrency,
            max_errors=max_errors,
            priority=priority,
            input=input,
            execution_name=execution_name,
            name=name,
            description=description,
            cutoff_behavior=cutoff_behavior,
        )

    def register_target(self, target: IMaintenanceWindowTarget) -> None:
        """Record a target built for this window (targets call it)."""
        self._targets.append(target)

    def register_task(self, task: IMaintenanceWindowTask) -> None:
        """Record a task built for this window (tasks call it)."""
        self._tasks.append(task)

    @staticmethod
    @checked
    def from_window_id(scope: Construct, id_: str, window_id: str) -> IMaintenanceWindow:
        """A window defined elsewhere (``mw-...``), to register targets and tasks with.

        Its schedule and settings stay where they are defined; only what is registered here
        is checked against it (names unique among what this app registers).
        """
        return ImportedMaintenanceWindow(scope, id_, window_id=window_id)


class ImportedMaintenanceWindow(Construct):
    """A window defined outside this app: targets and tasks can still be registered with it."""

    def __init__(self, scope: Construct, id_: str, *, window_id: str) -> None:
        super().__init__(scope, id_)
        if not is_unresolved(window_id) and not WINDOW_ID_PATTERN.fullmatch(window_id):
            raise PatchWindowValidationError(
                f"{self.node.path}: window_id must be a maintenance window id such as "
                f"'mw-0123456789abcdef0', got {window_id!r}"
            )
        self.window_id = window_id
        self._targets: list[IMaintenanceWindowTarget] = []
        self._tasks: list[IMaintenanceWindowTask] = []

    @property
    def targets(self) -> tuple[IMaintenanceWindowTarget, ...]:
        """The targets registered through this library so far."""
        return tuple(self._targets)

    @property
    def tasks(self) -> tuple[IMaintenanceWindowTask, ...]:
        """The tasks registered through this library so far."""
        return tuple(self._tasks)

    def register_target(self, target: IMaintenanceWindowTarget) -> None:
        """Record a target built for this window (targets call it)."""
        self._targets.append(target)

    def register_task(self, task: IMaintenanceWindowTask) -> None:
        """Record a task built for this window (tasks call it)."""
        self._tasks.append(task)


_WINDOWS_BY_STACK: weakref.WeakKeyDictionary[cdk.Stack, list[MaintenanceWindow]] = (
    weakref.WeakKeyDictionary()
)
"""The windows built in each stack, for the unique-name check: kept here because walking the
stack's construct tree (``node.find_all()``) for every new window is one jsii round trip
carrying the whole tree, which made synthesis quadratic in the number of windows."""


@checked
def check_schedules(
    stack: cdk.Stack,
    *,
    now: datetime.datetime | None = None,
    concurrent_executions: int = defaults.CONCURRENT_EXECUTIONS,
) -> None:
    """How the schedule warnings of ``stack``'s windows are judged at synth.

    Every stack with a window gets them: ``window-never-runs`` and ``runs-overlap`` on each
    window, ``concurrent-windows`` on the stack when more of its windows are open at once than
    ``concurrent_executions`` (the account's quota, default 5). ``now`` is the instant they are
    judged from (default: the clock at synth), for a reproducible synthesis or a test.
    """
    if now is not None and (now.tzinfo is None or now.utcoffset() is None):
        raise PatchWindowValidationError(
            f"check_schedules: now must carry a time zone (tzinfo), got {now.isoformat()!r}"
        )
    if isinstance(concurrent_executions, bool) or concurrent_executions < 1:
        raise PatchWindowValidationError(
            "check_schedules: concurrent_executions must be a whole number of 1 or more, "
            f"got {concurrent_executions!r}"
        )
    _SCHEDULE_CHECKS[stack] = (now, concurrent_executions)


_SCHEDULE_CHECKS: weakref.WeakKeyDictionary[cdk.Stack, tuple[datetime.datetime | None, int]] = (
    weakref.WeakKeyDictionary()
)


def _timing(
    schedule: Schedule,
    offset_days: int | None,
    start_date: datetime.datetime | None,
    end_date: datetime.datetime | None,
) -> WindowTiming | None:
    time_zone = schedule.time_zone.timezone_name if schedule.time_zone else None
    if any(is_unresolved(v) for v in (schedule.expression_string, time_zone, offset_days)):
        return None
    return WindowTiming(schedule.expression_string, time_zone, offset_days, start_date, end_date)


@jsii.implements(IValidation)
class _WindowAdvisor:
    """At synth, once every target and task is added: warn about windows of ``stack`` that
    cannot work (no task, no target), that never run, whose runs overlap, or that are open at
    once in greater numbers than the account may run (see :func:`check_schedules`). One
    validation for the stack's windows, not one per window: each is a callback from node."""

    def __init__(self, stack: cdk.Stack) -> None:
        self.stack = weakref.ref(stack)

    def validate(self) -> list[str]:
        stack = self.stack()
        if stack is None:
            return []
        now, limit = _SCHEDULE_CHECKS.get(stack, (None, defaults.CONCURRENT_EXECUTIONS))
        now = now or datetime.datetime.now(datetime.UTC)
        judged = []
        for window in _WINDOWS_BY_STACK.get(stack, []):
            _warn_if_empty(window)
            if window.timing is None or window.duration_hours is None:
                continue
            try:
                warn(
                    window,
                    advisories.WINDOW_NEVER_RUNS,
                    advisories.window_never_runs(window.timing, now),
                )
                warn(
                    window,
                    advisories.RUNS_OVERLAP,
                    advisories.runs_overlap(window.timing, window.duration_hours, now),
                )
            except ValueError:
                continue  # refused where the window was built; nothing to judge
            judged.append((window.name, window.timing, window.duration_hours))
        warn(
            stack,
            advisories.CONCURRENT_WINDOWS,
            advisories.concurrent_windows(judged, now, limit=limit),
        )
        return []


def _warn_if_empty(window: MaintenanceWindow) -> None:
    """Warn about a window that cannot work: no task, or no target for its tasks to run on."""
    warn(
        window,
        advisories.WINDOW_WITHOUT_TASKS,
        advisories.window_without_tasks(len(window.tasks)),
    )
    warn(
        window,
        advisories.WINDOW_WITHOUT_TARGETS,
        advisories.window_without_targets(
            len(window.targets),
            allow_unassociated_targets=window.allow_unassociated_targets,
            targetless_tasks=sum(1 for task in window.tasks if not task.targets),
        ),
    )
