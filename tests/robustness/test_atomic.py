"""Nothing lost: a killed build leaves the previous OUT_DIR whole, and a rebuild gives the same triples."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from conftest import ROOT, SAMPLE
from graph import build as build_mod
from graph.build import build, swap_in
from graph.query import open_store, select

ENDED = "http://www.w3.org/ns/prov#endedAtTime"   # the one triple allowed to change between rebuilds


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def quads(out: Path) -> list[str]:
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    return sorted(str(q) for q in store if q.predicate.value != ENDED)


def n_triples(out: Path) -> int:
    return int(select(open_store(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])


def make_corpus(folder: Path, copies: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(copies):
        for src in sorted(SAMPLE.glob("*.txt")):
            (folder / f"{i:02d}_{src.name}").write_bytes(src.read_bytes())
    return folder


def loads(out: Path) -> None:
    """The build's files open: the TriG parses, the store answers, the entry page is there."""
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert len(ds) > 0 or sum(1 for _ in ds.quads()) > 0
    assert n_triples(out) > 0
    assert (out / "index.html").stat().st_size > 0


@pytest.mark.parametrize("kill_when", ["tmp folder appears", "graph.trig written", "store being written"])
def test_build_killed_with_sigkill_leaves_previous_out_whole(tmp_path, kill_when):
    docs = make_corpus(tmp_path / "docs", copies=1)
    out = tmp_path / "out"
    build(docs, out, incremental=False)
    before, triples_before = snapshot(out), n_triples(out)

    more = make_corpus(tmp_path / "more", copies=8)   # a bigger corpus, so the next build takes a while
    proc = subprocess.Popen([sys.executable, "-m", "actorgraph.cli", "build", str(more), "--out", str(out),
                             "--full"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        killed_midway = False
        while proc.poll() is None and time.monotonic() < deadline:
            tmps = list(tmp_path.glob(".out.tmp-*"))
            ready = bool(tmps) and (kill_when == "tmp folder appears"
                                    or (kill_when == "graph.trig written" and (tmps[0] / "graph.trig").exists())
                                    or (kill_when == "store being written" and (tmps[0] / "store").exists()))
            if ready:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                killed_midway = bool(list(tmp_path.glob(".out.tmp-*")))
                break
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if kill_when == "tmp folder appears":
        assert killed_midway   # analysis takes seconds after the folder appears; the swap cannot have run
    if killed_midway:
        assert snapshot(out) == before
        assert n_triples(out) == triples_before
    else:  # the build got through its swap before the signal landed: then out is the whole new build
        assert n_triples(out) > triples_before
    loads(out)


def test_swap_in_without_atomic_exchange_keeps_old_until_new_is_in(tmp_path, monkeypatch):
    monkeypatch.setattr(build_mod, "_exchange", lambda a, b: False)
    out, new = tmp_path / "out", tmp_path / ".out.tmp-x"
    out.mkdir()
    (out / "graph.trig").write_text("old")
    new.mkdir()
    (new / "graph.trig").write_text("new")
    stale = tmp_path / ".out.old-999999999"   # left by a build killed between its two renames
    stale.mkdir()
    swap_in(new, out)
    assert (out / "graph.trig").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_swap_in_exchanges_atomically_and_removes_the_old_build(tmp_path):
    out, new = tmp_path / "out", tmp_path / ".out.tmp-y"
    for folder, text in ((out, "old"), (new, "new")):
        (folder / "store").mkdir(parents=True)
        (folder / "store" / "data").write_text(text)
    swap_in(new, out)
    assert (out / "store" / "data").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_swap_in_into_a_new_folder(tmp_path):
    new = tmp_path / ".out.tmp-z"
    new.mkdir()
    (new / "graph.trig").write_text("first")
    swap_in(new, tmp_path / "out")
    assert (tmp_path / "out" / "graph.trig").read_text() == "first"


def test_rebuild_gives_the_same_triples(tmp_path):
    docs = make_corpus(tmp_path / "docs", copies=1)
    build(docs, tmp_path / "a", incremental=False)
    build(docs, tmp_path / "b", incremental=False)
    build(docs, tmp_path / "a", incremental=True)     # rebuilt over itself, from the cache
    first = quads(tmp_path / "b")
    assert first and quads(tmp_path / "a") == first


def test_rebuild_with_two_workers_gives_the_same_triples(tmp_path):
    docs = make_corpus(tmp_path / "docs", copies=1)
    build(docs, tmp_path / "one", jobs=1, incremental=False)
    build(docs, tmp_path / "two", jobs=2, incremental=False)
    assert quads(tmp_path / "one") == quads(tmp_path / "two")


def test_build_of_a_copied_folder_gives_the_same_triples(tmp_path):
    """Triples depend on the articles, not on where the folder sits."""
    docs = make_corpus(tmp_path / "docs", copies=1)
    shutil.copytree(docs, tmp_path / "elsewhere" / "docs")
    build(docs, tmp_path / "a", incremental=False)
    build(tmp_path / "elsewhere" / "docs", tmp_path / "b", incremental=False)
    assert quads(tmp_path / "a") == quads(tmp_path / "b")
