"""count and rollup: hand-worked examples, invariants, categoricals, lazy engines; fast validation."""

from __future__ import annotations

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.counting import count, rollup
from gender_stats.errors import DataError
from gender_stats.schema import validate_counts, validate_roster

BY = ["term", "unit_id", "unit_name", "level", "body"]


def roster_frame(rows: list[tuple[str, str, str, str, str, str]]) -> pd.DataFrame:
    """Rows of (term, unit_id, body, person_id, sex, level); unit_name is 'Tên ' + unit_id."""
    frame = pd.DataFrame(rows, columns=["term", "unit_id", "body", "person_id", "sex", "level"])
    frame["unit_name"] = "Tên " + frame["unit_id"]
    return frame[["term", "unit_id", "unit_name", "level", "body", "person_id", "sex"]]


ROSTER = roster_frame(
    [
        ("2020-2025", "B", "party_committee", "1", "F", "district"),
        ("2020-2025", "B", "party_committee", "2", "M", "district"),
        ("2020-2025", "B", "party_committee", "3", "M", "district"),
        ("2020-2025", "B", "standing_committee", "1", "F", "district"),
        ("2015-2020", "A", "party_committee", "4", "M", "commune"),
        ("2015-2020", "A", "party_committee", "5", "F", "commune"),
        ("2020-2025", "A", "party_committee", "4", "M", "commune"),
    ]
)
# worked by hand: groups sorted by term, unit, name, level, body
EXPECTED = pd.DataFrame(
    {
        "term": ["2015-2020", "2020-2025", "2020-2025", "2020-2025"],
        "unit_id": ["A", "A", "B", "B"],
        "unit_name": ["Tên A", "Tên A", "Tên B", "Tên B"],
        "level": ["commune", "commune", "district", "district"],
        "body": ["party_committee", "party_committee", "party_committee", "standing_committee"],
        "total": [2, 1, 3, 1],
        "female": [1, 0, 1, 1],
    }
).astype(dict.fromkeys(BY, "str"))


def test_count_hand_worked() -> None:
    pd.testing.assert_frame_equal(count(ROSTER), EXPECTED)


def test_count_on_categoricals_is_the_same() -> None:
    cats = ROSTER.astype(dict.fromkeys((*BY, "sex", "person_id"), "category"))
    # categories in a non-sorted order, with an unused one: output is still sorted by value
    cats["unit_id"] = cats["unit_id"].cat.set_categories(["Z", "B", "A"])
    pd.testing.assert_frame_equal(count(cats), EXPECTED)


def test_count_by_other_columns() -> None:
    out = count(ROSTER, by=["term", "body"])
    assert out.to_dict("list") == {
        "term": ["2015-2020", "2020-2025", "2020-2025"],
        "body": ["party_committee", "party_committee", "standing_committee"],
        "total": [2, 4, 1],
        "female": [1, 1, 1],
    }


def test_count_name_not_fixed_by_id_gives_two_groups() -> None:
    roster = ROSTER.copy()
    roster.loc[1, "unit_name"] = "Tên B (cũ)"
    out = count(roster, by=["unit_id", "unit_name"])
    assert out.to_dict("list") == {
        "unit_id": ["A", "B", "B"],
        "unit_name": ["Tên A", "Tên B", "Tên B (cũ)"],
        "total": [3, 3, 1],
        "female": [1, 2, 0],
    }


def test_count_empty_roster() -> None:
    out = count(ROSTER.iloc[:0])
    assert list(out.columns) == [*BY, "total", "female"]
    assert len(out) == 0


def test_count_missing_values_form_their_own_group_last() -> None:
    roster = ROSTER.copy()
    roster.loc[0, "unit_id"] = np.nan
    out = count(roster, by=["unit_id"])
    assert out["unit_id"].tolist()[:2] == ["A", "B"]
    assert pd.isna(out["unit_id"].iloc[2])
    assert out["total"].tolist() == [3, 3, 1]
    assert out["female"].tolist() == [1, 1, 1]
    cats = count(roster.astype({"unit_id": "category", "sex": "category"}), by=["unit_id"])
    pd.testing.assert_frame_equal(cats, out)


