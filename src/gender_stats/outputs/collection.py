"""The collection status in the outputs: a sentence, a chart, a table, a workbook sheet.

:func:`gender_stats.collect` (compute) returns a :class:`~gender_stats.collection.Collection`;
this module renders its ``status`` for people: :func:`status_summary` (one sentence),
:func:`status_table` (the labelled table of the page), :func:`status_sheet` (the workbook's
"Tình hình nộp báo cáo" sheet) and :func:`collection_section` (the page section, with the chart of
returns over time).  ``build_report(..., collection=...)`` puts the section in the page and the
sheet in the workbook; :func:`add_to_report` adds both to a report already saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup
from matplotlib.figure import Figure

from gender_stats.collection import (
    AMBIGUOUS,
    BLANK_BODIES,
    MISSING,
    NOT_A_REPORT,
    PROBLEMS,
    RECEIVED,
    STATUS_SHEET,
    UNMATCHED,
    Collection,
    reminders,
)
from gender_stats.errors import ArgumentError
from gender_stats.io import append_sheet, write_wide_workbook
from gender_stats.outputs._files import figure_bytes
from gender_stats.outputs._page import Block, Section, table_block
from gender_stats.outputs.labels import LABELS, LANGS, PAGE_LABELS, Lang
from gender_stats.outputs.plots_collection import plot_returns
from gender_stats.schema import UNIT_ID, UNIT_NAME
from gender_stats.vocab import BODIES

__all__ = [
    "add_to_report",
    "collection_section",
    "compiled_note",
    "reminders_sheet",
    "status_sheet",
    "status_summary",
    "status_table",
    "status_word",
    "write_collection",
]

#: The label key of each status code of the collection.
_STATUS_KEYS = {
    RECEIVED: "coll_received",
    PROBLEMS: "coll_problems",
    MISSING: "coll_missing",
    UNMATCHED: "coll_unmatched",
    AMBIGUOUS: "coll_ambiguous",
    NOT_A_REPORT: "coll_not_a_report",
}
_STATUS = "status"
#: Units named one by one in the note under the consolidated table (the rest are counted).
MAX_NAMED = 10
#: The consolidated sheet's title (the official layout is in Vietnamese whatever ``lang``).
CONSOLIDATED_TITLE = "TỔNG HỢP SỐ LƯỢNG NỮ THAM GIA CẤP ỦY, CƠ QUAN DÂN CỬ"


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """Return a column, or blanks for a frame made before it existed."""
    return frame[name] if name in frame.columns else pd.Series("", index=frame.index, dtype=object)


def body_words(codes: pd.Series, lang: Lang) -> pd.Series:
    """Return ``"standing_committee, key_posts"`` as the bodies' names in ``lang``."""

    def words(text: object) -> str:
        if not isinstance(text, str) or not text:
            return ""
        names = []
        for code in text.split(", "):
            body = BODIES.get(code)
            names.append(code if body is None else (body.vi if lang == "vi" else body.en))
        return "; ".join(names)

    return codes.map(words)


def _text(values: pd.Series) -> pd.Series:
    """Return a column as the texts a table shows (blank for missing)."""
    return values.astype(object).where(values.notna(), "").map(str)


def _require(collection: object, func: str, lang: str) -> Collection:
    if not isinstance(collection, Collection):
        kind = type(collection)
        got = (
            kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
        )
        raise ArgumentError(
            f"{func}: cần kết quả của gs.collect (expected a Collection), got {got}"
        )
    if lang not in LANGS:
        raise ArgumentError(f"lang={lang!r} không hợp lệ (invalid); chọn 'vi' hoặc 'en'")
    return collection


def status_summary(collection: Collection, *, lang: Lang = "vi") -> str:
    """Return one sentence on the collection: how many units sent, are missing, late, in error.

    Examples
    --------
    >>> import tempfile, gender_stats as gs
    >>> c = gs.collect(tempfile.mkdtemp(), units=gs.load_units().iloc[1:4], term="2015-2020")
    >>> status_summary(c, lang="en")
    '0 of 3 units received (0 late), 0 with problems only, 3 missing; 0 other files.'
    """
    collection = _require(collection, "status_summary", lang)
    words = PAGE_LABELS[lang]
    units = collection.status[collection.status[UNIT_ID].notna()]
    text = words["coll_summary"].format(
        got=int((units[_STATUS] == RECEIVED).sum()),
        n=len(units),
        late=int(units["on_time"].fillna(True).eq(False).sum()),
        bad=int((units[_STATUS] == PROBLEMS).sum()),
        missing=int((units[_STATUS] == MISSING).sum()),
        other=len(collection.status) - len(units),
    )
    if collection.deadline is None:
        return text
    return text[:-1] + words["coll_due"].format(due=f"{collection.deadline:%d/%m/%Y}")


