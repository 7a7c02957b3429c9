"""Screenshots of review mode and of an actor's timeline on the sample, checked like the others
(tests/views/test_screenshots.py); `make screenshots` copies them to docs/img for the README."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from browser import browser  # noqa: F401  (fixtures)
from graph.build import build
from graph.pages import page_name
from graph.serve import base_url, serve_in_thread
from test_screenshots import MIN_COLOURS, SCREENSHOTS_DIR, distinct_colours, png_size

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "articles"
WIDTH, HEIGHT = 1280, 860


def test_screenshots_of_review_mode_and_a_timeline(browser, tmp_path):  # noqa: F811
    docs, out = tmp_path / "docs", tmp_path / "out"
    shutil.copytree(SAMPLE, docs)
    build(docs, out)
    before = (docs / "actorgraph-review.jsonl").read_bytes()
    server, _ = serve_in_thread(out, quiet=True, review=True, reviewer="Ana")
    try:
        url = base_url(server)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/{page_name('entity', 'Outlet/kloop')}")
        page.wait_for_selector("#ag-review-actor")
        for _ in range(200):
            if page.evaluate("window.agReady === true"):
                break
            page.wait_for_timeout(50)
        page.screenshot(path=str(tmp_path / "review.png"))

        page.goto(f"{url}/{page_name('entity', 'State/kazakhstan')}")
        page.wait_for_selector("#ag-timeline")
        top = page.evaluate("document.getElementById('ag-timeline').getBoundingClientRect().top + window.scrollY")
        bottom = page.evaluate("document.querySelector('.ag-timeline').getBoundingClientRect().bottom + window.scrollY")
        page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True,
                        clip={"x": 0, "y": top - 8, "width": WIDTH, "height": bottom - top + 16})
        assert not errors, errors
        page.close()
    finally:
        server.shutdown()
        server.server_close()
    assert (docs / "actorgraph-review.jsonl").read_bytes() == before, "looking writes nothing"

    for name in ("review.png", "timeline.png"):
        data = (tmp_path / name).read_bytes()
        width, _ = png_size(data)
        assert width == WIDTH and distinct_colours(browser, data) > MIN_COLOURS / 4, name
    if os.environ.get(SCREENSHOTS_DIR):
        target = Path(os.environ[SCREENSHOTS_DIR])
        target.mkdir(parents=True, exist_ok=True)
        for name in ("review.png", "timeline.png"):
            shutil.copyfile(tmp_path / name, target / name)
