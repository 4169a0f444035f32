"""Issue 12: fuzzing — random bytes and randomly mutated files into every reader and load_targets.

Whatever comes in, only a result or a library error (:class:`~gender_stats.errors.GenderStatsError`)
comes out.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell

from gender_stats import datasets
from gender_stats.errors import GenderStatsError, GenderStatsWarning
from gender_stats.io import read_counts, read_roster, read_units
from gender_stats.targets import load_targets

FUZZ = settings(
    max_examples=int(os.environ.get("GS_FUZZ_EXAMPLES", "12")),  # more: GS_FUZZ_EXAMPLES=500
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # no shrinking: a crash is reported as found (shrinking re-reads workbooks for minutes)
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

READERS: dict[str, Callable[[Path], Any]] = {
    "read_counts": read_counts,
    "read_roster": read_roster,
    "read_units": read_units,
}

# Cells a hostile or careless office may type.
CELL_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "Nữ",
            "Nam",
            "Tổng số",
            "Tổng cộng",
            "=1+1",
            "#REF!",
            "2015-2020",
            "2020-2015",
            "NHIỆM KỲ 2015 - 2020",
            "BCH",
            "Ban Thường vụ",
            "x" * 40_000,
            "I. Khối huyện",
            "Hu\u0300ng",
            "\ufeff",
            "\x00",
        ]
    ),
)


def _run(func: Callable[[Path], Any], path: Path) -> Any:
    """Call a reader; return its result or the library error; anything else fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GenderStatsWarning)
        try:
            out = func(path)
        except GenderStatsError as err:
            return err
    if func in READERS.values():
        assert isinstance(out, pd.DataFrame)
    return out


@functools.cache
def _seed(name: str) -> bytes:
    """A bundled sample file, cut small, as bytes: the starting point of mutations.

    CSVs keep their first 25 lines; the trích ngang workbook its first sheet's first 40 rows (the
    whole one has 8,907 rows: a mutation would take seconds to read).
    """
    data = Path(datasets.sample_path(name)).read_bytes()
    if name.endswith(".csv"):
        return b"\n".join(data.splitlines()[:25]) + b"\n"
    if name == "roster_trich_ngang.xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        for extra in book.worksheets[1:]:
            book.remove(extra)
        sheet = book.worksheets[0]
        sheet.delete_rows(41, sheet.max_row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    return data


@pytest.fixture
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = Path(tempfile.mkdtemp(dir=folder)) / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# random bytes


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".txt", ".xls"])
@pytest.mark.parametrize("reader", list(READERS))
@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_into_every_reader(reader, suffix, work, data):
    _run(READERS[reader], _write(work, f"f{suffix}", data))


@pytest.mark.parametrize("magic", [b"PK\x03\x04", b"PAR1", b"\xef\xbb\xbf", b"\xff\xfe"])
@pytest.mark.parametrize("reader", list(READERS))
@FUZZ
@given(data=st.binary(max_size=1024))
def test_random_bytes_behind_a_magic_number(reader, magic, work, data):
    suffix = {b"PK\x03\x04": ".xlsx", b"PAR1": ".parquet"}.get(magic, ".csv")
    _run(READERS[reader], _write(work, f"f{suffix}", magic + data + magic))


@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_into_load_targets(work, data):
    _run(load_targets, _write(work, "t.yaml", data))


@FUZZ
@given(text=st.text(max_size=600))
def test_random_text_into_load_targets(work, text):
    _run(load_targets, _write(work, "t.yaml", text.encode("utf-8", "surrogatepass")))


# ---------------------------------------------------------------------------------------------
# mutated bytes of real files

MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "insert", "delete"]),
        st.integers(0, 2**31),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=6,
)


def _mutate(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, chunk in edits:
        if not out:
            break
        at = where % len(out)
        if kind == "flip":
            out[at] ^= chunk[0] or 1
        elif kind == "cut":
            del out[at:]
        elif kind == "insert":
            out[at:at] = chunk
        else:
            del out[at : at + len(chunk)]
    return bytes(out)


@pytest.mark.parametrize("name", ["counts.csv", "staff.csv", "units.csv"])
@pytest.mark.parametrize("reader", list(READERS))
@FUZZ
@given(edits=MUTATIONS)
def test_mutated_csv_bytes(reader, name, work, edits):
    _run(READERS[reader], _write(work, name, _mutate(_seed(name), edits)))


@pytest.mark.parametrize(
    "name",
    [
        "counts_wide.xlsx",
        "roster_trich_ngang.xlsx",
        "roster.parquet",
    ],
)
@pytest.mark.parametrize("reader", ["read_counts", "read_roster"])
@FUZZ
@given(edits=MUTATIONS)
def test_mutated_binary_bytes(reader, name, work, edits):
    _run(READERS[reader], _write(work, name, _mutate(_seed(name), edits)))


# ---------------------------------------------------------------------------------------------
# mutated workbooks: valid zip and XML, hostile cells; and hostile XML parts


CELL_EDITS = st.lists(
    st.tuples(st.integers(1, 40), st.integers(1, 12), CELL_VALUES), min_size=1, max_size=8
)


def _edit_cells(data: bytes, edits: list[tuple[int, int, Any]]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    for row, column, value in edits:
        if isinstance(value, str):
            value = value.replace("\x00", "")  # openpyxl refuses control characters itself
            value = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
        cell = sheet.cell(row=row, column=column)
        if isinstance(cell, MergedCell):  # only the first cell of a merged range holds a value
            continue
        try:
            cell.value = value
        except (TypeError, ValueError):  # openpyxl's own refusal (e.g. an int past 2**63 in XML)
            continue
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["counts_wide.xlsx", "roster_trich_ngang.xlsx"])
@pytest.mark.parametrize("reader", ["read_counts", "read_roster"])
@FUZZ
@given(edits=CELL_EDITS)
def test_workbooks_with_random_cells(reader, name, work, edits):
    _run(READERS[reader], _write(work, name, _edit_cells(_seed(name), edits)))


CSV_EDITS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 10), CELL_VALUES), min_size=1, max_size=8
)


