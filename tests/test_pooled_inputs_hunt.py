"""The pooled and compared counts are taken in as check takes them (one entry, one contract).

Counts held as text (``pd.read_csv(dtype=str)``) or as categoricals are read as the whole numbers
they write, never added up as text; a repeated term × unit × body is refused; a missing numerator
is never pooled over members whose numerator is unknown; term labels are canonical.

Hand-worked frame: two district committees of 2015-2020, Huyện A with 3 women of 20 and Huyện B
with 3 of 30: pooled 6 / 50 = 12 %; against 36-CT/TW a (≥ 15 %) A meets (3 ≥ ⌈3⌉) and B needs
⌈4.5⌉ − 3 = 2 more women.
"""

from __future__ import annotations

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.compliance import require_whole_counts
from gender_stats.errors import DataError


def _counts(total: list[object], female: list[object], *, term: str = "2015-2020") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": [term] * len(total),
            "unit_id": [f"U{i}" for i in range(len(total))],
            "unit_name": [f"Huyện U{i}" for i in range(len(total))],
            "level": ["district"] * len(total),
            "body": ["party_committee"] * len(total),
            "total": total,
            "female": female,
        }
    )


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({"total": "str", "female": "str"})


def _as_categorical(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({"total": "category", "female": "category"})


KINDS = pytest.mark.parametrize("kind", [_as_text, _as_categorical], ids=["str", "categorical"])


@KINDS
def test_pooled_share_reads_text_and_categorical_counts_as_numbers(kind) -> None:
    counts = kind(_counts([20, 30], [3, 3]))
    out = gs.pooled_share(counts, by=("term", "body"))
    assert out[["female", "total", "n_units"]].to_dict("records") == [
        {"female": 6, "total": 50, "n_units": 2}
    ]
    assert out["share"].tolist() == [0.12]


@KINDS
def test_shares_per_row_gives_integer_counts(kind) -> None:
    out = gs.shares(kind(_counts([20, 30], [3, 3])))
    assert out["total"].tolist() == [20, 30]
    assert out["female"].tolist() == [3, 3]
    assert out["share"].tolist() == [0.15, 0.1]


@KINDS
def test_summarise_and_summary_table_pool_numbers(kind) -> None:
    counts = kind(_counts([20, 30], [3, 3]))
    compliance = gs.check(counts, "36-CT/TW:a")
    assert compliance["total"].tolist() == [20, 30]  # check's frame holds numbers
    summary = gs.summarise(compliance)
    assert summary[["total", "part", "label", "seats_needed"]].to_dict("records") == [
        {"total": 50, "part": 6, "label": "1/2", "seats_needed": 2}
    ]
    assert summary["pooled_share"].tolist() == [0.12]


def test_summarise_reads_a_compliance_frame_held_as_text() -> None:
    compliance = gs.check(_counts([20, 30], [3, 3]), "36-CT/TW:a")
    as_text = compliance.astype({"total": "str", "female": "str"})  # e.g. read back from CSV
    summary = gs.summarise(as_text)
    assert summary[["total", "part"]].to_dict("records") == [{"total": 50, "part": 6}]


@KINDS
def test_rollup_sums_numbers(kind) -> None:
    out = gs.rollup(kind(_counts([20, 30], [3, 3])), by=("term", "body"))
    assert out[["total", "female", "n_units"]].to_dict("records") == [
        {"total": 50, "female": 6, "n_units": 2}
    ]


@KINDS
def test_units_with_woman_reads_text_and_categorical(kind) -> None:
    counts = kind(_counts([5, 5], [0, 1]).assign(body="key_posts"))
    out = gs.units_with_woman(counts)
    assert out[["n_units_with_woman", "n_units"]].to_dict("records") == [
        {"n_units_with_woman": 1, "n_units": 2}
    ]


@KINDS
def test_change_reads_text_and_categorical(kind) -> None:
    counts = pd.concat(
        [_counts([40], [4]), _counts([45], [9], term="2020-2025")], ignore_index=True
    )
    out = gs.change(kind(counts), from_term="2015-2020", to_term="2020-2025")
    # 4/40 = 10 % then 9/45 = 20 %: +10 points
    assert out[["total_from", "female_from", "total_to", "female_to"]].to_dict("records") == [
        {"total_from": 40, "female_from": 4, "total_to": 45, "female_to": 9}
    ]
    assert out["change_pp"].tolist() == [10.0]


@pytest.mark.parametrize("value", ["2.5", "-1", "hai mươi", "20.0"])
def test_text_that_is_not_a_whole_number_is_the_librarys_error(value) -> None:
    counts = _as_text(_counts([20, 30], [3, 3])).assign(total=[value, "30"])
    with pytest.raises(DataError, match="a whole number ≥ 0"):
        gs.pooled_share(counts)
    with pytest.raises(DataError, match="a whole number ≥ 0"):
        gs.rollup(counts)


def test_text_with_a_blank_count_is_refused_when_pooled() -> None:
    counts = _as_text(_counts([20, 30], [3, 3])).assign(female=["3", ""])
    with pytest.raises(DataError, match="a pooled share adds up the counts of every unit"):
        gs.pooled_share(counts)


def _duplicated() -> pd.DataFrame:
    counts = _counts([20, 30], [3, 3])
    return pd.concat([counts, counts.iloc[[0]]], ignore_index=True)


DUPLICATE = "one row per term × unit × body"


@pytest.mark.parametrize(
    "func",
    [
        lambda c: gs.pooled_share(c, by=("term", "body")),
        lambda c: gs.shares(c, by=["term"]),
        lambda c: gs.rollup(c, by=("term", "body")),
        lambda c: gs.units_with_woman(c, body="party_committee"),
        lambda c: gs.change(c, from_term="2015-2020", to_term="2020-2025"),
        lambda c: gs.term_changes(c),
    ],
    ids=["pooled_share", "shares", "rollup", "units_with_woman", "change", "term_changes"],
)
def test_a_repeated_unit_is_refused_as_check_refuses_it(func) -> None:
    # 3/20 counted twice would pool to 9/70; check says "counted and judged twice"
    with pytest.raises(DataError, match=DUPLICATE) as err:
        func(_duplicated())
    assert len(err.value.problems) == 1
    assert err.value.problems[0].row == 2
    with pytest.raises(DataError, match=DUPLICATE):
        gs.check(_duplicated(), "36-CT/TW:a")


def test_change_refuses_two_rows_of_one_unit_in_a_term() -> None:
    counts = pd.concat(
        [_counts([40], [4]), _counts([40], [8]), _counts([45], [9], term="2020-2025")],
        ignore_index=True,
    )
    with pytest.raises(DataError, match=DUPLICATE):
        gs.change(counts, from_term="2015-2020", to_term="2020-2025")


def test_change_by_another_key_refuses_a_repeated_key() -> None:
    counts = pd.concat(
        [_counts([40], [4]), _counts([45], [9], term="2020-2025")], ignore_index=True
    )
    two_bodies = pd.concat([counts, counts.assign(body="standing_committee")], ignore_index=True)
    with pytest.raises(DataError, match="one row per term × unit_id"):
        gs.change(two_bodies, from_term="2015-2020", to_term="2020-2025", by=("unit_id",))


def test_rollup_refuses_a_missing_numerator_as_a_missing_female() -> None:
    counts = _counts([40, 30], [4, 6], term="2020-2025")
    counts["under_40"] = pd.array([4, None], dtype="Int64")
    # never 4 members under 40 of 70 (the 30 members of U1 have an unknown number under 40)
    with pytest.raises(DataError, match="a pooled share adds up") as err:
        gs.rollup(counts, by=("term", "body"))
    assert [(p.row, p.header) for p in err.value.problems] == [(1, "under_40")]


def test_rollup_of_complete_numerators_still_sums_them() -> None:
    counts = _counts([40, 30], [4, 6], term="2020-2025")
    counts["under_40"] = pd.array([4, 5], dtype="Int64")
    out = gs.rollup(counts, by=("term", "body"))
    assert out[["total", "female", "under_40"]].to_dict("records") == [
        {"total": 70, "female": 10, "under_40": 9}
    ]


def test_pooled_share_normalises_term_labels() -> None:
    counts = _counts([20, 30], [3, 3])
    counts.loc[1, "term"] = "2015 – 2020"
    out = gs.pooled_share(counts, by=("term", "body"))
    assert out[["term", "female", "total"]].to_dict("records") == [
        {"term": "2015-2020", "female": 6, "total": 50}
    ]
    assert counts.loc[1, "term"] == "2015 – 2020"  # the input is not changed


def test_units_with_woman_normalises_term_labels() -> None:
    counts = _counts([5, 5], [0, 1]).assign(body="key_posts", term=["2015-2020", "2015-20"])
    out = gs.units_with_woman(counts)
    assert out[["term", "n_units_with_woman", "n_units"]].to_dict("records") == [
        {"term": "2015-2020", "n_units_with_woman": 1, "n_units": 2}
    ]


def test_rollup_normalises_term_labels() -> None:
    counts = _counts([20, 30], [3, 3]).assign(term=["2015-2020", "2015-20"])
    out = gs.rollup(counts, by=("term", "body"))
    assert out[["term", "total", "female"]].to_dict("records") == [
        {"term": "2015-2020", "total": 50, "female": 6}
    ]


def test_the_entry_coerces_as_check_judges() -> None:
    counts = _counts([" 20 ", "30"], ["3", None])
    out = require_whole_counts(counts, ["female"], pooled=False)
    assert out["total"].tolist() == [20, 30]
    assert str(out["female"].dtype) == "Int64"
    assert out["female"].tolist()[0] == 3 and out["female"].isna().tolist() == [False, True]
    assert counts["total"].tolist() == [" 20 ", "30"]  # the input is not changed


def test_rollup_sums_seats_above_the_elected_and_counts_split_by_a_group() -> None:
    # an election form: 27 and 31 seats to fill, 25 and 30 deputies elected (seats ≥ total)
    council = pd.DataFrame(
        {
            "term": ["2021-2026"] * 2, "unit_id": ["A", "B"], "unit_name": ["Xã A", "Xã B"],
            "level": ["commune"] * 2, "body": ["peoples_council"] * 2,
            "total": [25, 30], "female": [7, 9], "seats": [27, 31],
        }
    )  # fmt: skip
    out = gs.rollup(council, by=("term", "body")).iloc[0]
    assert (out["total"], out["female"], out["seats"], out["n_units"]) == (55, 16, 58, 2)
    # one committee counted by ethnicity: two rows of one term × unit × body, not a repeat
    roster = pd.DataFrame(
        {
            "term": ["2020-2025"] * 4, "unit_id": ["A"] * 4, "unit_name": ["A"] * 4,
            "level": ["district"] * 4, "body": ["party_committee"] * 4,
            "person_id": list("1234"), "sex": ["F", "M", "M", "F"],
            "ethnicity": ["Kinh", "Kinh", "Thái", "Thái"],
        }
    )  # fmt: skip
    by_group = gs.count(roster, by=("term", "unit_id", "unit_name", "level", "body", "ethnicity"))
    out = gs.rollup(by_group, by=("term", "body"))
    assert out[["total", "female", "n_units"]].to_numpy().tolist() == [[4, 2, 2]]
    with pytest.raises(gs.DataError, match=r"một dòng|duplicate|twice"):
        gs.rollup(pd.concat([by_group, by_group.iloc[[0]]]), by=("term", "body"))


def test_intersection_matrix_takes_the_terms_as_check_does() -> None:
    table = pd.DataFrame(
        {
            "term": ["2015 – 2020", "2015-2020"], "body": ["party_committee"] * 2,
            "age_group": ["40_and_under", "over_50"], "total": [10, 30], "female": [4, 3],
        }
    )  # fmt: skip
    m = gs.intersection_matrix(table)  # one term: no term level in the rows
    assert m.index.names == ["body"]
    assert int(m[("total", "over_50")].iloc[0]) == 30 and len(m) == 1
