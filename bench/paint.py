"""First paint of the overview of a 10,000-entity graph in headless chromium.

A synthetic corpus of --entities actors and about 1.5 relations per actor (records as
extract/ makes them) goes through graph.views.write_views; the overview page
(OUT/network.html) is then opened from disk in headless chromium, --repeat times, and
we print: first paint and first contentful paint (the browser's Paint Timing entries),
and the time until the network is drawn (the page's `window.agReady`, set once vis-network
has drawn with physics off or finished stabilising). Measured for the default overview
(the most central graph.views.OVERVIEW_MAX actors) and for all actors on one page.

    python bench/paint.py [--entities 10000] [--repeat 3] [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from extract.records import Corpus, Document, Entity, Relation  # noqa: E402

CLASSES = ["Person", "Outlet", "State", "Agency", "Group", "Organization", "Platform", "Place", "Work"]
PROPS = ["requestedRemoval", "blocked", "pressured", "threatened", "accused", "criticized", "supported",
         "leads", "memberOf", "partOf", "wroteFor", "basedIn"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def synthetic_corpus(n_entities: int, seed: int = 5, edges_per_entity: float = 1.5,
                     docs: int | None = None) -> Corpus:
    rng = random.Random(seed)
    ids = [f"{CLASSES[i % len(CLASSES)]}/actor-{i}" for i in range(n_entities)]
    docs = docs or max(1, n_entities // 10)
    doc_ids = [f"{i:06d}_paint" for i in range(docs)]
    entities = {e: Entity(e, e.split("/")[1].replace("-", " ").title(), e.split("/")[0]) for e in ids}
    relations: dict[str, list[Relation]] = {d: [] for d in doc_ids}
    for _ in range(int(n_entities * edges_per_entity)):
        s = ids[int(n_entities * rng.random() ** 2)]  # a skew: some actors are everywhere
        o = ids[rng.randrange(n_entities)]
        if s == o:
            continue
        d = rng.choice(doc_ids)
        text = f"{entities[s].label} {rng.choice(PROPS)} {entities[o].label}."
        relations[d].append(Relation(s, rng.choice(PROPS), o, text, 0, len(text), "dep.svo.v1",
                                     round(rng.uniform(0.5, 0.95), 2)))
        entities[s].docs.add(d)
        entities[o].docs.add(d)
    documents = [Document(d, f"{d}.txt", " ".join(r.sentence for r in relations[d]), headline=f"Report {d}")
                 for d in doc_ids]
    return Corpus(documents, entities, relations, {d: [] for d in doc_ids})


def measure(page_path: Path, chromium: str, repeat: int, timeout_ms: int) -> list[dict]:
    from playwright.sync_api import sync_playwright
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for _ in range(repeat):
                # the pages forbid eval (CSP); Playwright polls with it, so the CSP is bypassed for the measurement
                page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
                t = time.perf_counter()
                page.goto(page_path.as_uri(), wait_until="commit")
                page.wait_for_function("window.agReady === true", timeout=timeout_ms, polling=50)
                ready_wall = (time.perf_counter() - t) * 1000
                timing = page.evaluate("""() => {
                    const p = {};
                    for (const e of performance.getEntriesByType('paint')) p[e.name] = e.startTime;
                    const nav = performance.getEntriesByType('navigation')[0];
                    return {fp: p['first-paint'], fcp: p['first-contentful-paint'],
                            dcl: nav ? nav.domContentLoadedEventEnd : null, now: performance.now(),
                            nodes: (window.agGraph && window.agGraph.nodes) ? window.agGraph.nodes.length : null};
                }""")
                timing["ready_wall"] = ready_wall
                out.append(timing)
                page.close()
        finally:
            browser.close()
    return out


def fmt(values: list[float | None]) -> str:
    vals = [v for v in values if v is not None]
    if not vals:
        return "n/a"
    return f"{statistics.median(vals):7.0f} ms" + (f" (min {min(vals):.0f}, max {max(vals):.0f})" if len(vals) > 1 else "")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the network to be drawn")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--limits", default="", help="overview sizes to measure, comma-separated (default: both)")
    ap.add_argument("--reuse", action="store_true", help="measure pages already written in --out")
    args = ap.parse_args(argv)
    from graph import views

    corpus = synthetic_corpus(args.entities)
    n_rel = sum(len(v) for v in corpus.relations.values())
    print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"graph: {len(corpus.entities)} entities, {n_rel} relations, {len(corpus.documents)} documents")
    from graph.views import OVERVIEW_MAX
    args.limits = {int(x) for x in args.limits.split(",") if x} or {OVERVIEW_MAX, args.entities}
    work = args.out or Path(tempfile.mkdtemp(prefix="actorgraph-paint-"))
    for label, limit in [(f"default overview (top {views.OVERVIEW_MAX})", views.OVERVIEW_MAX),
                         (f"all {args.entities} actors", args.entities)]:
        out = work / f"limit-{limit}"
        out.mkdir(parents=True, exist_ok=True)
        page = out / "network.html"
        if limit not in args.limits:
            continue
        if args.reuse and page.exists():
            written = float("nan")
        else:
            t = time.perf_counter()
            views.write_views(corpus, out, overview_limit=limit, entity_pages=False)
            written = time.perf_counter() - t
        size = page.stat().st_size / 2**20
        runs = measure(page, args.chromium, args.repeat, int(args.timeout * 1000))
        print(f"{label}: views written in {written:.1f} s (network.html {size:.1f} MiB, "
              f"{runs[0]['nodes'] if runs[0]['nodes'] is not None else '?'} nodes drawn)")
        print(f"  first paint            {fmt([r['fp'] for r in runs])}")
        print(f"  first contentful paint {fmt([r['fcp'] for r in runs])}")
        print(f"  network drawn          {fmt([r['now'] for r in runs])}  (agReady, from navigation start)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
