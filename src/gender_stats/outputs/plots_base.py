"""What every chart shares: palettes, the font, choosing rows, axes, legends and number formats.

The chart modules (:mod:`~gender_stats.outputs.plots_units`,
:mod:`~gender_stats.outputs.plots_overview`, :mod:`~gender_stats.outputs.plots_progress`) draw
with these helpers; :mod:`gender_stats.outputs.plots` gathers the public names.  Words come from
:mod:`gender_stats.outputs.labels` (:func:`~gender_stats.outputs.labels.chart_label`) and every
number on a chart is written by its one formatter (Vietnamese ``35,1%``, ``1.200``).

Examples
--------
>>> palettes.status["below"], palettes.progress is PROGRESS_COLORS
('#D55E00', True)
>>> share_tick(0.25, "vi"), share_tick(0.025, "en"), count_tick(1200, "vi")
('25%', '2.5%', '1.200')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, LayoutEngine
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from gender_stats import progress as _progress
from gender_stats.compliance import Status
from gender_stats.errors import ArgumentError
from gender_stats.outputs.labels import (
    chart_label,
    chart_labels,
    format_count,
    format_number,
    format_share,
)
from gender_stats.schema import BODY, TERM, UNIT_ID
from gender_stats.vocab import body_label

__all__ = [
    "PROGRESS_COLORS",
    "STATUS_COLORS",
    "STATUS_ORDER",
    "OnePassLayout",
    "Palettes",
    "count_tick",
    "palettes",
    "pin_labels",
    "share_tick",
]

_LANGS = ("en", "vi")

#: Compliance statuses in the order legends list them.
STATUS_ORDER: tuple[str, ...] = (
    Status.MET,
    Status.ABOVE_RANGE,
    Status.BELOW,
    Status.NOT_APPLICABLE,
    Status.NO_DATA,
)

#: Colour of each compliance status (Okabe-Ito palette, safe for colour-blind readers).
STATUS_COLORS: Mapping[str, str] = MappingProxyType(
    {
        Status.MET: "#009E73",  # bluish green
        Status.ABOVE_RANGE: "#0072B2",  # blue
        Status.BELOW: "#D55E00",  # vermillion
        Status.NOT_APPLICABLE: "#999999",  # grey
        Status.NO_DATA: "#DDDDDD",  # light grey
    }
)

#: Colour of each progress status of :mod:`gender_stats.progress` (best to worst, Okabe-Ito).
PROGRESS_COLORS: Mapping[str, str] = MappingProxyType(
    {
        _progress.ACHIEVED: "#0072B2",  # blue
        _progress.SUBSTANTIAL: "#009E73",  # bluish green
        _progress.MAINTAIN: "#009E73",
        _progress.ON_TRACK: "#009E73",
        _progress.MODERATE: "#E69F00",  # orange
        _progress.ACCELERATE: "#E69F00",
        _progress.SLIGHTLY_OFF: "#E69F00",
        _progress.LIMITED: "#CC79A7",  # reddish purple
        _progress.OFF_TRACK: "#CC79A7",
        _progress.DETERIORATION: "#D55E00",  # vermillion
        _progress.REVERSE: "#D55E00",
        _progress.WRONG_WAY: "#D55E00",
        _progress.INSUFFICIENT: "#DDDDDD",  # light grey
        _progress.NOT_APPLICABLE: "#999999",  # grey
    }
)


@dataclasses.dataclass(frozen=True)
class Palettes:
    """The colour palettes of the charts, under one name (``gs.palettes``).

    Examples
    --------
    >>> palettes.status["met"]
    '#009E73'
    """

    #: Colour of each compliance status.
    status: Mapping[str, str]
    #: Colour of each progress status.
    progress: Mapping[str, str]


#: The charts' palettes: ``palettes.status``, ``palettes.progress`` (Okabe-Ito).
palettes = Palettes(status=STATUS_COLORS, progress=PROGRESS_COLORS)

_FALLBACK_COLORS = ("#56B4E9", "#F0E442", "#000000", "#882255", "#44AA99", "#117733")
WOMEN_COLOR = "#CC79A7"  # reddish purple (Okabe-Ito)
MEN_COLOR = "#0072B2"  # blue (Okabe-Ito)
GRID = {"color": "#E5E5E5", "linewidth": 0.6}
_INCH_PER_ROW = 0.28
_MARGIN_INCH = 1.9


@contextmanager
def chart_style() -> Iterator[None]:
    """Draw with DejaVu Sans first (it has every Vietnamese glyph); restore rcParams afterwards."""
    others = [f for f in mpl.rcParams["font.sans-serif"] if f != "DejaVu Sans"]
    interactive = mpl.is_interactive()
    try:
        with mpl.rc_context(
            {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", *others]}
        ):
            yield
            # In Jupyter the inline backend is chosen when the first figure is made, and switches
            # interactive mode on; rc_context would switch it off again and hide later charts.
            interactive = mpl.is_interactive()
    finally:
        mpl.interactive(interactive)


def check_lang(lang: str) -> None:
    """Raise :class:`ArgumentError` unless ``lang`` is ``"vi"`` or ``"en"``."""
    if lang not in _LANGS:
        raise ArgumentError(f"Got lang={lang!r}. Must be one of {list(_LANGS)}.")


def require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise :class:`ArgumentError` unless ``frame`` is a frame with ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise ArgumentError(
            f"biểu đồ cần một bảng {what} (expected a {what} pandas DataFrame), got "
            f"{type(frame).__name__}. Hint: pass the output of the function that builds the "
            f"{what} frame."
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ArgumentError(
            f"biểu đồ cần bảng {what}, thiếu cột {missing} (expected a {what} frame with columns "
            f"{list(columns)}, got one without {missing}). Hint: pass the output of the function "
            f"that builds the {what} frame."
        )


def select(
    frame: pd.DataFrame, choices: Mapping[str, str | None], *, several: Sequence[str] = ()
) -> pd.DataFrame:
    """Keep the rows of the chosen term, body, target...; a column with several values needs a choice.

    Columns named in ``several`` may keep several values when no choice is made.
    """
    rows = frame
    for column, chosen in choices.items():
        if column not in rows.columns:
            continue
        if chosen is not None:
            rows = rows[rows[column] == chosen]
            if rows.empty:
                present = sorted(frame[column].dropna().unique().tolist())
                raise ArgumentError(
                    f"expected {column}={chosen!r} to be in the data, got only {present}. "
                    f"Hint: pass one of them as {column}=..."
                )
            continue
        present = sorted(rows[column].dropna().unique().tolist())
        if len(present) > 1 and column not in several:
            raise ArgumentError(
                f"biểu đồ vẽ một {column} mỗi lần, dữ liệu có {len(present)} "
                f"(expected one {column} to chart, got {len(present)}: {present}). "
                f"Hint: pass {column}=... to choose one"
                + (" (gender-stats report --term ...)." if column == TERM else ".")
            )
    return rows


def nonempty(rows: pd.DataFrame, what: str) -> None:
    """Raise :class:`ArgumentError` when there is nothing to chart."""
    if rows.empty:
        raise ArgumentError(
            f"expected a {what} frame with rows to chart, got none. "
            "Hint: check the term, body and target chosen, or the frame passed."
        )


def one_row_per_unit(rows: pd.DataFrame) -> None:
    """Raise :class:`ArgumentError` when a unit has several rows."""
    dup = rows[UNIT_ID].duplicated()
    if dup.any():
        ids = sorted(rows.loc[dup, UNIT_ID].unique().tolist())
        raise ArgumentError(
            f"expected one row per unit, got several rows for {ids}. "
            "Hint: choose the term, body and target_id to chart."
        )


def only(rows: pd.DataFrame, column: str) -> Any:
    """Return the one value of ``column`` in ``rows`` (None if absent or not unique)."""
    if column not in rows.columns:
        return None
    values = rows[column].dropna().unique().tolist()
    return values[0] if len(values) == 1 else None


def subtitle(rows: pd.DataFrame, lang: str) -> str:
    """Return ``"Ban Chấp hành (cấp ủy), nhiệm kỳ 2015-2020"`` for the rows' body and term."""
    parts = []
    body = only(rows, BODY)
    if body is not None:
        parts.append(body_label(body, lang))
    term = only(rows, TERM)
    if term is not None:
        parts.append(f"{chart_label('term', lang)} {term}")  # type: ignore[arg-type]
    return ", ".join(parts)


