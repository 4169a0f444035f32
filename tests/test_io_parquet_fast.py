"""The fast Parquet path of read_roster: same frame and same problems as the cell-grid path."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gender_stats import read_roster
from gender_stats.errors import DataError
from gender_stats.io import _readers

COLUMNS = ["term", "unit_id", "unit_name", "level", "body", "person_id", "sex", "birth_year"]
ROWS = [
    ["2015-2020", "TH01", "Huyện Quan Hóa", "district", "party_committee", "p1", "F", 1975],
    ["2015-2020", "TH01", "Huyện Quan Hóa", "district", "party_committee", "p2", "M", 1968],
    ["2015-2020", "TH01", "Huyện Quan Hóa", "district", "standing_committee", "p1", "F", 1975],
    ["2020-2025", "TH02", "Huyện Bá Thước", "district", "party_committee", "p3", "M", 1980],
]


def _write(tmp_path: Path, rows: list[list[object]], *, name: str = "roster") -> tuple[Path, Path]:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    parquet = tmp_path / f"{name}.parquet"
    pq.write_table(table, parquet)
    csv = tmp_path / f"{name}.csv"
    frame.to_csv(csv, index=False)
    return parquet, csv


def _slow(path: Path, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    with monkeypatch.context() as m:
        m.setattr(_readers, "_fast_parquet_roster", lambda source: None)
        return read_roster(path)


def test_row_numbers_mapping() -> None:
    rows = _readers._RowNumbers(3)
    assert rows[0] == 2 and rows[2] == 4
    assert rows.get(3) is None and rows.get("a") is None and rows.get(True) is None
    assert len(rows) == 3 and list(rows) == [0, 1, 2]
    with pytest.raises(KeyError):
        rows[-1]


def test_canonical_parquet_same_frame_as_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parquet, csv = _write(tmp_path, ROWS)
    calls: list[object] = []
    real = _readers._fast_parquet_roster

    def spy(source: object) -> object:
        out = real(source)  # type: ignore[arg-type]
        calls.append(out is not None)
        return out

    monkeypatch.setattr(_readers, "_fast_parquet_roster", spy)
    fast = read_roster(parquet)
    assert calls == [True]  # the fast path was taken
    # both paths return categoricals of str (the frame contract of issue 13)
    assert isinstance(fast["sex"].dtype, pd.CategoricalDtype)
    assert fast["person_id"].cat.categories.dtype == "str"
    assert str(fast["birth_year"].dtype) == "Int64"
    slow_csv = read_roster(csv)
    pd.testing.assert_frame_equal(fast, slow_csv)
    assert list(fast.columns) == list(slow_csv.columns) == COLUMNS
    text = COLUMNS[:-1]
    pd.testing.assert_frame_equal(
        fast[text].astype(str), slow_csv[text].astype(str), check_dtype=False
    )
    assert fast["birth_year"].tolist() == [1975, 1968, 1975, 1980]
    assert slow_csv["birth_year"].tolist() == [1975, 1968, 1975, 1980]
    monkeypatch.undo()
    slow_parquet = _slow(parquet, monkeypatch)
    pd.testing.assert_frame_equal(
        fast[text].astype(str), slow_parquet[text].astype(str), check_dtype=False
    )


def test_canonical_parquet_problems_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][6] = "X"  # a bad sex: data row 1 -> row 3 (the header is row 1)
    rows.append(list(ROWS[3]))  # the same person twice in one body: data row 4 -> row 6
    parquet, _ = _write(tmp_path, rows)
    with pytest.raises(DataError, match=r"roster\.parquet") as fast_err:
        read_roster(parquet)
    with pytest.raises(DataError) as slow_err:
        _slow(parquet, monkeypatch)

    def where(err: DataError) -> list[tuple[object, object, object]]:
        return sorted((p.file, p.row, p.column) for p in err.problems)

    assert {p.row for p in fast_err.value.problems} == {
        3,
        6,
    }  # a duplicate is reported at its second row
    assert where(fast_err.value) == where(slow_err.value)
    sex_problem = [p for p in fast_err.value.problems if p.row == 3]
    assert [(p.column, p.header, p.value) for p in sex_problem] == [("G", "sex", "X")]


@pytest.mark.parametrize(
    "change",
    [
        {"sex": ["Nữ", "nam", "Nữ", "nam"]},  # words, not codes
        {"level": ["Cấp huyện"] * 4},
        {"unit_id": ["TH01 ", " TH01", "TH01", "TH02\u00a0"]},  # spaces: no phantom unit
        {"unit_name": [unicodedata.normalize("NFD", "Huyện  Quan Hóa ")] * 3 + ["Huyện Bá Thước"]},
        {"body": ["BCH", "Ban Chấp hành", "BTV", "party_committee"]},
        {"term": ["2015 - 2020", "Nhiệm kỳ 2015-2020", "2015–2020", "2020-2025"]},
    ],
)
def test_values_normalised_on_the_fast_path_as_on_the_grid_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, list[str]]
) -> None:
    # issue 10 §7: the fast path now normalises (it used to leave these to the grid reader)
    frame = pd.DataFrame(ROWS, columns=COLUMNS).assign(**change)
    path = tmp_path / "r.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    fast = _readers._fast_parquet_roster(path)
    assert fast is not None
    slow = _slow(path, monkeypatch)
    pd.testing.assert_frame_equal(fast, slow)
    want = pd.DataFrame(ROWS, columns=COLUMNS)
    assert fast["sex"].tolist() == want["sex"].tolist()
    assert fast["level"].tolist() == want["level"].tolist()
    assert fast["unit_id"].nunique() == 2  # "TH01 " is TH01, not a phantom unit
    assert fast["unit_name"].tolist() == want["unit_name"].tolist()


@pytest.mark.parametrize(
    "change",
    [
        {"unit_name": ["  ", "a", "b", "c"]},  # a blank text
        {"person_id": ["p1", "\ufeff", "p1", "p3"]},  # normalises to an empty text
    ],
)
def test_non_canonical_values_use_grid_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, list[str]]
) -> None:
    frame = pd.DataFrame(ROWS, columns=COLUMNS).assign(**change)
    path = tmp_path / "r.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    assert _readers._fast_parquet_roster(path) is None


def test_non_canonical_headers_still_read(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "Nhiệm kỳ": ["2015-2020", "2015-2020"],
            "Mã đơn vị": ["TH01", "TH01"],
            "Đơn vị": ["Huyện Quan Hóa", "Huyện Quan Hóa"],
            "Cấp": ["Cấp huyện", "Cấp huyện"],
            "Cơ quan": ["BCH", "BCH"],
            "Họ và tên": ["Hà Thị Bình", "Lê Văn An"],
            "Giới tính": ["Nữ", "nam"],
            "Năm sinh": [1975, 1968],
        }
    )
    path = tmp_path / "ds.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    assert _readers._fast_parquet_roster(path) is None
    roster = read_roster(path)
    assert roster["sex"].astype(str).tolist() == ["F", "M"]
    assert roster["level"].astype(str).tolist() == ["district", "district"]
    assert roster["body"].astype(str).tolist() == ["party_committee", "party_committee"]


def test_many_row_groups_and_pages_read_as_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # person ids repeat across row groups (one dictionary over all chunks) and a unit's texts
    # differ only by spaces in two row groups (unified dictionaries, then merged by the spaces rule)
    rows = [
        ["2015-2020", f"TH{u:02d}", f"Huyện {u}", "district", body, f"p{p}", "FM"[p % 2], 1970]
        for u in range(1, 5)
        for body in ("party_committee", "standing_committee")
        for p in range(u, u + 6)
    ]
    rows[-1] = [*rows[-1][:1], "TH04 ", *rows[-1][2:]]  # "TH04 " is TH04
    frame = pd.DataFrame(rows, columns=COLUMNS)
    path = tmp_path / "groups.parquet"
    pq.write_table(
        pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=5, data_page_size=64
    )
    assert pq.ParquetFile(path).metadata.num_row_groups == 10
    fast = read_roster(path)
    slow = _slow(path, monkeypatch)
    pd.testing.assert_frame_equal(fast, slow, check_categorical=False)
    assert fast["person_id"].astype(str).tolist() == [r[5] for r in rows]
    assert sorted(fast["unit_id"].cat.categories) == ["TH01", "TH02", "TH03", "TH04"]
    assert fast["unit_id"].astype(str).tolist()[-1] == "TH04"


@pytest.mark.parametrize(
    ("name", "is_total"),
    [
        ("  TỔNG CỘNG: ", True),
        ("Cộng", True),
        ("toàn huyện", True),
        ("Tổng số", True),
        ("Xã Cộng Hòa", False),  # short, but a unit
        ("Tổng Đội", False),
        ("Huyện Tổng cộng Xa", False),  # more letters than any total label
    ],
)
def test_a_total_row_leaves_the_file_to_the_cell_reader(
    tmp_path: Path, name: str, is_total: bool
) -> None:
    rows = [*ROWS, ["2015-2020", "TH09", name, "district", "party_committee", "p9", "M", 1970]]
    parquet, _ = _write(tmp_path, rows)
    assert (_readers._fast_parquet_roster(parquet) is None) is is_total


_PIECES = [
    "Tổng",
    "TỔNG",
    "cộng",
    "Cộng",
    "số",
    "toàn",
    "huyện",
    "Xã",
    "Hà",
    "1",
    " ",
    "-",
    ":",
    "(",
    "đ",
    "Đ",
]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join), max_size=6))
def test_total_label_prefilter_agrees_with_the_cell_rule(texts: list[str]) -> None:
    from gender_stats.io._common import has_total_label, is_total_label

    assert has_total_label(pa.array(texts, type=pa.string())) == any(map(is_total_label, texts))


def test_a_dictionary_holding_a_text_twice_is_one_category(tmp_path: Path) -> None:
    from gender_stats.io._arrow_text import dictionary_categorical

    twice = pa.DictionaryArray.from_arrays(pa.array([0, 1, 2, None]), pa.array(["b", "a", "b"]))
    cat = dictionary_categorical(twice)
    assert list(cat.categories) == ["a", "b"]
    assert cat.codes.tolist() == [1, 0, 1, -1]
    # the same through a Parquet file whose unit_id dictionary holds "TH01" twice
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    units = pa.DictionaryArray.from_arrays(
        pa.array([0, 1, 0, 2]), pa.array(["TH01", "TH01", "TH02"])
    )
    table = table.set_column(COLUMNS.index("unit_id"), "unit_id", units)
    path = tmp_path / "twice.parquet"
    pq.write_table(table, path)
    roster = read_roster(path)
    assert list(roster["unit_id"].cat.categories) == ["TH01", "TH02"]
    assert roster["unit_id"].astype(str).tolist() == ["TH01", "TH01", "TH01", "TH02"]


@pytest.mark.parametrize(
    "name", ["year=2020/Báo cáo 2020.parquet", "_tổng hợp.parquet", ".bản sao.parquet"]
)
def test_any_file_name_is_read_as_one_file(tmp_path: Path, name: str) -> None:
    # the dataset reader must not take "year=2020" for a partition, nor skip "_" or "." names
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(pd.DataFrame(ROWS, columns=COLUMNS)), path)
    roster = _readers._fast_parquet_roster(path)
    assert roster is not None
    assert list(roster.columns) == COLUMNS
    assert roster["person_id"].astype(str).tolist() == [r[5] for r in ROWS]
