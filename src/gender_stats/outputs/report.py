"""The whole report: compute it, render it, write it.

:func:`build_report` runs the last stages of the pipeline on a counts frame — compliance with the
targets, indicator tables, charts — and returns a :class:`Report` that holds everything in memory:

* :meth:`Report.to_html` returns the page (one self-contained HTML document: every chart an
  embedded base64 PNG, no external CSS, JavaScript or fonts, so it opens offline, prints on A4 and
  can be e-mailed) without touching the disk; in a notebook the report shows itself
  (``_repr_html_``);
* :meth:`Report.save` writes the folder: ``bao_cao.html`` (``report.html`` in English),
  ``bao_cao.xlsx`` (``report.xlsx``, the workbook of
  :func:`gender_stats.outputs.workbook.write_workbook` with a "Nguồn dữ liệu" sheet) and
  ``bieu_do/<name>.png`` (``charts/``; ``.svg`` too with ``svg=True``), all or nothing.

``build_report(..., out_dir=...)`` does both at once, as before.

The page opens with the synthetic-data mark when the counts are the bundled sample, then a summary
sentence ("14/50 đơn vị đạt ...; còn thiếu 85 nữ"), per term when several terms are reported, with
how much could be assessed — or, when nothing could be, a sentence saying so and why, never "0/0
đạt"; then the summary table by level and the units below target; then one section per term and
body (shares with the target line, change since the previous term, women still needed, the
indicator table), latest term first; then overview charts and the multi-term table; with
``collection=`` the returns received ("Tình hình nộp báo cáo"); then the sources of the targets,
the list of files and the provenance (scope, terms, targets, input files and their rows, date,
version).  Every table and figure has a numbered caption.  The page comes from the jinja2
templates of ``gender_stats/outputs/templates`` (autoescaped: a unit named ``<script>`` shows as
text).

Charts are drawn on bare :class:`matplotlib.figure.Figure` objects, which render through Agg
without pyplot, so building a report never changes the global matplotlib backend.
"""

from __future__ import annotations

import dataclasses
import gc
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
from markupsafe import Markup
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from tqdm.auto import tqdm

from gender_stats import compliance as comp
from gender_stats.compliance import (
    DOCUMENT,
    REASON,
    RULE,
    SEATS_NEEDED,
    STATUS,
    TARGET_ID,
    Status,
    counted_groups,
)
from gender_stats.errors import ArgumentError, GenderStatsError
from gender_stats.outputs import plots, plots_base, tables
from gender_stats.outputs._files import (
    DPI,
    check_out_dir,
    figure_bytes,
    figure_data_uri,
    in_two_processes,
    lay_out_once,
    make_out_dir,
    safe_stem,
    staged_output,
    unhinted_text,
    write_bytes,
    write_html,
)
from gender_stats.outputs._page import Block, Section, environment, table_block
from gender_stats.outputs.labels import PAGE_LABELS, Lang, group_label, rule_text
from gender_stats.outputs.provenance import Provenance, provenance
from gender_stats.outputs.workbook import workbook_bytes
from gender_stats.schema import BODY, FEMALE, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.targets import Target
from gender_stats.vocab import body_label, normalise_term, term_bounds

__all__ = ["Report", "build_report", "render_page", "summary_numbers", "with_collection"]

#: Told when a path of a report that was not saved is asked for.
NOT_SAVED = (
    "Báo cáo chưa được lưu (the report is not saved yet). Hint: report = report.save(thư_mục) "
    "hoặc build_report(..., out_dir=...) (call save(dir) or pass out_dir=)."
)


# ---------------------------------------------------------------------------------------------
# What a page is made of (plain data; the templates render it)


@dataclasses.dataclass(frozen=True)
class Chart:
    """A chart rendered in memory: its file stem, caption, PNG and (optionally) SVG bytes."""

    stem: str
    caption: str
    png: bytes
    svg: bytes | None = None


@dataclasses.dataclass(frozen=True)
class _Content:
    """Everything :meth:`Report.save` and :meth:`Report.to_html` need, computed once."""

    page: dict[str, Any]
    charts: tuple[Chart, ...]
    compliance: pd.DataFrame
    counts: pd.DataFrame
    targets: Any
    collection: Any = None
    #: The workbook's bytes when they were made while the charts were drawn (``out_dir`` given to
    #: :func:`build_report`); :meth:`Report.save` makes them otherwise.
    workbook: bytes | None = None


# ---------------------------------------------------------------------------------------------
# The report


