"""Indicator tables: what a provincial office prints, in Vietnamese (default) or English.

The tables are plain DataFrames ready for display: counts (``Tổng số``, ``Nữ``) always stand beside
the share, and the share is formatted from the counts **exactly** (a :class:`fractions.Fraction`, not a
float), rounded half-up by default or truncated on request, with the locale's decimal separator
(``35,1%`` in Vietnamese, ``35.1%`` in English).  :func:`style_table` turns any of them into a pandas
Styler for notebooks and :func:`to_html` into HTML for the report.

Examples
--------
>>> from fractions import Fraction
>>> format_share(Fraction(17, 135)), format_share(Fraction(17, 135), rounding="truncate")
('12,6%', '12,5%')
>>> format_share((13, 55), digits=2, lang="en")
'23.64%'
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast
from uuid import uuid4

import numpy as np
import pandas as pd

from gender_stats.compliance import (
    DOCUMENT,
    NUMERATOR,
    RULE,
    SEATS_NEEDED,
    SHARE,
    STATUS,
    TARGET_ID,
    Status,
    counted_groups,
    shortfalls,
    summarise,
)
from gender_stats.errors import ArgumentError, ArgumentTypeError, require_frame
from gender_stats.indicators import CHANGE_PP, term_changes
from gender_stats.outputs.labels import (
    DEFAULT_NOUN,
    LABELS,
    NA_REP,
    STATUS_LABELS,
    UNIT_NOUNS,
    WORDS,
    Lang,
    Rounding,
    _check_rounding,
    _is_missing,
    check_lang,
    format_count,
    format_points,
    format_share,
    label,
    rule_text,
)
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.targets import Rule, ShareOfUnits, get_targets
from gender_stats.vocab import BODIES, LEVELS, body_label, level_label, term_bounds

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = [
    "LABELS",
    "STATUS_LABELS",
    "format_points",
    "format_share",
    "indicator_table",
    "shortfalls_table",
    "style_table",
    "summary_table",
    "terms_table",
    "to_html",
]


def _check_lang(lang: str) -> None:
    check_lang(lang)


def _share_texts(
    frame: pd.DataFrame,
    *,
    lang: str,
    digits: int,
    rounding: str,
    part: pd.Series | None = None,
) -> list[str]:
    numerators = frame[FEMALE] if part is None else part
    return [
        format_share((f, t), lang=lang, digits=digits, rounding=rounding)  # type: ignore[arg-type]
        for f, t in zip(numerators, frame[TOTAL], strict=True)
    ]


def _share_numbers(total: pd.Series, part: pd.Series) -> np.ndarray:
    """Return ``100 · part / total`` as floats (from the exact fraction), NaN when missing or 0."""
    out = [
        np.nan
        if _is_missing(p) or _is_missing(t) or int(t) == 0
        else float(Fraction(100 * int(p), int(t)))
        for p, t in zip(part, total, strict=True)
    ]
    return np.asarray(out, dtype="float64")


def _require(frame: pd.DataFrame, columns: Sequence[str], func: str) -> None:
    require_frame(frame, columns, func, "pass the frame returned by gender_stats.check()")


_COMPLIANCE_NEEDS = (TERM, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE, TARGET_ID, RULE, STATUS)


def _several(series: pd.Series) -> bool:
    """Return whether ``series`` holds more than one distinct non-missing value."""
    return len(pd.unique(series.dropna())) > 1


def _numerators(compliance: pd.DataFrame) -> pd.Series:
    """Return the counted column's name per row (``female`` unless a target counts another group)."""
    return counted_groups(compliance).astype("str")


def _parts(compliance: pd.DataFrame) -> pd.Series:
    """Return each row's own numerator count (``female``, or ``under_40`` for an age target)."""
    out = compliance[FEMALE].astype("Int64")
    names = _numerators(compliance)
    for name in pd.unique(names):
        if name != FEMALE:
            mask = (names == name).to_numpy(dtype=bool)
            values = (
                compliance[name].astype("Int64")
                if name in compliance.columns
                else pd.Series(pd.NA, index=compliance.index, dtype="Int64")
            )
            out = out.mask(mask, values)
    return out


def _target_texts(compliance: pd.DataFrame) -> pd.Series:
    """Return the rule of each row, with its document (if several) and counted group (if not women)."""
    rule = compliance[RULE].astype("str")
    if DOCUMENT in compliance.columns and _several(compliance[DOCUMENT]):
        rule = rule + " (" + compliance[DOCUMENT].astype("str") + ")"
    names = _numerators(compliance)
    return rule.where(names == FEMALE, rule + " [" + names + "]")


def _needed(compliance: pd.DataFrame) -> pd.Series:
    if SEATS_NEEDED in compliance.columns:
        return compliance[SEATS_NEEDED].astype("Int64")
    return pd.Series(pd.NA, index=compliance.index, dtype="Int64")


