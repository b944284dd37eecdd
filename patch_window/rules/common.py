"""Shared shapes of rules: lengths and integer ranges, worded the same everywhere.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations


def text_length(value: str, *, minimum: int, maximum: int) -> str | None:
    """Free text (descriptions, owner information, comments) within CloudFormation's lengths."""
    if minimum <= len(value) <= maximum:
        return None
    return f"must be {minimum}-{maximum} characters long, got {len(value)} characters"


def integer_in_range(value: int, *, minimum: int, maximum: int | None, unit: str) -> str | None:
    """A whole number of ``unit`` between ``minimum`` and ``maximum`` (inclusive)."""
    if value >= minimum and (maximum is None or value <= maximum):
        return None
    allowed = f"{minimum}-{maximum}" if maximum is not None else f"{minimum} or more"
    suffix = f" {unit}" if unit else ""
    return f"must be {allowed}{suffix}, got {value}"
