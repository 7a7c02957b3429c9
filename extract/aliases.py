"""Alias resolution: mentions to document-local entities, then one entity per thing in the corpus.

Inside a document, mentions join when they share a canonical name, a
gazetteer entry, an acronym definition ("Federal Security Service (FSB)"), a
domain ("Kloop.kg" = "Kloop"), a surname ("Mamaev" = "Zhanbolat Mamaev") or
the same agency name under the same State. Across documents, entities join on
canonical name and class (an Agency also on its State), and on a surname or
multi-word alias that points to exactly one entity: two things are never
merged only because they share a short name.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from extract.entity_cues import W_GAZ, cues
from extract.gazetteer import Gazetteer, default_gazetteer
from extract.records import DocResult, Entity, LocalEntity, Mention, Relation

LATENT = 0.2          # weight of an untyped capitalised run (entity_cues.W_LATENT)
WEAK = 2.0            # summed cue weight below which an entity's class may yield to another document's
STOP = {"the", "of", "and", "for", "state", "on", "in"}


@lru_cache(maxsize=1 << 18)
def norm(s: str) -> str:
    """The matching key the scorer uses: case, leading 'the', possessive, punctuation. Cached: the corpus
    merge asks for the same few thousand labels over a million times."""
    s = unicodedata.normalize("NFKC", s).replace("\u00a0", " ").strip().lower()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"(['\u2019]s|['\u2019])$", "", s)
    s = re.sub(r"[^\w\s]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def slug(s: str) -> str:
    return re.sub(r"[^\w]+", "_", norm(s)).strip("_") or "x"


def strip_domain(s: str) -> str:
    return re.sub(r"\.[a-z]{2,5}$", "", s.strip())


def compact(label: str) -> str:
    """A name's letters and digits only, without accents ("Al-Jazeera", "AlJazeera" and "Al Jazeera" alike)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", norm(label)) if ch.isalnum())


def agency_key(label: str) -> frozenset[str]:
    """"State Committee of National Security" and "National Security Committee" share a key."""
    return frozenset(w for w in norm(label).split() if w not in STOP)


class _Union:
    """Union-find; each group also carries the union of its members' tags (the States of its agencies)."""
    def __init__(self, n: int, tags: list[frozenset] | None = None):
        self.parent = list(range(n))
        self.tags = list(tags) if tags is not None else [frozenset()] * n

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def tags_of(self, i: int) -> frozenset:
        return self.tags[self.find(i)]

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.tags[min(ra, rb)] = self.tags[ra] | self.tags[rb]


def _label(m: Mention) -> str:
    text = m.label or m.text
    text = re.sub(r"^(the|The)\s+", "", text.strip()) if not m.label else text
    return re.sub(r"(['\u2019]s)$", "", text).strip()


def vote(evidence) -> dict[str, float]:
    """Class -> strength from (class, weight) pairs: the strongest cue, plus a little for each repetition,
    so that one apposition outweighs a name that NER labelled ORG ten times."""
    best: dict[str, float] = {}
    count: dict[str, int] = defaultdict(int)
    for cls, w in evidence:
        best[cls] = max(best.get(cls, 0.0), w)
        count[cls] += 1
    return {c: round(best[c] + min(0.1 * (count[c] - 1), 1.0), 3) for c in best}


def _best(weights: dict[str, float]) -> str:
    return max(sorted(weights), key=lambda c: weights[c])


