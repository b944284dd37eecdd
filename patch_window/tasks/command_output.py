"""Command output (lab step 6.4): an S3 bucket and key prefix, a CloudWatch Logs group, or both.

The console keeps only the last 2,500 characters of a command's output; S3 and CloudWatch Logs
keep all of it. Instances write it with their own instance profile, not with the task role, so
the instances' roles are granted write access (:class:`OutputWritePolicy`). A bucket or log
group made for output is RETAINED when the stack is deleted: it is evidence of what was patched.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_kms as kms
import aws_cdk.aws_logs as logs
import aws_cdk.aws_s3 as s3
import aws_cdk.aws_ssm as ssm
from constructs import Construct

from patch_window import compliance, tree
from patch_window.edge_types import checked
from patch_window.grants import ManagedPolicyGrantee
from patch_window.rules import tables
from patch_window.validation import PropChecker

_RunCommand = ssm.CfnMaintenanceWindowTask.MaintenanceWindowRunCommandParametersProperty
_CloudWatchOutput = ssm.CfnMaintenanceWindowTask.CloudWatchOutputConfigProperty
LOG_DELIVERY_ENCRYPTION_REASON = (
    "Amazon S3 delivers server access logs only to buckets whose default encryption is SSE-S3 "
    "(CDK refuses SSE-KMS on a log target for that reason); the objects are still encrypted "
    "at rest, and the bucket blocks public access and refuses requests without TLS."
)
# What the SSM Agent does with a CloudWatch Logs output group, on the group and its streams.
LOG_WRITE_ACTIONS = ("logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents")


class OutputBucket(Construct):
    """An S3 bucket for command output, kept as evidence of what was patched.

    Blocks all public access, refuses requests without TLS, encrypts with SSE-KMS (the AWS
    managed key ``aws/s3``, so writers need no KMS permission), keeps object versions, and is
    RETAINED when the stack is deleted. Server access logs go to a second bucket.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        bucket_name: str | None = None,
        server_access_logs_bucket: s3.IBucket | None = None,
        server_access_logs_prefix: str | None = None,
        noncurrent_version_expiration: cdk.Duration | None = None,
        expiration: cdk.Duration | None = None,
    ) -> None:
        """Create the bucket.

        :param bucket_name: Default: - a name is generated.
        :param server_access_logs_bucket: where S3 server access logs of this bucket go; it
            must use SSE-S3 default encryption. Default: - a bucket is created for them, with
            the same protections (SSE-S3, the only encryption S3 log delivery supports).
        :param server_access_logs_prefix: Default: - none (the log bucket's root).
        :param noncurrent_version_expiration: how long overwritten or deleted versions are
            kept. Default: 90 days.
        :param expiration: how long output is kept. Default: - until someone deletes it.
        """
        super().__init__(scope, id_)
        tree.remember(self, scope, id_)
        checker = PropChecker(f"{tree.path(self)}/Resource")
        checker.run(tables.BUCKET, {"bucket_name": bucket_name})
        checker.raise_if_any()
        lifecycle = [
            s3.LifecycleRule(
                id="ExpireOldVersionsAndUploads",
                abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                noncurrent_version_expiration=noncurrent_version_expiration
                or cdk.Duration.days(90),
                expiration=expiration,
            )
        ]
        self.access_logs_bucket: s3.IBucket
        if server_access_logs_bucket is None:
            access_logs = s3.Bucket(
                self,
                "AccessLogs",
                block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
                enforce_ssl=True,
                encryption=s3.BucketEncryption.S3_MANAGED,
                versioned=True,
                lifecycle_rules=lifecycle,
                removal_policy=cdk.RemovalPolicy.RETAIN,
            )
            compliance.acknowledge_rule(
                access_logs, "S3DefaultEncryptionKMS", LOG_DELIVERY_ENCRYPTION_REASON
            )
            self.access_logs_bucket = access_logs
        else:
            self.access_logs_bucket = server_access_logs_bucket
        self.bucket: s3.IBucket = s3.Bucket(
            self,
            "Resource",
            bucket_name=bucket_name,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            encryption=s3.BucketEncryption.KMS_MANAGED,
            bucket_key_enabled=True,
            versioned=True,
            lifecycle_rules=lifecycle,
            server_access_logs_bucket=self.access_logs_bucket,
            server_access_logs_prefix=server_access_logs_prefix,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )


