"""Rules of ``deployment``: environments, their accounts and Regions.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from patch_window.rules import aws_deployment
from patch_window.rules.aws_deployment import REGIONS
from patch_window.rules.common import matches, repeated

ENVIRONMENT_NAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,31}")
"""Part of every stack name (``<stack_name>-<environment>-<Region>``) and a stage's id."""
ACCOUNT_PATTERN = re.compile(r"\d{12}")


def environment_name(value: str) -> str | None:
    """An environment's name: a letter, then up to 31 letters, digits or '-'."""
    if matches(ENVIRONMENT_NAME_PATTERN, value):
        return None
    return (
        "must be 1-32 letters, digits or '-', starting with a letter (it is part of stack "
        f"names), got {value!r}"
    )


def account(value: str) -> str | None:
    """An AWS account id: 12 digits."""
    if matches(ACCOUNT_PATTERN, value):
        return None
    return f"must be an AWS account id of 12 digits, such as '123456789012', got {value!r}"


def region(value: str) -> str | None:
    """A Region name AWS publishes (botocore's endpoints data)."""
    if value in REGIONS:
        return None
    close = difflib.get_close_matches(value, sorted(REGIONS), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"must be an AWS Region name such as 'eu-west-1', got {value!r}{hint}"


def regions(values: Sequence[str]) -> str | None:
    """At least one Region, each once."""
    if not values:
        return "must name at least one Region, got none"
    twice = repeated(values)
    if twice is not None:
        return f"must name each Region once, got {twice!r} more than once"
    return None


# -- deployment.stack_set --------------------------------------------------------------------------

MAX_ORGANIZATIONAL_UNITS = 50
"""OUs one StackSet operation (CreateStackInstances) takes (CloudFormation API Reference)."""


def organizational_unit(value: str) -> str | None:
    """An organization root (``r-...``) or OU id (``ou-...-...``)."""
    if matches(re.compile(aws_deployment.ORGANIZATIONAL_UNIT_ID_PATTERN), value):
        return None
    return (
        "must be an organizational unit id such as 'ou-ab12-cd345678' or a root id such as "
        f"'r-ab12', got {value!r}"
    )


def organizational_units(values: Sequence[str]) -> str | None:
    """1-50 OUs (one operation's most), each once."""
    if not values:
        return "must name at least one organizational unit, got none"
    if len(values) > MAX_ORGANIZATIONAL_UNITS:
        return (
            f"must name at most {MAX_ORGANIZATIONAL_UNITS} organizational units, as one StackSet "
            f"operation takes, got {len(values)}; name a parent OU instead"
        )
    twice = repeated(values)
    if twice is not None:
        return f"must name each organizational unit once, got {twice!r} more than once"
    return None


def max_concurrent_percentage(value: int) -> str | None:
    """The share of accounts deployed at once in a Region: 1-100 percent."""
    if 1 <= value <= 100:
        return None
    return f"must be a percentage of accounts from 1 to 100, got {value}"


def failure_tolerance_percentage(value: int) -> str | None:
    """The share of accounts that may fail in a Region before the operation stops: 0-100."""
    if 0 <= value <= 100:
        return None
    return f"must be a percentage of accounts from 0 to 100, got {value}"


def region_concurrency(value: str) -> str | None:
    """Regions one at a time (SEQUENTIAL) or all at once (PARALLEL)."""
    if value in aws_deployment.REGION_CONCURRENCY_TYPES:
        return None
    return f"must be one of {', '.join(aws_deployment.REGION_CONCURRENCY_TYPES)}, got {value!r}"


def call_as(value: str) -> str | None:
    """From the management account (SELF) or a delegated administrator (DELEGATED_ADMIN)."""
    if value in aws_deployment.CALL_AS:
        return None
    return f"must be one of {', '.join(aws_deployment.CALL_AS)}, got {value!r}"


def region_order(order: Sequence[str], regions_: Sequence[str]) -> str | None:
    """The order of the StackSet's own Regions, each once."""
    stray = [region_ for region_ in order if region_ not in regions_]
    if stray:
        return (
            f"must list only Regions of stack_set.regions ({', '.join(regions_)}), got {stray[0]!r}"
        )
    twice = repeated(order)
    if twice is not None:
        return f"must name each Region once, got {twice!r} more than once"
    return None


MAX_TEMPLATE_URL_BYTES = 1_000_000
"""A template CloudFormation reads from S3 (``TemplateURL``): its quota (User Guide)."""


def inline(size: int) -> bool:
    """Whether a member template fits in its StackSet (``TemplateBody``, 51,200 bytes)."""
    return size <= aws_deployment.TEMPLATE_BODY_MAX_BYTES


def template_body_size(size: int) -> str | None:
    """A member template: inline up to 51,200 bytes, else through S3 (``TemplateURL``) up to
    1,000,000 bytes."""
    if size <= MAX_TEMPLATE_URL_BYTES:
        return None
    return (
        f"the StackSet member template is {size} bytes, more than the "
        f"{MAX_TEMPLATE_URL_BYTES} CloudFormation reads through TemplateURL (and the "
        f"{aws_deployment.TEMPLATE_BODY_MAX_BYTES} it takes inline): put fewer windows in the "
        "StackSet"
    )