def new_axes(ax: Axes | None, n_rows: int, *, width: float = 9.0) -> Axes:
    """Return ``ax``, or the Axes of a new figure tall enough for ``n_rows`` labelled rows."""
    if ax is not None:
        return ax
    height = max(3.0, _INCH_PER_ROW * n_rows + _MARGIN_INCH)
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


#: The space left around the decorations of an Axes and at the figure's edges, in inches (the
#: ``w_pad`` and ``h_pad`` of matplotlib's constrained layout: 3 points).
_PAD_INCH = 3 / 72


class OnePassLayout(LayoutEngine):
    """Fix a figure's margins from ONE measurement of its Axes' decorations, then leave them.

    For a figure of one Axes (the report's bar and dumbbell charts), the tick labels, axis labels,
    title and legend are measured once (``Axes.get_tightbbox``, whose text sizes the drawing then
    reuses) and the subplot parameters are set so that they fit, with 3 points of padding: the
    margins constrained layout gives, without its second measuring pass.  A ``footer`` (the text
    of :meth:`~matplotlib.figure.Figure.supxlabel`) gets a band of its own at the bottom.  A figure
    of several Axes (a colour bar, two panels) is laid out by constrained layout, once.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(4, 3))
    >>> ax = fig.add_subplot()
    >>> _ = ax.set_yticks([0, 1], labels=["a rather long unit name", "B"])
    >>> fig.set_layout_engine(OnePassLayout())
    >>> fig.get_layout_engine().execute(fig)
    >>> left = ax.get_tightbbox().x0  # the long label starts at the 3-point padding
    >>> bool(abs(left - _PAD_INCH * fig.dpi) < 1)
    True
    """

    _adjust_compatible = True
    _colorbar_gridspec = False  # as constrained layout, which lays out figures with a colour bar

    def __init__(self, *, footer: Text | None = None, pad: float = _PAD_INCH) -> None:
        super().__init__()
        self._params: dict[str, Any] = {"footer": footer, "pad": pad}

    def set(self, *, footer: Text | None = None, pad: float | None = None) -> None:
        """Set the footer text and the padding (inches)."""
        if footer is not None:
            self._params["footer"] = footer
        if pad is not None:
            self._params["pad"] = pad

    def execute(self, fig: Any) -> None:
        """Measure the decorations once and set the margins (several Axes: constrained layout)."""
        axes = [ax for ax in fig.axes if ax.get_in_layout()]
        if len(axes) != 1 or not isinstance(fig, Figure):
            ConstrainedLayoutEngine().execute(fig)
            return
        (ax,) = axes
        renderer = fig._get_renderer()  # type: ignore[attr-defined]  # as matplotlib's engines
        pad = self._params["pad"] * fig.dpi
        width, height = fig.bbox.width, fig.bbox.height
        box = ax.get_window_extent(renderer)
        tight = ax.get_tightbbox(renderer)
        if tight is None:
            return
        left = max(box.x0 - tight.x0, 0.0) + pad
        right = max(tight.x1 - box.x1, 0.0) + pad
        bottom = max(box.y0 - tight.y0, 0.0) + pad
        top = max(tight.y1 - box.y1, 0.0) + pad
        footer = self._params["footer"]
        if footer is not None and footer.get_text():
            footer.set_y(pad / height)
            footer.set_verticalalignment("bottom")
            bottom += footer.get_window_extent(renderer).height + pad
        if left + right >= width or bottom + top >= height:
            return  # too small a figure for its labels: leave it as it is
        fig.subplots_adjust(
            left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
        )


