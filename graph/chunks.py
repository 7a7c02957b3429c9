"""Each document's N-Quads, kept between builds: an unchanged document is not turned into text again.

A document's quads (its metadata in the default graph and its named graph, graph.stream.
document_nquads) depend only on its record and its relations with their corpus-wide entity ids.
Their digest names two files in OUT/cache/nq/, its N-Quads and its TriG fragment (the metadata, then one
block for the named graph); the next build hard-links the files of documents whose digest is
unchanged and writes only the others, and graph.nq, graph.trig and graph.ttl are their concatenation
(graph.stream.DatasetFiles). Everything else (the build activity and the quads
that tie each document to it, the entities, the edge layer) is one more file, shared.nq, and
parts.txt lists the document files of the build.

The store is then updated by difference (update_store): a copy of the previous build's store (a
RocksDB checkpoint: hard links, no copying) loses the quads of the document files that left and
of the shared lines that changed, and gains the new ones. Most of a one-article rebuild's store is
thus never loaded again. The shared lines are compared by a 16-byte digest each (kept beside shared.nq
for the next build, DIGESTS), not held as text: at 20,000 articles shared.nq is about 1 GB.
When much has changed (a new pipeline version: every digest differs) the
store is bulk-loaded from graph.nq as before.
"""
from __future__ import annotations

import hashlib
import json
import mmap
import os
from pathlib import Path

import numpy as np

from extract.records import Document, Relation
from graph.manifest import CACHE_DIR, code_version

FOLDER = "nq"
SHARED = "shared.nq"
DIGESTS = "shared.digests"   # a digest per line of shared.nq, for the next build's difference (update_store)
PARTS = "parts.txt"
TRIG = ".trig"   # a document's TriG fragment, beside its N-Quads
DELTA_MAX = 0.3   # above this share of documents changed, loading the store whole is quicker


WRITERS = ("graph/rdf.py", "graph/stream.py", "graph/review_rdf.py", "data/schema.yaml")   # what makes the text


def chunk_digest(doc: Document, relations: list[Relation]) -> str:
    data = [code_version(*WRITERS), doc.doc_id, doc.source, doc.headline, doc.author, doc.date, doc.publisher, len(doc.text),
            hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
            [[r.subject, r.prop, r.object, r.sentence, r.start, r.end, r.rule, r.confidence, r.hedged,
              r.attributed_to, r.date, r.date_precision, r.date_source, r.date_text, r.review] for r in relations]]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()


class ChunkCache:
    """Reads chunks from the previous build's cache/nq/, writes the new build's."""

    def __init__(self, old_out: Path | None, new_out: Path):
        self.old = Path(old_out) / CACHE_DIR / FOLDER if old_out else None
        self.new = Path(new_out) / CACHE_DIR / FOLDER
        self.new.mkdir(parents=True, exist_ok=True)
        self.reused = self.written = 0
        self.used: list[str] = []
        self._shared = open(self.new / SHARED, "w", encoding="utf-8")
        self.kept_text: list[KeptText] = []

    def shared(self, text: str) -> str:
        """Record text that is not one document's (see the module's docstring); returns it."""
        self._shared.write(text)
        return text

    def finish(self) -> None:
        """Close shared.nq and write parts.txt of the new build."""
        self._shared.close()
        for kept in self.kept_text:
            kept.finish()
        (self.new / PARTS).write_text("".join(f"{name}\n" for name in self.used), encoding="utf-8")

    def kept(self, name: str, *code: str) -> "KeptText":
        """Text of the default graph or edge layer kept under `name` (see KeptText)."""
        self.kept_text.append(KeptText(self.old, self.new, name, *code))
        return self.kept_text[-1]

    def document(self, doc: Document, relations: list[Relation], make) -> tuple[str, str]:
        """The document's N-Quads and TriG fragment (graph.stream.document_parts): the previous
        build's when its digest is unchanged, else made from make() -> (metadata, named graph)."""
        from graph.rdf import doc_iri
        from graph.stream import _n3, in_graph, trig_block
        digest = chunk_digest(doc, relations)
        self.used.append(digest + ".nq")
        texts = [self._reuse(digest + suffix) for suffix in (".nq", TRIG)]
        if None not in texts:
            self.reused += 1
            return texts[0], texts[1]
        meta, named = make()
        graph = _n3(doc_iri(doc.doc_id))
        texts = [meta + in_graph(graph, named), meta + trig_block(graph, named)]
        for suffix, text in zip((".nq", TRIG), texts):
            target = self.new / (digest + suffix)
            tmp = target.with_suffix(".part")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
        self.written += 1
        return texts[0], texts[1]

    def _reuse(self, name: str) -> str | None:
        """The text of `name`, hard-linked from the previous build's folder; None when it has none."""
        target = self.new / name
        if target.is_file():
            return target.read_text(encoding="utf-8")
        source = self.old / name if self.old else None
        if source is None or not source.is_file() or source.is_symlink():
            return None
        try:
            os.link(source, target)
        except OSError:
            return None
        return target.read_text(encoding="utf-8")


