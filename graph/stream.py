"""Streaming writers: the dataset written one document at a time, never held whole in memory.

graph/rdf.py stays the one place that maps records to triples: the default
graph (entities) and then each document (its metadata and its named graph)
are each turned into a small rdflib Dataset by rdf.add_corpus over a corpus
of just that part, written out as N-Quads and dropped. Oxigraph then turns
the N-Quads into TriG and the union Turtle with its streaming serializers
and bulk-loads the store from the same file. Peak memory is the records of
the corpus plus one document's triples, not an rdflib graph of everything.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV

from extract.records import Corpus
from graph.rdf import PREFIXES, add_build, add_corpus, doc_iri, new_dataset, source_iri


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


def _lines(ds) -> Iterator[str]:
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        graph = "" if name is None or str(name) == "urn:x-rdflib:default" else " " + _n3(name)
        yield f"{_n3(s)} {_n3(p)} {_n3(o)}{graph} .\n"


def iter_nquads(corpus: Corpus, build_info: dict | None = None) -> Iterator[str]:
    """N-Quads lines of the dataset, part by part: what rdf.corpus_to_dataset(corpus, build_info) holds."""
    head = add_corpus(new_dataset(), Corpus([], corpus.entities, {}, {}, [], corpus.reviews))
    activity = add_build(head, corpus, build_info) if build_info else None
    yield from _lines(head)
    del head
    for doc in corpus.documents:
        part = Corpus([doc], {}, {doc.doc_id: corpus.relations.get(doc.doc_id, [])},
                      {doc.doc_id: corpus.mentions.get(doc.doc_id, [])}, [])
        ds = add_corpus(new_dataset(), part)
        if activity is not None:  # what add_corpus links to the build activity for each document
            ds.default_graph.add((doc_iri(doc.doc_id), PROV.wasGeneratedBy, activity))
            ds.default_graph.add((activity, PROV.used, source_iri(doc.source)))
        yield from _lines(ds)


def write_nquads(corpus: Corpus, path: Path, build_info: dict | None = None) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for line in iter_nquads(corpus, build_info):
            f.write(line)
            n += 1
    return n


def write_dataset(corpus: Corpus, out: Path, store: bool = True, build_info: dict | None = None) -> int:
    """graph.nq, graph.trig, graph.ttl (and store/) of a build, streamed. Returns the number of quads."""
    out = Path(out)
    nq = out / "graph.nq"
    n = write_nquads(corpus, nq, build_info)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    ox.serialize(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS), str(out / "graph.trig"),
                 format=ox.RdfFormat.TRIG, prefixes=prefixes)
    # the union of all graphs: a triple stated in several documents is repeated, which Turtle allows
    ox.serialize((q.triple for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)),
                 str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    if store:
        s = ox.Store(str(out / "store"))
        s.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        s.flush()
        del s
    return n
