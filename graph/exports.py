"""Exports next to graph.trig, for tools other than a SPARQL store.

- graph.jsonld  the dataset as JSON-LD (named graphs kept) with a context
- graph.nq      the dataset as N-Quads
- graph.graphml and graph.gexf  the union graph for Gephi, yEd, networkx:
                one node per entity, one edge per distinct (subject, property,
                object) with its support (number of documents stating it)
- ontology.ttl, shapes.ttl  copies of data/, so the folder describes itself
- edges.csv     one row per assertion (an edge in one document) with its
                evidence, its event date and the edge's support across the corpus; text cells
                that start like a spreadsheet formula get a leading apostrophe
"""
from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from actorgraph import DATA_DIR
from extract.records import Corpus, Relation
from graph.rdf import PREFIXES, doc_iri, entity_iri

# Short names for the terms a JSON-LD reader meets most; everything else uses the prefixes.
JSONLD_CONTEXT = {
    **{prefix: str(ns) for prefix, ns in PREFIXES.items()},
    "label": "rdfs:label",
    "altLabel": "skos:altLabel",
    "identifier": "dcterms:identifier",
    "sentence": "ag:sentence",
    "rule": "ag:rule",
    "beginIndex": {"@id": "nif:beginIndex", "@type": "xsd:nonNegativeInteger"},
    "endIndex": {"@id": "nif:endIndex", "@type": "xsd:nonNegativeInteger"},
    "confidence": {"@id": "ag:confidence", "@type": "xsd:decimal"},
    "hedged": {"@id": "ag:hedged", "@type": "xsd:boolean"},
}

CSV_COLUMNS = ["subject", "subject_label", "subject_class", "property", "object", "object_label", "object_class",
               "doc", "sentence", "start", "end", "rule", "confidence", "hedged", "attributed_to", "support",
               "subject_iri", "object_iri", "doc_iri", "event_date", "date_source"]


@dataclass
class Edge:
    """One (subject, property, object) of the union graph and the assertions it rests on."""
    subject: str
    prop: str
    object: str
    evidence: list[tuple[str, Relation]] = field(default_factory=list)   # (doc_id, relation)

    @property
    def docs(self) -> list[str]:
        return sorted({d for d, _ in self.evidence})

    @property
    def support(self) -> int:
        return len(self.docs)


def union_edges(corpus: Corpus) -> list[Edge]:
    edges: dict[tuple[str, str, str], Edge] = {}
    for doc_id in sorted(corpus.relations):
        for rel in corpus.relations[doc_id]:
            key = (rel.subject, rel.prop, rel.object)
            edges.setdefault(key, Edge(*key)).evidence.append((doc_id, rel))
    return [edges[k] for k in sorted(edges)]


def network(corpus: Corpus) -> nx.MultiDiGraph:
    """The union graph as networkx: attributes are plain strings and numbers (GraphML/GEXF friendly)."""
    g = nx.MultiDiGraph()
    used = {e for edge in union_edges(corpus) for e in (edge.subject, edge.object)}
    for ent in sorted(corpus.entities.values(), key=lambda e: e.id):
        if ent.id not in used and not ent.docs:
            continue
        g.add_node(ent.id, label=ent.label, cls=ent.cls, iri=str(entity_iri(ent.id)),
                   aliases="; ".join(sorted(ent.aliases)), documents=len(ent.docs))
    for edge in union_edges(corpus):
        for node in (edge.subject, edge.object):
            if node not in g:
                g.add_node(node, label=node, cls="", iri=str(entity_iri(node)), aliases="", documents=0)
        rels = [r for _, r in edge.evidence]
        g.add_edge(edge.subject, edge.object, key=edge.prop, label=edge.prop, prop=edge.prop,
                   support=edge.support, docs="; ".join(edge.docs),
                   confidence=max(r.confidence for r in rels),
                   hedged_only=all(r.hedged for r in rels),
                   rules="; ".join(sorted({r.rule for r in rels})),
                   sentence=rels[0].sentence,
                   first_date=min((r.date for r in rels if r.date), default=""),   # when it happened, first and last
                   last_date=max((r.date for r in rels if r.date), default=""))
    return g


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Article text is untrusted: a cell that a spreadsheet would run as a formula gets a leading
    apostrophe (the OWASP advice for CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def write_edge_csv(corpus: Corpus, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for edge in union_edges(corpus):
            for doc_id, r in edge.evidence:
                s, o = corpus.entities.get(r.subject), corpus.entities.get(r.object)
                row = [r.subject, s.label if s else "", s.cls if s else "", r.prop,
                       r.object, o.label if o else "", o.cls if o else "", doc_id,
                       r.sentence, r.start, r.end, r.rule, round(r.confidence, 3),
                       str(r.hedged).lower(), r.attributed_to or "",
                       edge.support, entity_iri(r.subject), entity_iri(r.object), doc_iri(doc_id),
                       r.date or "", r.date_source]
                # every text cell, file names (doc) included: any of them can come from an article
                w.writerow([cell(v) if isinstance(v, str) else v for v in row])


def write_jsonld_from_nquads(nquads: Path, path: Path) -> None:
    """JSON-LD streamed by Oxigraph from N-Quads: node objects (named graphs as {"@id", "@graph"})
    under a top-level @graph, with the @context that names the prefixes and the common terms.
    Ten times faster than rdflib's JSON-LD serializer and never holds the dataset."""
    import pyoxigraph as ox
    with open(path, "wb") as f:
        f.write(b'{"@context": ' + json.dumps(JSONLD_CONTEXT).encode() + b',\n"@graph": ')
        ox.serialize(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS), f, format=ox.RdfFormat.JSON_LD)
        f.write(b"}\n")


def write_exports(corpus: Corpus, ds: Dataset | None, out: Path) -> list[Path]:
    """All exports into `out`. With ds=None (a streamed build) graph.nq must already be in `out`."""
    out = Path(out)
    paths = [out / n for n in ("graph.jsonld", "graph.nq", "graph.graphml", "graph.gexf", "edges.csv")]
    if ds is not None:
        ds.serialize(paths[1], format="nquads", encoding="utf-8")
    write_jsonld_from_nquads(paths[1], paths[0])
    g = network(corpus)
    nx.write_graphml(g, paths[2], encoding="utf-8")
    nx.write_gexf(g, paths[3], encoding="utf-8")
    write_edge_csv(corpus, paths[4])
    for name in ("ontology.ttl", "shapes.ttl"):   # the build folder describes itself
        shutil.copyfile(DATA_DIR / name, out / name)
        paths.append(out / name)
    return paths

