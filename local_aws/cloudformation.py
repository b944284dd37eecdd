"""The CloudFormation engine bugs that the CDK CLI trips over in moto 5.2.5, and CDK metadata.

Each class or function below is one fix; :func:`local_aws.install` puts them in place.

* :class:`CdkMetadata` - AWS::CDK::Metadata has no model, so it is skipped with a warning.
* :class:`ChangeSetsPerStack` - change sets are found by name across *all* stacks; every CDK
  deploy names its change set ``cdk-deploy-change-set``, so the second stack deployed (the app,
  after the bootstrap stack) executes the wrong one. Deleting a change set that does not exist
  crashes (CDK deletes a leftover one before each deploy; AWS answers success while the stack
  exists). An executed change set stays listed, and the stack keeps an empty template, no
  outputs and its old parameters.
* :func:`resource_event` - moto records only the stack's own events, so the CDK CLI's progress
  display never shows a resource; execute, create and delete now record one event per resource.
* :class:`FailuresRollBack` with :func:`name_failed_resource` - a resource that fails makes
  moto raise out of CreateStack/ExecuteChangeSet, leaving the stack half-created and stuck
  ``*_IN_PROGRESS``. AWS instead records a ``CREATE_FAILED`` event naming the resource and the
  reason, rolls back and ends in ``ROLLBACK_COMPLETE`` (or ``UPDATE_ROLLBACK_COMPLETE``), which
  is what the CDK CLI reports to its user.
* :class:`ReadsCreateNothing` - reading a rolled-back or deleted stack's resources or outputs
  re-creates them.
* :class:`TemplateUrlOnLoopback` - a template URL on ``http://127.0.0.1:PORT/bucket/key`` is
  read as a virtual-host bucket named ``127``.
* :class:`SsmParametersResolved` - a template parameter of type
  ``AWS::SSM::Parameter::Value<...>`` naming a missing SSM parameter (a CDK template in an
  account that was never bootstrapped) crashes with an AttributeError, an HTTP 500, instead of
  AWS's ValidationError "Unable to fetch parameters [...]".
* :class:`PreviousParameterValues` - ``UsePreviousValue`` reads the *resolved* value of an SSM
  parameter (``"30"``) and then resolves that as a parameter name, so every update of a CDK
  stack (``BootstrapVersion``) fails.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import (
    ChangeSet,
    CloudFormationBackend,
    Event,
    Stack,
)
from moto.cloudformation.parsing import OutputMap, ResourceMap
from moto.cloudformation.responses import CloudFormationResponse
from moto.cloudformation.utils import get_stack_from_s3_url
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult, EmptyResult
from moto.moto_api._internal import mock_random
from moto.ssm.models import ssm_backends

if TYPE_CHECKING:  # type-check the methods as the moto classes they are copied onto
    _Backend = CloudFormationBackend
    _Response = CloudFormationResponse
    _Stack = Stack
    _ResourceMap = ResourceMap
else:
    _Backend = _Response = _Stack = _ResourceMap = object


class CdkMetadata(CloudFormationModel):
    """AWS::CDK::Metadata: the CDK's usage report, which CloudFormation itself only stores."""

    def __init__(self) -> None:
        self.physical_resource_id = str(mock_random.uuid4())

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CDK::Metadata"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CdkMetadata:
        return cls()

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CdkMetadata,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CdkMetadata:
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        pass


class ChangeSetNotFoundError(CloudFormationError):
    code = "ChangeSetNotFound"

    def __init__(self, change_set_name: str) -> None:
        super().__init__(f"ChangeSet [{change_set_name}] does not exist")


#: A change set's actions -> the status CloudFormation records for each resource.
CHANGE_STATUS = {"Add": "CREATE_COMPLETE", "Modify": "UPDATE_COMPLETE", "Remove": "DELETE_COMPLETE"}


def resource_event(
    stack: Stack, logical_id: str, resource_type: str, status: str, reason: str | None = None
) -> None:
    """Record a resource's status in the stack's events, which the CDK CLI shows as progress."""
    resource = stack.resource_map._parsed_resources.get(logical_id)
    stack.events.append(
        Event(
            stack_id=stack.stack_id,
            stack_name=stack.name,
            logical_resource_id=logical_id,
            physical_resource_id=getattr(resource, "physical_resource_id", None) or "",
            resource_type=resource_type,
            resource_status=status,
            resource_status_reason=reason,
            resource_properties=None,
        )
    )
    _in_order(stack)


def stack_event(stack: Stack, status: str, reason: str | None = None) -> None:
    """Record the stack's own status, after every event before it."""
    stack._add_stack_event(status, resource_status_reason=reason)
    _in_order(stack)


def _in_order(stack: Stack) -> None:
    """Events of one deploy happen within a millisecond here; the CDK CLI orders them by time."""
    if len(stack.events) > 1:
        earliest = stack.events[-2].timestamp + timedelta(milliseconds=1)
        stack.events[-1].timestamp = max(stack.events[-1].timestamp, earliest)


