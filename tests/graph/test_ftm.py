"""The FollowTheMoney export, checked with the real followthemoney package."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from followthemoney import model

from actorgraph.cli import main
from graph.ftm import ftm_id, mapping
from graph.query import open_store, select

FACTS = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  FILTER(STRSTARTS(STR(?p), STR(ag:)) && ?g != <https://w3id.org/actorgraph/id/edges>) }"""   # the edge layer sums facts up
ACTORS = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?c ?label WHERE { ?e a ?c ; rdfs:label ?label . FILTER(STRSTARTS(STR(?c), STR(ag:))) }"""
DATES = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o ?date WHERE { GRAPH ?g { ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ag:eventDate ?date } }"""


@pytest.fixture(scope="module")
def exported(sample_build, tmp_path_factory):
    path = tmp_path_factory.mktemp("ftm") / "sample.ftm.json"
    result = CliRunner().invoke(main, ["export", str(sample_build), "--format", "ftm", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_entity_validates_against_the_followthemoney_model(exported):
    ids = {e["id"]: e for e in exported}
    assert len(ids) == len(exported), "entity ids are unique"
    for entity in exported:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract, entity["schema"]
        for name in schema.required:
            assert entity["properties"].get(name), (entity["schema"], name)
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            assert prop is not None, f"{entity['schema']} has no property {name}"
            for value in values:
                assert prop.type.validate(value), (entity["schema"], name, value)
                if prop.range is not None:   # an entity reference: to an exported entity of a fitting schema
                    assert value in ids, (entity["schema"], name, value)
                    assert model.get(ids[value]["schema"]).is_a(prop.range), (name, ids[value]["schema"])
        proxy = model.get_proxy(entity)   # cleaned on the way in: nothing of ours may be dropped
        for name, values in entity["properties"].items():
            assert len(proxy.get(name)) == len(values), (entity["schema"], name)


def test_every_mapped_schema_and_property_exists_in_followthemoney():
    m = mapping()
    for schema in m["classes"].values():
        assert model.get(schema) is not None, schema
    for spec in [*m["relations"].values(), m["default"]]:
        schema = model.get(spec["schema"])
        assert schema.get(spec["subject"]) is not None and schema.get(spec["object"]) is not None, spec
        assert schema.is_a("Interval")


def test_the_samples_actors_and_edges_round_trip(exported, sample_build):
    store = open_store(sample_build)
    by_id = {e["id"]: e for e in exported}
    classes = set(mapping()["classes"])
    for row in select(store, ACTORS):
        if row["c"].rsplit("#", 1)[-1] not in classes:   # the build's model and software, not actors
            continue
        entity = by_id[ftm_id(row["e"])]
        assert row["label"] in entity["properties"]["name"]
    edges = {}
    for e in exported:
        if model.get(e["schema"]).is_a("Interval"):
            ends = [v for k, vs in e["properties"].items()
                    if model.get(e["schema"]).get(k).range is not None and k != "proof" for v in vs]
            edges[tuple(sorted(ends))] = edges.get(tuple(sorted(ends)), []) + [e]
    facts = select(store, FACTS)
    assert facts and sum(len(v) for v in edges.values()) == len(facts)
    for f in facts:
        found = [e for e in edges[tuple(sorted([ftm_id(f["s"]), ftm_id(f["o"])]))]
                 if e["properties"]["role"] and e["properties"]["description"]]
        assert found, f
    dated = select(store, DATES)
    assert dated, "the sample has dated event edges"
    for d in dated:
        edge = by_id[ftm_id(f"{d['s']}|{d['p']}|{d['o']}")]
        assert edge["properties"]["startDate"][0] <= d["date"] <= edge["properties"]["endDate"][0]


def test_membership_and_directorship_carry_their_evidence_and_source(exported):
    schemata = {e["schema"] for e in exported}
    assert {"Person", "PublicBody", "Organization", "Article"} <= schemata
    assert {"Membership", "Directorship", "UnknownLink"} <= schemata
    docs = {e["id"] for e in exported if e["schema"] == "Article" and e["properties"].get("fileName")}
    for e in exported:
        if e["schema"] in ("Membership", "Directorship", "UnknownLink"):
            assert e["properties"]["description"] and set(e["properties"]["proof"]) <= docs


def test_export_refuses_to_write_inside_the_build(sample_build):
    result = CliRunner().invoke(main, ["export", str(sample_build), "--format", "ftm",
                                       "-o", str(sample_build / "x.json")])
    assert result.exit_code != 0 and "next build replaces" in result.output
    assert not (sample_build / "x.json").exists()

