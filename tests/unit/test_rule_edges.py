"""Each rule on its own, at its edges, in the exact words the user reads.

One row per case: the call, and what it returns (``None``: allowed). The rules' refusals reach
the user as ``error:`` lines (cdk.json) and ``PatchWindowValidationError`` (library), so a
changed word is a changed promise. Pure and fast: ``make mutation`` runs it against the rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from patch_window.rules import (
    baseline,
    common,
    deployment,
    iam,
    output,
    quotas,
    target,
    task,
    window,
)
from patch_window.rules.tables import RuleTable, _r

CASES = [
    pytest.param(
        lambda: baseline.approval_delay(7, "2026-12-31", "AMAZON_LINUX_2023"),
        ("takes approve_after_days or approve_until_date, not both, got 7 and '2026-12-31'"),
        id="approval_delay_both",
    ),
    pytest.param(
        lambda: baseline.approval_delay(None, None, "WINDOWS"),
        ("needs approve_after_days or approve_until_date on WINDOWS, got neither"),
        id="approval_delay_neither",
    ),
    pytest.param(
        lambda: baseline.approval_delay(None, "2026-12-31", "WINDOWS"),
        None,
        id="approval_delay_until_only",
    ),
    pytest.param(
        lambda: baseline.approval_delay(7, None, "WINDOWS"), None, id="approval_delay_days_only"
    ),
    pytest.param(
        lambda: baseline.approval_delay(None, None, "UBUNTU"), None, id="approval_delay_ubuntu"
    ),
    pytest.param(
        lambda: baseline.approve_after_days(361),
        ("must be 0-360 days, got 361"),
        id="approve_after_days_361",
    ),
    pytest.param(lambda: baseline.approve_after_days(360), None, id="approve_after_days_360"),
    pytest.param(lambda: baseline.approve_until_date("2026-02-28"), None, id="approve_until_ok"),
    pytest.param(
        lambda: baseline.approve_until_date("2026-02-30"),
        ("must be a date written YYYY-MM-DD, such as '2026-12-31', got '2026-02-30'"),
        id="approve_until_feb30",
    ),
    pytest.param(
        lambda: baseline.approve_until_date("2026-2-28"),
        ("must be a date written YYYY-MM-DD, such as '2026-12-31', got '2026-2-28'"),
        id="approve_until_short",
    ),
    pytest.param(
        lambda: baseline.approve_until_date("tomorrow"),
        ("must be a date written YYYY-MM-DD, such as '2026-12-31', got 'tomorrow'"),
        id="approve_until_words",
    ),
    pytest.param(
        lambda: baseline.approve_until_date("2026-W01-1"),
        ("must be a date written YYYY-MM-DD, such as '2026-12-31', got '2026-W01-1'"),
        id="approve_until_week",
    ),
    pytest.param(lambda: baseline.compliance_level("HIGH"), None, id="compliance_level_ok"),
    pytest.param(
        lambda: baseline.compliance_level("high"),
        ("must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED, got 'high'"),
        id="compliance_level_bad",
    ),
    pytest.param(
        lambda: baseline.delay_supported(7, "UBUNTU"),
        (
            "is not supported on UBUNTU, got 7: patches are approved as soon as the rule's "
            "filters match them"
        ),
        id="delay_supported_ubuntu",
    ),
    pytest.param(
        lambda: baseline.delay_supported("2026-01-01", "DEBIAN"),
        (
            "is not supported on DEBIAN, got '2026-01-01': patches are approved as soon as "
            "the rule's filters match them"
        ),
        id="delay_supported_debian",
    ),
    pytest.param(
        lambda: baseline.delay_supported(7, "WINDOWS"), None, id="delay_supported_windows"
    ),
    pytest.param(
        lambda: baseline.filters_for_os({"MSRC_SEVERITY": ["Critical"]}, "AMAZON_LINUX_2023"),
        (
            "filter key 'MSRC_SEVERITY' does not apply to AMAZON_LINUX_2023; it takes "
            "PRODUCT, CLASSIFICATION, SEVERITY"
        ),
        id="filters_for_os_key",
    ),
    pytest.param(
        lambda: baseline.filters_for_os(
            {"CLASSIFICATION": ["Security", "Nope"]}, "AMAZON_LINUX_2023"
        ),
        (
            "filter 'CLASSIFICATION' on AMAZON_LINUX_2023 must take values among Security, "
            "Bugfix, Enhancement, Recommended, Newpackage or '*', got 'Nope'"
        ),
        id="filters_for_os_value",
    ),
    pytest.param(
        lambda: baseline.filters_for_os({"CLASSIFICATION": ["*"]}, "AMAZON_LINUX_2023"),
        None,
        id="filters_for_os_star",
    ),
    pytest.param(
        lambda: baseline.filters_for_os(
            {"CLASSIFICATION": ["Security"], "SEVERITY": ["Critical"]}, "AMAZON_LINUX_2023"
        ),
        None,
        id="filters_for_os_ok",
    ),
    pytest.param(
        lambda: baseline.filters_for_os(
            {"PRODUCT": ["AmazonLinux2023", "Anything"]}, "AMAZON_LINUX_2023"
        ),
        None,
        id="filters_for_os_free",
    ),
    pytest.param(
        lambda: baseline.filters_for_os({"MSRC_SEVERITY": ["Critical", "Bad"]}, "WINDOWS"),
        (
            "filter 'MSRC_SEVERITY' on WINDOWS must take values among Critical, Important, "
            "Moderate, Low, Unspecified or '*', got 'Bad'"
        ),
        id="filters_for_os_windows",
    ),
    pytest.param(  # no fixed classification values on SUSE: any is passed on
        lambda: baseline.filters_for_os({"CLASSIFICATION": ["Anything"]}, "SUSE"),
        None,
        id="filters_for_os_free_values_on_suse",
    ),
    pytest.param(lambda: baseline.operating_system("WINDOWS"), None, id="operating_system_ok"),
    pytest.param(
        lambda: baseline.operating_system("windows"),
        (
            "must be one of WINDOWS, AMAZON_LINUX, AMAZON_LINUX_2, AMAZON_LINUX_2022, "
            "AMAZON_LINUX_2023, UBUNTU, REDHAT_ENTERPRISE_LINUX, SUSE, CENTOS, ORACLE_LINUX, "
            "DEBIAN, MACOS, RASPBIAN, ROCKY_LINUX, ALMA_LINUX, got 'windows'"
        ),
        id="operating_system_bad",
    ),
    pytest.param(lambda: baseline.rejected_patches_action("BLOCK"), None, id="rejected_ok"),
    pytest.param(
        lambda: baseline.rejected_patches_action("block"),
        ("must be one of ALLOW_AS_DEPENDENCY, BLOCK, got 'block'"),
        id="rejected_bad",
    ),
    pytest.param(
        lambda: baseline.patch_filters(
            {
                "PRODUCT": ["a"],
                "CLASSIFICATION": ["a"],
                "SEVERITY": ["a"],
                "PATCH_SET": ["a"],
                "MSRC_SEVERITY": ["a"],
            }
        ),
        ("must have at most 4 filter keys, got 5"),
        id="patch_filters_5",
    ),
    pytest.param(
        lambda: baseline.patch_filters(
            {"PRODUCT": ["a"], "CLASSIFICATION": ["a"], "SEVERITY": ["a"], "PATCH_SET": ["a"]}
        ),
        None,
        id="patch_filters_4",
    ),
    pytest.param(
        lambda: baseline.patch_filters({"product": ["a"]}),
        (
            "filter key must be one of PRODUCT, PRODUCT_FAMILY, CLASSIFICATION, SEVERITY, "
            "MSRC_SEVERITY, PRIORITY, SECTION, PATCH_SET, ARCH, ADVISORY_ID, BUGZILLA_ID, "
            "CVE_ID, EPOCH, NAME, PATCH_ID, RELEASE, REPOSITORY, SECURITY, VERSION, got "
            "'product'"
        ),
        id="patch_filters_key",
    ),
    pytest.param(
        lambda: baseline.patch_filters({"PRODUCT": []}),
        ("filter 'PRODUCT' must have 1-20 values, got 0"),
        id="patch_filters_none",
    ),
    pytest.param(
        lambda: baseline.patch_filters({"PRODUCT": ["a"] * 20}), None, id="patch_filters_20"
    ),
    pytest.param(
        lambda: baseline.patch_filters({"PRODUCT": ["a"] * 21}),
        ("filter 'PRODUCT' must have 1-20 values, got 21"),
        id="patch_filters_21",
    ),
    pytest.param(lambda: baseline.patch_filters({"PRODUCT": ["a"]}), None, id="patch_filters_1"),
    pytest.param(
        lambda: baseline.patch_filters({"PRODUCT": ["x" * 65]}),
        ("filter 'PRODUCT' values must be 1-64 characters long, got " + repr("x" * 65)),
        id="patch_filters_len",
    ),
    pytest.param(lambda: baseline.patch_groups(["a", "b"]), None, id="patch_groups_ok"),
    pytest.param(
        lambda: baseline.patch_groups(["b", "a", "b", "a"]),
        ("must list each patch group once, got 'a' more than once"),
        id="patch_groups_twice",
    ),
    pytest.param(
        lambda: baseline.patch_groups(["a", "a", "a"]),
        ("must list each patch group once, got 'a' more than once"),
        id="patch_groups_thrice",
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["KB2032276", "MS10-001"], "WINDOWS"),
        None,
        id="names_windows_ok",
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["KB2032276", "kb2032276"], "WINDOWS"),
        (
            "must be Windows knowledge base ids such as 'KB2032276' or security bulletin ids "
            "such as 'MS10-001', got 'kb2032276'"
        ),
        id="names_windows_bad",
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["dbus x"], "AMAZON_LINUX_2023"),
        (
            "must be package names, ids or versions without spaces (such as 'dbus.x86_64' or "
            "'CVE-2024-1234'), got 'dbus x'"
        ),
        id="names_linux_space",
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["*dbus*"], "AMAZON_LINUX_2023"),
        ("must hold at most one '*' wildcard on AMAZON_LINUX_2023, got '*dbus*'"),
        id="names_yum_stars",
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["dbus*"], "AMAZON_LINUX_2023"),
        None,
        id="names_yum_star",
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["*d*b*"], "AMAZON_LINUX_2023"),
        ("must hold at most one '*' wildcard on AMAZON_LINUX_2023, got '*d*b*'"),
        id="names_yum_3stars",
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["*dbus*"], "UBUNTU"), None, id="names_ubuntu_stars"
    ),
    pytest.param(
        lambda: baseline.patch_names_for_os(["KB2032276"], "AMAZON_LINUX_2023"),
        None,
        id="names_linux_kb",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"InstallOverrideList": ["s3://b/l.yaml"], "BaselineOverride": ["s3://b/o.json"]},
            "AWS-RunPatchBaseline",
        ),
        (
            "cannot combine InstallOverrideList with BaselineOverride: AWS-RunPatchBaseline "
            "then fails without scanning or installing anything; give one of them"
        ),
        id="rpb_both",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"InstallOverrideList": ["s3://b/l.yaml"], "BaselineOverride": ["s3://b/o.json"]},
            "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline",
        ),
        (
            "cannot combine InstallOverrideList with BaselineOverride: AWS-RunPatchBaseline "
            "then fails without scanning or installing anything; give one of them"
        ),
        id="rpb_both_arn",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"InstallOverrideList": ["s3://b/l.yaml"], "BaselineOverride": ["s3://b/o$.json"]},
            "AWS-RunShellScript",
        ),
        None,
        id="rpb_other_doc",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"InstallOverrideList": ["s3://b/l.yaml"]}, "AWS-RunPatchBaseline"
        ),
        None,
        id="rpb_install_only",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"BaselineOverride": ["s3://b/o.json"]}, "AWS-RunPatchBaseline"
        ),
        None,
        id="rpb_override_only",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"InstallOverrideList": [], "BaselineOverride": ["s3://b/o.json"]},
            "AWS-RunPatchBaseline",
        ),
        None,
        id="rpb_empty_install",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"BaselineOverride": ["s3://b/d$ir/o$.json"]}, "AWS-RunPatchBaseline"
        ),
        (
            "BaselineOverride file name must not hold a backtick, quote, double quote or "
            "dollar sign, got 'o$.json'"
        ),
        id="rpb_dollar",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"BaselineOverride": ["s3://b/d$ir/o.json"]}, "AWS-RunPatchBaseline"
        ),
        None,
        id="rpb_dir_only",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"BaselineOverride": ["s3://b/a/b/o'.json"]}, "AWS-RunPatchBaseline"
        ),
        (
            "BaselineOverride file name must not hold a backtick, quote, double quote or "
            'dollar sign, got "o\'.json"'
        ),
        id="rpb_quote",
    ),
    pytest.param(
        lambda: baseline.run_patch_baseline_parameters(
            {"BaselineOverride": ["o`.json"]}, "AWS-RunPatchBaseline"
        ),
        (
            "BaselineOverride file name must not hold a backtick, quote, double quote or "
            "dollar sign, got 'o`.json'"
        ),
        id="rpb_plain_name",
    ),
    pytest.param(
        lambda: baseline.single_line("a\nb"),
        ("must not hold control characters such as line breaks, got 'a\\nb'"),
        id="single_line_cc",
    ),
    pytest.param(
        lambda: baseline.single_line("a\u200bb"),
        ("must not hold control characters such as line breaks, got 'a\\u200bb'"),
        id="single_line_cf",
    ),
    pytest.param(lambda: baseline.single_line("a b\u00e9"), None, id="single_line_ok"),
    pytest.param(
        lambda: baseline.source_products([]),
        ("must name 1-20 products, got 0"),
        id="source_products_0",
    ),
    pytest.param(lambda: baseline.source_products(["a"]), None, id="source_products_1"),
    pytest.param(lambda: baseline.source_products(["a"] * 20), None, id="source_products_20"),
    pytest.param(
        lambda: baseline.source_products(["a"] * 21),
        ("must name 1-20 products, got 21"),
        id="source_products_21",
    ),
    pytest.param(
        lambda: baseline.sources_for_os([1, 2], "WINDOWS"),
        ("apply to Linux only, got 2 on WINDOWS"),
        id="sources_for_os_windows",
    ),
    pytest.param(
        lambda: baseline.sources_for_os([1], "AMAZON_LINUX_2023"), None, id="sources_for_os_linux"
    ),
    pytest.param(lambda: baseline.sources_for_os([], "WINDOWS"), None, id="sources_for_os_none"),
    pytest.param(
        lambda: common.construct_id("1abc"),
        (
            "must start with a letter and hold only letters and digits, at most 64 "
            "characters, got '1abc'"
        ),
        id="construct_id_bad",
    ),
    pytest.param(
        lambda: common.integer_in_range(-1, minimum=0, maximum=None, unit="days"),
        ("must be 0 or more days, got -1"),
        id="integer_in_range_open",
    ),
    pytest.param(
        lambda: common.integer_in_range(8, minimum=1, maximum=7, unit=""),
        ("must be 1-7, got 8"),
        id="integer_in_range_closed",
    ),
    pytest.param(
        lambda: common.length_range("AWS::SSM::MaintenanceWindow.Description"),
        ("1-128"),
        id="length_range_description",
    ),
    pytest.param(
        lambda: common.length_range("AWS::SSM::MaintenanceWindow.Name"),
        ("3-128"),
        id="length_range_name",
    ),
    pytest.param(
        lambda: deployment.region("us-east-9"),
        (
            "must be an AWS Region name such as 'eu-west-1', got 'us-east-9'; did you mean "
            "'us-east-2'?"
        ),
        id="region_close",
    ),
    pytest.param(lambda: iam.role_description("x" * 1000), None, id="role_description_1000"),
    pytest.param(
        lambda: iam.role_description("x" * 1001),
        ("must be 0-1000 characters long, got 1001 characters"),
        id="role_description_1001",
    ),
    pytest.param(
        lambda: iam.role_description("x" * 999 + "\u0100"),
        "must hold only printable Latin-1 characters, tabs and line breaks (IAM's pattern), "
        + "got "
        + repr("x" * 999 + "\u0100"),
        id="role_description_1000_with_a_bad_character",
    ),
    pytest.param(
        lambda: iam.role_description("x\u0100"),
        (
            "must hold only printable Latin-1 characters, tabs and line breaks (IAM's "
            "pattern), got 'xĀ'"
        ),
        id="role_description_char",
    ),
    pytest.param(lambda: output.log_group_name("/patch-window/commands"), None, id="log_group_ok"),
    pytest.param(
        lambda: output.log_group_name("has space"),
        (
            "must be a log group name: 1-512 letters, digits or one of '._-/#', such as "
            "'/patch-window/commands', got 'has space'"
        ),
        id="log_group_bad",
    ),
    pytest.param(
        lambda: output.log_group_name("x" * 513),
        (
            "must be a log group name: 1-512 letters, digits or one of '._-/#', such as "
            "'/patch-window/commands', got " + repr("x" * 513)
        ),
        id="log_group_long",
    ),
    pytest.param(lambda: output.notification_event("Failed"), None, id="notification_event_ok"),
    pytest.param(
        lambda: output.notification_event("failed"),
        (
            "must be events among All, InProgress, Success, TimedOut, Cancelled, Failed, got "
            "'failed'"
        ),
        id="notification_event_bad",
    ),
    pytest.param(
        lambda: output.notification_events(["Failed", "Nope"]),
        ("must be events among All, InProgress, Success, TimedOut, Cancelled, Failed, got 'Nope'"),
        id="notification_events_bad",
    ),
    pytest.param(lambda: output.notification_type("Invocation"), None, id="notification_type_ok"),
    pytest.param(
        lambda: output.notification_type("invocation"),
        ("must be one of Command, Invocation, got 'invocation'"),
        id="notification_type_bad",
    ),
    pytest.param(lambda: output.output_key_prefix("x" * 500), None, id="output_key_prefix_500"),
    pytest.param(
        lambda: output.output_key_prefix("x" * 501),
        ("must be 1-500 characters long, got 501 characters"),
        id="output_key_prefix_501",
    ),
    pytest.param(lambda: output.output_key_prefix("x"), None, id="output_key_prefix_1"),
    pytest.param(
        lambda: quotas.instance_ids_quota(0),
        ("must be a positive integer (the quota Service Quotas shows), got 0"),
        id="instance_ids_quota_0",
    ),
    pytest.param(lambda: quotas.quota_value(1), None, id="quota_value_1"),
    pytest.param(
        lambda: target.tag_filters({"Patch": ["a\u200bb"]}),
        ("tag 'Patch' values must not hold control characters (EC2 tags cannot), got 'a\\u200bb'"),
        id="tags_cf",
    ),
    pytest.param(
        lambda: target.tag_filters({"Patch": ["a\ud800b"]}),
        ("tag 'Patch' values must not hold control characters (EC2 tags cannot), got 'a\\ud800b'"),
        id="tags_cs",
    ),
    pytest.param(
        lambda: target.tag_filters({"Patch": ["a\x7fb"]}),
        ("tag 'Patch' values must not hold control characters (EC2 tags cannot), got 'a\\x7fb'"),
        id="tags_cc",
    ),
    pytest.param(lambda: target.tag_filters({"Patch": ["a b\u00e9"]}), None, id="tags_ok"),
    pytest.param(lambda: target.tag_key("k" * 128), None, id="tag_key_128"),
    pytest.param(
        lambda: target.tag_key("k" * 129),
        (
            "tag key must be 1-128 characters, each a letter, digit, space or one of "
            "'_.:/=-@', got " + repr("k" * 129)
        ),
        id="tag_key_129",
    ),
    pytest.param(lambda: target.tag_key("a b_.:/=-@\u00e9\u0663"), None, id="tag_key_chars"),
    pytest.param(
        lambda: target.tag_key("a+b"),
        (
            "tag key must be 1-128 characters, each a letter, digit, space or one of "
            "'_.:/=-@', got 'a+b'"
        ),
        id="tag_key_symbol",
    ),
    pytest.param(lambda: target.tag_keys([f"k{i}" for i in range(50)]), None, id="tag_keys_50"),
    pytest.param(
        lambda: target.tag_keys([f"k{i}" for i in range(51)]),
        ("must name at most 50 tag keys, got 51"),
        id="tag_keys_51",
    ),
    pytest.param(
        lambda: target.instance_ids([]),
        ("must name at least one instance id, got none"),
        id="instance_ids_none",
    ),
    pytest.param(
        lambda: target.instance_ids([f"i-{i:017x}" for i in range(50)]), None, id="instance_ids_50"
    ),
    pytest.param(
        lambda: target.instance_ids([f"i-{i:017x}" for i in range(51)]),
        ("must name at most 50 instance ids, got 51"),
        id="instance_ids_51",
    ),
    pytest.param(
        lambda: target.patch_group_target("web servers", "Patch Group"), None, id="patch_group_ok"
    ),
    pytest.param(
        lambda: target.patch_group_target("web#servers", "Patch Group"),
        (
            "must be a patch group name of 1-256 letters, digits, spaces or '_.:/=+-@', got "
            "'web#servers'"
        ),
        id="patch_group_bad",
    ),
    pytest.param(
        lambda: target.patch_group_target("x" * 257, "PatchGroup"),
        (
            "must be a patch group name of 1-256 letters, digits, spaces or '_.:/=+-@', got "
            + repr("x" * 257)
        ),
        id="patch_group_long",
    ),
    pytest.param(
        lambda: target.patch_group_target("web", "Group"),
        (
            "tag key must be one of 'PatchGroup', 'Patch Group', the keys Patch Manager "
            "reads, got 'Group'"
        ),
        id="patch_group_key",
    ),
    pytest.param(
        lambda: target.patch_group_target("a+b@c", "PatchGroup"), None, id="patch_group_plus"
    ),
    pytest.param(lambda: task.priority(-1), ("must be 0-2147483647, got -1"), id="priority_neg"),
    pytest.param(lambda: task.document_version("3"), None, id="document_version_ok"),
    pytest.param(lambda: task.document_version("$LATEST"), None, id="document_version_latest"),
    pytest.param(
        lambda: task.document_version("v3"),
        ("must be '$DEFAULT', '$LATEST' or a version number such as '3', got 'v3'"),
        id="document_version_bad",
    ),
    pytest.param(
        lambda: task.lambda_function("has space"),
        (
            "must be a function name (1-64 letters, digits, '-' or '_') or a function ARN "
            "such as 'arn:aws:lambda:us-east-1:123456789012:function:SSMPatchReport', got "
            "'has space'"
        ),
        id="lambda_bad",
    ),
    pytest.param(
        lambda: task.state_machine("has space"),
        (
            "must be a state machine name (1-80 letters, digits, '-' or '_') or ARN such as "
            "'arn:aws:states:us-east-1:123456789012:stateMachine:SSMDrainAndPatch', got 'has "
            "space'"
        ),
        id="state_machine_bad",
    ),
    pytest.param(
        lambda: task.automation_parameters({"A": "x"}),
        ("parameter 'A' must be a list of strings, got 'x'"),
        id="automation_params_type",
    ),
    pytest.param(
        lambda: task.automation_parameters({"A": ["x"] * 50}), None, id="automation_params_50"
    ),
    pytest.param(
        lambda: task.automation_parameters({"A": ["x"] * 51}),
        ("parameter 'A' must have at most 50 values, got 51"),
        id="automation_params_values",
    ),
    pytest.param(
        lambda: window.date_time(
            datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(seconds=30)))
        ),
        (
            "must have a UTC offset in whole minutes, such as '2026-04-07T14:29:00-08:00', "
            "got '2026-01-01T00:00:00+00:00:30'"
        ),
        id="date_time_seconds",
    ),
    pytest.param(
        lambda: window.date_time(
            datetime.datetime(
                2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(minutes=-330))
            )
        ),
        None,
        id="date_time_minutes",
    ),
    pytest.param(
        lambda: window.date_time(
            datetime.datetime(
                2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(microseconds=5))
            )
        ),
        (
            "must have a UTC offset in whole minutes, such as '2026-04-07T14:29:00-08:00', "
            "got '2026-01-01T00:00:00+00:00:00.000005'"
        ),
        id="date_time_micro",
    ),
    pytest.param(
        lambda: window.date_time(
            datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(seconds=61)))
        ),
        (
            "must have a UTC offset in whole minutes, such as '2026-04-07T14:29:00-08:00', "
            "got '2026-01-01T00:00:00+00:01:01'"
        ),
        id="date_time_61",
    ),
    pytest.param(
        lambda: window.schedule("cron(0 2 ? * * *)" + " " * 239),
        (
            "'cron(0 2 ? * * *)                                                            "
            "...': must not have leading or trailing whitespace; must be cron(...), "
            "rate(...) or at(...)"
        ),
        id="schedule_256",
    ),
    pytest.param(
        lambda: window.schedule("cron(0 2 ? * * *)" + " " * 240),
        ("must be at most 256 characters long, got 257 characters"),
        id="schedule_257",
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_each_rule_at_its_edge(call: Callable[[], str | None], expected: str | None) -> None:
    assert call() == expected


def test_the_time_zones_are_the_pinned_tzdata_s_without_factory() -> None:
    """``TIME_ZONES`` is computed once at import; computing it again must give the same names."""
    zones = window._service_time_zones()
    assert zones == window.TIME_ZONES
    assert {"Europe/London", "America/Los_Angeles", "UTC", "Etc/GMT+12"} <= zones
    assert "Factory" not in zones
    assert "localtime" not in zones
    assert len(zones) > 500


# -- the rule tables ------------------------------------------------------------------------------


def _short(value: str) -> str | None:
    return None if len(value) <= 3 else f"too long: {value!r}"


def _below(low: int, high: int) -> str | None:
    return None if low < high else f"must be below {high}, got {low}"


def _holds(tags: list[str], name: str) -> str | None:
    return None if name in tags else f"must hold the name {name!r}"


_TABLE = RuleTable(
    "Example",
    (
        _r("name", _short),
        _r("tags", _short, each=True),
        _r("low", lambda value: None if value >= 0 else f"negative: {value}"),
        _r("low", _below, after=("high",)),
        _r("tags", _holds, after=("name",)),
        _r("high", lambda value: None if value <= 10 else f"too high: {value}"),
    ),
)


@pytest.mark.parametrize(
    ("values", "found"),
    [
        ({}, []),
        ({"name": "abc", "tags": ["a", "abc"], "low": 1, "high": 2}, []),
        (
            {"name": "abcd", "tags": ["abcd"]},
            [("name", "too long: 'abcd'"), ("tags[0]", "too long: 'abcd'")],
        ),
        (
            {"tags": ["a", "long", "b", "longer"]},
            [("tags[1]", "too long: 'long'"), ("tags[3]", "too long: 'longer'")],
        ),
        ({"low": 3, "high": 2, "tags": ["n"], "name": "n"}, [("low", "must be below 2, got 3")]),
        ({"low": 3}, []),  # a comparison runs only when both sides are given
        ({"low": -3, "high": -4}, [("low", "negative: -3")]),  # nor when a side failed alone
        ({"low": -3, "high": 20}, [("low", "negative: -3"), ("high", "too high: 20")]),
        ({"name": "ab", "tags": ["long"]}, [("tags[0]", "too long: 'long'")]),
        ({"name": "ab", "tags": ["a"]}, [("tags", "must hold the name 'ab'")]),
        ({"name": "${Token[TOKEN.1]}"}, []),  # a token is resolved at deploy: left alone
        (
            {"name": "abcd", "tags": ["long"], "low": 3, "high": 2},
            [
                ("name", "too long: 'abcd'"),
                ("tags[0]", "too long: 'long'"),
                ("low", "must be below 2, got 3"),
            ],
        ),
    ],
)
def test_a_rule_table_reports_every_row_in_order(
    values: dict[str, object], found: list[tuple[str, str]]
) -> None:
    assert _TABLE.problems(values) == found


def test_a_rule_table_finds_its_rows_or_says_which_is_missing() -> None:
    assert _TABLE.rule("name") is _short
    assert _TABLE.row("name").rule is _short  # a row alone unless each= says otherwise
    assert _TABLE.rule("tags", each=True) is _short
    assert _TABLE.pair("low", "high") is _below
    with pytest.raises(KeyError) as missing:
        _TABLE.rule("tags")
    assert missing.value.args == ("Example has no rule for 'tags'",)
    with pytest.raises(KeyError) as missing:
        _TABLE.pair("low", "name")
    assert missing.value.args == ("Example has no rule comparing 'low' with 'name'",)
    pair = _r("tags", _holds, after=("name",), each=True)
    assert (pair.after, pair.each) == (("name",), True)
    row = _r("name", _short, "AWS::X::Y.Name")
    assert (row.prop, row.rule, row.aws, row.after, row.each) == (
        "name",
        _short,
        ("AWS::X::Y.Name",),
        (),
        False,
    )
