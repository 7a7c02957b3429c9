"""The query layer: the edge layer's facts, name lookup keys, and the rewritten saved queries answering
exactly what the queries before the layer answered on the sample corpus."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from extract.records import Corpus, Document, Entity, Relation
from graph.edges import EDGES_GRAPH, corpus_edges, edge_iri
from graph.lookup import keyed_bindings, lookup_key
from graph.query import open_store, saved_queries, saved_query, select
from graph.rdf import corpus_to_dataset

DATA = Path(__file__).resolve().parent / "data"
SAVED = json.loads((DATA / "saved_answers.json").read_text(encoding="utf-8"))
CONCAT = {"docs", "byStates", "requestedBy", "actions"}   # GROUP_CONCAT columns: their order is not defined


def normalised(rows: list[dict], columns: list[str]) -> list[tuple]:
    def cell(row, c):
        value = row.get(c)
        if c in CONCAT and value:
            return "; ".join(sorted(value.split("; ")))
        return "" if value is None else value
    return sorted(tuple(cell(r, c) for c in columns) for r in rows)


@pytest.fixture(scope="module")
def sample_store(sample_build):
    return open_store(sample_build)


@pytest.mark.parametrize("name", sorted(SAVED))
def test_saved_query_answers_what_it_answered_before_the_edge_layer(sample_store, name):
    """saved_answers.json was written by capture_answers.py on a build of data/articles by the code and
    queries before the layer; the rewritten query must give the same rows (its own extra columns aside)."""
    want = SAVED[name]
    rows = select(sample_store, saved_query(name).text, want["bindings"])
    columns = sorted(want["rows"][0]) if want["rows"] else []
    assert want["rows"], f"{name}: the fixture should have rows to compare"
    assert normalised(rows, columns) == normalised(want["rows"], columns)


@pytest.mark.parametrize("query", [q for q in saved_queries(DATA / "queries_v1")], ids=lambda q: q.name)
def test_saved_query_equals_the_query_before_the_edge_layer_on_todays_build(sample_store, query):
    """The same comparison against the old text run on the current build, so a change in extraction
    (a different sample graph) cannot hide a difference between the old and the new query."""
    binds = SAVED[query.name]["bindings"]
    old = select(sample_store, query.text, binds)
    new = select(sample_store, saved_query(query.name).text, binds)
    columns = sorted(old[0]) if old else []
    assert normalised(new, columns) == normalised(old, columns)


def test_the_sample_build_has_one_edge_node_per_distinct_triple(sample_store):
    triples = {tuple(r.values()) for r in select(sample_store, """
        SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?a a ag:Assertion ; rdf:subject ?s ; rdf:predicate ?p ;
                                                        rdf:object ?o } }""")}
    edges = {tuple(r.values()) for r in select(sample_store, """
        SELECT ?s ?p ?o WHERE { GRAPH ?edges { ?e a ag:Edge ; ag:edgeSubject ?s ; ag:edgeProperty ?p ;
                                                   ag:edgeObject ?o } }""")}
    assert triples and edges == triples


def rel(s, p, o, start, hedged=False, conf=0.9, rule="test.v1"):
    return Relation(s, p, o, "A sentence.", start, start + 11, rule, conf, hedged)


def dated_corpus() -> Corpus:
    docs = [Document("d1", "d1.txt", "x" * 80, date="2021-03-04"), Document("d2", "d2.txt", "x" * 80, date="2019-05-06"),
            Document("d3", "d3.txt", "x" * 80, date="June 2015")]
    event = rel("State/borvia", "blocked", "Outlet/free-wire", 40, hedged=True, conf=0.5)
    event.date = "2018-07"   # an assertion dated by its text (ag:eventDate) wins over its document's
    relations = {"d1": [rel("State/borvia", "blocked", "Outlet/free-wire", 0, hedged=True, conf=0.61),
                        rel("State/borvia", "blocked", "Outlet/free-wire", 0, hedged=True, rule="other.v1"),
                        rel("State/borvia", "blocked", "Outlet/free-wire", 20, conf=0.7)],
                 "d2": [event],
                 "d3": [rel("State/borvia", "pressured", "Person/jose-peres", 0, hedged=True)]}
    ents = {"State/borvia": Entity("State/borvia", "Borvia", "State", {"Borvia"}, {"d1", "d2", "d3"}),
            "Outlet/free-wire": Entity("Outlet/free-wire", "Free Wire", "Outlet", {"FREE WIRE"}, {"d1", "d2"}),
            "Person/jose-peres": Entity("Person/jose-peres", "José Peres", "Person", {"J. Peres"}, {"d3"})}
    return Corpus(docs, ents, relations, {d.doc_id: [] for d in docs})


def test_edge_facts_sum_the_documents_and_take_event_dates_first():
    edges = corpus_edges(dated_corpus())
    blocked = edges[("State/borvia", "blocked", "Outlet/free-wire")]
    assert blocked.support == 2 and sorted(blocked.parts) == ["d1", "d2"]
    assert sum(len(p.sentences) for p in blocked.parts.values()) == 3      # (0, 11) twice by two rules is one sentence
    assert sum(len(p.assertions) for p in blocked.parts.values()) == 4
    store = ox.Store()
    store.extend(ox.parse(corpus_to_dataset(dated_corpus()).serialize(format="nquads"), format=ox.RdfFormat.N_QUADS))
    row, = select(store, """SELECT ?e ?g ?support ?sentences ?n ?conf ?hedgedOnly ?first ?last (DATATYPE(?first) AS ?t)
        WHERE { GRAPH ?g { ?e ag:support ?support ; ag:sentenceCount ?sentences ; ag:assertionCount ?n ;
                ag:maxConfidence ?conf ; ag:hedgedOnly ?hedgedOnly ; ag:firstDate ?first ; ag:lastDate ?last } }""",
                  {"e": str(edge_iri(("State/borvia", "blocked", "Outlet/free-wire"))),
                   "g": str(EDGES_GRAPH)})
    assert (row["support"], row["sentences"], row["n"], row["conf"], row["hedgedOnly"]) == ("2", "3", "4", "0.9", "false")
    assert (row["first"], row["last"]) == ("2018-07", "2021-03-04")
    assert row["t"] == "http://www.w3.org/2001/XMLSchema#gYearMonth"
    # only hedged statements, and a document date that is not ISO: hedged only, no dates
    pressured, = select(store, """SELECT ?e ?g ?h ?first WHERE { GRAPH ?g { ?e ag:hedgedOnly ?h OPTIONAL { ?e ag:firstDate ?first } } }""",
                        {"e": str(edge_iri(("State/borvia", "pressured", "Person/jose-peres"))), "g": str(EDGES_GRAPH)})
    assert pressured == {"h": "true", "first": None, "e": pressured["e"], "g": str(EDGES_GRAPH)}


def test_edges_are_updated_by_removing_and_adding_one_documents_part():
    from graph.edges import add_parts, doc_parts, remove_doc
    corpus = dated_corpus()
    edges = corpus_edges(corpus)
    d2 = corpus.documents[1]
    remove_doc(edges, "d2", doc_parts(d2, corpus.relations["d2"]))
    without = Corpus([corpus.documents[0], corpus.documents[2]], corpus.entities,
                     {k: v for k, v in corpus.relations.items() if k != "d2"}, {})
    assert edges == corpus_edges(without)
    add_parts(edges, "d2", doc_parts(d2, corpus.relations["d2"]))
    assert {k: sorted(e.parts) for k, e in edges.items()} == {k: sorted(e.parts) for k, e in corpus_edges(corpus).items()}


def test_lookup_key_folds_case_width_and_diacritics():
    assert lookup_key("José  PERES") == lookup_key("jose peres") == lookup_key("Ｊｏｓｅ Peres") == "jose peres"
    assert lookup_key("Straße") == "strasse"
    assert keyed_bindings("SELECT ?name ?nameKey WHERE {}", {"name": "José"}) == {"name": "José", "nameKey": "jose"}
    assert keyed_bindings("SELECT ?name WHERE {}", {"name": "José"}) == {"name": "José"}   # no key asked for


def test_entity_profile_finds_a_name_by_its_key_and_binds_hostile_values_as_values(tmp_path):
    store = ox.Store()
    store.extend(ox.parse(corpus_to_dataset(dated_corpus()).serialize(format="nquads"), format=ox.RdfFormat.N_QUADS))
    text = saved_query("entity_profile").text
    for name in ("José Peres", "JOSE PERES", "j. peres"):
        rows = select(store, text, {"name": name})
        assert [(r["entity"], r["direction"], r["property"], r["other"]) for r in rows] == \
            [("José Peres", "in", "pressured", "Borvia")], name
    assert select(store, text, {"name": 'x" } UNION { ?e ?p ?o } #'}) == []
    assert "LCASE" not in text and "FILTER" not in text


@pytest.mark.parametrize("query", saved_queries(), ids=lambda q: q.name)
def test_saved_query_is_plain_sparql_1_1(query):
    """`actorgraph push` fills stores without Oxigraph's extensions (Fuseki, GraphDB): a saved query must
    parse as SPARQL 1.1 (rdflib's parser has no LATERAL) and so must not need them."""
    from rdflib.plugins.sparql import prepareQuery
    from graph.rdf import PREFIXES
    assert "LATERAL" not in query.text.upper()
    prepareQuery(query.text, initNs=dict(PREFIXES))
