"""Vocabulary: the canonical codes of bodies, levels and sexes, and how offices write them.

The codes follow the vocabulary table of the domain reference.  Bodies and sexes are closed lists;
**levels are open**: the known ones are listed here for labels and parsing, but any lower-case code is
accepted, because the 2025 reforms abolished the district level and more changes will come.  Units are
data (see :func:`gender_stats.read_units`), never a list in code.

Examples
--------
>>> parse_sex("Nữ"), parse_sex("nam"), parse_sex("F"), parse_sex("female")
('F', 'M', 'F', 'F')
>>> parse_body("Ban Thường vụ")
'standing_committee'
>>> parse_term("Nhiệm kỳ 2015 – 2020")
'2015-2020'
>>> BODIES["party_committee"].vi
'Ban Chấp hành (cấp ủy)'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from types import MappingProxyType

from gender_stats._text import loose_key
from gender_stats.errors import GenderStatsError

__all__ = [
    "BODIES",
    "COLUMN_ALIASES",
    "LEVELS",
    "NATIONAL_ASSEMBLY_TERMS",
    "SEXES",
    "Label",
    "TermError",
    "body_label",
    "level_label",
    "normalise_term",
    "parse_body",
    "parse_level",
    "parse_sex",
    "parse_term",
    "term_bounds",
]


@dataclasses.dataclass(frozen=True)
class Label:
    """How a code is written in Vietnamese and English, and the other ways offices write it."""

    code: str
    vi: str
    en: str
    aliases: tuple[str, ...] = ()

    def __call__(self, lang: str = "vi") -> str:
        """Return the label in ``lang`` (``"vi"`` or ``"en"``)."""
        return self.vi if lang == "vi" else self.en


def _table(*labels: Label) -> Mapping[str, Label]:
    return MappingProxyType({lab.code: lab for lab in labels})


#: The bodies whose members are counted (closed list).
BODIES: Mapping[str, Label] = _table(
    Label(
        "party_committee",
        "Ban Chấp hành (cấp ủy)",
        "Party committee",
        ("ban chap hanh", "bch", "cap uy", "cap uy vien", "ban chap hanh dang bo", "committee"),
    ),
    Label(
        "standing_committee",
        "Ban Thường vụ",
        "Standing committee",
        ("ban thuong vu", "btv", "thuong vu", "ban thuong vu cap uy"),
    ),
    Label(
        "key_posts",
        "Chức danh chủ chốt",
        "Key posts",
        ("chuc danh chu chot", "lanh dao chu chot", "chuc danh lanh dao chu chot", "key leaders"),
    ),
    Label(
        "peoples_council",
        "Hội đồng nhân dân",
        "People's Council",
        (
            "hoi dong nhan dan",
            "hdnd",
            "dai bieu hdnd",
            "dai bieu hoi dong nhan dan",
            "people s council",
        ),
    ),
    Label(
        "peoples_committee",
        "Ủy ban nhân dân",
        "People's Committee",
        ("uy ban nhan dan", "ubnd", "lanh dao ubnd", "people s committee"),
    ),
    Label(
        "national_assembly",
        "Đại biểu Quốc hội",
        "National Assembly",
        ("quoc hoi", "dai bieu quoc hoi", "dbqh", "national assembly"),
    ),
    Label(
        "staff",
        "Cán bộ, công chức, viên chức",
        "Staff",
        (
            "can bo cong chuc vien chuc",
            "cbccvc",
            "cbcc",
            "ccvc",
            "can bo cong chuc",
            "cong chuc vien chuc",
            "can bo cong chuc vien chuc va nguoi lao dong",
            "nguoi lao dong",
            "workforce",
        ),
    ),
    Label(
        "planning_pool",
        "Cán bộ trong quy hoạch",
        "Leadership planning pool",
        ("quy hoach", "can bo quy hoach", "planning pool"),
    ),
    Label(
        "women_advancement_committee",
        "Ban vì sự tiến bộ của phụ nữ",
        "Committee for the advancement of women",
        (
            "ban vi su tien bo cua phu nu",
            "ban vstbcpn",
            "bvstbcpn",
            "ban vi su tien bo phu nu",
            "committee for the advancement of women",
        ),
    ),
    Label(
        "candidates",
        "Danh sách ứng cử",
        "Candidate list",
        (
            "ung cu vien",
            "nguoi ung cu",
            "danh sach chinh thuc",
            "danh sach ung cu",
            "candidate list",
        ),
    ),
)

#: Levels known today; any other lower-case code is accepted as data.
LEVELS: Mapping[str, Label] = _table(
    Label("national", "Trung ương", "National", ("toan quoc", "trung uong", "nation")),
    Label("province", "Cấp tỉnh", "Province", ("tinh", "cap tinh", "thanh pho truc thuoc tw")),
    Label("district", "Cấp huyện", "District", ("huyen", "cap huyen", "khoi huyen")),
    Label("commune", "Cấp xã", "Commune", ("xa", "cap xa", "xa phuong thi tran")),
    Label(
        "agency",
        "Sở, ban, ngành",
        "Provincial agency",
        (
            "so ban nganh",
            "khoi so nganh",
            "khoi so ban nganh",
            "co quan don vi",
            "department",
            "so",
            "so nganh",
            "ban nganh",
            "co quan",
            "agency",
        ),
    ),
)

#: Sex codes and the ways they are written.
SEXES: Mapping[str, Label] = _table(
    Label("F", "Nữ", "Female", ("nu", "f", "female", "woman", "women", "nu gioi", "x nu")),
    Label("M", "Nam", "Male", ("nam", "m", "male", "man", "men", "nam gioi")),
)

#: National Assembly terms (khóa) and the years they cover.
NATIONAL_ASSEMBLY_TERMS: Mapping[str, str] = MappingProxyType(
    {
        "XI": "2002-2007",
        "XII": "2007-2011",
        "XIII": "2011-2016",
        "XIV": "2016-2021",
        "XV": "2021-2026",
        "XVI": "2026-2031",
    }
)

#: Canonical column -> how offices write its header (compared with :func:`loose_key`).
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "term": ("term", "nhiem ky", "khoa", "nhiem ky khoa"),
        "unit_id": ("unit id", "ma don vi", "ma dv", "ma", "unit code"),
        "unit_name": (
            "unit name",
            "unit",
            "don vi",
            "ten don vi",
            "co quan don vi",
            "dia phuong",
            "ten co quan don vi",
        ),
        "level": ("level", "cap", "cap hanh chinh"),
        "kind": ("kind", "loai", "loai hinh", "loai don vi"),
        "body": ("body", "co quan", "to chuc", "loai co quan", "ban"),
        "total": ("total", "tong so", "tong", "so luong", "tong cong so"),
        "female": ("female", "nu", "so nu", "women", "trong do nu"),
        "share": ("share", "ty le", "ty le nu", "ti le", "ti le nu", "ty le phan tram", "percent"),
        "person_id": ("person id", "ma can bo", "ma so", "so hieu", "id", "ma ca nhan"),
        "full_name": (
            "full name",
            "name",
            "ho va ten",
            "ho ten",
            "ten",
            "ho va ten khai sinh",
            "ho ten khai sinh",
            "ho va ten dong chi",
        ),
        "sex": ("sex", "gender", "gioi tinh", "gioi", "nam nu", "phai"),
        "birth_year": (
            "birth year",
            "year of birth",
            "nam sinh",
            "ngay sinh",
            "ngay thang nam sinh",
        ),
        "ethnicity": ("ethnicity", "dan toc"),
        "post": ("post", "position", "chuc vu", "chuc danh", "chuc vu chuc danh"),
        "parent_id": ("parent id", "don vi cap tren", "ma don vi cap tren", "parent"),
        "aliases": ("aliases", "ten khac", "ten goi khac", "ten cu"),
        "row_number": ("stt", "tt", "so tt", "so thu tu", "no"),
    }
)


def _index(table: Mapping[str, Label]) -> dict[str, str]:
    return {
        loose_key(word): lab.code
        for lab in table.values()
        for word in (lab.code, lab.vi, lab.en, *lab.aliases)
    }


#: Names that contain a body's wording but name another body: committees of the mass
#: organisations (Women's Union, Youth Union, trade union, Farmers' Union, Veterans' Association,
#: Fatherland Front), the People's Council's standing board or leaders (not its deputies), and a
#: body of a term written only as "the previous term".  Patterns on :func:`loose_key` text.
_OTHER_BODIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "mass_organisation",
        re.compile(
            r"\b(?:hoi (?:lhpn|lh pn|lien hiep phu nu|phu nu|nong dan|nd|cuu chien binh|ccb"
            r"|nguoi cao tuoi|chu thap do|khuyen hoc|lien hiep thanh nien|sinh vien|luat gia"
            r"|nha bao|cuu thanh nien xung phong)"
            r"|h?lhpn|lien hiep phu nu|cuu chien binh|ccb|nong dan|cong doan|ldld"
            r"|lien doan lao dong|mttq|ubmttq|mat tran(?: to quoc)?|doan the"
            r"|doan (?:tn|tncs|thanh nien)|tncs|doan thanh nien cong san"
            r"|(?:huyen|tinh|thanh|thi|quan) doan"
            r"|doan (?:xa|phuong|thi tran|co so|truong|khoi)"
            r"|(?:bch|ban chap hanh|btv|ban thuong vu) doan(?! dai bieu| dbqh))\b"
        ),
    ),
    (
        "council_board",
        re.compile(
            r"\b(?:thuong truc|tt|lanh dao|chu tich|pho chu tich|ct|pct|cac ban(?: cua)?)"
            r" (?:hdnd|hoi dong nhan dan)\b|\btthdnd\b"
        ),
    ),
    (
        "previous_term",
        re.compile(r"\b(?:nhiem ky|nk|khoa|ky)(?: vua)? (?:truoc|cu|qua)\b"),
    ),
)


def other_body(value: object) -> str | None:
    r"""Return why a name that contains a body's wording names no body of the library, or ``None``.

    ``"mass_organisation"``: the committee of a mass organisation ("Ban Chấp hành Hội LHPN", "BTV
    Huyện đoàn"), not the party's; ``"council_board"``: the People's Council's standing board or
    leaders ("Thường trực HĐND"), not its deputies; ``"previous_term"``: a body of "the previous
    term", which no term in years names.

    Examples
    --------
    >>> other_body("Ban Chấp hành Hội LHPN"), other_body("BTV Tỉnh đoàn"), other_body("BCH")
    ('mass_organisation', 'mass_organisation', None)
    >>> other_body("Thường trực\nHĐND"), other_body("Ban chấp hành nhiệm kỳ trước")
    ('council_board', 'previous_term')
    >>> other_body("Đoàn ĐBQH tỉnh"), other_body("Đại biểu HĐND")
    (None, None)

    The party's own committee in a mass organisation is the party's:

    >>> other_body("Ban Chấp hành Đảng bộ Hội Nông dân tỉnh"), other_body("BCH Chi bộ Tỉnh đoàn")
    (None, None)
    """
    key = loose_key(value)
    why = next((why for why, pattern in _OTHER_BODIES if pattern.search(key)), None)
    if why == "mass_organisation" and _PARTY_ORGANISATION.search(key):
        return None  # the party's own committee in a mass organisation (its Đảng bộ, chi bộ)
    return why


#: The party's organisation in an agency or a mass organisation: "Đảng bộ Hội Nông dân tỉnh".
_PARTY_ORGANISATION = re.compile(r"\b(?:dang bo|dang uy|chi bo|chi uy|cap uy)\b")


_BODY_INDEX = _index(BODIES)
_LEVEL_INDEX = _index(LEVELS)
_SEX_INDEX = _index(SEXES)


def parse_sex(value: object) -> str | None:
    """Return ``"F"`` or ``"M"`` for a written sex, or ``None`` if it is not one.

    Examples
    --------
    >>> [parse_sex(v) for v in ("Nữ", "NU", "Nam", "male", "x")]
    ['F', 'F', 'M', 'M', None]
    """
    return _SEX_INDEX.get(loose_key(value))


def parse_body(value: object) -> str | None:
    """Return the body code for a written body name, or ``None`` if it is not one.

    Examples
    --------
    >>> parse_body("BCH"), parse_body("HĐND"), parse_body("peoples_council")
    ('party_committee', 'peoples_council', 'peoples_council')
    """
    return _BODY_INDEX.get(loose_key(value))


_LEVEL_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_level(value: object) -> str | None:
    """Return the level code for a written level; unknown lower-case codes pass through.

    Examples
    --------
    >>> parse_level("Cấp huyện"), parse_level("region"), parse_level("Khối  Sở, ngành")
    ('district', 'region', 'agency')
    """
    code = _LEVEL_INDEX.get(loose_key(value))
    if code is not None:
        return code
    text = str(value).strip()
    return text if _LEVEL_CODE.match(text) else None


_TERM = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/đến ]+\s*((?:19|20)\d\d)(?!\d)")
_KHOA = re.compile(r"\bkhoa\s+([ivxlc]+)\b")


def parse_term(value: object) -> str | None:
    """Return a term label ``"YYYY-YYYY"`` found in ``value``, or ``None``.

    Understands ``2015-2020``, ``2015 – 2020``, ``NHIỆM KỲ 2015 - 2020`` and the National Assembly's
    ``khóa XIV``.  The start must be before the end.

    Examples
    --------
    >>> parse_term("NHIỆM KỲ 2015 - 2020"), parse_term("Quốc hội khóa XIV"), parse_term("2020-2015")
    ('2015-2020', '2016-2021', None)
    """
    text = str(value)
    match = _TERM.search(text)
    if match:
        start, end = int(match.group(1)), int(match.group(2))
        return f"{start}-{end}" if start < end else None
    khoa = _KHOA.search(loose_key(text))
    if khoa:
        return NATIONAL_ASSEMBLY_TERMS.get(khoa.group(1).upper())
    return None


class TermError(GenderStatsError, ValueError):
    """A term label is not a term: not ``YYYY-YYYY``, or the start is not before the end."""


#: The message of a :class:`TermError`; ``{value}`` is the value as given, quoted.
TERM_ERROR_TEMPLATE = (
    "Nhiệm kỳ không hợp lệ (invalid term): {value} — cần dạng năm đầu-năm cuối, năm đầu trước "
    'năm cuối, ví dụ "2015-2020" hoặc "2015-20" (expected start-end years with the start '
    'before the end, e.g. "2015-2020" or "2015-20"). '
    "Hint: một nhiệm kỳ gồm hai năm, không phải một năm hay một ngày "
    "(a term is two years, not one year or a date)."
)

_STRICT_TERM = re.compile(r"^((?:19|20)\d\d)\s*[-‐‑‒–—−]\s*(\d\d(?:\d\d)?)$")


def normalise_term(value: object) -> str:
    """Return the canonical label ``"YYYY-YYYY"`` of a term written by a user, or raise.

    Unlike :func:`parse_term`, which finds a term inside a title, the whole value must be a term:
    a four-digit start year, a dash (hyphen, en or em dash, minus sign; spaces allowed around it)
    and an end year written with four digits or with its last two (``"2015-20"``).  The start must
    be before the end.

    Parameters
    ----------
    value : object
        The term as typed, e.g. ``"2015 – 2020"``.

    Returns
    -------
    str
        The term label, e.g. ``"2015-2020"``.

    Raises
    ------
    TermError
        If ``value`` is not a term: a single year, a date, three years, an end before the start or
        any other text.  The message names the value.

    Examples
    --------
    >>> [normalise_term(v) for v in ("2015-2020", "2015 – 2020", " 2015—2020 ", "2015-20")]
    ['2015-2020', '2015-2020', '2015-2020', '2015-2020']
    >>> normalise_term("2020-2015")
    Traceback (most recent call last):
    ...
    gender_stats.vocab.TermError: Nhiệm kỳ không hợp lệ (invalid term): "2020-2015" — ...
    """
    text = value.strip() if isinstance(value, str) else None
    match = _STRICT_TERM.match(text) if text is not None else None
    if match is None:
        raise TermError(TERM_ERROR_TEMPLATE.format(value=_quoted(value)))
    start = int(match.group(1))
    end_text = match.group(2)
    if len(end_text) == 2:
        end = start - start % 100 + int(end_text)
        if end <= start:  # "1999-04": the end is in the next century
            end += 100
        if end - start > 10:  # "2015-15" is not a 100-year term
            raise TermError(TERM_ERROR_TEMPLATE.format(value=_quoted(value)))
    else:
        end = int(end_text)
    if end <= start:
        raise TermError(TERM_ERROR_TEMPLATE.format(value=_quoted(value)))
    return f"{start}-{end}"


def _quoted(value: object) -> str:
    if value is None:
        return "(trống / empty)"
    text = str(value)
    return f'"{text[:57]}..."' if len(text) > 60 else f'"{text}"'


def term_bounds(term: str) -> tuple[int, int]:
    """Return the start and end years of a term label.

    Examples
    --------
    >>> term_bounds("2015-2020")
    (2015, 2020)
    """
    start, _, end = term.partition("-")
    return int(start), int(end)


def body_label(code: str, lang: str = "vi") -> str:
    """Return the label of a body code in ``lang``; unknown codes are returned as they are."""
    lab = BODIES.get(code)
    return lab(lang) if lab else code


def level_label(code: str, lang: str = "vi") -> str:
    """Return the label of a level code in ``lang``; unknown codes are returned as they are."""
    lab = LEVELS.get(code)
    return lab(lang) if lab else code


# Reporting periods of the founding letter (item 5): vocabulary like the bodies and levels, used
# by the collection cycle (compute) and the outputs; re-exported by gender_stats.outputs.labels.
#: The reporting periods of the founding letter in words (``{year}`` is the year).
PERIOD_LABELS: Mapping[str, Mapping[str, str]] = {
    "vi": {"H1": "6 tháng đầu năm {year}", "Y": "cả năm {year}"},
    "en": {"H1": "first half of {year}", "Y": "year {year}"},
}
