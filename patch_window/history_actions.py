"""The read-only actions ``patch-window history`` calls, by the resource each takes. Pure.

Derived from the calls :mod:`patch_window.history.walker` makes (tests/local_aws compares them
with the boto3 operations an emulated run records). The resource types are those of the Service
Authorization Reference: the four window calls take the ``maintenancewindow`` resource; the
execution, command and managed-node reads take none (``*`` is the narrowest IAM allows);
DescribeStacks takes the stack.
"""

from __future__ import annotations

#: Each takes ``arn:${Partition}:ssm:${Region}:${Account}:maintenancewindow/${WindowId}``.
WINDOW_ACTIONS = (
    "ssm:DescribeMaintenanceWindowExecutions",
    "ssm:DescribeMaintenanceWindowTargets",
    "ssm:DescribeMaintenanceWindowTasks",
    "ssm:GetMaintenanceWindow",
)
#: None of these takes a resource: execution and command ids have no ARN, and instance
#: listings are account-wide.
UNSCOPED_ACTIONS = (
    "ec2:DescribeInstances",
    "ssm:DescribeInstanceInformation",
    "ssm:DescribeMaintenanceWindowExecutionTaskInvocations",
    "ssm:DescribeMaintenanceWindowExecutionTasks",
    "ssm:GetCommandInvocation",
    "ssm:GetMaintenanceWindowExecutionTask",
    "ssm:ListCommandInvocations",
)
UNSCOPED_REASON = (
    "The Service Authorization Reference lists no resource type for these reads "
    "(maintenance window executions, command invocations, managed nodes, EC2 instances): "
    "'*' is the narrowest resource IAM accepts for them."
)
#: Takes ``arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/*``.
STACK_ACTIONS = ("cloudformation:DescribeStacks",)
#: ``--full-output``: the objects the task wrote (``bucket/prefix*``).
S3_OUTPUT_ACTIONS = ("s3:GetObject",)
#: ``--full-output``: the log streams the task wrote (``log-group:NAME:log-stream:*``).
LOGS_OUTPUT_ACTIONS = ("logs:GetLogEvents",)

ALL_ACTIONS = (
    *WINDOW_ACTIONS,
    *UNSCOPED_ACTIONS,
    *STACK_ACTIONS,
    *S3_OUTPUT_ACTIONS,
    *LOGS_OUTPUT_ACTIONS,
)
