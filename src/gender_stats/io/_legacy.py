"""Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) to Unicode (private).

Before Unicode, provincial offices typed Vietnamese with 8-bit fonts: TCVN3 (the "ABC" fonts such as
``.VnTime``; standard TCVN 5712:1993, table VN3) or VNI (``VNI-Times``).  The bytes were ordinary
Windows-1252 bytes drawn with special glyphs, so when such a file is opened today a cell shows them as
Latin-1 characters: TCVN3 ``"Thanh Hãa"`` means ``"Thanh Hóa"``, ``"Tæng sè"`` means ``"Tổng số"``;
VNI writes a base letter followed by a mark, ``"Thanh Hoùa"``, ``"Toång soá"``.

- :func:`detect_encoding` decides, from a column's texts, whether they are Unicode, TCVN3 or VNI.
- :func:`to_unicode` converts one text and returns it in NFC.
- :func:`cell_encoding` decides for one cell, :func:`fix_texts` for a column's cells (a cell its own
  words do not decide follows the column), :func:`recode_grid` repairs a sheet with one warning.
- :func:`repair_mojibake` repairs UTF-8 text that was read as Windows-1252 or Latin-1
  (``"Huyá»‡n"`` for ``"Huyện"``).

Tables
------
TCVN3 (VN3) is one byte per letter: ``0xA1-0xA7`` hold ``Ă Â Ê Ô Ơ Ư Đ``, ``0xA8-0xAE`` hold
``ă â ê ô ơ ư đ``, ``0xB0-0xB4`` hold the five tone marks alone (grave, hook, tilde, acute, dot below)
and ``0xB5-0xFE`` the lower-case letters with a tone, five per vowel in the order grave, hook, tilde,
acute, dot below (``à ả ã á ạ`` = ``0xB5-0xB9``).  VN3 has no upper-case letter with a tone: capitals
were drawn by the ``.VnTimeH`` fonts from the lower-case codes.  :func:`to_unicode` therefore writes a
word in capitals when all its other letters are capitals (``"THANH HãA"`` gives ``"THANH HÓA"``); a
word with a single capital keeps its lower-case letters (``"N÷"`` gives ``"Nữ"``).  The upper-case
letters of the fuller VN1 table (in the C0 and ``0x80-0x9F`` ranges) are not used by the ABC fonts and
are not read; ``0x80-0x9F`` keep their Windows-1252 meaning (curly quotes, dashes).

VNI-Windows writes a base letter followed by one mark character.  Lower-case marks: tones ``ù`` (acute),
``ø`` (grave), ``û`` (hook), ``õ`` (tilde), ``ï`` (dot below); ``â`` circumflex and ``á à å ã ä``
circumflex with a tone (after ``a``, ``e``, ``o``); ``ê`` breve and ``é è ú ü ë`` breve with a tone
(after ``a``).  Single characters: ``ô`` = ``ơ``, ``ö`` = ``ư``, ``ñ`` = ``đ``, ``í ì æ ó ò`` =
``í ì ỉ ĩ ị`` and ``î`` = ``ỵ``.  Each upper-case form is the lower-case one minus ``0x20``
(``Ù Ø Û Õ Ï``, ``Â Á À Å Ã Ä``, ``Ê É È Ú Ü Ë``, ``Ô Ö Ñ``, ``Í Ì Æ Ó Ò``, ``Î``).  A letter takes its
case from the base letter.

Both tables were checked against the TCVN 5712 table of the X11 TrueType server and the VNI table of
the ``xvnkb`` keyboard driver.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

from gender_stats.io._excel import Grid

__all__ = [
    "CellEncoding",
    "Encoding",
    "LegacyEncoding",
    "cell_encoding",
    "detect_encoding",
    "fix_counts",
    "fix_texts",
    "recode",
    "recode_grid",
    "recode_top",
    "repair_mojibake",
    "to_unicode",
]

#: What :func:`detect_encoding` can answer.
Encoding = Literal["unicode", "tcvn3", "vni"]
#: The legacy encodings :func:`to_unicode` converts from.
LegacyEncoding = Literal["tcvn3", "vni"]

#: The message of the ValueError raised for a character no table explains.
UNCONVERTIBLE_TEMPLATE = (
    "cannot convert {text!r} from {encoding}: character {char!r} (U+{code:04X}) at position "
    "{position} is not part of the {encoding} table. Hint: check that the text is really "
    "{encoding} (detect_encoding tells TCVN3, VNI and Unicode apart)."
)
#: The message of the ValueError raised for an unknown encoding name.
UNKNOWN_ENCODING_TEMPLATE = "Got encoding={encoding!r}. Must be one of ['tcvn3', 'vni']."

# Combining marks.
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONE_ORDER = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)  # the order of TCVN3's five-letter groups


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Windows-1252 punctuation (bytes 0x80-0x9F) and the no-break space: typed in any font, kept as is.
_CP1252_PUNCTUATION = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u00a0")


def _build_tcvn3() -> Mapping[str, str]:
    table: dict[str, str] = {}
    for offset, letter in enumerate("ĂÂÊÔƠƯĐăâêôơưđ"):
        table[chr(0xA1 + offset)] = letter
    for offset, mark in enumerate(_TONE_ORDER):
        table[chr(0xB0 + offset)] = mark
    # Five codes per vowel (grave, hook, tilde, acute, dot below), first code of each group; the
    # gaps between groups hold capitals of the VN1 table, which the ABC fonts do not use.
    groups = {
        "a": 0xB5,
        "ă": 0xBB,  # ằ ẳ ẵ ắ at 0xBB-0xBE, ặ at 0xC6
        "â": 0xC7,
        "e": 0xCC,  # è at 0xCC, ẻ ẽ é ẹ at 0xCE-0xD1
        "ê": 0xD2,
        "i": 0xD7,  # ì ỉ at 0xD7-0xD8, ĩ í ị at 0xDC-0xDE
        "o": 0xDF,  # ò at 0xDF, ỏ õ ó ọ at 0xE1-0xE4
        "ô": 0xE5,
        "ơ": 0xEA,
        "u": 0xEF,  # ù at 0xEF, ủ ũ ú ụ at 0xF1-0xF4
        "ư": 0xF5,
        "y": 0xFA,
    }
    skips = {"ă": {4: 0xC6}, "e": {1: 0xCE, 2: 0xCF, 3: 0xD0, 4: 0xD1}}
    skips["i"] = {2: 0xDC, 3: 0xDD, 4: 0xDE}
    skips["o"] = {1: 0xE1, 2: 0xE2, 3: 0xE3, 4: 0xE4}
    skips["u"] = {1: 0xF1, 2: 0xF2, 3: 0xF3, 4: 0xF4}
    for vowel, start in groups.items():
        for index, tone in enumerate(_TONE_ORDER):
            code = skips.get(vowel, {}).get(index, start + index)
            table[chr(code)] = _nfc(vowel + tone)
    return MappingProxyType(table)


#: Latin-1 character as displayed -> Unicode, for TCVN3 (VN3, the ABC fonts).
TCVN3: Mapping[str, str] = _build_tcvn3()


def _build_vni() -> tuple[Mapping[str, str], Mapping[str, str]]:
    tones = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
    circumflex = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
    breve = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
    pairs: dict[str, str] = {}
    singles: dict[str, str] = {
        "ô": "ơ",
        "ö": "ư",
        "ñ": "đ",
        "í": "í",
        "ì": "ì",
        "æ": "ỉ",
        "ó": "ĩ",
        "ò": "ị",
        "î": "ỵ",
    }
    bases = {  # VNI base -> (Unicode base, mark tables it takes)
        "a": ("a", (tones, circumflex, breve)),
        "e": ("e", (tones, circumflex)),
        "o": ("o", (tones, circumflex)),
        "u": ("u", (tones,)),
        "y": ("y", (tones,)),
        "ô": ("ơ", (tones,)),
        "ö": ("ư", (tones,)),
    }
    for base, (letter, mark_tables) in bases.items():
        for marks in mark_tables:
            modifier = _CIRCUMFLEX if marks is circumflex else _BREVE if marks is breve else ""
            for mark, tone in marks.items():
                if marks is tones and base == "y" and tone == _DOT:
                    continue  # ỵ is the single character î
                value = _nfc(letter + modifier + tone)
                for b in (base, base.upper()):
                    for m in (mark, mark.upper()):
                        pairs[b + m] = value.upper() if b.isupper() else value
    singles.update({k.upper(): v.upper() for k, v in list(singles.items())})
    return MappingProxyType(pairs), MappingProxyType(singles)


#: Two-character sequences (base letter + mark) -> Unicode, and single characters -> Unicode, for VNI.
VNI_PAIRS, VNI_SINGLES = _build_vni()
# Latin-1 symbols that VNI fonts draw as themselves.
_VNI_SYMBOLS = frozenset("°«»§©®±×÷")


def _fail(text: str, encoding: str, position: int) -> ValueError:
    char = text[position]
    return ValueError(
        UNCONVERTIBLE_TEMPLATE.format(
            text=text, encoding=encoding, char=char, code=ord(char), position=position
        )
    )


_LETTERS_RUN = re.compile(r"\w+")


def _tcvn3_to_unicode(text: str) -> str:
    out: list[str] = []
    for position, char in enumerate(text):
        if char.isascii() or char in _CP1252_PUNCTUATION:
            out.append(char)
        elif char in TCVN3:
            out.append(TCVN3[char])
        else:
            raise _fail(text, "tcvn3", position)
    converted = _nfc("".join(out))

    def _case(match: re.Match[str]) -> str:
        word = match.group(0)
        ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            return word.upper()
        return word

    return _LETTERS_RUN.sub(_case, converted)


def _vni_to_unicode(text: str) -> str:
    out: list[str] = []
    position = 0
    while position < len(text):
        pair = text[position : position + 2]
        char = text[position]
        if pair in VNI_PAIRS:
            out.append(VNI_PAIRS[pair])
            position += 2
            continue
        if char.isascii() or char in _CP1252_PUNCTUATION or char in _VNI_SYMBOLS:
            out.append(char)
        elif char in VNI_SINGLES:
            out.append(VNI_SINGLES[char])
        else:
            raise _fail(text, "vni", position)
        position += 1
    return _nfc("".join(out))


def to_unicode(text: str, encoding: LegacyEncoding) -> str:
    """Convert a text typed in a legacy Vietnamese encoding to Unicode NFC.

    Parameters
    ----------
    text : str
        The text as it reads when the legacy bytes are shown as Windows-1252 characters.
    encoding : {"tcvn3", "vni"}
        The legacy encoding (see :func:`detect_encoding`).

    Returns
    -------
    str
        The text in Unicode, normalised to NFC.  ASCII characters, Windows-1252 punctuation and the
        no-break space are kept as they are.

    Raises
    ------
    ValueError
        If ``encoding`` is unknown, or a character of ``text`` is neither ASCII nor part of the
        table (for example a letter already in Unicode, such as ``"ạ"``).

    Notes
    -----
    In TCVN3 a word whose other letters are all capitals is written in capitals, because the ABC fonts
    have no capitals with tones (see the module notes).  In VNI a letter takes its case from its base.

    Examples
    --------
    >>> to_unicode("Thanh Hãa", "tcvn3"), to_unicode("Tæng sè N÷", "tcvn3")
    ('Thanh Hóa', 'Tổng số Nữ')
    >>> to_unicode("HUYÖN NH¦ THANH", "tcvn3")
    'HUYỆN NHƯ THANH'
    >>> to_unicode("Hoäi ñoàng nhaân daân tænh Thanh Hoùa", "vni")
    'Hội đồng nhân dân tỉnh Thanh Hóa'
    """
    if encoding == "tcvn3":
        return _tcvn3_to_unicode(text)
    if encoding == "vni":
        return _vni_to_unicode(text)
    raise ValueError(UNKNOWN_ENCODING_TEMPLATE.format(encoding=encoding))


# --- detection -------------------------------------------------------------------------------

_TONES = {_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT}
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Vowel groups (without tone) that end the syllable (a glide or an open diphthong) ...
_OPEN_ONLY = "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu"
# ... that need a final consonant ...
_CLOSED_ONLY = "ă â iê yê uô ươ uyê oo oă uâ"
# ... and that may take one or not.
_EITHER = "a e ê i o ô ơ u ư y oa oe uê uơ uy"
_CODA = r"(?:ch|ng|nh|[cmnpt])"


def _alternatives(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_SYLLABLE = re.compile(
    rf"{_ONSET}(?:(?:{_alternatives(_OPEN_ONLY)})|(?:{_alternatives(_CLOSED_ONLY)}){_CODA}"
    rf"|(?:{_alternatives(_EITHER)}){_CODA}?)"
)
_STOP_CODA = re.compile(r"(?:ch|[cpt])$")
_SPLIT = re.compile(r"[\s!-/:-@\[-`{-~–—‘’“”…•]+")


def _is_syllable(word: str) -> bool:
    """Say whether ``word`` (Unicode) is one well-formed Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    base = _nfc("".join(c for c in decomposed if c not in _TONES))
    if not _SYLLABLE.fullmatch(base):
        return False
    # A syllable ending in c, ch, p, t takes only the acute or the dot below.
    return not (_STOP_CODA.search(base) and tones and tones[0] not in (_ACUTE, _DOT))


