"""A Debian chromium driven by Playwright, with every request that is not a local file aborted and recorded."""
from __future__ import annotations

import atexit
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Opened:
    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not (self.blocked or self.errors or self.dialogs)


_RUNNING: dict = {}


def shared_browser():
    """One chromium for the whole test run, however many modules import these fixtures."""
    if "browser" not in _RUNNING:
        if not Path(CHROMIUM).exists():
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium to run the view tests")
        _RUNNING["playwright"] = sync_playwright().start()
        _RUNNING["browser"] = _RUNNING["playwright"].chromium.launch(executable_path=CHROMIUM, args=ARGS)
        atexit.register(_stop)
    return _RUNNING["browser"]


def _stop():
    browser, playwright = _RUNNING.pop("browser", None), _RUNNING.pop("playwright", None)
    if browser:
        browser.close()
    if playwright:
        playwright.stop()


@pytest.fixture
def browser():
    return shared_browser()


@pytest.fixture
def open_page(browser):
    """open_page(path) -> Opened, with the page loaded and (for network views) its layout final."""
    pages = []

    def run(path: Path, width: int = 1400, height: int = 900) -> Opened:
        page = browser.new_page(viewport={"width": width, "height": height})
        pages.append(page)
        opened = Opened(page)

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()
        page.route("**/*", route)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.goto(Path(path).resolve().as_uri())
        if page.evaluate("!!document.getElementById('ag-graph')"):
            # polled from outside: wait_for_function evaluates strings inside the page, which its CSP forbids
            for _ in range(600):
                if page.evaluate("window.agReady === true"):
                    break
                page.wait_for_timeout(50)
            else:
                pytest.fail(f"{path}: the network view did not settle in 30 s")
        return opened

    yield run
    for page in pages:
        page.close()
