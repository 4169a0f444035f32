"""Tests of gender_stats.keyposts: cited definitions, post wording, counts and the units indicator.

Expected values are counted by hand in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from gender_stats.errors import ArgumentError
from gender_stats.keyposts import (
    count_key_posts,
    key_post_definitions,
    match_posts,
    units_with_woman_in_key_post,
)


def held(posts, levels=None):
    table = match_posts(pd.Series(posts), levels=None if levels is None else pd.Series(levels))
    return [sorted(table.columns[row]) for row in table.to_numpy()]


def test_definitions_are_cited_data():
    table = key_post_definitions().set_index("id")
    assert {"local_government", "party_province_district", "commune", "commune_cadres",
            "province_national_2016", "agency"} <= set(table.index)  # fmt: skip
    assert (table["source"].str.len() > 10).all()
    assert set(table["confidence"]) <= {"quoted", "secondary", "library"}
    assert table.loc["party_province_district", "levels"] == "province|district"
    assert "fatherland_front_chair" in table.loc["party_province_district", "posts"].split("|")
    assert table.loc["commune_cadres", "posts"].count("|") == 10  # 11 posts


@pytest.mark.parametrize(
    ("post", "codes"),
    [
        ("Bí thư Huyện ủy", ["party_secretary"]),
        ("BT Huyện ủy", ["party_secretary"]),
        ("Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện",
         ["council_chair", "party_deputy_secretary"]),
        ("PBT Huyện ủy kiêm Chủ tịch Ủy ban nhân dân huyện",
         ["committee_chair", "party_deputy_secretary"]),
        ("Phó Chủ tịch UBND huyện", ["committee_vice_chair"]),
        ("PCT UBND huyện", ["committee_vice_chair"]),
        ("Phó chủ tịch Thường trực HĐND tỉnh", ["council_vice_chair"]),
        ("Chủ tịch Uỷ ban MTTQ huyện", ["fatherland_front_chair"]),
        ("Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam huyện", ["fatherland_front_chair"]),
        ("Chủ nhiệm UBKT Huyện ủy", ["inspection_head"]),
        ("Trưởng Ban Tổ chức Huyện ủy", ["organisation_head"]),
        ("Trưởng Ban Tuyên giáo Tỉnh ủy", ["propaganda_head"]),
        ("Trưởng Ban Dân vận Huyện ủy", ["mass_mobilisation_head"]),
        ("Bí thư Huyện đoàn", ["youth_union_secretary"]),
        ("Bí thư Đoàn xã", ["youth_union_secretary"]),
        ("Chủ tịch Hội LHPN xã", ["womens_union_chair"]),
        ("Chủ tịch Hội CCB xã", ["veterans_chair"]),
        ("Bí thư Chi bộ thôn 3", []),
        ("Đại biểu HĐND", []),
        ("Chánh Văn phòng HĐND và UBND", ["agency_head"]),  # the head of that office (an agency)
        ("Trưởng Ban Pháp chế HĐND", []),
        ("Phó Giám đốc Sở", ["agency_deputy_head"]),
        ("", []),
    ],
)  # fmt: skip
def test_post_wording_variants(post, codes):
    assert held([post]) == [codes]


def test_lower_level_posts_are_not_key_posts_of_the_higher_unit():
    posts = ["Bí thư Đảng ủy xã", "Chủ tịch UBND thị xã", "Chủ tịch UBND huyện"]
    # in a district committee: the commune secretary is not a district key post; a town (thị xã)
    # chair is a district-level post
    assert held(posts, ["district"] * 3) == [[], ["committee_chair"], ["committee_chair"]]
    # in a provincial committee: the town and district chairs are lower posts too
    assert held(posts, ["province"] * 3) == [[], [], []]
    # at the commune itself, the commune secretary counts
    assert held(posts[:1], ["commune"]) == [["party_secretary"]]


def district_roster():
    # H1 (district), 2020-2025: persons 1-6; person 2 is also a council deputy (one person)
    return pd.DataFrame(
        {
            "term": "2020-2025",
            "unit_id": ["H1"] * 7 + ["H2"] * 3,
            "unit_name": ["Huyện A"] * 7 + ["Huyện B"] * 3,
            "level": "district",
            "body": ["party_committee"] * 6 + ["peoples_council"] + ["party_committee"] * 3,
            "person_id": ["1", "2", "3", "4", "5", "6", "2", "7", "8", "9"],
            "sex": ["M", "F", "M", "F", "F", "M", "F", "M", "M", "M"],
            "post": [
                "Bí thư Huyện ủy",  # 1 M: key
                "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện",  # 2 F: key (2 posts)
                "Phó Chủ tịch UBND huyện",  # 3 M: not in party_province_district; local gov
                "Trưởng Ban Dân vận Huyện ủy",  # 4 F: key
                "Bí thư Đảng ủy xã",  # 5 F: a commune post, not a district key post
                "Chánh Văn phòng Huyện ủy",  # 6 M: not key
                "Đại biểu HĐND",  # 2 again, council seat
                "Bí thư Huyện ủy",  # 7 M
                "Chủ tịch UBND huyện",  # 8 M
                "Phó Chủ tịch HĐND huyện",  # 9 M: local gov only
            ],
        }
    )


def test_count_key_posts_default_definition():
    out = count_key_posts(district_roster()).set_index("unit_id")
    # H1: persons 1, 2, 4 -> 3 key-post holders, 2 women; H2: 7, 8 -> 2, 0 women
    assert out.loc["H1", ["total", "female"]].tolist() == [3, 2]
    assert out.loc["H2", ["total", "female"]].tolist() == [2, 0]
    assert set(out["definition"]) == {"party_province_district"}
    assert set(out["body"]) == {"key_posts"}


def test_count_key_posts_local_government_and_per_post():
    roster = district_roster()
    out = count_key_posts(roster, definition="local_government").set_index("unit_id")
    # H1: 2 (council chair, F), 3 (committee vice-chair, M) -> 2, 1; H2: 8, 9 -> 2, 0
    assert out.loc["H1", ["total", "female"]].tolist() == [2, 1]
    assert out.loc["H2", ["total", "female"]].tolist() == [2, 0]
    per = count_key_posts(roster, per_post=True)
    h1 = per[per["unit_id"] == "H1"].set_index("key_post")
    assert h1.loc["party_secretary", ["total", "female"]].tolist() == [1, 0]
    assert h1.loc["party_deputy_secretary", ["total", "female"]].tolist() == [1, 1]
    assert h1.loc["council_chair", ["total", "female"]].tolist() == [1, 1]
    assert h1.loc["mass_mobilisation_head", ["total", "female"]].tolist() == [1, 1]
    assert h1.loc["propaganda_head", "total"] == 0
    assert "committee_vice_chair" not in h1.index  # not a post of the definition
    assert len(h1) == 9  # every post of party_province_district


def test_units_with_woman_in_key_post():
    roster = district_roster()
    out = units_with_woman_in_key_post(roster).iloc[0]
    # local government posts: H1 has a woman (person 2, council chair); H2 none -> 1 of 2
    assert (out["n_units"], out["units_with_woman"], out["share"]) == (2, 1, 0.5)
    assert out["units_without_key_post"] == 0
    # a third unit whose posts do not name a key post is still a unit (denominator) and is listed
    extra = pd.DataFrame(
        {"term": "2020-2025", "unit_id": "H3", "unit_name": "Huyện C", "level": "district",
         "body": "party_committee", "person_id": ["10"], "sex": ["F"],
         "post": ["Chánh Văn phòng Huyện ủy"]}
    )  # fmt: skip
    out = units_with_woman_in_key_post(pd.concat([roster, extra], ignore_index=True)).iloc[0]
    assert (out["n_units"], out["units_with_woman"], out["units_without_key_post"]) == (3, 1, 1)
    assert out["share"] == pytest.approx(1 / 3)


def test_units_indicator_by_level_and_levels_without_definition():
    roster = district_roster()
    agency = pd.DataFrame(
        {"term": "2020-2025", "unit_id": "S1", "unit_name": "Sở Y tế", "level": "agency",
         "body": "party_committee", "person_id": ["20", "21"], "sex": ["F", "M"],
         "post": ["Phó Giám đốc Sở", "Giám đốc Sở"]}
    )  # fmt: skip
    both = pd.concat([roster, agency], ignore_index=True)
    # local_government covers no agency: the agency is not in the denominator
    assert units_with_woman_in_key_post(both)["level"].tolist() == ["district"]
    out = units_with_woman_in_key_post(both, definition=None).set_index("level")
    # default definitions: agency (head and deputy heads) -> S1 has a woman; districts: H1 yes
    assert out.loc["agency", ["n_units", "units_with_woman"]].tolist() == [1, 1]
    assert out.loc["district", ["n_units", "units_with_woman"]].tolist() == [2, 1]


def test_errors():
    roster = district_roster()
    with pytest.raises(ArgumentError, match=r"unknown key-post definition 'ministers'"):
        count_key_posts(roster, definition="ministers")
    with pytest.raises(ArgumentError, match=r"lacks the columns \['post'\]"):
        count_key_posts(roster.drop(columns="post"))
    with pytest.raises(ArgumentError, match=r"needs a 'post' column"):
        match_posts(roster.drop(columns="post"))


def test_inputs_not_changed():
    roster = district_roster()
    before = roster.copy()
    count_key_posts(roster, per_post=True)
    units_with_woman_in_key_post(roster)
    pd.testing.assert_frame_equal(roster, before)
