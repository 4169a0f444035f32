"""Benchmark gender_stats at national scale on the PUBLIC path, side by side with DuckDB.

For each N (default 1 M rows; 10 M with ``--rows 10000000``) the script generates (once, seeded) a
synthetic national roster as Parquet under ``benchmarks/_data/`` (see ``generate.py``), then, in the
same process, ``repeats`` times, the engines interleaved so that all see the same machine load:

- **public path**, exactly as the README tells users::

      roster = gs.read_roster(path)
      roster = gs.validate_roster(roster)
      counts = gs.count(roster)
      compliance = gs.check(counts, "36-CT/TW")

  each stage timed;
- **DuckDB**: ONE SQL query over the same Parquet file doing the same counts per term × unit × body
  and the same 36-CT/TW check (15 % floor on the party committees and a woman in the standing
  committees, term 2015-2020; ``seats_needed`` in exact integers), fetched as a pandas frame;
- **polars** ``count(pl.scan_parquet(path))`` (the narwhals path, for information);
- **floor**: reading only the needed columns with pyarrow (dictionary-encoded) and counting on the
  codes with ``np.bincount`` (the least any pandas-side path must pay);
- **floor with persons**: every column read and the person ids hashed into codes on a second
  thread (the least any reader that checks for a person seated twice must pay: DuckDB's query
  never reads the person ids);

checks that the library and DuckDB agree (the same totals and women in every group, the same
``seats_needed`` for every assessed 36-CT/TW row), and prints medians, rows/s and the ratios public
path / DuckDB.  Peak memory (VmHWM) of the public path is measured in a fresh subprocess.  Then the
Excel goals and the bundled trích ngang.

Usage::

    make bench                                       # N = 1 M, 5 repeats, Excel and trích ngang
    python benchmarks/run.py --rows 1000000 --repeats 3
    python benchmarks/run.py --rows 100000 1000000 10000000 --repeats 3 --no-excel
    python benchmarks/run.py --rows 1000000 --profile                 # cProfile of the public path
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import csv_path, roster_path

import gender_stats as gs

GOAL_RATIO = 1.0  # public path / DuckDB (must: 1.5)
MUST_RATIO = 1.5
GOAL_MEMORY_MB = 1536  # (must: 2048)
MUST_MEMORY_MB = 2048

#: the same counts and the same 36-CT/TW check (a: ≥ 15 % of the party committee, b: a woman in the
#: standing committee; term 2015-2020), in one query
DUCKDB_QUERY = """
SELECT term, unit_id, unit_name, level, body,
       count(*) AS total,
       count(*) FILTER (WHERE sex = 'F') AS female,
       CASE WHEN term = '2015-2020' AND body = 'party_committee' THEN '36-CT/TW:a'
            WHEN term = '2015-2020' AND body = 'standing_committee' THEN '36-CT/TW:b'
       END AS target_id,
       count(*) FILTER (WHERE sex = 'F') / count(*) AS share,
       CASE WHEN term <> '2015-2020' THEN NULL
            WHEN body = 'party_committee'
            THEN greatest((15 * count(*) + 99) // 100 - count(*) FILTER (WHERE sex = 'F'), 0)
            WHEN body = 'standing_committee'
            THEN greatest(1 - count(*) FILTER (WHERE sex = 'F'), 0)
       END AS seats_needed
FROM read_parquet(?)
WHERE body IN ('party_committee', 'standing_committee')
GROUP BY term, unit_id, unit_name, level, body
ORDER BY term, unit_id, body
"""

#: the same counts for every body (for the agreement check of ``count``)
DUCKDB_COUNTS = """
SELECT term, unit_id, body, count(*) AS total, count(*) FILTER (WHERE sex = 'F') AS female
FROM read_parquet(?) GROUP BY term, unit_id, body
"""


def pipeline(path: Path) -> dict[str, Any]:
    """Run the public path once, as the README shows it; return the stage times (s) and results."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    roster = gs.read_roster(path)
    times["read_roster"] = time.perf_counter() - start
    start = time.perf_counter()
    roster = gs.validate_roster(roster)
    times["validate_roster"] = time.perf_counter() - start
    start = time.perf_counter()
    counts = gs.count(roster)
    times["count"] = time.perf_counter() - start
    start = time.perf_counter()
    compliance = gs.check(counts, "36-CT/TW")
    times["check"] = time.perf_counter() - start
    times["public path"] = sum(times.values())
    return {"times": times, "counts": counts, "compliance": compliance, "rows": len(roster)}


def duckdb_once(path: Path) -> tuple[float, pd.DataFrame]:
    """Time the one DuckDB query (connection set-up included) and return its pandas result."""
    import duckdb

    query = (
        DUCKDB_QUERY if path.suffix != ".csv" else DUCKDB_QUERY.replace("read_parquet", "read_csv")
    )
    start = time.perf_counter()
    with duckdb.connect() as con:
        result = con.execute(query, [str(path)]).df()
    return time.perf_counter() - start, result


def csv_once(path: Path) -> float:
    """Time the public path from the canonical CSV copy of the roster."""
    start = time.perf_counter()
    roster = gs.validate_roster(gs.read_roster(path))
    gs.check(gs.count(roster), "36-CT/TW")
    return time.perf_counter() - start


def polars_once(path: Path) -> float:
    import polars as pl

    start = time.perf_counter()
    gs.count(pl.scan_parquet(path))
    return time.perf_counter() - start


def lazy_once(path: Path) -> float:
    """Time ``gs.check`` of a DuckDB relation over the Parquet file (counted on DuckDB).

    Public API (notebook 03 shows it), but no ``validate_roster``: it takes pandas frames only.
    """
    import duckdb

    start = time.perf_counter()
    with duckdb.connect() as con:
        gs.check(con.read_parquet(str(path)), "36-CT/TW")
    return time.perf_counter() - start


def floor_once(path: Path) -> float:
    """Read only term, unit_id, body, sex (dictionary-encoded) and count on the codes.

    Read as the library reads (the dataset reader, the system allocator: see
    ``gender_stats.io._arrow_text.arrow_pool``), so the floor is no slower than the library.
    """
    import pyarrow as pa
    import pyarrow.dataset as pads

    start = time.perf_counter()
    columns = ["term", "unit_id", "body", "sex"]
    options = pads.ParquetReadOptions(dictionary_columns=columns)
    data = pads.dataset(str(path), format=pads.ParquetFileFormat(read_options=options))
    table = data.to_table(columns=columns, memory_pool=pa.system_memory_pool())
    key = np.zeros(table.num_rows, dtype=np.int64)
    female = None
    for c in columns:
        array = table.column(c).unify_dictionaries().combine_chunks()
        assert isinstance(array, pa.DictionaryArray)
        codes = np.asarray(array.indices)
        if c == "sex":
            female = codes == array.dictionary.to_pylist().index("F")
        else:
            key *= len(array.dictionary)
            key += codes
    assert female is not None
    np.bincount(key)
    np.bincount(key[female])
    return time.perf_counter() - start


def floor_persons_once(path: Path) -> float:
    """The floor of any reader that validates: every column read, the persons told apart.

    The duplicate-seat check (no person twice in one body of one unit in one term) needs to know
    which rows are one person: the person ids must be hashed, a cost DuckDB's query never pays
    (it does not read them).  Here: the whole file read as the library reads it (texts other than
    the person ids dictionary-encoded), then the person ids hashed into codes
    (:func:`pyarrow.compute.dictionary_encode`) on a second thread while this one counts on the
    codes as :func:`floor_once` does.  Nothing else: no normalisation, no pandas frame, none of
    the other checks.  If this floor is above 1.5 × DuckDB, so is every validating reader.
    """
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as pads

    pool = pa.system_memory_pool()
    start = time.perf_counter()
    codes = ["term", "unit_id", "unit_name", "level", "body", "sex"]
    options = pads.ParquetReadOptions(dictionary_columns=codes)
    data = pads.dataset(str(path), format=pads.ParquetFileFormat(read_options=options))
    table = data.to_table(memory_pool=pool)
    with ThreadPoolExecutor(max_workers=1) as threads:
        persons = threads.submit(pc.dictionary_encode, table.column("person_id"), memory_pool=pool)
        key = np.zeros(table.num_rows, dtype=np.int64)
        female = None
        for c in ["term", "unit_id", "body", "sex"]:
            array = table.column(c).unify_dictionaries(pool).combine_chunks(pool)
            indices = np.asarray(array.indices)
            if c == "sex":
                female = indices == array.dictionary.to_pylist().index("F")
            else:
                key *= len(array.dictionary)
                key += indices
        assert female is not None
        np.bincount(key)
        np.bincount(key[female])
        persons.result()
    return time.perf_counter() - start


def csv_floor_persons_once(path: Path) -> float:
    """:func:`floor_persons_once` from the canonical CSV: parsed by :func:`pyarrow.csv.read_csv`.

    Texts other than the person ids parsed into dictionaries, the person ids hashed into codes
    on a second thread while this one counts on the codes.
    """
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    pool = pa.system_memory_pool()
    start = time.perf_counter()
    text = pa.dictionary(pa.int32(), pa.string())
    types = dict.fromkeys(["term", "unit_id", "unit_name", "level", "body", "sex"], text)
    table = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types=types | {"person_id": pa.string(), "birth_year": pa.int64()}
        ),
        memory_pool=pool,
    )
    with ThreadPoolExecutor(max_workers=1) as threads:
        persons = threads.submit(pc.dictionary_encode, table.column("person_id"), memory_pool=pool)
        key = np.zeros(table.num_rows, dtype=np.int64)
        female = None
        for c in ["term", "unit_id", "body", "sex"]:
            array = table.column(c).unify_dictionaries(pool).combine_chunks(pool)
            indices = np.asarray(array.indices)
            if c == "sex":
                female = indices == array.dictionary.to_pylist().index("F")
            else:
                key *= len(array.dictionary)
                key += indices
        assert female is not None
        np.bincount(key)
        np.bincount(key[female])
        persons.result()
    return time.perf_counter() - start


