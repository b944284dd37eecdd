"""From the AWS APIs to a :class:`History`: every execution, task, invocation and step.

Takes boto3 clients (any object with the same methods will do) and never prints; :mod:`.render`
prints and :mod:`.cli` parses arguments. The calls, in order, for each window:

* ``ssm:GetMaintenanceWindow`` (its name; an unknown id raises :class:`UnknownWindowError`);
* ``ssm:DescribeMaintenanceWindowExecutions`` (``ExecutedAfter`` with ``--since``);
* ``ssm:DescribeMaintenanceWindowTasks`` (the registered tasks, to name the task executions);
* per execution ``ssm:DescribeMaintenanceWindowExecutionTasks``, per task execution
  ``ssm:GetMaintenanceWindowExecutionTask`` (its priority) and
  ``ssm:DescribeMaintenanceWindowExecutionTaskInvocations``;
* per Run Command invocation ``ssm:ListCommandInvocations`` (the instance, and each step's
  status with ``--show-output``) and, with ``--show-output``, ``ssm:GetCommandInvocation`` per
  step (its first 24,000 characters of standard output and error);
* ``ssm:DescribeMaintenanceWindowTargets``, ``ec2:DescribeInstances`` and
  ``ssm:DescribeInstanceInformation``: the instances a target selects that the latest
  execution did not invoke, and why; and (``ec2:DescribeInstances`` again) the instances one
  tag short of a target of several tags.

``--full-output`` adds ``s3:GetObject`` (output written to S3) or ``logs:GetLogEvents`` (output
sent to CloudWatch Logs) for a step whose output the API cut.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlparse

#: The statuses that make ``patch-window history`` exit 1 when the latest execution has them.
FAILING_STATUSES = ("FAILED", "TIMED_OUT")
#: What GetCommandInvocation returns of a step's output at most.
OUTPUT_LIMIT = 24_000
#: DescribeInstanceInformation takes at most this many values in a filter.
FILTER_VALUES = 50
WINDOW_ID = re.compile(r"^mw-[0-9a-f]{17}$")


class HistoryError(Exception):
    """A problem the command reports as one ``error:`` line."""


class UnknownWindowError(HistoryError):
    pass


class UnknownStackError(HistoryError):
    pass


@dataclass
class Step:
    name: str
    status: str
    output: str
    error: str
    #: Where the whole output is, when the API returns only its beginning (not in the JSON).
    full_output_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "output": self.output,
            "error": self.error,
        }


@dataclass
class Invocation:
    instance_id: str | None
    status: str
    command_id: str | None
    steps: list[Step] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "instance_id": self.instance_id,
            "status": self.status,
            "command_id": self.command_id,
            "steps": [step.to_json() for step in self.steps],
        }


@dataclass
class TaskRun:
    task_execution_id: str
    name: str
    type: str
    status: str
    invocations: list[Invocation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "task_execution_id": self.task_execution_id,
            "name": self.name,
            "type": self.type,
            "status": self.status,
            "invocations": [invocation.to_json() for invocation in self.invocations],
        }


@dataclass
class Execution:
    execution_id: str
    status: str
    status_details: str | None
    start_time: dt.datetime | None
    end_time: dt.datetime | None
    tasks: list[TaskRun] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "execution_id": self.execution_id,
            "status": self.status,
            "status_details": self.status_details,
            "start_time": _iso(self.start_time),
            "end_time": _iso(self.end_time),
            "tasks": [task.to_json() for task in self.tasks],
        }


@dataclass
class NotInvoked:
    instance_id: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"instance_id": self.instance_id, "reason": self.reason}


@dataclass
class WindowHistory:
    window_id: str
    name: str
    executions: list[Execution] = field(default_factory=list)
    not_invoked: list[NotInvoked] = field(default_factory=list)

    @property
    def latest(self) -> Execution | None:
        return self.executions[0] if self.executions else None

    def to_json(self) -> dict[str, Any]:
        return {
            "window_id": self.window_id,
            "name": self.name,
            "executions": [execution.to_json() for execution in self.executions],
            "not_invoked": [entry.to_json() for entry in self.not_invoked],
        }


@dataclass
class History:
    windows: list[WindowHistory]

    def to_json(self) -> dict[str, Any]:
        return {"windows": [window.to_json() for window in self.windows]}

    def failed(self) -> list[WindowHistory]:
        """The windows whose latest execution FAILED or TIMED_OUT."""
        return [w for w in self.windows if w.latest and w.latest.status in FAILING_STATUSES]


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


@dataclass(frozen=True)
class Clients:
    """The boto3 clients the walker calls; ``s3``/``logs`` only for ``--full-output``."""

    ssm: Any
    ec2: Any
    s3: Any = None
    logs: Any = None


@dataclass(frozen=True)
class Options:
    since: dt.datetime | None = None
    show_output: bool = False
    full_output: bool = False


def _error_code(error: Exception) -> str:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def stack_window_ids(cloudformation: Any, stack_name: str) -> list[str]:
    """The window ids among a stack's outputs (the app outputs each window's id)."""
    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except Exception as error:
        if _error_code(error) == "ValidationError":
            raise UnknownStackError(
                f"stack {stack_name!r} does not exist in this account and Region"
            ) from None
        raise
    ids = [
        output["OutputValue"]
        for stack in stacks
        for output in stack.get("Outputs", [])
        if WINDOW_ID.match(str(output.get("OutputValue", "")))
    ]
    if not ids:
        raise UnknownStackError(f"stack {stack_name!r} outputs no maintenance window id")
    return sorted(set(ids), key=ids.index)


def _pages(client: Any, operation: str, key: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
    if client.can_paginate(operation):
        for page in client.get_paginator(operation).paginate(**kwargs):
            yield from page.get(key, [])
    else:
        yield from getattr(client, operation)(**kwargs).get(key, [])


def walk(clients: Clients, window_ids: list[str], options: Options) -> History:
    """The history of each window, newest execution first."""
    return History([walk_window(clients, window_id, options) for window_id in window_ids])


def walk_window(clients: Clients, window_id: str, options: Options) -> WindowHistory:
    ssm = clients.ssm
    try:
        window = ssm.get_maintenance_window(WindowId=window_id)
    except Exception as error:
        if _error_code(error) in ("DoesNotExistException", "ValidationException"):
            raise UnknownWindowError(f"maintenance window {window_id!r} does not exist") from None
        raise
    history = WindowHistory(window_id, window.get("Name", ""))
    filters = []
    if options.since is not None:
        since = options.since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        filters.append({"Key": "ExecutedAfter", "Values": [since]})
    listed = list(
        _pages(
            ssm,
            "describe_maintenance_window_executions",
            "WindowExecutions",
            WindowId=window_id,
            Filters=filters,
        )
    )
    listed.sort(key=lambda e: e.get("StartTime") or dt.datetime.min.replace(tzinfo=dt.UTC))
    listed.reverse()
    registered = list(_pages(ssm, "describe_maintenance_window_tasks", "Tasks", WindowId=window_id))
    for found in listed:
        history.executions.append(_execution(clients, found, registered, options))
    history.not_invoked = _not_invoked(clients, window_id, history.latest)
    return history


def _task_name(details: dict[str, Any], registered: list[dict[str, Any]]) -> str:
    """The registered task that ran: same TaskArn, and same priority when several share it."""
    same_arn = [t for t in registered if t.get("TaskArn") == details.get("TaskArn")]
    same_priority = [t for t in same_arn if t.get("Priority") == details.get("Priority")]
    for candidates in (same_priority, same_arn):
        if len(candidates) == 1:
            return str(candidates[0].get("Name") or candidates[0]["WindowTaskId"])
    if candidates := same_priority or same_arn:
        return " or ".join(str(t.get("Name") or t["WindowTaskId"]) for t in candidates)
    return str(details.get("TaskArn", "?"))


def _execution(
    clients: Clients, found: dict[str, Any], registered: list[dict[str, Any]], options: Options
) -> Execution:
    ssm = clients.ssm
    execution_id = found["WindowExecutionId"]
    execution = Execution(
        execution_id=execution_id,
        status=found.get("Status", ""),
        status_details=found.get("StatusDetails"),
        start_time=found.get("StartTime"),
        end_time=found.get("EndTime"),
    )
    identities = list(
        _pages(
            ssm,
            "describe_maintenance_window_execution_tasks",
            "WindowExecutionTaskIdentities",
            WindowExecutionId=execution_id,
        )
    )
    for identity in identities:
        task_id = identity["TaskExecutionId"]
        details = ssm.get_maintenance_window_execution_task(
            WindowExecutionId=execution_id, TaskId=task_id
        )
        task = TaskRun(
            task_execution_id=task_id,
            name=_task_name(details, registered),
            type=identity.get("TaskType") or details.get("Type", ""),
            status=identity.get("Status", ""),
        )
        for invocation in _pages(
            ssm,
            "describe_maintenance_window_execution_task_invocations",
            "WindowExecutionTaskInvocationIdentities",
            WindowExecutionId=execution_id,
            TaskId=task_id,
        ):
            task.invocations.append(_invocation(clients, invocation, options))
        execution.tasks.append(task)
    return execution


def _parameters_instance(invocation: dict[str, Any]) -> str | None:
    try:
        parameters = json.loads(invocation.get("Parameters") or "{}")
    except ValueError:
        return None
    ids = parameters.get("instanceIds") if isinstance(parameters, dict) else None
    return str(ids[0]) if isinstance(ids, list) and len(ids) == 1 else None


def _invocation(clients: Clients, found: dict[str, Any], options: Options) -> Invocation:
    invocation = Invocation(
        instance_id=_parameters_instance(found),
        status=found.get("Status", ""),
        command_id=found.get("ExecutionId"),
    )
    if found.get("TaskType") != "RUN_COMMAND" or not invocation.command_id:
        return invocation
    commands = list(
        _pages(
            clients.ssm,
            "list_command_invocations",
            "CommandInvocations",
            CommandId=invocation.command_id,
            Details=options.show_output,
        )
    )
    for command in commands[:1]:
        invocation.instance_id = command.get("InstanceId") or invocation.instance_id
        if not options.show_output:
            continue
        for plugin in command.get("CommandPlugins", []):
            invocation.steps.append(_step(clients, command, plugin, options))
    return invocation


def _step(
    clients: Clients, command: dict[str, Any], plugin: dict[str, Any], options: Options
) -> Step:
    detail = clients.ssm.get_command_invocation(
        CommandId=command["CommandId"],
        InstanceId=command["InstanceId"],
        PluginName=plugin["Name"],
    )
    step = Step(
        name=plugin["Name"],
        status=detail.get("Status") or plugin.get("Status", ""),
        output=detail.get("StandardOutputContent", ""),
        error=detail.get("StandardErrorContent", ""),
    )
    step.full_output_at = _full_output_location(command, plugin, detail)
    if options.full_output and step.full_output_at:
        full = _fetch(clients, step.full_output_at)
        if full is not None:
            step.output = full
    return step


def _full_output_location(
    command: dict[str, Any], plugin: dict[str, Any], detail: dict[str, Any]
) -> str | None:
    """``s3://bucket/key`` or ``logs://group/stream``, where the step's whole stdout is."""
    url = detail.get("StandardOutputUrl") or plugin.get("StandardOutputUrl")
    if url:
        parsed = urlparse(url)
        if parsed.scheme == "s3":
            return str(url)
        host = parsed.netloc.split(".")
        path = unquote(parsed.path).lstrip("/")
        if host[0] == "s3" or host[0].startswith("s3-"):  # path style: s3.region.../bucket/key
            return f"s3://{path}"
        return f"s3://{host[0]}/{path}"  # virtual host style: bucket.s3.region...
    cloudwatch = detail.get("CloudWatchOutputConfig") or command.get("CloudWatchOutputConfig")
    if cloudwatch and cloudwatch.get("CloudWatchOutputEnabled"):
        group = cloudwatch.get("CloudWatchLogGroupName") or (
            f"/aws/ssm/{command.get('DocumentName', '')}"
        )
        plugin_id = plugin["Name"].replace(":", "-")
        return f"logs://{group}/{command['CommandId']}/{command['InstanceId']}/{plugin_id}/stdout"
    return None


