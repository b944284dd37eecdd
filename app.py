#!/usr/bin/env python3
"""The CDK app: the only place that reads configuration (cdk.json's ``patch_window`` key).

Configuration is read and checked before aws-cdk-lib is imported, so a bad setting stops in
milliseconds with one ``error: patch_window.<path>: ...`` line per problem on stderr and exit
status 2, without a traceback, both under ``cdk synth`` and as ``python app.py``.

``-c patch_window_file=examples/hardened.json`` reads the ``patch_window`` settings from that
JSON file instead of cdk.json's key (the hardened example). Synthesis runs the cdk-nag packs
of :mod:`patch_window.compliance`, unless ``-c patch_window_checks=false`` turns them off for a
faster ``cdk synth`` or ``cdk diff`` (``make synth``, the tests and CI always run them).

Exit statuses: 0 synthesized; 2 a bad setting (``error: patch_window.<path>: ...``); 3 an
unacknowledged cdk-nag finding (CDK lists each with the id to acknowledge it by); 4 another
validation plugin, such as CloudFormation Validate, refused the template (a patch-window bug,
never something to acknowledge); 1 aws-cdk-lib failed otherwise. Synthesis warnings (such as
``patch-window:max-errors-zero``) go to stderr as ``warning: <construct path>: ...`` lines;
under the cdk CLI, the CLI prints them.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any

from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError
from patch_window.rules import template_counts, template_size

CONTEXT_KEY = "patch_window"
FILE_CONTEXT_KEY = "patch_window_file"
CONTEXT_ENV = "CDK_CONTEXT_JSON"
OVERFLOW_ENV = "CONTEXT_OVERFLOW_LOCATION_ENV"
# patch_window_file: far above any real configuration (a template may hold 1 MB at most).
MAX_SETTINGS_BYTES = 1024 * 1024
# cdk.json and the CLI's overflow file also carry the CLI's own context (lookups, flags).
MAX_CONTEXT_BYTES = 16 * MAX_SETTINGS_BYTES
CHECKS_CONTEXT_KEY = "patch_window_checks"
EXIT_SYNTH_FAILED = 1
EXIT_BAD_CONFIG = 2
EXIT_CHECKS_FAILED = 3
EXIT_TEMPLATE_INVALID = 4


def load_context(environ: os._Environ[str] | dict[str, str], cdk_json: Path) -> dict[str, Any]:
    """The context the app runs with: what the CLI passes, else cdk.json's context.

    ``cdk synth`` merges cdk.json, cdk.context.json and ``-c`` and passes them in
    ``CDK_CONTEXT_JSON``; keys that do not fit its environment limit (128 KiB) go to the file
    named by ``CONTEXT_OVERFLOW_LOCATION_ENV``, merged here as aws-cdk-lib merges them. A plain
    ``python app.py`` gets nothing from the CLI, so it reads ./cdk.json itself.
    """
    if CONTEXT_ENV in environ:
        context = _json_object(environ[CONTEXT_ENV], CONTEXT_ENV)
        overflow = environ.get(OVERFLOW_ENV)
        if overflow:
            text = read_json_file(Path(overflow), OVERFLOW_ENV, MAX_CONTEXT_BYTES)
            context.update(_json_object(text, OVERFLOW_ENV))
        return context
    if cdk_json.exists():
        cdk = _json_object(read_json_file(cdk_json, "cdk.json", MAX_CONTEXT_BYTES), "cdk.json")
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


def _json_object(text: str, setting: str) -> dict[str, Any]:
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


def escape_controls(line: str) -> str:
    """``line`` with every control character shown as an escape, so one problem stays one line
    and nothing from the settings reaches the terminal raw."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if _is_control(char) else char
        for char in line
    )


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def main(environ: os._Environ[str] | dict[str, str] = os.environ) -> int:
    """Check the configuration, then build and synthesize the stack; return the exit status."""
    try:
        context = load_context(environ, Path("cdk.json"))
        config = read_settings(settings(context))
        checks = compliance_checks(context)
    except PatchWindowValidationError as error:
        for problem in error.problems:
            print(f"error: {escape_controls(problem)}", file=sys.stderr)
        return EXIT_BAD_CONFIG

    import aws_cdk as cdk

    from patch_window.app.stack import PatchWindowStack
    from patch_window.compliance import add_compliance_checks

    # Under the CLI the App also reads CDK_CONTEXT_JSON itself: the same values, merged.
    app = cdk.App(context=context, outdir=environ.get("CDK_OUTDIR"))
    try:
        stack = PatchWindowStack(app, config.stack_name, config=config)
        too_big = template_counts(*stack.template_counts())
        if too_big:
            raise PatchWindowValidationError(too_big)
    except PatchWindowValidationError as error:
        # Limits of the whole stack (template size, the task role's policies): the windows
        # are what fills them.
        for problem in error.problems:
            print(f"error: {CONTEXT_KEY}.windows: {escape_controls(problem)}", file=sys.stderr)
        return EXIT_BAD_CONFIG
    if checks:
        add_compliance_checks(app)
    try:
        assembly = app.synth()
    except RuntimeError as error:
        if not str(error).startswith("ValidationFailed:"):
            print(f"error: aws-cdk-lib could not synthesize the stack: {error}", file=sys.stderr)
            return EXIT_SYNTH_FAILED
        report = Path(app.outdir) / "validation-report.json"
        status, lines = validation_failure(
            json.loads(report.read_text()) if report.exists() else {}
        )
        for line in lines:
            print(f"error: {line}", file=sys.stderr)
        return status
    template = Path(app.outdir) / stack.template_file
    too_big = template_size(template.stat().st_size)
    if too_big:
        print(f"error: {CONTEXT_KEY}.windows: {too_big}", file=sys.stderr)
        return EXIT_BAD_CONFIG
    if "CDK_OUTDIR" not in environ:
        # The cdk CLI prints synthesis warnings itself; a plain `python app.py` must too.
        for line in warning_lines(assembly):
            print(f"warning: {line}", file=sys.stderr)
    return 0


