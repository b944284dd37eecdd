"""Rules of a window target (``AWS::SSM::MaintenanceWindowTarget``): tags, keys, ids, groups.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from patch_window.rules.common import MWT, aws, matches, repeated, text_within, within

MAX_TAG_FILTERS = aws(f"{MWT}.Targets").max_items or 5
"""``tag:`` entries a target may hold (the ``Targets`` list's limit)."""


MAX_TAG_VALUES = aws(f"{MWT}.Targets[].Values").max_items or 50
"""Values one ``Targets`` entry may hold: tag values, tag keys or instance ids."""


def owner_information(value: str) -> str | None:
    """Target owner information, sent in every run's events: 1-128 characters."""
    return text_within(f"{MWT}.OwnerInformation", value)


def tag_filters(tags: Mapping[str, Sequence[str]]) -> str | None:
    """Tag targets: 1-5 tag keys, each with 1-50 values; an instance must match all of them."""
    if not tags:
        return "must name at least one tag key with values, got none"
    if len(tags) > MAX_TAG_FILTERS:
        return f"must have at most {MAX_TAG_FILTERS} tag keys, got {len(tags)}"
    for key, values in tags.items():
        key_problem = tag_key(key)
        if key_problem:
            return key_problem
        if not values:
            return f"tag {key!r} must have 1-{MAX_TAG_VALUES} values, got none"
        if len(values) > MAX_TAG_VALUES:
            return f"tag {key!r} must have at most {MAX_TAG_VALUES} values, got {len(values)}"
        controls = [value for value in values if any(_control(c) for c in value)]
        if controls:
            return (
                f"tag {key!r} values must not hold control characters (EC2 tags cannot), "
                f"got {controls[0]!r}"
            )
        twice = repeated(values)
        if twice is not None:
            return f"tag {key!r} must list each value once, got {twice!r} more than once"
    return None


TAG_KEY_PUNCTUATION = frozenset("_.:/=-@")


MAX_TAG_KEY_LENGTH = 128


def tag_key(key: str) -> str | None:
    """A tag key SSM accepts in a target: 1-128 letters, digits, spaces or ``_.:/=-@``.

    SSM's pattern is ``[\\p{L}\\p{Z}\\p{N}_.:/=\\-@]``; Python's ``re`` has no ``\\p``, so the
    Unicode categories are checked directly.
    """
    if key == "__proto__":
        # Valid for SSM, but jsii (the bridge to the CDK's JavaScript) cannot carry it.
        return "tag key '__proto__' cannot be passed through the CDK; rename the tag"
    if (
        1 <= len(key) <= MAX_TAG_KEY_LENGTH
        and all(_tag_key_char(c) for c in key)
        and within(f"{MWT}.Targets[].Key", f"tag:{key}")
    ):
        return None
    return (
        f"tag key must be 1-{MAX_TAG_KEY_LENGTH} characters, each a letter, digit, space or "
        f"one of '_.:/=-@', got {key!r}"
    )


def _control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def _tag_key_char(char: str) -> bool:
    return char in TAG_KEY_PUNCTUATION or unicodedata.category(char)[0] in "LZN"


INSTANCE_ID_PATTERN = re.compile(r"(i|mi)-[0-9a-f]{8,17}")


MAX_INSTANCE_IDS = MAX_TAG_VALUES


RESOURCE_GROUP_NAME_PATTERN = re.compile(r"[a-zA-Z0-9_.-]{1,128}")


RESOURCE_TYPE_PATTERN = re.compile(r"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+")


def tag_keys(keys: Sequence[str]) -> str | None:
    """``tag-key`` targets: 1-50 tag keys; an instance carrying any of them matches."""
    if not keys:
        return "must name at least one tag key, got none"
    if len(keys) > MAX_TAG_VALUES:
        return f"must name at most {MAX_TAG_VALUES} tag keys, got {len(keys)}"
    for key in keys:
        problem = tag_key(key)
        if problem:
            return problem
    return None


def instance_ids(ids: Sequence[str]) -> str | None:
    """``InstanceIds`` targets: 1-50 EC2 (``i-``) or managed (``mi-``) instance ids."""
    if not ids:
        return "must name at least one instance id, got none"
    if len(ids) > MAX_INSTANCE_IDS:
        return f"must name at most {MAX_INSTANCE_IDS} instance ids, got {len(ids)}"
    for instance_id in ids:
        if not matches(INSTANCE_ID_PATTERN, instance_id):
            return (
                "must be instance ids such as 'i-0123456789abcdef0' or 'mi-0123456789abcdef0', "
                f"got {instance_id!r}"
            )
    twice = repeated(ids)
    if twice is not None:
        return f"must list each instance once, got {twice!r} more than once"
    return None


def resource_group_name(value: str) -> str | None:
    """A resource group's name: 1-128 letters, digits, '_', '.' or '-'."""
    if matches(RESOURCE_GROUP_NAME_PATTERN, value):
        return None
    return f"must be 1-128 characters, each a letter, digit, '_', '.' or '-', got {value!r}"


def resource_types(types: Sequence[str]) -> str | None:
    """Resource group type filters such as ``AWS::EC2::Instance``."""
    for resource_type in types:
        if not matches(RESOURCE_TYPE_PATTERN, resource_type):
            return f"must be resource types such as 'AWS::EC2::Instance', got {resource_type!r}"
    return None


PATCH_GROUP_TAG_KEYS = ("PatchGroup", "Patch Group")
"""The tag keys Patch Manager reads an instance's patch group from (``PatchGroup`` also works
with tags in instance metadata, which allow no spaces)."""


def patch_group_target(group: str, tag_key: str) -> str | None:
    """A patch-group target: a patch group name under one of the keys Patch Manager reads."""
    if tag_key not in PATCH_GROUP_TAG_KEYS:
        return (
            f"tag key must be one of {', '.join(map(repr, PATCH_GROUP_TAG_KEYS))}, the keys "
            f"Patch Manager reads, got {tag_key!r}"
        )
    from_baseline = within("AWS::SSM::PatchBaseline.PatchGroups[]", group)
    if from_baseline and within(f"{MWT}.Targets[].Values[]", group):
        return None
    return (
        f"must be a patch group name of 1-256 letters, digits, spaces or '_.:/=+-@', got {group!r}"
    )