def resolve_document(mentions: list[Mention], doc_id: str,
                     gazetteer: Gazetteer | None = None) -> list[LocalEntity]:
    """Group a document's mentions into local entities; sets Mention.entity."""
    gaz = gazetteer or default_gazetteer()
    names = [m for m in mentions if m.kind in ("name", "acronym", "demonym")]
    u = _Union(len(names))
    first: dict[tuple, int] = {}
    for i, m in enumerate(names):
        label = _label(m)
        known = gaz.lookup(label)
        keys = [("label", norm(label), m.qualifier if m.cls == "Agency" else "")]
        if known and known.cls == m.cls:   # a capital named as a place is not its State
            keys.append(("gaz", known.name))
        if m.kind == "acronym":
            keys.append(("label", norm(m.text), ""))
        if (bare := strip_domain(label)) != label:
            keys.append(("label", norm(bare), ""))
        if m.cls in ("Outlet", "Platform", "Organization"):   # "Aljazeera.net" = "Al Jazeera", "Birgun.net" = "Birgün"
            keys.append(("compact", compact(bare)))
        if m.cls == "Agency" and m.qualifier:
            keys.append(("agency", agency_key(label), m.qualifier))
        for k in keys:
            if k in first:
                u.join(first[k], i)
            else:
                first[k] = i
    # an unqualified agency ("the Prosecutor") joins the one qualified agency of the same name
    for i, m in enumerate(names):
        if m.cls == "Agency" and not m.qualifier:
            key = agency_key(_label(m))
            hits = {u.find(j) for j, n in enumerate(names) if n.cls == "Agency" and n.qualifier
                    and (agency_key(_label(n)) == key or (key and key <= agency_key(_label(n)) and len(key) == 1))}
            if len(hits) == 1:
                u.join(hits.pop(), i)
    # a bare acronym joins the one multi-word name whose initials it spells ("IS" = "Islamic State")
    initials: dict[str, set[int]] = defaultdict(set)
    for j, n in enumerate(names):
        words = [w for w in re.split(r"[\s-]+", _label(n)) if w[:1].isupper()]
        if len(words) > 1 and n.cls != "Person":
            initials["".join(w[0] for w in words)].add(u.find(j))
    for i, m in enumerate(names):
        text = m.text.strip()
        if text.isupper() and text.isalpha() and 2 <= len(text) <= 6:
            hits = {u.find(j) for j in initials.get(text, ())}
            if len(hits) == 1:
                u.join(hits.pop(), i)
    # a surname alone joins the last full name that ends with it, or that holds it inside ("Quiñones" for
    # "Armando Quiñones Ledesma", a paternal surname), or opens it before a hyphenated given name ("Wong" for
    # "Wong Tsz-kit")
    for i, m in enumerate(names):
        words = _label(m).split()
        if len(words) != 1 or m.weight >= 3 and m.cls != "Person":
            continue
        for j in range(len(names) - 1, -1, -1):
            n = names[j]
            full = _label(n).split()
            if j != i and n.cls == "Person" and len(full) > 1 and (
                    full[-1] == words[0] or len(full) >= 3 and words[0] in full[1:-1]
                    or len(full) == 2 and full[0] == words[0] and "-" in full[1]):
                u.join(j, i)
                if m.weight < 3:   # NER often calls a lone surname an ORG or a place
                    m.cls = "Person"
                break

    _join_short_forms(names, u, gaz)
    # a title and its translation in brackets: "Ma Bghinach" ("We Don't Want You") is one work
    for i, (a, b) in enumerate(zip(names, names[1:])):
        if a.cls == b.cls == "Work" and 0 < b.start - a.end <= 4:
            u.join(i, i + 1)

    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(names):
        groups[u.find(i)].append(m)
    entities = []
    for n, (_, group) in enumerate(sorted(groups.items())):
        weights = vote((m.cls, m.weight) for m in group)
        cls = _best(weights)
        known = next((gaz.lookup(_label(m)) for m in group if gaz.lookup(_label(m))), None)
        if known and known.cls == cls:
            label = known.name
        else:
            pool = [m for m in group if m.kind == "name" and weights.get(m.cls, 0) <= weights[cls]] or group
            label = max((_label(m) for m in pool), key=lambda s: (len(s.split()), "." not in s, len(s)))
        qualifier = next((m.qualifier for m in group if m.qualifier), "") if cls == "Agency" else ""
        ent = LocalEntity(f"{doc_id}#{n}", label, cls, wikidata=known.wikidata if known and known.cls == cls else None,
                          qualifier=qualifier, weights=dict(weights))
        for m in group:
            m.entity = ent.id
            m.cls = cls
            for alias in {m.text.strip(), _label(m), m.written}:
                if alias and alias != label:
                    ent.aliases.add(alias)
        entities.append(ent)   # aliases are the forms this text uses: OUTPUT.md, not the gazetteer's list
    return entities


