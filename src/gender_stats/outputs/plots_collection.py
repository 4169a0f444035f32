"""Charts of the collection cycle: returns received over time against the deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from gender_stats.errors import ArgumentError
from gender_stats.outputs.labels import Lang, chart_label
from gender_stats.outputs.plots_base import chart_style, check_lang, count_axis
from gender_stats.schema import UNIT_ID

__all__ = ["plot_returns", "returns_over_time"]


def returns_over_time(status: pd.DataFrame) -> pd.DataFrame:
    """Return the cumulative number of units whose return arrived, day by day.

    Parameters
    ----------
    status : pandas.DataFrame
        :attr:`gender_stats.collection.Collection.status` (rows without ``unit_id`` — files that
        matched no unit — are not units and are left out).

    Returns
    -------
    pandas.DataFrame
        ``date`` (``datetime.date``), ``received`` (units whose file arrived that day) and
        ``cumulative``, one row per day with an arrival, in date order.

    Examples
    --------
    >>> s = pd.DataFrame({"unit_id": ["A", "B", "C", None],
    ...                   "received": pd.to_datetime(["2015-11-20", "2015-11-20", "2015-12-03", "2015-11-21"])})
    >>> returns_over_time(s).astype(str).to_numpy().tolist()
    [['2015-11-20', '2', '2'], ['2015-12-03', '1', '3']]
    """
    if not isinstance(status, pd.DataFrame):
        raise ArgumentError(
            "status cần bảng tình hình nộp (expected the status pandas DataFrame of gs.collect), "
            f"got {type(status).__name__}. Hint: pass collect(...).status."
        )
    for column in (UNIT_ID, "received"):
        if column not in status.columns:
            raise ArgumentError(
                f"status thiếu cột {column!r} (missing column). Hint: truyền collect(...).status "
                "(pass the status of a collection)."
            )
    units = status[status[UNIT_ID].notna() & status["received"].notna()]
    days = pd.to_datetime(units["received"]).dt.date
    per_day = days.value_counts().sort_index()
    out = pd.DataFrame(
        {"date": list(per_day.index), "received": per_day.to_numpy().astype("int64")}
    )
    out["cumulative"] = out["received"].cumsum().astype("int64")
    return out


def plot_returns(
    status: pd.DataFrame,
    *,
    deadline: dt.date | None = None,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw the returns received over time as a step line, with the deadline and the units expected.

    Parameters
    ----------
    status : pandas.DataFrame
        :attr:`gender_stats.collection.Collection.status`.
    deadline : datetime.date, optional
        Drawn as a vertical dashed line ("hạn nộp").
    ax : matplotlib Axes, optional
        Where to draw; a new figure when ``None``.
    lang : {"vi", "en"}, default "vi"
        Language of the title, axis label and legend.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.step` (e.g. ``color``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> s = pd.DataFrame({"unit_id": ["A", "B", "C"],
    ...                   "received": pd.to_datetime(["2015-11-20", "2015-12-03", None])})
    >>> ax = plot_returns(s, deadline=dt.date(2015, 12, 1))
    >>> ax.get_lines()[0].get_ydata().tolist(), bool(ax.get_ylim()[1] >= 3)
    ([1, 2], True)
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    data = returns_over_time(status)
    expected = int(status[UNIT_ID].notna().sum())
    with chart_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(8.0, 4.0), layout="constrained")
        dates = mdates.date2num([pd.Timestamp(d).to_pydatetime() for d in data["date"]])
        received = chart_label("returns_received", lang)
        options = {"where": "post", "color": "#0072B2", "label": received, **kwargs}
        ax.step(dates, data["cumulative"].tolist(), **options)
        units = chart_label("returns_units", lang, n=expected)
        ax.axhline(expected, color="#555555", linewidth=1, linestyle=":", label=units)
        if deadline is not None:
            when = float(mdates.date2num(pd.Timestamp(deadline).to_pydatetime()))
            label = chart_label("returns_deadline", lang)
            ax.axvline(when, color="#D55E00", linestyle="--", label=label)
        ax.set_ylim(0, max(expected, 1) * 1.08)
        count_axis(ax.yaxis, lang)
        ax.set_ylabel(chart_label("returns_axis", lang))
        ax.set_title(chart_label("returns_title", lang), loc="left")
        ax.xaxis_date()
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
        ax.legend(loc="lower right")
    return ax
