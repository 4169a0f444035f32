"""The collection cycle for a reporting period, and training coverage through the cycle.

Founding letter 2458/BVSTBCPN-VX: item 5 (the 6-month report before 05/6, the annual report before
01/12) and item 3b (100 % of the same-level members of the committees for the advancement of women
trained, at least 70 % of the lower levels').  Every expected value is worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.collection import Period, resolve_period
from gender_stats.errors import ArgumentError
from gender_stats.io._templates import group_starts, read_meta

WAC = "women_advancement_committee"

#: A district, a department and two communes of the district.
UNITS = pd.DataFrame(
    {
        "unit_id": ["D1", "A1", "C1", "C2"],
        "unit_name": ["Huyện Quan Hóa", "Sở Y tế", "Xã Hồi Xuân", "Xã Phú Nghiêm"],
        "level": ["district", "agency", "commune", "commune"],
        "kind": ["rural_district", "department", "commune", "commune"],
        "parent_id": [None, None, "D1", "D1"],
    }
)


def fill(
    template: Path, out: Path, values: Mapping[str, tuple[int, ...]], *, sheet: str = "Báo cáo"
) -> Path:
    """Type (total, female[, trained]) per body into a template's input cells and save as out."""
    wb = openpyxl.load_workbook(template)
    meta = read_meta(template)
    assert meta is not None
    ws = wb[sheet]
    for body, first in zip(meta.bodies, group_starts(meta.bodies), strict=True):
        if body not in values:
            continue
        total, female, *trained = values[body]
        ws.cell(7, first, total)
        ws.cell(7, first + 1, female)
        if trained:
            ws.cell(7, first + 3, trained[0])  # after Tổng số | Nữ | Tỷ lệ (%): Đã tập huấn
    wb.save(out)
    return out


# --------------------------------------------------------------------------------------------
# Periods


@pytest.mark.parametrize(
    ("text", "code", "deadline", "quoted"),
    [
        ("2015-H1", "2015-H1", dt.date(2015, 6, 5), True),
        ("2015-Y", "2015-Y", dt.date(2015, 12, 1), True),
        (" 2015-h1 ", "2015-H1", dt.date(2015, 6, 5), True),
        ("2015-6T", "2015-H1", dt.date(2015, 6, 5), True),
        ("H1/2020", "2020-H1", dt.date(2020, 6, 5), False),
        ("6 tháng đầu năm 2026", "2026-H1", dt.date(2026, 6, 5), False),
        ("Báo cáo sơ kết 6 tháng đầu năm 2015", "2015-H1", dt.date(2015, 6, 5), True),
        ("first half of 2021", "2021-H1", dt.date(2021, 6, 5), False),
        ("2026-CN", "2026-Y", dt.date(2026, 12, 1), False),
        ("cả năm 2026", "2026-Y", dt.date(2026, 12, 1), False),
        ("Báo cáo tổng kết năm 2015", "2015-Y", dt.date(2015, 12, 1), True),
        ("annual report 2019", "2019-Y", dt.date(2019, 12, 1), False),
    ],
)
def test_a_period_gives_its_code_and_the_letters_deadline(
    text: str, code: str, deadline: dt.date, quoted: bool
) -> None:
    period = resolve_period(text)
    assert (period.code, period.deadline, period.quoted) == (code, deadline, quoted)
    assert period.deadline_id == ("2458/BVSTBCPN-VX:r6" if code.endswith("H1") else
                                  "2458/BVSTBCPN-VX:r12")  # fmt: skip
    assert resolve_period(period) is period


def test_a_period_in_words() -> None:
    assert resolve_period("2015-H1").label() == "6 tháng đầu năm 2015"
    assert resolve_period("2015-H1").label("en") == "first half of 2015"
    assert resolve_period("2026-Y").label() == "cả năm 2026"
    assert resolve_period("2026-Y").label("en") == "year 2026"


@pytest.mark.parametrize("bad", ["2015", "2015-2020", "H3-2015", "6 tháng", "", 2015, None])
def test_what_is_not_a_period_is_refused_with_a_hint(bad: object) -> None:
    with pytest.raises(ArgumentError, match=r"không phải kỳ báo cáo \(not a reporting period\)"):
        resolve_period(bad)
    with pytest.raises(ArgumentError, match="Hint: '2015-H1'"):
        resolve_period(bad)


def test_a_period_outside_the_term_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match=r"năm 2026 nằm ngoài nhiệm kỳ 2015-2020"):
        gs.make_templates(UNITS, term="2015-2020", period="2026-H1", out_dir=tmp_path)
    with pytest.raises(ArgumentError, match="the period's year is outside the term"):
        gs.collect(tmp_path, units=UNITS, term="2015-2020", period="2026-H1")
    # the term's end year is in it: the 6-month report of 2020 is still in 2015-2020
    assert gs.collect(tmp_path, units=UNITS, term="2015-2020", period="2020-H1").period


