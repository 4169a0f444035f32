from decimal import Decimal
from fractions import Fraction

import hypothesis.strategies as st
import pandas as pd
import pytest
from frames import gappy_counts
from hypothesis import given, settings

from gender_stats.outputs.tables import (
    format_points,
    format_share,
    indicator_table,
    shortfalls_table,
    style_table,
    summary_table,
    terms_table,
    to_html,
)

COMPLIANCE_COLUMNS = [
    "term",
    "unit_id",
    "unit_name",
    "level",
    "body",
    "total",
    "female",
    "target_id",
    "document",
    "rule",
    "threshold",
    "share",
    "status",
    "gap_pp",
    "seats_needed",
    "seats_needed_if_grow",
    "note",
]


def _row(unit, name, level, body, total, female, target, rule, status, needed, grow=None):
    document = target.split(":")[0]
    threshold = {"≥ 15%": 0.15, "≥ 1 nữ": float("nan")}.get(rule, float("nan"))
    share = female / total if total else float("nan")
    return (
        "2015-2020",
        unit,
        name,
        level,
        body,
        total,
        female,
        target,
        document,
        rule,
        threshold,
        share,
        status,
        float("nan") if needed is None else 0.0,
        needed,
        needed if grow is None else grow,
        "",
    )


def _compliance(rows):
    frame = pd.DataFrame(rows, columns=COMPLIANCE_COLUMNS)
    return frame.astype(
        {
            "total": "int64",
            "female": "int64",
            "seats_needed": "Int64",
            "seats_needed_if_grow": "Int64",
        }
    )


@pytest.fixture
def compliance():
    # Districts: 9/45 = 20 % met; 4/33 = 12.12 % below, ceil(0.15·33) - 4 = 1 woman needed;
    # 10/40 = 25 % met.  Agency: 2/20 = 10 % below, 3 - 2 = 1 needed.  Standing committee of A
    # has no woman: below, 1 needed.
    return _compliance(
        [
            _row(
                "A",
                "Huyện A",
                "district",
                "party_committee",
                45,
                9,
                "36-CT/TW:a",
                "≥ 15%",
                "met",
                0,
            ),
            _row(
                "B",
                "Huyện B",
                "district",
                "party_committee",
                33,
                4,
                "36-CT/TW:a",
                "≥ 15%",
                "below",
                1,
            ),
            _row(
                "C",
                "Huyện C",
                "district",
                "party_committee",
                40,
                10,
                "36-CT/TW:a",
                "≥ 15%",
                "met",
                0,
            ),
            _row(
                "S",
                "Sở Tài chính",
                "agency",
                "party_committee",
                20,
                2,
                "36-CT/TW:a",
                "≥ 15%",
                "below",
                1,
            ),
            _row(
                "A",
                "Huyện A",
                "district",
                "standing_committee",
                9,
                0,
                "36-CT/TW:b",
                "≥ 1 nữ",
                "below",
                1,
            ),
        ]
    )


# --- format_share ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ((9, 45), {}, "20,0%"),
        (Fraction(17, 135), {}, "12,6%"),  # 12.5925... rounds up
        (Fraction(17, 135), {"rounding": "truncate"}, "12,5%"),  # as once published
        ((13, 55), {"digits": 2}, "23,64%"),  # 23.6363...
        ((13, 55), {"digits": 2, "lang": "en"}, "23.64%"),
        ((132, 494), {"digits": 2}, "26,72%"),  # National Assembly XIV after credentials
        (Fraction(1, 8), {"digits": 0}, "13%"),  # 12.5 exactly: half up
        (Fraction(1, 8), {"digits": 0, "rounding": "truncate"}, "12%"),
        (0.1255, {}, "12,6%"),  # the float 0.1255 is a hair below; its decimal is meant
        (0.351, {"lang": "en"}, "35.1%"),
        (Decimal("0.35"), {}, "35,0%"),
        (1, {}, "100,0%"),
        ((0, 0), {}, "–"),
        (float("nan"), {}, "–"),
        (None, {}, "–"),
        (pd.NA, {}, "–"),
    ],
)
def test_format_share(value, kwargs, expected):
    assert format_share(value, **kwargs) == expected


