"""CoNLL04 relation-extraction benchmark for the rule-based extractor.

Runs `extract_relations` over each sentence of a CoNLL04 split (pre-tokenised, see
../shared/benchmarks/conll04/README.md) and prints micro P/R/F1 twice:
  end to end     mentions from spaCy NER (PERSON -> Person, ORG -> Organization, GPE/LOC/FAC -> Place)
  gold entities  the benchmark's own entity spans given as Mentions
A relation counts when both argument spans match the gold spans exactly and the type matches.
Schema properties map to CoNLL04 types: memberOf/leads/wroteFor -> Work_For, killed -> Kill,
basedIn -> OrgBased_In, livesIn/nationalOf -> Live_In, locatedIn -> Located_In.

    python bench/conll04.py [--split test] [--data DIR] [-v]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.model import load_nlp  # noqa: E402
from extract.records import Mention  # noqa: E402
from extract.relations import extract_relations  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "conll04"
TYPE = {"memberOf": "Work_For", "leads": "Work_For", "wroteFor": "Work_For", "killed": "Kill", "basedIn": "OrgBased_In",
        "livesIn": "Live_In", "nationalOf": "Live_In", "locatedIn": "Located_In"}
GOLD_CLASS = {"Peop": "Person", "Org": "Organization", "Loc": "Place"}
NER_CLASS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
# CoNLL04 spans include a person's title and leave out "the" and a possessive "'s"
TITLES = {"president", "sen.", "senator", "gov.", "governor", "mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col.",
          "judge", "rep.", "prince", "king", "queen", "pope", "officer", "sgt.", "capt.", "adm.", "rev."}
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "'s", "'", ")", "n't", "%"}


def gold_entities(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans from BILOU tags, in order of appearance."""
    out, start = [], None
    for i, tag in enumerate(tags):
        if tag == "O":
            start = None
            continue
        pos, typ = tag.split("-", 1)
        if pos == "U":
            out.append((i, i + 1, typ))
        elif pos == "B":
            start = i
        elif pos == "L" and start is not None:
            out.append((start, i + 1, typ))
            start = None
    return out


def parse(nlp, tokens: list[str]):
    from spacy.tokens import Doc
    spaces = [i + 1 < len(tokens) and tokens[i + 1] not in NO_SPACE_BEFORE for i in range(len(tokens))]
    doc = Doc(nlp.vocab, words=tokens, spaces=spaces)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def mention(doc, start: int, end: int, cls: str, ident: str) -> Mention:
    span = doc[start:end]
    return Mention(span.start_char, span.end_char, span.text, cls, entity=ident, kind="name",
                   rule="conll04", tok_start=start, tok_end=end)


def ner_mentions(doc) -> list[Mention]:
    out = []
    for k, e in enumerate(doc.ents):
        if e.label_ not in NER_CLASS:
            continue
        start, end = e.start, e.end
        while start < end and doc[start].lower_ in ("the", "a"):
            start += 1
        while end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        while e.label_ == "PERSON" and start > 0 and doc[start - 1].lower_ in TITLES:
            start -= 1
        if start < end:
            out.append(mention(doc, start, end, NER_CLASS[e.label_], f"n{k}"))
    return out


def predict(doc, mentions: list[Mention]) -> set[tuple[tuple[int, int], str, tuple[int, int]]]:
    span = {m.entity: (m.tok_start, m.tok_end) for m in mentions}
    out = set()
    for r in extract_relations(doc, mentions):
        if r.prop in TYPE and r.subject in span and r.object in span:
            out.add((span[r.subject], TYPE[r.prop], span[r.object]))
    return out


def score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(split: str = "test", data: Path = DATA, verbose: bool = False) -> dict:
    nlp = load_nlp()
    items = json.loads((data / f"conll04_{split}.json").read_text(encoding="utf-8"))
    counts = {"end_to_end": Counter(), "gold_entities": Counter()}
    per_type = Counter()
    for n, item in enumerate(items):
        doc = parse(nlp, item["tokens"])
        ents = gold_entities(item["tags"])
        gold = {((ents[r["head"]][0], ents[r["head"]][1]), r["type"], (ents[r["tail"]][0], ents[r["tail"]][1]))
                for r in item["relations"]}
        given = [mention(doc, s, e, GOLD_CLASS[t], f"g{k}") for k, (s, e, t) in enumerate(ents) if t in GOLD_CLASS]
        ner = ner_mentions(doc)
        for name, ms in (("gold_entities", given), ("end_to_end", ner)):
            pred = predict(doc, ms)
            c = counts[name]
            c["tp"] += len(pred & gold)
            c["fp"] += len(pred - gold)
            c["fn"] += len(gold - pred)
            if name == "gold_entities":
                for t in pred & gold:
                    per_type[(t[1], "tp")] += 1
                for t in pred - gold:
                    per_type[(t[1], "fp")] += 1
                for t in gold - pred:
                    per_type[(t[1], "fn")] += 1
                if verbose and pred != gold:
                    words = item["tokens"]
                    show = lambda s: " ".join(words[s[0]:s[1]])  # noqa: E731
                    print(f"[{n}] {' '.join(words)}")
                    for t in sorted(pred - gold):
                        print(f"    FP {show(t[0])} {t[1]} {show(t[2])}")
                    for t in sorted(gold - pred):
                        print(f"    FN {show(t[0])} {t[1]} {show(t[2])}")
    result = {name: dict(zip(("precision", "recall", "f1"), score(c["tp"], c["fp"], c["fn"])), **c)
              for name, c in counts.items()}
    result["per_type_gold_entities"] = {
        t: dict(zip(("precision", "recall", "f1"),
                    score(per_type[(t, "tp")], per_type[(t, "fp")], per_type[(t, "fn")])))
        for t in sorted({k[0] for k in per_type})}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="test", choices=["train", "dev", "test"])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("-v", "--verbose", action="store_true", help="print each sentence's errors")
    args = ap.parse_args()
    result = run(args.split, args.data, args.verbose)
    print(f"CoNLL04 {args.split} ({len(json.loads((args.data / f'conll04_{args.split}.json').read_text()))} sentences)")
    for name in ("end_to_end", "gold_entities"):
        r = result[name]
        print(f"  {name:14} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
              f"  (tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    for t, r in result["per_type_gold_entities"].items():
        print(f"    {t:12} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")


if __name__ == "__main__":
    main()
