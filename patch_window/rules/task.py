"""Rules of a window task (``AWS::SSM::MaintenanceWindowTask``) and of each task type's block.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from patch_window import vocabulary
from patch_window.rules.common import (
    AUTOMATION,
    LAMBDA,
    MWTASK,
    RUN,
    STEP_FUNCTIONS,
    aws,
    integer_within,
    length_range,
    matches,
    text_within,
    within,
)


def priority(value: int) -> str | None:
    """Task priority: 0 or more; lower runs first, equal priorities run in parallel."""
    return integer_within(f"{MWTASK}.Priority", value, unit="")


def max_concurrency(value: str) -> str | None:
    """How many targets run at once: a positive count or a percentage 1%-100%."""
    if within(f"{MWTASK}.MaxConcurrency", value):
        return None
    return f"must be a number of targets (1 or more) or a percentage (1%-100%), got {value!r}"


def max_errors(value: str) -> str | None:
    """How many errors stop the task: a count (0 or more) or a percentage 0%-100%."""
    if within(f"{MWTASK}.MaxErrors", value):
        return None
    return f"must be a number of errors (0 or more) or a percentage (0%-100%), got {value!r}"


def document_parameters(parameters: Mapping[str, Sequence[str]]) -> str | None:
    """Document parameters: a map of parameter name to a list of strings."""
    for key, values in parameters.items():
        if isinstance(values, str) or not all(isinstance(v, str) for v in values):
            return f"parameter {key!r} must be a list of strings, got {values!r}"
    return None


def automation_parameters(parameters: Mapping[str, Sequence[str]]) -> str | None:
    """Automation parameters, within the API's limits: how many, name lengths, how many
    values each and each value's length."""
    problem = document_parameters(parameters)
    if problem:
        return problem
    entries = aws(f"{AUTOMATION}.Parameters")
    # An empty mapping is left out of the template (no Parameters), so it is never sent.
    if parameters and not within(f"{AUTOMATION}.Parameters", dict(parameters)):
        return (
            f"must name {entries.min_items}-{entries.max_items} parameters, got {len(parameters)}"
        )
    for key, values in parameters.items():
        if not within(f"{AUTOMATION}.Parameters{{key}}", key):
            return (
                f"parameter names must be {length_range(f'{AUTOMATION}.Parameters{{key}}')} "
                f"characters, got {key!r}"
            )
        if not within(f"{AUTOMATION}.Parameters.*", list(values)):
            most = aws(f"{AUTOMATION}.Parameters.*").max_items
            return f"parameter {key!r} must have at most {most} values, got {len(values)}"
        for value in values:
            if not within(f"{AUTOMATION}.Parameters.*[]", value):
                return (
                    f"parameter {key!r} values must be "
                    f"{length_range(f'{AUTOMATION}.Parameters.*[]')} characters, "
                    f"got {len(value)} characters"
                )
    return None


CUTOFF_BEHAVIORS = vocabulary.values(vocabulary.CutoffBehavior)


def cutoff_behavior(value: str) -> str | None:
    """What a task does at the cutoff: CONTINUE_TASK or CANCEL_TASK."""
    if value in CUTOFF_BEHAVIORS:
        return None
    return f"must be one of {', '.join(CUTOFF_BEHAVIORS)}, got {value!r}"


def document_version(value: str) -> str | None:
    """A document version: $DEFAULT, $LATEST or a version number."""
    if within(f"{RUN}.DocumentVersion", value) and within(f"{AUTOMATION}.DocumentVersion", value):
        return None
    return f"must be '$DEFAULT', '$LATEST' or a version number such as '3', got {value!r}"


def timeout_seconds(value: int) -> str | None:
    """How long a Run Command may take to start: 30-2592000 seconds (30 days)."""
    return integer_within(f"{RUN}.TimeoutSeconds", value, unit="seconds")


def comment(value: str) -> str | None:
    """A Run Command comment: up to 100 characters."""
    return text_within(f"{RUN}.Comment", value)


DOCUMENT_NAME_PATTERN = re.compile(r"[a-zA-Z0-9_\-.]{3,128}")


