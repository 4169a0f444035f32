"""Notebook displays: any result frame with labelled columns and formatted numbers.

:func:`pretty` takes a frame of the library (``check``, ``shortfalls``, ``summarise``,
``shares``, ``pooled_share``, ``term_changes``, ``trend``, ``assess_progress``, ``count`` …)
and returns **a DataFrame of texts**: the headers in words (``Tỷ lệ (%)``, ``Share (%)``), the
codes of bodies, levels and statuses in words, shares as percentages computed exactly from the
counts when the frame has them (``35,1%``), changes in signed points (``+4,4``), counts with the
locale's thousands separator (``9.310``) and ``–`` for missing values.

Why a DataFrame and not a Styler: it prints the same in a terminal, a doctest and a notebook,
keeps working with ``.head()``, ``.query()``, ``.to_csv()`` and ``.to_markdown()``, and can still
be coloured: ``gs.style_table(gs.pretty(frame))`` highlights the rows below target.  The numbers
are gone from it by design: compute on the frame, show its ``pretty`` copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from gender_stats.compliance import (
    NUMERATOR,
    RULE,
    SEATS_NEEDED,
    SEATS_NEEDED_IF_GROW,
    SHARE,
    STATUS,
    counted_groups,
)
from gender_stats.errors import ArgumentTypeError, require_frame
from gender_stats.outputs.labels import (
    NA_REP,
    WORDS,
    Rounding,
    _check_rounding,
    _is_missing,
    _number,
    check_lang,
    format_count,
    format_points,
    format_share,
    label,
    rule_text,
)
from gender_stats.schema import BODY, FEMALE, LEVEL, TOTAL

__all__ = ["pretty"]

#: Share columns (fractions of 1) and the (numerator, denominator) columns that give them exactly.
_SHARES: Mapping[str, tuple[str, str] | None] = {
    SHARE: (FEMALE, TOTAL),
    "pooled_share": ("part", TOTAL),
    "share_previous": None,
    "threshold": None,
    "base_share": None,
    "current_share": None,
    "target_share": None,
    "projected_share": None,
    "unit_share": ("n_met", "n_units"),
    "unit_share_target": None,
    "share_of_body": None,
}
#: Columns of percentage points.
_POINTS = ("gap_pp", "change_pp", "required_pace_pp", "change")
#: Columns of codes shown in words: the area of labels that names them.
_CODES = {BODY: "body", LEVEL: "level"}
#: Status columns: compliance statuses or progress statuses.
_STATUSES = (STATUS, "projected_status")
#: Columns of years (never grouped by thousands).
_YEARS = ("term_start", "target_year", "target_t", "first_year", "activity_year", "year")


def _header(column: Any, lang: str) -> Any:
    """Return a column's header in words (``col.*`` or ``pretty.*`` of labels), else its name."""
    for key in (f"col.{column}", f"pretty.{column}"):
        if key in WORDS:
            return label(key, lang)
    return column


def _status_word(value: Any, lang: str) -> str:
    """Return a compliance or progress status in words (the code itself when it has none).

    Progress statuses are the charts' words (``chart.progress.*`` of labels).
    """
    if _is_missing(value):
        return NA_REP
    for key in (f"status.{value}", f"progress.{value}", f"chart.progress.{value}"):
        if key in WORDS:
            return label(key, lang)
    return str(value)


def _code_word(value: Any, area: str, lang: str) -> str:
    if _is_missing(value):
        return NA_REP
    key = f"{area}.{value}"
    return label(key, lang) if key in WORDS else str(value)


def _share_column(
    frame: pd.DataFrame, column: str, *, lang: str, digits: int, rounding: str
) -> list[str]:
    pair = _SHARES[column]
    if column == SHARE and NUMERATOR in frame.columns and TOTAL in frame.columns:
        # A target counting another group (under_40): each row's own numerator column.
        names = counted_groups(frame)
        out = []
        for (_, row), name, x in zip(frame.iterrows(), names, frame[column], strict=True):
            p, t = row.get(name), row[TOTAL]
            if p is None or _is_missing(p) or _is_missing(t):
                out.append(format_share(x, lang=lang, digits=digits, rounding=rounding))  # type: ignore[arg-type]
            else:
                out.append(format_share((p, t), lang=lang, digits=digits, rounding=rounding))  # type: ignore[arg-type]
        return out
    if pair is not None and pair[0] in frame.columns and pair[1] in frame.columns:
        out = []
        for p, t, x in zip(frame[pair[0]], frame[pair[1]], frame[column], strict=True):
            if _is_missing(p) or _is_missing(t) or not _agrees(p, t, x):
                # Not this pair's share (a frame cut from one counting another group): its float.
                out.append(format_share(x, lang=lang, digits=digits, rounding=rounding))  # type: ignore[arg-type]
            else:
                out.append(format_share((p, t), lang=lang, digits=digits, rounding=rounding))  # type: ignore[arg-type]
        return out
    return [
        format_share(x, lang=lang, digits=digits, rounding=rounding)  # type: ignore[arg-type]
        for x in frame[column]
    ]


def _agrees(part: Any, total: Any, share: Any) -> bool:
    """Say whether ``share`` is ``part / total`` (to the float), so the counts can replace it."""
    if int(total) == 0:
        return _is_missing(share)
    return not _is_missing(share) and abs(int(part) / int(total) - float(share)) <= 1e-9


