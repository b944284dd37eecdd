"""Resource by resource: what CloudFormation does when the head template replaces the base.

A resource is *added* or *removed* when its logical id appears or disappears, *updated* when
its properties change in place, and *replaced* when CloudFormation must create a new physical
resource: its type changes, a create-only property changes (``createOnlyProperties`` of the
resource schema: the physical name, a window id...), or a property refers to a resource that is
itself replaced with a create-only effect. A removed and an added resource of one type that are
the same thing under a new logical id (a renamed window whose construct id follows its name) are
reported together as one replacement, "logical id changes". Pure.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

CreateOnly = Callable[[str], tuple[str, ...]]
"""``create_only(resource_type)``: its create-only property paths, ``/properties/Name``."""

#: Resources that say nothing about the stack's behaviour (CDK's analytics).
IGNORED_TYPES = frozenset({"AWS::CDK::Metadata"})
#: Resource attributes, beside Properties, whose change CloudFormation applies as an update.
ATTRIBUTES = ("DeletionPolicy", "UpdateReplacePolicy", "Condition", "DependsOn")


class Action(enum.Enum):
    """What CloudFormation does to one resource."""

    ADD = "add"
    REMOVE = "remove"
    UPDATE = "update"
    REPLACE = "replace"


@dataclass(frozen=True)
class ResourceChange:
    """One resource's fate: ``base_id`` / ``head_id`` are its logical ids on each side."""

    action: Action
    resource_type: str
    base_id: str | None
    head_id: str | None
    changed: tuple[str, ...] = ()
    """Top-level properties (and attributes) whose value changes."""
    reasons: tuple[str, ...] = ()
    """Why it is replaced, one phrase each."""
    base: Mapping[str, Any] = field(default_factory=dict)
    head: Mapping[str, Any] = field(default_factory=dict)

    @property
    def logical_id(self) -> str:
        """The head's logical id, or the base's for a removed resource."""
        return self.head_id or self.base_id or "?"

    @property
    def path(self) -> str:
        """The construct path (``Stack/Window/Resource``) CDK records, else the logical id."""
        for side in (self.head, self.base):
            path = side.get("Metadata", {}).get("aws:cdk:path")
            if isinstance(path, str):
                return path
        return self.logical_id


