"""Ingest speed: `actorgraph build` beside bare spaCy `nlp.pipe` over the same generated articles.

Both run in this process on the same documents, 1 and 2 worker processes, each
measurement the best of --repeat runs (the machine may be shared). Prints
docs/s and tokens/s, the 2-process speed-ups, the share of a build spent
parsing, extracting and writing outputs, and last:

    ingest_vs_spacy_ratio=<build docs/s ÷ nlp.pipe docs/s, 1 process>

    python bench/ingest.py [--docs 300] [--repeat 2] [--seed 7]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import write_corpus  # noqa: E402

from extract.model import load_nlp  # noqa: E402
from extract.pipeline import BATCH_SIZE, analyse_documents, read_documents, to_corpus  # noqa: E402
from extract.records import Skipped  # noqa: E402
from graph.build import build, write_outputs  # noqa: E402


def machine() -> str:
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
            f"Python {sys.version.split()[0]}")


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> float:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="generate the corpus here and keep it")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="actorgraph-ingest-"))
    folder = args.keep or work / "articles"
    write_corpus(folder, args.docs, args.seed)
    documents, _ = read_documents(folder)
    texts = [d.text for d in documents]
    nlp = load_nlp()  # loaded once, outside every timing, shared by both sides
    tokens = sum(len(doc) for doc in nlp.pipe(texts[:8]))  # warm-up
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {machine()}")
    print(f"corpus: {len(texts)} generated articles, {words} words, {tokens} spaCy tokens "
          f"(model {nlp.meta['name']} {nlp.meta['version']}, batch {BATCH_SIZE})")

    def spacy_run(n_process: int):
        return lambda: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=n_process))

    def build_run(jobs: int):
        out = work / f"out{jobs}"
        return lambda: build(folder, out, jobs=jobs, incremental=False)

    rows = {}
    for procs in (1, 2):
        for what, run in (("spacy", spacy_run(procs)), ("build", build_run(procs))):
            secs = rows[(what, procs)] = best(run, args.repeat)
            name = "nlp.pipe" if what == "spacy" else "actorgraph build"
            print(f"{name:17s} {procs} process{'es' if procs > 1 else '  '}: {secs:7.2f} s  "
                  f"{len(texts) / secs:7.1f} docs/s  {tokens / secs:9.0f} tokens/s", flush=True)

    # where a 1-process build spends its time
    t = time.perf_counter()
    results = [r for r in analyse_documents(documents) if not isinstance(r, Skipped)]
    t_analyse = time.perf_counter() - t
    t = time.perf_counter()
    corpus = to_corpus(results, [])
    t_merge = time.perf_counter() - t
    out = work / "parts"
    out.mkdir()
    t = time.perf_counter()
    write_outputs(corpus, out)
    t_write = time.perf_counter() - t
    t_spacy = rows[("spacy", 1)]
    print(f"1-process build stages: parse+extract {t_analyse:.2f} s (of which spaCy ~{t_spacy:.2f} s, "
          f"extraction ~{max(0.0, t_analyse - t_spacy):.2f} s), merge {t_merge:.2f} s, "
          f"write outputs {t_write:.2f} s")
    print(f"2-process speed-up: nlp.pipe {rows[('spacy', 1)] / rows[('spacy', 2)]:.2f}x, "
          f"actorgraph build {rows[('build', 1)] / rows[('build', 2)]:.2f}x")
    ratio_2 = rows[("spacy", 2)] / rows[("build", 2)]
    print(f"ingest_vs_spacy_ratio at 2 processes={ratio_2:.3f}")
    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    ratio = rows[("spacy", 1)] / rows[("build", 1)]
    print(f"ingest_vs_spacy_ratio={ratio:.3f}")
    return ratio


if __name__ == "__main__":
    main()
