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
import resource
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


SIDES = ("ours", "ours-unchecked", "l1")
"""app.py as shipped, app.py with ``patch_window_checks=false``, the hand-written L1 stack."""


def command(side: str, windows: int) -> list[str]:
    """The process ``side`` runs: app.py itself while one stack holds every window."""
    if side.startswith("ours"):
        if windows <= WINDOWS_PER_STACK:
            return [PYTHON, "app.py"]
        return [PYTHON, str(HERE / "multi_app.py")]
    if side == "l1":
        return [PYTHON, str(HERE / "l1_app.py")]
    return [PYTHON, "-c", EMPTY_APP]


def run(side: str, windows: int, ctx: str) -> tuple[float, float]:
    """Wall and CPU seconds (Python and node together) of one whole process, which must
    succeed. CPU time is the steadier of the two when other work shares the cores."""
    if side == "ours-unchecked":
        ctx = json.dumps({**json.loads(ctx), "patch_window_checks": False})
    with tempfile.TemporaryDirectory() as outdir:
        env = {**os.environ, "CDK_CONTEXT_JSON": ctx, "CDK_OUTDIR": outdir}
        env["PATH"] = f"{Path(PYTHON).parent}{os.pathsep}{env.get('PATH', '')}"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command(side, windows), cwd=ROOT, env=env, capture_output=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{side} at {windows} windows failed:\n{done.stderr.decode()[-3000:]}")
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
    return elapsed, cpu


Times = dict[tuple[str, int], list[tuple[float, float]]]


def measure(counts: list[int], runs: int) -> Times:
    """Every side at every count, ``runs`` times, interleaved (the order turns each round)."""
    contexts = {n: json.dumps(context(n)) for n in counts}
    times: Times = {}
    for round_ in range(runs):
        for n in counts:
            turn = round_ % len(SIDES)
            for side in SIDES[turn:] + SIDES[:turn]:
                times.setdefault((side, n), []).append(run(side, n, contexts[n]))
        times.setdefault(("empty", 0), []).append(run("empty", 0, "{}"))
        print(f"  round {round_ + 1}/{runs} done", file=sys.stderr, flush=True)
    return times


def report(times: Times, counts: list[int]) -> list[str]:
    """The markdown table (wall-clock medians, CPU medians in brackets), the cost of each
    extra window and the budgets, judged both ways: with the four cdk-nag packs
    (``cdk synth``'s default) and without (``-c patch_window_checks=false``)."""
    wall = {key: statistics.median(t for t, _ in values) for key, values in times.items()}
    cpu = {key: statistics.median(c for _, c in values) for key, values in times.items()}
    lines = [
        "| windows | this app | this app, `patch_window_checks=false` | hand-written L1 "
        "| ratio | ratio, packs off | budget |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    met = {"ours": True, "ours-unchecked": True}

    def cell(key: tuple[str, int]) -> str:
        return f"{wall[key]:.2f} s ({cpu[key]:.2f} s CPU)"

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    for n in counts:
        l1 = wall[("l1", n)]
        ratio = {side: wall[(side, n)] / l1 for side in met}
        budget = BUDGET_RATIO.get(n)
        judged = ""
        if budget is not None:
            for side in met:
                met[side] &= ratio[side] <= budget
            judged = (
                f"<= {budget:.2f}x: {verdict(ratio['ours'] <= budget)} with packs, "
                f"{verdict(ratio['ours-unchecked'] <= budget)} without"
            )
        lines.append(
            f"| {n} | {cell(('ours', n))} | {cell(('ours-unchecked', n))} | {cell(('l1', n))} "
            f"| {ratio['ours']:.2f}x | {ratio['ours-unchecked']:.2f}x | {judged} |"
        )
    if 1 in counts and 50 in counts:
        per = {
            side: (wall[(side, 50)] - wall[(side, 1)]) / 49 * 1000
            for side in ("ours", "ours-unchecked", "l1")
        }
        extra = {side: per[side] - per["l1"] for side in met}
        for side in met:
            met[side] &= extra[side] <= BUDGET_EXTRA_MS
        lines.append(
            f"| each extra window (1 to 50) | {per['ours']:.1f} ms "
            f"| {per['ours-unchecked']:.1f} ms | {per['l1']:.1f} ms | {extra['ours']:+.1f} ms "
            f"| {extra['ours-unchecked']:+.1f} ms | <= +{BUDGET_EXTRA_MS:.0f} ms: "
            f"{verdict(extra['ours'] <= BUDGET_EXTRA_MS)} with packs, "
            f"{verdict(extra['ours-unchecked'] <= BUDGET_EXTRA_MS)} without |"
        )
    if 1 in counts:
        packs = wall[("ours", 1)] - wall[("ours-unchecked", 1)]
        packs_cpu = cpu[("ours", 1)] - cpu[("ours-unchecked", 1)]
        lines.append(
            f"\nthe four cdk-nag packs cost {packs:.2f} s ({packs_cpu:.2f} s CPU) at one window"
        )
    lines.append(f"an empty CDK app (`{EMPTY_APP}`): {cell(('empty', 0))}")
    runs = len(next(iter(times.values())))
    lines.append(
        f"medians of {runs} interleaved runs; budgets "
        f"{'met' if met['ours'] else 'NOT met'} with the packs, "
        f"{'met' if met['ours-unchecked'] else 'NOT met'} without them"
    )
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
