"""Tests of the planning functions (expectations worked out by hand)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.compliance import check
from gender_stats.errors import PlanningError
from gender_stats.planning import (
    candidate_list_odds,
    min_women_on_list,
    next_term_needs,
    seats_to_keep,
)
from gender_stats.targets import Floor, Presence, Target

# ---------------------------------------------------------------------------------------------
# seats_to_keep (bầu thiếu)


def test_seats_to_keep_by_hand():
    # 4/40 = 10 %; (4 + k)/(40 + k) >= 15 % <=> 0.85 k >= 2 <=> k >= 2.35 -> 3: 7/43 = 16.3 %
    r = seats_to_keep(planned_size=45, elected=40, women_elected=4)
    assert r.k == 3
    assert (r.final_women, r.final_size, r.vacant_left) == (7, 43, 2)
    assert r.final_share == Fraction(7, 43)
    assert r.rule == "≥ 15%"


def test_seats_to_keep_already_met():
    assert seats_to_keep(planned_size=20, elected=20, women_elected=3).k == 0


def test_seats_to_keep_strict_and_presence_and_share():
    # > 35 %: 7/20 is exactly 35 %; 8/21 = 38.1 %
    assert seats_to_keep(planned_size=22, elected=20, women_elected=7, target="> 35%").k == 1
    assert seats_to_keep(planned_size=9, elected=8, women_elected=0, target="36-CT/TW:b").k == 1
    # 25 %: (2 + k)/(20 + k) >= 1/4 <=> 3k >= 12 <=> k >= 4
    r = seats_to_keep(planned_size=30, elected=20, women_elected=2, target=Fraction(1, 4))
    assert r.k == 4
    assert seats_to_keep(planned_size=30, elected=20, women_elected=2, target="25%").k == 4
    assert (
        seats_to_keep(planned_size=30, elected=20, women_elected=2, target=Floor(Fraction(1, 4))).k
        == 4
    )


def test_seats_to_keep_nobody_elected():
    assert seats_to_keep(planned_size=5, elected=0, women_elected=0).k == 1


def test_seats_to_keep_not_enough_vacant_seats():
    # 0 of 18 elected women: k/(18 + k) >= 15 % needs k >= 3.18 -> 4, only 2 seats are vacant
    with pytest.raises(PlanningError, match=r"not enough seats.*2 vacant seats.*≥ 15%"):
        seats_to_keep(planned_size=20, elected=18, women_elected=0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"planned_size": 20, "elected": 21, "women_elected": 0}, "must not exceed planned_size"),
        ({"planned_size": 20, "elected": 10, "women_elected": 11}, "must not exceed elected"),
        ({"planned_size": 0, "elected": 0, "women_elected": 0}, "planned_size must be"),
        (
            {"planned_size": 20, "elected": 10, "women_elected": 1, "target": 0.15},
            "floats are refused",
        ),
        (
            {"planned_size": 20, "elected": 10, "women_elected": 1, "target": "36-CT/TW"},
            "expected one target",
        ),
    ],
)
def test_seats_to_keep_errors(kwargs, match):
    with pytest.raises(PlanningError, match=match):
        seats_to_keep(**kwargs)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=120),
    data=st.data(),
    p=st.integers(min_value=0, max_value=99).map(lambda t: Fraction(t, 100)),
)
def test_seats_to_keep_is_minimal(n, data, p):
    e = data.draw(st.integers(min_value=1, max_value=n))
    w = data.draw(st.integers(min_value=0, max_value=e))
    try:
        k = seats_to_keep(planned_size=n, elected=e, women_elected=w, target=p).k
    except PlanningError:
        # then even all the vacant seats are not enough
        assert (w + n - e) * p.denominator < p.numerator * n
        return
    assert k <= n - e
    assert (w + k) * p.denominator >= p.numerator * (e + k)
    if k > 0:
        assert (w + k - 1) * p.denominator < p.numerator * (e + k - 1)


# ---------------------------------------------------------------------------------------------
# Candidate lists


def test_candidate_list_uniform_by_hand():
    # 5 of 8 elected uniformly, 3 women: P(X = x) = C(3, x) C(5, 5 - x) / C(8, 5) = (1, 15, 30, 10)/56
    odds = candidate_list_odds(seats=5, candidates=8, women=3, target=Fraction(1, 5))
    assert odds.distribution[:4] == (
        Fraction(1, 56),
        Fraction(15, 56),
        Fraction(30, 56),
        Fraction(10, 56),
    )
    assert odds.distribution[4:] == (0, 0)
    assert odds.expected_women == Fraction(105, 56)
    assert odds.women_needed == 1
    assert odds.probability == Fraction(55, 56)
    assert odds.odds_ratio == 1


def test_candidate_list_with_success_rates_by_hand():
    # p_f = 1/2 (odds 1), p_m = 1/3 (odds 1/2): omega = 2
    # S = 2 of L = 4, w = 2: weights C(2,x) C(2,2-x) 2^x = 1, 8, 4 -> (1, 8, 4)/13
    odds = candidate_list_odds(
        seats=2,
        candidates=4,
        women=2,
        success_women="0.5",
        success_men=Fraction(1, 3),
        target=Fraction(1, 2),
    )
    assert odds.odds_ratio == 2
    assert odds.distribution == (Fraction(1, 13), Fraction(8, 13), Fraction(4, 13))
    assert odds.probability == Fraction(12, 13)
    assert odds.expected_women == Fraction(16, 13)
    strict = candidate_list_odds(
        seats=2,
        candidates=4,
        women=2,
        success_women="0.5",
        success_men=Fraction(1, 3),
        target="> 50%",
    )
    assert strict.women_needed == 2
    assert strict.probability == Fraction(4, 13)


def test_candidate_list_presence():
    # one seat, one woman and one man, omega = 2: P(woman) = 2/3
    odds = candidate_list_odds(
        seats=1, candidates=2, women=1, success_women="0.5", success_men="1/3", target=Presence()
    )
    assert odds.probability == Fraction(2, 3)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"seats": 5, "candidates": 4, "women": 2}, "at least seats"),
        ({"seats": 5, "candidates": 8, "women": 9}, "must not exceed candidates"),
        ({"seats": 5, "candidates": 8, "women": 3, "success_women": "0.5"}, "give both"),
        (
            {"seats": 5, "candidates": 8, "women": 3, "success_women": "1", "success_men": "0.5"},
            "strictly between 0 and 1",
        ),
        (
            {"seats": 5, "candidates": 8, "women": 3, "success_women": 0.5, "success_men": "0.5"},
            "must be exact",
        ),
        ({"seats": 2, "candidates": 8, "women": 3, "target": Presence(3)}, "no number of women"),
    ],
)
def test_candidate_list_errors(kwargs, match):
    with pytest.raises(PlanningError, match=match):
        candidate_list_odds(**kwargs)


def test_min_women_on_list_by_hand():
    # P(at least one woman of 5 from 8): w = 1: 1 - C(7,5)/56 = 35/56; w = 2: 50/56; w = 3: 55/56
    assert min_women_on_list(seats=5, candidates=8, probability="0.6", target=Fraction(1, 5)) == 1
    assert min_women_on_list(seats=5, candidates=8, probability="0.9", target=Fraction(1, 5)) == 3
    # certainty: at least one woman among any 5 of 8 needs at most 4 men on the list
    assert min_women_on_list(seats=5, candidates=8, probability=1, target=Fraction(1, 5)) == 4


def test_min_women_on_list_errors():
    with pytest.raises(PlanningError, match=r"probability must be in \(0, 1\]"):
        min_women_on_list(seats=5, candidates=8, probability="1.5")


# ---------------------------------------------------------------------------------------------
# Next term


def _counts():
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 3,
            "unit_id": ["A", "B", "C"],
            "unit_name": ["A", "B", "C"],
            "level": ["district"] * 3,
            "body": ["party_committee", "party_committee", "standing_committee"],
            "total": [20, 40, 9],
            "female": [2, 9, 0],
        }
    )


def test_next_term_needs_same_size():
    out = next_term_needs(check(_counts(), "36-CT/TW"))
    assert list(out["unit_id"]) == ["A", "C"]
    assert list(out["women_needed"]) == [3, 1]  # 15 % of 20 = 3; one woman
    assert list(out["women_to_add"]) == [1, 1]
    assert list(out["expected_size"]) == [20, 9]


def test_next_term_needs_expected_size():
    compliance = check(_counts(), "36-CT/TW:a")
    out = next_term_needs(compliance, expected_size=30)
    assert list(out["women_needed"]) == [5]  # 15 % of 30 = 4.5 -> 5
    assert list(out["women_to_add"]) == [3]
    by_unit = next_term_needs(compliance, expected_size={"A": 10})
    assert list(by_unit["women_needed"]) == [2]  # 1.5 -> 2
    assert list(by_unit["women_to_add"]) == [0]


def test_next_term_needs_errors():
    compliance = check(_counts(), "36-CT/TW:a")
    with pytest.raises(PlanningError, match="expected_size of A must be a whole number ≥ 1"):
        next_term_needs(compliance, expected_size=0)
    target = Target(
        id="two",
        document="two",
        date=dt.date(2020, 1, 1),
        issuer="test",
        clause_vi="x",
        clause_en="x",
        bodies=("standing_committee",),
        levels=(),
        terms=(),
        target_year=None,
        rule=Presence(2),
    )
    with pytest.raises(PlanningError, match="unit C: no number of women in 1 seats"):
        next_term_needs(check(_counts(), target), expected_size=1, targets=[target])


def test_planning_does_not_mutate():
    compliance = check(_counts(), "36-CT/TW")
    before = compliance.copy(deep=True)
    next_term_needs(compliance, expected_size=25)
    pd.testing.assert_frame_equal(compliance, before)


def test_min_women_on_list_takes_a_float_probability_by_its_decimal_text():
    # 0.9 as a float is 0.90000000000000002220...: read as 9/10, it gives what "0.9" gives
    by_text = min_women_on_list(seats=5, candidates=8, probability="0.9", target=Fraction(1, 5))
    assert min_women_on_list(seats=5, candidates=8, probability=0.9, target=Fraction(1, 5)) == 3
    assert by_text == 3
    # P = 35/56 = 0.625 exactly for w = 1: the float 0.625 asks for 5/8, met by w = 1
    assert min_women_on_list(seats=5, candidates=8, probability=0.625, target=Fraction(1, 5)) == 1
    for bad in (float("nan"), float("inf")):
        with pytest.raises(PlanningError, match="probability must be a number"):
            min_women_on_list(seats=5, candidates=8, probability=bad)
    with pytest.raises(PlanningError, match=r"xác suất phải trong \(0, 1\] \(probability"):
        min_women_on_list(seats=5, candidates=8, probability=1.5)


def test_planning_errors_are_in_vietnamese_with_english_in_brackets():
    with pytest.raises(PlanningError, match=r"^số trúng cử không vượt số dự kiến \(elected"):
        seats_to_keep(planned_size=5, elected=6, women_elected=0)
    with pytest.raises(PlanningError, match=r"^cần đúng một chỉ tiêu \(expected one target\)"):
        seats_to_keep(planned_size=20, elected=10, women_elected=1, target="36-CT/TW")
    with pytest.raises(PlanningError, match=r"^planned_size phải là số nguyên ≥ 1 \(planned_size"):
        seats_to_keep(planned_size=0, elected=0, women_elected=0)
