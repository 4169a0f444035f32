"""The compliance frame's column names and statuses are spelled once, in ``compliance``.

Every module that reads the compliance frame (tables, charts, the page, the workbook writer,
planning, the CLI) imports the column constants and :class:`~gender_stats.compliance.Status`;
a string literal equal to one of them is a second spelling that can drift.  Docstrings are
prose; a ``Literal[...]`` option and its default (``value="share"``) name an option, not a
column.  ``progress`` has statuses of its own (a different frame) and is not counted here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gender_stats import compliance
from gender_stats.compliance import COMPLIANCE_COLUMNS, Status

SRC = Path(compliance.__file__).parent

#: The modules that read the compliance frame (the output stage and its clients).
READERS_OF_THE_FRAME = (
    "outputs/labels.py",
    "outputs/tables.py",
    "outputs/plots.py",
    "outputs/plots_base.py",
    "outputs/plots_units.py",
    "outputs/plots_overview.py",
    "outputs/plots_progress.py",
    "outputs/plots_collection.py",
    "outputs/plots_intersections.py",
    "outputs/report.py",
    "outputs/workbook.py",
    "outputs/_files.py",
    "cli.py",
    "planning.py",
)
WORDS = frozenset(COMPLIANCE_COLUMNS) | {s.value for s in Status}
#: Functions that read another frame with a ``status`` column of its own (the collection cycle's
#: returns: received / late / missing), not the compliance frame.
OTHER_FRAMES = {"_cmd_collect", "_cmd_template"}


def _exempt(tree: ast.AST) -> set[int]:
    """Return the ids of the nodes that are prose or option names, not frame names."""
    out: set[int] = set()

    def mark(node: ast.AST) -> None:
        out.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in OTHER_FRAMES:
            mark(node)
            continue
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            out.add(id(body[0].value))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            params = [*args.posonlyargs, *args.args]
            pairs = list(
                zip(params[len(params) - len(args.defaults) :], args.defaults, strict=True)
            )
            pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d]
            for arg, default in pairs:
                note = arg.annotation
                if isinstance(note, ast.Subscript) and getattr(note.value, "id", "") == "Literal":
                    mark(default)
            for arg in [*params, *args.kwonlyargs]:
                if arg.annotation is not None:
                    mark(arg.annotation)
            if node.returns is not None:
                mark(node.returns)
        if isinstance(node, ast.AnnAssign):
            mark(node.annotation)
    return out


def literals(source: str) -> list[tuple[int, str]]:
    """Return ``(line, text)`` of every compliance column or status literal in ``source``."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in WORDS
        and id(node) not in exempt
    ]


def test_the_counter_finds_literals_and_passes_over_prose_and_options():
    source = '''
def f(frame, *, value: Literal["share", "status"] = "share"):
    """Use the "status" column."""
    x = frame["status"] == "below"
    return f"{frame['rule']}", value
'''
    assert sorted(literals(source)) == [(4, "below"), (4, "status"), (5, "rule")]
    assert literals('def _cmd_collect(status):\n    return status["status"]\n') == []


@pytest.mark.parametrize("module", READERS_OF_THE_FRAME)
def test_no_compliance_literal_outside_compliance(module):
    path = SRC / module
    assert literals(path.read_text(encoding="utf-8")) == []
