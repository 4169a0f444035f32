import numpy as np
import pandas as pd
import pytest

from gender_stats.errors import DataError
from gender_stats.schema import (
    COUNTS_COLUMNS,
    Origin,
    validate_counts,
    validate_roster,
    validate_units,
)


def _counts(**changes):
    base = {
        "term": ["2015-2020", "2015-2020", "2015-2020"],
        "unit_id": ["H01", "H02", "S01"],
        "unit_name": ["Huyện Hậu Lộc", "Huyện Ngọc Lặc", "Sở Y tế"],
        "level": ["district", "district", "agency"],
        "body": ["party_committee", "party_committee", "standing_committee"],
        "total": [45, 33, 5],
        "female": [9, 4, 0],
    }
    base.update(changes)
    return pd.DataFrame(base)


def _roster(**changes):
    base = {
        "term": ["2015-2020"] * 3,
        "unit_id": ["H01"] * 3,
        "unit_name": ["Huyện Hậu Lộc"] * 3,
        "level": ["district"] * 3,
        "body": ["party_committee"] * 3,
        "person_id": ["p1", "p2", "p3"],
        "sex": ["F", "M", "M"],
        "birth_year": [1975, 1968, 1980],
    }
    base.update(changes)
    return pd.DataFrame(base)


def test_valid_counts_pass_and_are_canonical():
    frame = _counts(kind=["rural_district", "rural_district", "department"])
    frame = frame[["female", "kind", *COUNTS_COLUMNS[:-1]]]  # shuffled columns
    out = validate_counts(frame)
    assert list(out.columns) == [*COUNTS_COLUMNS, "kind"]
    assert out["total"].dtype == np.int64
    assert out["female"].tolist() == [9, 4, 0]


def test_whole_floats_are_accepted_but_fractions_are_not():
    ok = validate_counts(_counts(total=[45.0, 33.0, 5.0]))
    assert ok["total"].tolist() == [45, 33, 5]
    with pytest.raises(DataError) as info:
        validate_counts(_counts(total=[45.5, 33, 5]))
    (problem,) = info.value.problems
    assert problem.row == 0
    assert problem.header == "total"
    assert problem.value == 45.5


def test_every_problem_is_reported_at_once():
    bad = _counts(
        term=["2015-2020", "2020-2015", "2015-2020"],
        body=["party_committee", "party_committee", "ban_kiem_tra"],
        total=[45, -1, "năm"],
        female=[50, 0, 0],
    )
    with pytest.raises(DataError) as info:
        validate_counts(bad)
    err = info.value
    found = {(p.row, p.header) for p in err.problems}
    assert found == {
        (0, "female"),  # female > total
        (1, "term"),  # start after end
        (1, "total"),  # negative
        (2, "total"),  # text
        (2, "body"),  # unknown code
    }
    assert err.rows_read == 3
    assert err.rows_reported == 3
    assert err.rows_used == 0
    over = next(p for p in err.problems if p.header == "female")
    assert "45" in over.expected  # names the total it exceeds


def test_duplicate_key_in_counts():
    frame = _counts(unit_id=["H01", "H01", "S01"], body=["party_committee"] * 3)
    with pytest.raises(DataError, match="trùng với dòng 0"):
        validate_counts(frame)


def test_missing_columns_are_named():
    with pytest.raises(DataError, match='có cột "female"'):
        validate_counts(_counts().drop(columns=["female"]))


def test_unit_ids_must_be_in_the_units_table():
    units = pd.DataFrame(
        {
            "unit_id": ["H01", "H02"],
            "unit_name": ["A", "B"],
            "level": ["district"] * 2,
            "kind": ["rural_district"] * 2,
        }
    )
    with pytest.raises(DataError) as info:
        validate_counts(_counts(), units=units)
    (problem,) = info.value.problems
    assert problem.value == "S01"
    assert "bảng đơn vị" in problem.expected


