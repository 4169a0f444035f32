"""Overview charts: the change since an earlier term, units × bodies, and women and men pooled.

Each chart draws what one public compute function returns: :func:`gender_stats.term_changes`
(the change since the previous term), :func:`gender_stats.indicators.unit_body_matrix` (the
heatmap's matrix) and :func:`gender_stats.counting.women_men_totals` (the stacked totals).
Every function takes ``ax=None`` and ``lang=`` and returns the Axes.
"""

from __future__ import annotations

import textwrap
from typing import Any, Literal

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from gender_stats.compliance import STATUS, TARGET_ID, Status
from gender_stats.counting import MALE, PANEL, PANELS, women_men_totals
from gender_stats.errors import ArgumentError
from gender_stats.indicators import (
    CHANGE_PP,
    PREVIOUS_TERM,
    SHARE_PREVIOUS,
    term_changes,
    unit_body_matrix,
)
from gender_stats.outputs.labels import (
    STATUS_LABELS,
    Lang,
    chart_label,
    format_count,
    format_points,
    format_share,
)
from gender_stats.outputs.plots_base import (
    MEN_COLOR,
    STATUS_COLORS,
    STATUS_ORDER,
    WOMEN_COLOR,
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
    status_title,
)
from gender_stats.schema import BODY, FEMALE, LEVEL, SHARE, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.vocab import body_label, level_label, term_bounds

__all__ = ["plot_change", "plot_heatmap", "plot_stacked"]


def _changes(rows: pd.DataFrame, from_term: str, to_term: str) -> pd.DataFrame:
    """Return the units in both terms with their two shares and the change, largest rise first."""
    if term_bounds(from_term) >= term_bounds(to_term):
        raise ArgumentError(
            f"nhiệm kỳ so sánh phải trước (expected from_term before to_term), got "
            f"from_term={from_term!r}, to_term={to_term!r}. Hint: swap them."
        )
    for term in (from_term, to_term):
        part = rows[rows[TERM] == term]
        if part.empty:
            present = sorted(rows[TERM].dropna().unique().tolist())
            raise ArgumentError(
                f"expected term {term!r} in the data, got only {present}. "
                "Hint: pass from_term and to_term from these."
            )
        one_row_per_unit(part)
    pair = rows[rows[TERM].isin([from_term, to_term]).to_numpy(dtype=bool)]
    changes = term_changes(pair, by=(UNIT_ID, BODY), exact=True)
    changes = changes[(changes[TERM] == to_term) & (changes[PREVIOUS_TERM] == from_term)]
    changes = changes[changes[CHANGE_PP].notna()]
    rank = changes[CHANGE_PP].map(float)
    return changes.assign(_rank=-rank).sort_values(["_rank", UNIT_NAME], kind="stable")


