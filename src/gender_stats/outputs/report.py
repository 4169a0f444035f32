"""The whole report: the workbook, the charts and one self-contained HTML page.

:func:`build_report` runs the last stages of the pipeline on a counts frame — compliance with the
targets, indicator tables, charts — and writes the results through :mod:`gender_stats.io`:

* ``bao_cao.xlsx`` (``report.xlsx`` in English), the formatted workbook of
  :func:`gender_stats.outputs.workbook.write_workbook`;
* ``bieu_do/<name>.png`` and ``bieu_do/<name>.svg`` (``charts/`` in English) for every chart;
* ``bao_cao.html`` (``report.html``), one page with every table and every chart embedded as a
  base64 PNG: no external CSS, JavaScript or fonts, so it opens offline and can be e-mailed.

The page opens with a summary sentence ("14/50 đơn vị đạt ...; còn thiếu 85 nữ"), per term when
several terms are reported, with how much could be assessed ("đánh giá 610/966 dòng; ...") — or,
when nothing could be, a sentence saying so and why, never "0/0 đạt"; then the summary table by
level and the units below target; then one section per term and body (shares with the target
line, change since the previous term, women still needed, the indicator table), latest term
first; then overview charts (units × bodies heatmap, women and men by level, per term) and the
multi-term table; then the sources of the targets used and the list of files.  Every table and
figure has a numbered caption.  Units above a range (35–40 %) meet the target and are counted
distinctly ("vượt khoảng").

Charts are drawn on bare :class:`matplotlib.figure.Figure` objects, which render through Agg and SVG
without pyplot, so building a report never changes the global matplotlib backend.
"""

from __future__ import annotations

import dataclasses
import html
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
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
)
from gender_stats.errors import GenderStatsError
from gender_stats.outputs import plots, tables
from gender_stats.outputs._files import (
    figure_bytes,
    figure_data_uri,
    make_out_dir,
    safe_stem,
    staged_output,
    write_bytes,
    write_html,
)
from gender_stats.outputs.labels import Lang
from gender_stats.outputs.workbook import write_workbook
from gender_stats.schema import BODY, TERM, UNIT_ID, UNIT_NAME
from gender_stats.targets import get_targets
from gender_stats.vocab import body_label, normalise_term, term_bounds

__all__ = ["Report", "build_report", "summary_numbers"]


_TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Báo cáo tỷ lệ nữ trong cấp ủy, cơ quan dân cử và chức danh chủ chốt",
        "targets": "Chỉ tiêu",
        "term": "nhiệm kỳ",
        "all_terms": "mọi nhiệm kỳ có dữ liệu",
        "in_force": "các chỉ tiêu hiện hành theo nhiệm kỳ",
        "summary": (
            "{met}/{units} đơn vị đạt mọi chỉ tiêu áp dụng ({rows_met}/{rows} lượt đánh giá đơn vị "
            "× cơ quan × chỉ tiêu đạt{above}); còn thiếu {needed} nữ để đạt chỉ tiêu."
        ),
        "above": ", trong đó {k} lượt vượt khoảng",
        "term_head": "Nhiệm kỳ {term}: ",
        "coverage": " Phạm vi: {coverage}.",
        "summary_none": "Không đánh giá được đơn vị nào: {why}.",
        "term_none": "Không đánh giá được đơn vị nào trong nhiệm kỳ {term}: {why}.",
        "below_head": "Đơn vị chưa đạt (trong ngoặc: số nữ còn thiếu)",
        "needed_col": "còn thiếu {n} nữ",
        "summary_table": "Bảng {n}. Tổng hợp theo chỉ tiêu",
        "indicator_table": "Bảng {n}. Tỷ lệ nữ — {body}",
        "terms_table": "Bảng {n}. Tỷ lệ nữ qua các nhiệm kỳ",
        "shares_fig": "Hình {n}. Tỷ lệ nữ theo đơn vị — {body} (đường kẻ: chỉ tiêu)",
        "heatmap_fig": "Hình {n}. Tỷ lệ nữ theo đơn vị và cơ quan",
        "stacked_fig": "Hình {n}. Số nữ và nam theo cơ quan và cấp",
        "needed_fig": "Hình {n}. Số nữ còn thiếu theo đơn vị — {body}",
        "change_fig": "Hình {n}. Thay đổi tỷ lệ nữ từ nhiệm kỳ {a} đến {b} — {body}",
        "overview": "Biểu đồ tổng hợp",
        "sources": "Nguồn chỉ tiêu",
        "files": "Tệp đã tạo",
        "footer": "Tạo bởi gender_stats {version}. Tỷ lệ tính từ số người; tổng hợp cộng số người, "
        "không lấy trung bình tỷ lệ.",
    },
    "en": {
        "title": "Women in party committees, elected bodies and key posts",
        "targets": "Targets",
        "term": "term",
        "all_terms": "every term with data",
        "in_force": "the targets in force for each term",
        "summary": (
            "{met}/{units} units meet every applicable target ({rows_met}/{rows} unit × body × "
            "target checks met{above}); {needed} more women are needed to meet the targets."
        ),
        "above": ", {k} of them above range",
        "term_head": "Term {term}: ",
        "coverage": " Coverage: {coverage}.",
        "summary_none": "No unit could be assessed: {why}.",
        "term_none": "No unit could be assessed in {term}: {why}.",
        "below_head": "Units below target (in brackets: women still needed)",
        "needed_col": "{n} more women needed",
        "summary_table": "Table {n}. Summary by target",
        "indicator_table": "Table {n}. Women's share — {body}",
        "terms_table": "Table {n}. Women's share across terms",
        "shares_fig": "Figure {n}. Women's share by unit — {body} (line: target)",
        "heatmap_fig": "Figure {n}. Women's share by unit and body",
        "stacked_fig": "Figure {n}. Women and men by body and level",
        "needed_fig": "Figure {n}. Women still needed by unit — {body}",
        "change_fig": "Figure {n}. Change in women's share from {a} to {b} — {body}",
        "overview": "Overview charts",
        "sources": "Sources of the targets",
        "files": "Files written",
        "footer": "Made with gender_stats {version}. Shares are computed from counts; pooled "
        "figures add counts, never average shares.",
    },
}

_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em auto; max-width: 70em;
       color: #1a1a1a; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
