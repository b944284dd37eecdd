"""A maintenance window target: the instances a window's tasks run on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import aws_cdk.aws_ssm as ssm
from constructs import Construct

from patch_window import advisories, tree
from patch_window.edge_types import checked
from patch_window.rules import quotas as quota_rules
from patch_window.rules import tables
from patch_window.stack_quotas import quotas_of
from patch_window.targets.instance_ids import InstanceIdSelector
from patch_window.targets.selector import TargetSelector
from patch_window.validation import PropChecker, unique_name, warn

if TYPE_CHECKING:
    from patch_window.interfaces import IMaintenanceWindow


class MaintenanceWindowTarget(Construct):
    """Instances registered with a window (lab step 6.3): by tags (all must match), tag keys,
    instance ids or resource group."""

    @checked
    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        window: IMaintenanceWindow,
        tags: Mapping[str, Sequence[str]] | None = None,
        selector: TargetSelector | None = None,
        name: str | None = None,
        description: str | None = None,
        owner_information: str | None = None,
    ) -> None:
        """Register the target.

        :param window: the window the target belongs to.
        :param tags: tag key to accepted values; an instance must match every key (with any
            one of that key's values). At most 5 keys, 1-50 values each. Shorthand for
            ``selector=TargetSelector.by_tags(tags)``.
        :param selector: which instances: ``TargetSelector.by_tags``, ``by_tag_keys``,
            ``by_instance_ids`` or ``by_resource_group``. Give ``tags`` or ``selector``.
        :param name: the target's name. Default: - no name.
        :param description: Default: - no description.
        :param owner_information: a name or alias included in the events of every run.
            Default: - none.
        """
        super().__init__(scope, id_)
        tree.remember(self, scope, id_)
        checker = PropChecker(f"{tree.path(self)}/Resource")
        checker.run(
            tables.TARGET,
            {"name": name, "description": description, "owner_information": owner_information},
        )
        if (tags is None) == (selector is None):
            checker.fail("selector", "give exactly one of tags and selector")
        selector = selector or TargetSelector.by_tags(tags or {})
        selector_problems = selector.problems()
        for prop, problem in selector_problems:
            checker.fail(prop, problem)
        quotas = quotas_of(self)
        checker.check(
            "window",
            len(window.targets) + 1,
            quota_rules.targets_per_window,
            quotas.targets_per_window,
        )
        if not selector_problems and isinstance(selector, InstanceIdSelector):
            checker.check(
                "selector",
                len(selector.instance_ids),
                quota_rules.instance_ids_per_target,
                quotas.instance_ids_per_target,
            )
        unique_name(
            checker, "target of this window", name, [target.name for target in window.targets]
        )
        checker.raise_if_any()

        self.window = window
        self.name = name
        self.selector = selector
        self.tags = selector.tags
        """The tag filters of a tag-based target (empty for other forms)."""
        self.resource = ssm.CfnMaintenanceWindowTarget(
            self,
            "Resource",
            window_id=window.window_id,
            resource_type=selector.resource_type,
            targets=[
                ssm.CfnMaintenanceWindowTarget.TargetsProperty(key=key, values=list(values))
                for key, values in selector.entries
            ],
            name=name,
            description=description,
            owner_information=owner_information,
        )
        self.target_id: str = self.resource.ref
        warn(self, advisories.TAG_WHITESPACE, advisories.tag_whitespace(self.tags))
        warn(
            self,
            advisories.PATCH_GROUP_TAG_MISSPELLED,
            advisories.patch_group_tag_misspelled(self.tags),
        )
        window.register_target(self)
