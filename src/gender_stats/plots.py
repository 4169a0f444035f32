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
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from gender_stats.schema import BODY, FEMALE, SHARE, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.vocab import body_label

__all__ = [
    "PROGRESS_COLORS",
    "PROGRESS_WORDS",
    "STATUS_COLORS",
    "STATUS_ORDER",
    "STATUS_WORDS",
    "plot_seats_needed",
    "plot_shares",
]

# Columns of the compliance frame (see docs/architecture.md); spelled here until compliance.py
# exports constants.
TARGET_ID = "target_id"
DOCUMENT = "document"
RULE = "rule"
THRESHOLD = "threshold"
STATUS = "status"
SEATS_NEEDED = "seats_needed"
SEATS_NEEDED_IF_GROW = "seats_needed_if_grow"

Lang = Literal["vi", "en"]
_LANGS = ("en", "vi")

#: Compliance statuses in the order legends list them.
STATUS_ORDER: tuple[str, ...] = ("met", "above_range", "below", "not_applicable", "no_data")

#: Colour of each compliance status (Okabe-Ito palette, safe for colour-blind readers).
STATUS_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "met": "#009E73",  # bluish green
        "above_range": "#0072B2",  # blue
        "below": "#D55E00",  # vermillion
        "not_applicable": "#999999",  # grey
        "no_data": "#DDDDDD",  # light grey
    }
)

#: The words for each compliance status, by language.
STATUS_WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "vi": MappingProxyType(
            {
                "met": "Đạt",
                "above_range": "Vượt khoảng",
                "below": "Chưa đạt",
                "not_applicable": "Không áp dụng",
                "no_data": "Không có số liệu",
            }
        ),
        "en": MappingProxyType(
            {
                "met": "Met",
                "above_range": "Above range",
                "below": "Below target",
                "not_applicable": "Not applicable",
                "no_data": "No data",
            }
        ),
    }
)

#: Colour of each progress status (best to worst; statuses of the published methods).
PROGRESS_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "target_achieved": "#0072B2",
        "achieved": "#0072B2",
        "substantial_progress": "#009E73",
        "on_track": "#009E73",
        "maintain_progress": "#009E73",
        "moderate_progress": "#E69F00",
        "accelerate": "#E69F00",
        "limited_progress": "#CC79A7",
        "deterioration": "#D55E00",
        "reverse_trend": "#D55E00",
        "insufficient_data": "#DDDDDD",
        "no_data": "#DDDDDD",
    }
)

#: The words for each progress status, by language.
PROGRESS_WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "vi": MappingProxyType(
            {
                "target_achieved": "Đã đạt chỉ tiêu",
                "achieved": "Đã đạt chỉ tiêu",
                "substantial_progress": "Tiến bộ rõ (đúng tiến độ)",
                "on_track": "Đúng tiến độ",
                "maintain_progress": "Duy trì tiến độ",
                "moderate_progress": "Tiến bộ vừa (cần đẩy nhanh)",
                "accelerate": "Cần đẩy nhanh",
                "limited_progress": "Tiến bộ hạn chế",
                "deterioration": "Đi xuống",
                "reverse_trend": "Cần đảo ngược xu hướng",
                "insufficient_data": "Không đủ số liệu",
                "no_data": "Không có số liệu",
            }
        ),
        "en": MappingProxyType(
            {
                "target_achieved": "Target achieved",
                "achieved": "Target achieved",
                "substantial_progress": "Substantial progress (on track)",
                "on_track": "On track",
                "maintain_progress": "Maintain progress",
                "moderate_progress": "Moderate progress (accelerate)",
                "accelerate": "Acceleration needed",
                "limited_progress": "Limited progress",
                "deterioration": "Deterioration",
                "reverse_trend": "Reverse trend",
                "insufficient_data": "Insufficient data",
                "no_data": "No data",
            }
        ),
    }
)

_FALLBACK_COLORS = ("#56B4E9", "#F0E442", "#000000", "#882255", "#44AA99", "#117733")

