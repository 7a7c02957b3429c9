"""Streaming writers: the dataset written one document at a time, never held whole in memory.

graph/rdf.py stays the one place that maps records to triples: its generators
(entity_triples, document_triples, relation_triples, build_triples) and
graph/edges.py's edge_triples are written straight out as N-Quads text, one
entity or document at a time, without an rdflib graph in between. The same text, written as
N-Triples lines, is also graph.trig (one block per named graph) and the union graph.ttl
(DatasetFiles): N-Triples lines are valid TriG and Turtle, so no serialiser reads the corpus
again, and a document unchanged since the last build is copied from its kept fragment
(graph.chunks). The store is bulk-loaded from graph.nq, or updated by difference. Peak memory is the records of
the corpus plus one document's triples, not an rdflib graph of everything.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from extract.records import Corpus, Document, Relation
from graph.edges import EDGES_GRAPH, corpus_edges, corpus_layer_args, edge_state, edge_triples, layer_triples
from graph.memory import give_back
from graph.rdf import (PREFIXES, Triples, build_triples, doc_iri, document_triples, entity_triples, relation_triples,
                       source_iri)


def _n3(term) -> str:
    """N-Triples form of a term (rdflib's n3() may leave line breaks in literals)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        value = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{value}"@{term.language}'
        return f'"{value}"^^<{term.datatype}>' if term.datatype else f'"{value}"'
    raise ValueError(f"cannot stream a {type(term).__name__} (blank nodes are not expected in a build)")


def _line(s, p, o, graph: str = "") -> str:
    return f"{_n3(s)} {_n3(p)} {_n3(o)}{graph} .\n"


def document_parts(doc: Document, relations: list[Relation], activity: URIRef | None = None) -> tuple[str, str]:
    """One document's triples as N-Triples text: its metadata (default graph) and its named graph.
    A graph is a set: a triple stated twice is written once."""
    meta = "".join(dict.fromkeys(_line(*t) for t in document_triples(doc, activity)))
    named = "".join(dict.fromkeys(_line(*t) for t in relation_triples(doc.doc_id, relations)))
    return meta, named


def in_graph(graph: str, nt: str) -> str:
    """N-Triples lines as N-Quads of `graph` (its N-Triples form). Every line ends with " .\n" and a
    literal never holds a line break (escaped by _n3), so the replacement touches line ends only."""
    return nt.replace(" .\n", f" {graph} .\n")


def trig_block(graph: str, nt: str) -> str:
    """N-Triples lines as one TriG block of `graph` (N-Triples lines are TriG statements)."""
    return f"{graph} {{\n{nt}}}\n" if nt else ""


def split_trig(fragment: str) -> tuple[str, str]:
    """(default-graph lines, named-graph lines) of a document's TriG fragment (trig_block after the
    metadata). " {\n" ends the block's first line and no statement line, which end with " .\n"."""
    brace = fragment.find(" {\n")
    if brace < 0:
        return fragment, ""
    return fragment[:fragment.rfind("\n", 0, brace) + 1], fragment[brace + 3:-2]


def document_nquads(doc: Document, relations: list[Relation], activity: URIRef | None = None) -> str:
    """One document's quads as N-Quads text: its metadata (default graph) and its named graph.
    Plain text, so a worker process can make it and hand it over as one string."""
    meta, named = document_parts(doc, relations, activity)
    return meta + in_graph(_n3(doc_iri(doc.doc_id)), named)


def edge_triples_nt(edges: dict, **layer_args) -> Iterator[str]:
    """N-Triples lines of the edge layer (graph.edges; `layer_args`: see layer_triples)."""
    for triple in layer_triples(edges, **layer_args):
        yield _line(*triple)


def edge_lines(edges: dict, **layer_args) -> Iterator[str]:
    """N-Quads of the edge layer (graph.edges), in its own named graph (`layer_args`: see layer_triples)."""
    graph = " " + _n3(EDGES_GRAPH)
    for triple in layer_triples(edges, **layer_args):
        yield _line(*triple, graph)


def iter_parts(corpus: Corpus, build_info: dict | None = None, edges: bool = True,
               chunks=None) -> Iterator[tuple]:
    """The dataset part by part, as N-Triples text: ("default", nt) for default-graph lines,
    ("edges", nt) for lines of the edge layer's graph, ("document", nquads, trig) for a document's
    metadata and named graph. The triples come from graph/rdf.py's generators, written without an
    rdflib graph in between. `chunks` (graph.chunks.ChunkCache) reuses the text of documents unchanged
    since the last build and records the rest (what is not one document's) in its shared.nq."""
    activity = None
    shared = chunks.shared if chunks is not None else (lambda text: text)
    if build_info:
        activity, triples = build_triples(corpus, build_info)
        yield "default", shared("".join(_line(*t) for t in triples))
    if corpus.reviews:   # the review decisions replayed on this corpus (graph/review_rdf.py)
        from graph.review_rdf import add_reviews
        sink = Triples()
        add_reviews(sink, corpus.reviews)
        yield "default", shared("".join(dict.fromkeys(_line(*t) for t in sink)))   # a reviewer named twice is one triple
    kept = chunks.kept("entities", "graph/lookup.py") if chunks is not None else None
    for ent in corpus.entities.values():
        if kept is None:
            yield "default", "".join(_line(*t) for t in entity_triples(ent))
            continue
        state = (ent.id, ent.label, ent.cls, tuple(sorted(ent.aliases)), ent.wikidata, tuple(sorted(ent.docs)))
        yield "default", shared(kept.text(state, lambda: "".join(_line(*t) for t in entity_triples(ent))))
    for doc in corpus.documents:
        relations = corpus.relations.get(doc.doc_id, [])
        if chunks is None:
            meta, named = document_parts(doc, relations, activity)
            graph = _n3(doc_iri(doc.doc_id))
            yield "document", meta + in_graph(graph, named), meta + trig_block(graph, named)
            continue
        yield ("document",) + chunks.document(doc, relations, lambda: document_parts(doc, relations))
        if activity is not None:   # what ties the document to this build, apart: it changes every build
            yield "default", shared(_line(doc_iri(doc.doc_id), PROV.wasGeneratedBy, activity)
                                    + _line(activity, PROV.used, source_iri(doc.source)))
    if edges:
        graph = _n3(EDGES_GRAPH)
        batch: list[str] = []
        for line in _edge_layer_nt(corpus, chunks):
            batch.append(line)
            if len(batch) >= 5000:
                nt = "".join(batch)
                shared(in_graph(graph, nt))
                yield "edges", nt
                batch = []
        if batch:
            nt = "".join(batch)
            shared(in_graph(graph, nt))
            yield "edges", nt


def _edge_layer_nt(corpus: Corpus, chunks=None) -> Iterator[str]:
    """The edge layer as N-Triples text; with `chunks`, each edge node's text is the previous build's
    when the edge is unchanged (graph.chunks.EdgeText)."""
    edges, args = corpus_edges(corpus), corpus_layer_args(corpus)
    if chunks is None:
        yield from edge_triples_nt(edges, **args)
        return
    kept = chunks.kept("edges", "graph/edges.py")
    for key in sorted(edges):
        edge = edges[key]
        yield kept.text(edge_state(edge), lambda: "".join(_line(*t) for t in edge_triples(edge)))
    for triple in layer_triples(edges, edge_nodes=False, **args):
        yield _line(*triple)


def iter_nquads(corpus: Corpus, build_info: dict | None = None, edges: bool = True,
                chunks=None) -> Iterator[str]:
    """N-Quads of the dataset, part by part: what rdf.corpus_to_dataset(corpus, build_info) holds.
    edges=False leaves out the edge layer (a caller that writes it from parts of its own)."""
    graph = _n3(EDGES_GRAPH)
    for kind, text, *rest in iter_parts(corpus, build_info, edges, chunks):
        yield in_graph(graph, text) if kind == "edges" else text


class DatasetFiles:
    """graph.nq, graph.trig and graph.ttl written side by side from the same N-Triples text, by
    concatenation: no parser or serialiser reads the corpus again. The TriG holds one block per named
    graph (each document's, and the edge layer's), the Turtle every triple of every graph."""

    def __init__(self, out: Path):
        self.nq = open(out / "graph.nq", "w", encoding="utf-8")
        self.trig = open(out / "graph.trig", "w", encoding="utf-8")
        self.ttl = open(out / "graph.ttl", "w", encoding="utf-8")
        self.quads = 0
        self._edges_open = False
        self._edges = _n3(EDGES_GRAPH)

    def write(self, kind: str, text: str, trig: str | None = None) -> None:
        self.quads += text.count("\n")
        if kind == "edges":
            if not self._edges_open:
                self.trig.write(f"{self._edges} {{\n")
                self._edges_open = True
            self.nq.write(in_graph(self._edges, text))
            self.trig.write(text)
            self.ttl.write(text)
            return
        self._close_edges()
        self.nq.write(text)
        if kind == "document":
            meta, named = split_trig(trig)
            self.trig.write(trig)
            self.ttl.write(meta)
            self.ttl.write(named)
        else:
            self.trig.write(text)
            self.ttl.write(text)

    def _close_edges(self) -> None:
        if self._edges_open:
            self.trig.write("}\n")
            self._edges_open = False

    def close(self) -> None:
        self._close_edges()
        for f in (self.nq, self.trig, self.ttl):
            f.close()


def write_nquads(corpus: Corpus, path: Path, build_info: dict | None = None, chunks=None) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for chunk in iter_nquads(corpus, build_info, chunks=chunks):
            f.write(chunk)
            n += chunk.count("\n")
    return n


def _prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items()}


