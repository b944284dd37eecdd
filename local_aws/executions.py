"""Maintenance window executions, which moto 5.2.5 lacks entirely: run a window now, read it back.

moto stores windows, targets and tasks, but nothing ever runs: there are no executions, no
``DescribeMaintenanceWindowExecution*`` calls, no ``ListCommandInvocations`` and no
``DescribeInstanceInformation``; its ``GetCommandInvocation`` answers one fixed plugin. This
module adds an execution model on the SSM backend, as the service runs a window:

* the window's registered targets are resolved to EC2 instances by their tags (``tag:Key``,
  ``tag-key``), their ids (``InstanceIds``) or, for ``resource-groups:Name``, the group's
  instances when moto's Resource Groups holds it; only running managed nodes (see
  :mod:`local_aws.fleet`) are invoked, as only they have an agent to run a command;
* tasks run in priority order (lower first; equal priorities in registration order);
* each task sends one command per target instance (one invocation per target, as
  ``DescribeMaintenanceWindowExecutionTaskInvocations`` says), at most ``MaxConcurrency`` at a
  time (a percentage of the targets is rounded up, at least 1); once more invocations have
  failed than ``MaxErrors`` allows (a percentage of the targets, rounded down), no invocation
  starts; those already started finish. The task then ends FAILED ("The maximum error count
  was exceeded."), and so does the window ("One or more tasks in the orchestration failed.");
  a task without targets ends SUCCESS with "No invocations to execute.";
* a command of ``AWS-RunPatchBaseline`` has its two steps, ``PatchWindows`` (skipped on Linux
  by its precondition, which the service reports as Success) and ``PatchLinux``; any other
  document one ``aws:runShellScript`` step. Nothing is installed and no agent runs: the output
  says so. An instance tagged :data:`local_aws.fleet.FAIL_TAG` fails its last step (exit 1);
* output to S3 (``OutputS3BucketName``) is written to moto's S3 when the bucket exists, under
  the key the agent uses, and the invocation's ``StandardOutputUrl`` points there; with
  ``CloudWatchOutputConfig`` it is sent to moto's CloudWatch Logs, one stream per step.

Timestamps: the execution starts at the time given (now), each invocation takes
:data:`INVOCATION_SECONDS` of emulated time.

:func:`run_windows` starts executions (in-process, or through the server's control route in
:mod:`local_aws.controls`); :class:`ExecutionResponses` answers the read calls from them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from moto.core.responses import ActionResult
from moto.ec2.models import ec2_backends
from moto.ssm.exceptions import SSMException
from moto.ssm.models import SimpleSystemManagerBackend, ssm_backends
from moto.ssm.responses import SimpleSystemManagerResponse

from .fleet import FAIL_TAG, INSTANCE_PROFILE

if TYPE_CHECKING:
    _Backend = SimpleSystemManagerBackend
    _Response = SimpleSystemManagerResponse
else:
    _Backend = _Response = object

INVOCATION_SECONDS = 20
PATCH_DOCUMENT = "AWS-RunPatchBaseline"
WINDOW_FAILED = "One or more tasks in the orchestration failed."
TASK_FAILED = "The maximum error count was exceeded."
NO_INVOCATIONS = "No invocations to execute."
SKIPPED_WINDOWS_STEP = (
    "Step execution skipped due to unsatisfied preconditions: "
    '\'"platformType" StringEquals "Windows"\'. Step name: PatchWindows'
)
#: GetCommandInvocation returns at most this much of a step's stdout and stderr.
OUTPUT_LIMIT = 24_000
#: ListCommandInvocations' ``Output`` of a step is cut to this.
LIST_OUTPUT_LIMIT = 2_500


@dataclass
class Step:
    """One plugin of a command on one instance."""

    name: str
    plugin_path: str  # the S3 key part the agent uses: awsrunShellScript/PatchLinux
    status: str
    output: str
    error: str
    response_code: int
    start: dt.datetime
    end: dt.datetime
    output_url: str = ""
    error_url: str = ""


@dataclass
class CommandInvocation:
    """A command sent to one instance (what Run Command reports for it)."""

    command_id: str
    instance_id: str
    instance_name: str
    document_name: str
    comment: str
    status: str
    requested: dt.datetime
    steps: list[Step]
    service_role: str
    output_s3_bucket: str
    output_s3_prefix: str
    cloudwatch: dict[str, Any]

    def to_list_json(self, details: bool) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "CommandId": self.command_id,
            "InstanceId": self.instance_id,
            "InstanceName": self.instance_name,
            "Comment": self.comment,
            "DocumentName": self.document_name,
            "DocumentVersion": "$DEFAULT",
            "RequestedDateTime": self.requested,
            "Status": self.status,
            "StatusDetails": self.status,
            "StandardOutputUrl": self.steps[-1].output_url,
            "StandardErrorUrl": self.steps[-1].error_url,
            "ServiceRole": self.service_role,
            "CloudWatchOutputConfig": self.cloudwatch,
        }
        if details:
            answer["CommandPlugins"] = [
                {
                    "Name": step.name,
                    "Status": step.status,
                    "StatusDetails": step.status,
                    "ResponseCode": step.response_code,
                    "ResponseStartDateTime": step.start,
                    "ResponseFinishDateTime": step.end,
                    "Output": step.output[:LIST_OUTPUT_LIMIT],
                    "StandardOutputUrl": step.output_url,
                    "StandardErrorUrl": step.error_url,
                    "OutputS3Region": "",
                    "OutputS3BucketName": self.output_s3_bucket,
                    "OutputS3KeyPrefix": self.output_s3_prefix,
                }
                for step in self.steps
            ]
        return answer

    def get_json(self, plugin_name: str | None) -> dict[str, Any]:
        if plugin_name is None:
            step = self.steps[-1]
        else:
            matching = [step for step in self.steps if step.name == plugin_name]
            if not matching:
                raise SSMException("InvalidPluginName", f"Invalid plugin name: {plugin_name}")
            step = matching[0]
        return {
            "CommandId": self.command_id,
            "InstanceId": self.instance_id,
            "Comment": self.comment,
            "DocumentName": self.document_name,
            "DocumentVersion": "$DEFAULT",
            "PluginName": step.name,
            "ResponseCode": step.response_code,
            "ExecutionStartDateTime": step.start.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "ExecutionElapsedTime": f"PT{(step.end - step.start).total_seconds():.3f}S",
            "ExecutionEndDateTime": step.end.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "Status": step.status,
            "StatusDetails": step.status,
            "StandardOutputContent": step.output[:OUTPUT_LIMIT],
            "StandardOutputUrl": step.output_url,
            "StandardErrorContent": step.error[:OUTPUT_LIMIT],
            "StandardErrorUrl": step.error_url,
            "CloudWatchOutputConfig": self.cloudwatch,
        }


@dataclass
class TaskInvocation:
    invocation_id: str
    window_execution_id: str
    task_execution_id: str
    execution_id: str
    task_type: str
    parameters: str
    status: str
    status_details: str
    start: dt.datetime
    end: dt.datetime
    owner_information: str | None
    window_target_id: str | None

    def to_json(self) -> dict[str, Any]:
        answer = {
            "WindowExecutionId": self.window_execution_id,
            "TaskExecutionId": self.task_execution_id,
            "InvocationId": self.invocation_id,
            "ExecutionId": self.execution_id,
            "TaskType": self.task_type,
            "Parameters": self.parameters,
            "Status": self.status,
            "StatusDetails": self.status_details,
            "StartTime": self.start,
            "EndTime": self.end,
        }
        if self.owner_information:
            answer["OwnerInformation"] = self.owner_information
        if self.window_target_id:
            answer["WindowTargetId"] = self.window_target_id
        return answer


@dataclass
class TaskExecution:
    window_execution_id: str
    task_execution_id: str
    task_arn: str
    task_type: str
    priority: int
    max_concurrency: str
    max_errors: str
    service_role: str
    task_parameters: dict[str, Any]
    status: str = "IN_PROGRESS"
    status_details: str = ""
    start: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    end: dt.datetime | None = None
    invocations: list[TaskInvocation] = field(default_factory=list)

    def identity(self) -> dict[str, Any]:
        return {
            "WindowExecutionId": self.window_execution_id,
            "TaskExecutionId": self.task_execution_id,
            "Status": self.status,
            "StatusDetails": self.status_details,
            "StartTime": self.start,
            "EndTime": self.end,
            "TaskArn": self.task_arn,
            "TaskType": self.task_type,
        }

    def details(self) -> dict[str, Any]:
        return {
            "WindowExecutionId": self.window_execution_id,
            "TaskExecutionId": self.task_execution_id,
            "TaskArn": self.task_arn,
            "ServiceRole": self.service_role,
            "Type": self.task_type,
            "TaskParameters": [self.task_parameters] if self.task_parameters else [],
            "Priority": self.priority,
            "MaxConcurrency": self.max_concurrency,
            "MaxErrors": self.max_errors,
            "Status": self.status,
            "StatusDetails": self.status_details,
            "StartTime": self.start,
            "EndTime": self.end,
        }


@dataclass
class WindowExecution:
    window_id: str
    window_execution_id: str
    start: dt.datetime
    status: str = "IN_PROGRESS"
    status_details: str = ""
    end: dt.datetime | None = None
    tasks: list[TaskExecution] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "WindowId": self.window_id,
            "WindowExecutionId": self.window_execution_id,
            "Status": self.status,
            "StartTime": self.start,
            "EndTime": self.end,
        }
        if self.status_details:
            answer["StatusDetails"] = self.status_details
        return answer


@dataclass
class Store:
    """What one account and Region's SSM has run."""

    executions: dict[str, WindowExecution] = field(default_factory=dict)
    commands: dict[tuple[str, str], CommandInvocation] = field(default_factory=dict)


