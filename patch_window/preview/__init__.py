"""When each window of the app will run: ``patch-window preview``.

:mod:`.windows` lists the windows a configuration creates (``windows`` and both windows of each
``scan_then_install``) with what decides when they run, and computes their next runs with
:mod:`patch_window.next_runs`; :mod:`.cli` reads the settings as the app does and prints them.
Pure (no aws-cdk-lib).
"""
