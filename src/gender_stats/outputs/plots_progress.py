"""Charts of progress across terms: women's share per term, and the progress each unit made.

:func:`plot_trend` draws :func:`gender_stats.progress.trend`, :func:`plot_progress` draws
:func:`gender_stats.progress.assess_progress`; both take ``ax=None`` and ``lang=`` and return the
Axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from gender_stats import progress as _progress
from gender_stats.compliance import STATUS
from gender_stats.errors import ArgumentError
from gender_stats.outputs.labels import (
    Lang,
    chart_label,
    chart_labels,
    format_number,
    format_share,
)
from gender_stats.outputs.plots_base import (
    PROGRESS_COLORS,
    bar_axes,
    chart_style,
    check_lang,
    grid,
    new_axes,
    nonempty,
    number_axis,
    one_row_per_unit,
    only,
    progress_words,
    require,
    select,
    share_axis,
    status_color,
    status_legend,
)
from gender_stats.schema import BODY, SHARE, TERM, UNIT_ID, UNIT_NAME
from gender_stats.vocab import body_label, term_bounds

__all__ = ["plot_progress", "plot_trend"]

TERM_START = _progress.TERM_START
TARGET_SHARE = _progress.TARGET_SHARE
TARGET_YEAR = _progress.TARGET_YEAR
METHOD = "method"
SCORE = "score"
VALUE = "value"

_LINE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<")
_MAX_LEGEND_UNITS = 10
_GREY_LINE = {"color": "#8C8C8C", "linewidth": 0.8, "alpha": 0.7, "marker": "o", "markersize": 2}


def _trend_rows(trend: pd.DataFrame, units: Sequence[str] | None, body: str | None) -> pd.DataFrame:
    """Return the rows of the body and units chosen, with ``term_start``."""
    rows = select(trend, {BODY: body})
    nonempty(rows, "trend")
    if units is not None:
        wanted = set(units)
        found = set(rows[UNIT_ID].astype(str)) | set(rows[UNIT_NAME].astype(str))
        missing = sorted(wanted - found)
        if missing:
            raise ArgumentError(
                f"expected units in the data, got unknown {missing}. "
                "Hint: pass unit ids or unit names of the trend frame."
            )
        rows = rows[rows[UNIT_ID].isin(wanted) | rows[UNIT_NAME].isin(wanted)]
    if TERM_START not in rows.columns:
        rows = rows.assign(**{TERM_START: [term_bounds(str(t))[0] for t in rows[TERM]]})
    return rows


def _draw_unit_lines(ax: Axes, rows: pd.DataFrame, many: bool, kwargs: dict[str, Any]) -> None:
    """Draw one line per unit: coloured with a marker, or thin grey when there are many."""
    for k, unit in enumerate(pd.unique(rows[UNIT_ID])):
        part = rows[rows[UNIT_ID] == unit].sort_values(TERM_START, kind="stable")
        style: dict[str, Any] = (
            _GREY_LINE
            if many
            else {
                "color": _LINE_COLORS[k % len(_LINE_COLORS)],
                "marker": _MARKERS[k % len(_MARKERS)],
                "linewidth": 1.6,
            }
        )
        ax.plot(
            part[TERM_START].to_numpy(dtype=float),
            part[SHARE].to_numpy(dtype=float),
            **{**style, "label": str(part[UNIT_NAME].iloc[-1]), "gid": f"unit:{unit}", **kwargs},
        )


def _draw_targets(
    ax: Axes, rows: pd.DataFrame, share: float | None, year: int | None, lang: Lang
) -> list[Any]:
    """Draw the target (dashed) and the target year (dotted); set the ticks; return the lines."""
    handles = []
    ticks = rows[[TERM_START, TERM]].drop_duplicates().sort_values(TERM_START, kind="stable")
    xs = [float(x) for x in ticks[TERM_START]]
    labels = [str(t) for t in ticks[TERM]]
    if share is not None and not np.isnan(float(share)):
        text = f"{chart_label('target', lang)} {format_share(float(share), lang=lang)}"
        line = ax.axhline(float(share), color="#000000", linestyle="--", linewidth=1.2, label=text)
        line.set_gid("target")
        handles.append(line)
    if year is not None:
        text = f"{chart_label('target_year', lang)} {year}"
        line = ax.axvline(float(year), color="#000000", linestyle=":", linewidth=1.2, label=text)
        line.set_gid("target_year")
        handles.append(line)
        if float(year) not in xs:
            xs.append(float(year))
            labels.append(str(year))
    ax.set_xticks(xs, labels=labels)
    low, high = min(xs, default=0.0), max(xs, default=1.0)
    pad = max((high - low) * 0.06, 1.0)
    ax.set_xlim(low - pad, high + pad)
    return handles


def plot_trend(
    trend: pd.DataFrame,
    *,
    units: Sequence[str] | None = None,
    body: str | None = None,
    target_share: float | None = None,
    target_year: int | None = None,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw women's share across terms, one line per unit, with the target and the target year.

    The x axis is the start year of each term, labelled with the term (``2015-2020``); the target
    is a dashed line and the target year a dotted line.  Up to 10 units get a colour, a marker and
    a legend entry; with more, every unit is a thin grey line (choose some with ``units=``).

    Parameters
    ----------
    trend : pandas.DataFrame
        The trend frame (:func:`gender_stats.progress.trend`): ``unit_id``, ``unit_name``,
        ``body``, ``term``, ``share`` and optionally ``term_start``, ``target_share`` and
        ``target_year``.
    units : sequence of str, optional
        Unit ids or unit names to draw; all units by default.
    body : str, optional
        The body to chart; needed when the frame holds several.
    target_share, target_year : optional
        The target (a share in [0, 1]) and its year; by default the frame's ``target_share`` and
        ``target_year`` when they hold one value.  Neither is drawn when unknown.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new 10 × 5.5 inch figure is created.
    lang : {"vi", "en"}, default "vi"
        Language of the title, axis label, numbers and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for every unit's line.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> trend = pd.DataFrame({
    ...     "body": ["party_committee"] * 4, "unit_id": ["A", "A", "B", "B"],
    ...     "unit_name": ["Hậu Lộc", "Hậu Lộc", "Ngọc Lặc", "Ngọc Lặc"],
    ...     "term": ["2010-2015", "2015-2020"] * 2, "term_start": [2010, 2015] * 2,
    ...     "share": [0.1, 0.2, 0.15, 0.125]})
    >>> ax = plot_trend(trend, target_share=0.25, target_year=2030)
    >>> [line.get_label() for line in ax.lines]
    ['Hậu Lộc', 'Ngọc Lặc', 'Chỉ tiêu 25,0%', 'Năm mục tiêu 2030']
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2010-2015', '2015-2020', '2030']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    require(trend, (UNIT_ID, UNIT_NAME, TERM, SHARE), "trend")
    rows = _trend_rows(trend, units, body)
    share = only(rows, TARGET_SHARE) if target_share is None else target_share
    year = only(rows, TARGET_YEAR) if target_year is None else target_year
    n_units = rows[UNIT_ID].nunique()
    many = n_units > _MAX_LEGEND_UNITS
    with chart_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(10.0, 5.5), layout="constrained")
        _draw_unit_lines(ax, rows, many, kwargs)
        handles = _draw_targets(ax, rows, share, None if year is None else int(year), lang)
        _trend_axes(ax, rows, share, handles if many else [*ax.get_lines()], lang)
        sub = [body_label(b, lang) for b in [only(rows, BODY)] if b is not None]
        sub += [f"{n_units} {chart_label('units', lang)}"] if many else []
        title = chart_label("trend_title", lang)
        ax.set_title(title + (f"\n{', '.join(sub)}" if sub else ""), loc="left")
    return ax


def _trend_axes(ax: Axes, rows: pd.DataFrame, share: Any, legend: list[Any], lang: Lang) -> None:
    """Scale the share axis to the data and the target, format it, and draw the legend."""
    tops = [float(np.nanmax(rows[SHARE].to_numpy(dtype=float), initial=0.0))]
    tops += [float(share)] if share is not None and not np.isnan(float(share)) else []
    ax.set_ylim(0, max(max(tops), 0.05) * 1.15)
    share_axis(ax.yaxis, lang)
    ax.set_ylabel(chart_label("share_axis", lang))
    grid(ax, "y")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelsize=8)
    if legend:
        ax.legend(
            handles=legend, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False
        )


def _progress_title(rows: pd.DataFrame, lang: Lang) -> str:
    """Return the title naming the method, and below it the body, the terms and the target."""
    method = str(rows[METHOD].iloc[0]) if len(rows) else ""
    words = chart_labels("method", lang)
    title = f"{chart_label('progress_title', lang)} {words.get(method, method)}"
    sub = []
    body = only(rows, BODY)
    if body is not None:
        sub.append(body_label(body, lang))
    base, current = only(rows, "base_term"), only(rows, "current_term")
    if base is not None and current is not None:
        sub.append(f"{base} → {current}")
    share, year = only(rows, TARGET_SHARE), only(rows, TARGET_YEAR)
    if share is not None and year is not None:
        text = format_share(float(share), lang=lang)
        sub.append(chart_label("target_by", lang, share=text, year=int(year)))
    return title + (f"\n{', '.join(sub)}" if sub else "")


def _progress_column(rows: pd.DataFrame) -> tuple[str, str]:
    """Return the column the bars show (``score``, else ``value``) and its axis label's name."""
    if SCORE in rows.columns and rows[SCORE].notna().any():
        return SCORE, "score_axis"
    if VALUE in rows.columns:
        return VALUE, "value_axis"
    raise ArgumentError(
        "expected an assessment frame with a 'score' or 'value' column, got neither. "
        "Hint: pass the output of gender_stats.progress.assess_progress."
    )