def _reads_as(word: str, encoding: LegacyEncoding) -> bool:
    try:
        return _is_syllable(to_unicode(word, encoding))
    except ValueError:
        return False


def detect_encoding(values: Iterable[str], *, min_evidence: int = 2) -> Encoding:
    """Decide whether a column's texts are Unicode, TCVN3 or VNI.

    Parameters
    ----------
    values : iterable of str
        The texts of one column (or of one sheet); non-strings are ignored.
    min_evidence : int, default 2
        How many words must read as Vietnamese in a legacy encoding, and not in Unicode, before the
        texts are called legacy.

    Returns
    -------
    {"unicode", "tcvn3", "vni"}
        ``"unicode"`` unless the evidence for a legacy encoding is clear.

    Notes
    -----
    Only words with a non-ASCII character and at least two characters count.  Each is read three
    ways: as it is, and converted from TCVN3 and from VNI; a reading *holds* when it gives one
    well-formed Vietnamese syllable (an onset, a vowel group from the closed list of Vietnamese vowel
    groups, a final consonant where allowed, at most one tone, and only the acute or the dot below
    after a final ``c``, ``ch``, ``p``, ``t``).  A word is evidence for an encoding when the legacy
    reading holds and the Unicode reading does not (``"Hãa"``, ``"N÷"``, ``"Hoùa"``); it is evidence
    against it when the Unicode reading holds and the legacy one does not (``"Hà"``, ``"Nữ"``).  An
    encoding is chosen when its evidence reaches ``min_evidence`` words and at least 80 % of the words
    that tell it apart from Unicode.  Ordinary Unicode Vietnamese fails because its letters outside
    Latin-1 (``ạ ư đ ữ``) are in no legacy table; English and French words are no Vietnamese syllable
    in any reading, so they are no evidence either way.

    Examples
    --------
    >>> detect_encoding(["Thanh Hãa", "Tæng sè", "N÷"])
    'tcvn3'
    >>> detect_encoding(["Thanh Hoùa", "Toång soá", "Nöõ"])
    'vni'
    >>> detect_encoding(["Thanh Hóa", "Tổng số", "Nữ", "Café crème, résumé"])
    'unicode'
    """
    support = {"tcvn3": 0, "vni": 0}
    against = {"tcvn3": 0, "vni": 0}
    for value in values:
        if not isinstance(value, str) or value.isascii():
            continue
        for word in _SPLIT.split(value):
            if len(word) < 2 or word.isascii():
                continue
            as_unicode = _is_syllable(word)
            for encoding in ("tcvn3", "vni"):
                as_legacy = _reads_as(word, encoding)
                if as_legacy and not as_unicode:
                    support[encoding] += 1
                elif as_unicode and not as_legacy:
                    against[encoding] += 1
    best: LegacyEncoding = "tcvn3" if support["tcvn3"] >= support["vni"] else "vni"
    evidence = support[best]
    if evidence >= min_evidence and 5 * evidence >= 4 * (evidence + against[best]):
        return best
    return "unicode"


