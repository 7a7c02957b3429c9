"""Entity mentions in a parsed document, typed to the nine schema classes.

Candidates come from the byline and footer, quoted titles, the gazetteer,
demonym phrases ("Kazakh officials"), spaCy's NER and capitalised runs that a
cue vouches for. Each candidate is typed by the strongest cue (data/entity_cues.yaml):
gazetteer > name form ("... Times", ".kg", "... Ministry") and descriptions
("X, an independent news site", "MP X") > the role a name plays ("X reported")
> the bare NER label. Non-English text, the headline, byline and footer lines
make no NER entities. Overlaps are resolved longest-first within a tier.

The cues live in entity_cues.py, the generators other than NER in candidates.py
and span trimming and filters in name_spans.py; this module runs them, picks the
winners and ties acronyms, "known as" names and States to them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from collections import Counter
from functools import lru_cache
from bisect import bisect_left

from spacy.tokens import Doc, Span

from extract.candidates import (Cand, agency_label, titled_person_cands, capital_as_place, own_name_before, demonym_cands, gazetteer_cands,
                                glued_cands, heading_tokens, meta_cands, runs, work_cands)
from extract.entity_cues import (NER_CLASS, W_DESC, W_FORM, W_GAZ, W_LATENT, W_NER, W_ROLE, W_WEAK, cues, description,
                                 name_form, named_head, role, type_span)
from extract.gazetteer import Gazetteer, default_gazetteer
from extract.language import non_english_tokens
from extract.metadata import Layout, layout
from extract.patterns import doc_text, person_nouns
from extract.places import static_words
from extract.name_spans import (clean, cut_before_other_name, cut_known_before_region, extend_for, extend_left,
                                extend_number, extend_of_and, extend_of_place, extend_possessive_name, extend_right,
                                extend_state_and, join_adjacent_people, join_domain_pairs, join_first_names,
                                join_foreign_names, join_possessive_pairs, junk, latent, paren_partner, quoted,
                                split_at_verbs, split_coordinated, split_possessive, split_state_name,
                                strip_description, strip_titles, surname_shaped, unit_joint, whole_words)
from extract.records import Document, Mention

REGION_WORDS = {"region", "province", "oblast", "governorate", "district", "prefecture", "krai"}
TYPED_BY_CUES_ONLY = {"PRODUCT"}   # "AK-47", "iPhone": an entity only when a cue says what it is
DOMAIN = re.compile(r"^(?!www\.)[a-z0-9][a-z0-9-]{1,40}\.[a-z]{2,5}$")


# classes whose names recur as mentions wherever the same words do (not people: "Mr Kaya" is for coref)
REPEATED = ("Outlet", "Organization", "Agency", "Group", "Platform")


def _in_ranges(start: int, end: int, ranges) -> bool:
    return any(start < r[1] and r[0] < end for r in ranges if r)


def _demonym_forms(gaz: Gazetteer) -> set[str]:
    out = set()
    for d in gaz.by_demonym:
        out |= {d, d + "s", d + "es", "non-" + d, "non-" + d + "s"}
    return out


def find_mentions(doc: Doc, gazetteer: Gazetteer | None = None,
                  document: Document | None = None) -> list[Mention]:
    gaz = gazetteer or default_gazetteer()
    text = doc_text(doc)
    lay = layout(document) if document is not None else Layout()
    foreign = non_english_tokens(doc)
    skipped = lay.skipped()
    demonyms = _demonym_forms(gaz)

    headings = heading_tokens(doc)

    def prose(s: int, e: int) -> bool:
        return not any(i in foreign or i in headings for i in range(s, e)) \
            and not _in_ranges(doc[s].idx, doc[e - 1].idx + 1, skipped)

    cands = meta_cands(doc, lay, text) + work_cands(doc, text)
    cands += [c for c in gazetteer_cands(doc, gaz)
              if not any(i in foreign for i in range(c.start, c.end))
              and not _in_ranges(doc[c.start].idx, doc[c.end - 1].idx + 1, [r for r in (lay.byline, *lay.credits) if r])]
    cands += [c for c in demonym_cands(doc, gaz) if prose(c.start, c.end)]
    cands += [c for c in glued_cands(doc, gaz) if not any(i in foreign for i in range(c.start, c.end))]
    cands += [c for c in titled_person_cands(doc, gaz) if prose(c.start, c.end)]

    ents = join_first_names(join_adjacent_people(join_foreign_names(join_possessive_pairs(split_at_verbs(
        doc.ents)))), gaz)
    for ent in [piece for e in join_domain_pairs(ents, gaz) for piece in split_coordinated(e, gaz)]:
        if ent.label_ not in NER_CLASS and ent.label_ not in TYPED_BY_CUES_ONLY and ent.label_ != "NORP":
            continue
        if ent.label_ == "WORK_OF_ART" and not quoted(ent):
            continue   # titles worth a node are quoted; unquoted WORK_OF_ART is mostly NER noise
        if ent.label_ == "NORP" and len(ent) == 1 and ent.text not in demonyms and not gaz.lookup(ent.text):
            end = ent.end   # "[Marthese] Borg Cardona founded ...": a first name NER took for a nationality
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_ \
                    and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end:
                end += 1
            if end - ent.end >= 1:
                ent = Span(doc, ent.start, end, label="PERSON")
        ent = extend_of_place(extend_for(extend_of_and(extend_possessive_name(extend_left(whole_words(ent), gaz)), gaz)))
        ent = extend_number(whole_words(extend_right(extend_state_and(ent, gaz), gaz)))
        ent = split_state_name(ent, gaz)[-1]   # the State itself is the gazetteer's
        if ent.label_ in ("GPE", "LOC") and ent.start > 0 and len(ent) == 1:
            # "Ana [Petrova]": NER took a family name for a place and left the first name out
            p = doc[ent.start - 1]
            if p.pos_ == "PROPN" and p.is_title and p.dep_ == "compound" and p.head.i == ent.start and not p.ent_type_ \
                    and not gaz.lookup(p.text) and not gaz.state(p.text) and not gaz.lookup(ent.text) \
                    and p.lower_.rstrip(".") not in cues()["person_titles"] and not p.is_sent_start:
                ent = Span(doc, ent.start - 1, ent.end, label=ent.label_)   # the text around it types it
        if ent.label_ == "PERSON":   # NER sometimes drops a first name: "[Kaya]" for "Mehmet Kaya"
            start = ent.start
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                    and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(ent.start, ent.end) \
                    and not doc[start - 1].ent_type_ and doc[start - 1].lower_.rstrip(".") not in cues()["person_titles"] \
                    and not gaz.lookup(doc[start - 1].text) and not gaz.state(doc[start - 1].text) \
                    and doc[start - 1].lower_ not in cues()["description_nouns"]["Person"]:
                start -= 1
            end = ent.end   # "said [Nusrat] Jan,", "[Rezaul Karim] Pintu": NER dropped the family name
            while end < len(doc) and doc[end - 1].dep_ == "compound" and end <= doc[end - 1].head.i <= end + 2 \
                    and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_ \
                    and cues()["_heads"].get(doc[end].lower_) is None and not gaz.lookup(doc[end].text):
                end += 1
            ent = Span(doc, start, end, label=ent.label_)
            end = ent.end   # "[Al-Bayyina] Media", "[Tsenher] Foundation": a body's name NER cut before its head noun
            while end < len(doc) and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha \
                    and not doc[end].ent_type_ \
                    and cues()["_heads"].get(doc[end].lower_) in ("Outlet", "Organization", "Agency", "Group") \
                    and "\n" not in doc[end - 1].whitespace_:
                end += 1
            if end > ent.end:
                ent = Span(doc, ent.start, end, label="ORG")
        span = clean(cut_before_other_name(ent))
        if ent.label_ == "PERSON":
            span = strip_titles(span)
        elif ent.label_ == "ORG":
            span = cut_known_before_region(strip_description(span, demonyms), gaz)
            if len(span) > 2 and span[0].is_title and span[0].lower_ in cues()["person_titles"] \
                    and all(t.is_title and not cues()["_heads"].get(t.lower_) for t in span[1:]):
                span = strip_titles(span)   # NER's ORG "[Lawyer] Ana Petrova" mid-sentence: the title is no name
        if not len(span) or not prose(span.start, span.end):
            continue
        if span.end < len(doc) and cues()["_heads"].get(doc[span.end].lower_) == "Platform" \
                and doc[span.end].pos_ == "NOUN" and doc[span.end].dep_ != "compound":
            span = doc[span.start:span.end + 1]
        owner, rest = split_possessive(span, gaz)
        if owner is not None and len(owner) and (known := gaz.lookup(owner.text)) is not None:
            cands.append(Cand(owner.start, owner.end, known.cls, W_GAZ, "gazetteer.v1", 2, "name", known.name))
            span = rest
        span = clean(span)
        if not len(span) or junk(span, gaz, demonyms) or ent.label_ == "NORP":
            continue
        if (known := gaz.lookup(span.text)) is not None and own_name_before(span, known, gaz):
            span, known = doc[span.start - 1:span.end], None   # "[Shamal] Khabar": typed by its head noun below
        if known is not None:
            if capital_as_place(span, known):
                cands.append(Cand(span.start, span.end, "Place", W_GAZ, "gazetteer.capital.v1", 2, "name", known.capital))
            else:
                cands.append(Cand(span.start, span.end, known.cls, W_GAZ, "gazetteer.v1", 2, "name", known.name,
                                  known.state or ""))
            continue
        typed = type_span(span, ent.label_)
        if typed and typed[0] == "Person" and ent.label_ != "PERSON" and len(bare := strip_titles(span)):
            span = bare   # NER's ORG "Superintendent Akosua Boateng", a person by its apposition
        if typed:
            cls, w, rule = typed
            tier = 2 if w >= W_FORM or len(span) > 1 else 1
            # "in Sagaing region": the entity is named "Sagaing region", the bare "Sagaing" an alias
            label = f"{span.text} {doc[span.end].text}" if cls == "Place" and span.end < len(doc) \
                and doc[span.end].lower_ in REGION_WORDS else ""
            cands.append(Cand(span.start, span.end, cls, w, rule, tier, label=label, written=_headed(span, cls)))

    taken = {i for c in cands for i in range(c.start, c.end)} | foreign | headings
    starts = [t.idx for t in doc]
    for r in (r for r in skipped if r):   # tokens that begin inside a skipped range (byline, credits, ...)
        taken |= set(range(bisect_left(starts, r[0]), bisect_left(starts, r[1])))
    named = {i for e in doc.ents if e.start > 0 and e[0].is_title and e.label_ in ("EVENT", "LAW")
             and doc[e.start - 1].lower_ in cues()["description_nouns"]["Outlet"] for i in range(e.start, e.end)}
    taken |= {t.i for t in doc if t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                                                    "ORDINAL", "LAW", "LANGUAGE", "EVENT")
              and not DOMAIN.match(t.text.lower()) and t.i not in named}   # NER calls "Zeltok.info" a number;
    # "the daily [Yemen Morning]" is no EVENT
    for span in runs(doc, taken):
        while len(span) > 1 and span[0].is_sent_start and span[0].is_stop \
                and not (len(span) == 2 and cues()["_heads"].get(span[1].lower_) == "Outlet"):
            span = span[1:]   # but "Now TV was fined": a stop word and an outlet's head noun name the outlet
        if len(span) > 2 and span[1].lower_ == "in" and span[0].lower_ in cues()["_place_bodies"]:
            span = span[2:]   # "[Police in] Cần Thơ": a generic body at the sentence's start is no part of the name
        span = clean(span)
        if not len(span) or junk(span, gaz, demonyms):
            continue
        if len(span) == 1 and span[0].is_sent_start and span[0].pos_ == "NOUN" and span.end < len(doc) \
                and doc[span.end].is_lower and doc[span.end].pos_ == "NOUN":
            continue   # "Newspaper publisher X", "Opposition leader Y": a sentence's first word, no name
        typed = name_form(span) or description(span) or role(span)
        if typed and typed[0] == "Person" and len(bare := strip_titles(span)):
            span = bare   # "the editor, Mr Rohana Perera": the title is no part of the name
        if typed is None and len(bare := strip_titles(span)) and surname_shaped(bare) and not gaz.lookup(bare.text):
            span, typed = bare, ("Person", W_NER, "form.surname.v1")   # "Governor Anatoly Reshetov"
        if typed and typed[0] == "Place" and not span.root.pos_ == "PROPN":
            typed = None
        if typed is None and len(span) == 1 and span.start > 0 and doc[span.start - 1].lower_ == "the" \
                and span.end < len(doc) and doc[span.end].lower_ == "of" \
                and cues()["_heads"].get(span[0].lower_) == "Agency":
            typed = ("Agency", W_WEAK + 0.6, "form.head.v1")   # "the Embassy [of Norway]": the State ended the run
        if typed is None and len(span) == 1 and span.start > 0 and doc[span.start - 1].text == "The" \
                and span.root.dep_ not in ("amod", "compound", "nmod"):
            typed = ("Outlet", W_WEAK + 0.6, "form.the_name.v1")    # "The Diplomat", "The Guardian"
        if typed is None and 0 < span.start and span.end + 1 < len(doc) and doc[span.start - 1].lower_ in ("the", "a") \
                and doc[span.end].lower_ in cues()["description_nouns"]["Outlet"] and doc[span.end + 1].is_title \
                and span.root.pos_ == "PROPN":
            typed = ("Place", W_NER, "form.outlet_place.v1")   # "the Odesa weekly Chornomorskyi Dzvin"
        if typed is None and paren_partner(doc, span) is not None:
            typed = ("Organization", W_WEAK, "form.paren.v1")
        if typed is None and latent(span):
            # kept only if a description ("the group") or an acronym later vouches for it: see aliases.drop_latent
            typed = ("Organization", W_LATENT, "run.latent.v1")
        if typed:
            cands.append(Cand(span.start, span.end, typed[0], typed[1], typed[2], 0 if typed[1] <= W_LATENT else 1,
                              written=_headed(span, typed[0])))

    for tok in doc:   # lower-case site names: "vlast.kz reported", "on kloop.kg"
        if tok.i not in taken and DOMAIN.match(tok.text) and (tok.i == 0 or doc[tok.i - 1].text not in ("@", "/")):
            if (typed := name_form(doc[tok.i:tok.i + 1])) and typed[0] == "Outlet":
                cands.append(Cand(tok.i, tok.i + 1, "Outlet", typed[1], typed[2], 1))
    chosen = _split_units(doc, _select(cands), gaz)
    _known_as(doc, chosen, text)
    _unglue(doc, chosen)
    _share_class_in_lists(doc, chosen)
    chosen += _place_lists(doc, chosen, gaz, demonyms)
    _examples_typed(doc, chosen)
    _credited(doc, chosen, text)
    _qualify(doc, chosen, gaz)
    chosen += _acronyms(doc, chosen)   # after _qualify: "Uganda X Commission (UCC)" is the qualified name's
    chosen += _name_repeats(doc, chosen)
    _locate(doc, chosen, gaz)
    return [_to_mention(doc, c, text) for c in sorted(chosen, key=lambda c: c.start)]


def _headed(span: Span, cls: str) -> str:
    """The name with the lower-case kind of its class the text writes after it, an alias of its entity: "the
    Basmanny district court", "the Al Kaniat brigade" (entity_cues.named_head)."""
    end, kind = named_head(span)
    return span.doc[span.start:end].text if kind == cls else ""


