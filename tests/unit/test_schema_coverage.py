"""Every constraint AWS publishes for a property we fill from user input is enforced at synth.

The constraints come from :mod:`patch_window.rules.aws_constraints`, generated from the
CloudFormation schemas bundled with cfn-lint and botocore's service models (regenerated and
compared by ``test_aws_constraints.py``). Each rule-table row names the constraint keys it
enforces; here every constrained key must be claimed by a row (or by a target form, or be
listed as set by the library itself, with the reason), and each claiming rule must refuse the
first invalid value on every boundary AWS draws, and accept the last valid one unless the rule
is knowingly stricter than the schema (it parses what AWS only measures).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from patch_window.rules.aws_constraints import BY_KEY, CONSTRAINTS
from patch_window.rules.tables import TABLES, PropRule
from patch_window.targets.selector import TargetSelector
from patch_window.vocabulary import PatchFilterKey, values
from tests.constraint_boundaries import boundaries

MWT = "AWS::SSM::MaintenanceWindowTarget"
MWTASK = "AWS::SSM::MaintenanceWindowTask"
RUN = f"{MWTASK}.TaskInvocationParameters.MaintenanceWindowRunCommandParameters"
AUTO = f"{MWTASK}.TaskInvocationParameters.MaintenanceWindowAutomationParameters"
PB = "AWS::SSM::PatchBaseline"
#: Where a patch baseline's filter groups sit: its global filters and each approval rule's.
FILTER_GROUPS = (f"{PB}.GlobalFilters", f"{PB}.ApprovalRules.PatchRules[].PatchFilterGroup")

#: Keys the library fills itself, never from a user's value.
SET_BY_THE_LIBRARY = {
    f"{MWT}.ResourceType": "chosen by the target form (INSTANCE or RESOURCE_GROUP)",
    f"{MWTASK}.TaskType": "chosen by the task class",
    f"{RUN}.ServiceRoleArn": "the notification role's ARN, from an iam.IRole",
    f"{RUN}.NotificationConfig.NotificationArn": "an sns.ITopic's ARN (topic_arn is checked)",
    "AWS::IAM::ManagedPolicy.Description": "the library's own fixed descriptions",
    "AWS::SNS::Topic.TopicName": "topics the library creates get generated names",
    "AWS::SNS::Topic.TopicArn": "checked as topic_arn, which names an existing topic",
}

#: How a target form's values reach each ``Targets`` key: a selector from a boundary value.
SELECTOR_KEYS: dict[str, Callable[[Any], TargetSelector]] = {
    f"{MWT}.Targets": lambda v: TargetSelector.by_tags({f"k{i}": ["v"] for i in range(len(v))}),
    f"{MWT}.Targets[].Key": lambda v: TargetSelector.by_tag_keys([v]),
    f"{MWT}.Targets[].Values": lambda v: TargetSelector.by_tags(
        {"k": [f"v{i}" for i, _ in enumerate(v)]}
    ),
    f"{MWT}.Targets[].Values[]": lambda v: TargetSelector.by_tags({"k": [v]}),
}

#: Rules that check more than the schema measures: only their refusals are compared.
STRICTER = {
    "AWS::SSM::MaintenanceWindow.Schedule": "parses the expression",
    "AWS::SSM::MaintenanceWindow.ScheduleTimezone": "must name an IANA zone",
    f"{MWTASK}.TaskArn": "a document, function or state machine name or ARN, not any text",
    f"{MWT}.Targets[].Key": "tag keys only; the tag: prefix takes 4 of the 163 characters",
    "AWS::S3::Bucket.BucketName": "S3's naming rules beyond the schema's pattern",
    f"{PB}.ApprovalRules.PatchRules[].ApproveUntilDate": "a real YYYY-MM-DD date, not any text",
}

#: Values the library never sends, so AWS never sees them: an empty mapping of parameters is
#: left out of the template.
NEVER_SENT: dict[str, Callable[[Any], bool]] = {
    f"{AUTO}.Parameters": lambda v: not v,
}

#: How a boundary value of a key is given to the rule that claims it, where the shapes differ.
ADAPT: dict[str, Callable[[Any], Any]] = {
    f"{AUTO}.Parameters{{key}}": lambda v: {v: ["x"]},
    f"{AUTO}.Parameters.*": lambda v: {"P": list(v)},
    f"{AUTO}.Parameters.*[]": lambda v: {"P": [v]},
    f"{RUN}.Parameters{{key}}": lambda v: {v: ["x"]},
    f"{RUN}.Parameters.*": lambda v: {"P": list(v)},
    f"{RUN}.Parameters.*[]": lambda v: {"P": [v]},
    # a filter group is a mapping of filter key to values in the library and in cdk.json
    **{
        f"{group}.PatchFilters": lambda v: {k: ["*"] for k in values(PatchFilterKey)[: len(v)]}
        for group in FILTER_GROUPS
    },
    **{f"{group}.PatchFilters[].Key": lambda v: {v: ["*"]} for group in FILTER_GROUPS},
    **{f"{group}.PatchFilters[].Values": lambda v: {"PRODUCT": list(v)} for group in FILTER_GROUPS},
    **{f"{group}.PatchFilters[].Values[]": lambda v: {"PRODUCT": [v]} for group in FILTER_GROUPS},
}

CLAIMS: dict[str, list[tuple[str, PropRule]]] = {}
for table_name, table in TABLES.items():
    for row in table.rows:
        for key in row.aws:
            CLAIMS.setdefault(key, []).append((table_name, row))


def test_every_claimed_key_exists() -> None:
    assert sorted(set(CLAIMS) - set(BY_KEY)) == []


def test_every_constrained_property_has_a_rule() -> None:
    unclaimed = [
        c.key
        for c in CONSTRAINTS
        if c.is_constrained
        and c.key not in CLAIMS
        and c.key not in SELECTOR_KEYS
        and c.key not in SET_BY_THE_LIBRARY
    ]
    assert unclaimed == []


def _typed(key: str) -> list[tuple[Any, bool]]:
    """The boundary values of ``key`` of its own JSON type (types are checked elsewhere)."""
    constraint = BY_KEY[key]
    kinds: dict[str, tuple[type, ...]] = {
        "string": (str,),
        "integer": (int,),
        "array": (list, tuple),
        "object": (dict,),
        "boolean": (bool,),
    }
    return [
        (value, ok)
        for value, ok in boundaries(constraint)
        if isinstance(value, kinds[constraint.type])
        and not (constraint.type == "integer" and isinstance(value, bool))
    ]


ROW_CASES = [
    pytest.param(key, row, id=f"{table_name}.{row.prop}:{key.split('::')[-1]}")
    for key, claims in sorted(CLAIMS.items())
    for table_name, row in claims
]


@pytest.mark.parametrize(("key", "row"), ROW_CASES)
def test_rule_holds_every_boundary(key: str, row: PropRule) -> None:
    adapt = ADAPT.get(key, lambda value: value)
    wrong = []
    for value, ok in _typed(key):
        if row.after or NEVER_SENT.get(key, lambda _: False)(value):
            continue
        problem = row.rule(adapt(value))
        if not ok and problem is None:
            wrong.append(f"accepts {value!r}, which AWS refuses")
        if ok and problem is not None and key not in STRICTER:
            wrong.append(f"refuses {value!r}, which AWS accepts: {problem}")
    assert wrong == []


@pytest.mark.parametrize("key", sorted(SELECTOR_KEYS))
def test_target_forms_hold_every_boundary(key: str) -> None:
    wrong = []
    for value, ok in _typed(key):
        if key.endswith("Values") and not value:
            continue  # an empty list of values is refused by the form, more strictly
        problems = SELECTOR_KEYS[key](value).problems()
        if not ok and not problems:
            wrong.append(f"accepts {value!r}, which AWS refuses")
        if ok and problems and key not in STRICTER:
            wrong.append(f"refuses {value!r}, which AWS accepts: {problems}")
    assert wrong == []


def test_every_retention_aws_accepts_maps_to_a_cdk_retention() -> None:
    """The app turns ``retention_days`` into ``logs.RetentionDays``; a retention the schema
    gains must not pass the rule and then fail the lookup at synth."""
    from patch_window.app.task_resources import RETENTION_DAYS
    from patch_window.rules.output import LOG_RETENTION_DAYS

    assert sorted(RETENTION_DAYS) == sorted(LOG_RETENTION_DAYS)
    # The names are looked up only when a log group is created: each must be a member.
    import aws_cdk.aws_logs as logs

    members = {member.name for member in logs.RetentionDays}
    assert sorted(set(RETENTION_DAYS.values()) - members) == []
