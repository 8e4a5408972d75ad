"""The staff dashboard in headless Chromium against the real server with the sample loaded."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.server_harness import ROOT, start_server, stop_server

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    data = tmp_path_factory.mktemp("browser-data")
    proc, base, admin_key, _ = start_server(data)
    try:
        assert admin_key, "first start must print an admin key"
        command = ["keys", "create", "--role", "staff", "--program", "northbridge"]
        env = {"MENTORLENS_DATA_DIR": str(data), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
        staff_key = subprocess.run(
            [sys.executable, "-m", "assistant.cli", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        yield base, staff_key
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def test_staff_sees_at_risk_pair_first_and_its_chart(server, browser) -> None:  # type: ignore[no-untyped-def]
    base, staff_key = server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/dashboard")
    assert page.url.endswith("/dashboard/login")
    page.fill("#key", staff_key)
    page.click("button[type=submit]")
    page.wait_for_selector("#pairs")
    first = page.locator("tr.pair-row").first
    assert first.get_attribute("data-band") == "at_risk"
    assert "At risk" in first.inner_text()
    assert first.locator("td.reason").inner_text().strip()
    assert page.locator("tr.pair-row svg.spark").count() == 8
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    cookie = next(c for c in page.context.cookies() if c["name"] == "mentorlens_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    first.locator("a").first.click()
    page.wait_for_selector("#component-chart svg")
    assert page.locator("#component-chart svg polyline.series").count() >= 1
    assert page.locator("#reasons li").count() >= 1
    assert "held" in page.locator("#meeting-counts").inner_text()
    page.screenshot(path=str(ARTIFACTS / "pair.png"), full_page=True)

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies([cookie])
    phone.goto(base + "/dashboard")
    phone.wait_for_selector("#pairs")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "no horizontal scrolling on a phone"
    phone.screenshot(path=str(ARTIFACTS / "dashboard-phone.png"), full_page=True)
