"""Rules of command output and notifications: buckets, key prefixes, log groups, topics.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from patch_window import vocabulary
from patch_window.rules.common import RUN, aws, length_range, matches, text_length, within

BUCKET_NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


SNS_TOPIC_ARN_PATTERN = re.compile(
    r"arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?"
)


LOG_RETENTION_DAYS: tuple[int, ...] = tuple(
    int(days) for days in aws("AWS::Logs::LogGroup.RetentionInDays").enum or ()
)
"""The retentions CloudWatch Logs accepts, in days (its schema's enum)."""


NOTIFICATION_EVENTS = vocabulary.values(vocabulary.NotificationEvent)
RUN_EVENT = f"{RUN}.NotificationConfig.NotificationEvents[]"
RUN_LOG_GROUP = f"{RUN}.CloudWatchOutputConfig.CloudWatchLogGroupName"
IP_ADDRESS_SHAPE = re.compile(r"\d+\.\d+\.\d+\.\d+")


NOTIFICATION_TYPES = vocabulary.values(vocabulary.NotificationType)


def bucket_name(value: str) -> str | None:
    """An S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with
    a letter or digit, no '..' and not shaped like an IP address."""
    if (
        matches(BUCKET_NAME_PATTERN, value)
        and ".." not in value
        and not matches(IP_ADDRESS_SHAPE, value)
        and within("AWS::S3::Bucket.BucketName", value)
        and within(f"{RUN}.OutputS3BucketName", value)
    ):
        return None
    return (
        "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and "
        f"ending with a letter or digit, got {value!r}"
    )


def output_key_prefix(value: str) -> str | None:
    """The S3 key prefix of command output: up to 500 characters (an empty one is left out)."""
    return text_length(value, minimum=1, maximum=aws(f"{RUN}.OutputS3KeyPrefix").max_length or 0)


def log_group_name(value: str) -> str | None:
    """A CloudWatch Logs group name: 1-512 letters, digits or ``._-/#``."""
    group = "AWS::Logs::LogGroup.LogGroupName"
    if within(group, value) and within(
        f"{RUN}.CloudWatchOutputConfig.CloudWatchLogGroupName", value
    ):
        return None
    return (
        f"must be a log group name: {length_range(group)} letters, digits or one of '._-/#', "
        f"such as '/patch-window/commands', got {value!r}"
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
    if matches(SNS_TOPIC_ARN_PATTERN, value):
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
        if value not in NOTIFICATION_EVENTS or not within(
            f"{RUN}.NotificationConfig.NotificationEvents[]", value
        ):
            return f"must be events among {', '.join(NOTIFICATION_EVENTS)}, got {value!r}"
    if "All" in values and len(values) > 1:
        return f"must be 'All' alone or other events, got {list(values)!r}: 'All' includes them"
    if len(set(values)) != len(values):
        return f"must name each event once, got {list(values)!r}"
    return None


def notification_event(value: str) -> str | None:
    """One Run Command notification event."""
    if value in NOTIFICATION_EVENTS and within(
        f"{RUN}.NotificationConfig.NotificationEvents[]", value
    ):
        return None
    return f"must be events among {', '.join(NOTIFICATION_EVENTS)}, got {value!r}"


def notification_type(value: str) -> str | None:
    """One notification per command ('Command') or per instance ('Invocation')."""
    if value in NOTIFICATION_TYPES and within(f"{RUN}.NotificationConfig.NotificationType", value):
        return None
    return f"must be one of {', '.join(NOTIFICATION_TYPES)}, got {value!r}"
