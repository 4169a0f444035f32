"""Counts frames the tests share (a helper module of the test suite), worked out by hand."""

from __future__ import annotations

import pandas as pd


def under_40_counts() -> pd.DataFrame:
    """Two district committees of 2020-2025 with their members under 40 (35-CT/TW 2019 c).

    Huyện A: 6 women of 40 (15 %, met), 2 under 40 (5 %: 2 more needed for 10 %).
    Huyện B: 3 women of 30 (10 %: 2 more needed for 15 %), 5 under 40 (16.7 %, met).
    """
    return pd.DataFrame(
        {
            "term": ["2020-2025"] * 2,
            "unit_id": ["A", "B"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district"] * 2,
            "body": ["party_committee"] * 2,
            "total": [40, 30],
            "female": [6, 3],
            "under_40": pd.array([2, 5], dtype="Int64"),
        }
    )


def gappy_counts() -> pd.DataFrame:
    """Three district committees of 2015-2020, two of them with one number missing.

    Huyện A sent 6 women of 40; Huyện B its women only (3); Huyện C its members only (30).
    """
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 3,
            "unit_id": ["A", "B", "C"],
            "unit_name": ["Huyện A", "Huyện B", "Huyện C"],
            "level": ["district"] * 3,
            "body": ["party_committee"] * 3,
            "total": pd.array([40, None, 30], dtype="Int64"),
            "female": pd.array([6, 3, None], dtype="Int64"),
        }
    )
