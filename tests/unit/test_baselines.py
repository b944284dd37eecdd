"""Patch baselines: every rule on its own, the construct, cdk.json's keys, patch-group targets,
AWS-RunPatchBaseline's refused combinations and the words reviewers read."""

from __future__ import annotations

import copy
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest
from aws_cdk.assertions import Annotations, Match, Template

from patch_window import (
    ApprovalRule,
    MaintenanceWindow,
    OperatingSystem,
    PatchBaseline,
    PatchComplianceLevel,
    PatchFilterKey,
    PatchSource,
    PatchWindowValidationError,
    RejectedPatchesAction,
    RunPatchBaseline,
    Schedule,
    TargetSelector,
    advisories,
)
from patch_window.app.reader import read_settings
from patch_window.baselines.words import baseline_in_words, rule_in_words
from patch_window.rules import baseline as rules
from patch_window.rules.target import patch_group_target
from tests.conftest import baselines_settings, lab_settings

AL2023 = "AMAZON_LINUX_2023"

# -- each rule on its own -----------------------------------------------------------------------

REFUSED: list[tuple[Any, tuple[Any, ...], str]] = [
    (rules.name, ("ab",), "must be 3-128 characters"),
    (rules.name, ("a b c",), "each a letter, digit"),
    (rules.description, ("x" * 1025,), "must be 1-1024 characters long"),
    (rules.operating_system, ("AMAZON_LINUX_2024",), "must be one of WINDOWS, AMAZON_LINUX"),
    (rules.compliance_level, ("SEVERE",), "must be one of CRITICAL, HIGH"),
    (rules.rejected_patches_action, ("DENY",), "must be one of ALLOW_AS_DEPENDENCY, BLOCK"),
    (rules.patch_list, (["p"] * 51,), "must list at most 50 patches, got 51"),
    (rules.patch, ("x" * 101,), "must be 1-100 characters long"),
    (rules.patch_names_for_os, (["dbus"], "WINDOWS"), "Windows knowledge base ids"),
    (rules.patch_names_for_os, (["KB12"], "WINDOWS"), "got 'KB12'"),
    (rules.patch_names_for_os, (["dbus 1.2"], AL2023), "without spaces"),
    (rules.patch_names_for_os, (["db*s-1.*"], AL2023), "at most one '*' wildcard"),
    (
        rules.patch_filters,
        ({k: ["*"] for k in ("PRODUCT", "CLASSIFICATION", "SEVERITY", "PRIORITY", "SECTION")},),
        "at most 4 filter keys",
    ),
    (
        rules.patch_filters,
        ({"COLOUR": ["red"]},),
        "filter key must be one of PRODUCT, PRODUCT_FAMILY",
    ),
    (rules.patch_filters, ({"PRODUCT": []},), "filter 'PRODUCT' must have 1-20 values, got 0"),
    (rules.patch_filters, ({"PRODUCT": ["x"] * 21},), "must have 1-20 values, got 21"),
    (rules.patch_filters, ({"PRODUCT": ["x" * 65]},), "values must be 1-64 characters long"),
    (rules.filters_for_os, ({"MSRC_SEVERITY": ["Critical"]}, AL2023), "does not apply to"),
    (rules.filters_for_os, ({"SEVERITY": ["Critical"]}, "UBUNTU"), "does not apply to UBUNTU"),
    (rules.filters_for_os, ({"PRIORITY": ["Urgent"]}, "DEBIAN"), "among Required, Important"),
    (rules.filters_for_os, ({"CLASSIFICATION": ["Security"]}, "WINDOWS"), "SecurityUpdates"),
    (rules.filters_for_os, ({"SEVERITY": ["Moderate"]}, AL2023), "among Critical, Important"),
    (rules.approval_rules, ([{}] * 11,), "at most 10 approval rules, got 11"),
    (rules.approve_after_days, (361,), "must be 0-360 days, got 361"),
    (rules.approve_after_days, (-1,), "must be 0-360 days, got -1"),
    (rules.approve_until_date, ("2026-2-3",), "written YYYY-MM-DD"),
    (rules.approve_until_date, ("2026-02-30",), "got '2026-02-30'"),
    (rules.delay_supported, (7, "UBUNTU"), "is not supported on UBUNTU, got 7"),
    (rules.delay_supported, ("2026-01-01", "DEBIAN"), "is not supported on DEBIAN"),
    (rules.approval_delay, (None, None, AL2023), "needs approve_after_days or approve_until_date"),
    (rules.approval_delay, (7, "2026-01-01", "WINDOWS"), "not both"),
    (rules.non_security_supported, (True, "WINDOWS"), "applies to Linux only"),
    (rules.non_security_supported, (True, "MACOS"), "applies to Linux only"),
    (rules.sources, ([{}] * 21,), "at most 20 sources, got 21"),
    (rules.sources_for_os, ([{}], "WINDOWS"), "apply to Linux only"),
    (rules.source_name, ("ab",), "must be 3-50 characters"),
    (rules.source_products, ([],), "must name 1-20 products, got 0"),
    (rules.source_product, ("x" * 129,), "must be 1-128 characters long"),
    (rules.source_configuration, ("x" * 1025,), "must be 1-1024 characters long"),
    (rules.patch_group, ("web servers!",), "must be 1-256 characters"),
    (rules.patch_group, ("x" * 257,), "must be 1-256 characters"),
    (rules.patch_groups, (["web", "web"],), "'web' more than once"),
    (
        rules.run_patch_baseline_parameters,
        (
            {"InstallOverrideList": ["s3://b/l.yaml"], "BaselineOverride": ["s3://b/o.json"]},
            "AWS-RunPatchBaseline",
        ),
        "cannot combine InstallOverrideList with BaselineOverride",
    ),
    (
        rules.run_patch_baseline_parameters,
        ({"BaselineOverride": ["s3://b/it's.json"]}, "AWS-RunPatchBaseline"),
        "must not hold a backtick, quote",
    ),
    (patch_group_target, ("web", "patch group"), "tag key must be one of 'PatchGroup'"),
    (patch_group_target, ("", "PatchGroup"), "must be a patch group name"),
]