def _join_short_forms(names: list[Mention], u: _Union, gaz: Gazetteer) -> None:
    """Short forms of a longer name in the same text, each joined only when one longer name fits it:
    "Mancho Tabi" = "Mancho Ebenezer Tabi" (a middle name left out); "Sahel Wire" = "Sahel Wire Service"
    and "Kapija" = "Kapija Portal" (a body's name without its head noun); "Andrei" = "Andrei Ryzhkevich"
    (a first name alone, as features and interviews use it)."""
    heads = {w for ws in cues()["head_nouns"].values() for w in ws}
    words = [_label(m).split() for m in names]
    for i, m in enumerate(names):
        short = words[i]
        if m.kind != "name" or not short or gaz.lookup(_label(m)) or m.cls in ("State", "Place"):
            continue
        if len(short) == 1 and any(n.cls == "Person" and len(w) > 1 and w[-1] == short[0]
                                   for n, w in zip(names, words)):
            continue   # "Temirov" when the text names Bolot Temirov and his Temirov Live: his surname (joined above)
        hits, loose = set(), set()
        for j, n in enumerate(names):
            full = words[j]
            if len(full) <= len(short) or n.kind != "name" or u.find(j) == u.find(i):
                continue
            if n.cls == "Person":
                if len(short) > 1 and (full[0] == short[0] and full[-1] == short[-1] and _in_order(short, full)
                                       or full[-len(short):] == short or full[:len(short)] == short):
                    hits.add(u.find(j))   # "Vilela Hauck" = "Patrícia Vilela Hauck", "Ayuk Bessem" = "Ayuk Bessem Tanyi"
                elif len(short) == 1 and full[0] == short[0] and m.cls == "Person":
                    loose.add(u.find(j))
            elif n.cls in ("State", "Place"):
                continue
            elif full[:len(short)] == short and (all(w.lower() in heads for w in full[len(short):])
                                                 or n.cls in ("Agency", "Organization") and full[len(short)] in ("in", "of")
                                                 and n.label == n.written):
                hits.add(u.find(j))   # "Regional Court" = "Regional Court in Warsaw" (mentions._qualify)
        if len(hits) == 1 or not hits and len(loose) == 1:
            u.join((hits or loose).pop(), i)


def _in_order(short: list[str], full: list[str]) -> bool:
    it = iter(full)
    return all(w in it for w in short)


def drop_latent(mentions: list[Mention], entities: list[LocalEntity]) -> tuple[list[Mention], list[LocalEntity]]:
    """Entities resting only on untyped capitalised runs are dropped unless a description or pronoun
    refers to them or they joined a typed mention."""
    vouched = {m.entity for m in mentions if m.kind in ("description", "pronoun") or m.weight > LATENT}
    weak = {e.id for e in entities if e.id not in vouched and max(e.weights.values(), default=0) < 2.0}
    return [m for m in mentions if m.entity not in weak], [e for e in entities if e.id not in weak]


