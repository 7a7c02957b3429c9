"""The saved questions in data/queries: exact rows on a hand-made corpus, and every one runs on the sample build."""
from __future__ import annotations

import json
from decimal import Decimal

import pyoxigraph as ox
import pytest

from extract.aliases import norm
from graph.query import format_result, load_store, open_store, run_query, saved_queries, saved_query, select
from graph.rdf import AG, ID, corpus_to_dataset

from conftest import GOLD
from test_rdf import BUILD_INFO, small_corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("queries")
    corpus_to_dataset(small_corpus(), BUILD_INFO).serialize(out / "graph.trig", format="trig", encoding="utf-8")
    load_store(out / "graph.trig", out / "store")
    return open_store(out)


def ask(store, query_name: str, columns: list[str], **bindings) -> list[tuple]:
    rows = select(store, saved_query(query_name).text, bindings)
    return [tuple(r[c] for c in columns) for r in rows]


def test_at_least_ten_saved_queries_each_described_in_one_line():
    queries = saved_queries()
    assert len(queries) >= 10
    for q in queries:
        assert q.text.startswith("# ") and len(q.description) > 20, q.name
        ox.Store().query(q.text)   # parses on its own, with its own PREFIX lines


def test_who_blocked_whom(store):
    assert ask(store, "who_blocked_whom", ["blocker", "target", "doc", "hedged", "sentence"]) == [
        ("Borvia", "Free Wire", "a1", "false", "Borvia then cut off Free Wire."),
        ("Borvia", "North Post", "a3", "false", "Borvia shut North Post down.")]


def test_removal_requests_by_state_include_agencies_of_the_state(store):
    assert ask(store, "removal_requests_by_state", ["state", "target", "documents", "requestedBy"]) == [
        ("Arland", "Clipshare", "1", "Arland"),
        ("Arland", "Free Wire", "1", "Press Office"),
        ("Borvia", "Free Wire", "1", "Borvia")]


def test_pressure_chains(store):
    assert ask(store, "pressure_chains", ["a", "first", "b", "second", "c"]) == [
        ("Arland", "pressured", "Borvia", "blocked", "Free Wire"),
        ("Arland", "pressured", "Borvia", "requestedRemoval", "Free Wire"),
        ("Arland", "pressured", "Borvia", "blocked", "North Post")]


def test_outlets_targeted_by_two_or_more_states(store):
    rows = ask(store, "outlets_targeted_by_states", ["target", "states", "byStates"])
    assert [(t, n) for t, n, _ in rows] == [("Free Wire", "2"), ("North Post", "2")]
    assert {frozenset(s.split("; ")) for _, _, s in rows} == {frozenset({"Arland", "Borvia"})}


def test_most_central_actors(store):
    assert ask(store, "central_actors", ["actor", "degree", "documents"]) == [
        ("Arland", "4", "3"), ("Borvia", "4", "3"), ("Free Wire", "3", "2"), ("North Post", "3", "2"),
        ("Press Office", "2", "1"), ("Clipshare", "1", "1"), ("Mara Lind", "1", "1")]


def test_entity_profile_binds_the_name_as_a_value(store):
    expected = [("Free Wire", "a1", "in", "blocked", "Borvia"),
                ("Free Wire", "a1", "in", "requestedRemoval", "Press Office"),
                ("Free Wire", "a2", "in", "requestedRemoval", "Borvia")]
    cols = ["entity", "doc", "direction", "property", "other"]
    assert ask(store, "entity_profile", cols, name="free wire") == expected
    assert ask(store, "entity_profile", cols, name="FreeWire.net") == expected   # an alias works too
    # a hostile value is only ever a value: no rows, no error, nothing injected
    assert ask(store, "entity_profile", cols, name='x") } UNION { ?e ?p ?o } #') == []
    text = saved_query("entity_profile").text   # the name binds first, by its key, with no string function
    assert text.index("ag:lookupKey ?nameKey") < text.index("UNION") and "LCASE" not in text


def test_edges_resting_only_on_hedged_statements(store):
    assert ask(store, "hedged_only_edges", ["subject", "property", "object", "assertions", "docs"]) == [
        ("Arland", "threatened", "North Post", "1", "a3")]


def test_document_summaries(store):
    assert ask(store, "document_summaries", ["doc", "headline", "entities", "relations", "hedged"]) == [
        ("a1", "Headline a1", "4", "4", "0"), ("a2", "Headline a2", "6", "4", "1"), ("a3", "Headline a3", "3", "2", "1")]


def test_sources_for_one_edge(store):
    rows = ask(store, "edge_sources", ["doc", "source", "sentence", "hedged", "begin"],
               s=str(ID["State/arland"]), p=str(AG.pressured), o=str(ID["State/borvia"]))
    assert rows == [("a1", "a1.txt", "Arland leaned on Borvia for months.", "false", "0"),
                    ("a2", "a2.txt", "Reportedly, Arland squeezed Borvia again.", "true", "0")]


def test_edges_with_support(store):
    rows = ask(store, "edges_with_support", ["subject", "property", "object", "support", "docs"])
    assert len(rows) == 9
    assert rows[0][:4] == ("Arland", "pressured", "Borvia", "2")
    assert set(rows[0][4].split("; ")) == {"a1", "a2"}   # GROUP_CONCAT has no order
    assert {r[3] for r in rows[1:]} == {"1"}


