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
