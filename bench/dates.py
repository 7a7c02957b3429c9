"""How often extract/dates.py gives an event edge the date a reader gives it.

    python bench/dates.py            # the gold dates of data/corpus/dates.json
    python bench/dates.py --no-build # only the date reader on the gold sentences (no spaCy, a second)

Two figures:
- **reader**: for every gold date, the sentence of the article that holds the gold evidence is dated by
  extract.dates exactly as the pipeline dates an edge, so extraction misses do not count;
- **end to end**: the articles are built, and the dates of the extracted edges that match a gold relation
  (subject, property, object, document; names matched as the scorer does) are compared.
Both print exact-value accuracy (same value and precision) and, for gold dates given to the day, exact-day
accuracy, by where the gold date comes from (the sentence, another sentence, only the article's date).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.dates import date_relations  # noqa: E402
from extract.metadata import read_metadata  # noqa: E402
from extract.reader import read_document  # noqa: E402
from extract.records import Relation  # noqa: E402

GOLD = ROOT / "data" / "corpus" / "dates.json"
SENTENCE_END = re.compile(r"(?<=[.?!])[\"”’)]*\s+|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max([m.end() for m in SENTENCE_END.finditer(text, 0, start)], default=0)
    m = SENTENCE_END.search(text, end)
    return left, m.start() if m else len(text)


def document(doc_id: str, split: str):
    path = ROOT / "data" / "corpus" / split / f"{doc_id}.txt"
    return read_metadata(read_document(path, path.parent))


def tally(results: list[tuple[dict, str | None, str | None]]) -> list[str]:
    lines = []
    by = defaultdict(list)
    for gold, value, precision in results:
        by[gold["from"]].append((gold, value, precision))
        by["all"].append((gold, value, precision))
    for key in ("sentence", "context", "article", "all"):
        rows = by.get(key, [])
        if not rows:
            continue
        exact = sum(1 for g, v, p in rows if v == g["date"] and p == g["precision"])
        days = [(g, v) for g, v, p in rows if g["precision"] == "day"]
        day_ok = sum(1 for g, v in days if v == g["date"])
        lines.append(f"  gold from {key:9s} {len(rows):4d} dates  exact {exact / len(rows):.2f}  "
                     f"exact day {day_ok}/{len(days)}" + (f" = {day_ok / len(days):.2f}" if days else ""))
    return lines


def reader_figures(gold: dict) -> list[tuple[dict, str | None, str | None]]:
    docs = {}
    out = []
    for g in gold["dates"]:
        split = gold["articles"][g["doc"]]["split"]
        doc = docs.setdefault(g["doc"], document(g["doc"], split))
        at = doc.text.find(g["evidence"])
        if at < 0:
            raise SystemExit(f"{GOLD}: evidence not in {g['doc']}: {g['evidence'][:60]!r}")
        s, e = sentence_around(doc.text, at, at + len(g["evidence"]))
        rel = Relation("s", g["p"], "o", doc.text[s:e], s, e, "gold", 1.0)
        date_relations(doc, [rel])
        out.append((g, rel.date, rel.date_precision))
    return out


def end_to_end(gold: dict) -> tuple[list, int]:
    from extract.pipeline import build_corpus
    from extract.aliases import norm
    with tempfile.TemporaryDirectory() as tmp:
        for doc_id, info in gold["articles"].items():
            shutil.copy(ROOT / "data" / "corpus" / info["split"] / f"{doc_id}.txt", tmp)
        corpus = build_corpus(Path(tmp))
    names = {eid: {norm(e.label)} | {norm(a) for a in e.aliases} for eid, e in corpus.entities.items()}
    out, missing = [], 0
    for g in gold["dates"]:
        rels = [r for r in corpus.relations.get(g["doc"], []) if r.prop == g["p"]
                and norm(g["s"]) in names.get(r.subject, ()) and norm(g["o"]) in names.get(r.object, ())]
        if not rels:
            missing += 1
            continue
        out.append((g, rels[0].date, rels[0].date_precision))
    return out, missing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-build", action="store_true", help="only the date reader on the gold sentences")
    args = ap.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    print(f"{len(gold['dates'])} gold dates in {len(gold['articles'])} articles "
          f"({', '.join(sorted(gold['articles']))})")
    reader = reader_figures(gold)
    sets = {doc: info.get("set", "development") for doc, info in gold["articles"].items()}
    for name in sorted(set(sets.values())):
        part = [r for r in reader if sets[r[0]["doc"]] == name]
        docs = sorted(d for d, s in sets.items() if s == name)
        print(f"date reader on the gold evidence sentences, {name} articles ({', '.join(docs)}):")
        print("\n".join(tally(part)))
    print("date reader, all:")
    print("\n".join(tally(reader)))
    wrong = Counter((g["from"], g["precision"], p or "none") for g, v, p in reader if (v, p) != (g["date"], g["precision"]))
    if wrong:
        print("  misses (gold from, gold precision, predicted precision): "
              + ", ".join(f"{k}: {n}" for k, n in wrong.most_common()))
    if not args.no_build:
        matched, missing = end_to_end(gold)
        print(f"end to end: {len(matched)} gold event relations extracted, {missing} not extracted")
        print("\n".join(tally(matched)))


if __name__ == "__main__":
    main()
