"""A chart of intersections: the share of women by body (rows) × age band (columns).

The numbers come from :func:`gender_stats.counting.intersection_matrix` (which pools
:func:`gender_stats.counting.count_intersections`); this module only draws.  Words and numbers
come from :mod:`gender_stats.outputs.labels`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from gender_stats.counting import intersection_matrix
from gender_stats.errors import ArgumentError
from gender_stats.outputs.labels import (
    NA_REP,
    Lang,
    chart_label,
    chart_labels,
    format_count,
    format_share,
)
from gender_stats.outputs.plots_base import chart_style, share_tick
from gender_stats.schema import AGE_GROUP, BODY, FEMALE, SHARE, TOTAL
from gender_stats.vocab import body_label

__all__ = ["plot_intersections"]


def _require_frame(value: object, func: str, what: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is a pandas DataFrame."""
    if not isinstance(value, pd.DataFrame):
        kind = f"{type(value).__module__}.{type(value).__qualname__}"
        raise ArgumentError(
            f"{func}() cần một pandas.DataFrame ({what}), nhưng nhận {kind} (expected a pandas "
            f"DataFrame, got {kind}). Hint: convert other frames to pandas first."
        )


def plot_intersections(
    table: pd.DataFrame,
    *,
    rows: Sequence[str] = (BODY,),
    columns: str = AGE_GROUP,
    ax: Axes | None = None,
    lang: Lang = "vi",
    cmap: str = "Purples",
    **kwargs: Any,
) -> Axes:
    """Draw a heatmap of the share of women, one row per body (and term), one column per band.

    The numbers are :func:`gender_stats.counting.intersection_matrix`; cells read
    ``women/members`` and the share (``30,0%``).

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`gender_stats.count_intersections` (``total``, ``female`` and the
        ``rows`` and ``columns`` columns).  Several terms make one row per body × term.
    rows : sequence of str, default ``("body",)``
        The columns that make the rows (``term`` is added when the table holds several terms).
    columns : str, default "age_group"
        The column that makes the columns (``"ethnic_minority"`` works too).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.
    lang : {"vi", "en"}, default "vi"
        The language of labels.
    cmap : str, default "Purples"
        A matplotlib colour map (0 % to 100 %).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; each cell is annotated ``female/total`` and the share in percent, an empty cell
        (no members) is left blank and reads "–".

    Raises
    ------
    ArgumentError
        When a needed column is missing or the table is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": "2020-2025", "body": ["party_committee"] * 3,
    ...     "age_group": ["40_and_under", "41_50", "over_50"], "total": [10, 20, 10],
    ...     "female": [3, 4, 1]})
    >>> ax = plot_intersections(table, lang="en")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['40 and under', '41-50', 'over 50']
    >>> ax.texts[0].get_text().splitlines()
    ['3/10', '30.0%']
    """
    _check_table(table, [*rows, columns], lang)
    matrix = intersection_matrix(table, rows=rows, columns=columns)
    shares = matrix[SHARE].to_numpy(dtype=float)
    with chart_style():
        if ax is None:
            size = (2.2 + 1.8 * len(matrix[SHARE].columns), 1.2 + 0.7 * len(matrix))
            _, ax = plt.subplots(figsize=size, layout="constrained")
        options = {"cmap": cmap, "vmin": 0.0, "vmax": 1.0, "aspect": "auto", **kwargs}
        image = ax.imshow(np.ma.masked_invalid(shares), **options)
        _label_cells(ax, matrix, lang)
        _intersection_axes(ax, matrix, lang)
        ax.figure.colorbar(image, ax=ax, format=lambda v, _: share_tick(v, lang), shrink=0.8)
    return ax


def _check_table(table: pd.DataFrame, needed: list[str], lang: str) -> None:
    """Raise :class:`ArgumentError` for a table that is not one, lacks a column or is empty."""
    _require_frame(table, "plot_intersections", "the table of gs.count_intersections")
    if lang not in ("vi", "en"):
        raise ArgumentError(f"Got lang={lang!r}. Must be one of ['vi', 'en'].")
    missing = [c for c in [*needed, TOTAL, FEMALE] if c not in table.columns]
    if missing:
        raise ArgumentError(
            f"Thiếu cột {missing} (the table lacks the columns {missing}). Hint: pass the output "
            "of gender_stats.count_intersections."
        )
    if table.empty:
        raise ArgumentError("Bảng rỗng (the table is empty): nothing to draw.")


def _intersection_axes(ax: Axes, matrix: pd.DataFrame, lang: Lang) -> None:
    """Name the bands on the columns and the bodies (and terms) on the rows; set the title."""
    bands = chart_labels("band", lang)
    columns = matrix[SHARE].columns
    ax.set_xticks(range(len(columns)), [bands.get(str(c), str(c)) for c in columns])
    names = list(matrix.index.names)
    ax.set_yticks(range(len(matrix)), [_row_label(k, names, lang) for k in matrix.index])
    note = chart_label("intersections_note", lang)
    ax.set_title(f"{chart_label('intersections_title', lang)} ({note})", loc="left")


def _label_cells(ax: Axes, matrix: pd.DataFrame, lang: Lang) -> None:
    """Write ``women/members`` and the share in each cell, a dash where there are no members."""
    women, totals = matrix[FEMALE].to_numpy(), matrix[TOTAL].to_numpy()
    for (i, j), share in np.ndenumerate(matrix[SHARE].to_numpy(dtype=float)):
        if np.isnan(share):
            text, dark = NA_REP, False
        else:
            counts = f"{format_count(int(women[i, j]), lang=lang)}/{format_count(int(totals[i, j]), lang=lang)}"
            text, dark = f"{counts}\n{format_share(share, lang=lang)}", share > 0.55
        ax.text(
            j, i, text, ha="center", va="center", fontsize=9, color="white" if dark else "black"
        )


def _row_label(key: Any, rows: Sequence[Any], lang: Lang) -> str:
    values = key if isinstance(key, tuple) else (key,)
    words = [
        body_label(str(v), lang) if column == BODY else str(v)
        for column, v in zip(rows, values, strict=True)
    ]
    return ", ".join(words)
