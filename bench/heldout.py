"""Extraction quality on the blind-written corpus (data/corpus: train / dev / test).

Builds each split into a temporary folder and prints the scorer's figures (SCHEMA.md scoring),
then per property, per gold class, and a table of why relations were missed or false.
Fix faults on train and dev; read test only to report it.

    .venv/bin/python bench/heldout.py [--split train|dev|test|all] [--rules-only] [-v] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Dataset  # noqa: E402

from extract.aliases import norm  # noqa: E402
from extract.learned import CLASSES, EDGES, disabled  # noqa: E402
from extract.schema import load_schema  # noqa: E402
from graph.build import build  # noqa: E402
from graph.evaluate import Score, format_report, predicted_entities, score  # noqa: E402

CORPUS = ROOT / "data" / "corpus"
STATIC = {"leads", "memberOf", "partOf", "basedIn", "livesIn", "locatedIn", "nationalOf", "wroteFor"}
NOMINAL = re.compile(r"\b(suspension|ban|banning|order|orders|ordered the|takedown|blocking|removal|request|"
                     r"requests|closure|shutdown|revocation|raid|arrest|detention|expulsion|designation|"
                     r"charges|indictment|condemnation|funding|support|pressure|threats?)\b", re.I)
PASSIVE = re.compile(r"\b(was|were|been|being|is|are)\s+(\w+ly\s+)?\w+(ed|en|wn|ut)\b", re.I)
LIST = re.compile(r"\w+, [^,]+(, [^,]+)*,? and ")


def signature_ok(prop: str, s_cls: str, o_cls: str) -> bool:
    spec = load_schema()["properties"][prop]
    actors = {"Person", "Outlet", "State", "Agency", "Group", "Organization"}
    expand = lambda v: actors if v == "actor" else set(v if isinstance(v, list) else [v])  # noqa: E731
    dom, rng = spec.get("domain", "actor"), spec.get("range", "actor")
    return s_cls in expand(dom) and (o_cls in expand(rng) or (rng == "actor" and o_cls == "Work"))


def analyse_errors(trig: Path, gold: dict, report) -> dict:
    """Per-class entity scores and the causes of missed and false relations."""
    ds = Dataset()
    ds.parse(trig, format="trig")
    pred = predicted_entities(ds)
    gold_cls = {g["name"]: g["type"] for g in gold["entities"]}
    gold_names = {g["name"]: {norm(n) for n in [g["name"], *g.get("aliases", [])]} for g in gold["entities"]}
    found: dict[str, str] = {}   # gold name -> predicted class
    for _, (cls, names) in pred.items():
        for g, gn in gold_names.items():
            if names & gn and (g not in found or cls == gold_cls[g]):
                found[g] = cls
    per_class: dict[str, Score] = {}
    for g, cls in gold_cls.items():
        per_class.setdefault(cls, Score())
        if found.get(g) == cls:
            per_class[cls].tp += 1
        else:
            per_class[cls].fn += 1
    for iri, (cls, names) in pred.items():
        if not any(names & gn and gold_cls[g] == cls for g, gn in gold_names.items()):
            per_class.setdefault(cls, Score()).fp += 1
    evidence = {(r["doc"], r["s"], r["p"], r["o"]): r["evidence"] for r in gold["relations"]}
    # the gold is one entity list for the whole corpus, so two bodies named alike in different articles
    # ("Foreign Ministry" of two States) share names; a predicted end that matches both is scored as one of
    # them, and an edge true of the other counts once false and once missed
    namesakes = {g: {h for h, hn in gold_names.items() if hn & gn} for g, gn in gold_names.items()}

    def namesake_of(key, other) -> bool:
        doc, s, p, o = key
        return any((doc, a, p, b) in other for a in namesakes.get(s, ()) for b in namesakes.get(o, ())
                   if (a, b) != (s, o))
    false_keys, missed_keys = set(report.false_relations), set(report.missed_relations)
    missed = Counter()
    for key in report.missed_relations:
        doc, s, p, o = key
        if namesake_of(key, false_keys):
            missed["a namesake's edge drawn instead (same-name entities of the corpus-wide gold)"] += 1
        elif s not in found or o not in found:
            missed["an entity not found"] += 1
        elif found[s] != gold_cls[s] or found[o] != gold_cls[o]:
            missed["an entity with the wrong class"] += 1
        else:
            ev = evidence.get(key, "")
            aliases = gold_names[s]
            if p in STATIC:
                missed["pattern: static relation (title, apposition, role)"] += 1
            elif not any(a and a in norm(ev) for a in aliases):
                missed["pattern: implicit agent (subject not named in the evidence)"] += 1
            elif LIST.search(ev):
                missed["pattern: list of several actors"] += 1
            elif NOMINAL.search(ev):
                missed["pattern: nominal or light-verb event"] += 1
            elif PASSIVE.search(ev):
                missed["pattern: passive"] += 1
            else:
                missed["pattern: other verb or construction"] += 1
    false = Counter()
    for doc, s, p, o in report.false_relations:
        if namesake_of((doc, s, p, o), missed_keys):
            false["true of a namesake (same-name entities of the corpus-wide gold)"] += 1
        elif s == o:
            false["self-loop"] += 1
        elif s in gold_cls and o in gold_cls and not signature_ok(p, gold_cls[s], gold_cls[o]):
            false["class signature broken"] += 1
        elif s not in gold_cls or o not in gold_cls:
            false["an end is no gold entity"] += 1
        elif (doc, s, o) in {(d, a, b) for d, a, _, b in evidence} | {(d, b, a) for d, a, _, b in evidence}:
            false["right pair, wrong property or direction"] += 1
        else:
            false["both ends real, relation not stated"] += 1
    return {"per_class": per_class, "missed": missed, "false": false}


def run(split: str, verbose: bool, rules_only: bool) -> dict:
    gold_path = CORPUS / f"{split}.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        if rules_only:
            with disabled(CLASSES, EDGES):
                build(CORPUS / split, out, incremental=False)
        else:
            build(CORPUS / split, out, incremental=False)
        report = score(out / "graph.trig", gold_path)
        errors = analyse_errors(out / "graph.trig", gold, report)
    lines = [f"== {split}: {len(gold['docs'])} docs, {len(gold['entities'])} gold entities, "
             f"{len(gold['relations'])} gold relations" + (" (rules only)" if rules_only else ""),
             format_report(report, verbose), "per gold class (entities, typed):"]
    lines += [f"  {c:<14} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  (tp={s.tp} fp={s.fp} fn={s.fn})"
              for c, s in sorted(errors["per_class"].items())]
    n_missed, n_false = sum(errors["missed"].values()), sum(errors["false"].values())
    lines.append(f"missed relations by cause ({n_missed}):")
    lines += [f"  {n:>4}  {n / n_missed:5.1%}  {cause}" for cause, n in errors["missed"].most_common()]
    lines.append(f"false relations by cause ({n_false}):")
    lines += [f"  {n:>4}  {n / n_false:5.1%}  {cause}" for cause, n in errors["false"].most_common()]
    print("\n".join(lines), flush=True)
    return {"split": split, **report.as_dict(),
            "per_class": {c: s.as_dict() for c, s in errors["per_class"].items()},
            "missed_by_cause": dict(errors["missed"]), "false_by_cause": dict(errors["false"])}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=["train", "dev", "test", "all"], default="dev")
    p.add_argument("--rules-only", action="store_true", help="switch the learned decisions off")
    p.add_argument("-v", "--verbose", action="store_true", help="list false and missed entities and relations")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args()
    results = [run(s, args.verbose, args.rules_only)
               for s in (["train", "dev", "test"] if args.split == "all" else [args.split])]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
