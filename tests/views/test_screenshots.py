"""Screenshots of the sample corpus's entry page and overview for the README (docs/img/)."""
from __future__ import annotations

from pathlib import Path

from browser import browser, open_page  # noqa: F401  (fixtures)

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_screenshots_of_index_and_overview(sample_build, open_page):
    IMG.mkdir(parents=True, exist_ok=True)
    index = open_page(sample_build / "index.html", width=1280, height=860)
    index.page.screenshot(path=str(IMG / "index.png"))
    assert index.clean(), (index.blocked, index.errors)

    overview = open_page(sample_build / "network.html", width=1280, height=860)
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
    page.screenshot(path=str(IMG / "overview.png"))
    assert overview.clean(), (overview.blocked, overview.errors)
    for name in ("index.png", "overview.png"):
        data = (IMG / name).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 10_000
