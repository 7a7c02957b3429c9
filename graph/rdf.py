"""Corpus records to an RDF dataset: entities and documents in the default
graph, one named graph per document with its relations and their evidence.

Evidence is modelled with standard reification: each relation triple in a
document graph has an assertion node (rdf:Statement, ag:Assertion) holding
the sentence, NIF offsets, rule, confidence, hedged flag and attribution.

Provenance (PROV-O, default graph): each document graph prov:wasDerivedFrom
its source file (path and SHA-256 of the text) and prov:wasGeneratedBy the
build, an activity that records the software version, the model's name,
version and hash, and the time.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from decimal import Decimal
from typing import Iterator
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from extract.metadata import iso_date
from extract.records import Corpus, Document, Entity, Relation
from extract.schema import load_schema
from graph.lookup import lookup_keys

SCHEMA = load_schema()
AG = Namespace(SCHEMA["namespace"])
ID = Namespace(SCHEMA["entity_base"])
SDO = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
PREFIXES = {"rdf": RDF, "xsd": XSD, "ag": AG, "id": ID, "schema": SDO, "nif": NIF, "prov": PROV, "dcterms": DCTERMS,
            "skos": SKOS, "rdfs": RDFS, "owl": OWL}


def entity_iri(gid: str) -> URIRef:
    return ID[quote(gid, safe="/")]


def doc_iri(doc_id: str) -> URIRef:
    return ID["doc/" + quote(doc_id, safe="")]


def assertion_iri(doc_id: str, rel: Relation) -> URIRef:
    return assertion_iri_of(doc_id, rel.subject, rel.prop, rel.object, rel.start, rel.rule)


def assertion_iri_of(doc_id: str, subject: str, prop: str, obj: str, start: int, rule: str) -> URIRef:
    key = f"{subject}|{prop}|{obj}|{start}|{rule}"
    return ID[f"doc/{quote(doc_id, safe='')}/a/{hashlib.sha1(key.encode()).hexdigest()[:16]}"]


def is_entity_id(value: str) -> bool:
    """An entity id ("Person/casey-michel"), as opposed to a source named in free text ("AP/Reuters")."""
    cls, sep, rest = value.partition("/")
    return bool(sep and rest) and cls in SCHEMA["classes"] and not any(c.isspace() for c in value)


def source_iri(source: str) -> URIRef:
    return ID["source/" + quote(source, safe="/")]


def date_literal(value: str) -> Literal:
    """An xsd:date only for a real calendar day written YYYY-MM-DD; anything else ("2015-13-45",
    "June 2015") stays a plain literal rather than an ill-typed xsd:date that breaks date queries."""
    return Literal(value, datatype=XSD.date) if iso_date(value) == value else Literal(value)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_build_info() -> dict:
    """What the build activity records: software version, model name/version/hash, time."""
    from actorgraph import __version__
    from extract.model import model_info
    return {"software": "actorgraph", "version": __version__, "model": model_info(),
            "time": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def entity_triples(ent: Entity) -> Iterator[tuple]:
    """An entity's triples (default graph): class, label, aliases, lookup keys, documents."""
    e = entity_iri(ent.id)
    yield e, RDF.type, AG[ent.cls]
    yield e, RDFS.label, Literal(ent.label)
    for alias in sorted(ent.aliases):
        yield e, SKOS.altLabel, Literal(alias)
    for key in lookup_keys(ent.label, ent.aliases):
        yield e, AG.lookupKey, Literal(key)
    if ent.wikidata:
        yield e, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{ent.wikidata}")
    for doc_id in sorted(ent.docs):
        yield e, AG.mentionedIn, doc_iri(doc_id)


def document_triples(doc: Document, activity: URIRef | None = None) -> Iterator[tuple]:
    """A document's metadata and source file (default graph), linked to the build activity if given."""
    d = doc_iri(doc.doc_id)
    yield d, RDF.type, SDO.NewsArticle
    yield d, DCTERMS.identifier, Literal(doc.doc_id)
    yield d, DCTERMS.source, Literal(doc.source)
    yield d, AG.charLength, Literal(len(doc.text), datatype=XSD.integer)
    src = source_iri(doc.source)
    yield d, PROV.wasDerivedFrom, src
    yield src, RDF.type, AG.SourceFile
    yield src, DCTERMS.identifier, Literal(doc.source)
    yield src, AG.sha256, Literal(text_sha256(doc.text))
    if activity is not None:
        yield d, PROV.wasGeneratedBy, activity
        yield activity, PROV.used, src
    if doc.headline:
        yield d, SDO.headline, Literal(doc.headline)
    if doc.author:
        yield d, SDO.author, Literal(doc.author)
    if doc.date:
        yield d, SDO.datePublished, date_literal(doc.date)
    if doc.publisher:
        yield d, SDO.publisher, Literal(doc.publisher)


