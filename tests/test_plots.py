"""Tests of gender_stats.outputs.plots: chart content asserted through the Axes (never through images)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from frames import under_40_counts
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex

from gender_stats.outputs.plots import (
    PROGRESS_COLORS,
    STATUS_COLORS,
    plot_change,
    plot_heatmap,
    plot_progress,
    plot_seats_needed,
    plot_shares,
    plot_stacked,
    plot_trend,
)

NAMES = ["Hậu Lộc", "Ngọc Lặc", "Vĩnh Lộc", "Như Thanh", "Thường Xuân"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def compliance_frame() -> pd.DataFrame:
    """Five district party committees of 2015-2020 against 36-CT/TW (≥ 15 %), worked by hand.

    Hậu Lộc 8/40 = 20 % met; Ngọc Lặc 5/45 = 11.1 % below (needs 2 : 7/45 = 15.6 %, 6/45 = 13.3 %);
    Vĩnh Lộc 6/33 = 18.2 % met; Như Thanh 3/35 = 8.6 % below (needs 3 : 6/35 = 17.1 %, 5/35 = 14.3 %);
    Thường Xuân 0/0 no data.
    """
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 5,
            "unit_id": ["HL", "NL", "VL", "NT", "TX"],
            "unit_name": NAMES,
            "level": ["district"] * 5,
            "body": ["party_committee"] * 5,
            "total": [40, 45, 33, 35, 0],
            "female": [8, 5, 6, 3, 0],
            "target_id": ["36-CT/TW:a"] * 5,
            "document": ["36-CT/TW"] * 5,
            "rule": ["≥ 15%"] * 5,
            "threshold": [0.15] * 5,
            "share": [8 / 40, 5 / 45, 6 / 33, 3 / 35, np.nan],
            "status": ["met", "below", "met", "below", "no_data"],
            "gap_pp": [0.0, 15 - 500 / 45, 0.0, 15 - 300 / 35, np.nan],
            "seats_needed": pd.array([0, 2, 0, 3, pd.NA], dtype="Int64"),
            "seats_needed_if_grow": pd.array([0, 2, 0, 3, pd.NA], dtype="Int64"),
            "note": ["", "", "", "", "không có thành viên"],
        }
    )


def big_compliance(n: int = 60) -> pd.DataFrame:
    """``n`` units with long Vietnamese names, shares i/40 for i = 0..n-1 (mod 20)."""
    female = [i % 20 for i in range(n)]
    total = [40] * n
    share = [f / 40 for f in female]
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * n,
            "unit_id": [f"U{i:02d}" for i in range(n)],
            "unit_name": [f"Thị trấn Điền Lư Thượng Xuân {i:02d}" for i in range(n)],
            "level": ["commune"] * n,
            "body": ["party_committee"] * n,
            "total": total,
            "female": female,
            "target_id": ["36-CT/TW:a"] * n,
            "document": ["36-CT/TW"] * n,
            "rule": ["≥ 15%"] * n,
            "threshold": [0.15] * n,
            "share": share,
            "status": ["met" if f >= 6 else "below" for f in female],
            "gap_pp": [max(0.0, 15 - 100 * s) for s in share],
            # 6/40 = 15 %: seats needed = 6 - f when f < 6
            "seats_needed": pd.array([max(0, 6 - f) for f in female], dtype="Int64"),
            "seats_needed_if_grow": pd.array([max(0, 6 - f) for f in female], dtype="Int64"),
            "note": [""] * n,
        }
    )


def ytick_texts(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def bar_widths(ax):
    return [float(p.get_width()) for p in ax.patches]


def bar_colors(ax):
    return [to_hex(p.get_facecolor()) for p in ax.patches]


def target_lines(ax):
    return [line for line in ax.lines if line.get_gid() == "target"]


# ---------------------------------------------------------------------------------------------
# plot_shares


def test_shares_bars_ranked_with_widths_labels_and_colours():
    ax = plot_shares(compliance_frame())
    # ranked by share: 20 %, 18.2 %, 11.1 %, 8.6 %, then no data
    assert ytick_texts(ax) == ["Hậu Lộc", "Vĩnh Lộc", "Ngọc Lặc", "Như Thanh", "Thường Xuân"]
    assert len(ax.patches) == 5
    assert bar_widths(ax) == pytest.approx([0.2, 6 / 33, 5 / 45, 3 / 35, 0.0])
    assert bar_colors(ax) == [
        STATUS_COLORS["met"].lower(),
        STATUS_COLORS["met"].lower(),
        STATUS_COLORS["below"].lower(),
        STATUS_COLORS["below"].lower(),
        STATUS_COLORS["no_data"].lower(),
    ]
    texts = [t.get_text() for t in ax.texts]
    assert texts == [
        "20,0% (8/40)",
        "18,2% (6/33)",
        "11,1% (5/45)",
        "8,6% (3/35)",
        "không có số liệu",
    ]


def test_shares_target_line_at_threshold_named_after_rule():
    ax = plot_shares(compliance_frame())
    (line,) = target_lines(ax)
    assert list(line.get_xdata()) == [0.15, 0.15]
    assert line.get_label() == "Chỉ tiêu ≥ 15%"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Chỉ tiêu ≥ 15%", "Đạt", "Chưa đạt", "Không có số liệu"]


def test_shares_titles_in_vietnamese_and_english():
    vi = plot_shares(compliance_frame())
    assert vi.get_title(loc="left") == (
        "Tỷ lệ nữ theo đơn vị\nBan Chấp hành (cấp ủy), nhiệm kỳ 2015-2020"
    )
    assert vi.get_xlabel() == "Tỷ lệ nữ (%)"
    en = plot_shares(compliance_frame(), lang="en")
    assert en.get_title(loc="left") == "Share of women by unit\nParty committee, term 2015-2020"
    assert en.get_xlabel() == "Share of women (%)"
    assert [t.get_text() for t in en.get_legend().get_texts()] == [
        "Target ≥ 15%",
        "Met",
        "Below target",
        "No data",
    ]
    assert en.texts[1].get_text() == "18.2% (6/33)"


def test_shares_selects_body_and_requires_a_choice():
    frame = compliance_frame()
    other = frame.assign(body="standing_committee", unit_name=[n + " (BTV)" for n in NAMES])
    both = pd.concat([frame, other], ignore_index=True)
    with pytest.raises(ValueError, match=r"expected one body to chart, got 2.*Hint: pass body="):
        plot_shares(both)
    ax = plot_shares(both, body="standing_committee")
    assert ytick_texts(ax)[0] == "Hậu Lộc (BTV)"
    with pytest.raises(ValueError, match=r"expected body='peoples_council' to be in the data"):
        plot_shares(both, body="peoples_council")


def test_shares_rejects_missing_columns_and_bad_lang():
    with pytest.raises(ValueError, match=r"without \['status'\]"):
        plot_shares(compliance_frame().drop(columns="status"))
    with pytest.raises(ValueError, match=r"Got lang='fr'. Must be one of \['en', 'vi'\]"):
        plot_shares(compliance_frame(), lang="fr")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# plot_seats_needed


def test_seats_needed_only_units_short_with_integer_labels():
    ax = plot_seats_needed(compliance_frame())
    assert ytick_texts(ax) == ["Như Thanh", "Ngọc Lặc"]
    assert bar_widths(ax) == [3.0, 2.0]
    assert [t.get_text() for t in ax.texts] == ["3", "2"]
    assert ax.get_title(loc="left") == (
        "Số nữ còn thiếu để đạt chỉ tiêu (≥ 15%)\nBan Chấp hành (cấp ủy), nhiệm kỳ 2015-2020"
    )
    en = plot_seats_needed(compliance_frame(), lang="en", if_grow=True)
    assert en.get_title(loc="left").startswith(
        "Women to add (body grows) to meet the target (≥ 15%)"
    )
    assert en.get_xlabel() == "Women still needed (persons)"


def test_seats_needed_message_when_every_unit_meets_the_target():
    frame = compliance_frame().iloc[[0, 2]]
    ax = plot_seats_needed(frame)
    assert len(ax.patches) == 0
    assert [t.get_text() for t in ax.texts] == [
        "Tất cả đơn vị đều đạt chỉ tiêu,\nkhông đơn vị nào còn thiếu nữ"
    ]


def two_bodies_two_targets() -> pd.DataFrame:
    """Party committees against two targets (≥ 15 % and ≥ 25 %) plus standing committees."""
    frame = compliance_frame().iloc[:4]
    strict = frame.assign(
        target_id="NQ11:a",
        document="11-NQ/TW",
        rule="≥ 25%",
        threshold=0.25,
        status="below",
        # 25 % of 40 = 10 (8 → 2 more); of 45: 11.25 → 12 (5 → 7); of 33: 8.25 → 9 (6 → 3);
        # of 35: 8.75 → 9 (3 → 6)
        seats_needed=pd.array([2, 7, 3, 6], dtype="Int64"),
    )
    standing = frame.assign(
        body="standing_committee",
        total=[13, 15, 11, 12],
        female=[1, 0, 2, 0],
        rule="≥ 1 nữ",
        threshold=np.nan,
        target_id="36-CT/TW:b",
        share=[1 / 13, 0.0, 2 / 11, 0.0],
        status=["met", "below", "met", "below"],
        seats_needed=pd.array([0, 1, 0, 1], dtype="Int64"),
    )
    return pd.concat([frame, strict, standing], ignore_index=True)


def test_shares_with_two_targets_draws_both_lines_and_names_the_colouring_target():
    frame = two_bodies_two_targets()
    ax = plot_shares(frame, body="party_committee")
    assert len(ax.patches) == 4
    assert [list(line.get_xdata()) for line in target_lines(ax)] == [[0.15, 0.15], [0.25, 0.25]]
    assert bar_colors(ax) == [STATUS_COLORS[s].lower() for s in ["met", "met", "below", "below"]]
    assert ax.get_legend().get_title().get_text() == "Tình trạng (36-CT/TW:a)"
    chosen = plot_shares(frame, body="party_committee", target_id="NQ11:a")
    assert [line.get_label() for line in target_lines(chosen)] == ["Chỉ tiêu ≥ 25%"]
    assert set(bar_colors(chosen)) == {STATUS_COLORS["below"].lower()}


def test_shares_presence_target_has_no_line():
    ax = plot_shares(two_bodies_two_targets(), body="standing_committee")
    assert target_lines(ax) == []
    assert ytick_texts(ax) == ["Vĩnh Lộc", "Hậu Lộc", "Ngọc Lặc", "Như Thanh"]


def test_seats_needed_over_bodies_and_targets_labels_each_row():
    ax = plot_seats_needed(two_bodies_two_targets())
    assert ytick_texts(ax) == [
        "Ngọc Lặc · Ban Chấp hành (cấp ủy) · ≥ 25%",
        "Như Thanh · Ban Chấp hành (cấp ủy) · ≥ 25%",
        "Như Thanh · Ban Chấp hành (cấp ủy) · ≥ 15%",
        "Vĩnh Lộc · Ban Chấp hành (cấp ủy) · ≥ 25%",
        "Hậu Lộc · Ban Chấp hành (cấp ủy) · ≥ 25%",
        "Ngọc Lặc · Ban Chấp hành (cấp ủy) · ≥ 15%",
        "Ngọc Lặc · Ban Thường vụ · ≥ 1 nữ",
        "Như Thanh · Ban Thường vụ · ≥ 1 nữ",
    ]
    assert bar_widths(ax) == [7.0, 6.0, 3.0, 3.0, 2.0, 2.0, 1.0, 1.0]


# ---------------------------------------------------------------------------------------------
# plot_change


def two_terms() -> pd.DataFrame:
    """Counts of three units in two terms; shares worked by hand.

    Hậu Lộc 4/40 = 10 % → 8/40 = 20 % (+10); Ngọc Lặc 8/40 = 20 % → 6/40 = 15 % (−5);
    Vĩnh Lộc 3/30 = 10 % → 4/32 = 12.5 % (+2.5); Như Thanh only in 2015-2020.
    """
    return pd.DataFrame(
        {
            "term": ["2010-2015"] * 3 + ["2015-2020"] * 4,
            "unit_id": ["HL", "NL", "VL", "HL", "NL", "VL", "NT"],
            "unit_name": ["Hậu Lộc", "Ngọc Lặc", "Vĩnh Lộc", *NAMES[:4]],
            "level": ["district"] * 7,
            "body": ["party_committee"] * 7,
            "total": [40, 40, 30, 40, 40, 32, 35],
            "female": [4, 8, 3, 8, 6, 4, 3],
        }
    )


def test_change_dumbbells_sorted_by_change_from_counts():
    ax = plot_change(
        two_terms(), from_term="2010-2015", to_term="2015-2020", body="party_committee"
    )
    assert ytick_texts(ax) == ["Hậu Lộc", "Vĩnh Lộc", "Ngọc Lặc"]
    dots = {c.get_gid(): c.get_offsets() for c in ax.collections if c.get_gid() in ("from", "to")}
    assert dots["from"][:, 0].tolist() == pytest.approx([0.10, 0.10, 0.20])
    assert dots["to"][:, 0].tolist() == pytest.approx([0.20, 0.125, 0.15])
    (segments,) = [c for c in ax.collections if c.get_gid() == "change"]
    assert len(segments.get_segments()) == 3
    assert [t.get_text() for t in ax.texts] == ["+10,0", "+2,5", "-5,0"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2010-2015", "2015-2020"]
    assert ax.get_title(loc="left") == (
        "Thay đổi tỷ lệ nữ (điểm %), 2010-2015 → 2015-2020\nBan Chấp hành (cấp ủy)"
    )


def test_change_of_a_trend_frame_is_computed_from_its_counts_and_rejects_unknown_term():
    # issue 14.4: the change is term_changes' (exact, from the counts), whatever "share" says
    trend = two_terms().assign(share=[0.1, 0.2, 0.1, 0.3, 0.1, 0.1, 0.2])
    ax = plot_change(
        trend, from_term="2010-2015", to_term="2015-2020", body="party_committee", lang="en"
    )
    assert ytick_texts(ax) == ["Hậu Lộc", "Vĩnh Lộc", "Ngọc Lặc"]
    assert [t.get_text() for t in ax.texts] == ["+10.0", "+2.5", "-5.0"]
    assert ax.get_title(loc="left").startswith("Change in the share of women (points)")
    with pytest.raises(ValueError, match=r"expected term '2020-2025' in the data"):
        plot_change(trend, from_term="2015-2020", to_term="2020-2025", body="party_committee")


# ---------------------------------------------------------------------------------------------
# plot_heatmap


def test_heatmap_shares_units_by_bodies():
    frame = two_bodies_two_targets()
    ax = plot_heatmap(frame)
    (image,) = ax.get_images()
    cells = np.asarray(image.get_array(), dtype=float)
    expected = [[8 / 40, 1 / 13], [5 / 45, 0.0], [6 / 33, 2 / 11], [3 / 35, 0.0]]
    assert cells == pytest.approx(np.array(expected))
    assert ytick_texts(ax) == ["Hậu Lộc", "Ngọc Lặc", "Vĩnh Lộc", "Như Thanh"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Ban Chấp hành\n(cấp ủy)",
        "Ban Thường vụ",
    ]
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["20,0%", "7,7%", "11,1%", "0,0%", "18,2%", "18,2%", "8,6%", "0,0%"]


def test_heatmap_status_one_column_per_target_with_words_and_colours():
    ax = plot_heatmap(two_bodies_two_targets(), value="status", lang="en")
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Party committee\n(≥ 15%)",
        "Party committee\n(≥ 25%)",
        "Standing\ncommittee",
    ]
    texts = [t.get_text() for t in ax.texts]
    assert texts[:3] == ["Met", "Below target", "Met"]  # Hậu Lộc
    assert texts[3:6] == ["Below target", "Below target", "Below target"]  # Ngọc Lặc
    (image,) = ax.get_images()
    rgba = image.to_rgba(np.asarray(image.get_array()))
    assert to_hex(rgba[0, 0]) == STATUS_COLORS["met"].lower()
    assert to_hex(rgba[0, 1]) == STATUS_COLORS["below"].lower()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Met", "Below target"]


def test_heatmap_marks_missing_cells_and_rejects_bad_value():
    frame = two_bodies_two_targets()
    frame = frame[~((frame["unit_id"] == "HL") & (frame["body"] == "standing_committee"))]
    ax = plot_heatmap(frame)
    assert ax.texts[1].get_text() == "–"
    with pytest.raises(ValueError, match=r"Got value='gap'. Must be one of \['share', 'status'\]"):
        plot_heatmap(frame, value="gap")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# plot_stacked


def test_stacked_women_and_men_per_level_and_body():
    counts = pd.DataFrame(
        {
            "term": ["2015-2020"] * 4,
            "unit_id": ["HL", "NL", "SYT", "HL"],
            "unit_name": ["Hậu Lộc", "Ngọc Lặc", "Sở Y tế", "Hậu Lộc"],
            "level": ["district", "district", "agency", "district"],
            "body": ["party_committee", "party_committee", "party_committee", "standing_committee"],
            "total": [40, 45, 15, 13],
            "female": [8, 5, 6, 1],
        }
    )
    ax = plot_stacked(counts)
    assert ytick_texts(ax) == [
        "Cấp huyện · Ban Chấp hành (cấp ủy)",
        "Cấp huyện · Ban Thường vụ",
        "Sở, ban, ngành · Ban Chấp hành (cấp ủy)",
    ]
    # women: 8 + 5 = 13, 1, 6; men: 85 - 13 = 72, 12, 9
    assert bar_widths(ax) == [13.0, 1.0, 6.0, 72.0, 12.0, 9.0]
    assert [float(p.get_x()) for p in ax.patches[3:]] == [13.0, 1.0, 6.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Nữ", "Nam"]
    assert [t.get_text() for t in ax.texts][-3:] == ["85", "13", "15"]
    en = plot_stacked(counts, lang="en")
    assert en.get_title(loc="left") == "Women and men by level and body\nterm 2015-2020"


# ---------------------------------------------------------------------------------------------
# plot_trend


def trend_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "body": ["party_committee"] * 6,
            "unit_id": ["HL"] * 3 + ["NL"] * 3,
            "unit_name": ["Hậu Lộc"] * 3 + ["Ngọc Lặc"] * 3,
            "level": ["district"] * 6,
            "term": ["2010-2015", "2015-2020", "2020-2025"] * 2,
            "term_start": [2010, 2015, 2020] * 2,
            "total": [40] * 6,
            "female": [4, 8, 10, 8, 6, 6],
            "share": [0.1, 0.2, 0.25, 0.2, 0.15, 0.15],
            "change_pp": [np.nan, 10.0, 5.0, np.nan, -5.0, 0.0],
            "target_share": [0.25] * 6,
            "target_year": [2030] * 6,
        }
    )


def test_trend_lines_target_and_target_year_from_the_frame():
    ax = plot_trend(trend_frame())
    units = [line for line in ax.lines if str(line.get_gid()).startswith("unit:")]
    assert [line.get_label() for line in units] == ["Hậu Lộc", "Ngọc Lặc"]
    assert units[0].get_xdata().tolist() == [2010, 2015, 2020]
    assert units[0].get_ydata().tolist() == [0.1, 0.2, 0.25]
    (target,) = target_lines(ax)
    assert list(target.get_ydata()) == [0.25, 0.25]
    assert target.get_label() == "Chỉ tiêu 25,0%"
    (year,) = [line for line in ax.lines if line.get_gid() == "target_year"]
    assert list(year.get_xdata()) == [2030, 2030]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "2010-2015",
        "2015-2020",
        "2020-2025",
        "2030",
    ]
    assert ax.get_title(loc="left") == "Tỷ lệ nữ qua các nhiệm kỳ\nBan Chấp hành (cấp ủy)"


def test_trend_selects_units_and_overrides_target():
    ax = plot_trend(trend_frame(), units=["Ngọc Lặc"], target_share=0.35, lang="en")
    units = [line for line in ax.lines if str(line.get_gid()).startswith("unit:")]
    assert [line.get_label() for line in units] == ["Ngọc Lặc"]
    assert target_lines(ax)[0].get_label() == "Target 35.0%"
    with pytest.raises(ValueError, match=r"got unknown \['Quảng Xương'\]"):
        plot_trend(trend_frame(), units=["Quảng Xương"])


# ---------------------------------------------------------------------------------------------
# plot_progress


def assessment_frame() -> pd.DataFrame:
    """The worked example of progress_methods.md: 20 % → 26 % (score 4.11), 20 % → 22 % (−0.74)."""
    return pd.DataFrame(
        {
            "unit_id": ["HL", "NL", "VL"],
            "unit_name": ["Hậu Lộc", "Ngọc Lặc", "Vĩnh Lộc"],
            "level": ["district"] * 3,
            "body": ["party_committee"] * 3,
            "method": ["growth_ratio"] * 3,
            "base_term": ["2015-2020"] * 3,
            "current_term": ["2020-2025"] * 3,
            "base_share": [0.20, 0.20, 0.30],
            "current_share": [0.26, 0.22, 0.36],
            "target_share": [0.35] * 3,
            "target_year": [2030] * 3,
            "value": [1.18, 0.42, np.nan],
            "score": [4.11, -0.74, 5.0],
            "status": ["substantial progress", "limited progress", "target achieved"],
            "projected_share": [0.37, 0.25, 0.4],
            "projected_status": ["met", "below", "met"],
        }
    )


def test_progress_bars_of_score_coloured_by_status_with_method_in_title():
    ax = plot_progress(assessment_frame())
    assert ytick_texts(ax) == ["Vĩnh Lộc", "Hậu Lộc", "Ngọc Lặc"]
    assert bar_widths(ax) == pytest.approx([5.0, 4.11, -0.74])
    assert bar_colors(ax) == [
        PROGRESS_COLORS["target achieved"].lower(),
        PROGRESS_COLORS["substantial progress"].lower(),
        PROGRESS_COLORS["limited progress"].lower(),
    ]
    assert [t.get_text() for t in ax.texts] == ["5,00", "4,11", "-0,74"]
    assert ax.get_title(loc="left") == (
        "Đánh giá tiến độ theo phương pháp tỷ số tốc độ tăng (Open SDG)\n"
        "Ban Chấp hành (cấp ủy), 2015-2020 → 2020-2025, chỉ tiêu 35,0% vào năm 2030"
    )
    en = plot_progress(assessment_frame(), lang="en")
    assert en.get_title(loc="left").startswith("Progress assessed by the method growth-rate ratio")
    assert [t.get_text() for t in en.get_legend().get_texts()] == [
        "Target achieved",
        "Substantial progress",
        "Limited progress",
    ]


def test_progress_falls_back_to_value_and_requires_one_method():
    frame = assessment_frame().assign(method="linear", score=np.nan, value=[0.5, -0.2, 1.0])
    ax = plot_progress(frame, lang="en")
    assert bar_widths(ax) == pytest.approx([1.0, 0.5, -0.2])
    assert ax.get_xlabel() == "Value of the method"
    both = pd.concat([assessment_frame(), frame], ignore_index=True)
    with pytest.raises(ValueError, match=r"expected one method to chart, got 2"):
        plot_progress(both)


# ---------------------------------------------------------------------------------------------
# every chart: ax, figures, rcParams, inputs, 60 units


def big_trend(n: int = 60) -> pd.DataFrame:
    big = big_compliance(n)
    parts = []
    for k, (term, start) in enumerate(
        [("2010-2015", 2010), ("2015-2020", 2015), ("2020-2025", 2020)]
    ):
        parts.append(
            big.assign(
                term=term,
                term_start=start,
                female=[(f + k) % 20 for f in big["female"]],
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out.assign(share=out["female"] / out["total"], target_share=0.25, target_year=2030)[
        [
            "body",
            "unit_id",
            "unit_name",
            "level",
            "term",
            "term_start",
            "total",
            "female",
            "share",
            "target_share",
            "target_year",
        ]
    ]


def big_assessment(n: int = 60) -> pd.DataFrame:
    big = big_compliance(n)
    statuses = [
        "target achieved",
        "substantial progress",
        "moderate progress",
        "limited progress",
        "deterioration",
    ]
    return big[["unit_id", "unit_name", "level", "body"]].assign(
        method="growth_ratio",
        score=[round(-5 + 10 * i / (n - 1), 2) for i in range(n)],
        status=[statuses[4 - min(4, i * 5 // n)] for i in range(n)],
    )


def big_heatmap_frame(n: int = 60) -> pd.DataFrame:
    big = big_compliance(n)
    bodies = ["party_committee", "standing_committee", "peoples_council", "peoples_committee"]
    return pd.concat([big.assign(body=b) for b in bodies], ignore_index=True)


CHARTS = {
    "shares": (plot_shares, big_compliance, {}),
    "seats_needed": (plot_seats_needed, big_compliance, {}),
    "change": (
        plot_change,
        big_trend,
        {"from_term": "2010-2015", "to_term": "2020-2025", "body": "party_committee"},
    ),
    "heatmap_share": (plot_heatmap, big_heatmap_frame, {}),
    "heatmap_status": (plot_heatmap, big_heatmap_frame, {"value": "status"}),
    "stacked": (plot_stacked, big_compliance, {"by": "unit_name"}),
    "trend": (plot_trend, big_trend, {}),
    "progress": (plot_progress, big_assessment, {}),
}


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_draws_on_the_given_axes_without_a_new_figure(name):
    func, make, options = CHARTS[name]
    _fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert func(make(8), ax=ax, **options) is ax
    assert plt.get_fignums() == before
    assert ax.has_data() or ax.texts


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_leaves_rcparams_and_input_unchanged(name):
    func, make, options = CHARTS[name]
    frame = make(8)
    copy = frame.copy(deep=True)
    params = dict(matplotlib.rcParams)
    func(frame, **options)
    assert dict(matplotlib.rcParams) == params
    pd.testing.assert_frame_equal(frame, copy)


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_saves_a_png_at_60_units_without_missing_glyphs(name, tmp_path, lang="vi"):
    # filterwarnings=error turns a "Glyph ... missing from font" warning into a failure
    func, make, options = CHARTS[name]
    ax = func(make(60), lang=lang, **options)
    path = tmp_path / f"{name}_{lang}.png"
    ax.figure.savefig(path, dpi=60)
    assert path.stat().st_size > 10_000
    assert ax.get_title(loc="left")


def test_glyph_check_would_catch_a_font_without_vietnamese():
    # the check above is meaningful: a font lacking "ộ" warns, and pytest turns it into an error
    fig, ax = plt.subplots()
    ax.set_title("Hậu Lộc", fontfamily="cmr10")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_rejects_an_empty_frame(name):
    func, make, options = CHARTS[name]
    with pytest.raises(ValueError, match=r"with rows to chart, got none|got only \[\]"):
        func(make(8).iloc[:0], **options)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 60), st.integers(0, 60)).map(lambda t: (t[0], min(t[0], t[1]))),
        min_size=1,
        max_size=30,
    )
)
def test_shares_bars_are_the_input_shares_in_descending_order(sizes):
    n = len(sizes)
    total = [t for t, _ in sizes]
    female = [f for _, f in sizes]
    frame = big_compliance(n).assign(
        total=total,
        female=female,
        share=[f / t for t, f in sizes],
        status=["met" if 100 * f >= 15 * t else "below" for t, f in sizes],
    )
    ax = plot_shares(frame)
    widths = bar_widths(ax)
    assert len(widths) == n
    assert widths == sorted(widths, reverse=True)
    assert sorted(widths) == pytest.approx(sorted(f / t for t, f in sizes))
    for width, color in zip(widths, bar_colors(ax), strict=True):
        status = "met" if width >= 0.15 - 1e-12 else "below"
        assert color == STATUS_COLORS[status].lower()
    plt.close("all")


def test_several_terms_is_a_library_error_in_both_languages():
    from gender_stats.errors import ArgumentError, GenderStatsError

    counts = pd.DataFrame(
        {
            "term": ["2015-2020", "2020-2025"],
            "unit_id": ["A", "A"],
            "unit_name": ["Huyện A", "Huyện A"],
            "level": ["district"] * 2,
            "body": ["party_committee"] * 2,
            "total": [30, 31],
            "female": [5, 6],
        }
    )
    with pytest.raises(ArgumentError, match=r"^biểu đồ vẽ một term mỗi lần, dữ liệu có 2") as info:
        plot_stacked(counts)
    assert isinstance(info.value, GenderStatsError) and isinstance(info.value, ValueError)
    assert "--term" in str(info.value)


def test_seats_needed_for_members_under_40_never_says_women():
    import gender_stats as gs

    counts = under_40_counts()
    compliance = gs.check(counts, "35-CT/TW-2019")
    ax = plot_seats_needed(compliance, target_id="35-CT/TW-2019:c")
    title = ax.get_title(loc="left")
    assert title.startswith("Số thành viên dưới 40 tuổi còn thiếu để đạt chỉ tiêu (≥ 10%)")
    assert ax.get_xlabel() == "Số thành viên dưới 40 tuổi còn thiếu (người)"
    assert [float(p.get_width()) for p in ax.patches] == [2.0]  # Huyện A: 4 needed, 2 there
    plt.close(ax.figure)
    ax = plot_seats_needed(compliance, target_id="35-CT/TW-2019:c", lang="en")
    assert "women" not in (ax.get_title(loc="left") + ax.get_xlabel()).lower()
    assert ax.get_xlabel() == "Members under 40 still needed (persons)"
    plt.close(ax.figure)
    ax = plot_seats_needed(compliance, target_id="35-CT/TW-2019:a", lang="en")
    assert ax.get_xlabel() == "Women still needed (persons)"
    plt.close(ax.figure)