def test_format_share_rejects_bad_options():
    with pytest.raises(ValueError, match=r"Got rounding='bankers'\. Must be one of"):
        format_share(0.5, rounding="bankers")
    with pytest.raises(ValueError, match=r"Got lang='fr'\. Must be one of"):
        format_share(0.5, lang="fr")
    with pytest.raises(ValueError, match=r"Got digits=-1"):
        format_share(0.5, digits=-1)
    with pytest.raises(TypeError, match="A share must be"):
        format_share("35%")


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (10, {}, "+10,0"),
        (Fraction(-2), {"lang": "en"}, "-2.0"),
        (0.0, {}, "0,0"),
        (-0.04, {}, "0,0"),  # rounds to zero: no sign
        (Fraction(50, 9), {}, "+5,6"),  # 5.555...
        (Fraction(50, 9), {"rounding": "truncate"}, "+5,5"),
        (float("nan"), {}, "–"),
    ],
)
def test_format_points(value, kwargs, expected):
    assert format_points(value, **kwargs) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=2000).flatmap(
        lambda t: st.tuples(st.integers(min_value=0, max_value=t), st.just(t))
    )
)
def test_rounding_and_truncation_differ_by_at_most_one_unit(pair):
    female, total = pair
    rounded = format_share(pair, digits=2)
    cut = format_share(pair, digits=2, rounding="truncate")
    as_number = lambda s: Fraction(s.rstrip("%").replace(",", "."))  # noqa: E731
    exact = Fraction(100 * female, total)
    assert as_number(cut) <= exact < as_number(cut) + Fraction(1, 100)
    assert abs(as_number(rounded) - exact) <= Fraction(1, 200)
    assert as_number(rounded) - as_number(cut) in (0, Fraction(1, 100))


# --- indicator_table ------------------------------------------------------------------------


def test_indicator_table_vietnamese(compliance):
    table = indicator_table(compliance)
    assert list(table.columns) == [
        "Đơn vị",
        "Cơ quan",
        "Tổng số",
        "Nữ",
        "Tỷ lệ (%)",
        "Chỉ tiêu",
        "Đánh giá",
        "Số nữ còn thiếu",
    ]
    assert table["Đơn vị"].tolist() == ["Huyện A", "Huyện B", "Huyện C", "Sở Tài chính", "Huyện A"]
    assert table["Cơ quan"].tolist() == ["Ban Chấp hành (cấp ủy)"] * 4 + ["Ban Thường vụ"]
    assert table["Tổng số"].tolist() == [45, 33, 40, 20, 9]
    assert table["Nữ"].tolist() == [9, 4, 10, 2, 0]
    assert table["Tỷ lệ (%)"].tolist() == ["20,0%", "12,1%", "25,0%", "10,0%", "0,0%"]
    assert table["Chỉ tiêu"].tolist() == ["≥ 15%"] * 4 + ["≥ 1 nữ"]
    assert table["Đánh giá"].tolist() == ["Đạt", "Chưa đạt", "Đạt", "Chưa đạt", "Chưa đạt"]
    assert table["Số nữ còn thiếu"].tolist() == [0, 1, 0, 1, 1]


def test_indicator_table_english_and_truncation(compliance):
    table = indicator_table(compliance, lang="en", rounding="truncate", digits=2)
    assert list(table.columns) == [
        "Unit",
        "Body",
        "Total",
        "Women",
        "Share (%)",
        "Target",
        "Status",
        "Women still needed",
    ]
    assert table["Body"].iloc[0] == "Party committee"
    assert table["Share (%)"].iloc[1] == "12.12%"  # 12.1212...
    assert table["Status"].tolist()[:2] == ["Met", "Below target"]


def test_indicator_table_other_statuses_and_missing_needs():
    frame = _compliance(
        [
            _row(
                "A",
                "A",
                "district",
                "party_committee",
                0,
                0,
                "36-CT/TW:a",
                "≥ 15%",
                "no_data",
                None,
            ),
            _row(
                "B",
                "B",
                "district",
                "peoples_council",
                50,
                21,
                "11-NQ/TW:b",
                "35–40%",
                "above_range",
                0,
            ),
            _row(
                "C",
                "C",
                "district",
                "party_committee",
                3,
                0,
                "36-CT/TW:a",
                "≥ 15%",
                "not_applicable",
                None,
            ),
        ]
    )
    table = indicator_table(frame)
    assert table["Đánh giá"].tolist() == ["Không có số liệu", "Vượt khoảng", "Không áp dụng"]
    assert table["Tỷ lệ (%)"].tolist() == ["–", "42,0%", "0,0%"]
    assert pd.isna(table["Số nữ còn thiếu"].iloc[0])
    # Two documents: the target names its document.
    assert table["Chỉ tiêu"].iloc[1] == "35–40% (11-NQ/TW)"


