"""Event dates in the graph: ag:eventDate on event assertions of the sample, typed by precision, and in the
exports; the saved query for a period."""
from __future__ import annotations

from graph.query import open_store, saved_query, select

EVENTS = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <https://schema.org/>
SELECT ?p ?date ?dt ?precision ?source ?published WHERE {
  GRAPH ?g { ?a rdf:predicate ?p . OPTIONAL { ?a ag:eventDate ?date ; ag:datePrecision ?precision ; ag:dateSource ?source }
             BIND(DATATYPE(?date) AS ?dt) }
  OPTIONAL { ?g schema:datePublished ?published }
}"""
EVENT_PROPS = {"requestedRemoval", "blocked", "pressured", "threatened", "refused", "accused", "criticized",
               "supported", "released", "interviewed", "killed"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_every_event_edge_of_the_sample_has_a_typed_date(sample_build):
    """000 gives its date in its text; the other four get theirs from date decisions in
    data/articles/actorgraph-review.jsonl (data/articles/SOURCES.md)."""
    rows = select(open_store(sample_build), EVENTS)
    events = [r for r in rows if r["p"].rsplit("#", 1)[-1] in EVENT_PROPS]
    assert events
    for r in rows:
        if r["p"].rsplit("#", 1)[-1] not in EVENT_PROPS:
            assert not r.get("date"), r          # standing relations are not events
            continue
        assert r.get("published") and r.get("date"), r   # the sample: every article dated, every event too
        if r.get("date"):
            width = {"day": 10, "week": 10, "month": 7, "year": 4}[r["precision"]]
            assert len(r["date"]) == width and r["source"] in ("text", "context", "article")
            assert r["dt"] == XSD + {10: "date", 7: "gYearMonth", 4: "gYear"}[width]
    by_text = [r for r in events if r["source"] == "text"]
    assert any(r["date"] == "2014-11-24" for r in by_text), "'On November 24' read against 2014-11-25"


def test_events_between_two_dates(sample_build):
    q = saved_query("events_between").text
    store = open_store(sample_build)
    everything = select(store, q, {"start": "1900-01-01", "end": "2100-12-31"})
    assert everything
    day = everything[0]["date"]
    some = select(store, q, {"start": day[:4] + "-01-01", "end": day[:4] + "-12-31"})
    assert some and all(r["date"].startswith(day[:4]) for r in some)
    assert not select(store, q, {"start": "1900-01-01", "end": "1900-12-31"})


def test_event_dates_reach_the_csv_and_graphml_exports(sample_build, tmp_path):
    import csv
    import shutil

    import networkx as nx

    from graph.exports import export
    out = tmp_path / "out"   # CSV and GraphML are written on request (`actorgraph export`), into a copy here
    shutil.copytree(sample_build, out)
    export(out, ["csv", "graphml"])
    with open(out / "edges.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    dated = [r for r in rows if r["event_date"]]
    assert dated and all(r["date_source"] in ("text", "article") for r in dated)
    assert all(not r["event_date"] for r in rows if r["property"] in ("memberOf", "leads", "partOf"))
    g = nx.read_graphml(out / "graph.graphml")
    firsts = [d["first_date"] for _, _, d in g.edges(data=True) if d.get("first_date")]
    assert firsts and all(d <= e for (_, _, x) in g.edges(data=True) if x.get("first_date")
                          for d, e in [(x["first_date"], x["last_date"])])


def test_file_dates_only_when_asked_and_marked_so(tmp_path):
    import os
    import shutil
    from datetime import datetime, timezone
    from pathlib import Path

    from graph.build import build
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "data" / "articles" / "003_09f5b246161d6c2b.txt", docs)
    day = datetime(2014, 11, 27, 12, tzinfo=timezone.utc).timestamp()
    os.utime(docs / "003_09f5b246161d6c2b.txt", (day, day))
    query = ("PREFIX ag: <https://w3id.org/actorgraph/ns#> "
             "SELECT ?date ?source WHERE { GRAPH ?g { ?a ag:eventDate ?date ; ag:dateSource ?source } }")
    build(docs, tmp_path / "plain")
    assert not select(open_store(tmp_path / "plain"), query), "an undated article gets no date unless asked"
    build(docs, tmp_path / "dated", file_dates=True)
    rows = select(open_store(tmp_path / "dated"), query)
    assert rows and {r["source"] for r in rows} == {"file"} and {r["date"][:7] for r in rows} <= {"2014-11"}
