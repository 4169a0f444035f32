"""A unit that meets every target assessed but lacks the data for another is not called compliant.

35-CT/TW (2019) c (under-40 members ≥ 10 %) needs an ``under_40`` column; without it, a unit that
meets a and b meets "every target assessed", and the headline says that many units are so.
"""

from __future__ import annotations

import pandas as pd

from gender_stats.cli import main
from gender_stats.outputs.report import summary_numbers


def test_summary_numbers_count_the_met_units_with_a_target_unassessed():
    compliance = pd.DataFrame(
        {
            "term": ["2020-2025"] * 5,
            "unit_id": ["A", "A", "B", "B", "C"],
            "unit_name": ["Huyện A", "Huyện A", "Huyện B", "Huyện B", "Huyện C"],
            "body": ["party_committee"] * 5,
            "status": ["met", "no_data", "met", "met", "below"],
            "seats_needed": pd.array([0, pd.NA, 0, 0, 2], dtype="Int64"),
        }
    )
    numbers = summary_numbers(compliance)
    # A and B meet every check assessed; A lacks the data for one more; C is below
    assert (numbers["n_units"], numbers["n_units_met"], numbers["n_units_met_unassessed"]) == (
        3,
        2,
        1,
    )


def test_the_report_line_says_which_met_units_lack_data(tmp_path, capsys):
    path = tmp_path / "bc.csv"
    path.write_text(
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"
        "2020-2025,Huyện Quan Hóa,huyện,BCH,40,8\n"  # 20 % ≥ 15 %: a met, c no data
        "2020-2025,Huyện Quan Sơn,huyện,BCH,40,5\n",  # 12.5 %: a below (1 woman short)
        encoding="utf-8",
    )
    code = main(["report", str(path), "--out", str(tmp_path / "out"), "-q", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert (
        "1/2 units meet every target (1 of them meeting every target assessed but lacking the "
        "data for another); 1 below target" in out
    )
    page = (tmp_path / "out").glob("*.html")
    text = next(page).read_text(encoding="utf-8")
    assert "1 of them meeting every target assessed but lacking the data for another" in text


def _key_leaders(n_with: int, n: int = 10):
    """28/NQ-CP:2025 rows: ``n`` communes, ``n_with`` of them with a woman key leader."""
    return pd.DataFrame(
        {
            "term": ["2020-2025"] * n,
            "unit_id": [f"X{k}" for k in range(n)],
            "unit_name": [f"Xã {k}" for k in range(n)],
            "body": ["key_posts"] * n,
            "target_id": ["28/NQ-CP:2025"] * n,
            "status": ["met"] * n_with + ["below"] * (n - n_with),
            "seats_needed": pd.array([0] * n_with + [1] * (n - n_with), dtype="Int64"),
        }
    )


def test_a_met_share_of_units_target_leaves_no_unit_below_it():
    # 7 of 10 communes have a woman key leader: 70 % ≥ 60 %, the target is met
    numbers = summary_numbers(_key_leaders(7))
    assert (numbers["n_units"], numbers["n_units_met"], numbers["units_below"]) == (10, 10, ())
    assert numbers["women_needed"] == 0


def test_a_share_of_units_target_below_its_share_keeps_its_units_below():
    # 5 of 10: 50 % < 60 %; the 5 without a woman key leader are where one is still needed
    numbers = summary_numbers(_key_leaders(5))
    assert numbers["n_units_met"] == 5
    assert numbers["units_below"] == tuple(f"Xã {k}" for k in range(5, 10))
