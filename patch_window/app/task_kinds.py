"""Each task type as cdk.json meets it: its keys, how they are read, how its task is built.

The reader and the stack look a type up here instead of switching on strings, so adding a task
type to the app is one :class:`TaskKind` below (plus the library's task module and the type's
fields on :class:`~patch_window.app.settings.TaskConfig`). Reading is pure; building imports
aws-cdk-lib only when it runs, so the reader stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from patch_window.json_text import base64_json, compact_json
from patch_window.rules import tables
from patch_window.vocabulary import TaskType

if TYPE_CHECKING:
    import aws_cdk.aws_iam as iam

    from patch_window.app.settings import NotificationsConfig, OutputConfig, TaskConfig
    from patch_window.app.task_resources import TaskResources
    from patch_window.window import MaintenanceWindow

Rule = Callable[[Any], str | None]


class TaskFields(Protocol):
    """One task object of cdk.json being read (the reader's view of it)."""

    value: dict[str, Any]

    def get(
        self, key: str, kind: type[Any], *, required: bool = False, rule: Rule | None = None
    ) -> Any: ...

    def string_lists(
        self, key: str, *, rule: Rule | None = None
    ) -> Mapping[str, tuple[str, ...]] | None: ...

    def output(self, key: str) -> OutputConfig | None: ...

    def notifications(self, key: str) -> NotificationsConfig | None: ...


@dataclass(frozen=True)
class TaskBuild:
    """What building one configured task needs from the stack."""

    window: MaintenanceWindow
    id_: str
    role: iam.IRole
    config: TaskConfig
    common: Mapping[str, Any]
    """The props every task type takes (name, priority, targets, rate control...)."""
    resources: TaskResources


@dataclass(frozen=True)
class TaskKind:
    """One task type: the cdk.json keys it takes beyond the common ones, how to read and build.

    :param always_targeted: a task of this type always has targets (Run Command: by default
        all of its window's); other types are targetless when they name none.
    """

    type: TaskType
    required: frozenset[str]
    optional: frozenset[str]
    read: Callable[[TaskFields], dict[str, Any]]
    build: Callable[[TaskBuild], Any]
    always_targeted: bool = False


def _json_within(rule: Rule, *, base64: bool = False) -> Rule:
    """A length rule applied to an object as the task sends it: compact JSON, or base64 JSON
    for a Lambda client context (as :mod:`patch_window.tasks.lambda_invoke` renders them)."""

    def check(value: dict[str, Any]) -> str | None:
        return rule(base64_json(value) if base64 else compact_json(value))

    return check


# -- Run Command -----------------------------------------------------------------------------


def _read_documents(obj: TaskFields, table: tables.RuleTable) -> dict[str, Any]:
    return {
        "document": obj.get("document", str, required=True, rule=table.rule("document")),
        "parameters": obj.string_lists("parameters", rule=table.rule("parameters")),
        "document_version": obj.get("document_version", str, rule=table.rule("document_version")),
    }


def _read_run_command(obj: TaskFields) -> dict[str, Any]:
    table = tables.RUN_COMMAND
    documents = _read_documents(obj, table)
    if documents["document"] is not None and documents["parameters"] is not None:
        # the row comparing parameters with the document, as the construct runs it
        obj.get(
            "parameters",
            dict,
            rule=lambda _: table.pair("parameters", "document")(
                documents["parameters"], documents["document"]
            ),
        )
    return {
        **documents,
        "timeout_seconds": obj.get("timeout_seconds", int, rule=table.rule("timeout")),
        "comment": obj.get("comment", str, rule=table.rule("comment")),
        "output": obj.output("output"),
        "notifications": obj.notifications("notifications"),
    }


def _build_run_command(build: TaskBuild) -> Any:
    import aws_cdk as cdk

    config = build.config
    return build.window.add_run_command_task(
        build.id_,
        document=config.document or "",
        role=build.role,
        parameters=config.parameters,
        document_version=config.document_version,
        timeout=(
            cdk.Duration.seconds(config.timeout_seconds)
            if config.timeout_seconds is not None
            else None
        ),
        comment=config.comment,
        **build.common,
        **build.resources.task_kwargs(config.output, config.notifications),
    )


# -- Automation ------------------------------------------------------------------------------


def _read_automation(obj: TaskFields) -> dict[str, Any]:
    return _read_documents(obj, tables.AUTOMATION)


def _build_automation(build: TaskBuild) -> Any:
    config = build.config
    return build.window.add_automation_task(
        build.id_,
        document=config.document or "",
        role=build.role,
        parameters=config.parameters,
        document_version=config.document_version,
        **build.common,
    )


# -- Lambda ----------------------------------------------------------------------------------


def _read_lambda(obj: TaskFields) -> dict[str, Any]:
    table = tables.LAMBDA
    return {
        "function": obj.get("function", str, required=True, rule=table.rule("function")),
        "qualifier": obj.get("qualifier", str, rule=table.rule("qualifier")),
        "payload": obj.get("payload", dict, rule=_json_within(table.rule("payload"))),
        "client_context": obj.get(
            "client_context",
            dict,
            rule=_json_within(table.rule("client_context"), base64=True),
        ),
    }


def _build_lambda(build: TaskBuild) -> Any:
    """The function is imported by ARN, or by name in this stack's account and Region."""
    import aws_cdk.aws_lambda as lambda_

    config, window, id_ = build.config, build.window, build.id_
    name = config.function or ""
    function = (
        lambda_.Function.from_function_arn(window, f"{id_}Function", name)
        if name.startswith("arn:")
        else lambda_.Function.from_function_name(window, f"{id_}Function", name)
    )
    return window.add_lambda_task(
        id_,
        function=function,
        role=build.role,
        qualifier=config.qualifier,
        payload=config.payload,
        client_context=config.client_context,
        **build.common,
    )


# -- Step Functions --------------------------------------------------------------------------


def _read_step_functions(obj: TaskFields) -> dict[str, Any]:
    table = tables.STEP_FUNCTIONS
    return {
        "state_machine": obj.get(
            "state_machine", str, required=True, rule=table.rule("state_machine")
        ),
        "input": obj.get("input", dict, rule=_json_within(table.rule("input"))),
        "execution_name": obj.get("execution_name", str, rule=table.rule("execution_name")),
    }


def _build_step_functions(build: TaskBuild) -> Any:
    """The state machine is imported by ARN, or by name in this stack's account and Region."""
    import aws_cdk.aws_stepfunctions as sfn

    config, window, id_ = build.config, build.window, build.id_
    name = config.state_machine or ""
    machine = (
        sfn.StateMachine.from_state_machine_arn(window, f"{id_}Machine", name)
        if name.startswith("arn:")
        else sfn.StateMachine.from_state_machine_name(window, f"{id_}Machine", name)
    )
    return window.add_step_functions_task(
        id_,
        state_machine=machine,
        role=build.role,
        input=config.input,
        execution_name=config.execution_name,
        **build.common,
    )


TASK_KINDS: dict[str, TaskKind] = {
    kind.type.value: kind
    for kind in (
        TaskKind(
            TaskType.RUN_COMMAND,
            required=frozenset({"document"}),
            optional=frozenset(
                {"parameters", "document_version", "timeout_seconds", "comment", "output"}
                | {"notifications"}
            ),
            read=_read_run_command,
            build=_build_run_command,
            always_targeted=True,
        ),
        TaskKind(
            TaskType.AUTOMATION,
            required=frozenset({"document"}),
            optional=frozenset({"parameters", "document_version"}),
            read=_read_automation,
            build=_build_automation,
        ),
        TaskKind(
            TaskType.LAMBDA,
            required=frozenset({"function"}),
            optional=frozenset({"qualifier", "payload", "client_context"}),
            read=_read_lambda,
            build=_build_lambda,
        ),
        TaskKind(
            TaskType.STEP_FUNCTIONS,
            required=frozenset({"state_machine"}),
            optional=frozenset({"input", "execution_name"}),
            read=_read_step_functions,
            build=_build_step_functions,
        ),
    )
}
"""Every task type the app reads, by its ``type`` value."""
