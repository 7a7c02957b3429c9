"""Exports next to graph.trig, for tools other than a SPARQL store.

A build writes graph.trig, graph.nq, graph.ttl, store/ and the views; the formats below that
are not needed on every build are written on request, `actorgraph export OUT --format NAME`
(FORMATS: name -> function), and kept fresh by later builds into the same folder.

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
import os
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


HELD = "held.csv"
HELD_COLUMNS = ["subject", "subject_label", "property", "object", "object_label", "doc", "sentence", "start",
                "end", "rule", "confidence", "hedged"]


def held_edges(corpus: Corpus) -> list:
    """(document, relation) for every rule edge the edge scorer did not assert, strongest first."""
    rows = [(doc_id, r) for doc_id, rels in corpus.held.items() for r in rels
            if r.subject in corpus.entities and r.object in corpus.entities]
    return sorted(rows, key=lambda x: (-x[1].confidence, x[0], x[1].start))


def write_held_csv(corpus: Corpus, path: Path) -> None:
    """The rule edges the edge scorer did not assert, strongest first: not facts, not in the graph, but
    a reviewer may accept one (`actorgraph review OUT --accept S P O`), and the next build asserts it."""
    rows = held_edges(corpus)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HELD_COLUMNS)
        for doc_id, r in rows:
            row = [r.subject, corpus.entities[r.subject].label, r.prop, r.object, corpus.entities[r.object].label,
                   doc_id, r.sentence, r.start, r.end, r.rule, round(r.confidence, 3), str(r.hedged).lower()]
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


class BuildFolder:
    """A finished build that exports read from: its N-Quads, and its corpus records (from the build's
    cache, merged as the build merged them), loaded once and only if an export asks for them."""

    def __init__(self, out: Path, corpus: Corpus | None = None):
        self.out = Path(out)
        self._corpus = corpus

    @property
    def nquads(self) -> Path:
        return self.out / "graph.nq"

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            from graph.manifest import load_corpus
            self._corpus = load_corpus(self.out)
        return self._corpus

    def write(self, name: str, writer) -> Path:
        """Write OUT/name through writer(temporary path), then put it in place in one rename."""
        path = self.out / name
        tmp = path.with_name(f".{name}.part")
        try:
            writer(tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return path


def export_jsonld(b: BuildFolder) -> Path:
    return b.write("graph.jsonld", lambda p: write_jsonld_from_nquads(b.nquads, p))


def export_turtle(b: BuildFolder) -> Path:
    from graph.stream import write_union_turtle
    return b.write("graph.ttl", lambda p: write_union_turtle(b.nquads, p))


def export_graphml(b: BuildFolder) -> Path:
    return b.write("graph.graphml", lambda p: nx.write_graphml(network(b.corpus), p, encoding="utf-8"))


def export_gexf(b: BuildFolder) -> Path:
    return b.write("graph.gexf", lambda p: nx.write_gexf(network(b.corpus), p, encoding="utf-8"))


def export_csv(b: BuildFolder) -> Path:
    return b.write("edges.csv", lambda p: write_edge_csv(b.corpus, p))


# Format name -> function writing it into a build folder (returns the file). A new format is one
# function and one entry here; `actorgraph export OUT --format NAME` offers every key.
FORMATS = {
    "jsonld": export_jsonld,
    "turtle": export_turtle,
    "graphml": export_graphml,
    "gexf": export_gexf,
    "csv": export_csv,
}


def write_exports(corpus: Corpus, ds: Dataset | None, out: Path, formats=tuple(FORMATS)) -> list[Path]:
    """The given exports of a corpus into `out`, and the copies of the ontology and shapes. With ds=None
    (a streamed build) graph.nq must already be in `out`."""
    out = Path(out)
    if ds is not None:
        ds.serialize(out / "graph.nq", format="nquads", encoding="utf-8")
    folder = BuildFolder(out, corpus)
    paths = [FORMATS[name](folder) for name in formats]
    return paths + copy_descriptions(out)


def copy_descriptions(out: Path) -> list[Path]:
    """The ontology and the shapes beside the dataset, so the folder describes itself."""
    paths = []
    for name in ("ontology.ttl", "shapes.ttl"):
        shutil.copyfile(DATA_DIR / name, Path(out) / name)
        paths.append(Path(out) / name)
    return paths


def export(out: Path, formats: list[str]) -> list[Path]:
    """`actorgraph export`: write the given formats into a finished build folder, each file atomically,
    and record them in the build's marker so the next build keeps (and refreshes) them."""
    from graph.outdir import OutDirError, add_marker_entries, build_lock, is_build
    out = Path(out).resolve()
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}; known: {', '.join(FORMATS)}")
    with build_lock(out):
        if not is_build(out) or not (out / "graph.nq").is_file():
            raise OutDirError(f"{out}: not a build (no graph.nq and build marker); run `actorgraph build` first")
        folder = BuildFolder(out)
        paths = [FORMATS[name](folder) for name in formats]
        add_marker_entries(out, [p.name for p in paths], exports=formats)
    return paths
