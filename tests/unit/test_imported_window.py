"""A window defined elsewhere (``MaintenanceWindow.from_window_id``) receives targets and
every task type from this library; the template registers them with that window's id."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_lambda as lambda_
import aws_cdk.aws_stepfunctions as sfn
import pytest
from aws_cdk.assertions import Template

from patch_window import (
    AutomationTask,
    IMaintenanceWindow,
    LambdaTask,
    MaintenanceWindow,
    MaintenanceWindowRole,
    MaintenanceWindowTarget,
    PatchWindowValidationError,
    RunCommandTask,
    StepFunctionsTask,
    TargetSelector,
)
from tests.conftest import cdk_context, cfn_lint

WINDOW_ID = "mw-0123456789abcdef0"


@pytest.fixture(scope="module")
def imported() -> tuple[IMaintenanceWindow, dict[str, Any]]:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "Imported")
    role = MaintenanceWindowRole(stack, "Role").role
    window = MaintenanceWindow.from_window_id(stack, "Window", WINDOW_ID)
    web = MaintenanceWindowTarget(
        stack, "Web", window=window, selector=TargetSelector.by_tag_keys(["Patch Group"])
    )
    RunCommandTask(
        stack,
        "Patch",
        window=window,
        document="AWS-RunPatchBaseline",
        parameters={"Operation": ["Install"]},
        role=role,
        targets=[web],
        max_concurrency="1",
        max_errors="1",
    )
    AutomationTask(stack, "Snapshot", window=window, document="AWS-CreateSnapshot", role=role)
    LambdaTask(
        stack,
        "Report",
        window=window,
        role=role,
        function=lambda_.Function.from_function_name(stack, "F", "SSMReport"),
    )
    StepFunctionsTask(
        stack,
        "Drain",
        window=window,
        role=role,
        state_machine=sfn.StateMachine.from_state_machine_name(stack, "M", "SSMDrain"),
    )
    return window, dict(Template.from_stack(stack).to_json())


def _of_type(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r["Properties"] for r in template["Resources"].values() if r["Type"] == kind]


def test_no_window_is_created(imported: tuple[IMaintenanceWindow, dict[str, Any]]) -> None:
    assert _of_type(imported[1], "AWS::SSM::MaintenanceWindow") == []


def test_the_target_registers_with_the_imported_id(
    imported: tuple[IMaintenanceWindow, dict[str, Any]],
) -> None:
    [target] = _of_type(imported[1], "AWS::SSM::MaintenanceWindowTarget")
    assert target["WindowId"] == WINDOW_ID
    assert target["Targets"] == [{"Key": "tag-key", "Values": ["Patch Group"]}]


def test_every_task_type_registers_with_the_imported_id(
    imported: tuple[IMaintenanceWindow, dict[str, Any]],
) -> None:
    tasks = _of_type(imported[1], "AWS::SSM::MaintenanceWindowTask")
    assert sorted(t["TaskType"] for t in tasks) == [
        "AUTOMATION",
        "LAMBDA",
        "RUN_COMMAND",
        "STEP_FUNCTIONS",
    ]
    assert {t["WindowId"] for t in tasks} == {WINDOW_ID}
    [run_command] = [t for t in tasks if t["TaskType"] == "RUN_COMMAND"]
    assert run_command["Targets"] == [
        {"Key": "WindowTargetIds", "Values": [{"Ref": _logical_id(imported[1], "Web")}]}
    ]


def test_the_window_knows_what_was_registered(
    imported: tuple[IMaintenanceWindow, dict[str, Any]],
) -> None:
    window = imported[0]
    assert [t.node.id for t in window.targets] == ["Web"]
    assert [t.node.id for t in window.tasks] == ["Patch", "Snapshot", "Report", "Drain"]


def test_the_template_is_cfn_lint_clean(
    imported: tuple[IMaintenanceWindow, dict[str, Any]],
) -> None:
    assert cfn_lint(imported[1]) == []


def test_a_malformed_window_id_is_refused() -> None:
    with pytest.raises(PatchWindowValidationError) as caught:
        MaintenanceWindow.from_window_id(cdk.Stack(cdk.App(), "S"), "W", "mw-123")
    assert caught.value.problems == (
        "S/W: window_id must be a maintenance window id such as 'mw-0123456789abcdef0', "
        "got 'mw-123'",
    )


def _logical_id(template: dict[str, Any], construct_id: str) -> str:
    [found] = [
        logical
        for logical, r in template["Resources"].items()
        if r["Type"] == "AWS::SSM::MaintenanceWindowTarget" and logical.startswith(construct_id)
    ]
    return str(found)
