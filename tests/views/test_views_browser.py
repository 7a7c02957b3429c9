"""The views in a real browser (Debian chromium), offline: every non-file request is aborted and must not happen."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.views import write_views
from browser import browser, open_page  # noqa: F401  (fixtures)
from views_corpora import HOSTILE, HREF_NAME, big_corpus, hostile_corpus, toy_corpus

NODE_COUNT = "nodes.length"
PANEL = "document.getElementById('ag-panel-body').textContent"


@pytest.fixture(scope="module")
def toy_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("toy")
    write_views(toy_corpus(), out)
    return out


def edge_id(page, prop: str) -> str:
    return page.evaluate("p => edges.get({filter: e => e.prop === p})[0].id", prop)


def edge_point(page, eid: str) -> tuple[float, float]:
    """Where on the screen the middle of an edge is drawn."""
    x, y = page.evaluate("""id => {
        const p = network.body.edges[id].edgeType.getPoint(0.5);
        const d = network.canvasToDOM(p);
        const r = document.getElementById('ag-network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y];
    }""", eid)
    return x, y


def page_of(out: Path, kind: str) -> Path:
    return sorted((out / kind).glob("*.html"))[0]


def test_each_kind_of_view_renders_nodes_offline(toy_site, open_page):
    corpus = toy_corpus()
    index = open_page(toy_site / "index.html")
    rows = index.page.evaluate("document.querySelectorAll('#ag-metrics tbody tr').length")
    assert rows == len(corpus.entities)
    assert index.clean(), (index.blocked, index.errors)
    expected = {"network.html": len(corpus.entities)}
    for kind in ["entity", "property", "document"]:
        expected[str(page_of(toy_site, kind).relative_to(toy_site))] = None
    for rel, count in expected.items():
        opened = open_page(toy_site / rel)
        n = opened.page.evaluate(NODE_COUNT)
        assert n > 0, rel
        if count is not None:
            assert n == count
        # the canvas drew something: vis reports positions for the nodes it laid out
        assert len(opened.page.evaluate("Object.keys(network.getPositions())")) == n
        assert opened.clean(), (rel, opened.blocked, opened.errors)


def test_clicking_an_edge_shows_its_evidence(toy_site, open_page):
    opened = open_page(toy_site / "network.html")
    page = opened.page
    x, y = edge_point(page, edge_id(page, "blocked"))
    page.mouse.click(x, y)
    panel = page.evaluate(PANEL)
    assert "Veltravia may have throttled ChatLine during the strike, activists said." in panel
    assert "hedged" in panel and "test.rule.v1" in panel and "d2" in panel
    assert page.evaluate("network.getSelectedEdges()") == [edge_id(page, "blocked")]
    assert opened.clean(), opened.errors


def test_hovering_an_edge_shows_all_its_sentences(toy_site, open_page):
    opened = open_page(toy_site / "network.html")
    page = opened.page
    page.mouse.move(5, 5)
    x, y = edge_point(page, edge_id(page, "requestedRemoval"))
    page.mouse.move(x, y)
    for _ in range(100):   # hover events arrive asynchronously
        if "2 sentences" in page.evaluate(PANEL):
            break
        page.wait_for_timeout(50)
    panel = page.evaluate(PANEL)
    assert "ordered the Coastal Courier to delete its report" in panel
    assert "told the Courier to take the report down" in panel
    assert opened.clean(), opened.errors


def test_search_finds_an_actor_by_alias_and_focuses_it(toy_site, open_page):
    page = open_page(toy_site / "network.html").page
    page.fill("#ag-search", "the ministry")
    page.press("#ag-search", "Enter")
    assert page.evaluate("document.getElementById('ag-search-status').textContent") == "1 match"
    assert page.evaluate("network.getSelectedNodes()") == ["Agency/ministry-of-harbours"]
    assert page.evaluate("document.getElementById('ag-panel-title').textContent") == "Ministry of Harbours"
    page.fill("#ag-search", "nobody of that name")
    page.press("#ag-search", "Enter")
    assert page.evaluate("document.getElementById('ag-search-status').textContent") == "no match"


def test_filters_hide_a_class_and_a_property(toy_site, open_page):
    page = open_page(toy_site / "network.html").page
    page.uncheck("#ag-filter-class input[value='Person']")
    assert page.evaluate("nodes.get('Person/mira-okonjo').hidden") is True
    assert page.evaluate("nodes.get('Agency/ministry-of-harbours').hidden") is False
    leads = edge_id(page, "leads")
    assert page.evaluate("id => edges.get(id).hidden", leads) is True   # its subject is hidden
    page.uncheck("#ag-filter-prop input[value='blocked']")
    assert page.evaluate("id => edges.get(id).hidden", edge_id(page, "blocked")) is True
    assert page.evaluate("id => edges.get(id).hidden", edge_id(page, "partOf")) is False
    page.click("#ag-filter-class button:has-text('all')")
    assert page.evaluate("nodes.get('Person/mira-okonjo').hidden") is False


def test_colour_by_community_and_size_by_betweenness(toy_site, open_page):
    page = open_page(toy_site / "network.html").page
    page.select_option("#ag-colour", "community")
    colours = page.evaluate("nodes.get().map(n => [n.color, n.communityColor])")
    assert all(c == cc for c, cc in colours)
    assert len({c for c, _ in colours}) > 1
    assert "community" in page.evaluate("document.getElementById('ag-legend').textContent")
    page.select_option("#ag-size", "betweenness")
    assert page.evaluate("nodes.get('Agency/ministry-of-harbours').value") > \
        page.evaluate("nodes.get('Person/mira-okonjo').value")


def assert_nothing_ran(opened):
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert page.evaluate("document.querySelectorAll('div.popup').length") == 0   # pyvis's HTML popup
    assert opened.clean(), (opened.blocked, opened.errors, opened.dialogs)


def test_hostile_labels_and_sentences_execute_nothing(tmp_path, open_page):
    write_views(hostile_corpus(), tmp_path)
    pages = [tmp_path / "index.html", tmp_path / "network.html"] + sorted(tmp_path.glob("*/*.html"))
    clicked = 0
    for path in pages:
        opened = open_page(path)
        page = opened.page
        if page.evaluate("!!window.network && edges.get({filter: e => e.prop === 'requestedRemoval'}).length > 0"):
            clicked += 1
            x, y = edge_point(page, edge_id(page, "requestedRemoval"))
            page.mouse.click(x, y)
            assert HOSTILE in page.evaluate(PANEL)         # shown as text, not run
            page.mouse.move(x + 1, y + 1)
            page.fill("#ag-search", "ahrefs")
            page.press("#ag-search", "Enter")
            assert page.evaluate("document.getElementById('ag-panel-title').textContent") == HREF_NAME
        assert_nothing_ran(opened)
    assert clicked >= 4   # overview, the two ends' pages, the property page, the document page
    doc = open_page(sorted(tmp_path.glob("document/*.html"))[0]).page
    assert HOSTILE in doc.evaluate("document.querySelector('h1').textContent")


ARTICLES = {
    "a1.txt": ("<img src=x onerror=\"window.__pwned=1\"> Regulators squeeze Ahrefs\n\n"
               "The Ministry of Digital Affairs of Norland ordered Ahrefs to delete the report, "
               "according to Ahrefs chief Lina Varga. <script>window.__pwned=2</script>\n"),
    "a2.txt": ("Tensions rise\n\nNorland blocked the messaging app Telegram on Monday. "
               "<a href=\"javascript:window.__pwned=3\">Read more</a> Officials at the Ministry of Digital "
               "Affairs said Telegram had ignored requests from Norland.\n"),
}


def test_hostile_articles_through_the_build_execute_nothing(tmp_path, open_page):
    from graph.build import build
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in ARTICLES.items():
        (docs / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(docs, out)
    pages = [out / "index.html", out / "network.html"] + sorted(out.glob("*/*.html"))
    assert len(pages) >= 4
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<img src=x" not in html and "<script>window.__pwned" not in html, path
        opened = open_page(path)
        if opened.page.evaluate("!!window.network"):
            assert opened.page.evaluate(NODE_COUNT) > 0
        assert_nothing_ran(opened)


def test_two_thousand_actors_open_with_physics_off(tmp_path, open_page):
    corpus = big_corpus(2000)
    write_views(corpus, tmp_path, entity_pages=False)
    opened = open_page(tmp_path / "network.html")
    page = opened.page
    assert page.evaluate(NODE_COUNT) == 2000
    assert page.evaluate("agGraph.options.physics.enabled") is False
    assert page.evaluate("nodes.get().every(n => typeof n.x === 'number' && typeof n.y === 'number')")
    assert opened.clean(), opened.errors


def test_above_the_limit_the_overview_keeps_the_most_central(tmp_path, open_page):
    corpus = big_corpus(300)
    write_views(corpus, tmp_path, overview_limit=50)
    opened = open_page(tmp_path / "network.html")
    assert opened.page.evaluate(NODE_COUNT) == 50
    assert "50 most central of 300" in opened.page.evaluate("document.body.textContent")
    assert opened.page.evaluate("document.querySelector('.ag-note a').getAttribute('href')") == \
        "index.html#ag-metrics"
    # the actor with most neighbours is in; each actor still has a page linked from the index
    degrees = opened.page.evaluate("nodes.get().map(n => n.degree)")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(entity/[^"]+)"', index)
    assert len(set(links)) == 300 and all((tmp_path / link).is_file() for link in links)
    all_degrees = sorted((int(d) for d in re.findall(r"</td><td>[A-Za-z]+</td><td>(\d+)</td>", index)),
                         reverse=True)
    assert min(degrees) >= all_degrees[49]


def test_the_notebook_view_works_inside_an_iframe_srcdoc(tmp_path, open_page):
    import html as html_lib

    from graph.views import inline_view
    page_html = inline_view(toy_corpus())
    host = tmp_path / "host.html"
    host.write_text(f'<!doctype html><iframe id="f" style="width:1200px;height:800px" '
                    f'srcdoc="{html_lib.escape(page_html, quote=True)}"></iframe>', encoding="utf-8")
    opened = open_page(host)
    frame = opened.page.frame_locator("#f")
    frame.locator("#ag-network canvas").wait_for()
    inner = opened.page.frames[1]
    for _ in range(200):
        if inner.evaluate("window.agReady === true"):
            break
        opened.page.wait_for_timeout(50)
    assert inner.evaluate("nodes.length") == 6
    assert inner.evaluate("document.querySelectorAll('#ag-legend li').length") == 6
    assert inner.evaluate("Object.keys(network.getPositions()).length") == 6
    assert opened.clean(), (opened.blocked, opened.errors)
