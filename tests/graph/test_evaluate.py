"""The scorer on a graph and a gold file written by hand: which gold entity a predicted one is taken for."""
from __future__ import annotations

import json

from graph.evaluate import score

AG, ID = "https://w3id.org/actorgraph/ns#", "https://w3id.org/actorgraph/id/"
RDFS, SKOS = "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2004/02/skos/core#"
TYPE, IDENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://purl.org/dc/terms/identifier"


def _entity(key: str, cls: str, label: str, *aliases: str) -> str:
    lines = [f'<{ID}{key}> <{TYPE}> <{AG}{cls}> .', f'<{ID}{key}> <{RDFS}label> "{label}" .']
    return "\n".join(lines + [f'<{ID}{key}> <{SKOS}altLabel> "{a}" .' for a in aliases]) + "\n"


def _edge(doc: str, s: str, p: str, o: str) -> str:
    return f'<{ID}doc/{doc}> <{IDENT}> "{doc}" .\n<{ID}doc/{doc}> {{ <{ID}{s}> <{AG}{p}> <{ID}{o}> . }}\n'


def _scored(tmp_path, trig: str, entities: list[tuple], relations: list[tuple]):
    """Score the graph against a gold of (name, type, doc, *aliases) entities and (doc, s, p, o) relations."""
    (tmp_path / "graph.trig").write_text(trig, encoding="utf-8")
    gold = {"docs": sorted({e[2] for e in entities}),
            "entities": [{"name": n, "type": t, "docs": [d], "aliases": list(a)} for n, t, d, *a in entities],
            "relations": [{"doc": d, "s": s, "p": p, "o": o} for d, s, p, o in relations]}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return score(tmp_path / "graph.trig", tmp_path / "gold.json")


def test_namesakes_are_told_apart_by_label_and_by_document(tmp_path):
    # two states' services share the bare name; the gold calls the first one by the bare name
    trig = (_entity("sss_lv", "Agency", "State Security Service of Vardia", "State Security Service")
            + _entity("sss_ol", "Agency", "State Security Service of Olmaria", "State Security Service")
            + _entity("vardia", "State", "Vardia") + _entity("olmaria", "State", "Olmaria")
            + _edge("d1", "sss_lv", "partOf", "vardia") + _edge("d2", "sss_ol", "partOf", "olmaria"))
    report = _scored(tmp_path, trig,
                     [("State Security Service", "Agency", "d1", "State Security Service of Vardia"),
                      ("State Security Service of Olmaria", "Agency", "d2"),
                      ("Vardia", "State", "d1"), ("Olmaria", "State", "d2")],
                     [("d1", "State Security Service", "partOf", "Vardia"),
                      ("d2", "State Security Service of Olmaria", "partOf", "Olmaria")])
    assert (report.entities.tp, report.entities.fp, report.missed_merges) == (4, 0, 0)
    assert (report.relations_strict.tp, report.relations_strict.fp) == (2, 0)


def test_a_namesake_in_another_document_is_the_one_that_document_names(tmp_path):
    # one predicted node for two documents' "Interior Ministry": in each, the gold entity of that document
    trig = (_entity("im", "Agency", "Interior Ministry") + _entity("a", "State", "Vardia")
            + _entity("b", "State", "Olmaria") + _edge("d1", "im", "partOf", "a") + _edge("d2", "im", "partOf", "b"))
    report = _scored(tmp_path, trig,
                     [("Interior Ministry of Vardia", "Agency", "d1", "Interior Ministry"),
                      ("Interior Ministry of Olmaria", "Agency", "d2", "Interior Ministry"),
                      ("Vardia", "State", "d1"), ("Olmaria", "State", "d2")],
                     [("d1", "Interior Ministry of Vardia", "partOf", "Vardia"),
                      ("d2", "Interior Ministry of Olmaria", "partOf", "Olmaria")])
    assert (report.relations_strict.tp, report.relations_strict.fp) == (2, 0)
    assert report.entities.fn == 1   # one node for two agencies: one of them is not found


def test_the_namesake_of_the_right_class_is_taken_before_one_of_another_class(tmp_path):
    # the Place "Dorvik" sorts first by IRI, but the gold State (alias Dorvik, its capital) is the State's
    trig = (_entity("a_place", "Place", "Dorvik") + _entity("b_state", "State", "Vardia", "Dorvik"))
    report = _scored(tmp_path, trig, [("Vardia", "State", "d1", "Dorvik")], [])
    assert (report.entities.tp, report.entities.fp, report.missed_merges) == (1, 1, 1)
    assert report.missed_entities == []
