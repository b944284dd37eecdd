"""The generated AWS constraints: up to date with AWS's definitions, and checked as AWS checks.

- The committed ``patch_window/rules/aws_constraints.py`` is what ``tools/gen_aws_constraints.py``
  produces from the installed cfn-lint schemas and botocore models, byte for byte: an AWS update
  that changes a constraint fails here until the module is regenerated (and reviewed).
- Every generated constraint classifies its boundary values (``tests/constraint_boundaries.py``)
  as expected through :func:`~patch_window.rules.constraint.problems`.
- The translation of ``\\p{...}`` classes agrees with the ``regex`` module.
"""

from __future__ import annotations

import difflib
import importlib.metadata
import importlib.util
import re
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from patch_window.rules import constraint as constraint_module
from patch_window.rules.aws_constraints import BY_KEY, CONSTRAINTS
from patch_window.rules.constraint import (
    Constraint,
    compile_pattern,
    matches,
    pattern_matches,
    problems,
)
from tests.constraint_boundaries import boundaries, oracle_matches

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "tools" / "gen_aws_constraints.py"
GENERATED = ROOT / "patch_window" / "rules" / "aws_constraints.py"


@pytest.fixture
def fresh_translation() -> None:
    """Empty the translation caches, so the test translates each pattern itself (a cache filled
    by an earlier test, or before ``make mutation`` forks a mutant, would hide a change)."""
    constraint_module.compile_pattern.cache_clear()
    constraint_module.property_ranges.cache_clear()
    constraint_module._category_table.cache_clear()


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_aws_constraints", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


def test_the_committed_module_is_what_the_generator_writes() -> None:
    expected = _generator().generate().text
    committed = GENERATED.read_text(encoding="utf-8")
    if committed != expected:
        versions = ", ".join(
            f"{name} {importlib.metadata.version(name)}" for name in ("cfn-lint", "botocore")
        )
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    expected.splitlines(keepends=True),
                    "committed",
                    "generated",
                )
            )[:60]
        )
        pytest.fail(
            f"{GENERATED.relative_to(ROOT)} no longer matches AWS's definitions ({versions}): "
            f"run `python tools/gen_aws_constraints.py`, review what changed, commit it.\n{diff}"
        )


def test_the_module_covers_the_properties_it_promises() -> None:
    assert len(BY_KEY) == len(CONSTRAINTS)
    assert [c.key for c in CONSTRAINTS] == sorted(c.key for c in CONSTRAINTS)
    window = BY_KEY["AWS::SSM::MaintenanceWindow.Name"]
    assert window.pattern is not None
    assert (window.min_length, window.max_length) == (3, 128)
    assert "cfn:AWS::SSM::MaintenanceWindow.Name" in window.sources
    assert "botocore:ssm:CreateMaintenanceWindowRequest.Name" in window.sources
    timeout = BY_KEY[
        "AWS::SSM::MaintenanceWindowTask.TaskInvocationParameters."
        "MaintenanceWindowRunCommandParameters.TimeoutSeconds"
    ]
    assert (timeout.minimum, timeout.maximum) == (30, 2592000)  # the API's, CloudFormation has none


def test_the_intersection_keeps_the_stricter_bound() -> None:
    step_functions_input = BY_KEY[
        "AWS::SSM::MaintenanceWindowTask.TaskInvocationParameters."
        "MaintenanceWindowStepFunctionsParameters.Input"
    ]
    assert step_functions_input.max_length == 4096  # SSM's, not StartExecution's 262144
    log_group = BY_KEY["AWS::Logs::LogGroup.LogGroupName"]
    assert len(log_group.patterns) == 2  # CloudFormation's and the API's: both must match


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\[.*\]|\{.*\}")
_TYPE_PROBLEM = re.compile(r"must be an? (string|integer|boolean|list|mapping), got")


@pytest.mark.parametrize("constraint", CONSTRAINTS, ids=lambda c: c.key)
def test_every_boundary_is_classified_as_expected(constraint: Constraint) -> None:
    for value, expected in boundaries(constraint):
        found = problems(constraint, value)
        assert (not found) is expected, f"{constraint.key}: {value!r} -> {found}"
        for line in found:  # lower case, but for the pattern or members and the value got
            rule, got, _ = line.partition(", got ")
            assert got, line
            assert _QUOTED.sub("", rule) == _QUOTED.sub("", rule).lower(), line
        if isinstance(value, str) and constraint.type == "string":
            assert matches(constraint, value) is not any("pattern" in line for line in found)


@pytest.mark.parametrize(
    "constraint", [c for c in CONSTRAINTS if c.is_constrained], ids=lambda c: c.key
)
def test_every_constrained_property_has_a_boundary_of_its_own_type(constraint: Constraint) -> None:
    """Not only wrong types: each constrained property is exercised at its bounds."""
    own_type = [
        (value, ok)
        for value, ok in boundaries(constraint)
        if not any(_TYPE_PROBLEM.match(line) for line in problems(constraint, value))
    ]
    assert any(ok for _, ok in own_type)
    assert any(not ok for _, ok in own_type)


