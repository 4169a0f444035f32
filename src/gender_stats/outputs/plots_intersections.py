"""A chart of intersections: the share of women by body (rows) × age band (columns).

The numbers come from :func:`gender_stats.counting.count_intersections`; this module only draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from gender_stats.errors import ArgumentError
from gender_stats.schema import AGE_GROUP, BODY, FEMALE, TERM, TOTAL
from gender_stats.vocab import body_label

__all__ = ["plot_intersections"]

Lang = Literal["vi", "en"]

#: Band labels in words.
BAND_WORDS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "40_and_under": "Từ 40 tuổi trở xuống",
        "41_50": "Trên 40 đến 50",
        "over_50": "Trên 50",
        "under_40": "Dưới 40",
        "40_50": "40-50",
    },
    "en": {
        "40_and_under": "40 and under",
        "41_50": "41-50",
        "over_50": "over 50",
        "under_40": "under 40",
        "40_50": "40-50",
    },
}
_TITLE = {"vi": "Tỷ lệ nữ theo nhóm tuổi", "en": "Share of women by age band"}
_NOTE = {"vi": "ô: nữ/tổng số", "en": "cell: women/members"}


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
    ['3/10', '30%']
    """
    _require_frame(table, "plot_intersections", "the table of gs.count_intersections")
    if lang not in ("vi", "en"):
        raise ArgumentError(f"Got lang={lang!r}. Must be one of ['vi', 'en'].")
    rows = list(rows)
    if TERM in table.columns and (table[TERM] != table[TERM].iloc[0]).any() and TERM not in rows:
        rows.append(TERM)
    needed = [*rows, columns, TOTAL, FEMALE]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ArgumentError(
            f"Thiếu cột {missing} (the table lacks the columns {missing}). Hint: pass the output "
            "of gender_stats.count_intersections."
        )
    if table.empty:
        raise ArgumentError("Bảng rỗng (the table is empty): nothing to draw.")
    pooled = (
        table.groupby([*rows, columns], sort=False, observed=True)[[TOTAL, FEMALE]]
        .sum()
        .reset_index()
    )
    row_values = [tuple(r) for r in pooled[rows].itertuples(index=False, name=None)]
    row_keys: list[tuple[Any, ...]] = list(dict.fromkeys(row_values))
    col_keys: list[Any] = list(dict.fromkeys(pooled[columns]))
    totals = np.zeros((len(row_keys), len(col_keys)), dtype=np.int64)
    women = np.zeros_like(totals)
    for key, col_key, total, female in zip(
        row_values, pooled[columns], pooled[TOTAL], pooled[FEMALE], strict=True
    ):
        i, j = row_keys.index(key), col_keys.index(col_key)
        totals[i, j], women[i, j] = int(total), int(female)
    shares = np.where(totals > 0, women / np.where(totals > 0, totals, 1), np.nan)
    if ax is None:
        _, ax = plt.subplots(
            figsize=(2.2 + 1.8 * len(col_keys), 1.2 + 0.7 * len(row_keys)), layout="constrained"
        )
    image = ax.imshow(
        np.ma.masked_invalid(shares), cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto", **kwargs
    )
    for i in range(len(row_keys)):
        for j in range(len(col_keys)):
            if totals[i, j] == 0:
                text, dark = "–", False
            else:
                text = f"{women[i, j]}/{totals[i, j]}\n{shares[i, j] * 100:.0f}%"
                dark = shares[i, j] > 0.55
            ax.text(j, i, text, ha="center", va="center", fontsize=9,
                    color="white" if dark else "black")  # fmt: skip
    words = BAND_WORDS[lang]
    ax.set_xticks(range(len(col_keys)), [words.get(str(c), str(c)) for c in col_keys])
    ax.set_yticks(range(len(row_keys)), [_row_label(k, rows, lang) for k in row_keys])
    ax.set_title(f"{_TITLE[lang]} ({_NOTE[lang]})", loc="left")
    ax.figure.colorbar(image, ax=ax, format=lambda v, _: f"{v * 100:.0f}%", shrink=0.8)
    return ax


def _row_label(key: tuple[Any, ...], rows: Sequence[str], lang: str) -> str:
    words = [
        body_label(str(v), lang) if column == BODY else str(v)
        for column, v in zip(rows, key, strict=True)
    ]
    return ", ".join(words)
