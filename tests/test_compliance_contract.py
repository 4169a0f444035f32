"""The compliance frame's contract: column constants, ``Status`` values and ``ComplianceModel``."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from gender_stats import compliance
from gender_stats.compliance import (
    COMPLIANCE_COLUMNS,
    STATUS,
    ComplianceModel,
    Status,
    check,
    summarise,
    women_needed,
)


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["2015-2020", "2015-2020", "2015-2020", "2016-2021", "2020-2025"],
            "unit_id": ["A", "B", "A", "P", "Z"],
            "unit_name": ["A", "B", "A", "P", "Z"],
            "level": ["district"] * 5,
            "body": [
                "party_committee",
                "party_committee",
                "standing_committee",
                "peoples_council",
                "staff",
            ],
            "total": [20, 0, 9, 20, 5],
            "female": [2, 0, 0, 9, 1],
        }
    )


def test_check_output_passes_the_compliance_model():
    out = check(_counts())
    validated = ComplianceModel.validate(out)
    assert list(validated.columns[-len(COMPLIANCE_COLUMNS) :]) == list(COMPLIANCE_COLUMNS)
    assert set(out[STATUS]) <= {s.value for s in Status}


def test_check_output_with_explicit_targets_passes_the_model():
    ComplianceModel.validate(check(_counts(), ["36-CT/TW", "11-NQ/TW:b"], any_term=True))


def test_the_model_rejects_an_unknown_status():
    out = check(_counts(), "36-CT/TW").assign(status="ok")
    with pytest.raises(pandera.errors.SchemaError, match="status"):
        ComplianceModel.validate(out)


def test_the_column_constants_are_the_frame_columns_in_order():
    names = [
        compliance.TARGET_ID,
        compliance.DOCUMENT,
        compliance.RULE,
        compliance.NUMERATOR,
        compliance.THRESHOLD,
        compliance.SHARE,
        compliance.STATUS,
        compliance.GAP_PP,
        compliance.SEATS_NEEDED,
        compliance.SEATS_NEEDED_IF_GROW,
        compliance.NOTE,
        compliance.REASON,
    ]
    assert tuple(names) == COMPLIANCE_COLUMNS
    assert names[0] == "target_id" and names[-1] == "reason"


def test_status_members_are_the_frame_strings():
    assert Status.MET == "met" and Status.BELOW == "below"
    assert f"{Status.ABOVE_RANGE}" == "above_range"
    frame = pd.DataFrame({"status": ["met", "below", "met"]})
    assert (frame["status"] == Status.MET).tolist() == [True, False, True]


def test_women_needed_takes_the_largest_need_per_unit_and_body():
    below = pd.DataFrame(
        {
            "term": ["2020-2025"] * 4,
            "unit_id": ["A", "A", "A", "B"],
            "body": ["party_committee", "party_committee", "standing_committee", "party_committee"],
            "seats_needed": pd.array([1, 3, 1, pd.NA], dtype="Int64"),
        }
    )
    # A: max(1, 3) on the committee + 1 on the standing committee; B's <NA> counts 0
    assert women_needed(below) == 4


def test_summarise_by_nothing_pools_the_whole_frame():
    frame = pd.DataFrame(
        {
            "term": ["2020-2025"] * 3,
            "unit_id": ["A", "A", "B"],
            "body": ["party_committee"] * 3,
            "target_id": ["x", "y", "x"],
            "rule": ["≥ 15%", "≥ 25%", "≥ 15%"],
            "total": [20, 20, 10],
            "female": [2, 2, 0],
            "status": ["below", "below", "not_applicable"],
            "seats_needed": pd.array([1, 3, pd.NA], dtype="Int64"),
        }
    )
    row = summarise(frame, by=()).iloc[0]
    assert (row["n_rows"], row["n_units"], row["n_below"], row["seats_needed"]) == (3, 2, 2, 3)
    assert (row["total"], row["part"], row["rule"]) == (40, 4, "≥ 15%, ≥ 25%")
