"""Tests of the vectorised check: it agrees with the scalar rule methods, row by row.

``check`` evaluates every row at once with integer numpy arithmetic; the rules' own methods
(``status``, ``seats_needed``, ``seats_needed_if_grow``) are the reference.  Expectations in the
hand-written tests are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.compliance import NothingAssessedWarning, check, summarise
from gender_stats.errors import DataError
from gender_stats.targets import (
    Conditional,
    Floor,
    Presence,
    Range,
    Rule,
    ShareOfUnits,
    Status,
    Target,
    percent,
)


def target(rule: Rule, *, body: str = "party_committee", **kw) -> Target:
    return Target(
        id="T",
        document="T",
        date=dt.date(2020, 1, 1),
        issuer="test",
        clause_vi="x",
        clause_en="x",
        bodies=(body,),
        levels=(),
        terms=(),
        target_year=None,
        rule=rule,
        **kw,
    )


def counts(totals, females, *, body="party_committee", term="2015-2020", units=None):
    n = len(totals)
    return pd.DataFrame(
        {
            "term": [term] * n,
            "unit_id": units if units is not None else [f"U{i}" for i in range(n)],
            "unit_name": [f"Đơn vị {i}" for i in range(n)],
            "level": ["district"] * n,
            "body": [body] * n,
            "total": totals,
            "female": females,
        }
    )


# ---------------------------------------------------------------------------------------------
# The float traps, by hand


@pytest.mark.parametrize(
    ("rule", "total", "female", "status", "seats"),
    [
        (Floor(percent("15")), 20, 0, "below", 3),  # 15 % of 20 = 3 exactly
        (Floor(percent("35")), 20, 0, "below", 7),  # 35 % of 20 = 7 exactly
        (Floor(percent("7")), 100, 0, "below", 7),  # float ceil(0.07 * 100) = 8
        (Floor(percent("29")), 100, 29, "met", 0),  # float 0.29 * 100 = 28.999...
        (Floor(percent("35"), strict=True), 20, 0, "below", 8),  # > 35 %: 7 is not enough
        (Floor(percent("35"), strict=True), 20, 7, "below", 1),
        (Floor(percent("33.3")), 1000, 332, "below", 1),  # 333/1000 exactly
        (Floor(percent("12.5")), 8, 1, "met", 0),  # 1/8 exactly
    ],
)
def test_float_traps(rule, total, female, status, seats):
    out = check(counts([total], [female]), target(rule))
    assert out["status"].iloc[0] == status
    assert out["seats_needed"].iloc[0] == seats


def test_grow_by_hand():
    # ≥ 15 %, 0 of 20: (0 + x)/(20 + x) ≥ 3/20 ⇔ 17x ≥ 60 ⇔ x ≥ 3.53 -> 4
    out = check(counts([20], [0]), target(Floor(percent("15"))))
    assert out["seats_needed_if_grow"].iloc[0] == 4
    # > 35 %, 7 of 20: (7 + x)/(20 + x) > 7/20 ⇔ 13x > 0 -> 1
    out = check(counts([20], [7]), target(Floor(percent("35"), strict=True)))
    assert out["seats_needed_if_grow"].iloc[0] == 1
    # ≥ 100 %, 3 of 4: one swap, but growing never gets there while a man sits; 4 of 4: met
    out = check(counts([4, 4], [3, 4]), target(Floor(percent("100"))))
    assert out["seats_needed"].tolist() == [1, 0]
    assert out["seats_needed_if_grow"].isna().tolist() == [True, False]
    assert out["seats_needed_if_grow"].iloc[1] == 0
    # range 35-40 %, 9 of 20 (45 %): above range, no seats, gap 0
    out = check(counts([20], [9]), target(Range(percent("35"), percent("40"))))
    assert out["status"].iloc[0] == "above_range"
    assert out["seats_needed"].iloc[0] == 0
    assert out["seats_needed_if_grow"].iloc[0] == 0
    assert out["gap_pp"].iloc[0] == 0.0
    # range 100-100 %, 3 of 4: like the 100 % floor
    out = check(counts([4], [3]), target(Range(percent("100"), percent("100"))))
    assert out["seats_needed"].iloc[0] == 1
    assert pd.isna(out["seats_needed_if_grow"].iloc[0])


def test_notes_impossible_and_range_no_fit():
    # presence of 2 in a body of 1: no swap, grow by 2
    out = check(
        counts([1], [0], body="standing_committee"), target(Presence(2), body="standing_committee")
    )
    assert pd.isna(out["seats_needed"].iloc[0])
    assert out["seats_needed_if_grow"].iloc[0] == 2
    assert "cannot be met at this size" in out["note"].iloc[0]
    # 35-40 % of 3 seats: ⌈1.05⌉ = 2 > ⌊1.2⌋ = 1, no count fits; seats count to the low bound
    out = check(counts([3, 20], [0, 0]), target(Range(percent("35"), percent("40"))))
    assert out["seats_needed"].tolist() == [2, 7]
    assert "no count fits the range at this size" in out["note"].iloc[0]
    assert out["note"].iloc[1] == ""


def test_huge_counts_stay_exact():
    # 200 · 1000 · 10**15 > 2**53: the exact Python-int path
    # 33.3 % of 10**15 + 1 = 333 000 000 000 000.333 -> 333 000 000 000 001 women
    n = 10**15 + 1
    out = check(counts([n, n], [0, 333_000_000_000_001]), target(Floor(percent("33.3"))))
    assert out["seats_needed"].tolist() == [333_000_000_000_001, 0]
    assert out["status"].tolist() == ["below", "met"]
    assert out["share"].iloc[0] == 0.0
    # grow: x ≥ 333·n / (1000 − 333) = 333 000 000 000 000 333 / 667 = 499 250 374 812 594.2 -> ...595
    assert out["seats_needed_if_grow"].iloc[0] == 499_250_374_812_595


def test_missing_and_float_counts():
    c = counts([20, 20, np.nan, 0], [3.0, np.nan, 1.0, 0.0])
    out = check(c, target(Floor(percent("15"))))
    assert out["status"].tolist() == ["met", "no_data", "no_data", "no_data"]
    assert out["note"].tolist()[1:] == [
        "thiếu số female (no female count)",
        "thiếu số total (no total count)",
        "tổng số bằng 0 (total is 0)",
    ]
    assert out["seats_needed"].isna().tolist() == [False, True, True, True]


def test_conditional_join_by_term_and_unit():
    key = counts([4, 4, 4, 4], [0, 0, 1, 0], body="key_posts", units=["A", "B", "C", "D"])
    staff = counts([100, 10, 10, 10], [29, 3, 5, 0], body="staff", units=["A", "B", "C", "D"])
    other_term = counts([10], [9], body="staff", term="2010-2015", units=["A"])
    # staff rows in another order than the key-post rows
    c = pd.concat([staff.iloc[::-1], key, other_term], ignore_index=True)
    rule = Conditional(Presence())
    out = check(c, target(rule, body="key_posts"))
    assert out["unit_id"].tolist() == ["A", "B", "C", "D"]
    # A: 29/100 < 30 % -> not applicable; B: 3/10 = 30 % -> applies, below
    # C: 5/10 -> met; D: last staff row of D in the frame is 0/10 (reversed), not applicable
    assert out["status"].tolist() == ["not_applicable", "below", "met", "not_applicable"]
    assert out["seats_needed"].isna().tolist() == [True, False, False, True]
    assert "29/100" in out["note"].iloc[0]
    assert out["note"].iloc[1] == "staff: 3/10 nữ (staff 3/10 women, condition met)"
    assert "0/10" in out["note"].iloc[3]
    # two staff rows of D (9/10, 0/10) would decide the condition either way: refused, not guessed
    twice = pd.concat([c, counts([10], [9], body="staff", units=["D"])], ignore_index=True)
    with pytest.raises(DataError, match=r"trùng với dòng 0 \(2015-2020, D, staff\)"):
        check(twice, target(rule, body="key_posts"))
    with pytest.warns(NothingAssessedWarning, match="no condition row"):
        alone = check(key.iloc[[0]], target(rule, body="key_posts"))
    assert alone["status"].iloc[0] == "no_data"
    assert "no staff row" in alone["note"].iloc[0]


def test_categorical_columns_give_the_same_frame():
    c = counts([20, 9, 40], [2, 0, 6], units=["A", "B", "C"])
    cats = c.astype(dict.fromkeys(("term", "unit_id", "level", "body"), "category"))
    plain = check(c, target(Floor(percent("15"))))
    categorical = check(cats, target(Floor(percent("15"))))
    for col in ("share", "status", "gap_pp", "seats_needed", "seats_needed_if_grow", "note"):
        pd.testing.assert_series_equal(plain[col], categorical[col])


def test_user_rule_uses_its_own_methods():
    class EveryOther(Rule):
        @property
        def label(self) -> str:
            return "odd"

        def min_count(self, size: int) -> int | None:
            return None if size < 5 else 5

        def status(self, total: int, part: int) -> Status:
            return Status.MET if part % 2 else Status.BELOW

        def seats_needed_if_grow(self, total: int, part: int) -> int | None:
            return 1

    out = check(counts([4, 10, 10], [2, 2, 3]), target(EveryOther()))
    assert out["status"].tolist() == ["below", "below", "met"]
    assert out["seats_needed"].isna().tolist() == [True, False, False]
    assert out["seats_needed"].iloc[1] == 3
    assert "cannot be met at this size" in out["note"].iloc[0]


# ---------------------------------------------------------------------------------------------
# The property: check equals the scalar rule methods row by row

_TEXTS = ["15", "33.3", "7", "29", "35", "0", "100", "12.5", "66.67", "40"]
percent_text = st.one_of(
    st.sampled_from(_TEXTS),
    st.integers(0, 100).map(str),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]:02d}"),
)


@st.composite
def rules(draw):
    kind = draw(st.sampled_from(["floor", "strict", "range", "presence"]))
    if kind == "floor":
        return Floor(percent(draw(percent_text)))
    if kind == "strict":
        share = percent(draw(percent_text))
        return Floor(share if share < 1 else Fraction(99, 100), strict=True)
    if kind == "range":
        low, high = sorted([percent(draw(percent_text)), percent(draw(percent_text))])
        return Range(low, high)
    return Presence(draw(st.integers(1, 5)))


@st.composite
def bodies(draw):
    scale = draw(st.sampled_from([1, 1, 1, 10**12]))  # 10**12: the exact Python-int path
    n = draw(st.integers(1, 40))
    totals = draw(st.lists(st.integers(0, 60), min_size=n, max_size=n))
    females = [draw(st.integers(0, t)) for t in totals]
    return [t * scale + (scale > 1) for t in totals], [f * scale for f in females]


@settings(max_examples=200, deadline=None)
@given(rule=rules(), data=bodies(), wrap=st.sampled_from(["none", "share_of_units"]))
def test_check_equals_the_scalar_rule_methods(rule, data, wrap):
    totals, females = data
    checked = ShareOfUnits(rule, Fraction(1, 2)) if wrap == "share_of_units" else rule
    with warnings.catch_warnings():  # every body may be empty: nothing assessed
        warnings.simplefilter("ignore", NothingAssessedWarning)
        out = check(counts(totals, females), target(checked))
    assert len(out) == len(totals)
    lower = rule.lower_bound
    for row, total, female in zip(out.itertuples(), totals, females, strict=True):
        if total == 0:
            assert row.status == Status.NO_DATA.value
            assert pd.isna(row.seats_needed) and pd.isna(row.seats_needed_if_grow)
            continue
        status = rule.status(total, female)
        assert row.status == status.value
        need = rule.seats_needed(total, female)
        grow = rule.seats_needed_if_grow(total, female)
        assert (None if pd.isna(row.seats_needed) else int(row.seats_needed)) == need
        assert (
            None if pd.isna(row.seats_needed_if_grow) else int(row.seats_needed_if_grow)
        ) == grow
        assert row.share == female / total
        if lower is None:
            assert np.isnan(row.gap_pp)
        elif status is Status.BELOW:
            assert row.gap_pp == float((lower - Fraction(female, total)) * 100)
        else:
            assert row.gap_pp == 0.0


@settings(max_examples=100, deadline=None)
@given(
    inner=rules(),
    condition=percent_text,
    rows=st.lists(
        st.tuples(st.integers(1, 30), st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)),
        min_size=1,
        max_size=20,
    ),
)
def test_conditional_equals_the_scalar_methods(inner, condition, rows):
    rule = Conditional(inner, condition=Floor(percent(condition)))
    key_totals = [r[0] for r in rows]
    key_women = [min(r[1], r[0]) for r in rows]
    staff_totals = [r[2] for r in rows]
    staff_women = [min(r[3], r[2]) for r in rows]
    units = [f"U{i}" for i in range(len(rows))]
    c = pd.concat(
        [
            counts(staff_totals, staff_women, body="staff", units=units),
            counts(key_totals, key_women, body="key_posts", units=units),
        ],
        ignore_index=True,
    )
    with warnings.catch_warnings():  # every condition may fail: nothing assessed
        warnings.simplefilter("ignore", NothingAssessedWarning)
        out = check(c, target(rule, body="key_posts"))
    for row, n, w, sn, sw in zip(
        out.itertuples(), key_totals, key_women, staff_totals, staff_women, strict=True
    ):
        if sn == 0:
            assert row.status == "no_data"
        elif not rule.condition.is_met(sn, sw):
            assert row.status == "not_applicable"
            assert pd.isna(row.seats_needed)
        else:
            assert row.status == rule.status(n, w).value
            need = rule.seats_needed(n, w)
            assert (None if pd.isna(row.seats_needed) else int(row.seats_needed)) == need
            assert row.note.startswith(f"staff: {sw}/{sn} nữ")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, 60)),  # total (None: the unit did not send it)
            st.one_of(st.none(), st.integers(0, 60)),  # women
        ),
        min_size=1,
        max_size=12,
    )
)
def test_summary_pools_members_and_women_over_the_same_units(pairs):
    # women above the members is refused by check, so keep them at most the total
    pairs = [(t, None if (w is not None and t is not None and w > t) else w) for t, w in pairs]
    n = len(pairs)
    counts = pd.DataFrame(
        {
            "term": ["2015-2020"] * n,
            "unit_id": [f"U{i}" for i in range(n)],
            "unit_name": [f"Huyện {i}" for i in range(n)],
            "level": ["district"] * n,
            "body": ["party_committee"] * n,
            "total": pd.array([t for t, _ in pairs], dtype="Int64"),
            "female": pd.array([w for _, w in pairs], dtype="Int64"),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = summarise(check(counts, "36-CT/TW:a"), by=["body"], warn=False)
    both = [(t, w) for t, w in pairs if t is not None and w is not None]
    assert out["total_all"].tolist() == [sum(t for t, _ in both)]
    assert out["part_all"].tolist() == [sum(w for _, w in both)]
