"""What the learned decisions look at: sparse string features of a candidate edge and of a named entity.

Features are plain strings ("frame=verb", "sig=Agency>blocked>Outlet"); a model
(extract/learned.py) holds one weight per string. Nothing here decides: the
rules propose, these describe, the model scores.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Token

from extract.gazetteer import default_gazetteer
from extract.records import LocalEntity, Mention, Relation


def bucket(n: int, edges=(1, 3, 6, 10, 16, 25, 40)) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def candidate_features(frame: str, prop: str, rule: str, subj: Mention, obj: Mention, trigger: Token,
                       sent, hedged: bool, attributed: bool) -> list[str]:
    """An edge as the parse shows it: frame, trigger, the two mentions, distances, qualifiers."""
    trig = trigger.lemma_.lower()
    out = [f"rule={rule}", f"frame={frame}", f"prop={prop}", f"trig={trig}", f"trig_prop={trig}|{prop}",
           f"sig={subj.cls}>{prop}>{obj.cls}", f"scls={subj.cls}", f"ocls={obj.cls}",
           f"skind={subj.kind}", f"okind={obj.kind}", f"kinds={subj.kind}|{obj.kind}",
           f"trig_pos={trigger.pos_}", f"trig_dep={trigger.dep_}",
           f"sent_len={bucket(len(sent), (10, 20, 30, 45, 60))}"]
    if hedged:
        out.append("hedged")
    if attributed:
        out.append("attributed")
    if subj.tok_start >= 0 and obj.tok_start >= 0:
        o_start = _list_start(trigger.doc, obj)   # "blocked A, B, C and D": D is as near the verb as A
        if o_start != obj.tok_start:
            out.append("o_conj")
        o_end = min(obj.tok_end, o_start + 1) if o_start != obj.tok_start else obj.tok_end
        gap = max(o_start - subj.tok_end, subj.tok_start - o_end, 0)
        out += [f"gap={bucket(gap)}", "s_first" if subj.tok_start < o_start else "o_first",
                f"trig_s={bucket(abs(trigger.i - subj.tok_start))}", f"trig_o={bucket(abs(trigger.i - o_start))}"]
        between = {t.lower_ for t in trigger.doc[min(subj.tok_end, obj.tok_end):max(subj.tok_start, obj.tok_start)]}
        out += [f"between={w}" for w in sorted(between & BETWEEN_CUES)]
    words = {t.lower_ for t in sent}
    out += [f"sent_has={w}" for w in sorted(words & SENTENCE_CUES)]
    if any(t.text in QUOTES for t in sent):
        out.append("quoted")
    return out


def _list_start(doc: Doc, m: Mention) -> int:
    """Where the list a mention is a later member of begins: the first conjunct's first token."""
    if m.tok_end > len(doc) or m.tok_start >= m.tok_end:
        return m.tok_start
    root = doc[m.tok_start:m.tok_end].root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return m.tok_start if first.i == root.i else min(first.left_edge.i, m.tok_start)


BETWEEN_CUES = {",", "and", "or", "said", "says", "after", "before", "when", "while", "which", "who", "that",
                "but", "than", "not", "no", "against", "also", "including", "whose", "(", ";"}
SENTENCE_CUES = {"not", "never", "no", "denied", "deny", "if", "would", "could", "may", "might", "whether",
                 "allegedly", "reportedly", "accused", "claimed", "said", "asked", "urged", "calls", "called"}
QUOTES = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"}


def end_features(entity: LocalEntity | None, mentions: Counter, side: str) -> list[str]:
    """How sure the document is of one end of an edge: an edge to a name typed by a guess, seen once,
    is more often an edge to no real entity (a third of the false edges on the training split)."""
    if entity is None:
        return [f"{side}_end=?"]
    top = max(entity.weights.values(), default=0.0)
    out = [f"{side}_votes={bucket(round(top), (1, 2, 4, 8))}", f"{side}_names={bucket(mentions[entity.id], (1, 2, 4))}",
           f"{side}_words={bucket(len(entity.label.split()), (1, 2, 4))}"]
    if entity.wikidata:
        out.append(f"{side}_known")
    if len(entity.weights) > 1:
        out.append(f"{side}_contested")
    return out


def document_edge_features(relations: list[Relation], entities: dict[str, LocalEntity], mentions=()) -> None:
    """Features only the whole document shows: how many rules and sentences state an edge, the
    classes the entity finally has and how sure the document is of each end. Added to each
    relation's feature list in place."""
    named = Counter(m.entity for m in mentions if m.kind in ("name", "acronym"))
    rules = Counter((r.subject, r.prop, r.object) for r in relations)
    sents = {}
    for r in relations:
        sents.setdefault((r.subject, r.prop, r.object), set()).add(r.start)
    pairs = Counter(frozenset((r.subject, r.object)) for r in relations)
    for r in relations:
        key = (r.subject, r.prop, r.object)
        s, o = entities.get(r.subject), entities.get(r.object)
        scls, ocls = (s.cls if s else "?"), (o.cls if o else "?")
        extra = [f"rule={r.rule}", f"prop={r.prop}", f"esig={scls}>{r.prop}>{ocls}",
                 f"n_found={bucket(rules[key], (1, 2, 4))}", f"n_sents={bucket(len(sents[key]), (1, 2, 4))}",
                 f"pair_props={bucket(pairs[frozenset((r.subject, r.object))], (1, 2, 3))}"]
        if r.subject == r.object:
            extra.append("self_loop")
        extra += end_features(s, named, "s") + end_features(o, named, "o")
        r.features = sorted(set(r.features) | set(extra))


