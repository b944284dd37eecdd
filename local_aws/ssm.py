"""SSM maintenance-window calls and fields that moto 5.2.5 lacks.

moto stores maintenance windows, targets and tasks, but a read-back of a deployed stack needs
more than it offers:

* ``AllowUnassociatedTargets`` and ``Enabled`` are neither stored nor returned
  (:class:`WindowFields`, :meth:`WindowResponses.create_maintenance_window`).
* ``DescribeMaintenanceWindowTargets`` always returns an empty ``OwnerInformation``
  (:class:`TargetFields`).
* ``DescribeMaintenanceWindowTasks`` returns ``TaskType`` where the API says ``Type``, and drops
  ``CutoffBehavior`` and ``AlarmConfiguration`` (:class:`TaskFields`).
* ``GetMaintenanceWindowTask`` and the three ``UpdateMaintenanceWindow*`` calls are missing
  (:class:`WindowBackend`, :class:`WindowResponses`); CloudFormation updates need the latter.

Each class here is a set of methods that :func:`local_aws.install` copies onto the moto class it
names; upstream, they would simply be those classes' methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.responses import ActionResult
from moto.ssm.exceptions import SSMException
from moto.ssm.models import (
    FakeMaintenanceWindow,
    FakeMaintenanceWindowTarget,
    FakeMaintenanceWindowTask,
    SimpleSystemManagerBackend,
)
from moto.ssm.responses import SimpleSystemManagerResponse

if TYPE_CHECKING:  # type-check the methods as the moto classes they are copied onto
    _Window = FakeMaintenanceWindow
    _Target = FakeMaintenanceWindowTarget
    _Task = FakeMaintenanceWindowTask
    _Backend = SimpleSystemManagerBackend
    _Response = SimpleSystemManagerResponse
else:
    _Window = _Target = _Task = _Backend = _Response = object

#: The window fields that UpdateMaintenanceWindow may change, by API name -> attribute.
WINDOW_FIELDS = {
    "Name": "name",
    "Description": "description",
    "StartDate": "start_date",
    "EndDate": "end_date",
    "Schedule": "schedule",
    "ScheduleTimezone": "schedule_timezone",
    "ScheduleOffset": "schedule_offset",
    "Duration": "duration",
    "Cutoff": "cutoff",
    "AllowUnassociatedTargets": "allow_unassociated_targets",
    "Enabled": "enabled",
}
#: Fields UpdateMaintenanceWindow keeps when ``Replace`` is set but they are not given.
WINDOW_REQUIRED = {"Name", "Schedule", "Duration", "Cutoff", "AllowUnassociatedTargets", "Enabled"}

#: The target fields that UpdateMaintenanceWindowTarget may change.
TARGET_FIELDS = {
    "Targets": "targets",
    "OwnerInformation": "owner_information",
    "Name": "name",
    "Description": "description",
}

#: The task fields that UpdateMaintenanceWindowTask may change.
TASK_FIELDS = {
    "Targets": "targets",
    "TaskArn": "task_arn",
    "ServiceRoleArn": "service_role_arn",
    "TaskParameters": "task_parameters",
    "TaskInvocationParameters": "task_invocation_parameters",
    "Priority": "priority",
    "MaxConcurrency": "max_concurrency",
    "MaxErrors": "max_errors",
    "LoggingInfo": "logging_info",
    "Name": "name",
    "Description": "description",
    "CutoffBehavior": "cutoff_behavior",
    "AlarmConfiguration": "alarm_configurations",
}
TASK_REQUIRED = {"TaskArn"}


def _apply(
    obj: object, fields: dict[str, str], given: dict[str, Any], replace: bool, required: set[str]
) -> None:
    """Set ``obj``'s attributes from an Update* request, with the API's ``Replace`` rule.

    Without ``Replace`` only the fields given change; with it, every optional field that is not
    given is cleared (required ones that are not given keep their value).
    """
    for api_name, attribute in fields.items():
        if given.get(api_name) is not None:
            setattr(obj, attribute, given[api_name])
        elif replace and api_name not in required:
            setattr(obj, attribute, None)


class WindowFields(_Window):
    """``FakeMaintenanceWindow.to_json`` with ``AllowUnassociatedTargets`` and ``Enabled``.

    moto hard-codes ``Enabled: True`` and never stores ``AllowUnassociatedTargets``, so a
    window created with ``AllowUnassociatedTargets: true`` reads back without it.
    """

    def to_json(self) -> dict[str, Any]:
        return {
            "WindowId": self.id,
            "Name": self.name,
            "Description": self.description,
            "Enabled": getattr(self, "enabled", True),
            "AllowUnassociatedTargets": getattr(self, "allow_unassociated_targets", False),
            "Duration": self.duration,
            "Cutoff": self.cutoff,
            "Schedule": self.schedule,
            "ScheduleTimezone": self.schedule_timezone,
            "ScheduleOffset": self.schedule_offset,
            "StartDate": self.start_date,
            "EndDate": self.end_date,
        }


class TargetFields(_Target):
    """``FakeMaintenanceWindowTarget.to_json`` that returns the stored ``OwnerInformation``.

    moto stores it but answers ``""`` whatever was registered.
    """

    def to_json(self) -> dict[str, Any]:
        return {
            "WindowId": self.window_id,
            "WindowTargetId": self.window_target_id,
            "ResourceType": self.resource_type,
            "Targets": self.targets,
            "OwnerInformation": self.owner_information,
            "Name": self.name,
            "Description": self.description,
        }


class TaskFields(_Task):
    """``FakeMaintenanceWindowTask.to_json`` in the API's shape, plus the Get call's shape.

    ``DescribeMaintenanceWindowTasks`` names the task type ``Type`` (moto sends ``TaskType``,
    which the serializer drops) and includes ``CutoffBehavior`` and ``AlarmConfiguration``.
    ``GetMaintenanceWindowTask`` names it ``TaskType`` and adds ``TaskInvocationParameters``
    (:func:`task_details`).
    """

    def to_json(self) -> dict[str, Any]:
        return {
            "WindowId": self.window_id,
            "WindowTaskId": self.window_task_id,
            "Type": self.task_type,
            "TaskArn": self.task_arn,
            "ServiceRoleArn": self.service_role_arn,
            "TaskParameters": self.task_parameters,
            "Priority": self.priority,
            "MaxConcurrency": self.max_concurrency,
            "MaxErrors": self.max_errors,
            "LoggingInfo": self.logging_info,
            "Name": self.name,
            "Description": self.description,
            "Targets": self.targets,
            "CutoffBehavior": self.cutoff_behavior,
            "AlarmConfiguration": self.alarm_configurations,
        }


def task_details(task: FakeMaintenanceWindowTask) -> dict[str, Any]:
    """A task in ``GetMaintenanceWindowTask``'s shape (``TaskType``, invocation parameters)."""
    answer = task.to_json()
    answer["TaskType"] = answer.pop("Type")
    answer["TaskInvocationParameters"] = task.task_invocation_parameters
    return answer


