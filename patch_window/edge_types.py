"""The library's edge checks the types it receives, as the cdk.json reader does.

Python does not enforce type hints, and a wrong type does damage far from where it was given:
a ``str`` where a list of strings belongs iterates as letters (``tags={"Workload": "Test"}``
targets instances tagged ``T``, ``e``, ``s`` or ``t``), an ``int`` where a ``cdk.Duration``
belongs ends in an ``AttributeError`` deep inside. :func:`checked` wraps a public constructor,
method or factory and compares every argument with its own type hint before the body runs, so
the hints are the single statement of what each parameter takes. A mismatch raises
:class:`PatchWindowValidationError` naming the construct path (or the factory), the parameter,
the value and what was expected. An unresolved CDK token passes, whatever its type.
"""

from __future__ import annotations

import builtins
import collections.abc
import dataclasses
import enum
import functools
import inspect
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ParamSpec, TypeVar

from patch_window.errors import PatchWindowValidationError
from patch_window.tokens import is_unresolved

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound=type)

#: Module aliases the library's signatures use for aws-cdk-lib modules (often imported only
#: under ``TYPE_CHECKING``); resolved from ``sys.modules``: an object of a module not yet loaded
#: cannot be an instance of its types.
_CDK_ALIASES = {
    "cdk": "aws_cdk",
    "iam": "aws_cdk.aws_iam",
    "ssm": "aws_cdk.aws_ssm",
    "lambda_": "aws_cdk.aws_lambda",
    "logs": "aws_cdk.aws_logs",
    "s3": "aws_cdk.aws_s3",
    "sfn": "aws_cdk.aws_stepfunctions",
    "sns": "aws_cdk.aws_sns",
    "kms": "aws_cdk.aws_kms",
}


class _NotLoaded:
    """Stands for a type whose module is not loaded: nothing is an instance of it."""

    label = "?"


class _MissingModule(types.SimpleNamespace):
    def __init__(self, alias: str) -> None:
        super().__init__()
        self.alias = alias

    def __getattr__(self, name: str) -> type:
        return type(name, (_NotLoaded,), {"label": f"{self.alias}.{name}"})


class _Names(Mapping[str, Any]):
    """Names a hint may use: the function's module, then aws-cdk-lib aliases, then the library's
    loaded modules (for names imported only under ``TYPE_CHECKING``), without importing any."""

    def __init__(self, module_globals: Mapping[str, Any]) -> None:
        self.module_globals = module_globals

    def __getitem__(self, name: str) -> Any:
        if name in self.module_globals:
            return self.module_globals[name]
        if hasattr(builtins, name):
            return getattr(builtins, name)
        if name in _CDK_ALIASES:
            return sys.modules.get(_CDK_ALIASES[name]) or _MissingModule(name)
        for module_name, module in list(sys.modules.items()):
            if module_name.startswith("patch_window.") and isinstance(
                getattr(module, name, None), type
            ):
                return getattr(module, name)
        return type(name, (_NotLoaded,), {"label": name})

    def __iter__(self) -> Iterator[str]:
        return iter(self.module_globals)

    def __len__(self) -> int:
        return len(self.module_globals)


_RESOLVED: dict[Any, dict[str, Any]] = {}
"""Hints resolved once and for all: none of them names a type of a module not yet loaded."""
_PARTLY_RESOLVED: dict[Any, tuple[int, dict[str, Any]]] = {}
"""Hints naming a type not loaded yet, with ``len(sys.modules)`` when they were resolved: kept
until another module is loaded, which may be the one that defines the type."""


def hints(function: Callable[..., Any], owner: type | None = None) -> dict[str, Any]:
    """The resolved type hints of ``function``'s parameters (of ``owner``'s fields for a
    dataclass).

    Resolved on the first call and kept. Hints that name a type whose module is not loaded
    (``s3.IBucket`` in a stack that never loads aws_s3) are resolved again once more modules are
    loaded: the value's own module is loaded before anyone can pass it.
    """
    target: Any = owner if owner is not None else function
    if target in _RESOLVED:
        return dict(_RESOLVED[target])
    partly = _PARTLY_RESOLVED.get(target)
    if partly is not None and partly[0] == len(sys.modules):
        return dict(partly[1])
    module = sys.modules[target.__module__]
    found = typing.get_type_hints(target, globalns=None, localns=_Names(vars(module)))
    found.pop("return", None)
    if any(_names_unloaded(hint) for hint in found.values()):
        _PARTLY_RESOLVED[target] = (len(sys.modules), dict(found))
    else:
        _RESOLVED[target] = dict(found)
    return found


