"""Shared shapes of rules, and the AWS constraints they derive their bounds from.

Bounds, patterns and allowed values come from :mod:`patch_window.rules.aws_constraints`
(generated from the CloudFormation schemas and the service models), never typed by hand: a rule
asks :func:`within` whether AWS accepts a value and words its refusal with the constraint's
numbers. Each rule returns ``None`` when the value is allowed, otherwise one line that quotes
the value and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from patch_window.rules.aws_constraints import BY_KEY
from patch_window.rules.constraint import Constraint, problems

MW = "AWS::SSM::MaintenanceWindow"
MWT = "AWS::SSM::MaintenanceWindowTarget"
MWTASK = "AWS::SSM::MaintenanceWindowTask"
INVOKE = f"{MWTASK}.TaskInvocationParameters"
RUN = f"{INVOKE}.MaintenanceWindowRunCommandParameters"
AUTOMATION = f"{INVOKE}.MaintenanceWindowAutomationParameters"
LAMBDA = f"{INVOKE}.MaintenanceWindowLambdaParameters"
STEP_FUNCTIONS = f"{INVOKE}.MaintenanceWindowStepFunctionsParameters"


def aws(key: str) -> Constraint:
    """AWS's constraint on property ``key`` (``AWS::SSM::MaintenanceWindow.Name``)."""
    return BY_KEY[key]


def within(key: str, value: object) -> bool:
    """Whether AWS accepts ``value`` for property ``key``: type, lengths, range, enum, items
    and every pattern, matched against the whole value (a trailing newline is refused)."""
    return not problems(BY_KEY[key], value)


def repeated(values: Sequence[str]) -> str | None:
    """The value ``values`` lists more than once (the first in sorted order), or ``None``: the
    one home of every "each once" rule."""
    twice = sorted({value for value in values if list(values).count(value) > 1})
    return twice[0] if twice else None


def matches(pattern: re.Pattern[str], value: str) -> bool:
    """The whole of ``value`` matches ``pattern``; ``$`` alone would let a final newline in."""
    return pattern.fullmatch(value) is not None


def length_range(key: str) -> str:
    """``1-128``: the lengths AWS allows for ``key``."""
    constraint = BY_KEY[key]
    return f"{constraint.min_length or 0}-{constraint.max_length}"


def text_length(value: str, *, minimum: int, maximum: int) -> str | None:
    """Free text (descriptions, owner information, comments) within AWS's lengths."""
    if minimum <= len(value) <= maximum:
        return None
    return f"must be {minimum}-{maximum} characters long, got {len(value)} characters"


def text_within(key: str, value: str) -> str | None:
    """Free text within the lengths AWS allows for ``key``."""
    constraint = BY_KEY[key]
    return text_length(
        value, minimum=constraint.min_length or 0, maximum=constraint.max_length or len(value)
    )


def integer_in_range(value: int, *, minimum: int, maximum: int | None, unit: str) -> str | None:
    """A whole number of ``unit`` between ``minimum`` and ``maximum`` (inclusive)."""
    if value >= minimum and (maximum is None or value <= maximum):
        return None
    allowed = f"{minimum}-{maximum}" if maximum is not None else f"{minimum} or more"
    suffix = f" {unit}" if unit else ""
    return f"must be {allowed}{suffix}, got {value}"


def integer_within(key: str, value: int, *, unit: str) -> str | None:
    """A whole number within the range AWS allows for ``key``."""
    constraint = BY_KEY[key]
    return integer_in_range(
        value, minimum=constraint.minimum or 0, maximum=constraint.maximum, unit=unit
    )


_TOKEN_MARKERS = ("${Token[", "#{Token[")
# Keys a JavaScript object treats as its prototype: aws-cdk-lib's node process cannot carry them.
_PROTOTYPE_KEYS = frozenset({"__proto__"})


def plain_text(value: str) -> str | None:
    """Text from settings that aws-cdk-lib will take as it is, not as a token reference."""
    for marker in _TOKEN_MARKERS:
        if marker in value:
            return (
                f"must not contain {marker!r}: aws-cdk-lib reads it as a reference to a value "
                f"of the app (a token), got {value!r}"
            )
    return None


def plain_key(value: str) -> str | None:
    """A settings key that aws-cdk-lib can carry: no token text, not a prototype name."""
    if value in _PROTOTYPE_KEYS:
        return (
            f"the key {value!r} cannot be passed through aws-cdk-lib's JavaScript runtime, "
            "where it names an object's prototype"
        )
    return plain_text(value)


CONSTRUCT_ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9]{0,63}")


def construct_id(value: str) -> str | None:
    """A construct id chosen to outlive renames (cdk.json's ``id``): a letter, then letters and
    digits, at most 64. Logical ids derive from it, so it must be stable and never need the
    escaping CDK applies to other characters."""
    if matches(CONSTRUCT_ID_PATTERN, value):
        return None
    return (
        "must start with a letter and hold only letters and digits, at most 64 characters, "
        f"got {value!r}"
    )
