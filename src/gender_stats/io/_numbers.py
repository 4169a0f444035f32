"""Numbers as offices type them: vi-VN ``1.234`` and ``12,5``, en-US ``1,234`` and ``12.5`` (private).

A count typed as text (in a CSV, where everything is text) may use a thousands separator.  Which one
is decided **per file from the evidence** (:func:`decide_style`): a value with two or more groups
(``1.234.567``), a grouped value with decimals (``1.234,5``), a count with a one- or two-digit decimal
part (``12,5``: not a grouping), and, as weaker evidence, shares with a decimal comma or dot and a
``;`` delimiter.  When the evidence is missing or contradicts itself, a value that could be read two
ways (``2.000`` is 2000 in vi-VN and 2 in en-US) is a reported problem, never a guess.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

_INT = re.compile(r"^[+-]?\d+$")
_SPACED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$")
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_DOT_GROUPS_MANY = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_COMMA_GROUPS_MANY = re.compile(r"^\d{1,3}(?:,\d{3}){2,}$")
_VI_FULL = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")
_EN_FULL = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d+$")
_COMMA_DEC = re.compile(r"^[+-]?\d+,\d+$")
_DOT_DEC = re.compile(r"^[+-]?\d+\.\d+$")

#: Expected text for a count that could be read two ways.
AMBIGUOUS = (
    "số viết rõ ràng: {value!r} có thể là {vi} (kiểu Việt Nam, dấu chấm ngăn nghìn) hoặc {en} "
    "(kiểu Anh-Mỹ); tệp không đủ dấu hiệu để quyết định (an ambiguous number: write it without "
    "a separator, or pass thousands='.' or thousands=',')"
)
NOT_WHOLE = "số nguyên ≥ 0 (a whole number; {value!r} is read as {number} in this file's style)"
NOT_NUMBER = "số nguyên ≥ 0 (a whole number ≥ 0)"


@dataclasses.dataclass(frozen=True)
class NumberStyle:
    """How one file writes numbers.

    Attributes
    ----------
    thousands : {".", ",", None}
        The thousands separator; ``None`` when the file gives no decisive evidence.
    evidence : str
        What decided it, for the reading log.
    """

    thousands: str | None = None
    evidence: str = "không có dấu hiệu (no evidence)"

    @property
    def decimal(self) -> str | None:
        """Return the decimal mark that goes with :attr:`thousands`."""
        return {".": ",", ",": "."}.get(self.thousands or "")


def decide_style(
    counts: Iterable[str], shares: Iterable[str] = (), *, delimiter: str | None = None
) -> NumberStyle:
    """Return the number style a file's texts show.

    Parameters
    ----------
    counts : iterable of str
        The texts of count cells (whole numbers, maybe grouped).
    shares : iterable of str
        The texts of share cells (percentages with decimals); weak evidence.
    delimiter : str, optional
        The CSV delimiter; ``;`` is weak evidence of vi-VN.

    Examples
    --------
    >>> decide_style(["1.234.567", "12"]).thousands
    '.'
    >>> decide_style(["2.000"], ["12,5"]).thousands
    '.'
    >>> decide_style(["2.000"]).thousands is None
    True
    >>> decide_style(["1,234"], ["12.5"]).thousands
    ','
    """
    strong_vi = strong_en = 0
    weak_vi = weak_en = 0
    for text in counts:
        t = text.strip()
        if _DOT_GROUPS_MANY.match(t) or _VI_FULL.match(t):
            strong_vi += 1
        elif _COMMA_GROUPS_MANY.match(t) or _EN_FULL.match(t):
            strong_en += 1
        elif _COMMA_DEC.match(t) and len(t.split(",")[1]) != 3:
            strong_vi += 1
        elif _DOT_DEC.match(t) and len(t.split(".")[1]) != 3:
            strong_en += 1
    for text in shares:
        t = text.strip().rstrip("%").strip()
        if _COMMA_DEC.match(t):
            weak_vi += 1
        elif _DOT_DEC.match(t):
            weak_en += 1
    if delimiter == ";":
        weak_vi += 1
    if strong_vi and not strong_en:
        return NumberStyle(
            ".", f"{strong_vi} số viết kiểu Việt Nam (vi-VN numbers, e.g. 1.234.567)"
        )
    if strong_en and not strong_vi:
        return NumberStyle(",", f"{strong_en} số viết kiểu Anh-Mỹ (en-US numbers, e.g. 1,234,567)")
    if strong_vi and strong_en:
        return NumberStyle(None, "dấu hiệu trái ngược (contradicting evidence)")
    if weak_vi and not weak_en:
        return NumberStyle(".", "dấu phẩy thập phân hoặc dấu ; (decimal commas or ';' delimiter)")
    if weak_en and not weak_vi:
        return NumberStyle(",", "dấu chấm thập phân (decimal dots)")
    return NumberStyle()


def parse_count_text(text: str, style: NumberStyle) -> tuple[int | Decimal | None, str | None]:
    """Return the number a count text holds, or ``(None, why)``.

    A whole number is an ``int``; a number with a non-zero decimal part is a ``Decimal`` (the model
    reports it as not whole); text that is no number gives ``(None, None)`` (the caller keeps the
    text for the model to report).

    Examples
    --------
    >>> vi, en, unknown = NumberStyle("."), NumberStyle(","), NumberStyle()
    >>> parse_count_text("2.000", vi), parse_count_text("2.000", en)[0]
    ((2000, None), 2)
    >>> parse_count_text("2.000", unknown)[0] is None
    True
    >>> parse_count_text("452 056", unknown), parse_count_text("12,0", vi)
    ((452056, None), (12, None))
    """
    t = text.strip()
    if _INT.match(t):
        return int(t), None
    if _SPACED.match(t):
        return int(re.sub(r"\D", "", t)), None
    dot, comma = _DOT_GROUPS.match(t), _COMMA_GROUPS.match(t)
    if dot or comma:
        sep = "." if dot else ","
        grouped = int(t.replace(sep, ""))
        as_decimal = Decimal(t.replace(",", ".")) if t.count(sep) == 1 else None
        if style.thousands == sep or as_decimal is None:
            return grouped, None
        if style.thousands is not None:  # the other separator: a decimal
            return _whole(as_decimal), None
        shown = f"{as_decimal.normalize():f}"
        return None, AMBIGUOUS.format(
            value=t, vi=grouped if sep == "." else shown, en=shown if sep == "." else grouped
        )
    if style.thousands == "." and _VI_FULL.match(t):
        return _whole(Decimal(t.replace(".", "").replace(",", "."))), None
    if style.thousands == "," and _EN_FULL.match(t):
        return _whole(Decimal(t.replace(",", ""))), None
    if _COMMA_DEC.match(t) or _DOT_DEC.match(t):
        try:
            return _whole(Decimal(t.replace(",", "."))), None
        except InvalidOperation:  # pragma: no cover - the patterns admit only digits
            return None, None
    return None, None


def _whole(number: Decimal) -> int | Decimal:
    return int(number) if number == number.to_integral_value() else number