@dataclasses.dataclass(frozen=True)
class Report:
    """A report computed by :func:`build_report`: its headline numbers, page, charts and files.

    Attributes
    ----------
    n_units : int
        Units (term × unit) with at least one assessed check (status ``met``, ``below`` or
        ``above_range``).
    n_units_met : int
        Units that meet every target that applies to them (above a range counts as meeting).
    n_checks, n_checks_met : int
        Assessed rows of the compliance frame (unit × body × target) and how many meet the target
        (met or above range).
    women_needed : int
        Women still needed, summed over unit × body (see :func:`summary_numbers`), for the
        targets each unit must meet.
    share_targets_short : tuple of (str, str, int)
        ``(term, target_id, k)`` of each share-of-units target not met (28/NQ-CP, 2351/QĐ-TTg:2):
        ``k`` more of its units must meet its unit rule.
    units_below : tuple of str
        Names of the units with at least one check below target, in order of appearance.
    n_checks_above_range : int
        Of the ``n_checks_met``, the checks above a range.
    n_units_met_unassessed : int
        Of the ``n_units_met``, the units that lack the data for another target that applies
        (status ``no_data``): they meet every target assessed, not every target.
    terms : tuple of str
        The terms reported, latest first.
    targets_used : tuple of str
        The ids of the targets applied to at least one row.
    coverage : str
        How much was assessed, in the report's language (see
        :func:`gender_stats.compliance.coverage`).
    nothing_assessed : bool
        True when no row could be assessed; the page's headline then says why.
    lang : {"vi", "en"}
        The language of the page, workbook and file names.
    provenance : Provenance
        Scope, terms, targets, input files, date and version (see
        :func:`gender_stats.outputs.provenance.provenance`); ``provenance.synthetic`` marks the
        bundled sample.
    out_dir, html, workbook : pathlib.Path
        Where the report was saved (the folder, the page, the workbook); asking a report that was
        not saved is an :class:`~gender_stats.errors.ArgumentError`.
    charts : tuple of pathlib.Path
        Every PNG (and SVG) chart written; empty before :meth:`save`.
    """

    n_units: int
    n_units_met: int
    n_checks: int
    n_checks_met: int
    women_needed: int
    units_below: tuple[str, ...]
    n_checks_above_range: int = 0
    n_units_met_unassessed: int = 0
    share_targets_short: tuple[tuple[str, str, int], ...] = ()
    terms: tuple[str, ...] = ()
    targets_used: tuple[str, ...] = ()
    coverage: str = ""
    nothing_assessed: bool = False
    lang: Lang = "vi"
    provenance: Provenance | None = None
    _out_dir: Path | None = dataclasses.field(default=None, repr=False)
    _html: Path | None = dataclasses.field(default=None, repr=False)
    _workbook: Path | None = dataclasses.field(default=None, repr=False)
    _charts: tuple[Path, ...] = dataclasses.field(default=(), repr=False)
    _content: _Content | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def saved(self) -> bool:
        """Return True when the report has been written to a folder."""
        return self._out_dir is not None

    def _path(self, value: Path | None) -> Path:
        if value is None:
            raise ArgumentError(NOT_SAVED)
        return value

    @property
    def out_dir(self) -> Path:
        """Return the folder the report was saved into."""
        return self._path(self._out_dir)

    @property
    def html(self) -> Path:
        """Return the path of the saved page."""
        return self._path(self._html)

    @property
    def workbook(self) -> Path:
        """Return the path of the saved workbook."""
        return self._path(self._workbook)

    @property
    def charts(self) -> tuple[Path, ...]:
        """Return the chart files written (empty before :meth:`save`)."""
        return self._charts

    @property
    def paths(self) -> tuple[Path, ...]:
        """Return every file written: the page, the workbook, then the charts."""
        return (self.html, self.workbook, *self.charts)

    def _need_content(self) -> _Content:
        if self._content is None:
            raise ArgumentError(
                "Report này không có nội dung (this Report holds no content). Hint: dùng "
                "build_report (use build_report)."
            )
        return self._content

    def to_html(self) -> str:
        """Return the whole page (one self-contained HTML document), without touching the disk."""
        return environment().get_template("page.html.j2").render(self._need_content().page)

    def _repr_html_(self) -> str:
        """Return the page's body for a notebook (no page-wide style)."""
        body = environment().get_template("body.html.j2").render(self._need_content().page)
        return f'<div class="gs-report" lang="{self.lang}">{body}</div>'

    def __repr__(self) -> str:
        words = PAGE_LABELS[self.lang]
        head = (
            words["summary_none"].format(why=self.coverage)
            if self.nothing_assessed
            else (
                f"{self.n_units_met}/{self.n_units} · {words['needed_col'].format(n=self.women_needed)}"
            )
        )
        where = str(self._out_dir) if self._out_dir is not None else "—"
        content = self._content
        n_charts = len(content.charts) if content is not None else len(self._charts)
        synthetic = (
            f" [{words['synthetic']}]" if self.provenance and self.provenance.synthetic else ""
        )
        return (
            f"<Report {', '.join(self.terms) or '—'}: {head}; {words['targets']}: "
            f"{len(self.targets_used)}; {n_charts} charts; out_dir={where}{synthetic}>"
        )

    def save(self, out_dir: str | Path) -> Report:
        """Write the page, the workbook and the charts into ``out_dir``; return the saved report.

        The files are written into a temporary folder beside ``out_dir`` and moved in at the end,
        so a save that fails leaves nothing half-written; other files of ``out_dir`` stay.  The
        report is frozen: the returned copy knows its paths (``html``, ``workbook``, ``charts``).

        Raises
        ------
        gender_stats.errors.ArgumentError
            When ``out_dir`` is a file, or a folder that cannot be created or written.
        """
        return _save(self, out_dir=out_dir)


@staged_output
def _save(report: Report, *, out_dir: str | Path) -> Report:
    """Write every file of ``report`` into ``out_dir`` (a fresh staging folder)."""
    content = report._need_content()
    words = PAGE_LABELS[report.lang]
    out = make_out_dir(out_dir)
    chart_dir = make_out_dir(out / words["chart_dir"])
    charts: list[Path] = []
    for chart in content.charts:
        charts.append(write_bytes(chart.png, chart_dir / f"{chart.stem}.png"))
        if chart.svg is not None:
            charts.append(write_bytes(chart.svg, chart_dir / f"{chart.stem}.svg"))
    workbook = write_bytes(
        content.workbook
        or _workbook(
            content.compliance,
            content.counts,
            content.targets,
            report.provenance,
            report.lang,
            collection=content.collection,
        ),
        out / words["workbook_file"],
    )
    page = write_html(report.to_html(), out / words["page_file"])
    return dataclasses.replace(
        report, _out_dir=out, _html=page, _workbook=workbook, _charts=tuple(charts)
    )


def _workbook(
    compliance: pd.DataFrame,
    counts: pd.DataFrame,
    targets: Any,
    record: Provenance | None,
    lang: Lang,
    *,
    collection: Any = None,
) -> bytes:
    """Return the report's workbook: the checks, the counts, the sources, provenance, returns."""
    words = PAGE_LABELS[lang]
    extra = []
    if record is not None:
        extra.append((words["provenance"], record.to_frame(lang)))
    if collection is not None:
        from gender_stats.outputs.collection import status_sheet  # only with a collection

        extra.append((words["collection"], status_sheet(collection, lang=lang)))
    return workbook_bytes(
        compliance,
        counts=counts,
        targets=targets,
        lang=lang,
        title=words["title"],
        extra_sheets=extra,
    )


