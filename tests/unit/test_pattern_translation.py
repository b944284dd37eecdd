"""Each construct of the Java / ECMA-262 pattern translator on its own, as Java reads it.

``patch_window.rules.constraint`` translates the patterns of AWS's definitions into Python's
``re``. The generated patterns use a few of its branches; this table drives every one, with a
value that must match, one that must not, and a character after the construct (so an escape
that reads one character too many or too few fails). Expected meanings are those of
``java.util.regex.Pattern``. Pure and fast: ``make mutation`` runs it against the translator.
"""

from __future__ import annotations

import unicodedata

import pytest

from patch_window.rules import constraint as module
from patch_window.rules import unicode_categories
from patch_window.rules.constraint import compile_pattern, pattern_matches, property_ranges


@pytest.fixture(autouse=True)
def fresh_translation() -> None:
    """Translate every pattern afresh (the caches would hide a change to the translator). The
    category table (a second's walk over every code point) is rebuilt by one test only."""
    for cached in (module.compile_pattern, module.property_ranges):
        cached.cache_clear()


# (pattern, values that match, values that do not)
MEANINGS: list[tuple[str, list[str], list[str]]] = [
    # Unicode properties, with and without braces, and their complements
    (r"\p{Lu}x", ["Ax", "\u00c9x"], ["ax", "A", "Axx"]),
    (r"\P{Lu}x", ["ax", "1x"], ["Ax"]),
    (r"\pLx", ["ax", "\u00e9x"], ["1x", "a"]),
    (r"\PLx", ["1x"], ["ax"]),
    (r"\p{IsLu}", ["A"], ["a"]),
    (r"\p{gc=Ll}", ["a"], ["A"]),
    (r"\p{General_Category=Nd}", ["7", "\u0663"], ["a"]),
    (r"\p{Letter}", ["a"], ["1"]),
    (r"\p{L&}", ["A", "a"], ["\u05d0", "1"]),
    (r"\p{LC}", ["a"], ["\u05d0"]),
    (r"\p{Any}", ["\U0010ffff", "\x00"], ["ab"]),
    (r"\P{Any}", [], ["a", "\x00"]),
    (r"\p{Alpha}", ["a", "Z"], ["\u00e9", "1"]),
    (r"\p{Punct}", ["!", "/", ":", "@", "[", "`", "{", "~"], ["a", "0", " ", "\u00a1"]),
    (r"\p{Space}", [" ", "\t", "\n", "\x0b", "\f", "\r"], ["\u00a0", "a"]),
    (r"\p{Cntrl}", ["\x00", "\x1f", "\x7f"], [" ", "\x80"]),
    (r"\P{Alpha}", ["\x00", "1", "\u00e9", "\U0010ffff"], ["a"]),
    (r"\p{XDigit}", ["a", "F", "0"], ["X", "g"]),
    (r"\P{Cntrl}", [" ", "\U0010ffff"], ["\x00", "\x7f"]),
    # \\u, \\x and surrogate pairs
    (r"\u0041B", ["AB"], ["A", "aB"]),
    (r"\u{1F600}B", ["\U0001f600B"], ["B"]),
    (r"\uD83D\uDE00", ["\U0001f600"], ["\ud83d\ude00"]),
    (r"\uDBFF\uDFFF", ["\U0010ffff"], []),
    (r"\uD800\uDC00", ["\U00010000"], []),
    (r"\uD83D\u0041", ["\ud83dA"], ["\U0001f600"]),
    (r"\uD83Dx", ["\ud83dx"], []),
    (r"\uDC00\uDC00", ["\udc00\udc00"], []),
    (r"\uD83D\uD83D", ["\ud83d\ud83d"], []),
    (r"\uD83D\uE000", ["\ud83d\ue000"], []),
    (r"\x41B", ["AB"], ["A"]),
    (r"\x{1F600}B", ["\U0001f600B"], ["B"]),
    # a brace before or after the escape's own is not its end
    (r"a{2}\x{41}", ["aaA"], ["aA"]),
    (r"a{2}\u{41}", ["aaA"], ["aA"]),
    (r"\x{41}b{2}", ["Abb"], ["Ab"]),
    (r"\u{41}b{2}", ["Abb"], ["Ab"]),
    (r"\p{Lu}b{2}", ["Abb"], ["Ab"]),
    # single-character escapes
    (r"\tX", ["\tX"], ["X"]),
    (r"\nX", ["\nX"], []),
    (r"\rX", ["\rX"], []),
    (r"\fX", ["\fX"], []),
    (r"\aX", ["\aX"], []),
    (r"\eX", ["\x1bX"], []),
    (r"\0101", ["A"], ["\x00101"]),
    (r"\0018", ["\x018"], []),
    (r"\07", ["\x07"], []),
    (r"\09", ["\x009"], []),
    (r"\01017", ["A7"], []),  # at most three octal digits after \0
    (r"\0X", ["\x00X"], []),
    (r"\cAB", ["\x01B"], ["AB"]),
    (r"\c[", ["\x1b"], []),
    (r"\.x", [".x"], ["ax"]),
    (r"\-", ["-"], []),
    (r"\\", ["\\"], []),
    # shorthands: ASCII, as in Java
    (r"\d\D", ["1a"], ["\u0663a", "11"]),
    (r"\w\W", ["_ "], ["\u00e9 ", "a_"]),
    (r"\s\S", [" a", "\ta"], ["\u00a0a", "  "]),
    # anchors and boundaries
    (r"a\b", ["a"], []),
    (r"a\bb", [], ["ab"]),
    (r"a\Bb", ["ab"], []),
    (r"\Aa", ["a"], []),
    (r"a\z", ["a"], []),
    (r"a\Z", ["a"], []),
    (r"a$", ["a"], ["a\n"]),
    (r"a$\n?", ["a"], ["a\n"]),  # '$' is the end of the value, never before a final newline
    # back references
    (r"(a)\1", ["aa"], ["ab"]),
    (r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10", ["abcdefghijj"], ["abcdefghija0"]),
    (r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)\12|x", ["x", "abcdefghijkll"], ["abcdefghijklx"]),
    # quoting
    (r"\Qa.b\Ec", ["a.bc"], ["axbc"]),
    (r"\Qa.b", ["a.b"], ["axb"]),
    (r"\Q$\E", ["$"], [""]),
    (r"\Qa\Eb\Qc\E", ["abc"], []),
    # the dot and named groups
    (r".", ["a", "\u00e9"], ["\n", "\r", "\x85", "\u2028", "\u2029"]),
    (r"(?<n>a)", ["a"], ["b"]),
    (r"(?<=a)b|ab", ["ab"], []),
    (r"(?<!a)b", ["b"], []),
    (r"b(?<=b)c", ["bc"], []),
    (r"x(?<n>a)", ["xa"], []),
    # classes
    (r"[\b]", ["\x08"], ["b"]),
    (r"[\Qa-\E]x", ["ax", "-x"], ["bx", "x"]),
    (r"[\Q.\E]", ["."], ["a"]),
    (r"[\p{Lu}\d]", ["A", "5"], ["a"]),
    (r"[\P{Lu}]", ["a"], ["A"]),
    (r"[\u0041-\u0043]", ["A", "B", "C"], ["D", "@"]),
    (r"[a-\u0063]", ["a", "c"], ["d"]),
    (r"[\x41-\x{43}]", ["B"], ["D"]),
    (r"[\uD83D\uDE00-\uD83D\uDE02]", ["\U0001f601"], ["\U0001f603"]),
    (r"[^a]", ["b"], ["a"]),
    (r"[^\P{Any}]", ["a"], []),
    (r"[\P{Any}]", [], ["a"]),
    (r"[a-]", ["a", "-"], ["b"]),
    (r"[a-a]", ["a"], ["b"]),
    (r"[\x00-\b]", ["\x00", "\x08"], ["\t"]),  # \b in a class is the backspace
    (r"[-a]", ["-", "a"], ["b"]),
    (r"[\w-a]", ["-", "b"], ["\u00e9"]),
    (r"[\t-\n]", ["\t", "\n"], ["\x0b"]),
    (r"[\0101-\0103]", ["B"], ["D"]),
    (r"[\cA-\cC]", ["\x02"], ["\x04"]),
    (r"[a\-z]", ["-"], ["b", "X"]),
    (r"[\s]", ["\n"], ["\u00a0"]),
    (r"[.$]", [".", "$"], ["a"]),
    (r"[\t\u00e9]", ["\u00e9", "\t"], ["e"]),
]


@pytest.mark.parametrize(("pattern", "matching", "other"), MEANINGS)
def test_each_construct_means_what_java_means(
    pattern: str, matching: list[str], other: list[str]
) -> None:
    assert [value for value in matching if not pattern_matches(pattern, value)] == []
    assert [value for value in other if pattern_matches(pattern, value)] == []


REFUSED: list[tuple[str, str]] = [
    ("a\\", "pattern ends with a lone backslash: 'a\\\\'"),
    (r"\p{Lu", r"unterminated \p{ in '\\p{Lu'"),
    (r"\P{Lu", r"unterminated \P{ in '\\P{Lu'"),
    (r"\p{NoSuchThing}", "unsupported unicode property 'NoSuchThing'"),
    (r"\v", r"unsupported or ambiguous escape \v in '\\v'"),
    (r"\R", r"unsupported or ambiguous escape \R in '\\R'"),
    (r"\X", r"unsupported or ambiguous escape \X in '\\X'"),
    (r"\c", r"unsupported or ambiguous escape \c in '\\c'"),
    (r"\x4X", r"bad hexadecimal escape at 2 in '\\x4X'"),
    (r"\u004", r"bad hexadecimal escape at 2 in '\\u004'"),
    (r"\u00G1", r"bad hexadecimal escape at 2 in '\\u00G1'"),
    (r"\x4", r"bad hexadecimal escape at 2 in '\\x4'"),
    (r"\x{}", r"bad hexadecimal escape at 3 in '\\x{}'"),
    (r"\x{41", r"bad hexadecimal escape at 3 in '\\x{41'"),
    (r"[a", "unterminated character class in '[a'"),
    (r"[a-", "unterminated character class in '[a-'"),
    (r"[]a]", "ambiguous empty or ']'-first class in '[]a]'"),
    (r"[^]a]", "ambiguous empty or ']'-first class in '[^]a]'"),
    (r"[a[b]]", "nested classes and '&&' differ between dialects: '[a[b]]'"),
    (r"[a&&b]", "nested classes and '&&' differ between dialects: '[a&&b]'"),
    (r"[c-a]", "reversed range in '[c-a]'"),
    (r"[a-\d]", "a range ends with a class in '[a-\\\\d]'"),
    (r"[\z]", r"unsupported or ambiguous escape \z in '[\\z]'"),
]


@pytest.mark.parametrize(("pattern", "message"), REFUSED)
def test_what_differs_between_the_dialects_is_refused_with_its_reason(
    pattern: str, message: str
) -> None:
    with pytest.raises(ValueError, match=r".") as raised:
        compile_pattern(pattern)
    assert str(raised.value) == message


def test_a_pattern_python_cannot_compile_is_refused_with_re_s_reason() -> None:
    with pytest.raises(ValueError, match=r"^cannot translate") as raised:
        compile_pattern("(a")
    assert str(raised.value).startswith("cannot translate pattern '(a': missing )")


@pytest.mark.parametrize(
    ("name", "ranges"),
    [
        ("Lower", ((0x61, 0x7A),)),
        ("Alnum", ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A))),
        ("XDigit", ((0x30, 0x39), (0x41, 0x46), (0x61, 0x66))),
        ("Blank", ((0x09, 0x09), (0x20, 0x20))),
        ("Any", ((0, 0x10FFFF),)),
        ("Zl", ((0x2028, 0x2028),)),
        ("Zp", ((0x2029, 0x2029),)),
        ("Line_Separator", ((0x2028, 0x2028),)),
        ("IsZl", ((0x2028, 0x2028),)),
        ("Cs", ((0xD800, 0xDFFF),)),
    ],
)
def test_property_ranges_are_exact(name: str, ranges: tuple[tuple[int, int], ...]) -> None:
    assert property_ranges(name) == ranges


