"""Issue 15.1: provenance on every output; the bundled sample marked as synthetic, real data not."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.datasets import SYNTHETIC
from gender_stats.errors import ArgumentError
from gender_stats.outputs.provenance import Provenance, provenance
from gender_stats.outputs.report import build_report

MARK_VI = "Dữ liệu mẫu (tổng hợp ngẫu nhiên) — không phải số liệu thật"
MARK_EN = "Synthetic sample data — not real figures"
TERM = "2015-2020"


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": [TERM] * 3,
            "unit_id": ["T", "A", "B"],
            "unit_name": ["Tỉnh Thử", "Huyện A", "Huyện B"],
            "level": ["province", "district", "district"],
            "body": ["party_committee"] * 3,
            "total": [50, 40, 33],
            "female": [10, 8, 3],
        }
    )


def _csv(path) -> None:
    path.write_text(
        "Nhiệm kỳ,Mã đơn vị,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"
        "2015-2020,A,Huyện A,district,BCH,40,8\n"
        "2015-2020,B,Huyện B,district,BCH,33,3\n"
        "\n"
        "2015-2020,C,Huyện C,district,BCH,45,7\n",
        encoding="utf-8",
    )


# ---------------------------------------------------------------------------------------------
# The record


def test_the_record_of_a_frame_built_by_hand():
    counts = _counts()
    result = gs.check(counts, "36-CT/TW")
    p = provenance(counts, result, generated=dt.date(2026, 3, 4))
    assert p.scope == ("Tỉnh Thử",)
    assert p.unit_names == ("Tỉnh Thử", "Huyện A", "Huyện B")
    assert p.terms == (TERM,)
    assert p.targets == ("36-CT/TW:a",)
    assert p.files == ()  # a frame passed directly: no file
    assert p.generated == dt.date(2026, 3, 4) and p.version == gs.__version__
    assert p.synthetic is False
    rows = dict(p.rows("en"))
    assert rows["Input files (rows used)"] == "none (counts passed as a frame)"
    assert MARK_EN not in rows


def test_without_a_province_the_scope_is_the_units():
    counts = _counts().iloc[1:]
    p = provenance(counts)
    assert p.scope == ()
    assert p.scope_text("en") == "2 units: Huyện A, Huyện B"
    # the units table names the province when the counts hold none
    units = pd.DataFrame(
        {
            "unit_id": ["T", "A"],
            "unit_name": ["Tỉnh Thử", "Huyện A"],
            "level": ["province", "district"],
        }
    )
    assert provenance(counts, units=units).scope_text() == "Tỉnh Thử"


def test_a_file_read_gives_its_name_and_the_rows_used(tmp_path):
    path = tmp_path / "bao_cao_huyen.csv"
    _csv(path)
    counts = gs.read_counts(path)
    p = provenance(counts, gs.check(counts, "36-CT/TW"))
    # three data rows used (the blank row is not a row), the header is structural
    assert p.files == (("bao_cao_huyen.csv", 3),)
    assert p.synthetic is False  # real data (a file outside the sample folder) is not marked
    assert "bao_cao_huyen.csv (3 dòng)" in dict(p.rows())["Tệp đầu vào (số dòng dùng)"]


def test_the_record_refuses_what_is_not_counts():
    with pytest.raises(ArgumentError, match="provenance"):
        provenance("counts.csv")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="expected the compliance frame"):
        provenance(_counts(), compliance=[1, 2])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# The synthetic mark travels with the frames


def test_the_sample_loaders_mark_their_frames():
    assert gs.load_sample_counts().attrs[SYNTHETIC] is True
    assert gs.load_sample_roster().attrs[SYNTHETIC] is True
    assert gs.load_units().attrs[SYNTHETIC] is True


def test_reading_a_file_of_the_sample_folder_marks_it():
    counts = gs.read_counts(gs.sample_path("counts.csv"))
    assert counts.attrs.get(SYNTHETIC) is True
    assert provenance(counts).synthetic is True


def test_a_copy_of_a_sample_file_elsewhere_is_not_marked(tmp_path):
    # the mark is where the file is read from, not its name: real data is never marked
    shutil.copy(gs.sample_path("counts.csv"), tmp_path / "counts.csv")
    counts = gs.read_counts(tmp_path / "counts.csv")
    assert SYNTHETIC not in counts.attrs
    assert provenance(counts).synthetic is False


def test_real_data_is_not_marked_on_any_output(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "that.csv"
    _csv(path)
    report = build_report(gs.read_counts(path), term=TERM, out_dir=tmp_path / "bc")
    page = report.html.read_text(encoding="utf-8")
    assert MARK_VI not in page and 'id="synthetic"' not in page
    book = openpyxl.load_workbook(report.workbook)
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert MARK_VI not in values
    assert "that.csv (3 dòng)" in values  # the provenance sheet names the file


# ---------------------------------------------------------------------------------------------
# On every output: page, workbook, CLI


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    counts = gs.load_sample_counts()
    counts = counts[counts["term"] == "2020-2025"]
    out = tmp_path_factory.mktemp("prov") / "bc"
    return build_report(counts, units=gs.load_units(), out_dir=out)


def test_the_page_shows_the_mark_at_the_top_and_the_provenance(sample_report):
    page = sample_report.html.read_text(encoding="utf-8")
    mark = page.index('<p class="synthetic" id="synthetic">' + MARK_VI)
    assert mark < page.index('id="summary"')  # before anything else is read
    block = page[page.index('id="provenance"') :]
    assert "<dt>Địa bàn</dt><dd>Tỉnh Thanh Hóa</dd>" in block
    assert "<dt>Nhiệm kỳ</dt><dd>2020-2025</dd>" in block
    assert "counts_wide.xlsx (" in block
    assert f"<dd>{dt.date.today().isoformat()}</dd>" in block
    assert f"<dd>{gs.__version__}</dd>" in block
    assert isinstance(sample_report.provenance, Provenance)
    assert sample_report.provenance.synthetic


def test_the_workbook_has_the_provenance_sheet_with_the_mark(sample_report):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(sample_report.workbook)
    assert "Nguồn dữ liệu" in book.sheetnames
    ws = book["Nguồn dữ liệu"]
    cells = {r[0]: r[1] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert MARK_VI in cells
    assert cells["Địa bàn"] == "Tỉnh Thanh Hóa"
    assert cells["Chỉ tiêu áp dụng"] == ", ".join(sample_report.targets_used)


def test_the_english_outputs_carry_the_english_mark(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    counts = gs.load_sample_counts()
    report = build_report(counts[counts["term"] == "2020-2025"], lang="en", out_dir=tmp_path)
    assert MARK_EN in report.html.read_text(encoding="utf-8")
    book = openpyxl.load_workbook(report.workbook)
    assert "Data sources" in book.sheetnames
    assert book["Data sources"]["A4"].value == MARK_EN


def test_the_cli_report_summary_names_the_provenance(tmp_path, capsys):
    from gender_stats.cli import main

    path = tmp_path / "that.csv"
    _csv(path)
    assert (
        main(["report", str(path), "--term", TERM, "--out", str(tmp_path / "o"), "--lang", "en"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Input files (rows used): that.csv (3 rows)" in out
    assert "Scope: 3 units: Huyện A, Huyện B, Huyện C" in out
    assert f"Generated on: {dt.date.today().isoformat()}" in out
    assert MARK_EN not in out
    assert main(["report", "--term", "2020-2025", "--out", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert MARK_VI in out and "Địa bàn: Tỉnh Thanh Hóa" in out


def test_every_chart_of_the_sample_carries_the_mark_and_real_charts_do_not(tmp_path):
    counts = gs.load_sample_counts()
    counts = counts[counts["term"] == "2020-2025"]
    sample = build_report(counts, svg=True, lang="en")
    svgs = [c.svg.decode("utf-8") for c in sample._content.charts if c.svg is not None]
    assert svgs and all(MARK_EN in svg for svg in svgs)
    path = tmp_path / "that.csv"
    _csv(path)
    real = build_report(gs.read_counts(path), term=TERM, svg=True, lang="en")
    real_svgs = [c.svg.decode("utf-8") for c in real._content.charts if c.svg is not None]
    assert real_svgs and not any(MARK_EN in svg for svg in real_svgs)
