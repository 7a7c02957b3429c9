"""Mention candidates other than NER entities: the gazetteer, demonym phrases ("Kazakh officials"),
quoted titles, capitalised runs, words glued by a lost line break, and the byline and footer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from extract.entity_cues import W_DESC, W_FORM, W_GAZ, W_META, cues, qualified_class
from extract.gazetteer import Gazetteer, case_sensitive, default_gazetteer
from extract.metadata import Layout
from extract.model import base_words
from extract.name_spans import (another_name, capitalised, clean, joined, name_word, particle_joined, particle_tail,
                                number_ends_name)

QUOTE = re.compile(r"[“\"«]([^”\"»\n]{3,200})[”\"»]")
GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]+)$")


@dataclass
class Cand:
    start: int            # token span
    end: int
    cls: str
    weight: float
    rule: str
    tier: int             # higher tiers win overlaps; within a tier the longer span wins
    kind: str = "name"
    label: str = ""
    qualifier: str = ""
    cstart: int = -1      # character span when it is not the token span (glued words)
    cend: int = -1
    written: str = ""     # the agency with its State as the text writes it (Mention.written)


def gazetteer_cands(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    out, matches = [], [(doc.vocab.strings[m], s, e) for m, s, e in gaz.matcher(doc.vocab)(doc)]
    regions = {s for surface, s, _ in matches if (k := gaz.lookup(surface)) is not None and k.cls in ("Place", "State")}
    platform_named = any(len(surface) > 1 and gaz.lookup(surface).cls == "Platform" for surface, _, _ in matches)
    for surface, s, e in matches:
        span = doc[s:e]
        if case_sensitive(surface) and span.text.replace(" ", "") != surface.replace(" ", ""):
            continue
        if not span[0].text[:1].isupper() and not span[0].text[:1].isdigit() \
                and not (surface[:1].islower() and span.text == surface):   # "elPeriódico" as it is spelt
            continue
        known = gaz.lookup(surface)
        if known is None or len(surface) == 1 and not (platform_named and letter_platform(doc, s)):
            continue
        if e + 1 < len(doc) and doc[e].text in ("-", "–") and not doc[e - 1].whitespace_ \
                and doc[e + 1].text[:1].isupper():
            continue   # "Asia-Plus" is not Asia
        if e - s == 1 and known.cls not in ("State", "Place") and e < len(doc) and doc[e].pos_ == "PROPN" \
                and doc[e].is_title and doc[e].lower_ not in cues()["_heads"] \
                and not (upper_acronym(surface) and e in regions):
            continue   # "Ozodi Nav" is another name than "Ozodi" (but "CPJ Middle East ... Coordinator X" is CPJ)
        if own_name_before(doc[s:e], known, gaz) or region_opens_name(doc[s:e], known):
            continue
        if s > 0 and doc[s - 1].lower_ in cues()["description_nouns"]["Outlet"] and e < len(doc) \
                and doc[e].is_title and doc[e].is_alpha and not gaz.lookup(doc[e].text):
            continue   # "the daily Yemen Morning": an outlet's name that begins with a place
        if capital_as_place(span, known):
            out.append(Cand(s, e, "Place", W_GAZ, "gazetteer.capital.v1", 2, "name", known.capital))
            continue
        kind = "acronym" if case_sensitive(surface) else "name"
        out.append(Cand(s, e, known.cls, W_GAZ, "gazetteer.v1", 2, kind, known.name, known.state or ""))
    return out


def upper_acronym(surface: str) -> bool:
    """A listed name written in capitals only ("CPJ", "HRW")."""
    return case_sensitive(surface) and surface.isupper()


def letter_platform(doc: Doc, i: int) -> bool:
    """"access to Facebook, YouTube and X": a one-letter name stands for its platform only standing alone (and only in
    a text that names another platform: gazetteer_cands; entity_cues.yaml: letter_name_blockers)."""
    prev, nxt = (doc[i - 1] if i else None), (doc[i + 1] if i + 1 < len(doc) else None)
    blockers = cues()["letter_name_blockers"]
    if prev is not None and (prev.is_title and prev.pos_ == "PROPN" or prev.lower_.rstrip(".") in blockers
                             or prev.lower_ == "," and i > 1 and doc[i - 2].lower_ in blockers):
        return False
    return nxt is None or not (nxt.like_num or nxt.text in ("-", "–") and not doc[i].whitespace_)   # "X-ray"


def own_name_before(span: Span, known, gaz: Gazetteer) -> bool:
    """"Amudarya Khabar", "Bayanno Khabar 24" are other names than the listed "Khabar (24)": a listed name
    that begins with a head noun, after a capitalised word of a name of its own."""
    doc, s = span.doc, span.start
    if len(span) > 2 or known.cls in ("State", "Place") or s == 0 or doc[s].lower_ not in cues()["_heads"]:
        return False
    p = doc[s - 1]
    return (p.pos_ == "PROPN" or p.pos_ == "ADJ" and p.dep_ == "amod") and p.is_title and p.head.i >= s \
        and not p.is_stop and p.lower_ not in cues()["person_titles"] and not gaz.state(p.text)


def region_opens_name(span: Span, known) -> bool:
    """"[South Caucasus] Media Review", "[Central Asia] Monitor", "the [Tashkent] City Court": a listed region or
    capital that opens the name of an outlet or body (capitalised words up to a head noun, the region their
    compound) is no place there."""
    doc, e = span.doc, span.end
    capital = bool(known.capital) and span.text.lower() == known.capital.lower()
    if known.cls != "Place" and not capital or e >= len(doc) or span[-1].dep_ != "compound":
        return False
    j = e
    while j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN" and j - e < 3:
        j += 1
    return j > e and cues()["_heads"].get(doc[j - 1].lower_) in ("Outlet", "Organization", "Group", "Agency") \
        and span[-1].head.i == j - 1 and (j == len(doc) or not doc[j].is_title)


def capital_as_place(span: Span, known) -> bool:
    """A capital is its State when it acts ("Astana pressured Bishkek", "Moscow's demands") and a
    place where it only locates ("based in Cairo", "a Moscow-based site", "MOSCOW, April 16 -")."""
    if not known.capital or span.text.lower() != known.capital.lower():
        return False
    c = cues()
    doc, root = span.doc, span.root
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text in ("-", "–") and not doc[span.end - 1].whitespace_ \
            and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in ("based", "born", "headquartered"):
        return True
    if root.dep_ in ("npadvmod", "compound", "nmod") and root.head.lemma_.lower() in ("base", "headquarter", "bear"):
        return True
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc) and default_gazetteer().state(doc[span.end + 1].text):
        return True   # "Moscow, Russia"
    line_start = span.start == 0 or "\n" in doc[span.start - 1].text or "\n" in doc[span.start - 1].whitespace_
    if line_start and nxt is not None and nxt.text in (",", "(", "-", "–", "—"):
        return True   # a dateline
    if root.dep_ == "poss" and c["_heads"].get(root.head.lower_) == "Place":
        return True   # "Cairo's Tahrir Square", "Kabul's Karte Seh district"
    while root.dep_ == "conj" and root.head.i != root.i:   # "in Lagos and Abuja"
        root = root.head
    if root.dep_ == "pobj":
        prep, gov = root.head, root.head.head
        if gov.lemma_.lower() in c["authority_nouns"] or gov.lower_ in c["authority_nouns"]:
            return False   # "officials in Moscow"
        if prep.lower_ in c["place_prepositions"]:
            return True    # "in Cairo"
        if prep.lower_ in ("to", "from", "at") and gov.lemma_.lower() in c["motion_words"]:
            return True    # "travelled to Tbilisi"
        return False       # "pressure on Astana", "rhetoric from Moscow", "pressured by Minsk"
    # otherwise it acts only as a subject, a possessor ("Moscow's demands"), what a State does something to,
    # one asked to act ("ask Dodoma to do") or one of a list of actors ("which Ankara, the EU and the US list")
    acts = root.dep_ in ("nsubj", "nsubjpass", "poss") or (
        root.dep_ in ("dobj", "dative") and (root.head.lemma_.lower() in c["state_verbs"]
                                             or any(x.dep_ == "xcomp" for x in root.head.children)))
    gaz = default_gazetteer()
    listed = [doc[x.left_edge.i:x.i + 1].text for x in root.conjuncts]
    acts = acts or any((k := gaz.lookup(t.removeprefix("the "))) is not None and k.cls in ("State", "Agency")
                       for t in listed)
    return not acts


def demonym_cands(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    """"Kazakh officials" -> State; "Kazakh parliament", "Russian Interior Ministry" -> Agency of the State."""
    c = cues()
    out, police = [], None   # whether the article names a police body: read once, at the first demonym + force
    for tok in doc[:-1]:
        state = gaz.state(tok.text) if tok.text[:1].isupper() else None
        if state is None:
            nxt = doc[tok.i + 1]
            if tok.ent_type_ == "GPE" and tok.ent_iob_ == "B" and nxt.ent_iob_ != "I" and tok.pos_ == "PROPN" \
                    and nxt.lower_ in c["authority_nouns"] and nxt.tag_ == "NNS":
                # "Kazakhstan authorities", "Moldova officials": an unknown country acting
                out.append(Cand(tok.i, tok.i + 1, "State", W_DESC, "form.country_authorities.v1", 2, "name"))
            continue
        nxt = doc[tok.i + 1]
        if _describes(tok, c):
            # "Russian political scientist X", "the Kyrgyz journalist, X": the State X is a national of
            out.append(Cand(tok.i, tok.i + 1, "State", W_DESC, "demonym.nationality.v1", 2, "demonym", state.name))
        elif _describes(tok, c, BASED_KINDS):
            # "the Israeli company X", "X, a leading Iraqi station": the State X is based in
            out.append(Cand(tok.i, tok.i + 1, "State", W_DESC, "demonym.origin.v1", 2, "demonym", state.name))
        elif nxt.lower_ in c["authority_nouns"] and nxt.pos_ in ("NOUN", "PROPN"):
            out.append(Cand(tok.i, tok.i + 2, "State", W_GAZ, "demonym.state.v1", 2, "demonym", state.name))
        elif (force := _force_end(doc, tok.i + 1, c["state_forces"])) and (doc[force - 1].lower_ != "police" or not (
                police := _names_police(doc) if police is None else police)):
            # "Ugandan police arrested", "Saudi security forces detained": the State acting through its force
            out.append(Cand(tok.i, force, "State", W_GAZ, "demonym.state_force.v1", 2, "demonym", state.name))
        elif nxt.lower_ in c["agency_after_demonym"] or (nxt.is_title and nxt.lower_ in c["_heads"]) \
                or _titled_agency_ahead(doc, tok.i + 1, c):   # "the Baku Serious Crimes Court"
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 5 and (doc[end].is_title or doc[end].lower_ in
                                                             c["agency_after_demonym"] or doc[end].lower_ in c["_heads"]):
                end += 1
            words = [t.lower_ for t in doc[tok.i + 1:end]]
            if words and c["_heads"].get(words[-1]) == "Agency" and end + 1 < len(doc) and doc[end].lower_ == "of" \
                    and doc[end + 1].is_title:   # "the Tunis Court [of First Instance]"
                end += 1
                while end < len(doc) and (doc[end].is_title or doc[end].lower_ in ("of", "and") and end + 1 < len(doc)
                                          and doc[end + 1].is_title):
                    end += 1
            owned = tok.i > 0 and (doc[tok.i - 1].tag_ == "POS" or doc[tok.i - 1].text in ("'s", "’s"))
            ambiguous = len(words) == 1 and words[0] in {q["head"] for q in c["qualified_heads"]}
            ambiguous |= tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "an", "one", "another")   # "a Moscow court"
            other = qualified_class(words[-1], words[:-1]) if words else None   # "the Kazakh News Agency": an outlet
            if words and c["_heads"].get(words[-1]) == "Agency" and other in (None, "Agency") and not owned \
                    and not ambiguous:
                # "the Tashkent City Court": a capital opening a body's name stays in it
                first = tok.i if state.capital and tok.text.lower() == state.capital.lower() else tok.i + 1
                out.append(Cand(tok.i, end, "Agency", W_FORM, "demonym.agency.v1", 2, "name",
                                agency_label(doc[first:end].text, state.name), state.name))
    return out


def _titled_agency_ahead(doc: Doc, i: int, c: dict) -> bool:
    """Capitalised words from token i reach an agency's head word within five tokens ("Serious Crimes Court")."""
    for t in doc[i:i + 5]:
        if not t.is_title:
            return False
        if c["_heads"].get(t.lower_) == "Agency":
            return True
    return False