class KeptText:
    """Pieces of N-Triples text kept between builds under a digest of what each is made from (its
    `state`, and the code that writes it): NAME.nt holds the pieces, NAME.json [digest, offset, length]
    of each. One new article changes the edge nodes and entities it touches; the text of every other
    piece is sliced from the previous build's file instead of made again from rdflib terms."""

    def __init__(self, old: Path | None, new: Path, name: str, *code: str):
        self.kept: dict[str, tuple[int, int]] = {}
        self.data = b""
        if old is not None:
            try:
                index = json.loads((old / f"{name}.json").read_text(encoding="utf-8"))
                with open(old / f"{name}.nt", "rb") as f:   # mapped, not read: at 100,000 articles
                    self.data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)   # edges.nt is ~2 GB
                self.kept = {digest: (offset, length) for digest, offset, length in index}
            except (OSError, ValueError, TypeError):   # an empty file cannot be mapped: nothing kept
                self.kept, self.data = {}, b""
        self.version = code_version(*WRITERS, *code)
        self.out = open(new / f"{name}.nt", "wb")
        # NAME.json is written as the pieces come, in json.dumps' own form: at 100,000 articles a list
        # of a million (digest, offset, length) tuples and its dumps took a few hundred MB
        self.index = open(new / f"{name}.json", "w", encoding="utf-8")
        self.index.write("[")
        self._sep = ""
        self.pos = 0
        self.reused = self.written = 0

    def text(self, state, make) -> str:
        """The text of the piece made from `state` (a repr-stable tuple): kept, or make()."""
        digest = hashlib.sha1(repr((self.version, state)).encode("utf-8")).hexdigest()
        hit = self.kept.get(digest)
        if hit is not None and hit[0] + hit[1] <= len(self.data):
            data = self.data[hit[0]:hit[0] + hit[1]]
            self.reused += 1
        else:
            data = make().encode("utf-8")
            self.written += 1
        self.out.write(data)
        self.index.write(f'{self._sep}["{digest}", {self.pos}, {len(data)}]')
        self._sep = ", "
        self.pos += len(data)
        return data.decode("utf-8")

    def finish(self) -> None:
        self.out.close()
        if isinstance(self.data, mmap.mmap):
            self.data.close()
        self.index.write("]")
        self.index.close()


def _parts(folder: Path) -> list[str] | None:
    try:
        return (folder / PARTS).read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return None


def _digests(path: Path) -> np.ndarray:
    """A 16-byte blake2b digest per line of `path`, as rows of two uint64: compared instead of the lines,
    which at 20,000 articles (shared.nq ~1 GB, 5M lines) took 2.6 GB as two sets of str."""
    buf = bytearray()
    with open(path, "rb") as f:
        for line in f:
            buf += hashlib.blake2b(line, digest_size=16).digest()
    return np.frombuffer(buf, dtype="<u8").reshape(-1, 2)


