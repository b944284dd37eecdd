"""Every shared synthesized stack (tests/conftest.py's ``synthesized_templates``) passes cfn-lint
with no error and no warning."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import cfn_lint


@pytest.fixture(scope="module")
def findings(synthesized_templates: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    return {name: cfn_lint(template) for name, template in synthesized_templates.items()}


NAMES = [
    "lab",
    "two_windows",
    "target_forms",
    "hardened",
    "existing_resources",
    "task_types",
    "scan_then_install",
    "baselines",
]


@pytest.mark.parametrize("name", NAMES)
def test_template_is_cfn_lint_clean(findings: dict[str, list[str]], name: str) -> None:
    assert findings[name] == []


def test_every_shared_template_has_a_lint_case(
    synthesized_templates: dict[str, dict[str, Any]],
) -> None:
    """A stack added to ``synthesized_templates`` without a case above fails here."""
    assert sorted(NAMES) == sorted(synthesized_templates)