def pin_labels(fig: Figure) -> int:
    """Fix the place of the empty axis labels and of the titles of ``fig``; return how many.

    Matplotlib places an axis label away from the tick labels, and a title above the top tick
    labels, by measuring every tick label again at each draw and each layout measurement (50 unit
    names on a bar chart).  An empty label draws nothing, so it is pinned on its spine and left
    out of the layout; a title over an Axes whose ticks are all at the bottom goes where it
    would anyway (``y=1``, above the Axes by its pad), so it is set there.  The picture is the
    same.
    """
    n = 0
    for ax in fig.axes:
        for axis, coords in ((ax.xaxis, (0.5, 0.0)), (ax.yaxis, (0.0, 0.5))):
            if axis.label.get_text():
                continue
            axis.set_label_coords(*coords)
            axis.label.set_in_layout(False)
            n += 1
        if ax.xaxis.get_ticks_position() != "bottom" or ax.xaxis.get_label_position() != "bottom":
            continue  # ticks on top: the title is placed above them
        for loc in ("left", "center", "right"):
            title = ax.get_title(loc=loc)
            if title:
                ax.set_title(title, loc=loc, y=1.0)
                n += 1
    return n


def status_color(status: object, palette: Mapping[str, str], seen: list[str]) -> str:
    """Return the colour of ``status``; unknown statuses get fallback colours in order met."""
    if isinstance(status, str) and status in palette:
        return palette[status]
    key = str(status)
    if key not in seen:
        seen.append(key)
    return _FALLBACK_COLORS[seen.index(key) % len(_FALLBACK_COLORS)]


