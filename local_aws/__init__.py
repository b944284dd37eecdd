"""An embedded AWS for rehearsing ``cdk deploy`` offline: moto, plus what moto lacks for this stack.

``install()`` teaches moto (pinned in requirements-dev.txt) the CloudFormation types, SSM calls,
IAM behaviour and CloudFormation engine fixes that the CDK CLI and the maintenance-window stack
need. It works the same in-process (``moto.mock_aws``) and in the server that ``python -m
local_aws`` runs. Nothing in ``patch_window`` imports this package.

Every fix is a small class (or function) in :mod:`local_aws.ssm`,
:mod:`local_aws.ssm_cloudformation`, :mod:`local_aws.patch_baselines`, :mod:`local_aws.iam`,
:mod:`local_aws.cloudformation` or :mod:`local_aws.executions`, with a docstring saying what moto
lacks; ``install()`` (:mod:`local_aws.grafts`) is the one place that puts them into moto.
Importing this package does not load moto: the pure :mod:`local_aws.readback` is used without it.
"""

from __future__ import annotations

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"


def install() -> None:
    """Put every fix into moto (:mod:`local_aws.grafts`). Idempotent; call it before
    ``mock_aws`` or serving. moto is imported here, not when the package is."""
    from . import grafts

    grafts.install()
