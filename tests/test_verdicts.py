"""Issue 11: verdicts a planner can trust (targets in force, nothing assessed, terms, ranges, scope).

Expectations are worked out by hand from the catalogue (``_data/targets.yaml``).
"""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.compliance import (
    MEETING,
    NothingAssessedWarning,
    check,
    coverage,
    shortfalls,
    summarise,
    targets_used,
    uncovered_terms,
)
from gender_stats.targets import get_deadlines, get_targets, list_targets
from gender_stats.vocab import BODIES, TermError, parse_body


def rows(*specs):
    """Build counts from (term, unit_id, level, body, total, female) tuples."""
    return pd.DataFrame(
        [
            {
                "term": term,
                "unit_id": unit,
                "unit_name": f"Đơn vị {unit}",
                "level": level,
                "body": body,
                "total": total,
                "female": female,
            }
            for term, unit, level, body, total, female in specs
        ]
    )


def ids(frame):
    return [t for t in frame["target_id"] if isinstance(t, str)]


# ---------------------------------------------------------------------------------------------
# 1. Targets in force


def test_default_applies_the_targets_in_force_for_2015_2020():
    c = rows(
        ("2015-2020", "A", "district", "party_committee", 20, 3),  # 15 %
        ("2015-2020", "A", "district", "standing_committee", 9, 0),
    )
    out = check(c)
    assert ids(out) == ["36-CT/TW:a", "36-CT/TW:b", "11-NQ/TW:a", "2351/QĐ-TTg:1"]
    by_id = out.set_index("target_id")
    assert by_id.loc["36-CT/TW:a", "status"] == "met"  # 3 of 20 = 15 %
    assert by_id.loc["11-NQ/TW:a", "seats_needed"] == 2  # 25 % of 20 = 5, has 3
    assert by_id.loc["36-CT/TW:b", "seats_needed"] == 1
    assert out.attrs["targets_used"] == ("36-CT/TW:a", "36-CT/TW:b", "11-NQ/TW:a", "2351/QĐ-TTg:1")


def test_sam_son_2020_2025_is_judged_by_35_ct_tw_2019():
    # Sầm Sơn: 3/30 = 10 % against 35-CT/TW (2019)'s 15 %: ceil(4.5) = 5, 2 more women
    c = rows(("2020-2025", "TH-H03", "district", "party_committee", 30, 3))
    out = check(c)
    assert ids(out) == ["35-CT/TW-2019:a", "35-CT/TW-2019:c"]
    a = out[out["target_id"] == "35-CT/TW-2019:a"].iloc[0]
    assert (a["status"], a["seats_needed"]) == ("below", 2)
    under_40 = out[out["target_id"] == "35-CT/TW-2019:c"].iloc[0]
    assert (under_40["status"], under_40["reason"]) == ("no_data", "no_column")
    assert list(shortfalls(out)["unit_id"]) == ["TH-H03"]


def test_by_2030_judges_party_2025_2030_and_na_xvi_not_na_xv():
    c = rows(
        ("2025-2030", "P", "province", "party_committee", 30, 6),  # 20 %: inside 20-25 %
        ("2021-2026", "N", "national", "national_assembly", 499, 151),  # NA XV
        ("2026-2031", "N", "national", "national_assembly", 500, 150),  # NA XVI: 30 %
    )
    out = check(c)
    party = out[out["term"] == "2025-2030"]
    assert ids(party) == ["26-NQ/TW:b"]
    assert party["status"].tolist() == ["met"]
    xv = out[out["term"] == "2021-2026"].iloc[0]
    assert (xv["status"], xv["reason"]) == ("not_applicable", "no_target")
    xvi = out[out["term"] == "2026-2031"].iloc[0]
    assert (xvi["target_id"], xvi["status"], xvi["seats_needed"]) == ("26-NQ/TW:c", "below", 26)


