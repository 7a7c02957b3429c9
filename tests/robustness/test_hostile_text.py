"""Nothing let in: hostile names are bound, never pasted into SPARQL; article markup never reaches a page unescaped."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from conftest import ROOT
from extract.records import Corpus, Document, Entity, Mention, Relation
from graph.build import build, write_outputs
from graph.query import open_store, select

HOSTILE_NAME = 'Ivan "the } UNION { ?s ?p ?o }" Petrov\n} ; DROP ALL ; # \'x\' <y>'
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(document.cookie)</script>"
BREAKOUT = "</script><script>alert(2)</script>"

PROFILE = """SELECT ?name ?entity ?other ?sentence WHERE {
  ?e rdfs:label ?name ; rdfs:label ?entity .
  GRAPH ?g { ?a rdf:subject ?e ; rdf:object ?x ; ag:sentence ?sentence . }
  ?x rdfs:label ?other .
}"""


def hostile_corpus() -> Corpus:
    sentence = f"{HOSTILE_NAME} pressured the {IMG} Gazette {SCRIPT} again {BREAKOUT}."
    text = f"{SCRIPT} headline {IMG}\n\n{sentence}\n"
    start = text.index(sentence)
    doc = Document(doc_id=f"d{IMG}", source=f"d{IMG}.txt", text=text, headline=f"{SCRIPT} headline {IMG}",
                   author=f"{BREAKOUT}", publisher=IMG)
    person = Entity("Person/ivan-petrov", HOSTILE_NAME, "Person", {f"Vanya {SCRIPT}"}, {doc.doc_id})
    outlet = Entity("Outlet/gazette", f"{IMG} Gazette {BREAKOUT}", "Outlet", set(), {doc.doc_id})
    rel = Relation(person.id, "pressured", outlet.id, sentence, start, start + len(sentence), "test.v1", 0.9)
    mentions = [Mention(start, start + len(HOSTILE_NAME), HOSTILE_NAME, "Person", person.id, rule="test.v1"),
                Mention(text.index(IMG, start), text.index(IMG, start) + len(IMG), IMG, "Outlet", outlet.id,
                        rule="test.v1")]
    return Corpus([doc], {person.id: person, outlet.id: outlet}, {doc.doc_id: [rel]}, {doc.doc_id: mentions})


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "out"
    out.mkdir()
    write_outputs(hostile_corpus(), out)
    return out


def test_name_with_quotes_braces_and_newline_round_trips_as_a_bound_value(hostile_out):
    rows = select(open_store(hostile_out), PROFILE, {"name": HOSTILE_NAME})
    assert [r["entity"] for r in rows] == [HOSTILE_NAME]
    assert rows[0]["other"] == f"{IMG} Gazette {BREAKOUT}"
    assert select(open_store(hostile_out), PROFILE, {"name": "Ivan"}) == []


def test_cli_query_binds_the_hostile_name(hostile_out):
    res = CliRunner().invoke(main, ["query", str(hostile_out), "--file",
                                    str(ROOT / "data" / "queries" / "entity_profile.rq"),
                                    "--bind", f"name={HOSTILE_NAME}", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert HOSTILE_NAME.replace("\n", "\\n").replace('"', '\\"') in res.output


def unescaped_article_markup(html: str) -> list[str]:
    bad = [IMG, SCRIPT, BREAKOUT, "<img src=x", "<script>alert", "onerror=alert(1)>"]
    return [b for b in bad if b.lower() in html.lower()]


def shown_escaped(html: str) -> bool:
    return any(form in html for form in ("&lt;img src=x", "\\u003cimg src=x", "&#60;img src=x"))


def test_written_pages_hold_no_unescaped_markup_from_the_corpus(hostile_out):
    pages = sorted(hostile_out.rglob("*.html"))
    assert pages
    found = {p.relative_to(hostile_out).as_posix(): unescaped_article_markup(p.read_text(encoding="utf-8"))
             for p in pages}
    assert not {k: v for k, v in found.items() if v}
    assert any(shown_escaped(p.read_text(encoding="utf-8")) for p in pages)   # the text is there, escaped


def test_pages_built_from_a_hostile_article_escape_it(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hostile.txt").write_text(
        f"{SCRIPT} Ministry blocks {IMG} site\n\n"
        f"The Interior Ministry blocked the website of the Riverside Herald {IMG} on Monday. {SCRIPT}\n"
        f"Prosecutors in Oslo asked the Riverside Herald to remove the report {BREAKOUT}, "
        f"said John Smith of the Press Union.\n", encoding="utf-8")
    out = tmp_path / "out"
    build(docs, out, incremental=False)
    pages = sorted(out.rglob("*.html"))
    assert any("Riverside" in p.read_text(encoding="utf-8") for p in pages)
    found = {p.relative_to(out).as_posix(): unescaped_article_markup(p.read_text(encoding="utf-8"))
             for p in pages}
    assert not {k: v for k, v in found.items() if v}
    assert any(shown_escaped(p.read_text(encoding="utf-8")) for p in pages)   # the text is there, escaped


def test_no_saved_query_is_assembled_from_text(tmp_path):
    """Saved queries take user values only as variables: no format placeholders in any .rq file."""
    for rq in (ROOT / "data" / "queries").glob("*.rq"):
        body = "\n".join(ln for ln in rq.read_text(encoding="utf-8").splitlines() if not ln.startswith("#"))
        assert not re.search(r"\{\s*[a-z_]+\s*\}|%s|\$\{", body), rq.name
