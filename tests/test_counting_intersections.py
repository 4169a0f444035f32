"""Tests of the intersections in gender_stats.counting: age at election, bands, ethnic minority.

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.compliance import check
from gender_stats.counting import (
    AGE_BANDS,
    age_at_election,
    age_group,
    count,
    count_intersections,
    derive_groups,
    ethnic_minority,
    group_masks,
)
from gender_stats.errors import ArgumentError, DataError
from gender_stats.targets import get_targets


def roster_of(rows, term="2020-2025", unit="H1", level="district", body="party_committee"):
    """rows: (sex, birth_year, ethnicity)."""
    return pd.DataFrame(
        {
            "term": term,
            "unit_id": unit,
            "unit_name": f"Huyện {unit}",
            "level": level,
            "body": body,
            "person_id": [f"P{i}" for i in range(len(rows))],
            "sex": [r[0] for r in rows],
            "birth_year": pd.array([r[1] for r in rows], dtype="Int64"),
            "ethnicity": [r[2] for r in rows],
        }
    )


# 2020 congress: ages 2020 − birth year
TEN = roster_of(
    [
        ("F", 1985, "Mường"),  # 35: under 40, minority woman
        ("F", 1980, "Kinh"),  # 40: "40 and under" (forms), 40-50 (35-CT/TW)
        ("F", 1970, "Thái"),  # 50: 41-50 / 40-50
        ("F", 1969, "Kinh"),  # 51: over 50
        ("M", 1981, "Kinh"),  # 39: under 40
        ("M", 1990, "Dao"),  # 30: under 40, minority man
        ("M", 1979, "Kinh"),  # 41
        ("M", 1965, "Kinh"),  # 55
        ("M", 1960, "Mường"),  # 60
        ("M", 1972, "Kinh"),  # 48
    ]
)


def test_age_at_term_start_and_at_a_date():
    ages = age_at_election(TEN)
    assert ages.tolist() == [35, 40, 50, 51, 39, 30, 41, 55, 60, 48]
    assert ages.dtype == "Int64" and ages.name == "age"
    # a year given: 2021 elections
    assert age_at_election(TEN, at=2021).tolist()[:2] == [36, 41]
    # by term
    two = pd.concat([TEN.iloc[:1], TEN.iloc[:1].assign(term="2025-2030")], ignore_index=True)
    assert age_at_election(two).tolist() == [35, 40]
    assert age_at_election(two, at={"2020-2025": 2020, "2025-2030": "2025-10-01"}).tolist() == [
        35,
        40,
    ]


def test_exact_age_from_birth_date_before_and_after_birthday():
    roster = pd.DataFrame(
        {
            "term": ["2020-2025"] * 4,
            "birth_year": pd.array([1980, 1980, 1980, 1980], dtype="Int64"),
            "birth_date": pd.to_datetime(["1980-10-14", "1980-10-15", "1980-10-16", None]),
        }
    )
    # congress on 15/10/2020: born 14/10 and 15/10 are 40, born 16/10 is still 39; the row without
    # a date uses 2020 − 1980 = 40
    assert age_at_election(roster, at="2020-10-15").tolist() == [40, 40, 39, 40]
    # from the term start year only: 40 for all
    assert age_at_election(roster).tolist() == [40] * 4
    # birth date without birth year
    only_date = roster.drop(columns="birth_year")
    assert age_at_election(only_date, at=datetime_date()).tolist()[:3] == [40, 40, 39]


def test_dates_by_term_mix_years_and_days():
    roster = pd.DataFrame(
        {"term": ["2020-2025", "2025-2030"], "birth_date": pd.to_datetime(["1980-12-01"] * 2)}
    )
    # 2020 (a year: no birthday rule) -> 40; 1/10/2025 before the 1/12 birthday -> 44
    assert age_at_election(roster, at={"2020-2025": 2020, "2025-2030": "2025-10-01"}).tolist() == [
        40,
        44,
    ]
    with pytest.raises(ArgumentError, match=r"no date for the terms \['2025-2030'\]"):
        age_at_election(roster, at={"2020-2025": 2020})
    with pytest.raises(ArgumentError, match="needs 'birth_year' or 'birth_date'"):
        age_at_election(roster.drop(columns="birth_date"))


def datetime_date():
    import datetime

    return datetime.date(2020, 10, 15)


def test_standard_bands():
    assert age_group(TEN).tolist() == [
        "40_and_under", "40_and_under", "41_50", "over_50", "40_and_under", "40_and_under",
        "41_50", "over_50", "over_50", "41_50",
    ]  # fmt: skip
    assert age_group(TEN, bands="35-CT/TW-2019").tolist() == [
        "under_40", "40_50", "40_50", "over_50", "under_40", "under_40", "40_50", "over_50",
        "over_50", "40_50",
    ]  # fmt: skip
    assert list(age_group(TEN).cat.categories) == ["40_and_under", "41_50", "over_50"]
    assert set(AGE_BANDS) == {"forms", "35-CT/TW-2019"}


def test_custom_bands_and_gaps():
    bands = [("young", None, 34), ("mid", 35, 44)]
    groups = age_group(TEN, bands=bands)
    # 35 mid, 40 mid, 50 none, 51 none, 39 mid, 30 young, 41 mid, ...
    assert groups.tolist()[:6] == ["mid", "mid", np.nan, np.nan, "mid", "young"]
    with pytest.raises(ArgumentError, match="must be in order and not overlap"):
        age_group(TEN, bands=[("a", None, 40), ("b", 40, None)])
    with pytest.raises(ArgumentError, match=r"Got bands='decades'"):
        age_group(TEN, bands="decades")


def test_ethnic_minority_configurable():
    assert ethnic_minority(TEN).tolist() == [
        True, False, True, False, False, True, False, False, True, False,
    ]  # fmt: skip
    # a province that also counts Mường as not a minority (configurable)
    assert ethnic_minority(TEN, majority=["Kinh", "Mường"]).sum() == 2  # Thái, Dao
    spelled = pd.DataFrame({"ethnicity": ["KINH", "Dân tộc Kinh", " kinh ", "Hoa", "", None]})
    assert ethnic_minority(spelled).tolist() == [False, False, False, True, pd.NA, pd.NA]


def test_count_numerators_by_name_hand_counted():
    counts = count(
        TEN,
        numerators={
            "under_40": "under_40",  # 35, 39, 30 -> 3
            "women_under_40": "female & under_40",  # 35 -> 1
            "women_40_and_under": "female & 40_and_under",  # 35, 40 -> 2
            "ethnic_minority": "ethnic_minority",  # Mường, Thái, Dao, Mường -> 4
            "minority_women": "female & ethnic_minority",  # Mường, Thái -> 2
            "minority_women_under_40": "female & ethnic_minority & under_40",  # 1
        },
    )
    row = counts.iloc[0]
    assert (row["total"], row["female"]) == (10, 4)
    assert row["under_40"] == 3
    assert row["women_under_40"] == 1
    assert row["women_40_and_under"] == 2
    assert row["ethnic_minority"] == 4
    assert row["minority_women"] == 2
    assert row["minority_women_under_40"] == 1


def test_derived_groups_as_by_columns():
    groups = derive_groups(TEN)
    out = count(groups, by=["age_group", "ethnic_minority"])
    table = {(r.age_group, r.ethnic_minority): (r.total, r.female) for r in out.itertuples()}
    # 40 and under: minority 35 F, 30 M; Kinh 40 F, 39 M
    assert table[("40_and_under", True)] == (2, 1)
    assert table[("40_and_under", False)] == (2, 1)
    # 41-50: minority 50 F (Thái); Kinh 41 M, 48 M
    assert table[("41_50", True)] == (1, 1)
    assert table[("41_50", False)] == (2, 0)
    # over 50: minority 60 M; Kinh 51 F, 55 M
    assert table[("over_50", True)] == (1, 0)
    assert table[("over_50", False)] == (2, 1)
    assert out["total"].sum() == 10
    assert "age_group" not in TEN.columns  # the input is not changed


def test_missing_birth_year_is_never_counted_outside():
    roster = roster_of([("F", 1985, "Kinh"), ("F", None, "Kinh"), ("M", None, "Kinh")])
    # the man without a birth year is surely not a woman under 40; the woman is undecided
    with pytest.raises(DataError, match=r"1 rows lack it") as info:
        count(roster, numerators={"wu40": "female & under_40"})
    assert info.value.problems[0].row == 1
    with pytest.raises(DataError, match=r"2 rows lack it"):
        group_masks(roster, ["under_40"])
    with pytest.raises(ArgumentError, match=r"unknown group 'young'"):
        group_masks(roster, ["female & young"])


def test_35_ct_tw_2019_age_floor_checked_from_birth_years():
    # Target 35-CT/TW-2019:c: "(cấp ủy viên dưới 40 tuổi) từ 10% trở lên" on the numerator under_40
    target = get_targets("35-CT/TW-2019:c")[0]
    assert target.numerator == "under_40"
    # H1: 3 of 10 under 40 -> 30 % met; H2: 20 members born 1975-1980 (ages 40-45 in 2020) and
    # 1 born 1985 -> 1 of 21 = 4.76 % below 10 %; needs ceil(0.1·21) − 1 = 2 more
    h2 = roster_of([("M", 1975 + i % 6, "Kinh") for i in range(20)] + [("F", 1985, "Kinh")],
                   unit="H2")  # fmt: skip
    roster = pd.concat([TEN, h2], ignore_index=True)
    counts = count(roster, numerators={"under_40": "under_40"})
    assert counts["under_40"].tolist() == [3, 1]
    out = check(counts, "35-CT/TW-2019:c").set_index("unit_id")
    assert out.loc["H1", "status"] == "met"
    assert out.loc["H2", "status"] == "below"
    assert out.loc["H2", "share"] == pytest.approx(1 / 21)
    assert out.loc["H1", "numerator"] == "under_40"


def test_intersections_never_mutate_and_are_vectorised_at_scale():
    big = pd.concat([TEN] * 20_000, ignore_index=True)  # 200,000 rows, 200,000 persons
    big["person_id"] = [f"P{i}" for i in range(len(big))]
    before = big.copy()
    counts = count(big, numerators={"wu40": "female & under_40", "em": "ethnic_minority"})
    assert counts[["total", "female", "wu40", "em"]].iloc[0].tolist() == [200_000, 80_000,
                                                                           20_000, 80_000]  # fmt: skip
    pd.testing.assert_frame_equal(big, before)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("FM"), st.integers(1940, 2000)), min_size=1, max_size=30))
def test_bands_partition_the_roster(rows):
    roster = roster_of([(s, y, "Kinh") for s, y in rows])
    for bands in AGE_BANDS:
        labels = [b[0] for b in AGE_BANDS[bands]]
        masks = group_masks(roster, labels, bands=bands)
        total = sum(m.astype(int) for m in masks.values())
        assert (total == 1).all()  # every person in exactly one band
    under = group_masks(roster, ["female & under_40", "male & under_40", "under_40"])
    assert (under["female_under_40"] | under["male_under_40"]).tolist() == under[
        "under_40"
    ].tolist()


def test_count_intersections_table_hand_counted():
    council = roster_of([("F", 1990, "Kinh"), ("M", 1950, "Kinh")], body="peoples_council")
    table = count_intersections(pd.concat([TEN, council], ignore_index=True))
    party = table[table["body"] == "party_committee"].set_index("age_group")
    # forms bands of TEN: 40 and under 35 F, 40 F, 39 M, 30 M -> 4 members, 2 women;
    # 41-50: 50 F, 41 M, 48 M -> 3, 1; over 50: 51 F, 55 M, 60 M -> 3, 1
    assert party["total"].tolist() == [4, 3, 3]
    assert party["female"].tolist() == [2, 1, 1]
    assert party["male"].tolist() == [2, 2, 2]
    assert party["share"].tolist() == pytest.approx([0.5, 1 / 3, 1 / 3])
    assert party["share_of_body"].tolist() == pytest.approx([0.4, 0.3, 0.3])
    # the council has nobody 41-50: the band is kept with 0 and no share
    body = table[table["body"] == "peoples_council"].set_index("age_group")
    assert body["total"].tolist() == [1, 0, 1]
    assert np.isnan(body.loc["41_50", "share"])
    both = count_intersections(TEN, groups=["age_group", "ethnic_minority"], by=["body"])
    cell = both.set_index(["age_group", "ethnic_minority"])
    assert cell.loc[("40_and_under", True), ["total", "female"]].tolist() == [2, 1]
    with pytest.raises(ArgumentError, match=r"unknown groups \['education'\]"):
        count_intersections(TEN, groups=["education"])
    with pytest.raises(DataError, match="1 rows lack it"):
        count_intersections(roster_of([("F", None, "Kinh"), ("M", 1970, "Kinh")]))
