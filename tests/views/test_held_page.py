"""OUT/held.html lists the edges the scorer held back, escaped, with the attributes review mode
needs to accept one; the index links to it."""
from __future__ import annotations

import csv

from extract.records import Corpus, Document, Entity, Relation
from graph.held_page import held_html, held_rows


def corpus_with_held() -> Corpus:
    ents = {"State/a": Entity("State/a", "Arland", "State"), "Outlet/b": Entity("Outlet/b", "Bee <News>", "Outlet"),
            "Outlet/c": Entity("Outlet/c", "Cee", "Outlet")}
    weak = Relation("State/a", "blocked", "Outlet/b", "Arland <script>alert(1)</script> may block Bee.", 0, 40,
                    "dep.block.verb.v1", 0.12)
    strong = Relation("State/a", "blocked", "Outlet/c", "Arland blocked Cee.", 50, 69, "dep.block.verb.v1", 0.31)
    gone = Relation("State/a", "blocked", "Outlet/x", "an entity that did not survive the merge", 0, 9, "r", 0.9)
    return Corpus([Document("d1", "d1.txt", "...")], ents, {"d1": []}, {"d1": []},
                  held={"d1": [weak, strong, gone]})


def test_held_edges_are_listed_strongest_first_and_escaped():
    corpus = corpus_with_held()
    rows = held_rows(corpus, {"State/a": "entity/a.html"}, {"d1": "doc/d1.html"})
    assert [(r["o_id"], r["confidence"]) for r in rows] == [("Outlet/c", 0.31), ("Outlet/b", 0.12)]
    page = held_html(corpus, {"State/a": "entity/a.html"}, {"d1": "doc/d1.html"})
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Bee &lt;News&gt;" in page and "Bee <News>" not in page
    # review mode decorates exactly these cells with accept buttons
    assert page.count('data-s="State/a" data-p="blocked"') == 2 and 'data-o="Outlet/c" data-doc="d1"' in page
    assert '<a href="doc/d1.html">d1</a>' in page and "2 edges the rules proposed" in page
    assert "Outlet/x" not in page


def test_the_build_writes_held_page_and_index_links_it(sample_build):
    index = (sample_build / "index.html").read_text(encoding="utf-8")
    assert 'id="ag-held-link" href="held.html"' in index
    page = (sample_build / "held.html").read_text(encoding="utf-8")
    assert "Edges held back by the scorer" in page
    with open(sample_build / "held.csv", encoding="utf-8", newline="") as f:   # a sentence may hold a line break
        n_csv = sum(1 for _ in csv.DictReader(f))
    assert page.count('<tr class="ag-held">') == min(n_csv, 2000)
