"""Charts of units against a target: women's share per unit, and the women still needed.

Both take the compliance frame of :func:`gender_stats.check` and only draw its columns; every
function takes ``ax=None`` and ``lang=`` and returns the Axes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from gender_stats.compliance import (
    NUMERATOR,
    RULE,
    SEATS_NEEDED,
    SEATS_NEEDED_IF_GROW,
    STATUS,
    TARGET_ID,
    THRESHOLD,
    Status,
)
from gender_stats.errors import ArgumentError
from gender_stats.outputs.labels import (
    STATUS_LABELS,
    Lang,
    chart_label,
    format_count,
    format_share,
    group_chart_label,
    rule_text,
)
from gender_stats.outputs.plots_base import (
    STATUS_COLORS,
    STATUS_ORDER,
    bar_axes,
    chart_style,
    check_lang,
    count_axis,
    grid,
    new_axes,
    nonempty,
    one_row_per_unit,
    only,
    require,
    select,
    share_axis,
    status_color,
    status_legend,
    status_title,
    subtitle,
)
from gender_stats.schema import BODY, FEMALE, SHARE, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.vocab import body_label

__all__ = ["plot_seats_needed", "plot_shares"]

_LINE_STYLES = ("--", ":", "-.", (0, (5, 2, 1, 2)))
#: The gid of the markers of units with no woman (share 0) on :func:`plot_shares`.
NO_WOMAN_GID = "no_woman"


def _primary_target(rows: pd.DataFrame, target_id: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return one row per unit (statuses of the chosen or first target) and the rows of all targets.

    When ``target_id`` is None and the rows hold several targets, the bars take the status of the
    first target in row order (named in the legend title) and every target gets its line.
    """
    if TARGET_ID not in rows.columns:
        return rows, rows
    if target_id is not None:
        chosen = select(rows, {TARGET_ID: target_id})
        return chosen, chosen
    ids = list(pd.unique(rows[TARGET_ID].dropna()))
    if len(ids) <= 1:
        return rows, rows
    first = rows[rows[TARGET_ID] == ids[0]]
    rest = rows[rows[TARGET_ID] != ids[0]]
    return pd.concat([first, rest]).drop_duplicates(UNIT_ID), rows


def _target_lines(rows: pd.DataFrame, lang: Lang) -> list[tuple[float, str]]:
    """Return (threshold, label) of every target of ``rows`` that has a threshold, in row order."""
    if THRESHOLD not in rows.columns:
        return []
    keys = [THRESHOLD, RULE] if RULE in rows.columns else [THRESHOLD]
    found: list[tuple[float, str]] = []
    for record in rows.drop_duplicates(keys)[keys].itertuples(index=False):
        threshold = float(record[0])
        if np.isnan(threshold):
            continue
        rule = record[1] if len(record) > 1 and isinstance(record[1], str) else None
        text = rule_text(rule, lang) if rule is not None else format_share(threshold, lang=lang)
        found.append((threshold, f"{chart_label('target', lang)} {text}"))
    return found


def _legend_title(rows: pd.DataFrame, lang: Lang) -> str:
    """Return the legend title, naming the target whose statuses colour the bars if several."""
    title = status_title(lang)
    if TARGET_ID in rows.columns and len(pd.unique(rows[TARGET_ID].dropna())) > 1:
        title = f"{title} ({rows[TARGET_ID].dropna().iloc[0]})"
    return title


def _row_labels(rows: pd.DataFrame, lang: Lang) -> list[str]:
    """Return the unit name of each row, followed by the body and the rule when those vary."""
    parts = [rows[UNIT_NAME].astype(str).tolist()]
    if BODY in rows.columns and len(pd.unique(rows[BODY])) > 1:
        parts.append([body_label(b, lang) for b in rows[BODY]])
    if TARGET_ID in rows.columns and len(pd.unique(rows[TARGET_ID])) > 1:
        column = RULE if RULE in rows.columns else TARGET_ID
        parts.append([rule_text(r, lang) for r in rows[column].astype(str)])
    return [" · ".join(p) for p in zip(*parts, strict=True)]


def _share_labels(rows: pd.DataFrame, shares: np.ndarray, lang: Lang) -> list[str]:
    """Return ``"20,0% (8/40)"`` per row, the word for no data where there is no share."""
    missing = chart_label("missing", lang)
    return [
        missing
        if np.isnan(s)
        else f"{format_share(s, lang=lang)} ({format_count(int(f), lang=lang)}/"
        f"{format_count(int(t), lang=lang)})"
        for s, f, t in zip(shares, rows[FEMALE], rows[TOTAL], strict=True)
    ]


