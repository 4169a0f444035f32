"""The collection cycle: templates out, returns in, who is missing or late, what a correction changed.

The founding letter (2458/BVSTBCPN-VX, item 5) asks every department and district to send periodic
reports on a template and the provincial committee to compile them.  :func:`make_templates` writes
one template per unit; :func:`collect` reads every file of a folder of returns, matches each to a
unit (the template's hidden metadata first, then the unit name or an alias of the units table),
and gives the consolidated counts (ready for :func:`gender_stats.check`) with a collection status
— one row per unit (received, missing, late, with problems, duplicates) and one row per file that
matched no unit.  Nothing is skipped silently: every file of the folder appears in the status.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from gender_stats._text import clean_unit_name, expand_abbreviation, loose_key, name_key
from gender_stats.errors import (
    ArgumentError,
    DataError,
    FileFormatError,
    GenderStatsError,
    Problem,
)
from gender_stats.io import _templates
from gender_stats.io._readers import read_counts
from gender_stats.schema import (
    BODY,
    COUNTS_KEY,
    FEMALE,
    KIND,
    LEVEL,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
    validate_counts,
    validate_units,
)
from gender_stats.vocab import PERIOD_LABELS, normalise_term, term_bounds

__all__ = [
    "STATUS_COLUMNS",
    "Collection",
    "Period",
    "collect",
    "diff_counts",
    "make_templates",
    "reminders",
    "resolve_period",
]

#: Columns of :attr:`Collection.status`, in order (``contact`` is added when the units have one);
#: ``period`` is the collection's reporting period code (``<NA>`` for a collection for the term);
#: ``blank_bodies`` the body codes whose whole group the return shown left blank (``", "``-joined).
STATUS_COLUMNS: tuple[str, ...] = (
    UNIT_ID,
    UNIT_NAME,
    LEVEL,
    "status",
    "file",
    "received",
    "on_time",
    "days_late",
    "n_files",
    "other_files",
    "duplicates",
    "n_problems",
    "problems",
    "blank_bodies",
    "match",
    "warnings",
    "period",
)

#: Columns of :attr:`Collection.changes` and of :func:`diff_counts` (without the file columns).
CHANGE_COLUMNS: tuple[str, ...] = (
    UNIT_ID,
    "file_before",
    "file_after",
    TERM,
    BODY,
    "column",
    "before",
    "after",
    "difference",
)

#: Status values: a usable return, only returns with problems, none; rows of files with no unit.
RECEIVED, PROBLEMS, MISSING = "received", "problems", "missing"
#: The reminder's reason for a return received with whole body groups left blank.
BLANK_BODIES = "blank_bodies"
UNMATCHED, AMBIGUOUS, NOT_A_REPORT = "unmatched", "ambiguous", "not_a_report"

#: Files with these suffixes are reports (a failure to read them is a problem of the report); any
#: other file that does not read as a counts table is "not a report".
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".parquet"})

DEADLINE_HELP = (
    "Hint: một ngày dạng 2015-12-01 hoặc mã hạn nộp của danh mục, ví dụ "
    "'2458/BVSTBCPN-VX:r12' (an ISO date or a catalogue deadline id; see "
    "gender_stats.targets.get_deadlines())."
)
UNKNOWN_DEADLINE = (
    "deadline={value!r} không phải ngày hay mã hạn nộp (not a date or a deadline id). "
)
TEMPLATE_UNIT_UNKNOWN = (
    "mẫu của đơn vị {unit_id!r} không có trong bảng đơn vị (the template's unit id is not in the "
    "units table)"
)
TEMPLATE_SHEET_MISSING = (
    'trang "{sheet}" của mẫu, cho đơn vị {unit_id} {unit_name} (the template\'s data sheet for the '
    "unit); tệp chỉ có các trang ghi ở giá trị (the file has only the sheets shown: it was renamed "
    'or deleted). Hint: đổi tên trang về "{sheet}" hoặc điền lại mẫu rồi gửi lại (rename it back, '
    "or fill in the template again, and send it again)."
)
TEMPLATE_NO_SHEETS = (
    "danh sách trang và đơn vị trong siêu dữ liệu của mẫu (the template's metadata lists no data "
    "sheet and unit: nothing says whose report this is). Hint: điền lại mẫu gốc của đơn vị (fill "
    "in the unit's original template again)."
)
TEMPLATE_OTHER_UNIT = (
    '"{unit_name}", đơn vị của mẫu {unit_id} (the template\'s unit); ô này ghi {other} (the unit '
    "cell names another unit than the template: a copy filled in by another unit?). Hint: mỗi đơn "
    "vị điền mẫu gửi cho mình; sửa ô này hoặc dùng đúng mẫu (each unit fills its own template: "
    "correct the cell or use the right template)."
)
OTHER_UNIT_NAMED = "tên của {units} (another unit of the units table)"
#: A report (not a template) whose file name names one unit and whose figures name another.
FILE_NAME_OTHER_UNIT = (
    "số liệu của {unit_id} {unit_name}, đơn vị mà tên tệp ghi (the unit the file name names); "
    "tệp ghi số liệu cho {other} (the file's figures name another unit: a copy of another unit's "
    "report whose title or unit was not corrected?). Hint: sửa tên đơn vị trong tệp, hoặc đổi tên "
    "tệp (correct the unit in the file, or the file name)."
)
#: In the status of a unit that another unit's template names: its report may be that file.
NAMED_IN_OTHER_TEMPLATE = (
    "tệp {file} (mẫu của {owner}) ghi tên đơn vị này ở ô {cell}: có thể là báo cáo của đơn vị "
    "điền trên mẫu khác (the file, {owner}'s template, names this unit at that cell: perhaps "
    "this unit's report, filled in on another unit's template)"
)
NO_UNIT_NAMED = "một tên không có trong bảng đơn vị (a name not in the units table)"
TEMPLATE_EXTRA_ROW = (
    "không có dòng {row}: mẫu chỉ có {rows} cho {unit_id} {unit_name} (an extra data row, not "
    "part of the template: the return is not used). Hint: xóa dòng {row}; mỗi đơn vị gửi mẫu "
    "của mình (delete the row; each unit sends its own template)."
)
#: How the status and the files say that a return left whole body groups blank.
BLANK_BODIES_NOTE = (
    "để trống nhóm (groups left blank): {bodies} — đơn vị không có cơ quan này? (does the unit "
    "lack these bodies? if not, the return is incomplete)"
)
TEMPLATE_OTHER_TERM = (
    "mẫu nhiệm kỳ {found}, đợt thu này là {term} (a template of another term than the collection)"
)
NOT_A_FOLDER = (
    "{path!r} không phải thư mục hay tệp (neither a folder nor a file). Hint: đưa thư mục chứa các "
    "tệp báo cáo nhận về, hoặc danh sách các tệp (a folder of returns, or a list of files)."
)
UNKNOWN_RECEIVED = (
    "received: tệp {name!r} không có trong các tệp thu về (not one of the files collected). "
    "Hint: khóa là tên tệp, ví dụ 'bao_cao_TH-H01.xlsx' (keys are file names)."
)
BAD_RECEIVED = (
    "received[{name!r}] = {value!r} không phải ngày/giờ (not a date or datetime); cần ví dụ "
    "'2015-11-28' hoặc datetime.datetime(2015, 11, 28, 9, 30)"
)


NOT_A_COLLECTION = (
    "{func}: cần kết quả của gs.collect (expected a Collection, the result of gs.collect), got "
    "{got}. Hint: c = gs.collect(folder, units=units, term=...); {func}(c)"
)
NOT_COUNTS = (
    "diff_counts: cần hai bảng số liệu (expected two counts pandas DataFrames) with columns "
    "{needed}; {which} {problem}. Hint: pass collection.counts or frames of gs.read_counts."
)


def _type_name(value: object) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _require_collection(value: object, func: str) -> Collection:
    if not isinstance(value, Collection):
        raise ArgumentError(NOT_A_COLLECTION.format(func=func, got=_type_name(value)))
    return value


# --------------------------------------------------------------------------------------------
# Deadlines


def resolve_deadline(value: object) -> tuple[dt.date | None, str]:
    """Return ``(due_before, period)`` for a deadline given as a date, ISO text or catalogue id.

    Examples
    --------
    >>> resolve_deadline("2458/BVSTBCPN-VX:r6")
    (datetime.date(2015, 6, 5), 'Báo cáo sơ kết 6 tháng đầu năm')
    >>> resolve_deadline("2015-12-01")
    (datetime.date(2015, 12, 1), '')
    """
    if value is None:
        return None, ""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, str):
        from gender_stats.targets import get_deadlines

        catalogue = get_deadlines()
        hit = catalogue[catalogue["deadline_id"] == value.strip()]
        if len(hit) == 1:
            return hit["due_before"].iloc[0], str(hit["report_vi"].iloc[0])
        try:
            return dt.date.fromisoformat(value.strip()), ""
        except ValueError as err:
            raise ArgumentError(UNKNOWN_DEADLINE.format(value=value) + DEADLINE_HELP) from err
    raise ArgumentError(UNKNOWN_DEADLINE.format(value=value) + DEADLINE_HELP)


# --------------------------------------------------------------------------------------------
# Reporting periods


#: The catalogue deadline each kind of period follows: the 6-month and the annual report.
PERIOD_DEADLINES: Mapping[str, str] = {"H1": "2458/BVSTBCPN-VX:r6", "Y": "2458/BVSTBCPN-VX:r12"}

PERIOD_HELP = (
    "Hint: '2015-H1' (báo cáo sơ kết 6 tháng đầu năm, hạn trước 05/6) hoặc '2015-Y' (báo cáo "
    "tổng kết năm, hạn trước 01/12) (the 6-month or the annual report of a year)."
)
UNKNOWN_PERIOD = "period={value!r} không phải kỳ báo cáo (not a reporting period). "
PERIOD_OUTSIDE_TERM = (
    "period={code!r}: năm {year} nằm ngoài nhiệm kỳ {term} (the period's year is outside the "
    "term). Hint: cho term= là nhiệm kỳ đang có hiệu lực trong năm {year} (the term in force)."
)
TEMPLATE_OTHER_PERIOD = (
    "mẫu kỳ báo cáo {found}, đợt thu này là {period} (a template of another reporting period "
    "than the collection)"
)

_PERIOD_CODE = re.compile(r"^((?:19|20)\d\d)\s*[-/ ]?\s*(h1|6t|6m|y|fy|cn|12t|12m)$")
_PERIOD_CODE_FIRST = re.compile(r"^(h1|6t|6m|y|fy|cn|12t|12m)\s*[-/ ]?\s*((?:19|20)\d\d)$")
_PERIOD_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HALF_WORDS = ("6 thang", "first half", "half year", "six month", "6 month")
_YEAR_WORDS = ("tong ket nam", "ca nam", "hang nam", "annual", "year", "nam")


@dataclasses.dataclass(frozen=True)
class Period:
    """A reporting period of the founding letter (item 5): the 6-month or the annual report.

    Attributes
    ----------
    year : int
        The year reported on.
    kind : {"H1", "Y"}
        ``H1``: the 6-month report (*báo cáo sơ kết 6 tháng đầu năm*), due before 05/6;
        ``Y``: the annual report (*báo cáo tổng kết năm*), due before 01/12.
    deadline : datetime.date
        Due before this day (a return is on time when ``date < deadline``).
    deadline_id : str
        The catalogue deadline it follows (``2458/BVSTBCPN-VX:r6`` or ``:r12``).
    quoted : bool
        True when the catalogue quotes this very date (the letter's year, 2015); for another year
        the letter's day and month are carried to that year.

    Examples
    --------
    >>> p = resolve_period("2015-H1")
    >>> p.code, p.deadline, p.quoted, p.label("en")
    ('2015-H1', datetime.date(2015, 6, 5), True, 'first half of 2015')
    >>> resolve_period("cả năm 2026").deadline
    datetime.date(2026, 12, 1)
    """

    year: int
    kind: str
    deadline: dt.date
    deadline_id: str
    quoted: bool

    @property
    def code(self) -> str:
        """The canonical code: ``2015-H1`` or ``2015-Y``."""
        return f"{self.year}-{self.kind}"

    def label(self, lang: Literal["vi", "en"] = "vi") -> str:
        """Return the period in words (``6 tháng đầu năm 2015``, ``year 2015``)."""
        return PERIOD_LABELS[lang][self.kind].format(year=self.year)


def _period_parts(text: str) -> tuple[int, str] | None:
    key = loose_key(text)
    for pattern, year_first in ((_PERIOD_CODE, True), (_PERIOD_CODE_FIRST, False)):
        hit = pattern.match(key)
        if hit:
            year, word = (
                (hit.group(1), hit.group(2)) if year_first else (hit.group(2), hit.group(1))
            )
            return int(year), "H1" if word in ("h1", "6t", "6m") else "Y"
    years = set(_PERIOD_YEAR.findall(key))
    if len(years) != 1:
        return None
    year = int(years.pop())
    if any(w in key for w in _HALF_WORDS):
        return year, "H1"
    if any(re.search(rf"\b{w}\b", key) for w in _YEAR_WORDS):
        return year, "Y"
    return None


def resolve_period(value: object) -> Period:
    """Return the reporting period named by a code (``2015-H1``, ``2015-Y``) or in words.

    Parameters
    ----------
    value : str or Period
        ``YYYY-H1`` (also ``YYYY-6T``, ``6 tháng đầu năm YYYY``, ``first half of YYYY``) for the
        6-month report; ``YYYY-Y`` (also ``YYYY-CN``, ``cả năm YYYY``, ``báo cáo tổng kết năm
        YYYY``, ``annual report YYYY``) for the annual report.

    Returns
    -------
    Period
        With the deadline of the catalogue (:func:`gender_stats.targets.get_deadlines`): the
        letter's 2015 dates, or their day and month in another year.

    Raises
    ------
    ArgumentError
        When the text names no period of one year.

    Examples
    --------
    >>> resolve_period("6 tháng đầu năm 2020").code
    '2020-H1'
    >>> resolve_period("2015-Y").deadline, resolve_period("2015-Y").deadline_id
    (datetime.date(2015, 12, 1), '2458/BVSTBCPN-VX:r12')
    """
    if isinstance(value, Period):
        return value
    parts = _period_parts(value) if isinstance(value, str) else None
    if parts is None:
        raise ArgumentError(UNKNOWN_PERIOD.format(value=value) + PERIOD_HELP)
    year, kind = parts
    deadline_id = PERIOD_DEADLINES[kind]
    due, _ = resolve_deadline(deadline_id)
    assert due is not None
    quoted = due.year == year
    return Period(
        year=year,
        kind=kind,
        deadline=due if quoted else due.replace(year=year),
        deadline_id=deadline_id,
        quoted=quoted,
    )


def _period_of_deadline(value: object) -> Period | None:
    """Return the period of a catalogue deadline id (``2458/BVSTBCPN-VX:r6`` → ``2015-H1``)."""
    if not isinstance(value, str):
        return None
    for kind, deadline_id in PERIOD_DEADLINES.items():
        if value.strip() == deadline_id:
            due, _ = resolve_deadline(deadline_id)
            assert due is not None
            return resolve_period(f"{due.year}-{kind}")
    return None


def _period_in_term(period: Period, term: str) -> None:
    start, end = term_bounds(term)
    if not start <= period.year <= end:
        raise ArgumentError(
            PERIOD_OUTSIDE_TERM.format(code=period.code, year=period.year, term=term)
        )


# --------------------------------------------------------------------------------------------
# Templates out


def _unit_rows(units: pd.DataFrame) -> list[tuple[str, str, str]]:
    return [
        (str(u), str(n), str(lv))
        for u, n, lv in zip(units[UNIT_ID], units[UNIT_NAME], units[LEVEL], strict=True)
    ]


def make_templates(
    units: pd.DataFrame,
    *,
    term: str,
    out_dir: str | Path,
    bodies: Sequence[str] | None = None,
    deadline: object = None,
    period: str | Period | None = None,
    lang: Literal["vi", "en"] = "vi",
    one_workbook: bool = False,
) -> list[Path]:
    """Write one report template per unit (or one workbook with a sheet per unit).

    Parameters
    ----------
    units : pandas.DataFrame
        A units table (:func:`gender_stats.load_units`): one template per row.
    term : str
        The term asked for (``"2015-2020"``), written in the title as ``NHIỆM KỲ 2015 - 2020``.
    out_dir : str or Path
        The folder to write into (created if missing).
    bodies : sequence of str, optional
        Body codes, one column group each; default ``party_committee``, ``standing_committee``,
        ``key_posts``.
    deadline : datetime.date, str, optional
        The due date (the report is on time when it arrives *before* it), as a date, ISO text or
        a catalogue deadline id (``"2458/BVSTBCPN-VX:r12"``); written on the ``Hướng dẫn`` sheet
        and in the metadata.  By default the period's deadline (none without a period).
    period : str or Period, optional
        A reporting period of the founding letter rather than a whole term: ``"2015-H1"`` (the
        6-month report, due before 05/6) or ``"2015-Y"`` (the annual report, due before 01/12),
        also in words (``"6 tháng đầu năm 2015"``), see :func:`resolve_period`; its year must be
        in ``term`` (the term in force).  A catalogue deadline id of one of these reports stands
        for its period (when its year is in the term).  Written in the title, on the ``Hướng
        dẫn`` sheet and in the metadata.
    lang : {"vi", "en"}, default "vi"
        The language that comes first on the instructions sheet (both are written).
    one_workbook : bool, default False
        Write one workbook ``mau_bao_cao.xlsx`` with a sheet per unit instead of one file per unit.

    Returns
    -------
    list of Path
        The files written: ``bao_cao_<unit_id>.xlsx`` per unit, or the one workbook.

    Notes
    -----
    Each template is the official wide layout (``STT | Đơn vị | <body> › Tổng số | Nữ | Tỷ lệ
    (%)``, one data row) that :func:`gender_stats.read_counts` reads.  The input cells are the
    only unlocked cells of a protected sheet, validated as whole numbers ≥ 0 (``Tổng số``) and a
    custom rule ``0 ≤ Nữ ≤ Tổng số`` with input messages in Vietnamese; the share is a formula; the
    workbook structure is locked.  A very hidden metadata sheet holds the unit id, the template
    version, the term, the bodies and the deadline, so :func:`collect` matches a renamed file.
    Read a filled template with ``read_counts(path, sheet="Báo cáo")``; without ``sheet=`` the
    reader passes the metadata sheet over with a ``HiddenDataWarning``.

    Examples
    --------
    >>> import tempfile, gender_stats as gs
    >>> units = gs.load_units().head(3)
    >>> paths = make_templates(units, term="2015-2020", out_dir=tempfile.mkdtemp(),
    ...                        deadline="2458/BVSTBCPN-VX:r12")
    >>> [p.name for p in paths]
    ['bao_cao_TH.xlsx', 'bao_cao_TH-H01.xlsx', 'bao_cao_TH-H02.xlsx']
    """
    table = validate_units(units)
    if table.empty:
        raise ArgumentError("units không có đơn vị nào (the units table is empty): no template")
    term = normalise_term(term)
    chosen = _templates.check_bodies(bodies)
    if lang not in ("vi", "en"):
        raise ArgumentError(f"lang={lang!r} không hợp lệ (invalid); chọn 'vi' hoặc 'en'")
    chosen_period = resolve_period(period) if period is not None else _period_of_deadline(deadline)
    start, end = term_bounds(term)
    if chosen_period is not None and period is not None:
        _period_in_term(chosen_period, term)
    elif chosen_period is not None and not start <= chosen_period.year <= end:
        chosen_period = None  # a catalogue deadline of a year outside the term: no period
    due, _ = resolve_deadline(deadline)
    if due is None and chosen_period is not None:
        due = chosen_period.deadline
    code = chosen_period.code if chosen_period is not None else ""
    label = chosen_period.label("vi") if chosen_period is not None else ""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = _unit_rows(table)
    if one_workbook:
        wb = _templates.build_template(
            rows, term=term, bodies=chosen, period=code, period_label=label, deadline=due,
            lang=lang, one_sheet_per_unit=True,
        )  # fmt: skip
        path = out / "mau_bao_cao.xlsx"
        wb.save(path)
        return [path]
    paths = []
    for row in rows:
        wb = _templates.build_template(
            [row], term=term, bodies=chosen, period=code, period_label=label, deadline=due,
            lang=lang,
        )  # fmt: skip
        path = out / f"bao_cao_{row[0]}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------
# Returns in


@dataclasses.dataclass
class _File:
    """What one file of the folder gave."""

    name: str
    path: Path
    received: dt.datetime | None
    kind: str = "report"  # template, report, not_a_report
    units: list[str] = dataclasses.field(default_factory=list)
    match: str = ""
    frame: pd.DataFrame | None = None
    error: DataError | None = None
    note: str = ""
    warnings: list[str] = dataclasses.field(default_factory=list)
    ambiguous: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    #: How each unit of the file was matched (a compiled file names several units).
    how: dict[str, str] = dataclasses.field(default_factory=dict)
    #: The bodies whose whole group a template left blank (a body the unit lacks, or forgotten).
    blank_bodies: list[str] = dataclasses.field(default_factory=list)
    #: Units of the table that a template's unit cell names instead of its own, with the cell.
    names_others: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def usable(self) -> bool:
        return self.frame is not None and self.error is None


#: Words before a unit's own name, dropped when a file name is searched for it.
_PREFIXES = frozenset({"huyen", "tinh", "xa", "phuong", "so", "tp", "tx", "ban", "cuc"})
_PREFIXES2 = frozenset({("thi", "xa"), ("thanh", "pho"), ("thi", "tran")})


class _Names:
    """Unit names and aliases of the units table, every unit a key matches (to see ambiguity)."""

    def __init__(self, units: pd.DataFrame) -> None:
        self.by_key: dict[str, list[tuple[str, str]]] = {}
        #: Each unit's name and aliases, keyed.
        self.keys: dict[str, set[str]] = {}
        #: Each unit's name in the units table.
        self.unit_names: dict[str, str] = {}
        #: Each name's words without its administrative prefix, for file names.
        self.words: list[tuple[tuple[str, ...], str]] = []
        for row in units.itertuples(index=False):
            uid = str(getattr(row, UNIT_ID))
            self.unit_names[uid] = str(getattr(row, UNIT_NAME))
            aliases = getattr(row, "aliases", None)
            names = [(str(getattr(row, UNIT_NAME)), "name")]
            if isinstance(aliases, str):
                names += [(a, "alias") for a in aliases.split("|") if a.strip()]
            for name, how in names:
                self._add(name, uid, how)

    def _add(self, text: str, uid: str, how: str) -> None:
        self.keys.setdefault(uid, set()).add(name_key(text))
        hits = self.by_key.setdefault(name_key(text), [])
        if all(u != uid for u, _ in hits):
            hits.append((uid, how))
        words = tuple(loose_key(text).split())
        if len(words) > 2 and words[:2] in _PREFIXES2:
            words = words[2:]
        elif len(words) > 1 and words[0] in _PREFIXES:
            words = words[1:]
        if words and (words, uid) not in self.words:
            self.words.append((words, uid))

    def find(self, text: str) -> list[tuple[str, str]]:
        return list(self.by_key.get(name_key(text), []))

    def is_unit(self, text: str, uid: str) -> bool:
        """Say whether a name written in a file is the unit's name or an alias.

        As the readers match names (:func:`gender_stats.validate_counts` warns otherwise): the
        spelling of tones aside, a one-letter kind written out (``H. Cẩm Thủy``), and without
        diacritics when typed in plain ASCII.
        """
        written = clean_unit_name(text) or text
        keys = self.keys.get(uid, set())
        if {name_key(written), name_key(expand_abbreviation(written))} & keys:
            return True
        loose = {loose_key(k) for k in keys}
        return written.isascii() and loose_key(expand_abbreviation(written)) in loose

    def others(self, text: str, uid: str) -> list[str]:
        """Return the other units a written name is the name or an alias of."""
        written = clean_unit_name(text) or text
        hits = self.find(written) + self.find(expand_abbreviation(written))
        return list(dict.fromkeys(u for u, _ in hits if u != uid))

    def in_file_name(self, stem: str) -> list[str]:
        """Return the units whose name (without Huyện, Sở ...) is written in a file name."""
        tokens = tuple(loose_key(stem.replace("_", " ")).split())
        hits = []
        for words, uid in self.words:
            n = len(words)
            if any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1)):
                hits.append(uid)
        return list(dict.fromkeys(hits))


def _received(path: Path, recorded: Mapping[str, object]) -> dt.datetime:
    value = recorded.get(path.name, recorded.get(str(path)))
    if value is None:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError as err:
            raise ArgumentError(BAD_RECEIVED.format(name=path.name, value=value)) from err
    raise ArgumentError(BAD_RECEIVED.format(name=path.name, value=value))


def _summary(err: DataError, limit: int = 3) -> str:
    lines = [str(p) for p in err.problems[:limit]]
    more = len(err.problems) - limit
    if more > 0:
        lines.append(f"… và {more} lỗi khác (and {more} more)")
    return "; ".join(lines)


#: How a training-coverage column is headed (compared with ``loose_key``); read into ``trained``.
TRAINED_HEADERS = frozenset(
    {"da tap huan", "duoc tap huan", "so da tap huan", "da duoc tap huan", "tap huan", "trained"}
)


def _read(path: Path, **kwargs: object) -> tuple[pd.DataFrame | None, DataError | None, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = read_counts(path, **kwargs)  # type: ignore[arg-type]
        except DataError as err:
            return None, err, [str(w.message) for w in caught]
    trained = [c for c in frame.columns if loose_key(str(c)) in TRAINED_HEADERS]
    if len(trained) == 1 and trained[0] != _templates.TRAINED:
        frame = frame.rename(columns={trained[0]: _templates.TRAINED})
    return frame, None, [str(w.message) for w in caught]


def _read_template(
    item: _File,
    meta: _templates.TemplateMeta,
    units: pd.DataFrame,
    term: str,
    period: Period | None = None,
    names: _Names | None = None,
) -> list[_File]:
    """Read each data sheet of a template; one result per sheet (a workbook may hold several).

    Nothing of one file stops the others: a data sheet renamed or deleted, a sheet the readers
    refuse, are problems of the sheet's unit (of the file when the metadata names no unit).
    """
    known = dict(zip(units[UNIT_ID].astype(str), range(len(units)), strict=True))
    names = names if names is not None else _Names(units)
    if not meta.sheets:
        item.kind, item.match = "template", "none"
        item.error = DataError([_problem(item.name, None, None, TEMPLATE_NO_SHEETS)])
        return [item]
    per_sheet: dict[str, int] = {}
    out = []
    for sheet, uid, _name, _level in meta.sheets:
        index = per_sheet.get(sheet, 0)  # the unit's row among the rows of its sheet
        per_sheet[sheet] = index + 1
        part = dataclasses.replace(
            item, kind="template", units=[uid], match="metadata", warnings=[], blank_bodies=[]
        )
        if len(meta.sheets) > 1:
            part.note = f'trang "{sheet}"'
        if uid not in known:
            part.units = []
            part.match = "none"
            part.error = DataError(
                [_problem(item.name, sheet, uid, TEMPLATE_UNIT_UNKNOWN.format(unit_id=uid))]
            )
            out.append(part)
            continue
        row = units.iloc[known[uid]]
        if meta.term and meta.term != term:
            part.error = DataError(
                [
                    _problem(
                        item.name,
                        sheet,
                        meta.term,
                        TEMPLATE_OTHER_TERM.format(found=meta.term, term=term),
                    )
                ]
            )
            out.append(part)
            continue
        found = _meta_period(meta)
        if period is not None and found is not None and found.code != period.code:
            message = TEMPLATE_OTHER_PERIOD.format(found=found.code, period=period.code)
            part.error = DataError([_problem(item.name, sheet, meta.period, message)])
            out.append(part)
            continue
        if meta.workbook_sheets and sheet not in meta.workbook_sheets:
            present = [s for s in meta.workbook_sheets if s != _templates.META_SHEET]
            message = TEMPLATE_SHEET_MISSING.format(
                sheet=sheet, unit_id=uid, unit_name=str(row[UNIT_NAME])
            )
            part.error = DataError([_problem(item.name, sheet, "; ".join(present), message)])
            out.append(part)
            continue
        # the unit is known from the metadata: its level is passed, so the units table (checked
        # once by collect) need not be validated again for every file
        try:
            frame, error, said = _read(item.path, sheet=sheet, term=term, level=str(row[LEVEL]))
        except GenderStatsError as err:  # the sheet cannot be read at all: a problem of the unit
            frame, said = None, []
            message = UNREADABLE + str(err).splitlines()[0]
            error = DataError([_problem(item.name, sheet, item.path.suffix, message)])
        part.warnings = said
        typed = _templates.read_typed(item.path, sheet, meta.bodies, _rows_of_sheet(meta, sheet))
        own = _own_problems(item, sheet, index, uid, str(row[UNIT_NAME]), typed, names)
        cells = typed.rows[index]
        part.blank_bodies = [
            b for b, c in cells.items() if all(_templates.blank_cell(v) for v in c.values())
        ]
        if frame is not None and not typed.extra_rows:
            frame = frame.assign(
                **{UNIT_ID: uid, UNIT_NAME: str(row[UNIT_NAME]), LEVEL: str(row[LEVEL])}
            )
            frame, checked = _check_typed(item, sheet, meta.bodies, frame, cells)
            own += checked
        problems = [*own, *(error.problems if error is not None else ())]
        if problems:
            part.error = DataError(problems) if own or error is None else error
        else:
            part.frame = frame
        out.append(part)
    return out


def _rows_of_sheet(meta: _templates.TemplateMeta, sheet: str) -> int:
    """Return how many unit rows a data sheet of a template has."""
    return sum(1 for s, *_ in meta.sheets if s == sheet)


def _own_problems(
    item: _File,
    sheet: str,
    index: int,
    uid: str,
    unit_name: str,
    typed: _templates.TypedSheet,
    names: _Names,
) -> list[Problem]:
    """Return what says a template is not (only) its unit's: another name, rows added below."""
    problems = []
    r = _templates.FIRST_DATA_ROW + index
    written = typed.names[index]
    if not _templates.blank_cell(written) and not names.is_unit(str(written), uid):
        others = names.others(str(written), uid)
        other = (
            OTHER_UNIT_NAMED.format(units=", ".join(f"{u} {names.unit_names[u]}" for u in others))
            if others
            else NO_UNIT_NAMED
        )
        message = TEMPLATE_OTHER_UNIT.format(unit_name=unit_name, unit_id=uid, other=other)
        for named in others:  # said in the status of that unit too (it may show as missing)
            item.names_others[named] = f"{sheet}!B{r}"
        problems.append(
            Problem(
                expected=message,
                value=written,
                file=item.name,
                sheet=sheet,
                row=r,
                column="B",
                header="Đơn vị",
            )
        )
    n = len(typed.rows)
    rows = (
        f"dòng {_templates.FIRST_DATA_ROW}"
        if n == 1
        else f"các dòng {_templates.FIRST_DATA_ROW}–{_templates.FIRST_DATA_ROW + n - 1}"
    )
    if index == n - 1:  # rows below the sheet's unit rows: said once, with its last unit
        for extra, value in typed.extra_rows:
            message = TEMPLATE_EXTRA_ROW.format(
                row=extra, rows=rows, unit_id=uid, unit_name=unit_name
            )
            problems.append(
                Problem(expected=message, value=value, file=item.name, sheet=sheet, row=extra)
            )
    return problems


def _meta_period(meta: _templates.TemplateMeta) -> Period | None:
    """Return the period of a template (``None``: for the term, or words that are no period)."""
    if not meta.period:
        return None
    try:
        return resolve_period(meta.period)
    except ArgumentError:
        return None


UNREADABLE = "một tệp bảng tính mở được (a spreadsheet that opens): "

READER_DISAGREES = (
    "số đã đọc bằng số đã gõ ở ô {cell} ({measure} của {body}: đọc được {read}) (the reader's "
    "value equal to the typed cell; please report this with the file)"
)
TRAINED_BAD = (
    "số đã tập huấn là số nguyên từ 0 đến Tổng số {total} (the number trained: a whole number "
    "from 0 to the total)"
)


def _check_typed(
    item: _File,
    sheet: str,
    bodies: Sequence[str],
    frame: pd.DataFrame,
    typed: Mapping[str, Mapping[str, Any]],
) -> tuple[pd.DataFrame, list[Problem]]:
    """Compare the counts read with the cells typed in the template, and add ``trained``.

    A template's input cells are known, so what the reader returned is checked against them: a
    body the reader left out or a value it read differently is a problem, never silent.
    """
    from openpyxl.utils import get_column_letter

    starts = dict(zip(bodies, _templates.group_starts(bodies), strict=True))
    rows = {str(b): i for i, b in zip(frame.index, frame[BODY], strict=True)}
    problems: list[Problem] = []
    trained: dict[int, int] = {}
    for body, cells in typed.items():
        for k, measure in enumerate((TOTAL, FEMALE)):
            value = cells[measure]
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue  # blank, or text in a count cell: the reader reports it
            got: Any = frame.at[rows[body], measure] if body in rows else None
            if got is None or int(got) != value:
                cell = f"{get_column_letter(starts[body] + k)}{_templates.FIRST_DATA_ROW}"
                expected = READER_DISAGREES.format(cell=cell, measure=measure, body=body, read=got)
                problems.append(_problem(item.name, sheet, value, expected))
        value = cells.get(_templates.TRAINED)
        if value is None or body not in rows:
            continue
        total_read: Any = frame.at[rows[body], TOTAL]
        total = int(total_read)
        whole = not isinstance(value, bool) and isinstance(value, int | float)
        if whole and value == int(value) and 0 <= value <= total:
            trained[rows[body]] = int(value)
        else:
            problems.append(_problem(item.name, sheet, value, TRAINED_BAD.format(total=total)))
    if trained:
        frame = frame.assign(
            **{_templates.TRAINED: pd.array([trained.get(i) for i in frame.index], dtype="Int64")}
        )
    return frame, problems


def _problem(file: str, sheet: str | None, value: object, expected: str) -> Problem:
    return Problem(expected=expected, value=value, file=file, sheet=sheet)


def _read_report(item: _File, units: pd.DataFrame, names: _Names, term: str) -> _File:
    """Read a file that is not one of our templates; match its units by name or alias."""
    spreadsheet = item.path.suffix.lower() in SPREADSHEET_SUFFIXES
    try:
        frame, error, said = _read(item.path, term=term, units=units)
    except FileFormatError as err:
        if not spreadsheet:
            item.kind = NOT_A_REPORT
            item.note = str(err).splitlines()[0]
            return item
        message = str(err).splitlines()[0]
        frame, said = None, []
        error = DataError([_problem(item.name, None, item.path.suffix, UNREADABLE + message)])
    item.warnings = said
    if error is not None and not spreadsheet:
        item.kind = NOT_A_REPORT
        item.note = "không đọc được như bảng số liệu (not readable as a counts table): " + (
            str(error.problems[0]) if error.problems else ""
        )
        return item
    if error is not None:
        item.error = error
        # the file name may still say whose it is
        exact = [u for u, _ in names.find(item.path.stem)]
        found = exact or names.in_file_name(item.path.stem)
        if len(found) == 1:
            item.units, item.match = found, "file name"
        elif len(found) > 1:
            item.match = AMBIGUOUS
            item.ambiguous[item.path.name] = found
        else:
            item.match = "none"
        return item
    assert frame is not None
    keep = pd.Series(True, index=frame.index)
    how: list[str] = []
    for written in dict.fromkeys(frame[UNIT_NAME].astype(str)):
        hits = names.find(written)
        rows = frame[UNIT_NAME].astype(str) == written
        if len(hits) > 1:
            item.ambiguous[written] = [u for u, _ in hits]
            keep &= ~rows
        elif hits:
            how.append(hits[0][1])
            for uid in dict.fromkeys(frame.loc[rows, UNIT_ID].astype(str)):
                item.how[uid] = hits[0][1]
        else:
            how.append("id")
    frame = frame[keep]
    item.units = list(dict.fromkeys(frame[UNIT_ID].astype(str)))
    item.frame = frame if not frame.empty else None
    if _names_another_unit(item, frame, names):
        return item
    item.match = (
        AMBIGUOUS
        if item.ambiguous and not item.units
        else ("/".join(dict.fromkeys(how)) if how else "none")
    )
    return item


def _names_another_unit(item: _File, frame: pd.DataFrame, names: _Names) -> bool:
    """Refuse a one-unit report whose file name names one other unit; True when refused.

    As a template's unit cell naming another unit: ``hoang_hoa.xlsx`` holding figures titled
    Huyện Nga Sơn is a copy of Nga Sơn's report that Hoằng Hóa filled in, not a second report
    of Nga Sơn (which unit the figures are is not guessed).
    """
    named = [u for u, _ in names.find(item.path.stem)] or names.in_file_name(item.path.stem)
    if len(named) != 1 or len(item.units) != 1 or named == item.units:
        return False
    uid, other = named[0], item.units[0]
    written = ", ".join(dict.fromkeys(frame[UNIT_NAME].astype(str)))
    message = FILE_NAME_OTHER_UNIT.format(
        unit_id=uid, unit_name=names.unit_names[uid], other=f"{other} {written}"
    )
    item.error = DataError([_problem(item.name, None, written, message)])
    item.units, item.match, item.frame = [uid], "file name", None
    return True


def _files(sources: str | Path | Iterable[str | Path]) -> list[Path]:
    if isinstance(sources, str | Path):
        folder = Path(sources)
        if folder.is_dir():
            return sorted(folder.iterdir(), key=lambda p: p.name)
        if folder.is_file():
            return [folder]
        raise ArgumentError(NOT_A_FOLDER.format(path=str(folder)))
    paths = [Path(p) for p in sources]
    for p in paths:
        if not p.exists():
            raise ArgumentError(NOT_A_FOLDER.format(path=str(p)))
    return paths


@dataclasses.dataclass(frozen=True)
class Collection:
    """The result of :func:`collect`.

    Attributes
    ----------
    counts : pandas.DataFrame
        The consolidated canonical counts: for every unit, the rows of the file used.
    status : pandas.DataFrame
        One row per unit of the units table, then one per file that matched no unit (columns
        :data:`STATUS_COLUMNS`, plus ``contact`` when the units table has it).
    files : pandas.DataFrame
        One row per file (per data sheet of a workbook template): ``file``, ``received``,
        ``kind``, ``unit_id``, ``match``, ``used``, ``n_problems``, ``problems``,
        ``blank_bodies`` (the groups a template left blank), ``note``.
    changes : pandas.DataFrame
        For units that sent several usable files, what changed from one to the next, cell by
        cell (columns :data:`CHANGE_COLUMNS`).
    deadline : datetime.date or None
        The deadline the status was judged against.
    period : Period or None
        The reporting period of the collection (``None``: a collection for the term).
    """

    counts: pd.DataFrame
    status: pd.DataFrame
    files: pd.DataFrame
    changes: pd.DataFrame
    deadline: dt.date | None
    period: Period | None = None


def collect(
    sources: str | Path | Iterable[str | Path],
    *,
    units: pd.DataFrame,
    term: str,
    deadline: object = None,
    received: Mapping[str, object] | None = None,
    period: str | Period | None = None,
) -> Collection:
    """Read every returned file, match it to a unit and say who is missing, late or in error.

    Parameters
    ----------
    sources : str, Path or iterable of them
        A folder (every entry in it is looked at, subfolders and non-spreadsheets too) or files.
    units : pandas.DataFrame
        The units expected to report: the status has one row per unit.  An optional ``contact``
        column is carried to the status and the reminders.
    term : str
        The term of the collection (``"2015-2020"``); files naming another term are problems.
    deadline : datetime.date or str, optional
        A date, ISO text or catalogue deadline id (``"2458/BVSTBCPN-VX:r12"``); a return is on
        time when it arrives before it.  By default the deadline written in the templates
        returned (when they agree: what the units were told), else the period's deadline; with
        none, ``on_time`` is ``<NA>`` (no verdict from nothing).
    received : mapping of str to date or datetime, optional
        The recorded time each file arrived (keyed by file name); other files use their
        modification time.
    period : str or Period, optional
        A reporting period rather than the whole term (``"2015-H1"``, ``"2015-Y"``, see
        :func:`resolve_period`); ``term`` is then the term in force that year.  A template of
        another period is a problem of that file; the counts and the status get a ``period``
        column (the code), so the counts are still checked by their ``term``.

    Returns
    -------
    Collection
        The consolidated counts, the status, the files and the corrections.

    Notes
    -----
    Status columns: ``status`` is ``received`` (a usable file), ``problems`` (only files with
    problems: received, not used), ``missing``; for the rows of files that match no unit
    ``unmatched``, ``ambiguous`` or ``not_a_report``.  ``file`` and ``received`` are the file used
    (or the latest) and its time; ``other_files`` and ``duplicates`` the other files of the unit and
    why they are not used; ``n_problems`` and ``problems`` the problems of the file shown (the
    first three, in the words of :class:`~gender_stats.errors.DataError`); ``blank_bodies`` the
    bodies whose whole group the template shown left blank (the instructions say so for a body
    the unit lacks; a forgotten group looks the same, so it is shown, and reminded); ``match``
    how the file was matched (``metadata``, ``name``, ``alias``, ``id``, ``file name``).

    Matching: a template written by :func:`make_templates` is matched by its hidden metadata (unit
    id), whatever the file name; its unit cell must still name that unit (its name or an alias),
    else the return is a problem naming both (a copy filled in by another unit); a row added
    below the template's row, a data sheet renamed or deleted, are problems of the unit, and the
    other files are read all the same; any other file the readers understand is matched by the unit
    names or aliases it contains (the units table); a name that is an alias of several units is
    reported as ``ambiguous`` and not used; a file that cannot be read is matched by its file name
    when that names one unit.  A unit with several usable files uses the one received last (equal
    times: the last name in sort order); the others are listed with what differs.  On time: the
    first file received from the unit arrived before the deadline (``date < deadline``);
    ``days_late`` counts from the deadline day (a file of the deadline day is 1 day late).
    Reader warnings are not raised: they are recorded in the ``warnings`` column.

    Periods: the counts of a period collection are one row per ``term`` × ``unit_id`` × ``body``
    like any counts, with ``period`` (``"2015-H1"``) beside ``term`` (the term in force), so
    :func:`gender_stats.check` judges them by the term's targets; keep one period per counts
    frame (two periods of one term would give a key twice, which the schema refuses).  The status
    has ``period`` too (``<NA>`` for a collection for the term).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl, gender_stats as gs
    >>> units = gs.load_units().iloc[1:4]
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> paths = gs.make_templates(units, term="2015-2020", out_dir=folder,
    ...                           bodies=["party_committee"], deadline="2015-12-01")
    >>> wb = openpyxl.load_workbook(paths[0]); ws = wb["Báo cáo"]
    >>> ws["C7"], ws["D7"] = 35, 10
    >>> wb.save(folder / "gui lai.xlsx"); paths[0].unlink(); paths[1].unlink()
    >>> c = gs.collect(folder, units=units, term="2015-2020",
    ...                received={"gui lai.xlsx": "2015-11-20", "bao_cao_TH-H03.xlsx": "2015-12-02"})
    >>> c.status[["unit_id", "status", "on_time", "n_problems"]].to_numpy().tolist()
    [['TH-H01', 'received', True, 0], ['TH-H02', 'missing', <NA>, 0], ['TH-H03', 'problems', False, 1]]
    >>> c.counts[["unit_id", "total", "female"]].to_numpy().tolist()
    [['TH-H01', 35, 10]]
    """
    table = validate_units(units)
    term = normalise_term(term)
    chosen_period = resolve_period(period) if period is not None else None
    if chosen_period is not None:
        _period_in_term(chosen_period, term)
    due, _ = resolve_deadline(deadline)
    names = _Names(table)
    paths = _files(sources)
    recorded = dict(received or {})
    known_names = {p.name for p in paths} | {str(p) for p in paths}
    for key in recorded:
        if key not in known_names:
            raise ArgumentError(UNKNOWN_RECEIVED.format(name=key))
    results: list[_File] = []
    template_deadlines: set[dt.date] = set()
    for path in paths:
        item = _File(path.name, path, None)
        if path.is_dir():
            item.kind, item.note = NOT_A_REPORT, "thư mục, không đọc (a folder: not read)"
            results.append(item)
            continue
        item.received = _received(path, recorded)
        meta = _templates.read_meta(path)
        if meta is not None:
            if meta.deadline is not None:
                template_deadlines.add(meta.deadline)
            results.extend(_read_template(item, meta, table, term, chosen_period, names))
            continue
        try:
            results.append(_read_report(item, table, names, term))
        except GenderStatsError as err:  # an argument-level refusal of this file
            item.kind, item.note = NOT_A_REPORT, str(err).splitlines()[0]
            results.append(item)
    if due is None and len(template_deadlines) == 1:
        due = next(iter(template_deadlines))
    if due is None and chosen_period is not None:
        due = chosen_period.deadline
    return _assemble(results, table, units, term, due, chosen_period)


def _assemble(
    results: list[_File],
    table: pd.DataFrame,
    original_units: pd.DataFrame,
    term: str,
    due: dt.date | None,
    period: Period | None = None,
) -> Collection:
    code: object = period.code if period is not None else pd.NA
    by_unit: dict[str, list[_File]] = {}
    for item in results:
        for uid in item.units:
            by_unit.setdefault(uid, []).append(item)
    used: dict[str, _File] = {}
    frames: list[pd.DataFrame] = []
    change_frames: list[pd.DataFrame] = []
    status_rows = []
    contact = (
        dict(zip(original_units[UNIT_ID].astype(str), original_units["contact"], strict=True))
        if "contact" in original_units.columns
        else None
    )
    for row in table.itertuples(index=False):
        uid = str(getattr(row, UNIT_ID))
        items = sorted(by_unit.get(uid, []), key=lambda f: (f.received or dt.datetime.min, f.name))
        usable = [f for f in items if f.usable]
        chosen = usable[-1] if usable else (items[-1] if items else None)
        first = items[0].received if items else None
        on_time: object = pd.NA
        days_late: object = pd.NA
        if first is not None and due is not None:
            on_time = first.date() < due
            days_late = max((first.date() - due).days + 1, 0)
        others = [f for f in items if f is not chosen]
        duplicates = ""
        if usable:
            used[uid] = chosen  # type: ignore[assignment]
            assert chosen is not None and chosen.frame is not None
            frames.append(chosen.frame[chosen.frame[UNIT_ID].astype(str) == uid])
            for before, after in itertools.pairwise(usable):
                assert before.frame is not None and after.frame is not None
                diff = diff_counts(
                    before.frame[before.frame[UNIT_ID].astype(str) == uid],
                    after.frame[after.frame[UNIT_ID].astype(str) == uid],
                )
                change_frames.append(diff.assign(file_before=before.name, file_after=after.name))
        if others and chosen is not None:
            parts = []
            for f in others:
                if not f.usable:
                    parts.append(f"{f.name}: có lỗi, không dùng (has problems: not used)")
                else:
                    parts.append(f"{f.name}: nhận trước (received earlier)")
            why = (
                "mới nhất không lỗi (the latest without problems)"
                if chosen.usable
                else "mới nhất; mọi tệp đều có lỗi (the latest; every file has problems)"
            )
            duplicates = f"{len(items)} tệp, dùng {chosen.name} — {why}; " + "; ".join(parts)
        status = MISSING if not items else (RECEIVED if usable else PROBLEMS)
        shown = chosen.error if chosen is not None and chosen.error is not None else None
        named_in = [
            NAMED_IN_OTHER_TEMPLATE.format(
                file=f.name, cell=f.names_others[uid], owner=", ".join(f.units)
            )
            for f in results
            if uid in f.names_others
        ]
        status_rows.append(
            {
                UNIT_ID: uid,
                UNIT_NAME: str(getattr(row, UNIT_NAME)),
                LEVEL: str(getattr(row, LEVEL)),
                "status": status,
                "period": code,
                "file": chosen.name if chosen is not None else "",
                "received": chosen.received if chosen is not None else None,
                "on_time": on_time,
                "days_late": days_late,
                "n_files": len(items),
                "other_files": "; ".join(f.name for f in others),
                "duplicates": duplicates,
                "n_problems": len(shown.problems) if shown is not None else 0,
                "problems": _summary(shown) if shown is not None else "",
                "blank_bodies": ", ".join(chosen.blank_bodies) if chosen is not None else "",
                "match": chosen.how.get(uid, chosen.match) if chosen is not None else "",
                "warnings": " | ".join(
                    dict.fromkeys([*(w for f in items for w in f.warnings), *named_in])
                ),
                **({"contact": contact.get(uid)} if contact is not None else {}),
            }
        )
    for item in results:
        if item.units:
            continue
        status = (
            NOT_A_REPORT
            if item.kind == NOT_A_REPORT
            else (AMBIGUOUS if item.ambiguous else UNMATCHED)
        )
        said = [f'"{n}" có thể là (may be) {", ".join(ids)}' for n, ids in item.ambiguous.items()]
        said.append(_summary(item.error) if item.error is not None else item.note)
        note = "; ".join(t for t in said if t)
        status_rows.append(
            {
                UNIT_ID: None,
                UNIT_NAME: _names_in(item),
                LEVEL: None,
                "status": status,
                "period": code,
                "file": item.name,
                "received": item.received,
                "on_time": pd.NA,
                "days_late": pd.NA,
                "n_files": 1,
                "other_files": "",
                "duplicates": "",
                "n_problems": len(item.error.problems) if item.error is not None else 0,
                "problems": note,
                "blank_bodies": ", ".join(item.blank_bodies),
                "match": item.match or "none",
                "warnings": " | ".join(item.warnings),
                **({"contact": None} if contact is not None else {}),
            }
        )
    columns = [*STATUS_COLUMNS, *(["contact"] if contact is not None else [])]
    status_frame = pd.DataFrame(status_rows, columns=columns)
    status_frame["period"] = status_frame["period"].astype("string")
    status_frame["received"] = pd.to_datetime(status_frame["received"])
    status_frame["on_time"] = status_frame["on_time"].astype("boolean")
    status_frame["days_late"] = status_frame["days_late"].astype("Int64")
    status_frame["n_files"] = status_frame["n_files"].astype("int64")
    status_frame["n_problems"] = status_frame["n_problems"].astype("int64")
    counts = _consolidate(frames, table, term, period)
    files = pd.DataFrame(
        [
            {
                "file": f.name,
                "received": f.received,
                "kind": f.kind,
                UNIT_ID: ", ".join(f.units),
                "match": f.match,
                "used": any(used.get(u) is f for u in f.units),
                "n_problems": len(f.error.problems) if f.error is not None else 0,
                "problems": _summary(f.error) if f.error is not None else "",
                "blank_bodies": ", ".join(f.blank_bodies),
                "note": "; ".join(t for t in (f.note, _blank_note(f.blank_bodies)) if t),
            }
            for f in results
        ],
        columns=[
            "file",
            "received",
            "kind",
            UNIT_ID,
            "match",
            "used",
            "n_problems",
            "problems",
            "blank_bodies",
            "note",
        ],
    )
    files["received"] = pd.to_datetime(files["received"])
    changes = (
        pd.concat(change_frames, ignore_index=True)[list(CHANGE_COLUMNS)]
        if change_frames
        else pd.DataFrame({c: pd.Series(dtype="object") for c in CHANGE_COLUMNS})
    )
    return Collection(
        counts=counts,
        status=status_frame,
        files=files,
        changes=changes,
        deadline=due,
        period=period,
    )


def _blank_note(bodies: Sequence[str]) -> str:
    return BLANK_BODIES_NOTE.format(bodies=", ".join(bodies)) if bodies else ""


def _names_in(item: _File) -> str | None:
    if item.frame is not None:
        return ", ".join(dict.fromkeys(item.frame[UNIT_NAME].astype(str)))
    named = [n for n in item.ambiguous if n != item.name]
    return ", ".join(named) if named else None


def _consolidate(
    frames: list[pd.DataFrame], table: pd.DataFrame, term: str, period: Period | None = None
) -> pd.DataFrame:
    base = [TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE]
    if not frames:
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in base})
        if period is not None:
            empty.insert(1, "period", pd.Series(dtype="string"))
        return empty.astype({TOTAL: "int64", FEMALE: "int64"})
    counts = pd.concat(frames, ignore_index=True)
    extra = [
        c
        for c in counts.columns
        if c not in base and not c.startswith("_") and pd.api.types.is_numeric_dtype(counts[c])
    ]
    counts = counts[[*base, *extra]]
    for column in extra:
        values = counts[column]
        whole = values.dropna()
        if (whole == whole.round()).all():
            counts[column] = values.astype("Int64")
    if KIND in table.columns:
        kinds = dict(zip(table[UNIT_ID].astype(str), table[KIND], strict=True))
        counts.insert(4, KIND, counts[UNIT_ID].astype(str).map(kinds))
    if period is not None:
        counts.insert(1, "period", pd.Series(period.code, index=counts.index, dtype="string"))
    counts = counts.sort_values(list(COUNTS_KEY), kind="stable").reset_index(drop=True)
    return validate_counts(counts)


