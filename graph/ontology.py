"""data/schema.yaml to the OWL/RDFS ontology in data/ontology.ttl.

`python -m graph.ontology` rewrites data/ontology.ttl; tests/graph/test_ontology.py
checks that the file on disk is the same graph as the one generated here, so
the YAML stays the one source of the schema.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from actorgraph import DATA_DIR, __version__
from extract.schema import load_schema

SDO = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = Namespace("http://www.w3.org/ns/shacl#")
CURIES = {"schema": SDO, "foaf": FOAF, "prov": PROV, "skos": SKOS, "xsd": XSD, "rdf": RDF, "rdfs": RDFS,
          "nif": NIF, "owl": OWL, "dcterms": DCTERMS}
ONTOLOGY_FILE = DATA_DIR / "ontology.ttl"

DESCRIPTION = (
    "Actors named in news articles (people, outlets, states, agencies, groups, organisations, platforms, "
    "places, works) and typed relations between them. Layout of a dataset: entities and documents are in "
    "the default graph; each document has a named graph (its IRI is the document's IRI) holding the relation "
    "triples it states. The evidence for each relation triple is an ag:Assertion node in the same named "
    "graph, using standard RDF reification (rdf:subject, rdf:predicate, rdf:object) rather than RDF-star, "
    "with the sentence, NIF begin/end offsets in code points, the rule, a confidence, a hedged flag and the "
    "reported source. The same triple stated by several documents is one edge with several supports: count "
    "the named graphs that hold it. PLOVER/CAMEO event codes and followthemoney schemata are given as "
    "annotations (ag:ploverEventType, ag:cameoCode, ag:ftmSchema), not as equivalences.")


def curie(value: str) -> URIRef:
    prefix, _, local = value.partition(":")
    if prefix not in CURIES:
        raise ValueError(f"unknown prefix in {value!r}; known: {sorted(CURIES)}")
    return CURIES[prefix][local]


def class_ref(name: str, schema: dict, g: Graph) -> URIRef | BNode | None:
    """A class, or the union of classes, named in schema.yaml's domain/range fields."""
    ag = Namespace(schema["namespace"])
    if name in (None, "any"):
        return None
    if isinstance(name, list):
        if len(name) == 1:
            return class_ref(name[0], schema, g)
        union = BNode()
        members = BNode()
        Collection(g, members, [class_ref(n, schema, g) for n in name])
        g.add((union, RDF.type, OWL.Class))
        g.add((union, OWL.unionOf, members))
        return union
    if name == "actor":
        return ag.Actor
    return curie(name) if ":" in name else ag[name]


def _annotate(g: Graph, node: URIRef, spec: dict) -> None:
    g.add((node, RDFS.label, Literal(spec["label"], lang="en")))
    g.add((node, RDFS.comment, Literal(spec["comment"], lang="en")))
    for key, prop in (("exactMatch", SKOS.exactMatch), ("closeMatch", SKOS.closeMatch)):
        for target in spec.get(key, []):
            g.add((node, prop, curie(target)))


def ontology_graph(schema: dict | None = None) -> Graph:
    schema = schema or load_schema()
    ag = Namespace(schema["namespace"])
    g = Graph()
    g.bind("ag", ag)
    for prefix, ns in CURIES.items():
        g.bind(prefix, ns)
    onto = URIRef(schema["namespace"].rstrip("#/"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, DCTERMS.title, Literal("actorgraph ontology", lang="en")))
    g.add((onto, RDFS.comment, Literal(DESCRIPTION, lang="en")))
    g.add((onto, OWL.versionInfo, Literal(__version__)))
    for name, iri in (("ploverEventType", "the closest PLOVER event type (an annotation, not an equivalence)"),
                      ("cameoCode", "the closest CAMEO event code (an annotation, not an equivalence)"),
                      ("ftmSchema", "the closest followthemoney schema (an annotation, not an equivalence)")):
        g.add((ag[name], RDF.type, OWL.AnnotationProperty))
        g.add((ag[name], RDFS.label, Literal(name, lang="en")))
        g.add((ag[name], RDFS.comment, Literal(iri[0].upper() + iri[1:] + ".", lang="en")))

    for name, spec in schema["classes"].items():
        c = ag[name]
        g.add((c, RDF.type, OWL.Class))
        _annotate(g, c, spec)
        for target in spec.get("exactMatch", []):
            g.add((c, RDFS.subClassOf, curie(target)))
        if name in schema["meta_classes"]["Actor"]["unionOf"]:
            g.add((c, RDFS.subClassOf, ag.Actor))
    for name, spec in schema["meta_classes"].items():
        c = ag[name]
        g.add((c, RDF.type, OWL.Class))
        _annotate(g, c, spec)
        for target in spec.get("subClassOf", []):
            g.add((c, RDFS.subClassOf, curie(target)))
        if "unionOf" in spec:
            g.add((c, OWL.equivalentClass, class_ref(spec["unionOf"], schema, g)))
    g.add((ag.Actor, RDFS.subClassOf, PROV.Agent))

    for name, spec in schema["properties"].items():
        p = ag[name]
        g.add((p, RDF.type, OWL.ObjectProperty))
        _annotate(g, p, spec)
        for key, prop in (("domain", RDFS.domain), ("range", RDFS.range)):
            ref = class_ref(spec.get(key), schema, g)
            if ref is not None:
                g.add((p, prop, ref))
        for target in spec.get("exactMatch", []) if spec.get("inverse") else []:
            g.remove((p, SKOS.exactMatch, curie(target)))
            g.add((p, OWL.inverseOf, curie(target)))
        if "plover" in spec:
            g.add((p, ag.ploverEventType, Literal(spec["plover"])))
        if "cameo" in spec:
            g.add((p, ag.cameoCode, Literal(str(spec["cameo"]))))
        if "ftm" in spec:
            g.add((p, ag.ftmSchema, Literal(spec["ftm"])))
    for name, spec in schema["meta_properties"].items():
        p = ag[name]
        rng = spec.get("range", "")
        is_data = rng.startswith("xsd:") or rng == "rdfs:Literal"
        # attributedTo holds an entity or, when the source is not an entity, its name as text
        kind = OWL.DatatypeProperty if is_data else RDF.Property if rng == "rdfs:Resource" else OWL.ObjectProperty
        g.add((p, RDF.type, kind))
        _annotate(g, p, spec)
        if "domain" in spec:
            g.add((p, RDFS.domain, class_ref(spec["domain"], schema, g)))
        if rng and rng != "rdfs:Resource":
            g.add((p, RDFS.range, class_ref(rng, schema, g)))
    return g


def write_ontology(path: Path = ONTOLOGY_FILE) -> Path:
    text = ontology_graph().serialize(format="turtle")
    header = "# Generated from data/schema.yaml by `python -m graph.ontology`; edit the YAML, not this file.\n"
    Path(path).write_text(header + text, encoding="utf-8")
    return Path(path)


if __name__ == "__main__":
    print(f"wrote {write_ontology()}")
