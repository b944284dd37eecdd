"""The permission catalog's pure parts: which documents AWS owns, which parameters reference
Parameter Store, and what a permission assumes when a task says nothing more."""

from __future__ import annotations

import pytest

from patch_window.permissions import (
    AWS_OWNED_DOCUMENT,
    COMMAND_TRACKING_ACTIONS,
    PARAMETER_REFERENCE,
    SEND_COMMAND,
    Permission,
)


@pytest.mark.parametrize(
    ("document", "owned"),
    [
        ("AWS-RunPatchBaseline", True),
        ("aws-x", True),
        ("Amazon-Foo", True),
        ("AMZN-Foo", True),
        ("MyAWS-Document", False),
        ("Patching", False),
    ],
)
def test_aws_owned_documents_are_told_by_their_prefix(document: str, owned: bool) -> None:
    assert bool(AWS_OWNED_DOCUMENT.match(document)) is owned


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("{{ssm:/patching/list}}", ["/patching/list"]),
        ("{{ ssm:name:3 }}", ["name"]),
        ("a {{ssm:one}} b {{ssm:two:latest}}", ["one", "two"]),
        ("{{RESOURCE_ID}}", []),
        ("{{ssm:}}", []),
        ("ssm:name", []),
    ],
)
def test_parameter_references_name_their_parameter(text: str, names: list[str]) -> None:
    assert PARAMETER_REFERENCE.findall(text) == names


def test_a_permission_has_no_conditions_and_is_not_added_to_the_managed_policy_by_default() -> None:
    permission = Permission(sid="S", actions=(SEND_COMMAND,), resources=("*",), reason="r")
    assert (permission.conditions, permission.wildcard_reason) == (None, None)
    assert permission.needed_with_managed_policy is False


def test_commands_are_followed_and_cancelled_with_the_read_and_cancel_actions() -> None:
    assert SEND_COMMAND == "ssm:SendCommand"
    assert COMMAND_TRACKING_ACTIONS == (
        "ssm:CancelCommand",
        "ssm:GetCommandInvocation",
        "ssm:ListCommandInvocations",
        "ssm:ListCommands",
    )
