"""``python -m local_aws``: the commands behind ``make deploy-local`` and ``make destroy-local``.

deploy   start the emulator (or reuse the running one), create the IAM groups cdk.json names,
         ``cdk bootstrap`` (once per emulator), ``cdk deploy``, then print what SSM holds.
destroy  ``cdk destroy``, print what SSM holds (nothing), stop the emulator.
run      run every window of the deployed stack once, now, then print its history
         (:mod:`local_aws.run_local`).
serve / start / stop / status   manage the emulator alone.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3  # type: ignore[import-untyped, unused-ignore]

import app
from patch_window.app.reader import read_settings
from patch_window.errors import PatchWindowValidationError

from . import ACCOUNT_ID, REGION, emulator, readback, regions

ROOT = Path(__file__).resolve().parent.parent
TOOLKIT_STACK = "CDKToolkit"
LOCK_FILE = "lock"
EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


def settings(project_dir: Path) -> tuple[str, list[str]]:
    """The stack name and the IAM group names of ``project_dir``'s cdk.json, read by the app's
    own reader, so a bad setting gets the app's ``error: patch_window...`` lines."""
    config = read_settings(app.settings(app.load_context({}, project_dir / "cdk.json")))
    groups = config.pass_role.group_names if config.pass_role else ()
    return config.stack_name, list(groups)


@contextlib.contextmanager
def checkout_lock(state_dir: Path) -> Iterator[None]:
    """One deploy or destroy at a time per checkout: a second one is refused, not raced.

    Two runs at once would share the emulator's port file: one emulator would be orphaned.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    with (state_dir / LOCK_FILE).open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "?"
            raise BusyError(
                f"another deploy-local or destroy-local runs in this checkout (pid {holder}); "
                "wait for it to finish, then run this again"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        try:
            yield
        finally:
            lock.truncate(0)
            fcntl.flock(lock, fcntl.LOCK_UN)


class BusyError(Exception):
    """Another command holds the checkout's lock."""


def _emulator_state(running: emulator.Emulator, state_dir: Path) -> str:
    """What became of the emulator a command used, said as it is now."""
    log = state_dir / emulator.LOG_FILE
    if emulator.running(state_dir) == running:
        return (
            f"the emulator still runs on {running.endpoint} (log: {log}); "
            "`make destroy-local` stops it"
        )
    return (
        f"the emulator (pid {running.pid}) is no longer running (log: {log}); "
        "`make deploy-local` starts a new one"
    )