_WORDS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "share": "Tỷ lệ nữ",
        "share_axis": "Tỷ lệ nữ (%)",
        "shares_title": "Tỷ lệ nữ theo đơn vị",
        "target": "Chỉ tiêu",
        "term": "nhiệm kỳ",
        "no_data": "không có số liệu",
        "seats_title": "Số nữ còn thiếu để đạt chỉ tiêu",
        "seats_grow_title": "Số nữ cần bổ sung (tăng số thành viên) để đạt chỉ tiêu",
        "seats_axis": "Số nữ còn thiếu (người)",
        "seats_none": "Tất cả đơn vị đều đạt chỉ tiêu,\nkhông đơn vị nào còn thiếu nữ",
        "status": "Tình trạng",
    },
    "en": {
        "share": "Share of women",
        "share_axis": "Share of women (%)",
        "shares_title": "Share of women by unit",
        "target": "Target",
        "term": "term",
        "no_data": "no data",
        "seats_title": "Women still needed to meet the target",
        "seats_grow_title": "Women to add (body grows) to meet the target",
        "seats_axis": "Women still needed (persons)",
        "seats_none": "Every unit meets the target:\nno unit needs more women",
        "status": "Status",
    },
}

_INCH_PER_ROW = 0.28
_MARGIN_INCH = 1.9


# ---------------------------------------------------------------------------------------------
# helpers


@contextmanager
def _style() -> Iterator[None]:
    """Draw with DejaVu Sans first (it has every Vietnamese glyph); restore rcParams afterwards."""
    others = [f for f in mpl.rcParams["font.sans-serif"] if f != "DejaVu Sans"]
    with mpl.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", *others]}):
        yield


def _check_lang(lang: str) -> None:
    if lang not in _LANGS:
        raise ValueError(f"Got lang={lang!r}. Must be one of {list(_LANGS)}.")


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"expected a {what} frame with columns {list(columns)}, got one without {missing}. "
            f"Hint: pass the output of the function that builds the {what} frame."
        )


def _select(
    frame: pd.DataFrame, *, several: Sequence[str] = (), **choices: str | None
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
                raise ValueError(
                    f"expected {column}={chosen!r} to be in the data, got only {present}. "
                    f"Hint: pass one of them as {column}=..."
                )
            continue
        present = sorted(rows[column].dropna().unique().tolist())
        if len(present) > 1 and column not in several:
            raise ValueError(
                f"expected one {column} to chart, got {len(present)}: {present}. "
                f"Hint: pass {column}=... to choose one."
            )
    return rows


def _one_row_per_unit(rows: pd.DataFrame) -> None:
    dup = rows[UNIT_ID].duplicated()
    if dup.any():
        ids = sorted(rows.loc[dup, UNIT_ID].unique().tolist())
        raise ValueError(
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
        handles=handles, loc=loc, fontsize=8, framealpha=0.9, title=title or _WORDS[lang]["status"]
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
        chosen = _select(rows, **{TARGET_ID: target_id})
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
    title = _WORDS[lang]["status"]
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
    ValueError
        If a column is missing, ``lang`` is unknown, or the chosen rows hold several values of
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
    rows = _select(compliance, **{TERM: term, BODY: body})
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
        f"{_pct(s, lang)} ({f}/{t})" if not np.isnan(s) else words["no_data"]
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
            STATUS_WORDS,
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
        compliance,
        several=(BODY, TARGET_ID),
        **{TERM: term, BODY: body, TARGET_ID: target_id},
    )
    keys = [c for c in (UNIT_ID, BODY, TARGET_ID) if c in rows.columns]
    if rows.duplicated(keys).any():
        raise ValueError(
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
                color=STATUS_COLORS["met"],
            )
            ax.set_xticks([])
            ax.set_yticks([])
        else:
            values = short["_needed"].to_numpy(dtype=float)
            bars = ax.barh(
                np.arange(len(short)),
                values,
                **{"color": STATUS_COLORS["below"], "height": 0.7, **kwargs},
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
