"""Screenshots of the sample corpus's entry page and overview.

They are taken into pytest's tmp_path and checked there, so `make test` leaves the
tree as it was. `make screenshots` sets ACTORGRAPH_SCREENSHOTS_DIR=docs/img to
refresh the README's images from the same test.
"""
from __future__ import annotations

import base64
import os
import shutil
import struct
from pathlib import Path

from browser import browser, open_page  # noqa: F401  (fixtures)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
WIDTH, HEIGHT = 1280, 860
# A rendered page with text, lines and coloured nodes has thousands of colours (anti-aliasing);
# a blank or single-colour failure page has a handful.
MIN_COLOURS = 200
SCREENSHOTS_DIR = "ACTORGRAPH_SCREENSHOTS_DIR"

# Decoded by chromium itself (no image library in the lock file): draw the PNG on a canvas and count colours.
COUNT_COLOURS = """async url => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = new Uint32Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer);
    return new Set(px).size;
}"""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a PNG must have first."""
    assert data.startswith(PNG_MAGIC) and data[12:16] == b"IHDR", data[:16]
    return struct.unpack(">II", data[16:24])


def distinct_colours(chromium, data: bytes) -> int:
    page = chromium.new_page()
    try:
        return page.evaluate(COUNT_COLOURS, "data:image/png;base64," + base64.b64encode(data).decode())
    finally:
        page.close()


def test_screenshots_of_index_and_overview(sample_build, open_page, browser, tmp_path):
    index = open_page(sample_build / "index.html", width=WIDTH, height=HEIGHT)
    index.page.screenshot(path=str(tmp_path / "index.png"))
    assert index.clean(), (index.blocked, index.errors)

    overview = open_page(sample_build / "network.html", width=WIDTH, height=HEIGHT)
    page = overview.page
    assert page.evaluate("nodes.length") > 0
    # show the evidence panel filled: click the relation stated in most sentences
    best = page.evaluate("edges.get().sort((a, b) => b.support - a.support).map(e => e.id)[0] || null")
    if best:
        x, y = page.evaluate("""id => {
            const p = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
            const r = document.getElementById('ag-network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", best)
        page.mouse.click(x, y)
        sentence = page.evaluate("id => edges.get(id).evidence[0].sentence", best)
        assert sentence in page.evaluate("document.getElementById('ag-panel-body').textContent")
    # move to an empty corner of the canvas: the tooltip goes, the panel keeps the clicked relation
    box = page.evaluate("(() => { const r = document.getElementById('ag-network').getBoundingClientRect();"
                        " return [r.left + 4, r.top + 4]; })()")
    page.mouse.move(*box)
    page.wait_for_timeout(300)
    page.screenshot(path=str(tmp_path / "overview.png"))
    assert overview.clean(), (overview.blocked, overview.errors)

    names = ("index.png", "overview.png")
    for name in names:
        data = (tmp_path / name).read_bytes()
        assert len(data) > 10_000, (name, len(data))
        assert png_size(data) == (WIDTH, HEIGHT), name
        colours = distinct_colours(browser, data)
        assert colours > MIN_COLOURS, (name, colours)

    # only once both images passed, and only when asked: refresh the README's copies
    if os.environ.get(SCREENSHOTS_DIR):
        out = Path(os.environ[SCREENSHOTS_DIR])
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(tmp_path / name, out / name)
