"""The baselines room: what AWS-RunPatchBaseline's ``Install`` installs, per operating system.

:mod:`.approval` holds the value classes (pure), :mod:`.words` says a baseline's rules in words
(pure, read by the review tools), :mod:`.baseline` is the ``PatchBaseline`` construct. The rules
themselves live in :mod:`patch_window.rules.baseline`.
"""
