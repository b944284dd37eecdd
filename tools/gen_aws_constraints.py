"""Generate ``patch_window/rules/aws_constraints.py`` from AWS's own definitions.

Reads the CloudFormation resource provider schemas bundled with cfn-lint and the botocore
service models, and writes one :class:`~patch_window.rules.constraint.Constraint` per property
patch-window fills from user input. Where several definitions constrain a property the result is
their intersection: the stricter bound of each, the common enum members, and every distinct
pattern (the value must match all of them).

Usage::

    .venv/bin/python tools/gen_aws_constraints.py          # (re)write the module, print findings
    .venv/bin/python tools/gen_aws_constraints.py --check  # exit 1 if the module is out of date

The output is deterministic (sorted keys, fixed layout, ``ruff format``-clean), so regenerating
with unchanged inputs gives the same bytes; ``tests/unit/test_aws_constraints.py`` relies on it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the package importable
    sys.path.insert(0, str(ROOT))

from patch_window.rules.constraint import (  # noqa: E402
    Constraint,
    ConstraintType,
    LengthUnit,
    compile_pattern,
    translate,
)

OUTPUT = ROOT / "patch_window" / "rules" / "aws_constraints.py"
COMMAND = "python tools/gen_aws_constraints.py"
REGION = "us-east-1"
LINE_LENGTH = 100


# --- what to read ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiSource:
    service: str
    operation: str
    path: str


@dataclass(frozen=True)
class Spec:
    """One property: its key, its CloudFormation location and the API members it is sent as."""

    key: str
    cfn: tuple[str, str] | None
    api: tuple[ApiSource, ...]


def _api(service: str, operation: str, path: str) -> ApiSource:
    return ApiSource(service, operation, path)


def _same(resource: str, operation: str, *paths: str, service: str = "ssm") -> Iterator[Spec]:
    """Properties named alike in CloudFormation and in one API operation."""
    for path in paths:
        yield Spec(f"{resource}.{path}", (resource, path), (_api(service, operation, path),))


def _task_block(
    cfn_block: str, api_block: str, names: Sequence[str], extra: dict[str, tuple[ApiSource, ...]]
) -> Iterator[Spec]:
    resource, operation = "AWS::SSM::MaintenanceWindowTask", "RegisterTaskWithMaintenanceWindow"
    cfn_prefix = f"TaskInvocationParameters.{cfn_block}"
    api_prefix = f"TaskInvocationParameters.{api_block}"
    for name in names:
        cfn_path = f"{cfn_prefix}.{name}"
        # map keys and values exist only in the API model: CloudFormation takes a JSON object
        cfn = None if name.startswith("Parameters") and name != "Parameters" else cfn_path
        yield Spec(
            f"{resource}.{cfn_path}",
            (resource, cfn) if cfn else None,
            (_api("ssm", operation, f"{api_prefix}.{name}"), *extra.get(name, ())),
        )


_RULE = (
    "ApproveAfterDays",
    "ApproveUntilDate",
    "ComplianceLevel",
    "PatchFilterGroup.PatchFilters",
    "PatchFilterGroup.PatchFilters[].Key",
    "PatchFilterGroup.PatchFilters[].Values",
    "PatchFilterGroup.PatchFilters[].Values[]",
)
_PARAMETERS = ("Parameters", "Parameters{key}", "Parameters.*", "Parameters.*[]")


def specs() -> tuple[Spec, ...]:
    """Every property patch-window fills from user input, with where AWS defines it."""
    found: list[Spec] = [
        *_same(
            "AWS::SSM::MaintenanceWindow",
            "CreateMaintenanceWindow",
            *("Name", "Description", "Schedule", "ScheduleTimezone", "ScheduleOffset"),
            *("Duration", "Cutoff", "StartDate", "EndDate"),
        ),
        *_same(
            "AWS::SSM::MaintenanceWindowTarget",
            "RegisterTargetWithMaintenanceWindow",
            *("Name", "Description", "OwnerInformation", "ResourceType", "Targets"),
            *("Targets[].Key", "Targets[].Values", "Targets[].Values[]"),
        ),
        *_same(
            "AWS::SSM::MaintenanceWindowTask",
            "RegisterTaskWithMaintenanceWindow",
            *("Name", "Description", "Priority", "MaxConcurrency", "MaxErrors", "TaskArn"),
            *("TaskType", "CutoffBehavior"),
        ),
        *_task_block(
            "MaintenanceWindowRunCommandParameters",
            "RunCommand",
            (
                *("Comment", "DocumentVersion", "TimeoutSeconds", "OutputS3BucketName"),
                *("OutputS3KeyPrefix", *_PARAMETERS, "NotificationConfig.NotificationArn"),
                *(
                    "NotificationConfig.NotificationEvents",
                    "NotificationConfig.NotificationEvents[]",
                ),
                *("NotificationConfig.NotificationType", "ServiceRoleArn"),
                "CloudWatchOutputConfig.CloudWatchLogGroupName",
            ),
            {  # SSM creates the log group and writes to it: CloudWatch Logs' name rules apply
                "CloudWatchOutputConfig.CloudWatchLogGroupName": (
                    _api("logs", "CreateLogGroup", "logGroupName"),
                ),
            },
        ),
        *_task_block(
            "MaintenanceWindowAutomationParameters",
            "Automation",
            ("DocumentVersion", *_PARAMETERS),
            {},
        ),
        *_task_block(  # SSM passes these to Lambda's Invoke
            "MaintenanceWindowLambdaParameters",
            "Lambda",
            ("ClientContext", "Payload", "Qualifier"),
            {
                name: (_api("lambda", "Invoke", name),)
                for name in ("ClientContext", "Payload", "Qualifier")
            },
        ),
        *_task_block(  # SSM passes these to Step Functions' StartExecution
            "MaintenanceWindowStepFunctionsParameters",
            "StepFunctions",
            ("Input", "Name"),
            {
                "Input": (_api("stepfunctions", "StartExecution", "input"),),
                "Name": (_api("stepfunctions", "StartExecution", "name"),),
            },
        ),
        *_same(
            "AWS::SSM::PatchBaseline",
            "CreatePatchBaseline",
            *("Name", "Description", "OperatingSystem", "ApprovedPatches", "ApprovedPatches[]"),
            *("ApprovedPatchesComplianceLevel", "RejectedPatches", "RejectedPatches[]"),
            *("RejectedPatchesAction", "GlobalFilters.PatchFilters"),
            *("GlobalFilters.PatchFilters[].Key", "GlobalFilters.PatchFilters[].Values"),
            "GlobalFilters.PatchFilters[].Values[]",
            "ApprovalRules.PatchRules",
            *(f"ApprovalRules.PatchRules[].{name}" for name in _RULE),
            *("Sources", "Sources[].Name", "Sources[].Products", "Sources[].Products[]"),
            "Sources[].Configuration",
        ),
        Spec(  # CloudFormation registers each group as RegisterPatchBaselineForPatchGroup does
            "AWS::SSM::PatchBaseline.PatchGroups[]",
            ("AWS::SSM::PatchBaseline", "PatchGroups[]"),
            (_api("ssm", "RegisterPatchBaselineForPatchGroup", "PatchGroup"),),
        ),
        *_same("AWS::IAM::Role", "CreateRole", "RoleName", "Description", service="iam"),
        Spec(
            "AWS::IAM::ManagedPolicy.ManagedPolicyName",
            ("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            (_api("iam", "CreatePolicy", "PolicyName"),),
        ),
        Spec(
            "AWS::IAM::ManagedPolicy.Description",
            ("AWS::IAM::ManagedPolicy", "Description"),
            (_api("iam", "CreatePolicy", "Description"),),
        ),
        Spec(  # groups are referenced by name
            "AWS::IAM::Group.GroupName",
            ("AWS::IAM::Group", "GroupName"),
            (_api("iam", "CreateGroup", "GroupName"), _api("iam", "GetGroup", "GroupName")),
        ),
        Spec(
            "AWS::Logs::LogGroup.LogGroupName",
            ("AWS::Logs::LogGroup", "LogGroupName"),
            (
                _api("logs", "CreateLogGroup", "logGroupName"),
                _api("logs", "PutRetentionPolicy", "logGroupName"),
            ),
        ),
        Spec(
            "AWS::Logs::LogGroup.RetentionInDays",
            ("AWS::Logs::LogGroup", "RetentionInDays"),
            (_api("logs", "PutRetentionPolicy", "retentionInDays"),),
        ),
        Spec(
            "AWS::S3::Bucket.BucketName",
            ("AWS::S3::Bucket", "BucketName"),
            (_api("s3", "CreateBucket", "Bucket"),),
        ),
        Spec(
            "AWS::SNS::Topic.TopicName",
            ("AWS::SNS::Topic", "TopicName"),
            (_api("sns", "CreateTopic", "Name"),),
        ),
        Spec(
            "AWS::SNS::Topic.TopicArn",
            ("AWS::SNS::Topic", "TopicArn"),
            (_api("sns", "Publish", "TopicArn"),),
        ),
        Spec(  # the CloudFormation schema of AWS::CloudFormation::Stack has no StackName
            "AWS::CloudFormation::Stack.StackName",
            None,
            (_api("cloudformation", "CreateStack", "StackName"),),
        ),
    ]
    return tuple(sorted(found, key=lambda spec: spec.key))


# --- reading the definitions -------------------------------------------------------------------

_STEP = re.compile(r"\.?([A-Za-z0-9_]+)|(\[\])|(\{key\})|(\.\*)")


def _steps(path: str) -> list[str]:
    """``Targets[].Values[]`` -> ``["Targets", "[]", "Values", "[]"]``."""
    steps: list[str] = []
    index = 0
    while index < len(path):
        found = _STEP.match(path, index)
        if not found:
            raise ValueError(f"bad property path {path!r}")
        steps.append(found.group(1) or found.group(0))
        index = found.end()
    return steps


@dataclass
class Part:
    """What one definition says about one property."""

    source: str
    type: str | None = None
    values: dict[str, Any] = field(default_factory=dict)


_FIELDS = (
    "pattern",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "enum",
    "min_items",
    "max_items",
)


def _cfn_schema(resource: str) -> dict[str, Any]:
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    return cast(
        dict[str, Any], PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, resource).schema
    )


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/definitions/"):
            raise ValueError(f"unsupported $ref {ref!r}")
        node = {**schema["definitions"][ref.removeprefix("#/definitions/")], **node}
        node.pop("$ref")
    return node


def cfn_part(resource: str, path: str) -> Part:
    schema = _cfn_schema(resource)
    node: dict[str, Any] = {"type": "object", "properties": schema["properties"]}
    for step in _steps(path):
        if step == "[]":
            child = node.get("items")
        elif step == "{key}":
            child = node.get("propertyNames")
        elif step == ".*":
            child = node.get("additionalProperties")
        else:
            child = node.get("properties", {}).get(step)
        if not isinstance(child, dict):
            raise LookupError(f"cfn:{resource} has no property {path!r} (at {step!r})")
        node = _resolve(schema, child)
    kind = node.get("type")
    values: dict[str, Any] = {
        "pattern": node.get("pattern"),
        "min_length": node.get("minLength"),
        "max_length": node.get("maxLength"),
        "minimum": node.get("minimum"),
        "maximum": node.get("maximum"),
        "enum": node.get("enum"),
        "min_items": node.get("minItems", node.get("minProperties")),
        "max_items": node.get("maxItems", node.get("maxProperties")),
    }
    return Part(
        f"cfn:{resource}.{path}",
        kind if isinstance(kind, str) else "|".join(kind) if kind else None,
        {name: value for name, value in values.items() if value is not None},
    )


_BOTOCORE_TYPES = {
    "string": "string",
    "blob": "blob",
    "timestamp": "string",
    "integer": "integer",
    "long": "integer",
    "boolean": "boolean",
    "list": "array",
    "map": "object",
    "structure": "object",
}
# The ranges of the service models' integer types (Smithy: 32-bit and 64-bit signed).
_INTEGER_RANGES = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
_MODELS: dict[str, dict[str, Any]] = {}


def _model(service: str) -> dict[str, Any]:
    if service not in _MODELS:
        import botocore.loaders  # type: ignore[import-untyped]

        _MODELS[service] = botocore.loaders.create_loader().load_service_model(service, "service-2")
    return _MODELS[service]


def api_part(source: ApiSource) -> Part:
    model = _model(source.service)
    shapes = model["shapes"]
    input_name = model["operations"][source.operation]["input"]["shape"]
    shape = shapes[input_name]
    for step in _steps(source.path):
        if step == "[]":
            reference = shape.get("member")
        elif step == "{key}":
            reference = shape.get("key")
        elif step == ".*":
            reference = shape.get("value")
        else:
            reference = shape.get("members", {}).get(step)
        if reference is None:
            raise LookupError(f"botocore:{source.service}:{input_name} has no {source.path!r}")
        shape = shapes[reference["shape"]]
    kind = _BOTOCORE_TYPES[shape["type"]]
    bound = {
        "string": ("min_length", "max_length"),
        "blob": ("min_length", "max_length"),
        "integer": ("minimum", "maximum"),
        "array": ("min_items", "max_items"),
        "object": ("min_items", "max_items"),
    }.get(kind)
    values: dict[str, Any] = {"pattern": shape.get("pattern"), "enum": shape.get("enum")}
    if bound and shape["type"] != "structure":
        values[bound[0]] = shape.get("min")
        values[bound[1]] = shape.get("max")
    if shape["type"] in _INTEGER_RANGES:
        # The type's own range binds where the model sets none: SSM takes no priority of 2**53.
        low, high = _INTEGER_RANGES[shape["type"]]
        values["minimum"] = max(low, shape.get("min", low))
        values["maximum"] = min(high, shape.get("max", high))
    return Part(
        f"botocore:{source.service}:{input_name}.{source.path}",
        kind,
        {name: value for name, value in values.items() if value is not None},
    )


# --- intersecting ------------------------------------------------------------------------------


def _top_level_branches(pattern: str) -> list[str]:
    """Split ``pattern`` at its top-level ``|`` (outside groups and classes)."""
    branches, depth, in_class, start, index = [], 0, False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
        index += 1
    branches.append(pattern[start:])
    return branches


def _unanchored(branch: str) -> str:
    branch = branch.removeprefix("^")
    for anchor in ("$", "\\Z", "\\z"):
        if branch.endswith(anchor):
            escapes = len(branch) - len(anchor) - len(branch[: -len(anchor)].rstrip("\\"))
            if escapes % 2 == 0 and (anchor != "$" or not branch.endswith("\\$")):
                return branch[: -len(anchor)]
    return branch


def equivalent_form(pattern: str) -> str:
    """A form equal for patterns that differ only by anchors at the ends of top-level branches
    (redundant under a whole-string match) or by how class members are escaped."""
    return translate("|".join(_unanchored(b) for b in _top_level_branches(pattern)))


@dataclass(frozen=True)
class Finding:
    key: str
    text: str


@dataclass
class Generated:
    text: str
    constraints: tuple[Constraint, ...]
    unconstrained: list[str]
    disagreements: list[Finding]
    one_sided: list[Finding]
    cosmetic: list[Finding]


def _stricter(name: str, values: list[Any]) -> Any:
    if name.startswith("min"):
        return max(values)
    if name.startswith("max"):
        return min(values)
    raise AssertionError(name)


def _type(key: str, parts: Sequence[Part]) -> tuple[ConstraintType, LengthUnit]:
    declared = [part.type for part in parts if part.type]
    unit: LengthUnit = "utf-8 bytes" if "blob" in declared else "characters"
    candidates = declared[0].split("|") if declared else ["string"]
    api_types = {("string" if t == "blob" else t) for t in declared[1:]}
    chosen = next((t for t in candidates if t in api_types), candidates[0])
    chosen = "string" if chosen == "blob" else chosen
    if chosen not in ("string", "integer", "boolean", "array", "object"):
        raise ValueError(f"{key}: unsupported type {chosen!r}")
    return cast(ConstraintType, chosen), unit


_BOUNDS = ("min_length", "max_length", "minimum", "maximum", "min_items", "max_items")
_VACUOUS = {"min_length": 0, "min_items": 0}


def _describe(value: Any) -> str:
    return repr(tuple(value)) if isinstance(value, list | tuple) else repr(value)


def intersect(spec: Spec, parts: Sequence[Part]) -> tuple[Constraint, Generated]:
    """The constraint every part allows, and what the parts disagree on (in a Generated)."""
    findings = Generated("", (), [], [], [], [])
    key = spec.key
    kind, unit = _type(key, parts)
    for part in parts:  # a zero minimum length or item count constrains nothing
        for name, vacuous in _VACUOUS.items():
            if part.values.get(name) == vacuous:
                del part.values[name]
    declared = {part.source: part.type for part in parts if part.type}
    if len(set(declared.values())) > 1:
        said = ", ".join(f"{source} {kind_!s}" for source, kind_ in declared.items())
        accepted = [set(kind_.split("|")) for kind_ in declared.values()]
        # CloudFormation's ["object", "string"] (a JSON object or its text) against an API map
        # is a difference of form; a string against a blob changes what a length counts
        compatible = unit == "characters" and set.intersection(*accepted)
        found = findings.cosmetic if compatible else findings.disagreements
        found.append(Finding(key, f"type: {said} -> {kind}, lengths in {unit}"))
    values: dict[str, Any] = {}
    for name in (*_BOUNDS, "enum"):
        given = [(part.source, part.values[name]) for part in parts if name in part.values]
        if not given:
            continue
        if name == "enum":
            common = set(given[0][1]).intersection(*(set(members) for _, members in given[1:]))
            values[name] = tuple(sorted(common))
            differ = len({frozenset(members) for _, members in given}) > 1
        else:
            values[name] = _stricter(name, [value for _, value in given])
            differ = len({value for _, value in given}) > 1
        said = ", ".join(f"{source} {_describe(value)}" for source, value in given)
        if differ:
            findings.disagreements.append(
                Finding(key, f"{name}: {said} -> {_describe(values[name])}")
            )
        if len(given) < len(parts):
            silent = ", ".join(part.source for part in parts if name not in part.values)
            findings.one_sided.append(Finding(key, f"{name}: only {said}; not {silent}"))
    patterns: dict[str, tuple[str, str]] = {}  # equivalent form -> (pattern, first source)
    for part in parts:
        pattern = part.values.get("pattern")
        if pattern is None:
            continue
        compile_pattern(pattern)  # fails loudly on a construct the translation cannot read
        form = equivalent_form(pattern)
        if form in patterns:
            if patterns[form][0] != pattern:
                findings.cosmetic.append(
                    Finding(
                        key,
                        f"pattern: {patterns[form][1]} {patterns[form][0]!r}, "
                        f"{part.source} {pattern!r}: equivalent, kept the first",
                    )
                )
            continue
        patterns[form] = (pattern, part.source)
    with_pattern = [part for part in parts if "pattern" in part.values]
    if len(patterns) > 1:
        said = ", ".join(f"{source} {pattern!r}" for pattern, source in patterns.values())
        findings.disagreements.append(Finding(key, f"pattern: {said} -> must match all"))
    if with_pattern and len(with_pattern) < len(parts):
        said = ", ".join(f"{part.source} {part.values['pattern']!r}" for part in with_pattern)
        silent = ", ".join(part.source for part in parts if "pattern" not in part.values)
        findings.one_sided.append(Finding(key, f"pattern: only {said}; not {silent}"))
    distinct = tuple(pattern for pattern, _ in patterns.values())
    for low, high in (
        ("min_length", "max_length"),
        ("minimum", "maximum"),
        ("min_items", "max_items"),
    ):
        if low in values and high in values and values[low] > values[high]:
            raise ValueError(f"{key}: the sources leave nothing allowed ({low} > {high})")
    if values.get("enum") == ():
        raise ValueError(f"{key}: the sources' enums have no member in common")
    constraint = Constraint(
        key=key,
        type=kind,
        pattern=distinct[0] if len(distinct) == 1 else None,
        patterns=distinct if len(distinct) > 1 else (),
        length_unit=unit,
        sources=tuple(part.source for part in parts),
        **values,
    )
    if not constraint.is_constrained:
        findings.unconstrained.append(key)
    return constraint, findings


# --- writing -----------------------------------------------------------------------------------

HEADER = f"""\
# GENERATED by tools/gen_aws_constraints.py, do not edit: regenerate with `{COMMAND}`.
# ruff: noqa: E501
\"\"\"AWS's constraints on the properties patch-window fills from user input, one per key.

