"""The managed-policy size arithmetic (``rules/iam.py``), pure: the bound a task policy is split
by must equal IAM's count (characters without whitespace) for plain JSON, and only ever
overestimate what CloudFormation fills in."""

from __future__ import annotations

import json
from typing import Any

import pytest

from patch_window.rules import iam


def _iam_count(document: Any) -> int:
    """What IAM counts: the compact JSON text without whitespace."""
    return len("".join(json.dumps(document, separators=(",", ":")).split()))


PLAIN = [
    "ssm:SendCommand",
    "a b\tc",  # whitespace inside strings is not counted either
    'quote " and back\\slash',
    "ünïcödé",
    12,
    True,
    None,
    [],
    {},
    ["x", "y"],
    {"Effect": "Allow", "Action": ["ssm:SendCommand", "ssm:ListCommands"], "Resource": "*"},
    {"Condition": {"StringEquals": {"ssm:resourceTag/Workload": ["Test", "Prod"]}}},
]


@pytest.mark.parametrize("document", PLAIN, ids=[json.dumps(d)[:30] for d in PLAIN])
def test_plain_json_is_counted_as_iam_counts_it(document: Any) -> None:
    assert iam.policy_text_length(document) == _iam_count(document)


@pytest.mark.parametrize(
    ("pseudo", "longest"),
    [
        ("AWS::Partition", "aws-us-gov"),
        ("AWS::Region", "ap-southeast-5xx"),
        ("AWS::AccountId", "123456789012"),
        ("AWS::URLSuffix", "amazonaws.com.cn"),
    ],
)
def test_a_pseudo_parameter_counts_as_its_longest_value(pseudo: str, longest: str) -> None:
    assert iam.policy_text_length({"Ref": pseudo}) == len(json.dumps(longest))


def test_a_resource_reference_or_function_counts_as_a_long_value() -> None:
    filled = 2 + iam._FILLED_IN_LENGTH
    assert iam.policy_text_length({"Ref": "MyBucket"}) == filled
    assert iam.policy_text_length({"Fn::GetAtt": ["Topic", "TopicArn"]}) == filled
    assert iam.policy_text_length({"Fn::ImportValue": "x"}) == filled


def test_a_join_counts_its_parts_joined() -> None:
    joined = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":ssm:::document/X"]]}
    expected = len(json.dumps("arn:" + "aws-us-gov" + ":ssm:::document/X"))
    assert iam.policy_text_length(joined) == expected
    separated = {"Fn::Join": [":", ["a", "b", "c"]]}
    assert iam.policy_text_length(separated) == len(json.dumps("a:b:c"))


def test_a_mapping_with_one_other_key_is_plain_json() -> None:
    assert iam.policy_text_length({"Effect": "Allow"}) == _iam_count({"Effect": "Allow"})
    two = {"Ref": "AWS::Region", "Other": 1}
    assert iam.policy_text_length(two) == _iam_count(two)


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_a_document_is_its_statements_plus_the_frame(count: int) -> None:
    statement = {"Effect": "Allow", "Action": "ssm:GetDocument", "Resource": "*"}
    document = {"Version": "2012-10-17", "Statement": [statement] * count}
    sizes = [iam.policy_text_length(statement)] * count
    assert iam.managed_policy_size(sizes) == _iam_count(document)


def test_the_quotas_are_iams() -> None:
    assert (iam.MANAGED_POLICY_MAX_CHARACTERS, iam.MANAGED_POLICIES_PER_ROLE) == (6144, 10)
