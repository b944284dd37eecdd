"""A patch baseline's rules in words, from its CloudFormation properties: what reviewers read.

``Amazon Linux 2023: Security, Critical and Important, approved after 7 days``. Pure: the
review tools call it on synthesized templates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

OS_NAMES = {
    "WINDOWS": "Windows Server",
    "AMAZON_LINUX": "Amazon Linux",
    "AMAZON_LINUX_2": "Amazon Linux 2",
    "AMAZON_LINUX_2022": "Amazon Linux 2022",
    "AMAZON_LINUX_2023": "Amazon Linux 2023",
    "UBUNTU": "Ubuntu Server",
    "REDHAT_ENTERPRISE_LINUX": "Red Hat Enterprise Linux",
    "SUSE": "SUSE Linux Enterprise Server",
    "CENTOS": "CentOS",
    "ORACLE_LINUX": "Oracle Linux",
    "DEBIAN": "Debian Server",
    "MACOS": "macOS",
    "RASPBIAN": "Raspberry Pi OS",
    "ROCKY_LINUX": "Rocky Linux",
    "ALMA_LINUX": "AlmaLinux",
}

_KEY_ORDER = ("PRODUCT", "PRODUCT_FAMILY", "PATCH_SET", "SECTION")


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _filters(filters: Sequence[Mapping[str, Any]]) -> str:
    """Classification first, then severity or priority, then the rest, each key's values."""
    order = {"CLASSIFICATION": 0, "SEVERITY": 1, "MSRC_SEVERITY": 1, "PRIORITY": 1}
    ranked = sorted(filters, key=lambda f: order.get(f["Key"], 2 + _rank(f["Key"])))
    parts = []
    for item in ranked:
        found = list(item.get("Values", []))
        shown = "any" if found == ["*"] else _and(found)
        if item["Key"] in order:
            parts.append(shown if found != ["*"] else f"any {item['Key'].lower()}")
        else:
            parts.append(f"{item['Key'].lower().replace('_', ' ')} {shown}")
    return ", ".join(parts) or "every patch"


def _rank(key: str) -> int:
    return _KEY_ORDER.index(key) if key in _KEY_ORDER else len(_KEY_ORDER)


def rule_in_words(rule: Mapping[str, Any]) -> str:
    """One approval rule: its filters, then when patches are approved."""
    filters = _filters(rule.get("PatchFilterGroup", {}).get("PatchFilters", []))
    if "ApproveAfterDays" in rule:
        days = rule["ApproveAfterDays"]
        when = (
            "approved on release"
            if days == 0
            else f"approved after {days} day" + ("s" if days != 1 else "")
        )
    elif "ApproveUntilDate" in rule:
        when = f"approved if released by {rule['ApproveUntilDate']}"
    else:
        when = "approved on release"
    extras = []
    if rule.get("ComplianceLevel") not in (None, "UNSPECIFIED"):
        extras.append(f"compliance {rule['ComplianceLevel']}")
    if rule.get("EnableNonSecurity"):
        extras.append("non-security updates too")
    return ", ".join([filters, when, *extras])


def baseline_in_words(props: Mapping[str, Any]) -> list[str]:
    """Every line a reviewer needs: one per rule, then the explicit lists and the groups."""
    system = OS_NAMES.get(props.get("OperatingSystem", "WINDOWS"), props.get("OperatingSystem"))
    rules = props.get("ApprovalRules", {}).get("PatchRules", [])
    lines = [f"{system}: {rule_in_words(rule)}" for rule in rules] or [
        f"{system}: no approval rule"
    ]
    global_filters = props.get("GlobalFilters", {}).get("PatchFilters", [])
    if global_filters:
        lines.append(f"only patches of {_filters(global_filters)}")
    if props.get("ApprovedPatches"):
        lines.append(f"approved: {', '.join(props['ApprovedPatches'])}")
    if props.get("RejectedPatches"):
        action = props.get("RejectedPatchesAction", "ALLOW_AS_DEPENDENCY")
        how = "blocked" if action == "BLOCK" else "unless another package needs them"
        lines.append(f"rejected ({how}): {', '.join(props['RejectedPatches'])}")
    for source in props.get("Sources", []):
        lines.append(f"source {source['Name']} for {', '.join(source.get('Products', []))}")
    return lines
