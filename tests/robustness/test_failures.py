"""A bug on one article skips that article, not the build; leftovers of killed builds are cleaned."""
from __future__ import annotations

import subprocess
import sys

import extract.pipeline as pipeline
from graph.build import build


def test_an_article_that_breaks_extraction_is_skipped_and_the_rest_is_built(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("The Ministry of Culture of Freedonia blocked the news site Civic Wire.\n")
    (docs / "bad.txt").write_text("This article trips a bug in the extractor.\n")
    real = pipeline.analyse

    def flaky(document, parsed):
        if document.doc_id == "bad":
            raise ValueError("boom")
        return real(document, parsed)
    monkeypatch.setattr(pipeline, "analyse", flaky)
    summary = build(docs, tmp_path / "out", incremental=False)
    assert summary.documents == 1
    assert [(s.source, s.reason) for s in summary.skipped] == [("bad.txt", "extraction failed: ValueError: boom")]
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 0


def test_the_temporary_folder_of_a_killed_build_is_removed_by_the_next_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Kazakhstan blocked the outlet Kloop.\n")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".out.tmp-{dead}-abc123"
    stale.mkdir()
    (stale / "graph.trig").write_text("half written")
    build(docs, tmp_path / "out", incremental=False)
    assert not stale.exists()
    assert (tmp_path / "out" / "graph.trig").is_file()
