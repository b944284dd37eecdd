#!/usr/bin/env python3
"""Where ``python app.py``'s time goes, phase by phase, with the jsii round trips of each.

Run by ``make bench`` (``tools/bench/bench.py``) in a fresh process per window count: the
phases are app.py's own steps (reading cdk.json through the rule checks, importing
aws-cdk-lib and starting its node process, building the construct tree, adding the cdk-nag
packs, synthesizing, which is where the packs run) plus the summary ``make synth`` prints.
Prints one JSON object: ``{"phases": [[name, seconds, round_trips], ...], ...}``.
"""

from __future__ import annotations

import collections
import importlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"


class Recorder:
    """Times named phases and counts the jsii requests (round trips to node) in each."""

    def __init__(self) -> None:
        self.phases: list[tuple[str, float, int]] = []
        self.trips = 0
        self.kinds: collections.Counter[str] = collections.Counter()
        self.checks = 0.0

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start, trips = time.perf_counter(), self.trips
        yield
        self.phases.append((name, time.perf_counter() - start, self.trips - trips))

    def count_round_trips(self) -> None:
        """Wrap jsii's one request/response function; call once jsii is imported."""
        from jsii._kernel.providers import process

        send = process._NodeProcess.send

        def counted(node: Any, request: Any, response_type: Any) -> Any:
            self.trips += 1
            self.kinds[type(request).__name__.removesuffix("Request")] += 1
            return send(node, request, response_type)

        process._NodeProcess.send = counted  # type: ignore[method-assign,assignment]

    def time_rule_checks(self) -> None:
        """Add the time spent in the library's rule tables (``PropChecker.run``) to ``checks``."""
        from patch_window.validation import PropChecker

        self.checks_wrap(PropChecker, "run")
        self.checks_wrap(PropChecker, "check")

    def checks_wrap(self, owner: type, name: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.checks += time.perf_counter() - start

        setattr(owner, name, timed)


def main() -> int:
    started = time.perf_counter()
    recorder = Recorder()
    context = json.loads(os.environ["CDK_CONTEXT_JSON"])
    with recorder.phase("import app.py and read cdk.json (the reader's rule checks)"):
        from app import settings
        from patch_window.app.reader import read_settings

        config = read_settings(settings(context))
    with recorder.phase("import aws-cdk-lib, start node (jsii)"):
        import aws_cdk as cdk

        recorder.count_round_trips()
        app = cdk.App()
    with recorder.phase("import the library's construct modules"):
        from patch_window.app.stack import PatchWindowStack
        from patch_window.compliance import add_compliance_checks

        recorder.time_rule_checks()
    with recorder.phase("build the construct tree (constructs + their rule checks)"):
        PatchWindowStack(app, config.stack_name, config=config)
    with recorder.phase("load cdk-nag, add the four packs"):
        add_compliance_checks(app)
    with recorder.phase("synthesize (template, then the packs' validation)"):
        app.synth()
    total = time.perf_counter() - started
    summary_start = time.perf_counter()
    sys.path.insert(0, str(ROOT / "tools"))
    summarize = importlib.import_module("summarize")

    with open(os.devnull, "w") as sink:
        stdout, sys.stdout = sys.stdout, sink
        try:
            summarize.main(os.environ["CDK_OUTDIR"])
        finally:
            sys.stdout = stdout
    summary = time.perf_counter() - summary_start
    print(
        json.dumps(
            {
                "phases": recorder.phases,
                "total": total,
                "rule_checks": recorder.checks,
                "round_trips": recorder.trips,
                "round_trip_kinds": recorder.kinds.most_common(),
                "summary": summary,
            }
        )
    )
    return 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as outdir:
        os.environ.setdefault("CDK_OUTDIR", outdir)
        sys.exit(main())