ALLOWED: list[tuple[Any, tuple[Any, ...]]] = [
    (rules.name, ("AmazonLinux2023-SecurityFirst",)),
    (rules.operating_system, ("ALMA_LINUX",)),
    (rules.patch_names_for_os, (["KB2032276", "MS10-001"], "WINDOWS")),
    (rules.patch_names_for_os, (["dbus.x86_64", "CVE-2024-1234", "dbus-1.12.2*"], AL2023)),
    (rules.patch_names_for_os, (["libc6:amd64"], "UBUNTU")),
    (rules.patch_filters, ({"PRODUCT": ["*"], "CLASSIFICATION": ["Security"]},)),
    (
        rules.filters_for_os,
        ({"CLASSIFICATION": ["SecurityUpdates"], "PATCH_SET": ["OS"]}, "WINDOWS"),
    ),
    (rules.filters_for_os, ({"SEVERITY": ["*"]}, AL2023)),
    (rules.filters_for_os, ({"SECTION": ["libs"], "PRIORITY": ["Required"]}, "UBUNTU")),
    (rules.filters_for_os, ({"CLASSIFICATION": ["Security"]}, "REDHAT_ENTERPRISE_LINUX")),
    (rules.approve_after_days, (0,)),
    (rules.approve_after_days, (360,)),
    (rules.approve_until_date, ("2024-02-29",)),
    (rules.delay_supported, (7, "WINDOWS")),
    (rules.approval_delay, (None, None, "UBUNTU")),
    (rules.approval_delay, (None, "2026-12-31", AL2023)),
    (rules.non_security_supported, (True, AL2023)),
    (rules.non_security_supported, (False, "WINDOWS")),
    (rules.sources_for_os, ([{}], "ROCKY_LINUX")),
    (rules.patch_group, ("Web servers: prod/eu=1",)),
    (
        rules.run_patch_baseline_parameters,
        ({"InstallOverrideList": ["s3://b/l.yaml"]}, "AWS-RunPatchBaseline"),
    ),
    (
        rules.run_patch_baseline_parameters,
        (
            {"InstallOverrideList": ["s3://b/l.yaml"], "BaselineOverride": ["s3://b/o.json"]},
            "AWS-RunShellScript",
        ),
    ),
    (patch_group_target, ("web", "Patch Group")),
]