def indicator_table(
    compliance: pd.DataFrame,
    *,
    lang: Lang = "vi",
    rounding: Rounding = "half_up",
    digits: int = 1,
    term: str | None = None,
    numeric: bool = False,
) -> pd.DataFrame:
    """Return the indicator table by unit × body: counts, share, target, status, women needed.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame of :func:`gender_stats.compliance.check`.
    lang : {"vi", "en"}, default "vi"
        Language of headers, body names and statuses.
    rounding : {"half_up", "truncate"}, default "half_up"
        How the share is rounded for display (see :func:`format_share`).
    digits : int, default 1
        Decimals of the share.
    term : str, optional
        Keep only this term.  When the frame holds several terms a ``Nhiệm kỳ`` column comes first.
        Term × body × target groups in which the target applies to no unit are left out.
    numeric : bool, default False
        For export: ``Tỷ lệ (%)`` holds the share in percent as a number (``float64``, exact
        from the counts up to the float, NaN when the body has no members) instead of the text
        ``"4,4%"``; ``rounding`` and ``digits`` then do not apply.

    Returns
    -------
    pandas.DataFrame
        One row per compliance row, in its order, with columns ``Đơn vị``, ``Cơ quan``,
        ``Tổng số``, ``Nữ``, ``Tỷ lệ (%)`` (text, exact from the counts), ``Chỉ tiêu``,
        ``Đánh giá`` (status in words) and ``Số nữ còn thiếu`` (``Int64``, missing when the target
        does not apply).  A target that counts another group (``numerator`` such as ``under_40``)
        shows that group's count and names it in ``Chỉ tiêu``; the column is then ``Số thuộc nhóm``.
        In English ``Unit``, ``Body``, ``Total``, ``Women``, ``Share (%)``,
        ``Target``, ``Status``, ``Women still needed``.

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 2, "unit_id": ["A", "B"], "unit_name": ["Huyện A", "Huyện B"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2, "total": [45, 33],
    ...     "female": [9, 4], "target_id": ["36-CT/TW:a"] * 2, "document": ["36-CT/TW"] * 2,
    ...     "rule": ["≥ 15%"] * 2, "status": ["met", "below"],
    ...     "seats_needed": pd.array([0, 1], dtype="Int64")})
    >>> indicator_table(compliance)[["Đơn vị", "Nữ", "Tỷ lệ (%)", "Đánh giá", "Số nữ còn thiếu"]]
        Đơn vị  Nữ Tỷ lệ (%) Đánh giá  Số nữ còn thiếu
    0  Huyện A   9     20,0%      Đạt                0
    1  Huyện B   4     12,1%  Chưa đạt                1
    >>> indicator_table(compliance, numeric=True)["Tỷ lệ (%)"].round(3).tolist()
    [20.0, 12.121]
    """
    _check_lang(lang)
    if not isinstance(numeric, (bool, np.bool_)):
        raise ArgumentTypeError(
            f"numeric phải là True hoặc False (numeric must be a bool), got "
            f"{type(numeric).__name__} {numeric!r}"
        )
    _check_rounding(rounding, digits)
    _require(compliance, _COMPLIANCE_NEEDS, "indicator_table")
    frame = compliance if term is None else compliance[compliance[TERM] == term]
    frame = applicable_rows(frame, (TERM, BODY, TARGET_ID))
    lab = LABELS[lang]
    words = STATUS_LABELS[lang]
    columns: dict[str, Any] = {}
    if _several(frame[TERM]):
        columns[lab["term"]] = frame[TERM].astype("str").to_numpy()
    columns[lab["unit"]] = frame[UNIT_NAME].astype("str").to_numpy()
    columns[lab["body"]] = [body_label(str(b), lang) for b in frame[BODY]]
    columns[lab["total"]] = frame[TOTAL].astype("Int64").array
    part = _parts(frame)
    women_only = bool((_numerators(frame) == FEMALE).all())
    columns[lab["female" if women_only else "part"]] = part.array
    columns[lab[SHARE]] = (
        _share_numbers(frame[TOTAL], part)
        if numeric
        else _share_texts(frame, lang=lang, digits=digits, rounding=rounding, part=part)
    )
    columns[lab["target"]] = [rule_text(t, lang) for t in _target_texts(frame)]
    columns[lab[STATUS]] = [words.get(str(s), str(s)) for s in frame[STATUS]]
    columns[lab["needed" if women_only else "needed_part"]] = _needed(frame).array
    return pd.DataFrame(columns)


def level_order(level: Any) -> tuple[int, str]:
    """Return the sort key of a level: the order of :data:`~gender_stats.vocab.LEVELS`, then name.

    Shared with the workbook writer, as are :func:`body_order`, :func:`applicable_rows`,
    :func:`summary_numbers_frame` and :func:`units_noun` (not part of the public API).
    """
    codes = list(LEVELS)
    text = str(level)
    return (codes.index(text), text) if text in codes else (len(codes), text)


def body_order(body: Any) -> int:
    """Return the sort key of a body: its place in :data:`~gender_stats.vocab.BODIES`."""
    codes = list(BODIES)
    return codes.index(str(body)) if str(body) in codes else len(codes)