def store_of(backend: SimpleSystemManagerBackend) -> Store:
    """The backend's store; made on first use, gone with the backend when moto resets it."""
    store = backend.__dict__.get("local_aws_executions")
    if store is None:
        store = backend.__dict__["local_aws_executions"] = Store()
    assert isinstance(store, Store)
    return store


# --- targets ------------------------------------------------------------------------------


def _instances(account_id: str, region: str) -> list[Any]:
    ec2 = ec2_backends[account_id][region]
    return [i for r in ec2.all_reservations() for i in r.instances if i.state != "terminated"]


def _tags(instance: Any) -> dict[str, str]:
    return {tag["key"]: tag["value"] for tag in instance.get_tags()}


def _group_instance_ids(account_id: str, region: str, name: str) -> set[str]:
    """The instances of a resource group, when moto's Resource Groups holds it (else none)."""
    from moto.resourcegroups.models import resourcegroups_backends

    group = resourcegroups_backends[account_id][region].groups.by_name.get(name)
    if group is None:
        return set()
    query = json.loads(group.resource_query.get("Query", "{}"))
    wanted = {f["Key"]: f["Values"] for f in query.get("TagFilters", [])}
    return {
        instance.id
        for instance in _instances(account_id, region)
        if all(_tags(instance).get(k) in v for k, v in wanted.items())
    }


