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
from pathlib import Path
from typing import Any

# Re-exported: the tests and tools/bench read them here, as before they moved to the package.
from patch_window.app.context import CONTEXT_KEY
from patch_window.app.context import FILE_CONTEXT_KEY as FILE_CONTEXT_KEY
from patch_window.app.context import MAX_SETTINGS_BYTES as MAX_SETTINGS_BYTES
from patch_window.app.context import escape_controls as escape_controls
from patch_window.app.context import load_context as load_context
from patch_window.app.context import settings as settings
from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError
from patch_window.rules import template_counts, template_size

CHECKS_CONTEXT_KEY = "patch_window_checks"
EXIT_SYNTH_FAILED = 1
EXIT_BAD_CONFIG = 2
EXIT_CHECKS_FAILED = 3
EXIT_TEMPLATE_INVALID = 4


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
        if config.deployment is None:
            stacks = [PatchWindowStack(app, config.stack_name, config=config)]
        else:
            from patch_window.app import deployment, stack_sets

            stacks = [
                stack
                for stage in deployment.build(app, config)
                for stack in stage.windows_stacks.values()
            ]
            if config.deployment.stack_set is not None:
                members = stack_sets.build(app, config, _flags(context)).members
                stacks.append(members.windows_stack)
        for stack in stacks:
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
    for stack in stacks:
        if stack.node.root is not app:
            continue  # a StackSet member: its body was measured (51,200 bytes inline)
        stage = cdk.Stage.of(stack)  # the app, or an environment's stage
        outdir = stage.outdir if stage is not None else app.outdir
        too_big = template_size((Path(outdir) / stack.template_file).stat().st_size)
        if too_big:
            print(f"error: {CONTEXT_KEY}.windows: {too_big}", file=sys.stderr)
            return EXIT_BAD_CONFIG
    if "CDK_OUTDIR" not in environ:
        # The cdk CLI prints synthesis warnings itself; a plain `python app.py` must too.
        assemblies = [assembly, *(nested.nested_assembly for nested in assembly.nested_assemblies)]
        for line in (line for each in assemblies for line in warning_lines(each)):
            print(f"warning: {line}", file=sys.stderr)
    return 0


def _flags(context: dict[str, Any]) -> dict[str, Any]:
    """The context of the StackSet member app: the feature flags, not the settings."""
    return {
        key: value
        for key, value in context.items()
        if key not in (CONTEXT_KEY, FILE_CONTEXT_KEY, CHECKS_CONTEXT_KEY)
    }


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


if __name__ == "__main__":
    sys.exit(main())
