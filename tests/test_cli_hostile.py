"""Issue 12: the command line on hostile input — a message, never a traceback; no hidden reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from gender_stats import cli
from gender_stats.cli import main

HEADER = "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Tổng số,Nữ\n"
ROSTER_HEADER = "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Họ và tên,Giới tính\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def test_a_counts_file_that_fails_is_not_re_read_as_a_roster(tmp_path, capsys):
    # "Biên chế" (posts on the payroll) is not a total header: a counts table with a missing column
    path = _write(
        tmp_path / "c.csv",
        "Nhiệm kỳ,Đơn vị,Cấp,Cơ quan,Biên chế,Nữ\n2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,39,1\n",
    )
    code, out, err = _run(capsys, "validate", str(path))
    assert code == 2 and "OK" not in out
    assert 'có cột "total"' in err
    code, out, err = _run(capsys, "check", str(path))
    assert code == 2 and out == ""  # no verdict from a wrong reading


def test_a_roster_read_without_flag_says_which_reading_was_used(tmp_path, capsys):
    path = _write(
        tmp_path / "ds.csv",
        ROSTER_HEADER + "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,Nguyễn Thị An,Nữ\n",
    )
    code, out, _ = _run(capsys, "validate", str(path))
    assert code == 0 and f"OK: {path}: 1 rows — danh sách từng người, đã đếm (a roster" in out
    code, _, err = _run(capsys, "check", str(path))
    assert code == 0 and "read as a roster and counted" in err
    code, _, err = _run(capsys, "check", str(path), "--roster")
    assert code == 0 and "read as a roster" not in err  # chosen explicitly: nothing to say


def test_counts_read_says_counts(tmp_path, capsys):
    path = _write(tmp_path / "c.csv", HEADER + "2015-2020,Huyện Quan Hóa,Cấp huyện,BCH,39,5\n")
    code, out, _ = _run(capsys, "validate", str(path))
    assert code == 0 and f"OK: {path}: 1 rows — bảng số lượng (counts)" in out


@pytest.mark.parametrize("body", ["", ",,,,,\n", ",,,,,\n,,,,,\n"])
@pytest.mark.parametrize("flag", [[], ["--roster"]])
def test_a_header_only_file_is_an_error_not_ok(tmp_path, capsys, body, flag):
    header = ROSTER_HEADER if flag else HEADER
    path = _write(tmp_path / "h.csv", header + body)
    code, out, err = _run(capsys, "validate", str(path), *flag)
    assert code == 2 and "OK" not in out
    assert "at least one data row" in err or "lỗi" in err


def test_repeated_identical_problems_are_one_line(tmp_path, capsys):
    rows = "".join(f"2015-2020,Huyện {i},Cấp huyện,BCH,39,abc\n" for i in range(500))
    path = _write(tmp_path / "many.csv", HEADER + rows)
    code, _, err = _run(capsys, "validate", str(path))
    assert code == 2
    assert "500 ô giống nhau (identical problems) ở F2, F3, F4, F5, F6, …" in err
    assert err.count("\n  - ") == 1


def test_an_internal_error_asks_for_a_report_and_shows_the_traceback_only_with_debug(
    monkeypatch, capsys
):
    def broken(args, out):
        raise RuntimeError("boom")

    monkeypatch.setitem(cli._COMMANDS, "targets", broken)
    code, _, err = _run(capsys, "targets")
    assert code == 2
    assert (
        "Lỗi nội bộ của gender-stats (an internal error of gender-stats): RuntimeError: boom" in err
    )
    assert "please report it with the command and the input files" in err
    assert main(["targets", "--debug"]) == 2
    assert "Traceback" in capsys.readouterr().err
    assert main(["--debug", "targets"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_an_os_error_names_the_file(monkeypatch, capsys):
    def denied(args, out):
        raise PermissionError(13, "Permission denied", "/srv/bao_cao.xlsx")

    monkeypatch.setitem(cli._COMMANDS, "targets", denied)
    code, _, err = _run(capsys, "targets")
    assert code == 2
    assert 'Không đọc/ghi được tệp "/srv/bao_cao.xlsx"' in err and "Permission denied" in err


def test_warnings_are_one_line_for_the_user(monkeypatch, capsys):
    import warnings

    from gender_stats.errors import LegacyEncodingWarning

    def warns(args, out):
        warnings.warn("chuyển mã TCVN3 (converted)", LegacyEncodingWarning, stacklevel=1)
        return 0

    monkeypatch.setitem(cli._COMMANDS, "targets", warns)
    code, _, err = _run(capsys, "targets")
    assert code == 0 and err == "Cảnh báo (warning): chuyển mã TCVN3 (converted)\n"


def _hostile_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "missing": tmp_path / "khong_co.csv",
        "folder": tmp_path,
        "empty.csv": _write(tmp_path / "empty.csv", ""),
        "empty.xlsx": _write(tmp_path / "empty.xlsx", ""),
        "html.xlsx": _write(tmp_path / "html.xlsx", "<html><table><tr><td>1</td></tr></table>"),
        "header.csv": _write(tmp_path / "header.csv", HEADER),
        "quote.csv": _write(
            tmp_path / "quote.csv", HEADER + '2015-2020,"Huyện A,district,BCH,3,1\n'
        ),
        "huge.csv": _write(tmp_path / "huge.csv", HEADER + "2015-2020,A,Cấp huyện,BCH,1e20,1\n"),
        "big.csv": _write(
            tmp_path / "big.csv", HEADER + f"2015-2020,A,Cấp huyện,BCH,{2**64},{2**63}\n"
        ),
        "bytes.xlsx": tmp_path / "bytes.xlsx",
        "bytes.parquet": tmp_path / "bytes.parquet",
    }
    files["bytes.xlsx"].write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    files["bytes.parquet"].write_bytes(b"PAR1" + bytes(range(200)) + b"PAR1")
    return files


COMMANDS = [
    ["validate"],
    ["validate", "--roster"],
    ["check"],
    ["check", "--roster", "--strict"],
    ["report", "-q"],
]


def test_a_utf16_csv_is_read(tmp_path, capsys):
    # Excel's "Unicode Text" saves UTF-16 with a BOM: read it, do not refuse it
    path = tmp_path / "utf16.csv"
    path.write_bytes((HEADER + "2015-2020,A,Cấp huyện,BCH,3,1\n").encode("utf-16"))
    code, out, _ = _run(capsys, "validate", str(path))
    assert code == 0 and "1 rows" in out


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_traceback_on_any_hostile_input(command, tmp_path, capsys):
    for name, path in _hostile_inputs(tmp_path).items():
        argv = [*command, str(path)]
        if command[0] == "report":
            argv += ["--out", str(tmp_path / "out")]
        code = main(argv)
        captured = capsys.readouterr()
        text = captured.out + captured.err
        assert "Traceback" not in text, (name, text)
        assert "Lỗi nội bộ" not in text, (name, text)  # every case is the user's, not a bug
        assert code == 2, (name, code, text)
        assert captured.err.strip(), name


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--targets", "no-such-target"],
        ["check", "--term", "2015"],
        ["report", "--term", "x", "--out", "{tmp}/o"],
        ["check", "--units", "{tmp}/no_units.csv"],
        ["validate", "{tmp}/a.csv", "--units", "{tmp}"],
        ["report", "--out", "{tmp}/file.txt"],
        ["validate", "--sheet", "Không có", "{tmp}/a.csv"],
        ["nope"],
        ["check", "--lang", "fr"],
    ],
)
def test_no_traceback_on_hostile_arguments(argv, tmp_path, capsys):
    _write(tmp_path / "a.csv", HEADER + "2015-2020,Huyện A,Cấp huyện,BCH,3,1\n")
    _write(tmp_path / "file.txt", "not a folder")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code = main(argv)
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text and "Lỗi nội bộ" not in text, text
    assert code in (0, 2), text
