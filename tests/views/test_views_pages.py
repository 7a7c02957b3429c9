"""View pages without a browser: files, links, escaping, metrics, layout."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from graph.metrics import corpus_graph, corpus_links, ego_layout, layout, node_metrics, simple_graph, top_nodes
from graph.offline_pyvis import offline_network
from graph.pages import page_name, script_json
from graph.views import inline_view, write_views
from views_corpora import HOSTILE, HOSTILE_SCRIPT, HREF_NAME, big_corpus, hostile_corpus, toy_corpus


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def refs(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.refs


def resolves(page: Path, ref: str) -> bool:
    """A local link names a file that exists and, with a #fragment (a sentence), an id on that page."""
    path, _, fragment = ref.partition("#")
    target = (page.parent / path).resolve()
    return target.is_file() and (not fragment or f'id="{fragment}"' in target.read_text(encoding="utf-8"))


def test_script_json_cannot_close_its_script_block():
    value = {"s": "</script><script>alert(1)</script><!-- & \u2028"}
    text = str(script_json(value))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_page_names_are_safe_and_distinct():
    a, b = page_name("entity", "Person/Jo Ann"), page_name("entity", "Person/jo-ann")
    assert a != b
    for name in (a, b, page_name("document", "../../etc/passwd"), page_name("entity", "<img src=x>")):
        kind, file = name.split("/")
        assert re.fullmatch(r"[a-z0-9-]+\.html", file), name


def test_every_page_exists_and_every_local_link_resolves(tmp_path):
    corpus = toy_corpus()
    write_views(corpus, tmp_path)
    assert len(list((tmp_path / "entity").glob("*.html"))) == len(corpus.entities)
    assert len(list((tmp_path / "document").glob("*.html"))) == len(corpus.documents)
    assert {p.stem.rsplit("-", 1)[0] for p in (tmp_path / "property").glob("*.html")} == \
        {"blocked", "leads", "partof", "requestedremoval"}
    for page in tmp_path.rglob("*.html"):
        for ref in refs(page):
            assert not re.match(r"(?:[a-z]+:)?//", ref), (page, ref)   # nothing remote
            assert resolves(page, ref), (page, ref)
    # links in the graph data, filled in by the page's script, resolve too
    for page in tmp_path.rglob("*.html"):
        data = re.search(r'<script type="application/json" id="ag-graph">(.*?)</script>',
                         page.read_text(encoding="utf-8"), re.S)
        if not data:
            continue
        graph = json.loads(data.group(1))
        hrefs = [n["href"] for n in graph["nodes"]] + [ev["docHref"] for e in graph["edges"] for ev in e["evidence"]]
        assert hrefs and all(resolves(page, h) for h in hrefs), page


def test_entity_page_tables_every_sentence_about_it(tmp_path):
    write_views(toy_corpus(), tmp_path)
    page = next((tmp_path / "entity").glob("agency-ministry-of-harbours-*.html")).read_text(encoding="utf-8")
    table = page.split('<table class="ag-table', 1)[1]
    assert table.count("<tr>") == 1 + 3   # header, two removal requests, partOf
    assert "Officials at the ministry again told the Courier to take the report down." in table
    assert "Mira Okonjo edits" not in table


