"""Peak memory of a large build (default 10,000 generated articles).

Each build runs in a child process; this process samples the resident memory
of the child and its workers every 0.2 s and prints the peak of their sum
and of the main build process alone. Three runs:

1. a full build (parse every article) with the default writer,
2. a rebuild from the incremental cache with the default writer
   (graph.build.write_outputs: one rdflib Dataset of everything),
3. the same rebuild with the streaming writer (graph/stream.py), which
   never holds the whole dataset in memory.

Runs 2 and 3 isolate the output stage, which is where memory grows with
the corpus; parsing streams in batches of pipeline.BATCH_SIZE.

    python bench/memory.py [--docs 10000] [--jobs 2] [--words 300] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def child(mode: str, folder: str, out: str, jobs: int) -> None:
    from graph import build as build_module
    t = time.perf_counter()
    summary = build_module.build(Path(folder), Path(out), jobs=jobs, incremental=mode != "full")
    print(f"{summary.documents} docs, {summary.entities} entities, {summary.relations} relations, "
          f"parsed {summary.parsed}, reused {summary.reused}, {time.perf_counter() - t:.1f} s", flush=True)


def measure(mode: str, folder: Path, out: Path, jobs: int) -> tuple[float, float, float, str]:
    cmd = [sys.executable, __file__, "--child", mode, str(folder), str(out), str(jobs)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak_tree = peak_main = 0
    start = time.perf_counter()
    while proc.poll() is None:
        try:
            main_rss = ps.memory_info().rss
            tree = main_rss
            for c in ps.children(recursive=True):
                try:
                    tree += c.memory_info().rss
                except psutil.Error:
                    pass
            peak_tree, peak_main = max(peak_tree, tree), max(peak_main, main_rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    out_text = proc.stdout.read().strip()
    if proc.returncode:
        raise SystemExit(f"{mode} build failed ({proc.returncode}): {out_text}")
    return peak_tree / 2**20, peak_main / 2**20, time.perf_counter() - start, out_text


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--corpus", type=Path, help="reuse (or write) the generated corpus here")
    ap.add_argument("--out", type=Path, help="build folder (default: a temporary one)")
    ap.add_argument("--skip-full", action="store_true", help="reuse the cache of a previous run in --out")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        mode, folder, out, jobs = args.child
        return child(mode, folder, out, int(jobs))

    from corpus_gen import write_corpus
    work = Path(tempfile.mkdtemp(prefix="actorgraph-memory-"))
    folder = args.corpus or work / "articles"
    if not (folder.is_dir() and len(list(folder.glob("*.txt"))) == args.docs):
        write_corpus(folder, args.docs, words=args.words)
    out = args.out or work / "out"
    size = sum(p.stat().st_size for p in folder.glob("*.txt")) / 2**20
    print(f"machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"corpus: {args.docs} generated articles, {size:.1f} MiB of text, --jobs {args.jobs}")
    runs = ([] if args.skip_full else [("full", "full build, default writer")]) + [
        ("cached", "cached rebuild, default writer")]
    for mode, label in runs:
        tree, main_rss, secs, text = measure(mode, folder, out, args.jobs)
        print(f"{label:34s}: peak {tree:7.0f} MiB (all processes), {main_rss:7.0f} MiB (main), "
              f"{secs:7.1f} s  [{text.splitlines()[-1] if text else ''}]", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
