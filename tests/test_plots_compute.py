"""The compute functions the charts draw (issue 14.4), with expected values worked out by hand.

``term_changes`` (the one change since the previous term), ``unit_body_matrix`` (the heatmap) and
``women_men_totals`` (the stacked chart); then the charts drawing exactly them.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.counting import women_men_totals
from gender_stats.errors import ArgumentError
from gender_stats.indicators import term_changes, unit_body_matrix
from gender_stats.outputs.plots import plot_change, plot_heatmap, plot_stacked


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def counts_two_terms() -> pd.DataFrame:
    """Huyện A 4/40 = 10 % → 7/45 = 15.5 % (+50/9 points); Huyện B 3/30 → 0/31 (−10 points)."""
    return pd.DataFrame(
        {
            "term": ["2015-2020", "2015-2020", "2020-2025", "2020-2025"],
            "unit_id": ["A", "B", "A", "B"],
            "unit_name": ["Huyện A", "Huyện B", "Huyện A", "Huyện B"],
            "level": ["district"] * 4,
            "body": ["party_committee"] * 4,
            "total": [40, 30, 45, 31],
            "female": [4, 3, 7, 0],
        }
    )


# ---------------------------------------------------------------------------------------------
# term_changes: the one change since the previous term


def test_term_changes_exact_points_and_the_previous_share():
    out = term_changes(counts_two_terms(), exact=True)
    assert out[["unit_id", "term"]].values.tolist() == [
        ["A", "2015-2020"],
        ["A", "2020-2025"],
        ["B", "2015-2020"],
        ["B", "2020-2025"],
    ]
    # 7/45 - 4/40 = 28/180 - 18/180 = 10/180 = 1/18 -> 100/18 = 50/9 points
    assert out["change_pp"].tolist() == [None, Fraction(50, 9), None, Fraction(-10)]
    assert out["share_previous"].tolist()[1] == pytest.approx(0.1)
    assert out["share_previous"].tolist()[3] == pytest.approx(0.1)
    floats = term_changes(counts_two_terms())["change_pp"].tolist()
    assert floats[1] == pytest.approx(50 / 9) and floats[3] == -10.0


def test_term_changes_no_members_gives_no_change():
    counts = counts_two_terms().assign(total=[40, 0, 45, 31], female=[4, 0, 7, 0])
    out = term_changes(counts, exact=True)
    assert out["change_pp"].tolist()[3] is None
    assert np.isnan(term_changes(counts)["change_pp"].iloc[3])


def test_change_chart_draws_term_changes():
    ax = plot_change(
        counts_two_terms(), from_term="2015-2020", to_term="2020-2025", body="party_committee"
    )
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Huyện A", "Huyện B"]
    assert [t.get_text() for t in ax.texts] == ["+5,6", "-10,0"]  # 50/9 = 5.55… → 5,6
    dots = {c.get_gid(): c.get_offsets() for c in ax.collections if c.get_gid()}
    assert dots["from"][:, 0].tolist() == pytest.approx([0.1, 0.1])
    assert dots["to"][:, 0].tolist() == pytest.approx([7 / 45, 0.0])


def test_change_chart_needs_the_earlier_term_first():
    with pytest.raises(ArgumentError, match=r"expected from_term before to_term"):
        plot_change(
            counts_two_terms(), from_term="2020-2025", to_term="2015-2020", body="party_committee"
        )


# ---------------------------------------------------------------------------------------------
# unit_body_matrix: the heatmap


def compliance_two_bodies() -> pd.DataFrame:
    """A: party 8/40 met ≥ 15 % and below ≥ 25 %; standing 0/13 below. B: party 5/45 below."""
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 4,
            "unit_id": ["A", "A", "A", "B"],
            "unit_name": ["Huyện A", "Huyện A", "Huyện A", "Huyện B"],
            "body": ["standing_committee", "party_committee", "party_committee", "party_committee"],
            "target_id": ["36-CT/TW:b", "36-CT/TW:a", "NQ11:a", "36-CT/TW:a"],
            "rule": ["≥ 1 nữ", "≥ 15%", "≥ 25%", "≥ 15%"],
            "numerator": ["female"] * 4,
            "share": [0.0, 0.2, 0.2, 5 / 45],
            "status": ["below", "met", "below", "below"],
        }
    )


def test_matrix_of_shares_units_by_bodies_in_vocabulary_order():
    matrix = unit_body_matrix(compliance_two_bodies())
    assert matrix.index.tolist() == [("A", "Huyện A"), ("B", "Huyện B")]
    assert matrix.columns.get_level_values("body").tolist() == [
        "party_committee",
        "standing_committee",
    ]
    values = matrix.to_numpy()
    assert values[0].tolist() == [0.2, 0.0]
    assert values[1, 0] == pytest.approx(5 / 45) and np.isnan(values[1, 1])


def test_matrix_of_statuses_one_column_per_target_with_its_rule():
    matrix = unit_body_matrix(compliance_two_bodies(), value="status")
    assert matrix.columns.tolist() == [
        ("party_committee", "36-CT/TW:a", "≥ 15%"),
        ("party_committee", "NQ11:a", "≥ 25%"),
        ("standing_committee", "36-CT/TW:b", "≥ 1 nữ"),
    ]
    cells = matrix.to_numpy().tolist()
    assert cells[0] == ["met", "below", "below"]
    assert cells[1][0] == "below" and pd.isna(cells[1][1]) and pd.isna(cells[1][2])


def test_matrix_share_prefers_the_womens_row_and_refuses_duplicates():
    frame = compliance_two_bodies()
    under_40 = frame.iloc[[1]].assign(target_id="35:a", numerator="under_40", share=0.5)
    mixed = pd.concat([under_40, frame], ignore_index=True)
    assert unit_body_matrix(mixed).to_numpy()[0, 0] == 0.2  # women's share, not under-40s'
    twice = pd.concat([frame, frame.assign(term="2020-2025")], ignore_index=True)
    with pytest.raises(ArgumentError, match=r"expected one row per unit × body × target"):
        unit_body_matrix(twice, value="status")
    with pytest.raises(ArgumentError, match=r"value='gap'"):
        unit_body_matrix(frame, value="gap")


def test_heatmap_draws_the_matrix_and_marks_no_woman():
    ax = plot_heatmap(compliance_two_bodies(), lang="en")
    (image,) = ax.get_images()
    drawn = np.ma.filled(image.get_array(), np.nan)
    expected = unit_body_matrix(compliance_two_bodies()).to_numpy(dtype=float)
    np.testing.assert_allclose(drawn, expected)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["20.0%", "0.0%", "11.1%", "–"]
    zero = ax.texts[1]
    assert matplotlib.colors.to_hex(zero.get_color()) == gs.palettes.status["below"].lower()


# ---------------------------------------------------------------------------------------------
# women_men_totals: the stacked chart, staff apart


def counts_with_staff() -> pd.DataFrame:
    """Districts: party 40/4 + 9/3, staff 1200/610; agency: party 11/2, staff 950/500."""
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 5,
            "unit_id": ["A", "B", "C", "A", "C"],
            "level": ["district", "district", "agency", "district", "agency"],
            "body": ["party_committee"] * 3 + ["staff"] * 2,
            "total": [40, 9, 11, 1200, 950],
            "female": [4, 3, 2, 610, 0],
        }
    )


def test_totals_pool_units_and_put_staff_in_their_panel():
    out = women_men_totals(counts_with_staff())
    assert out[
        ["level", "body", "total", "female", "male", "n_units", "panel"]
    ].values.tolist() == [
        ["district", "party_committee", 49, 7, 42, 2, "bodies"],
        ["district", "staff", 1200, 610, 590, 1, "staff"],
        ["agency", "party_committee", 11, 2, 9, 1, "bodies"],
        ["agency", "staff", 950, 0, 950, 1, "staff"],
    ]


def test_totals_refuse_several_terms():
    counts = pd.concat([counts_with_staff(), counts_with_staff().assign(term="2020-2025")])
    with pytest.raises(ArgumentError, match=r"expected the counts of one term, got 2"):
        women_men_totals(counts)


def test_stacked_never_mixes_staff_with_committees():
    ax = plot_stacked(counts_with_staff())
    bodies, staff = ax.figure.axes
    assert bodies is ax
    assert [float(p.get_width()) for p in bodies.patches] == [7.0, 2.0, 42.0, 9.0]
    assert [float(p.get_width()) for p in staff.patches] == [610.0, 0.0, 590.0, 950.0]
    assert bodies.get_xlim()[1] < 100 < staff.get_xlim()[1]
    # women (610, none), men (590, 950), then the totals with the thousands separator
    assert [t.get_text() for t in staff.texts] == ["610", "", "590", "950", "1.200", "950"]
    assert staff.get_title(loc="left") == "Cán bộ, công chức, viên chức, nhiệm kỳ 2015-2020"
    # the agency's staff has no woman: a marker at 0 on its row
    (marks,) = [c for c in staff.collections if c.get_gid() == "no_woman"]
    assert marks.get_offsets().tolist() == [[0.0, 1.0]]
    staff.figure.canvas.draw()
    ticks = [t.get_text() for t in staff.get_xticklabels()]
    assert any("." in t for t in ticks) and not any("," in t for t in ticks)  # 1.000, vi


def test_stacked_on_a_given_axes_splits_its_place_or_draws_one_panel():
    fig, ax = plt.subplots(figsize=(8, 3))
    first = plot_stacked(counts_with_staff(), ax=ax, lang="en")
    assert first is not ax and len(fig.axes) == 2 and ax not in fig.axes
    assert fig.get_size_inches()[1] > 3  # grown for the bars of both panels
    fig, ax = plt.subplots()
    assert plot_stacked(counts_with_staff(), ax=ax, panel="staff") is ax
    assert [float(p.get_width()) for p in ax.patches] == [610.0, 0.0, 590.0, 950.0]
    free = plt.figure().add_axes((0.1, 0.1, 0.8, 0.8))
    with pytest.raises(ArgumentError, match=r"Hint: pass panel='bodies' or panel='staff'"):
        plot_stacked(counts_with_staff(), ax=free)
    with pytest.raises(ArgumentError, match=r"expected bodies of the panel 'staff'"):
        plot_stacked(counts_with_staff().iloc[:3], panel="staff")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["district", "agency", "commune"]),
            st.sampled_from(["party_committee", "staff", "standing_committee"]),
            st.integers(0, 3000),
            st.integers(0, 3000),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_totals_add_up_to_the_counts(rows):
    counts = pd.DataFrame(
        [
            {"term": "2020-2025", "unit_id": f"U{k}", "level": lvl, "body": b,
             "total": max(t, f), "female": min(t, f)}
            for k, (lvl, b, t, f) in enumerate(rows)
        ]
    )  # fmt: skip
    out = women_men_totals(counts)
    assert int(out["total"].sum()) == int(counts["total"].sum())
    assert int(out["female"].sum()) == int(counts["female"].sum())
    assert (out["female"] + out["male"] == out["total"]).all()
    assert set(out.loc[out["body"] == "staff", "panel"]) <= {"staff"}
    assert set(out.loc[out["body"] != "staff", "panel"]) <= {"bodies"}


def test_compute_functions_are_public_in_stage_order():
    names = list(gs.__all__)
    for name in ("term_changes", "unit_body_matrix", "women_men_totals"):
        assert name in names and callable(getattr(gs, name))
    assert names.index("women_men_totals") < names.index("unit_body_matrix")
    assert names.index("unit_body_matrix") < names.index("plot_heatmap")


# ---------------------------------------------------------------------------------------------
# intersection_matrix: the intersections heatmap


def test_intersection_matrix_pools_rows_and_keeps_terms_apart():
    table = pd.DataFrame(
        {
            "term": ["2020-2025"] * 3 + ["2025-2030"],
            "body": ["party_committee"] * 4,
            "age_group": ["40_and_under", "41_50", "41_50", "41_50"],
            "total": [10, 12, 8, 5],
            "female": [3, 1, 3, 5],
        }
    )
    from gender_stats.counting import intersection_matrix

    m = intersection_matrix(table)
    assert m.index.tolist() == [("party_committee", "2020-2025"), ("party_committee", "2025-2030")]
    # 2020-2025, 41-50: 12 + 8 = 20 members, 1 + 3 = 4 women (pooled, 20 %, not a mean of shares)
    assert m["total"].to_numpy().tolist() == [[10, 20], [0, 5]]
    assert m["female"].to_numpy().tolist() == [[3, 4], [0, 5]]
    share = m["share"].to_numpy()
    assert share[0].tolist() == [0.3, 0.2] and np.isnan(share[1, 0]) and share[1, 1] == 1.0


def test_change_chart_shows_a_dot_at_zero_whole():
    ax = plot_change(
        counts_two_terms(), from_term="2015-2020", to_term="2020-2025", body="party_committee"
    )
    to = next(c for c in ax.collections if c.get_gid() == "to")
    assert to.get_offsets()[1, 0] == 0.0 and to.get_clip_on() is False  # Huyện B: 0/31


def test_intersection_matrix_refuses_a_missing_count_rather_than_pool_it_as_0():
    from gender_stats.counting import intersection_matrix
    from gender_stats.errors import DataError

    table = pd.DataFrame(
        {
            "body": ["party_committee"] * 3,
            "age_group": ["40_and_under", "41_50", "41_50"],
            "total": pd.array([10, 12, 8], dtype="Int64"),
            "female": pd.array([3, None, 3], dtype="Int64"),  # 3 of 20 would be 15 %, not 3 of 8
        }
    )
    with pytest.raises(DataError) as info:
        intersection_matrix(table)
    assert [(p.row, p.header) for p in info.value.problems] == [(1, "female")]
