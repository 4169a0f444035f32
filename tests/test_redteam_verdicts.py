"""Red team of the verdicts: every answer right to the seat, or a clear failure.

Each test is a question a planner or a statistician asks, with its numbers worked out by hand
from the catalogue (``_data/targets.yaml``).  A verdict drawn from counts that are not counts,
an all-clear over rows that were not assessed, or a traceback, is a failure of the library.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.errors import DataError


def rows(*specs, **extra):
    """Build counts from (term, unit_id, level, body, total, female) tuples."""
    frame = pd.DataFrame(
        [
            {
                "term": term,
                "unit_id": unit,
                "unit_name": f"Đơn vị {unit}",
                "level": level,
                "body": body,
                "total": total,
                "female": female,
            }
            for term, unit, level, body, total, female in specs
        ]
    )
    return frame.assign(**extra)


def quiet_check(counts, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gs.NothingAssessedWarning)
        return gs.check(counts, *args, **kwargs)


# ---------------------------------------------------------------------------------------------
# 1. Counts that are not counts give no verdict

WHOLE = r"số nguyên ≥ 0 \(a whole number ≥ 0\)"


@pytest.mark.parametrize(
    ("total", "female", "column", "shown", "expected"),
    [
        (10, 12, "female", '"12"', r"số nữ không vượt tổng số 10 \(female ≤ total\)"),
        (10, -1, "female", '"-1"', WHOLE),
        (20.0, 2.5, "female", '"2.5"', WHOLE),
        (20, True, "female", '"True"', WHOLE),
        ("20", "abc", "female", '"abc"', WHOLE),
        ("1.146", "300", "total", '"1.146"', WHOLE),  # vi-VN thousands typed as text: ambiguous
        (float("inf"), 3.0, "total", '"inf"', WHOLE),
    ],
)
def test_a_count_that_is_not_a_count_is_a_located_error_not_a_verdict(
    total, female, column, shown, expected
):
    # before: female 12 of 10 was "met" (share 1.2), -1 of 10 "below" needing 3, 2.5 women read
    # as 2, True as 1 woman, and "abc", "1.146", inf raised ValueError / OverflowError
    counts = rows(("2015-2020", "A", "district", "party_committee", total, female))
    where = rf'dòng 0, cột "{column}": giá trị {shown} — cần {expected}'
    with pytest.raises(DataError, match=where):
        gs.check(counts)


def test_every_bad_count_is_named_at_once_and_other_numerators_too():
    counts = rows(
        ("2020-2025", "A", "district", "party_committee", 20, 3),
        ("2020-2025", "B", "district", "party_committee", 15, 16),
        ("2020-2025", "C", "district", "party_committee", 9, 1),
        under_40=[25, 2, 1.5],
    )
    with pytest.raises(DataError) as info:
        gs.check(counts)
    found = {(p.row, p.header, str(p.value)) for p in info.value.problems}
    assert found == {(0, "under_40", "25.0"), (1, "female", "16"), (2, "under_40", "1.5")}
    assert "under_40 ≤ total" in str(info.value)
    assert (info.value.rows_read, info.value.rows_reported) == (3, 3)


def test_the_condition_row_of_11_nq_tw_c_is_checked_too():
    # a staff row of 20 women among 10 staff would have decided the condition (≥ 30 %)
    counts = rows(
        ("2015-2020", "A", "district", "key_posts", 5, 0),
        ("2015-2020", "A", "district", "staff", 10, 20),
    )
    with pytest.raises(DataError, match=r'dòng 1, cột "female": giá trị "20"'):
        gs.check(counts, "11-NQ/TW:c")


def test_missing_and_blank_counts_are_no_data_not_errors():
    counts = rows(
        ("2015-2020", "A", "district", "party_committee", 20, None),
        ("2015-2020", "B", "district", "party_committee", "", "3"),
        ("2015-2020", "C", "district", "party_committee", " 20 ", "3"),
    )
    out = quiet_check(counts, "36-CT/TW:a")
    assert out["status"].tolist() == ["no_data", "no_data", "met"]  # 3/20 = 15 %: met exactly
    assert out["reason"].tolist() == ["no_value", "no_value", ""]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1, max_size=12),
    st.data(),
)
def test_planted_overcount_is_always_found_and_clean_counts_always_judged(pairs, data):
    clean = [(max(t, f), min(t, f)) for t, f in pairs]
    counts = rows(
        *(
            ("2015-2020", f"U{i}", "district", "party_committee", t, f)
            for i, (t, f) in enumerate(clean)
        )
    )
    out = quiet_check(counts, "36-CT/TW:a")
    judged = out[out["status"] != "no_data"]
    # 15 % exactly: met iff 20·female ≥ 3·total (integers, no float)
    expected = ["met" if 20 * f >= 3 * t else "below" for t, f in clean if t]
    assert judged["status"].tolist() == expected
    bad = data.draw(st.integers(0, len(clean) - 1))
    planted = counts.copy()
    planted.loc[bad, "female"] = planted.loc[bad, "total"] + data.draw(st.integers(1, 5))
    with pytest.raises(DataError) as info:
        gs.check(planted, "36-CT/TW:a")
    assert [p.row for p in info.value.problems] == [bad]
