"""A frame with a reading log in ``attrs`` can be saved, and the log stays a log.

pandas writes ``attrs`` as JSON in ``to_parquet``/``to_feather``; a log that JSON could not write
made ``counts.to_parquet(...)`` fail with a ``TypeError`` from the json module.
"""

from __future__ import annotations

import copy
import json
import pickle
import warnings
from pathlib import Path

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.io import ReadingLog
from gender_stats.io._rows import REPORTED, STRUCTURAL, USED, RowClass


def _log() -> ReadingLog:
    log = ReadingLog()
    log.add("a.xlsx", "Huyện", 1, RowClass.TITLE, STRUCTURAL, "BÁO CÁO")
    log.add("a.xlsx", "Huyện", 5, RowClass.DATA, USED, "Huyện A")
    log.add("a.xlsx", "Huyện", 6, RowClass.DATA, REPORTED, "Huyện B", "nữ > tổng")
    log.add("b.xls", None, 3, RowClass.DATA, USED, "Xã C")
    log.notes.append("nhiệm kỳ từ tiêu đề")
    log.pass_over("a.xlsx", "Hướng dẫn", "không có số", [(1, "HƯỚNG DẪN")])
    return log


def test_json_is_the_accounting() -> None:
    log = _log()
    assert json.loads(json.dumps(log)) == {
        "rows_read": 5,
        "rows_used": 2,
        "rows_reported": 1,
        "rows_structural": 2,
        "files": ["a.xlsx", "b.xls"],
        "notes": ["nhiệm kỳ từ tiêu đề"],
        "sheets_not_used": [["a.xlsx", "Hướng dẫn", "không có số"]],
    }
    # json's pure-Python encoder (indent) writes the same
    assert json.loads(json.dumps(log, indent=2)) == json.loads(json.dumps(log))
    # the mapping follows the log as it grows
    log.add("b.xls", None, 4, RowClass.DATA, USED, "Xã D")
    assert log["rows_used"] == 3 and json.loads(json.dumps(log))["rows_read"] == 6


def test_an_empty_log_is_still_written_as_its_accounting() -> None:
    assert json.loads(json.dumps(ReadingLog()))["rows_read"] == 0
    assert bool(ReadingLog())  # a log is never falsy, as before


def test_the_mapping_is_read_only() -> None:
    log = _log()
    with pytest.raises(TypeError, match="read-only"):
        log["rows_read"] = 0
    with pytest.raises(TypeError, match="read-only"):
        log.update(x=1)
    assert log.rows_read == 5


def test_copies_and_pickles_are_logs() -> None:
    log = _log()
    assert copy.deepcopy(log) is log  # pandas copies attrs at every step: shared, not copied
    for other in (copy.copy(log), pickle.loads(pickle.dumps(log))):
        assert isinstance(other, ReadingLog)
        assert other == log
        assert other.entries == log.entries and other.sheets_not_used == log.sheets_not_used
    assert log != ReadingLog()


def test_read_counts_then_check_can_be_saved(tmp_path: Path) -> None:
    counts = gs.load_sample_counts()
    assert isinstance(counts.attrs["reading"], ReadingLog)
    compliance = gs.check(counts, "36-CT/TW")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "could not serialize attrs" warning either
        counts.to_parquet(tmp_path / "counts.parquet")
        compliance.to_parquet(tmp_path / "compliance.parquet")
        counts.to_feather(tmp_path / "counts.feather")
    back = pd.read_parquet(tmp_path / "counts.parquet")
    pd.testing.assert_frame_equal(back, counts, check_dtype=False)
    saved = back.attrs["reading"]
    log = counts.attrs["reading"]
    assert saved["rows_read"] == log.rows_read == log.rows_used + log.rows_structural
    assert saved["rows_used"] == log.rows_used > 0
    # the frame read back holds a plain mapping: the library's outputs take it as no log
    again = gs.check(back, "36-CT/TW")
    assert len(again) == len(compliance)


def test_outputs_take_a_frame_read_back(tmp_path: Path) -> None:
    counts = gs.load_sample_counts()
    counts.to_parquet(tmp_path / "counts.parquet")
    back = pd.read_parquet(tmp_path / "counts.parquet")
    compliance = gs.check(back, "36-CT/TW")
    written = gs.write_workbook(compliance, tmp_path / "out.xlsx", counts=back)
    assert written.stat().st_size > 0
