"""The normalised lookup key of a name: what a user types and what an entity is called meet here.

NFKC (full-width and compatibility forms), case-folded, diacritics removed, spacing collapsed:
"KLOOP", "Kloop" and "Ｋｌｏｏｐ" share a key, as do "Tokaev" and "Tokáev". Each entity carries the keys
of its label and aliases (ag:lookupKey), so a saved query binds a name exactly instead of filtering
every label with LCASE; graph.query turns a bound `name` into `nameKey` for queries that ask for it.
"""
from __future__ import annotations

import re
import unicodedata


def lookup_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def lookup_keys(label: str, aliases) -> list[str]:
    """The distinct non-empty keys of an entity's names, sorted."""
    return sorted({k for k in map(lookup_key, [label, *aliases]) if k})


def keyed_bindings(sparql: str, bindings: dict | None) -> dict:
    """The bindings, plus `<name>Key` = lookup_key(value) for each bound `<name>` whose key variable the
    query uses (entity_profile.rq binds ?nameKey against ag:lookupKey): the user gives a name, the store
    matches its key exactly. Still a bound value, never text pasted into the query."""
    out = dict(bindings or {})
    for name, value in (bindings or {}).items():
        key = f"{name}Key"
        if key not in out and isinstance(value, str) and re.search(rf"[?$]{re.escape(key)}\b", sparql):
            out[key] = lookup_key(value)
    return out