@pytest.mark.parametrize(
    ("rule", "args", "words"), REFUSED, ids=lambda v: getattr(v, "__name__", None)
)
def test_rule_refuses_with_a_clear_message(rule: Any, args: tuple[Any, ...], words: str) -> None:
    problem = rule(*args)
    assert problem is not None
    assert words in problem, problem


@pytest.mark.parametrize(("rule", "args"), ALLOWED, ids=lambda v: getattr(v, "__name__", None))
def test_rule_accepts(rule: Any, args: tuple[Any, ...]) -> None:
    assert rule(*args) is None


def test_every_operating_system_has_its_filter_keys() -> None:
    assert set(rules.FILTER_KEYS) == set(OperatingSystem)


def test_one_default_per_operating_system() -> None:
    found = rules.one_default_per_os(
        [("A", AL2023, True), ("W", "WINDOWS", True), ("B", AL2023, False), ("C", AL2023, True)]
    )
    assert found == [
        (
            3,
            "'C' cannot also be the default baseline for AMAZON_LINUX_2023: 'A' is; an "
            "operating system has one default baseline",
        )
    ]


def test_one_baseline_per_patch_group_and_operating_system() -> None:
    found = rules.one_baseline_per_group(
        [("A", AL2023, ["web"]), ("W", "WINDOWS", ["web"]), ("B", AL2023, ["db", "web"])]
    )
    assert [index for index, _ in found] == [2]
    assert "patch group 'web' already has baseline 'A' for AMAZON_LINUX_2023" in found[0][1]


# -- the construct ------------------------------------------------------------------------------


def _stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "S")


def test_construct_renders_every_property() -> None:
    stack = _stack()
    baseline = PatchBaseline(
        stack,
        "Linux",
        name="Linux",
        operating_system=OperatingSystem.AMAZON_LINUX_2023,
        description="security first",
        approval_rules=[
            ApprovalRule(
                filters={PatchFilterKey.CLASSIFICATION: ["Security"]},
                approve_until_date="2026-12-31",
                compliance_level=PatchComplianceLevel.HIGH,
                enable_non_security=True,
            )
        ],
        global_filters={PatchFilterKey.PRODUCT: ["AmazonLinux2023"]},
        approved_patches=["dbus.x86_64"],
        approved_patches_compliance_level=PatchComplianceLevel.MEDIUM,
        rejected_patches=["kernel-debug*"],
        rejected_patches_action=RejectedPatchesAction.BLOCK,
        sources=[PatchSource("internal", ["AmazonLinux2023"], "[main]\nname=internal")],
        patch_groups=["web"],
        default=True,
        tags={"Team": "ops"},
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::SSM::PatchBaseline",
        {
            "Name": "Linux",
            "OperatingSystem": AL2023,
            "Description": "security first",
            "ApprovalRules": {
                "PatchRules": [
                    {
                        "ApproveUntilDate": "2026-12-31",
                        "ComplianceLevel": "HIGH",
                        "EnableNonSecurity": True,
                        "PatchFilterGroup": {
                            "PatchFilters": [{"Key": "CLASSIFICATION", "Values": ["Security"]}]
                        },
                    }
                ]
            },
            "GlobalFilters": {"PatchFilters": [{"Key": "PRODUCT", "Values": ["AmazonLinux2023"]}]},
            "ApprovedPatches": ["dbus.x86_64"],
            "ApprovedPatchesComplianceLevel": "MEDIUM",
            "RejectedPatches": ["kernel-debug*"],
            "RejectedPatchesAction": "BLOCK",
            "Sources": [
                {
                    "Name": "internal",
                    "Products": ["AmazonLinux2023"],
                    "Configuration": "[main]\nname=internal",
                }
            ],
            "PatchGroups": ["web"],
            "DefaultBaseline": True,
            "Tags": [{"Key": "Team", "Value": "ops"}],
        },
    )
    assert baseline.baseline_id.startswith("${Token[")


