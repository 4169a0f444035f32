"""Planning over a whole table (seats_to_keep, next_term_needs), the odds' repr, the messages.

Every expected value is worked out by hand in the comments.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.compliance import check
from gender_stats.errors import ArgumentError, PlanningError
from gender_stats.planning import (
    SEATS_COLUMNS,
    candidate_list_odds,
    min_women_on_list,
    next_term_needs,
    seats_to_keep,
)

#: A: 4/40 = 10 %; B: 1/30 = 3.3 %; C: 3/20 = 15 % (met); D: a standing committee without a woman.
COUNTS = pd.DataFrame(
    {
        "term": ["2015-2020"] * 4,
        "unit_id": ["A", "B", "C", "D"],
        "unit_name": ["Huyện A", "Huyện B", "Huyện C", "Huyện D"],
        "level": ["district"] * 4,
        "body": ["party_committee"] * 3 + ["standing_committee"],
        "total": [40, 30, 20, 9],
        "female": [4, 1, 3, 0],
    }
)


def _plan(frame: pd.DataFrame) -> list[list[object]]:
    cols = ["unit_id", "body", "planned_size", "k", "final_women", "final_size", "vacant_left"]
    return frame[[*cols, "reachable"]].astype(object).to_numpy().tolist()


def test_seats_to_keep_over_a_counts_frame_by_hand() -> None:
    # four seats left vacant everywhere, ≥ 15 % (36-CT/TW:a, party committees only):
    # A: (4 + k)/(40 + k) ≥ 3/20 ⇔ 17k ≥ 40 ⇔ k ≥ 2.35 → 3: 7/43, one seat left
    # B: (1 + k)/(30 + k) ≥ 3/20 ⇔ 17k ≥ 70 ⇔ k ≥ 4.12 → 5 > 4 vacant: not reachable
    # C: 3/20 is 15 %: k = 0, the four seats stay vacant
    out = seats_to_keep(COUNTS, vacant=4)
    assert list(out.columns) == list(SEATS_COLUMNS)
    na = pd.NA
    assert _plan(out) == [
        ["A", "party_committee", 44, 3, 7, 43, 1, True],
        ["B", "party_committee", 34, na, na, na, na, False],
        ["C", "party_committee", 24, 0, 3, 20, 4, True],
    ]
    assert out["target_id"].tolist() == ["36-CT/TW:a"] * 3
    assert out["rule"].tolist() == ["≥ 15%"] * 3
    assert out["elected"].tolist() == [40, 30, 20]
    assert out["women_elected"].tolist() == [4, 1, 3]
    assert out.loc[0, "final_share"] == pytest.approx(7 / 43)
    assert out.loc[0, "note"] == ""
    note = out.loc[1, "note"]
    assert note.startswith("không đủ ghế (not enough seats): 1 nữ / 30 trúng cử, 4 ghế trống")
    assert "5/34, vẫn chưa đạt ≥ 15%" in note
    assert "Hint: cần bầu thêm nữ" in note
    assert out.dtypes["k"] == "Int64" and out.dtypes["reachable"] == "bool"


def test_each_row_is_what_the_one_committee_call_says() -> None:
    out = seats_to_keep(COUNTS, vacant=4)
    for row in out.itertuples():
        kwargs = {"planned_size": row.planned_size, "elected": row.elected}
        if row.reachable:
            one = seats_to_keep(**kwargs, women_elected=row.women_elected)
            assert (one.k, one.final_size, one.vacant_left) == (
                row.k,
                row.final_size,
                row.vacant_left,
            )
        else:
            with pytest.raises(PlanningError, match=re.escape(row.note)):
                seats_to_keep(**kwargs, women_elected=row.women_elected)


def test_seats_to_keep_over_a_compliance_frame_gives_the_same() -> None:
    compliance = check(COUNTS, "36-CT/TW:a")
    pd.testing.assert_frame_equal(
        seats_to_keep(compliance, vacant=4), seats_to_keep(COUNTS, vacant=4)
    )
    # a compliance frame of both targets of the directive: every judged row with its own target;
    # D (36-CT/TW:b, a woman): 0 + k ≥ 1 → k = 1, 1/10, three seats left
    both = seats_to_keep(check(COUNTS, "36-CT/TW"), vacant=4)
    assert both[["unit_id", "target_id", "k", "final_women", "final_size"]].astype(
        object
    ).to_numpy().tolist() == [
        ["A", "36-CT/TW:a", 3, 7, 43],
        ["B", "36-CT/TW:a", pd.NA, pd.NA, pd.NA],
        ["C", "36-CT/TW:a", 0, 3, 20],
        ["D", "36-CT/TW:b", 1, 1, 10],
    ]
    # the same rows from the counts with the document as target; a target filters a compliance frame
    pd.testing.assert_frame_equal(seats_to_keep(COUNTS, vacant=4, target="36-CT/TW"), both)
    only_b = seats_to_keep(check(COUNTS, "36-CT/TW"), vacant=4, target="36-CT/TW:b")
    assert only_b["unit_id"].tolist() == ["D"]


def test_planned_size_by_unit_or_column() -> None:
    # A planned at 45: k = 3, 2 seats left (the one-committee example); B and C not in the
    # mapping: planned = elected, no vacant seat: B cannot reach, C is met with k = 0
    out = seats_to_keep(COUNTS, planned_size={"A": 45})
    assert _plan(out) == [
        ["A", "party_committee", 45, 3, 7, 43, 2, True],
        ["B", "party_committee", 30, pd.NA, pd.NA, pd.NA, pd.NA, False],
        ["C", "party_committee", 20, 0, 3, 20, 0, True],
    ]
    # vacant by unit: A with 2 vacant cannot reach (needs 3)
    by_unit = seats_to_keep(COUNTS, vacant={"A": 2, "C": 1})
    assert by_unit["planned_size"].tolist() == [42, 30, 21]
    assert by_unit["reachable"].tolist() == [False, False, True]
    # one planned size for all: 50; A: k = 3 (7/43), 7 left; B: 20 vacant, k = 5 (6/35); C: 0
    same = seats_to_keep(COUNTS, planned_size=50)
    assert same["k"].tolist() == [3, 5, 0]
    assert same["vacant_left"].tolist() == [7, 15, 30]
    # a planned_size column of the counts
    column = seats_to_keep(COUNTS.assign(planned_size=[44, 34, 24, 13]))
    pd.testing.assert_frame_equal(column, seats_to_keep(COUNTS, vacant=4))


def test_a_share_target_applies_to_every_row() -> None:
    # ≥ 25 %, four vacant seats, every body:
    # A: (4 + k)/(40 + k) ≥ 1/4 ⇔ 3k ≥ 24 ⇔ k ≥ 8 > 4; B: 3k ≥ 26 → 9 > 4: not reachable
    # C: (3 + k)/(20 + k) ≥ 1/4 ⇔ 3k ≥ 8 → 3: 6/23; D: k/(9 + k) ≥ 1/4 ⇔ 3k ≥ 9 → 3: 3/12
    out = seats_to_keep(COUNTS, vacant=4, target="25%")
    assert out["k"].astype(object).tolist() == [pd.NA, pd.NA, 3, 3]
    assert out["final_size"].astype(object).tolist() == [pd.NA, pd.NA, 23, 12]
    assert out["target_id"].isna().all()
    assert out["rule"].tolist() == ["≥ 25%"] * 4
    assert seats_to_keep(COUNTS, vacant=4, target=Fraction(1, 4)).equals(out)


def test_seats_to_keep_over_a_table_never_mutates() -> None:
    counts = COUNTS.copy(deep=True)
    compliance = check(COUNTS, "36-CT/TW")
    before = compliance.copy(deep=True)
    seats_to_keep(counts, vacant=4)
    seats_to_keep(compliance, planned_size={"A": 45})
    seats_to_keep(counts, vacant=4, target="25%")
    pd.testing.assert_frame_equal(counts, COUNTS)
    pd.testing.assert_frame_equal(compliance, before)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {},
            PlanningError,
            r"cần planned_size= hoặc vacant=.*Hint: seats_to_keep\(counts, vacant=4\)",
        ),
        ({"vacant": 4, "planned_size": 50}, PlanningError, "not both"),
        ({"vacant": 4, "elected": 40}, PlanningError, "come from the frame's total"),
        (
            {"planned_size": 35},
            PlanningError,
            r"^đơn vị A: số trúng cử không vượt số dự kiến \(elected \(40\) must not exceed "
            r"planned_size \(35\)\)\. Hint:",
        ),
        ({"vacant": -1}, PlanningError, "vacant of A must be a whole number ≥ 0"),
        ({"vacant": 4, "target": 0.15}, PlanningError, "floats are refused"),
    ],
)
def test_seats_to_keep_over_a_table_refuses_bad_arguments(
    kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        seats_to_keep(COUNTS, **kwargs)  # type: ignore[call-overload]


def test_seats_to_keep_refuses_what_is_not_a_table_or_a_judged_share() -> None:
    with pytest.raises(ArgumentError, match="expected a counts or compliance pandas DataFrame"):
        seats_to_keep([40, 4], vacant=4)  # type: ignore[call-overload]
    with pytest.raises(ArgumentError, match="a compliance frame is judged already"):
        seats_to_keep(check(COUNTS, "36-CT/TW"), vacant=4, target="25%")
    with pytest.raises(PlanningError, match=r"thiếu \(missing\) \['elected'\]"):
        seats_to_keep(planned_size=45, women_elected=4)  # type: ignore[call-overload]
    with pytest.raises(PlanningError, match="a mapping by unit is for a frame"):
        seats_to_keep(planned_size={"A": 45}, elected=40, women_elected=4)  # type: ignore[call-overload]


def test_one_committee_with_vacant_seats() -> None:
    # vacant = 5 is planned_size = 45
    assert seats_to_keep(vacant=5, elected=40, women_elected=4).k == 3
    assert seats_to_keep(vacant=5, elected=40, women_elected=4).planned_size == 45


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 60), st.integers(0, 60), st.integers(0, 8)), min_size=1, max_size=6
    )
)
def test_every_table_row_agrees_with_the_one_committee_answer(
    rows: list[tuple[int, int, int]],
) -> None:
    rows = [(e, min(w, e), v) for e, w, v in rows]
    counts = pd.DataFrame(
        {
            "term": "2015-2020",
            "unit_id": [f"U{i}" for i in range(len(rows))],
            "unit_name": [f"Huyện {i}" for i in range(len(rows))],
            "level": "district",
            "body": "party_committee",
            "total": [e for e, _, _ in rows],
            "female": [w for _, w, _ in rows],
        }
    )
    vacant = {f"U{i}": v for i, (_, _, v) in enumerate(rows)}
    out = seats_to_keep(counts, vacant=vacant)
    assert len(out) == len(rows)
    for (e, w, v), row in zip(rows, out.itertuples(), strict=True):
        try:
            one = seats_to_keep(planned_size=e + v, elected=e, women_elected=w)
        except PlanningError:
            assert not row.reachable and pd.isna(row.k)
        else:
            assert row.reachable and row.k == one.k and row.final_women == one.final_women


# ---------------------------------------------------------------------------------------------
# next_term_needs over counts


def test_next_term_needs_takes_counts_too() -> None:
    # 36-CT/TW: A 15 % of 40 = 6 → 2 to add; B 15 % of 30 = 4.5 → 5, 4 to add; D one woman
    out = next_term_needs(COUNTS, targets=["36-CT/TW"])
    pd.testing.assert_frame_equal(out, next_term_needs(check(COUNTS, "36-CT/TW")))
    assert out[["unit_id", "women_needed", "women_to_add"]].to_numpy().tolist() == [
        ["A", 6, 2],
        ["B", 5, 4],
        ["D", 1, 1],
    ]
    # by default the targets in force for the term (36-CT/TW and 11-NQ/TW for 2015-2020 here)
    in_force = next_term_needs(COUNTS)
    pd.testing.assert_frame_equal(in_force, next_term_needs(check(COUNTS)))
    counts = COUNTS.copy(deep=True)
    next_term_needs(counts, expected_size=30)
    pd.testing.assert_frame_equal(counts, COUNTS)


def test_next_term_needs_refuses_what_is_not_a_frame() -> None:
    with pytest.raises(
        ArgumentError, match=r"expected a counts frame or the compliance frame of gs.check"
    ):
        next_term_needs([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="expected Target objects"):
        next_term_needs(COUNTS, targets=[3])  # type: ignore[list-item]


# ---------------------------------------------------------------------------------------------
# The candidate-list odds in a notebook


def test_candidate_odds_repr_is_one_readable_line() -> None:
    # P(X = x) = (1, 15, 30, 10, 0, 0)/56; at least one woman: 55/56 = 98.2 %; E[X] = 15/8
    odds = candidate_list_odds(seats=5, candidates=8, women=3, target=Fraction(1, 5))
    assert repr(odds) == (
        "CandidateOdds(seats=5, candidates=8, women=3, odds_ratio=1, rule='≥ 20%', "
        "women_needed=1, probability=55/56 (98.2%), expected_women=15/8 (1.88), "
        "distribution=6 values, P(X = 0..5))"
    )
    assert "Fraction(" not in repr(odds)


def test_candidate_odds_repr_of_a_long_list_stays_short() -> None:
    odds = candidate_list_odds(
        seats=45, candidates=55, women=12, success_women="0.61", success_men="0.83"
    )
    text = repr(odds)
    assert len(text) < 260 and "Fraction(" not in text
    assert "distribution=46 values, P(X = 0..45)" in text
    assert "probability=… (" in text  # a fraction too long to read is left to the percentage


def test_candidate_odds_html_is_a_table_of_the_nonzero_probabilities() -> None:
    odds = candidate_list_odds(seats=5, candidates=8, women=3, target=Fraction(1, 5))
    page = odds._repr_html_()
    assert page.count("<tr>") == 1 + 4  # the header, then x = 0..3 (P = 0 for 4 and 5)
    assert "<tr><td>0</td><td>1,8%</td><td>1/56</td><td>chưa đạt</td></tr>" in page
    assert "<tr><td>2</td><td>53,6%</td><td>15/28</td><td>đạt</td></tr>" in page
    assert "xác suất đạt (probability met) <b>98,2%</b>" in page
    assert "Số nữ trúng cử (women elected)" in page
    assert "ω" not in page  # uniform model: no odds ratio line
    weighted = candidate_list_odds(
        seats=2, candidates=4, women=2, success_women="0.5", success_men=Fraction(1, 3)
    )
    assert "ω = 2,00" in weighted._repr_html_()


# ---------------------------------------------------------------------------------------------
# PlanningError messages: Vietnamese, English in brackets, the value, a Hint


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: seats_to_keep(planned_size=20, elected=10, women_elected=11),
            r"^số nữ trúng cử không vượt số trúng cử \(women_elected \(11\) must not exceed "
            r"elected \(10\)\)\. Hint:",
        ),
        (
            lambda: seats_to_keep(planned_size=20, elected=18, women_elected=0),
            r"^không đủ ghế \(not enough seats\).*\. Hint: cần bầu thêm nữ",
        ),
        (
            lambda: seats_to_keep(planned_size=20, elected=10, women_elected=1, target=0.15),
            r"^cần mã chỉ tiêu.*got 0\.15 \(floats are refused.*Hint: target='36-CT/TW:a'",
        ),
        (
            lambda: seats_to_keep(
                planned_size=20, elected=10, women_elected=1, target=Fraction(3, 2)
            ),
            r"^tỷ lệ phải trong \[0, 1\] \(a share must be in \[0, 1\]\), got 3/2\. Hint:",
        ),
        (
            lambda: seats_to_keep(planned_size=20, elected="10", women_elected=1),
            r"^elected phải là số nguyên ≥ 0 \(elected must be a whole number ≥ 0\), got '10'\. "
            r"Hint:",
        ),
        (
            lambda: candidate_list_odds(seats=5, candidates=4, women=2),
            r"^số ứng cử viên không ít hơn số ghế \(candidates \(4\) must be at least seats "
            r"\(5\)\)\. Hint: danh sách bầu có ít nhất 5 người",
        ),
        (
            lambda: candidate_list_odds(seats=5, candidates=8, women=9),
            r"^số nữ không vượt số ứng cử viên \(women \(9\) must not exceed candidates \(8\)\)\. "
            r"Hint:",
        ),
        (
            lambda: candidate_list_odds(seats=5, candidates=8, women=3, success_women="0.5"),
            r"^cho cả hai success_women và success_men.*got success_women='0\.5', "
            r"success_men=None\. Hint:",
        ),
        (
            lambda: candidate_list_odds(
                seats=5, candidates=8, women=3, success_women="1", success_men="0.5"
            ),
            r"^success_women phải lớn hơn 0 và nhỏ hơn 1 \(success_women must be strictly between "
            r"0 and 1\), got 1\. Hint:",
        ),
        (
            lambda: candidate_list_odds(
                seats=5, candidates=8, women=3, success_women=0.5, success_men="0.5"
            ),
            r"^success_women phải là số chính xác .*got float 0\.5\. Hint: success_women='0\.5'",
        ),
        (
            lambda: candidate_list_odds(seats=2, candidates=8, women=3, target=gs.Presence(3)),
            r"^không số nữ nào trong 2 ghế đạt .*\(no number of women in 2 seats meets .*\)\. "
            r"Hint:",
        ),
        (
            lambda: min_women_on_list(seats=5, candidates=8, probability="1.5"),
            r"^xác suất phải trong \(0, 1\] \(probability must be in \(0, 1\]\), got 3/2\. Hint:",
        ),
        (
            lambda: min_women_on_list(seats=5, candidates=8, probability="nhiều"),
            r"^probability phải là một số \(probability must be a number\), got 'nhiều'\. Hint:",
        ),
    ],
)
def test_planning_errors_say_value_expected_and_hint(call: object, match: str) -> None:
    with pytest.raises(PlanningError, match=match):
        call()  # type: ignore[operator]
