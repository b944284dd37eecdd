"""``patch-window preview``: the next run times of every window the app creates.

Reads the same settings as the app, through the same reader: cdk.json's ``patch_window`` key in
the current directory (or the file its ``patch_window_file`` names), or ``--config FILE``, a
settings file such as ``examples/scan-then-install.json`` (a cdk.json is read for its
``patch_window`` key). Nothing is synthesized and no AWS call is made.

Exit statuses: 0 printed; 2 a bad argument or setting (one ``error:`` line per problem).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

from patch_window.app.context import (
    CONTEXT_KEY,
    escape_controls,
    json_object,
    load_context,
    read_json_file,
    settings,
)
from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError
from patch_window.preview.windows import planned_windows, preview, render_text

DEFAULT_COUNT = 5
MAX_COUNT = 1000
OUTPUTS = ("text", "json")
EXIT_BAD_INPUT = 2


def register(commands: Any) -> None:
    """Adds ``patch-window preview`` to ``commands`` (``ArgumentParser.add_subparsers()``)."""
    command = commands.add_parser("preview", help="when each window will run")
    command.add_argument(
        "--config", help="a settings file such as examples/hardened.json (default: cdk.json)"
    )
    command.add_argument(
        "-n", dest="count", default=str(DEFAULT_COUNT), help="runs per window (default: 5)"
    )
    command.add_argument("--after", help="an ISO 8601 instant (default: now; no offset: UTC)")
    command.add_argument("--output", default="text", help="text (default) or json")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        count = parse_count(args.count)
        after = parse_after(args.after)
        output = parse_output(args.output)
        config = read_settings(load_settings(args.config))
        document = preview(planned_windows(config), after=after, count=count)
    except PatchWindowValidationError as error:
        for problem in error.problems:
            print(f"error: {escape_controls(problem)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if output == "json":
        print(json.dumps(document, indent=2))
    else:
        print(render_text(document, after=after), end="")
    return 0


def parse_count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_COUNT:
        raise PatchWindowValidationError(
            f"-n: must be a whole number from 1 to {MAX_COUNT}, got {text!r}"
        )
    return int(text)


def parse_after(text: str | None) -> datetime.datetime:
    if text is None:
        return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    try:
        after = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise PatchWindowValidationError(
            f"--after: must be an ISO 8601 date-time such as 2026-12-01T00:00:00Z, got {text!r}"
        ) from None
    return after if after.tzinfo is not None else after.replace(tzinfo=datetime.UTC)


def parse_output(text: str) -> str:
    if text not in OUTPUTS:
        raise PatchWindowValidationError(f"--output: must be {' or '.join(OUTPUTS)}, got {text!r}")
    return text


def load_settings(config: str | None) -> Any:
    """The ``patch_window`` settings: ``config``'s, else cdk.json's (as the app reads them)."""
    if config is None:
        return settings(load_context({}, Path("cdk.json")))
    document = json_object(read_json_file(Path(config), "--config"), "--config")
    context = document.get("context")
    if isinstance(context, dict) and CONTEXT_KEY in context:
        return context[CONTEXT_KEY]  # a cdk.json
    return document
