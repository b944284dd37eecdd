"""Which instances a maintenance window target selects: the base every selection form shares.

Each form lives in a module of its own (:mod:`.tags`, :mod:`.tag_keys`, :mod:`.instance_ids`,
:mod:`.resource_group`, :mod:`.patch_group`) and registers itself under its :class:`TargetForm`;
the static factories here build them by form, so a new form is one new module and one factory.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from patch_window import defaults
from patch_window.edge_types import checked
from patch_window.tokens import is_unresolved
from patch_window.vocabulary import TargetForm

if TYPE_CHECKING:
    import aws_cdk as cdk

    from patch_window.permissions import Permission


class TargetSelector(abc.ABC):
    """A target's selection of instances, built through static factories.

    - :meth:`by_tags`: instances carrying ALL the tag keys, each with one of its values (the
      lab's form);
    - :meth:`by_tag_keys`: instances carrying any of the tag keys, whatever the value;
    - :meth:`by_instance_ids`: up to 50 instances by id;
    - :meth:`by_resource_group`: the members of a resource group (``RESOURCE_GROUP``);
    - :meth:`by_patch_group`: the instances of a patch group (see ``PatchBaseline``).

    The values are checked when a target is built with the selector, so the error names the
    target's construct path.
    """

    _forms: ClassVar[dict[TargetForm, type[TargetSelector]]] = {}
    form_kind: ClassVar[TargetForm]
    resource_type: str = "INSTANCE"

    def __init_subclass__(cls, *, form: TargetForm | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if form is not None:
            cls.form_kind = form
            TargetSelector._forms[form] = cls

    def __init__(self, entries: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Internal: use the static factories."""
        self.entries: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
            (key, tuple(values)) for key, values in entries
        )

    @property
    def form(self) -> str:
        """The selection form, as the cdk.json key that sets it."""
        return self.form_kind.value

    @property
    def kind(self) -> str:
        """The selection form (an alias of :attr:`form`)."""
        return self.form

    @property
    def tags(self) -> Mapping[str, tuple[str, ...]]:
        """The tag filters of a tag-based selection (empty for other forms)."""
        return {}

    @property
    def may_match_many(self) -> bool:
        """Whether more than one instance can match (a tag, key or group; several ids)."""
        return True

    def problems(self) -> list[tuple[str, str]]:
        """``(prop, problem)`` for a value SSM would refuse; unresolved tokens are skipped."""
        if is_unresolved([list(values) for _, values in self.entries]):
            return []
        problem = self.problem()
        return [(self.form, problem)] if problem else []

    @abc.abstractmethod
    def problem(self) -> str | None:
        """The first value SSM would refuse, in words, or ``None``."""

    @abc.abstractmethod
    def permissions(self, stack: cdk.Stack, sid_part: str, label: str) -> list[Permission]:
        """SendCommand (and what else is needed) on exactly the instances this form selects.

        :param sid_part: letters and digits unique to the target in its stack.
        :param label: the target's name in reasons.
        """

    @abc.abstractmethod
    def describe(self) -> str:
        """The selection in words."""

    @staticmethod
    @checked
    def by_tags(tags: Mapping[str, Sequence[str]]) -> TargetSelector:
        """Instances whose tags match every key (1-5 keys, 1-50 values each)."""
        return TargetSelector._forms[TargetForm.TAGS].from_values(tags)

    @staticmethod
    @checked
    def by_tag_keys(keys: Sequence[str]) -> TargetSelector:
        """Instances carrying any of these tag keys (1-50), whatever the value."""
        return TargetSelector._forms[TargetForm.TAG_KEYS].from_values(keys)

    @staticmethod
    @checked
    def by_instance_ids(ids: Sequence[str]) -> TargetSelector:
        """These instances (1-50 ids, ``i-...`` or ``mi-...``)."""
        return TargetSelector._forms[TargetForm.INSTANCE_IDS].from_values(ids)

    @staticmethod
    @checked
    def by_resource_group(name: str, resource_types: Sequence[str] = ()) -> TargetSelector:
        """The members of resource group ``name``, optionally only of ``resource_types``
        (``AWS::EC2::Instance``). Default: every member."""
        return TargetSelector._forms[TargetForm.RESOURCE_GROUP].from_values(name, resource_types)

    @staticmethod
    @checked
    def by_patch_group(group: str, tag_key: str = defaults.PATCH_GROUP_TAG_KEY) -> TargetSelector:
        """The instances of patch group ``group``: tagged ``tag_key`` = ``group``, the tag
        Patch Manager reads to pick their baseline (``PatchGroup``, or ``Patch Group``)."""
        return TargetSelector._forms[TargetForm.PATCH_GROUP].from_values(group, tag_key)

    @classmethod
    @abc.abstractmethod
    def from_values(cls, *values: Any) -> TargetSelector:
        """Build the form from its factory's arguments."""

    def __repr__(self) -> str:
        return f"TargetSelector.{self.form}({self.describe()})"
