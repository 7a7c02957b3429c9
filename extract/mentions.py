"""Entity mentions in a parsed document: spaCy NER plus the gazetteer, typed to the schema."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.gazetteer import Gazetteer, default_gazetteer
from extract.records import Mention

NER_CLASS = {"PERSON": "Person", "GPE": "Place", "LOC": "Place", "ORG": "Organization",
             "WORK_OF_ART": "Work", "FAC": "Place"}


def _mention(span: Span, cls: str, rule: str) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, cls, rule=rule,
                   tok_start=span.start, tok_end=span.end)


def find_mentions(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Mention]:
    gazetteer = gazetteer or default_gazetteer()
    found: list[Mention] = []
    for ent in doc.ents:
        span = ent
        while len(span) and span[0].lower_ in ("the",) :
            span = span[1:]
        while len(span) and span[-1].tag_ == "POS":
            span = span[:-1]
        if not len(span):
            continue
        known = gazetteer.lookup(span.text)
        if known:
            found.append(_mention(span, known.cls, "gazetteer.v1"))
        elif ent.label_ in NER_CLASS:
            found.append(_mention(span, NER_CLASS[ent.label_], "ner.v1"))
    return found
