"""Rules of a patch baseline (``AWS::SSM::PatchBaseline``): what "Install" installs, per OS.

Bounds come from :mod:`patch_window.rules.aws_constraints`; what each operating system accepts
(filter keys, filter values, approval delays, non-security updates, alternative sources, patch
name formats) comes from the SSM API Reference (``DescribePatchProperties``, ``PatchFilter``,
``PatchRule``, ``PatchSource``) and the Patch Manager pages of the User Guide, as the README's
"Patch baselines" section cites. Each rule returns ``None`` when the value is allowed, otherwise
one line that quotes the value and says what is allowed. Pure: no aws-cdk-lib.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence

from patch_window.rules.common import (
    aws,
    integer_within,
    length_range,
    repeated,
    text_within,
    within,
)
from patch_window.vocabulary import (
    AmazonLinuxClassification,
    AmazonLinuxSeverity,
    DebianPriority,
    MsrcSeverity,
    OperatingSystem,
    PatchComplianceLevel,
    PatchFilterKey,
    RejectedPatchesAction,
    WindowsClassification,
    values,
)

PB = "AWS::SSM::PatchBaseline"
RULE = f"{PB}.ApprovalRules.PatchRules[]"
FILTERS = f"{PB}.GlobalFilters.PatchFilters"
RULE_FILTERS = f"{RULE}.PatchFilterGroup.PatchFilters"

OS = OperatingSystem
K = PatchFilterKey

# -- what each operating system accepts ---------------------------------------------------------

_RPM = (K.PRODUCT, K.CLASSIFICATION, K.SEVERITY)
_DEB = (K.PRODUCT, K.SECTION, K.PRIORITY)
FILTER_KEYS: Mapping[OperatingSystem, tuple[PatchFilterKey, ...]] = {
    OS.WINDOWS: (K.PATCH_SET, K.PRODUCT, K.PRODUCT_FAMILY, K.CLASSIFICATION, K.MSRC_SEVERITY),
    OS.AMAZON_LINUX: _RPM,
    OS.AMAZON_LINUX_2: _RPM,
    OS.AMAZON_LINUX_2022: _RPM,
    OS.AMAZON_LINUX_2023: _RPM,
    OS.CENTOS: _RPM,
    OS.ORACLE_LINUX: _RPM,
    OS.REDHAT_ENTERPRISE_LINUX: _RPM,
    OS.ROCKY_LINUX: _RPM,
    OS.ALMA_LINUX: _RPM,
    OS.SUSE: _RPM,
    OS.UBUNTU: _DEB,
    OS.DEBIAN: _DEB,
    OS.RASPBIAN: _DEB,
    OS.MACOS: (K.PRODUCT, K.CLASSIFICATION),
}
"""Filter keys per operating system: ``DescribePatchProperties`` lists them for the major ones
(Windows also takes ``PATCH_SET``, per ``PatchFilter``); Amazon Linux 2022 follows 2023, Rocky
Linux and AlmaLinux follow RHEL, Raspberry Pi OS follows Debian; Debian-family baselines also
take ``SECTION``, as the User Guide's patch baseline filters do."""

_AMAZON_LINUX_VALUES = {
    K.CLASSIFICATION: values(AmazonLinuxClassification),
    K.SEVERITY: values(AmazonLinuxSeverity),
}
FILTER_VALUES: Mapping[OperatingSystem, Mapping[PatchFilterKey, tuple[str, ...]]] = {
    OS.WINDOWS: {
        K.CLASSIFICATION: values(WindowsClassification),
        K.MSRC_SEVERITY: values(MsrcSeverity),
        K.PATCH_SET: ("OS", "APPLICATION"),
    },
    OS.AMAZON_LINUX_2: _AMAZON_LINUX_VALUES,
    OS.AMAZON_LINUX_2023: _AMAZON_LINUX_VALUES,
    OS.UBUNTU: {K.PRIORITY: values(DebianPriority)},
    OS.DEBIAN: {K.PRIORITY: values(DebianPriority)},
}
"""Closed sets of filter values, where the service's are fixed; other keys (products, and the
classifications of distributions whose repositories define their own) take any value within
AWS's lengths. ``*`` matches every value of any key."""

NO_APPROVAL_DELAY = frozenset({OS.UBUNTU, OS.DEBIAN})
"""``ApproveAfterDays`` and ``ApproveUntilDate``: "Not supported for Debian Server or Ubuntu
Server" (``PatchRule``); every other operating system needs one of them."""

