"""graph/stream.py writes, document by document, exactly the dataset rdf.corpus_to_dataset builds."""
from __future__ import annotations

import pyoxigraph as ox

from extract.pipeline import to_corpus
from graph.rdf import corpus_to_dataset
from graph.stream import iter_nquads, load_store, write_dataset

TEXTS = {
    "s1": "12 May 2020\nRegulator blocks news site\n\nThe Media Authority of Freedonia blocked the news site "
          "Civic Wire on Monday. \"We will appeal,\" said its editor, Lena Park.\nA line with a \\ backslash.\n",
    "s2": "Police in Port Alba detained the blogger Omar Haddad, the Freedonian Union of Journalists said. "
          "The union is led by Marta Velez.\n",
}
INFO = {"software": "actorgraph", "version": "0-test", "time": "2020-01-01T00:00:00+00:00",
        "model": {"name": "m", "version": "1", "sha256": "ab" * 32}}


def quads_of_dataset(ds) -> set[str]:
    return {str(q) for q in ox.parse(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)}


def test_streamed_quads_equal_the_in_memory_dataset(analyse_text):
    corpus = to_corpus([analyse_text(t, k) for k, t in TEXTS.items()], [])
    for info in (None, INFO):
        streamed = "".join(iter_nquads(corpus, info)).encode("utf-8")
        got = {str(q) for q in ox.parse(streamed, format=ox.RdfFormat.N_QUADS)}
        assert got == quads_of_dataset(corpus_to_dataset(corpus, info))


