"""Typing cues: the class a name's own form, a description or the role it plays says it has.

The cues are data (data/entity_cues.yaml); each returns (class, weight, rule)
so that the strongest cue wins: name form and descriptions > role > bare NER label.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml
from spacy.tokens import Span

from extract import DATA_DIR
from extract.gazetteer import default_gazetteer

NER_CLASS = {"PERSON": "Person", "GPE": "Place", "LOC": "Place", "ORG": "Organization",
             "FAC": "Place", "WORK_OF_ART": "Work"}
W_GAZ, W_META, W_FORM, W_DESC, W_ROLE, W_NER, W_WEAK = 4.0, 4.0, 3.0, 3.0, 1.6, 1.0, 0.5
W_LATENT = 0.2


@lru_cache(maxsize=None)
def cues() -> dict:
    with open(DATA_DIR / "entity_cues.yaml", encoding="utf-8") as f:
        data = yaml.safe_load(f)
    data["_not"] = {w.lower() for w in data["not_entities"]}
    data["_languages"] = {w.lower() for w in data["languages"]}
    data["_foreign"] = frozenset(data["foreign_particles"])
    data["_heads"] = {w: c for c, ws in data["head_nouns"].items() for w in ws}
    data["_foreign_heads"] = {w: c for c, ws in data["foreign_heads"].items() for w in ws}
    for key in ("civil_heads", "civil_words", "official_words", "periodical_words", "media_compounds", "carrier_nouns",
                "patronymic_words", "label_words", "beat_nouns", "domain_words"):
        data[key] = frozenset(data[key])   # looked up for every name: sets once, not lists
    data["_place_bodies"] = frozenset(data["place_bodies"]) | frozenset(data["authority_nouns"])
    data["_press_words"] = frozenset(data["outlet_possessions"]) | frozenset(data["press_holdings"])
    return data


def name_form(span: Span) -> tuple[str, float, str] | None:
    """Class from the shape of the name itself."""
    c = cues()
    text = span.text
    if re.search(c["outlet_name_end"], text):   # "Avrora 24", "Baltiya-24", "Délkelet24": a news channel's number
        return "Outlet", W_FORM, "form.number.v1"
    m = re.search(r"\.([a-z]{2,5})$", text)
    if m and m.group(1) in c["outlet_tlds"] and " " not in text:
        return "Outlet", W_FORM, "form.domain.v1"
    owned = [t.i for t in span[:-1] if t.tag_ == "POS" or t.text in ("'s", "’s", "'", "’")]
    if owned:   # "Voice of Steppes' Kyrgyz Service": the owned part says what the thing is
        span = span.doc[owned[-1] + 1:span.end]
    toks = [t for t in span if not t.is_punct]
    words = [t.lower_ for t in toks]
    if not words:
        return None
    head, n_words, all_words = words[-1], len(words), set(words)
    lead = next((cls for cls, ws in c["lead_nouns"].items() if words[0] in ws), None)
    if lead and len(words) > 1 and (toks[1].is_title or toks[1].lower_ in c["name_particles"]) \
            and head not in c["_heads"]:   # "Radio Shabelle", "Ansar al-Ruvuma"
        return lead, W_FORM, "form.lead.v1"
    for k, w in enumerate(words[1:], 1):   # "Committee of National Security", "Institute for ..."
        if w in ("of", "for", "to", "on") and words[k - 1] in cues()["_heads"]:
            head, words = words[k - 1], words[:k]
            break
        if w in c["_foreign"]:   # "Conseil Supérieur de la Communication", "Haute Autorité de la ..."
            opener = next((x for x in reversed(words[max(0, k - 2):k]) if x in c["_foreign_heads"]), None)
            if opener is not None:
                return c["_foreign_heads"][opener], W_FORM, "form.head.v1"
    if (qualified := qualified_class(head, words[:-1])) is not None:
        return qualified, W_FORM, "form.head.v1"
    gaz = default_gazetteer()
    if head in c["language_service_heads"] and len(toks) >= 3 and (known := gaz.lookup(toks[0].text)) is not None \
            and known.cls == "Outlet" \
            and all(gaz.state(t.text) or t.lower_ in c["service_languages"] for t in toks[1:-1]):
        return "Outlet", W_FORM, "form.service.v1"   # "BBC Uzbek Service", "RFA Vietnamese Service": a broadcaster's
    if head in {q["head"] for q in c["qualified_heads"]} and all(gaz.state(t.text) for t in span[:-1] if not t.is_punct):
        return None   # "Kazakh Service" (of a broadcaster), "Russian Agency": too ambiguous to type
    if head in c["civil_heads"] and all_words & c["civil_words"] and not all_words & c["official_words"]:
        return "Organization", W_FORM, "form.civil.v1"   # "Committee to Protect Journalists", "Legal Aid Bureau"
    if head in c["_heads"] and (n_words > 1 or span[-1].is_title):
        cls = c["_heads"][head]
        if n_words == 1 and cls != "Outlet" and not owned:
            return None   # a lone "Ministry" is a description, not a name
        return cls, W_FORM, "form.head.v1"
    return None


def qualified_class(head: str, before: list[str]) -> str | None:
    """The class a head word takes from a word before it (`qualified_heads`: "News Agency" an outlet, "Security
    Service" an agency), or None."""
    return next((q["class"] for q in cues()["qualified_heads"] if head == q["head"] and set(before) & set(q["words"])),
                None)


def media_wing(tok) -> bool:
    """"the media wing", "its propaganda arm", "the group's mouthpiece"."""
    wings = cues()["media_wings"]
    return tok.lower_ in wings["nouns"] and (tok.lower_ == "mouthpiece" or any(
        c.dep_ in ("compound", "amod") and c.lower_ in wings["modifiers"] for c in tok.children))


def _description_class(tok, table: dict) -> str | None:
    lemma = tok.lemma_.lower()
    if media_wing(tok):
        return "Outlet"
    pair = next((f"{c.lower_} {lemma}" for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1), "")
    for cls, nouns in table.items():   # a two-word kind first: "camera operator" is a person, an operator a company
        if pair in nouns:
            return cls
    for cls, nouns in table.items():
        if lemma in nouns or tok.lower_ in nouns:
            if lemma == "network" and "Outlet" in table and any(
                    t.dep_ == "compound" and (t.lower_ in table["Outlet"] or t.lower_ in cues()["media_compounds"])
                    for t in tok.children):
                return "Outlet"   # "the television network X", "the news network X"
            if cls in ("Organization", "Group") and lemma in ("group", "organization", "organisation", "network"):
                mods = {t.lower_ for t in tok.subtree}
                return "Group" if mods & set(cues()["group_modifiers"]) else "Organization"
            return cls
    return None


def named_head(span: Span) -> tuple[int, str]:
    """The end of the lower-case kind written after a name, and the kind's class ("the Basmanny district court":
    past "court", Agency), else (span.end, "")."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].lower_ in cues()["head_qualifiers"] and doc[end].is_lower:
        end += 1
    if end < len(doc) and doc[end].is_lower and doc[end].lower_ in cues()["named_heads"]:
        return end + 1, cues()["named_heads"][doc[end].lower_]
    return span.end, ""


def description(span: Span) -> tuple[str, float, str] | None:
    """Class from an apposition or a preceding noun: "Kloop, an independent outlet", "MP Bekbolat Tleukhan"."""
    c = cues()
    table = c["description_nouns"]
    root = span.root
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_lower and before.head.i in range(span.start, span.end) and (
            before.pos_ == "NOUN" and before.dep_ == "compound"
            or before.dep_ in ("amod", "compound") and before.lower_ in cues()["periodical_words"]) \
            and (cls := _description_class(before, table)):
        return cls, W_DESC, "desc.prefix.v1"   # "the state broadcaster CRTV", "the regional daily X" (an adjective)
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
        if tok.i == root.head.i and tok.dep_ == "appos" and tok.head.i < tok.i < root.i and tok.head.pos_ == "PROPN":
            continue   # "X, programme officer, JPFA": the title is X's, JPFA the body X works for
        if tok.dep_ == "appos" or root.dep_ == "appos":
            if tok.i == root.head.i and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
                    and tok.head.head.lemma_.lower() in cues()["description_nouns"]["Person"] \
                    and (any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.children)
                         or all(t.ent_type_ == "PERSON" for t in span)):
                continue   # "the editor of the X newspaper, Y": Y is the editor (the newspaper is named already);
                # "the head of the president's press service, Y" with Y a person's name
            if cls := _description_class(tok, table):
                return cls, W_DESC, "desc.appos.v1"
    doc = span.doc
    named = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "as" else root.head
    if root.dep_ in ("pobj", "oprd") and named.lower_ in ("known", "called", "named", "dubbed") \
            and named.dep_ == "acl" and (cls := _description_class(named.head, table)):
        return cls, W_DESC, "desc.appos.v1"   # "Kurdish security forces, known as Asayish", "a site called X"
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and not any(c.dep_ == "neg" for c in root.head.children):
        for attr in (t for t in root.head.children if t.dep_ == "attr" and t.pos_ == "NOUN" and t.is_lower):
            if any(d.dep_ == "det" and d.lower_ in ("a", "an", "the") for d in attr.children) \
                    and (cls := _description_class(attr, table)):
                return cls, W_DESC, "desc.copula.v1"   # "Ashyq Alan is a small weekly in Aktau"
    if span.end + 2 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ in ("the", "a", "an"):
        for tok in doc[span.end + 2:span.end + 8]:   # "X, the Al-Qaeda splinter group that ..." (parser lost the appos)
            if (tok.is_punct and tok.text != "-") or tok.pos_ in ("VERB", "AUX", "ADP", "PRON"):
                break
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            ends = nxt is None or nxt.is_punct or nxt.lower_ in ("that", "which", "who", "whose", "based", "with")
            if tok.pos_ == "NOUN" and (tok.dep_ == "appos" or ends) and (cls := _description_class(tok, table)):
                return cls, W_DESC, "desc.appos.v1"
    if span.start >= 3 and doc[span.start - 1].text == "," and span.end < len(doc) and doc[span.end].text == "," \
            and len(span) <= 4 and all(t.is_title or t.text == "-" for t in span) \
            and not any(c["_heads"].get(t.lower_) for t in span):
        for tok in reversed(doc[max(0, span.start - 9):span.start - 1]):   # "the Prosecutor General of the
            if tok.is_punct or tok.pos_ in ("VERB", "AUX"):                  # Republic, X, said": the parser
                break                                                       # lost the apposition
            if tok.lower_ in table["Person"]:
                return "Person", W_DESC, "desc.appos.v1"
    after = doc[span.end] if span.end < len(doc) else None
    if (head := named_head(span))[1]:   # "the Basmanny district court": past the qualifier
        after = doc[head[0] - 1]
    elif after is not None and after.lower_ in c["periodical_words"] and after.i + 1 < len(doc) \
            and doc[after.i + 1].lower_ in table["Outlet"]:
        after = doc[after.i + 1]   # "El Sayha daily newspaper"
    if after is not None and after.pos_ == "NOUN" and after.is_lower and after.dep_ != "compound" \
            and span.label_ not in ("GPE", "LOC") \
            and not (after.i + 1 < len(doc) and doc[after.i + 1].pos_ == "PROPN" and doc[after.i + 1].is_title) \
            and (cls := _description_class(after, {k: v for k, v in table.items() if k != "Person"})):
        if cls == "Agency" and before is not None and before.lower_ in ("a", "an"):
            return "Place", W_DESC, "desc.place_of_body.v1"   # "a Casablanca court": where a body sits, no name
        return cls, W_DESC, "desc.suffix.v1"      # "the Kasai Mail newspaper", "the Hamas movement"
    if before is not None and (before.pos_ == "NOUN" or before.lower_ in ("weekly", "daily", "monthly")) \
            and not before.is_title:
        cls = _description_class(before, table)
        if cls:
            return cls, W_DESC, "desc.prefix.v1"
    if before is not None and before.lower_.rstrip(".") in c["person_titles"]:
        return "Person", W_DESC, "desc.title.v1"
    if before is not None and before.lower_ == "of" and span.start > 1 \
            and doc[span.start - 2].lower_ in c["description_nouns"]["Place"]:
        return "Place", W_DESC, "desc.placeof.v1"   # "the province of Tokat", "the city of Kumba"
    return None


def role(span: Span) -> tuple[str, float, str] | None:
    """Class from what the name does: an organisation that reports is an outlet; 'near X' is a place."""
    c = cues()
    root = span.root
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ in ("who", "whom") \
            and all(t.is_title for t in span):
        return "Person", W_ROLE, "role.who.v1"   # "according to Brahim Oussaid, who heads it"
    if root.dep_ in ("nsubj", "nsubjpass"):
        verb = root.head
        lemmas = {verb.lemma_} | {t.lemma_ for t in verb.children if t.dep_ in ("advcl", "xcomp", "conj")}
        if verb.lemma_ == "report" and any(t.dep_ == "prep" and t.lower_ == "from" for t in verb.children) \
                and 2 <= len(span) <= 3 and all(t.is_title for t in span):
            return "Person", W_ROLE, "role.reports_from.v1"   # "Yulia Bondar reports from Kyiv": a correspondent
        runs_body = verb.lemma_ == "run" and any(   # "X runs the news site Y": X is its owner, not an outlet
            ch.dep_ == "dobj" and _description_class(ch, c["description_nouns"]) not in (None, "Work", "Person")
            for ch in verb.children)
        if lemmas & set(c["outlet_verbs"]) and not runs_body:
            return "Outlet", W_ROLE, "role.reports.v1"
        if root.ent_type_ == "GPE" and verb.lemma_ in c["state_verbs"]:
            return "State", W_ROLE, "role.state_acts.v1"     # places do not pressure or ban: states do
        if verb.lemma_ in c["person_verbs"] and root.ent_type_ in ("GPE", "LOC") and len(span) == 1:
            return "Person", W_ROLE, "role.speaker.v1"
        if root.dep_ == "nsubjpass" and verb.lemma_ in c["person_passives"] and 2 <= len(span) <= 4 \
                and all(t.is_title for t in span) and not any(c["_heads"].get(t.lower_) for t in span):
            return "Person", W_ROLE, "role.person_act.v1"   # "Dzmitry Navazhylau was sentenced to six years"
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
    if root.head.lower_ in c["carrier_nouns"] and (root.dep_ == "poss" or root.dep_ == "compound"
                                                     and root.head.lower_ != "network"):   # "the X television network"
        return "Organization", W_ROLE, "role.carrier.v1"   # "on Marimba Telecom's network", "CANTV subscribers"
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "of" and prep.head.lower_ in c["carrier_nouns"] and prep.head.lower_ != "network":
            return "Organization", W_ROLE, "role.carrier.v1"   # "on the networks of Lanka Netline"
        if prep.lower_ == "of" and prep.head.lower_ in c["outlet_staff_nouns"] and prep.head.pos_ == "NOUN" \
                and all(t.dep_ == "det" or t.is_quote for t in doc[prep.i + 1:span.start]):
            return "Outlet", W_ROLE, "role.outlet_staff.v1"   # "editor-in-chief of Nova Zora"
        if prep.lower_ == "to" and prep.i > 0 and span.doc[prep.i - 1].lower_ == "according":
            return "Outlet", W_ROLE, "role.source.v1"
        if prep.lower_ in ("near", "outside", "around", "inside"):
            return "Place", W_ROLE, "role.near.v1"
    if span.start >= 2 and doc[span.start - 1].lower_ == "in" and doc[span.start - 2].lower_ in c["_place_bodies"]:
        return "Place", W_ROLE, "role.near.v1"   # "police in Cần Thơ", "officials in Tarvo": where they are
    return None


def type_span(span: Span, ner_label: str | None) -> tuple[str, float, str] | None:
    for cue in (name_form, description):
        if (found := cue(span)) and not (found[0] == "Person" and found[2] == "desc.appos.v1"
                                         and ner_label in ("GPE", "LOC")):
            return found   # "grew up in Daphne, Alabama, the son of ...": the apposition is misplaced
    found = role(span)
    base = NER_CLASS.get(ner_label or "")
    if found and (base in (None, "Organization") or (base in ("Person", "Place") and len(span) == 1)
                  or found[2] in ("role.carrier.v1", "role.outlet_staff.v1")):
        return found   # no place has subscribers, no person an editor-in-chief
    if base:
        return base, W_NER, f"ner.{ner_label.lower()}.v1"
    return None