def entity_features(entity: LocalEntity, mentions: list[Mention], doc: Doc) -> list[str]:
    """A named entity as the text shows it: its name's words and shape, the rules' class votes,
    and the words around each of its mentions (`mentions`: the entity's own)."""
    words = entity.label.split()
    last = words[-1].lower() if words else ""
    out = [f"rule_cls={entity.cls}", f"n_words={bucket(len(words), (1, 2, 3, 5))}", f"last={last}",
           f"first={words[0].lower() if words else ''}", f"suf3={last[-3:]}", f"suf2={last[-2:]}"]
    out += [f"word={w.lower()}" for w in words]
    for w in words:   # an unknown name's words by their shape: "-ova", "-net", "Al-", "-ski" carry across names
        core = w.lower().strip(".,'\"")
        if len(core) >= 4:
            out += [f"wsuf3={core[-3:]}", f"wpre3={core[:3]}"]
    top = max(entity.weights.values(), default=0.0)
    for cls, w in entity.weights.items():
        out.append(f"vote={cls}:{bucket(round(w), (1, 2, 4, 8))}")
        if w == top:
            out.append(f"top_vote={cls}")
    common = sum(w.lower() in english_words() for w in words)   # "Northway Cable", "State Security Apparatus"
    out.append("common=" + ("none" if not common else "all" if common == len(words) else "some"))
    if any(default_gazetteer().state(w) for w in words[1:] if w[:1].isupper()):   # "Vodafone Qatar", "Zain Jordan"
        out.append("state_word")
    label = entity.label
    if label.isupper() and len(label) <= 6:
        out.append("acronym")
    if "." in label and " " not in label:
        out.append("domain")
    if any(ch.isdigit() for ch in label):
        out.append("digit")
    if "-" in label:
        out.append("hyphen")
    if len(words) > 1:   # "Jimmy Lai ... Lai" (a person by the surname), "Kloop Media ... Kloop"
        out += [f"short={'last' if m.text == words[-1] else 'first'}" for m in mentions
                if m.kind == "name" and m.text in (words[0], words[-1])]
    n_mentions = 0
    for m in mentions:
        n_mentions += 1
        out += [f"m_kind={m.kind}", f"m_rule={m.rule.split('.')[0]}", f"m_rule_cls={m.rule}>{m.cls}"]
        if m.tok_start < 0 or m.tok_end > len(doc):
            continue
        span = doc[m.tok_start:m.tok_end]
        out += [f"ner={t.ent_type_}" for t in span[:1] if t.ent_type_]
        before = doc[m.tok_start - 1] if m.tok_start > 0 else None
        after = doc[m.tok_end] if m.tok_end < len(doc) else None
        if before is not None:
            out.append(f"prev={before.lower_}")
            if before.i > 0:
                out.append(f"prev2={doc[before.i - 1].lower_}|{before.lower_}")
        if after is not None:
            out.append(f"next={after.lower_}")
        root = span.root
        out += [f"dep={root.dep_}", f"head={root.head.lemma_.lower()}", f"head_dep={root.dep_}|{root.head.lemma_.lower()}"]
        out += [f"child={c.lemma_.lower()}" for c in root.children
                if c.dep_ in ("amod", "compound", "appos", "det", "nmod") and not (m.tok_start <= c.i < m.tok_end)]
        appos = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            appos.append(root.head)
        out += [f"appos={a.lemma_.lower()}" for a in appos]
    out.append(f"n_mentions={bucket(n_mentions, (1, 2, 4))}")
    return sorted(set(out))


@lru_cache(maxsize=None)
def english_words() -> frozenset[str]:
    """The English nouns and adjectives the pinned model's lemmatiser knows (its WordNet index)."""
    from extract.model import load_nlp
    index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "adj") for w in index[pos] if w.isalpha())


