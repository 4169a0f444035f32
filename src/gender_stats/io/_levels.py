"""A unit's level inferred from its name, for files that come without a units table.

An office list says ``Huyện Quan Hóa``, ``Phường Ba Đình`` or ``Sở Y tế``: the kind of unit is the first
word(s) of its name.  :func:`infer_level` reads them (any case, with or without diacritics, after an
organisational prefix such as ``Đảng bộ``, ``Ban Chấp hành Đảng bộ`` or ``UBND``).  A reader that uses it
says so with one :class:`InferredLevelWarning`; a units table, a ``level`` column or a section that names
the level always wins over the name.

=========================================================  ============
Name starts with                                           level
=========================================================  ============
Tỉnh, Thành phố trực thuộc TW (Hà Nội, Hồ Chí Minh,        ``province``
Hải Phòng, Đà Nẵng, Cần Thơ), Tỉnh ủy, UBND tỉnh
Huyện, Quận, Thị xã, Thành phố (thuộc tỉnh), TP, TX        ``district``
Xã, Phường, Thị trấn, Đặc khu                              ``commune``
Sở, Ban, Cục, Chi cục, Văn phòng, Thanh tra, Đài, Báo,     ``agency``
Trường, Bệnh viện, Công an, Bộ Chỉ huy, Kho bạc, Tỉnh
đoàn, Hội, Liên đoàn, Khối cơ quan ...
=========================================================  ============

``Thành phố Huế`` is left undecided (``None``): a city of its province until 2025, centrally run since.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gender_stats._text import expand_abbreviation, loose_key, name_key, strip_diacritics
from gender_stats.errors import GenderStatsWarning

__all__ = ["INFERRED_LEVEL_TEMPLATE", "InferredLevelWarning", "infer_level", "infer_levels"]

#: The message of the one warning a reader gives when it inferred levels from names.
INFERRED_LEVEL_TEMPLATE = (
    "Cấp (level) của {n} đơn vị được suy ra từ tên đơn vị (inferred from the unit name), "
    "ví dụ {examples}. Hint: truyền bảng đơn vị (units=) hoặc cột 'Cấp' để xác định rõ "
    "(pass a units table or a level column to state the levels)."
)


class InferredLevelWarning(GenderStatsWarning):
    """Levels were inferred from unit names (``Huyện …`` → district) because the file does not give them."""


# Centrally-run cities (thành phố trực thuộc trung ương) named without "trực thuộc TW".
_CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "HCM", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
# Prefixes naming the organisation of a unit rather than the unit ("Đảng bộ huyện X").
_ORG_PREFIXES = (
    "Ban Chấp hành Đảng bộ",
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Đảng bộ",
    "Đảng ủy",
    "Cấp ủy",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "UBND",
    "HĐND",
    "BCH",
    "BTV",
)
# Word prefixes and their level, tried in this order (most specific first).
_PREFIXES: tuple[tuple[str, str | None], ...] = (
    # agencies whose names begin with a level word
    ("Tỉnh đoàn", "agency"),
    ("Thành đoàn", "agency"),
    ("Huyện đoàn", "agency"),
    ("Thanh tra", "agency"),
    ("Thành phố trực thuộc trung ương", "province"),
    ("Thành phố trực thuộc TW", "province"),
    ("TP trực thuộc trung ương", "province"),
    ("TP trực thuộc TW", "province"),
    ("Thành phố thuộc tỉnh", "district"),
    ("TP thuộc tỉnh", "district"),
    *((f"Thành phố {city}", "province") for city in _CENTRAL_CITIES),
    *((f"TP {city}", "province") for city in _CENTRAL_CITIES),
    *((f"Thành ủy {city}", "province") for city in _CENTRAL_CITIES),
    ("Thành phố Huế", None),
    ("TP Huế", None),
    ("Thành phố", "district"),
    ("Thành ủy", "district"),
    ("TP", "district"),
    ("Tỉnh ủy", "province"),
    ("Tỉnh", "province"),
    ("Huyện", "district"),
    ("Quận", "district"),
    ("Thị xã", "district"),
    ("Thị ủy", "district"),
    ("TX", "district"),
    ("Thị trấn", "commune"),
    ("Xã", "commune"),
    ("Phường", "commune"),
    ("Đặc khu", "commune"),
    ("TT", "commune"),
    ("Sở", "agency"),
    ("Ban", "agency"),
    ("Cục", "agency"),
    ("Chi cục", "agency"),
    ("Văn phòng", "agency"),
    ("Đài", "agency"),
    ("Báo", "agency"),
    ("Trường", "agency"),
    ("Bệnh viện", "agency"),
    ("Công an", "agency"),
    ("Bộ Chỉ huy", "agency"),
    ("Kho bạc", "agency"),
    ("Ngân hàng", "agency"),
    ("Bảo hiểm", "agency"),
    ("Hội", "agency"),
    ("Liên đoàn", "agency"),
    ("Liên minh", "agency"),
    ("Mặt trận", "agency"),
    ("Ủy ban Mặt trận", "agency"),
    ("Ủy ban Kiểm tra", "agency"),
    ("Khối cơ quan", "agency"),
    ("Khối các cơ quan", "agency"),
    ("Khối doanh nghiệp", "agency"),
)
# Places whose names begin with a word that names a kind of unit ("Hội An" is a city, not a "Hội");
# typed without diacritics, more collide ("Quan Hoa" is "Quan Hóa", not "Quận Hoa"; "Dai Loc" is "Đại
# Lộc", not "Đài"; "Tinh Gia" is "Tĩnh Gia", not "Tỉnh").
_PLACE_NAMES = (
    "Hội An",
    "Quan Hóa",
    "Quan Sơn",
    "Đại Lộc",
    "Đại Từ",
    "Bảo Yên",
    "Bảo Lâm",
    "Bảo Lộc",
    "Bảo Thắng",
    "Tĩnh Gia",
    "Bản Lầu",
)
# Prefixes that are whole unit names by themselves.
_WHOLE_NAMES = (
    "Tỉnh đoàn",
    "Thành đoàn",
    "Huyện đoàn",
    "Thanh tra",
    "Tỉnh ủy",
    *(f"{kind} {city}" for kind in ("Thành phố", "TP", "Thành ủy") for city in _CENTRAL_CITIES),
)
_SPLIT = re.compile(r"[^\w\u0300-\u036f]+")


def _words(text: str) -> tuple[tuple[str, str], ...]:
    """Return each word of ``text`` as (exact key, loose key)."""
    return tuple(
        (word, loose_key(word)) for word in _SPLIT.sub(" ", name_key(text)).split() if word
    )


def _compile(
    table: tuple[tuple[str, str | None], ...] | tuple[str, ...],
) -> tuple[tuple[tuple[tuple[str, str], ...], str | None], ...]:
    return tuple(
        (_words(item), None) if isinstance(item, str) else (_words(item[0]), item[1])
        for item in table
    )


_ORG = _compile(_ORG_PREFIXES)
_TABLE = _compile(_PREFIXES)
_WHOLE = frozenset(_words(name) for name in _WHOLE_NAMES)
_PLACES = _compile(_PLACE_NAMES)


def _match(
    words: tuple[tuple[str, str], ...], prefix: tuple[tuple[str, str], ...], *, exact: bool
) -> bool:
    """Whether ``words`` begin with ``prefix`` (with diacritics if ``exact``, else without)."""
    if len(words) < len(prefix):
        return False
    part = 0 if exact else 1
    return all(w[part] == p[part] for w, p in zip(words, prefix, strict=False))


def infer_level(name: object) -> str | None:
    """Return the level a unit name implies, or ``None`` when its first words do not say.

    Parameters
    ----------
    name : object
        A unit name as written (``"Huyện Quan Hóa"``, ``"ĐẢNG BỘ XÃ ĐÔNG TIẾN"``, ``"Sở Y tế"``).

    Returns
    -------
    str or None
        ``"province"``, ``"district"``, ``"commune"``, ``"agency"``, or ``None``.

    Examples
    --------
    >>> [infer_level(n) for n in ("Huyện Quan Hóa", "THỊ XÃ BỈM SƠN", "Thanh pho Thanh Hoa")]
    ['district', 'district', 'district']
    >>> [infer_level(n) for n in ("Phường Ba Đình", "Thị trấn Rừng Thông", "Đảng bộ xã Đông Tiến")]
    ['commune', 'commune', 'commune']
    >>> [infer_level(n) for n in ("Sở Y tế", "Thanh tra tỉnh", "Báo Thanh Hóa", "Tỉnh đoàn")]
    ['agency', 'agency', 'agency', 'agency']
    >>> [infer_level(n) for n in ("Tỉnh Thanh Hóa", "TP. Hồ Chí Minh", "Thành phố Hà Nội")]
    ['province', 'province', 'province']
    >>> print(infer_level("Quan Hóa"), infer_level(None), infer_level("Thành phố Huế"))
    None None None
    >>> [infer_level(n) for n in ("H. Hà Trung", "X.Quảng Phú", "P. Ba Đình", "Q. Ba Đình")]
    ['district', 'commune', 'commune', 'district']
    """
    if name is None or not isinstance(name, str):
        return None
    words = _words(expand_abbreviation(name))
    # A name typed with diacritics must match them; one typed without any matches loosely.
    exact = any(strip_diacritics(word) != word for word, _ in words)
    for prefix, _ in _ORG:
        if len(words) > len(prefix) and _match(words, prefix, exact=exact):
            words = words[len(prefix) :]
            break
    if any(_match(words, place, exact=exact) for place, _ in _PLACES):
        return None
    for prefix, level in _TABLE:
        if _match(words, prefix, exact=exact):
            return level if len(words) > len(prefix) or prefix in _WHOLE else None
    return None


def infer_levels(names: Iterable[object]) -> dict[object, str | None]:
    """Return :func:`infer_level` of each distinct name (one call per distinct name).

    Examples
    --------
    >>> infer_levels(["Huyện A", "Huyện A", "Sở Y tế", "X"])
    {'Huyện A': 'district', 'Sở Y tế': 'agency', 'X': None}
    """
    return {name: infer_level(name) for name in dict.fromkeys(names)}
