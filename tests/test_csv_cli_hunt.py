"""CSV delimiters chosen from the file's structure; bad reading options on the command line.

Excel with Vietnamese regional settings saves ``;``-separated CSV files whose header cells hold
commas (``Đơn vị (huyện, thị xã, thành phố)``, ``Ngày, tháng, năm sinh``) and whose numbers use
decimal commas (``39,0``).  A bad ``--body``/``--level``/``--input-term`` is the user's argument:
said alone, never followed by the problems of reading the file as a roster.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

import gender_stats as gs
from gender_stats.cli import main
from gender_stats.errors import DataError, FileFormatError
from gender_stats.io._excel import sniff_delimiter

OPTIONS = {"body": "BCH", "term": "2015-2020", "level": "district"}


def _write(path: Path, text: str, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    text = text.replace("\n", newline)
    path.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # the tone marks Windows-1258 writes after the letter


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: a letter with its shape (ơ, â, ă), then its tone mark."""
    out = b""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(m for m in decomposed if m in _TONES)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
        out += (base + tone).encode("cp1258")
    return out


def _counts(frame) -> list[tuple[str, int, int]]:
    return [
        (str(u), int(t), int(f))
        for u, t, f in zip(frame["unit_name"], frame["total"], frame["female"], strict=True)
    ]


# ---------------------------------------------------------------------------------------------
# The delimiter of a CSV file


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma inside a header cell: ',' splits the header into 3 too, the rows into 1
        ("Đơn vị (huyện, thị xã, thành phố);Tổng số;Nữ\nHuyện Quan Hóa;39;5\n", ";"),
        # decimal commas under a title line: ',' splits each row into 3, but names no column
        (
            "BÁO CÁO NỮ CẤP ỦY\nĐơn vị;Tổng số;Nữ\nHuyện Quan Hóa;39,0;5,0\nHuyện Nga Sơn;45,0;9,0\n",
            ";",
        ),
        # tab, and a unit name with a comma
        ("Đơn vị (huyện, thị xã, thành phố)\tTổng số\tNữ\nThị xã Bỉm Sơn\t30\t6\n", "\t"),
        # a quoted header cell over two lines, holding a comma
        ('"Ban chấp\nhành, khóa XX";Tổng số;Nữ\nHuyện A;3,0;1,0\n', ";"),
    ],
)
def test_sniff_delimiter_uses_the_header_and_the_shape(text: str, expected: str) -> None:
    assert sniff_delimiter(text) == expected


def test_semicolon_bom_crlf_header_with_commas(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bc.csv",
        "\ufeffĐơn vị (huyện, thị xã, thành phố);Tổng số;Nữ\n"
        "Huyện Quan Hóa;39;5\nThị xã Bỉm Sơn;30;6\n",
        newline="\r\n",
    )
    frame = gs.read_counts(path, **OPTIONS)
    assert _counts(frame) == [("Huyện Quan Hóa", 39, 5), ("Thị xã Bỉm Sơn", 30, 6)]


def test_semicolon_decimal_comma_counts_are_whole(tmp_path: Path) -> None:
    # "39,0" is 39 written with a decimal comma (vi-VN); "1.146" is then 1146 (dot groups)
    path = _write(
        tmp_path / "bc.csv",
        "Đơn vị;Tổng số;Nữ;Tỷ lệ (%)\nHuyện Quan Hóa;39,0;5,0;12,8\nHuyện Nga Sơn;1.146;146;12,7\n",
    )
    frame = gs.read_counts(path, **OPTIONS)
    assert _counts(frame) == [("Huyện Quan Hóa", 39, 5), ("Huyện Nga Sơn", 1146, 146)]


def test_tab_quoted_fields_and_commas(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bc.csv",
        '"Đơn vị (huyện, thị xã)"\t"Tổng số"\t"Nữ"\n'
        '"Sở Lao động, Thương binh và Xã hội"\t15\t3\nHuyện Nga Sơn\t45,0\t9,0\n',
    )
    frame = gs.read_counts(path, **OPTIONS)
    assert _counts(frame) == [
        ("Sở Lao động, Thương binh và Xã hội", 15, 3),
        ("Huyện Nga Sơn", 45, 9),
    ]


def test_cp1258_and_utf8_read_the_same(tmp_path: Path) -> None:
    text = "Đơn vị (huyện, thị xã, thành phố);Tổng số;Nữ\nHuyện Nga Sơn;45;9\n"
    ansi = _write(tmp_path / "ansi.csv", text, encoding="cp1258")
    assert _counts(gs.read_counts(ansi, **OPTIONS)) == [("Huyện Nga Sơn", 45, 9)]
    utf8 = _write(tmp_path / "utf8.csv", text)
    assert _counts(gs.read_counts(utf8, **OPTIONS)) == [("Huyện Nga Sơn", 45, 9)]


