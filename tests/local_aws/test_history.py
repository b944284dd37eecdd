"""The history walker against the emulator's execution model, in process (no CLI, no server).

The lab's stack is deployed as ``cdk deploy`` would, the lab's fleet is seeded, every window is
run once, and ``patch-window history``'s walker reads it back through the SSM and EC2 APIs.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest

import local_aws
from local_aws import executions, fleet
from patch_window.history import walker
from patch_window.history.walker import Clients, Options

from .helpers import Aws, deploy, seed_groups

STACK = "PatchWindow"


def _deploy(
    aws: Aws, template: dict[str, Any], members: tuple[fleet.FleetInstance, ...]
) -> dict[str, str]:
    seed_groups(aws, template)
    deploy(aws, STACK, template)
    names = fleet.seed(aws.ec2, aws.iam, members)
    return names


def _run(aws: Aws) -> tuple[list[str], list[dict[str, Any]]]:
    window_ids = walker.stack_window_ids(aws.cloudformation, STACK)
    ran = executions.run_windows(local_aws.ACCOUNT_ID, local_aws.REGION, window_ids)
    return window_ids, ran


def _clients(aws: Aws) -> Clients:
    return Clients(ssm=aws.ssm, ec2=aws.ec2, s3=aws.s3, logs=aws.logs)


def test_the_lab_run_invokes_the_two_web_servers_only(
    aws: Aws, lab_template: dict[str, Any]
) -> None:
    names = _deploy(aws, lab_template, fleet.LAB_FLEET)
    window_ids, ran = _run(aws)

    history = walker.walk(_clients(aws), window_ids, Options(show_output=True))

    assert [execution["Status"] for execution in ran] == ["SUCCESS"]
    [window] = history.windows
    assert window.name == "PatchTestWorkloadWebServers"
    [execution] = window.executions
    assert execution.status == "SUCCESS"
    [task] = execution.tasks
    assert (task.name, task.type, task.status) == (
        "PatchTestWorkloadWebServers",
        "RUN_COMMAND",
        "SUCCESS",
    )
    invoked = sorted(str(invocation.instance_id) for invocation in task.invocations)
    assert invoked == sorted([names["web-server-1"], names["web-server-2"]])
    for invocation in task.invocations:
        assert invocation.status == "SUCCESS"
        assert invocation.command_id
        assert [(step.name, step.status) for step in invocation.steps] == [
            ("PatchWindows", "Success"),
            ("PatchLinux", "Success"),
        ]
        assert "Parameters: Operation=Install" in invocation.steps[1].output
        assert "StringEquals" in invocation.steps[0].output
    # The app servers carry Workload=Test but not InstanceRole=WebServer: listed, with why.
    reasons = {entry.instance_id: entry.reason for entry in window.not_invoked}
    assert set(reasons) == {names["app-server-1"], names["app-server-2"]}
    assert reasons[names["app-server-1"]] == (
        "matches no target: target TestWebServers wants InstanceRole=WebServer, the instance "
        "has InstanceRole=AppServer (its other tags match)"
    )
    assert history.failed() == []
    shape = history.to_json()
    assert list(shape) == ["windows"]
    assert list(shape["windows"][0]) == ["window_id", "name", "executions", "not_invoked"]
    assert list(shape["windows"][0]["executions"][0]) == [
        "execution_id",
        "status",
        "status_details",
        "start_time",
        "end_time",
        "tasks",
    ]
    assert list(shape["windows"][0]["executions"][0]["tasks"][0]["invocations"][0]) == [
        "instance_id",
        "status",
        "command_id",
        "steps",
    ]
    json.dumps(shape)  # serializable as it is


def test_stopped_and_unmanaged_instances_are_listed_with_the_reason(
    aws: Aws, lab_template: dict[str, Any]
) -> None:
    web = {"Workload": "Test", "InstanceRole": "WebServer"}
    members = (
        *fleet.LAB_FLEET,
        fleet.FleetInstance("web-stopped", web, state="stopped"),
        fleet.FleetInstance("web-unmanaged", web, managed=False),
    )
    names = _deploy(aws, lab_template, members)
    window_ids, _ = _run(aws)

    [window] = walker.walk(_clients(aws), window_ids, Options()).windows

    reasons = {entry.instance_id: entry.reason for entry in window.not_invoked}
    assert set(reasons) == {
        names["web-stopped"],
        names["web-unmanaged"],
        names["app-server-1"],
        names["app-server-2"],
    }
    assert reasons[names["web-stopped"]].startswith("the instance is stopped")
    assert reasons[names["web-unmanaged"]].startswith("not managed by SSM")
    invoked = {i.instance_id for i in window.executions[0].tasks[0].invocations}
    assert invoked == {names["web-server-1"], names["web-server-2"]}


def _with_max_errors(template: dict[str, Any], max_errors: str, concurrency: str) -> dict[str, Any]:
    changed = copy.deepcopy(template)
    for resource in changed["Resources"].values():
        if resource["Type"] == "AWS::SSM::MaintenanceWindowTask":
            resource["Properties"]["MaxErrors"] = max_errors
            resource["Properties"]["MaxConcurrency"] = concurrency
    return changed


def _web_fleet(count: int, failing: set[int]) -> tuple[fleet.FleetInstance, ...]:
    web = {"Workload": "Test", "InstanceRole": "WebServer"}
    return tuple(fleet.FleetInstance(f"web-{n:02}", web, fail=n in failing) for n in range(count))


@pytest.mark.parametrize(
    ("max_errors", "concurrency", "count", "failing", "invoked", "status"),
    [
        # the lab's "1": one failure is allowed, the second stops the task (after it ran)
        ("1", "1", 2, {0}, 2, "SUCCESS"),
        ("1", "1", 4, {0, 1}, 2, "FAILED"),
        # "0": the first failure stops the task; the next three are never invoked
        ("0", "1", 4, {0}, 1, "FAILED"),
        # two at a time: the batch already started finishes
        ("0", "2", 4, {0}, 2, "FAILED"),
        # 25% of 8 targets is 2 errors allowed; the third failure stops it
        ("25%", "1", 8, {0, 1, 2}, 3, "FAILED"),
        ("25%", "1", 8, {0, 1}, 8, "SUCCESS"),
        # 50% concurrency of 3 targets rounds up to 2 at a time
        ("0", "50%", 3, {0}, 2, "FAILED"),
    ],
)
def test_the_error_threshold_stops_the_task_as_the_service_does(
    aws: Aws,
    lab_template: dict[str, Any],
    max_errors: str,
    concurrency: str,
    count: int,
    failing: set[int],
    invoked: int,
    status: str,
) -> None:
    template = _with_max_errors(lab_template, max_errors, concurrency)
    _deploy(aws, template, _web_fleet(count, failing))
    window_ids, ran = _run(aws)

    history = walker.walk(_clients(aws), window_ids, Options())

    [window] = history.windows
    [task] = window.executions[0].tasks
    assert (len(task.invocations), task.status) == (invoked, status)
    assert ran[0]["Status"] == status
    if status == "FAILED":
        assert window.executions[0].status_details == executions.WINDOW_FAILED
        assert history.failed() == [window]
        assert len(window.not_invoked) == count - invoked
        assert all("error threshold" in entry.reason for entry in window.not_invoked)


def test_a_failed_step_shows_its_error_and_the_newest_execution_comes_first(
    aws: Aws, lab_template: dict[str, Any]
) -> None:
    _deploy(aws, lab_template, _web_fleet(2, {1}))
    window_ids, _ = _run(aws)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    backend_ids = executions.run_windows(local_aws.ACCOUNT_ID, local_aws.REGION, window_ids, later)

    [window] = walker.walk(_clients(aws), window_ids, Options(show_output=True)).windows

    assert window.executions[0].execution_id == backend_ids[0]["WindowExecutionId"]
    failed = [
        invocation
        for invocation in window.executions[0].tasks[0].invocations
        if invocation.status == "FAILED"
    ]
    [invocation] = failed
    assert invocation.steps[-1].status == "Failed"
    assert fleet.FAIL_TAG in invocation.steps[-1].error

    since = walker.walk(
        _clients(aws), window_ids, Options(since=later - dt.timedelta(minutes=1))
    ).windows[0]
    assert len(since.executions) == 1


def test_unknown_stack_and_window_raise_the_walkers_errors(aws: Aws) -> None:
    with pytest.raises(walker.UnknownStackError, match="'Nope' does not exist"):
        walker.stack_window_ids(aws.cloudformation, "Nope")
    with pytest.raises(walker.UnknownWindowError, match="mw-0123456789abcdef0"):
        walker.walk(_clients(aws), ["mw-0123456789abcdef0"], Options())


def test_a_new_fleet_replaces_the_previous_one(aws: Aws) -> None:
    first = fleet.seed(aws.ec2, aws.iam, fleet.LAB_FLEET)
    again = fleet.seed(aws.ec2, aws.iam, fleet.LAB_FLEET)
    assert again == first  # seeding twice changes nothing
    web = {"Workload": "Test", "InstanceRole": "WebServer"}
    second = fleet.seed(aws.ec2, aws.iam, (fleet.LAB_FLEET[0], fleet.FleetInstance("web-9", web)))

    states = {
        instance["InstanceId"]: instance["State"]["Name"]
        for reservation in aws.ec2.describe_instances()["Reservations"]
        for instance in reservation["Instances"]
    }
    assert second["web-server-1"] == first["web-server-1"]
    assert states[second["web-9"]] == "running"
    assert {states[first[name]] for name in ("web-server-2", "app-server-1", "app-server-2")} == {
        "terminated"
    }