def _column(
    frame: pd.DataFrame, column: Any, *, lang: str, digits: int, rounding: str
) -> list[str]:
    """Return one column as texts."""
    values = frame[column]
    if column in _SHARES:
        return _share_column(frame, column, lang=lang, digits=digits, rounding=rounding)
    if column in _POINTS:
        return [
            format_points(x, lang=lang, digits=digits, rounding=rounding)  # type: ignore[arg-type]
            for x in values
        ]
    if column in _CODES:
        return [_code_word(v, _CODES[column], lang) for v in values]
    if column in _STATUSES:
        return [_status_word(v, lang) for v in values]
    if column == RULE:
        return [NA_REP if _is_missing(v) else rule_text(str(v), lang) for v in values]
    if column == NUMERATOR:
        return [_code_word(FEMALE if _is_missing(v) else v, "col", lang) for v in values]
    if column in _YEARS:
        return [NA_REP if _is_missing(v) else str(int(v)) for v in values]
    if pd.api.types.is_bool_dtype(values.dtype):
        return [NA_REP if _is_missing(v) else label(f"pretty.{bool(v)}", lang) for v in values]
    if pd.api.types.is_integer_dtype(values.dtype):
        return [format_count(v, lang=lang) for v in values]  # type: ignore[arg-type]
    if pd.api.types.is_float_dtype(values.dtype):
        return [_float_text(v, lang=lang) for v in values]
    return [NA_REP if _is_missing(v) else str(v) for v in values]


def _float_text(x: Any, *, lang: str) -> str:
    """Return a float with two decimals in the locale's style (``1,89``, ``-0.02``)."""
    if _is_missing(x):
        return NA_REP
    if not np.isfinite(float(x)):
        return str(x)
    return _number(x, 1, lang=lang, digits=2, rounding="half_up")


def pretty(
    frame: pd.DataFrame,
    lang: str = "vi",
    *,
    digits: int = 1,
    rounding: Rounding = "half_up",
) -> pd.DataFrame:
    """Return a result frame for reading: headers in words, codes in words, numbers formatted.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame of the library: :func:`gender_stats.check`, :func:`gender_stats.shortfalls`,
        :func:`gender_stats.summarise`, :func:`gender_stats.shares`,
        :func:`gender_stats.pooled_share`, :func:`gender_stats.term_changes`,
        :func:`gender_stats.trend`, :func:`gender_stats.assess_progress`,
        :func:`gender_stats.count` … (any other frame works too: unknown columns keep their name
        and their values are written as text).
    lang : {"vi", "en"}, default "vi"
        Language of headers and words; Vietnamese writes ``35,1%`` and ``9.310``, English
        ``35.1%`` and ``9,310``.
    digits : int, default 1
        Decimals of shares and points.
    rounding : {"half_up", "truncate"}, default "half_up"
        How shares and points are rounded (see :func:`gender_stats.format_share`).

    Returns
    -------
    pandas.DataFrame
        The same rows (and index) and columns, in order, every cell a ``str``: ``share`` from
        ``female / total`` exactly when the frame has both (``pooled_share`` from ``part /
        total``); other shares (``threshold``, ``target_share`` …) from their float; points
        (``gap_pp``, ``change_pp`` …) signed; counts grouped by thousands; bodies, levels and
        statuses (compliance or progress) in words; rules in the language (``≥ 1 woman``);
        other floats with two decimals; ``–`` for every missing value.  The frame is not
        changed.

    Raises
    ------
    ArgumentError
        When ``lang`` is not ``"vi"`` or ``"en"``, or ``digits`` / ``rounding`` are not valid.
    ArgumentTypeError
        When ``frame`` is not a DataFrame.

    See Also
    --------
    gender_stats.style_table : colour the rows below target of a table (``pretty``'s too).

    Examples
    --------
    >>> import pandas as pd
    >>> from gender_stats import check
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 2, "unit_id": ["A", "B"], "unit_name": ["Huyện A", "Huyện B"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2,
    ...     "total": [1045, 33], "female": [367, 4]})
    >>> out = check(counts, "36-CT/TW:a")
    >>> pretty(out)[["Đơn vị", "Tổng số", "Nữ", "Tỷ lệ (%)", "Đánh giá", "Số nữ còn thiếu"]]
        Đơn vị Tổng số   Nữ Tỷ lệ (%)  Đánh giá Số nữ còn thiếu
    0  Huyện A   1.045  367     35,1%       Đạt               0
    1  Huyện B      33    4     12,1%  Chưa đạt               1
    >>> pretty(out, "en")[["Unit", "Body", "Total", "Share (%)", "Status"]]
          Unit             Body  Total Share (%)        Status
    0  Huyện A  Party committee  1,045     35.1%           Met
    1  Huyện B  Party committee     33     12.1%  Below target
    """
    require_frame(frame, (), "pretty", "pass a frame returned by the library, e.g. gs.check()")
    check_lang(lang)
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)):
        raise ArgumentTypeError(
            f"digits phải là số nguyên (digits must be a whole number), got "
            f"{type(digits).__name__} {digits!r}"
        )
    _check_rounding(rounding, digits)
    columns: dict[Any, list[str]] = {}
    headers: list[Any] = []
    # a compliance or summary frame with a target counting members under 40
    other_groups = bool((counted_groups(frame) != FEMALE).any())
    for column in frame.columns:
        header = _header(column, lang)
        if column == SEATS_NEEDED and other_groups:  # a target counts members under 40
            header = label("col.needed_part", lang)
        elif column == SEATS_NEEDED_IF_GROW and other_groups:
            header = label("pretty.seats_if_grow_part", lang)
        elif column == "part_all" and other_groups:
            header = label("pretty.part_all_group", lang)
        if header in columns:  # two columns with one word (unit_id and unit_name): keep the code
            header = column
        headers.append(header)
        columns[header] = _column(frame, column, lang=lang, digits=int(digits), rounding=rounding)
    out = pd.DataFrame(columns, index=frame.index, columns=headers, dtype=object)
    return out
