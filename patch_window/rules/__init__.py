"""Validation rules: one small pure function per CloudFormation or SSM constraint.

Each rule returns ``None`` when the value is allowed, otherwise one line saying what is wrong,
quoting the value received and saying what is allowed. The caller puts the setting's name or
path in front (``patch_window.windows[0].name: ...`` in cdk.json, ``<construct path>: name ...``
in the library). Rules never see unresolved tokens: callers skip those.
Sources: ``shared/reference/cloudformation-rules.md``.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import zoneinfo
from collections.abc import Mapping, Sequence

from patch_window.schedule_expression import schedule_expression_problem

NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_\-.]{3,128}$")
MAX_CONCURRENCY_PATTERN = re.compile(r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$")
MAX_ERRORS_PATTERN = re.compile(r"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$")
MAX_TAG_FILTERS = 5
MAX_TAG_VALUES = 50


def name(value: str) -> str | None:
    """Window, target and task names: 3-128 letters, digits, '-', '_' or '.'."""
    if NAME_PATTERN.match(value):
        return None
    return f"must be 3-128 characters, each a letter, digit, '-', '_' or '.', got {value!r}"


def text_length(value: str, *, minimum: int, maximum: int) -> str | None:
    """Free text (descriptions, owner information, comments) within CloudFormation's lengths."""
    if minimum <= len(value) <= maximum:
        return None
    return f"must be {minimum}-{maximum} characters long, got {len(value)} characters"


def description(value: str) -> str | None:
    """Descriptions of windows, targets and tasks: 1-128 characters."""
    return text_length(value, minimum=1, maximum=128)


def owner_information(value: str) -> str | None:
    """Target owner information, sent in every run's events: 1-128 characters."""
    return text_length(value, minimum=1, maximum=128)


def integer_in_range(value: int, *, minimum: int, maximum: int | None, unit: str) -> str | None:
    """A whole number of ``unit`` between ``minimum`` and ``maximum`` (inclusive)."""
    if value >= minimum and (maximum is None or value <= maximum):
        return None
    allowed = f"{minimum}-{maximum}" if maximum is not None else f"{minimum} or more"
    suffix = f" {unit}" if unit else ""
    return f"must be {allowed}{suffix}, got {value}"


def duration_hours(value: int) -> str | None:
    """Window duration: 1-24 hours."""
    return integer_in_range(value, minimum=1, maximum=24, unit="hours")


def cutoff_hours(value: int) -> str | None:
    """Hours before the window ends when no new task starts: 0-23."""
    return integer_in_range(value, minimum=0, maximum=23, unit="hours")


def cutoff_below_duration(cutoff: int, duration: int) -> str | None:
    """A cutoff equal to or above the duration deploys fine, but then no task ever starts."""
    if cutoff < duration:
        return None
    return (
        f"must be less than the duration ({duration} hours), got {cutoff} hours: "
        "no task could ever start"
    )


def schedule(value: str) -> str | None:
    """A maintenance window schedule: cron(...), rate(...) or at(...), parsed for real."""
    return schedule_expression_problem(value)


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


def tag_filters(tags: Mapping[str, Sequence[str]]) -> str | None:
    """Tag targets: 1-5 tag keys, each with 1-50 values; an instance must match all of them."""
    if not tags:
        return "must name at least one tag key with values, got none"
    if len(tags) > MAX_TAG_FILTERS:
        return f"must have at most {MAX_TAG_FILTERS} tag keys, got {len(tags)}"
    for key, values in tags.items():
        key_problem = tag_key(key)
        if key_problem:
            return key_problem
        if not values:
            return f"tag {key!r} must have 1-{MAX_TAG_VALUES} values, got none"
        if len(values) > MAX_TAG_VALUES:
            return f"tag {key!r} must have at most {MAX_TAG_VALUES} values, got {len(values)}"
        repeated = sorted({value for value in values if list(values).count(value) > 1})
        if repeated:
            return f"tag {key!r} must list each value once, got {repeated[0]!r} more than once"
    return None


TAG_KEY_PUNCTUATION = frozenset("_.:/=-@")
MAX_TAG_KEY_LENGTH = 128


def tag_key(key: str) -> str | None:
    """A tag key SSM accepts in a target: 1-128 letters, digits, spaces or ``_.:/=-@``.

    SSM's pattern is ``[\\p{L}\\p{Z}\\p{N}_.:/=\\-@]``; Python's ``re`` has no ``\\p``, so the
    Unicode categories are checked directly.
    """
    if key == "__proto__":
        # Valid for SSM, but jsii (the bridge to the CDK's JavaScript) cannot carry it.
        return "tag key '__proto__' cannot be passed through the CDK; rename the tag"
    if 1 <= len(key) <= MAX_TAG_KEY_LENGTH and all(_tag_key_char(c) for c in key):
        return None
    return (
        f"tag key must be 1-{MAX_TAG_KEY_LENGTH} characters, each a letter, digit, space or "
        f"one of '_.:/=-@', got {key!r}"
    )


