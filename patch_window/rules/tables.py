"""Per-resource rule tables: which rule checks which prop, the one place that says so.

Each construct runs its table on its props (:meth:`RuleTable.problems`), and the cdk.json reader
(:mod:`patch_window.app.reader`) runs the same rows on the settings that become those props,
only translating a prop into its cdk.json path. A row also names the AWS constraints it
enforces (keys of :mod:`patch_window.rules.aws_constraints`), so a test can prove that every
constraint AWS publishes for a property the project fills is enforced by some row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from patch_window.rules import baseline, deployment, iam, output, quotas, target, task, window
from patch_window.tokens import is_unresolved

Rule = Callable[..., str | None]


@dataclass(frozen=True)
class PropRule:
    """``rule(value)`` for one prop; ``after`` names props whose values the rule also takes
    (``rule(value, *others)``), checked only once those are valid themselves."""

    prop: str
    rule: Rule
    aws: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    each: bool = False
    """The rule checks each item of a list prop; problems name the item (``prop[2]``)."""


@dataclass(frozen=True)
class RuleTable:
    """The rows of one resource (its CloudFormation type, or what the rows shape)."""

    resource: str
    rows: tuple[PropRule, ...]

    def row(self, prop: str, *, each: bool = False) -> PropRule:
        """The row that checks ``prop`` alone (or, with ``each``, each of its items)."""
        for row in self.rows:
            if row.prop == prop and not row.after and row.each == each:
                return row
        raise KeyError(f"{self.resource} has no rule for {prop!r}")

    def rule(self, prop: str, *, each: bool = False) -> Rule:
        """The rule of :meth:`row`."""
        return self.row(prop, each=each).rule

    def pair(self, prop: str, other: str) -> Rule:
        """The rule comparing ``prop`` with ``other`` (``rule(value, other_value)``)."""
        for row in self.rows:
            if row.prop == prop and row.after == (other,):
                return row.rule
        raise KeyError(f"{self.resource} has no rule comparing {prop!r} with {other!r}")

    def problems(self, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """``(prop, problem)`` for every row whose prop is given (not ``None``, not a token).

        Rows that compare props run only when every prop they compare passed its own rows.
        """
        found: list[tuple[str, str]] = []
        for row in self.rows:
            props = (row.prop, *row.after)
            if any(values.get(p) is None or is_unresolved(values[p]) for p in props):
                continue
            if row.after and any(p.split("[")[0] in props for p, _ in found):
                continue
            if row.each:
                for index, item in enumerate(values[row.prop]):
                    problem = row.rule(item)
                    if problem:
                        found.append((f"{row.prop}[{index}]", problem))
                continue
            problem = row.rule(*(values[p] for p in props))
            if problem:
                found.append((row.prop, problem))
        return found


def _r(
    prop: str, rule: Rule, *aws: str, after: tuple[str, ...] = (), each: bool = False
) -> PropRule:
    return PropRule(prop=prop, rule=rule, aws=aws, after=after, each=each)


MW = "AWS::SSM::MaintenanceWindow"
MWT = "AWS::SSM::MaintenanceWindowTarget"
MWTASK = "AWS::SSM::MaintenanceWindowTask"
INVOKE = f"{MWTASK}.TaskInvocationParameters"
RUN = f"{INVOKE}.MaintenanceWindowRunCommandParameters"
LAM = f"{INVOKE}.MaintenanceWindowLambdaParameters"
SFN = f"{INVOKE}.MaintenanceWindowStepFunctionsParameters"

WINDOW = RuleTable(
    MW,
    (
        _r("name", window.name, f"{MW}.Name"),
        _r("description", window.description, f"{MW}.Description"),
        _r("schedule", window.schedule, f"{MW}.Schedule"),
        _r("duration", window.duration_hours, f"{MW}.Duration"),
        _r("cutoff", window.cutoff_hours, f"{MW}.Cutoff"),
        _r("cutoff", window.cutoff_below_duration, after=("duration",)),
        _r("time_zone", window.schedule_timezone, f"{MW}.ScheduleTimezone"),
        _r("schedule_offset", window.schedule_offset, f"{MW}.ScheduleOffset", after=("schedule",)),
        _r("start_date", window.date_time),
        _r("end_date", window.date_time),
        _r("end_date", window.end_after_start, after=("start_date",)),
    ),
)
TARGET = RuleTable(
    MWT,
    (
        _r("name", window.name, f"{MWT}.Name"),
        _r("description", window.description, f"{MWT}.Description"),
        _r("owner_information", target.owner_information, f"{MWT}.OwnerInformation"),
    ),
)
TASK = RuleTable(
    MWTASK,
    (
        _r("name", window.name, f"{MWTASK}.Name"),
        _r("description", window.description, f"{MWTASK}.Description"),
        _r("priority", task.priority, f"{MWTASK}.Priority"),
        _r("max_concurrency", task.max_concurrency, f"{MWTASK}.MaxConcurrency"),
        _r("max_errors", task.max_errors, f"{MWTASK}.MaxErrors"),
        _r("cutoff_behavior", task.cutoff_behavior, f"{MWTASK}.CutoffBehavior"),
    ),
)
RUN_COMMAND = RuleTable(
    RUN,
    (
        _r("document", task.document, f"{MWTASK}.TaskArn"),
        _r("parameters", task.document_parameters, f"{RUN}.Parameters"),
        _r("parameters", baseline.run_patch_baseline_parameters, after=("document",)),
        _r("document_version", task.document_version, f"{RUN}.DocumentVersion"),
        _r("timeout", task.timeout_seconds, f"{RUN}.TimeoutSeconds"),
        _r("comment", task.comment, f"{RUN}.Comment"),
        _r("output_key_prefix", output.output_key_prefix, f"{RUN}.OutputS3KeyPrefix"),
    ),
)
AUTOMATION = RuleTable(
    f"{INVOKE}.MaintenanceWindowAutomationParameters",
    (
        _r("document", task.document, f"{MWTASK}.TaskArn"),
        _r(
            "parameters",
            task.automation_parameters,
            f"{INVOKE}.MaintenanceWindowAutomationParameters.Parameters",
            f"{INVOKE}.MaintenanceWindowAutomationParameters.Parameters{{key}}",
            f"{INVOKE}.MaintenanceWindowAutomationParameters.Parameters.*",
            f"{INVOKE}.MaintenanceWindowAutomationParameters.Parameters.*[]",
        ),
        _r(
            "document_version",
            task.document_version,
            f"{INVOKE}.MaintenanceWindowAutomationParameters.DocumentVersion",
        ),
    ),
)
LAMBDA = RuleTable(
    LAM,
    (
        _r("function", task.lambda_function, f"{MWTASK}.TaskArn"),
        _r(
            "qualifier",
            task.lambda_qualifier,
            f"{LAM}.Qualifier",
        ),
        _r("payload", task.lambda_payload, f"{LAM}.Payload"),
        _r(
            "client_context",
            task.lambda_client_context,
            f"{LAM}.ClientContext",
        ),
    ),
)
STEP_FUNCTIONS = RuleTable(
    SFN,
    (
        _r("state_machine", task.state_machine, f"{MWTASK}.TaskArn"),
        _r(
            "input",
            task.step_functions_input,
            f"{SFN}.Input",
        ),
        _r(
            "execution_name",
            task.execution_name,
            f"{SFN}.Name",
        ),
    ),
)
NOTIFICATIONS = RuleTable(
    f"{RUN}.NotificationConfig",
    (
        _r("topic_arn", output.sns_topic_arn, f"{RUN}.NotificationConfig.NotificationArn"),
        _r(
            "events",
            output.notification_events,
            f"{RUN}.NotificationConfig.NotificationEvents",
        ),
        _r(
            "events",
            output.notification_event,
            f"{RUN}.NotificationConfig.NotificationEvents[]",
            each=True,
        ),
        _r("type", output.notification_type, f"{RUN}.NotificationConfig.NotificationType"),
    ),
)
ALERTS = RuleTable(
    "AWS::Events::Rule.Targets",
    (_r("topic_arn", output.sns_topic_arn),),
)
ROLE = RuleTable(
    "AWS::IAM::Role",
    (
        _r("role_name", iam.role_name, "AWS::IAM::Role.RoleName"),
        _r("description", iam.role_description, "AWS::IAM::Role.Description"),
        _r("trusted_services", iam.trust_not_empty),
        _r("trusted_services", iam.service_principal, each=True),
        _r("policy", iam.role_policy),
    ),
)
PASS_ROLE_POLICY = RuleTable(
    "AWS::IAM::ManagedPolicy",
    (
        _r("managed_policy_name", iam.policy_name, "AWS::IAM::ManagedPolicy.ManagedPolicyName"),
        _r("group_names", iam.group_name, "AWS::IAM::Group.GroupName", each=True),
    ),
)
LOG_GROUP = RuleTable(
    "AWS::Logs::LogGroup",
    (
        _r(
            "log_group_name",
            output.log_group_name,
            "AWS::Logs::LogGroup.LogGroupName",
            f"{RUN}.CloudWatchOutputConfig.CloudWatchLogGroupName",
        ),
        _r("retention_days", output.log_retention_days, "AWS::Logs::LogGroup.RetentionInDays"),
    ),
)
BUCKET = RuleTable(
    "AWS::S3::Bucket",
    (
        _r(
            "bucket_name",
            output.bucket_name,
            "AWS::S3::Bucket.BucketName",
            f"{RUN}.OutputS3BucketName",
        ),
    ),
)
INSTANCE_ROLES = RuleTable(
    "AWS::IAM::Role", (_r("role_names", iam.role_name, "AWS::IAM::Role.RoleName", each=True),)
)
STACK = RuleTable("AWS::CloudFormation::Stack", (_r("stack_name", window.stack_name),))
PATCH_BASELINE = RuleTable("AWS-RunPatchBaseline", (_r("reboot_option", task.reboot_option),))

PB = baseline.PB
_FILTER_KEYS = ("PatchFilters", "PatchFilters[].Key", "PatchFilters[].Values")
BASELINE = RuleTable(
    PB,
    (
        _r("name", baseline.name, f"{PB}.Name"),
        _r("description", baseline.description, f"{PB}.Description"),
        _r("operating_system", baseline.operating_system, f"{PB}.OperatingSystem"),
        _r(
            "global_filters",
            baseline.patch_filters,
            *(f"{PB}.GlobalFilters.{key}" for key in _FILTER_KEYS),
            f"{PB}.GlobalFilters.PatchFilters[].Values[]",
        ),
        _r("global_filters", baseline.filters_for_os, after=("operating_system",)),
        _r("approval_rules", baseline.approval_rules, f"{PB}.ApprovalRules.PatchRules"),
        _r("approved_patches", baseline.patch_list, f"{PB}.ApprovedPatches"),
        _r("approved_patches", baseline.patch, f"{PB}.ApprovedPatches[]", each=True),
        _r("approved_patches", baseline.patch_names_for_os, after=("operating_system",)),
        _r(
            "approved_patches_compliance_level",
            baseline.compliance_level,
            f"{PB}.ApprovedPatchesComplianceLevel",
        ),
        _r("rejected_patches", baseline.patch_list, f"{PB}.RejectedPatches"),
        _r("rejected_patches", baseline.patch, f"{PB}.RejectedPatches[]", each=True),
        _r("rejected_patches", baseline.patch_names_for_os, after=("operating_system",)),
        _r(
            "rejected_patches_action",
            baseline.rejected_patches_action,
            f"{PB}.RejectedPatchesAction",
        ),
        _r("sources", baseline.sources, f"{PB}.Sources"),
        _r("sources", baseline.sources_for_os, after=("operating_system",)),
        _r("patch_groups", baseline.patch_group, f"{PB}.PatchGroups[]", each=True),
        _r("patch_groups", baseline.patch_groups),
    ),
)
APPROVAL_RULE = RuleTable(
    f"{PB}.ApprovalRules.PatchRules",
    (
        _r(
            "filters",
            baseline.patch_filters,
            *(f"{baseline.RULE}.PatchFilterGroup.{key}" for key in _FILTER_KEYS),
            f"{baseline.RULE}.PatchFilterGroup.PatchFilters[].Values[]",
        ),
        _r("filters", baseline.filters_for_os, after=("operating_system",)),
        _r("approve_after_days", baseline.approve_after_days, f"{baseline.RULE}.ApproveAfterDays"),
        _r("approve_after_days", baseline.delay_supported, after=("operating_system",)),
        _r("approve_until_date", baseline.approve_until_date, f"{baseline.RULE}.ApproveUntilDate"),
        _r("approve_until_date", baseline.delay_supported, after=("operating_system",)),
        _r("compliance_level", baseline.compliance_level, f"{baseline.RULE}.ComplianceLevel"),
        _r("enable_non_security", baseline.non_security_supported, after=("operating_system",)),
    ),
)
PATCH_SOURCE = RuleTable(
    f"{PB}.Sources",
    (
        _r("name", baseline.source_name, f"{PB}.Sources[].Name"),
        _r("products", baseline.source_products, f"{PB}.Sources[].Products"),
        _r("products", baseline.source_product, f"{PB}.Sources[].Products[]", each=True),
        _r("configuration", baseline.source_configuration, f"{PB}.Sources[].Configuration"),
    ),
)

QUOTAS = RuleTable(
    "Service Quotas",
    (
        _r("windows", quotas.quota_value),
        _r("tasks_per_window", quotas.quota_value),
        _r("targets_per_window", quotas.quota_value),
        _r("targets_per_task", quotas.quota_value),
        _r("instance_ids_per_target", quotas.instance_ids_quota),
        _r("concurrent_executions", quotas.quota_value),
    ),
)

ENVIRONMENT = RuleTable(
    "cdk.Stage",
    (
        _r("name", deployment.environment_name),
        _r("account", deployment.account),
        _r("regions", deployment.regions),
        _r("regions", deployment.region, each=True),
    ),
)
DEPLOYMENT = RuleTable("cdk.App", (_r("home_region", deployment.region),))
SS = "AWS::CloudFormation::StackSet"
STACK_SET = RuleTable(
    SS,
    (
        _r("organizational_units", deployment.organizational_units),
        _r("organizational_units", deployment.organizational_unit, each=True),
        _r("regions", deployment.regions),
        _r("regions", deployment.region, each=True),
        _r("max_concurrent_percentage", deployment.max_concurrent_percentage),
        _r("failure_tolerance_percentage", deployment.failure_tolerance_percentage),
        _r("region_concurrency", deployment.region_concurrency),
        _r("region_order", deployment.region, each=True),
        _r("region_order", deployment.region_order, after=("regions",)),
        _r("call_as", deployment.call_as),
    ),
)

TABLES = {
    "window": WINDOW,
    "target": TARGET,
    "task": TASK,
    "run_command": RUN_COMMAND,
    "automation": AUTOMATION,
    "lambda": LAMBDA,
    "step_functions": STEP_FUNCTIONS,
    "notifications": NOTIFICATIONS,
    "alerts": ALERTS,
    "role": ROLE,
    "pass_role_policy": PASS_ROLE_POLICY,
    "log_group": LOG_GROUP,
    "bucket": BUCKET,
    "instance_roles": INSTANCE_ROLES,
    "stack": STACK,
    "patch_baseline": PATCH_BASELINE,
    "baseline": BASELINE,
    "approval_rule": APPROVAL_RULE,
    "patch_source": PATCH_SOURCE,
    "quotas": QUOTAS,
    "environment": ENVIRONMENT,
    "deployment": DEPLOYMENT,
    "stack_set": STACK_SET,
}
"""Every table by name: what the agreement and coverage tests walk."""
