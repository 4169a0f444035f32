"""Every row a reader sees, classified and accounted for: the reading log (private module).

A reader classifies each non-blank row of each sheet as exactly one :class:`RowClass` and says what
became of it: **used** (a data row that became counts), **reported** (a row with a problem or a
warning: it is not used, and the user is told) or **structural** (title, header, column numbers,
section, subtotal, total, note, signature).  The :class:`ReadingLog` keeps the list and the
accounting ``rows_read = rows_used + rows_reported + rows_structural``; readers put it in
``frame.attrs["reading"]`` and in :attr:`DataError.reading`.

The words that mark totals, subtotals, notes, date lines and signatures are here, compared with
:func:`~gender_stats._text.loose_key` (any case, with or without diacritics).
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import re
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Sequence, ValuesView
from typing import Any

import pandas as pd

from gender_stats._text import UNIT_ABBREVIATION, loose_key, nfc
from gender_stats.vocab import parse_body

__all__ = ["ReadingLog", "RowClass", "RowEntry"]


class RowClass(enum.StrEnum):
    """What a row of a sheet is."""

    TITLE = "title"
    HEADER = "header"
    COLUMN_NUMBERS = "column_numbers"
    SECTION = "section"
    DATA = "data"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    NOTE = "note"
    SIGNATURE = "signature"
    HIDDEN = "hidden"
    CRITERION = "criterion"


#: What became of a row.
USED, REPORTED, STRUCTURAL = "used", "reported", "structural"


@dataclasses.dataclass(frozen=True)
class RowEntry:
    """One row of one sheet, as the reader classified it."""

    file: str
    sheet: str | None
    row: int
    kind: RowClass
    outcome: str
    label: str = ""
    detail: str = ""


@dataclasses.dataclass(repr=False)
class ReadingLog(dict[str, Any]):
    """The classification of every non-blank row a reader saw, with the accounting.

    Attributes
    ----------
    entries : list of RowEntry
        One per non-blank row, in reading order.
    notes : list of str
        What the reader decided for the file or sheet as a whole (the term found in the title, the
        number style, sheets passed over, a summary sheet recognised ...).

    Notes
    -----
    Readers leave the log in ``frame.attrs["reading"]``, and pandas writes ``attrs`` as JSON when a
    frame is saved (``to_parquet``, ``to_feather``).  So that saving works, the log also reads as a
    read-only mapping of its accounting (:meth:`as_dict`: the counts of rows, the files, the notes,
    the sheets not used), which is what JSON gets; the rows themselves are not saved
    (:meth:`to_frame` gives them as a frame to save).  A frame read back from such a file holds that
    plain mapping, not a log.

    Examples
    --------
    >>> log = ReadingLog()
    >>> log.add("a.xlsx", "S", 1, RowClass.TITLE, STRUCTURAL, "BÁO CÁO")
    >>> log.add("a.xlsx", "S", 5, RowClass.DATA, USED, "Huyện A")
    >>> log.rows_read, log.rows_used, log.rows_reported, log.rows_structural
    (2, 1, 0, 1)
    >>> import json
    >>> json.dumps(log)
    '{"rows_read": 2, "rows_used": 1, "rows_reported": 0, "rows_structural": 1, "files": ["a.xlsx"], "notes": [], "sheets_not_used": []}'
    """

    entries: list[RowEntry] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    #: The sheets not used, ``(file, sheet) -> why``: their rows are in ``entries`` all the same.
    sheets_not_used: dict[tuple[str, str | None], str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        # json's C encoder writes "{}" for a dict with no item of its own before asking for the
        # items; the one kept here is never read (every way in below goes through as_dict)
        dict.__setitem__(self, "rows_read", 0)

    def __ne__(self, other: object) -> bool:
        # the dataclass writes __eq__ only; dict's own __ne__ would compare the kept item above
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __deepcopy__(self, memo: dict[int, Any]) -> ReadingLog:
        # pandas deep-copies ``attrs`` on every operation: the log of a read is shared, not copied
        return self

    def __reduce__(self) -> Any:
        # pickled (and copied) as the log it is, not as the mapping
        return (_restore_log, (self.entries, self.notes, self.sheets_not_used))

    def as_dict(self) -> dict[str, Any]:
        """Return the accounting as plain JSON values: what ``to_parquet`` saves of the log.

        Examples
        --------
        >>> log = ReadingLog()
        >>> log.pass_over("a.xlsx", "Hướng dẫn", "không có số", [(1, "HƯỚNG DẪN")])
        >>> log.as_dict()["sheets_not_used"], log["rows_structural"]
        ([['a.xlsx', 'Hướng dẫn', 'không có số']], 1)
        """
        return {
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "rows_reported": self.rows_reported,
            "rows_structural": self.rows_structural,
            "files": list(dict.fromkeys(str(e.file) for e in self.entries)),
            "notes": [str(n) for n in self.notes],
            "sheets_not_used": [
                [str(file), sheet, str(why)] for (file, sheet), why in self.sheets_not_used.items()
            ],
        }

    # the read-only mapping (what json and pandas see)
    def __getitem__(self, key: str) -> Any:
        return self.as_dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.as_dict())

    def __len__(self) -> int:
        return len(self.as_dict())

    def __contains__(self, key: object) -> bool:
        return key in self.as_dict()

    def get(self, key: str, default: Any = None) -> Any:
        """Return one value of :meth:`as_dict`, or ``default``."""
        return self.as_dict().get(key, default)

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        """Return the keys of :meth:`as_dict`."""
        return self.as_dict().keys()

    def values(self) -> ValuesView[Any]:  # type: ignore[override]
        """Return the values of :meth:`as_dict`."""
        return self.as_dict().values()

    def items(self) -> ItemsView[str, Any]:  # type: ignore[override]
        """Return the items of :meth:`as_dict` (what json writes)."""
        return self.as_dict().items()

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("ReadingLog: the mapping is read-only; use add() / extend()")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _read_only  # type: ignore[assignment]

    def add(
        self,
        file: str,
        sheet: str | None,
        row: int,
        kind: RowClass,
        outcome: str,
        label: Any = "",
        detail: str = "",
    ) -> None:
        """Record one row."""
        text = "" if label is None else nfc(str(label))
        if len(text) > 60:
            text = text[:57] + "..."
        self.entries.append(RowEntry(file, sheet, row, kind, outcome, text, detail))

    def set_outcome(self, file: str, sheet: str | None, rows: Iterable[int], outcome: str) -> None:
        """Change the outcome of data rows (e.g. to reported when a problem was found on them)."""
        wanted = set(rows)
        for i, e in enumerate(self.entries):
            if e.file == file and e.sheet == sheet and e.row in wanted and e.kind == RowClass.DATA:
                self.entries[i] = dataclasses.replace(e, outcome=outcome)

    def set_detail(self, file: str, sheet: str | None, row: int, detail: str) -> None:
        """Say why a row is what it is (e.g. a total row whose scope cannot be told)."""
        for i, e in enumerate(self.entries):
            if e.file == file and e.sheet == sheet and e.row == row:
                self.entries[i] = dataclasses.replace(e, detail=detail)

    def pass_over(
        self,
        file: str,
        sheet: str | None,
        why: str,
        rows: Iterable[tuple[int, Any]] = (),
        *,
        kind: RowClass = RowClass.NOTE,
        outcome: str = STRUCTURAL,
    ) -> None:
        """Record a sheet that is not used and why, with each of its non-blank ``(row, label)``.

        Rows of the sheet already logged (a summary sheet read, then left out) that were used
        take ``outcome`` and ``why`` instead: the accounting covers every sheet of the file.
        """
        for i, e in enumerate(self.entries):
            if e.file == file and e.sheet == sheet and e.outcome == USED:
                self.entries[i] = dataclasses.replace(e, outcome=outcome, detail=why)
        for row, label in rows:
            self.add(file, sheet, row, kind, outcome, label, why)
        self.sheets_not_used[(file, sheet)] = why

    def extend(self, other: ReadingLog) -> None:
        """Append another log's entries, notes and sheets not used."""
        self.entries.extend(other.entries)
        self.notes.extend(other.notes)
        self.sheets_not_used.update(other.sheets_not_used)

    @property
    def rows_read(self) -> int:
        """Return the number of non-blank rows seen."""
        return len(self.entries)

    def _n(self, outcome: str) -> int:
        return sum(1 for e in self.entries if e.outcome == outcome)

    @property
    def rows_used(self) -> int:
        """Return the number of data rows that became counts."""
        return self._n(USED)

    @property
    def rows_reported(self) -> int:
        """Return the number of rows not used and reported to the user (problems, warnings)."""
        return self._n(REPORTED)

    @property
    def rows_structural(self) -> int:
        """Return the number of title, header, section, total, note and signature rows."""
        return self._n(STRUCTURAL)

    def to_frame(self) -> pd.DataFrame:
        """Return the entries as a frame: file, sheet, row, kind, outcome, label, detail."""
        columns = ["file", "sheet", "row", "kind", "outcome", "label", "detail"]
        return pd.DataFrame(
            [
                [e.file, e.sheet, e.row, str(e.kind), e.outcome, e.label, e.detail]
                for e in self.entries
            ],
            columns=columns,
        )

    def summary(self) -> str:
        """Return the accounting in one line (vi + en), with the sheets not used and why.

        Examples
        --------
        >>> log = ReadingLog()
        >>> log.add("a.xlsx", "Huyện", 4, RowClass.DATA, USED, "Huyện A")
        >>> log.pass_over("a.xlsx", "Hướng dẫn", "không có số", [(1, "HƯỚNG DẪN"), (2, "Điền")])
        >>> print(log.summary())
        đọc 3 dòng = 1 dùng + 0 báo lỗi/cảnh báo + 2 dòng cấu trúc (rows read = used + reported + structural); trang không dùng (sheets not used): "Hướng dẫn" 2 dòng — không có số
        """
        line = (
            f"đọc {self.rows_read} dòng = {self.rows_used} dùng + {self.rows_reported} báo lỗi/cảnh "
            f"báo + {self.rows_structural} dòng cấu trúc (rows read = used + reported + structural)"
        )
        if not self.sheets_not_used:
            return line
        sheets = []
        for (file, sheet), why in self.sheets_not_used.items():
            n = sum(1 for e in self.entries if e.file == file and e.sheet == sheet)
            sheets.append(f'"{sheet}" {n} dòng — {why}')
        return f"{line}; trang không dùng (sheets not used): " + "; ".join(sheets)

    def __str__(self) -> str:
        lines = [self.summary(), *self.notes]
        for e in self.entries:
            where = f"{e.file}" + (f" [{e.sheet}]" if e.sheet else "")
            detail = f" — {e.detail}" if e.detail else ""
            lines.append(f"  {where} dòng {e.row}: {e.kind} ({e.outcome}) {e.label}{detail}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ReadingLog {self.summary()}>"


def _restore_log(
    entries: list[RowEntry], notes: list[str], sheets: dict[tuple[str, str | None], str]
) -> ReadingLog:
    return ReadingLog(entries, notes, sheets)


# --------------------------------------------------------------------------------------------
# Words

_PARENS = re.compile(r"\([^)]*\)")
_GRAND = frozenset(
    {
        "tong cong",
        "tong so",
        "tong",
        "toan tinh",
        "toan huyen",
        "toan thanh pho",
        "toan thi xa",
        "toan quoc",
        "ca nuoc",
        "tong cong toan tinh",
        "tong so toan tinh",
        "tong cong toan huyen",
        "cong toan tinh",
        "tong hop chung",
        "cong chung",
        "tong cong chung",
        "total",
        "grand total",
        "tong toan tinh",
    }
)
_SUB_PREFIX = (
    "cong khoi",
    "cong cac",
    "cong cap",
    "tong khoi",
    "tong cac",
    "tong cong khoi",
    "tong so khoi",
    "tong cong cac",
    "cong muc",
    "cong phan",
    "tong hop khoi",
    "tong hop cac",
    "subtotal",
    "sub total",
)
_NOTE = re.compile(
    r"^(ghi chu|chu thich|chu y|luu y|nguon|note|notes|source|sources|ghi chu khac)\b"
)
_NOTE_MARK = re.compile(r"^\s*(\(\s*\*+\s*\)|\*+|\(\d{1,2}\)\s+\D)")
_DATE_LINE = re.compile(r"\bngay\b.{0,20}\bthang\b.{0,20}\bnam\b")
_SIGN = re.compile(
    r"^(nguoi lap bieu|nguoi lap|nguoi tong hop|can bo tong hop|thu truong|truong ban|pho truong ban"
    r"|tm |tm$|kt |tl |t m |k t |ky ten|ky dong dau|ky ghi ro|ky va ghi ro|xac nhan|noi nhan"
    r"|chu tich|pho chu tich|bi thu|pho bi thu|giam doc|truong phong|lanh dao don vi|thu ky"
    r"|uy vien thuong truc|ban thuong vu|tm ban|kt truong|q truong)"
)
_ROMAN = re.compile(r"^([IVXLC]+)(?:\s*[.)/:-]\s*|\s+|$)(.*)$")
_LETTER = re.compile(r"^([A-Z])(?:\s*[.)/:-]\s*|$)(.*)$")
_ARABIC = re.compile(r"^(\d{1,2})\s*[.)/]\s+(.+)$")
_SECTION_WORDS = re.compile(
    r"^(khoi|cac |cap |khu vuc|nhom|phan |muc |don vi truc thuoc|co quan truc thuoc|huyen thi"
    r"|xa phuong|so ban nganh|ban nganh)"
)


_AVERAGE = frozenset(
    {
        "binh quan",
        "binh quan chung",
        "trung binh",
        "trung binh chung",
        "ty le chung",
        "ty le binh quan",
        "ty le trung binh",
        "binh quan toan tinh",
        "trung binh toan tinh",
        "average",
        "mean",
    }
)


def sum_kind(text: Any) -> str | None:
    """Return ``"total"``, ``"subtotal"``, ``"sum"`` (plain Cộng) or ``"average"``, else ``None``.

    Examples
    --------
    >>> [sum_kind(t) for t in ("TỔNG CỘNG (I+II)", "Cộng khối huyện", "Cộng (A)", "Toàn tỉnh")]
    ['total', 'subtotal', 'sum', 'total']
    >>> sum_kind("Bình quân"), sum_kind("Tỷ lệ chung (%)")
    ('average', 'average')
    >>> sum_kind("Huyện Cộng Hòa"), sum_kind("Tong so"), sum_kind("cong:")
    (None, 'total', 'sum')
    >>> [sum_kind(t) for t in ("Tổng cộng toàn thành phố", "Toàn Đảng bộ", "Cả tỉnh", "Cộng huyện")]
    ['total', 'total', 'total', 'sum']
    >>> sum_kind("Xã Toàn Thắng"), sum_kind("Cộng Hòa"), sum_kind("Tổng Đội TNXP")
    (None, None, None)
    >>> sum_kind("Tổng I+II"), sum_kind("Cộng A + B"), sum_kind("Cộng 1"), sum_kind("Tổng 2")
    ('total', 'total', 'sum', 'sum')
    >>> sum_kind("Cộng BCH"), sum_kind("TONG CONG BAN THUONG VU"), sum_kind("Cộng Hòa")
    ('sum', 'sum', None)
    """
    if not isinstance(text, str):
        return None
    key = loose_key(_PARENS.sub(" ", nfc(text)))
    if not key:
        return None
    if key in ("cong", "cong lai", "tong cong lai"):
        return "sum"
    if key in _GRAND:
        return "total"
    if key in _AVERAGE:
        return "average"
    if key.startswith(_SUB_PREFIX):
        return "subtotal"
    if re.match(r"^cong [ivxlc]+$|^cong [a-d]$|^tong [ivxlc]+$", key):
        return "sum"
    if _SECTIONS_SUM.match(key):
        return "total"  # "Tổng I+II", "Cộng A + B", "Tổng cộng 1+2"
    if _SECTION_SUM.match(key):
        return "sum"  # "Cộng 1", "Tổng 2" of a numbered section
    if _GRAND_WORDS.match(key):
        return "total"
    if _PLACE_SUM.match(key):
        return "sum"  # "Cộng huyện Nga Sơn": the district's communes, or the whole table
    if sum_body(text) is not None:
        return "sum"  # "Cộng BCH": the rows of one body (a subtotal or the total of that body)
    return None


_BODY_SUM = re.compile(r"^(?:tong cong|tong so|tong|cong)\s+(.+)$")


def sum_body(text: Any) -> str | None:
    """Return the body a total row's label names ("Cộng BCH", "Tổng cộng BTV"), or ``None``.

    Examples
    --------
    >>> sum_body("Cộng BCH"), sum_body("TỔNG CỘNG: Ban Thường vụ"), sum_body("Cộng khối huyện")
    ('party_committee', 'standing_committee', None)
    """
    if not isinstance(text, str):
        return None
    m = _BODY_SUM.match(loose_key(_PARENS.sub(" ", nfc(text))))
    return parse_body(m.group(1)) if m else None


_REF = r"(?:[ivxlc]+|[a-h]|\d{1,2})"
_SECTIONS_SUM = re.compile(rf"^(?:cong|tong|tong cong|tong so)(?: {_REF}){{2,}}$")
_SECTION_SUM = re.compile(rf"^(?:cong|tong) {_REF}$")
# "Tổng cộng toàn thành phố", "Toàn Đảng bộ", "Cả tỉnh", "Tổng số chung": the whole of a place
_PLACES = (
    r"(?:tinh|huyen|thanh pho|thi xa|quan|xa|phuong|thi tran|quoc|nuoc|dang bo|don vi|nganh"
    r"|dia phuong|chung)"
)
_GRAND_WORDS = re.compile(
    rf"^(?:(?:tong cong|tong so|tong hop|tong|cong|cong chung) (?:chung )?(?:toan|ca) {_PLACES}"
    rf"|(?:tong cong|tong so|tong hop) (?:chung|{_PLACES})"
    rf"|(?:toan|ca) {_PLACES})(?: [a-z]+){{0,4}}$"
)
# "Cộng huyện", "Tổng xã": a place's sum (a subtotal or the total; the figures decide)
_PLACE_SUM = re.compile(rf"^(?:cong|tong) {_PLACES}(?: [a-z]+){{0,4}}$")


def is_note(text: Any) -> bool:
    """Return True for the first cell of a note or footnote row.

    Examples
    --------
    >>> is_note("Ghi chú: số liệu tạm tính"), is_note("(*) Huyện mới sáp nhập"), is_note("Nguồn: Sở")
    (True, True, True)
    >>> is_note("Huyện Nga Sơn")
    False
    """
    if not isinstance(text, str):
        return False
    return bool(_NOTE.match(loose_key(text)) or _NOTE_MARK.match(nfc(text)))


_OF_WHICH = re.compile(r"^(trong do|trong so do|in which|of which|of whom)\b")


def is_of_which(text: Any) -> bool:
    """Return True for a row breaking the unit above down ("Trong đó: khối xã", "- Trong đó nữ").

    Examples
    --------
    >>> is_of_which("Trong đó: khối xã"), is_of_which("- trong đó nữ dưới 40"), is_of_which("Sở Y tế")
    (True, True, False)
    """
    if not isinstance(text, str):
        return False
    return bool(_OF_WHICH.match(loose_key(text)))


def is_signature(text: Any) -> bool:
    """Return True for a date line or the first line of a signature block.

    Examples
    --------
    >>> is_signature("Thanh Hóa, ngày 15 tháng 6 năm 2015"), is_signature("NGƯỜI LẬP BIỂU")
    (True, True)
    >>> is_signature("(Ký, đóng dấu, ghi rõ họ và tên)"), is_signature("Huyện Thọ Xuân")
    (True, False)
    """
    if not isinstance(text, str):
        return False
    key = loose_key(text)
    return bool(_DATE_LINE.search(key) or _SIGN.match(key))


def section_label(stt: Any, label: Any) -> str | None:
    """Return the label of a section row from its STT and name cells, or ``None``.

    Examples
    --------
    >>> section_label("I", "Khối huyện"), section_label(None, "II. Khối sở, ban, ngành")
    ('Khối huyện', 'Khối sở, ban, ngành')
    >>> section_label("A", "Các huyện, thị xã"), section_label(None, "Khối huyện")
    ('Các huyện, thị xã', 'Khối huyện')
    >>> section_label(1, "Huyện Quan Hóa") is None, section_label(None, "H. Hà Trung") is None
    (True, True)
    >>> section_label("2", "Hà Trung") is None, section_label(1, "Khối huyện")
    (True, 'Khối huyện')
    """
    text = nfc(str(label)) if isinstance(label, str) and label.strip() else ""
    if unit_number(stt):
        # numbered as a unit (1, 2, "3."): a section only when its words say so ("1. Khối huyện")
        return text if text and _SECTION_WORDS.match(loose_key(text)) else None
    if isinstance(stt, str) and stt.strip():
        s = nfc(stt)
        m = _ROMAN.match(s) or _LETTER.match(s)
        if m and not m.group(2).strip():
            return text or s
    for pattern in (_ROMAN, _LETTER):
        if _abbreviated_unit(text):
            break  # "H. Hà Trung" is a district and "X. Quảng Phú" a commune, not sections H, X
        m = pattern.match(text)
        if m and m.group(2).strip():
            return m.group(2).strip()
    m = _ARABIC.match(text)
    if m and _SECTION_WORDS.match(loose_key(m.group(2))):
        return m.group(2).strip()
    if text and _SECTION_WORDS.match(loose_key(text)):
        return text
    return None


def _abbreviated_unit(text: str) -> bool:
    """Return True for a unit name beginning with an abbreviation of its kind ("H. Hà Trung")."""
    m = UNIT_ABBREVIATION.match(text)
    return m is not None and not _SECTION_WORDS.match(loose_key(m.group(3)))


def unit_number(stt: Any) -> bool:
    """Return True for an STT cell numbering a unit: ``1``, ``"2"``, ``"3."``, ``"1.2"``."""
    if isinstance(stt, bool):
        return False
    if isinstance(stt, int) or (isinstance(stt, float) and stt == stt and stt.is_integer()):
        return True
    return isinstance(stt, str) and bool(re.match(r"^\s*\d{1,3}(\.\d{1,3})*\.?\s*$", stt))


def numbered_section(stt: Any, label: Any) -> bool:
    """Return True when the row is numbered as a section (I., A.) rather than as a unit (1, 2)."""
    if unit_number(stt):
        return False
    for value in (stt, label):
        if isinstance(value, str) and value.strip():
            s = nfc(value)
            if value is label and _abbreviated_unit(s):
                continue
            m = _ROMAN.match(s) or _LETTER.match(s)
            if m:
                return True
    return False


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3}|[A-Z])\)?$")


