"""Qualifiers on an asserted relation: negation, hedging, attribution (cues in data/qualifiers.yaml).

Each function looks at the trigger token of a relation and the clauses that govern it,
up to the sentence root: "Russia denied blocking X" is negated, "X was reportedly
blocked" is hedged, "According to Y, X was blocked" is attributed to Y.
"""
from __future__ import annotations

from functools import lru_cache

import yaml
from spacy.tokens import Token

from extract import DATA_DIR

# the dependencies through which a clause embeds the trigger's clause
EMBEDDING = {"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl", "prep", "pobj", "dobj", "csubj",
             "parataxis", "attr", "oprd", "nsubj", "nsubjpass"}


@lru_cache(maxsize=None)
def cues() -> dict:
    with open(DATA_DIR / "qualifiers.yaml", encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return {k: set(v) for k, v in raw.items()}


# a hedge governs the clause, not the arguments: "X, a citizen of Y, was reportedly detained" does not hedge
# the citizenship
CLAUSAL = EMBEDDING - {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "pobj", "prep"}


def _clause_chain(tok: Token, stop: Token | None = None, links: set[str] = EMBEDDING) -> list[Token]:
    """The trigger and the heads above it, up to the sentence root (or `stop`)."""
    chain = [tok]
    while tok.head.i != tok.i and (stop is None or tok.i != stop.i) and tok.dep_ in links:
        tok = tok.head
        chain.append(tok)
    return chain


def _neg_child(tok: Token) -> bool:
    c = cues()
    return any(ch.dep_ == "neg" or (ch.dep_ in ("det", "advmod") and ch.lower_ in c["negation_words"])
               or ch.dep_ == "aux" and any(g.dep_ == "neg" for g in ch.children)   # "did not, as ..., ask"
               for ch in tok.children)


def negated(trigger: Token, anchor: Token | None = None) -> bool:
    """Whether the text denies the relation this trigger expresses.

    `anchor` is the highest token of the relation's own frame (e.g. the request verb
    above "remove"); a negation on the way from trigger to anchor counts, and so does
    a negating verb ("denied", "refused", "failed") or a negated control verb above it.
    """
    c = cues()
    top = anchor or trigger
    tok = trigger
    for _ in range(8):
        if _neg_child(tok) or any(ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ == "NOUN" and _neg_child(ch)
                                  for ch in tok.children):   # "no decision was taken to block X"
            return True
        if tok.i == top.i or tok.head.i == tok.i:
            break
        tok = tok.head
    tok = top
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "relcl", "conj"):
            break
        link, tok = tok.dep_, tok.head
        if tok.lemma_.lower() in c["negating_verbs"] or tok.lower_ == "without" and (tok.is_lower or tok.is_sent_start):
            # (not the "Without" of "Reporters Without Borders")
            return True
        if link in ("xcomp", "pcomp", "prep") and tok.pos_ in ("VERB", "AUX") and _neg_child(tok):
            return True
        if link == "acl" and tok.pos_ == "NOUN" and _neg_child(tok):   # "no decision to block X was taken"
            return True
        if tok.lemma_.lower() in c["claim_nouns"] and _denied(tok):   # "claims that X blocked Y are untrue"
            return True
        if link == "conj":   # "did not block or ban X": the negation sits on the first conjunct
            ors = any(ch.dep_ == "cc" and ch.lower_ in ("or", "nor") for ch in tok.children)
            return ors and _neg_child(tok)
    return False


def _denied(claim: Token) -> bool:
    """A claim noun whose own verb denies it: "claims that ... do not correspond to reality", "the
    allegations were false", "X rejected reports that ..."."""
    c = cues()
    head = claim.head
    if claim.dep_ in ("nsubj", "nsubjpass"):
        return _neg_child(head) or any(ch.lemma_.lower() in c["denial_words"] for ch in head.children
                                       if ch.dep_ in ("acomp", "attr", "oprd"))
    return claim.dep_ == "dobj" and head.lemma_.lower() in c["negating_verbs"]


def questioned(trigger: Token, anchor: Token | None = None) -> bool:
    """"asked whether the Commission had blocked the site", "did not say whether the regulator had asked X to
    remove Y": the act is in a question, not said to have happened."""
    return any(ch.dep_ == "mark" and ch.lower_ in cues()["question_marks"]
               for t in _clause_chain(anchor or trigger, links=CLAUSAL)[:4] for ch in t.children)


