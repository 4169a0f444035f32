"""Words and number formats of every output: one place for Vietnamese and English.

Every word the outputs show -- column headers, statuses, bodies, levels, the nouns of "20/27
huyện đạt", chart titles, notes of the page and the workbook, CLI messages -- is one entry of
:data:`WORDS`, a dotted key with its Vietnamese and English text, and is read with
:func:`label`.  The one formatter of shares, points and counts (:func:`format_share`,
:func:`format_points`, :func:`format_count`) lives here too: numbers are formatted exactly (a
:class:`fractions.Fraction`, rounded half away from zero by default) in the locale's style:
Vietnamese ``35,1%`` and ``9.310``, English ``35.1%`` and ``9,310``.

How to use it (tables, charts, workbook, page and CLI alike)
-----------------------------------------------------------
* ``label(key, lang)`` returns one word; ``label(key, lang, **fields)`` fills its ``{fields}``
  (``label("summary.result", "en", k=3, n=4, noun="districts")``).
* ``WORDS[key][lang]`` is the same text without the check of ``lang``.
* ``labels_for(prefix, lang)`` returns every word under a prefix by its last part
  (``labels_for("col", "en")["female"] == "Women"``).
* Keys are ``area.name``: ``col.*`` column headers, ``status.*`` statuses, ``body.*`` and
  ``level.*`` (from :mod:`gender_stats.vocab`), ``noun.*`` units of a level, ``summary.*``,
  ``shortfalls.*``, ``pretty.*`` (tables and notebook displays), ``chart.*`` (charts),
  ``sheet.*`` (workbook), ``page.*`` (report page), ``cli.*`` (command line), ``note.*`` (notes
  shared by several outputs), ``progress.*`` (progress words).
* New words are added with ``_add(area, {name: (vi, en)})`` in the block of their area below; a
  key added twice is an error at import, so two areas never silently disagree.

Examples
--------
>>> label("col.female"), label("col.female", "en")
('Nữ', 'Women')
>>> label("status.below", "en"), WORDS["body.party_committee"]["en"]
('Below target', 'Party committee')
>>> label("summary.result", "en", k=3, n=4, noun="districts")
'3/4 districts meet the target'
>>> format_share((3, 9)), format_share((3, 9), lang="en")
('33,3%', '33.3%')
>>> format_count(9310), format_count(9310, lang="en")
('9.310', '9,310')
>>> STATUS_LABELS["en"]["above_range"]
'Above range'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd

from gender_stats import progress as _progress
from gender_stats.compliance import (
    DOCUMENT,
    GAP_PP,
    NOTE,
    NUMERATOR,
    REASON,
    RULE,
    SEATS_NEEDED,
    SEATS_NEEDED_IF_GROW,
    SHARE,
    STATUS,
    TARGET_ID,
    TERM_UNCOVERED,
    THRESHOLD,
    Status,
)
from gender_stats.errors import ArgumentError
from gender_stats.vocab import BODIES, LEVELS, PERIOD_LABELS

__all__ = [
    "CHART_FILE_KINDS",
    "DEFAULT_NOUN",
    "LABELS",
    "LANGS",
    "NA_REP",
    "PAGE_LABELS",
    "PERIOD_LABELS",
    "PLANNING_LABELS",
    "STATUS_LABELS",
    "UNIT_NOUNS",
    "WORDS",
    "Lang",
    "Rounding",
    "chart_file_stem",
    "chart_label",
    "chart_labels",
    "check_lang",
    "format_count",
    "format_number",
    "format_points",
    "format_share",
    "label",
    "labels_for",
    "rule_text",
]

#: The languages of the outputs.
LANGS: tuple[str, ...] = ("vi", "en")

Lang = Literal["vi", "en"]
Rounding = Literal["half_up", "truncate"]

_WORDS: dict[str, Mapping[str, str]] = {}


def _add(area: str, words: Mapping[str, tuple[str, str]]) -> None:
    """Add ``{name: (vi, en)}`` under ``area`` (``area.name``); a key added twice is an error."""
    for name, (vi, en) in words.items():
        key = f"{area}.{name}"
        if key in _WORDS:
            raise RuntimeError(f"labels: {key!r} is defined twice")
        _WORDS[key] = MappingProxyType({"vi": vi, "en": en})


# ---- shared: bodies and levels (from gender_stats.vocab), statuses ---------------------------
_add("body", {code: (lab.vi, lab.en) for code, lab in BODIES.items()})
_add("level", {code: (lab.vi, lab.en) for code, lab in LEVELS.items()})
_add(
    STATUS,  # the words of the compliance frame's status column: status.met, status.below, ...
    {
        Status.MET: ("Đạt", "Met"),
        Status.BELOW: ("Chưa đạt", "Below target"),
        Status.ABOVE_RANGE: ("Vượt khoảng", "Above range"),
        Status.NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
        Status.NO_DATA: ("Không có số liệu", "No data"),
    },
)

# ---- tables, summaries, notebook displays (words engineer: tables.py, pretty.py) -------------
_add(
    "col",
    {
        "term": ("Nhiệm kỳ", "Term"),
        "unit": ("Đơn vị", "Unit"),
        "level": ("Cấp", "Level"),
        "body": ("Cơ quan", "Body"),
        "total": ("Tổng số", "Total"),
        "female": ("Nữ", "Women"),
        "part": ("Số thuộc nhóm", "In the group"),
        SHARE: ("Tỷ lệ (%)", "Share (%)"),
        "target": ("Chỉ tiêu", "Target"),
        STATUS: ("Đánh giá", "Status"),
        "needed": ("Số nữ còn thiếu", "Women still needed"),
        # a table with a target that counts another group (members under 40): the number still
        # needed is of women or of that group, as its Chỉ tiêu says
        "needed_part": (
            "Số còn thiếu (nữ hoặc nhóm ở cột Chỉ tiêu)",
            "Still needed (women or the target's group)",
        ),
        "units_met": ("Đơn vị đạt", "Units meeting"),
        "result": ("Kết quả", "Result"),
        "change": ("Thay đổi (điểm %)", "Change (points)"),
        "previous": ("So với nhiệm kỳ", "Compared with"),
    },
)
_add(
    "summary",
    {
        "all_levels": ("Toàn tỉnh", "Province-wide"),
        "all_levels_of_scope": ("Tất cả các cấp", "All levels"),
        "met_word": ("đạt", "meet the target"),
        "above_word": ("vượt khoảng", "above range"),
        "result": ("{k}/{n} {noun} đạt", "{k}/{n} {noun} meet the target"),
        "above": ("{a} vượt khoảng", "{a} above range"),
        "not_assessed": ("không đánh giá được", "not assessed"),
    },
)
_add("scope", {"province": ("Tỉnh", "Province"), "district": ("Huyện", "District")})
_add(
    "noun",
    {
        "district": ("huyện", "districts"),
        "commune": ("xã", "communes"),
        "province": ("tỉnh", "provinces"),
        "agency": ("đơn vị", "agencies"),
        "national": ("đơn vị", "units"),
        "default": ("đơn vị", "units"),
    },
)

# gs.pretty: headers of the result frames' other columns (col.* first), and yes / no.
_add(
    "pretty",
    {
        "unit_id": ("Mã đơn vị", "Unit id"),
        "unit_name": ("Đơn vị", "Unit"),
        TARGET_ID: ("Mã chỉ tiêu", "Target id"),
        DOCUMENT: ("Văn bản", "Document"),
        RULE: ("Chỉ tiêu", "Target"),
        NUMERATOR: ("Nhóm được đếm", "Group counted"),
        THRESHOLD: ("Ngưỡng (%)", "Threshold (%)"),
        GAP_PP: ("Chênh lệch (điểm %)", "Gap (points)"),
        SEATS_NEEDED: ("Số nữ còn thiếu", "Women still needed"),
        SEATS_NEEDED_IF_GROW: (
            "Số nữ cần bổ sung (nếu tăng số thành viên)",
            "Women to add (if the body grows)",
        ),
        "seats_if_grow_part": (
            "Số cần bổ sung (nếu tăng số thành viên; nữ hoặc nhóm được đếm)",
            "To add (if the body grows; women or the group counted)",
        ),
        "under_40": ("Dưới 40 tuổi", "Under 40"),
        NOTE: ("Ghi chú", "Note"),
        REASON: ("Lý do", "Reason"),
        "male": ("Nam", "Men"),
        "n_rows": ("Số dòng", "Rows"),
        "n_units": ("Số đơn vị", "Units"),
        "n_met": ("Số đơn vị đạt", "Units meeting"),
        "n_below": ("Số đơn vị chưa đạt", "Units below target"),
        "n_above_range": ("Số đơn vị vượt khoảng", "Units above range"),
        "n_not_applicable": ("Số đơn vị không áp dụng", "Units not applicable"),
        "n_no_data": ("Số đơn vị không có số liệu", "Units with no data"),
        "label": ("Đạt / được đánh giá", "Meeting / assessed"),
        "pooled_share": ("Tỷ lệ chung (%)", "Pooled share (%)"),
        "total_all": ("Tổng số (mọi đơn vị)", "Total (every unit)"),
        "part_all": ("Nữ (mọi đơn vị)", "Women (every unit)"),
        "part_all_group": (
            "Số thuộc nhóm (mọi đơn vị; nữ hoặc nhóm được đếm)",
            "In the group (every unit; women or the group counted)",
        ),
        "unit_share": ("Tỷ lệ đơn vị đạt (%)", "Share of units meeting (%)"),
        "unit_share_target": ("Chỉ tiêu tỷ lệ đơn vị (%)", "Target share of units (%)"),
        "unit_share_met": ("Đạt chỉ tiêu tỷ lệ đơn vị", "Share of units met"),
        "previous_term": ("So với nhiệm kỳ", "Compared with"),
        "share_previous": ("Tỷ lệ nhiệm kỳ trước (%)", "Previous share (%)"),
        "change_pp": ("Thay đổi (điểm %)", "Change (points)"),
        "term_start": ("Năm đầu nhiệm kỳ", "Term start"),
        "n_pooled": ("Số đơn vị gộp", "Units pooled"),
        "target_share": ("Mục tiêu (%)", "Target share (%)"),
        "target_year": ("Năm mục tiêu", "Target year"),
        "target_t": ("Nhiệm kỳ mục tiêu (năm đầu)", "Target term (start)"),
        "required_pace_pp": ("Tốc độ cần (điểm %/nhiệm kỳ)", "Pace needed (points a term)"),
        "method": ("Phương pháp", "Method"),
        "base_term": ("Nhiệm kỳ gốc", "Base term"),
        "current_term": ("Nhiệm kỳ hiện tại", "Current term"),
        "n_points": ("Số nhiệm kỳ có số liệu", "Terms with data"),
        "base_share": ("Tỷ lệ gốc (%)", "Base share (%)"),
        "current_share": ("Tỷ lệ hiện tại (%)", "Current share (%)"),
        "value": ("Giá trị", "Value"),
        "score": ("Điểm", "Score"),
        "current_progress": ("Tiến độ hiện tại", "Current progress"),
        "projected_share": ("Tỷ lệ dự báo (%)", "Projected share (%)"),
        "projected_status": ("Dự báo", "Projected status"),
        "direction": ("Hướng mong muốn", "Desired direction"),
        "observed_growth": ("Tăng trưởng thực tế", "Observed growth"),
        "required_growth": ("Tăng trưởng cần", "Required growth"),
        "limit": ("Giới hạn", "Limit"),
        "scaling": ("Hệ số", "Scaling"),
        "zero_replaced": ("Số 0 được thay", "Zero replaced"),
        "rules": ("Quy tắc", "Rules"),
        "share_of_body": ("Tỷ lệ trong cơ quan (%)", "Share of the body (%)"),
        "age_group": ("Nhóm tuổi", "Age group"),
        "ethnic_minority": ("Dân tộc thiểu số", "Ethnic minority"),
        "scope": ("Phạm vi", "Scope"),
        "True": ("Có", "Yes"),
        "False": ("Không", "No"),
    },
)

# Rules are written in Vietnamese by gender_stats.targets ("≥ 1 nữ", "≥ 1 nữ (nếu staff ≥ 30%
# nữ)", "≥ 60% đơn vị: ≥ 1 nữ"); rule_text() puts them in English with these words.
_add(
    "rule_word",
    {
        "woman": ("nữ", "woman"),
        "women": ("nữ", "women"),
        "if": ("nếu", "if"),
        "of_units": ("đơn vị", "of units"),
    },
)

# The group a target counts when it is not women (Target.numerator, written "[under_40]" after
# the rule by the tables): in words, rule_text() puts them in place of the code.
_add(
    "group",
    {
        "under_40": ("thành viên dưới 40 tuổi", "members under 40"),
        "ethnic_minority": ("người dân tộc thiểu số", "ethnic minority members"),
        "female_under_40": ("nữ dưới 40 tuổi", "women under 40"),
        "female_ethnic_minority": ("nữ dân tộc thiểu số", "ethnic minority women"),
    },
)

# ---- charts (charts engineer: plots*.py) -----------------------------------------------------
_add(
    "chart",
    {
        "women_share": ("Tỷ lệ nữ", "Share of women"),
        "share_axis": ("Tỷ lệ nữ (%)", "Share of women (%)"),
        "shares_title": ("Tỷ lệ nữ theo đơn vị", "Share of women by unit"),
        "target": ("Chỉ tiêu", "Target"),
        "term": ("nhiệm kỳ", "term"),
        "missing": ("không có số liệu", "no data"),
        "no_woman": ("không có nữ", "no woman"),
        "seats_title": ("Số nữ còn thiếu để đạt chỉ tiêu", "Women still needed to meet the target"),
        "seats_grow_title": (
            "Số nữ cần bổ sung (tăng số thành viên) để đạt chỉ tiêu",
            "Women to add (body grows) to meet the target",
        ),
        "seats_axis": ("Số nữ còn thiếu (người)", "Women still needed (persons)"),
        # a target that counts another group ({group}: members under 40, see group.*)
        "seats_title_group": (
            "Số {group} còn thiếu để đạt chỉ tiêu",
            "{Group} still needed to meet the target",
        ),
        "seats_grow_title_group": (
            "Số {group} cần bổ sung (tăng số thành viên) để đạt chỉ tiêu",
            "{Group} to add (body grows) to meet the target",
        ),
        "seats_axis_group": ("Số {group} còn thiếu (người)", "{Group} still needed (persons)"),
        "seats_none_group": (
            "Tất cả đơn vị đều đạt chỉ tiêu,\nkhông đơn vị nào còn thiếu {group}",
            "Every unit meets the target:\nno unit needs more {group}",
        ),
        "seats_none": (
            "Tất cả đơn vị đều đạt chỉ tiêu,\nkhông đơn vị nào còn thiếu nữ",
            "Every unit meets the target:\nno unit needs more women",
        ),
        "status_title": ("Tình trạng", "Status"),
        "change_title": ("Thay đổi tỷ lệ nữ (điểm %)", "Change in the share of women (points)"),
        "heatmap_share_title": (
            "Tỷ lệ nữ theo đơn vị và cơ quan",
            "Share of women by unit and body",
        ),
        "heatmap_status_title": (
            "Tình trạng đạt chỉ tiêu theo đơn vị và cơ quan",
            "Target status by unit and body",
        ),
        "women": ("Nữ", "Women"),
        "men": ("Nam", "Men"),
        "persons": ("Số người", "Persons"),
        "stacked_title": ("Số nữ và nam theo cấp và cơ quan", "Women and men by level and body"),
        "panel.bodies": ("Các cơ quan (số thành viên)", "Bodies (members)"),
        "panel.staff": ("Cán bộ, công chức, viên chức (số người)", "Staff (persons)"),
        "trend_title": ("Tỷ lệ nữ qua các nhiệm kỳ", "Share of women across terms"),
        "units": ("đơn vị", "units"),
        "target_year": ("Năm mục tiêu", "Target year"),
        "progress_title": ("Đánh giá tiến độ theo phương pháp", "Progress assessed by the method"),
        "score_axis": ("Điểm (−5 đến +5)", "Score (−5 to +5)"),
        "value_axis": ("Giá trị theo phương pháp", "Value of the method"),
        "target_by": ("chỉ tiêu {share} vào năm {year}", "target {share} by {year}"),
        "method.growth_ratio": ("tỷ số tốc độ tăng (Open SDG)", "growth-rate ratio (Open SDG)"),
        "method.escap": (
            "ESCAP (hiện trạng và dự báo)",
            "ESCAP (current status and anticipated progress)",
        ),
        "method.linear": ("tốc độ tuyến tính", "linear pace"),
        "progress." + _progress.ACHIEVED: ("Đã đạt chỉ tiêu", "Target achieved"),
        "progress." + _progress.SUBSTANTIAL: ("Tiến bộ rõ (đúng hướng)", "Substantial progress"),
        "progress." + _progress.MAINTAIN: ("Duy trì tiến độ", "Maintain progress"),
        "progress." + _progress.ON_TRACK: ("Đúng tiến độ", "On track"),
        "progress." + _progress.MODERATE: ("Tiến bộ vừa (cần đẩy nhanh)", "Moderate progress"),
        "progress." + _progress.ACCELERATE: ("Cần đẩy nhanh", "Accelerate"),
        "progress." + _progress.SLIGHTLY_OFF: ("Hơi chậm tiến độ", "Slightly off track"),
        "progress." + _progress.LIMITED: ("Tiến bộ hạn chế", "Limited progress"),
        "progress." + _progress.OFF_TRACK: ("Chậm tiến độ", "Off track"),
        "progress." + _progress.DETERIORATION: ("Đi xuống", "Deterioration"),
        "progress." + _progress.REVERSE: ("Cần đảo ngược xu hướng", "Reverse trend"),
        "progress." + _progress.WRONG_WAY: ("Đi ngược hướng", "Wrong direction"),
        "progress." + _progress.INSUFFICIENT: ("Không đủ số liệu", "Insufficient data"),
        "progress." + _progress.NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
        "band.40_and_under": ("Từ 40 tuổi trở xuống", "40 and under"),
        "band.41_50": ("Trên 40 đến 50", "41-50"),
        "band.over_50": ("Trên 50", "over 50"),
        "band.under_40": ("Dưới 40", "under 40"),
        "band.40_50": ("40-50", "40-50"),
        "intersections_title": ("Tỷ lệ nữ theo nhóm tuổi", "Share of women by age band"),
        "intersections_note": ("ô: nữ/tổng số", "cell: women/members"),
        "returns_title": ("Báo cáo nhận được theo thời gian", "Returns received over time"),
        "returns_received": ("đã nhận", "received"),
        "returns_units": ("{n} đơn vị", "{n} units"),
        "returns_deadline": ("hạn nộp", "deadline"),
        "returns_axis": ("Số đơn vị đã nộp", "Units reported"),
    },
)

# ---- workbook (charts engineer: workbook.py) -------------------------------------------------
_add(
    "sheet",
    {
        "stt": ("STT", "No."),
        "grand_total": ("Tổng cộng", "Total"),
        "summary": ("Tổng hợp", "Summary"),
        "sources": ("Nguồn", "Sources"),
        "data": ("Số liệu", "Data"),
        "title": ("TỶ LỆ NỮ TRONG {body}", "WOMEN IN {body}"),
        "subtitle": ("Nhiệm kỳ {term}", "Term {term}"),
        "summary_title": (
            "TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
            "SUMMARY OF RESULTS AGAINST TARGETS",
        ),
        "sources_title": ("VĂN BẢN LÀM CĂN CỨ CỦA CÁC CHỈ TIÊU", "DOCUMENTS THE TARGETS COME FROM"),
        "n_met": ("Số đơn vị đạt", "Units meeting"),
        "n_assessed": ("Số đơn vị được đánh giá", "Units assessed"),
        TARGET_ID: ("Mã chỉ tiêu", "Target id"),
        DOCUMENT: ("Văn bản", "Document"),
        "date": ("Ngày ban hành", "Date"),
        "issuer": ("Cơ quan ban hành", "Issued by"),
        "clause": ("Trích dẫn", "Clause (Vietnamese)"),
        "confidence": ("Mức độ tin cậy", "Confidence"),
        "source_list": ("Nguồn", "Sources"),
        NOTE: ("Ghi chú", "Note"),
        "unit_id": ("Mã đơn vị", "Unit id"),
    },
)

# ---- report page (page engineer: report.py) --------------------------------------------------
# _add("page", {...})

# ---- command line (words engineer: cli.py) ---------------------------------------------------
# The Vietnamese messages keep the English in brackets (the library's bilingual style); the
# English ones are English only (``--lang en``).
_add(
    "cli",
    {
        # report
        "targets_used": ("Chỉ tiêu đã áp dụng (targets used): ", "Targets used: "),
        "none": ("không có (none)", "none"),
        "coverage": ("Phạm vi (coverage): ", "Coverage: "),
        "nothing_assessed": (
            "Không đánh giá được đơn vị nào (no unit could be assessed): {coverage}. "
            "Hint: kiểm tra --term và --targets (check --term and --targets; see "
            "`gender-stats targets`).",
            "No unit could be assessed: {coverage}. Hint: check --term and --targets "
            "(see `gender-stats targets`).",
        ),
        "units_met": (
            "{met}/{units} đơn vị đạt mọi chỉ tiêu",
            "{met}/{units} units meet every target",
        ),
        "units_met_unassessed": (
            " (trong đó {k} đơn vị đạt mọi chỉ tiêu đánh giá được nhưng còn chỉ tiêu thiếu số liệu)",
            " ({k} of them meeting every target assessed but lacking the data for another)",
        ),
        "checks_above": (
            " ({above} lượt vượt khoảng, tính là đạt)",
            " ({above} checks above range, counted as meeting)",
        ),
        "below_needed": (
            "; {below} đơn vị chưa đạt; còn thiếu {needed} nữ.",
            "; {below} below target; {needed} more women needed.",
        ),
        "below_names": ("Chưa đạt: ", "Below target: "),
        "report_share": (
            "Chỉ tiêu về tỷ lệ đơn vị chưa đạt (không tính vào số nữ trên): {items}",
            "Share-of-units targets not met (not in the women above): {items}",
        ),
        "report_share_item": (
            "{term} {target} cần thêm {k} đơn vị đạt",
            "{term} {target}: {k} more units",
        ),
        "page": ("Trang báo cáo: ", "Report page: "),
        "workbook": ("Bảng tính: ", "Workbook: "),
        "charts": ("Biểu đồ: {dir} ({n} tệp)", "Charts: {dir} ({n} files)"),
        # validate
        "ok": ("OK: {path}: {n} rows — {reading}", "OK: {path}: {n} rows — {reading}"),
        "read_roster": ("danh sách từng người, đã đếm (a roster, counted)", "a roster, counted"),
        "read_counts": ("bảng số lượng (counts)", "counts"),
        "rows_accounted": (
            "  đọc {read} dòng = {used} dùng + {reported} báo lỗi/cảnh báo + {structural} dòng "
            "cấu trúc (rows read = used + reported + structural)",
            "  {read} rows read = {used} used + {reported} reported + {structural} structural",
        ),
        "read_as_roster": (
            "{path}: không có cột số lượng (Tổng số, Nữ), đọc như danh sách từng người rồi đếm "
            "(no count columns: read as a roster and counted)",
            "{path}: no count columns (total, women): read as a roster and counted",
        ),
        "roster_hint": (
            "Hint: nếu tệp là danh sách từng người (trích ngang), chạy lại với --roster "
            "(if a file lists persons, run again with --roster).",
            "Hint: if a file lists persons, run again with --roster.",
        ),
        "problems": (
            "{n} lỗi (problems) trong {files} tệp (files).",
            "{n} problems in {files} files.",
        ),
        # check
        "check_used": ("Chỉ tiêu đã áp dụng (targets used):", "Targets used:"),
        "check_none_used": (
            "  (không có chỉ tiêu nào được áp dụng / no target was applied)",
            "  (no target was applied)",
        ),
        "check_term": ("Nhiệm kỳ {term}:", "Term {term}:"),
        "check_all_met": (
            "Mọi đơn vị đạt chỉ tiêu (every unit meets the targets): {met}/{n} lượt đạt",
            "Every unit meets the targets: {met}/{n} checks met",
        ),
        "check_above": (
            "; {k} lượt vượt khoảng (above range), tính là đạt",
            "; {k} above range, counted as meeting",
        ),
        "check_uncovered": (
            TERM_UNCOVERED,
            "no target in the catalogue applies to {term} (pass --targets or load a YAML)",
        ),
        "check_nothing_term": (
            "Không đánh giá được dòng nào của nhiệm kỳ {term} (nothing assessed in {term}).",
            "Nothing assessed in {term}.",
        ),
        "check_short": (
            "{units} đơn vị chưa đạt (units below target); {checks} lượt (checks).",
            "{units} units below target; {checks} checks.",
        ),
        # targets
        "targets_note": (
            'Chỉ tiêu "đến năm Y" đánh giá nhiệm kỳ có năm đầu < Y ≤ năm cuối (a target set "by '
            'year Y" judges the term with start < Y ≤ end). Ví dụ (example): 26-NQ/TW "by 2030" '
            "judges the party committees of 2025-2030 and the National Assembly XVI (2026-2031), "
            "not NA XV (2021-2026), whose term ends before 2030. party_terms / council_terms: the "
            "terms each target judges for party bodies and for People's Council / National "
            "Assembly bodies.",
            'A target set "by year Y" judges the term with start < Y ≤ end. Example: 26-NQ/TW '
            '"by 2030" judges the party committees of 2025-2030 and the National Assembly XVI '
            "(2026-2031), not NA XV (2021-2026), whose term ends before 2030. party_terms / "
            "council_terms: the terms each target judges for party bodies and for People's "
            "Council / National Assembly bodies.",
        ),
        # template, collect
        "wrote_templates": (
            "Đã viết {n} tệp mẫu vào {out} (wrote {n} templates).",
            "Wrote {n} templates to {out}.",
        ),
        "on_time": ("đúng hạn", "on time"),
        "late": ("MUỘN (late)", "LATE"),
        "n_problems": (" — {n} lỗi (problems)", " — {n} problems"),
        "blank_bodies": (
            " — để trống (left blank): {bodies}",
            " — left blank (confirm none): {bodies}",
        ),
        "period": ("; kỳ báo cáo (period) {period}", "; reporting period {period}"),
        "deadline": ("; hạn nộp (deadline) trước {date}", "; deadline before {date}"),
        "no_usable_counts": (
            "Chưa có số liệu dùng được (no usable counts): không viết tổng hợp.",
            "No usable counts: the consolidated workbook is not written.",
        ),
        "wrote_collection": (
            "Đã viết {out} (wrote the consolidated workbook).",
            "Wrote the consolidated workbook {out}.",
        ),
        # main
        "interrupted": ("Đã dừng (interrupted).", "Interrupted."),
        "warning": ("Cảnh báo (warning): {message}", "Warning: {message}"),
    },
)

# ---- command line, red team of the verdicts (verdicts engineer: cli.py) -----------------------
# An all-clear is said only when every unit and every check that applies was assessed.
_add(
    "cli",
    {
        "check_assessed_met": (
            "Mọi lượt đã đánh giá đều đạt (every check assessed meets the targets): {met}/{n} "
            "lượt đạt — không phải mọi đơn vị đều được đánh giá (not every unit or check could "
            "be assessed)",
            "Every check assessed meets the targets: {met}/{n} checks met — not every unit or "
            "check could be assessed",
        ),
        "check_not_assessed": (
            "Chưa đánh giá được (not assessed): {rows} lượt thiếu số liệu (checks without data: "
            "{why})",
            "Not assessed: {rows} checks without data ({why})",
        ),
        "check_units_not_assessed": (
            "Đơn vị không có lượt nào được đánh giá (units with no check assessed): {names}",
            "Units with no check assessed: {names}",
        ),
        "check_short_partly": (
            "; {rows} lượt chưa đánh giá được (checks not assessed)",
            "; {rows} checks not assessed",
        ),
        "check_partly_hint": (
            "Mã thoát 4 với --strict: không phải mọi lượt đều được đánh giá (exit code 4 with "
            "--strict: not everything could be assessed). Hint: bổ sung số liệu còn thiếu, hoặc "
            "chọn --targets và --term (add the missing figures, or choose --targets and --term).",
            "Exit code 4 with --strict: not everything could be assessed. Hint: add the missing "
            "figures, or choose --targets and --term.",
        ),
        "check_left_out": (
            "{n} dòng của cơ quan khác, không đối chiếu với các chỉ tiêu đã chọn (rows of other "
            "bodies, not checked against the chosen targets): {pairs}",
            "{n} rows of other bodies, not checked against the chosen targets: {pairs}",
        ),
        "check_share": (
            "{target}: {met}/{n} đơn vị có {unit_rule} ({share}); chỉ tiêu {rule} — {verdict}",
            "{target}: {met} of {n} units with {unit_rule} ({share}); target {rule} — {verdict}",
        ),
        "check_targets_met": (
            "Các chỉ tiêu đều đạt (every target is met)",
            "Every target is met",
        ),
        "share_met": (
            "đạt chỉ tiêu (the share of units meets the target)",
            "the share of units meets the target",
        ),
        "share_below": (
            "chưa đạt chỉ tiêu: cần thêm {k} đơn vị (below target: {k} more units needed)",
            "below target: {k} more units needed",
        ),
        "share_lacking": (
            "  Đơn vị chưa có (units without): {names}",
            "  Units without: {names}",
        ),
        "units_not_assessed": (
            "; {k} đơn vị chưa đánh giá được (units not assessed)",
            "; {k} units not assessed",
        ),
    },
)

#: Every word of the outputs: ``WORDS[key][lang]`` (read-only).
WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(_WORDS)


def check_lang(lang: object) -> None:
    """Raise a library error unless ``lang`` is one of :data:`LANGS`.

    Examples
    --------
    >>> check_lang("en")
    >>> try:
    ...     check_lang("fr")
    ... except ValueError as err:
    ...     print(err)
    ngôn ngữ không hợp lệ (unknown language): Got lang='fr'. Must be one of ['vi', 'en'].
    """
    if not isinstance(lang, str) or lang not in LANGS:
        raise ArgumentError(
            f"ngôn ngữ không hợp lệ (unknown language): Got lang={lang!r}. "
            f"Must be one of {list(LANGS)}."
        )


def label(key: str, lang: str = "vi", /, **fields: Any) -> str:
    """Return the word ``key`` in ``lang``, with its ``{fields}`` filled in.

    Parameters
    ----------
    key : str
        A key of :data:`WORDS` (``"col.female"``, ``"status.below"``, ``"body.party_committee"``).
    lang : {"vi", "en"}, default "vi"
        The language.
    **fields
        Values of the word's ``{placeholders}``.

    Returns
    -------
    str
        The text.

    Raises
    ------
    ArgumentError
        When ``lang`` is not a language of the outputs or ``key`` is not a word.

    Examples
    --------
    >>> label("level.district", "en"), label("summary.above", a=1)
    ('District', '1 vượt khoảng')
    """
    check_lang(lang)
    try:
        text = _WORDS[key][lang]
    except KeyError:
        raise ArgumentError(
            f"không có nhãn (no such label): {key!r}. Hint: the words are in "
            "gender_stats.outputs.labels.WORDS."
        ) from None
    return text.format(**fields) if fields else text


def labels_for(prefix: str, lang: str = "vi") -> dict[str, str]:
    """Return every word whose key starts with ``prefix.``, by the rest of its key.

    Examples
    --------
    >>> labels_for("noun", "en")["district"], labels_for("col")["female"]
    ('districts', 'Nữ')
    """
    check_lang(lang)
    start = prefix.rstrip(".") + "."
    return {k[len(start) :]: v[lang] for k, v in _WORDS.items() if k.startswith(start)}


def group_label(numerator: str, lang: str = "vi") -> str:
    """Return the group a target counts in words (``under_40`` → ``thành viên dưới 40 tuổi``).

    An unknown code is returned as it is.

    Examples
    --------
    >>> group_label("under_40"), group_label("under_40", "en"), group_label("kinh_women")
    ('thành viên dưới 40 tuổi', 'members under 40', 'kinh_women')
    """
    check_lang(lang)
    return _WORDS.get(f"group.{numerator}", {}).get(lang, numerator)


def group_chart_label(key: str, numerator: str, lang: Lang = "vi") -> str:
    """Return the chart label ``key`` for women, or its ``_group`` form naming another group.

    Examples
    --------
    >>> group_chart_label("seats_axis", "female", "en")
    'Women still needed (persons)'
    >>> group_chart_label("seats_axis", "under_40", "en")
    'Members under 40 still needed (persons)'
    """
    if numerator == "female":
        return chart_label(key, lang)
    group = group_label(numerator, lang)
    text = chart_label(f"{key}_group", lang)
    return text.format(group=group, Group=group[:1].upper() + group[1:])


def rule_text(text: str, lang: str = "vi") -> str:
    """Return a rule's label (:attr:`gender_stats.targets.Rule.label`) in ``lang``.

    Rule labels are numbers and signs around a few words; in English the words are replaced
    (``nữ`` → ``woman``/``women``, ``nếu`` → ``if``, ``đơn vị`` → ``of units``).

    Examples
    --------
    >>> rule_text("≥ 1 nữ (nếu staff ≥ 30% nữ)", "en")
    '≥ 1 woman (if staff ≥ 30% women)'
    >>> rule_text("≥ 60% đơn vị: ≥ 2 nữ", "en"), rule_text("≥ 1 nữ"), rule_text("≥ 15%", "en")
    ('≥ 60% of units: ≥ 2 women', '≥ 1 nữ', '≥ 15%')

    A group the target counts instead of women, written ``[code]`` after the rule, is named in
    words (an unknown code stays as it is):

    >>> rule_text("≥ 10% [under_40]"), rule_text("≥ 10% [under_40]", "en")
    ('≥ 10% [thành viên dưới 40 tuổi]', '≥ 10% [members under 40]')
    """
    check_lang(lang)
    text = re.sub(r"\[([a-z0-9_]+)\]", lambda m: f"[{group_label(m[1], lang)}]", text)
    if lang == LANGS[0]:
        return text

    def word(key: str) -> str:
        return _WORDS[f"rule_word.{key}"][lang]

    vi_woman = re.escape(_WORDS["rule_word.woman"]["vi"])
    out = re.sub(
        rf"(\d+)\s+{vi_woman}\b",
        lambda m: f"{m[1]} {word('woman') if m[1] == '1' else word('women')}",
        text,
    )
    out = re.sub(rf"%\s*{vi_woman}\b", "% " + word("women"), out)
    out = re.sub(rf"\({re.escape(_WORDS['rule_word.if']['vi'])}\s", f"({word('if')} ", out)
    return re.sub(
        rf"%\s*{re.escape(_WORDS['rule_word.of_units']['vi'])}:", f"% {word('of_units')}:", out
    )


def _by_lang(*prefixes: str, extra: Mapping[str, tuple[str, str]] | None = None) -> Any:
    out = {}
    for i, lang in enumerate(LANGS):
        words: dict[str, str] = {}
        for prefix in prefixes:
            words.update(labels_for(prefix, lang))
        for name, pair in (extra or {}).items():
            words[name] = pair[i]
        out[lang] = MappingProxyType(words)
    return MappingProxyType(out)


#: Column headers by language, ``LABELS[lang][name]`` (a view of ``col.*`` and ``summary.*``).
LABELS: Mapping[str, Mapping[str, str]] = _by_lang(
    "col",
    extra={
        name: (WORDS[f"summary.{name}"]["vi"], WORDS[f"summary.{name}"]["en"])
        for name in ("all_levels", "met_word", "above_word", "not_assessed")
    },
)

#: Status codes of :mod:`gender_stats.compliance` in words, ``STATUS_LABELS[lang][status]``.
STATUS_LABELS: Mapping[str, Mapping[str, str]] = _by_lang(STATUS)

#: How units of a level are called in "20/27 huyện đạt", ``UNIT_NOUNS[lang][level]``.
UNIT_NOUNS: Mapping[str, Mapping[str, str]] = _by_lang("noun")
DEFAULT_NOUN = {lang: WORDS["noun.default"][lang] for lang in LANGS}

# --- collection cycle: reporting periods: PERIOD_LABELS lives in gender_stats.vocab

# --- planning: the candidate-list odds in a notebook (Vietnamese with English) -----------------
#: Words of :meth:`gender_stats.planning.CandidateOdds._repr_html_`.
PLANNING_LABELS: Mapping[str, str] = {
    "odds_summary": (
        "{seats} ghế, {candidates} ứng cử viên, {women} nữ ({seats} seats, {candidates} "
        "candidates, {women} women): chỉ tiêu {rule} cần ít nhất {needed} nữ trúng cử (needs "
        "{needed} women elected); xác suất đạt (probability met) <b>{probability}</b>; số nữ "
        "trúng cử kỳ vọng (expected women elected) {expected}."
    ),
    "odds_ratio": "Tỷ số odds nữ/nam (odds ratio women/men) ω = {omega}.",
    "women_elected": "Số nữ trúng cử (women elected)",
    "probability": "Xác suất (probability)",
    "exact": "Phân số (exact)",
    "meets": "Đạt chỉ tiêu (meets the target)",
    "yes": "đạt",
    "no": "chưa đạt",
    "odds_zero": (
        "Các số nữ có xác suất 0 không ghi (counts of women with probability 0 are left out)."
    ),
}

#: Missing values (no members, no data) are shown as this.
NA_REP = "–"

_ROUNDINGS = ("half_up", "truncate")


def _check_rounding(rounding: str, digits: int) -> None:
    if rounding not in _ROUNDINGS:
        raise ValueError(f"Got rounding={rounding!r}. Must be one of {list(_ROUNDINGS)}.")
    if not isinstance(digits, (int, np.integer)) or isinstance(digits, bool) or digits < 0:
        raise ValueError(f"Got digits={digits!r}. Must be a whole number ≥ 0.")


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _as_fraction(x: Any) -> Fraction | None:
    """Return ``x`` as an exact fraction, ``None`` when it is missing or has no denominator."""
    if isinstance(x, tuple):
        if len(x) != 2:
            raise ArgumentError(f"Got {x!r}. A share as a tuple must be (female, total).")
        female, total = x
        if _is_missing(female) or _is_missing(total) or int(total) == 0:
            return None
        return Fraction(int(female), int(total))
    if _is_missing(x):
        return None
    if isinstance(x, (Fraction, Rational)):
        return Fraction(x)
    if isinstance(x, Decimal):
        return Fraction(x)
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, (float, np.floating)):
        # The shortest decimal that prints as this float is what the user meant (0.126, not
        # 0.12599999999999997513...).
        return Fraction(Decimal(repr(float(x))))
    raise _ShareTypeError(
        f"tỷ lệ không hợp lệ (not a share): got {type(x).__name__} {_short(x)}. A share must be a "
        "Fraction, (female, total), a float or a Decimal."
    )


class _ShareTypeError(ArgumentError, TypeError):
    """A share of the wrong type: a library error that is also a :class:`TypeError`."""


def _short(x: Any) -> str:
    """Return ``repr(x)`` on one line, cut at 60 characters."""
    text = " ".join(repr(x).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _fixed(value: Fraction, *, digits: int, rounding: str, sep: str, sign: bool = False) -> str:
    """Write ``value`` with ``digits`` decimals, rounding half away from zero or truncating."""
    scaled = abs(value) * 10**digits
    if rounding == "half_up":
        n = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    else:
        n = scaled.numerator // scaled.denominator
    whole, frac = divmod(n, 10**digits)
    text = str(whole) if digits == 0 else f"{whole}{sep}{frac:0{digits}d}"
    if n and value < 0:
        return "-" + text
    if n and sign:
        return "+" + text
    return text


def _number(
    x: Any,
    scale: int,
    *,
    lang: str,
    digits: int,
    rounding: str,
    sign: bool = False,
    suffix: str = "",
) -> str:
    """Return ``x · scale`` written exactly, in the locale's style (the one formatter)."""
    _check_lang(lang)
    _check_rounding(rounding, digits)
    value = _as_fraction(x)
    if value is None:
        return NA_REP
    sep = _separators(lang)[0]
    return _fixed(value * scale, digits=int(digits), rounding=rounding, sep=sep, sign=sign) + suffix


