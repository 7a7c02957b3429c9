"""Walking the dependency parse from a trigger word to the mentions that fill its roles.

`Arguments` answers: which mentions does this noun phrase stand for; who is the
subject (agent) of this verb, through control, coordination, passives and
relative clauses; what is its object; who is the agent and patient of a noun.
The word classes it walks through (control verbs, light verbs, transparent
nouns, ...) come from the `frames` block of data/relations.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from extract.records import Mention

NOUNS = ("NOUN", "PROPN", "PRON", "NUM", "X")
VERBS = ("VERB", "AUX")


@lru_cache(maxsize=None)
def lemma_repairs() -> dict[str, str]:
    """Word forms the pinned model lemmatises wrongly ("fined" -> "fin"), from data/relations.yaml."""
    from extract.relations import lexicon   # relations imports this module
    return {k.lower(): v for k, v in (lexicon().get("lemma_repairs") or {}).items()}


@lru_cache(maxsize=None)
def person_nouns() -> frozenset[str]:
    from extract.entity_cues import cues
    return frozenset(cues()["description_nouns"]["Person"])


def doc_text(doc: Doc) -> str:
    """Doc.text, joined once per document: spaCy joins every token on each access, and the stages ask often."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "actorgraph.text"


def placed(tok: Token) -> bool:
    """'Authorities in Tajikistan', 'officials of Uganda': a collective noun the name after it places, wherever
    the parser hung the preposition (often on the verb): not the same body as a bare one before."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("in", "of") and doc[tok.i + 2].is_title


def lemma(tok: Token) -> str:
    return lemma_repairs().get(tok.lower_) or tok.lemma_.lower()


class Sentences:
    """Token -> its sentence, computed once (Token.sent walks the whole document on every call)."""
    def __init__(self, doc: Doc):
        self.spans = list(doc.sents)
        self.index = [0] * len(doc)
        for k, span in enumerate(self.spans):
            for i in range(span.start, span.end):
                self.index[i] = k

    def of(self, tok: Token):
        return self.spans[self.index[tok.i]]


class Arguments:
    def __init__(self, doc: Doc, mentions: list[Mention], frames: dict):
        self.doc = doc
        self.f = {k: set(v) for k, v in frames.items()}
        # set by the caller: a State mention for an adjective ("Russian prosecutors"), or None
        self.state_for = lambda tok: None
        self.at: dict[int, Mention] = {}
        # a plural pronoun ("their") may come as one mention per antecedent over the same span
        self.also: dict[int, list[Mention]] = {}
        for m in sorted(mentions, key=lambda m: m.tok_end - m.tok_start, reverse=True):
            if m.tok_start < 0 or not m.entity:
                continue
            prev = self.at.get(m.tok_start)
            if prev is not None and (prev.tok_start, prev.tok_end) == (m.tok_start, m.tok_end):
                if prev.entity != m.entity:
                    self.also.setdefault(m.tok_start, []).append(m)
                continue
            for i in range(m.tok_start, m.tok_end):
                # the shortest mention wins a token: nested names keep their own entity
                self.at[i] = m
        self.lists = name_lists(doc, self.at)

    def here(self, i: int) -> list[Mention]:
        m = self.at.get(i)
        return [] if m is None else [m, *self.also.get(m.tok_start, [])]

    # -- noun phrases -------------------------------------------------------------------------
    def mention_of(self, tok: Token) -> Mention | None:
        return self.at.get(tok.i)

    def ments(self, tok: Token, depth: int = 0, conj: bool = True) -> list[Mention]:
        """The mentions a noun-phrase head stands for, through conjunction, titles and
        transparent nouns ("access to X", "X's website", "an article titled X")."""
        if depth > 3:
            return []
        out: list[Mention] = []
        m = self.at.get(tok.i)
        if m is not None:
            out.append(m)
            out += self.also.get(m.tok_start, [])
        elif tok.lower_ in self.f["relative_pronouns"] and tok.head.dep_ in ("relcl", "acl") \
                and tok.head.head.i != tok.head.i:
            n = tok.head.head
            left = n.left_edge.i
            if n.dep_ == "appos" and n.head.i not in self.at and left >= 2 and self.doc[left - 1].text == "," \
                    and left - 2 in self.at:   # "footage ... for ISIS, the group that ...": hung on the wrong head
                out += self.here(left - 2)
            else:
                out += self.ments(n, depth + 1)
        elif tok.dep_ == "appos" and tok.head.i in self.at:   # "X, the man who ..."
            out.append(self.at[tok.head.i])
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be" and depth < 3:   # "X was the man who ..."
            out += [m for c in tok.head.children if c.dep_ == "nsubj" for m in self.ments(c, depth + 1)]
        elif tok.pos_ == "NOUN" and (named := self.at.get(tok.i + 1)) is not None and named.cls == "Person" \
                and named.tok_start == tok.i + 1 and lemma(tok) in person_nouns():
            out.append(named)   # "detained journalist X": the parser made the title the object and hung X elsewhere
        elif tok.pos_ in NOUNS:
            low, lem = tok.lower_, lemma(tok)
            for ch in tok.children:
                if ch.dep_ == "appos":   # "the website X and the channel Y": a name right after its noun keeps its list
                    close = ch.i > tok.i and not any(t.is_punct for t in self.doc[tok.i + 1:ch.left_edge.i])
                    out += self.ments(ch, depth + 1, conj=close)
                elif ch.dep_ == "acl" and lemma(ch) == "belong":   # "IP addresses belonging to X"
                    out += self.pobjs(ch, {"to"})
                elif ch.dep_ in ("acl", "relcl") and lemma(ch) in self.f["title_verbs"]:
                    for t in ch.children:
                        if t.dep_ in ("oprd", "dobj", "attr", "xcomp", "ccomp", "npadvmod", "appos"):
                            out += self.ments(t, depth + 1)
            if low in self.f["transparent_nouns"] or lem in self.f["transparent_nouns"]:
                for ch in tok.children:
                    hosted = ch.dep_ == "compound" and lem in self.f["hosted_nouns"]
                    if ch.dep_ in ("poss", "compound") and ch.i in self.at and not (
                            hosted and self.at[ch.i].cls == "Platform"):
                        out += self.here(ch.i)   # not "a [Facebook] network", "the [YouTube] channel": the host
                    elif ch.dep_ == "prep" and ch.lower_ in ("of", "to", "on", "from", "for"):
                        host = ch.lower_ == "on" and lem in self.f["hosted_nouns"]   # "X's accounts on Twitter": the
                        # platform hosts them, it is not what was closed
                        for prep in (ch, *(c for c in ch.conjuncts if c.dep_ == "conj" and c.lower_ == ch.lower_)):
                            out += [x for p in prep.children if p.dep_ == "pobj" for x in self.ments(p, depth + 1)
                                    if not (host and x.cls == "Platform")]
                            # "the legal fees of A and of B"
            if lem in self.f["named_outlet_nouns"] and m is None and not any(c.dep_ == "appos" for c in tok.children):
                # the outlet, not "the Communist Party newspaper Nhan Dan" (its owner) or "the YouTube channel" (host)
                out += [x for ch in tok.children if ch.dep_ == "compound" and ch.i < tok.i
                        for x in self.here(ch.i) if x.cls == "Outlet"]
            if lem in self.f["actor_nouns"] or low in self.f["actor_nouns"]:
                for ch in tok.children:
                    if ch.dep_ in ("poss", "compound", "amod", "nmod") and ch.i in self.at:
                        capital = self.state_for(ch) if self.at[ch.i].cls == "Place" else None
                        out += [capital] if capital is not None else self.here(ch.i)   # "a Bishkek court": its State
                    elif ch.dep_ in ("amod", "compound") and (st := self.state_for(ch)) is not None:
                        out.append(st)   # "Russian prosecutors" when the text names Russia
                    elif ch.dep_ == "prep" and ch.lower_ in ("in", "from", "of", "with"):   # "officials in Astana",
                        # "officers with the State Committee"
                        for p in ch.children:
                            for x in (self.here(p.i) if p.dep_ == "pobj" and p.i in self.at else []):
                                if x.cls in ("State", "Agency", "Group", "Organization"):
                                    out.append(x)
                                elif x.cls == "Place" and (st := self.state_for(p)) is not None:
                                    out.append(st)   # "police in Harare": Zimbabwe, when the text names it
        if not out and tok.tag_ in ("NNS", "NNPS"):
            out += self.examples(tok)
        if not out and tok.tag_ == "NNS" and lemma(tok) in self.f["announced_list_nouns"] \
                and any(c.dep_ == "nummod" or c.lower_ in ("these", "following") for c in tok.children):
            out += self.announced_list(tok)
        if conj:
            # "Reporters Without Borders and the X": the parser may hang the conjunct on a word inside the name
            inner = [tok] if m is None else self.doc[m.tok_start:m.tok_end]
            for c in {c.i: c for t in inner for c in coordinated(t)
                      if m is None or not m.tok_start <= c.i < m.tok_end}.values():
                out += self.ments(c, depth + 1, conj=False)
            if m is not None:   # "A, B, C and D" the parser hung as appositions: every name of the list
                out += self.lists.get(m.tok_start, [])
            out += [x for p in self.companions([c for t in inner for c in t.children])
                    for x in self.ments(p, depth + 1, conj=False)]
        return unique(out)

    def titled_person(self, s: Token) -> list[Mention]:
        """'the Kenya Editors Guild Chairman Linus Kaikai': a body's name, then an officer's title, then a person
        the parser hung as the body's apposition: the person."""
        m = self.at.get(s.i)
        if m is None or m.cls == "Person":
            return []
        for a in (c for c in s.children if c.dep_ == "appos" and c.i > s.i):
            p = self.at.get(a.i)
            between = self.doc[m.tok_end:p.tok_start] if p is not None else []
            if p is not None and p.cls == "Person" and len(between) and all(
                    t.is_title and t.lower_ in self.f["officer_titles"] for t in between):
                return [p]
        return []

    def companions(self, preps) -> list[Token]:
        """'Bahrain, along with Egypt, blocked X', 'the authority, together with the ministry, ordered ...': the
        objects of these prepositions that are companion prepositions (they act with the name)."""
        out, words = [], self.f["companion_preps"]
        for p in preps:
            if p.dep_ != "prep":
                continue
            nxt = [c for c in p.children if c.dep_ == "prep"]
            if p.lower_ in words or f"{self.doc[p.i - 1].lower_} {p.lower_}" in words:
                out += [c for c in p.children if c.dep_ == "pobj"]
            elif nxt and f"{p.lower_} {nxt[0].lower_}" in words:   # "along" -> "with" -> the name
                out += [c for c in nxt[0].children if c.dep_ == "pobj"]
        return out

    def examples(self, tok: Token) -> list[Mention]:
        """'several sites, including A and B', 'eleven reporters, among them the blogger A, B and C', 'outlets
        such as A': the names given as examples of a plural noun, whether the parser hung them on it or not."""
        doc, openers = self.doc, self.f["example_openers"]
        # "blocked twelve sites on Monday, including A and B": the parser may hang the examples on the verb
        near = [*tok.children, *(c for c in tok.head.children if c.i > tok.i)] if tok.dep_ in ("dobj", "nsubjpass") \
            else tok.children
        for ch in near:
            if ch.dep_ == "relcl" and ch.lemma_ == "include":   # "twelve sites, which include A and B"
                return [m for d in ch.children if d.dep_ == "dobj" for m in self.ments(d)]
            if ch.dep_ == "prep" and (ch.lower_ in openers or f"{doc[ch.i - 1].lower_} {ch.lower_}" in openers):
                return [m for p in ch.children if p.dep_ == "pobj"   # "including those of A and B": the sites of A
                        for m in (self.pobjs(p, {"of"}) if p.lower_ in ("those", "that") else self.ments(p))]
        k = tok.right_edge.i + 1
        if k + 1 < len(doc) and doc[k].dep_ == "prep" and (m := self.at.get(k + 1)) is not None \
                and m.cls in ("State", "Place"):
            k = m.tok_end   # "access to websites in Egypt, including A"
        k += k < len(doc) and doc[k].text == ","
        for width in (2, 1):
            if " ".join(t.lower_ for t in doc[k:k + width]) in openers and k + width <= len(doc):
                for j in range(k + width, min(k + width + 6, len(doc))):
                    m = self.at.get(j)
                    if m is not None and m.kind == "name" and not (m.tok_end < len(doc) and doc[m.tok_end].tag_ == "POS"):
                        return self.ments(doc[m.tok_start:m.tok_end].root)   # not "among them the site's editor"
                    if doc[j].is_punct and doc[j].text != "-":
                        break
                break
        return []

    def carriers(self, tok: Token) -> list[Mention]:
        """'unreachable on the networks of A and of B', 'restricted on A and B connections', 'through A', 'for
        users of A': the companies (Organization) named as carrying a restriction."""
        out = []
        for ch in tok.children:
            if ch.dep_ != "prep" or ch.lower_ not in self.f["carrier_preps"]:
                continue
            for p in (p for x in [ch, *ch.conjuncts] for p in x.children if p.dep_ == "pobj"):   # "on A and of B"
                for n in [p, *p.conjuncts]:
                    if ch.lower_ in self.f["user_preps"] and lemma(n) not in self.f["network_nouns"]:
                        continue   # "unreachable for users of A", not "unavailable for A"
                    out += self.ments(n, conj=False)
                    if lemma(n) in self.f["network_nouns"]:
                        out += self.compounds(n) + [m for c in n.children if c.dep_ == "poss" for m in self.ments(c)]
                        out += self.pobjs(n, {"of"}) + [m for c in n.children if c.dep_ in ("acl", "relcl")
                                                        for m in self.pobjs(c, {"by"})]   # "connections run by A"
        # names only: "the country's four main providers" may be resolved to whichever company came last
        return [m for m in unique(out) if m.cls == "Organization" and m.kind == "name"]

    def announced_list(self, tok: Token) -> list[Mention]:
        """'five outlets that day - A, B, C and D', 'four sites: A, B and C': the names the counted noun announces."""
        doc = self.doc
        for k in range(tok.i + 1, min(tok.i + 6, len(doc) - 1)):
            if doc[k].text in (".", ";") or doc[k].is_sent_start:
                return []
            if doc[k].text in (":", "-", "\u2013", "\u2014") and doc[k].whitespace_ and k + 1 in self.at:
                first = self.at[k + 1]
                return [first] + self.lists.get(first.tok_start, [])
        return []

    @staticmethod
    def has_agent(v: Token) -> bool:
        """A passive with a by-phrase, named or not ("detained by Turkish police"): no agent to infer."""
        return any(c.dep_ in ("agent", "prep") and c.lower_ == "by" for c in v.children)

    def pobjs(self, tok: Token, preps: set[str]) -> list[Mention]:
        out = []
        for ch in tok.children:
            if ch.dep_ in ("prep", "agent", "dative") and ch.lower_ in preps:
                for p in ch.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        out += self.ments(p)
                for c in ch.conjuncts:   # "in Syria and in Iraq"
                    out += [x for p in c.children if p.dep_ == "pobj" for x in self.ments(p)]
            if ch.dep_ == "prep" and ch.lower_ == "in":   # "funded in part by X": the by-phrase hangs on "part"
                out += [x for p in ch.children if p.dep_ == "pobj" and p.lower_ in self.f["degree_nouns"]
                        for x in self.pobjs(p, preps)]
        return unique(out)

    # -- verbs ------------------------------------------------------------------------------
    @staticmethod
    def passive(v: Token) -> bool:
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
            return True
        if v.dep_ == "conj" and v.tag_ == "VBN" and v.head.pos_ in VERBS and v.head.i < v.i \
                and not any(c.dep_ in ("aux", "nsubj", "dobj") for c in v.children) \
                and any(c.dep_ in ("auxpass", "nsubjpass") for c in v.head.children):
            return True   # "X was found guilty and sentenced to five years": the second participle shares the passive
        return v.tag_ == "VBN" and (v.dep_ in ("acl", "amod") or v.dep_ == "advcl" and any(
            c.dep_ == "agent" for c in v.children)) and not any(c.dep_ == "aux" for c in v.children)

    def subjects(self, v: Token, depth: int = 0) -> list[Mention]:
        """Who does what the verb says: the agent, through control, coordination and clauses."""
        if depth > 5:
            return []
        if self.passive(v):
            return self.pobjs(v, {"by"})
        subj = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if self.object_pronoun(v) is not None:   # "X, which the House designated a terrorist group"
            subj = [c for c in subj if c.lower_ not in self.f["relative_pronouns"]]
        if not subj:   # "X, whose law forbids it, has written ...": the parser gives the clause two subjects
            subj = [ns[0] for c in v.children if c.i < v.i and c.dep_ in ("ccomp", "advcl", "parataxis")
                    for ns in [[x for x in c.children if x.dep_ == "nsubj"]] if len(ns) > 1]
        if subj:
            out = [m for s in subj for m in self.titled_person(s) or self.ments(s)]
            # "Turkey, along with Russia, blocked X": the parser may hang the companion on the verb
            out += [m for p in self.companions([c for c in v.children if subj[0].i < c.i < v.i])
                    for m in self.ments(p, conj=False)]
            if not out:   # "X fired the shots that killed Y": the instrument's user
                for s in subj:
                    noun = s.head.head if s.lower_ in self.f["relative_pronouns"] and s.head.dep_ == "relcl" else s
                    if lemma(noun) in self.f["instrument_nouns"] and noun.dep_ in ("dobj", "pobj", "nsubjpass") \
                            and noun.head.pos_ in VERBS and noun.head.i != v.i:
                        out += self.subjects(noun.head, depth + 1)
            if not out:   # "the indictment, signed by X, accuses Y", "the ministry's letter accused Y": its issuer
                out += [m for s in subj if lemma(s) in self.f["document_nouns"] for m in self.issuers(s)]
            return unique(out)
        h = v.head
        if h.i == v.i:
            return []
        dep = v.dep_
        if dep == "conj":
            return self.subjects(h, depth + 1) if h.pos_ in VERBS else []
        if dep == "xcomp":
            if lemma(h) in self.f["object_control"] and self.passive(h):   # "Y was forced to block"
                return self.objects(h)
            if lemma(h) in self.f["object_control"]:
                objs = [m for c in h.children if c.dep_ in ("dobj", "dative") for m in self.ments(c)]
                if objs:
                    return objs
            return self.subjects(h, depth + 1) if h.pos_ in VERBS else self.noun_agents(h, depth + 1)
        if dep == "pcomp" and h.dep_ == "prep":
            g = h.head
            if g.pos_ in VERBS and self.passive(g):   # "X was convicted of killing Y", "pressured into"
                return self.objects(g)
            if g.pos_ in VERBS and (h.lower_ in ("of", "for") or h.lower_ == "with" and lemma(g) in self.f["culprit_verbs"]):
                objs = [m for c in g.children if c.dep_ == "dobj" for m in self.ments(c)]
                if objs:   # "a jury convicted X of killing Y", "HRW criticized X for blocking Y"
                    return objs
            if g.pos_ in VERBS and (h.lower_ == "into" or lemma(g) in self.f["object_control"]):
                return [m for c in g.children if c.dep_ == "dobj" for m in self.ments(c)]
            if g.pos_ in VERBS:
                return self.subjects(g, depth + 1)
            if g.pos_ in NOUNS:
                return self.noun_agents(g, depth + 1)
        if dep == "advcl" and h.pos_ in VERBS:
            if v.tag_ == "VBG":   # "Y received a letter from X demanding that ...": the letter's sender demands
                docs = [c for c in h.children if c.dep_ == "dobj" and lemma(c) in self.f["document_nouns"]]
                if docs and (senders := self.noun_agents(docs[0], depth + 1)):
                    return senders
            return self.subjects(h, depth + 1)
        if dep == "acl" and v.tag_ == "VBG" and h.pos_ in NOUNS:   # "X, a videographer working for Y": the noun
            doer = self.here(h.i) if h.i in self.at else self.ments(h.head, depth + 1) if h.dep_ == "appos" else []
            return doer or self.noun_agents(h, depth + 1)            # an active participle modifies does it
        if dep in ("acl", "relcl") and h.pos_ in NOUNS:
            return self.noun_agents(h, depth + 1)
        return []

    def named_as(self, n: Token) -> list[Mention]:
        """The names a copula says an unnamed noun phrase is: "the detained journalists are A, B and C", "among
        those detained were A and B"."""
        if n.dep_ == "nsubj" and lemma(n.head) == "be":
            return [m for c in n.head.children if c.dep_ == "attr" for m in self.ments(c)]
        if n.dep_ == "pobj" and n.head.lower_ == "among" and lemma(n.head.head) == "be":
            subj = [c for c in n.head.head.children if c.dep_ == "nsubj"]   # "were the reporters A and B"
            return unique([m for c in subj for x in (c, *(a for a in c.children if a.dep_ == "appos"))
                            for m in self.ments(x)])
        return []

    def listed_before(self, tok: Token) -> list[Mention]:
        """The names of the list that ends just before tok ("A, B and C, | all ..."): self.lists' members."""
        k = tok.i - 1 - (tok.i > 0 and self.doc[tok.i - 1].text == ",")
        if (m := self.at.get(k)) is None:
            return []
        return sorted([m, *self.lists.get(m.tok_start, [])], key=lambda x: x.tok_start)

    def after_list(self, v: Token) -> bool:
        """'a meeting of the ministry, the X Authority, cable operators and providers, chaired by Y': a participle
        after a list with unnamed members is about what holds the list, not about the list's first name."""
        return any(c.dep_ == "conj" and v.head.i < c.i < v.i and c.i not in self.at for c in v.head.children)

    def objects(self, v: Token, preps: set[str] = frozenset(), depth: int = 0) -> list[Mention]:
        """What the verb acts on: its object, its passive subject, or a prepositional object."""
        out: list[Mention] = []
        if self.passive(v):
            out += [m for c in v.children if c.dep_ == "nsubjpass" for m in self.ments(c)]
            if not out and any(c.dep_ == "nsubjpass" and c.lower_ in self.f["transparent_nouns"] for c in v.children):
                out += self.pobjs(v, {"to"})   # "access was restricted | to X": the parser hung "to X" on the verb
            if not out:   # "X remains blocked": the parser keeps X as nsubj, of the verb or of "remains"
                heads = [v, *(c for c in v.children if c.dep_ in ("auxpass", "aux"))]
                out += [m for h in heads for c in h.children if c.dep_ == "nsubj" for m in self.ments(c)]
            if not out and v.dep_ == "acl" and v.head.lower_ in self.f["list_quantifiers"]:
                out += self.listed_before(v.head)   # "A, B and C, all detained by X"
            if not out and v.dep_ in ("acl", "amod") and v.tag_ == "VBN" and not self.after_list(v):
                out += self.ments(v.head)           # "a video released by X", "the banned site"
                out += [] if out else self.named_as(v.head)   # "the detained journalists are A and B"
            if not out and v.dep_ == "advcl" and v.tag_ == "VBN" and v.i >= 2 and self.doc[v.i - 1].text == ",":
                out += self.here(v.i - 2)           # "... to the Committee, chaired by X": the parser hung the
                                                    # participle on the main verb; it is about the name before it
            if not out and v.dep_ == "xcomp" and depth < 3:
                out += self.raised_subject(v.head)  # "X appears to be blocked"
            if not out and v.dep_ == "conj" and depth < 3:   # "X sobbed and was charged with ..."
                h = v.head
                out += self.objects(h, preps, depth + 1) if self.passive(h) else self.subjects(h, depth + 1)
        else:
            out += [m for c in v.children if c.dep_ in ("dobj",) for m in self.ments(c)]
            if not out and any(c.dep_ == "dobj" and c.lower_ in self.f["transparent_nouns"] for c in v.children):
                out += self.pobjs(v, {"to", "of"})   # "throttled traffic | to X": the parser hung "to X" on the verb
            if not out:   # "cancelled the publishing and broadcast licences of A": the parser made "licences"
                for d in (c for c in v.children if c.dep_ == "dobj"):   # the object of the conjunct "broadcast"
                    out += [m for c in d.children if c.dep_ == "conj" and c.lower_ in self.f["transparent_nouns"]
                            for t in c.children if t.dep_ == "dobj" for m in self.ments(t)]
            if not out and lemma(v) in self.f["amount_verbs"]:   # "fined the channel X 40,000 lari": the parser
                amounts = [(d, a) for d in v.children if d.dep_ == "dobj"   # puts the name in the amount's phrase
                           for a in (d, *(x for x in d.children if x.dep_ == "appos"))
                           if any(c.dep_ == "nummod" for c in a.children)]
                out += unique([self.at[t.i] for d, a in amounts for t in d.subtree if v.i < t.i < a.i
                                and t.dep_ in ("nmod", "compound", "appos") and t.i in self.at])
            if not out and self.object_pronoun(v) is not None:
                out += self.ments(v.head)
            if not out and v.dep_ == "amod" and v.tag_ == "VBD" and v.head.i > v.i \
                    and any(c.dep_ == "nsubj" for c in v.children):   # "the court convicted journalist X": the
                h = v.head                                              # parser made the verb an adjective of X
                while h.dep_ == "compound" and h.i not in self.at:
                    h = h.head
                out += self.ments(h)
            if not out:   # "blocked and banned X": the object hangs on the last conjunct
                for c in v.children:
                    if c.dep_ == "conj" and c.pos_ in VERBS:
                        out += [m for d in c.children if d.dep_ == "dobj" for m in self.ments(d)]
        if preps:
            out += self.pobjs(v, set(preps))
        return unique(out)

    def object_pronoun(self, v: Token) -> Token | None:
        """"X, which the House designated a terrorist group": a relative clause whose pronoun comes before a
        subject of its own is about its object. The parser often gets "which" wrong there (a second subject,
        or an object of a later preposition); the pronoun right after the antecedent tells."""
        if v.dep_ != "relcl" or self.passive(v) or v.head.i > v.i:
            return None
        subj = [c for c in v.children if c.dep_ == "nsubj" and c.lower_ not in self.f["relative_pronouns"]]
        between = [t for t in self.doc[v.head.i + 1:v.i] if t.lower_ in self.f["relative_pronouns"]]
        if not subj or not between or between[0].i > min(c.left_edge.i for c in subj):
            return None
        return between[0]

    def raised_subject(self, v: Token) -> list[Mention]:
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        return [m for s in subj for m in self.ments(s)]

    # -- nouns ------------------------------------------------------------------------------
    def issuers(self, n: Token) -> list[Mention]:
        """Who issued a document: "the ministry's letter", "a letter from X", "the indictment, signed by X" (not
        "a letter seen by Reuters")."""
        out: list[Mention] = []
        for ch in n.children:
            if ch.dep_ == "poss" or ch.dep_ == "compound" and ch.i == n.i - 1:
                out += self.ments(ch)
            elif ch.dep_ == "prep" and ch.lower_ == "from":
                out += [m for p in ch.children if p.dep_ == "pobj" for m in self.ments(p)]
            elif ch.dep_ == "acl" and ch.tag_ == "VBN" and lemma(ch) in self.f["issue_verbs"]:
                out += self.pobjs(ch, {"by"})
        return unique(out)

    def noun_agents(self, n: Token, depth: int = 0) -> list[Mention]:
        """The agent of a nominalisation: possessor, by/from, or subject of a light verb."""
        out: list[Mention] = []
        for ch in n.children:
            if ch.dep_ == "poss":   # not "his conviction": the one convicted
                out += [m for m in self.ments(ch) if m.cls != "Person" or lemma(n) not in self.f["undergone_nouns"]]
            elif ch.dep_ == "prep" and ch.lower_ in ("by", "from"):
                out += [m for p in ch.children if p.dep_ == "pobj" for m in self.ments(p)]
            elif ch.dep_ == "acl" and ch.tag_ == "VBN":   # "the ban on X, imposed by Y"
                out += self.pobjs(ch, {"by"})
        if not out and n.dep_ == "dobj" and n.head.pos_ in VERBS and not self.passive(n.head):
            # "X condemned the abduction of Y by Z": the parser hung "by Z" on the active verb
            out += [m for m in self.pobjs(n.head, {"by"}) if m.start > n.idx]
        if not out and n.dep_ in ("dobj", "attr", "nsubjpass") and n.head.pos_ in VERBS and depth < 5 \
                and lemma(n.head) in self.f["light_verbs"] | self.f["request_verbs"]:
            out += self.subjects(n.head, depth + 1)   # "X filed a complaint", "complaints were filed by X"
        piece = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "of" else n   # "dozens of videos"
        if not out and piece.dep_ == "dobj" and lemma(n) in self.f["published_pieces"] and depth < 5 \
                and lemma(piece.head) in self.f["publish_verbs"]:
            out += self.subjects(piece.head, depth + 1)   # "X published a commentary accusing Y"
        if not out and n.dep_ == "pobj" and n.head.lower_ == "with" and self.passive(n.head.head):
            out += self.pobjs(n.head.head, {"by"})    # "Y was hit with a lawsuit by X"
        if not out and n.dep_ == "pobj" and n.head.lower_ == "for" and lemma(n.head.head) in self.f["responsibility_nouns"] \
                and n.head.head.head.pos_ in VERBS and depth < 5:   # "X claimed responsibility for the killing of Y"
            out += self.subjects(n.head.head.head, depth + 1)
        if not out and n.dep_ == "pobj" and n.head.lower_ in ("for", "of", "with", "over") and depth < 5:
            g = n.head.head   # "X was sentenced for the murder of Y", "police arrested X over the killing"
            if g.pos_ in VERBS and lemma(g) in self.f["culprit_verbs"]:
                out += self.objects(g) if self.passive(g) else [
                    m for c in g.children if c.dep_ == "dobj" for m in self.ments(c)]
        return unique(out)

    def noun_patients(self, n: Token, preps: set[str]) -> list[Mention]:
        out = self.pobjs(n, preps)
        for of in (c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"):   # "a fine of N francs on X":
            out += [m for p in of.children if p.dep_ == "pobj" and p.i not in self.at   # the parser hangs "on X" on
                    and any(c.dep_ == "nummod" for c in p.children) for m in self.pobjs(p, preps)]   # the amount
        if n.dep_ in ("dobj", "attr") and lemma(n.head) in self.f["light_verbs"]:
            out += self.pobjs(n.head, preps)        # "cast doubt on X", "put pressure on X"
            out += [m for c in n.head.children   # "sent X a warning"; "issued warnings: A, B" (the noun's own list)
                    if c.dep_ in ("dative", "dobj") for m in self.ments(c)]
        for c in n.children:   # "the indictment filed by X against Y", "the fine issued by X to Y"
            if c.dep_ == "acl" and c.tag_ == "VBN":
                out += self.pobjs(c, preps | ({"to"} if lemma(c) in self.f["issue_verbs"] else set()))
        out += [m for b in n.children if b.dep_ == "prep" and b.lower_ in ("by", "from")   # "a complaint by X
                for p in b.children if p.dep_ == "pobj"   # against Y", "the raid by X on Y"
                for m in self.pobjs(p, preps & {"against", "on"})]
        return unique(out)

    def compounds(self, n: Token) -> list[Mention]:
        return unique([m for c in n.children if c.dep_ in ("compound", "amod", "nmod") for m in self.here(c.i)])


LIST_GAP = re.compile(r"\s*,\s*|\s*,?\s+(?:and|or)\s+")


def coordinated(tok: Token) -> tuple[Token, ...]:
    """The conjuncts of a word, but not one with no coordinator in the list ("and", "or") that a subjectless
    finite verb follows: in "censorship of journalism, Reporters Without Borders (RSF) calls ..." the parser
    glued the clause's subject to the list before it. ("Sahil's emir, Bashir Gwarzo, denouncing ...": an
    apposition the parser made a conjunct stays.)"""
    if any(c.dep_ in ("cc", "preconj") for t in (tok, *tok.conjuncts) for c in t.children):
        return tok.conjuncts
    return tuple(c for c in tok.conjuncts if not _subject_cut_off(c))


def _subject_cut_off(tok: Token) -> bool:
    doc, j = tok.doc, tok.right_edge.i + 1
    while j < len(doc) and (doc[j].is_bracket or doc[j].is_quote):
        j += 1
    return j < len(doc) and doc[j].tag_ in ("VBZ", "VBD", "VBP", "MD") \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in doc[j].children)


