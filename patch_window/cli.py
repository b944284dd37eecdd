"""The ``patch-window`` command: one subcommand per tool, each registered by its own module.

``patch-window review`` compares a change with its base offline; ``patch-window history``
prints what the windows ran (lab step 6.5). Each subcommand's module adds
its parser with ``register(commands)`` and sets ``run``, a function from the parsed arguments to
the exit status; heavy imports (boto3, aws-cdk-lib) stay inside ``run`` so ``--help`` is quick.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: The module of each subcommand, in the order ``--help`` lists them.
SUBCOMMANDS = (
    "patch_window.review.cli",
    "patch_window.preview.cli",
    "patch_window.history.cli",
)


def parser() -> argparse.ArgumentParser:
    """The whole command line: every subcommand of ``SUBCOMMANDS``."""
    top = argparse.ArgumentParser(prog="patch-window")
    commands = top.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS:
        importlib.import_module(module).register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
