"""Rules of IAM names, descriptions and trust: the task role, the PassRole policy, groups.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from patch_window import vocabulary
from patch_window.rules.common import text_length

IAM_NAME_PATTERN = re.compile(r"^[\w+=,.@-]+$")


SERVICE_PRINCIPAL_PATTERN = re.compile(r"^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$")


def iam_name(value: str, *, maximum: int) -> str | None:
    """IAM role, policy and group names: 1-``maximum`` letters, digits or ``+=,.@_-``."""
    if len(value) <= maximum and IAM_NAME_PATTERN.match(value):
        return None
    return (
        f"must be 1-{maximum} characters, each a letter, digit or one of '+=,.@_-', got {value!r}"
    )


def role_name(value: str) -> str | None:
    """IAM role names: up to 64 characters."""
    return iam_name(value, maximum=64)


def policy_name(value: str) -> str | None:
    """IAM managed policy names: up to 128 characters."""
    return iam_name(value, maximum=128)


def group_name(value: str) -> str | None:
    """IAM group names: up to 128 characters."""
    return iam_name(value, maximum=128)


def role_description(value: str) -> str | None:
    """IAM role descriptions: up to 1000 characters."""
    return text_length(value, minimum=0, maximum=1000)


def service_principal(value: str) -> str | None:
    """A service principal such as ``ssm.amazonaws.com``."""
    if SERVICE_PRINCIPAL_PATTERN.match(value):
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