def matches(instance: Any, targets: list[dict[str, Any]], account_id: str, region: str) -> bool:
    """Whether an instance is selected by a target's ``Targets`` (all of its keys must match)."""
    tags = _tags(instance)
    for target in targets:
        key, values = target["Key"], target["Values"]
        if key == "InstanceIds":
            ok = instance.id in values
        elif key.startswith("tag:"):
            ok = tags.get(key[4:]) in values
        elif key == "tag-key":
            ok = any(value in tags for value in values)
        elif key == "resource-groups:Name":
            ok = any(instance.id in _group_instance_ids(account_id, region, v) for v in values)
        elif key == "resource-groups:ResourceTypeFilters":
            ok = "AWS::EC2::Instance" in values
        else:
            ok = False
        if not ok:
            return False
    return bool(targets)


def is_managed(instance: Any) -> bool:
    """A managed node: launched with the emulator's SSM instance profile (see fleet.py)."""
    profile = getattr(instance, "iam_instance_profile", None) or {}
    if isinstance(profile, dict):
        name = profile.get("Name") or profile.get("Arn", "").rsplit("/", 1)[-1]
    else:
        name = str(profile)
    ec2 = instance.ec2_backend
    association = ec2.iam_instance_profile_associations.get(instance.id)
    if association is not None:
        name = association.iam_instance_profile.name
    return bool(name == INSTANCE_PROFILE)


