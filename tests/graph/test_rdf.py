"""Records to RDF: layout, evidence, provenance. Also defines `small_corpus()`, a hand-made corpus
with known relations that the other graph tests (SHACL, exports, queries, serve) import."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from extract.records import Corpus, Document, Entity, Relation
from graph.edges import EDGES_GRAPH
from graph.rdf import AG, NIF, corpus_to_dataset, doc_iri, entity_iri, source_iri, text_sha256

ENTITIES = [
    ("State/arland", "Arland", "State", {"Arlandian authorities"}),
    ("State/borvia", "Borvia", "State", set()),
    ("Agency/arland-press-office", "Press Office", "Agency", {"Arland Press Office"}),
    ("Outlet/free-wire", "Free Wire", "Outlet", {"FreeWire.net"}),
    ("Outlet/north-post", "North Post", "Outlet", set()),
    ("Platform/clipshare", "Clipshare", "Platform", set()),
    ("Person/mara-lind", "Mara Lind", "Person", {"Lind"}),
]

# doc_id -> sentences, each with the relations it states: (subject, prop, object, hedged, attributed_to)
DOCS = {
    "a1": [("Arland leaned on Borvia for months.", [("State/arland", "pressured", "State/borvia", False, None)]),
           ("Borvia then cut off Free Wire.", [("State/borvia", "blocked", "Outlet/free-wire", False, None)]),
           ("The Press Office asked Free Wire to delete a story.",
            [("Agency/arland-press-office", "requestedRemoval", "Outlet/free-wire", False, None)]),
           ("The Press Office answers to the Arland cabinet.",
            [("Agency/arland-press-office", "partOf", "State/arland", False, None)])],
    "a2": [("Reportedly, Arland squeezed Borvia again.", [("State/arland", "pressured", "State/borvia", True, None)]),
           ("Borvia told Free Wire to take down two videos.",
            [("State/borvia", "requestedRemoval", "Outlet/free-wire", False, None)]),
           ("Arland wanted clips gone from Clipshare.",
            [("State/arland", "requestedRemoval", "Platform/clipshare", False, None)]),
           ("Mara Lind runs North Post.", [("Person/mara-lind", "leads", "Outlet/north-post", False, None)])],
    "a3": [("Arland allegedly warned North Post, Lind said.",
            [("State/arland", "threatened", "Outlet/north-post", True, "Person/mara-lind")]),
           ("Borvia shut North Post down.", [("State/borvia", "blocked", "Outlet/north-post", False, None)])],
}


def small_corpus() -> Corpus:
    documents, relations, seen = [], {}, {}
    for doc_id, sentences in DOCS.items():
        text, rels = "", []
        for sentence, stated in sentences:
            start = len(text)
            text += sentence + " "
            for s, p, o, hedged, by in stated:
                rels.append(Relation(s, p, o, sentence, start, start + len(sentence), f"test.{p}.v1",
                                     0.6 if hedged else 0.9, hedged, by))
                seen.setdefault(s, set()).add(doc_id)
                seen.setdefault(o, set()).add(doc_id)
        documents.append(Document(doc_id, f"{doc_id}.txt", text.strip(), headline=f"Headline {doc_id}"))
        relations[doc_id] = rels
    entities = {gid: Entity(gid, label, cls, set(aliases), seen.get(gid, set()))
                for gid, label, cls, aliases in ENTITIES}
    return Corpus(documents, entities, relations, {d: [] for d in DOCS})


BUILD_INFO = {"software": "actorgraph", "version": "9.9.9", "time": "2026-01-02T03:04:05+00:00",
              "model": {"name": "test_model", "version": "1.0", "sha256": "ab" * 32}}


def quads_of(ds: Dataset, graph) -> set:
    return set(ds.graph(graph).triples((None, None, None)))


def test_relations_live_in_their_document_graph_with_evidence():
    corpus = small_corpus()
    ds = corpus_to_dataset(corpus)
    a1 = ds.graph(doc_iri("a1"))
    blocked = (entity_iri("State/borvia"), AG.blocked, entity_iri("Outlet/free-wire"))
    assert blocked in a1
    assert blocked not in ds.default_graph
    assert blocked not in ds.graph(doc_iri("a2"))
    (a,) = a1.subjects(RDF.subject, entity_iri("State/borvia"))
    assert (a, RDF.type, AG.Assertion) in a1 and (a, RDF.predicate, AG.blocked) in a1
    begin, end = int(a1.value(a, NIF.beginIndex)), int(a1.value(a, NIF.endIndex))
    text = corpus.documents[0].text
    assert text[begin:end] == str(a1.value(a, AG.sentence)) == "Borvia then cut off Free Wire."
    assert a1.value(a, AG.rule) == Literal("test.blocked.v1")


def test_the_same_edge_in_two_documents_is_stated_in_both_graphs():
    ds = corpus_to_dataset(small_corpus())
    edge = (entity_iri("State/arland"), AG.pressured, entity_iri("State/borvia"))
    holders = {g.identifier for g in ds.graphs() if edge in g}
    assert holders == {doc_iri("a1"), doc_iri("a2")}


def test_hedged_and_attributed_assertions():
    ds = corpus_to_dataset(small_corpus())
    a3 = ds.graph(doc_iri("a3"))
    (a,) = a3.subjects(RDF.predicate, AG.threatened)
    assert a3.value(a, AG.hedged).toPython() is True
    assert a3.value(a, AG.attributedTo) == entity_iri("Person/mara-lind")


def test_a_source_named_in_free_text_stays_text():
    corpus = small_corpus()
    corpus.relations["a1"][0].attributed_to = "AP/Reuters"
    g = corpus_to_dataset(corpus).graph(doc_iri("a1"))
    (a,) = g.subjects(RDF.predicate, AG.pressured)
    assert g.value(a, AG.attributedTo) == Literal("AP/Reuters")


def test_entities_and_documents_in_the_default_graph():
    ds = corpus_to_dataset(small_corpus())
    g = ds.default_graph
    e = entity_iri("Outlet/free-wire")
    assert (e, RDF.type, AG.Outlet) in g and g.value(e, RDFS.label) == Literal("Free Wire")
    assert set(g.objects(e, AG.mentionedIn)) == {doc_iri("a1"), doc_iri("a2")}
    d = doc_iri("a2")
    assert g.value(d, DCTERMS.identifier) == Literal("a2")


def test_provenance_links_documents_to_sources_and_the_build():
    corpus = small_corpus()
    ds = corpus_to_dataset(corpus, BUILD_INFO)
    g = ds.default_graph
    d = doc_iri("a1")
    src = g.value(d, PROV.wasDerivedFrom)
    assert src == source_iri("a1.txt")
    assert g.value(src, AG.sha256) == Literal(text_sha256(corpus.documents[0].text))
    activity = g.value(d, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in g
    assert (activity, PROV.used, src) in g
    software = g.value(activity, PROV.wasAssociatedWith)
    assert str(g.value(software, URIRef("https://schema.org/softwareVersion"))) == "9.9.9"
    models = [m for m in g.objects(activity, PROV.used) if (m, RDF.type, AG.Model) in g]
    assert [str(g.value(m, AG.sha256)) for m in models] == ["ab" * 32]
    assert str(g.value(activity, PROV.endedAtTime)) == BUILD_INFO["time"]


def test_build_iri_is_stable_and_changes_with_the_inputs():
    corpus = small_corpus()
    first = corpus_to_dataset(corpus, BUILD_INFO).default_graph.value(doc_iri("a1"), PROV.wasGeneratedBy)
    again = corpus_to_dataset(small_corpus(), {**BUILD_INFO, "time": "2027-01-01T00:00:00+00:00"})
    assert again.default_graph.value(doc_iri("a1"), PROV.wasGeneratedBy) == first
    corpus.documents[0].text += " More."
    changed = corpus_to_dataset(corpus, BUILD_INFO).default_graph.value(doc_iri("a1"), PROV.wasGeneratedBy)
    assert changed != first


def test_trig_round_trips_through_oxigraph(tmp_path):
    ds = corpus_to_dataset(small_corpus(), BUILD_INFO)
    path = tmp_path / "g.trig"
    ds.serialize(path, format="trig", encoding="utf-8")
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    # one graph per document, and the edge layer's own graph
    assert {g.value for g in store.named_graphs()} == {str(doc_iri(d)) for d in DOCS} | {str(EDGES_GRAPH)}
    assert len(store) == len(list(ds.quads((None, None, None, None))))


def test_build_writes_provenance_of_the_real_model(sample_build):
    from actorgraph import __version__
    from extract.model import model_info
    store = ox.Store()
    store.bulk_load(path=str(sample_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    rows = list(store.query("""
        PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX ag: <https://w3id.org/actorgraph/ns#>
        PREFIX schema: <https://schema.org/>
        SELECT ?version ?hash ?sw WHERE {
          ?d prov:wasGeneratedBy ?b . ?b prov:used ?m ; prov:wasAssociatedWith ?s .
          ?m a ag:Model ; schema:softwareVersion ?version ; ag:sha256 ?hash . ?s schema:softwareVersion ?sw }"""))
    info = model_info()
    assert {(r["version"].value, r["hash"].value, r["sw"].value) for r in rows} == \
        {(info["version"], info["sha256"], __version__)}