def _names_unloaded(hint: Any) -> bool:
    """Whether ``hint`` is, or holds, a stand-in for a type whose module is not loaded."""
    if isinstance(hint, type) and issubclass(hint, _NotLoaded):
        return True
    return any(_names_unloaded(arm) for arm in typing.get_args(hint))


def describe(hint: Any) -> str:
    """What a hint asks for, in words a user reads in an error message."""
    origin = typing.get_origin(hint)
    arms = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        named = [describe(arm) for arm in arms if arm is not type(None)]
        text = " or ".join(named)
        return f"{text} (or None)" if type(None) in arms else text
    if origin in (collections.abc.Sequence, list, tuple):
        return f"a list or tuple of {_plural(arms[0])} (not a single string)"
    if origin in (collections.abc.Mapping, dict):
        return f"a mapping of {_plural(arms[0])} to {_plural(arms[1])}"
    if hint is Any:
        return "any value"
    if isinstance(hint, type) and issubclass(hint, _NotLoaded):
        return _article(hint.label)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        first = next(iter(hint))
        return f"a {hint.__name__} member such as {hint.__name__}.{first.name}"
    if hint is str:
        return "a string"
    if hint is bool:
        return "True or False"
    if hint is int:
        return "an integer"
    return _article(_qualified(hint))


def _article(text: str) -> str:
    return f"an {text}" if text[0].lower() in "aeio" else f"a {text}"


def _plural(hint: Any) -> str:
    if hint is str:
        return "strings"
    if hint is Any:
        return "values"
    return describe(hint).removeprefix("a ").removeprefix("an ") + "s"


def _qualified(hint: Any) -> str:
    module = getattr(hint, "__module__", "")
    name = getattr(hint, "__name__", str(hint))
    for alias, full in _CDK_ALIASES.items():
        if module == full or (module.startswith(full + ".") and alias != "cdk"):
            return f"{alias}.{name}"
    if module.startswith("aws_cdk"):
        return f"cdk.{name}"
    if module == "datetime":
        return f"datetime.{name}"
    return str(name)


def _type_name(value: Any) -> str:
    return _article(type(value).__name__)


def _implements(value: Any, interface: type) -> bool:
    """Whether ``value`` implements a jsii interface: its class names it in
    ``__jsii_ifaces__``, or it is (or, as a jsii dynamic proxy, delegates to) the interface's
    proxy class, as objects returned by ``from_*`` imports are."""
    proxy_factory = getattr(interface, "__jsii_proxy_class__", None)
    proxy = proxy_factory() if proxy_factory else None
    for item in [value, *(getattr(value, "_delegates", None) or [])]:
        for cls in type(item).__mro__:
            if cls is interface or cls is proxy:
                return True
            if any(interface in i.__mro__ for i in getattr(cls, "__jsii_ifaces__", ())):
                return True
    return False


def _is_instance(value: Any, hint: type) -> bool:
    if issubclass(hint, _NotLoaded):
        return False
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if getattr(hint, "_is_protocol", False):
        if "__jsii_type__" in vars(hint):
            # jsii interfaces are protocols isinstance() cannot check; their implementations
            # name them in __jsii_ifaces__.
            return _implements(value, hint)
        # The library's own protocols extend jsii's IConstruct: compare members instead.
        return all(hasattr(value, member) for member in _protocol_members(hint))
    return isinstance(value, hint)


def _protocol_members(hint: type) -> set[str]:
    """The public attributes and methods a (non-jsii) protocol declares."""
    return {
        name
        for cls in hint.__mro__
        if getattr(cls, "_is_protocol", False) and "__jsii_type__" not in vars(cls)
        for name in [*vars(cls), *getattr(cls, "__annotations__", {})]
        if not name.startswith("_")
    }


