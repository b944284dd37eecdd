"""The emulator server's control route: start window executions, which no AWS API can.

A maintenance window runs on its schedule; there is no "run now" call. The server started by
:func:`local_aws.emulator.serve` answers ``POST /local-aws/run-windows`` (a JSON body
``{"window_ids": [...]}``) by running each window once, now, with
:func:`local_aws.executions.run_windows`; every other request goes to moto.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from . import ACCOUNT_ID, REGION, executions

RUN_PATH = "/local-aws/run-windows"


def wrap(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """``app`` with the control route in front of it."""

    def controlled(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") != RUN_PATH or environ.get("REQUEST_METHOD") != "POST":
            return app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = json.loads(environ["wsgi.input"].read(length) or b"{}")
        body: dict[str, Any]
        try:
            ran = executions.run_windows(ACCOUNT_ID, REGION, list(request["window_ids"]))
            status, body = "200 OK", {"WindowExecutions": ran}
        except Exception as error:  # the caller prints it; the server keeps serving
            status, body = "400 Bad Request", {"error": f"{type(error).__name__}: {error}"}
        payload = json.dumps(body, default=str).encode()
        start_response(status, [("Content-Type", "application/json")])
        return [payload]

    return controlled


def run_windows(endpoint: str, window_ids: list[str]) -> list[dict[str, Any]]:
    """Ask the server at ``endpoint`` to run the windows now; their executions."""
    request = urllib.request.Request(
        f"{endpoint}{RUN_PATH}",
        data=json.dumps({"window_ids": window_ids}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            answer: dict[str, Any] = json.loads(reply.read())
    except urllib.error.HTTPError as error:
        raise RuntimeError(json.loads(error.read()).get("error", str(error))) from None
    executions_run: list[dict[str, Any]] = answer["WindowExecutions"]
    return executions_run
