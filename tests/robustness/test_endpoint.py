"""Regression tests for the SPARQL endpoint's hardening, over real HTTP: localhost, read-only, timeout,
result cap, body cap, malformed SPARQL -> 400, hostile values bound."""
from __future__ import annotations

import httpx
import pytest

from actorgraph.cli import main
from graph.build import write_outputs
from graph.serve import make_server, serve_in_thread
from test_hostile_text import HOSTILE_NAME, IMG, hostile_corpus

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?t }"
JSON = {"Accept": "application/sparql-results+json"}
MAX_ROWS, MAX_BODY, TIMEOUT = 5, 2000, 2.0


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("endpoint") / "out"
    out.mkdir()
    write_outputs(hostile_corpus(), out)
    return out


@pytest.fixture(scope="module")
def client(out_dir):
    server, _ = serve_in_thread(out_dir, timeout=TIMEOUT, max_rows=MAX_ROWS, max_body=MAX_BODY, workers=1,
                                quiet=True)
    host, port = server.server_address[:2]
    with httpx.Client(base_url=f"http://{host}:{port}", timeout=60) as c:
        yield c
    server.shutdown()
    server.server_close()


def count(client) -> int:
    r = client.get("/sparql", params={"query": COUNT}, headers=JSON)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_listens_on_localhost_by_default(out_dir):
    server = make_server(out_dir, port=0, workers=1, quiet=True)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
    host = next(p for p in main.commands["serve"].params if p.name == "host")
    assert host.default in ("127.0.0.1", "localhost", "::1")


@pytest.mark.parametrize("how", ["update-body", "update-form", "update-param", "put", "delete"])
def test_updates_are_refused_and_change_nothing(client, how):
    before = count(client)
    drop = "DROP ALL"
    if how == "update-body":
        r = client.post("/sparql", content=drop, headers={"Content-Type": "application/sparql-update"})
    elif how == "update-form":
        r = client.post("/sparql", data={"update": drop})
    elif how == "update-param":
        r = client.get("/sparql", params={"update": drop})
    elif how == "put":
        r = client.put("/sparql", content=b"<a:b> <a:c> <a:d> .")
    else:
        r = client.delete("/sparql")
    assert r.status_code in (403, 405), (r.status_code, r.text)
    r = client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"}, headers=JSON)
    assert r.status_code == 400
    assert count(client) == before > 0


def test_malformed_sparql_gets_400_with_a_message(client):
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y "}, headers=JSON)
    assert r.status_code == 400
    assert "syntax" in r.text.lower() and len(r.text) < 2000


def test_results_are_capped(client):
    r = client.get("/sparql", params={"query": ALL}, headers=JSON)
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    assert r.headers.get("X-Result-Truncated") == "true"


def test_oversized_body_is_rejected(client):
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_BODY * 2)
    r = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 413
    assert count(client) > 0   # the server still answers


def test_runaway_query_is_cut_at_the_timeout_and_the_server_recovers(client):
    r = client.get("/sparql", params={"query": SLOW}, headers=JSON)
    assert r.status_code == 503
    assert "timeout" in r.text
    assert count(client) > 0


def test_federated_query_is_refused(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"},
                   headers=JSON)
    assert r.status_code == 400 and "SERVICE" in r.text


def test_hostile_value_is_bound_on_the_query_page(client):
    name = HOSTILE_NAME.split("\n")[0]   # the page takes one name=value a line
    query = "SELECT ?name ?e WHERE { ?e rdfs:label ?l . FILTER(STRSTARTS(?l, ?name)) }"
    r = client.get("/", params={"query": query, "bind": f"name={name}"})
    assert r.status_code == 200
    assert "1 rows" in r.text and "ivan-petrov" in r.text
    assert IMG not in r.text


def test_article_markup_is_escaped_on_the_query_page(client):
    r = client.get("/", params={"query": "SELECT ?l WHERE { ?e rdfs:label ?l }"})
    assert r.status_code == 200
    assert "&lt;img src=x" in r.text and IMG not in r.text
