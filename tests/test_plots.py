"""Tests of gender_stats.plots: chart content asserted through the Axes (never through images)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from gender_stats.plots import (
    STATUS_COLORS,
    plot_seats_needed,
    plot_shares,
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
        "20% (8/40)",
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
