"""Two configurations for the per-setting tables: one sets every cdk.json key to a value that is
not its default, the other leaves every optional key out.

:func:`schema` records the keys the reader knows for each kind of object while it reads a
configuration, so the tables are checked against the reader itself, not against a list kept
by hand.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from patch_window.app import reader
from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError

COMMON_TASK_KEYS = frozenset(reader._COMMON_TASK_KEYS | {"name"})


def every_setting() -> dict[str, Any]:
    """Every key of the settings schema, each set to a value that differs from its default."""
    return {
        "stack_name": "PatchWindowEverySetting",
        "alerts": {"topic_arn": "arn:aws:sns:us-east-1:123456789012:every-alerts"},
        "role": {
            "role_name": "EverySettingRole",
            "description": "Every setting's role",
            "trusted_services": ["ssm.amazonaws.com", "ec2.amazonaws.com"],
            "policy": "aws-managed",
            "restrict_source_account": True,
        },
        "pass_role": {"policy_name": "EverySettingPassRole", "group_names": ["Patchers"]},
        "quotas": {
            "windows": 51,
            "tasks_per_window": 21,
            "targets_per_window": 101,
            "targets_per_task": 11,
            "instance_ids_per_target": 49,
            "concurrent_executions": 6,
        },
        "deployment": {
            "home_region": "us-east-1",
            "environments": [
                {
                    "name": "every",
                    "account": "123456789012",
                    "regions": ["us-east-1", "eu-west-1"],
                    "window_overrides": [
                        {
                            "window": "Every",
                            "schedule": "cron(30 4 ? * TUE#2 *)",
                            "schedule_timezone": "Asia/Tokyo",
                            "duration_hours": 6,
                            "cutoff_hours": 3,
                        }
                    ],
                }
            ],
            "stack_set": {
                "organizational_units": ["ou-ab12-cd345678", "r-ab12"],
                "regions": ["us-east-1", "eu-west-1"],
                "auto_deployment": True,
                "retain_stacks_on_account_removal": True,
                "max_concurrent_percentage": 100,
                "failure_tolerance_percentage": 20,
                "region_concurrency": "PARALLEL",
                "region_order": ["eu-west-1", "us-east-1"],
                "call_as": "DELEGATED_ADMIN",
            },
        },
        "patch_baselines": [
            {
                "name": "EveryBaseline",
                "operating_system": "AMAZON_LINUX_2023",
                "description": "Every baseline setting",
                "global_filters": {"PRODUCT": ["AmazonLinux2023"]},
                "approval_rules": [
                    {
                        "filters": {"CLASSIFICATION": ["Security"], "SEVERITY": ["Critical"]},
                        "approve_after_days": 3,
                        "compliance_level": "CRITICAL",
                        "enable_non_security": True,
                    },
                    {
                        "filters": {"CLASSIFICATION": ["Bugfix"]},
                        "approve_until_date": "2027-01-15",
                    },
                ],
                "approved_patches": ["kernel-6.1.*"],
                "approved_patches_compliance_level": "HIGH",
                "rejected_patches": ["kernel-debug*"],
                "rejected_patches_action": "BLOCK",
                "sources": [
                    {
                        "name": "EveryRepo",
                        "products": ["AmazonLinux2023"],
                        "configuration": "[every]\nname=Every\nbaseurl=https://repo.example.com/al2023\nenabled=1",
                    }
                ],
                "patch_groups": ["EveryGroup"],
                "default": True,
            }
        ],
        "windows": [
            {
                "name": "Every",
                "id": "EveryWindowId",
                "description": "Every window setting",
                "schedule": "cron(30 3 ? * TUE#2 *)",
                "schedule_timezone": "Europe/London",
                "schedule_offset": 2,
                "start_date": "2026-12-01T00:00:00+00:00",
                "end_date": "2027-12-01T00:00:00+00:00",
                "duration_hours": 5,
                "cutoff_hours": 2,
                "allow_unassociated_targets": True,
                "targets": [
                    {
                        "name": "Tagged",
                        "id": "TaggedTargetId",
                        "description": "Tagged web servers",
                        "owner_information": "web-team",
                        "tags": {"Workload": ["Prod"], "Role": ["Web", "Proxy"]},
                    },
                    {"name": "Keyed", "tag_keys": ["Patch Group"]},
                    {"name": "Listed", "instance_ids": ["i-0123456789abcdef0"]},
                    {
                        "name": "PatchGrouped",
                        "patch_group": {"name": "EveryGroup", "tag_key": "PatchGroup"},
                    },
                    {
                        "name": "Grouped",
                        "resource_group": {
                            "name": "web-servers",
                            "resource_types": ["AWS::EC2::Instance"],
                        },
                    },
                ],
                "tasks": [
                    {
                        "name": "RunCommand",
                        "id": "RunCommandTaskId",
                        "type": "RUN_COMMAND",
                        "description": "Every Run Command setting",
                        "document": "AWS-RunPatchBaseline",
                        "document_version": "$LATEST",
                        "parameters": {"Operation": ["Scan"]},
                        "priority": 4,
                        "targets": ["Tagged", "Keyed"],
                        "max_concurrency": "10%",
                        "max_errors": "2",
                        "cutoff_behavior": "CANCEL_TASK",
                        "timeout_seconds": 900,
                        "comment": "Every comment",
                        "output": {
                            "s3": {"bucket_name": "every-output-bucket", "key_prefix": "every/"},
                            "cloudwatch": {
                                "log_group_name": "/every/commands",
                                "create": True,
                                "retention_days": 30,
                            },
                            "instance_role_names": ["EveryInstanceRole"],
                        },
                        "notifications": {
                            "topic_arn": "arn:aws:sns:us-east-1:123456789012:every",
                            "events": ["Failed", "TimedOut"],
                            "type": "Invocation",
                        },
                    },
                    {
                        "name": "CreatesItsOwn",
                        "document": "AWS-RunShellScript",
                        "parameters": {"commands": ["true"]},
                        "max_concurrency": "1",
                        "max_errors": "1",
                        "output": {"s3": {"create_bucket": True}},
                        "notifications": {"create_topic": True},
                    },
                    {
                        "name": "Automation",
                        "type": "AUTOMATION",
                        "document": "AWS-RestartEC2Instance",
                        "document_version": "$DEFAULT",
                        "parameters": {"InstanceId": ["{{RESOURCE_ID}}"]},
                        "targets": ["Listed"],
                        "max_concurrency": "1",
                        "max_errors": "0",
                    },
                    {
                        "name": "Lambda",
                        "type": "LAMBDA",
                        "function": "arn:aws:lambda:us-east-1:123456789012:function:Report",
                        "qualifier": "live",
                        "payload": {"window": "{{WINDOW_ID}}"},
                        "client_context": {"team": "web"},
                    },
                    {
                        "name": "StepFunctions",
                        "type": "STEP_FUNCTIONS",
                        "state_machine": "Drain",
                        "input": {"window": "{{WINDOW_ID}}"},
                        "execution_name": "drain",
                    },
                ],
            }
        ],
        "scan_then_install": [
            {
                "name": "PatternTags",
                "target": {
                    "name": "PatternTagsTargets",
                    "description": "Both windows' web servers",
                    "owner_information": "pattern-team",
                    "tags": {"Workload": ["Prod"]},
                },
                "scan": {"schedule": "rate(1 day)"},
                "install": {"schedule": "rate(7 days)"},
            },
            {
                "name": "PatternIds",
                "target": {"instance_ids": ["i-0123456789abcdef1"]},
                "scan": {"schedule": "rate(1 day)"},
                "install": {"schedule": "rate(7 days)"},
            },
            {
                "name": "PatternGroup",
                "target": {
                    "resource_group": {"name": "db", "resource_types": ["AWS::EC2::Instance"]},
                },
                "scan": {"schedule": "rate(1 day)"},
                "install": {"schedule": "rate(7 days)"},
            },
            {
                "name": "PatternPatchGroup",
                "target": {"patch_group": "EveryGroup"},
                "scan": {"schedule": "rate(1 day)"},
                "install": {"schedule": "rate(7 days)"},
            },
            {
                "name": "Pattern",
                "target": {"name": "PatternTargets", "tag_keys": ["Patch Group"]},
                "output_bucket_name": "pattern-output-bucket",
                "reboot_option": "NoReboot",
                "scan": {
                    "schedule": "cron(0 0/6 ? * * *)",
                    "schedule_timezone": "Europe/Paris",
                    "schedule_offset": 1,
                    "duration_hours": 3,
                    "cutoff_hours": 2,
                    "max_concurrency": "25%",
                    "max_errors": "5",
                    "output_key_prefix": "scan/",
                },
                "install": {
                    "schedule": "cron(0 3 ? * SUN *)",
                    "schedule_timezone": "Asia/Tokyo",
                    "schedule_offset": 3,
                    "duration_hours": 6,
                    "cutoff_hours": 3,
                    "max_concurrency": "2",
                    "max_errors": "1",
                    "output_key_prefix": "install/",
                },
            },
        ],
    }


def no_optional_setting() -> dict[str, Any]:
    """Only required keys, so every optional key takes its default somewhere (``quotas`` and
    ``deployment`` are left out by the shipped cdk.json)."""
    return {
        "quotas": {},
        "deployment": {
            "home_region": "eu-west-1",
            "environments": [
                {
                    "name": "bare",
                    "account": "111111111111",
                    "regions": ["eu-west-1"],
                    "window_overrides": [{"window": "Bare"}],
                },
                {"name": "other", "account": "222222222222", "regions": ["eu-west-1"]},
            ],
            "stack_set": {"organizational_units": ["r-ab12"], "regions": ["eu-west-1"]},
        },
        "alerts": {},
        "patch_baselines": [
            {"name": "BareBaseline", "operating_system": "AMAZON_LINUX_2023"},
            {
                "name": "BareRule",
                "operating_system": "AMAZON_LINUX_2023",
                "approval_rules": [
                    {"filters": {"CLASSIFICATION": ["Security"]}, "approve_after_days": 7}
                ],
            },
        ],
        "windows": [
            {
                "name": "Bare",
                "schedule": "rate(7 days)",
                "duration_hours": 2,
                "cutoff_hours": 1,
                "targets": [
                    {"name": "Tagged", "tags": {"Workload": ["Test"]}},
                    {"name": "Grouped", "resource_group": {"name": "db"}},
                    {"name": "PatchGrouped", "patch_group": {"name": "WebServers"}},
                ],
                "tasks": [
                    {
                        "name": "RunCommand",
                        "document": "AWS-RunPatchBaseline",
                        "max_concurrency": "1",
                        "max_errors": "1",
                        "output": {
                            "s3": {"bucket_name": "bare-output-bucket"},
                            "cloudwatch": {"log_group_name": "/bare/commands", "create": True},
                        },
                        "notifications": {"create_topic": True},
                    },
                    {
                        "name": "OtherOutput",
                        "document": "AWS-RunPatchBaseline",
                        "max_concurrency": "1",
                        "max_errors": "1",
                        "output": {"cloudwatch": {"log_group_name": "/bare/existing"}},
                        "notifications": {"topic_arn": "arn:aws:sns:us-east-1:123456789012:bare"},
                    },
                    {
                        "name": "CreatesBucket",
                        "document": "AWS-RunPatchBaseline",
                        "max_concurrency": "1",
                        "max_errors": "1",
                        "output": {"s3": {"create_bucket": True}},
                    },
                    {
                        "name": "NoOutput",
                        "document": "AWS-RunPatchBaseline",
                        "max_concurrency": "1",
                        "max_errors": "1",
                    },
                    {"name": "Automation", "type": "AUTOMATION", "document": "AWS-CreateImage"},
                    {"name": "Lambda", "type": "LAMBDA", "function": "Report"},
                    {"name": "StepFunctions", "type": "STEP_FUNCTIONS", "state_machine": "Drain"},
                ],
            },
            {
                "name": "Untargeted",
                "schedule": "rate(7 days)",
                "duration_hours": 2,
                "cutoff_hours": 1,
            },
        ],
        "scan_then_install": [
            {
                "name": "Pattern",
                "target": {"resource_group": {"name": "web-servers"}},
                "scan": {"schedule": "cron(0 0/6 ? * * *)"},
                "install": {"schedule": "cron(0 3 ? * SUN *)"},
            }
        ],
    }


def _kind(path: str, value: Any) -> str:
    """``windows[].tasks[LAMBDA]``: a reader path without indices, tasks by their type."""
    kind = re.sub(r"\[\d+\]", "[]", path.removeprefix(reader.ROOT).lstrip("."))
    if kind.endswith("tasks[]") and isinstance(value, dict):
        kind = kind[:-1] + str(value.get("type", "RUN_COMMAND")) + "]"
    return kind or "."


@contextmanager
def recording() -> Iterator[list[tuple[str, frozenset[str], frozenset[str], frozenset[str]]]]:
    """Record each object the reader reads: its kind, required and optional keys, keys set."""
    seen: list[tuple[str, frozenset[str], frozenset[str], frozenset[str]]] = []
    original = reader._Reader.obj

    def obj(self: Any, path: str, value: Any, *, required: set[str], optional: set[str]) -> Any:
        present = frozenset(value) if isinstance(value, dict) else frozenset()
        seen.append((_kind(path, value), frozenset(required), frozenset(optional), present))
        return original(self, path, value, required=required, optional=optional)

    reader._Reader.obj = obj  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        reader._Reader.obj = original  # type: ignore[method-assign]


def settings_keys(kind: str, key: str) -> str:
    """The table's name for ``key`` of an object of ``kind``; task keys every type shares are
    named once, as ``windows[].tasks[].priority``."""
    if "tasks[" in kind and kind.endswith("]") and key in COMMON_TASK_KEYS:
        kind = kind[: kind.rindex("[")] + "[]"
    if "tasks[" in kind and not kind.endswith("]"):
        kind = re.sub(r"tasks\[[A-Z_]+\]", "tasks[]", kind)
    return key if kind == "." else f"{kind}.{key}"


def schema(settings: dict[str, Any]) -> tuple[dict[str, bool], set[str]]:
    """Read ``settings``; return every key the reader knows for the objects it met (named as
    :func:`settings_keys` does, ``True`` when required), and the keys ``settings`` sets."""
    known: dict[str, bool] = {}
    present: set[str] = set()
    with recording() as seen:
        read_settings(settings)
    for kind, required, optional, keys in seen:
        for key in required | optional:
            name = settings_keys(kind, key)
            known[name] = known.get(name, False) or key in required
        present |= {settings_keys(kind, key) for key in keys}
    return known, present


QUOTA_COUNTS = {
    "windows": lambda limit: limit + 1,
    "tasks_per_window": lambda limit: limit + 1,
    "targets_per_window": lambda limit: limit + 1,
    "targets_per_task": lambda limit: limit + 1,
    "instance_ids_per_target": lambda limit: limit + 1,
}


def past_quota(settings: dict[str, Any], key: str, count: int) -> dict[str, Any]:
    """``settings`` grown to ``count`` of what quota ``key`` counts, in its first window."""
    settings = copy.deepcopy(settings)
    first = settings["windows"][0]
    if key == "windows":
        have = len(settings["windows"]) + 2 * len(settings.get("scan_then_install", []))
        settings["windows"] += [
            {"name": f"Extra{i}", "schedule": "rate(7 days)", "duration_hours": 2,
             "cutoff_hours": 1}
            for i in range(count - have)
        ]  # fmt: skip
    elif key == "tasks_per_window":
        first["tasks"] += [
            {"name": f"Extra{i}", "type": "LAMBDA", "function": "Report"}
            for i in range(count - len(first["tasks"]))
        ]
    elif key == "targets_per_window":
        first["targets"] += [
            {"name": f"Extra{i}", "tag_keys": [f"k{i}"]}
            for i in range(count - len(first["targets"]))
        ]
    elif key == "targets_per_task":
        names = [target["name"] for target in first["targets"]]
        first["targets"] += [
            {"name": f"Extra{i}", "tag_keys": [f"k{i}"]} for i in range(count - len(names))
        ]
        first["tasks"][0]["targets"] = [target["name"] for target in first["targets"]][:count]
    elif key == "instance_ids_per_target":
        first["targets"].append(
            {"name": "ManyIds", "instance_ids": [f"i-{i:017x}" for i in range(count)]}
        )
    return settings


def quota_problems(settings: dict[str, Any], key: str) -> list[str]:
    """The problems reading ``settings`` gives that name ``quotas.<key>``."""
    try:
        read_settings(settings)
    except PatchWindowValidationError as error:
        return [problem for problem in error.problems if f"(quotas.{key})" in problem]
    return []
