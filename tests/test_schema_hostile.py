"""Issue 12: hostile values in the canonical frames (huge counts, impossible rosters)."""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.errors import DataError
from gender_stats.schema import TOO_LARGE, validate_counts, validate_roster, validate_units


def _counts(total, female=(1, 1)):
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 2,
            "unit_id": ["A", "B"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district"] * 2,
            "body": ["party_committee"] * 2,
            "total": total,
            "female": list(female),
        }
    )


@pytest.mark.parametrize(
    ("total", "shown"),
    [
        ([2**63, 5], "9223372036854775808"),
        ([1e20, 5.0], "1e+20"),
        (np.array([2**63 + 5, 5], dtype=np.uint64), "9223372036854775813"),
        ([2**70, 5], "1180591620717411303424"),
    ],
)
def test_counts_past_int64_are_reported_as_typed_never_wrapped(total, shown):
    with pytest.raises(DataError, match="fits in 64 bits") as info:
        validate_counts(_counts(total))
    (problem,) = info.value.problems
    assert (problem.row, problem.header, problem.expected) == (0, "total", TOO_LARGE)
    assert str(problem.value) == shown or f"{problem.value}" == shown


def test_uint64_and_decimal_counts_within_range_are_accepted():
    out = validate_counts(_counts(np.array([40, 5], dtype=np.uint64)))
    assert out["total"].tolist() == [40, 5] and out["total"].dtype == np.int64
    dec = [decimal.Decimal("40"), decimal.Decimal("5")]
    assert validate_counts(_counts(dec))["total"].tolist() == [40, 5]
    arrow = pd.array(dec, dtype=pd.ArrowDtype(pa.decimal128(10, 0)))
    assert validate_counts(_counts(arrow))["total"].tolist() == [40, 5]
    with pytest.raises(DataError, match="số nguyên ≥ 0"):
        validate_counts(_counts([decimal.Decimal("40.5"), decimal.Decimal("5")]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.integers(), st.floats(), st.decimals()), min_size=2, max_size=2))
def test_any_number_as_a_count_gives_a_result_or_a_data_error(values):
    try:
        out = validate_counts(_counts(pd.Series(values, dtype=object), female=(0, 0)))
    except DataError:
        return
    assert out["total"].tolist() == [int(v) for v in values]


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


@pytest.mark.parametrize("categorical", [False, True])
def test_birth_year_after_term_start_minus_18_is_a_problem(categorical):
    ok = _roster(birth_year=[1975, 1968, 1997])  # 2015 - 18 = 1997: just old enough
    frame = _roster(birth_year=[1975, 1998, 1980])
    if categorical:
        ok, frame = (f.astype({"term": "category", "person_id": "category"}) for f in (ok, frame))
    assert len(validate_roster(ok)) == 3
    with pytest.raises(DataError, match=r"năm sinh không sau 1997") as info:
        validate_roster(frame)
    (problem,) = info.value.problems
    assert (problem.row, problem.header, problem.value) == (1, "birth_year", 1998)
    assert "18 years before the term starts" in problem.expected


def test_birth_year_after_this_year_is_a_problem_whatever_the_term():
    frame = _roster(term=["2090-2095"] * 3, birth_year=[1975, 2099, 1980])
    with pytest.raises(DataError, match="không sau năm nay") as info:
        validate_roster(frame)
    assert [p.row for p in info.value.problems] == [1]


def test_same_person_id_with_two_sexes_in_a_term_is_reported_on_the_later_row():
    frame = _roster(
        person_id=["p1", "p1", "p3"],
        body=["party_committee", "standing_committee", "party_committee"],
        sex=["F", "M", "M"],
    )
    with pytest.raises(DataError, match='mã "p1" ở dòng 0 ghi "F"') as info:
        validate_roster(frame)
    (problem,) = info.value.problems
    assert (problem.row, problem.header, problem.value) == (1, "sex", "M")
    # in another term the same id may be someone else's
    other = frame.assign(term=["2015-2020", "2020-2025", "2015-2020"])
    assert len(validate_roster(other)) == 3


def test_same_person_id_with_two_names_in_a_term_is_reported():
    frame = _roster(
        person_id=["p1", "p1", "p3"],
        body=["party_committee", "standing_committee", "party_committee"],
        sex=["F", "F", "M"],
        full_name=["Lê Thị Hoa", "Lê Thị Hòa", "Trần Văn Nam"],
    )
    with pytest.raises(DataError, match="một họ tên cho mỗi mã người") as info:
        validate_roster(frame)
    assert [(p.row, p.header) for p in info.value.problems] == [(1, "full_name")]
    # NFC, case and spacing do not make two names; a missing name is no conflict
    same = frame.assign(full_name=["Lê Thị Hoa", "LÊ  THỊ HOA", None])
    same.loc[1, "full_name"] = "Le\u0302 Thi\u0323 Hoa"  # decomposed
    assert len(validate_roster(same)) == 3