def test_leaders_agencies_attribution_and_rules(store):
    assert ask(store, "leaders_and_members", ["person", "role", "organisation", "class"]) == [
        ("Mara Lind", "leads", "North Post", "Outlet")]
    assert ask(store, "state_agencies", ["state", "agency", "actions"]) == [
        ("Arland", "Press Office", "requestedRemoval Free Wire")]
    assert ask(store, "attributed_claims", ["saidBy", "subject", "property", "object", "doc"]) == [
        ("Mara Lind", "Arland", "threatened", "North Post", "a3")]
    rules = ask(store, "edges_by_rule", ["rule", "assertions", "meanConfidence"])
    assert rules[0] == ("test.requestedRemoval.v1", "3", "0.9")
    assert {r[0]: Decimal(r[2]) for r in rules}["test.threatened.v1"] == Decimal("0.6")


def test_cli_query_with_bind(store, tmp_path):
    from click.testing import CliRunner
    from actorgraph.cli import main
    out = tmp_path / "out"
    out.mkdir()
    corpus_to_dataset(small_corpus(), BUILD_INFO).serialize(out / "graph.trig", format="trig", encoding="utf-8")
    load_store(out / "graph.trig", out / "store")
    result = CliRunner().invoke(main, ["query", str(out), "--file", str(saved_query("entity_profile").path),
                                       "--bind", "name=Mara Lind", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["direction"], r["property"], r["other"]) for r in rows] == [("out", "leads", "North Post")]


# ---------------------------------------------------------------- the sample corpus

def sample_bindings(store) -> dict[str, dict]:
    edge = select(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?a a ag:Assertion ; rdf:subject ?s ; "
                         "rdf:predicate ?p ; rdf:object ?o } } LIMIT 1")
    edge = edge[0] if edge else {"s": str(ID["none"]), "p": str(AG.blocked), "o": str(ID["none"])}
    return {"entity_profile": {"name": "Kazakhstan"}, "edge_sources": edge}


def test_every_saved_query_runs_on_the_sample_build(sample_build):
    store = open_store(sample_build)
    binds = sample_bindings(store)
    for q in saved_queries():
        result = run_query(store, q.text, binds.get(q.name))
        format_result(result, "table")   # iterates every row


def produced_gold_relations(store) -> list[dict]:
    """Gold relations the sample build currently states (same labels, property and document)."""
    edges = select(store, """SELECT ?sl ?p ?ol ?doc ?s ?o WHERE {
        GRAPH ?g { ?s ?p ?o . ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
        ?g dcterms:identifier ?doc . ?s rdfs:label ?sl . ?o rdfs:label ?ol }""")
    index = {(norm(e["sl"]), e["p"].rsplit("#", 1)[-1], norm(e["ol"]), e["doc"]): e for e in edges}
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["relations"]
    return [index[k] for k in ((norm(r["s"]), r["p"], norm(r["o"]), r["doc"]) for r in gold) if k in index]


def test_saved_queries_find_the_gold_relations_the_build_produces(sample_build):
    store = open_store(sample_build)
    produced = produced_gold_relations(store)
    supported = {(r["subject"], r["property"], r["object"]) for r in
                 select(store, saved_query("edges_with_support").text)}
    docs = {r["doc"] for r in select(store, saved_query("document_summaries").text)}
    assert len(docs) == 5
    for e in produced:
        prop = e["p"].rsplit("#", 1)[-1]
        assert (e["sl"], prop, e["ol"]) in supported
        profile = select(store, saved_query("entity_profile").text, {"name": e["sl"]})
        assert any(r["direction"] == "out" and r["property"] == prop and r["other"] == e["ol"]
                   and r["doc"] == e["doc"] for r in profile), e
        sources = select(store, saved_query("edge_sources").text, {"s": e["s"], "p": e["p"], "o": e["o"]})
        assert e["doc"] in {r["doc"] for r in sources}
        if prop == "blocked":
            assert (e["sl"], e["ol"], e["doc"]) in {(r["blocker"], r["target"], r["doc"]) for r in
                                                    select(store, saved_query("who_blocked_whom").text)}
        if prop in ("leads", "memberOf", "wroteFor"):
            assert (e["sl"], prop, e["ol"]) in {(r["person"], r["role"], r["organisation"]) for r in
                                                select(store, saved_query("leaders_and_members").text)}
        if prop == "partOf" and classes_of(store, e["s"]) == {"Agency"} and classes_of(store, e["o"]) == {"State"}:
            assert (e["ol"], e["sl"]) in {(r["state"], r["agency"]) for r in
                                          select(store, saved_query("state_agencies").text)}
        if prop == "requestedRemoval":
            states = {r["l"] for r in select(store, STATES_OF, {"x": e["s"]})}
            rows = {(r["state"], r["target"]) for r in select(store, saved_query("removal_requests_by_state").text)}
            assert {(st, e["ol"]) for st in states} <= rows


STATES_OF = """SELECT ?x ?l WHERE {
  { ?x a ag:State . BIND(?x AS ?st) } UNION { GRAPH ?g { ?x ag:partOf ?st } ?st a ag:State }
  ?st rdfs:label ?l }"""


def classes_of(store, iri: str) -> set[str]:
    return {r["c"].rsplit("#", 1)[-1] for r in select(store, "SELECT ?x ?c WHERE { ?x a ?c }", {"x": iri})}
