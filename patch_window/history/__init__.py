"""``patch-window history``: what a maintenance window ran, without the console (lab step 6.5).

:mod:`.walker` reads the SSM, EC2 and CloudFormation APIs into a :class:`.walker.History`
(the documented JSON shape); :mod:`.render` prints it as text; :mod:`.cli` parses the
arguments, makes the boto3 clients and turns AWS's errors into one-line messages.
"""
