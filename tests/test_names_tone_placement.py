"""One person's name written with the old and the new tone placement is one name.

Vietnamese offices write "Thủy" and "Thuỷ", "Hòa" and "Hoà" for the same name (the new and the old
rule of where the tone mark goes); one list often has both.  ``validate_roster`` must take them as
one person's one name, as it takes a difference of case, and still refuse two names that differ
in a letter or a tone (Hà and Hạ are two names).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import gender_stats as gs
from gender_stats.errors import DataError


def _roster(first: str, second: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["2020-2025"] * 2,
            "unit_id": ["U1"] * 2,
            "unit_name": ["Huyện Nga Sơn"] * 2,
            "level": ["district"] * 2,
            "body": ["party_committee", "standing_committee"],
            "person_id": ["p1"] * 2,
            "full_name": [first, second],
            "sex": ["F"] * 2,
        }
    )


SAME = [
    ("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ"),
    ("Lê Thị Hòa", "Lê Thị Hoà"),
    ("Lê Thị Hoà", "LÊ THỊ HÒA"),
    ("Trần Thị Khỏe", "Trần Thị Khoẻ"),
    ("Phạm Thị Thúy", "Phạm  Thị Thuý"),
]
DIFFERENT = [
    ("Lê Thị Hà", "Lê Thị Hạ"),
    ("Lê Văn Hùng", "Lê Văn Hưng"),
    ("Nguyễn Thị Thủy", "Nguyễn Thị Thùy"),
    ("Lê Thị Hoa", "Lê Thị Hoà"),
]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_tone_placements_are_one_name(first: str, second: str) -> None:
    out = gs.validate_roster(_roster(first, second))
    assert len(out) == 2
    assert out["full_name"].tolist()[0] == first  # kept as written


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_other_names_are_refused(first: str, second: str) -> None:
    with pytest.raises(DataError) as err:
        gs.validate_roster(_roster(first, second))
    assert [p.value for p in err.value.problems] == [second]  # the second name, named


def test_parquet_reader_takes_tone_placements_as_one_name(tmp_path) -> None:
    path = tmp_path / "roster.parquet"
    pq.write_table(
        pa.Table.from_pandas(_roster("Lê Thị Hòa", "Lê Thị Hoà"), preserve_index=False), path
    )
    assert len(gs.read_roster(path)) == 2
    pq.write_table(
        pa.Table.from_pandas(_roster("Lê Thị Hà", "Lê Thị Hạ"), preserve_index=False), path
    )
    with pytest.raises(DataError):
        gs.read_roster(path)