@pytest.mark.parametrize("sex", [None, "Nữ", "f", "nam", " F"])
@pytest.mark.parametrize("categorical", [False, True])
def test_count_refuses_a_sex_it_cannot_count(sex, categorical) -> None:
    # a blank counted as a man, or "Nữ" as not a woman, is a wrong share: the row is named
    roster = ROSTER.copy()
    roster.loc[2, "sex"] = sex
    if categorical:
        roster = roster.astype({"sex": "category"})
    with pytest.raises(DataError) as err:
        count(roster)
    assert (len(err.value.problems), err.value.rows_reported) == (1, 1)
    assert 'dòng 2, cột "sex"' in str(err.value) and '"F" hoặc "M"' in str(err.value)


def test_count_counts_rows_and_validate_roster_refuses_a_person_twice() -> None:
    roster = ROSTER.copy()
    roster.loc[1, "person_id"] = roster.loc[0, "person_id"]  # same term, unit and body
    assert count(roster)["total"].sum() == len(roster)  # count counts rows, as documented
    with pytest.raises(DataError, match="person_id"):
        validate_roster(roster)


def test_count_numerators() -> None:
    roster = ROSTER.assign(birth_year=[1990, 1960, 1985, 1990, 1970, 1995, 1970])
    out = count(
        roster,
        by=["term"],
        numerators={
            "young": roster["birth_year"] >= 1985,
            "old": lambda r: r["birth_year"] < 1965,
            "arr": np.array([True] * 7),
        },
    )
    assert out.to_dict("list") == {
        "term": ["2015-2020", "2020-2025"],
        "total": [2, 5],
        "female": [1, 2],
        "young": [1, 3],
        "old": [0, 1],
        "arr": [2, 5],
    }
    with pytest.raises(ValueError, match="numerator 'bad' has 2 values; the roster has 7 rows"):
        count(roster, numerators={"bad": [True, False]})


def test_count_missing_column() -> None:
    with pytest.raises(KeyError, match=r"needs the roster columns \['sex'\]"):
        count(ROSTER.drop(columns="sex"))


def test_count_and_rollup_do_not_mutate() -> None:
    roster = ROSTER.astype({"unit_id": "category"})
    before = roster.copy()
    counts = count(roster)
    counts_before = counts.copy()
    rollup(counts)
    pd.testing.assert_frame_equal(roster, before)
    pd.testing.assert_frame_equal(counts, counts_before)


def test_rollup_hand_worked() -> None:
    out = rollup(EXPECTED, by=["term", "body"])
    assert out.to_dict("list") == {
        "term": ["2015-2020", "2020-2025", "2020-2025"],
        "body": ["party_committee", "party_committee", "standing_committee"],
        "total": [2, 4, 1],
        "female": [1, 1, 1],
        "n_units": [1, 2, 1],
    }


# --- invariants ------------------------------------------------------------------------------
text = st.sampled_from(["A", "B", "Ć", "d", ""])
rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["2015-2020", "2020-2025"]),
        st.one_of(text, st.none()),
        st.sampled_from(["province", "district", "commune"]),
        st.sampled_from(["party_committee", "standing_committee", "key_posts"]),
        st.sampled_from(["F", "M"]),  # a blank sex is refused (test_count_refuses_a_sex...)
    ),
    max_size=60,
)


def _roster(rows: list[tuple[object, ...]], categorical: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["term", "unit_id", "level", "body", "sex"], dtype="str")
    frame["unit_name"] = frame["unit_id"].str.upper()
    return frame.astype("category") if categorical else frame


@settings(max_examples=200, deadline=None)
@given(rows_strategy, st.booleans())
def test_count_preserves_totals_and_matches_groupby(rows, categorical) -> None:
    roster = _roster(rows, categorical)
    out = count(roster)
    assert out["total"].sum() == len(roster)
    assert out["female"].sum() == int((roster["sex"] == "F").sum())
    assert (out["total"] > 0).all()
    assert (out["female"] <= out["total"]).all()
    # an independent oracle: pandas groupby on the strings
    plain = roster.astype("str") if categorical else roster
    ref = (
        plain.assign(f=(plain["sex"] == "F").astype("int64"))
        .groupby(BY, sort=True, dropna=False)
        .agg(total=("f", "size"), female=("f", "sum"))
        .reset_index()
    )
    pd.testing.assert_frame_equal(out, ref, check_dtype=False)


