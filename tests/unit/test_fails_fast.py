"""A bad setting is refused before aws-cdk-lib is imported, so before the node process starts."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.conftest import ROOT, cdk_context, lab_settings

PROBE = """
import json, os, sys
import app
status = app.main({"CDK_CONTEXT_JSON": os.environ["PROBE_CONTEXT"]})
loaded = sorted(m for m in ("aws_cdk", "jsii", "constructs", "cdk_nag") if m in sys.modules)
print(json.dumps({"status": status, "loaded": loaded}))
"""


def _probe(settings: dict[str, Any]) -> tuple[dict[str, object], str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={"PROBE_CONTEXT": json.dumps(cdk_context(settings)), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_a_bad_setting_is_refused_without_loading_aws_cdk_lib() -> None:
    settings = lab_settings()
    settings["windows"][0]["cutoff_hours"] = 3
    outcome, stderr = _probe(settings)
    assert outcome == {"status": 2, "loaded": []}
    assert stderr.splitlines() == [
        "error: patch_window.windows[0].cutoff_hours: must be less than the duration "
        "(3 hours), got 3 hours: no task could ever start"
    ]