def agree(lib: dict[str, Any], duck: pd.DataFrame, path: Path) -> str:
    """Say whether the library and DuckDB give the same counts and the same 36-CT/TW check."""
    import duckdb

    keys = ["term", "unit_id", "body"]
    with duckdb.connect() as con:
        all_counts = con.execute(DUCKDB_COUNTS, [str(path)]).df()
    left = lib["counts"].astype(dict.fromkeys(keys, "str")).set_index(keys)[["total", "female"]]
    right = all_counts.astype(dict.fromkeys(keys, "str")).set_index(keys)[["total", "female"]]
    left, right = left.sort_index(), right.astype("int64").sort_index()
    same = left.index.equals(right.index) and np.array_equal(left.to_numpy(), right.to_numpy())
    comp = lib["compliance"]
    assessed = comp[comp["status"].astype(str).isin(["met", "below"])]
    mine = assessed.astype(dict.fromkeys(keys, "str")).set_index([*keys, "target_id"])
    mine = mine["seats_needed"].astype("int64").sort_index()
    theirs = duck.dropna(subset=["seats_needed"]).astype(dict.fromkeys(keys, "str"))
    theirs = theirs.set_index([*keys, "target_id"])["seats_needed"].astype("int64").sort_index()
    same = (
        same
        and mine.index.equals(theirs.index)
        and np.array_equal(mine.to_numpy(), theirs.to_numpy())
    )
    return "yes" if same else "NO"


