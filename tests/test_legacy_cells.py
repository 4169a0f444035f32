"""Legacy text decided cell by cell (TCVN3, VNI) and mojibake repaired; no false positives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.errors import LegacyEncodingWarning, MojibakeWarning
from gender_stats.io import read_counts, read_roster
from gender_stats.io._legacy import cell_encoding, fix_texts, repair_mojibake, to_unicode

# Real Vietnamese names, places and words, in Unicode: none may be taken for legacy text.
UNICODE_TEXTS = [
    "Nguyễn Văn An", "Hà Thị Bình", "Lò Văn Cường", "Phạm Thị Dung", "Trần Quốc Đạt",
    "Lê Thị Hà", "Võ Thị Sáu", "Tô Lâm", "Lý Thị Mỹ", "Đỗ Thị Ánh", "Bùi Thị Xuân",
    "Hoàng Thị Thu Hà", "Ngô Bảo Châu", "Dương Văn Minh", "Vũ Thị Ý", "Kha Thị Kim",
    "Hà Văn Ú", "Cầm Thị Nga", "Lục Văn Tú", "Mã Thị Hồng", "Lô Thị Na", "Tô Thị Ô",
    "Huyện Quan Hóa", "Huyện Quan Hoá", "Thị xã Bỉm Sơn", "Thành phố Thanh Hóa", "Cà Mau",
    "Bà Rịa - Vũng Tàu", "Hà Tĩnh", "Phú Thọ", "Ô Môn", "Cà Ná", "Lò Vôi", "Tà Xùa",
    "Mù Cang Chải", "Sở Y tế", "Ban Chấp hành", "Ban Thường vụ", "Chủ tịch", "Phó Bí thư",
    "Ủy viên", "Kinh", "Thái", "Mường", "Tày", "Nùng", "H'Mông", "Dao", "Ê Đê", "Xơ Đăng",
    "Tổng số", "Nữ", "Nam", "Tỷ lệ (%)", "Năm sinh", "Ngày, tháng, năm sinh", "Giới tính",
    "Đơn vị", "Cơ quan", "Nhiệm kỳ 2020 - 2025", "Tô", "Lê", "Hà", "Vì", "Lò", "Cù",
]  # fmt: skip
# English, French, German, Spanish words with Latin-1 letters: no Vietnamese reading holds.
FOREIGN_TEXTS = [
    "Total", "Women (%)", "Café crème", "résumé", "naïve", "São Paulo", "Zürich", "Müller",
    "Noël", "façade", "Señor", "José André", "Ça va", "Über", "Björk", "déjà vu", "Ångström",
    "© 2020", "µm", "½ ¼ ±", "§ 3", "Größe", "Straße", "fiancée", "Mañana", "Curaçao",
]  # fmt: skip


@pytest.mark.parametrize("text", UNICODE_TEXTS + FOREIGN_TEXTS)
def test_unicode_and_foreign_text_is_never_converted(text: str) -> None:
    assert cell_encoding(text) in ("unicode", None)
    assert fix_texts([text]) == ({}, {})


def test_a_whole_unicode_column_is_kept() -> None:
    assert fix_texts(UNICODE_TEXTS + FOREIGN_TEXTS) == ({}, {})


def test_the_bundled_roster_has_no_false_positive() -> None:
    import gender_stats as gs

    roster = gs.load_sample_roster()
    for column in ("full_name", "post", "unit_name", "ethnicity"):
        assert fix_texts(roster[column].tolist()) == ({}, {}), column


@pytest.mark.parametrize(
    ("legacy", "kind", "unicode"),
    [
        ("Ban ChÊp hµnh", "tcvn3", "Ban Chấp hành"),
        ("N÷", "tcvn3", "Nữ"),
        ("Thanh Hãa", "tcvn3", "Thanh Hóa"),
        ("Ban Th\xadêng vô", "tcvn3", "Ban Thường vụ"),
        ("Nöõ", "vni", "Nữ"),
        ("Thanh Hoùa", "vni", "Thanh Hóa"),
        ("Ban Chaáp haønh", "vni", "Ban Chấp hành"),
        ("Huyá»‡n Quan HÃ³a", "mojibake", "Huyện Quan Hóa"),
        ("Ä\x90Æ¡n vá»‹", "mojibake", "Đơn vị"),
        ("Ná»¯", "mojibake", "Nữ"),
    ],
)
def test_one_cell_decides_alone(legacy: str, kind: str, unicode: str) -> None:
    assert cell_encoding(legacy) == kind
    repairs, kinds = fix_texts([legacy])
    assert repairs == {legacy: unicode}
    assert kinds == {kind: 1}


def test_a_column_of_one_repeated_legacy_value_is_converted() -> None:
    column = ["Ban ChÊp hµnh"] * 50
    repairs, kinds = fix_texts(column)
    assert repairs == {"Ban ChÊp hµnh": "Ban Chấp hành"}
    assert kinds == {"tcvn3": 50}


def test_an_undecided_cell_follows_its_column() -> None:
    # "Tô" reads as Vietnamese both ways (Tô in Unicode, Tụ in TCVN3): the column decides
    assert cell_encoding("Tô") is None
    assert fix_texts(["Thanh Hãa", "N÷", "Tô"])[0]["Tô"] == "Tụ"
    assert "Tô" not in fix_texts(["Hà Nội", "Nữ", "Tô"])[0]


def test_one_legacy_cell_in_a_unicode_column_is_converted() -> None:
    repairs, _ = fix_texts([*UNICODE_TEXTS, "Thanh Hãa"])
    assert repairs == {"Thanh Hãa": "Thanh Hóa"}


def test_repair_mojibake_twice_garbled() -> None:
    once = "Huyện".encode().decode("cp1252")
    twice = once.encode("utf-8").decode("cp1252")
    assert repair_mojibake(once) == repair_mojibake(twice) == "Huyện"


def test_repair_mojibake_refuses_real_text() -> None:
    for text in (*UNICODE_TEXTS, *FOREIGN_TEXTS, "Ã", "Ã©t"):
        if text != "Ã©t":
            assert repair_mojibake(text) is None, text
    assert repair_mojibake("Ã©t") == "ét"  # real mojibake of "ét"


_VIET = st.sampled_from([*UNICODE_TEXTS])


@settings(max_examples=150, deadline=None)
@given(st.lists(_VIET, min_size=1, max_size=6))
def test_mojibake_of_any_vietnamese_text_is_repaired(parts: list[str]) -> None:
    text = " ".join(parts)
    garbled = text.encode("utf-8").decode("cp1252", errors="ignore")
    if garbled.encode("cp1252", errors="ignore").decode("utf-8", errors="ignore") != text:
        return  # bytes cp1252 cannot show were lost: not recoverable by anyone
    assert fix_texts([garbled])[0].get(garbled, garbled) == text


@settings(max_examples=150, deadline=None)
@given(st.lists(_VIET, min_size=1, max_size=4))
def test_unicode_text_is_a_fixed_point(parts: list[str]) -> None:
    assert fix_texts([" ".join(parts)]) == ({}, {})


# --- in the readers -------------------------------------------------------------------------


def test_roster_body_column_in_tcvn3_is_converted(xlsx) -> None:
    rows = [
        ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Họ và tên", "Giới tính"],
        ["2020-2025", "Huyện A", "district", "Ban ChÊp hµnh", "Hµ ThÞ B×nh", "N÷"],
        ["2020-2025", "Huyện A", "district", "Ban ChÊp hµnh", "Lß V¨n C­êng", "Nam"],
    ]
    with pytest.warns(LegacyEncodingWarning, match="tcvn3"):
        out = read_roster(xlsx(rows))
    assert out["body"].tolist() == ["party_committee", "party_committee"]
    assert out["full_name"].tolist() == ["Hà Thị Bình", "Lò Văn Cường"]
    assert out["sex"].tolist() == ["F", "M"]


def test_trich_ngang_mojibake_is_repaired_with_a_warning(xlsx) -> None:
    def garble(text: str) -> str:  # UTF-8 bytes shown as Windows-1252 (Latin-1 where undefined)
        return "".join(
            bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
            for b in text.encode("utf-8")
        )

    rows = [
        ["DANH SÁCH TRÍCH NGANG, NHIỆM KỲ 2020 - 2025"],
        ["STT", "Họ và tên", "Năm sinh", None, "Đơn vị"],
        [None, None, "Nam", "Nữ", None],
        [1, garble("Lò Văn Cường"), 1968, None, garble("Huyện Như Thanh")],
        [2, "Hà Thị Bình", None, 1975, "Huyện Như Thanh"],
    ]
    with pytest.warns(MojibakeWarning, match="mojibake"):
        out = read_roster(xlsx(rows, merges=["C2:D2"]), body="BCH", level="district")
    assert out["full_name"].tolist() == ["Lò Văn Cường", "Hà Thị Bình"]
    assert out["unit_id"].unique().tolist() == ["huyen-nhu-thanh"]


def test_counts_single_legacy_cell_converted(xlsx) -> None:
    rows = [
        ["Nhiệm kỳ", "Đơn vị", "Cấp", "Cơ quan", "Tổng số", "Nữ"],
        ["2015-2020", "Huyện Như Thanh", "huyện", "BCH", 41, 8],
        ["2015-2020", "Thanh Hãa", "tỉnh", "BCH", 69, 9],
    ]
    with pytest.warns(LegacyEncodingWarning):
        out = read_counts(xlsx(rows))
    assert out["unit_name"].tolist() == ["Huyện Như Thanh", "Thanh Hóa"]


def test_to_unicode_of_the_examples() -> None:
    assert to_unicode("Ban ChÊp hµnh", "tcvn3") == "Ban Chấp hành"


def test_no_well_formed_unicode_syllable_is_taken_for_legacy_text() -> None:
    # every onset x vowel group x final x tone that reads as one Vietnamese syllable, in lower case,
    # capitalised and upper case (about 98,000 words): none is converted.  A phrase of such
    # words is not either, since a cell needs a word that reads as Vietnamese only in a legacy font.
    import itertools
    import unicodedata

    from gender_stats.io import _legacy

    onsets = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n"]
    onsets += ["ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
    vowels = f"{_legacy._OPEN_ONLY} {_legacy._CLOSED_ONLY} {_legacy._EITHER}".split()
    codas = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    checked = 0
    for onset, vowel, coda, tone in itertools.product(onsets, vowels, codas, tones):
        word = unicodedata.normalize("NFC", onset + vowel + tone + coda)
        for form in {word, word.capitalize(), word.upper()}:
            if _legacy._is_syllable(form):
                checked += 1
                assert cell_encoding(form) in ("unicode", None), form
    assert checked > 90_000
