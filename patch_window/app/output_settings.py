"""cdk.json settings for command output and notifications: ``windows[].tasks[].output`` and
``windows[].tasks[].notifications`` (lab step 6.4's options).

Parsed by :mod:`patch_window.app.settings`'s reader like every other section (same error lines);
kept here so that the parser stays one concept per module. Imports nothing from aws-cdk-lib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from patch_window import rules

if TYPE_CHECKING:
    from patch_window.app.settings import TaskConfig, _Reader

DEFAULT_LOG_RETENTION_DAYS = 365


@dataclass(frozen=True)
class S3OutputConfig:
    """``output.s3``: an existing bucket by name, or one the stack creates; and a key prefix."""

    bucket_name: str | None = None
    create_bucket: bool = False
    key_prefix: str | None = None


@dataclass(frozen=True)
class CloudWatchOutputConfig:
    """``output.cloudwatch``: a log group by name, created by the stack or existing."""

    log_group_name: str
    create: bool = False
    retention_days: int = DEFAULT_LOG_RETENTION_DAYS


@dataclass(frozen=True)
class OutputConfig:
    """``output``: where command output goes, and the instance roles that write it."""

    s3: S3OutputConfig | None = None
    cloudwatch: CloudWatchOutputConfig | None = None
    instance_role_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotificationsConfig:
    """``notifications``: an existing topic by ARN, or one the stack creates; what to send."""

    topic_arn: str | None = None
    create_topic: bool = False
    events: tuple[str, ...] = ("All",)
    notification_type: str = "Command"


def read_output(reader: _Reader, path: str, value: Any) -> OutputConfig | None:
    """``output``: ``s3``, ``cloudwatch`` (at least one) and ``instance_role_names``."""
    obj = reader.obj(
        path, value, required=set(), optional={"s3", "cloudwatch", "instance_role_names"}
    )
    if obj is None:
        return None
    s3 = _read_s3(reader, obj.at("s3"), obj.value["s3"]) if "s3" in obj.value else None
    cloudwatch = (
        _read_cloudwatch(reader, obj.at("cloudwatch"), obj.value["cloudwatch"])
        if "cloudwatch" in obj.value
        else None
    )
    if "s3" not in obj.value and "cloudwatch" not in obj.value:
        reader.fail(path, "must set s3, cloudwatch or both, got neither")
    roles = obj.string_list("instance_role_names", rule=rules.role_name)
    reader.unique_names(obj.at("instance_role_names"), list(roles or ()), "role")
    if (s3 is None and "s3" in obj.value) or (cloudwatch is None and "cloudwatch" in obj.value):
        return None
    return OutputConfig(s3=s3, cloudwatch=cloudwatch, instance_role_names=roles or ())


def _read_s3(reader: _Reader, path: str, value: Any) -> S3OutputConfig | None:
    obj = reader.obj(
        path, value, required=set(), optional={"bucket_name", "create_bucket", "key_prefix"}
    )
    if obj is None:
        return None
    name = obj.get("bucket_name", str, rule=rules.bucket_name)
    create = obj.get("create_bucket", bool)
    prefix = obj.get("key_prefix", str, rule=rules.output_key_prefix)
    if "create_bucket" in obj.value and create is None:
        return None  # not a boolean: reported
    if "bucket_name" in obj.value and create:
        reader.fail(path, "give bucket_name (an existing bucket) or create_bucket: true, not both")
        return None
    if "bucket_name" not in obj.value and not create:
        reader.fail(path, "needs bucket_name (an existing bucket) or create_bucket: true")
        return None
    if name is None and not create:
        return None
    return S3OutputConfig(bucket_name=name, create_bucket=bool(create), key_prefix=prefix)


def _read_cloudwatch(reader: _Reader, path: str, value: Any) -> CloudWatchOutputConfig | None:
    obj = reader.obj(
        path, value, required={"log_group_name"}, optional={"create", "retention_days"}
    )
    if obj is None:
        return None
    name = obj.get("log_group_name", str, required=True, rule=rules.log_group_name)
    create = obj.get("create", bool)
    retention = obj.get("retention_days", int, rule=rules.log_retention_days)
    if "create" in obj.value and create is None:
        return None  # not a boolean: reported
    if "retention_days" in obj.value and not create:
        reader.fail(
            obj.at("retention_days"),
            "applies only to a log group the stack creates (create: true)",
        )
        return None
    if name is None:
        return None
    return CloudWatchOutputConfig(
        log_group_name=name,
        create=bool(create),
        retention_days=DEFAULT_LOG_RETENTION_DAYS if retention is None else retention,
    )


def read_notifications(reader: _Reader, path: str, value: Any) -> NotificationsConfig | None:
    """``notifications``: ``topic_arn`` or ``create_topic``, ``events``, ``type``."""
    obj = reader.obj(
        path, value, required=set(), optional={"topic_arn", "create_topic", "events", "type"}
    )
    if obj is None:
        return None
    arn = obj.get("topic_arn", str, rule=rules.sns_topic_arn)
    create = obj.get("create_topic", bool)
    events = obj.string_list("events")
    if events is not None:
        problem = rules.notification_events(events)
        if problem:
            reader.fail(obj.at("events"), problem)
            events = None
    kind = obj.get("type", str, rule=rules.notification_type)
    if "create_topic" in obj.value and create is None:
        return None  # not a boolean: reported
    if "topic_arn" in obj.value and create:
        reader.fail(path, "give topic_arn (an existing topic) or create_topic: true, not both")
        return None
    if "topic_arn" not in obj.value and not create:
        reader.fail(path, "needs topic_arn (an existing topic) or create_topic: true")
        return None
    if (arn is None and not create) or (events is None and "events" in obj.value):
        return None
    if kind is None and "type" in obj.value:
        return None
    defaults = NotificationsConfig()
    return NotificationsConfig(
        topic_arn=arn,
        create_topic=bool(create),
        events=events or defaults.events,
        notification_type=kind or defaults.notification_type,
    )


def check_created_log_groups(reader: _Reader, tasks: Sequence[tuple[str, TaskConfig]]) -> None:
    """A log group the stack creates has one retention, however many tasks write to it."""
    retention: dict[str, int] = {}
    for path, task in tasks:
        cloudwatch = task.output.cloudwatch if task.output else None
        if cloudwatch is None or not cloudwatch.create:
            continue
        known = retention.setdefault(cloudwatch.log_group_name, cloudwatch.retention_days)
        if known != cloudwatch.retention_days:
            reader.fail(
                f"{path}.output.cloudwatch.retention_days",
                f"log group {cloudwatch.log_group_name!r} is created with {known} days by an "
                f"earlier task, got {cloudwatch.retention_days}",
            )
