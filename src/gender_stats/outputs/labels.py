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
from typing import Any, Literal

import numpy as np
import pandas as pd

from gender_stats.compliance import SHARE, STATUS, Status
from gender_stats.errors import ArgumentError

__all__ = [
    "DEFAULT_NOUN",
    "LABELS",
    "LANGS",
    "NA_REP",
    "PERIOD_LABELS",
    "PLANNING_LABELS",
    "STATUS_LABELS",
    "UNIT_NOUNS",
    "Lang",
    "Rounding",
    "format_count",
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

# --- collection cycle: reporting periods (founding letter, item 5) ---------------------------
#: The reporting periods of the founding letter in words (``{year}`` is the year).
PERIOD_LABELS: Mapping[str, Mapping[str, str]] = {
    "vi": {"H1": "6 tháng đầu năm {year}", "Y": "cả năm {year}"},
    "en": {"H1": "first half of {year}", "Y": "year {year}"},
}

# --- planning: the candidate-list odds in a notebook (Vietnamese with English) -----------------
#: Words of :meth:`gender_stats.planning.CandidateOdds._repr_html_`.
PLANNING_LABELS: Mapping[str, str] = {
    "odds_summary": (
        "{seats} ghế, {candidates} ứng cử viên, {women} nữ ({seats} seats, {candidates} "
        "candidates, {women} women): chỉ tiêu {rule} cần ít nhất {needed} nữ trúng cử (needs "
        "{needed} women elected); xác suất đạt (probability met) <b>{probability}</b>; số nữ "
        "trúng cử kỳ vọng (expected women elected) {expected}."
    ),
    "odds_ratio": "Tỷ số odds nữ/nam (odds ratio women/men) ω = {omega}.",
    "women_elected": "Số nữ trúng cử (women elected)",
    "probability": "Xác suất (probability)",
    "exact": "Phân số (exact)",
    "meets": "Đạt chỉ tiêu (meets the target)",
    "yes": "đạt",
    "no": "chưa đạt",
    "odds_zero": (
        "Các số nữ có xác suất 0 không ghi (counts of women with probability 0 are left out)."
    ),
}

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
