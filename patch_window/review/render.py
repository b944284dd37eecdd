"""The Markdown review of one change, and the verdict ``--fail-on`` acts on. Pure."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from patch_window.review import iam, nag, windows
from patch_window.review.diff import Action, CreateOnly, ResourceChange, diff

#: ``--fail-on`` kinds and the actions they fail on.
FAIL_KINDS = {"replace": Action.REPLACE, "destroy": Action.REMOVE}

#: What a replacement costs, by resource type.
CONSEQUENCES = {
    windows.WINDOW: "a new `mw-` window id: its execution history stays with the old window, "
    "and anything keyed on the old id (alarms, scripts, other stacks) breaks",
    windows.TARGET: "a new window target id: tasks and scripts keyed on the old one break",
    windows.TASK: "a new window task id: its execution history stays with the old task",
}
#: The construct-id prefix the app puts before a target's or task's ``id`` (or name).
ID_PREFIX = {windows.TARGET: "Target", windows.TASK: "Task"}


@dataclass(frozen=True)
class StackReview:
    """Everything the change does to one stack; ``error`` when a side did not synthesize."""

    stack: str
    changes: tuple[ResourceChange, ...] = ()
    windows: tuple[windows.WindowReview, ...] = ()
    iam: tuple[iam.IamChange, ...] = ()
    nag_appearing: tuple[nag.Finding, ...] = ()
    nag_disappearing: tuple[nag.Finding, ...] = ()
    error: str | None = None


def review_stack(
    stack: str,
    base: tuple[Mapping[str, Any], Mapping[str, Any] | None],
    head: tuple[Mapping[str, Any], Mapping[str, Any] | None],
    create_only: CreateOnly,
) -> StackReview:
    """``base`` and ``head`` are each (template, validation report)."""
    changes = diff(base[0], head[0], create_only)
    renamed = {
        c.base_id: c.head_id for c in changes if c.base_id and c.head_id and c.base_id != c.head_id
    }
    appearing, disappearing = nag.review(base[1], head[1])
    return StackReview(
        stack,
        tuple(changes),
        tuple(windows.review(base[0], head[0], renamed)),
        tuple(iam.review(base[0], head[0], renamed)),
        tuple(appearing),
        tuple(disappearing),
    )


def failures(
    reviews: Collection[StackReview], fail_on: Collection[str], allowed_types: Collection[str]
) -> list[str]:
    """One line per change that ``fail_on`` refuses (resource types in ``allowed_types``
    excepted), and per side that did not synthesize."""
    actions = {FAIL_KINDS[kind] for kind in fail_on}
    found = [f"{r.stack}: {r.error}" for r in reviews if r.error]
    found += [
        f"{r.stack}: {c.action.value} {c.path} ({c.resource_type})"
        for r in reviews
        for c in r.changes
        if c.action in actions and c.resource_type not in allowed_types
    ]
    return found


def render(reviews: Collection[StackReview], base: str, head: str) -> str:
    """The whole review in Markdown."""
    lines = [f"## patch-window review: `{base}` -> `{head}`", ""]
    for stack in reviews:
        lines += _stack(stack)
    return "\n".join(lines).rstrip() + "\n"


def _count(changes: Collection[ResourceChange], action: Action) -> int:
    return sum(1 for c in changes if c.action is action)


def _stack(review: StackReview) -> list[str]:
    lines = [f"### Stack {review.stack}", ""]
    if review.error:
        return [*lines, f"**Cannot review:** {review.error}", ""]
    changes = review.changes
    if not changes and not review.nag_appearing and not review.nag_disappearing:
        return [*lines, "No change to the deployed resources.", ""]
    lines += [
        f"**{_count(changes, Action.REPLACE)} replaced, {_count(changes, Action.REMOVE)} "
        f"destroyed, {_count(changes, Action.UPDATE)} updated in place, "
        f"{_count(changes, Action.ADD)} added.**",
        "",
    ]
    if changes:
        lines += ["#### Resources", "", "| action | resource | type | what and why |"]
        lines += ["| --- | --- | --- | --- |"]
        order = [Action.REPLACE, Action.REMOVE, Action.UPDATE, Action.ADD]
        for change in sorted(changes, key=lambda c: (order.index(c.action), c.logical_id)):
            lines.append(
                f"| {_action(change.action)} | `{change.path}` | {change.resource_type} | "
                f"{_why(change)} |"
            )
        lines.append("")
    shown = [w for w in review.windows if w.status != "unchanged"]
    if shown:
        lines += ["#### Maintenance windows", ""]
        for window in shown:
            lines.append(f"**{window.name}** ({window.status})")
            lines += [f"- **{callout}**" for callout in window.callouts]
            lines += [f"- {line}" for line in window.lines]
            lines.append("")
    if review.iam:
        lines += ["#### IAM", ""]
        lines += [
            f"- {'**broadens**' if c.broadens else 'narrows'}: {c.words()}" for c in review.iam
        ]
        lines.append("")
    if review.nag_appearing or review.nag_disappearing:
        lines += ["#### cdk-nag", ""]
        lines += [f"- appears: {f.words()}" for f in review.nag_appearing]
        lines += [f"- disappears: {f.words()}" for f in review.nag_disappearing]
        lines.append("")
    return lines


def _action(action: Action) -> str:
    words = {Action.REPLACE: "**replace**", Action.REMOVE: "**destroy**"}
    return words.get(action, action.value)


def _why(change: ResourceChange) -> str:
    if change.action is Action.ADD:
        return "new"
    if change.action is Action.REMOVE:
        return "deleted: " + CONSEQUENCES.get(change.resource_type, "the resource is deleted")
    if change.action is Action.UPDATE:
        return "changes " + ", ".join(change.changed)
    parts = list(change.reasons)
    if change.resource_type in CONSEQUENCES:
        parts.append(CONSEQUENCES[change.resource_type])
    hint = keep_id_hint(change)
    if hint:
        parts.append(hint)
    return "; ".join(parts)


def keep_id_hint(change: ResourceChange) -> str | None:
    """How to keep a renamed window, target or task in place: the ``id`` to set in cdk.json."""
    if change.base_id == change.head_id or change.resource_type not in CONSEQUENCES:
        return None
    path = change.base.get("Metadata", {}).get("aws:cdk:path")
    if not isinstance(path, str):
        return None
    parts = path.split("/")
    head_path = change.head.get("Metadata", {}).get("aws:cdk:path")
    head_parts = head_path.split("/") if isinstance(head_path, str) else []
    if change.resource_type == windows.WINDOW and len(parts) >= 2:
        construct_id = parts[1]
    elif len(parts) >= 3 and len(head_parts) >= 2 and head_parts[1] != parts[1]:
        return "its window's construct id changes: keep the window's `id` to keep it"
    elif len(parts) >= 3:
        construct_id = parts[2].removeprefix(ID_PREFIX[change.resource_type])
    else:
        return None
    return f'to rename in place instead, keep `"id": "{construct_id}"` on it in cdk.json'
