"""Charts a leadership forwards (issue 15.4): no unit with no woman hidden, numbers in the locale.

Asserted through the Axes: the 0-woman marker, its label and colour; the number formats of bar
labels and axis ticks (one formatter: ``outputs.labels``); chart file names in one language.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from gender_stats.errors import ArgumentError
from gender_stats.outputs.labels import CHART_FILE_KINDS, chart_file_stem, chart_label
from gender_stats.outputs.plots import (
    STATUS_COLORS,
    plot_progress,
    plot_seats_needed,
    plot_shares,
    plot_trend,
)
from gender_stats.outputs.plots_base import count_tick, share_tick


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def compliance() -> pd.DataFrame:
    """Against ≥ 15 %: Hậu Lộc 8/40 met; Như Thanh 0/35 and Quan Sơn 0/11 below; Mường Lát 0/0."""
    return pd.DataFrame(
        {
            "term": ["2020-2025"] * 4,
            "unit_id": ["HL", "NT", "QS", "ML"],
            "unit_name": ["Hậu Lộc", "Như Thanh", "Quan Sơn", "Mường Lát"],
            "body": ["party_committee"] * 4,
            "total": [40, 35, 11, 0],
            "female": [8, 0, 0, 0],
            "target_id": ["36-CT/TW:a"] * 4,
            "rule": ["≥ 15%"] * 4,
            "threshold": [0.15] * 4,
            "share": [0.2, 0.0, 0.0, np.nan],
            "status": ["met", "below", "below", "no_data"],
            "seats_needed": pd.array([0, 6, 2, pd.NA], dtype="Int64"),
        }
    )


def no_woman_marks(ax):
    return [c for c in ax.collections if c.get_gid() == "no_woman"]


def test_units_with_no_woman_get_a_marker_at_zero_with_their_label_in_below_colour():
    ax = plot_shares(compliance())
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == ["Hậu Lộc", "Như Thanh", "Quan Sơn", "Mường Lát"]
    (marks,) = no_woman_marks(ax)
    offsets = marks.get_offsets().tolist()
    assert offsets == [[0.0, 1.0], [0.0, 2.0]]  # the rows of Như Thanh and Quan Sơn
    below = STATUS_COLORS["below"].lower()
    assert [to_hex(c) for c in marks.get_facecolors()] == [below, below]
    texts = [t.get_text() for t in ax.texts]
    assert texts[1:3] == ["0,0% (0/35)", "0,0% (0/11)"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert chart_label("no_woman") in legend


def test_no_marker_for_a_unit_without_members_nor_when_every_unit_has_a_woman():
    frame = compliance()
    ax = plot_shares(frame[frame["unit_id"].isin(["HL", "ML"])], lang="en")
    assert no_woman_marks(ax) == []
    assert "no woman" not in [t.get_text() for t in ax.get_legend().get_texts()]


def test_share_axis_ticks_and_labels_in_the_locale():
    ax = plot_shares(compliance())
    ax.set_xlim(0, 0.05)  # ticks at 0, 1 %, ... or 0,5 % steps
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks and all(t.endswith("%") for t in ticks)
    assert not any("." in t for t in ticks)
    assert share_tick(0.025, "vi") == "2,5%" and share_tick(0.30000000000000004, "vi") == "30%"
    assert share_tick(0.125, "en") == "12.5%"
    assert count_tick(9310, "vi") == "9.310" and count_tick(9310, "en") == "9,310"


def test_progress_values_with_comma_decimals_in_vietnamese():
    assessment = pd.DataFrame(
        {
            "unit_id": ["A", "B"],
            "unit_name": ["Hậu Lộc", "Ngọc Lặc"],
            "method": ["linear"] * 2,
            "value": [0.125, -2.5],
            "status": ["on track", "off track"],
        }
    )
    ax = plot_progress(assessment)
    assert [t.get_text() for t in ax.texts] == ["0,13", "-2,50"]  # half-up: 0.125 → 0,13
    ax.set_xlim(-1, 1)  # ticks every 0,25 or 0,5
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert any("," in t for t in ticks) and not any("." in t for t in ticks)


def test_trend_axis_and_target_in_the_locale():
    trend = pd.DataFrame(
        {
            "unit_id": ["A", "A"],
            "unit_name": ["Hậu Lộc"] * 2,
            "term": ["2015-2020", "2020-2025"],
            "share": [0.1, 0.125],
        }
    )
    ax = plot_trend(trend, target_share=0.155)
    assert [line.get_label() for line in ax.lines if line.get_gid() == "target"] == [
        "Chỉ tiêu 15,5%"
    ]
    ax.figure.canvas.draw()
    assert all("." not in t.get_text() for t in ax.get_yticklabels())


def test_women_needed_counts_with_thousands_separator():
    frame = compliance().assign(seats_needed=pd.array([0, 1250, 2, pd.NA], dtype="Int64"))
    ax = plot_seats_needed(frame)
    assert [t.get_text() for t in ax.texts] == ["1.250", "2"]
    en = plot_seats_needed(frame, lang="en")
    assert [t.get_text() for t in en.texts] == ["1,250", "2"]


def test_chart_file_names_are_ascii_english_whatever_the_language():
    assert chart_file_stem("shares", "party_committee") == "shares_party_committee"
    assert chart_file_stem("women_men", term="2020-2025") == "women_men_2020-2025"
    for kind in CHART_FILE_KINDS:
        stem = chart_file_stem(kind, "peoples_council", "2021-2026")
        assert stem.isascii() and " " not in stem
    with pytest.raises(ArgumentError, match=r"unknown chart kind.*'ty_le'"):
        chart_file_stem("ty_le")


def test_the_report_names_its_chart_files_the_same_in_both_languages(tmp_path):
    from gender_stats.outputs.report import build_report

    counts = pd.DataFrame(
        {
            "term": ["2015-2020"] * 4 + ["2020-2025"] * 4,
            "unit_id": ["A", "B", "A", "B"] * 2,
            "unit_name": ["Huyện A", "Huyện B"] * 4,
            "level": ["district"] * 8,
            "body": ["party_committee", "party_committee", "staff", "staff"] * 2,
            "total": [40, 33, 900, 1200, 41, 33, 950, 1210],
            "female": [8, 3, 400, 610, 9, 0, 420, 600],
        }
    )
    names = {}
    for lang in ("vi", "en"):
        saved = build_report(counts, lang=lang).save(tmp_path / lang)
        names[lang] = sorted(p.name for p in saved.charts)
        assert all(n.isascii() for n in names[lang])
    assert names["vi"] == names["en"]
    assert "women_men_2020-2025.png" in names["vi"] or "women_men.png" in names["vi"]
    assert any(n.startswith("change_party_committee") for n in names["vi"])


def test_returns_chart_speaks_one_language():
    import datetime as dt

    from gender_stats.outputs.plots_collection import plot_returns

    status = pd.DataFrame(
        {"unit_id": ["A", "B", "C"], "received": pd.to_datetime(["2015-11-20", "2015-12-03", None])}
    )
    ax = plot_returns(status, deadline=dt.date(2015, 12, 1), lang="en")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["received", "3 units", "deadline"]
    assert ax.get_title(loc="left") == "Returns received over time"
    vi = plot_returns(status, deadline=dt.date(2015, 12, 1))
    assert [t.get_text() for t in vi.get_legend().get_texts()] == ["đã nhận", "3 đơn vị", "hạn nộp"]


def test_share_labels_group_thousands():
    frame = compliance().assign(
        total=[1200, 35, 11, 0], female=[610, 0, 0, 0], share=[610 / 1200, 0, 0, np.nan]
    )
    ax = plot_shares(frame)
    assert ax.texts[0].get_text() == "50,8% (610/1.200)"
    assert plot_shares(frame, lang="en").texts[0].get_text() == "50.8% (610/1,200)"


def test_the_marker_says_no_woman_only_when_there_is_none():
    # a target judging another group (under 40): share 0 of under-40s with 2 women is not "no woman"
    frame = compliance().assign(female=[8, 2, 0, 0], numerator="under_40")
    ax = plot_shares(frame)
    (marks,) = no_woman_marks(ax)
    assert marks.get_offsets().tolist() == [[0.0, 2.0]]  # Quan Sơn only


def test_unit_names_clear_the_markers_at_zero():
    ax = plot_shares(compliance())
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    (marks,) = no_woman_marks(ax)
    centre = ax.transData.transform((0.0, 0.0))[0]
    scale = marks.get_transforms()[0][:2, :2]  # the marker's path in pixels
    half_width = abs(marks.get_paths()[0].vertices @ scale.T)[:, 0].max()
    mark_left = centre - half_width
    for label in ax.get_yticklabels():
        if label.get_text() in ("Như Thanh", "Quan Sơn"):
            assert label.get_window_extent(renderer).x1 <= mark_left  # the name is not covered


def test_change_dots_at_zero_clear_the_unit_names_and_the_legend_clears_the_dots():
    from gender_stats import plot_change

    counts = pd.DataFrame(
        {
            "term": ["2010-2015"] * 3 + ["2015-2020"] * 3,
            "unit_id": ["A", "B", "C"] * 2,
            "unit_name": ["Sở Giao thông vận tải", "Huyện Như Xuân", "Sở Tài chính"] * 2,
            "level": ["province"] * 6,
            "body": ["party_committee"] * 6,
            "total": [20] * 6,
            "female": [0, 5, 9, 0, 2, 4],  # A stays at 0 %; C falls from 45 % (lower right)
        }
    )
    ax = plot_change(counts, from_term="2010-2015", to_term="2015-2020", body="party_committee")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    dots = [c for c in ax.collections if c.get_gid() in ("from", "to")]
    radius = max(np.sqrt(c.get_sizes()).max() for c in dots) / 2 * fig.dpi / 72  # points → px
    zero_x = ax.transData.transform((0.0, 0.0))[0]
    gap = 2 * fig.dpi / 72  # 2 points of white between a name and a dot at 0 %
    for label in ax.get_yticklabels():
        assert label.get_window_extent(renderer).x1 <= zero_x - radius - gap
    legend = ax.get_legend().get_window_extent(renderer)
    for collection in dots:
        for x, y in ax.transData.transform(collection.get_offsets()):
            assert not (legend.x0 <= x <= legend.x1 and legend.y0 <= y <= legend.y1)
    import matplotlib.pyplot as plt

    plt.close(fig)
