"""Write the formatted workbook a provincial office sends on (openpyxl).

One sheet per body (and term) laid out like the official template: a title block, a merged two-row
header (``STT`` and ``Đơn vị`` merged down, the body's group ``Tổng số`` / ``Nữ`` / ``Tỷ lệ (%)``, and
one group per target with ``Chỉ tiêu`` / ``Đánh giá`` / ``Số nữ còn thiếu``), one row per unit grouped
by level with pooled subtotals, shares stored as numbers with a percent format, units below target
filled in red, frozen header panes; then a summary sheet and a sources sheet that cites each target.

Text that begins with ``=``, ``+``, ``-`` or ``@`` (a unit named ``=HYPERLINK(...)``) is written as
text with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gender_stats.compliance import (
    DOCUMENT,
    NOTE,
    NUMERATOR,
    RULE,
    SEATS_NEEDED,
    SHARE,
    STATUS,
    TARGET_ID,
    Status,
)
from gender_stats.errors import TargetError, require_frame
from gender_stats.outputs.labels import labels_for, rule_text
from gender_stats.outputs.tables import (
    LABELS,
    STATUS_LABELS,
    applicable_rows,
    body_order,
    level_order,
    summary_numbers_frame,
    units_noun,
)
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.vocab import body_label, level_label, term_bounds

__all__ = ["BELOW_FILL", "workbook_bytes", "write_workbook"]

#: Fill colour (ARGB) of units below target.
BELOW_FILL = "FFFFC7CE"
_HEADER_FILL = "FFD9E1F2"
_SECTION_FILL = "FFF2F2F2"


def _words(lang: str) -> dict[str, str]:
    """Return the workbook's words in ``lang`` (``sheet.*`` of :mod:`~gender_stats.outputs.labels`)."""
    return labels_for("sheet", lang)


_THIN = Side(style="thin", color="FF808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=13)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_ITALIC = Font(italic=True)
_FORMULA_START = ("=", "+", "-", "@")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_SHEET_BAD = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _put(ws: Worksheet, row: int, col: int, value: Any, **style: Any) -> Any:
    """Write one cell; text is always text (never a formula); NaN and NA become empty cells."""
    cell = ws.cell(row=row, column=col)
    if _missing(value):
        cell.value = None
    elif isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True
    elif isinstance(value, (bool, np.bool_)):
        cell.value = bool(value)
    elif isinstance(value, (int, np.integer)):
        cell.value = int(value)
    elif isinstance(value, (float, np.floating)):
        cell.value = float(value)
    else:
        cell.value = value
    if style:
        _style(ws, cell, **style)
    return cell


def _style(ws: Worksheet, cell: Any, **style: Any) -> None:
    """Set style attributes of a cell, reusing the workbook's style records.

    Setting openpyxl style attributes one by one hashes whole style objects each time; cells of a
    report share a handful of styles, so the result of each (current style, change) pair is cached
    per workbook.  Style objects are module constants, so their ``id`` is a stable key.
    """
    cache: dict[Any, Any] = ws.parent.__dict__.setdefault("_gender_stats_styles", {})
    key = (
        tuple(cell._style) if cell._style is not None else (),
        tuple(
            (name, item if isinstance(item, str) else id(item))
            for name, item in sorted(style.items())
        ),
    )
    found = cache.get(key)
    if found is not None:
        cell._style = copy.copy(found)
        return
    for name, item in style.items():
        setattr(cell, name, item)
    cache[key] = copy.copy(cell._style)


def _sheet_name(text: str, used: set[str]) -> str:
    base = " ".join(text.translate(_SHEET_BAD).split()).strip("'")[:31] or "Sheet"
    name, k = base, 2
    while name.lower() in used:
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name.lower())
    return name


def _body_sheet_label(label: str, term: str | None) -> str:
    """Return a sheet name for a body (and term) within Excel's 31 characters, keeping the term."""
    if term is None:
        return label
    if len(label) + 1 + len(term) > 31:
        label = re.sub(r"\s*\([^)]*\)", "", label)
    return f"{label[: 30 - len(term)].rstrip()} {term}"


def _pct_format(digits: int) -> str:
    return "0%" if digits == 0 else "0." + "0" * digits + "%"


def _share(female: Any, total: Any) -> float | None:
    if _missing(female) or _missing(total) or int(total) == 0:
        return None
    return int(female) / int(total)


