"""Benchmark gender_stats at national scale: read → validate → count → check → shortfalls.

For each N (default 1 M and 10 M rows) the script generates (once, seeded) a synthetic national roster
as Parquet under ``benchmarks/_data/`` (see ``generate.py``), then, in the same run and interleaved so
that both see the same machine load:

- times each stage of the library path ``repeats`` times and prints the medians, rows per second,
- times ONE DuckDB SQL query over the same Parquet file doing the same aggregation (per term × unit ×
  body: total, women, share, women still needed for 15 %, ``(15*total + 99)//100 - women``),
- checks that both give the same numbers,
- measures the peak memory of the library path in a fresh subprocess (``ru_maxrss``),

and prints the goals (count + check ≤ DuckDB / 0.75; validation ≤ count; peak < 2 GB) as met or not.
Then it times the Excel goals: reading a 60-unit official wide workbook and writing the report
workbook (each < 1 s).

Usage::

    make bench                                       # N = 1 M and 10 M, 5 repeats
    python benchmarks/run.py --rows 1000000 --repeats 3
    python benchmarks/run.py --rows 20000 --repeats 1 --no-excel      # a smoke run
    python benchmarks/run.py --rows 10000000 --profile                # cProfile of count, validate

Reading: the library's reader for Parquet does not read categoricals yet, so the benchmark reads with
pyarrow directly into the canonical roster frame (``read_canonical`` below): the low-cardinality
string columns through ``read_dictionary`` (→ pandas categoricals), ``person_id`` as ``str`` then
factorized into a categorical, so that validation and counting work on integer codes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import roster_path

from gender_stats.counting import count
from gender_stats.schema import validate_roster

DICTIONARY_COLUMNS = ["term", "unit_id", "unit_name", "level", "body", "sex"]
GOAL_RATIO = 0.75
GOAL_MEMORY_MB = 2048

DUCKDB_QUERY = """
SELECT term, unit_id, unit_name, level, body,
       count(*) AS total,
       count(*) FILTER (WHERE sex = 'F') AS female,
       count(*) FILTER (WHERE sex = 'F') / count(*) AS share,
       greatest((15 * count(*) + 99) // 100 - count(*) FILTER (WHERE sex = 'F'), 0) AS needed_15
FROM read_parquet(?)
GROUP BY term, unit_id, unit_name, level, body
ORDER BY term, unit_id, unit_name, level, body
"""


def read_canonical(path: Path) -> pd.DataFrame:
    """Read the roster Parquet file into the canonical frame, text columns as categoricals."""
    table = pq.read_table(path, read_dictionary=DICTIONARY_COLUMNS)
    frame = table.to_pandas()
    codes, uniques = pd.factorize(frame["person_id"])
    person = pd.Categorical.from_codes(codes, categories=pd.Index(uniques), validate=False)
    return frame.assign(person_id=person)


def _compliance() -> tuple[Callable[..., pd.DataFrame], Callable[..., pd.DataFrame]] | None:
    try:
        from gender_stats.compliance import check, shortfalls
    except ImportError:  # not landed yet
        return None
    return check, shortfalls


def pipeline(path: Path) -> dict[str, Any]:
    """Run the library path once; return the stage times (s) and the results."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    roster = read_canonical(path)
    times["read"] = time.perf_counter() - start
    start = time.perf_counter()
    roster = validate_roster(roster)
    times["validate"] = time.perf_counter() - start
    start = time.perf_counter()
    counts = count(roster)
    times["count"] = time.perf_counter() - start
    out: dict[str, Any] = {"times": times, "counts": counts, "rows": len(roster)}
    stages = _compliance()
    if stages is not None:
        check, shortfalls = stages
        start = time.perf_counter()
        compliance = check(counts, "36-CT/TW", any_term=True)
        times["check"] = time.perf_counter() - start
        start = time.perf_counter()
        short = shortfalls(compliance)
        times["shortfalls"] = time.perf_counter() - start
        out["compliance"] = compliance
        out["shortfalls"] = short
    return out


def duckdb_once(path: Path) -> tuple[float, pd.DataFrame]:
    import duckdb

    with duckdb.connect() as con:
        start = time.perf_counter()
        result = con.execute(DUCKDB_QUERY, [str(path)]).df()
        return time.perf_counter() - start, result


def polars_once(path: Path) -> float:
    import polars as pl

    start = time.perf_counter()
    count(pl.scan_parquet(path))
    return time.perf_counter() - start


def agree(lib: dict[str, Any], duck: pd.DataFrame) -> str:
    """Say whether the library and DuckDB give the same counts and 15 % shortfalls."""
    counts = lib["counts"]
    keys = ["term", "unit_id", "body"]
    left = counts.set_index(keys)[["total", "female"]].sort_index()
    right = duck.astype({"term": "str", "unit_id": "str", "body": "str"}).set_index(keys)
    right = right[["total", "female"]].astype("int64").sort_index()
    same = left.index.equals(right.index) and np.array_equal(left.to_numpy(), right.to_numpy())
    if "compliance" in lib:
        comp = lib["compliance"]
        rows = comp[(comp["target_id"] == "36-CT/TW:a") & (comp["status"].isin(["met", "below"]))]
        mine = rows.set_index(keys)["seats_needed"].astype("int64").sort_index()
        theirs = duck.astype({"term": "str", "unit_id": "str", "body": "str"}).set_index(keys)
        theirs = theirs.loc[mine.index, "needed_15"].astype("int64")
        same = same and np.array_equal(mine.to_numpy(), theirs.to_numpy())
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


def peak_memory_mb(path: Path) -> tuple[float, float]:
    """Return (peak RSS of the whole library path, peak RSS after imports) in MB, in a fresh process."""
    here = str(Path(__file__).resolve().parent)
    code = (
        f"import sys, json; sys.path.insert(0, {here!r})\n"
        "import run\n"
        "base = run._hwm_mb()\n"
        f"run.pipeline(run.Path({str(path)!r}))\n"
        "print(json.dumps([run._hwm_mb(), base]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    peak, base = json.loads(done.stdout.strip().splitlines()[-1])
    return peak, base


def profile(path: Path) -> None:
    roster = validate_roster(read_canonical(path))
    for name, fn in (("validate_roster", validate_roster), ("count", count)):
        prof = cProfile.Profile()
        prof.enable()
        fn(roster)
        prof.disable()
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(10)
        print(f"--- cProfile of {name} at {len(roster):,} rows ---")
        print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[:3000])


def bench_rows(n_rows: int, repeats: int, *, with_polars: bool) -> dict[str, Any]:
    path = roster_path(n_rows)
    runs: list[dict[str, float]] = []
    duck_times: list[float] = []
    polars_times: list[float] = []
    same = "?"
    for _ in range(repeats):
        lib = pipeline(path)
        runs.append(lib["times"])
        seconds, duck = duckdb_once(path)
        duck_times.append(seconds)
        if with_polars:
            polars_times.append(polars_once(path))
        same = agree(lib, duck)
        n_groups = len(lib["counts"])
        del lib
    medians = {stage: statistics.median(r[stage] for r in runs) for stage in runs[0]}
    medians["duckdb"] = statistics.median(duck_times)
    if polars_times:
        medians["polars lazy count"] = statistics.median(polars_times)
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
    lines = [f"\nN = {n:,} rows, {result['groups']:,} term × unit × body groups"]
    lines.append(f"{'stage':<22}{'median s':>10}{'rows/s':>14}")
    for stage, seconds in med.items():
        lines.append(f"{stage:<22}{seconds:>10.3f}{n / seconds:>14,.0f}")
    library = med["count"] + med.get("check", 0.0)
    ratio = med["duckdb"] / library
    label = "count + check" if "check" in med else "count (check not available)"
    lines.append(f"{label:<22}{library:>10.3f}{n / library:>14,.0f}")
    lines.append(f"ratio DuckDB / ({label}) = {ratio:.2f} (goal ≥ {GOAL_RATIO})")
    lines.append(f"same counts and 15 % shortfalls as DuckDB: {result['agree']}")
    lines.append(
        f"peak memory of the library path: {result['peak_mb']:.0f} MB "
        f"(of which {result['base_mb']:.0f} MB after imports; goal < {GOAL_MEMORY_MB} MB)"
    )
    goals = [
        ("count + check ≤ DuckDB / 0.75", ratio >= GOAL_RATIO),
        ("validate ≤ count", med["validate"] <= med["count"]),
        ("peak memory < 2 GB", result["peak_mb"] < GOAL_MEMORY_MB),
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
        from gender_stats.compliance import check
        from gender_stats.io import read_counts, write_workbook
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="gender_stats at national scale")
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-excel", action="store_true", help="skip the Excel goals")
    parser.add_argument("--no-polars", action="store_true", help="skip the polars LazyFrame count")
    parser.add_argument("--profile", action="store_true", help="cProfile validate and count")
    args = parser.parse_args(argv)
    print(machine())
    for n_rows in args.rows:
        if args.profile:
            profile(roster_path(n_rows))
        result = bench_rows(n_rows, args.repeats, with_polars=not args.no_polars)
        print("\n".join(report(result)), flush=True)
    if not args.no_excel:
        print("\n".join(bench_excel(args.repeats)))
        print("\n".join(bench_trich_ngang(args.repeats)))
    print(
        f"(peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