def _hwm_mb() -> float:
    """Return this process's peak resident memory (VmHWM) in MB.

    ``getrusage().ru_maxrss`` is not used: on Linux it keeps the parent's peak across fork and exec,
    so a subprocess started by a big parent reports the parent's peak.  VmHWM starts afresh at exec.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def _in_fresh_process(path: Path, before: str, after: str, env: dict[str, str] | None) -> Any:
    """Run ``before``, the public path on ``path``, then ``after`` (which prints a JSON value) in a
    fresh interpreter; return that value."""
    here = str(Path(__file__).resolve().parent)
    code = (
        f"import sys, json, time; sys.path.insert(0, {here!r})\n"
        "import run\n"
        f"{before}\n"
        f"run.pipeline(run.Path({str(path)!r}))\n"
        f"print(json.dumps({after}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path.cwd(),
        env={**os.environ, **(env or {})},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_memory_mb(path: Path) -> tuple[float, float]:
    """Return (peak RSS of the public path, peak RSS after imports) in MB, in a fresh process."""
    peak, base = _in_fresh_process(path, "base = run._hwm_mb()", "[run._hwm_mb(), base]", None)
    return peak, base


#: glibc's allocator told to keep the memory it frees for reuse: no ``mmap`` of big blocks (which
#: ``free`` hands straight back to the system), no trimming of the heap.  See ``bench_allocator``.
KEEP_FREED_MEMORY = {"MALLOC_MMAP_MAX_": "0", "MALLOC_TRIM_THRESHOLD_": str(2**40)}


def fresh_process_seconds(path: Path, env: dict[str, str] | None = None) -> float:
    """Return the wall time of the public path in a fresh process (imports not counted)."""
    seconds = _in_fresh_process(
        path, "start = time.perf_counter()", "time.perf_counter() - start", env
    )
    return float(seconds)


def bench_allocator(n_rows: int, repeats: int) -> list[str]:
    """Time the public path in fresh processes, with glibc's defaults and keeping freed memory.

    On a virtual machine whose host takes back the memory a guest frees, every large temporary
    that glibc returns with ``munmap`` must be faulted in again, page by page, at the next
    allocation: most of the system time of the public path at 10 M rows.  Keeping freed memory
    in the process (environment variables read by glibc at start-up; the library itself sets
    nothing) shows how much of the time that is.
    """
    path = roster_path(n_rows)
    default: list[float] = []
    keep: list[float] = []
    for _ in range(repeats):
        default.append(fresh_process_seconds(path))
        keep.append(fresh_process_seconds(path, KEEP_FREED_MEMORY))
    words = " ".join(f"{k}={v}" for k, v in KEEP_FREED_MEMORY.items())
    return [
        f"\nPublic path in a fresh process, {n_rows:,} rows (medians of {repeats}, wall)",
        f"{'glibc defaults':<58}{statistics.median(default):>8.3f} s",
        f"{words:<58}{statistics.median(keep):>8.3f} s",
    ]


def profile(path: Path) -> None:
    """Print the cProfile of one run of the public path (by total time)."""
    prof = cProfile.Profile()
    prof.enable()
    pipeline(path)
    prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(25)
    print("--- cProfile of the public path ---")
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip()))


def bench_rows(
    n_rows: int, repeats: int, *, with_polars: bool, with_csv: bool = True
) -> dict[str, Any]:
    path = roster_path(n_rows)
    runs: list[dict[str, float]] = []
    others: dict[str, list[float]] = {
        "DuckDB (one SQL query)": [],
        "floor (pyarrow + bincount)": [],
        "floor with persons": [],
        "gs.check(DuckDB relation)": [],
    }
    if with_polars:
        others["polars scan → count"] = []
    csv = csv_path(n_rows) if with_csv else None
    if csv is not None:
        others["CSV: public path"] = []
        others["CSV: DuckDB read_csv + query"] = []
        others["CSV: floor with persons"] = []
    same = "?"
    n_groups = 0
    for _ in range(repeats):
        lib = pipeline(path)
        runs.append(lib["times"])
        seconds, duck = duckdb_once(path)
        others["DuckDB (one SQL query)"].append(seconds)
        others["floor (pyarrow + bincount)"].append(floor_once(path))
        others["floor with persons"].append(floor_persons_once(path))
        others["gs.check(DuckDB relation)"].append(lazy_once(path))
        if with_polars:
            others["polars scan → count"].append(polars_once(path))
        if csv is not None:
            others["CSV: public path"].append(csv_once(csv))
            others["CSV: DuckDB read_csv + query"].append(duckdb_once(csv)[0])
            others["CSV: floor with persons"].append(csv_floor_persons_once(csv))
        same = agree(lib, duck, path)
        n_groups = len(lib["counts"])
        del lib
    medians = {stage: statistics.median(r[stage] for r in runs) for stage in runs[0]}
    medians |= {name: statistics.median(values) for name, values in others.items()}
    peak, base = peak_memory_mb(path)
    return {
        "rows": n_rows,
        "groups": n_groups,
        "medians": medians,
        "agree": same,
        "peak_mb": peak,
        "base_mb": base,
    }


def report(result: dict[str, Any]) -> list[str]:
    n = result["rows"]
    med = result["medians"]
    duck = med["DuckDB (one SQL query)"]
    lines = [f"\nN = {n:,} rows, {result['groups']:,} term × unit × body groups (medians)"]
    lines.append(f"{'stage':<30}{'median s':>10}{'ns/row':>10}{'× DuckDB':>10}")
    for stage, seconds in med.items():
        lines.append(
            f"{stage:<30}{seconds:>10.3f}{1e9 * seconds / n:>10.0f}{seconds / duck:>10.2f}"
        )
    ratio = med["public path"] / duck
    lines.append(
        f"ratio public path / DuckDB = {ratio:.2f} (goal ≤ {GOAL_RATIO}, must ≤ {MUST_RATIO})"
    )
    lines.append(
        f"ratio floor with persons / DuckDB = {med['floor with persons'] / duck:.2f} (the least "
        "any validating reader pays: above 1.5, the must is out of reach on this machine)"
    )
    lines.append(
        f"ratio validate_roster / count = {med['validate_roster'] / med['count']:.2f} (goal ≤ 1)"
    )
    if "CSV: public path" in med:
        csv_ratio = med["CSV: public path"] / med["CSV: DuckDB read_csv + query"]
        lines.append(
            f"ratio CSV public path / DuckDB read_csv = {csv_ratio:.2f} (must ≤ {MUST_RATIO})"
        )
        csv_floor = med["CSV: floor with persons"] / med["CSV: DuckDB read_csv + query"]
        lines.append(f"ratio CSV floor with persons / DuckDB read_csv = {csv_floor:.2f}")
    lines.append(f"same counts and 36-CT/TW check as DuckDB: {result['agree']}")
    lines.append(
        f"peak RSS of the public path (fresh process): {result['peak_mb']:.0f} MB "
        f"(of which {result['base_mb']:.0f} MB after imports; goal ≤ {GOAL_MEMORY_MB} MB, "
        f"must ≤ {MUST_MEMORY_MB} MB)"
    )
    goals = [
        ("public path ≤ 1.0 × DuckDB", ratio <= GOAL_RATIO),
        ("public path ≤ 1.5 × DuckDB (must)", ratio <= MUST_RATIO),
        ("validate_roster ≤ count", med["validate_roster"] <= med["count"]),
        ("peak RSS ≤ 1.5 GB", result["peak_mb"] <= GOAL_MEMORY_MB),
        ("peak RSS ≤ 2 GB (must)", result["peak_mb"] <= MUST_MEMORY_MB),
    ]
    lines += [f"  goal {name}: {'met' if ok else 'NOT met'}" for name, ok in goals]
    return lines


# ---------------------------------------------------------------------------------------------
# Excel: a 60-unit official wide workbook, read; the report workbook, written.


def wide_workbook(path: Path, n_units: int = 60, *, seed: int = 7) -> Path:
    """Write an official wide template (party committee and standing committee) of ``n_units``."""
    from openpyxl import Workbook

    rng = np.random.default_rng(seed)
    wb = Workbook()
    ws = wb.active
    ws.append(["BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH THANH HÓA"])
    ws.append(["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA CẤP ỦY, NHIỆM KỲ 2020 - 2025"])
    ws.append([])
    ws.append(["STT", "Đơn vị", "Ban Chấp hành", None, None, "Ban Thường vụ", None, None])
    ws.append([None, None, "Tổng số", "Nữ", "Tỷ lệ (%)", "Tổng số", "Nữ", "Tỷ lệ (%)"])
    for ref in ("A4:A5", "B4:B5", "C4:E4", "F4:H4"):
        ws.merge_cells(ref)
    sums = [0, 0, 0, 0]
    sections = [("I", "Khối huyện, thị xã, thành phố", "Huyện"), ("II", "Khối xã", "Xã")]
    per_section = n_units // len(sections)
    for roman, title, prefix in sections:
        ws.append([roman, title])
        ws.merge_cells(f"B{ws.max_row}:H{ws.max_row}")
        for i in range(per_section):
            total, standing = int(rng.integers(25, 50)), int(rng.integers(9, 16))
            female, female_s = int(rng.binomial(total, 0.17)), int(rng.binomial(standing, 0.12))
            ws.append(
                [
                    i + 1,
                    f"{prefix} Thử Nghiệm {roman} {i + 1}",
                    total,
                    female,
                    round(100 * female / total, 1),
                    standing,
                    female_s,
                    round(100 * female_s / standing, 1),
                ]
            )
            sums = [sums[0] + total, sums[1] + female, sums[2] + standing, sums[3] + female_s]
    ws.append(
        [
            None,
            "Tổng cộng",
            sums[0],
            sums[1],
            round(100 * sums[1] / sums[0], 1),
            sums[2],
            sums[3],
            round(100 * sums[3] / sums[2], 1),
        ]
    )
    wb.save(path)
    return path


def bench_excel(repeats: int) -> list[str]:
    try:
        from gender_stats import check, read_counts, write_workbook
    except ImportError as err:
        return [f"\nExcel: skipped ({err})"]
    lines = ["\nExcel (60 units, official wide template)"]
    with tempfile.TemporaryDirectory() as tmp:
        source = wide_workbook(Path(tmp) / "wide_60.xlsx")
        reads, writes = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            counts = read_counts(source)
            reads.append(time.perf_counter() - start)
            compliance = check(counts, "36-CT/TW", any_term=True)
            start = time.perf_counter()
            write_workbook(compliance, Path(tmp) / "report.xlsx", counts=counts)
            writes.append(time.perf_counter() - start)
        for name, values in (("read_counts (wide)", reads), ("write_workbook", writes)):
            seconds = statistics.median(values)
            verdict = "met" if seconds < 1 else "NOT met"
            lines.append(f"{name:<22}{seconds:>10.3f} s   goal < 1 s: {verdict}")
        lines.append(
            f"  ({len(counts)} counts rows read, {len(compliance)} compliance rows written)"
        )
    return lines


def bench_trich_ngang(repeats: int) -> list[str]:
    """Time the bundled 8,907-row personnel list: loading the cells, then parsing them."""
    try:
        import gender_stats as gs
        from gender_stats.io import _excel, _readers
    except ImportError as err:
        return [f"\nTrích ngang: skipped ({err})"]
    path = gs.sample_path("roster_trich_ngang.xlsx")
    units = gs.load_units()
    totals, loads, parses, cpu_totals, cpu_parses = [], [], [], [], []
    real = _readers.load_grids
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        roster = gs.read_roster(path, units=units)
        totals.append(time.perf_counter() - start)
        cpu_totals.append(time.process_time() - cpu)
        start = time.perf_counter()
        grids = _excel.load_grids(path)
        loads.append(time.perf_counter() - start)
        _readers.load_grids = lambda *a, _grids=grids, **k: _grids  # parse the loaded cells
        try:
            start, cpu = time.perf_counter(), time.process_time()
            gs.read_roster(path, units=units)
            parses.append(time.perf_counter() - start)
            cpu_parses.append(time.process_time() - cpu)
        finally:
            _readers.load_grids = real
    lines = [f"\nTrích ngang ({len(roster)} rows, 6 sheets, sample workbook; wall / CPU)"]
    total, cpu_total = statistics.median(totals), statistics.median(cpu_totals)
    verdict = "met" if total <= 0.5 else "NOT met"
    lines.append(
        f"{'read_roster (total)':<22}{total:>10.3f} s / {cpu_total:.3f} s   goal ≤ 0.5 s: {verdict}"
    )
    lines.append(f"{'  loading the cells':<22}{statistics.median(loads):>10.3f} s")
    lines.append(
        f"{'  parsing them':<22}{statistics.median(parses):>10.3f} s / "
        f"{statistics.median(cpu_parses):.3f} s"
    )
    return lines


#: ``build_report`` on the bundled sample, in a fresh process: the first call (cold: fonts, templates,
#: first figures), then ``repeats`` calls (wall and CPU time of this process; the charts are drawn
#: by it and one forked child where that is safe, so CPU < wall x 2).
REPORT_CODE = """
import json, os, sys, time
import gender_stats as gs
from gender_stats.outputs import report
from gender_stats.outputs._files import _can_fork
report._WORKERS = int(sys.argv[2])
counts = gs.load_sample_counts()
def once():
    wall, cpu = time.perf_counter(), time.process_time()
    gs.build_report(counts, targets="36-CT/TW", term="2015-2020")
    return time.perf_counter() - wall, time.process_time() - cpu