def test_uncovered_term_is_named_plainly_and_never_met():
    c = rows(("2030-2035", "A", "district", "party_committee", 30, 3))
    message = "no target in the catalogue applies to 2030-2035; pass targets= or load a YAML"
    with pytest.warns(NothingAssessedWarning, match=message):
        out = check(c)
    assert out["status"].tolist() == ["not_applicable"]
    assert out["reason"].tolist() == ["no_target"]
    assert pd.isna(out["target_id"].iloc[0])
    assert "2030-2035" in out["note"].iloc[0]
    assert uncovered_terms(out) == ("2030-2035",)
    with pytest.warns(NothingAssessedWarning):
        s = summarise(out)
    assert (s["n_met"] == 0).all() and (s["n_units"] == 0).all()
    assert s.attrs["nothing_assessed"] is True


def test_councils_and_na_targets_follow_their_terms():
    c = rows(
        ("2016-2021", "H", "district", "peoples_council", 40, 14),  # 35 %
        ("2021-2026", "H", "district", "peoples_council", 40, 14),
    )
    out = check(c)
    assert ids(out[out["term"] == "2016-2021"]) == ["11-NQ/TW:b", "2351/QĐ-TTg:1b-2016"]
    later = out[out["term"] == "2021-2026"]
    assert later["reason"].tolist() == ["no_target"]


def test_85_2015_applies_from_the_2016_elections_on():
    c = rows(
        ("2011-2016", "VN", "national", "candidates", 827, 200),
        ("2016-2021", "VN", "national", "candidates", 870, 339),  # 38.97 %
        ("2021-2026", "VN", "national", "candidates", 868, 393),
    )
    out = check(c)
    law = out[out["target_id"] == "85/2015/QH13:8.3"]
    assert law["term"].tolist() == ["2016-2021", "2021-2026"]
    assert law["status"].tolist() == ["met", "met"]
    assert out.loc[out["term"] == "2011-2016", "reason"].tolist() == ["no_target"]


def test_2351_target_2_counts_peoples_committees_not_departments():
    c = rows(
        ("2015-2020", "H", "district", "key_posts", 5, 0),
        ("2015-2020", "S", "agency", "key_posts", 5, 0),
    )
    out = check(c, "2351/QĐ-TTg:2-2020")
    assert out.set_index("unit_id")["reason"].to_dict() == {"H": "", "S": "level"}
    assert get_targets("2351/QĐ-TTg:2-2015")[0].levels == (
        "national",
        "province",
        "district",
        "commune",
    )


def test_training_targets_concern_committees_for_the_advancement_of_women():
    assert "women_advancement_committee" in BODIES
    assert parse_body("Ban vì sự tiến bộ của phụ nữ") == "women_advancement_committee"
    for target in get_targets("2458/BVSTBCPN-VX"):
        assert target.bodies == ("women_advancement_committee",)
        assert target.activity_year == 2015
    assert get_targets("2458/BVSTBCPN-VX:a")[0].levels == ("province", "agency", "district")
    assert get_targets("2458/BVSTBCPN-VX:b")[0].levels == ("commune",)
    # party committees and staff are never judged by the letter's training targets
    c = rows(
        ("2015-2020", "A", "district", "party_committee", 20, 3),
        ("2015-2020", "A", "district", "staff", 100, 40),
    )
    assert not any(i.startswith("2458") for i in ids(check(c)))


def test_training_without_a_trained_column_says_the_data_are_missing():
    c = rows(("2015-2020", "TH", "province", "women_advancement_committee", 12, 7))
    with pytest.warns(NothingAssessedWarning, match="no trained column"):
        out = check(c)
    assert out["target_id"].tolist() == ["2458/BVSTBCPN-VX:a"]
    assert out["status"].tolist() == ["no_data"]
    assert pd.isna(out["share"].iloc[0])
    trained = check(c.assign(trained=[12]))
    assert trained["status"].tolist() == ["met"]
    # 2010-2015 does not cover the 2015 activity year (start <= 2015 < end)
    with pytest.warns(NothingAssessedWarning, match="no target in the catalogue"):
        check(c.assign(term="2010-2015", trained=[12]))


