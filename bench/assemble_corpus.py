"""Assemble the blind-written batches into data/corpus/{train,dev,test} with one gold file per split.

Each writer's batch (a folder of articles, gold.json and NOTES.md) is split by the SHA-256 of the
document ids, before anyone looks at extraction results on them: per batch 60 % train, 20 % dev,
20 % test. The older held-out set (bench/heldout) keeps its own dev/test assignment. Entities that
two batches both name are merged by canonical name (aliases and docs united). Run once:

    .venv/bin/python bench/assemble_corpus.py RAW_DIR [RAW_DIR ...]

Batches written later, after the split was frozen, go to train only (dev and test stay as they are):

    .venv/bin/python bench/assemble_corpus.py --train-only RAW_DIR [RAW_DIR ...]
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "corpus"
SPLITS = ("train", "dev", "test")
# Two batches named one real thing differently: fold the first into the second.
SAME = {"X": "Twitter", "US State Department": "United States Department of State",
        "State Department": "United States Department of State"}
# Two batches named different things with one form: the form stays with the entity whose canonical
# name it is (the scorer matches by name alone and could not tell them apart).
DROP_ALIAS = {("Lebanese Ministry of Information", "Ministry of Information"),
              ("Ministry of Internal Affairs of Georgia", "Interior Ministry"),
              ("Supreme Court of Sri Lanka", "Supreme Court"), ("Supreme Court of Tajikistan", "Supreme Court"),
              ("Prosecutor General's Office of the Kyrgyz Republic", "Prosecutor General's Office"),
              ("United States", "Washington"), ("Pakistan", "Islamabad"), ("Raymond Tse", "Tse")}


def split_of(doc_ids: list[str]) -> dict[str, str]:
    ranked = sorted(doc_ids, key=lambda d: hashlib.sha256(d.encode()).hexdigest())
    n = len(ranked)
    n_dev = n_test = max(1, round(n * 0.2))
    return {d: ("dev" if i < n_dev else "test" if i < n_dev + n_test else "train") for i, d in enumerate(ranked)}


def batches(raw_dirs: list[Path]):
    """(folder, gold, doc -> split) for every writer batch, then the held-out set."""
    for raw in raw_dirs:
        gold = json.loads((raw / "gold.json").read_text(encoding="utf-8"))
        yield raw, gold, split_of(gold["docs"])
    heldout = ROOT / "bench" / "heldout"
    for split in ("dev", "test"):
        gold = json.loads((heldout / f"{split}.json").read_text(encoding="utf-8"))
        yield heldout / split, gold, {d: split for d in gold["docs"]}


def main(raw_dirs: list[Path]) -> None:
    merged = {s: {"docs": [], "entities": {}, "relations": []} for s in SPLITS}
    types: dict[tuple[str, str], Counter] = {}
    if OUT.exists():
        for s in SPLITS:
            shutil.rmtree(OUT / s, ignore_errors=True)
    for folder, gold, assign in batches(raw_dirs):
        for doc, split in assign.items():
            (OUT / split).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / f"{doc}.txt", OUT / split / f"{doc}.txt")
            merged[split]["docs"].append(doc)
        for r in gold["relations"]:
            r["s"], r["o"] = SAME.get(r["s"], r["s"]), SAME.get(r["o"], r["o"])
        for e in gold["entities"]:
            if e["name"] in SAME:
                e = {**e, "name": SAME[e["name"]], "aliases": [e["name"], *e.get("aliases", [])]}
            e = {**e, "aliases": [a for a in e.get("aliases", []) if (e["name"], a) not in DROP_ALIAS]}
            for split in sorted({assign[d] for d in e.get("docs", []) if d in assign}):
                docs = [d for d in e["docs"] if assign.get(d) == split]
                slot = merged[split]["entities"].setdefault(
                    e["name"], {"name": e["name"], "type": e["type"], "aliases": [], "docs": []})
                slot["aliases"] = sorted(set(slot["aliases"]) | set(e.get("aliases", [])))
                slot["docs"] = sorted(set(slot["docs"]) | set(docs))
                types.setdefault((split, e["name"]), Counter())[e["type"]] += len(docs)
        for r in gold["relations"]:
            merged[assign[r["doc"]]]["relations"].append(r)
    for (split, name), counts in types.items():
        if len(counts) > 1:
            top = counts.most_common(1)[0][0]
            print(f"{split}: {name!r} typed {dict(counts)} by different batches; kept {top}")
            merged[split]["entities"][name]["type"] = top
    for split, g in merged.items():
        g["docs"] = sorted(g["docs"])
        ents = [e for e in sorted(g["entities"].values(), key=lambda e: e["name"]) if e["docs"]]
        g = {"docs": g["docs"], "entities": ents, "relations": g["relations"]}
        (OUT / f"{split}.json").write_text(json.dumps(g, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        words = sum(len((OUT / split / f"{d}.txt").read_text(encoding="utf-8").split()) for d in g["docs"])
        print(f"{split}: {len(g['docs'])} docs, {words} words, {len(ents)} entities, {len(g['relations'])} relations")


def add_to_train(raw_dirs: list[Path]) -> None:
    """Append whole batches to the train split, merging entities by canonical name."""
    path = OUT / "train.json"
    train = json.loads(path.read_text(encoding="utf-8"))
    entities = {e["name"]: e for e in train["entities"]}
    for raw in raw_dirs:
        gold = json.loads((raw / "gold.json").read_text(encoding="utf-8"))
        for doc in gold["docs"]:
            if doc in train["docs"]:
                raise SystemExit(f"{raw}: {doc} is already in train")
            shutil.copyfile(raw / f"{doc}.txt", OUT / "train" / f"{doc}.txt")
            train["docs"].append(doc)
        for e in gold["entities"]:
            e = {**e, "aliases": [a for a in e.get("aliases", []) if (e["name"], a) not in DROP_ALIAS]}
            slot = entities.setdefault(e["name"], {"name": e["name"], "type": e["type"], "aliases": [], "docs": []})
            if slot["type"] != e["type"]:
                print(f"train: {e['name']!r} is {slot['type']} in one batch and {e['type']} in {raw.name}; kept {slot['type']}")
            slot["aliases"] = sorted(set(slot["aliases"]) | set(e.get("aliases", [])))
            slot["docs"] = sorted(set(slot["docs"]) | set(e.get("docs", [])))
        train["relations"] += gold["relations"]
        shutil.copyfile(raw / "NOTES.md", OUT / "notes" / f"{raw.name}.md")
    train["docs"] = sorted(train["docs"])
    train["entities"] = sorted(entities.values(), key=lambda e: e["name"])
    path.write_text(json.dumps(train, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    words = sum(len((OUT / "train" / f"{d}.txt").read_text(encoding="utf-8").split()) for d in train["docs"])
    print(f"train: {len(train['docs'])} docs, {words} words, {len(train['entities'])} entities, "
          f"{len(train['relations'])} relations")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--train-only"]:
        add_to_train([Path(a) for a in sys.argv[2:]])
    else:
        main([Path(a) for a in sys.argv[1:]])
