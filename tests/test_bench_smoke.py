"""A smoke run of the national-scale benchmark at 5,000 rows (the full run is `make bench`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import generate
        import run

        yield generate, run
    finally:
        sys.path.remove(str(BENCH))


def test_bench_smoke(bench, tmp_path) -> None:
    pytest.importorskip("duckdb")
    generate, run = bench
    table = generate.roster_table(5_000, seed=3)
    assert table.num_rows == 5_000
    path = tmp_path / "roster.parquet"
    pq.write_table(table, path)
    lib = run.pipeline(path)
    assert lib["rows"] == 5_000
    assert lib["counts"]["total"].sum() == 5_000
    assert {"read_roster", "validate_roster", "count", "check", "public path"} <= set(lib["times"])
    seconds, duck = run.duckdb_once(path)
    assert seconds > 0
    assert run.agree(lib, duck, path) == "yes"
    assert run.floor_once(path) > 0
    floor = run.floor_persons_once(path)
    assert floor > 0
    lines = run.report(
        {
            "rows": 5_000,
            "groups": len(lib["counts"]),
            "medians": {
                **lib["times"],
                "DuckDB (one SQL query)": seconds,
                "floor with persons": floor,
            },
            "agree": "yes",
            "peak_mb": 100.0,
            "base_mb": 50.0,
        }
    )
    assert any(line.startswith("ratio public path / DuckDB") for line in lines)
    assert any("peak RSS" in line for line in lines)
    assert any(line.startswith("ratio floor with persons / DuckDB") for line in lines)
    # the canonical CSV copy: the columnar reader, and DuckDB's read_csv
    import pyarrow.csv as pacsv

    csv = tmp_path / "roster.csv"
    pacsv.write_csv(table, csv)
    assert run.csv_once(csv) > 0
    assert run.csv_floor_persons_once(csv) > 0
    seconds_csv, duck_csv = run.duckdb_once(csv)
    assert seconds_csv > 0 and len(duck_csv) == len(duck)
    rows = run.table(
        [
            {
                "rows": 5_000,
                "medians": {**lib["times"], "DuckDB (one SQL query)": seconds},
                "peak_mb": 100.0,
            }
        ]
    )
    assert any(line.startswith("ratio public path / DuckDB") for line in rows)
    assert any(line.startswith("public path") for line in rows)
    assert run.lazy_once(path) > 0
    assert run.fresh_process_seconds(path, run.KEEP_FREED_MEMORY) > 0