def test_deadlines_are_catalogue_data_with_their_citation():
    d = get_deadlines()
    assert d["deadline_id"].tolist() == ["2458/BVSTBCPN-VX:r6", "2458/BVSTBCPN-VX:r12"]
    assert d["due_before"].tolist() == [dt.date(2015, 6, 5), dt.date(2015, 12, 1)]
    assert d["report_en"].tolist() == ["6-month report", "annual report"]
    assert d["document"].unique().tolist() == ["2458/BVSTBCPN-VX"]
    assert d["sources"].str.contains("item 5").all()
    d.loc[0, "report_en"] = "changed"
    assert get_deadlines().loc[0, "report_en"] == "6-month report"  # a fresh copy


def test_list_targets_shows_the_year_rule_and_judged_terms():
    t = list_targets().set_index("target_id")
    assert t.loc["11-NQ/TW:a", "when"] == "by 2020: the term with start < 2020 ≤ end"
    assert t.loc["11-NQ/TW:a", ["party_terms", "council_terms"]].tolist() == ["2015-2020", ""]
    assert t.loc["11-NQ/TW:b", ["party_terms", "council_terms"]].tolist() == ["", "2016-2021"]
    assert t.loc["26-NQ/TW:b", "party_terms"] == "2025-2030"
    assert t.loc["26-NQ/TW:c", "council_terms"] == "2026-2031"  # NA XVI, not XV
    assert t.loc["36-CT/TW:a", ["when", "party_terms"]].tolist() == ["2015-2020", "2015-2020"]
    assert t.loc["85/2015/QH13:8.3", "council_terms"].startswith("2016-2021, 2021-2026")
    assert t.loc["85/2015/QH13:8.3", "when"] == "terms starting in 2016 or later"


# ---------------------------------------------------------------------------------------------
# 2. Nothing assessed, partial cover


def test_partial_cover_is_said():
    c = rows(
        ("2015-2020", "A", "district", "party_committee", 20, 3),
        ("2015-2020", "A", "district", "staff", 100, 40),
    )
    out = check(c)
    assert coverage(out, lang="en") == (
        "assessed 3 of 4 rows; 1 not applicable (1 no target in the catalogue applies: "
        "staff 2015-2020)"
    )
    assert coverage(out, lang="vi").startswith("đánh giá 3/4 dòng; 1 không áp dụng")
    assert coverage(out).endswith("staff 2015-2020))")  # Vietnamese, English in brackets


def test_shortfalls_and_summarise_say_nothing_was_assessed():
    c = rows(("2020-2025", "A", "district", "party_committee", 20, 0))
    with pytest.warns(NothingAssessedWarning, match="the chosen targets do not apply to 2020-2025"):
        out = check(c, "36-CT/TW")
    with pytest.warns(NothingAssessedWarning, match="nothing assessed"):
        short = shortfalls(out)
    assert short.empty
    assert short.attrs["nothing_assessed"] is True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert shortfalls(check(c)).attrs["nothing_assessed"] is False


def test_targets_used_per_term():
    c = rows(
        ("2015-2020", "A", "district", "standing_committee", 9, 1),
        ("2020-2025", "A", "district", "standing_committee", 9, 0),
    )
    used = targets_used(check(c))
    assert used[["term", "target_id", "n_rows", "n_assessed"]].values.tolist() == [
        ["2020-2025", "35-CT/TW-2019:b", 1, 1],
        ["2020-2025", "35-CT/TW-2019:c", 1, 0],
        ["2015-2020", "36-CT/TW:b", 1, 1],
    ]


# ---------------------------------------------------------------------------------------------
# 3. Terms


@pytest.mark.parametrize("written", ["2015-2020", "2015 – 2020", "2015 - 2020", "2015-20"])
def test_term_argument_accepts_dashes_spaces_and_short_ends(written):
    c = rows(
        ("2015-2020", "A", "district", "party_committee", 20, 3),
        ("2020-2025", "A", "district", "party_committee", 20, 3),
    )
    out = check(c, "36-CT/TW:a", term=written)
    assert out["term"].tolist() == ["2015-2020"]


@pytest.mark.parametrize("written", ["2015", "2020-2015", "2015-2020-2025", "2015-06-01", "x"])
def test_bad_term_argument_is_an_error_naming_it(written):
    c = rows(("2015-2020", "A", "district", "party_committee", 20, 3))
    with pytest.raises(TermError, match=rf'invalid term\): "{written}"'):
        check(c, term=written)