class ChangeSetsPerStack(_Backend):
    """``CloudFormationBackend`` change-set calls that look a name up within its stack."""

    def find_change_set(self, change_set_name: str, stack_name: str | None) -> ChangeSet | None:
        """The change set with this ARN, or with this name in this (live) stack."""
        if change_set_name in self.change_sets:
            return self.change_sets[change_set_name]
        stack_ids = {s.stack_id for s in self.stacks.values() if stack_name in (s.name, s.stack_id)}
        for change_set in self.change_sets.values():
            if change_set.change_set_name == change_set_name and (
                stack_name is None or change_set.stack_id in stack_ids
            ):
                return change_set
        return None

    def describe_change_set(self, change_set_name: str, stack_name: str | None = None) -> ChangeSet:
        change_set = self.find_change_set(change_set_name, stack_name)
        if change_set is None:
            raise ChangeSetNotFoundError(change_set_name)
        return change_set

    def delete_change_set(self, change_set_name: str, stack_name: str | None = None) -> None:
        """Succeeds when the change set is already gone, as long as its stack exists."""
        change_set = self.find_change_set(change_set_name, stack_name)
        if change_set is not None:
            del self.change_sets[change_set.change_set_id]
        elif stack_name is None:
            raise ChangeSetNotFoundError(change_set_name)
        else:
            self.get_stack(stack_name)  # ValidationError if there is no such stack

    def execute_change_set(self, change_set_name: str, stack_name: str | None = None) -> None:
        """Apply it; keep the stack's template, outputs and parameters; record an event per
        resource changed; drop the stack's change sets."""
        change_set = self.find_change_set(change_set_name, stack_name)
        if change_set is None:
            raise ChangeSetNotFoundError(change_set_name)
        stack = self.stacks[change_set.stack_id]
        action = change_set.change_set_type  # CREATE or UPDATE
        stack_event(stack, f"{action}_IN_PROGRESS", "User Initiated")
        before = (stack.template, stack.template_dict, stack.parameters)
        try:
            change_set.apply()
        except Exception as error:
            change_set.execution_status = "EXECUTE_FAILED"
            roll_back(stack, action, error, before)
        else:
            change_set.execution_status = "EXECUTE_COMPLETE"
            stack.template = change_set.template
            stack.template_dict = change_set.template_dict
            stack.parameters = change_set.parameters
            stack.description = change_set.template_dict.get("Description")
            stack.output_map = stack._create_output_map()
            for change in change_set.changes:
                status = CHANGE_STATUS[change.action]
                resource_event(stack, change.logical_resource_id, change.resource_type, status)
            stack.status = f"{action}_COMPLETE"
            stack_event(stack, stack.status)
        for other in [c for c in self.change_sets.values() if c.stack_id == stack.stack_id]:
            del self.change_sets[other.change_set_id]


class ChangeSetsPerStackResponses(_Response):
    """``CloudFormationResponse`` handlers that pass ``StackName`` on to the backend."""

    def describe_change_set(self) -> ActionResult:
        backend: ChangeSetsPerStack = self.cloudformation_backend  # type: ignore[assignment]
        return ActionResult(
            backend.describe_change_set(
                self._get_param("ChangeSetName"), self._get_param("StackName")
            )
        )

    def delete_change_set(self) -> EmptyResult:
        backend: ChangeSetsPerStack = self.cloudformation_backend  # type: ignore[assignment]
        backend.delete_change_set(self._get_param("ChangeSetName"), self._get_param("StackName"))
        return EmptyResult()


def failure_reason(error: Exception) -> str:
    """The reason CloudFormation records for a failed resource, e.g. the IAM error."""
    return str(error) if ":" in str(error) else f"{type(error).__name__}: {error}"


def roll_back(
    stack: Stack, action: str, error: Exception, before: tuple[Any, dict[str, Any], Any]
) -> None:
    """What CloudFormation does when a resource fails: record it, undo, report the stack failed.

    A failed creation deletes what was created and ends ``ROLLBACK_COMPLETE``; a failed update
    re-applies the previous template and ends ``UPDATE_ROLLBACK_COMPLETE`` (or ``..._FAILED``).
    """
    logical_id = getattr(error, "logical_resource_id", None) or stack.name
    resource_type = getattr(error, "resource_type", None) or "AWS::CloudFormation::Stack"
    reason = failure_reason(error)
    existed = logical_id in (before[1].get("Resources") or {})
    failed = "UPDATE_FAILED" if action == "UPDATE" and existed else "CREATE_FAILED"
    resource_event(stack, logical_id, resource_type, failed, reason)
    summary = f"The following resource(s) failed to {action.lower()}: [{logical_id}]. {reason}"
    prefix = "" if action == "CREATE" else "UPDATE_"
    stack_event(stack, f"{prefix}ROLLBACK_IN_PROGRESS", summary)
    stack.status_reason = summary  # type: ignore[attr-defined]  # DescribeStacks' StackStatusReason
    try:
        if action == "CREATE":
            stack.resource_map.delete()
            stack.output_map = no_outputs(stack)
        else:
            template, template_dict, parameters = before
            with warnings.catch_warnings():  # "Unable to delete X, as it was never created"
                warnings.simplefilter("ignore")
                stack.resource_map.update(template_dict, parameters)
            stack.template, stack.template_dict, stack.parameters = (
                template,
                template_dict,
                parameters,
            )
    except Exception:
        stack.status = f"{prefix}ROLLBACK_FAILED"
    else:
        stack.status = f"{prefix}ROLLBACK_COMPLETE"
    stack_event(stack, stack.status)