def _draw_share_bars(
    ax: Axes, rows: pd.DataFrame, primary: pd.DataFrame, lang: Lang, kwargs: dict[str, Any]
) -> None:
    """Draw the ranked bars, the markers of units with no woman, the target lines and legend."""
    shares = rows[SHARE].to_numpy(dtype=float)
    widths = np.where(np.isnan(shares), 0.0, shares)
    seen: list[str] = []
    colors = [status_color(s, STATUS_COLORS, seen) for s in rows[STATUS]]
    y = np.arange(len(rows))
    bars = ax.barh(y, widths, **{"color": colors, "height": 0.7, **kwargs})
    box = {"facecolor": "white", "edgecolor": "none", "pad": 0.3, "alpha": 0.85}
    ax.bar_label(bars, labels=_share_labels(rows, shares, lang), padding=5, fontsize=7, bbox=box)
    bar_axes(ax, rows[UNIT_NAME].astype(str).tolist())
    lines = _target_lines(primary, lang)
    extra: list[Any] = [
        ax.axvline(
            t, color="#000000", linestyle=s, linewidth=1.2, label=lab, gid="target", zorder=1.5
        )
        for (t, lab), s in zip(lines, _LINE_STYLES, strict=False)
    ]
    # no woman (members present, share 0): a zero-width bar shows nothing, so a marker does
    female = pd.to_numeric(rows[FEMALE]).fillna(-1).to_numpy(dtype=float)
    zero = (shares == 0.0) & (female == 0)
    if zero.any():
        marks = ax.scatter(
            np.zeros(int(zero.sum())),
            y[zero],
            c=[c for c, z in zip(colors, zero, strict=True) if z],
            marker="D",
            s=28,
            zorder=3,
            clip_on=False,
            label=chart_label("no_woman", lang),
        )
        marks.set_gid(NO_WOMAN_GID)
        extra.append(marks)
        ax.tick_params(axis="y", pad=7)  # the unit names clear the markers drawn on the axis
    top = max([float(widths.max(initial=0.0)), *(t for t, _ in lines), 0.05])
    ax.set_xlim(0, top * 1.3)
    share_axis(ax.xaxis, lang)
    ax.set_xlabel(chart_label("share_axis", lang))
    grid(ax)
    words = STATUS_LABELS[lang]
    status_legend(
        ax, rows[STATUS].tolist(), colors, words, STATUS_ORDER, extra=extra,
        title=_legend_title(primary, lang),
    )  # fmt: skip


