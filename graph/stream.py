"""Streaming writers: the dataset written one document at a time, never held whole in memory.

graph/rdf.py stays the one place that maps records to triples: its generators
(entity_triples, document_triples, relation_triples, build_triples) and
graph/edges.py's edge_triples are written straight out as N-Quads text, one
entity or document at a time, without an rdflib graph in between. Oxigraph then turns
the N-Quads into TriG and the union Turtle with its streaming serializers
and bulk-loads the store from the same file. Peak memory is the records of
the corpus plus one document's triples, not an rdflib graph of everything.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from extract.records import Corpus, Document, Relation
from graph.edges import EDGES_GRAPH, corpus_edges, corpus_layer_args, layer_triples
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


def document_nquads(doc: Document, relations: list[Relation], activity: URIRef | None = None) -> str:
    """One document's quads as N-Quads text: its metadata (default graph) and its named graph.
    Plain text, so a worker process can make it and hand it over as one string."""
    graph = " " + _n3(doc_iri(doc.doc_id))
    lines = [_line(*t) for t in document_triples(doc, activity)]
    lines += [_line(*t, graph) for t in relation_triples(doc.doc_id, relations)]
    return "".join(dict.fromkeys(lines))   # a graph is a set: a triple stated twice is written once


def edge_lines(edges: dict, **layer_args) -> Iterator[str]:
    """N-Quads of the edge layer (graph.edges), in its own named graph (`layer_args`: see layer_triples)."""
    graph = " " + _n3(EDGES_GRAPH)
    for triple in layer_triples(edges, **layer_args):
        yield _line(*triple, graph)


def iter_nquads(corpus: Corpus, build_info: dict | None = None, edges: bool = True,
                chunks=None) -> Iterator[str]:
    """N-Quads of the dataset, part by part: what rdf.corpus_to_dataset(corpus, build_info) holds.
    The triples come from graph/rdf.py's generators, written without an rdflib graph in between.
    edges=False leaves out the edge layer (a caller that writes it from parts of its own);
    `chunks` (graph.chunks.ChunkCache) reuses the text of documents unchanged since the last build."""
    activity = None
    shared = chunks.shared if chunks is not None else (lambda text: text)   # what is not one document's
    if build_info:
        activity, triples = build_triples(corpus, build_info)
        yield shared("".join(_line(*t) for t in triples))
    if corpus.reviews:   # the review decisions replayed on this corpus (graph/review_rdf.py)
        from graph.review_rdf import add_reviews
        sink = Triples()
        add_reviews(sink, corpus.reviews)
        yield shared("".join(dict.fromkeys(_line(*t) for t in sink)))   # a reviewer named twice is one triple
    for ent in corpus.entities.values():
        yield shared("".join(_line(*t) for t in entity_triples(ent)))
    for doc in corpus.documents:
        relations = corpus.relations.get(doc.doc_id, [])
        if chunks is None:
            yield document_nquads(doc, relations, activity)
            continue
        yield chunks.text(doc, relations, lambda: document_nquads(doc, relations))
        if activity is not None:   # what ties the document to this build, apart: it changes every build
            yield shared(_line(doc_iri(doc.doc_id), PROV.wasGeneratedBy, activity)
                         + _line(activity, PROV.used, source_iri(doc.source)))
    if edges:
        for text in edge_lines(corpus_edges(corpus), **corpus_layer_args(corpus)):
            yield shared(text)


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
    nq = out / "graph.nq"
    chunks = ChunkCache(previous, out)
    n = write_nquads(corpus, nq, build_info, chunks=chunks)
    chunks.finish()
    ox.serialize(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS), str(out / "graph.trig"),
                 format=ox.RdfFormat.TRIG, prefixes=_prefixes())
    write_union_turtle(nq, out / "graph.ttl")
    if store and not update_store(chunks, previous, out / "store"):
        s = ox.Store(str(out / "store"))
        s.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        s.flush()
        del s
    return n
