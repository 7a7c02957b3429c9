"""Re-render only the pages whose content changed: each entity and document page has a digest of
what it shows, kept in OUT/cache/view-digests.tsv; a page whose digest is the previous build's is
hard-linked from that build instead of being laid out and rendered again.

The digest covers the page's nodes (label, class, aliases, degree), links and every sentence of
evidence, facts, title and note. It leaves out betweenness and community, which any new edge
nudges all over the graph: an untouched page keeps the figures of the build that wrote it, while
the overview, the index and the property pages are always written with current ones.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from graph.manifest import CACHE_DIR, code_version

# the code and templates that draw a page: editing them draws every page again
RENDERERS = ("graph/views.py", "graph/pages.py", "graph/page_extras.py", "graph/metrics.py",
             "graph/offline_pyvis.py", "data/templates")

DIGESTS = "view-digests.tsv"
GLOBAL_FACTS = {"betweenness", "community"}


def link_digest(site, lk, cache: dict) -> str:
    """A link's digest (its triple and every sentence of evidence), computed once per build for the
    site's links; a document page's copy of a link (its own sentences only) is digested each time."""
    key = id(lk) if id(lk) in site.order else None
    if key is None or key not in cache:
        data = [lk.subject, lk.prop, lk.object,
                [[ev.doc, site.doc_titles.get(ev.doc, ""), site.doc_dates.get(ev.doc, ""),
                  site.doc_lengths.get(ev.doc, 0), ev.sentence, ev.start, ev.end, ev.rule, ev.confidence,
                  ev.hedged, ev.attributed_to, ev.date, ev.date_source, ev.reviewed] for ev in lk.evidence]]
        digest = hashlib.sha1(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()
        if key is None:
            return digest
        cache[key] = digest
    return cache[key]


def view_digest(site, view, cache: dict | None = None) -> str:
    ents, metrics = site.corpus.entities, site.metrics
    cache = {} if cache is None else cache

    def link(lk):
        return link_digest(site, lk, cache)
    nodes = [[n, ents[n].label, ents[n].cls, sorted(ents[n].aliases), metrics[n].degree]
             for n in view.nodes if n in ents]
    ends = {e for lk in view.rows_from or [] for e in (lk.subject, lk.object)}
    labels = [[e, ents[e].label] for e in sorted(ends) if e in ents]
    text = site.doc_texts.get(view.doc_id, "") if view.doc_id else ""   # a document page shows its text
    data = [code_version(*RENDERERS), view.path, view.title, view.note, view.note_href, view.center, view.doc_id,
            hashlib.sha1(text.encode("utf-8")).hexdigest(), nodes, labels,
            [list(f) for f in view.facts if f[0] not in GLOBAL_FACTS],
            [link(lk) for lk in view.links], None if view.rows_from is None else [link(lk) for lk in view.rows_from]]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def read_digests(out_dir: Path | None) -> dict[str, str]:
    if out_dir is None:
        return {}
    try:
        lines = (Path(out_dir) / CACHE_DIR / DIGESTS).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    return dict(line.split("\t", 1)[::-1] for line in lines if "\t" in line)


def write_digests(out_dir: Path, digests: dict[str, str]) -> None:
    folder = Path(out_dir) / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DIGESTS).write_text("".join(f"{digests[p]}\t{p}\n" for p in sorted(digests)), encoding="utf-8")


def reuse(previous: Path | None, old: dict[str, str], path: str, digest: str, target: Path) -> bool:
    """Hard-link the previous build's page when it showed the same; False when it must be rendered."""
    if previous is None or old.get(path) != digest:
        return False
    source = Path(previous) / path
    if not source.is_file() or source.is_symlink():
        return False
    try:
        os.link(source, target)
    except OSError:
        return False
    return True
