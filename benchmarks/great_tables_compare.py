"""Compare great_tables with the Styler for the page's tables (docs/publication_tables.md).

Not part of the suite and not a dependency: run ``.venv/bin/pip install great-tables`` first,
then ``.venv/bin/python benchmarks/great_tables_compare.py``.
"""

from __future__ import annotations

import re
import time
import warnings

import pandas as pd
from great_tables import GT, loc, style

import gender_stats as gs

warnings.simplefilter("ignore")

COUNTS = gs.load_sample_counts()
LATEST = gs.check(COUNTS).query("term == '2020-2025'")
PEOPLE = ("Tổng số", "Nữ")


def styler_html() -> str:
    """Return the summary and indicator tables as the page renders them today."""
    summary = gs.to_html(gs.summary_table(LATEST), caption="Bảng 1", table_id="t1")
    return summary + gs.to_html(gs.indicator_table(LATEST), caption="Bảng 2", table_id="t2")


def gt_html() -> str:
    """Return the same tables through great_tables (vi locale, spanner, source note, colours)."""
    out = []
    for table in (gs.summary_table(LATEST), gs.indicator_table(LATEST, numeric=True)):
        below = table.index[table["Đánh giá"] == "Chưa đạt"].tolist()
        people = [c for c in PEOPLE if c in table]
        gt = GT(table, locale="vi").tab_header(title="Bảng").tab_source_note("Nguồn: dữ liệu mẫu")
        if pd.api.types.is_float_dtype(table["Tỷ lệ (%)"]):
            gt = gt.fmt_percent(columns="Tỷ lệ (%)", decimals=1, scale_values=False)
        gt = gt.fmt_integer(columns=people).tab_spanner(label="Số người", columns=people)
        if below:
            gt = gt.tab_style(style=style.fill(color="#FFC7CE"), locations=loc.body(rows=below))
        out.append(gt.as_raw_html())
    return "".join(out)


def timed(func) -> None:
    func()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        html = func()
        runs.append(time.perf_counter() - start)
    runs.sort()
    print(
        f"{func.__name__}: best {runs[0] * 1000:.0f} ms, median {runs[2] * 1000:.0f} ms, "
        f"{len(html) // 1024} KiB"
    )


def percents(values: list[float], decimals: int) -> list[str]:
    frame = pd.DataFrame({"p": values})
    html = GT(frame, locale="vi").fmt_percent(columns="p", decimals=decimals).as_raw_html()
    return re.findall(r">([0-9.,]+%)<", html)


if __name__ == "__main__":
    timed(styler_html)
    timed(gt_html)
    # 1/8, 29/200, 27/200, 1/40 at 0 decimals: exact half-up gives 13, 15, 14, 3.
    shares = [(1, 8), (29, 200), (27, 200), (1, 40)]
    print("great_tables:", percents([f / t for f, t in shares], 0))
    print("gender_stats:", [gs.format_share(s, digits=0) for s in shares])