def test_construct_leaves_unset_properties_out_and_names_itself() -> None:
    stack = _stack()
    PatchBaseline(stack, "Bare", operating_system=OperatingSystem.WINDOWS)
    Template.from_stack(stack).has_resource_properties(
        "AWS::SSM::PatchBaseline",
        {
            "Name": Match.string_like_regexp("^SBare[A-F0-9]{8}$"),
            "OperatingSystem": "WINDOWS",
            "DefaultBaseline": Match.absent(),
            "PatchGroups": Match.absent(),
            "ApprovalRules": Match.absent(),
        },
    )


def test_construct_reports_every_problem_with_its_path() -> None:
    with pytest.raises(PatchWindowValidationError) as raised:
        PatchBaseline(
            _stack(),
            "Ubuntu",
            name="Ubuntu",
            operating_system=OperatingSystem.UBUNTU,
            approval_rules=[
                ApprovalRule(filters={"CLASSIFICATION": ["Security"]}, approve_after_days=7)
            ],
            sources=[PatchSource("ab", ["Ubuntu22.04"], "deb x")],
        )
    assert raised.value.problems == (
        "S/Ubuntu/Resource: approval_rules[0].filters filter key 'CLASSIFICATION' does not "
        "apply to UBUNTU; it takes PRODUCT, SECTION, PRIORITY",
        "S/Ubuntu/Resource: approval_rules[0].approve_after_days is not supported on UBUNTU, "
        "got 7: patches are approved as soon as the rule's filters match them",
        "S/Ubuntu/Resource: sources[0].name must be 3-50 characters, each a letter, digit, "
        "'-', '_' or '.', got 'ab'",
    )


def test_construct_refuses_a_second_default_and_a_shared_patch_group() -> None:
    stack = _stack()
    PatchBaseline(
        stack,
        "A",
        name="Alpha",
        operating_system=OperatingSystem.WINDOWS,
        default=True,
        patch_groups=["web"],
    )
    PatchBaseline(
        stack,
        "L",
        name="Linux",
        operating_system=OperatingSystem.AMAZON_LINUX_2023,
        default=True,
        patch_groups=["web"],
    )
    with pytest.raises(PatchWindowValidationError) as raised:
        PatchBaseline(
            stack,
            "B",
            name="Beta",
            operating_system=OperatingSystem.WINDOWS,
            default=True,
            patch_groups=["web"],
        )
    assert [line.split(": ", 1)[1].split(" ", 1)[0] for line in raised.value.problems] == [
        "default",
        "patch_groups",
    ]


# -- patch-group targets ------------------------------------------------------------------------


def _window(stack: cdk.Stack) -> MaintenanceWindow:
    return MaintenanceWindow(
        stack,
        "W",
        schedule=Schedule.daily(hour=2),
        duration=cdk.Duration.hours(3),
        cutoff=cdk.Duration.hours(1),
    )


def test_patch_group_target_selects_the_tag_patch_manager_reads() -> None:
    stack = _stack()
    window = _window(stack)
    window.add_target("Web", selector=TargetSelector.by_patch_group("web"))
    window.add_target("Db", selector=TargetSelector.by_patch_group("db", "Patch Group"))
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SSM::MaintenanceWindowTarget",
        {"ResourceType": "INSTANCE", "Targets": [{"Key": "tag:PatchGroup", "Values": ["web"]}]},
    )
    template.has_resource_properties(
        "AWS::SSM::MaintenanceWindowTarget",
        {"Targets": [{"Key": "tag:Patch Group", "Values": ["db"]}]},
    )


