"""The collection cycle: templates out, returns in, status, corrections, consolidated workbook."""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Mapping
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gender_stats as gs
from gender_stats.collection import (
    CHANGE_COLUMNS,
    STATUS_COLUMNS,
    STATUS_SHEET,
    resolve_deadline,
)
from gender_stats.errors import ArgumentError
from gender_stats.io._counts import HiddenDataWarning
from gender_stats.io._templates import META_SHEET, read_meta
from gender_stats.outputs.collection import compiled_note
from gender_stats.outputs.plots_collection import returns_over_time

TERM = "2015-2020"
BODIES = ["party_committee", "standing_committee"]

#: A tiny units table (two units named "Quan ...": a file name may name both).
UNITS = pd.DataFrame(
    {
        "unit_id": ["U1", "U2", "U3", "U4", "U5", "U6"],
        "unit_name": [
            "Huyện Quan Hóa",
            "Huyện Quan Sơn",
            "Huyện Bá Thước",
            "Sở Y tế",
            "Sở Nội vụ",
            "Huyện Nga Sơn",
        ],
        "level": ["district", "district", "district", "agency", "agency", "district"],
        "kind": ["rural_district"] * 3 + ["department"] * 2 + ["rural_district"],
        "parent_id": [None] * 6,
        "aliases": ["Huyện Quan Hoá", None, None, None, None, "Nga Sơn"],
        "contact": ["qh@x.vn", "qs@x.vn", "bt@x.vn", "syt@x.vn", "snv@x.vn", "ns@x.vn"],
    }
)


def fill(
    template: Path,
    out: Path,
    values: Mapping[str, tuple[object, object]],
    *,
    sheet: str = "Báo cáo",
    when: dt.datetime | None = None,
) -> Path:
    """Type numbers into a template's input cells (row 7), as a unit would, and save as ``out``."""
    wb = openpyxl.load_workbook(template)
    bodies = read_meta(template).bodies  # type: ignore[union-attr]
    ws = wb[sheet]
    for i, body in enumerate(bodies):
        if body in values:
            total, female = values[body]
            ws.cell(7, 3 + 3 * i, total)
            ws.cell(7, 4 + 3 * i, female)
    wb.save(out)
    if when is not None:
        os.utime(out, (when.timestamp(), when.timestamp()))
    return out


@pytest.fixture
def templates(tmp_path: Path) -> dict[str, Path]:
    paths = gs.make_templates(
        UNITS, term=TERM, bodies=BODIES, out_dir=tmp_path / "mau", deadline="2015-12-01"
    )
    return {p.stem.removeprefix("bao_cao_"): p for p in paths}


# --------------------------------------------------------------------------------------------
# Templates out


