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
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from extract.metadata import iso_date
from extract.records import Corpus, Relation
from extract.schema import load_schema

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
    key = f"{rel.subject}|{rel.prop}|{rel.object}|{rel.start}|{rel.rule}"
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


def add_corpus(ds: Dataset, corpus: Corpus, build_info: dict | None = None) -> Dataset:
    g = ds.default_graph
    activity = add_build(ds, corpus, build_info) if build_info else None
    if corpus.reviews:
        from graph.review_rdf import add_reviews
        add_reviews(g, corpus.reviews)
    for ent in corpus.entities.values():
        e = entity_iri(ent.id)
        g.add((e, RDF.type, AG[ent.cls]))
        g.add((e, RDFS.label, Literal(ent.label)))
        for alias in sorted(ent.aliases):
            g.add((e, SKOS.altLabel, Literal(alias)))
        if ent.wikidata:
            g.add((e, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{ent.wikidata}")))
        for doc_id in sorted(ent.docs):
            g.add((e, AG.mentionedIn, doc_iri(doc_id)))
    for doc in corpus.documents:
        d = doc_iri(doc.doc_id)
        g.add((d, RDF.type, SDO.NewsArticle))
        g.add((d, DCTERMS.identifier, Literal(doc.doc_id)))
        g.add((d, DCTERMS.source, Literal(doc.source)))
        g.add((d, AG.charLength, Literal(len(doc.text), datatype=XSD.integer)))
        src = source_iri(doc.source)
        g.add((d, PROV.wasDerivedFrom, src))
        g.add((src, RDF.type, AG.SourceFile))
        g.add((src, DCTERMS.identifier, Literal(doc.source)))
        g.add((src, AG.sha256, Literal(text_sha256(doc.text))))
        if activity is not None:
            g.add((d, PROV.wasGeneratedBy, activity))
            g.add((activity, PROV.used, src))
        if doc.headline:
            g.add((d, SDO.headline, Literal(doc.headline)))
        if doc.author:
            g.add((d, SDO.author, Literal(doc.author)))
        if doc.date:
            g.add((d, SDO.datePublished, date_literal(doc.date)))
        if doc.publisher:
            g.add((d, SDO.publisher, Literal(doc.publisher)))
        add_relations(ds, doc.doc_id, corpus.relations.get(doc.doc_id, []))
    return ds


def add_build(ds: Dataset, corpus: Corpus, info: dict) -> URIRef:
    """The build activity; its IRI is a digest of software, model and inputs, so it is stable across
    rebuilds of the same corpus with the same software (only the recorded time changes)."""
    g = ds.default_graph
    model = info["model"]
    key = "|".join([info["version"], model.get("sha256") or ""] +
                   sorted(f"{d.source}:{text_sha256(d.text)}" for d in corpus.documents))
    activity = ID["build/" + hashlib.sha256(key.encode()).hexdigest()[:16]]
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDF.type, AG.Build))
    g.add((activity, PROV.endedAtTime, Literal(info["time"], datatype=XSD.dateTime)))
    software = ID[f"software/{quote(info['software'], safe='')}/{quote(info['version'], safe='')}"]
    g.add((activity, PROV.wasAssociatedWith, software))
    g.add((software, RDF.type, PROV.SoftwareAgent))
    g.add((software, RDFS.label, Literal(info["software"])))
    g.add((software, SDO.softwareVersion, Literal(info["version"])))
    m = ID[f"model/{quote(model['name'], safe='')}/{quote(str(model.get('version')), safe='')}"]
    g.add((activity, PROV.used, m))
    g.add((m, RDF.type, AG.Model))
    g.add((m, RDFS.label, Literal(model["name"])))
    if model.get("version"):
        g.add((m, SDO.softwareVersion, Literal(model["version"])))
    if model.get("sha256"):
        g.add((m, AG.sha256, Literal(model["sha256"])))
    return activity


def add_relations(ds: Dataset, doc_id: str, relations: list[Relation]) -> None:
    d = doc_iri(doc_id)
    graph = ds.graph(d)
    for rel in relations:
        s, p, o = entity_iri(rel.subject), AG[rel.prop], entity_iri(rel.object)
        graph.add((s, p, o))
        a = assertion_iri(doc_id, rel)
        graph.add((a, RDF.type, RDF.Statement))
        graph.add((a, RDF.type, AG.Assertion))
        graph.add((a, RDF.subject, s))
        graph.add((a, RDF.predicate, p))
        graph.add((a, RDF.object, o))
        graph.add((a, PROV.wasDerivedFrom, d))
        graph.add((a, AG.sentence, Literal(rel.sentence)))
        graph.add((a, NIF.beginIndex, Literal(rel.start, datatype=XSD.nonNegativeInteger)))
        graph.add((a, NIF.endIndex, Literal(rel.end, datatype=XSD.nonNegativeInteger)))
        graph.add((a, AG.rule, Literal(rel.rule)))
        graph.add((a, AG.confidence, Literal(Decimal(str(round(rel.confidence, 3))), datatype=XSD.decimal)))
        graph.add((a, AG.hedged, Literal(rel.hedged)))
        if rel.attributed_to:
            target = entity_iri(rel.attributed_to) if is_entity_id(rel.attributed_to) else Literal(rel.attributed_to)
            graph.add((a, AG.attributedTo, target))
        if rel.date:
            add_event_date(graph, a, rel)
        if rel.review:
            from graph.review_rdf import add_assertion_review
            add_assertion_review(graph, a, rel.review)


def event_date_literal(value: str) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by the precision the text gave ("2014-10-28", "2014-10", "2014")."""
    return Literal(value, datatype={10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string))


def add_event_date(graph, a: URIRef, rel: Relation) -> None:
    """When the event happened (extract/dates.py), and where that date comes from."""
    graph.add((a, AG.eventDate, event_date_literal(rel.date)))
    graph.add((a, AG.datePrecision, Literal(rel.date_precision or "day")))
    graph.add((a, AG.dateSource, Literal(rel.date_source or "article")))
    if rel.date_text:
        graph.add((a, AG.dateText, Literal(rel.date_text)))


def corpus_to_dataset(corpus: Corpus, build_info: dict | None = None) -> Dataset:
    """The dataset of a corpus; with `build_info` (see current_build_info) it records the build activity."""
    return add_corpus(new_dataset(), corpus, build_info)