def _widths(ws: Worksheet, widths: Mapping[int, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def _text_width(values: Iterable[Any], *, low: float, high: float) -> float:
    longest = max((len(str(v)) for v in values if not _missing(v)), default=0)
    return float(min(max(longest + 3, low), high))


def _fill(color: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=color, end_color=color)


_BELOW = _fill(BELOW_FILL)
_HEADER = _fill(_HEADER_FILL)
_SECTION = _fill(_SECTION_FILL)


def _title_block(ws: Worksheet, title: str, subtitle: str | None, last_col: int) -> None:
    _put(ws, 1, 1, title, font=_TITLE_FONT, alignment=_CENTER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(last_col, 1))
    ws.row_dimensions[1].height = 24
    if subtitle:
        _put(ws, 2, 1, subtitle, font=_ITALIC, alignment=_CENTER)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(last_col, 1))


def _body_header(
    ws: Worksheet, frame: pd.DataFrame, targets: list[str], lang: str
) -> dict[str, str]:
    """Write the two-row header (rows 4 and 5); return the rule of each target."""
    lab, text = LABELS[lang], _words(lang)
    top, bottom = _BODY_HEADER
    header = {"font": _BOLD, "alignment": _CENTER, "border": _BORDER, "fill": _HEADER}
    for col, name in ((1, text["stt"]), (2, lab["unit"])):
        _put(ws, top, col, name, **header)
        _put(ws, bottom, col, None, **header)
        ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
    groups = [
        (body_label(str(frame[BODY].iloc[0]), lang), (lab["total"], lab["female"], lab[SHARE]))
    ]
    rules: dict[str, str] = {}
    for target_id in targets:
        first = frame[frame[TARGET_ID].astype("str") == target_id].iloc[0]
        rules[target_id] = rule_text(str(first[RULE]), lang)
        group = f"{target_id} ({rules[target_id]})"
        numerator = first.get(NUMERATOR, FEMALE)
        needed = lab["needed"]
        if isinstance(numerator, str) and numerator != FEMALE:
            # the target counts another group (members under 40), named in words
            group = rule_text(f"{group} [{numerator}]", lang)
            needed = lab["needed_part"]
        groups.append((group, (lab["target"], lab[STATUS], needed)))
    for j, (group, names) in enumerate(groups):
        col = 3 + 3 * j
        _put(ws, top, col, group, **header)
        for k, name in enumerate(names):
            if k:
                _put(ws, top, col + k, None, **header)
            _put(ws, bottom, col + k, name, **header)
        ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + 2)
    return rules


def _totals_row(
    ws: Worksheet, r: int, label_text: str, part: pd.DataFrame, last_col: int, pct: str
) -> None:
    """Write a pooled subtotal (or grand total) row: sums of members and women, their share.

    Only the units whose members and women are both known are pooled, so that the two sums
    describe the same units (a unit that sent one number shows it on its own row).
    """
    known = (part[TOTAL].notna() & part[FEMALE].notna()).to_numpy(dtype=bool)
    total = int(part.loc[known, TOTAL].sum())
    female = int(part.loc[known, FEMALE].sum())
    style = {"font": _BOLD, "border": _BORDER, "fill": _SECTION}
    _put(ws, r, 1, None, **style)
    _put(ws, r, 2, label_text, **style)
    _put(ws, r, 3, total, **style)
    _put(ws, r, 4, female, **style)
    _put(ws, r, 5, _share(female, total), number_format=pct, **style)
    for col in range(6, last_col + 1):
        _put(ws, r, col, None, **style)


def _unit_row(
    ws: Worksheet,
    row: int,
    number: int,
    unit: Any,
    cells: Mapping[tuple[str, str], Any],
    rules: Mapping[str, str],
    lang: str,
    pct: str,
) -> None:
    """Write one unit: its counts and share, then rule, status and women needed per target."""
    words = STATUS_LABELS[lang]
    total, female = getattr(unit, TOTAL), getattr(unit, FEMALE)
    _put(ws, row, 1, number, border=_BORDER, alignment=_CENTER)
    _put(ws, row, 2, getattr(unit, UNIT_NAME), border=_BORDER, alignment=_LEFT)
    _put(ws, row, 3, total, border=_BORDER)
    _put(ws, row, 4, female, border=_BORDER)
    _put(ws, row, 5, _share(female, total), border=_BORDER, number_format=pct)
    statuses = []
    for j, target_id in enumerate(rules):
        col = 6 + 3 * j
        found = cells.get((str(getattr(unit, UNIT_ID)), target_id))
        status = None if found is None else str(getattr(found, STATUS))
        statuses.append(status)
        needed = None if found is None else getattr(found, SEATS_NEEDED, None)
        _put(ws, row, col, rules[target_id] if found is not None else None)
        _put(ws, row, col + 1, None if status is None else words.get(status, status))
        _put(ws, row, col + 2, needed)
        for c in range(col, col + 3):
            _style(ws, ws.cell(row=row, column=c), border=_BORDER, alignment=_CENTER)
    if Status.BELOW in statuses:
        for c in range(1, 6 + 3 * len(rules)):
            _style(ws, ws.cell(row=row, column=c), fill=_BELOW)


