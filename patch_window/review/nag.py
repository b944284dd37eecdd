"""cdk-nag findings and acknowledgments that the change makes appear or disappear.

Read from CDK's validation reports (``validation-report.json``) of both syntheses. An open
finding stops synthesis, so a head with one is reported as failing its checks. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Finding:
    """One finding of one rule on one construct; ``acknowledged`` with its reason, or open."""

    rule: str
    path: str
    acknowledged: bool
    reason: str = ""

    def words(self) -> str:
        if self.acknowledged:
            return f"acknowledged {self.rule} on {self.path} (reason: {self.reason})"
        return f"OPEN finding {self.rule} on {self.path}"


def findings(report: Mapping[str, Any] | None) -> set[Finding]:
    """Every finding of the cdk-nag packs in a validation report (warnings left out)."""
    found: set[Finding] = set()
    for plugin in (report or {}).get("pluginReports", []):
        for violation in plugin.get("violations", []):
            if violation.get("ruleMetadata", {}).get("cdk:annotation") == "true":
                continue
            found |= {
                Finding(str(violation.get("ruleName")), str(c.get("constructPath")), False)
                for c in violation.get("violatingConstructs", [])
            }
        for violation in plugin.get("suppressedViolations", []):
            found |= {
                Finding(
                    str(violation.get("ruleName")),
                    str(c.get("constructPath")),
                    True,
                    str(violation.get("reason", "")),
                )
                for c in violation.get("violatingConstructs", [])
            }
    return found


def review(
    base: Mapping[str, Any] | None, head: Mapping[str, Any] | None
) -> tuple[list[Finding], list[Finding]]:
    """``(appearing, disappearing)``: findings only in the head, and only in the base."""
    before, after = findings(base), findings(head)
    return sorted(after - before), sorted(before - after)
