"""Verdicts of the output stage (red-team findings on pooled rows)."""

import pandas as pd

from gender_stats.outputs.tables import summary_table


def _two_districts() -> pd.DataFrame:
    # Huyện A: 4/20 = 20 % (met); Huyện B: 2/20 = 10 % (below, 15 % of 20 = 3, needs 1).
    # Pooled 6/40 = 15 % exactly: the pooled share would "meet" >= 15 %, but 1 of 2 units is below.
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 2,
            "unit_id": ["A", "B"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district", "district"],
            "body": ["party_committee"] * 2,
            "total": [20, 20],
            "female": [4, 2],
            "target_id": ["36-CT/TW:a"] * 2,
            "document": ["36-CT/TW"] * 2,
            "rule": ["≥ 15%"] * 2,
            "status": ["met", "below"],
            "seats_needed": pd.array([0, 1], dtype="Int64"),
        }
    )


def test_pooled_level_row_is_not_met_when_a_unit_is_below() -> None:
    table = summary_table(_two_districts())
    assert list(table["Kết quả"]) == ["1/2 huyện đạt", "1/2 đơn vị đạt"]
    assert list(table["Tỷ lệ (%)"]) == ["15,0%", "15,0%"]
    assert list(table["Số nữ còn thiếu"]) == [1, 1]
    assert list(table["Đánh giá"]) == ["Chưa đạt", "Chưa đạt"]


def test_pooled_level_row_is_met_when_every_unit_meets() -> None:
    frame = _two_districts()
    frame.loc[1, ["female", "status"]] = [3, "met"]
    frame["seats_needed"] = pd.array([0, 0], dtype="Int64")
    table = summary_table(frame, lang="en")
    assert list(table.iloc[:, -1]) == ["Met", "Met"]
