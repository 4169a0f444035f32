"""A large roster (its person checks on two threads) is judged as a small one is."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gender_stats as gs
from gender_stats import schema
from gender_stats.errors import DataError


def _roster(n_units: int) -> pd.DataFrame:
    """Committees of 20 (4 women) and standing committees of their first 5, one term."""
    unit = np.repeat(np.arange(n_units), 25)
    seat = np.tile(np.arange(25), n_units)
    person = np.where(seat < 20, seat, seat - 20)  # the standing members sit on the committee
    return pd.DataFrame(
        {
            "term": "2020-2025",
            "unit_id": [f"U{u:05d}" for u in unit],
            "unit_name": [f"Xã {u}" for u in unit],
            "level": "commune",
            "body": np.where(seat < 20, "party_committee", "standing_committee"),
            "person_id": [f"P{u:05d}-{p:02d}" for u, p in zip(unit, person, strict=True)],
            "sex": np.where(person < 4, "F", "M"),
        }
    )


@pytest.mark.parametrize("threaded", [True, False])
def test_a_clean_large_roster_passes(threaded: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "_THREADED_ROWS", 200_000 if threaded else 10**12)
    roster = _roster(8_400)  # 210,000 rows
    counts = gs.count(gs.validate_roster(roster))
    assert len(counts) == 2 * 8_400
    assert counts["female"].sum() == 8_400 * (4 + 4)


@pytest.mark.parametrize("threaded", [True, False])
@pytest.mark.parametrize("fault", ["outside", "twice"])
def test_a_fault_in_a_large_roster_is_found(
    threaded: bool, fault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "_THREADED_ROWS", 200_000 if threaded else 10**12)
    roster = _roster(8_400)
    row = 8_000 * 25 + 21  # a standing seat of unit 8000
    if fault == "outside":
        roster.loc[row, "person_id"] = "P99999-99"  # on no committee
    else:
        roster.loc[row, "person_id"] = roster.loc[row - 1, "person_id"]  # one seat twice
    with pytest.raises(DataError) as err:
        gs.validate_roster(roster)
    assert [p.row for p in err.value.problems] == [row]  # the frame's row, and only it
