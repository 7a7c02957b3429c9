"""HTML pages of the views, rendered from data/templates with autoescaping on.

Article text reaches a page in two ways only: through Jinja's autoescape
(headings, tables, facts) or as JSON inside a `<script type="application/json">`
block, with `<`, `>` and `&` written as \\u escapes so no text can close the
block; the page's own script then reads it and writes it with textContent.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

import pyvis
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
VIS_LIB = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
ASSETS = {   # file name in OUT/assets -> where it comes from
    "vis-network.min.js": VIS_LIB / "vis-network.min.js",
    "vis-network.css": VIS_LIB / "vis-network.css",
    "views.js": TEMPLATES / "views.js",
    "views.css": TEMPLATES / "views.css",
}
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value) -> Markup:
    """JSON that is safe inside a <script> element whatever strings it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(re.sub(r"[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text))


@lru_cache(maxsize=None)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"], default=True),
                      undefined=StrictUndefined)
    env.filters["script_json"] = script_json
    for path in TEMPLATES.iterdir():   # our own markup and scripts must never point off the machine
        if path.suffix in {".html", ".js", ".css"} and REMOTE.search(path.read_text(encoding="utf-8")):
            raise RuntimeError(f"{path} references a remote resource: refusing to render")
    return env


@lru_cache(maxsize=None)
def asset_text(name: str) -> str:
    return ASSETS[name].read_text(encoding="utf-8")


def write_assets(out_dir: Path) -> list[Path]:
    folder = out_dir / "assets"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ASSETS:
        path = folder / name
        path.write_text(asset_text(name), encoding="utf-8")
        written.append(path)
    return written


def render(template: str, *, inline: bool = False, root: str = "", **context) -> str:
    """One page. `inline` puts every script and style into the page (for notebooks and single files)."""
    for key in ("graph", "facts", "note", "note_href", "rows", "skipped", "overview_note", "entity_id", "doc_text",
                "timeline", "doc_id"):
        context.setdefault(key, None)
    context.setdefault("is_index", False)
    context.setdefault("doc_text_note", "")
    assets = {name: Markup(asset_text(name)) for name in ASSETS} if inline else {}
    return environment().get_template(template).render(inline=inline, root=root, assets=assets, **context)


def page_name(kind: str, key: str) -> str:
    """A file name that is safe on every file system and unique per key."""
    base = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:60] or "x"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{kind}/{base}-{digest}.html"
