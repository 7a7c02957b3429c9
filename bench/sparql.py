"""SPARQL at scale: the saved queries (data/queries/*.rq) on about 1M and 10M triples, timed on
the embedded Oxigraph store (what `actorgraph query` uses) and on rdflib's in-memory Dataset.

The data is a synthetic corpus in exactly the shape of a build: records (entities, documents,
relations with evidence) turned into quads by graph/rdf.py through graph/stream.py, and the edge
layer (graph/edges.py) summed over every document. Each size is generated whole (copies of a smaller
corpus would not have a true edge layer). Each query
runs in a forked child (so a slow one can be stopped), once to warm up, then until --runs runs
or --budget seconds; p50 and p95 are nearest-rank over those runs. Both stores answer with the
Oxigraph answers with the default graph as the union of all graphs, as `actorgraph query` does;
rdflib with its plain default graph (default_union=True makes every query far slower there) --
the saved queries name GRAPH ?g where they need it, and the row counts are compared.

    python bench/sparql.py [--sizes 1000000,10000000] [--rdflib-max 1000000] [--work DIR]

Goals (issue 14): every saved query p50 <= 50 ms at 1M and <= 200 ms at 10M; the bound lookups
(entity_profile, edge_sources) <= 20 ms at 10M. Each line says which goal it meets.
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from extract.records import Corpus, Document, Entity, Relation  # noqa: E402
from graph.rdf import PREFIXES, entity_iri  # noqa: E402
from graph.edges import add_parts, corpus_layer_args, doc_parts  # noqa: E402
from graph.stream import edge_lines, iter_nquads  # noqa: E402

QUERIES = ROOT / "data" / "queries"
TRIPLES_PER_DOC = 300  # measured on the generator's output; only used to pick the number of documents
SUBJECTS = {  # property -> (subject classes, object classes), loosely as the schema intends
    "requestedRemoval": (["State", "Agency"], ["Outlet", "Platform"]),
    "blocked": (["State", "Agency"], ["Outlet", "Platform"]),
    "pressured": (["State", "Agency", "Person"], ["Outlet", "Person", "Group"]),
    "threatened": (["Agency", "Group", "Person"], ["Person", "Outlet"]),
    "accused": (["Agency", "State", "Person"], ["Person", "Outlet", "Group"]),
    "criticized": (["Group", "Organization", "Person"], ["State", "Agency", "Platform"]),
    "supported": (["State", "Group"], ["Group", "Outlet"]),
    "leads": (["Person"], ["Outlet", "Group", "Agency", "Organization"]),
    "memberOf": (["Person"], ["Group", "Organization"]),
    "partOf": (["Agency"], ["State"]),
    "wroteFor": (["Person"], ["Outlet"]),
    "basedIn": (["Outlet", "Group"], ["Place"]),
}
CLASS_SHARE = {"Person": 0.35, "Outlet": 0.15, "State": 0.01, "Agency": 0.12, "Group": 0.1,
               "Organization": 0.08, "Platform": 0.01, "Place": 0.12, "Work": 0.06}
RULES = ["dep.svo.v1", "dep.passive.v1", "dep.block.v1", "noun.request.v1", "apposition.v1"]


def entity_pool(n: int, rng: random.Random) -> dict[str, list[str]]:
    pool = {}
    for cls, share in CLASS_SHARE.items():
        pool[cls] = [f"{cls}/{cls.lower()}-{i}" for i in range(max(3, int(n * share)))]
    return pool


def synthetic_corpus_parts(n_docs: int, seed: int = 11, rels_per_doc: int = 12):
    """Per-document mini corpora, then the entities part; records as extract/ makes them."""
    rng = random.Random(seed)
    pool = entity_pool(max(50, n_docs), rng)
    labels: dict[str, str] = {}
    docs_of: dict[str, set[str]] = {}
    props = list(SUBJECTS)
    for i in range(n_docs):
        doc_id = f"{i:07d}_syn"
        sentences, rels, pos = [], [], 0
        for _ in range(rng.randint(rels_per_doc // 2, rels_per_doc * 3 // 2)):
            prop = rng.choice(props)
            subj_cls, obj_cls = SUBJECTS[prop]
            # a few actors are in many documents, most in few: pick with a skew
            s = pool[c := rng.choice(subj_cls)][int(len(pool[c]) * rng.random() ** 3)]
            o = pool[c := rng.choice(obj_cls)][int(len(pool[c]) * rng.random() ** 3)]
            if s == o:
                continue
            text = f"{s.split('/')[1]} {prop} {o.split('/')[1]} according to a report."
            rels.append(Relation(s, prop, o, text, pos, pos + len(text), rng.choice(RULES),
                                 round(rng.uniform(0.4, 0.99), 3), hedged=rng.random() < 0.1,
                                 attributed_to=s if rng.random() < 0.1 else None))
            sentences.append(text)
            pos += len(text) + 1
            for e in (s, o):
                docs_of.setdefault(e, set()).add(doc_id)
                labels.setdefault(e, e.split("/")[1].replace("-", " ").title())
        document = Document(doc_id, f"{doc_id}.txt", " ".join(sentences), headline=f"Report {i}",
                            date=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}", publisher="Synthetic Wire")
        yield Corpus([document], {}, {doc_id: rels}, {doc_id: []})
    entities = {e: Entity(e, labels[e], e.split("/")[0], {labels[e].upper()}, docs) for e, docs in docs_of.items()}
    yield Corpus([], entities, {}, {})


def write_synthetic(path: Path, triples: int, seed: int = 11) -> tuple[int, dict]:
    """Write about `triples` quads as N-Quads, the edge layer (graph/edges.py) summed over every document
    last, as a build writes it; returns the count and bindings for the bound queries."""
    n_docs = max(10, triples // TRIPLES_PER_DOC)
    n = 0
    binds = {}
    edges: dict = {}
    doc_ids: list[str] = []
    entities: dict = {}
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as f:
        for part in synthetic_corpus_parts(n_docs, seed):
            if not binds and part.documents and part.relations[part.documents[0].doc_id]:
                r = part.relations[part.documents[0].doc_id][0]
                binds = {"s": str(entity_iri(r.subject)), "p": str(PREFIXES["ag"][r.prop]),
                         "o": str(entity_iri(r.object)), "name": r.subject.split("/")[1].replace("-", " ")}
            entities.update(part.entities)
            for doc in part.documents:
                doc_ids.append(doc.doc_id)
                add_parts(edges, doc.doc_id, doc_parts(doc, part.relations[doc.doc_id]))
            for chunk in iter_nquads(part, edges=False):
                f.write(chunk)
                n += chunk.count("\n")
        layer = corpus_layer_args(Corpus([], entities, {}, {}))
        for chunk in edge_lines(edges, **{**layer, "doc_ids": doc_ids}):
            f.write(chunk)
            n += chunk.count("\n")
    os.replace(tmp, path)
    return n, binds


BOUND_LOOKUPS = {"entity_profile", "edge_sources"}


def goal_ms(name: str, size: int) -> int:
    """Issue 14's p50 goal for a query at a size."""
    if size > 2_000_000:
        return 20 if name in BOUND_LOOKUPS else 200
    return 50


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


