"""Generate the bundled SYNTHETIC sample data of Thanh Hóa (``make sample``).

Every number and every person in the files written here is invented by a seeded random generator;
only the list of units (the 27 district-level units of Thanh Hóa in 2015 and the provincial
departments) and the body sizes follow real practice (see data/sample/README.md).

Run from the repository root::

    python scripts/make_sample_data.py            # writes src/gender_stats/_data/sample/
    python scripts/make_sample_data.py --out DIR  # elsewhere (for a check)

The output is byte-for-byte the same on every run with the same library versions: the generator is
seeded, workbook properties carry fixed dates and the zip entries of the workbooks a fixed time stamp.
The workbooks are written with openpyxl directly, independently of the library's readers, so that the
round-trip tests check the readers against a file made another way.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

SEED = 20150323  # the date of the founding letter 2458/BVSTBCPN-VX
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "gender_stats" / "_data" / "sample"
FIXED_TIME = dt.datetime(2015, 3, 23, 8, 0, 0)

PARTY_TERMS = ("2010-2015", "2015-2020", "2020-2025")
COUNCIL_TERMS = ("2011-2016", "2016-2021", "2021-2026")
#: the party term whose key-post holders sit in each council term
COUNCIL_OF_PARTY = dict(zip(COUNCIL_TERMS, PARTY_TERMS, strict=True))

BODY_VI = {
    "party_committee": "Ban Chấp hành",
    "standing_committee": "Ban Thường vụ",
    "key_posts": "Chức danh chủ chốt",
    "peoples_council": "HĐND",
    "staff": "Cán bộ, công chức, viên chức",
}
PARTY_BODIES = ("party_committee", "standing_committee", "key_posts")

# ---------------------------------------------------------------------------------------------
# Units (copied from the domain reference thanh_hoa_units.csv; ids are ours and stable)
DISTRICTS = (
    ("Thành phố Thanh Hóa", "city"),
    ("Thị xã Bỉm Sơn", "town"),
    ("Thị xã Sầm Sơn", "town"),  # a city from 2017
    ("Huyện Bá Thước", "rural_district"),
    ("Huyện Cẩm Thủy", "rural_district"),
    ("Huyện Đông Sơn", "rural_district"),
    ("Huyện Hà Trung", "rural_district"),
    ("Huyện Hậu Lộc", "rural_district"),
    ("Huyện Hoằng Hóa", "rural_district"),
    ("Huyện Lang Chánh", "rural_district"),
    ("Huyện Mường Lát", "rural_district"),
    ("Huyện Nga Sơn", "rural_district"),
    ("Huyện Ngọc Lặc", "rural_district"),
    ("Huyện Như Thanh", "rural_district"),
    ("Huyện Như Xuân", "rural_district"),
    ("Huyện Nông Cống", "rural_district"),
    ("Huyện Quan Hóa", "rural_district"),
    ("Huyện Quan Sơn", "rural_district"),
    ("Huyện Quảng Xương", "rural_district"),
    ("Huyện Thạch Thành", "rural_district"),
    ("Huyện Thiệu Hóa", "rural_district"),
    ("Huyện Thọ Xuân", "rural_district"),
    ("Huyện Thường Xuân", "rural_district"),
    ("Huyện Tĩnh Gia", "rural_district"),  # Thị xã Nghi Sơn from 2020
    ("Huyện Triệu Sơn", "rural_district"),
    ("Huyện Vĩnh Lộc", "rural_district"),
    ("Huyện Yên Định", "rural_district"),
)
# name, kind, head title, deputy title, share of women among new committee members (2010-2015),
# share of women in the staff
AGENCIES = (
    ("Sở Nội vụ", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.16, 0.42),
    ("Sở Tư pháp", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.20, 0.45),
    ("Sở Kế hoạch và Đầu tư", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.14, 0.40),
    ("Sở Tài chính", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.22, 0.52),
    ("Sở Công Thương", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.10, 0.31),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "department",
        "Giám đốc Sở",
        "Phó Giám đốc Sở",
        0.06,
        0.24,
    ),
    ("Sở Giao thông vận tải", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.05, 0.19),
    ("Sở Xây dựng", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.07, 0.22),
    ("Sở Tài nguyên và Môi trường", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.09, 0.29),
    ("Sở Thông tin và Truyền thông", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.12, 0.36),
    (
        "Sở Lao động - Thương binh và Xã hội",
        "department",
        "Giám đốc Sở",
        "Phó Giám đốc Sở",
        0.28,
        0.55,
    ),
    ("Sở Văn hóa Thể thao và Du lịch", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.20, 0.47),
    ("Sở Khoa học và Công nghệ", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.12, 0.38),
    ("Sở Giáo dục và Đào tạo", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.30, 0.64),
    ("Sở Y tế", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.26, 0.68),
    (
        "Thanh tra tỉnh",
        "department",
        "Chánh Thanh tra tỉnh",
        "Phó Chánh Thanh tra tỉnh",
        0.10,
        0.25,
    ),
    (
        "Văn phòng UBND tỉnh",
        "department",
        "Chánh Văn phòng UBND tỉnh",
        "Phó Chánh Văn phòng UBND tỉnh",
        0.15,
        0.41,
    ),
    ("Sở Ngoại vụ", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 0.18, 0.44),
    ("Ban Dân tộc", "department", "Trưởng Ban", "Phó Trưởng Ban", 0.12, 0.33),
    ("Cục Thuế tỉnh", "vertical_agency", "Cục trưởng", "Phó Cục trưởng", 0.20, 0.48),
    ("Cục Thống kê tỉnh", "vertical_agency", "Cục trưởng", "Phó Cục trưởng", 0.24, 0.50),
    (
        "Đài Phát thanh và Truyền hình tỉnh",
        "agency",
        "Giám đốc Đài",
        "Phó Giám đốc Đài",
        0.17,
        0.40,
    ),
    ("Báo Thanh Hóa", "agency", "Tổng Biên tập", "Phó Tổng Biên tập", 0.15, 0.37),
)
#: former or other spellings of a unit; the units table lists the current name
RENAMED = {
    # unit index (0-based in DISTRICTS): (current name, current kind, first term year of the name)
    2: ("Thành phố Sầm Sơn", "city", 2017),
    23: ("Thị xã Nghi Sơn", "town", 2020),
}
EXTRA_ALIASES = {
    "Thành phố Thanh Hóa": ("Thành phố Thanh Hoá", "TP Thanh Hóa"),
    "Thị xã Sầm Sơn": ("TP Sầm Sơn",),
    "Huyện Cẩm Thủy": ("Huyện Cẩm Thuỷ",),
    "Huyện Hoằng Hóa": ("Huyện Hoằng Hoá",),
    "Huyện Quan Hóa": ("Huyện Quan Hoá",),
    "Huyện Thiệu Hóa": ("Huyện Thiệu Hoá",),
    "Sở Văn hóa Thể thao và Du lịch": ("Sở Văn hóa, Thể thao và Du lịch",),
    "Sở Nông nghiệp và Phát triển nông thôn": ("Sở Nông nghiệp và PTNT",),
    "Sở Lao động - Thương binh và Xã hội": ("Sở LĐ-TB&XH",),
    "Báo Thanh Hóa": ("Báo Thanh Hoá",),
}
#: share of women among new district committee members in 2010-2015 (others draw around 0.15)
DISTRICT_WOMEN = {
    "Thành phố Thanh Hóa": 0.24,
    "Huyện Mường Lát": 0.07,
    "Huyện Quan Sơn": 0.09,
    "Huyện Hậu Lộc": 0.12,
    "Huyện Ngọc Lặc": 0.17,
    "Huyện Vĩnh Lộc": 0.21,
    "Huyện Như Thanh": 0.13,
}
#: ethnic composition of cadres in mountainous districts (others: Kinh, a few Mường)
ETHNIC_MIX = {
    "Huyện Mường Lát": {"Thái": 0.45, "Mông": 0.3, "Kinh": 0.2, "Mường": 0.05},
    "Huyện Quan Hóa": {"Thái": 0.45, "Mường": 0.25, "Kinh": 0.25, "Mông": 0.05},
    "Huyện Quan Sơn": {"Thái": 0.6, "Kinh": 0.3, "Mường": 0.1},
    "Huyện Bá Thước": {"Mường": 0.45, "Thái": 0.25, "Kinh": 0.3},
    "Huyện Lang Chánh": {"Thái": 0.4, "Mường": 0.3, "Kinh": 0.3},
    "Huyện Thường Xuân": {"Thái": 0.35, "Mường": 0.2, "Kinh": 0.45},
    "Huyện Ngọc Lặc": {"Mường": 0.5, "Kinh": 0.4, "Thái": 0.1},
    "Huyện Cẩm Thủy": {"Mường": 0.45, "Kinh": 0.55},
    "Huyện Như Xuân": {"Thái": 0.25, "Mường": 0.25, "Kinh": 0.45, "Thổ": 0.05},
    "Huyện Như Thanh": {"Mường": 0.3, "Thái": 0.1, "Kinh": 0.55, "Dao": 0.05},
    "Huyện Thạch Thành": {"Mường": 0.45, "Kinh": 0.55},
}
DEFAULT_MIX = {"Kinh": 0.95, "Mường": 0.05}
AGENCY_MIX = {"Kinh": 0.9, "Mường": 0.06, "Thái": 0.04}

# ---------------------------------------------------------------------------------------------
# Names
SURNAMES = {
    "Kinh": (
        ("Nguyễn", 30),
        ("Lê", 16),
        ("Trần", 9),
        ("Phạm", 7),
        ("Hoàng", 5),
        ("Đỗ", 4),
        ("Vũ", 3),
        ("Trịnh", 5),
        ("Mai", 3),
        ("Bùi", 3),
        ("Hồ", 2),
        ("Đặng", 2),
        ("Ngô", 2),
        ("Dương", 2),
        ("Lương", 1),
        ("Cao", 1),
        ("Đinh", 1),
        ("Tống", 1),
        ("Hà", 1),
    ),
    "Mường": (("Bùi", 30), ("Phạm", 20), ("Quách", 10), ("Đinh", 15), ("Hà", 10), ("Trương", 5)),
    "Thái": (("Lò", 15), ("Hà", 25), ("Lương", 20), ("Vi", 15), ("Cầm", 10), ("Phạm", 10)),
    "Mông": (("Giàng", 30), ("Thào", 25), ("Vàng", 20), ("Sùng", 15), ("Lầu", 10)),
    "Dao": (("Triệu", 50), ("Bàn", 30), ("Lý", 20)),
    "Thổ": (("Lê", 40), ("Trương", 30), ("Nguyễn", 30)),
}
MIDDLE = {
    "M": ("Văn", "Văn", "Đình", "Xuân", "Hữu", "Minh", "Quang", "Ngọc", "Đức", "Trọng", "Công"),
    "F": ("Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Minh", "Thúy"),
}
GIVEN = {
    "M": (
        "Hùng",
        "Dũng",
        "Tuấn",
        "Thắng",
        "Hải",
        "Sơn",
        "Cường",
        "Long",
        "Nam",
        "Bình",
        "Hòa",
        "Thành",
        "Trung",
        "Quân",
        "Hiếu",
        "Tùng",
        "Việt",
        "Khánh",
        "Phong",
        "Toàn",
        "Lâm",
        "Thịnh",
        "Đông",
        "Chiến",
        "Lợi",
    ),
    "F": (
        "Hoa",
        "Lan",
        "Hương",
        "Hằng",
        "Mai",
        "Nga",
        "Thủy",
        "Hà",
        "Linh",
        "Phương",
        "Thảo",
        "Yến",
        "Huyền",
        "Dung",
        "Loan",
        "Nhung",
        "Hiền",
        "Oanh",
        "Vân",
        "Tâm",
    ),
}
MINORITY_MIDDLE = {"M": ("Văn", "Công", "Đức"), "F": ("Thị",)}
HMONG_MIDDLE = {"M": ("A", "Seo", "Văn"), "F": ("Thị", "Y")}

# Ordinary posts of committee members who hold no key post
DISTRICT_POSTS = (
    "Trưởng Ban Tuyên giáo {party}",
    "Trưởng Ban Dân vận {party}",
    "Chánh Văn phòng {party}",
    "Chủ tịch Ủy ban MTTQ {place}",
    "Bí thư {place_cap}đoàn",
    "Trưởng Công an {place}",
    "Chỉ huy trưởng Ban CHQS {place}",
    "Trưởng phòng Nội vụ",
    "Trưởng phòng Tài chính - Kế hoạch",
    "Trưởng phòng Giáo dục và Đào tạo",
    "Trưởng phòng Nông nghiệp và PTNT",
    "Chánh Văn phòng HĐND và UBND",
    "Giám đốc Trung tâm Y tế {place}",
    "Chánh án TAND {place}",
    "Viện trưởng VKSND {place}",
    "Chủ tịch Liên đoàn Lao động {place}",
)
COUNCIL_RANK = {
    "Chủ tịch HĐND": 0,
    "Phó Chủ tịch HĐND": 1,
    "Trưởng Ban Pháp chế HĐND": 2,
    "Trưởng Ban Kinh tế - Xã hội HĐND": 3,
}
MEN_ONLY = ("Trưởng Công an", "Chỉ huy trưởng")
COMMUNE_POSTS = ("Bí thư Đảng ủy xã", "Bí thư Đảng ủy thị trấn", "Chủ tịch UBND xã")
AGENCY_POSTS = (
    "Chánh Văn phòng",
    "Trưởng phòng Tổ chức cán bộ",
    "Trưởng phòng Kế hoạch - Tài chính",
    "Trưởng phòng Nghiệp vụ",
    "Chủ tịch Công đoàn",
    "Bí thư Đoàn Thanh niên",
    "Bí thư Chi bộ",
    "Trưởng phòng Tổng hợp",
    "Bí thư Chi bộ",
)


@dataclasses.dataclass
class Person:
    person_id: str
    full_name: str
    sex: str
    birth_year: int
    ethnicity: str


@dataclasses.dataclass
class Unit:
    unit_id: str
    base_name: str
    kind: str
    level: str
    index: int
    women: float  # share of women among new committee members in 2010-2015
    staff_women: float
    head: str = ""
    deputy: str = ""

    def name_in(self, term: str) -> str:
        """Return the name the unit had at the start of ``term``."""
        if self.level == "district" and self.index in RENAMED:
            new_name, _, since = RENAMED[self.index]
            return new_name if int(term[:4]) >= since else self.base_name
        return self.base_name

    def current(self) -> tuple[str, str]:
        if self.level == "district" and self.index in RENAMED:
            new_name, new_kind, _ = RENAMED[self.index]
            return new_name, new_kind
        return self.base_name, self.kind


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.n_people = 0
        self.names_used: set[str] = set()

    # -- people ------------------------------------------------------------------------------
    def pick(self, options: dict[str, float]) -> str:
        keys = list(options)
        p = np.array([options[k] for k in keys], dtype=float)
        return str(keys[self.rng.choice(len(keys), p=p / p.sum())])

    def name(self, sex: str, ethnicity: str) -> str:
        for _ in range(50):
            surnames = dict(SURNAMES.get(ethnicity, SURNAMES["Kinh"]))
            surname = self.pick({k: float(v) for k, v in surnames.items() if v > 0})
            if ethnicity in ("Kinh", "Thổ"):
                middles = MIDDLE[sex]
            elif ethnicity == "Mông":
                middles = HMONG_MIDDLE[sex]
            else:
                middles = MINORITY_MIDDLE[sex]
            middle = str(self.rng.choice(middles))
            given = str(self.rng.choice(GIVEN[sex]))
            full = f"{surname} {middle} {given}"
            if full not in self.names_used:
                self.names_used.add(full)
                return full
        return full  # namesakes exist in real lists too

    def person(self, sex: str, term_start: int, mix: dict[str, float], *, low: int = 32) -> Person:
        self.n_people += 1
        ethnicity = self.pick(mix)
        high = 54 if sex == "F" else 57
        age = int(np.clip(self.rng.normal(47, 6), low, high))
        return Person(
            person_id=f"CB{self.n_people:05d}",
            full_name=self.name(sex, ethnicity),
            sex=sex,
            birth_year=term_start - age,
            ethnicity=ethnicity,
        )

    def weighted_sample(self, people: list[Person], k: int, women_weight: float) -> list[Person]:
        """Return ``k`` of ``people`` without replacement, women weighted by ``women_weight``."""
        if k >= len(people):
            return list(people)
        w = np.array([women_weight if p.sex == "F" else 1.0 for p in people])
        idx = self.rng.choice(len(people), size=k, replace=False, p=w / w.sum())
        return [people[i] for i in sorted(idx)]


def make_units() -> list[Unit]:
    units = []
    rng = np.random.default_rng(SEED + 1)
    for i, (name, kind) in enumerate(DISTRICTS):
        women = DISTRICT_WOMEN.get(name, float(np.clip(rng.normal(0.15, 0.04), 0.06, 0.26)))
        staff = float(np.clip(rng.normal(0.36, 0.05), 0.26, 0.46))
        units.append(Unit(f"TH-H{i + 1:02d}", name, kind, "district", i, women, staff))
    for i, (name, kind, head, deputy, women, staff) in enumerate(AGENCIES):
        units.append(
            Unit(
                f"TH-S{i + 1:02d}", name, kind, "agency", i, women, staff, head=head, deputy=deputy
            )
        )
    return units


def units_table(units: list[Unit]) -> pd.DataFrame:
    rows = [
        {
            "unit_id": "TH",
            "unit_name": "Tỉnh Thanh Hóa",
            "level": "province",
            "kind": "province",
            "parent_id": "",
            "aliases": "Thanh Hoá|Tỉnh Thanh Hoá",
        }
    ]
    for u in units:
        name, kind = u.current()
        aliases = [u.base_name] if name != u.base_name else []
        aliases += EXTRA_ALIASES.get(u.base_name, ())
        if u.base_name == "Huyện Tĩnh Gia":
            aliases.append("TX Nghi Sơn")
        rows.append(
            {
                "unit_id": u.unit_id,
                "unit_name": name,
                "level": u.level,
                "kind": kind,
                "parent_id": "TH",
                "aliases": "|".join(aliases),
            }
        )
    return pd.DataFrame(rows)


def _district_words(name: str) -> dict[str, str]:
    prefix, _, place_name = name.partition(" ")
    if name.startswith("Thành phố"):
        party, place, cap = "Thành ủy", "thành phố", "Thành "
    elif name.startswith("Thị xã"):
        party, place, cap = "Thị ủy", "thị xã", "Thị "
    else:
        party, place, cap = "Huyện ủy", "huyện", "Huyện "
    del prefix, place_name
    return {"party": party, "place": place, "place_cap": cap}


def district_key_posts(gen: Generator, words: dict[str, str]) -> list[tuple[str, bool]]:
    """Return the key posts of a district as (post, sits in the standing committee)."""
    party, place = words["party"], words["place"]
    posts = [
        (f"Bí thư {party}", True),
        (f"Phó Bí thư Thường trực {party}, Chủ tịch HĐND {place}", True),
        (f"Phó Bí thư {party}, Chủ tịch UBND {place}", True),
        (f"Phó Chủ tịch HĐND {place}", False),
        (f"Phó Chủ tịch UBND {place}", True),
        (f"Phó Chủ tịch UBND {place}", False),
    ]
    extras = [
        (f"Phó Chủ tịch UBND {place}", False),
        (f"Chủ nhiệm Ủy ban Kiểm tra {party}", True),
        (f"Trưởng Ban Tổ chức {party}", True),
    ]
    k = int(gen.rng.integers(0, 4))
    posts += [extras[i] for i in sorted(gen.rng.choice(3, size=k, replace=False))]
    return posts


def agency_key_posts(gen: Generator, unit: Unit) -> list[tuple[str, bool]]:
    posts = [(f"Bí thư Đảng ủy, {unit.head}", True), (f"Phó Bí thư Đảng ủy, {unit.deputy}", True)]
    posts += [(unit.deputy, False)] * int(gen.rng.integers(3, 6))
    return posts


@dataclasses.dataclass
class Seat:
    person: Person
    post: str


def party_term(
    gen: Generator, unit: Unit, term: str, previous: list[Person], mix: dict[str, float]
) -> tuple[dict[str, list[Seat]], list[Person]]:
    """Return the seats of the three party bodies of ``unit`` in ``term`` and the committee."""
    start = int(term[:4])
    step = PARTY_TERMS.index(term)
    district = unit.level == "district"
    if district:
        size = (
            int(gen.rng.integers(33, 46))
            if gen.rng.random() > 0.15
            else int(gen.rng.integers(30, 33))
        )
        standing_size = min(int(gen.rng.integers(11, 16)), size // 3)
    else:
        size = int(gen.rng.integers(9, 16))
        standing_size = min(int(gen.rng.integers(3, 6)), size // 3)
    p_women = min(unit.women + 0.02 * step + float(gen.rng.normal(0, 0.02)), 0.6)
    p_women = max(p_women, 0.0)
    # re-elected members: younger than the retirement age at the new term, about half of them
    kept = [
        p
        for p in previous
        if start - p.birth_year <= (53 if p.sex == "F" else 56) and gen.rng.random() < 0.5
    ][:size]
    committee = list(kept)
    while len(committee) < size:
        sex = "F" if gen.rng.random() < p_women else "M"
        committee.append(gen.person(sex, start, mix))
    # key posts: chosen among committee members (women less often: they are fewer in the pipeline)
    posts = (
        district_key_posts(gen, _district_words(unit.name_in(term)))
        if district
        else (agency_key_posts(gen, unit))
    )
    holders = gen.weighted_sample(committee, len(posts), 0.7)
    order = gen.rng.permutation(len(holders))
    holders = [holders[i] for i in order]
    post_of = {h.person_id: post for h, (post, _) in zip(holders, posts, strict=True)}
    in_standing = [h for h, (_, st) in zip(holders, posts, strict=True) if st][:standing_size]
    others = [p for p in committee if p.person_id not in {s.person_id for s in in_standing}]
    standing = in_standing + gen.weighted_sample(others, standing_size - len(in_standing), 0.8)
    # ordinary posts for everybody else
    words = _district_words(unit.name_in(term)) if district else {}
    ordinary = list(DISTRICT_POSTS if district else AGENCY_POSTS)
    free = [p for p in committee if p.person_id not in post_of]
    women_free = [p for p in free if p.sex == "F"]
    if district and women_free:
        post_of[women_free[0].person_id] = f"Chủ tịch Hội LHPN {words['place']}"
    for p in free:
        if p.person_id in post_of:
            continue
        # police and military commanders are men in practice
        fits = [t for t in ordinary if p.sex == "M" or not t.startswith(MEN_ONLY)]
        if fits:
            title = fits[0]
            ordinary.remove(title)
            post_of[p.person_id] = title.format(**words)
        else:
            post_of[p.person_id] = str(gen.rng.choice(COMMUNE_POSTS if district else AGENCY_POSTS))
    standing_ids = {p.person_id for p in standing}
    seats = {
        "party_committee": [Seat(p, post_of[p.person_id]) for p in committee],
        "standing_committee": [
            Seat(p, post_of[p.person_id]) for p in committee if p.person_id in standing_ids
        ],
        "key_posts": [Seat(h, post_of[h.person_id]) for h in holders],
    }
    return seats, committee


def council_term(
    gen: Generator, unit: Unit, term: str, key_posts: list[Seat], committee: list[Person]
) -> list[Seat]:
    """Return the deputies of a district People's Council in ``term``."""
    start = int(term[:4])
    step = COUNCIL_TERMS.index(term)
    size = int(gen.rng.integers(30, 41))
    mix = ETHNIC_MIX.get(unit.base_name, DEFAULT_MIX)
    seats = [s for s in key_posts if "HĐND" in s.post or "Bí thư" in s.post.split(",")[0]][:4]
    used = {s.person.person_id for s in seats}
    council_posts = {
        s.person.person_id: ("Chủ tịch HĐND" if "Chủ tịch HĐND" in s.post else "Đại biểu HĐND")
        for s in seats
    }
    for s in seats:
        if s.post.startswith("Phó Chủ tịch HĐND"):
            council_posts[s.person.person_id] = "Phó Chủ tịch HĐND"
    members = [p for p in committee if p.person_id not in used]
    for p in gen.weighted_sample(members, int(gen.rng.integers(6, 11)), 1.0):
        seats.append(Seat(p, "Đại biểu HĐND"))
        council_posts[p.person_id] = "Đại biểu HĐND"
    p_women = 0.27 + 0.025 * step + float(gen.rng.normal(0, 0.04))
    while len(seats) < size:
        sex = "F" if gen.rng.random() < p_women else "M"
        p = gen.person(sex, start, mix, low=27)
        seats.append(Seat(p, "Đại biểu HĐND"))
        council_posts[p.person_id] = "Đại biểu HĐND"
    for title in ("Trưởng Ban Pháp chế HĐND", "Trưởng Ban Kinh tế - Xã hội HĐND"):
        for s in seats[4:]:
            if council_posts[s.person.person_id] == "Đại biểu HĐND":
                council_posts[s.person.person_id] = title
                break
    out = [Seat(s.person, council_posts[s.person.person_id]) for s in seats]
    return sorted(out, key=lambda s: COUNCIL_RANK.get(s.post, len(COUNCIL_RANK)))