def test_semicolon_roster_with_commas_in_a_header(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "tn.csv",
        "Họ và tên;Giới tính;Ngày, tháng, năm sinh\n"
        "Nguyễn Thị An;Nữ;12/05/1980\nTrần Văn Bình;Nam;03/11/1975\n",
    )
    roster = gs.read_roster(path, unit="Huyện Nga Sơn", **OPTIONS)
    assert roster["full_name"].astype(str).tolist() == ["Nguyễn Thị An", "Trần Văn Bình"]
    assert roster["sex"].astype(str).tolist() == ["F", "M"]
    assert roster["birth_year"].tolist() == [1980, 1975]


def test_a_decimal_count_is_refused_at_its_cell(tmp_path: Path) -> None:
    path = _write(tmp_path / "bc.csv", "Đơn vị;Tổng số;Nữ\nHuyện Quan Hóa;39,5;5,0\n")
    with pytest.raises(DataError) as info:
        gs.read_counts(path, **OPTIONS)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (2, "B")
    assert "whole number" in problem.expected
    assert problem.value == "39,5"  # as typed, not 39.5; "5,0" is the whole number 5


def test_an_ambiguous_delimiter_says_which_were_tried(tmp_path: Path) -> None:
    # ',' splits both lines into 3 fields, ';' into 2: neither names a known column
    path = _write(tmp_path / "bc.csv", "Khu vực,A;Số,B\nX,1;Y,2\n")
    with pytest.raises(FileFormatError, match="cannot tell the delimiter") as info:
        gs.read_counts(path, **OPTIONS)
    message = str(info.value)
    assert "';', tab, ','" in message
    assert "';' chia 2 dòng thành 2 cột" in message and "',' chia 2 dòng thành 3 cột" in message
    assert "header row naming" not in message


# ---------------------------------------------------------------------------------------------
# Reading options on the command line


@pytest.fixture
def counts_csv(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "bc.csv",
        "Đơn vị,Cấp,Tổng số,Nữ\nHuyện Quan Hóa,Cấp huyện,39,5\nHuyện Nga Sơn,Cấp huyện,45,9\n",
    )


@pytest.mark.parametrize(
    ("option", "value", "quoted"),
    [
        ("--body", "XYZ", "--body 'XYZ'"),
        ("--level", "Vùng", "--level 'Vùng'"),
        ("--input-term", "abc", '--input-term: Nhiệm kỳ không hợp lệ (invalid term): "abc"'),
        ("--input-term", "2015", '"2015"'),
    ],
)
def test_a_bad_reading_option_is_reported_alone(
    counts_csv: Path, capsys, option: str, value: str, quoted: str
) -> None:
    args = ["check", str(counts_csv), "--body", "BCH", "--input-term", "2015-2020", option, value]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert quoted in err
    assert err.count("\n") == 1  # one message, no file's problems
    assert "full_name" not in err and "person_id" not in err


def test_read_counts_quotes_the_term_given(counts_csv: Path) -> None:
    with pytest.raises(DataError) as info:
        gs.read_counts(counts_csv, body="BCH", term="abc")
    (problem,) = info.value.problems
    assert problem.value == "abc"
    assert '"abc"' in str(info.value) and "ô trống" not in str(info.value)


@pytest.mark.parametrize(("given", "term"), [("2099-2104", "2099-2104"), ("2099-04", "2099-2104")])
def test_input_term_is_what_normalise_term_accepts(
    counts_csv: Path, capsys, given: str, term: str
) -> None:
    assert gs.normalise_term(given) == term
    assert main(["validate", str(counts_csv), "--body", "BCH", "--input-term", given]) == 0
    assert "OK" in capsys.readouterr().out
    frame = gs.read_counts(counts_csv, body="BCH", term=given)
    assert frame["term"].astype(str).unique().tolist() == [term]


@pytest.mark.parametrize(("given", "term"), [("2099-2104", "2099-2104"), ("2015-20", "2015-2020")])
def test_read_roster_takes_the_terms_read_counts_takes(
    tmp_path: Path, given: str, term: str
) -> None:
    path = _write(tmp_path / "tn.csv", "Họ và tên,Giới tính,Năm sinh\nNguyễn Thị An,Nữ,1980\n")
    roster = gs.read_roster(path, term=given, body="BCH", level="district", unit="Huyện Nga Sơn")
    assert roster["term"].astype(str).tolist() == [term]
