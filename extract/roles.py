"""Roles and authorship: who heads, works for or writes for what ("X, director of Y", the byline).

`RoleFrames` is mixed into `extract.relations.Extractor`; `byline_relations` reads the article's
byline and footer.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extract.patterns import VERBS, lemma
from extract.records import Document, Mention, Relation

BYLINE_CONFIDENCE = 0.6
# "The author is ..." at a line start. [^\S\n] rather than \s: \s crosses lines, so from every line
# start of a long blank run the match was retried over the rest of the run (quadratic).
# a word written with hyphens, up to the punctuation that ends it ("editor-in-chief," -> editor-in-chief)
HYPHENATED = re.compile(r"(?<!\S)[^\s,.;:)]+-[^\s,.;:)]+")
AUTHOR_IS = re.compile(r"^[^\S\n]*The (?:author|writer) is\b", re.M)


class RoleFrames:
    def hyphen_roles(self) -> set[int]:
        """Roles written as one hyphenated word ("editor-in-chief"): run on the word's head token."""
        done: set[int] = set()
        for found in HYPHENATED.finditer(self.text):
            word = found.group().lower()
            chunk = self.doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if word not in self.roles or chunk is None or len(chunk) < 2 or done & set(range(chunk.start, chunk.end)):
                continue
            done |= set(range(chunk.start, chunk.end))
            for prop in self.roles[word]:
                for r in chunk:   # "co - founder" may hang as three appositions: try each outward token
                    if r.head.i < chunk.start or r.head.i >= chunk.end or r.head is r:
                        self.role_frame(r, prop)
        return done

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
        if prop == "leads" and _second(r):
            prop = "memberOf"   # "deputy head of the inspectorate", "a deputy minister at the Ministry"
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
        if prop == "memberOf" and lemma(r) in ("member", "members", "affiliate"):
            self.add(holders, "partOf", objs, "role", r)   # organisations that are members of a coalition
        if prop == "wroteFor" and lemma(r) not in self.nonmember:   # "a reporter for X", X not an outlet
            member = self.props["memberOf"]["object"]
            self.add(holders, "memberOf", [o for o in objs if o.cls not in spec["object"] and o.cls in member],
                     "role", r)


SECOND = ("deputy", "vice", "assistant", "associate", "co-deputy", "under", "sub", "former-deputy")


def _second(r: Token) -> bool:
    """A role one rank below the head: "deputy head", "vice-chairman", "assistant director"."""
    doc = r.doc
    words = {c.lower_ for c in r.children if c.dep_ in ("amod", "compound", "nmod")}
    if r.i > 0:
        words.add(doc[r.i - 1].lower_)
    if r.i > 1 and doc[r.i - 1].text == "-":
        words.add(doc[r.i - 2].lower_)
    return bool(words & set(SECOND)) or any(r.lower_.startswith(p + "-") for p in SECOND)


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
        said = AUTHOR_IS.search(doc.text)
        author = document_author(doc, mentions) if said else None
    outlets = [m for m in mentions if m.cls == "Outlet" and m.entity
               and _norm(meta.publisher).startswith(_norm(m.text)) and len(_norm(m.text)) > 2]
    if author is None or not outlets:
        return []
    o = outlets[-1]
    span = doc.char_span(o.start, o.end, alignment_mode="expand")
    sent: Span = span.sent if span is not None else doc[:]
    return [Relation(author.entity, "wroteFor", o.entity, sent.text, sent.start_char, sent.end_char,
                     "doc.byline.wroteFor.v1", BYLINE_CONFIDENCE)]