def test_templates_of_a_period_carry_it_and_its_deadline(tmp_path: Path) -> None:
    (path,) = gs.make_templates(
        UNITS.iloc[:1], term="2025-2030", period="2026-H1", out_dir=tmp_path / "a"
    )
    meta = read_meta(path)
    assert meta is not None
    assert (meta.term, meta.period, meta.period_label) == (
        "2025-2030",
        "2026-H1",
        "6 tháng đầu năm 2026",
    )
    assert meta.deadline == dt.date(2026, 6, 5)  # the letter's 05/6, in 2026
    wb = openpyxl.load_workbook(path)
    assert wb["Báo cáo"]["A1"].value.endswith("— 6 THÁNG ĐẦU NĂM 2026")
    assert wb["Báo cáo"]["A2"].value == "NHIỆM KỲ 2025 - 2030"
    text = "\n".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    assert "Nhiệm kỳ: 2025-2030 — kỳ báo cáo: 6 tháng đầu năm 2026 (2026-H1)" in text
    assert "Hạn nộp: trước ngày 05/06/2026" in text
    assert "Term: 2025-2030 — reporting period: 2026-H1" in text
    # a deadline given wins over the period's
    (other,) = gs.make_templates(
        UNITS.iloc[:1], term="2025-2030", period="2026-H1", deadline="2026-05-30",
        out_dir=tmp_path / "b",
    )  # fmt: skip
    meta = read_meta(other)
    assert meta is not None
    assert (meta.period, meta.deadline) == ("2026-H1", dt.date(2026, 5, 30))
    # a term template has no period
    (plain,) = gs.make_templates(UNITS.iloc[:1], term="2025-2030", out_dir=tmp_path / "c")
    meta = read_meta(plain)
    assert meta is not None
    assert (meta.period, meta.period_label, meta.deadline) == ("", "", None)


def test_collect_for_a_period_hand_worked(tmp_path: Path) -> None:
    """Period 2026-H1 of term 2025-2030, due before 05/06/2026.

    D1 sends on 04/06 (on time), A1 on 05/06 (the deadline day: 1 day late), C1 sends the
    template of the annual report (another period: a problem), C2 sends nothing.
    """
    units = UNITS
    term, bodies = "2025-2030", ["party_committee"]
    h1 = gs.make_templates(
        units, term=term, period="2026-H1", bodies=bodies, out_dir=tmp_path / "h"
    )
    year = gs.make_templates(
        units, term=term, period="2026-Y", bodies=bodies, out_dir=tmp_path / "y"
    )
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill(h1[0], inbox / "d1.xlsx", {"party_committee": (33, 6)})
    fill(h1[1], inbox / "a1.xlsx", {"party_committee": (9, 2)})
    fill(year[2], inbox / "c1.xlsx", {"party_committee": (15, 4)})
    received = {"d1.xlsx": "2026-06-04", "a1.xlsx": "2026-06-05", "c1.xlsx": "2026-06-01"}
    c = gs.collect(inbox, units=units, term=term, period="2026-H1", received=received)
    assert c.period == resolve_period("2026-H1")
    assert c.deadline == dt.date(2026, 6, 5)  # from the templates, the same as the period's
    got = c.status[["unit_id", "status", "on_time", "days_late", "n_problems", "period"]]
    assert got.astype(object).to_numpy().tolist() == [
        ["D1", "received", True, 0, 0, "2026-H1"],
        ["A1", "received", False, 1, 0, "2026-H1"],
        ["C1", "problems", True, 0, 1, "2026-H1"],
        ["C2", "missing", pd.NA, pd.NA, 0, "2026-H1"],
    ]
    assert "mẫu kỳ báo cáo 2026-Y, đợt thu này là 2026-H1" in c.status.loc[2, "problems"]
    assert c.status["period"].dtype == "string"
    # the counts: the term in force, and the period beside it
    assert c.counts[["term", "period", "unit_id", "total", "female"]].to_numpy().tolist() == [
        ["2025-2030", "2026-H1", "A1", 9, 2],
        ["2025-2030", "2026-H1", "D1", 33, 6],
    ]
    # the consolidated workbook names the period and reads back to the same numbers
    out = gs.write_collection(c, tmp_path / "th.xlsx", units=units)
    ws = openpyxl.load_workbook(out)["Tổng hợp"]
    assert ws["A1"].value.endswith("— 6 THÁNG ĐẦU NĂM 2026")
    back = gs.read_counts(out, sheet="Tổng hợp", units=units)
    assert back[["unit_id", "total", "female"]].to_numpy().tolist() == [
        ["D1", 33, 6],
        ["A1", 9, 2],
    ]


