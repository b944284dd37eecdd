"""A patch baseline: which patches AWS-RunPatchBaseline approves, per operating system."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import aws_cdk as cdk
import aws_cdk.aws_ssm as ssm
from constructs import Construct

from patch_window import tree
from patch_window.baselines.approval import ApprovalRule, Filters, PatchSource, filter_mapping
from patch_window.edge_types import checked
from patch_window.rules import baseline as rules
from patch_window.rules import tables
from patch_window.tokens import is_unresolved
from patch_window.validation import PropChecker
from patch_window.vocabulary import (
    OperatingSystem,
    PatchComplianceLevel,
    RejectedPatchesAction,
)


def _filter_group(
    filters: Mapping[str, Sequence[str]] | None,
) -> ssm.CfnPatchBaseline.PatchFilterGroupProperty | None:
    if not filters:
        return None
    return ssm.CfnPatchBaseline.PatchFilterGroupProperty(
        patch_filters=[
            ssm.CfnPatchBaseline.PatchFilterProperty(key=key, values=list(found))
            for key, found in filters.items()
        ]
    )


class PatchBaseline(Construct):
    """An ``AWS::SSM::PatchBaseline``: approval rules, filters, explicit patch lists, sources,
    the patch groups it serves and whether it is its operating system's default.

    Every value is checked at synth against what SSM documents for the operating system, and
    against the other baselines of the stack (one default per operating system, one baseline
    per patch group and operating system).
    """

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        operating_system: OperatingSystem,
        name: str | None = None,
        description: str | None = None,
        approval_rules: Sequence[ApprovalRule] = (),
        global_filters: Filters | None = None,
        approved_patches: Sequence[str] | None = None,
        approved_patches_compliance_level: PatchComplianceLevel | None = None,
        rejected_patches: Sequence[str] | None = None,
        rejected_patches_action: RejectedPatchesAction | None = None,
        sources: Sequence[PatchSource] = (),
        patch_groups: Sequence[str] = (),
        default: bool = False,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """Define the baseline.

        :param operating_system: the one operating system it applies to.
        :param name: 3-128 letters, digits, '-', '_' or '.'. Default: - generated from the
            construct path.
        :param description: 1-1024 characters. Default: - none.
        :param approval_rules: up to 10. Default: - none: only ``approved_patches`` install.
        :param global_filters: patches outside these are never approved. Default: - none.
        :param approved_patches: up to 50, in the operating system's format. Default: - none.
        :param approved_patches_compliance_level: Default: - ``UNSPECIFIED``.
        :param rejected_patches: up to 50. Default: - none.
        :param rejected_patches_action: Default: - ``ALLOW_AS_DEPENDENCY``.
        :param sources: Linux only: alternative repositories. Default: - the instance's own.
        :param patch_groups: instances tagged ``PatchGroup`` (or ``Patch Group``) with one of
            these names get this baseline. Default: - none.
        :param default: make it the default baseline of its operating system in the account
            and Region (``DefaultBaseline``). Default: - AWS's or the account's default stays.
        :param tags: Default: - none.
        """
        super().__init__(scope, id_)
        system = operating_system.value
        self.operating_system = operating_system
        self.name = name or cdk.Names.unique_id(self)[-128:]
        self.approval_rules = tuple(approval_rules)
        self.patch_groups = tuple(patch_groups)
        self.default = default
        checker = PropChecker(f"{self.node.path}/Resource")
        filters = filter_mapping(global_filters)
        checker.run(
            tables.BASELINE,
            {
                "name": name,
                "description": description,
                "operating_system": system,
                "global_filters": filters,
                "approval_rules": [rule.values(system) for rule in approval_rules],
                "approved_patches": _list(approved_patches),
                "approved_patches_compliance_level": _value(approved_patches_compliance_level),
                "rejected_patches": _list(rejected_patches),
                "rejected_patches_action": _value(rejected_patches_action),
                "sources": [source.values() for source in sources],
                "patch_groups": list(patch_groups),
            },
        )
        for index, rule in enumerate(approval_rules):
            label = f"approval_rules[{index}]"
            props = rule.values(system)
            checker.run(tables.APPROVAL_RULE, props, labels={p: f"{label}.{p}" for p in props})
            problem = rules.approval_delay(
                props["approve_after_days"], props["approve_until_date"], system
            )
            if problem:
                checker.fail(label, problem)
        for index, source in enumerate(sources):
            props = source.values()
            checker.run(
                tables.PATCH_SOURCE, props, labels={p: f"sources[{index}].{p}" for p in props}
            )
        self._check_stack(checker)
        checker.raise_if_any()

        self.resource = ssm.CfnPatchBaseline(
            self,
            "Resource",
            name=self.name,
            operating_system=system,
            description=description,
            approval_rules=ssm.CfnPatchBaseline.RuleGroupProperty(
                patch_rules=[_rule(rule, system) for rule in approval_rules]
            )
            if approval_rules
            else None,
            global_filters=_filter_group(filters),
            approved_patches=_list(approved_patches),
            approved_patches_compliance_level=_value(approved_patches_compliance_level),
            rejected_patches=_list(rejected_patches),
            rejected_patches_action=_value(rejected_patches_action),
            sources=[
                ssm.CfnPatchBaseline.PatchSourceProperty(
                    name=source.name,
                    products=list(source.products),
                    configuration=source.configuration,
                )
                for source in sources
            ]
            or None,
            patch_groups=list(patch_groups) or None,
            default_baseline=True if default else None,
            tags=[cdk.CfnTag(key=key, value=value) for key, value in (tags or {}).items()] or None,
        )
        self.baseline_id: str = self.resource.ref
        """The baseline's id (``pb-...``)."""

    def _check_stack(self, checker: PropChecker) -> None:
        """One default per operating system, one baseline per patch group and operating
        system, across the baselines of this stack (this one last)."""
        others = [
            c
            for c in tree.stack_of(self).node.find_all()
            if isinstance(c, PatchBaseline) and c is not self and hasattr(c, "resource")
        ]
        mine = len(others)
        system = self.operating_system.value
        if self.default:
            entries = [(b.name, b.operating_system.value, b.default) for b in others]
            for index, problem in rules.one_default_per_os([*entries, (self.name, system, True)]):
                if index == mine:
                    checker.fail("default", problem)
        if self.patch_groups and not is_unresolved(list(self.patch_groups)):
            groups = [(b.name, b.operating_system.value, b.patch_groups) for b in others]
            for index, problem in rules.one_baseline_per_group(
                [*groups, (self.name, system, self.patch_groups)]
            ):
                if index == mine:
                    checker.fail("patch_groups", problem)


def _rule(rule: ApprovalRule, system: str) -> ssm.CfnPatchBaseline.RuleProperty:
    props = rule.values(system)
    return ssm.CfnPatchBaseline.RuleProperty(
        patch_filter_group=_filter_group(props["filters"])
        or ssm.CfnPatchBaseline.PatchFilterGroupProperty(patch_filters=[]),
        approve_after_days=props["approve_after_days"],
        approve_until_date=props["approve_until_date"],
        compliance_level=props["compliance_level"],
        enable_non_security=props["enable_non_security"],
    )


def _list(items: Sequence[str] | None) -> list[str] | None:
    return list(items) if items else None


def _value(member: Any) -> str | None:
    return str(member.value) if member is not None else None
