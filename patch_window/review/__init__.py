"""What a change does to the deployed stack, read from two synthesized templates.

:mod:`.diff` compares the base and the head template resource by resource and says which
resources CloudFormation adds, removes, updates in place or replaces (and why);
:mod:`.windows`, :mod:`.iam` and :mod:`.nag` explain the maintenance windows, the permissions and
the cdk-nag findings in words; :mod:`.render` writes the Markdown review; :mod:`.cli` synthesizes
both sides offline. Pure (no aws-cdk-lib): the CloudFormation resource schemas are read from
cfn-lint, a development dependency, only by :mod:`.schemas`, and the library never imports this
package.
"""
