"""The face and the defaults: what users import, and where the lab departs from the library."""

from __future__ import annotations

import re

import pytest

import patch_window
from patch_window import defaults
from tests.conftest import CDK_JSON, ROOT

README = (ROOT / "README.md").read_text()


def _documented_names() -> set[str]:
    """Names the README's library section lists as ``from patch_window import ...`` names."""
    section = README.split("Public names (`from patch_window import ...`):", 1)[1]
    section = section.split("\n## ", 1)[0]
    listed = set(re.findall(r"^- `([A-Za-z_][A-Za-z0-9_]*)", section, re.M))
    listed |= {
        name
        for name in re.findall(r"`([A-Z][A-Za-z0-9]+)`", section)
        if name in patch_window.__all__ or hasattr(patch_window, name)
    }
    return listed


def test_every_documented_name_imports_from_the_face() -> None:
    names = _documented_names()
    assert len(names) > 30
    missing = sorted(n for n in names if n not in patch_window.__all__)
    assert missing == []


@pytest.mark.parametrize("name", patch_window.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(patch_window, name) is not None


def test_dir_shows_the_public_names() -> None:
    assert set(patch_window.__all__) <= set(dir(patch_window))


def test_the_shipped_cdk_json_departs_from_the_defaults_only_where_the_lab_does() -> None:
    settings = CDK_JSON["context"]["patch_window"]
    shipped = {
        "role.trusted_services": settings["role"]["trusted_services"],
        "role.policy": settings["role"]["policy"],
        "windows[].allow_unassociated_targets": settings["windows"][0][
            "allow_unassociated_targets"
        ],
    }
    for setting, (library, lab) in defaults.LAB_PARITY.items():
        assert library != lab, setting
        assert shipped[setting] == lab, setting
