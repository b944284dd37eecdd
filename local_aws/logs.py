"""CloudWatch Logs fixes: what CloudFormation's log groups return that moto's do not."""

from __future__ import annotations


class LogGroupArnWithWildcard:
    """``Fn::GetAtt [LogGroup, Arn]`` ends in ``:*`` on AWS; moto 5.2.5 drops it.

    CDK's ``log_group.grant_write`` and every policy built from ``logGroupArn`` rely on that
    suffix, so without it a deployed policy differs from its template. Only the CloudFormation
    attribute changes; the API's ``arn`` field keeps moto's (and AWS's) form without it.
    """

    arn: str

    def get_cfn_attribute(self, attribute_name: str) -> str:
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name == "Arn":
            return f"{self.arn}:*"
        raise UnformattedGetAttTemplateException()
