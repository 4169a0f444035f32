"""The pieces of the report page: blocks and sections (plain data) and the templates that render them.

The page is rendered by the jinja2 templates of ``gender_stats/outputs/templates`` with autoescape
on: every text of a :class:`Block` is escaped by the template; only ``markup`` (a table made by
:func:`table_block`, whose every cell was escaped first) is inserted as it is.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, Literal

import jinja2
import pandas as pd
from markupsafe import Markup

from gender_stats.outputs import tables

__all__ = ["Block", "Section", "environment", "escaped", "render_section", "table_block"]


@dataclasses.dataclass(frozen=True)
class Block:
    """One block of a section: a figure, a table, a list, links or a paragraph.

    ``markup`` (a :class:`markupsafe.Markup`) is HTML already made safe (a table of :func:`tables.to_html` with every cell
    escaped first); every other field is plain text that the template escapes.
    """

    kind: Literal["figure", "svg", "table", "list", "links", "text"]
    caption: str = ""
    uri: str = ""
    text: str = ""
    markup: str = ""
    items: tuple[Any, ...] = ()


@dataclasses.dataclass(frozen=True)
class Section:
    """A heading, its blocks and an optional ``id``."""

    heading: str
    blocks: list[Block]
    id: str = ""


@functools.cache
def environment() -> jinja2.Environment:
    """Return the jinja2 environment of the page templates (autoescape on)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("gender_stats.outputs", "templates"),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def table_block(table: pd.DataFrame, caption: str, table_id: str) -> Block:
    """Return a table block with its caption (rows below target highlighted).

    :func:`tables.to_html` writes cell text as it is (as the pandas Styler does): every text
    (cells, headers, caption) is escaped here first, so a unit named ``<script>…`` shows as text
    and never runs.
    """
    markup = tables.to_html(escaped(table), caption=str(Markup.escape(caption)), table_id=table_id)
    return Block("table", markup=Markup(markup))


def escaped(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``table`` whose text cells and column labels are HTML-escaped.

    Examples
    --------
    >>> escaped(pd.DataFrame({"<b>": ["<img src=x onerror=alert(1)>", 3]})).to_dict("list")
    {'&lt;b&gt;': ['&lt;img src=x onerror=alert(1)&gt;', 3]}
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            out[column] = values.map(lambda v: str(Markup.escape(v)) if isinstance(v, str) else v)
    out.columns = [str(Markup.escape(c)) if isinstance(c, str) else c for c in out.columns]
    return out


def render_section(section: Section) -> str:
    r"""Return one section as an HTML fragment (``<section>…</section>``).

    Examples
    --------
    >>> html = render_section(Section("Tình hình <nộp>", [Block("text", text="a & b")], id="x"))
    >>> html.startswith('<section id="x">\n<h2>Tình hình &lt;nộp&gt;</h2>')
    True
    >>> "<p>a &amp; b</p>" in html, html.endswith("</section>")
    (True, True)
    """
    return environment().get_template("section.html.j2").render(section=section).strip()