NOT_LINUX = frozenset({OS.WINDOWS, OS.MACOS})
"""``EnableNonSecurity`` and ``Sources`` apply "to Linux instances only"."""

YUM_FAMILY = frozenset(
    {
        OS.AMAZON_LINUX,
        OS.AMAZON_LINUX_2,
        OS.AMAZON_LINUX_2022,
        OS.AMAZON_LINUX_2023,
        OS.CENTOS,
        OS.ORACLE_LINUX,
        OS.REDHAT_ENTERPRISE_LINUX,
        OS.ROCKY_LINUX,
        OS.ALMA_LINUX,
        OS.SUSE,
    }
)

WINDOWS_PATCH = re.compile(r"KB[0-9]{6,8}|MS[0-9]{2}-[0-9]{3}")
"""Windows patch lists take knowledge base ids (``KB2032276``) and security bulletins
(``MS10-001``)."""
_PACKAGE = re.compile(r"[A-Za-z0-9_.+:~*-]+")
"""Linux and macOS package names, ids and version strings: no spaces, no shell characters."""


def _os(value: str) -> OperatingSystem:
    return OperatingSystem(value)


# -- the baseline -------------------------------------------------------------------------------


def name(value: str) -> str | None:
    """A baseline's name: 3-128 letters, digits, '-', '_' or '.'."""
    if within(f"{PB}.Name", value):
        return None
    return (
        f"must be {length_range(f'{PB}.Name')} characters, each a letter, digit, '-', '_' or "
        f"'.', got {value!r}"
    )


def description(value: str) -> str | None:
    """A baseline's description: 1-1024 characters."""
    return text_within(f"{PB}.Description", value)


def operating_system(value: str) -> str | None:
    """One of the operating systems Patch Manager supports."""
    if value in values(OperatingSystem) and within(f"{PB}.OperatingSystem", value):
        return None
    return f"must be one of {', '.join(values(OperatingSystem))}, got {value!r}"


def compliance_level(value: str) -> str | None:
    """A compliance severity: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNSPECIFIED."""
    if value in values(PatchComplianceLevel) and within(f"{RULE}.ComplianceLevel", value):
        return None
    return f"must be one of {', '.join(values(PatchComplianceLevel))}, got {value!r}"


def rejected_patches_action(value: str) -> str | None:
    """ALLOW_AS_DEPENDENCY (the service's default) or BLOCK."""
    if value in values(RejectedPatchesAction) and within(f"{PB}.RejectedPatchesAction", value):
        return None
    return f"must be one of {', '.join(values(RejectedPatchesAction))}, got {value!r}"


def patch_list(patches: Sequence[str]) -> str | None:
    """Approved or rejected patches: at most 50."""
    most = aws(f"{PB}.ApprovedPatches").max_items
    if most is None or len(patches) <= most:
        return None
    return f"must list at most {most} patches, got {len(patches)}"


def patch(value: str) -> str | None:
    """One approved or rejected patch: 1-100 characters, none of them a control character."""
    return single_line(value) or text_within(f"{PB}.ApprovedPatches[]", value)


def patch_names_for_os(patches: Sequence[str], operating_system: str) -> str | None:
    """Patch names in the format the baseline's operating system reads ("Package name formats
    for approved and rejected patch lists"): KB or MS ids on Windows; package names, ids or
    versions without spaces elsewhere, with at most one wildcard on the yum/dnf family."""
    system = _os(operating_system)
    for value in patches:
        if system is OS.WINDOWS:
            if WINDOWS_PATCH.fullmatch(value) is None:
                return (
                    "must be Windows knowledge base ids such as 'KB2032276' or security "
                    f"bulletin ids such as 'MS10-001', got {value!r}"
                )
        elif _PACKAGE.fullmatch(value) is None:
            return (
                f"must be package names, ids or versions without spaces (such as "
                f"'dbus.x86_64' or 'CVE-2024-1234'), got {value!r}"
            )
        elif system in YUM_FAMILY and value.count("*") > 1:
            return f"must hold at most one '*' wildcard on {system.value}, got {value!r}"
    return None


# -- filters ------------------------------------------------------------------------------------


