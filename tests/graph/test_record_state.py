"""graph.record_state: a build's records kept in a few files, read by the next build instead of every entry."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import graph.manifest as manifest
from graph.build import build
from graph.manifest import load_results
from graph.merge import NO_FEATURES, Pool, compact
from graph.record_state import FOLDER, INDEX, RecordState, decode, encode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_incremental import ARTICLES, NEW, quads, write  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _plain(result):
    return (result.document, result.entities,
            [replace(r, features=NO_FEATURES) for r in (*result.relations, *result.held)])


def test_a_kept_record_decodes_to_the_compact_result(sample_build):
    for result in load_results(sample_build):
        result = compact(result, Pool(), mentions=False)
        back = compact(decode(encode(result).encode("utf-8")), Pool(), mentions=False)
        assert _plain(back) == _plain(result)
    with_mentions = load_results(sample_build)[0]
    assert with_mentions.mentions and encode(with_mentions) is None   # a review build reads the entries


def _records(n: int):
    sys.path.insert(0, str(BENCH))
    from incremental import pool, records_for
    actors, kept = pool(n), Pool()
    return [(f"{i:040x}.json", compact(records_for(i, actors)[1], kept, mentions=False)) for i in range(n)]


def test_one_new_result_rewrites_one_chunk_and_the_rest_are_linked(tmp_path):
    results = _records(1200)
    first = RecordState(None, tmp_path / "a")
    first.write(results)
    chunks = sorted((tmp_path / "a" / FOLDER).glob("*.jsonl"))
    assert len(chunks) > 2
    kept = RecordState(tmp_path / "a", tmp_path / "b")
    assert all(_plain(kept.get(entry)) == _plain(r) for entry, r in results[:50])
    added = results[:600] + [(f"{10**6:040x}.json", results[0][1])] + results[600:]
    kept.write(added)
    new = sorted((tmp_path / "b" / FOLDER).glob("*.jsonl"))
    linked = [p for p in new if os.stat(p).st_nlink > 1]
    assert len(new) == len(chunks) and len(linked) == len(chunks) - 1
    again = RecordState(tmp_path / "b", tmp_path / "c")
    assert _plain(again.get(f"{10**6:040x}.json")) == _plain(results[0][1])
    assert again.get("missing.json") is None


def test_a_rebuild_reads_the_kept_records_and_falls_back_to_the_entries(tmp_path, monkeypatch):
    opened: list[str] = []
    real = manifest.loads_result

    def spying(text):
        opened.append(text[:20])
        return real(text)
    monkeypatch.setattr(manifest, "loads_result", spying)
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)
    assert (out / "cache" / FOLDER / INDEX).is_file()
    write(docs, dict([NEW]))
    opened.clear()
    second = build(docs, out)
    assert second.reused == 3 and opened == []   # no entry opened: the three come from records/
    full = build(docs, tmp_path / "full", incremental=False)
    assert quads(out) == quads(tmp_path / "full")

    for chunk in (out / "cache" / FOLDER).glob("*.jsonl"):   # damaged kept records: the entries are read
        chunk.write_bytes(b"{")
    (docs / NEW[0]).unlink()
    third = build(docs, out)
    assert third.reused == 3 and len(opened) == 3
    build(docs, tmp_path / "full3", incremental=False)
    assert quads(out) == quads(tmp_path / "full3")