def test_indicator_table_several_terms_gets_a_term_column(compliance):
    later = compliance.assign(term="2020-2025")
    both = pd.concat([compliance, later], ignore_index=True)
    table = indicator_table(both)
    assert table.columns[0] == "Nhiệm kỳ"
    assert len(table) == 10
    only = indicator_table(both, term="2020-2025")
    assert "Nhiệm kỳ" not in only.columns and len(only) == 5


def test_indicator_table_names_missing_columns(compliance):
    with pytest.raises(KeyError, match=r"needs the columns \['status'\]"):
        indicator_table(compliance.drop(columns="status"))


# --- summary_table --------------------------------------------------------------------------


def test_summary_table_levels_and_province(compliance):
    table = summary_table(compliance)
    assert list(table.columns) == [
        "Cấp",
        "Cơ quan",
        "Chỉ tiêu",
        "Kết quả",
        "Tổng số",
        "Nữ",
        "Tỷ lệ (%)",
        "Số nữ còn thiếu",
        "Đánh giá",
    ]
    party = table[table["Cơ quan"] == "Ban Chấp hành (cấp ủy)"]
    assert party["Cấp"].tolist() == ["Cấp huyện", "Sở, ban, ngành", "Toàn tỉnh"]
    assert party["Kết quả"].tolist() == ["2/3 huyện đạt", "0/1 đơn vị đạt", "2/4 đơn vị đạt"]
    # Pooled: districts 23 women of 118 = 19.49 %, while the mean of 20 %, 12.12 % and 25 % is
    # 19.04 %.
    assert party["Nữ"].tolist() == [23, 2, 25]
    assert party["Tổng số"].tolist() == [118, 20, 138]
    assert party["Tỷ lệ (%)"].tolist() == ["19,5%", "10,0%", "18,1%"]  # 25/138 = 18.115...
    assert format_share(sum([0.2, 4 / 33, 0.25]) / 3) != "19,5%"
    assert party["Số nữ còn thiếu"].tolist() == [1, 1, 2]
    # Each row's verdict comes from its units, not its pooled share: 2/3 districts and 2/4 units
    # meet ≥ 15 %, so neither row is met although the pooled 19,5 % and 18,1 % exceed 15 %.
    assert party["Đánh giá"].tolist() == ["Chưa đạt", "Chưa đạt", "Chưa đạt"]
    standing = table[table["Cơ quan"] == "Ban Thường vụ"]
    assert standing["Kết quả"].tolist() == ["0/1 huyện đạt", "0/1 đơn vị đạt"]
    assert standing["Đánh giá"].tolist() == ["Chưa đạt", "Chưa đạt"]


def test_summary_table_english_leaves_out_units_not_assessed():
    frame = _compliance(
        [
            _row("A", "A", "commune", "party_committee", 15, 3, "36-CT/TW:a", "≥ 15%", "met", 0),
            _row(
                "B",
                "B",
                "commune",
                "party_committee",
                3,
                0,
                "36-CT/TW:a",
                "≥ 15%",
                "not_applicable",
                None,
            ),
            _row(
                "C", "C", "commune", "party_committee", 0, 0, "36-CT/TW:a", "≥ 15%", "no_data", None
            ),
        ]
    )
    table = summary_table(frame, lang="en")
    assert table["Level"].tolist() == ["Commune", "Province-wide"]
    assert "Units meeting" not in table.columns  # "1/1" was said twice
    assert table["Status"].tolist() == ["Met", "Met"]
    assert table["Result"].iloc[0] == "1/1 communes meet the target"
    assert table["Share (%)"].tolist() == ["16.7%", "16.7%"]  # 3 / 18


