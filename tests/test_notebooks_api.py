"""The notebooks use only the public API, stay small, and open with one paragraph for their reader."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import gender_stats as gs

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
ALLOWED_IMPORTS = {
    "gender_stats",
    "pandas",
    "matplotlib",
    "tempfile",
    "pathlib",
    "openpyxl",
    "duckdb",  # notebook 03: a national roster read lazily (issue 13)
    "polars",
}


def _cells(path: Path, kind: str) -> list[str]:
    book = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in book["cells"] if c["cell_type"] == kind]


def _code(path: Path) -> ast.Module:
    # IPython magics (``%matplotlib inline``) are not Python
    lines = [
        line
        for src in _cells(path, "code")
        for line in src.splitlines()
        if not line.startswith("%")
    ]
    return ast.parse("\n".join(lines))


def test_there_are_six_notebooks() -> None:
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_only_public_names(path: Path) -> None:
    tree = _code(path)
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "gs"
    }
    assert used, "the notebook should use gender_stats as gs"
    assert used <= set(gs.__all__), sorted(used - set(gs.__all__))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_imports_nothing_private(path: Path) -> None:
    for node in ast.walk(_code(path)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in ALLOWED_IMPORTS, name
            assert not (name.startswith("gender_stats.") or "._" in name), name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_one_paragraph_for_its_reader(path: Path) -> None:
    book = json.loads(path.read_text(encoding="utf-8"))
    first = book["cells"][0]
    assert first["cell_type"] == "markdown"
    text = "".join(first["source"])
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if not p.lstrip().startswith("#")]
    assert len(paragraphs) == 1
    assert "**For**" in paragraphs[0]
    assert book["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_with_outputs_and_small(path: Path) -> None:
    book = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code), "run the notebook before committing it"
    outputs = [o for c in code for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"], "a warning was printed"
    assert path.stat().st_size < 1_000_000
