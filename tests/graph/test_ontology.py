"""data/ontology.ttl and data/shapes.ttl agree with data/schema.yaml."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import SH, SKOS

from extract.schema import load_schema
from graph.ontology import ONTOLOGY_FILE, ontology_graph
from graph.shacl import SHAPES_FILE

SCHEMA = load_schema()
AG = Namespace(SCHEMA["namespace"])
SDO = Namespace("https://schema.org/")


def test_ontology_file_is_the_one_generated_from_schema_yaml():
    on_disk = Graph().parse(ONTOLOGY_FILE, format="turtle")
    assert isomorphic(on_disk, ontology_graph()), "run `python -m graph.ontology` after editing data/schema.yaml"


def test_every_class_and_property_has_label_comment_domain_and_range():
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for name in SCHEMA["classes"]:
        assert (AG[name], RDF.type, OWL.Class) in g
        assert g.value(AG[name], RDFS.label) and g.value(AG[name], RDFS.comment)
    for name, spec in SCHEMA["properties"].items():
        p = AG[name]
        assert (p, RDF.type, OWL.ObjectProperty) in g
        assert g.value(p, RDFS.label) and g.value(p, RDFS.comment)
        assert g.value(p, RDFS.domain) is not None, name
        if spec["range"] != "any":
            assert g.value(p, RDFS.range) is not None, name


def test_public_vocabulary_mappings():
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    expected = {"Person": "Person", "Outlet": "NewsMediaOrganization", "State": "Country",
                "Agency": "GovernmentOrganization", "Organization": "Organization", "Place": "Place",
                "Work": "CreativeWork"}
    for cls, sdo in expected.items():
        assert (AG[cls], SKOS.exactMatch, SDO[sdo]) in g, cls
    assert str(g.value(AG.blocked, AG.ploverEventType)) == "COERCE"
    assert str(g.value(AG.threatened, AG.cameoCode)) == "13"
    assert str(g.value(AG.memberOf, AG.ftmSchema)) == "Membership"
    assert str(g.value(AG.leads, AG.ftmSchema)) == "Directorship"
    assert (AG.Assertion, RDFS.subClassOf, RDF.Statement) in g


def _or_classes(g: Graph, node) -> set[str]:
    return {str(g.value(member, SH["class"])).rsplit("#", 1)[-1] for member in Collection(g, g.value(node, SH["or"]))}


def _expand(value) -> set[str]:
    if value == "actor":
        return set(SCHEMA["meta_classes"]["Actor"]["unionOf"])
    if value == "any":
        return set(SCHEMA["classes"])
    return set(value)


def test_shapes_check_the_signature_schema_yaml_gives_each_property():
    g = Graph().parse(SHAPES_FILE, format="turtle")
    for name, spec in SCHEMA["properties"].items():
        shapes = [s for s in g.subjects(SH.targetSubjectsOf, AG[name]) if s != AG.RelationSubjectShape]
        assert len(shapes) == 1, f"want one signature shape for {name}, got {shapes}"
        shape = shapes[0]
        assert _or_classes(g, shape) == _expand(spec["domain"]), name
        (prop_shape,) = [ps for ps in g.objects(shape, SH.property) if g.value(ps, SH.path) == AG[name]]
        assert _or_classes(g, prop_shape) == _expand(spec["range"]), name


def test_shapes_know_every_relation_property():
    g = Graph().parse(SHAPES_FILE, format="turtle")
    evidenced = set(g.objects(AG.RelationSubjectShape, SH.targetSubjectsOf))
    assert evidenced == {AG[p] for p in SCHEMA["properties"]}
    (pred_shape,) = [ps for ps in g.objects(AG.AssertionShape, SH.property) if g.value(ps, SH.path) == RDF.predicate]
    assert set(Collection(g, g.value(pred_shape, SH["in"]))) == {AG[p] for p in SCHEMA["properties"]}


def test_the_evidence_check_covers_every_relation_property():
    g = Graph().parse(SHAPES_FILE, format="turtle")
    select = str(g.value(g.value(AG.EvidencedShape, SH.target), SH.select))
    for name in SCHEMA["properties"]:
        assert f"?this ag:{name} ?o . BIND(ag:{name} AS ?p)" in select, name