def write_union_turtle(nquads: Path, path: Path) -> None:
    """The union of all graphs as Turtle: a triple stated in several documents is repeated, which
    Turtle allows."""
    ox.serialize((q.triple for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)),
                 str(path), format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


def write_dataset(corpus: Corpus, out: Path, store: bool = True, build_info: dict | None = None,
                  previous: Path | None = None) -> int:
    """graph.nq, graph.trig, graph.ttl (and store/) of a build, streamed; documents unchanged since
    the `previous` build folder are not turned into text again, and its store is updated by difference
    rather than loaded again (graph.chunks). Returns the number of quads."""
    from graph.chunks import ChunkCache, update_store
    out = Path(out)
    chunks = ChunkCache(previous, out)
    files = DatasetFiles(out)
    try:
        for kind, text, *trig in iter_parts(corpus, build_info, chunks=chunks):
            files.write(kind, text, *trig)
    finally:
        files.close()
    chunks.finish()
    give_back()   # the edge layer and its listing rows, freed: the store's loader comes on top of what is left
    if store and not update_store(chunks, previous, out / "store"):
        load_store(out / "graph.nq", out / "store")
    return files.quads


STORE_SLICE = 250_000   # quads per bulk load: about 0.45 GiB of loader memory (2 GiB for 3.9M quads at once)


def load_store(nquads: Path, store_dir: Path, size: int = STORE_SLICE) -> None:
    """A new store holding an N-Quads file, bulk-loaded `size` lines at a time. Oxigraph's bulk loader
    holds the quads it is given in memory (2.0 GiB for the 3.9M quads of 10,000 articles); one slice at a
    time its peak stays near 0.45 GiB whatever the corpus size (measured: 0.46 GiB at 3.9M quads, 0.52 GiB
    at 11.6M), for about twice the time. An N-Quads line is one quad (line breaks in literals are escaped)."""
    from itertools import islice
    store = ox.Store(str(store_dir))
    with open(nquads, "rb") as f:
        while lines := list(islice(f, size)):
            store.bulk_load(b"".join(lines), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
