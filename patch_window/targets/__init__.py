"""The targets room: the target construct and one selector per way of choosing instances."""
