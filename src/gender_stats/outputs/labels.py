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

import re
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
    "PAGE_LABELS",
    "STATUS_LABELS",
    "UNIT_NOUNS",
    "Lang",
    "Rounding",
    "format_count",
    "format_points",
    "format_share",
    "rule_label",
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


# page
# The words of the report page, its provenance block and its collection section (vi / en).
# ``{n}`` in a caption is the number of the table or figure, filled in page order.

#: The report page's wording, by language.
PAGE_LABELS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "title": "Báo cáo tỷ lệ nữ trong cấp ủy, cơ quan dân cử và chức danh chủ chốt",
        "targets": "Chỉ tiêu",
        "term": "nhiệm kỳ",
        "all_terms": "mọi nhiệm kỳ có dữ liệu",
        "in_force": "các chỉ tiêu hiện hành theo nhiệm kỳ",
        "summary": (
            "{met}/{units} đơn vị đạt mọi chỉ tiêu áp dụng ({rows_met}/{rows} lượt đánh giá đơn vị "
            "× cơ quan × chỉ tiêu đạt{above}); còn thiếu {needed} nữ để đạt chỉ tiêu."
        ),
        "above": ", trong đó {k} lượt vượt khoảng",
        "term_head": "Nhiệm kỳ {term}: ",
        "coverage": " Phạm vi: {coverage}.",
        "summary_none": "Không đánh giá được đơn vị nào: {why}.",
        "term_none": "Không đánh giá được đơn vị nào trong nhiệm kỳ {term}: {why}.",
        "why_empty": "không có dòng nào thuộc phạm vi của chỉ tiêu đã chọn",
        "why_uncovered": "; không có chỉ tiêu nào trong danh mục áp dụng cho {terms}",
        "why_not_chosen": "; các chỉ tiêu đã chọn không áp dụng cho nhiệm kỳ {terms}",
        "below_head": "Đơn vị chưa đạt (trong ngoặc: số nữ còn thiếu)",
        "needed_col": "còn thiếu {n} nữ",
        "summary_section": "Tổng hợp theo chỉ tiêu",
        "summary_table": "Bảng {n}. Tổng hợp theo chỉ tiêu",
        "indicator_table": "Bảng {n}. Tỷ lệ nữ — {body}",
        "terms_table": "Bảng {n}. Tỷ lệ nữ qua các nhiệm kỳ",
        "shares_fig": "Hình {n}. Tỷ lệ nữ theo đơn vị — {body} (đường kẻ: chỉ tiêu)",
        "heatmap_fig": "Hình {n}. Tỷ lệ nữ theo đơn vị và cơ quan",
        "stacked_fig": "Hình {n}. Số nữ và nam theo cơ quan và cấp",
        "needed_fig": "Hình {n}. Số nữ còn thiếu theo đơn vị — {body}",
        "change_fig": "Hình {n}. Thay đổi tỷ lệ nữ từ nhiệm kỳ {a} đến {b} — {body}",
        "overview": "Biểu đồ tổng hợp",
        "sources": "Nguồn chỉ tiêu",
        "files": "Tệp đã tạo",
        "footer": "Tạo bởi gender_stats {version}. Tỷ lệ tính từ số người; tổng hợp cộng số người, "
        "không lấy trung bình tỷ lệ.",
        # file names (one language per report)
        "page_file": "bao_cao.html",
        "workbook_file": "bao_cao.xlsx",
        "chart_dir": "bieu_do",
        "shares_stem": "ty_le_{body}",
        "change_stem": "thay_doi_{body}",
        "needed_stem": "con_thieu_{body}",
        "heatmap_stem": "ban_do_nhiet",
        "stacked_stem": "nu_nam",
        # provenance
        "provenance": "Nguồn dữ liệu",
        "synthetic": "Dữ liệu mẫu (tổng hợp ngẫu nhiên) — không phải số liệu thật",
        "prov_scope": "Địa bàn",
        "prov_terms": "Nhiệm kỳ",
        "prov_targets": "Chỉ tiêu áp dụng",
        "prov_files": "Tệp đầu vào (số dòng dùng)",
        "prov_generated": "Ngày tạo",
        "prov_version": "Phiên bản gender_stats",
        "prov_units": "{n} đơn vị",
        "prov_no_file": "không có (bảng số liệu truyền trực tiếp)",
        "prov_none": "không có",
        "prov_rows": "{n} dòng",
        "prov_item": "Mục",
        "prov_value": "Nội dung",
        # the collection section
        "collection": "Tình hình nộp báo cáo",
        "coll_received": "đã nhận",
        "coll_problems": "có lỗi",
        "coll_missing": "chưa nộp",
        "coll_unmatched": "không khớp đơn vị",
        "coll_ambiguous": "khớp nhiều đơn vị",
        "coll_not_a_report": "không phải báo cáo",
        "coll_on_time": "đúng hạn",
        "coll_late": "muộn",
        "coll_summary": (
            "Đã nhận {got}/{n} đơn vị ({late} muộn), {bad} chỉ có tệp lỗi, {missing} chưa nộp; "
            "{other} tệp khác."
        ),
        "coll_due": "; hạn nộp trước {due}.",
        "coll_fig": "Hình {n}. Số báo cáo nhận được theo ngày (đường kẻ: hạn nộp)",
        "coll_table": "Bảng {n}. Tình hình nộp báo cáo theo đơn vị",
        "coll_file": "Tệp",
        "coll_date": "Ngày nhận",
        "coll_timely": "Đúng hạn",
        "coll_days_late": "Số ngày muộn",
        "coll_n_problems": "Số lỗi",
        "coll_problem_text": "Lỗi",
        "coll_status": "Tình trạng",
    },
    "en": {
        "title": "Women in party committees, elected bodies and key posts",
        "targets": "Targets",
        "term": "term",
        "all_terms": "every term with data",
        "in_force": "the targets in force for each term",
        "summary": (
            "{met}/{units} units meet every applicable target ({rows_met}/{rows} unit × body × "
            "target checks met{above}); {needed} more women are needed to meet the targets."
        ),
        "above": ", {k} of them above range",
        "term_head": "Term {term}: ",
        "coverage": " Coverage: {coverage}.",
        "summary_none": "No unit could be assessed: {why}.",
        "term_none": "No unit could be assessed in {term}: {why}.",
        "why_empty": "no counts row is in the scope of the chosen targets",
        "why_uncovered": "; no target in the catalogue applies to {terms}",
        "why_not_chosen": "; the chosen targets do not apply to {terms}",
        "below_head": "Units below target (in brackets: women still needed)",
        "needed_col": "{n} more women needed",
        "summary_section": "Summary by target",
        "summary_table": "Table {n}. Summary by target",
        "indicator_table": "Table {n}. Women's share — {body}",
        "terms_table": "Table {n}. Women's share across terms",
        "shares_fig": "Figure {n}. Women's share by unit — {body} (line: target)",
        "heatmap_fig": "Figure {n}. Women's share by unit and body",
        "stacked_fig": "Figure {n}. Women and men by body and level",
        "needed_fig": "Figure {n}. Women still needed by unit — {body}",
        "change_fig": "Figure {n}. Change in women's share from {a} to {b} — {body}",
        "overview": "Overview charts",
        "sources": "Sources of the targets",
        "files": "Files written",
        "footer": "Made with gender_stats {version}. Shares are computed from counts; pooled "
        "figures add counts, never average shares.",
        "page_file": "report.html",
        "workbook_file": "report.xlsx",
        "chart_dir": "charts",
        "shares_stem": "shares_{body}",
        "change_stem": "change_{body}",
        "needed_stem": "women_needed_{body}",
        "heatmap_stem": "heatmap",
        "stacked_stem": "women_men",
        "provenance": "Data sources",
        "synthetic": "Synthetic sample data — not real figures",
        "prov_scope": "Scope",
        "prov_terms": "Terms",
        "prov_targets": "Targets used",
        "prov_files": "Input files (rows used)",
        "prov_generated": "Generated on",
        "prov_version": "gender_stats version",
        "prov_units": "{n} units",
        "prov_no_file": "none (counts passed as a frame)",
        "prov_none": "none",
        "prov_rows": "{n} rows",
        "prov_item": "Item",
        "prov_value": "Value",
        "collection": "Returns received",
        "coll_received": "received",
        "coll_problems": "with problems",
        "coll_missing": "missing",
        "coll_unmatched": "no unit matched",
        "coll_ambiguous": "several units matched",
        "coll_not_a_report": "not a report",
        "coll_on_time": "on time",
        "coll_late": "late",
        "coll_summary": (
            "{got} of {n} units received ({late} late), {bad} with problems only, "
            "{missing} missing; {other} other files."
        ),
        "coll_due": "; due before {due}.",
        "coll_fig": "Figure {n}. Returns received by date (line: deadline)",
        "coll_table": "Table {n}. Returns by unit",
        "coll_file": "File",
        "coll_date": "Received",
        "coll_timely": "On time",
        "coll_days_late": "Days late",
        "coll_n_problems": "Problems",
        "coll_problem_text": "Problem details",
        "coll_status": "Status",
    },
}