def name_lists(doc: Doc, at: dict[int, Mention], loose: bool = False) -> dict[int, list[Mention]]:
    """Names written as one list ("A, B, C and D", "A and B"), whatever the parse made of them:
    first token of each member -> the other members. A run counts only when it ends in and/or, so
    "Novosibirsk, Russia" and "X, Y, said" are no lists; `loose` also takes three or more names set
    out with commas alone ("These are A, B, C, D")."""
    text = doc_text(doc)
    names = sorted({id(m): m for m in at.values() if m.kind == "name"}.values(), key=lambda m: m.tok_start)
    out: dict[int, list[Mention]] = {}
    run: list[Mention] = []
    conj = re.compile(r"\b(and|or)\s*$")

    def ended(r: list[Mention]) -> bool:
        return len(r) > 1 and bool(conj.search(text[r[-2].end:r[-1].start]))

    def listed(r: list[Mention]) -> bool:
        return ended(r) or loose and len(r) > 2

    for m in names:
        if run and (m.start < run[-1].end or not LIST_GAP.fullmatch(text, run[-1].end, m.start) or ended(run)):
            if listed(run):
                for x in run:
                    out[x.tok_start] = [y for y in run if y is not x]
            run = []
        run.append(m)
    if listed(run):
        for x in run:
            out[x.tok_start] = [y for y in run if y is not x]
    return out


def unique(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


@dataclass
class Candidate:
    """A relation found in the parse, before qualifiers are read."""
    subject: Mention
    prop: str
    object: Mention
    frame: str
    trigger: Token
    anchor: Token | None = None
    hint: str = ""
