"""Every cdk.json setting asserted by behaviour: the exact template property it produces.

Two configurations (``tests/every_setting.py``) are synthesized once each: one sets every key
to a value that is not its default, the other leaves every optional key out. ``EVERY`` says,
for each key, what its value must produce; ``DEFAULTS`` says what leaving it out must produce.
Both tables are checked against the keys the reader knows (recorded while it reads), so a new
key without rows fails here. A setting that is dropped on its way to the template, or
hard-coded, fails its row rather than only a snapshot that ``--snapshot-update`` would accept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest

from patch_window import PatchWindowStack, PatchWindowValidationError, defaults
from patch_window.app.reader import read_settings
from tests.conftest import Layout, cfn_lint, lab_settings, synth_config, synth_layout
from tests.every_setting import (
    every_setting,
    no_optional_setting,
    past_quota,
    quota_problems,
    recording,
    schema,
    settings_keys,
)


class Synth(NamedTuple):
    stack: PatchWindowStack
    template: dict[str, Any]


Get = Callable[[Synth], Any]
ABSENT = "<absent>"
"""What a getter returns for a property the template leaves out."""


@pytest.fixture(scope="module")
def every() -> Synth:
    stack, template, _ = synth_config(every_setting())
    return Synth(stack, template)


@pytest.fixture(scope="module")
def bare() -> Synth:
    stack, template, _ = synth_config(no_optional_setting())
    return Synth(stack, template)


def _dig(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return ABSENT
        value = value[key]
    return value


def _named(kind: str, name: str, *path: str) -> Get:
    """A property of the one resource of type ``kind`` whose ``Name`` is ``name``."""

    def get(synth: Synth) -> Any:
        found = [
            resource["Properties"]
            for resource in synth.template["Resources"].values()
            if resource["Type"] == kind and resource["Properties"].get("Name") == name
        ]
        assert len(found) == 1, f"{len(found)} {kind} named {name!r}"
        return _dig(found[0], path)

    return get


def _typed(kind: str, *path: str) -> Get:
    """A property of each resource of type ``kind``, in template order (one entry each)."""

    def get(synth: Synth) -> Any:
        return [
            _dig(resource.get("Properties", {}), path)
            for resource in synth.template["Resources"].values()
            if resource["Type"] == kind
        ]

    return get


def _logical(prefix: str, *path: str) -> Get:
    """A property of the one resource whose logical id is ``prefix`` plus CDK's hash."""

    def get(synth: Synth) -> Any:
        found = [
            resource.get("Properties", {})
            for logical_id, resource in synth.template["Resources"].items()
            if logical_id[:-8] == prefix
        ]
        assert len(found) <= 1, f"{len(found)} resources {prefix}"
        return _dig(found[0], path) if found else ABSENT

    return get


# -- quotas and deployment: behaviour of the reader, and the stage layout -------------------------

QUOTA_MESSAGE = (
    "would {what}, more than the quota of {limit} (quotas.{key}); if Service Quotas shows a "
    "raised quota for the account, set quotas.{key} to it"
)


def _quota(key: str, count: int, settings: Callable[[], dict[str, Any]] = every_setting) -> Get:
    """The problems naming ``quotas.<key>`` once the settings hold ``count`` of what it counts."""
    return lambda synth: quota_problems(past_quota(settings(), key, count), key)


def _layout(synth: Synth) -> Layout | None:
    """The stage layout of the configuration ``synth`` was made from (``None``: no deployment)."""
    if synth.stack.stack_name == "PatchWindowEverySetting":
        return synth_layout(every_setting())
    if any(
        r.get("Properties", {}).get("Name") == "Bare" for r in synth.template["Resources"].values()
    ):
        return synth_layout(no_optional_setting())
    return None


def _stack_names(synth: Synth) -> list[str]:
    layout = _layout(synth)
    return sorted(layout.stacks) if layout else [synth.stack.stack_name]


def _layout_window(stack: str, name: str, *path: str) -> Get:
    """A property of window ``name`` in the layout's stack ``stack``."""

    def get(synth: Synth) -> Any:
        layout = _layout(synth)
        assert layout is not None
        template = layout.templates[stack]
        return window(name, *path)(Synth(layout.stacks[stack], template))  # type: ignore[arg-type]

    return get


def _stack_set(kind: str, *path: str) -> Get:
    """A property of the layout's ``AccountStackSet`` or ``WindowsStackSet``."""

    def get(synth: Synth) -> Any:
        layout = _layout(synth)
        assert layout is not None
        template = layout.templates[layout.stack_sets.stack_name]
        return _dig(template["Resources"][f"{kind}StackSet"]["Properties"], path)

    return get


def _only_environments() -> dict[str, Any]:
    """The bare configuration with environments and no StackSets."""
    settings = no_optional_setting()
    del settings["deployment"]["stack_set"]
    return settings


def _only_stack_set() -> dict[str, Any]:
    """The bare configuration with StackSets and no environments."""
    settings = no_optional_setting()
    del settings["deployment"]["environments"]
    return settings


def _no_auto_deployment() -> dict[str, Any]:
    settings = no_optional_setting()
    settings["deployment"]["stack_set"]["auto_deployment"] = False
    return settings


def _auto_deployment_off(synth: Synth) -> Any:
    """auto_deployment: false, on the bare configuration (every setting keeps it on, so that
    retain_stacks_on_account_removal applies)."""
    layout = synth_layout(_no_auto_deployment())
    template = layout.templates[layout.stack_sets.stack_name]
    return template["Resources"]["WindowsStackSet"]["Properties"]["AutoDeployment"]


EVERY_WINDOWS = "PatchWindowEverySetting-every-eu-west-1"


def window(name: str, *path: str) -> Get:
    return _named("AWS::SSM::MaintenanceWindow", name, *path)


def target(name: str, *path: str) -> Get:
    return _named("AWS::SSM::MaintenanceWindowTarget", name, *path)


def task(name: str, *path: str) -> Get:
    return _named("AWS::SSM::MaintenanceWindowTask", name, *path)


RUN = ("TaskInvocationParameters", "MaintenanceWindowRunCommandParameters")
AUTOMATION = ("TaskInvocationParameters", "MaintenanceWindowAutomationParameters")
LAMBDA = ("TaskInvocationParameters", "MaintenanceWindowLambdaParameters")
STATES = ("TaskInvocationParameters", "MaintenanceWindowStepFunctionsParameters")
ROLE = "MaintenanceWindowRole"
TRUST = ("AssumeRolePolicyDocument", "Statement")


def run(name: str, *path: str) -> Get:
    return task(name, *RUN, *path)


def window_names(synth: Synth) -> list[str]:
    return sorted(_typed("AWS::SSM::MaintenanceWindow", "Name")(synth))


def stack_name(synth: Synth) -> str:
    return synth.stack.stack_name


def alert_rules(synth: Synth) -> list[tuple[str, tuple[str, ...]]]:
    """(detail-type, statuses) of each EventBridge rule, sorted."""
    return sorted(
        (
            resource["Properties"]["EventPattern"]["detail-type"][0],
            tuple(resource["Properties"]["EventPattern"]["detail"]["status"]),
        )
        for resource in synth.template["Resources"].values()
        if resource["Type"] == "AWS::Events::Rule"
    )