@settings(max_examples=200, deadline=None)
@given(rows_strategy)
def test_rollup_preserves_totals_and_pools_parts(rows) -> None:
    # one row per term × unit × body, as rollup takes counts (a unit at two levels is refused)
    counts = count(_roster(rows, False)).drop_duplicates(["term", "unit_id", "body"])
    by_level = rollup(counts, by=["term", "level", "body"])
    by_body = rollup(counts, by=["term", "body"])
    for pooled in (by_level, by_body):
        assert pooled["total"].sum() == counts["total"].sum()
        assert pooled["female"].sum() == counts["female"].sum()
        assert pooled["n_units"].sum() == len(counts)
    # pooling the level totals again gives the body totals: pooled counts are sums of their parts
    again = rollup(by_level, by=["term", "body"], values=["total", "female"])
    pd.testing.assert_frame_equal(again[["term", "body", "total", "female"]], by_body.iloc[:, :4])


def test_count_many_distinct_values_compacts_the_key() -> None:
    # 4 columns of 300 values each: the key space (301**4) is compacted on the way
    rng = np.random.default_rng(1)
    n = 2000
    frame = pd.DataFrame({c: rng.integers(0, 300, n).astype(str) for c in "wxyz"})
    frame["sex"] = np.where(rng.random(n) < 0.3, "F", "M")
    out = count(frame, by=list("wxyz"))
    ref = (
        frame.assign(f=(frame["sex"] == "F").astype("int64"))
        .groupby(list("wxyz"), sort=True)
        .agg(total=("f", "size"), female=("f", "sum"))
        .reset_index()
    )
    pd.testing.assert_frame_equal(out, ref)


# --- other engines through narwhals ----------------------------------------------------------
def test_count_polars_equals_pandas() -> None:
    pl = pytest.importorskip("polars")
    roster = ROSTER.assign(birth_year=[1990, 1960, 1985, 1990, 1970, 1995, 1970])
    roster.loc[0, "unit_id"] = None
    expected = count(roster, numerators={"young": roster["birth_year"] >= 1985})
    young = {"young": nw.col("birth_year") >= 1985}
    eager = pl.from_pandas(roster)
    pd.testing.assert_frame_equal(count(eager, numerators=young), expected)
    pd.testing.assert_frame_equal(count(eager.lazy(), numerators=young), expected)
    with pytest.raises(TypeError, match="must be a narwhals expression"):
        count(eager, numerators={"young": roster["birth_year"] >= 1985})
    with pytest.raises(KeyError, match="needs the roster columns"):
        count(eager.drop("sex"))


def test_count_pyarrow_table_equals_pandas() -> None:
    pa = pytest.importorskip("pyarrow")
    roster = ROSTER.assign(birth_year=[1990, 1960, 1985, 1990, 1970, 1995, 1970])
    roster.loc[0, "unit_id"] = None
    expected = count(roster, numerators={"young": roster["birth_year"] >= 1985})
    table = pa.Table.from_pandas(roster, preserve_index=False)
    got = count(table, numerators={"young": nw.col("birth_year") >= 1985})
    pd.testing.assert_frame_equal(got, expected)


def test_count_duckdb_relation_equals_pandas() -> None:
    duckdb = pytest.importorskip("duckdb")
    with duckdb.connect() as con:
        con.register("roster_view", ROSTER)
        relation = con.sql("SELECT * FROM roster_view")
        pd.testing.assert_frame_equal(count(relation), EXPECTED)


def test_count_rejects_other_objects() -> None:
    with pytest.raises(TypeError, match="takes a pandas DataFrame or a frame that narwhals"):
        count([1, 2, 3])


