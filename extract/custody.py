"""States of custody and charge: "X remains in prison", "X, who is facing charges of treason", "X received a
seven-year sentence". No one is named as acting; the State the article is about holds, charges or sentenced X
(pressured, accused), an inference the rule name says (*.inferred_state.v1, or *.inferred_state_crowded.v1 in an
article naming several bodies, one of which usually did it).

The word lists are the `custody_nouns`, `custody_verbs`, `faced_verbs`, `charge_nouns` and `sentence_nouns`
frames of data/relations.yaml.
"""
from __future__ import annotations

from spacy.tokens import Token

from extract.patterns import VERBS, lemma


class CustodyFrames:
    """Mixed into relations.Extractor: uses self.a (Arguments), self.add, self.demonyms, self.home,
    self.state_of_word() and self.state_frame()."""

    def custody_frame(self, n: Token) -> None:
        """'X remains in prison', 'X is being held in custody', 'the journalists are still behind bars'."""
        prep, h = n.head, n.head.head
        if n.dep_ != "pobj" or prep.lower_ not in ("in", "behind") or h.pos_ not in VERBS + ("AUX",) \
                or lemma(h) not in self.frames_set("custody_verbs"):
            return
        whom = [m for m in self.named_subjects(h) if m.cls == "Person"]
        adjectives = [c for c in n.children if c.dep_ == "amod" and c.text.lower() in self.demonyms]
        if not adjectives:
            return self.by_the_state("pressured", whom, h)
        # "held in Russian prisons": the State whose prisons, when the article names it
        state = self.state_of_word(adjectives[0])
        if state is not None and state.cls == "State":
            self.add([state], "pressured", whom, "inferred_state", h)

    def faced_frame(self, v: Token) -> None:
        """'X faces charges of treason', 'facing a sentence of up to 15 years': accused, pressured;
        'X received a seven-year sentence', 'is serving a prison term': pressured."""
        for d in v.children:
            if d.dep_ != "dobj":
                continue
            word = lemma(d)
            if lemma(v) == "face" and word in self.frames_set("charge_nouns"):
                self.by_the_state("accused", self.named_subjects(v), v)
            elif word in self.frames_set("sentence_nouns"):
                self.by_the_state("pressured", self.named_subjects(v), v)

    def named_subjects(self, v: Token) -> list:
        """The names that are the verb's subject (or, for 'X ..., facing charges', its head's), and their
        conjuncts, or a counted group standing for a list of names ('nine journalists ... These are A, B, ...'):
        not 'it' or 'the journalist', too often someone else here ('it is a relief that she was
        freed after two years behind bars'), nor a name inside the subject's clause."""
        while not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) and v.dep_ in ("advcl", "conj") \
                and v.head.i != v.i:
            v = v.head
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        subj += [x for c in subj for x in c.children if x.dep_ == "appos" or x.dep_ == "compound" and x.i in self.a.at]
        heads = [t for c in subj for t in (c, *c.conjuncts)]   # "the journalists A and B remain in prison"
        return [m for t in heads for m in self.a.here(t.i) if (m.kind == "name" or m.rule == "coref.group.v1")
                and m.tok_start <= t.i < m.tok_end]

    def by_the_state(self, prop: str, whom: list, trigger: Token) -> None:
        home = self.home
        if home is not None and whom:
            self.add([home], prop, whom, self.state_frame(), trigger)
