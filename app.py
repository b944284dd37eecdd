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
never something to acknowledge); 1 aws-cdk-lib failed otherwise.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError

CONTEXT_KEY = "patch_window"
FILE_CONTEXT_KEY = "patch_window_file"
CHECKS_CONTEXT_KEY = "patch_window_checks"
EXIT_SYNTH_FAILED = 1
EXIT_BAD_CONFIG = 2
EXIT_CHECKS_FAILED = 3
EXIT_TEMPLATE_INVALID = 4


def load_context(environ: os._Environ[str] | dict[str, str], cdk_json: Path) -> dict[str, Any]:
    """The context the app runs with: the CLI's ``CDK_CONTEXT_JSON``, else cdk.json's context.

    ``cdk synth`` merges cdk.json, cdk.context.json and ``-c`` into ``CDK_CONTEXT_JSON``; a plain
    ``python app.py`` gets nothing from the CLI, so it reads ./cdk.json itself.
    """
    if "CDK_CONTEXT_JSON" in environ:
        context: dict[str, Any] = json.loads(environ["CDK_CONTEXT_JSON"])
        return context
    if cdk_json.exists():
        return dict(json.loads(cdk_json.read_text()).get("context", {}))
    return {}


def main(environ: os._Environ[str] | dict[str, str] = os.environ) -> int:
    """Check the configuration, then build and synthesize the stack; return the exit status."""
    context = load_context(environ, Path("cdk.json"))
    try:
        config = read_settings(settings(context))
        checks = compliance_checks(context)
    except PatchWindowValidationError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_CONFIG

    import aws_cdk as cdk

    from patch_window.app.stack import PatchWindowStack
    from patch_window.compliance import add_compliance_checks

    # Under the CLI the App reads CDK_CONTEXT_JSON itself; passing it again would be a no-op.
    app = cdk.App(context=None if "CDK_CONTEXT_JSON" in environ else context)
    PatchWindowStack(app, config.stack_name, config=config)
    if checks:
        add_compliance_checks(app)
    try:
        app.synth()
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
    return 0


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
        path = Path(str(context[FILE_CONTEXT_KEY]))
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise PatchWindowValidationError(
                f"{FILE_CONTEXT_KEY}: cannot read JSON settings from {str(path)!r}: {error}"
            ) from None
    if CONTEXT_KEY not in context:
        raise PatchWindowValidationError(f"{CONTEXT_KEY}: is required in cdk.json's context")
    return context[CONTEXT_KEY]


if __name__ == "__main__":
    sys.exit(main())