def applicable_rows(compliance: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Drop the groups of ``keys`` whose every row is ``not_applicable`` (keep all if none is left).

    ``check`` pairs every counts row with every target of its body, so the terms a target was
    not set for come back as whole groups of "not applicable"; they say nothing in a summary.
    """
    relevant = (
        (compliance[STATUS] != Status.NOT_APPLICABLE)
        .groupby([compliance[k] for k in keys], sort=False, dropna=False)
        .transform("any")
    )
    if not relevant.any():
        return compliance
    return compliance[relevant.to_numpy(dtype=bool)]


#: The scope column a summary groups by on its own when it holds several values.
_PROVINCE = "province"


def _scope(by: str | None, compliance: pd.DataFrame, func: str) -> list[str]:
    """Return the scope columns of a summary (``[]`` for one scope: the whole frame)."""
    if by is None:
        return []
    if not isinstance(by, str):
        raise ArgumentTypeError(
            f"by phải là tên một cột (by must be a column name), got {type(by).__name__} {by!r}"
        )
    if by in _OWN_GROUPS:
        raise ArgumentError(
            f"by={by!r}: bảng đã chia theo {', '.join(_OWN_GROUPS)} (the table already has a row "
            f"per {', '.join(_OWN_GROUPS)}); by= là cột phạm vi khác, ví dụ 'province' (by= names "
            "another scope column, e.g. 'province')"
        )
    require_frame(compliance, [by], func, f"by={by!r} names a column of the compliance frame")
    return [by]


#: The groups every summary table has its rows by (a scope ``by=`` cannot be one of them).
_OWN_GROUPS = (TERM, LEVEL, BODY, TARGET_ID)


def summary_numbers_frame(compliance: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Return the level and scope-wide summary as numbers (shared with the workbook writer).

    The numbers are :func:`gender_stats.compliance.summarise`'s, one row per term × scope × body
    × target × level, then a row with ``level`` missing for all levels of the scope together
    (the scope is the column ``by``, e.g. ``province``; the whole frame when ``by`` is None):
    ``n_met`` (units meeting the target: met or above the range), ``n_above_range`` (of them,
    above the range), ``n_assessed`` (units with a met / below / above-range status),
    ``n_units`` (rows), ``total``, ``female`` (pooled over every unit of the group:
    ``total_all``, ``part_all``), ``share`` (pooled; NaN when no unit was assessed, never a
    "0 %" made of missing numbers), ``seats_needed`` (the women needed, as
    :func:`~gender_stats.compliance.summarise` defines them) and ``verdict`` (the row's own
    status, see :func:`_verdicts`).
    """
    _require(compliance, _COMPLIANCE_NEEDS, "summary_table")
    scope = _scope(by, compliance, "summary_table")
    compliance = applicable_rows(compliance, (TERM, BODY, TARGET_ID))
    frame = compliance.assign(
        _rule=_target_texts(compliance.drop(columns=DOCUMENT, errors="ignore")),
        _document=(
            compliance[DOCUMENT].astype("str")
            if DOCUMENT in compliance.columns
            else compliance[TARGET_ID].astype("str")
        ),
    )
    keys = [TERM, *scope, BODY, TARGET_ID, "_rule", "_document"]
    parts = [
        summarise(frame, by=[*keys, LEVEL], warn=False),
        summarise(frame, by=keys, warn=False).assign(level=None),
    ]
    out = pd.concat(parts, ignore_index=True)
    out = out.drop(columns=[RULE, DOCUMENT]).rename(
        columns={
            TOTAL: "total_assessed",
            "part": "part_assessed",
            "n_units": "n_assessed",
            "n_rows": "n_units",
            "total_all": TOTAL,
            "part_all": FEMALE,
            "_rule": RULE,
            "_document": DOCUMENT,
        }
    )
    out[SHARE] = (
        out[FEMALE]
        .astype("float64")
        .div(out[TOTAL].astype("float64").where(out[TOTAL] > 0))
        .where(out["n_assessed"] > 0)
    )
    out["verdict"] = _verdicts(out)
    first_seen = {v: k for s in scope for k, v in enumerate(dict.fromkeys(compliance[s]))}
    sort_key = list(
        zip(
            [term_bounds(str(t)) for t in out[TERM]],
            *([first_seen[v] for v in out[s]] for s in scope),
            [body_order(b) for b in out[BODY]],
            out[TARGET_ID].astype("str"),
            [(1, 0, "") if _is_missing(lv) else (0, *level_order(lv)) for lv in out[LEVEL]],
            strict=True,
        )
    )
    order = sorted(range(len(out)), key=lambda i: sort_key[i])
    columns = [
        TERM,
        *scope,
        LEVEL,
        BODY,
        TARGET_ID,
        DOCUMENT,
        RULE,
        NUMERATOR,
        "n_met",
        "n_above_range",
        "n_assessed",
        "n_units",
        TOTAL,
        FEMALE,
        SHARE,
        SEATS_NEEDED,
        "verdict",
    ]
    return out.iloc[order][columns].reset_index(drop=True)


def _verdicts(numbers: pd.DataFrame) -> list[Any]:
    """Return each summary row's own status, from its units' verdicts (never its pooled share).

    A share-of-units target is met when enough of the assessed units meet it; a target set per
    unit (a share floor, a range, a presence) only when every assessed unit meets it (6/40 = 15 %
    is not met while one unit is below 15 %).  ``<NA>`` when no unit was assessed or the target is not in the catalogue (no verdict from nothing).
    """
    rules: dict[str, Rule] = {t.id: t.rule for t in get_targets()}
    out: list[Any] = []
    for target_id, n_met, n in zip(
        numbers[TARGET_ID], numbers["n_met"], numbers["n_assessed"], strict=True
    ):
        rule = rules.get(str(target_id))
        if rule is None or not n:
            out.append(pd.NA)
        elif isinstance(rule, ShareOfUnits):
            out.append(Status.MET if rule.units_met(int(n_met), int(n)) else Status.BELOW)
        else:  # a per-unit target: met by a group only when every assessed unit meets it
            out.append(Status.MET if int(n_met) == int(n) else Status.BELOW)
    return [pd.NA if _is_missing(v) else str(v) for v in out]


def units_noun(level: Any, lang: str) -> str:
    """Return the word for the units of a level ("huyện", "districts"; "đơn vị" for all)."""
    if level is None or _is_missing(level):
        return DEFAULT_NOUN[lang]
    return UNIT_NOUNS[lang].get(str(level), DEFAULT_NOUN[lang])


def _result_text(k: int, a: int, n: int, level: Any, lang: str) -> str:
    """Return ``"20/27 huyện đạt (1 vượt khoảng)"`` (``"không đánh giá được"`` when ``n`` is 0)."""
    if not n:
        return label("summary.not_assessed", lang)
    text = label("summary.result", lang, k=k, n=n, noun=units_noun(level, lang))
    return text + (f" ({label('summary.above', lang, a=a)})" if a else "")


def _scope_header(column: str, lang: str) -> str:
    """Return the header of a scope column (``province`` → ``Tỉnh``), else the column's name."""
    key = f"scope.{column}"
    return label(key, lang) if key in WORDS else column


def _all_levels(scope: list[str], lang: str) -> str:
    """Return the label of the scope-wide row (``Toàn tỉnh``; ``Tất cả các cấp`` by another scope)."""
    if not scope or scope == [_PROVINCE]:
        return label("summary.all_levels", lang)
    return label("summary.all_levels_of_scope", lang)


def summary_table(
    compliance: pd.DataFrame,
    *,
    lang: Lang = "vi",
    rounding: Rounding = "half_up",
    digits: int = 1,
    by: str | None = None,
) -> pd.DataFrame:
    """Summarise compliance by level and for the whole province: "20/27 huyện đạt".

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame of :func:`gender_stats.compliance.check`.
    lang : {"vi", "en"}, default "vi"
        Language of headers and labels.
    rounding, digits
        How pooled shares are shown (see :func:`format_share`).
    by : str, optional
        A scope column of the frame (e.g. ``"province"``): each of its values is summarised on
        its own, with its own scope-wide row, so two provinces are never pooled into one
        ``Toàn tỉnh`` row.  By default the whole frame is one scope, unless it has a
        ``province`` column with several provinces: then ``by="province"``.

    Returns
    -------
    pandas.DataFrame
        One row per level × body × target, followed for each body × target by a province-wide row
        (``Toàn tỉnh``): ``Cấp``, ``Cơ quan``, ``Chỉ tiêu``, ``Kết quả`` (``"20/27 huyện
        đạt"``: units meeting the target of the units it could be assessed on; not-applicable
        and no-data units are left out of the 27; units above a range meet the target, ``"2/3
        huyện đạt (1 vượt khoảng)"``; ``"không đánh giá được"`` and ``–`` for the counts when
        no unit could be assessed), pooled ``Tổng số``, ``Nữ`` and ``Tỷ lệ (%)`` (``–`` when
        nothing was assessed), ``Số nữ còn thiếu`` (over units) and ``Đánh giá``: the row's
        own verdict (see Notes), which :func:`style_table` colours.  A ``Nhiệm kỳ`` column
        comes first when there are several terms, then the scope column when ``by`` is given.

    Notes
    -----
    The pooled share is ``Σ female / Σ total`` over every unit of the group, not the mean of the
    units' shares.  Term × body × target groups in which the target applies to no unit at all (a
    directive checked against the terms it was not set for) are left out.

    A row's verdict comes from its units, never from its pooled share: a per-unit target
    (≥ 15 %, 35–40 %, a woman in each body) is ``Đạt`` only when every assessed unit meets it,
    so a pooled 6/40 = 15 % with one of two districts below is ``Chưa đạt``; a share-of-units target (60 % of communes) by the share of units meeting.
    Missing when nothing was assessed or the target is not in the catalogue.

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "S"],
    ...     "unit_name": ["Huyện A", "Huyện B", "Sở X"], "level": ["district", "district", "agency"],
    ...     "body": ["party_committee"] * 3, "total": [9, 41, 10], "female": [3, 2, 2],
    ...     "target_id": ["36-CT/TW:a"] * 3, "document": ["36-CT/TW"] * 3, "rule": ["≥ 15%"] * 3,
    ...     "status": ["met", "below", "met"], "seats_needed": pd.array([0, 5, 0], dtype="Int64")})
    >>> summary_table(compliance)[["Cấp", "Kết quả", "Nữ", "Tổng số", "Tỷ lệ (%)", "Đánh giá"]]
                   Cấp          Kết quả  Nữ  Tổng số Tỷ lệ (%)  Đánh giá
    0        Cấp huyện   1/2 huyện đạt   5       50     10,0%  Chưa đạt
    1   Sở, ban, ngành  1/1 đơn vị đạt   2       10     20,0%       Đạt
    2        Toàn tỉnh  2/3 đơn vị đạt   7       60     11,7%  Chưa đạt
    """
    _check_lang(lang)
    _check_rounding(rounding, digits)
    columns_in = getattr(compliance, "columns", ())
    if by is None and _PROVINCE in columns_in and _several(compliance[_PROVINCE]):
        by = _PROVINCE  # two provinces are never pooled into one "Toàn tỉnh" row
    numbers = summary_numbers_frame(compliance, by)
    scope = [] if by is None else [by]
    lab = LABELS[lang]
    columns: dict[str, Any] = {}
    if _several(numbers[TERM]):
        columns[lab["term"]] = numbers[TERM].astype("str").to_numpy()
    for column in scope:
        columns[_scope_header(column, lang)] = numbers[column].astype("str").to_numpy()
    all_levels = _all_levels(scope, lang)
    columns[lab["level"]] = [
        all_levels if _is_missing(lv) else level_label(str(lv), lang) for lv in numbers[LEVEL]
    ]
    columns[lab["body"]] = [body_label(str(b), lang) for b in numbers[BODY]]
    several_docs = _several(numbers[DOCUMENT])
    columns[lab["target"]] = [
        rule_text(f"{r} ({d})" if several_docs else str(r), lang)
        for r, d in zip(numbers[RULE], numbers[DOCUMENT], strict=True)
    ]
    columns[lab["result"]] = [
        _result_text(int(k), int(a), int(n), lv, lang)
        for k, a, n, lv in zip(
            numbers["n_met"],
            numbers["n_above_range"],
            numbers["n_assessed"],
            numbers[LEVEL],
            strict=True,
        )
    ]
    columns[lab["total"]] = numbers[TOTAL].astype("int64").to_numpy()
    women_only = bool((numbers[NUMERATOR] == FEMALE).all())  # of the groups shown
    columns[lab["female" if women_only else "part"]] = numbers[FEMALE].astype("int64").to_numpy()
    shares = _share_texts(numbers, lang=lang, digits=digits, rounding=rounding)
    columns[lab[SHARE]] = [
        text if n else NA_REP for text, n in zip(shares, numbers["n_assessed"], strict=True)
    ]
    needed = numbers[SEATS_NEEDED].astype("int64").to_numpy()
    columns[lab["needed" if women_only else "needed_part"]] = needed
    words = STATUS_LABELS[lang]
    columns[lab[STATUS]] = [NA_REP if _is_missing(v) else words[str(v)] for v in numbers["verdict"]]
    return pd.DataFrame(columns)


def shortfalls_table(
    compliance: pd.DataFrame,
    *,
    lang: Lang = "vi",
    rounding: Rounding = "half_up",
    digits: int = 1,
) -> pd.DataFrame:
    """Return the units below target as a table, grouped by body, worst first in each body.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame of :func:`gender_stats.compliance.check`.
    lang : {"vi", "en"}, default "vi"
        Language of headers, bodies and levels.
    rounding, digits
        How shares are shown (see :func:`format_share`).

    Returns
    -------
    pandas.DataFrame
        One row per unit × body × target below target: ``Cơ quan``, ``Đơn vị``, ``Chỉ tiêu``,
        ``Nữ`` (or ``Số thuộc nhóm`` for a target counting another group), ``Tổng số``,
        ``Tỷ lệ (%)`` and ``Số nữ còn thiếu`` (``–`` when no number of women reaches the target at
        this size).  Bodies in the order of :data:`gender_stats.vocab.BODIES`; within a body
        the order of :func:`gender_stats.shortfalls`: most women needed first (unreachable first
        of all), then the lowest share.  A ``Nhiệm kỳ`` column comes first when there are
        several terms.  Empty (with its columns) when no unit falls short.

    Examples
    --------
    >>> import pandas as pd
    >>> from gender_stats import check
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 4, "unit_id": ["A", "B", "C", "A"],
    ...     "unit_name": ["Huyện A", "Huyện B", "Huyện C", "Huyện A"], "level": ["district"] * 4,
    ...     "body": ["party_committee"] * 3 + ["standing_committee"],
    ...     "total": [20, 40, 40, 12], "female": [2, 3, 9, 0]})
    >>> shortfalls_table(check(counts, "36-CT/TW"), lang="en")[
    ...     ["Body", "Unit", "Women", "Total", "Share (%)", "Women still needed"]]
                     Body     Unit  Women  Total Share (%)  Women still needed
    0     Party committee  Huyện B      3     40      7.5%                   3
    1     Party committee  Huyện A      2     20     10.0%                   1
    2  Standing committee  Huyện A      0     12      0.0%                   1
    """
    _check_lang(lang)
    _check_rounding(rounding, digits)
    _require(compliance, _COMPLIANCE_NEEDS, "shortfalls_table")
    below = shortfalls(compliance)
    order = sorted(range(len(below)), key=lambda i: (body_order(below[BODY].iloc[i]), i))
    below = below.iloc[order].reset_index(drop=True)
    lab = LABELS[lang]
    part = _parts(below)
    women_only = bool((_numerators(below) == FEMALE).all())
    columns: dict[str, Any] = {}
    if _several(below[TERM]):
        columns[lab["term"]] = below[TERM].astype("str").to_numpy()
    columns[lab["body"]] = [body_label(str(b), lang) for b in below[BODY]]
    columns[lab["unit"]] = below[UNIT_NAME].astype("str").to_numpy()
    columns[lab["target"]] = [rule_text(t, lang) for t in _target_texts(below)]
    columns[lab["female" if women_only else "part"]] = part.array
    columns[lab["total"]] = below[TOTAL].astype("Int64").array
    columns[lab[SHARE]] = _share_texts(
        below, lang=lang, digits=digits, rounding=rounding, part=part
    )
    columns[lab["needed" if women_only else "needed_part"]] = _needed(below).array
    return pd.DataFrame(columns)


def terms_table(
    counts: pd.DataFrame,
    *,
    lang: Lang = "vi",
    rounding: Rounding = "half_up",
    digits: int = 1,
) -> pd.DataFrame:
    """Return the multi-term view: share per term and change in points since the previous term.

    Terms are compared within one unit and one body only (party terms 2015-2020, 2020-2025 are
    never compared with council terms 2016-2021, 2021-2026).

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts over several terms (see :mod:`gender_stats.schema`).
    lang : {"vi", "en"}, default "vi"
        Language of headers and body names.
    rounding, digits
        How shares and changes are shown (see :func:`format_share`).

    Returns
    -------
    pandas.DataFrame
        One row per unit × body × term (units in their order in ``counts``, bodies in the order of
        :data:`gender_stats.vocab.BODIES`, terms in time): ``Đơn vị``, ``Cơ quan``,
        ``Nhiệm kỳ``, ``Tổng số``, ``Nữ``, ``Tỷ lệ (%)``, ``So với nhiệm kỳ`` (the previous term)
        and ``Thay đổi (điểm %)`` (signed points, exact from the counts; ``–`` for the first term).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020", "2020-2025"], "unit_id": ["A", "A"],
    ...     "unit_name": ["Huyện A", "Huyện A"], "level": ["district"] * 2,
    ...     "body": ["party_committee"] * 2, "total": [40, 45], "female": [4, 7]})
    >>> terms_table(counts)[["Nhiệm kỳ", "Nữ", "Tỷ lệ (%)", "Thay đổi (điểm %)"]]
        Nhiệm kỳ  Nữ Tỷ lệ (%) Thay đổi (điểm %)
    0  2015-2020   4     10,0%                 –
    1  2020-2025   7     15,6%              +5,6
    """
    _check_lang(lang)
    _check_rounding(rounding, digits)
    changes = term_changes(counts, exact=True)
    # Units in the order the user gave them, bodies in the vocabulary's order, terms in time.
    first_seen = {u: k for k, u in enumerate(dict.fromkeys(counts[UNIT_ID]))}
    keys = [
        (first_seen[u], body_order(b), term_bounds(str(t)))
        for u, b, t in zip(changes[UNIT_ID], changes[BODY], changes[TERM], strict=True)
    ]
    changes = changes.iloc[sorted(range(len(changes)), key=keys.__getitem__)].reset_index(drop=True)
    lab = LABELS[lang]
    points = [  # the one change since the previous term: indicators.term_changes, exact
        format_points(p, lang=lang, digits=digits, rounding=rounding) if p is not None else NA_REP
        for p in changes[CHANGE_PP]
    ]
    name = changes[UNIT_NAME] if UNIT_NAME in changes.columns else changes[UNIT_ID]
    return pd.DataFrame(
        {
            lab["unit"]: name.astype("str").to_numpy(),
            lab["body"]: [body_label(str(b), lang) for b in changes[BODY]],
            lab["term"]: changes[TERM].astype("str").to_numpy(),
            lab["total"]: changes[TOTAL].astype("Int64").array,  # <NA>: a count not sent
            lab["female"]: changes[FEMALE].astype("Int64").array,
            lab[SHARE]: _share_texts(changes, lang=lang, digits=digits, rounding=rounding),
            lab["previous"]: changes["previous_term"].astype("str").fillna(NA_REP).to_numpy(),
            lab["change"]: points,
        }
    )


#: Fill of rows below target, as in the workbook.
BELOW_COLOUR = "#FFC7CE"


def _below_rows(table: pd.DataFrame) -> np.ndarray:
    """Return a boolean mask of the rows to highlight (below target, or women still needed)."""
    below_words = {STATUS_LABELS[lang][Status.BELOW] for lang in STATUS_LABELS}
    for lang in LABELS:
        status = LABELS[lang][STATUS]
        if status in table.columns:
            return table[status].isin(below_words).to_numpy(dtype=bool)
    for lang in LABELS:
        for needed in (LABELS[lang]["needed"], LABELS[lang]["needed_part"]):
            if needed in table.columns:
                values = pd.to_numeric(table[needed], errors="coerce").fillna(0)
                return (values > 0).to_numpy(dtype=bool)
    return np.zeros(len(table), dtype=bool)


def _table_lang(table: pd.DataFrame) -> str:
    """Return the language of a table's headers (Vietnamese unless they are all English)."""
    headers = {str(c) for c in table.columns}
    english = headers & set(LABELS["en"].values()) - set(LABELS["vi"].values())
    vietnamese = headers & set(LABELS["vi"].values()) - set(LABELS["en"].values())
    return "en" if english and not vietnamese else "vi"


def _right_aligned(table: pd.DataFrame) -> list[Hashable]:
    """Return the columns shown right-aligned: numbers, and shares and changes written as text."""
    return [
        c
        for c in table.columns
        if pd.api.types.is_numeric_dtype(table[c])
        or any(str(c) == LABELS[lang][k] for lang in LABELS for k in (SHARE, "change"))
    ]


def _is_count(column: pd.Series) -> bool:
    """Return whether a column holds counts (whole numbers, grouped by thousands when shown)."""
    return pd.api.types.is_integer_dtype(column)


def style_table(
    table: pd.DataFrame,
    *,
    caption: str | None = None,
    highlight: str = BELOW_COLOUR,
) -> Styler:
    """Return a pandas Styler of a table, with rows below target highlighted.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`indicator_table`, :func:`summary_table` or :func:`terms_table`.
    caption : str, optional
        A caption above the table.
    highlight : str, default ``"#FFC7CE"``
        Background colour of rows whose own status is "below target" (``Chưa đạt``: a unit in
        an indicator table, a group judged on its pooled counts in a summary), or, in a table
        without a status (the shortfalls table), of rows where women are still needed.

    Returns
    -------
    pandas.io.formats.style.Styler
        Index hidden, numbers right-aligned, counts grouped by thousands in the language of the
        headers (``1.299``; ``1,299`` for English headers); call ``.to_html()`` or display it in
        a notebook.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"Đơn vị": ["A", "B"], "Tỷ lệ (%)": ["20,0%", "8,9%"],
    ...                       "Đánh giá": ["Đạt", "Chưa đạt"]})
    >>> css = style_table(table).set_uuid("t").to_html().split("</style>")[0]
    >>> "#T_t_row1_col0" in css, "#T_t_row0_col0" in css
    (True, False)
    """
    require_frame(
        table, (), "style_table", "pass a table made by gs.indicator_table or gs.summary_table"
    )
    rows = _below_rows(table)

    def _row_style(row: pd.Series) -> list[str]:
        pos = table.index.get_loc(row.name)
        style = f"background-color: {highlight}" if rows[pos] else ""
        return [style] * len(row)

    numeric = _right_aligned(table)
    styler = table.style.hide(axis="index").apply(_row_style, axis=1)
    lang = _table_lang(table)
    counts: list[Hashable] = [c for c in table.columns if _is_count(table[c])]
    styler = styler.format(na_rep=NA_REP)
    if counts:  # 1.299 in Vietnamese, 1,299 in English, as every other output writes counts
        styler = styler.format(
            lambda n: format_count(n, lang=lang),  # type: ignore[arg-type]
            subset=counts,
            na_rep=NA_REP,
        )
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right"})
    if caption:
        styler = styler.set_caption(caption)
    return styler


def to_html(
    table: pd.DataFrame,
    *,
    caption: str | None = None,
    highlight: str = BELOW_COLOUR,
    table_id: str | None = None,
) -> str:
    """Return a table as an HTML fragment (a ``<style>`` and a ``<table>``) for the report.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of this module.
    caption : str, optional
        A caption above the table.
    highlight : str, default ``"#FFC7CE"``
        Background colour of the rows below target.
    table_id : str, optional
        The ``id`` of the table element (keeps CSS of several tables apart).

    Returns
    -------
    str
        HTML, UTF-8 text with the Vietnamese labels as they are: what
        ``style_table(table, ...).to_html()`` gives, written directly for a table of text and
        counts (the report's), by the pandas Styler for any other.  Cell texts are not escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> html = to_html(pd.DataFrame({"Đơn vị": ["A"], "Đánh giá": ["Chưa đạt"]}), caption="Bảng 1")
    >>> "<caption>Bảng 1</caption>" in html, "Chưa đạt" in html
    (True, True)
    """
    require_frame(
        table, (), "to_html", "pass a table made by gs.indicator_table or gs.summary_table"
    )
    plain = _plain_html(table, caption=caption, highlight=highlight, table_id=table_id)
    if plain is not None:
        return plain
    styler = style_table(table, caption=caption, highlight=highlight)
    if table_id:
        styler = styler.set_uuid(table_id)
    return styler.to_html(table_attributes=_TABLE_ATTRIBUTES)


#: The attributes of the ``<table>`` element of :func:`to_html`.
_TABLE_ATTRIBUTES = 'class="gs-table"'


def _css_pairs(style: str) -> tuple[tuple[str, str], ...]:
    """Return ``"a: b; c: d"`` as ``(("a", "b"), ("c", "d"))``, as the pandas Styler reads it."""
    pairs = []
    for item in style.split(";"):
        if item.strip():
            name, _, value = item.partition(":")
            pairs.append((name.strip(), value.strip()))
    return tuple(pairs)


def _plain_cells(column: pd.Series, lang: Lang) -> list[str] | None:
    """Return the shown text of each cell of a column as :func:`style_table` writes it.

    Counts are grouped by thousands in the table's language, texts are written as they are,
    missing values as ``–``.  None for a column of anything else (floats, dates, mixed objects):
    those are left to the pandas Styler.
    """
    values = column.tolist()
    if _is_count(column):
        return [NA_REP if pd.isna(v) is True else format_count(v, lang=lang) for v in values]
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return None
    shown = []
    for value in values:
        if isinstance(value, str):
            shown.append(value)
        elif pd.isna(value) is True:
            shown.append(NA_REP)
        else:
            return None
    return shown


def _styler_renders_all(table: pd.DataFrame) -> bool:
    """Return whether the pandas Styler would render every cell of ``table`` as it does by default.

    The Styler trims a table beyond the ``styler.render`` limits and adds classes when
    ``styler.html.mathjax`` is off; a table under such options is left to the Styler.
    """
    limit = pd.get_option("styler.render.max_elements")
    return (
        pd.get_option("styler.html.mathjax") is True
        and pd.get_option("styler.render.max_rows") is None
        and pd.get_option("styler.render.max_columns") is None
        and table.shape[0] * table.shape[1] <= limit
    )


def _plain_html(
    table: pd.DataFrame,
    *,
    caption: str | None,
    highlight: str,
    table_id: str | None,
) -> str | None:
    """Return the HTML of :func:`to_html` written directly, or None when the Styler must write it.

    The text is the same, character for character, as ``style_table(...).to_html()`` gives for a
    plain table (one row of text column labels, columns of counts or of text, a unique index), in
    a fraction of its time: the same ``<style>`` (the cells of a style listed together, in the
    Styler's order), ids, classes and cell texts.  Any other table (floats, a MultiIndex, an
    index that repeats, pandas options that change the Styler's output) gives None.
    """
    columns = list(table.columns)
    if (
        not columns
        or isinstance(table.columns, pd.MultiIndex)
        or table.columns.name is not None
        or not all(isinstance(c, str) for c in columns)
        or not table.index.is_unique
        or not _styler_renders_all(table)
    ):
        return None
    lang = cast(Lang, _table_lang(table))
    cells = [_plain_cells(table.iloc[:, j], lang) for j in range(len(columns))]
    if any(column is None for column in cells):
        return None
    uuid = table_id or uuid4().hex[:5]
    below = _css_pairs(f"background-color: {highlight}")
    right = set(_right_aligned(table))
    aligned = [_css_pairs("text-align: right;") if c in right else () for c in columns]
    styles: dict[tuple[tuple[str, str], ...], list[str]] = {}  # in the Styler's order
    body = []
    for r, is_below in enumerate(_below_rows(table)):
        body.append("    <tr>")
        for c, shown in enumerate(cells):
            props = (below if is_below else ()) + aligned[c]
            if props:
                styles.setdefault(props, []).append(f"row{r}_col{c}")
            body.append(
                f'      <td id="T_{uuid}_row{r}_col{c}" class="data row{r} col{c}" >'
                f"{cast(list[str], shown)[r]}</td>"
            )
        body.append("    </tr>")
    lines = ['<style type="text/css">']
    for props, selectors in styles.items():
        lines.append(", ".join(f"#T_{uuid}_{s}" for s in selectors) + " {")
        lines.extend(f"  {name}: {value};" for name, value in props)
        lines.append("}")
    lines += ["</style>", f'<table id="T_{uuid}" {_TABLE_ATTRIBUTES}>']
    if caption:
        lines.append(f"  <caption>{caption}</caption>")
    lines += ["  <thead>", "    <tr>"]
    lines.extend(
        f'      <th id="T_{uuid}_level0_col{c}" class="col_heading level0 col{c}" >{name}</th>'
        for c, name in enumerate(columns)
    )
    lines += ["    </tr>", "  </thead>", "  <tbody>", *body, "  </tbody>", "</table>", ""]
    return "\n".join(lines)