def test_the_category_table_is_unicodedatas() -> None:
    table = module.scan_category_table()
    assert table["Zl"] == ((0x2028, 0x2028),)
    assert table["Lu"][0] == (0x41, 0x5A)
    assert table["Cc"][:2] == ((0x00, 0x1F), (0x7F, 0x9F))
    assert table["Cn"][-1] == (0x10FFFE, 0x10FFFF)  # the last code point included
    assert sum(high - low + 1 for ranges in table.values() for low, high in ranges) == 0x110000
    # The generated table (no scan at synthesis) is this scan, for this Python's Unicode.
    assert unicodedata.unidata_version == unicode_categories.UNIDATA_VERSION
    assert table == unicode_categories.CATEGORIES


def test_another_unicode_version_scans_instead_of_using_the_generated_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(unicode_categories, "UNIDATA_VERSION", "0.0.0")
    monkeypatch.setattr(module, "scan_category_table", lambda: {"Zl": ((1, 2),)})
    module._category_table.cache_clear()
    try:
        assert module._category_table() == {"Zl": ((1, 2),)}
    finally:
        module._category_table.cache_clear()
    monkeypatch.undo()
    assert module._category_table() is unicode_categories.CATEGORIES


def test_a_major_category_is_the_union_of_its_subcategories() -> None:
    def points(name: str) -> set[int]:
        return {code for low, high in property_ranges(name) for code in range(low, high + 1)}

    assert points("Z") == points("Zs") | points("Zl") | points("Zp")
    assert len(property_ranges("Z")) < len(property_ranges("Zs")) + 2  # adjacent ranges merged
    assert property_ranges("Separator") == property_ranges("Z")