def _names_police(doc: Doc) -> bool:
    """The article names a police body ("Kosovo Police", "Uganda Police Force"): "the Kosovo police" is that body.
    Not "the Central Police Station", "Divisional Police Commander" (cues: police_not_body)."""
    rank = set(cues()["police_not_body"])
    return any(t.text == "Police" and not t.is_sent_start and (t.i + 1 == len(doc) or doc[t.i + 1].lower_ not in rank)
               for t in doc)


def _force_end(doc: Doc, i: int, forces: list[str]) -> int | None:
    """End of a lowercase force phrase at token i ("police", "security forces") that closes its noun phrase,
    after lowercase modifiers ("riot police", "counter-terrorism police")."""
    for j in range(i, min(i + 5, len(doc))):   # ("counter-terrorism police": three tokens)
        if (end := _force_at(doc, j, forces)) is not None:
            return end
        if not (doc[j].is_lower and doc[j].is_alpha and doc[j].dep_ in ("compound", "amod") or doc[j].text == "-"):
            return None
    return None


def _force_at(doc: Doc, i: int, forces: list[str]) -> int | None:
    for phrase in forces:
        words = phrase.split()
        end = i + len(words)
        if end <= len(doc) and [t.text for t in doc[i:end]] == words \
                and (end == len(doc) or doc[end].pos_ not in ("NOUN", "PROPN")):
            return end
    return None


