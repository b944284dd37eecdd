"""``patch-window:managed-policy-name-not-ssm`` fires for every form a function or state
machine can be given in: by name, by ARN (with or without a qualifier), by attributes, and
created in the app, with a name or a generated one. Only a name unknown at synth is skipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_lambda as lambda_
import aws_cdk.aws_stepfunctions as sfn
import pytest
from aws_cdk.assertions import Annotations, Match
from constructs import Construct

from patch_window import MaintenanceWindow, MaintenanceWindowRole, Schedule
from patch_window.advisories import MANAGED_POLICY_NAME_NOT_SSM
from patch_window.vocabulary import RolePolicy

ACCOUNT, REGION = "123456789012", "eu-west-1"
FN_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:"
SM_ARN = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:"


def _code() -> dict[str, Any]:
    return {
        "runtime": lambda_.Runtime.PYTHON_3_12,
        "handler": "index.handler",
        "code": lambda_.Code.from_inline("def handler(event, context): pass"),
    }


def _chain(scope: Construct) -> sfn.DefinitionBody:
    return sfn.DefinitionBody.from_chainable(sfn.Pass(scope, "Pass"))


FUNCTIONS: dict[str, Callable[[Construct, str], lambda_.IFunction]] = {
    "by-name": lambda s, n: lambda_.Function.from_function_name(s, "F", n),
    "by-arn": lambda s, n: lambda_.Function.from_function_arn(s, "F", FN_ARN + n),
    "by-arn-with-alias": lambda s, n: lambda_.Function.from_function_arn(
        s, "F", f"{FN_ARN}{n}:live"
    ),
    "by-attributes": lambda s, n: lambda_.Function.from_function_attributes(
        s, "F", function_arn=FN_ARN + n, same_environment=True
    ),
    "created-with-a-name": lambda s, n: lambda_.Function(s, "F", function_name=n, **_code()),
}
MACHINES: dict[str, Callable[[Construct, str], sfn.IStateMachine]] = {
    "by-name": lambda s, n: sfn.StateMachine.from_state_machine_name(s, "M", n),
    "by-arn": lambda s, n: sfn.StateMachine.from_state_machine_arn(s, "M", SM_ARN + n),
    "created-with-a-name": lambda s, n: sfn.StateMachine(
        s, "M", state_machine_name=n, definition_body=_chain(s)
    ),
}
FORMS = [("function", f) for f in FUNCTIONS] + [("state machine", m) for m in MACHINES]


def _warnings(policy: RolePolicy, name: str) -> dict[str, list[str]]:
    """One stack with a task for every form: the warning texts by task path."""
    stack = cdk.Stack(cdk.App(), "S", env=cdk.Environment(account=ACCOUNT, region=REGION))
    role = MaintenanceWindowRole(stack, "Role", policy=policy).role
    window = MaintenanceWindow(
        stack,
        "W",
        schedule=Schedule.daily(hour=2),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
    for form, make in FUNCTIONS.items():
        holder = Construct(stack, f"Fn-{form}")
        window.add_lambda_task(f"L-{form}", function=make(holder, name), role=role)
    for form, make_machine in MACHINES.items():
        holder = Construct(stack, f"Sm-{form}")
        window.add_step_functions_task(
            f"S-{form}", state_machine=make_machine(holder, name), role=role
        )
    generated = Construct(stack, "Generated")
    window.add_lambda_task(
        "L-generated", function=lambda_.Function(generated, "F", **_code()), role=role
    )
    window.add_step_functions_task(
        "S-generated",
        state_machine=sfn.StateMachine(generated, "M", definition_body=_chain(generated)),
        role=role,
    )
    unknown = lambda_.Function.from_function_arn(
        stack, "Unknown", cdk.Fn.import_value("ReportFunctionArn")
    )
    window.add_lambda_task("L-unknown", function=unknown, role=role)
    found: dict[str, list[str]] = {}
    for message in Annotations.from_stack(stack).find_warning("*", Match.any_value()):
        data = str(message.entry.data)
        if data.endswith(f"[ack: {MANAGED_POLICY_NAME_NOT_SSM}]"):
            found.setdefault(message.id.rsplit("/", 1)[-1], []).append(data)
    return found


@pytest.fixture(scope="module")
def managed_not_ssm() -> dict[str, list[str]]:
    return _warnings(RolePolicy.AWS_MANAGED, "PatchReport")


@pytest.mark.parametrize(("kind", "form"), FORMS)
def test_a_name_not_starting_with_ssm_warns_in_every_form(
    managed_not_ssm: dict[str, list[str]], kind: str, form: str
) -> None:
    task = f"{'L' if kind == 'function' else 'S'}-{form}"
    [message] = managed_not_ssm[task]
    assert message.startswith(f"{kind} 'PatchReport' does not start with 'SSM': "), message


@pytest.mark.parametrize("task", ["L-generated", "S-generated"])
def test_a_generated_name_warns(managed_not_ssm: dict[str, list[str]], task: str) -> None:
    [message] = managed_not_ssm[task]
    assert "gets a name CloudFormation generates" in message


def test_only_the_forms_above_warn(managed_not_ssm: dict[str, list[str]]) -> None:
    """A name unknown at synth (an imported output) cannot be judged: no warning."""
    assert sorted(managed_not_ssm) == sorted(
        [f"L-{f}" for f in FUNCTIONS]
        + [f"S-{m}" for m in MACHINES]
        + ["L-generated", "S-generated"]
    )


def test_ssm_names_do_not_warn_in_any_form() -> None:
    found = _warnings(RolePolicy.AWS_MANAGED, "SSMPatchReport")
    assert sorted(found) == ["L-generated", "S-generated"]


def test_least_privilege_never_warns_about_names() -> None:
    assert _warnings(RolePolicy.LEAST_PRIVILEGE, "PatchReport") == {}
