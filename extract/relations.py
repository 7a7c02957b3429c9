"""Typed relations between entity mentions, from dependency patterns and a lexicon (data/relations.yaml)."""
from __future__ import annotations

from functools import lru_cache

import yaml
from spacy.tokens import Doc, Token

from extract import DATA_DIR
from extract.records import Mention, Relation


@lru_cache(maxsize=None)
def lexicon() -> dict:
    with open(DATA_DIR / "relations.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def _index(mentions: list[Mention]) -> dict[int, Mention]:
    at = {}
    for m in mentions:
        for i in range(m.tok_start, m.tok_end):
            at[i] = m
    return at


def _args(tok: Token, deps: set[str], at: dict[int, Mention]) -> list[Mention]:
    out = []
    for child in tok.children:
        if child.dep_ in deps and child.i in at:
            out.append(at[child.i])
            out += [at[c.i] for c in child.conjuncts if c.i in at]
        elif child.dep_ in deps | {"prep", "agent"} and child.dep_ in ("prep", "agent"):
            out += [at[g.i] for g in child.children if g.dep_ == "pobj" and g.i in at]
    return out


def _relation(sent, s: Mention, prop: str, o: Mention, rule: str, conf: float) -> Relation:
    return Relation(s.entity, prop, o.entity, sent.text, sent.start_char, sent.end_char, rule, conf)


def extract_relations(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    lex = lexicon()
    at = _index(mentions)
    verbs = {lemma: p for p, e in lex.items() for lemma in e.get("verbs", [])}
    found: list[Relation] = []
    for tok in doc:
        prop = verbs.get(tok.lemma_)
        if not prop or tok.pos_ not in ("VERB", "NOUN"):
            continue
        head = tok
        # "asked X to remove Y": the requester is the subject of the governing verb
        if tok.dep_ == "xcomp" and tok.head.lemma_ in lex[prop].get("via", []) + ["pressure", "force"]:
            head = tok.head
        subjects = _args(head, {"nsubj"}, at)
        objects = _args(tok, {"dobj", "nsubjpass"}, at) or _args(head, {"dobj"}, at)
        for s in subjects:
            for o in objects:
                if s.entity != o.entity:
                    found.append(_relation(tok.sent, s, prop, o, f"dep.{prop}.v1", 0.7))
    for tok in doc:  # "Kazakhstan's State Prosecutor"
        if tok.dep_ == "poss" and tok.i in at and tok.head.i in at:
            o, s = at[tok.i], at[tok.head.i]
            if s.cls == "Agency" and o.cls == "State" and s.entity != o.entity:
                found.append(_relation(tok.sent, s, "partOf", o, "dep.poss.partOf.v1", 0.8))
    return found
