"""Automation, Lambda and Step Functions tasks beside Run Command: invocation blocks,
targetless forms, least-privilege statements and the managed-policy name warning."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_lambda as lambda_
import aws_cdk.aws_ssm as ssm
import aws_cdk.aws_stepfunctions as sfn
import pytest
from aws_cdk.assertions import Annotations, Match

from patch_window import (
    MaintenanceWindow,
    MaintenanceWindowRole,
    PatchWindowValidationError,
    Schedule,
    advisories,
)
from patch_window.app.reader import read_settings
from patch_window.vocabulary import RolePolicy
from tests.conftest import cdk_context, cfn_lint

ACCOUNT, REGION = "123456789012", "eu-west-1"
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:SSMPatchReport"
MACHINE_ARN = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:DrainAndPatch"


class Built:
    """One stack with every task type, built and synthesized once for this module."""

    def __init__(self) -> None:
        app = cdk.App(context=cdk_context())
        env = cdk.Environment(account=ACCOUNT, region=REGION)
        self.stack = cdk.Stack(app, "Tasks", env=env)
        self.role = MaintenanceWindowRole(self.stack, "Role")
        window = MaintenanceWindow(
            self.stack,
            "Window",
            schedule=Schedule.daily(hour=2),
            duration=cdk.Duration.hours(3),
            cutoff=cdk.Duration.hours(1),
        )
        web = window.add_target("Web", tags={"Role": ["Web"]})
        document = ssm.CfnDocument(
            self.stack,
            "Runbook",
            name="RestartWeb",
            document_type="Automation",
            content={
                "schemaVersion": "0.3",
                "mainSteps": [
                    {"name": "sleep", "action": "aws:sleep", "inputs": {"Duration": "PT1S"}}
                ],
            },
        )
        self.automation = window.add_automation_task(
            "Restart",
            document=document,
            role=self.role.role,
            priority=2,
            parameters={"InstanceId": ["{{RESOURCE_ID}}"]},
            document_version="$LATEST",
        )
        self.targeted_automation = window.add_automation_task(
            "Stop",
            document="AWS-StopEC2Instance",
            role=self.role.role,
            targets=[web],
            max_concurrency="1",
            max_errors="1",
            parameters={"InstanceId": ["{{RESOURCE_ID}}"]},
        )
        function = lambda_.Function.from_function_arn(self.stack, "Report", FUNCTION_ARN)
        self.lambda_task = window.add_lambda_task(
            "Report",
            function=function,
            role=self.role.role,
            targets=[web],
            max_concurrency="10%",
            max_errors="1",
            qualifier="live",
            payload={"instance": "{{RESOURCE_ID}}"},
            client_context={"team": "ops"},
        )
        machine = sfn.StateMachine.from_state_machine_arn(self.stack, "Drain", MACHINE_ARN)
        self.step_task = window.add_step_functions_task(
            "Drain",
            state_machine=machine,
            role=self.role.role,
            input={"window": "{{WINDOW_EXECUTION_ID}}"},
            execution_name="nightly-drain",
        )
        self.template = app.synth().get_stack_by_name("Tasks").template

    def properties(self, task: Any) -> dict[str, Any]:
        logical_id = self.stack.resolve(task.resource.logical_id)
        props: dict[str, Any] = self.template["Resources"][logical_id]["Properties"]
        return props

    def statements(self) -> dict[str, dict[str, Any]]:
        (policy,) = [
            r["Properties"]
            for r in self.template["Resources"].values()
            if r["Type"] == "AWS::IAM::ManagedPolicy"
        ]
        return {s["Sid"]: s for s in policy["PolicyDocument"]["Statement"]}


@pytest.fixture(scope="module")
def built() -> Built:
    return Built()


def test_targetless_automation_leaves_out_targets_and_rate_control(built: Built) -> None:
    task = built.properties(built.automation)
    assert task["TaskType"] == "AUTOMATION"
    assert {"Targets", "MaxConcurrency", "MaxErrors"}.isdisjoint(task)
    assert task["TaskInvocationParameters"] == {
        "MaintenanceWindowAutomationParameters": {
            "DocumentVersion": "$LATEST",
            "Parameters": {"InstanceId": ["{{RESOURCE_ID}}"]},
        }
    }


def test_automation_takes_a_cfn_document_by_reference(built: Built) -> None:
    assert built.properties(built.automation)["TaskArn"] == {"Ref": "Runbook"}


def test_targeted_automation_carries_targets_and_rate_control(built: Built) -> None:
    task = built.properties(built.targeted_automation)
    assert (task["MaxConcurrency"], task["MaxErrors"]) == ("1", "1")
    assert task["Targets"][0]["Key"] == "WindowTargetIds"


def test_lambda_task_sends_json_payload_and_base64_client_context(built: Built) -> None:
    task = built.properties(built.lambda_task)
    assert (task["TaskType"], task["TaskArn"]) == ("LAMBDA", FUNCTION_ARN)
    assert task["TaskInvocationParameters"] == {
        "MaintenanceWindowLambdaParameters": {
            "ClientContext": "eyJ0ZWFtIjogIm9wcyJ9",
            "Payload": '{"instance":"{{RESOURCE_ID}}"}',
            "Qualifier": "live",
        }
    }


def test_step_functions_task_sends_input_and_execution_name(built: Built) -> None:
    task = built.properties(built.step_task)
    assert (task["TaskType"], task["TaskArn"]) == ("STEP_FUNCTIONS", MACHINE_ARN)
    assert "Targets" not in task
    assert task["TaskInvocationParameters"] == {
        "MaintenanceWindowStepFunctionsParameters": {
            "Input": '{"window":"{{WINDOW_EXECUTION_ID}}"}',
            "Name": "nightly-drain",
        }
    }


def test_least_privilege_invokes_exactly_the_qualified_function(built: Built) -> None:
    statement = built.statements()["InvokeTaskFunctions"]
    assert (statement["Action"], statement["Resource"]) == (
        "lambda:InvokeFunction",
        f"{FUNCTION_ARN}:live",
    )


def test_least_privilege_starts_exactly_the_state_machine(built: Built) -> None:
    statements = built.statements()
    assert statements["StartTaskStateMachines"]["Resource"] == MACHINE_ARN
    assert statements["FollowStateMachineExecutions"]["Action"] == "states:DescribeExecution"


def test_least_privilege_starts_only_the_automation_documents(built: Built) -> None:
    statement = built.statements()["StartAutomationDocuments"]
    assert statement["Action"] == "ssm:StartAutomationExecution"
    assert built.stack.resolve(statement["Resource"]) == [
        f"arn:aws:ssm:{REGION}::automation-definition/AWS-StopEC2Instance:*",
        {
            "Fn::Join": [
                "",
                [
                    f"arn:aws:ssm:{REGION}:{ACCOUNT}:automation-definition/",
                    {"Ref": "Runbook"},
                    ":*",
                ],
            ]
        },
    ]


def test_every_task_type_template_is_cfn_lint_clean(built: Built) -> None:
    assert cfn_lint(built.template) == []


def _window(policy: RolePolicy) -> tuple[MaintenanceWindow, MaintenanceWindowRole]:
    stack = cdk.Stack(cdk.App(), "S", env=cdk.Environment(account=ACCOUNT, region=REGION))
    role = MaintenanceWindowRole(stack, "Role", policy=policy)
    window = MaintenanceWindow(
        stack,
        "W",
        schedule=Schedule.daily(hour=2),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
    return window, role


def test_managed_policy_warns_about_a_function_not_named_ssm() -> None:
    window, role = _window(RolePolicy.AWS_MANAGED)
    function = lambda_.Function.from_function_arn(
        window, "F", f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:PatchReport"
    )
    window.add_lambda_task("Report", function=function, role=role.role)
    messages = Annotations.from_stack(cdk.Stack.of(window)).find_warning(
        "/S/W/Report", Match.string_like_regexp("does not start with 'SSM'")
    )
    assert len(messages) == 1
    assert str(messages[0].entry.data).endswith(f"[ack: {advisories.MANAGED_POLICY_NAME_NOT_SSM}]")


def test_least_privilege_does_not_warn_about_names() -> None:
    window, role = _window(RolePolicy.LEAST_PRIVILEGE)
    machine = sfn.StateMachine.from_state_machine_arn(window, "M", MACHINE_ARN)
    window.add_step_functions_task("Drain", state_machine=machine, role=role.role)
    assert Annotations.from_stack(cdk.Stack.of(window)).find_warning("*", Match.any_value()) == []


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda w, r: w.add_automation_task(
                "A", document="AWS-RestartEC2Instance", role=r, max_concurrency="1"
            ),
            "S/W/A/Resource: max_concurrency must be left out of a targetless task, got '1'",
        ),
        (
            lambda w, r: w.add_automation_task(
                "A",
                document="AWS-RestartEC2Instance",
                role=r,
                targets=[w.add_target("T", tags={"k": ["v"]})],
            ),
            "S/W/A/Resource: max_concurrency is required for a task with targets, got none\n"
            "S/W/A/Resource: max_errors is required for a task with targets, got none",
        ),
        (
            lambda w, r: w.add_lambda_task(
                "L",
                function=lambda_.Function.from_function_arn(w, "F", FUNCTION_ARN),
                role=r,
                qualifier="v 1",
            ),
            "S/W/L/Resource: qualifier must be a version, an alias or '$LATEST' (1-128 "
            "characters), got 'v 1'",
        ),
        (
            lambda w, r: w.add_lambda_task(
                "L",
                function=lambda_.Function.from_function_arn(w, "F", FUNCTION_ARN),
                role=r,
                payload={"big": "x" * 5000},
            ),
            "S/W/L/Resource: payload must be at most 4096 bytes as UTF-8, got 5010 bytes",
        ),
        (
            lambda w, r: w.add_step_functions_task(
                "S2",
                state_machine=sfn.StateMachine.from_state_machine_arn(w, "M", MACHINE_ARN),
                role=r,
                execution_name="nightly drain",
            ),
            "S/W/S2/Resource: execution_name must be 1-80 characters, each a letter, digit, '-' "
            "or '_', got 'nightly drain'",
        ),
    ],
)
def test_task_types_refuse_what_ssm_would(build: Any, message: str) -> None:
    window, role = _window(RolePolicy.LEAST_PRIVILEGE)
    with pytest.raises(PatchWindowValidationError) as caught:
        build(window, role.role)
    assert str(caught.value) == message


# -- from cdk.json ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def configured(
    task_types: tuple[Any, dict[str, Any], dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Task properties by task name, from the cdk.json-style task_types settings."""
    return {
        r["Properties"]["Name"]: r["Properties"]
        for r in task_types[1]["Resources"].values()
        if r["Type"] == "AWS::SSM::MaintenanceWindowTask"
    }


