"""The README's examples run as written.

Every Python block is executed: the first is a whole app; each later block says in its first
comment how it joins the first one (it replaces a call, or goes at the end of
``PatchingStack.__init__``; its imports go at the top), and is joined exactly that way. Each
synthesizes with the four cdk-nag packs and no open finding. Every cdk.json snippet is put
where it belongs in the shipped settings and built by the app's own stack, packs included.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest

from tests.conftest import ROOT, lab_settings, synth_config, synth_layout

README = (ROOT / "README.md").read_text()
PYTHON_BLOCKS = re.findall(r"^```python\n(.*?)^```", README, re.S | re.M)
JSON_BLOCKS = re.findall(r"^```json\n(.*?)^```", README, re.S | re.M)
REPLACES = re.compile(
    r"# Replaces the (\w+(?:\.\w+)*)\(\"(\w+)\", \.\.\.\) call of the first example"
)
AT_THE_END = "# Goes at the end of PatchingStack.__init__ in the first example"


def _init_of(tree: ast.Module) -> ast.FunctionDef:
    [cls] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "PatchingStack"]
    [init] = [n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
    return init


def combine(first: str, block: str) -> str:
    """``block`` joined to ``first`` as the block's first comment says."""
    lines = block.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(" " * 8))
    header = [line for line in lines[:start] if not line.startswith("#")]
    body = lines[start:]
    base = first.splitlines()
    init = _init_of(ast.parse(first))
    if match := REPLACES.match(block):
        method, id_ = match.groups()
        [call] = [
            statement
            for statement in init.body
            if isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            and ast.unparse(statement.value.func) == method
            and isinstance(statement.value.args[0], ast.Constant)
            and statement.value.args[0].value == id_
        ]
        assert call.end_lineno is not None
        joined = base[: call.lineno - 1] + body + base[call.end_lineno :]
    elif block.startswith(AT_THE_END):
        assert init.end_lineno is not None
        joined = base[: init.end_lineno] + body + base[init.end_lineno :]
    else:
        raise AssertionError(f"a README block does not say how it joins the first:\n{block}")
    return "\n".join([*header, *joined]) + "\n"


def _programs() -> list[tuple[str, str]]:
    first = PYTHON_BLOCKS[0]
    return [("first", first)] + [
        (f"block-{index}", combine(first, block))
        for index, block in enumerate(PYTHON_BLOCKS[1:], start=2)
    ]


def test_the_readme_has_the_examples_it_promises() -> None:
    assert len(PYTHON_BLOCKS) >= 4
    assert "app.synth()" in PYTHON_BLOCKS[0]
    assert "add_compliance_checks(app)" in PYTHON_BLOCKS[0]


@pytest.mark.parametrize(("name", "program"), _programs(), ids=[n for n, _ in _programs()])
def test_every_python_example_synthesizes_with_no_open_finding(
    name: str, program: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CDK_OUTDIR", str(tmp_path))
    namespace: dict[str, Any] = {"__name__": f"readme_{name.replace('-', '_')}"}
    exec(compile(program, f"README.md ({name})", "exec"), namespace)
    app: cdk.App = namespace["app"]
    assembly = app.synth()
    report = json.loads((Path(assembly.directory) / "validation-report.json").read_text())
    findings = [
        violation
        for plugin in report["pluginReports"]
        for violation in plugin.get("violations", [])
    ]
    assert findings == []
    assert [stack.stack_name for stack in assembly.stacks] == ["Patching"]


def test_the_combined_examples_read_as_the_readme_says() -> None:
    """The joined program of the replacing block has one Patch task, with output settings."""
    joined = combine(PYTHON_BLOCKS[0], PYTHON_BLOCKS[1])
    assert joined.count('"Patch",') == 1
    assert "output_bucket=output.bucket" in joined
    ast.parse(joined)


def _placed(snippet: str) -> dict[str, Any]:
    """The shipped settings with ``snippet`` where it belongs: a task object joins the first
    window's tasks; a ``"key": value`` fragment is that top-level key."""
    settings = lab_settings()
    text = snippet.strip()
    if text.startswith('"'):
        settings.update(json.loads("{" + text + "}"))
    else:
        task = json.loads(text)
        assert "type" in task, text
        settings["windows"][0]["tasks"].append(task)
    return settings


@pytest.mark.parametrize("snippet", JSON_BLOCKS, ids=[f"json-{i}" for i in range(len(JSON_BLOCKS))])
def test_every_cdk_json_snippet_builds_with_no_open_finding(snippet: str) -> None:
    settings = _placed(snippet)
    if "deployment" in settings:
        # the stage layout and the StackSets: every stack synthesizes with no open finding
        layout = synth_layout(copy.deepcopy(settings))
        assert layout.templates
    stack, template, report = synth_config(copy.deepcopy(settings))
    assert report["pluginReports"]
    assert [v for p in report["pluginReports"] for v in p.get("violations", [])] == []
    assert template["Resources"]
    assert stack.stack_name


def test_the_json_snippets_are_found() -> None:
    assert len(JSON_BLOCKS) >= 2
    assert all(block.strip() for block in JSON_BLOCKS)