def test_the_period_deadline_is_used_when_nothing_else_says(tmp_path: Path) -> None:
    # a term template (no deadline written) returned into the annual collection of 2015
    (path,) = gs.make_templates(
        UNITS.iloc[:1], term="2015-2020", bodies=["party_committee"], out_dir=tmp_path / "m"
    )
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill(path, inbox / "d1.xlsx", {"party_committee": (33, 6)})
    c = gs.collect(
        inbox, units=UNITS.iloc[:1], term="2015-2020", period="2015-Y",
        received={"d1.xlsx": "2015-12-01"},
    )  # fmt: skip
    assert c.deadline == dt.date(2015, 12, 1)
    assert c.status.loc[0, ["status", "on_time", "days_late"]].tolist() == ["received", False, 1]
    # a deadline given wins
    c = gs.collect(
        inbox, units=UNITS.iloc[:1], term="2015-2020", period="2015-Y", deadline="2015-12-05",
        received={"d1.xlsx": "2015-12-01"},
    )  # fmt: skip
    assert c.status.loc[0, ["on_time", "days_late"]].tolist() == [True, 0]
    # a collection for the term has no period
    c = gs.collect(inbox, units=UNITS.iloc[:1], term="2015-2020")
    assert c.period is None
    assert c.status["period"].isna().all()
    assert "period" not in c.counts.columns


# --------------------------------------------------------------------------------------------
# Training coverage through the cycle (letter item 3b: 100 % same level, 70 % lower levels)

#: What each unit types for its committee for the advancement of women (total, women, trained):
#: D1 15/15 trained (100 %: met); A1 11/12 (91.7 % < 100 %: one more to train);
#: C1 7/10 (70 %: met, the floor is ≥ 70 %); C2 6/9 (66.7 % < 70 %: ⌈0.7 × 9⌉ = 7, one more).
TYPED = {"D1": (15, 9, 15), "A1": (12, 8, 11), "C1": (10, 6, 7), "C2": (9, 5, 6)}


def _filled_training_returns(tmp_path: Path) -> Path:
    paths = gs.make_templates(
        UNITS, term="2015-2020", period="2015-Y", bodies=[WAC], out_dir=tmp_path / "mau"
    )
    inbox = tmp_path / "in"
    inbox.mkdir()
    for path, uid in zip(paths, UNITS["unit_id"], strict=True):
        fill(path, inbox / f"{uid}.xlsx", {WAC: TYPED[uid]})
    return inbox


def test_training_template_has_the_trained_column(tmp_path: Path) -> None:
    (path,) = gs.make_templates(UNITS.iloc[:1], term="2015-2020", bodies=[WAC], out_dir=tmp_path)
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    assert [ws.cell(6, c).value for c in range(3, 7)] == [
        "Tổng số",
        "Nữ",
        "Tỷ lệ (%)",
        "Đã tập huấn",
    ]
    assert [ws[c].protection.locked for c in ("C7", "D7", "E7", "F7")] == [
        False,
        False,
        True,
        False,
    ]
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert rules["F7"] == "AND(ISNUMBER(F7),F7=INT(F7),F7>=0,F7<=N(C7))"
    help_text = [str(c.value) for c in openpyxl.load_workbook(path)["Hướng dẫn"]["A"] if c.value]
    assert (
        "6. Ban vì sự tiến bộ của phụ nữ (Ban VSTBCPN): ghi cả số thành viên đã được tập huấn, "
        "bồi dưỡng ở cột Đã tập huấn (không lớn hơn Tổng số)."
    ) in help_text
    assert any(t.startswith("6. ") and "members trained" in t for t in help_text)


def test_training_round_trip_equals_checking_the_typed_numbers(tmp_path: Path) -> None:
    c = gs.collect(
        _filled_training_returns(tmp_path), units=UNITS, term="2015-2020", period="2015-Y"
    )
    assert (c.status["status"] == "received").all()
    got = c.counts[["unit_id", "total", "female", "trained"]].astype(object).to_numpy().tolist()
    assert got == [[uid, *TYPED[uid]] for uid in ["A1", "C1", "C2", "D1"]]
    assert c.counts["trained"].dtype == "Int64"
    verdict = gs.check(c.counts, "2458/BVSTBCPN-VX")
    # :a applies to the district and the department, :b to the communes; the rest not applicable
    assert (verdict["status"] == "not_applicable").sum() == 4
    judged = verdict[verdict["status"] != "not_applicable"]
    columns = ["unit_id", "target_id", "numerator", "status", "seats_needed"]
    assert judged[columns].to_numpy().tolist() == [
        ["A1", "2458/BVSTBCPN-VX:a", "trained", "below", 1],
        ["D1", "2458/BVSTBCPN-VX:a", "trained", "met", 0],
        ["C1", "2458/BVSTBCPN-VX:b", "trained", "met", 0],
        ["C2", "2458/BVSTBCPN-VX:b", "trained", "below", 1],
    ]
    # the same numbers typed straight into a counts frame give the same verdicts
    direct = pd.DataFrame(
        {
            "term": "2015-2020",
            "unit_id": list(TYPED),
            "unit_name": UNITS["unit_name"],
            "level": UNITS["level"],
            "body": WAC,
            "total": [t for t, _, _ in TYPED.values()],
            "female": [f for _, f, _ in TYPED.values()],
            "trained": [g for _, _, g in TYPED.values()],
        }
    )
    expected = gs.check(direct, "2458/BVSTBCPN-VX")
    key = ["unit_id", "target_id"]
    compared = [*columns, "total", "share"]
    pd.testing.assert_frame_equal(
        verdict[compared].sort_values(key).reset_index(drop=True),
        expected[compared].sort_values(key).reset_index(drop=True),
    )


