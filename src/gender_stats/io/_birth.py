"""Dates and years of birth as offices type them (private).

A personnel list gives a birth year (``1975``) or a full date of birth: a real Excel date, or text
``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``; ISO ``yyyy-mm-dd`` from exports).
Vietnamese dates put the day first, so ``03/04/1975`` is 3 April 1975.  A date that does not exist
(``31/02/1975``) is a problem that quotes the cell as written, never a guess.

A month and year typed as text (``05/1970``, ``5.1970``, ``tháng 5/1970``, ``T5/1970``) gives the
year alone, as a bare ``1970`` does: the day is not known, so no date is made up (not the 1st of
the month).  So does a real Excel date in a cell formatted without its day (``mm/yyyy``,
``mmmm yyyy``): Excel stores the 1st of the month, the office vouches for the month and year
only.  A month that does not exist (``13/1970``) is a problem; so is a two-digit year
(``5/70``), which no rule here reads.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from gender_stats._text import nfc

__all__ = [
    "BAD_DATE",
    "BAD_MONTH",
    "NOT_BIRTH",
    "SERIAL",
    "YEAR_AS_DATE",
    "is_dayless_date_format",
    "parse_birth",
]

#: Expected text of a cell that is neither a year nor a date of birth.
NOT_BIRTH = (
    "năm sinh (1975) hoặc ngày sinh dd/mm/yyyy từ 1900 đến 2100 "
    "(a birth year or a date of birth, day first)"
)
#: Expected text of a date that does not exist (31/02/1975).
BAD_DATE = "một ngày có thật dạng dd/mm/yyyy (a real date, day/month/year)"
#: Expected text of a month and year whose month does not exist (13/1970).
BAD_MONTH = "tháng từ 1 đến 12 dạng mm/yyyy (a month from 1 to 12, month/year)"
#: Expected text of a year typed in a cell formatted as a date (Excel shows 1978 as 31/05/1905).
YEAR_AS_DATE = (
    "năm sinh trong ô định dạng số hoặc ngày sinh đầy đủ; ô định dạng ngày chứa {value}, Excel "
    "hiện {date} (a birth year in a cell not formatted as a date, or a full date: this date cell "
    "holds {value}, which Excel shows as {date}; format the cell as a number if {value} is the "
    "year)"
)
#: Expected text of a whole number that reads as an Excel date serial in a cell not shown as a date.
SERIAL = (
    "năm sinh (1975) hoặc ngày sinh; số {value} giống số ngày của Excel ({date}) trong một ô "
    "không định dạng ngày (a birth year or date: {value} looks like an Excel date serial in a "
    "cell not formatted as a date). Hint: định dạng ô là ngày (Format Cells → Date) nếu đó là "
    "ngày sinh (format the cell as a date if it is one)"
)

_FIRST, _LAST = 1900, 2100
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_YEAR = re.compile(r"^\d{4}$")
#: A month and year: ``05/1970``, ``5.1970``, ``05-1970``, ``tháng 5/1970``, ``T5/1970``,
#: ``tháng 5 năm 1970`` (matched on the lower-cased text).
_MONTH_YEAR = re.compile(
    r"^(?:(?:tháng|thang|th\.?|t\.?)\s*)?(\d{1,2})\s*(?:[/.-]|\s(?:năm|nam)\s)\s*(\d{4})$"
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _plain_format(fmt: str) -> str:
    """Return an Excel number format without its quoted texts, ``[...]`` codes and escapes."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt or "").lower()


def _is_date_format(fmt: str) -> bool:
    """Return whether an Excel number format shows a date (``dd/mm/yyyy``, ``d-mmm-yy`` ...)."""
    plain = _plain_format(fmt)
    return plain != "general" and bool(re.search(r"[dy]", plain))


def is_dayless_date_format(fmt: str) -> bool:
    """Return whether an Excel number format shows a date without its day (``mm/yyyy``, ``yyyy``).

    Such a cell holds a whole date (Excel stores the 1st of the month when ``05/1970`` is typed),
    but the office sees, and vouches for, the month and year only.

    Examples
    --------
    >>> is_dayless_date_format("mm/yyyy"), is_dayless_date_format('[$-42A]mmmm" năm "yyyy')
    (True, True)
    >>> is_dayless_date_format("dd/mm/yyyy"), is_dayless_date_format("0%")
    (False, False)
    """
    plain = _plain_format(fmt)
    return plain != "general" and "y" in plain and "d" not in plain


def _in_range(year: int) -> bool:
    return _FIRST <= year <= _LAST


