"""Issue 12 §5: the report's output is safe — escaped page, sane files, all or nothing."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from gender_stats.errors import ArgumentError
from gender_stats.outputs import plots
from gender_stats.outputs.report import build_report

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _counts(names=("Huyện A", "Huyện B")):
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 2,
            "unit_id": ["A", "B"],
            "unit_name": list(names),
            "level": ["district"] * 2,
            "body": ["party_committee"] * 2,
            "total": [40, 33],
            "female": [8, 3],  # A meets 15 %, B (3/33) is below
        }
    )


def test_unit_names_with_markup_are_escaped_everywhere_in_the_page(tmp_path):
    report = build_report(_counts((SCRIPT, IMG)), term="2015-2020", out_dir=tmp_path / "r")
    page = report.html.read_text(encoding="utf-8")
    assert SCRIPT not in page and IMG not in page
    assert "<script" not in page and "onerror=alert(1)>" not in page
    assert re.search(r"<img(?![^>]*src=\"data:image/png)", page) is None  # only embedded charts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_workbook_keeps_text_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    names = ('=HYPERLINK("http://x")', "+1+1")
    report = build_report(_counts(names), term="2015-2020", out_dir=tmp_path / "r")
    book = openpyxl.load_workbook(report.workbook)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    hits = [c for c in cells if c.value in names]
    assert hits and all(c.data_type == "s" for c in hits)


def test_out_dir_that_is_a_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bao_cao.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ArgumentError, match=r'Thư mục ra ".*bao_cao\.txt" là một tệp'):
        build_report(_counts(), term="2015-2020", out_dir=path)
    assert path.read_text(encoding="utf-8") == "x"


def test_out_dir_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ArgumentError, match=r"cannot write into the output folder") as info:
        build_report(_counts(), term="2015-2020", out_dir=blocker / "sub" / "out")
    assert isinstance(info.value.__cause__, OSError)


def test_a_failed_report_leaves_no_half_written_folder(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("chart failed")

    monkeypatch.setattr(plots, "plot_stacked", broken)
    with pytest.raises(RuntimeError, match="chart failed"):
        build_report(_counts(), term="2015-2020", out_dir=tmp_path / "r")
    assert list(tmp_path.iterdir()) == []  # neither the folder nor a temporary one


def test_a_failed_report_leaves_an_existing_folder_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "r"
    first = build_report(_counts(), term="2015-2020", out_dir=out)
    (out / "ghi_chu.txt").write_text("mine", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(plots, "plot_stacked", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build_report(_counts(("X", "Y")), term="2015-2020", out_dir=out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]
    assert first.html.parent == out


def test_report_paths_point_into_out_dir_and_other_files_stay(tmp_path):
    out = tmp_path / "r"
    out.mkdir()
    (out / "ghi_chu.txt").write_text("mine", encoding="utf-8")
    report = build_report(_counts(), term="2015-2020", out_dir=out)
    assert report.out_dir == out and report.html.parent == out
    assert all(p.exists() and out in p.parents for p in report.paths)
    assert (out / "ghi_chu.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]
