"""Static relations (leads, memberOf, partOf, basedIn, livesIn, locatedIn, wroteFor) in titles, appositions
and place phrases, on sentences written for these tests (invented places, outlets and people).

Mentions are given by hand, so each test checks the construction, not the mention finder:
`rels(text, [(surface, class, entity), ...])`.
"""
from __future__ import annotations

import re

import pytest

from extract.records import Mention
from extract.relations import extract_relations


@pytest.fixture
def rels(nlp):
    def run(text: str, ents: list[tuple]):
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
        return {(r.subject, r.prop, r.object) for r in found}
    return run


def test_a_place_named_with_its_kind_lies_in_the_larger_place(rels):
    assert ("Pastrovo", "locatedIn", "Velgrad") in rels(
        "Volkov moved to Velgrad's Pastrovo district in 2019.",
        [("Volkov", "Person"), ("Velgrad", "Place"), ("Pastrovo", "Place")])
    assert ("Dravnik", "locatedIn", "Korlan") in rels(
        "The rally was held in the town of Dravnik in the Korlan region.",
        [("Dravnik", "Place"), ("Korlan", "Place")])
    assert ("Tesmar", "locatedIn", "Orlandia") in rels(
        "Soldiers searched houses in the Tesmar region of Orlandia.",
        [("Tesmar", "Place"), ("Orlandia", "State")])


def test_a_list_of_districts_is_no_containment(rels):
    found = rels("Connections failed in the districts of Senvar and Ostilla on Monday.",
                 [("Senvar", "Place"), ("Ostilla", "Place")])
    assert not {r for r in found if r[1] == "locatedIn"}


def test_an_unknown_place_before_the_kind_is_not_taken_as_inside(rels):
    # "the Brenic town of Pirva": which holds which is not in the words; no edge rather than a wrong one
    found = rels("Police searched a flat in the Brenic town of Pirva.", [("Brenic", "Place"), ("Pirva", "Place")])
    assert ("Brenic", "locatedIn", "Pirva") not in found


def test_a_place_after_a_comma_and_a_direction(rels):
    assert ("Grodvik", "locatedIn", "Belarus") in rels(
        "The paper was founded in Grodvik, in western Belarus, in 2011.",
        [("Grodvik", "Place"), ("Belarus", "State")])


def test_an_office_places_its_organisation(rels):
    assert ("Drava Courier", "basedIn", "Lendava") in rels(
        "The Drava Courier offices in the Lendava district were searched on Monday.",
        [("Drava Courier", "Outlet"), ("Lendava", "Place")])
    assert ("Kestrel Weekly", "basedIn", "Velgrad") in rels(
        "Masked men broke into the Velgrad office of the news site Kestrel Weekly.",
        [("Kestrel Weekly", "Outlet"), ("Velgrad", "Place")])
    assert ("Fenwick Radio", "basedIn", "Ostrava") in rels(
        "Officers searched Fenwick Radio's headquarters in Ostrava on Monday.",
        [("Fenwick Radio", "Outlet"), ("Ostrava", "Place")])


def test_a_dateline_town_lies_in_the_place_after_its_comma(rels):
    text = "By Ana Rus\n\nPERVOMAR, Orlandia, June 9 - Gunmen attacked a press club in Pervomar on Thursday."
    assert ("Pervomar", "locatedIn", "Orlandia") in rels(text, [("Pervomar", "Place"), ("Orlandia", "State")])