class OutputLogGroup(Construct):
    """A CloudWatch Logs group for command output: retention set, encrypted, RETAINED."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        log_group_name: str,
        retention: logs.RetentionDays = logs.RetentionDays.ONE_YEAR,
        encryption_key: kms.IKey | None = None,
    ) -> None:
        """Create the log group.

        :param log_group_name: the name tasks write to, e.g. ``/patch-window/commands``.
        :param retention: Default: one year.
        :param encryption_key: Default: - a customer managed key is created, with yearly
            rotation, RETAINED (it must outlive the logs it encrypts), which CloudWatch Logs may
            use for this log group only.
        """
        super().__init__(scope, id_)
        tree.remember(self, scope, id_)
        checker = PropChecker(f"{tree.path(self)}/Resource")
        checker.run(tables.LOG_GROUP, {"log_group_name": log_group_name})
        checker.raise_if_any()
        stack = tree.stack_of(self)
        self.encryption_key: kms.IKey
        if encryption_key is None:
            key = kms.Key(
                self,
                "Key",
                description=f"Encrypts the command output in CloudWatch Logs {log_group_name}",
                enable_key_rotation=True,
                removal_policy=cdk.RemovalPolicy.RETAIN,
            )
            # CloudWatch Logs uses the key on the group's behalf; the encryption context
            # limits it to this log group.
            key.add_to_resource_policy(
                iam.PolicyStatement(
                    sid="AllowCloudWatchLogsForThisLogGroup",
                    principals=[iam.ServicePrincipal(f"logs.{stack.region}.amazonaws.com")],
                    actions=[
                        "kms:Decrypt*",
                        "kms:Describe*",
                        "kms:Encrypt*",
                        "kms:GenerateDataKey*",
                        "kms:ReEncrypt*",
                    ],
                    resources=["*"],
                    conditions={
                        "ArnEquals": {
                            "kms:EncryptionContext:aws:logs:arn": tree.format_arn(
                                stack,
                                service="logs",
                                resource="log-group",
                                resource_name=log_group_name,
                                arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                            )
                        }
                    },
                )
            )
            self.encryption_key = key
        else:
            self.encryption_key = encryption_key
        self.log_group: logs.ILogGroup = logs.LogGroup(
            self,
            "Resource",
            log_group_name=log_group_name,
            retention=retention,
            encryption_key=self.encryption_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )


class OutputWritePolicy(Construct):
    """Lets instance roles write a task's output: a customer managed policy attached to them.

    S3: ``s3:PutObject`` under the key prefix only (and ``kms:GenerateDataKey``/``kms:Decrypt``
    when the bucket has its own key). CloudWatch Logs: create, find and write streams in the
    log group, and ``logs:DescribeLogGroups``, with which the SSM Agent checks that the group
    exists before it writes.
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        bucket: s3.IBucket | None = None,
        key_prefix: str | None = None,
        log_group: logs.ILogGroup | None = None,
    ) -> None:
        """Create the policy for one output destination; attach roles with :meth:`add_role`."""
        super().__init__(scope, id_)
        self.policy = iam.ManagedPolicy(
            self,
            "Resource",
            description="Write maintenance window command output from the instances",
        )
        self._roles: list[str] = []
        # The instance roles are of this account; grants go to the policy attached to them.
        grantee = ManagedPolicyGrantee(self.policy, iam.AccountRootPrincipal())
        if bucket is not None:
            pattern = object_key_pattern(key_prefix)
            key_actions = ("kms:Decrypt", "kms:GenerateDataKey") if bucket.encryption_key else ()
            s3.BucketGrants.from_bucket(bucket).actions_on_object_keys(
                grantee, pattern, "s3:PutObject", *key_actions
            )
            compliance.acknowledge(
                self,
                compliance.wildcard_resource(self, bucket.arn_for_objects(pattern)),
                "Run Command writes one object per command and instance under the key prefix "
                "(<prefix>/<command id>/<instance id>/...); those ids exist only once the "
                "command runs, so the grant names the prefix. Only s3:PutObject is allowed.",
            )
        if log_group is not None:
            logs.LogGroupGrants.from_log_group(log_group).actions(grantee, list(LOG_WRITE_ACTIONS))
            self.policy.add_statements(
                iam.PolicyStatement(actions=["logs:DescribeLogGroups"], resources=["*"])
            )
            compliance.acknowledge(
                self,
                compliance.wildcard_resource(self, "*"),
                "logs:DescribeLogGroups takes no resource (Service Authorization Reference), so "
                "IAM only accepts Resource '*'; the SSM Agent calls it to check that the output "
                "log group exists. It lists group names and settings, never log events.",
            )
            arn = compliance.wildcard_resource(self, log_group.log_group_arn)
            if "*" in arn:
                compliance.acknowledge(
                    self,
                    arn,
                    "The ARN of a log group ends in ':*', which covers its log streams: the SSM "
                    "Agent names a stream per command and instance when it writes.",
                )

    @checked
    def add_role(self, role: iam.IRole) -> None:
        """Attach the policy to ``role`` (once per role)."""
        name = tree.stack_of(self).resolve(role.role_name)
        if name not in self._roles:
            self._roles.append(name)
            self.policy.attach_to_role(role)


def object_key_pattern(key_prefix: str | None) -> str:
    """The objects Run Command writes under ``key_prefix``: ``<prefix>/*``, or ``*``."""
    prefix = (key_prefix or "").strip("/")
    return f"{prefix}/*" if prefix else "*"


def run_command_output(
    bucket: s3.IBucket | None, key_prefix: str | None, log_group: logs.ILogGroup | None
) -> dict[str, Any]:
    """The output properties of a task's Run Command block (none when nothing is set)."""
    properties: dict[str, Any] = {}
    if bucket is not None:
        properties["output_s3_bucket_name"] = bucket.bucket_name
        properties["output_s3_key_prefix"] = key_prefix
    if log_group is not None:
        properties["cloud_watch_output_config"] = _CloudWatchOutput(
            cloud_watch_log_group_name=log_group.log_group_name, cloud_watch_output_enabled=True
        )
    return properties
