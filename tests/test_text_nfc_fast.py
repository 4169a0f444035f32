"""The fast checks of ``_text.nfc`` give what the plain four-step normalisation gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats._text import loose_key, name_key, nfc

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def _reference(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip()


# Letters of Vietnamese names composed and decomposed, every kind of space and dash, the BOM.
_ALPHABET = st.sampled_from(
    [
        *"aAeEyYđĐ -0",
        *["ễ", "e\u0302\u0303", "ó", "o\u0301", "ư", "\u0323", "\u0300"],
        *"\t\n\r\x0b\x0c\u00a0\u2002\u3000\ufeff\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_ALPHABET, max_size=12).map("".join))
def test_nfc_equals_the_plain_steps(text: str) -> None:
    assert nfc(text) == _reference(text)


@given(st.text(max_size=20))
def test_nfc_equals_the_plain_steps_on_any_text(text: str) -> None:
    assert nfc(text) == _reference(text)


def test_worked_examples() -> None:
    assert nfc("Nguye\u0302\u0303n  Văn\u00a0A") == "Nguyễn Văn A"
    assert nfc("\ufeffSở GD\u2013ĐT") == "Sở GD-ĐT"
    assert nfc("  Thanh\tHóa\n") == "Thanh Hóa"
    assert nfc("Thanh Hóa") == "Thanh Hóa"


def test_cached_keys_are_the_same_as_fresh_ones() -> None:
    # The keys are cached: a second call must give the same answer, whatever came between.
    first = name_key("Huyện  Quan Hóa"), loose_key(" Tỷ lệ (%) "), loose_key(15)
    name_key("Huyện Quan Hoá")
    loose_key("ty le")
    assert (name_key("Huyện  Quan Hóa"), loose_key(" Tỷ lệ (%) "), loose_key(15)) == first
    assert first == (name_key("huyện quan hoá"), "ty le", "15")