def _on_time(value: Any, lang: Lang) -> str:
    if value is None or value is pd.NA:
        return ""
    return PAGE_LABELS[lang]["coll_on_time" if value else "coll_late"]


def status_table(collection: Collection, *, lang: Lang = "vi") -> pd.DataFrame:
    """Return the status for people: one row per unit or file, labelled columns, words for codes.

    Examples
    --------
    >>> import tempfile, gender_stats as gs
    >>> c = gs.collect(tempfile.mkdtemp(), units=gs.load_units().iloc[1:3], term="2015-2020")
    >>> status_table(c, lang="en").iloc[0].tolist()
    ['Thành phố Thanh Hóa', 'missing', '', '', '', '', '', '', '', '']
    """
    collection = _require(collection, "status_table", lang)
    words, status = PAGE_LABELS[lang], collection.status

    received = pd.to_datetime(status["received"])
    table = {
        LABELS[lang]["unit"]: _text(status[UNIT_NAME]),
        words["coll_status"]: status[_STATUS].map(
            lambda v: words[_STATUS_KEYS[v]] if v in _STATUS_KEYS else str(v)
        ),
        words["coll_file"]: _text(status["file"]),
        words["coll_date"]: received.dt.strftime("%d/%m/%Y").fillna(""),
        words["coll_timely"]: status["on_time"].map(lambda v: _on_time(v, lang)),
        words["coll_days_late"]: _text(status["days_late"]),
        words["coll_n_problems"]: _text(status["n_problems"]).replace("0", ""),
        words["coll_problem_text"]: _text(status["problems"]),
        PAGE_LABELS[lang]["coll_blank_column"]: body_words(_column(status, "blank_bodies"), lang),
        PAGE_LABELS[lang]["coll_notes"]: _text(_column(status, "warnings")),
    }
    return pd.DataFrame(table).reset_index(drop=True)


def status_sheet(collection: Collection, *, lang: Lang = "vi") -> pd.DataFrame:
    """Return the frame of the workbook's status sheet (the page's table, with the unit ids)."""
    collection = _require(collection, "status_sheet", lang)
    table = status_table(collection, lang=lang)
    ids = collection.status[UNIT_ID].astype(object).where(collection.status[UNIT_ID].notna(), "")
    table.insert(0, "ID", ids.reset_index(drop=True))
    return table


def _returns_svg(collection: Collection, lang: Lang) -> Markup:
    """Draw the returns over time and return the chart as inline SVG."""
    fig = Figure(figsize=(7.0, 3.2), layout="constrained")
    try:
        plot_returns(
            collection.status, deadline=collection.deadline, ax=fig.add_subplot(), lang=lang
        )
        svg = figure_bytes(fig, fmt="svg").decode("utf-8")
    finally:
        fig.clear()
    return Markup(svg[svg.index("<svg") :])


def collection_section(
    collection: Collection, *, lang: Lang = "vi", figure: int = 1, table: int = 1
) -> Section:
    """Return the page section "Tình hình nộp báo cáo": the sentence, the chart and the table.

    ``figure`` and ``table`` are the numbers of its figure and table in the page.
    """
    collection = _require(collection, "collection_section", lang)
    words = PAGE_LABELS[lang]
    blocks = [
        Block("text", text=status_summary(collection, lang=lang)),
        Block(
            "svg", caption=words["coll_fig"].format(n=figure), markup=_returns_svg(collection, lang)
        ),
        table_block(
            status_table(collection, lang=lang),
            words["coll_table"].format(n=table),
            "collection-status",
        ),
    ]
    return Section(words["collection"], blocks, id="collection")