def _task_targets(
    window: Any, task: Any, account_id: str, region: str
) -> list[tuple[Any, str | None, str | None]]:
    """(instance, window target id, owner information) for each running managed node."""
    chosen: dict[str, tuple[Any, str | None, str | None]] = {}
    for target in task.targets or []:
        if target["Key"] == "WindowTargetIds":
            for target_id in target["Values"]:
                registered = window.targets.get(target_id)
                if registered is None:
                    continue
                for instance in _instances(account_id, region):
                    if matches(instance, registered.targets, account_id, region):
                        chosen.setdefault(
                            instance.id, (instance, target_id, registered.owner_information)
                        )
        else:
            for instance in _instances(account_id, region):
                if matches(instance, [target], account_id, region):
                    chosen.setdefault(instance.id, (instance, None, None))
    return [
        entry
        for entry in chosen.values()  # in launch order
        if entry[0].state == "running" and is_managed(entry[0])
    ]


# --- rate control -------------------------------------------------------------------------


def concurrency(value: str | None, targets: int) -> int:
    """How many invocations may run at once: a number, or a percentage rounded up (at least 1)."""
    if not value:
        return max(targets, 1)
    if value.endswith("%"):
        return max(1, math.ceil(targets * int(value[:-1]) / 100))
    return max(1, int(value))


def error_threshold(value: str | None, targets: int) -> int:
    """How many failed invocations are allowed: a number, or a percentage rounded down."""
    if not value:
        return 0
    if value.endswith("%"):
        return math.floor(targets * int(value[:-1]) / 100)
    return int(value)


# --- commands -----------------------------------------------------------------------------


def _steps(
    document: str,
    parameters: dict[str, Any],
    fails: bool,
    start: dt.datetime,
    instance_id: str,
) -> list[Step]:
    end = start + dt.timedelta(seconds=INVOCATION_SECONDS)
    note = (
        "local_aws rehearsal: no SSM Agent ran on this emulated instance and nothing was "
        "installed or scanned."
    )
    shown = "; ".join(f"{k}={','.join(map(str, v))}" for k, v in sorted(parameters.items()))
    if fails:
        last_status, code = "Failed", 1
        output = f"{note}\nParameters: {shown or '-'}\nThe emulator was told to fail here."
        error = (
            f"failed to run commands: exit status 1 (the instance {instance_id} is tagged "
            f"{FAIL_TAG}=true)"
        )
    else:
        last_status, code = "Success", 0
        output = f"{note}\nParameters: {shown or '-'}\nThe step reported success."
        error = ""
    if document == PATCH_DOCUMENT:
        return [
            Step(
                "PatchWindows",
                "awsrunPowerShellScript/PatchWindows",
                "Success",
                SKIPPED_WINDOWS_STEP,
                "",
                0,
                start,
                start,
            ),
            Step(
                "PatchLinux",
                "awsrunShellScript/PatchLinux",
                last_status,
                output,
                error,
                code,
                start,
                end,
            ),
        ]
    return [
        Step(
            "aws:runShellScript",
            "awsrunShellScript/0.awsrunShellScript",
            last_status,
            output,
            error,
            code,
            start,
            end,
        )
    ]