DOCUMENT_ARN_PATTERN = re.compile(
    r"arn:aws[a-z-]*:ssm:[a-z0-9-]*:[0-9]{0,12}:document/[a-zA-Z0-9_\-.]{3,128}"
)


def document(value: str) -> str | None:
    """A Systems Manager document: its name (3-128 of ``a-zA-Z0-9_-.``) or its ARN."""
    if matches(DOCUMENT_NAME_PATTERN, value) or matches(DOCUMENT_ARN_PATTERN, value):
        return None
    return (
        "must be a document name (3-128 letters, digits, '-', '_' or '.') or a document ARN "
        f"such as 'arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline', got {value!r}"
    )


EXECUTION_NAME_PATTERN = re.compile(r"[a-zA-Z0-9_-]+")


LAMBDA_FUNCTION_PATTERN = re.compile(
    r"(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9$_-]+)?"
)


STATE_MACHINE_PATTERN = re.compile(
    r"(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:)?[a-zA-Z0-9_-]{1,80}"
)


def lambda_qualifier(value: str) -> str | None:
    """A Lambda version or alias: ``$LATEST``, a number or an alias name, 1-128."""
    if within(f"{LAMBDA}.Qualifier", value):
        return None
    return (
        f"must be a version, an alias or '$LATEST' ({length_range(f'{LAMBDA}.Qualifier')} "
        f"characters), got {value!r}"
    )


def lambda_payload(value: str) -> str | None:
    """The JSON a Lambda task sends: up to 4096 bytes once UTF-8 encoded (the API's blob)."""
    if within(f"{LAMBDA}.Payload", value):
        return None
    most = aws(f"{LAMBDA}.Payload").max_length
    return f"must be at most {most} bytes as UTF-8, got {len(value.encode())} bytes"


def lambda_client_context(value: str) -> str | None:
    """The client context (base64 JSON) of a Lambda task: 1-8000 characters once encoded."""
    return text_within(f"{LAMBDA}.ClientContext", value)


def step_functions_input(value: str) -> str | None:
    """The JSON input of a Step Functions task: up to 4096 characters."""
    return text_within(f"{STEP_FUNCTIONS}.Input", value)


def execution_name(value: str) -> str | None:
    """A Step Functions execution name: 1-80 letters, digits, '-' or '_'."""
    if matches(EXECUTION_NAME_PATTERN, value) and within(f"{STEP_FUNCTIONS}.Name", value):
        return None
    return (
        f"must be {length_range(f'{STEP_FUNCTIONS}.Name')} characters, each a letter, digit, "
        f"'-' or '_', got {value!r}"
    )


def lambda_function(value: str) -> str | None:
    """A Lambda function name, or its ARN (optionally with a qualifier)."""
    if matches(LAMBDA_FUNCTION_PATTERN, value):
        return None
    return (
        "must be a function name (1-64 letters, digits, '-' or '_') or a function ARN such as "
        f"'arn:aws:lambda:us-east-1:123456789012:function:SSMPatchReport', got {value!r}"
    )


def state_machine(value: str) -> str | None:
    """A Step Functions state machine name or ARN."""
    if matches(STATE_MACHINE_PATTERN, value):
        return None
    return (
        "must be a state machine name (1-80 letters, digits, '-' or '_') or ARN such as "
        "'arn:aws:states:us-east-1:123456789012:stateMachine:SSMDrainAndPatch', "
        f"got {value!r}"
    )


TASK_TYPES = vocabulary.values(vocabulary.TaskType)


def task_type(value: str) -> str | None:
    """A maintenance window task type."""
    if value in TASK_TYPES:
        return None
    return f"must be one of {', '.join(TASK_TYPES)}, got {value!r}"


REBOOT_OPTIONS = vocabulary.values(vocabulary.RebootOption)


def reboot_option(value: str) -> str | None:
    """AWS-RunPatchBaseline's RebootOption."""
    if value in REBOOT_OPTIONS:
        return None
    return f"must be one of {', '.join(REBOOT_OPTIONS)}, got {value!r}"