# --- terms_table ----------------------------------------------------------------------------


def test_terms_table_changes_in_points_within_a_body():
    counts = pd.DataFrame(
        {
            "term": ["2020-2025", "2015-2020", "2016-2021"],
            "unit_id": ["A"] * 3,
            "unit_name": ["Huyện A"] * 3,
            "level": ["district"] * 3,
            "body": ["party_committee", "party_committee", "peoples_council"],
            "total": [45, 40, 50],
            "female": [7, 4, 15],
        }
    )
    table = terms_table(counts)
    assert list(table.columns) == [
        "Đơn vị",
        "Cơ quan",
        "Nhiệm kỳ",
        "Tổng số",
        "Nữ",
        "Tỷ lệ (%)",
        "So với nhiệm kỳ",
        "Thay đổi (điểm %)",
    ]
    assert table["Nhiệm kỳ"].tolist() == ["2015-2020", "2020-2025", "2016-2021"]
    assert table["Tỷ lệ (%)"].tolist() == ["10,0%", "15,6%", "30,0%"]  # 7/45 = 15.555...
    # 15.555... - 10 = 5.555... -> +5,6; the council's first term is not compared with a party term
    assert table["Thay đổi (điểm %)"].tolist() == ["–", "+5,6", "–"]
    assert table["So với nhiệm kỳ"].tolist() == ["–", "2015-2020", "–"]
    english = terms_table(counts, lang="en")
    assert english["Change (points)"].iloc[1] == "+5.6"


# --- style_table, to_html -------------------------------------------------------------------


def _css(styler):
    return styler.set_uuid("t").to_html().split("</style>")[0]


def test_style_table_highlights_rows_below_target(compliance):
    css = _css(style_table(indicator_table(compliance)))
    assert "#FFC7CE" in css
    for row in (1, 3, 4):
        assert f"#T_t_row{row}_col0" in css
    for row in (0, 2):
        assert f"#T_t_row{row}_col0" not in css


def test_style_table_summary_colours_rows_by_their_own_verdict(compliance):
    # Rows are coloured by their own verdict, which comes from their units (a pooled 18,1 % with
    # units below 15 % is not met): every row here is below, so every row is pink.
    table = summary_table(compliance, lang="en")
    below = "Below target"
    # Since the pooled-row fix: districts (2/3 met) and province (2/4) are below too.
    assert table["Status"].tolist() == [below, below, below, below, below]
    css = _css(style_table(table, highlight="#FF0000"))
    assert "#FF0000" in css
    pink = [r for r in range(len(table)) if f"#T_t_row{r}_col0" in css]
    assert pink == [0, 1, 2, 3, 4]


def test_to_html_keeps_labels_and_caption(compliance):
    html = to_html(indicator_table(compliance), caption="Bảng 2. Tỷ lệ nữ", table_id="b2")
    assert "<caption>Bảng 2. Tỷ lệ nữ</caption>" in html
    assert "Số nữ còn thiếu" in html and "Chưa đạt" in html and "20,0%" in html
    assert 'id="T_b2"' in html
    assert '<th class="blank' not in html  # index hidden


@pytest.mark.parametrize(
    "func",
    [
        lambda c: indicator_table(c),
        lambda c: summary_table(c, lang="en"),
        lambda c: style_table(indicator_table(c)).to_html(),
    ],
)
def test_tables_do_not_mutate_compliance(func, compliance):
    before = compliance.copy(deep=True)
    func(compliance)
    pd.testing.assert_frame_equal(compliance, before)


def test_groups_where_no_unit_is_assessed_are_left_out(compliance):
    other_term = compliance.assign(
        term="2020-2025", status="not_applicable", seats_needed=pd.NA, seats_needed_if_grow=pd.NA
    ).astype({"seats_needed": "Int64", "seats_needed_if_grow": "Int64"})
    both = pd.concat([compliance, other_term], ignore_index=True)
    assert "Nhiệm kỳ" not in summary_table(both).columns
    assert summary_table(both).equals(summary_table(compliance))
    assert indicator_table(both).equals(indicator_table(compliance))
    # Nothing applicable at all: shown as it is rather than an empty table.
    assert indicator_table(other_term)["Đánh giá"].unique().tolist() == ["Không áp dụng"]


