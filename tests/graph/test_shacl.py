"""SHACL: a good dataset conforms; each kind of damage is caught."""
from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from graph.rdf import AG, NIF, corpus_to_dataset, doc_iri, entity_iri
from graph.shacl import union_graph, validate_build, validate_dataset, validate_graph

from test_rdf import BUILD_INFO, small_corpus


def good():
    return corpus_to_dataset(small_corpus(), BUILD_INFO)


def an_assertion(ds, doc="a1"):
    g = ds.graph(doc_iri(doc))
    return g, next(iter(g.subjects(RDF.type, AG.Assertion)))


def messages(result) -> str:
    return "\n".join(f.text() for f in result.violations)


def test_the_hand_made_dataset_conforms():
    result = validate_dataset(good())
    assert result.conforms, messages(result)
    assert result.violations == []


def test_the_sample_build_conforms(sample_build):
    result = validate_build(sample_build)
    assert result.conforms, messages(result)


def test_two_labels_on_an_entity_is_a_violation():
    ds = good()
    ds.default_graph.add((entity_iri("State/borvia"), RDFS.label, Literal("Borvian Republic")))
    result = validate_dataset(ds)
    assert not result.conforms
    assert any(f.focus == str(entity_iri("State/borvia")) and f.path == str(RDFS.label) for f in result.violations)


def test_an_entity_with_two_classes_is_a_violation():
    ds = good()
    ds.default_graph.add((entity_iri("State/borvia"), RDF.type, AG.Place))
    assert not validate_dataset(ds).conforms


def test_confidence_outside_zero_one_is_a_violation():
    ds = good()
    g, a = an_assertion(ds)
    g.set((a, AG.confidence, Literal("1.5", datatype=XSD.decimal)))
    result = validate_dataset(ds)
    assert not result.conforms
    assert any(f.path == str(AG.confidence) for f in result.violations), messages(result)


def test_offsets_past_the_end_of_the_document_are_a_violation():
    ds = good()
    g, a = an_assertion(ds)
    length = int(ds.default_graph.value(doc_iri("a1"), AG.charLength))
    g.set((a, NIF.endIndex, Literal(length + 5, datatype=XSD.nonNegativeInteger)))
    result = validate_dataset(ds)
    assert not result.conforms
    assert any("offsets" in f.message and f.focus == str(a) for f in result.violations), messages(result)


def test_begin_after_end_is_a_violation():
    ds = good()
    g, a = an_assertion(ds)
    g.set((a, NIF.beginIndex, Literal(int(g.value(a, NIF.endIndex)) + 1, datatype=XSD.nonNegativeInteger)))
    assert not validate_dataset(ds).conforms


def test_a_relation_without_evidence_is_a_violation():
    ds = good()
    ds.graph(doc_iri("a2")).add((entity_iri("State/borvia"), AG.criticized, entity_iri("Outlet/north-post")))
    result = validate_dataset(ds)
    assert not result.conforms
    assert any("no assertion" in f.message for f in result.violations), messages(result)


def test_evidence_for_an_unknown_entity_is_a_violation():
    ds = good()
    g, a = an_assertion(ds)
    ghost = URIRef(str(entity_iri("Person/nobody")))
    old = g.value(a, RDF.object)
    pred = g.value(a, RDF.predicate)
    g.remove((g.value(a, RDF.subject), pred, old))
    g.set((a, RDF.object, ghost))
    g.add((g.value(a, RDF.subject), pred, ghost))
    assert not validate_dataset(ds).conforms


def test_a_document_without_its_source_is_a_violation():
    ds = good()
    from rdflib.namespace import PROV
    ds.default_graph.remove((doc_iri("a3"), PROV.wasDerivedFrom, None))
    assert not validate_dataset(ds).conforms


def test_an_unusual_signature_is_only_a_warning():
    ds = good()
    from graph.edges import EDGES_GRAPH, DocPart, Edge, edge_triples
    g = ds.graph(doc_iri("a2"))
    a = URIRef(str(doc_iri("a2")) + "/a/placeblocks")
    # a Place cannot block anything in the schema's signature, but the structure is sound
    place = entity_iri("Place/old-town")
    ds.default_graph.add((place, RDF.type, AG.Place))
    ds.default_graph.add((place, RDFS.label, Literal("Old Town")))
    edge = Edge(("Place/old-town", "blocked", "Person/mara-lind"), {"a2": DocPart({(0, 1)}, {(0, "r")}, 0.5, False)})
    for triple in edge_triples(edge):   # the edge layer states it too, as a build would
        ds.graph(EDGES_GRAPH).add(triple)
    for s, p, o in [(a, RDF.type, AG.Assertion), (a, RDF.subject, place), (a, RDF.predicate, AG.blocked),
                    (a, RDF.object, entity_iri("Person/mara-lind")), (a, AG.sentence, Literal("x")),
                    (a, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)),
                    (a, NIF.endIndex, Literal(1, datatype=XSD.nonNegativeInteger)), (a, AG.rule, Literal("r")),
                    (a, AG.confidence, Literal("0.5", datatype=XSD.decimal)), (a, AG.hedged, Literal(False)),
                    (a, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), doc_iri("a2"))]:
        g.add((s, p, o))
    g.add((place, AG.blocked, entity_iri("Person/mara-lind")))
    result = validate_graph(union_graph(ds))
    assert result.conforms, messages(result)
    blocked = [f for f in result.warnings if "ag:blocked" in f.message]
    assert {f.message.split(" ")[0] for f in blocked} == {"subject", "object"}


def an_edge(ds):
    from graph.edges import EDGES_GRAPH
    g = ds.graph(EDGES_GRAPH)
    return g, next(e for e in g.subjects(RDF.type, AG.Edge) if len(set(g.objects(e, AG.document))) > 1)


def test_an_edge_whose_support_is_not_its_documents_is_a_violation():
    ds = good()
    g, e = an_edge(ds)
    g.set((e, AG.support, Literal(7, datatype=XSD.integer)))
    result = validate_dataset(ds)
    assert any("support is not the number" in f.text() for f in result.violations), messages(result)


def test_an_edge_layer_out_of_step_with_the_evidence_is_a_violation():
    ds = good()
    g, e = an_edge(ds)
    g.remove((e, AG.document, next(iter(g.objects(e, AG.document)))))
    g.add((e, AG.document, doc_iri("a3")))    # a document that does not state this edge
    text = messages(validate_dataset(ds))
    assert "no assertion of it" in text and "missing from the edge layer" in text
