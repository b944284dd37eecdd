"""The targets room: the target construct and one selector per way of choosing instances.

Importing the room registers every selection form with :class:`TargetSelector`.
"""

from patch_window.targets import instance_ids, patch_group, resource_group, tag_keys, tags

__all__ = ["instance_ids", "patch_group", "resource_group", "tag_keys", "tags"]