def test_problems_read_well() -> None:
    name = BY_KEY["AWS::SSM::MaintenanceWindow.Name"]
    assert problems(name, "ok-name") == []
    assert problems(name, "abc\n") == [rf"must match the pattern {name.pattern!r}, got 'abc\n'"]
    assert problems(name, "x" * 129)[0].startswith("must be at most 128 characters long, got 129")
    task_type = BY_KEY["AWS::SSM::MaintenanceWindowTask.TaskType"]
    assert problems(task_type, "run_command") == [
        "must be one of 'AUTOMATION', 'LAMBDA', 'RUN_COMMAND', 'STEP_FUNCTIONS', got 'run_command'"
    ]
    targets = BY_KEY["AWS::SSM::MaintenanceWindowTarget.Targets"]
    assert problems(targets, [{}] * 6)[0].startswith("must have at most 5 items, got 6")
    assert problems(BY_KEY["AWS::SSM::MaintenanceWindow.Duration"], True) == [
        "must be an integer, got True"
    ]


@pytest.mark.usefixtures("fresh_translation")
def test_whole_string_match_and_java_escapes() -> None:
    assert not pattern_matches("^[a-z]+$", "abc\n")
    assert not pattern_matches("[a-z]+", "abc\n")
    assert pattern_matches("[a-z]+", "abc")
    assert not pattern_matches("a|b", "ab")
    # Java reads an escaped surrogate pair as one supplementary code point
    assert pattern_matches(
        r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF]+", "a \U0001f600"
    )
    assert not pattern_matches(r"[\u0020-\uD7FF]+", "\x1f")
    assert pattern_matches(r"[\w+=,.@-]+", "a_Z9+=,.@-")
    assert not pattern_matches(r"[\w+=,.@-]+", "\u00e9")  # Java's \w is ASCII
    assert pattern_matches(r"^(?!\s*$).+", " a")
    assert not pattern_matches(r"^(?!\s*$).+", "  ")
    with pytest.raises(ValueError, match="unsupported unicode property"):
        compile_pattern(r"\p{NoSuchThing}")


# --- \p{...} against the regex module ----------------------------------------------------------

_PROPERTIES = (
    *("L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No"),
    *("P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So"),
    *("Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Co"),
    *("Letter", "Number", "Separator", "Punctuation", "Symbol", "Mark", "Lowercase_Letter"),
)


def _sample_characters() -> list[str]:
    sample = [chr(code) for code in range(0x0, 0x3400, 7)]
    sample += [chr(code) for code in range(0x3400, 0x110000, 997)]
    sample += list(" \t\n\u00a0\u2028\u2029\u3000\u00e9\u4e94\U0001f600_.:/=+-@!#\u20ac")
    return [char for char in sample if not 0xD800 <= ord(char) <= 0xDFFF]


def _same_unicode_data(regex: ModuleType, char: str) -> bool:
    """Whether Python's unicodedata and the regex module agree on ``char``'s category (they may
    ship different Unicode versions: such characters say nothing about the translation)."""
    return regex.fullmatch(rf"\p{{{unicodedata.category(char)}}}", char) is not None


@pytest.mark.usefixtures("fresh_translation")
def test_unicode_classes_agree_with_the_regex_module() -> None:
    regex = pytest.importorskip("regex", reason="the third-party regex module is not installed")
    characters = [char for char in _sample_characters() if _same_unicode_data(regex, char)]
    assert len(characters) > 2000
    mismatches = []
    for name in _PROPERTIES:
        for pattern in (
            rf"\p{{{name}}}",
            rf"\P{{{name}}}",
            rf"[\p{{{name}}}_.]",
            rf"[^\p{{{name}}}]",
        ):
            theirs = regex.compile(pattern)
            for char in characters:
                ours = pattern_matches(pattern, char)
                if ours != (theirs.fullmatch(char) is not None):
                    mismatches.append((pattern, hex(ord(char)), ours))
    assert mismatches == []


@pytest.mark.usefixtures("fresh_translation")
def test_generated_patterns_agree_with_the_regex_module() -> None:
    regex = pytest.importorskip("regex", reason="the third-party regex module is not installed")
    characters = [char for char in _sample_characters()[::5] if _same_unicode_data(regex, char)]
    mismatches = []
    for constraint in CONSTRAINTS:
        for pattern in constraint.all_patterns:
            for char in characters:
                for value in (char, char * 3, f"a{char}", f"{char}a", f"1{char}\n", "$LATEST"):
                    theirs = oracle_matches(pattern, value)
                    if theirs is not None and theirs != pattern_matches(pattern, value):
                        mismatches.append((constraint.key, pattern, value))
    assert mismatches == []