def alert_targets(synth: Synth) -> list[Any]:
    """The target ARN of each EventBridge rule, deduplicated."""
    arns = [
        resource["Properties"]["Targets"][0]["Arn"]
        for resource in synth.template["Resources"].values()
        if resource["Type"] == "AWS::Events::Rule"
    ]
    return [arn for index, arn in enumerate(arns) if arn not in arns[:index]]


_FAILED_RUN = (
    "Maintenance Window Execution State-change Notification",
    ("FAILED", "TIMED_OUT", "SKIPPED_OVERLAPPING"),
)
_FAILED_INVOCATION = (
    "Maintenance Window Task Target Invocation State-change Notification",
    ("FAILED", "TIMED_OUT"),
)


def refs(*logical_prefixes: str) -> Callable[[Any], bool]:
    """Matches a ``WindowTargetIds`` value referring to these targets, in order."""

    def matches(value: Any) -> bool:
        names = [ref["Ref"][:-8] for ref in value[0]["Values"]]
        return value[0]["Key"] == "WindowTargetIds" and names == list(logical_prefixes)

    return matches


def arn(service: str, resource: str) -> dict[str, Any]:
    """An ARN CDK builds in the stack's own account and Region."""
    return {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                f":{service}:",
                {"Ref": "AWS::Region"},
                ":",
                {"Ref": "AWS::AccountId"},
                f":{resource}",
            ],
        ]
    }


MANAGED_POLICY = {
    "Fn::Join": [
        "",
        ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/"
         "AmazonSSMMaintenanceWindowRole"],
    ]
}  # fmt: skip

# -- every key, set to a value that is not its default -------------------------------------

