"""The unit a title block names: the issuing body of a form, or the province in a title (private).

Official forms name their unit only above the table.  Party documents put the body above the issuer
first (``ĐẢNG BỘ TỈNH THANH HÓA`` over ``HUYỆN ỦY NGA SƠN``): the issuer is the lower line.  Other
issuers: ``BAN TỔ CHỨC HUYỆN ỦY …``, ``ĐẢNG ỦY XÃ …``, ``ỦY BAN BẦU CỬ TỈNH …``, ``UBND …``,
``HỘI LIÊN HIỆP PHỤ NỮ TỈNH …``.  A summary may name its province inside the title (``… HĐND CÁC CẤP
TỈNH NGHỆ AN NHIỆM KỲ 2021-2026``).  What follows the name (``KHÓA XV``, ``NHIỆM KỲ …``, ``BAN TỔ
CHỨC`` on a second line of the cell) is not part of it.  Two different units, where the party
format does not say which issues the form, are ambiguous: :func:`title_units` returns both and the
reader reports them instead of choosing.
"""

from __future__ import annotations

import dataclasses
import re

from gender_stats._text import loose_key, nfc

#: Kinds of administrative unit, as word keys -> the name's first word.
_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("thanh", "pho"), "Thành phố"),
    (("thi", "xa"), "Thị xã"),
    (("thi", "tran"), "Thị trấn"),
    (("tinh",), "Tỉnh"),
    (("huyen",), "Huyện"),
    (("quan",), "Quận"),
    (("xa",), "Xã"),
    (("phuong",), "Phường"),
    (("tp",), "Thành phố"),
)
#: Committees named after their unit: ``HUYỆN ỦY NGA SƠN`` is the committee of Huyện Nga Sơn.
_COMMITTEES = {
    ("tinh", "uy"): "Tỉnh",
    ("huyen", "uy"): "Huyện",
    ("thanh", "uy"): "Thành phố",
    ("thi", "uy"): "Thị xã",
    ("quan", "uy"): "Quận",
}
#: Issuing bodies that precede a kind and a name (word keys).
_ISSUERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(s.split())
    for s in (
        "ban chap hanh dang bo",
        "dang bo",
        "dang uy",
        "ban to chuc",
        "ban tuyen giao",
        "uy ban bau cu",
        "ubbc",
        "uy ban nhan dan",
        "ubnd",
        "hoi dong nhan dan",
        "hdnd",
        "hoi lien hiep phu nu",
        "hoi lhpn",
        "ban vi su tien bo cua phu nu",
        "ban vi su tien bo phu nu",
        "ban vstbpn",
        "so noi vu",
        "uy ban mat tran to quoc viet nam",
        "ubmttq",
    )
)
#: Words that end a unit name (what follows is the congress, the term, another body ...).
_STOP = frozenset(
    {
        "nhiem",
        "khoa",
        "nk",
        "lan",
        "giai",
        "cac",
        "va",
        "ve",
        "theo",
        "den",
        "nguon",
        "ngay",
        "thuoc",
        "truc",
    }
)
_STOP_BEFORE = {
    "ban": {"to", "chap", "thuong", "vi", "tuyen", "dan", "kiem", "bau"},
    "hoi": {"dong", "lien", "phu", "lhpn", "nong", "cuu"},
    "dang": {"bo", "uy"},
    "uy": {"ban", "vien"},
    "nam": None,  # "NĂM 2021" ends a name; "Hà Nam", "Nam Đàn" do not
}
#: Words before a kind that make it a level, not a unit (``CẤP TỈNH``, ``CÁC HUYỆN``).
_NOT_BEFORE = frozenset(
    {"cac", "khoi", "toan", "trong", "ngoai", "moi", "hoa", "thuoc", "tren", "ban"}
)
_MOTTO = "cong hoa xa hoi chu nghia"
_KIND_TEXT = re.compile(
    r"^(TỈNH|HUYỆN|XÃ|PHƯỜNG|QUẬN|THỊ XÃ|THỊ TRẤN|THÀNH PHỐ|TP\.?)$", flags=re.IGNORECASE
)


@dataclasses.dataclass(frozen=True)
class Named:
    """A unit a title line names, where, and how."""

    name: str
    row: int
    col: int
    issuer: str  # "superior" (ĐẢNG BỘ …), "issuer" (another issuing body) or "title"


def _words(line: str) -> tuple[list[str], list[str]]:
    words = re.findall(r"[^\s,;:()\[\]/]+|[,;:()\[\]/]", nfc(line))
    return words, [loose_key(w) for w in words]


def _kind_at(keys: list[str], i: int) -> tuple[int, str] | None:
    for pattern, kind in _KINDS:
        if tuple(keys[i : i + len(pattern)]) == pattern:
            return len(pattern), kind
    return None


