"""Which instances a maintenance window target selects: by tags, tag keys, ids or group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from patch_window import rules
from patch_window.tokens import is_unresolved


class TargetSelector:
    """A target's selection of instances, built through static factories.

    - :meth:`by_tags`: instances carrying ALL the tag keys, each with one of its values (the
      lab's form);
    - :meth:`by_tag_keys`: instances carrying any of the tag keys, whatever the value;
    - :meth:`by_instance_ids`: up to 50 instances by id;
    - :meth:`by_resource_group`: the members of a resource group (``RESOURCE_GROUP``).

    The values are checked when a target is built with the selector, so the error names the
    target's construct path.
    """

    def __init__(
        self,
        *,
        kind: str,
        resource_type: str,
        entries: Sequence[tuple[str, Sequence[str]]],
        tags: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Internal: use the static factories."""
        self.kind = kind
        self.resource_type = resource_type
        self.entries = tuple((key, tuple(values)) for key, values in entries)
        self.tags: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {key: tuple(values) for key, values in (tags or {}).items()}
        )

    @staticmethod
    def by_tags(tags: Mapping[str, Sequence[str]]) -> TargetSelector:
        """Instances whose tags match every key (1-5 keys, 1-50 values each)."""
        return TargetSelector(
            kind="tags",
            resource_type="INSTANCE",
            entries=[(f"tag:{key}", values) for key, values in tags.items()],
            tags=tags,
        )

    @staticmethod
    def by_tag_keys(keys: Sequence[str]) -> TargetSelector:
        """Instances carrying any of these tag keys (1-50), whatever the value."""
        return TargetSelector(
            kind="tag_keys", resource_type="INSTANCE", entries=[("tag-key", keys)]
        )

    @staticmethod
    def by_instance_ids(ids: Sequence[str]) -> TargetSelector:
        """These instances (1-50 ids, ``i-...`` or ``mi-...``)."""
        return TargetSelector(
            kind="instance_ids", resource_type="INSTANCE", entries=[("InstanceIds", ids)]
        )

    @staticmethod
    def by_resource_group(name: str, resource_types: Sequence[str] = ()) -> TargetSelector:
        """The members of resource group ``name``, optionally only of ``resource_types``
        (``AWS::EC2::Instance``). Default: every member."""
        entries: list[tuple[str, Sequence[str]]] = [("resource-groups:Name", [name])]
        if resource_types:
            entries.append(("resource-groups:ResourceTypeFilters", resource_types))
        return TargetSelector(
            kind="resource_group", resource_type="RESOURCE_GROUP", entries=entries
        )

    @property
    def may_match_many(self) -> bool:
        """Whether more than one instance can match (a tag, key or group; several ids)."""
        return self.kind != "instance_ids" or len(self.entries[0][1]) > 1

    def problems(self) -> list[tuple[str, str]]:
        """``(prop, problem)`` for a value SSM would refuse; unresolved tokens are skipped."""
        values = dict(self.entries)
        if is_unresolved([list(v) for v in values.values()]) or is_unresolved(dict(self.tags)):
            return []
        if self.kind == "tags":
            problem = rules.tag_filters(self.tags)
        elif self.kind == "tag_keys":
            problem = rules.tag_keys(values["tag-key"])
        elif self.kind == "instance_ids":
            problem = rules.instance_ids(values["InstanceIds"])
        else:
            problem = rules.resource_group_name(
                values["resource-groups:Name"][0]
            ) or rules.resource_types(values.get("resource-groups:ResourceTypeFilters", ()))
        return [(self.kind, problem)] if problem else []