def warning_lines(assembly: Any) -> list[str]:
    """Every synthesis warning of ``assembly``'s stacks: ``<construct path>: <message> [ack: id]``.

    The message ends with the id to acknowledge it by, as CDK writes it.
    """
    import aws_cdk.cx_api as cx_api

    return [
        f"{message.id.lstrip('/')}: {message.entry.data}"
        for stack in assembly.stacks
        for message in stack.messages
        if message.level == cx_api.SynthesisMessageLevel.WARNING
    ]


def validation_failure(report: dict[str, Any]) -> tuple[int, list[str]]:
    """The exit status and ``error:`` lines for a synthesis that CDK's validation stopped.

    Findings of the cdk-nag packs may be acknowledged (exit 3). Anything else, such as
    CloudFormation Validate refusing the template, is a template CloudFormation would reject:
    it is reported as that (exit 4), never as something to acknowledge.
    """
    from patch_window.compliance import PACKS

    failing = [
        (plugin.get("pluginName", "?"), violation)
        for plugin in report.get("pluginReports", [])
        for violation in plugin.get("violations", [])
        if violation.get("ruleMetadata", {}).get("cdk:annotation") != "true"
    ]
    other = [(name, v) for name, v in failing if name not in PACKS]
    if other:
        return EXIT_TEMPLATE_INVALID, [
            f"{name} refuses the synthesized template: {v.get('ruleName')} "
            f"{v.get('description', '')} at "
            + ", ".join(c.get("constructPath", "?") for c in v.get("violatingConstructs", []))
            + "; CloudFormation would reject it at deploy, so no acknowledgment can help. "
            "A setting that reaches this is a patch-window bug: please report it"
            for name, v in other
        ]
    return EXIT_CHECKS_FAILED, [
        "cdk-nag checks failed: CDK lists each finding with the id to acknowledge it by; fix "
        "it, or acknowledge it on its construct with a reason (patch_window.compliance)"
    ]


def compliance_checks(context: dict[str, Any]) -> bool:
    """Whether to run the cdk-nag packs: yes unless ``patch_window_checks`` is false.

    ``-c`` passes strings, cdk.json passes JSON, so both ``false`` and ``"false"`` count.
    """
    value = context.get(CHECKS_CONTEXT_KEY, True)
    if value is True or value == "true":
        return True
    if value is False or value == "false":
        return False
    raise PatchWindowValidationError(
        f"{CHECKS_CONTEXT_KEY}: must be true or false (run the cdk-nag packs or not), got {value!r}"
    )


def settings(context: dict[str, Any]) -> Any:
    """The ``patch_window`` settings: from ``patch_window_file`` if given, else cdk.json's key."""
    if FILE_CONTEXT_KEY in context:
        name = context[FILE_CONTEXT_KEY]
        if not isinstance(name, str) or not name:
            raise PatchWindowValidationError(
                f"{FILE_CONTEXT_KEY}: must be a file name, got {name!r}"
            )
        return _json_object(read_json_file(Path(name), FILE_CONTEXT_KEY), FILE_CONTEXT_KEY)
    if CONTEXT_KEY not in context:
        raise PatchWindowValidationError(f"{CONTEXT_KEY}: is required in cdk.json's context")
    return context[CONTEXT_KEY]


if __name__ == "__main__":
    sys.exit(main())