def _draw_dumbbells(
    ax: Axes, changes: pd.DataFrame, terms: tuple[str, str], lang: Lang, kwargs: dict[str, Any]
) -> None:
    """Draw one row per unit: a dot per term joined by a line coloured by the change's sign."""
    start = changes[SHARE_PREVIOUS].to_numpy(dtype=float)
    end = changes[SHARE].to_numpy(dtype=float)
    points = changes[CHANGE_PP].tolist()
    colors = [
        STATUS_COLORS[Status.MET] if c > 0 else STATUS_COLORS[Status.BELOW] if c < 0 else "#999999"
        for c in points
    ]
    y = np.arange(len(changes))
    ax.hlines(y, start, end, colors=colors, linewidth=2.0, zorder=1, gid="change")
    dots = {"s": 30, "clip_on": False, **kwargs}  # a share of 0 sits on the axis, whole
    ax.scatter(start, y, **{"color": "#B0B0B0", "zorder": 2, "label": terms[0], **dots}).set_gid(
        "from"
    )
    ax.scatter(end, y, **{"color": "#0072B2", "zorder": 3, "label": terms[1], **dots}).set_gid("to")
    for yi, a, b, c in zip(y, start, end, points, strict=True):
        ax.text(
            max(a, b) + 0.008, float(yi), format_points(c, lang=lang), va="center", ha="left",
            fontsize=7, color=colors[yi],
        )  # fmt: skip
    bar_axes(ax, changes[UNIT_NAME].astype(str).tolist())
    ax.tick_params(axis="y", pad=7)  # the unit names clear a dot drawn on the axis (a share of 0)
    top = max(float(np.max(np.concatenate([start, end]), initial=0.0)), 0.05)
    ax.set_xlim(0, top * 1.15 + 0.03)
    share_axis(ax.xaxis, lang)
    ax.set_xlabel(chart_label("share_axis", lang))
    grid(ax)
    # beside the plot, never over a dot (the longest lines can reach its lower right corner)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def plot_change(
    trend_or_counts: pd.DataFrame,
    *,
    from_term: str,
    to_term: str,
    body: str,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw the change of women's share per unit between two terms as a dumbbell chart.

    Each unit is one row: a light dot at its share in ``from_term``, a dark dot at its share in
    ``to_term``, joined by a line (green when the share rose, vermillion when it fell), labelled
    with the change in percentage points (``+2,5``).  Rows are sorted from the largest rise to the
    largest fall.  Units without members in one of the two terms are left out.  The numbers are
    those of :func:`gender_stats.term_changes` on the two terms (exact, from the counts).

    Parameters
    ----------
    trend_or_counts : pandas.DataFrame
        Counts, or a trend frame (:func:`gender_stats.progress.trend`); needs ``term``,
        ``unit_id``, ``unit_name``, ``body``, ``total`` and ``female``.
    from_term, to_term : str
        The two terms compared, the earlier first, e.g. ``"2010-2015"`` and ``"2015-2020"``.
    body : str
        The body code to chart.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per unit tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, axis label, numbers and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter` for both sets of dots.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2010-2015"] * 2 + ["2015-2020"] * 2, "unit_id": ["A", "B"] * 2,
    ...     "unit_name": ["Hậu Lộc", "Ngọc Lặc"] * 2, "level": ["district"] * 4,
    ...     "body": ["party_committee"] * 4, "total": [40] * 4, "female": [4, 8, 8, 6]})
    >>> ax = plot_change(counts, from_term="2010-2015", to_term="2015-2020", body="party_committee")
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Hậu Lộc', 'Ngọc Lặc'], ['+10,0', '-5,0'])
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    require(trend_or_counts, (TERM, UNIT_ID, UNIT_NAME, BODY, TOTAL, FEMALE), "trend or counts")
    rows = select(trend_or_counts, {BODY: body})
    nonempty(rows, "trend or counts")
    changes = _changes(rows, from_term, to_term)
    with chart_style():
        ax = new_axes(ax, len(changes))
        _draw_dumbbells(ax, changes, (from_term, to_term), lang, kwargs)
        title = f"{chart_label('change_title', lang)}, {from_term} → {to_term}"
        ax.set_title(f"{title}\n{body_label(body, lang)}", loc="left")
    return ax


def _column_labels(matrix: pd.DataFrame, lang: Lang) -> list[str]:
    """Return the label of each column: the body, and the rule when the body has several."""
    bodies = matrix.columns.get_level_values(BODY)
    per_body = pd.Series(bodies).value_counts()
    labels = []
    for body, target, rule in matrix.columns.to_frame(index=False).itertuples(index=False):
        text = body_label(str(body), lang)
        if per_body[body] > 1:
            text += f" ({rule or target})"
        labels.append(textwrap.fill(text, 16))
    return labels


def _draw_share_cells(ax: Axes, matrix: pd.DataFrame, lang: Lang, kwargs: dict[str, Any]) -> None:
    """Draw shares on a sequential scale with a colour bar; label every cell."""
    values = matrix.to_numpy(dtype=float)
    cmap = mpl.colormaps["Blues"].with_extremes(bad="#F2F2F2")
    finite = values[~np.isnan(values)]
    vmax = max(0.1, float(np.ceil(finite.max() * 10) / 10)) if finite.size else 1.0
    options = {"cmap": cmap, "vmin": 0.0, "vmax": vmax, "aspect": "auto", **kwargs}
    image = ax.imshow(values, **options)
    bar = ax.figure.colorbar(image, ax=ax, shrink=min(1.0, 6 / max(len(matrix), 1)))
    share_axis(bar.ax.yaxis, lang)
    bar.set_label(chart_label("share_axis", lang))
    below = STATUS_COLORS[Status.BELOW]
    for (i, j), v in np.ndenumerate(values):
        text = "–" if np.isnan(v) else format_share(v, lang=lang)
        color = below if v == 0.0 else "white" if v / vmax > 0.55 else "black"
        ax.text(j, i, text, ha="center", va="center", fontsize=7, color=color)


def _draw_status_cells(ax: Axes, matrix: pd.DataFrame, lang: Lang, kwargs: dict[str, Any]) -> None:
    """Draw each cell in its status colour and word, with a legend of the statuses present."""
    cells = matrix.to_numpy(dtype=object)
    present = [str(s) for s in cells.ravel() if isinstance(s, str)]
    codes = [s for s in STATUS_ORDER if s in present] + sorted(set(present) - set(STATUS_ORDER))
    index = {s: k for k, s in enumerate(codes)}
    values = np.array([[index.get(s, np.nan) for s in row] for row in cells], dtype=float)
    seen: list[str] = []
    palette = [status_color(s, STATUS_COLORS, seen) for s in codes] or ["#FFFFFF"]
    cmap = ListedColormap(palette).with_extremes(bad="#F2F2F2")
    options = {"cmap": cmap, "vmin": -0.5, "vmax": len(palette) - 0.5, "aspect": "auto"}
    ax.imshow(values, **{**options, **kwargs})
    words = STATUS_LABELS[lang]
    handles = [
        Patch(facecolor=c, label=words.get(s, s)) for s, c in zip(codes, palette, strict=False)
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
        title=status_title(lang), frameon=False,
    )  # fmt: skip
    dark = {Status.MET, Status.BELOW, Status.ABOVE_RANGE}
    for (i, j), status in np.ndenumerate(cells):
        known = isinstance(status, str)
        text = words.get(status, status) if known else "–"
        color = "white" if known and status in dark else "black"
        ax.text(j, i, text, ha="center", va="center", fontsize=7, color=color)


def _heatmap_axes(ax: Axes, matrix: pd.DataFrame, lang: Lang) -> None:
    """Put unit names on the rows and body labels on top; white lines between the cells."""
    n_rows, n_cols = matrix.shape
    names = matrix.index.get_level_values(UNIT_NAME).astype(str).tolist()
    ax.set_yticks(np.arange(n_rows), labels=names)
    ax.set_xticks(np.arange(n_cols), labels=_column_labels(matrix, lang))
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", labelsize=8, length=0)
    ax.set_xticks(np.arange(n_cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n_rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.0)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)


def plot_heatmap(
    compliance: pd.DataFrame,
    *,
    value: Literal["share", "status"] = "share",
    term: str | None = None,
    target_id: str | None = None,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw units × bodies as a heatmap of women's share or compliance status, every cell labelled.

    The matrix is :func:`gender_stats.indicators.unit_body_matrix`: rows are units (in the order
    they first appear), columns are bodies (in the order of :data:`gender_stats.vocab.BODIES`).
    With ``value="share"`` each cell holds the share (``20,0%``) on a sequential colour scale with
    a colour bar (a body with no woman in vermillion); with ``value="status"`` each cell takes its
    status colour and word, and a body judged against several targets gets one column per target
    (named by its rule).  Empty cells (no row for that unit and body) are light grey with a dash.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame: ``unit_id``, ``unit_name``, ``body``, ``share``, ``status`` and
        usually ``term``, ``target_id`` and ``rule``.
    value : {"share", "status"}, default "share"
        What the cells show.
    term, target_id : str, optional
        Which rows to chart.  ``term`` is needed when the frame holds several terms.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per unit tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, column labels, numbers and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (e.g. ``cmap`` for shares).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "A", "B"],
    ...     "unit_name": ["Hậu Lộc", "Hậu Lộc", "Ngọc Lặc"],
    ...     "body": ["party_committee", "standing_committee", "party_committee"],
    ...     "share": [0.2, 1 / 13, 0.1], "status": ["met", "met", "below"]})
    >>> ax = plot_heatmap(compliance)
    >>> [t.get_text() for t in ax.texts]
    ['20,0%', '7,7%', '10,0%', '–']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    if value not in (SHARE, STATUS):
        raise ArgumentError(f"Got value={value!r}. Must be one of ['share', 'status'].")
    require(compliance, (UNIT_ID, UNIT_NAME, BODY, SHARE, STATUS), "compliance")
    rows = select(compliance, {TERM: term, TARGET_ID: target_id}, several=(TARGET_ID,))
    nonempty(rows, "compliance")
    matrix = unit_body_matrix(rows, value=value)
    with chart_style():
        ax = new_axes(ax, len(matrix), width=4.0 + 1.35 * matrix.shape[1])
        draw = _draw_share_cells if value == SHARE else _draw_status_cells
        draw(ax, matrix, lang, kwargs)
        _heatmap_axes(ax, matrix, lang)
        title = chart_label(
            "heatmap_share_title" if value == SHARE else "heatmap_status_title", lang
        )
        term_value = only(rows, TERM)
        if term_value is not None:
            title += f"\n{chart_label('term', lang)} {term_value}"
        ax.set_title(title, loc="left")
    return ax


def _stacked_labels(totals: pd.DataFrame, by: str, lang: Lang) -> list[str]:
    """Return ``"Cấp huyện · Ban Chấp hành (cấp ủy)"`` per bar (the body only when several)."""
    several = len(pd.unique(totals[BODY])) > 1
    return [
        (level_label(g, lang) if by == LEVEL else g)
        + (f" · {body_label(b, lang)}" if several else "")
        for g, b in zip(totals[by].astype(str), totals[BODY], strict=True)
    ]


def _draw_stacked(
    ax: Axes, totals: pd.DataFrame, by: str, lang: Lang, kwargs: dict[str, Any]
) -> None:
    """Draw women then men as stacked bars, each segment and each total labelled."""
    women = totals[FEMALE].to_numpy(dtype=float)
    men = totals[MALE].to_numpy(dtype=float)
    y = np.arange(len(totals))
    height = kwargs.pop("height", 0.7)
    female_bars = ax.barh(
        y,
        women,
        **{"height": height, "color": WOMEN_COLOR, "label": chart_label("women", lang), **kwargs},
    )
    male_bars = ax.barh(
        y, men, left=women,
        **{"height": height, "color": MEN_COLOR, "label": chart_label("men", lang), **kwargs},
    )  # fmt: skip
    for bars, values in ((female_bars, women), (male_bars, men)):
        labels = [format_count(int(v), lang=lang) if v > 0 else "" for v in values]
        ax.bar_label(bars, labels=labels, label_type="center", fontsize=7, color="white")
    sums = [format_count(int(w + m), lang=lang) for w, m in zip(women, men, strict=True)]
    ax.bar_label(male_bars, labels=sums, padding=3, fontsize=7)
    if (women == 0).any():  # no woman: a marker at 0 in the women's colour
        marks = ax.scatter(
            np.zeros(int((women == 0).sum())), y[women == 0], color=WOMEN_COLOR, marker="D",
            s=24, zorder=3, clip_on=False, label=chart_label("no_woman", lang),
        )  # fmt: skip
        marks.set_gid("no_woman")
    bar_axes(ax, _stacked_labels(totals, by, lang))
    top = float(np.max(women + men, initial=0.0))
    ax.set_xlim(0, max(top, 1.0) * 1.12)
    count_axis(ax.xaxis, lang)
    ax.set_xlabel(chart_label("persons", lang))
    grid(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def _stacked_title(totals: pd.DataFrame, term: Any, lang: Lang, *, panel: str | None) -> str:
    """Return the title (the first panel) and below it the body or panel and the term."""
    one_body = len(pd.unique(totals[BODY])) == 1
    sub = [body_label(str(totals[BODY].iloc[0]), lang)] if one_body else []
    if panel is not None and not one_body:
        sub.append(chart_label(f"panel.{panel}", lang))
    if term is not None:
        sub.append(f"{chart_label('term', lang)} {term}")
    head = chart_label("stacked_title", lang) if panel in (None, PANELS[0]) else ""
    return "\n".join(p for p in (head, ", ".join(sub)) if p)


def _stacked_panels(totals: pd.DataFrame, panel: str | None) -> list[str]:
    """Return the panels to draw (bodies, staff), or only the one chosen."""
    if panel is not None:
        if panel not in PANELS:
            raise ArgumentError(f"Got panel={panel!r}. Must be one of {list(PANELS)} or None.")
        if not (totals[PANEL] == panel).any():
            raise ArgumentError(
                f"không có cơ quan nào thuộc nhóm {panel!r} (expected bodies of the panel "
                f"{panel!r}, got only {sorted(set(totals[BODY]))}). Hint: pass panel=None."
            )
        return [panel]
    return [p for p in PANELS if (totals[PANEL] == p).any()]


def _panel_axes(ax: Axes | None, sizes: list[int]) -> list[Axes]:
    """Return one Axes per panel: ``ax`` itself for one; for two, ``ax``'s place split in two.

    The figure grows when it is too short for the bars of both panels (0.28 inch a bar).
    """
    if len(sizes) == 1:
        return [new_axes(ax, sizes[0])]
    ratios = [n + 2 for n in sizes]
    height = max(4.0, 0.28 * sum(ratios) + 1.9)
    if ax is None:
        _, axes = plt.subplots(
            len(sizes), 1, figsize=(9.0, height), height_ratios=ratios, layout="constrained"
        )
        return list(axes)
    spec = ax.get_subplotspec()
    if spec is None:
        raise ArgumentError(
            "không vẽ cán bộ, công chức (hàng nghìn) cùng thang với cấp ủy (hàng chục) (expected "
            "an Axes of a grid to split into a staff panel and a bodies panel, got a free "
            "Axes). Hint: pass panel='bodies' or panel='staff', or ax=None."
        )
    figure = ax.get_figure(root=True)
    if isinstance(figure, Figure):
        width, now = figure.get_size_inches()
        figure.set_size_inches(width, max(now, height))
    inner = spec.subgridspec(len(sizes), 1, height_ratios=ratios)
    parent = ax.get_figure()
    assert parent is not None
    ax.remove()
    return [parent.add_subplot(inner[k]) for k in range(len(sizes))]


def plot_stacked(
    counts: pd.DataFrame,
    *,
    by: str = LEVEL,
    term: str | None = None,
    panel: str | None = None,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw women and men as stacked horizontal bars per body at each level (or other group).

    The numbers are :func:`gender_stats.counting.women_men_totals`: members pooled over the units
    of each group (sums of counts), men ``total − female``; each segment and each total is
    labelled (``1.200``), and a group with no woman gets a marker at 0.  Staff (thousands of
    persons, :data:`gender_stats.counting.STAFF_BODIES`) are never drawn on the scale of
    committees (tens of members): with both, each gets its panel, one above the other (in a new
    figure, or in the place of the ``ax`` given, which is then replaced); the first panel is
    returned and ``ax.figure.axes`` holds both.  ``panel=`` draws one of them only.  A given
    ``ax`` that is not part of a grid (``fig.add_axes``) cannot hold both: an ArgumentError.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts, or any frame with ``body``, ``total``, ``female`` and the ``by`` column.
    by : str, default "level"
        The column grouping the bars together with ``body`` (``"level"``, ``"unit_name"``, ...).
    term : str, optional
        The term to chart; needed when the frame holds several.
    panel : {"bodies", "staff"}, optional
        Draw only the elected and appointed bodies, or only the staff.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per bar tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, labels, numbers and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (the first panel when there are two).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 4, "unit_id": ["A", "B", "C", "A"],
    ...     "unit_name": ["A", "B", "C", "A"], "level": ["district", "district", "agency", "district"],
    ...     "body": ["party_committee"] * 3 + ["staff"], "total": [40, 9, 11, 1200],
    ...     "female": [4, 3, 2, 610]})
    >>> ax = plot_stacked(counts)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Cấp huyện', 'Sở, ban, ngành']
    >>> print(ax.get_title(loc="left"))
    Số nữ và nam theo cấp và cơ quan
    Ban Chấp hành (cấp ủy), nhiệm kỳ 2015-2020
    >>> [float(p.get_width()) for p in ax.patches]
    [7.0, 2.0, 42.0, 9.0]
    >>> [t.get_text() for t in ax.figure.axes[1].texts]  # staff: a panel of their own
    ['610', '590', '1.200']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    require(counts, (by, BODY, TOTAL, FEMALE), "counts")
    rows = select(counts, {TERM: term})
    nonempty(rows, "counts")
    totals = women_men_totals(rows, by=by)
    panels = _stacked_panels(totals, panel)
    parts = [totals[(totals[PANEL] == p).to_numpy(dtype=bool)] for p in panels]
    term_value = only(rows, TERM)
    with chart_style():
        targets = _panel_axes(ax, [len(part) for part in parts])
        for target, part, name in zip(targets, parts, panels, strict=True):
            _draw_stacked(target, part, by, lang, dict(kwargs))
            shown = name if len(parts) > 1 else None
            target.set_title(_stacked_title(part, term_value, lang, panel=shown), loc="left")
    return targets[0]
