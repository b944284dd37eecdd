#!/usr/bin/env python3
"""``make bench``: time ``python app.py`` against the lab written by hand with L1 constructs.

Both sides run as whole processes with the same context (cdk.json's feature flags and
``patch_window`` settings, plus what the CDK CLI adds), interleaved run by run so that the
machine's load falls on both alike, at several window counts. Prints the medians, the
ratios, the cost of each extra window, whether the budgets of issue #12 hold, and then a
profile of one run per window count (``profile_app.py``).

Usage: python tools/bench/bench.py [--runs 5] [--windows 1,10,50,200] [--no-profile]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
WINDOWS_PER_STACK = 50
"""AWS allows 50 maintenance windows per account and Region: more go to further stacks."""
CLI_CONTEXT = {
    "aws:cdk:enable-path-metadata": True,
    "aws:cdk:enable-asset-metadata": True,
    "aws:cdk:version-reporting": True,
    "aws:cdk:bundling-stacks": ["**"],
}
"""What the CDK CLI adds to cdk.json's context when it runs the app."""
BUDGET_RATIO = {1: 1.10, 50: 1.15}
BUDGET_EXTRA_MS = 5.0
EMPTY_APP = "import aws_cdk as cdk; cdk.App().synth()"


def context(windows: int) -> dict[str, Any]:
    """cdk.json's context with the lab's window repeated ``windows`` times, names made unique."""
    ctx: dict[str, Any] = json.loads((ROOT / "cdk.json").read_text())["context"]
    lab = ctx["patch_window"]
    first = lab["windows"][0]
    lab["windows"] = [first] + [_renamed(first, i) for i in range(2, windows + 1)]
    return {**ctx, **CLI_CONTEXT}


def _renamed(window: dict[str, Any], index: int) -> dict[str, Any]:
    copied = copy.deepcopy(window)
    copied["name"] = f"{window['name']}{index}"
    for task in copied["tasks"]:
        task["name"] = f"{task['name']}{index}"
    return copied


def command(side: str, windows: int) -> list[str]:
    """The process ``side`` runs: app.py itself while one stack holds every window."""
    if side == "ours":
        if windows <= WINDOWS_PER_STACK:
            return [PYTHON, "app.py"]
        return [PYTHON, str(HERE / "multi_app.py")]
    if side == "l1":
        return [PYTHON, str(HERE / "l1_app.py")]
    return [PYTHON, "-c", EMPTY_APP]


def run(side: str, windows: int, ctx: str) -> float:
    """Seconds for one whole process, which must succeed."""
    with tempfile.TemporaryDirectory() as outdir:
        env = {**os.environ, "CDK_CONTEXT_JSON": ctx, "CDK_OUTDIR": outdir}
        env["PATH"] = f"{Path(PYTHON).parent}{os.pathsep}{env.get('PATH', '')}"
        start = time.perf_counter()
        done = subprocess.run(command(side, windows), cwd=ROOT, env=env, capture_output=True)
        elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{side} at {windows} windows failed:\n{done.stderr.decode()[-3000:]}")
    return elapsed


def measure(counts: list[int], runs: int) -> dict[tuple[str, int], list[float]]:
    """Every side at every count, ``runs`` times, interleaved."""
    contexts = {n: json.dumps(context(n)) for n in counts}
    times: dict[tuple[str, int], list[float]] = {}
    for round_ in range(runs):
        for n in counts:
            sides = ("ours", "l1") if round_ % 2 == 0 else ("l1", "ours")
            for side in sides:
                times.setdefault((side, n), []).append(run(side, n, contexts[n]))
        times.setdefault(("empty", 0), []).append(run("empty", 0, "{}"))
        print(f"  round {round_ + 1}/{runs} done", file=sys.stderr, flush=True)
    return times


def report(times: dict[tuple[str, int], list[float]], counts: list[int]) -> list[str]:
    """The markdown table, the per-window costs and the budgets."""
    med = {key: statistics.median(values) for key, values in times.items()}
    lines = [
        "| windows | this app | hand-written L1 | ratio | budget |",
        "| --- | --- | --- | --- | --- |",
    ]
    ok = True
    for n in counts:
        ours, l1 = med[("ours", n)], med[("l1", n)]
        ratio = ours / l1
        budget = BUDGET_RATIO.get(n)
        verdict = (
            "" if budget is None else f"<= {budget:.2f}x " + ("ok" if ratio <= budget else "MISSED")
        )
        ok &= budget is None or ratio <= budget
        lines.append(f"| {n} | {ours:.2f} s | {l1:.2f} s | {ratio:.2f}x | {verdict} |")
    if 1 in counts and 50 in counts:
        ours_ms = (med[("ours", 50)] - med[("ours", 1)]) / 49 * 1000
        l1_ms = (med[("l1", 50)] - med[("l1", 1)]) / 49 * 1000
        within = ours_ms - l1_ms <= BUDGET_EXTRA_MS
        ok &= within
        lines.append(
            f"| each extra window (1 to 50) | {ours_ms:.1f} ms | {l1_ms:.1f} ms | "
            f"+{ours_ms - l1_ms:.1f} ms | <= +{BUDGET_EXTRA_MS:.0f} ms "
            + ("ok" if within else "MISSED")
            + " |"
        )
    lines.append(f"\nan empty CDK app (`{EMPTY_APP}`): {med[('empty', 0)]:.2f} s")
    runs = len(next(iter(times.values())))
    lines.append(f"medians of {runs} interleaved runs; budgets {'met' if ok else 'NOT met'}")
    return lines


def profile(windows: int) -> list[str]:
    """One profiled run of app.py's steps at ``windows`` windows (``profile_app.py``)."""
    env = {**os.environ, "CDK_CONTEXT_JSON": json.dumps(context(min(windows, WINDOWS_PER_STACK)))}
    done = subprocess.run(
        [PYTHON, str(HERE / "profile_app.py")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"profile at {windows} windows failed:\n{done.stderr[-3000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    shown = min(windows, WINDOWS_PER_STACK)
    lines = [f"profile, {shown} window(s), one stack: {data['total']:.2f} s in-process"]
    for name, seconds, trips in data["phases"]:
        lines.append(f"  {seconds * 1000:7.0f} ms  {trips:6d} jsii round trips  {name}")
    lines.append(
        f"  of which the library's rule tables (PropChecker): {data['rule_checks'] * 1000:.0f} ms"
    )
    kinds = ", ".join(f"{kind} {count}" for kind, count in data["round_trip_kinds"])
    lines.append(f"  round trips by kind: {kinds}")
    lines.append(
        f"  then `make synth`'s summary (tools/summarize.py): {data['summary'] * 1000:.0f} ms"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--windows", default="1,10,50,200")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.windows.split(",")]
    load = os.getloadavg()
    print(
        f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores"
    )
    times = measure(counts, args.runs)
    print("\n".join(report(times, counts)))
    if not args.no_profile:
        for n in sorted({1, min(max(counts), WINDOWS_PER_STACK)}):
            print()
            print("\n".join(profile(n)))
    load = os.getloadavg()
    print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