def add_corpus(ds: Dataset, corpus: Corpus, build_info: dict | None = None) -> Dataset:
    g = ds.default_graph
    activity = add_build(ds, corpus, build_info) if build_info else None
    if corpus.reviews:
        from graph.review_rdf import add_reviews
        add_reviews(g, corpus.reviews)
    for ent in corpus.entities.values():
        for triple in entity_triples(ent):
            g.add(triple)
    for doc in corpus.documents:
        for triple in document_triples(doc, activity):
            g.add(triple)
        add_relations(ds, doc.doc_id, corpus.relations.get(doc.doc_id, []))
    return ds


def add_build(ds: Dataset, corpus: Corpus, info: dict) -> URIRef:
    """The build activity into the default graph; returns its IRI."""
    activity, triples = build_triples(corpus, info)
    for triple in triples:
        ds.default_graph.add(triple)
    return activity


def build_triples(corpus: Corpus, info: dict) -> tuple[URIRef, list[tuple]]:
    """The build activity; its IRI is a digest of software, model and inputs, so it is stable across
    rebuilds of the same corpus with the same software (only the recorded time changes)."""
    model = info["model"]
    key = "|".join([info["version"], model.get("sha256") or ""] +
                   sorted(f"{d.source}:{text_sha256(d.text)}" for d in corpus.documents))
    activity = ID["build/" + hashlib.sha256(key.encode()).hexdigest()[:16]]
    out = [(activity, RDF.type, PROV.Activity), (activity, RDF.type, AG.Build),
           (activity, PROV.endedAtTime, Literal(info["time"], datatype=XSD.dateTime))]
    software = ID[f"software/{quote(info['software'], safe='')}/{quote(info['version'], safe='')}"]
    out += [(activity, PROV.wasAssociatedWith, software), (software, RDF.type, PROV.SoftwareAgent),
            (software, RDFS.label, Literal(info["software"])),
            (software, SDO.softwareVersion, Literal(info["version"]))]
    m = ID[f"model/{quote(model['name'], safe='')}/{quote(str(model.get('version')), safe='')}"]
    out += [(activity, PROV.used, m), (m, RDF.type, AG.Model), (m, RDFS.label, Literal(model["name"]))]
    if model.get("version"):
        out.append((m, SDO.softwareVersion, Literal(model["version"])))
    if model.get("sha256"):
        out.append((m, AG.sha256, Literal(model["sha256"])))
    return activity, out


def add_relations(ds: Dataset, doc_id: str, relations: list[Relation]) -> None:
    graph = ds.graph(doc_iri(doc_id))
    for triple in relation_triples(doc_id, relations):
        graph.add(triple)


def relation_triples(doc_id: str, relations: list[Relation]) -> Iterator[tuple]:
    """The triples of a document's named graph: each relation and its assertion node."""
    d = doc_iri(doc_id)
    for rel in relations:
        s, p, o = entity_iri(rel.subject), AG[rel.prop], entity_iri(rel.object)
        yield s, p, o
        a = assertion_iri(doc_id, rel)
        yield a, RDF.type, RDF.Statement
        yield a, RDF.type, AG.Assertion
        yield a, RDF.subject, s
        yield a, RDF.predicate, p
        yield a, RDF.object, o
        yield a, PROV.wasDerivedFrom, d
        yield a, AG.sentence, Literal(rel.sentence)
        yield a, NIF.beginIndex, Literal(rel.start, datatype=XSD.nonNegativeInteger)
        yield a, NIF.endIndex, Literal(rel.end, datatype=XSD.nonNegativeInteger)
        yield a, AG.rule, Literal(rel.rule)
        yield a, AG.confidence, Literal(Decimal(str(round(rel.confidence, 3))), datatype=XSD.decimal)
        yield a, AG.hedged, Literal(rel.hedged)
        if rel.attributed_to:
            target = entity_iri(rel.attributed_to) if is_entity_id(rel.attributed_to) else Literal(rel.attributed_to)
            yield a, AG.attributedTo, target
        if rel.date:
            yield from event_date_triples(a, rel)
        if rel.review:
            from graph.review_rdf import add_assertion_review
            sink = Triples()
            add_assertion_review(sink, a, rel.review)
            yield from sink


class Triples(list):
    """A list that takes triples by .add(), for code written against an rdflib graph."""

    def add(self, triple: tuple) -> None:
        self.append(triple)


def event_date_literal(value: str) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by the precision the text gave ("2014-10-28", "2014-10", "2014")."""
    return Literal(value, datatype={10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string))


def event_date_triples(a: URIRef, rel: Relation) -> Iterator[tuple]:
    """When the event happened (extract/dates.py), and where that date comes from."""
    yield a, AG.eventDate, event_date_literal(rel.date)
    yield a, AG.datePrecision, Literal(rel.date_precision or "day")
    yield a, AG.dateSource, Literal(rel.date_source or "article")
    if rel.date_text:
        yield a, AG.dateText, Literal(rel.date_text)



def corpus_to_dataset(corpus: Corpus, build_info: dict | None = None) -> Dataset:
    """The dataset of a corpus with its edge layer (graph.edges); with `build_info` (see
    current_build_info) it records the build activity."""
    from graph.edges import add_edge_layer, corpus_edges, corpus_layer_args
    ds = add_corpus(new_dataset(), corpus, build_info)
    add_edge_layer(ds, corpus_edges(corpus), **corpus_layer_args(corpus))
    return ds