def qualifier_relations(doc, mentions: list[Mention], entities: list[LocalEntity],
                        gazetteer: Gazetteer | None = None) -> list[Relation]:
    """An Agency named with its State is partOf that State ("alias.partOf.v1")."""
    gaz = gazetteer or default_gazetteer()
    _states_in_names(doc, mentions, entities, gaz)
    by_id = {e.id: e for e in entities}
    states = {e.label: e for e in entities if e.cls == "State"}
    out, seen = [], set()
    for m in mentions:
        ent = by_id.get(m.entity)
        if ent is None or ent.cls != "Agency" or not ent.qualifier or ent.id in seen:
            continue
        known = gaz.lookup(ent.qualifier)
        state = states.get(known.name if known else ent.qualifier)
        if state is None or not _names_state(doc, m, state, mentions, gaz):
            continue
        seen.add(ent.id)
        sent = doc[m.tok_start].sent if doc is not None and m.tok_start >= 0 else None
        sentence, start, end = (sent.text, sent.start_char, sent.end_char) if sent is not None else (m.text, m.start, m.end)
        out.append(Relation(ent.id, "partOf", state.id, sentence, start, end, "alias.partOf.v1", 0.8))
    return out


OF_STATE = re.compile(r"\bof\s+(?:the\s+)?")


def _states_in_names(doc, mentions: list[Mention], entities: list[LocalEntity], gaz: Gazetteer) -> None:
    """"Supreme Court of Tajikistan", "Prosecutor General's Office of the Kyrgyz Republic": the State at the
    end of an agency's name is named too. Its mention is added (inside the agency's) and the agency's
    qualifier set, so that the agency is partOf it."""
    by_id = {e.id: e for e in entities}
    states = {e.label: e for e in entities if e.cls == "State"}
    for m in list(mentions):
        ent = by_id.get(m.entity)
        if ent is None or ent.cls != "Agency" or m.kind != "name" or m.tok_start < 0 or doc is None:
            continue
        # the last "of" that a State follows: "Ministry of Justice of Georgia", not "of Justice of Georgia"
        found = next((f for f in OF_STATE.finditer(m.text) if gaz.state(m.text[f.end():])), None)
        known = gaz.state(m.text[found.end():]) if found else None
        if known is None:
            continue
        ent.qualifier = ent.qualifier or known.name
        state = states.get(known.name)
        if state is None:
            state = states[known.name] = LocalEntity(f"{ent.id}~{slug(known.name)}", known.name, "State",
                                                     weights={"State": W_GAZ})
            entities.append(state)
        start = m.start + found.end()
        span = doc.char_span(start, m.end, alignment_mode="expand")
        mentions.append(Mention(start, m.end, m.text[found.end():], "State", state.id, "name", "agency.of_state.v1",
                                span.start if span is not None else -1, span.end if span is not None else -1,
                                weight=W_GAZ))


def _names_state(doc, m: Mention, state: LocalEntity, mentions: list[Mention], gaz: Gazetteer) -> bool:
    """Whether the text names the State with this agency mention ("Russia's FSB", "the Russian Justice
    Ministry", "the FSB ... in Russia" in one sentence), not only the gazetteer, and not only by its capital."""
    if doc is None or m.tok_start < 0:
        return True
    sent = doc[m.tok_start].sent
    if any(x.entity == state.id and sent.start <= x.tok_start < sent.end and gaz.capital_of(x.text) is None
           for x in mentions):   # not the dateline's "TUNIS, 9 November - The Tunis Court of First Instance"
        return True
    near = doc[max(sent.start, m.tok_start - 3):min(sent.end, m.tok_end + 3)]
    return any((k := gaz.state(t.text)) is not None and k.name == state.label and gaz.capital_of(t.text) is None
               for t in near)   # not "the Dakar Regional Court": a court of the capital (the reader is not told
    # it is the State's, and the blind annotators do not mark it so)


def _home_qualifiers(results: list[DocResult]) -> None:
    """An agency the text names without its State ("the Ministry of Information", "the Supreme Court") is the
    one of the State the article is about, when one State clearly dominates it (twice the weight of the next):
    so that two countries' ministries of one name stay apart across documents. Names the gazetteer knows
    (international bodies) keep no qualifier."""
    gaz = default_gazetteer()
    for r in results:
        states = sorted((e.weights.get("State", 0.0) if e.weights else 1.0, e.label)
                        for e in r.entities if e.cls == "State")
        if not states or len(states) > 1 and states[-1][0] < 2 * states[-2][0]:
            continue
        for e in r.entities:
            if e.cls == "Agency" and not e.qualifier and not e.wikidata and not gaz.lookup(e.label):
                e.qualifier = states[-1][1]