def test_template_has_validations_protection_and_metadata(templates: dict[str, Path]) -> None:
    assert sorted(templates) == ["U1", "U2", "U3", "U4", "U5", "U6"]
    wb = openpyxl.load_workbook(templates["U1"])
    assert wb.sheetnames == ["Báo cáo", "Hướng dẫn", META_SHEET]
    assert wb.security is not None and wb.security.lockStructure
    ws = wb["Báo cáo"]
    assert ws["A2"].value == "NHIỆM KỲ 2015 - 2020"
    assert [ws.cell(5, c).value for c in (1, 2, 3, 6)] == [
        "STT",
        "Đơn vị",
        "Ban Chấp hành (cấp ủy)",
        "Ban Thường vụ",
    ]
    assert [ws.cell(6, c).value for c in range(3, 9)] == ["Tổng số", "Nữ", "Tỷ lệ (%)"] * 2
    assert ws["B7"].value == "Huyện Quan Hóa"
    # the share is a formula; the structure is locked, only the inputs are not
    assert ws["E7"].value == '=IF(N(C7)>0,ROUND(D7/C7*100,1),"")'
    assert ws.protection.sheet
    assert [ws[c].protection.locked for c in ("C7", "D7", "F7", "G7")] == [False] * 4
    assert [ws[c].protection.locked for c in ("A7", "B7", "E7", "H7", "C5")] == [True] * 5
    # whole numbers >= 0 for the totals; a custom rule Nữ <= Tổng số, with Vietnamese messages
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"C7", "D7", "F7", "G7"}
    total, female = rules["C7"], rules["D7"]
    assert (total.type, total.operator, total.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert female.type == "custom"
    assert female.formula1 == "AND(ISNUMBER(D7),D7=INT(D7),D7>=0,D7<=N(C7))"
    assert rules["G7"].formula1 == "AND(ISNUMBER(G7),G7=INT(G7),G7>=0,G7<=N(F7))"
    assert female.showInputMessage and female.showErrorMessage
    assert female.prompt is not None and "không lớn hơn Tổng số" in female.prompt
    # metadata, very hidden: unit id, template version, term
    meta = wb[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert [c.value for c in meta[1]][:2] == ["gender_stats template", "1"]
    assert [c.value for c in meta[2]][:2] == ["term", TERM]
    assert [c.value for c in meta[7]] == ["Báo cáo", "U1", "Huyện Quan Hóa", "district"]
    # instructions with the deadline
    text = "\n".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    assert "Hạn nộp: trước ngày 01/12/2015" in text
    assert "Due before: 01/12/2015" in text


def test_read_meta_survives_a_rename(templates: dict[str, Path], tmp_path: Path) -> None:
    renamed = templates["U4"].rename(tmp_path / "so y te gui lai (1).xlsx")
    meta = read_meta(renamed)
    assert meta is not None
    assert (meta.version, meta.term, meta.bodies) == ("1", TERM, tuple(BODIES))
    assert meta.deadline == dt.date(2015, 12, 1)
    assert meta.sheets == (("Báo cáo", "U4", "Sở Y tế", "agency"),)
    assert read_meta(tmp_path / "nothing.csv") is None


def test_filled_template_reads_back_exactly(templates: dict[str, Path], tmp_path: Path) -> None:
    path = fill(
        templates["U1"],
        tmp_path / "u1.xlsx",
        {"party_committee": (39, 5), "standing_committee": (13, 2)},
    )
    counts = gs.read_counts(path, sheet="Báo cáo", units=UNITS)
    got = counts[["term", "unit_id", "level", "body", "total", "female"]].to_numpy().tolist()
    assert got == [
        [TERM, "U1", "district", "party_committee", 39, 5],
        [TERM, "U1", "district", "standing_committee", 13, 2],
    ]


def test_reading_a_template_without_sheet_passes_the_metadata_over(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    path = fill(templates["U1"], tmp_path / "u1.xlsx", {"party_committee": (39, 5)})
    with warnings.catch_warnings():
        warnings.simplefilter("error", HiddenDataWarning)  # the template's own metadata: no warning
        counts = gs.read_counts(path, units=UNITS)
    assert counts[["body", "total", "female"]].to_numpy().tolist() == [["party_committee", 39, 5]]


def test_one_workbook_with_a_sheet_per_unit(tmp_path: Path) -> None:
    (path,) = gs.make_templates(
        UNITS.iloc[:2], term=TERM, bodies=["party_committee"], out_dir=tmp_path, one_workbook=True
    )
    assert path.name == "mau_bao_cao.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Huyện Quan Hóa", "Huyện Quan Sơn", "Hướng dẫn", META_SHEET]
    wb["Huyện Quan Hóa"]["C7"], wb["Huyện Quan Hóa"]["D7"] = 30, 6
    wb["Huyện Quan Sơn"]["C7"], wb["Huyện Quan Sơn"]["D7"] = 25, 3
    returned = tmp_path / "in" / "tong.xlsx"
    returned.parent.mkdir()
    wb.save(returned)
    c = gs.collect(returned.parent, units=UNITS.iloc[:2], term=TERM)
    assert c.status[["unit_id", "status", "match"]].to_numpy().tolist() == [
        ["U1", "received", "metadata"],
        ["U2", "received", "metadata"],
    ]
    assert c.counts[["unit_id", "total", "female"]].to_numpy().tolist() == [
        ["U1", 30, 6],
        ["U2", 25, 3],
    ]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"bodies": ["party"]}, "'party' không phải mã cơ quan"),
        ({"bodies": []}, "no body"),
        ({"bodies": ["key_posts", "key_posts"]}, "a body given twice"),
        ({"deadline": "hôm qua"}, "deadline='hôm qua' không phải ngày"),
        ({"lang": "fr"}, "lang='fr'"),
        ({"term": "2015"}, "Nhiệm kỳ không hợp lệ"),
    ],
)
def test_make_templates_refuses_bad_arguments(
    tmp_path: Path, kwargs: dict[str, object], match: str
) -> None:
    options: dict[str, object] = {"term": TERM, "out_dir": tmp_path, **kwargs}
    with pytest.raises(gs.GenderStatsError, match=match):
        gs.make_templates(UNITS, **options)  # type: ignore[arg-type]


def test_deadlines_from_the_catalogue_or_arguments() -> None:
    assert resolve_deadline("2458/BVSTBCPN-VX:r6") == (
        dt.date(2015, 6, 5),
        "Báo cáo sơ kết 6 tháng đầu năm",
    )
    assert resolve_deadline("2458/BVSTBCPN-VX:r12")[0] == dt.date(2015, 12, 1)
    assert resolve_deadline(dt.datetime(2015, 6, 5, 17, 0)) == (dt.date(2015, 6, 5), "")
    assert resolve_deadline(None) == (None, "")
    with pytest.raises(ArgumentError, match="2458/BVSTBCPN-VX:r12"):
        resolve_deadline(20151201)


def test_period_from_the_catalogue_deadline_is_written(tmp_path: Path) -> None:
    (path,) = gs.make_templates(
        UNITS.iloc[:1], term=TERM, out_dir=tmp_path, deadline="2458/BVSTBCPN-VX:r6"
    )
    meta = read_meta(path)
    assert meta is not None
    # the 6-month report's deadline id stands for its period: the first half of 2015
    assert (meta.period, meta.deadline) == ("2015-H1", dt.date(2015, 6, 5))
    assert meta.period_label == "6 tháng đầu năm 2015"
    assert meta.bodies == ("party_committee", "standing_committee", "key_posts")


# --------------------------------------------------------------------------------------------
# Returns in: a folder worked by hand