def unasserted(trigger: Token, anchor: Token | None = None) -> bool:
    """'threatened to block X', 'asked Y to ban X', 'a plan to block X': the action is not said to happen.
    'pressured Y into blocking X' is (the pressure worked)."""
    irrealis = cues()["irrealis"]
    tok = anchor or trigger
    if questioned(trigger, anchor):
        return True
    for _ in range(3):   # "asked the court to order the removal of A and to prohibit B": conjuncts share it
        if tok.head.i == tok.i or tok.dep_ not in ("xcomp", "ccomp", "acl", "pcomp", "prep", "pobj", "conj") \
                or tok.dep_ == "conj" and (tok.head.dep_ not in ("xcomp", "ccomp", "acl", "pcomp")
                                           or tok.tag_ in ("VBD", "VBZ", "VBP")):
            return False   # not "urged X to free them and accused Y": a finite conjunct is asserted
        if tok.dep_ == "prep" and tok.lower_ == "into":
            return False
        tok = tok.head
        if tok.lemma_.lower() in cues()["performative_heads"] and trigger.lemma_.lower() in cues()["performatives"]:
            return False   # "wishes to commend X": the commendation is made by saying so
        if tok.lemma_.lower() in irrealis or tok.lower_ in irrealis:
            return True
    return False


def hedged(trigger: Token, anchor: Token | None = None, loose: bool = True, sent=None) -> bool:
    """Whether the relation is reported as uncertain. `loose=False` for descriptions of an entity
    ("X, a Kazakh citizen, was reportedly detained"): only cues on the description itself count."""
    c = cues()
    links = CLAUSAL if trigger.pos_ in ("VERB", "AUX") else EMBEDDING - {"nsubj", "nsubjpass", "dobj"}
    chain = _clause_chain(anchor or trigger, links=links)
    if anchor is not None and anchor.i != trigger.i:
        chain = _clause_chain(trigger, stop=anchor) + chain[1:]
    for tok in chain:
        lemma = tok.lemma_.lower()
        if tok.i != trigger.i and tok.pos_ in ("VERB", "AUX") and lemma in c["hedge_verbs"]:
            return True
        if tok.i != trigger.i and lemma in c["hedge_passive_verbs"] and any(
                ch.dep_ == "auxpass" for ch in tok.children):
            return True
        for ch in tok.children:
            if ch.lower_ in c["hedge_adverbs"] or ch.lemma_.lower() in c["hedge_adverbs"]:
                return True
            if ch.dep_ == "aux" and ch.lower_ in c["hedge_modals"]:
                return True
    if not loose:
        return False
    # a parenthetical "(apparently)" or "reportedly" anywhere in the sentence attaches unpredictably
    sent = sent if sent is not None else trigger.sent
    return any(t.lower_ in c["hedge_adverbs"] and t.dep_ in ("advmod", "parataxis", "appos", "npadvmod")
               and t.head.i in {x.i for x in chain} | {sent.root.i} for t in sent)


def attribution(trigger: Token, sent=None) -> Token | None:
    """The token naming who says the relation holds: 'According to X', 'X said (that) ...'."""
    c = cues()
    sent = sent if sent is not None else trigger.sent
    for tok in sent:  # "According to X, ..." anywhere in the sentence
        if tok.lower_ in c["attribution_preps"]:
            for to in tok.children:
                if to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return pobj
            if tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "to":
                return tok.nbor(2)
    chain = _clause_chain(trigger)
    for lower, upper in zip(chain, chain[1:]):
        if upper.lemma_.lower() in c["reporting_verbs"] and lower.dep_ in ("ccomp", "parataxis", "xcomp"):
            subj = [ch for ch in upper.children if ch.dep_ == "nsubj"]
            if subj:
                return subj[0]
    # "X blocked Y, Z said": the reporting verb hangs off the trigger's clause
    for tok in chain:
        for ch in tok.children:
            if ch.dep_ in ("parataxis", "ccomp") and ch.lemma_.lower() in c["reporting_verbs"] and ch.i > tok.i:
                subj = [s for s in ch.children if s.dep_ == "nsubj"]
                if subj:
                    return subj[0]
    return None