def test_terms_table_keeps_unit_order_and_body_order():
    counts = pd.DataFrame(
        {
            "term": ["2015-2020", "2015-2020", "2015-2020", "2010-2015"],
            "unit_id": ["Z", "Z", "A", "Z"],
            "unit_name": ["Huyện Z", "Huyện Z", "Huyện A", "Huyện Z"],
            "level": ["district"] * 4,
            "body": ["key_posts", "party_committee", "party_committee", "party_committee"],
            "total": [8, 40, 30, 35],
            "female": [2, 8, 6, 7],
        }
    )
    table = terms_table(counts)
    assert table[["Đơn vị", "Cơ quan", "Nhiệm kỳ"]].values.tolist() == [
        ["Huyện Z", "Ban Chấp hành (cấp ủy)", "2010-2015"],
        ["Huyện Z", "Ban Chấp hành (cấp ủy)", "2015-2020"],
        ["Huyện Z", "Chức danh chủ chốt", "2015-2020"],
        ["Huyện A", "Ban Chấp hành (cấp ủy)", "2015-2020"],
    ]
    assert table["Thay đổi (điểm %)"].tolist() == ["–", "0,0", "–", "–"]  # 7/35 = 8/40 = 20 %


def test_a_target_on_another_group_counts_that_group():
    # Directive 35-CT/TW (2019): under-40s at least 10 %.  Committee of 40 with 3 under 40:
    # 7.5 %, below; 12 women do not count for this target.
    frame = _compliance(
        [
            _row(
                "A",
                "Huyện A",
                "district",
                "party_committee",
                40,
                12,
                "35-CT/TW-2019:c",
                "≥ 10%",
                "below",
                1,
            )
        ]
    ).assign(numerator="under_40", under_40=3)
    needed = "Số còn thiếu (nữ hoặc nhóm ở cột Chỉ tiêu)"
    table = indicator_table(frame)
    assert "Nữ" not in table.columns and "Số nữ còn thiếu" not in table.columns
    assert table["Số thuộc nhóm"].tolist() == [3]
    assert table["Tỷ lệ (%)"].tolist() == ["7,5%"]
    assert table["Chỉ tiêu"].tolist() == ["≥ 10% [thành viên dưới 40 tuổi]"]
    assert table[needed].tolist() == [1]  # one more member under 40, not one more woman
    # the summary pools the group's count (3 under 40), never under the heading of women
    summary = summary_table(frame)
    assert "Nữ" not in summary.columns and "Số nữ còn thiếu" not in summary.columns
    assert summary["Số thuộc nhóm"].tolist() == [3, 3]
    assert summary[needed].tolist() == [1, 1]
    assert summary["Chỉ tiêu"].tolist() == ["≥ 10% [thành viên dưới 40 tuổi]"] * 2
    english = shortfalls_table(frame, lang="en")
    assert english["Target"].tolist() == ["≥ 10% [members under 40]"]
    assert english["Still needed (women or the target's group)"].tolist() == [1]
    assert "Women still needed" not in english.columns


def test_tables_of_women_targets_keep_the_women_headings():
    frame = _compliance(
        [
            _row(
                "A",
                "Huyện A",
                "district",
                "party_committee",
                40,
                5,
                "36-CT/TW:a",
                "≥ 15%",
                "below",
                1,
            )
        ]
    )
    for table in (indicator_table(frame), summary_table(frame), shortfalls_table(frame)):
        assert "Nữ" in table.columns and "Số nữ còn thiếu" in table.columns
        assert "Số thuộc nhóm" not in table.columns


# Issue 11: above range meets the target; nothing assessed is never "0/0" or "0,0%"


