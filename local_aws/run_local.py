"""``make run-local``: run every window of the deployed stack once, now, then print its history.

After ``make deploy-local``: seeds the fleet (the lab's two web and two app servers, or a
``--fleet`` file; see :mod:`local_aws.fleet`) through the EC2 API, asks the emulator to run each
window the stack outputs (:mod:`local_aws.controls`), then prints the history with the same
code as ``patch-window history --show-output`` (its exit status too: 1 when a run FAILED).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from patch_window import cli as patch_window_cli
from patch_window.history.walker import UnknownStackError, stack_window_ids

from . import controls, emulator, fleet

EXIT_NOT_DEPLOYED = 2


@contextlib.contextmanager
def environment(variables: dict[str, str]) -> Iterator[None]:
    """This process's environment with every AWS_* variable replaced by ``variables``."""
    saved = dict(os.environ)
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        del os.environ[name]
    os.environ.update(variables)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run(
    state_dir: Path,
    stack_name: str,
    client: Any,
    fleet_file: Path | None,
    output: str,
) -> int:
    """Seed, run, print; ``client(service, running)`` makes a boto3 client on the emulator."""
    say = sys.stderr if output == "json" else sys.stdout
    running = emulator.running(state_dir)
    if running is None:
        print("error: no emulator is running: run `make deploy-local` first", file=sys.stderr)
        return EXIT_NOT_DEPLOYED
    try:
        window_ids = stack_window_ids(client("cloudformation", running), stack_name)
    except UnknownStackError as error:
        print(f"error: {error}: run `make deploy-local` first", file=sys.stderr)
        return EXIT_NOT_DEPLOYED
    try:
        members = fleet.read_fleet(fleet_file) if fleet_file else fleet.LAB_FLEET
    except (OSError, ValueError) as error:
        print(f"error: --fleet: {error}", file=sys.stderr)
        return EXIT_NOT_DEPLOYED
    launched = fleet.seed(client("ec2", running), client("iam", running), members)
    print("fleet (EC2 instances; managed: an SSM managed node):", file=say)
    for member in members:
        tags = ", ".join(f"{k}={v}" for k, v in member.tags.items()) or "-"
        flags = ", told to fail" if member.fail else ""
        print(
            f"  {launched[member.name]}  {member.name}: {member.state}, "
            f"managed: {member.managed}{flags}; {tags}",
            file=say,
        )
    for execution in controls.run_windows(running.endpoint, window_ids):
        print(
            f"ran window {execution['WindowId']}: execution {execution['WindowExecutionId']} "
            f"{execution['Status']}",
            file=say,
        )
    print(file=say, flush=True)
    with environment(running.environment(state_dir)):
        return patch_window_cli.main(
            ["history", "--stack", stack_name, "--show-output", "--output", output]
        )