def test_patch_group_target_refuses_another_tag_key() -> None:
    with pytest.raises(PatchWindowValidationError, match="patch_group tag key must be one of"):
        _window(_stack()).add_target("Web", selector=TargetSelector.by_patch_group("w", "Group"))


def test_patch_group_target_grants_send_command_on_the_group_only(
    baselines: tuple[Any, dict[str, Any], dict[str, Any]],
) -> None:
    statements = [
        statement
        for resource in baselines[1]["Resources"].values()
        if resource["Type"] == "AWS::IAM::ManagedPolicy"
        for statement in resource["Properties"]["PolicyDocument"]["Statement"]
        if "Condition" in statement
    ]
    assert {"StringEquals": {"ssm:resourceTag/PatchGroup": ["WebServers-AL2023"]}} in [
        s["Condition"] for s in statements
    ]


@pytest.mark.parametrize("key", ["Patch_Group", "patchgroup", "Patch-Group", "PATCH GROUP"])
def test_a_misspelled_patch_group_tag_warns(key: str) -> None:
    stack = _stack()
    _window(stack).add_target("Web", tags={key: ["web"]})
    Annotations.from_stack(stack).has_warning(
        "/S/W/Web", Match.string_like_regexp(f"{advisories.PATCH_GROUP_TAG_MISSPELLED}|looks like")
    )


@pytest.mark.parametrize("key", ["PatchGroup", "Patch Group", "Workload"])
def test_the_patch_group_keys_do_not_warn(key: str) -> None:
    assert advisories.patch_group_tag_misspelled({key: ["web"]}) is None


# -- AWS-RunPatchBaseline -----------------------------------------------------------------------


def test_run_patch_baseline_refuses_an_install_list_with_a_baseline_override() -> None:
    with pytest.raises(PatchWindowValidationError, match="cannot combine InstallOverrideList"):
        RunPatchBaseline.install(
            install_override_list="s3://bucket/list.yaml",
            baseline_override="s3://bucket/override.json",
        )


def test_run_patch_baseline_takes_each_override_alone() -> None:
    assert RunPatchBaseline.install(baseline_override="s3://b/o.json").parameters[
        "BaselineOverride"
    ] == ["s3://b/o.json"]
    assert RunPatchBaseline.scan(baseline_override="s3://b/o.json").parameters["Operation"] == [
        "Scan"
    ]


