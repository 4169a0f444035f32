"""Charts of women's shares, shortfalls and progress (matplotlib; every function returns an Axes).

Charts only draw: every number on them comes from the input frame (the compliance frame of
:func:`gender_stats.compliance.check`, counts, or the trend and assessment frames of
:mod:`gender_stats.progress`).  Each function takes ``ax=None`` (a new figure sized to the number of
units is created only when ``ax`` is None), ``lang="vi"`` or ``"en"`` for titles, axis labels and
legends, and returns the Axes.  No function calls ``plt.show()`` or changes global ``rcParams``: the
font (DejaVu Sans, which has every Vietnamese glyph) is set inside :func:`matplotlib.rc_context`.

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

import dataclasses
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any, Literal

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from gender_stats import progress as _progress
from gender_stats.compliance import (
    RULE,
    SEATS_NEEDED,
    SEATS_NEEDED_IF_GROW,
    STATUS,
    TARGET_ID,
    THRESHOLD,
    Status,
)
from gender_stats.counting import rollup
from gender_stats.errors import ArgumentError
from gender_stats.outputs.labels import STATUS_LABELS, Lang
from gender_stats.schema import BODY, FEMALE, LEVEL, SHARE, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.vocab import BODIES, LEVELS, body_label, level_label, term_bounds

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
    >>> palettes.status["below"], palettes.progress is PROGRESS_COLORS
    ('#D55E00', True)
    """

    #: Colour of each compliance status.
    status: Mapping[str, str]
    #: Colour of each progress status.
    progress: Mapping[str, str]


#: The charts' palettes: ``palettes.status``, ``palettes.progress`` (Okabe-Ito).
palettes = Palettes(status=STATUS_COLORS, progress=PROGRESS_COLORS)

#: The words for each progress status, by language.
PROGRESS_WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "vi": MappingProxyType(
            {
                _progress.ACHIEVED: "Đã đạt chỉ tiêu",
                _progress.SUBSTANTIAL: "Tiến bộ rõ (đúng hướng)",
                _progress.MAINTAIN: "Duy trì tiến độ",
                _progress.ON_TRACK: "Đúng tiến độ",
                _progress.MODERATE: "Tiến bộ vừa (cần đẩy nhanh)",
                _progress.ACCELERATE: "Cần đẩy nhanh",
                _progress.SLIGHTLY_OFF: "Hơi chậm tiến độ",
                _progress.LIMITED: "Tiến bộ hạn chế",
                _progress.OFF_TRACK: "Chậm tiến độ",
                _progress.DETERIORATION: "Đi xuống",
                _progress.REVERSE: "Cần đảo ngược xu hướng",
                _progress.WRONG_WAY: "Đi ngược hướng",
                _progress.INSUFFICIENT: "Không đủ số liệu",
                _progress.NOT_APPLICABLE: "Không áp dụng",
            }
        ),
        "en": MappingProxyType(
            {
                _progress.ACHIEVED: "Target achieved",
                _progress.SUBSTANTIAL: "Substantial progress",
                _progress.MAINTAIN: "Maintain progress",
                _progress.ON_TRACK: "On track",
                _progress.MODERATE: "Moderate progress",
                _progress.ACCELERATE: "Accelerate",
                _progress.SLIGHTLY_OFF: "Slightly off track",
                _progress.LIMITED: "Limited progress",
                _progress.OFF_TRACK: "Off track",
                _progress.DETERIORATION: "Deterioration",
                _progress.REVERSE: "Reverse trend",
                _progress.WRONG_WAY: "Wrong direction",
                _progress.INSUFFICIENT: "Insufficient data",
                _progress.NOT_APPLICABLE: "Not applicable",
            }
        ),
    }
)

_FALLBACK_COLORS = ("#56B4E9", "#F0E442", "#000000", "#882255", "#44AA99", "#117733")

_WORDS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        SHARE: "Tỷ lệ nữ",
        "share_axis": "Tỷ lệ nữ (%)",
        "shares_title": "Tỷ lệ nữ theo đơn vị",
        "target": "Chỉ tiêu",
        "term": "nhiệm kỳ",
        Status.NO_DATA: "không có số liệu",
        "seats_title": "Số nữ còn thiếu để đạt chỉ tiêu",
        "seats_grow_title": "Số nữ cần bổ sung (tăng số thành viên) để đạt chỉ tiêu",
        "seats_axis": "Số nữ còn thiếu (người)",
        "seats_none": "Tất cả đơn vị đều đạt chỉ tiêu,\nkhông đơn vị nào còn thiếu nữ",
        STATUS: "Tình trạng",
        "change_title": "Thay đổi tỷ lệ nữ (điểm %)",
        "heatmap_share_title": "Tỷ lệ nữ theo đơn vị và cơ quan",
        "heatmap_status_title": "Tình trạng đạt chỉ tiêu theo đơn vị và cơ quan",
        "women": "Nữ",
        "men": "Nam",
        "persons": "Số người",
        "stacked_title": "Số nữ và nam theo cấp và cơ quan",
        "trend_title": "Tỷ lệ nữ qua các nhiệm kỳ",
        "units": "đơn vị",
        "target_year": "Năm mục tiêu",
        "progress_title": "Đánh giá tiến độ theo phương pháp",
        "score_axis": "Điểm (−5 đến +5)",
        "value_axis": "Giá trị theo phương pháp",
        "target_by": "chỉ tiêu {share} vào năm {year}",
    },
    "en": {
        SHARE: "Share of women",
        "share_axis": "Share of women (%)",
        "shares_title": "Share of women by unit",
        "target": "Target",
        "term": "term",
        Status.NO_DATA: "no data",
        "seats_title": "Women still needed to meet the target",
        "seats_grow_title": "Women to add (body grows) to meet the target",
        "seats_axis": "Women still needed (persons)",
        "seats_none": "Every unit meets the target:\nno unit needs more women",
        STATUS: "Status",
        "change_title": "Change in the share of women (points)",
        "heatmap_share_title": "Share of women by unit and body",
        "heatmap_status_title": "Target status by unit and body",
        "women": "Women",
        "men": "Men",
        "persons": "Persons",
        "stacked_title": "Women and men by level and body",
        "trend_title": "Share of women across terms",
        "units": "units",
        "target_year": "Target year",
        "progress_title": "Progress assessed by the method",
        "score_axis": "Score (−5 to +5)",
        "value_axis": "Value of the method",
        "target_by": "target {share} by {year}",
    },
}

