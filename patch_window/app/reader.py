"""The cdk.json reader: ``patch_window`` settings in, checked settings dataclasses out.

It checks JSON types, required and unknown keys (with a did-you-mean), and runs the library's
own rule tables (:mod:`patch_window.rules.tables`) on each value, only translating the prop a
rule checks into its cdk.json path: ``patch_window.windows[0].cutoff_hours: ...``. Every problem
is collected and raised at once. Pure: no aws-cdk-lib, so a bad setting fails in milliseconds.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeVar

from patch_window import defaults, rules
from patch_window.app.settings import (
    TARGET_FORMS,
    AlertsConfig,
    ApprovalRuleConfig,
    CloudWatchOutputConfig,
    DeploymentConfig,
    EnvironmentConfig,
    NotificationsConfig,
    OutputConfig,
    PassRoleConfig,
    PatchBaselineConfig,
    PatchSourceConfig,
    PatchWindowConfig,
    PhaseConfig,
    RoleConfig,
    S3OutputConfig,
    ScanThenInstallConfig,
    StackSetConfig,
    TargetConfig,
    TaskConfig,
    WindowConfig,
    WindowOverrideConfig,
    derived_construct_ids,
)
from patch_window.app.task_kinds import TASK_KINDS
from patch_window.errors import PatchWindowValidationError
from patch_window.quotas import QUOTA_NAMES, Quotas
from patch_window.rules import baseline as baseline_rules
from patch_window.rules import quotas as quota_rules
from patch_window.rules import tables
from patch_window.rules.tables import RUN_COMMAND, TASK, WINDOW
from patch_window.targets.resource_group import ResourceGroupSelector
from patch_window.targets.selector import TargetSelector


def read_settings(mapping: Any) -> PatchWindowConfig:
    """Parse and check the ``patch_window`` mapping; raise every problem at once."""
    reader = _Reader()
    reader.inert(ROOT, mapping)
    if reader.problems:
        raise PatchWindowValidationError(reader.problems)
    config = reader.root(mapping)
    if reader.problems or config is None:
        raise PatchWindowValidationError(reader.problems)
    return config


ROOT = "patch_window"


T = TypeVar("T")


_TYPE_NAMES = {
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


_COMMON_TASK_KEYS = {
    "id", "type", "priority", "targets", "description", "cutoff_behavior", "max_concurrency",
    "max_errors",
}  # fmt: skip


def _describe(value: Any) -> str:
    """``3 (an integer)``: the value as JSON would show it, and its JSON type."""
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return f"{shown} ({_TYPE_NAMES.get(type(value), type(value).__name__)})"


class _Object:
    """One JSON object being read: its path, its keys, and the reader that records problems."""

    def __init__(self, reader: _Reader, path: str, value: dict[str, Any]) -> None:
        self.reader = reader
        self.path = path
        self.value = value

    def at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def __contains__(self, key: str) -> bool:
        return key in self.value

    def string_lists(
        self, key: str, *, rule: Callable[[Any], str | None] | None = None
    ) -> Mapping[str, tuple[str, ...]] | None:
        """An object mapping names to lists of strings (tags, document parameters), passing
        ``rule`` as a whole."""
        value = self.reader.string_lists(self, key)
        if value is not None and rule is not None:
            problem = rule(value)
            if problem:
                self.reader.fail(self.at(key), problem)
                return None
        return value

    def output(self, key: str) -> OutputConfig | None:
        """A task's command output settings, if present."""
        return (
            read_output(self.reader, self.at(key), self.value[key]) if key in self.value else None
        )

    def notifications(self, key: str) -> NotificationsConfig | None:
        """A task's notification settings, if present."""
        if key not in self.value:
            return None
        return read_notifications(self.reader, self.at(key), self.value[key])

    def get(
        self,
        key: str,
        kind: type[T],
        *,
        required: bool = False,
        rule: Callable[[T], str | None] | None = None,
    ) -> T | None:
        """The value at ``key`` if present, of JSON type ``kind`` and passing ``rule``."""
        if key not in self.value:
            if required:
                self.reader.fail(self.at(key), "is required but missing")
            return None
        return self.reader.typed(self.at(key), self.value[key], kind, rule)

    def string_list(
        self, key: str, *, rule: Callable[[str], str | None] | None = None, required: bool = False
    ) -> tuple[str, ...] | None:
        """A list of strings at ``key``, each passing ``rule``."""
        items = self.get(key, list, required=required)
        if items is None:
            return None
        return self.reader.strings(self.at(key), items, rule)

    def objects(self, key: str, *, required: bool = False) -> list[tuple[str, dict[str, Any]]]:
        """``(path, object)`` for each object in the list at ``key``."""
        items = self.get(key, list, required=required)
        if items is None:
            return []
        found = []
        for index, item in enumerate(items):
            path = f"{self.at(key)}[{index}]"
            obj = self.reader.typed(path, item, dict, None)
            if obj is not None:
                found.append((path, obj))
        return found


