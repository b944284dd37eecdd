"""What the change does to permissions: grants, trusted principals and PassRole groups.

Every IAM document of a template is flattened into grants, one per (holder, effect, action,
resource, condition), and every role's trust policy into trusted principals; the review lists
what the head adds and removes. Broadening changes (an Allow added, a principal trusted, a
group given PassRole, a managed policy attached, a Deny removed) come first. Pure.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from patch_window.review.windows import text

ROLE = "AWS::IAM::Role"
POLICY_TYPES = ("AWS::IAM::ManagedPolicy", "AWS::IAM::Policy")


@dataclass(frozen=True, order=True)
class Grant:
    """One permission, or one trusted principal (``action`` ``trusts``), held by ``holder``."""

    holder: str
    effect: str
    action: str
    resource: str
    condition: str = ""

    @property
    def broadens(self) -> bool:
        """Whether having this grant allows more (an Allow or a trust; a Deny restricts)."""
        return self.effect != "Deny"

    def words(self) -> str:
        condition = f" when {self.condition}" if self.condition else ""
        if self.action == "trusts":
            return f"{self.holder} trusts {self.resource}{condition}"
        if self.action == "passes roles to group":
            return f"group {self.resource} gets iam:PassRole through {self.holder}"
        if self.action.startswith("attached to "):
            return f"{self.holder} is {self.action} {self.resource}"
        if self.action == "managed policy":
            return f"{self.holder} gets the managed policy {self.resource}"
        return f"{self.holder}: {self.effect} {self.action} on {self.resource}{condition}"


@dataclass(frozen=True)
class IamChange:
    """A grant that the head adds (``added``) or removes."""

    grant: Grant
    added: bool

    @property
    def broadens(self) -> bool:
        return self.grant.broadens == self.added

    def words(self) -> str:
        return f"{'adds' if self.added else 'removes'}: {self.grant.words()}"


def grants(template: Mapping[str, Any], renamed: Mapping[str, str] | None = None) -> set[Grant]:
    """Every grant and trust of ``template``; holders named by head logical id (``renamed``
    maps base ids to head ids, so a rename alone changes nothing here)."""
    renamed = renamed or {}
    found: set[Grant] = set()
    for logical_id, resource in template.get("Resources", {}).items():
        holder = renamed.get(logical_id, logical_id)
        props = resource.get("Properties", {})
        label = _label(holder, resource)
        if resource.get("Type") == ROLE:
            found |= set(_statements(label, props.get("AssumeRolePolicyDocument"), trust=True))
            found |= {
                Grant(label, "Allow", "managed policy", text(arn))
                for arn in props.get("ManagedPolicyArns", [])
            }
            for policy in props.get("Policies", []):
                found |= set(_statements(label, policy.get("PolicyDocument")))
        elif resource.get("Type") in POLICY_TYPES:
            statements = set(_statements(label, props.get("PolicyDocument")))
            found |= statements
            passes = any(g.action == "iam:PassRole" and g.effect == "Allow" for g in statements)
            found |= {
                Grant(
                    label,
                    "Allow",
                    "passes roles to group" if passes else "attached to group",
                    text(group),
                )
                for group in props.get("Groups", [])
            }
            found |= {
                Grant(label, "Allow", "attached to role", text(role))
                for role in props.get("Roles", [])
            }
    return {_renamed(grant, renamed) for grant in found}


def review(
    base: Mapping[str, Any], head: Mapping[str, Any], renamed: Mapping[str, str]
) -> list[IamChange]:
    """What the head adds and removes, broadening changes first."""
    before, after = grants(base, renamed), grants(head)
    changes = [IamChange(g, True) for g in after - before] + [
        IamChange(g, False) for g in before - after
    ]
    return sorted(changes, key=lambda c: (not c.broadens, not c.added, c.grant))


def _label(logical_id: str, resource: Mapping[str, Any]) -> str:
    """``MaintenanceWindowRole``: the construct path without the stack and ``/Resource``, which
    stays put when a physical name changes; else the logical id."""
    path = resource.get("Metadata", {}).get("aws:cdk:path")
    if not isinstance(path, str) or "/" not in path:
        return logical_id
    parts = [p for p in path.split("/")[1:] if p not in ("Resource", "Default")]
    return "/".join(parts) or logical_id


def _statements(holder: str, document: Any, *, trust: bool = False) -> Iterator[Grant]:
    if not isinstance(document, Mapping):
        return
    for statement in _listed(document.get("Statement")):
        effect = str(statement.get("Effect", "Allow"))
        condition = (
            json.dumps(statement["Condition"], sort_keys=True) if "Condition" in statement else ""
        )
        if trust:
            for principal in _principals(statement.get("Principal")):
                yield Grant(holder, effect, "trusts", principal, condition)
            continue
        for action in _listed(statement.get("Action")):
            for resource in _listed(statement.get("Resource", "*")):
                yield Grant(holder, effect, str(action), text(resource), condition)


def _principals(principal: Any) -> Iterator[str]:
    if isinstance(principal, Mapping):
        for kind, values in principal.items():
            for value in _listed(values):
                yield f"{kind} {text(value)}"
    elif principal is not None:
        yield text(principal)


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _renamed(grant: Grant, renamed: Mapping[str, str]) -> Grant:
    """References to renamed resources spelled with the head's logical id."""
    resource = grant.resource
    for old, new in renamed.items():
        resource = resource.replace(f"Ref({old})", f"Ref({new})").replace(f"{old}.", f"{new}.")
    return Grant(grant.holder, grant.effect, grant.action, resource, grant.condition)
