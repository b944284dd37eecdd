"""patch_window.tree answers what aws-cdk-lib would, without asking it again."""

from __future__ import annotations

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import pytest
from constructs import Construct

from patch_window import tree


def _stacks() -> list[cdk.Stack]:
    app = cdk.App()
    stage = cdk.Stage(app, "Prod", env=cdk.Environment(account="123456789012", region="cn-north-1"))
    return [cdk.Stack(app, "Agnostic"), cdk.Stack(stage, "Pinned")]


@pytest.mark.parametrize(
    "arn_format",
    [
        None,
        cdk.ArnFormat.SLASH_RESOURCE_NAME,
        cdk.ArnFormat.COLON_RESOURCE_NAME,
        cdk.ArnFormat.SLASH_RESOURCE_SLASH_RESOURCE_NAME,
    ],
)
@pytest.mark.parametrize("account", [None, "", "210987654321"])
def test_format_arn_is_the_stacks_own(
    arn_format: cdk.ArnFormat | None, account: str | None
) -> None:
    for stack in _stacks():
        arguments = {"service": "ssm", "resource": "document", "resource_name": "AWS-Run*"}
        ours = tree.format_arn(stack, **arguments, account=account, arn_format=arn_format)
        theirs = stack.format_arn(**arguments, account=account, arn_format=arn_format)
        assert ours == theirs
        assert stack.resolve(ours) == stack.resolve(theirs)


def test_remembered_constructs_answer_as_their_node_does() -> None:
    for stack in _stacks():
        outer = Construct(stack, "Outer")
        tree.remember(outer, stack, "Outer")
        inner = Construct(outer, "Inner")
        tree.remember(inner, outer, "Inner")
        unknown = Construct(inner, "NotRemembered")
        slashed = Construct(inner, "With/Slash")
        tree.remember(slashed, inner, "With/Slash")
        for construct in (outer, inner, unknown, slashed):
            assert tree.path(construct) == construct.node.path
            assert tree.node_id(construct) == construct.node.id
            assert tree.scope_of(construct) is construct.node.scope
            assert tree.stack_of(construct) is cdk.Stack.of(construct)
        assert tree.stack_of(stack) is stack
        assert tree.path(inner) == f"{stack.node.path}/Outer/Inner"


def test_role_arn_is_the_roles_own() -> None:
    stack = _stacks()[0]
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"))
    assert tree.role_arn(role) == role.role_arn
    # Kept: each read of role.role_arn is a new string from node, a kept one is the same object.
    assert role.role_arn is not role.role_arn
    assert tree.role_arn(role) is tree.role_arn(role)