# --- one cell at a time -------------------------------------------------------------------------

#: What :func:`cell_encoding` can answer besides an :data:`Encoding`.
CellEncoding = Literal["unicode", "tcvn3", "vni", "mojibake"]

# Characters of the 0x80-0x9F bytes as Windows-1252 shows them, back to their bytes.
_CP1252_BYTES = {
    bytes([b]).decode("cp1252"): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _as_bytes(text: str) -> bytes | None:
    """Return the bytes ``text`` shows when read as Windows-1252 (or Latin-1), or ``None``."""
    out = bytearray()
    for char in text:
        code = ord(char)
        if code < 0x100:
            out.append(code)
        elif char in _CP1252_BYTES:
            out.append(_CP1252_BYTES[char])
        else:
            return None
    return bytes(out)


_REPAIRED = frozenset(("tcvn3", "vni", "mojibake"))
# A character no legacy table holds (above U+00FF, not Windows-1252 punctuation).
_NOT_LEGACY = re.compile("[^\x00-\xff" + re.escape("".join(sorted(_CP1252_PUNCTUATION))) + "]")


def legacy_chars() -> frozenset[str]:
    """Return the characters above U+00FF that legacy text may hold (Windows-1252 punctuation)."""
    return _CP1252_PUNCTUATION


def repair_mojibake(text: str) -> str | None:
    """Return ``text`` repaired when it is UTF-8 read as Windows-1252 or Latin-1, else ``None``.

    Examples
    --------
    >>> repair_mojibake("Huyá»‡n Quan HÃ³a")
    'Huyện Quan Hóa'
    >>> print(repair_mojibake("Café"), repair_mojibake("Huyện"), repair_mojibake("abc"))
    None None None
    """
    if text.isascii():
        return None
    repaired: str | None = None
    for _ in range(2):  # once, or twice for text garbled twice
        raw = _as_bytes(text)
        if raw is None:
            break
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            break
        if decoded == text:
            break
        text = repaired = decoded
    return None if repaired is None else _nfc(repaired)


@functools.lru_cache(maxsize=1 << 16)
def cell_encoding(text: str) -> CellEncoding | None:
    """Decide how one cell's text is encoded; ``None`` when its words read well either way.

    Parameters
    ----------
    text : str
        One cell.

    Returns
    -------
    {"unicode", "tcvn3", "vni", "mojibake"} or None
        ``"mojibake"`` for UTF-8 shown as Windows-1252 (``"Huyá»‡n"``); a legacy encoding when at
        least one word reads as Vietnamese only in it, no word reads as Vietnamese only in Unicode,
        and the whole cell converts; ``"unicode"`` when the cell cannot be anything else (ASCII, a
        letter in no legacy table, a word that is Vietnamese only in Unicode); ``None`` when no word
        tells (``"Tô"`` is ``Tô`` in Unicode and ``Tụ`` in TCVN3): the column decides.

    Examples
    --------
    >>> [cell_encoding(t) for t in ("Ban ChÊp hµnh", "Thanh Hoùa", "Huyá»‡n", "Hà Nội", "Tô")]
    ['tcvn3', 'vni', 'mojibake', 'unicode', None]
    """
    if text.isascii():
        return "unicode"
    if _NOT_LEGACY.search(text):
        return "unicode"  # a letter no legacy table has (ạ ư đ ữ, a combining mark)
    if repair_mojibake(text) is not None:
        return "mojibake"
    support = {"tcvn3": 0, "vni": 0}
    against = {"tcvn3": 0, "vni": 0}
    for word in _SPLIT.split(text):
        if len(word) < 2 or word.isascii():
            continue
        as_unicode = _is_syllable(word)
        for encoding in ("tcvn3", "vni"):
            as_legacy = _reads_as(word, encoding)
            if as_legacy and not as_unicode:
                # a two-character word is evidence only with an onset: "N÷" (Nữ), not "µm"
                if len(word) > 2 or (word[0].isascii() and word[0].isalpha()):
                    support[encoding] += 1
            elif as_unicode and not as_legacy:
                against[encoding] += 1
    fits = [e for e in ("tcvn3", "vni") if support[e] and not against[e] and _converts(text, e)]
    if len(fits) == 2 and support["tcvn3"] != support["vni"]:
        fits = ["tcvn3" if support["tcvn3"] > support["vni"] else "vni"]
    if len(fits) == 1:
        return fits[0]  # type: ignore[return-value]
    if fits:
        return None
    # no word decides: undecided while some legacy reading is still possible
    if any(not against[e] and _converts(text, e) for e in ("tcvn3", "vni")):
        return None
    return "unicode"


def _converts(text: str, encoding: LegacyEncoding) -> bool:
    try:
        to_unicode(text, encoding)
    except ValueError:
        return False
    return True


def fix_texts(values: Iterable[object]) -> tuple[dict[str, str], dict[str, int]]:
    """Return the repairs of a group of cells (one column) and how many cells each kind repaired.

    Each distinct text is decided by :func:`cell_encoding`.  A text no word decides follows the
    group: converted when the group's cells decided as legacy are more than those decided as
    Unicode (and the text converts), else kept.

    Returns
    -------
    tuple of dict
        ``text -> repaired text`` for the texts that change, and ``kind -> number of cells``
        (``"tcvn3"``, ``"vni"``, ``"mojibake"``).

    Examples
    --------
    >>> fix_texts(["Ban ChÊp hµnh", "Ban ChÊp hµnh", "Tô", "Nam"])
    ({'Ban ChÊp hµnh': 'Ban Chấp hành', 'Tô': 'Tụ'}, {'tcvn3': 3})
    >>> fix_texts(["Hà Nội", "Tô", "Lê Thị Hà"])
    ({}, {})
    """
    counts: dict[str, int] = {}
    for value in values:
        if isinstance(value, str) and not value.isascii():
            counts[value] = counts.get(value, 0) + 1
    return fix_counts(counts)


def fix_counts(
    counts: Mapping[str, int], *, unicode_cells: int = 0
) -> tuple[dict[str, str], dict[str, int]]:
    """Return what :func:`fix_texts` returns, from each distinct text's number of cells.

    ``unicode_cells`` counts further cells of the group left out of ``counts`` because they are
    certainly Unicode (a letter no legacy table has); they vote for Unicode.

    Examples
    --------
    >>> fix_counts({"Tô": 3}, unicode_cells=5)
    ({}, {})
    >>> fix_counts({"Tô": 3, "N÷": 4})
    ({'Tô': 'Tụ', 'N÷': 'Nữ'}, {'tcvn3': 7})
    """
    decided = {text: cell_encoding(text) for text in counts}
    votes = {"unicode": unicode_cells, "tcvn3": 0, "vni": 0}
    for text, kind in decided.items():
        if kind in votes:
            votes[kind] += counts[text]
    legacy: LegacyEncoding = "tcvn3" if votes["tcvn3"] >= votes["vni"] else "vni"
    follow = legacy if votes[legacy] > votes["unicode"] else None
    repairs: dict[str, str] = {}
    kinds: dict[str, int] = {}
    for text, kind in decided.items():
        if kind is None and follow is not None and _converts(text, follow):
            kind = follow
        if kind == "mojibake":
            fixed = repair_mojibake(text)
        elif kind in ("tcvn3", "vni"):
            fixed = to_unicode(text, kind)
        else:
            continue
        if fixed is not None and fixed != text:
            repairs[text] = fixed
            kinds[kind] = kinds.get(kind, 0) + counts[text]
    return repairs, kinds


# --- grids ----------------------------------------------------------------------------------------


def _letter(c: int) -> str:
    from gender_stats.errors import excel_column_letter

    return excel_column_letter(c + 1)


def recode(values: Sequence[Any], *, file: str, what: str) -> tuple[list[Any], str | None]:
    """Return text values repaired (TCVN3, VNI, mojibake) cell by cell, and the main kind found.

    Each distinct text is decided on its own (:func:`fix_texts`), so a column where every cell says
    ``Ban ChÊp hµnh`` is converted, and one legacy cell in a Unicode column too.  Non-text values pass
    through.  ``file`` and ``what`` are kept for the callers' messages.  Returns the values and the
    kind that repaired most cells (``None`` when nothing changed).
    """
    del file, what
    repairs, kinds = fix_texts(values)
    if not repairs:
        return list(values), None
    out = [repairs.get(v, v) if isinstance(v, str) else v for v in values]
    return out, max(kinds, key=lambda k: kinds[k])


def _header_of(cells: list[list[Any]], header_rows: int, c: int) -> str:
    for r in range(header_rows - 1, -1, -1):
        v = cells[r][c] if c < len(cells[r]) else None
        if isinstance(v, str) and v.strip():
            return " ".join(v.split())
    return _letter(c)


def recode_grid(grid: Grid, *, header_rows: int, columns: Iterable[int] | None = None) -> Grid:
    """Return ``grid`` with legacy-encoded (TCVN3, VNI) and mojibake text repaired cell by cell.

    The rows above the data (title and header) are one group, then each of ``columns`` (every
    column when ``None``) below them: a cell whose words decide its encoding is repaired on its
    own; one they do not decide follows its group (see :func:`fix_texts`).  One
    :class:`~gender_stats.errors.LegacyEncodingWarning` names what was converted from TCVN3/VNI,
    and one :class:`~gender_stats.errors.MojibakeWarning` what was repaired from mojibake.
    """
    from gender_stats.errors import LegacyEncodingWarning, MojibakeWarning

    header_rows = min(header_rows, len(grid.cells))
    cells = grid.cells
    changed: dict[int, list[Any]] = {}
    found: dict[str, list[str]] = {}

    def repairs_of(values: Sequence[Any], where: str) -> dict[str, str]:
        distinct = {v for v in set(values) if type(v) is str and not v.isascii()}
        if not distinct or not any(cell_encoding(v) in _REPAIRED for v in distinct):
            return {}  # the common case: no cell decided as legacy, so none follows one
        repairs, kinds = fix_counts(Counter(v for v in values if v in distinct))
        for kind, n in kinds.items():
            found.setdefault(kind, []).append(f"{where}: {n} ô ({kind})")
        return repairs

    def patch(r: int, c: int, repairs: dict[str, str]) -> None:
        v = cells[r][c]
        if type(v) is str and v in repairs:
            changed.setdefault(r, list(cells[r]))[c] = repairs[v]

    # the title and header rows as one group, then each column below them
    top = [(r, c) for r in range(header_rows) for c in range(len(cells[r]))]
    repairs = repairs_of([cells[r][c] for r, c in top], "tiêu đề (header)")
    for r, c in top if repairs else ():
        patch(r, c, repairs)
    body = cells[header_rows:]
    transposed = list(zip(*body, strict=False)) if body else []
    for c in range(grid.width) if columns is None else columns:
        if c < len(transposed):
            where = f"cột {_letter(c)} ({_header_of(cells, header_rows, c)})"
            repairs = repairs_of(transposed[c], where)
            for r in range(header_rows, len(cells)) if repairs else ():
                patch(r, c, repairs)
    if not changed:
        return grid
    sheet = f', trang "{grid.sheet}"' if grid.sheet else ""
    legacy = [w for k in ("tcvn3", "vni") for w in found.get(k, [])]
    if legacy:
        warnings.warn(
            LEGACY_WARNING.format(file=grid.file, sheet=sheet, where="; ".join(legacy)),
            LegacyEncodingWarning,
            stacklevel=4,
        )
    if "mojibake" in found:
        warnings.warn(
            MOJIBAKE_WARNING.format(
                file=grid.file, sheet=sheet, where="; ".join(found["mojibake"])
            ),
            MojibakeWarning,
            stacklevel=4,
        )
    new_cells = [changed.get(r, row) for r, row in enumerate(cells)]
    return dataclasses.replace(grid, cells=new_cells)


def recode_top(grid: Grid, *, rows: int = 30) -> Grid:
    """Return ``grid`` with its first ``rows`` rows repaired (TCVN3/VNI/mojibake).

    Used when no header row is recognised, in case the headers themselves are in a legacy font.
    """
    return recode_grid(grid, header_rows=min(rows, len(grid.cells)), columns=())


#: The warning when cells typed in TCVN3/VNI were converted.
LEGACY_WARNING = (
    'Tệp "{file}"{sheet}: đã chuyển sang Unicode các ô gõ bằng mã cũ (legacy encoding '
    "converted) — {where}"
)
#: The warning when mojibake (UTF-8 read as Windows-1252) was repaired.
MOJIBAKE_WARNING = (
    'Tệp "{file}"{sheet}: đã sửa các ô lỗi phông UTF-8 đọc nhầm thành Windows-1252 (mojibake '
    'repaired, e.g. "Huyá»‡n" → "Huyện") — {where}. Hint: lưu lại tệp dạng UTF-8 '
    "(save the file as UTF-8)."
)
