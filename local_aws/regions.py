"""``deployment`` on the emulator: every Region of one environment, its account stack first.

moto serves every Region from one endpoint, so one emulator holds all of them. The environment's
account is played by the emulator's (``local_aws.ACCOUNT_ID``): the app synthesizes the stage
with that account, in process, and each stack is deployed through CloudFormation's API as the
CDK CLI deploys it (a change set, then its execution), in its own Region. The CDK CLI itself,
its bootstrap stacks and several accounts are not part of this rehearsal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable
from typing import Any

from patch_window.app.settings import PatchWindowConfig

from . import ACCOUNT_ID, readback

Client = Callable[[str, str], Any]
"""``client(service, region)``: a boto3 client on the emulator."""
CHANGE_SET = "cdk-deploy-change-set"
BOOTSTRAP_VERSION = "/cdk-bootstrap/hnb659fds/version"


@dataclasses.dataclass(frozen=True)
class Stack:
    name: str
    region: str
    template: dict[str, Any]


def stacks(
    config: PatchWindowConfig, context: dict[str, Any], environment: str | None
) -> list[Stack]:
    """The account stack, then each Region's windows stack, of ``environment`` (default: the
    first), synthesized for the emulator's account."""
    import aws_cdk as cdk

    from patch_window.app.deployment import EnvironmentStage

    if config.deployment is None or not config.deployment.environments:
        raise ValueError(
            "the settings have no deployment.environments: without SETTINGS, make deploy-local "
            "deploys the single stack"
        )
    chosen = [
        env
        for env in config.deployment.environments
        if environment is None or env.name == environment
    ][:1]
    if not chosen:
        names = ", ".join(env.name for env in config.deployment.environments)
        raise ValueError(f"no environment {environment!r} in deployment.environments ({names})")
    played = dataclasses.replace(chosen[0], account=ACCOUNT_ID)
    app = cdk.App(context=context)
    stage = EnvironmentStage(
        app, config=config, environment=played, home_region=config.deployment.home_region
    )
    assembly = stage.synth()
    ordered = [stage.account_stack, *stage.windows_stacks.values()]
    return [
        Stack(s.stack_name, s.region, assembly.get_stack_by_name(s.stack_name).template)
        for s in ordered
    ]


def deploy(client: Client, to_deploy: list[Stack]) -> None:
    """Deploy each stack in its Region, in order, as ``cdk deploy`` would."""
    for region in sorted({stack.region for stack in to_deploy}):
        ssm = client("ssm", region)
        with contextlib.suppress(ssm.exceptions.ParameterAlreadyExists):
            ssm.put_parameter(Name=BOOTSTRAP_VERSION, Value="30", Type="String")
    iam = client("iam", to_deploy[0].region)
    existing = {group["GroupName"] for group in iam.list_groups()["Groups"]}
    for stack in to_deploy:
        for name in _groups(stack.template) - existing:
            iam.create_group(GroupName=name)  # they exist already in a real account
            existing.add(name)
    for stack in to_deploy:
        _deploy_one(client("cloudformation", stack.region), stack)


def _groups(template: dict[str, Any]) -> set[str]:
    return {
        group
        for resource in template["Resources"].values()
        if resource["Type"] == "AWS::IAM::ManagedPolicy"
        for group in resource.get("Properties", {}).get("Groups", [])
    }


def _deploy_one(cloudformation: Any, stack: Stack) -> None:
    exists = any(
        summary["StackName"] == stack.name and summary["StackStatus"] != "DELETE_COMPLETE"
        for summary in cloudformation.list_stacks()["StackSummaries"]
    )
    if exists:
        with contextlib.suppress(cloudformation.exceptions.ClientError):
            cloudformation.delete_change_set(StackName=stack.name, ChangeSetName=CHANGE_SET)
    try:
        _change_set(cloudformation, stack, exists)
    except cloudformation.exceptions.ClientError as error:
        if "No updates are to be performed" not in str(error):
            raise
        return  # as cdk deploy: an unchanged stack is left as it is
    cloudformation.execute_change_set(StackName=stack.name, ChangeSetName=CHANGE_SET)
    status = cloudformation.describe_stacks(StackName=stack.name)["Stacks"][0]["StackStatus"]
    if not status.endswith("_COMPLETE") or "ROLLBACK" in status:
        raise RuntimeError(f"{stack.name} in {stack.region}: {status}")


def _change_set(cloudformation: Any, stack: Stack, exists: bool) -> None:
    cloudformation.create_change_set(
        StackName=stack.name,
        ChangeSetName=CHANGE_SET,
        ChangeSetType="UPDATE" if exists else "CREATE",
        TemplateBody=json.dumps(stack.template),
        Capabilities=["CAPABILITY_NAMED_IAM"],
        Parameters=[
            {"ParameterKey": key, "UsePreviousValue": True}
            for key in stack.template.get("Parameters", {})
        ]
        if exists
        else [],
    )


def report(client: Client, to_deploy: list[Stack]) -> str:
    """What each Region holds, read back through its SSM API, and the account's task role."""
    lines = []
    iam = client("iam", to_deploy[0].region)
    roles = sorted(
        role["RoleName"]
        for role in iam.list_roles()["Roles"]
        if not role["RoleName"].startswith("cdk-")
    )
    lines.append(f"account {ACCOUNT_ID}: IAM roles {', '.join(roles) or 'none'}")
    for stack in to_deploy[1:]:
        lines.append(f"Region {stack.region} (stack {stack.name}):")
        text = readback.format_windows(readback.read_windows(client("ssm", stack.region)))
        lines += [f"  {line}" for line in text.splitlines()]
    return "\n".join(lines)