Read from the CloudFormation resource provider schemas bundled with cfn-lint and from the
botocore service models; where several constrain a property, each bound is the stricter one and
the value must match every pattern. :mod:`patch_window.rules.constraint` says what each field
means and checks values (``matches``, ``problems``).
\"\"\"

from __future__ import annotations

from patch_window.rules.constraint import Constraint

CONSTRAINTS: tuple[Constraint, ...] = (
"""

FOOTER = """\
)

BY_KEY: dict[str, Constraint] = {constraint.key: constraint for constraint in CONSTRAINTS}
"""


def _literal(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    printable = value.isprintable() and '"' not in value
    if printable and "\\" not in value:
        return f'"{value}"'
    if printable and not value.endswith("\\"):
        return f'r"{value}"'
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    return f'"{escaped}"'


def _argument(name: str, value: Any, indent: str) -> list[str]:
    if not isinstance(value, tuple):
        return [f"{indent}{name}={_literal(value)},"]
    if len(value) == 1:
        line = f"{indent}{name}=({_literal(value[0])},),"
        if len(line) <= LINE_LENGTH:
            return [line]
    inner = [f"{indent}    {_literal(item)}," for item in value]
    return [f"{indent}{name}=(", *inner, f"{indent}),"]


def render(constraints: Sequence[Constraint]) -> str:
    """The module text: one ``Constraint(...)`` per constraint, keyword per line, sorted by key."""
    lines: list[str] = []
    for constraint in sorted(constraints, key=lambda c: c.key):
        lines.append("    Constraint(")
        for item in fields(constraint):
            value = getattr(constraint, item.name)
            if value == item.default and item.name not in ("key", "type"):
                continue
            lines.extend(_argument(item.name, value, "        "))
        lines.append("    ),")
    return HEADER + "\n".join(lines) + "\n" + FOOTER


def generate() -> Generated:
    """Read every definition and build the module text and the findings, writing nothing."""
    result = Generated("", (), [], [], [], [])
    constraints: list[Constraint] = []
    for spec in specs():
        parts = [cfn_part(*spec.cfn)] if spec.cfn else []
        parts.extend(api_part(source) for source in spec.api)
        constraint, findings = intersect(spec, parts)
        constraints.append(constraint)
        result.unconstrained.extend(findings.unconstrained)
        result.disagreements.extend(findings.disagreements)
        result.one_sided.extend(findings.one_sided)
        result.cosmetic.extend(findings.cosmetic)
    result.constraints = tuple(constraints)
    result.text = render(constraints)
    return result


def report(result: Generated) -> str:
    lines = [f"{len(result.constraints)} constraints"]
    lines.append(f"\nnot constrained by any source ({len(result.unconstrained)}):")
    lines.extend(f"  {key}" for key in result.unconstrained)
    for title, found in (
        ("the sources disagree", result.disagreements),
        ("only some sources constrain", result.one_sided),
        ("equivalent patterns written differently", result.cosmetic),
    ):
        lines.append(f"\n{title} ({len(found)}):")
        lines.extend(f"  {finding.key}: {finding.text}" for finding in found)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the module is stale")
    parser.add_argument("--quiet", action="store_true", help="do not print the findings")
    options = parser.parse_args(argv)
    result = generate()
    if not options.quiet:
        print(report(result))
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
    if options.check:
        if current != result.text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    if current != result.text:
        OUTPUT.write_text(result.text, encoding="utf-8")
        print(f"\nwrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
