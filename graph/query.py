"""SPARQL over a built dataset, through the embedded Oxigraph store.

Values from users are bound with `bindings` (SEP-0007 substitutions), never
pasted into the query text. Before the store parses a query, it is refused
when it nests deeper than the parser can take, or (unless allowed) when it
calls SERVICE: see graph.sparql_request.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from actorgraph import DATA_DIR
from graph.lookup import keyed_bindings
from graph.rdf import PREFIXES
from graph.sparql_request import query_problem

QUERIES_DIR = DATA_DIR / "queries"
MAX_QUERY_FILE = 1024 * 1024   # bytes; a query file is text a person wrote or generated


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


def read_text_file(path: Path, limit: int, what: str) -> str:
    """A UTF-8 text file read no further than `limit` bytes (a device like /dev/zero never ends);
    ValueError names the file and what is wrong with it."""
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise ValueError(f"{path}: cannot read: {e.strerror or e}") from None
    if len(data) > limit:
        raise ValueError(f"{path}: larger than {limit // 1024} KB, not {what}")
    if b"\0" in data:
        raise ValueError(f"{path}: binary file, not {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})") from None


def read_query_file(path: Path) -> str:
    """The text of a .rq file (at most MAX_QUERY_FILE bytes)."""
    text = read_text_file(path, MAX_QUERY_FILE, "a SPARQL query")
    if not text.strip():
        raise ValueError(f"{path}: empty file, no query in it")
    return text


def open_store(out_dir: Path) -> ox.Store:
    """The read-only store of a build (OUT/store), or the TriG loaded in memory."""
    out_dir = Path(out_dir)
    if (out_dir / "store").is_dir():
        try:
            return ox.Store.read_only(str(out_dir / "store"))
        except OSError as e:
            raise OSError(f"{out_dir / 'store'}: cannot open the store: {' '.join(str(e).split())}") from None
    trig = out_dir / "graph.trig"
    if not trig.is_file():
        raise FileNotFoundError(f"{out_dir}: not a build (no store/ or graph.trig); run `actorgraph build` first")
    store = ox.Store()
    try:
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    except SyntaxError as e:   # not the query's fault: a damaged build
        raise ValueError(f"{trig}: not valid TriG: {' '.join(str(e).split())}") from None
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


PAGED = re.compile(r"[?$]page\b")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def paged_bindings(sparql: str, bindings: dict) -> dict:
    """A listing query reads one page (graph/listings.py: ?page, from 1): page 1 unless the user binds
    another; the page is bound as an xsd:integer, so `--bind page=2` matches the stored numbers."""
    if not PAGED.search(sparql):
        return bindings
    value = bindings.get("page", 1)
    if not isinstance(value, ox.Literal):
        if not re.fullmatch(r"\s*[1-9][0-9]{0,8}\s*", str(value)):
            raise ValueError(f"page must be a whole number from 1, not {str(value)[:40]!r}")
        value = ox.Literal(str(int(value)), datatype=XSD_INTEGER)
    return {**bindings, "page": value}


EXPLICIT_GRAPHS = re.compile(r"^#\s*graphs:\s*explicit\s*$", re.MULTILINE)


def names_its_graphs(sparql: str) -> bool:
    """A query with the line `# graphs: explicit` names every graph it reads (GRAPH ?g, GRAPH id:edges) and
    reads entities and documents from the dataset's own default graph, not the union of all graphs: the
    store answers it that way, which is faster (the saved queries all say so)."""
    return bool(EXPLICIT_GRAPHS.search(sparql))


class QueryRefused(ValueError):
    pass


def run_query(store: ox.Store, sparql: str, bindings: dict | None = None, allow_service: bool = False):
    """Run a query over the union of all graphs (or, for a query that says `# graphs: explicit`, over the
    dataset as it is); `bindings` maps variable names to values.
    QueryRefused when it nests too deep, or calls SERVICE and `allow_service` is not set."""
    problem = query_problem(sparql, allow_service)
    if problem:
        raise QueryRefused(problem)
    subs = {ox.Variable(k): _term(v) for k, v in paged_bindings(sparql, keyed_bindings(sparql, bindings)).items()}
    try:
        return store.query(sparql, use_default_graph_as_union=not names_its_graphs(sparql),
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
