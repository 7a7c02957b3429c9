"""Entity mentions in a parsed document, typed to the nine schema classes.

Candidates come from the byline and footer, quoted titles, the gazetteer,
demonym phrases ("Kazakh officials"), spaCy's NER and capitalised runs that a
cue vouches for. Each candidate is typed by the strongest cue (data/entity_cues.yaml):
gazetteer > name form ("... Times", ".kg", "... Ministry") and descriptions
("X, an independent news site", "MP X") > the role a name plays ("X reported")
> the bare NER label. Non-English text, the headline, byline and footer lines
make no NER entities. Overlaps are resolved longest-first within a tier.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.tokens import Doc, Span

from extract import DATA_DIR
from extract.gazetteer import Gazetteer, case_sensitive, default_gazetteer
from extract.language import non_english_tokens
from extract.metadata import Layout, layout
from extract.records import Document, Mention

NER_CLASS = {"PERSON": "Person", "GPE": "Place", "LOC": "Place", "ORG": "Organization",
             "FAC": "Place", "WORK_OF_ART": "Work"}
TYPED_BY_CUES_ONLY = {"PRODUCT"}   # "AK-47", "iPhone": an entity only when a cue says what it is
QUOTE = re.compile(r"[“\"«]([^”\"»\n]{3,200})[”\"»]")
DOMAIN = re.compile(r"^(?!www\.)[a-z0-9][a-z0-9-]{1,40}\.[a-z]{2,5}$")
GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]+)$")
W_GAZ, W_META, W_FORM, W_DESC, W_ROLE, W_NER, W_WEAK = 4.0, 4.0, 3.0, 3.0, 1.6, 1.0, 0.5
W_LATENT = 0.2


@lru_cache(maxsize=None)
def cues() -> dict:
    with open(DATA_DIR / "entity_cues.yaml", encoding="utf-8") as f:
        data = yaml.safe_load(f)
    data["_not"] = {w.lower() for w in data["not_entities"]}
    data["_heads"] = {w: c for c, ws in data["head_nouns"].items() for w in ws}
    return data


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


def _clean(span: Span) -> Span:
    """Drop a leading article or quote and a trailing possessive or punctuation."""
    while len(span) and (span[0].lower_ in ("the", "a", "an") or span[0].is_punct):
        span = span[1:]
    paren = next((t.i for t in span[1:] if t.text == "("), None)
    if paren is not None:   # "Socio-Economic Rights Project (SERAP)": the acronym is its own mention
        span = span.doc[span.start:paren]
    while len(span) and (span[-1].tag_ == "POS" or span[-1].is_punct or span[-1].text in ("'s", "’s")):
        span = span[:-1]
    return span


def _in_ranges(start: int, end: int, ranges) -> bool:
    return any(start < r[1] and r[0] < end for r in ranges if r)


def _demonym_forms(gaz: Gazetteer) -> set[str]:
    out = set()
    for d in gaz.by_demonym:
        out |= {d, d + "s", d + "es", "non-" + d, "non-" + d + "s"}
    return out


# --- typing cues -------------------------------------------------------------------------------

def name_form(span: Span) -> tuple[str, float, str] | None:
    """Class from the shape of the name itself."""
    c = cues()
    text = span.text
    m = re.search(r"\.([a-z]{2,5})$", text)
    if m and m.group(1) in c["outlet_tlds"] and " " not in text:
        return "Outlet", W_FORM, "form.domain.v1"
    owned = [t.i for t in span[:-1] if t.tag_ == "POS" or t.text in ("'s", "’s", "'", "’")]
    if owned:   # "Voice of Steppes' Kyrgyz Service": the owned part says what the thing is
        span = span.doc[owned[-1] + 1:span.end]
    words = [t.lower_ for t in span if not t.is_punct]
    if not words:
        return None
    head, n_words = words[-1], len(words)
    lead = next((cls for cls, ws in c["lead_nouns"].items() if words[0] in ws), None)
    if lead and len(words) > 1 and span[1].is_title and head not in c["_heads"]:
        return lead, W_FORM, "form.lead.v1"
    for k, w in enumerate(words[1:], 1):   # "Committee of National Security", "Institute for ..."
        if w in ("of", "for", "to", "on") and words[k - 1] in cues()["_heads"]:
            head, words = words[k - 1], words[:k]
            break
    for q in c["qualified_heads"]:
        if head == q["head"] and any(w in q["words"] for w in words[:-1]):
            return q["class"], W_FORM, "form.head.v1"
    gaz = default_gazetteer()
    if head in {q["head"] for q in c["qualified_heads"]} and all(gaz.state(t.text) for t in span[:-1] if not t.is_punct):
        return None   # "Kazakh Service" (of a broadcaster), "Russian Agency": too ambiguous to type
    if head in c["_heads"] and (n_words > 1 or span[-1].is_title):
        cls = c["_heads"][head]
        if n_words == 1 and cls != "Outlet" and not owned:
            return None   # a lone "Ministry" is a description, not a name
        return cls, W_FORM, "form.head.v1"
    return None


def _description_class(tok, table: dict) -> str | None:
    lemma = tok.lemma_.lower()
    for cls, nouns in table.items():
        if lemma in nouns or tok.lower_ in nouns:
            if cls in ("Organization", "Group") and lemma in ("group", "organization", "organisation", "network"):
                mods = {t.lower_ for t in tok.subtree}
                return "Group" if mods & set(cues()["group_modifiers"]) else "Organization"
            return cls
    return None


def description(span: Span) -> tuple[str, float, str] | None:
    """Class from an apposition or a preceding noun: "Kloop, an independent outlet", "MP Bekbolat Tleukhan"."""
    c = cues()
    table = c["description_nouns"]
    root = span.root
    near = list(root.children)
    if root.dep_ == "appos":   # "X, a terrorist group" / "an MP ..., X" (also when both hang on one head)
        near += [root.head] + [t for t in root.head.children if t.dep_ == "appos" and t != root]
    # "Y of Agentura.ru, a news site": the parser hangs the apposition on Y; it describes the nearer name
    pobjs = [p for ch in root.children if ch.dep_ == "prep" and ch.i > root.i for p in ch.children if p.dep_ == "pobj"]
    if pobjs:
        near = [t for t in near if not (t.dep_ == "appos" and t.i > pobjs[-1].i)]
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i < root.i:
        near += [t for t in root.head.head.children if t.dep_ == "appos" and t.i > root.i
                 and span.end < len(span.doc) and span.doc[span.end].text == ","]
    for tok in near:
        if tok.i in range(span.start, span.end) or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if not (tok.is_lower or (tok.is_upper and len(tok.text) <= 3)):
            continue
        if tok.dep_ == "appos" or root.dep_ == "appos":
            if cls := _description_class(tok, table):
                return cls, W_DESC, "desc.appos.v1"
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].pos_ == "DET":
        for tok in doc[span.end + 2:span.end + 8]:   # "X, the Al-Qaeda splinter group that ..." (parser lost the appos)
            if (tok.is_punct and tok.text != "-") or tok.pos_ in ("VERB", "AUX", "ADP", "PRON"):
                break
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            ends = nxt is None or nxt.is_punct or nxt.lower_ in ("that", "which", "who", "whose", "based", "with")
            if tok.pos_ == "NOUN" and (tok.dep_ == "appos" or ends) and (cls := _description_class(tok, table)):
                return cls, W_DESC, "desc.appos.v1"
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and not before.is_title:
        cls = _description_class(before, table)
        if cls:
            return cls, W_DESC, "desc.prefix.v1"
    if before is not None and before.lower_.rstrip(".") in c["person_titles"]:
        return "Person", W_DESC, "desc.title.v1"
    return None


def role(span: Span) -> tuple[str, float, str] | None:
    """Class from what the name does: an organisation that reports is an outlet; 'near X' is a place."""
    c = cues()
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        verb = root.head
        lemmas = {verb.lemma_} | {t.lemma_ for t in verb.children if t.dep_ in ("advcl", "xcomp", "conj")}
        if lemmas & set(c["outlet_verbs"]):
            return "Outlet", W_ROLE, "role.reports.v1"
        if root.ent_type_ == "GPE" and verb.lemma_ in c["state_verbs"]:
            return "State", W_ROLE, "role.state_acts.v1"     # places do not pressure or ban: states do
        if verb.lemma_ in c["person_verbs"] and root.ent_type_ in ("GPE", "LOC") and len(span) == 1:
            return "Person", W_ROLE, "role.speaker.v1"
    if root.dep_ in ("dobj", "dative") and root.head.lemma_ == "tell" and root.ent_type_ == "ORG":
        return "Outlet", W_ROLE, "role.told.v1"        # "his lawyer told Radio Azattyk"
    if root.dep_ == "poss" and root.ent_type_ == "GPE" and root.head.lower_ in c["authority_nouns"]:
        return "State", W_DESC, "role.state_poss.v1"      # "Moldova's government"
    if root.dep_ == "poss" and root.head.lemma_.lower() in c["outlet_possessions"]:
        return "Outlet", W_ROLE, "role.outlet_poss.v1"  # "Orda's editor", "Kloop's coverage"
    if root.dep_ in ("compound", "nmod", "poss") and root.head.pos_ == "NOUN":
        head = root.head
        if head.lemma_.lower() in c["platform_objects"]:
            return "Platform", W_ROLE, "role.platform_object.v1"
        if _description_class(head, {"Group": c["description_nouns"]["Group"]}) == "Group" \
                and head.lemma_.lower() in ("group", "splinter", "affiliate", "offshoot", "faction", "cell"):
            return "Group", W_ROLE, "role.group_kin.v1"
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "to" and prep.i > 0 and span.doc[prep.i - 1].lower_ == "according":
            return "Outlet", W_ROLE, "role.source.v1"
        if prep.lower_ in ("near", "outside", "around", "inside"):
            return "Place", W_ROLE, "role.near.v1"
    return None


def type_span(span: Span, ner_label: str | None) -> tuple[str, float, str] | None:
    for cue in (name_form, description):
        if (found := cue(span)) and not (found[0] == "Person" and found[2] == "desc.appos.v1"
                                         and ner_label in ("GPE", "LOC")):
            return found   # "grew up in Daphne, Alabama, the son of ...": the apposition is misplaced
    found = role(span)
    base = NER_CLASS.get(ner_label or "")
    if found and (base in (None, "Organization") or (base in ("Person", "Place") and len(span) == 1)):
        return found
    if base:
        return base, W_NER, f"ner.{ner_label.lower()}.v1"
    return None


# --- candidate generators ----------------------------------------------------------------------

def _gazetteer_cands(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    out = []
    for match_id, s, e in gaz.matcher(doc.vocab)(doc):
        surface = doc.vocab.strings[match_id]
        span = doc[s:e]
        if case_sensitive(surface) and span.text.replace(" ", "") != surface.replace(" ", ""):
            continue
        if not span[0].text[:1].isupper() and not span[0].text[:1].isdigit():
            continue
        known = gaz.lookup(surface)
        if known is None:
            continue
        if e + 1 < len(doc) and doc[e].text in ("-", "–") and not doc[e - 1].whitespace_ \
                and doc[e + 1].text[:1].isupper():
            continue   # "Asia-Plus" is not Asia
        if _capital_as_place(span, known):
            out.append(Cand(s, e, "Place", W_GAZ, "gazetteer.capital.v1", 2, "name", known.capital))
            continue
        kind = "acronym" if case_sensitive(surface) else "name"
        out.append(Cand(s, e, known.cls, W_GAZ, "gazetteer.v1", 2, kind, known.name, known.state or ""))
    return out


def _capital_as_place(span: Span, known) -> bool:
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
    while root.dep_ == "conj" and root.head is not root:   # "in Lagos and Abuja"
        root = root.head
    if root.dep_ == "pobj":
        prep, gov = root.head, root.head.head
        if gov.lemma_.lower() in c["authority_nouns"] or gov.lower_ in c["authority_nouns"]:
            return False   # "officials in Moscow"
        if prep.lower_ in c["place_prepositions"]:
            return True
        if prep.lower_ in ("to", "from", "at") and gov.lemma_.lower() in c["motion_words"]:
            return True
    return False


def _demonym_cands(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    """"Kazakh officials" -> State; "Kazakh parliament", "Russian Interior Ministry" -> Agency of the State."""
    c = cues()
    out = []
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
        if _describes_person(tok, c):
            # "Russian political scientist X", "the Kyrgyz journalist, X": the State X is a national of
            out.append(Cand(tok.i, tok.i + 1, "State", W_DESC, "demonym.nationality.v1", 2, "demonym", state.name))
        elif nxt.lower_ in c["authority_nouns"] and nxt.pos_ in ("NOUN", "PROPN"):
            out.append(Cand(tok.i, tok.i + 2, "State", W_GAZ, "demonym.state.v1", 2, "demonym", state.name))
        elif nxt.lower_ in c["agency_after_demonym"] or (nxt.is_title and nxt.lower_ in c["_heads"]):
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 5 and (doc[end].is_title or doc[end].lower_ in
                                                             c["agency_after_demonym"] or doc[end].lower_ in c["_heads"]):
                end += 1
            words = [t.lower_ for t in doc[tok.i + 1:end]]
            owned = tok.i > 0 and (doc[tok.i - 1].tag_ == "POS" or doc[tok.i - 1].text in ("'s", "’s"))
            ambiguous = len(words) == 1 and words[0] in {q["head"] for q in c["qualified_heads"]}
            ambiguous |= tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "an", "one", "another")   # "a Moscow court"
            if words and c["_heads"].get(words[-1]) == "Agency" and not owned and not ambiguous:
                out.append(Cand(tok.i, end, "Agency", W_FORM, "demonym.agency.v1", 2, "name",
                                _agency_label(doc[tok.i + 1:end].text, state.name), state.name))
    return out


def _describes_person(tok, c) -> bool:
    """A demonym modifying a person noun that is attached to a person's name."""
    noun = tok.head
    if tok.dep_ not in ("amod", "compound", "nmod") or noun.lemma_.lower() not in c["description_nouns"]["Person"]:
        return False
    named = [noun.head] if noun.dep_ == "compound" else []
    named += [t for t in noun.children if t.dep_ == "appos"]
    return any(t.ent_type_ == "PERSON" for t in named)