def is_column_numbers(row: Sequence[Any]) -> bool:
    """Return True for a row of column numbers: ``1 2 3``, ``(1) (2)``, ``A B 1 2``.

    Examples
    --------
    >>> is_column_numbers([1, 2, 3, 4]), is_column_numbers(["A", "B", "(1)", "(2)", "(3)"])
    (True, True)
    >>> is_column_numbers(["1", "Huyện A", 3, 4]), is_column_numbers([1, 39, 5])
    (False, False)
    >>> is_column_numbers(["A", "B", "(1)", "(2)", "(3)=(2)/(1)"])
    True
    """
    tokens = []
    for v in row:
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if isinstance(v, bool):
            return False
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        text = str(v).strip()
        m = _COLUMN_NUMBER.match(text)
        if not m:
            # "1=2+3" style formulas of column numbers also occur
            if re.match(r"^\(?\d{1,3}\)?\s*=\s*[\d+\-*/():x ]+$", text):
                tokens.append(text.split("=")[0].strip(" ()"))  # "(3)=(2)/(1)", "5=4/3*100"
                continue
            return False
        tokens.append(m.group(1))
    letters = [t for t in tokens if not t.isdigit()]
    numbers = [int(t) for t in tokens if t.isdigit()]
    if len(tokens) < 3 or tokens[: len(letters)] != letters or len(numbers) < 2:
        return False
    return all(b == a + 1 for a, b in itertools.pairwise(numbers))
