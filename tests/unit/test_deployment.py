"""``deployment``: the stage layout, which stack holds which resource, the role by ARN.

examples/multi-region.json: environment ``test`` (account 111111111111, eu-west-1 and
eu-central-1) and ``prod`` (222222222222, eu-west-1 and us-east-1, a later schedule), the
account-global IAM in eu-west-1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from patch_window.app.reader import read_settings
from patch_window.rules.aws_deployment import REGIONS
from tests.conftest import (
    ROOT,
    Layout,
    cfn_lint,
    lab_settings,
    multi_region_settings,
    synth_layout,
)

TEST_ACCOUNT = "PatchWindow-test-account"
WINDOWS = {
    "PatchWindow-test-eu-west-1": ("111111111111", "eu-west-1"),
    "PatchWindow-test-eu-central-1": ("111111111111", "eu-central-1"),
    "PatchWindow-prod-eu-west-1": ("222222222222", "eu-west-1"),
    "PatchWindow-prod-us-east-1": ("222222222222", "us-east-1"),
}
ACCOUNTS = {
    "PatchWindow-test-account": ("111111111111", "eu-west-1"),
    "PatchWindow-prod-account": ("222222222222", "eu-west-1"),
}


def _types(template: dict[str, Any]) -> list[str]:
    return sorted(
        {r["Type"] for r in template["Resources"].values() if r["Type"] != "AWS::CDK::Metadata"}
    )


def test_one_stage_per_environment_with_an_account_stack_and_a_stack_per_region(
    multi_region: Layout,
) -> None:
    assert [stage.stage_name for stage in multi_region.stages] == ["test", "prod"]
    where = {
        name: (multi_region.accounts[name], multi_region.regions[name])
        for name in multi_region.stacks
        if name != "PatchWindow-stack-sets"  # where the CLI deploys: environment-agnostic
    }
    assert where == {**ACCOUNTS, **WINDOWS}
    assert multi_region.stack_sets.environment == "aws://unknown-account/unknown-region"


def test_the_account_stack_holds_the_global_iam_and_no_window(multi_region: Layout) -> None:
    for name in ACCOUNTS:
        template = multi_region.templates[name]
        assert _types(template) == ["AWS::IAM::ManagedPolicy", "AWS::IAM::Role"]
        roles = [r for r in template["Resources"].values() if r["Type"] == "AWS::IAM::Role"]
        assert [r["Properties"]["RoleName"] for r in roles] == ["SSMMaintenanceWindowRole"]
        policies = [
            r["Properties"]
            for r in template["Resources"].values()
            if r["Type"] == "AWS::IAM::ManagedPolicy"
        ]
        assert [p["ManagedPolicyName"] for p in policies] == ["SSMMaintenanceWindowPassRole"]
        assert policies[0]["Groups"] == ["Administrators"]
        assert list(template["Outputs"]) == ["RoleArn"]


def test_the_windows_stacks_hold_windows_and_their_task_policy_and_no_role(
    multi_region: Layout,
) -> None:
    for name in WINDOWS:
        assert _types(multi_region.templates[name]) == [
            "AWS::IAM::ManagedPolicy",
            "AWS::SSM::MaintenanceWindow",
            "AWS::SSM::MaintenanceWindowTarget",
            "AWS::SSM::MaintenanceWindowTask",
        ]


def test_each_region_uses_the_role_by_its_arn_in_its_own_account(multi_region: Layout) -> None:
    for name, (account, _) in WINDOWS.items():
        template = multi_region.templates[name]
        arn = f"arn:aws:iam::{account}:role/SSMMaintenanceWindowRole"
        tasks = [
            r["Properties"]
            for r in template["Resources"].values()
            if r["Type"] == "AWS::SSM::MaintenanceWindowTask"
        ]
        assert [task["ServiceRoleArn"] for task in tasks] == [arn]
        policy = next(
            r["Properties"]
            for r in template["Resources"].values()
            if r["Type"] == "AWS::IAM::ManagedPolicy"
        )
        assert policy["Roles"] == ["SSMMaintenanceWindowRole"]


def test_no_stack_refers_to_another(multi_region: Layout) -> None:
    for name, template in multi_region.templates.items():
        text = json.dumps(template)
        assert "Fn::ImportValue" not in text, name
        assert "Parameters" not in template or set(template["Parameters"]) == {"BootstrapVersion"}


def test_each_windows_stack_depends_on_its_account_stack(multi_region: Layout) -> None:
    for stage in multi_region.stages:
        for stack in stage.windows_stacks.values():
            assert [d.stack_name for d in stack.dependencies] == [stage.account_stack.stack_name]


def test_an_environment_override_changes_only_its_own_windows(multi_region: Layout) -> None:
    def window(name: str) -> dict[str, Any]:
        return next(
            r["Properties"]
            for r in multi_region.templates[name]["Resources"].values()
            if r["Type"] == "AWS::SSM::MaintenanceWindow"
        )

    assert window("PatchWindow-test-eu-west-1")["Schedule"] == "cron(0 2 ? * * *)"
    assert "ScheduleTimezone" not in window("PatchWindow-test-eu-west-1")
    for name in ("PatchWindow-prod-eu-west-1", "PatchWindow-prod-us-east-1"):
        assert window(name)["Schedule"] == "cron(0 2 ? * SUN *)"
        assert window(name)["ScheduleTimezone"] == "Europe/Dublin"


def test_every_stack_passes_cfn_lint(multi_region: Layout) -> None:
    for name, template in multi_region.templates.items():
        assert cfn_lint(template) == [], name


def test_without_deployment_the_app_is_one_stack_as_before(lab: Any) -> None:
    assert read_settings(lab_settings()).deployment is None
    assert lab[0].stack_name == "PatchWindow"


def test_the_regions_module_is_botocores_endpoints_data() -> None:
    done = subprocess.run(
        [sys.executable, "tools/gen_aws_deployment.py", "--check"], cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stdout
    assert {"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"} <= REGIONS


# -- deployment.stack_set -------------------------------------------------------------------------

STACK_SETS = "PatchWindow-stack-sets"


def _stack_set(layout: Layout, kind: str) -> dict[str, Any]:
    resource = layout.templates[STACK_SETS]["Resources"][f"{kind}StackSet"]
    assert resource["Type"] == "AWS::CloudFormation::StackSet"
    return dict(resource["Properties"])


def _member(layout: Layout, kind: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(_stack_set(layout, kind)["TemplateBody"])
    return body


def test_the_stack_sets_stack_holds_two_service_managed_stack_sets(multi_region: Layout) -> None:
    resources = multi_region.templates[STACK_SETS]["Resources"]
    assert sorted(r["Type"] for r in resources.values() if r["Type"] != "AWS::CDK::Metadata") == [
        "AWS::CloudFormation::StackSet",
        "AWS::CloudFormation::StackSet",
    ]
    for kind in ("Account", "Windows"):
        properties = _stack_set(multi_region, kind)
        assert properties["PermissionModel"] == "SERVICE_MANAGED"
        assert properties["CallAs"] == "DELEGATED_ADMIN"
        assert properties["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
    # the account StackSet first: AutoDeployment.DependsOn reads its StackSetId
    assert "AccountStackSet" in json.dumps(resources["WindowsStackSet"]["Properties"])


def test_the_account_stack_set_is_single_region_and_the_windows_one_multi_region(
    multi_region: Layout,
) -> None:
    targets = {"OrganizationalUnitIds": ["ou-ab12-cd345678", "ou-ab12-ef901234"]}
    assert _stack_set(multi_region, "Account")["StackInstancesGroup"] == [
        {"DeploymentTargets": targets, "Regions": ["eu-west-1"]}
    ]
    assert _stack_set(multi_region, "Windows")["StackInstancesGroup"] == [
        {"DeploymentTargets": targets, "Regions": ["eu-west-1", "eu-central-1", "us-east-1"]}
    ]


def test_operation_preferences_and_auto_deployment(multi_region: Layout) -> None:
    windows = _stack_set(multi_region, "Windows")
    assert windows["OperationPreferences"] == {
        "MaxConcurrentPercentage": 50,
        "FailureTolerancePercentage": 10,
        "RegionConcurrencyType": "SEQUENTIAL",
        "RegionOrder": ["eu-central-1", "eu-west-1", "us-east-1"],
    }
    assert _stack_set(multi_region, "Account")["OperationPreferences"]["RegionOrder"] == [
        "eu-west-1"
    ]
    auto = windows["AutoDeployment"]
    assert auto["Enabled"] is True
    assert auto["RetainStacksOnAccountRemoval"] is True
    # an account joining an OU gets the role before the windows that use it
    [arn] = auto["DependsOn"]
    assert arn["Fn::Join"][1][-2:] == [
        ":stackset/",
        {"Fn::GetAtt": ["AccountStackSet", "StackSetId"]},
    ]
    assert "DependsOn" not in _stack_set(multi_region, "Account")["AutoDeployment"]


def test_the_member_templates_need_no_bootstrap_and_no_asset(multi_region: Layout) -> None:
    members = multi_region.stack_sets.members
    for kind in ("account", "windows"):
        template = members.templates[kind]
        assert "CheckBootstrapVersion" not in template.get("Rules", {})
        assert "BootstrapVersion" not in template.get("Parameters", {})
        assert members.assets[kind] == []
        text = json.dumps(template)
        assert "cdk-hnb659fds" not in text
        assert "111111111111" not in text
        assert "222222222222" not in text


def test_the_member_templates_are_the_account_and_windows_stacks(multi_region: Layout) -> None:
    account = _member(multi_region, "Account")
    assert _types(account) == ["AWS::IAM::ManagedPolicy", "AWS::IAM::Role"]
    windows = _member(multi_region, "Windows")
    assert _types(windows) == [
        "AWS::IAM::ManagedPolicy",
        "AWS::SSM::MaintenanceWindow",
        "AWS::SSM::MaintenanceWindowTarget",
        "AWS::SSM::MaintenanceWindowTask",
    ]
    [task] = [r for r in windows["Resources"].values() if r["Type"].endswith("WindowTask")]
    # each member account's own role, by its ARN
    assert task["Properties"]["ServiceRoleArn"] == {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":iam::",
                {"Ref": "AWS::AccountId"},
                ":role/SSMMaintenanceWindowRole",
            ],
        ]
    }
    for template in (account, windows):
        assert cfn_lint(template) == []
        assert len(json.dumps(template, separators=(",", ":"), sort_keys=True)) <= 51_200


def test_the_stack_sets_template_passes_cfn_lint(multi_region: Layout) -> None:
    assert cfn_lint(multi_region.templates[STACK_SETS]) == []


def test_a_member_template_above_51200_bytes_goes_through_template_url(tmp_path: Any) -> None:
    import app
    from tests.conftest import cdk_context

    settings = multi_region_settings()
    del settings["deployment"]["environments"]
    settings["windows"][0]["tasks"][0]["parameters"]["InstallOverrideList"] = ["x" * 60_000]
    environ = {"CDK_CONTEXT_JSON": json.dumps(cdk_context(settings)), "CDK_OUTDIR": str(tmp_path)}
    assert app.main(environ) == 0
    template = json.loads((tmp_path / "StackSets.template.json").read_text())
    windows = template["Resources"]["WindowsStackSet"]["Properties"]
    assert "TemplateBody" not in windows
    url = json.dumps(windows["TemplateURL"])
    assert "cdk-hnb659fds-assets-" in url
    assets = json.loads((tmp_path / "StackSets.assets.json").read_text())["files"]
    [uploaded] = [
        a
        for a in assets.values()
        if a["source"]["path"].endswith(".template.json")
        and "WindowsStackSet" in a["source"]["path"]
    ]
    body = (tmp_path / uploaded["source"]["path"]).read_text()
    assert len(body.encode()) > 51_200
    assert "TemplateBody" in template["Resources"]["AccountStackSet"]["Properties"]


# -- the library ----------------------------------------------------------------------------------


def test_the_library_splits_the_account_from_the_windows() -> None:
    import aws_cdk as cdk
    import aws_cdk.aws_iam as iam
    from aws_cdk.assertions import Template

    from patch_window import MaintenanceWindow, Schedule
    from patch_window.account import AccountResources, TaskRoleReference
    from patch_window.vocabulary import RolePolicy

    app = cdk.App()
    home = cdk.Stack(
        app, "Account", env=cdk.Environment(account="111111111111", region="eu-west-1")
    )
    AccountResources(
        home,
        "Account",
        role_name="PatchRole",
        pass_role_groups=[iam.Group.from_group_name(home, "Admins", "Admins")],
    )
    other = cdk.Stack(app, "Other", env=cdk.Environment(account="111111111111", region="us-east-1"))
    role = TaskRoleReference(
        other,
        "Role",
        role=iam.Role.from_role_name(other, "Imported", "PatchRole"),
        policy=RolePolicy.LEAST_PRIVILEGE,
    )
    window = MaintenanceWindow(
        other,
        "W",
        schedule=Schedule.expression("rate(7 days)"),
        duration=cdk.Duration.hours(2),
        cutoff=cdk.Duration.hours(1),
    )
    window.add_target("T", tags={"Role": ["Web"]})
    window.add_run_command_task(
        "Task", document="AWS-RunPatchBaseline", role=role.role, max_concurrency="1", max_errors="1"
    )
    Template.from_stack(home).resource_count_is("AWS::IAM::Role", 1)
    other_template = Template.from_stack(other)
    other_template.resource_count_is("AWS::IAM::Role", 0)
    other_template.has_resource_properties(
        "AWS::SSM::MaintenanceWindowTask",
        {
            "ServiceRoleArn": {
                "Fn::Join": [
                    "",
                    ["arn:", {"Ref": "AWS::Partition"}, ":iam::111111111111:role/PatchRole"],
                ]
            }
        },
    )
    other_template.has_resource_properties("AWS::IAM::ManagedPolicy", {"Roles": ["PatchRole"]})


def test_the_summary_says_where_each_stack_set_deploys_and_what_it_holds(
    multi_region: Layout,
) -> None:
    from tests.unit.test_summary import summarize

    lines = summarize.summarize(multi_region.templates[STACK_SETS])
    assert lines[0] == (
        "stack set PatchWindow-account: SERVICE_MANAGED, OUs ou-ab12-cd345678, "
        "ou-ab12-ef901234, Regions eu-west-1"
    )
    assert lines[1].startswith("  member template: ")
    assert lines[1].endswith(" bytes, AWS::CDK::Metadata, AWS::IAM::ManagedPolicy, AWS::IAM::Role")
    windows = lines.index(
        "stack set PatchWindow-windows: SERVICE_MANAGED, OUs ou-ab12-cd345678, "
        "ou-ab12-ef901234, Regions eu-west-1, eu-central-1, us-east-1"
    )
    assert lines[windows + 2].startswith("  window PatchWebServers: cron(0 2 ? * * *), 3 h")


def _concurrent_windows_settings() -> dict[str, Any]:
    """Two windows open at the same hour, one concurrent execution allowed; prod moves the
    second window to noon, so only the test environment's Regions open both at once."""
    settings = multi_region_settings()
    del settings["deployment"]["stack_set"]
    second = json.loads(json.dumps(settings["windows"][0]))
    second["name"] = "PatchAppServers"
    settings["windows"].append(second)
    settings["quotas"]["concurrent_executions"] = 1
    settings["deployment"]["environments"][1]["window_overrides"] = [
        {"window": "PatchAppServers", "schedule": "cron(0 12 ? * * *)"}
    ]
    return settings


def test_each_regions_windows_are_judged_against_the_concurrent_executions_quota() -> None:
    from aws_cdk.assertions import Annotations, Match

    layout = synth_layout(_concurrent_windows_settings())
    warned = {
        name
        for name in WINDOWS
        if any(
            "[ack: patch-window:concurrent-windows]" in str(m.entry.data)
            for m in Annotations.from_stack(layout.stacks[name]).find_warning(
                "*", Match.any_value()
            )
        )
    }
    assert warned == {"PatchWindow-test-eu-west-1", "PatchWindow-test-eu-central-1"}
