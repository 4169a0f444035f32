"""The command line: ``gender-stats report / validate / check / targets``.

Every command reads its inputs through :mod:`gender_stats.io`.  An input file is read as counts
(:func:`gender_stats.io.read_counts`: tidy tables or the official wide template); with ``--roster``
it is read as a personnel list (:func:`gender_stats.io.read_roster`) and counted.  Without
``--roster`` a file is read as a roster only when it has no count columns at all (neither a total
nor a women column), and the command says so; a file that has count columns and fails as counts
shows the counts problems (with a hint to pass ``--roster`` if it is a list of persons) — a rejected
file is never silently re-read.  A file with no data rows is an error.

Any :class:`~gender_stats.errors.GenderStatsError` or :class:`OSError` ends the command with its
message on standard error and exit code 2 — never a traceback.  An unexpected internal error prints
a short paragraph asking to report it with the input; ``--debug`` adds the traceback.

Without ``--targets``, ``check`` and ``report`` apply to each row the catalogue targets in force for
its term, body and level, and print which they used.  Without ``--term`` every term with data is
assessed, latest first.  When no row could be assessed (no target applies, a column is missing)
they say so and exit with code 3: that is never an all-clear.  ``check`` says "every unit meets
the targets" only when every unit and every check that applies was assessed; otherwise it says
that every check *assessed* meets them, and which checks (no data) and units (no check assessed)
were not; with ``--strict`` that is exit code 4.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from gender_stats.errors import (
    ArgumentError,
    DataError,
    GenderStatsError,
    GenderStatsWarning,
    Problem,
)
from gender_stats.outputs.labels import LANGS, label

__all__ = ["main"]

#: How many unit names the report command prints (the page lists them all).
_MAX_NAMES = 10

#: Exit codes.
EXIT_OK, EXIT_SHORTFALL, EXIT_ERROR, EXIT_NOTHING_ASSESSED = 0, 1, 2, 3
#: ``check --strict`` when nothing is below target but some unit or check could not be assessed.
EXIT_NOT_ALL_ASSESSED = 4
#: Exit code after Ctrl-C (128 + SIGINT), as shells do.
EXIT_INTERRUPTED = 130
#: Exit code when the output's reader left (``gender-stats check | head``): 128 + SIGPIPE.
EXIT_BROKEN_PIPE = 141

#: Printed for an error that is not the user's: a bug of the library.
INTERNAL_ERROR = (
    "Lỗi nội bộ của gender-stats (an internal error of gender-stats): {kind}: {message}\n"
    "Đây là lỗi của chương trình, không phải của dữ liệu. Xin báo lỗi kèm lệnh đã chạy và tệp đầu "
    "vào (this is a bug, not a problem in your data: please report it with the command and the "
    "input files). Chạy lại với --debug để xem chi tiết (run again with --debug for the traceback)."
)
#: Said when a file was read as a roster without --roster (``cli.read_as_roster`` of labels).
READ_AS_ROSTER = label("cli.read_as_roster", "vi")
#: Added after counts problems when --roster was not given (``cli.roster_hint`` of labels).
ROSTER_HINT = label("cli.roster_hint", "vi")
#: The problem of a file without data rows.
NO_DATA_ROWS = (
    "ít nhất một dòng dữ liệu dưới dòng tiêu đề (at least one data row under the header; "
    "the file has none)"
)

#: A ``--body``/``--level`` value the vocabulary does not know: an argument problem, said alone.
BAD_OPTION = (
    "{option} {value!r} không hợp lệ (invalid {option}): cần {expected}. Hint: sửa tùy chọn rồi "
    "chạy lại; tệp chưa được đọc (fix the option and run again; no file was read)."
)
_OPTION_EXPECTED = {
    "--body": "một mã cơ quan (a body code): {codes}, hoặc tên như Ban Chấp hành, BTV, HĐND (or a "
    "name such as these)",
    "--level": "một cấp (a level): {codes}, hoặc tỉnh, huyện, xã, sở ngành (or a name such as "
    "these)",
}
#: ``--input-term`` that is not a term (the vocabulary's message follows).
BAD_INPUT_TERM = "--input-term: {message}"

_EPILOG = """\
Ví dụ (examples):
  gender-stats report --targets 36-CT/TW --term 2015-2020 --out out/demo
      báo cáo trên dữ liệu mẫu kèm theo (report on the bundled sample data)
  gender-stats report bao_cao_huyen.xlsx --term 2015-2020 --out out/th --lang en
  gender-stats report trich_ngang.xlsx --roster --out out/roster
      đọc danh sách trích ngang rồi đếm (read a personnel list and count it)
  gender-stats validate bao_cao_huyen.xlsx so_lieu.csv
      liệt kê mọi lỗi trong mọi tệp; mã thoát 2 nếu có lỗi (every problem; exit code 2)
  gender-stats check bao_cao_huyen.xlsx --term 2015-2020 --strict
      các đơn vị chưa đạt; mã thoát 1 nếu có (shortfalls; exit code 1 if any)
  gender-stats check
      mọi nhiệm kỳ của dữ liệu mẫu, mỗi nhiệm kỳ theo chỉ tiêu hiện hành
      (every term of the sample, each under the targets in force)
  gender-stats targets
      danh mục chỉ tiêu và nhiệm kỳ mỗi chỉ tiêu đánh giá (the catalogue and the terms it judges)

