"""`actorgraph push`: a build loaded into a real Oxigraph server over the Graph Store Protocol."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from graph.push import PushError, push_dataset

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def oxigraph_binary() -> str:
    """The `oxigraph` server from the PyPI package `oxigraph` (requirements.lock), next to this Python."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server is not installed: pip install -r requirements.lock"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def remote(base: str, query: str) -> list[dict]:
    r = httpx.post(base + "/query", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def local_quads(trig: Path) -> list:
    return list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))


def test_push_loads_every_graph_and_a_second_push_replaces_rather_than_adds(server, sample_build):
    trig = sample_build / "graph.trig"
    quads = local_quads(trig)
    report = push_dataset(trig, server + "/store")
    assert report.triples == len(quads)
    assert int(remote(server, COUNT)[0]["n"]) == len(quads)
    named = {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert {row["g"] for row in remote(server, GRAPHS)} == named
    assert report.graphs == len(named) + 1

    push_dataset(trig, server + "/store")
    assert int(remote(server, COUNT)[0]["n"]) == len(quads)


def test_pushed_evidence_is_queryable_on_the_server(server, sample_build):
    push_dataset(sample_build / "graph.trig", server + "/store")
    rows = remote(server, """PREFIX ag: <https://w3id.org/actorgraph/ns#>
        SELECT ?sentence WHERE { GRAPH ?g { ?a ag:sentence ?sentence } }""")
    local = ox.Store()
    local.bulk_load(path=str(sample_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    expected = {s["sentence"].value for s in local.query(
        "SELECT ?sentence WHERE { GRAPH ?g { ?a <https://w3id.org/actorgraph/ns#sentence> ?sentence } }")}
    assert {r["sentence"] for r in rows} == expected


def test_cli_push_reports_and_refuses_a_wrong_endpoint(server, sample_build):
    runner = CliRunner()
    ok = runner.invoke(main, ["push", str(sample_build), "--endpoint", server + "/store"])
    assert ok.exit_code == 0, ok.output
    assert "pushed" in ok.output and "graphs" in ok.output
    bad = runner.invoke(main, ["push", str(sample_build), "--endpoint", server + "/no-such-service"])
    assert bad.exit_code != 0 and "HTTP 404" in bad.output


def test_push_to_a_closed_port_fails_with_a_clear_error(sample_build):
    with pytest.raises(PushError, match="cannot send"):
        push_dataset(sample_build / "graph.trig", f"http://127.0.0.1:{free_port()}/store", timeout=2)
    with pytest.raises(PushError, match="http"):
        push_dataset(sample_build / "graph.trig", "file:///etc/passwd")


def test_the_edge_layer_is_pushed_and_the_saved_queries_answer_on_the_server(server, sample_build):
    """The server holds id:edges too, so a saved query written for the layer answers there as it does
    locally (the server's default graph is the union, as `actorgraph query`'s is)."""
    from graph.query import open_store, saved_query, select
    push_dataset(sample_build / "graph.trig", server + "/store")
    graphs = {row["g"] for row in remote(server, GRAPHS)}
    assert "https://w3id.org/actorgraph/id/edges" in graphs
    text = saved_query("edges_with_support").text
    local = select(open_store(sample_build), text)
    there = remote(server, text)
    assert local and sorted(r["subject"] + r["property"] + r["object"] + r["support"] for r in there) == \
        sorted(r["subject"] + r["property"] + r["object"] + r["support"] for r in local)