def generate() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the units table, the roster and the staff counts."""
    gen = Generator(SEED)
    units = make_units()
    rows: list[dict[str, object]] = []
    staff_rows: list[dict[str, object]] = []
    party_seats: dict[tuple[str, str], dict[str, list[Seat]]] = {}
    committees: dict[tuple[str, str], list[Person]] = {}
    for unit in units:
        previous: list[Person] = []
        mix = (
            ETHNIC_MIX.get(unit.base_name, DEFAULT_MIX) if unit.level == "district" else AGENCY_MIX
        )
        staff_total = (
            int(gen.rng.integers(180, 460))
            if unit.level == "district"
            else int(gen.rng.integers(60, 700))
        )
        for term in PARTY_TERMS:
            seats, committee = party_term(gen, unit, term, previous, mix)
            party_seats[(term, unit.unit_id)] = seats
            committees[(term, unit.unit_id)] = committee
            previous = committee
            staff_total = max(40, staff_total + int(gen.rng.integers(-25, 30)))
            share = unit.staff_women + 0.01 * PARTY_TERMS.index(term)
            female = int(gen.rng.binomial(staff_total, min(share, 0.9)))
            staff_rows.append(
                {
                    "term": term,
                    "unit_id": unit.unit_id,
                    "unit_name": unit.name_in(term),
                    "level": unit.level,
                    "body": "staff",
                    "total": staff_total,
                    "female": female,
                }
            )
    council_seats: dict[tuple[str, str], list[Seat]] = {}
    for unit in units:
        if unit.level != "district":
            continue
        for term in COUNCIL_TERMS:
            party = COUNCIL_OF_PARTY[term]
            council_seats[(term, unit.unit_id)] = council_term(
                gen,
                unit,
                term,
                party_seats[(party, unit.unit_id)]["key_posts"],
                committees[(party, unit.unit_id)],
            )
    for term in sorted((*PARTY_TERMS, *COUNCIL_TERMS)):
        for unit in units:
            if term in PARTY_TERMS:
                bodies = party_seats[(term, unit.unit_id)]
            elif (term, unit.unit_id) in council_seats:
                bodies = {"peoples_council": council_seats[(term, unit.unit_id)]}
            else:
                continue
            for body, seats in bodies.items():
                for seat in seats:
                    p = seat.person
                    rows.append(
                        {
                            "term": term,
                            "unit_id": unit.unit_id,
                            "unit_name": unit.name_in(term),
                            "level": unit.level,
                            "body": body,
                            "person_id": p.person_id,
                            "full_name": p.full_name,
                            "sex": p.sex,
                            "birth_year": p.birth_year,
                            "ethnicity": p.ethnicity,
                            "post": seat.post,
                        }
                    )
    roster = pd.DataFrame(rows)
    roster["birth_year"] = roster["birth_year"].astype("Int64")
    return units_table(units), roster, pd.DataFrame(staff_rows)


def tidy_counts(roster: pd.DataFrame, staff: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Return long counts of every body (the canonical counts layout) with the unit kind."""
    keys = ["term", "unit_id", "unit_name", "level", "body"]
    counted = (
        roster.assign(total=1, female=(roster["sex"] == "F").astype("int64"))
        .groupby(keys, sort=False)[["total", "female"]]
        .sum()
        .reset_index()
    )
    counts = pd.concat([counted, staff], ignore_index=True)
    body_order = {b: i for i, b in enumerate(BODY_VI)}
    unit_order = {u: i for i, u in enumerate(units["unit_id"])}
    counts = counts.sort_values(
        ["term", "unit_id", "body"],
        key=lambda s: (
            s.map(body_order)
            if s.name == "body"
            else (s.map(unit_order) if s.name == "unit_id" else s)
        ),
    ).reset_index(drop=True)
    kind = units.set_index("unit_id")["kind"]
    counts.insert(4, "kind", counts["unit_id"].map(kind))
    return counts


