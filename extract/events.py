"""Reactions to acts: criticism aimed at what someone did, not at someone named.

  reaction  "X said it was deeply disturbed by the arrests", "X is alarmed by Y"
  verdict   "X called the raid 'an attack on the last independent outlet'"
  act       "X condemned the suspension", "X denounced the move"
The target of such criticism is whoever did the act: the act's possessor or by-phrase ("the
ministry's ban", "the ban by the court"), else the doer of the last act named before it, an
inference a careful reader makes and the rule name says (dep.criticize.inferred.v1). A critic is
never the doer of the act it judges, and quoted praise (`approving_words`) is no verdict.
Acts carried out for someone else ("the restriction was implemented by the operators A and B")
block what the act blocks, or what the last block named before it blocked (dep.block.inferred.v1).
The word lists are the `act_nouns`, `decision_nouns`, `reaction_adjectives`, `reaction_preps`,
`verdict_verbs`, `execute_verbs`, `executed_acts` and `unrealised_modals` frames of data/relations.yaml.
"""
from __future__ import annotations

from spacy.tokens import Token

from extract.patterns import VERBS, lemma
from extract.records import Mention

ACTS = ("blocked", "requestedRemoval", "pressured", "threatened", "accused", "killed")
QUOTES = "\"“”«»'‘’"


