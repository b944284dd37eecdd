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


# -- strategies that explore: every task type, target form, output, notifications, patterns ---

instance_ids = st.text("0123456789abcdef", min_size=17, max_size=17).map(lambda h: f"i-{h}")
group_names = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=40)
TARGET_FORMS = ("tags", "tag_keys", "instance_ids", "resource_group", "patch_group")
TASK_TYPES = ("RUN_COMMAND", "AUTOMATION", "LAMBDA", "STEP_FUNCTIONS")


@st.composite
def any_target(draw: st.DrawFn, name: str | None) -> dict[str, Any]:
    """A target in one of the five selection forms, optional keys sometimes set."""
    form = draw(st.sampled_from(TARGET_FORMS))
    target: dict[str, Any] = {} if name is None else {"name": name}
    if form == "tags":
        target["tags"] = draw(
            st.dictionaries(
                tag_keys,
                st.lists(tag_values, min_size=1, max_size=2, unique=True),
                min_size=1,
                max_size=5,
            )
        )
    elif form == "tag_keys":
        target["tag_keys"] = draw(st.lists(tag_keys, min_size=1, max_size=5, unique=True))
    elif form == "instance_ids":
        target["instance_ids"] = draw(st.lists(instance_ids, min_size=1, max_size=50, unique=True))
    elif form == "resource_group":
        group: dict[str, Any] = {"name": draw(group_names)}
        if draw(st.booleans()):
            group["resource_types"] = ["AWS::EC2::Instance"]
        target["resource_group"] = group
    else:
        group_name = draw(group_names)
        target["patch_group"] = (
            {"name": group_name, "tag_key": draw(st.sampled_from(["PatchGroup", "Patch Group"]))}
            if draw(st.booleans())
            else group_name
        )
    if draw(st.booleans()):
        target["description"] = draw(texts)
    if draw(st.booleans()):
        target["owner_information"] = draw(texts)
    return target


@st.composite
def run_command_extras(draw: st.DrawFn) -> dict[str, Any]:
    """Run Command's own keys: output to S3 and CloudWatch, notifications, a timeout."""
    extras: dict[str, Any] = {}
    output: dict[str, Any] = {}
    s3 = draw(st.sampled_from([None, "existing", "created"]))
    if s3 == "existing":
        output["s3"] = {"bucket_name": draw(st.sampled_from(["patch-output", "ops.logs-1"]))}
        if draw(st.booleans()):
            output["s3"]["key_prefix"] = "patching/"
    elif s3 == "created":
        output["s3"] = {"create_bucket": True}
    if draw(st.booleans()):
        output["cloudwatch"] = {"log_group_name": "/patching/commands"}
    if draw(st.booleans()) and output:
        output["instance_role_names"] = ["WebServerRole"]
    if output:
        extras["output"] = output
    notifications = draw(st.sampled_from([None, "existing", "created"]))
    if notifications:
        extras["notifications"] = (
            {"topic_arn": "arn:aws:sns:us-east-1:123456789012:patching"}
            if notifications == "existing"
            else {"create_topic": True}
        )
        if draw(st.booleans()):
            extras["notifications"]["events"] = draw(
                st.lists(
                    st.sampled_from(["Success", "TimedOut", "Cancelled", "Failed"]),
                    min_size=1,
                    max_size=4,
                    unique=True,
                )
            )
        if draw(st.booleans()):
            extras["notifications"]["type"] = draw(st.sampled_from(["Command", "Invocation"]))
    if draw(st.booleans()):
        extras["timeout_seconds"] = draw(st.integers(30, 2_592_000))
    return extras


