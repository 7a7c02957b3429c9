"""Read a folder of articles into Documents, skipping what cannot be read."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from extract.records import Document, Skipped

SUFFIXES = {".txt"}


def list_sources(docs_dir: Path) -> list[Path]:
    """Every article file under docs_dir, sorted, not following symlinked folders."""
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"{docs_dir}: not a folder of articles")
    found = []
    for root, dirs, files in os.walk(docs_dir, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in SUFFIXES:
                found.append(path)
    return found


def read_document(path: Path, docs_dir: Path) -> Document | Skipped:
    rel = path.relative_to(docs_dir).as_posix()
    try:
        raw = path.read_bytes()
    except OSError as e:
        return Skipped(rel, f"cannot read: {e.strerror or e}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return Skipped(rel, f"not UTF-8 text (byte {e.start})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Skipped(rel, "empty file")
    return Document(doc_id=path.stem, source=rel, text=text)


def read_corpus(docs_dir: Path) -> Iterator[Document | Skipped]:
    docs_dir = Path(docs_dir)
    for path in list_sources(docs_dir):
        yield read_document(path, docs_dir)