def _present(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each digest of `a`, whether `b` holds it (exactly: both halves). Found through the first
    half, sorted; where the first halves match and the second do not (two lines sharing a first
    half, or b holding it twice), the rest of b's run with that first half is looked through."""
    if not len(b):
        return np.zeros(len(a), dtype=bool)
    order = np.argsort(b[:, 0], kind="stable")
    high, low = b[order, 0], b[order, 1]
    at = np.minimum(np.searchsorted(high, a[:, 0]), len(high) - 1)
    same_high = high[at] == a[:, 0]
    found = same_high & (low[at] == a[:, 1])
    for k in np.flatnonzero(same_high & ~found):
        j = at[k]
        while j < len(high) and high[j] == a[k, 0]:
            if low[j] == a[k, 1]:
                found[k] = True
                break
            j += 1
    return found


def _kept_digests(folder: Path) -> np.ndarray:
    """The digests of folder's shared.nq: kept by the build that wrote it (DIGESTS, checked against the
    file's size), else made from the file."""
    try:
        data = (folder / DIGESTS).read_bytes()
        size, count = np.frombuffer(data[:16], dtype="<u8")
        if size == (folder / SHARED).stat().st_size and len(data) == 16 + 16 * count:
            return np.frombuffer(data, dtype="<u8", offset=16).reshape(-1, 2)
    except (OSError, ValueError):
        pass
    return _digests(folder / SHARED)


def _keep_digests(folder: Path, digests: np.ndarray) -> None:
    header = np.array([(folder / SHARED).stat().st_size, len(digests)], dtype="<u8").tobytes()
    tmp = folder / (DIGESTS + ".part")
    tmp.write_bytes(header + digests.tobytes())
    os.replace(tmp, folder / DIGESTS)


def _lines_at(path: Path, wanted: np.ndarray) -> str:
    """The lines of `path` whose number is in `wanted` (sorted), as one text."""
    out, numbers = [], iter(wanted.tolist())
    target = next(numbers, -1)
    if target < 0:
        return ""
    with open(path, "rb") as f:
        for i, line in enumerate(f):
            if i == target:
                out.append(line)
                target = next(numbers, -1)
                if target < 0:
                    break
    return b"".join(out).decode("utf-8")


def _quads(text: str) -> list:
    import pyoxigraph as ox
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if text else []


def update_store(chunks: ChunkCache, previous: Path | None, store_dir: Path) -> bool:
    """The new build's store as the previous build's store plus the difference; False (nothing
    written) when there is no usable previous store or too much has changed."""
    import pyoxigraph as ox
    old_store = Path(previous) / "store" if previous else None
    old_parts = _parts(chunks.old) if chunks.old else None
    if old_store is None or not old_store.is_dir() or old_parts is None or not (chunks.old / SHARED).is_file():
        return False
    gone = set(old_parts) - set(chunks.used)
    came = set(chunks.used) - set(old_parts)
    if len(gone) + len(came) > DELTA_MAX * max(1, len(chunks.used)):
        return False
    try:
        ox.Store.read_only(str(old_store)).backup(str(store_dir))
    except OSError:
        return False
    old_digests, new_digests = _kept_digests(chunks.old), _digests(chunks.new / SHARED)
    _keep_digests(chunks.new, new_digests)
    left = _lines_at(chunks.old / SHARED, np.flatnonzero(~_present(old_digests, new_digests)))
    came_lines = _lines_at(chunks.new / SHARED, np.flatnonzero(~_present(new_digests, old_digests)))
    del old_digests, new_digests
    store = ox.Store(str(store_dir))
    for quad in _quads(left):   # removals first: a changed document takes its old quads out, then adds the new
        store.remove(quad)
    for name in sorted(gone):
        for quad in _quads((chunks.old / name).read_text(encoding="utf-8")):
            store.remove(quad)
    store.extend(_quads(came_lines))
    for name in sorted(came):
        store.extend(_quads((chunks.new / name).read_text(encoding="utf-8")))
    store.flush()
    del store
    return True