def status_legend(
    ax: Axes,
    statuses: Sequence[object],
    colors: Sequence[str],
    words: Mapping[str, str],
    order: Sequence[str],
    *,
    extra: Sequence[Any] = (),
    loc: Any = "lower right",
    title: str,
) -> None:
    """Draw a legend of the statuses present (in ``order``), after any ``extra`` handles."""
    first: dict[str, str] = {}
    for status, color in zip(statuses, colors, strict=True):
        first.setdefault(str(status), color)
    rank = {s: i for i, s in enumerate(order)}
    keys = sorted(first, key=lambda s: (rank.get(s, len(rank)), s))
    handles = [*extra] + [
        Patch(facecolor=first[s], edgecolor="none", label=words.get(s, s.replace("_", " ")))
        for s in keys
    ]
    ax.legend(handles=handles, loc=loc, fontsize=8, framealpha=0.9, title=title)


def progress_words(lang: str) -> dict[str, str]:
    """Return the words of the progress statuses in ``lang``."""
    return chart_labels("progress", lang)  # type: ignore[arg-type]


def bar_axes(ax: Axes, labels: Sequence[str]) -> None:
    """Put ``labels`` on the y axis, first label at the top."""
    n = len(labels)
    ax.tick_params(axis="y", labelsize=8, length=0)  # first: the ticks are made with it
    ax.set_yticks(np.arange(n), labels=list(labels))
    ax.set_ylim(n - 0.5, -0.5)
    ax.spines[["top", "right"]].set_visible(False)


def share_tick(value: float, lang: str) -> str:
    """Write an axis tick of shares: whole percents without decimals, others with one."""
    hundred = round(float(value) * 100, 6)  # ticks are floats such as 0.30000000000000004
    digits = 0 if hundred.is_integer() else 1
    return format_share(Fraction(repr(hundred)) / 100, lang=lang, digits=digits)  # type: ignore[arg-type]


def count_tick(value: float, lang: str) -> str:
    """Write an axis tick of counts with the locale's thousands separator."""
    if float(value).is_integer():
        return format_count(int(value), lang=lang)  # type: ignore[arg-type]
    return format_number(value, lang=lang, digits=1)  # type: ignore[arg-type]


def share_axis(axis: Axis, lang: str) -> None:
    """Format ``axis`` as shares in the locale's style (``12,5%``)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: share_tick(v, lang)))


def count_axis(axis: Axis, lang: str) -> None:
    """Put whole-number ticks on ``axis``, with the locale's thousands separator (``1.200``)."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: count_tick(v, lang)))


def number_axis(axis: Axis, lang: str) -> None:
    """Format ``axis`` as plain numbers with the locale's decimal mark (``2,5``)."""

    def tick(value: float, _pos: Any) -> str:
        if float(value).is_integer():
            return format_count(int(value), lang=lang)  # type: ignore[arg-type]
        return format_number(value, lang=lang, digits=1)  # type: ignore[arg-type]

    axis.set_major_formatter(FuncFormatter(tick))


def status_title(lang: str) -> str:
    """Return the title of a legend of statuses (``Tình trạng``)."""
    return chart_label("status_title", lang)  # type: ignore[arg-type]


def grid(ax: Axes, axis: str = "x") -> None:
    """Draw light grid lines behind the data along ``axis``."""
    ax.grid(axis=axis, **GRID)  # type: ignore[arg-type]
    ax.set_axisbelow(True)
