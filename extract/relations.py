"""Typed relations between entity mentions, from dependency patterns and a lexicon (data/relations.yaml).

Frames, each recorded on the edge as a rule name "dep.<property rule>.<frame>.v1":
  verb     "X blocked Y", "Y was blocked by X", "Y, blocked in X" (place agent), control and chains
  noun     "X's ban on Y", "pressure on Y from X", "X cast doubt on Y"
  request  "X asked Y to remove Z", "X demanded that Z be deleted", "X's removal request"
  refuse   "Y refused X's request", "Y refused to comply with X's demand"
  role     "X, director of Y", "Y chief X", "X is the head of Y", "the head of Y, X"
  geo      "Kazakhstan's Prosecutor", "Kloop, a Kyrgyz outlet", "Kazan, Russia", "X from Kazakhstan"
  claim    "X said Y is a threat"
  byline   the article's byline author wrote for the outlet named in its footer
Each candidate passes the property's subject/object class filter, then the qualifiers:
negated ones are dropped, hedged ones flagged with lower confidence, attributed ones
carry their source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.tokens import Doc, Span, Token

from extract import DATA_DIR
from extract.patterns import NOUNS, VERBS, Arguments, Sentences, lemma
from extract.qualifiers import attribution, cues, hedged, negated, unasserted
from extract.records import Document, Mention, Relation

HEDGE_FACTOR = 0.6
STATIVE = {"basedIn", "livesIn", "locatedIn", "appearsIn"}
CONFIDENCE = {"noncomply": 0.65, "verb": 0.8, "chain": 0.7, "noun": 0.65, "request": 0.75, "refuse": 0.7, "role": 0.8,
              "geo": 0.7, "name": 0.6, "contained": 0.6, "claim": 0.5, "byline": 0.6, "context": 0.5}


@lru_cache(maxsize=None)
def lexicon() -> dict:
    with open(DATA_DIR / "relations.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@dataclass
class Candidate:
    subject: Mention
    prop: str
    object: Mention
    frame: str
    trigger: Token
    anchor: Token | None = None
    hint: str = ""


class Extractor:
    def __init__(self, doc: Doc, mentions: list[Mention]):
        lex = lexicon()
        self.doc = doc
        self.props: dict[str, dict] = lex["properties"]
        self.frames = lex["frames"]
        self.disabled = set(lex.get("disabled") or [])
        self.demonyms = {k.lower(): v for k, v in (lex.get("demonyms") or {}).items()}
        self.nonmember = set(self.frames.get("nonmember_nouns", []))
        self.adjectives = {w: p for p, spec in self.props.items() for w in spec.get("adjectives", [])}
        self.a = Arguments(doc, mentions, self.frames)
        self.sents = Sentences(doc)
        self.text = doc.text   # Doc.text joins every token on each access
        self.mentions = [m for m in mentions if m.entity and m.tok_start >= 0]
        self.a.state_for = lambda tok: self.state_named(tok.text, near=tok.idx) \
            if tok.text.lower() in self.demonyms else None
        self.resolve_descriptions()
        self.found: list[Candidate] = []
        self.verbs: dict[str, list[str]] = {}
        self.nouns: dict[str, list[str]] = {}
        self.roles: dict[str, list[str]] = {}
        for prop, spec in self.props.items():
            for v in spec.get("verbs", []) + [p[0] for p in spec.get("phrasal", [])] \
                    + spec.get("inverse_verbs", []):
                self.verbs.setdefault(v, []).append(prop)
            for n in spec.get("nouns", []):
                self.nouns.setdefault(n, []).append(prop)
            for r in spec.get("roles", []) + spec.get("agent_nouns", []):
                self.roles.setdefault(r, []).append(prop)

    def resolve_descriptions(self) -> None:
        """Definite descriptions the mention finder left open: 'the video' is the last titled work
        named before it; 'the author' is the article's author (byline, or the name atop the text)."""
        works = sorted((m for m in self.mentions if m.cls == "Work"), key=lambda m: m.start)
        work_nouns = self.frames_set("work_nouns")
        author, looked = None, False
        for tok in self.doc:
            if tok.i in self.a.at or tok.pos_ != "NOUN" or not any(
                    c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                continue
            if lemma(tok) in work_nouns:
                before = [w for w in works if w.end <= tok.idx]
                if before:
                    self.a.at[tok.i] = before[-1]
            elif lemma(tok) in ("author", "writer") and tok.dep_ in ("nsubj", "nsubjpass", "poss", "dobj"):
                if not looked:
                    author, looked = document_author(self.doc, self.mentions), True
                if author:
                    self.a.at[tok.i] = author

    # -- candidates -----------------------------------------------------------------------------
    def add(self, subjects, prop, objects, frame, trigger, anchor=None) -> None:
        spec = self.props[prop]
        text = self.text
        for s in subjects:
            for o in objects:
                if s.entity == o.entity or s.cls not in spec["subject"] or o.cls not in spec["object"]:
                    continue
                sent = self.sents.of(trigger)   # mentions borrowed from elsewhere (demonyms, descriptions) do not count
                inside = [x for x in (s, o) if sent.start_char <= x.start < sent.end_char]
                lo = min([x.start for x in inside] + [trigger.idx])
                hi = max([x.end for x in inside] + [trigger.idx + len(trigger)])
                if "\n" in text[lo:hi]:
                    continue   # a headline or paragraph break the parser ran across
                self.found.append(Candidate(s, prop, o, frame, trigger, anchor))

    def hyphen_roles(self) -> set[int]:
        """Roles written as one hyphenated word ("editor-in-chief"): run on the word's head token."""
        done: set[int] = set()
        text = self.text
        for tok in self.doc:
            if tok.i in done or (tok.i > 0 and tok.idx == tok.nbor(-1).idx + len(tok.nbor(-1).text)):
                continue
            end = tok.i
            while end + 1 < len(self.doc) and not self.doc[end].whitespace_ and self.doc[end + 1].text not in ",.;:)":
                end += 1
            word = text[tok.idx:self.doc[end].idx + len(self.doc[end].text)].lower()
            if end == tok.i or "-" not in word or word not in self.roles:
                continue
            chunk = self.doc[tok.i:end + 1]
            done |= set(range(tok.i, end + 1))
            for prop in self.roles[word]:
                for r in chunk:   # "co - founder" may hang as three appositions: try each outward token
                    if r.head.i < tok.i or r.head.i > end or r.head is r:
                        self.role_frame(r, prop)
        return done

    def run(self) -> list[Candidate]:
        hyphenated = self.hyphen_roles()
        for tok in self.doc:
            lem, low = lemma(tok), tok.lower_
            if tok.pos_ in VERBS:
                for prop in self.verbs.get(lem, []):
                    self.verb_frame(tok, prop)
            if tok.pos_ in NOUNS:
                for prop in self.nouns.get(lem, []) or self.nouns.get(low, []):
                    self.noun_frame(tok, prop)
            if (tok.pos_ in NOUNS or tok.tag_.startswith("NN") or tok.dep_ in ("compound", "appos", "attr")) \
                    and tok.i not in hyphenated:
                for prop in self.roles.get(lem, []) or self.roles.get(low, []):
                    self.role_frame(tok, prop)
            if tok.pos_ in VERBS and lem in self.frames_set("comply_verbs") and any(
                    c.dep_ == "neg" for c in tok.children):
                self.noncompliance(tok)
            if tok.pos_ in VERBS and lem in self.props["refused"]["verbs"]:
                self.refuse_frame(tok)
            if tok.pos_ in VERBS and lem in cues()["reporting_verbs"]:
                self.claim_frame(tok)
            if tok.pos_ in VERBS and lem in ("be", "come", "hail", "originate"):
                self.origin_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("exhort_verbs"):
                self.exhort_frame(tok)
            if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd", "amod") and lem in self.adjectives:
                self.state_of_access(tok, self.adjectives[lem])
            if tok.lower_ == "pro" and tok.i + 2 < len(self.doc) and tok.nbor(1).text == "-" \
                    and not tok.whitespace_ and not tok.nbor(1).whitespace_:
                self.pro_frame(tok)
            if tok.lower_ == "as" and tok.dep_ == "prep" and tok.head.pos_ in VERBS:
                self.occupation_frame(tok)
            if lem in self.frames_set("speak_verbs") and tok.pos_ in VERBS:
                self.told_outlet(tok)
            if tok.pos_ == "NOUN" and (lem in self.frames_set("piece_nouns") or lem == "interview"
                                       or _word(tok) in self.frames_set("piece_nouns")):
                self.media_piece(tok)
        self.geo_frame()
        return self.found

    def frames_set(self, name: str) -> set[str]:
        return set(self.frames.get(name, []))

    # -- verb frame -------------------------------------------------------------------------
    def verb_frame(self, v: Token, prop: str) -> None:
        spec = self.props[prop]
        lem = lemma(v)
        if prop == "refused":
            return
        if lem not in spec.get("verbs", []) and lem not in spec.get("inverse_verbs", []):
            particles = {p[1] for p in spec.get("phrasal", []) if p[0] == lem}
            if not any(c.dep_ in ("prt", "advmod", "acomp", "oprd", "prep") and c.lower_ in particles
                       for c in v.children):
                return
        if spec.get("needs_request"):
            return self.request_frame(v, prop)
        if prop == "killed" and lem in self.frames_set("maybe_fatal") and any(
                lemma(t) in self.frames_set("nonfatal") and not any(
                    c.lower_ in ("mortally", "fatally") for c in t.children)
                for t in [*v.children, *v.conjuncts, v.head]):
            return   # "shot and wounded", "stabbed and injured"; "mortally wounded" still kills
        preps = set(spec.get("preps", []))
        a = self.a
        chained = not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in v.children)
        frame = "chain" if chained else "verb"
        if lem in spec.get("inverse_verbs", []) and lem not in spec.get("verbs", []):
            if a.passive(v):   # "X is featured in W": stative, handled below
                subj, objs = a.objects(v), a.pobjs(v, preps)
            else:              # "W features X"
                subj, objs = a.objects(v), a.subjects(v)
            return self.add(subj, prop, objs, frame, v)
        if a.passive(v) and preps and a.pobjs(v, preps) and not a.pobjs(v, {"by"}):
            # stative passives: "X is based in Y", "X was born in Y", "X is featured in W"
            return self.add(a.objects(v), prop, a.pobjs(v, preps), frame, v)
        if v.dep_ in ("amod", "acl") and v.tag_ in ("VBN", "JJ") and prop not in STATIVE:
            agents = [a.at[c.i] for c in v.children   # "a Kremlin-funded outlet", "Iran-backed militias"
                      if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod") and c.i in a.at and c.i < v.i]
            if agents:
                return self.add(agents, prop, a.ments(v.head), "verb", v)
        subj = a.subjects(v)
        objs = a.objects(v, preps)
        if v.dep_ == "xcomp" and lemma(v.head) in ("threaten",):   # "X threatened to block Y"
            self.add(a.subjects(v.head), "threatened", objs, "verb", v.head)
        if v.dep_ == "xcomp" and lemma(v.head) in spec.get("ordered_by", []):   # "X ordered ISPs to block Y"
            self.add(a.subjects(v.head), prop, objs, "chain", v)
        if not subj and a.passive(v) and spec.get("place_agent"):
            places = [m for m in a.pobjs(v, {"in", "across", "throughout", "within", "by"})
                      if m.cls in ("State", "Agency")]   # "banned in Russia", "banned in the European Union"
            return self.add(places, prop, objs, "place", v)
        self.add(subj, prop, objs, frame, v)

    # -- nominalisations --------------------------------------------------------------------
    def noun_frame(self, n: Token, prop: str) -> None:
        spec = self.props[prop]
        if spec.get("needs_request"):
            return self.request_frame(n, prop)
        a = self.a
        preps = set(spec.get("noun_preps", ["of", "on", "against"]))
        agents = a.noun_agents(n)
        patients = a.noun_patients(n, preps)
        if n.dep_ == "pobj" and n.head.lower_ == "under":   # "under pressure from X, Y blocked Z"
            g = n.head.head
            patients += a.subjects(g) if g.pos_ in VERBS else []
        comps = a.compounds(n)
        for c in comps:   # a modifier is the agent when it can only be one ("US pressure"), else the patient
            fits_s, fits_o = c.cls in spec["subject"], c.cls in spec["object"]
            if fits_s and (not fits_o or not agents):
                agents.append(c)
            elif fits_o:
                patients.append(c)
        self.add(agents, prop, patients, "noun", n)

    # -- requests for removal -----------------------------------------------------------------
    def request_anchor(self, t: Token) -> Token | None:
        """The request verb or noun governing a removal word ("asked ... to remove", "removal request")."""
        req_v, req_n = self.frames_set("request_verbs"), self.frames_set("request_nouns")
        tok = t
        for _ in range(5):
            if tok is not t:
                if tok.pos_ in VERBS and lemma(tok) in req_v:
                    return tok
                if tok.pos_ in NOUNS and lemma(tok) in req_n:
                    return tok
            if tok.dep_ == "compound" and tok.head.pos_ in NOUNS and lemma(tok.head) in req_n:
                return tok.head
            if tok.head is tok or tok.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl",
                                                   "compound", "advcl", "conj", "nsubjpass", "attr"):
                return None
            tok = tok.head
        return None

    def request_below(self, t: Token) -> Token | None:
        """'Y removed Z at the request of X', '... after a demand from X': the request hangs below."""
        req_n = self.frames_set("request_nouns")
        for pr in t.children:
            if pr.dep_ == "prep" and pr.lower_ in ("at", "after", "following", "upon", "on", "under"):
                for n in pr.children:
                    if n.dep_ == "pobj" and lemma(n) in req_n:
                        return n
        return None

    def request_frame(self, t: Token, prop: str) -> None:
        a = self.a
        spec = self.props[prop]
        anchor = self.request_anchor(t)
        if anchor is None and t.pos_ in VERBS and (below := self.request_below(t)) is not None:
            requesters = a.noun_agents(below) + a.pobjs(below, {"of"})
            targets = a.objects(t) + a.subjects(t)   # the content, and who removed it when asked
            return self.add(requesters, prop, targets, "request", t, below)
        if anchor is None:
            return
        if anchor.pos_ in VERBS:
            requesters = a.subjects(anchor)
            addressees = [m for c in anchor.children if c.dep_ in ("dobj", "dative") for m in a.ments(c)]
            addressees += a.pobjs(anchor, {"to", "from", "of"})
            h = anchor
            while h.dep_ in ("advcl", "conj", "xcomp") and h.head is not h:   # "wrote to X (and) asked ..."
                h = h.head
                if lemma(h) in self.frames_set("address_verbs"):
                    addressees += a.pobjs(h, {"to"})
        else:
            requesters = a.noun_agents(anchor)
            addressees = a.pobjs(anchor, {"to", "from"})
        if t.pos_ in VERBS:
            targets = a.objects(t)
            if t.dep_ == "ccomp":   # "demanded that X delete Y": X is asked
                targets += [m for c in t.children if c.dep_ == "nsubj" for m in a.ments(c)]
            for c in t.children:   # "its report be deleted": the report's owner
                if c.dep_ in ("nsubjpass", "dobj") and c.i not in a.at:
                    targets += [a.at[p.i] for p in c.children if p.dep_ == "poss" and p.i in a.at]
        else:
            targets = a.pobjs(t, {"of"}) + [m for m in a.compounds(t) if m.cls in spec["object"]]
        self.add(requesters, prop, targets + addressees, "request", t, anchor)

    # -- refusals -----------------------------------------------------------------------------
    def refuse_frame(self, v: Token) -> None:
        a = self.a
        subj = a.subjects(v)
        demands: list[Token] = [c for c in v.children if c.dep_ == "dobj"]
        for x in v.children:
            if x.dep_ == "xcomp" and lemma(x) in self.frames_set("comply_verbs"):
                demands += [p for pr in x.children if pr.dep_ == "prep" for p in pr.children if p.dep_ == "pobj"]
                demands += [c for c in x.children if c.dep_ == "dobj"]
        objs: list[Mention] = []
        req_n = self.frames_set("request_nouns")
        hint = ""
        for d in demands:
            if d.i in a.at:
                objs.append(a.at[d.i])
            elif lemma(d) in req_n or lemma(d) in self.props["requestedRemoval"].get("nouns", []):
                objs += a.noun_agents(d)
                if any(c.dep_ == "poss" and lemma(c) in ("government", "state", "authorities", "regime")
                       for c in d.children):
                    hint = "state"   # "a foreign government's request": the State, not its agency
        if objs:
            self.add(subj, "refused", objs, "refuse", v)
        else:   # "refused to delete it": the requester is found in context, see resolve_refusals
            for s in subj:
                self.found.append(Candidate(s, "refused", s, "context", v, hint=hint))

    def noncompliance(self, v: Token) -> None:
        """'Y did not comply with X's demand' is a refusal."""
        a = self.a
        req_n = self.frames_set("request_nouns")
        demands = [p for pr in v.children if pr.dep_ == "prep" for p in pr.children if p.dep_ == "pobj"]
        demands += [c for c in v.children if c.dep_ == "dobj"]
        objs = [m for d in demands if lemma(d) in req_n for m in a.noun_agents(d)]
        self.add(a.subjects(v), "refused", objs, "noncomply", v)

    # -- roles --------------------------------------------------------------------------------
    def role_holders(self, r: Token, depth: int = 0) -> list[Mention]:
        a = self.a
        out: list[Mention] = []
        if r.i in a.at:   # "the author ... of W" resolved to its person: the role noun names its holder
            m = a.at[r.i]
            return [m] if m.kind == "description" and m.cls == "Person" else out
        if r.dep_ == "appos" or (r.dep_ == "compound" and r.head.i in a.at):
            out += a.ments(r.head, conj=False)
        out += [m for c in r.children if c.dep_ == "appos" for m in a.ments(c, conj=False)]
        if r.dep_ in ("attr", "oprd", "acomp"):
            out += a.objects(r.head) if a.passive(r.head) else a.subjects(r.head)
        if r.dep_ == "pobj" and r.head.lower_ == "as" and r.head.head.pos_ in VERBS:
            h = r.head.head
            out += a.objects(h) if a.passive(h) else a.subjects(h)
        if r.dep_ == "nsubj" and r.head.lemma_ == "be":
            out += [m for c in r.head.children if c.dep_ == "attr" for m in a.ments(c)]
        if r.dep_ == "conj" and depth < 3:
            out += self.role_holders(self.conj_role(r), depth + 1)
        for pr in r.children:   # "the head of Y, X", "a spokesman for Y, X": the parser often hangs X on Y
            if pr.dep_ == "prep" and pr.lower_ in ("of", "for", "at", "with", "in", "to"):
                for y in pr.children:
                    out += [a.at[c.i] for c in y.children if c.dep_ == "appos" and c.i in a.at
                            and a.at[c.i].cls == "Person" and y.i in a.at]
        return out

    def conj_role(self, r: Token) -> Token:
        """The first of coordinated roles, across a mention the parser put in between
        ('director of the Institute and the author')."""
        h = r.head
        while h.i in self.a.at and h.dep_ == "pobj" and h.head.dep_ == "prep":
            h = h.head.head
        return h

    def role_frame(self, r: Token, prop: str) -> None:
        spec = self.props[prop]
        holders = self.role_holders(r)
        if not holders:
            return
        a = self.a
        preps = set(spec.get("role_preps", ["of"]))
        objs = a.pobjs(r, preps) + [m for c in r.children if c.dep_ == "poss" for m in a.ments(c)]
        if not objs and r.dep_ == "conj":   # "... and the author, most recently, of W": 'of W' hung higher up
            first = self.conj_role(r)
            for pr in first.children:
                if pr.dep_ == "prep" and pr.lower_ in preps and pr.i > r.i:
                    objs += [m for p in pr.children if p.dep_ == "pobj" for m in a.ments(p)]
        objs += a.compounds(r)
        if r.dep_ == "compound":   # "Kloop chief Iskender", "FSB agents": the organisation modifies the role
            objs += [a.at[c.i] for c in r.head.children
                     if c.dep_ in ("compound", "poss") and c.i in a.at and c.i < r.i]
        if prop == "nationalOf":   # "a native of Fort Worth": a place, not a country
            self.add(holders, "livesIn", [o for o in objs if o.cls == "Place"], "role", r)
        self.add(holders, prop, objs, "role", r)
        if prop == "wroteFor" and lemma(r) not in self.nonmember:   # "a reporter for X", X not an outlet
            member = self.props["memberOf"]["object"]
            self.add(holders, "memberOf", [o for o in objs if o.cls not in spec["object"] and o.cls in member],
                     "role", r)

    # -- what a speaker calls someone ----------------------------------------------------------
    def claim_frame(self, v: Token) -> None:
        a = self.a
        speakers = a.subjects(v)
        if not speakers:
            return
        hostile = self.frames_set("hostile_nouns")
        for c in v.children:
            if c.dep_ != "ccomp" or c.lemma_ != "be":
                continue
            attrs = [x for x in c.children if x.dep_ == "attr" and lemma(x) in hostile and x.i not in a.at]
            if attrs:
                targets = [m for x in c.children if x.dep_ == "nsubj" for m in a.ments(x)]
                self.add(speakers, "criticized", targets, "claim", c, v)

    def exhort_frame(self, v: Token) -> None:
        """'X called on Y not to ...', 'X urged Y to stop ...': telling someone not to act is criticism."""
        a = self.a
        told = [m for c in v.children if c.dep_ in ("dobj", "dative") for m in a.ments(c)] + a.pobjs(v, {"on", "upon"})
        for x in v.children:   # "told X not to ...", not "told X that it had not ..."
            if x.dep_ == "xcomp" and (any(c.dep_ == "neg" for c in x.children)
                                                 or lemma(x) in ("stop", "cease", "end", "quit", "halt")):
                self.add(a.subjects(v), "criticized", told, "exhort", v)
                return

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

    def state_of_access(self, adj: Token, prop: str) -> None:
        """'X remains inaccessible in Russia', 'X is unavailable in Turkey': the State blocks X."""
        a = self.a
        h = adj.head if adj.dep_ in ("acomp", "oprd") else adj
        things = a.raised_subject(h) if adj.dep_ in ("acomp", "oprd") else a.ments(adj.head)
        places = [m for m in a.pobjs(h, {"in", "across", "throughout"}) + a.pobjs(adj, {"in", "across"})
                  if m.cls in ("State", "Agency")]
        self.add(places, prop, things, "place", adj)

    def pro_frame(self, pro: Token) -> None:
        """'the pro-Kremlin outlet X', 'pro-Russian channels': X supports whom it is pro."""
        a = self.a
        side = pro.nbor(2)
        backed = a.here(side.i)
        if not backed and side.text.lower() in self.demonyms:
            st = self.state_named(side.text, near=side.idx)
            backed = [st] if st else []
        n = pro
        while n.head is not n and n.i not in a.at and n.dep_ in ("amod", "compound", "npadvmod"):
            n = n.head
        if n is pro or not backed:
            return
        holders = a.here(n.i) if n.i in a.at else a.ments(n)
        self.add(holders, "supported", backed, "noun", pro)

    def told_outlet(self, v: Token) -> None:
        """'X told Reuters', 'speaking to the BBC, X said': the outlet interviewed X."""
        a = self.a
        outlets = [m for c in v.children if c.dep_ in ("dobj", "dative") for m in a.ments(c)]
        outlets += a.pobjs(v, {"to", "with"})
        outlets = [m for m in outlets if m.cls == "Outlet"]
        if outlets:
            self.add(outlets, "interviewed", a.subjects(v), "verb", v)

    def media_piece(self, n: Token) -> None:
        """'in an interview with X, Y said' -> X interviewed Y... or Y interviewed X when Y is the outlet;
        'in an op-ed for The Diplomat, X argued' -> X wroteFor The Diplomat."""
        a = self.a
        if n.dep_ != "pobj" or n.head.dep_ != "prep" or n.head.head.pos_ not in VERBS:
            return
        speakers = a.subjects(n.head.head)
        if lemma(n) == "interview":
            other = a.pobjs(n, {"with", "to"}) + [m for c in n.children if c.dep_ == "poss" for m in a.ments(c)]
            self.add([m for m in other if m.cls == "Outlet"], "interviewed", speakers, "noun", n)
            self.add([m for m in speakers if m.cls == "Outlet"], "interviewed", other, "noun", n)
        else:
            self.add(speakers, "wroteFor", a.pobjs(n, {"for", "in"}), "noun", n)

    def origin_frame(self, v: Token) -> None:
        """'X is from Kazakhstan', 'X comes from Kazan'; 'Rome is in Lazio'."""
        a = self.a
        origins = a.pobjs(v, {"from"})
        places = a.pobjs(v, {"in"}) if lemma(v) == "be" and not any(
            c.dep_ in ("attr", "acomp") for c in v.children) else []
        if lemma(v) == "be":   # "Kloop is a Bishkek-based outlet", "X is a Russian journalist"
            for attr in v.children:
                if attr.dep_ == "attr" and attr.i not in a.at and attr.pos_ == "NOUN":
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
        return self.GEO.get((e.cls, loc.cls))

    def geo_frame(self) -> None:
        for m in self.mentions:
            root = self.doc[m.tok_start:m.tok_end].root
            for t, how, via in self._modifiers(root, m):
                self.geo_edge(m, t, how, via, root)
            self._inside_name(m, root)
        self.comma_places()

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
            while k < len(doc) and doc[k].lower_ == "the":
                k += 1
            loc = starts.get(k)
            if loc is None or loc.entity == m.entity:
                continue
            after = doc[loc.tok_end].lower_ if loc.tok_end < len(doc) else ""
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
        for c in root.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i not in inside:
                yield c, "mod", None
            elif c.dep_ in ("appos", "npadvmod") and c.i in a.at and self._comma_pair(m, a.at[c.i]):
                yield c, "appos", None
            elif c.dep_ in ("appos", "compound") and c.i not in a.at and (
                    c.pos_ == "NOUN" or c.dep_ == "compound" and c.pos_ == "PROPN"):   # "Coast Guard Lt. X"
                yield from self._desc_modifiers(c)
            elif c.dep_ in ("amod", "acl") and lemma(c) == "base":   # "Moscow-based X"
                for p in c.children:
                    if p.dep_ in ("npadvmod", "compound", "nmod") and p.i in a.at:
                        yield p, "mod", None
                    if p.dep_ == "prep":
                        yield from ((q, "mod", None) for q in p.children if q.dep_ == "pobj")
        for t in self.doc[m.tok_start:m.tok_end]:   # "Institute of Zoology of Kunming": preps anywhere in the name
            for c in t.children:
                if c.dep_ == "prep" and c.i >= m.tok_end - 1 or (c.dep_ == "prep" and t is root):
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i not in inside:
                            yield p, "prep:" + c.lower_, None
                            for cj in p.conjuncts:
                                yield cj, "prep:" + c.lower_, None
        if root.dep_ == "appos" and root.head.i not in a.at and root.head.pos_ == "NOUN":
            yield from self._desc_modifiers(root.head)

    def geo_edge(self, m: Mention, t: Token, how: str, via: Token | None, trigger: Token) -> None:
        """One modifier `t` of mention `m` (found as `how`, through descriptive noun `via`) -> an edge."""
        a = self.a
        loc = a.at.get(t.i)
        if loc is None and t.text.lower() in self.demonyms:   # "a Kyrgyz outlet" with no mention
            loc = self.state_named(t.text, exclude=m.entity, near=t.idx)
        if loc is None or loc is m:
            return
        prop = self.geo_prop(m, loc)
        if prop is None:
            return
        if how.startswith("prep:") and how[5:] not in self.GEO_PREPS.get(prop, set()):
            return
        is_role = via is not None and (lemma(via) in self.roles or via.lower_ in self.roles)
        if via is not None and prop != "nationalOf" and (
                is_role and (how == "prep:of" or prop == "memberOf")
                or prop == "memberOf" and lemma(via) in self.nonmember):
            return   # "president of X", "a critic of Y": the role frame decides
        if prop == "memberOf" and how == "mod" and any(
                lemma(x) in self.roles for x in self.doc[loc.tok_end:m.tok_start]):
            return   # "Kloop chief X": the role frame decides
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

    def _desc_modifiers(self, n: Token):
        """Modifiers of a descriptive noun next to a mention: 'an independent Kyrgyz outlet', 'an analyst at Y'."""
        for c in n.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and (c.i in self.a.at or c.text.lower() in self.demonyms):
                yield c, "mod", n
            elif c.dep_ == "compound" and c.i not in self.a.at:
                yield from ((g, "mod", n) for g in c.children if g.dep_ in ("amod", "compound") and g.i in self.a.at)
            elif c.dep_ in ("amod", "acl") and lemma(c) == "base":   # "the Latvia-based outlet"
                yield from ((g, "mod", n) for g in c.children
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
        words = re.findall(r"[\w.]+", text)
        place_names = {x.text.lower() for x in self.mentions if x.cls in ("State", "Place")}
        for i, w in enumerate(words[:-1]):   # an adjective, not the bare name ("Kazakhstan Institute")
            if w.lower() in self.demonyms or (w[:1].isupper() and w.lower() not in place_names
                                              and re.fullmatch(r"[a-z]+(?:an|ian|ese|ish|i|ic)", w.lower())):
                names.add(w.lower())
        if p := re.match(r"^(?:the\s+)?(.+?)'s?\s+\w", text, re.I):
            names.add(p.group(1).lower())
        if p := re.search(r"^.*\bof\s+(?:the\s+)?([A-Z][\w. ]+)$", text):
            names.add(p.group(1).lower())
        for name in names:
            state = self.state_named(name, exclude=m.entity, near=m.start)
            if state is not None:
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

    # -- relations from candidates ---------------------------------------------------------------
    def relations(self) -> list[Relation]:
        out: dict[tuple, Relation] = {}
        cands = self.run()
        cands = resolve_refusals(cands)
        cands += containment(cands, self.sents)
        for c in cands:
            rule = f"dep.{self.props[c.prop]['rule']}.{c.frame}.v1"
            if rule in self.disabled:
                continue
            trig, anchor = c.trigger, c.anchor
            if c.frame in ("verb", "chain", "noun", "request", "refuse", "role", "place", "claim") \
                    and negated(trig, anchor):
                continue
            if c.frame in ("verb", "chain", "noun", "place") and c.prop != "threatened" and unasserted(trig, anchor):
                continue
            is_hedged = hedged(trig, anchor, loose=c.frame not in ("geo", "name", "role", "contained"),
                               sent=self.sents.of(trig))
            conf = CONFIDENCE.get(c.frame, 0.6) * (HEDGE_FACTOR if is_hedged else 1.0)
            source = attribution(trig, self.sents.of(trig))
            src = None
            if source is not None:
                sm = self.a.ments(source, conj=False)
                src = sm[0].entity if sm else _phrase(source)
            sent = self.sents.of(trig)
            rel = Relation(c.subject.entity, c.prop, c.object.entity, sent.text, sent.start_char,
                           sent.end_char, rule, round(conf, 3), is_hedged, src)
            key = (rel.subject, rel.prop, rel.object, rel.start)
            if key not in out or out[key].confidence < rel.confidence:
                out[key] = rel
        return list(out.values())


def _word(tok: Token) -> str:
    """The whitespace-delimited word a token belongs to, lower-cased ("op-ed" for "ed")."""
    doc, i, j = tok.doc, tok.i, tok.i
    while i > 0 and not doc[i - 1].whitespace_:
        i -= 1
    while j + 1 < len(doc) and not doc[j].whitespace_:
        j += 1
    return doc[i:j + 1].text.lower().strip(".,;:!?\"'")


def _phrase(tok: Token) -> str:
    left = min(t.i for t in tok.subtree)
    right = max(t.i for t in tok.subtree)
    return tok.doc[left:right + 1].text


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


def resolve_refusals(cands: list[Candidate]) -> list[Candidate]:
    """'Y refused to delete it': Y refused whoever asked Y (earlier in the document) to remove something."""
    out = []
    for c in cands:
        if c.frame != "context":
            out.append(c)
            continue
        askers = [r for r in cands if r.prop == "requestedRemoval" and r.object.entity == c.subject.entity
                  and r.trigger.i < c.trigger.i]
        for r in askers[-1:]:
            asker = r.subject
            if c.hint == "state" and asker.cls != "State":
                states = [p.object for p in cands if p.prop == "partOf" and p.subject.entity == asker.entity
                          and p.object.cls == "State"]
                asker = states[0] if states else asker
            out.append(Candidate(c.subject, "refused", asker, "context", c.trigger))
    return out


def _norm(s: str) -> str:
    return re.sub(r"^the\s+", "", s.strip().lower())


def document_author(doc: Doc, mentions: list[Mention]) -> Mention | None:
    """The article's author: the byline's name, else a person named in the headline block (first 200 chars)."""
    from extract.metadata import read_metadata
    meta = read_metadata(Document("", "", doc.text))
    people = [m for m in mentions if m.cls == "Person" and m.entity and m.kind in ("name", "")]
    if meta.author:
        named = [m for m in people if _norm(m.text) == _norm(meta.author)]
        return named[0] if named else None
    top = [m for m in people if m.start < 200]
    return top[0] if top else None


def byline_relations(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """The article's author wrote for the outlet its footer names ('Read the full story at Y', 'Get Y stories')."""
    from extract.metadata import read_metadata
    meta = read_metadata(Document("", "", doc.text))
    if not meta.publisher:
        return []
    if meta.author:
        author = document_author(doc, mentions)
    else:   # no byline: only when the text itself says who "the author" is
        said = re.search(r"(?m)^\s*The (?:author|writer) is\b", doc.text)
        author = document_author(doc, mentions) if said else None
    outlets = [m for m in mentions if m.cls == "Outlet" and m.entity
               and _norm(meta.publisher).startswith(_norm(m.text)) and len(_norm(m.text)) > 2]
    if author is None or not outlets:
        return []
    o = outlets[-1]
    span = doc.char_span(o.start, o.end, alignment_mode="expand")
    sent: Span = span.sent if span is not None else doc[:]
    return [Relation(author.entity, "wroteFor", o.entity, sent.text, sent.start_char, sent.end_char,
                     "doc.byline.wroteFor.v1", CONFIDENCE["byline"])]


def extract_relations(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    found = Extractor(doc, mentions).relations()
    if "doc.byline.wroteFor.v1" not in set(lexicon().get("disabled") or []):
        have = {(r.subject, r.prop, r.object) for r in found}
        found += [r for r in byline_relations(doc, mentions) if (r.subject, r.prop, r.object) not in have]
    return found