def add_to_report(collection: Collection, report: Any, *, lang: Lang | None = None) -> Path:
    """Add the collection status to a saved report: a sheet of its workbook, a section of its page.

    ``build_report(..., collection=...)`` does the same in one step; this adds it to a report
    already built and saved (its page and workbook are written again, with the status).

    Parameters
    ----------
    collection : Collection
        The result of :func:`gender_stats.collect`.
    report : Report
        What :func:`gender_stats.build_report` returned, saved (``out_dir=`` or ``save``).
    lang : {"vi", "en"}, optional
        The report's language by default.

    Returns
    -------
    Path
        The page, with a section "Tình hình nộp báo cáo" (summary, chart of returns over time,
        status table) before the sources; the workbook gets the sheet of the same name.

    Examples
    --------
    >>> import tempfile, gender_stats as gs
    >>> units = gs.load_units().iloc[1:4]
    >>> c = gs.collect(tempfile.mkdtemp(), units=units, term="2015-2020")
    >>> counts = gs.load_sample_counts().query("term == '2015-2020'")
    >>> r = gs.build_report(counts[counts["unit_id"].isin(units["unit_id"])], term="2015-2020",
    ...                     out_dir=tempfile.mkdtemp())
    >>> page = add_to_report(c, r)
    >>> "Tình hình nộp báo cáo" in page.read_text(encoding="utf-8")
    True
    """
    from gender_stats.outputs.report import Report, with_collection

    _require(collection, "add_to_report", lang or "vi")
    if not isinstance(report, Report):
        raise ArgumentError(
            "add_to_report: cần kết quả của gs.build_report (expected a Report), got "
            f"{type(report).__name__}"
        )
    updated = with_collection(report, collection, lang=lang)
    return updated.save(report.out_dir).html


def status_word(code: Any, lang: Lang = "vi") -> str:
    """Return the word for a status code of :attr:`Collection.status` (``"missing"`` → ``"chưa nộp"``).

    Examples
    --------
    >>> status_word("missing"), status_word("problems", "en")
    ('chưa nộp', 'with problems')
    """
    return PAGE_LABELS[lang][_STATUS_KEYS[code]] if code in _STATUS_KEYS else str(code)


def compiled_note(collection: Collection, *, lang: Lang = "vi") -> str:
    """Return the note under the consolidated table: which units its sums cover, which not.

    A unit of the units table whose return is missing, or held only problems, is not in the
    subtotals and the total; the note says so by name (the first :data:`MAX_NAMED`), so that
    nobody takes the total for the whole province.

    Examples
    --------
    >>> import tempfile, gender_stats as gs
    >>> c = gs.collect(tempfile.mkdtemp(), units=gs.load_units().iloc[1:3], term="2015-2020")
    >>> compiled_note(c, lang="en")
    'Note: the figures cover 0 of 2 units; the subtotals and the total leave out 2: Thành phố Thanh Hóa (missing), Thị xã Bỉm Sơn (missing).'
    """
    collection = _require(collection, "compiled_note", lang)
    words = PAGE_LABELS[lang]
    units = collection.status[collection.status[UNIT_ID].notna()]
    have = set(collection.counts[UNIT_ID].astype(str)) if len(collection.counts) else set()
    left = units[~units[UNIT_ID].astype(str).isin(have)]
    if left.empty:
        return words["coll_all_compiled"].format(n=len(units))
    named = [
        f"{name} ({status_word(code, lang)})"
        for name, code in zip(left[UNIT_NAME], left[_STATUS], strict=True)
    ]
    names = ", ".join(named[:MAX_NAMED])
    if len(named) > MAX_NAMED:
        names += words["coll_not_compiled_more"].format(more=len(named) - MAX_NAMED)
    return words["coll_not_compiled"].format(
        got=len(units) - len(left), n=len(units), left=len(left), names=names
    )


