"""The windows a configuration creates, each with its schedule settings and its next runs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from patch_window.app.settings import PatchWindowConfig, PhaseConfig
from patch_window.next_runs import WindowTiming, next_runs

#: The phases of a ``scan_then_install`` pattern: its windows are ``<name>-<phase>``.
PHASES = ("Scan", "Install")


@dataclass(frozen=True)
class PlannedWindow:
    """A window as the stack will create it: its name, when it runs, how long it stays open."""

    name: str
    timing: WindowTiming
    duration_hours: int


def planned_windows(config: PatchWindowConfig) -> list[PlannedWindow]:
    """Every window of ``config``, in the order the stack creates them."""
    found = [
        PlannedWindow(
            window.name,
            WindowTiming(
                window.schedule,
                window.schedule_timezone,
                window.schedule_offset,
                window.start_date,
                window.end_date,
            ),
            window.duration_hours,
        )
        for window in config.windows
    ]
    for pattern in config.scan_then_install:
        for phase_name in PHASES:
            phase: PhaseConfig = getattr(pattern, phase_name.lower())
            found.append(
                PlannedWindow(
                    f"{pattern.name}-{phase_name}",
                    WindowTiming(phase.schedule, phase.schedule_timezone, phase.schedule_offset),
                    phase.duration_hours,
                )
            )
    return found


def preview(
    windows: list[PlannedWindow], *, after: datetime.datetime, count: int
) -> dict[str, Any]:
    """The JSON document ``patch-window preview --output json`` prints."""
    return {
        "windows": [
            {
                "name": window.name,
                "schedule": window.timing.schedule,
                "time_zone": window.timing.time_zone,
                "offset_days": window.timing.offset_days,
                "next_runs": [
                    run.isoformat() for run in next_runs(window.timing, after=after, count=count)
                ],
            }
            for window in windows
        ]
    }


def render_text(document: dict[str, Any], *, after: datetime.datetime) -> str:
    """The preview as a person reads it: a heading per window, then one run per line."""
    lines = [f"next runs after {after.isoformat()}"]
    for window in document["windows"]:
        lines.append("")
        lines.append(f"{window['name']}: {schedule_words(window)}")
        for run in window["next_runs"]:
            weekday = datetime.datetime.fromisoformat(run).strftime("%a")
            lines.append(f"  {weekday} {run}")
        if not window["next_runs"]:
            lines.append("  never: no run after that instant")
    return "\n".join(lines) + "\n"


def schedule_words(window: dict[str, Any]) -> str:
    """``cron(0 3 ? * TUE#2 *) in Europe/London, 2 day(s) after each match``."""
    words = f"{window['schedule']} in {window['time_zone'] or 'UTC'}"
    if window["offset_days"]:
        words += f", {window['offset_days']} day(s) after each match"
    return words