def test_no_article_string_reaches_a_page_unescaped(tmp_path):
    write_views(hostile_corpus(), tmp_path)
    pages = list(tmp_path.rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for raw in (HOSTILE, HOSTILE_SCRIPT, HREF_NAME, "</script><script>window.__pwned=4"):
            assert raw not in html, (page, raw)
        assert "<img" not in html and "javascript:" not in html.replace("javascript:window.__pwned=3", "")


def test_pyvis_html_popup_is_never_used_even_when_a_title_holds_href():
    net = offline_network(directed=True, heading=HOSTILE)
    net.add_node("a", label="a", title=HREF_NAME)
    net.add_node("b", label="b", title="plain")
    net.add_edge("a", "b", title=HOSTILE)
    html = net.generate_html()
    assert "popup.innerHTML" not in html
    assert HOSTILE not in html.split("<body>")[0].split("</script>")[-1]   # heading escaped
    assert "&lt;img src=x" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", html)


def test_links_group_sentences_and_hedging_needs_every_sentence_hedged():
    links = {(lk.subject, lk.prop, lk.object): lk for lk in corpus_links(toy_corpus())}
    removal = links[("Agency/ministry-of-harbours", "requestedRemoval", "Outlet/coastal-courier")]
    assert removal.support == 2 and removal.docs == ["d1", "d2"] and not removal.hedged
    assert links[("State/veltravia", "blocked", "Platform/chatline")].hedged


def test_metrics_degree_betweenness_and_communities():
    corpus = toy_corpus()
    m = node_metrics(corpus_graph(corpus))
    assert m["Agency/ministry-of-harbours"].degree == 2
    assert m["Place/port-aldine"].degree == 0
    # the ministry and the state sit on every path between the outlet side and the platform
    assert m["Agency/ministry-of-harbours"].betweenness > m["Person/mira-okonjo"].betweenness == 0
    assert m["State/veltravia"].betweenness > 0
    assert m["Place/port-aldine"].community != m["Agency/ministry-of-harbours"].community
    assert m["Person/mira-okonjo"].community == m["Outlet/coastal-courier"].community
    # a path Mira - Courier - Ministry - Veltravia - ChatLine: the middle is most central, the ends least
    assert top_nodes(m, 1) == ["Agency/ministry-of-harbours"]
    assert set(top_nodes(m, 3)) == {"Agency/ministry-of-harbours", "Outlet/coastal-courier", "State/veltravia"}


def test_large_layout_places_every_node_apart():
    corpus = big_corpus(1200)
    g = corpus_graph(corpus)
    m = node_metrics(g)
    pos = layout(simple_graph(g), {n: x.community for n, x in m.items()})
    assert set(pos) == set(corpus.entities)
    assert len({(round(x), round(y)) for x, y in pos.values()}) > 0.99 * len(pos)


def test_ego_layout_puts_the_entity_in_the_middle():
    pos = ego_layout("c", [f"n{i}" for i in range(40)])
    assert pos["c"] == (0.0, 0.0)
    assert len(set(pos.values())) == 41
    assert min(abs(x) + abs(y) for k, (x, y) in pos.items() if k != "c") > 50


def test_inline_view_is_one_self_contained_page():
    html = inline_view(toy_corpus())
    assert "assets/" not in html
    assert "vis.Network" in html and "ag-graph" in html
    data = json.loads(re.search(r'<script type="application/json" id="ag-graph">(.*?)</script>', html, re.S).group(1))
    assert len(data["nodes"]) == 6
    # no links to pages that do not exist beside it
    assert all(n["href"] == "" for n in data["nodes"])
    assert all(ev["docHref"] == "" for e in data["edges"] for ev in e["evidence"])
    assert 'class="ag-home"' not in html


def test_an_empty_corpus_still_gives_a_working_site(tmp_path):
    from extract.records import Corpus
    write_views(Corpus([], {}, {}, {}), tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "0 documents, 0 actors" in index
    assert (tmp_path / "network.html").is_file()


def test_a_document_page_shows_only_its_own_sentences(tmp_path):
    write_views(toy_corpus(), tmp_path)
    d1 = next((tmp_path / "document").glob("d1-*.html")).read_text(encoding="utf-8")
    assert "ordered the Coastal Courier to delete its report" in d1
    assert "told the Courier to take the report down" not in d1   # the same relation, stated in d2


def test_network_payload_styles_nodes_and_edges_by_their_data():
    from graph.views import CLASS_STYLE, build_site, network_payload, overview
    site = build_site(toy_corpus())
    data = network_payload(site, overview(site))
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {(e["from"], e["prop"], e["to"]): e for e in data["edges"]}
    ministry = nodes["Agency/ministry-of-harbours"]
    assert (ministry["color"], ministry["shape"]) == CLASS_STYLE["Agency"]
    assert ministry["value"] == 1 + 2 and ministry["degree"] == 2
    removal = edges[("Agency/ministry-of-harbours", "requestedRemoval", "Outlet/coastal-courier")]
    assert removal["value"] == 2 and removal["dashes"] is False and removal["label"] == "requestedRemoval"
    assert len(removal["evidence"]) == 2
    assert edges[("State/veltravia", "blocked", "Platform/chatline")]["dashes"] is True
    assert {c["name"] for c in data["classes"]} == {"Agency", "Outlet", "Person", "State", "Platform", "Place"}
    assert data["options"]["physics"]["enabled"] is True    # six actors: physics may settle them
    assert nodes["Place/port-aldine"]["physics"] is False   # no relation: stays in its grid


def test_views_are_the_same_whatever_the_hash_seed():
    """Rebuilding the same corpus gives the same pages: no layout depends on set order."""
    import subprocess
    import sys
    script = (
        "import sys, json, hashlib; sys.path[:0] = ['.', 'tests/views']\n"
        "from views_corpora import big_corpus\n"
        "from graph.views import build_site, overview, network_payload, property_view, entity_view\n"
        "site = build_site(big_corpus(600))\n"
        "views = [overview(site)] + [property_view(site, p) for p in sorted(site.prop_pages)]\n"
        "views += [entity_view(site, e) for e in sorted(site.corpus.entities)[:20]]\n"
        "data = [network_payload(site, v) for v in views]\n"
        "print(hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest())\n")
    root = Path(__file__).resolve().parents[2]
    digests = {subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout for seed in ("1", "2")}
    assert len(digests) == 1, digests


def test_long_evidence_tables_are_cut_and_say_so(tmp_path, monkeypatch):
    import graph.views as views
    monkeypatch.setattr(views, "ROWS_MAX", 2)
    write_views(toy_corpus(), tmp_path)
    page = next((tmp_path / "entity").glob("agency-ministry-of-harbours-*.html")).read_text(encoding="utf-8")
    assert page.split('<table class="ag-table', 1)[1].count("<tr>") == 1 + 2
    assert "first 2 of 3 sentences" in page
