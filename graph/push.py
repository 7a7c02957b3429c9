"""Load a build into a SPARQL 1.1 Graph Store Protocol server.

Each graph of graph.trig goes in one HTTP PUT (which replaces that graph on
the server): the default graph (entities, documents) to `ENDPOINT?default`,
each document's named graph to `ENDPOINT?graph=<document IRI>`, as
N-Triples. Pushing the same build twice leaves the server as after one push;
a document pushed earlier and since removed from the corpus keeps its graph
on the server until someone drops it (GSP has no way to list graphs).

Endpoints: Oxigraph `http://HOST:7878/store`, Apache Jena Fuseki
`http://HOST:3030/DATASET/data`, GraphDB
`http://HOST:7200/repositories/REPO/rdf-graphs/service`.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

NTRIPLES = "application/n-triples"


class PushError(RuntimeError):
    pass


@dataclass
class PushReport:
    endpoint: str
    graphs: int
    triples: int
    seconds: float

    def text(self) -> str:
        return (f"pushed {self.graphs} graphs ({self.triples} triples) to {self.endpoint} "
                f"in {self.seconds:.1f} s")


def _auth() -> tuple[str, str] | None:
    user = os.environ.get("ACTORGRAPH_PUSH_USER")
    return (user, os.environ.get("ACTORGRAPH_PUSH_PASSWORD", "")) if user else None


def _body(store: ox.Store, graph) -> tuple[bytes, int]:
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)


def _put(client: httpx.Client, endpoint: str, params: dict, body: bytes, what: str) -> None:
    try:
        response = client.put(endpoint, params=params, content=body, headers={"Content-Type": NTRIPLES})
    except httpx.HTTPError as e:
        raise PushError(f"{endpoint}: cannot send {what}: {e}") from e
    if response.status_code not in (200, 201, 204):
        raise PushError(f"{endpoint}: the server refused {what} with HTTP {response.status_code}: "
                        f"{response.text[:300]}")


def push_dataset(trig: Path, endpoint: str, timeout: float = 60.0,
                 client: httpx.Client | None = None) -> PushReport:
    """PUT every graph of the TriG file to the Graph Store endpoint."""
    trig = Path(trig)
    if not trig.is_file():
        raise FileNotFoundError(f"{trig}: no such file; run `actorgraph build` first")
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"{endpoint}: the endpoint must be an http(s) URL")
    start = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    own = client is None
    client = client or httpx.Client(timeout=timeout, auth=_auth())
    graphs = triples = 0
    try:
        body, n = _body(store, ox.DefaultGraph())
        _put(client, endpoint, {"default": ""}, body, "the default graph")
        graphs, triples = 1, n
        for g in sorted(store.named_graphs(), key=lambda g: g.value):
            body, n = _body(store, g)
            _put(client, endpoint, {"graph": g.value}, body, f"graph <{g.value}>")
            graphs, triples = graphs + 1, triples + n
    finally:
        if own:
            client.close()
    return PushReport(endpoint, graphs, triples, time.perf_counter() - start)
