"""cdk.json's optional ``id`` on windows, targets and tasks: the construct id that outlives a
rename. Pure: the reader only (the synthesized effect is in test_review.py)."""

from __future__ import annotations

import pytest

from patch_window import rules
from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError
from tests.conftest import lab_settings


def test_ids_are_read_for_windows_targets_and_tasks() -> None:
    settings = lab_settings()
    window = settings["windows"][0]
    window["id"], window["targets"][0]["id"], window["tasks"][0]["id"] = "Lab", "Web", "Patch"
    config = read_settings(settings).windows[0]
    assert (config.id, config.targets[0].id, config.tasks[0].id) == ("Lab", "Web", "Patch")


def test_without_id_nothing_changes() -> None:
    config = read_settings(lab_settings()).windows[0]
    assert (config.id, config.targets[0].id, config.tasks[0].id) == (None, None, None)


@pytest.mark.parametrize("value", ["Patch-Lab", "9Lab", "", "Lab Web", "A" * 65, "Läb"])
def test_construct_id_rule_refuses_unsafe_ids(value: str) -> None:
    assert rules.construct_id(value) == (
        "must start with a letter and hold only letters and digits, at most 64 characters, "
        f"got {value!r}"
    )


@pytest.mark.parametrize("value", ["PatchTestWorkloadWebServers", "A", "Web2", "A" * 64])
def test_construct_id_rule_accepts_letters_and_digits(value: str) -> None:
    assert rules.construct_id(value) is None


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (
            lambda w: w.update(id="Patch-Lab"),
            "patch_window.windows[0].id: must start with a letter and hold only letters and "
            "digits, at most 64 characters, got 'Patch-Lab'",
        ),
        (
            lambda w: w["targets"][0].update(id=7),
            "patch_window.windows[0].targets[0].id: must be a string, got 7 (an integer)",
        ),
        (
            lambda w: w["tasks"][0].update(id="Task 1"),
            "patch_window.windows[0].tasks[0].id: must start with a letter and hold only "
            "letters and digits, at most 64 characters, got 'Task 1'",
        ),
        (
            lambda w: w["targets"].append(
                {**w["targets"][0], "name": "Other", "id": "TestWebServers"}
            ),
            "patch_window.windows[0].targets[1]: duplicate target id 'TestWebServers' (an id, "
            "or the name of a target without one); each target needs its own id",
        ),
    ],
)
def test_bad_ids_stop_with_one_line_naming_the_setting(edit, line: str) -> None:
    settings = lab_settings()
    edit(settings["windows"][0])
    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    assert list(raised.value.problems) == [line]
