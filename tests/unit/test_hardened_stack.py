"""examples/hardened.json: least privilege, ssm-only trust, S3 and CloudWatch output, SNS.

Every policy document is asserted whole: exact actions, resources and conditions.
"""

from __future__ import annotations

from typing import Any

import pytest

from patch_window import PatchWindowStack

Built = tuple[PatchWindowStack, dict[str, Any], dict[str, Any]]
PARTITION = {"Ref": "AWS::Partition"}
REGION = {"Ref": "AWS::Region"}
ACCOUNT = {"Ref": "AWS::AccountId"}
SSM_ONLY = {
    "Statement": [
        {
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"Service": "ssm.amazonaws.com"},
        }
    ],
    "Version": "2012-10-17",
}


def by_path(template: dict[str, Any], path: str) -> tuple[str, dict[str, Any]]:
    """The logical id and resource whose construct path is ``path``."""
    found = [
        (logical_id, resource)
        for logical_id, resource in template["Resources"].items()
        if resource.get("Metadata", {}).get("aws:cdk:path") == path
    ]
    assert len(found) == 1, path
    return found[0]


def get_att(logical_id: str) -> dict[str, Any]:
    return {"Fn::GetAtt": [logical_id, "Arn"]}


@pytest.fixture(scope="module")
def template(hardened: Built) -> dict[str, Any]:
    return hardened[1]


@pytest.fixture(scope="module")
def ids(template: dict[str, Any]) -> dict[str, str]:
    """Logical ids of the resources these tests refer to, by a short name."""
    paths = {
        "role": "PatchWindowHardened/MaintenanceWindowRole/Resource/Resource",
        "task_policy": "PatchWindowHardened/MaintenanceWindowRole/TaskPolicy/Resource/Resource",
        "bucket": "PatchWindowHardened/CommandOutputBucket/Resource/Resource",
        "access_logs": "PatchWindowHardened/CommandOutputBucket/AccessLogs/Resource",
        "log_group": "PatchWindowHardened/CommandLogGrouppatchwindowPatchTestWorkloadWebServers"
        "22c88bf8/Resource/Resource",
        "log_key": "PatchWindowHardened/CommandLogGrouppatchwindowPatchTestWorkloadWebServers"
        "22c88bf8/Key/Resource",
        "topic": "PatchWindowHardened/CommandNotificationsTopic/Resource/Resource",
        "notification_role": "PatchWindowHardened/NotificationRole/Resource/Resource",
        "publish_policy": "PatchWindowHardened/NotificationRole/PublishPolicy/Resource",
        "output_policy": "PatchWindowHardened/PatchTestWorkloadWebServers/"
        "TaskPatchTestWorkloadWebServers/OutputPolicy/Resource/Resource",
        "task": "PatchWindowHardened/PatchTestWorkloadWebServers/"
        "TaskPatchTestWorkloadWebServers/Resource",
    }
    return {name: by_path(template, path)[0] for name, path in paths.items()}


