"""Every template the suite synthesizes passes cfn-lint with no error and no warning."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import cfn_lint


@pytest.fixture(scope="module")
def findings(synthesized_templates: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    return {name: cfn_lint(template) for name, template in synthesized_templates.items()}


@pytest.mark.parametrize(
    "name",
    [
        "lab",
        "two_windows",
        "target_forms",
        "hardened",
        "existing_resources",
        "task_types",
        "scan_then_install",
    ],
)
def test_template_is_cfn_lint_clean(findings: dict[str, list[str]], name: str) -> None:
    assert findings[name] == []


def test_every_synthesized_template_is_linted(
    findings: dict[str, list[str]], synthesized_templates: dict[str, dict[str, Any]]
) -> None:
    assert set(findings) == set(synthesized_templates)
