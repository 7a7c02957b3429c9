"""Listing queries read one page (graph/listings.py): every page together is the whole answer of the query
before paging (tests/graph/data/queries_v1), in its order, and page 1 is its first rows."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from extract.records import Corpus, Relation
from graph.listings import PAGE_SIZE, pages
from graph.query import run_query, saved_queries, saved_query, select
from graph.rdf import corpus_to_dataset

ROOT = Path(__file__).resolve().parents[2]
V1 = Path(__file__).resolve().parent / "data" / "queries_v1"
CONCAT = {"docs", "byStates", "requestedBy", "actions"}   # GROUP_CONCAT: no defined order inside
PAGED = sorted(q.name for q in saved_queries() if "?page" in q.text)
REORDERED: set[str] = set()   # a listing whose pages are not in the old order (none since row nodes)


def order_columns(text: str) -> list[str]:
    return re.findall(r"\?(\w+)", text[text.rindex("ORDER BY"):])


@pytest.fixture(scope="module")
def big_store():
    """A generated corpus (bench/sparql.py's records) large enough for several pages of each listing."""
    sys.path.insert(0, str(ROOT / "bench"))
    from sparql import synthetic_corpus_parts
    docs, rels, ents = [], {}, {}
    for part in synthetic_corpus_parts(260, seed=3):
        docs += part.documents
        rels.update(part.relations)
        ents.update(part.entities)
    # the generator's pressured objects never block anyone: a few agencies that block are pressured too,
    # so pressure_chains has pages to read
    blockers = sorted({r.subject for rs in rels.values() for r in rs if r.prop == "blocked" and r.subject.startswith("Agency/")})
    states = sorted(e for e in ents if e.startswith("State/"))
    for i, doc in enumerate(docs[:150]):
        rels[doc.doc_id].append(Relation(states[i % len(states)], "pressured", blockers[i % len(blockers)],
                                         "x", 10_000 + i, 10_001 + i, "dep.svo.v1", 0.8))
    corpus = Corpus(docs, ents, rels, {d.doc_id: [] for d in docs})
    store = ox.Store()
    store.extend(ox.parse(corpus_to_dataset(corpus).serialize(format="nquads"), format=ox.RdfFormat.N_QUADS))
    return store


def cells(row: dict, columns: list[str]) -> tuple:
    return tuple("; ".join(sorted(row[c].split("; "))) if c in CONCAT and row.get(c) else row.get(c) or ""
                 for c in columns)


def test_pages_hold_size_rows_and_never_split_a_key():
    ordered = [("a", 1, 1), ("b", 2, 1), ("b", 3, 1), ("c", 4, 5), ("d", 5, 1)]
    assert pages(ordered, size=2) == {1: 1, 2: 1, 3: 1, 4: 2, 5: 3}


def test_page_is_bound_as_a_number_one_unless_given(big_store):
    text = saved_query("edges_with_support").text
    first = select(big_store, text)
    assert first and {r["page"] for r in first} == {"1"}
    assert {r["page"] for r in select(big_store, text, {"page": "2"})} == {"2"}
    with pytest.raises(ValueError):
        run_query(big_store, text, {"page": '1" } #'})


@pytest.mark.parametrize("name", PAGED)
def test_the_pages_together_are_the_answer_before_paging(big_store, name):
    old_text = (V1 / f"{name}.rq").read_text(encoding="utf-8")
    old = select(big_store, old_text)
    columns = sorted(old[0])
    text = saved_query(name).text
    rows, page = [], 1
    while batch := select(big_store, text, {"page": str(page)}):
        assert len({cells(r, columns[:0] + order_columns(text)) for r in batch}) <= PAGE_SIZE or \
            name in {"who_blocked_whom", "pressure_chains"}, name
        rows += batch
        page += 1
    assert len(old) > PAGE_SIZE or page > 1, f"{name}: the corpus should need more than one page"
    assert sorted(cells(r, columns) for r in rows) == sorted(cells(r, columns) for r in old)
    if name not in REORDERED:   # in the old order: page 1 is the old answer's first rows (ties aside)
        keys = order_columns(old_text)
        assert [cells(r, keys) for r in rows] == [cells(r, keys) for r in old]


def test_rows_of_two_entities_with_one_label_count_each_document_once():
    """Two agencies named alike, part of two states, ask for the same outlet's content in three documents
    (one document names both): the support, removal and state_agencies rows are joined over both edges."""
    from extract.records import Document
    from graph.edges import add_parts, doc_parts
    from graph.listings import listing_triples
    from graph.rdf import AG, entity_iri

    def rel(s, p, o):
        return Relation(s, p, o, "s", 0, 1, "r", 0.5)
    docs = {"d1": [rel("Agency/a1", "requestedRemoval", "Outlet/o")],
            "d2": [rel("Agency/a2", "requestedRemoval", "Outlet/o"), rel("Agency/a1", "requestedRemoval", "Outlet/o")],
            "d3": [rel("Agency/a2", "requestedRemoval", "Outlet/o"), rel("Agency/a1", "partOf", "State/x"),
                   rel("Agency/a2", "partOf", "State/x"), rel("Agency/a2", "partOf", "State/y"),
                   rel("Agency/a1", "blocked", "Outlet/o")]}
    edges = {}
    for doc_id, relations in docs.items():
        add_parts(edges, doc_id, doc_parts(Document(doc_id, doc_id, ""), relations))
    labels = {"Agency/a1": "Ministry", "Agency/a2": "Ministry", "Outlet/o": "Wire", "State/x": "X", "State/y": "Y"}
    classes = {"Agency/a1": "Agency", "Agency/a2": "Agency", "Outlet/o": "Outlet", "State/x": "State", "State/y": "State"}
    triples = list(listing_triples(edges, labels, classes))

    def values(pred):
        return sorted(str(o) for _, p, o in triples if p == pred)
    # both requestedRemoval edges are one row (d1, d2, d3); the partOf and blocked edges are stated in d3 only
    assert values(AG.supportDocuments) == ["1"] * 4 + ["3"] * 2
    assert values(AG.supportDocumentIds) == ["d1; d2; d3"] * 2 + ["d3"] * 4
    assert values(AG.removalDocuments) == ["2", "3"]   # (Y, Wire): a2's d2, d3; (X, Wire): both agencies
    assert values(AG.removalRequesters) == ["Ministry", "Ministry"]
    assert values(AG.rowState) == sorted(str(entity_iri(e)) for e in ("State/x", "State/y"))
    # (X, Ministry) on both its partOf edges: what a1 and a2 did; (Y, Ministry): a2 alone
    assert values(AG.agencyActions) == ["blocked Wire; requestedRemoval Wire"] * 2 + ["requestedRemoval Wire"]