def render_page(
    *,
    title: str,
    subtitle: str,
    summary: str,
    sections: Sequence[tuple[str, Sequence[str]]],
    footer: str,
    lang: str = "vi",
) -> str:
    r"""Assemble an HTML page from ready-made pieces with the report's template.

    Parameters
    ----------
    title, subtitle, summary, footer : str
        Plain text (escaped by the template).
    sections : sequence of (heading, blocks)
        Each block is an HTML fragment made by trusted code (inserted as it is).
    lang : str
        The ``lang`` attribute of the page.

    Examples
    --------
    >>> page = render_page(title="T", subtitle="S", summary="1/2", sections=[("H", ["<p>x</p>"])],
    ...                    footer="f")
    >>> page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    True
    >>> '<meta charset="utf-8">' in page and "<title>T</title>" in page
    True
    """
    context = _page_context(
        title=title,
        subtitle=subtitle,
        summary=summary,
        sections=[
            Section(h, [Block("table", markup=Markup(b)) for b in blocks]) for h, blocks in sections
        ],
        footer=footer,
        lang=lang,
    )
    return environment().get_template("page.html.j2").render(context)


def _page_context(
    *,
    title: str,
    subtitle: str,
    summary: str,
    sections: Sequence[Section],
    footer: str,
    lang: str,
    record: Provenance | None = None,
) -> dict[str, Any]:
    words = PAGE_LABELS[lang]
    rows = [] if record is None else [r for r in record.rows(cast(Lang, lang)) if r[1]]
    return {
        "lang": lang,
        "title": title,
        "subtitle": subtitle,
        "summary": summary,
        "sections": list(sections),
        "footer": footer,
        "synthetic": words["synthetic"] if record is not None and record.synthetic else "",
        "provenance_heading": words["provenance"],
        "provenance": rows,
    }


# ---------------------------------------------------------------------------------------------
# The headline numbers


def _settle_share_targets(compliance: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the frame with the units of a met share-of-units target no longer below it.

    A target such as 28/NQ-CP ("≥ 60 % of the units have a woman key leader") is met or not by
    the share of the units of a term; a unit without a woman leader is not below it when the
    share is met (as ``check`` on the command line says).  Below the share, its units stay below.
    Returned with :func:`_share_groups` of the frame (settling changes none of its
    ``units_needed``), so that the callers summarise the groups once.
    """
    groups = _share_groups(compliance)
    met = groups[groups["unit_share_met"].fillna(False).astype(bool)]  # only share-of-units rows
    if met.empty:
        return compliance, groups
    settled = compliance.copy()
    keys = pd.MultiIndex.from_frame(settled[[TERM, TARGET_ID]].astype(str))
    done = pd.MultiIndex.from_frame(met[[TERM, TARGET_ID]].astype(str))
    below = keys.isin(done) & (settled[comp.STATUS] == comp.Status.BELOW.value).to_numpy()
    settled.loc[below, comp.STATUS] = comp.Status.MET.value
    if comp.SEATS_NEEDED in settled.columns:
        settled.loc[below, comp.SEATS_NEEDED] = 0
    return settled, groups


def summary_numbers(compliance: pd.DataFrame) -> dict[str, Any]:
    """Return the headline numbers of a compliance frame.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`gender_stats.compliance.check`.

    Returns
    -------
    dict
        ``n_units``, ``n_units_met``, ``n_units_met_unassessed`` (units meeting every check
        assessed that lack the data for another check), ``n_checks``, ``n_checks_met``,
        ``women_needed`` (int), ``units_below`` (tuple of unit names),
        ``n_checks_above_range`` (int) and ``share_targets_short`` (``(term, target_id, k)`` of
        each share-of-units target not met: ``k`` more units must meet its unit rule).

    Notes
    -----
    A check is a row of the compliance frame whose status is ``met``, ``below`` or ``above_range``.
    A unit is a term × unit; it meets the targets when every one of its checks is met or above the
    range (exceeding a range is not a shortfall; ``n_checks_above_range`` counts those checks).
    The numbers of checks and the women still needed are :func:`gender_stats.compliance.summarise`'s
    (for each term × unit × body the largest ``seats_needed`` over its targets, since one woman
    counts toward every target of the same body, then summed).  A share-of-units target
    (28/NQ-CP: 60 % of the units with a woman key leader) is met or not by its share of units: met,
    its units are not below it; not met, its units without are below it, and what it needs is
    said in units (``share_targets_short``), not added to ``women_needed`` — any ``k`` of its
    units will do, and a woman may count toward two such targets.

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 4, "unit_id": ["A", "A", "B", "C"],
    ...     "unit_name": ["Huyện A", "Huyện A", "Huyện B", "Huyện C"],
    ...     "body": ["party_committee", "standing_committee", "party_committee", "party_committee"],
    ...     "status": ["met", "below", "below", "not_applicable"],
    ...     "seats_needed": pd.array([0, 1, 3, pd.NA], dtype="Int64")})
    >>> numbers = summary_numbers(compliance)
    >>> numbers["n_units_met"], numbers["n_units"], numbers["women_needed"]
    (0, 2, 4)
    >>> numbers["units_below"]
    ('Huyện A', 'Huyện B')
    """
    compliance, groups = _settle_share_targets(compliance)
    checked = compliance[compliance[comp.STATUS].isin(comp.ASSESSED)]
    whole = comp.summarise(checked, by=(), warn=False).iloc[0]
    short = _share_targets_short(groups)
    each_unit = checked[~_of_share_targets(checked, groups)]  # share targets' needs: ``short``
    needed = (
        comp.summarise(each_unit, by=(), warn=False).iloc[0][comp.SEATS_NEEDED]
        if len(each_unit)
        else 0
    )
    unit_keys = [k for k in (TERM, UNIT_ID) if k in checked.columns]
    meeting = checked[comp.STATUS].isin(comp.MEETING)
    n_met_unsure = 0
    if unit_keys and len(checked):
        per_unit = meeting.groupby([checked[k] for k in unit_keys], sort=False).all()
        n_units, n_units_met = len(per_unit), int(per_unit.sum())
        # a unit meeting every check assessed, with another check it lacks the data for
        no_data = compliance[compliance[comp.STATUS] == comp.Status.NO_DATA]
        unsure = set(no_data[unit_keys].itertuples(index=False, name=None))
        n_met_unsure = sum(
            1
            for key, ok in per_unit.items()
            if ok and (key if isinstance(key, tuple) else (key,)) in unsure
        )
    else:
        n_units, n_units_met = int(len(checked) > 0), int(bool(len(checked)) and meeting.all())
    below = checked[checked[comp.STATUS] == comp.Status.BELOW]
    return {
        "n_units": n_units,
        "n_units_met": n_units_met,
        "n_units_met_unassessed": n_met_unsure,
        "n_checks": int(whole["n_units"]),
        "n_checks_met": int(whole["n_met"]),
        "women_needed": int(needed),
        "units_below": tuple(pd.unique(below[UNIT_NAME].astype(str))),
        "n_checks_above_range": int(whole["n_above_range"]),
        "share_targets_short": short,
    }


def _share_groups(checked: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`~gender_stats.compliance.summarise` by term × target (assessed rows count)."""
    if checked.empty or TARGET_ID not in checked.columns or TERM not in checked.columns:
        return pd.DataFrame(columns=[TERM, TARGET_ID, "units_needed", "unit_share_met"])
    return comp.summarise(checked, by=(TERM, TARGET_ID), warn=False)