@lru_cache(maxsize=None)
def credited() -> re.Pattern:
    """The end of a credit line's head ("Reporting by ", "| By "): a name right after it is a person's."""
    words = "|".join(map(re.escape, static_words()["credit_words"]))
    # ... and the next name of the same credit: "Live updates by A in Kramatorsk and [B] in Kyiv"
    return re.compile(rf"(?im)(?:^|\b(?:{words})|[;|(])[ \t]*by[ \t]+(?:[^.;:|\n]{{0,80}}? and[ \t]+)?$")

KNOWN_AS = re.compile(r"^[\s,(—–-]*(?:(?:also|better|formerly|widely|locally|popularly|officially) )?(?:known as|a\.?k\.?a\.?|"
                      r"(?:who|which|that)? ?(?:ha[sv]e |had )?(?:styled|styles|style|calls?|called|calling|named|names|"
                      r"brands?|branded|dubbed|renamed) (?:themselves|itself|himself|herself)(?: as)?)"
                      r"[\s,]*(?:the )?[\s“\"'‘«]*$", re.I)


def _known_as(doc: Doc, chosen: list[Cand], text: str) -> None:
    """"ISIS, who styled themselves as the “Islamic State”", "X, also known as Y": Y names X."""
    ordered = sorted(chosen, key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:]):
        if b.start - a.end > 12:
            continue
        between = text[doc[a.end - 1].idx + len(doc[a.end - 1].text):doc[b.start].idx]
        # the regex first: Token.sent rescans the document, so ask it only for the rare match
        if not KNOWN_AS.match(between) or doc[a.start].sent.start != doc[b.start].sent.start:
            continue
        if a.cls != "Person" and (b.cls != "Person" or b.weight < a.weight):
            b.label = a.label or clean(doc[a.start:a.end]).text
            if b.weight < a.weight:
                b.cls = a.cls