def _body_sheet(
    ws: Worksheet,
    frame: pd.DataFrame,
    *,
    term: str,
    lang: str,
    title: str | None,
    digits: int,
) -> None:
    """Write one body × term: title, two-row header, units by level with pooled subtotals."""
    text = _words(lang)
    targets = list(dict.fromkeys(frame[TARGET_ID].dropna().astype("str")))
    last_col = 5 + 3 * len(targets)
    label = body_label(str(frame[BODY].iloc[0]), lang)
    sub = text["subtitle"].format(term=term)
    heading = title or text["title"].format(body=label.upper())
    _title_block(ws, heading, f"{label} — {sub}" if title else sub, last_col)
    rules = _body_header(ws, frame, targets, lang)
    units = frame.drop_duplicates(UNIT_ID, keep="first")
    levels = sorted(dict.fromkeys(units[LEVEL].astype("str")), key=level_order)
    cells = {
        (str(u), str(t)): rec
        for u, t, rec in zip(frame[UNIT_ID], frame[TARGET_ID], frame.itertuples(), strict=True)
    }
    pct = _pct_format(digits)
    row, number = _BODY_HEADER[1] + 1, 0
    for k, level in enumerate(levels):
        part = units[units[LEVEL].astype("str") == level]
        if len(levels) > 1:
            roman = _ROMAN[k] if k < len(_ROMAN) else str(k + 1)
            _totals_row(ws, row, f"{roman}. {level_label(level, lang)}", part, last_col, pct)
            row += 1
        for unit in part.itertuples(index=False):
            number += 1
            _unit_row(ws, row, number, unit, cells, rules, lang, pct)
            row += 1
    _totals_row(ws, row, text["grand_total"], units, last_col, pct)
    ws.freeze_panes = ws.cell(row=_BODY_HEADER[1] + 1, column=3)
    widths = {1: 6.0, 2: _text_width(units[UNIT_NAME], low=16, high=45), 3: 9.0, 4: 8.0, 5: 10.0}
    for j in range(len(targets)):
        widths |= {6 + 3 * j: 11.0, 7 + 3 * j: 17.0, 8 + 3 * j: 11.0}
    _widths(ws, widths)
    _fit_headers(ws, (1, *_BODY_HEADER))
    _print_setup(ws, title_rows=f"{_BODY_HEADER[0]}:{_BODY_HEADER[1]}", title_cols="A:B")


# ---------------------------------------------------------------------------------------------
# print: A4, fit to width, header rows on every page, no clipped header cell

#: Rows of the two-row header of a body sheet.
_BODY_HEADER = (4, 5)
#: Widths (in characters) that fit across an A4 page in portrait; wider sheets print landscape.
PORTRAIT_WIDTH = 95.0
#: Height (points) of one line of 11-point text.
_LINE_POINTS = 15.0


def _text_lines(text: str, width: float) -> int:
    """Return how many lines ``text`` takes wrapped at spaces in a cell ``width`` characters wide.

    Header text is bold, about a tenth wider than the digits Excel measures widths in.
    """
    room = max(width - 1.5, 1.0)
    lines = 0
    for paragraph in str(text).split("\n"):
        used = 0.0
        lines += 1
        for word in paragraph.split():
            n = len(word) * 1.1
            if used and used + 1.1 + n > room:
                lines, used = lines + 1, 0.0
            used += (1.1 if used else 0.0) + n
            while used > room:  # a word longer than the cell breaks inside
                lines, used = lines + 1, used - room
    return lines


