"""One AWS constraint on one property, and pure checks against it (standard library only).

:mod:`patch_window.rules.aws_constraints` is generated from AWS's own definitions (the
CloudFormation resource provider schemas bundled with cfn-lint and the botocore service models)
by ``tools/gen_aws_constraints.py``; it instantiates :class:`Constraint` once per property.

Keys name the property the CloudFormation way, ``AWS::SSM::MaintenanceWindow.Name``, nested with
dots (``...TaskInvocationParameters.MaintenanceWindowRunCommandParameters.TimeoutSeconds``).
Within a key, ``[]`` is each item of a list (``Targets[].Values[]``), ``{key}`` is each key of a
mapping and ``.*`` is each value of a mapping (``Parameters.*[]``: each value of each parameter).

Patterns come in two dialects: CloudFormation's are ECMA-262 (as read by cfn-lint) and
botocore's are Java regular expressions, with ``\\p{L}``-style Unicode classes and ``\\uXXXX``
escapes (surrogate pairs included) that Python's :mod:`re` does not read. :func:`compile_pattern`
translates either into a Python expression:

- ``\\p{...}``/``\\P{...}`` become explicit code point ranges built with :mod:`unicodedata`
  (general categories, their long names, Java's ``Is`` prefix and Java's ASCII POSIX classes);
- ``\\d``, ``\\w``, ``\\s`` and ``\\b`` are ASCII, as in Java (and ECMA-262 for ``\\d``/``\\w``);
- ``.`` matches any character but a line terminator (``\\n``, ``\\r``, U+0085, U+2028, U+2029);
- ``$`` is the end of the value, as in ECMA-262, never "before a trailing newline".

A pattern must match the whole value (``re.fullmatch``, Java's ``matches()``), so ``"abc\\n"``
does not match ``^[a-z]+$``. A construct whose meaning differs between the dialects or that Python
cannot express (Java's nested classes and ``&&``, ``\\v``, ``\\R``...) raises :class:`ValueError`
when compiled, which the generator does for every pattern it writes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

ConstraintType = Literal["string", "integer", "boolean", "array", "object"]
LengthUnit = Literal["characters", "utf-8 bytes"]


@dataclass(frozen=True)
class Constraint:
    """What AWS accepts for one property: the intersection of every source that constrains it.

    ``pattern`` is set when one pattern applies; ``patterns`` when the sources give different
    ones (the value must match all of them); never both. Lengths count characters (code points)
    unless ``length_unit`` is ``"utf-8 bytes"`` (an API blob). ``min_items``/``max_items`` count
    list items, or a mapping's entries for ``type == "object"``. ``sources`` names each definition
    read: ``cfn:<resource type>.<path>`` or ``botocore:<service>:<input shape>.<path>``.
    """

    key: str
    type: ConstraintType
    pattern: str | None = None
    patterns: tuple[str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    length_unit: LengthUnit = "characters"
    minimum: int | None = None
    maximum: int | None = None
    enum: tuple[str, ...] | tuple[int, ...] | None = None
    min_items: int | None = None
    max_items: int | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.pattern is not None and self.patterns:
            raise ValueError(f"{self.key}: set pattern or patterns, not both")
        if len(self.patterns) == 1:
            raise ValueError(f"{self.key}: a single pattern goes in pattern")

    @property
    def all_patterns(self) -> tuple[str, ...]:
        """Every pattern the value must match (none, one or several)."""
        return (self.pattern,) if self.pattern is not None else self.patterns

    @property
    def is_constrained(self) -> bool:
        """Whether anything beyond the type is constrained."""
        return bool(
            self.all_patterns
            or self.enum is not None
            or any(
                bound is not None
                for bound in (
                    self.min_length,
                    self.max_length,
                    self.minimum,
                    self.maximum,
                    self.min_items,
                    self.max_items,
                )
            )
        )


# --- Unicode properties --------------------------------------------------------------------

_MAX_CODE_POINT = 0x10FFFF
_LONG_CATEGORY_NAMES = {
    "Letter": "L",
    "Cased_Letter": "LC",
    "Uppercase_Letter": "Lu",
    "Lowercase_Letter": "Ll",
    "Titlecase_Letter": "Lt",
    "Modifier_Letter": "Lm",
    "Other_Letter": "Lo",
    "Mark": "M",
    "Combining_Mark": "M",
    "Nonspacing_Mark": "Mn",
    "Spacing_Mark": "Mc",
    "Enclosing_Mark": "Me",
    "Number": "N",
    "Decimal_Number": "Nd",
    "digit": "Nd",
    "Letter_Number": "Nl",
    "Other_Number": "No",
    "Punctuation": "P",
    "punct": "P",
    "Connector_Punctuation": "Pc",
    "Dash_Punctuation": "Pd",
    "Open_Punctuation": "Ps",
    "Close_Punctuation": "Pe",
    "Initial_Punctuation": "Pi",
    "Final_Punctuation": "Pf",
    "Other_Punctuation": "Po",
    "Symbol": "S",
    "Math_Symbol": "Sm",
    "Currency_Symbol": "Sc",
    "Modifier_Symbol": "Sk",
    "Other_Symbol": "So",
    "Separator": "Z",
    "Space_Separator": "Zs",
    "Line_Separator": "Zl",
    "Paragraph_Separator": "Zp",
    "Other": "C",
    "Control": "Cc",
    "cntrl": "Cc",
    "Format": "Cf",
    "Surrogate": "Cs",
    "Private_Use": "Co",
    "Unassigned": "Cn",
}
_POSIX_ASCII = {  # Java's POSIX classes, US-ASCII only unless UNICODE_CHARACTER_CLASS is set
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\x00-\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \t",
    "Cntrl": "\x00-\x1f\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \t\n\x0b\f\r",
}

_SUBCATEGORIES = {
    "L": "ultmo",
    "M": "nce",
    "N": "dlo",
    "P": "cdseifo",
    "S": "mcko",
    "Z": "slp",
    "C": "cfson",
}
_CATEGORIES = frozenset(
    major + minor for major, minors in _SUBCATEGORIES.items() for minor in minors
)

Ranges = tuple[tuple[int, int], ...]


@functools.cache
def _category_table() -> dict[str, Ranges]:
    """Code point ranges of every two-letter general category: the generated table of
    :mod:`patch_window.rules.unicode_categories` when its Unicode version is this Python's (a
    scan of every code point costs 0.2 s, on every synthesis), else a scan."""
    from patch_window.rules.unicode_categories import CATEGORIES, UNIDATA_VERSION

    if unicodedata.unidata_version == UNIDATA_VERSION:
        return CATEGORIES
    return scan_category_table()


def scan_category_table() -> dict[str, Ranges]:
    """Code point ranges of every two-letter general category, from :mod:`unicodedata`."""
    found: dict[str, list[tuple[int, int]]] = {}
    start, current = 0, unicodedata.category("\x00")
    for code in range(1, _MAX_CODE_POINT + 2):
        category = unicodedata.category(chr(code)) if code <= _MAX_CODE_POINT else ""
        if category != current:
            found.setdefault(current, []).append((start, code - 1))
            start, current = code, category
    return {name: tuple(ranges) for name, ranges in found.items()}


def _merge(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)


def _complement(ranges: Ranges) -> Ranges:
    result: list[tuple[int, int]] = []
    next_low = 0
    for low, high in ranges:
        if low > next_low:
            result.append((next_low, low - 1))
        next_low = high + 1
    if next_low <= _MAX_CODE_POINT:
        result.append((next_low, _MAX_CODE_POINT))
    return tuple(result)


def _posix_ranges(spec: str) -> Ranges:
    ranges: list[tuple[int, int]] = []
    index = 0
    while index < len(spec):
        if index + 2 < len(spec) and spec[index + 1] == "-":
            ranges.append((ord(spec[index]), ord(spec[index + 2])))
            index += 3
        else:
            ranges.append((ord(spec[index]), ord(spec[index])))
            index += 1
    return _merge(ranges)


@functools.cache
def property_ranges(name: str) -> Ranges:
    """Code point ranges of the Unicode property ``name`` as written in ``\\p{name}``.

    Accepts general categories (``L``, ``Lu``, ``LC``/``L&``), their long names (``Letter``),
    the ``Is``, ``gc=`` and ``General_Category=`` prefixes, ``Any``, and Java's ASCII POSIX
    classes (``Alpha``, ``Punct``...). Raises :class:`ValueError` for anything else.
    """
    bare = name
    for prefix in ("General_Category=", "general_category=", "gc=", "Is"):
        if bare.startswith(prefix):
            bare = bare[len(prefix) :]
            break
    if name in _POSIX_ASCII:
        return _posix_ranges(_POSIX_ASCII[name])
    if bare == "Any":
        return ((0, _MAX_CODE_POINT),)
    category = _LONG_CATEGORY_NAMES.get(bare, bare)
    if category == "L&":
        category = "LC"
    table = _category_table()
    if category == "LC":
        return _merge(r for c in ("Lu", "Ll", "Lt") for r in table.get(c, ()))
    if len(category) == 1 and any(c.startswith(category) for c in table):
        return _merge(r for c, ranges in table.items() if c.startswith(category) for r in ranges)
    if category in _CATEGORIES:
        return table.get(category, ())
    raise ValueError(f"unsupported unicode property {name!r}")


# --- translation to Python's re --------------------------------------------------------------

_DOT = r"[^\n\r\x85\u2028\u2029]"
_CLASS_SHORTHANDS = frozenset("dDwWsS")


def _code(code: int) -> str:
    char = chr(code)
    return char if char.isascii() and char.isalnum() else f"\\U{code:08x}"


def _ranges_text(ranges: Ranges) -> str:
    return "".join(
        _code(low) if low == high else f"{_code(low)}-{_code(high)}" for low, high in ranges
    )


def _hex(pattern: str, start: int, end: int) -> int:
    digits = pattern[start:end]
    if (
        end <= start
        or len(digits) != end - start
        or not all(c in "0123456789abcdefABCDEF" for c in digits)
    ):
        raise ValueError(f"bad hexadecimal escape at {start} in {pattern!r}")
    return int(digits, 16)


# An escape is one code point ("code"), a set of ranges ("set") or Python text ("raw").
_Escape = tuple[Literal["code", "set", "raw"], int | Ranges | str, int]


def _escape(pattern: str, index: int, *, in_class: bool) -> _Escape:
    """Read the escape starting at ``pattern[index] == "\\\\"``; return (kind, value, next)."""
    if index + 1 >= len(pattern):
        raise ValueError(f"pattern ends with a lone backslash: {pattern!r}")
    char = pattern[index + 1]
    after = index + 2
    if char in "pP":
        if pattern.startswith("{", after):
            close = pattern.find("}", after)
            if close < 0:
                raise ValueError(f"unterminated \\{char}{{ in {pattern!r}")
            name, after = pattern[after + 1 : close], close + 1
        else:
            name, after = pattern[after : after + 1], after + 1
        ranges = property_ranges(name)
        return "set", ranges if char == "p" else _complement(ranges), after
    if char == "u":
        if pattern.startswith("{", after):
            close = pattern.find("}", after)
            return "code", _hex(pattern, after + 1, close), close + 1
        code = _hex(pattern, after, after + 4)
        after += 4
        if 0xD800 <= code <= 0xDBFF and pattern.startswith("\\u", after):
            low = _hex(pattern, after + 2, after + 6)
            if 0xDC00 <= low <= 0xDFFF:  # Java reads an escaped surrogate pair as one code point
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                after += 6
        return "code", code, after
    if char == "x":
        if pattern.startswith("{", after):
            close = pattern.find("}", after)
            return "code", _hex(pattern, after + 1, close), close + 1
        return "code", _hex(pattern, after, after + 2), after + 2
    simple = {"t": 9, "n": 10, "r": 13, "f": 12, "a": 7, "e": 27}
    if char in simple:
        return "code", simple[char], after
    if char == "0":
        end = after
        while end < len(pattern) and end < after + 3 and pattern[end] in "01234567":
            end += 1
        return "code", int(pattern[after:end] or "0", 8), end
    if char == "c" and after < len(pattern) and pattern[after].isascii():
        return "code", ord(pattern[after]) % 32, after + 1
    if char in _CLASS_SHORTHANDS:
        return "raw", f"\\{char}", after
    if char == "b" and in_class:
        return "code", 8, after
    if not in_class:
        if char in "bBA":
            return "raw", f"\\{char}", after
        if char in "zZ":
            return "raw", r"\Z", after
        if char.isdigit():
            end = after
            while end < len(pattern) and pattern[end].isdigit():
                end += 1
            return "raw", f"(?:\\{pattern[index + 1 : end]})", end
    if char == "Q":
        end = pattern.find("\\E", after)
        end = len(pattern) if end < 0 else end
        literal = pattern[after:end]
        if in_class:
            return "set", _merge((ord(c), ord(c)) for c in literal), min(end + 2, len(pattern))
        return "raw", "".join(_code(ord(c)) for c in literal), min(end + 2, len(pattern))
    if char.isascii() and char.isalnum():
        raise ValueError(f"unsupported or ambiguous escape \\{char} in {pattern!r}")
    return "code", ord(char), after


def _class(pattern: str, index: int) -> tuple[str, int]:
    """Translate the character class starting at ``pattern[index] == "["``."""
    index += 1
    negate = pattern.startswith("^", index)
    index += negate
    pieces: list[str] = []
    first = True
    while True:
        if index >= len(pattern):
            raise ValueError(f"unterminated character class in {pattern!r}")
        char = pattern[index]
        if char == "]":
            if first:
                raise ValueError(f"ambiguous empty or ']'-first class in {pattern!r}")
            index += 1
            break
        if char == "[" or pattern.startswith("&&", index):
            raise ValueError(f"nested classes and '&&' differ between dialects: {pattern!r}")
        first = False
        start: int | Ranges | str
        if char == "\\":
            kind, start, index = _escape(pattern, index, in_class=True)
        else:
            kind, start, index = "code", ord(char), index + 1
        is_range = (
            kind == "code"
            and pattern.startswith("-", index)
            and index + 1 < len(pattern)
            and pattern[index + 1] != "]"
        )
        if is_range:
            if pattern[index + 1] == "\\":
                end_kind, end, index = _escape(pattern, index + 1, in_class=True)
            else:
                end_kind, end, index = "code", ord(pattern[index + 1]), index + 2
            if end_kind != "code":
                raise ValueError(f"a range ends with a class in {pattern!r}")
            assert isinstance(start, int)
            assert isinstance(end, int)
            if end < start:
                raise ValueError(f"reversed range in {pattern!r}")
            pieces.append(f"{_code(start)}-{_code(end)}")
        elif kind == "code":
            assert isinstance(start, int)
            pieces.append(_code(start))
        elif kind == "set":
            assert isinstance(start, tuple)
            pieces.append(_ranges_text(start))
        else:
            assert isinstance(start, str)
            pieces.append(start)
    body = "".join(pieces)
    if not body:  # e.g. [\P{Any}]: nothing matches
        return ("[^\\x00-\\U0010ffff]" if not negate else "[\\x00-\\U0010ffff]"), index
    return f"[{'^' if negate else ''}{body}]", index


def translate(pattern: str) -> str:
    """The Python :mod:`re` equivalent of an ECMA-262 or Java ``pattern`` (compile with ASCII)."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            kind, value, index = _escape(pattern, index, in_class=False)
            if kind == "code":
                assert isinstance(value, int)
                out.append(_code(value))
            elif kind == "set":
                assert isinstance(value, tuple)
                text = _ranges_text(value)
                out.append(f"[{text}]" if text else "[^\\x00-\\U0010ffff]")
            else:
                assert isinstance(value, str)
                out.append(value)
        elif char == "[":
            text, index = _class(pattern, index)
            out.append(text)
        elif char == "$":
            out.append(r"\Z")
            index += 1
        elif char == ".":
            out.append(_DOT)
            index += 1
        elif pattern.startswith("(?<", index) and not pattern.startswith(("(?<=", "(?<!"), index):
            out.append("(?P<")
            index += 3
        else:
            out.append(char)
            index += 1
    return "".join(out)


