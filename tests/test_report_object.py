"""Issue 14.5: the report is computed, then rendered (to_html, _repr_html_), then written (save)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from gender_stats.errors import ArgumentError
from gender_stats.outputs.report import Report, build_report

TERM = "2015-2020"


def _counts() -> pd.DataFrame:
    # A: 8/40 = 20 % met; B: 3/33 = 9.1 % below (needs 5, so 2 more); C: 7/45 = 15.6 % met.
    return pd.DataFrame(
        {
            "term": [TERM] * 3,
            "unit_id": ["A", "B", "C"],
            "unit_name": ["Huyện Á", "Huyện Bá Thước", "Huyện Cẩm Thủy"],
            "level": ["district"] * 3,
            "body": ["party_committee"] * 3,
            "total": [40, 33, 45],
            "female": [8, 3, 7],
        }
    )


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(_counts(), targets="36-CT/TW", term=TERM)


def test_build_report_without_out_dir_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = build_report(_counts(), targets="36-CT/TW", term=TERM)
    assert list(tmp_path.iterdir()) == []
    assert (r.n_units_met, r.n_units, r.women_needed) == (2, 3, 2)
    assert r.saved is False and r.charts == ()


def test_to_html_is_the_page_in_memory(report):
    page = report.to_html()
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "2/3 đơn vị đạt" in page and "còn thiếu 2 nữ" in page
    # shares and women needed (one body), women and men: three charts embedded; summary and
    # indicator tables
    assert page.count('<img src="data:image/png;base64,') == 3
    assert page.count("<table") == 2
    assert report.to_html() == page  # rendering twice gives the same page


def test_paths_of_an_unsaved_report_are_a_clear_error(report):
    with pytest.raises(ArgumentError, match=r"chưa được lưu \(the report is not saved yet\)"):
        _ = report.html
    with pytest.raises(ArgumentError, match="not saved"):
        _ = report.paths


def test_save_writes_what_to_html_returns(report, tmp_path):
    saved = report.save(tmp_path / "bc")
    assert saved.saved and not report.saved  # frozen: save returns the saved copy
    assert saved.out_dir == tmp_path / "bc"
    assert saved.html.read_text(encoding="utf-8") == report.to_html()
    assert [p.name for p in saved.charts] == [
        "shares_party_committee.png",  # chart files in one language (issue 15.4)
        "women_needed_party_committee.png",
        "women_men.png",
    ]
    assert all(p.exists() for p in saved.paths)
    # the page lists exactly the files written, relative to the folder
    page = saved.html.read_text(encoding="utf-8")
    listed = re.findall(r'<li><a href="([^"]+)">', page)
    written = sorted(p.relative_to(saved.out_dir).as_posix() for p in saved.paths)
    assert sorted(listed) == written
    assert (saved.n_units_met, saved.women_needed) == (report.n_units_met, report.women_needed)


def test_repr_html_is_a_fragment_for_notebooks(report):
    fragment = report._repr_html_()
    assert fragment.startswith('<div class="gs-report" lang="vi">')
    assert "<html" not in fragment and "<style>" not in fragment.split("<table")[0]
    assert "2/3 đơn vị đạt" in fragment
    assert fragment.count("<img") == 3


def test_repr_is_one_readable_line(report):
    text = repr(report)
    assert "\n" not in text and len(text) < 300
    assert text.startswith("<Report 2015-2020: 2/3")
    assert "còn thiếu 2 nữ" in text and "3 charts" in text and "out_dir=—" in text


def test_the_template_escapes_every_text():
    r = build_report(_counts().assign(unit_name=["<b>x</b>", "<script>1</script>", "C & D"]))
    page = r.to_html()
    assert "<script>1</script>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;1&lt;/script&gt;" in page and "C &amp; D" in page


def test_the_page_prints_on_a4_with_repeated_headers(report):
    page = report.to_html()
    css = page[page.index("<style>") : page.index("</style>")]
    assert "@page { size: A4" in css
    assert "thead { display: table-header-group; }" in css
    assert "break-inside: avoid" in css and "@media print" in css
    assert "<thead>" in page  # the tables have a header group to repeat


# ---------------------------------------------------------------------------------------------
# English: no Vietnamese word outside unit names and target ids

#: Letters only Vietnamese uses (with its tone and vowel marks).
_VI = re.compile(
    r"[^\W\d_]*[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ][^\W\d_]*",
    re.IGNORECASE,
)


def _visible_text(page: str) -> str:
    text = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    text = re.sub(r'src="data:[^"]*"', " ", text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _vietnamese_words(page: str, names: set[str]) -> list[str]:
    text = _visible_text(page)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return _VI.findall(text)


def test_the_check_of_vietnamese_words_can_fail():
    assert _vietnamese_words("<p>Huyện A: 3 nữ chưa đạt</p>", {"Huyện A"}) == ["nữ", "chưa", "đạt"]


def test_the_english_page_has_no_vietnamese_words():
    import gender_stats as gs

    counts = gs.load_sample_counts()
    r = build_report(counts, lang="en")
    compliance = gs.check(counts)
    names = set(counts["unit_name"]) | set(r.targets_used) | set(compliance["document"].dropna())
    assert _vietnamese_words(r.to_html(), names) == []
    assert "Synthetic sample data — not real figures" in r.to_html()


def test_save_then_build_report_out_dir_give_the_same_files(tmp_path):
    a = build_report(_counts(), term=TERM, out_dir=tmp_path / "a")
    b = build_report(_counts(), term=TERM).save(tmp_path / "b")
    names = sorted(p.relative_to(a.out_dir) for p in a.paths)
    assert names == sorted(p.relative_to(b.out_dir) for p in b.paths)
    assert a.html.read_text(encoding="utf-8") == b.html.read_text(encoding="utf-8")
    assert isinstance(a.html, Path)


def _cells(path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    return {
        name: [tuple(row) for row in book[name].iter_rows(values_only=True)]
        for name in book.sheetnames
    }


def test_the_workbook_made_while_drawing_is_the_one_save_makes(tmp_path, returns):
    # build_report(out_dir=) makes the workbook while the charts are drawn; save() makes it after
    a = build_report(_counts(), term=TERM, out_dir=tmp_path / "a")
    b = build_report(_counts(), term=TERM).save(tmp_path / "b")
    assert _cells(a.workbook) == _cells(b.workbook)
    assert len(_cells(a.workbook)) >= 3
    # with a collection: its sheet is in both, and a report given it afterwards gets it too
    c = build_report(returns.counts, term=TERM, collection=returns, out_dir=tmp_path / "c")
    d = build_report(returns.counts, term=TERM, collection=returns).save(tmp_path / "d")
    assert _cells(c.workbook) == _cells(d.workbook)
    assert "Tình hình nộp báo cáo" in _cells(c.workbook)


def test_cell_labels_leave_the_layout_but_labels_that_can_stick_out_stay():
    from matplotlib.figure import Figure

    from gender_stats.outputs.report import _cell_labels_out_of_layout

    fig = Figure()
    ax = fig.add_subplot()
    bars = ax.barh([0.5], [1.5])
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    cell = ax.text(1, 1, "30%", ha="center", va="center")
    outside = ax.text(1, 3, "x", ha="center", va="center")  # above the axes
    left = ax.text(1, 1, "note", ha="left", va="center")  # may run past the right edge
    labels = ax.bar_label(bars)
    assert _cell_labels_out_of_layout(ax) == 1
    assert not cell.get_in_layout()
    assert outside.get_in_layout() and left.get_in_layout()
    assert all(t.get_in_layout() for t in labels)


def test_the_templates_are_package_data():
    from importlib import resources

    folder = resources.files("gender_stats.outputs") / "templates"
    names = {"page.html.j2", "body.html.j2", "macros.html.j2", "section.html.j2", "report.css"}
    assert all((folder / name).is_file() for name in names)


# ---------------------------------------------------------------------------------------------
# The collection status in the report (issue 16.4)


@pytest.fixture(scope="module")
def returns(tmp_path_factory):
    import gender_stats as gs

    units = pd.DataFrame(
        {
            "unit_id": ["A", "B", "C"],
            "unit_name": ["Huyện Á", "Huyện Bá Thước", "Huyện Cẩm Thủy"],
            "level": ["district"] * 3,
            "kind": ["district"] * 3,
        }
    )
    inbox = tmp_path_factory.mktemp("inbox")
    # A sends on time, B late; C sends nothing
    (inbox / "a.csv").write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n2015-2020,Huyện Á,BCH,40,8\n", encoding="utf-8"
    )
    (inbox / "b.csv").write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n2015-2020,Huyện Bá Thước,BCH,33,3\n", encoding="utf-8"
    )
    return gs.collect(
        inbox,
        units=units,
        term=TERM,
        deadline="2015-12-01",
        received={"a.csv": "2015-11-20", "b.csv": "2015-12-05"},
    )


def test_build_report_with_a_collection_adds_the_section_and_the_sheet(returns, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    report = build_report(returns.counts, term=TERM, collection=returns, out_dir=tmp_path)
    page = report.html.read_text(encoding="utf-8")
    section = page[page.index('<section id="collection">') :]
    section = section[: section.index("</section>")]
    assert "<h2>Tình hình nộp báo cáo</h2>" in section
    assert "Đã nhận 2/3 đơn vị (1 muộn), 0 chỉ có tệp lỗi, 1 chưa nộp" in section
    assert "<svg" in section  # the returns over time, inline
    # numbered after the report's own: 3 charts and 2 tables before it
    assert "Hình 4. Số báo cáo nhận được theo ngày" in section
    assert "Bảng 3. Tình hình nộp báo cáo theo đơn vị" in section
    assert "chưa nộp" in section and "muộn" in section and "đúng hạn" in section
    # before the sources of the targets
    assert page.index('id="collection"') < page.index('id="sources"')
    book = openpyxl.load_workbook(report.workbook)
    assert "Tình hình nộp báo cáo" in book.sheetnames
    rows = list(book["Tình hình nộp báo cáo"].iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[2]) for r in rows] == [
        ("A", "đã nhận"),
        ("B", "đã nhận"),
        ("C", "chưa nộp"),
    ]


def test_the_english_collection_section(returns):
    report = build_report(returns.counts, term=TERM, collection=returns, lang="en")
    page = report.to_html()
    assert "<h2>Returns received</h2>" in page
    assert "2 of 3 units received (1 late), 0 with problems only, 1 missing" in page
    assert "Tình hình" not in page and "chưa nộp" not in page


def test_add_to_report_on_a_report_built_without_it(returns, tmp_path):
    import gender_stats as gs

    report = build_report(returns.counts, term=TERM, out_dir=tmp_path)
    assert 'id="collection"' not in report.html.read_text(encoding="utf-8")
    page = gs.add_to_report(returns, report)
    assert page == report.html
    assert page.read_text(encoding="utf-8").count('<section id="collection">') == 1
    gs.add_to_report(returns, report)  # twice: still one section
    assert page.read_text(encoding="utf-8").count('<section id="collection">') == 1
    with pytest.raises(ArgumentError, match="not saved"):
        gs.add_to_report(returns, build_report(returns.counts, term=TERM))


def test_a_report_where_no_target_applies_is_saved_and_says_why(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    # party committees 2010-2015: no target of the catalogue applies (every target_id missing)
    counts = _counts().assign(term="2010-2015")
    report = build_report(counts, out_dir=tmp_path)
    assert report.nothing_assessed
    page = report.html.read_text(encoding="utf-8")
    assert "Không đánh giá được đơn vị nào" in page
    assert "không có chỉ tiêu nào trong danh mục áp dụng cho 2010-2015" in page
    assert "Nguồn dữ liệu" in openpyxl.load_workbook(report.workbook).sheetnames
