"""Cheap detection of unresolved CDK tokens, so validation can pass them through unchecked.

``cdk.Token.is_unresolved`` is a round trip to the jsii node process. Strings and lists carry
tokens as recognisable markers (``${Token[...]}``, ``#{Token[...]}``), and plain Python ints and
bools never are tokens, so only floats and foreign objects need the round trip.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from typing import Any

_STRING_MARKERS = ("${Token[", "#{Token[")


def is_unresolved(value: Any) -> bool:
    """True when ``value`` is (or contains, for a string or list) an unresolved CDK token."""
    if value is None or isinstance(value, (bool, int, datetime.date, enum.Enum)):
        return False
    if isinstance(value, str):
        return any(marker in value for marker in _STRING_MARKERS)
    if isinstance(value, (list, tuple)):
        return any(is_unresolved(item) for item in value)
    if isinstance(value, Mapping):
        return any(is_unresolved(k) or is_unresolved(v) for k, v in value.items())
    # Only a foreign object (a Duration, an IResolvable...) needs the round trip; by then
    # aws-cdk-lib is loaded, and importing it here keeps the cdk.json reader free of it.
    import aws_cdk as cdk

    return bool(cdk.Token.is_unresolved(value))
