"""Least privilege for the task role, derived from the tasks actually registered with it.

Each task type says what its role must allow as a list of :class:`Permission`s (Run Command:
:func:`run_command_permissions`) and hands them to :func:`grant_task_permissions` when it is
created. A :class:`MaintenanceWindowRole <patch_window.role.MaintenanceWindowRole>` collects them
into one customer managed policy (:class:`TaskPolicy`), one statement per ``sid``, so a role
created before its tasks still ends up with exactly what they need. Another task type
(Automation, Lambda, Step Functions) adds a ``*_permissions`` function here and calls
:func:`grant_task_permissions` the same way.

Sources: ``shared/reference/security.md``; the Service Authorization Reference for which actions
take a resource (``ssm:ListCommands`` and the other command read/cancel actions take none).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
from constructs import Construct

from patch_window import compliance

if TYPE_CHECKING:
    import aws_cdk.aws_s3 as s3

    from patch_window.targets.target import MaintenanceWindowTarget

SSM_SERVICE = "ssm.amazonaws.com"
SEND_COMMAND = "ssm:SendCommand"
COMMAND_TRACKING_ACTIONS = (
    "ssm:CancelCommand",
    "ssm:GetCommandInvocation",
    "ssm:ListCommandInvocations",
    "ssm:ListCommands",
)
"""What a window does with the commands it sent: follow them, and cancel them (``CANCEL_TASK``
at the cutoff, or a cancelled window execution). None of these actions takes a resource."""
# Document names AWS reserves for its own documents; those have no account in their ARN.
AWS_OWNED_DOCUMENT = re.compile(r"^(aws|amazon|amzn)", re.IGNORECASE)
# {{ssm:name}} or {{ssm:name:version}} in a document parameter: resolved with the task role.
PARAMETER_REFERENCE = re.compile(r"\{\{\s*ssm:([^}:\s]+)(?::[^}\s]*)?\s*\}\}")


@dataclass(frozen=True)
class Permission:
    """One policy statement a task needs its role to have, and why.

    Permissions with the same ``sid`` from several tasks become one statement whose resources
    are the union; they must agree on actions and conditions.
    """

    sid: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    reason: str
    conditions: Mapping[str, Mapping[str, Any]] | None = None
    wildcard_reason: str | None = None
    """Why a ``*`` in ``resources`` is the narrowest AWS allows; it is the reason recorded
    when acknowledging the AwsSolutions-IAM5 finding it causes."""
    needed_with_managed_policy: bool = False
    """Also added when the role carries the AWS managed policy, which lacks it."""


@runtime_checkable
class PermissionSink(Protocol):
    """A construct that owns a task role and decides what to grant it (the role's scope)."""

    @property
    def role(self) -> iam.IRole: ...

    def add_task_permissions(self, permissions: Sequence[Permission]) -> None: ...


def grant_task_permissions(role: iam.IRole, permissions: Sequence[Permission]) -> None:
    """Give ``role`` what a task needs.

    A :class:`MaintenanceWindowRole <patch_window.role.MaintenanceWindowRole>`'s role gets them
    through its policy mode. Any other role is granted them directly, as CDK grants do
    (nothing happens for an imported, immutable role).
    """
    owner = role.node.scope
    if isinstance(owner, PermissionSink) and owner.role is role:
        owner.add_task_permissions(permissions)
        return
    for permission in permissions:
        role.add_to_principal_policy(statement(permission))


def statement(permission: Permission) -> iam.PolicyStatement:
    """The IAM statement for ``permission``."""
    return iam.PolicyStatement(
        sid=permission.sid,
        actions=list(permission.actions),
        resources=list(permission.resources),
        conditions=dict(permission.conditions) if permission.conditions else None,
    )


class TaskPolicy(Construct):
    """A customer managed policy attached to the task role, grown one task at a time.

    Customer managed rather than inline, so that the NIST, HIPAA and PCI packs' "no inline
    policies" rule holds. Every wildcard resource a permission carries is acknowledged for
    AwsSolutions-IAM5 on this construct, with the permission's ``wildcard_reason``.
    """

    def __init__(self, scope: Construct, id_: str, *, role: iam.IRole) -> None:
        """Create the policy, attached to ``role``; statements come from :meth:`add`."""
        super().__init__(scope, id_)
        self.policy = iam.ManagedPolicy(
            self,
            "Resource",
            description="What the maintenance window tasks registered with this role need",
            roles=[role],
        )
        self._statements: dict[str, tuple[Permission, iam.PolicyStatement, list[str]]] = {}
        self._acknowledged: set[str] = set()

    def add(self, permission: Permission) -> None:
        """Add ``permission``, merging its resources into the statement of the same ``sid``."""
        known = self._statements.get(permission.sid)
        if known is None:
            policy_statement = statement(permission)
            self.policy.add_statements(policy_statement)
            self._statements[permission.sid] = (
                permission,
                policy_statement,
                list(permission.resources),
            )
        else:
            first, policy_statement, resources = known
            if (first.actions, first.conditions) != (permission.actions, permission.conditions):
                raise ValueError(
                    f"{self.node.path}: statement {permission.sid!r} registered twice with "
                    "different actions or conditions"
                )
            new = [r for r in permission.resources if r not in resources]
            resources.extend(new)
            if new:
                policy_statement.add_resources(*new)
        for resource in permission.resources:
            self._acknowledge_wildcard(permission, resource)

    def statements(self) -> tuple[iam.PolicyStatement, ...]:
        """The statements so far, in the order their ``sid`` first appeared."""
        return tuple(s for _, s, _ in self._statements.values())

    def _acknowledge_wildcard(self, permission: Permission, resource: str) -> None:
        finding = compliance.wildcard_resource(self, resource)
        if "*" not in finding or finding in self._acknowledged:
            return
        if permission.wildcard_reason is None:
            return  # not expected: left for cdk-nag to report
        compliance.acknowledge(self, finding, permission.wildcard_reason)
        self._acknowledged.add(finding)


# -- Run Command ---------------------------------------------------------------------------


def run_command_permissions(
    scope: Construct,
    *,
    document: str,
    targets: Iterable[MaintenanceWindowTarget],
    parameters: Mapping[str, Sequence[str]] | None = None,
    output_bucket: s3.IBucket | None = None,
    notification_role: iam.IRole | None = None,
) -> list[Permission]:
    """What a Run Command task's role must allow to run ``document`` on ``targets``."""
    stack = cdk.Stack.of(scope)
    permissions = [
        Permission(
            sid="SendCommandDocuments",
            actions=(SEND_COMMAND,),
            resources=(document_arn(stack, document),),
            reason="Send the documents that the Run Command tasks run, and no other.",
        )
    ]
    if output_bucket is not None:
        permissions.append(
            Permission(
                sid="SendCommandWithOutputBuckets",
                actions=(SEND_COMMAND,),
                resources=(output_bucket.bucket_arn,),
                reason="SendCommand is also authorized against the output bucket it names.",
            )
        )
    for target in targets:
        permissions.extend(target_instances_permissions(stack, target))
    permissions.append(
        Permission(
            sid="FollowAndCancelCommands",
            actions=COMMAND_TRACKING_ACTIONS,
            resources=("*",),
            reason="Follow the commands sent and cancel them (CANCEL_TASK, cancelled runs).",
            wildcard_reason=(
                "ssm:CancelCommand, GetCommandInvocation, ListCommandInvocations and "
                "ListCommands take no resource (Service Authorization Reference), so IAM only "
                "accepts Resource '*' for them; they read or cancel commands, never start one."
            ),
        )
    )
    parameter_names = sorted(
        {
            name.lstrip("/")
            for values in (parameters or {}).values()
            for value in values
            for name in PARAMETER_REFERENCE.findall(value)
        }
    )
    if parameter_names:
        permissions.append(
            Permission(
                sid="ReadReferencedParameters",
                actions=("ssm:GetParameters",),
                resources=tuple(
                    stack.format_arn(service="ssm", resource="parameter", resource_name=name)
                    for name in parameter_names
                ),
                reason="Resolve the {{ssm:...}} parameters the documents are given.",
            )
        )
    if notification_role is not None:
        permissions.append(pass_notification_role(notification_role))
    return permissions


def document_arn(stack: cdk.Stack, document: str) -> str:
    """The ARN SendCommand checks for ``document``: a name, an ARN, or an AWS-owned name.

    AWS-owned documents (names starting ``AWS-``, ``Amazon``...) have no account in their ARN.
    """
    if document.startswith("arn:"):
        return document
    account = "" if AWS_OWNED_DOCUMENT.match(document) else None
    return stack.format_arn(
        service="ssm", account=account, resource="document", resource_name=document
    )


def target_instances_permissions(
    stack: cdk.Stack, target: MaintenanceWindowTarget
) -> list[Permission]:
    """SendCommand on exactly the instances ``target`` can select, by its form.

    - tags: every instance, with every tag the target requires as a condition (AND of keys,
      OR of each key's values), as the target itself matches;
    - tag keys: one statement per key, requiring that the tag exists (``Null: false``);
    - instance ids: those instances' ARNs (``managed-instance/mi-...`` for hybrid nodes);
    - resource group: membership is decided at run time and IAM has no condition for it, so
      every instance, plus the read calls SSM makes to list the group's members.
    """
    selector = target.selector
    sid = f"SendCommandOn{_sid_part(target)}"
    instances = stack.format_arn(service="ec2", resource="instance", resource_name="*")
    if selector.kind == "tags":
        return [
            Permission(
                sid=sid,
                actions=(SEND_COMMAND,),
                resources=(instances,),
                conditions={
                    "StringEquals": {
                        f"ssm:resourceTag/{key}": list(values)
                        for key, values in selector.tags.items()
                    }
                },
                reason=(
                    f"Run commands only on instances that carry the tags of target "
                    f"{target.node.id}."
                ),
                wildcard_reason=(
                    "Tag targets pick instances at run time, so no instance id can be named; every "
                    "tag the target requires is an ssm:resourceTag condition on this statement, so "
                    "the role can run commands only on instances the window targets."
                ),
            )
        ]
    values = dict(selector.entries)
    if selector.kind == "tag_keys":
        return [
            Permission(
                sid=f"{sid}Key{index}",
                actions=(SEND_COMMAND,),
                resources=(instances,),
                conditions={"Null": {f"ssm:resourceTag/{key}": "false"}},
                reason=f"Run commands only on instances tagged {key!r} (target {target.node.id}).",
                wildcard_reason=(
                    "Tag-key targets pick instances at run time, so no instance id can be named; "
                    "the tag key is an ssm:resourceTag condition (it must exist) on this "
                    "statement, so only instances that carry it can receive commands."
                ),
            )
            for index, key in enumerate(values["tag-key"])
        ]
    if selector.kind == "instance_ids":
        return [
            Permission(
                sid=sid,
                actions=(SEND_COMMAND,),
                resources=tuple(_instance_arn(stack, i) for i in values["InstanceIds"]),
                reason=f"Run commands only on the instances target {target.node.id} names.",
            )
        ]
    group = values["resource-groups:Name"][0]
    return [
        Permission(
            sid=sid,
            actions=(SEND_COMMAND,),
            resources=(instances,),
            reason=f"Run commands on the members of resource group {group!r}.",
            wildcard_reason=(
                "Resource group targets pick their members at run time and IAM has no "
                "condition for group membership; narrow the window with tag or instance-id "
                "targets where that matters."
            ),
        ),
        Permission(
            sid=f"ListMembersOf{_sid_part(target)}",
            actions=("resource-groups:ListGroupResources",),
            resources=(
                stack.format_arn(service="resource-groups", resource="group", resource_name=group),
            ),
            reason=f"List the members of resource group {group!r} to run commands on them.",
        ),
        Permission(
            sid="ResolveResourceGroups",
            actions=("tag:GetResources",),
            resources=("*",),
            reason="Resolve tag-query resource groups; tag:GetResources takes no resource.",
            wildcard_reason=(
                "tag:GetResources has no resource-level permissions (Service Authorization "
                "Reference), so IAM only accepts Resource '*'; it lists tagged resources only."
            ),
        ),
    ]


def _instance_arn(stack: cdk.Stack, instance_id: str) -> str:
    """An EC2 instance's ARN, or a hybrid managed node's (``mi-``) SSM ARN."""
    if instance_id.startswith("mi-"):
        return stack.format_arn(
            service="ssm", resource="managed-instance", resource_name=instance_id
        )
    return stack.format_arn(service="ec2", resource="instance", resource_name=instance_id)


def _sid_part(construct: Construct) -> str:
    """``Window1TargetWeb`` plus a hash of the path: unique in the stack, letters and digits."""
    stack = cdk.Stack.of(construct)
    scopes = construct.node.scopes
    below_stack = scopes[scopes.index(stack) + 1 :]
    readable = re.sub(r"[^A-Za-z0-9]", "", "".join(scope.node.id for scope in below_stack))
    digest = hashlib.sha256(construct.node.path.encode()).hexdigest()[:8].upper()
    return f"{readable}{digest}"


def pass_notification_role(role: iam.IRole) -> Permission:
    """``iam:PassRole`` on the role Run Command publishes SNS notifications with."""
    return Permission(
        sid="PassNotificationRole",
        actions=("iam:PassRole",),
        resources=(role.role_arn,),
        conditions={"StringEquals": {"iam:PassedToService": SSM_SERVICE}},
        reason="Hand the notification role to Run Command, which publishes with it.",
        needed_with_managed_policy=True,
    )


# -- Automation, Lambda and Step Functions (issue #5) ---------------------------------------


def automation_permissions(
    scope: Construct, *, document: str, targets: Iterable[MaintenanceWindowTarget]
) -> list[Permission]:
    """What an Automation task's role must allow: start ``document``, follow its executions.

    Automation runs its steps with the role the document names (``AutomationAssumeRole``) or
    with this one; the steps' own permissions depend on the document and are not derived here.
    """
    stack = cdk.Stack.of(scope)
    name = document.split("document/")[-1] if document.startswith("arn:") else document
    account = "" if AWS_OWNED_DOCUMENT.match(name) else None
    permissions = [
        Permission(
            sid="StartAutomationDocuments",
            actions=("ssm:StartAutomationExecution",),
            resources=(
                stack.format_arn(
                    service="ssm",
                    account=account,
                    resource="automation-definition",
                    resource_name=f"{name}:*",
                ),
            ),
            reason="Start the Automation documents that the Automation tasks run, and no other.",
            wildcard_reason=(
                "An automation-definition ARN ends in the document version, which SSM picks at "
                "run time ($DEFAULT or the version given); the document name is fixed."
            ),
        ),
        Permission(
            sid="FollowAutomationExecutions",
            actions=("ssm:GetAutomationExecution",),
            resources=(
                stack.format_arn(service="ssm", resource="automation-execution", resource_name="*"),
            ),
            reason="Follow the Automation executions the tasks start.",
            wildcard_reason=(
                "Automation execution ids are created by each run, so none can be named in "
                "advance; the action only reads the status of executions, it never starts one."
            ),
        ),
    ]
    for target in targets:
        permissions.extend(target_instances_permissions(stack, target))
    return permissions


def lambda_permissions(function_arn: str, qualifier: str | None) -> list[Permission]:
    """Invoke exactly the task's function (and qualifier, when one is given)."""
    resource = f"{function_arn}:{qualifier}" if qualifier else function_arn
    return [
        Permission(
            sid="InvokeTaskFunctions",
            actions=("lambda:InvokeFunction",),
            resources=(resource,),
            reason="Invoke the functions that the Lambda tasks name, and no other.",
        )
    ]


def step_functions_permissions(scope: Construct, state_machine_arn: str) -> list[Permission]:
    """Start exactly the task's state machine, and follow its executions."""
    stack = cdk.Stack.of(scope)
    machine_name = cdk.Arn.split(state_machine_arn, cdk.ArnFormat.COLON_RESOURCE_NAME).resource_name
    return [
        Permission(
            sid="StartTaskStateMachines",
            actions=("states:StartExecution",),
            resources=(state_machine_arn,),
            reason="Start the state machines that the Step Functions tasks name, and no other.",
        ),
        Permission(
            sid="FollowStateMachineExecutions",
            actions=("states:DescribeExecution",),
            resources=(
                stack.format_arn(
                    service="states",
                    resource="execution",
                    resource_name=f"{machine_name}:*",
                    arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                ),
            ),
            reason="Follow the executions the tasks start.",
            wildcard_reason=(
                "Step Functions execution names are created by each run, so none can be named in "
                "advance; the state machine's name is fixed and the action only reads status."
            ),
        ),
    ]
