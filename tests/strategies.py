"""Hypothesis strategies: valid ``patch_window`` settings, and single invalid mutations."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."
names = st.text(NAME_CHARS, min_size=3, max_size=40)
tag_keys = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789_.:/=-@", min_size=1, max_size=20
).filter(lambda key: key != "__proto__")  # refused on purpose: jsii cannot carry it
tag_values = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20)
texts = st.text("abcdefghijklmnopqrstuvwxyz ABC0123456789.,-", min_size=1, max_size=128).map(
    lambda s: s.strip() or "x"
)
schedules = st.sampled_from(
    [
        "cron(0 2 ? * * *)",
        "cron(0/30 * * * ? *)",
        "cron(0 3 ? * TUE#2 *)",
        "cron(15 22 L * ? *)",
        "cron(0 4 ? JAN-JUN MON-FRI 2027)",
        "rate(30 minutes)",
        "rate(1 hour)",
        "rate(7 days)",
        "at(2027-01-15T03:00:00)",
    ]
)
rate_controls = st.sampled_from(["1", "2", "10", "1%", "25%", "100%"])
error_thresholds = st.sampled_from(["0", "1", "5", "0%", "10%", "100%"])
zones = st.sampled_from(["UTC", "Europe/London", "America/New_York", "Asia/Tokyo"])


@st.composite
def targets(draw: st.DrawFn, name: str) -> dict[str, Any]:
    target: dict[str, Any] = {
        "name": name,
        "tags": draw(
            st.dictionaries(
                tag_keys,
                st.lists(tag_values, min_size=1, max_size=3, unique=True),
                min_size=1,
                max_size=5,
            )
        ),
    }
    if draw(st.booleans()):
        target["description"] = draw(texts)
    if draw(st.booleans()):
        target["owner_information"] = draw(texts)
    return target


@st.composite
def tasks(draw: st.DrawFn, name: str, target_names: list[str]) -> dict[str, Any]:
    task: dict[str, Any] = {
        "name": name,
        "document": draw(st.sampled_from(["AWS-RunPatchBaseline", "AWS-RunShellScript"])),
        "max_concurrency": draw(rate_controls),
        "max_errors": draw(error_thresholds),
        "priority": draw(st.integers(0, 5)),
    }
    if task["document"] == "AWS-RunPatchBaseline":
        task["parameters"] = {"Operation": [draw(st.sampled_from(["Scan", "Install"]))]}
    else:
        task["parameters"] = {"commands": ["echo patched"]}
    if draw(st.booleans()):
        task["targets"] = draw(
            st.lists(
                st.sampled_from(target_names), min_size=1, max_size=len(target_names), unique=True
            )
        )
    if draw(st.booleans()):
        task["cutoff_behavior"] = draw(st.sampled_from(["CONTINUE_TASK", "CANCEL_TASK"]))
    if draw(st.booleans()):
        task["timeout_seconds"] = draw(st.integers(30, 2_592_000))
    if draw(st.booleans()):
        task["document_version"] = draw(st.sampled_from(["$DEFAULT", "$LATEST", "1"]))
    if draw(st.booleans()):
        task["comment"] = draw(texts).strip()[:100] or "c"
    if draw(st.booleans()):
        task["description"] = draw(texts)
    return task


@st.composite
def windows(draw: st.DrawFn, name: str) -> dict[str, Any]:
    duration = draw(st.integers(1, 24))
    window: dict[str, Any] = {
        "name": name,
        "schedule": draw(schedules),
        "duration_hours": duration,
        "cutoff_hours": draw(st.integers(0, duration - 1)),
        "allow_unassociated_targets": draw(st.booleans()),
    }
    target_names = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    window["targets"] = [draw(targets(n)) for n in target_names]
    task_names = draw(st.lists(names, min_size=0, max_size=2, unique=True))
    window["tasks"] = [draw(tasks(n, target_names)) for n in task_names]
    if draw(st.booleans()):
        window["description"] = draw(texts)
    if draw(st.booleans()):
        window["schedule_timezone"] = draw(zones)
    if window["schedule"].startswith("cron(") and draw(st.booleans()):
        window["schedule_offset"] = draw(st.integers(1, 6))
    if draw(st.booleans()):
        window["start_date"] = "2026-12-01T00:00:00+00:00"
        window["end_date"] = "2030-12-01T00:00:00-05:00"
    return window


@st.composite
def settings(draw: st.DrawFn) -> dict[str, Any]:
    """A valid ``patch_window`` mapping: 1-2 windows, every optional key sometimes set."""
    window_names = draw(st.lists(names, min_size=1, max_size=2, unique=True))
    result: dict[str, Any] = {
        "stack_name": "Generated",
        "windows": [draw(windows(n)) for n in window_names],
    }
    if draw(st.booleans()):
        result["role"] = {
            "role_name": draw(st.text(NAME_CHARS, min_size=1, max_size=64)),
            "trusted_services": ["ssm.amazonaws.com"],
        }
    if draw(st.booleans()):
        result["pass_role"] = {"group_names": ["Administrators"]}
    return result


# Invalid replacement values per setting (path relative to a window, target or task).
WINDOW_MUTATIONS: dict[str, Any] = {
    "name": st.sampled_from(["ab", "has space", "x" * 129, 7]),
    "schedule": st.sampled_from(["daily", "cron(0 2 * * * *)", "rate(1 minutes)", ""]),
    "duration_hours": st.sampled_from([0, 25, "3", 2.5]),
    "cutoff_hours": st.sampled_from([-1, 24, True]),
    "description": st.sampled_from(["", "x" * 129]),
    "schedule_timezone": st.sampled_from(["Mars/Base", "GMT+25"]),
    "allow_unassociated_targets": st.sampled_from(["yes", 1]),
    "start_date": st.sampled_from(["2026-12-01", "tomorrow"]),
}
TARGET_MUTATIONS: dict[str, Any] = {
    "name": st.sampled_from(["ab", "bad name"]),
    "tags": st.sampled_from([{}, {"k": []}, {f"k{i}": ["v"] for i in range(6)}, {"bad!": ["v"]}]),
    "owner_information": st.sampled_from(["", "x" * 129]),
}
TASK_MUTATIONS: dict[str, Any] = {
    "max_concurrency": st.sampled_from(["0", "101%", "all", 1]),
    "max_errors": st.sampled_from(["-1", "101%", "none"]),
    "priority": st.sampled_from([-1, "1"]),
    "cutoff_behavior": st.sampled_from(["STOP", "cancel_task"]),
    "timeout_seconds": st.sampled_from([29, 2_592_001]),
    "document_version": st.sampled_from(["latest", "v2"]),
    "comment": st.just("x" * 101),
    "targets": st.sampled_from([[], ["NoSuchTarget"]]),
}


@st.composite
def mutations(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A valid mapping with one setting made invalid, and that setting's cdk.json path."""
    valid = draw(settings())
    mutated = copy.deepcopy(valid)
    w = draw(st.integers(0, len(mutated["windows"]) - 1))
    window = mutated["windows"][w]
    scopes = ["window", "target"] + (["task"] if window["tasks"] else [])
    scope = draw(st.sampled_from(scopes))
    if scope == "window":
        key = draw(st.sampled_from(sorted(WINDOW_MUTATIONS)))
        window[key] = draw(WINDOW_MUTATIONS[key])
        return mutated, f"patch_window.windows[{w}].{key}"
    if scope == "target":
        t = draw(st.integers(0, len(window["targets"]) - 1))
        key = draw(st.sampled_from(sorted(TARGET_MUTATIONS)))
        window["targets"][t][key] = draw(TARGET_MUTATIONS[key])
        return mutated, f"patch_window.windows[{w}].targets[{t}].{key}"
    t = draw(st.integers(0, len(window["tasks"]) - 1))
    key = draw(st.sampled_from(sorted(TASK_MUTATIONS)))
    window["tasks"][t][key] = draw(TASK_MUTATIONS[key])
    return mutated, f"patch_window.windows[{w}].tasks[{t}].{key}"
