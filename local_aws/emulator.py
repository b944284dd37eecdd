"""The emulator as a server: moto with :func:`local_aws.install`, on 127.0.0.1, on a free port.

``serve`` runs it in the foreground. ``start`` runs it as a detached process and records its pid
and port in a state folder (``.local-aws/`` by default) so that a later ``make deploy-local`` or
``make destroy-local`` finds the same emulator, with the same stacks, again; ``stop`` ends it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ACCOUNT_ID, REGION, controls, install

HOST = "127.0.0.1"
STATE_FILE = "server.json"
LOG_FILE = "server.log"
START_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Emulator:
    """A running emulator: its process id and where it listens."""

    pid: int
    port: int

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}"

    def environment(self, state_dir: Path) -> dict[str, str]:
        """The variables that point the AWS CLI/SDKs and the CDK CLI at this emulator only.

        Dummy credentials, and config/credentials files that do not exist, so that no profile
        of the developer's is read and nothing can reach a real AWS account.
        """
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_CONFIG_FILE": str(state_dir / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(state_dir / "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "CDK_DISABLE_CLI_TELEMETRY": "true",
            "CDK_DISABLE_VERSION_CHECK": "true",
            "CDK_DEFAULT_ACCOUNT": ACCOUNT_ID,
            "CDK_DEFAULT_REGION": REGION,
        }


def serve(port: int = 0, port_file: Path | None = None) -> None:
    """Serve moto plus the extension on 127.0.0.1 until SIGTERM/SIGINT.

    Port 0 lets the kernel pick a free port; the port bound is written to ``port_file``.
    All AWS managed policies are loaded, so that the IAM API, too, knows them as AWS does.
    """
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    install()
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    server = make_server(
        HOST,
        port,
        controls.wrap(DomainDispatcherApplication(create_backend_app)),
        threaded=True,
        request_handler=MotoRequestHandler,
    )
    if port_file is not None:
        port_file.write_text(str(server.server_port))

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    server.server_close()


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/moto-api/", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _serves(pid: int) -> bool:
    """Whether ``pid`` is an emulator server (and not another process that reused the pid)."""
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _alive(pid)  # no /proc: trust the recorded pid
    return b"local_aws" in command_line and b"serve" in command_line


def recorded(state_dir: Path) -> Emulator | None:
    """The emulator ``state_dir`` records, whether or not it still runs."""
    try:
        state = json.loads((state_dir / STATE_FILE).read_text())
        return Emulator(pid=int(state["pid"]), port=int(state["port"]))
    except (OSError, ValueError, KeyError):
        return None


def running(state_dir: Path) -> Emulator | None:
    """The emulator recorded in ``state_dir``, if it is still alive and answering."""
    emulator = recorded(state_dir)
    if emulator and _alive(emulator.pid) and _serves(emulator.pid) and _answers(emulator.port):
        return emulator
    return None


def start(state_dir: Path) -> Emulator:
    """Start a detached emulator and record it in ``state_dir``; wait until it answers."""
    state_dir.mkdir(parents=True, exist_ok=True)
    port_file = state_dir / "port"
    port_file.unlink(missing_ok=True)
    with (state_dir / LOG_FILE).open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "local_aws", "serve", "--port-file", str(port_file)],
            cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,  # outlives `make`, and Ctrl-C in the terminal
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the emulator exited at start; see {state_dir / LOG_FILE}")
        if port_file.exists() and port_file.read_text().strip():
            emulator = Emulator(pid=process.pid, port=int(port_file.read_text()))
            if _answers(emulator.port):
                (state_dir / STATE_FILE).write_text(json.dumps(emulator.__dict__))
                return emulator
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the emulator did not answer within {START_TIMEOUT_S:.0f} s")


def stop(state_dir: Path) -> bool:
    """Stop the emulator recorded in ``state_dir`` (even one that no longer answers).

    True if there was one to stop.
    """
    emulator = recorded(state_dir)
    for name in (STATE_FILE, "port"):
        (state_dir / name).unlink(missing_ok=True)
    if emulator is None or not (_alive(emulator.pid) and _serves(emulator.pid)):
        return False
    os.kill(emulator.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _alive(emulator.pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(emulator.pid, os.WNOHANG)  # reap it if this process started it
        time.sleep(0.05)
    if _alive(emulator.pid):
        os.kill(emulator.pid, signal.SIGKILL)
    return True
