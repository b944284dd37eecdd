"""Patch baselines and patch groups: CloudFormation create/update/delete, and the reads moto lacks.

moto 5.2.5 creates, lists and deletes patch baselines through the SSM API and registers patch
groups, but has no CloudFormation model for ``AWS::SSM::PatchBaseline`` (its engine skips the
type, so nothing reaches SSM), no ``GetPatchBaseline``, no default baseline calls, and its patch
groups share one dict of default associations between groups; its tag calls refuse every
patch baseline id. This module adds:

- :class:`PatchBaseline`: the CloudFormation model; every property updates in place (same
  ``pb-`` id), patch groups are registered and deregistered as the ``PatchGroups`` list changes,
  ``DefaultBaseline: true`` registers it as its operating system's default;
- :class:`BaselineBackend` and :class:`BaselineResponses`: ``GetPatchBaseline`` (with
  ``PatchGroups``), ``UpdatePatchBaseline``, ``RegisterDefaultPatchBaseline`` and
  ``GetDefaultPatchBaseline``, as the SSM API Reference answers them, and tags on baselines.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult
from moto.ssm.exceptions import DoesNotExistException, InvalidResourceId
from moto.ssm.models import (
    FakePatchBaseline,
    FakePatchGroup,
    SimpleSystemManagerBackend,
    ssm_backends,
)

if TYPE_CHECKING:  # type-check the methods as the moto classes they are copied onto
    from moto.ssm.responses import SimpleSystemManagerResponse

    _Backend = SimpleSystemManagerBackend
    _Response = SimpleSystemManagerResponse
else:
    _Backend = _Response = object

#: GetPatchBaseline field -> FakePatchBaseline attribute (the fields UpdatePatchBaseline sets).
FIELDS = {
    "Name": "name",
    "Description": "description",
    "GlobalFilters": "global_filters",
    "ApprovalRules": "approval_rules",
    "ApprovedPatches": "approved_patches",
    "ApprovedPatchesComplianceLevel": "approved_patches_compliance_level",
    "ApprovedPatchesEnableNonSecurity": "approved_patches_enable_non_security",
    "RejectedPatches": "rejected_patches",
    "RejectedPatchesAction": "rejected_patches_action",
    "Sources": "sources",
}


_MOTO_VALIDATE = SimpleSystemManagerBackend._validate_resource_type_and_id


class BaselineBackend(_Backend):
    """``SimpleSystemManagerBackend`` methods for the baseline calls moto lacks."""

    def _validate_resource_type_and_id(self, resource_type: str, resource_id: str) -> str:
        """Tags on an existing patch baseline are allowed (moto refuses every baseline id)."""
        if resource_type == "PatchBaseline":
            if resource_id not in self.baselines:
                raise InvalidResourceId()
            return resource_id
        return _MOTO_VALIDATE(self, resource_type, resource_id)

    def get_patch_baseline(self, baseline_id: str) -> FakePatchBaseline:
        if baseline_id not in self.baselines:
            raise DoesNotExistException(baseline_id)
        return self.baselines[baseline_id]

    def patch_groups_of(self, baseline_id: str) -> list[str]:
        """The patch groups registered with the baseline, in registration order."""
        system = self.get_patch_baseline(baseline_id).operating_system
        return [
            name
            for name, group in self.patch_groups.items()
            if group.associations.get(system) == baseline_id
        ]

    def update_patch_baseline(self, baseline_id: str, fields: dict[str, Any]) -> FakePatchBaseline:
        """Set every field given (``None`` clears it), as UpdatePatchBaseline with Replace."""
        baseline = self.get_patch_baseline(baseline_id)
        for field, attribute in FIELDS.items():
            if field in fields:
                setattr(baseline, attribute, fields[field])
        return baseline

    def register_group(self, baseline_id: str, group: str) -> None:
        """RegisterPatchBaselineForPatchGroup, with each group's own copy of the defaults."""
        system = self.get_patch_baseline(baseline_id).operating_system
        if group not in self.patch_groups:
            fake = FakePatchGroup(group, self.region_name)
            fake.associations = copy.deepcopy(fake.default_associations)
            self.patch_groups[group] = fake
        self.patch_groups[group].associations[system] = baseline_id

    def deregister_group(self, baseline_id: str, group: str) -> None:
        """DeregisterPatchBaselineForPatchGroup: the group falls back to the default."""
        found = self.patch_groups.get(group)
        if found is None:
            return
        system = self.get_patch_baseline(baseline_id).operating_system
        if found.associations.get(system) == baseline_id:
            found.associations[system] = self.get_default_patch_baseline(system)
        if not any(value in self.baselines for value in found.associations.values()):
            del self.patch_groups[group]

    def register_default_patch_baseline(self, baseline_id: str) -> None:
        """The baseline becomes its operating system's default; the previous one stops being."""
        baseline = self.get_patch_baseline(baseline_id)
        for other in self.baselines.values():
            if other.operating_system == baseline.operating_system:
                other.default_baseline = other is baseline

    def get_default_patch_baseline(self, operating_system: str) -> str:
        """The account's default for ``operating_system``, else AWS's predefined one."""
        for baseline in self.baselines.values():
            if baseline.operating_system == operating_system and baseline.default_baseline:
                return baseline.id
        defaults = FakePatchGroup("default", self.region_name).default_associations
        return str(defaults.get(operating_system, ""))


