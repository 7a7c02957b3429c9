"""Each document's N-Quads, kept between builds: an unchanged document is not turned into text again.

A document's quads (its metadata in the default graph and its named graph, graph.stream.
document_nquads) depend only on its record and its relations with their corpus-wide entity ids.
Their digest names a file in OUT/cache/nq/; the next build hard-links the files of documents whose
digest is unchanged and writes only the others. The two quads that tie a document to the build
activity change with every build and are written apart.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from extract.records import Document, Relation
from graph.manifest import CACHE_DIR

FOLDER = "nq"


def chunk_digest(doc: Document, relations: list[Relation]) -> str:
    data = [doc.doc_id, doc.source, doc.headline, doc.author, doc.date, doc.publisher, len(doc.text),
            hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
            [[r.subject, r.prop, r.object, r.sentence, r.start, r.end, r.rule, r.confidence, r.hedged,
              r.attributed_to] for r in relations]]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


class ChunkCache:
    """Reads chunks from the previous build's cache/nq/, writes the new build's."""

    def __init__(self, old_out: Path | None, new_out: Path):
        self.old = Path(old_out) / CACHE_DIR / FOLDER if old_out else None
        self.new = Path(new_out) / CACHE_DIR / FOLDER
        self.new.mkdir(parents=True, exist_ok=True)
        self.reused = self.written = 0

    def text(self, doc: Document, relations: list[Relation], make) -> str:
        """The document's chunk: the previous build's when its digest is unchanged, else make()."""
        name = chunk_digest(doc, relations) + ".nq"
        target = self.new / name
        if target.is_file():
            return target.read_text(encoding="utf-8")
        source = self.old / name if self.old else None
        if source is not None and source.is_file() and not source.is_symlink():
            try:
                os.link(source, target)
                self.reused += 1
                return target.read_text(encoding="utf-8")
            except OSError:
                pass
        text = make()
        tmp = target.with_suffix(".part")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
        self.written += 1
        return text