def test_summary_table_counts_above_range_as_meeting_shown_distinctly():
    from gender_stats.compliance import check

    counts = pd.DataFrame(
        {
            "term": ["2016-2021"] * 3,
            "unit_id": ["P", "Q", "R"],
            "unit_name": ["Huyện P", "Huyện Q", "Huyện R"],
            "level": ["district"] * 3,
            "body": ["peoples_council"] * 3,
            "total": [20, 20, 20],
            "female": [6, 7, 9],  # 30 % below, 35 % met, 45 % above 35-40 %
        }
    )
    table = summary_table(check(counts, "11-NQ/TW:b"))
    # 22/60 = 36,7 % pooled is within 35–40 %, but Huyện P (30 %) is below: not met.
    assert table["Đánh giá"].tolist() == ["Chưa đạt", "Chưa đạt"]
    assert table["Kết quả"].tolist() == [
        "2/3 huyện đạt (1 vượt khoảng)",
        "2/3 đơn vị đạt (1 vượt khoảng)",
    ]
    english = summary_table(check(counts, "11-NQ/TW:b"), lang="en")
    assert english["Result"].iloc[0].endswith("(1 above range)")


def test_summary_table_without_a_trained_column_shows_no_share():
    from gender_stats.compliance import NothingAssessedWarning, check

    counts = pd.DataFrame(
        {
            "term": ["2015-2020"],
            "unit_id": ["TH"],
            "unit_name": ["Tỉnh Thanh Hóa"],
            "level": ["province"],
            "body": ["women_advancement_committee"],
            "total": [12],
            "female": [7],
        }
    )
    with pytest.warns(NothingAssessedWarning, match="no trained column"):
        out = check(counts)
    table = summary_table(out)
    assert "0,0%" not in table["Tỷ lệ (%)"].tolist()
    assert set(table["Tỷ lệ (%)"]) == {"–"}
    assert set(table["Đánh giá"]) == {"–"}  # no verdict from nothing
    assert set(table["Kết quả"]) == {"không đánh giá được"}


# Issue 15.2: shortfalls as a table; 15.5: numbers for export; 15.7: several provinces


def test_shortfalls_table_grouped_by_body_worst_first(compliance):
    table = shortfalls_table(compliance)
    assert list(table.columns) == [
        "Cơ quan",
        "Đơn vị",
        "Chỉ tiêu",
        "Nữ",
        "Tổng số",
        "Tỷ lệ (%)",
        "Số nữ còn thiếu",
    ]
    # Party committee: B 4/33 = 12,1 % and S 2/20 = 10,0 % both need 1: the lower share first.
    assert table["Đơn vị"].tolist() == ["Sở Tài chính", "Huyện B", "Huyện A"]
    assert table["Cơ quan"].tolist() == ["Ban Chấp hành (cấp ủy)"] * 2 + ["Ban Thường vụ"]
    assert table["Tỷ lệ (%)"].tolist() == ["10,0%", "12,1%", "0,0%"]
    assert table["Số nữ còn thiếu"].tolist() == [1, 1, 1]
    english = shortfalls_table(compliance, lang="en")
    assert english["Body"].iloc[2] == "Standing committee"
    assert english["Women still needed"].tolist() == [1, 1, 1]


def test_shortfalls_table_puts_the_most_needed_first_and_is_empty_when_all_meet(compliance):
    frame = compliance.copy()
    frame.loc[1, ["female", "seats_needed"]] = [1, 4]  # B: 1/33, 4 women needed
    table = shortfalls_table(frame)
    assert table["Đơn vị"].tolist()[:2] == ["Huyện B", "Sở Tài chính"]
    met = compliance[compliance["status"] == "met"]
    empty = shortfalls_table(met)
    assert len(empty) == 0 and "Số nữ còn thiếu" in empty.columns


def test_indicator_table_numeric_shares_for_export(compliance):
    table = indicator_table(compliance, numeric=True)
    assert table["Tỷ lệ (%)"].dtype == "float64"
    # 9/45, 4/33, 10/40, 2/20, 0/9
    assert table["Tỷ lệ (%)"].tolist() == pytest.approx([20.0, 400 / 33, 25.0, 10.0, 0.0])
    assert table["Nữ"].tolist() == [9, 4, 10, 2, 0]
    with pytest.raises(TypeError, match="numeric must be a bool"):
        indicator_table(compliance, numeric="yes")


