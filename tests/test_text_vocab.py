import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats._text import loose_key, name_key, nfc, strip_diacritics
from gender_stats.vocab import (
    BODIES,
    TermError,
    normalise_term,
    parse_body,
    parse_level,
    parse_sex,
    parse_term,
    term_bounds,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Huyện Quan Hóa", "Huyện Quan Hoá"),  # tone on o or on a
        ("Cẩm Thủy", "Cẩm Thuỷ"),  # tone on u or on y
        ("Thành phố  Thanh Hóa ", "thành phố thanh hóa"),  # stray spaces and case
        ("Lao động – Thương binh", "Lao động - Thương binh"),  # en dash
        ("Lao động-Thương binh", "Lao động - Thương binh"),  # spacing around a dash
    ],
)
def test_name_key_matches_spelling_variants(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_matches_decomposed_unicode():
    composed = "Hậu Lộc"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert name_key(composed) == name_key(decomposed)
    assert nfc(decomposed) == composed


@pytest.mark.parametrize(("a", "b"), [("Hà Trung", "Hạ Trung"), ("Nga Sơn", "Ngã Sơn")])
def test_name_key_keeps_distinct_letters(a, b):
    assert name_key(a) != name_key(b)


def test_loose_key_and_strip():
    assert strip_diacritics("Đơn vị") == "Don vi"
    assert loose_key("Tổng số") == "tong so"
    assert loose_key(" Tỷ lệ (%) ") == "ty le"
    assert loose_key("NỮ") == "nu"


@given(
    st.text(alphabet="aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐhnt \u0300\u0301\u0303\u0309\u0323", max_size=20)
)
@settings(max_examples=200, deadline=None)
def test_name_key_is_stable_under_normalisation(text):
    assert name_key(text) == name_key(unicodedata.normalize("NFD", text))
    assert name_key(text) == name_key(name_key(text))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Nữ", "F"),
        ("nu", "F"),
        ("NỮ", "F"),
        ("F", "F"),
        ("female", "F"),
        ("Nam", "M"),
        ("nam", "M"),
        ("M", "M"),
        ("male", "M"),
        ("x", None),
        ("", None),
        ("Nữa", None),
    ],
)
def test_parse_sex(value, code):
    assert parse_sex(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Ban Chấp hành", "party_committee"),
        ("BCH", "party_committee"),
        ("Ban Thường vụ", "standing_committee"),
        ("ban thuong vu", "standing_committee"),
        ("Chức danh chủ chốt", "key_posts"),
        ("HĐND", "peoples_council"),
        ("Cán bộ, công chức, viên chức", "staff"),
        ("Đại biểu Quốc hội", "national_assembly"),
        ("standing_committee", "standing_committee"),
        ("Ban Kiểm tra", None),
    ],
)
def test_parse_body(value, code):
    assert parse_body(value) == code


def test_every_body_parses_its_own_labels():
    for code, label in BODIES.items():
        assert parse_body(label.vi) == code
        assert parse_body(label.en) == code
        assert parse_body(code) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Cấp huyện", "district"),
        ("Khối huyện", "district"),
        ("Khối sở, ban, ngành", "agency"),
        ("commune", "commune"),
        ("ward_cluster", "ward_cluster"),
        ("Cấp Vùng", None),
    ],
)
def test_parse_level_known_and_open(value, code):
    assert parse_level(value) == code


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("2015-2020", "2015-2020"),
        ("NHIỆM KỲ 2015 - 2020", "2015-2020"),
        ("2016–2021", "2016-2021"),
        ("nhiệm kỳ 2020 đến 2025", "2020-2025"),
        ("Quốc hội khóa XIV", "2016-2021"),
        ("QUỐC HỘI KHOÁ XV", "2021-2026"),
        ("2020-2015", None),
        ("2015", None),
        ("khóa XCIX", None),
    ],
)
def test_parse_term(value, term):
    assert parse_term(value) == term


def test_term_bounds():
    assert term_bounds("2016-2021") == (2016, 2021)


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("2015-2020", "2015-2020"),
        ("2015 – 2020", "2015-2020"),
        ("2015 - 2020", "2015-2020"),
        ("2015—2020", "2015-2020"),
        ("  2016–2021 ", "2016-2021"),
        ("2015-20", "2015-2020"),
        ("2020 - 25", "2020-2025"),
        ("1999-04", "1999-2004"),
    ],
)
def test_normalise_term_accepts_dashes_spaces_and_short_ends(value, term):
    assert normalise_term(value) == term


@pytest.mark.parametrize(
    "value",
    [
        "2015",
        "2020-2015",
        "2015-2015",
        "2015-2020-2025",
        "2015-06-01",
        "01/06/2015",
        "2015-15",
        "2015-2",
        "nhiệm kỳ 2015-2020",
        "Quốc hội khóa XIV",
        "",
        "abc",
        2015,
        None,
    ],
)
def test_normalise_term_rejects_non_terms_naming_the_value(value):
    shown = f'"{value}"' if value is not None else "(trống / empty)"
    with pytest.raises(TermError, match=r"Nhiệm kỳ không hợp lệ \(invalid term\)") as info:
        normalise_term(value)
    assert shown in str(info.value)
    assert "2015-2020" in str(info.value)
    assert isinstance(info.value, ValueError)


@given(st.integers(1900, 2094), st.integers(1, 5), st.sampled_from(["-", "–", "—", " - ", " – "]))
def test_normalise_term_round_trips(start, length, dash):
    end = start + length
    assert normalise_term(f"{start}{dash}{end}") == f"{start}-{end}"
    assert normalise_term(f"{start}{dash}{end % 100:02d}") == f"{start}-{end}"
    assert normalise_term(normalise_term(f"{start}-{end}")) == f"{start}-{end}"


def test_staff_abbreviations_name_the_staff() -> None:
    from gender_stats.vocab import parse_body

    for written in ("CBCC", "CCVC", "Cán bộ, công chức", "Công chức, viên chức", "CBCCVC"):
        assert parse_body(written) == "staff", written
    assert parse_body("Công an") is None