def props(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    properties: dict[str, Any] = template["Resources"][logical_id]["Properties"]
    return properties


def test_task_role_trusts_ssm_only_and_carries_no_aws_managed_policy(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    role = props(template, ids["role"])
    assert role["AssumeRolePolicyDocument"] == SSM_ONLY
    assert "ManagedPolicyArns" not in role


def test_task_policy_allows_exactly_what_the_run_command_task_needs(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    policy = props(template, ids["task_policy"])
    assert policy["Roles"] == [{"Ref": ids["role"]}]
    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Sid": "SendCommandDocuments",
            "Action": "ssm:SendCommand",
            "Effect": "Allow",
            "Resource": {
                "Fn::Join": [
                    "",
                    ["arn:", PARTITION, ":ssm:", REGION, "::document/AWS-RunPatchBaseline"],
                ]
            },
        },
        {
            "Sid": "SendCommandWithOutputBuckets",
            "Action": "ssm:SendCommand",
            "Effect": "Allow",
            "Resource": get_att(ids["bucket"]),
        },
        {
            "Sid": "SendCommandOnPatchTestWorkloadWebServersTargetTestWebServersEA6C64A9",
            "Action": "ssm:SendCommand",
            "Effect": "Allow",
            "Resource": {
                "Fn::Join": [
                    "",
                    ["arn:", PARTITION, ":ec2:", REGION, ":", ACCOUNT, ":instance/*"],
                ]
            },
            "Condition": {
                "StringEquals": {
                    "ssm:resourceTag/Workload": ["Test"],
                    "ssm:resourceTag/InstanceRole": ["WebServer"],
                }
            },
        },
        {
            "Sid": "FollowAndCancelCommands",
            "Action": [
                "ssm:CancelCommand",
                "ssm:GetCommandInvocation",
                "ssm:ListCommandInvocations",
                "ssm:ListCommands",
            ],
            "Effect": "Allow",
            "Resource": "*",
        },
        {
            "Sid": "PassNotificationRole",
            "Action": "iam:PassRole",
            "Effect": "Allow",
            "Resource": get_att(ids["notification_role"]),
            "Condition": {"StringEquals": {"iam:PassedToService": "ssm.amazonaws.com"}},
        },
    ]


def test_the_only_iam_policies_are_customer_managed(template: dict[str, Any]) -> None:
    kinds = {resource["Type"] for resource in template["Resources"].values()}
    assert "AWS::IAM::Policy" not in kinds


def test_run_command_block_sends_output_and_notifications(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    task = props(template, ids["task"])
    assert task["ServiceRoleArn"] == get_att(ids["role"])
    assert task["CutoffBehavior"] == "CANCEL_TASK"
    assert task["TaskInvocationParameters"] == {
        "MaintenanceWindowRunCommandParameters": {
            "Parameters": {"Operation": ["Install"]},
            "OutputS3BucketName": {"Ref": ids["bucket"]},
            "OutputS3KeyPrefix": "patch-output/PatchTestWorkloadWebServers",
            "CloudWatchOutputConfig": {
                "CloudWatchLogGroupName": {"Ref": ids["log_group"]},
                "CloudWatchOutputEnabled": True,
            },
            "NotificationConfig": {
                "NotificationArn": {"Ref": ids["topic"]},
                "NotificationEvents": ["TimedOut", "Cancelled", "Failed"],
                "NotificationType": "Command",
            },
            "ServiceRoleArn": get_att(ids["notification_role"]),
        }
    }


def test_notification_role_trusts_ssm_and_may_only_publish_to_the_topic(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    role = props(template, ids["notification_role"])
    assert role["AssumeRolePolicyDocument"] == SSM_ONLY
    assert "ManagedPolicyArns" not in role
    policy = props(template, ids["publish_policy"])
    assert policy["Roles"] == [{"Ref": ids["notification_role"]}]
    assert policy["PolicyDocument"]["Statement"] == [
        {"Action": "sns:Publish", "Effect": "Allow", "Resource": {"Ref": ids["topic"]}}
    ]


def test_topic_is_encrypted_and_refuses_publishing_without_tls(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    topic = props(template, ids["topic"])
    assert topic["KmsMasterKeyId"] == {
        "Fn::Join": ["", ["arn:", PARTITION, ":kms:", REGION, ":", ACCOUNT, ":alias/aws/sns"]]
    }
    policies = [
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::SNS::TopicPolicy"
        and r["Properties"]["Topics"] == [{"Ref": ids["topic"]}]  # not the alerts topic's
    ]
    assert policies == [
        {
            "Topics": [{"Ref": ids["topic"]}],
            "PolicyDocument": {
                "Statement": [
                    {
                        "Sid": "AllowPublishThroughSSLOnly",
                        "Action": "sns:Publish",
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        "Effect": "Deny",
                        "Principal": "*",
                        "Resource": {"Ref": ids["topic"]},
                    }
                ],
                "Version": "2012-10-17",
            },
        }
    ]


def test_instance_role_may_write_output_under_the_prefix_and_to_the_log_group_only(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    policy = props(template, ids["output_policy"])
    assert policy["Roles"] == ["TestWebServersInstanceRole"]
    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Action": "s3:PutObject",
            "Effect": "Allow",
            "Resource": {
                "Fn::Join": [
                    "",
                    [get_att(ids["bucket"]), "/patch-output/PatchTestWorkloadWebServers/*"],
                ]
            },
        },
        {
            "Action": ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            "Effect": "Allow",
            "Resource": get_att(ids["log_group"]),
        },
        {"Action": "logs:DescribeLogGroups", "Effect": "Allow", "Resource": "*"},
    ]


@pytest.mark.parametrize("bucket", ["bucket", "access_logs"])
def test_buckets_block_public_access_version_expire_old_versions_and_are_retained(
    template: dict[str, Any], ids: dict[str, str], bucket: str
) -> None:
    resource = template["Resources"][ids[bucket]]
    assert (resource["DeletionPolicy"], resource["UpdateReplacePolicy"]) == ("Retain", "Retain")
    properties = resource["Properties"]
    assert properties["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert properties["VersioningConfiguration"] == {"Status": "Enabled"}
    assert properties["LifecycleConfiguration"] == {
        "Rules": [
            {
                "Id": "ExpireOldVersionsAndUploads",
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                "Status": "Enabled",
            }
        ]
    }


def test_output_bucket_is_kms_encrypted_and_logs_access_to_the_log_bucket(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    bucket = props(template, ids["bucket"])
    assert bucket["BucketEncryption"] == {
        "ServerSideEncryptionConfiguration": [
            {"BucketKeyEnabled": True, "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}
        ]
    }
    assert bucket["LoggingConfiguration"] == {"DestinationBucketName": {"Ref": ids["access_logs"]}}


def test_access_log_bucket_uses_sse_s3_the_only_encryption_log_delivery_supports(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    assert props(template, ids["access_logs"])["BucketEncryption"] == {
        "ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
        ]
    }


@pytest.mark.parametrize("bucket", ["bucket", "access_logs"])
def test_buckets_refuse_requests_without_tls(
    template: dict[str, Any], ids: dict[str, str], bucket: str
) -> None:
    policies = [
        r["Properties"]["PolicyDocument"]["Statement"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::S3::BucketPolicy"
        and r["Properties"]["Bucket"] == {"Ref": ids[bucket]}
    ]
    assert len(policies) == 1
    assert policies[0][0] == {
        "Action": "s3:*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        "Effect": "Deny",
        "Principal": {"AWS": "*"},
        "Resource": [
            get_att(ids[bucket]),
            {"Fn::Join": ["", [get_att(ids[bucket]), "/*"]]},
        ],
    }


def test_log_group_has_retention_its_own_rotated_key_and_is_retained(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    log_group = template["Resources"][ids["log_group"]]
    assert log_group["DeletionPolicy"] == "Retain"
    assert log_group["Properties"] == {
        "LogGroupName": "/patch-window/PatchTestWorkloadWebServers",
        "RetentionInDays": 365,
        "KmsKeyId": get_att(ids["log_key"]),
    }
    key = template["Resources"][ids["log_key"]]
    assert key["DeletionPolicy"] == "Retain"
    assert key["Properties"]["EnableKeyRotation"] is True


def test_log_key_lets_cloudwatch_logs_use_it_for_this_log_group_only(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    statements = props(template, ids["log_key"])["KeyPolicy"]["Statement"]
    assert statements[1] == {
        "Sid": "AllowCloudWatchLogsForThisLogGroup",
        "Action": [
            "kms:Decrypt*",
            "kms:Describe*",
            "kms:Encrypt*",
            "kms:GenerateDataKey*",
            "kms:ReEncrypt*",
        ],
        "Condition": {
            "ArnEquals": {
                "kms:EncryptionContext:aws:logs:arn": {
                    "Fn::Join": [
                        "",
                        [
                            "arn:",
                            PARTITION,
                            ":logs:",
                            REGION,
                            ":",
                            ACCOUNT,
                            ":log-group:/patch-window/PatchTestWorkloadWebServers",
                        ],
                    ]
                }
            }
        },
        "Effect": "Allow",
        "Principal": {"Service": {"Fn::Join": ["", ["logs.", REGION, ".amazonaws.com"]]}},
        "Resource": "*",
    }


def test_stack_outputs_the_bucket_and_the_topic_to_subscribe_to(
    template: dict[str, Any], ids: dict[str, str]
) -> None:
    values = [output["Value"] for output in template["Outputs"].values()]
    assert {"Ref": ids["bucket"]} in values
    assert {"Ref": ids["topic"]} in values
