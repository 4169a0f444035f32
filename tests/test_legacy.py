"""Tests of gender_stats.io._legacy: TCVN3/VNI detection and conversion."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.io._legacy import TCVN3, VNI_PAIRS, VNI_SINGLES, detect_encoding, to_unicode

# --- the tables, against the standard written out by hand -------------------------------------

# TCVN 5712:1993 VN3, bytes 0xA1-0xFE, Unicode letter per byte as in the X11 TCVN table; "." marks the
# bytes the ABC fonts leave unused (0xAF, 0xBA, 0xBF-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0 hold VN1
# capitals). 0xB0-0xB4 are the five tone marks alone (grave, hook, tilde, acute, dot).
TCVN3_BY_BYTE = (
    "ĂÂÊÔƠƯĐ"  # A1-A7
    "ăâêôơưđ"  # A8-AE
    "."  # AF
    "\u0300\u0309\u0303\u0301\u0323"  # B0-B4
    "àảãáạ"  # B5-B9
    "."  # BA
    "ằẳẵắ"  # BB-BE
    "......."  # BF-C5
    "ặ"  # C6
    "ầẩẫấậ"  # C7-CB
    "è.ẻẽéẹ"  # CC-D1
    "ềểễếệ"  # D2-D6
    "ìỉ...ĩíị"  # D7-DE
    "ò.ỏõóọ"  # DF-E4
    "ồổỗốộ"  # E5-E9
    "ờởỡớợ"  # EA-EE
    "ù.ủũúụ"  # EF-F4
    "ừửữứự"  # F5-F9
    "ỳỷỹýỵ"  # FA-FE
)


def test_tcvn3_table_matches_the_standard_byte_by_byte():
    assert len(TCVN3_BY_BYTE) == 0xFE - 0xA1 + 1
    expected = {
        chr(0xA1 + i): unicodedata.normalize("NFC", u)
        for i, u in enumerate(TCVN3_BY_BYTE)
        if u != "."
    }
    assert dict(TCVN3) == expected


# Every VNI letter, written by hand: (VNI text, Unicode).
VNI_LOWER = [
    ("a aù aø aû aõ aï", "a á à ả ã ạ"),
    ("aâ aá aà aå aã aä", "â ấ ầ ẩ ẫ ậ"),
    ("aê aé aè aú aü aë", "ă ắ ằ ẳ ẵ ặ"),
    ("e eù eø eû eõ eï", "e é è ẻ ẽ ẹ"),
    ("eâ eá eà eå eã eä", "ê ế ề ể ễ ệ"),
    ("i í ì æ ó ò", "i í ì ỉ ĩ ị"),
    ("o où oø oû oõ oï", "o ó ò ỏ õ ọ"),
    ("oâ oá oà oå oã oä", "ô ố ồ ổ ỗ ộ"),
    ("ô ôù ôø ôû ôõ ôï", "ơ ớ ờ ở ỡ ợ"),
    ("u uù uø uû uõ uï", "u ú ù ủ ũ ụ"),
    ("ö öù öø öû öõ öï", "ư ứ ừ ử ữ ự"),
    ("y yù yø yû yõ î", "y ý ỳ ỷ ỹ ỵ"),
    ("ñ", "đ"),
]


@pytest.mark.parametrize(("vni", "unicode"), VNI_LOWER)
def test_vni_every_letter(vni, unicode):
    assert to_unicode(vni, "vni") == unicode
    assert to_unicode(vni.upper(), "vni") == unicode.upper()


def test_vni_table_sizes():
    # pairs: a 17 + e 11 + o 11 + ơ 5 + u 5 + ư 5 + y 4 = 58 letters, each written 4 ways
    # (base and mark each lower or upper case); singles: ô ö ñ í ì æ ó ò î and their capitals.
    assert len(VNI_PAIRS) == 58 * 4
    assert len(VNI_SINGLES) == 18


# --- real words, typed by hand in each encoding --------------------------------------------------

WORDS = [
    # (Unicode, TCVN3, VNI)
    ("Thanh Hóa", "Thanh Hãa", "Thanh Hoùa"),
    ("Thanh Hoá", "Thanh Ho¸", "Thanh Hoaù"),
    ("Tổng số", "Tæng sè", "Toång soá"),
    ("Nữ", "N÷", "Nöõ"),
    ("Huyện Như Thanh", "HuyÖn Nh­ Thanh", "Huyeän Nhö Thanh"),
    ("Đảng bộ", "§¶ng bé", "Ñaûng boä"),
    ("Bí thư", "BÝ th­", "Bí thö"),
    ("Hội đồng nhân dân", "Héi ®ång nh©n d©n", "Hoäi ñoàng nhaân daân"),
    ("Tỷ lệ (%)", "Tû lÖ (%)", "Tyû leä (%)"),
    ("Đơn vị", "§¬n vÞ", "Ñôn vò"),
    ("Ban Thường vụ", "Ban Th­êng vô", "Ban Thöôøng vuï"),
    ("Ngọc Lặc, Vĩnh Lộc", "Ngäc LÆc, VÜnh Léc", "Ngoïc Laëc, Vónh Loäc"),
    (
        "Uỷ ban nhân dân tỉnh – nhiệm kỳ 2016–2021",
        "Uû ban nh©n d©n tØnh – nhiÖm kú 2016–2021",
        "Uyû ban nhaân daân tænh – nhieäm kyø 2016–2021",
    ),
]


@pytest.mark.parametrize(("unicode", "tcvn3", "vni"), WORDS)
def test_to_unicode_real_words(unicode, tcvn3, vni):
    assert to_unicode(tcvn3, "tcvn3") == unicode
    assert to_unicode(vni, "vni") == unicode


def test_tcvn3_capitals_without_tone():
    # VN3 has capitals only for the letters without a tone (0xA1-0xA7).
    assert to_unicode("¢u Lac", "tcvn3") == "Âu Lac"
    assert to_unicode("§inh", "tcvn3") == "Đinh"


def test_tcvn3_capitals_follow_the_word():
    assert to_unicode("THANH HãA", "tcvn3") == "THANH HÓA"
    assert to_unicode("Tæng Sè N÷", "tcvn3") == "Tổng Số Nữ"  # one capital: title case stays
    assert to_unicode("DANH S¸CH TRÝCH NGANG", "tcvn3") == "DANH SÁCH TRÍCH NGANG"


def test_result_is_nfc_and_ascii_is_untouched():
    text = to_unicode("STT 12; a-b (c) Hãa", "tcvn3")
    assert text == "STT 12; a-b (c) Hóa"
    assert unicodedata.is_normalized("NFC", text)
    # tone mark alone (0xB3 = acute) after a vowel composes
    assert to_unicode("Ho\u00b3a", "tcvn3") == "Hóa"


# --- errors -------------------------------------------------------------------------------------


def test_unicode_letter_is_not_convertible():
    with pytest.raises(ValueError, match=r"'ạ' \(U\+1EA1\) at position 1 is not part of the tcvn3"):
        to_unicode("Hạ Hãa", "tcvn3")
    with pytest.raises(ValueError, match=r"'ữ' \(U\+1EEF\) at position 1 is not part of the vni"):
        to_unicode("Nữ", "vni")


def test_unused_byte_and_stray_mark():
    with pytest.raises(ValueError, match=r"'à' \(U\+00E0\).*tcvn3"):
        to_unicode("Cà Mau", "tcvn3")  # 0xE0 is no ABC letter
    with pytest.raises(ValueError, match=r"'ù' \(U\+00F9\) at position 1.*vni"):
        to_unicode("xù", "vni")  # a tone mark after a consonant


def test_unknown_encoding():
    with pytest.raises(ValueError, match=r"Got encoding='viqr'\. Must be one of"):
        to_unicode("abc", "viqr")  # type: ignore[arg-type]


# --- detection ------------------------------------------------------------------------------------


def test_detect_legacy_columns():
    assert detect_encoding([w[1] for w in WORDS]) == "tcvn3"
    assert detect_encoding([w[2] for w in WORDS]) == "vni"
    assert detect_encoding(["N÷", "Nam", "N÷", "Nam"]) == "tcvn3"
    assert detect_encoding(["Nöõ", "Nam", "Nöõ"]) == "vni"


def test_detect_unicode_vietnamese():
    assert detect_encoding([w[0] for w in WORDS]) == "unicode"
    # Latin-1-only Vietnamese: every letter exists in Latin-1 as well.
    assert (
        detect_encoding(["Cà Mau", "Tô Lê", "Phú Thọ", "Bà Rịa", "Lê Thị Hà", "Hà Tĩnh"])
        == "unicode"
    )
    assert detect_encoding(["Ô Môn", "Cà Ná", "Lò Vôi", "Tà Xùa", "Mù Cang Chải"]) == "unicode"


def test_detect_english_and_french_words():
    values = [
        "Total",
        "Women (%)",
        "Café crème, résumé",
        "naïve São Paulo Zürich Müller Noël façade Señor",
        "© 2020 µm ½ ¼ ± §",
        "José André Ça Über Björk",
    ]
    assert detect_encoding(values) == "unicode"
    assert detect_encoding([]) == "unicode"
    assert detect_encoding([None, 3.5, "ABC"]) == "unicode"  # type: ignore[list-item]


def test_detect_needs_enough_evidence():
    assert detect_encoding(["N÷"]) == "unicode"
    assert detect_encoding(["N÷"], min_evidence=1) == "tcvn3"
    # a Unicode column with one legacy cell stays Unicode
    unicode_column = [w[0] for w in WORDS] + ["Cà Mau", "Hà Tĩnh"]
    assert detect_encoding([*unicode_column, "Thanh Hãa"]) == "unicode"


# --- invariants ---------------------------------------------------------------------------------

_INVERSE_TCVN3 = {v: k for k, v in TCVN3.items() if len(v) == 1 and not unicodedata.combining(v)}
_VIET_LETTERS = sorted(_INVERSE_TCVN3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_VIET_LETTERS, *"abcdghklmnpqrstvx ,.0123"]), max_size=30))
def test_tcvn3_round_trip(chars):
    text = "".join(chars)
    legacy = "".join(_INVERSE_TCVN3.get(c, c) for c in text)
    assert to_unicode(legacy, "tcvn3") == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7E, min_codepoint=0x20), max_size=40))
def test_ascii_is_kept(text):
    assert to_unicode(text, "tcvn3") == text
    assert to_unicode(text, "vni") == text
    assert detect_encoding([text]) == "unicode"
