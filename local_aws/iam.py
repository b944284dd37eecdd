"""Managed policies on IAM roles and groups through CloudFormation, as AWS handles them.

moto 5.2.5's AWS::IAM::Role ignores ``ManagedPolicyArns`` (the lab role would have no
AmazonSSMMaintenanceWindowRole policy) and cannot delete a role that has one attached. Its
AWS::IAM::ManagedPolicy is never updated nor deleted: after ``cdk destroy`` the policy stays,
still attached to its groups, and a failed attachment leaves it behind.

These two models take over both types (moto keeps the last model registered for a type, and
:func:`local_aws.install` checks that it is these). They reuse moto's own models for everything
else and add the managed-policy life cycle: attach on create, attach/detach the difference on
update, detach on delete; a new policy version when the document changes; replacement when a
name changes.

AWS managed policies (``arn:aws:iam::aws:policy/...``) exist in every real account, but in
moto only with ``MOTO_IAM_LOAD_MANAGED_POLICIES=true``, which loads all ~1,600 of them into each
IAM backend (about 0.15 s per backend and per reset). :func:`aws_managed_policy` adds the one a
role needs, on demand, from the same data.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.iam.aws_managed_policies import aws_managed_policies_data
from moto.iam.models import AWSManagedPolicy, IAMBackend, ManagedPolicy, Role, iam_backends
from moto.utilities.utils import get_partition

AWS_MANAGED_PREFIX = ":iam::aws:policy/"


def _iam(account_id: str, region_name: str) -> IAMBackend:
    return iam_backends[account_id][get_partition(region_name)]


@functools.cache
def _aws_managed_policies() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(aws_managed_policies_data)
    return data


def aws_managed_policy(iam: IAMBackend, arn: str) -> None:
    """Make the AWS managed policy ``arn`` exist in ``iam`` (if AWS has it), as in any account."""
    if AWS_MANAGED_PREFIX not in arn or arn in iam.managed_policies:
        return
    name = arn.rsplit("/", 1)[-1]
    data = _aws_managed_policies().get(name)
    if data is not None:
        policy = AWSManagedPolicy.from_data(name, iam.account_id, iam.region_name, data)
        if policy.arn == arn:
            iam.managed_policies[arn] = policy


def _document(document: Any) -> str:
    return document if isinstance(document, str) else json.dumps(document)


class RoleWithManagedPolicies(CloudFormationModel):
    """AWS::IAM::Role: moto's ``Role`` model plus ``ManagedPolicyArns``.

    The resources it returns are moto ``Role`` objects, so Ref (the name) and GetAtt Arn/RoleId
    behave as before. A missing policy fails the resource as on AWS ("Policy ... does not exist
    or is not attachable") and leaves no role behind.
    """

    @staticmethod
    def cloudformation_type() -> str:
        return Role.cloudformation_type()

    @staticmethod
    def cloudformation_name_type() -> str:
        return Role.cloudformation_name_type()

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return Role.has_cfn_attr(attr)

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Role:
        role = Role.create_from_cloudformation_json(
            resource_name, cloudformation_json, account_id, region_name, **kwargs
        )
        iam = _iam(account_id, region_name)
        try:
            for arn in cloudformation_json["Properties"].get("ManagedPolicyArns") or []:
                aws_managed_policy(iam, arn)
                iam.attach_role_policy(arn, role.name)
        except Exception:
            cls.delete_from_cloudformation_json(role.name, {}, account_id, region_name)
            raise
        return role

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: Role,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> Role:
        properties = cloudformation_json["Properties"]
        if properties.get("RoleName", original_resource.name) != original_resource.name:
            replacement = cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
            cls.delete_from_cloudformation_json(original_resource.name, {}, account_id, region_name)
            return replacement
        role = Role.update_from_cloudformation_json(
            original_resource, new_resource_name, cloudformation_json, account_id, region_name
        )
        iam = _iam(account_id, region_name)
        role.assume_role_policy_document = _document(properties["AssumeRolePolicyDocument"])
        wanted = set(properties.get("ManagedPolicyArns") or [])
        for arn in wanted - set(role.managed_policies):
            aws_managed_policy(iam, arn)
            iam.attach_role_policy(arn, role.name)
        for arn in set(role.managed_policies) - wanted:
            iam.detach_role_policy(arn, role.name)
        return role

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        iam = _iam(account_id, region_name)
        role = iam.get_role(resource_name)
        for arn in list(role.managed_policies):
            iam.detach_role_policy(arn, resource_name)
        Role.delete_from_cloudformation_json(
            resource_name, cloudformation_json, account_id, region_name
        )


class ManagedPolicyWithLifecycle(CloudFormationModel):
    """AWS::IAM::ManagedPolicy: moto's ``ManagedPolicy`` model plus update and delete.

    Create checks that every group, user and role named exists before creating the policy, so
    a missing group fails with "Group ... not found" and leaves nothing behind. Ref is the ARN.
    """

    #: Changing any of these replaces the policy (a new ARN), as on AWS.
    REPLACED_BY = ("ManagedPolicyName", "Path", "Description")

    @staticmethod
    def cloudformation_type() -> str:
        return ManagedPolicy.cloudformation_type()

    @staticmethod
    def cloudformation_name_type() -> str:
        return ManagedPolicy.cloudformation_name_type()

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("PolicyArn", "PolicyId", "DefaultVersionId", "AttachmentCount")

    @staticmethod
    def _attachments(properties: dict[str, Any]) -> dict[str, set[str]]:
        return {kind: set(properties.get(kind) or []) for kind in ("Groups", "Users", "Roles")}

    @staticmethod
    def _attach(iam: IAMBackend, arn: str, kind: str, name: str, attach: bool) -> None:
        suffix = {"Groups": "group", "Users": "user", "Roles": "role"}[kind]
        method = getattr(iam, f"{'attach' if attach else 'detach'}_{suffix}_policy")
        method(arn, name)

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> ManagedPolicy:
        iam = _iam(account_id, region_name)
        wanted = cls._attachments(cloudformation_json["Properties"])
        for name in wanted["Groups"]:
            iam.get_group(name)
        for name in wanted["Users"]:
            iam.get_user(name)
        for name in wanted["Roles"]:
            iam.get_role(name)
        return ManagedPolicy.create_from_cloudformation_json(
            resource_name, cloudformation_json, account_id, region_name, **kwargs
        )

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: ManagedPolicy,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> ManagedPolicy:
        properties = cloudformation_json["Properties"]
        current = {
            "ManagedPolicyName": original_resource.name,
            "Path": original_resource.path,
            "Description": original_resource.description,
        }
        wanted = {
            "ManagedPolicyName": properties.get("ManagedPolicyName", original_resource.name),
            "Path": properties.get("Path", "/"),
            "Description": properties.get("Description") or "",
        }
        if current != wanted:  # replacement; the old one goes first, it may have the same name
            cls.delete_from_cloudformation_json(original_resource.arn, {}, account_id, region_name)
            return cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
        iam = _iam(account_id, region_name)
        arn = original_resource.arn
        document = _document(properties["PolicyDocument"])
        default = next(v for v in original_resource.versions if v.is_default)
        if json.loads(default.document) != json.loads(document):
            for version in list(original_resource.versions):
                if not version.is_default:
                    iam.delete_policy_version(arn, version.version_id)
            iam.create_policy_version(arn, document, set_as_default=True)
            iam.delete_policy_version(arn, default.version_id)
        attached = cls._attached(iam, arn)
        for kind, names in cls._attachments(properties).items():
            for name in names - attached[kind]:
                cls._attach(iam, arn, kind, name, attach=True)
            for name in attached[kind] - names:
                cls._attach(iam, arn, kind, name, attach=False)
        return original_resource

    @staticmethod
    def _attached(iam: IAMBackend, arn: str) -> dict[str, set[str]]:
        return {
            "Groups": {g.name for g in iam.groups.values() if arn in g.managed_policies},
            "Users": {u.name for u in iam.users.values() if arn in u.managed_policies},
            "Roles": {r.name for r in iam.roles.values() if arn in r.managed_policies},
        }

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        iam = _iam(account_id, region_name)
        if resource_name not in iam.managed_policies:
            return
        for kind, names in cls._attached(iam, resource_name).items():
            for name in names:
                cls._attach(iam, resource_name, kind, name, attach=False)
        iam.delete_policy(resource_name)