class _Reader:
    """Walks the mapping, building dataclasses and collecting every problem on the way."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, problem: str) -> None:
        self.problems.append(f"{path}: {problem}")

    def check(self, path: str, value: Any, rule: Callable[[Any], str | None]) -> None:
        """Record ``rule``'s problem with ``value`` (already of the right type), if any."""
        problem = rule(value)
        if problem:
            self.fail(path, problem)

    def inert(self, path: str, value: Any) -> None:
        """Refuse, anywhere in the settings, what aws-cdk-lib would not take as plain data: text
        it reads as a token (``${Token[...]}``) and keys JavaScript treats as the prototype."""
        if isinstance(value, str):
            problem = rules.plain_text(value)
            if problem:
                self.fail(path, problem)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.inert(f"{path}[{index}]", item)
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = rules.plain_key(key)
                if problem:
                    self.fail(f"{path}.{key}", problem)
                else:
                    self.inert(f"{path}.{key}", item)

    def typed(
        self, path: str, value: Any, kind: type[T], rule: Callable[[T], str | None] | None
    ) -> T | None:
        """``value`` if it has JSON type ``kind`` (booleans are not integers) and obeys ``rule``."""
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(path, f"must be {_TYPE_NAMES[kind]}, got {_describe(value)}")
            return None
        if rule is not None:
            problem = rule(value)
            if problem:
                self.fail(path, problem)
                return None
        return value

    def strings(
        self, path: str, items: list[Any], rule: Callable[[str], str | None] | None
    ) -> tuple[str, ...] | None:
        values = [self.typed(f"{path}[{i}]", item, str, rule) for i, item in enumerate(items)]
        if any(value is None for value in values):
            return None
        return tuple(v for v in values if v is not None)

    def obj(
        self, path: str, value: Any, *, required: set[str], optional: set[str]
    ) -> _Object | None:
        """An object with only known keys; unknown keys get a did-you-mean.

        Missing ``required`` keys are reported when they are read (``get(required=True)``).
        """
        mapping = self.typed(path, value, dict, None)
        if mapping is None:
            return None
        known = required | optional
        for key in mapping:
            if key not in known:
                close = difflib.get_close_matches(key, sorted(known), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {_list(known)}"
                self.fail(f"{path}.{key}", f"unknown key; {hint}")
        return _Object(self, path, mapping)

    # -- the sections -------------------------------------------------------------------

    def root(self, value: Any) -> PatchWindowConfig | None:
        obj = self.obj(
            ROOT,
            value,
            required=set(),
            optional={
                "windows",
                "stack_name",
                "role",
                "pass_role",
                "scan_then_install",
                "patch_baselines",
                "quotas",
                "deployment",
                "alerts",
            },
        )
        if obj is None:
            return None
        quotas = self.quotas(obj.at("quotas"), obj.value["quotas"]) if "quotas" in obj else None
        stack_name = obj.get("stack_name", str, rule=tables.STACK.rule("stack_name"))
        role = self.role(obj.at("role"), obj.value["role"]) if "role" in obj.value else None
        pass_role = (
            self.pass_role(obj.at("pass_role"), obj.value["pass_role"])
            if "pass_role" in obj.value
            else None
        )
        patterns = tuple(
            pattern
            for path, item in obj.objects("scan_then_install")
            if (pattern := self.scan_then_install(path, item)) is not None
        )
        windows = tuple(
            window
            for path, item in obj.objects("windows", required="scan_then_install" not in obj.value)
            if (window := self.window(path, item)) is not None
        )
        baselines = self.patch_baselines(obj)
        alerts = (
            read_alerts(self, obj.at("alerts"), obj.value["alerts"])
            if "alerts" in obj.value
            else None
        )
        if obj.value.get("windows") == [] and not obj.value.get("scan_then_install"):
            self.fail(obj.at("windows"), "must list at least one window, got []")
        self.unique_names(obj.at("windows"), [w.name for w in windows], "window")
        self.unique_ids(
            obj.at("windows"),
            [(w.id, w.name) for w in windows] + [(None, p.name) for p in patterns],
            "window",
        )
        self.unique_names(
            obj.at("scan_then_install"),
            [p.name for p in patterns],
            "scan_then_install",
            taken={w.name for w in windows},
        )
        derived = {
            f"{pattern.name}-{phase}": f"scan_then_install[{index}]"
            for index, pattern in enumerate(patterns)
            for phase in ("Scan", "Install")
        }
        for index, window in enumerate(windows):
            if window.name in derived:
                self.fail(
                    f"{obj.at('windows')}[{index}].name",
                    f"duplicate window name {window.name!r}: {derived[window.name]} names one "
                    "of its windows so; each window needs its own name",
                )
        if not self.problems:
            check_created_log_groups(
                self,
                [
                    (f"{obj.at('windows')}[{w}].tasks[{t}]", task)
                    for w, window in enumerate(windows)
                    for t, task in enumerate(window.tasks)
                ],
            )
        deployment = (
            self.deployment(obj.at("deployment"), obj.value["deployment"], windows)
            if "deployment" in obj
            else None
        )
        if not self.problems:
            self.check_quotas(obj, windows, patterns, quotas or Quotas())
        if self.problems:
            return None
        unset = PatchWindowConfig(windows=windows)
        config = PatchWindowConfig(
            windows=windows,
            stack_name=stack_name or unset.stack_name,
            role=role or unset.role,
            pass_role=pass_role,
            scan_then_install=patterns,
            patch_baselines=baselines,
            quotas=quotas or unset.quotas,
            deployment=deployment,
            alerts=alerts,
        )
        taken = derived_construct_ids(config)
        names = [("windows", i, w.name) for i, w in enumerate(windows)]
        names += [("scan_then_install", i, p.name) for i, p in enumerate(patterns)]
        for key, index, name in names:
            if name in taken:
                self.fail(
                    f"{obj.at(key)}[{index}].name",
                    f"must differ from the construct id of {taken[name]} in this stack, "
                    f"got {name!r}",
                )
        return None if self.problems else config

    def deployment(
        self, path: str, value: Any, windows: Sequence[WindowConfig]
    ) -> DeploymentConfig | None:
        """``deployment``: environments (one stage each) and the home Region of their IAM."""
        obj = self.obj(
            path, value, required={"home_region"}, optional={"environments", "stack_set"}
        )
        if obj is None:
            return None
        home = obj.get(
            "home_region", str, required=True, rule=tables.DEPLOYMENT.rule("home_region")
        )
        if "environments" not in obj and "stack_set" not in obj:
            self.fail(path, "must give environments, stack_set or both, got neither")
        stack_set = (
            self.stack_set(obj.at("stack_set"), obj.value["stack_set"])
            if "stack_set" in obj
            else None
        )
        items = obj.objects("environments")
        environments = [
            environment
            for env_path, item in items
            if (environment := self.environment(env_path, item, windows)) is not None
        ]
        if obj.value.get("environments") == []:
            self.fail(obj.at("environments"), "must list at least one environment, got []")
        declared = [(item.get("name"), item.get("account")) for _, item in items]
        self.unique_names(
            obj.at("environments"),
            [name for name, _ in declared if isinstance(name, str)],
            "environment",
        )
        seen: dict[str, Any] = {}
        for index, (name, account) in enumerate(declared):
            if not isinstance(account, str):
                continue
            if account in seen:
                self.fail(
                    f"{obj.at('environments')}[{index}].account",
                    f"is already the account of environment {seen[account]!r}, "
                    f"got {account!r}: the account-global role exists once per "
                    "account, so each account belongs to one environment",
                )
            seen.setdefault(account, name)
        if home is None or len(environments) != len(obj.value.get("environments") or ()):
            return None
        if "stack_set" in obj and stack_set is None:
            return None
        return DeploymentConfig(
            home_region=home, environments=tuple(environments), stack_set=stack_set
        )

    def stack_set(self, path: str, value: Any) -> StackSetConfig | None:
        """``deployment.stack_set``: the OUs and Regions, and how operations roll out."""
        optional = {
            "auto_deployment", "retain_stacks_on_account_removal", "max_concurrent_percentage",
            "failure_tolerance_percentage", "region_concurrency", "region_order", "call_as",
        }  # fmt: skip
        obj = self.obj(path, value, required={"organizational_units", "regions"}, optional=optional)
        if obj is None:
            return None
        table = tables.STACK_SET
        values: dict[str, Any] = {}
        for key in ("organizational_units", "regions", "region_order"):
            items = obj.string_list(
                key, rule=table.rule(key, each=True), required=key != "region_order"
            )
            if items is not None and key != "region_order":
                self.check(obj.at(key), items, table.rule(key))
            values[key] = items
        if values["region_order"] is not None and values["regions"] is not None:
            self.check(
                obj.at("region_order"),
                values["region_order"],
                lambda order: table.pair("region_order", "regions")(order, values["regions"]),
            )
        for key in ("max_concurrent_percentage", "failure_tolerance_percentage"):
            values[key] = obj.get(key, int, rule=table.rule(key))
        for key in ("region_concurrency", "call_as"):
            values[key] = obj.get(key, str, rule=table.rule(key))
        for key in ("auto_deployment", "retain_stacks_on_account_removal"):
            values[key] = obj.get(key, bool)
        if values["auto_deployment"] is False and "retain_stacks_on_account_removal" in obj:
            self.fail(
                obj.at("retain_stacks_on_account_removal"),
                "applies only with auto_deployment: true (StackSets then remove an account's "
                f"stacks as it leaves an OU), got {values['retain_stacks_on_account_removal']!r}",
            )
            return None
        if values["organizational_units"] is None or values["regions"] is None:
            return None
        if any(key in obj and values[key] is None for key in optional):
            return None
        return StackSetConfig(**{k: v for k, v in values.items() if v is not None})

    def environment(
        self, path: str, value: Any, windows: Sequence[WindowConfig]
    ) -> EnvironmentConfig | None:
        obj = self.obj(
            path, value, required={"name", "account", "regions"}, optional={"window_overrides"}
        )
        if obj is None:
            return None
        name = obj.get("name", str, required=True, rule=tables.ENVIRONMENT.rule("name"))
        account = obj.get("account", str, required=True, rule=tables.ENVIRONMENT.rule("account"))
        regions = obj.string_list(
            "regions", rule=tables.ENVIRONMENT.rule("regions", each=True), required=True
        )
        if regions is not None:
            self.check(obj.at("regions"), regions, tables.ENVIRONMENT.rule("regions"))
        by_name = {window.name: window for window in windows}
        overrides = [
            override
            for override_path, item in obj.objects("window_overrides")
            if (override := self.window_override(override_path, item, by_name)) is not None
        ]
        self.unique_names(
            obj.at("window_overrides"), [o.window for o in overrides], "window override"
        )
        if name is None or account is None or regions is None:
            return None
        return EnvironmentConfig(
            name=name, account=account, regions=regions, window_overrides=tuple(overrides)
        )

    def window_override(
        self, path: str, value: Any, windows: Mapping[str, WindowConfig]
    ) -> WindowOverrideConfig | None:
        keys = {"schedule", "schedule_timezone", "duration_hours", "cutoff_hours"}
        obj = self.obj(path, value, required={"window"}, optional=keys)
        if obj is None:
            return None
        name = obj.get("window", str, required=True)
        if name is not None and name not in windows:
            close = difflib.get_close_matches(name, sorted(windows), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"windows: {_list(list(windows))}"
            self.fail(obj.at("window"), f"names no window of windows[], got {name!r}; {hint}")
            return None
        schedule = obj.get("schedule", str, rule=WINDOW.rule("schedule"))
        timezone = obj.get("schedule_timezone", str, rule=WINDOW.rule("time_zone"))
        duration = obj.get("duration_hours", int, rule=WINDOW.rule("duration"))
        cutoff = obj.get("cutoff_hours", int, rule=WINDOW.rule("cutoff"))
        if name is None or any(
            key in obj.value and found is None
            for key, found in (
                ("schedule", schedule),
                ("schedule_timezone", timezone),
                ("duration_hours", duration),
                ("cutoff_hours", cutoff),
            )
        ):
            return None
        window = windows[name]
        merged_cutoff = window.cutoff_hours if cutoff is None else cutoff
        merged_duration = window.duration_hours if duration is None else duration
        problem = WINDOW.pair("cutoff", "duration")(merged_cutoff, merged_duration)
        if problem:
            self.fail(obj.at("cutoff_hours" if cutoff is not None else "duration_hours"), problem)
            return None
        if window.schedule_offset is not None and schedule is not None:
            problem = WINDOW.pair("schedule_offset", "schedule")(window.schedule_offset, schedule)
            if problem:
                self.fail(obj.at("schedule"), problem)
                return None
        return WindowOverrideConfig(
            window=name,
            schedule=schedule,
            schedule_timezone=timezone,
            duration_hours=duration,
            cutoff_hours=cutoff,
        )

    def quotas(self, path: str, value: Any) -> Quotas | None:
        """``quotas``: one positive integer per quota the account has raised."""
        obj = self.obj(path, value, required=set(), optional=set(QUOTA_NAMES))
        if obj is None:
            return None
        values = {
            key: obj.get(key, int, rule=tables.QUOTAS.rule(key))
            for key in QUOTA_NAMES
            if key in obj
        }
        if len(values) != len(obj.value):
            return None
        given = {key: value for key, value in values.items() if value is not None}
        if len(given) != len(values):
            return None
        return Quotas(**given)

    def check_quotas(
        self,
        root: _Object,
        windows: Sequence[WindowConfig],
        patterns: Sequence[ScanThenInstallConfig],
        quotas: Quotas,
    ) -> None:
        """What one stack holds against the quotas of one account and Region."""
        self.check(
            root.at("windows"),
            len(windows) + 2 * len(patterns),
            lambda count: quota_rules.windows_per_region(count, quotas.windows),
        )
        for index, window in enumerate(windows):
            path = f"{root.at('windows')}[{index}]"
            self.window_quotas(path, window, quotas)
        for index, pattern in enumerate(patterns):
            self.target_quotas(
                f"{root.at('scan_then_install')}[{index}].target", pattern.target, quotas
            )

    def window_quotas(self, path: str, window: WindowConfig, quotas: Quotas) -> None:
        """One window's targets and tasks against the per-window and per-task quotas."""
        problem = quota_rules.targets_per_window(len(window.targets), quotas.targets_per_window)
        if problem:
            self.fail(f"{path}.targets", problem)
        problem = quota_rules.tasks_per_window(len(window.tasks), quotas.tasks_per_window)
        if problem:
            self.fail(f"{path}.tasks", problem)
        every = [target.name or "" for target in window.targets]
        for index, task in enumerate(window.tasks):
            named = list(task.targets) if task.targets is not None else None
            if named is None and TASK_KINDS[task.type].always_targeted:
                named = every
            problem = quota_rules.targets_per_task(
                len(named or ()),
                quotas.targets_per_task,
                every=named is not None and sorted(named) == sorted(every),
            )
            if problem:
                self.fail(f"{path}.tasks[{index}].targets", problem)
        for index, target in enumerate(window.targets):
            self.target_quotas(f"{path}.targets[{index}]", target, quotas)

    def target_quotas(self, path: str, target: TargetConfig, quotas: Quotas) -> None:
        if target.instance_ids is not None:
            problem = quota_rules.instance_ids_per_target(
                len(target.instance_ids), quotas.instance_ids_per_target
            )
            if problem:
                self.fail(f"{path}.instance_ids", problem)

    def role(self, path: str, value: Any) -> RoleConfig | None:
        obj = self.obj(
            path,
            value,
            required=set(),
            optional={
                "role_name",
                "description",
                "trusted_services",
                "policy",
                "restrict_source_account",
            },
        )
        if obj is None:
            return None
        services = obj.string_list(
            "trusted_services", rule=tables.ROLE.rule("trusted_services", each=True)
        )
        if services is not None:
            self.check(obj.at("trusted_services"), services, tables.ROLE.rule("trusted_services"))
        policy = obj.get("policy", str, rule=tables.ROLE.rule("policy"))
        restrict = obj.get("restrict_source_account", bool)
        return RoleConfig(
            role_name=obj.get("role_name", str, rule=tables.ROLE.rule("role_name")),
            description=obj.get("description", str, rule=tables.ROLE.rule("description")),
            trusted_services=services or RoleConfig().trusted_services,
            policy=policy or RoleConfig().policy,
            restrict_source_account=bool(restrict),
        )

    def pass_role(self, path: str, value: Any) -> PassRoleConfig | None:
        obj = self.obj(path, value, required={"group_names"}, optional={"policy_name"})
        if obj is None:
            return None
        groups = obj.string_list(
            "group_names",
            rule=tables.PASS_ROLE_POLICY.rule("group_names", each=True),
            required=True,
        )
        self.unique_names(obj.at("group_names"), list(groups or ()), "group")
        return PassRoleConfig(
            group_names=groups or (),
            policy_name=obj.get(
                "policy_name", str, rule=tables.PASS_ROLE_POLICY.rule("managed_policy_name")
            ),
        )

    def window(self, path: str, value: Any) -> WindowConfig | None:
        obj = self.obj(
            path,
            value,
            required={"name", "schedule", "duration_hours", "cutoff_hours"},
            optional={
                "id",
                "allow_unassociated_targets",
                "targets",
                "tasks",
                "description",
                "schedule_timezone",
                "schedule_offset",
                "start_date",
                "end_date",
            },
        )
        if obj is None:
            return None
        name = obj.get("name", str, required=True, rule=WINDOW.rule("name"))
        id_ = obj.get("id", str, rule=rules.construct_id)
        schedule = obj.get("schedule", str, required=True, rule=WINDOW.rule("schedule"))
        duration = obj.get("duration_hours", int, required=True, rule=WINDOW.rule("duration"))
        cutoff = obj.get("cutoff_hours", int, required=True, rule=WINDOW.rule("cutoff"))
        if duration is not None and cutoff is not None:
            problem = WINDOW.pair("cutoff", "duration")(cutoff, duration)
            if problem:
                self.fail(obj.at("cutoff_hours"), problem)
        target_items = obj.objects("targets")
        targets = tuple(
            target
            for target_path, item in target_items
            if (target := self.target(target_path, item)) is not None
        )
        # Tasks are checked against every declared target name, valid or not, so one bad
        # target is reported once rather than again on each task that names it.
        declared = [item["name"] for _, item in target_items if isinstance(item.get("name"), str)]
        self.unique_names(obj.at("targets"), declared, "target")
        tasks = tuple(
            task
            for task_path, item in obj.objects("tasks")
            if (task := self.task(task_path, item, declared, bool(obj.value.get("targets"))))
            is not None
        )
        self.unique_names(obj.at("tasks"), [t.name for t in tasks], "task")
        self.unique_ids(obj.at("targets"), [(t.id, t.name or "") for t in targets], "target")
        self.unique_ids(obj.at("tasks"), [(t.id, t.name) for t in tasks], "task")
        allow = obj.get("allow_unassociated_targets", bool)
        description = obj.get("description", str, rule=WINDOW.rule("description"))
        timezone = obj.get("schedule_timezone", str, rule=WINDOW.rule("time_zone"))
        offset = obj.get("schedule_offset", int)
        if offset is not None and schedule is not None:
            problem = WINDOW.pair("schedule_offset", "schedule")(offset, schedule)
            if problem:
                self.fail(obj.at("schedule_offset"), problem)
        start = self.date(obj, "start_date")
        end = self.date(obj, "end_date")
        if start is not None and end is not None:
            problem = WINDOW.pair("end_date", "start_date")(end, start)
            if problem:
                self.fail(obj.at("end_date"), problem)
        if None in (name, schedule, duration, cutoff):
            return None
        assert name is not None
        assert schedule is not None
        assert duration is not None
        assert cutoff is not None
        return WindowConfig(
            name=name,
            id=id_,
            schedule=schedule,
            duration_hours=duration,
            cutoff_hours=cutoff,
            allow_unassociated_targets=bool(allow),
            targets=targets,
            tasks=tasks,
            description=description,
            schedule_timezone=timezone,
            schedule_offset=offset,
            start_date=start,
            end_date=end,
        )

    def date(self, obj: _Object, key: str) -> datetime.datetime | None:
        text = obj.get(key, str)
        if text is None:
            return None
        try:
            value = datetime.datetime.fromisoformat(text)
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            self.fail(
                obj.at(key),
                "must be an ISO 8601 date-time with a UTC offset, such as "
                f"'2026-04-07T14:29:00-08:00', got {text!r}",
            )
            return None
        return self.typed(obj.at(key), value, datetime.datetime, WINDOW.rule(key))

    def target(self, path: str, value: Any, *, name_required: bool = True) -> TargetConfig | None:
        obj = self.obj(
            path,
            value,
            required={"name"} if name_required else set(),
            # A pattern's target (name_required=False) sits at a construct id of its own.
            optional={"description", "owner_information", *TARGET_FORMS}
            | ({"id"} if name_required else {"name"}),
        )
        if obj is None:
            return None
        name = obj.get("name", str, required=name_required, rule=tables.TARGET.rule("name"))
        id_ = obj.get("id", str, rule=rules.construct_id)
        forms = [form for form in TARGET_FORMS if form in obj.value]
        if len(forms) != 1:
            self.fail(
                path,
                f"must select instances with exactly one of {', '.join(TARGET_FORMS)}, "
                f"got {' and '.join(forms) or 'none'}",
            )
            return None
        selection = self.target_selection(obj, forms[0])
        description = obj.get("description", str, rule=tables.TARGET.rule("description"))
        owner = obj.get("owner_information", str, rule=tables.TARGET.rule("owner_information"))
        if (name_required and name is None) or selection is None:
            return None
        return TargetConfig(
            name=name, id=id_, description=description, owner_information=owner, **selection
        )

    def target_selection(self, obj: _Object, form: str) -> dict[str, Any] | None:
        """The one selection form of a target, checked by the library's own selector for that
        form: its TargetConfig fields."""
        if form == "tags":
            tags = self.string_lists(obj, "tags")
            problem = TargetSelector.by_tags(tags).problem() if tags is not None else None
            if problem:
                self.fail(obj.at("tags"), problem)
            return {"tags": tags} if tags is not None and not problem else None
        if form in ("tag_keys", "instance_ids"):
            factory = (
                TargetSelector.by_tag_keys if form == "tag_keys" else TargetSelector.by_instance_ids
            )
            items = obj.string_list(form)
            problem = factory(items).problem() if items is not None else None
            if problem:
                self.fail(obj.at(form), problem)
            return {form: items} if items is not None and not problem else None
        if form == "patch_group":
            return self.patch_group_target(obj)
        group = self.obj(
            obj.at(form), obj.value[form], required={"name"}, optional={"resource_types"}
        )
        if group is None:
            return None
        group_name = group.get("name", str, required=True, rule=ResourceGroupSelector.name_problem)
        types = group.string_list("resource_types")
        problem = ResourceGroupSelector.types_problem(types or ())
        if problem:
            self.fail(group.at("resource_types"), problem)
        if group_name is None or problem or (types is None and "resource_types" in group.value):
            return None
        return {"resource_group": group_name, "resource_types": types or ()}

    def patch_group_target(self, obj: _Object) -> dict[str, Any] | None:
        """``patch_group``: a group name, or ``{"name": ..., "tag_key": "Patch Group"}``."""
        value = obj.value["patch_group"]
        tag_key = defaults.PATCH_GROUP_TAG_KEY
        if isinstance(value, dict):
            group_obj = self.obj(
                obj.at("patch_group"), value, required={"name"}, optional={"tag_key"}
            )
            if group_obj is None:
                return None
            group = group_obj.get("name", str, required=True)
            tag_key = group_obj.get("tag_key", str) or tag_key
        else:
            group = self.typed(obj.at("patch_group"), value, str, None)
        if group is None:
            return None
        problem = TargetSelector.by_patch_group(group, tag_key).problem()
        if problem:
            self.fail(obj.at("patch_group"), problem)
            return None
        return {"patch_group": group, "patch_group_tag_key": tag_key}

    def run_table(self, path: str, table: tables.RuleTable, values: Mapping[str, Any]) -> bool:
        """Run ``table``'s rows on ``values`` (props named as the keys under ``path``); whether
        every row passed."""
        found = table.problems(values)
        for prop, problem in found:
            self.fail(f"{path}.{prop}", problem)
        return not found

    def patch_baselines(self, root: _Object) -> tuple[PatchBaselineConfig, ...]:
        """``patch_baselines``: each checked by the library's rows, then across the list."""
        read = [
            (path, baseline)
            for path, item in root.objects("patch_baselines")
            if (baseline := self.patch_baseline(path, item)) is not None
        ]
        seen: set[str] = set()
        for path, baseline in read:
            if baseline.name in seen:
                self.fail(
                    path,
                    f"duplicate patch baseline name {baseline.name!r}; each patch baseline "
                    "needs its own name",
                )
            seen.add(baseline.name)
        for index, problem in baseline_rules.one_default_per_os(
            [(b.name, b.operating_system, b.default) for _, b in read]
        ):
            self.fail(f"{read[index][0]}.default", problem)
        for index, problem in baseline_rules.one_baseline_per_group(
            [(b.name, b.operating_system, b.patch_groups) for _, b in read]
        ):
            self.fail(f"{read[index][0]}.patch_groups", problem)
        return tuple(baseline for _, baseline in read)

    def patch_baseline(self, path: str, value: Any) -> PatchBaselineConfig | None:
        obj = self.obj(
            path,
            value,
            required={"name", "operating_system"},
            optional={
                "description",
                "approval_rules",
                "global_filters",
                "approved_patches",
                "approved_patches_compliance_level",
                "rejected_patches",
                "rejected_patches_action",
                "sources",
                "patch_groups",
                "default",
            },
        )
        if obj is None:
            return None
        before = len(self.problems)
        name = obj.get("name", str, required=True)
        system = obj.get("operating_system", str, required=True)
        rule_objects = obj.objects("approval_rules")
        source_objects = obj.objects("sources")
        values: dict[str, Any] = {
            "name": name,
            "operating_system": system,
            "description": obj.get("description", str),
            "global_filters": self.string_lists(obj, "global_filters"),
            "approval_rules": [item for _, item in rule_objects],
            "approved_patches": obj.string_list("approved_patches"),
            "approved_patches_compliance_level": obj.get("approved_patches_compliance_level", str),
            "rejected_patches": obj.string_list("rejected_patches"),
            "rejected_patches_action": obj.get("rejected_patches_action", str),
            "sources": [item for _, item in source_objects],
            "patch_groups": obj.string_list("patch_groups"),
        }
        default = obj.get("default", bool)
        system_ok = self.run_table(path, tables.BASELINE, values) or (
            system is not None and tables.BASELINE.rule("operating_system")(system) is None
        )
        rules = tuple(
            rule
            for rule_path, item in rule_objects
            if (rule := self.approval_rule(rule_path, item, system if system_ok else None))
        )
        sources = tuple(
            source
            for source_path, item in source_objects
            if (source := self.patch_source(source_path, item)) is not None
        )
        if len(self.problems) > before or name is None or system is None:
            return None
        return PatchBaselineConfig(
            name=name,
            operating_system=system,
            description=values["description"],
            approval_rules=rules,
            global_filters=values["global_filters"],
            approved_patches=values["approved_patches"],
            approved_patches_compliance_level=values["approved_patches_compliance_level"],
            rejected_patches=values["rejected_patches"],
            rejected_patches_action=values["rejected_patches_action"],
            sources=sources,
            patch_groups=values["patch_groups"] or (),
            default=bool(default),
        )

    def approval_rule(
        self, path: str, value: dict[str, Any], system: str | None
    ) -> ApprovalRuleConfig | None:
        obj = self.obj(
            path,
            value,
            required={"filters"},
            optional={
                "approve_after_days",
                "approve_until_date",
                "compliance_level",
                "enable_non_security",
            },
        )
        if obj is None:
            return None
        values: dict[str, Any] = {
            "filters": self.string_lists(obj, "filters", required=True),
            "approve_after_days": obj.get("approve_after_days", int),
            "approve_until_date": obj.get("approve_until_date", str),
            "compliance_level": obj.get("compliance_level", str),
            "enable_non_security": obj.get("enable_non_security", bool),
            "operating_system": system,
        }
        ok = self.run_table(path, tables.APPROVAL_RULE, values)
        if system is not None:
            problem = baseline_rules.approval_delay(
                values["approve_after_days"], values["approve_until_date"], system
            )
            if problem:
                self.fail(path, problem)
                ok = False
        if not ok or values["filters"] is None:
            return None
        return ApprovalRuleConfig(
            filters=values["filters"],
            approve_after_days=values["approve_after_days"],
            approve_until_date=values["approve_until_date"],
            compliance_level=values["compliance_level"],
            enable_non_security=values["enable_non_security"],
        )

    def patch_source(self, path: str, value: dict[str, Any]) -> PatchSourceConfig | None:
        obj = self.obj(path, value, required={"name", "products", "configuration"}, optional=set())
        if obj is None:
            return None
        values: dict[str, Any] = {
            "name": obj.get("name", str, required=True),
            "products": obj.string_list("products", required=True),
            "configuration": obj.get("configuration", str, required=True),
        }
        if not self.run_table(path, tables.PATCH_SOURCE, values) or None in values.values():
            return None
        return PatchSourceConfig(**values)

    def string_lists(
        self, obj: _Object, key: str, *, required: bool = False
    ) -> Mapping[str, tuple[str, ...]] | None:
        """An object mapping names to lists of strings (tags, document parameters)."""
        mapping = obj.get(key, dict, required=required)
        if mapping is None:
            return None
        result: dict[str, tuple[str, ...]] = {}
        for name, items in mapping.items():
            path = f"{obj.at(key)}.{name}"
            listed = self.typed(path, items, list, None)
            values = self.strings(path, listed, None) if listed is not None else None
            if values is None:
                return None
            result[name] = values
        return MappingProxyType(result)

    def task(
        self, path: str, value: Any, target_names: list[str], window_has_targets: bool
    ) -> TaskConfig | None:
        raw_type = value.get("type", "RUN_COMMAND") if isinstance(value, dict) else None
        task_type = (
            raw_type
            if isinstance(raw_type, str) and raw_type in TASK_KINDS
            else defaults.TASK_TYPE.value
        )
        kind = TASK_KINDS[task_type]
        required = kind.required
        obj = self.obj(
            path, value, required={"name", *required}, optional=_COMMON_TASK_KEYS | kind.optional
        )
        if obj is None:
            return None
        obj.get("type", str, rule=rules.task_type)
        name = obj.get("name", str, required=True, rule=TASK.rule("name"))
        fields: dict[str, Any] = {"type": task_type}
        fields["id"] = obj.get("id", str, rule=rules.construct_id)
        fields["priority"] = obj.get("priority", int, rule=TASK.rule("priority"))
        fields["targets"] = targets = obj.string_list("targets")
        for index, target in enumerate(targets or ()):
            if target not in target_names:
                self.fail(
                    f"{obj.at('targets')}[{index}]",
                    f"names no target of this window, got {target!r}; "
                    f"targets: {_list(target_names) or 'none'}",
                )
        if targets is not None and not targets:
            self.fail(obj.at("targets"), "must name at least one target, got []")
        # A Run Command task always has targets (default: all of the window's).
        has_targets = kind.always_targeted or bool(targets)
        if kind.always_targeted and "targets" not in obj.value and not window_has_targets:
            self.fail(obj.at("targets"), "a Run Command task needs a target; the window has none")
        for key, rule in (
            ("max_concurrency", TASK.rule("max_concurrency")),
            ("max_errors", TASK.rule("max_errors")),
        ):
            if has_targets:
                fields[key] = obj.get(key, str, required=True, rule=rule)
            elif key in obj.value:
                self.fail(
                    obj.at(key),
                    f"must be left out of a targetless {task_type} task (no targets), "
                    f"got {obj.value[key]!r}",
                )
        fields["description"] = obj.get("description", str, rule=TASK.rule("description"))
        fields["cutoff_behavior"] = obj.get(
            "cutoff_behavior", str, rule=TASK.rule("cutoff_behavior")
        )
        fields.update(kind.read(obj))
        needed = [name] + [fields.get(key) for key in required]
        if has_targets:
            needed += [fields.get("max_concurrency"), fields.get("max_errors")]
        if None in needed or name is None:
            return None
        return TaskConfig(name=name, **{k: v for k, v in fields.items() if v is not None})

    def unique_names(
        self, path: str, names: list[str], kind: str, taken: set[str] | None = None
    ) -> None:
        """Names that would collide: two windows, targets or tasks with one name."""
        seen: set[str] = set(taken or ())
        for index, name in enumerate(names):
            if name in seen:
                self.fail(
                    f"{path}[{index}]",
                    f"duplicate {kind} name {name!r}; each {kind} needs its own name",
                )
            seen.add(name)

    def unique_ids(self, path: str, ids: list[tuple[str | None, str]], kind: str) -> None:
        """Construct ids that would collide: ``(id, name)`` pairs, the id being the name when
        unset. Two names alike are :meth:`unique_names`' to report; here an explicit ``id``
        is involved."""
        seen: dict[str, bool] = {}
        for index, (explicit, name) in enumerate(ids):
            id_ = explicit or name
            if id_ in seen and (explicit is not None or seen[id_]):
                self.fail(
                    f"{path}[{index}]",
                    f"duplicate {kind} id {id_!r} (an id, or the name of a {kind} without one); "
                    f"each {kind} needs its own id",
                )
            seen[id_] = seen.get(id_, False) or explicit is not None

    def scan_then_install(self, path: str, value: Any) -> ScanThenInstallConfig | None:
        obj = self.obj(
            path,
            value,
            required={"name", "target", "scan", "install"},
            optional={"output_bucket_name", "reboot_option"},
        )
        if obj is None:
            return None
        name = obj.get("name", str, required=True, rule=WINDOW.rule("name"))
        target = (
            self.target(obj.at("target"), obj.value["target"], name_required=False)
            if "target" in obj.value
            else None
        )
        if "target" not in obj.value:
            self.fail(obj.at("target"), "is required but missing")
        phases = {
            key: self.phase(obj.at(key), obj.value[key]) if key in obj.value else None
            for key in ("scan", "install")
        }
        for key in ("scan", "install"):
            if key not in obj.value:
                self.fail(obj.at(key), "is required but missing")
        bucket = obj.get("output_bucket_name", str, rule=tables.BUCKET.rule("bucket_name"))
        reboot = obj.get("reboot_option", str, rule=tables.PATCH_BASELINE.rule("reboot_option"))
        scan, install = phases["scan"], phases["install"]
        if name is None or target is None or scan is None or install is None:
            return None
        return ScanThenInstallConfig(
            name=name,
            target=target,
            scan=scan,
            install=install,
            output_bucket_name=bucket,
            reboot_option=reboot or defaults.INSTALL_REBOOT_OPTION.value,
        )

    def phase(self, path: str, value: Any) -> PhaseConfig | None:
        obj = self.obj(
            path,
            value,
            required={"schedule"},
            optional={
                "duration_hours",
                "cutoff_hours",
                "max_concurrency",
                "max_errors",
                "schedule_timezone",
                "schedule_offset",
                "output_key_prefix",
            },
        )
        if obj is None:
            return None
        fields: dict[str, Any] = {
            "schedule": obj.get("schedule", str, required=True, rule=WINDOW.rule("schedule")),
            "duration_hours": obj.get("duration_hours", int, rule=WINDOW.rule("duration")),
            "cutoff_hours": obj.get("cutoff_hours", int, rule=WINDOW.rule("cutoff")),
            "max_concurrency": obj.get("max_concurrency", str, rule=TASK.rule("max_concurrency")),
            "max_errors": obj.get("max_errors", str, rule=TASK.rule("max_errors")),
            "schedule_timezone": obj.get("schedule_timezone", str, rule=WINDOW.rule("time_zone")),
            "schedule_offset": obj.get("schedule_offset", int),
            "output_key_prefix": obj.get(
                "output_key_prefix", str, rule=RUN_COMMAND.rule("output_key_prefix")
            ),
        }
        if fields["schedule"] is None or any(
            key in obj.value and value is None for key, value in fields.items()
        ):
            return None  # a missing or refused setting (reported)
        phase = PhaseConfig(**{k: v for k, v in fields.items() if v is not None})
        problem = WINDOW.pair("cutoff", "duration")(phase.cutoff_hours, phase.duration_hours)
        if problem:
            self.fail(obj.at("cutoff_hours"), problem)
            return None
        if phase.schedule_offset is not None:
            problem = WINDOW.pair("schedule_offset", "schedule")(
                phase.schedule_offset, phase.schedule
            )
            if problem:
                self.fail(obj.at("schedule_offset"), problem)
                return None
        return phase


def read_output(reader: _Reader, path: str, value: Any) -> OutputConfig | None:
    """``output``: ``s3``, ``cloudwatch`` (at least one) and ``instance_role_names``."""
    obj = reader.obj(
        path, value, required=set(), optional={"s3", "cloudwatch", "instance_role_names"}
    )
    if obj is None:
        return None
    s3 = _read_s3(reader, obj.at("s3"), obj.value["s3"]) if "s3" in obj.value else None
    cloudwatch = (
        _read_cloudwatch(reader, obj.at("cloudwatch"), obj.value["cloudwatch"])
        if "cloudwatch" in obj.value
        else None
    )
    if "s3" not in obj.value and "cloudwatch" not in obj.value:
        reader.fail(path, "must set s3, cloudwatch or both, got neither")
    roles = obj.string_list(
        "instance_role_names", rule=tables.INSTANCE_ROLES.rule("role_names", each=True)
    )
    reader.unique_names(obj.at("instance_role_names"), list(roles or ()), "role")
    if (s3 is None and "s3" in obj.value) or (cloudwatch is None and "cloudwatch" in obj.value):
        return None
    return OutputConfig(s3=s3, cloudwatch=cloudwatch, instance_role_names=roles or ())


def _read_s3(reader: _Reader, path: str, value: Any) -> S3OutputConfig | None:
    obj = reader.obj(
        path, value, required=set(), optional={"bucket_name", "create_bucket", "key_prefix"}
    )
    if obj is None:
        return None
    name = obj.get("bucket_name", str, rule=tables.BUCKET.rule("bucket_name"))
    create = obj.get("create_bucket", bool)
    prefix = obj.get("key_prefix", str, rule=RUN_COMMAND.rule("output_key_prefix"))
    if "create_bucket" in obj.value and create is None:
        return None  # not a boolean: reported
    if "bucket_name" in obj.value and create:
        reader.fail(path, "give bucket_name (an existing bucket) or create_bucket: true, not both")
        return None
    if "bucket_name" not in obj.value and not create:
        reader.fail(path, "needs bucket_name (an existing bucket) or create_bucket: true")
        return None
    if name is None and not create:
        return None
    return S3OutputConfig(bucket_name=name, create_bucket=bool(create), key_prefix=prefix)


def _read_cloudwatch(reader: _Reader, path: str, value: Any) -> CloudWatchOutputConfig | None:
    obj = reader.obj(
        path, value, required={"log_group_name"}, optional={"create", "retention_days"}
    )
    if obj is None:
        return None
    name = obj.get(
        "log_group_name", str, required=True, rule=tables.LOG_GROUP.rule("log_group_name")
    )
    create = obj.get("create", bool)
    retention = obj.get("retention_days", int, rule=tables.LOG_GROUP.rule("retention_days"))
    if "create" in obj.value and create is None:
        return None  # not a boolean: reported
    if "retention_days" in obj.value and not create:
        reader.fail(
            obj.at("retention_days"),
            "applies only to a log group the stack creates (create: true)",
        )
        return None
    if name is None:
        return None
    return CloudWatchOutputConfig(
        log_group_name=name,
        create=bool(create),
        retention_days=defaults.LOG_RETENTION_DAYS if retention is None else retention,
    )


def read_notifications(reader: _Reader, path: str, value: Any) -> NotificationsConfig | None:
    """``notifications``: ``topic_arn`` or ``create_topic``, ``events``, ``type``."""
    obj = reader.obj(
        path, value, required=set(), optional={"topic_arn", "create_topic", "events", "type"}
    )
    if obj is None:
        return None
    arn = obj.get("topic_arn", str, rule=tables.NOTIFICATIONS.rule("topic_arn"))
    create = obj.get("create_topic", bool)
    events = obj.string_list("events")
    if events is not None:
        problem = tables.NOTIFICATIONS.rule("events")(events)
        if problem:
            reader.fail(obj.at("events"), problem)
            events = None
    kind = obj.get("type", str, rule=tables.NOTIFICATIONS.rule("type"))
    if "create_topic" in obj.value and create is None:
        return None  # not a boolean: reported
    if "topic_arn" in obj.value and create:
        reader.fail(path, "give topic_arn (an existing topic) or create_topic: true, not both")
        return None
    if "topic_arn" not in obj.value and not create:
        reader.fail(path, "needs topic_arn (an existing topic) or create_topic: true")
        return None
    if (arn is None and not create) or (events is None and "events" in obj.value):
        return None
    if kind is None and "type" in obj.value:
        return None
    unset = NotificationsConfig()
    return NotificationsConfig(
        topic_arn=arn,
        create_topic=bool(create),
        events=events or unset.events,
        notification_type=kind or unset.notification_type,
    )


def read_alerts(reader: _Reader, path: str, value: Any) -> AlertsConfig | None:
    """``alerts``: ``topic_arn`` (an existing topic), or none for a topic the stack creates."""
    obj = reader.obj(path, value, required=set(), optional={"topic_arn"})
    if obj is None:
        return None
    arn = obj.get("topic_arn", str, rule=tables.ALERTS.rule("topic_arn"))
    if arn is None and "topic_arn" in obj.value:
        return None
    return AlertsConfig(topic_arn=arn)


def check_created_log_groups(reader: _Reader, tasks: Sequence[tuple[str, TaskConfig]]) -> None:
    """A log group the stack creates has one retention, however many tasks write to it, and
    is created or imported, never both: the first task to name it would decide silently."""
    retention: dict[str, int] = {}
    created: dict[str, bool] = {}
    for path, task in tasks:
        cloudwatch = task.output.cloudwatch if task.output else None
        if cloudwatch is None:
            continue
        name = cloudwatch.log_group_name
        was_created = created.setdefault(name, cloudwatch.create)
        if was_created != cloudwatch.create:
            reader.fail(
                f"{path}.output.cloudwatch.create",
                f"log group {name!r} is {'created' if was_created else 'imported'} by an "
                f"earlier task, got create: {str(cloudwatch.create).lower()}; every task "
                "naming it must agree",
            )
            continue
        if not cloudwatch.create:
            continue
        known = retention.setdefault(name, cloudwatch.retention_days)
        if known != cloudwatch.retention_days:
            reader.fail(
                f"{path}.output.cloudwatch.retention_days",
                f"log group {name!r} is created with {known} days by an "
                f"earlier task, got {cloudwatch.retention_days}",
            )


def _list(names: set[str] | list[str]) -> str:
    return ", ".join(sorted(names)) if isinstance(names, set) else ", ".join(names)
