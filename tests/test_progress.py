"""Tests of gender_stats.progress: trends, progress methods, projections.

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.errors import DataError, TargetError
from gender_stats.progress import assess_progress, growth_ratio, project, trend

PARTY, COUNCIL = "party_committee", "peoples_council"


def make_counts(rows):
    """rows: (term, unit_id, body, total, female[, unit_name, level])."""
    records = []
    for row in rows:
        term, unit_id, body, total, female, *rest = row
        name = rest[0] if rest else f"Unit {unit_id}"
        level = rest[1] if len(rest) > 1 else "district"
        records.append(
            {
                "term": term,
                "unit_id": unit_id,
                "unit_name": name,
                "level": level,
                "body": body,
                "total": total,
                "female": female,
            }
        )
    return pd.DataFrame(records)


# --- the published worked example (Open SDG / Statistics Canada) ---------------------------------


def test_growth_ratio_worked_example():
    # CAGR_obs = (26/20)^(1/6) − 1 = e^(ln 1.3 / 6) − 1 = e^0.043727 − 1 = 4.470 %/yr
    # CAGR_req = (35/20)^(1/15) − 1 = e^(ln 1.75 / 15) − 1 = e^0.037308 − 1 = 3.801 %/yr
    # R = 4.470 / 3.801 = 1.176 -> substantial progress; score 7.1429·1.176 − 4.2857 = 4.115
    r, score, status = growth_ratio(
        0.20, 0.26, 0.35, base_year=2015, current_year=2021, target_year=2030
    )
    assert round(r, 2) == 1.18
    assert round(score, 2) == 4.11
    assert status == "substantial progress"
    # 22 %: CAGR_obs = 1.1^(1/6) − 1 = 1.601 %/yr; R = 1.601 / 3.801 = 0.4212 -> limited progress;
    # score 4.1667·0.4212 − 2.5 = −0.745
    r, score, status = growth_ratio(
        0.20, 0.22, 0.35, base_year=2015, current_year=2021, target_year=2030
    )
    assert round(r, 2) == 0.42
    assert round(score, 2) == -0.74
    assert status == "limited progress"


@pytest.mark.parametrize(
    ("female_2021", "ratio", "score", "status"),
    [(26, 1.18, 4.11, "substantial progress"), (22, 0.42, -0.74, "limited progress")],
)
def test_worked_example_through_assess_progress(female_2021, ratio, score, status):
    counts = make_counts(
        [("2015-2020", "A", COUNCIL, 100, 20), ("2021-2026", "A", COUNCIL, 100, female_2021)]
    )
    out = assess_progress(counts, target_share="35%", target_year=2030, target_time="year")
    row = out.iloc[0]
    assert row["method"] == "growth_ratio"
    assert (row["base_term"], row["current_term"]) == ("2015-2020", "2021-2026")
    assert round(row["value"], 2) == ratio
    assert round(row["score"], 2) == score
    assert row["status"] == status
    assert row["target_t"] == 2030


def test_growth_ratio_statuses_and_score_bounds():
    kw = {"base_year": 2015, "current_year": 2020, "target_year": 2025}
    # target met: score 5
    assert growth_ratio(0.1, 0.3, 0.3, **kw)[1:] == (5.0, "target achieved")
    # share falls: R < 0
    r, score, status = growth_ratio(0.2, 0.1, 0.3, **kw)
    assert r < 0 and status == "deterioration" and -5 <= score < -2.5
    # moderate: want 0.6 ≤ R < 0.95. Required CAGR from 0.1 to 0.4 in 10 years = 4^(1/10) − 1 =
    # 14.87 %; observed from 0.1 to 0.1·1.1^5 = 0.161051 in 5 years = 10 %; R = 0.6725
    r, score, status = growth_ratio(0.1, 0.161051, 0.4, **kw)
    assert r == pytest.approx(0.10 / (4**0.1 - 1), rel=1e-5)
    assert status == "moderate progress"
    assert score == pytest.approx(7.1429 * r - 4.2857)
    # very fast growth: score capped at 5
    assert growth_ratio(0.1, 0.29, 0.3, **kw)[1] == 5.0


def test_growth_ratio_bad_years():
    with pytest.raises(ValueError, match="base_year must come before current_year"):
        growth_ratio(0.1, 0.2, 0.3, base_year=2020, current_year=2020, target_year=2030)


# --- trend --------------------------------------------------------------------------------------


def test_trend_changes_and_required_pace_party_and_council_apart():
    counts = make_counts(
        [
            ("2010-2015", "A", PARTY, 40, 4),  # 10 %
            ("2015-2020", "A", PARTY, 40, 6),  # 15 %
            ("2020-2025", "A", PARTY, 40, 8),  # 20 %
            ("2016-2021", "A", COUNCIL, 50, 9),  # 18 %
            ("2021-2026", "A", COUNCIL, 50, 15),  # 30 %
        ]
    )
    out = trend(counts, target_share="0.35", target_year=2030)
    assert list(out["body"]) == [PARTY, PARTY, PARTY, COUNCIL, COUNCIL]  # sorted by body code
    council, party = out[out["body"] == COUNCIL], out[out["body"] == PARTY]
    # council: 30 − 18 = 12 points since 2016-2021; never compared with party terms
    assert council["change_pp"].iloc[0] != council["change_pp"].iloc[0]  # NaN
    assert council["change_pp"].iloc[1] == pytest.approx(12.0)
    assert council["previous_term"].iloc[1] == "2016-2021"
    assert party["change_pp"].tolist()[1:] == pytest.approx([5.0, 5.0])
    # "by 2030" judges party 2025-2030 (T = 2025) and councils 2026-2031 (T = 2026)
    assert party["target_t"].tolist() == [2025] * 3
    assert council["target_t"].tolist() == [2026] * 2
    # party: from 2010: 25 points in (2025 − 2010)/5 = 3 terms = 8.333; 2015: 20/2 = 10; 2020: 15/1
    assert party["required_pace_pp"].tolist() == pytest.approx([25 / 3, 10.0, 15.0])
    # council: 2016: 17 points in 2 terms = 8.5; 2021: 5 points in 1 term
    assert council["required_pace_pp"].tolist() == pytest.approx([8.5, 5.0])
    assert party["term_start"].tolist() == [2010, 2015, 2020]
    assert out["target_share"].unique().tolist() == [0.35]
    assert out["target_year"].unique().tolist() == [2030]


def test_trend_met_no_term_left_and_zero_total():
    counts = make_counts(
        [
            ("2015-2020", "A", PARTY, 20, 7),  # 35 %: met -> pace 0
            ("2020-2025", "A", PARTY, 0, 0),  # no members: share NaN
            ("2025-2030", "B", PARTY, 20, 2),  # target term itself: no term left -> NaN
        ]
    )
    out = trend(counts, target_share=Fraction(7, 20), target_year=2030)
    a = out[out["unit_id"] == "A"]
    assert a["required_pace_pp"].iloc[0] == 0.0
    assert math.isnan(a["share"].iloc[1]) and math.isnan(a["change_pp"].iloc[1])
    assert math.isnan(out.loc[out["unit_id"] == "B", "required_pace_pp"].iloc[0])


def test_trend_without_target_has_no_target_columns():
    counts = make_counts([("2015-2020", "A", PARTY, 10, 1), ("2020-2025", "A", PARTY, 10, 3)])
    out = trend(counts)
    assert "required_pace_pp" not in out.columns
    assert out["share"].tolist() == pytest.approx([0.1, 0.3])
    assert out["change_pp"].iloc[1] == pytest.approx(20.0)


def test_trend_with_catalogue_target():
    # 26-NQ/TW:b: party committees 20-25 % by 2030 -> lower bound 20 %, party only
    counts = make_counts([("2020-2025", "A", PARTY, 40, 4), ("2021-2026", "A", COUNCIL, 40, 4)])
    out = trend(counts, target="26-NQ/TW:b")
    party = out[out["body"] == PARTY].iloc[0]
    council = out[out["body"] == COUNCIL].iloc[0]
    assert party["target_share"] == 0.20 and party["target_year"] == 2030
    # 10 points in (2025 − 2020)/5 = 1 term
    assert party["required_pace_pp"] == pytest.approx(10.0)
    assert math.isnan(council["required_pace_pp"])  # the target does not cover councils


def test_catalogue_target_errors():
    counts = make_counts([("2020-2025", "A", PARTY, 40, 4)])
    with pytest.raises(TargetError, match="selects 2 targets"):
        trend(counts, target="36-CT/TW")
    with pytest.raises(TargetError, match="has no share threshold"):
        trend(counts, target="36-CT/TW:b")


# --- linear pace --------------------------------------------------------------------------------

THREE = [
    ("2010-2015", "A", PARTY, 50, 5),  # 0.10
    ("2015-2020", "A", PARTY, 50, 10),  # 0.20
    ("2020-2025", "A", PARTY, 50, 12),  # 0.24
]


def test_linear_off_track_by_term_and_on_track_by_year():
    counts = make_counts(THREE)
    # pace (0.24 − 0.10)/10 = 0.014 per year; T = 2025: ŷ = 0.24 + 5·0.014 = 0.31
    # miss = (0.35 − 0.31)/(0.35 − 0.24) = 0.04/0.11 = 0.3636 > 20 % -> off track
    out = assess_progress(counts, target_share="0.35", target_year=2030, method="linear")
    row = out.iloc[0]
    assert row["projected_share"] == pytest.approx(0.31)
    assert row["value"] == pytest.approx(0.04 / 0.11)
    assert row["status"] == "off track"
    assert row["projected_status"] == "below"
    assert row["n_points"] == 3
    # current progress (0.24 − 0.10)/(0.35 − 0.10) = 0.56
    assert row["current_progress"] == pytest.approx(0.56)
    # T = 2030: ŷ = 0.24 + 10·0.014 = 0.38; miss = −0.03/0.11 -> on track, met
    row = assess_progress(
        counts, target_share="0.35", target_year=2030, method="linear", target_time="year"
    ).iloc[0]
    assert row["projected_share"] == pytest.approx(0.38)
    assert row["value"] == pytest.approx(-0.03 / 0.11)
    assert (row["status"], row["projected_status"]) == ("on track", "met")


def test_linear_slightly_off_window_and_wrong_way():
    counts = make_counts(THREE)
    # target 0.32: ŷ = 0.31, miss = 0.01/0.08 = 12.5 % -> slightly off track
    row = assess_progress(counts, target_share="0.32", target_year=2030, method="linear").iloc[0]
    assert row["value"] == pytest.approx(0.125)
    assert row["status"] == "slightly off track"
    # window=2: pace (0.24 − 0.20)/5 = 0.008; ŷ = 0.28; miss = 0.07/0.11 -> off track
    row = assess_progress(
        counts, target_share="0.35", target_year=2030, method="linear", window=2
    ).iloc[0]
    assert row["projected_share"] == pytest.approx(0.28)
    assert row["status"] == "off track"
    falling = make_counts([("2015-2020", "B", PARTY, 10, 2), ("2020-2025", "B", PARTY, 10, 1)])
    row = assess_progress(falling, target_share="0.3", target_year=2030, method="linear").iloc[0]
    assert row["status"] == "wrong direction"
    # 0.1 − 5·0.02 = 0: the projection stays in [0, 1]
    assert row["projected_share"] == pytest.approx(0.0)


def test_zero_base_linear_and_growth_ratio():
    counts = make_counts([("2015-2020", "Z", PARTY, 9, 0), ("2020-2025", "Z", PARTY, 9, 1)])
    # linear: pace (1/9)/5 per year; T = 2025: ŷ = 2/9 = 0.2222
    # miss = (0.15 − 2/9)/(0.15 − 1/9) = −0.072222/0.038889 = −1.857 -> on track
    row = assess_progress(counts, target_share="0.15", target_year=2030, method="linear").iloc[0]
    assert row["projected_share"] == pytest.approx(2 / 9)
    assert row["value"] == pytest.approx((0.15 - 2 / 9) / (0.15 - 1 / 9))
    assert row["status"] == "on track"
    assert row["base_share"] == 0.0
    # growth ratio with 0 replaced by 0.001: CAGR_obs = 111.11^(1/5) − 1 = 1.5653,
    # CAGR_req = 150^(1/10) − 1 = 0.65054 (T = 2025, t0 = 2015); R = 2.406, score capped at 5
    row = assess_progress(counts, target_share="0.15", target_year=2030).iloc[0]
    assert row["value"] == pytest.approx(2.406, abs=1e-3)
    assert (row["score"], row["status"]) == (5.0, "substantial progress")


# --- ESCAP ----------------------------------------------------------------------------------------


def test_escap_weighted_fit_three_points():
    counts = make_counts(THREE)
    # weights 1, 2, 3; Σw = 6; weighted mean t = (2010 + 2·2015 + 3·2020)/6 = 2016.667,
    # weighted mean y = (0.10 + 0.40 + 0.72)/6 = 0.203333
    # Σw·dt·dy = 0.688889 + 0.011111 + 0.366667 = 1.066667; Σw·dt² = 44.444 + 5.556 + 33.333 = 83.333
    # slope = 0.0128 per year
    # T = 2025: ŷ = 0.203333 + 0.0128·8.3333 = 0.31; gap (0.35 − 0.31)/(0.35 − 0.10) = 0.16
    row = assess_progress(counts, target_share="0.35", target_year=2030, method="escap").iloc[0]
    assert row["projected_share"] == pytest.approx(0.31)
    assert row["value"] == pytest.approx(0.16)
    assert row["status"] == "accelerate"
    assert math.isnan(row["score"])
    # T = 2030: ŷ = 0.203333 + 0.0128·13.3333 = 0.374; gap −0.024/0.25 = −0.096
    row = assess_progress(
        counts, target_share="0.35", target_year=2030, method="escap", target_time="year"
    ).iloc[0]
    assert row["projected_share"] == pytest.approx(0.374)
    assert row["value"] == pytest.approx(-0.096)
    assert row["status"] == "maintain progress"


def test_escap_two_points_and_reverse():
    # two points: the line goes through both; 0.1 (2015), 0.2 (2020) -> 0.3 at 2025
    counts = make_counts([("2015-2020", "A", PARTY, 10, 1), ("2020-2025", "A", PARTY, 10, 2)])
    row = assess_progress(counts, target_share="0.3", target_year=2030, method="escap").iloc[0]
    assert row["projected_share"] == pytest.approx(0.3)
    assert row["status"] == "maintain progress"
    falling = make_counts(
        [
            ("2010-2015", "B", PARTY, 20, 4),
            ("2015-2020", "B", PARTY, 20, 3),
            ("2020-2025", "B", PARTY, 20, 2),
        ]
    )
    row = assess_progress(falling, target_share="0.3", target_year=2030, method="escap").iloc[0]
    assert row["status"] == "reverse trend"


# --- 2 vs 4 points, base and current terms --------------------------------------------------------

FOUR = [
    ("2005-2010", "A", PARTY, 100, 5),
    ("2010-2015", "A", PARTY, 100, 10),
    ("2015-2020", "A", PARTY, 100, 20),
    ("2020-2025", "A", PARTY, 100, 24),
]


def test_four_points_each_method():
    counts = make_counts(FOUR)
    kw = {"target_share": "0.35", "target_year": 2030}
    # growth ratio from 2005 to 2020, T = 2025: CAGR_obs = 4.8^(1/15) − 1 = 0.110237,
    # CAGR_req = 7^(1/20) − 1 = 0.102186; R = 1.0788 -> substantial; score 7.1429·1.0788 − 4.2857
    row = assess_progress(counts, **kw).iloc[0]
    assert row["n_points"] == 4 and row["base_term"] == "2005-2010"
    assert row["value"] == pytest.approx((4.8 ** (1 / 15) - 1) / (7 ** (1 / 20) - 1))
    assert row["score"] == pytest.approx(3.42, abs=0.005)
    assert row["status"] == "substantial progress"
    # linear, window 3: 2010-2020 pace 0.014 -> ŷ2025 = 0.31 (the 2005 point is not used)
    row = assess_progress(counts, method="linear", **kw).iloc[0]
    assert row["projected_share"] == pytest.approx(0.31)
    # escap, weights 1..4: mean t 2015, mean y 0.181; Σw·dt·dy = 1.31 + 0.81 + 0 + 1.18 = 3.3,
    # Σw·dt² = 100 + 50 + 0 + 100 = 250; slope 0.0132; ŷ2025 = 0.181 + 0.132 = 0.313;
    # gap (0.35 − 0.313)/(0.35 − 0.05) = 0.12333
    row = assess_progress(counts, method="escap", **kw).iloc[0]
    assert row["projected_share"] == pytest.approx(0.313)
    assert row["value"] == pytest.approx(0.037 / 0.30)
    assert row["status"] == "accelerate"


def test_base_and_current_term():
    counts = make_counts(FOUR)
    # points 2010 (0.10) and 2015 (0.20): pace 0.02; ŷ2025 = 0.20 + 10·0.02 = 0.40 -> on track
    row = assess_progress(
        counts,
        target_share="0.35",
        target_year=2030,
        method="linear",
        base_term="2010-2015",
        current_term="2015-2020",
    ).iloc[0]
    assert (row["base_term"], row["current_term"], row["n_points"]) == ("2010-2015", "2015-2020", 2)
    assert row["projected_share"] == pytest.approx(0.40)
    assert row["status"] == "on track"


def test_one_point_is_insufficient():
    counts = make_counts([("2020-2025", "N", PARTY, 10, 1), *FOUR])
    out = assess_progress(counts, target_share="0.35", target_year=2030)
    new = out[out["unit_id"] == "N"].iloc[0]
    assert new["status"] == "insufficient data" and new["n_points"] == 1
    assert math.isnan(new["value"])


def test_party_and_council_series_kept_apart():
    counts = make_counts(
        [
            ("2015-2020", "A", PARTY, 10, 1),
            ("2020-2025", "A", PARTY, 10, 2),
            ("2016-2021", "A", COUNCIL, 10, 3),
            ("2021-2026", "A", COUNCIL, 10, 3),
        ]
    )
    out = assess_progress(counts, target_share="0.3", target_year=2030, method="linear")
    assert sorted(out["body"]) == [PARTY, COUNCIL]
    council = out[out["body"] == COUNCIL].iloc[0]
    party = out[out["body"] == PARTY].iloc[0]
    assert (council["base_term"], council["target_t"]) == ("2016-2021", 2026)
    assert (party["base_term"], party["target_t"]) == ("2015-2020", 2025)
    assert council["status"] == "target achieved"  # 30 % already
    assert party["status"] == "on track"  # 0.2 + 5·0.02 = 0.3


def test_catalogue_target_not_applicable_body():
    counts = make_counts(
        [
            ("2015-2020", "A", PARTY, 10, 1),
            ("2020-2025", "A", PARTY, 10, 2),
            ("2016-2021", "A", COUNCIL, 10, 3),
            ("2021-2026", "A", COUNCIL, 10, 3),
        ]
    )
    out = assess_progress(counts, target="26-NQ/TW:b", method="linear")
    # 26-NQ/TW:b covers party committees only (20-25 % by 2030); party 2/10 = 20 % meets 20 %
    assert out.set_index("body")["status"].to_dict() == {
        COUNCIL: "not applicable",
        PARTY: "target achieved",
    }


# --- renamed and merged units -------------------------------------------------------------------

UNITS = pd.DataFrame(
    {
        "unit_id": ["NEW", "M"],
        "unit_name": ["Huyện Mới", "Thị xã Mới"],
        "level": ["district", "district"],
        "kind": ["huyện", "thị xã"],
        "aliases": ["OLD|Huyện Cũ", "A1|A2"],
    }
)


def test_renamed_unit_by_id_and_by_name():
    counts = make_counts(
        [
            ("2010-2015", "X9", PARTY, 20, 1, "huyện  cũ"),  # matched by name
            ("2015-2020", "OLD", PARTY, 20, 2, "Huyện Cũ"),  # matched by id
            ("2020-2025", "NEW", PARTY, 20, 5, "Huyện Mới"),
        ]
    )
    out = trend(counts, units=UNITS)
    assert out["unit_id"].tolist() == ["NEW"] * 3
    assert out["unit_name"].tolist() == ["Huyện Mới"] * 3
    # 5 % -> 10 % -> 25 %
    assert out["change_pp"].tolist()[1:] == pytest.approx([5.0, 15.0])


def test_merged_units_pooled_per_term():
    counts = make_counts(
        [
            ("2015-2020", "A1", PARTY, 20, 2),
            ("2015-2020", "A2", PARTY, 30, 3),
            ("2020-2025", "M", PARTY, 50, 10),
            ("2020-2025", "K", PARTY, 10, 1),  # no alias: kept as is
        ]
    )
    out = trend(counts, units=UNITS)
    merged = out[out["unit_id"] == "M"]
    # 2015: (2 + 3)/(20 + 30) = 10 %, two rows pooled; 2020: 20 %
    assert merged["total"].tolist() == [50, 50]
    assert merged["n_pooled"].tolist() == [2, 1]
    assert merged["change_pp"].iloc[1] == pytest.approx(10.0)
    assert out.loc[out["unit_id"] == "K", "unit_name"].tolist() == ["Unit K"]


def test_alias_of_two_units_is_an_error():
    units = UNITS.assign(aliases=["OLD", "OLD"])
    counts = make_counts([("2015-2020", "OLD", PARTY, 20, 2)])
    with pytest.raises(DataError, match="alias of one unit only"):
        trend(counts, units=units)


# --- project ------------------------------------------------------------------------------------


def test_project_units_and_pooled_levels():
    counts = make_counts(
        [
            ("2015-2020", "A", PARTY, 10, 0),
            ("2020-2025", "A", PARTY, 10, 2),
            ("2015-2020", "B", PARTY, 30, 3),
            ("2020-2025", "B", PARTY, 30, 6),
            ("2015-2020", "P", PARTY, 50, 5, "Tỉnh", "province"),
            ("2020-2025", "P", PARTY, 50, 10, "Tỉnh", "province"),
        ]
    )
    out = project(counts, target_year=2030, target_share="0.3")
    units = out[out["scope"] == "unit"].set_index("unit_id")
    # A: 0 -> 0.2, ŷ2025 = 0.4; B: 0.1 -> 0.2 -> 0.3; P: 0.1 -> 0.2 -> 0.3
    assert units["projected_share"].to_dict() == pytest.approx({"A": 0.4, "B": 0.3, "P": 0.3})
    assert units.loc["A", "status"] == "on track"
    assert units.loc["A", "projected_status"] == "met"
    levels = out[out["scope"] == "level"].set_index("level")
    # district pooled: 2015 (0 + 3)/(10 + 30) = 0.075; 2020 (2 + 6)/40 = 0.2; ŷ = 0.325
    # (the mean of the unit shares would give 0.35)
    assert levels.loc["district", "base_share"] == pytest.approx(0.075)
    assert levels.loc["district", "projected_share"] == pytest.approx(0.325)
    assert levels.loc["province", "projected_share"] == pytest.approx(0.3)
    assert levels["unit_id"].isna().all()


def test_project_without_target():
    counts = make_counts([("2015-2020", "A", PARTY, 10, 1), ("2020-2025", "A", PARTY, 10, 2)])
    out = project(counts, target_year=2030, pooled=False)
    row = out.iloc[0]
    assert row["projected_share"] == pytest.approx(0.3)
    assert pd.isna(row["status"]) and pd.isna(row["projected_status"])
    assert math.isnan(row["target_share"])
    with pytest.raises(TargetError, match="needs target_year"):
        project(counts)


# --- errors and inputs -----------------------------------------------------------------------------


def test_option_errors():
    counts = make_counts(THREE)
    with pytest.raises(ValueError, match=r"Got method='weather'\. Must be one of"):
        assess_progress(counts, target_share="0.3", target_year=2030, method="weather")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Got target_time='month'"):
        trend(counts, target_time="month")  # type: ignore[arg-type]
    with pytest.raises(TargetError, match="needs a target"):
        assess_progress(counts)
    with pytest.raises(TargetError, match="needs a target"):
        trend(counts, target_share="0.3")
    with pytest.raises(TargetError, match=r"share in \[0, 1\]"):
        trend(counts, target_share="35", target_year=2030)
    with pytest.raises(TargetError, match="target_year must be a year"):
        trend(counts, target_share="0.35", target_year="2030")  # type: ignore[arg-type]


def test_target_share_forms_agree():
    counts = make_counts(THREE)
    paces = [
        trend(counts, target_share=share, target_year=2030)["required_pace_pp"].tolist()
        for share in ("0.35", "35%", "35,0%", Fraction(7, 20), 0.35)
    ]
    assert all(p == paces[0] for p in paces)


def test_invalid_counts_raise_data_error():
    counts = make_counts(THREE).assign(female=[5, 60, 12])  # 60 women of 50
    with pytest.raises(DataError):
        trend(counts)


@pytest.mark.parametrize(
    "call",
    [
        lambda c, u: trend(c, target_share="0.3", target_year=2030, units=u),
        lambda c, u: assess_progress(c, target_share="0.3", target_year=2030, units=u),
        lambda c, u: assess_progress(
            c, target_share="0.3", target_year=2030, method="escap", units=u
        ),
        lambda c, u: project(c, target_year=2030, units=u),
    ],
)
def test_inputs_never_mutated(call):
    counts = make_counts(
        [*FOUR, ("2015-2020", "OLD", PARTY, 20, 2), ("2020-2025", "NEW", PARTY, 20, 4)]
    )
    units = UNITS.copy()
    before_counts, before_units = counts.copy(deep=True), units.copy(deep=True)
    call(counts, units)
    pd.testing.assert_frame_equal(counts, before_counts)
    pd.testing.assert_frame_equal(units, before_units)


# --- invariants ---------------------------------------------------------------------------------

series = st.lists(
    st.tuples(st.integers(1, 60), st.integers(0, 60)).map(lambda p: (p[0], min(p[1], p[0]))),
    min_size=2,
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(series)
def test_changes_add_up_to_the_whole_change(points):
    terms = ["2005-2010", "2010-2015", "2015-2020", "2020-2025"][: len(points)]
    counts = make_counts([(t, "A", PARTY, n, w) for t, (n, w) in zip(terms, points, strict=True)])
    out = trend(counts)
    first, last = points[0][1] / points[0][0], points[-1][1] / points[-1][0]
    assert out["change_pp"].iloc[1:].sum() == pytest.approx((last - first) * 100, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(series, st.sampled_from(["growth_ratio", "escap", "linear"]))
def test_assessment_is_well_formed(points, method):
    terms = ["2005-2010", "2010-2015", "2015-2020", "2020-2025"][: len(points)]
    counts = make_counts([(t, "A", PARTY, n, w) for t, (n, w) in zip(terms, points, strict=True)])
    row = assess_progress(counts, target_share="0.3", target_year=2030, method=method).iloc[0]
    assert 0 <= row["projected_share"] <= 1
    if abs(row["projected_share"] - 0.3) > 1e-9:
        assert row["projected_status"] == ("met" if row["projected_share"] > 0.3 else "below")
    if method == "growth_ratio":
        assert -5 <= row["score"] <= 5
    allowed = {
        "growth_ratio": {
            "target achieved",
            "substantial progress",
            "moderate progress",
            "limited progress",
            "deterioration",
        },
        "escap": {"maintain progress", "accelerate", "reverse trend"},
        "linear": {
            "target achieved",
            "on track",
            "slightly off track",
            "off track",
            "wrong direction",
        },
    }[method]
    assert row["status"] in allowed
