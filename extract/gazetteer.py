"""The gazetteer of known actors (data/gazetteer.jsonl), as a lookup."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extract import DATA_DIR

GAZETTEER = DATA_DIR / "gazetteer.jsonl"


@dataclass
class Known:
    name: str
    cls: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None


@dataclass
class Gazetteer:
    entries: list[Known]
    by_surface: dict[str, Known]   # exact surface form -> entry

    def lookup(self, surface: str) -> Known | None:
        return self.by_surface.get(surface) or self.by_surface.get(surface.lower())


def read_gazetteer(path: Path = GAZETTEER) -> Gazetteer:
    entries, by_surface = [], {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                known = Known(row["name"], row["class"], row.get("aliases", []), row.get("wikidata"))
            except (ValueError, KeyError) as e:
                raise ValueError(f"{path}:{n}: bad gazetteer entry: {e}") from e
            entries.append(known)
            for surface in [known.name, *known.aliases]:
                by_surface.setdefault(surface, known)
                # short all-caps acronyms stay case-sensitive ("IS" is not "is")
                if not (surface.isupper() and len(surface) <= 3):
                    by_surface.setdefault(surface.lower(), known)
    return Gazetteer(entries, by_surface)


@lru_cache(maxsize=None)
def default_gazetteer() -> Gazetteer:
    return read_gazetteer()
