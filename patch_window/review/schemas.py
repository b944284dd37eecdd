"""Create-only properties of CloudFormation resource types, from the schemas cfn-lint bundles.

A change to one of them replaces the resource. cfn-lint is a development dependency: it is
imported only when a review runs, never by the library.
"""

from __future__ import annotations

import functools

REGION = "us-east-1"


@functools.cache
def create_only_properties(resource_type: str) -> tuple[str, ...]:
    """``('/properties/WindowId', ...)`` for ``resource_type``; ``()`` when cfn-lint has no
    schema for it (``AWS::CDK::Metadata``)."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER, ResourceNotFoundError

    try:
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, resource_type)
    except ResourceNotFoundError:
        return ()
    return tuple(schema.schema.get("createOnlyProperties", ()))
