"""The report on share-of-units targets and on two targets of one rule: every output agrees.

Hand-worked: 10 districts' key posts (5 posts each).  2010-2015: 6 have a woman; 2351/QĐ-TTg:2
asks 80 % of the districts, 8, so 2 more (any 2 of the 4 without).  2020-2025: 8 have a woman;
28/NQ-CP asks 60 %: met, and no unit is below it.
"""

from __future__ import annotations

import html
import re
import warnings

import pandas as pd
import pytest

import gender_stats as gs

TARGETS = ["2351/QĐ-TTg:2-2015", "28/NQ-CP:2025"]


def _key_posts() -> pd.DataFrame:
    rows = []
    for i in range(10):
        for term, with_woman in (("2010-2015", 6), ("2020-2025", 8)):
            rows.append(
                {
                    "term": term, "unit_id": f"H{i}", "unit_name": f"Huyện {chr(65 + i)}",
                    "level": "district", "body": "key_posts", "total": 5,
                    "female": int(i < with_woman),
                }
            )  # fmt: skip
    return pd.DataFrame(rows)


def _text(report: gs.Report) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", report.to_html())).split())


@pytest.fixture(scope="module")
def report() -> gs.Report:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return gs.build_report(_key_posts(), targets=TARGETS)


def test_the_headline_says_what_a_share_target_needs_in_units(report):
    assert report.share_targets_short == (("2010-2015", "2351/QĐ-TTg:2-2015", 2),)
    assert report.women_needed == 0  # no unit target here: the share's need is in units
    text = _text(report)
    assert "2351/QĐ-TTg:2-2015 cần thêm 2 đơn vị đạt" in text


def test_the_below_list_names_the_candidates_and_how_many_of_them(report):
    text = _text(report)
    assert (
        "cần thêm 2 trong 4 đơn vị sau : Huyện G (1), Huyện H (1), Huyện I (1), Huyện J (1)" in text
    )
    assert "còn thiếu 4 nữ" not in text


def test_a_met_share_target_leaves_no_unit_below_it():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        counts = _key_posts()
        report = gs.build_report(counts[counts["term"] == "2020-2025"], targets=["28/NQ-CP:2025"])
    assert (report.n_units_met, report.n_units, report.women_needed) == (10, 10, 0)
    assert report.units_below == () and report.share_targets_short == ()
    assert "Đơn vị chưa đạt" not in _text(report)


def test_two_targets_of_one_rule_list_each_unit_once():
    # 4 district committees in 2015-2020 of 40, 40, 20, 33 with 6, 6, 3, 5 women: 11-NQ/TW:a
    # and 2351/QĐ-TTg:1 both ask 25 % (10, 10, 5, 9 women): 4 + 4 + 2 + 4 = 14, each unit once
    counts = pd.DataFrame(
        {
            "term": ["2015-2020"] * 4, "unit_id": list("ABCD"),
            "unit_name": [f"Huyện {u}" for u in "ABCD"], "level": ["district"] * 4,
            "body": ["party_committee"] * 4, "total": [40, 40, 20, 33], "female": [6, 6, 3, 5],
        }
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = gs.build_report(counts, targets=["11-NQ/TW:a", "2351/QĐ-TTg:1"])
    text = _text(report)
    assert report.women_needed == 14
    assert "còn thiếu 14 nữ : Huyện A (4), Huyện B (4), Huyện C (2), Huyện D (4)" in text
    assert "còn thiếu 28 nữ" not in text


@pytest.mark.parametrize("by", ["level", "body", "term", "target_id"])
def test_summary_table_by_one_of_its_own_groups_is_a_clear_error(by):
    compliance = gs.check(_key_posts(), targets=TARGETS)
    with pytest.raises(gs.ArgumentError, match=f"by={by!r}"):
        gs.summary_table(compliance, by=by)


def test_the_command_line_report_says_it_too(tmp_path, capsys):
    from gender_stats.cli import main

    path = tmp_path / "kp.csv"
    _key_posts().to_csv(path, index=False)
    code = main(
        ["report", str(path), "--targets", ",".join(TARGETS), "--out", str(tmp_path / "r"), "-q"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "còn thiếu 0 nữ" in out  # no unit target here
    assert "2010-2015 2351/QĐ-TTg:2-2015 cần thêm 2 đơn vị đạt" in out
