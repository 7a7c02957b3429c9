"""Exports: JSON-LD, N-Quads, GraphML, GEXF and the CSV edge list carry the same graph."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset

from graph.exports import write_edge_csv, write_exports
from graph.rdf import corpus_to_dataset

from test_rdf import BUILD_INFO, small_corpus


def exported(tmp_path):
    corpus = small_corpus()
    ds = corpus_to_dataset(corpus, BUILD_INFO)
    write_exports(corpus, ds, tmp_path)
    return corpus, ds


def all_quads(ds: Dataset) -> int:
    return len(list(ds.quads((None, None, None, None))))


def test_jsonld_and_nquads_hold_the_same_dataset(tmp_path):
    _, ds = exported(tmp_path)
    doc = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["ag"] == "https://w3id.org/actorgraph/ns#"
    for fmt, name in (("json-ld", "graph.jsonld"), ("nquads", "graph.nq")):
        back = Dataset()
        back.parse(tmp_path / name, format=fmt)
        assert all_quads(back) == all_quads(ds), name
        graphs = {str(g.identifier) for g in back.graphs() if len(g)}
        assert {g for g in graphs if "/doc/" in g} == {f"https://w3id.org/actorgraph/id/doc/{d}" for d in
                                                       ("a1", "a2", "a3")}


def test_graphml_and_gexf_count_support_per_distinct_edge(tmp_path):
    exported(tmp_path)
    for g in (nx.read_graphml(tmp_path / "graph.graphml"), nx.read_gexf(tmp_path / "graph.gexf")):
        edges = [(u, v, d) for u, v, d in g.edges(data=True)]
        pressured = [d for u, v, d in edges if u == "State/arland" and v == "State/borvia"
                     and d.get("prop") == "pressured"]
        assert len(pressured) == 1
        assert int(pressured[0]["support"]) == 2
        assert pressured[0]["docs"] == "a1; a2"
        threatened = [d for u, v, d in edges if d.get("prop") == "threatened"]
        assert str(threatened[0]["hedged_only"]).lower() == "true"
        assert g.nodes["Outlet/free-wire"]["label"] == "Free Wire"
        assert g.nodes["Outlet/free-wire"]["cls"] == "Outlet"
        assert len(edges) == 9


def test_csv_edge_list_has_one_row_per_assertion_with_evidence(tmp_path):
    corpus, _ = exported(tmp_path)
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == sum(len(v) for v in corpus.relations.values())
    texts = {d.doc_id: d.text for d in corpus.documents}
    for r in rows:
        assert texts[r["doc"]][int(r["start"]):int(r["end"])] == r["sentence"]
    pressured = [r for r in rows if r["property"] == "pressured"]
    assert {r["doc"] for r in pressured} == {"a1", "a2"}
    assert {r["support"] for r in pressured} == {"2"}
    assert {(r["doc"], r["hedged"]) for r in pressured} == {("a1", "false"), ("a2", "true")}
    (threat,) = [r for r in rows if r["property"] == "threatened"]
    assert threat["attributed_to"] == "Person/mara-lind" and threat["subject_label"] == "Arland"


def test_csv_quotes_sentences_with_commas_and_quotes(tmp_path):
    corpus = small_corpus()
    rel = corpus.relations["a1"][0]
    rel.sentence = 'He said, "stop", then left'
    write_exports(corpus, corpus_to_dataset(corpus), tmp_path)
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert 'He said, "stop", then left' in {r["sentence"] for r in rows}


def test_a_build_writes_the_default_files_and_export_writes_the_rest_on_request(sample_build, tmp_path):
    import shutil

    from click.testing import CliRunner

    from actorgraph.cli import main
    from graph.manifest import load_corpus
    for name in ("graph.trig", "graph.ttl", "graph.nq", "ontology.ttl", "shapes.ttl"):
        assert (sample_build / name).stat().st_size > 0, name
    for name in ("graph.jsonld", "graph.graphml", "graph.gexf", "edges.csv"):
        assert not (sample_build / name).exists(), f"{name} is written on request only"
    out = tmp_path / "out"
    shutil.copytree(sample_build, out)
    result = CliRunner().invoke(main, ["export", str(out), "--format", "graphml", "--format", "gexf",
                                       "--format", "csv", "--format", "jsonld"])
    assert result.exit_code == 0, result.output
    nx.read_gexf(out / "graph.gexf")
    assert nx.read_graphml(out / "graph.graphml").number_of_edges() > 0
    # the corpus an export reads back from the cache is the one the build wrote its dataset from
    ref = tmp_path / "ref"
    ref.mkdir()
    write_edge_csv(load_corpus(out), ref / "edges.csv")
    assert (out / "edges.csv").read_bytes() == (ref / "edges.csv").read_bytes()
    rows = list(csv.DictReader(open(out / "edges.csv", encoding="utf-8", newline="")))
    store_rows = len(list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)))
    assert rows and store_rows
    bad = CliRunner().invoke(main, ["export", str(out), "--format", "nope"])
    assert bad.exit_code != 0 and "nope" in bad.output


def test_export_refuses_a_folder_that_is_not_a_build(tmp_path):
    from graph.exports import export
    from graph.outdir import OutDirError
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutDirError):
        export(tmp_path, ["csv"])
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_rebuild_keeps_the_exports_asked_for_fresh(tmp_path):
    from graph.build import build
    from graph.exports import export
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The Interior Ministry of Freedonia blocked the newspaper Morning Star.\n",
                                encoding="utf-8")
    out = tmp_path / "out"
    build(docs, out)
    export(out, ["csv"])
    first = (out / "edges.csv").read_text(encoding="utf-8")
    (docs / "b.txt").write_text("Police in Freedonia detained the blogger Ana Ruiz after the State Security "
                                "Service accused her of spreading false news.\n", encoding="utf-8")
    build(docs, out)   # the folder holds edges.csv now: the build must accept it and write it again
    again = (out / "edges.csv").read_text(encoding="utf-8")
    assert again != first and "b" in {r["doc"] for r in csv.DictReader(again.splitlines())}
    assert not (out / "graph.gexf").exists()


def test_cells_that_look_like_formulas_are_neutralised(tmp_path):
    corpus = small_corpus()
    corpus.relations["a1"][0].sentence = "=HYPERLINK(\"http://x\")"
    write_exports(corpus, corpus_to_dataset(corpus), tmp_path)
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as f:
        sentences = {r["sentence"] for r in csv.DictReader(f)}
    assert "'=HYPERLINK(\"http://x\")" in sentences
    assert not any(s.startswith("=") for s in sentences)


def test_jsonld_streamed_from_nquads_when_there_is_no_dataset(tmp_path):
    corpus = small_corpus()
    ds = corpus_to_dataset(corpus, BUILD_INFO)
    ds.serialize(tmp_path / "graph.nq", format="nquads", encoding="utf-8")
    write_exports(corpus, None, tmp_path)
    doc = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["ag"] == "https://w3id.org/actorgraph/ns#"
    back = Dataset()
    back.parse(tmp_path / "graph.jsonld", format="json-ld")
    assert all_quads(back) == all_quads(ds)
    assert (tmp_path / "graph.gexf").is_file() and (tmp_path / "edges.csv").is_file()