def _two_provinces():
    # Province P: districts 3/10 (met) and 1/10 (below, 1 needed); province Q: 2/10 (met).
    # Pooled into one row they would read 6/30 = 20,0 %, "2/3"; by province: 4/20 = 20,0 %
    # "1/2" for P and 2/10 = 20,0 % "1/1" for Q.
    rows = [
        _row(
            "P1", "Huyện P1", "district", "party_committee", 10, 3, "36-CT/TW:a", "≥ 15%", "met", 0
        ),
        _row(
            "P2",
            "Huyện P2",
            "district",
            "party_committee",
            10,
            1,
            "36-CT/TW:a",
            "≥ 15%",
            "below",
            1,
        ),
        _row(
            "Q1", "Huyện Q1", "district", "party_committee", 10, 2, "36-CT/TW:a", "≥ 15%", "met", 0
        ),
    ]
    return _compliance(rows).assign(province=["P", "P", "Q"])


def test_summary_table_by_province_never_pools_two_provinces():
    table = summary_table(_two_provinces(), by="province")
    assert table["Tỉnh"].tolist() == ["P", "P", "Q", "Q"]
    assert table["Cấp"].tolist() == ["Cấp huyện", "Toàn tỉnh", "Cấp huyện", "Toàn tỉnh"]
    assert table["Kết quả"].tolist() == [
        "1/2 huyện đạt",
        "1/2 đơn vị đạt",
        "1/1 huyện đạt",
        "1/1 đơn vị đạt",
    ]
    assert table["Nữ"].tolist() == [4, 4, 2, 2]
    assert table["Tổng số"].tolist() == [20, 20, 10, 10]
    assert table["Số nữ còn thiếu"].tolist() == [1, 1, 0, 0]
    # Without by=, a province column with two provinces is the scope all the same.
    assert summary_table(_two_provinces()).equals(table)
    one = _two_provinces().assign(province="P")
    assert summary_table(one)["Kết quả"].tolist() == ["2/3 huyện đạt", "2/3 đơn vị đạt"]
    english = summary_table(_two_provinces(), by="province", lang="en")
    assert english["Province"].tolist() == ["P", "P", "Q", "Q"]
    assert english["Level"].tolist()[1] == "Province-wide"


def test_summary_table_by_a_missing_column_or_not_a_name_is_an_error():
    with pytest.raises(KeyError, match=r"needs the columns \['region'\]"):
        summary_table(_two_provinces(), by="region")
    with pytest.raises(TypeError, match="by must be a column name"):
        summary_table(_two_provinces(), by=["province"])


def test_english_tables_write_rules_in_english(compliance):
    table = indicator_table(compliance, lang="en")
    assert table["Target"].tolist()[-1] == "≥ 1 woman"
    summary = summary_table(compliance, lang="en")
    assert summary["Target"].tolist()[-1] == "≥ 1 woman"
    assert shortfalls_table(compliance, lang="en")["Target"].tolist()[-1] == "≥ 1 woman"
    assert indicator_table(compliance)["Chỉ tiêu"].tolist()[-1] == "≥ 1 nữ"


def test_style_table_groups_counts_by_thousands_in_the_table_language():
    table = pd.DataFrame({"Đơn vị": ["A"], "Tổng số": [1299], "Nữ": [198]})
    assert ">1.299<" in style_table(table).to_html()
    english = pd.DataFrame({"Unit": ["A"], "Total": [1299], "Women": [198]})
    assert ">1,299<" in style_table(english).to_html()


def _gappy_compliance() -> pd.DataFrame:
    import gender_stats as gs

    counts = gappy_counts()
    return gs.check(counts, "36-CT/TW")


def test_indicator_table_keeps_whole_counts_when_some_are_missing():
    table = indicator_table(_gappy_compliance())
    for column in ("Tổng số", "Nữ", "Số nữ còn thiếu"):
        assert table[column].dtype == "Int64", column  # 40, not 40.0
    assert table["Tổng số"].tolist()[0::2] == [40, 30] and pd.isna(table["Tổng số"].iloc[1])
    assert table["Nữ"].tolist()[:2] == [6, 3] and pd.isna(table["Nữ"].iloc[2])


def test_summary_pools_members_and_women_of_the_same_units():
    # only Huyện A has both counts: 6 of 40, never 9 women (A + B) over 70 members (A + C)
    summary = summary_table(_gappy_compliance())
    assert summary["Tổng số"].tolist() == [40, 40]
    assert summary["Nữ"].tolist() == [6, 6]
    assert summary["Tỷ lệ (%)"].tolist() == ["15,0%", "15,0%"]