def test_config_type_defaults_to_run_command(configured: dict[str, dict[str, Any]]) -> None:
    assert configured["PatchTestWorkloadWebServers"]["TaskType"] == "RUN_COMMAND"


def test_config_automation_without_targets_is_targetless(
    configured: dict[str, dict[str, Any]],
) -> None:
    task = configured["SnapshotVolumes"]
    assert task["TaskType"] == "AUTOMATION"
    assert {"Targets", "MaxConcurrency", "MaxErrors"}.isdisjoint(task)


def test_config_lambda_by_name_is_resolved_in_the_stack_account(
    configured: dict[str, dict[str, Any]],
) -> None:
    task = configured["NotifyByName"]
    assert task["TaskType"] == "LAMBDA"
    assert task["TaskArn"] == {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":lambda:",
                {"Ref": "AWS::Region"},
                ":",
                {"Ref": "AWS::AccountId"},
                ":function:SSMNotify",
            ],
        ]
    }


def test_config_step_functions_by_arn(configured: dict[str, dict[str, Any]]) -> None:
    task = configured["DrainAndPatch"]
    assert task["TaskArn"] == "arn:aws:states:us-east-1:123456789012:stateMachine:SSMDrainAndPatch"
    assert task["TaskInvocationParameters"] == {
        "MaintenanceWindowStepFunctionsParameters": {
            "Input": '{"window":"{{WINDOW_ID}}"}',
            "Name": "drain-and-patch",
        }
    }


