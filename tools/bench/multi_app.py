#!/usr/bin/env python3
"""app.py's synthesis for more windows than one stack may hold, for ``make bench`` only.

AWS allows 50 maintenance windows per account and Region (and a stack 200 outputs), so the
benchmark's 200 windows are spread over stacks of 50, each with its own role and PassRole
policy names, in one ``cdk.App`` with the four cdk-nag packs: what app.py does, once per
stack. The L1 baseline (``l1_app.py``) spreads them the same way.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"

from app import compliance_checks, settings  # noqa: E402
from patch_window.app.reader import read_settings  # noqa: E402

WINDOWS_PER_STACK = 50


def chunks(lab: dict[str, Any]) -> list[dict[str, Any]]:
    """``lab`` cut into settings of at most ``WINDOWS_PER_STACK`` windows, names made unique."""
    windows = lab["windows"]
    parts = []
    for index, start in enumerate(range(0, len(windows), WINDOWS_PER_STACK)):
        suffix = "" if index == 0 else str(index + 1)
        part = json.loads(json.dumps(lab))
        part["windows"] = windows[start : start + WINDOWS_PER_STACK]
        part["stack_name"] += suffix
        part["role"]["role_name"] += suffix
        part["pass_role"]["policy_name"] += suffix
        parts.append(part)
    return parts


def main() -> int:
    """Check every part, then build and synthesize them as app.py does."""
    context = json.loads(os.environ["CDK_CONTEXT_JSON"])
    configs = [read_settings(part) for part in chunks(settings(context))]

    import aws_cdk as cdk

    from patch_window.app.stack import PatchWindowStack
    from patch_window.compliance import add_compliance_checks

    app = cdk.App()
    for config in configs:
        PatchWindowStack(app, config.stack_name, config=config)
    if compliance_checks(context):
        add_compliance_checks(app)
    app.synth()
    return 0


if __name__ == "__main__":
    sys.exit(main())
