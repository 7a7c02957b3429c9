"""graph/review.py: decisions replayed on a corpus, reported when stale, and the `review` command."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from extract.records import Corpus, Document, Entity, Mention, Relation
from graph.review import ReviewError, append_decision, apply_review, check_shape, read_decisions

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "articles"
TEXT = "Kloop was blocked by the FSB. The Federal Security Service warned Kloop. Ana Lee leads Kloop."


def corpus() -> Corpus:
    ents = {"Agency/fsb": Entity("Agency/fsb", "FSB", "Agency", {"FSB", "Federal Security Service"}, {"d1"}),
            "Outlet/kloop": Entity("Outlet/kloop", "Kloop", "Outlet", {"Kloop"}, {"d1"}),
            "Outlet/kloop_kg": Entity("Outlet/kloop_kg", "Kloop.kg", "Outlet", {"Kloop.kg"}, {"d2"}),
            "Person/ana_lee": Entity("Person/ana_lee", "Ana Lee", "Person", {"Ana Lee"}, {"d1"})}
    s1, s2 = (0, 29), (30, 72)
    rels = {"d1": [Relation("Agency/fsb", "blocked", "Outlet/kloop", TEXT[slice(*s1)], *s1, "r", 0.9),
                   Relation("Agency/fsb", "threatened", "Outlet/kloop", TEXT[slice(*s2)], *s2, "r", 0.9),
                   Relation("Person/ana_lee", "leads", "Outlet/kloop", TEXT[73:], 73, len(TEXT), "r", 0.9)],
            "d2": [Relation("Agency/fsb", "blocked", "Outlet/kloop_kg", "The FSB blocked Kloop.kg.", 0, 25, "r", 0.9)]}
    mentions = {"d1": [Mention(0, 5, "Kloop", "Outlet", "Outlet/kloop"), Mention(25, 28, "FSB", "Agency", "Agency/fsb"),
                       Mention(34, 58, "Federal Security Service", "Agency", "Agency/fsb"),
                       Mention(66, 71, "Kloop", "Outlet", "Outlet/kloop")]}
    docs = [Document("d1", "d1.txt", TEXT), Document("d2", "d2.txt", "The FSB blocked Kloop.kg.")]
    return Corpus(docs, ents, rels, mentions)


def replay(tmp_path, *decisions) -> tuple[Corpus, object]:
    lines = [json.dumps({**d, "time": "2026-12-03T09:00:00+00:00"}) for d in decisions]
    (tmp_path / "actorgraph-review.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    c = corpus()
    return c, apply_review(c, tmp_path)


def triples(c: Corpus) -> set:
    return {(d, r.subject, r.prop, r.object) for d, rels in c.relations.items() for r in rels}


def test_reject_removes_the_edge_from_every_document_or_one(tmp_path):
    c, report = replay(tmp_path, {"op": "reject", "s": "Agency/fsb", "p": "blocked", "o": "Outlet/kloop"},
                       {"op": "reject", "s": "Agency/fsb", "p": "threatened", "o": "Outlet/kloop", "doc": "d2"})
    assert ("d1", "Agency/fsb", "blocked", "Outlet/kloop") not in triples(c)
    assert ("d1", "Agency/fsb", "threatened", "Outlet/kloop") in triples(c)
    assert len(report.applied) == 1 and report.stale[0][0] == 2 and "in d2" in report.stale[0][2]
    assert "line 2: reject no longer matches" in "\n".join(report.lines())


def test_merge_then_a_decision_on_the_merged_actor(tmp_path):
    c, report = replay(tmp_path, {"op": "merge", "entity": "Outlet/kloop", "other": "Outlet/kloop_kg"},
                       {"op": "accept", "s": "Agency/fsb", "p": "blocked", "o": "Outlet/kloop", "doc": "d2"},
                       {"op": "rename", "entity": "Outlet/kloop_kg", "label": "gone"})
    assert "Outlet/kloop_kg" not in c.entities and "Kloop.kg" in c.entities["Outlet/kloop"].aliases
    assert ("d2", "Agency/fsb", "blocked", "Outlet/kloop") in triples(c)
    assert c.relations["d2"][0].review["op"] == "accept"
    assert c.entities["Outlet/kloop"].docs == {"d1", "d2"}
    assert [n for n, _, _ in report.stale] == [3]


def test_rename_and_retype_keep_the_id(tmp_path):
    c, _ = replay(tmp_path, {"op": "rename", "entity": "Person/ana_lee", "label": "Anna Lee"},
                  {"op": "retype", "entity": "Outlet/kloop", "cls": "Platform"})
    assert c.entities["Person/ana_lee"].label == "Anna Lee" and "Ana Lee" in c.entities["Person/ana_lee"].aliases
    assert c.entities["Outlet/kloop"].cls == "Platform"


def test_split_moves_the_alias_and_the_sentences_named_only_by_it(tmp_path):
    c, report = replay(tmp_path, {"op": "split", "entity": "Agency/fsb", "alias": "Federal Security Service"})
    assert not report.stale
    new = c.entities["Agency/federal_security_service"]
    assert new.label == "Federal Security Service" and "Federal Security Service" not in c.entities["Agency/fsb"].aliases
    assert ("d1", "Agency/federal_security_service", "threatened", "Outlet/kloop") in triples(c)
    assert ("d1", "Agency/fsb", "blocked", "Outlet/kloop") in triples(c)   # that sentence says "the FSB"


def test_a_date_decision_dates_the_article_and_its_events_again(tmp_path):
    c, report = replay(tmp_path, {"op": "date", "doc": "d1", "date": "2021-05-07"},
                       {"op": "date", "doc": "d9", "date": "2021"})
    assert c.documents[0].date == "2021-05-07" and [n for n, _, _ in report.stale] == [2]
    dated = {r.prop: (r.date, r.date_source) for r in c.relations["d1"]}
    assert dated["blocked"] == ("2021-05-07", "article") and dated["threatened"] == ("2021-05-07", "article")
    assert dated["leads"] == (None, "")
    with pytest.raises(ReviewError, match="a day, a month or a year"):
        check_shape({"op": "date", "doc": "d1", "date": "2021-02-30"})


def test_a_broken_review_file_stops_the_build_naming_the_line(tmp_path):
    (tmp_path / "actorgraph-review.jsonl").write_text('{"op": "reject", "s": "a", "p": "b", "o": "c"}\nnot json\n')
    with pytest.raises(ReviewError, match=r"actorgraph-review.jsonl line 2"):
        read_decisions(tmp_path / "actorgraph-review.jsonl")


@pytest.mark.parametrize("decision, words", [
    ({"op": "merge", "entity": "a", "other": "a"}, "itself"),
    ({"op": "rename", "entity": "a"}, "needs label"),
    ({"op": "rename", "entity": "a", "label": "x\u0000y"}, "control characters"),
    ({"op": "rename", "entity": "a", "label": "x" * 400}, "1 to 300"),
    ({"op": "drop", "entity": "a"}, "op must be"),
    (["op"], "JSON object"),
])
def test_decisions_are_checked_for_shape(decision, words):
    with pytest.raises(ReviewError, match=words):
        check_shape(decision)


def test_a_review_file_that_is_a_symbolic_link_is_neither_read_nor_written(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "actorgraph-review.jsonl").symlink_to(outside)
    with pytest.raises(ReviewError, match="symbolic link"):
        append_decision(docs, {"op": "rename", "entity": "Person/a", "label": "B"})
    with pytest.raises(ReviewError, match="symbolic link"):
        read_decisions(docs / "actorgraph-review.jsonl")
    assert outside.read_text() == "precious\n"


def test_append_stamps_the_time_and_refuses_what_the_check_refuses(tmp_path):
    def check(d):
        if d["entity"] != "Person/ana_lee":
            raise ReviewError("no actor")
    rec = append_decision(tmp_path, {"op": "rename", "entity": "Person/ana_lee", "label": "Anna", "time": "1999"}, check)
    assert rec["time"].startswith("20") and rec["time"] != "1999"
    with pytest.raises(ReviewError):
        append_decision(tmp_path, {"op": "rename", "entity": "Person/x", "label": "Anna"}, check)
    assert len(read_decisions(tmp_path / "actorgraph-review.jsonl")) == 1


def test_the_review_command_records_checks_and_lists(tmp_path):
    from graph.build import build
    docs, out = tmp_path / "docs", tmp_path / "out"
    shutil.copytree(SAMPLE, docs)
    (docs / "actorgraph-review.jsonl").unlink()   # the sample's own dates: this test starts with no decision
    build(docs, out)
    run = CliRunner().invoke
    r = run(main, ["review", str(out), "--reject", "Person/bektour_iskender", "leads", "Outlet/kloop",
                   "--note", "test", "--reviewer", "Bo"])
    assert r.exit_code == 0, r.output
    r = run(main, ["review", str(out), "--merge", "Outlet/kloop", "Outlet/kloop"])
    assert r.exit_code != 0 and "itself" in r.output
    r = run(main, ["review", str(out), "--rename", "Person/nobody", "X"])
    assert r.exit_code != 0 and "no actor" in r.output
    r = run(main, ["review", str(out)])
    assert r.exit_code == 0 and '"op": "reject"' in r.output
    summary = build(docs, out)
    assert summary.review and "1 decision(s) applied" in summary.review[0]
    from graph.query import open_store, select
    ask = ("SELECT * WHERE { GRAPH ?g { <https://w3id.org/actorgraph/id/Person/bektour_iskender> "
           "<https://w3id.org/actorgraph/ns#leads> ?o } }")
    assert not select(open_store(out), ask)
    assert run(main, ["review", "--help"]).exit_code == 0 and run(main, ["export", "--help"]).exit_code == 0
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "actorgraph review OUT" in readme and "actorgraph export OUT --format ftm" in readme


def test_edges_the_scorer_held_back_are_listed_and_an_accepted_one_is_asserted(tmp_path, monkeypatch):
    """With the edge scorer's threshold out of reach every rule edge is held back: held.csv lists them
    (none is in the graph), and accepting one asserts it in the next build, with the review on it."""
    import csv

    import extract.learned as learned
    from graph.build import build
    from graph.query import open_store, select
    real = learned.active

    def strict(name):
        model = real(name)
        return dict(model, threshold=1.01) if name == learned.EDGES and model else model
    monkeypatch.setattr(learned, "active", strict)
    docs, out = tmp_path / "docs", tmp_path / "out"
    shutil.copytree(SAMPLE, docs)
    (docs / "actorgraph-review.jsonl").unlink()
    build(docs, out, incremental=False)
    with open(out / "held.csv", newline="", encoding="utf-8") as f:
        held = list(csv.DictReader(f))
    assert held and all(float(r["confidence"]) < 1.01 for r in held)
    row = next(r for r in held if r["property"] == "requestedRemoval")
    ask = (f"ASK {{ GRAPH ?g {{ <https://w3id.org/actorgraph/id/{row['subject']}> "
           f"<https://w3id.org/actorgraph/ns#{row['property']}> <https://w3id.org/actorgraph/id/{row['object']}> }} }}")
    assert not open_store(out).query(ask)
    page = (out / "held.html").read_text(encoding="utf-8")   # the same edges on a page, ready for review mode
    assert f'data-s="{row["subject"]}" data-p="{row["property"]}" data-o="{row["object"]}"' in page
    r = CliRunner().invoke(main, ["review", str(out), "--accept", row["subject"], row["property"], row["object"],
                                  "--reviewer", "Bo"])
    assert r.exit_code == 0, r.output
    build(docs, out)
    assert open_store(out).query(ask)
    with open(out / "held.csv", newline="", encoding="utf-8") as f:
        assert not any((x["subject"], x["property"], x["object"]) == (row["subject"], row["property"], row["object"])
                       for x in csv.DictReader(f))
    assert select(open_store(out), "PREFIX ag: <https://w3id.org/actorgraph/ns#> SELECT ?r WHERE { ?r a ag:Review }")