def _agency_label(name: str, state: str) -> str:
    name = re.sub(r"^(the|The)\s+", "", name.strip())
    if name.lower() in cues()["generic_agencies"]:
        return f"{name[:1].upper()}{name[1:]} of {state}"
    return name[:1].upper() + name[1:]


def _work_cands(doc: Doc, text: str) -> list[Cand]:
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


def _runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Capitalised token runs ("Soldiers of the Caliphate", "Time.kz") that no other generator covers."""
    c = cues()
    out, i = [], 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or not (tok.text[:1].isupper() and (tok.is_alpha or "." in tok.text)):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken:
            t = doc[j]
            if t.text[:1].isupper() and (t.is_alpha or "." in t.text):
                j += 1
            elif t.lower_ in c["name_connectors"] and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                j += 1
            else:
                break
        # a lower-case platform head noun completes the name ("Puffin browser")
        if j < len(doc) and j not in taken and c["_heads"].get(doc[j].lower_) == "Platform" and doc[j].pos_ == "NOUN":
            j += 1
        out.append(doc[i:j])
        i = j
    return out


def _glued_cands(doc: Doc, gaz: Gazetteer) -> list[Cand]:
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
                and not gaz.state(tok.text) and tok.text.rstrip("s") not in gaz.by_demonym:
            for cut in range(len(tok.text) - 3, 3, -1):
                head, rest = tok.text[:cut], tok.text[cut:]
                known = gaz.lookup(head)
                if known and rest.islower() and len(rest) >= 4 and rest not in c["name_suffixes"]:
                    out.append(Cand(tok.i, tok.i + 1, known.cls, W_GAZ, "glued.gazetteer.v1", 3, "name",
                                    known.name, cstart=tok.idx, cend=tok.idx + cut))
                    break
    return out


def _meta_cands(doc: Doc, lay: Layout, text: str) -> list[Cand]:
    out = []
    for rng, cls, rule in ((lay.author, "Person", "byline.v1"), (lay.publisher, "Outlet", "footer.v1")):
        if rng:
            span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
            if span is not None:
                span = _clean(span) if cls == "Outlet" else span
                label = text[rng[0]:rng[1]]
                out.append(Cand(span.start, span.end, cls, W_META, rule, 5, "name", label))
    return out


def _junk(span: Span, gaz: Gazetteer, demonyms: set[str]) -> bool:
    c = cues()
    text = span.text.strip()
    if not any(ch.isalpha() for ch in text) or text.lower() in c["_not"] or text in demonyms \
            or (len(span) > 1 and span[-1].lower_ in c["_not"] and span[-1].lower_ not in c["_heads"]
                and span[-1].lower_ not in ("east", "west", "state", "states")):
        return True
    if all(not t.text[:1].isupper() for t in span if any(ch.isalpha() for ch in t.text)):
        return True
    if span[-1].text.islower() and c["_heads"].get(span[-1].lower_) != "Platform":
        return True
    if len(span) == 1 and span[0].tag_ == "NNPS" and not gaz.lookup(text):
        return True    # "Kazakhs", "Kazakhstanis": people of a nation, not a named thing
    if text.lower().startswith("non-") or (span.start > 0 and span.doc[span.start - 1].lower_ == "ethnic"):
        return True
    return len(span) == 1 and (span[0].is_stop or len(text) < 2)


def _latent(span: Span) -> bool:
    """A name-like run no cue typed: "Islamic State" split by NER, a bare "IS"."""
    if any(t.ent_type_ == "PERSON" for t in span) or any(t.is_sent_start for t in span[:1]):
        return False
    if len(span) == 1:
        t = span[0].text
        return t.isupper() and t.isalpha() and 2 <= len(t) <= 6 and t not in ("I", "II", "III", "IV", "OK", "TV")
    return all(t.is_title or t.lower_ in cues()["name_connectors"] for t in span)


def _quoted(span: Span) -> bool:
    doc = span.doc
    before = doc[max(0, span.start - 2):span.start].text
    after = doc[span.end:span.end + 2].text
    return any(q in before for q in "“\"«'‘") and any(q in after for q in "”\"»'’")


def _headings(doc: Doc) -> set[int]:
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


def _extend_possessive_name(span: Span) -> Span:
    """NER often stops at a possessive inside a name: "[the Prosecutor General's] Office of Tajikistan"."""
    doc = span.doc
    if not (span[-1].tag_ == "POS" and span.end < len(doc) and doc[span.end].is_title):
        return span
    end = span.end
    while end < len(doc) and (doc[end].is_title or (doc[end].lower_ in ("of", "for") and end + 1 < len(doc)
                                                     and doc[end + 1].is_title)):
        end += 1
    words = [t.lower_ for t in doc[span.end:end] if t.lower_ not in ("of", "for")]
    if any(w in cues()["_heads"] for w in words):
        return doc[span.start:end]
    return span


def _split_possessive(span: Span, gaz: Gazetteer) -> tuple[Span | None, Span]:
    """"Kazakhstan's National Security Committee" -> (Kazakhstan, National Security Committee)."""
    for t in span[:-1]:
        if t.tag_ == "POS" or t.text in ("'s", "’s"):
            return span.doc[span.start:t.i], span.doc[t.i + 1:span.end]
    return None, span


# --- main --------------------------------------------------------------------------------------

def find_mentions(doc: Doc, gazetteer: Gazetteer | None = None,
                  document: Document | None = None) -> list[Mention]:
    gaz = gazetteer or default_gazetteer()
    text = doc.text
    lay = layout(document) if document is not None else Layout()
    foreign = non_english_tokens(doc)
    skipped = lay.skipped()
    demonyms = _demonym_forms(gaz)

    headings = _headings(doc)

    def prose(s: int, e: int) -> bool:
        return not any(i in foreign or i in headings for i in range(s, e)) \
            and not _in_ranges(doc[s].idx, doc[e - 1].idx + 1, skipped)

    cands = _meta_cands(doc, lay, text) + _work_cands(doc, text)
    cands += [c for c in _gazetteer_cands(doc, gaz)
              if not any(i in foreign for i in range(c.start, c.end))
              and not _in_ranges(doc[c.start].idx, doc[c.end - 1].idx + 1, [r for r in (lay.byline, *lay.credits) if r])]
    cands += [c for c in _demonym_cands(doc, gaz) if prose(c.start, c.end)]
    cands += [c for c in _glued_cands(doc, gaz) if not any(i in foreign for i in range(c.start, c.end))]

    for ent in doc.ents:
        if ent.label_ not in NER_CLASS and ent.label_ not in TYPED_BY_CUES_ONLY and ent.label_ != "NORP":
            continue
        if ent.label_ == "WORK_OF_ART" and not _quoted(ent):
            continue   # titles worth a node are quoted; unquoted WORK_OF_ART is mostly NER noise
        ent = _extend_possessive_name(ent)
        if ent.label_ == "PERSON":   # NER sometimes drops a first name: "[Kaya]" for "Mehmet Kaya"
            start = ent.start
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                    and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(ent.start, ent.end) \
                    and not doc[start - 1].ent_type_ and doc[start - 1].lower_.rstrip(".") not in cues()["person_titles"] \
                    and not gaz.lookup(doc[start - 1].text) and not gaz.state(doc[start - 1].text) \
                    and doc[start - 1].lower_ not in cues()["description_nouns"]["Person"]:
                start -= 1
            ent = Span(doc, start, ent.end, label=ent.label_)
        span = _clean(ent)
        if not len(span) or not prose(span.start, span.end):
            continue
        if span.end < len(doc) and cues()["_heads"].get(doc[span.end].lower_) == "Platform" \
                and doc[span.end].pos_ == "NOUN" and doc[span.end].dep_ != "compound":
            span = doc[span.start:span.end + 1]
        owner, rest = _split_possessive(span, gaz)
        if owner is not None and len(owner) and (known := gaz.lookup(owner.text)) is not None:
            cands.append(Cand(owner.start, owner.end, known.cls, W_GAZ, "gazetteer.v1", 2, "name", known.name))
            span = rest
        span = _clean(span)
        if not len(span) or _junk(span, gaz, demonyms) or ent.label_ == "NORP":
            continue
        if (known := gaz.lookup(span.text)) is not None:
            if _capital_as_place(span, known):
                cands.append(Cand(span.start, span.end, "Place", W_GAZ, "gazetteer.capital.v1", 2, "name", known.capital))
            else:
                cands.append(Cand(span.start, span.end, known.cls, W_GAZ, "gazetteer.v1", 2, "name", known.name,
                                  known.state or ""))
            continue
        typed = type_span(span, ent.label_)
        if typed:
            cls, w, rule = typed
            tier = 2 if w >= W_FORM or len(span) > 1 else 1
            cands.append(Cand(span.start, span.end, cls, w, rule, tier))

    taken = {i for c in cands for i in range(c.start, c.end)} | foreign | headings
    taken |= {t.i for t in doc if _in_ranges(t.idx, t.idx + 1, skipped)}
    taken |= {t.i for t in doc if t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                                                    "ORDINAL", "LAW", "LANGUAGE", "EVENT")
              and not DOMAIN.match(t.text.lower())}   # NER calls "Zeltok.info" a number
    for span in _runs(doc, taken):
        while len(span) > 1 and span[0].is_sent_start and span[0].is_stop:
            span = span[1:]
        span = _clean(span)
        if not len(span) or _junk(span, gaz, demonyms):
            continue
        typed = name_form(span) or description(span) or role(span)
        if typed and typed[0] == "Place" and not span.root.pos_ == "PROPN":
            typed = None
        if typed is None and len(span) == 1 and span.start > 0 and doc[span.start - 1].text == "The" \
                and span.root.dep_ not in ("amod", "compound", "nmod"):
            typed = ("Outlet", W_WEAK + 0.6, "form.the_name.v1")    # "The Diplomat", "The Guardian"
        if typed is None and _paren_partner(doc, span) is not None:
            typed = ("Organization", W_WEAK, "form.paren.v1")
        if typed is None and _latent(span):
            # kept only if a description ("the group") or an acronym later vouches for it: see aliases.drop_latent
            typed = ("Organization", W_LATENT, "run.latent.v1")
        if typed:
            cands.append(Cand(span.start, span.end, typed[0], typed[1], typed[2], 0 if typed[1] <= W_LATENT else 1))

    for tok in doc:   # lower-case site names: "vlast.kz reported", "on kloop.kg"
        if tok.i not in taken and DOMAIN.match(tok.text) and (tok.i == 0 or doc[tok.i - 1].text not in ("@", "/")):
            if (typed := name_form(doc[tok.i:tok.i + 1])) and typed[0] == "Outlet":
                cands.append(Cand(tok.i, tok.i + 1, "Outlet", typed[1], typed[2], 1))
    chosen = _select(cands)
    _known_as(doc, chosen, text)
    _unglue(doc, chosen)
    _share_class_in_lists(doc, chosen)
    chosen += _acronyms(doc, chosen)
    _qualify(doc, chosen, gaz)
    return [_to_mention(doc, c, text) for c in sorted(chosen, key=lambda c: c.start)]


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
            b.label = a.label or _clean(doc[a.start:a.end]).text
            if b.weight < a.weight:
                b.cls = a.cls


def _share_class_in_lists(doc: Doc, chosen: list[Cand]) -> None:
    """"banned Facebook, Vkontakte and Zelo": weakly typed names in a list take the class of a known member."""
    by_root = {}
    for c in chosen:
        by_root[doc[c.start:c.end].root.i] = c
    for c in chosen:
        if c.weight < W_FORM:
            continue
        root = doc[c.start:c.end].root
        for t in root.conjuncts:
            other = by_root.get(t.i)
            if other is not None and other.weight < 2.0 and other.cls != c.cls and c.cls in ("Platform", "Outlet"):
                other.cls, other.weight, other.rule = c.cls, W_ROLE, "role.list.v1"


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


def _paren_partner(doc: Doc, span: Span) -> Span | None:
    if span.end + 2 < len(doc) and doc[span.end].text == "(":
        close = next((t.i for t in doc[span.end + 1:span.end + 8] if t.text == ")"), None)
        if close:
            return doc[span.end + 1:close]
    return None


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


def _acronyms(doc: Doc, chosen: list[Cand]) -> list[Cand]:
    """"Federal Security Service (FSB)": the acronym in brackets is a mention of the same entity."""
    at = {c.start: c for c in chosen if c.end - c.start == 1}
    by_end = {c.end: c for c in chosen}
    used = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for c in chosen:
        i = c.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and c.kind == "name":
            tok = doc[i + 1]
            if not (tok.text.isupper() and 2 <= len(tok.text) <= 6 and tok.is_alpha):
                continue
            label = c.label or _clean(doc[c.start:c.end]).text
            if tok.text[0].lower() != label[:1].lower():
                before = by_end.get(c.start - 1)
                if before is None or doc[c.start - 1].lower_ != "of" or not before.start < c.start:
                    continue
                prev = _clean(doc[before.start:before.end]).text
                if tok.text[0].lower() != (before.label or prev)[:1].lower():
                    continue
                c, label = before, before.label or prev
            if i + 1 not in used:
                out.append(Cand(i + 1, i + 2, c.cls, c.weight, "acronym.define.v1", c.tier, "acronym",
                                label, c.qualifier))
            elif (inner := at.get(i + 1)) is not None and inner.weight < W_GAZ:
                inner.cls, inner.weight, inner.rule, inner.kind = c.cls, c.weight, "acronym.define.v1", "acronym"
                inner.label, inner.qualifier = label, c.qualifier
    return out


def _qualify(doc: Doc, chosen: list[Cand], gaz: Gazetteer) -> None:
    """An Agency named with its State: "Kazakhstan's X", "X of Kazakhstan", "Kazakh X"."""
    by_end = {c.end: c for c in chosen}
    for c in chosen:
        if c.cls != "Agency":
            continue
        span = doc[c.start:c.end]
        name = c.label or _clean(span).text
        head, sep, tail = name.rpartition(" of ")
        if sep and (state := gaz.state(re.sub(r"^the\s+", "", tail.strip()))):
            c.qualifier = c.qualifier or state.name
            name = head
        first = span[0]
        if (state := gaz.state(first.text)) and len(span) > 1 and first.text[:1].isupper():
            c.qualifier = c.qualifier or state.name
            name = _clean(span[1:]).text if not c.label else name
        if c.start >= 2 and (doc[c.start - 1].tag_ == "POS" or doc[c.start - 1].text in ("'s", "’s", "'", "’")) \
                and (owner := by_end.get(c.start - 1)):
            if owner.cls == "State":
                c.qualifier = c.qualifier or owner.label or doc[owner.start:owner.end].text
        if c.rule != "gazetteer.v1" and c.qualifier:
            c.label = _agency_label(name, c.qualifier)


def _to_mention(doc: Doc, c: Cand, text: str) -> Mention:
    span = doc[c.start:c.end]
    if c.cstart >= 0:
        start, end = c.cstart, c.cend
    else:
        start, end = span.start_char, span.end_char
    return Mention(start, end, text[start:end], c.cls, kind=c.kind, rule=c.rule, tok_start=c.start,
                   tok_end=c.end, label=c.label, qualifier=c.qualifier, weight=c.weight)