class EventFrames:
    """Mixed into relations.Extractor: uses self.a (Arguments), self.found, self.add, self.acting_body."""

    def act_object(self, v: Token, prop: str = "criticized", only: str = "") -> None:
        """'X condemned the suspension': X criticized whoever suspended. 'X welcomed the ruling by Y' (prop
        'supported'): X supported Y. 'X rejected the accusations' (only the frame's `disputed_nouns`): X
        criticized whoever made them."""
        for d in v.children:
            if d.dep_ == "dobj" and d.i not in self.a.at and (not only or lemma(d) in self.frames_set(only)):
                self.criticize_act(self.a.subjects(v), d, v, prop)

    def reaction_frame(self, word: Token) -> None:
        """'X said it was deeply disturbed by the blocking', 'X is alarmed at Y's arrest'."""
        a = self.a
        if word.pos_ == "ADJ" and word.dep_ == "acomp" and word.head.pos_ in VERBS:
            who = a.subjects(word.head)
        elif word.pos_ in VERBS and a.passive(word):   # the parser's "was [disturbed] by"
            who = a.objects(word)
        elif any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children):   # 'said it was "deeply concerned"'
            who = [m for c in word.children if c.dep_ in ("nsubj", "nsubjpass") for m in a.ments(c)]
        else:
            return
        preps = self.frames_set("reaction_preps")
        if who and not any(p.dep_ in ("prep", "agent", "ccomp", "xcomp", "advcl") for p in word.children):
            # "X said it was 'deeply concerned'": at whoever did the last act, as a reader takes it
            self.add(who, "criticized", self.last_doer(word, {m.entity for m in who}, set()), "inferred", word)
        for p in word.children:
            if p.dep_ not in ("prep", "agent") or p.lower_ not in preps:
                continue
            for n in p.children:
                if n.dep_ != "pobj":
                    continue
                named = a.ments(n)
                if named:
                    self.add(who, "criticized", named, "reaction", word)
                else:
                    self.criticize_act(who, n, word)

    def carried_out(self, v: Token) -> None:
        """'The restriction was implemented by the operators A, B and C', 'B confirmed the block': who carries
        out a block blocked what it blocks, or what the last block named before it blocked (inferred)."""
        a, nouns = self.a, self.frames_set("executed_acts")
        if any(c.dep_ == "aux" and c.lower_ in self.frames_set("unrealised_modals") for c in v.children):
            return   # "the regulator, which would normally implement such orders": no act
        if a.passive(v):
            doers, acts = a.pobjs(v, {"by"}), [c for c in v.children if c.dep_ == "nsubjpass"]
            by = next((c for c in v.children if c.dep_ == "agent"), None)
            if by is not None and not doers:   # "by the operators A, B and C", parsed apart from "operators"
                sent = self.sents.of(v)
                doers = [m for m in self.mentions if by.i < m.tok_start < sent.end and m.kind == "name"]
        else:
            doers, acts = a.subjects(v), [c for c in v.children if c.dep_ == "dobj"]
        if v.dep_ == "relcl" and not a.passive(v) and lemma(v.head) in nouns:   # "the block, which X enforced"
            acts.append(v.head)
        acts = [n for n in acts if lemma(n) in nouns and n.i not in a.at]
        doers = [m for m in doers if m.cls in ("Organization", "Platform", "Agency", "State")]
        if not acts or not doers:
            return
        named = [m for n in acts for m in a.noun_patients(n, {"on", "of", "to", "against"})]
        if named:
            return self.add(doers, "blocked", named, "noun", v)
        self.add(doers, "blocked", self.last_blocked(v), "inferred", v)

    def cost_frame(self, v: Token) -> None:
        """'X offered to cover the legal costs of Y', 'X would pay Y's fees', 'X paid bail for Y': X supported Y."""
        a, nouns = self.a, self.frames_set("cost_nouns")
        costs = [c for c in v.children if c.dep_ == "dobj" and lemma(c) in nouns]
        costs += [j for c in costs for j in c.conjuncts if lemma(j) in nouns]   # "bail and lawyers' fees"
        whose = [m for c in costs for ch in c.children if ch.dep_ == "poss" for m in a.ments(ch)]
        whose += [m for c in costs for m in a.pobjs(c, {"of", "for"})] + (a.pobjs(v, {"for"}) if costs else [])
        self.add(a.subjects(v), "supported", whose, "verb", v)

    def complied(self, v: Token) -> None:
        """'Orange, SFR and Free said they had complied', 'PLDT complied within days': providers (companies
        and platforms) complying carried out the last block named in the lines before."""
        if any(c.dep_ == "aux" and c.lower_ in self.frames_set("unrealised_modals") for c in v.children):
            return
        doers = [m for m in self.a.subjects(v) if m.cls in ("Organization", "Platform")]
        if doers:
            self.add(doers, "blocked", self.last_blocked(v), "inferred", v)

    def last_blocked(self, v: Token) -> list[Mention]:
        """What the last block found in the sentence of v and the two before it blocked."""
        before = [c for c in self.found if c.prop == "blocked" and c.trigger.i < v.i
                  and self.sents.index[v.i] - self.sents.index[c.trigger.i] <= 2]
        if not before:
            return []
        last = max(c.trigger.i for c in before)
        return list({c.object.entity: c.object for c in before if c.trigger.i == last}.values())

    def verdict_frame(self, v: Token) -> None:
        """'X called the council "a censorship board"': a quoted verdict on an actor or an act."""
        a = self.a
        obj = next((d for d in v.children if d.dep_ == "dobj"), None)
        said = [d for d in v.children if d.dep_ in ("oprd", "xcomp", "ccomp", "attr")
                or (d.dep_ == "prep" and d.lower_ == "as")]
        if obj is not None:   # "described the decision as '...'": the parser may hang "as" on the object
            said += [d for d in obj.children if d.dep_ == "prep" and d.lower_ == "as"]
        if obj is None or not said or not any(self._quoted(d) for d in said) or self.approving(said):
            return
        named = a.ments(obj)
        if named:
            self.add(a.subjects(v), "criticized", named, "verdict", v)
        else:
            self.criticize_act(a.subjects(v), obj, v)

    def criticize_act(self, who: list[Mention], n: Token, trigger: Token, prop: str = "criticized") -> None:
        acts = self.frames_set("act_nouns") | self.frames_set("disputed_nouns")   # "rejects the assertion by X"
        if not who or lemma(n) not in acts and n.lower_ not in acts:
            return
        doers = self.a.noun_agents(n) + [m for m in self.a.compounds(n) if m.cls in ("State", "Agency", "Group")]
        if lemma(n) in self.frames_set("decision_nouns"):   # "the ruling of the Medeu District Court"
            doers += [m for m in self.a.pobjs(n, {"of"}) if m.cls in ("State", "Agency")]
        critics = {m.entity for m in who}   # "X called the measures ...": X is no doer of the measures
        doers = [m for m in doers if m.entity not in critics]
        if doers:
            return self.add(who, prop, doers, "act", trigger)
        if prop != "criticized":   # praise of an act names its doer, or the edge is not drawn
            return
        done_to = {m.entity for m in self.a.pobjs(n, {"of", "on", "against"})}
        kinds = {p for p, words in self.frames["act_kinds"].items() if lemma(n) in words or n.lower_ in words}
        self.add(who, "criticized", self.last_doer(trigger, {m.entity for m in who}, done_to, kinds), "inferred",
                 trigger)

    def last_doer(self, trigger: Token, besides: set[str], done_to: set[str], kinds: set[str] = frozenset()) \
            -> list[Mention]:
        """Who did the last act found before the trigger (a block, a threat, an arrest ...; of the kinds the act
        noun names, when one was found; to the act's patient when it names one), else the one body named in the
        lines before."""
        acts = [c for c in self.found if c.prop in ACTS and c.trigger.i < trigger.i and c.subject.entity not in besides
                and (not done_to or c.object.entity in done_to)]
        acts = [c for c in acts if c.prop in kinds] or acts
        if acts:
            return [max(acts, key=lambda c: c.trigger.i).subject]
        return self.acting_body(trigger, ["Agency", "State"], frozenset(besides))

    def quoted_verdict(self, clause: Token) -> bool:
        """The clause's complement is a quoted verdict ('was "a leash, not a mercy"'), not a quoted approval
        ('was "a victory for the press"': the frame's `approving_words`)."""
        said = [d for d in clause.children if d.dep_ in ("attr", "acomp", "oprd")]
        return any(self._quoted(d) for d in said) and not self.approving(said)

    def approving(self, said: list[Token]) -> bool:
        words = self.frames_set("approving_words")
        return any(lemma(t) in words or t.lower_ in words for d in said for t in d.subtree)

    @staticmethod
    def _quoted(tok: Token) -> bool:
        """The verdict's head word is quoted: a quote opens before it ("a 'censorship board'"), not only inside
        a phrase that hangs on it ("a natural response to 'attacks on the state'"). For "as", its object's."""
        head = next(iter(tok.children), tok) if tok.dep_ == "prep" else tok
        doc = tok.doc
        return any(t.text in QUOTES for t in doc[max(0, tok.left_edge.i - 1):max(head.i, tok.left_edge.i) + 1])
