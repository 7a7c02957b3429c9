"""The SPARQL 1.1 Protocol server: an HTTP server with a pool of query workers
(graph/query_worker.py), and the handler that answers /sparql, the query page
and the build's files. It refuses updates, oversized bodies, requests not
addressed to localhost when listening there and requests a browser sends for
another web site, and sends no CORS headers.

Slow clients: a request must arrive whole within `read_timeout` seconds and at
most `max_connections` connections are served at once (more get 503 at once).
Busy workers: besides the `workers` general ones, one more worker, the fast
lane, takes queries only while all the others are busy, and cuts them at
`fast_timeout`, so a quick question is answered while heavy ones run.
"""
from __future__ import annotations

import html
import queue
import re
import socket
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from graph.query_page import parse_bindings, query_page, render_result
from graph.query_worker import Worker, build_stamp
from graph.sparql_request import (accepted_types, addressed_to_localhost, is_loopback, query_request,
                                  sent_by_another_site)

SERVED_SUFFIXES = {".html": "text/html; charset=utf-8", ".trig": "application/trig", ".ttl": "text/turtle",
                   ".nq": "application/n-quads", ".jsonld": "application/ld+json",
                   ".graphml": "application/xml", ".gexf": "application/xml", ".csv": "text/csv; charset=utf-8",
                   ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
VIEW_FOLDERS = ("assets", "entity", "property", "document")   # written by graph.views; cache/ and store/ stay private
GENERAL, FAST = 0, 1   # worker lanes; the pool hands out general workers first
BUSY_REPLY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
              b"Retry-After: 1\r\nConnection: close\r\nContent-Length: 33\r\n\r\n"
              b"too many open connections; retry\n")


@dataclass
class Settings:
    out_dir: Path
    timeout: float = 10.0           # seconds per query
    max_rows: int = 10_000          # rows (or triples) per result
    max_body: int = 256 * 1024      # bytes of a POST body
    workers: int = 2
    prefixes: dict = field(default_factory=dict)
    saved: dict = field(default_factory=dict)   # name -> (description, text)
    read_timeout: float = 10.0      # seconds to receive a whole request (and to wait on an idle connection)
    max_connections: int = 64       # connections served at once
    fast_timeout: float = 1.0       # seconds a query may run on the fast lane
    max_memory: int | None = 1024   # MB of address space per worker
    max_result_bytes: int = 32 * 2**20


class EndpointServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address, settings: Settings, quiet: bool = False):
        self.settings = settings
        self.quiet = quiet
        self.review = None   # graph.review_server.ReviewMode under `serve --review`
        self.pool: queue.PriorityQueue = queue.PriorityQueue()   # (lane, index, worker)
        self.workers: list[Worker] = []
        self.slots = threading.BoundedSemaphore(max(1, settings.max_connections))
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)   # bind first: a busy port fails before workers start
        self.local_only = is_loopback(address[0])
        try:
            general = max(1, settings.workers)
            for i in range(general + 1):
                self.workers.append(Worker(settings.out_dir, settings.max_memory))
                self.pool.put((FAST if i == general else GENERAL, i, self.workers[-1]))
        except BaseException:
            self.server_close()
            raise

    def run_query(self, request: dict) -> tuple[int, str, bytes, dict]:
        s = self.settings
        try:
            lane, i, worker = self.pool.get(timeout=s.timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"all query workers are busy; try again\n", {}
        try:
            if build_stamp(worker.out_dir) != worker.stamp:
                worker.restart()
            request = {**request, "max_bytes": s.max_result_bytes}
            if lane == FAST:
                return worker.run(request, min(s.fast_timeout, s.timeout),
                                  ", the limit while the other workers are busy; try again later")
            return worker.run(request, s.timeout)
        except RuntimeError as e:   # the rebuilt folder could not be opened (yet)
            return 503, "text/plain; charset=utf-8", f"{e}; try again\n".encode(), {}
        finally:
            self.pool.put((lane, i, worker))

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            try:   # answered from the accepting thread: a short write to a fresh socket
                request.settimeout(1)
                request.sendall(BUSY_REPLY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, TimeoutError)):
            return   # the client went away or was too slow; nothing to report
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

    # -- slow clients

    def setup(self):
        self.timeout = self.server.settings.read_timeout   # for each read and write on the socket
        super().setup()

    def handle_one_request(self):
        # the whole request must arrive within read_timeout: a client that sends a byte now and then
        # (slow loris) would otherwise hold its connection for ever
        self.reading = True
        cut = threading.Timer(self.server.settings.read_timeout, self.cut_off)
        cut.daemon = True
        cut.start()
        try:
            super().handle_one_request()
        finally:
            cut.cancel()

    def cut_off(self):
        if self.reading:
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if self.command != "POST":
            self.reading = False   # a POST is read until the end of its body
        return ok

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
        if not re.fullmatch(r"[0-9]+", length.strip()):   # int() would take -1, +5 and 1_000
            self.fail(400, "bad Content-Length")
            return None
        n = int(length)
        if n > self.server.settings.max_body:
            self.close_connection = True
            self.fail(413, f"request body larger than {self.server.settings.max_body} bytes")
            return None
        body = self.rfile.read(n)
        self.reading = False
        return body if len(body) == n else None   # cut off, or the client went away

    # -- verbs

    def host_ok(self) -> bool:
        if sent_by_another_site(self.headers, self.command):
            self.close_connection = True
            self.fail(403, "this endpoint does not answer requests that other web sites make through a browser")
            return False
        if not self.server.local_only or addressed_to_localhost(self.headers.get("Host")):
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
        if self.server.review and url.path.startswith("/review/"):
            return self.server.review.get(self, url.path)
        name = unquote(url.path).lstrip("/")
        path = self.server.files().get(name)
        if path is None:
            return self.fail(404, "not found")
        body = path.read_bytes()
        if self.server.review and path.suffix == ".html":
            body = self.server.review.inject(body)
        self.send(200, SERVED_SUFFIXES[path.suffix], body)

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
        if url.path == "/review" and self.server.review:
            return self.server.review.post(self)
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
        s = self.server.settings
        return query_request(params, accept, s.prefixes, s.max_rows)

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

