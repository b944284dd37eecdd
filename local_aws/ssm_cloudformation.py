"""CloudFormation support for the three AWS::SSM::MaintenanceWindow* resource types.

moto 5.2.5 has no model for them: its engine logs "No Moto CloudFormation support", skips them,
and still reports the stack CREATE_COMPLETE with nothing in SSM. These models create, update
(in place, same ids, as AWS does for every property but ``WindowId`` and ``TaskType``) and
delete them through moto's SSM backend, translating the few property names that differ between
the CloudFormation schema and the SSM API (``TaskInvocationParameters``, ``LoggingInfo``).

Each subclasses :class:`moto.core.common_models.CloudFormationModel` directly (sharing the
:class:`SsmResource` mixin), which is how moto finds CloudFormation types;
:func:`local_aws.install` refreshes moto's cached type map.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ssm.models import SimpleSystemManagerBackend, ssm_backends

from .ssm import WindowBackend

#: CloudFormation's names for the task invocation parameters -> the SSM API's.
INVOCATION_PARAMETERS = {
    "MaintenanceWindowRunCommandParameters": "RunCommand",
    "MaintenanceWindowAutomationParameters": "Automation",
    "MaintenanceWindowLambdaParameters": "Lambda",
    "MaintenanceWindowStepFunctionsParameters": "StepFunctions",
}
#: CloudFormation's names for a task's (deprecated) LoggingInfo -> the SSM API's.
LOGGING_INFO = {"S3Bucket": "S3BucketName", "S3Prefix": "S3KeyPrefix", "Region": "S3Region"}


def _backend(account_id: str, region_name: str) -> SimpleSystemManagerBackend:
    return ssm_backends[account_id][region_name]


def _windows(account_id: str, region_name: str) -> WindowBackend:
    return ssm_backends[account_id][region_name]  # type: ignore[return-value]  # installed


def _int(value: Any) -> int | None:
    """CloudFormation passes numbers as given; parameters and some tools give strings."""
    return None if value is None else int(value)


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def window_fields(properties: dict[str, Any]) -> dict[str, Any]:
    """AWS::SSM::MaintenanceWindow properties as UpdateMaintenanceWindow fields."""
    return {
        "Name": properties["Name"],
        "Description": properties.get("Description"),
        "Schedule": properties["Schedule"],
        "ScheduleTimezone": properties.get("ScheduleTimezone"),
        "ScheduleOffset": _int(properties.get("ScheduleOffset")),
        "Duration": _int(properties["Duration"]),
        "Cutoff": _int(properties["Cutoff"]),
        "AllowUnassociatedTargets": _bool(properties.get("AllowUnassociatedTargets", False)),
        "StartDate": properties.get("StartDate"),
        "EndDate": properties.get("EndDate"),
    }


def target_fields(properties: dict[str, Any]) -> dict[str, Any]:
    """AWS::SSM::MaintenanceWindowTarget properties as UpdateMaintenanceWindowTarget fields."""
    return {
        "Targets": properties["Targets"],
        "OwnerInformation": properties.get("OwnerInformation"),
        "Name": properties.get("Name"),
        "Description": properties.get("Description"),
    }


def invocation_parameters(given: dict[str, Any] | None) -> dict[str, Any] | None:
    """CloudFormation's TaskInvocationParameters in the SSM API's shape.

    The inner fields have the same names; a Lambda ``Payload`` is a string in the template and a
    blob in the API.
    """
    if not given:
        return None
    translated: dict[str, Any] = {}
    for name, parameters in given.items():
        api_name = INVOCATION_PARAMETERS.get(name, name)
        parameters = dict(parameters)
        if api_name == "Lambda" and isinstance(parameters.get("Payload"), str):
            parameters["Payload"] = parameters["Payload"].encode()
        if "TimeoutSeconds" in parameters:
            parameters["TimeoutSeconds"] = _int(parameters["TimeoutSeconds"])
        translated[api_name] = parameters
    return translated


def task_fields(properties: dict[str, Any]) -> dict[str, Any]:
    """AWS::SSM::MaintenanceWindowTask properties as UpdateMaintenanceWindowTask fields."""
    logging_info = properties.get("LoggingInfo")
    return {
        "Targets": properties.get("Targets"),
        "TaskArn": properties["TaskArn"],
        "ServiceRoleArn": properties.get("ServiceRoleArn"),
        "TaskParameters": properties.get("TaskParameters"),
        "TaskInvocationParameters": invocation_parameters(
            properties.get("TaskInvocationParameters")
        ),
        "Priority": _int(properties.get("Priority")),
        "MaxConcurrency": properties.get("MaxConcurrency"),
        "MaxErrors": properties.get("MaxErrors"),
        "LoggingInfo": (
            {LOGGING_INFO.get(k, k): v for k, v in logging_info.items()} if logging_info else None
        ),
        "Name": properties.get("Name"),
        "Description": properties.get("Description"),
        "CutoffBehavior": properties.get("CutoffBehavior"),
        "AlarmConfiguration": properties.get("AlarmConfiguration"),
    }


class SsmResource:
    """What the three types share: the physical id (Ref) is the SSM id, which is also their only
    GetAtt attribute, and they are not named after a property.

    A mixin, so that each model stays a direct subclass of CloudFormationModel, which is how
    moto finds them (``CloudFormationModel.__subclasses__()``).
    """

    ATTRIBUTE = ""

    def __init__(self, window_id: str, resource_id: str, task_type: str = "") -> None:
        self.window_id = window_id
        self.resource_id = resource_id
        self.task_type = task_type

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.resource_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == cls.ATTRIBUTE

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name != self.ATTRIBUTE:
            raise UnformattedGetAttTemplateException()
        return self.resource_id

    def delete(self, account_id: str, region_name: str) -> None:
        """What moto's engine calls first to delete a resource (then the classmethod)."""
        self.delete_from_cloudformation_json(self.resource_id, {}, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region: str
    ) -> None:
        raise NotImplementedError  # each model has its own


