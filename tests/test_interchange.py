"""Tests of gender_stats.io._interchange: Open SDG CSV round trip, SDMX-CSV, counts export.

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.errors import ArgumentError, FileFormatError
from gender_stats.io import (
    counts_dictionary,
    read_open_sdg,
    to_open_sdg,
    to_sdmx_csv,
    write_counts,
)

COUNCIL = "peoples_council"


def council_counts():
    return pd.DataFrame(
        {
            "term": ["2016-2021"] * 3 + ["2021-2026"] * 3,
            "unit_id": ["P", "D1", "D2"] * 2,
            "unit_name": ["Tỉnh", "Huyện 1", "Huyện 2"] * 2,
            "level": ["province", "district", "district"] * 2,
            "body": COUNCIL,
            "kind": ["province", "rural_district", "town"] * 2,
            "total": [95, 30, 20, 85, 30, 0],
            "female": [25, 9, 4, 26, 10, 0],
        }
    )


def test_open_sdg_values_and_headline():
    out = to_open_sdg(council_counts())
    # 2016 headline: 38/145 = 26.2069 -> 26.21; district 13/50 = 26.00; province 25/95 = 26.3158
    # 2021 headline: 36/115 = 31.3043 -> 31.30; district 10/30 = 33.33 (D2 had no members: left
    # out of the pool, it adds 0/0); province 26/85 = 30.5882 -> 30.59
    assert list(out.columns) == ["Year", "Level", "Value"]
    headline = out[out["Level"].isna()]
    assert headline["Year"].tolist() == [2016, 2021]
    assert headline["Value"].tolist() == [26.21, 31.30]
    rows = out.dropna().set_index(["Year", "Level"])["Value"]
    assert rows[(2016, "district")] == 26.00
    assert rows[(2016, "province")] == 26.32
    assert rows[(2021, "district")] == 33.33
    assert rows[(2021, "province")] == 30.59


def test_open_sdg_round_trip(tmp_path):
    path = tmp_path / "5-5-1-b.csv"
    written = to_open_sdg(council_counts(), path, disaggregations=["level", "kind"])
    text = path.read_text("utf-8").splitlines()
    assert text[0] == "Year,Level,Kind,Value"
    assert text[1] == "2016,,,26.21"  # the headline row: every disaggregation blank
    back = read_open_sdg(path)
    pd.testing.assert_frame_equal(back, written)
    # one disaggregation alone and both together: 2 headline + 2·(2 levels) + 2·(3 kinds, one
    # empty in 2021) + the full cross
    assert ((back["Level"].notna()) & (back["Kind"].isna())).sum() == 4
    assert ((back["Level"].isna()) & (back["Kind"].notna())).sum() == 5


def test_open_sdg_half_up_rounding_from_exact_counts():
    # 1/8 = 12.5 % exactly -> "12.5" with 1 decimal; 1/40 = 2.5 % -> 3 with 0 decimals (half up,
    # not the binary float's banker's rounding to 2)
    counts = council_counts().iloc[:1].assign(total=8, female=1)
    assert to_open_sdg(counts, digits=1)["Value"].tolist() == [12.5, 12.5]
    counts = counts.assign(total=40, female=1)
    assert to_open_sdg(counts, digits=0)["Value"].tolist() == [3.0, 3.0]


def test_open_sdg_one_body_per_file():
    both = pd.concat([council_counts(), council_counts().assign(body="party_committee")])
    with pytest.raises(ArgumentError, match="one Open SDG file is one indicator"):
        to_open_sdg(both)
    assert len(to_open_sdg(both, body=COUNCIL)) == 6
    with pytest.raises(ArgumentError, match=r"no such counts columns"):
        to_open_sdg(council_counts(), disaggregations=["age_group"])


def test_read_open_sdg_refuses_bad_files():
    with pytest.raises(FileFormatError, match=r"needs 'Year' and 'Value'"):
        read_open_sdg(io.StringIO("year,value\n2016,1\n"))
    with pytest.raises(FileFormatError, match=r"'Value' must hold numbers\): got 'n/a' on line 3"):
        read_open_sdg(io.StringIO("Year,Value\n2016,1\n2021,n/a\n"))


def test_sdmx_csv_551b():
    out = to_sdmx_csv(council_counts())
    # 5.5.1b, all levels pooled: 2016 38/145 = 26.21, 2021 36/115 = 31.30
    assert list(out.columns) == [
        "DATAFLOW", "FREQ", "REF_AREA", "SERIES", "SEX", "TIME_PERIOD", "OBS_VALUE",
        "UNIT_MEASURE", "UNIT_MULT", "COMMENT_OBS",
    ]  # fmt: skip
    assert out["SERIES"].unique().tolist() == ["SG_GEN_LOCGELS"]
    assert out["TIME_PERIOD"].tolist() == [2016, 2021]
    assert out["OBS_VALUE"].tolist() == [26.21, 31.30]
    assert out["COMMENT_OBS"].tolist() == ["38/145 (2016-2021)", "36/115 (2021-2026)"]
    assert out["REF_AREA"].unique().tolist() == ["704"]
    by_level = to_sdmx_csv(council_counts(), by_level=True)
    assert (
        by_level.set_index(["TIME_PERIOD", "LEVEL"]).loc[(2021, "district"), "OBS_VALUE"] == 33.33
    )


def test_sdmx_csv_other_bodies_need_a_series(tmp_path):
    party = council_counts().assign(body="party_committee")
    with pytest.raises(ArgumentError, match=r"no series code for the bodies \['party_committee'\]"):
        to_sdmx_csv(party)
    path = tmp_path / "sdmx.csv"
    out = to_sdmx_csv(party, path, series={"party_committee": "VN_PARTY_F"}, dataflow="VN:DF(1.0)")
    assert out["SERIES"].unique().tolist() == ["VN_PARTY_F"]
    assert path.read_text("utf-8").splitlines()[0].startswith("DATAFLOW,FREQ,REF_AREA,SERIES")
    assert pd.read_csv(path)["DATAFLOW"].unique().tolist() == ["VN:DF(1.0)"]


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_counts_export_with_dictionary_reads_back(tmp_path, suffix):
    counts = council_counts().assign(under_40=[10, 5, 2, 12, 6, 0])
    path = tmp_path / f"counts.{suffix}"
    dictionary = write_counts(counts, path)
    assert dictionary.name == "counts.columns.csv"
    table = pd.read_csv(dictionary, encoding="utf-8-sig").set_index("column")
    assert list(table.index[:7]) == list(gs.schema.COUNTS_COLUMNS)
    assert table.loc["female", "description_vi"] == "Số nữ"
    assert table.loc["under_40", "description_en"].startswith("Members under 40")
    back = gs.read_counts(path)
    assert back["total"].tolist() == counts["total"].tolist()
    assert back["female"].tolist() == counts["female"].tolist()
    assert back["unit_name"].tolist() == counts["unit_name"].tolist()  # Vietnamese survives


def test_counts_dictionary_unknown_column_and_bad_format(tmp_path):
    counts = council_counts().assign(trained=1)
    row = counts_dictionary(counts).set_index("column").loc["trained"]
    assert row["description_en"] == "An extra column"
    assert row["dtype"] == "int64"
    with pytest.raises(ArgumentError, match=r"Got fmt='xlsx'"):
        write_counts(counts, tmp_path / "counts.xlsx")


def test_exports_do_not_change_counts():
    counts = council_counts()
    before = counts.copy()
    to_open_sdg(counts)
    to_sdmx_csv(counts)
    counts_dictionary(counts)
    pd.testing.assert_frame_equal(counts, before)