p.lead { font-size: 1.1em; background: #f3f6fa; padding: .8em 1em; border-left: 4px solid #2b6cb0; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption, caption { font-weight: bold; text-align: left; padding: .4em 0; caption-side: top; }
table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
th, td { border: 1px solid #bbb; padding: .25em .6em; }
th { background: #e8edf3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 3em; font-size: .85em; color: #555; }
"""


@dataclasses.dataclass(frozen=True)
class Report:
    """What :func:`build_report` wrote and the headline numbers of the report.

    Attributes
    ----------
    out_dir : pathlib.Path
        The folder holding every file.
    html : pathlib.Path
        The self-contained HTML page.
    workbook : pathlib.Path
        The Excel workbook.
    charts : tuple of pathlib.Path
        Every PNG and SVG chart written.
    n_units : int
        Units (term × unit) with at least one assessed check (status ``met``, ``below`` or
        ``above_range``).
    n_units_met : int
        Units that meet every target that applies to them (above a range counts as meeting).
    n_checks, n_checks_met : int
        Assessed rows of the compliance frame (unit × body × target) and how many meet the target
        (met or above range).
    women_needed : int
        Women still needed, summed over unit × body (see :func:`summary_numbers`).
    units_below : tuple of str
        Names of the units with at least one check below target, in order of appearance.
    n_checks_above_range : int
        Of the ``n_checks_met``, the checks above a range.
    terms : tuple of str
        The terms reported, latest first.
    targets_used : tuple of str
        The ids of the targets applied to at least one row.
    coverage : str
        How much was assessed, in the report's language (see
        :func:`gender_stats.compliance.coverage`).
    nothing_assessed : bool
        True when no row could be assessed; the page's headline then says why.
    """

    out_dir: Path
    html: Path
    workbook: Path
    charts: tuple[Path, ...]
    n_units: int
    n_units_met: int
    n_checks: int
    n_checks_met: int
    women_needed: int
    units_below: tuple[str, ...]
    n_checks_above_range: int = 0
    terms: tuple[str, ...] = ()
    targets_used: tuple[str, ...] = ()
    coverage: str = ""
    nothing_assessed: bool = False

    @property
    def paths(self) -> tuple[Path, ...]:
        """Return every file written: the page, the workbook, then the charts."""
        return (self.html, self.workbook, *self.charts)


def summary_numbers(compliance: pd.DataFrame) -> dict[str, Any]:
    """Return the headline numbers of a compliance frame.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`gender_stats.compliance.check`.

    Returns
    -------
    dict
        ``n_units``, ``n_units_met``, ``n_checks``, ``n_checks_met``, ``women_needed`` (int),
        ``units_below`` (tuple of unit names) and ``n_checks_above_range`` (int).

    Notes
    -----
    A check is a row of the compliance frame whose status is ``met``, ``below`` or ``above_range``.
    A unit is a term × unit; it meets the targets when every one of its checks is met or above the
    range (exceeding a range is not a shortfall; ``n_checks_above_range`` counts those checks).
    The numbers are :func:`gender_stats.compliance.summarise`'s: the women still needed are its
    ``seats_needed`` (for each term × unit × body the largest over its targets, since one woman
    counts toward every target of the same body, then summed).

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
    checked = compliance[compliance[comp.STATUS].isin(comp.ASSESSED)]
    unit_keys = [k for k in (TERM, UNIT_ID) if k in checked.columns]
    units = comp.summarise(checked, by=unit_keys, warn=False)
    whole = comp.summarise(checked, by=(), warn=False).iloc[0]
    below = checked[checked[comp.STATUS] == comp.Status.BELOW]
    return {
        "n_units": len(units),
        "n_units_met": int((units["n_met"] == units["n_units"]).sum()),
        "n_checks": int(whole["n_units"]),
        "n_checks_met": int(whole["n_met"]),
        "women_needed": int(whole[comp.SEATS_NEEDED]),
        "units_below": tuple(pd.unique(below[UNIT_NAME].astype(str))),
        "n_checks_above_range": int(whole["n_above_range"]),
    }


# ---------------------------------------------------------------------------------------------
# HTML pieces (pure functions of their arguments)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table_html(table: pd.DataFrame, caption: str, table_id: str) -> str:
    """Return a table as an HTML fragment with its caption (rows below target highlighted).

    The pandas Styler writes cell text as it is: every text (cells, headers, caption) is escaped
    here first, so a unit named ``<script>…`` shows as text and never runs.
    """
    return tables.to_html(_escaped(table), caption=_e(caption), table_id=table_id)


def _escaped(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``table`` whose text cells and column labels are HTML-escaped.

    Examples
    --------
    >>> _escaped(pd.DataFrame({"<b>": ["<img src=x onerror=alert(1)>", 3]})).to_dict("list")
    {'&lt;b&gt;': ['&lt;img src=x onerror=alert(1)&gt;', 3]}
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            out[column] = values.map(lambda v: _e(v) if isinstance(v, str) else v)
    out.columns = [_e(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _figure_html(data_uri: str, caption: str, alt: str) -> str:
    return (
        f'<figure>\n<img src="{data_uri}" alt="{_e(alt)}">\n'
        f"<figcaption>{_e(caption)}</figcaption>\n</figure>"
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
    r"""Assemble the HTML page from ready-made pieces.

    Parameters
    ----------
    title, subtitle, summary, footer : str
        Plain text (escaped here).
    sections : sequence of (heading, blocks)
        Each block is an HTML fragment (a table or a figure) made by this module.
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
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(subtitle)}</p>",
        "</header>",
        "<main>",
        f'<p class="lead" id="summary">{_e(summary)}</p>',
    ]
    for heading, blocks in sections:
        parts.append("<section>")
        parts.append(f"<h2>{_e(heading)}</h2>")
        parts.extend(blocks)
        parts.append("</section>")
    parts += ["</main>", f"<footer>{_e(footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Charts


def _figsize(n_rows: int) -> tuple[float, float]:
    """Return a figure size that leaves room for one label per row."""
    return (9.0, max(3.5, min(0.3 * n_rows + 1.8, 22.0)))


@contextmanager
def _figure(n_rows: int) -> Iterator[tuple[Figure, Axes]]:
    fig = Figure(figsize=_figsize(n_rows), layout="constrained")
    try:
        yield fig, fig.add_subplot()
    finally:
        fig.clear()


def _version() -> str:
    import gender_stats

    return str(getattr(gender_stats, "__version__", "0"))


# ---------------------------------------------------------------------------------------------
# The report


@staged_output
def build_report(
    counts: pd.DataFrame,
    *,
    targets: str | Sequence[str] | None = None,
    term: str | None = None,
    out_dir: str | Path,
    lang: Lang = "vi",
    units: pd.DataFrame | None = None,
    progress: bool = False,
    svg: bool = False,
    charts_for: Literal["latest", "all"] = "latest",
) -> Report:
    """Check counts against targets and write the workbook, the charts and the HTML page.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`); not changed.
    targets : str or sequence of str, optional
        The targets to check (a document, a target id, or several), as in
        :func:`gender_stats.targets.get_targets`; by default the targets in force for each row's
        term, body and level (see :func:`gender_stats.compliance.check`).
    term : str, optional
        The term to report on (``"2015-2020"``, ``"2015-20"``); by default every term with data,
        latest first, each in its own sections.
    out_dir : str or pathlib.Path
        The folder to write into (created if needed; existing report files are overwritten).  The
        files are written into a temporary folder beside it and moved in at the end, so a report
        that fails leaves nothing half-written.
    lang : {"vi", "en"}, default ``"vi"``
        Language of the page, tables, charts and file names.
    units : pandas.DataFrame, optional
        The units table, passed on to the compliance check.
    progress : bool, default False
        Show a progress bar on standard error while the charts render.
    svg : bool, default False
        Also write each chart as SVG (PNG always; the page embeds the PNG).
    charts_for : {"latest", "all"}, default "latest"
        With several terms, draw the per-body charts for the latest term only (every term keeps its
        tables; the overview charts cover every term), or for every term.

    Returns
    -------
    Report
        The paths written and the headline numbers.  When nothing could be assessed the report is
        still written; its headline says why and ``Report.nothing_assessed`` is True.

    Raises
    ------
    gender_stats.vocab.TermError
        If ``term`` is not a term or the counts do not hold it.

    Raises
    ------
    gender_stats.errors.ArgumentError
        When ``out_dir`` is a file, or a folder that cannot be created or written.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "C"],
    ...     "unit_name": ["Huyện A", "Huyện B", "Huyện C"], "level": ["district"] * 3,
    ...     "body": ["party_committee"] * 3, "total": [40, 33, 45], "female": [8, 3, 7]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     report = build_report(counts, targets="36-CT/TW", term="2015-2020", out_dir=tmp)
    ...     (report.n_units_met, report.n_units, report.women_needed, report.html.exists())
    (2, 3, 2, True)
    """
    if lang not in _TEXT:
        raise ValueError(f"Got lang={lang!r}. Must be one of {sorted(_TEXT)}.")
    text = _TEXT[lang]
    if term is not None:
        term = normalise_term(term)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", comp.NothingAssessedWarning)  # said in the headline
        result = comp.check(counts, targets, term=term, units=units, lang=lang)
    out = make_out_dir(out_dir)
    chart_dir = make_out_dir(out / ("bieu_do" if lang == "vi" else "charts"))

    numbers = summary_numbers(result)
    nothing = comp.nothing_assessed(result)
    checked = result[result[STATUS].isin(comp.ASSESSED)]
    terms = [term] if term is not None else _terms_latest_first(result)
    several = len(terms) > 1

    # The page: a summary section, one section per term and body, an overview section.  Each job
    # draws one chart of a section on an Axes (n_rows sizes the figure); jobs run in page order so
    # that figures are numbered as they appear.
    overview = text["overview"]
    section_blocks: dict[str, list[str]] = {text["summary_table"].split(". ", 1)[1]: []}
    jobs: list[tuple[str, str, str, int, Callable[..., Any]]] = []
    sections_of: dict[tuple[str, str], str] = {}
    for i_term, t in enumerate(terms):
        on_term = checked[(checked[TERM] == t).to_numpy(dtype=bool)]
        draw_charts = charts_for == "all" or i_term == 0
        head = text["term_head"].format(term=t).capitalize() if several else ""
        suffix = f"_{t}" if several else ""
        below_term = on_term[on_term[STATUS] == Status.BELOW]
        if several and on_term.empty:
            section = head.rstrip(": ")
            section_blocks[section] = [f"<p>{_e(_term_none(result, t, lang))}</p>"]
        for body in pd.unique(on_term[BODY]):
            label = head + body_label(body, lang)
            sections_of[(t, body)] = label
            section_blocks[label] = []
            on_body = on_term[on_term[BODY] == body]
            if not draw_charts:
                continue  # tables only (charts_for="latest")
            jobs.append(
                (
                    label,
                    (f"ty_le_{body}" if lang == "vi" else f"shares_{body}") + suffix,
                    _caption(text["shares_fig"].format(n="{n}", body=label)),
                    on_body[UNIT_ID].nunique(),
                    partial(plots.plot_shares, on_term, body=body, lang=lang),
                )
            )
            previous = _previous_term(counts, body, t)
            if previous is not None:
                jobs.append(
                    (
                        label,
                        (f"thay_doi_{body}" if lang == "vi" else f"change_{body}") + suffix,
                        _caption(text["change_fig"].format(n="{n}", body=label, a=previous, b=t)),
                        on_body[UNIT_ID].nunique(),
                        partial(
                            plots.plot_change,
                            counts,
                            from_term=previous,
                            to_term=t,
                            body=body,
                            lang=lang,
                        ),
                    )
                )
            below = on_body[on_body[STATUS] == Status.BELOW]
            if not below.empty:
                jobs.append(
                    (
                        label,
                        (f"con_thieu_{body}" if lang == "vi" else f"women_needed_{body}") + suffix,
                        _caption(text["needed_fig"].format(n="{n}", body=label)),
                        below[UNIT_ID].nunique(),
                        partial(plots.plot_seats_needed, below_term, body=body, lang=lang),
                    )
                )
    section_blocks[overview] = []
    for t in terms:
        on_term = checked[(checked[TERM] == t).to_numpy(dtype=bool)]
        suffix, named = (f"_{t}", f" — {t}") if several else ("", "")
        if len(pd.unique(on_term[BODY])) > 1:
            jobs.append(
                (
                    overview,
                    ("ban_do_nhiet" if lang == "vi" else "heatmap") + suffix,
                    text["heatmap_fig"] + named,
                    on_term[UNIT_ID].nunique(),
                    partial(plots.plot_heatmap, on_term, lang=lang),
                )
            )
        counts_term = _rows_of_term(counts, t)
        if not counts_term.empty:
            jobs.append(
                (
                    overview,
                    ("nu_nam" if lang == "vi" else "women_men") + suffix,
                    text["stacked_fig"] + named,
                    6,
                    partial(plots.plot_stacked, counts_term, lang=lang),
                )
            )

    charts: list[Path] = []
    with tqdm(
        total=len(jobs) + 2,
        desc="report",
        unit="step",
        file=sys.stderr,
        disable=not progress,
        leave=False,
    ) as bar:
        for n_fig, (section, stem, caption, n_rows, draw) in enumerate(jobs, start=1):
            with _figure(n_rows) as (fig, ax):
                draw(ax=ax)
                png = figure_bytes(fig, fmt="png")
                charts.append(write_bytes(png, chart_dir / f"{safe_stem(stem)}.png"))
                if svg:
                    fig.set_layout_engine("none")  # keep the layout computed for the PNG
                    vector = figure_bytes(fig, fmt="svg")
                    charts.append(write_bytes(vector, chart_dir / f"{safe_stem(stem)}.svg"))
                cap = caption.format(n=n_fig)
                uri = figure_data_uri(png)
            section_blocks[section].append(_figure_html(uri, cap, cap))
            bar.update()

        # Tables, numbered in page order.
        first = next(iter(section_blocks))
        section_blocks[first].append(
            _table_html(
                tables.summary_table(result, lang=lang), text["summary_table"].format(n=1), "t1"
            )
        )
        section_blocks[first].append(_below_html(checked, lang, with_term=several))
        n_tab = 1
        for (t, body), label in sections_of.items():
            n_tab += 1
            on_body = checked[(checked[TERM] == t).to_numpy(dtype=bool) & (checked[BODY] == body)]
            section_blocks[label].append(
                _table_html(
                    tables.indicator_table(on_body, lang=lang),
                    _caption(text["indicator_table"].format(n=n_tab, body=label)),
                    f"t{n_tab}",
                )
            )
        bodies = list(pd.unique(checked[BODY]))
        on_bodies = counts[counts[BODY].isin(bodies)]
        if len(pd.unique(on_bodies[TERM])) > 1:
            n_tab += 1
            section_blocks[overview].append(
                _table_html(
                    tables.terms_table(on_bodies, lang=lang),
                    text["terms_table"].format(n=n_tab),
                    f"t{n_tab}",
                )
            )
        bar.update()

        workbook = out / ("bao_cao.xlsx" if lang == "vi" else "report.xlsx")
        if targets is None:
            spec = text["in_force"]
        else:
            spec = targets if isinstance(targets, str) else ", ".join(targets)
        title = text["title"]
        cited = get_targets(list(result.attrs.get("targets_used", ())))
        write_workbook(result, workbook, counts=counts, targets=cited, lang=lang, title=title)

        page_path = out / ("bao_cao.html" if lang == "vi" else "report.html")
        term_text = f"{text['term']} {term}" if term else text["all_terms"]
        summary = _headline(result, terms, lang)
        sections = [
            *section_blocks.items(),
            (text["sources"], [_sources_html(result, lang)]),
            (text["files"], [_files_html(out, [page_path, workbook, *charts])]),
        ]
        page = render_page(
            title=title,
            subtitle=f"{text['targets']}: {spec} — {term_text}",
            summary=summary,
            sections=sections,
            footer=text["footer"].format(version=_version()),
            lang=lang,
        )
        write_html(page, page_path)
        bar.update()

    return Report(
        out_dir=out,
        html=page_path,
        workbook=workbook,
        charts=tuple(charts),
        **numbers,
        terms=tuple(terms),
        targets_used=tuple(result.attrs.get("targets_used", ())),
        coverage=comp.coverage(result, lang=lang),
        nothing_assessed=nothing,
    )


def _caption(text: str) -> str:
    """Escape the braces a label may hold, keeping the ``{n}`` placeholder."""
    return text.replace("{", "{{").replace("}", "}}").replace("{{n}}", "{n}")


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


def _term_none(compliance: pd.DataFrame, term: str, lang: str) -> str:
    """Say why nothing of ``term`` was assessed."""
    rows = compliance[(compliance[TERM] == term).to_numpy(dtype=bool)]
    return _TEXT[lang]["term_none"].format(term=term, why=_why(rows, lang))


def _why(rows: pd.DataFrame, lang: str) -> str:
    """Return the coverage of ``rows`` and the terms no target applies to, in ``lang``."""
    if rows.empty:
        return (
            "không có dòng nào thuộc phạm vi của chỉ tiêu đã chọn"
            if lang == "vi"
            else "no counts row is in the scope of the chosen targets"
        )
    why = comp.coverage(rows, lang=lang)
    uncovered = comp.uncovered_terms(rows)
    if uncovered:
        listed = ", ".join(uncovered)
        why += (
            f"; không có chỉ tiêu nào trong danh mục áp dụng cho {listed}"
            if lang == "vi"
            else f"; no target in the catalogue applies to {listed}"
        )
    scope = rows[REASON].isin(comp.OUT_OF_SCOPE)
    whole = scope.groupby(rows[TERM].astype(str), sort=False).all()
    chosen = [t for t in whole.index[whole.to_numpy(dtype=bool)] if t not in uncovered]
    if chosen:
        listed = ", ".join(sorted(chosen, key=term_bounds, reverse=True))
        why += (
            f"; các chỉ tiêu đã chọn không áp dụng cho nhiệm kỳ {listed}"
            if lang == "vi"
            else f"; the chosen targets do not apply to {listed}"
        )
    return why


def _headline(compliance: pd.DataFrame, terms: Sequence[str], lang: str) -> str:
    """Return the summary sentence: per term when several, with the coverage; or why nothing."""
    text = _TEXT[lang]
    if comp.nothing_assessed(compliance):
        return text["summary_none"].format(why=_why(compliance, lang))
    several = len(terms) > 1
    parts = []
    for t in terms:
        rows = compliance[(compliance[TERM] == t).to_numpy(dtype=bool)] if several else compliance
        if comp.nothing_assessed(rows):
            parts.append(_term_none(compliance, t, lang))
            continue
        numbers = summary_numbers(rows)
        k = numbers["n_checks_above_range"]
        line = text["summary"].format(
            met=numbers["n_units_met"],
            units=numbers["n_units"],
            rows_met=numbers["n_checks_met"],
            rows=numbers["n_checks"],
            above=text["above"].format(k=k) if k else "",
            needed=numbers["women_needed"],
        )
        parts.append((text["term_head"].format(term=t) if several else "") + line)
    assessed = compliance[STATUS].isin(comp.ASSESSED)
    summary = " ".join(parts)
    if not assessed.all():
        summary += text["coverage"].format(coverage=comp.coverage(compliance, lang=lang))
    return summary


def _previous_term(counts: pd.DataFrame, body: str, term: str | None) -> str | None:
    """Return the latest term of ``body`` in ``counts`` that starts before ``term``, if any."""
    if term is None:
        return None
    start = term_bounds(term)[0]
    terms = pd.unique(counts.loc[counts[BODY] == body, TERM].astype(str))
    earlier = sorted((term_bounds(t)[0], t) for t in terms if term_bounds(t)[0] < start)
    return earlier[-1][1] if earlier else None


def _below_html(checked: pd.DataFrame, lang: str, *, with_term: bool = False) -> str:
    """List the units below target, one line per (term,) body and rule: "Huyện A (2), Huyện B (1)"."""
    text = _TEXT[lang]
    below = checked[checked[STATUS] == Status.BELOW]
    if below.empty:
        return ""
    needed = below[SEATS_NEEDED].astype("Int64").fillna(0).astype("int64")
    keys = [below[TERM], below[BODY], below[RULE]] if with_term else [below[BODY], below[RULE]]
    items = []
    for key, group in needed.groupby(keys, sort=False):
        *term, body, rule = key
        names = below.loc[group.index, UNIT_NAME].astype(str)
        units = ", ".join(f"{_e(n)} ({int(k)})" for n, k in zip(names, group, strict=True))
        head = f"{body_label(str(body), lang)} ({rule}) — " + text["needed_col"].format(
            n=int(group.sum())
        )
        if term:
            head = text["term_head"].format(term=term[0]) + head
        items.append(f"<li><strong>{_e(head)}</strong>: {units}</li>")
    return f"<h3>{_e(text['below_head'])}</h3>\n<ul>\n" + "\n".join(items) + "\n</ul>"


def _sources_html(compliance: pd.DataFrame, lang: str) -> str:
    """List the targets used (applied to at least one row), with their document and rule."""
    cols = [c for c in (TARGET_ID, DOCUMENT, RULE) if c in compliance.columns]
    used = set(compliance.attrs.get("targets_used", ())) or set(
        compliance[TARGET_ID].dropna().astype(str)
    )
    rows = compliance.loc[compliance[TARGET_ID].isin(used).to_numpy(dtype=bool), cols]
    rows = rows.drop_duplicates()
    items = [f"<li>{' — '.join(_e(v) for v in row)}</li>" for row in rows.itertuples(index=False)]
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _files_html(out: Path, paths: Sequence[Path]) -> str:
    items = []
    for path in paths:
        rel = path.relative_to(out).as_posix()
        items.append(f'<li><a href="{_e(rel)}">{_e(rel)}</a></li>')
    return "<ul>\n" + "\n".join(items) + "\n</ul>"
