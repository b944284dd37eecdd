"""``deployment`` rehearsed on the in-process emulator: every Region of one environment.

examples/multi-region.json's ``prod`` environment (eu-west-1 and us-east-1, a later schedule),
its account played by the emulator's: the account stack, then each Region's windows stack, each
in its own Region; SSM's API is then read back per Region.
"""

from __future__ import annotations

from typing import Any

import boto3  # type: ignore[import-untyped, unused-ignore]
import pytest

import local_aws
from local_aws import regions
from patch_window.app.reader import read_settings
from tests.conftest import cdk_context, multi_region_settings

from .helpers import Aws


@pytest.fixture(scope="module")
def prod_stacks() -> list[regions.Stack]:
    settings = multi_region_settings()
    flags = {k: v for k, v in cdk_context().items() if k != "patch_window"}
    return regions.stacks(read_settings(settings), flags, "prod")


def _client(aws: Aws) -> Any:
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")

    def client(service: str, region: str) -> Any:
        return session.client(service, region_name=region)

    return client


def test_the_environment_is_played_by_the_emulators_account(
    prod_stacks: list[regions.Stack],
) -> None:
    assert [(s.name, s.region) for s in prod_stacks] == [
        ("PatchWindow-prod-account", "eu-west-1"),
        ("PatchWindow-prod-eu-west-1", "eu-west-1"),
        ("PatchWindow-prod-us-east-1", "us-east-1"),
    ]
    assert "222222222222" not in str([s.template for s in prod_stacks])
    assert local_aws.ACCOUNT_ID in str(prod_stacks[1].template)


def test_every_region_of_the_environment_deploys_and_holds_its_windows(
    aws: Aws, prod_stacks: list[regions.Stack]
) -> None:
    client = _client(aws)
    regions.deploy(client, prod_stacks)
    for stack in prod_stacks:
        status = client("cloudformation", stack.region).describe_stacks(StackName=stack.name)
        assert status["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    for region in ("eu-west-1", "us-east-1"):
        windows = client("ssm", region).describe_maintenance_windows()["WindowIdentities"]
        assert [(w["Name"], w["Schedule"]) for w in windows] == [
            ("PatchWebServers", "cron(0 2 ? * SUN *)")
        ]
    assert client("ssm", "eu-central-1").describe_maintenance_windows()["WindowIdentities"] == []
    role = client("iam", "us-east-1").get_role(RoleName="SSMMaintenanceWindowRole")["Role"]
    assert role["Arn"] == f"arn:aws:iam::{local_aws.ACCOUNT_ID}:role/SSMMaintenanceWindowRole"
    text = regions.report(client, prod_stacks)
    assert text.startswith(f"account {local_aws.ACCOUNT_ID}: IAM roles SSMMaintenanceWindowRole")
    assert "Region eu-west-1 (stack PatchWindow-prod-eu-west-1):" in text
    assert "Region us-east-1 (stack PatchWindow-prod-us-east-1):" in text
    assert text.count("PatchWebServers") == 2
    # deploying again updates in place
    regions.deploy(client, prod_stacks)


def test_an_unknown_environment_is_refused() -> None:
    flags = {k: v for k, v in cdk_context().items() if k != "patch_window"}
    with pytest.raises(ValueError, match="no environment 'staging'"):
        regions.stacks(read_settings(multi_region_settings()), flags, "staging")
