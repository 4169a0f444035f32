"""The byte-level test of plain ASCII texts agrees with the Arrow kernels it stands in for."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given
from hypothesis import strategies as st

from gender_stats.io._arrow_text import _ASCII_SPACES, _plain_ascii


def _kernels(values: pa.Array) -> bool:
    """The definition: every text ASCII, no white space but single inner spaces."""
    if not bool(pc.all(pc.string_is_ascii(values)).as_py() in (True, None)):
        return False
    return not bool(pc.any(pc.match_substring_regex(values, _ASCII_SPACES)).as_py() or False)


_PIECES = st.sampled_from(["a", "Z", "0", " ", "  ", "\t", "\n", "\x1f", "\x01", "à", "Đ", "-", ""])
_TEXTS = st.lists(st.lists(_PIECES, max_size=4).map("".join), min_size=1, max_size=6)


@given(_TEXTS, st.integers(min_value=0, max_value=2), st.booleans())
def test_plain_ascii_agrees_with_the_kernels(texts: list[str], skip: int, large: bool) -> None:
    values = pa.array(["  x ", "\t"][:skip] + texts, type=pa.large_string() if large else None)
    values = values.slice(skip)  # a slice: its offsets start inside the buffer
    assert _plain_ascii(values) == _kernels(values)


def test_plain_ascii_by_hand() -> None:
    cases = {
        ("P001", "a b", ""): True,
        ("a  b",): False,
        ("a ", " b"): False,  # two spaces side by side in the buffer, across two texts
        ("ab", "cd"): True,
        (" a",): False,
        ("a\t",): False,
        ("x\x01y",): True,  # a control byte that is not white space: plain, as the kernels say
        ("Hà",): False,
        ("", ""): True,
    }
    for texts, plain in cases.items():
        assert _plain_ascii(pa.array(list(texts))) is plain, texts
