"""Share-of-units targets in the summaries and the plans: nothing needed once the share is met.

28/NQ-CP asks that 60 % of the units have a woman key leader: a unit without one is not short of
the target while the share holds.  Before, ``summarise`` (and so ``summary_table`` and the page)
said "Met" beside the women every such unit would need, and ``next_term_needs`` asked each of
them for a woman.  Expected values worked out by hand in each test.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.targets import Floor, ShareOfUnits, Target, percent


def _key_posts(women: list[int], *, seats: int = 4) -> pd.DataFrame:
    n = len(women)
    return pd.DataFrame(
        {
            "term": ["2020-2025"] * n,
            "unit_id": [f"X{i}" for i in range(n)],
            "unit_name": [f"Xã X{i}" for i in range(n)],
            "level": ["commune"] * n,
            "body": ["key_posts"] * n,
            "total": [seats] * n,
            "female": women,
        }
    )


def _committees(women: list[int], *, seats: int = 20) -> pd.DataFrame:
    frame = _key_posts(women, seats=seats)
    frame["body"] = "party_committee"
    return frame


#: Half of the committees at 15 % women or more: a share-of-units rule over a floor.
HALF_AT_15 = Target(
    id="plan:half",
    document="Kế hoạch 1/KH",
    date=dt.date(2024, 1, 1),
    issuer="Tỉnh ủy",
    clause_vi="một nửa số cấp ủy có ít nhất 15% nữ",
    bodies=("party_committee",),
    rule=ShareOfUnits(Floor(percent("15")), percent("50")),
)


def _summary(counts: pd.DataFrame, targets: object) -> pd.Series:
    compliance = gs.check(counts, targets)
    return gs.summarise(compliance, by=("term", "target_id"), targets=[HALF_AT_15]).iloc[0]


def test_a_met_share_needs_no_woman():
    # 3 of 4 communes have a woman key leader: 75 % ≥ 60 %, met; the fourth needs nothing
    row = _summary(_key_posts([1, 1, 1, 0]), "28/NQ-CP:2025")
    assert (row["label"], bool(row["unit_share_met"]), row["seats_needed"]) == ("3/4", True, 0)


def test_a_share_short_by_k_units_needs_the_women_of_k_units():
    # 1 of 5: 60 % of 5 is 3 units, 2 more, one woman each (not 4, one for every unit without)
    row = _summary(_key_posts([1, 0, 0, 0, 0]), "28/NQ-CP:2025")
    assert (row["label"], bool(row["unit_share_met"]), row["seats_needed"]) == ("1/5", False, 2)


def test_the_units_that_need_the_fewest_women_are_counted():
    # committees of 20 with 3, 0, 1, 2 women; 15 % of 20 is 3 women: needs 0, 3, 2, 1.
    # One of four meets; half is 2 units, so 1 more: the one short of 1 woman, not 3 + 2 + 1 = 6.
    row = _summary(_committees([3, 0, 1, 2]), [HALF_AT_15])
    assert (row["label"], row["seats_needed"]) == ("1/4", 1)
    # 3 committees of 20 with 0, 0, 1 women: half of 3 is 1.5, so 2 units: needs 2 + 3 = 5
    row = _summary(_committees([0, 0, 1]), [HALF_AT_15])
    assert (row["label"], row["seats_needed"]) == ("0/3", 5)


def test_summary_table_says_met_with_nothing_still_needed():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compliance = gs.check(gs.load_sample_counts(), term="2020-2025")
        table = gs.summary_table(compliance, lang="en")
    rows = table[table["Target"].str.contains("28/NQ-CP")]
    assert len(rows) == 3  # districts 22/27, agencies 14/23, province 36/50: each ≥ 60 %
    assert (rows["Status"] == "Met").all()
    assert (rows.filter(like="needed").iloc[:, 0] == 0).all()


def test_summary_table_counts_the_units_short_of_the_share():
    # the sample's 2010-2015 district key posts: 17 of 27 have a woman, 80 % of 27 is 21.6,
    # so 22 units, 5 more, one woman each (as `gender-stats check` says: 5 more units)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compliance = gs.check(gs.load_sample_counts(), "2351/QĐ-TTg:2-2015", term="2010-2015")
        table = gs.summary_table(compliance, lang="en")
    needed = table.filter(like="needed").iloc[:, 0]
    assert table["Result"].tolist()[::2] == [
        "17/27 districts meet the target",
        "17/27 units meet the target",
    ]
    assert table["Result"].iloc[1] == "not assessed"  # the target is for districts
    assert needed.tolist() == [5, 0, 5]


def test_next_term_needs_nothing_where_the_share_is_met():
    needs = gs.next_term_needs(_key_posts([1, 1, 1, 0]))
    assert needs[needs["target_id"] == "28/NQ-CP:2025"].empty


def test_next_term_needs_lists_the_candidates_and_how_many_must_meet():
    needs = gs.next_term_needs(_key_posts([1, 0, 0, 0, 0]))
    needs = needs[needs["target_id"] == "28/NQ-CP:2025"]
    assert needs["unit_id"].tolist() == ["X1", "X2", "X3", "X4"]
    assert needs["units_needed"].tolist() == [2, 2, 2, 2]  # 3 of 5 units: 2 of these 4
    assert needs["women_to_add"].tolist() == [1, 1, 1, 1]


def test_next_term_needs_share_at_a_smaller_size():
    # committees of 20 with 3, 3, 0, 0 women meet half-at-15 % (2 of 4); at 30 seats 3 women
    # is 10 %: none meets, 2 must (4.5 → 5 women): each short of 2 or 5
    needs = gs.next_term_needs(
        gs.check(_committees([3, 3, 0, 0]), [HALF_AT_15]), expected_size=30, targets=[HALF_AT_15]
    )
    assert needs["units_needed"].tolist() == [2, 2, 2, 2]
    assert needs["women_to_add"].tolist() == [2, 2, 5, 5]
    assert gs.next_term_needs(
        gs.check(_committees([3, 3, 0, 0]), [HALF_AT_15]), targets=[HALF_AT_15]
    ).empty


def test_next_term_needs_other_targets_have_no_units_needed():
    counts = _committees([2, 5])
    counts["term"], counts["level"] = "2015-2020", "district"
    needs = gs.next_term_needs(counts, targets=["36-CT/TW"])  # 15 % of 20 is 3 women
    assert needs["unit_id"].tolist() == ["X0"]
    assert needs["units_needed"].isna().all()


def test_next_term_needs_says_which_group_an_under_40_target_counts():
    # a committee of 40 with 4 women and 2 members under 40: 35-CT/TW-2019:c asks 10 % under 40
    # (4 members, who may be men), :a asks 15 % women (6 women)
    counts = _committees([4], seats=40)
    counts["term"], counts["level"], counts["under_40"] = "2020-2025", "district", 2
    needs = gs.next_term_needs(gs.check(counts)).set_index("target_id")
    young, women = needs.loc["35-CT/TW-2019:c"], needs.loc["35-CT/TW-2019:a"]
    assert (young["numerator"], young["female"], young["in_group"]) == ("under_40", 4, 2)
    assert (young["women_needed"], young["women_to_add"]) == (4, 2)
    assert (women["numerator"], women["female"], women["in_group"]) == ("female", 4, 4)
    assert (women["women_needed"], women["women_to_add"]) == (6, 2)


@pytest.mark.parametrize("women", [[0], [1, 0], [0, 0, 0]])
def test_summary_need_never_exceeds_the_per_unit_sum(women):
    compliance = gs.check(_key_posts(women), "28/NQ-CP:2025")
    row = gs.summarise(compliance, by=()).iloc[0]
    below = compliance[compliance["status"] == "below"]
    assert 0 <= row["seats_needed"] <= int(below["seats_needed"].sum())
