"""Words and number formats of every output: one place for Vietnamese and English.

Every label the outputs show (table headers, statuses, the nouns of "20/27 huyện đạt") and the
one formatter of shares, points and counts live here; tables, charts, the workbook, the page and
the CLI import them.  Numbers are formatted exactly (a :class:`fractions.Fraction`, rounded half
away from zero by default) in the locale's style: Vietnamese ``35,1%`` and ``9.310``, English
``35.1%`` and ``9,310``.

Examples
--------
>>> format_share((3, 9)), format_share((3, 9), lang="en")
('33,3%', '33.3%')
>>> format_count(9310), format_count(9310, lang="en")
('9.310', '9,310')
>>> STATUS_LABELS["en"]["above_range"]
'Above range'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd

from gender_stats import progress as _progress
from gender_stats.compliance import SHARE, STATUS, Status
from gender_stats.errors import ArgumentError

__all__ = [
    "CHART_FILE_KINDS",
    "CHART_WORDS",
    "DEFAULT_NOUN",
    "LABELS",
    "LANGS",
    "NA_REP",
    "STATUS_LABELS",
    "UNIT_NOUNS",
    "Lang",
    "Rounding",
    "chart_file_stem",
    "chart_label",
    "chart_labels",
    "format_count",
    "format_number",
    "format_points",
    "format_share",
]

#: The languages of the outputs.
LANGS: tuple[str, ...] = ("vi", "en")

Lang = Literal["vi", "en"]
Rounding = Literal["half_up", "truncate"]


#: Column headers of the tables, by language.
LABELS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "term": "Nhiệm kỳ",
        "unit": "Đơn vị",
        "level": "Cấp",
        "body": "Cơ quan",
        "total": "Tổng số",
        "female": "Nữ",
        "part": "Số thuộc nhóm",
        SHARE: "Tỷ lệ (%)",
        "target": "Chỉ tiêu",
        STATUS: "Đánh giá",
        "needed": "Số nữ còn thiếu",
        "units_met": "Đơn vị đạt",
        "result": "Kết quả",
        "change": "Thay đổi (điểm %)",
        "previous": "So với nhiệm kỳ",
        "all_levels": "Toàn tỉnh",
        "met_word": "đạt",
        "above_word": "vượt khoảng",
        "not_assessed": "không đánh giá được",
    },
    "en": {
        "term": "Term",
        "unit": "Unit",
        "level": "Level",
        "body": "Body",
        "total": "Total",
        "female": "Women",
        "part": "In the group",
        SHARE: "Share (%)",
        "target": "Target",
        STATUS: "Status",
        "needed": "Women still needed",
        "units_met": "Units meeting",
        "result": "Result",
        "change": "Change (points)",
        "previous": "Compared with",
        "all_levels": "Province-wide",
        "met_word": "meet the target",
        "above_word": "above range",
        "not_assessed": "not assessed",
    },
}

#: Status codes of :mod:`gender_stats.compliance` in words.
STATUS_LABELS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        Status.MET: "Đạt",
        Status.BELOW: "Chưa đạt",
        Status.ABOVE_RANGE: "Vượt khoảng",
        Status.NOT_APPLICABLE: "Không áp dụng",
        Status.NO_DATA: "Không có số liệu",
    },
    "en": {
        Status.MET: "Met",
        Status.BELOW: "Below target",
        Status.ABOVE_RANGE: "Above range",
        Status.NOT_APPLICABLE: "Not applicable",
        Status.NO_DATA: "No data",
    },
}

#: How units of a level are called in "20/27 huyện đạt".
UNIT_NOUNS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "district": "huyện",
        "commune": "xã",
        "province": "tỉnh",
        "agency": "đơn vị",
        "national": "đơn vị",
    },
    "en": {
        "district": "districts",
        "commune": "communes",
        "province": "provinces",
        "agency": "agencies",
        "national": "units",
    },
}
DEFAULT_NOUN = {"vi": "đơn vị", "en": "units"}

#: Missing values (no members, no data) are shown as this.
NA_REP = "–"

_ROUNDINGS = ("half_up", "truncate")


def _check_rounding(rounding: str, digits: int) -> None:
    if rounding not in _ROUNDINGS:
        raise ValueError(f"Got rounding={rounding!r}. Must be one of {list(_ROUNDINGS)}.")
    if not isinstance(digits, (int, np.integer)) or isinstance(digits, bool) or digits < 0:
        raise ValueError(f"Got digits={digits!r}. Must be a whole number ≥ 0.")


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _as_fraction(x: Any) -> Fraction | None:
    """Return ``x`` as an exact fraction, ``None`` when it is missing or has no denominator."""
    if isinstance(x, tuple):
        if len(x) != 2:
            raise ArgumentError(f"Got {x!r}. A share as a tuple must be (female, total).")
        female, total = x
        if _is_missing(female) or _is_missing(total) or int(total) == 0:
            return None
        return Fraction(int(female), int(total))
    if _is_missing(x):
        return None
    if isinstance(x, (Fraction, Rational)):
        return Fraction(x)
    if isinstance(x, Decimal):
        return Fraction(x)
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, (float, np.floating)):
        # The shortest decimal that prints as this float is what the user meant (0.126, not
        # 0.12599999999999997513...).
        return Fraction(Decimal(repr(float(x))))
    raise _ShareTypeError(
        f"tỷ lệ không hợp lệ (not a share): got {type(x).__name__} {_short(x)}. A share must be a "
        "Fraction, (female, total), a float or a Decimal."
    )


class _ShareTypeError(ArgumentError, TypeError):
    """A share of the wrong type: a library error that is also a :class:`TypeError`."""


def _short(x: Any) -> str:
    """Return ``repr(x)`` on one line, cut at 60 characters."""
    text = " ".join(repr(x).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _fixed(value: Fraction, *, digits: int, rounding: str, sep: str, sign: bool = False) -> str:
    """Write ``value`` with ``digits`` decimals, rounding half away from zero or truncating."""
    scaled = abs(value) * 10**digits
    if rounding == "half_up":
        n = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    else:
        n = scaled.numerator // scaled.denominator
    whole, frac = divmod(n, 10**digits)
    text = str(whole) if digits == 0 else f"{whole}{sep}{frac:0{digits}d}"
    if n and value < 0:
        return "-" + text
    if n and sign:
        return "+" + text
    return text


def _number(
    x: Any,
    scale: int,
    *,
    lang: str,
    digits: int,
    rounding: str,
    sign: bool = False,
    suffix: str = "",
) -> str:
    """Return ``x · scale`` written exactly, in the locale's style (the one formatter)."""
    _check_lang(lang)
    _check_rounding(rounding, digits)
    value = _as_fraction(x)
    if value is None:
        return NA_REP
    sep = _separators(lang)[0]
    return _fixed(value * scale, digits=int(digits), rounding=rounding, sep=sep, sign=sign) + suffix


