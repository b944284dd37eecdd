"""The house stays one-way: no import cycle in the library, the app layer on top of it.

Imports are read with ``ast``, so those under ``TYPE_CHECKING`` and inside functions count too:
a cycle hidden there still ties the modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "patch_window"
#: Modules that must not import aws-cdk-lib, jsii or constructs: the cdk.json reader runs them
#: before the node process starts.
PURE = {
    "patch_window.errors",
    "patch_window.vocabulary",
    "patch_window.json_text",
    "patch_window.schedule_expression",
    "patch_window.next_runs",
    "patch_window.advisories",
    "patch_window.rules",
    "patch_window.app.settings",
    "patch_window.app.reader",
    "patch_window.app.context",
    "patch_window.review",
    "patch_window.preview",
    "patch_window.history",
    "patch_window.history_actions",
}
CDK_MODULES = ("aws_cdk", "jsii", "constructs", "cdk_nag")
#: The command-line tools (``patch-window <subcommand>``): they sit above the app layer and may
#: read cdk.json through it; nothing in the library imports them.
TOOLS = (
    "patch_window.cli",
    "patch_window.review",
    "patch_window.preview",
    "patch_window.history",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in the file (top level, functions, TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from patch_window import rules` imports the module patch_window.rules
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {
    name: {
        other
        for other in imports(path)
        if other in MODULES and other != name and other != "patch_window"
    }
    for name, path in MODULES.items()
}


def _in_package(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


def test_the_graph_sees_the_modules() -> None:
    assert "patch_window.window" in GRAPH
    assert "patch_window.tasks.run_command" in GRAPH["patch_window.window"]


def test_no_import_cycle() -> None:
    """Depth-first search over every import; a back edge is a cycle, reported whole."""
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for other in sorted(GRAPH[name]):
            if state.get(other) == 1:
                cycles.append(" -> ".join([*stack[stack.index(other) :], other]))
            elif other not in state:
                visit(other)
        stack.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert cycles == []


def _is_tool(name: str) -> bool:
    return any(_in_package(name, tool) for tool in TOOLS)


def test_the_library_never_imports_the_app_layer() -> None:
    """Only the face (``patch_window/__init__.py``, lazy names) and the tools name the app layer."""
    offenders = [
        f"{name} imports {other}"
        for name, others in GRAPH.items()
        if not _in_package(name, "patch_window.app") and name != "patch_window"
        if not _is_tool(name)
        for other in others
        if _in_package(other, "patch_window.app")
    ]
    assert offenders == []


def test_nothing_below_imports_the_tools() -> None:
    """The library and the app never import a command-line tool."""
    offenders = [
        f"{name} imports {other}"
        for name, others in GRAPH.items()
        if not _is_tool(name)
        for other in others
        if _is_tool(other)
    ]
    assert offenders == []


@pytest.mark.parametrize("name", sorted(PURE))
def test_pure_modules_import_no_cdk(name: str) -> None:
    modules = {name} | {m for m in MODULES if _in_package(m, name) and name != "patch_window"}
    found = sorted(
        f"{module} imports {other}"
        for module in modules
        for other in imports(MODULES[module])
        if other.split(".")[0] in CDK_MODULES
    )
    assert found == []


def test_only_the_review_imports_the_review_or_cfn_lint() -> None:
    """The review tool reads cfn-lint (a development dependency); the library never does."""
    offenders = [
        f"{name} imports {other}"
        for name, path in MODULES.items()
        if not _in_package(name, "patch_window.review")
        for other in imports(path)
        if _in_package(other, "patch_window.review") or other.split(".")[0] == "cfnlint"
    ]
    assert offenders == []


def test_nothing_imports_the_emulator() -> None:
    assert [n for n, path in MODULES.items() if "local_aws" in imports(path)] == []


def test_private_names_stay_in_their_module() -> None:
    """No ``obj._private()`` reached across modules: rooms talk through public interfaces."""
    crossing = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text())
        own = {"self", "cls"} | {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in own)
            ):
                crossing.append(f"{name}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module in MODULES:
                crossing.extend(
                    f"{name}:{node.lineno} imports {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                )
    assert crossing == []
