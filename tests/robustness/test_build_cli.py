"""A build over a messy folder goes on, lists every skipped file, and sets the exit status."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from graph.query import open_store, select

GOOD = ("Editors of the Northern Courier said the regional governor pressured the newspaper "
        "to drop its investigation.\n")


def messy(folder: Path) -> Path:
    folder.mkdir()
    (folder / "good one.txt").write_text(GOOD, encoding="utf-8")
    (folder / "cyrillic.txt").write_bytes("Губернатор оказал давление на газету.".encode("cp1251"))
    (folder / "page.html").write_text(f"<html><body><article><p>{GOOD}</p></article></body></html>")
    (folder / "Пресса ü «1».txt").write_text(GOOD, encoding="utf-8")
    (folder / "line\nbreak.txt").write_text(GOOD, encoding="utf-8")
    (folder / "mixed.txt").write_text("Reporters in \u202eHaifa\u202c said \U0001F4F0 the Ha\u200bAretz "
                                      "editor \u05d3\u05e0\u05d4 met \u0627\u0644\u062c\u0632\u064a\u0631\u0629 "
                                      "staff \U0001F469\u200d\U0001F4BB.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "loop.txt").symlink_to("loop.txt")
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(20 * 1024 * 1024)   # a sparse 20 MB file
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["build", *map(str, args)])


def test_messy_folder_builds_and_lists_what_was_skipped(tmp_path):
    out = tmp_path / "out"
    res = run(messy(tmp_path / "docs"), "--out", out, "--full")
    assert res.exit_code == 0, res.output
    assert "6 documents" in res.output
    for name, why in [("empty.txt", "empty"), ("image.txt", "binary"), ("loop.txt", "symlink loop"),
                      ("huge.txt", "too large")]:
        assert any(line.startswith(f"skipped {name}: ") and why in line for line in res.output.splitlines()), name
    sources = {r["s"] for r in select(open_store(out), "SELECT ?s WHERE { ?d dcterms:source ?s }")}
    assert sources == {"good one.txt", "cyrillic.txt", "page.html", "Пресса ü «1».txt", "line\\nbreak.txt",
                       "mixed.txt"}


def test_strict_fails_when_anything_was_skipped(tmp_path):
    res = run(messy(tmp_path / "docs"), "--out", tmp_path / "out", "--strict")
    assert res.exit_code != 0
    assert "skipped empty.txt" in res.output and "--strict" in res.output


def test_strict_passes_a_clean_folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD)
    assert run(docs, "--out", tmp_path / "out", "--strict").exit_code == 0


@pytest.mark.parametrize("files", [{}, {"empty.txt": b"", "blob.txt": b"\x00\x01\x02\x03" * 100}])
def test_nothing_processed_exits_non_zero(tmp_path, files):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, data in files.items():
        (docs / name).write_bytes(data)
    res = run(docs, "--out", tmp_path / "out")
    assert res.exit_code != 0
    assert "no document could be processed" in res.output


def test_nothing_processed_keeps_the_previous_build(tmp_path):
    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD)
    assert run(docs, "--out", out).exit_code == 0
    query = "SELECT ?s WHERE { ?d dcterms:source ?s }"
    assert [r["s"] for r in select(open_store(out), query)] == ["a.txt"]
    (docs / "a.txt").write_bytes(b"")
    res = run(docs, "--out", out)
    assert res.exit_code != 0 and "previous build" in res.output
    assert [r["s"] for r in select(open_store(out), query)] == ["a.txt"]
