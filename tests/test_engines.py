"""check, shares, pooled_share, validate_counts and validate_roster on other engines (issue 13).

A roster of another engine (polars eager or lazy, a DuckDB relation, a pyarrow table) is counted
on that engine; counts are collected; the result is the same pandas frame as from pandas input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import gender_stats as gs
from gender_stats.errors import ArgumentTypeError

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")


def _roster() -> pd.DataFrame:
    """Unit A: 4 in the party committee (1 woman), 2 in the standing committee (0 women); B: 3 (2)."""
    rows = [
        ("A", "Xã A", "party_committee", "a1", "F"),
        ("A", "Xã A", "party_committee", "a2", "M"),
        ("A", "Xã A", "party_committee", "a3", "M"),
        ("A", "Xã A", "party_committee", "a4", "M"),
        ("A", "Xã A", "standing_committee", "a2", "M"),
        ("A", "Xã A", "standing_committee", "a3", "M"),
        ("B", "Xã B", "party_committee", "b1", "F"),
        ("B", "Xã B", "party_committee", "b2", "F"),
        ("B", "Xã B", "party_committee", "b3", "M"),
    ]
    frame = pd.DataFrame(rows, columns=["unit_id", "unit_name", "body", "person_id", "sex"])
    frame.insert(0, "term", "2015-2020")
    frame.insert(3, "level", "commune")
    return frame


_CON = duckdb.connect()


def _engines(frame: pd.DataFrame) -> dict[str, Any]:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return {
        "polars": pl.from_pandas(frame),
        "polars-lazy": pl.from_pandas(frame).lazy(),
        "pyarrow": table,
        "duckdb": _CON.from_arrow(table),
    }


ENGINES = ["polars", "polars-lazy", "pyarrow", "duckdb"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "func",
    [
        lambda f: gs.check(f, "36-CT/TW"),
        lambda f: gs.shares(f),
        lambda f: gs.shares(f, by=["term", "body"]),
        lambda f: gs.pooled_share(f, by=["term", "body"]),
    ],
    ids=["check", "shares", "shares-by", "pooled_share"],
)
def test_a_roster_of_another_engine_is_counted_there(
    engine: str, func: Callable[[Any], pd.DataFrame]
) -> None:
    expected = func(gs.count(_roster()))
    got = func(_engines(_roster())[engine])
    assert isinstance(got, pd.DataFrame)
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("engine", ENGINES)
def test_counts_of_another_engine_are_validated(engine: str) -> None:
    counts = gs.count(_roster())
    pd.testing.assert_frame_equal(
        gs.validate_counts(_engines(counts)[engine]), gs.validate_counts(counts)
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_counts_of_a_roster_of_another_engine_says_count_it(engine: str) -> None:
    with pytest.raises(ArgumentTypeError, match=r"validate_counts.*gs\.count\(frame\)"):
        gs.validate_counts(_engines(_roster())[engine])


@pytest.mark.parametrize("engine", ENGINES)
def test_counts_of_another_engine_are_checked(engine: str) -> None:
    counts = gs.count(_roster())
    out = gs.check(_engines(counts)[engine], "36-CT/TW")
    pd.testing.assert_frame_equal(out, gs.check(counts, "36-CT/TW"))
    a = out[out["target_id"] == "36-CT/TW:a"].set_index("unit_id")
    # A: 1 of 4 = 25 % ≥ 15 % (met); B: 2 of 3 (met); 36-CT/TW:b: A's standing committee, no woman
    assert a["status"].tolist() == ["met", "met"]
    b = out[out["target_id"] == "36-CT/TW:b"].set_index("unit_id")
    assert b.loc["A", "status"] == "below" and b.loc["A", "seats_needed"] == 1


def test_pooled_share_on_polars_lazy_worked_by_hand() -> None:
    out = gs.pooled_share(pl.from_pandas(_roster()).lazy(), by=["term", "body"])
    # party committees: 3 women of 7; standing committees: 0 of 2
    assert out[["body", "female", "total", "n_units"]].to_numpy().tolist() == [
        ["party_committee", 3, 7, 2],
        ["standing_committee", 0, 2, 1],
    ]


def test_validate_counts_on_another_engine_reports_problems() -> None:
    bad = gs.count(_roster()).assign(female=[5, 0, 2])  # 5 women of 4 members
    with pytest.raises(gs.DataError, match="female"):
        gs.validate_counts(pl.from_pandas(bad))


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_roster_on_another_engine_says_what_to_pass(engine: str) -> None:
    with pytest.raises(ArgumentTypeError, match=r"validate_roster.*gs\.count"):
        gs.validate_roster(_engines(_roster())[engine])


def test_something_else_is_still_refused() -> None:
    with pytest.raises(gs.GenderStatsError, match="DataFrame"):
        gs.check({"total": [1]}, "36-CT/TW")  # type: ignore[arg-type]
    with pytest.raises(gs.GenderStatsError, match="DataFrame"):
        gs.validate_roster([1, 2])  # type: ignore[arg-type]