@st.composite
def any_task(draw: st.DrawFn, name: str, target_names: list[str]) -> dict[str, Any]:
    """A task of any of the four types, with its type's keys and the shared ones."""
    kind = (
        draw(st.sampled_from(TASK_TYPES))
        if target_names
        else draw(st.sampled_from(["LAMBDA", "STEP_FUNCTIONS"]))
    )
    task: dict[str, Any] = {"name": name, "priority": draw(st.integers(0, 5))}
    if kind != "RUN_COMMAND" or draw(st.booleans()):
        task["type"] = kind
    if kind == "RUN_COMMAND":
        task["document"] = "AWS-RunPatchBaseline"
        task["parameters"] = {"Operation": [draw(st.sampled_from(["Scan", "Install"]))]}
        task |= draw(run_command_extras())
    elif kind == "AUTOMATION":
        task["document"] = draw(st.sampled_from(["AWS-RestartEC2Instance", "AWS-CreateImage"]))
        task["parameters"] = {"InstanceId": ["{{RESOURCE_ID}}"]}
        if draw(st.booleans()):
            task["document_version"] = draw(st.sampled_from(["$DEFAULT", "$LATEST", "3"]))
    elif kind == "LAMBDA":
        task["function"] = draw(
            st.sampled_from(["Report", "arn:aws:lambda:us-east-1:123456789012:function:Report"])
        )
        if draw(st.booleans()):
            task["qualifier"] = draw(st.sampled_from(["live", "7"]))
        if draw(st.booleans()):
            task["payload"] = {"window": "{{WINDOW_ID}}"}
    else:
        task["state_machine"] = draw(st.sampled_from(["Drain", "Drain-Web_1"]))
        if draw(st.booleans()):
            task["input"] = {"window": "{{WINDOW_ID}}"}
        if draw(st.booleans()):
            task["execution_name"] = "drain"
    targeted = kind in ("RUN_COMMAND", "AUTOMATION") or (target_names and draw(st.booleans()))
    if targeted:
        if draw(st.booleans()):
            task["targets"] = draw(
                st.lists(
                    st.sampled_from(target_names),
                    min_size=1,
                    max_size=len(target_names),
                    unique=True,
                )
            )
        elif kind != "RUN_COMMAND":  # only Run Command defaults to all the window's targets
            task["targets"] = target_names[:1]
        task["max_concurrency"] = draw(rate_controls)
        task["max_errors"] = draw(error_thresholds)
    if draw(st.booleans()):
        task["cutoff_behavior"] = draw(st.sampled_from(["CONTINUE_TASK", "CANCEL_TASK"]))
    if draw(st.booleans()):
        task["description"] = draw(texts)
    return task


@st.composite
def any_window(draw: st.DrawFn, name: str) -> dict[str, Any]:
    window = draw(windows(name))
    target_names = draw(st.lists(names, min_size=0, max_size=3, unique=True))
    window["targets"] = [draw(any_target(n)) for n in target_names]
    if not target_names:
        window.pop("targets")
    task_names = draw(st.lists(names, min_size=0, max_size=3, unique=True))
    window["tasks"] = [draw(any_task(n, target_names)) for n in task_names]
    if not task_names:
        window.pop("tasks")
    return window


