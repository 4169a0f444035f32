"""Tests of the full published progress method (Open SDG 2.4 / Statistics Canada).

Expected values are worked out by hand in the comments (e^x and ln by calculator).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gender_stats.errors import ArgumentError
from gender_stats.progress import aggregate_progress, assess_progress, growth_ratio

PARTY, COUNCIL = "party_committee", "peoples_council"
KW = {"base_year": 2015, "current_year": 2020, "target_year": 2025}


def make_counts(rows):
    """rows: (term, unit_id, total, female)."""
    return pd.DataFrame(
        [
            {"term": term, "unit_id": unit, "unit_name": f"Unit {unit}", "level": "district",
             "body": PARTY, "total": total, "female": female}
            for term, unit, total, female in rows
        ]
    )  # fmt: skip


# --- with a target -------------------------------------------------------------------------------


def test_negative_direction_gap_to_parity():
    # gap 30 % in 2015, 24 % in 2021, target 15 % by 2030, lower is better (d = −1):
    # CAGR_obs = 0.8^(1/6) − 1 = e^(−0.223144/6) − 1 = −0.036507
    # CAGR_req = 0.5^(1/15) − 1 = e^(−0.693147/15) − 1 = −0.045158
    # R = −1 · −0.036507 / 0.045158 = 0.8084 -> moderate; score 7.1429·0.8084 − 4.2857 = 1.489
    r, score, status = growth_ratio(
        0.30, 0.24, 0.15, base_year=2015, current_year=2021, target_year=2030,
        direction="negative",
    )  # fmt: skip
    assert r == pytest.approx(0.8084, abs=1e-4)
    assert score == pytest.approx(1.489, abs=1e-3)
    assert status == "moderate progress"
    # at or below the target is achieved when lower is better
    assert growth_ratio(0.30, 0.15, 0.15, direction="negative", **KW)[1:] == (
        5.0,
        "target achieved",
    )


def test_zero_to_zero_is_deterioration_published_and_limited_legacy():
    # published: base 0 -> 0.001, current stays 0: CAGR_obs = 0/0.001 − 1 = −1;
    # CAGR_req = (0.15/0.001)^(1/10) − 1 = 150^0.1 − 1 = 0.65054; R = −1.537 -> deterioration;
    # score max(4.1667·−1.537 − 2.5, −5) = −5
    r, score, status = growth_ratio(0.0, 0.0, 0.15, **KW)
    assert r == pytest.approx(-1 / (150**0.1 - 1))
    assert (score, status) == (-5.0, "deterioration")
    # legacy (every zero replaced): 0.001 -> 0.001, CAGR_obs 0, R = 0 -> limited, score −2.5
    assert growth_ratio(0.0, 0.0, 0.15, rules="legacy", **KW) == (0.0, -2.5, "limited progress")


def test_zero_to_zero_through_assess_progress():
    counts = make_counts([("2015-2020", "Z", 9, 0), ("2020-2025", "Z", 9, 0)])
    kw = {"target_share": "0.15", "target_year": 2030}
    row = assess_progress(counts, **kw).iloc[0]
    assert row["status"] == "deterioration" and row["score"] == -5.0
    assert row["observed_growth"] == pytest.approx(-1.0)
    assert row["zero_replaced"] == "base"
    assert row["rules"] == "published"
    assert row["projected_share"] == 0.0
    legacy = assess_progress(counts, rules="legacy", **kw).iloc[0]
    assert legacy["status"] == "limited progress" and legacy["score"] == -2.5
    assert legacy["zero_replaced"] == "base,current"


def test_zero_target_replaced():
    # target 0 with direction negative (no women-free gap left): target -> 0.001
    # CAGR_req = (0.001/0.2)^(1/10) − 1 = 0.005^0.1 − 1 = −0.41159; CAGR_obs = 0.5^(1/5) − 1 =
    # −0.12945; R = 0.12945/0.41159 = 0.3145 -> limited
    r, _, status = growth_ratio(0.2, 0.1, 0.0, direction="negative", **KW)
    assert r == pytest.approx((1 - 0.5**0.2) / (1 - 0.005**0.1))
    assert status == "limited progress"


def test_flat_series():
    # 20 % -> 20 %: CAGR_obs 0, R = 0 -> limited progress, score 4.1667·0 − 2.5 = −2.5
    assert growth_ratio(0.2, 0.2, 0.35, **KW) == (0.0, -2.5, "limited progress")
    counts = make_counts([("2015-2020", "F", 20, 4), ("2020-2025", "F", 20, 4)])
    row = assess_progress(counts, method="growth_rate").iloc[0]
    # no target: v = 0 -> limited progress, score −2.5
    assert (row["value"], row["score"], row["status"]) == (0.0, -2.5, "limited progress")


def test_target_met_at_base():
    # met at base and still met: achieved
    assert growth_ratio(0.4, 0.36, 0.35, **KW)[1:] == (5.0, "target achieved")
    # met at base, then fell below: CAGR_req = 0.875^(1/10) − 1 = −0.013265 (the target is below the
    # base); CAGR_obs = 0.75^(1/5) − 1 = −0.055912; R = −0.055912/0.013265 = −4.215 -> score −5
    r, score, status = growth_ratio(0.4, 0.3, 0.35, **KW)
    assert r == pytest.approx(-4.215, abs=1e-3)
    assert (score, status) == (-5.0, "deterioration")
    # exactly at the target at base, then fell: required growth 0, R undefined -> deterioration
    r, score, status = growth_ratio(0.35, 0.3, 0.35, **KW)
    assert math.isnan(r) and (score, status) == (-5.0, "deterioration")


def test_single_point_meeting_target_is_achieved():
    counts = make_counts([("2020-2025", "S", 20, 8), ("2020-2025", "T", 20, 2)])
    out = assess_progress(counts, target_share="0.35", target_year=2030).set_index("unit_id")
    # S: 8/20 = 40 % ≥ 35 %: achieved with one point, score 5
    assert (out.loc["S", "status"], out.loc["S", "score"]) == ("target achieved", 5.0)
    assert out.loc["S", "n_points"] == 1
    # T: 10 % < 35 %: one point cannot show progress
    assert out.loc["T", "status"] == "insufficient data"
    assert math.isnan(out.loc["T", "score"])
    legacy = assess_progress(counts, target_share="0.35", target_year=2030, rules="legacy")
    assert legacy["status"].tolist() == ["insufficient data"] * 2
    linear = assess_progress(counts, target_share="0.35", target_year=2030, method="linear")
    assert linear["status"].tolist() == ["target achieved", "insufficient data"]


def test_components_of_the_worked_example():
    counts = pd.DataFrame(
        {"term": ["2015-2020", "2021-2026"], "unit_id": "A", "unit_name": "A",
         "level": "province", "body": COUNCIL, "total": [100, 100], "female": [20, 26]}
    )  # fmt: skip
    row = assess_progress(counts, target_share="35%", target_year=2030, target_time="year").iloc[0]
    # CAGR_obs = 1.3^(1/6) − 1 = 4.470 %; CAGR_req = 1.75^(1/15) − 1 = 3.801 %
    assert row["observed_growth"] == pytest.approx(0.04470, abs=1e-5)
    assert row["required_growth"] == pytest.approx(0.03801, abs=1e-5)
    assert (row["direction"], row["zero_replaced"], row["scaling"]) == ("positive", "", 1.0)
    assert math.isnan(row["limit"])


def test_user_thresholds_change_the_status_not_the_score():
    # R = 0.4212 (the 22 % worked example) is limited by the published 0.6; moderate from 0.4
    kw = {"base_year": 2015, "current_year": 2021, "target_year": 2030}
    _, score, status = growth_ratio(0.20, 0.22, 0.35, thresholds={"moderate": 0.4}, **kw)
    assert status == "moderate progress"
    assert score == pytest.approx(-0.745, abs=1e-3)
    assert growth_ratio(0.20, 0.22, 0.35, **kw)[2] == "limited progress"


# --- without a target (method 1) and the natural limit -----------------------------------------


def test_no_target_thresholds_and_score():
    # 20 % -> 22 % in 5 years: CAGR = 1.1^(1/5) − 1 = 1.9245 % ≥ 1.5 % -> substantial;
    # score 2.5 + 2.5·(0.019245 − 0.015)/(0.02 − 0.015) = 4.622
    v, score, status = growth_ratio(0.2, 0.22, None, base_year=2015, current_year=2020)
    assert v == pytest.approx(0.019245, abs=1e-6)
    assert score == pytest.approx(4.622, abs=1e-3)
    assert status == "substantial progress"
    # falling 2 %/yr or faster scores −5; −1 %/yr scores −2.5 + 2.5·(−0.01/0.02) = −3.75
    assert growth_ratio(0.2, 0.2 * 0.97, None, base_year=2015, current_year=2016)[1:] == (
        -5.0,
        "deterioration",
    )
    assert growth_ratio(0.2, 0.198, None, base_year=2015, current_year=2016)[1] == pytest.approx(
        -3.75
    )


def test_natural_limit_near_parity():
    # 48 % -> 48.5 % in 5 years: CAGR = (0.485/0.48)^(1/5) − 1 = 0.20747 %/yr: limited (< 0.5 %)
    # without a limit; with parity (50 %) as the limit C = 1 − 0.96^4.44 = 1 − e^(−0.181250) =
    # 0.16577, so the thresholds are 0.249 %/0.083 % and the series is moderate progress
    kw = {"base_year": 2015, "current_year": 2020}
    assert growth_ratio(0.48, 0.485, None, **kw)[2] == "limited progress"
    v, score, status = growth_ratio(0.48, 0.485, None, limit=0.5, **kw)
    assert status == "moderate progress"
    c = 1 - 0.96**4.44
    assert score == pytest.approx(2.5 * (v - 0.005 * c) / (0.010 * c))
    # at the limit and holding: substantial, score 5
    assert growth_ratio(0.5, 0.5, None, limit=0.5, **kw)[1:] == (5.0, "substantial progress")
    # at the limit and falling: scored as usual (the negative thresholds are not shrunk)
    assert growth_ratio(0.5, 0.45, None, limit=0.5, **kw)[2] == "deterioration"


def test_growth_rate_method_through_assess_progress_with_limit():
    counts = make_counts([("2015-2020", "P", 100, 48), ("2020-2025", "P", 200, 97)])
    row = assess_progress(counts, method="growth_rate", limit="50%").iloc[0]
    assert row["method"] == "growth_rate"
    assert row["status"] == "moderate progress"
    assert row["limit"] == 0.5
    assert row["scaling"] == pytest.approx(1 - 0.96**4.44)
    assert math.isnan(row["required_growth"])
    assert math.isnan(row["target_share"])


# --- the indicator-level aggregate -------------------------------------------------------------


def test_aggregate_mean_score_and_bands():
    counts = make_counts(
        [
            ("2015-2020", "A", 100, 20), ("2020-2025", "A", 100, 26),  # R 1.18-ish
            ("2015-2020", "B", 100, 20), ("2020-2025", "B", 100, 22),
            ("2015-2020", "C", 100, 40), ("2020-2025", "C", 100, 40),  # achieved: 5
            ("2020-2025", "D", 100, 10),  # one point below the target: no score
        ]
    )  # fmt: skip
    out = assess_progress(counts, target_share="0.35", target_year=2030, target_time="year")
    agg = aggregate_progress(out).iloc[0]
    scores = out.set_index("unit_id")["score"]
    assert scores["C"] == 5.0 and math.isnan(scores["D"])
    assert (agg["n_series"], agg["n_scored"], agg["n_achieved"]) == (4, 3, 1)
    assert agg["score"] == pytest.approx((scores["A"] + scores["B"] + 5.0) / 3)
    assert agg["status"] == "substantial progress"  # mean above 2.5, not all achieved


@pytest.mark.parametrize(
    ("scores", "statuses", "expected"),
    [
        ([5.0, 5.0], ["target achieved"] * 2, "target achieved"),
        ([5.0, 4.9], ["target achieved", "substantial progress"], "substantial progress"),
        ([2.5, 2.5], ["substantial progress"] * 2, "substantial progress"),
        ([0.0, 1.0], ["moderate progress"] * 2, "moderate progress"),
        ([4.11, -0.74], ["substantial progress", "limited progress"], "moderate progress"),
        ([-2.5, -2.4], ["limited progress"] * 2, "limited progress"),
        ([-2.6, -5.0], ["deterioration"] * 2, "deterioration"),
        ([math.nan], ["insufficient data"], "insufficient data"),
    ],
)
def test_aggregate_bands(scores, statuses, expected):
    frame = pd.DataFrame({"method": "growth_ratio", "score": scores, "status": statuses})
    assert aggregate_progress(frame)["status"].iloc[0] == expected


def test_aggregate_by_columns_and_errors():
    frame = pd.DataFrame(
        {"method": "growth_ratio", "body": [PARTY, PARTY, COUNCIL],
         "score": [5.0, 1.0, -3.0], "status": ["target achieved", "moderate progress",
                                               "deterioration"]}
    )  # fmt: skip
    out = aggregate_progress(frame, by=["body"]).set_index("body")
    assert out.loc[PARTY, "score"] == 3.0 and out.loc[PARTY, "status"] == "substantial progress"
    assert out.loc[COUNCIL, "status"] == "deterioration"
    with pytest.raises(ArgumentError, match=r"missing columns \['level'\]"):
        aggregate_progress(frame, by=["level"])
    with pytest.raises(ArgumentError, match=r"only the growth methods have scores"):
        aggregate_progress(frame.assign(method="linear"))


# --- options --------------------------------------------------------------------------------------


def test_option_errors():
    counts = make_counts([("2015-2020", "A", 20, 2), ("2020-2025", "A", 20, 4)])
    kw = {"target_share": "0.3", "target_year": 2030}
    with pytest.raises(ArgumentError, match=r"Got direction='up'\. Must be one of"):
        assess_progress(counts, direction="up", **kw)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"Got rules='old'"):
        growth_ratio(0.1, 0.2, 0.3, rules="old", **KW)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="apply to the growth methods only"):
        assess_progress(counts, method="linear", direction="negative", **kw)
    with pytest.raises(ArgumentError, match="limit= applies to method='growth_rate' only"):
        assess_progress(counts, limit="50%", **kw)
    with pytest.raises(ArgumentError, match=r"unknown thresholds \['fast'\]"):
        assess_progress(counts, thresholds={"fast": 1.0}, **kw)
    with pytest.raises(ArgumentError, match="moderate ≤ substantial"):
        growth_ratio(0.1, 0.2, 0.3, thresholds={"moderate": 0.99}, **KW)
    with pytest.raises(ArgumentError, match="needs target_year"):
        growth_ratio(0.1, 0.2, 0.3, base_year=2015, current_year=2020)


# --- invariants ------------------------------------------------------------------------------------


def _band(score: float) -> str:
    if score >= 2.5 - 1e-9:
        return "substantial progress"
    if score >= -1e-9:
        return "moderate progress"
    if score >= -2.5 - 1e-9:
        return "limited progress"
    return "deterioration"


shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(shares, shares, st.one_of(st.none(), shares), st.sampled_from(["positive", "negative"]))
def test_status_is_the_band_of_the_score(base, current, target, direction):
    kw = {"base_year": 2015, "current_year": 2020, "direction": direction}
    if target is not None:
        kw["target_year"] = 2030
    value, score, status = growth_ratio(base, current, target, **kw)  # type: ignore[arg-type]
    assert -5.0 <= score <= 5.0
    if status != "target achieved" and not math.isnan(value):
        assert status == _band(score)


# --- parity (SDG 5.5.1) ------------------------------------------------------------------------


def test_parity_counts_an_imbalance_either_way_the_same():
    # 30 % -> 40 % women from 2015 to 2020: y' = 0.70 -> 0.60, target 0.5 by 2030, d = −1
    # CAGR_obs = (0.6/0.7)^(1/5) − 1 = −0.030359; CAGR_req = (0.5/0.7)^(1/15) − 1 = −0.022183
    # R = 0.030359/0.022183 = 1.3686 -> substantial, score min(7.1429·1.3686 − 4.2857, 5) = 5
    few = make_counts([("2015-2020", "A", 100, 30), ("2020-2025", "A", 100, 40)])
    many = make_counts([("2015-2020", "B", 100, 70), ("2020-2025", "B", 100, 60)])
    kw = {"target_year": 2030, "target_time": "year", "parity": True}
    a = assess_progress(few, **kw).iloc[0]
    b = assess_progress(many, **kw).iloc[0]
    assert a["value"] == pytest.approx(1.3686, abs=1e-4)
    assert (a["score"], a["status"]) == (5.0, "substantial progress")
    assert (b["value"], b["score"], b["status"]) == (a["value"], a["score"], a["status"])
    assert a["direction"] == "negative" and a["target_share"] == 0.5
    assert math.isnan(a["projected_share"])
    assert a["base_share"] == 0.3  # the shares themselves are reported as they are
    # at parity: achieved with one point
    one = make_counts([("2020-2025", "C", 10, 5)])
    assert assess_progress(one, **kw)["status"].tolist() == ["target achieved"]
    with pytest.raises(ArgumentError, match="a parity target is 50 %"):
        assess_progress(few, target_share="40%", **kw)
    with pytest.raises(ArgumentError, match="parity applies to the growth methods only"):
        assess_progress(few, method="linear", **kw)


def test_aggregate_with_sub_indicator_groups():
    # party committees: 3 series scoring 5, 5, 5 (mean 5); councils: 1 series scoring −4
    # pooled mean of the 4 series: (15 − 4)/4 = 2.75 -> substantial; by sub-indicator:
    # (5 + −4)/2 = 0.5 -> moderate
    frame = pd.DataFrame(
        {
            "method": "growth_ratio",
            "body": [PARTY] * 3 + [COUNCIL],
            "score": [5.0, 5.0, 5.0, -4.0],
            "status": ["target achieved"] * 3 + ["deterioration"],
        }
    )
    assert aggregate_progress(frame)["score"].item() == 2.75
    grouped = aggregate_progress(frame, groups=["body"]).iloc[0]
    assert (grouped["score"], grouped["status"]) == (0.5, "moderate progress")
