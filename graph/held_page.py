"""OUT/held.html: the rule edges the edge scorer held back, strongest first, beside their sentences.

They are not facts and are not in the graph; a reader sees what the extractor proposed and did not
assert, and in review mode (`actorgraph serve OUT --review`) accepts one with a button (the next
build asserts it). The same list is OUT/held.csv.
"""
from __future__ import annotations

from extract.records import Corpus
from graph.exports import held_edges
from graph.pages import render

HELD_PAGE = "held.html"
HELD_ROWS_MAX = 2000   # rows on the page; held.csv lists every one


def held_rows(corpus: Corpus, entity_pages: dict[str, str], doc_pages: dict[str, str], held=None) -> list[dict]:
    ents, held = corpus.entities, held_edges(corpus) if held is None else held
    return [{"s_id": r.subject, "o_id": r.object, "prop": r.prop, "doc": doc_id,
             "subject": ents[r.subject].label, "subject_href": entity_pages.get(r.subject, ""),
             "object": ents[r.object].label, "object_href": entity_pages.get(r.object, ""),
             "doc_href": doc_pages.get(doc_id, ""), "sentence": r.sentence, "rule": r.rule,
             "confidence": r.confidence, "hedged": r.hedged}
            for doc_id, r in held[:HELD_ROWS_MAX]]


def held_html(corpus: Corpus, entity_pages: dict[str, str], doc_pages: dict[str, str]) -> str:
    held = held_edges(corpus)
    n, rows = len(held), held_rows(corpus, entity_pages, doc_pages, held)
    note = (f"{n} edges the rules proposed and the edge scorer judged too unlikely to assert. They are not in "
            "the graph or its queries. To assert one, accept it: `actorgraph review OUT --accept SUBJECT "
            "PROPERTY OBJECT`, or the accept button in review mode (`actorgraph serve OUT --review`).")
    if n > len(rows):
        note += f" The page lists the strongest {len(rows)}; held.csv lists all."
    return render("held.html", root="", title="held-back edges", heading="Edges held back by the scorer",
                  note=note, held=rows)
