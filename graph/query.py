"""SPARQL over a built dataset, through the embedded Oxigraph store.

Values from users are bound with `bindings` (SEP-0007 substitutions), never
pasted into the query text.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from actorgraph import DATA_DIR
from graph.rdf import PREFIXES

QUERIES_DIR = DATA_DIR / "queries"


@dataclass
class SavedQuery:
    name: str           # the file's stem
    description: str    # the first comment line
    text: str
    path: Path


def saved_queries(folder: Path = QUERIES_DIR) -> list[SavedQuery]:
    """The saved questions in data/queries/*.rq; each starts with a one-line `# description`."""
    out = []
    for path in sorted(Path(folder).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        out.append(SavedQuery(path.stem, first.lstrip("#").strip() if first.startswith("#") else "", text, path))
    return out


def saved_query(name: str, folder: Path = QUERIES_DIR) -> SavedQuery:
    for q in saved_queries(folder):
        if q.name == name:
            return q
    raise KeyError(f"no saved query {name!r} in {folder}")


def open_store(out_dir: Path) -> ox.Store:
    """The read-only store of a build (OUT/store), or the TriG loaded in memory."""
    out_dir = Path(out_dir)
    if (out_dir / "store").is_dir():
        return ox.Store.read_only(str(out_dir / "store"))
    trig = out_dir / "graph.trig"
    if not trig.is_file():
        raise FileNotFoundError(f"{out_dir}: no graph.trig here; run `actorgraph build` first")
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def load_store(trig: Path, store_dir: Path) -> None:
    """Write the persistent store for a build."""
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.flush()
    del store


def _term(value) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    return ox.Literal(str(value))


def run_query(store: ox.Store, sparql: str, bindings: dict | None = None):
    """Run a query over the union of all graphs; `bindings` maps variable names to values."""
    subs = {ox.Variable(k): _term(v) for k, v in (bindings or {}).items()}
    try:
        return store.query(sparql, use_default_graph_as_union=True,
                           prefixes={k: str(v) for k, v in PREFIXES.items()}, substitutions=subs or None)
    except RuntimeError as e:  # e.g. a bound variable that the query does not project
        raise ValueError(f"cannot run the query with bindings {sorted(bindings or {})}: {e}") from e


def plain(term) -> str | None:
    if term is None:
        return None
    return term.value


def rows(result) -> tuple[list[str], list[list[str | None]]]:
    """Variables and rows of a SELECT result as plain strings."""
    names = [v.value for v in result.variables]
    return names, [[plain(sol[n]) for n in names] for sol in result]


def select(store: ox.Store, sparql: str, bindings: dict | None = None) -> list[dict]:
    names, data = rows(run_query(store, sparql, bindings))
    return [dict(zip(names, r)) for r in data]


def format_result(result, fmt: str = "table") -> str:
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES).decode()
    names, data = rows(result)
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in data], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(names)
        w.writerows([["" if v is None else v for v in r] for r in data])
        return buf.getvalue()
    widths = [max([len(n)] + [len(r[i] or "") for r in data]) for i, n in enumerate(names)]
    widths = [min(w, 60) for w in widths]
    line = lambda vals: "  ".join((v or "")[:w].ljust(w) for v, w in zip(vals, widths))  # noqa: E731
    return "\n".join([line(names), line(["-" * w for w in widths])] + [line(r) for r in data]
                     + [f"({len(data)} rows)"])
