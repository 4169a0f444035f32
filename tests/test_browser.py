"""The HTML report in a real headless browser (Debian chromium + chromedriver).

Install them with ``bash scripts/install_browser.sh`` (``.ci/run`` does it before ``make test``).
Without them the test is skipped locally, but it FAILS when the environment variable ``CI`` is set:
CI must never skip it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        return
    reason = (
        f"headless browser not installed ({', '.join(missing)} missing); "
        "run `bash scripts/install_browser.sh`"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    from gender_stats.outputs.report import build_report

    counts = pd.DataFrame(
        {
            "term": ["2015-2020"] * 6,
            "unit_id": ["A", "A", "B", "B", "C", "C"],
            "unit_name": [
                name
                for name in ("Huyện Hậu Lộc", "Huyện Ngọc Lặc", "Huyện Vĩnh Lộc")
                for _ in range(2)
            ],
            "level": ["district"] * 6,
            "body": ["party_committee", "standing_committee"] * 3,
            "total": [40, 11, 33, 9, 45, 13],
            "female": [8, 1, 3, 0, 7, 2],
        }
    )
    out = tmp_path_factory.mktemp("browser_report")
    return build_report(counts, term="2015-2020", out_dir=out).html


@pytest.fixture
def driver(tmp_path):
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,2000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield drv
    finally:
        drv.quit()


def test_report_page_renders_in_headless_chromium(page, driver, tmp_path):
    from selenium.webdriver.common.by import By

    html_text = page.read_text(encoding="utf-8")
    driver.get(page.resolve().as_uri())
    driver.execute_script("return document.readyState")

    assert driver.title.startswith("Báo cáo tỷ lệ nữ")
    assert driver.execute_script("return document.documentElement.lang") == "vi"
    assert driver.execute_script("return document.characterSet") == "UTF-8"

    # No SEVERE console errors (a missing resource, a script error).
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []

    # Every table of the file is in the DOM and visible, with a caption.
    tables = driver.find_elements(By.TAG_NAME, "table")
    assert len(tables) == html_text.count("<table") >= 3
    for table in tables:
        assert table.is_displayed()
        assert table.size["height"] > 0
        assert table.find_element(By.TAG_NAME, "caption").text.strip()

    # Every chart is decoded (naturalWidth > 0) and shown.
    images = driver.find_elements(By.TAG_NAME, "img")
    assert len(images) == html_text.count("<img") >= 4
    for img in images:
        natural = driver.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth", img
        )
        assert natural > 0, img.get_attribute("alt")
        assert img.is_displayed()

    # Vietnamese text comes through intact.
    summary = driver.find_element(By.ID, "summary").text
    assert "đơn vị đạt" in summary
    assert "còn thiếu" in summary

    # A screenshot of the whole page, kept as a PNG.
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1280, min(int(height) + 100, 8000))
    shot = tmp_path / "report.png"
    assert driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("GENDER_STATS_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot.read_bytes())


# ---------------------------------------------------------------------------------------------
# Printing on A4 (issue 15.3): a section per page, charts never cut, table headers repeated

#: A4 in PostScript points, and the slack allowed on the page edges.
A4 = (595.0, 842.0)
_SLACK = 1.0


@pytest.fixture(scope="module")
def big_report(tmp_path_factory):
    _require_browser()  # before the slow build: skipped at once without a browser
    import gender_stats as gs
    from gender_stats.outputs.report import build_report

    counts = gs.load_sample_counts()
    counts = counts[counts["term"].isin(["2015-2020", "2020-2025"])]
    out = tmp_path_factory.mktemp("print_report")
    return build_report(counts, term="2020-2025", units=gs.load_units(), out_dir=out / "bc")


def _image_draws(page) -> list[tuple[float, float, float, float]]:
    """Return (x, y, width, height) of every image XObject a PDF page draws (``Do``)."""
    draws: list[tuple[float, float, float, float]] = []

    def before(operator, operands, cm, tm):
        if operator == b"Do":
            draws.append((float(cm[4]), float(cm[5]), float(cm[0]), float(cm[3])))

    page.extract_text(visitor_operand_before=before)
    return draws


def test_the_page_prints_on_a4_without_cutting_a_chart(big_report, driver, tmp_path):
    import base64
    import io

    pypdf = pytest.importorskip("pypdf")

    driver.get(big_report.html.resolve().as_uri())
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    pdf = base64.b64decode(printed["data"])
    (tmp_path / "report.pdf").write_bytes(pdf)
    keep = os.environ.get("GENDER_STATS_PDF")
    if keep:
        Path(keep).write_bytes(pdf)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    html_text = big_report.html.read_text(encoding="utf-8")
    n_images, n_sections = html_text.count("<img"), html_text.count("<section")

    # A4 pages: about one per section, and for the long tables at least 12 rows a page
    for page in pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2
    n_rows = html_text.count("<tr")
    assert n_sections - 2 <= len(pages) <= n_sections + n_rows // 12

    # every chart is drawn once, whole, inside one page
    draws = [(i, d) for i, page in enumerate(pages) for d in _image_draws(page)]
    assert len(draws) == n_images == len(big_report.charts)
    for i, (x, y, w, h) in draws:
        assert w > 100 and h > 100, (i, w, h)
        assert x >= -_SLACK and x + w <= A4[0] + _SLACK, (i, x, w)
        assert y >= -_SLACK and y + h <= A4[1] + _SLACK, (i, y, h)

    texts = [page.extract_text() for page in pages]
    # a section per page: each body section starts a page with its heading
    for body in ("Ban Chấp hành (cấp ủy)", "Ban Thường vụ", "Biểu đồ tổng hợp"):
        assert any(t.startswith(body) for t in texts), body
    # long tables go on over pages and repeat their header row there (no caption before it)
    header = "Đơn vị Cơ quan Tổng số Nữ Tỷ lệ (%)"
    continued = [t for t in texts if t.startswith(header)]
    assert len(continued) >= 2
