"""The read-only SPARQL endpoint, over real HTTP with httpx."""
from __future__ import annotations

import csv
import html
import io
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.query import load_store
from graph.rdf import AG, ID, corpus_to_dataset, doc_iri
from graph.serve import serve_in_thread
from graph.sparql_request import accepted_types, uses_service

from test_rdf import BUILD_INFO, small_corpus

NASTY = '<img src=x onerror="alert(1)">'
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
STATES = "SELECT ?l WHERE { ?e a ag:State ; rdfs:label ?l } ORDER BY ?l"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("served")
    ds = corpus_to_dataset(small_corpus(), BUILD_INFO)
    odd = ID["Organization/odd"]
    ds.default_graph.add((odd, RDF.type, AG.Organization))
    ds.default_graph.add((odd, RDFS.label, Literal(NASTY)))
    ds.serialize(out / "graph.trig", format="trig", encoding="utf-8")
    load_store(out / "graph.trig", out / "store")
    (out / "index.html").write_text("<!doctype html><title>views</title>", encoding="utf-8")
    (out / "cache").mkdir()
    (out / "cache" / "secret.json").write_text("{}", encoding="utf-8")
    for folder, name in (("assets", "views.js"), ("entity", "State Kazakhstan.html")):
        (out / folder).mkdir()
        (out / folder / name).write_text("x", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def endpoint(out_dir):
    server, thread = serve_in_thread(out_dir, timeout=2.0, max_rows=50, max_body=4000, workers=1, quiet=True)
    host, port = server.server_address[:2]
    with httpx.Client(base_url=f"http://{host}:{port}", timeout=30) as client:
        yield client
    server.shutdown()
    server.server_close()


def select_json(client, query, **params):
    r = client.get("/sparql", params={"query": query, **params},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    data = r.json()
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def count_all(client) -> int:
    return int(select_json(client, COUNT_ALL)[0]["n"])


def test_get_select_answers_in_sparql_json(endpoint):
    assert [r["l"] for r in select_json(endpoint, STATES)] == ["Arland", "Borvia"]


def test_post_as_sparql_query_and_as_form(endpoint):
    r = endpoint.post("/sparql", content=STATES.encode(), headers={"Content-Type": "application/sparql-query",
                                                                  "Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [["l"], ["Arland"], ["Borvia"]]
    r = endpoint.post("/sparql", data={"query": STATES}, headers={"Accept": "application/sparql-results+xml"})
    assert r.status_code == 200
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    values = [e.text for e in ET.fromstring(r.content).findall(".//s:literal", ns)]
    assert values == ["Arland", "Borvia"]


def test_tsv_and_format_parameter(endpoint):
    r = endpoint.get("/sparql", params={"query": STATES, "format": "tsv"})
    assert r.status_code == 200
    assert r.text.splitlines() == ["?l", '"Arland"', '"Borvia"']


def test_the_default_graph_is_the_union_unless_one_is_named(endpoint):
    q = "SELECT ?o WHERE { ?s ag:blocked ?o } ORDER BY ?o"
    assert len(select_json(endpoint, q)) == 2
    only_a3 = select_json(endpoint, q, **{"default-graph-uri": str(doc_iri("a3"))})
    assert [r["o"] for r in only_a3] == [str(ID["Outlet/north-post"])]


def test_ask_and_construct(endpoint):
    r = endpoint.get("/sparql", params={"query": "ASK { ?s ag:leads ?o }"}, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    r = endpoint.get("/sparql", params={"query": "CONSTRUCT { ?s ag:blocked ?o } WHERE { ?s ag:blocked ?o }"},
                     headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) == 2


def test_updates_are_refused_and_change_nothing(endpoint):
    before = count_all(endpoint)
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    r = endpoint.post("/sparql", content=insert.encode(), headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    r = endpoint.post("/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 403
    r = endpoint.get("/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 403
    r = endpoint.post("/update", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    r = endpoint.get("/sparql", params={"query": insert})   # an update sent as a query does not parse
    assert r.status_code == 400
    r = endpoint.put("/sparql", content=b"<urn:a> <urn:b> <urn:c> .")
    assert r.status_code == 403
    assert count_all(endpoint) == before > 0


def test_malformed_sparql_is_a_400_with_a_message(endpoint):
    r = endpoint.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    assert "syntax" in r.text.lower()
    r = endpoint.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400


def test_a_slow_query_is_cancelled_and_the_server_keeps_answering(endpoint):
    r = endpoint.get("/sparql", params={"query": SLOW})
    assert r.status_code == 503
    assert "timeout" in r.text
    assert [x["l"] for x in select_json(endpoint, STATES)] == ["Arland", "Borvia"]


def test_results_are_capped_and_flagged(endpoint):
    r = endpoint.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 50
    assert r.headers["x-result-truncated"] == "true"
    small = endpoint.get("/sparql", params={"query": STATES})
    assert "x-result-truncated" not in small.headers


def test_a_body_over_the_cap_is_refused(endpoint):
    big = STATES + " #" + "x" * 5000
    r = endpoint.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert [x["l"] for x in select_json(endpoint, STATES)] == ["Arland", "Borvia"]


def test_service_is_refused_but_the_word_in_a_string_is_not(endpoint):
    r = endpoint.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "SERVICE" in r.text
    q = 'SELECT ?x WHERE { BIND("customer service" AS ?x) } # SERVICE in a comment'
    assert select_json(endpoint, q) == [{"x": "customer service"}]


def test_views_and_exports_are_served_but_nothing_else(endpoint):
    assert endpoint.get("/index.html").status_code == 200
    r = endpoint.get("/assets/views.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert endpoint.get("/entity/State%20Kazakhstan.html").status_code == 200
    r = endpoint.get("/graph.trig")
    assert r.status_code == 200 and "ag:" in r.text
    for path in ("/cache/secret.json", "/store/CURRENT", "/%2e%2e/etc/passwd", "/nope.html"):
        assert endpoint.get(path).status_code == 404, path
    # httpx normalises dot segments, so send this one raw
    host, port = endpoint.base_url.host, endpoint.base_url.port
    with socket.create_connection((host, port)) as s:
        s.sendall(b"GET /../graph.trig HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
        assert reply.startswith(b"HTTP/1.1 404")


def test_query_page_runs_queries_and_escapes_everything(endpoint):
    r = endpoint.get("/", params={"query": "SELECT ?l WHERE { ?e a ag:Organization ; rdfs:label ?l } "
                                           "# </textarea><script>x</script>"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script>" not in r.text and "<img" not in r.text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in r.text
    assert "script-src" not in r.headers["content-security-policy"]   # no scripts at all
    page = endpoint.get("/", params={"saved": "who_blocked_whom"})
    assert "ag:blocked" in page.text and "who_blocked_whom" in page.text
    bad = endpoint.get("/", params={"query": "SELEKT"})
    assert bad.status_code == 200 and 'class="error"' in bad.text


def test_service_description_and_csv_download_link(endpoint):
    r = endpoint.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, RDF.type, URIRef(sd + "Service")) in g
    assert (None, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in g
    page = endpoint.get("/", params={"query": STATES})
    link = re.search(r'href="(/sparql\?[^"]+format=csv)"', page.text).group(1)
    csv_text = endpoint.get(html.unescape(link)).text
    assert csv_text.splitlines() == ["l", "Arland", "Borvia"]


def test_query_page_binds_values(endpoint):
    from graph.query import saved_query
    page = endpoint.get("/", params={"query": saved_query("entity_profile").text, "bind": "name=north post"})
    assert page.status_code == 200
    assert "Mara Lind" in page.text and "3 rows" in page.text
    bad = endpoint.get("/", params={"query": STATES, "bind": "not a binding"})
    assert 'class="error"' in bad.text


def test_requests_for_other_host_names_are_refused(endpoint):
    # a page on another domain re-pointed at 127.0.0.1 (DNS rebinding) sends its own Host header
    r = endpoint.get("/sparql", params={"query": STATES}, headers={"Host": "evil.example:7878"})
    assert r.status_code == 403
    r = endpoint.get("/sparql", params={"query": STATES, "format": "json"}, headers={"Host": "localhost:1234"})
    assert r.status_code == 200


def test_accept_header_ranking_and_service_detection():
    assert accepted_types("text/csv;q=0.5, application/sparql-results+json", None)[0] == \
        "application/sparql-results+json"
    assert accepted_types(None, "csv") == ["text/csv"]
    assert uses_service("select * { service <x> {} }")
    assert not uses_service("select ?service { ?s ex:service ?service }")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_serve_starts_a_server_process(out_dir):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "actorgraph.cli", "serve", str(out_dir), "--port", str(port),
                             "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        answer = None
        for _ in range(200):   # wait for the port to open (startup speed is not what is tested)
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": STATES, "format": "json"})
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        assert answer is not None, proc.stderr.read().decode()
        assert [b["l"]["value"] for b in answer.json()["results"]["bindings"]] == ["Arland", "Borvia"]
    finally:
        proc.terminate()
        proc.wait(10)


def write_build(out, corpus) -> None:
    out.mkdir(parents=True)
    corpus_to_dataset(corpus, BUILD_INFO).serialize(out / "graph.trig", format="trig", encoding="utf-8")
    load_store(out / "graph.trig", out / "store")


def test_a_rebuild_is_served_without_a_restart(tmp_path):
    import os
    out = tmp_path / "out"
    write_build(out, small_corpus())
    server, _ = serve_in_thread(out, workers=1, quiet=True)
    host, port = server.server_address[:2]
    try:
        with httpx.Client(base_url=f"http://{host}:{port}", timeout=30) as client:
            assert [r["l"] for r in select_json(client, STATES)] == ["Arland", "Borvia"]
            changed = small_corpus()
            changed.entities["State/borvia"].label = "Borvia Republic"
            write_build(tmp_path / "new", changed)
            os.replace(out, tmp_path / "old")          # what graph.build.swap_in does
            os.replace(tmp_path / "new", out)
            assert [r["l"] for r in select_json(client, STATES)] == ["Arland", "Borvia Republic"]
    finally:
        server.shutdown()
        server.server_close()
