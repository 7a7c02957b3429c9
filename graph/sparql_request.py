"""Reading a SPARQL Protocol request before it reaches a worker: which result
types it accepts, whether it is addressed to localhost, and whether its query
may run at all (one non-empty query, no SERVICE)."""
from __future__ import annotations

import re

from graph.sparql_results import FORMAT_PARAM

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}

SERVICE_WORD = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)
# Comments, strings and IRIs, removed before looking for keywords
NOT_CODE = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>')


def uses_service(sparql: str) -> bool:
    return bool(SERVICE_WORD.search(NOT_CODE.sub(" ", sparql)))


def accepted_types(accept: str | None, fmt: str | None) -> list[str]:
    if fmt:
        mt = FORMAT_PARAM.get(fmt.lower(), fmt.lower())
        return [mt]
    if not accept:
        return ["*/*"]
    ranked = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if bits[0] and q > 0:
            ranked.append((-q, i, bits[0].lower()))
    return [mt for _, _, mt in sorted(ranked)]


def addressed_to_localhost(host_header: str | None) -> bool:
    """Whether a Host header names localhost: on a localhost address the endpoint answers only these,
    so a web page whose domain is re-pointed at 127.0.0.1 (DNS rebinding) cannot read the graph."""
    host = (host_header or "localhost").strip().lower()
    name = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0]
    return name in LOCAL_NAMES


def query_request(params: dict, accept: list[str], prefixes: dict, max_rows: int) -> dict | str:
    """The request a worker runs (see graph.query_worker.execute), or why the query is refused."""
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        return "give exactly one non-empty query"
    sparql = queries[0]
    if uses_service(sparql):
        return "SERVICE (federated query) is not allowed: this endpoint makes no network requests"
    return {"query": sparql, "accept": accept, "prefixes": prefixes, "max_rows": max_rows,
            "default_graph": params.get("default-graph-uri") or None,
            "named_graphs": params.get("named-graph-uri") or None}
