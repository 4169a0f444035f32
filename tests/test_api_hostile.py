"""Issue 12 §1: every public function, given wrong types and values, raises only library errors.

The walk covers ``gs.__all__``.  Functions of modules outside this branch (readers being rewritten,
tables, indicators, counting, datasets, the export and ``shortfalls``/``summarise``) still let
foreign exceptions out on some inputs: they are marked ``xfail(strict=False)`` with the module, so
the mark can go when each module guards its inputs.
"""

from __future__ import annotations

import inspect
import tempfile
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.errors import GenderStatsError


def _bad_values() -> dict[str, Any]:
    pa = pytest.importorskip("pyarrow")
    return {
        "None": None,
        "int": 3,
        "text": "x",
        "list": [1, 2],
        "empty frame": pd.DataFrame(),
        "roster": gs.load_sample_roster(),
        "pyarrow table": pa.table({"a": [1]}),
        "unrelated frame": pd.DataFrame({"a": [1]}),
    }


BAD = list(_bad_values())

#: Modules of other engineers (see the module docstring), by the function's source file.
FOREIGN_MODULES: set[str] = set()
FOREIGN_FUNCTIONS: set[str] = set()


def _functions() -> list[tuple[str, Callable[..., Any]]]:
    return [
        (name, getattr(gs, name)) for name in gs.__all__ if inspect.isfunction(getattr(gs, name))
    ]


def _cases() -> list[Any]:
    cases = []
    for name, func in _functions():
        module = inspect.getsourcefile(func).rsplit("/", 1)[-1]
        foreign = module in FOREIGN_MODULES or name in FOREIGN_FUNCTIONS
        marks = (
            [pytest.mark.xfail(strict=False, reason=f"{module}: inputs not yet guarded (issue 12)")]
            if foreign
            else []
        )
        for label in BAD:
            cases.append(pytest.param(name, label, marks=marks, id=f"{name}-{label}"))
    return cases


def _call(func: Callable[..., Any], value: Any) -> None:
    """Call ``func`` with ``value`` for every required argument (positional and keyword)."""
    signature = inspect.signature(func)
    args, kwargs = [], {}
    for p in signature.parameters.values():
        if p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.name == "out_dir":
            kwargs[p.name] = tempfile.mkdtemp()
        elif p.kind == p.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    func(*args, **kwargs)


@pytest.mark.parametrize(("name", "label"), _cases())
def test_public_function_with_a_wrong_argument_raises_only_library_errors(name, label):
    value = _bad_values()[label]
    try:
        _call(getattr(gs, name), value)
    except GenderStatsError:
        pass  # a library error: what a user should get
    finally:
        plt.close("all")


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: gs.validate_counts(None), "expected a pandas DataFrame, got builtins.NoneType"),
        (lambda: gs.validate_roster([1]), "expected a pandas DataFrame, got builtins.list"),
        (lambda: gs.validate_units("units.csv"), "expected a pandas DataFrame, got builtins.str"),
        (lambda: gs.plot_shares(None), r"expected a compliance pandas DataFrame\), got NoneType"),
        # a counts frame is fine (issue 15.6: over a whole table); a frame of neither is not
        (lambda: gs.next_term_needs(pd.DataFrame({"x": [1]})), r"cần có cột \"total\""),
        (
            lambda: gs.next_term_needs(3),
            "the compliance frame of gs.check",
        ),
        (
            lambda: gs.next_term_needs(gs.check(gs.load_sample_counts()).drop(columns="status")),
            r"missing \['status'\]",
        ),
        (lambda: gs.check(gs.load_sample_roster()), "call gs.count|count it first"),
    ],
)
def test_wrong_arguments_say_what_was_expected(call, match):
    with pytest.raises(GenderStatsError, match=match):
        call()
