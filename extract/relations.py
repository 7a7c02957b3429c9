"""Typed relations between entity mentions, from dependency patterns and a lexicon (data/relations.yaml).

Frames, each recorded on the edge as a rule name "dep.<property rule>.<frame>.v1":
  verb     "X blocked Y", "Y was blocked by X", "Y, blocked in X" (place agent), control and chains
  noun     "X's ban on Y", "pressure on Y from X", "X cast doubt on Y"
  request  "X asked Y to remove Z", "X demanded that Z be deleted", "X's removal request"
  refuse   "Y refused X's request", "Y refused to comply with X's demand"
  role     "X, director of Y", "Y chief X", "X is the head of Y", "the head of Y, X"
  geo      "Kazakhstan's Prosecutor", "Kloop, a Kyrgyz outlet", "Kazan, Russia", "X from Kazakhstan"
  claim    "X said Y is a threat"
  inferred "Y was blocked on Friday": the agent is the one body named in the lines before (lower confidence);
           "X condemned the suspension": the target is whoever did the last such act (extract/events.py)
  reaction "X said it was alarmed by Y";  verdict "X called Y 'a censorship board'";  act "X condemned Y's ban"
  byline   the article's byline author wrote for the outlet named in its footer
Each candidate passes the property's subject/object class filter, then the qualifiers
(extract/qualifiers.py): negated and unasserted ones are dropped, hedged ones flagged with lower
confidence, attributed ones carry their source. The frames live in small modules mixed into
`Extractor`: extract/requests.py (request, refuse), extract/roles.py (role, byline),
extract/places.py (geo, name); the parse walking is extract/patterns.py.
"""
from __future__ import annotations

from functools import cached_property, lru_cache

import yaml
from spacy.tokens import Doc, Token

from extract import DATA_DIR
from extract.custody import CustodyFrames
from extract.events import EventFrames
from extract.features import candidate_features
from extract.gazetteer import default_gazetteer
from extract.generic_bodies import home_state
from extract.patterns import NOUNS, VERBS, Arguments, Candidate, Sentences, doc_text, lemma, placed, unique
from extract.name_spans import unit_joint
from extract.places import PlaceFrames, containment
from extract.qualifiers import attribution, cues, hedged, negated, questioned, unasserted
from extract.records import Mention, Relation
from extract.requests import RequestFrames, resolve_refusals
from extract.roles import RoleFrames, byline_relations, document_author

HEDGE_FACTOR = 0.6
STATIVE = {"basedIn", "livesIn", "locatedIn", "appearsIn"}
CONFIDENCE = {"noncomply": 0.65, "verb": 0.8, "chain": 0.7, "noun": 0.65, "request": 0.75, "refuse": 0.7, "role": 0.8,
              "geo": 0.7, "name": 0.6, "home": 0.7, "contained": 0.6, "claim": 0.5, "byline": 0.6, "context": 0.5,
              "after_act": 0.4, "inferred": 0.4, "inferred_state": 0.5, "inferred_state_crowded": 0.35,
              "reaction": 0.65, "removed": 0.7, "verdict": 0.55, "act": 0.6, "charged": 0.6, "announced": 0.6,
              "accreditation": 0.75, "call": 0.65, "unit": 0.7}


@lru_cache(maxsize=None)
def _frame_sets() -> dict[str, frozenset]:
    """The `frames` word lists of data/relations.yaml as sets, made once (the walk asks for them per token)."""
    return {k: frozenset(v) for k, v in lexicon()["frames"].items()
            if isinstance(v, list) and all(isinstance(w, str) for w in v)}


