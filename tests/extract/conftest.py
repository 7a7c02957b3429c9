"""Shared fixture of the relation tests: `rels(text, [(surface, class, entity, kind), ...])` runs the
relation frames on mentions given by hand, so a test checks the patterns, not the mention finder."""
from __future__ import annotations

import re

import pytest

from extract.records import Mention
from extract.relations import extract_relations


@pytest.fixture
def rels(nlp):
    def run(text: str, ents: list[tuple], full: bool = False):
        doc = nlp(text)
        mentions = []
        for surface, cls, *rest in ents:
            ident = rest[0] if rest else surface
            kind = rest[1] if len(rest) > 1 else "name"
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                mentions.append(Mention(m.start(), m.end(), surface, cls, entity=ident, kind=kind,
                                        tok_start=span.start, tok_end=span.end))
        found = extract_relations(doc, mentions)
        for r in found:   # evidence is always verbatim
            assert text[r.start:r.end] == r.sentence
        return found if full else {(r.subject, r.prop, r.object) for r in found}
    return run