def format_share(
    x: Any,
    *,
    lang: Lang = "vi",
    digits: int = 1,
    rounding: Rounding = "half_up",
) -> str:
    """Format a share as a percentage in the locale's style.

    Parameters
    ----------
    x : Fraction, (female, total), float or Decimal
        The share as a fraction of 1.  A Fraction or a ``(female, total)`` pair is formatted
        exactly; a float is taken as the shortest decimal that prints as it.
    lang : {"vi", "en"}, default "vi"
        ``"vi"`` writes a decimal comma (``35,1%``), ``"en"`` a decimal point (``35.1%``).
    digits : int, default 1
        Decimals after the separator.
    rounding : {"half_up", "truncate"}, default "half_up"
        Half-up rounds 12.55 to 12.6; truncation (as some published reports do) cuts to 12.5.

    Returns
    -------
    str
        The percentage with its ``%`` sign; ``"–"`` when the share is missing (``total == 0``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> format_share((9, 45)), format_share(Fraction(17, 135), rounding="truncate")
    ('20,0%', '12,5%')
    >>> format_share(0.351, lang="en"), format_share((0, 0))
    ('35.1%', '–')
    """
    return _number(x, 100, lang=lang, digits=digits, rounding=rounding, suffix="%")


def format_points(
    x: Any,
    *,
    lang: Lang = "vi",
    digits: int = 1,
    rounding: Rounding = "half_up",
) -> str:
    """Format a change in percentage points with its sign (``+4,4``, ``-2,0``, ``0,0``).

    Parameters
    ----------
    x : Fraction, float or Decimal
        The change in points (already multiplied by 100).
    lang, digits, rounding
        As in :func:`format_share`.

    Returns
    -------
    str
        The signed number, ``"–"`` when missing.

    Examples
    --------
    >>> format_points(4.44), format_points(-2, lang="en"), format_points(float("nan"))
    ('+4,4', '-2.0', '–')
    """
    return _number(x, 1, lang=lang, digits=digits, rounding=rounding, sign=True)