def baseline_json(backend: BaselineBackend, baseline: FakePatchBaseline) -> dict[str, Any]:
    """GetPatchBaseline's answer; empty lists and unset fields are left out."""
    found: dict[str, Any] = {
        "BaselineId": baseline.id,
        "OperatingSystem": baseline.operating_system,
        "PatchGroups": backend.patch_groups_of(baseline.id),
    }
    for field, attribute in FIELDS.items():
        value = getattr(baseline, attribute)
        if value not in (None, [], {}):
            found[field] = value
    return found


class BaselineResponses(_Response):
    """``SimpleSystemManagerResponse`` handlers for the baseline calls moto lacks."""

    @property
    def baselines_backend(self) -> BaselineBackend:
        return self.ssm_backend  # type: ignore[return-value]  # BaselineBackend is installed

    def get_patch_baseline(self) -> ActionResult:
        backend = self.baselines_backend
        baseline = backend.get_patch_baseline(self._get_param("BaselineId"))
        return ActionResult(baseline_json(backend, baseline))

    def update_patch_baseline(self) -> ActionResult:
        backend = self.baselines_backend
        fields = {field: self._get_param(field) for field in FIELDS if self._get_param(field)}
        baseline = backend.update_patch_baseline(self._get_param("BaselineId"), fields)
        return ActionResult(baseline_json(backend, baseline))

    def register_default_patch_baseline(self) -> ActionResult:
        baseline_id = self._get_param("BaselineId")
        self.baselines_backend.register_default_patch_baseline(baseline_id)
        return ActionResult({"BaselineId": baseline_id})

    def get_default_patch_baseline(self) -> ActionResult:
        system = self._get_param("OperatingSystem") or "WINDOWS"
        baseline_id = self.baselines_backend.get_default_patch_baseline(system)
        return ActionResult({"BaselineId": baseline_id, "OperatingSystem": system})


def _backend(account_id: str, region_name: str) -> BaselineBackend:
    return ssm_backends[account_id][region_name]  # type: ignore[return-value]  # installed


def _fields(properties: dict[str, Any]) -> dict[str, Any]:
    """CloudFormation's properties as UpdatePatchBaseline fields (the names are the API's)."""
    return {field: properties.get(field) for field in FIELDS}


class PatchBaseline(CloudFormationModel):
    """AWS::SSM::PatchBaseline; ``Ref`` is the ``pb-`` id."""

    def __init__(self, baseline_id: str) -> None:
        self.baseline_id = baseline_id

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SSM::PatchBaseline"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.baseline_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> PatchBaseline:
        properties = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        fields = _fields(properties)
        baseline_id = backend.create_patch_baseline(
            name=fields["Name"],
            operating_system=properties.get("OperatingSystem", "WINDOWS"),
            global_filters=fields["GlobalFilters"],
            approval_rules=fields["ApprovalRules"],
            approved_patches=fields["ApprovedPatches"],
            approved_patches_compliance_level=fields["ApprovedPatchesComplianceLevel"],
            approved_patches_enable_non_security=fields["ApprovedPatchesEnableNonSecurity"],
            rejected_patches=fields["RejectedPatches"],
            rejected_patches_action=fields["RejectedPatchesAction"],
            description=fields["Description"],
            sources=fields["Sources"],
            tags=properties.get("Tags"),
        )
        cls._associate(backend, baseline_id, properties, [])
        return cls(baseline_id)

    @staticmethod
    def _associate(
        backend: BaselineBackend, baseline_id: str, properties: dict[str, Any], before: list[str]
    ) -> None:
        groups = list(properties.get("PatchGroups") or [])
        for group in before:
            if group not in groups:
                backend.deregister_group(baseline_id, group)
        for group in groups:
            backend.register_group(baseline_id, group)
        if str(properties.get("DefaultBaseline", "")).lower() == "true":
            backend.register_default_patch_baseline(baseline_id)
        else:
            backend.get_patch_baseline(baseline_id).default_baseline = False

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: PatchBaseline,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> PatchBaseline:
        properties = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        baseline_id = original_resource.baseline_id
        before = backend.patch_groups_of(baseline_id)
        backend.update_patch_baseline(baseline_id, _fields(properties))
        cls._associate(backend, baseline_id, properties, before)
        tags = {tag["Key"]: tag["Value"] for tag in properties.get("Tags") or []}
        old = backend.list_tags_for_resource("PatchBaseline", baseline_id)
        backend.remove_tags_from_resource(
            "PatchBaseline", baseline_id, [key for key in old if key not in tags]
        )
        backend.add_tags_to_resource("PatchBaseline", baseline_id, tags)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        """What moto's engine calls first to delete a resource."""
        self.delete_from_cloudformation_json(self.baseline_id, {}, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        if resource_name not in backend.baselines:
            return
        for group in backend.patch_groups_of(resource_name):
            backend.deregister_group(resource_name, group)
        backend.delete_patch_baseline(resource_name)