def _span(ws: Worksheet, cell: Any) -> tuple[list[int], int]:
    """Return the columns and the number of rows the (merged) cell covers."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == cell.row and rng.min_col == cell.column:
            return list(range(rng.min_col, rng.max_col + 1)), rng.max_row - rng.min_row + 1
    return [cell.column], 1


def _width(ws: Worksheet, col: int) -> float:
    return float(ws.column_dimensions[get_column_letter(col)].width or 8.43)


def _fit_headers(ws: Worksheet, rows: Sequence[int]) -> None:
    """Widen columns to their longest header word and raise header rows to show every line."""
    for r in rows:
        need = 1
        for cell in ws[r]:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            cols, n_rows = _span(ws, cell)
            longest = max((len(w) for w in cell.value.split()), default=0) * 1.1 + 2.0
            if longest > sum(_width(ws, c) for c in cols):
                extra = longest - sum(_width(ws, c) for c in cols)
                ws.column_dimensions[get_column_letter(cols[-1])].width = (
                    _width(ws, cols[-1]) + extra
                )
            width = sum(_width(ws, c) for c in cols)
            need = max(need, -(-_text_lines(cell.value, width) // n_rows))
            if cell.alignment is None or not cell.alignment.wrap_text:
                _style(ws, cell, alignment=_CENTER)
        height = ws.row_dimensions[r].height or _LINE_POINTS
        ws.row_dimensions[r].height = max(float(height), need * _LINE_POINTS + 4.0)


def _print_setup(ws: Worksheet, *, title_rows: str, title_cols: str | None = None) -> None:
    """A4, landscape when the columns are wider than a portrait page, fit to one page wide."""
    used = range(1, ws.max_column + 1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = sum(_width(ws, c) for c in used) > PORTRAIT_WIDTH
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_title_rows = title_rows
    if title_cols is not None:
        ws.print_title_cols = title_cols
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.oddFooter.center.text = "&P/&N"


def _table_sheet(
    ws: Worksheet,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    formats: Mapping[int, str] | None = None,
    highlight: Sequence[bool] | None = None,
    widths: Mapping[int, float] | None = None,
) -> None:
    """Write a titled one-row-header table (summary, sources, data)."""
    _title_block(ws, title, None, len(headers))
    header_row = 3
    head = {"font": _BOLD, "alignment": _CENTER, "border": _BORDER, "fill": _HEADER}
    for col, name in enumerate(headers, start=1):
        _put(ws, header_row, col, name, **head)
    formats = formats or {}
    for i, values in enumerate(rows):
        r = header_row + 1 + i
        for col, value in enumerate(values, start=1):
            style: dict[str, Any] = {"border": _BORDER}
            if col in formats:
                style["number_format"] = formats[col]
            if highlight is not None and highlight[i]:
                style["fill"] = _BELOW
            _put(ws, r, col, value, **style)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    _widths(ws, widths or {})
    last = get_column_letter(max(len(headers), 1))
    ws.auto_filter.ref = f"A{header_row}:{last}{max(header_row + 1, ws.max_row)}"
    _fit_headers(ws, (1, header_row))
    _print_setup(ws, title_rows=f"{header_row}:{header_row}")


#: The text columns of the summary sheet (level, body, target, result) and their least widths.
_TEXT_COLS = {2: 16, 3: 22, 4: 24, 7: 22}


def _summary_sheet(ws: Worksheet, compliance: pd.DataFrame, *, lang: str, digits: int) -> None:
    lab, text = LABELS[lang], _words(lang)
    numbers = summary_numbers_frame(compliance)
    headers = [
        lab["term"],
        lab["level"],
        lab["body"],
        lab["target"],
        text["n_met"],
        text["n_assessed"],
        lab["result"],
        lab["total"],
        lab["female"],
        lab[SHARE],
        lab["needed"],
    ]
    if bool((numbers[NUMERATOR] != FEMALE).any()):  # a target shown counts another group
        headers[-3], headers[-1] = lab["part"], lab["needed_part"]
    rows = []
    for rec in numbers.itertuples(index=False):
        level = getattr(rec, LEVEL)
        all_levels = _missing(level)
        rows.append(
            [
                getattr(rec, TERM),
                lab["all_levels"] if all_levels else level_label(str(level), lang),
                body_label(str(getattr(rec, BODY)), lang),
                f"{rule_text(str(rec.rule), lang)} ({rec.target_id})",
                rec.n_met,
                rec.n_assessed,
                f"{rec.n_met}/{rec.n_assessed} {units_noun(None if all_levels else level, lang)} "
                f"{lab['met_word']}",
                getattr(rec, TOTAL),
                getattr(rec, FEMALE),
                _share(getattr(rec, FEMALE), getattr(rec, TOTAL)),
                rec.seats_needed,
            ]
        )
    highlight = [
        int(n) < int(a) for n, a in zip(numbers["n_met"], numbers["n_assessed"], strict=True)
    ]
    _table_sheet(
        ws,
        text["summary_title"],
        headers,
        rows,
        formats={10: _pct_format(digits)},
        highlight=highlight,
        widths={1: 11, 5: 10, 6: 12, 8: 9, 9: 8, 10: 10, 11: 12}
        | {c: _text_width([r[c - 1] for r in rows], low=w, high=45) for c, w in _TEXT_COLS.items()},
    )


def _source_text(sources: Any) -> str:
    if isinstance(sources, str):
        return sources
    parts = []
    for item in sources if isinstance(sources, (tuple, list)) else ():
        if isinstance(item, Mapping):
            bits = [str(item[k]) for k in ("ref", "title", "url") if item.get(k)]
            parts.append(" — ".join(bits))
        else:
            parts.append(str(item))
    return "; ".join(parts)


def _resolve_targets(compliance: pd.DataFrame, targets: Any) -> list[tuple[str, Any]]:
    """Return ``(target_id, Target or None)`` pairs to cite.

    The targets given, else the catalogue entry of each ``target_id`` in the frame; a target that
    is not in the catalogue (a user's own) is cited from the frame's columns (``None``).
    """
    from gender_stats.targets import get_targets  # lazily: the catalogue is read on first use

    if targets is not None:
        items = [targets] if not isinstance(targets, (list, tuple)) else list(targets)
        return [(t.id, t) for t in get_targets(items)]
    found: list[tuple[str, Any]] = []
    for target_id in dict.fromkeys(compliance[TARGET_ID].dropna().astype("str")):
        try:
            found.extend((target_id, t) for t in get_targets(target_id))
        except TargetError:
            found.append((target_id, None))
    return found


def _sources_sheet(ws: Worksheet, compliance: pd.DataFrame, targets: Any, *, lang: str) -> None:
    text = _words(lang)
    resolved = _resolve_targets(compliance, targets)
    headers = [
        text[TARGET_ID],
        text[DOCUMENT],
        text["date"],
        text["issuer"],
        LABELS[lang]["target"],
        text["clause"],
        text["confidence"],
        text["source_list"],
        text[NOTE],
    ]
    rows = []
    for target_id, target in resolved:
        if target is None:
            first = compliance[compliance[TARGET_ID].astype("str") == target_id].iloc[0]
            document = first[DOCUMENT] if DOCUMENT in compliance.columns else target_id
            shown = rule_text(str(first[RULE]), lang)
            rows.append([target_id, document, None, None, shown, None, None, None, None])
            continue
        date = getattr(target, "date", None)
        rule = getattr(target, RULE, None)
        label = getattr(rule, "label", None)
        written = label if isinstance(label, str) else (None if rule is None else str(rule))
        rows.append(
            [
                getattr(target, "id", None),
                getattr(target, DOCUMENT, None),
                date if isinstance(date, dt.date) else None,
                getattr(target, "issuer", None),
                None if written is None else rule_text(written, lang),
                getattr(target, "clause_vi", None),
                getattr(target, "confidence", None),
                _source_text(getattr(target, "sources", ())),
                getattr(target, NOTE, None) or None,
            ]
        )
    _table_sheet(
        ws,
        text["sources_title"],
        headers,
        rows,
        formats={3: "dd/mm/yyyy"},
        widths={1: 16, 2: 18, 3: 12, 4: 18, 5: 12, 6: 60, 7: 12, 8: 60, 9: 30},
    )
    for r in range(4, 4 + len(rows)):
        for c in (6, 8, 9):
            _style(ws, ws.cell(row=r, column=c), alignment=_WRAP_TOP)


def _data_sheet(ws: Worksheet, counts: pd.DataFrame, *, lang: str, digits: int) -> None:
    lab, text = LABELS[lang], _words(lang)
    headers = [
        lab["term"],
        text["unit_id"],
        lab["unit"],
        lab["level"],
        lab["body"],
        lab["total"],
        lab["female"],
        lab[SHARE],
    ]
    rows = [
        [
            getattr(rec, TERM),
            getattr(rec, UNIT_ID),
            getattr(rec, UNIT_NAME),
            level_label(str(getattr(rec, LEVEL)), lang),
            body_label(str(getattr(rec, BODY)), lang),
            getattr(rec, TOTAL),
            getattr(rec, FEMALE),
            _share(getattr(rec, FEMALE), getattr(rec, TOTAL)),
        ]
        for rec in counts.itertuples(index=False)
    ]
    _table_sheet(
        ws,
        text["data"].upper(),
        headers,
        rows,
        formats={8: _pct_format(digits)},
        widths={
            1: 11,
            2: 11,
            3: _text_width(counts[UNIT_NAME], low=16, high=45),
            4: _text_width([r[3] for r in rows], low=16, high=30),
            5: _text_width([r[4] for r in rows], low=22, high=40),
            6: 9,
            7: 8,
            8: 10,
        },
    )


def _extra_sheets(wb: Workbook, extra: Sequence[tuple[str, pd.DataFrame]], used: set[str]) -> None:
    """Add one titled table sheet per (name, frame) of ``extra`` (provenance, collection status)."""
    for name, frame in extra:
        widths = {
            i: _text_width([c, *frame[c].tolist()], low=10, high=60)
            for i, c in enumerate(frame.columns, start=1)
        }
        rows = [[None if _missing(v) else v for v in row] for row in frame.itertuples(index=False)]
        ws = wb.create_sheet(_sheet_name(name, used))
        _table_sheet(ws, name.upper(), [str(c) for c in frame.columns], rows, widths=widths)


_NEEDS = (TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE, TARGET_ID, RULE, STATUS)


def write_workbook(
    compliance: pd.DataFrame,
    path: str | Path,
    *,
    counts: pd.DataFrame | None = None,
    targets: Any = None,
    lang: str = "vi",
    title: str | None = None,
    digits: int = 1,
    extra_sheets: Sequence[tuple[str, pd.DataFrame]] = (),
) -> Path:
    """Write the formatted report workbook (.xlsx) and return its path.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame of :func:`gender_stats.compliance.check`.
    path : str or pathlib.Path
        Where to write; an existing file is replaced.
    counts : pandas.DataFrame, optional
        Counts to add as a plain data sheet (``Số liệu``), e.g. bodies no target applies to.
    targets : Target, id or sequence of them, optional
        The targets to cite on the sources sheet; by default those of the catalogue named in
        ``compliance["target_id"]`` (targets not in the catalogue are cited from the frame).
    lang : {"vi", "en"}, default "vi"
        Language of sheet names, headers and labels.
    title : str, optional
        The title above each body sheet; by default "TỶ LỆ NỮ TRONG <BODY>".
    digits : int, default 1
        Decimals of the percent number format.
    extra_sheets : sequence of (str, pandas.DataFrame), optional
        Sheets added at the end, one titled table each (the report adds "Nguồn dữ liệu", the
        provenance, and with a collection "Tình hình nộp báo cáo").

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    Sheets: ``Tổng hợp`` (summary by level and province-wide) first, then one per body × term
    (named by the body, with the term when there are several; a body × term where no target
    applies to any unit gets no sheet), ``Nguồn`` (sources), with ``counts`` ``Số liệu``, then
    ``extra_sheets``.  Every sheet prints on A4 (landscape if wider than :data:`PORTRAIT_WIDTH`),
    one page wide, header rows repeated on each page, page numbers in the footer; table sheets
    have an autofilter; header cells wrap and their rows are tall enough for every line.  Shares are numbers (``female / total``) with a percent format; Excel shows them
    with the decimal separator of the reader's locale.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from openpyxl import load_workbook
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 2, "unit_id": ["A", "B"], "unit_name": ["Huyện A", "Huyện B"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2, "total": [45, 33],
    ...     "female": [9, 4], "target_id": ["36-CT/TW:a"] * 2, "document": ["36-CT/TW"] * 2,
    ...     "rule": ["≥ 15%"] * 2, "status": ["met", "below"],
    ...     "seats_needed": pd.array([0, 1], dtype="Int64")})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     wb = load_workbook(write_workbook(compliance, f"{tmp}/bc.xlsx"))
    ...     body = wb["Ban Chấp hành (cấp ủy)"]
    ...     print(wb.sheetnames, body["E6"].value, body["E6"].number_format)
    ...     print(body.page_setup.paperSize, body.print_title_rows, wb["Tổng hợp"].auto_filter.ref)
    ['Tổng hợp', 'Ban Chấp hành (cấp ủy)', 'Nguồn'] 0.2 0.0%
    9 $4:$5 A3:K5
    """
    data = workbook_bytes(
        compliance,
        counts=counts,
        targets=targets,
        lang=lang,
        title=title,
        digits=digits,
        extra_sheets=extra_sheets,
    )
    path = Path(path)
    path.write_bytes(data)
    return path


def workbook_bytes(
    compliance: pd.DataFrame,
    *,
    counts: pd.DataFrame | None = None,
    targets: Any = None,
    lang: str = "vi",
    title: str | None = None,
    digits: int = 1,
    extra_sheets: Sequence[tuple[str, pd.DataFrame]] = (),
) -> bytes:
    """Return the bytes of the workbook :func:`write_workbook` writes, without touching the disk.

    The arguments are those of :func:`write_workbook` (``path`` aside); the report makes its
    workbook this way while its charts are drawn.

    Examples
    --------
    >>> import io, pandas as pd
    >>> from openpyxl import load_workbook
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"], "unit_id": ["A"], "unit_name": ["Huyện A"],
    ...     "level": ["district"], "body": ["party_committee"], "total": [45], "female": [9],
    ...     "target_id": ["36-CT/TW:a"], "document": ["36-CT/TW"], "rule": ["≥ 15%"],
    ...     "status": ["met"], "seats_needed": pd.array([0], dtype="Int64")})
    >>> data = workbook_bytes(compliance, lang="en")
    >>> data[:2], load_workbook(io.BytesIO(data)).sheetnames[0]
    (b'PK', 'Summary')
    """
    if lang not in LABELS:
        raise ValueError(f"Got lang={lang!r}. Must be one of {list(LABELS)}.")
    require_frame(
        compliance, _NEEDS, "write_workbook", "pass the frame returned by gender_stats.check()"
    )
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {"counts": counts, "targets": targets, "extra_sheets": extra_sheets}
    _write_sheets(wb, compliance, lang=lang, title=title, digits=digits, **sheets)
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_sheets(
    wb: Workbook,
    compliance: pd.DataFrame,
    *,
    counts: pd.DataFrame | None,
    targets: Any,
    extra_sheets: Sequence[tuple[str, pd.DataFrame]],
    lang: str,
    title: str | None,
    digits: int,
) -> None:
    """Write the sheets in order: summary, bodies, sources, data, the report's extra sheets."""
    used: set[str] = set()
    text = _words(lang)
    summary = wb.create_sheet(_sheet_name(text["summary"], used))
    _summary_sheet(summary, compliance, lang=lang, digits=digits)
    _body_sheets(wb, compliance, used, lang=lang, title=title, digits=digits)
    sources = wb.create_sheet(_sheet_name(text["sources"], used))
    _sources_sheet(sources, compliance, targets, lang=lang)
    if counts is not None:
        data = wb.create_sheet(_sheet_name(text["data"], used))
        _data_sheet(data, counts, lang=lang, digits=digits)
    _extra_sheets(wb, extra_sheets, used)  # the provenance and other sheets the report adds


def _body_sheets(
    wb: Workbook,
    compliance: pd.DataFrame,
    used: set[str],
    *,
    lang: str,
    title: str | None,
    digits: int,
) -> None:
    """Add one sheet per body × term that a target applies to, bodies in vocabulary order."""
    shown = applicable_rows(compliance, (TERM, BODY))
    pairs = list(
        dict.fromkeys(zip(shown[TERM].astype("str"), shown[BODY].astype("str"), strict=True))
    )
    pairs.sort(key=lambda tb: (body_order(tb[1]), term_bounds(tb[0])))
    several_terms = len({t for t, _ in pairs}) > 1
    for term, body in pairs:
        part = compliance[
            (compliance[TERM].astype("str") == term) & (compliance[BODY].astype("str") == body)
        ]
        name = _body_sheet_label(body_label(body, lang), term if several_terms else None)
        ws = wb.create_sheet(_sheet_name(name, used))
        _body_sheet(ws, part, term=term, lang=lang, title=title, digits=digits)