def patch_filters(filters: Mapping[str, Sequence[str]]) -> str | None:
    """A filter group: at most 4 keys (the API's limit; CloudFormation says 5), each with 1-20
    values of 1-64 characters."""
    most = aws(FILTERS).max_items or 4
    if len(filters) > most:
        return f"must have at most {most} filter keys, got {len(filters)}"
    for key, found in filters.items():
        if key not in values(PatchFilterKey) or not within(f"{FILTERS}[].Key", key):
            return f"filter key must be one of {', '.join(values(PatchFilterKey))}, got {key!r}"
        constraint = aws(f"{FILTERS}[].Values")
        least, top = constraint.min_items or 1, constraint.max_items or 20
        if not least <= len(found) <= top:
            return f"filter {key!r} must have {least}-{top} values, got {len(found)}"
        for value in found:
            if not within(f"{FILTERS}[].Values[]", value):
                return (
                    f"filter {key!r} values must be {length_range(f'{FILTERS}[].Values[]')} "
                    f"characters long, got {value!r}"
                )
    return None


def filters_for_os(filters: Mapping[str, Sequence[str]], operating_system: str) -> str | None:
    """Only the filter keys the operating system has, and for keys with a fixed set of values,
    only those values (or ``*``)."""
    system = _os(operating_system)
    keys = [key.value for key in FILTER_KEYS[system]]
    for key, found in filters.items():
        if key not in keys:
            return (
                f"filter key {key!r} does not apply to {system.value}; it takes {', '.join(keys)}"
            )
        allowed = FILTER_VALUES.get(system, {}).get(PatchFilterKey(key))
        for value in found:
            if allowed is not None and value != "*" and value not in allowed:
                return (
                    f"filter {key!r} on {system.value} must take values among "
                    f"{', '.join(allowed)} or '*', got {value!r}"
                )
    return None


# -- approval rules -----------------------------------------------------------------------------


def approval_rules(rules: Sequence[object]) -> str | None:
    """At most 10 approval rules."""
    most = aws(f"{PB}.ApprovalRules.PatchRules").max_items
    if most is None or len(rules) <= most:
        return None
    return f"must have at most {most} approval rules, got {len(rules)}"


def approve_after_days(value: int) -> str | None:
    """Days after release before a patch is approved: 0-360."""
    return integer_within(f"{RULE}.ApproveAfterDays", value, unit="days")


def approve_until_date(value: str) -> str | None:
    """The last release date approved, ``YYYY-MM-DD``, a real date."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) and within(
        f"{RULE}.ApproveUntilDate", value
    ):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return None
    return f"must be a date written YYYY-MM-DD, such as '2026-12-31', got {value!r}"


def delay_supported(value: object, operating_system: str) -> str | None:
    """Approval delays do not exist on Debian Server and Ubuntu Server."""
    if _os(operating_system) in NO_APPROVAL_DELAY:
        return (
            f"is not supported on {operating_system}, got {value!r}: patches are approved as "
            "soon as the rule's filters match them"
        )
    return None


def approval_delay(
    after_days: int | None, until_date: str | None, operating_system: str
) -> str | None:
    """Every other operating system needs exactly one of the two delays."""
    if _os(operating_system) in NO_APPROVAL_DELAY:
        return None
    if after_days is None and until_date is None:
        return f"needs approve_after_days or approve_until_date on {operating_system}, got neither"
    if after_days is not None and until_date is not None:
        return (
            "takes approve_after_days or approve_until_date, not both, got "
            f"{after_days!r} and {until_date!r}"
        )
    return None


def non_security_supported(enable: bool, operating_system: str) -> str | None:
    """Non-security updates from the repository: Linux only."""
    if enable and _os(operating_system) in NOT_LINUX:
        return f"applies to Linux only, got True on {operating_system}"
    return None


# -- alternative sources ------------------------------------------------------------------------


def sources(found: Sequence[object]) -> str | None:
    """At most 20 alternative patch sources."""
    most = aws(f"{PB}.Sources").max_items
    if most is None or len(found) <= most:
        return None
    return f"must have at most {most} sources, got {len(found)}"


def sources_for_os(found: Sequence[object], operating_system: str) -> str | None:
    """Alternative patch sources exist for Linux only."""
    if found and _os(operating_system) in NOT_LINUX:
        return f"apply to Linux only, got {len(found)} on {operating_system}"
    return None


def source_name(value: str) -> str | None:
    """A source's name: 3-50 letters, digits, '-', '_' or '.'."""
    if within(f"{PB}.Sources[].Name", value):
        return None
    return f"must be 3-50 characters, each a letter, digit, '-', '_' or '.', got {value!r}"