Không có --targets: áp các chỉ tiêu hiện hành cho nhiệm kỳ, cơ quan và cấp của từng dòng
(without --targets: the targets in force for each row's term, body and level).

Mã thoát (exit codes): 0 đạt/OK, 1 có đơn vị chưa đạt với --strict (a unit falls short),
2 lỗi dữ liệu hoặc tệp (data or file problems), 3 không đánh giá được dòng nào — không phải
"đạt" (nothing could be assessed: not an all-clear), 4 với --strict: không đơn vị nào chưa đạt
nhưng có đơn vị hoặc lượt chưa đánh giá được (with --strict: none below target, but some unit or
check could not be assessed: not an all-clear either).
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gender-stats",
        description=(
            "Thống kê tách biệt giới trong cấp ủy, cơ quan dân cử và chức danh chủ chốt, đối chiếu "
            "chỉ tiêu (sex-disaggregated statistics checked against official targets)."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="in chi tiết lỗi nội bộ (print the traceback of an internal error)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="in chi tiết lỗi nội bộ (print the traceback of an internal error)",
    )
    # Every command speaks both languages: --lang on each of them.
    debug.add_argument(
        "--lang",
        choices=LANGS,
        default="vi",
        help="ngôn ngữ của thông báo và kết quả (language of messages and outputs)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def inputs(p: argparse.ArgumentParser, *, optional: bool) -> None:
        p.add_argument(
            "inputs",
            nargs="*" if optional else "+",
            metavar="INPUT",
            type=Path,
            help="tệp CSV/XLSX/Parquet (files)"
            + ("; bỏ trống: dữ liệu mẫu (none: the bundled sample)" if optional else ""),
        )
        p.add_argument(
            "--roster",
            action="store_true",
            help="đọc INPUT là danh sách trích ngang (read INPUT as a personnel roster)",
        )
        p.add_argument("--units", type=Path, help="bảng đơn vị (units table file)")
        p.add_argument("--sheet", help="tên trang tính (sheet name of an Excel input)")
        p.add_argument(
            "--input-term",
            metavar="TERM",
            help="nhiệm kỳ của tệp không ghi nhiệm kỳ (the term of inputs that do not name one)",
        )
        p.add_argument(
            "--level",
            metavar="LEVEL",
            help="cấp của các đơn vị khi tệp không ghi (the level of the units when the file does "
            "not say): tỉnh/province, huyện/district, xã/commune, sở ngành/agency",
        )
        p.add_argument(
            "--body",
            metavar="BODY",
            help="cơ quan của tệp không ghi (the body when the file does not say): BCH, BTV, "
            "HĐND, planning_pool ...",
        )
        p.add_argument(
            "--unit",
            metavar="NAME",
            help="đơn vị của tệp một đơn vị không ghi tên (the unit of a one-unit file that does "
            'not name it), ví dụ "Huyện Nga Sơn"',
        )
        p.add_argument(
            "-q", "--quiet", action="store_true", help="không hiện tiến trình (no progress bar)"
        )

    def target_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--targets",
            default=None,
            help="văn bản hoặc mã chỉ tiêu, cách nhau bởi dấu phẩy (documents or target ids, "
            "comma-separated); mặc định: chỉ tiêu hiện hành theo nhiệm kỳ (default: the targets "
            "in force for each term)",
        )
        p.add_argument(
            "--term",
            help="nhiệm kỳ, ví dụ 2015-2020 hoặc 2015-20 (term); mặc định: mọi nhiệm kỳ có dữ "
            "liệu, mới nhất trước (default: every term with data, latest first)",
        )

    helps = {
        "report": "viết báo cáo Excel, biểu đồ và trang HTML (write the report)",
        "validate": "kiểm tra tệp, liệt kê mọi lỗi (report every problem in the files)",
        "check": "liệt kê đơn vị chưa đạt chỉ tiêu (list the shortfalls)",
        "targets": "liệt kê danh mục chỉ tiêu (list the catalogue of targets)",
    }
    p_report = sub.add_parser(
        "report",
        parents=[debug],
        help=helps["report"],
        description=helps["report"],
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs(p_report, optional=True)
    target_options(p_report)
    p_report.add_argument("--out", type=Path, default=Path("out"), help="thư mục ra (output dir)")
    p_report.add_argument(
        "--svg", action="store_true", help="ghi thêm biểu đồ dạng SVG (also write SVG charts)"
    )
    p_report.add_argument(
        "--all-charts",
        action="store_true",
        help="vẽ biểu đồ cho mọi nhiệm kỳ, không chỉ nhiệm kỳ gần nhất (charts for every term, not "
        "only the latest)",
    )

    p_validate = sub.add_parser(
        "validate", parents=[debug], help=helps["validate"], description=helps["validate"], epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    inputs(p_validate, optional=False)
    p_validate.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="in nhật ký đọc: mỗi dòng của tệp được xếp loại ra sao (print the reading log: how "
        "every row of the file was classified, and rows read = used + reported + structural)",
    )

    p_check = sub.add_parser(
        "check", parents=[debug], help=helps["check"], description=helps["check"], epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    inputs(p_check, optional=True)
    target_options(p_check)
    p_check.add_argument(
        "--any-term",
        action="store_true",
        help="áp chỉ tiêu cho mọi nhiệm kỳ (apply the targets to any term)",
    )
    p_check.add_argument(
        "--strict",
        action="store_true",
        help="mã thoát 1 nếu có đơn vị chưa đạt, 3 nếu không đánh giá được gì, 4 nếu có đơn vị "
        "hoặc lượt chưa đánh giá được (exit code 1 when a unit falls short, 3 when nothing could "
        "be assessed, 4 when some unit or check could not be assessed)",
    )

    sub.add_parser(
        "targets",
        parents=[debug],
        help=helps["targets"],
        description=helps["targets"],
        epilog=TARGETS_RULE_NOTE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _collection_parsers(sub, debug)
    return parser


def _collection_parsers(sub: Any, debug: argparse.ArgumentParser) -> None:
    """Add ``template`` and ``collect`` (the collection cycle)."""
    help_template = "viết mẫu báo cáo cho từng đơn vị (write one report template per unit)"
    p_template = sub.add_parser(
        "template", parents=[debug], help=help_template, description=help_template
    )
    p_template.add_argument("--units", type=Path, help="bảng đơn vị; mặc định: mẫu (units table)")
    p_template.add_argument("--term", required=True, help="nhiệm kỳ, ví dụ 2015-2020 (term)")
    p_template.add_argument("--out", type=Path, required=True, help="thư mục ra (output dir)")
    p_template.add_argument(
        "--bodies",
        help="mã cơ quan, cách nhau bởi dấu phẩy (body codes, comma-separated); mặc định "
        "party_committee,standing_committee,key_posts",
    )
    p_template.add_argument(
        "--deadline",
        help="hạn nộp: ngày 2015-12-01 hoặc mã 2458/BVSTBCPN-VX:r12 (a date or a deadline id)",
    )
    p_template.add_argument(
        "--period",
        help="kỳ báo cáo: 2015-H1 (6 tháng, trước 05/6) hoặc 2015-Y (cả năm, trước 01/12) "
        "(reporting period; its deadline when --deadline is not given)",
    )
    p_template.add_argument(
        "--one-workbook",
        action="store_true",
        help="một tệp, mỗi đơn vị một trang (one workbook, a sheet per unit)",
    )
    help_collect = (
        "đọc các báo cáo nhận về, tổng hợp, liệt kê đơn vị thiếu/muộn (collect the returns)"
    )
    p_collect = sub.add_parser(
        "collect", parents=[debug], help=help_collect, description=help_collect
    )
    p_collect.add_argument("folder", type=Path, metavar="DIR", help="thư mục tệp nhận về (folder)")
    p_collect.add_argument("--units", type=Path, help="bảng đơn vị; mặc định: mẫu (units table)")
    p_collect.add_argument("--term", required=True, help="nhiệm kỳ, ví dụ 2015-2020 (term)")
    p_collect.add_argument(
        "--deadline",
        help="hạn nộp: ngày 2015-12-01 hoặc mã 2458/BVSTBCPN-VX:r12; mặc định: ghi trong mẫu",
    )
    p_collect.add_argument(
        "--period",
        help="kỳ báo cáo: 2015-H1 hoặc 2015-Y; --term là nhiệm kỳ đang có hiệu lực (reporting "
        "period; --term is the term in force)",
    )
    p_collect.add_argument(
        "--received",
        type=Path,
        help="CSV file,received: ngày nhận đã ghi sổ (recorded arrival dates; else file times)",
    )
    p_collect.add_argument(
        "--out",
        type=Path,
        default=Path("tong_hop.xlsx"),
        help="bảng tổng hợp mẫu ngang (consolidated workbook); default: %(default)s",
    )
    p_collect.add_argument(
        "--strict",
        action="store_true",
        help="mã thoát 1 nếu có đơn vị thiếu, muộn hay có lỗi (exit 1 when a unit is to remind)",
    )


# ---------------------------------------------------------------------------------------------
# Reading


def _read_one(
    path: Path,
    *,
    roster: bool,
    sheet: str | None,
    units: Any,
    term: str | None = None,
    level: str | None = None,
    body: str | None = None,
    unit: str | None = None,
) -> pd.DataFrame:
    """Read one input file as counts (counting a roster); raise the most relevant error.

    The frame returned has ``attrs["read_as"]`` set to ``"counts"`` or ``"roster"`` (and the
    reader's :class:`~gender_stats.io.ReadingLog` in ``attrs["reading"]`` for counts).
    """
    from gender_stats.io import read_counts, read_roster

    if roster:
        persons = read_roster(
            path, sheet=sheet, term=term, units=units, level=level, body=body, unit=unit
        )
        return _with_rows(_kept(_count_roster(persons), persons), path, "roster")
    try:
        frame = read_counts(
            path, sheet=sheet, term=term, units=units, level=level, body=body, unit_name=unit
        )
    except DataError as counts_error:
        if _is_counts_table(counts_error):
            raise  # a counts table with problems: show them, never re-read it as something else
        try:
            persons = read_roster(
                path, sheet=sheet, term=term, units=units, level=level, body=body, unit=unit
            )
        except DataError as roster_error:
            raise _relevant(counts_error, roster_error) from None
        except GenderStatsError:
            raise counts_error from None
        return _with_rows(_kept(_count_roster(persons), persons), path, "roster")
    return _with_rows(frame, path, "counts")


def _count_roster(persons: pd.DataFrame) -> pd.DataFrame:
    """Count a roster, with ``under_40`` where every birth is known (:func:`count_under_40`)."""
    from gender_stats.counting import count_under_40

    return count_under_40(persons)


def _kept(counts: pd.DataFrame, *sources: pd.DataFrame) -> pd.DataFrame:
    """Give ``counts`` the reading logs and the synthetic mark of the frames it came from.

    The provenance of the report (files and rows read, the sample's mark) lives in ``attrs``;
    counting a roster or joining several files makes a new frame without them.
    """
    from gender_stats.datasets import SYNTHETIC
    from gender_stats.io import ReadingLog

    # a log, not the plain mapping of one that a frame read back from Parquet holds
    logs = [f.attrs["reading"] for f in sources if isinstance(f.attrs.get("reading"), ReadingLog)]
    if logs:
        merged = ReadingLog()
        for log in logs:
            merged.extend(log)
        counts.attrs["reading"] = merged
    if any(f.attrs.get(SYNTHETIC) for f in sources):
        counts.attrs[SYNTHETIC] = True
    return counts


def _check_reading_options(args: argparse.Namespace) -> None:
    """Refuse a ``--input-term``, ``--body`` or ``--level`` the readers would refuse, alone.

    A bad option is the user's argument, not a fact about a file: said once, before any file is
    read (never as a problem of each file, nor as a reason to read a file as a roster).  The term
    is checked, and written canonically (``2015-20`` -> ``2015-2020``), by
    :func:`~gender_stats.vocab.normalise_term`, which the readers use; body and level by the
    parsers the readers use.
    """
    from gender_stats.vocab import (
        BODIES,
        LEVELS,
        TermError,
        normalise_term,
        parse_body,
        parse_level,
    )

    term = getattr(args, "input_term", None)
    if term is not None:
        try:
            args.input_term = normalise_term(term)
        except TermError as err:
            raise ArgumentError(BAD_INPUT_TERM.format(message=err)) from err
    for option, parse, codes in (("--body", parse_body, BODIES), ("--level", parse_level, LEVELS)):
        value = getattr(args, option[2:], None)
        if value is not None and parse(value) is None:
            expected = _OPTION_EXPECTED[option].format(codes=", ".join(codes))
            raise ArgumentError(BAD_OPTION.format(option=option, value=value, expected=expected))


def _read_input(args: argparse.Namespace, path: Path, units: Any) -> pd.DataFrame:
    """Read one input file with the reading options of the command line."""
    return _read_one(
        path,
        roster=args.roster,
        sheet=args.sheet,
        units=units,
        term=args.input_term,
        level=args.level,
        body=getattr(args, "body", None),
        unit=getattr(args, "unit", None),
    )


def _with_rows(frame: pd.DataFrame, path: Path, reading: str) -> pd.DataFrame:
    """Refuse a file without data rows; tag the frame with the reading used."""
    if len(frame) == 0:
        raise DataError([Problem(expected=NO_DATA_ROWS, file=str(path))], rows_read=0)
    frame.attrs["read_as"] = reading
    return frame


def _relevant(counts_error: DataError, roster_error: DataError) -> DataError:
    """Return the error of the layout the file has: recognised first, then fewer problems."""
    counts_key = (not _recognised(counts_error), len(counts_error.problems))
    roster_key = (not _recognised(roster_error), len(roster_error.problems))
    return roster_error if roster_key < counts_key else counts_error


def _recognised(error: DataError) -> bool:
    """Say whether a reader recognised the file's layout (some problem sits in a data cell)."""
    return any(p.row is not None and p.column is not None for p in error.problems)


def _is_counts_table(error: DataError) -> bool:
    """Say whether the counts reader found count columns.

    Either a count in a cell is wrong, or every problem is a row's unknown level or unit (the
    counts themselves were read), or one of ``total`` / ``female`` was found and the other is
    missing.
    """
    from gender_stats.io._counts import NEED_LEVEL, UNKNOWN_UNIT

    in_cells = any(
        p.column is not None and any(mark in p.expected for mark in _COUNT_MARKS)
        for p in error.problems
    )
    # every count was read; only the units of some rows are unknown: a counts table
    only_units = bool(error.problems) and all(
        p.row is not None and p.expected in (NEED_LEVEL, UNKNOWN_UNIT) for p in error.problems
    )
    return in_cells or only_units or _lacks(error, "total") != _lacks(error, "female")


#: Words of the problems about counts in cells (the English part of their expected text).
_COUNT_MARKS = ("a whole number", "female ≤ total")


def _lacks(error: DataError, column: str) -> bool:
    """Say whether a reader found no ``column`` at all (a problem on the column, not in a cell)."""
    return any(p.header == column and p.column is None and p.value is None for p in error.problems)


def _read_inputs(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Return the counts of every input (all problems of all files at once) and the units."""
    from tqdm.auto import tqdm

    from gender_stats.io import read_units
    from gender_stats.schema import validate_counts

    units = read_units(args.units) if args.units else None
    if not args.inputs:
        from gender_stats import datasets

        return datasets.load_sample_counts(), units if units is not None else datasets.load_units()
    frames, errors, paths = [], [], []
    for path in tqdm(
        args.inputs, desc="đọc (read)", unit="file", file=sys.stderr, disable=_quiet(args)
    ):
        try:
            frame = _read_input(args, path, units)
        except DataError as err:
            errors.append(err)
            continue
        if frame.attrs.get("read_as") == "roster" and not args.roster:
            print(label("cli.read_as_roster", args.lang, path=path), file=sys.stderr)
        frames.append(frame)
        paths.append(path)
    if errors:
        raise DataError.combine(errors)
    if len(frames) == 1:
        return frames[0], units
    twice = _in_two_files(frames, paths)
    if twice:
        raise DataError(twice, rows_read=sum(len(f) for f in frames), rows_reported=len(twice))
    return _kept(validate_counts(pd.concat(frames, ignore_index=True)), *frames), units


#: A unit's body of one term given by two input files (the same file twice, or two offices).
IN_TWO_FILES = (
    "mỗi nhiệm kỳ × đơn vị × cơ quan trong một tệp (each term × unit × body in one file only); "
    '{body} {term} của đơn vị này đã có trong tệp "{other}" (already in that file). Hint: bỏ '
    "tệp trùng, hoặc sửa tên đơn vị nếu là hai đơn vị khác nhau (drop the repeated file, or "
    "tell the two units apart)"
)


def _in_two_files(frames: Sequence[pd.DataFrame], paths: Sequence[Path]) -> list[Problem]:
    """Return a problem for each unit's body of a term found in an earlier input file too.

    Each reader refuses a duplicate inside its own file; joined, the files would give one unit
    two rows (counted twice, judged twice): said here, naming both files, never summed.
    """
    seen: dict[tuple[str, str, str], Path] = {}
    problems = []
    for path, frame in zip(paths, frames, strict=True):
        keys = zip(
            frame["term"].astype(str),
            frame["unit_id"].astype(str),
            frame["body"].astype(str),
            frame["unit_name"].astype(str),
            strict=True,
        )
        mine: dict[tuple[str, str, str], Path] = {}
        for term, unit, body, name in keys:
            other = seen.get((term, unit, body))
            if other is not None:
                expected = IN_TWO_FILES.format(body=body, term=term, other=other.name)
                problems.append(Problem(expected=expected, value=name, file=path.name))
            mine.setdefault((term, unit, body), path)
        for key, where in mine.items():
            seen.setdefault(key, where)
    return problems


#: ``--targets`` given with no name in it (an empty shell variable, a lone comma).
EMPTY_TARGETS = (
    "--targets {text!r} không có mã chỉ tiêu nào (names no target). Hint: bỏ --targets để dùng các "
    "chỉ tiêu hiện hành, hoặc ghi mã như --targets 36-CT/TW (leave --targets out for the "
    "targets in force, or name them, e.g. --targets 36-CT/TW; see `gender-stats targets`)."
)


def _targets(text: str | None) -> str | list[str] | None:
    """Split ``--targets 36-CT/TW,26-NQ/TW`` into documents or ids; None: the targets in force."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise ArgumentError(EMPTY_TARGETS.format(text=text))
    return parts[0] if len(parts) == 1 else parts


def _quiet(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "quiet", False)) or not sys.stderr.isatty()


# ---------------------------------------------------------------------------------------------
# Commands


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from gender_stats.outputs.report import build_report

    counts, units = _read_inputs(args)
    report = build_report(
        counts,
        targets=_targets(args.targets),
        term=args.term,
        out_dir=args.out,
        lang=args.lang,
        units=units,
        progress=not _quiet(args),
        svg=args.svg,
        charts_for="all" if args.all_charts else "latest",
    )
    lang = args.lang
    below = len(report.units_below)
    print(label("cli.targets_used", lang), end="", file=out)
    print(", ".join(report.targets_used) or label("cli.none", lang), file=out)
    print(label("cli.coverage", lang) + report.coverage, file=out)
    if report.nothing_assessed:
        print(label("cli.nothing_assessed", lang, coverage=report.coverage), file=sys.stderr)
    else:
        above = report.n_checks_above_range
        print(
            label(
                "cli.units_met",
                lang,
                met=_n(report.n_units_met, lang),
                units=_n(report.n_units, lang),
            )
            + (
                label("cli.units_met_unassessed", lang, k=_n(unsure, lang))
                if (unsure := report.n_units_met_unassessed)
                else ""
            )
            + (label("cli.checks_above", lang, above=_n(above, lang)) if above else "")
            + _report_not_assessed(counts, args.term, report.n_units, lang)
            + label(
                "cli.below_needed",
                lang,
                below=_n(below, lang),
                needed=_n(report.women_needed, lang),
            ),
            file=out,
        )
    if report.share_targets_short:
        items = "; ".join(
            label("cli.report_share_item", lang, term=t, target=target, k=_n(k, lang))
            for t, target, k in report.share_targets_short
        )
        print(label("cli.report_share", lang, items=items), file=out)
    if report.units_below:
        shown = ", ".join(report.units_below[:_MAX_NAMES])
        if below > _MAX_NAMES:
            shown += f", … (+{below - _MAX_NAMES})"
        print(label("cli.below_names", lang) + shown, file=out)
    if report.provenance is not None:
        print(report.provenance.summary(lang), file=out)
    print(label("cli.page", lang) + str(report.html), file=out)
    print(label("cli.workbook", lang) + str(report.workbook), file=out)
    if report.charts:
        charts = report.charts[0].parent
        print(label("cli.charts", lang, dir=charts, n=len(report.charts)), file=out)
    return EXIT_NOTHING_ASSESSED if report.nothing_assessed else EXIT_OK


def _report_not_assessed(counts: pd.DataFrame, term: str | None, n_units: int, lang: str) -> str:
    """Return ``"; k units not assessed"`` for the units (term × unit) of no assessed check."""
    from gender_stats.vocab import normalise_term

    terms = counts["term"].astype(str).map(normalise_term)
    scope = (terms == normalise_term(term)).to_numpy(dtype=bool) if term else slice(None)
    units = len(
        pd.DataFrame({"t": terms, "u": counts["unit_id"].astype(str)})[scope].drop_duplicates()
    )
    k = units - n_units
    return label("cli.units_not_assessed", lang, k=_n(k, lang)) if k > 0 else ""


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from gender_stats.io import ReadingLog, read_units

    units = None
    errors: list[GenderStatsError] = []
    if args.units:
        try:
            units = read_units(args.units)
        except GenderStatsError as err:
            errors.append(err)
        except OSError as err:
            errors.append(GenderStatsError(_os_message(err)))
    for path in args.inputs:
        try:
            frame = _read_input(args, path, units)
        except GenderStatsError as err:
            errors.append(err)
            log = getattr(err, "reading", None)
            if getattr(args, "verbose", False) and log is not None:
                print(log, file=out)
            continue
        except OSError as err:
            errors.append(GenderStatsError(_os_message(err)))
            continue
        reading = label(
            "cli.read_roster" if frame.attrs.get("read_as") == "roster" else "cli.read_counts",
            args.lang,
        )
        print(label("cli.ok", args.lang, path=path, n=len(frame), reading=reading), file=out)
        log = frame.attrs.get("reading")
        if isinstance(log, ReadingLog):
            # every row accounted for, always: the sum line; each row with --verbose
            print(log if getattr(args, "verbose", False) else _accounted(log, args.lang), file=out)
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        n = sum(len(e.problems) if isinstance(e, DataError) else 1 for e in errors)
        print(label("cli.problems", args.lang, n=n, files=len(errors)), file=sys.stderr)
        if not args.roster and any(
            isinstance(e, DataError) and not _is_counts_table(e) for e in errors
        ):
            print(label("cli.roster_hint", args.lang), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _accounted(log: Any, lang: str) -> str:
    """Return the line that accounts for every row a reader saw (a ``ReadingLog``)."""
    return label(
        "cli.rows_accounted",
        lang,
        read=_n(log.rows_read, lang),
        used=_n(log.rows_used, lang),
        reported=_n(log.rows_reported, lang),
        structural=_n(log.rows_structural, lang),
    )


def _n(value: Any, lang: str) -> str:
    """Return a count as every output writes it (``1.299``; ``1,299`` in English)."""
    from gender_stats.outputs.labels import format_count

    return format_count(int(value), lang=lang)  # type: ignore[arg-type]


def _text(lang: str) -> dict[str, str]:
    """Return the messages of the check command in ``lang`` (``check_`` words of labels)."""
    keys = ("used", "none_used", "term", "all_met", "above", "nothing_term", "short")
    return {k: label(f"cli.check_{k}", lang) for k in keys}


def _check_quietly(
    counts: pd.DataFrame, args: argparse.Namespace, units: pd.DataFrame | None, **kwargs: Any
) -> tuple[pd.DataFrame, list[str]]:
    """Run :func:`~gender_stats.compliance.check`; return the frame and the warnings' messages."""
    from gender_stats import compliance

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", compliance.NothingAssessedWarning)
        result = compliance.check(
            counts, _targets(args.targets), term=args.term, units=units, **kwargs
        )
    messages = [
        str(w.message) for w in caught if issubclass(w.category, compliance.NothingAssessedWarning)
    ]
    for w in caught:
        if not issubclass(w.category, compliance.NothingAssessedWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result, messages


def _print_targets_used(result: pd.DataFrame, lang: str, out: TextIO) -> None:
    from gender_stats import compliance

    text = _text(lang)
    print(text["used"], file=out)
    used = compliance.targets_used(result)
    if used.empty:
        print(text["none_used"], file=out)
    for term, group in used.groupby("term", sort=False):
        print(f"  {term}: {', '.join(group[compliance.TARGET_ID].astype(str))}", file=out)
    print(label("cli.coverage", lang) + compliance.coverage(result, lang=lang), file=out)


def _units_not_assessed(rows: pd.DataFrame) -> list[str]:
    """Return the names of the units of ``rows`` none of whose checks was assessed."""
    from gender_stats.compliance import ASSESSED, STATUS

    if rows.empty:
        return []
    assessed = rows[STATUS].isin(ASSESSED)
    key = rows["unit_id"].astype(str)
    judged = assessed.groupby(key, sort=False).any()
    names = rows.groupby(key, sort=False)["unit_name"].first().astype(str)
    return [names[u] for u in judged.index[~judged.to_numpy(dtype=bool)]]


def _print_not_assessed(rows: pd.DataFrame, lang: str, out: TextIO) -> bool:
    """Say which checks and units of one term were not assessed; return whether any."""
    from gender_stats import compliance

    no_data = int((rows[compliance.STATUS] == compliance.Status.NO_DATA.value).sum())
    units = _units_not_assessed(rows)
    if not no_data and not units:
        return False
    print(label("cli.coverage", lang) + compliance.coverage(rows, lang=lang), file=out)
    if units:
        shown = ", ".join(units[:_MAX_NAMES]) + (
            f", … (+{len(units) - _MAX_NAMES})" if len(units) > _MAX_NAMES else ""
        )
        print(label("cli.check_units_not_assessed", lang, names=shown), file=out)
    return True


def _print_left_out(counts: pd.DataFrame, args: argparse.Namespace, lang: str, out: TextIO) -> None:
    """Say which rows the chosen ``--targets`` do not look at (their bodies are not the targets')."""
    from gender_stats.targets import get_targets
    from gender_stats.vocab import normalise_term

    if args.targets is None:
        return  # the targets in force: every row is in the result, judged or said why not
    chosen = get_targets(_targets(args.targets))
    if any(not t.bodies for t in chosen):
        return
    bodies = {b for t in chosen for b in t.bodies}
    rows = counts
    if args.term:
        terms = rows["term"].astype(str).map(normalise_term)
        rows = rows[(terms == normalise_term(args.term)).to_numpy(dtype=bool)]
    left = rows[~rows["body"].astype(str).isin(bodies).to_numpy(dtype=bool)]
    if left.empty:
        return
    pairs = list(dict.fromkeys(f"{b} {t}" for b, t in zip(left["body"], left["term"], strict=True)))
    shown = ", ".join(pairs[:4]) + (", …" if len(pairs) > 4 else "")
    print(label("cli.check_left_out", lang, n=_n(len(left), lang), pairs=shown), file=out)


def _share_rules(result: pd.DataFrame) -> dict[str, Any]:
    """Return the share-of-units rules (28/NQ-CP ...) of the targets in ``result``, by id."""
    from gender_stats.compliance import TARGET_ID
    from gender_stats.targets import ShareOfUnits, get_targets

    ids = set(result[TARGET_ID].dropna().astype(str))
    return {t.id: t.rule for t in get_targets() if t.id in ids and isinstance(t.rule, ShareOfUnits)}


def _print_share_targets(
    on_term: pd.DataFrame, rules: dict[str, Any], lang: str, out: TextIO
) -> list[str]:
    """Print the verdict of each share-of-units target over the units of one term.

    A unit without (say) a woman key leader is not below a target that asks 60 % of the units
    to have one: the target is met or not by the share of units.  Returns the ids not met.
    """
    from gender_stats import compliance
    from gender_stats.outputs.labels import format_share, rule_text

    failed = []
    for target_id, rule in rules.items():
        rows = on_term[(on_term[compliance.TARGET_ID] == target_id).to_numpy(dtype=bool)]
        numbers = compliance.summarise(rows, by=(), warn=False).iloc[0]
        n, met = int(numbers["n_units"]), int(numbers["n_met"])
        if not n:
            continue
        if rule.units_met(met, n):
            verdict = label("cli.share_met", lang)
        else:
            failed.append(target_id)
            more = int(numbers["units_needed"])  # summarise's, as the tables and the page say
            verdict = label("cli.share_below", lang, k=_n(more, lang))
        print(
            label(
                "cli.check_share",
                lang,
                target=target_id,
                met=_n(met, lang),
                n=_n(n, lang),
                share=format_share((met, n), lang=lang),  # type: ignore[arg-type]
                unit_rule=rule_text(rule.inner_rule.label, lang),
                rule=rule_text(rule.label, lang).partition(":")[0],
                verdict=verdict,
            ),
            file=out,
        )
        lacking = rows[
            (rows[compliance.STATUS] == compliance.Status.BELOW.value).to_numpy(dtype=bool)
        ]
        if not lacking.empty:
            names = list(dict.fromkeys(lacking["unit_name"].astype(str)))
            shown = ", ".join(names[:_MAX_NAMES]) + (
                f", … (+{len(names) - _MAX_NAMES})" if len(names) > _MAX_NAMES else ""
            )
            print(label("cli.share_lacking", lang, names=shown), file=out)
    return failed


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from gender_stats import compliance

    lang = args.lang
    text = _text(lang)
    counts, units = _read_inputs(args)
    result, nothing = _check_quietly(counts, args, units, any_term=args.any_term, lang=lang)
    _print_targets_used(result, lang, out)
    _print_left_out(counts, args, lang, out)
    if nothing:
        for message in nothing:
            print(message, file=sys.stderr)
        return EXIT_NOTHING_ASSESSED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", compliance.NothingAssessedWarning)
        short = compliance.shortfalls(result)
    shares = _share_rules(result)
    by_share = short[compliance.TARGET_ID].isin(list(shares)).to_numpy(dtype=bool)
    uncovered = compliance.uncovered_terms(result)
    terms = sorted(
        (str(t) for t in pd.unique(result["term"])),
        key=lambda t: tuple(int(y) for y in t.split("-")),
        reverse=True,
    )
    partly = False  # some unit or check that could be judged was not: never an all-clear
    below = [short[~by_share]]  # the rows below target; a share-of-units target's when not met
    for term in terms:
        on_term = result[(result["term"] == term).to_numpy(dtype=bool)]
        print("", file=out)
        print(text["term"].format(term=term), file=out)
        if term in uncovered:
            print(label("cli.check_uncovered", lang, term=term) + ".", file=out)
            partly = True
            continue
        numbers = compliance.summarise(on_term, by=(), warn=False).iloc[0]
        assessed, above = int(numbers["n_units"]), int(numbers["n_above_range"])
        if not assessed:
            print(text["nothing_term"].format(term=term), file=out)
            print(label("cli.coverage", lang) + compliance.coverage(on_term, lang=lang), file=out)
            partly = True
            continue
        of_term = (short["term"] == term).to_numpy(dtype=bool)
        term_short = short[of_term & ~by_share]
        gaps = bool(
            (on_term[compliance.STATUS] == compliance.Status.NO_DATA.value).any()
            or _units_not_assessed(on_term)
        )
        if not term_short.empty:
            _print_shortfalls(term_short, lang, out)
            if above:
                line = text["above"].format(k=_n(above, lang)).lstrip("; ").capitalize()
                print(line + ".", file=out)
        failed = _print_share_targets(on_term, shares, lang, out)
        if failed:
            below.append(
                short[of_term & short[compliance.TARGET_ID].isin(failed).to_numpy(dtype=bool)]
            )
        elif term_short.empty:
            # a unit lacking what a share-of-units target counts is no shortfall once it is met
            met = int(numbers["n_met"]) + _share_below(on_term, shares)
            key = "cli.check_assessed_met" if gaps else "cli.check_all_met"
            if not gaps and _share_below(on_term, shares):
                key = "cli.check_targets_met"  # some unit lacks, and the share is met
            line = label(key, lang, met=_n(met, lang), n=_n(assessed, lang))
            print(line + (text["above"].format(k=_n(above, lang)) if above else "") + ".", file=out)
        partly |= _print_not_assessed(on_term, lang, out)
    print("", file=out)
    short = pd.concat(below, ignore_index=True)
    no_data = int((result[compliance.STATUS] == compliance.Status.NO_DATA.value).sum())
    tail = label("cli.check_short_partly", lang, rows=_n(no_data, lang)) if no_data else ""
    if short.empty:
        print(text["short"].format(units=0, checks=0).rstrip(".") + tail + ".", file=out)
    else:
        units_short, checks = _n(short["unit_id"].nunique(), lang), _n(len(short), lang)
        line = text["short"].format(units=units_short, checks=checks).rstrip(".")
        print(line + tail + ".", file=out)
    if not args.strict:
        return EXIT_OK
    if not short.empty:
        return EXIT_SHORTFALL
    if partly:
        print(label("cli.check_partly_hint", lang), file=sys.stderr)
        return EXIT_NOT_ALL_ASSESSED
    return EXIT_OK


def _share_below(rows: pd.DataFrame, shares: dict[str, Any]) -> int:
    """Return the rows of share-of-units targets whose unit lacks the inner rule (not checks below)."""
    from gender_stats import compliance

    mine = rows[compliance.TARGET_ID].isin(list(shares)).to_numpy(dtype=bool)
    return int((rows[compliance.STATUS][mine] == compliance.Status.BELOW.value).sum())


def _print_shortfalls(short: pd.DataFrame, lang: str, out: TextIO) -> None:
    """Print the rows below target as an aligned table."""
    from gender_stats.compliance import NUMERATOR, RULE, SEATS_NEEDED, SHARE, TARGET_ID
    from gender_stats.outputs.labels import format_share, rule_text
    from gender_stats.vocab import body_label

    numerators = (
        short[NUMERATOR].astype(object).fillna("female").tolist()
        if NUMERATOR in short.columns
        else ["female"] * len(short)
    )
    shares = [
        format_share((row[num], row["total"]), lang=lang)  # type: ignore[arg-type]
        for num, (_, row) in zip(numerators, short.iterrows(), strict=True)
    ]
    columns = {
        "unit": short["unit_name"].astype(str).tolist(),
        "body": [body_label(str(b), lang) for b in short["body"]],
        "term": short["term"].astype(str).tolist(),
        "target": short[TARGET_ID].astype(str).tolist(),
        SHARE: shares,
        # a target counting another group (members under 40) names it: its shortfall is not women
        RULE: [
            rule_text(str(r) if num == "female" else f"{r} [{num}]", lang)
            for r, num in zip(short[RULE], numerators, strict=True)
        ],
    }
    needed = "women_needed" if all(num == "female" for num in numerators) else "needed"
    columns[needed] = ["–" if pd.isna(n) else str(n) for n in short[SEATS_NEEDED]]
    widths = {k: max(len(k), *(len(v) for v in values)) for k, values in columns.items()}
    right = {SHARE, needed}

    def cell(key: str, value: str) -> str:
        return value.rjust(widths[key]) if key in right else value.ljust(widths[key])

    print("  ".join(cell(k, k) for k in columns).rstrip(), file=out)
    for i in range(len(short)):
        print("  ".join(cell(k, v[i]) for k, v in columns.items()).rstrip(), file=out)


#: How the ``targets`` command explains the "by year Y" rule.
TARGETS_RULE_NOTE = label("cli.targets_note", "vi")


def _cmd_targets(args: argparse.Namespace, out: TextIO) -> int:
    from gender_stats.compliance import DOCUMENT, RULE, TARGET_ID
    from gender_stats.outputs.labels import rule_text
    from gender_stats.targets import list_targets

    lang = args.lang
    catalogue = list_targets()
    catalogue[RULE] = [rule_text(str(r), lang) for r in catalogue[RULE]]
    # "when" stays in English in both languages (the catalogue's own column); rules in words.
    wanted = [
        TARGET_ID,
        DOCUMENT,
        RULE,
        "bodies",
        "when",
        "party_terms",
        "council_terms",
        "confidence",
    ]
    columns = [c for c in wanted if c in catalogue.columns] or list(catalogue.columns)
    with pd.option_context("display.max_colwidth", 60, "display.width", 250):
        print(catalogue[columns].to_string(index=False), file=out)
    print("", file=out)
    print(label("cli.targets_note", lang), file=out)
    return EXIT_OK


def _collection_units(args: argparse.Namespace) -> pd.DataFrame:
    from gender_stats.datasets import load_units
    from gender_stats.io import read_units

    return read_units(args.units) if args.units else load_units()


def _cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    from gender_stats.collection import make_templates

    bodies = [b.strip() for b in args.bodies.split(",") if b.strip()] if args.bodies else None
    paths = make_templates(
        _collection_units(args),
        term=args.term,
        out_dir=args.out,
        bodies=bodies,
        deadline=args.deadline,
        period=args.period,
        lang=args.lang,
        one_workbook=args.one_workbook,
    )
    print(label("cli.wrote_templates", args.lang, n=len(paths), out=args.out), file=out)
    return EXIT_OK


#: A --received file that is not a UTF-8 CSV table.
RECEIVED_NOT_CSV = (
    "một bảng CSV UTF-8 có hai cột file, received (a UTF-8 CSV table with two columns: file "
    "name, date received); không đọc được (cannot be read: {why})"
)


def _received_table(path: Path) -> pd.DataFrame:
    """Read the ``--received`` register (file, received); a file that is no CSV is a DataError."""
    try:
        return pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        why = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        problem = Problem(RECEIVED_NOT_CSV.format(why=why), None, path.name)
        raise DataError([problem]) from err


def _cmd_collect(args: argparse.Namespace, out: TextIO) -> int:
    from gender_stats.collection import collect, reminders
    from gender_stats.outputs.collection import body_words, status_word, write_collection

    lang = args.lang
    received = None
    if args.received is not None:
        table = _received_table(args.received)
        if not {"file", "received"} <= set(table.columns):
            raise DataError(
                [
                    Problem(
                        "hai cột file, received (two columns: file name, date received)",
                        ", ".join(map(str, table.columns)),
                        args.received.name,
                    )
                ]
            )
        received = dict(zip(table["file"], table["received"], strict=True))
    units = _collection_units(args)
    result = collect(
        args.folder,
        units=units,
        term=args.term,
        deadline=args.deadline,
        received=received,
        period=args.period,
    )
    status = result.status
    blank = body_words(status.get("blank_bodies", pd.Series("", index=status.index)), lang)
    records: list[dict[Any, Any]] = status.assign(_blank=blank).to_dict("records")
    for rec in records:
        arrived = rec["received"]
        when = "" if pd.isna(arrived) else f"{arrived:%d/%m/%Y}"
        on_time = rec["on_time"]
        late = "" if pd.isna(on_time) else label("cli.on_time" if on_time else "cli.late", lang)
        who = rec["unit_name"] if isinstance(rec["unit_name"], str) else "?"
        extra = label("cli.n_problems", lang, n=rec["n_problems"]) if rec["n_problems"] else ""
        if rec["_blank"]:
            extra += label("cli.blank_bodies", lang, bodies=rec["_blank"])
        word = status_word(rec["status"], lang)
        print(f"{word:<17} {who:<32} {rec['file']:<28} {when:<10} {late}{extra}", file=out)
    counts = status["status"].value_counts()
    print(
        "; ".join(f"{status_word(k, lang)}: {v}" for k, v in counts.items())
        + (label("cli.period", lang, period=result.period.code) if result.period else "")
        + (
            label("cli.deadline", lang, date=f"{result.deadline:%d/%m/%Y}")
            if result.deadline
            else ""
        ),
        file=out,
    )
    if result.counts.empty:
        print(label("cli.no_usable_counts", lang), file=out)
    else:
        write_collection(result, args.out, units=units, lang=lang)
        print(label("cli.wrote_collection", lang, out=args.out), file=out)
    remind = reminders(result)
    return EXIT_SHORTFALL if args.strict and not remind.empty else EXIT_OK


_COMMANDS = {
    "report": _cmd_report,
    "validate": _cmd_validate,
    "check": _cmd_check,
    "targets": _cmd_targets,
    "template": _cmd_template,
    "collect": _cmd_collect,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 when ``check --strict`` finds a unit below target, 2 on a data or file
        problem (the message goes to standard error, never a traceback) or a usage error, 3 when
        nothing could be assessed, 4 when ``check --strict`` finds nothing below target but some
        unit or check could not be assessed.

    Examples
    --------
    >>> main(["check", "--help"])  # doctest: +ELLIPSIS
    usage: gender-stats check ...
    0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else EXIT_ERROR
    debug = bool(getattr(args, "debug", False))
    lang = getattr(args, "lang", "vi")
    with warnings.catch_warnings():
        warnings.simplefilter("always", GenderStatsWarning)  # shown to the user, never raised
        warnings.showwarning = _warning_printer(lang)
        try:
            _check_reading_options(args)
            return _COMMANDS[args.command](args, sys.stdout)
        except GenderStatsError as err:
            print(err, file=sys.stderr)
            if debug:
                traceback.print_exc(file=sys.stderr)
            return EXIT_ERROR
        except BrokenPipeError:
            _quiet_stdout()  # the reader of the output left (``| head``): nothing to say
            return EXIT_BROKEN_PIPE
        except OSError as err:
            print(_os_message(err), file=sys.stderr)
            if debug:
                traceback.print_exc(file=sys.stderr)
            return EXIT_ERROR
        except KeyboardInterrupt:
            print(label("cli.interrupted", lang), file=sys.stderr)
            return EXIT_INTERRUPTED
        except Exception as err:
            message = str(err).splitlines()[0][:300] if str(err) else ""
            print(INTERNAL_ERROR.format(kind=type(err).__name__, message=message), file=sys.stderr)
            if debug:
                traceback.print_exc(file=sys.stderr)
            return EXIT_ERROR


def run() -> None:
    """Run the command line as the ``gender-stats`` program and exit with its code.

    The same as ``sys.exit(main())``, but quicker to end: everything the program made is kept
    until the process ends (:func:`gc.freeze`), so the interpreter does not walk through the
    report's hundreds of thousands of objects once more only to free memory that the system
    takes back at exit anyway (0.4 s of a 4 s ``report``).  The objects the imports made are
    frozen too, so the collections during the command do not walk through them again and again.
    Only for the program: :func:`main`, called from Python, leaves the collector as it is.
    """
    gc.freeze()  # the modules imported so far live as long as the process
    code = main()
    gc.freeze()
    sys.exit(code)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that closing it at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (a captured stream)
        pass


def _os_message(err: OSError) -> str:
    """Say which file could not be read or written, and why, without a traceback."""
    where = f' "{err.filename}"' if err.filename else ""
    why = err.strerror or str(err)
    return f"Không đọc/ghi được tệp{where} (cannot read or write a file{where}): {why}"


def _warning_printer(lang: str) -> Any:
    """Return a ``showwarning`` that prints a library warning as one line in ``lang``."""

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        print(label("cli.warning", lang, message=message), file=sys.stderr)

    return show


if __name__ == "__main__":
    sys.exit(main())
