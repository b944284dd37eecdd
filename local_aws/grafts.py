"""What ``local_aws.install()`` puts into moto: the models it adds and the fixes it grafts.

Imported only by ``install()``, so that importing :mod:`local_aws` (for the pure
:mod:`local_aws.readback`, say) does not load moto.
"""

from __future__ import annotations

from moto.cloudformation import parsing
from moto.cloudformation.models import CloudFormationBackend, Stack
from moto.cloudformation.parsing import ResourceMap
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.common_models import CloudFormationModel
from moto.logs.models import LogGroup
from moto.ssm.models import (
    FakeMaintenanceWindow,
    FakeMaintenanceWindowTarget,
    FakeMaintenanceWindowTask,
    SimpleSystemManagerBackend,
)
from moto.ssm.responses import SimpleSystemManagerResponse

from . import cloudformation, executions, iam, logs, patch_baselines, ssm, ssm_cloudformation

#: The CloudFormation types this package adds to moto or takes over from it.
MODELS: tuple[type[CloudFormationModel], ...] = (
    ssm_cloudformation.MaintenanceWindow,
    ssm_cloudformation.MaintenanceWindowTarget,
    ssm_cloudformation.MaintenanceWindowTask,
    patch_baselines.PatchBaseline,
    cloudformation.CdkMetadata,
    iam.RoleWithManagedPolicies,
    iam.ManagedPolicyWithLifecycle,
)

#: (moto class, class whose methods are copied onto it), one line per named fix.
GRAFTS: tuple[tuple[type, type], ...] = (
    (FakeMaintenanceWindow, ssm.WindowFields),
    (FakeMaintenanceWindowTarget, ssm.TargetFields),
    (FakeMaintenanceWindowTask, ssm.TaskFields),
    (SimpleSystemManagerBackend, ssm.WindowBackend),
    (SimpleSystemManagerResponse, ssm.WindowResponses),
    (SimpleSystemManagerBackend, patch_baselines.BaselineBackend),
    (SimpleSystemManagerResponse, patch_baselines.BaselineResponses),
    (SimpleSystemManagerResponse, executions.ExecutionResponses),
    (CloudFormationBackend, cloudformation.ChangeSetsPerStack),
    (CloudFormationResponse, cloudformation.ChangeSetsPerStackResponses),
    (CloudFormationResponse, cloudformation.TemplateUrlOnLoopback),
    (Stack, cloudformation.FailuresRollBack),
    (Stack, cloudformation.ReadsCreateNothing),
    (Stack, cloudformation.PreviousParameterValues),
    (ResourceMap, cloudformation.SsmParametersResolved),
    (LogGroup, logs.LogGroupArnWithWildcard),
)

_installed = False


def _graft(target: type, source: type) -> None:
    for name, value in vars(source).items():
        if not name.startswith("__"):
            setattr(target, name, value)


def install() -> None:
    """Put every fix into moto. Idempotent; call it before ``mock_aws`` or serving."""
    global _installed
    if _installed:
        return
    for target, source in GRAFTS:
        _graft(target, source)
    for name in ("parse_and_create_resource", "parse_and_update_resource"):
        setattr(parsing, name, cloudformation.name_failed_resource(getattr(parsing, name)))
    # moto builds its type -> model map once from CloudFormationModel.__subclasses__(), keeping
    # the last class per type; rebuild it now that the models above are defined.
    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cached.cache_clear()
    model_map = parsing.get_model_map()
    for model in MODELS:
        if model_map.get(model.cloudformation_type()) is not model:
            raise RuntimeError(f"moto did not take {model.__name__} for its type")
    _installed = True
