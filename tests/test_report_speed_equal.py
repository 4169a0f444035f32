"""The report's tables written directly give the same HTML, character for character, as the Styler.

:func:`gender_stats.outputs.tables.to_html` writes plain tables (text and count columns) itself
instead of through ``pandas.io.formats.style.Styler.to_html`` (a quarter of a second of the
report); anything else is still the Styler's.  These tests fail if the two ever differ.
"""

from __future__ import annotations

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.outputs import report as report_module
from gender_stats.outputs import tables
from gender_stats.outputs._page import escaped


def _styler_html(table: pd.DataFrame, caption: str | None, highlight: str, table_id: str) -> str:
    """Return the HTML the pandas Styler writes for ``to_html(table, ...)``."""
    styler = tables.style_table(table, caption=caption, highlight=highlight).set_uuid(table_id)
    return styler.to_html(table_attributes='class="gs-table"')


def _assert_same(table: pd.DataFrame, *, caption=None, highlight=tables.BELOW_COLOUR) -> None:
    plain = tables._plain_html(table, caption=caption, highlight=highlight, table_id="t7")
    assert plain is not None, list(table.dtypes)
    assert plain == _styler_html(table, caption, highlight, "t7")
    assert tables.to_html(table, caption=caption, highlight=highlight, table_id="t7") == plain


@pytest.fixture(scope="module")
def sample():
    counts = gs.load_sample_counts()
    return counts, {lang: gs.check(counts, "36-CT/TW", lang=lang) for lang in ("vi", "en")}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("caption", [None, "", "Bảng 2. Tỷ lệ nữ &amp; nam"])
def test_every_table_of_the_module_is_written_as_the_styler_writes_it(sample, lang, caption):
    counts, checked = sample
    compliance = checked[lang]
    made = [
        tables.summary_table(compliance, lang=lang),
        tables.indicator_table(compliance, lang=lang),
        tables.indicator_table(compliance, lang=lang, term="2015-2020"),
        tables.shortfalls_table(compliance, lang=lang),  # no status: rows with women needed
        tables.terms_table(counts, lang=lang),
        tables.indicator_table(compliance, lang=lang).head(0),  # no rows
        gs.pretty(compliance.head(30), lang=lang),
    ]
    for table in made:
        _assert_same(escaped(table), caption=caption)


def test_missing_values_thousands_markup_and_a_highlight_of_two_properties():
    table = pd.DataFrame(
        {
            "Đơn vị": ["<b>Huyện A</b>", None, "Huyện C & D"],
            "Tổng số": pd.array([1299, pd.NA, 12], dtype="Int64"),
            "Nữ": [198, 3, 0],
            "Tỷ lệ (%)": ["15,2%", pd.NA, "0,0%"],
            "Đánh giá": ["Đạt", "Chưa đạt", "Chưa đạt"],
        }
    )
    _assert_same(table)
    _assert_same(escaped(table), highlight="#FF0000; color: black")
    english = table.set_axis(["Unit", "Total", "Women", "Share (%)", "Status"], axis=1)
    _assert_same(english)
    html = tables.to_html(english, table_id="x")
    assert ">1,299<" in html and ">–<" in html


def test_a_table_of_text_only_with_no_row_below_has_no_cell_style():
    table = pd.DataFrame({"Đơn vị": ["A", "B"], "Đánh giá": ["Đạt", "Đạt"]}, index=[5, 9])
    _assert_same(table)
    assert tables.to_html(table, table_id="x").startswith('<style type="text/css">\n</style>\n')


@pytest.mark.parametrize(
    "table",
    [
        pd.DataFrame({"Đơn vị": ["A"], "Tỷ lệ": [0.25]}),  # a float column
        pd.DataFrame({"Đơn vị": ["A"], "Nữ": [True]}),  # booleans
        pd.DataFrame({"Đơn vị": ["A", 3]}),  # text and a number in one column
        pd.DataFrame({0: ["A"], "Nữ": [1]}),  # a column label that is not text
        pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "b"), ("a", "c")])),
        pd.DataFrame(index=range(2)),  # no columns
    ],
)
def test_other_tables_are_left_to_the_styler(table):
    assert tables._plain_html(table, caption="c", highlight="#FFC7CE", table_id="t") is None
    assert tables.to_html(table, caption="c", table_id="t") == _styler_html(
        table, "c", "#FFC7CE", "t"
    )


def test_an_index_that_repeats_is_left_to_the_styler():
    table = pd.DataFrame({"Đơn vị": ["A", "B"]}, index=[1, 1])
    assert tables._plain_html(table, caption=None, highlight="#FFC7CE", table_id="t") is None


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("styler.render.max_elements", 4),
        ("styler.render.max_rows", 1),
        ("styler.render.max_columns", 1),
        ("styler.html.mathjax", False),
    ],
)
def test_styler_options_that_change_its_html_leave_the_table_to_it(option, value):
    table = pd.DataFrame({"Đơn vị": ["A", "B", "C"], "Nữ": [1, 2, 3]})
    with pd.option_context(option, value):
        assert tables._plain_html(table, caption=None, highlight="#FFC7CE", table_id="t") is None
        assert tables.to_html(table, table_id="t") == _styler_html(table, None, "#FFC7CE", "t")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_report_page_is_the_page_the_styler_tables_made(sample, lang, monkeypatch):
    counts, _ = sample
    kwargs = {"targets": "36-CT/TW", "lang": lang}
    monkeypatch.setattr(report_module, "_WORKERS", 1)
    fast = gs.build_report(counts, **kwargs)
    monkeypatch.setattr(tables, "_plain_html", lambda *args, **kw: None)  # every table by Styler
    slow = gs.build_report(counts, **kwargs)
    assert fast.to_html() == slow.to_html()
    assert fast == slow  # the same headline numbers, coverage and provenance
    n_tables = sum(b.kind == "table" for s in fast._content.page["sections"] for b in s.blocks)
    assert n_tables >= 3 and fast.to_html().count('<table id="T_t') == n_tables


def test_the_headline_numbers_are_those_of_the_whole_frame(sample):
    counts, checked = sample
    report = gs.build_report(counts, targets="36-CT/TW", term="2015-2020")
    numbers = report_module.summary_numbers(checked["vi"][checked["vi"]["term"] == "2015-2020"])
    assert report.n_units_met == numbers["n_units_met"] and report.n_units == numbers["n_units"]
    assert report.women_needed == numbers["women_needed"]
    assert f"{numbers['n_units_met']}/{numbers['n_units']} đơn vị đạt" in report.to_html()