def diff_counts(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return what changed between two versions of counts, cell by cell.

    Parameters
    ----------
    before, after : pandas.DataFrame
        Two counts frames (e.g. a unit's first return and its correction).

    Returns
    -------
    pandas.DataFrame
        One row per ``term`` × ``unit_id`` × ``body`` × count column whose value differs (or that
        is in one version only): ``unit_id``, ``term``, ``body``, ``column`` (``total``, ``female``
        or another numerator), ``before``, ``after`` (Int64, ``<NA>`` when absent) and
        ``difference`` (``after - before``).

    Examples
    --------
    >>> old = pd.DataFrame({"term": ["2015-2020"] * 2, "unit_id": ["H1", "H1"],
    ...                     "body": ["party_committee", "key_posts"], "total": [39, 5],
    ...                     "female": [5, 1]})
    >>> new = old.assign(female=[6, 1])
    >>> diff_counts(old, new)[["body", "column", "before", "after", "difference"]]
                  body  column  before  after  difference
    0  party_committee  female       5      6           1
    """
    key = list(COUNTS_KEY)
    measures = [TOTAL, FEMALE]
    needed = [*key, *measures]
    for which, frame in (("before", before), ("after", after)):
        if not isinstance(frame, pd.DataFrame):
            problem = f"is {_type_name(frame)}"
            raise ArgumentError(NOT_COUNTS.format(needed=needed, which=which, problem=problem))
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            problem = f"lacks {missing}"
            raise ArgumentError(NOT_COUNTS.format(needed=needed, which=which, problem=problem))
    for frame in (before, after):
        for c in frame.columns:
            if (
                c not in measures
                and c not in key
                and c not in (UNIT_NAME, LEVEL, KIND, "note")
                and pd.api.types.is_integer_dtype(frame[c])
                and not c.startswith("_")
            ):
                measures.append(c)
    merged = before.reindex(columns=[*key, *measures]).merge(
        after.reindex(columns=[*key, *measures]),
        on=key,
        how="outer",
        suffixes=("_before", "_after"),
        indicator=True,
    )
    rows = []
    for rec in merged.to_dict("records"):
        for col in dict.fromkeys(measures):
            b, a = rec.get(f"{col}_before"), rec.get(f"{col}_after")
            b = None if b is None or pd.isna(b) else int(b)
            a = None if a is None or pd.isna(a) else int(a)
            if b == a:
                continue
            rows.append(
                {
                    UNIT_ID: rec[UNIT_ID],
                    TERM: rec[TERM],
                    BODY: rec[BODY],
                    "column": col,
                    "before": b,
                    "after": a,
                    "difference": None if a is None or b is None else a - b,
                }
            )
    out = pd.DataFrame(
        rows, columns=[UNIT_ID, TERM, BODY, "column", "before", "after", "difference"]
    )
    return out.astype({"before": "Int64", "after": "Int64", "difference": "Int64"})


# --------------------------------------------------------------------------------------------
# Outputs


def reminders(collection: Collection) -> pd.DataFrame:
    """Return the units to remind: missing, with problems only, or late.

    Parameters
    ----------
    collection : Collection
        The result of :func:`collect`.

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``unit_name``, ``reason`` (``missing``, ``problems``, ``late``, or
        ``blank_bodies`` for a return received on time with whole groups left blank: to confirm
        that the unit lacks those bodies), ``days_late``, ``problems``, ``blank_bodies`` and
        ``contact`` when the units table had one.

    Examples
    --------
    >>> import tempfile, gender_stats as gs
    >>> units = gs.load_units().iloc[1:3].assign(contact=["a@x.vn", "b@x.vn"])
    >>> c = gs.collect(tempfile.mkdtemp(), units=units, term="2015-2020")
    >>> reminders(c)[["unit_id", "reason", "contact"]].to_numpy().tolist()
    [['TH-H01', 'missing', 'a@x.vn'], ['TH-H02', 'missing', 'b@x.vn']]
    """
    collection = _require_collection(collection, "reminders")
    status = collection.status[collection.status[UNIT_ID].notna()]
    late = status["on_time"].fillna(True).eq(False)
    blank = (
        status["blank_bodies"].fillna("").ne("")
        if "blank_bodies" in status.columns
        else pd.Series(False, index=status.index)
    )
    wanted = status["status"].isin([MISSING, PROBLEMS]) | late | blank
    out = status[wanted].copy()
    out["reason"] = out["status"].where(
        out["status"] != RECEIVED, late[wanted].map({True: "late", False: BLANK_BODIES})
    )
    if "blank_bodies" not in out.columns:
        out["blank_bodies"] = ""
    columns = [UNIT_ID, UNIT_NAME, "reason", "days_late", "problems", "blank_bodies"]
    if "contact" in out.columns:
        columns.append("contact")
    return out[columns].reset_index(drop=True)


#: The sheet of the collection status in a workbook.
STATUS_SHEET = "Tình hình nộp báo cáo"