def _write_output(command: CommandInvocation, account_id: str, region: str) -> None:
    """Put each step's stdout/stderr where the agent would (S3), when the bucket exists."""
    if not command.output_s3_bucket:
        return
    from moto.s3.models import s3_backends

    s3 = s3_backends[account_id]["aws"]
    if command.output_s3_bucket not in s3.buckets:
        return
    prefix = f"{command.output_s3_prefix.rstrip('/')}/" if command.output_s3_prefix else ""
    for step in command.steps:
        base = f"{prefix}{command.command_id}/{command.instance_id}/{step.plugin_path}"
        for stream, text in (("stdout", step.output), ("stderr", step.error)):
            if not text:
                continue
            key = f"{base}/{stream}"
            s3.put_object(command.output_s3_bucket, key, text.encode())
            url = f"https://s3.{region}.amazonaws.com/{command.output_s3_bucket}/{key}"
            if stream == "stdout":
                step.output_url = url
            else:
                step.error_url = url


def _write_logs(command: CommandInvocation, account_id: str, region: str) -> None:
    """Send each step's stdout/stderr to CloudWatch Logs, as the agent does when asked to.

    The group is the one configured, else ``/aws/ssm/<document>``; it is created when missing
    (the agent creates it too); the stream is ``<command>/<instance>/<step>/stdout|stderr``.
    """
    if not command.cloudwatch.get("CloudWatchOutputEnabled"):
        return
    from moto.logs.models import logs_backends

    logs = logs_backends[account_id][region]
    group = command.cloudwatch.get("CloudWatchLogGroupName") or f"/aws/ssm/{command.document_name}"
    if group not in logs.groups:
        logs.create_log_group(group, {})
    when = int(command.requested.timestamp() * 1000)
    for step in command.steps:
        plugin_id = step.name.replace(":", "-")
        for stream, text in (("stdout", step.output), ("stderr", step.error)):
            if not text:
                continue
            name = f"{command.command_id}/{command.instance_id}/{plugin_id}/{stream}"
            logs.create_log_stream(group, name)
            logs.put_log_events(
                group, name, [{"timestamp": when, "message": line} for line in text.splitlines()]
            )


def _send(
    store: Store,
    task: Any,
    task_execution: TaskExecution,
    instance: Any,
    start: dt.datetime,
    account_id: str,
    region: str,
) -> CommandInvocation:
    run_command = (task.task_invocation_parameters or {}).get("RunCommand") or {}
    parameters = run_command.get("Parameters") or {}
    tags = _tags(instance)
    command = CommandInvocation(
        command_id=str(uuid.uuid4()),
        instance_id=instance.id,
        instance_name=tags.get("Name", ""),
        document_name=task.task_arn,
        comment=run_command.get("Comment") or "",
        status="",
        requested=start,
        steps=_steps(task.task_arn, parameters, tags.get(FAIL_TAG) == "true", start, instance.id),
        service_role=task.service_role_arn or "",
        output_s3_bucket=run_command.get("OutputS3BucketName") or "",
        output_s3_prefix=run_command.get("OutputS3KeyPrefix") or "",
        cloudwatch=run_command.get("CloudWatchOutputConfig")
        or {"CloudWatchLogGroupName": "", "CloudWatchOutputEnabled": False},
    )
    command.status = "Failed" if command.steps[-1].status == "Failed" else "Success"
    _write_output(command, account_id, region)
    _write_logs(command, account_id, region)
    store.commands[(command.command_id, instance.id)] = command
    return command


# --- running ------------------------------------------------------------------------------


