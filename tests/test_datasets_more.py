"""Tests of the further real published figures: candidate lists, delegates, provinces, key leaders.

Each published percentage is checked against its counts by hand (one unit in the last digit).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from gender_stats.datasets import PUBLIC_FIGURES, load_public_figures

NEW = ("candidate_lists", "congress_delegates", "provincial_committees", "key_leaders")


@pytest.mark.parametrize("name", NEW)
def test_every_row_has_a_source(name):
    table = load_public_figures(name)
    assert len(table) > 0
    assert table["source"].notna().all() and (table["source"].str.len() > 5).all()
    assert "published_pct" in table.columns
    assert name in PUBLIC_FIGURES


def _agrees(published: str, women: int, total: int) -> bool:
    """A published percentage agrees with the counts within one unit of its last digit."""
    decimals = len(published.partition(".")[2])
    exact = Fraction(women * 100, total)
    return abs(exact - Fraction(published)) <= Fraction(1, 10**decimals)


def test_candidate_lists_hand_checked():
    table = load_public_figures("candidate_lists").set_index("election")
    na15 = table.loc["National Assembly XV"]
    # 393/868 = 45.276 % -> 45.28
    assert (na15["candidates"], na15["women"], na15["published_pct"]) == (868, 393, "45.28")
    na16 = table.loc["National Assembly XVI"]
    # 392/864 = 45.370 % -> 45.37
    assert (na16["candidates"], na16["women"], na16["published_pct"]) == (864, 392, "45.37")
    councils = load_public_figures("candidate_lists").query("body == 'peoples_council'")
    # 2,993/7,552 = 39.632; 16,360/41,360 = 39.555; 170,450/452,056 = 37.706
    assert councils["level"].tolist() == ["province", "district", "commune"]
    assert councils["women"].tolist() == [2993, 16360, 170450]
    assert councils["candidates"].tolist() == [7552, 41360, 452056]
    assert set(councils["stage"]) == {"after_second_consultation"}  # not the final lists
    for row in load_public_figures("candidate_lists").itertuples():
        assert _agrees(row.published_pct, row.women, row.candidates), row.election


def test_congress_delegates():
    row = load_public_figures("congress_delegates").iloc[0]
    # 3,442/17,945 = 19.181 % -> "19.2"
    assert (row["delegates"], row["women"], row["published_pct"]) == (17945, 3442, "19.2")
    assert _agrees(row["published_pct"], row["women"], row["delegates"])
    assert "51 provinces" in row["scope"]


def test_provincial_committees_2015_2020():
    table = load_public_figures("provincial_committees")
    first = table[table["term"] == "2015-2020"].set_index("province")["published_pct"]
    assert len(first) == 11
    assert first["Bắc Giang"] == "15.09"
    assert first["Cao Bằng"] == first["Sơn La"] == "21.82"
    assert first["Kiên Giang"] == "25"
    # Lâm Đồng: 18.51 % in 2015-2020, below 10 % in 2020-2025 -- both kept, in their terms
    assert first["Lâm Đồng"] == "18.51"
    assert "below 10 %" in table.set_index("province").loc["Lâm Đồng", "note"]
    later = table[table["term"] == "2020-2025"]
    assert later["province"].tolist() == ["Tuyên Quang"]
    assert later["published_pct"].tolist() == ["29.2"]


def test_key_leaders_2022_kept_apart_from_2019():
    table = load_public_figures("key_leaders")
    agencies = table[table["level"] == "national"].iloc[0]
    # 15 of 30 agencies = 50 %
    assert (agencies["units"], agencies["units_with_woman"], agencies["published_pct"]) == (
        30,
        15,
        "50",
    )
    committees = table[table["scope"] == "People's Committees"].set_index("level")
    assert committees["published_pct"].to_dict() == {
        "province": "37.7",
        "district": "31.77",
        "commune": "24.94",
    }
    assert committees["units"].isna().all()  # not published: missing, not invented
    assert set(table["series"]) == {"government_report_2022"}
    assert table["note"].str.contains("do not mix with the 2019").all()


def test_unknown_name_lists_the_new_tables():
    with pytest.raises(ValueError, match="candidate_lists"):
        load_public_figures("candidates")
