"""The columnar reader of canonical roster CSV (issue 13) returns what the cell reader returns."""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from test_io_parquet_paths_equal import rosters

from gender_stats import read_roster
from gender_stats.errors import DataError, FileFormatError
from gender_stats.io import _readers

HEADER = "term,unit_id,unit_name,level,body,person_id,sex,birth_year\n"
ROWS = (
    "2015-2020,TH01,Huyện Quan Hóa,district,party_committee,p1,F,1975\n"
    "2015-2020,TH01,Huyện Quan Hóa,district,party_committee,p2,M,1968\n"
    "2015-2020,TH01,Huyện Quan Hóa,district,standing_committee,p1,F,1975\n"
)


def _outcome(path: Path, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if not fast:
            m.setattr(_readers, "_fast_csv_roster", lambda source: None)
        try:
            frame: Any = read_roster(path)
        except DataError as err:
            frame = sorted((str(p.row), str(p.column), p.expected) for p in err.problems)
    return frame, sorted({w.category.__name__ for w in caught})


def _taken(path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    calls: list[bool] = []
    real = _readers._fast_csv_roster

    def spy(source: Any) -> Any:
        out = real(source)
        calls.append(out is not None)
        return out

    with monkeypatch.context() as m:
        m.setattr(_readers, "_fast_csv_roster", spy)
        with contextlib.suppress(DataError):
            read_roster(path)
    return calls == [True]


def test_a_canonical_csv_takes_the_columnar_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8-sig")
    assert _taken(path, monkeypatch)
    fast, _ = _outcome(path, fast=True, monkeypatch=monkeypatch)
    slow, _ = _outcome(path, fast=False, monkeypatch=monkeypatch)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["person_id"].tolist() == ["p1", "p2", "p1"]
    assert isinstance(fast["unit_name"].dtype, pd.CategoricalDtype)
    assert fast["birth_year"].tolist() == [1975, 1968, 1975]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("BÁO CÁO NHIỆM KỲ 2015-2020\n" + HEADER + ROWS, "a title above the header"),
        (HEADER + ROWS + "\n", "a blank line: row numbers"),
        (HEADER + ROWS.replace("1968", "1968,0"), "a number typed with a comma"),
        (HEADER + ROWS + ",,Tổng cộng,,,,,\n", "a total row"),
        (HEADER.replace("unit_name", "Tên đơn vị") + ROWS, "an alias in the header"),
        (HEADER + ROWS.replace("p2,M,1968", "p2,M,NA"), "NA is text for the cell reader"),
        (HEADER + ROWS.replace("Huyện Quan Hóa", '"Huyện\nQuan Hóa"', 1), "a quoted line break"),
        (HEADER + ROWS.replace(",p2,", ',"p\n2",', 1), "a quoted line break in a person id"),
    ],
)
def test_messy_files_are_left_to_the_cell_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, why: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    assert not _taken(path, monkeypatch), why
    fast, fast_warnings = _outcome(path, fast=True, monkeypatch=monkeypatch)
    slow, slow_warnings = _outcome(path, fast=False, monkeypatch=monkeypatch)
    assert fast_warnings == slow_warnings
    if isinstance(slow, list):
        assert fast == slow
    else:
        pd.testing.assert_frame_equal(fast, slow)


def test_problems_are_located_at_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + ROWS.replace("standing_committee,p1", "party_committee,p1"), "utf-8")
    assert _taken(path, monkeypatch) is False  # the checks fail: the error is the cell reader's
    fast, _ = _outcome(path, fast=True, monkeypatch=monkeypatch)
    slow, _ = _outcome(path, fast=False, monkeypatch=monkeypatch)
    assert isinstance(fast, list) and fast == slow
    assert any(row == "4" for row, _, _ in fast)  # p1 twice: line 4 of the file


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(frame=rosters())
def test_columnar_and_cell_csv_paths_agree(
    frame: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    fast, fast_warnings = _outcome(path, fast=True, monkeypatch=monkeypatch)
    slow, slow_warnings = _outcome(path, fast=False, monkeypatch=monkeypatch)
    assert fast_warnings == slow_warnings
    if isinstance(slow, list):
        assert fast == slow
    else:
        assert isinstance(fast, pd.DataFrame)
        pd.testing.assert_frame_equal(fast, slow)


def test_a_person_id_longer_than_a_cell_is_refused_naming_its_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + ROWS.replace(",p2,", "," + "p" * 40_000 + ",", 1), encoding="utf-8")
    assert _readers._fast_csv_roster(path) is None  # the cell reader names the cell
    with pytest.raises(FileFormatError, match=r'"r.csv".*ô F3 dài 40000 ký tự'):
        read_roster(path)


def test_a_quoted_carriage_return_in_a_person_id_leaves_the_file_to_the_cell_reader(tmp_path):
    from gender_stats.io._readers import _fast_csv_roster

    path = tmp_path / "cr.csv"
    path.write_bytes(
        "term,unit_id,unit_name,level,body,person_id,sex,birth_year\n"
        '2020-2025,A,Huyện A,district,party_committee,"P\r1",F,1980\n'
        "2020-2025,A,Huyện A,district,party_committee,P2,M,1970\n".encode()
    )
    assert _fast_csv_roster(path) is None  # the file's lines are not the rows + 1
    roster = read_roster(path)
    assert roster["person_id"].astype(str).tolist() == ["P 1", "P2"]
    used = [e.row for e in roster.attrs["reading"].entries if e.kind == "data"]
    assert used == [2, 4]  # the second person is on the file's 4th line