def format_share(
    x: Any,
    *,
    lang: Lang = "vi",
    digits: int = 1,
    rounding: Rounding = "half_up",
) -> str:
    """Format a share as a percentage in the locale's style.

    Parameters
    ----------
    x : Fraction, (female, total), float or Decimal
        The share as a fraction of 1.  A Fraction or a ``(female, total)`` pair is formatted
        exactly; a float is taken as the shortest decimal that prints as it.
    lang : {"vi", "en"}, default "vi"
        ``"vi"`` writes a decimal comma (``35,1%``), ``"en"`` a decimal point (``35.1%``).
    digits : int, default 1
        Decimals after the separator.
    rounding : {"half_up", "truncate"}, default "half_up"
        Half-up rounds 12.55 to 12.6; truncation (as some published reports do) cuts to 12.5.

    Returns
    -------
    str
        The percentage with its ``%`` sign; ``"–"`` when the share is missing (``total == 0``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> format_share((9, 45)), format_share(Fraction(17, 135), rounding="truncate")
    ('20,0%', '12,5%')
    >>> format_share(0.351, lang="en"), format_share((0, 0))
    ('35.1%', '–')
    """
    return _number(x, 100, lang=lang, digits=digits, rounding=rounding, suffix="%")


def format_points(
    x: Any,
    *,
    lang: Lang = "vi",
    digits: int = 1,
    rounding: Rounding = "half_up",
) -> str:
    """Format a change in percentage points with its sign (``+4,4``, ``-2,0``, ``0,0``).

    Parameters
    ----------
    x : Fraction, float or Decimal
        The change in points (already multiplied by 100).
    lang, digits, rounding
        As in :func:`format_share`.

    Returns
    -------
    str
        The signed number, ``"–"`` when missing.

    Examples
    --------
    >>> format_points(4.44), format_points(-2, lang="en"), format_points(float("nan"))
    ('+4,4', '-2.0', '–')
    """
    return _number(x, 1, lang=lang, digits=digits, rounding=rounding, sign=True)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"Got lang={lang!r}. Must be one of {list(LANGS)}.")


def _separators(lang: str) -> tuple[str, str]:
    """Return the decimal mark and the thousands separator of ``lang``."""
    return (",", ".") if lang == "vi" else (".", ",")


