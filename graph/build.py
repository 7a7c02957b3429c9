"""A build: articles in, OUT_DIR with the dataset, exports, store and views.

Everything is written into a fresh folder beside OUT_DIR and swapped in at
the end, so an interrupted build leaves the previous OUT_DIR whole.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from extract.pipeline import build_corpus
from extract.records import Corpus, Skipped
from graph.query import load_store
from graph.rdf import corpus_to_dataset
from graph.views import write_views


@dataclass
class Summary:
    documents: int
    entities: int
    relations: int
    seconds: float
    out_dir: Path
    skipped: list[Skipped] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"{self.documents} documents, {self.entities} entities, {self.relations} relations "
                 f"in {self.seconds:.1f} s -> {self.out_dir}"]
        lines += [f"skipped {s.source}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


def write_outputs(corpus: Corpus, out: Path) -> None:
    ds = corpus_to_dataset(corpus)
    ds.serialize(out / "graph.trig", format="trig", encoding="utf-8")
    union = ds.graph().__class__()
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    union.serialize(out / "graph.ttl", format="turtle", encoding="utf-8")
    load_store(out / "graph.trig", out / "store")
    write_views(corpus, out)


def swap_in(tmp: Path, out_dir: Path) -> None:
    """Replace out_dir by tmp with renames only; the old build is removed last."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def build(docs_dir: Path, out_dir: Path, jobs: int = 1,
          progress: Callable[[int], None] | None = None) -> Summary:
    start = time.perf_counter()
    docs_dir, out_dir = Path(docs_dir), Path(out_dir).resolve()
    corpus = build_corpus(docs_dir, jobs=jobs, progress=progress)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        write_outputs(corpus, tmp)
        swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    n_rel = sum(len(v) for v in corpus.relations.values())
    return Summary(len(corpus.documents), len(corpus.entities), n_rel,
                   time.perf_counter() - start, out_dir, corpus.skipped)