def mismatches(value: Any, hint: Any, label: str) -> list[tuple[str, str, Any]]:
    """``(label, expected, received)`` for each part of ``value`` that does not match ``hint``."""
    if hint is Any or hint is object:
        return []
    origin = typing.get_origin(hint)
    arms = typing.get_args(hint)
    found: list[tuple[str, str, Any]]
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return [] if type(None) in arms else [(label, describe(hint), value)]
        candidates = [arm for arm in arms if arm is not type(None)]
        results = [mismatches(value, arm, label) for arm in candidates]
        if any(not result for result in results):
            return []
        shaped = [r for arm, r in zip(candidates, results, strict=True) if _outer_ok(value, arm)]
        if len(candidates) == 1:
            found = results[0]
        elif len(shaped) == 1:
            found = shaped[0]
        else:
            found = [(label, describe(hint), value)]
    elif hint is type(None) or hint is None:
        found = [] if value is None else [(label, "None", value)]
    elif origin in (collections.abc.Sequence, list, tuple):
        if not _outer_ok(value, hint):
            found = [(label, describe(hint), value)]
        else:
            item_hint = arms[0] if arms else Any
            found = [
                problem
                for index, item in enumerate(value)
                for problem in mismatches(item, item_hint, f"{label}[{index}]")
            ]
    elif origin in (collections.abc.Mapping, dict):
        if not _outer_ok(value, hint):
            found = [(label, describe(hint), value)]
        else:
            key_hint, value_hint = arms or (Any, Any)
            found = []
            for key, item in value.items():
                found += [(f"{label} key", e, key) for _, e, _ in mismatches(key, key_hint, "")]
                found += mismatches(item, value_hint, f"{label}[{key!r}]")
    elif isinstance(hint, type):
        found = [] if _is_instance(value, hint) else [(label, _expected(value, hint), value)]
    else:
        found = []
    if found and value is not None and is_unresolved(value):
        return []
    return found


def _expected(value: Any, hint: type) -> str:
    """What ``hint`` asks for; for an enum given a member's name or value as a plain string,
    the member to write instead."""
    if issubclass(hint, enum.Enum) and isinstance(value, str):
        for member in hint:
            if value in (member.name, member.value):
                return f"a {hint.__name__} member ({hint.__name__}.{member.name}, not a string)"
    return describe(hint)


def _outer_ok(value: Any, hint: Any) -> bool:
    """Whether ``value`` has the outer shape of ``hint`` (a list for a sequence, ...)."""
    origin = typing.get_origin(hint)
    if origin in (collections.abc.Sequence, list, tuple):
        return isinstance(value, (list, tuple))
    if origin in (collections.abc.Mapping, dict):
        return isinstance(value, collections.abc.Mapping)
    return isinstance(hint, type) and _is_instance(value, hint)


def _problem(where: str, label: str, expected: str, value: Any) -> str:
    return f"{where}: {label} must be {expected}, got {_received(value)}"


def _received(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{text} ({_type_name(value)})"


def check_arguments(
    where: str | Callable[[], str], arguments: Mapping[str, Any], found_hints: Mapping[str, Any]
) -> None:
    """Raise one error listing every argument that does not match its hint.

    ``where`` may be a function that names the place: it is called only when there is an error
    to name (a construct path costs a round trip to aws-cdk-lib's node process).
    """
    found = [
        mismatch
        for name, value in arguments.items()
        if name in found_hints
        for mismatch in mismatches(value, found_hints[name], name)
    ]
    if found:
        place = where if isinstance(where, str) else where()
        raise PatchWindowValidationError(
            [_problem(place, label, expected, received) for label, expected, received in found]
        )


def _where(function: Callable[..., Any], arguments: Mapping[str, Any]) -> str:
    """The construct path a call creates (parent path/id), else the callable's name."""
    name = function.__qualname__.replace(".__init__", "")
    parent = arguments.get("scope", arguments.get("self"))
    id_ = arguments.get("id_")
    node = getattr(parent, "node", None)
    if isinstance(id_, str) and node is not None:
        try:
            path = str(node.path)
        except Exception:  # a foreign object that only looks like a construct
            return name
        return f"{path}/{id_}" if path else id_
    return name


def checked(function: Callable[P, R]) -> Callable[P, R]:
    """Check every argument of ``function`` against its type hint before it runs."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        bound = signature.bind_partial(*args, **kwargs)
        arguments = {k: v for k, v in bound.arguments.items() if k not in ("self", "cls")}
        check_arguments(
            functools.partial(_where, function, bound.arguments), arguments, hints(function)
        )
        return function(*args, **kwargs)

    return wrapper


def checked_dataclass(cls: C) -> C:
    """Check a dataclass's fields against their hints when an instance is made."""
    init: Callable[..., None] = vars(cls)["__init__"]
    signature = inspect.signature(init)
    names = [f.name for f in dataclasses.fields(cls)]

    @functools.wraps(init)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> None:
        bound = signature.bind_partial(self, *args, **kwargs)
        arguments = {k: v for k, v in bound.arguments.items() if k in names}
        check_arguments(cls.__name__, arguments, hints(init, owner=cls))
        init(self, *args, **kwargs)

    cls.__init__ = wrapper  # type: ignore[misc]
    return cls
