"""The tasks room: one module per task type, their shared base, and what tasks send and write.

Adding a task type is one new module here (its construct and its permissions) plus its settings
in :mod:`patch_window.app.task_kinds`.
"""
