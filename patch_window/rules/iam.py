"""Rules of IAM names, descriptions and trust: the task role, the PassRole policy, groups.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from patch_window import vocabulary
from patch_window.rules.common import aws, length_range, matches, within

SERVICE_PRINCIPAL_PATTERN = re.compile(r"[a-z0-9.-]+\.amazonaws\.com(\.cn)?")


def iam_name(value: str, *, key: str) -> str | None:
    """IAM role, policy and group names: letters, digits or ``+=,.@_-``, as long as IAM allows
    for ``key``."""
    if within(key, value):
        return None
    return (
        f"must be {length_range(key)} characters, each a letter, digit or one of '+=,.@_-', "
        f"got {value!r}"
    )


def role_name(value: str) -> str | None:
    """IAM role names: up to 64 characters."""
    return iam_name(value, key="AWS::IAM::Role.RoleName")


def policy_name(value: str) -> str | None:
    """IAM managed policy names: up to 128 characters."""
    return iam_name(value, key="AWS::IAM::ManagedPolicy.ManagedPolicyName")


def group_name(value: str) -> str | None:
    """IAM group names: up to 128 characters."""
    return iam_name(value, key="AWS::IAM::Group.GroupName")


def role_description(value: str) -> str | None:
    """IAM role descriptions: up to 1000 characters of printable Latin-1, tabs and newlines."""
    if within("AWS::IAM::Role.Description", value):
        return None
    most = aws("AWS::IAM::Role.Description").max_length
    if len(value) > (most or len(value)):
        return f"must be 0-{most} characters long, got {len(value)} characters"
    return (
        "must hold only printable Latin-1 characters, tabs and line breaks (IAM's pattern), "
        f"got {value!r}"
    )


def service_principal(value: str) -> str | None:
    """A service principal such as ``ssm.amazonaws.com``."""
    if matches(SERVICE_PRINCIPAL_PATTERN, value):
        return None
    return f"must be a service principal such as 'ssm.amazonaws.com', got {value!r}"


ROLE_POLICIES = tuple(sorted(vocabulary.values(vocabulary.RolePolicy)))


def role_policy(value: str) -> str | None:
    """The task role's policy: the lab's AWS managed one, or least privilege."""
    if value in ROLE_POLICIES:
        return None
    return f"must be one of {', '.join(ROLE_POLICIES)}, got {value!r}"


def trust_not_empty(values: Sequence[str]) -> str | None:
    """A role nobody may assume is useless: name at least one service."""
    if not values:
        return "must name at least one service, got []"
    return None


# IAM quotas (IAM User Guide, "IAM and AWS STS quotas"): no schema publishes them.
MANAGED_POLICY_MAX_CHARACTERS = 6144
"""A managed policy document's size, whitespace not counted."""
MANAGED_POLICIES_PER_ROLE = 10
"""Managed policies attached to one role (the default quota)."""

# Generous lengths for what CloudFormation fills in at deploy, so the size is an upper bound.
_PSEUDO_LENGTHS = {
    "AWS::Partition": len("aws-us-gov"),
    "AWS::Region": len("ap-southeast-5") + 2,
    "AWS::AccountId": 12,
    "AWS::URLSuffix": len("amazonaws.com.cn"),
}
_FILLED_IN_LENGTH = 256
"""A resource's ``Ref`` or attribute (an ARN, an id) as CloudFormation fills it in."""


def policy_text_length(value: object) -> int:
    """Characters (whitespace excluded) of resolved policy JSON once CloudFormation has filled
    in its references: an upper bound, from :data:`_PSEUDO_LENGTHS` and
    :data:`_FILLED_IN_LENGTH`."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, argument),) = value.items()
            if key == "Ref":
                return 2 + _PSEUDO_LENGTHS.get(str(argument), _FILLED_IN_LENGTH)
            if key == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
                separator, parts = argument
                return (
                    2
                    + _string_length(separator) * max(len(parts) - 1, 0)
                    + sum(
                        _string_length(part)
                        if isinstance(part, str)
                        else policy_text_length(part) - 2
                        for part in parts
                    )
                )
            if key.startswith("Fn::"):
                return 2 + _FILLED_IN_LENGTH
        return (
            2
            + sum(policy_text_length(k) + 1 + policy_text_length(v) + 1 for k, v in value.items())
            - (1 if value else 0)
        )
    if isinstance(value, list):
        return 2 + sum(policy_text_length(item) + 1 for item in value) - (1 if value else 0)
    if isinstance(value, str):
        return 2 + _string_length(value)
    return len(json.dumps(value))


def _string_length(value: object) -> int:
    text = value if isinstance(value, str) else json.dumps(value)
    return len("".join(json.dumps(text)[1:-1].split()))


def managed_policy_size(statement_lengths: Sequence[int]) -> int:
    """The size of a policy document holding statements of these lengths."""
    return (
        len('{"Version":"2012-10-17","Statement":[]}')
        + sum(statement_lengths)
        + max(len(statement_lengths) - 1, 0)
    )