# ---------------------------------------------------------------------------------------------
# Workbooks
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)


def _term_title(term: str) -> str:
    start, end = term.split("-")
    return f"NHIỆM KỲ {start} - {end}"


def share_one_decimal(female: int, total: int) -> float | None:
    """Return 100·female/total rounded half up to one decimal, or None when total is 0."""
    if total == 0:
        return None
    value = (Decimal(female) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(value)


def _new_workbook(title: str) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    props = wb.properties
    props.creator = "gender_stats scripts/make_sample_data.py"
    props.title = title
    props.description = "SYNTHETIC sample data (dữ liệu mẫu giả lập), not real figures."
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.lastModifiedBy = "gender_stats"
    return wb


def _cell(ws, row: int, col: int, value: object, *, bold: bool = False, fmt: str | None = None):
    c = ws.cell(row=row, column=col, value=value)
    c.border = BOX
    if bold:
        c.font = BOLD
    if fmt:
        c.number_format = fmt
    return c


def write_counts_wide(counts: pd.DataFrame, units: pd.DataFrame, path: Path) -> None:
    wb = _new_workbook("Báo cáo số liệu cán bộ nữ (SYNTHETIC)")
    level_of = units.set_index("unit_id")["level"]
    order = list(units["unit_id"])
    for term in sorted(counts["term"].unique()):
        party = term in PARTY_TERMS
        bodies = [*PARTY_BODIES, "staff"] if party else ["peoples_council"]
        ws = wb.create_sheet(term)
        ncol = 2 + 3 * len(bodies)
        ws.cell(row=1, column=1, value="BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH THANH HÓA").font = BOLD
        what = (
            "TRONG CẤP ỦY, CHỨC DANH CHỦ CHỐT VÀ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"
            if party
            else "LÀ ĐẠI BIỂU HĐND CẤP HUYỆN"
        )
        ws.cell(row=2, column=1, value=f"BÁO CÁO SỐ LIỆU CÁN BỘ NỮ {what} {_term_title(term)}")
        ws.cell(row=2, column=1).font = BOLD
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
        for col, text in ((1, "STT"), (2, "Đơn vị")):
            _cell(ws, 4, col, text, bold=True).alignment = CENTER
            _cell(ws, 5, col, None)
            ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
        for i, body in enumerate(bodies):
            col = 3 + 3 * i
            _cell(ws, 4, col, BODY_VI[body], bold=True).alignment = CENTER
            _cell(ws, 4, col + 1, None)
            _cell(ws, 4, col + 2, None)
            ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + 2)
            for j, sub in enumerate(("Tổng số", "Nữ", "Tỷ lệ (%)")):
                _cell(ws, 5, col + j, sub, bold=True).alignment = CENTER
        table = counts[counts["term"] == term].pivot_table(
            index=["unit_id", "unit_name"],
            columns="body",
            values=["total", "female"],
            aggfunc="sum",
        )
        names = dict(table.index.tolist())
        row = 6
        sums = {b: [0, 0] for b in bodies}
        sections = (("I", "Khối huyện, thị xã, thành phố", "district"),)
        if party:
            sections += (("II", "Khối sở, ban, ngành", "agency"),)
        for roman, label, level in sections:
            _cell(ws, row, 1, roman, bold=True)
            _cell(ws, row, 2, label, bold=True)
            for col in range(3, ncol + 1):
                _cell(ws, row, col, None)
            row += 1
            stt = 0
            for unit_id in order:
                if level_of[unit_id] != level or unit_id not in names:
                    continue
                stt += 1
                _cell(ws, row, 1, stt)
                _cell(ws, row, 2, names[unit_id])
                for i, body in enumerate(bodies):
                    total = int(table.at[(unit_id, names[unit_id]), ("total", body)])
                    female = int(table.at[(unit_id, names[unit_id]), ("female", body)])
                    sums[body][0] += total
                    sums[body][1] += female
                    col = 3 + 3 * i
                    _cell(ws, row, col, total)
                    _cell(ws, row, col + 1, female)
                    _cell(ws, row, col + 2, share_one_decimal(female, total), fmt="0.0")
                row += 1
        _cell(ws, row, 1, None)
        _cell(ws, row, 2, "Tổng cộng", bold=True)
        for i, body in enumerate(bodies):
            total, female = sums[body]
            col = 3 + 3 * i
            _cell(ws, row, col, total, bold=True)
            _cell(ws, row, col + 1, female, bold=True)
            _cell(ws, row, col + 2, share_one_decimal(female, total), bold=True, fmt="0.0")
        ws.column_dimensions["A"].width = 5
        ws.column_dimensions["B"].width = 40
        for col in range(3, ncol + 1):
            ws.column_dimensions[get_column_letter(col)].width = 9
        ws.freeze_panes = "C6"
    save_deterministic(wb, path)


