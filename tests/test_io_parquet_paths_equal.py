"""Property: the fast Parquet path and the cell-grid path return equal frames on the same data."""

from __future__ import annotations

import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gender_stats import read_roster
from gender_stats.errors import DataError
from gender_stats.io import _readers

# white space of every kind Python knows, a byte-order mark, and nothing
_PADS = ["", " ", "  ", "\t", "\u00a0", "\u3000", "\u2003", "\ufeff", "\u200b", "\n"]
_DASHES = ["-", "–", "—", "\u2212"]


def _decorated(words: list[str]) -> st.SearchStrategy[str]:
    """A word, in NFC or NFD, with stray spaces around and inside."""

    @st.composite
    def make(draw: Any) -> str:
        text = draw(st.sampled_from(words))
        if draw(st.booleans()):
            text = unicodedata.normalize("NFD", text)
        if draw(st.booleans()):
            text = text.replace(" ", draw(st.sampled_from([" ", "  ", "\u00a0", " \t"])), 1)
        return draw(st.sampled_from(_PADS)) + text + draw(st.sampled_from(_PADS[:7]))

    return make()


_TERMS = st.builds(
    lambda a, d, b: f"{a}{d}{b}",
    st.sampled_from(["2015", "2015 ", "Nhiệm kỳ 2015"]),
    st.sampled_from(_DASHES),
    st.sampled_from(["2020", " 2020"]),
)
_UNITS = [("TH01", "Huyện Quan Hóa"), ("TH02", "Thị xã Bỉm Sơn"), ("TH03", "Sở Lao động – TB&XH")]
_LEVELS = ["district", "Cấp huyện", "huyện", "agency", "Khối sở, ngành"]
_BODIES = ["party_committee", "BCH", "Ban Chấp hành", "standing_committee", "BTV"]
_SEXES = ["F", "M", "Nữ", "nam", "NỮ", "female"]
_NAMES = ["Hà Thị Bình", "Lò Văn Cường", "Nguyễn Thị Hoa", "Tô Lâm", "Ê Đê", "Hoàng  Thị  Ý"]
# odd Unicode kept as it is by both paths: zero-width space, emoji, full-width letters, Kanji
_ODD = ["Lê\u200bThị", "Hà 🌸", "Ｎｇｕｙễｎ", "山田", "O'Neil", "Đặng-Thị"]
# legacy text and mojibake: the fast path leaves the file to the grid reader, which converts it
_LEGACY = ["Hµ ThÞ B×nh", "NguyÔn V¨n An", "Hoµng ThÞ Ý", "LÃ² VÄƒn An"]


@st.composite
def rosters(draw: Any) -> pd.DataFrame:
    n = draw(st.integers(1, 12))
    rows = []
    for i in range(n):
        uid, uname = draw(st.sampled_from(_UNITS))
        rows.append(
            {
                "term": draw(_TERMS),
                "unit_id": draw(_decorated([uid])),
                "unit_name": draw(_decorated([uname])),
                "level": draw(_decorated(_LEVELS)),
                "body": draw(_decorated(_BODIES)),
                "person_id": draw(_decorated([f"P{i:03d}"])),
                "sex": draw(_decorated(_SEXES)),
                "full_name": draw(
                    st.one_of(_decorated(_NAMES), st.sampled_from([*_ODD, *_LEGACY]))
                ),
                "birth_year": draw(st.integers(1950, 1999)),
            }
        )
    return pd.DataFrame(rows)


def _outcome(path: Path, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if not fast:
            m.setattr(_readers, "_fast_parquet_roster", lambda source: None)
        try:
            frame: Any = read_roster(path)
        except DataError as err:
            frame = sorted((p.row, p.column, p.expected) for p in err.problems)
    return frame, sorted({w.category.__name__ for w in caught})


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(frame=rosters())
def test_fast_and_grid_paths_agree(
    frame: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    fast, fast_warnings = _outcome(path, fast=True, monkeypatch=monkeypatch)
    slow, slow_warnings = _outcome(path, fast=False, monkeypatch=monkeypatch)
    assert fast_warnings == slow_warnings
    if isinstance(slow, list):
        assert fast == slow
    else:
        assert isinstance(fast, pd.DataFrame)
        pd.testing.assert_frame_equal(fast, slow)


def test_the_fast_path_is_taken_on_messy_but_readable_text(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "term": ["2015 – 2020", "2015-2020"],
            "unit_id": ["TH01 ", "\u00a0TH01"],
            "unit_name": [unicodedata.normalize("NFD", "Huyện Quan Hóa"), "Huyện  Quan Hóa"],
            "level": ["Cấp huyện", "district"],
            "body": ["BCH", "Ban Chấp hành"],
            "person_id": ["P1", "P2\t"],
            "sex": ["Nữ", "M"],
        }
    )
    path = tmp_path / "r.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    out = _readers._fast_parquet_roster(path)
    assert out is not None
    assert out.to_dict("list") == {
        "term": ["2015-2020", "2015-2020"],
        "unit_id": ["TH01", "TH01"],
        "unit_name": ["Huyện Quan Hóa", "Huyện Quan Hóa"],
        "level": ["district", "district"],
        "body": ["party_committee", "party_committee"],
        "person_id": ["P1", "P2"],
        "sex": ["F", "M"],
    }