def test_a_run_command_task_refuses_the_combination_from_both_edges() -> None:
    parameters = {
        "Operation": ["Install"],
        "InstallOverrideList": ["s3://b/l.yaml"],
        "BaselineOverride": ["s3://b/o.json"],
    }
    settings = lab_settings()
    settings["windows"][0]["tasks"][0]["parameters"] = parameters
    with pytest.raises(PatchWindowValidationError) as app:
        read_settings(settings)
    stack = _stack()
    window = _window(stack)
    target = window.add_target("T", tags={"Workload": ["Test"]})
    role = iam.Role(stack, "R", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    with pytest.raises(PatchWindowValidationError) as library:
        window.add_run_command_task(
            "Task",
            document="AWS-RunPatchBaseline",
            role=role,
            targets=[target],
            max_concurrency="1",
            max_errors="1",
            parameters=parameters,
        )
    app_problem = app.value.problems[0].split(": ", 1)[1]
    assert app.value.problems[0].startswith("patch_window.windows[0].tasks[0].parameters: ")
    assert library.value.problems == (f"S/W/Task/Resource: parameters {app_problem}",)


# -- cdk.json -----------------------------------------------------------------------------------


def test_the_example_reads_into_settings() -> None:
    config = read_settings(baselines_settings())
    linux, windows = config.patch_baselines
    assert (linux.name, linux.operating_system, linux.patch_groups) == (
        "AmazonLinux2023-SecurityFirst",
        AL2023,
        ("WebServers-AL2023",),
    )
    assert linux.approval_rules[0].filters == {
        "CLASSIFICATION": ("Security",),
        "SEVERITY": ("Critical", "Important"),
    }
    assert windows.global_filters == {"PRODUCT": ("WindowsServer2022", "WindowsServer2025")}
    target = config.windows[0].targets[0]
    assert (target.patch_group, target.patch_group_tag_key) == ("WebServers-AL2023", "PatchGroup")


def test_the_shipped_cdk_json_has_no_baseline() -> None:
    assert read_settings(lab_settings()).patch_baselines == ()


def _with(**baseline: Any) -> dict[str, Any]:
    settings = lab_settings()
    settings["patch_baselines"] = [{"name": "Base", "operating_system": AL2023, **baseline}]
    return settings


INVALID: list[tuple[dict[str, Any], str]] = [
    (_with(operating_system="AL2023"), "patch_baselines[0].operating_system: must be one of"),
    (_with(default="yes"), "patch_baselines[0].default: must be a boolean, got 'yes'"),
    (_with(approval_rule=[]), "patch_baselines[0].approval_rule: unknown key; did you mean"),
    (
        _with(approved_patches_compliance_level="SEVERE"),
        "patch_baselines[0].approved_patches_compliance_level: must be one of CRITICAL",
    ),
    (
        _with(rejected_patches_action="DENY"),
        "patch_baselines[0].rejected_patches_action: must be one of ALLOW_AS_DEPENDENCY",
    ),
    (
        _with(approval_rules=[{"approve_after_days": 7}]),
        "patch_baselines[0].approval_rules[0].filters: is required but missing",
    ),
    (
        _with(approval_rules=[{"filters": {"CLASSIFICATION": ["Security"]}}]),
        "patch_baselines[0].approval_rules[0]: needs approve_after_days or approve_until_date",
    ),
    (
        _with(
            approval_rules=[{"filters": {"CLASSIFICATION": "Security"}, "approve_after_days": 7}]
        ),
        "patch_baselines[0].approval_rules[0].filters.CLASSIFICATION: must be a list",
    ),
    (
        _with(approval_rules=[{"filters": {}, "approve_after_days": "7"}]),
        "patch_baselines[0].approval_rules[0].approve_after_days: must be an integer, got '7'",
    ),
    (_with(sources=[{"name": "abc"}]), "patch_baselines[0].sources[0].products: is required"),
    (_with(patch_groups="web"), "patch_baselines[0].patch_groups: must be a list, got 'web'"),
]


@pytest.mark.parametrize(("settings", "line"), INVALID, ids=lambda v: str(v)[:40])
def test_cdk_json_refuses(settings: dict[str, Any], line: str) -> None:
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    assert any(problem.startswith(f"patch_window.{line}") for problem in raised.value.problems), (
        raised.value.problems
    )


def test_cdk_json_refuses_a_second_default_and_a_shared_group_and_a_duplicate_name() -> None:
    settings = lab_settings()
    base = {"operating_system": "WINDOWS", "default": True, "patch_groups": ["web"]}
    settings["patch_baselines"] = [
        {"name": "Alpha", **base},
        {"name": "Beta", **base},
        {"name": "Alpha", "operating_system": AL2023},
    ]
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    assert raised.value.problems == (
        "patch_window.patch_baselines[2]: duplicate patch baseline name 'Alpha'; each patch "
        "baseline needs its own name",
        "patch_window.patch_baselines[1].default: 'Beta' cannot also be the default baseline "
        "for WINDOWS: 'Alpha' is; an operating system has one default baseline",
        "patch_window.patch_baselines[1].patch_groups: patch group 'web' already has baseline "
        "'Alpha' for WINDOWS; a patch group has one baseline per operating system",
    )


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("web servers!", "must be a patch group name"),
        ({"name": "web", "tag_key": "Patch_Group"}, "tag key must be one of"),
        ({"tag_key": "PatchGroup"}, None),
    ],
)
def test_cdk_json_refuses_a_bad_patch_group_target(value: Any, line: str | None) -> None:
    settings = lab_settings()
    target = settings["windows"][0]["targets"][0]
    del target["tags"]
    target["patch_group"] = value
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    path = "patch_window.windows[0].targets[0].patch_group"
    expected = f"{path}: {line}" if line else f"{path}.name: is required but missing"
    assert any(p.startswith(expected) for p in raised.value.problems), raised.value.problems