def test_person_ids_compare_after_nfc_never_after_stripping_diacritics():
    two_people = _roster(person_id=["Hùng-1970", "Hưng-1970", "p3"], sex=["M", "M", "M"])
    assert len(validate_roster(two_people)) == 3
    composed, decomposed = "Hùng-1970", "Hu\u0300ng-1970"
    one_person = _roster(person_id=[composed, decomposed, "p3"], sex=["M", "M", "M"])
    with pytest.raises(DataError, match="mỗi người một lần") as info:
        validate_roster(one_person)
    assert [p.row for p in info.value.problems] == [1]


def test_two_people_named_hung_and_hung_read_from_a_list_without_ids(tmp_path):
    from gender_stats.io import read_roster

    path = tmp_path / "ds.csv"
    path.write_text(
        "Nhiệm kỳ,Mã đơn vị,Đơn vị,Cấp,Cơ quan,Họ và tên,Giới tính,Năm sinh\n"
        "2015-2020,H01,Huyện A,district,party_committee,Lê Văn Hùng,Nam,1970\n"
        "2015-2020,H01,Huyện A,district,party_committee,Lê Văn Hưng,Nam,1970\n",
        encoding="utf-8",
    )
    assert len(read_roster(path)) == 2


def _units(**changes):
    base = {
        "unit_id": ["A", "B", "C"],
        "unit_name": ["Huyện Quan Hóa", "Huyện Nga Sơn", "Xã Quảng Hợp"],
        "level": ["district", "district", "commune"],
        "kind": ["rural_district", "rural_district", "commune"],
        "aliases": ["Quan Hoá|Quan Hóa", None, None],
    }
    base.update(changes)
    return pd.DataFrame(base)


def test_an_alias_given_to_two_units_is_an_error():
    from gender_stats.schema import validate_units

    assert len(validate_units(_units())) == 3
    both = _units(aliases=["Quan Hoá|QH", "QH", None])
    with pytest.raises(
        DataError, match=r'"QH" chỉ thuộc một đơn vị; đã dùng cho A ở dòng 0'
    ) as info:
        validate_units(both)
    assert [(p.row, p.header) for p in info.value.problems] == [(1, "aliases")]
    # an alias that is another unit's name is as ambiguous
    with pytest.raises(DataError, match="it also names B"):
        validate_units(_units(aliases=["Huyện Nga Sơn", None, None]))
    # two units may share a name (communes in two districts): not an alias problem
    same = _units(unit_name=["Xã Quảng Hợp", "Huyện Nga Sơn", "Xã Quảng Hợp"], aliases=None)
    assert len(validate_units(same)) == 3


def test_a_unit_id_whose_name_contradicts_the_units_table_warns_naming_both():
    from gender_stats.errors import UnitNameWarning

    counts = _counts([30, 33]).assign(unit_id=["A", "B"], unit_name=["Quan Hoá", "Huyện Hậu Lộc"])
    with pytest.warns(UnitNameWarning, match=r'1 mã đơn vị.*B: "Huyện Hậu Lộc" ≠ "Huyện Nga Sơn"'):
        out = validate_counts(counts, units=_units())
    assert len(out) == 2  # a warning, not an error
    roster = _roster(unit_id=["B"] * 3, unit_name=["Huyện Hậu Lộc"] * 3)
    with pytest.warns(UnitNameWarning, match="Huyện Hậu Lộc"):
        validate_roster(roster, units=_units())
    # a name written as an alias, with another tone placement, is no contradiction
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        validate_counts(
            counts.assign(unit_name=["huyện quan hoá", "Huyện Nga Sơn"]), units=_units()
        )


# the fast path proves rosters clean; with the new checks it must still agree with the full path
_cell = st.sampled_from
_rows = st.lists(
    st.tuples(
        _cell(["2015-2020", "2020-2025", "2050-2055"]),
        _cell(["A", "B"]),
        _cell(["party_committee", "standing_committee"]),
        _cell(["1", "2", "Hùng", "Hu\u0300ng", "Hưng"]),
        _cell(["F", "M"]),
        _cell([1970, 1997, 1998, 2002, None]),
        _cell(["Lê Thị Hoa", "LÊ THỊ HOA", "Lê Thị Hòa", None]),
    ),
    min_size=1,
    max_size=7,
)


