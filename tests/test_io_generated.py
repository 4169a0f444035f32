"""Generated messy wide workbooks: what is planted is what is read, and every row is logged once.

Each example plants units in random sections (varied wordings), with subtotals, notes between rows,
hidden rows (an abolished unit), column-number rows, blank rows, a total row first or last, and a
date line and signature block.  The reader must return exactly the visible units' counts, classify
every non-blank row once with the class it was planted as, and keep
``rows_read = rows_used + rows_reported + rows_structural``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gender_stats.io import read_counts
from gender_stats.io._counts import HiddenDataWarning, MismatchWarning

SECTIONS = {
    "district": ("I. Khối huyện", "A. Các huyện, thị xã, thành phố", "KHỐI HUYỆN, THỊ XÃ"),
    "agency": ("II. Khối sở, ban, ngành", "B. Khối Sở, ngành", "Khối sở, ban, ngành"),
    "commune": ("III. Các xã, phường, thị trấn", "C. Khối xã, phường", "cac xa, phuong, thi tran"),
}
PREFIX = {"district": "Huyện", "agency": "Sở", "commune": "Xã"}
SUBTOTALS = ("Cộng", "Cộng khối", "CỘNG (A)", "Cộng khối {label}", "Cong")
TOTALS = ("Tổng cộng", "TỔNG CỘNG (I+II)", "Toàn tỉnh", "Tổng số", "tong cong toan tinh")
NOTES = ("Ghi chú: số liệu tạm tính", "(*) Huyện mới sáp nhập", "Nguồn: báo cáo của đơn vị")
BODIES = (("Ban Chấp hành", "party_committee"), ("Ban Thường vụ", "standing_committee"))

counts = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: (max(t), min(t)))


@st.composite
def workbooks(draw: Any) -> dict[str, Any]:
    n_bodies = draw(st.integers(1, 2))
    levels = draw(st.lists(st.sampled_from(sorted(SECTIONS)), min_size=1, max_size=3, unique=True))
    sections = []
    serial = 0
    for level in levels:
        units = []
        for _ in range(draw(st.integers(1, 4))):
            serial += 1
            units.append(
                {
                    "name": f"{PREFIX[level]} Đơn Vị {serial}",
                    "counts": [draw(counts) for _ in range(n_bodies)],
                    "hidden": draw(st.booleans()) and draw(st.booleans()),
                    "note_after": draw(st.booleans()) and draw(st.booleans()),
                }
            )
        sections.append(
            {
                "level": level,
                "label": draw(st.sampled_from(SECTIONS[level])),
                "units": units,
                "subtotal": draw(st.sampled_from((None, *SUBTOTALS))),
            }
        )
    return {
        "n_bodies": n_bodies,
        "sections": sections,
        "column_numbers": draw(st.booleans()),
        "total": draw(st.sampled_from((None, *TOTALS))),
        "total_first": draw(st.booleans()),
        "total_counts_hidden": draw(st.booleans()),
        "footer": draw(st.booleans()),
        "blank_rows": draw(st.booleans()),
        "title_term": draw(st.sampled_from(("NHIỆM KỲ 2015 - 2020", "nhiệm kỳ 2015–2020"))),
    }


def _sums(units: list[dict[str, Any]], n_bodies: int, hidden_too: bool) -> list[int]:
    out: list[int] = []
    for b in range(n_bodies):
        kept = [u for u in units if hidden_too or not u["hidden"]]
        out += [sum(u["counts"][b][0] for u in kept), sum(u["counts"][b][1] for u in kept)]
    return out


def _write(path: Path, spec: dict[str, Any]) -> tuple[list[str], set[tuple[Any, ...]]]:
    """Write the workbook; return the expected class of each non-blank row and the counts."""
    nb = spec["n_bodies"]
    wb = openpyxl.Workbook()
    ws = wb.active
    kinds: list[str] = []
    expect: set[tuple[Any, ...]] = set()

    def put(row: list[Any], kind: str | None, hidden: bool = False) -> None:
        ws.append(row)
        if hidden:
            ws.row_dimensions[ws.max_row].hidden = True
        if kind is not None:
            kinds.append(kind)

    put(["BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH"], "title")
    put([f"BÁO CÁO SỐ LIỆU CÁN BỘ NỮ, {spec['title_term']}"], "title")
    ws.append([])
    top = ["STT", "Đơn vị"]
    sub: list[Any] = [None, None]
    for label, _ in BODIES[:nb]:
        top += [label, None]
        sub += ["Tổng số", "Nữ"]
    put(top, "header")
    put(sub, "header")
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    for b in range(nb):
        c = 3 + 2 * b
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 1)
    if spec["column_numbers"]:
        put([f"({i})" for i in range(1, 3 + 2 * nb)], "column_numbers")
    all_units = [u for s in spec["sections"] for u in s["units"]]
    total_row = None
    if spec["total"]:
        total_row = [None, spec["total"], *_sums(all_units, nb, spec["total_counts_hidden"])]
    if total_row and spec["total_first"]:
        put(total_row, "total")
    roman = ("I", "II", "III")
    for i, section in enumerate(spec["sections"]):
        label = section["label"]
        stt = roman[i] if not label[0].isupper() or "." not in label[:4] else None
        put([stt, label], "section")
        for j, unit in enumerate(section["units"], start=1):
            row = [j, unit["name"]]
            for total, female in unit["counts"]:
                row += [total, female]
            put(row, "hidden" if unit["hidden"] else "data", hidden=unit["hidden"])
            if not unit["hidden"]:
                for b, (total, female) in enumerate(unit["counts"]):
                    expect.add((unit["name"], section["level"], BODIES[b][1], total, female))
            if unit["note_after"]:
                put([NOTES[j % len(NOTES)]], "note")
            if spec["blank_rows"]:
                ws.append([])
        if section["subtotal"]:
            word = section["subtotal"].format(label=section["label"].split(". ")[-1].lower())
            put([None, word, *_sums(section["units"], nb, True)], "subtotal")
    if total_row and not spec["total_first"]:
        put(total_row, "total")
    if spec["footer"]:
        put([None, None, None, "Thanh Hóa, ngày 05 tháng 6 năm 2015"], "signature")
        put([None, None, None, "NGƯỜI LẬP BIỂU"], "signature")
        put([None, None, None, "(Ký, ghi rõ họ tên)"], "signature")
    wb.save(path)
    return kinds, expect


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=workbooks())
def test_planted_is_read(tmp_path: Path, spec: dict[str, Any]) -> None:
    path = tmp_path / "gen.xlsx"
    kinds, expect = _write(path, spec)
    visible = [u for s in spec["sections"] for u in s["units"] if not u["hidden"]]
    with warnings.catch_warnings():
        warnings.simplefilter("error", MismatchWarning)  # planted totals are right
        warnings.simplefilter("ignore", HiddenDataWarning)
        if not visible:
            return  # a table of hidden units only has nothing to read
        out = read_counts(path)
    got = {(r.unit_name, r.level, r.body, r.total, r.female) for r in out.itertuples(index=False)}
    assert got == expect
    assert set(out["term"]) == {"2015-2020"}
    log = out.attrs["reading"]
    assert [str(e.kind) for e in log.entries] == kinds  # every non-blank row, once, in order
    assert len({e.row for e in log.entries}) == len(log.entries)
    assert log.rows_read == log.rows_used + log.rows_reported + log.rows_structural
    assert log.rows_used == len(visible)
    assert log.rows_reported == sum(1 for k in kinds if k == "hidden")