def write_counts_messy(counts: pd.DataFrame, units: pd.DataFrame, path: Path) -> None:
    """Write a return as offices send it: a 3-row header with line breaks, column numbers,
    sections with subtotals, a note between data rows, a Ghi chú column, a grand total, a footnote,
    a date line and a signature block (numbers from the sample, 2020-2025)."""
    wb = _new_workbook("Báo cáo gửi về (SYNTHETIC)")
    ws = wb.create_sheet("Biểu 01")
    term = "2020-2025"
    rows: list[list[object]] = [
        ["TỈNH ỦY THANH HÓA", None, None, None, None, None, None, "Biểu số 01"],
        ["BAN TỔ CHỨC"],
        [
            f"TỔNG HỢP SỐ LIỆU NỮ THAM GIA CẤP ỦY {_term_title(term).lower().capitalize()} (SYNTHETIC)"
        ],
        [None, None, None, None, None, None, None, "Đvt: người"],
        ["Số\nTT", "Đơn vị", "Cấp ủy", None, None, None, None, "Ghi chú"],
        [None, None, "Ban Chấp hành", None, "Ban\nThường vụ", None, None, None],
        [None, None, "Tổng\nsố", "Trong đó\nnữ", "Tổng số", "Nữ", "Tỷ lệ\nnữ (%)", None],
        ["A", "B", 1, 2, 3, 4, 5, 6],
    ]
    pick = {"district": ["TH-H01", "TH-H02", "TH-H03", "TH-H04"], "agency": ["TH-S01", "TH-S02"]}
    data = counts[(counts["term"] == term) & counts["body"].isin(PARTY_BODIES[:2])]
    table = data.pivot_table(index="unit_id", columns="body", values=["total", "female"])
    names = dict(zip(units["unit_id"], units["unit_name"], strict=True))
    grand = [0, 0, 0, 0]
    for roman, label, level, word in (
        ("I", "Khối huyện, thị xã, thành phố", "district", "Cộng khối huyện"),
        ("II", "Khối sở, ban, ngành", "agency", "Cộng khối sở, ngành"),
    ):
        rows.append([roman, label])
        sums = [0, 0, 0, 0]
        for i, unit_id in enumerate(pick[level], start=1):
            values = [
                int(table.at[unit_id, (k, b)])
                for b in PARTY_BODIES[:2]
                for k in ("total", "female")
            ]
            note = "bầu thiếu 1, bổ sung sau đại hội" if i == 2 else None
            share = share_one_decimal(values[3], values[2])
            rows.append([i, names[unit_id], *values, str(share).replace(".", ","), note])
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            if i == 1 and level == "district":
                rows.append(["Ghi chú: số liệu sau khi kiện toàn tháng 12/2020"])
        rows.append([None, word, *sums])
        grand = [a + b for a, b in zip(grand, sums, strict=True)]
    rows.append([None, "TỔNG CỘNG (I+II)", *grand])
    rows.append(["(*) Số liệu tổng hợp ngẫu nhiên, không phải số liệu thật (synthetic)."])
    rows.append([])
    rows.append([None, None, None, None, "Thanh Hóa, ngày 15 tháng 01 năm 2021"])
    rows.append([None, None, None, None, "NGƯỜI LẬP BIỂU", None, "TRƯỞNG BAN"])
    rows.append([None, None, None, None, "(Ký, ghi rõ họ tên)"])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                _cell(ws, r, c, value, bold=r in (1, 3, 5, 6, 7)).alignment = CENTER
    for rng in ("A5:A7", "B5:B7", "C5:G5", "C6:D6", "E6:G6", "H5:H7"):
        ws.merge_cells(rng)
    ws.column_dimensions["B"].width = 36
    save_deterministic(wb, path)