def _draw_progress(
    ax: Axes, rows: pd.DataFrame, column: str, lang: Lang, kwargs: dict[str, Any]
) -> None:
    """Draw one bar per unit, coloured by its progress status and labelled with its number."""
    x = rows["_x"].to_numpy(dtype=float)
    widths = np.where(np.isnan(x), 0.0, x)
    seen: list[str] = []
    colors = [status_color(s, PROGRESS_COLORS, seen) for s in rows[STATUS]]
    missing = chart_label("missing", lang)
    labels = [missing if np.isnan(v) else format_number(v, lang=lang) for v in x]
    bars = ax.barh(np.arange(len(rows)), widths, **{"color": colors, "height": 0.7, **kwargs})
    ax.bar_label(bars, labels=labels, padding=3, fontsize=7)
    bar_axes(ax, rows[UNIT_NAME].astype(str).tolist())
    ax.axvline(0.0, color="#000000", linewidth=0.8, gid="zero")
    if column == SCORE:
        ax.set_xlim(-6.0, 6.5)
    else:
        finite = widths[np.isfinite(widths)]
        span = float(np.max(np.abs(finite), initial=0.0)) or 1.0
        ax.set_xlim(min(0.0, float(finite.min(initial=0.0))) - 0.25 * span, 1.3 * span)
    number_axis(ax.xaxis, lang)
    grid(ax)
    status_legend(
        ax, rows[STATUS].tolist(), colors, progress_words(lang), list(PROGRESS_COLORS),
        title=chart_label("status_title", lang),
    )  # fmt: skip