def _check_lang(lang: str) -> None:
    check_lang(lang)


def _separators(lang: str) -> tuple[str, str]:
    """Return the decimal mark and the thousands separator of ``lang``."""
    return (",", ".") if lang == "vi" else (".", ",")


def format_count(n: Any, *, lang: Lang = "vi") -> str:
    """Format a count with the locale's thousands separator (``9.310``, ``9,310``).

    Parameters
    ----------
    n : int
        A whole number (a numpy or pandas integer too); missing values give ``"–"``.
    lang : {"vi", "en"}, default "vi"
        ``"vi"`` groups thousands with a dot, ``"en"`` with a comma.

    Returns
    -------
    str
        The grouped number.

    Examples
    --------
    >>> format_count(1234567), format_count(-9310, lang="en"), format_count(pd.NA)
    ('1.234.567', '-9,310', '–')
    """
    _check_lang(lang)
    if _is_missing(n):
        return NA_REP
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise ArgumentError(
            f"số đếm phải là số nguyên (a count must be a whole number), got "
            f"{type(n).__name__} {n!r}"
        )
    return f"{int(n):,}".replace(",", _separators(lang)[1])


# ---- charts: accessors and formats (charts engineer) -----------------------------------------
def chart_label(name: str, lang: Lang = "vi", /, **fields: Any) -> str:
    """Return the chart word ``name`` in ``lang``: ``label("chart." + name, lang, **fields)``.

    Examples
    --------
    >>> chart_label("women", "en"), chart_label("target_by", share="25,0%", year=2030)
    ('Women', 'chỉ tiêu 25,0% vào năm 2030')
    """
    return label(f"chart.{name}", lang, **fields)