def format_count(n: Any, *, lang: Lang = "vi") -> str:
    """Format a count with the locale's thousands separator (``9.310``, ``9,310``).

    Parameters
    ----------
    n : int
        A whole number (a numpy or pandas integer too); missing values give ``"–"``.
    lang : {"vi", "en"}, default "vi"
        ``"vi"`` groups thousands with a dot, ``"en"`` with a comma.

    Returns
    -------
    str
        The grouped number.

    Examples
    --------
    >>> format_count(1234567), format_count(-9310, lang="en"), format_count(pd.NA)
    ('1.234.567', '-9,310', '–')
    """
    _check_lang(lang)
    if _is_missing(n):
        return NA_REP
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise ArgumentError(
            f"số đếm phải là số nguyên (a count must be a whole number), got "
            f"{type(n).__name__} {n!r}"
        )
    return f"{int(n):,}".replace(",", _separators(lang)[1])


# ---- charts (charts engineer: plots*.py) -----------------------------------------------------
# Every word of the charts, ``name: (vi, en)``; read with :func:`chart_label`.  (When the dotted
# WORDS registry lands, this block is ``_add("chart", CHART_WORDS)`` and ``chart_label(name)`` is
# ``label("chart." + name)``.)

#: The words of the charts: ``CHART_WORDS[name] == (vi, en)``.
CHART_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "women_share": ("Tỷ lệ nữ", "Share of women"),
        "share_axis": ("Tỷ lệ nữ (%)", "Share of women (%)"),
        "shares_title": ("Tỷ lệ nữ theo đơn vị", "Share of women by unit"),
        "target": ("Chỉ tiêu", "Target"),
        "term": ("nhiệm kỳ", "term"),
        "missing": ("không có số liệu", "no data"),
        "no_woman": ("không có nữ", "no woman"),
        "seats_title": ("Số nữ còn thiếu để đạt chỉ tiêu", "Women still needed to meet the target"),
        "seats_grow_title": (
            "Số nữ cần bổ sung (tăng số thành viên) để đạt chỉ tiêu",
            "Women to add (body grows) to meet the target",
        ),
        "seats_axis": ("Số nữ còn thiếu (người)", "Women still needed (persons)"),
        "seats_none": (
            "Tất cả đơn vị đều đạt chỉ tiêu,\nkhông đơn vị nào còn thiếu nữ",
            "Every unit meets the target:\nno unit needs more women",
        ),
        "status_title": ("Tình trạng", "Status"),
        "change_title": ("Thay đổi tỷ lệ nữ (điểm %)", "Change in the share of women (points)"),
        "heatmap_share_title": (
            "Tỷ lệ nữ theo đơn vị và cơ quan",
            "Share of women by unit and body",
        ),
        "heatmap_status_title": (
            "Tình trạng đạt chỉ tiêu theo đơn vị và cơ quan",
            "Target status by unit and body",
        ),
        "women": ("Nữ", "Women"),
        "men": ("Nam", "Men"),
        "persons": ("Số người", "Persons"),
        "stacked_title": ("Số nữ và nam theo cấp và cơ quan", "Women and men by level and body"),
        "panel.bodies": ("Các cơ quan (số thành viên)", "Bodies (members)"),
        "panel.staff": ("Cán bộ, công chức, viên chức (số người)", "Staff (persons)"),
        "trend_title": ("Tỷ lệ nữ qua các nhiệm kỳ", "Share of women across terms"),
        "units": ("đơn vị", "units"),
        "target_year": ("Năm mục tiêu", "Target year"),
        "progress_title": ("Đánh giá tiến độ theo phương pháp", "Progress assessed by the method"),
        "score_axis": ("Điểm (−5 đến +5)", "Score (−5 to +5)"),
        "value_axis": ("Giá trị theo phương pháp", "Value of the method"),
        "target_by": ("chỉ tiêu {share} vào năm {year}", "target {share} by {year}"),
        "method.growth_ratio": ("tỷ số tốc độ tăng (Open SDG)", "growth-rate ratio (Open SDG)"),
        "method.escap": (
            "ESCAP (hiện trạng và dự báo)",
            "ESCAP (current status and anticipated progress)",
        ),
        "method.linear": ("tốc độ tuyến tính", "linear pace"),
        "progress." + _progress.ACHIEVED: ("Đã đạt chỉ tiêu", "Target achieved"),
        "progress." + _progress.SUBSTANTIAL: ("Tiến bộ rõ (đúng hướng)", "Substantial progress"),
        "progress." + _progress.MAINTAIN: ("Duy trì tiến độ", "Maintain progress"),
        "progress." + _progress.ON_TRACK: ("Đúng tiến độ", "On track"),
        "progress." + _progress.MODERATE: ("Tiến bộ vừa (cần đẩy nhanh)", "Moderate progress"),
        "progress." + _progress.ACCELERATE: ("Cần đẩy nhanh", "Accelerate"),
        "progress." + _progress.SLIGHTLY_OFF: ("Hơi chậm tiến độ", "Slightly off track"),
        "progress." + _progress.LIMITED: ("Tiến bộ hạn chế", "Limited progress"),
        "progress." + _progress.OFF_TRACK: ("Chậm tiến độ", "Off track"),
        "progress." + _progress.DETERIORATION: ("Đi xuống", "Deterioration"),
        "progress." + _progress.REVERSE: ("Cần đảo ngược xu hướng", "Reverse trend"),
        "progress." + _progress.WRONG_WAY: ("Đi ngược hướng", "Wrong direction"),
        "progress." + _progress.INSUFFICIENT: ("Không đủ số liệu", "Insufficient data"),
        "progress." + _progress.NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
        "band.40_and_under": ("Từ 40 tuổi trở xuống", "40 and under"),
        "band.41_50": ("Trên 40 đến 50", "41-50"),
        "band.over_50": ("Trên 50", "over 50"),
        "band.under_40": ("Dưới 40", "under 40"),
        "band.40_50": ("40-50", "40-50"),
        "intersections_title": ("Tỷ lệ nữ theo nhóm tuổi", "Share of women by age band"),
        "intersections_note": ("ô: nữ/tổng số", "cell: women/members"),
        "returns_title": ("Báo cáo nhận được theo thời gian", "Returns received over time"),
        "returns_received": ("đã nhận", "received"),
        "returns_units": ("{n} đơn vị", "{n} units"),
        "returns_deadline": ("hạn nộp", "deadline"),
        "returns_axis": ("Số đơn vị đã nộp", "Units reported"),
    }
)