def _credited(doc: Doc, chosen: list[Cand], text: str) -> None:
    """"Reporting by Ibrahim Garba Tsoho; editing by ...": a weakly typed name right after a credit's "by"
    is a person."""
    for c in chosen:
        if c.cls != "Person" and c.weight < W_FORM and c.end - c.start <= 4 and c.kind == "name":
            start = doc[c.start].idx
            if credited().search(text, text.rfind("\n", 0, start) + 1, start):
                c.cls, c.weight, c.rule = "Person", W_FORM, "credit.by.v1"


def _share_class_in_lists(doc: Doc, chosen: list[Cand]) -> None:
    """"banned Facebook, Vkontakte and Zelo", "providers Beeline, Kcell and Elisa Eesti": weakly typed names in a
    list take the class of a known outlet, platform or company in it."""
    by_root = {}
    for c in chosen:
        by_root[doc[c.start:c.end].root.i] = c
    for c in chosen:
        if c.weight < W_FORM:
            continue
        root = doc[c.start:c.end].root
        for t in _list_mates(root):
            other = by_root.get(t.i)
            if other is not None and _people_listed(doc, other):
                if other.weight < 2.0 and other.cls != "Person":   # NER's "[Aidana Mukusheva] (ORG)"
                    other.cls, other.rule = "Person", "form.surname.v1"
                continue   # "two reporters for the site X, A and B": the people after the outlet stay people
            if other is not None and other.weight < 2.0 and other.cls != c.cls and (
                    c.cls in ("Platform", "Outlet") or c.cls == "Organization" and other.cls in ("Person", "Place")):
                other.cls, other.weight, other.rule = c.cls, W_ROLE, "role.list.v1"


