"""Tests of gender_stats.outputs.report: the HTML page, the charts, the workbook and the summary numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from frames import under_40_counts
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.outputs.report import Report, build_report, render_page, summary_numbers

TERM = "2015-2020"


def _counts() -> pd.DataFrame:
    """Four districts; every number below is worked out by hand in the tests."""
    return pd.DataFrame(
        {
            "term": [TERM] * 8,
            "unit_id": ["A", "A", "B", "B", "C", "C", "D", "D"],
            "unit_name": [
                name
                for name in ("Huyện Á", "Huyện Bá Thước", "Thị xã Bỉm Sơn", "Huyện Đông Sơn")
                for _ in range(2)
            ],
            "level": ["district"] * 8,
            "body": ["party_committee", "standing_committee"] * 4,
            # A: 8/40 = 20 % met, 1/11 met.   B: 3/33 = 9.1 % (needs ceil(4.95) = 5, i.e. 2 more),
            # 0/9 (needs 1).  C: 7/45 = 15.6 % met (6.75 -> 7), 2/13 met.  D: 3/20 = exactly 15 % met,
            # 0/7 (needs 1).
            "total": [40, 11, 33, 9, 45, 13, 20, 7],
            "female": [8, 1, 3, 0, 7, 2, 3, 0],
        }
    )


def test_summary_numbers_on_a_hand_made_compliance_frame():
    compliance = pd.DataFrame(
        {
            "term": [TERM] * 6,
            "unit_id": ["A", "A", "B", "B", "C", "D"],
            "unit_name": ["A", "A", "B", "B", "C", "D"],
            "body": ["party_committee", "standing_committee"] * 2
            + ["party_committee", "party_committee"],
            "target_id": ["x:a", "x:b", "x:a", "x:b", "x:a", "x:a"],
            "status": ["met", "met", "below", "below", "no_data", "above_range"],
            "seats_needed": pd.array([0, 0, 2, 1, pd.NA, 0], dtype="Int64"),
        }
    )
    numbers = summary_numbers(compliance)
    # C has no data: not assessed.  A meets both; B is below twice; D is above a range, which
    # meets the target (changed by issue 11: above range used to count as not met).
    assert numbers == {
        "n_units": 3,
        "n_units_met": 2,
        "n_units_met_unassessed": 0,  # C, the unit without data, has no check assessed at all
        "n_checks": 5,
        "n_checks_met": 3,
        "women_needed": 3,
        "units_below": ("B",),
        "n_checks_above_range": 1,
        "share_targets_short": (),
    }


def test_summary_numbers_take_the_largest_need_per_body_not_the_sum():
    # Two targets on one body: one woman added counts toward both, so 3 (not 3 + 1) are needed.
    compliance = pd.DataFrame(
        {
            "term": [TERM] * 2,
            "unit_id": ["A", "A"],
            "unit_name": ["A", "A"],
            "body": ["party_committee"] * 2,
            "status": ["below", "below"],
            "seats_needed": pd.array([3, 1], dtype="Int64"),
        }
    )
    assert summary_numbers(compliance)["women_needed"] == 3


def test_summary_numbers_do_not_change_the_input():
    compliance = pd.DataFrame(
        {
            "term": [TERM],
            "unit_id": ["A"],
            "unit_name": ["A"],
            "body": ["party_committee"],
            "status": ["below"],
            "seats_needed": pd.array([2], dtype="Int64"),
        }
    )
    before = compliance.copy()
    summary_numbers(compliance)
    pd.testing.assert_frame_equal(compliance, before)


def test_render_page_escapes_text_and_is_self_contained():
    page = render_page(
        title="Báo cáo <nữ>",
        subtitle="s",
        summary="1/2 & 3",
        sections=[("Phần", ["<p>x</p>"])],
        footer="f",
    )
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert '<meta charset="utf-8">' in page
    assert "<title>Báo cáo &lt;nữ&gt;</title>" in page
    assert "1/2 &amp; 3" in page
    assert "<p>x</p>" in page
    assert "<script" not in page and "<link" not in page


# ---------------------------------------------------------------------------------------------
# The whole report (needs the compliance, tables, plots and workbook modules)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Report, pd.DataFrame]:
    from gender_stats.outputs.report import build_report

    counts = _counts()
    before = counts.copy()
    out = tmp_path_factory.mktemp("report")
    report = build_report(counts, targets="36-CT/TW", term=TERM, out_dir=out / "bc")
    pd.testing.assert_frame_equal(counts, before)  # the input is not changed
    return report, counts


def test_report_numbers_equal_the_hand_computed_ones(built):
    report, _ = built
    assert (report.n_units_met, report.n_units) == (2, 4)
    assert (report.n_checks_met, report.n_checks) == (5, 8)
    assert report.women_needed == 2 + 1 + 1
    assert set(report.units_below) == {"Huyện Bá Thước", "Huyện Đông Sơn"}


def test_html_holds_every_table_and_chart_with_captions(built):
    report, _ = built
    page = report.html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page
    assert '<meta charset="utf-8">' in page
    assert re.search(r"<title>[^<]+</title>", page)
    # 1 summary table + 1 indicator table per body (2 bodies).
    assert page.count("<table") == 3
    assert page.count("<caption>") == 3
    # shares and women still needed x 2 bodies, heatmap, women and men.
    assert page.count("<img") == 6
    assert page.count("<figcaption>") == 6
    assert page.count('src="data:image/png;base64,') == 6
    # The summary sentence with the hand-computed numbers.
    assert "2/4 đơn vị đạt" in page
    assert "còn thiếu 4 nữ" in page
    # Self-contained: no external stylesheet, script, font or image.
    assert "<link" not in page and "<script" not in page
    assert not re.search(r'(src|href)="https?:', page)


def test_charts_are_written_as_png_and_svg(built, tmp_path):
    from gender_stats.outputs.report import build_report

    report, _ = built
    assert [p.suffix for p in report.charts] == [".png"] * 6  # PNG by default (issue 13)
    report = build_report(_counts(), targets="36-CT/TW", term=TERM, out_dir=tmp_path, svg=True)
    assert len(report.charts) == 12
    pngs = [p for p in report.charts if p.suffix == ".png"]
    svgs = [p for p in report.charts if p.suffix == ".svg"]
    assert len(pngs) == len(svgs) == 6
    for png in pngs:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for svg in svgs:
        assert "<svg" in svg.read_text(encoding="utf-8")[:2000]
    assert all(p.exists() for p in report.paths)


def test_workbook_exists_and_opens(built):
    openpyxl = pytest.importorskip("openpyxl")
    report, _ = built
    assert report.workbook.suffix == ".xlsx"
    book = openpyxl.load_workbook(report.workbook)
    assert len(book.sheetnames) >= 1
    book.close()


def test_english_report(tmp_path):
    from gender_stats.outputs.report import build_report

    report = build_report(_counts(), targets="36-CT/TW", term=TERM, out_dir=tmp_path, lang="en")
    page = report.html.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "2/4 units meet" in page
    assert report.html.name == "report.html"


def test_unknown_language_is_refused(tmp_path):
    from gender_stats.outputs.report import build_report

    with pytest.raises(ValueError, match="Must be one of"):
        build_report(_counts(), out_dir=tmp_path, lang="fr")  # type: ignore[arg-type]


def test_report_is_frozen(built):
    import dataclasses

    report, _ = built
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.women_needed = 0  # type: ignore[misc]


def test_paths_are_inside_out_dir(built):
    report, _ = built
    for path in report.paths:
        assert Path(path).resolve().is_relative_to(report.out_dir.resolve())


def test_an_earlier_term_adds_change_charts_and_the_terms_table(tmp_path):
    from gender_stats.outputs.report import build_report

    earlier = _counts().assign(term="2010-2015", female=[4, 0, 3, 0, 5, 1, 2, 0])
    counts = pd.concat([earlier, _counts()], ignore_index=True)
    report = build_report(counts, targets="36-CT/TW", term=TERM, out_dir=tmp_path)
    page = report.html.read_text(encoding="utf-8")
    # one change chart per body on top of the 6 charts of one term; one terms table more.
    assert page.count("<img") == 8
    assert page.count("<table") == 4
    assert "Thay đổi tỷ lệ nữ từ nhiệm kỳ 2010-2015 đến 2015-2020" in page
    # the earlier term is not checked: the numbers are those of 2015-2020 alone.
    assert (report.n_units_met, report.n_units, report.women_needed) == (2, 4, 4)


# ---------------------------------------------------------------------------------------------
# Invariants of the summary numbers


_STATUSES = ["met", "below", "above_range", "not_applicable", "no_data"]


@st.composite
def _compliance_frames(draw):
    n = draw(st.integers(min_value=0, max_value=30))
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["A", "B", "C", "D"]),
                st.sampled_from(["party_committee", "standing_committee"]),
                st.sampled_from(["x:a", "x:b"]),
                st.sampled_from(_STATUSES),
                st.integers(min_value=0, max_value=9),
            ),
            min_size=n,
            max_size=n,
            unique_by=lambda r: (r[0], r[1], r[2]),
        )
    )
    return pd.DataFrame(
        {
            "term": [TERM] * len(rows),
            "unit_id": [r[0] for r in rows],
            "unit_name": ["Huyện " + r[0] for r in rows],
            "body": [r[1] for r in rows],
            "target_id": [r[2] for r in rows],
            "status": [r[3] for r in rows],
            "seats_needed": pd.array([r[4] if r[3] == "below" else 0 for r in rows], dtype="Int64"),
        },
        columns=["term", "unit_id", "unit_name", "body", "target_id", "status", "seats_needed"],
    )


@settings(max_examples=200, deadline=None)
@given(_compliance_frames())
def test_summary_numbers_invariants(compliance):
    numbers = summary_numbers(compliance)
    assessed = compliance[compliance["status"].isin(["met", "below", "above_range"])]
    assert 0 <= numbers["n_units_met"] <= numbers["n_units"] == assessed["unit_id"].nunique()
    assert 0 <= numbers["n_checks_met"] <= numbers["n_checks"] == len(assessed)
    below = compliance[compliance["status"] == "below"]
    # one woman counts toward every target of her body: never more than the sum over targets,
    # never less than the largest single need
    assert 0 <= numbers["women_needed"] <= int(below["seats_needed"].sum())
    if len(below):
        assert numbers["women_needed"] >= int(below["seats_needed"].max())
    assert set(numbers["units_below"]) == set(below["unit_name"])


def test_report_headline_counts_above_range_as_meeting(tmp_path):
    from gender_stats.outputs.report import build_report

    # 6, 7, 9 of 20 against 35-40 %: below, met, above the range -> 2 of 3 meet, 1 above
    counts = pd.DataFrame(
        {
            "term": ["2016-2021"] * 3,
            "unit_id": ["P", "Q", "R"],
            "unit_name": ["Huyện P", "Huyện Q", "Huyện R"],
            "level": ["district"] * 3,
            "body": ["peoples_council"] * 3,
            "total": [20, 20, 20],
            "female": [6, 7, 9],
        }
    )
    report = build_report(counts, targets="11-NQ/TW:b", out_dir=tmp_path)
    assert (report.n_units_met, report.n_units, report.n_checks_above_range) == (2, 3, 1)
    page = report.html.read_text(encoding="utf-8")
    assert "2/3 đơn vị đạt mọi chỉ tiêu áp dụng" in page
    assert "trong đó 1 lượt vượt khoảng" in page
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page)  # "1/3" may be in a PNG
    assert "1/3" not in text


def test_report_without_term_has_a_section_per_term_latest_first(tmp_path):
    from gender_stats.outputs.report import build_report

    earlier = _counts().assign(term="2010-2015")
    later = _counts().assign(term="2020-2025")
    report = build_report(pd.concat([earlier, later], ignore_index=True), out_dir=tmp_path)
    assert report.terms == ("2020-2025", "2010-2015")
    page = report.html.read_text(encoding="utf-8")
    # 2020-2025 under 35-CT/TW (2019); 2010-2015: no catalogue target for party committees
    assert page.index("<h2>Nhiệm kỳ 2020-2025: Ban Chấp hành") < page.index(
        "<h2>Nhiệm kỳ 2010-2015"
    )
    assert "Không đánh giá được đơn vị nào trong nhiệm kỳ 2010-2015" in page
    assert "35-CT/TW-2019:a" in page and "36-CT/TW:a" not in page


def test_charts_are_for_the_latest_term_with_assessed_rows(tmp_path):
    from gender_stats.outputs.report import build_report

    # 36-CT/TW covers 2015-2020, not the newer 2020-2025: the charts must not vanish with it
    assessed = _counts().assign(term="2015-2020")
    newer = _counts().assign(term="2020-2025")
    counts = pd.concat([assessed, newer], ignore_index=True)
    report = build_report(counts, targets="36-CT/TW", out_dir=tmp_path)
    names = sorted(p.name for p in report.charts)
    assert any(n.startswith("shares_") and n.endswith("_2015-2020.png") for n in names), names
    assert not any(n.startswith("shares_") and "2020-2025" in n for n in names), names


def test_the_headline_says_what_was_checked_in_plain_words(tmp_path):
    from gender_stats.outputs.report import build_report

    report = build_report(_counts(), targets="36-CT/TW", term="2015-2020")
    page = report.to_html()
    assert "×" not in page.split("<h2>")[0]  # not "lượt đánh giá đơn vị × cơ quan × chỉ tiêu"
    assert "xét từng cơ quan của từng đơn vị theo từng chỉ tiêu" in page
    english = build_report(_counts(), targets="36-CT/TW", term="2015-2020", lang="en").to_html()
    assert "each body of each unit against each target" in english


def test_a_report_with_counts_missing_still_builds_and_says_what_was_left_out(tmp_path):
    import warnings

    counts = pd.DataFrame(
        {
            "term": ["2015-2020"] * 3 + ["2020-2025"] * 3,
            "unit_id": ["A", "B", "C"] * 2,
            "unit_name": ["Huyện A", "Huyện B", "Huyện C"] * 2,
            "level": ["district"] * 6,
            "body": ["party_committee"] * 6,
            "total": pd.array([40, None, 30, 41, 35, 30], dtype="Int64"),  # B: women only
            "female": pd.array([6, 3, None, 7, 5, 6], dtype="Int64"),  # C: members only
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = build_report(counts, targets="36-CT/TW", out_dir=tmp_path)
    assert (report.n_units, report.n_checks) == (1, 1)  # only Huyện A of 2015-2020 is judged
    page = report.html.read_text(encoding="utf-8")
    assert "— 2015-2020 (không gồm 2 dòng thiếu tổng số hoặc số nữ)" in page
    assert "— 2020-2025 (không gồm" not in page


def test_the_report_never_counts_members_under_40_as_women():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = build_report(under_40_counts(), targets="35-CT/TW-2019", lang="en")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"data:image/[^\"]+", "", report.to_html()))
    assert "Party committee (≥ 15%) — 2 more women needed" in text
    assert "(≥ 10% [members under 40]) — 2 more members under 40 needed" in text
    assert report.women_needed == 2  # Huyện B's two women; Huyện A's under-40 shortfall is apart
