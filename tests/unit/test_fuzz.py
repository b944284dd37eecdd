"""Fuzz: any key of the lab and example configurations, set to a value of any JSON type.

Reproducible and bounded: derandomized (every run draws the same examples) with a fixed number
of examples. The invariant is the app's contract with whoever edits cdk.json: exit 0 with a
template cfn-lint accepts, or exit 2 with only ``error: patch_window.`` lines; never a
traceback, never another exit status for a configuration problem. Marked ``explore``:
``make test-slow`` runs it (300 syntheses), not ``make test``.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app
from tests.conftest import (
    cdk_context,
    cfn_lint,
    hardened_settings,
    lab_settings,
    scan_then_install_settings,
    target_forms_settings,
    task_types_settings,
    two_windows_settings,
)

pytestmark = pytest.mark.explore

BASES: dict[str, Callable[[], dict[str, Any]]] = {
    "lab": lab_settings,
    "hardened": hardened_settings,
    "two-windows": two_windows_settings,
    "target-forms": target_forms_settings,
    "task-types": task_types_settings,
    "scan-then-install": scan_then_install_settings,
}

ODD_STRINGS = [
    "",
    " ",
    "PatchWindow\n",
    "\x00",
    "\x1b[31mred",
    "${Token[TOKEN.1]}",
    "#{Token[TOKEN.2]}",
    "__proto__",
    "constructor",
    "MaintenanceWindowRole",
    "CDKMetadata",
    "Rôle ✓",
    "\u2028",
    "a" * 129,
    "x" * 5000,
    "cron(0 2 ? * * *)\n",
    "Europe/London",
    "posixrules",
    "2026-04-07T14:29:00+01:00:30",
    "-1",
    "1e309",
]

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, -1, 1, 3, 2**31, 2**53 + 1, 10**30]),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(ODD_STRINGS),
    st.text(max_size=20),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["name", "__proto__", "x", *ODD_STRINGS[:6]]), inner),
    ),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and list index in ``value``, depth first."""
    if isinstance(value, dict):
        items: list[tuple[Any, Any]] = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return []
    found: list[tuple[Any, ...]] = []
    for key, item in items:
        found.append((*prefix, key))
        found += paths(item, (*prefix, key))
    return found


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    """A base configuration with the value at one of its paths replaced, or an odd key added
    beside it."""
    base_name = draw(st.sampled_from(sorted(BASES)))
    base = BASES[base_name]()
    path = draw(st.sampled_from(paths(base)))
    node: Any = base
    for key in path[:-1]:
        node = node[key]
    if isinstance(node, dict) and draw(st.booleans()):
        # An odd key beside the chosen one (an unknown key, or a prototype name).
        path = (*path[:-1], draw(st.sampled_from(["__proto__", *ODD_STRINGS[:8]])))
    node[path[-1]] = draw(JSON_VALUES)
    return base_name, path, base


def run_app(patch_window: dict[str, Any], outdir: str) -> tuple[int, list[str]]:
    """app.main() as the CLI runs it; a traceback fails the test with its exception."""
    stderr = io.StringIO()
    environ = {"CDK_CONTEXT_JSON": json.dumps(cdk_context(patch_window)), "CDK_OUTDIR": outdir}
    with contextlib.redirect_stderr(stderr):
        status = app.main(environ)
    return status, stderr.getvalue().splitlines()


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutations())
def test_any_value_of_any_key_synthesizes_clean_or_gets_error_lines(
    mutation: tuple[str, tuple[Any, ...], dict[str, Any]],
) -> None:
    base_name, path, settings_ = mutation
    with tempfile.TemporaryDirectory() as outdir:
        status, lines = run_app(settings_, outdir)
        assert status in (0, 2), (base_name, path, status, lines)
        if status == 2:
            assert lines, (base_name, path)
            assert all(line.startswith("error: patch_window.") for line in lines), (path, lines)
            return
        (template_file,) = Path(outdir).glob("*.template.json")
        assert cfn_lint(json.loads(template_file.read_text())) == [], (base_name, path)
