"""The quotas each stack's windows are checked against: :class:`Quotas` defaults unless set.

Call :func:`set_quotas` on a stack before adding windows to it, when the account has raised
quotas. Every window, target and task then checks its count as it is added. One stack holds
what patch-window puts in one account and Region; windows other stacks (or other tools) create
there are not counted.
"""

from __future__ import annotations

import weakref

import aws_cdk as cdk
from constructs import IConstruct

from patch_window import tree
from patch_window.edge_types import checked
from patch_window.quotas import Quotas

_QUOTAS: weakref.WeakKeyDictionary[cdk.Stack, Quotas] = weakref.WeakKeyDictionary()


@checked
def set_quotas(stack: cdk.Stack, quotas: Quotas) -> None:
    """Check what ``stack`` holds against ``quotas`` instead of Systems Manager's defaults."""
    _QUOTAS[stack] = quotas


def quotas_of(scope: IConstruct) -> Quotas:
    """The quotas of the stack ``scope`` is in."""
    return _QUOTAS.get(tree.stack_of(scope)) or DEFAULT


DEFAULT = Quotas()