first = once()
runs = [once() for _ in range(int(sys.argv[1]))]
print(json.dumps({"first": first, "runs": runs, "two": report._WORKERS > 1 and _can_fork(8)}))
"""


def _report_in_process(repeats: int, workers: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", REPORT_CODE, str(repeats), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def bench_processes(repeats: int) -> list[str]:
    """Time ``import gender_stats``, ``build_report`` and ``gender-stats report`` on the sample."""
    lines = ["\nProcesses (medians, wall time of a fresh process)"]
    code = (
        "import time; t = time.perf_counter(); import gender_stats; print(time.perf_counter() - t)"
    )
    imports = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeats)
    ]
    seconds = statistics.median(imports)
    lines.append(
        f"{'import gender_stats':<38}{seconds:>8.3f} s   goal ≤ 0.5 s: "
        f"{'met' if seconds <= 0.5 else 'NOT met'}"
    )
    for workers in (2, 1):
        timed = _report_in_process(max(repeats, 3), workers)
        wall = statistics.median(w for w, _ in timed["runs"])
        cpu = statistics.median(c for _, c in timed["runs"])
        how = "two processes" if timed["two"] else "one process"
        name = f"build_report (sample, {how})"
        verdict = ("met" if wall <= 1.5 else "NOT met") if workers > 1 else "for comparison"
        lines.append(
            f"{name:<38}{wall:>8.3f} s   (CPU here {cpu:.3f} s; first call {timed['first'][0]:.3f} s)"
            f"   goal ≤ 1.5 s: {verdict}"
        )
    cli = Path(sys.executable).with_name("gender-stats")
    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            start = time.perf_counter()
            subprocess.run(
                [
                    str(cli),
                    "report",
                    "--targets",
                    "36-CT/TW",
                    "--term",
                    "2015-2020",
                    "--out",
                    str(Path(tmp) / str(i)),
                ],
                capture_output=True,
                check=True,
            )
            reports.append(time.perf_counter() - start)
    seconds = statistics.median(reports)
    lines.append(
        f"{'gender-stats report (sample)':<38}{seconds:>8.3f} s   goal ≤ 3 s: "
        f"{'met' if seconds <= 3 else 'NOT met'} (import, reading the sample, build, save)"
    )
    return lines


def table(results: list[dict[str, Any]]) -> list[str]:
    """Return the ns/row of every stage for every N (linear cost: roughly flat)."""
    if not results:
        return []
    stages = list(results[0]["medians"])
    head = "".join(f"{r['rows'] / 1e6:>10g} M" for r in results)
    lines = [f"\nns/row by N (medians){'':<9}{head}"]
    for stage in stages:
        cells = "".join(
            f"{1e9 * r['medians'][stage] / r['rows']:>12,.0f}"
            if stage in r["medians"]
            else f"{'':>12}"
            for r in results
        )
        lines.append(f"{stage:<30}{cells}")
    lines.append(
        f"{'ratio public path / DuckDB':<30}"
        + "".join(
            f"{r['medians']['public path'] / r['medians']['DuckDB (one SQL query)']:>12.2f}"
            for r in results
        )
    )
    lines.append(f"{'peak RSS (MB)':<30}" + "".join(f"{r['peak_mb']:>12,.0f}" for r in results))
    return lines


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        mem_gb = int(mem) / 1024 / 1024
    except OSError:
        mem_gb = float("nan")
    import os

    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {mem_gb:.0f} GB RAM, load average {load:.1f}; "
        f"Python {sys.version.split()[0]}, pandas {pd.__version__}, numpy {np.__version__}"
    )


def speed_probe() -> str:
    """Time a fixed pure-Python loop: how fast the machine runs at this moment.

    On a shared VM the same code can take twice as long an hour later (seen here: 0.7 s, then
    1.7 s for this loop, minutes apart); the probe, printed at the start and at the end, tells a slow run from a
    slow library.
    """
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return f"speed probe (10 M-step Python loop): {time.perf_counter() - start:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="gender_stats at national scale")
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-excel", action="store_true", help="skip the Excel goals")
    parser.add_argument("--no-polars", action="store_true", help="skip the polars LazyFrame count")
    parser.add_argument("--profile", action="store_true", help="cProfile the public path")
    parser.add_argument("--no-csv", action="store_true", help="skip the canonical CSV")
    parser.add_argument(
        "--no-processes", action="store_true", help="skip import and report processes"
    )
    parser.add_argument(
        "--no-allocator", action="store_true", help="skip the fresh-process allocator timing"
    )
    args = parser.parse_args(argv)
    print(machine())
    print(speed_probe(), flush=True)
    results = []
    for n_rows in args.rows:
        if args.profile:
            profile(roster_path(n_rows))
        result = bench_rows(
            n_rows, args.repeats, with_polars=not args.no_polars, with_csv=not args.no_csv
        )
        results.append(result)
        print("\n".join(report(result)), flush=True)
    print("\n".join(table(results)), flush=True)
    if not args.no_allocator:
        print("\n".join(bench_allocator(max(args.rows), args.repeats)), flush=True)
    if not args.no_processes:
        print("\n".join(bench_processes(args.repeats)), flush=True)
    if not args.no_excel:
        print("\n".join(bench_excel(args.repeats)))
        print("\n".join(bench_trich_ngang(args.repeats)))
    print(
        f"(peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )
    print(speed_probe())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
