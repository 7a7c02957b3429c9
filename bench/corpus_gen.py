"""Make N realistic-looking news articles for scale runs.

Articles are built from templates over a pool of invented actors (bench/data/pools.yaml):
a dateline, headline, byline, paragraphs mixing relation sentences (removal requests,
blocking, detentions, ownership, ...) with filler, and an outlet footer. The same seed
gives the same corpus. Only for measuring speed and memory; nothing is scored on it.

    python bench/corpus_gen.py 1000 /tmp/corpus1k [--seed 7] [--words 450]
"""
from __future__ import annotations

import argparse
import random
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

POOLS = Path(__file__).resolve().parent / "data" / "pools.yaml"
# which kinds of actor fill {a} and {b} for each relation
ROLES = {
    "requestedRemoval": (["agency", "state", "person_official"], ["outlet", "platform"]),
    "blocked": (["agency", "state"], ["outlet", "platform"]),
    "pressured": (["agency", "state", "person_official"], ["outlet", "person", "group"]),
    "detained": (["agency"], ["person"]),
    "sued": (["person_official", "agency", "person"], ["outlet", "person"]),
    "fined": (["agency"], ["outlet", "platform"]),
    "banned": (["agency", "state"], ["outlet"]),
    "leads": (["person", "person_official"], ["outlet", "group", "agency"]),
    "memberOf": (["person"], ["group"]),
    "owns": (["person", "group"], ["outlet"]),
    "worksFor": (["person"], ["outlet"]),
    "criticized": (["group", "person", "state"], ["agency", "state", "platform"]),
    "supported": (["group", "state", "person"], ["outlet", "person", "group"]),
    "funded": (["state", "group", "person"], ["outlet", "group"]),
}


@dataclass
class Pool:
    data: dict
    actors: dict[str, list[str]]


def load_pool(seed: int = 7, people: int = 400, path: Path = POOLS) -> Pool:
    """The cast of the whole corpus: actors shared across articles, as in a real news stream."""
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    states, places = d["states"], d["places"]

    def fill(template: str) -> str:
        state = rng.choice(states)
        return template.format(state=state, demonym=d["demonyms"][state], place=rng.choice(places),
                               n=rng.randint(2, 12), word=rng.choice(d["words"]))
    names = {f"{f} {l}" for f in d["first_names"] for l in d["last_names"]}
    names = sorted(names)
    rng.shuffle(names)
    actors = {
        "state": list(states),
        "person": names[:people],
        "person_official": names[people:people + people // 4],
        "outlet": sorted({fill(t) for t in d["outlets"] for _ in range(6)}),
        "agency": sorted({fill(t) for t in d["agencies"] for _ in range(6)}),
        "group": sorted({fill(t) for t in d["groups"] for _ in range(5)}),
        "platform": list(d["platforms"]),
    }
    return Pool(d, actors)


def _describe(rng: random.Random, pool: Pool, kind: str, name: str, first: bool) -> str:
    """First mention with a role, later ones by surname, as newspapers write."""
    if kind == "person":
        roles = pool.data["person_roles"]
        return f"{roles[zlib.crc32(name.encode()) % len(roles)]} {name}" if first else name.split()[-1]
    if kind == "person_official":
        state = rng.choice(pool.data["states"])
        return f"{pool.data['demonyms'][state]} {rng.choice(pool.data['official_roles'])} {name}" if first \
            else name.split()[-1]
    return name


def article(index: int, pool: Pool, seed: int = 7, words: int = 450) -> tuple[str, str]:
    rng = random.Random(seed * 1_000_003 + index)
    d = pool.data
    cast: dict[str, list[str]] = {k: rng.sample(v, min(len(v), 3)) for k, v in pool.actors.items()}
    seen: set[str] = set()

    def actor(kinds: list[str]) -> str:
        kind = rng.choice(kinds)
        name = rng.choice(cast[kind])
        text = _describe(rng, pool, kind, name, name not in seen)
        seen.add(name)
        return text

    def slots() -> dict:
        return {"place": rng.choice(d["places"]), "day": rng.choice(d["days"]), "year": rng.randint(2008, 2024),
                "n": rng.randint(3, 40), "state": rng.choice(d["states"]), "role": rng.choice(d["person_roles"]),
                "work": rng.choice(d["works"]).format(place=rng.choice(d["places"]), word=rng.choice(d["words"]))}

    def sentence() -> str:
        if rng.random() < 0.45:
            return rng.choice(d["filler"]).format(**slots())
        prop = rng.choice(list(ROLES))
        subj_kinds, obj_kinds = ROLES[prop]
        text = rng.choice(d["relations"][prop]).format(a=actor(subj_kinds), b=actor(obj_kinds), **slots())
        return text[0].upper() + text[1:]

    body, count = [], 0
    while count < words:
        para = " ".join(sentence() for _ in range(rng.randint(3, 6)))
        body.append(para)
        count += len(para.split())
    state = rng.choice(d["states"])
    outlet = rng.choice(pool.actors["outlet"])
    date = f"{rng.randint(1, 28)} {rng.choice(d['months'])} {rng.randint(2012, 2025)}"
    headline = f"{d['demonyms'][state]} authorities move against {rng.choice(pool.actors['outlet'])}"
    byline = f"By {rng.choice(pool.actors['person'])}"
    footer = f"Read the full story at {outlet}"
    text = "\n".join([date, headline, byline, ""] + body + ["", footer]) + "\n"
    return f"{index:06d}_gen.txt", text


def generate(n: int, seed: int = 7, words: int = 450, pool: Pool | None = None) -> Iterator[tuple[str, str]]:
    pool = pool or load_pool(seed)
    for i in range(n):
        yield article(i, pool, seed, words)


def write_corpus(folder: Path, n: int, seed: int = 7, words: int = 450) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n, seed, words):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--words", type=int, default=450, help="about this many words per article")
    args = ap.parse_args(argv)
    paths = write_corpus(args.out, args.n, args.seed, args.words)
    total = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles, {total} words, to {args.out}")


if __name__ == "__main__":
    main()
