"""Incremental builds: only new or changed articles are parsed, and the result equals a full rebuild."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import extract.pipeline as pipeline
from extract.records import Document
from graph.build import build
from graph.manifest import DocCache, dumps_result, loads_result, read_manifest

ARTICLES = {
    "a_court.txt": "3 March 2021\nCourt fines broadcaster\n\nThe Ministry of Information of Freedonia "
                   "ordered Radio Meridian to take down a report about the mayor of Port Alba. "
                   "Radio Meridian refused, and the ministry blocked its website on Tuesday.\n",
    "b_union.txt": "Journalists' union protests\n\nThe Freedonian Union of Journalists said on Monday "
                   "that police detained Marta Velez, a reporter for the Daily Lantern, in Port Alba. "
                   "Velez leads the union's press freedom committee.\n",
    "c_platform.txt": "Platform told to remove videos\n\nThe Telecommunications Regulator of Freedonia "
                      "asked VidShare to remove twelve videos by the opposition group Free Voices. "
                      "VidShare said it would restrict access to some of them.\n",
}
NEW = ("d_new.txt", "Editor resigns\n\nThe editor of the Daily Lantern, Omar Haddad, resigned after the "
                    "Ministry of Information of Freedonia pressured the paper over its coverage of protests.\n")


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def quads(out: Path) -> set[str]:
    # the build activity records when it ran; everything else must be equal
    return {str(q) for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
            if q.predicate.value != "http://www.w3.org/ns/prov#endedAtTime"}


def doc_ids(out: Path) -> set[str]:
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    q = "SELECT ?id WHERE { ?d a <https://schema.org/NewsArticle> ; <http://purl.org/dc/terms/identifier> ?id }"
    return {row["id"].value for row in store.query(q)}


@pytest.fixture
def count_parses(monkeypatch):
    """Counts the documents that go through analyse() (jobs=1 runs in this process)."""
    seen: list[str] = []
    real = pipeline.analyse

    def counting(document, parsed):
        seen.append(document.doc_id)
        return real(document, parsed)
    monkeypatch.setattr(pipeline, "analyse", counting)
    return seen


def test_rerun_parses_only_the_new_article_and_equals_a_full_rebuild(tmp_path, count_parses):
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    first = build(docs, out)
    assert first.parsed == 3 and first.reused == 0
    assert sorted(count_parses) == ["a_court", "b_union", "c_platform"]

    count_parses.clear()
    write(docs, dict([NEW]))
    second = build(docs, out)
    assert count_parses == ["d_new"]
    assert (second.parsed, second.reused) == (1, 3)

    full = build(docs, tmp_path / "full", incremental=False)
    assert full.parsed == 4
    assert quads(out) == quads(tmp_path / "full")
    assert doc_ids(out) == {"a_court", "b_union", "c_platform", "d_new"}
    for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.nq", ox.RdfFormat.N_QUADS)):
        assert ({str(t) for t in ox.parse(path=str(out / name), format=fmt) if "endedAtTime" not in str(t)}
                == {str(t) for t in ox.parse(path=str(tmp_path / "full" / name), format=fmt)
                    if "endedAtTime" not in str(t)})


def test_unchanged_rerun_parses_nothing_and_a_changed_article_is_parsed_again(tmp_path, count_parses):
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)
    count_parses.clear()
    assert build(docs, out).parsed == 0 and count_parses == []

    (docs / "b_union.txt").write_text(ARTICLES["b_union.txt"].replace("Monday", "Friday"), encoding="utf-8")
    again = build(docs, out)
    assert count_parses == ["b_union"] and again.reused == 2
    entry = read_manifest(out)["documents"]["b_union.txt"]
    cached = loads_result((out / "cache" / entry["entry"]).read_text(encoding="utf-8"))
    assert "on Friday" in cached.document.text and "on Monday" not in cached.document.text


def test_removed_article_graph_is_removed(tmp_path, count_parses):
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)
    before = quads(out)
    assert any("doc/c_platform" in q for q in before)

    (docs / "c_platform.txt").unlink()
    count_parses.clear()
    summary = build(docs, out)
    assert count_parses == [] and summary.documents == 2
    after = quads(out)
    assert not any("doc/c_platform" in q for q in after)
    assert doc_ids(out) == {"a_court", "b_union"}
    build(docs, tmp_path / "full", incremental=False)
    assert after == quads(tmp_path / "full")
    manifest = read_manifest(out)
    assert set(manifest["documents"]) == {"a_court.txt", "b_union.txt"}
    # the removed article's cache entry is not carried into the new build
    assert len(list((out / "cache").glob("*.json"))) == 3  # two entries and the manifest


def test_a_new_pipeline_version_misses_the_cache(tmp_path, analyse_text):
    result = analyse_text("The Interior Ministry of Freedonia banned the newspaper Morning Star.", "x")
    old = tmp_path / "old"
    cache = DocCache(None, old, version="v-one")
    cache.put(result)
    doc = Document("x", "x.txt", result.document.text)
    assert DocCache(old, tmp_path / "n1", version="v-one").get(doc) == result
    assert DocCache(old, tmp_path / "n2", version="v-two").get(doc) is None
    edited = Document("x", "x.txt", result.document.text + " It appealed.")
    assert DocCache(old, tmp_path / "n3", version="v-one").get(edited) is None


def test_cache_entries_round_trip_and_refuse_foreign_types(analyse_text):
    result = analyse_text("Police in Freedonia detained the blogger Ana Ruiz after the State Security "
                          "Service accused her of spreading false news.", "y")
    assert loads_result(dumps_result(result)) == result
    forged = json.dumps({"__record__": "Popen", "args": ["true"]})
    with pytest.raises(ValueError):
        loads_result(forged)
    nested = json.dumps({"__record__": "DocResult", "document": {"__set__": [{"__record__": "Popen", "args": []}]}})
    with pytest.raises(ValueError):   # a foreign type deep inside an entry is refused as well
        loads_result(nested)


def store_quads(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    return {str(q) for q in store if q.predicate.value != "http://www.w3.org/ns/prov#endedAtTime"}


def test_one_new_article_renders_only_the_pages_it_touches_and_equals_a_full_rebuild(tmp_path):
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)
    before = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*.html")}
    write(docs, dict([NEW]))
    build(docs, out)
    full = tmp_path / "full"
    build(docs, full, incremental=False)
    assert quads(out) == quads(full)                 # the dataset, edge layer included
    assert store_quads(out) == store_quads(full)
    pages = {p.relative_to(out) for p in out.rglob("*.html")}
    assert pages == {p.relative_to(full) for p in full.rglob("*.html")}
    kept = {p for p in pages if before.get(p) == (out / p).stat().st_ino}   # hard-linked, not rendered
    assert kept, "pages the new article does not touch are taken from the previous build"
    assert not any("d_new" in str(p) for p in kept)
    assert {Path("index.html"), Path("network.html")}.isdisjoint(kept)
    for page in pages - kept:                       # what was rendered again is what a full rebuild renders
        assert (out / page).read_bytes() == (full / page).read_bytes(), page
    # an entity of the new article: its page was rendered again
    lantern = [p for p in pages if p.parts[0] == "entity" and "lantern" in p.name.lower()]
    assert lantern and not set(lantern) & kept


@pytest.fixture
def store_updates(monkeypatch):
    """Always update the store by difference (the small corpus would otherwise be loaded whole) and
    record whether each build did."""
    import graph.chunks as chunks
    seen: list[bool] = []
    real = chunks.update_store
    monkeypatch.setattr(chunks, "DELTA_MAX", 10.0)

    def spy(*args):
        seen.append(real(*args))
        return seen[-1]
    monkeypatch.setattr(chunks, "update_store", spy)
    return seen


def test_the_store_updated_by_difference_equals_a_full_rebuild(tmp_path, store_updates):
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)
    assert store_updates == [False]                  # nothing to start from: loaded whole
    steps = [lambda: write(docs, dict([NEW])),                                   # an article added
             lambda: write(docs, {"b_union.txt": ARTICLES["b_union.txt"].replace("Monday", "Friday")}),  # changed
             lambda: (docs / "c_platform.txt").unlink()]                         # removed
    for i, step in enumerate(steps):
        step()
        build(docs, out)
        assert store_updates[-1] is True
        full = tmp_path / f"full{i}"
        build(docs, full, incremental=False)
        assert store_quads(out) == store_quads(full), i
        assert quads(out) == quads(full), i


def test_the_store_difference_reads_line_digests_kept_by_the_previous_build(tmp_path, store_updates):
    import numpy as np

    from graph.chunks import DIGESTS, SHARED, _digests, _kept_digests, _present
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)
    write(docs, dict([NEW]))
    build(docs, out)
    nq = out / "cache" / "nq"
    assert (nq / DIGESTS).is_file() and np.array_equal(_kept_digests(nq), _digests(nq / SHARED))
    (nq / DIGESTS).write_bytes((nq / DIGESTS).read_bytes()[:-16])    # not the file's: made from the file again
    assert np.array_equal(_kept_digests(nq), _digests(nq / SHARED))
    (docs / NEW[0]).unlink()
    build(docs, out)
    full = tmp_path / "full"
    build(docs, full, incremental=False)
    assert store_updates[:3] == [False, True, True]
    assert store_quads(out) == store_quads(full)
    # two digests sharing their first half are still told apart, and one held twice is found
    a = np.array([[1, 2], [1, 3], [5, 5]], dtype="<u8")
    assert _present(a, np.array([[1, 3], [1, 3], [5, 6]], dtype="<u8")).tolist() == [False, True, False]


def test_changed_page_or_quad_writing_code_writes_everything_again(tmp_path, monkeypatch):
    """What is kept between builds is named with a digest of the code that wrote it."""
    import graph.chunks as chunks
    import graph.view_reuse as view_reuse
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)
    pages = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*.html")}
    quads_files = {p.name: p.stat().st_ino for p in (out / "cache" / "nq").glob("*.nq") if p.name != "shared.nq"}
    build(docs, out)   # nothing changed: everything is kept
    assert all((out / p).stat().st_ino == ino for p, ino in pages.items() if p.parts[0] in ("entity", "document"))
    # taken again now: a page the second build rewrote freed its first inode, which the filesystem may
    # hand to a page of the next build; the pages of this build stay in place until the next swaps in
    pages = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*.html")}
    monkeypatch.setattr(view_reuse, "code_version", lambda *paths: "edited")
    monkeypatch.setattr(chunks, "code_version", lambda *paths: "edited")
    build(docs, out)
    assert not any((out / p).stat().st_ino == ino for p, ino in pages.items())
    assert not set(quads_files) & {p.name for p in (out / "cache" / "nq").glob("*.nq")}


def test_swap_in_flushes_new_files_and_not_those_hard_linked_from_the_previous_build(tmp_path, monkeypatch):
    import os

    import graph.build as build_module
    previous, tmp = tmp_path / "previous", tmp_path / "tmp"
    previous.mkdir(), tmp.mkdir()
    (previous / "kept.json").write_text("{}")
    os.link(previous / "kept.json", tmp / "kept.json")
    (tmp / "new.nq").write_text("")
    flushed: list[str] = []
    monkeypatch.setattr(build_module, "_fsync_dir", lambda path: flushed.append(os.path.basename(path)))
    build_module.swap_in(tmp, tmp_path / "out")
    assert "new.nq" in flushed and "tmp" in flushed
    assert "kept.json" not in flushed


def test_mentions_are_dropped_before_the_merge_unless_a_review_file_needs_them(tmp_path, monkeypatch):
    import graph.build as build_module
    from extract.pipeline import REVIEW_FILE
    seen: list[int] = []
    real = build_module.merge

    def spying(results, skipped):
        seen.append(sum(len(r.mentions) for r in results))
        return real(results, skipped)
    monkeypatch.setattr(build_module, "merge", spying)
    docs = write(tmp_path / "docs", ARTICLES)
    out = tmp_path / "out"
    build(docs, out)            # parsed
    build(docs, out)            # from the cache
    (docs / REVIEW_FILE).write_text("", encoding="utf-8")
    build(docs, out)
    assert seen[0] == seen[1] == 0 and seen[2] > 0
    entry = read_manifest(out)["documents"]["a_court.txt"]["entry"]
    assert loads_result((out / "cache" / entry).read_text(encoding="utf-8")).mentions   # the cache keeps them