_WOMEN = "#CC79A7"  # reddish purple (Okabe-Ito)
_MEN = "#0072B2"  # blue (Okabe-Ito)
_INCH_PER_ROW = 0.28
_MARGIN_INCH = 1.9


# ---------------------------------------------------------------------------------------------
# helpers


@contextmanager
def _style() -> Iterator[None]:
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


def _check_lang(lang: str) -> None:
    if lang not in _LANGS:
        raise ArgumentError(f"Got lang={lang!r}. Must be one of {list(_LANGS)}.")


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ArgumentError(
            f"biểu đồ cần một bảng {what} (expected a {what} pandas DataFrame), got "
            f"{type(frame).__name__}. Hint: pass the output of the function that builds the "
            f"{what} frame."
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ArgumentError(
            f"expected a {what} frame with columns {list(columns)}, got one without {missing}. "
            f"Hint: pass the output of the function that builds the {what} frame."
        )


def _select(
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


def _nonempty(rows: pd.DataFrame, what: str) -> None:
    if rows.empty:
        raise ArgumentError(
            f"expected a {what} frame with rows to chart, got none. "
            "Hint: check the term, body and target chosen, or the frame passed."
        )


def _one_row_per_unit(rows: pd.DataFrame) -> None:
    dup = rows[UNIT_ID].duplicated()
    if dup.any():
        ids = sorted(rows.loc[dup, UNIT_ID].unique().tolist())
        raise ArgumentError(
            f"expected one row per unit, got several rows for {ids}. "
            "Hint: choose the term, body and target_id to chart."
        )


def _only(rows: pd.DataFrame, column: str) -> Any:
    """Return the one value of ``column`` in ``rows`` (None if absent or not unique)."""
    if column not in rows.columns:
        return None
    values = rows[column].dropna().unique().tolist()
    return values[0] if len(values) == 1 else None


def _pct(share: float, lang: str, digits: int = 1) -> str:
    """Format a share in [0, 1] as a percentage with the locale's decimal mark, half-up rounding."""
    value = (Decimal(repr(float(share))) * 100).quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
    )
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(".", ",")
    return f"{text}%"


def _subtitle(rows: pd.DataFrame, lang: str) -> str:
    """Return ``"Ban Chấp hành (cấp ủy), nhiệm kỳ 2015-2020"`` for the rows' body and term."""
    parts = []
    body = _only(rows, BODY)
    if body is not None:
        parts.append(body_label(body, lang))
    term = _only(rows, TERM)
    if term is not None:
        parts.append(f"{_WORDS[lang]['term']} {term}")
    return ", ".join(parts)


def _new_axes(ax: Axes | None, n_rows: int, *, width: float = 9.0) -> Axes:
    """Return ``ax``, or the Axes of a new figure tall enough for ``n_rows`` labelled rows."""
    if ax is not None:
        return ax
    height = max(3.0, _INCH_PER_ROW * n_rows + _MARGIN_INCH)
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def _status_color(status: object, palette: Mapping[str, str], seen: list[str]) -> str:
    if isinstance(status, str) and status in palette:
        return palette[status]
    key = str(status)
    if key not in seen:
        seen.append(key)
    return _FALLBACK_COLORS[seen.index(key) % len(_FALLBACK_COLORS)]


def _status_word(status: object, words: Mapping[str, Mapping[str, str]], lang: str) -> str:
    return words[lang].get(str(status), str(status).replace("_", " "))


def _status_legend(
    ax: Axes,
    statuses: Sequence[object],
    colors: Sequence[str],
    words: Mapping[str, Mapping[str, str]],
    order: Sequence[str],
    lang: str,
    extra: Sequence[Any] = (),
    loc: Any = "lower right",
    title: str | None = None,
) -> None:
    """Draw a legend of the statuses present (in ``order``), after any ``extra`` handles."""
    first: dict[str, str] = {}
    for status, color in zip(statuses, colors, strict=True):
        first.setdefault(str(status), color)
    rank = {s: i for i, s in enumerate(order)}
    keys = sorted(first, key=lambda s: (rank.get(s, len(rank)), s))
    handles = [*extra] + [
        Patch(facecolor=first[s], edgecolor="none", label=_status_word(s, words, lang))
        for s in keys
    ]
    ax.legend(
        handles=handles, loc=loc, fontsize=8, framealpha=0.9, title=title or _WORDS[lang][STATUS]
    )


def _bar_axes(ax: Axes, labels: Sequence[str]) -> None:
    """Put ``labels`` on the y axis, first label at the top."""
    n = len(labels)
    ax.set_yticks(np.arange(n), labels=list(labels))
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", labelsize=8, length=0)
    ax.spines[["top", "right"]].set_visible(False)


_LINE_STYLES = ("--", ":", "-.", (0, (5, 2, 1, 2)))


def _primary_target(rows: pd.DataFrame, target_id: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return one row per unit (statuses of the chosen or first target) and the rows of all targets.

    When ``target_id`` is None and the rows hold several targets, the bars take the status of the
    first target in row order (named in the legend title) and every target gets its line.
    """
    if TARGET_ID not in rows.columns:
        return rows, rows
    if target_id is not None:
        chosen = _select(rows, {TARGET_ID: target_id})
        return chosen, chosen
    ids = list(pd.unique(rows[TARGET_ID].dropna()))
    if len(ids) <= 1:
        return rows, rows
    first = rows[rows[TARGET_ID] == ids[0]]
    rest = rows[rows[TARGET_ID] != ids[0]]
    return pd.concat([first, rest]).drop_duplicates(UNIT_ID), rows


def _target_lines(rows: pd.DataFrame, lang: str) -> list[tuple[float, str]]:
    """Return (threshold, label) of every target of ``rows`` that has a threshold, in row order."""
    if THRESHOLD not in rows.columns:
        return []
    found: list[tuple[float, str]] = []
    has_rule = RULE in rows.columns
    for _, row in rows.drop_duplicates([THRESHOLD, RULE] if has_rule else [THRESHOLD]).iterrows():
        threshold = float(row[THRESHOLD])
        if np.isnan(threshold):
            continue
        rule = row[RULE] if has_rule and isinstance(row[RULE], str) else _pct(threshold, lang)
        found.append((threshold, f"{_WORDS[lang]['target']} {rule}"))
    return found


def _status_title(rows: pd.DataFrame, lang: str) -> str:
    """Return the legend title, naming the target whose statuses colour the bars if several."""
    title = _WORDS[lang][STATUS]
    if TARGET_ID in rows.columns and len(pd.unique(rows[TARGET_ID].dropna())) > 1:
        title = f"{title} ({rows[TARGET_ID].dropna().iloc[0]})"
    return title


def _row_labels(rows: pd.DataFrame, lang: str) -> list[str]:
    """Return the unit name of each row, followed by the body and the rule when those vary."""
    parts = [rows[UNIT_NAME].astype(str).tolist()]
    if BODY in rows.columns and len(pd.unique(rows[BODY])) > 1:
        parts.append([body_label(b, lang) for b in rows[BODY]])
    if TARGET_ID in rows.columns and len(pd.unique(rows[TARGET_ID])) > 1:
        column = RULE if RULE in rows.columns else TARGET_ID
        parts.append(rows[column].astype(str).tolist())
    return [" · ".join(p) for p in zip(*parts, strict=True)]


# ---------------------------------------------------------------------------------------------
# charts


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

    Bars are sorted from the highest share (top) to the lowest; units without members (no share)
    come last with an empty bar.  Each bar is coloured by its compliance status (:data:`STATUS_COLORS`)
    and labelled with the share and the counts (``20% (8/40)``).  The target is a vertical line at
    the ``threshold`` of the rows, named after their ``rule`` (``Chỉ tiêu ≥ 15%``).

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
        Language of the title, axis label and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh` (e.g. ``height``, ``color``).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    gender_stats.errors.ArgumentError
        (a ``ValueError``) If a column is missing, ``lang`` is unknown, or the chosen rows hold several values of
        ``term``, ``body`` or ``target_id`` (choose one), or several rows for one unit.

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 4, "unit_id": list("ABCD"),
    ...     "unit_name": ["Hậu Lộc", "Ngọc Lặc", "Vĩnh Lộc", "Như Thanh"],
    ...     "level": ["district"] * 4, "body": ["party_committee"] * 4,
    ...     "total": [40, 45, 33, 35], "female": [8, 5, 6, 3], "target_id": ["36-CT/TW:a"] * 4,
    ...     "rule": ["≥ 15%"] * 4, "threshold": [0.15] * 4,
    ...     "share": [0.2, 5 / 45, 6 / 33, 3 / 35], "status": ["met", "below", "met", "below"]})
    >>> ax = plot_shares(compliance, lang="en")
    >>> [round(float(p.get_width()), 3) for p in ax.patches]
    [0.2, 0.182, 0.111, 0.086]
    >>> print(ax.get_title(loc="left"))
    Share of women by unit
    Party committee, term 2015-2020
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    _require(compliance, (UNIT_ID, UNIT_NAME, TOTAL, FEMALE, SHARE, STATUS), "compliance")
    rows = _select(compliance, {TERM: term, BODY: body})
    _nonempty(rows, "compliance")
    rows, primary = _primary_target(rows, target_id)
    _one_row_per_unit(rows)
    rows = rows.sort_values(
        [SHARE, UNIT_NAME], ascending=[False, True], na_position="last", kind="stable"
    )
    words = _WORDS[lang]
    shares = rows[SHARE].to_numpy(dtype=float)
    widths = np.where(np.isnan(shares), 0.0, shares)
    seen: list[str] = []
    colors = [_status_color(s, STATUS_COLORS, seen) for s in rows[STATUS]]
    labels = [
        f"{_pct(s, lang)} ({f}/{t})" if not np.isnan(s) else words[Status.NO_DATA]
        for s, f, t in zip(shares, rows[FEMALE], rows[TOTAL], strict=True)
    ]
    lines = _target_lines(primary, lang)

    with _style():
        ax = _new_axes(ax, len(rows))
        bars = ax.barh(np.arange(len(rows)), widths, **{"color": colors, "height": 0.7, **kwargs})
        ax.bar_label(
            bars,
            labels=labels,
            padding=3,
            fontsize=7,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3, "alpha": 0.85},
        )
        _bar_axes(ax, rows[UNIT_NAME].astype(str).tolist())
        extra = [
            ax.axvline(
                threshold,
                color="#000000",
                linestyle=style,
                linewidth=1.2,
                label=label,
                gid="target",
                zorder=1.5,
            )
            for (threshold, label), style in zip(lines, _LINE_STYLES, strict=False)
        ]
        top = max([float(widths.max(initial=0.0)), *(t for t, _ in lines), 0.05])
        ax.set_xlim(0, top * 1.3)
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        ax.set_xlabel(words["share_axis"])
        ax.grid(axis="x", color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)
        _status_legend(
            ax,
            rows[STATUS].tolist(),
            colors,
            STATUS_LABELS,
            STATUS_ORDER,
            lang,
            extra=extra,
            title=_status_title(primary, lang),
        )
        subtitle = _subtitle(rows, lang)
        ax.set_title(words["shares_title"] + (f"\n{subtitle}" if subtitle else ""), loc="left")
    return ax


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
        Language of the title and axis label.
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
    _check_lang(lang)
    column = SEATS_NEEDED_IF_GROW if if_grow else SEATS_NEEDED
    _require(compliance, (UNIT_ID, UNIT_NAME, column), "compliance")
    rows = _select(
        compliance, {TERM: term, BODY: body, TARGET_ID: target_id}, several=(BODY, TARGET_ID)
    )
    _nonempty(rows, "compliance")
    keys = [c for c in (UNIT_ID, BODY, TARGET_ID) if c in rows.columns]
    if rows.duplicated(keys).any():
        raise ArgumentError(
            f"expected one row per {' × '.join(keys)}, got duplicates. "
            "Hint: pass term=... or remove the repeated rows."
        )
    needed = pd.to_numeric(rows[column]).astype("Float64").fillna(0.0).to_numpy(dtype=float)
    short = rows.assign(_needed=needed, _label=_row_labels(rows, lang))[needed > 0]
    short = short.sort_values(["_needed", "_label"], ascending=[False, True], kind="stable")
    words = _WORDS[lang]
    rule = _only(rows, RULE)
    title = words["seats_grow_title" if if_grow else "seats_title"]
    if rule is not None:
        title = f"{title} ({rule})"
    subtitle = _subtitle(rows, lang)

    with _style():
        ax = _new_axes(ax, len(short))
        if short.empty:
            ax.text(
                0.5,
                0.5,
                words["seats_none"],
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=12,
                color=STATUS_COLORS[Status.MET],
            )
            ax.set_xticks([])
            ax.set_yticks([])
        else:
            values = short["_needed"].to_numpy(dtype=float)
            bars = ax.barh(
                np.arange(len(short)),
                values,
                **{"color": STATUS_COLORS[Status.BELOW], "height": 0.7, **kwargs},
            )
            ax.bar_label(bars, labels=[str(int(v)) for v in values], padding=3, fontsize=8)
            _bar_axes(ax, short["_label"].tolist())
            ax.set_xlim(0, float(values.max()) * 1.15 + 0.5)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel(words["seats_axis"])
            ax.grid(axis="x", color="#E5E5E5", linewidth=0.6)
            ax.set_axisbelow(True)
        ax.set_title(title + (f"\n{subtitle}" if subtitle else ""), loc="left")
    return ax


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
    with the change in percentage points.  Rows are sorted from the largest rise to the largest
    fall.  Units without a share in one of the two terms are left out.

    Parameters
    ----------
    trend_or_counts : pandas.DataFrame
        A trend frame (:func:`gender_stats.progress.trend`, with ``share``) or counts (``share`` is
        then ``female / total``); needs ``term``, ``unit_id``, ``unit_name`` and ``body``.
    from_term, to_term : str
        The two terms compared, e.g. ``"2010-2015"`` and ``"2015-2020"``.
    body : str
        The body code to chart.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per unit tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, axis label and legend.
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
    ...     "body": ["party_committee"] * 4, "total": [40, 40, 40, 40], "female": [4, 8, 8, 6]})
    >>> ax = plot_change(counts, from_term="2010-2015", to_term="2015-2020", body="party_committee")
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Hậu Lộc', 'Ngọc Lặc'], ['+10', '−5'])
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    frame = trend_or_counts
    _require(frame, (TERM, UNIT_ID, UNIT_NAME, BODY), "trend or counts")
    if SHARE not in frame.columns:
        _require(frame, (TOTAL, FEMALE), "counts")
        total = frame[TOTAL].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            frame = frame.assign(
                **{SHARE: np.where(total > 0, frame[FEMALE].to_numpy(dtype=float) / total, np.nan)}
            )
    rows = _select(frame, {BODY: body})
    _nonempty(rows, "trend or counts")
    ends = []
    for term in (from_term, to_term):
        part = rows[rows[TERM] == term]
        if part.empty:
            present = sorted(rows[TERM].dropna().unique().tolist())
            raise ArgumentError(
                f"expected term {term!r} in the data, got only {present}. "
                "Hint: pass from_term and to_term from these."
            )
        _one_row_per_unit(part)
        ends.append(part.set_index(UNIT_ID))
    before, after = ends
    joined = after[[UNIT_NAME, SHARE]].join(
        before[[SHARE]].rename(columns={SHARE: f"{SHARE}_from"}), how="inner"
    )
    joined = joined.dropna(subset=[SHARE, f"{SHARE}_from"])
    start = joined[f"{SHARE}_from"].to_numpy(dtype=float)
    end = joined[SHARE].to_numpy(dtype=float)
    joined = joined.assign(_change=end - start)
    joined = joined.sort_values(["_change", UNIT_NAME], ascending=[False, True], kind="stable")
    start = joined[f"{SHARE}_from"].to_numpy(dtype=float)
    end = joined[SHARE].to_numpy(dtype=float)
    change = joined["_change"].to_numpy(dtype=float)
    words = _WORDS[lang]
    y = np.arange(len(joined))

    with _style():
        ax = _new_axes(ax, len(joined))
        colors = [
            STATUS_COLORS[Status.MET]
            if c > 0
            else STATUS_COLORS[Status.BELOW]
            if c < 0
            else "#999999"
            for c in change
        ]
        ax.hlines(y, start, end, colors=colors, linewidth=2.0, zorder=1, gid="change")
        ax.scatter(
            start, y, **{"color": "#B0B0B0", "s": 30, "zorder": 2, "label": from_term, **kwargs}
        ).set_gid("from")
        ax.scatter(
            end, y, **{"color": "#0072B2", "s": 30, "zorder": 3, "label": to_term, **kwargs}
        ).set_gid("to")
        for yi, a, b, c in zip(y, start, end, change, strict=True):
            ax.text(
                max(a, b) + 0.008,
                float(yi),
                _points(c, lang),
                va="center",
                ha="left",
                fontsize=7,
                color=colors[yi],
            )
        _bar_axes(ax, joined[UNIT_NAME].astype(str).tolist())
        top = max(float(np.max(np.concatenate([start, end]), initial=0.0)), 0.05)
        ax.set_xlim(0, top * 1.15 + 0.03)
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        ax.set_xlabel(words["share_axis"])
        ax.grid(axis="x", color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
        ax.set_title(
            f"{words['change_title']}, {from_term} → {to_term}\n{body_label(body, lang)}",
            loc="left",
        )
    return ax


def _points(change: float, lang: str) -> str:
    """Format a change of share (in [−1, 1]) in percentage points with a sign: ``+3,2``."""
    text = _pct(abs(change), lang)[:-1]
    if text in ("0", "0,0", "0.0"):
        return "0"
    return ("+" if change > 0 else "−") + text


def _ordered(codes: Sequence[str], known: Sequence[str]) -> list[str]:
    """Return the distinct ``codes``: the ``known`` ones in that order, then the others as met."""
    present = list(dict.fromkeys(codes))
    return [c for c in known if c in present] + [c for c in present if c not in known]


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

    Rows are units (in the order they first appear), columns are bodies (in the order of
    :data:`gender_stats.vocab.BODIES`).  With ``value="share"`` each cell holds the share in % on a
    sequential colour scale (a colour bar is added); with ``value="status"`` each cell takes its
    status colour (:data:`STATUS_COLORS`) and word, and a body judged against several targets gets
    one column per target (named by its rule).  Empty cells (no row for that unit and body) are
    light grey with a dash.

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
        Language of the title, column labels and legend.
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
    ['20%', '7,7%', '10%', '–']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    if value not in (SHARE, STATUS):
        raise ArgumentError(f"Got value={value!r}. Must be one of ['share', 'status'].")
    _require(compliance, (UNIT_ID, UNIT_NAME, BODY, SHARE, STATUS), "compliance")
    rows = _select(compliance, {TERM: term, TARGET_ID: target_id}, several=(TARGET_ID,))
    _nonempty(rows, "compliance")
    words = _WORDS[lang]
    units = rows.drop_duplicates(UNIT_ID)
    unit_ids = units[UNIT_ID].tolist()
    bodies = _ordered(rows[BODY].tolist(), list(BODIES))
    if value == SHARE:
        cells = rows.drop_duplicates([UNIT_ID, BODY])
        columns: list[tuple[str, str | None]] = [(b, None) for b in bodies]
        col_labels = [body_label(b, lang) for b in bodies]
    else:
        has_target = TARGET_ID in rows.columns
        keys = [UNIT_ID, BODY, TARGET_ID] if has_target else [UNIT_ID, BODY]
        cells = rows.drop_duplicates(keys)
        if len(cells) < len(rows):
            raise ArgumentError(
                f"expected one row per {' × '.join(keys)}, got duplicates. "
                "Hint: pass term=... or remove the repeated rows."
            )
        columns = []
        col_labels = []
        for b in bodies:
            part = cells[cells[BODY] == b]
            targets = list(pd.unique(part[TARGET_ID])) if has_target else [None]
            for t in targets:
                columns.append((b, t))
                label = body_label(b, lang)
                if len(targets) > 1:
                    sub = part[part[TARGET_ID] == t]
                    label += f" ({_only(sub, RULE) or t})"
                col_labels.append(label)
    position = {u: i for i, u in enumerate(unit_ids)}
    column_of = {key: j for j, key in enumerate(columns)}
    matrix = np.full((len(unit_ids), len(columns)), np.nan)
    annotations = np.full(matrix.shape, "–", dtype=object)
    status_codes = _ordered(cells[STATUS].astype(str).tolist(), STATUS_ORDER)
    status_index = {s: k for k, s in enumerate(status_codes)}
    has_target = TARGET_ID in cells.columns
    for _, row in cells.iterrows():
        key = (row[BODY], row[TARGET_ID] if has_target and value == STATUS else None)
        i, j = position[row[UNIT_ID]], column_of[key]
        if value == SHARE:
            share = float(row[SHARE])
            matrix[i, j] = share
            annotations[i, j] = "–" if np.isnan(share) else _pct(share, lang)
        else:
            status = str(row[STATUS])
            matrix[i, j] = status_index[status]
            annotations[i, j] = STATUS_LABELS[lang].get(status, status)

    with _style():
        ax = _new_axes(ax, len(unit_ids), width=4.0 + 1.35 * len(columns))
        if value == SHARE:
            cmap = mpl.colormaps["Blues"].with_extremes(bad="#F2F2F2")
            finite = matrix[~np.isnan(matrix)]
            vmax = max(0.1, float(np.ceil(finite.max() * 10) / 10)) if finite.size else 1.0
            image = ax.imshow(
                matrix, **{"cmap": cmap, "vmin": 0.0, "vmax": vmax, "aspect": "auto", **kwargs}
            )
            bar = ax.figure.colorbar(image, ax=ax, shrink=min(1.0, 6 / max(len(unit_ids), 1)))
            bar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
            bar.set_label(words["share_axis"])
            dark = [
                [bool(v / vmax > 0.55) if not np.isnan(v) else False for v in r] for r in matrix
            ]
        else:
            seen: list[str] = []
            palette = [_status_color(s, STATUS_COLORS, seen) for s in status_codes] or ["#FFFFFF"]
            cmap = ListedColormap(palette).with_extremes(bad="#F2F2F2")
            ax.imshow(
                matrix,
                **{
                    "cmap": cmap,
                    "vmin": -0.5,
                    "vmax": len(palette) - 0.5,
                    "aspect": "auto",
                    **kwargs,
                },
            )
            handles = [
                Patch(facecolor=c, label=STATUS_LABELS[lang].get(s, s))
                for s, c in zip(status_codes, palette, strict=False)
            ]
            ax.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
                fontsize=8,
                title=words[STATUS],
                frameon=False,
            )
            dark = [
                [
                    not np.isnan(v)
                    and status_codes[int(v)] in (Status.MET, Status.BELOW, Status.ABOVE_RANGE)
                    for v in r
                ]
                for r in matrix
            ]
        for i in range(matrix.shape[0]):
            for j in range(matrix.shape[1]):
                ax.text(
                    j,
                    i,
                    annotations[i, j],
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark[i][j] else "black",
                )
        ax.set_yticks(np.arange(len(unit_ids)), labels=units[UNIT_NAME].astype(str).tolist())
        ax.set_xticks(np.arange(len(columns)), labels=[textwrap.fill(c, 16) for c in col_labels])
        ax.xaxis.tick_top()
        ax.tick_params(axis="both", labelsize=8, length=0)
        ax.set_xticks(np.arange(len(columns) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(unit_ids) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=1.0)
        ax.tick_params(which="minor", length=0)
        ax.spines[:].set_visible(False)
        title = words["heatmap_share_title" if value == SHARE else "heatmap_status_title"]
        term_value = _only(rows, TERM)
        if term_value is not None:
            title += f"\n{words['term']} {term_value}"
        ax.set_title(title, loc="left")
    return ax


def plot_stacked(
    counts: pd.DataFrame,
    *,
    by: str = LEVEL,
    term: str | None = None,
    ax: Axes | None = None,
    lang: Lang = "vi",
    **kwargs: Any,
) -> Axes:
    """Draw women and men as stacked horizontal bars per body at each level (or other group).

    Members are pooled over the units of each group with :func:`gender_stats.counting.rollup`
    (sums of counts); men are ``total − female``.  Each segment is labelled with its count.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`), or any frame with ``body``, ``total``, ``female``
        and the ``by`` column (the compliance frame works too when it holds one target per body).
    by : str, default "level"
        The column grouping the bars together with ``body`` (``"level"``, ``"unit_name"``, ...).
    term : str, optional
        The term to chart; needed when the frame holds several.
    ax : matplotlib.axes.Axes, optional
        Where to draw.  When None, a new figure is created, about 0.28 inch per bar tall.
    lang : {"vi", "en"}, default "vi"
        Language of the title, labels and legend.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "C"], "unit_name": ["A", "B", "C"],
    ...     "level": ["district", "district", "agency"], "body": ["party_committee"] * 3,
    ...     "total": [40, 9, 11], "female": [4, 3, 2]})
    >>> ax = plot_stacked(counts)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Cấp huyện', 'Sở, ban, ngành']
    >>> print(ax.get_title(loc="left"))
    Số nữ và nam theo cấp và cơ quan
    Ban Chấp hành (cấp ủy), nhiệm kỳ 2015-2020
    >>> [float(p.get_width()) for p in ax.patches]
    [7.0, 2.0, 42.0, 9.0]
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    _require(counts, (by, BODY, TOTAL, FEMALE), "counts")
    rows = _select(counts, {TERM: term})
    _nonempty(rows, "counts")
    pooled = rollup(rows, by=(by, BODY), values=(TOTAL, FEMALE))
    groups = _ordered(pooled[by].astype(str).tolist(), list(LEVELS) if by == LEVEL else [])
    group_rank = {g: i for i, g in enumerate(groups)}
    body_rank = {b: i for i, b in enumerate(_ordered(pooled[BODY].tolist(), list(BODIES)))}
    pooled = pooled.assign(
        _g=pooled[by].astype(str).map(group_rank), _b=pooled[BODY].map(body_rank)
    ).sort_values(["_g", "_b"], kind="stable")
    women = pooled[FEMALE].to_numpy(dtype=float)
    men = pooled[TOTAL].to_numpy(dtype=float) - women
    several_bodies = len(body_rank) > 1
    labels = [
        (level_label(g, lang) if by == LEVEL else g)
        + (f" · {body_label(b, lang)}" if several_bodies else "")
        for g, b in zip(pooled[by].astype(str), pooled[BODY], strict=True)
    ]
    words = _WORDS[lang]
    y = np.arange(len(pooled))

    with _style():
        ax = _new_axes(ax, len(pooled))
        height = kwargs.pop("height", 0.7)
        female_bars = ax.barh(
            y, women, **{"height": height, "color": _WOMEN, "label": words["women"], **kwargs}
        )
        male_bars = ax.barh(
            y,
            men,
            left=women,
            **{"height": height, "color": _MEN, "label": words["men"], **kwargs},
        )
        for bars, values, color in ((female_bars, women, "white"), (male_bars, men, "white")):
            ax.bar_label(
                bars,
                labels=[f"{int(v)}" if v > 0 else "" for v in values],
                label_type="center",
                fontsize=7,
                color=color,
            )
        ax.bar_label(
            male_bars,
            labels=[f"{int(w + m)}" for w, m in zip(women, men, strict=True)],
            padding=3,
            fontsize=7,
        )
        _bar_axes(ax, labels)
        top = float(np.max(women + men, initial=0.0))
        ax.set_xlim(0, max(top, 1.0) * 1.12)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(words["persons"])
        ax.grid(axis="x", color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        title = words["stacked_title"]
        sub = [] if several_bodies else [body_label(str(_only(pooled, BODY)), lang)]
        term_value = _only(rows, TERM)
        if term_value is not None:
            sub.append(f"{words['term']} {term_value}")
        if sub:
            title += "\n" + ", ".join(sub)
        ax.set_title(title, loc="left")
    return ax


TERM_START = _progress.TERM_START
TARGET_SHARE = _progress.TARGET_SHARE
TARGET_YEAR = _progress.TARGET_YEAR

_LINE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<")
_MAX_LEGEND_UNITS = 10


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

    The x axis is the start year of each term, labelled with the term (``2015-2020``).  The target
    is a horizontal dashed line and the target year a vertical dotted line.  Up to 10 units get a
    colour, a marker and a legend entry; with more, every unit is a thin grey line (choose units
    with ``units=`` to tell them apart).

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
        Language of the title, axis label and legend.
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
    ['Hậu Lộc', 'Ngọc Lặc', 'Chỉ tiêu 25%', 'Năm mục tiêu 2030']
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2010-2015', '2015-2020', '2030']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    _require(trend, (UNIT_ID, UNIT_NAME, TERM, SHARE), "trend")
    rows = _select(trend, {BODY: body})
    _nonempty(rows, "trend")
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
    if target_share is None:
        target_share = _only(rows, TARGET_SHARE)
    if target_year is None:
        found_year = _only(rows, TARGET_YEAR)
        target_year = None if found_year is None else int(found_year)
    words = _WORDS[lang]
    ticks = rows[[TERM_START, TERM]].drop_duplicates().sort_values(TERM_START, kind="stable")
    unit_ids = list(pd.unique(rows[UNIT_ID]))
    many = len(unit_ids) > _MAX_LEGEND_UNITS

    with _style():
        if ax is None:
            _, ax = plt.subplots(figsize=(10.0, 5.5), layout="constrained")
        for k, unit in enumerate(unit_ids):
            part = rows[rows[UNIT_ID] == unit].sort_values(TERM_START, kind="stable")
            name = str(part[UNIT_NAME].iloc[-1])
            style: dict[str, Any] = (
                {"color": "#8C8C8C", "linewidth": 0.8, "alpha": 0.7, "marker": "o", "markersize": 2}
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
                **{**style, "label": name, "gid": f"unit:{unit}", **kwargs},
            )
        tops = [float(np.nanmax(rows[SHARE].to_numpy(dtype=float), initial=0.0))]
        handles = []
        if target_share is not None and not np.isnan(float(target_share)):
            handles.append(
                ax.axhline(
                    float(target_share),
                    color="#000000",
                    linestyle="--",
                    linewidth=1.2,
                    gid="target",
                    label=f"{words['target']} {_pct(float(target_share), lang)}",
                )
            )
            tops.append(float(target_share))
        xs = [float(x) for x in ticks[TERM_START]]
        labels = [str(t) for t in ticks[TERM]]
        if target_year is not None:
            handles.append(
                ax.axvline(
                    float(target_year),
                    color="#000000",
                    linestyle=":",
                    linewidth=1.2,
                    gid="target_year",
                    label=f"{words['target_year']} {target_year}",
                )
            )
            if float(target_year) not in xs:
                xs.append(float(target_year))
                labels.append(str(target_year))
        ax.set_xticks(xs, labels=labels)
        low, high = min(xs, default=0.0), max(xs, default=1.0)
        pad = max((high - low) * 0.06, 1.0)
        ax.set_xlim(low - pad, high + pad)
        ax.set_ylim(0, max(max(tops), 0.05) * 1.15)
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        ax.set_ylabel(words["share_axis"])
        ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=8)
        legend_handles = handles if many else [*ax.get_lines()]
        if legend_handles:
            ax.legend(
                handles=legend_handles,
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
                fontsize=8,
                frameon=False,
            )
        title = words["trend_title"]
        sub = [body_label(b, lang) for b in [_only(rows, BODY)] if b is not None]
        if many:
            sub.append(f"{len(unit_ids)} {words['units']}")
        ax.set_title(title + (f"\n{', '.join(sub)}" if sub else ""), loc="left")
    return ax


METHOD = "method"
SCORE = "score"
VALUE = "value"

_METHOD_WORDS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "growth_ratio": "tỷ số tốc độ tăng (Open SDG)",
        "escap": "ESCAP (hiện trạng và dự báo)",
        "linear": "tốc độ tuyến tính",
    },
    "en": {
        "growth_ratio": "growth-rate ratio (Open SDG)",
        "escap": "ESCAP (current status and anticipated progress)",
        "linear": "linear pace",
    },
}


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
    its ``value``; they are sorted from the best to the worst and labelled with the number.  Bars
    take the colour of the progress status (:data:`PROGRESS_COLORS`); the title names the method,
    the base and current terms and the target.

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
        Language of the title, axis label and legend.
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
    (['Ngọc Lặc', 'Hậu Lộc'], ['4.11', '−0.74'])
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    _require(assessment, (UNIT_ID, UNIT_NAME, METHOD, STATUS), "assessment")
    rows = _select(assessment, {METHOD: method, BODY: body})
    _nonempty(rows, "assessment")
    _one_row_per_unit(rows)
    if SCORE in rows.columns and rows[SCORE].notna().any():
        column, axis_label = SCORE, "score_axis"
    elif VALUE in rows.columns:
        column, axis_label = VALUE, "value_axis"
    else:
        raise ArgumentError(
            "expected an assessment frame with a 'score' or 'value' column, got neither. "
            "Hint: pass the output of gender_stats.progress.assess_progress."
        )
    values = pd.to_numeric(rows[column]).astype(float)
    rows = rows.assign(_x=values).sort_values(
        ["_x", UNIT_NAME], ascending=[False, True], na_position="last", kind="stable"
    )
    x = rows["_x"].to_numpy(dtype=float)
    widths = np.where(np.isnan(x), 0.0, x)
    words = _WORDS[lang]
    seen: list[str] = []
    colors = [_status_color(s, PROGRESS_COLORS, seen) for s in rows[STATUS]]
    labels = [words[Status.NO_DATA] if np.isnan(v) else _number(v, lang) for v in x]
    method_code = str(rows[METHOD].iloc[0]) if len(rows) else ""
    title = f"{words['progress_title']} {_METHOD_WORDS[lang].get(method_code, method_code)}"
    sub = []
    body_code = _only(rows, BODY)
    if body_code is not None:
        sub.append(body_label(body_code, lang))
    base, current = _only(rows, "base_term"), _only(rows, "current_term")
    if base is not None and current is not None:
        sub.append(f"{base} → {current}")
    share, year = _only(rows, TARGET_SHARE), _only(rows, TARGET_YEAR)
    if share is not None and year is not None:
        sub.append(words["target_by"].format(share=_pct(float(share), lang), year=int(year)))

    with _style():
        ax = _new_axes(ax, len(rows))
        bars = ax.barh(np.arange(len(rows)), widths, **{"color": colors, "height": 0.7, **kwargs})
        ax.bar_label(bars, labels=labels, padding=3, fontsize=7)
        _bar_axes(ax, rows[UNIT_NAME].astype(str).tolist())
        ax.axvline(0.0, color="#000000", linewidth=0.8, gid="zero")
        if column == SCORE:
            ax.set_xlim(-6.0, 6.5)
        else:
            finite = widths[np.isfinite(widths)]
            span = float(np.max(np.abs(finite), initial=0.0)) or 1.0
            ax.set_xlim(min(0.0, float(finite.min(initial=0.0))) - 0.25 * span, 1.3 * span)
        ax.set_xlabel(words[axis_label])
        ax.grid(axis="x", color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)
        order = list(PROGRESS_COLORS)
        _status_legend(
            ax, rows[STATUS].tolist(), colors, PROGRESS_WORDS, order, lang, loc="lower right"
        )
        ax.set_title(title + (f"\n{', '.join(sub)}" if sub else ""), loc="left")
    return ax


def _number(value: float, lang: str, digits: int = 2) -> str:
    """Format a signed number half-up with the locale's decimal mark and a true minus sign."""
    quantum = Decimal(1).scaleb(-digits)
    number = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{abs(number):f}"
    if lang == "vi":
        text = text.replace(".", ",")
    return ("−" if number < 0 else "") + text