#: The Vietnamese words of the rule texts of :attr:`gender_stats.targets.Rule.label` (the
#: ``rule`` column of the compliance frame) and their English (regex, replacement), in order.
_RULE_WORDS_EN: tuple[tuple[str, str], ...] = (
    (r"\b1 nữ\b", "1 woman"),
    (r"(\d) nữ\b", r"\1 women"),
    (r"% nữ\b", "% women"),
    (r"\(nếu ", "(if "),
    (r"% đơn vị:", "% of units:"),
)


def rule_label(rule: Any, lang: Lang = "vi") -> Any:
    """Return a rule text of the compliance frame in ``lang`` (the catalogue writes it in Vietnamese).

    Examples
    --------
    >>> rule_label("≥ 80% đơn vị: ≥ 1 nữ (nếu staff ≥ 30% nữ)", "en")
    '≥ 80% of units: ≥ 1 woman (if staff ≥ 30% women)'
    >>> rule_label("≥ 2 nữ", "en"), rule_label("≥ 15%", "en"), rule_label("≥ 1 nữ")
    ('≥ 2 women', '≥ 15%', '≥ 1 nữ')
    """
    if lang == "vi" or not isinstance(rule, str):
        return rule
    for pattern, replacement in _RULE_WORDS_EN:
        rule = re.sub(pattern, replacement, rule)
    return rule