EVERY: dict[str, tuple[Get, Any]] = {
    "deployment.stack_set": (
        _stack_set("Windows", "PermissionModel"),
        "SERVICE_MANAGED",
    ),
    "deployment.stack_set.organizational_units": (
        _stack_set("Windows", "StackInstancesGroup"),
        [
            {
                "DeploymentTargets": {"OrganizationalUnitIds": ["ou-ab12-cd345678", "r-ab12"]},
                "Regions": ["us-east-1", "eu-west-1"],
            }
        ],
    ),
    "deployment.stack_set.regions": (
        lambda synth: [
            _stack_set(kind, "StackInstancesGroup")(synth)[0]["Regions"]
            for kind in ("Account", "Windows")
        ],
        [["us-east-1"], ["us-east-1", "eu-west-1"]],
    ),
    "deployment.stack_set.auto_deployment": (_auto_deployment_off, {"Enabled": False}),
    "deployment.stack_set.retain_stacks_on_account_removal": (
        _stack_set("Account", "AutoDeployment"),
        {"Enabled": True, "RetainStacksOnAccountRemoval": True},
    ),
    "deployment.stack_set.max_concurrent_percentage": (
        _stack_set("Windows", "OperationPreferences", "MaxConcurrentPercentage"),
        100,
    ),
    "deployment.stack_set.failure_tolerance_percentage": (
        _stack_set("Windows", "OperationPreferences", "FailureTolerancePercentage"),
        20,
    ),
    "deployment.stack_set.region_concurrency": (
        _stack_set("Windows", "OperationPreferences", "RegionConcurrencyType"),
        "PARALLEL",
    ),
    "deployment.stack_set.region_order": (
        _stack_set("Windows", "OperationPreferences", "RegionOrder"),
        ["eu-west-1", "us-east-1"],
    ),
    "deployment.stack_set.call_as": (_stack_set("Windows", "CallAs"), "DELEGATED_ADMIN"),
    "quotas": (_quota("windows", 51), []),
    "quotas.windows": (_quota("windows", 51), []),
    "quotas.tasks_per_window": (_quota("tasks_per_window", 21), []),
    "quotas.targets_per_window": (_quota("targets_per_window", 101), []),
    "quotas.targets_per_task": (_quota("targets_per_task", 11), []),
    "quotas.instance_ids_per_target": (
        _quota("instance_ids_per_target", 50),
        [
            f"patch_window.windows[0].targets[{len(every_setting()['windows'][0]['targets'])}]"
            ".instance_ids: "
            + QUOTA_MESSAGE.format(
                what="name 50 instance ids in one target", limit=49, key="instance_ids_per_target"
            )
        ],
    ),
    "quotas.concurrent_executions": (
        lambda synth: read_settings(every_setting()).quotas.concurrent_executions,
        6,
    ),
    "deployment": (
        _stack_names,
        [
            "PatchWindowEverySetting-every-account",
            "PatchWindowEverySetting-every-eu-west-1",
            "PatchWindowEverySetting-every-us-east-1",
            "PatchWindowEverySetting-stack-sets",
        ],
    ),
    "deployment.home_region": (
        lambda synth: _layout(synth).regions["PatchWindowEverySetting-every-account"],  # type: ignore[union-attr]
        "us-east-1",
    ),
    "deployment.environments": (
        lambda synth: [stage.stage_name for stage in _layout(synth).stages],  # type: ignore[union-attr]
        ["every"],
    ),
    "deployment.environments[].name": (
        lambda synth: sorted(_layout(synth).stages[0].windows_stacks),  # type: ignore[union-attr]
        ["eu-west-1", "us-east-1"],
    ),
    "deployment.environments[].account": (
        lambda synth: sorted(
            {
                account
                for name, account in _layout(synth).accounts.items()  # type: ignore[union-attr]
                if "-every-" in name
            }
        ),
        ["123456789012"],
    ),
    "deployment.environments[].regions": (
        lambda synth: sorted(
            region
            for name, region in _layout(synth).regions.items()  # type: ignore[union-attr]
            if "-every-" in name
        ),
        ["eu-west-1", "us-east-1", "us-east-1"],
    ),
    "deployment.environments[].window_overrides": (
        _layout_window(EVERY_WINDOWS, "Every", "Schedule"),
        "cron(30 4 ? * TUE#2 *)",
    ),
    "deployment.environments[].window_overrides[].window": (
        _layout_window(EVERY_WINDOWS, "Every", "Name"),
        "Every",
    ),
    "deployment.environments[].window_overrides[].schedule": (
        _layout_window(EVERY_WINDOWS, "Every", "Schedule"),
        "cron(30 4 ? * TUE#2 *)",
    ),
    "deployment.environments[].window_overrides[].schedule_timezone": (
        _layout_window(EVERY_WINDOWS, "Every", "ScheduleTimezone"),
        "Asia/Tokyo",
    ),
    "deployment.environments[].window_overrides[].duration_hours": (
        _layout_window(EVERY_WINDOWS, "Every", "Duration"),
        6,
    ),
    "deployment.environments[].window_overrides[].cutoff_hours": (
        _layout_window(EVERY_WINDOWS, "Every", "Cutoff"),
        3,
    ),
    "stack_name": (stack_name, "PatchWindowEverySetting"),
    "alerts": (
        lambda synth: sorted(set(alert_rules(synth))),
        [_FAILED_RUN, _FAILED_INVOCATION],
    ),
    "alerts.topic_arn": (alert_targets, ["arn:aws:sns:us-east-1:123456789012:every-alerts"]),
    "windows": (window("Every", "Name"), "Every"),
    "role": (_logical(ROLE, "RoleName"), "EverySettingRole"),
    "role.role_name": (_logical(ROLE, "RoleName"), "EverySettingRole"),
    "role.description": (_logical(ROLE, "Description"), "Every setting's role"),
    "role.trusted_services": (
        _logical(ROLE, *TRUST),
        [
            {
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
                "Effect": "Allow",
                "Principal": {"Service": ["ec2.amazonaws.com", "ssm.amazonaws.com"]},
            }
        ],
    ),
    "role.policy": (_logical(ROLE, "ManagedPolicyArns"), [MANAGED_POLICY]),
    "role.restrict_source_account": (
        lambda s: _logical(ROLE, *TRUST)(s)[0]["Condition"],
        {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
    ),
    "pass_role": (_logical("PassRolePolicy", "Groups"), ["Patchers"]),
    "pass_role.group_names": (_logical("PassRolePolicy", "Groups"), ["Patchers"]),
    "pass_role.policy_name": (
        _logical("PassRolePolicy", "ManagedPolicyName"),
        "EverySettingPassRole",
    ),
    "windows[].name": (window("Every", "Name"), "Every"),
    "windows[].description": (window("Every", "Description"), "Every window setting"),
    "windows[].schedule": (window("Every", "Schedule"), "cron(30 3 ? * TUE#2 *)"),
    "windows[].schedule_timezone": (window("Every", "ScheduleTimezone"), "Europe/London"),
    "windows[].schedule_offset": (window("Every", "ScheduleOffset"), 2),
    "windows[].start_date": (window("Every", "StartDate"), "2026-12-01T00:00:00+00:00"),
    "windows[].end_date": (window("Every", "EndDate"), "2027-12-01T00:00:00+00:00"),
    "windows[].duration_hours": (window("Every", "Duration"), 5),
    "windows[].cutoff_hours": (window("Every", "Cutoff"), 2),
    "windows[].allow_unassociated_targets": (window("Every", "AllowUnassociatedTargets"), True),
    "windows[].targets": (target("Tagged", "WindowId", "Ref"), "EveryWindowId77514CFF"),
    "windows[].tasks": (task("RunCommand", "WindowId", "Ref"), "EveryWindowId77514CFF"),
    "windows[].targets[].name": (target("Tagged", "Name"), "Tagged"),
    "windows[].targets[].description": (target("Tagged", "Description"), "Tagged web servers"),
    "windows[].targets[].owner_information": (target("Tagged", "OwnerInformation"), "web-team"),
    "windows[].targets[].tags": (
        target("Tagged", "Targets"),
        [
            {"Key": "tag:Workload", "Values": ["Prod"]},
            {"Key": "tag:Role", "Values": ["Web", "Proxy"]},
        ],
    ),
    "windows[].targets[].tag_keys": (
        target("Keyed", "Targets"),
        [{"Key": "tag-key", "Values": ["Patch Group"]}],
    ),
    "windows[].targets[].instance_ids": (
        target("Listed", "Targets"),
        [{"Key": "InstanceIds", "Values": ["i-0123456789abcdef0"]}],
    ),
    "windows[].targets[].resource_group": (target("Grouped", "ResourceType"), "RESOURCE_GROUP"),
    "windows[].targets[].resource_group.name": (
        lambda s: target("Grouped", "Targets")(s)[0],
        {"Key": "resource-groups:Name", "Values": ["web-servers"]},
    ),
    "windows[].targets[].resource_group.resource_types": (
        lambda s: target("Grouped", "Targets")(s)[1:],
        [{"Key": "resource-groups:ResourceTypeFilters", "Values": ["AWS::EC2::Instance"]}],
    ),
    "windows[].tasks[].name": (task("RunCommand", "Name"), "RunCommand"),
    "windows[].tasks[].type": (
        lambda s: [task(n, "TaskType")(s) for n in ("RunCommand", "Automation", "Lambda")],
        ["RUN_COMMAND", "AUTOMATION", "LAMBDA"],
    ),
    "windows[].tasks[].description": (
        task("RunCommand", "Description"),
        "Every Run Command setting",
    ),
    "windows[].tasks[].priority": (task("RunCommand", "Priority"), 4),
    "windows[].tasks[].targets": (
        lambda s: refs("EveryWindowIdTargetTaggedTargetId", "EveryWindowIdTargetKeyed")(
            task("RunCommand", "Targets")(s)
        ),
        True,
    ),
    "windows[].tasks[].max_concurrency": (task("RunCommand", "MaxConcurrency"), "10%"),
    "windows[].tasks[].max_errors": (task("RunCommand", "MaxErrors"), "2"),
    "windows[].tasks[].cutoff_behavior": (task("RunCommand", "CutoffBehavior"), "CANCEL_TASK"),
    "windows[].tasks[RUN_COMMAND].document": (
        task("RunCommand", "TaskArn"),
        "AWS-RunPatchBaseline",
    ),
    "windows[].tasks[RUN_COMMAND].document_version": (
        run("RunCommand", "DocumentVersion"),
        "$LATEST",
    ),
    "windows[].tasks[RUN_COMMAND].parameters": (
        run("RunCommand", "Parameters"),
        {"Operation": ["Scan"]},
    ),
    "windows[].tasks[RUN_COMMAND].timeout_seconds": (run("RunCommand", "TimeoutSeconds"), 900),
    "windows[].tasks[RUN_COMMAND].comment": (run("RunCommand", "Comment"), "Every comment"),
    "windows[].tasks[RUN_COMMAND].output": (
        run("RunCommand", "OutputS3BucketName"),
        "every-output-bucket",
    ),
    "windows[].tasks[RUN_COMMAND].notifications": (
        run("RunCommand", "NotificationConfig", "NotificationArn"),
        "arn:aws:sns:us-east-1:123456789012:every",
    ),
    "windows[].tasks[].output.s3": (run("RunCommand", "OutputS3BucketName"), "every-output-bucket"),
    "windows[].tasks[].output.s3.bucket_name": (
        run("RunCommand", "OutputS3BucketName"),
        "every-output-bucket",
    ),
    "windows[].tasks[].output.s3.key_prefix": (run("RunCommand", "OutputS3KeyPrefix"), "every/"),
    "windows[].tasks[].output.s3.create_bucket": (
        run("CreatesItsOwn", "OutputS3BucketName", "Ref"),
        "CommandOutputBucket6453169F",
    ),
    "windows[].tasks[].output.cloudwatch": (
        run("RunCommand", "CloudWatchOutputConfig", "CloudWatchOutputEnabled"),
        True,
    ),
    "windows[].tasks[].output.cloudwatch.log_group_name": (
        _typed("AWS::Logs::LogGroup", "LogGroupName"),
        ["/every/commands"],
    ),
    "windows[].tasks[].output.cloudwatch.create": (
        lambda s: run("RunCommand", "CloudWatchOutputConfig", "CloudWatchLogGroupName", "Ref")(s)[
            :-8
        ],
        "CommandLogGroupeverycommands2fded93f",
    ),
    "windows[].tasks[].output.cloudwatch.retention_days": (
        _typed("AWS::Logs::LogGroup", "RetentionInDays"),
        [30],
    ),
    "windows[].tasks[].output.instance_role_names": (
        _logical("EveryWindowIdTaskRunCommandTaskIdOutputPolicy", "Roles"),
        ["EveryInstanceRole"],
    ),
    "windows[].tasks[].notifications.topic_arn": (
        run("RunCommand", "NotificationConfig", "NotificationArn"),
        "arn:aws:sns:us-east-1:123456789012:every",
    ),
    "windows[].tasks[].notifications.create_topic": (
        run("CreatesItsOwn", "NotificationConfig", "NotificationArn", "Ref"),
        "CommandNotificationsTopic78485B2D",
    ),
    "windows[].tasks[].notifications.events": (
        run("RunCommand", "NotificationConfig", "NotificationEvents"),
        ["Failed", "TimedOut"],
    ),
    "windows[].tasks[].notifications.type": (
        run("RunCommand", "NotificationConfig", "NotificationType"),
        "Invocation",
    ),
    "windows[].tasks[AUTOMATION].document": (
        task("Automation", "TaskArn"),
        "AWS-RestartEC2Instance",
    ),
    "windows[].tasks[AUTOMATION].document_version": (
        task("Automation", *AUTOMATION, "DocumentVersion"),
        "$DEFAULT",
    ),
    "windows[].tasks[AUTOMATION].parameters": (
        task("Automation", *AUTOMATION, "Parameters"),
        {"InstanceId": ["{{RESOURCE_ID}}"]},
    ),
    "windows[].tasks[LAMBDA].function": (
        task("Lambda", "TaskArn"),
        "arn:aws:lambda:us-east-1:123456789012:function:Report",
    ),
    "windows[].tasks[LAMBDA].qualifier": (task("Lambda", *LAMBDA, "Qualifier"), "live"),
    "windows[].tasks[LAMBDA].payload": (
        task("Lambda", *LAMBDA, "Payload"),
        json.dumps({"window": "{{WINDOW_ID}}"}, separators=(",", ":")),
    ),
    "windows[].tasks[LAMBDA].client_context": (
        task("Lambda", *LAMBDA, "ClientContext"),
        "eyJ0ZWFtIjogIndlYiJ9",  # base64 of {"team": "web"}
    ),
    "windows[].tasks[STEP_FUNCTIONS].state_machine": (
        task("StepFunctions", "TaskArn"),
        arn("states", "stateMachine:Drain"),
    ),
    "windows[].tasks[STEP_FUNCTIONS].input": (
        task("StepFunctions", *STATES, "Input"),
        '{"window":"{{WINDOW_ID}}"}',
    ),
    "windows[].tasks[STEP_FUNCTIONS].execution_name": (
        task("StepFunctions", *STATES, "Name"),
        "drain",
    ),
    "scan_then_install": (
        window_names,
        sorted(
            ["Every"]
            + [
                f"{name}-{phase}"
                for name in (
                    "Pattern",
                    "PatternTags",
                    "PatternIds",
                    "PatternGroup",
                    "PatternPatchGroup",
                )
                for phase in ("Scan", "Install")
            ]
        ),
    ),
    "scan_then_install[].name": (window("Pattern-Scan", "Name"), "Pattern-Scan"),
    "scan_then_install[].output_bucket_name": (
        lambda s: [run(f"Pattern-{p}", "OutputS3BucketName")(s) for p in ("Scan", "Install")],
        ["pattern-output-bucket", "pattern-output-bucket"],
    ),
    "scan_then_install[].reboot_option": (
        run("Pattern-Install", "Parameters"),
        {"Operation": ["Install"], "RebootOption": ["NoReboot"]},
    ),
    "scan_then_install[].target": (
        _logical("PatternInstallTargets", "Targets"),
        [{"Key": "tag-key", "Values": ["Patch Group"]}],
    ),
    "scan_then_install[].target.name": (
        lambda s: [_logical(f"PatternTags{p}Targets", "Name")(s) for p in ("Scan", "Install")],
        ["PatternTagsTargets", "PatternTagsTargets"],
    ),
    "scan_then_install[].target.description": (
        lambda s: [
            _logical(f"PatternTags{p}Targets", "Description")(s) for p in ("Scan", "Install")
        ],
        ["Both windows' web servers", "Both windows' web servers"],
    ),
    "scan_then_install[].target.owner_information": (
        lambda s: [
            _logical(f"PatternTags{p}Targets", "OwnerInformation")(s) for p in ("Scan", "Install")
        ],
        ["pattern-team", "pattern-team"],
    ),
    "scan_then_install[].target.tag_keys": (
        _logical("PatternScanTargets", "Targets"),
        [{"Key": "tag-key", "Values": ["Patch Group"]}],
    ),
    "scan_then_install[].target.tags": (
        _logical("PatternTagsScanTargets", "Targets"),
        [{"Key": "tag:Workload", "Values": ["Prod"]}],
    ),
    "scan_then_install[].target.patch_group": (
        lambda s: [
            target(f"PatternPatchGroup-{p}-Targets", "Targets")(s) for p in ("Scan", "Install")
        ],
        [[{"Key": f"tag:{defaults.PATCH_GROUP_TAG_KEY}", "Values": ["EveryGroup"]}]] * 2,
    ),
    "windows[].id": (
        lambda s: sorted(
            logical_id
            for logical_id, resource in s.template["Resources"].items()
            if resource["Type"] == "AWS::SSM::MaintenanceWindow"
            and resource["Properties"]["Name"] == "Every"
        ),
        ["EveryWindowId77514CFF"],
    ),
    "windows[].targets[].id": (
        lambda s: [
            logical_id
            for logical_id, resource in s.template["Resources"].items()
            if resource["Properties"].get("Name") == "Tagged"
        ],
        ["EveryWindowIdTargetTaggedTargetIdCCB1A43C"],
    ),
    "windows[].tasks[].id": (
        lambda s: [
            logical_id
            for logical_id, resource in s.template["Resources"].items()
            if resource["Type"] == "AWS::SSM::MaintenanceWindowTask"
            and resource["Properties"].get("Name") == "RunCommand"
        ],
        ["EveryWindowIdTaskRunCommandTaskIdAD3E18DC"],
    ),
    "windows[].targets[].patch_group": (
        target("PatchGrouped", "Targets"),
        [{"Key": "tag:PatchGroup", "Values": ["EveryGroup"]}],
    ),
    "windows[].targets[].patch_group.name": (
        lambda s: target("PatchGrouped", "Targets")(s)[0]["Values"],
        ["EveryGroup"],
    ),
    "windows[].targets[].patch_group.tag_key": (
        lambda s: target("PatchGrouped", "Targets")(s)[0]["Key"],
        "tag:PatchGroup",
    ),
    "scan_then_install[].target.instance_ids": (
        target("PatternIds-Install-Targets", "Targets"),
        [{"Key": "InstanceIds", "Values": ["i-0123456789abcdef1"]}],
    ),
    "scan_then_install[].target.resource_group": (
        target("PatternGroup-Scan-Targets", "ResourceType"),
        "RESOURCE_GROUP",
    ),
    "scan_then_install[].target.resource_group.name": (
        lambda s: target("PatternGroup-Install-Targets", "Targets")(s)[0],
        {"Key": "resource-groups:Name", "Values": ["db"]},
    ),
    "scan_then_install[].target.resource_group.resource_types": (
        lambda s: target("PatternGroup-Install-Targets", "Targets")(s)[1:],
        [{"Key": "resource-groups:ResourceTypeFilters", "Values": ["AWS::EC2::Instance"]}],
    ),
}
for _phase, _values in {
    "scan": ("Europe/Paris", 1, 3, 2, "25%", "5", "scan/", "cron(0 0/6 ? * * *)"),
    "install": ("Asia/Tokyo", 3, 6, 3, "2", "1", "install/", "cron(0 3 ? * SUN *)"),
}.items():
    _name = f"Pattern-{_phase.title()}"
    _zone, _offset, _duration, _cutoff, _concurrency, _errors, _prefix, _schedule = _values
    EVERY |= {
        f"scan_then_install[].{_phase}": (window(_name, "Schedule"), _schedule),
        f"scan_then_install[].{_phase}.schedule": (window(_name, "Schedule"), _schedule),
        f"scan_then_install[].{_phase}.schedule_timezone": (
            window(_name, "ScheduleTimezone"),
            _zone,
        ),
        f"scan_then_install[].{_phase}.schedule_offset": (window(_name, "ScheduleOffset"), _offset),
        f"scan_then_install[].{_phase}.duration_hours": (window(_name, "Duration"), _duration),
        f"scan_then_install[].{_phase}.cutoff_hours": (window(_name, "Cutoff"), _cutoff),
        f"scan_then_install[].{_phase}.max_concurrency": (
            task(_name, "MaxConcurrency"),
            _concurrency,
        ),
        f"scan_then_install[].{_phase}.max_errors": (task(_name, "MaxErrors"), _errors),
        f"scan_then_install[].{_phase}.output_key_prefix": (
            run(_name, "OutputS3KeyPrefix"),
            _prefix,
        ),
    }


BASELINE = "AWS::SSM::PatchBaseline"


def baseline(name: str, *path: str) -> Get:
    return _named(BASELINE, name, *path)


def rule_of(name: str, index: int, *path: str) -> Get:
    return lambda s: _dig(baseline(name, "ApprovalRules", "PatchRules")(s)[index], path)


EVERY |= {
    "patch_baselines": (lambda s: sorted(_typed(BASELINE, "Name")(s)), ["EveryBaseline"]),
    "patch_baselines[].name": (baseline("EveryBaseline", "Name"), "EveryBaseline"),
    "patch_baselines[].operating_system": (
        baseline("EveryBaseline", "OperatingSystem"),
        "AMAZON_LINUX_2023",
    ),
    "patch_baselines[].description": (
        baseline("EveryBaseline", "Description"),
        "Every baseline setting",
    ),
    "patch_baselines[].global_filters": (
        baseline("EveryBaseline", "GlobalFilters"),
        {"PatchFilters": [{"Key": "PRODUCT", "Values": ["AmazonLinux2023"]}]},
    ),
    "patch_baselines[].approval_rules": (
        lambda s: len(baseline("EveryBaseline", "ApprovalRules", "PatchRules")(s)),
        2,
    ),
    "patch_baselines[].approval_rules[].filters": (
        rule_of("EveryBaseline", 0, "PatchFilterGroup"),
        {
            "PatchFilters": [
                {"Key": "CLASSIFICATION", "Values": ["Security"]},
                {"Key": "SEVERITY", "Values": ["Critical"]},
            ]
        },
    ),
    "patch_baselines[].approval_rules[].approve_after_days": (
        rule_of("EveryBaseline", 0, "ApproveAfterDays"),
        3,
    ),
    "patch_baselines[].approval_rules[].approve_until_date": (
        rule_of("EveryBaseline", 1, "ApproveUntilDate"),
        "2027-01-15",
    ),
    "patch_baselines[].approval_rules[].compliance_level": (
        rule_of("EveryBaseline", 0, "ComplianceLevel"),
        "CRITICAL",
    ),
    "patch_baselines[].approval_rules[].enable_non_security": (
        rule_of("EveryBaseline", 0, "EnableNonSecurity"),
        True,
    ),
    "patch_baselines[].approved_patches": (
        baseline("EveryBaseline", "ApprovedPatches"),
        ["kernel-6.1.*"],
    ),
    "patch_baselines[].approved_patches_compliance_level": (
        baseline("EveryBaseline", "ApprovedPatchesComplianceLevel"),
        "HIGH",
    ),
    "patch_baselines[].rejected_patches": (
        baseline("EveryBaseline", "RejectedPatches"),
        ["kernel-debug*"],
    ),
    "patch_baselines[].rejected_patches_action": (
        baseline("EveryBaseline", "RejectedPatchesAction"),
        "BLOCK",
    ),
    "patch_baselines[].sources": (
        lambda s: len(baseline("EveryBaseline", "Sources")(s)),
        1,
    ),
    "patch_baselines[].sources[].name": (
        lambda s: baseline("EveryBaseline", "Sources")(s)[0]["Name"],
        "EveryRepo",
    ),
    "patch_baselines[].sources[].products": (
        lambda s: baseline("EveryBaseline", "Sources")(s)[0]["Products"],
        ["AmazonLinux2023"],
    ),
    "patch_baselines[].sources[].configuration": (
        lambda s: baseline("EveryBaseline", "Sources")(s)[0]["Configuration"],
        "[every]\nname=Every\nbaseurl=https://repo.example.com/al2023\nenabled=1",
    ),
    "patch_baselines[].patch_groups": (baseline("EveryBaseline", "PatchGroups"), ["EveryGroup"]),
    "patch_baselines[].default": (baseline("EveryBaseline", "DefaultBaseline"), True),
}

IGNORED: dict[str, Any] = {}
"""Keys the reader accepts and the stack drops (none today). Each value must appear nowhere
in the template; wiring one through moves its row into ``EVERY``."""

# -- every optional key, left out ------------------------------------------------------------

DEFAULTS: dict[str, tuple[Get, Any]] = {
    "deployment.stack_set": (
        lambda synth: synth_layout(_only_environments()).stack_sets is None,
        True,
    ),
    "deployment.environments": (
        lambda synth: [stage.stage_name for stage in synth_layout(_only_stack_set()).stages],
        [],
    ),
    "deployment.stack_set.auto_deployment": (
        _stack_set("Windows", "AutoDeployment", "Enabled"),
        defaults.STACK_SET_AUTO_DEPLOYMENT,
    ),
    "deployment.stack_set.retain_stacks_on_account_removal": (
        _stack_set("Windows", "AutoDeployment", "RetainStacksOnAccountRemoval"),
        defaults.STACK_SET_RETAIN_STACKS_ON_ACCOUNT_REMOVAL,
    ),
    "deployment.stack_set.max_concurrent_percentage": (
        _stack_set("Windows", "OperationPreferences", "MaxConcurrentPercentage"),
        defaults.STACK_SET_MAX_CONCURRENT_PERCENTAGE,
    ),
    "deployment.stack_set.failure_tolerance_percentage": (
        _stack_set("Windows", "OperationPreferences", "FailureTolerancePercentage"),
        defaults.STACK_SET_FAILURE_TOLERANCE_PERCENTAGE,
    ),
    "deployment.stack_set.region_concurrency": (
        _stack_set("Windows", "OperationPreferences", "RegionConcurrencyType"),
        defaults.STACK_SET_REGION_CONCURRENCY,
    ),
    "deployment.stack_set.region_order": (
        _stack_set("Windows", "OperationPreferences", "RegionOrder"),
        ["eu-west-1"],
    ),
    "deployment.stack_set.call_as": (
        _stack_set("Windows", "CallAs"),
        defaults.STACK_SET_CALL_AS,
    ),
    "quotas": (
        _quota("windows", 51, lab_settings),
        [
            "patch_window.windows: "
            + QUOTA_MESSAGE.format(
                what="make 51 maintenance windows in one account and Region",
                limit=defaults.QUOTA_WINDOWS,
                key="windows",
            )
        ],
    ),
    "quotas.windows": (
        _quota("windows", 51, no_optional_setting),
        [
            "patch_window.windows: "
            + QUOTA_MESSAGE.format(
                what="make 51 maintenance windows in one account and Region",
                limit=defaults.QUOTA_WINDOWS,
                key="windows",
            )
        ],
    ),
    "quotas.tasks_per_window": (
        _quota("tasks_per_window", 21, no_optional_setting),
        [
            "patch_window.windows[0].tasks: "
            + QUOTA_MESSAGE.format(
                what="make 21 tasks in one window",
                limit=defaults.QUOTA_TASKS_PER_WINDOW,
                key="tasks_per_window",
            )
        ],
    ),
    "quotas.targets_per_window": (
        lambda synth: _quota("targets_per_window", 101, no_optional_setting)(synth)[:1],
        [
            "patch_window.windows[0].targets: "
            + QUOTA_MESSAGE.format(
                what="make 101 targets in one window",
                limit=defaults.QUOTA_TARGETS_PER_WINDOW,
                key="targets_per_window",
            )
        ],
    ),
    "quotas.targets_per_task": (
        lambda synth: _quota("targets_per_task", 11, no_optional_setting)(synth)[:1],
        [
            "patch_window.windows[0].tasks[0].targets: "
            + QUOTA_MESSAGE.format(
                what="name 11 window targets for one task",
                limit=defaults.QUOTA_TARGETS_PER_TASK,
                key="targets_per_task",
            )
            + "; the task runs on every target of its window (as a task without targets does), "
            "so name at most 10 of them in its targets"
        ],
    ),
    "quotas.instance_ids_per_target": (
        lambda synth: _problems(past_quota(no_optional_setting(), "instance_ids_per_target", 51)),
        [
            f"patch_window.windows[0].targets[{len(no_optional_setting()['windows'][0]['targets'])}]"
            ".instance_ids: must name at most 50 instance ids, got 51"
        ],
    ),
    "quotas.concurrent_executions": (
        lambda synth: read_settings(no_optional_setting()).quotas.concurrent_executions,
        defaults.QUOTA_CONCURRENT_EXECUTIONS,
    ),
    "deployment": (_stack_names, ["PatchWindow"]),
    "deployment.environments[].window_overrides": (
        _layout_window("PatchWindow-other-eu-west-1", "Bare", "Schedule"),
        "rate(7 days)",
    ),
    "deployment.environments[].window_overrides[].schedule": (
        _layout_window("PatchWindow-bare-eu-west-1", "Bare", "Schedule"),
        "rate(7 days)",
    ),
    "deployment.environments[].window_overrides[].schedule_timezone": (
        _layout_window("PatchWindow-bare-eu-west-1", "Bare", "ScheduleTimezone"),
        ABSENT,
    ),
    "deployment.environments[].window_overrides[].duration_hours": (
        _layout_window("PatchWindow-bare-eu-west-1", "Bare", "Duration"),
        2,
    ),
    "deployment.environments[].window_overrides[].cutoff_hours": (
        _layout_window("PatchWindow-bare-eu-west-1", "Bare", "Cutoff"),
        1,
    ),
    "stack_name": (stack_name, defaults.STACK_NAME),
    "alerts": (alert_rules, []),
    "alerts.topic_arn": (alert_targets, [{"Ref": "PatchAlertsTopic255E8A26"}]),
    "role": (_logical(ROLE, "RoleName"), ABSENT),
    "role.role_name": (_logical(ROLE, "RoleName"), ABSENT),
    "role.description": (_logical(ROLE, "Description"), ABSENT),
    "role.trusted_services": (
        _logical(ROLE, *TRUST),
        [
            {
                "Action": "sts:AssumeRole",
                "Effect": "Allow",
                "Principal": {"Service": "ssm.amazonaws.com"},
            }
        ],
    ),
    "role.policy": (_logical(ROLE, "ManagedPolicyArns"), ABSENT),
    "role.restrict_source_account": (lambda s: "Condition" in _logical(ROLE, *TRUST)(s)[0], False),
    "pass_role": (_logical("PassRolePolicy"), ABSENT),
    "pass_role.policy_name": (_logical("PassRolePolicy", "ManagedPolicyName"), ABSENT),
    "windows[].description": (window("Bare", "Description"), ABSENT),
    "windows[].schedule_timezone": (window("Bare", "ScheduleTimezone"), ABSENT),
    "windows[].schedule_offset": (window("Bare", "ScheduleOffset"), ABSENT),
    "windows[].start_date": (window("Bare", "StartDate"), ABSENT),
    "windows[].end_date": (window("Bare", "EndDate"), ABSENT),
    "windows[].allow_unassociated_targets": (
        window("Bare", "AllowUnassociatedTargets"),
        defaults.ALLOW_UNASSOCIATED_TARGETS,
    ),
    "windows[].targets": (
        lambda s: _typed("AWS::SSM::MaintenanceWindowTarget", "WindowId", "Ref")(s).count(
            "UntargetedC05CB738"
        ),
        0,
    ),
    "windows[].tasks": (
        lambda s: _typed("AWS::SSM::MaintenanceWindowTask", "WindowId", "Ref")(s).count(
            "UntargetedC05CB738"
        ),
        0,
    ),
    "windows[].targets[].description": (target("Tagged", "Description"), ABSENT),
    "windows[].targets[].owner_information": (target("Tagged", "OwnerInformation"), ABSENT),
    "windows[].targets[].resource_group.resource_types": (
        target("Grouped", "Targets"),
        [{"Key": "resource-groups:Name", "Values": ["db"]}],
    ),
    "windows[].tasks[].type": (task("RunCommand", "TaskType"), defaults.TASK_TYPE.value),
    "windows[].tasks[].description": (task("RunCommand", "Description"), ABSENT),
    "windows[].tasks[].priority": (task("Lambda", "Priority"), defaults.TASK_PRIORITY),
    "windows[].tasks[].targets": (
        lambda s: refs("BareTargetTagged", "BareTargetGrouped", "BareTargetPatchGrouped")(
            task("RunCommand", "Targets")(s)
        ),
        True,
    ),
    "windows[].tasks[].cutoff_behavior": (task("RunCommand", "CutoffBehavior"), ABSENT),
    "windows[].tasks[].max_concurrency": (task("Lambda", "MaxConcurrency"), ABSENT),
    "windows[].tasks[].max_errors": (task("Lambda", "MaxErrors"), ABSENT),
    "windows[].tasks[RUN_COMMAND].document_version": (run("NoOutput", "DocumentVersion"), ABSENT),
    "windows[].tasks[RUN_COMMAND].parameters": (run("NoOutput", "Parameters"), ABSENT),
    "windows[].tasks[RUN_COMMAND].timeout_seconds": (run("NoOutput", "TimeoutSeconds"), ABSENT),
    "windows[].tasks[RUN_COMMAND].comment": (run("NoOutput", "Comment"), ABSENT),
    "windows[].tasks[RUN_COMMAND].output": (run("NoOutput", "OutputS3BucketName"), ABSENT),
    "windows[].tasks[RUN_COMMAND].notifications": (run("NoOutput", "NotificationConfig"), ABSENT),
    "windows[].tasks[].output.s3": (run("OtherOutput", "OutputS3BucketName"), ABSENT),
    "windows[].tasks[].output.s3.key_prefix": (run("RunCommand", "OutputS3KeyPrefix"), ABSENT),
    "windows[].tasks[].output.s3.create_bucket": (
        run("RunCommand", "OutputS3BucketName"),
        "bare-output-bucket",
    ),
    "windows[].tasks[].output.cloudwatch": (run("CreatesBucket", "CloudWatchOutputConfig"), ABSENT),
    "windows[].tasks[].output.cloudwatch.create": (
        run("OtherOutput", "CloudWatchOutputConfig", "CloudWatchLogGroupName"),
        "/bare/existing",
    ),
    "windows[].tasks[].output.cloudwatch.retention_days": (
        _typed("AWS::Logs::LogGroup", "RetentionInDays"),
        [defaults.LOG_RETENTION_DAYS],
    ),
    "windows[].tasks[].output.instance_role_names": (
        lambda s: [
            logical_id for logical_id in s.template["Resources"] if "OutputPolicy" in logical_id
        ],
        [],
    ),
    "windows[].tasks[].notifications.topic_arn": (
        run("RunCommand", "NotificationConfig", "NotificationArn", "Ref"),
        "CommandNotificationsTopic78485B2D",
    ),
    "windows[].tasks[].notifications.create_topic": (
        run("OtherOutput", "NotificationConfig", "NotificationArn"),
        "arn:aws:sns:us-east-1:123456789012:bare",
    ),
    "windows[].tasks[].notifications.events": (
        run("RunCommand", "NotificationConfig", "NotificationEvents"),
        [event.value for event in defaults.NOTIFICATION_EVENTS],
    ),
    "windows[].tasks[].notifications.type": (
        run("RunCommand", "NotificationConfig", "NotificationType"),
        defaults.NOTIFICATION_TYPE.value,
    ),
    "windows[].tasks[AUTOMATION].document_version": (
        task("Automation", *AUTOMATION, "DocumentVersion"),
        ABSENT,
    ),
    "windows[].tasks[AUTOMATION].parameters": (
        task("Automation", *AUTOMATION, "Parameters"),
        ABSENT,
    ),
    "windows[].tasks[LAMBDA].qualifier": (task("Lambda", *LAMBDA, "Qualifier"), ABSENT),
    "windows[].tasks[LAMBDA].payload": (task("Lambda", *LAMBDA, "Payload"), ABSENT),
    "windows[].tasks[LAMBDA].client_context": (task("Lambda", *LAMBDA, "ClientContext"), ABSENT),
    "windows[].tasks[STEP_FUNCTIONS].input": (task("StepFunctions", *STATES, "Input"), ABSENT),
    "windows[].tasks[STEP_FUNCTIONS].execution_name": (
        task("StepFunctions", *STATES, "Name"),
        ABSENT,
    ),
    "scan_then_install": (window_names, ["PatchTestWorkloadWebServers"]),
    "scan_then_install[].output_bucket_name": (
        run("Pattern-Scan", "OutputS3BucketName"),
        ABSENT,
    ),
    "scan_then_install[].reboot_option": (
        run("Pattern-Install", "Parameters", "RebootOption"),
        [defaults.INSTALL_REBOOT_OPTION.value],
    ),
    "scan_then_install[].target.resource_group.resource_types": (
        target("Pattern-Install-Targets", "Targets"),
        [{"Key": "resource-groups:Name", "Values": ["web-servers"]}],
    ),
    "scan_then_install[].target.name": (
        lambda s: [target(f"Pattern-{p}-Targets", "Name")(s) for p in ("Scan", "Install")],
        ["Pattern-Scan-Targets", "Pattern-Install-Targets"],
    ),
    "scan_then_install[].target.description": (
        target("Pattern-Scan-Targets", "Description"),
        ABSENT,
    ),
    "scan_then_install[].target.owner_information": (
        target("Pattern-Install-Targets", "OwnerInformation"),
        ABSENT,
    ),
    "windows[].id": (
        lambda s: [
            logical_id[:-8]
            for logical_id, resource in s.template["Resources"].items()
            if resource["Type"] == "AWS::SSM::MaintenanceWindow"
            and resource["Properties"]["Name"] == "Bare"
        ],
        ["Bare"],
    ),
    "windows[].targets[].id": (
        lambda s: [
            logical_id[:-8]
            for logical_id, resource in s.template["Resources"].items()
            if resource["Type"] == "AWS::SSM::MaintenanceWindowTarget"
            and resource["Properties"]["Name"] == "Tagged"
        ],
        ["BareTargetTagged"],
    ),
    "windows[].tasks[].id": (
        lambda s: [
            logical_id[:-8]
            for logical_id, resource in s.template["Resources"].items()
            if resource["Type"] == "AWS::SSM::MaintenanceWindowTask"
            and resource["Properties"]["Name"] == "RunCommand"
        ],
        ["BareTaskRunCommand"],
    ),
    "windows[].targets[].patch_group.tag_key": (
        target("PatchGrouped", "Targets"),
        [{"Key": f"tag:{defaults.PATCH_GROUP_TAG_KEY}", "Values": ["WebServers"]}],
    ),
}
for _phase in ("scan", "install"):
    _name = f"Pattern-{_phase.title()}"
    DEFAULTS |= {
        f"scan_then_install[].{_phase}.schedule_timezone": (
            window(_name, "ScheduleTimezone"),
            ABSENT,
        ),
        f"scan_then_install[].{_phase}.schedule_offset": (window(_name, "ScheduleOffset"), ABSENT),
        f"scan_then_install[].{_phase}.duration_hours": (
            window(_name, "Duration"),
            defaults.PHASE_DURATION_HOURS,
        ),
        f"scan_then_install[].{_phase}.cutoff_hours": (
            window(_name, "Cutoff"),
            defaults.PHASE_CUTOFF_HOURS,
        ),
        f"scan_then_install[].{_phase}.max_concurrency": (
            task(_name, "MaxConcurrency"),
            defaults.PHASE_MAX_CONCURRENCY,
        ),
        f"scan_then_install[].{_phase}.max_errors": (
            task(_name, "MaxErrors"),
            defaults.PHASE_MAX_ERRORS,
        ),
        f"scan_then_install[].{_phase}.output_key_prefix": (
            run(_name, "OutputS3KeyPrefix"),
            ABSENT,
        ),
    }


DEFAULTS |= {
    "patch_baselines": (lambda s: _typed(BASELINE, "Name")(s), []),
    "patch_baselines[].description": (baseline("BareBaseline", "Description"), ABSENT),
    "patch_baselines[].global_filters": (baseline("BareBaseline", "GlobalFilters"), ABSENT),
    "patch_baselines[].approval_rules": (baseline("BareBaseline", "ApprovalRules"), ABSENT),
    "patch_baselines[].approval_rules[].approve_until_date": (
        rule_of("BareRule", 0, "ApproveUntilDate"),
        ABSENT,
    ),
    "patch_baselines[].approval_rules[].compliance_level": (
        rule_of("BareRule", 0, "ComplianceLevel"),
        ABSENT,
    ),
    "patch_baselines[].approval_rules[].enable_non_security": (
        rule_of("BareRule", 0, "EnableNonSecurity"),
        ABSENT,
    ),
    "patch_baselines[].approved_patches": (baseline("BareBaseline", "ApprovedPatches"), ABSENT),
    "patch_baselines[].approved_patches_compliance_level": (
        baseline("BareBaseline", "ApprovedPatchesComplianceLevel"),
        ABSENT,
    ),
    "patch_baselines[].rejected_patches": (baseline("BareBaseline", "RejectedPatches"), ABSENT),
    "patch_baselines[].rejected_patches_action": (
        baseline("BareBaseline", "RejectedPatchesAction"),
        ABSENT,
    ),
    "patch_baselines[].sources": (baseline("BareBaseline", "Sources"), ABSENT),
    "patch_baselines[].patch_groups": (baseline("BareBaseline", "PatchGroups"), ABSENT),
    "patch_baselines[].default": (baseline("BareBaseline", "DefaultBaseline"), ABSENT),
}

NO_DEFAULT = {
    "windows": "required unless scan_then_install is given",
    "windows[].targets[].tags": "a target names exactly one of the selection forms",
    "windows[].targets[].tag_keys": "a target names exactly one of the selection forms",
    "windows[].targets[].instance_ids": "a target names exactly one of the selection forms",
    "windows[].targets[].resource_group": "a target names exactly one of the selection forms",
    "scan_then_install[].target.tags": "a target names exactly one of the selection forms",
    "scan_then_install[].target.tag_keys": "a target names exactly one of the selection forms",
    "scan_then_install[].target.instance_ids": "a target names exactly one of the selection forms",
    "scan_then_install[].target.resource_group": "a target names exactly one of the forms",
    "windows[].tasks[].output.s3.bucket_name": "s3 needs bucket_name or create_bucket: true",
    "windows[].targets[].patch_group": "a target names exactly one of the selection forms",
    "scan_then_install[].target.patch_group": "a target names exactly one of the selection forms",
    "patch_baselines[].approval_rules[].approve_after_days": (
        "a rule needs approve_after_days or approve_until_date (except on some systems)"
    ),
}
"""Optional keys without a default of their own, and why."""

DEFAULTS_FROM = {
    "scan_then_install": "lab",
    "patch_baselines": "lab",
    "quotas": "lab",
    "deployment": "lab",
    # read from the bare configuration without the key (the getters build it)
    "deployment.environments": "lab",
    "deployment.stack_set": "lab",
    "alerts": "lab",
}
"""Rows read from another shared stack: the shipped cdk.json has no scan_then_install, no
patch_baselines, no quotas, no deployment, nor alerts (the configuration without optional keys
has ``"alerts": {}``, where its topic_arn takes its default)."""


def test_every_key_of_the_schema_has_a_row_and_is_set() -> None:
    known, present = schema(every_setting())
    assert sorted(set(EVERY) | set(IGNORED)) == sorted(known)
    assert not set(EVERY) & set(IGNORED)
    assert sorted(set(known) - present) == []


def test_every_optional_key_has_a_default_row() -> None:
    known, _ = schema(every_setting())
    optional = {key for key, required in known.items() if not required}
    assert sorted(set(DEFAULTS) | set(NO_DEFAULT)) == sorted(optional)
    assert not set(DEFAULTS) & set(NO_DEFAULT)


def test_the_defaults_configuration_leaves_each_defaulted_key_out_somewhere() -> None:
    """Each key in ``DEFAULTS`` is absent from at least one object of its kind."""
    known, _ = schema(no_optional_setting())
    absent_somewhere = _absent_somewhere(no_optional_setting())
    assert sorted(set(DEFAULTS) - set(DEFAULTS_FROM) - absent_somewhere) == []
    assert set(DEFAULTS) <= set(known) | {"pass_role.policy_name"} | _role_keys()


def _role_keys() -> set[str]:
    return {key for key in EVERY if key.startswith(("role.", "pass_role."))}


def _absent_somewhere(settings: dict[str, Any]) -> set[str]:
    """Keys left out of at least one object that could hold them (objects never written, such
    as ``role``, count as leaving every key out)."""
    absent = {"role", "pass_role", *_role_keys()}
    with recording() as seen:
        read_settings(settings)
    for kind, required, optional, keys in seen:
        absent |= {settings_keys(kind, key) for key in (required | optional) - keys}
    return absent


@pytest.mark.parametrize("setting", sorted(EVERY))
def test_a_set_key_reaches_the_template(every: Synth, setting: str) -> None:
    get, expected = EVERY[setting]
    assert get(every) == expected


@pytest.mark.parametrize("setting", sorted(DEFAULTS))
def test_a_left_out_key_takes_its_default(
    request: pytest.FixtureRequest, bare: Synth, setting: str
) -> None:
    get, expected = DEFAULTS[setting]
    synth = bare
    if setting in DEFAULTS_FROM:
        stack, template, _ = request.getfixturevalue(DEFAULTS_FROM[setting])
        synth = Synth(stack, template)
    assert get(synth) == expected


def test_an_ignored_key_stays_out_of_the_template(every: Synth) -> None:
    text = json.dumps(every.template)
    assert [key for key, value in IGNORED.items() if json.dumps(value) in text] == []


@pytest.mark.parametrize("synth", ["every", "bare"])
def test_both_configurations_pass_cfn_lint(request: pytest.FixtureRequest, synth: str) -> None:
    assert cfn_lint(request.getfixturevalue(synth).template) == []


def _problems(settings: dict[str, Any]) -> list[str]:
    """Every problem reading ``settings`` gives about instance ids."""
    try:
        read_settings(settings)
    except PatchWindowValidationError as error:
        return [problem for problem in error.problems if ".instance_ids:" in problem]
    return []