def chart_labels(prefix: str, lang: Lang = "vi") -> dict[str, str]:
    """Return every chart word under ``chart.<prefix>.`` by the rest of its name.

    Examples
    --------
    >>> chart_labels("band", "en")["over_50"]
    'over 50'
    """
    return labels_for(f"chart.{prefix.rstrip('.')}", lang)


def format_number(x: Any, *, lang: Lang = "vi", digits: int = 2) -> str:
    """Format a plain number (a score, a chart tick) half-up with the locale's decimal mark.

    Examples
    --------
    >>> format_number(-0.745), format_number(4.11, lang="en"), format_number(2.5, digits=1)
    ('-0,75', '4.11', '2,5')
    """
    return _number(x, 1, lang=lang, digits=digits, rounding="half_up")


def chart_file_stem(kind: str, body: str | None = None, term: str | None = None) -> str:
    """Return the file name (without extension) of a chart: ASCII, in English only.

    Chart files are named the same whatever the language of the report (``shares_party_committee``
    in a Vietnamese report too), so that links and scripts do not depend on ``lang``.

    Examples
    --------
    >>> chart_file_stem("shares", "party_committee"), chart_file_stem("heatmap", term="2020-2025")
    ('shares_party_committee', 'heatmap_2020-2025')
    """
    if kind not in CHART_FILE_KINDS:
        raise ArgumentError(
            f"loại biểu đồ không hợp lệ (unknown chart kind): got {kind!r}. Must be one of "
            f"{list(CHART_FILE_KINDS)}."
        )
    return "_".join(str(p) for p in (kind, body, term) if p)