@settings(max_examples=60, deadline=None)
@given(_rows, st.booleans())
def test_new_roster_checks_agree_on_fast_and_full_paths(rows, categorical):
    import gender_stats.schema as schema

    columns = ["term", "unit_id", "body", "person_id", "sex", "birth_year", "full_name"]
    roster = pd.DataFrame(rows, columns=columns)
    roster = roster.assign(unit_name=roster["unit_id"], level="district")
    roster["birth_year"] = roster["birth_year"].astype("Int64")
    if categorical:
        roster = roster.astype(
            dict.fromkeys(["term", "unit_id", "body", "person_id", "sex"], "category")
        )

    def outcome():
        try:
            return "ok", len(validate_roster(roster))
        except DataError as err:
            return "error", str(err)

    fast = outcome()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "_fast_roster", lambda frame, units: None)
        full = outcome()
    assert fast == full


BLANKS = [" ", "   ", "\u00a0", "\t", "\u3000"]


@pytest.mark.parametrize("blank", BLANKS)
@pytest.mark.parametrize("categorical", [False, True])
def test_a_unit_id_or_name_of_only_white_space_is_blank(blank, categorical):
    counts = pd.DataFrame(
        {
            "term": ["2015-2020", "2015-2020"],
            "unit_id": ["A", blank],
            "unit_name": [blank, "Huyện B"],
            "level": ["district", "district"],
            "body": ["party_committee", "party_committee"],
            "total": [10, 12],
            "female": [2, 3],
        }
    )
    if categorical:
        counts = counts.astype({"unit_id": "category", "unit_name": "category"})
    with pytest.raises(DataError) as err:
        validate_counts(counts)
    text = str(err.value)
    assert 'dòng 0, cột "unit_name"' in text
    assert 'dòng 1, cột "unit_id"' in text
    assert "2 lỗi" in text


@pytest.mark.parametrize("blank", BLANKS)
def test_a_units_kind_of_only_white_space_is_blank(blank):
    units = pd.DataFrame(
        {
            "unit_id": ["A", "B"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district", "district"],
            "kind": [blank, "huyện"],
        }
    )
    with pytest.raises(DataError, match='dòng 0, cột "kind"'):
        validate_units(units)


def _seats(rows):
    return pd.DataFrame(
        rows, columns=["term", "unit_id", "unit_name", "level", "body", "person_id", "sex"]
    )


T, D = "2020-2025", "district"
BCH, BTV = "party_committee", "standing_committee"


@pytest.mark.parametrize("categorical", [False, True])
def test_a_standing_member_off_the_units_committee_is_a_problem_on_every_path(categorical):
    roster = _seats(
        [
            [T, "A", "Huyện A", D, BCH, "p1", "M"],
            [T, "A", "Huyện A", D, BCH, "p2", "F"],
            [T, "B", "Huyện B", D, BCH, "p3", "M"],  # p3 on the committees of A? no: of B only
            [T, "A", "Huyện A", D, BTV, "p1", "M"],  # fine
            [T, "A", "Huyện A", D, BTV, "p3", "M"],  # on B's committee, not A's: a problem
            [T, "A", "Huyện A", D, BTV, "p4", "F"],  # on no committee: a problem
            [T, "C", "Huyện C", D, BTV, "p5", "F"],  # C lists no committee: not judged
        ]
    )
    if categorical:
        roster = roster.astype("category")
    with pytest.raises(DataError) as err:
        validate_roster(roster)
    located = [(p.row, p.header, p.value) for p in err.value.problems]
    assert located == [(4, "person_id", "p3"), (5, "person_id", "p4")]
    assert "standing-committee member is a member of the party committee" in str(err.value)


def test_a_person_on_two_committees_of_a_term_is_settled_exactly():
    # p1 sits on the province's and the district's committees, and the district's standing one
    roster = _seats(
        [
            [T, "D1", "Huyện D", D, BCH, "p1", "M"],
            [T, "P", "Tỉnh P", "province", BCH, "p1", "M"],  # written last: the table keeps P
            [T, "D1", "Huyện D", D, BTV, "p1", "M"],
        ]
    )
    assert len(validate_roster(roster)) == 3
    roster.loc[0, "unit_id"] = "D2"  # now no committee of D1 lists p1... nor is there one
    assert len(validate_roster(roster)) == 3  # D1 has no committee in the roster: not judged
    roster = pd.concat([roster, _seats([[T, "D1", "Huyện D", D, BCH, "p9", "F"]])])
    with pytest.raises(DataError, match="standing-committee member"):
        validate_roster(roster.reset_index(drop=True))


def test_a_standing_committee_alone_or_in_another_term_is_not_judged():
    roster = _seats(
        [
            ["2015-2020", "A", "Huyện A", D, BCH, "p1", "M"],
            [T, "A", "Huyện A", D, BTV, "p2", "F"],  # A's 2020 committee is not in the roster
        ]
    )
    assert validate_roster(roster)["body"].tolist() == [BCH, BTV]