@functools.cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` (ECMA-262 or Java) compiled for Python; use ``.fullmatch``."""
    try:
        return re.compile(translate(pattern), re.ASCII)
    except re.error as error:
        raise ValueError(f"cannot translate pattern {pattern!r}: {error}") from error


def pattern_matches(pattern: str, value: str) -> bool:
    """Whether the whole of ``value`` matches ``pattern`` (ECMA-262 or Java dialect)."""
    return compile_pattern(pattern).fullmatch(value) is not None


def matches(constraint: Constraint, value: object) -> bool:
    """Whether ``value`` is a string matching every pattern of ``constraint`` (whole string).

    Only the patterns are checked (a constraint without one matches any string); use
    :func:`problems` for everything else (lengths, ranges, enum, items).
    """
    if not isinstance(value, str):
        return False
    return all(pattern_matches(pattern, value) for pattern in constraint.all_patterns)


# --- problems ---------------------------------------------------------------------------------

_QUOTE_LIMIT = 60


def _quote(value: object) -> str:
    text = repr(value)
    if len(text) <= _QUOTE_LIMIT:
        return text
    return f"{text[: _QUOTE_LIMIT - 3]}..."


_TYPE_NAMES: dict[str, str] = {
    "string": "a string",
    "integer": "an integer",
    "boolean": "a boolean",
    "array": "a list",
    "object": "a mapping",
}


def _has_type(constraint: Constraint, value: object) -> bool:
    if constraint.type == "string":
        return isinstance(value, str)
    if constraint.type == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if constraint.type == "boolean":
        return isinstance(value, bool)
    if constraint.type == "array":
        return isinstance(value, list | tuple)
    return isinstance(value, Mapping)


_SINGULAR = {
    "characters": "character",
    "utf-8 bytes": "utf-8 byte",
    "items": "item",
    "entries": "entry",
}


def _count(number: int, plural: str) -> str:
    return f"{number} {_SINGULAR[plural] if number == 1 else plural}"


def _length(constraint: Constraint, value: str) -> int:
    if constraint.length_unit == "utf-8 bytes":
        return len(value.encode("utf-8", errors="surrogatepass"))
    return len(value)


def problems(constraint: Constraint, value: object) -> list[str]:
    """Why ``value`` breaks ``constraint``, one lower-case line per reason; empty when it is fine.

    Each line says what is allowed and quotes the value (shortened when long), e.g.
    ``must be at most 128 characters long, got 129: 'aaa...'``.
    """
    if not _has_type(constraint, value):
        return [f"must be {_TYPE_NAMES[constraint.type]}, got {_quote(value)}"]
    found: list[str] = []
    if isinstance(value, str):
        unit = "utf-8 bytes" if constraint.length_unit == "utf-8 bytes" else "characters"
        length = _length(constraint, value)
        if constraint.min_length is not None and length < constraint.min_length:
            least = _count(constraint.min_length, unit)
            found.append(f"must be at least {least} long, got {length}: {_quote(value)}")
        if constraint.max_length is not None and length > constraint.max_length:
            most = _count(constraint.max_length, unit)
            found.append(f"must be at most {most} long, got {length}: {_quote(value)}")
        for pattern in constraint.all_patterns:
            if not pattern_matches(pattern, value):
                found.append(f"must match the pattern {pattern!r}, got {_quote(value)}")
    if isinstance(value, int) and not isinstance(value, bool):
        if constraint.minimum is not None and value < constraint.minimum:
            found.append(f"must be at least {constraint.minimum}, got {value}")
        if constraint.maximum is not None and value > constraint.maximum:
            found.append(f"must be at most {constraint.maximum}, got {value}")
    if constraint.enum is not None and value not in constraint.enum:
        allowed = ", ".join(repr(member) for member in constraint.enum)
        found.append(f"must be one of {allowed}, got {_quote(value)}")
    if isinstance(value, list | tuple | Mapping):
        noun = "entries" if isinstance(value, Mapping) else "items"
        count = len(value)
        if constraint.min_items is not None and count < constraint.min_items:
            least = _count(constraint.min_items, noun)
            found.append(f"must have at least {least}, got {count}: {_quote(value)}")
        if constraint.max_items is not None and count > constraint.max_items:
            most = _count(constraint.max_items, noun)
            found.append(f"must have at most {most}, got {count}: {_quote(value)}")
    return found