@lru_cache(maxsize=None)
def lexicon() -> dict:
    with open(DATA_DIR / "relations.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


class Extractor(RequestFrames, RoleFrames, PlaceFrames, EventFrames, CustodyFrames):
    def __init__(self, doc: Doc, mentions: list[Mention]):
        lex = lexicon()
        self.doc = doc
        self.props: dict[str, dict] = lex["properties"]
        self.frames = lex["frames"]
        self.disabled = set(lex.get("disabled") or [])
        self.demonyms = {k.lower(): v for k, v in (lex.get("demonyms") or {}).items()}
        self.nonmember = set(self.frames.get("nonmember_nouns", []))
        self.adjectives = {w: p for p, spec in self.props.items() for w in spec.get("adjectives", [])}
        self.from_verbs: dict[str, list[str]] = {}
        for p, spec in self.props.items():
            for w in spec.get("from_verbs", []):
                self.from_verbs.setdefault(w, []).append(p)
        self.a = Arguments(doc, mentions, self.frames)
        self.sents = Sentences(doc)
        self.text = doc_text(doc)
        self.mentions = [m for m in mentions if m.entity and m.tok_start >= 0]
        self.dropped = [m for m in mentions if not m.entity and m.kind == "name" and m.tok_start >= 0]   # names the
        # class model took for no entity: no node, but still a body written between a pronoun and its antecedent
        self.a.state_for = self.state_of_word
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
            if tok.i in self.a.at or tok.pos_ != "NOUN":
                continue
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
            if not definite and lemma(tok) not in self.frames_set("actor_nouns"):
                continue
            if tok.dep_ == "compound" and lemma(tok.head) in self.frames_set("beat_roles"):
                continue   # "a court reporter": a beat, not the court named before
            if lemma(tok) in self.frames_set("actor_nouns") and not placed(tok) and not any(
                    c.dep_ in ("amod", "compound", "poss", "prep") for c in tok.children):
                # a bare "Authorities" / "the government" after "Kazakhstan authorities" / "the Kyrgyz
                # government" in the lines before: the same State
                before = [m for m in self.mentions if m.cls in ("State", "Agency") and m.end <= tok.idx
                          and tok.idx - m.end < 600 and m.text.split()[-1].lower() == tok.lower_]
                if before:
                    self.a.at[tok.i] = max(before, key=lambda m: m.end)
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

    def run(self) -> list[Candidate]:
        hyphenated = self.hyphen_roles()
        for tok in self.doc:
            lem, low = lemma(tok), tok.lower_
            if tok.pos_ in VERBS:
                for prop in self.verbs.get(lem, []):
                    self.verb_frame(tok, prop)
            requested = tok.dep_ in ("amod", "compound") and lemma(tok.head) in self.frames_set("request_nouns")
            if tok.pos_ in NOUNS or requested:   # "takedown requests": the tagger's adjective
                for prop in self.nouns.get(lem, []) or self.nouns.get(low, []):
                    self.noun_frame(tok, prop)
            if (tok.pos_ in NOUNS or tok.tag_.startswith("NN") or tok.dep_ in ("compound", "appos", "attr")) \
                    and tok.i not in hyphenated:
                for prop in self.roles.get(lem, []) or self.roles.get(low, []):
                    self.role_frame(tok, prop)
            if tok.pos_ in VERBS and (lem in self.frames_set("comply_verbs") or lem in self.props["requestedRemoval"]["verbs"]) \
                    and any(c.dep_ == "neg" for c in tok.children):   # "did not comply", "would not delete it"
                self.noncompliance(tok)
            if tok.pos_ in VERBS and lem in self.props["refused"]["verbs"]:
                self.refuse_frame(tok)
            if tok.pos_ in VERBS and lem in cues()["reporting_verbs"]:
                self.claim_frame(tok)
            if tok.pos_ in VERBS and lem in ("be", "come", "hail", "originate"):
                self.origin_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("exhort_verbs"):
                self.exhort_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("designate_verbs"):
                self.designation_frame(tok)
            if tok.pos_ in VERBS and lem in self.props["criticized"]["verbs"]:
                self.act_object(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("dispute_verbs"):
                self.act_object(tok, "criticized", "disputed_nouns")
            if tok.pos_ in VERBS and lem in self.frames_set("praise_verbs"):
                self.act_object(tok, "supported")
            if tok.pos_ in VERBS and (lem in self.frames_set("execute_verbs") or lem == "carry" and any(
                    c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)):
                self.carried_out(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("cost_verbs"):
                self.cost_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("comply_acts"):
                self.complied(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("verdict_verbs"):
                self.verdict_frame(tok)
            if tok.lower_ in self.frames_set("affiliation_words") and tok.pos_ in ("ADJ", *VERBS):
                self.affiliation(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("use_verbs"):
                self.used_to_spread(tok)
            if tok.pos_ in VERBS and lem in self.from_verbs:
                self.from_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("licence_verbs"):
                self.licence_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("accreditation_verbs"):
                self.accreditation_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("carry_verbs") and tok.dep_ == "xcomp" \
                    and lemma(tok.head) in self.frames_set("cease_verbs"):
                self.ceased_carrying(tok)
            if tok.pos_ == "NOUN" and self.frames_set("custody_nouns") & {lem, low}:   # "bars" (lemma "bar")
                self.custody_frame(tok)
            if tok.pos_ == "NOUN" and low in self.frames_set("home_nouns"):
                self.home_frame(tok)
            if tok.pos_ in VERBS and lem in self.frames_set("faced_verbs"):
                self.faced_frame(tok)
            if tok.pos_ in VERBS and tok.dep_ == "xcomp" and lem in self.closing \
                    and lemma(tok.head) in self.order_verbs:
                self.ordered_closed(tok)
            if tok.pos_ in VERBS and (lem in self.frames_set("carrier_removal_verbs") or lem in self.frames_set("cut_verbs")):
                self.taken_off(tok)
            if tok.pos_ in ("ADJ", *VERBS) and tok.lower_ in self.frames_set("reaction_adjectives"):
                self.reaction_frame(tok)
            if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd", "amod") and lem in self.adjectives \
                    and lemma(tok.head) not in self.frames_set("make_verbs"):
                self.state_of_access(tok, self.adjectives[lem])
            if tok.pos_ == "ADJ" and tok.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and lem in self.adjectives \
                    and lemma(tok.head) in self.frames_set("make_verbs"):
                self.made_so(tok, self.adjectives[lem])
            if tok.pos_ == "NOUN" and lem in self.frames_set("release_nouns"):
                self.release_call(tok)
            if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in VERBS:
                self.support_phrase(tok)
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
            if tok.pos_ == "NOUN" and (lem in self.frames_set("work_nouns") or lem in self.frames_set("piece_nouns")):
                self.authored_work(tok)
        self.geo_frame()
        for m in self.mentions:
            if m.kind == "name":
                self.unit_of(m)
        self.charged_acts()
        return self.found

    def charged_acts(self) -> None:
        """'arrested X on charges of defamation', 'was jailed on smuggling charges': whoever arrested, jailed or
        sentenced X on charges accused X (the agent as found for the act; an inferred one stays inferred)."""
        charges = self.frames_set("charge_nouns")
        for c in [c for c in self.found if c.prop == "pressured"]:
            on = [t for ch in c.trigger.children if ch.dep_ == "prep" and ch.lower_ == "on"   # "on smuggling
                  for t in ch.subtree if t.i - ch.i <= 3 and lemma(t) in charges]              # charges": a pcomp
            if on and c.object.cls in self.props["accused"]["object"]:
                frame = c.frame if c.frame.startswith("inferred") else "charged"
                self.found.append(Candidate(c.subject, "accused", c.object, frame, c.trigger, c.anchor))

    def state_of_word(self, tok: Token) -> Mention | None:
        """The State mention a demonym ("Kazakh police") or a capital ("police in Harare") stands for, when
        the text names that State."""
        if tok.text.lower() in self.demonyms:
            return self.state_named(tok.text, near=tok.idx)
        known = default_gazetteer().capital_of(tok.text)
        return self.state_named(known.name, near=tok.idx) if known else None

    @cached_property
    def home(self) -> Mention | None:
        """The State the article is about (generic_bodies.home_state), found once per document."""
        return home_state(self.doc, [m for m in self.mentions if m.cls == "State"])

    @cached_property
    def bodies(self) -> int:
        """How many agencies and groups the article names (the bodies that could be an act's implied agent)."""
        return len({m.entity for m in self.mentions if m.cls in ("Agency", "Group")})

    @cached_property
    def closing(self) -> frozenset[str]:
        """Verbs of an outlet shutting itself ("ordered Y to close", "to stop broadcasting")."""
        return self.frames_set("cease_verbs") | self.frames_set("closing_verbs")

    @cached_property
    def order_verbs(self) -> frozenset[str]:
        """Verbs of ordering or forcing someone to act ("ordered Y to close", "forced Y to shut")."""
        return frozenset(self.props["blocked"].get("ordered_by", [])) | self.frames_set("cease_orderers") \
            | self.frames_set("closure_orderers")

    @cached_property
    def courts(self) -> frozenset[str]:
        """The agencies named as courts: no implied agent of an arrest or a raid (`police_acts`)."""
        return frozenset(m.entity for m in self.mentions if m.cls == "Agency"
                         and self.frames_set("court_words") & set(m.text.lower().split()))

    def state_frame(self) -> str:
        """The frame of an act given to the article's State: inferred_state, or inferred_state_crowded when the
        article names more bodies than `lone_state_bodies` (one of them usually did it)."""
        return "inferred_state" if self.bodies <= lexicon()["lone_state_bodies"] else "inferred_state_crowded"

    def frames_set(self, name: str) -> frozenset[str]:
        return _frame_sets().get(name, frozenset())

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
        if prop == "criticized" and lem in self.frames_set("official_questioning"):
            officials = [m for m in a.subjects(v) if m.cls in ("Agency", "State")]
            if officials and any(m.cls == "Person" for m in a.objects(v)):   # "police questioned the editor"
                return self.add(officials, "pressured", [m for m in a.objects(v) if m.cls == "Person"], "verb", v)
        chained = not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in v.children)
        frame = "chain" if chained else "verb"
        if lem in spec.get("inverse_verbs", []) and lem not in spec.get("verbs", []):
            if a.passive(v):   # "X is featured in W": stative, handled below
                subj, objs = a.objects(v), a.pobjs(v, preps)
            else:              # "W features X"
                subj, objs = a.objects(v), a.subjects(v)
            return self.add(subj, prop, objs, frame, v)
        if preps and v.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in v.children) \
                and (where := a.ments(v.head)):
            # "in Peshawar, where he has lived since 2008", "Kampot, where the station is based"
            return self.add(a.objects(v) if a.passive(v) else a.subjects(v), prop, where, frame, v)
        if a.passive(v) and preps and a.pobjs(v, preps) and not a.pobjs(v, {"by"}):
            # stative passives: "X is based in Y", "X was born in Y", "X is featured in W"
            return self.add(a.objects(v), prop, a.pobjs(v, preps), frame, v)
        if v.dep_ in ("amod", "acl") and v.tag_ in ("VBN", "JJ") and prop not in STATIVE:
            agents = [a.at[c.i] for c in v.children   # "a Kremlin-funded outlet", "Iran-backed militias"
                      if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod") and c.i in a.at and c.i < v.i]
            agents = [st if m.cls == "Place" and (known := default_gazetteer().capital_of(m.text)) is not None
                      and (st := self.state_named(known.name, near=m.start)) is not None else m
                      for m in agents]   # "the Abu Dhabi-funded site": the capital stands for its State
            if agents:   # "the Kremlin-backed [channel] Ozod TV": the description may modify the name
                things = a.ments(v.head) or (a.ments(v.head.head) if v.head.dep_ == "compound" else [])
                return self.add(agents, prop, things, "verb", v)
        subj = a.subjects(v)
        if not subj and a.passive(v) and spec.get("passive_agent_preps"):   # "financed from the budget of X"
            subj = a.pobjs(v, set(spec["passive_agent_preps"]))
        objs = a.objects(v, preps)
        if lem in self.frames_set("person_acts"):   # "the journalist ... for the Shargh newspaper was arrested": the
            objs = [m for m in objs if m.cls == "Person"]   # parser may make the newspaper a second subject
        if lem in spec.get("named_object_verbs", []) and not a.passive(v):
            objs = [m for d in v.children if d.dep_ == "dobj" and d.i in a.at for m in a.here(d.i)]
        if spec.get("preps_on_object"):   # "declared a caliphate in Iraq", "opened a bureau in Kyiv"
            objs += [m for d in v.children if d.dep_ in ("dobj", "oprd") and d.i not in a.at for m in a.pobjs(d, preps)]
        if v.dep_ == "xcomp" and lemma(v.head) in ("threaten",):   # "X threatened to block Y"
            self.add(a.subjects(v.head), "threatened", objs, "verb", v.head)
        if (v.dep_ == "xcomp" or v.dep_ == "ccomp" and v.tag_ == "VB") \
                and lemma(v.head) in spec.get("ordered_by", []):   # "X ordered ISPs to block Y"
            self.add(a.subjects(v.head), prop, objs, "chain", v)
        if spec.get("ordered_by"):   # "Y blocked Z on the instructions of X", "at the request of X": X blocked Z too
            self.add(self.orderers(v), prop, objs, "chain", v)
        if v.dep_ in ("ccomp", "oprd", "xcomp") and v.tag_ in ("VBN", "VBD") and lemma(v.head) in spec.get("ordered_by", []) \
                and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
            # "X ordered Telegram blocked": the parser makes Telegram the participle's subject
            return self.add(a.subjects(v.head), prop, subj + objs, "chain", v)
        if not subj and a.passive(v) and spec.get("place_agent"):
            places = [m for m in a.pobjs(v, {"in", "across", "throughout", "within", "inside", "by"})
                      if m.cls in ("State", "Agency")]   # "banned in Russia", "banned in the European Union"
            if places:
                return self.add(places, prop, objs, "place", v)
            if carriers := a.carriers(v):   # "restricted on connections run by A and B"
                return self.add(carriers, prop, objs, "carrier", v)
        if not subj and objs and a.passive(v) and spec.get("announced_agent") and not a.pobjs(v, {"by"}) \
                and v.dep_ == "ccomp" and lemma(v.head) in self.frames["announce_verbs"]:
            # "The ministry announced that X's licence has been revoked": the body announcing the act did it
            bodies = [m for m in a.subjects(v.head) if m.cls in ("Agency", "State") and m.cls in spec["subject"]]
            if bodies:
                return self.add(bodies, prop, objs, "announced", v)
        if not subj and objs and a.passive(v) and lem in self.frames_set("summon_verbs") and not a.has_agent(v) \
                and (summoners := [m for m in a.pobjs(v, {"to"}) if m.cls == "Agency"]):
            return self.add(summoners, prop, objs, "verb", v)   # "X was summoned to the GKNB"
        if not subj and objs and spec.get("infer_agent") and self.unnamed_agent(v):
            return self.by_the_state(prop, objs, v)   # "sentenced by a court", "investigators accused X"
        if not subj and objs and a.passive(v) and spec.get("infer_agent") and not a.has_agent(v):
            # "X was blocked on Friday": a reader takes the acting body from the lines before, else the State
            # the article is about (rule *.inferred_state.v1); a court arrests no one ("the Revolutionary Court
            # jailed A ... B was arrested in May": the State's police did)
            agents, frame = self.implied_agent(v, spec["subject"], self.courts if lem in self.frames_set(
                "police_acts") else frozenset())
            return self.add(agents, prop, objs, frame, v)
        if v.dep_ in ("xcomp", "ccomp") and lemma(v.head) in self.frames_set("instruction_verbs") \
                and not a.passive(v.head) and v.tag_ == "VB":
            return   # "the Council instructs providers A and B to restrict access to Y": told to, not said to have
        self.add(subj, prop, objs, frame, v)

    def unnamed_agent(self, v: Token) -> bool:
        """The act's doer is a body named by no name ("sentenced by a court", "investigators accused X"): the
        article's State's, not the body named before ("the Media Council met. Officers detained X")."""
        who = [p for c in v.children if c.dep_ in ("agent", "prep") and c.lower_ == "by" for p in c.children
               if p.dep_ == "pobj"] if self.a.passive(v) else [c for c in v.children if c.dep_ == "nsubj"]
        return bool(who) and all(lemma(t) in self.frames_set("unnamed_state_agents")
                                 and not any(x.i in self.a.at for x in t.subtree) for t in who)

    def orderers(self, v: Token) -> list[Mention]:
        """Who ordered the act of v: the possessor, of-, by- or from-phrase of an order noun in a phrase
        such as "on the orders of X", "at X's request", "following an instruction from X"."""
        a, out = self.a, []
        for p in v.children:
            if p.dep_ == "prep" and p.lower_ in self.frames["order_preps"]:
                for n in p.children:
                    if n.dep_ == "pobj" and lemma(n) in self.frames["order_nouns"]:
                        out += a.noun_agents(n) + a.pobjs(n, {"of"})
        return [m for m in out if m.cls in ("Agency", "State", "Person")]

    def implied_agent(self, v: Token, classes: list[str], besides: frozenset = frozenset()) -> tuple[list, str]:
        """Who did an agentless act, and the frame saying how that was inferred: the one body named just before
        (inferred), else the article's State, whether or not it was named just before (inferred_state); an
        article that names several bodies usually names the one that acted elsewhere (inferred_state_crowded)."""
        near = self.acting_body(v, classes, besides)
        home = self.home if "State" in classes else None
        if near and not (home is not None and near[0].entity == home.entity):
            return near, "inferred"
        return ([home] if home else []), self.state_frame()

    def acting_body(self, v: Token, classes: list[str], besides: frozenset = frozenset()) -> list[Mention]:
        """The agency (else the State) named nearest before v within the sentence and the two before it,
        when exactly one such body is named there (`besides`: entities that cannot be it)."""
        k = self.sents.index[v.i]
        lo = self.sents.spans[max(0, k - 2)].start_char
        # not a name of the act's own patient phrase ("access to A, B and the Council's site was barred")
        besides = besides | {m.entity for c in v.children if c.dep_ == "nsubjpass" for m in self.mentions
                             if c.left_edge.i <= m.tok_start <= c.right_edge.i}
        for cls in ("Agency", "State"):
            if cls not in classes:
                continue
            near = [m for m in self.mentions if m.cls == cls and lo <= m.start < v.idx and m.kind != "pronoun"
                    and m.entity not in besides and m.rule not in DESCRIPTIVE]   # not "a Kazakh editor"
            if len({m.entity for m in near}) == 1:
                return [near[-1]]
        return []

    # -- nominalisations --------------------------------------------------------------------
    def noun_frame(self, n: Token, prop: str) -> None:
        spec = self.props[prop]
        if spec.get("needs_request"):
            return self.request_frame(n, prop)
        a = self.a
        h = n.head
        if n.dep_ in ("dobj", "nsubjpass") and h.pos_ in VERBS and any(c.dep_ == "neg" for c in h.children):
            return   # "has not imposed any fine on X", "did not request the blocking of X" (but "lifted the ban
            # on X" says there was one)
        preps = set(spec.get("noun_preps", ["of", "on", "against"]))
        agents = a.noun_agents(n)
        patients = a.noun_patients(n, preps)
        if n.dep_ == "pobj" and n.head.lower_ == "under":   # "under pressure from X, Y blocked Z"
            g = n.head.head
            patients += a.subjects(g) if g.pos_ in VERBS else []
        if spec.get("received") and n.dep_ == "dobj" and lemma(n.head) in self.frames_set("receive_verbs"):
            # "Y received grants from X", "Y received a warning from X"
            patients += a.subjects(n.head)
            agents += a.pobjs(n.head, {"from"})
        if not patients and n.dep_ == "dobj" and lemma(n.head) in self.frames_set("undergo_verbs"):
            patients += a.subjects(n.head)   # "Y faces a charge brought by X"
        if not patients and n.dep_ == "pobj" and n.head.lower_ == "with" and a.passive(n.head.head) \
                and lemma(n.head.head) in self.frames_set("undergo_verbs"):
            patients += a.objects(n.head.head)   # "Y was hit with a lawsuit by X", "served with a complaint"
        if not patients and agents and prop in ("criticized", "supported"):   # "expressed concern over the
            for p in (p for pr in n.children if pr.dep_ == "prep" and pr.lower_ in preps   # measures adopted by X"
                      for p in pr.children if p.dep_ == "pobj" and p.i not in a.at):
                self.criticize_act(agents, p, n, prop)
        if prop == "blocked" and (hosts := self.account_hosts(n)):
            # "ordered the closure of his accounts on Twitter": the platform is told to remove them, not blocked
            patients = [m for m in patients if m.entity not in {h.entity for h in hosts}]
            self.add(agents, "requestedRemoval", hosts, "noun", n)
        if not agents and spec.get("infer_agent") and n.dep_ == "nsubjpass" and not a.has_agent(h) \
                and lemma(h) in self.frames_set("institute_verbs") \
                and (patients := patients or a.pobjs(h, preps & {"against"})):
            # "a criminal case has been opened against X", "charges were filed against X": no one named as bringing
            # them, the body named before, else the article's State
            agents, frame = self.implied_agent(h, spec["subject"], frozenset(m.entity for m in patients))
            return self.add(agents, prop, patients, frame, n)
        comps = a.compounds(n)
        for c in comps:   # a modifier is the agent when it can only be one ("US pressure"), else the patient
            fits_s, fits_o = c.cls in spec["subject"], c.cls in spec["object"]
            if fits_s and (not fits_o or not agents):
                agents.append(c)
            elif fits_o:
                patients.append(c)
        self.add(agents, prop, patients, "noun", n)

    def account_hosts(self, n: Token) -> list[Mention]:
        """The platforms hosting the accounts (pages, channels) an act noun is of: "the closure of X's accounts
        on Twitter and Facebook", the parser hanging "on ..." on the accounts or on the act."""
        a, hosted = self.a, self.frames_set("hosted_nouns")
        held = [p for pr in n.children if pr.dep_ == "prep" and pr.lower_ == "of"
                for p in pr.children if p.dep_ == "pobj" and lemma(p) in hosted]
        if not held:
            return []
        return [m for h in [n, *held] for m in a.pobjs(h, {"on"}) if m.cls == "Platform"]

    # -- what a speaker calls someone ----------------------------------------------------------
    def claim_frame(self, v: Token) -> None:
        a = self.a
        speakers, clauses = a.subjects(v), list(v.children)
        after_comma = self.fronted_speakers(v)
        if after_comma and v.dep_ == "conj" and v.head.i < v.i:
            clauses.append(v.head)   # "The authorities must release X, CPJ said": parsed as "release ... and said"
        if after_comma and any(c.i < v.i and (c.dep_ == "ccomp" or fronted_report(c, v)) for c in clauses):
            speakers = after_comma   # not the reported clause's objects the parser made subjects of "said"
        if not speakers:
            return
        hostile = self.frames_set("hostile_nouns")
        wrongs = self.frames_set("wrongdoing_verbs")
        for c in clauses:
            if c.dep_ != "ccomp" and not fronted_report(c, v):
                continue
            targets = [m for x in c.children if x.dep_ == "nsubj" for m in a.ments(x)]
            if not targets:   # "claimed IS was setting up ...": the acronym IS parsed as the verb "is"
                targets = [a.at[x.i] for x in c.children if x.dep_ == "aux" and x.i in a.at and x.is_upper]
            if c.lemma_ == "be" and any(x.dep_ == "attr" and lemma(x) in hostile and x.i not in a.at
                                        for x in c.children):
                self.add(speakers, "criticized", targets, "claim", c, v)   # "X said Y is a threat"
            elif lemma(c) in ("be", "become", "remain") and self.quoted_verdict(c):
                # "X said Turkey had become 'the world's biggest prison'", "X said the ban was 'a confession'"
                if targets:
                    self.add(speakers, "criticized", targets, "verdict", c, v)
                else:
                    for x in (x for x in c.children if x.dep_ == "nsubj"):
                        self.criticize_act(speakers, x, v)
            elif any(x.dep_ == "aux" and x.lower_ in self.frames_set("exhort_modals") for x in c.children) \
                    and self.exhortation(speakers, targets, c, c, v):
                pass   # "the authorities should release X and drop the charges, CPJ said": as "called on"
            elif a.passive(c) and lemma(c) in self.frames_set("claimed_passive_wrongs") \
                    and any(x.dep_ == "agent" for x in c.children):   # "X said Y was 'financed by Z'"
                self.add(speakers, "accused", [m for x in c.children if x.dep_ == "nsubjpass" for m in a.ments(x)],
                         "claim", c, v)
            elif lemma(c) in wrongs or (lemma(c) == "set" and any(x.lower_ == "up" for x in c.children)):
                self.add(speakers, "accused", targets, "claim", c, v)      # "X said Y was recruiting fighters"

    def fronted_speakers(self, v: Token) -> list[Mention]:
        """Who speaks after a reported clause: the names between the last comma and the report verb
        ("..., the Committee to Protect Journalists said today"), when nothing else stands there."""
        doc, at = self.doc, self.a.at
        comma = next((t.i for t in reversed(doc[self.sents.of(v).start:v.i]) if t.text == ","), None)
        if comma is None or any(t.i not in at and t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "PUNCT")
                                for t in doc[comma + 1:v.i]):
            return []
        return unique([at[i] for i in range(comma + 1, v.i) if i in at])

    def designation_frame(self, v: Token) -> None:
        """'X recognised Y as extremist', 'X added Y to its list of terrorists', 'Y was declared an undesirable
        organisation by X': a designation is an accusation, when the words of the designation stand in the
        verb's complement (not in its object: "X added the new law to its list")."""
        a = self.a
        marks = self.frames_set("designation_words")
        for c in v.children:
            if c.dep_ in ("oprd", "xcomp", "attr", "acomp", "advcl", "ccomp", "dobj") or \
                    c.dep_ == "prep" and c.lower_ in ("as", "to", "into", "on", "in", "among"):
                words = {lemma(t) for t in c.subtree} | {t.lower_ for t in c.subtree}
                if c.dep_ == "dobj" and c.i in a.at:
                    # "declared Y, a news site run from Riga, an 'undesirable organisation'", "found Y, a reporter,
                    # guilty": the parser makes the complement the object's last apposition or a modifier after it
                    last = [x for x in c.subtree if x.right_edge.i == c.right_edge.i and (   # the phrase ending it
                        x.dep_ == "appos" or x.dep_ == "amod" and x.head.i == c.i and x.i > c.i)][-1:]
                    if lemma(v) not in self.frames_set("complement_designators") or not last:
                        continue
                    words = {lemma(t) for t in last[0].subtree} | {t.lower_ for t in last[0].subtree}
                if c.dep_ == "ccomp" and lemma(v) not in self.frames_set("complement_designators"):
                    continue   # "he added that the companies 'protected the mercenaries'": a report, no designation
                if words & marks and not any(t.dep_ == "neg" for t in c.subtree):   # "found X not guilty"
                    who = a.subjects(v) or (a.pobjs(c, {"by"}) if a.passive(v) else [])   # "... an agent by X"
                    if not who and a.passive(v) and c.dep_ == "prep":   # "Y is included in the sanctions list of X"
                        who = [m for p in c.children if p.dep_ == "pobj" for m in a.pobjs(p, {"of"}) + [
                            x for ch in p.children if ch.dep_ == "poss" for x in a.ments(ch)]
                            if m.cls in ("State", "Agency", "Organization")]
                    if not who and a.passive(v):   # "Y was found guilty of extortion by X": the parser may hang
                        who = [m for t in c.subtree if t.dep_ == "pobj" and t.head.lower_ == "by"   # "by X" deep
                               for m in a.ments(t) if m.cls in ("State", "Agency")]                 # inside
                    whom = a.objects(v)
                    if not who and a.passive(v) and whom and not a.has_agent(v):   # "Y was found guilty": the
                        agents, frame = self.implied_agent(v, ["Agency", "State"], frozenset(m.entity for m in whom))
                        return self.add(agents, "accused", whom, frame, v)   # body named before, else the State
                    if not whom and c.dep_ == "ccomp":   # "declared [Y an undesirable group]": the parser's clause
                        whom = a.ments(c) or [m for x in c.children if x.dep_ == "nsubj" for m in a.ments(x)]
                    if not whom and c.dep_ == "dobj":   # "designated [A and B] 'extremist materials'": the names
                        whom = [m for x in c.children if x.dep_ in ("nmod", "compound") and x.i < c.i
                                for m in a.ments(x)]   # hung on the designation noun
                    self.add(who, "accused", whom, "designate", v)
                    return

    def exhort_frame(self, v: Token) -> None:
        """'X called on Y not to ...', 'X urged Y to stop ...': telling someone not to act is criticism."""
        a = self.a
        told = [m for c in v.children if c.dep_ in ("dobj", "dative") for m in a.ments(c)] + a.pobjs(v, {"on", "upon"})
        for x in v.children:   # "told X not to ...", not "told X that it had not ..."; the parser may make the
            # infinitive an adverbial clause ("called on Spain [to reform] its law")
            if (x.dep_ == "xcomp" or x.dep_ == "advcl" and told and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in x.children)) \
                    and self.exhortation(a.subjects(v), told, x, v):
                return

    def exhortation(self, speakers: list[Mention], told: list[Mention], act: Token, trigger: Token,
                    anchor: Token | None = None) -> bool:
        """Telling someone not to act, to stop, or to undo an act is criticism of those told; an undoing
        ("release X", "unblock X") is support for those it frees. False when `act` is none of these."""
        remedies = self.frames_set("remedy_verbs")
        if not (any(c.dep_ == "neg" for c in act.children) or lemma(act) in self.frames_set("stop_verbs")
                or lemma(act) in remedies):
            return False
        self.add(speakers, "criticized", told, "exhort", trigger, anchor)
        if lemma(act) in remedies:   # "urged the authorities to release X": support for X
            freed = [m for c in [act, *act.conjuncts] if lemma(c) in remedies for m in self.a.objects(c)]
            self.add(speakers, "supported", [m for m in freed if m.cls in ("Person", "Outlet")], "exhort", trigger,
                     anchor)
        return True

    def state_of_access(self, adj: Token, prop: str) -> None:
        """'X remains inaccessible in Russia', 'X is unavailable in Turkey': the State blocks X."""
        a = self.a
        h = adj.head if adj.dep_ in ("acomp", "oprd") else adj
        things = a.raised_subject(h) if adj.dep_ in ("acomp", "oprd") else a.ments(adj.head)
        places = [m for m in a.pobjs(h, {"in", "across", "throughout", "inside", "within"})
                  + a.pobjs(adj, {"in", "across", "inside", "within"}) if m.cls in ("State", "Agency")]
        self.add(places, prop, things, "place", adj)
        self.add(a.carriers(h) + a.carriers(adj), prop, things, "carrier", adj)

    def made_so(self, adj: Token, prop: str) -> None:
        """'X made Y inaccessible', 'rendered Y unavailable': X did what the adjective says to Y."""
        a, make = self.a, adj.head
        if a.passive(make):   # "Y was made inaccessible by X"
            return self.add(a.pobjs(make, {"by"}), prop, a.objects(make), "verb", make)
        made = [m for c in adj.children if c.dep_ == "nsubj" for m in a.ments(c)] \
            + [m for c in make.children if c.dep_ == "dobj" for m in a.ments(c)]
        self.add(a.subjects(make), prop, made, "verb", make)

    def affiliation(self, tok: Token) -> None:
        """'47 pages linked to the Furat Media Cell', 'a channel close to the LNA', 'SNA is affiliated with the
        IRGC': the outlet, group or organisation supported whom it is tied to."""
        a = self.a
        partners = a.pobjs(tok, {"to", "with"})
        if not partners:
            return
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in NOUNS:
            holders = a.ments(tok.head)
        elif tok.dep_ == "amod" and tok.head.lower_ == "as" and tok.head.head.pos_ in VERBS:   # "seen as close to"
            holders = a.objects(tok.head.head) if a.passive(tok.head.head) else a.subjects(tok.head.head)
        elif tok.dep_ == "acomp":
            holders = a.subjects(tok.head)
        else:
            holders = a.objects(tok) if a.passive(tok) else []
        self.add([m for m in holders if m.cls in ("Outlet", "Group", "Organization", "Platform")], "supported",
                 partners, "verb", tok)

    def used_to_spread(self, v: Token) -> None:
        """'Amaq, a site used by the Islamic State to publish its claims': the site supported the group."""
        a = self.a
        if not a.passive(v) or not any(c.dep_ == "xcomp" and lemma(c) in self.frames_set("spread_verbs")
                                       for c in v.children):
            return
        self.add(a.objects(v), "supported", a.pobjs(v, {"by"}), "verb", v)

    def from_frame(self, v: Token) -> None:
        """'X is published from Accra', 'she runs the newsroom from Almaty': where a body works from is where it
        is based, a person's where they live."""
        a = self.a
        places = [m for m in a.pobjs(v, {"from"}) if m.cls in ("Place", "State")]
        if not places:
            return
        holders = a.objects(v) if a.passive(v) else a.subjects(v)
        for prop in self.from_verbs[lemma(v)]:
            self.add(holders, prop, places, "verb", v)

    def licence_frame(self, v: Token) -> None:
        """'the ministry withdrew X's licence', 'X, whose licence was withdrawn by Y': Y blocked X."""
        a = self.a
        passive = a.passive(v)
        nouns = [c for c in v.children if c.dep_ == ("nsubjpass" if passive else "dobj")
                 and lemma(c) in self.frames_set("licence_nouns")]
        if passive and not nouns and v.dep_ == "acl" and lemma(v.head) in self.frames_set("licence_nouns"):
            nouns = [v.head]   # "the licence withdrawn by Y"
        holders = [m for n in nouns for m in a.ments(n)]
        if any(c.dep_ == "poss" and c.lower_ == "whose" for n in nouns for c in n.children) and v.dep_ == "relcl":
            holders += a.ments(v.head, conj=False)
        doers = a.pobjs(v, {"by"}) if passive else a.subjects(v)
        self.add(doers, "blocked", holders, "verb", v)

    def accreditation_frame(self, v: Token) -> None:
        """'X withdrew the accreditation of Y', 'X refused to extend Y's visa', 'X rejected press accreditation for
        two reporters from Y', 'Y's accreditation was revoked by X': X pressured Y."""
        a = self.a
        trigger = v
        if lemma(v) in self.frames_set("renewal_verbs"):   # "refused to extend": the refusal is the act
            if v.dep_ != "xcomp" or lemma(v.head) not in self.props["refused"]["verbs"]:
                return
            trigger = v.head
        passive = a.passive(v)
        nouns = [c for c in v.children if c.dep_ == ("nsubjpass" if passive else "dobj")
                 and lemma(c) in self.frames_set("accreditation_nouns")]
        holders = [m for n in nouns for c in n.children if c.dep_ == "poss" for m in a.ments(c)]
        for n in nouns:   # "of Y", "for two reporters from Y": the people, or their outlet
            for p in (p for pr in n.children if pr.dep_ == "prep" and pr.lower_ in ("of", "for")
                      for p in pr.children if p.dep_ == "pobj"):
                holders += a.ments(p) or a.pobjs(p, {"from", "of", "with", "at"})
        doers = a.pobjs(v, {"by"}) if passive else a.subjects(trigger)
        self.add(doers, "pressured", holders, "accreditation", trigger)

    def ceased_carrying(self, v: Token) -> None:
        """'Arnet Cable stopped carrying X', 'ordered operators to stop retransmitting A and B': whoever stops
        carrying an outlet blocked it, and so did whoever ordered it to."""
        a, stop = self.a, v.head
        objs = [m for c in v.children if c.dep_ == "dobj" for m in a.ments(c)]
        if stop.dep_ != "xcomp":   # "Y stopped carrying X"; "told Y to stop" says only that Y was told
            self.add(a.subjects(stop), "blocked", objs, "verb", v, anchor=stop)
        orderers = set(self.props["blocked"].get("ordered_by", [])) | self.frames_set("cease_orderers")
        if stop.dep_ == "xcomp" and lemma(stop.head) in orderers:
            self.add(a.subjects(stop.head), "blocked", objs, "chain", v, anchor=stop.head)   # the order is the act

    def ordered_closed(self, v: Token) -> None:
        """'the ministry ordered the newspaper Y to close', 'forced Y to stop broadcasting': whoever orders an
        outlet to shut itself blocked it (not 'ordered Y to close the page of Z': that names what is closed)."""
        a, order = self.a, v.head
        if a.passive(order) or any(c.dep_ == "dobj" and a.ments(c) or c.dep_ == "xcomp" and c.pos_ in VERBS
                                   and any(d.dep_ == "dobj" for d in c.children) for c in v.children):
            return   # not "told the operators to stop retransmitting Y"
        told = [m for c in order.children if c.dep_ == "dobj" for m in a.ments(c)]
        self.add(a.subjects(order), "blocked", told, "chain", v, anchor=order)

    def taken_off(self, v: Token) -> None:
        """'Meta removed the Facebook page of X', 'the operator dropped the channel X from its grid': a company or
        platform taking an outlet or work off its own service blocked it; 'cut access to X', 'cut the signal of
        X': whoever cut it blocked it. A removal asked of another (non-finite, under a request) is no act."""
        a = self.a
        if v.dep_ in ("xcomp", "advcl", "acl", "amod") or a.passive(v) and not a.pobjs(v, {"by"}) \
                or any(c.dep_ == "prt" for c in v.children):   # "cut off": blocked's phrasal verb
            return
        # "removed the Facebook page of X", "47 Facebook accounts": the platform named as a modifier is the host
        objs = [m for m in a.objects(v) if not (m.cls == "Platform" and self.doc[m.tok_end - 1].dep_ in (
            "compound", "nmod", "amod", "poss"))]
        if lemma(v) in self.frames_set("cut_verbs"):
            heads = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
            if not any(lemma(c) in self.frames_set("cut_objects") for c in heads):
                return   # "cut the budget of X", "cut ties with X"
            return self.add(a.subjects(v), "blocked", objs, "removed", v)
        self.add([m for m in a.subjects(v) if m.cls in ("Organization", "Platform")], "blocked", objs, "removed", v)

    def release_call(self, n: Token) -> None:
        """'X called for the release of Z', 'X demanded Z's immediate release', 'X renewed its call for the
        release of Z': X supported Z (a person or an outlet)."""
        a, calls = self.a, self.frames_set("release_calls")
        freed = [m for m in a.pobjs(n, {"of"}) + [x for c in n.children if c.dep_ == "poss" for x in a.ments(c)]
                 if m.cls in ("Person", "Outlet")]
        h = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "for" else n.head if n.dep_ == "dobj" else None
        if not freed or h is None or lemma(h) not in calls:
            return
        if h.pos_ in VERBS:
            return self.add(a.subjects(h), "supported", freed, "call", h)
        if h.dep_ == "dobj" and h.head.pos_ in VERBS:   # "renewed its call for the release of Z"
            self.add(a.noun_agents(h) or a.subjects(h.head), "supported", freed, "call", h.head)

    def support_phrase(self, n: Token) -> None:
        """'X came out in support of Z', 'X rallied in solidarity with Z': X supported Z."""
        prep, v = n.head, n.head.head
        if not any(f"{prep.lower_} {lemma(n)} {c.lower_}" in self.frames_set("support_phrases")
                   for c in n.children if c.dep_ == "prep"):
            return
        backed = [m for c in n.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                  for m in self.a.ments(p)]
        self.add(self.a.subjects(v), "supported", backed, "call", v)

    def pro_frame(self, pro: Token) -> None:
        """'the pro-Kremlin outlet X', 'pro-Russian channels': X supports whom it is pro."""
        a = self.a
        side = pro.nbor(2)
        backed = a.here(side.i)
        if not backed and side.text.lower() in self.demonyms:
            st = self.state_named(side.text, near=side.idx)
            backed = [st] if st else []
        if not backed and side.lower_ in self.frames_set("pro_authorities"):   # "the pro-government daily X":
            backed = [self.home] if self.home else []   # the article's State
        n = pro
        while n.head.i != n.i and n.i not in a.at and n.dep_ in ("amod", "compound", "npadvmod"):
            n = n.head
        if n is pro or not backed:
            return
        holders = a.here(n.i) if n.i in a.at else a.ments(n)
        self.add(holders, "supported", backed, "noun", pro)

    def unit_of(self, m: Mention) -> None:
        """'the Cybercrime Unit of the Public Security Directorate': the unit is partOf the body (the two names
        mentions._split_units makes of one)."""
        doc, k, bodies = self.doc, m.tok_end, ("Agency", "Organization", "Group")
        body = self.a.at.get(k + 2) if k + 2 < len(doc) else None
        if body is not None and body.tok_start == k + 2 and unit_joint(doc, k) and m.cls in bodies \
                and body.cls in bodies:
            self.add([m], "partOf", [body], "unit", doc[k - 1])

    def home_frame(self, n: Token) -> None:
        """'at his home in Tirana', "Byaruhanga's home in Kira", 'the Phnom Penh home of X', 'his London home':
        the owner lives in the place."""
        a = self.a
        owners = [m for c in n.children if c.dep_ == "poss" for m in a.ments(c)] + a.pobjs(n, {"of"})
        places = a.pobjs(n, {"in"}) + [m for c in n.children if c.dep_ == "compound" for m in a.ments(c)]
        self.add([m for m in owners if m.cls == "Person"], "livesIn", places, "home", n)

    def told_outlet(self, v: Token) -> None:
        """'X told Reuters', 'speaking to the BBC, X said': the outlet interviewed X."""
        a = self.a
        outlets = [m for c in v.children if c.dep_ in ("dobj", "dative") for m in a.ments(c) or self.name_after(c)]
        outlets += a.pobjs(v, {"to", "with"})
        outlets = [m for m in outlets if m.cls == "Outlet"]
        if outlets:
            self.add(outlets, "interviewed", a.subjects(v), "verb", v)

    def name_after(self, n: Token) -> list[Mention]:
        """'told the news agency AFP': the name right after a common noun the parser cut it off from."""
        nxt = n.right_edge.i + 1
        if n.pos_ != "NOUN":
            return []
        return [m for m in self.a.here(nxt) if m.kind in ("name", "acronym") and m.tok_start == nxt]

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

    def authored_work(self, n: Token) -> None:
        """'an opinion column by X titled W', 'in its quarterly report, titled W', 'a video titled W was
        published on X' (an outlet): X released W."""
        a, spec = self.a, self.props["released"]
        works = [m for m in a.ments(n) if m.cls == "Work"]
        if not works:
            return
        authors = a.pobjs(n, {"by"}) + [m for c in n.children if c.dep_ == "poss" for m in a.ments(c)]
        v = n.head
        if not authors and n.dep_ == "nsubjpass" and lemma(v) in spec["verbs"] and not a.pobjs(v, {"by"}):
            authors = [m for m in a.pobjs(v, {"on"}) if m.cls == "Outlet"]
        self.add([m for m in authors if m.cls in spec["subject"]], "released", works, "noun", n)

    # -- relations from candidates ---------------------------------------------------------------
    def relations(self) -> list[Relation]:
        out: dict[tuple, Relation] = {}
        regions = self.frames_set("portfolio_regions")
        cands = self.run()
        cands = resolve_refusals(cands, self.frames["refusal_of"])
        cands += containment(cands, self.sents)
        # "X has been blocked in Azerbaijan since 2017, by order of the Ministry": the State where a block holds is
        # its doer only when the sentence names no other
        named_doers = {(self.sents.index[c.trigger.i], c.object.entity) for c in cands
                       if c.prop == "blocked" and c.frame != "place"}
        for c in cands:
            rule = f"dep.{self.props[c.prop]['rule']}.{c.frame}.v1"
            if rule in self.disabled or (c.prop == "livesIn" and c.object.text.lower() in regions):
                continue
            if c.frame == "place" and (self.sents.index[c.trigger.i], c.object.entity) in named_doers:
                continue
            if c.prop == "locatedIn" and (home := default_gazetteer().capital_of(c.subject.text)) is not None \
                    and (other := _state_or_capital(c.object.text)) is not None and other.name != home.name:
                continue   # a capital lies in its own State only ("a sentence in Tehran, a fine in Cairo")
            trig, anchor = c.trigger, c.anchor
            if c.frame in ("verb", "chain", "noun", "request", "refuse", "role", "place", "claim", "inferred",
                           "inferred_state", "inferred_state_crowded", "reaction", "verdict", "act", "accreditation",
                           "call", "charged") \
                    and negated(trig, anchor):
                continue
            if c.frame in ("verb", "chain", "noun", "place", "inferred", "inferred_state", "inferred_state_crowded",
                           "accreditation", "charged") \
                    and c.prop != "threatened" \
                    and unasserted(trig, anchor) or c.frame == "request" and questioned(trig, anchor):
                continue
            auxes = {x.lower_ for x in trig.children if x.dep_ == "aux"}
            if c.frame in ("verb", "chain") and c.prop in self.frames_set("modal_unasserted") \
                    and auxes & self.frames_set("future_modals") and "have" not in auxes:
                continue   # "would sue X", "will suspend X": an intention (but "may have blocked X" is hedged)
            is_hedged = hedged(trig, anchor, loose=c.frame not in ("geo", "name", "role", "contained", "home", "unit"),
                               sent=self.sents.of(trig))
            conf = CONFIDENCE.get(c.frame, 0.6) * (HEDGE_FACTOR if is_hedged else 1.0)
            source = attribution(trig, self.sents.of(trig))
            src = None
            if source is not None:
                sm = self.a.ments(source, conj=False)
                src = sm[0].entity if sm else _phrase(source)
            sent = self.sents.of(trig)
            rel = Relation(c.subject.entity, c.prop, c.object.entity, sent.text, sent.start_char,
                           sent.end_char, rule, round(conf, 3), is_hedged, src,
                           candidate_features(c.frame, c.prop, rule, c.subject, c.object, trig, sent,
                                              is_hedged, src is not None))
            key = (rel.subject, rel.prop, rel.object, rel.start)
            if key not in out or out[key].confidence < rel.confidence:
                out[key] = rel
        # "X, the editor-in-chief of Y" says X leads Y; that X is also a member goes without saying
        leads = {(r.subject, r.object, r.start) for r in out.values() if r.prop == "leads"}
        return [r for r in out.values() if not (r.prop == "memberOf" and (r.subject, r.object, r.start) in leads)]


# a State named only to describe someone or something ("a Kazakh editor", "the Israeli company X"): no actor
DESCRIPTIVE = ("demonym.nationality.v1", "demonym.origin.v1")


def fronted_report(c: Token, v: Token) -> bool:
    """'The authorities must release X, CPJ said' with the reported clause parsed as an adverbial clause
    of 'said' (or as the clause 'said' is coordinated with): a clause with its own subject, before the comma
    and the speaker, opened by no conjunction ('When X objected, the judge warned' is no report)."""
    return (c.dep_ == "advcl" or c.i == v.head.i and v.dep_ == "conj") and c.i < v.i \
        and any(x.dep_ == "nsubj" for x in c.children) \
        and not any(x.dep_ == "mark" or x.tag_ in ("WRB", "WDT", "WP") for x in c.subtree if x.i < c.i) \
        and (c.right_edge.i + 1 < v.i and c.doc[c.right_edge.i + 1].text == "," or c.i == v.head.i)


def _state_or_capital(text: str):
    """The State a name is, or whose capital it is ("U.S", "Ethiopia.", "Cairo"); None when unknown."""
    gaz = default_gazetteer()
    for form in (text, text.strip(" ."), text + "."):
        if (known := gaz.state(form) or gaz.capital_of(form)) is not None:
            return known
    return None


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


def extract_relations(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    found = Extractor(doc, mentions).relations()
    if "doc.byline.wroteFor.v1" not in set(lexicon().get("disabled") or []):
        have = {(r.subject, r.prop, r.object) for r in found}
        found += [r for r in byline_relations(doc, mentions) if (r.subject, r.prop, r.object) not in have]
    return found