def _tag_key_char(char: str) -> bool:
    return char in TAG_KEY_PUNCTUATION or unicodedata.category(char)[0] in "LZN"


def document_parameters(parameters: Mapping[str, Sequence[str]]) -> str | None:
    """Document parameters: a map of parameter name to a list of strings."""
    for key, values in parameters.items():
        if isinstance(values, str) or not all(isinstance(v, str) for v in values):
            return f"parameter {key!r} must be a list of strings, got {values!r}"
    return None


IAM_NAME_PATTERN = re.compile(r"^[\w+=,.@-]+$")
SERVICE_PRINCIPAL_PATTERN = re.compile(r"^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$")


def iam_name(value: str, *, maximum: int) -> str | None:
    """IAM role, policy and group names: 1-``maximum`` letters, digits or ``+=,.@_-``."""
    if len(value) <= maximum and IAM_NAME_PATTERN.match(value):
        return None
    return (
        f"must be 1-{maximum} characters, each a letter, digit or one of '+=,.@_-', got {value!r}"
    )


def role_name(value: str) -> str | None:
    """IAM role names: up to 64 characters."""
    return iam_name(value, maximum=64)


def policy_name(value: str) -> str | None:
    """IAM managed policy names: up to 128 characters."""
    return iam_name(value, maximum=128)


def group_name(value: str) -> str | None:
    """IAM group names: up to 128 characters."""
    return iam_name(value, maximum=128)


def role_description(value: str) -> str | None:
    """IAM role descriptions: up to 1000 characters."""
    return text_length(value, minimum=0, maximum=1000)


def service_principal(value: str) -> str | None:
    """A service principal such as ``ssm.amazonaws.com``."""
    if SERVICE_PRINCIPAL_PATTERN.match(value):
        return None
    return f"must be a service principal such as 'ssm.amazonaws.com', got {value!r}"


STACK_NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,127}$")
CUTOFF_BEHAVIORS = ("CONTINUE_TASK", "CANCEL_TASK")
DOCUMENT_VERSION_PATTERN = re.compile(r"^(\$DEFAULT|\$LATEST|[0-9]+)$")


def stack_name(value: str) -> str | None:
    """CloudFormation stack names: a letter, then letters, digits or '-', at most 128."""
    if STACK_NAME_PATTERN.match(value):
        return None
    return (
        "must start with a letter and hold only letters, digits and '-', at most 128 "
        f"characters, got {value!r}"
    )


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


def schedule_timezone(value: str) -> str | None:
    """An IANA time zone name such as 'Europe/London' or 'UTC'."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f"must be an IANA time zone name such as 'Europe/London' or 'UTC', got {value!r}"
    return None


def schedule_offset(value: int, schedule_expression: str) -> str | None:
    """Days to wait after a cron schedule's date: 1-6, and only with a cron schedule."""
    if not schedule_expression.startswith("cron("):
        return f"is allowed only with a cron(...) schedule, got {schedule_expression!r}"
    return integer_in_range(value, minimum=1, maximum=6, unit="days")


def end_after_start(end: datetime.datetime, start: datetime.datetime) -> str | None:
    """A window that ends before it starts never runs."""
    if end > start:
        return None
    return f"must be after the start date ({start.isoformat()}), got {end.isoformat()}"


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


INSTANCE_ID_PATTERN = re.compile(r"^(i|mi)-[0-9a-f]{8,17}$")
MAX_INSTANCE_IDS = 50
RESOURCE_GROUP_NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_.-]{1,128}$")
RESOURCE_TYPE_PATTERN = re.compile(r"^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$")


def tag_keys(keys: Sequence[str]) -> str | None:
    """``tag-key`` targets: 1-50 tag keys; an instance carrying any of them matches."""
    if not keys:
        return "must name at least one tag key, got none"
    if len(keys) > MAX_TAG_VALUES:
        return f"must name at most {MAX_TAG_VALUES} tag keys, got {len(keys)}"
    for key in keys:
        problem = tag_key(key)
        if problem:
            return problem
    return None


def instance_ids(ids: Sequence[str]) -> str | None:
    """``InstanceIds`` targets: 1-50 EC2 (``i-``) or managed (``mi-``) instance ids."""
    if not ids:
        return "must name at least one instance id, got none"
    if len(ids) > MAX_INSTANCE_IDS:
        return f"must name at most {MAX_INSTANCE_IDS} instance ids, got {len(ids)}"
    for instance_id in ids:
        if not INSTANCE_ID_PATTERN.match(instance_id):
            return (
                "must be instance ids such as 'i-0123456789abcdef0' or 'mi-0123456789abcdef0', "
                f"got {instance_id!r}"
            )
    repeated = sorted({i for i in ids if list(ids).count(i) > 1})
    if repeated:
        return f"must list each instance once, got {repeated[0]!r} more than once"
    return None


