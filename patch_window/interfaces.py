"""The interfaces rooms talk through: a window, a target and a task, as tasks and targets see them.

As in aws-cdk (``ISchedule``, ``IRole``), constructs receive these interfaces, never the concrete
classes, so tasks and targets do not import the window that holds them and a window defined
elsewhere (:meth:`MaintenanceWindow.from_window_id
<patch_window.window.MaintenanceWindow.from_window_id>`) can receive them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from constructs import IConstruct

if TYPE_CHECKING:
    import aws_cdk as cdk

    from patch_window.permissions import Permission


@runtime_checkable
class ITargetSelector(Protocol):
    """Which instances a target selects (see :class:`patch_window.TargetSelector`)."""

    @property
    def form(self) -> str:
        """The selection form, as the cdk.json key that sets it (``tags``, ``tag_keys``...)."""
        ...

    @property
    def resource_type(self) -> str:
        """``INSTANCE`` or ``RESOURCE_GROUP``."""
        ...

    @property
    def entries(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The target's ``Targets`` entries: ``(key, values)``."""
        ...

    @property
    def may_match_many(self) -> bool:
        """Whether more than one instance can match."""
        ...

    def problems(self) -> list[tuple[str, str]]:
        """``(prop, problem)`` for each value SSM would refuse."""
        ...

    def permissions(self, stack: cdk.Stack, sid_part: str, label: str) -> list[Permission]:
        """What a task role needs to run commands on exactly these instances."""
        ...

    def describe(self) -> str:
        """The selection in words, as the summary and the emulator print it."""
        ...


@runtime_checkable
class IMaintenanceWindowTarget(IConstruct, Protocol):
    """A target registered with a window."""

    @property
    def window(self) -> IMaintenanceWindow:
        """The window the target is registered with."""
        ...

    @property
    def name(self) -> str | None: ...

    @property
    def target_id(self) -> str:
        """The window target id (``Ref`` of the target)."""
        ...

    @property
    def selector(self) -> ITargetSelector: ...


@runtime_checkable
class IMaintenanceWindowTask(IConstruct, Protocol):
    """A task registered with a window."""

    @property
    def name(self) -> str | None: ...

    @property
    def task_id(self) -> str:
        """The window task id (``Ref`` of the task)."""
        ...

    @property
    def targets(self) -> tuple[IMaintenanceWindowTarget, ...]:
        """The targets it runs on; empty for a targetless task."""
        ...


@runtime_checkable
class IMaintenanceWindow(IConstruct, Protocol):
    """A maintenance window that targets and tasks can be registered with."""

    @property
    def window_id(self) -> str:
        """The window id (``mw-...``)."""
        ...

    @property
    def targets(self) -> tuple[IMaintenanceWindowTarget, ...]:
        """The targets registered through this library so far."""
        ...

    @property
    def tasks(self) -> tuple[IMaintenanceWindowTask, ...]:
        """The tasks registered through this library so far."""
        ...

    def register_target(self, target: IMaintenanceWindowTarget) -> None:
        """Record a target built for this window (targets call it; it does not create one)."""
        ...

    def register_task(self, task: IMaintenanceWindowTask) -> None:
        """Record a task built for this window (tasks call it; it does not create one)."""
        ...
