"""Small corpora built by hand, so view tests do not depend on extraction quality."""
from __future__ import annotations

import random

from extract.records import Corpus, Document, Entity, Relation

HOSTILE = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "<script>window.__pwned=2</script>"
HREF_NAME = '<a href="javascript:window.__pwned=3">Ahrefs Media</a>'


def entity(cls: str, label: str, docs=("d1",), aliases=()) -> Entity:
    return Entity(f"{cls}/{label.lower().replace(' ', '-')}", label, cls, set(aliases) | {label}, set(docs))


def corpus(entities: list[Entity], relations: dict[str, list[Relation]], docs: list[Document] | None = None) -> Corpus:
    docs = docs or [Document(d, f"{d}.txt", "", headline=f"Headline of {d}") for d in sorted(relations)]
    return Corpus(docs, {e.id: e for e in entities}, relations, {d.doc_id: [] for d in docs})


def rel(s: Entity, prop: str, o: Entity, sentence: str, start: int = 0, hedged: bool = False,
        rule: str = "test.rule.v1") -> Relation:
    return Relation(s.id, prop, o.id, sentence, start, start + len(sentence), rule, 0.8, hedged)


def toy_corpus() -> Corpus:
    """Two documents, five actors of four classes, three properties, one hedged edge, one edge stated twice."""
    ministry = entity("Agency", "Ministry of Harbours", ("d1", "d2"), ["the ministry"])
    paper = entity("Outlet", "Coastal Courier", ("d1", "d2"))
    editor = entity("Person", "Mira Okonjo", ("d1",))
    state = entity("State", "Veltravia", ("d2",))
    app = entity("Platform", "ChatLine", ("d2",))
    lonely = entity("Place", "Port Aldine", ("d2",))
    s1 = "The Ministry of Harbours ordered the Coastal Courier to delete its report on the docks."
    s2 = "Officials at the ministry again told the Courier to take the report down."
    s3 = "Mira Okonjo edits the Coastal Courier."
    s4 = "Veltravia may have throttled ChatLine during the strike, activists said."
    s5 = "The Ministry of Harbours is part of the government of Veltravia."
    relations = {
        "d1": [rel(ministry, "requestedRemoval", paper, s1, 0), rel(editor, "leads", paper, s3, 200)],
        "d2": [rel(ministry, "requestedRemoval", paper, s2, 10), rel(state, "blocked", app, s4, 120, hedged=True),
               rel(ministry, "partOf", state, s5, 300)],
    }
    return corpus([ministry, paper, editor, state, app, lonely], relations)


def hostile_corpus() -> Corpus:
    """Labels, sentences, headlines and rules that would run script if any reached the page as HTML."""
    bad = entity("Organization", HREF_NAME, ("d1",), [HOSTILE])
    victim = entity("Outlet", HOSTILE, ("d1",))
    person = entity("Person", "Tom </script><script>window.__pwned=4</script>", ("d1",))
    sentence = f"{HREF_NAME} asked {HOSTILE} to remove a post {HOSTILE_SCRIPT}."
    docs = [Document("d1", "d1.txt", "", headline=f"Breaking {HOSTILE}", author=HOSTILE_SCRIPT)]
    relations = {"d1": [rel(bad, "requestedRemoval", victim, sentence, 0, rule=HOSTILE),
                        rel(person, "memberOf", bad, f"Tom joined {HREF_NAME}.", 100)]}
    return corpus([bad, victim, person], relations, docs)


def big_corpus(n: int = 2000, edges_per_node: int = 2, seed: int = 1) -> Corpus:
    """A preferential-attachment network of n actors, for size and speed checks."""
    rng = random.Random(seed)
    classes = ["Person", "Outlet", "State", "Agency", "Group", "Organization", "Platform"]
    props = ["requestedRemoval", "blocked", "pressured", "leads", "memberOf", "criticized"]
    ents = [entity(rng.choice(classes), f"Actor {i}", (f"d{i % 50}",)) for i in range(n)]
    targets: list[int] = [0, 1]
    relations: dict[str, list[Relation]] = {}
    for i in range(2, n):
        for j in {rng.choice(targets) for _ in range(edges_per_node)}:
            d = f"d{i % 50}"
            relations.setdefault(d, []).append(
                rel(ents[i], rng.choice(props), ents[j], f"Actor {i} did something to Actor {j}.", i))
            targets += [i, j]
    return corpus(ents, relations)
