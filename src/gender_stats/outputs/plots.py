"""Charts of women's shares, shortfalls and progress (matplotlib; every function returns an Axes).

Charts only draw: every number on them comes from a public compute function (the compliance frame
of :func:`gender_stats.compliance.check`, :func:`gender_stats.term_changes`,
:func:`gender_stats.indicators.unit_body_matrix`, :func:`gender_stats.counting.women_men_totals`,
or the trend and assessment frames of :mod:`gender_stats.progress`).  Each function takes
``ax=None`` (a new figure sized to the number of units is created only when ``ax`` is None),
``lang="vi"`` or ``"en"`` for words and numbers (``35,1%`` / ``35.1%``, through the one formatter
of :mod:`gender_stats.outputs.labels`), and returns the Axes.  No function calls ``plt.show()``
or changes global ``rcParams``: the font (DejaVu Sans, which has every Vietnamese glyph) is set
inside :func:`matplotlib.rc_context`.

The charts live by family: units against a target (:mod:`~gender_stats.outputs.plots_units`),
overviews (:mod:`~gender_stats.outputs.plots_overview`), progress across terms
(:mod:`~gender_stats.outputs.plots_progress`); palettes and shared helpers in
:mod:`~gender_stats.outputs.plots_base`.  This module gathers them.

Examples
--------
>>> import pandas as pd
>>> compliance = pd.DataFrame({
...     "term": ["2015-2020"] * 4, "unit_id": ["A", "B", "C", "D"],
...     "unit_name": ["Hậu Lộc", "Ngọc Lặc", "Vĩnh Lộc", "Như Thanh"], "level": ["district"] * 4,
...     "body": ["party_committee"] * 4, "total": [40, 45, 33, 35], "female": [8, 5, 6, 3],
...     "target_id": ["36-CT/TW:a"] * 4, "document": ["36-CT/TW"] * 4, "rule": ["≥ 15%"] * 4,
...     "threshold": [0.15] * 4, "share": [0.2, 5 / 45, 6 / 33, 3 / 35],
...     "status": ["met", "below", "met", "below"]})
>>> ax = plot_shares(compliance)
>>> [t.get_text() for t in ax.get_yticklabels()]
['Hậu Lộc', 'Vĩnh Lộc', 'Ngọc Lặc', 'Như Thanh']
>>> import matplotlib.pyplot as plt
>>> plt.close(ax.figure)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from gender_stats.outputs.labels import LANGS, chart_labels
from gender_stats.outputs.plots_base import (
    PROGRESS_COLORS,
    STATUS_COLORS,
    STATUS_ORDER,
    Palettes,
    palettes,
)
from gender_stats.outputs.plots_overview import plot_change, plot_heatmap, plot_stacked
from gender_stats.outputs.plots_progress import plot_progress, plot_trend
from gender_stats.outputs.plots_units import plot_seats_needed, plot_shares

__all__ = [
    "PROGRESS_COLORS",
    "PROGRESS_WORDS",
    "STATUS_COLORS",
    "STATUS_ORDER",
    "Palettes",
    "palettes",
    "plot_change",
    "plot_heatmap",
    "plot_progress",
    "plot_seats_needed",
    "plot_shares",
    "plot_stacked",
    "plot_trend",
]

#: The words for each progress status, by language (a view of the ``progress.*`` chart words).
PROGRESS_WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {lang: MappingProxyType(chart_labels("progress", lang)) for lang in LANGS}  # type: ignore[arg-type]
)