def chart_label(name: str, lang: Lang = "vi", /, **fields: Any) -> str:
    """Return the chart word ``name`` in ``lang``, with its ``{fields}`` filled in.

    Examples
    --------
    >>> chart_label("women", "en"), chart_label("target_by", share="25,0%", year=2030)
    ('Women', 'chỉ tiêu 25,0% vào năm 2030')
    """
    _check_lang(lang)
    try:
        pair = CHART_WORDS[name]
    except KeyError:
        raise ArgumentError(
            f"không có nhãn biểu đồ (no such chart label): {name!r}. Hint: the words are in "
            "gender_stats.outputs.labels.CHART_WORDS."
        ) from None
    text = pair[LANGS.index(lang)]
    return text.format(**fields) if fields else text


def chart_labels(prefix: str, lang: Lang = "vi") -> dict[str, str]:
    """Return every chart word under ``prefix.`` by the rest of its name.

    Examples
    --------
    >>> chart_labels("band", "en")["over_50"]
    'over 50'
    """
    _check_lang(lang)
    start = prefix.rstrip(".") + "."
    i = LANGS.index(lang)
    return {k[len(start) :]: v[i] for k, v in CHART_WORDS.items() if k.startswith(start)}


def format_number(x: Any, *, lang: Lang = "vi", digits: int = 2) -> str:
    """Format a plain number (a score, a chart tick) half-up with the locale's decimal mark.

    Examples
    --------
    >>> format_number(-0.745), format_number(4.11, lang="en"), format_number(2.5, digits=1)
    ('-0,75', '4.11', '2,5')
    """
    return _number(x, 1, lang=lang, digits=digits, rounding="half_up")


def chart_file_stem(kind: str, body: str | None = None, term: str | None = None) -> str:
    """Return the file name (without extension) of a chart: ASCII, in English only.

    Chart files are named the same whatever the language of the report (``shares_party_committee``
    in a Vietnamese report too), so that links and scripts do not depend on ``lang``.

    Examples
    --------
    >>> chart_file_stem("shares", "party_committee"), chart_file_stem("heatmap", term="2020-2025")
    ('shares_party_committee', 'heatmap_2020-2025')
    """
    if kind not in CHART_FILE_KINDS:
        raise ArgumentError(
            f"loại biểu đồ không hợp lệ (unknown chart kind): got {kind!r}. Must be one of "
            f"{list(CHART_FILE_KINDS)}."
        )
    return "_".join(str(p) for p in (kind, body, term) if p)


#: The kinds of chart files (:func:`chart_file_stem`).
CHART_FILE_KINDS: tuple[str, ...] = (
    "shares",
    "change",
    "women_needed",
    "heatmap",
    "women_men",
    "women_men_staff",
    "trend",
    "progress",
    "intersections",
    "returns",
)
