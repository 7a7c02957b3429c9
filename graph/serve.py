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
triples); a capped result says so in the X-Result-Truncated header. SERVICE
(federated queries) is refused: the endpoint makes no network requests.
No CORS headers are sent, so other web sites cannot read the graph through
a visitor's browser.
"""
from __future__ import annotations

import html
import json
import multiprocessing as mp
import queue
import re
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from graph.sparql_results import (FORMAT_PARAM, GRAPH_TYPES, RESULT_TYPES, pick_type, serialize_boolean,
                                  serialize_solutions)

SERVED_SUFFIXES = {".html": "text/html; charset=utf-8", ".trig": "application/trig", ".ttl": "text/turtle",
                   ".nq": "application/n-quads", ".jsonld": "application/ld+json",
                   ".graphml": "application/xml", ".gexf": "application/xml", ".csv": "text/csv; charset=utf-8",
                   ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
VIEW_FOLDERS = ("assets", "entity", "property", "document")   # written by graph.views; cache/ and store/ stay private


# ---------------------------------------------------------------- the worker process

def execute(store, request: dict) -> tuple[int, str, bytes, dict]:
    """Run one query on the store: (status, content type, body, extra headers)."""
    import pyoxigraph as ox
    kwargs = {"prefixes": request.get("prefixes")}
    if request.get("default_graph"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request["default_graph"]]
    else:
        kwargs["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    if request.get("bindings"):   # values for variables, never pasted into the query text
        kwargs["substitutions"] = {
            ox.Variable(k): ox.NamedNode(v) if v.startswith(("http://", "https://", "urn:")) else ox.Literal(v)
            for k, v in request["bindings"].items()}
    try:
        result = store.query(request["query"], **kwargs)
    except SyntaxError as e:
        return 400, "text/plain; charset=utf-8", f"SPARQL syntax error: {e}\n".encode(), {}
    except OSError as e:
        return 500, "text/plain; charset=utf-8", f"store error: {e}\n".encode(), {}
    except (ValueError, RuntimeError) as e:
        return 400, "text/plain; charset=utf-8", f"query error: {e}\n".encode(), {}
    cap, accepted = request["max_rows"], request["accept"]
    if isinstance(result, ox.QueryBoolean):
        mt = pick_type(accepted, RESULT_TYPES)
        if mt is None:
            return 406, "text/plain; charset=utf-8", b"no acceptable format for an ASK result\n", {}
        return 200, mt + "; charset=utf-8", serialize_boolean(bool(result), RESULT_TYPES[mt]), {}
    if isinstance(result, ox.QueryTriples):
        mt = pick_type(accepted, GRAPH_TYPES)
        if mt is None:
            return 406, "text/plain; charset=utf-8", b"no acceptable format for a graph result\n", {}
        triples = []
        for t in result:
            if len(triples) == cap:
                return 200, mt + "; charset=utf-8", _graph_bytes(triples, mt), {"X-Result-Truncated": "true"}
            triples.append(t)
        return 200, mt + "; charset=utf-8", _graph_bytes(triples, mt), {}
    mt = pick_type(accepted, RESULT_TYPES)
    if mt is None:
        return 406, "text/plain; charset=utf-8", b"no acceptable format for a SELECT result\n", {}
    names = [v.value for v in result.variables]
    rows, headers = [], {}
    for sol in result:
        if len(rows) == cap:
            headers["X-Result-Truncated"] = "true"
            break
        rows.append({n: sol[n] for n in names})
    return 200, mt + "; charset=utf-8", serialize_solutions(names, rows, RESULT_TYPES[mt]), headers


def _graph_bytes(triples: list, media_type: str) -> bytes:
    import pyoxigraph as ox
    return ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_TYPES[media_type]))


def open_read_only(out_dir: str):
    import pyoxigraph as ox
    out = Path(out_dir)
    if (out / "store").is_dir():
        return ox.Store.read_only(str(out / "store"))
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    return store


def worker_main(out_dir: str, conn) -> None:
    store = open_read_only(out_dir)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        try:
            conn.send(execute(store, request))
        except Exception as e:  # report, keep serving
            conn.send((500, "text/plain; charset=utf-8", f"internal error: {type(e).__name__}: {e}\n".encode(), {}))


def build_stamp(out_dir: str) -> tuple:
    """Identifies the build in out_dir: a rebuild swaps in a new folder, so the store's inode changes."""
    out = Path(out_dir)
    for p in (out / "store", out / "graph.trig"):
        try:
            st = p.stat()
            return (st.st_ino, st.st_mtime_ns)
        except OSError:
            continue
    return ()


