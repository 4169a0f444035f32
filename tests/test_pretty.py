"""Issue 15.5: ``gs.pretty`` for notebook displays; readable ``Target`` and rule reprs."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from frames import under_40_counts
from hypothesis import given
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.errors import ArgumentError, ArgumentTypeError
from gender_stats.targets import (
    Conditional,
    Floor,
    Presence,
    Range,
    ShareOfUnits,
    get_targets,
    percent,
)


def _counts() -> pd.DataFrame:
    # A: 367/1045 = 35.119...% -> "35,1%"; B: 4/33 = 12.12% below 15 %, ceil(4.95) - 4 = 1 needed.
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 2,
            "unit_id": ["A", "B"],
            "unit_name": ["Huyện A", "Huyện B"],
            "level": ["district"] * 2,
            "body": ["party_committee"] * 2,
            "total": [1045, 33],
            "female": [367, 4],
        }
    )


def test_pretty_check_frame_in_both_languages():
    out = gs.check(_counts(), "36-CT/TW:a")
    vi = gs.pretty(out)
    assert vi["Tỷ lệ (%)"].tolist() == ["35,1%", "12,1%"]
    assert vi["Tổng số"].tolist() == ["1.045", "33"]
    assert vi["Đánh giá"].tolist() == ["Đạt", "Chưa đạt"]
    assert vi["Cơ quan"].tolist() == ["Ban Chấp hành (cấp ủy)"] * 2
    assert vi["Số nữ còn thiếu"].tolist() == ["0", "1"]
    assert vi["Ngưỡng (%)"].tolist() == ["15,0%", "15,0%"]
    en = gs.pretty(out, "en")
    assert en["Share (%)"].tolist() == ["35.1%", "12.1%"]
    assert en["Total"].tolist() == ["1,045", "33"]
    assert en["Status"].tolist() == ["Met", "Below target"]
    assert en["Level"].tolist() == ["District", "District"]
    # Same rows, same order of columns, every cell a text; the input is unchanged.
    assert list(vi.index) == list(out.index) and len(vi.columns) == len(out.columns)
    assert all(isinstance(v, str) for v in vi.to_numpy().ravel())


def test_pretty_share_is_exact_from_the_counts_not_the_float():
    # 1/8 = 12.5 % exactly: half up gives 13 % at 0 digits; a float 0.125 would too, but
    # 0.145 as a float is 0.14499999...: the counts 29/200 give 14.5 -> "14,5%" at one digit
    # and "15%" at none.
    frame = pd.DataFrame({"female": [29], "total": [200], "share": [0.145]})
    assert gs.pretty(frame, digits=0)["Tỷ lệ (%)"].tolist() == ["15%"]
    assert gs.pretty(frame, digits=0, rounding="truncate")["Tỷ lệ (%)"].tolist() == ["14%"]


def test_pretty_points_years_and_missing_values():
    trend = gs.trend(
        pd.DataFrame(
            {
                "term": ["2015-2020", "2020-2025"],
                "unit_id": ["A", "A"],
                "unit_name": ["Huyện A", "Huyện A"],
                "level": ["district"] * 2,
                "body": ["party_committee"] * 2,
                "total": [40, 45],
                "female": [4, 7],
            }
        ),
        target_share="25%",
        target_year=2030,
    )
    out = gs.pretty(trend)
    # 4/40 = 10 %, 7/45 = 15.56 %: +5.6 points; the first term has no change.
    assert out["Thay đổi (điểm %)"].tolist() == ["–", "+5,6"]
    assert out["Năm mục tiêu"].tolist() == ["2030", "2030"]  # a year, not "2.030"
    assert out["So với nhiệm kỳ"].tolist() == ["–", "2015-2020"]


def test_pretty_pooled_share_and_summarise():
    pooled = gs.pretty(gs.pooled_share(_counts()), "en")
    assert pooled["Share (%)"].tolist() == ["34.4%"]  # 371/1078 = 34.415...
    assert pooled["Units"].tolist() == ["2"]
    summary = gs.pretty(gs.summarise(gs.check(_counts(), "36-CT/TW:a")), "en")
    assert summary["Meeting / assessed"].tolist() == ["1/2"]
    assert summary["Pooled share (%)"].tolist() == ["34.4%"]


def test_pretty_refuses_bad_arguments():
    with pytest.raises(ArgumentError, match=r"pretty\(\) cần một bảng pandas"):
        gs.pretty([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="lang='fr'"):
        gs.pretty(_counts(), "fr")
    with pytest.raises(ValueError, match="rounding='up'"):
        gs.pretty(_counts(), rounding="up")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="digits must be a whole number"):
        gs.pretty(_counts(), digits=1.5)  # type: ignore[arg-type]


def test_pretty_keeps_unknown_columns_and_colours_with_style_table():
    out = gs.check(_counts(), "36-CT/TW:a").assign(extra=["x", None])
    table = gs.pretty(out)
    assert table["extra"].tolist() == ["x", "–"]
    html = gs.style_table(table).set_uuid("p").to_html()
    assert "#T_p_row1_col0" in html and "#T_p_row0_col0" not in html


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_pretty_share_matches_format_share(female, extra):
    total = female + extra
    frame = pd.DataFrame({"female": [female], "total": [total], "share": [female / total]})
    assert gs.pretty(frame)["Tỷ lệ (%)"].iloc[0] == gs.format_share((female, total))


# --- Target and rule reprs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (Floor(percent("15")), 'Floor(percent("15"))'),
        (Floor(percent("35"), strict=True), 'Floor(percent("35"), strict=True)'),
        (Floor(Fraction(1, 3)), "Floor(Fraction(1, 3))"),
        (Range(percent("35"), percent("40")), 'Range(percent("35"), percent("40"))'),
        (Presence(), "Presence()"),
        (Presence(2), "Presence(2)"),
        (Conditional(Presence()), "Conditional(Presence())"),
        (
            ShareOfUnits(Presence(), percent("60")),
            'ShareOfUnits(Presence(), percent("60"))',
        ),
    ],
)
def test_a_rule_repr_is_the_python_that_builds_it(rule, text):
    assert repr(rule) == text
    namespace = {
        "Floor": Floor,
        "Range": Range,
        "Presence": Presence,
        "Conditional": Conditional,
        "ShareOfUnits": ShareOfUnits,
        "percent": percent,
        "Fraction": Fraction,
    }
    assert eval(text, namespace) == rule


def test_every_catalogue_rule_repr_builds_the_same_rule():
    namespace = {
        "Floor": Floor,
        "Range": Range,
        "Presence": Presence,
        "Conditional": Conditional,
        "ShareOfUnits": ShareOfUnits,
        "percent": percent,
        "Fraction": Fraction,
    }
    for target in get_targets():
        assert eval(repr(target.rule), namespace) == target.rule, target.id


def test_target_repr_is_one_readable_line_and_html_a_table():
    target = get_targets("36-CT/TW:a")[0]
    text = repr(target)
    assert text == (
        '<Target 36-CT/TW:a: Floor(percent("15")) on party_committee, 2015-2020 — 36-CT/TW, '
        "2014-05-30, quoted>"
    )
    html = target._repr_html_()
    assert html.startswith("<table") and "36-CT/TW:a" in html
    assert "không dưới 15%" in html  # the clause as quoted
    assert "<script" not in html


def test_pretty_share_of_another_group_keeps_its_own_value():
    # A frame cut from a check that counts under_40: share is 3/10, not female/total = 1/10.
    frame = pd.DataFrame({"total": [10], "female": [1], "under_40": [3], "share": [0.3]})
    assert gs.pretty(frame)["Tỷ lệ (%)"].tolist() == ["30,0%"]
    with_numerator = frame.assign(numerator=["under_40"])
    assert gs.pretty(with_numerator)["Tỷ lệ (%)"].tolist() == ["30,0%"]
    assert gs.pretty(with_numerator, "en")["Group counted"].tolist() == ["under_40"]


def test_pretty_names_the_counted_group_when_a_target_counts_members_under_40():
    counts = under_40_counts()
    out = gs.check(counts, "35-CT/TW-2019")
    vi = gs.pretty(out)
    assert "Số nữ còn thiếu" not in vi.columns and "Dưới 40 tuổi" in vi.columns
    assert "Số còn thiếu (nữ hoặc nhóm ở cột Chỉ tiêu)" in vi.columns
    women = gs.pretty(out[out["numerator"] == "female"], "en")
    assert "Women still needed" in women.columns


def test_pretty_summary_of_an_under_40_target_is_not_headed_as_women():
    counts = under_40_counts()
    summary = gs.summarise(gs.check(counts, "35-CT/TW-2019"), by=["target_id"])
    assert summary["numerator"].tolist() == ["female", "under_40"]
    assert summary["part_all"].tolist() == [9, 7]
    shown = gs.pretty(summary, "en")
    assert "Women (every unit)" not in shown.columns and "Women still needed" not in shown.columns