def _run_task(
    store: Store,
    window: Any,
    execution: WindowExecution,
    task: Any,
    clock: dt.datetime,
    account_id: str,
    region: str,
) -> dt.datetime:
    task_execution = TaskExecution(
        window_execution_id=execution.window_execution_id,
        task_execution_id=str(uuid.uuid4()),
        task_arn=task.task_arn,
        task_type=task.task_type,
        priority=task.priority,
        max_concurrency=task.max_concurrency,
        max_errors=task.max_errors,
        service_role=task.service_role_arn or "",
        task_parameters=task.task_parameters or {},
        start=clock,
    )
    execution.tasks.append(task_execution)
    targets = _task_targets(window, task, account_id, region)
    if not targets or task.task_type != "RUN_COMMAND":
        # Other task types run in their own service (Automation, Lambda, Step Functions),
        # which the emulator does not run.
        task_execution.status = "SUCCESS"
        task_execution.status_details = NO_INVOCATIONS
        task_execution.end = clock
        return clock
    at_once = concurrency(task.max_concurrency, len(targets))
    allowed = error_threshold(task.max_errors, len(targets))
    errors = 0
    for batch_start in range(0, len(targets), at_once):
        if errors > allowed:
            break
        for instance, target_id, owner in targets[batch_start : batch_start + at_once]:
            command = _send(store, task, task_execution, instance, clock, account_id, region)
            failed = command.status == "Failed"
            errors += failed
            parameters = {
                "comment": command.comment,
                "documentName": task.task_arn,
                "instanceIds": [instance.id],
                "maxConcurrency": task.max_concurrency,
                "maxErrors": task.max_errors,
                "parameters": (task.task_invocation_parameters or {})
                .get("RunCommand", {})
                .get("Parameters", {}),
                "serviceRoleArn": task.service_role_arn,
            }
            task_execution.invocations.append(
                TaskInvocation(
                    invocation_id=str(uuid.uuid4()),
                    window_execution_id=execution.window_execution_id,
                    task_execution_id=task_execution.task_execution_id,
                    execution_id=command.command_id,
                    task_type=task.task_type,
                    parameters=json.dumps(parameters),
                    status="FAILED" if failed else "SUCCESS",
                    status_details="Failed" if failed else "Success",
                    start=clock,
                    end=clock + dt.timedelta(seconds=INVOCATION_SECONDS),
                    owner_information=owner,
                    window_target_id=target_id,
                )
            )
        clock += dt.timedelta(seconds=INVOCATION_SECONDS)
    task_execution.end = clock
    if errors > allowed:
        task_execution.status = "FAILED"
        task_execution.status_details = TASK_FAILED
    else:
        task_execution.status = "SUCCESS"
        task_execution.status_details = "Success"
    return clock


def run_window(
    backend: SimpleSystemManagerBackend, window_id: str, now: dt.datetime | None = None
) -> WindowExecution:
    """Run ``window_id`` once, now, to completion; return its execution."""
    window = backend.get_maintenance_window(window_id)
    store = store_of(backend)
    start = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    execution = WindowExecution(window_id, str(uuid.uuid4()), start)
    store.executions[execution.window_execution_id] = execution
    clock = start
    for task in sorted(window.tasks.values(), key=lambda t: t.priority or 0):
        clock = _run_task(
            store, window, execution, task, clock, backend.account_id, backend.region_name
        )
    execution.end = clock
    if any(task.status == "FAILED" for task in execution.tasks):
        execution.status, execution.status_details = "FAILED", WINDOW_FAILED
    else:
        execution.status, execution.status_details = "SUCCESS", ""
    return execution


