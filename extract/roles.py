"""Roles and authorship: who heads, works for or writes for what ("X, director of Y", the byline).

`RoleFrames` is mixed into `extract.relations.Extractor`; `byline_relations` reads the article's
byline and footer.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extract.entity_cues import cues, media_wing
from extract.patterns import VERBS, doc_text, lemma
from extract.places import static_words
from extract.records import Document, Mention, Relation

BYLINE_CONFIDENCE = 0.6
BODIES = ("Outlet", "Organization", "Agency", "Group")
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
            after = self.a.at.get(chunk.end)   # "Kloop editor-in-chief Bektour Iskender said": the parser may
            named = [after] if after is not None and after.cls == "Person" and after.tok_start == chunk.end \
                else None   # hang the name inside the hyphenated word; the name right after it holds the role
            body = self.a.at.get(chunk.start - 1)
            opened = named and body is not None and body.cls in BODIES and body.tok_end == chunk.start
            for prop in self.roles[word]:
                if opened:   # "Mizzima Editor-in-Chief Soe Myint": a title-case role the parser splits apart
                    self.add(named, prop, [body], "role", chunk[0])
                for r in chunk:   # "co - founder" may hang as three appositions: try each outward token
                    if r.head.i < chunk.start or r.head.i >= chunk.end or r.head.i == r.i:
                        self.role_frame(r, prop, None if self.role_holders(r) else named)
        return done

    def role_holders(self, r: Token, depth: int = 0) -> list[Mention]:
        a = self.a
        out: list[Mention] = []
        if r.i in a.at:   # "the author ... of W" resolved to its person: the role noun names its holder
            m = a.at[r.i]
            return [m] if m.kind == "description" and m.cls == "Person" else out
        many = r.tag_ == "NNS"   # "Kloop reporters A and B", "A and B, reporters for Kloop": every one
        nxt = a.at.get(r.i + 1)
        if not many and r.dep_ in ("compound", "nmod") and nxt is not None and nxt.cls == "Person" \
                and nxt.tok_end <= r.head.i:
            out.append(nxt)   # "Y editor A and Z reporter B" parsed with the editor on B: the name after the title
        elif r.dep_ == "appos" or (r.dep_ in ("compound", "nmod") and r.head.i in a.at):
            out += a.ments(r.head, conj=many)
        apps = [c for c in r.children if c.dep_ == "appos"]
        out += [m for c in apps if not self.titled_apart(r, c, apps) for m in a.ments(c, conj=many)]
        if r.dep_ in ("attr", "oprd", "acomp"):
            out += a.objects(r.head) if a.passive(r.head) else a.subjects(r.head)
        if r.dep_ == "pobj" and r.head.lower_ == "as" and r.head.head.pos_ in VERBS:
            h = r.head.head
            out += a.objects(h) if a.passive(h) else a.subjects(h)
        if r.dep_ == "nsubj" and r.head.lemma_ == "be":
            out += [m for c in r.head.children if c.dep_ == "attr" for m in a.ments(c)]
        if r.dep_ == "conj" and depth < 3:
            first = self.conj_role(r)
            if first.i in a.at and first.dep_ == "appos":   # "CEO A and COO B": the parser hung B on the CEO
                out += [m for c in first.head.children if c.dep_ == "appos" and c.i > r.i for m in a.ments(c)]
            out += self.role_holders(first, depth + 1)
        for pr in r.children:   # "the head of Y, X", "a spokesman for Y, X": the parser often hangs X on Y
            if pr.dep_ == "prep" and pr.lower_ in ("of", "for", "at", "with", "in", "to"):
                for y in pr.children:
                    named = y.i in a.at or any(c.dep_ == "compound" and c.i in a.at for c in y.children)
                    out += [a.at[c.i] for c in y.children if c.dep_ == "appos" and c.i in a.at   # ("the editor of
                            and a.at[c.i].cls == "Person" and named]                         # the Y website, X")
        if not any(m.cls == "Person" for m in out):   # "the Secretary of Y, X": the parser made Y the holder
            out += self.listed_after(r, many)
        j = r.left_edge.i - 1
        if not out and r.dep_ == "appos" and j > 0 and r.doc[j].text == "," and (m := a.at.get(j - 1)) is not None \
                and m.cls == "Person" and m.kind == "name" and m.tok_end == j:
            out.append(m)   # "a recording by X, the spokesman of Y": the parser hung the title on the recording
        return out

    def respective(self, r: Token) -> list[Mention]:
        """"A and B, the president and vice-president of Y": titles coordinated in apposition to as many
        coordinated names are theirs in order."""
        first = self.conj_role(r) if r.dep_ in ("conj", "appos") and r.head.dep_ == "appos" else r
        if first.dep_ != "appos" or first.head.i not in self.a.at:
            return []
        doc = r.doc   # the titles up to the phrase's first preposition or comma, however the parser hung them
        end = next((t.i for t in doc[first.i:] if t.pos_ in ("ADP", "VERB", "PUNCT") and t.text != "-"), len(doc))
        titles = [t for t in doc[first.i:end] if lemma(t) in self.roles]
        people = sorted({m.entity: m for m in self.a.ments(first.head) if m.cls == "Person"}.values(),
                        key=lambda m: m.tok_start)
        if len(titles) < 2 or len(people) != len(titles) or r not in titles:
            return []
        return [people[titles.index(r)]]

    def titled_apart(self, r: Token, app: Token, apps: list[Token]) -> bool:
        """`app`, an apposition of the title r, has a title of its own coordinated after an earlier apposition:
        B of "CEO A and COO B", both hung on the CEO (not X of "founder and editor, X")."""
        return any(t.dep_ == "conj" and lemma(t) in self.roles and any(p.i < t.i for p in apps)
                   for t in r.doc[r.i + 1:app.left_edge.i])

    def next_body(self, r: Token) -> tuple[int, list[Mention]]:
        """The token after a role and the body a 'for/of/at Y' right after it names, wherever the parser hung
        the preposition ("two reporters for the weekly Y, A and B")."""
        doc, a, k = r.doc, self.a, r.i + 1
        if k < len(doc) and doc[k].lower_ in ("for", "of", "at", "with"):
            pobj = next((c for c in doc[k].children if c.dep_ == "pobj"), None)
            if pobj is None:
                return k, []
            m = a.at.get(pobj.i)
            return (m.tok_end, [m]) if m is not None else (pobj.i + 1, [])
        return k, []

    def listed_after(self, r: Token, many: bool = True) -> list[Mention]:
        """'two of its reporters, A and B', 'two reporters for the weekly Y, A and B', 'the director of Y, A',
        'Chairman of the Union (NUJU) A': the people named right after a role and its body, whatever the parse
        made of them (a singular role: the first one)."""
        doc, a = r.doc, self.a
        k, body = self.next_body(r)
        if body and k + 1 < len(doc) and doc[k].lower_ == "of" and (tail := a.at.get(k + 1)) is not None:
            k = tail.tok_end   # "... of Journalists of Ukraine": the body's name goes on past its mention
        direct = body and k + 2 < len(doc) and doc[k].text == "(" and (close := next(
            (t.i for t in doc[k + 1:k + 5] if t.text == ")"), None)) is not None
        if direct:   # the body's acronym in brackets, then the name: "Chairman of the Union (NUJU) X said"
            k = close + 1
        m = a.at.get(k + 1) if k + 1 < len(doc) and doc[k].text == "," else a.at.get(k) if direct else None
        if m is None or m.cls != "Person" or m.kind != "name" or \
                doc[m.tok_start:m.tok_end].root.dep_ == "nsubj" and doc[m.tok_start - 1].text == ",":
            return []   # not "reporters for Y, X said"
        if not many:
            return [m] if body or r.tag_ == "NN" else []
        return [x for x in a.ments(doc[m.tok_start:m.tok_end].root) if x.cls == "Person"]

    def conj_role(self, r: Token) -> Token:
        """The first of coordinated roles, across a mention the parser put in between
        ('director of the Institute and the author')."""
        h = r.head
        while h.i in self.a.at and h.dep_ == "pobj" and h.head.dep_ == "prep":
            h = h.head.head
        return h

    def role_frame(self, r: Token, prop: str, holders: list[Mention] | None = None) -> None:
        chief = next((p for pr in r.children if pr.dep_ == "prep" and pr.lower_ == "in" for p in pr.children
                      if p.dep_ == "pobj" and (p.lower_ == "chief" or any(
                          c.dep_ in ("amod", "compound") and c.lower_ == "chief" and c.i == pr.i + 1
                          for c in p.children))), None)
        if r.lower_ == "chief" and r.dep_ == "pobj" and r.head.lower_ == "in" and _second(r.head.head):
            prop = "memberOf"   # "the deputy editor in chief of Y": the parser hung "of Y" on "chief"
        if prop == "memberOf" and chief is not None and not _second(r):   # "editor in chief", written in words
            prop = "leads"
            if chief.lower_ != "chief" and chief.i in self.a.at and not holders:   # "X's editor in chief Y": the
                holders = [self.a.at[chief.i]]                                    # parser made Y the object of "in"
        if prop == "leads" and (_second(r) or self.qualified_role(r)):
            prop = "memberOf"   # "deputy head of the inspectorate", "the channel's news director"
        elif prop == "memberOf" and r.i > 0 and r.doc[r.i - 1].lower_ in self.frames_set("lead_qualifiers") \
                and r.doc[r.i - 1].head.i == r.i:
            prop = "leads"   # "Kloop chief editor X": the chief editor leads
        elif prop == "memberOf" and not _second(r) and any(
                " ".join(t.lower_ for t in r.doc[i:i + 2]) in self.frames_set("lead_titles")
                for i in (r.i - 1, r.i) if 0 <= i < len(r.doc) - 1):
            prop = "leads"   # "X, general secretary of Y", "Y Secretary General X"
        spec = self.props[prop]
        holders = holders or self.respective(r) or self.role_holders(r)
        if not holders:
            return
        a = self.a
        preps = set(spec.get("role_preps", ["of"]))
        objs = a.pobjs(r, preps) + [m for c in r.children if c.dep_ == "poss" for m in a.ments(c)]
        # "CPJ's Europe and Central Asia program coordinator": the possessor hung on the role's first modifier
        objs += [m for c in r.children if c.dep_ in ("nmod", "compound") and c.i < r.i
                 for p in c.children if p.dep_ == "poss" for m in a.ments(p)]
        owner = list(r.children)
        if r.dep_ == "nmod" and r.head.i in a.at and a.at[r.head.i].cls == "Person":   # "its editor-in-chief X said"
            owner += [c for c in r.head.children if c.dep_ == "poss" and c.i < r.i]
            objs += [m for c in owner if c.dep_ == "poss" and c.head.i != r.i for m in a.ments(c)]
        for c in owner:   # "... said it would appeal. Its director, X, said": the body the text is about
            if c.dep_ == "poss" and c.lower_ == "its" and not a.ments(c):
                kinds = spec["object"]
                if r.lower_ in cues()["_press_words"] or any(ch.dep_ in ("compound", "amod") and ch.lower_ in
                                                            cues()["press_modifiers"] for ch in r.children):
                    kinds = [k for k in kinds if k not in ("Agency", "State")]   # "its owner", "its station
                    # manager": no agency's
                objs += self.topic_body(c, kinds)
            if c.dep_ == "poss" and c.lower_ == "whose":   # "Radio Lenca, whose director is X"
                clause = next((t for t in [r, *r.ancestors] if t.dep_ == "relcl"), None)
                objs += a.ments(clause.head, conj=False) if clause is not None else []
        if not objs and r.tag_ == "NNS" and (after := self.next_body(r)[1]) \
                and r.doc[r.i + 1] not in r.children:   # "two reporters for the weekly Y, A and B": 'for' on the verb
            objs += after
        if not objs and r.dep_ == "appos" and (comma := next((t.i for t in r.doc[r.i + 1:r.i + 4] if t.text == ","),
                                                              None)) is not None:
            # "X, communications officer, Aranytoll Network": the body named as the next apposition
            objs += [m for c in [*r.head.children, *r.children] if c.dep_ == "appos" and c.left_edge.i == comma + 1
                     for m in a.ments(c, conj=False) if m.cls != "Person"]
        if all(o.cls == "State" for o in objs) and lemma(r) in static_words()["portfolio_titles"]:
            objs += self.portfolio_body(r)   # "(Israel's) Information Minister X": the Ministry of Information
            # named elsewhere
        if not objs:
            objs += self.body_named_before(r)   # "Commission member X" after "the Oversight Commission"
        if not objs and (r.dep_ == "conj" or r.dep_ == "appos" and lemma(r.head) in self.roles):
            # "... and the author, most recently, of W", "the president and vice-president of W": 'of W' hung higher up
            first = self.conj_role(r)
            objs += self.pair_body(first)   # "Y's CEO A and COO B": Y's hangs on the CEO
            for pr in first.children:
                if pr.dep_ == "prep" and pr.lower_ in preps and pr.i > r.i:
                    objs += [m for p in pr.children if p.dep_ == "pobj" for m in a.ments(p)]
        objs += [m for m in a.compounds(r)   # "the Facebook commentator X" writes on Facebook, is not its staff
                 if not (m.cls == "Platform" and lemma(r) in self.frames_set("platform_user_roles"))]
        if r.dep_ in ("compound", "nmod"):   # "Kloop chief Iskender", "FSB agents": the organisation modifies the role
            objs += [a.at[c.i] for c in r.head.children
                     if c.dep_ in ("compound", "poss") and c.i in a.at and c.i < r.i]
        if not any(o.cls in BODIES for o in objs) and r.dep_ in ("compound", "nmod") and r.head.i in a.at \
                and r.head.dep_ == "conj" and lemma(r) in cues()["_press_words"]:   # "Kloop editor A and reporter B":
            # B's too (not "Kloop editor A and lawyer B")
            objs += self.pair_body(r.head.head)
        if not any(o.cls in BODIES for o in objs) and (r.dep_ in ("compound", "nmod") and r.head.i in a.at or any(
                h.tok_start == r.i + 1 for h in holders)):   # "RSF assistant research director X" (X in apposition)
            objs += self.title_opener(r)   # "CPJ Africa Program Coordinator X": the body that opens the title
        if prop == "nationalOf":   # "a native of Fort Worth": a place, not a country
            self.add(holders, "livesIn", [o for o in objs if o.cls == "Place"], "role", r)
        self.add(holders, prop, objs, "role", r)
        if prop == "partOf" and media_wing(r):   # "X, the media wing of Y": the outlet speaks for Y
            self.add([h for h in holders if h.cls == "Outlet"], "supported", objs, "role", r)
        if prop == "memberOf" and lemma(r) in ("member", "members", "affiliate"):
            self.add(holders, "partOf", objs, "role", r)   # organisations that are members of a coalition
        if prop == "wroteFor" and lemma(r) not in self.nonmember:   # "a reporter for X", X not an outlet
            member = self.props["memberOf"]["object"]
            self.add(holders, "memberOf", [o for o in objs if o.cls not in spec["object"] and o.cls in member],
                     "role", r)


    def pair_body(self, first: Token) -> list[Mention]:
        """The body of the first title of a pair ("Y editor A and reporter B", "Y's CEO A and COO B"): `first` is
        that title or its holder, whichever the parser coordinated the second with."""
        a = self.a
        titles = [first] if lemma(first) in self.roles else \
            [c for c in first.children if c.dep_ in ("compound", "nmod") and lemma(c) in self.roles]
        if first.i in a.at and first.dep_ == "appos" and lemma(first.head) in self.roles:
            titles.append(first.head)
        return [m for t in titles for m in a.compounds(t) + [x for p in t.children if p.dep_ == "poss"
                                                                for x in a.ments(p)] if m.cls in BODIES]

    def title_opener(self, r: Token) -> list[Mention]:
        """The nearest body named before the role word inside the holder's noun phrase, past regions and
        other title words: "CPJ Middle East and North Africa Program Coordinator X"."""
        a = self.a
        for k in range(r.i - 1, max(r.sent.start, r.i - 10) - 1, -1):   # (the parser may split the phrase)
            m = a.at.get(k)
            if m is not None and m.cls in BODIES:
                return [m]
            if m is None and not (r.doc[k].is_title or r.doc[k].lower_ in ("and", "&", "-", "(", ")")
                                  or r.doc[k].lower_ in SECOND or r.doc[k].lower_ in static_words()["part_words"]):
                return []   # "the paper's ... editor": a common word ends the title ("assistant research" does not)
        return []

    def topic_body(self, its: Token, classes: list[str]) -> list[Mention]:
        """An 'its' the resolver left open, before a role: the subject of the first clause of its sentence
        that names one, else the subject of the sentence before ("Radio X was raided. Its director, Y, ...").
        Only a body of the role's object class, and only one."""
        a, k = self.a, self.sents.index[its.i]
        here = [t for t in self.sents.spans[k] if t.i < its.i and t.dep_ in ("nsubj", "nsubjpass")]
        before = [t for t in self.sents.spans[k - 1] if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"] \
            if k else []
        for tok in here + before:
            found = a.ments(tok, conj=False)
            if found:
                bodies = [m for m in found if m.cls in classes and m.cls != "Person"]
                if len({m.entity for m in found}) != 1 or not bodies:
                    return []
                end = self.doc[max(t.i for t in tok.subtree)]   # the subject's own modifiers do not count
                between = [m for m in self.mentions + self.dropped if end.idx < m.start < its.idx
                           and m.entity != bodies[0].entity
                           and m.cls in ("Outlet", "Organization", "Agency", "Group", "Platform")] if tok in here else []
                return [] if between else bodies[:1]   # "X invited the management of Y, led by its CEO"
        return []

    def qualified_role(self, r: Token) -> bool:
        """A head of one part of a body, not of the body: 'news director', 'bureau chief', 'programme
        coordinator', 'head of investigations', 'Director of Broadcasting'. A portfolio ('Information Minister')
        or a word for the body itself ('station manager', 'agency chairman') still leads it."""
        if lemma(r) in static_words()["portfolio_titles"]:
            return False
        c = cues()
        bodies = {n for cls, ns in c["anaphoric_descriptions"].items() if cls not in ("Person", "State") for n in ns}
        bodies |= set(c["description_heads_named"]) | self.frames_set("place_nouns")
        parts = set(static_words()["part_words"])

        def part(t: Token) -> bool:
            return t.i not in self.a.at and t.pos_ in ("NOUN", "PROPN", "VERB") and t.lower_ not in SECOND \
                and t.lower_ not in static_words()["head_modifiers"] and (
                lemma(t) in parts or lemma(t) not in bodies and lemma(t) not in self.roles)

        if any(c.dep_ in ("compound", "nmod") and c.i < r.i and part(c) for c in r.children):
            return True
        return any(pr.dep_ == "prep" and pr.lower_ == "of" and pr.i == r.i + 1 and p.dep_ == "pobj" and part(p)
                   and not any(d.dep_ == "det" for d in p.children) for pr in r.children for p in pr.children)

    def body_named_before(self, r: Token) -> list[Mention]:
        """'Commission member X', 'Ministry spokesman X': the word before the role says what kind of body it
        is; the body is the last one named before (within a few paragraphs) with that word in its name."""
        heads = set(cues()["description_heads_named"])
        if lemma(r) in self.frames_set("beat_roles"):
            return []   # "a court reporter", "the defence correspondent": the word before a writer's role is a beat
        for c in r.children:
            if c.dep_ != "compound" or c.i in self.a.at or c.i > r.i or lemma(c) not in heads:
                continue
            before = [m for m in self.mentions if c.idx - 2000 < m.end <= c.idx and m.kind in ("name", "acronym")
                      and m.cls in ("Agency", "Organization", "Outlet", "Group")
                      and lemma(c) in re.findall(r"\w+", m.text.lower())]
            return [max(before, key=lambda m: m.end)] if before else []
        return []

    def portfolio_body(self, r: Token) -> list[Mention]:
        """'Digital Economy Minister X', 'the Minister for Communications and Information, X': the one
        ministry of the document whose name holds every word of the portfolio."""
        doc, skip = self.doc, set(static_words()["title_words"])
        words = []
        k = r.i - 1
        while k >= 0 and doc[k].head.i in range(k + 1, r.i + 1) and doc[k].dep_ in ("compound", "amod", "nmod", "punct") \
                and k not in self.a.at:
            words.append(doc[k].lower_)
            k -= 1
        for pr in r.children:
            if pr.dep_ == "prep" and pr.lower_ in ("of", "for") and pr.i == r.i + 1:
                words += [t.lower_ for p in pr.children if p.dep_ == "pobj" for t in p.subtree if t.i not in self.a.at]
        words = [w for w in words if w.isalpha() and w not in skip]
        if not words:
            return []
        stem = lambda w: w[:5]  # noqa: E731 -- "Communication" / "Communications", "Belarusian" / "Belarus"
        found = [m for m in self.mentions if m.cls == "Agency" and "ministr" in m.text.lower()
                 and all(any(stem(x) == stem(w) for x in re.findall(r"\w+", m.text.lower())) for w in words)]
        if len({m.entity for m in found}) != 1:
            return []
        best = min(found, key=lambda m: abs(m.start - r.idx))
        return [] if self.foreign_body(best) else [best]

    def foreign_body(self, m: Mention) -> bool:
        """A body named with a State other than the one the document is most about ('the Eritrean Ministry of
        Information' in a story about Ghana): no portfolio title there stands for it."""
        from extract.gazetteer import default_gazetteer
        gaz = default_gazetteer()
        counts: dict[str, int] = {}
        for x in self.mentions:
            if x.cls == "State":
                counts[x.entity] = counts.get(x.entity, 0) + 1
        main = max(counts, key=counts.get) if counts else None
        main_names = {k.name for x in self.mentions if x.entity == main and (k := gaz.state(x.text))}
        for word in re.findall(r"[\w-]+", m.text):
            known = gaz.state(word) if word[:1].isupper() else None
            if known is not None and known.name not in main_names:
                return True
        return False


SECOND = ("deputy", "vice", "assistant", "associate", "co-deputy", "under", "sub", "former-deputy")


def _second(r: Token) -> bool:
    """A role one rank below the head: "deputy head", "vice-chairman", "assistant director"."""
    doc = r.doc
    words = {c.lower_ for c in r.children if c.dep_ in ("amod", "compound", "nmod")}
    k = r.i - 1   # the title's words before it, however the parser hung them: "CHP Deputy Group Chair"
    while k >= 0 and k > r.i - 4 and (k == r.i - 1 or doc[k].dep_ in ("amod", "compound", "nmod")):
        words.add(doc[k].lower_)
        k -= 1
    if r.i > 1 and doc[r.i - 1].text == "-":
        words.add(doc[r.i - 2].lower_)
    return bool(words & set(SECOND)) or any(r.lower_.startswith(p + "-") for p in SECOND)


def _norm(s: str) -> str:
    return re.sub(r"^the\s+", "", s.strip().lower())


def document_author(doc: Doc, mentions: list[Mention]) -> Mention | None:
    """The article's author: the byline's name, else a person named in the headline block (first 200 chars)."""
    from extract.metadata import read_metadata
    meta = read_metadata(Document("", "", doc_text(doc)))
    people = [m for m in mentions if m.cls == "Person" and m.entity and m.kind in ("name", "")]
    if meta.author:
        named = [m for m in people if _norm(m.text) == _norm(meta.author)]
        return named[0] if named else None
    top = [m for m in people if m.start < 200]
    return top[0] if top else None


def byline_relations(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """The article's author wrote for the outlet its footer names ('Read the full story at Y', 'Get Y stories')."""
    from extract.metadata import read_metadata
    meta = read_metadata(Document("", "", doc_text(doc)))
    if not meta.publisher:
        return []
    if meta.author:
        author = document_author(doc, mentions)
    else:   # no byline: only when the text itself says who "the author" is
        said = AUTHOR_IS.search(doc_text(doc))
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
