"""Alerts when patching fails: EventBridge rules on the windows' own events, to an SNS topic.

Run Command's notifications (:mod:`patch_window.tasks.notifications`) only cover commands; a
window that fails, times out or is skipped because the previous run was still open says so only
in its own events. Systems Manager sends them to the default event bus (source ``aws.ssm``):

- ``Maintenance Window Execution State-change Notification``, ``detail``: ``window-id``,
  ``window-execution-id``, ``status`` (``PENDING``, ``IN_PROGRESS``, ``SUCCESS``, ``FAILED``,
  ``CANCELLING``, ``CANCELLED``, ``SKIPPED_OVERLAPPING``, ``TIMED_OUT``), ``start-time``,
  ``end-time``;
- ``Maintenance Window Task Target Invocation State-change Notification``, ``detail``:
  ``window-id``, ``window-execution-id``, ``task-execution-id``, ``window-target-id``,
  ``status``, ``owner-information``, ``start-time``, ``end-time`` (fully supported for Run
  Command tasks only, the User Guide says).

Each window gets two rules (no Lambda), filtered on its own id: one for an execution that ends
``FAILED``, ``TIMED_OUT`` or ``SKIPPED_OVERLAPPING``, one for a target invocation that ends
``FAILED`` or ``TIMED_OUT``. An input transformer writes a line a person can read: the window's
name, the execution id, the status and a link to the window's history in the console.
"""

from __future__ import annotations

from collections.abc import Sequence

import aws_cdk as cdk
import aws_cdk.aws_events as events
import aws_cdk.aws_events_targets as targets
import aws_cdk.aws_iam as iam
import aws_cdk.aws_kms as kms
import aws_cdk.aws_sns as sns
from constructs import Construct

from patch_window.edge_types import checked
from patch_window.interfaces import IMaintenanceWindow
from patch_window.rules import tables
from patch_window.tasks.notifications import NotificationTopic
from patch_window.tokens import is_unresolved
from patch_window.validation import PropChecker

EVENT_SOURCE = "aws.ssm"
EXECUTION_EVENT = "Maintenance Window Execution State-change Notification"
INVOCATION_EVENT = "Maintenance Window Task Target Invocation State-change Notification"
EXECUTION_STATUSES = ("FAILED", "TIMED_OUT", "SKIPPED_OVERLAPPING")
INVOCATION_STATUSES = ("FAILED", "TIMED_OUT")
EVENTS_SERVICE = "events.amazonaws.com"


class PatchAlerts(Construct):
    """EventBridge rules that publish to an SNS topic when a window's run or a target's
    invocation fails (see the module's docstring for the events and statuses)."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        windows: Sequence[IMaintenanceWindow],
        topic: sns.ITopic | None = None,
    ) -> None:
        """Create the rules (two per window) and, without ``topic``, the topic.

        :param windows: the windows to watch; each rule matches only its window's id.
        :param topic: where alerts go. EventBridge must be allowed to publish to it (and to use
            its KMS key, if it has one): a topic of this app is granted that here; an imported
            topic keeps its own policies. Default: - a topic encrypted with a KMS key this
            construct creates (EventBridge cannot use the AWS managed key ``alias/aws/sns``),
            publishable over TLS only.
        """
        super().__init__(scope, id_)
        checker = PropChecker(self.node.path)
        if not windows:
            checker.fail("windows", "must list at least one window, got []")
        ids = [_rule_id(window) for window in windows]
        for index, rule_id in enumerate(ids):
            if rule_id in ids[:index]:
                checker.fail(
                    f"windows[{index}]",
                    f"is listed twice (or shares the name {rule_id!r} with another window)",
                )
        if topic is not None:
            checker.run(
                tables.ALERTS, {"topic_arn": topic.topic_arn}, labels={"topic_arn": "topic"}
            )
        checker.raise_if_any()
        self.key: kms.IKey | None = None
        if topic is None:
            key = kms.Key(
                self,
                "TopicKey",
                description="Encrypts patch-window alerts; EventBridge may use it to publish",
                enable_key_rotation=True,
                removal_policy=cdk.RemovalPolicy.DESTROY,
            )
            self.key = key
            topic = NotificationTopic(self, "Topic", master_key=key).topic
            cdk.CfnOutput(self, "TopicArn", value=topic.topic_arn, description="Alerts topic")
        self.topic: sns.ITopic = topic
        # The topic policy, and the key policy of its key if it has one (grant_publish does
        # both for a topic of this app; an imported topic keeps its own policies).
        topic.grant_publish(iam.ServicePrincipal(EVENTS_SERVICE))
        self.rules: list[events.Rule] = []
        for window, rule_id in zip(windows, ids, strict=True):
            name = getattr(window, "name", None) or window.window_id
            self.rules.append(
                self._rule(
                    f"{rule_id}Execution",
                    f"Alerts when a run of maintenance window {name} fails, times out or is "
                    "skipped",
                    window.window_id,
                    EXECUTION_EVENT,
                    EXECUTION_STATUSES,
                    _message(name, "a run"),
                )
            )
            self.rules.append(
                self._rule(
                    f"{rule_id}Invocation",
                    f"Alerts when a task of maintenance window {name} fails on a target",
                    window.window_id,
                    INVOCATION_EVENT,
                    INVOCATION_STATUSES,
                    _message(name, "a task on a target"),
                )
            )

    def _rule(
        self,
        id_: str,
        description: str,
        window_id: str,
        detail_type: str,
        statuses: Sequence[str],
        message: events.RuleTargetInput,
    ) -> events.Rule:
        rule = events.Rule(
            self,
            id_,
            description=description[:512],
            event_pattern=events.EventPattern(
                source=[EVENT_SOURCE],
                detail_type=[detail_type],
                detail={"window-id": [window_id], "status": list(statuses)},
            ),
        )
        rule.add_target(targets.SnsTopic(self.topic, message=message))
        return rule


def _rule_id(window: IMaintenanceWindow) -> str:
    """The rules' id part: the window's name (unique in its stack), else its construct id."""
    name = getattr(window, "name", None)
    if isinstance(name, str) and name and not is_unresolved(name):
        return name
    return window.node.id


def _message(name: str, what: str) -> events.RuleTargetInput:
    """``Patching alert: maintenance window <name>: <what> (execution <id>) ended <STATUS>.
    History: <console link>``."""
    window_id = events.EventField.from_path("$.detail.window-id")
    region = events.EventField.from_path("$.region")
    return events.RuleTargetInput.from_text(
        f"Patching alert: maintenance window {name}: {what} (execution "
        f"{events.EventField.from_path('$.detail.window-execution-id')}) ended "
        f"{events.EventField.from_path('$.detail.status')}. History: "
        f"https://{region}.console.aws.amazon.com/systems-manager/maintenance-windows/"
        f"{window_id}/history?region={region}"
    )