def _of_share_targets(checked: pd.DataFrame, groups: pd.DataFrame) -> np.ndarray:
    """Return which rows are checks of a share-of-units target (``groups``: :func:`_share_groups`)."""
    ids = set(groups.loc[groups["units_needed"].notna(), TARGET_ID].astype(str))
    if not ids:
        return np.zeros(len(checked), dtype=bool)
    return checked[TARGET_ID].astype(str).isin(ids).to_numpy(dtype=bool)


def _share_targets_short(groups: pd.DataFrame) -> tuple[tuple[str, str, int], ...]:
    """Return ``(term, target_id, more units needed)`` of each share-of-units target not met."""
    short = groups[groups["units_needed"].fillna(0).astype("int64") > 0]
    return tuple(
        (str(t), str(i), int(k))
        for t, i, k in zip(short[TERM], short[TARGET_ID], short["units_needed"], strict=True)
    )


# ---------------------------------------------------------------------------------------------
# Tables and lists (blocks)


def _below_block(checked: pd.DataFrame, lang: str, *, with_term: bool = False) -> Block | None:
    """List the units below target, one line per (term,) body and rule: "Huyện A (2), Huyện B (1)"."""
    words = PAGE_LABELS[lang]
    checked, groups = _settle_share_targets(checked)  # a met share leaves no unit below it
    below = checked[checked[STATUS] == Status.BELOW]
    if below.empty:
        return None
    more = {
        (str(t), str(i)): int(k)
        for t, i, k in _share_targets_short(groups)  # (term, target, k more units)
    }
    share = below[TARGET_ID].astype(str).where(_of_share_targets(below, groups), "")
    counted = counted_groups(below)
    keys = [below[BODY], below[RULE], counted, share]
    if with_term:
        keys.insert(0, below[TERM])
    items = []
    for key, rows in below.groupby(keys, sort=False):
        *term, body, rule, numerator, target = key
        # one line per unit: two targets of one rule (11-NQ/TW:a, 2351/QĐ-TTg:1: ≥ 25 %) ask
        # the same women of it, counted once
        per_unit = rows.groupby([rows[TERM], rows[UNIT_ID]], sort=False).agg(
            name=(UNIT_NAME, "first"), need=(SEATS_NEEDED, "max")
        )
        group = per_unit["need"].astype("Int64").fillna(0).astype("int64")
        names = per_unit["name"].astype(str)
        units = ", ".join(f"{n} ({int(k)})" for n, k in zip(names, group, strict=True))
        if target:  # a share-of-units target not met: any k of these units will do
            k = next((v for (t, i), v in more.items() if i == target and t in set(rows[TERM])), 0)
            shown = rule_text(str(rule), lang)
            head = f"{body_label(str(body), lang)} — " + words["share_head"].format(
                rule=shown, k=k, n=len(per_unit)
            )
            if term:
                head = words["term_head"].format(term=term[0]) + head
            items.append((head, units))
            continue
        if numerator == FEMALE:
            shown, still = str(rule), words["needed_col"].format(n=int(group.sum()))
        else:  # members under 40 a 35-CT/TW (2019) c row needs, not women
            shown = rule_text(f"{rule} [{numerator}]", lang)
            group_words = group_label(str(numerator), lang)
            still = words["needed_col_group"].format(n=int(group.sum()), group=group_words)
        head = f"{body_label(str(body), lang)} ({shown}) — {still}"
        if term:
            head = words["term_head"].format(term=term[0]) + head
        items.append((head, units))
    women_only = bool((counted == FEMALE).all())
    caption = words["below_head" if women_only else "below_head_group"]
    return Block("list", caption=caption, items=tuple(items))


def _sources_block(compliance: pd.DataFrame) -> Block:
    """List the targets used (applied to at least one row), with their document and rule."""
    cols = [c for c in (TARGET_ID, DOCUMENT, RULE) if c in compliance.columns]
    used = set(compliance.attrs.get("targets_used", ())) or set(
        compliance[TARGET_ID].dropna().astype(str)
    )
    rows = compliance.loc[compliance[TARGET_ID].isin(used).to_numpy(dtype=bool), cols]
    rows = rows.drop_duplicates()
    items = tuple(("", " — ".join(str(v) for v in row)) for row in rows.itertuples(index=False))
    return Block("list", items=items)


def _terms_latest_first(compliance: pd.DataFrame) -> list[str]:
    terms = [str(t) for t in pd.unique(compliance[TERM]) if isinstance(t, str)]
    return sorted(terms, key=term_bounds, reverse=True)


def _rows_of_term(counts: pd.DataFrame, term: str) -> pd.DataFrame:
    """Return the counts rows of ``term`` (term cells written ``2015 – 2020`` count too)."""
    values = counts[TERM]
    mapping: dict[Any, str | None] = {}
    for value in pd.unique(values):
        try:
            mapping[value] = normalise_term(value)
        except GenderStatsError:
            mapping[value] = None
    return counts[(values.map(mapping) == term).to_numpy(dtype=bool)]


def _of_term(frame: pd.DataFrame, term: str) -> pd.DataFrame:
    return frame[(frame[TERM] == term).to_numpy(dtype=bool)]


def _term_none(compliance: pd.DataFrame, term: str, lang: str) -> str:
    """Say why nothing of ``term`` was assessed."""
    why = _why(_of_term(compliance, term), lang)
    return PAGE_LABELS[lang]["term_none"].format(term=term, why=why)


