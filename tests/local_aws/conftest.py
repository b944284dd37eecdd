"""The in-process emulator for the local_aws tests: moto's ``mock_aws`` plus the extension.

Templates come from ``tests/conftest.py``'s ``synthesized_templates`` (every template the suite
synthesizes).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import boto3  # type: ignore[import-untyped, unused-ignore]
import pytest
from moto import mock_aws

import local_aws

from .helpers import BOOTSTRAP_VERSION_PARAMETER, REGION, Aws


@pytest.fixture(scope="session")
def aws_clients(tmp_path_factory: pytest.TempPathFactory) -> Aws:
    """boto3 clients made once (that costs ~0.5 s) and reused under each test's fresh mock.

    They are made with dummy credentials and no AWS configuration from the environment or
    files, so nothing of the developer's (a profile, AWS_ENDPOINT_URL) can send them elsewhere.
    """
    local_aws.install()
    nothing = tmp_path_factory.mktemp("no-aws-config") / "none"
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("AWS_")]:
            patch.delenv(name)
        patch.setenv("AWS_CONFIG_FILE", str(nothing))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(nothing))
        session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
        )
        with mock_aws():
            return Aws(
                cloudformation=session.client("cloudformation"),
                ssm=session.client("ssm"),
                iam=session.client("iam"),
                s3=session.client("s3"),
                ec2=session.client("ec2"),
                logs=session.client("logs"),
            )


@pytest.fixture
def aws(aws_clients: Aws) -> Iterator[Aws]:
    """A fresh emulated account, bootstrapped (the SSM version parameter CDK stacks check)."""
    with mock_aws():
        aws_clients.ssm.put_parameter(Name=BOOTSTRAP_VERSION_PARAMETER, Value="30", Type="String")
        yield aws_clients


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The standard chain finds dummy keys in the environment, and nothing else."""
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", local_aws.REGION)
    monkeypatch.setenv("AWS_REGION", local_aws.REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