def _fetch(clients: Clients, location: str) -> str | None:
    if location.startswith("s3://") and clients.s3 is not None:
        bucket, _, key = location[len("s3://") :].partition("/")
        body = clients.s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        return str(body.decode("utf-8", "replace"))
    if location.startswith("logs://") and clients.logs is not None:
        rest = location[len("logs://") :]
        # the group may hold slashes; the stream is the last four parts
        parts = rest.split("/")
        group, stream = "/".join(parts[:-4]), "/".join(parts[-4:])
        lines = []
        token = None
        while True:
            kwargs: dict[str, Any] = {
                "logGroupName": group,
                "logStreamName": stream,
                "startFromHead": True,
            }
            if token:
                kwargs["nextToken"] = token
            page = clients.logs.get_log_events(**kwargs)
            lines += [event["message"] for event in page.get("events", [])]
            if not page.get("events") or page.get("nextForwardToken") == token:
                break
            token = page.get("nextForwardToken")
        return "\n".join(lines)
    return None


# --- instances a target selects that were not invoked -------------------------------------


def _ec2_filters(targets: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """DescribeInstances filters for a registered target; None when EC2 cannot express it."""
    filters = []
    for target in targets:
        key, values = target["Key"], target["Values"]
        if key.startswith("tag:"):
            filters.append({"Name": key, "Values": values})
        elif key == "tag-key":
            filters.append({"Name": "tag-key", "Values": values})
        elif key == "InstanceIds":
            filters.append({"Name": "instance-id", "Values": values})
        elif key == "resource-groups:ResourceTypeFilters":
            continue
        else:
            return None  # resource groups: not resolved here
    return filters or None


def _reason(instance: dict[str, Any], node: dict[str, Any] | None, latest: Execution | None) -> str:
    state = instance.get("State", {}).get("Name", "?")
    if state != "running":
        return f"the instance is {state}: only running instances are invoked"
    if node is None:
        return (
            "not managed by SSM: no SSM Agent has registered it (check its instance profile "
            "allows AmazonSSMManagedInstanceCore, and that the agent runs and reaches SSM)"
        )
    if node.get("PingStatus") != "Online":
        return f"its SSM Agent is {node.get('PingStatus')}: only online managed nodes are invoked"
    if latest is None:
        return "the window has not run yet"
    if any(task.status == "FAILED" for task in latest.tasks):
        return (
            "not invoked by the latest execution: a task stopped at its error threshold "
            "(max errors) before reaching it"
        )
    return "not invoked by the latest execution (it may have become a managed node since)"


def _not_invoked(clients: Clients, window_id: str, latest: Execution | None) -> list[NotInvoked]:
    ssm = clients.ssm
    invoked = {
        invocation.instance_id
        for task in (latest.tasks if latest else [])
        for invocation in task.invocations
    }
    selected: dict[str, dict[str, Any]] = {}
    targets = list(
        _pages(ssm, "describe_maintenance_window_targets", "Targets", WindowId=window_id)
    )
    for target in targets:
        filters = _ec2_filters(target.get("Targets") or [])
        if filters is None:
            continue
        for reservation in _pages(
            clients.ec2, "describe_instances", "Reservations", Filters=filters
        ):
            for instance in reservation.get("Instances", []):
                if instance.get("State", {}).get("Name") != "terminated":
                    selected.setdefault(instance["InstanceId"], instance)
    near = _near_misses(clients, targets, selected)
    missing = [iid for iid in sorted(selected) if iid not in invoked]
    if not missing:
        return near
    nodes = {
        node["InstanceId"]: node
        for start in range(0, len(missing), FILTER_VALUES)
        for node in _pages(
            ssm,
            "describe_instance_information",
            "InstanceInformationList",
            Filters=[{"Key": "InstanceIds", "Values": missing[start : start + FILTER_VALUES]}],
        )
    }
    reasons = [NotInvoked(iid, _reason(selected[iid], nodes.get(iid), latest)) for iid in missing]
    return reasons + near


def _near_misses(
    clients: Clients, targets: list[dict[str, Any]], selected: dict[str, dict[str, Any]]
) -> list[NotInvoked]:
    """Instances one tag short of a target: all its other tags match, this one does not.

    The usual answer to "why was host X not patched?" when X looks like the others: the lab's
    app servers carry ``Workload=Test`` but not ``InstanceRole=WebServer``.
    """
    found: dict[str, NotInvoked] = {}
    for target in targets:
        tags = [t for t in target.get("Targets") or [] if t["Key"].startswith("tag:")]
        if len(tags) < 2 or len(tags) != len(target.get("Targets") or []):
            continue
        label = target.get("Name") or target.get("WindowTargetId", "?")
        for missed in tags:
            others = [{"Name": t["Key"], "Values": t["Values"]} for t in tags if t is not missed]
            for reservation in _pages(
                clients.ec2, "describe_instances", "Reservations", Filters=others
            ):
                for instance in reservation.get("Instances", []):
                    iid = instance["InstanceId"]
                    if iid in selected or iid in found:
                        continue
                    if instance.get("State", {}).get("Name") == "terminated":
                        continue
                    key = missed["Key"][len("tag:") :]
                    has = {t["Key"]: t["Value"] for t in instance.get("Tags", [])}.get(key)
                    wanted = ", ".join(missed["Values"])
                    now = f"{key}={has}" if has is not None else f"no {key} tag"
                    found[iid] = NotInvoked(
                        iid,
                        f"matches no target: target {label} wants {key}={wanted}, "
                        f"the instance has {now} (its other tags match)",
                    )
    return [found[iid] for iid in sorted(found)]