# --- validation fast path (speed of validate_roster / validate_counts) -----------------------
def test_validate_roster_keeps_categoricals_and_accepts_clean() -> None:
    cats = ROSTER.astype(dict.fromkeys((*BY, "sex", "person_id"), "category"))
    out = validate_roster(cats)
    assert isinstance(out["unit_id"].dtype, pd.CategoricalDtype)
    assert out["person_id"].tolist() == ROSTER["person_id"].tolist()
    # a bad category that no row uses is not a problem
    cats["sex"] = cats["sex"].cat.add_categories(["X"])
    validate_roster(cats)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("sex", "X", "Nữ hoặc Nam"),
        ("term", "2020-2015", "nhiệm kỳ"),
        ("body", "hội đồng", "một mã cơ quan"),
        ("person_id", "2", "mỗi người một lần"),
        ("level", "Huyện", "mã cấp"),
    ],
)
@pytest.mark.parametrize("categorical", [False, True])
def test_validate_roster_bad_value_same_problem_either_dtype(
    column, value, expected, categorical
) -> None:
    roster = ROSTER.copy()
    roster.loc[0, column] = (
        value  # row 0 is B/party_committee/person 1: person "2" duplicates row 1
    )
    if categorical:
        roster = roster.astype(dict.fromkeys((*BY, "sex", "person_id"), "category"))
    with pytest.raises(DataError, match=expected) as info:
        validate_roster(roster)
    rows = {p.row for p in info.value.problems}
    assert rows and rows <= {0, 1, 3}  # a duplicate is reported on its second row
    # moving row 0 (person 1's committee seat) out of B's 2020 committee leaves row 3, person 1's
    # standing-committee seat, without its committee seat: reported too
    assert (3 in rows) == (column in ("term", "body", "person_id"))


def test_validate_counts_fast_and_full_agree() -> None:
    out = validate_counts(EXPECTED)
    pd.testing.assert_frame_equal(out, EXPECTED)
    bad = EXPECTED.assign(female=[1, 0, 4, 1])
    with pytest.raises(DataError, match=r"số nữ không vượt tổng số 3"):
        validate_counts(bad)
    dup = pd.concat([EXPECTED, EXPECTED.iloc[[0]]], ignore_index=True)
    with pytest.raises(DataError, match="trùng"):
        validate_counts(dup.astype({"unit_id": "category"}))


@pytest.mark.parametrize(
    "years",
    [
        np.array([1990, 1960, 1985, 1990, 1970, 1995, 1970]),
        pd.array([1990, None, 1985, 1990, 1970, 1995, 1970], dtype="Int64"),
        [1990.0, np.nan, 1985.0, 1990.0, 1970.0, 1995.0, 1970.0],
        ["1990", None, "1985", "1990", "1970", "1995", "1970"],
    ],
)
def test_validate_roster_birth_years_become_int64(years) -> None:
    roster = ROSTER.assign(birth_year=years)
    out = validate_roster(roster)
    assert out["birth_year"].dtype == "Int64"
    assert out["birth_year"].iloc[0] == 1990
    assert roster["birth_year"].iloc[0] in (1990, "1990")  # the input is untouched
    out.loc[0, "birth_year"] = 2000
    assert roster["birth_year"].iloc[0] in (1990, "1990")


@pytest.mark.parametrize("year", [1850, 2200])
def test_validate_roster_birth_year_out_of_range(year) -> None:
    roster = ROSTER.assign(birth_year=np.array([1990, 1960, 1985, 1990, 1970, 1995, year]))
    with pytest.raises(DataError, match="năm sinh từ 1900 đến 2100"):
        validate_roster(roster)


# the fast path proves frames clean; whatever it accepts, the full path must accept with the same
# result, and whatever it rejects, the full path reports (same message either way)
cell = st.sampled_from
roster_rows = st.lists(
    st.tuples(
        cell(["2015-2020", "2020-2025", "2020-2015", "2020", None]),
        cell(["A", "B", "", None]),
        cell(["province", "district", "Huyện"]),
        cell(["party_committee", "standing_committee", "hội đồng"]),
        cell(["1", "2", "3", ""]),
        cell(["F", "M", "X", None]),
        cell([1970, 1990, 1850, None]),
    ),
    min_size=1,
    max_size=8,
)


def _outcome(call):
    try:
        return "ok", call()
    except DataError as err:
        return "error", str(err)


