"""A :class:`~patch_window.history.walker.History` as text: the console's step 6.5 view."""

from __future__ import annotations

import datetime as dt

from patch_window.history.walker import FAILING_STATUSES, History, WindowHistory


def _time(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value else "-"


def _indent(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}" for line in text.splitlines()] or [f"{prefix}(empty)"]


def render_window(window: WindowHistory, show_output: bool) -> list[str]:
    lines = [f"window {window.window_id}  {window.name}"]
    if not window.executions:
        lines.append("  no executions in this period")
    for execution in window.executions:
        details = f" ({execution.status_details})" if execution.status_details else ""
        lines.append(
            f"  execution {execution.execution_id}  {execution.status}{details}  "
            f"{_time(execution.start_time)} -> {_time(execution.end_time)}"
        )
        for task in execution.tasks:
            lines.append(
                f"    task {task.name} ({task.type})  {task.status}  [{task.task_execution_id}]"
            )
            if not task.invocations:
                lines.append("      no invocations")
            for invocation in task.invocations:
                lines.append(
                    f"      {invocation.instance_id or '-'}  {invocation.status}  "
                    f"command {invocation.command_id or '-'}"
                )
                if not show_output:
                    continue
                for step in invocation.steps:
                    lines.append(f"        step {step.name}: {step.status}")
                    lines += _indent(step.output, "          | ") if step.output else []
                    if step.error:
                        lines.append("          standard error:")
                        lines += _indent(step.error, "          ! ")
                    if step.full_output_at:
                        lines.append(f"          full output: {step.full_output_at}")
    for entry in window.not_invoked:
        lines.append(f"  not invoked: {entry.instance_id}  {entry.reason}")
    return lines


def render(history: History, show_output: bool) -> str:
    """Each window, its executions newest first, then the failing ones named at the end."""
    lines: list[str] = []
    for window in history.windows:
        if lines:
            lines.append("")
        lines += render_window(window, show_output)
    failed = history.failed()
    if failed:
        lines.append("")
        for window in failed:
            assert window.latest is not None
            lines.append(
                f"latest execution of {window.name} ({window.window_id}) is "
                f"{window.latest.status} (one of {', '.join(FAILING_STATUSES)})"
            )
    return "\n".join(lines)