@pytest.fixture
def folder(templates: dict[str, Path], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Returns of the six units, worked by hand (deadline: before 01/12/2015).

    U1 on time (20/11); U2 renamed, on the deadline day (late by 1 day); U3 nothing; U4 Nữ > Tổng
    số (a problem), on time; U5 twice (21/11, corrected 28/11: Nữ 3 → 4); U6 a CSV of its own,
    late (03/12); plus a CSV naming an unknown unit, a damaged workbook whose file name names two
    units (ambiguous), and a text file.
    """
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    fill(templates["U1"], inbox / "bao_cao_U1.xlsx", {"party_committee": (39, 5)})
    fill(templates["U2"], inbox / "QS gui ban VSTBPN.xlsx", {"party_committee": (31, 4)})
    fill(templates["U4"], inbox / "bao_cao_U4.xlsx", {"party_committee": (5, 7)})
    fill(templates["U5"], inbox / "snv lan 1.xlsx", {"party_committee": (21, 3)})
    fill(templates["U5"], inbox / "snv lan 2.xlsx", {"party_committee": (21, 4)})
    (inbox / "nga_son.csv").write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n2015-2020,Huyện Nga Sơn,BCH,33,6\n", encoding="utf-8"
    )
    (inbox / "khac.csv").write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n2015-2020,Huyện Không Có,BCH,30,3\n", encoding="utf-8"
    )
    (inbox / "Quan Hoa va Quan Son.xlsx").write_bytes(b"PK not a workbook")
    (inbox / "ghi chu.txt").write_text("Gọi lại Sở Y tế.\n", encoding="utf-8")
    received = {
        "bao_cao_U1.xlsx": "2015-11-20",
        "QS gui ban VSTBPN.xlsx": "2015-12-01",
        "bao_cao_U4.xlsx": "2015-11-25",
        "snv lan 1.xlsx": "2015-11-21",
        "snv lan 2.xlsx": "2015-11-28",
        "nga_son.csv": "2015-12-03",
        "khac.csv": "2015-11-22",
        "Quan Hoa va Quan Son.xlsx": "2015-11-23",
        "ghi chu.txt": "2015-11-24",
    }
    return inbox, received


def test_collect_gives_the_hand_worked_status(folder: tuple[Path, dict[str, str]]) -> None:
    inbox, received = folder
    c = gs.collect(inbox, units=UNITS, term=TERM, received=received)
    assert c.deadline == dt.date(2015, 12, 1)  # from the templates
    s = c.status
    assert list(s.columns) == [*STATUS_COLUMNS, "contact"]
    got = s.iloc[:6][["unit_id", "status", "file", "on_time", "days_late", "n_files", "n_problems"]]
    assert got.astype(object).where(got.notna(), None).to_numpy().tolist() == [
        ["U1", "received", "bao_cao_U1.xlsx", True, 0, 1, 0],
        ["U2", "received", "QS gui ban VSTBPN.xlsx", False, 1, 1, 0],
        ["U3", "missing", "", None, None, 0, 0],
        ["U4", "problems", "bao_cao_U4.xlsx", True, 0, 1, 1],
        ["U5", "received", "snv lan 2.xlsx", True, 0, 2, 0],
        ["U6", "received", "nga_son.csv", False, 3, 1, 0],
    ]
    others = s.iloc[6:][["file", "status", "match", "n_problems"]].to_numpy().tolist()
    assert others == [
        ["Quan Hoa va Quan Son.xlsx", "ambiguous", "ambiguous", 1],
        ["ghi chu.txt", "not_a_report", "none", 0],
        ["khac.csv", "unmatched", "none", 1],
    ]
    row = s.set_index("file")
    assert row.at["QS gui ban VSTBPN.xlsx", "match"] == "metadata"  # renamed, still matched
    assert row.at["nga_son.csv", "match"] == "name"
    assert "số nữ không vượt tổng số 5" in row.at["bao_cao_U4.xlsx", "problems"]
    assert "Huyện Không Có" in row.at["khac.csv", "problems"]
    assert row.at["Quan Hoa va Quan Son.xlsx", "problems"].startswith(
        '"Quan Hoa va Quan Son.xlsx" có thể là (may be) U1, U2; '
    )
    assert "một tệp bảng tính mở được" in row.at["Quan Hoa va Quan Son.xlsx", "problems"]
    assert row.at["snv lan 2.xlsx", "other_files"] == "snv lan 1.xlsx"
    assert row.at["snv lan 2.xlsx", "duplicates"].startswith(
        "2 tệp, dùng snv lan 2.xlsx — mới nhất không lỗi (the latest without problems)"
    )
    assert row.at["bao_cao_U1.xlsx", "contact"] == "qh@x.vn"
    # nothing skipped: every file of the folder is in the status
    named = set(s["file"]) | {f for x in s["other_files"] if x for f in x.split("; ")}
    assert {p.name for p in inbox.iterdir()} <= named
    # the consolidated counts hold the files used, and only those
    assert c.counts[["unit_id", "body", "total", "female"]].to_numpy().tolist() == [
        ["U1", "party_committee", 39, 5],
        ["U2", "party_committee", 31, 4],
        ["U5", "party_committee", 21, 4],
        ["U6", "party_committee", 33, 6],
    ]
    # the correction, cell by cell
    assert c.changes[list(CHANGE_COLUMNS)].astype(object).to_numpy().tolist() == [
        ["U5", "snv lan 1.xlsx", "snv lan 2.xlsx", TERM, "party_committee", "female", 3, 4, 1]
    ]
    files = c.files.set_index("file")
    assert files["used"].to_dict() == {
        "QS gui ban VSTBPN.xlsx": True,
        "bao_cao_U1.xlsx": True,
        "bao_cao_U4.xlsx": False,
        "ghi chu.txt": False,
        "khac.csv": False,
        "nga_son.csv": True,
        "snv lan 1.xlsx": False,
        "snv lan 2.xlsx": True,
        "Quan Hoa va Quan Son.xlsx": False,
    }
    assert files.at["ghi chu.txt", "kind"] == "not_a_report"


def test_reminders_list_missing_problems_and_late_with_contact(
    folder: tuple[Path, dict[str, str]],
) -> None:
    inbox, received = folder
    c = gs.collect(inbox, units=UNITS, term=TERM, received=received)
    got = gs.reminders(c)[["unit_id", "reason", "days_late", "contact"]]
    # U1 and U5 sent on time but left the standing committee's group blank: to confirm
    assert got.astype(object).where(got.notna(), None).to_numpy().tolist() == [
        ["U1", "blank_bodies", 0, "qh@x.vn"],
        ["U2", "late", 1, "qs@x.vn"],
        ["U3", "missing", None, "bt@x.vn"],
        ["U4", "problems", 0, "syt@x.vn"],
        ["U5", "blank_bodies", 0, "snv@x.vn"],
        ["U6", "late", 3, "ns@x.vn"],
    ]


def test_deadline_argument_wins_and_none_gives_no_verdict(
    folder: tuple[Path, dict[str, str]],
) -> None:
    inbox, received = folder
    early = gs.collect(inbox, units=UNITS, term=TERM, received=received, deadline="2015-11-21")
    assert early.status["on_time"].iloc[:2].tolist() == [True, False]
    for item in inbox.iterdir():
        if item.suffix == ".xlsx":
            item.unlink()
    c = gs.collect(inbox, units=UNITS, term=TERM, received={"nga_son.csv": "2015-12-03"})
    assert c.deadline is None
    assert c.status.loc[5, "on_time"] is pd.NA


def test_file_time_is_used_without_a_recorded_date(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    when = dt.datetime(2015, 12, 2, 8, 30)
    fill(templates["U1"], inbox / "a.xlsx", {"party_committee": (10, 2)}, when=when)
    c = gs.collect(inbox, units=UNITS.iloc[:1], term=TERM)
    assert c.status.loc[0, "received"] == pd.Timestamp(when)
    assert c.status.loc[0, ["on_time", "days_late"]].tolist() == [False, 2]


def test_a_later_file_with_problems_does_not_replace_a_good_one(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill(templates["U1"], inbox / "v1.xlsx", {"party_committee": (10, 2)})
    fill(templates["U1"], inbox / "v2.xlsx", {"party_committee": (10, 12)})
    c = gs.collect(
        inbox,
        units=UNITS.iloc[:1],
        term=TERM,
        received={"v1.xlsx": "2015-11-01", "v2.xlsx": "2015-11-02"},
    )
    row = c.status.iloc[0]
    assert (row["status"], row["file"], row["other_files"]) == ("received", "v1.xlsx", "v2.xlsx")
    assert "v2.xlsx: có lỗi, không dùng (has problems: not used)" in row["duplicates"]
    assert c.changes.empty


def test_a_template_of_another_term_is_a_problem(tmp_path: Path) -> None:
    (path,) = gs.make_templates(
        UNITS.iloc[:1], term="2020-2025", bodies=["party_committee"], out_dir=tmp_path / "m"
    )
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill(path, inbox / "a.xlsx", {"party_committee": (10, 2)})
    c = gs.collect(inbox, units=UNITS.iloc[:1], term=TERM)
    row = c.status.iloc[0]
    assert (row["status"], row["n_problems"]) == ("problems", 1)
    assert "mẫu nhiệm kỳ 2020-2025, đợt thu này là 2015-2020" in row["problems"]


def test_an_empty_template_sent_back_is_a_problem(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill(templates["U1"], inbox / "trong.xlsx", {})
    c = gs.collect(inbox, units=UNITS.iloc[:1], term=TERM)
    assert c.status.loc[0, ["status", "n_problems"]].tolist() == ["problems", 1]
    assert "ít nhất một dòng số liệu" in c.status.loc[0, "problems"]
    assert c.counts.empty


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"received": {"khong_co.xlsx": "2015-11-01"}}, "'khong_co.xlsx' không có trong các tệp"),
        ({"received": {"a.csv": "ngày 3"}}, r"received\['a.csv'\] = 'ngày 3'"),
        ({"deadline": "r12"}, "deadline='r12'"),
    ],
)
def test_collect_refuses_bad_arguments(
    tmp_path: Path, kwargs: dict[str, object], match: str
) -> None:
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match=match):
        gs.collect(tmp_path, units=UNITS, term=TERM, **kwargs)  # type: ignore[arg-type]


def test_collect_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match="không phải thư mục hay tệp"):
        gs.collect(tmp_path / "khong_co", units=UNITS, term=TERM)


def test_collect_does_not_mutate_the_units(folder: tuple[Path, dict[str, str]]) -> None:
    inbox, received = folder
    before = UNITS.copy()
    gs.collect(inbox, units=UNITS, term=TERM, received=dict(received))
    pd.testing.assert_frame_equal(UNITS, before)


# --------------------------------------------------------------------------------------------
# Round trip: templates -> filled -> collect -> check


def test_round_trip_equals_checking_the_filled_numbers(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    typed = {
        "U1": {"party_committee": (39, 5), "standing_committee": (13, 1)},
        "U2": {"party_committee": (31, 3), "standing_committee": (11, 0)},
        "U3": {"party_committee": (35, 6), "standing_committee": (12, 2)},
        "U4": {"party_committee": (9, 1)},
        "U5": {"party_committee": (11, 2), "standing_committee": (5, 1)},
        "U6": {"party_committee": (33, 4), "standing_committee": (13, 1)},
    }
    inbox = tmp_path / "in"
    inbox.mkdir()
    for uid, values in typed.items():
        fill(templates[uid], inbox / f"{uid}.xlsx", values)
    c = gs.collect(inbox, units=UNITS, term=TERM)
    assert (c.status["status"] == "received").all()
    table = UNITS.set_index("unit_id")
    direct = pd.DataFrame(
        [
            {
                "term": TERM,
                "unit_id": uid,
                "unit_name": table.at[uid, "unit_name"],
                "level": table.at[uid, "level"],
                "kind": table.at[uid, "kind"],
                "body": body,
                "total": total,
                "female": female,
            }
            for uid, values in typed.items()
            for body, (total, female) in values.items()
        ]
    )
    key = ["unit_id", "body", "target_id", "status", "share", "seats_needed"]
    got = gs.check(c.counts).sort_values(["unit_id", "body", "target_id"])[key]
    want = gs.check(direct).sort_values(["unit_id", "body", "target_id"])[key]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
    # hand-worked: 36-CT/TW:a (≥ 15 %) on party committees: U3 6/35 = 17.1 % met, U1 5/39 below
    pc = got[got["target_id"] == "36-CT/TW:a"].set_index("unit_id")["status"].to_dict()
    assert pc == {
        "U1": "below",
        "U2": "below",
        "U3": "met",
        "U4": "below",
        "U5": "met",
        "U6": "below",
    }


# --------------------------------------------------------------------------------------------
# Corrections, outputs


def test_diff_counts_cell_by_cell() -> None:
    before = pd.DataFrame(
        {
            "term": [TERM] * 3,
            "unit_id": ["U1"] * 3,
            "body": ["party_committee", "standing_committee", "key_posts"],
            "total": [39, 13, 5],
            "female": [5, 2, 1],
        }
    )
    after = pd.DataFrame(
        {
            "term": [TERM] * 3,
            "unit_id": ["U1"] * 3,
            "body": ["party_committee", "standing_committee", "peoples_council"],
            "total": [40, 13, 50],
            "female": [5, 3, 12],
        }
    )
    got = gs.diff_counts(before, after)
    rows = got.astype(object).where(got.notna(), None).to_numpy().tolist()
    assert rows == [
        ["U1", TERM, "key_posts", "total", 5, None, None],
        ["U1", TERM, "key_posts", "female", 1, None, None],
        ["U1", TERM, "party_committee", "total", 39, 40, 1],
        ["U1", TERM, "peoples_council", "total", None, 50, None],
        ["U1", TERM, "peoples_council", "female", None, 12, None],
        ["U1", TERM, "standing_committee", "female", 2, 3, 1],
    ]
    assert gs.diff_counts(before, before).empty


#: The folder's note: 4 of the 6 units compiled; U3 sent nothing, U4 only a file with a problem.
NOTE_LEAVES_OUT = (
    "Ghi chú: số liệu tổng hợp gồm 4/6 đơn vị; các dòng Cộng và Tổng cộng không gồm 2 đơn vị: "
    "Huyện Bá Thước (chưa nộp), Sở Y tế (có lỗi)."
)


def test_write_collection_reads_back_with_sections_and_totals(
    folder: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    inbox, received = folder
    c = gs.collect(inbox, units=UNITS, term=TERM, received=received)
    out = gs.write_collection(c, tmp_path / "tong_hop.xlsx", units=UNITS)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tổng hợp", STATUS_SHEET, "Nhắc nộp", "Thay đổi"]
    ws = wb["Tổng hợp"]
    column_b = [ws.cell(r, 2).value for r in range(7, ws.max_row - 1)]
    assert column_b == [
        "Khối huyện",
        "Huyện Quan Hóa",
        "Huyện Quan Sơn",
        "Huyện Nga Sơn",
        "Cộng khối huyện",
        "Khối sở, ban, ngành",
        "Sở Nội vụ",
        "Cộng khối sở, ban, ngành",
        "Tổng cộng",
    ]
    # total row: 39 + 31 + 33 + 21 = 124 members, 5 + 4 + 6 + 4 = 19 women, 15.3 %
    assert [ws.cell(ws.max_row - 2, c).value for c in (3, 4, 5)] == [124, 19, 15.3]
    # under it, after a blank row, the note naming the unit the sums leave out
    assert ws.cell(ws.max_row - 1, 2).value is None
    assert ws.cell(ws.max_row, 2).value == NOTE_LEAVES_OUT
    back = gs.read_counts(out, sheet="Tổng hợp", units=UNITS)  # totals checked: no warning
    cols = ["unit_id", "body", "total", "female"]
    pd.testing.assert_frame_equal(
        back[cols].sort_values(cols).reset_index(drop=True),
        c.counts[cols].sort_values(cols).reset_index(drop=True),
    )
    status = wb[STATUS_SHEET]
    assert [cell.value for cell in status[1]][:4] == ["ID", "Đơn vị", "Tình trạng", "Tệp"]
    assert status.max_row == 1 + len(c.status)
    assert [status.cell(2, 6).value, status.cell(3, 6).value] == ["đúng hạn", "muộn"]


def test_write_collection_adds_the_status_to_an_existing_report(
    folder: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    inbox, received = folder
    c = gs.collect(inbox, units=UNITS, term=TERM, received=received)
    report = tmp_path / "report.xlsx"
    openpyxl.Workbook().save(report)
    gs.write_collection(c, tmp_path / "th.xlsx", add_to=report)
    assert STATUS_SHEET in openpyxl.load_workbook(report).sheetnames


def test_write_collection_in_english_labels_the_status_and_the_note(
    folder: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    inbox, received = folder
    c = gs.collect(inbox, units=UNITS, term=TERM, received=received)
    wb = openpyxl.load_workbook(gs.write_collection(c, tmp_path / "th.xlsx", lang="en"))
    ws = wb["Tổng hợp"]
    assert ws.cell(ws.max_row, 2).value == (
        "Note: the figures cover 4 of 6 units; the subtotals and the total leave out 2: "
        "Huyện Bá Thước (missing), Sở Y tế (with problems)."
    )
    reasons = {row[1]: row[2] for row in wb["Nhắc nộp"].iter_rows(min_row=2, values_only=True)}
    # U2 arrived on the deadline day (late), U3 nothing, U4 a problem, U6 late (03/12)
    # U1 and U5 on time, the standing committee's group left blank
    assert reasons == {
        "Huyện Quan Hóa": "bodies left blank (confirm none)",
        "Sở Nội vụ": "bodies left blank (confirm none)",
        "Huyện Quan Sơn": "late",
        "Huyện Bá Thước": "missing",
        "Sở Y tế": "with problems",
        "Huyện Nga Sơn": "late",
    }
    assert [cell.value for cell in wb["Nhắc nộp"][1]] == [
        "ID", "Unit", "Reminder for", "Days late", "Problem details", "Bodies left blank",
        "Contact",
    ]  # fmt: skip
    # the note is a note to the reader: the consolidated sheet reads back to the same counts
    back = gs.read_counts(tmp_path / "th.xlsx", sheet="Tổng hợp", units=UNITS)
    assert int(back["total"].sum()) == int(c.counts["total"].sum())


def test_note_names_ten_units_then_counts_the_rest(tmp_path: Path) -> None:
    units = pd.DataFrame(
        {
            "unit_id": [f"X{k:02d}" for k in range(12)],
            "unit_name": [f"Xã Số {k}" for k in range(12)],
            "level": ["commune"] * 12,
            "kind": ["commune"] * 12,
        }
    )
    c = gs.collect(tmp_path, units=units, term=TERM)
    note = compiled_note(c)
    assert note.startswith("Ghi chú: số liệu tổng hợp gồm 0/12 đơn vị;")
    assert "Xã Số 9 (chưa nộp) và 2 đơn vị khác" in note and "Xã Số 10" not in note


def test_write_collection_refuses_nothing_to_consolidate(tmp_path: Path) -> None:
    c = gs.collect(tmp_path, units=UNITS, term=TERM)
    assert (c.status["status"] == "missing").all()
    with pytest.raises(ArgumentError, match="no usable counts"):
        gs.write_collection(c, tmp_path / "x.xlsx")


def test_returns_over_time_and_chart(folder: tuple[Path, dict[str, str]]) -> None:
    inbox, received = folder
    c = gs.collect(inbox, units=UNITS, term=TERM, received=received)
    days = returns_over_time(c.status)
    # U1 20/11, U5 28/11 (file used), U4 25/11, U2 01/12, U6 03/12; U3 missing
    assert days.astype(str).to_numpy().tolist() == [
        ["2015-11-20", "1", "1"],
        ["2015-11-25", "1", "2"],
        ["2015-11-28", "1", "3"],
        ["2015-12-01", "1", "4"],
        ["2015-12-03", "1", "5"],
    ]
    fig, given = plt.subplots()
    ax = gs.plot_returns(c.status, deadline=c.deadline, ax=given)
    assert ax is given
    lines = ax.get_lines()
    assert list(lines[0].get_ydata()) == [1, 2, 3, 4, 5]
    assert list(lines[1].get_ydata()) == [6, 6]  # the units expected
    deadline_x = matplotlib.dates.date2num(dt.datetime(2015, 12, 1))
    assert list(lines[2].get_xdata()) == [deadline_x, deadline_x]
    assert ax.get_legend() is not None
    plt.close(fig)


def test_plot_returns_refuses_a_frame_without_status_columns() -> None:
    with pytest.raises(ArgumentError, match="status thiếu cột 'received'"):
        gs.plot_returns(pd.DataFrame({"unit_id": ["A"]}))


# --------------------------------------------------------------------------------------------
# Training coverage (founding letter §3): the same cycle carries ``trained``


def test_training_coverage_is_collected_and_checked(tmp_path: Path) -> None:
    units = UNITS.iloc[[0, 3]]  # a district and a department: the 100 % target applies
    paths = gs.make_templates(
        units,
        term=TERM,
        bodies=["party_committee", "women_advancement_committee"],
        out_dir=tmp_path / "mau",
    )
    wb = openpyxl.load_workbook(paths[0])
    ws = wb["Báo cáo"]
    assert [ws.cell(6, c).value for c in range(6, 10)] == [
        "Tổng số",
        "Nữ",
        "Tỷ lệ (%)",
        "Đã tập huấn",
    ]
    assert ws["I7"].protection.locked is False
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert rules["I7"] == "AND(ISNUMBER(I7),I7=INT(I7),I7>=0,I7<=N(F7))"
    inbox = tmp_path / "in"
    inbox.mkdir()
    # U1: 15 members, 9 women, 15 trained (100 %: met); U4: 12 members, 8 women, 10 trained (below)
    for path, (total, female, trained) in zip(paths, [(15, 9, 15), (12, 8, 10)], strict=True):
        wb = openpyxl.load_workbook(path)
        ws = wb["Báo cáo"]
        ws["C7"], ws["D7"] = 30, 5
        ws["F7"], ws["G7"], ws["I7"] = total, female, trained
        wb.save(inbox / path.name)
    c = gs.collect(inbox, units=units, term=TERM)
    wac = c.counts[c.counts["body"] == "women_advancement_committee"]
    assert wac[["unit_id", "total", "female", "trained"]].astype(object).to_numpy().tolist() == [
        ["U1", 15, 9, 15],
        ["U4", 12, 8, 10],
    ]
    assert c.counts["trained"].dtype == "Int64"
    verdict = gs.check(c.counts, "2458/BVSTBCPN-VX:a")
    assert verdict[["unit_id", "numerator", "status", "seats_needed"]].to_numpy().tolist() == [
        ["U1", "trained", "met", 0],
        ["U4", "trained", "below", 2],
    ]
    out = gs.write_collection(c, tmp_path / "th.xlsx", units=units)
    total_row = openpyxl.load_workbook(out)["Tổng hợp"]
    last = total_row.max_row - 2  # the total, then a blank row and the note
    assert [total_row.cell(last, col).value for col in range(6, 10)] == [27, 17, 63.0, 25]


def test_training_count_above_the_members_is_a_problem(tmp_path: Path) -> None:
    (path,) = gs.make_templates(
        UNITS.iloc[:1], term=TERM, bodies=["women_advancement_committee"], out_dir=tmp_path / "m"
    )
    inbox = tmp_path / "in"
    inbox.mkdir()
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    ws["C7"], ws["D7"], ws["F7"] = 10, 6, 11
    wb.save(inbox / "a.xlsx")
    c = gs.collect(inbox, units=UNITS.iloc[:1], term=TERM)
    assert c.status.loc[0, ["status", "n_problems"]].tolist() == ["problems", 1]
    assert "số đã tập huấn là số nguyên từ 0 đến Tổng số 10" in c.status.loc[0, "problems"]


def test_a_body_the_reader_left_out_is_a_problem_not_silence(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    # the unit overwrote the group title (structure is protected, but a copy may lose it)
    wb = openpyxl.load_workbook(templates["U1"])
    ws = wb["Báo cáo"]
    ws.protection.sheet = False
    ws["F5"] = "Ban vì sự tiến bộ của phụ nữ"  # the readers take "phụ nữ" for the women column
    ws["C7"], ws["D7"], ws["F7"], ws["G7"] = 39, 5, 13, 2
    inbox = tmp_path / "in"
    inbox.mkdir()
    wb.save(inbox / "a.xlsx")
    c = gs.collect(inbox, units=UNITS.iloc[:1], term=TERM)
    assert c.status.loc[0, "status"] == "problems"
    assert c.status.loc[0, "n_problems"] == 2
    assert "ô F7 (total của standing_committee: đọc được None)" in c.status.loc[0, "problems"]


def test_make_templates_does_not_mutate_the_units(tmp_path: Path) -> None:
    units = UNITS.copy()
    gs.make_templates(units, term=TERM, out_dir=tmp_path)
    pd.testing.assert_frame_equal(units, UNITS)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.integers(0, 500), st.booleans()), min_size=1, max_size=4
    )
)
def test_diff_counts_replays_to_the_after_version(rows: list[tuple[int, int, bool]]) -> None:
    bodies = ["party_committee", "standing_committee", "key_posts", "staff"][: len(rows)]
    before = pd.DataFrame(
        {
            "term": TERM,
            "unit_id": "U1",
            "body": bodies,
            "total": [max(t, f) for t, f, _ in rows],
            "female": [min(t, f) for t, f, _ in rows],
        }
    )
    after = before.copy()
    after["female"] = [
        f // 2 if flip else f for f, (_, _, flip) in zip(after["female"], rows, strict=True)
    ]
    diff = gs.diff_counts(before, after)
    replay = before.set_index("body")
    for body, column, old, new in diff[["body", "column", "before", "after"]].itertuples(
        index=False
    ):
        assert replay.at[body, column] == old
        replay.at[body, column] = new
    pd.testing.assert_frame_equal(replay.reset_index()[after.columns], after)
    assert (diff["difference"] == diff["after"] - diff["before"]).all()
    assert gs.diff_counts(after, after).empty


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_consolidated_share_is_rounded_half_up_exactly(female: int, total: int) -> None:
    from fractions import Fraction

    from gender_stats.io._templates import _share_value

    female = min(female, total)
    value = _share_value(female, total)
    exact = Fraction(100 * female, total)
    assert value is not None
    tenths = round(value * 10)
    assert Fraction(tenths, 10) - Fraction(1, 20) <= exact < Fraction(tenths, 10) + Fraction(1, 20)


def test_status_goes_into_the_report_page_and_workbook(
    folder: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    inbox, received = folder
    c = gs.collect(inbox, units=UNITS, term=TERM, received=received)
    from gender_stats.outputs.collection import status_summary

    # received U1 U2 U5 U6 (U2, U6 late); U4 problems only; U3 missing; 3 files of no unit
    assert status_summary(c) == (
        "Đã nhận 4/6 đơn vị (2 muộn), 1 chỉ có tệp lỗi, 1 chưa nộp; 3 tệp khác; "
        "hạn nộp trước 01/12/2015."
    )
    report = gs.build_report(c.counts, term=TERM, out_dir=tmp_path / "bc")
    page = gs.add_to_report(c, report)
    text = page.read_text(encoding="utf-8")
    section = text[text.index('<section id="collection">') : text.index("</main>")]
    assert "<h2>Tình hình nộp báo cáo</h2>" in section
    assert "<svg" in section and "chưa nộp" in section and "Huyện Bá Thước" in section
    assert STATUS_SHEET in openpyxl.load_workbook(report.workbook).sheetnames


def test_a_compiled_file_matches_each_unit_by_name_or_alias(tmp_path: Path) -> None:
    units = UNITS.assign(aliases=["", "", "Bá Thước cũ", "", "", ""])
    (tmp_path / "gop.csv").write_text(
        "Nhiệm kỳ,Đơn vị,Cơ quan,Tổng số,Nữ\n"
        "2015-2020,Bá Thước cũ,BCH,35,6\n"
        "2015-2020,Sở Y tế,BCH,9,2\n",
        encoding="utf-8",
    )
    c = gs.collect(tmp_path, units=units, term=TERM, received={"gop.csv": "2015-11-02"})
    got = c.status[["unit_id", "status", "file", "match"]].to_numpy().tolist()
    assert got == [
        ["U1", "missing", "", ""],
        ["U2", "missing", "", ""],
        ["U3", "received", "gop.csv", "alias"],
        ["U4", "received", "gop.csv", "name"],
        ["U5", "missing", "", ""],
        ["U6", "missing", "", ""],
    ]
    assert c.counts[["unit_id", "unit_name", "total", "female"]].to_numpy().tolist() == [
        ["U3", "Bá Thước cũ", 35, 6],
        ["U4", "Sở Y tế", 9, 2],
    ]


def test_a_damaged_workbook_is_matched_by_its_file_name(tmp_path: Path) -> None:
    (tmp_path / "BC Ba Thuoc 2015.xlsx").write_bytes(b"PK damaged")
    (tmp_path / "Thi xa Nga Son.ods").write_bytes(b"PK damaged too")
    c = gs.collect(tmp_path, units=UNITS, term=TERM)
    status = c.status.set_index("unit_id")
    assert status.loc["U3", ["status", "file", "match", "n_problems"]].tolist() == [
        "problems",
        "BC Ba Thuoc 2015.xlsx",
        "file name",
        1,
    ]
    assert status.loc["U6", ["status", "match"]].tolist() == ["problems", "file name"]
    assert len(c.status) == 6  # both files belong to a unit


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: gs.reminders(None),
            r"expected a Collection, the result of gs.collect\), got NoneType",
        ),
        (lambda: gs.write_collection(pd.DataFrame(), "x.xlsx"), "got pandas.DataFrame"),
        (lambda: gs.diff_counts(3, pd.DataFrame()), "before is int"),
        (
            lambda: gs.diff_counts(pd.DataFrame({"term": []}), pd.DataFrame()),
            r"before lacks \['unit_id', 'body', 'total', 'female'\]",
        ),
        (lambda: gs.plot_returns([1]), "expected the status pandas DataFrame of gs.collect"),
        (lambda: gs.add_to_report(None, None), "expected a Collection"),
    ],
)
def test_wrong_arguments_say_what_was_expected(call: object, match: str) -> None:
    with pytest.raises(ArgumentError, match=match):
        call()  # type: ignore[operator]