# --- timing in a forked child ------------------------------------------------------------

_RDFLIB_DS = None


def _rdflib_run(text: str, binds: dict):
    from rdflib import Literal, URIRef
    from rdflib.plugins.sparql import prepareQuery
    init = {k: (URIRef(v) if v.startswith("http") else Literal(v)) for k, v in binds.items()}
    q = prepareQuery(text, initNs={k: v for k, v in PREFIXES.items()})
    return sum(1 for _ in _RDFLIB_DS.query(q, initBindings=init))


def _child(conn, engine: str, store_path: str, text: str, binds: dict, runs: int, budget: float):
    try:
        if engine == "oxigraph":
            from graph.query import run_query
            store = ox.Store.read_only(store_path)

            def once():
                result = run_query(store, text, binds)
                return sum(1 for _ in result) if isinstance(result, ox.QuerySolutions) else 1
        else:
            def once():
                return _rdflib_run(text, binds)
        t = time.perf_counter()
        rows = once()  # warm-up (query parsing, caches)
        slow = time.perf_counter() - t > budget / 3  # a slow query gets fewer runs, at least one
        times, spent = [], 0.0
        while len(times) < runs and (spent < budget or (len(times) < 3 and not slow)):
            t = time.perf_counter()
            once()
            times.append(time.perf_counter() - t)
            spent += times[-1]
        conn.send(("ok", rows, times))
    except Exception as e:  # reported, not raised: one failing query must not end the benchmark
        conn.send(("error", f"{type(e).__name__}: {e}"[:200], []))


def time_query(engine: str, store_path: str, text: str, binds: dict, runs: int, budget: float,
               timeout: float):
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, engine, store_path, text, binds, runs, budget))
    proc.start()
    if parent.poll(timeout):
        status, rows, times = parent.recv()
    else:
        status, rows, times = "timeout", None, []
    proc.kill() if proc.is_alive() and status == "timeout" else None
    proc.join()
    return status, rows, times


def queries(folder: Path = QUERIES) -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]


def fmt(status, times) -> str:
    if status == "skipped":
        return "-"
    if status == "timeout":
        return "timeout"
    if status != "ok":
        return "error"
    return f"{percentile(times, .5) * 1000:8.1f} {percentile(times, .95) * 1000:8.1f} ms ({len(times):2d})"