def test_training_totals_in_the_consolidated_workbook(tmp_path: Path) -> None:
    c = gs.collect(
        _filled_training_returns(tmp_path), units=UNITS, term="2015-2020", period="2015-Y"
    )
    out = gs.write_collection(c, tmp_path / "th.xlsx", units=UNITS)
    ws = openpyxl.load_workbook(out)["Tổng hợp"]
    assert ws["A1"].value.endswith("— CẢ NĂM 2015")
    # Tổng cộng: 15 + 12 + 10 + 9 = 46 members, 9 + 8 + 6 + 5 = 28 women (60.9 %),
    # 15 + 11 + 7 + 6 = 39 trained
    assert [ws.cell(ws.max_row - 2, col).value for col in range(2, 7)] == [  # then the note
        "Tổng cộng",
        46,
        28,
        60.9,
        39,
    ]
    # the communes' subtotal: 19 members, 11 women (57.9 %), 13 trained
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    r = rows["Cộng khối xã"]
    assert [ws.cell(r, col).value for col in range(3, 7)] == [19, 11, 57.9, 13]


def test_period_is_a_dataclass_value() -> None:
    assert resolve_period("2015-H1") == Period(
        year=2015,
        kind="H1",
        deadline=dt.date(2015, 6, 5),
        deadline_id="2458/BVSTBCPN-VX:r6",
        quoted=True,
    )


def test_a_compiled_workbook_with_a_trained_column_is_read_by_name(tmp_path: Path) -> None:
    # the consolidated workbook sent back as one compiled file (no template metadata): its
    # "Đã tập huấn" column is read into trained, every unit matched by its name
    c = gs.collect(
        _filled_training_returns(tmp_path), units=UNITS, term="2015-2020", period="2015-Y"
    )
    out = gs.write_collection(c, tmp_path / "th.xlsx", units=UNITS)
    wb = openpyxl.load_workbook(out)
    for name in wb.sheetnames[1:]:
        del wb[name]
    inbox = tmp_path / "again"
    inbox.mkdir()
    wb.save(inbox / "tong hop cac don vi.xlsx")
    again = gs.collect(inbox, units=UNITS, term="2015-2020", period="2015-Y")
    assert again.status[["unit_id", "status", "match"]].to_numpy().tolist() == [
        ["D1", "received", "name"],
        ["A1", "received", "name"],
        ["C1", "received", "name"],
        ["C2", "received", "name"],
    ]
    cols = ["unit_id", "total", "female", "trained"]
    assert again.counts[cols].astype(object).to_numpy().tolist() == (
        c.counts[cols].astype(object).to_numpy().tolist()
    )


def test_a_catalogue_deadline_of_another_year_than_the_term_gives_no_period(
    tmp_path: Path,
) -> None:
    # the 2015 annual deadline on a 2020-2025 template: the deadline is written, no period
    (path,) = gs.make_templates(
        UNITS.iloc[:1], term="2020-2025", deadline="2458/BVSTBCPN-VX:r12", out_dir=tmp_path
    )
    meta = read_meta(path)
    assert meta is not None
    assert (meta.period, meta.deadline) == ("", dt.date(2015, 12, 1))


@settings(max_examples=80, deadline=None)
@given(st.integers(1990, 2099), st.sampled_from(["H1", "Y"]), st.sampled_from(["vi", "en"]))
def test_a_period_reads_back_from_its_code_and_its_words(year: int, kind: str, lang: str) -> None:
    period = resolve_period(f"{year}-{kind}")
    assert period.deadline == (dt.date(year, 6, 5) if kind == "H1" else dt.date(year, 12, 1))
    assert period.quoted == (year == 2015)
    assert resolve_period(period.code) == period
    assert resolve_period(period.label(lang)) == period  # type: ignore[arg-type]