def client(service: str, running: emulator.Emulator) -> Any:
    """A boto3 client bound to the emulator, whatever the caller's AWS configuration says."""
    return boto3.session.Session().client(
        service,
        endpoint_url=running.endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def seed_groups(running: emulator.Emulator, group_names: list[str]) -> None:
    """Create the groups the stack attaches its policy to: in a real account they pre-exist."""
    iam = client("iam", running)
    existing = {group["GroupName"] for group in iam.list_groups()["Groups"]}
    for name in group_names:
        if name not in existing:
            iam.create_group(GroupName=name)
            print(f"created IAM group {name} (it exists already in a real account)")


def stack_exists(running: emulator.Emulator, stack_name: str) -> bool:
    cloudformation = client("cloudformation", running)
    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except cloudformation.exceptions.ClientError:
        return False
    return any(not stack["StackStatus"].startswith("DELETE") for stack in stacks)


def cdk_environment(running: emulator.Emulator, state_dir: Path) -> dict[str, str]:
    """This process's environment, minus every AWS_* variable, plus the emulator's."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(running.environment(state_dir))
    environment["PATH"] = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{environment.get('PATH', '')}"
    return environment


def cdk_command(arguments: list[str]) -> list[str]:
    """The project's pinned CDK CLI (node_modules/.bin/cdk), without update notices."""
    return [str(ROOT / "node_modules" / ".bin" / "cdk"), *arguments, "--no-notices"]


def cdk(
    arguments: list[str], running: emulator.Emulator, state_dir: Path, project_dir: Path
) -> int:
    """Run the CDK CLI in ``project_dir`` against the emulator; return its exit status."""
    print(f"$ cdk {' '.join(arguments)}", flush=True)
    return subprocess.run(
        cdk_command(arguments),
        cwd=project_dir,
        env=cdk_environment(running, state_dir),
        check=False,
    ).returncode


def print_ssm(running: emulator.Emulator) -> None:
    ssm = client("ssm", running)
    print(readback.format_windows(readback.read_windows(ssm)))
    print(readback.format_baselines(readback.read_baselines(ssm)))


def deploy_regions(
    state_dir: Path, project_dir: Path, settings_file: Path | None, environment: str | None
) -> int:
    """``deployment.environments``: one environment's account stack and every Region's
    windows stack, each in its Region (local_aws/regions.py), then what each Region holds."""
    context = app.load_context({}, project_dir / "cdk.json")
    if settings_file is not None:
        context[app.FILE_CONTEXT_KEY] = str(settings_file)
    config = read_settings(app.settings(context))
    running = emulator.running(state_dir) or emulator.start(state_dir)
    print(f"the emulator (pid {running.pid}) on {running.endpoint}")

    def region_client(service: str, region: str) -> Any:
        return boto3.session.Session().client(
            service,
            endpoint_url=running.endpoint,
            region_name=region,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    to_deploy = regions.stacks(config, app._flags(context), environment)
    for stack in to_deploy:
        print(f"deploying {stack.name} to {stack.region}", flush=True)
    regions.deploy(region_client, to_deploy)
    print()
    print(regions.report(region_client, to_deploy))
    return 0


def deploy(state_dir: Path, project_dir: Path, app: str | None) -> int:
    stack_name, group_names = settings(project_dir)
    running = emulator.running(state_dir)
    if running is None:
        running = emulator.start(state_dir)
        print(f"started the emulator (pid {running.pid}) on {running.endpoint}")
    else:
        print(f"reusing the emulator (pid {running.pid}) on {running.endpoint}")
    seed_groups(running, group_names)
    if not stack_exists(running, TOOLKIT_STACK):
        status = cdk(["bootstrap", f"aws://{ACCOUNT_ID}/{REGION}"], running, state_dir, project_dir)
        if status:
            return status
    app_option = ["--app", app] if app else []
    status = cdk(
        [
            "deploy",
            stack_name,
            *app_option,
            "--require-approval",
            "never",
            "--output",
            str(state_dir / "cdk.out"),
        ],
        running,
        state_dir,
        project_dir,
    )
    if status:
        print(f"cdk deploy failed; {_emulator_state(running, state_dir)}", file=sys.stderr)
        return status
    print()
    print_ssm(running)
    return 0


def destroy(state_dir: Path, project_dir: Path, app: str | None) -> int:
    running = emulator.running(state_dir)
    if running is None:
        print("no emulator is running: nothing to destroy")
        return 0
    stack_name, _ = settings(project_dir)
    if stack_exists(running, stack_name):
        app_option = ["--app", app] if app else []
        status = cdk(
            ["destroy", stack_name, *app_option, "--force", "--output", str(state_dir / "cdk.out")],
            running,
            state_dir,
            project_dir,
        )
        if status:
            print(f"cdk destroy failed; {_emulator_state(running, state_dir)}", file=sys.stderr)
            return status
    print()
    print_ssm(running)
    emulator.stop(state_dir)
    print(f"stopped the emulator (pid {running.pid})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local_aws", description=__doc__)
    parser.add_argument(
        "command", choices=["deploy", "destroy", "run", "serve", "start", "stop", "status"]
    )
    parser.add_argument(
        "--state-dir", type=Path, default=ROOT / ".local-aws", help="emulator pid/port, logs"
    )
    parser.add_argument(
        "--project-dir", type=Path, default=ROOT, help="where cdk.json is (cdk runs there)"
    )
    parser.add_argument("--app", help="the CDK app command, instead of cdk.json's")
    parser.add_argument(
        "--settings", type=Path, help="deploy: a patch_window JSON file (as patch_window_file)"
    )
    parser.add_argument(
        "--environment", help="deploy, with deployment.environments: which (default: the first)"
    )
    parser.add_argument("--port", type=int, default=0, help="serve: port (0: a free one)")
    parser.add_argument("--port-file", type=Path, help="serve: write the bound port there")
    parser.add_argument("--fleet", type=Path, help="run: a fleet file instead of the lab's")
    parser.add_argument("--output", choices=("text", "json"), default="text", help="run")
    args = parser.parse_args(argv)
    state_dir = args.state_dir.resolve()
    project_dir = args.project_dir.resolve()

    if args.command == "serve":
        emulator.serve(args.port, args.port_file)
        return 0
    if args.command in ("deploy", "destroy"):
        command = deploy if args.command == "deploy" else destroy
        try:
            with checkout_lock(state_dir):
                if args.command == "deploy" and (args.settings or args.environment):
                    return deploy_regions(state_dir, project_dir, args.settings, args.environment)
                return command(state_dir, project_dir, args.app)
        except BusyError as busy:
            print(f"error: {busy}", file=sys.stderr)
            return EXIT_BUSY
        except PatchWindowValidationError as error:
            for problem in error.problems:
                print(f"error: {app.escape_controls(problem)}", file=sys.stderr)
            return app.EXIT_BAD_CONFIG
        except ValueError as error:  # an unknown --environment
            print(f"error: {error}", file=sys.stderr)
            return app.EXIT_BAD_CONFIG
    if args.command == "run":
        from . import run_local

        try:
            stack_name, _ = settings(project_dir)
        except PatchWindowValidationError as error:
            for problem in error.problems:
                print(f"error: {app.escape_controls(problem)}", file=sys.stderr)
            return app.EXIT_BAD_CONFIG
        return run_local.run(state_dir, stack_name, client, args.fleet, args.output)
    if args.command == "start":
        running = emulator.running(state_dir) or emulator.start(state_dir)
        print(running.endpoint)
        return 0
    if args.command == "stop":
        print("stopped" if emulator.stop(state_dir) else "no emulator was running")
        return 0
    found = emulator.running(state_dir)
    print(f"running (pid {found.pid}) on {found.endpoint}" if found else "not running")
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())
