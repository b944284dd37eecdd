"""``patch-window history``: each window's executions, tasks, invocations and step output.

The windows: ``--window-id`` (repeatable), else those the stack outputs (``--stack``, default
cdk.json's ``patch_window.stack_name``). AWS is reached with the standard credential chain
(environment, profile, SSO, instance role) and ``AWS_ENDPOINT_URL`` when set. Throttled calls
are retried by botocore's ``standard`` retry mode (exponential backoff with jitter, 8 attempts
in all).

Exit statuses: 0 read; 1 the latest execution of a selected window is FAILED or TIMED_OUT;
2 an error (bad argument, no credentials, unknown stack or window, throttled past the retries,
AWS refused); 3 no selected window has run in the period (nothing to judge).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from patch_window.history.render import render
from patch_window.history.walker import Clients, HistoryError, Options, stack_window_ids, walk

EXIT_FAILED = 1
EXIT_ERROR = 2
EXIT_NO_HISTORY = 3
MAX_ATTEMPTS = 8
DURATION = re.compile(r"^(\d+)([dhm])$")
UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def since(value: str) -> dt.timedelta:
    """``7d``, ``12h``, ``30m`` as a duration (argparse type)."""
    match = DURATION.match(value.strip())
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(
            f"--since takes a positive number of days, hours or minutes such as 7d, 12h or 30m, "
            f"not {value!r}"
        )
    return dt.timedelta(**{UNITS[match.group(2)]: int(match.group(1))})


def window_id(value: str) -> str:
    if not re.match(r"^mw-[0-9a-f]{17}$", value):
        raise argparse.ArgumentTypeError(
            f"--window-id takes a maintenance window id such as mw-0123456789abcdef0, not {value!r}"
        )
    return value


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "history",
        help="what each window ran: executions, tasks, invocations, step output",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    select = parser.add_mutually_exclusive_group()
    select.add_argument(
        "--stack", help="the stack whose windows to read (default: cdk.json's stack_name)"
    )
    select.add_argument(
        "--window-id", action="append", type=window_id, help="a window id (repeatable)"
    )
    parser.add_argument("--since", type=since, help="only executions started since: 7d, 12h...")
    parser.add_argument(
        "--show-output", action="store_true", help="each step's status, output and error"
    )
    parser.add_argument(
        "--full-output",
        action="store_true",
        help="fetch each step's whole output from S3 or CloudWatch Logs (implies --show-output)",
    )
    parser.add_argument("--output", choices=("text", "json"), default="text")
    parser.add_argument("--cdk-json", type=Path, default=Path("cdk.json"), help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def default_stack(cdk_json: Path) -> str:
    """cdk.json's ``patch_window.stack_name``, read by the app's own reader."""
    from patch_window.app.reader import read_settings

    try:
        context = json.loads(cdk_json.read_text()).get("context", {})
    except (OSError, ValueError) as error:
        raise HistoryError(
            f"give --stack or --window-id: no readable cdk.json here ({error})"
        ) from None
    return read_settings(context.get("patch_window")).stack_name


def clients(full_output: bool) -> tuple[Clients, Any]:
    """boto3 clients from the standard chain, with throttling retried (standard mode)."""
    import boto3  # type: ignore[import-untyped, unused-ignore]
    from botocore.config import Config  # type: ignore[import-untyped, unused-ignore]

    config = Config(retries={"mode": "standard", "total_max_attempts": MAX_ATTEMPTS})
    session = boto3.session.Session()
    made = Clients(
        ssm=session.client("ssm", config=config),
        ec2=session.client("ec2", config=config),
        s3=session.client("s3", config=config) if full_output else None,
        logs=session.client("logs", config=config) if full_output else None,
    )
    return made, session.client("cloudformation", config=config)


def aws_error(error: Exception) -> str | None:
    """One line for the AWS and botocore errors a reader meets; None for anything else."""
    from botocore import exceptions  # type: ignore[import-untyped, unused-ignore]

    if isinstance(error, exceptions.NoCredentialsError | exceptions.PartialCredentialsError):
        return (
            "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY, or sign in with `aws sso login`"
        )
    if isinstance(error, exceptions.NoRegionError):
        return "no AWS Region: set AWS_DEFAULT_REGION (or region in your AWS profile)"
    if isinstance(error, exceptions.TokenRetrievalError | exceptions.SSOTokenLoadError):
        return f"the AWS sign-in has expired: {error}"
    if isinstance(error, exceptions.EndpointConnectionError):
        return f"cannot reach AWS: {error}"
    if isinstance(error, exceptions.ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        message = error.response.get("Error", {}).get("Message", "")
        operation = getattr(error, "operation_name", "?")
        if code in ("ThrottlingException", "Throttling", "TooManyRequestsException"):
            return (
                f"AWS throttled {operation} after {MAX_ATTEMPTS} attempts with backoff; "
                "try again later or with fewer windows"
            )
        if code in ("AccessDeniedException", "AccessDenied", "UnauthorizedOperation"):
            return f"not allowed to call {operation} ({message}); see HistoryReaderPolicy"
        return f"{operation} failed: {code}: {message}"
    return None


def run(args: argparse.Namespace) -> int:
    if args.full_output and not args.show_output:
        args.show_output = True
    now = dt.datetime.now(dt.UTC)
    options = Options(
        since=now - args.since if args.since else None,
        show_output=args.show_output,
        full_output=args.full_output,
    )
    try:
        made, cloudformation = clients(args.full_output)
        window_ids = args.window_id or stack_window_ids(
            cloudformation, args.stack or default_stack(args.cdk_json)
        )
        history = walk(made, window_ids, options)
    except HistoryError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:
        line = aws_error(error)
        if line is None:
            from patch_window.errors import PatchWindowValidationError

            if isinstance(error, PatchWindowValidationError):
                for problem in error.problems:
                    print(f"error: {problem}", file=sys.stderr)
                return EXIT_ERROR
            raise
        print(f"error: {line}", file=sys.stderr)
        return EXIT_ERROR
    if args.output == "json":
        print(json.dumps(history.to_json(), indent=2))
    else:
        print(render(history, args.show_output))
    period = f"in the last {_words(args.since)}" if args.since else "yet"
    for window in history.windows:
        if not window.executions:
            print(
                f"error: window {window.window_id} ({window.name}) has no executions {period}",
                file=sys.stderr,
            )
    if history.failed():
        return EXIT_FAILED
    if all(not window.executions for window in history.windows):
        return EXIT_NO_HISTORY
    return 0


def _words(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"
