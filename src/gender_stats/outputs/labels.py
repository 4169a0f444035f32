"""Words and number formats of every output: one place for Vietnamese and English.

Every word the outputs show -- column headers, statuses, bodies, levels, the nouns of "20/27
huyện đạt", chart titles, notes of the page and the workbook, CLI messages -- is one entry of
:data:`WORDS`, a dotted key with its Vietnamese and English text, and is read with
:func:`label`.  The one formatter of shares, points and counts (:func:`format_share`,
:func:`format_points`, :func:`format_count`) lives here too: numbers are formatted exactly (a
:class:`fractions.Fraction`, rounded half away from zero by default) in the locale's style:
Vietnamese ``35,1%`` and ``9.310``, English ``35.1%`` and ``9,310``.

How to use it (tables, charts, workbook, page and CLI alike)
-----------------------------------------------------------
* ``label(key, lang)`` returns one word; ``label(key, lang, **fields)`` fills its ``{fields}``
  (``label("summary.result", "en", k=3, n=4, noun="districts")``).
* ``WORDS[key][lang]`` is the same text without the check of ``lang``.
* ``labels_for(prefix, lang)`` returns every word under a prefix by its last part
  (``labels_for("col", "en")["female"] == "Women"``).
* Keys are ``area.name``: ``col.*`` column headers, ``status.*`` statuses, ``body.*`` and
  ``level.*`` (from :mod:`gender_stats.vocab`), ``noun.*`` units of a level, ``summary.*``,
  ``shortfalls.*``, ``pretty.*`` (tables and notebook displays), ``chart.*`` (charts),
  ``sheet.*`` (workbook), ``page.*`` (report page), ``cli.*`` (command line), ``note.*`` (notes
  shared by several outputs), ``progress.*`` (progress words).
* New words are added with ``_add(area, {name: (vi, en)})`` in the block of their area below; a
  key added twice is an error at import, so two areas never silently disagree.

Examples
--------
>>> label("col.female"), label("col.female", "en")
('Nữ', 'Women')
>>> label("status.below", "en"), WORDS["body.party_committee"]["en"]
('Below target', 'Party committee')
>>> label("summary.result", "en", k=3, n=4, noun="districts")
'3/4 districts meet the target'
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
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd

from gender_stats.compliance import SHARE, STATUS, TERM_UNCOVERED, Status
from gender_stats.errors import ArgumentError
from gender_stats.vocab import BODIES, LEVELS

__all__ = [
    "DEFAULT_NOUN",
    "LABELS",
    "LANGS",
    "NA_REP",
    "STATUS_LABELS",
    "UNIT_NOUNS",
    "WORDS",
    "Lang",
    "Rounding",
    "check_lang",
    "format_count",
    "format_points",
    "format_share",
    "label",
    "labels_for",
    "rule_text",
]

#: The languages of the outputs.
LANGS: tuple[str, ...] = ("vi", "en")

Lang = Literal["vi", "en"]
Rounding = Literal["half_up", "truncate"]

_WORDS: dict[str, Mapping[str, str]] = {}


def _add(area: str, words: Mapping[str, tuple[str, str]]) -> None:
    """Add ``{name: (vi, en)}`` under ``area`` (``area.name``); a key added twice is an error."""
    for name, (vi, en) in words.items():
        key = f"{area}.{name}"
        if key in _WORDS:
            raise RuntimeError(f"labels: {key!r} is defined twice")
        _WORDS[key] = MappingProxyType({"vi": vi, "en": en})


# ---- shared: bodies and levels (from gender_stats.vocab), statuses ---------------------------
_add("body", {code: (lab.vi, lab.en) for code, lab in BODIES.items()})
_add("level", {code: (lab.vi, lab.en) for code, lab in LEVELS.items()})
_add(
    STATUS,  # the words of the compliance frame's status column: status.met, status.below, ...
    {
        Status.MET: ("Đạt", "Met"),
        Status.BELOW: ("Chưa đạt", "Below target"),
        Status.ABOVE_RANGE: ("Vượt khoảng", "Above range"),
        Status.NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
        Status.NO_DATA: ("Không có số liệu", "No data"),
    },
)

# ---- tables, summaries, notebook displays (words engineer: tables.py, pretty.py) -------------
_add(
    "col",
    {
        "term": ("Nhiệm kỳ", "Term"),
        "unit": ("Đơn vị", "Unit"),
        "level": ("Cấp", "Level"),
        "body": ("Cơ quan", "Body"),
        "total": ("Tổng số", "Total"),
        "female": ("Nữ", "Women"),
        "part": ("Số thuộc nhóm", "In the group"),
        SHARE: ("Tỷ lệ (%)", "Share (%)"),
        "target": ("Chỉ tiêu", "Target"),
        STATUS: ("Đánh giá", "Status"),
        "needed": ("Số nữ còn thiếu", "Women still needed"),
        "units_met": ("Đơn vị đạt", "Units meeting"),
        "result": ("Kết quả", "Result"),
        "change": ("Thay đổi (điểm %)", "Change (points)"),
        "previous": ("So với nhiệm kỳ", "Compared with"),
    },
)
_add(
    "summary",
    {
        "all_levels": ("Toàn tỉnh", "Province-wide"),
        "all_levels_of_scope": ("Tất cả các cấp", "All levels"),
        "result": ("{k}/{n} {noun} đạt", "{k}/{n} {noun} meet the target"),
        "above": ("{a} vượt khoảng", "{a} above range"),
        "not_assessed": ("không đánh giá được", "not assessed"),
    },
)
_add("scope", {"province": ("Tỉnh", "Province"), "district": ("Huyện", "District")})
_add(
    "noun",
    {
        "district": ("huyện", "districts"),
        "commune": ("xã", "communes"),
        "province": ("tỉnh", "provinces"),
        "agency": ("đơn vị", "agencies"),
        "national": ("đơn vị", "units"),
        "default": ("đơn vị", "units"),
    },
)

# gs.pretty: headers of the result frames' other columns (col.* first), and yes / no.
_add(
    "pretty",
    {
        "unit_id": ("Mã đơn vị", "Unit id"),
        "unit_name": ("Đơn vị", "Unit"),
        "target_id": ("Mã chỉ tiêu", "Target id"),
        "document": ("Văn bản", "Document"),
        "rule": ("Chỉ tiêu", "Target"),
        "numerator": ("Nhóm được đếm", "Group counted"),
        "threshold": ("Ngưỡng (%)", "Threshold (%)"),
        "gap_pp": ("Chênh lệch (điểm %)", "Gap (points)"),
        "seats_needed": ("Số nữ còn thiếu", "Women still needed"),
        "seats_needed_if_grow": (
            "Số nữ cần bổ sung (nếu tăng số thành viên)",
            "Women to add (if the body grows)",
        ),
        "note": ("Ghi chú", "Note"),
        "reason": ("Lý do", "Reason"),
        "male": ("Nam", "Men"),
        "n_rows": ("Số dòng", "Rows"),
        "n_units": ("Số đơn vị", "Units"),
        "n_met": ("Số đơn vị đạt", "Units meeting"),
        "n_below": ("Số đơn vị chưa đạt", "Units below target"),
        "n_above_range": ("Số đơn vị vượt khoảng", "Units above range"),
        "n_not_applicable": ("Số đơn vị không áp dụng", "Units not applicable"),
        "n_no_data": ("Số đơn vị không có số liệu", "Units with no data"),
        "label": ("Đạt / được đánh giá", "Meeting / assessed"),
        "pooled_share": ("Tỷ lệ chung (%)", "Pooled share (%)"),
        "total_all": ("Tổng số (mọi đơn vị)", "Total (every unit)"),
        "part_all": ("Nữ (mọi đơn vị)", "Women (every unit)"),
        "unit_share": ("Tỷ lệ đơn vị đạt (%)", "Share of units meeting (%)"),
        "unit_share_target": ("Chỉ tiêu tỷ lệ đơn vị (%)", "Target share of units (%)"),
        "unit_share_met": ("Đạt chỉ tiêu tỷ lệ đơn vị", "Share of units met"),
        "previous_term": ("So với nhiệm kỳ", "Compared with"),
        "share_previous": ("Tỷ lệ nhiệm kỳ trước (%)", "Previous share (%)"),
        "change_pp": ("Thay đổi (điểm %)", "Change (points)"),
        "term_start": ("Năm đầu nhiệm kỳ", "Term start"),
        "n_pooled": ("Số đơn vị gộp", "Units pooled"),
        "target_share": ("Mục tiêu (%)", "Target share (%)"),
        "target_year": ("Năm mục tiêu", "Target year"),
        "target_t": ("Nhiệm kỳ mục tiêu (năm đầu)", "Target term (start)"),
        "required_pace_pp": ("Tốc độ cần (điểm %/nhiệm kỳ)", "Pace needed (points a term)"),
        "method": ("Phương pháp", "Method"),
        "base_term": ("Nhiệm kỳ gốc", "Base term"),
        "current_term": ("Nhiệm kỳ hiện tại", "Current term"),
        "n_points": ("Số nhiệm kỳ có số liệu", "Terms with data"),
        "base_share": ("Tỷ lệ gốc (%)", "Base share (%)"),
        "current_share": ("Tỷ lệ hiện tại (%)", "Current share (%)"),
        "value": ("Giá trị", "Value"),
        "score": ("Điểm", "Score"),
        "current_progress": ("Tiến độ hiện tại", "Current progress"),
        "projected_share": ("Tỷ lệ dự báo (%)", "Projected share (%)"),
        "projected_status": ("Dự báo", "Projected status"),
        "direction": ("Hướng mong muốn", "Desired direction"),
        "observed_growth": ("Tăng trưởng thực tế", "Observed growth"),
        "required_growth": ("Tăng trưởng cần", "Required growth"),
        "limit": ("Giới hạn", "Limit"),
        "scaling": ("Hệ số", "Scaling"),
        "zero_replaced": ("Số 0 được thay", "Zero replaced"),
        "rules": ("Quy tắc", "Rules"),
        "True": ("Có", "Yes"),
        "False": ("Không", "No"),
    },
)

# Rules are written in Vietnamese by gender_stats.targets ("≥ 1 nữ", "≥ 1 nữ (nếu staff ≥ 30%
# nữ)", "≥ 60% đơn vị: ≥ 1 nữ"); rule_text() puts them in English with these words.
_add(
    "rule_word",
    {
        "woman": ("nữ", "woman"),
        "women": ("nữ", "women"),
        "if": ("nếu", "if"),
        "of_units": ("đơn vị", "of units"),
    },
)

# ---- charts (charts engineer: plots*.py) -----------------------------------------------------
# _add("chart", {...})

# ---- workbook (charts engineer: workbook.py) -------------------------------------------------
# _add("sheet", {...})

# ---- report page (page engineer: report.py) --------------------------------------------------
# _add("page", {...})

# ---- command line (words engineer: cli.py) ---------------------------------------------------
# The Vietnamese messages keep the English in brackets (the library's bilingual style); the
# English ones are English only (``--lang en``).
_add(
    "cli",
    {
        # report
        "targets_used": ("Chỉ tiêu đã áp dụng (targets used): ", "Targets used: "),
        "none": ("không có (none)", "none"),
        "coverage": ("Phạm vi (coverage): ", "Coverage: "),
        "nothing_assessed": (
            "Không đánh giá được đơn vị nào (no unit could be assessed): {coverage}. "
            "Hint: kiểm tra --term và --targets (check --term and --targets; see "
            "`gender-stats targets`).",
            "No unit could be assessed: {coverage}. Hint: check --term and --targets "
            "(see `gender-stats targets`).",
        ),
        "units_met": (
            "{met}/{units} đơn vị đạt mọi chỉ tiêu",
            "{met}/{units} units meet every target",
        ),
        "checks_above": (
            " ({above} lượt vượt khoảng, tính là đạt)",
            " ({above} checks above range, counted as meeting)",
        ),
        "below_needed": (
            "; {below} đơn vị chưa đạt; còn thiếu {needed} nữ.",
            "; {below} below target; {needed} more women needed.",
        ),
        "below_names": ("Chưa đạt: ", "Below target: "),
        "page": ("Trang báo cáo: ", "Report page: "),
        "workbook": ("Bảng tính: ", "Workbook: "),
        "charts": ("Biểu đồ: {dir} ({n} tệp)", "Charts: {dir} ({n} files)"),
        # validate
        "ok": ("OK: {path}: {n} rows — {reading}", "OK: {path}: {n} rows — {reading}"),
        "read_roster": ("danh sách từng người, đã đếm (a roster, counted)", "a roster, counted"),
        "read_counts": ("bảng số lượng (counts)", "counts"),
        "problems": (
            "{n} lỗi (problems) trong {files} tệp (files).",
            "{n} problems in {files} files.",
        ),
        # check
        "check_used": ("Chỉ tiêu đã áp dụng (targets used):", "Targets used:"),
        "check_none_used": (
            "  (không có chỉ tiêu nào được áp dụng / no target was applied)",
            "  (no target was applied)",
        ),
        "check_term": ("Nhiệm kỳ {term}:", "Term {term}:"),
        "check_all_met": (
            "Mọi đơn vị đạt chỉ tiêu (every unit meets the targets): {met}/{n} lượt đạt",
            "Every unit meets the targets: {met}/{n} checks met",
        ),
        "check_above": (
            "; {k} lượt vượt khoảng (above range), tính là đạt",
            "; {k} above range, counted as meeting",
        ),
        "check_uncovered": (
            TERM_UNCOVERED,
            "no target in the catalogue applies to {term} (pass --targets or load a YAML)",
        ),
        "check_nothing_term": (
            "Không đánh giá được dòng nào của nhiệm kỳ {term} (nothing assessed in {term}).",
            "Nothing assessed in {term}.",
        ),
        "check_short": (
            "{units} đơn vị chưa đạt (units below target); {checks} lượt (checks).",
            "{units} units below target; {checks} checks.",
        ),
        # targets
        "targets_note": (
            'Chỉ tiêu "đến năm Y" đánh giá nhiệm kỳ có năm đầu < Y ≤ năm cuối (a target set "by '
            'year Y" judges the term with start < Y ≤ end). Ví dụ (example): 26-NQ/TW "by 2030" '
            "judges the party committees of 2025-2030 and the National Assembly XVI (2026-2031), "
            "not NA XV (2021-2026), whose term ends before 2030. party_terms / council_terms: the "
            "terms each target judges for party bodies and for People's Council / National "
            "Assembly bodies.",
            'A target set "by year Y" judges the term with start < Y ≤ end. Example: 26-NQ/TW '
            '"by 2030" judges the party committees of 2025-2030 and the National Assembly XVI '
            "(2026-2031), not NA XV (2021-2026), whose term ends before 2030. party_terms / "
            "council_terms: the terms each target judges for party bodies and for People's "
            "Council / National Assembly bodies.",
        ),
        # template, collect
        "wrote_templates": (
            "Đã viết {n} tệp mẫu vào {out} (wrote {n} templates).",
            "Wrote {n} templates to {out}.",
        ),
        "on_time": ("đúng hạn", "on time"),
        "late": ("MUỘN (late)", "LATE"),
        "n_problems": (" — {n} lỗi (problems)", " — {n} problems"),
        "deadline": ("; hạn nộp (deadline) trước {date}", "; deadline before {date}"),
        "no_usable_counts": (
            "Chưa có số liệu dùng được (no usable counts): không viết tổng hợp.",
            "No usable counts: the consolidated workbook is not written.",
        ),
        "wrote_collection": (
            "Đã viết {out} (wrote the consolidated workbook).",
            "Wrote the consolidated workbook {out}.",
        ),
        # main
        "interrupted": ("Đã dừng (interrupted).", "Interrupted."),
        "warning": ("Cảnh báo (warning): {message}", "Warning: {message}"),
    },
)

#: Every word of the outputs: ``WORDS[key][lang]`` (read-only).
WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(_WORDS)


def check_lang(lang: object) -> None:
    """Raise a library error unless ``lang`` is one of :data:`LANGS`.

    Examples
    --------
    >>> check_lang("en")
    >>> try:
    ...     check_lang("fr")
    ... except ValueError as err:
    ...     print(err)
    ngôn ngữ không hợp lệ (unknown language): Got lang='fr'. Must be one of ['vi', 'en'].
    """
    if not isinstance(lang, str) or lang not in LANGS:
        raise ArgumentError(
            f"ngôn ngữ không hợp lệ (unknown language): Got lang={lang!r}. "
            f"Must be one of {list(LANGS)}."
        )


def label(key: str, lang: str = "vi", /, **fields: Any) -> str:
    """Return the word ``key`` in ``lang``, with its ``{fields}`` filled in.

    Parameters
    ----------
    key : str
        A key of :data:`WORDS` (``"col.female"``, ``"status.below"``, ``"body.party_committee"``).
    lang : {"vi", "en"}, default "vi"
        The language.
    **fields
        Values of the word's ``{placeholders}``.

    Returns
    -------
    str
        The text.

    Raises
    ------
    ArgumentError
        When ``lang`` is not a language of the outputs or ``key`` is not a word.

    Examples
    --------
    >>> label("level.district", "en"), label("summary.above", a=1)
    ('District', '1 vượt khoảng')
    """
    check_lang(lang)
    try:
        text = _WORDS[key][lang]
    except KeyError:
        raise ArgumentError(
            f"không có nhãn (no such label): {key!r}. Hint: the words are in "
            "gender_stats.outputs.labels.WORDS."
        ) from None
    return text.format(**fields) if fields else text


def labels_for(prefix: str, lang: str = "vi") -> dict[str, str]:
    """Return every word whose key starts with ``prefix.``, by the rest of its key.

    Examples
    --------
    >>> labels_for("noun", "en")["district"], labels_for("col")["female"]
    ('districts', 'Nữ')
    """
    check_lang(lang)
    start = prefix.rstrip(".") + "."
    return {k[len(start) :]: v[lang] for k, v in _WORDS.items() if k.startswith(start)}


def rule_text(text: str, lang: str = "vi") -> str:
    """Return a rule's label (:attr:`gender_stats.targets.Rule.label`) in ``lang``.

    Rule labels are numbers and signs around a few words; in English the words are replaced
    (``nữ`` → ``woman``/``women``, ``nếu`` → ``if``, ``đơn vị`` → ``of units``).

    Examples
    --------
    >>> rule_text("≥ 1 nữ (nếu staff ≥ 30% nữ)", "en")
    '≥ 1 woman (if staff ≥ 30% women)'
    >>> rule_text("≥ 60% đơn vị: ≥ 2 nữ", "en"), rule_text("≥ 1 nữ"), rule_text("≥ 15%", "en")
    ('≥ 60% of units: ≥ 2 women', '≥ 1 nữ', '≥ 15%')
    """
    check_lang(lang)
    if lang == LANGS[0]:
        return text

    def word(key: str) -> str:
        return _WORDS[f"rule_word.{key}"][lang]

    vi_woman = re.escape(_WORDS["rule_word.woman"]["vi"])
    out = re.sub(
        rf"(\d+)\s+{vi_woman}\b",
        lambda m: f"{m[1]} {word('woman') if m[1] == '1' else word('women')}",
        text,
    )
    out = re.sub(rf"%\s*{vi_woman}\b", "% " + word("women"), out)
    out = re.sub(rf"\({re.escape(_WORDS['rule_word.if']['vi'])}\s", f"({word('if')} ", out)
    return re.sub(
        rf"%\s*{re.escape(_WORDS['rule_word.of_units']['vi'])}:", f"% {word('of_units')}:", out
    )


def _by_lang(*prefixes: str, extra: Mapping[str, tuple[str, str]] | None = None) -> Any:
    out = {}
    for i, lang in enumerate(LANGS):
        words: dict[str, str] = {}
        for prefix in prefixes:
            words.update(labels_for(prefix, lang))
        for name, pair in (extra or {}).items():
            words[name] = pair[i]
        out[lang] = MappingProxyType(words)
    return MappingProxyType(out)


#: Column headers by language, ``LABELS[lang][name]`` (a view of ``col.*`` and ``summary.*``).
LABELS: Mapping[str, Mapping[str, str]] = _by_lang(
    "col",
    extra={
        "all_levels": (WORDS["summary.all_levels"]["vi"], WORDS["summary.all_levels"]["en"]),
        "met_word": ("đạt", "meet the target"),
        "above_word": ("vượt khoảng", "above range"),
        "not_assessed": (WORDS["summary.not_assessed"]["vi"], WORDS["summary.not_assessed"]["en"]),
    },
)

#: Status codes of :mod:`gender_stats.compliance` in words, ``STATUS_LABELS[lang][status]``.
STATUS_LABELS: Mapping[str, Mapping[str, str]] = _by_lang(STATUS)

#: How units of a level are called in "20/27 huyện đạt", ``UNIT_NOUNS[lang][level]``.
UNIT_NOUNS: Mapping[str, Mapping[str, str]] = _by_lang("noun")
DEFAULT_NOUN = {lang: WORDS["noun.default"][lang] for lang in LANGS}

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
    check_lang(lang)


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
