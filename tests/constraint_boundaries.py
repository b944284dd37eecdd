"""Boundary values for a :class:`~patch_window.rules.constraint.Constraint`.

:func:`boundaries` gives, for each bound, the last valid and the first invalid value: strings of
exactly ``max_length`` and ``max_length + 1`` characters (``min_length`` and one less) built from
characters the patterns allow, integers at and past ``minimum``/``maximum``, an enum member and a
near miss, lists of ``max_items`` and one more item, and for patterns a valid sample, the sample
with one disallowed character, and the sample plus a trailing newline.

Which characters a pattern allows is decided by the third-party ``regex`` module when it is
importable (it reads ``\\p{L}`` itself), so the samples do not come from the translation under
test; without it, :func:`patch_window.rules.constraint.pattern_matches` decides.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from patch_window.rules.constraint import Constraint, pattern_matches

try:  # imported by name: the module ships no type information
    _regex: ModuleType | None = importlib.import_module("regex")
except ImportError:  # pragma: no cover - cfn-lint depends on regex
    _regex = None

#: characters tried, in order, to fill a string the patterns accept
FILLERS = "a1A0b_-./:"
#: characters tried, in order, as the one disallowed character
DISALLOWED = ("!", "\x00", "\u20ac", "\u2028", "#", " ", "~", "%", "\u00e9", "a", "1")
#: prefixes tried before a filler, for patterns a single repeated character cannot satisfy
SEEDS = ("", "$LATEST", "mw-", "arn:aws:")

_ASCII_SHORTHANDS = {"w": "a-zA-Z0-9_", "d": "0-9", "s": " \\t\\n\\x0b\\f\\r"}


def _for_regex_module(pattern: str) -> str | None:
    """``pattern`` for the ``regex`` module, with Java's ASCII ``\\w``/``\\d``/``\\s`` spelled
    out (``regex`` reads them as Unicode); None for what it would read differently."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped.lower() in _ASCII_SHORTHANDS:
                members = _ASCII_SHORTHANDS[escaped.lower()]
                if escaped.islower():
                    out.append(members if in_class else f"[{members}]")
                elif in_class:
                    return None
                else:
                    out.append(f"[^{members}]")
            elif escaped == "u" and pattern[index + 2 : index + 4].upper() in (
                "D8",
                "D9",
                "DA",
                "DB",
            ):
                return None  # Java's escaped surrogate pairs
            else:
                out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        out.append(char)
        index += 1
    return "".join(out)


@functools.cache
def _regex_module_pattern(pattern: str) -> Any:
    if _regex is None:
        return None
    text = _for_regex_module(pattern)
    if text is None:
        return None
    try:
        return _regex.compile(text, _regex.VERSION0)
    except _regex.error:
        return None


def oracle_matches(pattern: str, value: str) -> bool | None:
    """What the ``regex`` module says of ``pattern`` on the whole of ``value``; None if it
    is not installed or cannot read the pattern the same way."""
    compiled = _regex_module_pattern(pattern)
    if compiled is None:
        return None
    return compiled.fullmatch(value) is not None


def allowed(constraint: Constraint, value: str) -> bool:
    """Whether ``value`` matches every pattern, by the oracle where it can say."""
    for pattern in constraint.all_patterns:
        verdict = oracle_matches(pattern, value)
        if verdict is None:
            verdict = pattern_matches(pattern, value)
        if not verdict:
            return False
    return True


def _length(constraint: Constraint, value: str) -> int:
    return len(value.encode()) if constraint.length_unit == "utf-8 bytes" else len(value)


def _build(constraint: Constraint, length: int) -> tuple[str, Callable[[int], str]] | None:
    """A string of ``length`` the patterns accept, and how to build the same at another length."""
    for seed in SEEDS:
        for filler in FILLERS:
            if len(seed) > length:
                continue

            def make(size: int, seed: str = seed, filler: str = filler) -> str:
                return seed + filler * max(size - len(seed), 0)

            if allowed(constraint, make(length)):
                return make(length), make
    return None


def _valid_sample(constraint: Constraint) -> str:
    low = constraint.min_length or 1
    high = constraint.max_length if constraint.max_length is not None else low + 20
    for length in range(low, min(high, low + 20) + 1):
        built = _build(constraint, length)
        if built:
            return built[0]
    raise AssertionError(f"{constraint.key}: no sample matches {constraint.all_patterns}")


