"""The layers of ``docs/architecture.md``, enforced on the imports of every module (AST walk).

foundation (errors, _text, vocab, schema, models) ← io readers, datasets ← compute (counting,
indicators, targets, compliance, planning, progress, ...) ← outputs (the ``outputs`` package:
labels, tables, plots*, workbook, report, _files) ← cli, the package root.

- the foundation imports only the foundation;
- compute never imports an output module, the CLI or the package root; the known compute
  modules never import ``io`` either (files are read before, written after);
- io's readers never import an output module;
- outputs never import io's private readers (only ``gender_stats.io`` itself).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import gender_stats

SRC = Path(gender_stats.__file__).parent

FOUNDATION = {"errors", "_text", "vocab", "schema", "models"}
#: Compute modules that must not touch files either.
PURE_COMPUTE = {"counting", "indicators", "targets", "compliance", "planning", "progress"}
TOP = {"__init__", "cli", "__main__"}


def layer(name: str) -> str:
    """Return the layer of a module named relative to the package (``io._counts``, ``plots``)."""
    if name in FOUNDATION:
        return "foundation"
    if name in TOP:
        return "top"
    if name.split(".")[0] == "outputs":
        return "outputs"
    if name.split(".")[0] == "io":
        return "io"
    if name == "datasets":
        return "io"
    return "compute"


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts)
        if name.endswith(".__init__"):
            name = name.removesuffix(".__init__")
        out[name] = path
    return out


#: Display hooks of compute objects (how a notebook shows a result): they render, so they may import
#: the output stage's words and formats, lazily, inside the hook itself — and nothing else may.
DISPLAY_HOOKS = frozenset({"__repr__", "_repr_html_"})


def _outside_display_hooks(tree: ast.AST) -> list[ast.AST]:
    """Return every node of ``tree`` except those inside a display hook's body."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in DISPLAY_HOOKS:
            skip.update(id(n) for n in ast.walk(node))
    return [n for n in ast.walk(tree) if id(n) not in skip]


def imports(path: Path, *, hooks: bool = True) -> set[str]:
    """Return the package modules ``path`` imports (at any depth of the file), package-relative.

    With ``hooks=False`` the imports inside display hooks (:data:`DISPLAY_HOOKS`) are left out.
    """
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree) if hooks else _outside_display_hooks(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for full in names:
            if full == "gender_stats":
                found.add("__init__")
            elif full.startswith("gender_stats."):
                found.add(full.removeprefix("gender_stats."))
    known = set(modules()) | {"__init__"}
    return {n for n in found if n in known}


#: Known crossings, each to be removed by moving code to its stage (docs/architecture.md): none
#: left (``add_to_report`` moved to ``outputs/collection.py``).
KNOWN: set[tuple[str, str]] = set()


def violations(name: str, imported: set[str]) -> list[str]:
    mine = layer(name)
    bad = []
    for other in sorted(imported):
        if (name, other) in KNOWN:
            continue
        theirs = layer(other)
        if (
            (mine == "foundation" and theirs != "foundation")
            or (mine == "compute" and theirs in ("outputs", "top"))
            or (name in PURE_COMPUTE and theirs == "io")
            or (mine == "io" and name != "io" and theirs in ("outputs", "top"))
            or (mine == "outputs" and theirs == "io" and other.startswith("io._"))
        ):
            bad.append(other)
    return bad


def test_the_walk_sees_the_layers():
    assert layer("compliance") == "compute" and layer("outputs.tables") == "outputs"
    assert layer("io._counts") == "io" and layer("outputs.workbook") == "outputs"
    assert layer("outputs.plots_collection") == "outputs" and layer("vocab") == "foundation"
    assert violations("compliance", {"outputs.tables", "schema"}) == ["outputs.tables"]
    assert violations("outputs.report", {"io._counts", "outputs._files", "io"}) == ["io._counts"]
    assert violations("io._readers", {"outputs.workbook"}) == ["outputs.workbook"]
    assert "compliance" in imports(SRC / "outputs" / "tables.py")


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_follow_the_layers(name):
    imported = imports(modules()[name], hooks=layer(name) != "compute")
    assert violations(name, imported) == []


def test_display_hooks_import_only_the_words_and_formats():
    # a compute object's __repr__ / _repr_html_ may import outputs.labels, nothing else of outputs
    for name, path in modules().items():
        if layer(name) != "compute":
            continue
        extra = imports(path) - imports(path, hooks=False)
        assert {m for m in extra if layer(m) == "outputs"} <= {"outputs.labels"}, name
