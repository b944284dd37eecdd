"""The app layer: settings dataclasses, the cdk.json reader and the lab's stack.

The library never imports this package; only ``app.py`` and library users who want the whole
stack do.
"""