def write_roster_xlsx(roster: pd.DataFrame, path: Path) -> None:
    wb = _new_workbook("Danh sách trích ngang (SYNTHETIC)")
    headers = ("STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Chức vụ", "Đơn vị", "Cơ quan")
    headers += ("Mã cán bộ",)
    for term, part in roster.groupby("term", sort=True):
        ws = wb.create_sheet(str(term))
        what = (
            "CẤP ỦY, CHỨC DANH CHỦ CHỐT"
            if term in PARTY_TERMS
            else "ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CẤP HUYỆN"
        )
        ws.cell(row=1, column=1, value=f"DANH SÁCH TRÍCH NGANG {what} {_term_title(str(term))}")
        ws.cell(row=1, column=1).font = BOLD
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        for col, text in enumerate(headers, start=1):
            if text is None:
                continue
            _cell(ws, 3, col, text, bold=True).alignment = CENTER
            if text == "Năm sinh":
                _cell(ws, 3, col + 1, None)
                ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + 1)
                _cell(ws, 4, col, "Nam", bold=True).alignment = CENTER
                _cell(ws, 4, col + 1, "Nữ", bold=True).alignment = CENTER
            else:
                _cell(ws, 4, col, None)
                ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
        for i, rec in enumerate(part.itertuples(index=False), start=1):
            row = 4 + i
            year = int(rec.birth_year)
            values = (
                i,
                rec.full_name,
                year if rec.sex == "M" else None,
                year if rec.sex == "F" else None,
                rec.ethnicity,
                rec.post,
                rec.unit_name,
                BODY_VI[str(rec.body)],
                rec.person_id,
            )
            for col, value in enumerate(values, start=1):
                _cell(ws, row, col, value)
        for letter, width in zip("ABCDEFGHI", (6, 24, 7, 7, 8, 46, 30, 18, 10), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "C5"
    save_deterministic(wb, path)


_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save ``wb`` with fixed property dates and zip time stamps (same bytes on every run)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _DATES.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    path.write_bytes(out.getvalue())


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    units, roster, staff = generate()
    counts = tidy_counts(roster, staff, units)
    staff_out = counts[counts["body"] == "staff"].reset_index(drop=True)
    write_csv(units, out / "units.csv")
    roster.to_parquet(out / "roster.parquet", index=False, compression="zstd")
    write_csv(staff_out, out / "staff.csv")
    write_csv(counts, out / "counts.csv")
    write_counts_wide(counts, units, out / "counts_wide.xlsx")
    write_counts_messy(counts, units, out / "counts_messy.xlsx")
    write_roster_xlsx(roster, out / "roster_trich_ngang.xlsx")
    for name in sorted(p.name for p in out.iterdir()):
        print(f"{out / name}  {(out / name).stat().st_size:>9,d} bytes")


if __name__ == "__main__":
    main()
