"""Reading a SPARQL Protocol request before it reaches a worker: which result
types it accepts, whether it is addressed to localhost or sent by another web
site, and whether its query may run at all (one non-empty query, nested no
deeper than MAX_DEPTH, no SERVICE)."""
from __future__ import annotations

import ipaddress
import re
import sys

from graph.sparql_results import FORMAT_PARAM

MAX_DEPTH = 64   # oxigraph's parser overflows an 8 MB stack at a few thousand levels; real queries nest < 20

OPENERS, CLOSERS = "({[", ")}]"
# What the SPARQL grammar reads as one opaque token: a comment, a string, an IRI, an escaped character of a
# prefixed name (e:a\#). A bracket inside one is not structure; how these are counted is in nesting_depth.
OPAQUE = re.compile(r'#[^\r\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\r\n]|\\.)*"|\'(?:[^\'\\\r\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|\\.', re.S)
UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def nesting_depth(sparql: str) -> int:
    """How deep brackets, braces, parentheses, `<<` and chains of `!` nest: an upper bound on how deep a parser
    recurses. Inside an opaque token (string, IRI, comment, escape) an opener still counts and a closer only
    cancels an opener of the same token, so no token, whether this scan reads it as the parser does or not,
    can hide a closing bracket and make the count lower than the real nesting."""
    depth = deepest = bangs = 0
    pos = 0
    for m in [*OPAQUE.finditer(sparql), None]:
        code = sparql[pos:m.start() if m else len(sparql)]
        for i, c in enumerate(code):
            if c in OPENERS or code.startswith("<<", i):
                depth += 1
            elif c in CLOSERS:
                depth = max(0, depth - 1)
            elif c == "!" and not code.startswith("!=", i):
                bangs += 1   # each ! of `!!!x` is one more level, and so is each of `!(!(x))`
            elif not c.isspace():
                bangs = 0
            deepest = max(deepest, depth + bangs)
        if m is None:
            break
        inner = top = 0
        for c in m.group():
            if c in OPENERS:
                inner += 1
                top = max(top, inner)
            elif c in CLOSERS and inner:
                inner -= 1
        deepest = max(deepest, depth + bangs + top)
        depth += inner
        pos = m.end()
    return deepest


def depth_problem(sparql: str) -> str | None:
    depth = nesting_depth(sparql)
    if depth > MAX_DEPTH:
        return f"the query nests {depth} levels deep (brackets, braces, parentheses, !); the limit is {MAX_DEPTH}"
    return None


def _has_service(node) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(v) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_has_service(v) for v in node)
    return False


def service_problem(sparql: str) -> str | None:
    """Whether the parsed query calls SERVICE anywhere (subqueries, EXISTS, OPTIONAL ...). A query that never
    spells the keyword, even through \\u escapes, cannot call SERVICE and is not parsed here; the others are
    parsed with rdflib's SPARQL parser, and one that cannot be parsed is refused."""
    spelled = UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16) % 0x110000), sparql)
    if "service" not in spelled.lower():
        return None
    too_deep = depth_problem(sparql)
    if too_deep:
        return too_deep
    from rdflib.plugins.sparql.parser import parseQuery
    limit = sys.getrecursionlimit()
    # pyparsing recurses once per triple pattern; Python 3.11 keeps those frames on the heap, not the C
    # stack (tried up to 256 KB queries); nesting, which might not be, is bounded above
    sys.setrecursionlimit(max(limit, 1_000_000))
    try:
        calls_service = _has_service(parseQuery(sparql))
    except RecursionError:
        return "the query names 'service' and is too long for the SERVICE check"
    except Exception as e:   # pyparsing's ParseException and kin
        return f"SPARQL syntax error: {' '.join(str(e).split())}"
    finally:
        sys.setrecursionlimit(limit)
    if calls_service:
        return "SERVICE (federated query) is not allowed: queries here make no network requests"
    return None


def query_problem(sparql: str, allow_service: bool = False) -> str | None:
    """Why the query may not run, or None; checked before any parser sees a deeply nested text."""
    return depth_problem(sparql) or (None if allow_service else service_problem(sparql))


def uses_service(sparql: str) -> bool:
    return service_problem(sparql) is not None


def is_loopback(host: str) -> bool:
    """localhost, the whole of 127.0.0.0/8, ::1 (IPv4-mapped too)."""
    host = host.strip().lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or bool(getattr(ip, "ipv4_mapped", None) and ip.ipv4_mapped.is_loopback)


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
    host = (host_header or "localhost").strip()
    if host.startswith("["):
        name = host[1:].split("]")[0]
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return is_loopback(name)


def sent_by_another_site(headers, method: str) -> bool:
    """A browser's request on behalf of another web site (Fetch Metadata): an <img>, <script>, <iframe> or
    form on any page. Only following a link to a page (a top-level GET navigation) is let through; tools
    that send no Sec-Fetch-Site header are not browsers and are not affected."""
    site = (headers.get("Sec-Fetch-Site") or "").lower()
    if site in ("", "same-origin", "none"):
        return False
    return not ((headers.get("Sec-Fetch-Mode") or "").lower() == "navigate" and method in ("GET", "HEAD")
                and (headers.get("Sec-Fetch-Dest") or "document").lower() == "document")


def query_request(params: dict, accept: list[str], prefixes: dict, max_rows: int) -> dict | str:
    """The request a worker runs (see graph.query_worker.execute), or why the query is refused. The
    worker checks SERVICE on the parsed query; the depth is checked here, before anything parses it."""
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        return "give exactly one non-empty query"
    sparql = queries[0]
    problem = depth_problem(sparql)
    if problem:
        return problem
    return {"query": sparql, "accept": accept, "prefixes": prefixes, "max_rows": max_rows,
            "default_graph": params.get("default-graph-uri") or None,
            "named_graphs": params.get("named-graph-uri") or None}
