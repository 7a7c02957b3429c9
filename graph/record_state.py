"""The records of a build kept in a few files, so the next build need not open every cache entry.

A one-article rebuild merges every document's result again (entity ids are corpus-wide), and opening
and decoding every cache entry (JSON objects turned into dataclasses, mentions included) took most of
the time before the merge. So a build also writes each result as the merge and the outputs take it
(graph.merge.compact: no mentions, no scorer features) as one line of JSON arrays into OUT/cache/records/,
in chunks cut after an entry whose name says so (about one in CHUNK): a new article changes the chunk
it falls into, not the chunks after it, and a chunk of unchanged entries is hard-linked from the
previous build. index.json lists each chunk's entries with their offsets, and the records' field names:
when extract.records changes (so does the pipeline version, and with it every entry's name) or
anything does not match, the build reads the entries themselves, as before.

A build with a review file reads the entries (its decisions need the mentions); a result whose relation
carries a review decision is not kept here.
"""
from __future__ import annotations

import hashlib
import json
import mmap
import os
from dataclasses import fields
from pathlib import Path

from extract.records import DocResult, Document, LocalEntity, Relation

FOLDER = "records"
INDEX = "index.json"
CHUNK = 256
FORMAT = 1
FIELDS = {cls.__name__: [f.name for f in fields(cls)] for cls in (Document, LocalEntity, Relation)}


def _relation(rel: Relation) -> list:
    return [[] if name == "features" else getattr(rel, name) for name in FIELDS["Relation"]]


def encode(result: DocResult) -> str | None:
    """One line of JSON arrays for a result (None when it cannot be kept: mentions, reviewed relations)."""
    if result.mentions or any(r.review is not None for r in (*result.relations, *result.held)):
        return None
    doc = [getattr(result.document, name) for name in FIELDS["Document"]]
    entities = []
    for e in result.entities:
        values = {name: getattr(e, name) for name in FIELDS["LocalEntity"]}
        values["aliases"] = sorted(e.aliases)
        values["weights"] = list(e.weights.items())
        entities.append(list(values.values()))
    return json.dumps([doc, entities, [_relation(r) for r in result.relations],
                       [_relation(r) for r in result.held]], ensure_ascii=False, separators=(",", ":")) + "\n"


def decode(line: bytes) -> DocResult:
    doc, entities, relations, held = json.loads(line)
    ents = []
    for values in entities:
        e = LocalEntity(*values)
        e.aliases, e.weights = set(e.aliases), dict(e.weights)
        ents.append(e)
    return DocResult(Document(*doc), ents, [], [Relation(*r) for r in relations], [Relation(*r) for r in held])


def _boundary(entry: str) -> bool:
    return int(hashlib.sha1(entry.encode()).hexdigest()[:8], 16) % CHUNK == 0


class RecordState:
    """The previous build's kept records (get), and the writing of the new build's (write)."""

    def __init__(self, old_cache: Path | None, new_cache: Path):
        self.old = Path(old_cache) / FOLDER if old_cache else None
        self.new = Path(new_cache) / FOLDER
        self.where: dict[str, tuple[str, int, int]] = {}   # entry -> (chunk, offset, length)
        self.maps: dict[str, mmap.mmap | bytes] = {}
        self.hits = 0
        if self.old is not None:
            try:
                index = json.loads((self.old / INDEX).read_text(encoding="utf-8"))
                if index.get("format") == FORMAT and index.get("fields") == FIELDS:
                    self.where = {entry: (chunk, offset, length)
                                  for chunk, entries in index["chunks"] for entry, offset, length in entries}
            except (OSError, ValueError, TypeError, KeyError):
                self.where = {}

    def get(self, entry: str) -> DocResult | None:
        """The kept result of a cache entry (by its file name), or None."""
        hit = self.where.get(entry)
        if hit is None:
            return None
        chunk, offset, length = hit
        try:
            data = self._map(chunk)
            if offset + length > len(data):
                return None
            result = decode(data[offset:offset + length])
        except (OSError, ValueError, TypeError):
            return None
        self.hits += 1
        return result

    def _map(self, chunk: str):
        if chunk not in self.maps:
            with open(self.old / chunk, "rb") as f:   # an empty file cannot be mapped
                empty = not os.fstat(f.fileno()).st_size
                self.maps[chunk] = b"" if empty else mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return self.maps[chunk]

    def close(self) -> None:
        for data in self.maps.values():
            if isinstance(data, mmap.mmap):
                data.close()
        self.maps = {}

    def write(self, results: list[tuple[str, DocResult]]) -> None:
        """The new build's records/ from (entry name, result) in merge order: unchanged chunks are
        linked from the previous build, the others written (atomically, then the index)."""
        self.close()
        self.new.mkdir(parents=True, exist_ok=True)
        chunks, group = [], []
        for i, (entry, result) in enumerate(results):
            group.append((entry, result))
            if _boundary(entry) or i == len(results) - 1:
                chunks.append(self._chunk(group))
                group = []
        index = {"format": FORMAT, "fields": FIELDS, "chunks": [c for c in chunks if c]}
        tmp = self.new / (INDEX + ".part")
        tmp.write_text(json.dumps(index), encoding="utf-8")
        os.replace(tmp, self.new / INDEX)

    def _chunk(self, group: list[tuple[str, DocResult]]):
        """[chunk name, [[entry, offset, length], ...]] of the kept results of `group`, written or linked."""
        name = hashlib.sha1("\n".join(entry for entry, _ in group).encode()).hexdigest()[:24] + ".jsonl"
        target = self.new / name
        old = [(entry, self.where.get(entry)) for entry, _ in group]
        if self.old is not None and all(w and w[0] == name for _, w in old):
            try:
                os.link(self.old / name, target)
                return [name, [[entry, w[1], w[2]] for entry, w in old]]
            except OSError:
                pass
        entries, pos, lines = [], 0, []
        for entry, result in group:
            line = encode(result)
            if line is None:
                continue
            data = line.encode("utf-8")
            entries.append([entry, pos, len(data)])
            lines.append(data)
            pos += len(data)
        if not entries:
            return None
        tmp = target.with_suffix(".part")
        tmp.write_bytes(b"".join(lines))
        os.replace(tmp, target)
        return [name, entries]