def _why(rows: pd.DataFrame, lang: str) -> str:
    """Return the coverage of ``rows`` and the terms no target applies to, in ``lang``."""
    words = PAGE_LABELS[lang]
    if rows.empty:
        return words["why_empty"]
    why = comp.coverage(rows, lang=lang)
    uncovered = comp.uncovered_terms(rows)
    if uncovered:
        why += words["why_uncovered"].format(terms=", ".join(uncovered))
    scope = rows[REASON].isin(comp.OUT_OF_SCOPE)
    whole = scope.groupby(rows[TERM].astype(str), sort=False).all()
    chosen = [t for t in whole.index[whole.to_numpy(dtype=bool)] if t not in uncovered]
    if chosen:
        listed = ", ".join(sorted(chosen, key=term_bounds, reverse=True))
        why += words["why_not_chosen"].format(terms=listed)
    return why


def _headline(
    compliance: pd.DataFrame,
    terms: Sequence[str],
    lang: str,
    *,
    whole: dict[str, Any] | None = None,
) -> str:
    """Return the summary sentence: per term when several, with the coverage; or why nothing.

    ``whole`` is :func:`summary_numbers` of ``compliance`` when the caller has it (the sentence of
    one term says them).
    """
    words = PAGE_LABELS[lang]
    if comp.nothing_assessed(compliance):
        return words["summary_none"].format(why=_why(compliance, lang))
    several = len(terms) > 1
    parts = []
    for t in terms:
        rows = _of_term(compliance, t) if several else compliance
        if comp.nothing_assessed(rows):
            parts.append(_term_none(compliance, t, lang))
            continue
        numbers = whole if whole is not None and not several else summary_numbers(rows)
        k = numbers["n_checks_above_range"]
        unsure = numbers["n_units_met_unassessed"]
        line = words["summary"].format(
            met=numbers["n_units_met"],
            units=numbers["n_units"],
            rows_met=numbers["n_checks_met"],
            rows=numbers["n_checks"],
            above=words["above"].format(k=k) if k else "",
            needed=numbers["women_needed"],
            unsure=words["met_unassessed"].format(k=unsure) if unsure else "",
        )
        if numbers["share_targets_short"]:
            items = "; ".join(
                words["share_item"].format(target=target, k=k)
                for _, target, k in numbers["share_targets_short"]
            )
            line += words["share_short"].format(items=items)
        parts.append((words["term_head"].format(term=t) if several else "") + line)
    summary = " ".join(parts)
    if not compliance[STATUS].isin(comp.ASSESSED).all():
        summary += words["coverage"].format(coverage=comp.coverage(compliance, lang=lang))
    return summary


def _previous_term(counts: pd.DataFrame, body: str, term: str | None) -> str | None:
    """Return the latest term of ``body`` in ``counts`` that starts before ``term``, if any."""
    if term is None:
        return None
    start = term_bounds(term)[0]
    terms = pd.unique(counts.loc[counts[BODY] == body, TERM].astype(str))
    earlier = sorted((term_bounds(t)[0], t) for t in terms if term_bounds(t)[0] < start)
    return earlier[-1][1] if earlier else None


# ---------------------------------------------------------------------------------------------
# Charts: a plan of jobs in page order, then one render each


@dataclasses.dataclass(frozen=True)
class _Job:
    section: str
    stem: str
    caption: str  # with a "{n}" placeholder for the figure number
    n_rows: int
    draw: Callable[..., Any]
    weight: float = 1.0  # the cost of drawing a row, relative to a bar with its label


@dataclasses.dataclass(frozen=True)
class _Plan:
    """The inputs every part of the page needs."""

    counts: pd.DataFrame
    result: pd.DataFrame
    checked: pd.DataFrame
    terms: list[str]
    lang: Lang
    charts_for: str

    @property
    def several(self) -> bool:
        return len(self.terms) > 1

    @property
    def words(self) -> dict[str, str]:
        return dict(PAGE_LABELS[self.lang])


def _caption(text: str) -> str:
    """Escape the braces a label may hold, keeping the ``{n}`` placeholder."""
    return text.replace("{", "{{").replace("}", "}}").replace("{{n}}", "{n}")


def _body_jobs(plan: _Plan, t: str, body: str, label: str, *, suffix: str) -> list[_Job]:
    """Return the chart jobs of one term × body section (shares, change, women needed)."""
    words, lang = plan.words, plan.lang
    on_term = _of_term(plan.checked, t)
    on_body = on_term[on_term[BODY] == body]
    n_units = on_body[UNIT_ID].nunique()
    jobs = [
        _Job(
            label,
            words["shares_stem"].format(body=body) + suffix,
            _caption(words["shares_fig"].format(n="{n}", body=label)),
            n_units,
            partial(plots.plot_shares, on_term, body=body, lang=lang),
        )
    ]
    previous = _previous_term(plan.counts, body, t)
    if previous is not None:
        caption = words["change_fig"].format(n="{n}", body=label, a=previous, b=t)
        draw = partial(
            plots.plot_change, plan.counts, from_term=previous, to_term=t, body=body, lang=lang
        )
        jobs.append(
            _Job(
                label,
                words["change_stem"].format(body=body) + suffix,
                _caption(caption),
                n_units,
                draw,
            )
        )
    # the chart of women still needed: the rows that count women (members under 40 are in the
    # list and the tables, named as such)
    women = (counted_groups(on_body) == FEMALE).to_numpy(dtype=bool)
    below = on_body[(on_body[STATUS] == Status.BELOW).to_numpy(dtype=bool) & women]
    if not below.empty:
        on_women = (counted_groups(on_term) == FEMALE).to_numpy(dtype=bool)
        below_term = on_term[(on_term[STATUS] == Status.BELOW).to_numpy(dtype=bool) & on_women]
        jobs.append(
            _Job(
                label,
                words["needed_stem"].format(body=body) + suffix,
                _caption(words["needed_fig"].format(n="{n}", body=label)),
                below[UNIT_ID].nunique(),
                partial(plots.plot_seats_needed, below_term, body=body, lang=lang),
            )
        )
    return jobs


