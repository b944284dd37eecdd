"""Approval rules and alternative patch sources of a patch baseline: plain values, pure."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from patch_window.edge_types import checked_dataclass
from patch_window.vocabulary import PatchComplianceLevel, PatchFilterKey

Filters = Mapping[PatchFilterKey, Sequence[str]] | Mapping[str, Sequence[str]]
"""Filter key to values: ``{PatchFilterKey.CLASSIFICATION: ["Security"]}``. A patch must match
every key, and for each key any one of its values (``*`` matches all)."""


def filter_mapping(filters: Filters | None) -> dict[str, list[str]] | None:
    """The filters with plain string keys, as the rules and CloudFormation take them."""
    if filters is None:
        return None
    return {
        key.value if isinstance(key, PatchFilterKey) else key: list(found)
        for key, found in filters.items()
    }


@checked_dataclass
@dataclass(frozen=True)
class ApprovalRule:
    """Patches matching ``filters`` are approved ``approve_after_days`` after their release, or
    if released on or before ``approve_until_date`` (give one, except on Debian and Ubuntu,
    which take neither).

    :param compliance_level: how severe a missing patch of this rule is in compliance reports.
        Default: - ``UNSPECIFIED``.
    :param enable_non_security: Linux only: also install the repository's non-security
        updates. Default: - security updates only.
    """

    filters: Filters = field(default_factory=dict)
    approve_after_days: int | None = None
    approve_until_date: str | datetime.date | None = None
    compliance_level: PatchComplianceLevel | None = None
    enable_non_security: bool | None = None

    def values(self, operating_system: str) -> dict[str, Any]:
        """The rule as the ``APPROVAL_RULE`` table's props."""
        until = self.approve_until_date
        return {
            "filters": filter_mapping(self.filters),
            "approve_after_days": self.approve_after_days,
            "approve_until_date": until.isoformat() if isinstance(until, datetime.date) else until,
            "compliance_level": self.compliance_level.value if self.compliance_level else None,
            "enable_non_security": self.enable_non_security,
            "operating_system": operating_system,
        }


@checked_dataclass
@dataclass(frozen=True)
class PatchSource:
    """A Linux repository patches come from instead of the instance's configured ones.

    :param name: 3-50 letters, digits, '-', '_' or '.'.
    :param products: the OS versions it applies to, such as ``AmazonLinux2023``.
    :param configuration: the repository configuration, as a yum ``.repo`` file holds it.
    """

    name: str
    products: Sequence[str]
    configuration: str

    def values(self) -> dict[str, Any]:
        """The source as the ``PATCH_SOURCE`` table's props."""
        return {
            "name": self.name,
            "products": list(self.products),
            "configuration": self.configuration,
        }
