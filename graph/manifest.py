"""Incremental builds: a manifest of content hashes and a cache of per-document results.

OUT_DIR/cache/ holds one JSON file per analysed document, named by a key that
hashes the pipeline version, the document's path and its text. A rerun looks
every current document up by key: a hit reuses the cached DocResult, a miss
is parsed. Only the entries of current documents are carried into the new
build, so a removed article leaves no trace, and the corpus merge always
runs over all documents, so the result equals a full rebuild.

The pipeline version is a hash of the extraction code (extract/*.py), the
data it reads (gazetteer, relation patterns, schema) and the pinned model's
file manifest: changing any of them invalidates every entry.

Entries are JSON, not pickle, so opening a cache from elsewhere cannot run
code; only the dataclasses of extract.records can be rebuilt from it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

from extract import records
from extract.records import DocResult, Document

CACHE_DIR = "cache"
MANIFEST = "manifest.json"
FORMAT = 1
_ROOT = Path(__file__).resolve().parent.parent
_PIPELINE_INPUTS = [("extract", "*.py"), ("data", "*.jsonl"), ("data", "*.yaml"), ("data", "*.yml"),
                    ("data", "*.tsv"), ("data", "*.csv"), ("data", "model.sha256.json")]


@lru_cache(maxsize=None)
def pipeline_version() -> str:
    """One digest of everything that decides what analyse() returns for a text."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for folder, pattern in _PIPELINE_INPUTS:
        for path in sorted((_ROOT / folder).glob(pattern)):
            h.update(f"{folder}/{path.name}\n".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    for sub in sorted((_ROOT / "data").iterdir()):
        # lexicons and gazetteers kept in sub-folders of data/ (not the corpus, queries or gold)
        if sub.is_dir() and sub.name not in {"articles", "gold", "queries", "bench", "templates", "corpus"}:
            for path in sorted(p for p in sub.rglob("*") if p.is_file()):
                h.update(path.relative_to(_ROOT).as_posix().encode() + b"\n")
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:32]