def main(argv: list[str] | None = None) -> None:
    global _RDFLIB_DS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,10000000")
    ap.add_argument("--rdflib-max", type=int, default=0,
                    help="largest size also loaded into rdflib (its memory grows ~1.5 KB per triple)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--budget", type=float, default=15.0, help="seconds of timed runs per query and store")
    ap.add_argument("--timeout", type=float, default=300.0, help="give up on one Oxigraph query after this long")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0, help="give up on one rdflib query after this long")
    ap.add_argument("--no-oxigraph", action="store_true", help="time rdflib only")
    ap.add_argument("--queries", type=Path, default=QUERIES,
                    help="folder of .rq files (tests/graph/data/queries_v1 holds the queries before the edge layer)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/actorgraph-bench-sparql"))
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; pyoxigraph {ox.__version__}")
    qs = queries(args.queries)
    print(f"{len(qs)} saved queries from {args.queries}; columns: p50 p95 (runs)")
    for size in [int(s) for s in args.sizes.split(",")]:
        nq = args.work / f"synthetic-{size}.nq"
        binds_file = nq.with_suffix(".binds")
        if not nq.exists():
            t = time.perf_counter()
            n, binds = write_synthetic(nq, size)
            binds_file.write_text(json.dumps(binds))
            print(f"[{size}] generated {n} quads in {time.perf_counter() - t:.0f} s")
        binds = json.loads(binds_file.read_text())
        store_path = args.work / f"store-{size}"
        if not store_path.exists():
            t = time.perf_counter()
            store = ox.Store(str(store_path))
            store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store
            print(f"[{size}] Oxigraph bulk load {time.perf_counter() - t:.1f} s")
        n_quads = len(ox.Store.read_only(str(store_path)))
        with_rdflib = size <= args.rdflib_max
        if with_rdflib:
            from rdflib import Dataset
            rss = psutil.Process().memory_info().rss
            t = time.perf_counter()
            _RDFLIB_DS = Dataset(default_union=False)
            _RDFLIB_DS.parse(str(nq), format="nquads")
            grown = (psutil.Process().memory_info().rss - rss) / 2**20
            print(f"[{size}] rdflib load {time.perf_counter() - t:.1f} s, +{grown:.0f} MiB "
                  f"({grown * 2**20 / n_quads:.0f} bytes per quad)")
        else:
            print(f"[{size}] rdflib skipped: above --rdflib-max {args.rdflib_max} (at the ~1.5 KB per quad "
                  f"measured at 1M it would need ~{n_quads * 1.5e3 / 2**30:.0f} GiB and a load of tens of minutes)")
        print(f"[{size}] {n_quads} quads, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"  {'query':28s} {'rows':>6s}  {'oxigraph p50/p95':>28s}  {'rdflib p50/p95':>28s}  rdflib/oxigraph p50")
        ratios = []
        for name, text in qs:
            wanted = set(re.findall(r"--bind (\w+)=", text.split("\n", 1)[0]))
            qb = {k: v for k, v in binds.items() if k in wanted}
            if args.no_oxigraph:
                s1, rows1, t1 = "skipped", None, []
            else:
                s1, rows1, t1 = time_query("oxigraph", str(store_path), text, qb, args.runs, args.budget,
                                           args.timeout)
            line = f"  {name:28s} {rows1 if rows1 is not None else '-':>6}  {fmt(s1, t1):>28s}"
            if with_rdflib:
                s2, rows2, t2 = time_query("rdflib", "", text, qb, args.runs, args.budget, args.rdflib_timeout)
                line += f"  {fmt(s2, t2):>28s}"
                if s1 == "ok" and s2 == "ok":
                    ratio = percentile(t2, .5) / percentile(t1, .5)
                    ratios.append(ratio)
                    line += f"  {ratio:8.1f}x" + ("" if rows1 == rows2 else f"  (rows differ: rdflib {rows2})")
                elif s1 == "ok" and s2 == "timeout":
                    line += f"  >{args.rdflib_timeout / percentile(t1, .5):7.0f}x (rdflib timed out)"
                elif s2 == "error":
                    line += f"  rdflib {rows2}"
            if s1 == "error":
                line += f"  oxigraph {rows1}"
            if s1 == "ok":
                goal = goal_ms(name, size)
                p50 = percentile(t1, .5) * 1000
                line += f"  goal {goal} ms: {'met' if p50 <= goal else 'MISSED'}"
            print(line, flush=True)
        if ratios:
            gm = math.exp(statistics.fmean(math.log(r) for r in ratios))
            print(f"[{size}] rdflib/oxigraph p50 ratio: geometric mean {gm:.1f}x over {len(ratios)} queries "
                  f"(min {min(ratios):.1f}x, max {max(ratios):.1f}x)")
        _RDFLIB_DS = None
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
