"""How much of entity quality is the gazetteer? Rebuild the sample corpus with the gazetteer emptied
of every entry that has a name appearing in the sample, and print the drop.

    .venv/bin/python bench/gazetteer_ablation.py [--keep-states]

--keep-states keeps the sovereign-state table (countries, capitals, demonyms: general world knowledge)
and removes only the other names the sample mentions.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "data" / "articles"
GOLD = ROOT / "data" / "gold" / "seeds.json"


def sample_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt")))


def appears(entry: dict, text: str) -> bool:
    surfaces = [entry["name"], *entry.get("aliases", []), *([entry["capital"]] if entry.get("capital") else []),
                *entry.get("demonyms", [])]
    for s in surfaces:
        flags = 0 if (s.replace(".", "").isupper() and len(s) <= 4) else re.I
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, flags):
            return True
    return False


def run(gazetteer: Path | None, label: str) -> dict:
    from extract import gazetteer as gz
    from graph.build import build
    from graph.evaluate import score
    if gazetteer:
        os.environ["ACTORGRAPH_GAZETTEER"] = str(gazetteer)
    else:
        os.environ.pop("ACTORGRAPH_GAZETTEER", None)
    gz.default_gazetteer.cache_clear()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(SAMPLE, out)
        report = score(out / "graph.trig", GOLD)
    row = {"run": label, "typed_f1": round(report.entities.f1, 3), "untyped_f1": round(report.entities_untyped.f1, 3),
           "missed_merges": report.missed_merges, "relations_strict_f1": round(report.relations_strict.f1, 3)}
    row["errors"] = report.false_entities + [f"missed {m}" for m in report.missed_entities]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep-states", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    text = sample_text()
    rows = [json.loads(x) for x in (ROOT / "data" / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    kept = [r for r in rows if not appears(r, text) or (args.keep_states and r["class"] == "State")]
    with tempfile.TemporaryDirectory() as tmp:
        ablated = Path(tmp) / "gazetteer.jsonl"
        ablated.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
        full = run(None, "full gazetteer")
        cut = run(ablated, f"without {len(rows) - len(kept)} sample names" + (" (states kept)" if args.keep_states else ""))
    for r in (full, cut):
        print(f"{r['run']:<45} entity F1 typed {r['typed_f1']:.3f}  untyped {r['untyped_f1']:.3f}  "
              f"missed merges {r['missed_merges']}  relations strict F1 {r['relations_strict_f1']:.3f}")
    print(f"drop in typed entity F1: {full['typed_f1'] - cut['typed_f1']:.3f}")
    if args.verbose:
        print("errors without the sample names:")
        for e in cut["errors"]:
            print("  ", e)


if __name__ == "__main__":
    main()
