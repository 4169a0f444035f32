import math

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from gender_stats.indicators import (
    change,
    pooled_share,
    shares,
    term_changes,
    units_with_woman,
)


def _counts(rows):
    columns = ["term", "unit_id", "unit_name", "level", "body", "total", "female"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"total": "int64", "female": "int64"})


@pytest.fixture
def councils():
    # A small and a large council: the mean of shares (33.3 % and 4.9 %) is 19.1 %,
    # the pooled share 5 / 50 = 10 %.
    return _counts(
        [
            ("2016-2021", "X1", "Xã 1", "commune", "peoples_council", 9, 3),
            ("2016-2021", "X2", "Xã 2", "commune", "peoples_council", 41, 2),
            ("2016-2021", "H1", "Huyện 1", "district", "peoples_council", 30, 9),
        ]
    )


def test_shares_per_row_and_zero_total():
    counts = _counts(
        [
            ("2015-2020", "A", "A", "district", "party_committee", 45, 9),
            ("2015-2020", "B", "B", "district", "party_committee", 0, 0),
        ]
    )
    out = shares(counts)
    assert out["share"].iloc[0] == 0.2
    assert math.isnan(out["share"].iloc[1])
    assert "share" not in counts.columns


def test_shares_pooled_by_group_is_sum_of_counts_not_mean(councils):
    out = shares(councils, by=["level"])
    commune = out[out["level"] == "commune"].iloc[0]
    assert (commune["female"], commune["total"], commune["n_units"]) == (5, 50, 2)
    assert commune["share"] == 0.1
    mean_of_shares = (3 / 9 + 2 / 41) / 2
    assert abs(mean_of_shares - 0.1) > 0.09


def test_pooled_share_keeps_numerator_and_denominator(councils):
    out = pooled_share(councils)
    assert list(out.columns) == ["term", "level", "body", "female", "total", "n_units", "share"]
    assert out[["level", "female", "total"]].values.tolist() == [
        ["commune", 5, 50],
        ["district", 9, 30],
    ]
    assert out["share"].tolist() == [0.1, 0.3]
    province = pooled_share(councils, by=("term", "body"))
    assert province[["female", "total"]].values.tolist() == [[14, 80]]
    assert province["share"].iloc[0] == 14 / 80


def test_units_with_woman_counts_units_not_persons():
    counts = _counts(
        [
            ("2021-2026", "A", "A", "commune", "key_posts", 4, 3),  # three women: one unit
            ("2021-2026", "B", "B", "commune", "key_posts", 4, 0),
            ("2021-2026", "C", "C", "commune", "key_posts", 0, 0),  # nobody: no female leader
            ("2021-2026", "D", "D", "commune", "key_posts", 5, 1),
            ("2021-2026", "A", "A", "commune", "party_committee", 15, 5),  # other body: ignored
        ]
    )
    out = units_with_woman(counts)
    assert out[["n_units_with_woman", "n_units"]].values.tolist() == [[2, 4]]
    assert out["share"].iloc[0] == 0.5
    every = units_with_woman(counts, body=None)
    assert every[["body", "n_units_with_woman", "n_units"]].values.tolist() == [
        ["key_posts", 2, 4],
        ["party_committee", 1, 1],
    ]


def test_change_between_two_terms_in_points():
    counts = _counts(
        [
            ("2015-2020", "A", "Huyện A", "district", "party_committee", 40, 4),
            ("2020-2025", "A", "Huyện A mới", "district", "party_committee", 45, 9),
            ("2020-2025", "B", "Huyện B", "district", "party_committee", 30, 6),
            ("2016-2021", "A", "Huyện A", "district", "peoples_council", 50, 10),
        ]
    )
    out = change(counts, from_term="2015-2020", to_term="2020-2025")
    a = out[out["unit_id"] == "A"].iloc[0]
    assert a["unit_name"] == "Huyện A mới"
    assert (a["total_from"], a["female_from"], a["total_to"], a["female_to"]) == (40, 4, 45, 9)
    assert a["change_pp"] == 10.0  # 20 % - 10 %
    b = out[out["unit_id"] == "B"].iloc[0]
    assert pd.isna(b["total_from"]) and math.isnan(b["change_pp"])
    assert set(out["body"]) == {"party_committee"}


def test_change_needs_terms_in_order():
    counts = _counts([("2015-2020", "A", "A", "district", "party_committee", 40, 4)])
    with pytest.raises(ValueError, match="from_term before to_term"):
        change(counts, from_term="2020-2025", to_term="2015-2020")


def test_term_changes_never_mix_party_and_council_terms():
    counts = _counts(
        [
            ("2020-2025", "A", "A", "district", "party_committee", 45, 9),
            ("2016-2021", "A", "A", "district", "peoples_council", 50, 15),
            ("2015-2020", "A", "A", "district", "party_committee", 40, 4),
            ("2021-2026", "A", "A", "district", "peoples_council", 50, 20),
        ]
    )
    out = term_changes(counts)
    assert out[["body", "term"]].values.tolist() == [
        ["party_committee", "2015-2020"],
        ["party_committee", "2020-2025"],
        ["peoples_council", "2016-2021"],
        ["peoples_council", "2021-2026"],
    ]
    assert pd.isna(out["previous_term"].iloc[0]) and pd.isna(out["previous_term"].iloc[2])
    assert out["previous_term"].iloc[1] == "2015-2020"
    assert out["previous_term"].iloc[3] == "2016-2021"
    assert out["change_pp"].iloc[1] == 10.0
    assert out["change_pp"].iloc[3] == 10.0  # 40 % - 30 %


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match=r"needs the columns \['female'\]"):
        shares(pd.DataFrame({"total": [1]}))


@pytest.mark.parametrize(
    "func",
    [
        lambda c: shares(c),
        lambda c: shares(c, by=["level"]),
        lambda c: pooled_share(c),
        lambda c: units_with_woman(c, body="peoples_council"),
        lambda c: change(c, from_term="2011-2016", to_term="2016-2021"),
        lambda c: term_changes(c),
    ],
)
def test_inputs_are_not_mutated(func, councils):
    before = councils.copy(deep=True)
    func(councils)
    pd.testing.assert_frame_equal(councils, before)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.integers(min_value=1, max_value=60).flatmap(
            lambda t: st.tuples(st.just(t), st.integers(min_value=0, max_value=t))
        ),
        min_size=1,
        max_size=12,
    )
)
def test_pooled_share_lies_between_unit_shares(units):
    counts = _counts(
        [
            ("2015-2020", f"U{i}", f"U{i}", "district", "party_committee", t, f)
            for i, (t, f) in enumerate(units)
        ]
    )
    pooled = pooled_share(counts)
    row = pooled.iloc[0]
    assert row["total"] == sum(t for t, _ in units)
    assert row["female"] == sum(f for _, f in units)
    unit_shares = [f / t for t, f in units]
    assert min(unit_shares) - 1e-12 <= row["share"] <= max(unit_shares) + 1e-12
    having = units_with_woman(counts, body="party_committee").iloc[0]
    assert having["n_units_with_woman"] == sum(1 for _, f in units if f > 0)
    assert having["n_units"] == len(units)
    assert np.isfinite(row["share"])
