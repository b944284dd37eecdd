"""``patch-window review`` (``make review``): review a change without AWS credentials.

Synthesizes the base (a git ref, extracted with ``git archive`` into a temporary directory) and
the head (the working tree as it is, uncommitted edits included, written to a temporary output
directory) with ``python app.py``, side by side and offline, then prints the Markdown review.
Neither synthesis writes into the working tree.

Exit statuses: 0 reviewed; 1 a change that ``--fail-on`` refuses, or a side that did not
synthesize; 2 a bad argument. Environment: ``BASE`` (default: the merge base with
``origin/main``, else ``main``), ``FAIL_ON`` (``replace,destroy``), ``FAIL_ON_ALLOW`` (resource
types whose replacement or deletion is expected), ``GITHUB_STEP_SUMMARY`` (the review is
appended there too).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from patch_window.review.nag import findings
from patch_window.review.render import FAIL_KINDS, StackReview, failures, render, review_stack
from patch_window.review.schemas import create_only_properties

#: What the CDK CLI adds to the context of a synthesis; the construct paths name resources.
CLI_CONTEXT = {"aws:cdk:enable-path-metadata": True, "aws:cdk:version-reporting": True}


@dataclass(frozen=True)
class Synthesis:
    """One side's stacks: ``{stack: (template, validation report)}``, or why it failed."""

    stacks: dict[str, tuple[dict[str, Any], dict[str, Any] | None]]
    error: str | None = None


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)


def default_base(root: Path) -> str:
    """The merge base with ``origin/main`` if there is one, else ``main``."""
    found = git(root, "merge-base", "HEAD", "origin/main")
    return found.stdout.decode().strip() if found.returncode == 0 else "main"


def extract(root: Path, ref: str, into: Path) -> None:
    """The tree of ``ref`` into ``into``, leaving the working tree and the index alone."""
    archive = git(root, "archive", "--format=tar", ref)
    if archive.returncode != 0:
        raise ValueError(f"BASE {ref!r} is not a git ref here: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def synthesize(app_dir: Path, out_dir: Path) -> Synthesis:
    """``python app.py`` in ``app_dir`` (its own cdk.json and code) into ``out_dir``."""
    env = dict(os.environ)
    # The context `cdk synth` would pass: this side's cdk.json, and the construct paths.
    context = json.loads((app_dir / "cdk.json").read_text()).get("context", {})
    env["CDK_CONTEXT_JSON"] = json.dumps({**context, **CLI_CONTEXT})
    env["CDK_OUTDIR"] = str(out_dir)
    # The venv's bin holds the pinned Node that jsii runs on.
    env["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(app_dir)
    run = subprocess.run(
        [sys.executable, "app.py"], cwd=app_dir, env=env, capture_output=True, text=True
    )
    if run.returncode != 0:
        errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
        report_path = out_dir / "validation-report.json"
        if report_path.exists():
            # An open cdk-nag finding stops synthesis: name each one.
            report = json.loads(report_path.read_text())
            errors += [f.words() for f in sorted(findings(report)) if not f.acknowledged]
        shown = "; ".join(errors[:10] or run.stderr.strip().splitlines()[-1:])
        return Synthesis({}, f"`python app.py` exited {run.returncode}: {shown}")
    manifest = json.loads((out_dir / "manifest.json").read_text())
    report_path = out_dir / "validation-report.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else None
    stacks = {
        artifact.get("displayName", name): (
            json.loads((out_dir / artifact["properties"]["templateFile"]).read_text()),
            report,
        )
        for name, artifact in manifest["artifacts"].items()
        if artifact["type"] == "aws:cloudformation:stack"
    }
    return Synthesis(stacks)


def compare(base: Synthesis, head: Synthesis) -> list[StackReview]:
    """One review per stack of either side."""
    for side, synthesis in (("base", base), ("head", head)):
        if synthesis.error:
            return [
                StackReview(
                    "(all stacks)", error=f"the {side} does not synthesize: {synthesis.error}"
                )
            ]
    empty: tuple[dict[str, Any], None] = ({}, None)
    return [
        review_stack(
            name, base.stacks.get(name, empty), head.stacks.get(name, empty), create_only_properties
        )
        for name in sorted(set(base.stacks) | set(head.stacks))
    ]


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def register(commands: Any) -> None:
    """Adds ``patch-window review`` to ``commands`` (``ArgumentParser.add_subparsers()``)."""
    review = commands.add_parser("review", help="what a change does to the deployed stack")
    review.add_argument("--base", default=os.environ.get("BASE") or None)
    review.add_argument("--fail-on", default=os.environ.get("FAIL_ON", ""))
    review.add_argument("--allow", default=os.environ.get("FAIL_ON_ALLOW", ""))
    review.add_argument("--output", type=Path, help="also write the review to this file")
    review.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    fail_on = _split(args.fail_on)
    unknown = [kind for kind in fail_on if kind not in FAIL_KINDS]
    if unknown:
        print(
            f"error: FAIL_ON: unknown kind {unknown[0]!r}; allowed: {', '.join(FAIL_KINDS)}",
            file=sys.stderr,
        )
        return 2
    root = Path(git(Path.cwd(), "rev-parse", "--show-toplevel").stdout.decode().strip() or ".")
    base_ref = args.base or default_base(root)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="patch-window-review-") as tmp:
        work = Path(tmp)
        try:
            extract(root, base_ref, work / "base")
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        with ThreadPoolExecutor(max_workers=2) as pool:
            base_job = pool.submit(synthesize, work / "base", work / "base.out")
            head_job = pool.submit(synthesize, root, work / "head.out")
            reviews = compare(base_job.result(), head_job.result())
    text = render(reviews, base_ref, "working tree")
    print(text)
    if args.output:
        args.output.write_text(text)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a") as summary:
            summary.write(text)
    refused = failures(reviews, fail_on, _split(args.allow))
    print(f"reviewed in {time.monotonic() - started:.1f} s", file=sys.stderr)
    for line in refused:
        print(f"error: FAIL_ON={','.join(fail_on) or '-'} refuses: {line}", file=sys.stderr)
    return 1 if refused else 0