def plot_progress(
    assessment: pd.DataFrame,
    *,
    method: str | None = None,
    body: str | None = None,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw each unit's progress towards the target as bars of its score, coloured by status.

    The bars show ``score`` (−5..+5 in the growth-rate method) or, when the method gives no score,
    its ``value``; they are sorted from the best to the worst and labelled with the number
    (``4,11``).  Bars take the colour of the progress status (:data:`PROGRESS_COLORS`); the title
    names the method, the base and current terms and the target.

    Parameters
    ----------
    assessment : pandas.DataFrame
        The assessment frame (:func:`gender_stats.progress.assess_progress`): ``unit_id``,
        ``unit_name``, ``method``, ``status`` and ``score`` or ``value`` (optionally ``body``,
        ``base_term``, ``current_term``, ``target_share``, ``target_year``).
    method, body : str, optional
        Which rows to chart; needed when the frame holds several values.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per unit tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, axis label, numbers and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> assessment = pd.DataFrame({
    ...     "unit_id": ["A", "B"], "unit_name": ["Hậu Lộc", "Ngọc Lặc"],
    ...     "body": ["party_committee"] * 2, "method": ["growth_ratio"] * 2,
    ...     "score": [-0.74, 4.11], "status": ["limited progress", "substantial progress"]})
    >>> ax = plot_progress(assessment, lang="en")
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Ngọc Lặc', 'Hậu Lộc'], ['4.11', '-0.74'])
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    require(assessment, (UNIT_ID, UNIT_NAME, METHOD, STATUS), "assessment")
    rows = select(assessment, {METHOD: method, BODY: body})
    nonempty(rows, "assessment")
    one_row_per_unit(rows)
    column, axis_label = _progress_column(rows)
    rows = rows.assign(_x=pd.to_numeric(rows[column]).astype(float)).sort_values(
        ["_x", UNIT_NAME], ascending=[False, True], na_position="last", kind="stable"
    )
    with chart_style():
        ax = new_axes(ax, len(rows))
        _draw_progress(ax, rows, column, lang, kwargs)
        ax.set_xlabel(chart_label(axis_label, lang))
        ax.set_title(_progress_title(rows, lang), loc="left")
    return ax
