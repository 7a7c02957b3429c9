"""Credit lines name who wrote and who edited for the outlet (texts written for these tests)."""
from __future__ import annotations

from extract.credits import credit_relations
from extract.learned import CLASSES, EDGES, PAIRS, disabled

WIRE = """Court orders block on harbour news site

By Mirela Vasquez

TALVERO, Oct 3, 2019 (Southgate Press Service) - A district court ordered providers to block the site Harbour Lens on Tuesday, its editor Tomas Reyo said.

The court gave no reasons. "We will appeal," Reyo said.

(Reporting by Mirela Vasquez; additional reporting by Anders Kolb in Fenwick; Editing by Paula Osei)
"""

PIPE = """Weekly media roundup

By Hanna Ilves | Northern Ledger

The regulator fined two stations this week. The site of Dmitri Orlov, a blogger, was founded in 2011 by Orlov himself.
"""


def _edges(result):
    label = {e.id: e.label for e in result.entities}
    return {(label[r.subject], r.prop, label[r.object], r.rule) for r in result.relations}


def test_wire_credits_give_writers_and_editors_of_the_dateline_outlet(analyse_text):
    with disabled(EDGES, PAIRS, CLASSES):
        got = {(s, p, o) for s, p, o, rule in _edges(analyse_text(WIRE)) if rule.startswith(("doc.", "metadata."))}
    assert ("Mirela Vasquez", "wroteFor", "Southgate Press Service") in got
    assert ("Anders Kolb", "wroteFor", "Southgate Press Service") in got
    assert ("Paula Osei", "memberOf", "Southgate Press Service") in got
    assert ("Paula Osei", "wroteFor", "Southgate Press Service") not in got   # an editor, not a writer


def test_a_pipe_byline_names_the_outlet_and_prose_with_by_is_no_credit(analyse_text):
    with disabled(EDGES, PAIRS, CLASSES):
        result = analyse_text(PIPE)
    got = {(r.subject, r.prop, r.object) for r in credit_relations(result.document, result.mentions)}
    label = {e.id: e.label for e in result.entities}
    named = {(label[s], p, label[o]) for s, p, o in got}
    assert ("Hanna Ilves", "wroteFor", "Northern Ledger") in named
    assert not any(s == "Dmitri Orlov" for s, _, _ in named)   # "founded in 2011 by Orlov" is prose


LIVE = """Protests in Velgrad: live

By Hanna Ilves | Northern Ledger

09:10 - Our reporter Ilya Brandt is outside the courthouse, where about 200 people have gathered.

09:40 - The station's director, Marta Kos, told us: "Our reporter Pavel Dunn was beaten by police."

10:05 - Interview with the editor of Radio Velmar.
Marta Kos: Our editor Oleg Sinn has been detained since Friday.
"""


def test_our_reporter_is_the_publishers_staff_but_not_in_a_quote_or_an_answer(analyse_text):
    with disabled(EDGES, PAIRS, CLASSES):
        result = analyse_text(LIVE)
    label = {e.id: e.label for e in result.entities}
    got = {(label[r.subject], r.prop, label[r.object]) for r in credit_relations(result.document, result.mentions)}
    assert ("Ilya Brandt", "memberOf", "Northern Ledger") in got
    assert not any(s in ("Pavel Dunn", "Oleg Sinn") for s, _, _ in got)   # the speaker's outlet, not ours
    for r in credit_relations(result.document, result.mentions):
        assert result.document.text[r.start:r.end] == r.sentence


def test_a_long_paragraph_opening_with_by_is_no_credit_even_where_the_head_region_cuts_it(analyse_text):
    lead = ("Officials in Lagos suspended the service on Friday, saying the platform had been used for activities "
            "that threatened the state. They did not say how long it would last. ")
    text = ("Service suspended\n\nBy Ada Okoro | Lagos Ledger\n\n" + lead * 3 + "\n\n"
            "By Saturday morning, subscribers of Kelo Ruth and Ifeoma Nwosu networks in Lagos could no longer load "
            "the app without a virtual private network, and the regulator confirmed that it had directed all "
            "licensed operators to block access to the service, in line with the government's directive. The "
            "regulator gave no reason.\n\n" + lead * 5)
    with disabled(EDGES, PAIRS, CLASSES):
        result = analyse_text(text)
    label = {e.id: e.label for e in result.entities}
    named = {(label[r.subject], r.prop, label[r.object]) for r in credit_relations(result.document, result.mentions)}
    assert ("Ada Okoro", "wroteFor", "Lagos Ledger") in named
    assert {s for s, _, _ in named} == {"Ada Okoro"}


def test_a_name_no_model_knows_after_a_credit_by_is_a_person(analyse_text):
    text = WIRE.replace("Anders Kolb", "Ibrahim Garba Tsoho")
    with disabled(EDGES, PAIRS, CLASSES):
        got = {(s, p, o) for s, p, o, _ in _edges(analyse_text(text))}
    assert ("Ibrahim Garba Tsoho", "wroteFor", "Southgate Press Service") in got


def test_an_updated_by_line_credits_its_writers(analyse_text):
    text = ("Protests in Velgrad: live\n\nUpdated by Hanna Ilves and Anders Kolb | Northern Ledger\n\n"
            "09:10 - Police closed the main square as about 200 people gathered outside the courthouse.\n")
    with disabled(EDGES, PAIRS, CLASSES):
        got = {(s, p, o) for s, p, o, rule in _edges(analyse_text(text)) if rule.startswith("doc.")}
    assert got == {("Hanna Ilves", "wroteFor", "Northern Ledger"), ("Anders Kolb", "wroteFor", "Northern Ledger")}
