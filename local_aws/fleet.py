"""The emulated fleet: EC2 instances that are (or are not) SSM managed nodes.

moto runs EC2 instances but has no SSM Agent: no instance is ever a managed node and
``DescribeInstanceInformation`` does not exist. Here an instance is a managed node when it is
launched with :data:`INSTANCE_PROFILE` (the instance profile that, in an account, carries
``AmazonSSMManagedInstanceCore``), as a real instance's agent registers only with such a
profile; its node is ``Online`` while the instance runs, ``ConnectionLost`` once stopped.

:data:`LAB_FLEET` is the lab's workload: two web servers and two app servers, tagged
``Workload=Test`` and ``InstanceRole=WebServer`` or ``AppServer``. A fleet file (``--fleet``)
is a JSON list of the same entries::

    [{"name": "web-3", "tags": {"Workload": "Test", "InstanceRole": "WebServer"},
      "state": "stopped", "managed": true, "fail": false}]

``fail: true`` makes every command on that instance fail (its ``PatchLinux`` step exits 1), to
rehearse a task's error threshold and a FAILED window execution; it is recorded as the tag
:data:`FAIL_TAG`, which :mod:`local_aws.executions` reads.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

INSTANCE_PROFILE = "LocalAwsSSMManagedInstance"
#: The tag that makes an emulated instance's commands fail (no AWS tag has this prefix).
FAIL_TAG = "local-aws:fail"
#: The tag every instance of a seeded fleet carries; a new fleet terminates the old one's.
FLEET_TAG = "local-aws:fleet"
IMAGE_ID = "ami-12c6146b"  # one of the images moto knows (Amazon Linux)
INSTANCE_TYPE = "t3.micro"
EC2_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


@dataclass(frozen=True)
class FleetInstance:
    """One instance of the fleet: its Name tag, other tags, state and SSM registration."""

    name: str
    tags: dict[str, str] = field(default_factory=dict)
    state: str = "running"
    managed: bool = True
    fail: bool = False


LAB_FLEET = (
    FleetInstance("web-server-1", {"Workload": "Test", "InstanceRole": "WebServer"}),
    FleetInstance("web-server-2", {"Workload": "Test", "InstanceRole": "WebServer"}),
    FleetInstance("app-server-1", {"Workload": "Test", "InstanceRole": "AppServer"}),
    FleetInstance("app-server-2", {"Workload": "Test", "InstanceRole": "AppServer"}),
)


def read_fleet(path: Path) -> tuple[FleetInstance, ...]:
    """A fleet file: a JSON list of ``{name, tags, state, managed, fail}``."""
    entries = json.loads(path.read_text())
    if not isinstance(entries, list):
        raise ValueError(f"{path}: a fleet file is a JSON list of instances")
    fleet = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"{path}: entry {index} needs a string 'name'")
        unknown = set(entry) - {"name", "tags", "state", "managed", "fail"}
        if unknown:
            raise ValueError(f"{path}: entry {index} has unknown keys {sorted(unknown)}")
        state = entry.get("state", "running")
        if state not in ("running", "stopped"):
            raise ValueError(f"{path}: entry {index}: state is 'running' or 'stopped'")
        fleet.append(
            FleetInstance(
                name=entry["name"],
                tags={str(k): str(v) for k, v in (entry.get("tags") or {}).items()},
                state=state,
                managed=bool(entry.get("managed", True)),
                fail=bool(entry.get("fail", False)),
            )
        )
    return tuple(fleet)


def seed(ec2: Any, iam: Any, fleet: tuple[FleetInstance, ...]) -> dict[str, str]:
    """Launch the fleet through the EC2 API (in-process or against the server).

    Instances already launched under the same Name (and not terminated) are kept, so seeding
    twice is harmless; those of an earlier fleet that this one does not name are terminated, so
    the fleet is exactly ``fleet``. Returns ``{name: instance id}``.
    """
    with contextlib.suppress(iam.exceptions.EntityAlreadyExistsException):
        iam.create_role(RoleName=INSTANCE_PROFILE, AssumeRolePolicyDocument=EC2_TRUST)
    with contextlib.suppress(iam.exceptions.EntityAlreadyExistsException):
        iam.create_instance_profile(InstanceProfileName=INSTANCE_PROFILE)
        iam.add_role_to_instance_profile(
            InstanceProfileName=INSTANCE_PROFILE, RoleName=INSTANCE_PROFILE
        )
    alive = [
        instance
        for reservation in ec2.describe_instances()["Reservations"]
        for instance in reservation["Instances"]
        if instance["State"]["Name"] != "terminated"
    ]
    wanted = {member.name for member in fleet}
    existing: dict[str, str] = {}
    retired: list[str] = []
    for instance in alive:
        tags = {tag["Key"]: tag["Value"] for tag in instance.get("Tags", [])}
        if tags.get("Name") in wanted:
            existing[tags["Name"]] = instance["InstanceId"]
        elif FLEET_TAG in tags:
            retired.append(instance["InstanceId"])
    if retired:
        ec2.terminate_instances(InstanceIds=retired)
    launched = {}
    for member in fleet:
        if member.name in existing:
            launched[member.name] = existing[member.name]
            continue
        tags = {"Name": member.name, **member.tags, FLEET_TAG: "true"}
        if member.fail:
            tags[FAIL_TAG] = "true"
        options: dict[str, Any] = {}
        if member.managed:
            options["IamInstanceProfile"] = {"Name": INSTANCE_PROFILE}
        reservation = ec2.run_instances(
            ImageId=IMAGE_ID,
            InstanceType=INSTANCE_TYPE,
            MinCount=1,
            MaxCount=1,
            TagSpecifications=[
                {
                    "ResourceType": "instance",
                    "Tags": [{"Key": k, "Value": v} for k, v in tags.items()],
                }
            ],
            **options,
        )
        instance_id = reservation["Instances"][0]["InstanceId"]
        if member.state == "stopped":
            ec2.stop_instances(InstanceIds=[instance_id])
        launched[member.name] = instance_id
    return launched
