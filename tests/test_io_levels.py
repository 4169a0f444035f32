"""Tests of the level inferred from a unit's name (io/_levels.py)."""

from __future__ import annotations

import pytest

from gender_stats.io._levels import InferredLevelWarning, infer_level, infer_levels


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Huyện Quan Hóa", "district"),
        ("HUYỆN QUAN HOÁ", "district"),
        ("huyen quan hoa", "district"),
        ("Thị xã Bỉm Sơn", "district"),
        ("TX. Bỉm Sơn", "district"),
        ("Thành phố Thanh Hóa", "district"),
        ("TP Thanh Hóa", "district"),
        ("Thành phố thuộc tỉnh Sầm Sơn", "district"),
        ("Quận Ba Đình", "district"),
        ("Quận 1", "district"),
        ("Đảng bộ huyện Nga Sơn", "district"),
        ("Ban Chấp hành Đảng bộ huyện Nga Sơn", "district"),
        ("Huyện ủy Như Thanh", "district"),
        ("Xã Đông Tiến", "commune"),
        ("Phường Điện Biên", "commune"),
        ("Thị trấn Rừng Thông", "commune"),
        ("Đảng ủy xã Xuân Phú", "commune"),
        ("Đặc khu Phú Quốc", "commune"),
        ("Sở Y tế", "agency"),
        ("Sở Lao động - Thương binh và Xã hội", "agency"),
        ("Ban Dân tộc", "agency"),
        ("Cục Thuế tỉnh", "agency"),
        ("Văn phòng UBND tỉnh", "agency"),
        ("Thanh tra tỉnh", "agency"),
        ("Đài Phát thanh và Truyền hình tỉnh", "agency"),
        ("Báo Thanh Hóa", "agency"),
        ("Tỉnh đoàn", "agency"),
        ("Đảng ủy Khối các cơ quan tỉnh", "agency"),
        ("Tỉnh Thanh Hóa", "province"),
        ("Tỉnh ủy Thanh Hóa", "province"),
        ("UBND tỉnh Thanh Hóa", "province"),
        ("Thành phố Hà Nội", "province"),
        ("TP. Hồ Chí Minh", "province"),
        ("Tp.HCM", "province"),
        ("Thành phố trực thuộc TW Cần Thơ", "province"),
    ],
)
def test_infer_level_from_the_first_words(name: str, level: str) -> None:
    assert infer_level(name) == level


@pytest.mark.parametrize(
    "name",
    [
        # places whose names begin like a kind of unit
        "Quan Hóa",
        "Quan Son",
        "Tĩnh Gia",
        "Tinh Gia",
        "Đại Lộc",
        "Bảo Yên",
        "Hội An",
        # a kind with no name, or no kind at all
        "Huyện",
        "Thị trấn",
        "Nga Sơn",
        "",
        "   ",
        # ambiguous: a city of its province until 2025, centrally run since
        "Thành phố Huế",
    ],
)
def test_infer_level_says_none_when_the_name_does_not_tell(name: str) -> None:
    assert infer_level(name) is None


@pytest.mark.parametrize("value", [None, 3, float("nan")])
def test_infer_level_of_a_non_text_is_none(value: object) -> None:
    assert infer_level(value) is None


def test_diacritics_decide_when_typed() -> None:
    # "Quận" (district) and "Quan" (a syllable of a name) differ only by the diacritic
    assert infer_level("Quận Hoàn Kiếm") == "district"
    assert infer_level("Quan Hoàn Kiếm") is None
    assert infer_level("Đài Phát thanh") == "agency"
    assert infer_level("Đại Phát") is None


def test_infer_levels_one_per_distinct_name() -> None:
    assert infer_levels(["Xã A", "Sở B", "Xã A", "?"]) == {
        "Xã A": "commune",
        "Sở B": "agency",
        "?": None,
    }


def test_warning_class_is_a_user_warning() -> None:
    assert issubclass(InferredLevelWarning, UserWarning)