@pytest.mark.parametrize(
    ("task", "problem"),
    [
        (
            {
                "name": "Bad",
                "type": "SHELL",
                "document": "AWS-RunShellScript",
                "max_concurrency": "1",
                "max_errors": "1",
            },
            "patch_window.windows[0].tasks[1].type: must be one of RUN_COMMAND, AUTOMATION, "
            "LAMBDA, STEP_FUNCTIONS, got 'SHELL'",
        ),
        (
            {"name": "Bad", "type": "LAMBDA"},
            "patch_window.windows[0].tasks[1].function: is required but missing",
        ),
        (
            {"name": "Bad", "type": "LAMBDA", "function": "SSMx", "document": "AWS-X"},
            "patch_window.windows[0].tasks[1].document: unknown key; allowed: client_context, "
            "cutoff_behavior, description, function, id, max_concurrency, max_errors, name, "
            "payload, priority, qualifier, targets, type",
        ),
        (
            {"name": "Bad", "type": "AUTOMATION", "document": "AWS-X", "max_errors": "1"},
            "patch_window.windows[0].tasks[1].max_errors: must be left out of a targetless "
            "AUTOMATION task (no targets), got '1'",
        ),
        (
            {
                "name": "Bad",
                "type": "AUTOMATION",
                "document": "AWS-X",
                "targets": ["TestWebServers"],
            },
            "patch_window.windows[0].tasks[1].max_concurrency: is required but missing",
        ),
        (
            {"name": "Bad", "type": "STEP_FUNCTIONS", "state_machine": "arn:aws:sqs:x"},
            "patch_window.windows[0].tasks[1].state_machine: must be a state machine name (1-80 "
            "letters, digits, '-' or '_') or ARN such as "
            "'arn:aws:states:us-east-1:123456789012:stateMachine:SSMDrainAndPatch', "
            "got 'arn:aws:sqs:x'",
        ),
        (
            {"name": "Bad", "type": "LAMBDA", "function": "SSMx", "payload": {"x": "y" * 5000}},
            "patch_window.windows[0].tasks[1].payload: must be at most 4096 bytes as UTF-8, "
            "got 5008 bytes",
        ),
        (
            {
                "name": "Bad",
                "type": "STEP_FUNCTIONS",
                "state_machine": "SSMx",
                "execution_name": "a b",
            },
            "patch_window.windows[0].tasks[1].execution_name: must be 1-80 characters, each a "
            "letter, digit, '-' or '_', got 'a b'",
        ),
    ],
)
def test_config_task_type_problems(task: dict[str, Any], problem: str) -> None:
    from tests.conftest import lab_settings

    settings = lab_settings()
    settings["windows"][0]["tasks"].append(task)
    with pytest.raises(PatchWindowValidationError) as caught:
        read_settings(settings)
    assert problem in caught.value.problems, caught.value.problems
