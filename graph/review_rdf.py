"""Review decisions in the RDF (PROV-O): one ag:Review activity per applied decision in the default graph,
with who (prov:wasAssociatedWith a prov:Person), when (prov:endedAtTime) and what (ag:decision and the
reviewed edge or actor); an accepted assertion points at its review with prov:wasInfluencedBy. A rejected
edge is gone from the document graphs: only its review says what was rejected."""
from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV

from graph.rdf import AG, ID, doc_iri, entity_iri


def review_iri(decision: dict) -> URIRef:
    key = json.dumps(decision, sort_keys=True, ensure_ascii=False)
    return ID["review/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]]


def add_reviews(g, reviews: list[dict]) -> None:
    for d in reviews:
        r = review_iri(d)
        g.add((r, RDF.type, PROV.Activity))
        g.add((r, RDF.type, AG.Review))
        g.add((r, AG.decision, Literal(d["op"])))
        if d.get("time"):
            g.add((r, PROV.endedAtTime, Literal(d["time"], datatype=XSD.dateTime)))
        if d.get("reviewer"):
            who = ID["reviewer/" + quote(d["reviewer"], safe="")]
            g.add((r, PROV.wasAssociatedWith, who))
            g.add((who, RDF.type, PROV.Person))
            g.add((who, RDFS.label, Literal(d["reviewer"])))
        if d.get("note"):
            g.add((r, AG.reviewNote, Literal(d["note"])))
        if d["op"] == "date":
            g.add((r, AG.reviewedDocument, doc_iri(d["doc"])))
            g.add((r, AG.newDate, Literal(d["date"])))
            continue
        if d["op"] in ("accept", "reject"):
            g.add((r, AG.reviewedSubject, entity_iri(d["s"])))
            g.add((r, AG.reviewedProperty, AG[d["p"]]))
            g.add((r, AG.reviewedObject, entity_iri(d["o"])))
            if d.get("doc"):
                g.add((r, AG.reviewedDocument, doc_iri(d["doc"])))
            continue
        g.add((r, AG.reviewedEntity, entity_iri(d["entity"])))
        if d["op"] == "rename":
            g.add((r, AG.newLabel, Literal(d["label"])))
        elif d["op"] == "retype":
            g.add((r, AG.newClass, AG[d["cls"]]))
        elif d["op"] == "merge":
            g.add((r, AG.mergedFrom, entity_iri(d["other"])))
        elif d["op"] == "split":
            g.add((r, AG.splitAlias, Literal(d["alias"])))


def add_assertion_review(graph, assertion: URIRef, decision: dict) -> None:
    graph.add((assertion, PROV.wasInfluencedBy, review_iri(decision)))
    graph.add((assertion, AG.reviewDecision, Literal(decision["op"])))
