"""Text normalisation for Vietnamese names and headers (private).

Offices type the same word in many ways: composed or decomposed Unicode, the tone mark on either vowel
of ``oa``/``uy`` (``Hóa``/``Hoá``, ``Thủy``/``Thuỷ``), stray or doubled spaces, several kinds of dash.
Two keys make them comparable:

- :func:`name_key` keeps every letter's identity (``Hà`` and ``Hạ`` differ) but not where the tone
  mark sits in its syllable; for unit names.
- :func:`loose_key` drops every diacritic and punctuation; for headers and code words (``Nữ``,
  ``nu``, ``NU`` all give ``nu``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Combining tone marks of Vietnamese: grave, acute, tilde, hook above, dot below (and the two
# deprecated duplicates of grave and acute that some old converters still emit).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323\u0340\u0341")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACE = re.compile(r"\s+")
_DASH_SPACED = re.compile(r"\s*-\s*")
_NON_WORD = re.compile(r"[^0-9a-z]+")


_SPECIAL = re.compile("[\u2010-\u2015\u2212\u00a0\ufeff]")  # a dash, a no-break space, a BOM
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # two white spaces, or one that is not a plain space


def nfc(text: str) -> str:
    r"""Return ``text`` in Unicode NFC with dashes unified and spaces collapsed.

    Each step runs only where a fast test says it changes something (a reader calls this for
    every cell).

    Examples
    --------
    >>> nfc("  Nguyễn\u00a0 Văn\tA \u2013 Hoa ")
    'Nguyễn Văn A - Hoa'
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.isascii() and _SPECIAL.search(text):
        text = text.translate(_DASHES).replace("\u00a0", " ").replace("\ufeff", "")
    if _ODD_SPACE.search(text):
        text = _SPACE.sub(" ", text)
    return text.strip()


def _syllable_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    tones = "".join(sorted(ch for ch in decomposed if ch in _TONES))
    return unicodedata.normalize("NFC", base) + tones


def name_key(text: str) -> str:
    """Return a key under which spellings of one Vietnamese name compare equal.

    Examples
    --------
    >>> name_key("Huyện  Quan Hóa") == name_key("huyện quan hoá")
    True
    >>> name_key("Cẩm Thủy") == name_key("Cẩm Thuỷ")
    True
    >>> name_key("Hà Trung") == name_key("Hạ Trung")
    False
    """
    return _name_key(text)


@functools.lru_cache(maxsize=1 << 16)
def _name_key(text: str) -> str:
    # Cached: a workbook's unit names and headers are keyed again by every check that compares them.
    text = _DASH_SPACED.sub(" - ", nfc(text)).lower()
    return " ".join(_syllable_key(w) for w in text.split(" "))


def strip_diacritics(text: str) -> str:
    """Return ``text`` without any diacritic (``đ`` becomes ``d``).

    Examples
    --------
    >>> strip_diacritics("Tổng số nữ, Đơn vị")
    'Tong so nu, Don vi'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def loose_key(text: object) -> str:
    """Return a lower-case, diacritic-free, punctuation-free key for headers and code words.

    Examples
    --------
    >>> loose_key(" Tỷ lệ (%) ")
    'ty le'
    >>> loose_key("NỮ") == loose_key("nu") == loose_key("Nữ")
    True
    """
    return _loose_key(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _loose_key(text: str) -> str:
    text = strip_diacritics(nfc(text)).lower()
    return _NON_WORD.sub(" ", text).strip()


#: Abbreviations of a unit's kind: one letter always with a dot ("H. Hà Trung", "X.Quảng Phú"),
#: two letters with a dot or a space ("TX. Bỉm Sơn", "TP Thanh Hóa", "TT. Lam Sơn").
UNIT_ABBREVIATION = re.compile(r"^\s*(?:([HXPQ])\.\s*|(TX|TP|TT)(?:\.\s*|\s+))(\w.*)$", re.I)
_ABBREVIATIONS = {
    "H": "Huyện",
    "X": "Xã",
    "P": "Phường",
    "Q": "Quận",
    "TX": "Thị xã",
    "TP": "Thành phố",
    "TT": "Thị trấn",
}


def expand_abbreviation(name: str) -> str:
    """Return a unit name with a one-letter abbreviation of its kind written out.

    Examples
    --------
    >>> expand_abbreviation("H. Hà Trung"), expand_abbreviation("x.Quảng Phú")
    ('Huyện Hà Trung', 'Xã Quảng Phú')
    >>> expand_abbreviation("TX. Bỉm Sơn"), expand_abbreviation("TP Thanh Hóa")
    ('Thị xã Bỉm Sơn', 'Thành phố Thanh Hóa')
    >>> expand_abbreviation("Huyện Nga Sơn"), expand_abbreviation("A. Khối huyện")
    ('Huyện Nga Sơn', 'A. Khối huyện')
    """
    short = UNIT_ABBREVIATION.match(nfc(name))
    if short is None:
        return name
    kind = (short.group(1) or short.group(2)).upper()
    return _ABBREVIATIONS[kind] + " " + short.group(3)


_BULLET = re.compile(r"^\s*[-+*•·–—]+\s*(?=\S)")
_FOOTNOTE = re.compile(r"(?:\s*(?:\(\s*\*+\s*\)|\*+|\(\s*\d{1,2}\s*\)))+\s*$")


def clean_unit_name(name: str | None) -> str | None:
    """Return a unit name without list bullets, footnote marks and repeated spaces.

    Examples
    --------
    >>> clean_unit_name("- Huyện Nga Sơn (*)"), clean_unit_name("+ Thị xã  Bỉm Sơn**")
    ('Huyện Nga Sơn', 'Thị xã Bỉm Sơn')
    >>> clean_unit_name("Phường 1"), clean_unit_name("Xã Quảng Phú (cũ)"), clean_unit_name("*")
    ('Phường 1', 'Xã Quảng Phú (cũ)', '*')
    """
    if name is None:
        return None
    cleaned = _FOOTNOTE.sub("", _BULLET.sub("", name))
    cleaned = " ".join(cleaned.split())
    return cleaned or name
