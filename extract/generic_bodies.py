"""Generic names that stand for a body the article names: a bare "Federal Government" is the State its
sentences name, a lone "the Authority" is the authority named before. Both run on one document's
mentions and local entities, after the mention finder and before the relations."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from extract.entity_cues import cues
from extract.gazetteer import default_gazetteer
from extract.records import LocalEntity, Mention


def fold_lone_heads(mentions: list[Mention], entities: list[LocalEntity]) -> tuple[list[Mention], list[LocalEntity]]:
    """'The Authority takes note ...' after 'the Zambia Broadcasting Standards Authority': a name that
    is only a body's head noun is that body: the last one named before it whose head is the word, else the
    last one with the word anywhere in its name."""
    heads = {w for cls in ("Agency", "Organization") for w in cues()["head_nouns"][cls]}   # "network" too
    outlet_heads = set(cues()["head_nouns"]["Outlet"])   # "the Courier" after "the Kopetdag Courier"
    by_id = {e.id: e for e in entities}
    lone = {e.id for e in entities if len(e.label.split()) == 1 and not e.aliases
            and (e.label.lower() in heads or e.cls == "Outlet" and e.label.lower() in outlet_heads)}
    if not lone:
        return mentions, entities
    order = sorted((m for m in mentions if m.entity in by_id), key=lambda m: m.start)
    target: dict[str, str] = {}
    for m in order:
        if m.entity in lone and m.entity not in target:
            before = [by_id[b.entity] for b in reversed(order) if b.end <= m.start and b.entity not in lone]
            found = _lone_target(by_id[m.entity], before, heads)
            if found is not None:
                target[m.entity] = found
    for m in mentions:
        if m.entity in target:
            m.entity, m.cls, m.kind = target[m.entity], by_id[target[m.entity]].cls, "description"
    return mentions, [e for e in entities if e.id not in target]


def _lone_target(lone: LocalEntity, before: list[LocalEntity], heads: set[str]) -> str | None:
    """The body (nearest first) a lone head word names: first one whose own head is the word ("the Zambia
    Broadcasting Standards Authority", not the "Board of the Authority" named after it), else one with the
    word anywhere in its name; an outlet's head word names an outlet whose name ends with it."""
    word = lone.label.lower()
    if lone.cls == "Outlet" and word not in heads:   # "the Courier" after "the Kopetdag Courier"
        return next((e.id for e in before if e.cls == "Outlet"
                     and any(n.lower().split()[-1:] == [word] for n in {e.label, *e.aliases})), None)
    return next((e.id for e in before if any(head_word(n) == word for n in {e.label, *e.aliases})), None) \
        or next((e.id for e in before if names_word(e, word)), None)


def names_word(entity: LocalEntity, noun: str) -> bool:
    """Whether one of the entity's names has the noun as a word ("Interior Ministry", "Ministry of X")."""
    return any(noun in {w.lower().strip(".,'\u2019") for w in name.split()} for name in {entity.label, *entity.aliases})


def head_word(name: str) -> str:
    """A body's head noun: the word before its first "of" ("Board of the Authority"), else its last word."""
    words = name.lower().split()
    cut = words.index("of") if "of" in words[1:] else len(words)
    return words[cut - 1].strip(".,'’") if cut else ""


def fold_government(doc, mentions: list[Mention], entities: list[LocalEntity]) -> tuple[list[Mention], list[LocalEntity]]:
    """'The Federal Government suspended Twitter in Nigeria': a government named with no State is the
    State its sentences name (one State there), else the State the article names clearly most often
    (SCHEMA: demonym + government is the State; here the article supplies the demonym)."""
    generic = {g.lower() for g in cues()["bare_governments"]}
    govs = {e.id: e for e in entities if e.cls == "Agency" and not e.qualifier and e.label.lower() in generic}
    if not govs:
        return mentions, entities
    states = [m for m in mentions if m.cls == "State" and m.entity not in govs and not based_only(doc, m)]
    main = dominant_state(states)
    votes: dict[str, Counter] = {g: Counter() for g in govs}
    for m in mentions:
        if m.entity in govs and m.tok_start >= 0:
            sent = doc[m.tok_start].sent
            here = {x.entity for x in states if sent.start_char <= x.start < sent.end_char}
            if len(here) == 1:
                votes[m.entity][here.pop()] += 1
    by_id = {e.id: e for e in entities}
    target = {g: (v.most_common(1)[0][0] if v else main) for g, v in votes.items()}
    target = {g: t for g, t in target.items() if t is not None}
    for g, t in target.items():
        by_id[t].aliases.add(govs[g].label)
    for m in mentions:
        if m.entity in target:
            m.entity, m.cls = target[m.entity], "State"
    return mentions, [e for e in entities if e.id not in target]


def home_state(doc, states: list[Mention]) -> Mention | None:
    """The first mention of the State an article names at least twice as often as any other (not counting
    where someone is only based: "the US-based cleric"), if one does."""
    states = [m for m in states if not based_only(doc, m)]
    main = dominant_state(states)
    return next((m for m in states if m.entity == main), None)


def dominant_state(states: list[Mention]) -> str | None:
    """The entity of the State mentions that an article names at least twice as often as any other, if one."""
    ranked = Counter(m.entity for m in states).most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None


def based_only(doc, m: Mention) -> bool:
    """"the US-based cleric": a State named only as where someone is based is not the one governing."""
    if m.tok_start < 0:
        return False
    head = doc[m.tok_end - 1].head
    return doc[m.tok_end - 1].dep_ in ("npadvmod", "compound", "nmod") and head.lemma_.lower() == "base"


def unknown_states(mentions: list[Mention], entities: list[LocalEntity]) -> list[LocalEntity]:
    """A name typed State that no list knows as a State, a capital, or a formal name around a State's name
    ("Arab Republic of Egypt"), and that the text does not show governing ("Freedonia's government", rules
    role.state_*), is a place (SCHEMA: a State is a sovereign country; "Kandahar ... elsewhere in the country")."""
    gaz = default_gazetteer()

    def known(name: str) -> bool:
        k = gaz.lookup(name)
        return (k is not None and k.cls == "State") or gaz.capital_of(name) is not None or any(
            f" {s} " in f" {name.lower()} " for s in _state_names())
    acting = {m.entity for m in mentions if m.rule.startswith("role.state_")}   # "Freedonia's government banned"
    places = {e.id for e in entities if e.cls == "State" and e.id not in acting
              and not any(known(n) for n in (e.label, *e.aliases))}
    for e in entities:
        if e.id in places:
            e.cls = "Place"
    for m in mentions:
        if m.entity in places:
            m.cls = "Place"
    return entities


@lru_cache(maxsize=1)
def _state_names() -> tuple[str, ...]:
    """Every State's name and alias in the gazetteer, lower case (read once per process)."""
    return tuple(s.lower() for k in default_gazetteer().entries if k.cls == "State" for s in (k.name, *k.aliases))