def _global_id(ent: LocalEntity) -> str:
    gid = f"{ent.cls}/{slug(ent.label)}"
    if ent.cls == "Agency" and ent.qualifier and norm(ent.qualifier) not in norm(ent.label):
        gid += "__" + slug(ent.qualifier)
    return gid


def qualified_label(ent: LocalEntity, written: set[str] = frozenset()) -> str:
    """An agency of a State is labelled with it, so that two States' ministries of one name are told apart in
    the views; the bare name stays an alias. The text's own form with the State's name or demonym before the
    bare name is the label when there is one ("Pakistan Telecommunication Authority", "Nigerian Communications
    Commission"), else "Interior Ministry of Tajikistan". A name that already holds the State, its demonym or
    its capital is left as it is ("Kazakh Embassy in Moscow"), and so is a name the gazetteer knows."""
    gaz = default_gazetteer()
    if ent.cls != "Agency" or not ent.qualifier or gaz.lookup(ent.label) is not None:
        return ent.label   # a name the gazetteer knows keeps the gazetteer's form ("Federal Security Service")
    known = gaz.lookup(ent.qualifier)
    forms = {norm(f) for f in [ent.qualifier, *(known.surfaces() + known.demonyms if known else [])] if f}
    bare = norm(ent.label)
    if any(f" {f} " in f" {bare} " for f in forms):
        return ent.label
    prefixed = sorted(w for w in written if w[:1].isupper() and "'" not in w and "’" not in w
                      and any(norm(w) == f"{f} {bare}" for f in forms))
    return prefixed[0] if prefixed else f"{ent.label} of {ent.qualifier}"


