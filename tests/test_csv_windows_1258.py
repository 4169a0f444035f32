"""A CSV saved by Excel on a Vietnamese Windows ("CSV (Comma delimited)", code page 1258).

Windows-1258 writes a tone as a combining mark after its letter (ổ is ô + U+0309).  Such a file
reads as its Vietnamese text; bytes of a TCVN3 font, or a Western file, stay refused.
"""

from __future__ import annotations

import unicodedata

import pytest

import gender_stats as gs

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Encode ``text`` as Windows does: the letter (with its hat or horn), then the tone."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in parts if c not in TONES)
        out.append(unicodedata.normalize("NFC", base) + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


CSV = (
    "Nhiệm kỳ;Đơn vị;Cấp;Cơ quan;Tổng số;Nữ\r\n"
    "2020-2025;Huyện Quan Hóa;huyện;Ban Chấp hành;39;5\r\n"
    "2020-2025;Thị xã Nghi Sơn;huyện;Ban Chấp hành;45;8\r\n"
    "2020-2025;Huyện Thường Xuân;huyện;Ban Thường vụ;13;2\r\n"
)


@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_windows_1258_csv_reads_as_its_vietnamese_text(tmp_path, delimiter):
    path = tmp_path / "bao_cao.csv"
    path.write_bytes(windows_1258(CSV.replace(";", delimiter)))
    assert b"\xd2" in path.read_bytes()  # the tone of "ổ" written as its own byte
    counts = gs.read_counts(path)
    assert counts["unit_name"].tolist() == [
        "Huyện Quan Hóa",
        "Thị xã Nghi Sơn",
        "Huyện Thường Xuân",
    ]
    assert counts["body"].tolist() == ["party_committee", "party_committee", "standing_committee"]
    assert counts[["total", "female"]].to_numpy().tolist() == [[39, 5], [45, 8], [13, 2]]


def test_bytes_that_are_not_vietnamese_in_1258_stay_refused(tmp_path):
    # "Tổng số" typed in a TCVN3 (.VnTime) font and saved as Windows-1252: "Tæng sè"
    path = tmp_path / "tcvn3.csv"
    path.write_bytes("§¬n vÞ,Tæng sè,N÷\r\nHuyÖn Quan Hãa,39,5\r\n".encode("cp1252"))
    with pytest.raises(gs.FileFormatError, match="không phải mã UTF-8"):
        gs.read_counts(path)
