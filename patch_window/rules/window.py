"""Rules of a maintenance window (``AWS::SSM::MaintenanceWindow``) and of the stack holding it.

Each rule returns ``None`` when the value is allowed, otherwise one line that quotes the value
and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import datetime
import importlib.resources
import re

from patch_window.rules.common import (
    MW,
    aws,
    integer_within,
    length_range,
    matches,
    text_within,
    within,
)
from patch_window.schedule_expression import schedule_expression_problem


def name(value: str) -> str | None:
    """Window, target and task names: 3-128 letters, digits, '-', '_' or '.'."""
    if within(f"{MW}.Name", value):
        return None
    return (
        f"must be {length_range(f'{MW}.Name')} characters, each a letter, digit, '-', '_' or "
        f"'.', got {value!r}"
    )


def description(value: str) -> str | None:
    """Descriptions of windows, targets and tasks: 1-128 characters."""
    return text_within(f"{MW}.Description", value)


def duration_hours(value: int) -> str | None:
    """Window duration: 1-24 hours."""
    return integer_within(f"{MW}.Duration", value, unit="hours")


def cutoff_hours(value: int) -> str | None:
    """Hours before the window ends when no new task starts: 0-23."""
    return integer_within(f"{MW}.Cutoff", value, unit="hours")


def cutoff_below_duration(cutoff: int, duration: int) -> str | None:
    """A cutoff equal to or above the duration deploys fine, but then no task ever starts."""
    if cutoff < duration:
        return None
    return (
        f"must be less than the duration ({duration} hours), got {cutoff} hours: "
        "no task could ever start"
    )


def schedule(value: str) -> str | None:
    """A maintenance window schedule: cron(...), rate(...) or at(...), parsed for real, and no
    longer than the 256 characters AWS stores."""
    longest = aws(f"{MW}.Schedule").max_length
    if longest is not None and len(value) > longest:
        return f"must be at most {longest} characters long, got {len(value)} characters"
    return schedule_expression_problem(value)


STACK_NAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,127}")


def stack_name(value: str) -> str | None:
    """CloudFormation stack names: a letter, then letters, digits or '-', at most 128."""
    if matches(STACK_NAME_PATTERN, value):
        return None
    return (
        "must start with a letter and hold only letters, digits and '-', at most 128 "
        f"characters, got {value!r}"
    )


def _service_time_zones() -> frozenset[str]:
    """The IANA zone names of the pinned ``tzdata`` package, not the host's database: a name
    one host knows (``posixrules``, ``localtime``) and SSM does not must fail everywhere."""
    names = importlib.resources.files("tzdata").joinpath("zones").read_text("utf-8").split()
    return frozenset(names) - {"Factory"}


TIME_ZONES = _service_time_zones()
"""Names :func:`schedule_timezone` accepts: IANA's zones and links, ``Factory`` excepted."""


def schedule_timezone(value: str) -> str | None:
    """An IANA time zone name such as 'Europe/London' or 'UTC'."""
    if value in TIME_ZONES:
        return None
    return f"must be an IANA time zone name such as 'Europe/London' or 'UTC', got {value!r}"


def date_time(value: datetime.datetime) -> str | None:
    """A start or end date with a UTC offset in whole minutes, as ISO 8601 writes them."""
    offset = value.utcoffset()
    if offset is None:
        return f"must carry a UTC offset, got {value.isoformat()!r}"
    if offset.seconds % 60 or offset.microseconds:
        return (
            "must have a UTC offset in whole minutes, such as '2026-04-07T14:29:00-08:00', "
            f"got {value.isoformat()!r}"
        )
    return None


def schedule_offset(value: int, schedule_expression: str) -> str | None:
    """Days to wait after a cron schedule's date: 1-6, and only with a cron schedule."""
    if not schedule_expression.startswith("cron("):
        return f"is allowed only with a cron(...) schedule, got {schedule_expression!r}"
    return integer_within(f"{MW}.ScheduleOffset", value, unit="days")


def end_after_start(end: datetime.datetime, start: datetime.datetime) -> str | None:
    """A window that ends before it starts never runs."""
    if end > start:
        return None
    return f"must be after the start date ({start.isoformat()}), got {end.isoformat()}"


# CloudFormation quotas (User Guide, "Understand CloudFormation quotas"): no schema holds them.
MAX_TEMPLATE_RESOURCES = 500
MAX_TEMPLATE_OUTPUTS = 200
MAX_TEMPLATE_BYTES = 1_000_000
"""A template body passed through S3, as the CDK CLI passes any above 50 KB."""


def template_counts(resources: int, outputs: int) -> str | None:
    """A stack within what one CloudFormation template may declare."""
    over = [
        f"{count} {noun} (at most {limit})"
        for count, noun, limit in (
            (resources, "resources", MAX_TEMPLATE_RESOURCES),
            (outputs, "outputs", MAX_TEMPLATE_OUTPUTS),
        )
        if count > limit
    ]
    if not over:
        return None
    return (
        f"the stack would declare {' and '.join(over)}, more than one CloudFormation template "
        "may hold; spread the windows over several stacks"
    )


def template_size(size: int) -> str | None:
    """A synthesized template CloudFormation will take (its file, as the CLI uploads it)."""
    if size <= MAX_TEMPLATE_BYTES:
        return None
    return (
        f"the template is {size} bytes, more than the {MAX_TEMPLATE_BYTES} CloudFormation "
        "takes; shorten the largest values (document parameters, payloads) or spread the "
        "windows over several stacks"
    )
