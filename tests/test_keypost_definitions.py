"""A key-post target judges only the key posts it counts (the definition of the counts).

28/NQ-CP counts the local governments with a woman chair or vice-chair of the People's Council or
People's Committee (``local_government``); :func:`count_key_posts` counts each level's default
(``party_province_district`` for districts: secretaries and chairs, no vice-chairs).  Expected
values are worked by hand in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from gender_stats.compliance import (
    NOTE_KEY_POST_ASSUMED,
    NOTE_KEY_POST_DEFINITION,
    NothingAssessedWarning,
    check,
    summarise,
)
from gender_stats.keyposts import count_key_posts, units_with_woman_in_key_post
from gender_stats.targets import TargetError, get_targets, list_targets, load_targets

LOCAL_VI = "Lãnh đạo chủ chốt chính quyền địa phương (Chủ tịch, Phó Chủ tịch HĐND và UBND)"
LOCAL_EN = (
    "Local-government key leaders: chair and vice-chairs of the People's Council and People's "
    "Committee"
)


def three_districts() -> pd.DataFrame:
    """H1: a woman Phó Chủ tịch UBND; H2: a woman Bí thư; H3: a woman Phó Chủ tịch HĐND."""
    return pd.DataFrame(
        {
            "term": "2020-2025",
            "unit_id": ["H1", "H1", "H2", "H2", "H3", "H3"],
            "unit_name": ["Huyện A", "Huyện A", "Huyện B", "Huyện B", "Huyện C", "Huyện C"],
            "level": "district",
            "body": "party_committee",
            "person_id": list("123456"),
            "sex": ["M", "F", "F", "M", "M", "F"],
            "post": ["Bí thư Huyện ủy", "Phó Chủ tịch UBND huyện", "Bí thư Huyện ủy",
                     "Chủ tịch UBND huyện", "Bí thư Huyện ủy", "Phó Chủ tịch HĐND huyện"],
        }
    )  # fmt: skip


def key_counts(level: str, definition: object, total: int = 2, female: int = 1) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "term": ["2020-2025"], "unit_id": ["U"], "unit_name": ["U"], "level": [level],
            "body": ["key_posts"], "total": [total], "female": [female],
        }
    )  # fmt: skip
    if definition is not None:
        frame["definition"] = [definition]
    return frame


def test_default_counts_are_not_judged_by_28_nq_cp_and_the_note_names_the_definition():
    counts = count_key_posts(three_districts())
    assert counts["definition"].tolist() == ["party_province_district"] * 3
    with pytest.warns(NothingAssessedWarning, match="3 key posts counted by another definition"):
        out = check(counts, "28/NQ-CP:2025", lang="en")
    assert out["status"].tolist() == ["not_applicable"] * 3  # before: below, met, below (1/3)
    assert out["reason"].tolist() == ["key_post_definition"] * 3
    assert (
        out["note"].tolist()
        == [
            "the target counts key posts as local_government ("
            f"{LOCAL_EN}); these counts are party_province_district: not assessed; count with "
            "count_key_posts(roster, definition='local_government')"
        ]
        * 3
    )
    with pytest.warns(NothingAssessedWarning):  # the default: Vietnamese, English in brackets
        bilingual = check(counts, "28/NQ-CP:2025")
    assert bilingual["note"].iloc[0] == NOTE_KEY_POST_DEFINITION.format(
        needed="local_government", needed_vi=LOCAL_VI, needed_en=LOCAL_EN,
        got="party_province_district",
    )  # fmt: skip
    with pytest.warns(NothingAssessedWarning):
        summary = summarise(out)
    assert summary["n_units"].tolist() == [0]  # no wrong verdict: nothing is judged
    assert summary["unit_share_met"].isna().all()


def test_counted_with_the_targets_definition_the_verdict_is_the_units_indicators():
    roster = three_districts()
    counts = count_key_posts(roster, definition="local_government")
    out = check(counts, "28/NQ-CP:2025")
    # H1: the woman PCT UBND (1/1) met; H2: only the man CT UBND (0/1) below; H3: PCT HĐND met
    assert out["status"].tolist() == ["met", "below", "met"]
    assert out["note"].tolist() == ["", "", ""]
    summary = summarise(out)
    assert summary["n_met"].tolist() == [2]
    assert summary["unit_share"].tolist() == pytest.approx([2 / 3])  # 2/3 ≥ 60 %
    assert summary["unit_share_met"].tolist() == [True]
    indicator = units_with_woman_in_key_post(roster)
    assert indicator["share"].tolist() == pytest.approx([2 / 3])
    # default counts of the same roster: no verdict at all (before: 1/3, unit_share_met False)
    with pytest.warns(NothingAssessedWarning):
        assert not check(count_key_posts(roster), "28/NQ-CP:2025")["status"].eq("below").any()


def test_the_targets_in_force_say_why_rather_than_no_target():
    # 2020-2025 is the term of 28/NQ-CP:2025 (2020 < 2025 ≤ 2025); in force, the rows are the
    # target's, not assessed because of their definition (not "no target applies")
    with pytest.warns(NothingAssessedWarning):
        out = check(count_key_posts(three_districts()))
    mine = out[out["target_id"] == "28/NQ-CP:2025"]
    assert mine["reason"].tolist() == ["key_post_definition"] * 3
    assert not out["reason"].eq("no_target").any()
    assert "28/NQ-CP:2025" in out.attrs["targets_used"]


def test_counts_without_a_definition_are_judged_and_say_what_the_verdict_assumes():
    out = check(key_counts("district", None), "28/NQ-CP:2025")
    assert out["status"].tolist() == ["met"]  # 1 woman of 2: a woman key leader
    assert out["reason"].tolist() == [""]
    expected = NOTE_KEY_POST_ASSUMED.format(
        needed="local_government", needed_vi=LOCAL_VI, needed_en=LOCAL_EN
    )
    assert out["note"].tolist() == [expected]
    assert "judged as local_government" in expected
    blank = check(key_counts("district", pd.NA), "28/NQ-CP:2025", lang="vi")
    assert blank["status"].tolist() == ["met"]
    assert blank["note"].tolist() == [
        f"số liệu không ghi định nghĩa chức danh chủ chốt: đánh giá theo local_government ({LOCAL_VI})"
    ]


def test_28_nq_cp_judges_each_level_by_its_own_definition():
    rows = [
        ("district", "local_government"),
        ("commune", "local_government"),
        ("commune", "commune"),  # the commune list adds the party secretary and deputy
        ("province", "province_national_2016"),  # adds secretaries and NA delegation vice-heads
        ("agency", "agency"),  # heads and deputy heads of departments
    ]
    counts = pd.concat(
        [key_counts(lv, d).assign(unit_id=f"U{i}") for i, (lv, d) in enumerate(rows)],
        ignore_index=True,
    )
    out = check(counts, "28/NQ-CP:2030", any_term=True)  # each unit 1 woman of 2
    assert out["status"].tolist() == ["met", "met", "not_applicable", "not_applicable", "met"]
    assert out["reason"].tolist() == ["", "", "key_post_definition", "key_post_definition", ""]
    assert out["note"].str.contains("any_term").all()
    assert out["note"].str.contains("definition='local_government'").tolist() == [
        False, False, True, True, False
    ]  # fmt: skip


def test_a_people_committee_target_wants_local_government_and_a_condition_target_any():
    counts = key_counts("district", "party_province_district").assign(term="2015-2020")
    with pytest.warns(NothingAssessedWarning):
        out = check(counts, "2351/QĐ-TTg:2-2020")
    assert out["reason"].tolist() == ["key_post_definition"]
    assert "definition='local_government'" in out["note"].item()
    # 11-NQ/TW c names no list: the counts' own definition is judged (staff 40/100 women ≥ 30 %)
    staff = counts.assign(body="staff", total=100, female=40).drop(columns="definition")
    judged = check(pd.concat([counts, staff], ignore_index=True), "11-NQ/TW:c")
    assert judged.loc[judged["body"] == "key_posts", "status"].tolist() == ["met"]


def test_the_catalogue_says_which_definition_each_key_post_target_counts():
    for tid in ("28/NQ-CP:2025", "28/NQ-CP:2030"):
        target = get_targets(tid)[0]
        assert [target.key_post_definition(lv) for lv in ("province", "district", "commune")] == [
            "local_government"
        ] * 3
        assert target.key_post_definition("agency") == "agency"
        assert "GSO/MOHA" in target.key_post_source and "vice-chair" in target.key_post_source
    assert get_targets("2351/QĐ-TTg:2-2015")[0].key_post_definition("national") is None
    for tid in ("11-NQ/TW:c", "2351/QĐ-TTg:3-2015", "2351/QĐ-TTg:3-2020"):
        target = get_targets(tid)[0]
        assert target.key_post_definitions == ()
        assert "no list of key posts" in target.key_post_source
    shown = list_targets().set_index("target_id")["key_post_definitions"]
    assert shown["28/NQ-CP:2025"].startswith("province: local_government, district:")
    assert shown["36-CT/TW:a"] == ""


def test_a_users_yaml_names_its_definition_and_an_unknown_one_is_refused(tmp_path):
    entry = """targets:
- {id: "KH:1", document: KH, date: 2024-01-01, issuer: me, clause_vi: "có nữ chủ chốt",
   bodies: [key_posts], rule: {type: presence, k: 1}, confidence: quoted,
   key_posts: {definitions: {district: %s}, source: "my plan"}}
"""
    path = tmp_path / "t.yaml"
    path.write_text(entry % "local_government", encoding="utf-8")
    (target,) = load_targets(path)
    assert target.key_post_definitions == (("district", "local_government"),)
    assert target.key_post_source == "my plan"
    with pytest.warns(NothingAssessedWarning):
        out = check(key_counts("district", "party_province_district"), [target])
    assert out["reason"].tolist() == ["key_post_definition"]
    path.write_text(entry % "chairs_only", encoding="utf-8")
    with pytest.raises(TargetError, match=r"unknown key-post definition.*'chairs_only'"):
        load_targets(path)
    path.write_text(entry % "commune", encoding="utf-8")  # commune is not a district list
    with pytest.raises(TargetError, match="not defined for level district"):
        load_targets(path)