@lru_cache(maxsize=None)
def code_version(*paths: str) -> str:
    """A digest of source files (relative to the repository; folders taken whole): an output kept
    between builds is named with it, so editing the code that writes it makes it be written again."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for rel in paths:
        target = _ROOT / rel
        for path in sorted(target.rglob("*") if target.is_dir() else [target]):
            if path.is_file():
                h.update(path.relative_to(_ROOT).as_posix().encode() + b"\n")
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def content_hash(document: Document) -> str:
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def cache_key(document: Document, version: str | None = None) -> str:
    h = hashlib.sha256()
    for part in (version or pipeline_version(), document.source, content_hash(document)):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()[:40]


# --- JSON codec for extract.records dataclasses ------------------------------------------

def _encode(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"__record__": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, (set, frozenset)):
        return {"__set__": sorted((_encode(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only str keys can be cached")
        return {"__dict__": {k: _encode(v) for k, v in value.items()}}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


@lru_cache(maxsize=None)
def _record_type(name) -> tuple[type, frozenset[str]]:
    cls = getattr(records, name, None) if isinstance(name, str) else None
    if cls is None or not dataclasses.is_dataclass(cls):
        raise ValueError(f"not a record type: {name!r}")
    return cls, frozenset(f.name for f in dataclasses.fields(cls))


def _object(value: dict):
    """json.loads' object_hook: each JSON object as it is read, innermost first, so the decoding runs
    inside the C parser's walk rather than a second walk in Python. The payload of a "__dict__" is a
    JSON object too: a cached dict whose own keys were the markers would be misread, and no record
    holds one (their dict keys are class names and labels)."""
    if "__record__" in value:
        cls, names = _record_type(value.pop("__record__"))
        return cls(**{k: v for k, v in value.items() if k in names})
    if "__set__" in value:
        return set(value["__set__"])
    if "__tuple__" in value:
        return tuple(value["__tuple__"])
    if "__dict__" in value:
        return value["__dict__"]
    return value


def dumps_result(result: DocResult) -> str:
    return json.dumps(_encode(result), ensure_ascii=False, separators=(",", ":"))


def loads_result(text: str) -> DocResult:
    result = json.loads(text, object_hook=_object)
    if not isinstance(result, DocResult):
        raise ValueError("cache entry is not a DocResult")
    return result


# --- the cache of one build ---------------------------------------------------------------

class DocCache:
    """Reads entries from the previous build's cache, writes the new build's cache."""

    def __init__(self, old_dir: Path | None, new_dir: Path, version: str | None = None):
        self.old_dir = Path(old_dir) if old_dir and Path(old_dir).is_dir() else None
        self.new_dir = Path(new_dir)
        self.new_dir.mkdir(parents=True, exist_ok=True)
        self.version = version or pipeline_version()
        self.entries: dict[str, dict] = {}
        self.hits = 0
        self.misses = 0
        from graph.record_state import RecordState
        self.state = RecordState(self.old_dir, self.new_dir)   # the previous build's records in a few files

    def _name(self, key: str) -> str:
        return f"{key}.json"

    def get(self, document: Document, mentions: bool = True) -> DocResult | None:
        """The cached result for this exact text under this pipeline, carried into the new cache.
        mentions=False: a result without its mentions will do, read from the previous build's kept
        records (graph.record_state) when they hold it, else from its entry."""
        key = cache_key(document, self.version)
        if self.old_dir is None:
            return None
        old = self.old_dir / self._name(key)
        result = None if mentions or not old.is_file() else self.state.get(self._name(key))
        if result is None:
            try:
                result = loads_result(old.read_text(encoding="utf-8"))
            except (OSError, ValueError, TypeError):
                return None
        if result.document.source != document.source or result.document.text != document.text \
                or result.document.doc_id != document.doc_id:   # ids shift when another file takes a name
            return None
        new = self.new_dir / self._name(key)
        if not new.exists():
            try:
                os.link(old, new)  # a hard link: carrying 10,000 entries costs no copying
            except OSError:
                shutil.copyfile(old, new)
        self._record(document, key)
        self.hits += 1
        return result

    def put(self, result: DocResult) -> None:
        key = cache_key(result.document, self.version)
        path = self.new_dir / self._name(key)
        tmp = path.with_suffix(".part")
        tmp.write_text(dumps_result(result), encoding="utf-8")
        os.replace(tmp, path)
        self._record(result.document, key)
        self.misses += 1

    def _record(self, document: Document, key: str) -> None:
        self.entries[document.source] = {"doc_id": document.doc_id, "sha256": content_hash(document),
                                         "entry": self._name(key)}

    def write_records(self, results: list[DocResult]) -> None:
        """The new build's kept records (graph.record_state), from its results in merge order."""
        self.state.write([(self.entries[r.document.source]["entry"], r) for r in results])

    def write_manifest(self, order: list[str] | None = None) -> Path:
        """The manifest; `order` lists the sources in the order the build merged them."""
        path = self.new_dir / MANIFEST
        data = {"format": FORMAT, "pipeline": self.version,
                "documents": {k: self.entries[k] for k in sorted(self.entries)},
                "order": [k for k in (order or sorted(self.entries)) if k in self.entries]}
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def read_manifest(out_dir: Path) -> dict:
    """The manifest of a built OUT_DIR ({} when it has none)."""
    path = Path(out_dir) / CACHE_DIR / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_results(out_dir: Path) -> list[DocResult]:
    """The cached results of a build, in the order the build merged them."""
    manifest = read_manifest(out_dir)
    docs = manifest.get("documents", {})
    order = manifest.get("order") or sorted(docs)
    folder = Path(out_dir) / CACHE_DIR
    return [loads_result((folder / docs[source]["entry"]).read_text(encoding="utf-8"))
            for source in order if source in docs]


def load_corpus(out_dir: Path):
    """The corpus of a finished build, from its cache, with the review file replayed as the build did:
    what the build wrote its outputs from (dates a build took from file days, `--file-dates`, aside)."""
    from extract.pipeline import to_corpus
    from graph.review import ReviewError, apply_review, build_docs_dir
    results = load_results(out_dir)
    if not results:
        raise FileNotFoundError(f"{out_dir}: no cached results (cache/manifest.json); run `actorgraph build` first")
    corpus = to_corpus(results, [])
    try:
        apply_review(corpus, build_docs_dir(out_dir))
    except ReviewError:   # a build without review.json: nothing to replay
        pass
    return corpus
