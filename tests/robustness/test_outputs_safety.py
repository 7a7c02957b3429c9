"""What the build writes is safe to open: no CSV cell a spreadsheet would run as a formula, no ill-typed
xsd:date, and one source and one document IRI per file name."""
from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest
from rdflib import XSD, Literal

from extract import reader
from extract.reader import read_corpus
from extract.records import Document
from graph.exports import write_edge_csv
from graph.rdf import SDO, corpus_to_dataset, doc_iri, source_iri

sys.path.append(str(Path(__file__).resolve().parents[1] / "graph"))
from test_rdf import small_corpus  # noqa: E402

GOOD = "The press council said the ministry had fined the newspaper on Friday.\n"
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def edge_rows(corpus, path: Path) -> list[list[str]]:
    write_edge_csv(corpus, path)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[1:]


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_csv_cell_starts_like_a_formula(tmp_path, formula):
    corpus = small_corpus()
    old = "a1"
    corpus.documents[0].doc_id = formula        # a file named "=HYPERLINK(...).txt"
    corpus.relations[formula] = corpus.relations.pop(old)
    for ent in corpus.entities.values():
        ent.label = formula + ent.label
        ent.docs = {formula if d == old else d for d in ent.docs}
    for rel in corpus.relations[formula]:
        rel.sentence = formula + rel.sentence
        rel.attributed_to = formula
    rows = edge_rows(corpus, tmp_path / "edges.csv")
    assert rows
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    docs = {row[7] for row in rows}
    assert "'" + formula in docs
    assert any(row[8].startswith("'" + formula) for row in rows)   # the text is kept, only prefixed


def test_an_invalid_date_from_html_metadata_is_dropped():
    for bad in ("2015-13-45", "2021-02-30", "0000-01-01"):
        page = (f'<html><head><meta property="article:published_time" content="{bad}T10:00:00Z"></head>'
                f'<body><p>{GOOD}</p></body></html>').encode()
        assert reader.document_from_bytes(page, "p.html").date is None, bad
    page = b'<html><body><time datetime="2021-03-04">4 March</time><p>x</p></body></html>'
    assert reader.document_from_bytes(page, "p.html").date == "2021-03-04"


def test_only_a_valid_date_is_written_as_xsd_date():
    corpus = small_corpus()
    corpus.documents[0].date = "2015-13-45"
    corpus.documents[1].date = "2015-06-01"
    corpus.documents[2].date = "June 2015"
    g = corpus_to_dataset(corpus).default_graph
    dates = {str(d): g.value(doc_iri(d), SDO.datePublished) for d in ("a1", "a2", "a3")}
    assert dates["a2"] == Literal("2015-06-01", datatype=XSD.date)
    for d in ("a1", "a3"):
        assert dates[d] is None or dates[d].datatype is None, dates[d]
    assert all(not getattr(lit, "ill_typed", False) for lit in g.objects(None, SDO.datePublished))


def write(folder: Path, name: bytes | str) -> None:
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    with open(path, "wb") as f:
        f.write(GOOD.encode())


def test_two_file_names_never_share_a_source_or_a_document_iri(tmp_path):
    names = [b"a\xff.txt", b"a\xfe.txt", "a\ufffd.txt", "a\nb.txt", "a\\nb.txt", "a\\\\nb.txt", "a\x07.txt",
             "a\\x07.txt", "a\\u0007.txt", "a\\xff.txt", "a b.txt", "a%20b.txt", "A b.txt", "x.txt", "x.html"]
    for name in names:
        write(tmp_path, name)
    docs = [d for d in read_corpus(tmp_path) if isinstance(d, Document)]
    assert len(docs) == len(names)
    assert len({source_iri(d.source) for d in docs}) == len(names)
    assert len({doc_iri(d.doc_id) for d in docs}) == len(names)
    assert len({d.source for d in docs}) == len(names)
    for d in docs:
        assert "\n" not in d.source and "\x07" not in d.source
        d.source.encode("utf-8")


def test_source_and_document_iris_are_stable_across_rebuilds(tmp_path):
    for name in (b"caf\xe9.txt", "Пресса 2021.txt", "line\nbreak.txt", "x.txt"):
        write(tmp_path, name)
    first = [(d.source, d.doc_id) for d in read_corpus(tmp_path) if isinstance(d, Document)]
    again = [(d.source, d.doc_id) for d in read_corpus(tmp_path) if isinstance(d, Document)]
    assert first == again
    assert ("Пресса 2021.txt", "Пресса 2021") in first and ("x.txt", "x") in first
    assert ("line\\nbreak.txt", "line\\nbreak") in first
    assert ("caf\\xe9.txt", "caf\\xe9") in first