def _edit_csv(data: bytes, edits: list[tuple[int, int, Any]]) -> bytes:
    rows = [line.split(",") for line in data.decode("utf-8-sig").splitlines()]
    for row, column, value in edits:
        if row < len(rows) and column < len(rows[row]):
            text = "" if value is None else str(value)
            rows[row][column] = text.replace(",", ";").replace("\n", " ").replace("\r", " ")
    return "\n".join(",".join(r) for r in rows).encode("utf-8")


@pytest.mark.parametrize("name", ["counts.csv", "staff.csv", "units.csv"])
@pytest.mark.parametrize("reader", list(READERS))
@FUZZ
@given(edits=CSV_EDITS)
def test_csvs_with_random_cells(reader, name, work, edits):
    _run(READERS[reader], _write(work, name, _edit_csv(_seed(name), edits)))


def _hostile_part(data: bytes, part: str, text: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(part):
                body = text(body) if callable(text) else text
            dst.writestr(info, body)
    return out.getvalue()


XML_PARTS = [
    ("sharedStrings.xml", lambda b: b.replace(b"<si>", b"<si><t>x</t></si><si>", 1)[:40]),
    ("sharedStrings.xml", b""),
    ("sheet1.xml", lambda b: b.replace(b't="s"><v>0<', b't="s"><v>99999<')),
    ("sheet1.xml", lambda b: b.replace(b"<v>", b"<v>1e400", 1)),
    ("sheet1.xml", lambda b: b.replace(b'r="A', b'r="XFE', 1)),
    ("workbook.xml", b"<workbook/>"),
    ("styles.xml", b"not xml"),
    ("[Content_Types].xml", b""),
]


@pytest.mark.parametrize(
    ("part", "text"), XML_PARTS, ids=[f"{p}-{i}" for i, (p, _) in enumerate(XML_PARTS)]
)
@pytest.mark.parametrize("reader", ["read_counts", "read_roster"])
def test_workbooks_with_hostile_xml_parts(reader, part, text, work):
    data = _hostile_part(_seed("counts_wide.xlsx"), part, text)
    _run(READERS[reader], _write(work, "counts_wide.xlsx", data))


def test_duplicated_column_names_csv(work):
    text = "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ,Nữ\n2015-2020,Huyện A,Cấp huyện,BCH,30,5,6\n"
    for reader in READERS.values():
        _run(reader, _write(work, "dup.csv", text.encode("utf-8")))


@pytest.mark.parametrize("dtype", ["uint64", "decimal", "int8", "bool", "float"])
def test_parquet_counts_of_every_integer_kind(work, dtype):
    pa = pytest.importorskip("pyarrow")
    import decimal

    import pyarrow.parquet as pq

    values = {
        "uint64": pa.array([2**63 + 5, 5], type=pa.uint64()),
        "decimal": pa.array(
            [decimal.Decimal("40"), decimal.Decimal("5")], type=pa.decimal128(10, 0)
        ),
        "int8": pa.array([40, 5], type=pa.int8()),
        "bool": pa.array([True, False]),
        "float": pa.array([1e20, 5.0]),
    }[dtype]
    table = pa.table(
        {
            "term": ["2015-2020"] * 2,
            "unit_id": ["A", "B"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district"] * 2,
            "body": ["party_committee"] * 2,
            "total": values,
            "female": pa.array([1, 1], type=pa.int64()),
        }
    )
    path = Path(tempfile.mkdtemp(dir=work)) / "c.parquet"
    pq.write_table(table, path)
    out = _run(read_counts, path)
    if isinstance(out, pd.DataFrame):
        assert out["total"].tolist() in ([40, 5],)  # never a wrapped or rounded count
    else:
        assert out.problems and all(
            p.header in ("total", None) or p.row is None for p in out.problems
        )
