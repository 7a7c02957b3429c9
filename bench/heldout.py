"""Extraction quality on text the rules were not written for: the blind held-out set in bench/heldout/.

Builds each split into a temporary folder and prints the scorer's report (SCHEMA.md scoring).
Tune on dev; read test rarely, and report it as it comes out.

    .venv/bin/python bench/heldout.py [--split dev|test|both] [-v]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build import build  # noqa: E402
from graph.evaluate import format_report, score  # noqa: E402

HELDOUT = ROOT / "bench" / "heldout"


def run(split: str, verbose: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(HELDOUT / split, out, incremental=False)
        return format_report(score(out / "graph.trig", HELDOUT / f"{split}.json"), verbose)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=["dev", "test", "both"], default="both")
    p.add_argument("-v", "--verbose", action="store_true", help="list false and missed entities and relations")
    args = p.parse_args()
    for split in (["dev", "test"] if args.split == "both" else [args.split]):
        print(f"== held-out {split}")
        print(run(split, args.verbose))


if __name__ == "__main__":
    main()