def run_windows(
    account_id: str, region: str, window_ids: list[str], now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Run each window once (in order); return each execution as the API shows it."""
    backend = ssm_backends[account_id][region]
    return [run_window(backend, window_id, now).to_json() for window_id in window_ids]


# --- the read API -------------------------------------------------------------------------


def _execution(store: Store, execution_id: str) -> WindowExecution:
    if execution_id not in store.executions:
        raise SSMException(
            "DoesNotExistException", f"Window execution {execution_id} does not exist."
        )
    return store.executions[execution_id]


def _task_execution(store: Store, execution_id: str, task_id: str) -> TaskExecution:
    for task in _execution(store, execution_id).tasks:
        if task.task_execution_id == task_id:
            return task
    raise SSMException(
        "DoesNotExistException", f"Task execution {task_id} of {execution_id} does not exist."
    )


def _time_filters(filters: list[dict[str, Any]] | None, execution: WindowExecution) -> bool:
    for given in filters or []:
        bound = dt.datetime.fromisoformat(given["Values"][0].replace("Z", "+00:00"))
        if bound.tzinfo is None:
            bound = bound.replace(tzinfo=dt.UTC)
        if given["Key"] == "ExecutedAfter" and execution.start < bound:
            return False
        if given["Key"] == "ExecutedBefore" and execution.start > bound:
            return False
    return True


def managed_nodes(account_id: str, region: str) -> list[dict[str, Any]]:
    """``DescribeInstanceInformation`` entries: every managed node of the fleet."""
    nodes = []
    for instance in _instances(account_id, region):
        if not is_managed(instance):
            continue
        nodes.append(
            {
                "InstanceId": instance.id,
                "PingStatus": "Online" if instance.state == "running" else "ConnectionLost",
                "LastPingDateTime": dt.datetime.now(dt.UTC),
                "AgentVersion": "3.3.0.0",
                "IsLatestVersion": True,
                "PlatformType": "Linux",
                "PlatformName": "Amazon Linux",
                "PlatformVersion": "2023",
                "ResourceType": "EC2Instance",
                "ComputerName": _tags(instance).get("Name", instance.id),
                "IPAddress": instance.private_ip,
            }
        )
    return nodes


class ExecutionResponses(_Response):
    """The SSM calls that read executions, commands and managed nodes from :class:`Store`."""

    def _store(self) -> Store:
        return store_of(self.ssm_backend)

    def describe_maintenance_window_executions(self) -> ActionResult:
        window_id = self._get_param("WindowId")
        self.ssm_backend.get_maintenance_window(window_id)
        filters = self._get_param("Filters")
        executions = sorted(
            (
                e
                for e in self._store().executions.values()
                if e.window_id == window_id and _time_filters(filters, e)
            ),
            key=lambda e: e.start,
            reverse=True,
        )
        return ActionResult({"WindowExecutions": [e.to_json() for e in executions]})

    def get_maintenance_window_execution(self) -> ActionResult:
        execution = _execution(self._store(), self._get_param("WindowExecutionId"))
        answer = execution.to_json()
        del answer["WindowId"]
        answer["TaskIds"] = [task.task_execution_id for task in execution.tasks]
        return ActionResult(answer)

    def describe_maintenance_window_execution_tasks(self) -> ActionResult:
        execution = _execution(self._store(), self._get_param("WindowExecutionId"))
        return ActionResult(
            {"WindowExecutionTaskIdentities": [task.identity() for task in execution.tasks]}
        )

    def get_maintenance_window_execution_task(self) -> ActionResult:
        task = _task_execution(
            self._store(), self._get_param("WindowExecutionId"), self._get_param("TaskId")
        )
        return ActionResult(task.details())

    def describe_maintenance_window_execution_task_invocations(self) -> ActionResult:
        task = _task_execution(
            self._store(), self._get_param("WindowExecutionId"), self._get_param("TaskId")
        )
        return ActionResult(
            {
                "WindowExecutionTaskInvocationIdentities": [
                    invocation.to_json() for invocation in task.invocations
                ]
            }
        )

    def list_command_invocations(self) -> ActionResult:
        command_id = self._get_param("CommandId")
        instance_id = self._get_param("InstanceId")
        details = bool(self._get_param("Details"))
        found = [
            command
            for (cid, iid), command in self._store().commands.items()
            if (command_id is None or cid == command_id)
            and (instance_id is None or iid == instance_id)
        ]
        return ActionResult(
            {"CommandInvocations": [command.to_list_json(details) for command in found]}
        )

    def get_command_invocation(self) -> ActionResult:
        command_id = self._get_param("CommandId")
        instance_id = self._get_param("InstanceId")
        command = self._store().commands.get((command_id, instance_id))
        if command is None:  # a command sent through SendCommand: moto's own answer
            return ActionResult(
                self.ssm_backend.get_command_invocation(
                    command_id, instance_id, self._get_param("PluginName")
                )
            )
        return ActionResult(command.get_json(self._get_param("PluginName")))

    def describe_instance_information(self) -> ActionResult:
        wanted: set[str] | None = None
        for given in self._get_param("Filters") or []:
            if given["Key"] == "InstanceIds":
                wanted = set(given["Values"])
        for given in self._get_param("InstanceInformationFilterList") or []:
            if given["key"] == "InstanceIds":
                wanted = set(given["valueSet"])
        nodes = managed_nodes(self.current_account, self.region)
        return ActionResult(
            {
                "InstanceInformationList": [
                    node for node in nodes if wanted is None or node["InstanceId"] in wanted
                ]
            }
        )