def _place_lists(doc: Doc, chosen: list[Cand], gaz: Gazetteer, demonyms) -> list[Cand]:
    """"schools in Helmand, Kandahar and Uruzgan": a name listed after a place preposition beside places,
    more of them places than not, is a place, whether NER typed it weakly ("Maradi" a person) or not at all
    ("Agadez" a product)."""
    at = {i: c for c in chosen for i in range(c.start, c.end)}
    out = []
    for first in doc:
        if first.dep_ != "pobj" or first.head.lower_ not in cues()["place_prepositions"] or not first.conjuncts:
            continue
        members = [first, *first.conjuncts]
        typed = [at[t.i] for t in members if t.i in at and doc[at[t.i].start:at[t.i].end].root == t]
        places = sum(c.cls in ("Place", "State") for c in typed)
        if not any(c.cls == "Place" for c in typed) or places < len(typed) - places \
                or any(w.lower_ in ("including", "such", "among", "like") for w in doc[first.i:max(members).i]):
            continue
        for t in members:
            if t.pos_ != "PROPN" or not t.is_title or t.text in demonyms or gaz.lookup(t.text) or gaz.state(t.text):
                continue
            other = at.get(t.i)
            if other is not None:
                if other.weight < 2.0 and other.cls not in ("Place", "State") and doc[other.start:other.end].root == t:
                    other.cls, other.weight, other.rule = "Place", W_ROLE, "role.list.place.v1"
                continue
            start = t.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == t.i \
                    and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in at:
                start -= 1
            cand = Cand(start, t.i + 1, "Place", W_ROLE, "role.list.place.v1", 1)
            out.append(cand)
            at.update({i: cand for i in range(start, t.i + 1)})
    return out