class FailuresRollBack(_Stack):
    """``Stack.create_resources`` (CreateStack) that rolls back instead of raising, and records
    an event per resource created."""

    def create_resources(self) -> None:
        self.status = "CREATE_IN_PROGRESS"
        try:
            all_resources_ready = self.resource_map.create(self.template_dict)
        except Exception as error:
            roll_back(self, "CREATE", error, (self.template, self.template_dict, self.parameters))
            return
        self.description = self.template_dict.get("Description")
        for name, resource in self.resource_map._parsed_resources.items():
            if name in self.resource_map.resources:
                resource_event(self, name, resource.cf_resource_type, "CREATE_COMPLETE")
        if all_resources_ready:
            self.status = "CREATE_COMPLETE"
            stack_event(self, self.status)


def no_outputs(stack: Stack) -> OutputMap:
    """An empty output map, for a stack whose resources are gone."""
    return OutputMap(stack.resource_map, {}, stack.stack_id)


class ReadsCreateNothing(_Stack):
    """``Stack.stack_resources`` and ``Stack.delete`` that never bring a resource back.

    moto's resource map is lazy: reading a resource that is not there *creates* it. After a
    rollback or a delete, DescribeStackResources (which the CDK CLI calls after a failed deploy)
    re-created the stack's resources, and DescribeStacks by stack id re-created whatever its
    outputs refer to. Here a stack lists only the resources it holds, and a deleted stack has
    no outputs.
    """

    def _held(self) -> dict[str, Any]:
        held = self.resource_map._parsed_resources
        return {name: held[name] for name in self.resource_map.resources if name in held}

    @property
    def stack_resources(self) -> list[Any]:
        return list(self._held().values())

    def delete(self) -> None:
        stack_event(self, "DELETE_IN_PROGRESS", "User Initiated")
        held = [(name, getattr(r, "cf_resource_type", "")) for name, r in self._held().items()]
        self.resource_map.delete()
        for name, resource_type in held:
            resource_event(self, name, resource_type, "DELETE_COMPLETE")
        self.output_map = no_outputs(self)
        stack_event(self, "DELETE_COMPLETE")
        self.status = "DELETE_COMPLETE"


def name_failed_resource(create_or_update: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap moto's ``parse_and_create_resource``/``parse_and_update_resource`` so an error
    carries the logical id and type of the innermost resource that raised it."""

    def wrapper(logical_id: str, resource_json: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return create_or_update(logical_id, resource_json, *args, **kwargs)
        except Exception as error:
            if not hasattr(error, "logical_resource_id"):
                error.logical_resource_id = logical_id  # type: ignore[attr-defined]
                error.resource_type = resource_json.get("Type")  # type: ignore[attr-defined]
            raise

    wrapper.local_aws_wraps = create_or_update  # type: ignore[attr-defined]
    return wrapper


class TemplateUrlOnLoopback(_Response):
    """``CloudFormationResponse._get_stack_from_s3_url`` that reads an IP host as path-style."""

    def _get_stack_from_s3_url(self, template_url: str) -> str:
        url = urlparse(template_url)
        if url.hostname and url.hostname.replace(".", "").isdigit():
            template_url = url._replace(netloc=f"localhost:{url.port or 80}").geturl()
        return get_stack_from_s3_url(
            template_url, account_id=self.current_account, partition=self.partition
        )


class SsmParametersResolved(_ResourceMap):
    """``ResourceMap.parse_ssm_parameter`` failing as AWS does when the parameter is missing."""

    def parse_ssm_parameter(self, value: str, value_type: str) -> str:
        parameter = ssm_backends[self._account_id][self._region_name].get_parameter(value)
        if parameter is None:
            raise ValidationError(
                message=f"Unable to fetch parameters [{value}] from parameter store "
                "for this account."
            )
        if value_type.find("List") > 0:
            return parameter.value.split(",")  # type: ignore[return-value]
        return parameter.value


class PreviousParameterValues(_Stack):
    """``Stack.stack_parameters`` as given (an SSM parameter's name, not its resolved value).

    moto uses this property only to answer ``UsePreviousValue`` and to detect "no updates".
    """

    @property
    def stack_parameters(self) -> dict[str, Any]:
        declared = self.template_dict.get("Parameters") or {}
        values = {key: slot.get("Default") for key, slot in declared.items()}
        values.update(self.resource_map.input_parameters or {})
        return values
