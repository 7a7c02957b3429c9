"""The gazetteer of known actors (data/gazetteer.jsonl), as a lookup and a phrase matcher.

One JSON object a line: name (canonical), class, aliases, and optionally
wikidata (only where certain), capital and demonyms (States: a capital acting
is the State, "Kazakh officials" are the State) and state (an Agency's State).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from extract import DATA_DIR

GAZETTEER = DATA_DIR / "gazetteer.jsonl"


@dataclass
class Known:
    name: str
    cls: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    capital: str | None = None
    demonyms: list[str] = field(default_factory=list)
    state: str | None = None       # for an Agency: the State it is part of

    def surfaces(self) -> list[str]:
        return [self.name, *self.aliases] + ([self.capital] if self.capital else [])


def case_sensitive(surface: str) -> bool:
    """Short all-caps acronyms only match as written ("IS" is not "is", "US" is not "us")."""
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and surface.replace(".", "").isupper() and len(letters) <= 4


@dataclass
class Gazetteer:
    entries: list[Known]
    by_surface: dict[str, Known]   # exact surface form (and lower case unless case-sensitive) -> entry
    by_demonym: dict[str, Known] = field(default_factory=dict)   # "Kazakh" -> Kazakhstan
    _matcher: object = None
    _capitals: dict | None = None

    def lookup(self, surface: str) -> Known | None:
        surface = surface.strip()
        return self.by_surface.get(surface) or self.by_surface.get(surface.lower())

    def capital_of(self, name: str) -> Known | None:
        """The State whose capital this is ("Harare" -> Zimbabwe)."""
        if self._capitals is None:
            self._capitals = {k.capital.lower(): k for k in self.entries if k.cls == "State" and k.capital}
        return self._capitals.get(name.strip().lower())

    def state(self, name: str) -> Known | None:
        known = self.lookup(name) or self.by_demonym.get(name)
        return known if known and known.cls == "State" else None

    def matcher(self, vocab):
        """A spaCy PhraseMatcher on lower-case text; callers re-check case-sensitive surfaces."""
        if self._matcher is None or self._matcher.vocab is not vocab:
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc
            m = PhraseMatcher(vocab, attr="LOWER")
            surfaces = sorted({s for k in self.entries for s in k.surfaces()})
            for s in surfaces:
                words = _words(s)
                m.add(s, [Doc(vocab, words=words)])
            self._matcher = m
        return self._matcher


def _words(s: str) -> list[str]:
    """Tokenise a surface as spaCy's English tokenizer does for names: punctuation at a word's edges, a
    possessive, a per cent sign, and hyphens and slashes inside a word are tokens of their own."""
    out = []
    for w in s.split():
        lead, trail = [], []
        while w and w[0] in "(\"“‘":
            lead, w = lead + [w[0]], w[1:]
        while w and w[-1] in ",;:!?)\"”":
            trail, w = [w[-1]] + trail, w[:-1]
        if w.endswith(("'s", "’s")):
            body = [w[:-2], w[-2:]]
        elif w.endswith(("s'", "s’")) or w.endswith("%") and w[:-1].isdigit():   # "Workers' Party", "100% Noticias"
            body = [w[:-1], w[-1]]
        else:
            body = [w]
        for sep in "-/":
            body = [x for b in body for x in (re.split(f"({sep})", b) if sep in b[1:-1] else [b])]
        out += lead + body + trail
    return [w.lower() for w in out if w]


def read_gazetteer(path: Path = GAZETTEER) -> Gazetteer:
    entries = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                known = Known(row["name"], row["class"], row.get("aliases", []), row.get("wikidata"),
                              row.get("capital"), row.get("demonyms", []), row.get("state"))
            except (ValueError, KeyError) as e:
                raise ValueError(f"{path}:{n}: bad gazetteer entry: {e}") from e
            entries.append(known)
    forms = yaml.safe_load((DATA_DIR / "entity_cues.yaml").read_text(encoding="utf-8")).get("state_forms", [])
    for known in entries:   # "Republic of Uzbekistan", "the Kyrgyz Republic", "Russian Federation"
        if known.cls == "State":
            made = [f.format(name=known.name, demonym=d) for f in forms for d in (known.demonyms or [""])
                    if "{demonym}" not in f or d]
            known.aliases = [*known.aliases, *(m for m in dict.fromkeys(made) if m not in known.aliases)]
    return gazetteer_of(entries)


def gazetteer_of(entries: list[Known]) -> Gazetteer:
    by_surface, by_demonym = {}, {}
    for known in entries:
        for surface in known.surfaces():
            by_surface.setdefault(surface, known)
            if not case_sensitive(surface):
                by_surface.setdefault(surface.lower(), known)
        for d in known.demonyms:
            by_demonym.setdefault(d, known)
    return Gazetteer(list(entries), by_surface, by_demonym)


@lru_cache(maxsize=None)
def default_gazetteer() -> Gazetteer:
    """data/gazetteer.jsonl, or the file named by ACTORGRAPH_GAZETTEER (used by bench/gazetteer_ablation.py)."""
    return read_gazetteer(Path(os.environ.get("ACTORGRAPH_GAZETTEER") or GAZETTEER))
