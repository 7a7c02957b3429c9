"""The edge layer: one node per distinct (subject, property, object) of the corpus, with its support.

The evidence stays where it is (one assertion node per statement in each document's named graph);
this layer sums it up in its own named graph, EDGES_GRAPH (id:edges), so that the questions people ask most
(who did what to whom, how often, since when, how sure) read one node per edge instead of
aggregating every assertion at query time:

    id:edge/<digest> a ag:Edge ; ag:edgeSubject ?s ; ag:edgeProperty ag:blocked ; ag:edgeObject ?o ;
        ag:propertyName "blocked" ; ag:support 3 (documents) ; ag:sentenceCount 4 ;
        ag:document ?d1, ?d2, ?d3 ; ag:firstDate ... ; ag:lastDate ... ;
        ag:maxConfidence 0.91 ; ag:hedgedOnly false .

Each entity that takes part in an edge also gets, in the same graph, ag:degree (its distinct edges
out plus in), ag:relationDocumentCount (the documents stating any of them) and ag:degreeRank (1 =
most edges; ties by label), so a top-N question binds ranks instead of sorting every entity.

An edge is a sum of per-document parts (DocPart), so it can be updated by delta: take away the parts
of the documents that left or changed, add those of the documents that came (graph.delta).
Dates: an assertion's own event date (ag:eventDate, when the text dates the event) where there is one,
else the document's date; xsd:date, xsd:gYearMonth or xsd:gYear, compared as ISO text.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Collection, Iterable, Iterator

from rdflib import RDF, XSD, Literal, URIRef

from extract.records import Corpus, Document, Relation
from graph.rdf import AG, ID, doc_iri, entity_iri

EDGES_GRAPH = ID["edges"]
DATE_TYPES = [(re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date), (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
              (re.compile(r"\d{4}"), XSD.gYear)]

Key = tuple[str, str, str]   # (subject id, property, object id)


@dataclass(slots=True)
class DocPart:
    """What one document contributes to one edge. Once made (doc_parts) its collections are sorted
    tuples, the empty ones shared: at 100,000 articles there are over a million parts."""
    sentences: Collection[tuple[int, int]] = ()
    assertions: Collection[tuple[int, str]] = ()   # (start, rule): what names an assertion node
    confidence: float = 0.0
    hedged_only: bool = True
    first: str | None = None
    last: str | None = None
    hedged: Collection[tuple[int, str]] = ()                  # hedged assertions (start, rule)
    claims: Collection[tuple[int, str, str]] = ()             # attributed ones: (start, rule, by)
    rule_confidences: Collection[tuple[int, str, Decimal]] = ()   # (start, rule, confidence)


@dataclass(slots=True)
class Edge:
    key: Key
    parts: dict[str, DocPart] = field(default_factory=dict)   # doc id -> its part

    @property
    def support(self) -> int:
        return len(self.parts)


def date_type(value: str | None):
    """The XSD type of an ISO date, year-month or year; None for anything else."""
    for pattern, datatype in DATE_TYPES:
        if value and pattern.fullmatch(value):
            return datatype
    return None


def relation_date(rel: Relation, document: Document) -> str | None:
    """When the event happened: the assertion's own date (ag:eventDate, extract/dates.py) or the document's."""
    for value in (rel.date, document.date):
        if date_type(value):
            return value
    return None


def doc_parts(document: Document, relations: Iterable[Relation]) -> dict[Key, DocPart]:
    found: dict[Key, tuple[DocPart, list[set]]] = {}
    for rel in relations:
        key = (rel.subject, rel.prop, rel.object)
        if key not in found:
            found[key] = (DocPart(), [set(), set(), set(), set(), set()])
        part, (sentences, assertions, hedged, claims, confidences) = found[key]
        sentences.add((rel.start, rel.end))
        assertions.add((rel.start, rel.rule))
        confidences.add((rel.start, rel.rule, _decimal(rel.confidence)))
        if rel.hedged:
            hedged.add((rel.start, rel.rule))
        if rel.attributed_to:
            claims.add((rel.start, rel.rule, rel.attributed_to))
        part.confidence = max(part.confidence, round(float(rel.confidence), 3))
        part.hedged_only = part.hedged_only and bool(rel.hedged)
        when = relation_date(rel, document)
        if when:
            part.first = min(part.first or when, when)
            part.last = max(part.last or when, when)
    parts = {}
    for key, (part, (sentences, assertions, hedged, claims, confidences)) in found.items():
        part.sentences, part.assertions, part.hedged, part.claims, part.rule_confidences = (
            tuple(sorted(values)) for values in (sentences, assertions, hedged, claims, confidences))
        parts[key] = part
    return parts


@lru_cache(maxsize=4096, typed=True)   # typed: 1 and 1.0 are written differently
def _decimal(confidence: float) -> Decimal:
    """A confidence as the Decimal the layer sums (one object per value: they repeat)."""
    return Decimal(str(round(confidence, 3)))


def corpus_edges(corpus: Corpus) -> dict[Key, Edge]:
    edges: dict[Key, Edge] = {}
    for doc in corpus.documents:
        add_parts(edges, doc.doc_id, doc_parts(doc, corpus.relations.get(doc.doc_id, [])))
    return edges


def add_parts(edges: dict[Key, Edge], doc_id: str, parts: dict[Key, DocPart]) -> None:
    for key, part in parts.items():
        edges.setdefault(key, Edge(key)).parts[doc_id] = part


def remove_doc(edges: dict[Key, Edge], doc_id: str, keys: Iterable[Key]) -> None:
    for key in keys:
        edge = edges.get(key)
        if edge is not None:
            edge.parts.pop(doc_id, None)
            if not edge.parts:
                del edges[key]


def edge_iri(key: Key) -> URIRef:
    return ID["edge/" + hashlib.sha1("|".join(key).encode("utf-8")).hexdigest()[:20]]


def _date(value: str) -> Literal:
    return Literal(value, datatype=date_type(value))


def edge_state(edge: Edge) -> tuple:
    """Everything edge_triples reads from an edge: equal states give equal triples."""
    parts = edge.parts.values()
    firsts = [p.first for p in parts if p.first]
    return (edge.key, tuple(sorted(edge.parts)), sum(len(p.sentences) for p in parts),
            sum(len(p.assertions) for p in parts), max(p.confidence for p in parts),
            all(p.hedged_only for p in parts), min(firsts) if firsts else None,
            max((p.last for p in parts if p.last), default=None))


def edge_triples(edge: Edge) -> Iterator[tuple]:
    s, prop, o = edge.key
    e = edge_iri(edge.key)
    parts = edge.parts.values()
    yield e, RDF.type, AG.Edge
    yield e, AG.edgeSubject, entity_iri(s)
    yield e, AG.edgeProperty, AG[prop]
    yield e, AG.edgeObject, entity_iri(o)
    yield e, AG.propertyName, Literal(prop)
    yield e, AG.support, Literal(len(edge.parts), datatype=XSD.integer)
    yield e, AG.sentenceCount, Literal(sum(len(p.sentences) for p in parts), datatype=XSD.integer)
    yield e, AG.assertionCount, Literal(sum(len(p.assertions) for p in parts), datatype=XSD.integer)
    yield e, AG.maxConfidence, Literal(Decimal(str(max(p.confidence for p in parts))), datatype=XSD.decimal)
    yield e, AG.hedgedOnly, Literal(all(p.hedged_only for p in parts))
    firsts = [p.first for p in parts if p.first]
    if firsts:
        yield e, AG.firstDate, _date(min(firsts))
        yield e, AG.lastDate, _date(max(p.last for p in parts if p.last))
    for doc_id in sorted(edge.parts):
        yield e, AG.document, doc_iri(doc_id)


def entity_stats(edges: dict[Key, Edge]) -> dict[str, tuple[int, int]]:
    """Entity id -> (distinct edges out plus in, documents stating any of them)."""
    degree: dict[str, int] = {}
    docs: dict[str, set[str]] = {}
    for (s, _, o), edge in edges.items():
        for end in (s, o):   # a loop (s == o) counts out and in, as two edges
            degree[end] = degree.get(end, 0) + 1
            docs.setdefault(end, set()).update(edge.parts)
    return {e: (degree[e], len(docs[e])) for e in degree}


def stats_triples(entity: str, degree: int, documents: int, rank: int) -> Iterator[tuple]:
    e = entity_iri(entity)
    yield e, AG.degree, Literal(degree, datatype=XSD.integer)
    yield e, AG.relationDocumentCount, Literal(documents, datatype=XSD.integer)
    yield e, AG.degreeRank, Literal(rank, datatype=XSD.integer)


def degree_ranks(stats: dict[str, tuple[int, int]], labels: dict[str, str]) -> dict[str, int]:
    """1 for the entity with the most edges, then down; ties by label, then id (as central_actors.rq
    orders them), so a top-N query binds ranks 1..N instead of sorting every entity."""
    order = sorted(stats, key=lambda e: (-stats[e][0], labels.get(e, ""), e))
    return {e: i for i, e in enumerate(order, 1)}


def layer_triples(edges: dict[Key, Edge], labels: dict[str, str] | None = None, classes: dict[str, str] | None = None,
                  mentions: dict[str, int] | None = None, doc_ids=(), edge_nodes: bool = True) -> Iterator[tuple]:
    """Every triple of the edge layer's graph: the edge nodes, the entities' counts and ranks
    (`labels`: entity id -> label, for the order of ties), then the listing pages, document counts and
    rule sums of graph.listings (`classes`: entity id -> class; `mentions`: doc id -> entities mentioning it).
    edge_nodes=False leaves out the edge nodes (edge_triples, for a caller that keeps their text)."""
    from graph.listings import listing_triples
    for key in sorted(edges) if edge_nodes else ():
        yield from edge_triples(edges[key])
    stats = entity_stats(edges)
    ranks = degree_ranks(stats, labels or {})
    for entity in sorted(stats):
        yield from stats_triples(entity, *stats[entity], ranks[entity])
    yield from listing_triples(edges, labels or {}, classes or {}, mentions, doc_ids)


def corpus_layer_args(corpus: Corpus) -> dict:
    """What layer_triples needs from a corpus besides its edges."""
    mentions: dict[str, int] = {}
    for ent in corpus.entities.values():
        for doc_id in ent.docs:
            mentions[doc_id] = mentions.get(doc_id, 0) + 1
    return {"labels": {e.id: e.label for e in corpus.entities.values()},
            "classes": {e.id: e.cls for e in corpus.entities.values()},
            "mentions": mentions, "doc_ids": [d.doc_id for d in corpus.documents]}


def add_edge_layer(ds, edges: dict[Key, Edge], **layer_args) -> None:
    """The edge layer into an rdflib Dataset, in its own named graph."""
    graph = ds.graph(EDGES_GRAPH)
    for triple in layer_triples(edges, **layer_args):
        graph.add(triple)