class WindowBackend(_Backend):
    """``SimpleSystemManagerBackend`` methods for the calls a CloudFormation update needs."""

    def update_maintenance_window(
        self, window_id: str, fields: dict[str, Any], replace: bool = False
    ) -> FakeMaintenanceWindow:
        window = self.get_maintenance_window(window_id)
        _apply(window, WINDOW_FIELDS, fields, replace, WINDOW_REQUIRED)
        return window

    def get_maintenance_window_target(
        self, window_id: str, window_target_id: str
    ) -> FakeMaintenanceWindowTarget:
        window = self.get_maintenance_window(window_id)
        if window_target_id not in window.targets:
            raise SSMException(
                "DoesNotExistException",
                f"Maintenance window target {window_target_id} does not exist in {window_id}",
            )
        return window.targets[window_target_id]

    def update_maintenance_window_target(
        self, window_id: str, window_target_id: str, fields: dict[str, Any], replace: bool = False
    ) -> FakeMaintenanceWindowTarget:
        target = self.get_maintenance_window_target(window_id, window_target_id)
        _apply(target, TARGET_FIELDS, fields, replace, set())
        return target

    def get_maintenance_window_task(
        self, window_id: str, window_task_id: str
    ) -> FakeMaintenanceWindowTask:
        window = self.get_maintenance_window(window_id)
        if window_task_id not in window.tasks:
            raise SSMException(
                "DoesNotExistException",
                f"Maintenance window task {window_task_id} does not exist in {window_id}",
            )
        return window.tasks[window_task_id]

    def update_maintenance_window_task(
        self, window_id: str, window_task_id: str, fields: dict[str, Any], replace: bool = False
    ) -> FakeMaintenanceWindowTask:
        task = self.get_maintenance_window_task(window_id, window_task_id)
        _apply(task, TASK_FIELDS, fields, replace, TASK_REQUIRED)
        return task


class WindowResponses(_Response):
    """``SimpleSystemManagerResponse`` handlers for the calls moto lacks (or half-reads)."""

    @property
    def windows_backend(self) -> WindowBackend:
        return self.ssm_backend  # type: ignore[return-value]  # WindowBackend is installed on it

    def _params(self, names: dict[str, str]) -> dict[str, Any]:
        return {name: self._get_param(name) for name in names}

    def create_maintenance_window(self) -> ActionResult:
        fields = self._params(WINDOW_FIELDS)
        window_id = self.ssm_backend.create_maintenance_window(
            name=fields["Name"],
            description=fields["Description"],
            duration=fields["Duration"],
            cutoff=fields["Cutoff"],
            schedule=fields["Schedule"],
            schedule_timezone=fields["ScheduleTimezone"],
            schedule_offset=fields["ScheduleOffset"],
            start_date=fields["StartDate"],
            end_date=fields["EndDate"],
            tags=self._get_param("Tags"),
        )
        self.windows_backend.update_maintenance_window(
            window_id, {"AllowUnassociatedTargets": bool(fields["AllowUnassociatedTargets"])}
        )
        return ActionResult({"WindowId": window_id})

    def update_maintenance_window(self) -> ActionResult:
        window = self.windows_backend.update_maintenance_window(
            self._get_param("WindowId"),
            self._params(WINDOW_FIELDS),
            replace=bool(self._get_param("Replace")),
        )
        return ActionResult(window.to_json())

    def update_maintenance_window_target(self) -> ActionResult:
        target = self.windows_backend.update_maintenance_window_target(
            self._get_param("WindowId"),
            self._get_param("WindowTargetId"),
            self._params(TARGET_FIELDS),
            replace=bool(self._get_param("Replace")),
        )
        return ActionResult(target.to_json())

    def get_maintenance_window_task(self) -> ActionResult:
        task = self.windows_backend.get_maintenance_window_task(
            self._get_param("WindowId"),
            self._get_param("WindowTaskId"),
        )
        return ActionResult(task_details(task))

    def update_maintenance_window_task(self) -> ActionResult:
        task = self.windows_backend.update_maintenance_window_task(
            self._get_param("WindowId"),
            self._get_param("WindowTaskId"),
            self._params(TASK_FIELDS),
            replace=bool(self._get_param("Replace")),
        )
        answer = task_details(task)
        del answer["TaskType"]
        return ActionResult(answer)
