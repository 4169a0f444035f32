"""Round trips of the bundled sample through the library's readers.

The sample workbooks are written by scripts/make_sample_data.py with openpyxl, independently of the
readers, so reading them back and comparing with the roster checks the readers on a realistic file:

- the wide template read with ``read_counts(..., units=load_units())`` equals the roster counted
  with ``count`` plus the staff counts;
- the personnel list (trích ngang) read with ``read_roster(..., units=load_units())`` equals the
  Parquet roster.

Unit names: the readers give the units table's (current) name when a units table is passed, while
the roster keeps the name the unit had in each term (``Huyện Tĩnh Gia`` in 2015-2020).  Names are
therefore compared as "the same name or a listed alias of the same unit".
"""

from __future__ import annotations

import pandas as pd
import pytest

import gender_stats as gs

COUNT_KEY = ["term", "unit_id", "body"]
ROSTER_KEY = ["term", "unit_id", "body", "person_id"]


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return gs.load_units()


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return gs.load_sample_roster()


@pytest.fixture(scope="module")
def expected_counts(roster) -> pd.DataFrame:
    staff = gs.read_counts(gs.sample_path("staff.csv"))
    counted = gs.count(roster)
    both = pd.concat([counted, staff[counted.columns]], ignore_index=True)
    return both.sort_values(COUNT_KEY).reset_index(drop=True)


def _names_of(units: pd.DataFrame) -> dict[str, set[str]]:
    out = {}
    for row in units.itertuples(index=False):
        aliases = row.aliases.split("|") if isinstance(row.aliases, str) else []
        out[row.unit_id] = {row.unit_name, *aliases}
    return out


def _assert_same_unit_names(got: pd.DataFrame, want: pd.DataFrame, units: pd.DataFrame) -> None:
    names = _names_of(units)
    bad = [
        (unit_id, a, b)
        for unit_id, a, b in zip(got["unit_id"], got["unit_name"], want["unit_name"], strict=True)
        if a != b and not {a, b} <= names[unit_id]
    ]
    assert bad == []


def test_wide_workbook_equals_the_roster_counted(units, expected_counts):
    got = gs.read_counts(gs.sample_path("counts_wide.xlsx"), units=units)
    got = got.sort_values(COUNT_KEY).reset_index(drop=True)
    columns = ["term", "unit_id", "level", "body", "total", "female"]
    pd.testing.assert_frame_equal(got[columns], expected_counts[columns])
    _assert_same_unit_names(got, expected_counts, units)


def test_load_sample_counts_is_the_wide_workbook(units, expected_counts):
    got = gs.load_sample_counts().sort_values(COUNT_KEY).reset_index(drop=True)
    columns = ["term", "unit_id", "level", "body", "total", "female"]
    pd.testing.assert_frame_equal(got[columns], expected_counts[columns])


def test_tidy_counts_csv_equals_the_roster_counted(units, expected_counts):
    got = gs.read_counts(gs.sample_path("counts.csv"), units=units)
    got = got.sort_values(COUNT_KEY).reset_index(drop=True)
    columns = ["term", "unit_id", "level", "body", "total", "female"]
    pd.testing.assert_frame_equal(got[columns], expected_counts[columns])


def test_wide_workbook_totals_row_is_the_pooled_sum(units):
    # one sheet, read alone: the Tổng cộng row is checked by the reader and not returned as a unit
    got = gs.read_counts(gs.sample_path("counts_wide.xlsx"), sheet="2015-2020", units=units)
    assert set(got["term"]) == {"2015-2020"}
    assert got["unit_id"].nunique() == 50
    assert set(got["body"]) == {"party_committee", "standing_committee", "key_posts", "staff"}


def test_trich_ngang_workbook_equals_the_parquet_roster(units, roster):
    got = gs.read_roster(gs.sample_path("roster_trich_ngang.xlsx"), units=units)
    got = got.sort_values(ROSTER_KEY).reset_index(drop=True)
    want = roster.sort_values(ROSTER_KEY).reset_index(drop=True)
    columns = [c for c in want.columns if c != "unit_name"]
    assert sorted(got.columns) == sorted(want.columns)
    pd.testing.assert_frame_equal(got[columns], want[columns])
    _assert_same_unit_names(got, want, units)


def test_parquet_roster_read_with_units_keeps_every_row(units, roster):
    got = gs.read_roster(gs.sample_path("roster.parquet"), units=units)
    assert len(got) == len(roster)
    assert got["person_id"].nunique() == roster["person_id"].nunique()
