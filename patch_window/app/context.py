"""Where the app's settings come from: cdk.json's ``patch_window`` context key, the context
the cdk CLI passes (with its overflow file), or a settings file (``patch_window_file``).

Shared by ``app.py`` and the ``patch-window`` subcommands that read the same settings as the app
(``patch-window preview``). Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from patch_window.errors import PatchWindowValidationError

CONTEXT_KEY = "patch_window"
FILE_CONTEXT_KEY = "patch_window_file"
CONTEXT_ENV = "CDK_CONTEXT_JSON"
OVERFLOW_ENV = "CONTEXT_OVERFLOW_LOCATION_ENV"
# patch_window_file: far above any real configuration (a template may hold 1 MB at most).
MAX_SETTINGS_BYTES = 1024 * 1024
# cdk.json and the CLI's overflow file also carry the CLI's own context (lookups, flags).
MAX_CONTEXT_BYTES = 16 * MAX_SETTINGS_BYTES


def load_context(environ: Mapping[str, str], cdk_json: Path) -> dict[str, Any]:
    """The context the app runs with: what the CLI passes, else cdk.json's context.

    ``cdk synth`` merges cdk.json, cdk.context.json and ``-c`` and passes them in
    ``CDK_CONTEXT_JSON``; keys that do not fit its environment limit (128 KiB) go to the file
    named by ``CONTEXT_OVERFLOW_LOCATION_ENV``, merged here as aws-cdk-lib merges them. A plain
    ``python app.py`` gets nothing from the CLI, so it reads ./cdk.json itself.
    """
    if CONTEXT_ENV in environ:
        context = json_object(environ[CONTEXT_ENV], CONTEXT_ENV)
        overflow = environ.get(OVERFLOW_ENV)
        if overflow:
            text = read_json_file(Path(overflow), OVERFLOW_ENV, MAX_CONTEXT_BYTES)
            context.update(json_object(text, OVERFLOW_ENV))
        return context
    if cdk_json.exists():
        cdk = json_object(read_json_file(cdk_json, "cdk.json", MAX_CONTEXT_BYTES), "cdk.json")
        context = cdk.get("context", {})
        if not isinstance(context, dict):
            raise PatchWindowValidationError(
                f"cdk.json: 'context' must be an object, got {type(context).__name__}"
            )
        return dict(context)
    return {}


def read_json_file(path: Path, setting: str, limit: int = MAX_SETTINGS_BYTES) -> str:
    """The text of a settings file: a regular file of at most ``limit`` bytes, UTF-8 with or
    without a byte-order mark (the CLI accepts one).

    A device or a FIFO is refused before it is opened for reading, so nothing hangs or reads
    without bound.
    """
    try:
        if not path.is_file():
            raise PatchWindowValidationError(
                f"{setting}: must name a regular JSON file, got {str(path)!r}"
                + ("" if path.exists() else " (no such file)")
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise PatchWindowValidationError(
            f"{setting}: cannot read {str(path)!r}: {error.strerror or error}"
        ) from None
    if len(data) > limit:
        raise PatchWindowValidationError(
            f"{setting}: {str(path)!r} must be at most {limit} bytes, got more"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PatchWindowValidationError(
            f"{setting}: {str(path)!r} is not UTF-8: byte {error.start} cannot be decoded"
        ) from None


def json_object(text: str, setting: str) -> dict[str, Any]:
    """``text`` parsed as a JSON object; invalid JSON is refused with its line and column."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise PatchWindowValidationError(
            f"{setting}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise PatchWindowValidationError(
            f"{setting}: JSON nested too deeply to read (Python's recursion limit)"
        ) from None
    if not isinstance(value, dict):
        raise PatchWindowValidationError(
            f"{setting}: must hold a JSON object, got {type(value).__name__}"
        )
    return value


def settings(context: dict[str, Any]) -> Any:
    """The ``patch_window`` settings: from ``patch_window_file`` if given, else cdk.json's key."""
    if FILE_CONTEXT_KEY in context:
        name = context[FILE_CONTEXT_KEY]
        if not isinstance(name, str) or not name:
            raise PatchWindowValidationError(
                f"{FILE_CONTEXT_KEY}: must be a file name, got {name!r}"
            )
        return json_object(read_json_file(Path(name), FILE_CONTEXT_KEY), FILE_CONTEXT_KEY)
    if CONTEXT_KEY not in context:
        raise PatchWindowValidationError(f"{CONTEXT_KEY}: is required in cdk.json's context")
    return context[CONTEXT_KEY]


def escape_controls(line: str) -> str:
    """``line`` with every control character shown as an escape, so one problem stays one line
    and nothing from the settings reaches the terminal raw."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if _is_control(char) else char
        for char in line
    )


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