def test_origin_locates_problems_in_the_file():
    origin = Origin(
        file="bc.xlsx",
        sheet="Sheet1",
        rows={0: 8, 1: 9, 2: 10},
        columns={"female": ("D", "Nữ"), "total": ("C", "Tổng số")},
    )
    with pytest.raises(DataError) as info:
        validate_counts(_counts(female=[9, 40, 0]), origin=origin)
    (problem,) = info.value.problems
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.header) == (
        "bc.xlsx",
        "Sheet1",
        9,
        "D",
        "Nữ",
    )
    assert 'ô D9 (cột "Nữ")' in str(info.value)


def test_validate_does_not_mutate_its_input():
    frame = _counts(total=[45.0, 33.0, 5.0])
    before = frame.copy()
    validate_counts(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_roster_valid_and_duplicate_person():
    out = validate_roster(_roster())
    assert out["birth_year"].dtype == "Int64"
    with pytest.raises(DataError) as info:
        validate_roster(_roster(person_id=["p1", "p2", "p1"]))
    # issue 12: p1 is F in row 0 and M in row 2, which is reported too (sex first, then the id)
    conflict, problem = info.value.problems
    assert (conflict.row, conflict.header) == (2, "sex")
    assert problem.row == 2
    assert problem.header == "person_id"
    assert "trùng với dòng 0" in problem.expected


def test_same_person_in_two_bodies_is_fine():
    frame = _roster(
        person_id=["p1", "p1", "p3"],
        body=["party_committee", "standing_committee", "party_committee"],
        sex=["F", "F", "M"],  # issue 12: one person has one sex in a term
    )
    assert len(validate_roster(frame)) == 3


def test_roster_bad_sex_and_birth_year():
    with pytest.raises(DataError) as info:
        validate_roster(_roster(sex=["F", "Nữ", "M"], birth_year=[1975, "bảy lăm", 1800]))
    found = {(p.row, p.header) for p in info.value.problems}
    assert found == {(1, "sex"), (1, "birth_year"), (2, "birth_year")}


def test_units_checks():
    units = pd.DataFrame(
        {
            "unit_id": ["H01", "H01"],
            "unit_name": ["A", "B"],
            "level": ["district", "Huyện"],
            "kind": ["rural_district", "rural_district"],
        }
    )
    with pytest.raises(DataError) as info:
        validate_units(units)
    found = {(p.row, p.header) for p in info.value.problems}
    assert found == {(1, "unit_id"), (1, "level")}


def test_a_clean_units_table_is_checked_without_pandera(monkeypatch: pytest.MonkeyPatch) -> None:
    from gender_stats import schema

    units = pd.DataFrame(
        {
            "unit_id": ["H01", "H02"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district", "district"],
            "kind": ["rural_district", "town"],
            "parent_id": ["T", None],
            "aliases": [None, "B cũ"],
        }
    )
    expected = validate_units(units)
    monkeypatch.setattr(schema, "_pandera_problems", lambda *a, **k: pytest.fail("pandera ran"))
    pd.testing.assert_frame_equal(validate_units(units), expected)


@pytest.mark.parametrize(
    ("column", "value"),
    [("unit_id", ""), ("unit_name", None), ("level", "Huyện"), ("kind", "")],
)
def test_every_units_rule_still_names_its_cell(column: str, value: object) -> None:
    units = pd.DataFrame(
        {
            "unit_id": ["H01", "H02"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district", "district"],
            "kind": ["rural_district", "town"],
            "parent_id": ["T", "T"],
        }
    )
    units[column] = units[column].astype(object)
    units.loc[1, column] = value
    with pytest.raises(DataError) as info:
        validate_units(units)
    assert {(p.row, p.header) for p in info.value.problems} == {(1, column)}


def test_a_bad_total_is_reported_once_not_compared_again():
    with pytest.raises(DataError) as info:
        validate_counts(_counts(total=["12", 33, 5]))
    (problem,) = info.value.problems
    assert (problem.row, problem.header, problem.value) == (0, "total", "12")
