"""Requests for removal and refusals: who asked whom to take what down, and who said no.

Mixed into `extract.relations.Extractor`; uses its `a` (Arguments), `add`, `props` and `frames_set`.
"""
from __future__ import annotations

from spacy.tokens import Token

from extract.patterns import NOUNS, VERBS, Candidate, lemma
from extract.records import Mention


class RequestFrames:
    def request_anchor(self, t: Token) -> Token | None:
        """The request verb or noun governing a removal word ("asked ... to remove", "removal request")."""
        req_v, req_n = self.frames_set("request_verbs"), self.frames_set("request_nouns")
        tok = t
        for _ in range(5):
            if tok.i != t.i:
                if tok.pos_ in VERBS and lemma(tok) in req_v:
                    return tok
                if tok.pos_ in NOUNS and lemma(tok) in req_n:
                    return tok
                if tok.pos_ in VERBS and lemma(tok) in self.frames_set("address_verbs"):
                    # "sent X a demand to delete ...": the parser hangs the removal on the verb
                    n = next((c for c in tok.children if c.dep_ == "dobj" and lemma(c) in req_n), None)
                    if n is not None:
                        return n
            if tok.dep_ in ("compound", "amod") and tok.head.pos_ in NOUNS and lemma(tok.head) in req_n:
                return tok.head
            if tok.head.i == tok.i or tok.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl",
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
            while h.dep_ in ("advcl", "conj", "xcomp") and h.head.i != h.i:   # "wrote to X (and) asked ..."
                h = h.head
                if lemma(h) in self.frames_set("address_verbs"):
                    addressees += a.pobjs(h, {"to"})
        else:
            requesters = a.noun_agents(anchor)
            addressees = a.pobjs(anchor, {"to", "from"})
            h = anchor.head
            if anchor.dep_ == "dobj" and lemma(h) in self.frames_set("address_verbs"):
                # "sent takedown requests to X", "sent X a demand to delete ...": X is asked
                addressees += a.pobjs(h, {"to"}) + [m for c in h.children
                                                   if c.dep_ in ("dative", "dobj") and c.i != anchor.i
                                                   for m in a.ments(c)]
        if t.pos_ in VERBS:
            targets = a.objects(t)
            if t.dep_ == "ccomp":   # "demanded that X delete Y": X is asked
                targets += [m for c in t.children if c.dep_ == "nsubj" for m in a.ments(c)]
            for c in t.children:   # "its report be deleted": the report's owner
                if c.dep_ in ("nsubjpass", "dobj") and c.i not in a.at:
                    targets += [a.at[p.i] for p in c.children if p.dep_ == "poss" and p.i in a.at]
            k = t.i + 1 + (t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in ('"', "\u201c"))
            if (w := a.at.get(k)) is not None and w.cls == "Work" and w.tok_start == k:
                targets.append(w)   # 'remove "Who Owns the Plant?"': a quoted title the parser read as a clause
        else:
            targets = a.pobjs(t, {"of"}) + [m for m in a.compounds(t) if m.cls in spec["object"]]
        if any(m.cls in ("Outlet", "Platform", "Organization") for m in targets):
            # "asked Apple (or an app store) to remove Telegram": Apple is asked, Telegram is what goes; but a
            # platform asked to take down an outlet's content is asked for a removal ("asked YouTube to remove
            # X's videos")
            own = any(m.cls == "Platform" for m in targets)
            addressees = [m for m in addressees if m.cls == "Platform" and not own]
        self.add(requesters, prop, targets + addressees, "request", t, anchor)

    # -- refusals -----------------------------------------------------------------------------
    def refuse_frame(self, v: Token) -> None:
        a = self.a
        subj = a.subjects(v)
        demands: list[Token] = [c for c in v.children if c.dep_ == "dobj"]
        refusable = self.frames_set("request_nouns") | self.frames_set("refusable_nouns")
        if any(d.i not in a.at and lemma(d) not in refusable for d in demands) \
                or v.dep_ == "relcl" and lemma(v.head) in self.frames_set("disputed_nouns") \
                or self.sents.of(v)[-1].text == "?":
            return   # "Y rejected the accusation" disputes it (criticism), "ignored every standard" refuses no one
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
        if objs:
            return self.add(a.subjects(v), "refused", objs, "noncomply", v)
        for s in a.subjects(v):   # "would not comply", "did not delete the story": the asker from context
            if not a.passive(v):
                self.found.append(Candidate(s, "refused", s, "context", v))


def resolve_refusals(cands: list[Candidate], demands: list[str]) -> list[Candidate]:
    """'Y refused to delete it': Y refused whoever last asked Y (earlier in the document) to remove something;
    failing that (rule dep.refuse.after_act.v1), whoever last did one of `demands` to Y ("fined Y ... Y refused to
    pay")."""
    out = []
    for c in cands:
        if c.frame != "context":
            out.append(c)
            continue
        before = [r for r in cands if r.frame != "context" and r.object.entity == c.subject.entity
                  and r.subject.entity != c.subject.entity and r.trigger.i < c.trigger.i]
        asked = [r for r in before if r.prop == demands[0]]
        frame = "context" if asked else "after_act"   # its own rule: a refusal of an act is a weaker reading
        for r in (asked or [r for r in before if r.prop in demands[1:]])[-1:]:
            asker = r.subject
            if c.hint == "state" and asker.cls != "State":
                states = [p.object for p in cands if p.prop == "partOf" and p.subject.entity == asker.entity
                          and p.object.cls == "State"]
                asker = states[0] if states else asker
            out.append(Candidate(c.subject, "refused", asker, frame, c.trigger))
    return out
