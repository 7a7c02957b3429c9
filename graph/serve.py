"""A read-only SPARQL 1.1 Protocol endpoint over a build, with an offline query page and the views.

`actorgraph serve OUT_DIR` listens on 127.0.0.1:7878 by default:
- /sparql   queries by GET (?query=) or POST (form or application/sparql-query);
            results as SPARQL JSON, XML, CSV, TSV (SELECT/ASK) or Turtle,
            N-Triples, RDF/XML, JSON-LD (CONSTRUCT/DESCRIBE), by Accept header
            or ?format=. The default graph is the union of all graphs unless
            default-graph-uri is given. Updates get 403 and change nothing (the
            store is opened read-only as well).
- /         a query page without scripts: a form, the saved queries of
            data/queries, results as an escaped HTML table
- /<file>   the build's views (*.html) and exports, by exact file name only

Each query runs in a worker process holding the read-only store; a query
that runs past the timeout has its worker killed and replaced, so a runaway
query cannot hold the server. Results are capped at `max_rows` rows (or
triples); a capped result says so in the X-Result-Truncated header. A result
over `max_result_bytes`, or a query that needs more than `max_memory` MB, gets
a 503 that says so. SERVICE (federated queries) is refused on the parsed
query, and the workers have no network where Linux allows it. Queries nested
deeper than graph.sparql_request.MAX_DEPTH are refused before parsing.
No CORS headers are sent, so other web sites cannot read the graph through
a visitor's browser, and requests a browser makes for another site are refused.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path

from graph.endpoint import EndpointServer, Settings
from graph.sparql_request import is_loopback

# The pieces: graph/endpoint.py (HTTP server and handler), graph/query_worker.py (the worker
# process), graph/sparql_request.py (checks on a request), graph/query_page.py (the HTML page).


def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 10.0,
                max_rows: int = 10_000, max_body: int = 256 * 1024, workers: int = 2,
                quiet: bool = False, review: bool = False, reviewer: str | None = None,
                **limits) -> EndpointServer:
    """`limits` are the other fields of graph.endpoint.Settings: read_timeout, max_connections,
    fast_timeout, max_memory (MB per worker, None for no cap), max_result_bytes."""
    from graph.query import saved_queries
    from graph.rdf import PREFIXES
    out_dir = Path(out_dir).resolve()
    if not (out_dir / "store").is_dir() and not (out_dir / "graph.trig").is_file():
        raise FileNotFoundError(f"{out_dir}: not a build (no store/ or graph.trig); run `actorgraph build` first")
    settings = Settings(out_dir, timeout, max_rows, max_body, workers,
                        {k: str(v) for k, v in PREFIXES.items()},
                        {q.name: (q.description, q.text) for q in saved_queries()}, **limits)
    server = EndpointServer((host, port), settings, quiet=quiet)
    if review:   # graph/review_server.py: the one write this server does, to the review file beside the articles
        from graph.review_server import ReviewMode
        try:
            server.review = ReviewMode(out_dir, reviewer)
        except BaseException:
            server.server_close()
            raise
    return server


def base_url(server: EndpointServer) -> str:
    host, port = server.server_address[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(out_dir: Path, host: str = "127.0.0.1", port: int = 7878, **options) -> None:
    server = make_server(out_dir, host, port, **options)
    url = base_url(server)
    print(f"SPARQL endpoint: {url}/sparql  query page: {url}/", file=sys.stderr)
    if server.review:
        print(f"review mode: open {url}/index.html; decisions go to {server.review.path}", file=sys.stderr)
        if not is_loopback(host):
            print(f"warning: review mode on {host}: anyone who can open these pages can record decisions",
                  file=sys.stderr)
    if not is_loopback(host):
        print(f"warning: listening on {host}, reachable from other machines", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_in_thread(out_dir: Path, host: str = "127.0.0.1", **options) -> tuple[EndpointServer, threading.Thread]:
    """Start a server on a free localhost port in a background thread (for tests and notebooks)."""
    server = make_server(out_dir, host, 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