def _overview_jobs(plan: _Plan, section: str) -> list[_Job]:
    """Return the overview chart jobs: the heatmap and women and men by level, per term."""
    words, lang = plan.words, plan.lang
    jobs = []
    for t in plan.terms:
        on_term = _of_term(plan.checked, t)
        suffix, named = (f"_{t}", f" — {t}") if plan.several else ("", "")
        if len(pd.unique(on_term[BODY])) > 1:
            jobs.append(
                _Job(
                    section,
                    words["heatmap_stem"] + suffix,
                    words["heatmap_fig"] + named,
                    on_term[UNIT_ID].nunique(),
                    partial(plots.plot_heatmap, on_term, lang=lang),
                    weight=1.2,  # a label per cell
                )
            )
        counts_term = _rows_of_term(plan.counts, t)
        # women and men are pooled: only the rows with both numbers (the others are in the tables
        # as "no data"), and the caption says how many were left out
        known = (counts_term[TOTAL].notna() & counts_term[FEMALE].notna()).to_numpy(dtype=bool)
        caption = words["stacked_fig"] + named
        if not known.all():
            caption += words["stacked_left_out"].format(k=int((~known).sum()))
        if known.any():
            jobs.append(
                _Job(
                    section,
                    words["stacked_stem"] + suffix,
                    caption,
                    6,
                    partial(plots.plot_stacked, counts_term[known], lang=lang),
                    # two panels laid out by constrained layout: drawn in about the time of a bar
                    # chart of 30-odd units (measured on the sample), so it is not left for last
                    weight=2.7,
                )
            )
    return jobs


def _layout(plan: _Plan) -> tuple[dict[str, Section], dict[tuple[str, str], str], list[_Job]]:
    """Return the sections in page order, the section of each term × body, and the chart jobs."""
    words = plan.words
    sections: dict[str, Section] = {}
    first = words["summary_section"]
    sections[first] = Section(first, [])
    of_body: dict[tuple[str, str], str] = {}
    jobs: list[_Job] = []
    # the per-body charts are for the latest term that has assessed rows (a newer term no target
    # covers yet would leave the page without its charts)
    charted = next((t for t in plan.terms if not _of_term(plan.checked, t).empty), None)
    for t in plan.terms:
        on_term = _of_term(plan.checked, t)
        head = words["term_head"].format(term=t).capitalize() if plan.several else ""
        if plan.several and on_term.empty:
            label = head.rstrip(": ")
            sections[label] = Section(
                label, [Block("text", text=_term_none(plan.result, t, plan.lang))]
            )
        for body in pd.unique(on_term[BODY]):
            label = head + body_label(body, plan.lang)
            of_body[(t, body)] = label
            sections[label] = Section(label, [])
            if plan.charts_for == "all" or t == charted:
                suffix = f"_{t}" if plan.several else ""
                jobs += _body_jobs(plan, t, str(body), label, suffix=suffix)
    overview = words["overview"]
    sections[overview] = Section(overview, [])
    jobs += _overview_jobs(plan, overview)
    return sections, of_body, jobs


def _figsize(n_rows: int) -> tuple[float, float]:
    """Return a figure size that leaves room for one label per row."""
    return (9.0, max(3.5, min(0.3 * n_rows + 1.8, 22.0)))


@contextmanager
def _figure(n_rows: int) -> Iterator[tuple[Figure, Axes]]:
    # Text measured while drawing (bar labels placed by their size) as it will be rendered.
    with unhinted_text():
        fig = Figure(figsize=_figsize(n_rows), dpi=DPI, layout="constrained")
        try:
            yield fig, fig.add_subplot()
        finally:
            fig.clear()


def _cell_labels_out_of_layout(ax: Axes) -> int:
    """Leave the centred labels inside the axes (heatmap cells) out of the layout; return how many.

    The layout measures every artist to find the margins; labels centred on a point inside the
    axes cannot reach the margins, and measuring the hundreds of a heatmap's cells cost about as
    much as drawing the chart.  Anything else (tick labels, bar labels, notes) is still measured.
    """
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    n = 0
    for text in ax.texts:
        if isinstance(text, Annotation) or text.get_transform() != ax.transData:
            continue
        if text.get_horizontalalignment() != "center" or text.get_verticalalignment() != "center":
            continue
        x, y = text.get_position()
        if x0 < float(x) < x1 and y0 < float(y) < y1:
            text.set_in_layout(False)
            n += 1
    return n


def _render(job: _Job, number: int, *, svg: bool, mark: str = "") -> Chart:
    """Draw one chart job and render it in memory (one layout pass: the PNG's).

    ``mark`` (the synthetic-data mark) is written under the chart, so a chart file sent on alone
    still says it.
    """
    with _figure(job.n_rows) as (fig, ax):
        job.draw(ax=ax)
        _cell_labels_out_of_layout(ax)
        plots_base.pin_labels(fig)
        footer = None
        if mark:
            footer = fig.supxlabel(mark, x=0.01, ha="left", fontsize=8, color="#8a1c1c")
        if len(fig.axes) == 1:  # one Axes: its margins measured once (no colour bar, one panel)
            fig.set_layout_engine(plots_base.OnePassLayout(footer=footer))
        lay_out_once(fig)
        png = figure_bytes(fig, fmt="png")
        vector = figure_bytes(fig, fmt="svg") if svg else None
    return Chart(safe_stem(job.stem), job.caption.format(n=number), png, vector)


def _tables(plan: _Plan, sections: dict[str, Section], of_body: dict[tuple[str, str], str]) -> None:
    """Add the tables to their sections, numbered in page order."""
    words, lang, checked = plan.words, plan.lang, plan.checked
    first = sections[words["summary_section"]].blocks
    summary = tables.summary_table(plan.result, lang=lang)
    first.append(table_block(summary, words["summary_table"].format(n=1), "t1"))
    below = _below_block(checked, lang, with_term=plan.several)
    if below is not None:
        first.append(below)
    n_tab = 1
    for (t, body), label in of_body.items():
        n_tab += 1
        on_body = checked[(checked[TERM] == t).to_numpy(dtype=bool) & (checked[BODY] == body)]
        caption = _caption(words["indicator_table"].format(n="{n}", body=label)).format(n=n_tab)
        table = tables.indicator_table(on_body, lang=lang)
        sections[label].blocks.append(table_block(table, caption, f"t{n_tab}"))
    on_bodies = plan.counts[plan.counts[BODY].isin(list(pd.unique(checked[BODY])))]
    if len(pd.unique(on_bodies[TERM])) > 1:
        n_tab += 1
        table = tables.terms_table(on_bodies, lang=lang)
        caption = words["terms_table"].format(n=n_tab)
        sections[words["overview"]].blocks.append(table_block(table, caption, f"t{n_tab}"))


