"""What never changes about a construct once it exists, read from aws-cdk-lib once and kept.

Each read of ``node.path``, ``node.id``, ``node.scope`` or ``Stack.of`` is a round trip to
aws-cdk-lib's node process, and so is each ARN ``stack.format_arn`` builds. A window with one
target and one task made about thirty of them, three times what the same window written with
L1 constructs makes. The library's constructs call :func:`remember` right after they are made,
so their path, id and stack are known without asking; anything else is asked once. Weak maps:
nothing here keeps a construct alive. aws-cdk-lib is imported where it is used: modules the
cdk.json reader imports may import this one.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import aws_cdk as cdk
    from constructs import IConstruct

_PATHS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_IDS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_SCOPES: weakref.WeakKeyDictionary[Any, IConstruct] = weakref.WeakKeyDictionary()
_STACKS: weakref.WeakKeyDictionary[Any, cdk.Stack] = weakref.WeakKeyDictionary()
_ROLE_ARNS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_PSEUDO: weakref.WeakKeyDictionary[Any, tuple[str, str, str]] = weakref.WeakKeyDictionary()


def remember(construct: IConstruct, scope: IConstruct, id_: str) -> None:
    """Record that ``construct`` was just made as ``id_`` under ``scope``."""
    if "/" in id_:
        id_ = construct.node.id  # the constructs library writes a "/" in an id as "--"
    parent = path(scope)
    _PATHS[construct] = f"{parent}/{id_}" if parent else id_
    _IDS[construct] = id_
    _SCOPES[construct] = scope


def path(construct: IConstruct) -> str:
    """``construct.node.path``."""
    found = _PATHS.get(construct)
    if found is None:
        found = _PATHS[construct] = construct.node.path
    return found


def node_id(construct: IConstruct) -> str:
    """``construct.node.id``."""
    found = _IDS.get(construct)
    if found is None:
        found = _IDS[construct] = construct.node.id
    return found


def scope_of(construct: IConstruct) -> IConstruct | None:
    """``construct.node.scope``: its parent, None for the app."""
    found = _SCOPES.get(construct)
    if found is None:
        found = construct.node.scope
        if found is not None:
            _SCOPES[construct] = found
    return found


def stack_of(construct: IConstruct) -> cdk.Stack:
    """``cdk.Stack.of(construct)``: the stack ``construct`` is in (itself, for a stack)."""
    import aws_cdk as cdk

    if isinstance(construct, cdk.Stack):
        return construct
    found = _STACKS.get(construct)
    if found is None:
        scope = _SCOPES.get(construct)
        found = stack_of(scope) if scope is not None else cdk.Stack.of(construct)
        _STACKS[construct] = found
    return found


def format_arn(
    stack: cdk.Stack,
    *,
    service: str,
    resource: str,
    resource_name: str,
    account: str | None = None,
    arn_format: cdk.ArnFormat | None = None,
) -> str:
    """``stack.format_arn(...)``, built here: the string aws-cdk-lib's ``Arn.format`` joins
    (the stack's partition, Region and, unless ``account`` is given, account, as tokens or
    literals), so the same template. ``/`` before the resource name, ``:`` for
    ``COLON_RESOURCE_NAME``; another format is left to aws-cdk-lib."""
    import aws_cdk as cdk

    if arn_format not in (
        None,
        cdk.ArnFormat.SLASH_RESOURCE_NAME,
        cdk.ArnFormat.COLON_RESOURCE_NAME,
    ):
        return stack.format_arn(
            service=service,
            resource=resource,
            resource_name=resource_name,
            account=account,
            arn_format=arn_format,
        )
    separator = ":" if arn_format == cdk.ArnFormat.COLON_RESOURCE_NAME else "/"
    partition, region, own_account = _pseudo(stack)
    account = own_account if account is None else account
    return f"arn:{partition}:{service}:{region}:{account}:{resource}{separator}{resource_name}"


def role_arn(role: Any) -> str:
    """``role.role_arn`` of an ``iam.IRole``."""
    found = _ROLE_ARNS.get(role)
    if found is None:
        found = _ROLE_ARNS[role] = role.role_arn
    return found


def _pseudo(stack: cdk.Stack) -> tuple[str, str, str]:
    found = _PSEUDO.get(stack)
    if found is None:
        found = _PSEUDO[stack] = (stack.partition, stack.region, stack.account)
    return found