@lru_cache(maxsize=None)
def _plural_kinds() -> dict[str, str]:
    """Description nouns of exactly one class ("portal": Outlet; not "network", "agency"; "website" an Outlet)."""
    seen: dict[str, set[str]] = {}
    for cls, nouns in cues()["description_nouns"].items():
        for n in nouns:
            seen.setdefault(n, set()).add(cls)
    out = {n: next(iter(c)) for n, c in seen.items() if len(c) == 1 and " " not in n}
    out.update({n: "Outlet" for n, c in seen.items() if c == {"Outlet", "Platform"}})   # "websites": unknown
    return out                                                                            # ones are news sites


def _examples_typed(doc: Doc, chosen: list[Cand]) -> None:
    """"six news sites, among them Xabar Markazi, Navoiy Nur and Ferghana Vaqti", "two other sites, Buka and
    Istinomjer.", "A, B and C, three Sindhi-language news portals": names given as examples of a plural
    description noun take its class when nothing surer typed them."""
    from extract.relations import lexicon
    openers = set(lexicon()["frames"]["example_openers"])
    kinds = _plural_kinds()
    by_root = {doc[c.start:c.end].root.i: c for c in chosen}
    by_start = {c.start: c for c in chosen}
    for tok in doc:
        cls = kinds.get(tok.lemma_.lower()) if tok.tag_ == "NNS" else None
        if cls is None:
            continue
        named = []
        if tok.dep_ == "appos" and tok.head.i in by_root:          # "A, B and C, three news portals"
            named = [by_root.get(t.i) for t in (tok.head, *tok.head.conjuncts)]
        k = tok.i + 1 + (tok.i + 1 < len(doc) and doc[tok.i + 1].text == ",")
        width = next((w for w in (2, 1) if " ".join(t.lower_ for t in doc[k:k + w]) in openers), 0)
        if width or (k > tok.i + 1 and k in by_start):             # "sites, among them A, B" / "sites, A and B."
            run, j = [], k + width
            while j < len(doc) and not (doc[j].is_punct and doc[j].text not in (",", "-")) \
                    and (doc[j].pos_ not in ("VERB", "AUX") or doc[j].lower_.rstrip("s") in kinds):   # "the portals"
                if doc[j].text == "," and run and not (j + 1 in by_start or j + 1 < len(doc) and doc[j + 1].lower_
                                                       in ("and", "or", "the")):
                    break   # "A and B, which ...": the list ends at its comma
                if j in by_start:
                    run.append(by_start[j])
                    j = by_start[j].end
                else:
                    j += 1
            if width or (len(run) >= 2 and j < len(doc) and doc[j].is_punct):
                named += run
        for c in named:
            if c is not None and c.weight < 2.0 and (c.cls != cls or c.rule == "role.list.v1") and c.kind == "name":
                c.cls, c.weight, c.rule = cls, W_DESC, "role.examples.v1"   # as sure as a description


def _people_listed(doc: Doc, c: Cand) -> bool:
    """A name shaped like a person's ("Nurbek Serikov", whatever NER typed it), or typed a person after people
    counted before it in its sentence ("two reporters ..., A and B")."""
    span = doc[c.start:c.end]
    people = set(cues()["description_nouns"]["Person"])
    return surname_shaped(span) or c.cls == "Person" and any(t.tag_ == "NNS" and t.lemma_.lower() in people
                                                             for t in doc[span.sent.start:c.start])


def _list_mates(tok) -> set:
    """The other members of a list a name stands in: its conjuncts, and in a list with "and" the names the
    parser made appositions ("Kanal Horyzont, [Donbas Plus] and the regional broadcaster ...")."""
    mates = set(tok.conjuncts)
    if tok.dep_ == "appos" and tok.head.conjuncts:
        mates |= {tok.head, *tok.head.conjuncts}
    if mates:
        mates |= {a for t in (tok, *mates) for a in t.children if a.dep_ == "appos" and a.pos_ == "PROPN"}
    mates.discard(tok)
    return mates


def _unglue(doc: Doc, chosen: list[Cand]) -> None:
    """"Kazakhstanoperating" when "Kazakhstan" is named elsewhere in the document: keep the name part."""
    names = {doc[c.start:c.end].text for c in chosen if c.end - c.start == 1 and c.cstart < 0}
    for c in chosen:
        tok = doc[c.start]
        if c.end - c.start != 1 or c.cstart >= 0 or tok.text in names:
            continue
        for name in sorted(names, key=len, reverse=True):
            rest = tok.text[len(name):]
            if len(name) >= 4 and tok.text.startswith(name) and rest.isalpha() and rest.islower() and len(rest) >= 3:
                twin = next(x for x in chosen if x.end - x.start == 1 and doc[x.start].text == name)
                c.cstart, c.cend, c.cls, c.weight, c.rule = tok.idx, tok.idx + len(name), twin.cls, twin.weight, "glued.name.v1"
                c.label = twin.label
                break