BASED_KINDS = ("Outlet", "Organization")   # described by a demonym, they are based in its State


def _describes(tok, c, kinds=("Person",)) -> bool:
    """A demonym modifying a noun that describes one of these kinds (by default a person) and is attached to a
    name."""
    noun = tok.head
    if tok.dep_ not in ("amod", "compound", "nmod") \
            or not any(noun.lemma_.lower() in c["description_nouns"][k] for k in kinds):
        return False
    named = [noun.head] if noun.dep_ in ("compound", "appos") else []   # "X, a Sudanese journalist"
    named += [t for t in noun.children if t.dep_ == "appos"]
    # the parser's names: a person, or a proper noun the NER typed otherwise ("Pham Doan Trang" as ORG)
    return any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")
               for t in named)


def agency_label(name: str, state: str) -> str:
    name = re.sub(r"^(the|The)\s+", "", name.strip())
    if name.lower() in cues()["generic_agencies"]:
        return f"{name[:1].upper()}{name[1:]} of {state}"
    return name[:1].upper() + name[1:]


def work_cands(doc: Doc, text: str) -> list[Cand]:
    c = cues()
    out = []
    for m in QUOTE.finditer(text):
        title = m.group(1).strip().rstrip(".,;:")
        words = re.findall(r"[\w'’-]+", title)
        content = [w for w in words if w.lower() not in c["name_connectors"] and len(w) > 2]
        if len(words) < 2 or not content or sum(w[0].isupper() for w in content) < 0.7 * len(content):
            continue
        before = text[max(0, m.start() - 60):m.start()].lower()
        last = re.findall(r"[a-z'-]+", before)
        near = last[-4:]
        if not last:
            continue
        cue_words = {w for w in c["work_cues"] if " " not in w}
        if not (last[-1] in cue_words or (last[-1] == "of" and re.search(r"\b(author|director|producer)\b", before))
                or any(w in cue_words - {"of"} for w in near)):
            continue
        start = m.start(1)
        span = doc.char_span(start, start + len(title), alignment_mode="expand")
        if span is not None:
            out.append(Cand(span.start, span.end, "Work", W_DESC, "quote.work.v1", 4, "name", title,
                            cstart=start, cend=start + len(title)))
    return out