def merge_corpus(results: list[DocResult]) -> tuple[dict[str, Entity], dict[str, str]]:
    """One Entity per real-world thing across documents.

    Returns the entities by global id and the map local id -> global id.
    """
    locals_ = [(r.document.doc_id, e) for r in results for e in r.entities]
    _home_qualifiers(results)
    u = _Union(len(locals_), [frozenset([e.qualifier]) if e.cls == "Agency" and e.qualifier else frozenset()
                              for _, e in locals_])
    first: dict[tuple, int] = {}

    def strength(e: LocalEntity) -> float:
        return e.weights.get(e.cls, 1.0) if e.weights else 1.0

    for i, (_, e) in enumerate(locals_):
        key = ("label", norm(e.label), e.qualifier if e.cls == "Agency" else "")
        for cls_key in {(e.cls,) + key, (e.cls, "label", norm(strip_domain(e.label)), key[2])}:
            if cls_key in first:
                u.join(first[cls_key], i)
            else:
                first[cls_key] = i
    for i, (_, e) in enumerate(locals_):   # "State Committee of National Security" = "National Security Committee"
        if e.cls == "Agency" and e.qualifier:
            key = ("agency", agency_key(e.label), e.qualifier)
            if key in first:
                u.join(first[key], i)
            else:
                first[key] = i
    # same name, classes disagree ("The Diplomat" Organization here, Outlet there): when one class has clearly
    # more evidence over the corpus the others yield; an even split (Person "Jordan", State "Jordan") stays apart
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, (_, e) in enumerate(locals_):
        by_name[norm(e.label)].append(i)
    for name, idx in by_name.items():
        totals = vote((locals_[i][1].cls, strength(locals_[i][1])) for i in idx)
        if len(totals) < 2:
            continue
        ranked = sorted(totals.values(), reverse=True)
        geographic = set(totals) <= {"Place", "State"}   # one name on the map is one thing
        spelled_out = len(name.split()) > 2   # "Jamuna Press Freedom Alliance" names one thing wherever it stands
        if not (geographic or spelled_out) and ranked[0] < 2 * ranked[1] \
                and not (ranked[0] >= 3.0 and ranked[1] < WEAK):
            continue
        top = _best(totals)
        anchor = next(i for i in idx if locals_[i][1].cls == top)
        for i in idx:
            e = locals_[i][1]
            if e.cls != "Agency" or not e.qualifier:
                u.join(anchor, i)
    # multi-word aliases and surnames that point to exactly one entity
    alias_index: dict[str, set[int]] = defaultdict(set)
    for i, (_, e) in enumerate(locals_):
        for a in {e.label, *e.aliases}:
            if len(norm(a).split()) > 1 or (a.isupper() and len(a) >= 2):
                alias_index[(e.cls, norm(a))].add(u.find(i))
    for i, (_, e) in enumerate(locals_):
        hits = set()
        for a in {e.label, *e.aliases}:
            hits |= {u.find(j) for j in alias_index.get((e.cls, norm(a)), ())}
        hits.discard(u.find(i))
        if e.cls == "Agency":   # two States' interior ministries stay apart, also through an unqualified third
            hits = {h for h in hits if len(u.tags_of(h) | u.tags_of(i)) <= 1}
        if len({u.find(h) for h in hits}) == 1:
            u.join(hits.pop(), i)
    by_surname: dict[str, list[int]] = defaultdict(list)   # full person names by their last word
    for i, (_, e) in enumerate(locals_):
        if e.cls == "Person" and len(e.label.split()) > 1:
            by_surname[e.label.split()[-1]].append(i)
    for i, (_, e) in enumerate(locals_):
        if e.cls == "Person" and len(e.label.split()) == 1:
            hits = {u.find(j) for j in by_surname.get(e.label, ())}
            if len(hits) == 1:
                u.join(hits.pop(), i)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(locals_)):
        groups[u.find(i)].append(i)
    entities: dict[str, Entity] = {}
    bare: dict[str, str] = {}   # an agency's name without its State ("Interior Ministry"), by id
    local_to_global: dict[str, str] = {}
    for idx in groups.values():
        members = [locals_[i] for i in idx]
        weights = vote((c, w) for _, e in members for c, w in (e.weights or {e.cls: 1.0}).items())
        cls = _best(weights)
        typed = [e for _, e in members if e.cls == cls] or [e for _, e in members]
        label_counts: dict[str, int] = defaultdict(int)
        for e in typed:
            label_counts[e.label] += 1
        label = max(label_counts, key=lambda s: (len(s.split()), label_counts[s], "." not in s, len(s), s))
        rep = next(e for e in typed if e.label == label)
        rep = LocalEntity(rep.id, label, cls, qualifier=next((e.qualifier for e in typed if e.qualifier), ""))
        gid = _global_id(rep)
        ent = entities.get(gid)
        if ent is None:
            written = {a for _, e in members for a in {e.label, *e.aliases}}
            ent = entities[gid] = Entity(gid, qualified_label(rep, written), cls,
                                         wikidata=next((e.wikidata for _, e in members if e.wikidata), None))
            bare[gid] = label
        for doc_id, e in members:
            ent.aliases |= e.aliases | ({e.label} if e.label != ent.label else set())
            ent.docs.add(doc_id)
            local_to_global[e.id] = gid
    # "Bishkek" acting is Kyrgyzstan, but where Bishkek is also a place of its own, the State does not
    # carry its name: a name that labels one entity is no alias of another
    labels = Counter(norm(n) for e in entities.values() for n in {e.label, bare[e.id]})
    for ent in entities.values():
        ent.aliases.discard(ent.label)
        own = {norm(ent.label), norm(bare[ent.id])}
        ent.aliases = {a for a in ent.aliases if labels[norm(a)] == 0 or norm(a) in own}
    return entities, local_to_global