def _near_miss(members: tuple[Any, ...]) -> Any:
    first = members[0]
    if isinstance(first, int):
        return next(first + step for step in range(1, 1000) if first + step not in members)
    for candidate in (first.lower(), first.upper(), first.swapcase(), f"{first}x", f" {first}"):
        if candidate not in members:
            return candidate
    raise AssertionError(f"no near miss for {members}")


def _string_boundaries(constraint: Constraint) -> list[tuple[object, bool]]:
    found: list[tuple[object, bool]] = []
    for bound, valid_length, invalid_length in (
        (constraint.max_length, constraint.max_length, (constraint.max_length or 0) + 1),
        (constraint.min_length, constraint.min_length, (constraint.min_length or 0) - 1),
    ):
        if bound is None or valid_length is None or invalid_length < 0:
            continue
        built = _build(constraint, valid_length)
        if built is None:
            raise AssertionError(f"{constraint.key}: no string of {valid_length} matches")
        value, make = built
        found += [(value, True), (make(invalid_length), False)]
    if constraint.length_unit == "utf-8 bytes" and constraint.max_length is not None:
        half = constraint.max_length // 2  # two bytes each: the limit counts bytes, not characters
        if allowed(constraint, "\u00e9" * half):
            found += [("\u00e9" * half, True), ("\u00e9" * half + "a" * 2, False)]
    if constraint.all_patterns:
        sample = _valid_sample(constraint)
        found.append((sample, True))
        for bad in DISALLOWED:
            for candidate in (bad + sample[1:], sample[:-1] + bad):
                if _length(constraint, candidate) == _length(constraint, sample) and not allowed(
                    constraint, candidate
                ):
                    found.append((candidate, False))
                    break
            else:
                continue
            break
        else:
            raise AssertionError(f"{constraint.key}: no disallowed character found")
        fits = constraint.max_length is None or len(sample) + 1 <= constraint.max_length
        found.append((sample + "\n", fits and allowed(constraint, sample + "\n")))
    if constraint.enum is not None:
        found += [(member, True) for member in constraint.enum]
        found.append((_near_miss(constraint.enum), False))
    return found


def _integer_boundaries(constraint: Constraint) -> list[tuple[object, bool]]:
    found: list[tuple[object, bool]] = []
    if constraint.enum is not None:
        found += [(member, True) for member in constraint.enum]
        found.append((_near_miss(constraint.enum), False))
        return found
    if constraint.minimum is not None:
        found += [(constraint.minimum, True), (constraint.minimum - 1, False)]
    if constraint.maximum is not None:
        found += [(constraint.maximum, True), (constraint.maximum + 1, False)]
    return found


def _collection(constraint: Constraint, size: int) -> object:
    if constraint.type == "object":
        return {f"key{index}": ["value"] for index in range(size)}
    return ["value"] * size


def _items_boundaries(constraint: Constraint) -> list[tuple[object, bool]]:
    found: list[tuple[object, bool]] = []
    if constraint.max_items is not None:
        found += [
            (_collection(constraint, constraint.max_items), True),
            (_collection(constraint, constraint.max_items + 1), False),
        ]
    if constraint.min_items:
        found += [
            (_collection(constraint, constraint.min_items), True),
            (_collection(constraint, constraint.min_items - 1), False),
        ]
    return found


_WRONG_TYPE: dict[str, tuple[object, ...]] = {
    "string": (5, None),
    "integer": ("5", True, 1.5),
    "boolean": ("true", 1),
    "array": ("value", {"key": "value"}),
    "object": (["value"], "value"),
}


def boundaries(constraint: Constraint) -> list[tuple[object, bool]]:
    """(value, whether ``constraint`` allows it) at every bound, plus values of a wrong type."""
    found: list[tuple[object, bool]] = [(value, False) for value in _WRONG_TYPE[constraint.type]]
    if constraint.type == "string":
        found += _string_boundaries(constraint)
    elif constraint.type == "integer":
        found += _integer_boundaries(constraint)
    elif constraint.type in ("array", "object"):
        found += _items_boundaries(constraint)
    return found