BRAND = re.compile(r"[A-Z][A-Za-z]+\d{1,3}$")   # "TV6", "RTR1": letters and a number in one word


def runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Capitalised token runs ("Soldiers of the Caliphate", "Time.kz") that no other generator covers."""
    c = cues()
    out, i = [], 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or not (capitalised(tok.text) and name_word(tok) or BRAND.match(tok.text)):
            i += 1
            continue
        if tok.is_sent_start and tok.pos_ == "NOUN" and tok.is_alpha and not c["_heads"].get(tok.lower_) \
                and i + 1 < len(doc) and doc[i + 1].lower_ in ("to", "of", "on", "for"):
            i += 2   # "Access to Tunduk Post was restricted": a sentence's first word, not the name's
            continue
        j = i + 1
        while j < len(doc) and j not in taken:
            t = doc[j]
            if capitalised(t.text) and name_word(t):
                j += 1
            elif joined(doc, j) and doc[j + 1].is_title and j + 1 not in taken:   # "Ntaganzwa-Mutabazi"
                j += 2
            elif particle_joined(doc, j) and j + 3 not in taken:   # "Hizb-ut-Tahrir"
                j += 4
            elif particle_tail(doc, j) and j + 2 not in taken:   # "Minbar-i Khurasan"
                j += 2
            elif t.tag_ == "POS" and j + 1 < len(doc) and j + 1 not in taken and doc[j + 1].is_title \
                    and c["_heads"].get(doc[j + 1].lower_):   # "Attorney General's Office"
                j += 1
            elif t.lower_ in c["name_connectors"] and j + 1 < len(doc) and doc[j + 1].text[:1].isupper() \
                    and not another_name(doc, j):
                j += 1
            elif t.lower_ in c["_foreign"] and j + 2 < len(doc) and doc[j + 1].lower_ in c["_foreign"] \
                    and doc[j + 2].text[:1].isupper() and j + 2 not in taken:
                j += 2   # "Conseil Supérieur de la Communication", "Secretaría de los Medios"
            else:
                break
        k = j
        while k - i > 1 and doc[k - 1].lower_ in c["name_connectors"]:   # "[... Court of] Shymkent": the place taken
            k -= 1
        if k < j and k - i >= 2:
            j = k
        if number_ends_name(doc, j):   # "Obrii 24 reported"
            j += 1
        # a lower-case platform head noun completes the name ("Puffin browser")
        if j < len(doc) and j not in taken and c["_heads"].get(doc[j].lower_) == "Platform" and doc[j].pos_ == "NOUN":
            j += 1
        out.append(doc[i:j])
        i = j
    return out


def glued_cands(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    """Words glued by a lost line break: "KarinConcerning the video", "Kazakhstanoperating"."""
    c = cues()
    out = []
    for tok in doc:
        m = GLUED.match(tok.text)
        line_start = tok.i == 0 or "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_
        if m and line_start and m.group(2).lower() in c["glue_words"] and not gaz.lookup(tok.text):
            s = tok.idx
            out.append(Cand(tok.i, tok.i + 1, "Person", W_DESC, "glued.speaker.v1", 3, "name", m.group(1),
                            cstart=s, cend=s + len(m.group(1))))
            continue
        if tok.is_alpha and tok.text[:1].isupper() and not gaz.lookup(tok.text) and len(tok.text) > 7 \
                and tok.lower_ not in base_words(doc.vocab) \
                and not gaz.state(tok.text) and tok.text.rstrip("s") not in gaz.by_demonym:
            for cut in range(len(tok.text) - 3, 3, -1):
                head, rest = tok.text[:cut], tok.text[cut:]
                known = gaz.lookup(head)
                # the rest must be a word the model knows: "Kazakhstan|operating", not "Opera|tives"
                if known and rest.islower() and len(rest) >= 4 and rest not in c["name_suffixes"] \
                        and rest in base_words(doc.vocab):
                    out.append(Cand(tok.i, tok.i + 1, known.cls, W_GAZ, "glued.gazetteer.v1", 3, "name",
                                    known.name, cstart=tok.idx, cend=tok.idx + cut))
                    break
    return out


def titled_person_cands(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    """"Minister of Communication René-Claude Abessolo-Mvondo", "Deputy Minister for Digital Security Ricardo
    Almanza-Tovar", "Chairman of the Information Committee Yerbol Tuleshov": the capitalised words after an
    official's title and the office it names (policy-area words, a body's head noun) are a person's name;
    the tagger often runs the two together or finds neither."""
    c = cues()
    domain, heads = c["domain_words"], c["_heads"]
    out = []
    for tok in doc:
        if not tok.is_title or tok.lower_ not in c["person_titles"] or tok.i + 2 >= len(doc) \
                or doc[tok.i + 1].lower_ not in ("of", "for"):
            continue
        j, office = tok.i + 2, False
        while j < len(doc) and "\n" not in doc[j - 1].whitespace_ and (
                doc[j].lower_ in ("and", "the", ",", "&")
                or doc[j].is_title and (doc[j].lower_ in domain or heads.get(doc[j].lower_) in ("Agency", "Organization"))):
            office = office or doc[j].is_title
            j += 1
        k = j
        while k < len(doc) and k - j < 8 and "\n" not in doc[k - 1].whitespace_ and (
                doc[k].is_title and doc[k].is_alpha and doc[k].lower_ not in domain
                or doc[k].text == "-" and k > j and not doc[k - 1].whitespace_ and not doc[k].whitespace_):
            k += 1
        while k > j and doc[k - 1].text == "-":
            k -= 1
        words = [t for t in doc[j:k] if t.is_alpha]
        if office and 2 <= len(words) <= 4 and not gaz.lookup(doc[j:k].text) and words[-1].lower_ not in heads \
                and not any(gaz.lookup(t.text) or gaz.state(t.text) for t in words):
            out.append(Cand(j, k, "Person", W_FORM, "desc.title.v1", 3))
    return out


def meta_cands(doc: Doc, lay: Layout, text: str) -> list[Cand]:
    out = []
    for rng, cls, rule in ((lay.author, "Person", "byline.v1"), (lay.publisher, "Outlet", "footer.v1")):
        if rng:
            span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
            if span is not None:
                span = clean(span) if cls == "Outlet" else span
                label = text[rng[0]:rng[1]]
                out.append(Cand(span.start, span.end, cls, W_META, rule, 5, "name", label))
    return out


def heading_tokens(doc: Doc) -> set[int]:
    """Tokens of short lines with no verb and no final stop ("Background", "Reaction"): section headings."""
    out, line = set(), []
    for tok in doc:
        if not tok.is_space:
            line.append(tok)
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text) or tok.i == len(doc) - 1:
            if 0 < len(line) <= 3 and all(t.is_alpha for t in line) and not any(t.pos_ in ("VERB", "AUX") for t in line):
                out |= {t.i for t in line}
            line = []
    return out