def test_write_dataset_gives_trig_turtle_and_store_that_agree(tmp_path, analyse_text):
    corpus = to_corpus([analyse_text(t, k) for k, t in TEXTS.items()], [])
    n = write_dataset(corpus, tmp_path)
    trig = list(ox.parse(path=str(tmp_path / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(trig) == n > 0
    assert {str(q) for q in trig} == quads_of_dataset(corpus_to_dataset(corpus))
    union = {str(t) for t in ox.parse(path=str(tmp_path / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert union == {str(q.triple) for q in trig}
    store = ox.Store.read_only(str(tmp_path / "store"))
    assert len(store) == n


def test_store_loaded_in_slices_holds_every_quad(tmp_path, analyse_text):
    """The store is bulk-loaded a few lines at a time (bounded memory); slices that cut the file anywhere,
    a literal with an escaped line break included, give the store one bulk load of the whole file gives."""
    corpus = to_corpus([analyse_text(t, k) for k, t in TEXTS.items()], [])
    write_dataset(corpus, tmp_path, store=False)
    nq = tmp_path / "graph.nq"
    nq.write_text(nq.read_text(encoding="utf-8") + '<urn:a> <urn:b> "two\\nlines" <urn:g> .\n', encoding="utf-8")
    whole = ox.Store(str(tmp_path / "whole"))
    whole.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    expected = {str(q) for q in whole}
    assert len(expected) == sum(1 for _ in open(nq, encoding="utf-8")) > 100
    for size in (1, 7, 10**6):
        load_store(nq, tmp_path / f"store{size}", size=size)
        store = ox.Store.read_only(str(tmp_path / f"store{size}"))
        assert {str(q) for q in store} == expected
        assert any(isinstance(q.object, ox.Literal) and q.object.value == "two\nlines" for q in store)


def test_named_graphs_and_awkward_literals_survive_streaming():
    from extract.records import Corpus, Document, Entity, Relation
    ents = {"Agency/media-authority": Entity("Agency/media-authority", "Media Authority", "Agency",
                                             {"the \"Authority\""}, {"d1"}),
            "Outlet/civic-wire": Entity("Outlet/civic-wire", "Civic Wire", "Outlet", set(), {"d1"})}
    sentence = 'The "Authority" blocked\nCivic Wire \\ today.'
    rel = Relation("Agency/media-authority", "blocked", "Outlet/civic-wire", sentence, 0, len(sentence),
                   "dep.block.v1", 0.8, hedged=True, attributed_to="a spokesman")
    corpus = Corpus([Document("d1", "d1.txt", sentence)], ents, {"d1": [rel]}, {"d1": []})
    got = list(ox.parse("".join(iter_nquads(corpus, INFO)).encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert {str(q) for q in got} == quads_of_dataset(corpus_to_dataset(corpus, INFO))
    named = [q for q in got if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert any(q.object.value == sentence for q in named if isinstance(q.object, ox.Literal))


def test_write_outputs_writes_the_in_memory_dataset_streamed(tmp_path, analyse_text):
    from graph.build import write_outputs
    from graph.rdf import current_build_info
    corpus = to_corpus([analyse_text(t, k) for k, t in TEXTS.items()], [])
    write_outputs(corpus, tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert {"graph.trig", "graph.ttl", "graph.nq", "index.html", "store"} <= names
    assert not {"graph.jsonld", "edges.csv", "graph.graphml", "graph.gexf"} & names   # on request only

    def without_time(quads):
        return {q for q in quads if "prov#endedAtTime" not in q}
    written = {str(q) for q in ox.parse(path=str(tmp_path / "graph.trig"), format=ox.RdfFormat.TRIG)}
    assert without_time(written) == without_time(quads_of_dataset(corpus_to_dataset(corpus, current_build_info())))


def test_trig_and_turtle_written_by_concatenation_keep_awkward_literals_and_reused_fragments(tmp_path):
    """graph.trig and graph.ttl are N-Triples text joined into blocks, not serialised: a literal with a
    line break, ' .', braces or a backslash must not break a block, in a first build or from kept fragments."""
    from extract.records import Corpus, Document, Entity, Relation
    ents = {"Agency/a": Entity("Agency/a", "A {x} .", "Agency", {"the \"A\" }"}, {"d1"}),
            "Outlet/b": Entity("Outlet/b", "B", "Outlet", set(), {"d1", "d2"})}
    sentence = 'A blocked B .\n} {\n<x> \\ today. '
    rel = Relation("Agency/a", "blocked", "Outlet/b", sentence, 0, len(sentence), "dep.block.v1", 0.8)
    docs = [Document("d1", "d1.txt", sentence, headline="H {\n"), Document("d2", "d2.txt", "no relation here")]
    corpus = Corpus(docs, ents, {"d1": [rel]}, {"d1": [], "d2": []})
    expected = quads_of_dataset(corpus_to_dataset(corpus, INFO))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    write_dataset(corpus, first, build_info=INFO)
    write_dataset(corpus, second, build_info=INFO, previous=first)
    for out in (first, second):
        trig = {str(q) for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)}
        nq = {str(q) for q in ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
        assert trig == nq == expected
        ttl = {str(t) for t in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
        assert ttl == {str(q.triple) for q in ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
    assert len(list((second / "cache" / "nq").glob("*.trig"))) == 2
    assert all(p.stat().st_nlink == 2 for p in (second / "cache" / "nq").glob("*.trig"))   # kept, not written again


def test_kept_edge_text_is_used_only_for_unchanged_edges(tmp_path):
    """An edge node's text is taken from the previous build only when nothing it shows changed:
    support, documents, confidence, hedging and dates each change one edge here."""
    import json

    from extract.records import Corpus, Document, Entity, Relation
    ents = {k: Entity(k, k.split("/")[1], k.split("/")[0], set(), {"d1", "d2", "d3"})
            for k in ("Agency/a", "Outlet/b", "Outlet/c", "Person/p", "Group/g")}

    def rel(s, prop, o, conf=0.8, hedged=False, date=None):
        return Relation(s, prop, o, f"{s} {prop} {o}.", 0, 10, "dep.block.v1", conf, hedged=hedged, date=date)
    docs = [Document(d, f"{d}.txt", "text", date="2020-01-01") for d in ("d1", "d2", "d3")]
    before = Corpus(docs[:2], ents, {"d1": [rel("Agency/a", "blocked", "Outlet/b"), rel("Person/p", "memberOf", "Group/g")],
                                     "d2": [rel("Agency/a", "blocked", "Outlet/c"), rel("Person/p", "leads", "Group/g")]},
                    {"d1": [], "d2": []})
    renamed = dict(ents, **{"Outlet/c": Entity("Outlet/c", "c", "Outlet", {"C Daily"}, {"d1", "d2", "d3"})})
    after = Corpus(docs, renamed, {"d1": [rel("Agency/a", "blocked", "Outlet/b"), rel("Person/p", "memberOf", "Group/g")],
                                "d2": [rel("Agency/a", "blocked", "Outlet/c", conf=0.9, hedged=True),
                                       rel("Person/p", "leads", "Group/g", date="2019-05")],
                                "d3": [rel("Agency/a", "blocked", "Outlet/b")]},
                   {"d1": [], "d2": [], "d3": []})
    first, again, fresh = tmp_path / "first", tmp_path / "again", tmp_path / "fresh"
    for folder in (first, again, fresh):
        folder.mkdir()
    write_dataset(before, first, build_info=INFO)
    write_dataset(after, again, build_info=INFO, previous=first)
    write_dataset(after, fresh, build_info=INFO)

    def quads(out):
        return {str(q) for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)}
    assert quads(again) == quads(fresh) == quads_of_dataset(corpus_to_dataset(after, INFO))
    index = json.loads((again / "cache" / "nq" / "edges.json").read_text())
    old = {digest for digest, _, _ in json.loads((first / "cache" / "nq" / "edges.json").read_text())}
    assert sum(digest in old for digest, _, _ in index) == 1   # only p memberOf g is unchanged
    index = json.loads((again / "cache" / "nq" / "entities.json").read_text())
    old = {digest for digest, _, _ in json.loads((first / "cache" / "nq" / "entities.json").read_text())}
    assert sum(digest in old for digest, _, _ in index) == 4   # c has a new alias


def test_kept_text_index_is_written_as_it_goes_in_json_dumps_form(tmp_path):
    import json

    from graph.chunks import KeptText
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    kept = KeptText(None, old, "edges")
    for state, text in [(("a",), "<a> <p> <b> .\n"), (("empty",), ""), (("c",), '<c> <p> "é\\n" .\n')]:
        kept.text(state, lambda text=text: text)
    kept.finish()
    index = json.loads((old / "edges.json").read_text(encoding="utf-8"))
    assert (old / "edges.json").read_text(encoding="utf-8") == json.dumps(index)   # the form json.dumps gives
    assert [(o, n) for _, o, n in index] == [(0, 14), (14, 0), (14, 17)]
    again = KeptText(old, new, "edges")   # the next build reads it back and slices the kept text
    assert again.text(("c",), lambda: "made again") == '<c> <p> "é\\n" .\n' and again.reused == 1
    again.finish()
    assert json.loads((new / "edges.json").read_text(encoding="utf-8"))[0][1:] == [0, 17]
