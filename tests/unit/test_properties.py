"""Property-based: generated valid settings parse; one bad value is always named. (The
syntheses, against the template, are in ``test_properties_explore.py``.)

Reproducible: every test is derandomized (a fixed seed derived from the test), so a run on CI
draws the same examples as on a laptop.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from patch_window import PatchWindowValidationError
from patch_window.app.reader import read_settings
from tests import strategies


@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(strategies.settings())
def test_generated_valid_settings_parse(generated: dict[str, Any]) -> None:
    config = read_settings(generated)
    assert [w.name for w in config.windows] == [w["name"] for w in generated["windows"]]


@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(strategies.mutations())
def test_a_single_bad_value_is_rejected_naming_its_setting(
    mutation: tuple[dict[str, Any], str],
) -> None:
    mutated, path = mutation
    with pytest.raises(PatchWindowValidationError) as caught:
        read_settings(mutated)
    assert any(problem.startswith(path) for problem in caught.value.problems), (
        path,
        caught.value.problems,
    )
