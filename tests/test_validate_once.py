"""validate_roster checks a frame once: the person checks on code tables, and a mark in ``attrs``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats import schema
from gender_stats.errors import DataError

COLUMNS = ["term", "unit_id", "unit_name", "level", "body", "person_id", "sex", "birth_year"]
ROWS = [
    ["2015-2020", "TH01", "Huyện Quan Hóa", "district", "party_committee", "p1", "F", 1975],
    ["2015-2020", "TH01", "Huyện Quan Hóa", "district", "party_committee", "p2", "M", 1968],
    ["2015-2020", "TH01", "Huyện Quan Hóa", "district", "standing_committee", "p1", "F", 1975],
    ["2020-2025", "TH02", "Huyện Bá Thước", "district", "party_committee", "p3", "M", 1980],
]


def _roster(rows: list[list[object]] = ROWS) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _categorical(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({c: "category" for c in COLUMNS if c != "birth_year"})


@pytest.mark.parametrize("kind", ["str", "category"])
def test_same_body_of_two_units_is_not_a_duplicate(kind: str) -> None:
    # p1 sits in the party committee of TH01 and of TH02 in one term: allowed
    rows = [
        *ROWS,
        ["2015-2020", "TH02", "Huyện Bá Thước", "district", "party_committee", "p1", "F", 1975],
    ]
    frame = _roster(rows) if kind == "str" else _categorical(_roster(rows))
    assert schema._persons_clean(frame) is True
    out = gs.validate_roster(frame)
    assert len(out) == 5


@pytest.mark.parametrize("kind", ["str", "category"])
def test_twice_in_one_body_of_one_unit_is_reported(kind: str) -> None:
    rows = [*ROWS, ROWS[0]]
    frame = _roster(rows) if kind == "str" else _categorical(_roster(rows))
    assert schema._persons_clean(frame) is False
    with pytest.raises(DataError, match="trùng"):
        gs.validate_roster(frame)


@pytest.mark.parametrize("kind", ["str", "category"])
def test_two_sexes_for_one_person_in_a_term(kind: str) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][6] = "M"  # p1 is F in the party committee, M in the standing committee
    frame = _roster(rows) if kind == "str" else _categorical(_roster(rows))
    assert schema._persons_clean(frame) is False
    with pytest.raises(DataError, match="giới tính"):
        gs.validate_roster(frame)


def test_two_names_for_one_person_in_a_term() -> None:
    frame = _roster().assign(full_name=["Hà Thị Bình", "Lê Văn An", "Hà Thị Binh", "Trần An"])
    assert schema._persons_clean(frame) is False
    same = frame.assign(full_name=["Hà Thị Bình", "Lê Văn An", "HÀ THỊ BÌNH", None])
    assert schema._persons_clean(same) is True  # case folded; a missing name is no conflict


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["2015-2020", "2020-2025"]),
            st.sampled_from(["TH01", "TH02", "TH03"]),
            st.sampled_from(["party_committee", "standing_committee"]),
            st.sampled_from(["p1", "p2", "p3", "p4"]),
            st.sampled_from(["F", "M"]),
            st.sampled_from(["Bình", "An", None]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_code_tables_agree_with_sorting(rows: list[tuple[object, ...]]) -> None:
    frame = pd.DataFrame(rows, columns=["term", "unit_id", "body", "person_id", "sex", "full_name"])
    assert schema._persons_clean(frame) == schema._persons_clean_sorted(frame)
    cat = frame.astype(dict.fromkeys(["term", "unit_id", "body", "person_id", "sex"], "category"))
    assert schema._persons_clean(cat) == schema._persons_clean_sorted(frame)


def test_a_validated_frame_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _roster()
    out = gs.validate_roster(frame)
    assert schema.VALIDATED_ATTR in out.attrs
    assert schema.VALIDATED_ATTR not in frame.attrs  # the input is not changed
    calls: list[int] = []
    real = schema._fast_roster
    monkeypatch.setattr(schema, "_fast_roster", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = gs.validate_roster(out)
    assert calls == []
    assert again is not out
    pd.testing.assert_frame_equal(again, out)
    gs.validate_roster(out.iloc[:3])  # a derived frame is checked afresh
    assert calls == [1]


@pytest.mark.parametrize(
    ("row", "column", "value", "match"),
    [
        (0, "sex", "X", "sex"),  # in place: same object, same length, same columns
        (2, "body", "party_committee", "trùng"),  # p1 now twice in one body
        (0, "birth_year", 2100, "2100"),
    ],
)
def test_a_frame_changed_in_place_is_checked_again(
    row: int, column: str, value: object, match: str
) -> None:
    out = gs.validate_roster(_roster())
    out.loc[row, column] = value
    assert schema.VALIDATED_ATTR in out.attrs  # the stale mark is still there...
    assert not schema._already_validated(out)  # ...but no longer matches
    with pytest.raises(DataError, match=match):
        gs.validate_roster(out)


def test_renamed_categories_are_checked_again() -> None:
    out = gs.validate_roster(_categorical(_roster()))
    assert schema._already_validated(out)
    renamed = out.assign(sex=out["sex"].cat.rename_categories({"F": "Nữ x"}))
    assert schema.VALIDATED_ATTR in renamed.attrs
    with pytest.raises(DataError, match="sex"):
        gs.validate_roster(renamed)


def test_object_columns_are_never_taken_as_checked() -> None:
    out = gs.validate_roster(_roster()).astype({"unit_name": object})
    assert schema._checksum(out) is None
    assert not schema._already_validated(out)


@pytest.mark.parametrize("kind", ["str", "category"])
def test_count_of_str_and_categorical_rosters_equal(kind: str) -> None:
    frame = _roster() if kind == "str" else _categorical(_roster())
    counts = gs.count(gs.validate_roster(frame))
    assert counts[["term", "unit_id", "body", "total", "female"]].astype(str).values.tolist() == [
        ["2015-2020", "TH01", "party_committee", "2", "1"],
        ["2015-2020", "TH01", "standing_committee", "1", "1"],
        ["2020-2025", "TH02", "party_committee", "1", "0"],
    ]


def test_read_roster_output_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.parquet"
    pq.write_table(pa.Table.from_pandas(_roster(), preserve_index=False), path)
    roster = gs.read_roster(path)
    # the frame contract (issue 13): codes and ids as categoricals of str, sorted categories
    assert isinstance(roster["person_id"].dtype, pd.CategoricalDtype)
    assert list(roster["sex"].cat.categories) == ["F", "M"]
    assert roster["person_id"].tolist() == ["p1", "p2", "p1", "p3"]
    calls: list[int] = []
    monkeypatch.setattr(schema, "_fast_roster", lambda *a, **k: calls.append(1))
    again = gs.validate_roster(roster)
    assert calls == []
    pd.testing.assert_frame_equal(again, roster)
