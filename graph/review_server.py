"""Review mode of `actorgraph serve OUT --review`: the views get accept/reject buttons and actor forms, and
decisions are POSTed to /review and appended to the review file beside the articles (graph/review.py).

What keeps it safe:
- the one file it writes is DOCS/actorgraph-review.jsonl; the SPARQL endpoint stays read-only;
- a write needs this server session's token, which only its own pages carry (a <meta> added as they are
  served; other web sites cannot read those pages: no CORS headers, and requests a browser makes for another
  site are refused before they get here);
- a browser's write must also come from this origin (Origin header, Sec-Fetch-Site: same-origin), be
  application/json (which a cross-site form cannot send), and be small;
- every decision is checked against the build: 400/422 for a malformed or impossible one, 404 for an actor
  or edge the build does not have; nothing is written then.
"""
from __future__ import annotations

import hmac
import html
import json
import secrets
import threading
from pathlib import Path

from extract.schema import classes
from graph.pages import TEMPLATES
from graph.review import ReviewError, append_decision, build_docs_dir, review_path
from graph.review_check import BuildIndex, NotFound

MAX_BODY = 16 * 1024
CSP_OFFLINE = "connect-src 'none'"
CSP_REVIEW = "connect-src 'self'"
SCRIPT = TEMPLATES / "review.js"


class ReviewMode:
    def __init__(self, out_dir: Path, reviewer: str | None = None):
        self.out_dir = Path(out_dir)
        self.docs_dir = build_docs_dir(self.out_dir)
        self.path = review_path(self.docs_dir)
        self.token = secrets.token_urlsafe(32)
        self.reviewer = reviewer or ""
        self._lock = threading.Lock()
        self._index: BuildIndex | None = None
        self._stamp = None

    def index(self) -> BuildIndex:
        from graph.query_worker import build_stamp
        with self._lock:
            stamp = build_stamp(self.out_dir)
            if self._index is None or stamp != self._stamp:   # a rebuild: read the actors again
                self._index, self._stamp = BuildIndex.load(self.out_dir), stamp
            return self._index

    def inject(self, body: bytes) -> bytes:
        """A view page as review mode serves it: its script may talk to this server, and it carries the token."""
        page = body.decode("utf-8")
        page = page.replace(CSP_OFFLINE, CSP_REVIEW, 1)
        head = (f'<meta name="ag-review-token" content="{html.escape(self.token)}">\n'
                f'<meta name="ag-reviewer" content="{html.escape(self.reviewer)}">\n'
                f'<meta name="ag-review-file" content="{html.escape(str(self.path))}">\n'
                f'<script defer src="/review/review.js"></script>\n</head>')
        return page.replace("</head>", head, 1).encode("utf-8")

    # -- requests (the handler has already refused other sites and non-localhost Host headers)

    def get(self, handler, path: str) -> None:
        if path == "/review/review.js":
            return handler.send(200, "text/javascript; charset=utf-8", SCRIPT.read_bytes(), {"Cache-Control": "no-store"})
        if path == "/review/actors":
            actors = sorted(self.index().actors.values(), key=lambda a: (a.label.lower(), a.id))
            data = {"classes": classes(), "actors": [{"id": a.id, "label": a.label, "cls": a.cls,
                                                      "aliases": sorted(a.aliases - {a.label})} for a in actors]}
            return self.reply(handler, 200, data)
        return handler.fail(404, "not found")

    def post(self, handler) -> None:
        headers = handler.headers
        host = headers.get("Host") or ""
        origin = headers.get("Origin")
        if origin is not None and origin not in (f"http://{host}", f"https://{host}"):
            return self.reply(handler, 403, {"error": "review decisions are only taken from this server's own pages"})
        site = (headers.get("Sec-Fetch-Site") or "same-origin").lower()
        if site != "same-origin":
            return self.reply(handler, 403, {"error": "review decisions are only taken from this server's own pages"})
        if not hmac.compare_digest((headers.get("X-Review-Token") or "").encode(), self.token.encode()):
            return self.reply(handler, 403, {"error": "missing or wrong review token: reload the page"})
        ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            return self.reply(handler, 415, {"error": "send the decision as application/json"})
        length = (headers.get("Content-Length") or "").strip()
        if length.isdigit() and int(length) > MAX_BODY:
            return self.reply(handler, 413, {"error": f"a decision is at most {MAX_BODY} bytes"})
        body = handler.read_body()
        if body is None:
            return None
        try:
            decision = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self.reply(handler, 400, {"error": "the body is not a JSON object"})
        if isinstance(decision, dict) and not decision.get("reviewer") and self.reviewer:
            decision["reviewer"] = self.reviewer
        try:
            record = append_decision(self.docs_dir, decision, self.index().check)
        except NotFound as e:
            return self.reply(handler, 404, {"error": str(e)})
        except ReviewError as e:
            return self.reply(handler, 422, {"error": str(e)})
        except OSError as e:
            return self.reply(handler, 500, {"error": f"cannot write {self.path}: {e.strerror or e}"})
        return self.reply(handler, 201, {"recorded": record, "file": str(self.path)})

    def reply(self, handler, status: int, data: dict) -> None:
        handler.send(status, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode("utf-8"),
                     {"Cache-Control": "no-store"})