def test_term_absent_from_the_data_lists_the_terms_present():
    c = rows(
        ("2015-2020", "A", "district", "party_committee", 20, 3),
        ("2020-2025", "A", "district", "party_committee", 20, 3),
    )
    with pytest.raises(TermError, match=r"terms present\): 2020-2025, 2015-2020"):
        check(c, term="2025-2030")


def test_term_cells_are_normalised_and_bad_cells_refused():
    c = rows(("2015 – 2020", "A", "district", "party_committee", 20, 3))
    out = check(c, "36-CT/TW:a")
    assert out["term"].tolist() == ["2015-2020"]
    assert out["status"].tolist() == ["met"]
    assert c["term"].tolist() == ["2015 – 2020"]  # the input is not changed
    with pytest.raises(TermError, match='"2015"'):
        check(c.assign(term="2015"))
    two = pd.concat([c, c.assign(term="2015-20", unit_id="B")], ignore_index=True)
    categorical = check(two.astype({"term": "category"}), "36-CT/TW:a")
    assert categorical["term"].astype(str).tolist() == ["2015-2020", "2015-2020"]


# ---------------------------------------------------------------------------------------------
# 4. Ranges


def test_above_range_counts_as_meeting_in_summarise():
    # 6, 7 and 9 of 20 against 35-40 %: 30 % below, 35 % met, 45 % above the range
    c = rows(
        ("2016-2021", "P", "district", "peoples_council", 20, 6),
        ("2016-2021", "Q", "district", "peoples_council", 20, 7),
        ("2016-2021", "R", "district", "peoples_council", 20, 9),
    )
    s = summarise(check(c, "11-NQ/TW:b")).iloc[0]
    assert s["label"] == "2/3"
    assert (s["n_met"], s["n_above_range"], s["n_below"]) == (2, 1, 1)
    assert s["unit_share"] == pytest.approx(2 / 3)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["2016-2021", "2021-2026"]),
            st.sampled_from(["district", "province"]),
            st.integers(0, 30),
            st.integers(0, 30),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_summarise_counts_every_assessed_row_once(specs):
    c = rows(
        *(
            (term, f"U{i}", level, "peoples_council", total, min(female, total))
            for i, (term, level, total, female) in enumerate(specs)
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NothingAssessedWarning)
        out = check(c, ["11-NQ/TW:b", "26-NQ/TW:c"], any_term=True)
        s = summarise(out)
    status = out["status"]
    assert s["n_units"].sum() == status.isin(["met", "below", "above_range"]).sum()
    assert s["n_met"].sum() == status.isin(MEETING).sum()
    assert s["n_above_range"].sum() == (status == "above_range").sum()
    assert s["n_below"].sum() == (status == "below").sum()
    within = s["n_met"] - s["n_above_range"]
    assert (within + s["n_above_range"] + s["n_below"] == s["n_units"]).all()
    assert (s["label"] == s["n_met"].astype(str) + "/" + s["n_units"].astype(str)).all()


# ---------------------------------------------------------------------------------------------
# 5. Notes in one language


def test_notes_in_one_language():
    c = rows(("2015-2020", "P", "district", "peoples_council", 20, 7))
    with pytest.warns(NothingAssessedWarning):
        en = check(c, "26-NQ/TW:c", lang="en")["note"].iloc[0]
    assert (
        en == "2015-2020 is outside the target's terms (by 2030: the term with start < 2030 ≤ end)"
    )
    with pytest.warns(NothingAssessedWarning):
        vi = check(c, "26-NQ/TW:c", lang="vi")["note"].iloc[0]
    assert vi == (
        "nhiệm kỳ 2015-2020 không thuộc phạm vi của chỉ tiêu "
        "(đến năm 2030: nhiệm kỳ có năm đầu < 2030 ≤ năm cuối)"
    )
    with pytest.warns(NothingAssessedWarning):
        both = check(c, "26-NQ/TW:c")["note"].iloc[0]
    assert "nhiệm kỳ by" not in both
    assert both == f"{vi} ({en})"