def _name_from(words: list[str], keys: list[str], i: int) -> str | None:
    out: list[str] = []
    while i < len(words) and len(out) < 5:
        k, w = keys[i], words[i]
        nxt = keys[i + 1] if i + 1 < len(keys) else ""
        if w in ("-", "–") and out and nxt:  # Bà Rịa - Vũng Tàu
            out.append(w)
            i += 1
            continue
        if not k or any(ch.isdigit() for ch in k) or k in _STOP or (out and _kind_at(keys, i)):
            break
        if k in _STOP_BEFORE:
            after = _STOP_BEFORE[k]
            if (after is None and any(ch.isdigit() for ch in nxt)) or (after and nxt in after):
                break
        out.append(w)
        i += 1
    while out and out[-1] in ("-", "–"):
        out.pop()
    if not out or not out[0][0].isupper():
        return None  # a name is written with a capital ("huyện Nga Sơn", not "xã vùng cao")
    text = " ".join(out)
    if len(text) > 40:
        return None
    return text.title() if text == text.upper() else text


def _issuer_unit(words: list[str], keys: list[str]) -> tuple[str, str] | bool | None:
    """Return (kind, name) of an issuing line, ``None`` if not one, ``False`` if unnamed."""
    i = 0
    matched = ""
    changed = True
    while changed:
        changed = False
        for prefix in _ISSUERS:
            if tuple(keys[i : i + len(prefix)]) == prefix:
                matched = matched or " ".join(prefix)
                i += len(prefix)
                changed = True
                break
    committee = _COMMITTEES.get(tuple(keys[i : i + 2]))  # type: ignore[arg-type]
    if committee is not None:
        name = _name_from(words, keys, i + 2)
        return (committee, name) if name else False
    if not matched or i >= len(keys) or not any(keys[i:]):
        return None  # not an issuer, or one alone on its line ("BAN TỔ CHỨC" under its committee)
    found = _kind_at(keys, i)
    if found is None:
        return False  # "ĐẢNG ỦY KHỐI CƠ QUAN TỈNH": an issuer, but no unit kind and name
    n, kind = found
    name = _name_from(words, keys, i + n)
    return (kind, name) if name else False


def _in_title(words: list[str], keys: list[str]) -> list[tuple[str, str]]:
    """Return the units named inside a title line (kind words written with their diacritics)."""
    out = []
    i = 0
    while i < len(words):
        found = _kind_at(keys, i)
        if found is None:
            i += 1
            continue
        n, kind = found
        text = " ".join(words[i : i + n])
        prev = keys[i - 1] if i > 0 else ""
        if (
            not _KIND_TEXT.match(text)
            or prev in _NOT_BEFORE
            or keys[i + n : i + n + 1] == ["uy"]
            or (kind == "Xã" and keys[i + n : i + n + 1] == ["hoi"])  # xã hội: society
        ):
            i += n
            continue
        name = _name_from(words, keys, i + n)
        if name:
            out.append((kind, name))
        i += n
    return out


def title_units(lines: list[tuple[int, int, str]]) -> list[Named]:
    """Return the distinct units the title lines name, the issuer first when the format says so.

    Parameters
    ----------
    lines : list of (row, column, text)
        The title block's lines (a cell with line breaks gives one line each), top to bottom.

    Returns
    -------
    list of Named
        One unit when the block names one (or a superior and the issuer below it, the party
        format: the issuer); several when it names different units (ambiguous); none when it names
        none.  An issuing line that names no unit kind (``ĐẢNG ỦY KHỐI CƠ QUAN TỈNH``) counts as an
        unknown unit, so the superior above it is not taken for it.

    Examples
    --------
    >>> [u.name for u in title_units([(0, 0, "ĐẢNG BỘ TỈNH THANH HÓA"), (1, 0, "HUYỆN ỦY NGA SƠN")])]
    ['Huyện Nga Sơn']
    >>> [u.name for u in title_units([(0, 0, "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN NGA SƠN KHÓA XV")])]
    ['Huyện Nga Sơn']
    >>> [u.name for u in title_units([(0, 0, "SỐ LIỆU HĐND CÁC CẤP TỈNH NGHỆ AN NHIỆM KỲ 2021-2026")])]
    ['Tỉnh Nghệ An']
    >>> [u.name for u in title_units([(0, 0, "ĐẢNG BỘ TỈNH THANH HÓA"), (1, 0, "ĐẢNG ỦY KHỐI CƠ QUAN")])]
    ['?']
    """
    found: list[Named] = []
    for r, c, line in lines:
        words, keys = _words(line)
        if not words or _MOTTO in " ".join(keys):
            continue
        hit = _issuer_unit(words, keys)
        if hit is False:
            found.append(Named("?", r, c, "issuer"))
            continue
        if isinstance(hit, tuple):
            kind, name = hit
            superior = keys[:2] == ["dang", "bo"]
            found.append(Named(f"{kind} {name}", r, c, "superior" if superior else "issuer"))
            continue
        found.extend(
            Named(f"{kind} {name}", r, c, "title") for kind, name in _in_title(words, keys)
        )
    if len(found) >= 2 and found[0].issuer == "superior":
        # ĐẢNG BỘ <superior> over the issuer or the title naming the unit: the lower one's form
        found = found[1:]
    issuers = [u for u in found if u.issuer != "title"]
    chosen = issuers + [u for u in found if u.issuer == "title"]
    distinct: dict[str, Named] = {}
    for u in chosen:
        distinct.setdefault(loose_key(u.name) if u.name != "?" else "?", u)
    return list(distinct.values())
