#!/usr/bin/env python3
"""``make mutation``: mutmut over the pure modules (``[tool.mutmut]`` in pyproject.toml), from
scratch, bounded in time; prints the score and every survivor.

A survivor is a mutant the tests let through. Those judged equivalent (no behaviour can tell
them from the original) are listed with a reason in ``tests/mutation_equivalent.md`` as
``- `mutant name`: reason``. Exit status 0 when at least ``--minimum`` percent of the mutants
are killed, 1 otherwise or when the run does not finish within ``--minutes``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutation_equivalent.md"
DETECTED = {"killed", "timeout", "segfault", "caught by type check"}
STATUS: dict[int | None, str] = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
}
STATUS |= {36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout"}
STATUS |= {37: "caught by type check", -11: "segfault", -9: "segfault", None: "not checked"}


def outcomes(mutants: Path) -> dict[str, str]:
    """Every mutant's status, from mutmut's ``.meta`` files."""
    found: dict[str, str] = {}
    for meta in sorted(mutants.rglob("*.meta")):
        codes = json.loads(meta.read_text()).get("exit_code_by_key", {})
        found |= {name: STATUS.get(code, "suspicious") for name, code in codes.items()}
    return found


def equivalent() -> dict[str, str]:
    """The survivors judged equivalent, with their reasons."""
    pattern = re.compile(r"^- `([^`]+)`: (.+)$")
    lines = EQUIVALENT.read_text().splitlines() if EQUIVALENT.exists() else []
    return {m[1]: m[2] for line in lines if (m := pattern.match(line))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--minimum", type=float, default=90.0)
    # Two children, one per core, forked by mutmut's fork server (pyproject.toml).
    parser.add_argument("--children", type=int, default=2)
    args = parser.parse_args()
    mutants = ROOT / "mutants"
    shutil.rmtree(mutants, ignore_errors=True)
    start = time.monotonic()
    try:
        subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.children)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            timeout=args.minutes * 60,
            check=False,
        )
        finished = True
    except subprocess.TimeoutExpired:
        finished = False
    took = time.monotonic() - start
    found = outcomes(mutants)
    counts = Counter(found.values())
    killed = sum(counts[s] for s in DETECTED)
    judged = equivalent()
    survivors = sorted(name for name, status in found.items() if status not in DETECTED)
    score = 100 * killed / len(found) if found else 0.0
    print(
        f"mutation: {len(found)} mutants in {took:.0f} s: "
        + ", ".join(f"{n} {status}" for status, n in counts.most_common())
    )
    print(f"mutation score: {score:.1f}% killed ({killed}/{len(found)})")
    if counts["not checked"]:
        print(f"  {counts['not checked']} mutants not checked: mutmut stopped before them")
    for name in survivors:
        if found[name] == "not checked":
            continue
        reason = judged.get(name)
        print(f"  {found[name]}: {name}" + (f" (equivalent: {reason})" if reason else ""))
    unexplained = [name for name in survivors if name not in judged]
    print(f"survivors: {len(survivors)}, judged equivalent: {len(survivors) - len(unexplained)}")
    if not finished:
        print(f"error: mutation testing did not finish within {args.minutes:g} minutes")
        return 1
    if score < args.minimum:
        print(f"error: {score:.1f}% of mutants killed, below {args.minimum:g}%")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
