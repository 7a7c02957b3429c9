"""Files and folders the reader cannot use are skipped with a reason; none of them stops the build:
an unknown or bogus declared charset, an unreadable sub-folder, formats it does not read (PDF, DOCX)."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from extract import reader
from extract.reader import list_sources, read_corpus
from extract.records import Document, Skipped

GOOD = "The press council said the ministry had fined the newspaper on Friday.\n"


def corpus_of(folder: Path) -> dict[str, Document | Skipped]:
    return {item.source: item for item in read_corpus(folder)}


@pytest.mark.parametrize("charset", ["undefined", "rot13", "base64", "hex", "zlib", "x-no-such-charset",
                                     "unicode_escape", "punycode"])
def test_a_bogus_declared_charset_falls_back(charset):
    page = (f'<html><head><meta charset="{charset}"></head><body><p>Le ministère a fermé le journal '
            f'à Marseille.</p></body></html>').encode("cp1252")
    doc = reader.document_from_bytes(page, "page.html")
    assert isinstance(doc, Document)
    assert doc.text == "Le ministère a fermé le journal à Marseille."


def test_a_bogus_charset_does_not_stop_the_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD)
    (docs / "b.html").write_bytes(b'<html><head><meta charset="undefined"></head><body><p>Caf\xe9 '
                                  b'owners said the ministry fined the paper.</p></body></html>')
    res = CliRunner().invoke(main, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "2 documents" in res.output


def test_any_error_reading_one_file_skips_that_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)
    real = reader.document_from_bytes

    def broken(raw, source, kind="text"):
        if source == "a.txt":
            raise RuntimeError("a bug in the reader")
        return real(raw, source, kind)
    monkeypatch.setattr(reader, "document_from_bytes", broken)
    items = corpus_of(tmp_path)
    assert isinstance(items["a.txt"], Skipped) and "RuntimeError: a bug in the reader" in items["a.txt"].reason
    assert isinstance(items["b.txt"], Document)


# ---------------------------------------------------------------- an unreadable sub-folder

def deny_folder(monkeypatch, locked: Path) -> None:
    """What a non-root user meets in a chmod 000 folder (root, which runs the tests, is not stopped):
    it cannot be listed, and nothing inside it can be stat'ed or opened."""
    real_scandir, real_stat, real_lstat = os.scandir, os.stat, os.lstat

    def denied(path) -> bool:
        path = Path(os.fsdecode(path)) if not isinstance(path, int) else None
        return path is not None and (path == locked or locked in path.parents)

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    def scandir(path="."):
        return refuse(path) if denied(path) else real_scandir(path)

    def stat(path, *a, **k):
        if denied(path) and Path(os.fsdecode(path)) != locked:
            refuse(path)
        return real_stat(path, *a, **k)

    def lstat(path, *a, **k):
        if denied(path) and Path(os.fsdecode(path)) != locked:
            refuse(path)
        return real_lstat(path, *a, **k)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "lstat", lstat)


def test_an_unreadable_sub_folder_is_skipped_with_its_name(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    (locked / "deeper").mkdir(parents=True)
    (locked / "inside.txt").write_text(GOOD)
    deny_folder(monkeypatch, locked)
    items = corpus_of(tmp_path)
    assert isinstance(items["locked"], Skipped) and "permission denied" in items["locked"].reason
    assert isinstance(items["ok.txt"], Document) and "locked/inside.txt" not in items
    assert [p.name for p in list_sources(tmp_path)] == ["ok.txt"]


def test_an_unreadable_sub_folder_does_not_stop_the_build(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    (docs / "locked").mkdir(parents=True)
    (docs / "ok.txt").write_text(GOOD)
    (docs / "locked" / "inside.txt").write_text(GOOD)
    deny_folder(monkeypatch, docs / "locked")
    res = CliRunner().invoke(main, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert any(line.startswith("skipped locked: ") and "permission denied" in line
               for line in res.output.splitlines()), res.output


# ---------------------------------------------------------------- formats it does not read

def test_files_of_other_formats_are_listed_as_skipped(tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "memo.DOCX").write_bytes(b"PK\x03\x04")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes.md").write_text(GOOD)
    (tmp_path / "README").write_text(GOOD)
    (tmp_path / ".DS_Store").write_bytes(b"\x00")   # hidden: ignored, not listed
    items = corpus_of(tmp_path)
    assert items["scan.pdf"] == Skipped("scan.pdf", "unsupported format .pdf")
    assert items["memo.DOCX"] == Skipped("memo.DOCX", "unsupported format .docx")
    assert items["sub/notes.md"] == Skipped("sub/notes.md", "unsupported format .md")
    assert items["README"] == Skipped("README", "unsupported format (no file extension)")
    assert ".DS_Store" not in items and isinstance(items["ok.txt"], Document)
    assert [p.name for p in list_sources(tmp_path)] == ["ok.txt"]


def test_a_folder_of_only_pdf_and_docx_says_so_and_exits_non_zero(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.pdf").write_bytes(b"%PDF-1.7\n")
    (docs / "letter.docx").write_bytes(b"PK\x03\x04")
    res = CliRunner().invoke(main, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert res.exit_code != 0
    assert "skipped report.pdf: unsupported format .pdf" in res.output
    assert "skipped letter.docx: unsupported format .docx" in res.output
    assert "no document could be processed" in res.output
