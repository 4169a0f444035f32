"""Tests of check, shortfalls and summarise (expectations worked out by hand)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from gender_stats.compliance import (
    COMPLIANCE_COLUMNS,
    NothingAssessedWarning,
    Status,
    check,
    shortfalls,
    summarise,
)
from gender_stats.targets import Floor, Presence, Target


def counts(rows, term="2015-2020", level="district"):
    """Build counts from (unit_id, body, total, female[, extra dict]) tuples."""
    records = []
    for row in rows:
        unit, body, total, female, *extra = row
        record = {
            "term": term,
            "unit_id": unit,
            "unit_name": f"Huyện {unit}",
            "level": level,
            "body": body,
            "total": total,
            "female": female,
        }
        if extra:
            record.update(extra[0])
        records.append(record)
    return pd.DataFrame(records)


def one(frame, unit, target_id=None):
    sel = frame[frame["unit_id"] == unit]
    if target_id is not None:
        sel = sel[sel["target_id"] == target_id]
    assert len(sel) == 1
    return sel.iloc[0]


def test_columns_and_counts_columns_first():
    c = counts([("A", "party_committee", 20, 3)])
    out = check(c, "36-CT/TW")
    assert list(out.columns) == [*c.columns, *COMPLIANCE_COLUMNS]
    assert str(out["seats_needed"].dtype) == "Int64"
    assert str(out["seats_needed_if_grow"].dtype) == "Int64"


def test_floor_float_traps():
    c = counts(
        [
            ("A", "party_committee", 20, 0),  # 15 % of 20 = 3
            ("B", "party_committee", 100, 0),
            ("C", "party_committee", 20, 3),  # exactly 15 %: met
            ("D", "party_committee", 9, 1),  # 11.1 %; 15 % of 9 = 1.35 -> 2
        ]
    )
    out = check(c, "36-CT/TW:a")
    assert one(out, "A")["seats_needed"] == 3
    assert one(out, "A")["seats_needed_if_grow"] == 4  # 4/24 = 16.7 %, 3/23 = 13 %
    assert one(out, "A")["gap_pp"] == pytest.approx(15.0)
    assert one(out, "B")["seats_needed"] == 15
    assert one(out, "C")["status"] == "met"
    assert one(out, "C")["seats_needed"] == 0
    assert one(out, "C")["gap_pp"] == 0.0
    assert one(out, "D")["seats_needed"] == 1
    assert one(out, "D")["gap_pp"] == pytest.approx(15 - 100 / 9)


def _custom(rule, *, body="party_committee", numerator="female", **kw):
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
        numerator=numerator,
        **kw,
    )


def test_more_float_traps_with_custom_targets():
    c = counts([("A", "party_committee", 100, 0), ("B", "party_committee", 100, 29)])
    out7 = check(c, _custom(Floor(Fraction(7, 100))))
    assert one(out7, "A")["seats_needed"] == 7  # float ceil(0.07 * 100) gives 8
    out29 = check(c, _custom(Floor(Fraction(29, 100))))
    assert one(out29, "B")["status"] == "met"  # float 29 / 100 * 100 >= 29 is False


def test_strict_floor_26_c():
    c = counts([("P", "peoples_council", 20, 0), ("Q", "peoples_council", 20, 7)], term="2026-2031")
    out = check(c, "26-NQ/TW:c")
    assert one(out, "P")["seats_needed"] == 8  # > 35 % of 20: 7 is not enough
    assert one(out, "Q")["status"] == "below"  # exactly 35 % is not "trên 35%"
    assert one(out, "Q")["seats_needed"] == 1
    assert one(out, "Q")["seats_needed_if_grow"] == 1  # 8/21 = 38 %
    assert one(out, "Q")["gap_pp"] == 0.0  # share equals the bound, still below


def test_presence_36_b():
    c = counts([("A", "standing_committee", 9, 0), ("B", "standing_committee", 11, 2)])
    out = check(c, "36-CT/TW:b")
    assert one(out, "A")["status"] == "below"
    assert one(out, "A")["seats_needed"] == 1
    assert one(out, "A")["seats_needed_if_grow"] == 1
    assert np.isnan(one(out, "A")["gap_pp"])
    assert np.isnan(one(out, "A")["threshold"])
    assert one(out, "A")["rule"] == "≥ 1 nữ"
    assert one(out, "B")["status"] == "met"


def test_presence_impossible_in_a_tiny_body():
    c = counts([("A", "standing_committee", 1, 0)])
    out = check(c, _custom(Presence(2), body="standing_committee"))
    row = one(out, "A")
    assert row["status"] == "below"
    assert pd.isna(row["seats_needed"])
    assert row["seats_needed_if_grow"] == 2
    assert "cannot be met at this size" in row["note"]


def test_range_11_b():
    c = counts(
        [
            ("A", "peoples_council", 20, 5),  # 25 %: below, needs 2 (7 = 35 %)
            ("B", "peoples_council", 20, 8),  # 40 %: met
            ("C", "peoples_council", 20, 9),  # 45 %: above range
        ],
        term="2016-2021",
        level="province",
    )
    out = check(c, "11-NQ/TW:b")
    assert one(out, "A")["status"] == "below"
    assert one(out, "A")["seats_needed"] == 2
    # (5 + a)/(20 + a) >= 0.35 <=> 0.65 a >= 2 <=> a >= 3.08 -> 4
    assert one(out, "A")["seats_needed_if_grow"] == 4
    assert one(out, "A")["gap_pp"] == pytest.approx(10.0)
    assert one(out, "B")["status"] == "met"
    assert one(out, "C")["status"] == "above_range"
    assert one(out, "C")["seats_needed"] == 0
    assert one(out, "A")["rule"] == "35–40%"


def test_conditional_11_c():
    c = counts(
        [
            ("A", "key_posts", 4, 0),
            ("A", "staff", 100, 30),  # 30 %: the rule applies
            ("B", "key_posts", 4, 0),
            ("B", "staff", 100, 29),  # 29 %: it does not
            ("C", "key_posts", 4, 0),  # no staff row: no data
            ("D", "key_posts", 4, 1),
            ("D", "staff", 10, 5),
        ],
        term="2016-2021",
        level="agency",
    )
    out = check(c, "11-NQ/TW:c")
    assert set(out["body"]) == {"key_posts"}  # the staff rows only serve the condition
    assert one(out, "A")["status"] == "below"
    assert one(out, "A")["seats_needed"] == 1
    assert "30/100" in one(out, "A")["note"]
    assert one(out, "B")["status"] == "not_applicable"
    assert "29/100" in one(out, "B")["note"]
    assert pd.isna(one(out, "B")["seats_needed"])
    assert one(out, "C")["status"] == "no_data"
    assert "no staff row" in one(out, "C")["note"]
    assert one(out, "D")["status"] == "met"


def test_conditional_uses_the_same_term():
    a = counts([("A", "key_posts", 4, 0)], term="2016-2021", level="agency")
    b = counts([("A", "staff", 100, 50)], term="2011-2016", level="agency")
    with pytest.warns(NothingAssessedWarning, match="no condition row"):
        out = check(pd.concat([a, b], ignore_index=True), "11-NQ/TW:c")
    assert one(out, "A")["status"] == "no_data"


def test_share_of_units_28():
    c = counts(
        [
            ("A", "key_posts", 4, 1),
            ("B", "key_posts", 4, 0),
            ("C", "key_posts", 5, 2),
            ("D", "key_posts", 3, 0),
            ("E", "key_posts", 4, 1),
        ],
        term="2021-2026",
        level="commune",
    )
    out = check(c, "28/NQ-CP:2025")
    assert list(out["status"]) == ["met", "below", "met", "below", "met"]
    assert one(out, "B")["seats_needed"] == 1
    s = summarise(out)
    assert len(s) == 1
    row = s.iloc[0]
    assert row["label"] == "3/5"
    assert row["unit_share"] == pytest.approx(0.6)
    assert row["unit_share_target"] == pytest.approx(0.6)
    assert row["unit_share_met"]  # 3 of 5 = 60 % >= 60 %, exactly
    s75 = summarise(check(c, "28/NQ-CP:2030", any_term=True))
    assert not s75.iloc[0]["unit_share_met"]  # 60 % < 75 %


def test_conditional_share_of_units_2351_3():
    c = counts(
        [
            ("A", "key_posts", 4, 1),
            ("A", "staff", 10, 3),
            ("B", "key_posts", 4, 0),
            ("B", "staff", 10, 2),  # 20 %: not counted
        ],
        term="2010-2015",
        level="agency",
    )
    out = check(c, "2351/QĐ-TTg:3-2015")
    assert list(out["status"]) == ["met", "not_applicable"]
    s = summarise(out)
    assert s.iloc[0]["label"] == "1/1"
    assert s.iloc[0]["n_not_applicable"] == 1
    assert s.iloc[0]["unit_share_met"]  # 1 of 1 >= 70 %


def test_group_share_under_40():
    c = counts(
        [
            ("A", "party_committee", 40, 8, {"under_40": 3}),  # 10 % of 40 = 4: needs 1
            ("B", "party_committee", 40, 8, {"under_40": 4}),
        ],
        term="2020-2025",
        level="province",
    )
    out = check(c, "35-CT/TW-2019:c")
    assert one(out, "A")["numerator"] == "under_40"
    assert one(out, "A")["share"] == pytest.approx(3 / 40)
    assert one(out, "A")["seats_needed"] == 1
    assert one(out, "B")["status"] == "met"
    # without the column: no data, with a note
    with pytest.warns(NothingAssessedWarning, match="no under_40 column"):
        out2 = check(c.drop(columns="under_40"), "35-CT/TW-2019:c")
    assert set(out2["status"]) == {"no_data"}
    assert "no under_40 column" in out2["note"].iloc[0]


def test_zero_total_is_no_data():
    with pytest.warns(NothingAssessedWarning, match="total is 0"):
        out = check(counts([("A", "party_committee", 0, 0)]), "36-CT/TW")
    row = one(out, "A")
    assert row["status"] == "no_data"
    assert np.isnan(row["share"])
    assert pd.isna(row["seats_needed"])
    assert "total is 0" in row["note"]


def test_term_applicability_and_any_term():
    c = counts([("A", "party_committee", 20, 1)], term="2020-2025")
    with pytest.warns(NothingAssessedWarning, match="the chosen targets do not apply to 2020-2025"):
        out = check(c, "36-CT/TW:a")
    row = one(out, "A")
    assert row["status"] == "not_applicable"
    assert "2015-2020" in row["note"]
    assert pd.isna(row["seats_needed"])
    forced = one(check(c, "36-CT/TW:a", any_term=True), "A")
    assert forced["status"] == "below"
    assert forced["seats_needed"] == 2
    assert "any_term" in forced["note"]


def test_level_applicability():
    c = counts(
        [("A", "party_committee", 40, 8, {"under_40": 0})], term="2020-2025", level="commune"
    )
    with pytest.warns(NothingAssessedWarning, match="outside the target's levels"):
        row = one(check(c, "35-CT/TW-2019:c"), "A")
    assert row["status"] == "not_applicable"
    assert "province, district" in row["note"]


def test_kind_applicability_from_units():
    target = _custom(Presence(), body="key_posts", kinds=("agency_party",))
    c = counts([("A", "key_posts", 3, 0), ("B", "key_posts", 3, 0)], level="agency")
    units = pd.DataFrame(
        {
            "unit_id": ["A", "B"],
            "unit_name": ["A", "B"],
            "level": ["agency"] * 2,
            "kind": ["agency_party", "agency_state"],
        }
    )
    out = check(c, target, units=units)
    assert one(out, "A")["status"] == "below"
    assert one(out, "B")["status"] == "not_applicable"


def test_term_filter_and_bodies_filter():
    a = counts([("A", "party_committee", 20, 3), ("A", "peoples_council", 50, 10)])
    b = counts([("A", "party_committee", 20, 3)], term="2020-2025")
    out = check(pd.concat([a, b], ignore_index=True), "36-CT/TW", term="2015-2020")
    assert list(out["term"]) == ["2015-2020"]
    assert list(out["body"]) == ["party_committee"]


def test_check_does_not_mutate():
    c = counts([("A", "party_committee", 20, 0), ("A", "standing_committee", 5, 0)])
    before = c.copy(deep=True)
    out = check(c, "36-CT/TW")
    shortfalls(out)
    summarise(out)
    pd.testing.assert_frame_equal(c, before)


def test_empty_result_has_the_columns():
    c = counts([("A", "candidates", 20, 3)])
    with pytest.warns(NothingAssessedWarning, match="no counts row is in the scope"):
        out = check(c, "36-CT/TW")
    assert out.empty
    assert list(out.columns) == [*c.columns, *COMPLIANCE_COLUMNS]


def test_shortfalls_worst_first():
    c = counts(
        [
            ("A", "party_committee", 20, 2),  # needs 1, 10 %
            ("B", "party_committee", 40, 3),  # needs 3, 7.5 %
            ("C", "party_committee", 40, 9),  # met
            ("D", "party_committee", 30, 3),  # needs 2 (4.5 -> 5), 10 %
            ("E", "party_committee", 10, 0),  # needs 2 (1.5 -> 2), 0 %
        ]
    )
    out = shortfalls(check(c, "36-CT/TW"))
    assert list(out["unit_id"]) == ["B", "E", "D", "A"]
    assert list(out["seats_needed"]) == [3, 2, 2, 1]
    assert set(out["status"]) == {Status.BELOW.value}


def test_summarise_pooled_not_mean():
    c = counts(
        [
            ("A", "party_committee", 40, 4),  # 10 %
            ("B", "party_committee", 10, 5),  # 50 %
            ("C", "party_committee", 0, 0),  # no data, not pooled
        ]
    )
    s = summarise(check(c, "36-CT/TW"))
    row = s.iloc[0]
    assert row["n_units"] == 2
    assert row["n_met"] == 1
    assert row["n_below"] == 1
    assert row["n_no_data"] == 1
    assert row["label"] == "1/2"
    assert row["pooled_share"] == pytest.approx(9 / 50)  # not (10 % + 50 %) / 2
    assert row["seats_needed"] == 2  # A: 15 % of 40 = 6, has 4
    assert pd.isna(row["unit_share_met"])


def test_summarise_by_other_groups():
    c = pd.concat(
        [
            counts([("A", "party_committee", 20, 3)], level="district"),
            counts([("P", "party_committee", 60, 6)], level="province"),
        ],
        ignore_index=True,
    )
    s = summarise(check(c, "36-CT/TW"), by=("term", "target_id"))
    assert len(s) == 1
    assert s.iloc[0]["label"] == "1/2"
    assert s.iloc[0]["pooled_share"] == pytest.approx(9 / 80)
    assert s.iloc[0]["seats_needed"] == 3  # 15 % of 60 = 9, has 6


def test_status_enum_values_in_output():
    out = check(counts([("A", "party_committee", 20, 3)]), "36-CT/TW")
    assert out["status"].iloc[0] == Status.MET.value == "met"


def test_clashing_input_column_is_kept_renamed():
    c = counts([("A", "party_committee", 20, 3)]).assign(share=[15.0])
    out = check(c, "36-CT/TW")
    assert "share_input" in out.columns
    assert out["share_input"].iloc[0] == 15.0
    assert out["share"].iloc[0] == pytest.approx(0.15)
    assert list(c.columns)[-1] == "share"  # the input is unchanged


def test_summarise_pools_each_rows_own_numerator():
    c = counts(
        [
            ("A", "party_committee", 40, 8, {"under_40": 3}),
            ("B", "party_committee", 20, 2, {"under_40": 5}),
        ],
        term="2020-2025",
        level="province",
    )
    s = summarise(check(c, "35-CT/TW-2019:c"))
    assert s.iloc[0]["part"] == 8  # 3 + 5 under-40s, not the 10 women
    assert s.iloc[0]["pooled_share"] == pytest.approx(8 / 60)