@st.composite
def any_pattern(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """A scan-then-install pattern: two phases of their own."""

    def phase() -> dict[str, Any]:
        duration = draw(st.integers(1, 24))
        values: dict[str, Any] = {"schedule": draw(schedules)}
        if draw(st.booleans()):
            values["duration_hours"] = duration
            values["cutoff_hours"] = draw(st.integers(0, duration - 1))
        if draw(st.booleans()):
            values["max_concurrency"] = draw(rate_controls)
            values["max_errors"] = draw(error_thresholds)
        if draw(st.booleans()):
            values["schedule_timezone"] = draw(zones)
        return values

    pattern: dict[str, Any] = {
        "name": name,
        "target": draw(any_target(draw(st.one_of(st.none(), names)))),
        "scan": phase(),
        "install": phase(),
    }
    if draw(st.booleans()):
        pattern["reboot_option"] = draw(st.sampled_from(["RebootIfNeeded", "NoReboot"]))
    if draw(st.booleans()):
        pattern["output_bucket_name"] = "patch-output"
    return pattern


@st.composite
def any_baseline(draw: st.DrawFn, name: str) -> dict[str, Any]:
    baseline: dict[str, Any] = {
        "name": name,
        "operating_system": "AMAZON_LINUX_2023",
        "approval_rules": [
            {
                "filters": {"CLASSIFICATION": ["Security"]},
                "approve_after_days": draw(st.integers(0, 360)),
            }
        ],
    }
    if draw(st.booleans()):
        baseline["patch_groups"] = [draw(group_names)]
    if draw(st.booleans()):
        baseline["rejected_patches"] = ["kernel-debug*"]
    return baseline


@st.composite
def rich_settings(draw: st.DrawFn) -> dict[str, Any]:
    """A valid mapping drawing every kind of object: all task types and target forms, output,
    notifications, scan-then-install patterns, patch baselines, the role and PassRole."""
    all_names = draw(st.lists(names, min_size=1, max_size=5, unique=True))
    split = draw(st.integers(0, len(all_names)))
    window_names, pattern_names = all_names[:split], all_names[split:][:1]
    pattern_names = [
        n for n in pattern_names if not {f"{n}-Scan", f"{n}-Install"} & set(window_names)
    ]
    result: dict[str, Any] = {"stack_name": "Generated"}
    if window_names or not pattern_names:
        result["windows"] = [draw(any_window(n)) for n in window_names or all_names[:1]]
    if pattern_names:
        result["scan_then_install"] = [draw(any_pattern(n)) for n in pattern_names]
    if draw(st.booleans()):
        result["patch_baselines"] = [draw(any_baseline("Generated-AL2023"))]
    if draw(st.booleans()):
        result["role"] = {"policy": draw(st.sampled_from(["least-privilege", "aws-managed"]))}
        if draw(st.booleans()):
            result["role"]["restrict_source_account"] = True
    if draw(st.booleans()):
        result["pass_role"] = {"group_names": ["Administrators"]}
    return result


def _objects(settings: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every object of ``settings`` whose keys the reader knows, with its cdk.json path (maps
    of the user's own keys, such as tags or parameters, are left out)."""
    root = "patch_window"
    found: list[tuple[str, dict[str, Any]]] = [(root, settings)]
    for w, window in enumerate(settings.get("windows", [])):
        at = f"{root}.windows[{w}]"
        found.append((at, window))
        found += [(f"{at}.targets[{t}]", x) for t, x in enumerate(window.get("targets", []))]
        for t, task in enumerate(window.get("tasks", [])):
            found.append((f"{at}.tasks[{t}]", task))
            for key in ("output", "notifications"):
                if key in task:
                    found.append((f"{at}.tasks[{t}].{key}", task[key]))
    for p, pattern in enumerate(settings.get("scan_then_install", [])):
        at = f"{root}.scan_then_install[{p}]"
        found += [(at, pattern)] + [
            (f"{at}.{key}", pattern[key]) for key in ("target", "scan", "install")
        ]
    for b, baseline in enumerate(settings.get("patch_baselines", [])):
        found.append((f"{root}.patch_baselines[{b}]", baseline))
    return found


def _misspelled(key: str, position: int) -> str:
    """``key`` with one letter left out (never the first), e.g. ``schedle``."""
    index = 1 + position % (len(key) - 1)
    return key[:index] + key[index + 1 :]


TARGET_FORM_MUTATIONS: dict[str, Any] = {
    "tags": st.sampled_from([{f"k{i}": ["v"] for i in range(6)}, {"k": []}]),
    "tag_keys": st.sampled_from([[], ["bad!"], [f"k{i}" for i in range(51)], ["x" * 129]]),
    "instance_ids": st.sampled_from(
        [[f"i-{i:017x}" for i in range(51)], ["i-123"], [], ["i-0123456789abcdef0"] * 2]
    ),
    "resource_group": st.sampled_from([{"name": ""}, {"name": "g", "resource_types": ["EC2"]}]),
    "patch_group": st.sampled_from(["", {"name": "web", "tag_key": "Group"}, "x" * 257]),
}
TASK_TYPE_MUTATIONS: dict[str, dict[str, Any]] = {
    "LAMBDA": {
        "function": st.sampled_from(["bad function!", "arn:aws:s3:::bucket"]),
        "qualifier": st.sampled_from(["no spaces", "x" * 129]),
    },
    "STEP_FUNCTIONS": {
        "state_machine": st.sampled_from(["bad machine!", "x" * 81]),
        "execution_name": st.sampled_from(["x" * 81, "has space"]),
    },
    "AUTOMATION": {"document_version": st.sampled_from(["latest", "v2"])},
    "RUN_COMMAND": {"timeout_seconds": st.sampled_from([29, 2_592_001])},
}


@st.composite
def rich_mutations(draw: st.DrawFn) -> tuple[dict[str, Any], str, str | None]:
    """A valid rich mapping with one thing made wrong; the cdk.json path that must be named,
    and a fragment its message must hold (or ``None``). The wrongs: a cutoff at or above the
    duration, an unknown or misspelled key anywhere, a limit passed, a bad value of a task
    type's or a target form's own key."""
    mutated = copy.deepcopy(draw(rich_settings()))
    kind = draw(st.sampled_from(["form", "task_type", "unknown", "misspelled", "cutoff"]))
    objects = _objects(mutated)
    windows_ = mutated.get("windows", [])
    if kind == "cutoff":
        phases = [
            (f"patch_window.scan_then_install[{p}].{phase}", pattern[phase])
            for p, pattern in enumerate(mutated.get("scan_then_install", []))
            for phase in ("scan", "install")
        ]
        at, obj = draw(
            st.sampled_from(
                [(f"patch_window.windows[{w}]", x) for w, x in enumerate(windows_)] + phases
            )
        )
        duration = draw(st.integers(1, 23))
        obj["duration_hours"] = duration
        obj["cutoff_hours"] = cutoff = duration + draw(st.integers(0, 1))
        # At 24 the cutoff passes its own range (0-23) first; below, the duration is named.
        return mutated, f"{at}.cutoff_hours", "duration" if cutoff < 24 else None
    if kind in ("unknown", "misspelled"):
        at, obj = draw(st.sampled_from(objects))
        if kind == "unknown" or not [k for k in obj if len(k) > 3]:
            obj["frobnicate"] = 1
            return mutated, f"{at}.frobnicate", "unknown key"
        key = draw(st.sampled_from(sorted(k for k in obj if len(k) > 3)))
        wrong = _misspelled(key, draw(st.integers(0, 40)))
        obj[wrong] = obj.pop(key)
        return mutated, f"{at}.{wrong}", f"did you mean {key!r}"
    targets_ = [
        (f"patch_window.windows[{w}].targets[{t}]", target)
        for w, window in enumerate(windows_)
        for t, target in enumerate(window.get("targets", []))
    ] + [
        (f"patch_window.scan_then_install[{p}].target", pattern["target"])
        for p, pattern in enumerate(mutated.get("scan_then_install", []))
    ]
    tasks_ = [
        (f"patch_window.windows[{w}].tasks[{t}]", task)
        for w, window in enumerate(windows_)
        for t, task in enumerate(window.get("tasks", []))
    ]
    if kind == "form" or not tasks_:
        at, target = draw(st.sampled_from(targets_ or objects[:1]))
        if target is mutated:  # no target anywhere: pass a limit of the root instead
            mutated["stack_name"] = "x" * 129
            return mutated, "patch_window.stack_name", None
        form = next(f for f in TARGET_FORMS if f in target)
        target[form] = draw(TARGET_FORM_MUTATIONS[form])
        return mutated, f"{at}.{form}", None
    at, task = draw(st.sampled_from(tasks_))
    table = TASK_TYPE_MUTATIONS[task.get("type", "RUN_COMMAND")]
    key = draw(st.sampled_from(sorted(table)))
    task[key] = draw(table[key])
    return mutated, f"{at}.{key}", None