def plot_shares(
    compliance: pd.DataFrame,
    *,
    body: str | None = None,
    target_id: str | None = None,
    term: str | None = None,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw women's share per unit as ranked horizontal bars with the target line.

    Bars are sorted from the highest share (top) to the lowest; units without members come last
    with an empty bar.  Each bar is coloured by its status (:data:`STATUS_COLORS`) and labelled
    with the share and the counts (``20,0% (8/40)``).  A unit with no woman gets a diamond at 0 in
    its status colour (below target), so that it is seen.  The target is a vertical line at the
    ``threshold`` of the rows, named after their ``rule`` (``Chỉ tiêu ≥ 15%``).

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame (:func:`gender_stats.compliance.check`): ``unit_id``, ``unit_name``,
        ``body``, ``total``, ``female``, ``share``, ``status``, ``threshold``, ``rule`` and
        usually ``term`` and ``target_id``.
    body, target_id, term : str, optional
        Which rows to chart.  Needed only when the frame holds several values of that column.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per unit tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, axis label, numbers and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh` (e.g. ``height``, ``color``).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    gender_stats.errors.ArgumentError
        (a ``ValueError``) If a column is missing, ``lang`` is unknown, the rows hold several
        ``term``, ``body`` or ``target_id`` (choose one), or several rows for one unit.

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": list("ABC"),
    ...     "unit_name": ["Hậu Lộc", "Ngọc Lặc", "Như Thanh"], "body": ["party_committee"] * 3,
    ...     "total": [40, 45, 35], "female": [8, 5, 0], "rule": ["≥ 15%"] * 3,
    ...     "threshold": [0.15] * 3, "share": [0.2, 5 / 45, 0.0],
    ...     "status": ["met", "below", "below"]})
    >>> ax = plot_shares(compliance, lang="en")
    >>> [t.get_text() for t in ax.texts]
    ['20.0% (8/40)', '11.1% (5/45)', '0.0% (0/35)']
    >>> [c.get_offsets().tolist() for c in ax.collections if c.get_gid() == "no_woman"]
    [[[0.0, 2.0]]]
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    require(compliance, (UNIT_ID, UNIT_NAME, TOTAL, FEMALE, SHARE, STATUS), "compliance")
    rows = select(compliance, {TERM: term, BODY: body})
    nonempty(rows, "compliance")
    rows, primary = _primary_target(rows, target_id)
    one_row_per_unit(rows)
    rows = rows.sort_values(
        [SHARE, UNIT_NAME], ascending=[False, True], na_position="last", kind="stable"
    )
    with chart_style():
        ax = new_axes(ax, len(rows))
        _draw_share_bars(ax, rows, primary, lang, kwargs)
        sub = subtitle(rows, lang)
        ax.set_title(chart_label("shares_title", lang) + (f"\n{sub}" if sub else ""), loc="left")
    return ax


def _short_rows(compliance: pd.DataFrame, column: str, lang: Lang) -> pd.DataFrame:
    """Return the rows with women still needed (``column > 0``), the largest first, labelled."""
    keys = [c for c in (UNIT_ID, BODY, TARGET_ID) if c in compliance.columns]
    if compliance.duplicated(keys).any():
        raise ArgumentError(
            f"expected one row per {' × '.join(keys)}, got duplicates. "
            "Hint: pass term=... or remove the repeated rows."
        )
    needed = pd.to_numeric(compliance[column]).astype("Float64").fillna(0.0).to_numpy(dtype=float)
    short = compliance.assign(_needed=needed, _label=_row_labels(compliance, lang))[needed > 0]
    return short.sort_values(["_needed", "_label"], ascending=[False, True], kind="stable")


def _draw_needed(
    ax: Axes, short: pd.DataFrame, lang: Lang, kwargs: dict[str, Any], numerator: str = FEMALE
) -> None:
    """Draw one bar per unit short of women (or of the target's group), or that none is."""
    if short.empty:
        ax.text(
            0.5, 0.5, group_chart_label("seats_none", numerator, lang), transform=ax.transAxes, ha="center",
            va="center", fontsize=12, color=STATUS_COLORS[Status.MET],
        )  # fmt: skip
        ax.set_xticks([])
        ax.set_yticks([])
        return
    values = short["_needed"].to_numpy(dtype=float)
    options = {"color": STATUS_COLORS[Status.BELOW], "height": 0.7, **kwargs}
    bars = ax.barh(np.arange(len(short)), values, **options)
    labels = [format_count(int(v), lang=lang) for v in values]
    ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
    bar_axes(ax, short["_label"].tolist())
    ax.set_xlim(0, float(values.max()) * 1.15 + 0.5)
    count_axis(ax.xaxis, lang)
    ax.set_xlabel(group_chart_label("seats_axis", numerator, lang))
    grid(ax)


def plot_seats_needed(
    compliance: pd.DataFrame,
    *,
    body: str | None = None,
    target_id: str | None = None,
    term: str | None = None,
    if_grow: bool = False,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw how many women each unit still needs to meet the target, for planners.

    One horizontal bar per unit that falls short (``seats_needed > 0``), the largest on top, each
    labelled with the whole number.  Units that meet the target (or have no shortfall) are left
    out; when no unit falls short, a message says so.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame: ``unit_id``, ``unit_name``, ``seats_needed`` (or
        ``seats_needed_if_grow``) and usually ``term``, ``body``, ``target_id`` and ``rule``.
    body, target_id, term : str, optional
        Which rows to chart.  Needed only when the frame holds several values of that column.
    if_grow : bool, default False
        Chart ``seats_needed_if_grow`` (women to add if the body grows) instead of
        ``seats_needed`` (men to replace by women in a body of fixed size).
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per unit tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, axis label and numbers.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": list("ABC"),
    ...     "unit_name": ["Hậu Lộc", "Ngọc Lặc", "Như Thanh"], "body": ["party_committee"] * 3,
    ...     "target_id": ["36-CT/TW:a"] * 3, "rule": ["≥ 15%"] * 3,
    ...     "status": ["met", "below", "below"],
    ...     "seats_needed": pd.array([0, 2, 3], dtype="Int64")})
    >>> ax = plot_seats_needed(compliance)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(p.get_width()) for p in ax.patches]
    (['Như Thanh', 'Ngọc Lặc'], [3.0, 2.0])
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    column = SEATS_NEEDED_IF_GROW if if_grow else SEATS_NEEDED
    require(compliance, (UNIT_ID, UNIT_NAME, column), "compliance")
    choices = {TERM: term, BODY: body, TARGET_ID: target_id}
    rows = select(compliance, choices, several=(BODY, TARGET_ID))
    nonempty(rows, "compliance")
    short = _short_rows(rows, column, lang)
    counted = only(rows, NUMERATOR)
    numerator = str(counted) if counted is not None else FEMALE  # under_40: not women
    key = "seats_grow_title" if if_grow else "seats_title"
    title = group_chart_label(key, numerator, lang)
    rule = only(rows, RULE)
    title += f" ({rule_text(str(rule), lang)})" if rule is not None else ""
    sub = subtitle(rows, lang)
    with chart_style():
        ax = new_axes(ax, len(short))
        _draw_needed(ax, short, lang, kwargs, numerator)
        ax.set_title(title + (f"\n{sub}" if sub else ""), loc="left")
    return ax