def resources(template: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The template's resources that matter to a review (CDK's analytics left out)."""
    return {
        logical_id: resource
        for logical_id, resource in template.get("Resources", {}).items()
        if resource.get("Type") not in IGNORED_TYPES
    }


def diff(
    base: Mapping[str, Any], head: Mapping[str, Any], create_only: CreateOnly
) -> list[ResourceChange]:
    """Every resource that changes between ``base`` and ``head``, sorted by logical id."""
    before, after = resources(base), resources(head)
    renamed = _pair_renames(
        {k: v for k, v in before.items() if k not in after},
        {k: v for k, v in after.items() if k not in before},
    )
    # Logical ids whose physical resource is new in the head: Refs and GetAtts to them change.
    replaced: set[str] = set(renamed.values())
    changes: dict[str, ResourceChange] = {}
    # Replacement spreads through references (a replaced window replaces its targets, whose
    # WindowId is create-only): repeat until nothing more is replaced.
    while True:
        for logical_id in sorted(set(before) & set(after)):
            changes[logical_id] = _compare(
                logical_id, before[logical_id], after[logical_id], create_only, replaced, renamed
            )
        newly = {
            c.head_id
            for c in changes.values()
            if c.action is Action.REPLACE and c.head_id is not None and c.head_id not in replaced
        }
        if not newly:
            break
        replaced |= newly
    result = [c for c in changes.values() if c.action is not None and (c.changed or c.reasons)]
    for base_id, head_id in renamed.items():
        change = _compare(head_id, before[base_id], after[head_id], create_only, replaced, renamed)
        result.append(
            ResourceChange(
                Action.REPLACE,
                after[head_id]["Type"],
                base_id,
                head_id,
                change.changed,
                (f"logical id changes from {base_id} to {head_id}", *change.reasons),
                before[base_id],
                after[head_id],
            )
        )
    result += [
        ResourceChange(Action.REMOVE, resource["Type"], logical_id, None, base=resource)
        for logical_id, resource in before.items()
        if logical_id not in after and logical_id not in renamed
    ]
    result += [
        ResourceChange(Action.ADD, resource["Type"], None, logical_id, head=resource)
        for logical_id, resource in after.items()
        if logical_id not in before and logical_id not in renamed.values()
    ]
    return sorted(result, key=lambda c: c.logical_id)


def _compare(
    head_id: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    create_only: CreateOnly,
    replaced: set[str],
    renamed: Mapping[str, str],
) -> ResourceChange:
    """One resource present on both sides (under ``head_id`` in the head)."""
    base_id = next((b for b, h in renamed.items() if h == head_id), head_id)
    props_before = before.get("Properties", {})
    props_after = after.get("Properties", {})
    changed = [
        name
        for name in sorted(set(props_before) | set(props_after))
        if _normal(props_before.get(name), renamed) != props_after.get(name)
        or _refers_to(props_after.get(name), replaced)
    ]
    changed += [a for a in ATTRIBUTES if before.get(a) != after.get(a)]
    reasons: list[str] = []
    if before.get("Type") != after.get("Type"):
        reasons.append(f"type changes from {before.get('Type')} to {after.get('Type')}")
    for path in create_only(str(after.get("Type"))):
        name, *rest = path.removeprefix("/properties/").split("/")
        old, new = _at(props_before, [name, *rest]), _at(props_after, [name, *rest])
        if _normal(old, renamed) != new:
            reasons.append(f"{'.'.join([name, *rest])} is create-only and changes")
        elif (targets := _refers_to(new, replaced)) and name in changed:
            reasons.append(
                f"{name} is create-only and refers to {', '.join(sorted(targets))}, "
                "which is replaced"
            )
    action = Action.REPLACE if reasons else Action.UPDATE
    return ResourceChange(
        action,
        str(after.get("Type")),
        base_id,
        head_id,
        tuple(changed),
        tuple(reasons),
        before,
        after,
    )


def _at(value: Any, path: list[str]) -> Any:
    """The value at ``path`` inside nested objects; a list or a missing key ends the walk."""
    for key in path:
        if not isinstance(value, Mapping) or key == "*":
            return value
        value = value.get(key)
    return value


def _normal(value: Any, renamed: Mapping[str, str]) -> Any:
    """``value`` with references to renamed resources pointed at their new logical ids, so a
    rename alone does not count as a change of every property that refers to it. The rename
    itself is reported, and what refers to it through a create-only property is replaced by
    :func:`_refers_to` instead."""
    if not renamed:
        return value
    if isinstance(value, Mapping):
        if set(value) == {"Ref"} and value["Ref"] in renamed:
            return {"Ref": renamed[value["Ref"]]}
        if set(value) == {"Fn::GetAtt"} and isinstance(value["Fn::GetAtt"], list):
            target, *attribute = value["Fn::GetAtt"]
            return {"Fn::GetAtt": [renamed.get(target, target), *attribute]}
        return {k: _normal(v, renamed) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v, renamed) for v in value]
    return value


def references(value: Any) -> Iterator[str]:
    """Logical ids that ``value`` refers to through ``Ref`` or ``Fn::GetAtt``."""
    if isinstance(value, Mapping):
        if "Ref" in value and isinstance(value["Ref"], str):
            yield value["Ref"]
        if "Fn::GetAtt" in value and isinstance(value["Fn::GetAtt"], list):
            yield str(value["Fn::GetAtt"][0])
        for item in value.values():
            yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def _refers_to(value: Any, replaced: set[str]) -> set[str]:
    return {ref for ref in references(value) if ref in replaced}


def _pair_renames(
    removed: Mapping[str, Mapping[str, Any]], added: Mapping[str, Mapping[str, Any]]
) -> dict[str, str]:
    """``{base_id: head_id}`` for removed and added resources that are one resource renamed.

    Within one type, the pair sharing the most property values (ignoring references, which a
    rename moves) is matched first; a pair sharing none is matched only when it is the type's
    only removed and only added resource.
    """
    pairs: dict[str, str] = {}
    for resource_type in sorted({r["Type"] for r in removed.values()}):
        olds = sorted(k for k, r in removed.items() if r["Type"] == resource_type)
        news = sorted(k for k, r in added.items() if r["Type"] == resource_type)
        scored = sorted(
            ((-_likeness(removed[o], added[n]), o, n) for o in olds for n in news),
        )
        for score, old, new in scored:
            if old in pairs or new in pairs.values():
                continue
            if score < 0 or (len(olds) == 1 and len(news) == 1):
                pairs[old] = new
    return pairs


def _likeness(before: Mapping[str, Any], after: Mapping[str, Any]) -> int:
    """How many properties two resources share, reference-free ones only."""
    props_before = before.get("Properties", {})
    props_after = after.get("Properties", {})
    return sum(
        1
        for name, value in props_before.items()
        if not any(references(value)) and props_after.get(name) == value
    )