# ---------------------------------------------------------------------------------------------
# build_report


def _check(counts: pd.DataFrame, targets: Any, term: str | None, units: Any, lang: Lang) -> Any:
    """Check the counts; in English, the rule texts (Vietnamese in the catalogue) in English."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", comp.NothingAssessedWarning)  # said in the headline
        result = comp.check(counts, targets, term=term, units=units, lang=lang)
    if lang == "vi" or RULE not in result.columns:
        return result
    shown = result.copy()
    shown[RULE] = shown[RULE].map(
        lambda rule: rule_text(rule, lang) if isinstance(rule, str) else rule
    )
    return shown


def _file_names(lang: Lang, charts: Sequence[Chart]) -> tuple[str, ...]:
    """Return the files :meth:`Report.save` writes, relative to the folder, page first."""
    words = PAGE_LABELS[lang]
    names = [words["page_file"], words["workbook_file"]]
    for chart in charts:
        names.append(f"{words['chart_dir']}/{chart.stem}.png")
        if chart.svg is not None:
            names.append(f"{words['chart_dir']}/{chart.stem}.svg")
    return tuple(names)


def _subtitle(targets: Any, term: str | None, lang: Lang) -> str:
    words = PAGE_LABELS[lang]
    if targets is None:
        spec = words["in_force"]
    else:
        given = [targets] if isinstance(targets, str | Target) else list(targets)
        spec = ", ".join(t.id if isinstance(t, Target) else str(t) for t in given)
    term_text = f"{words['term']} {term}" if term else words["all_terms"]
    return f"{words['targets']}: {spec} — {term_text}"


#: How many processes draw the charts: this one and, where a fork is safe and there are two cores
#: or more, one forked child (see :func:`gender_stats.outputs._files.in_two_processes`); 1 draws
#: every chart here.
_WORKERS = 2


def _charts(
    jobs: Sequence[_Job],
    sections: dict[str, Section],
    *,
    svg: bool,
    progress: bool,
    mark: str = "",
    meanwhile: Callable[[], object] | None = None,
) -> list[Chart]:
    """Render every chart job (numbered in page order) and add its figure to its section.

    The charts are drawn by two processes at once where that is safe (the same bytes as one
    process draws, in the same order); ``meanwhile()`` is done here while the other process
    starts on the charts.
    """
    with tqdm(
        total=len(jobs),
        desc="report",
        unit="chart",
        file=sys.stderr,
        disable=not progress,
        leave=False,
    ) as bar:

        def draw(index: int) -> Chart:
            return _render(jobs[index], index + 1, svg=svg, mark=mark)

        with _collection_paused():
            charts = _drawn(draw, jobs, bar, meanwhile)
    for job, chart in zip(jobs, charts, strict=True):
        sections[job.section].blocks.append(
            Block("figure", caption=chart.caption, uri=figure_data_uri(chart.png))
        )
    return charts


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Keep Python's cycle collector off the caller's objects while the charts are drawn.

    Drawing makes hundreds of thousands of small objects, so the collector runs often, and each
    full collection would walk the caller's whole heap (the frames, the modules).  The objects
    that exist before the drawing are frozen (``gc.freeze``: left out of collections, not freed)
    and unfrozen afterwards; the charts' own garbage is still collected as it comes.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _drawn(
    draw: Callable[[int], Chart],
    jobs: Sequence[_Job],
    bar: Any,
    meanwhile: Callable[[], object] | None,
) -> list[Chart]:
    """Draw every job, in two processes when allowed; ``meanwhile()`` done here meanwhile."""
    if _WORKERS > 1:
        cost = [(job.n_rows + 10) * job.weight for job in jobs]
        return in_two_processes(draw, len(jobs), cost=cost, done=bar.update, meanwhile=meanwhile)
    if meanwhile is not None:
        meanwhile()
    charts = [draw(index) for index in range(len(jobs))]
    bar.update(len(jobs))
    return charts


def build_report(
    counts: pd.DataFrame,
    *,
    targets: str | Target | Sequence[str | Target] | None = None,
    term: str | None = None,
    out_dir: str | Path | None = None,
    lang: Lang = "vi",
    units: pd.DataFrame | None = None,
    progress: bool = False,
    svg: bool = False,
    charts_for: Literal["latest", "all"] = "latest",
    collection: Any = None,
) -> Report:
    """Check counts against targets and compute the report: page, charts, workbook content.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`); not changed.  Their ``attrs`` (the reading log,
        the synthetic mark of the bundled sample) feed the provenance.
    targets : str, Target or sequence of them, optional
        The targets to check (a document, a target id, or several, as in
        :func:`gender_stats.targets.get_targets`; or your own :class:`~gender_stats.Target`
        objects, e.g. from :func:`gender_stats.load_targets`), as :func:`gender_stats.check`
        takes them; by default the targets in force for each row's term, body and level.
    term : str, optional
        The term to report on (``"2015-2020"``, ``"2015-20"``); by default every term with data,
        latest first, each in its own sections.
    out_dir : str or pathlib.Path, optional
        When given, the report is saved there at once (:meth:`Report.save`: created if needed,
        existing report files overwritten, all or nothing).
    lang : {"vi", "en"}, default ``"vi"``
        Language of the page, tables, charts and file names.
    units : pandas.DataFrame, optional
        The units table, passed on to the compliance check (and naming the province).
    progress : bool, default False
        Show a progress bar on standard error while the charts render.
    svg : bool, default False
        Also render each chart as SVG (PNG always; the page embeds the PNG).
    charts_for : {"latest", "all"}, default "latest"
        With several terms, draw the per-body charts for the latest term with assessed rows only
        (every term keeps its tables; the overview charts cover every term), or for every term.
    collection : gender_stats.Collection, optional
        The returns of :func:`gender_stats.collect`: the page gets a section "Tình hình nộp báo
        cáo" and the workbook a sheet of the same name.

    Returns
    -------
    Report
        The headline numbers, the page (:meth:`Report.to_html`) and, with ``out_dir``, the paths
        written.  When nothing could be assessed the report is still made; its headline says why
        and ``Report.nothing_assessed`` is True.

    Raises
    ------
    gender_stats.vocab.TermError
        If ``term`` is not a term or the counts do not hold it.
    gender_stats.errors.ArgumentError
        When ``out_dir`` is a file, or a folder that cannot be created or written.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "C"],
    ...     "unit_name": ["Huyện A", "Huyện B", "Huyện C"], "level": ["district"] * 3,
    ...     "body": ["party_committee"] * 3, "total": [40, 33, 45], "female": [8, 3, 7]})
    >>> report = build_report(counts, targets="36-CT/TW", term="2015-2020")
    >>> report.n_units_met, report.n_units, report.women_needed, report.saved
    (2, 3, 2, False)
    >>> "2/3 đơn vị đạt" in report.to_html()
    True
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     saved = build_report(counts, targets="36-CT/TW", term="2015-2020", out_dir=tmp)
    ...     saved.html.name, saved.html.exists()
    ('bao_cao.html', True)
    """
    if lang not in PAGE_LABELS:
        raise ValueError(f"Got lang={lang!r}. Must be one of {sorted(PAGE_LABELS)}.")
    if out_dir is not None:
        check_out_dir(out_dir)
    if term is not None:
        term = normalise_term(term)
    result = _check(counts, targets, term, units, lang)
    checked = result[result[STATUS].isin(comp.ASSESSED)]
    terms = [term] if term is not None else _terms_latest_first(result)
    plan = _Plan(counts, result, checked, terms, lang, charts_for)
    sections, of_body, jobs = _layout(plan)
    record = provenance(counts, result, units=units)
    mark = PAGE_LABELS[lang]["synthetic"] if record.synthetic else ""
    # the tables are made while the charts are drawn (in the other process), into sections of
    # their own, then put after the figures of each section
    tabled = {label: Section(s.heading, [], s.id) for label, s in sections.items()}
    cited = list(comp.applied_targets(result))
    told: list[_Told] = []  # and the headline numbers and words of the page (no chart needed)
    made: list[bytes] = []  # and, when the report is to be saved, its workbook

    def meanwhile() -> None:
        _tables(plan, tabled, of_body)
        told.append(_told(plan, record, targets=targets, term=term))
        if out_dir is not None:
            made.append(_workbook(result, counts, cited, record, lang, collection=collection))

    charts = _charts(jobs, sections, svg=svg, progress=progress, mark=mark, meanwhile=meanwhile)
    for label, section in tabled.items():
        sections[label].blocks.extend(section.blocks)
    report = _assemble(plan, sections, charts, record, cited, told[0], collection=collection)
    if out_dir is None:
        return report
    content = dataclasses.replace(report._need_content(), workbook=made[0])
    return dataclasses.replace(report, _content=content).save(out_dir)


def with_collection(report: Report, collection: Any, *, lang: Lang | None = None) -> Report:
    """Return ``report`` with the collection section in its page and sheet in its workbook.

    The section goes before the sources, its figure and table numbered after the report's own;
    ``lang`` (the report's by default) is the language of the section.
    """
    content = report._need_content()
    page = dict(content.page)
    sections = [s for s in page["sections"] if s.id != "collection"]
    n_tab = 1 + sum(b.kind == "table" for s in sections for b in s.blocks)
    from gender_stats.outputs.collection import collection_section  # (imports the returns code)

    section = collection_section(
        collection, lang=lang or report.lang, figure=len(content.charts) + 1, table=n_tab
    )
    page["sections"] = [*sections[:-2], section, *sections[-2:]]
    # the workbook (if made already) lacks the collection's sheet: made again on saving
    updated = dataclasses.replace(content, page=page, collection=collection, workbook=None)
    return dataclasses.replace(report, _content=updated)


@dataclasses.dataclass(frozen=True)
class _Told:
    """What the page and the :class:`Report` say besides the charts and tables (no chart needed)."""

    numbers: dict[str, Any]  # summary_numbers of the whole compliance frame
    headline: str
    subtitle: str
    coverage: str
    nothing_assessed: bool
    sources: Block


def _told(plan: _Plan, record: Provenance, *, targets: Any, term: str | None) -> _Told:
    """Compute the headline numbers and sentence, the subtitle, coverage and sources, once.

    Made while the charts are drawn (nothing here needs them); the numbers of the whole frame
    serve both the :class:`Report` and the sentence of a one-term report.
    """
    result, lang = plan.result, plan.lang
    numbers = summary_numbers(result)
    return _Told(
        numbers=numbers,
        headline=_headline(result, plan.terms, lang, whole=numbers),
        subtitle=_subtitle(targets, term, lang),
        coverage=comp.coverage(result, lang=lang),
        nothing_assessed=comp.nothing_assessed(result),
        sources=_sources_block(result),
    )


def _assemble(
    plan: _Plan,
    sections: dict[str, Section],
    charts: list[Chart],
    record: Provenance,
    cited: Any,
    told: _Told,
    *,
    collection: Any,
) -> Report:
    """Add the closing sections and build the :class:`Report`."""
    words, lang, result = plan.words, plan.lang, plan.result
    ordered = list(sections.values())
    ordered.append(Section(words["sources"], [told.sources], id="sources"))
    links = Block("links", items=_file_names(lang, charts))
    ordered.append(Section(words["files"], [links], id="files"))
    page = _page_context(
        title=words["title"],
        subtitle=told.subtitle,
        summary=told.headline,
        sections=ordered,
        footer=words["footer"].format(version=record.version),
        lang=lang,
        record=record,
    )
    content = _Content(page, tuple(charts), result, plan.counts, cited)
    report = Report(
        **told.numbers,
        terms=tuple(plan.terms),
        targets_used=tuple(result.attrs.get("targets_used", ())),
        coverage=told.coverage,
        nothing_assessed=told.nothing_assessed,
        lang=lang,
        provenance=record,
        _content=content,
    )
    return report if collection is None else with_collection(report, collection)