class TokenTable:
    """A parsed document's tokens as plain lists, read once: the pair features look at many pairs, and
    every spaCy token access builds an object."""
    def __init__(self, doc: Doc):
        from spacy.attrs import DEP, HEAD, IS_PUNCT, LEMMA, LOWER, ORTH, POS
        self.doc = doc
        n = len(doc)
        arr = doc.to_array([LEMMA, DEP, HEAD, POS, LOWER, IS_PUNCT, ORTH]) if n else []
        strings = doc.vocab.strings
        self.lemma = [strings[int(h)].lower() for h in arr[:, 0]] if n else []
        self.dep = [strings[int(h)] for h in arr[:, 1]] if n else []
        self.head = [i + int(r) for i, r in enumerate(arr[:, 2].copy().view("int64"))] if n else []
        self.pos = [strings[int(h)] for h in arr[:, 3]] if n else []
        self.lower = [strings[int(h)] for h in arr[:, 4]] if n else []
        text = [strings[int(h)] for h in arr[:, 6]] if n else []
        self.keep = [not p or t in (",", "(") for p, t in zip(arr[:, 5] if n else [], text)]
        self.negated = {h for h, d in zip(self.head, self.dep) if d == "neg"}

    def root(self, start: int, end: int) -> int:
        """The token of start..end whose head lies outside the span (spaCy's Span.root)."""
        tops = [i for i in range(start, end) if not start <= self.head[i] < end or self.head[i] == i]
        return min(tops, key=self.depth) if tops else start

    def depth(self, i: int) -> int:
        d = 0
        while self.head[i] != i:
            i, d = self.head[i], d + 1
        return d

    def path(self, a: int, b: int) -> tuple[list[int], list[int], int | None]:
        """The tokens from a up to their lowest common head (excluded), the same from b, and that head."""
        up_a, t = [a], a
        while self.head[t] != t:
            t = self.head[t]
            up_a.append(t)
        index = {t: k for k, t in enumerate(up_a)}
        up_b, t = [], b
        while t not in index:
            up_b.append(t)
            if self.head[t] == t:
                return up_a, up_b, None
            t = self.head[t]
        return up_a[:index[t]], up_b, t


_TABLE: list[TokenTable] = []


def token_table(doc: Doc) -> TokenTable:
    """The table of the document last asked for (pairs are scored one document at a time)."""
    if not _TABLE or _TABLE[0].doc is not doc:
        _TABLE[:] = [TokenTable(doc)]
    return _TABLE[0]


@lru_cache(maxsize=None)
def lexicon_words() -> dict[str, tuple[str, ...]]:
    """Word -> the properties whose verbs, nouns or role nouns it is (data/relations.yaml)."""
    from extract.relations import lexicon
    out: dict[str, set[str]] = {}
    for prop, spec in lexicon()["properties"].items():
        words = spec.get("verbs", []) + spec.get("nouns", []) + spec.get("roles", []) + spec.get("inverse_verbs", []) \
            + [p[0] for p in spec.get("phrasal", [])] + spec.get("agent_nouns", []) + spec.get("adjectives", [])
        for w in words:
            out.setdefault(w, set()).add(prop)
    return {w: tuple(sorted(ps)) for w, ps in out.items()}


def pair_features(doc: Doc, s: Mention, o: Mention, s_cls: str, o_cls: str) -> list[str]:
    """An ordered pair of entity mentions in one sentence, as the parse links them, and which relation
    words of the lexicon stand on the path between them or in the words between them."""
    lex, t = lexicon_words(), token_table(doc)
    sh, oh = t.root(s.tok_start, s.tok_end), t.root(o.tok_start, o.tok_end)
    up_s, up_o, top = t.path(sh, oh)
    sig = f"{s_cls}>{o_cls}"
    out = ["all", f"sig={sig}", f"skind={s.kind}", f"okind={o.kind}", f"s_dep={t.dep[sh]}", f"o_dep={t.dep[oh]}",
           f"deps={t.dep[sh]}|{t.dep[oh]}", "s_first" if s.tok_start < o.tok_start else "o_first"]
    inside = set(range(s.tok_start, s.tok_end)) | set(range(o.tok_start, o.tok_end))
    if top is None:
        out.append("no_path")
    else:
        lca = t.lemma[top]
        steps = [f"^{t.dep[i]}" for i in up_s] + [f"v{t.dep[i]}" for i in reversed(up_o)]
        out += [f"lca={lca}", f"lca_sig={lca}|{sig}", f"lca_pos={t.pos[top]}", f"path_len={bucket(len(steps))}"]
        if len(steps) <= 6:
            out += [f"path={'/'.join(steps)}", f"path_lca={'/'.join(steps)}|{lca}"]
        for i in up_s[1:] + up_o[1:] + [top]:
            if i not in inside:
                lem = t.lemma[i]
                out += [f"pl={lem}", f"pl_sig={lem}|{sig}"]
                out += [f"lex_path={p}|{sig}" for p in lex.get(lem, ())] + [f"lex_path={p}" for p in lex.get(lem, ())]
        if top in t.negated:
            out.append("lca_neg")
    lo, hi = min(s.tok_end, o.tok_end), max(s.tok_start, o.tok_start)
    out.append(f"gap={bucket(max(hi - lo, 0))}")
    if 0 < hi - lo <= 10:
        out += [f"bw={t.lemma[i]}" for i in range(lo, hi) if t.keep[i]]
        for i in range(lo, hi):
            out += [f"lex_bw={p}|{sig}" for p in lex.get(t.lemma[i], ())]
    n = len(t.lower)
    if s.tok_start > 0:
        out.append(f"s_prev={t.lower[s.tok_start - 1]}")
    if o.tok_start > 0:
        out.append(f"o_prev={t.lower[o.tok_start - 1]}")
    if o.tok_end < n:
        out.append(f"o_next={t.lower[o.tok_end]}")
    if s.tok_end < n:
        out.append(f"s_next={t.lower[s.tok_end]}")
    return sorted(set(out))
