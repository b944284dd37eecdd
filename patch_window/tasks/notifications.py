"""Run Command notifications: an SNS topic, the events to send, and the role SSM publishes with.

Run Command publishes with a role of its own, named in the task's Run Command block (lab step
6.4), not with the task role; the task role only passes it (``iam:PassRole``, granted by the
task through :mod:`patch_window.permissions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aws_cdk.aws_iam as iam
import aws_cdk.aws_kms as kms
import aws_cdk.aws_sns as sns
from constructs import Construct

from patch_window import defaults, tree
from patch_window.defaults import SSM_SERVICE
from patch_window.edge_types import checked, checked_dataclass
from patch_window.grants import ManagedPolicyGrantee
from patch_window.vocabulary import NotificationEvent, NotificationType

AWS_MANAGED_SNS_KEY = "alias/aws/sns"
# What publishing to a topic encrypted with a customer managed key needs on that key.
PUBLISH_KEY_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")


class NotificationTopic(Construct):
    """An SNS topic for command notifications: encrypted, and publishable over TLS only."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        topic_name: str | None = None,
        master_key: kms.IKey | None = None,
    ) -> None:
        """Create the topic.

        :param topic_name: Default: - a name is generated.
        :param master_key: the key that encrypts messages at rest. Default: - the AWS managed
            key ``alias/aws/sns``, whose key policy lets principals of this account use it
            through SNS, so publishers need no KMS permission.
        """
        super().__init__(scope, id_)
        self.topic: sns.ITopic = sns.Topic(
            self,
            "Resource",
            topic_name=topic_name,
            master_key=master_key or kms.Alias.from_alias_name(self, "Key", AWS_MANAGED_SNS_KEY),
            enforce_ssl=True,
        )


class NotificationRole(Construct):
    """The role Run Command publishes notifications with: trusts ssm only, publishes only.

    ``sns:Publish`` is allowed on exactly the topics added with :meth:`allow_publish` (tasks do
    it), in a customer managed policy; for a topic encrypted with a customer managed key, also
    ``kms:Decrypt`` and ``kms:GenerateDataKey`` on that key.
    """

    @checked
    def __init__(self, scope: Construct, id_: str, *, role_name: str | None = None) -> None:
        """Create the role.

        :param role_name: Default: - a name is generated.
        """
        super().__init__(scope, id_)
        self.role: iam.IRole = iam.Role(
            self,
            "Resource",
            role_name=role_name,
            description="Publishes Run Command notifications for maintenance window tasks",
            assumed_by=iam.ServicePrincipal(SSM_SERVICE),
        )
        self.policy: iam.ManagedPolicy | None = None
        """The customer managed policy allowing publishing; created with the first topic."""
        self._topics: list[str] = []

    @checked
    def allow_publish(self, topic: sns.ITopic) -> None:
        """Allow publishing to ``topic`` (once per topic)."""
        arn = tree.stack_of(self).resolve(topic.topic_arn)
        if arn in self._topics:
            return
        self._topics.append(arn)
        if self.policy is None:
            self.policy = iam.ManagedPolicy(
                self,
                "PublishPolicy",
                description="Publish Run Command notifications to the topics tasks name",
                roles=[self.role],
            )
        key = topic.master_key
        encrypted_with_own_key = (
            key is not None and getattr(key, "alias_name", None) != AWS_MANAGED_SNS_KEY
        )
        sns.TopicGrants.from_topic(topic).actions(
            ManagedPolicyGrantee(self.policy, self.role),
            ["sns:Publish"],
            key_actions=list(PUBLISH_KEY_ACTIONS) if encrypted_with_own_key else None,
        )


@checked_dataclass
@dataclass(frozen=True)
class Notifications:
    """Where and when a Run Command task sends SNS notifications (lab step 6.4).

    :param topic: the topic notifications go to.
    :param role: the role Run Command publishes with; the task allows it to publish to
        ``topic`` and allows its own role to pass it.
    :param events: status changes that notify: ``ALL`` alone, or some of the others.
        Default: ``ALL``.
    :param notification_type: Default: ``COMMAND``, one notification per command.
    """

    topic: sns.ITopic
    role: NotificationRole
    events: Sequence[NotificationEvent] = defaults.NOTIFICATION_EVENTS
    notification_type: NotificationType = defaults.NOTIFICATION_TYPE
