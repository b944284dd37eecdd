"""Rules of command output and notifications: buckets, key prefixes, log groups, topics.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from patch_window import vocabulary
from patch_window.rules.common import text_length

BUCKET_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


LOG_GROUP_NAME_PATTERN = re.compile(r"^[.\-_/#A-Za-z0-9]{1,512}$")


SNS_TOPIC_ARN_PATTERN = re.compile(
    r"^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$"
)


LOG_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
    2922, 3288, 3653,
)  # fmt: skip


NOTIFICATION_EVENTS = vocabulary.values(vocabulary.NotificationEvent)


NOTIFICATION_TYPES = vocabulary.values(vocabulary.NotificationType)


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
