"""Rules of a window task (``AWS::SSM::MaintenanceWindowTask``) and of each task type's block.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from patch_window import vocabulary
from patch_window.rules.common import integer_in_range, text_length

MAX_CONCURRENCY_PATTERN = re.compile(r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$")


MAX_ERRORS_PATTERN = re.compile(r"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$")


def priority(value: int) -> str | None:
    """Task priority: 0 or more; lower runs first, equal priorities run in parallel."""
    return integer_in_range(value, minimum=0, maximum=None, unit="")


def max_concurrency(value: str) -> str | None:
    """How many targets run at once: a positive count or a percentage 1%-100%."""
    if MAX_CONCURRENCY_PATTERN.match(value):
        return None
    return f"must be a number of targets (1 or more) or a percentage (1%-100%), got {value!r}"


def max_errors(value: str) -> str | None:
    """How many errors stop the task: a count (0 or more) or a percentage 0%-100%."""
    if MAX_ERRORS_PATTERN.match(value):
        return None
    return f"must be a number of errors (0 or more) or a percentage (0%-100%), got {value!r}"


def document_parameters(parameters: Mapping[str, Sequence[str]]) -> str | None:
    """Document parameters: a map of parameter name to a list of strings."""
    for key, values in parameters.items():
        if isinstance(values, str) or not all(isinstance(v, str) for v in values):
            return f"parameter {key!r} must be a list of strings, got {values!r}"
    return None


CUTOFF_BEHAVIORS = vocabulary.values(vocabulary.CutoffBehavior)


DOCUMENT_VERSION_PATTERN = re.compile(r"^(\$DEFAULT|\$LATEST|[0-9]+)$")


def cutoff_behavior(value: str) -> str | None:
    """What a task does at the cutoff: CONTINUE_TASK or CANCEL_TASK."""
    if value in CUTOFF_BEHAVIORS:
        return None
    return f"must be one of {', '.join(CUTOFF_BEHAVIORS)}, got {value!r}"


def document_version(value: str) -> str | None:
    """A document version: $DEFAULT, $LATEST or a version number."""
    if DOCUMENT_VERSION_PATTERN.match(value):
        return None
    return f"must be '$DEFAULT', '$LATEST' or a version number such as '3', got {value!r}"


def timeout_seconds(value: int) -> str | None:
    """How long a Run Command may take to start: 30-2592000 seconds (30 days)."""
    return integer_in_range(value, minimum=30, maximum=2_592_000, unit="seconds")


def comment(value: str) -> str | None:
    """A Run Command comment: up to 100 characters."""
    return text_length(value, minimum=0, maximum=100)


DOCUMENT_NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_\-.]{3,128}$")


DOCUMENT_ARN_PATTERN = re.compile(
    r"^arn:aws[a-z-]*:ssm:[a-z0-9-]*:[0-9]{0,12}:document/[a-zA-Z0-9_\-.]{3,128}$"
)


def document(value: str) -> str | None:
    """A Systems Manager document: its name (3-128 of ``a-zA-Z0-9_-.``) or its ARN."""
    if DOCUMENT_NAME_PATTERN.match(value) or DOCUMENT_ARN_PATTERN.match(value):
        return None
    return (
        "must be a document name (3-128 letters, digits, '-', '_' or '.') or a document ARN "
        f"such as 'arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline', got {value!r}"
    )


LAMBDA_QUALIFIER_PATTERN = re.compile(r"^(\$LATEST|[a-zA-Z0-9-_]{1,128})$")


EXECUTION_NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]{1,80}$")


LAMBDA_FUNCTION_PATTERN = re.compile(
    r"^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9$_-]+)?$"
)


STATE_MACHINE_PATTERN = re.compile(
    r"^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:)?[a-zA-Z0-9_-]{1,80}$"
)


def lambda_qualifier(value: str) -> str | None:
    """A Lambda version or alias: ``$LATEST``, a number or an alias name, 1-128."""
    if LAMBDA_QUALIFIER_PATTERN.match(value):
        return None
    return f"must be a version, an alias or '$LATEST' (1-128 characters), got {value!r}"


def lambda_payload(value: str) -> str | None:
    """The JSON a Lambda task sends: up to 4096 characters."""
    return text_length(value, minimum=0, maximum=4096)


def lambda_client_context(value: str) -> str | None:
    """The client context (base64 JSON) of a Lambda task: 1-8000 characters once encoded."""
    return text_length(value, minimum=1, maximum=8000)


def step_functions_input(value: str) -> str | None:
    """The JSON input of a Step Functions task: up to 4096 characters."""
    return text_length(value, minimum=0, maximum=4096)


def execution_name(value: str) -> str | None:
    """A Step Functions execution name: 1-80 letters, digits, '-' or '_'."""
    if EXECUTION_NAME_PATTERN.match(value):
        return None
    return f"must be 1-80 characters, each a letter, digit, '-' or '_', got {value!r}"


def lambda_function(value: str) -> str | None:
    """A Lambda function name, or its ARN (optionally with a qualifier)."""
    if LAMBDA_FUNCTION_PATTERN.match(value):
        return None
    return (
        "must be a function name (1-64 letters, digits, '-' or '_') or a function ARN such as "
        f"'arn:aws:lambda:us-east-1:123456789012:function:SSMPatchReport', got {value!r}"
    )


def state_machine(value: str) -> str | None:
    """A Step Functions state machine name or ARN."""
    if STATE_MACHINE_PATTERN.match(value):
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