def reminders_sheet(collection: Collection, *, lang: Lang = "vi") -> pd.DataFrame:
    """Return the workbook's "Nhắc nộp" sheet: :func:`gender_stats.reminders`, labelled in words.

    Examples
    --------
    >>> import tempfile, gender_stats as gs
    >>> c = gs.collect(tempfile.mkdtemp(), units=gs.load_units().iloc[1:2], term="2015-2020")
    >>> reminders_sheet(c, lang="en").iloc[0].tolist()
    ['TH-H01', 'Thành phố Thanh Hóa', 'missing', '', '', '']
    """
    collection = _require(collection, "reminders_sheet", lang)
    words, remind = PAGE_LABELS[lang], reminders(collection)

    reason = remind["reason"].map(
        lambda v: (
            words["coll_late"]
            if v == "late"
            else (
                PAGE_LABELS[lang]["coll_blank_reason"]
                if v == BLANK_BODIES
                else status_word(v, lang)
            )
        )
    )
    table = {
        "ID": _text(remind[UNIT_ID]),
        LABELS[lang]["unit"]: _text(remind[UNIT_NAME]),
        words["coll_reason"]: reason,
        words["coll_days_late"]: _text(remind["days_late"]),
        words["coll_problem_text"]: _text(remind["problems"]),
        PAGE_LABELS[lang]["coll_blank_column"]: body_words(_column(remind, "blank_bodies"), lang),
    }
    if "contact" in remind.columns:
        table[words["coll_contact"]] = _text(remind["contact"])
    return pd.DataFrame(table).reset_index(drop=True)


def write_collection(
    collection: Collection,
    path: str | Path,
    *,
    units: pd.DataFrame | None = None,
    add_to: str | Path | None = None,
    lang: Lang = "vi",
) -> Path:
    """Write the consolidated counts in the official wide layout, with the status sheets.

    Parameters
    ----------
    collection : Collection
        The result of :func:`gender_stats.collect`.
    path : str or Path
        The ``.xlsx`` to write: sheet ``Tổng hợp`` (sections by level, a ``Cộng …`` subtotal per
        section, ``Tổng cộng``; the title names the reporting period when there is one; under
        the table a note names the units its sums leave out: missing, or with problems only),
        then ``Tình hình nộp báo cáo`` (the status, :func:`status_sheet`), ``Nhắc nộp`` (the
        reminders) and ``Thay đổi`` (what each correction changed).
    units : pandas.DataFrame, optional
        Orders the units (default: the counts' order).
    add_to : str or Path, optional
        Also add the status sheet to this existing workbook (e.g. the report's).
    lang : {"vi", "en"}
        The words of the status sheets and of the note (the official table stays in Vietnamese).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ArgumentError
        When no unit sent usable counts (there is nothing to consolidate).

    Examples
    --------
    >>> import tempfile, pathlib, gender_stats as gs
    >>> units = gs.load_units().iloc[1:3]
    >>> counts = gs.load_sample_counts().query("term == '2015-2020'")
    >>> counts = counts[counts["unit_id"].isin(units["unit_id"])]
    >>> from gender_stats.collection import CHANGE_COLUMNS, STATUS_COLUMNS
    >>> c = gs.Collection(counts, pd.DataFrame(columns=list(STATUS_COLUMNS)), pd.DataFrame(),
    ...                   pd.DataFrame(columns=list(CHANGE_COLUMNS)), None)
    >>> out = write_collection(c, pathlib.Path(tempfile.mkdtemp()) / "tong_hop.xlsx")
    >>> gs.read_counts(out, sheet="Tổng hợp", units=units)["total"].sum() == counts["total"].sum()
    np.True_
    """
    collection = _require(collection, "write_collection", lang)
    if not isinstance(path, str | Path):
        raise ArgumentError(
            f"write_collection: path cần một đường dẫn .xlsx (expected a str or Path), got "
            f"{type(path).__name__}"
        )
    if collection.counts.empty:
        raise ArgumentError(
            "chưa có số liệu nào dùng được để tổng hợp (no usable counts to consolidate). "
            "Hint: xem collection.status (see the status)."
        )
    title = CONSOLIDATED_TITLE
    if collection.period is not None:
        title += f" — {collection.period.label('vi').upper()}"
    notes = [compiled_note(collection, lang=lang)] if not collection.status.empty else []
    out = write_wide_workbook(collection.counts, path, units=units, title=title, notes=notes)
    append_sheet(out, status_sheet(collection, lang=lang), STATUS_SHEET)
    if not collection.status.empty:
        append_sheet(out, reminders_sheet(collection, lang=lang), "Nhắc nộp")
    append_sheet(out, collection.changes, "Thay đổi")
    if add_to is not None:
        append_sheet(add_to, status_sheet(collection, lang=lang), STATUS_SHEET)
    return out