#: The kinds of chart files (:func:`chart_file_stem`).
CHART_FILE_KINDS: tuple[str, ...] = (
    "shares",
    "change",
    "women_needed",
    "heatmap",
    "women_men",
    "women_men_staff",
    "trend",
    "progress",
    "intersections",
    "returns",
)
# page
# The words of the report page, its provenance block and its collection section (vi / en).
# ``{n}`` in a caption is the number of the table or figure, filled in page order.

#: The report page's wording, by language.
PAGE_LABELS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "title": "Báo cáo tỷ lệ nữ trong cấp ủy, cơ quan dân cử và chức danh chủ chốt",
        "targets": "Chỉ tiêu",
        "term": "nhiệm kỳ",
        "all_terms": "mọi nhiệm kỳ có dữ liệu",
        "in_force": "các chỉ tiêu hiện hành theo nhiệm kỳ",
        "summary": (
            "{met}/{units} đơn vị đạt mọi chỉ tiêu áp dụng{unsure} (xét từng cơ quan của từng đơn "
            "vị theo từng chỉ tiêu: {rows_met}/{rows} lượt đạt{above}); còn thiếu {needed} nữ để "
            "đạt chỉ tiêu."
        ),
        "met_unassessed": (
            ", trong đó {k} đơn vị đạt mọi chỉ tiêu đánh giá được nhưng còn chỉ tiêu thiếu số liệu"
        ),
        "above": ", trong đó {k} lượt vượt khoảng",
        "share_short": (
            " Chỉ tiêu về tỷ lệ đơn vị chưa đạt (không tính vào số nữ nêu trên): {items}."
        ),
        "share_item": "{target} cần thêm {k} đơn vị đạt",
        "share_head": "{rule} — cần thêm {k} trong {n} đơn vị sau",
        "term_head": "Nhiệm kỳ {term}: ",
        "coverage": " Phạm vi: {coverage}.",
        "summary_none": "Không đánh giá được đơn vị nào: {why}.",
        "term_none": "Không đánh giá được đơn vị nào trong nhiệm kỳ {term}: {why}.",
        "why_empty": "không có dòng nào thuộc phạm vi của chỉ tiêu đã chọn",
        "why_uncovered": "; không có chỉ tiêu nào trong danh mục áp dụng cho {terms}",
        "why_not_chosen": "; các chỉ tiêu đã chọn không áp dụng cho nhiệm kỳ {terms}",
        "below_head": "Đơn vị chưa đạt (trong ngoặc: số nữ còn thiếu)",
        "below_head_group": "Đơn vị chưa đạt (trong ngoặc: số nữ, hoặc số người của nhóm ghi sau chỉ tiêu, còn thiếu)",
        "needed_col": "còn thiếu {n} nữ",
        "needed_col_group": "còn thiếu {n} {group}",
        "summary_section": "Tổng hợp theo chỉ tiêu",
        "summary_table": "Bảng {n}. Tổng hợp theo chỉ tiêu",
        "indicator_table": "Bảng {n}. Tỷ lệ nữ — {body}",
        "terms_table": "Bảng {n}. Tỷ lệ nữ qua các nhiệm kỳ",
        "shares_fig": "Hình {n}. Tỷ lệ nữ theo đơn vị — {body} (đường kẻ: chỉ tiêu)",
        "heatmap_fig": "Hình {n}. Tỷ lệ nữ theo đơn vị và cơ quan",
        "stacked_fig": "Hình {n}. Số nữ và nam theo cơ quan và cấp",
        "stacked_left_out": " (không gồm {k} dòng thiếu tổng số hoặc số nữ)",
        "needed_fig": "Hình {n}. Số nữ còn thiếu theo đơn vị — {body}",
        "change_fig": "Hình {n}. Thay đổi tỷ lệ nữ từ nhiệm kỳ {a} đến {b} — {body}",
        "overview": "Biểu đồ tổng hợp",
        "sources": "Nguồn chỉ tiêu",
        "files": "Tệp đã tạo",
        "footer": "Tạo bởi gender_stats {version}. Tỷ lệ tính từ số người; tổng hợp cộng số người, "
        "không lấy trung bình tỷ lệ.",
        # file names (one language per report)
        "page_file": "bao_cao.html",
        "workbook_file": "bao_cao.xlsx",
        "chart_dir": "bieu_do",
        # chart files are named in English whatever the language (charts: chart_file_stem), so
        # that a name never mixes a Vietnamese word with an English body code (ty_le_party_…)
        "shares_stem": "shares_{body}",
        "change_stem": "change_{body}",
        "needed_stem": "women_needed_{body}",
        "heatmap_stem": "heatmap",
        "stacked_stem": "women_men",
        # provenance
        "provenance": "Nguồn dữ liệu",
        "synthetic": "Dữ liệu mẫu (tổng hợp ngẫu nhiên) — không phải số liệu thật",
        "prov_scope": "Địa bàn",
        "prov_terms": "Nhiệm kỳ",
        "prov_targets": "Chỉ tiêu áp dụng",
        "prov_files": "Tệp đầu vào (số dòng dùng)",
        "prov_generated": "Ngày tạo",
        "prov_version": "Phiên bản gender_stats",
        "prov_units": "{n} đơn vị",
        "prov_no_file": "không có (bảng số liệu truyền trực tiếp)",
        "prov_none": "không có",
        "prov_rows": "{n} dòng",
        "prov_item": "Mục",
        "prov_value": "Nội dung",
        # the collection section
        "collection": "Tình hình nộp báo cáo",
        "coll_received": "đã nhận",
        "coll_problems": "có lỗi",
        "coll_missing": "chưa nộp",
        "coll_unmatched": "không khớp đơn vị",
        "coll_ambiguous": "khớp nhiều đơn vị",
        "coll_not_a_report": "không phải báo cáo",
        "coll_on_time": "đúng hạn",
        "coll_late": "muộn",
        "coll_summary": (
            "Đã nhận {got}/{n} đơn vị ({late} muộn), {bad} chỉ có tệp lỗi, {missing} chưa nộp; "
            "{other} tệp khác."
        ),
        "coll_due": "; hạn nộp trước {due}.",
        "coll_fig": "Hình {n}. Số báo cáo nhận được theo ngày (đường kẻ: hạn nộp)",
        "coll_table": "Bảng {n}. Tình hình nộp báo cáo theo đơn vị",
        "coll_file": "Tệp",
        "coll_date": "Ngày nhận",
        "coll_timely": "Đúng hạn",
        "coll_days_late": "Số ngày muộn",
        "coll_n_problems": "Số lỗi",
        "coll_problem_text": "Lỗi",
        "coll_status": "Tình trạng",
        "coll_reason": "Lý do nhắc",
        "coll_blank_column": "Nhóm để trống",
        "coll_notes": "Ghi chú",
        "coll_blank_reason": "nhóm để trống (xác nhận không có cơ quan)",
        "coll_contact": "Liên hệ",
        "coll_all_compiled": "Ghi chú: số liệu tổng hợp gồm đủ {n}/{n} đơn vị.",
        "coll_not_compiled": (
            "Ghi chú: số liệu tổng hợp gồm {got}/{n} đơn vị; các dòng Cộng và Tổng cộng không gồm "
            "{left} đơn vị: {names}."
        ),
        "coll_not_compiled_more": " và {more} đơn vị khác (xem trang Tình hình nộp báo cáo)",
    },
    "en": {
        "title": "Women in party committees, elected bodies and key posts",
        "targets": "Targets",
        "term": "term",
        "all_terms": "every term with data",
        "in_force": "the targets in force for each term",
        "summary": (
            "{met}/{units} units meet every applicable target{unsure} (each body of each unit "
            "against each target: {rows_met} of {rows} checks met{above}); {needed} more women "
            "are needed to meet the targets."
        ),
        "met_unassessed": (
            ", {k} of them meeting every target assessed but lacking the data for another"
        ),
        "above": ", {k} of them above range",
        "share_short": " Share-of-units targets not met (not in the women above): {items}.",
        "share_item": "{target} needs {k} more units meeting it",
        "share_head": "{rule} — {k} more of these {n} units needed",
        "term_head": "Term {term}: ",
        "coverage": " Coverage: {coverage}.",
        "summary_none": "No unit could be assessed: {why}.",
        "term_none": "No unit could be assessed in {term}: {why}.",
        "why_empty": "no counts row is in the scope of the chosen targets",
        "why_uncovered": "; no target in the catalogue applies to {terms}",
        "why_not_chosen": "; the chosen targets do not apply to {terms}",
        "below_head": "Units below target (in brackets: women still needed)",
        "below_head_group": "Units below target (in brackets: women, or persons of the group named after the target, still needed)",
        "needed_col": "{n} more women needed",
        "needed_col_group": "{n} more {group} needed",
        "summary_section": "Summary by target",
        "summary_table": "Table {n}. Summary by target",
        "indicator_table": "Table {n}. Women's share — {body}",
        "terms_table": "Table {n}. Women's share across terms",
        "shares_fig": "Figure {n}. Women's share by unit — {body} (line: target)",
        "heatmap_fig": "Figure {n}. Women's share by unit and body",
        "stacked_fig": "Figure {n}. Women and men by body and level",
        "stacked_left_out": " (leaving out {k} rows without their members or women)",
        "needed_fig": "Figure {n}. Women still needed by unit — {body}",
        "change_fig": "Figure {n}. Change in women's share from {a} to {b} — {body}",
        "overview": "Overview charts",
        "sources": "Sources of the targets",
        "files": "Files written",
        "footer": "Made with gender_stats {version}. Shares are computed from counts; pooled "
        "figures add counts, never average shares.",
        "page_file": "report.html",
        "workbook_file": "report.xlsx",
        "chart_dir": "charts",
        "shares_stem": "shares_{body}",
        "change_stem": "change_{body}",
        "needed_stem": "women_needed_{body}",
        "heatmap_stem": "heatmap",
        "stacked_stem": "women_men",
        "provenance": "Data sources",
        "synthetic": "Synthetic sample data — not real figures",
        "prov_scope": "Scope",
        "prov_terms": "Terms",
        "prov_targets": "Targets used",
        "prov_files": "Input files (rows used)",
        "prov_generated": "Generated on",
        "prov_version": "gender_stats version",
        "prov_units": "{n} units",
        "prov_no_file": "none (counts passed as a frame)",
        "prov_none": "none",
        "prov_rows": "{n} rows",
        "prov_item": "Item",
        "prov_value": "Value",
        "collection": "Returns received",
        "coll_received": "received",
        "coll_problems": "with problems",
        "coll_missing": "missing",
        "coll_unmatched": "no unit matched",
        "coll_ambiguous": "several units matched",
        "coll_not_a_report": "not a report",
        "coll_on_time": "on time",
        "coll_late": "late",
        "coll_summary": (
            "{got} of {n} units received ({late} late), {bad} with problems only, "
            "{missing} missing; {other} other files."
        ),
        "coll_due": "; due before {due}.",
        "coll_fig": "Figure {n}. Returns received by date (line: deadline)",
        "coll_table": "Table {n}. Returns by unit",
        "coll_file": "File",
        "coll_date": "Received",
        "coll_timely": "On time",
        "coll_days_late": "Days late",
        "coll_n_problems": "Problems",
        "coll_problem_text": "Problem details",
        "coll_status": "Status",
        "coll_reason": "Reminder for",
        "coll_blank_column": "Bodies left blank",
        "coll_notes": "Notes",
        "coll_blank_reason": "bodies left blank (confirm none)",
        "coll_contact": "Contact",
        "coll_all_compiled": "Note: the figures cover all {n} of {n} units.",
        "coll_not_compiled": (
            "Note: the figures cover {got} of {n} units; the subtotals and the total leave out "
            "{left}: {names}."
        ),
        "coll_not_compiled_more": " and {more} more (see the returns sheet)",
    },
}