def _split_units(doc: Doc, chosen: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """"the Cybercrime Unit of the Public Security Directorate": a unit's name, "of the", and the name of the
    body it belongs to are two names (the unit is partOf the body: relations.Extractor.unit_of)."""
    heads, out = cues()["_heads"], []
    for c in chosen:
        cut = next((k for k in range(c.start + 2, c.end - 3) if unit_joint(doc, k) and doc[k + 2].is_title),
                   None) if c.cls in BODIES else None
        body = doc[cut + 2:c.end] if cut is not None else None
        if body is not None and not gaz.state(body.text) \
                and any(heads.get(t.lower_) in ("Agency", "Organization") for t in body):
            out += [replace(c, end=cut, label="", qualifier=""), replace(c, start=cut + 2, label="", qualifier="")]
        else:
            out.append(c)
    return out


def _select(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates: higher tier first, then longer, then heavier."""
    chosen, used = [], set()
    for c in sorted(cands, key=lambda c: (-c.tier, -(c.end - c.start), -c.weight, c.start)):
        toks = set(range(c.start, c.end))
        if toks & used:
            continue
        used |= toks
        chosen.append(c)
    return chosen


BODIES = ("Agency", "Organization", "Group", "Outlet", "Platform")


def _acronym_token(text: str) -> bool:
    """"FSB", "GKNB", "FAMa", "GUBOPiK": 2-8 letters, starting with two capitals."""
    return text.isalpha() and 2 <= len(text) <= 8 and text[:2].isupper() and sum(ch.isupper() for ch in text) >= 2


def _acronyms(doc: Doc, chosen: list[Cand]) -> list[Cand]:
    """"Federal Security Service (FSB)": the acronym in brackets is a mention of the same entity.

    The initials need not match when the name is a body's ("National Communication Council (CNC)",
    "State Security Committee (KGB)"): acronyms are often of the name in its own language."""
    at = {c.start: c for c in chosen if c.end - c.start == 1}
    by_end = {c.end: c for c in chosen}
    used = {i for c in chosen for i in range(c.start, c.end)}
    out, redefined = [], {}
    for c in chosen:
        i = c.end
        if not (i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and c.kind == "name"):
            continue
        tok, inner = doc[i + 1], at.get(i + 1)
        # or a body's short name in its own language: "Brazilian Association of Investigative Journalism (Abraji)"
        short = tok.is_title and tok.is_alpha and 4 <= len(tok.text) <= 12 and c.cls in BODIES \
            and c.end - c.start >= 3 and (i + 1 not in used or inner is not None and inner.cls == c.cls)
        if not (_acronym_token(tok.text) or short):
            continue
        j = c.start - 1 - (doc[c.start - 1].lower_ == "the")   # "X of (the) Y (Z)"
        before = by_end.get(j) if j > 0 and doc[j].lower_ == "of" else None
        options = [c] + ([before] if before is not None and before.start < c.start else [])
        labels = [(o, o.label or clean(doc[o.start:o.end]).text) for o in options]
        named = next(((o, lab) for o, lab in labels if tok.text[0].lower() == lab[:1].lower()), None)
        named = named or next(((o, lab) for o, lab in labels if o.cls in BODIES and len(lab.split()) > 1), None)
        if named is None:
            continue
        c, label = named
        if i + 1 not in used:
            out.append(Cand(i + 1, i + 2, c.cls, c.weight, "acronym.define.v1", c.tier, "acronym",
                            label, c.qualifier))
        elif inner is not None and inner.weight < W_GAZ:
            inner.cls, inner.weight, inner.rule, inner.kind = c.cls, c.weight, "acronym.define.v1", "acronym"
            inner.label, inner.qualifier = label, c.qualifier
        elif inner is not None and inner.cls == c.cls and inner.label and c.weight < W_GAZ:
            if tok.text == inner.label or set(inner.label.split()) <= set(label.split()):
                c.label = inner.label   # "the Federal Service for ... (Roskomnadzor)": the listed body, spelt out
            else:   # "National Intelligence Agency (NIA)": the text defines a listed acronym of another body
                redefined[tok.text] = (c.cls, label, c.qualifier)
    for o in (chosen if redefined else ()):   # ... and means it wherever it uses the acronym
        if o.end - o.start == 1 and redefined.get(doc[o.start].text, ("",))[0] == o.cls:
            _, o.label, o.qualifier = redefined[doc[o.start].text]
            o.rule, o.kind = "acronym.define.v1", "acronym"
    return out


def _name_repeats(doc: Doc, chosen: list[Cand]) -> list[Cand]:
    """"... Journalists (PFUJ) protested. PFUJ leader X said", "the site Mizzima ... Mizzima Editor-in-Chief X":
    a body's name (or its acronym) names the same entity wherever it recurs in the article, though the parser
    and NER may see a common noun or a person there."""
    used = {i for c in chosen for i in range(c.start, c.end)}
    names: dict[tuple[str, ...], Cand] = {}
    for c in sorted(chosen, key=lambda c: c.weight):
        words = tuple(t.text for t in doc[c.start:c.end])
        if c.cls in REPEATED and c.kind in ("name", "acronym") and c.weight >= W_FORM and words[0][:1].isupper():
            names[words] = c
    seen = Counter(tuple(t.text for t in doc[c.start:c.end]) for c in chosen)
    # only names whose words occur more often in the text than as chosen mentions (a cheap test on the string)
    text = doc_text(doc)
    names = {w: c for w, c in names.items() if text.count(doc[c.start:c.end].text) > seen[w]}
    names.update(_surnames(doc, chosen, text))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in names:
        by_first.setdefault(words[0], []).append(words)
    out = []
    for t in (doc if by_first else ()):
        for words in by_first.get(t.text, ()):
            end = t.i + len(words)
            if end <= len(doc) and not used & set(range(t.i, end)) \
                    and tuple(x.text for x in doc[t.i:end]) == words and _stands_alone(doc, t.i, end):
                c = names[words]
                out.append(Cand(t.i, end, c.cls, c.weight, c.rule if c.rule == "name.surname.v1" else "name.repeat.v1",
                                c.tier, c.kind, c.label or clean(doc[c.start:c.end]).text, c.qualifier))
                used |= set(range(t.i, end))
                break
    return out


def _surnames(doc: Doc, chosen: list[Cand], text: str) -> dict[tuple[str, ...], Cand]:
    """"Yevgeny Ponasenkov ... Ponasenkov has criticized": a person's surname alone names the person where NER
    missed it (aliases.resolve joins it to the full name)."""
    out = {}
    for c in chosen:
        last = doc[c.end - 1]
        if c.cls == "Person" and c.kind == "name" and c.end - c.start > 1 and last.is_alpha and last.is_title \
                and len(last) > 2 and doc[c.end - 2].text_with_ws != "-" \
                and text.count(last.text) > text.count(doc[c.start:c.end].text):
            out[(last.text,)] = Cand(c.end - 1, c.end, "Person", W_NER, "name.surname.v1", c.tier, "name")
    return out


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """Not part of a longer name ("Dardania [Live]", "[Zawya] Arba'a"): no capitalised word right before it
    (but a sentence's first), none right after it but an officer's title ("Mizzima Editor-in-Chief")."""
    before = start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start
    after = end < len(doc) and doc[end].text[:1].isupper() and doc[end].lower_ not in person_words()
    joined = start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
        or end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_   # "Kiprotich-Wanyama"
    return not (before or after or joined)


@lru_cache(maxsize=None)
def person_words() -> frozenset[str]:
    return person_nouns() | frozenset(cues()["person_titles"])


def _qualify(doc: Doc, chosen: list[Cand], gaz: Gazetteer) -> None:
    """An Agency named with its State: "Kazakhstan's X", "X of Kazakhstan", "Kazakh X", and "X of (the) Y"
    when the name was cut before "of" and Y is a State ("Prosecutor General's Office of the Kyrgyz Republic")."""
    by_end = {c.end: c for c in chosen}
    by_start = {c.start: c for c in chosen}
    for c in chosen:
        if c.cls != "Agency":
            continue
        span = doc[c.start:c.end]
        name = c.label or clean(span).text
        # the first " of " a State's name follows: "Supreme Court of the Republic of Uzbekistan" -> "Supreme Court"
        cuts = [k.start() for k in re.finditer(" of ", name)]
        k = next((k for k in cuts if gaz.state(re.sub(r"^the\s+", "", name[k + 4:].strip()))), cuts[-1] if cuts else -1)
        head, sep, tail = (name[:k], " of ", name[k + 4:]) if k >= 0 else (name, "", "")
        tail = re.sub(r"^the\s+", "", tail.strip())
        if sep and (state := gaz.state(tail)) and not _capital(gaz, tail):   # "Court of Paris" is the city's
            c.qualifier = c.qualifier or state.name
            name = head
        first = span[0]
        located = any(t.lower_ in cues()["located_heads"] for t in span)   # "Baku Court of Appeal" is the city's
        if (state := gaz.state(first.text)) and len(span) > 1 and first.text[:1].isupper() \
                and not (located and _capital(gaz, first.text)):
            c.qualifier = c.qualifier or state.name
            name = clean(span[1:]).text if not c.label else name
        if c.start >= 2 and (doc[c.start - 1].tag_ == "POS" or doc[c.start - 1].text in ("'s", "’s", "'", "’")) \
                and (owner := by_end.get(c.start - 1)):
            if owner.cls == "State":
                c.qualifier = c.qualifier or owner.label or doc[owner.start:owner.end].text
                c.written = clean(doc[owner.start:c.end]).text
        if not c.qualifier and c.end + 2 < len(doc) and doc[c.end].lower_ == "of":
            state = by_start.get(c.end + 1 + (doc[c.end + 1].lower_ == "the"))
            if state is not None and state.cls == "State":
                c.qualifier = state.label or doc[state.start:state.end].text
                c.written = clean(doc[c.start:state.end]).text
        if c.rule != "gazetteer.v1" and c.qualifier:
            c.label = agency_label(name, c.qualifier)


def _capital(gaz: Gazetteer, text: str) -> bool:
    """The text names a State's capital ("Paris", "Baku"), which names a city's court, not the State's."""
    state = gaz.state(text)
    return state is not None and text == state.capital


def _locate(doc: Doc, chosen: list[Cand], gaz: Gazetteer) -> None:
    """"the Regional Court in Warsaw", "the US Embassy in Tbilisi", "the Administrative Court of Paris": a court,
    embassy or office is named with the place it is in (entity_cues.yaml: located_heads); the shorter name
    joins it (aliases._join_short_forms)."""
    by_start = {c.start: c for c in chosen}
    taken = {i for c in chosen for i in range(c.start, c.end)}
    added: list[Cand] = []
    foreign = set(cues()["foreign_of"])   # "Union des ... du Niger"
    for c in chosen:
        of = next((t.i for t in doc[c.start + 1:c.end] if t.lower_ == "of"), None)
        if c.cls == "Agency" and c.qualifier and of is not None and c.end + 1 < len(doc) and doc[c.end].lower_ == "in" \
                and doc[of - 1].lower_ in cues()["located_heads"] \
                and (host := by_start.get(c.end + 1)) is not None and host.cls in ("Place", "State"):
            c.label = c.written = clean(doc[c.start:host.end]).text   # "[the Embassy of China] in Kazakhstan"
            continue
        union = next((t.i for t in doc[c.start:c.end] if t.lower_ in cues()["located_unions"]), None)
        if of is None and union is not None:   # "Union des Journalistes ...", "Syndicat National des ..."
            of = next((t.i for t in doc[union + 1:c.end] if t.lower_ in foreign), None)
        if c.cls == "Organization" and c.rule != "gazetteer.v1" and c.end + 1 < len(doc) and of is not None \
                and union is not None and union < of \
                and (doc[c.end].lower_ in ("in", "of") or doc[c.end].lower_ in foreign and doc[of].lower_ in foreign):
            # "the National Union of Independent Media in Moldova", "Union des Journalistes ... du Niger",
            place = by_start.get(c.end + 1 + (doc[c.end + 1].lower_ == "the"))   # "the Union of Journalists of
            # Kazakhstan", "the Association of Serb Journalists in the North"
            if place is not None and (place.cls == "State" or place.cls == "Place" and doc[c.end].lower_ != "of") \
                    or doc[c.end].lower_ == "in" and doc[c.end + 1].text == "Exile":
                end = place.end if place is not None else c.end + 2
                c.label = c.written = clean(doc[c.start:end]).text
                continue
        if c.cls in ("Agency", "Organization") and c.rule != "gazetteer.v1" and c.end + 2 < len(doc) \
                and doc[c.end - 1].lower_ in cues()["located_heads"] and doc[c.end].lower_ in ("in", "of"):
            place = by_start.get(c.end + 1 + (doc[c.end + 1].lower_ == "the"))
            if doc[c.end].lower_ == "in" and place is not None and place.weight < 2.0 \
                    and place.cls not in ("Place", "State") and place.end - place.start <= 3:
                place.cls, place.weight, place.rule = "Place", W_ROLE, "role.located.v1"   # "Court in [Vranje]"
            elif doc[c.end].lower_ == "of" and place is not None and place.weight < 2.0 and place.cls == "Person" \
                    and doc[c.end - 1].lower_ in cues()["court_heads"] and place.end - place.start <= 2:
                place.cls, place.weight, place.rule = "Place", W_ROLE, "role.located.v1"   # "Court of [Hrodna]"
            elif doc[c.end].lower_ == "in" and place is None and c.end + 1 not in taken:
                end = c.end + 1   # "the Higher Court in Novi Sad": a place NER did not tag
                while end < len(doc) and end - c.end <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title \
                        and end not in taken and doc[end].ent_type_ not in ("DATE", "TIME"):   # not "in [November]"
                    end += 1
                if end > c.end + 1 and not gaz.state(doc[c.end + 1:end].text):
                    place = Cand(c.end + 1, end, "Place", W_ROLE, "role.located.v1", 1)
                    added.append(place)
                    taken.update(range(c.end + 1, end))
            # "of" a State is the State's body (_qualify); "of" a city, a capital too, names the court:
            # "Administrative Court of Paris"
            if place is not None and (place.cls == "Place" or place.cls == "State" and (
                    doc[c.end].lower_ == "in" or _capital(gaz, doc[place.start:place.end].text))):
                c.label = c.written = clean(doc[c.start:place.end]).text
            elif place is not None and place.cls == "State" and place.end + 1 < len(doc) \
                    and doc[place.end].lower_ == "in" and (host := by_start.get(place.end + 1)) is not None \
                    and host.cls in ("Place", "State"):   # "the Embassy of Norway in Kenya": Norway's, in Kenya
                c.label = c.written = clean(doc[c.start:host.end]).text
    chosen += added


def _to_mention(doc: Doc, c: Cand, text: str) -> Mention:
    span = doc[c.start:c.end]
    if c.cstart >= 0:
        start, end = c.cstart, c.cend
    else:
        start, end = span.start_char, span.end_char
    return Mention(start, end, text[start:end], c.cls, kind=c.kind, rule=c.rule, tok_start=c.start,
                   tok_end=c.end, label=c.label, qualifier=c.qualifier, weight=c.weight, written=c.written)