def test_cdk_json_takes_a_patch_group_with_its_tag_key() -> None:
    settings = lab_settings()
    target = settings["windows"][0]["targets"][0]
    del target["tags"]
    target["patch_group"] = {"name": "web", "tag_key": "Patch Group"}
    target_config = read_settings(settings).windows[0].targets[0]
    assert (target_config.patch_group, target_config.patch_group_tag_key) == ("web", "Patch Group")


def test_cdk_json_and_the_library_agree_on_a_whole_bad_baseline() -> None:
    """The same bad baseline, given both ways, gets the same problems in the same order."""
    bad = {
        "name": "Bad name",
        "operating_system": "WINDOWS",
        "approval_rules": [
            {"filters": {"CLASSIFICATION": ["Security"]}, "approve_after_days": 400},
        ],
        "approved_patches": ["dbus"],
        "sources": [{"name": "internal", "products": ["x"], "configuration": "[main]"}],
    }
    settings = lab_settings()
    settings["patch_baselines"] = [copy.deepcopy(bad)]
    with pytest.raises(PatchWindowValidationError) as app:
        read_settings(settings)
    with pytest.raises(PatchWindowValidationError) as library:
        PatchBaseline(
            _stack(),
            "Bad",
            name="Bad name",
            operating_system=OperatingSystem.WINDOWS,
            approval_rules=[
                ApprovalRule(filters={"CLASSIFICATION": ["Security"]}, approve_after_days=400)
            ],
            approved_patches=["dbus"],
            sources=[PatchSource("internal", ["x"], "[main]")],
        )
    app_problems = [p.split(": ", 1)[1] for p in app.value.problems]
    library_problems = [p.split(" ", 2)[2] for p in library.value.problems]
    assert len(app_problems) == 5
    assert sorted(app_problems) == sorted(library_problems)


# -- the example's template and the words reviewers read ----------------------------------------


def test_the_example_declares_both_baselines_with_their_groups(
    baselines: tuple[Any, dict[str, Any], dict[str, Any]],
) -> None:
    template = Template.from_json(baselines[1])
    template.resource_count_is("AWS::SSM::PatchBaseline", 2)
    template.has_resource_properties(
        "AWS::SSM::PatchBaseline",
        {"OperatingSystem": "WINDOWS", "PatchGroups": ["WindowsServers"]},
    )
    template.has_output("*", {"Description": "Patch baseline AmazonLinux2023-SecurityFirst"})


def test_the_example_is_cdk_nag_clean(
    baselines: tuple[Any, dict[str, Any], dict[str, Any]],
) -> None:
    report = baselines[2]
    assert [v for plugin in report.get("pluginReports", []) for v in plugin["violations"]] == []


def test_a_rule_in_words() -> None:
    rule = {
        "ApproveAfterDays": 7,
        "PatchFilterGroup": {
            "PatchFilters": [
                {"Key": "SEVERITY", "Values": ["Critical", "Important"]},
                {"Key": "CLASSIFICATION", "Values": ["Security"]},
            ]
        },
    }
    assert rule_in_words(rule) == "Security, Critical and Important, approved after 7 days"


def test_a_baseline_in_words() -> None:
    props = {
        "OperatingSystem": "UBUNTU",
        "ApprovalRules": {
            "PatchRules": [
                {"PatchFilterGroup": {"PatchFilters": [{"Key": "PRIORITY", "Values": ["*"]}]}}
            ]
        },
        "ApprovedPatches": ["libc6"],
        "RejectedPatches": ["telnet"],
    }
    assert baseline_in_words(props) == [
        "Ubuntu Server: any priority, approved on release",
        "approved: libc6",
        "rejected (unless another package needs them): telnet",
    ]
