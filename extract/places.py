"""Places, nationality and parts: where an actor is based or lives, what lies in what, whose body it is.

`PlaceFrames` is mixed into `extract.relations.Extractor`; `containment` closes locatedIn within a sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml
from spacy.tokens import Token

from extract import DATA_DIR
from extract.entity_cues import cues
from extract.patterns import Candidate, Sentences, lemma
from extract.records import Mention


class PlaceFrames:
    def occupation_frame(self, prep: Token) -> None:
        """'X worked as a janitor in Kazan' -> livesIn; 'X served as an analyst at Y' -> memberOf."""
        a = self.a
        v = prep.head
        for n in prep.children:
            if n.dep_ != "pobj" or n.i in a.at or n.pos_ != "NOUN" or lemma(n) in self.roles:
                continue
            if lemma(n) in self.nonmember:
                continue
            holders = [m for m in (a.objects(v) if a.passive(v) else a.subjects(v)) if m.cls == "Person"]
            for pr in n.children:
                if pr.dep_ != "prep":
                    continue
                for o in [m for p in pr.children if p.dep_ == "pobj" for m in a.ments(p)]:
                    if o.cls in ("Place", "State") and pr.lower_ in ("in", "at"):
                        self.add(holders, "livesIn", [o], "geo", n)
                    elif pr.lower_ in ("at", "for", "with", "in"):
                        self.add(holders, "memberOf", [o], "geo", n)

    def origin_frame(self, v: Token) -> None:
        """'X is from Kazakhstan', 'X comes from Kazan'; 'Rome is in Lazio'."""
        a = self.a
        origins = a.pobjs(v, {"from"})
        places = a.pobjs(v, {"in"}) if lemma(v) == "be" and not any(
            c.dep_ in ("attr", "acomp") for c in v.children) else []
        if lemma(v) == "be":   # "Kloop is a Bishkek-based outlet", "X is a Russian journalist"
            for attr in v.children:
                if attr.dep_ == "attr" and attr.i not in a.at and attr.pos_ == "NOUN" and not self._names_own(attr):
                    for m in a.raised_subject(v):
                        for t, how, via in self._desc_modifiers(attr):
                            self.geo_edge(m, t, how, via, attr)
        if lemma(v) == "be":   # "Aktobe is a city in western Kazakhstan", "X is the capital of Y"
            places += [m for c in v.children if c.dep_ == "attr" and c.i not in a.at
                       and lemma(c) in self.frames_set("place_nouns") for m in a.pobjs(c, {"in", "of"})]
        for s in a.subjects(v) if origins or places else []:
            for o in origins:
                prop = self.geo_prop(s, o)
                if prop in ("nationalOf", "livesIn"):
                    self.add([s], prop, [o], "geo", v)
            for o in places:
                prop = self.geo_prop(s, o)
                if prop in ("locatedIn", "basedIn"):
                    self.add([s], prop, [o], "geo", v)

    # -- places, nationality, parts -------------------------------------------------------------
    GEO = {("Person", "State"): "nationalOf", ("Person", "Place"): "livesIn",
           ("Agency", "State"): "partOf", ("Agency", "Place"): "basedIn",
           ("Place", "State"): "locatedIn", ("Place", "Place"): "locatedIn"}
    GEO_PREPS = {"nationalOf": {"from", "of"}, "livesIn": {"from", "of"},
                 "memberOf": {"at", "of", "with", "from", "for"},
                 "partOf": {"of", "in"}, "basedIn": {"in", "of", "from", "at"}, "locatedIn": {"in", "of", "near"}}

    def geo_prop(self, e: Mention, loc: Mention) -> str | None:
        if e.entity == loc.entity:
            return None
        if e.cls == "Person" and loc.cls in ("Agency", "Organization", "Group", "Outlet"):
            return "memberOf"   # "FSB officer X", "X of the FSB", "X, an analyst at Y"
        if loc.cls not in ("State", "Place"):
            return None
        if e.cls in ("Outlet", "Organization", "Group", "Platform"):
            return "basedIn"
        if e.cls == "Agency" and loc.cls == "State" and loc.kind == "name" and e.qualifier \
                and not same_state(e.qualifier, loc.label or loc.text):
            return "basedIn"   # "the Embassy of Norway in Kenya" is Norway's, based in Kenya
        return self.GEO.get((e.cls, loc.cls))

    def geo_frame(self) -> None:
        for m in self.mentions:
            root = self.doc[m.tok_start:m.tok_end].root
            for t, how, via in self._modifiers(root, m):
                self.geo_edge(m, t, how, via, root)
            self._inside_name(m, root)
            self.based_apposition(m, root)
            self.place_before_description(m, root)
            self.subplace(m, root)
            self.place_in_place(m, root)
        offices, under = set(static_words()["office_nouns"]), set(static_words()["attached_words"])
        for tok in self.doc:
            if tok.pos_ == "NOUN" and lemma(tok) in offices:
                self.office_frame(tok)
            if tok.dep_ == "prep" and (tok.lower_ in ("under", "within") or tok.lower_ == "to" and lemma(tok.head) in under):
                self.attached_frame(tok)
        self.comma_places()
        self.dateline_place()

    def subplace(self, m: Mention, root: Token) -> None:
        """'the Kansanga neighbourhood of Kampala', "Vilnius's Naujamiestis district", 'the town of Pirna in
        Saxony', "China's Hainan province": a place named with the kind of place it is, and what holds it."""
        if m.cls != "Place":
            return
        a, nouns = self.a, set(static_words()["subplace_nouns"])
        n, own = None, []
        if root.dep_ == "compound" and root.pos_ == "PROPN" and lemma(root.head) in nouns and root.head.i not in a.at:
            n = root.head   # "the Kansanga neighbourhood", not "the Saxon town of Pirna"
        elif lemma(root) in nouns and m.tok_end - m.tok_start > 1:
            n = root        # the mention holds its kind: "Pastrovo district"
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and lemma(root.head.head) in nouns \
                and root.head.head.i not in a.at:
            n = root.head.head   # "the town of Pirna"
            own = self._place_pobjs(root, {"in"})
        if n is None:
            return
        held = own + [x for c in n.children if c.dep_ == "poss" and c.i in a.at for x in a.here(c.i)]
        if n.i != root.i:   # "the Bangladesh town of Rangamati": a larger place named before the kind word
            held += [x for c in n.children if c.dep_ == "compound" and c.i in a.at for x in a.here(c.i)
                     if x.cls == "State" or _known(x) and not _known(m)]
        skip = root.head if n.i != root.i and root.dep_ == "pobj" else None   # "the districts of A and B"
        of = self._place_pobjs(n, {"of", "in"}, skip)
        if n.i != root.i and skip is None or n.i == root.i:
            # "the Kansanga neighbourhood of Kampala" but "the Saxon town of Pirna", "the Tehran suburb of Rey":
            # trust the order only when the larger place is a State or a place the gazetteer knows, the smaller not
            of = [x for x in of if (x.cls == "State" or _known(x)) and not _known(m)]
        held += of
        for loc in held:
            if loc.entity != m.entity and not _capital_as_state(loc) and self.geo_prop(m, loc) == "locatedIn":
                self.add([m], "locatedIn", [loc], "geo", n)

    def place_in_place(self, m: Mention, root: Token) -> None:
        """'a station in Baydhaba in southwestern Somalia': the parse hangs both places on the station;
        the second, a State or a place the gazetteer knows, holds the first."""
        if m.cls != "Place" or root.dep_ != "pobj" or root.head.lower_ != "in" or root.right_edge.i >= m.tok_end:
            return   # not "in A and B in C": C holds B
        nxt = m.tok_end
        if nxt < len(self.doc) and self.doc[nxt].text == ",":
            nxt += 1
        prep = self.doc[nxt] if nxt < len(self.doc) else None
        if prep is None or prep.lower_ != "in" or prep.dep_ != "prep" or prep.head.i != root.head.head.i:
            return
        for loc in self._place_pobjs(prep.head, {"in"}):
            if loc.start >= prep.idx and (loc.cls == "State" or _known(loc) and not _known(m)) \
                    and not _capital_as_state(loc) and self.geo_prop(m, loc) == "locatedIn":
                self.add([m], "locatedIn", [loc], "geo", prep)

    def office_frame(self, n: Token) -> None:
        """"the paper's Vranje office", 'the Kivu Eveil offices in the Himbi district', 'the Bishkek bureau
        of X': where an office of an organisation is, the organisation is based."""
        a = self.a
        owners, places = [], []
        for c in n.children:
            if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i in a.at:
                for x in a.here(c.i):
                    (places if x.cls in ("Place", "State") else owners).append(x)
        owners += a.pobjs(n, {"of"})
        places += self._place_pobjs(n, {"in", "at"})
        for o in owners:
            for loc in places:
                if not _capital_as_state(loc) and self.geo_prop(o, loc) == "basedIn":
                    self.add([o], "basedIn", [loc], "geo", n)

    def attached_frame(self, prep: Token) -> None:
        """'the office operates under the Ministry', 'a registry attached to the ministry', 'a state corporation
        under the Ministry of ICT': a body placed under another is part of it."""
        a = self.a
        parents = [m for p in prep.children if p.dep_ == "pobj" for m in a.ments(p, conj=False)
                   if m.cls in ("Agency", "Organization")]
        h = prep.head
        if not parents or h.i in a.at and a.at[h.i] in parents:
            return
        if h.pos_ in ("VERB", "AUX") or h.dep_ in ("acl", "amod") and h.tag_ == "VBN":   # "placed under", "attached to"
            v = h.head if h.dep_ in ("acl", "amod") else h
            bodies = a.ments(v) if h.dep_ in ("acl", "amod") else (a.objects(v) if a.passive(v) else a.subjects(v))
        elif h.dep_ in ("attr", "appos") and h.i not in a.at:   # "X is a corporation under Y", "X, a unit under Y"
            bodies = a.subjects(h.head) if h.dep_ == "attr" else a.ments(h.head)
        else:
            bodies = a.ments(h) if h.i in a.at else []
        self.add([b for b in bodies if b.cls in ("Agency", "Organization")], "partOf", parents, "geo", prep)

    def _place_pobjs(self, tok: Token, preps: set[str], skip: Token | None = None) -> list[Mention]:
        """The places after tok's prepositions, also when named with their kind ("in the Himbi district")."""
        a, nouns = self.a, static_words()["subplace_nouns"]
        out = []
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in preps and (skip is None or p.i != skip.i):
                for q in p.children:
                    if q.dep_ == "pobj" and q.i in a.at:
                        out += a.ments(q)
                    elif q.dep_ == "pobj" and lemma(q) in nouns:
                        out += [x for c in q.children if c.dep_ == "compound" and c.i in a.at for x in a.here(c.i)]
        return out

    def dateline_place(self) -> None:
        """'PESHAWAR, Pakistan, June 9 -': the dateline's town lies in the place after its comma."""
        for found in DATELINE.finditer(self.text, 0, min(len(self.text), 1500)):
            self._dateline(found)

    def _dateline(self, found: re.Match) -> None:
        town = found.group(1).lower()
        after = [m for m in self.mentions if m.start == found.end() and m.cls in ("State", "Place")]
        same = [m for m in self.mentions if m.cls == "Place" and m.text.lower() == town]
        if after and same:
            tok = self.doc.char_span(found.start(1), found.end(1), alignment_mode="expand")
            if tok is not None and not _capital_as_state(after[0]) and self.geo_prop(same[0], after[0]) == "locatedIn":
                self.add([same[0]], "locatedIn", [after[0]], "geo", tok.root)

    def place_before_description(self, m: Mention, root: Token) -> None:
        """'the Caracas daily X', 'the Kampala rights group X': a place, then what the name is, then the
        name, read off the words (the parse often hangs the place elsewhere)."""
        doc, a = self.doc, self.a
        nouns = _thing_nouns()
        k, seen_noun = m.tok_start - 1, False
        while k > 0 and m.tok_start - k <= 4 and doc[k].is_lower and (doc[k].pos_ in ("NOUN", "ADJ", "PROPN")
                                                                       or doc[k].lower_ in nouns):   # "daily": RB
            seen_noun = seen_noun or doc[k].lower_ in nouns
            k -= 1
        loc = a.at.get(k)
        if seen_noun and k < m.tok_start - 1 and loc is not None and loc.entity != m.entity \
                and loc.cls in ("Place", "State") and self.geo_prop(m, loc) == "basedIn":
            self.add([m], "basedIn", [loc], "geo", root)

    def based_apposition(self, m: Mention, root: Token) -> None:
        """'X, a Cairo-based legal group': read off the words when the parse of the apposition broke."""
        doc, a = self.doc, self.a
        if m.tok_end + 3 >= len(doc) or doc[m.tok_end].text != "," or doc[m.tok_end + 1].lower_ not in ("a", "an", "the"):
            return
        for k in range(m.tok_end + 2, min(m.tok_end + 6, len(doc) - 2)):
            if doc[k].pos_ in ("VERB", "AUX", "PUNCT") and doc[k].text != "-" and doc[k].lower_ != "based":
                return
            if doc[k].lower_ == "based" and doc[k - 1].text == "-" and (loc := a.at.get(k - 2)) is not None \
                    and loc.entity != m.entity and self.geo_prop(m, loc) == "basedIn":
                j = k + 1
                while j < len(doc) and doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ"):
                    j += 1
                if j < len(doc) and j > k + 1 and j in a.at:
                    return   # "X, the Izmir-based news site Y": the words describe Y
                self.add([m], "basedIn", [loc], "geo", root)
                return

    def comma_places(self) -> None:
        """'Kazan, Russia', 'the Savannah River Plant, in Aiken, S.C.': a place and the larger place
        after a comma, when the parse missed it. Lists ('Paris, London and Berlin') are left alone."""
        doc = self.doc
        places = sorted((m for m in self.mentions if m.cls in ("Place", "State")), key=lambda m: m.tok_start)
        starts = {m.tok_start: m for m in places}
        ends = {m.tok_end: m for m in places}
        listy = {"and", "or", "&"}
        for m in self.mentions:
            if m.tok_end >= len(doc) or doc[m.tok_end].text != ",":
                continue
            k = m.tok_end + 1
            if k < len(doc) and doc[k].lower_ == "in" and m.cls != "Person":
                k += 1
                while k < len(doc) and doc[k].lower_ in static_words()["directions"]:
                    k += 1   # "Hrodna, in western Belarus"
            while k < len(doc) and doc[k].lower_ == "the":
                k += 1
            loc = starts.get(k)
            if loc is None or loc.entity == m.entity:
                continue
            after = doc[loc.tok_end].lower_ if loc.tok_end < len(doc) else ""
            if after == "-" or loc.tok_end < len(doc) and doc[loc.tok_end].is_lower and doc[loc.tok_end].pos_ == "NOUN" \
                    and doc[loc.tok_start - 1].lower_ == "the":
                continue   # "X, the Izmir-based site", "X, the Estelí station Y": the place describes what follows
            after2 = doc[loc.tok_end + 1].lower_ if loc.tok_end + 1 < len(doc) else ""
            if after in listy or (after == "," and (after2 in listy or loc.tok_end + 1 in starts)):
                continue
            before = m.tok_start - 1
            if before >= 0 and doc[before].text == "," and before in ends:
                continue   # the middle of a list
            prop = self.geo_prop(m, loc)
            if prop in ("locatedIn", "basedIn"):
                self.add([m], prop, [loc], "geo", doc[m.tok_start:m.tok_end].root)

    def _modifiers(self, root: Token, m: Mention):
        """Tokens that modify a mention: possessor, adjective, compound, prepositional object,
        apposition, and the modifiers of a descriptive noun in apposition ("an outlet from X")."""
        a = self.a
        inside = set(range(m.tok_start, m.tok_end))
        # "Y of Agentura.ru, a Moscow-based site": the parser hangs the apposition on Y, it describes the
        # nearer name
        named_pobjs = [p.i for ch in root.children if ch.dep_ == "prep" and ch.i > root.i
                       for p in ch.children if p.dep_ == "pobj" and p.i in a.at]
        if root.dep_ == "pobj" and root.head.dep_ == "prep" and m.tok_end < len(self.doc) \
                and self.doc[m.tok_end].text == ",":
            for c in root.head.head.children:
                if c.dep_ == "appos" and c.i > root.i and c.i not in a.at and c.pos_ == "NOUN":
                    yield from self._desc_modifiers(c)
        for c in root.children:
            if c.dep_ == "appos" and named_pobjs and c.i > named_pobjs[-1]:
                continue
            if c.dep_ in ("amod", "acl") and lemma(c) == "base" and c.i not in a.at:   # "Moscow-based X"
                for p in c.children:
                    if p.dep_ in ("npadvmod", "compound", "nmod") and p.i in a.at:
                        yield p, "based", None
                    if p.dep_ == "prep":
                        yield from ((q, "mod", None) for q in p.children if q.dep_ == "pobj")
            elif c.dep_ in ("poss", "amod", "compound", "nmod") and c.i not in inside and not (
                    c.dep_ == "compound" and c.pos_ == "NOUN" and c.i not in a.at):
                yield c, "mod", None
                if c.dep_ == "compound" and c.i not in a.at and lemma(c) in static_words()["state_titles"]:
                    yield from self._desc_modifiers(c)   # "Nicaraguan President X": the title's demonym
            elif c.dep_ in ("appos", "npadvmod") and c.i in a.at and self._comma_pair(m, a.at[c.i]):
                yield c, "appos", None
            elif c.dep_ in ("appos", "compound") and c.i not in a.at and (
                    c.pos_ == "NOUN" or c.dep_ == "compound" and c.pos_ == "PROPN") \
                    and not self._names_own(c) and c.lower_ not in static_words()["directions"]:   # not "X, north of Y"
                yield from self._desc_modifiers(c)   # "Coast Guard Lt. X"; not "A, the Izmir-based site B": B's
        for t in self.doc[m.tok_start:m.tok_end]:   # "Institute of Zoology of Kunming": preps anywhere in the name
            for c in t.children:
                if c.dep_ == "prep" and c.i >= m.tok_end - 1 or (c.dep_ == "prep" and t.i == root.i):
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i not in inside:
                            yield p, "prep:" + c.lower_, None
                            for cj in p.conjuncts:
                                yield cj, "prep:" + c.lower_, None
        first = root
        bare = m.tok_start > 0 and self.doc[m.tok_start - 1].lower_ in (",", "and", "or")   # not "and the newsroom X"
        while bare and first.dep_ == "conj" and first.head.i < first.i and first.head.i not in inside:
            first = first.head   # "two Kazakhstan-based outlets, A and B": B is described as A is
        if first.dep_ == "appos" and first.head.i not in a.at and first.head.pos_ == "NOUN" \
                and (first is root or first.i in a.at and first.head.tag_ != "NN"):   # "outlets, A and B", not "site, A and B"
            yield from self._desc_modifiers(first.head)

    def geo_edge(self, m: Mention, t: Token, how: str, via: Token | None, trigger: Token) -> None:
        """One modifier `t` of mention `m` (found as `how`, through descriptive noun `via`) -> an edge."""
        a = self.a
        loc = a.at.get(t.i)
        if loc is None and t.text.lower() in self.demonyms:   # "a Kyrgyz outlet" with no mention
            loc = self.state_named(t.text, exclude=m.entity, near=t.idx)
        if loc is None and how.startswith("prep:"):   # "X, of the DEM's division of wetlands"
            found = [x for x in a.ments(t, conj=False) if x.entity != m.entity]
            loc = found[0] if found else None
        if loc is None or loc is m:
            return
        if loc.cls == "Person" and how == "mod" and t.dep_ == "poss" and m.cls in self.props["memberOf"]["object"]:
            self.add([loc], "memberOf", [m], "geo", trigger)   # "Galicia's union", "Navalny's foundation"
            return
        prop = self.geo_prop(m, loc)
        if prop is None:
            return
        if how == "based":   # "the US-based cleric X" lives there; his nationality is not said
            how, prop = "mod", "livesIn" if prop == "nationalOf" else prop
        if how.startswith("prep:") and how[5:] not in self.GEO_PREPS.get(prop, set()) and not (
                prop == "livesIn" and how == "prep:in" and via is not None and via.dep_ in ("appos", "attr")):
            return   # but "X, a lawyer in Ankara" lives there
        titles = static_words()["state_titles"]
        if prop == "nationalOf" and how == "mod" and t.i in self.a.at and self.a.at[t.i].kind == "name" \
                and t.lower_ not in self.demonyms and not (via is not None and lemma(via) in titles) \
                and not any(c.dep_ == "compound" and t.i < c.i < m.tok_start and lemma(c) in titles
                            for c in t.head.children):   # but "Yemen's President X": the parser hangs both on X
            return   # "the Yemen editor", "SAPA-Zambia chairperson": a beat or a name, not a nationality
        is_role = via is not None and (lemma(via) in self.roles or via.lower_ in self.roles)
        if via is not None and prop != "nationalOf" and (
                is_role and (how == "prep:of" or prop == "memberOf")
                or prop == "memberOf" and lemma(via) in self.nonmember):
            return   # "president of X", "a critic of Y": the role frame decides
        if prop == "memberOf" and how == "mod" and any(
                lemma(x) in self.roles for x in self.doc[loc.tok_end:m.tok_start]):
            return   # "Kloop chief X": the role frame decides
        if prop == "livesIn" and how == "mod" and any(
                lemma(x) in static_words()["office_titles"] for x in self.doc[loc.tok_end:m.tok_start]):
            return   # "Istanbul Chief Prosecutor X": the office's seat
        root = self.doc[m.tok_start:m.tok_end].root
        if prop == "memberOf" and how == "mod" and root.dep_ == "pobj" and root.head.lower_ in ("of", "for") \
                and "leads" in (self.roles.get(lemma(root.head.head)) or []):
            prop = "leads"   # "Chairman of the Velka Press Council Omar Tadesse": the parser made the name the pobj
        if how == "appos" and prop != "locatedIn":
            return
        if via is not None and (lemma(via) in self.nonmember or lemma(via) in self.frames_set("hostile_nouns")):
            return   # "Kazakhstan's enemy", "Russia's ally": a relation to the place, not a location
        if m.cls == "Platform" and how != "mod":
            return   # "its App Store in Russia" is where it is used, not where it is based
        self.add([m], prop, [loc], "geo", trigger)

    def _comma_pair(self, m: Mention, loc: Mention) -> bool:
        """'Kazan, Russia': the second place follows the first after a single comma."""
        return loc.tok_start == m.tok_end + 1 and self.doc[m.tok_end].text == ","

    def _names_own(self, n: Token) -> bool:
        """A descriptive noun followed by its own name ("the Izmir-based news site Haber Meydani") describes
        that name, not the mention it hangs on."""
        return any(g.dep_ in ("appos", "compound") and g.i > n.i and g.i in self.a.at for g in n.children)

    def _desc_modifiers(self, n: Token):
        """Modifiers of a descriptive noun next to a mention: 'an independent Kyrgyz outlet', 'an analyst at Y'."""
        for c in n.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and (c.i in self.a.at or c.text.lower() in self.demonyms):
                yield c, "mod", n
            elif c.dep_ == "compound" and c.i not in self.a.at:
                yield from ((g, "mod", n) for g in c.children if g.dep_ in ("amod", "compound") and g.i in self.a.at)
            elif c.dep_ in ("amod", "acl") and lemma(c) == "base":   # "the Latvia-based outlet"
                yield from ((g, "based", n) for g in c.children
                            if g.dep_ in ("npadvmod", "compound", "nmod") and g.i in self.a.at)
            elif c.dep_ == "prep" and c.lower_ in ("from", "in", "of", "at", "for", "with"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        yield p, "prep:" + c.lower_, n
                        yield from ((q, "prep:" + c.lower_, n) for q in p.children
                                    if q.dep_ == "poss" and q.i in self.a.at)   # "at Harvard's school"

    def _inside_name(self, m: Mention, root: Token) -> None:
        """'Kazakh parliament', "Russia's Security Service", 'Committee of National Security of Kazakhstan':
        the State named inside the name of a body, outlet or place."""
        if m.cls not in ("Agency", "Outlet", "Organization", "Group", "Place") or m.kind not in ("name", "acronym", ""):
            return
        text = m.text.replace("\u2019", "'")
        names = set()
        words = re.findall(r"[\w.]+(?:-[\w.]+)*", text)   # "Inter-American" is no American body
        place_names = {x.text.lower() for x in self.mentions if x.cls in ("State", "Place")}
        for i, w in enumerate(words[:-1]):   # an adjective, not the bare name ("Kazakhstan Institute")
            if w.lower() in self.demonyms or (w[:1].isupper() and w.lower() not in place_names
                                              and re.fullmatch(r"[a-z]+(?:an|ian|ese|ish|i|ic)", w.lower())):
                names.add(w.lower())
        if p := re.match(r"^(?:the\s+)?(.+?)'s?\s+\w", text, re.I):
            names.add(p.group(1).lower())
        if m.cls in static_words()["state_in_name"]:   # "Uganda Police Force", "Royal Malaysia Police"
            states = {x.text.lower() for x in self.mentions if x.cls == "State" and x.kind == "name"}
            for n in (1, 2, 3):
                names |= {" ".join(words[i:i + n]).lower() for i in range(len(words) - n)} & states
        if p := re.search(r"^.*\bof\s+(?:the\s+)?([A-Z][\w. ]+)$", text):
            names.add(p.group(1).lower())
        found = {name: state for name in sorted(names)   # sorted: a set's order changes with each process's hash seed
                 if (state := self.state_named(name, exclude=m.entity, near=m.start)) is not None}
        for name, state in found.items():   # "South Sudan Media Authority": not Sudan too, a name inside a longer one
            if not any(name != o and re.search(rf"\b{re.escape(name)}\b", o) for o in found):
                prop = "partOf" if m.cls == "Agency" else ("locatedIn" if m.cls == "Place" else "basedIn")
                self.add([m], prop, [state], "name", root)

    def state_named(self, name: str, exclude: str = "", near: int = 0) -> Mention | None:
        """A State (or Place) mention of this document whose text is `name`, a name or its adjective
        ("Kazakh" from the demonym table; "Angolan", "Mexican" by their stem)."""
        word = name.lower()
        name = self.demonyms.get(word, name).lower()
        closest = lambda ms: min(ms, key=lambda m: abs(m.start - near)) if ms else None  # noqa: E731
        found = [s for s in self.mentions if s.cls in ("State", "Place") and s.entity != exclude
                 and s.text.lower().replace("the ", "", 1) == name]
        if found:
            return closest(found)
        if re.fullmatch(r"[a-z]+(?:an|ian|ese|ish|i|ic)", word):
            return closest([s for s in self.mentions if s.cls in ("State", "Place") and s.entity != exclude
                            and " " not in s.text and len(s.text) >= 5 and word.startswith(s.text.lower()[:-1])
                            and word != s.text.lower()])
        return None


def containment(cands: list[Candidate], sents: Sentences) -> list[Candidate]:
    """Within one sentence, what is in A is in what contains A: 'X of Batavia, N.Y.' -> X lives in N.Y."""
    inside: dict[tuple, list[Candidate]] = {}
    for c in cands:
        if c.prop == "locatedIn":
            inside.setdefault((sents.of(c.trigger).start, c.subject.entity), []).append(c)
    out = []
    for c in cands:
        if c.prop not in ("locatedIn", "livesIn", "basedIn"):
            continue
        for up in inside.get((sents.of(c.trigger).start, c.object.entity), []):
            if up.object.entity != c.subject.entity:
                out.append(Candidate(c.subject, c.prop, up.object, "contained", c.trigger, c.anchor))
    return out


# a dateline at a line start: an upper-case town, a comma ("SAN JOSÉ, Costa Rica")
DATELINE = re.compile(r"(?m)^[^\S\n]*([A-Z][A-Z\u00C0-\u00DE'.-]+(?: [A-Z][A-Z\u00C0-\u00DE'.-]+){0,3}), ")


def _known(m: Mention) -> bool:
    from extract.gazetteer import default_gazetteer
    return default_gazetteer().lookup(m.text) is not None


def _capital_as_state(m: Mention) -> bool:
    """'the Kansanga neighbourhood of Kampala': a capital the mention finder took for its State is, in a
    place phrase, the city."""
    from extract.gazetteer import default_gazetteer
    known = default_gazetteer().lookup(m.text) if m.cls == "State" else None
    return known is not None and bool(known.capital) and known.capital.lower() == m.text.lower()


def same_state(a: str, b: str) -> bool:
    from extract.gazetteer import default_gazetteer
    gaz = default_gazetteer()
    sa, sb = gaz.state(a), gaz.state(b)
    return a == b or sa is not None and sb is not None and sa.name == sb.name


@lru_cache(maxsize=None)
def static_words() -> dict[str, list[str]]:
    """data/static.yaml: the words of titles, appositions and place phrases."""
    with open(DATA_DIR / "static.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@lru_cache(maxsize=None)
def _thing_nouns() -> frozenset[str]:
    """Words that say what an organisation is ("daily", "rights group"), not a person or a place."""
    return frozenset(w for cls, ws in cues()["description_nouns"].items() if cls not in ("Person", "Place") for w in ws)
