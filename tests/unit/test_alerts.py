"""Alerts (``alerts`` in cdk.json, ``PatchAlerts`` in the library): EventBridge rules on the
windows' own events, to an SNS topic EventBridge may publish to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_sns as sns
import pytest
from aws_cdk.assertions import Match, Template

from patch_window import (
    MaintenanceWindow,
    PatchAlerts,
    PatchWindowStack,
    PatchWindowValidationError,
    Schedule,
)
from patch_window.alerts import EXECUTION_EVENT, INVOCATION_EVENT
from tests.conftest import cdk_context, scan_then_install_settings, synth_config

RULE = "AWS::Events::Rule"
EXISTING = "arn:aws:sns:eu-west-1:123456789012:patching-alerts"


def _rules(template: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        logical_id: resource["Properties"]
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] == RULE
    }


@pytest.fixture(scope="module")
def hardened_template(hardened: tuple[PatchWindowStack, dict[str, Any], Any]) -> dict[str, Any]:
    return hardened[1]


def test_the_hardened_example_has_two_rules_for_its_window(
    hardened_template: dict[str, Any],
) -> None:
    rules = _rules(hardened_template)
    assert sorted(rules) == [
        "PatchAlertsPatchTestWorkloadWebServersExecution0632CDDF",
        "PatchAlertsPatchTestWorkloadWebServersInvocation5EF39B22",
    ]
    window = {"Ref": "PatchTestWorkloadWebServers289F1007"}
    assert [rule["EventPattern"] for rule in rules.values()] == [
        {
            "source": ["aws.ssm"],
            "detail-type": ["Maintenance Window Execution State-change Notification"],
            "detail": {
                "window-id": [window],
                "status": ["FAILED", "TIMED_OUT", "SKIPPED_OVERLAPPING"],
            },
        },
        {
            "source": ["aws.ssm"],
            "detail-type": ["Maintenance Window Task Target Invocation State-change Notification"],
            "detail": {"window-id": [window], "status": ["FAILED", "TIMED_OUT"]},
        },
    ]


def test_each_rule_writes_a_readable_message_to_the_topic(
    hardened_template: dict[str, Any],
) -> None:
    paths = {
        "detail-status": "$.detail.status",
        "detail-window-execution-id": "$.detail.window-execution-id",
        "detail-window-id": "$.detail.window-id",
        "region": "$.region",
    }
    link = (
        "History: https://<region>.console.aws.amazon.com/systems-manager/maintenance-windows/"
        "<detail-window-id>/history?region=<region>"
    )
    expected = [
        "Patching alert: maintenance window PatchTestWorkloadWebServers: a run (execution "
        f"<detail-window-execution-id>) ended <detail-status>. {link}",
        "Patching alert: maintenance window PatchTestWorkloadWebServers: a task on a target "
        f"(execution <detail-window-execution-id>) ended <detail-status>. {link}",
    ]
    for rule, message in zip(_rules(hardened_template).values(), expected, strict=True):
        [target] = rule["Targets"]
        assert target["Arn"] == {"Ref": "PatchAlertsTopic255E8A26"}
        assert target["InputTransformer"] == {
            "InputPathsMap": paths,
            "InputTemplate": f'"{message}"',
        }


def test_the_created_topic_is_encrypted_tls_only_and_lets_eventbridge_publish(
    hardened_template: dict[str, Any],
) -> None:
    template = Template.from_json(hardened_template)
    template.has_resource_properties(
        "AWS::SNS::Topic",
        {"KmsMasterKeyId": {"Fn::GetAtt": ["PatchAlertsTopicKey5545B56C", "Arn"]}},
    )
    template.has_resource_properties(
        "AWS::SNS::TopicPolicy",
        {
            "Topics": [{"Ref": "PatchAlertsTopic255E8A26"}],
            "PolicyDocument": {
                "Statement": [
                    Match.object_like(
                        {"Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
                    ),
                    Match.object_like(
                        {
                            "Action": "sns:Publish",
                            "Effect": "Allow",
                            "Principal": {"Service": "events.amazonaws.com"},
                        }
                    ),
                ]
            },
        },
    )
    template.has_resource_properties(
        "AWS::KMS::Key",
        {
            "EnableKeyRotation": True,
            "KeyPolicy": {
                "Statement": Match.array_with(
                    [
                        {
                            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                            "Effect": "Allow",
                            "Principal": {"Service": "events.amazonaws.com"},
                            "Resource": "*",
                        }
                    ]
                )
            },
        },
    )


def test_the_hardened_example_is_cdk_nag_clean(
    hardened: tuple[PatchWindowStack, dict[str, Any], dict[str, Any]],
) -> None:
    report = hardened[2]
    open_findings = [
        violation
        for plugin in report.get("pluginReports", [])
        for violation in plugin.get("violations", [])
        if "PatchAlerts" in str(violation)
    ]
    assert open_findings == []


def test_an_existing_topic_and_every_window_of_the_patterns() -> None:
    settings = scan_then_install_settings()
    settings["alerts"] = {"topic_arn": EXISTING}
    _, template, _ = synth_config(settings)
    rules = _rules(template)
    assert len(rules) == 4
    assert {rule["Targets"][0]["Arn"] for rule in rules.values()} == {EXISTING}
    assert {rule["EventPattern"]["detail-type"][0] for rule in rules.values()} == {
        EXECUTION_EVENT,
        INVOCATION_EVENT,
    }
    assert sorted(rule["Description"] for rule in rules.values()) == [
        "Alerts when a run of maintenance window WebServers-Install fails, times out or is skipped",
        "Alerts when a run of maintenance window WebServers-Scan fails, times out or is skipped",
        "Alerts when a task of maintenance window WebServers-Install fails on a target",
        "Alerts when a task of maintenance window WebServers-Scan fails on a target",
    ]
    assert not [r for r in template["Resources"].values() if r["Type"] == "AWS::SNS::Topic"]


def _window(stack: cdk.Stack, id_: str = "Web") -> MaintenanceWindow:
    return MaintenanceWindow(
        stack,
        id_,
        schedule=Schedule.daily(hour=2),
        duration=cdk.Duration.hours(3),
        cutoff=cdk.Duration.hours(1),
    )


def test_the_library_takes_any_topic_and_imported_windows() -> None:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "S")
    imported = MaintenanceWindow.from_window_id(stack, "Elsewhere", "mw-0123456789abcdef0")
    topic = sns.Topic(stack, "Mine")
    alerts = PatchAlerts(stack, "Alerts", windows=[_window(stack), imported], topic=topic)
    assert alerts.topic is topic
    assert alerts.key is None
    rules = _rules(Template.from_stack(stack).to_json())
    assert len(rules) == 4
    described = {rule["Description"] for rule in rules.values()}
    assert (
        "Alerts when a run of maintenance window mw-0123456789abcdef0 fails, times out or is "
        "skipped"
    ) in described
    assert "Alerts when a task of maintenance window S-Web-2438D51D fails on a target" in described


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda stack: PatchAlerts(stack, "Alerts", windows=[]),
            "S/Alerts: windows must list at least one window, got []",
        ),
        (
            lambda stack: PatchAlerts(stack, "Alerts", windows=[_window(stack)] * 2),
            "S/Alerts: windows[1] is listed twice (or shares the name 'S-Web-2438D51D' with "
            "another window)",
        ),
    ],
)
def test_the_library_refuses(build: Any, message: str) -> None:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "S")
    with pytest.raises(PatchWindowValidationError) as raised:
        build(stack)
    assert str(raised.value) == message


def test_the_app_refuses_a_bad_topic_arn() -> None:
    settings = scan_then_install_settings()
    settings["alerts"] = {"topic_arn": "patching-alerts"}
    from patch_window.app.reader import read_settings

    with pytest.raises(PatchWindowValidationError) as raised:
        read_settings(settings)
    assert raised.value.problems == (
        "patch_window.alerts.topic_arn: must be an SNS topic ARN such as "
        "'arn:aws:sns:eu-west-1:123456789012:patching', got 'patching-alerts'",
    )