@settings(max_examples=100, deadline=None)
@given(roster_rows, st.booleans())
def test_validate_roster_fast_path_agrees_with_full_path(rows, categorical) -> None:
    import gender_stats.schema as schema

    columns = ["term", "unit_id", "level", "body", "person_id", "sex", "birth_year"]
    roster = pd.DataFrame(rows, columns=columns).astype(dict.fromkeys(columns[:-1], "str"))
    roster["unit_name"] = roster["unit_id"]
    roster["birth_year"] = roster["birth_year"].astype("Int64")
    if categorical:
        roster = roster.astype(dict.fromkeys(columns[:-1], "category"))
    fast = _outcome(lambda: validate_roster(roster))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "_fast_roster", lambda frame, units: None)
        full = _outcome(lambda: validate_roster(roster))
    assert fast[0] == full[0]
    if fast[0] == "error":
        assert fast[1] == full[1]
    else:
        pd.testing.assert_frame_equal(fast[1].astype(dict.fromkeys(columns[:-1], "str")), full[1])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            cell(["2015-2020", "2021-2020"]),
            cell(["A", "B", ""]),
            cell(["party_committee", "key_posts", "x"]),
            st.integers(-1, 5),
            st.integers(-1, 5),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_validate_counts_fast_path_agrees_with_full_path(rows) -> None:
    import gender_stats.schema as schema

    counts = pd.DataFrame(rows, columns=["term", "unit_id", "body", "total", "female"])
    counts = counts.assign(unit_name=counts["unit_id"], level="district")
    fast = _outcome(lambda: validate_counts(counts))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "_fast_counts", lambda frame, units: None)
        full = _outcome(lambda: validate_counts(counts))
    assert fast[0] == full[0]
    if fast[0] == "error":
        assert fast[1] == full[1]
    else:
        pd.testing.assert_frame_equal(fast[1], full[1])


def test_count_under_40_counts_only_bodies_whose_every_birth_is_known() -> None:
    from gender_stats import count_under_40

    # 2020-2025 starts in 2020: born 1981 is 39 (under 40), 1980 is 40 (not)
    roster = ROSTER.assign(birth_year=pd.array([1981, 1980, 1990, 1981, 1950, 1985, None], "Int64"))
    out = count_under_40(roster)
    by_body = out.set_index(["term", "unit_id", "body"])["under_40"]
    assert by_body[("2020-2025", "B", "party_committee")] == 2  # 1981, 1990; not 1980
    assert by_body[("2020-2025", "B", "standing_committee")] == 1
    assert by_body[("2015-2020", "A", "party_committee")] == 1  # 2015: 1985 is 30, 1950 is 65
    assert pd.isna(by_body[("2020-2025", "A", "party_committee")])  # its one birth is unknown
    assert "under_40" not in count_under_40(ROSTER).columns  # no birth at all: no column
    pd.testing.assert_frame_equal(count_under_40(roster).drop(columns="under_40"), count(roster))


@pytest.mark.parametrize("engine", ["polars", "polars_lazy", "duckdb", "pyarrow"])
def test_count_of_another_engine_refuses_a_sex_it_cannot_count(engine) -> None:
    import duckdb
    import polars as pl
    import pyarrow as pa

    frame = ROSTER.copy()
    frame.loc[1, "sex"], frame.loc[2, "sex"] = "Nữ", None  # a woman as written, and a blank
    native = {
        "polars": lambda: pl.from_pandas(frame),
        "polars_lazy": lambda: pl.from_pandas(frame).lazy(),
        "duckdb": lambda: duckdb.from_arrow(pa.Table.from_pandas(frame)),
        "pyarrow": lambda: pa.Table.from_pandas(frame),
    }[engine]()
    with pytest.raises(DataError) as err:
        count(native)
    assert [p.value for p in err.value.problems] == ["Nữ", None]
    assert (err.value.rows_read, err.value.rows_reported) == (7, 2)
    clean = {"polars": pl.from_pandas(ROSTER), "pyarrow": pa.Table.from_pandas(ROSTER)}
    for other in clean.values():  # a clean roster counts as before
        assert count(other)["female"].sum() == 3