class Worker:
    """One process with the read-only store; killed and replaced when a query overruns, and
    restarted on the next query after OUT_DIR is rebuilt, so a rebuild shows without a restart."""

    def __init__(self, out_dir: Path):
        self.out_dir = str(out_dir)
        self.start()

    def start(self) -> None:
        self.stamp = build_stamp(self.out_dir)
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(self.out_dir, child), daemon=True)
        self.proc.start()
        child.close()
        try:
            ready = self.conn.poll(60) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise RuntimeError(f"the query worker could not start or open the store in {self.out_dir} "
                               "(a worker is a spawned process: run from a script file, a module or a notebook)")

    def run(self, request: dict, timeout: float) -> tuple[int, str, bytes, dict]:
        try:
            self.conn.send(request)
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.restart()
            return 500, "text/plain; charset=utf-8", b"the query worker died; try again\n", {}
        self.restart()
        return (503, "text/plain; charset=utf-8",
                f"query cancelled: it ran longer than the {timeout:g} s timeout\n".encode(), {})

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


# ---------------------------------------------------------------- requests

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


@dataclass
class Settings:
    out_dir: Path
    timeout: float = 10.0           # seconds per query
    max_rows: int = 10_000          # rows (or triples) per result
    max_body: int = 256 * 1024      # bytes of a POST body
    workers: int = 2
    prefixes: dict = field(default_factory=dict)
    saved: dict = field(default_factory=dict)   # name -> (description, text)


LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


class EndpointServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, settings: Settings, quiet: bool = False):
        self.settings = settings
        self.quiet = quiet
        self.pool: queue.Queue[Worker] = queue.Queue()
        self.workers: list[Worker] = []
        super().__init__(address, Handler)   # bind first: a busy port fails before workers start
        self.local_only = address[0] in LOCAL_NAMES
        try:
            for _ in range(max(1, settings.workers)):
                self.workers.append(Worker(settings.out_dir))
                self.pool.put(self.workers[-1])
        except BaseException:
            self.server_close()
            raise

    def run_query(self, request: dict) -> tuple[int, str, bytes, dict]:
        try:
            worker = self.pool.get(timeout=self.settings.timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"all query workers are busy; try again\n", {}
        try:
            if build_stamp(worker.out_dir) != worker.stamp:
                worker.restart()
            return worker.run(request, self.settings.timeout)
        except RuntimeError as e:   # the rebuilt folder could not be opened (yet)
            return 503, "text/plain; charset=utf-8", f"{e}; try again\n".encode(), {}
        finally:
            self.pool.put(worker)

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return   # the client went away; nothing to report
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        for w in self.workers:
            w.stop()

    def files(self) -> dict[str, Path]:
        out = Path(self.settings.out_dir)
        candidates = [p for p in out.iterdir() if p.is_file()]
        for folder in VIEW_FOLDERS:
            if (out / folder).is_dir() and not (out / folder).is_symlink():
                candidates += [p for p in (out / folder).iterdir() if p.is_file()]
        return {p.relative_to(out).as_posix(): p for p in sorted(candidates)
                if p.suffix in SERVED_SUFFIXES and not p.name.startswith(".") and not p.is_symlink()}


class Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = "actorgraph-sparql"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # headers and body go out in separate writes

    def log_message(self, format, *args):  # noqa: A002 (the stdlib's name)
        if not self.server.quiet:
            super().log_message(format, *args)

    # -- plumbing

    def send(self, status: int, content_type: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def fail(self, status: int, message: str, headers: dict | None = None) -> None:
        self.send(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)

    def read_body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None:
            self.fail(411, "a POST needs a Content-Length")
            return None
        try:
            n = int(length)
        except ValueError:
            self.fail(400, "bad Content-Length")
            return None
        if n > self.server.settings.max_body:
            self.close_connection = True
            self.fail(413, f"request body larger than {self.server.settings.max_body} bytes")
            return None
        return self.rfile.read(n)

    # -- verbs

    def host_ok(self) -> bool:
        """On a localhost address, answer only requests addressed to localhost: a web page whose
        domain is re-pointed at 127.0.0.1 (DNS rebinding) must not read the graph."""
        if not self.server.local_only:
            return True
        host = (self.headers.get("Host") or "localhost").strip().lower()
        name = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0]
        if name in LOCAL_NAMES:
            return True
        self.close_connection = True
        self.fail(403, "this endpoint only answers requests addressed to localhost")
        return False

    def do_GET(self):
        if not self.host_ok():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            if "update" in params:
                return self.refuse_update()
            if "query" not in params:
                accept = self.headers.get("Accept") or ""
                if "text/html" in accept:
                    return self.page(params)
                if "text/turtle" in accept or "*/*" in accept:
                    return self.send(200, "text/turtle; charset=utf-8", self.service_description())
                return self.fail(400, "missing the query parameter")
            return self.answer(params)
        if url.path in ("/", "/query"):
            return self.page(params)
        name = unquote(url.path).lstrip("/")
        path = self.server.files().get(name)
        if path is None:
            return self.fail(404, "not found")
        self.send(200, SERVED_SUFFIXES[path.suffix], path.read_bytes())

    do_HEAD = do_GET

    def do_POST(self):
        # an early refusal leaves the body unread, so never reuse a POST's connection
        self.close_connection = True
        if not self.host_ok():
            return
        url = urlsplit(self.path)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update" or url.path == "/update":
            return self.refuse_update()
        if url.path != "/sparql":
            return self.fail(404, "not found")
        body = self.read_body()
        if body is None:
            return
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self.fail(400, "the body is not UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "update" in form:
                return self.refuse_update()
            params.update(form)
        elif ctype == "application/sparql-query":
            params["query"] = [text]
        else:
            return self.fail(415, "POST a query as application/sparql-query or as an HTML form")
        if "query" not in params:
            return self.fail(400, "missing the query parameter")
        return self.answer(params)

    def do_PUT(self):
        self.close_connection = True
        if self.host_ok():
            self.refuse_update()

    do_DELETE = do_PATCH = do_PUT

    def service_description(self) -> bytes:
        """SPARQL 1.1 Service Description, answered to a GET of /sparql without a query."""
        host = self.headers.get("Host") or ""
        if not re.fullmatch(r"[A-Za-z0-9.\-]+(:\d+)?|\[[0-9A-Fa-f:.]+\](:\d+)?", host):
            host = "%s:%s" % self.server.server_address[:2]
        endpoint = f"http://{host}/sparql"
        formats = " ,\n    ".join(f"<{iri}>" for iri in (
            "http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/SPARQL_Results_XML",
            "http://www.w3.org/ns/formats/SPARQL_Results_CSV", "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
            "http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/N-Triples",
            "http://www.w3.org/ns/formats/RDF_XML", "http://www.w3.org/ns/formats/JSON-LD"))
        text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

[] a sd:Service ;
  rdfs:comment "actorgraph read-only SPARQL endpoint; the default graph is the union of all graphs" ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat {formats} .
"""
        return text.encode()

    def refuse_update(self):
        self.fail(403, "this endpoint is read-only: SPARQL updates are refused")

    # -- queries

    def request_for(self, params: dict, accept: list[str]) -> dict | str:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return "give exactly one non-empty query"
        sparql = queries[0]
        if uses_service(sparql):
            return "SERVICE (federated query) is not allowed: this endpoint makes no network requests"
        s = self.server.settings
        return {"query": sparql, "accept": accept, "prefixes": s.prefixes, "max_rows": s.max_rows,
                "default_graph": params.get("default-graph-uri") or None,
                "named_graphs": params.get("named-graph-uri") or None}

    def answer(self, params: dict):
        fmt = (params.get("format") or params.get("output") or [None])[0]
        request = self.request_for(params, accepted_types(self.headers.get("Accept"), fmt))
        if isinstance(request, str):
            return self.fail(400, request)
        status, ctype, body, headers = self.server.run_query(request)
        self.send(status, ctype, body, headers)

    def page(self, params: dict):
        s = self.server.settings
        saved_name = (params.get("saved") or [""])[0]
        text = (params.get("query") or [""])[0]
        binds = (params.get("bind") or [""])[0]
        if not text and saved_name in s.saved:
            text = s.saved[saved_name][1]
        result_html = ""
        if text.strip():
            request = self.request_for({"query": [text]}, ["application/sparql-results+json", "text/turtle"])
            bindings = parse_bindings(binds)
            problem = request if isinstance(request, str) else bindings if isinstance(bindings, str) else None
            if problem:
                result_html = f'<p class="error">{html.escape(problem)}</p>'
            else:
                request["bindings"] = bindings
                status, ctype, body, headers = self.server.run_query(request)
                result_html = render_result(status, ctype, body, headers, s.max_rows,
                                            "" if request.get("bindings") else text)
        self.send(200, "text/html; charset=utf-8", query_page(text, binds, s.saved, self.server.files(), result_html)
                  .encode(), {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                         "form-action 'self'"})


# ---------------------------------------------------------------- the query page

def render_result(status: int, ctype: str, body: bytes, headers: dict, max_rows: int, query: str = "") -> str:
    esc = html.escape
    if status != 200:
        return f'<p class="error">{esc(body.decode("utf-8", "replace"))}</p>'
    if not ctype.startswith("application/sparql-results+json"):
        return f"<pre>{esc(body.decode('utf-8', 'replace'))}</pre>"
    data = json.loads(body)
    if "boolean" in data:
        return f"<p>{'true' if data['boolean'] else 'false'}</p>"
    names = data["head"]["vars"]
    rows = data["results"]["bindings"]
    capped = f" (capped at {max_rows})" if headers.get("X-Result-Truncated") else ""
    download = f' · <a href="/sparql?{esc(urlencode({"query": query, "format": "csv"}))}">CSV</a>' if query else ""
    out = [f"<p>{len(rows)} rows{capped}{download}</p><table><tr>" + "".join(f"<th>{esc(n)}</th>" for n in names) + "</tr>"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{esc(r[n]['value']) if n in r else ''}</td>" for n in names) + "</tr>")
    out.append("</table>")
    return "".join(out)


def parse_bindings(text: str) -> dict | str:
    """`name=value` lines of the page's bind field; an error message when a line is malformed."""
    out = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            return f"bind: expected name=value, got {line!r}"
        out[name] = value.strip()
    return out


def query_page(text: str, binds: str, saved: dict, files: dict, result_html: str) -> str:
    esc = html.escape
    saved_links = "".join(f'<li><a href="/?saved={esc(name)}">{esc(name)}</a> - {esc(desc)}</li>'
                          for name, (desc, _) in sorted(saved.items()))
    file_links = " · ".join(f'<a href="/{esc(n)}">{esc(n)}</a>' for n in files)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>actorgraph SPARQL</title>
<style>body{{font-family:sans-serif;margin:1.5em;max-width:75em}} textarea{{width:100%;font-family:monospace}}
table{{border-collapse:collapse;font-size:90%}} td,th{{border:1px solid #ccc;padding:2px 6px;vertical-align:top}}
.error{{color:#a00;white-space:pre-wrap}} li{{margin:2px 0}}</style></head><body>
<h1>actorgraph SPARQL</h1>
<p>Files of this build: {file_links}</p>
<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). The default graph is the union of all
document graphs; the prefixes ag, rdf, rdfs, skos, dcterms, schema, nif, prov, xsd, owl and id are predeclared.</p>
<form method="get" action="/"><textarea name="query" rows="14">{esc(text)}</textarea><br>
<label>Values for variables, one <code>name=value</code> a line (an IRI or text; the query must select the
variable), bound as values, never pasted into the query:<br>
<textarea name="bind" rows="2">{esc(binds)}</textarea></label><br>
<button type="submit">Run query</button></form>
{result_html}
<h2>Saved queries</h2><ul>{saved_links}</ul>
</body></html>
"""


# ---------------------------------------------------------------- entry points

def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 10.0,
                max_rows: int = 10_000, max_body: int = 256 * 1024, workers: int = 2,
                quiet: bool = False) -> EndpointServer:
    from graph.query import saved_queries
    from graph.rdf import PREFIXES
    out_dir = Path(out_dir).resolve()
    if not (out_dir / "store").is_dir() and not (out_dir / "graph.trig").is_file():
        raise FileNotFoundError(f"{out_dir}: no store/ or graph.trig here; run `actorgraph build` first")
    settings = Settings(out_dir, timeout, max_rows, max_body, workers,
                        {k: str(v) for k, v in PREFIXES.items()},
                        {q.name: (q.description, q.text) for q in saved_queries()})
    return EndpointServer((host, port), settings, quiet=quiet)


def serve(out_dir: Path, host: str = "127.0.0.1", port: int = 7878, **options) -> None:
    server = make_server(out_dir, host, port, **options)
    h, p = server.server_address[:2]
    print(f"SPARQL endpoint: http://{h}:{p}/sparql  query page: http://{h}:{p}/", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}, reachable from other machines", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_in_thread(out_dir: Path, **options) -> tuple[EndpointServer, threading.Thread]:
    """Start a server on a free localhost port in a background thread (for tests and notebooks)."""
    server = make_server(out_dir, "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