def resource_group_name(value: str) -> str | None:
    """A resource group's name: 1-128 letters, digits, '_', '.' or '-'."""
    if RESOURCE_GROUP_NAME_PATTERN.match(value):
        return None
    return f"must be 1-128 characters, each a letter, digit, '_', '.' or '-', got {value!r}"


def resource_types(types: Sequence[str]) -> str | None:
    """Resource group type filters such as ``AWS::EC2::Instance``."""
    for resource_type in types:
        if not RESOURCE_TYPE_PATTERN.match(resource_type):
            return f"must be resource types such as 'AWS::EC2::Instance', got {resource_type!r}"
    return None


# -- the task role's policy (issue #4) ----------------------------------------------------

ROLE_POLICIES = ("aws-managed", "least-privilege")


def role_policy(value: str) -> str | None:
    """The task role's policy: the lab's AWS managed one, or least privilege."""
    if value in ROLE_POLICIES:
        return None
    return f"must be one of {', '.join(ROLE_POLICIES)}, got {value!r}"


# -- command output and notifications (issue #4) -------------------------------------------

BUCKET_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
LOG_GROUP_NAME_PATTERN = re.compile(r"^[.\-_/#A-Za-z0-9]{1,512}$")
SNS_TOPIC_ARN_PATTERN = re.compile(
    r"^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$"
)
LOG_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
    2922, 3288, 3653,
)  # fmt: skip
NOTIFICATION_EVENTS = ("All", "InProgress", "Success", "TimedOut", "Cancelled", "Failed")
NOTIFICATION_TYPES = ("Command", "Invocation")


def bucket_name(value: str) -> str | None:
    """An S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with
    a letter or digit, no '..' and not shaped like an IP address."""
    if (
        BUCKET_NAME_PATTERN.match(value)
        and ".." not in value
        and not re.match(r"^\d+\.\d+\.\d+\.\d+$", value)
    ):
        return None
    return (
        "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and "
        f"ending with a letter or digit, got {value!r}"
    )


def output_key_prefix(value: str) -> str | None:
    """The S3 key prefix of command output: up to 500 characters."""
    return text_length(value, minimum=1, maximum=500)


def log_group_name(value: str) -> str | None:
    """A CloudWatch Logs group name: 1-512 letters, digits or ``._-/#``."""
    if LOG_GROUP_NAME_PATTERN.match(value):
        return None
    return (
        "must be a log group name: 1-512 letters, digits or one of '._-/#', such as "
        f"'/patch-window/commands', got {value!r}"
    )


def log_retention_days(value: int) -> str | None:
    """A retention CloudWatch Logs accepts: one of its fixed numbers of days."""
    if value in LOG_RETENTION_DAYS:
        return None
    return (
        f"must be a retention CloudWatch Logs accepts ({', '.join(map(str, LOG_RETENTION_DAYS))} "
        f"days), got {value}"
    )


def sns_topic_arn(value: str) -> str | None:
    """An SNS topic ARN: ``arn:aws:sns:<region>:<account>:<name>``."""
    if SNS_TOPIC_ARN_PATTERN.match(value):
        return None
    return (
        "must be an SNS topic ARN such as 'arn:aws:sns:eu-west-1:123456789012:patching', "
        f"got {value!r}"
    )


def notification_events(values: Sequence[str]) -> str | None:
    """Run Command notification events: 'All' alone, or some of the others, each once."""
    if not values:
        return "must name at least one event, got none"
    for value in values:
        if value not in NOTIFICATION_EVENTS:
            return f"must be events among {', '.join(NOTIFICATION_EVENTS)}, got {value!r}"
    if "All" in values and len(values) > 1:
        return f"must be 'All' alone or other events, got {list(values)!r}: 'All' includes them"
    if len(set(values)) != len(values):
        return f"must name each event once, got {list(values)!r}"
    return None


def notification_type(value: str) -> str | None:
    """One notification per command ('Command') or per instance ('Invocation')."""
    if value in NOTIFICATION_TYPES:
        return None
    return f"must be one of {', '.join(NOTIFICATION_TYPES)}, got {value!r}"


# -- Automation, Lambda and Step Functions tasks (issue #5) ----------------------------------

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


TASK_TYPES = ("RUN_COMMAND", "AUTOMATION", "LAMBDA", "STEP_FUNCTIONS")


def task_type(value: str) -> str | None:
    """A maintenance window task type."""
    if value in TASK_TYPES:
        return None
    return f"must be one of {', '.join(TASK_TYPES)}, got {value!r}"


REBOOT_OPTIONS = ("RebootIfNeeded", "NoReboot")


def reboot_option(value: str) -> str | None:
    """AWS-RunPatchBaseline's RebootOption."""
    if value in REBOOT_OPTIONS:
        return None
    return f"must be one of {', '.join(REBOOT_OPTIONS)}, got {value!r}"
