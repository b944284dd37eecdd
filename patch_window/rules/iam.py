"""Rules of IAM names, descriptions and trust: the task role, the PassRole policy, groups.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

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
