"""The collection cycle from the command line: ``gender-stats template`` and ``collect``."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import gender_stats as gs
from gender_stats.cli import main
from gender_stats.collection import STATUS_SHEET
from gender_stats.io._templates import read_meta


def _units_csv(tmp_path: Path) -> Path:
    path = tmp_path / "don_vi.csv"
    path.write_text(
        "unit_id,unit_name,level,kind\n"
        "U1,Huyện Quan Hóa,district,rural_district\n"
        "U2,Huyện Quan Sơn,district,rural_district\n"
        "U3,Sở Y tế,agency,department\n",
        encoding="utf-8",
    )
    return path


def test_template_then_collect_then_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = _units_csv(tmp_path)
    out = tmp_path / "mau"
    code = main(
        ["template", "--units", str(units), "--term", "2015-2020", "--out", str(out),
         "--bodies", "party_committee", "--deadline", "2458/BVSTBCPN-VX:r12"]
    )  # fmt: skip
    assert code == 0
    assert "Đã viết 3 tệp mẫu" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "bao_cao_U1.xlsx",
        "bao_cao_U2.xlsx",
        "bao_cao_U3.xlsx",
    ]
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    for uid, (total, female) in {"U1": (39, 5), "U3": (20, 4)}.items():
        wb = openpyxl.load_workbook(out / f"bao_cao_{uid}.xlsx")
        wb["Báo cáo"]["C7"], wb["Báo cáo"]["D7"] = total, female
        wb.save(inbox / f"{uid} gui.xlsx")
    dates = tmp_path / "ngay_nhan.csv"
    dates.write_text("file,received\nU1 gui.xlsx,2015-11-20\nU3 gui.xlsx,2015-12-04\n")
    consolidated = tmp_path / "tong_hop.xlsx"
    code = main(
        ["collect", str(inbox), "--units", str(units), "--term", "2015-2020",
         "--received", str(dates), "--out", str(consolidated), "--strict"]
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 1  # U2 missing, U3 late
    assert "chưa nộp" in printed and "MUỘN (late)" in printed  # the status in words
    assert "đã nhận: 2; chưa nộp: 1; hạn nộp (deadline) trước 01/12/2015" in printed
    assert STATUS_SHEET in openpyxl.load_workbook(consolidated).sheetnames
    counts = gs.read_counts(consolidated, sheet="Tổng hợp", units=gs.read_units(units))
    assert counts[["unit_id", "total", "female"]].to_numpy().tolist() == [
        ["U1", 39, 5],
        ["U3", 20, 4],
    ]
    assert main(["check", str(consolidated), "--units", str(units), "--sheet", "Tổng hợp"]) == 0
    assert "Huyện Quan Hóa" in capsys.readouterr().out  # 5/39 = 12.8 % < 15 %


def test_collect_with_a_bad_received_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dates = tmp_path / "ngay.csv"
    dates.write_text("ten,ngay\na,b\n")
    code = main(["collect", str(tmp_path), "--term", "2015-2020", "--received", str(dates)])
    assert code == 2
    assert "hai cột file, received" in capsys.readouterr().err


def test_template_with_an_unknown_body_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["template", "--term", "2015-2020", "--out", str(tmp_path), "--bodies", "bch2"])
    assert code == 2
    assert "'bch2' không phải mã cơ quan" in capsys.readouterr().err


def test_template_and_collect_for_a_reporting_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = _units_csv(tmp_path)
    out = tmp_path / "mau"
    code = main(
        ["template", "--units", str(units), "--term", "2025-2030", "--period", "2026-H1",
         "--out", str(out), "--bodies", "party_committee"]
    )  # fmt: skip
    assert code == 0
    capsys.readouterr()
    meta = read_meta(out / "bao_cao_U1.xlsx")
    assert meta is not None
    assert (meta.period, str(meta.deadline)) == ("2026-H1", "2026-06-05")
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    wb = openpyxl.load_workbook(out / "bao_cao_U1.xlsx")
    wb["Báo cáo"]["C7"], wb["Báo cáo"]["D7"] = 33, 6
    wb.save(inbox / "u1.xlsx")
    dates = tmp_path / "ngay_nhan.csv"
    dates.write_text("file,received\nu1.xlsx,2026-06-05\n")  # the deadline day: late
    code = main(
        ["collect", str(inbox), "--units", str(units), "--term", "2025-2030", "--period",
         "2026-H1", "--received", str(dates), "--out", str(tmp_path / "th.xlsx")]
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    assert "MUỘN (late)" in printed
    assert "kỳ báo cáo (period) 2026-H1; hạn nộp (deadline) trước 05/06/2026" in printed
    code = main(
        ["collect", str(inbox), "--units", str(units), "--term", "2025-2030", "--period", "2026"]
    )
    assert code == 2
    assert "không phải kỳ báo cáo (not a reporting period)" in capsys.readouterr().err


def test_collect_prints_the_groups_a_return_left_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = _units_csv(tmp_path)
    out = tmp_path / "mau"
    main(
        ["template", "--units", str(units), "--term", "2015-2020", "--out", str(out),
         "--bodies", "party_committee,standing_committee"]
    )  # fmt: skip
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    wb = openpyxl.load_workbook(out / "bao_cao_U1.xlsx")
    wb["Báo cáo"]["C7"], wb["Báo cáo"]["D7"] = 39, 5  # the standing committee's group left blank
    wb.save(inbox / "U1.xlsx")
    capsys.readouterr()
    main(["collect", str(inbox), "--units", str(units), "--term", "2015-2020",
          "--out", str(tmp_path / "th.xlsx")])  # fmt: skip
    line = next(s for s in capsys.readouterr().out.splitlines() if "Huyện Quan Hóa" in s)
    assert line.endswith("— để trống (left blank): Ban Thường vụ")