# -- a constraint's problems, in exact words --------------------------------------------------

_C = module.Constraint


@pytest.mark.parametrize(
    ("constraint", "value", "found"),
    [
        (_C("k", "string", min_length=2), "a",
         ["must be at least 2 characters long, got 1: 'a'"]),
        (_C("k", "string", min_length=1), "", ["must be at least 1 character long, got 0: ''"]),
        (_C("k", "string", max_length=1), "ab", ["must be at most 1 character long, got 2: 'ab'"]),
        (_C("k", "string", max_length=2, length_unit="utf-8 bytes"), "\u00e9\u00e9",
         ["must be at most 2 utf-8 bytes long, got 4: '\u00e9\u00e9'"]),
        (_C("k", "string", max_length=1, length_unit="utf-8 bytes"), "\u00e9",
         ["must be at most 1 utf-8 byte long, got 2: '\u00e9'"]),
        (_C("k", "string", max_length=61), "x" * 61, []),
        (_C("k", "string", max_length=57), "x" * 58,  # its repr: 60 characters, shown whole
         ["must be at most 57 characters long, got 58: " + repr("x" * 58)]),
        (_C("k", "string", max_length=58), "x" * 59,  # 61: shortened to 60 with "..."
         ["must be at most 58 characters long, got 59: " + repr("x" * 59)[:57] + "..."]),
        (_C("k", "string", pattern="[a-z]+"), "A1",
         ["must match the pattern '[a-z]+', got 'A1'"]),
        (_C("k", "string", patterns=("[a-z]+", "a.*")), "bc",
         ["must match the pattern 'a.*', got 'bc'"]),
        (_C("k", "integer", minimum=1, maximum=3), 0, ["must be at least 1, got 0"]),
        (_C("k", "integer", minimum=1, maximum=3), 4, ["must be at most 3, got 4"]),
        (_C("k", "integer", minimum=1), True, ["must be an integer, got True"]),
        (_C("k", "string", minimum=5), "abc", []),  # numeric bounds apply to integers only
        (_C("k", "boolean"), 1, ["must be a boolean, got 1"]),
        (_C("k", "boolean"), False, []),
        (_C("k", "string"), 1, ["must be a string, got 1"]),
        (_C("k", "array"), "ab", ["must be a list, got 'ab'"]),
        (_C("k", "object"), [], ["must be a mapping, got []"]),
        (_C("k", "string", enum=("A", "B")), "C", ["must be one of 'A', 'B', got 'C'"]),
        (_C("k", "array", min_items=1), [], ["must have at least 1 item, got 0: []"]),
        (_C("k", "array", max_items=2), (1, 2, 3), ["must have at most 2 items, got 3: (1, 2, 3)"]),
        (_C("k", "object", max_items=1), {"a": 1, "b": 2},
         ["must have at most 1 entry, got 2: {'a': 1, 'b': 2}"]),
        (_C("k", "object", min_items=2), {"a": 1},
         ["must have at least 2 entries, got 1: {'a': 1}"]),
    ],
)  # fmt: skip
def test_a_constraints_problems_say_what_is_allowed(
    constraint: module.Constraint, value: object, found: list[str]
) -> None:
    assert module.problems(constraint, value) == found


def test_matches_needs_a_string_matching_every_pattern() -> None:
    both = _C("k", "string", patterns=("[a-z]+", "a.*"))
    assert module.matches(both, "ab")
    assert not module.matches(both, "bc")
    assert not module.matches(both, 1)
    assert module.matches(_C("k", "string"), "anything")


def test_a_constraint_takes_one_pattern_or_several() -> None:
    with pytest.raises(ValueError, match=r".") as raised:
        _C("k", "string", pattern="a", patterns=("b", "c"))
    assert str(raised.value) == "k: set pattern or patterns, not both"
    with pytest.raises(ValueError, match=r".") as raised:
        _C("k", "string", patterns=("b",))
    assert str(raised.value) == "k: a single pattern goes in pattern"


def test_overlapping_and_adjacent_ranges_merge() -> None:
    assert module._merge([(5, 9), (1, 3), (4, 4), (20, 30), (22, 25), (11, 12)]) == (
        (1, 9),
        (11, 12),
        (20, 30),
    )
    assert module._merge([(1, 10), (2, 3), (4, 5)]) == ((1, 10),)
    assert module._merge([(1, 2), (5, 6)]) == ((1, 2), (5, 6))
