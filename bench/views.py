"""Writing the views of a large graph: seconds per stage at 10,000 and 100,000 entities.

The corpus is bench/paint.py's synthetic one (entities, relations with evidence, articles, as
extract/ makes them). Stages: the site (links, centrality, communities), the overview, the
property and document pages, and the entity pages (all of them, or --entity-pages N of them to
estimate the rest). Prints the figures and the machine load.

    python bench/views.py [--sizes 10000,100000] [--entity-pages 500]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from paint import synthetic_corpus  # noqa: E402

from graph import views  # noqa: E402


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--entity-pages", type=int, default=500,
                    help="entity pages to write and time; the rest is estimated from their mean")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, load average {load()}")
    for n in [int(s) for s in args.sizes.split(",")]:
        corpus = synthetic_corpus(n)
        n_rel = sum(len(v) for v in corpus.relations.values())
        out = Path(tempfile.mkdtemp(prefix="actorgraph-views-"))
        t0 = t = time.perf_counter()
        site = views.build_site(corpus)
        t_site = time.perf_counter() - t
        t = time.perf_counter()
        main_view = views.overview(site)
        (out / main_view.path).write_text(views.view_html(site, main_view), encoding="utf-8")
        t_overview = time.perf_counter() - t
        t = time.perf_counter()
        others = [views.property_view(site, p) for p in sorted(site.prop_pages)]
        docs_by_id = {d.doc_id: d for d in corpus.documents}
        others += [views.document_view(site, d.doc_id, docs_by_id) for d in corpus.documents]
        for view in others:
            path = out / view.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(views.view_html(site, view), encoding="utf-8")
        (out / "index.html").write_text(views.index_html(site, main_view), encoding="utf-8")
        t_pages = time.perf_counter() - t
        t = time.perf_counter()
        sample = sorted(corpus.entities)[: args.entity_pages]
        for e in sample:
            view = views.entity_view(site, e)
            path = out / view.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(views.view_html(site, view), encoding="utf-8")
        t_entity = time.perf_counter() - t
        per_entity = t_entity / max(1, len(sample))
        total = time.perf_counter() - t0
        print(f"[{n} entities, {n_rel} relations, {len(corpus.documents)} articles] site (links, centrality, "
              f"communities) {t_site:.1f} s; overview {t_overview:.1f} s; index, {len(others)} property and "
              f"document pages {t_pages:.1f} s; {len(sample)} entity pages {t_entity:.1f} s "
              f"({per_entity * 1000:.1f} ms each, all {len(corpus.entities)} ~{per_entity * len(corpus.entities):.0f} s)")
        print(f"[{n}] views without entity pages {t_site + t_overview + t_pages:.1f} s; "
              f"with all entity pages ~{total - t_entity + per_entity * len(corpus.entities):.0f} s; "
              f"load average {load()}", flush=True)


if __name__ == "__main__":
    main()
