"""One new article into a large build: build-shaped records for N articles without parsing, then
the time of `actorgraph build` when one real article is added, and the peak memory.

The records (extract.records.DocResult: document, local entities, mentions, relations) are made
by records_for() from a pool of invented actors, with a skew (a few actors in many articles, as
in a news stream), and written as the build's own cache entries, so the first build parses
nothing: it merges N cached results and writes every output. Then one article from
bench/corpus_gen.py is added and the build runs again, parsing only it. Prints the seconds of
each stage, the peak RSS of this process and the machine load.

    python bench/incremental.py [--docs 100000] [--work DIR] [--records-only] [--no-entity-pages]

--records-only reads and merges the cached records, makes the edge layer's edges and the rest of its
triples (entity counts and ranks, listing pages: the dataset stage's largest step), writing no
output, and prints the peak RSS of those stages (at 100,000 articles the first full build takes
about an hour and its folder tens of GB); then the same record stages of a rebuild with one new
article, which reads the records the first pass kept (cache/records/) instead of every entry.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from extract.records import Document, DocResult, LocalEntity, Mention, Relation  # noqa: E402

PROPS = {  # property -> (subject classes, object classes)
    "requestedRemoval": (["State", "Agency"], ["Outlet", "Platform"]),
    "blocked": (["State", "Agency"], ["Outlet", "Platform"]),
    "pressured": (["State", "Agency", "Person"], ["Outlet", "Person", "Group"]),
    "accused": (["Agency", "State", "Person"], ["Person", "Outlet", "Group"]),
    "criticized": (["Group", "Organization", "Person"], ["State", "Agency", "Platform"]),
    "leads": (["Person"], ["Outlet", "Group", "Agency", "Organization"]),
    "memberOf": (["Person"], ["Group", "Organization"]),
    "partOf": (["Agency"], ["State"]),
    "wroteFor": (["Person"], ["Outlet"]),
    "basedIn": (["Outlet", "Group"], ["Place"]),
}
SHARE = {"Person": 0.4, "Outlet": 0.15, "State": 0.005, "Agency": 0.1, "Group": 0.1, "Organization": 0.08,
         "Platform": 0.005, "Place": 0.1}
NAMES = ["Abel", "Bora", "Cato", "Dima", "Eska", "Faro", "Gul", "Hana", "Ivo", "Juna", "Kemal", "Lida", "Mira",
         "Nuri", "Oleg", "Pia", "Rafi", "Sana", "Timur", "Uma", "Vera", "Wen", "Yara", "Zhan"]


def pool(n_docs: int) -> dict[str, list[str]]:
    """Labels per class; about one actor per two articles."""
    size = max(60, n_docs // 2)
    out = {}
    for cls, share in SHARE.items():
        count = max(4, int(size * share))
        out[cls] = [f"{NAMES[i % len(NAMES)]} {NAMES[(i // len(NAMES)) % len(NAMES)]} {cls} {i}" for i in range(count)]
    return out


def records_for(i: int, actors: dict[str, list[str]], seed: int = 5) -> tuple[str, DocResult]:
    """File name and DocResult of synthetic article i (ids local to the document, as extract/ makes them)."""
    rng = random.Random(seed * 1_000_003 + i)
    doc_id = f"{i:06d}_rec"
    local: dict[tuple[str, str], str] = {}
    sentences, rels, mentions = [], [], []
    pos = 0
    for _ in range(rng.randint(6, 18)):
        prop = rng.choice(list(PROPS))
        ends = []
        for classes in PROPS[prop]:
            cls = rng.choice(classes)
            names = actors[cls]
            ends.append((cls, names[int(len(names) * rng.random() ** 3)]))
        if ends[0] == ends[1]:
            continue
        text = f"{ends[0][1]} {prop} {ends[1][1]}, a report said."
        for cls, label in ends:
            if (cls, label) not in local:
                local[(cls, label)] = f"{doc_id}#e{len(local)}"
            start = pos + text.index(label)
            mentions.append(Mention(start, start + len(label), label, cls, local[(cls, label)]))
        rels.append(Relation(local[ends[0]], prop, local[ends[1]], text, pos, pos + len(text), "dep.svo.v1",
                             round(rng.uniform(0.4, 0.99), 3), hedged=rng.random() < 0.1))
        sentences.append(text)
        pos += len(text) + 1
    entities = [LocalEntity(lid, label, cls, {label}, weights={cls: 2.0}) for (cls, label), lid in local.items()]
    date = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    document = Document(doc_id, f"{doc_id}.txt", f"Report {i}\n\n" + " ".join(sentences) + "\n",
                        headline=f"Report {i}", date=date, publisher="Synthetic Wire")
    return document.source, DocResult(document, entities, mentions, rels)


def seed_build(docs: Path, out: Path, n: int) -> None:
    """A docs folder of n synthetic articles and, in out, a cache holding their records."""
    from actorgraph import __version__
    from graph.manifest import CACHE_DIR, DocCache
    from graph.outdir import write_marker
    actors = pool(n)
    docs.mkdir(parents=True)
    out.mkdir(parents=True)
    cache = DocCache(None, out / CACHE_DIR)
    order = []
    for i in range(n):
        name, result = records_for(i, actors)
        (docs / name).write_text(result.document.text, encoding="utf-8")
        cache.put(result)
        order.append(name)
    cache.write_manifest(order)
    write_marker(out, __version__)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def records_only(docs: Path, out: Path, n: int) -> None:
    """The build's record stages alone (read, cache lookup, merge as graph.build runs them), then the
    edge layer's edges: their seconds and the peak RSS. Then the record stages of the next build, with one
    new article, reading the records the first kept (graph.record_state) as a rebuild does."""
    import gc
    import tempfile

    from corpus_gen import article, load_pool

    from graph.build import Stopwatch, analyse_incremental
    from graph.edges import corpus_edges, corpus_layer_args, layer_triples
    from graph.manifest import CACHE_DIR, DocCache
    from graph.review import review_path
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        first, second = Path(tmp) / "first" / CACHE_DIR, Path(tmp) / "second" / CACHE_DIR
        clock, t = Stopwatch(), time.perf_counter()
        corpus = analyse_incremental(docs, DocCache(out / CACHE_DIR, first), clock=clock,
                                     mentions=review_path(docs).exists())
        print(f"[{n}] records read and merged: {len(corpus.entities)} entities in {time.perf_counter() - t:.1f} s; "
              f"peak {peak_mib():.0f} MiB; load {load()}", flush=True)
        for stage, secs in clock.items():
            print(f"  {stage:28s} {secs:7.2f} s")
        corpus.mentions.clear()
        edges = corpus_edges(corpus)
        print(f"[{n}] edge layer: {len(edges)} edges; peak {peak_mib():.0f} MiB; load {load()}", flush=True)
        triples = sum(1 for _ in layer_triples(edges, edge_nodes=False, **corpus_layer_args(corpus)))
        print(f"[{n}] the layer's other triples (counts, ranks, listing pages): {triples}; peak {peak_mib():.0f} MiB; "
              f"load {load()}", flush=True)
        del corpus, edges
        gc.collect()
        name, text = article(10**6 + len(list(docs.glob("new_*.txt"))), load_pool(7))
        (docs / f"new_{name}").write_text(text, encoding="utf-8")
        clock, t = Stopwatch(), time.perf_counter()
        corpus = analyse_incremental(docs, DocCache(first, second), clock=clock, mentions=review_path(docs).exists())
        print(f"[{n}] one new article, record stages from the kept records: {time.perf_counter() - t:.1f} s; "
              f"peak {peak_mib():.0f} MiB; load {load()}")
        for stage, secs in clock.items():
            print(f"  {stage:28s} {secs:7.2f} s")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/actorgraph-bench-incremental"))
    ap.add_argument("--records-only", action="store_true", help="read, merge and make the edges; write nothing")
    ap.add_argument("--no-entity-pages", action="store_true",
                    help="builds write every output but the entity pages (about 0.5 MB each: 23 GB at 100,000 "
                         "articles); they are written one at a time, so their memory does not add up")
    args = ap.parse_args(argv)
    from corpus_gen import article, load_pool

    from graph import build as build_module
    if args.no_entity_pages:
        from functools import partial
        build_module.write_views = partial(build_module.write_views, entity_pages=False)
    work = args.work / str(args.docs)
    docs, out = work / "docs", work / "out"
    print(f"machine: {os.cpu_count()} CPUs, load average {load()}")
    if not (out / "cache" / "manifest.json").is_file():
        shutil.rmtree(work, ignore_errors=True)
        t = time.perf_counter()
        seed_build(docs, out, args.docs)
        print(f"[{args.docs}] records of {args.docs} articles written as cache entries in "
              f"{time.perf_counter() - t:.1f} s (no parsing)")
    if args.records_only:
        records_only(docs, out, args.docs)
        return
    if not (out / "graph.trig").is_file():
        t = time.perf_counter()
        s = build_module.build(docs, out)
        print(f"[{args.docs}] first build from the cache: {time.perf_counter() - t:.1f} s, {s.documents} docs, "
              f"{s.entities} entities, {s.relations} relations, parsed {s.parsed}; peak {peak_mib():.0f} MiB; "
              f"load {load()}", flush=True)
        for stage, secs in s.stages.items():
            print(f"  {stage:28s} {secs:7.2f} s   peak {s.peaks.get(stage, 0):6.0f} MiB")
    name, text = article(10**6 + len(list(docs.glob("new_*.txt"))), load_pool(7))
    (docs / f"new_{name}").write_text(text, encoding="utf-8")
    t = time.perf_counter()
    s = build_module.build(docs, out)
    print(f"[{args.docs}] one new article: {time.perf_counter() - t:.1f} s end to end, parsed {s.parsed}, "
          f"reused {s.reused}; peak {peak_mib():.0f} MiB; load {load()}")
    for stage, secs in s.stages.items():
        print(f"  {stage:28s} {secs:7.2f} s   peak {s.peaks.get(stage, 0):6.0f} MiB")


if __name__ == "__main__":
    main()
