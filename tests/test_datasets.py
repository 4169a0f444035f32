"""Tests of gender_stats.datasets and of the bundled sample data (sizes, shares, realism)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats import datasets

ROOT = Path(__file__).resolve().parents[1]
PARTY_TERMS = ["2010-2015", "2015-2020", "2020-2025"]
COUNCIL_TERMS = ["2011-2016", "2016-2021", "2021-2026"]
ROSTER_BODIES = ["key_posts", "party_committee", "peoples_council", "standing_committee"]
SAMPLE_FILES = [
    "README.md",
    "counts.csv",
    "counts_messy.xlsx",
    "counts_wide.xlsx",
    "roster.parquet",
    "roster_trich_ngang.xlsx",
    "staff.csv",
    "units.csv",
]


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return gs.load_units()


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return gs.load_sample_roster()


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    return gs.load_sample_counts()


def _sizes(roster: pd.DataFrame, body: str) -> pd.Series:
    return roster[roster["body"] == body].groupby(["term", "unit_id"]).size()


# ---------------------------------------------------------------------------------------------
# sample_path


def test_sample_path_lists_the_files():
    folder = gs.sample_path()
    assert folder.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == SAMPLE_FILES
    assert gs.sample_path("units.csv") == folder / "units.csv"


def test_sample_path_unknown_file_names_the_files():
    with pytest.raises(FileNotFoundError, match=r"Got name='nope.csv'\. Must be one of \["):
        gs.sample_path("nope.csv")
    with pytest.raises(FileNotFoundError, match="Must be one of"):
        gs.sample_path("../datasets.py")


def test_repository_data_sample_is_the_package_folder():
    link = ROOT / "data" / "sample"
    if not link.exists():  # pragma: no cover - installed without the repository
        pytest.skip("not in a source checkout")
    assert link.resolve() == gs.sample_path().resolve()


def test_sample_files_are_small():
    sizes = {p.name: p.stat().st_size for p in gs.sample_path().iterdir()}
    assert max(sizes.values()) < 1_000_000
    assert sum(sizes.values()) < 3_000_000


def test_readme_says_synthetic():
    text = gs.sample_path("README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in text
    assert "make sample" in text


# ---------------------------------------------------------------------------------------------
# units


def test_units_levels_and_ids(units):
    assert units["level"].value_counts().to_dict() == {"district": 27, "agency": 23, "province": 1}
    assert units["unit_id"].is_unique
    districts = units.loc[units["level"] == "district", "unit_id"].tolist()
    agencies = units.loc[units["level"] == "agency", "unit_id"].tolist()
    assert districts == [f"TH-H{i:02d}" for i in range(1, 28)]
    assert agencies == [f"TH-S{i:02d}" for i in range(1, 24)]
    province = units[units["level"] == "province"].iloc[0]
    assert (province["unit_id"], province["unit_name"]) == ("TH", "Tỉnh Thanh Hóa")
    assert (units.loc[units["unit_id"] != "TH", "parent_id"] == "TH").all()


def test_units_kinds(units):
    kinds = units.groupby("level")["kind"].agg(lambda s: sorted(set(s))).to_dict()
    assert kinds == {
        "agency": ["agency", "department", "vertical_agency"],
        "district": ["city", "rural_district", "town"],
        "province": ["province"],
    }


@pytest.mark.parametrize(
    "name",
    [
        "Huyện Hậu Lộc",
        "Huyện Ngọc Lặc",
        "Huyện Vĩnh Lộc",
        "Huyện Như Thanh",
        "Cục Thuế tỉnh",
        "Cục Thống kê tỉnh",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Báo Thanh Hóa",
    ],
)
def test_inspected_units_are_present(units, name):
    assert name in set(units["unit_name"])


@pytest.mark.parametrize(
    ("unit_id", "name", "kind", "alias"),
    [
        ("TH-H24", "Thị xã Nghi Sơn", "town", "Huyện Tĩnh Gia"),
        ("TH-H03", "Thành phố Sầm Sơn", "city", "Thị xã Sầm Sơn"),
        ("TH-H17", "Huyện Quan Hóa", "rural_district", "Huyện Quan Hoá"),
    ],
)
def test_units_current_name_and_aliases(units, unit_id, name, kind, alias):
    row = units.set_index("unit_id").loc[unit_id]
    assert (row["unit_name"], row["kind"]) == (name, kind)
    assert alias in row["aliases"].split("|")


# ---------------------------------------------------------------------------------------------
# roster


def test_roster_terms_bodies_and_units(roster):
    assert sorted(roster["term"].unique()) == sorted(PARTY_TERMS + COUNCIL_TERMS)
    assert sorted(roster["body"].unique()) == ROSTER_BODIES
    party = roster[roster["term"].isin(PARTY_TERMS)]
    council = roster[roster["term"].isin(COUNCIL_TERMS)]
    assert set(party["body"]) == {"party_committee", "standing_committee", "key_posts"}
    assert set(council["body"]) == {"peoples_council"}
    assert party.groupby("term")["unit_id"].nunique().tolist() == [50, 50, 50]
    assert council.groupby("term")["unit_id"].nunique().tolist() == [27, 27, 27]
    assert set(council["level"]) == {"district"}
    assert set(roster["sex"]) == {"F", "M"}


def test_roster_is_canonical(roster):
    assert gs.validate_roster(roster).shape == roster.shape
    assert roster["birth_year"].dtype == "Int64"
    assert roster[["full_name", "ethnicity", "post"]].notna().all().all()


def test_person_attributes_agree_across_rows(roster):
    per_person = roster.groupby("person_id")[["full_name", "sex", "birth_year", "ethnicity"]]
    assert (per_person.nunique() == 1).all().all()


@pytest.mark.parametrize(
    ("level", "body", "low", "high"),
    [
        ("district", "party_committee", 30, 45),
        ("agency", "party_committee", 9, 15),
        ("district", "standing_committee", 10, 15),
        ("agency", "standing_committee", 3, 5),
        ("district", "key_posts", 5, 9),
        ("agency", "key_posts", 5, 9),
        ("district", "peoples_council", 30, 40),
    ],
)
def test_body_sizes(roster, level, body, low, high):
    sizes = _sizes(roster[roster["level"] == level], body)
    assert len(sizes) > 0
    assert sizes.between(low, high).all(), sizes[~sizes.between(low, high)]


def test_standing_committee_at_most_a_third(roster):
    committee = _sizes(roster, "party_committee")
    standing = _sizes(roster, "standing_committee")
    assert (3 * standing <= committee[standing.index]).all()


@pytest.mark.parametrize("body", ["standing_committee", "key_posts"])
def test_standing_and_key_posts_are_committee_members(roster, body):
    keys = ["term", "unit_id", "person_id"]
    members = set(map(tuple, roster.loc[roster["body"] == "party_committee", keys].to_numpy()))
    others = set(map(tuple, roster.loc[roster["body"] == body, keys].to_numpy()))
    assert others <= members


def test_each_committee_has_one_secretary(roster):
    key = roster[roster["body"] == "key_posts"]
    secretaries = key[key["post"].str.startswith("Bí thư")].groupby(["term", "unit_id"]).size()
    assert len(secretaries) == 3 * 50
    assert (secretaries == 1).all()


def test_council_keeps_people_of_the_party_term(roster):
    # the council 2016-2021 of Hậu Lộc (TH-H08) has people from the 2015-2020 party committee
    council = roster[(roster["term"] == "2016-2021") & (roster["unit_id"] == "TH-H08")]
    committee = roster[
        (roster["term"] == "2015-2020")
        & (roster["unit_id"] == "TH-H08")
        & (roster["body"] == "party_committee")
    ]
    assert len(set(council["person_id"]) & set(committee["person_id"])) >= 5


def test_some_members_are_re_elected(roster):
    committees = roster[roster["body"] == "party_committee"]
    first = set(committees.loc[committees["term"] == "2010-2015", "person_id"])
    second = set(committees.loc[committees["term"] == "2015-2020", "person_id"])
    assert 0.2 < len(first & second) / len(second) < 0.7


@pytest.mark.parametrize(
    ("term", "unit_id", "name"),
    [
        ("2015-2020", "TH-H24", "Huyện Tĩnh Gia"),
        ("2016-2021", "TH-H24", "Huyện Tĩnh Gia"),
        ("2020-2025", "TH-H24", "Thị xã Nghi Sơn"),
        ("2021-2026", "TH-H24", "Thị xã Nghi Sơn"),
        ("2015-2020", "TH-H03", "Thị xã Sầm Sơn"),
        ("2020-2025", "TH-H03", "Thành phố Sầm Sơn"),
    ],
)
def test_roster_uses_the_name_of_the_term(roster, term, unit_id, name):
    rows = roster[(roster["term"] == term) & (roster["unit_id"] == unit_id)]
    assert set(rows["unit_name"]) == {name}


def test_mountain_districts_have_ethnic_minorities(roster):
    muong_lat = roster[roster["unit_id"] == "TH-H11"]["ethnicity"].value_counts(normalize=True)
    assert muong_lat.get("Kinh", 0) < 0.5
    assert {"Thái", "Mông"} <= set(muong_lat.index)
    lowland = roster[roster["unit_id"] == "TH-H08"]["ethnicity"].value_counts(normalize=True)
    assert lowland["Kinh"] > 0.8


def test_person_ids_and_birth_years_are_plausible(roster):
    assert roster["person_id"].str.fullmatch(r"CB\d{5}").all()
    start = roster["term"].str[:4].astype(int)
    age = start - roster["birth_year"].astype(int)
    assert age.between(25, 60).all()


# ---------------------------------------------------------------------------------------------
# counts: realistic shares


def _pooled(counts: pd.DataFrame) -> float:
    return counts["female"].sum() / counts["total"].sum()


def test_counts_cover_terms_bodies_and_units(counts):
    expected = {
        "party_committee": 150,
        "standing_committee": 150,
        "key_posts": 150,
        "staff": 150,
        "peoples_council": 81,
    }
    assert counts["body"].value_counts().to_dict() == expected
    assert len(counts) == 681


@pytest.mark.parametrize("term", PARTY_TERMS)
def test_committee_shares_are_realistic(counts, term):
    committees = counts[(counts["term"] == term) & (counts["body"] == "party_committee")]
    share = committees["female"] / committees["total"]
    assert 0.13 <= _pooled(committees) <= 0.20
    # some units below the 15 % of Directive 36, a few well above
    assert (share < 0.15).sum() >= 5
    assert (share > 0.25).sum() >= 1
    assert (share < 0.5).all()


@pytest.mark.parametrize("term", PARTY_TERMS)
def test_some_standing_committees_have_no_woman(counts, term):
    standing = counts[(counts["term"] == term) & (counts["body"] == "standing_committee")]
    assert (standing["female"] == 0).sum() >= 3
    assert (standing["female"] > 0).sum() >= 20
    assert 0.05 <= _pooled(standing) <= 0.25


def test_district_committees_rise_a_little_over_terms(counts):
    districts = counts[(counts["level"] == "district") & (counts["body"] == "party_committee")]
    pooled = [_pooled(districts[districts["term"] == t]) for t in PARTY_TERMS]
    assert pooled[0] < pooled[2]
    assert pooled[2] - pooled[0] < 0.08


def test_councils_have_more_women_than_committees(counts):
    council = counts[counts["body"] == "peoples_council"]
    assert 0.18 <= _pooled(council) <= 0.32


def test_staff_counts_are_hundreds_and_vary_by_sector(counts, units):
    staff = counts[counts["body"] == "staff"]
    assert staff["total"].between(40, 1000).all()
    assert staff["total"].median() >= 100
    share = staff["female"] / staff["total"]
    assert (share >= 0.30).sum() >= 10
    assert (share < 0.30).sum() >= 3
    names = units.set_index("unit_id")["unit_name"]
    by_name = staff.assign(name=staff["unit_id"].map(names), share=share)
    for sector in ("Sở Giáo dục và Đào tạo", "Sở Y tế"):
        assert (by_name.loc[by_name["name"] == sector, "share"] >= 0.5).all()
    assert (by_name.loc[by_name["name"] == "Sở Giao thông vận tải", "share"] < 0.3).all()


# ---------------------------------------------------------------------------------------------
# loaders return fresh frames


@pytest.mark.parametrize(
    "load",
    [gs.load_units, gs.load_sample_roster, lambda: gs.load_public_figures("peoples_councils")],
)
def test_loaders_return_fresh_frames(load):
    first = load()
    column = first.columns[0]
    if isinstance(first[column].dtype, pd.CategoricalDtype):  # a roster's codes (issue 13)
        first[column] = first[column].cat.add_categories(["changed"])
    first.iloc[0, 0] = "changed"
    assert load().iloc[0, 0] != "changed"


# ---------------------------------------------------------------------------------------------
# public figures


def test_national_assembly_keeps_both_bases_of_khoa_xiv():
    na = gs.load_public_figures("national_assembly")
    xiv = na[na["khoa"] == "XIV"].set_index("basis")
    assert xiv.loc["elected", ["deputies", "women", "published_pct"]].tolist() == [
        496,
        133,
        "26.80",
    ]
    assert xiv.loc["confirmed", ["deputies", "women", "published_pct"]].tolist() == [
        494,
        132,
        "26.72",
    ]


def test_national_assembly_conflicts_are_visible():
    na = gs.load_public_figures("national_assembly")
    assert na["khoa"].nunique() == 16
    viii = na[na["khoa"] == "VIII"].iloc[0]
    assert pd.isna(viii["women"])
    assert "88 or 89" in viii["note"]
    ix = na[na["khoa"] == "IX"].iloc[0]
    assert (ix["deputies"], ix["women"], ix["published_pct"]) == (395, 73, "18.48")
    assert "18.84" in ix["note"]
    assert sorted(na.loc[na["khoa"] == "I", "deputies"].tolist()) == [333, 403]
    assert na["source"].notna().all()
    assert na["women"].dtype == "Int64"


def test_national_assembly_shares_match_counts_where_exact():
    # 122/500 = 24.4 %, 151/499 = 30.26 %, 73/395 = 18.48 % (worked out by hand)
    na = gs.load_public_figures("national_assembly").set_index("khoa")
    assert na.loc["XIII", "published_pct"] == "24.4"
    assert na.loc["XV", "published_pct"] == "30.26"
    assert na.loc["IX", "published_pct"] == "18.48"


def test_party_committees_national():
    pc = gs.load_public_figures("party_committees")
    assert set(pc["level"]) == {"province", "district", "commune"}
    assert set(pc["body"]) == {"party_committee", "standing_committee"}
    row = pc[(pc["level"] == "district") & (pc["term"] == "2020-2025")]
    assert row[row["body"] == "party_committee"]["published_pct"].tolist() == ["20.1"]
    interim = pc[pc["members"].notna()]
    assert interim[["members", "women", "published_pct"]].to_numpy().tolist() == [
        [2468, 400, "16.20"]
    ]
    assert pc["source"].notna().all()


def test_peoples_councils():
    pcs = gs.load_public_figures("peoples_councils")
    got = pcs.set_index(["term", "level"])["published_pct"].to_dict()
    assert got[("2021-2026", "district")] == "29.08"
    assert got[("2016-2021", "province")] == "26.54"
    assert len(pcs) == 6


def test_unknown_public_figures():
    with pytest.raises(ValueError, match=r"Got name='nope'\. Must be one of \['national_assembly'"):
        gs.load_public_figures("nope")


def test_public_names_are_documented():
    assert set(datasets.PUBLIC_FIGURES) == {
        "national_assembly",
        "party_committees",
        "peoples_councils",
        "candidate_lists",
        "congress_delegates",
        "provincial_committees",
        "key_leaders",
    }


# ---------------------------------------------------------------------------------------------
# make sample: the generator gives the same files


@pytest.mark.slow
def test_generator_reproduces_the_bundled_files(tmp_path):
    script = ROOT / "scripts" / "make_sample_data.py"
    if not script.exists():  # pragma: no cover - installed without the repository
        pytest.skip("not in a source checkout")
    subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True
    )
    bundled = gs.sample_path()
    for name in ("units.csv", "counts.csv", "staff.csv", "counts_wide.xlsx", "counts_messy.xlsx"):
        assert (tmp_path / name).read_bytes() == (bundled / name).read_bytes(), name
    assert (tmp_path / "roster_trich_ngang.xlsx").read_bytes() == (
        bundled / "roster_trich_ngang.xlsx"
    ).read_bytes()
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "roster.parquet"), pd.read_parquet(bundled / "roster.parquet")
    )


def test_sample_ids_follow_the_documented_pattern(units):
    text = gs.sample_path("README.md").read_text(encoding="utf-8")
    assert re.search(r"TH-H01.*TH-H27", text)
    assert re.search(r"TH-S01.*TH-S23", text)
    assert units["unit_id"].str.fullmatch(r"TH(-[HS]\d\d)?").all()


def test_derived_public_values_are_marked():
    pcs = gs.load_public_figures("peoples_councils")
    marked = pcs.set_index(["term", "level"])["derived"].to_dict()
    # every 2016-2021 share is the 2021 share minus a reported rise: derived, not published
    for level in ("province", "district", "commune"):
        assert marked[("2016-2021", level)] == "published_pct"
        assert marked[("2021-2026", level)] == ""
    assert pcs.loc[pcs["term"] == "2016-2021", "note"].str.startswith("derived").all()
    na = gs.load_public_figures("national_assembly")
    assert sorted(na.loc[na["derived"] == "women", "khoa"]) == ["VII", "X"]
    pc = gs.load_public_figures("party_committees")
    assert (pc["derived"] == "").all()