class MaintenanceWindow(SsmResource, CloudFormationModel):
    """AWS::SSM::MaintenanceWindow; every property updates in place, tags included."""

    ATTRIBUTE = "WindowId"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SSM::MaintenanceWindow"

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MaintenanceWindow:
        properties = cloudformation_json["Properties"]
        fields = window_fields(properties)
        window_id = _backend(account_id, region_name).create_maintenance_window(
            name=fields["Name"],
            description=fields["Description"],
            duration=fields["Duration"],
            cutoff=fields["Cutoff"],
            schedule=fields["Schedule"],
            schedule_timezone=fields["ScheduleTimezone"],
            schedule_offset=fields["ScheduleOffset"],
            start_date=fields["StartDate"],
            end_date=fields["EndDate"],
            tags=properties.get("Tags"),
        )
        _windows(account_id, region_name).update_maintenance_window(window_id, fields)
        return cls(window_id, window_id)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: MaintenanceWindow,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MaintenanceWindow:
        properties = cloudformation_json["Properties"]
        window_id = original_resource.window_id
        _windows(account_id, region_name).update_maintenance_window(
            window_id, window_fields(properties), replace=True
        )
        backend = _backend(account_id, region_name)
        old_tags = backend.list_tags_for_resource("MaintenanceWindow", window_id)
        new_tags = {tag["Key"]: tag["Value"] for tag in properties.get("Tags") or []}
        backend.remove_tags_from_resource(
            "MaintenanceWindow", window_id, [key for key in old_tags if key not in new_tags]
        )
        backend.add_tags_to_resource("MaintenanceWindow", window_id, new_tags)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        if resource_name in backend.windows:  # deleting a window also removes its targets/tasks
            backend.delete_maintenance_window(resource_name)


class MaintenanceWindowTarget(SsmResource, CloudFormationModel):
    """AWS::SSM::MaintenanceWindowTarget; a new ``WindowId`` replaces it (as on AWS), everything
    else updates in place."""

    ATTRIBUTE = "WindowTargetId"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SSM::MaintenanceWindowTarget"

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MaintenanceWindowTarget:
        properties = cloudformation_json["Properties"]
        fields = target_fields(properties)
        window_id = properties["WindowId"]
        target_id = _backend(account_id, region_name).register_target_with_maintenance_window(
            window_id=window_id,
            resource_type=properties["ResourceType"],
            targets=fields["Targets"],
            owner_information=fields["OwnerInformation"],
            name=fields["Name"],
            description=fields["Description"],
        )
        return cls(window_id, target_id)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: MaintenanceWindowTarget,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MaintenanceWindowTarget:
        properties = cloudformation_json["Properties"]
        if properties["WindowId"] != original_resource.window_id:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
        target = _windows(account_id, region_name).update_maintenance_window_target(
            original_resource.window_id,
            original_resource.resource_id,
            target_fields(properties),
            replace=True,
        )
        target.resource_type = properties["ResourceType"]
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        for window in list(backend.windows.values()):  # gone with its window: nothing to do
            if resource_name in window.targets:
                backend.deregister_target_from_maintenance_window(window.id, resource_name)


class MaintenanceWindowTask(SsmResource, CloudFormationModel):
    """AWS::SSM::MaintenanceWindowTask of any type (RUN_COMMAND, AUTOMATION, LAMBDA,
    STEP_FUNCTIONS) with any Targets; a new ``WindowId`` or ``TaskType`` replaces it (as on
    AWS), everything else updates in place."""

    ATTRIBUTE = "WindowTaskId"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SSM::MaintenanceWindowTask"

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MaintenanceWindowTask:
        properties = cloudformation_json["Properties"]
        fields = task_fields(properties)
        window_id = properties["WindowId"]
        task_id = _backend(account_id, region_name).register_task_with_maintenance_window(
            window_id=window_id,
            targets=fields["Targets"],
            task_arn=fields["TaskArn"],
            service_role_arn=fields["ServiceRoleArn"],
            task_type=properties["TaskType"],
            task_parameters=fields["TaskParameters"],
            task_invocation_parameters=fields["TaskInvocationParameters"],
            priority=fields["Priority"],
            max_concurrency=fields["MaxConcurrency"],
            max_errors=fields["MaxErrors"],
            logging_info=fields["LoggingInfo"],
            name=fields["Name"],
            description=fields["Description"],
            cutoff_behavior=fields["CutoffBehavior"],
            alarm_configurations=fields["AlarmConfiguration"],
        )
        return cls(window_id, task_id, properties["TaskType"])

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: MaintenanceWindowTask,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MaintenanceWindowTask:
        properties = cloudformation_json["Properties"]
        if (properties["WindowId"], properties["TaskType"]) != (
            original_resource.window_id,
            original_resource.task_type,
        ):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
        _windows(account_id, region_name).update_maintenance_window_task(
            original_resource.window_id,
            original_resource.resource_id,
            task_fields(properties),
            replace=True,
        )
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        for window in list(backend.windows.values()):  # gone with its window: nothing to do
            if resource_name in window.tasks:
                backend.deregister_task_from_maintenance_window(window.id, resource_name)