def source_products(products: Sequence[str]) -> str | None:
    """The operating system versions a source applies to: 1-20."""
    constraint = aws(f"{PB}.Sources[].Products")
    least, most = constraint.min_items or 1, constraint.max_items or 20
    if least <= len(products) <= most:
        return None
    return f"must name {least}-{most} products, got {len(products)}"


def source_product(value: str) -> str | None:
    """One product, such as ``AmazonLinux2023``: 1-128 characters on one line."""
    return single_line(value) or text_within(f"{PB}.Sources[].Products[]", value)


def source_configuration(value: str) -> str | None:
    """The repository configuration (a yum repo file's text): 1-1024 characters."""
    return text_within(f"{PB}.Sources[].Configuration", value)


def single_line(value: str) -> str | None:
    """Names of patches and products hold no line break or other control character."""
    if any(unicodedata.category(char) in ("Cc", "Cf") for char in value):
        return f"must not hold control characters such as line breaks, got {value!r}"
    return None


# -- patch groups -------------------------------------------------------------------------------


def patch_group(value: str) -> str | None:
    """A patch group: 1-256 letters, digits, spaces or ``_.:/=+-@``."""
    if within(f"{PB}.PatchGroups[]", value):
        return None
    return (
        f"must be {length_range(f'{PB}.PatchGroups[]')} characters, each a letter, digit, "
        f"space or one of '_.:/=+-@', got {value!r}"
    )


def patch_groups(groups: Sequence[str]) -> str | None:
    """Each patch group once per baseline."""
    twice = repeated(groups)
    if twice is not None:
        return f"must list each patch group once, got {twice!r} more than once"
    return None


# -- across the baselines of a stack ------------------------------------------------------------


def one_default_per_os(baselines: Sequence[tuple[str, str, bool]]) -> list[tuple[int, str]]:
    """``(index, problem)`` for each baseline that is a second default for its operating
    system: an operating system has one default baseline per account and Region."""
    found: list[tuple[int, str]] = []
    first: dict[str, str] = {}
    for index, (baseline, system, default) in enumerate(baselines):
        if not default:
            continue
        if system in first:
            found.append(
                (
                    index,
                    f"{baseline!r} cannot also be the default baseline for {system}: "
                    f"{first[system]!r} is; an operating system has one default baseline",
                )
            )
        else:
            first[system] = baseline
    return found


def one_baseline_per_group(
    baselines: Sequence[tuple[str, str, Sequence[str]]],
) -> list[tuple[int, str]]:
    """``(index, problem)`` for each baseline that claims a patch group another baseline of
    the same operating system has: a patch group has one baseline per operating system."""
    found: list[tuple[int, str]] = []
    owner: dict[tuple[str, str], str] = {}
    for index, (baseline, system, groups) in enumerate(baselines):
        for group in dict.fromkeys(groups):
            if (system, group) in owner:
                found.append(
                    (
                        index,
                        f"patch group {group!r} already has baseline {owner[system, group]!r} "
                        f"for {system}; a patch group has one baseline per operating system",
                    )
                )
            else:
                owner[system, group] = baseline
    return found


# -- AWS-RunPatchBaseline's overrides -----------------------------------------------------------

OVERRIDE_FILE_FORBIDDEN = "`'\"$"
"""Characters a ``BaselineOverride`` file name cannot hold (User Guide, "Using the
BaselineOverride parameter")."""


def run_patch_baseline_parameters(
    parameters: Mapping[str, Sequence[str]], document: str
) -> str | None:
    """AWS-RunPatchBaseline's documented failures: an install override list together with a
    baseline override fails without scanning or installing anything; a baseline override file
    name holding a backtick, quote or dollar sign is refused."""
    if not document.endswith("AWS-RunPatchBaseline"):
        return None
    if parameters.get("InstallOverrideList") and parameters.get("BaselineOverride"):
        return (
            "cannot combine InstallOverrideList with BaselineOverride: AWS-RunPatchBaseline then "
            "fails without scanning or installing anything; give one of them"
        )
    for url in parameters.get("BaselineOverride", ()):
        name = url.rsplit("/", 1)[-1]
        if any(char in OVERRIDE_FILE_FORBIDDEN for char in name):
            return (
                "BaselineOverride file name must not hold a backtick, quote, double quote or "
                f"dollar sign, got {name!r}"
            )
    return None