def parse_birth(
    value: Any, *, typed: bool = True, fmt: str = "General"
) -> tuple[int | None, dt.date | None, str | None]:
    """Return ``(birth_year, birth_date, why)`` of one cell; ``why`` says what is wrong, else None.

    Parameters
    ----------
    value : object
        The cell: a year, a date or datetime, an Excel date serial in a date-formatted cell, or text.
    typed : bool, default True
        Whether the cell kept its type (a workbook).  A year typed as text (``"1975"``) is the
        year 1975 either way: Excel sums no birth years, so the text type changes nothing.
    fmt : str, default "General"
        The cell's number format (a serial number is a date only in a date format).

    Returns
    -------
    tuple
        The year (or ``None``), the full date when the cell gives one (or ``None``), and ``None`` or
        the expected text of the problem.  A blank cell gives ``(None, None, None)``.

    Examples
    --------
    >>> import datetime
    >>> parse_birth(1975)
    (1975, None, None)
    >>> parse_birth("03/04/1975")
    (1975, datetime.date(1975, 4, 3), None)
    >>> parse_birth("3.4.1975")[:2], parse_birth("1975-04-03")[:2]
    ((1975, datetime.date(1975, 4, 3)), (1975, datetime.date(1975, 4, 3)))
    >>> parse_birth("31/02/1975")[2] == BAD_DATE
    True
    >>> parse_birth("1975", typed=False), parse_birth("1975"), parse_birth(" 1975 ")
    ((1975, None, None), (1975, None, None), (1975, None, None))
    >>> "Excel date serial" in parse_birth(27485)[2]  # 1975-04-01 typed as a plain number
    True
    >>> "31/05/1905" in parse_birth(1978, fmt="dd/mm/yyyy")[2]  # a year typed in a date cell
    True
    >>> "holds 1978" in parse_birth(datetime.date(1905, 5, 31))[2]  # the same, read as a date
    True
    >>> parse_birth("05/1970"), parse_birth("tháng 5/1970"), parse_birth("T5/1970")
    ((1970, None, None), (1970, None, None), (1970, None, None))
    >>> parse_birth("13/1970")[2] == BAD_MONTH, parse_birth("5/70")[2] == NOT_BIRTH
    (True, True)
    >>> parse_birth(datetime.date(1970, 5, 1), fmt="mm/yyyy")  # a date cell shown as 05/1970
    (1970, None, None)
    """
    if value is None or isinstance(value, bool):
        return (None, None, None) if value is None else (None, None, NOT_BIRTH)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        serial = (value - _EXCEL_EPOCH).days
        if typed and _in_range(serial):  # Excel shows 1978 typed in a date cell as 31/05/1905
            shown = value.strftime("%d/%m/%Y")
            return None, None, YEAR_AS_DATE.format(value=serial, date=shown)
        if not _in_range(value.year):
            return None, None, NOT_BIRTH
        # shown as a month and year: the day Excel stored (the 1st) is not the person's
        return (
            (value.year, None, None) if is_dayless_date_format(fmt) else (value.year, value, None)
        )
    if isinstance(value, int | float):
        if value != value:  # NaN: blank
            return None, None, None
        if not float(value).is_integer():
            return None, None, NOT_BIRTH
        number = int(value)
        if _is_date_format(fmt) and _in_range(number):  # 1978 shown as a date is 31/05/1905
            date = _EXCEL_EPOCH + dt.timedelta(days=number)
            return None, None, YEAR_AS_DATE.format(value=number, date=date.strftime("%d/%m/%Y"))
        if _is_date_format(fmt) and 0 < number < 2_958_466:
            date = _EXCEL_EPOCH + dt.timedelta(days=number)
            if not _in_range(date.year):
                return None, None, NOT_BIRTH
            return (
                (date.year, None, None) if is_dayless_date_format(fmt) else (date.year, date, None)
            )
        if _in_range(number):
            return number, None, None
        # not a year: an Excel day number (27485 is 1/4/1975) in a cell not shown as a date?
        as_date = _EXCEL_EPOCH + dt.timedelta(days=number) if _LAST < number < 2_958_466 else None
        if as_date is not None and _in_range(as_date.year):
            why = SERIAL.format(value=number, date=as_date.strftime("%d/%m/%Y"))
            return None, None, why
        return None, None, NOT_BIRTH
    if not isinstance(value, str):
        return None, None, NOT_BIRTH
    text = nfc(value)
    if not text:
        return None, None, None
    if _YEAR.match(text):  # a year typed as text (in a workbook too) is that year
        year = int(text)
        return (year, None, None) if _in_range(year) else (None, None, NOT_BIRTH)
    month_year = _MONTH_YEAR.match(text.lower())
    if month_year:  # the year is known, the day is not: no date is made up
        month, year = int(month_year.group(1)), int(month_year.group(2))
        if not 1 <= month <= 12:
            return None, None, BAD_MONTH
        return (year, None, None) if _in_range(year) else (None, None, NOT_BIRTH)
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    else:
        match = _ISO.match(text)
        if not match:
            return None, None, NOT_BIRTH
        year, month, day = (int(g) for g in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, None, BAD_DATE
    return (year, date, None) if _in_range(year) else (None, None, NOT_BIRTH)
