"""Symbolic links out of DOCS_DIR are not followed: a link to /etc/passwd or to a file of secrets
must not end up in graph.trig, the views or cache/."""
from __future__ import annotations

from pathlib import Path

from extract.reader import list_sources, read_corpus
from extract.records import Document, Skipped

GOOD = "The press council said the ministry had fined the newspaper on Friday.\n"
SECRET = "Kestrel Bank account 4711 password hunter2 belongs to Anna Volkova.\n"


def corpus_of(folder: Path, **options) -> dict[str, Document | Skipped]:
    return {item.source: item for item in read_corpus(folder, **options)}


def tree(tmp_path: Path) -> Path:
    """docs/ with one article, a link to a file of secrets and a link to a folder of them, both outside."""
    private = tmp_path / "private"
    (private / "vault").mkdir(parents=True)
    (private / "secret.txt").write_text(SECRET)
    (private / "vault" / "more.txt").write_text(SECRET)
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "ok.txt").write_text(GOOD)
    (docs / "sub" / "inner.txt").write_text(GOOD)
    (docs / "leak.txt").symlink_to(private / "secret.txt")
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "vault").symlink_to(private / "vault")
    (docs / "relative.txt").symlink_to("../private/secret.txt")
    (docs / "alias.txt").symlink_to("sub/inner.txt")        # inside DOCS_DIR: read
    return docs


def test_links_out_of_docs_dir_are_skipped_with_a_reason_naming_them(tmp_path):
    items = corpus_of(tree(tmp_path))
    for link in ("leak.txt", "passwd.txt", "vault", "relative.txt"):
        item = items[link]
        assert isinstance(item, Skipped), link
        assert "outside DOCS_DIR" in item.reason and "not followed" in item.reason, item.reason
    assert not any("hunter2" in i.text or "root:" in i.text for i in items.values() if isinstance(i, Document))
    assert "vault/more.txt" not in items
    docs = {s for s, i in items.items() if isinstance(i, Document)}
    assert docs == {"ok.txt", "sub/inner.txt", "alias.txt"}
    assert [p.name for p in list_sources(tmp_path / "docs")] == ["alias.txt", "ok.txt", "inner.txt"]


def test_follow_links_reads_them(tmp_path):
    items = corpus_of(tree(tmp_path), follow_links=True)
    assert isinstance(items["leak.txt"], Document) and "hunter2" in items["leak.txt"].text
    assert isinstance(items["vault/more.txt"], Document)


def test_docs_dir_given_through_a_link_is_read(tmp_path):
    docs = tree(tmp_path)
    (tmp_path / "docs-link").symlink_to(docs)
    items = corpus_of(tmp_path / "docs-link")
    assert isinstance(items["ok.txt"], Document) and isinstance(items["alias.txt"], Document)
    assert isinstance(items["leak.txt"], Skipped)


def test_a_build_never_writes_what_a_link_out_of_docs_dir_points_to(tmp_path):
    from graph.build import build

    docs = tree(tmp_path)
    out = tmp_path / "out"
    summary = build(docs, out, incremental=False)
    assert summary.documents == 3
    assert {s.source for s in summary.skipped} >= {"leak.txt", "passwd.txt", "vault", "relative.txt"}
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"hunter2" not in data and b"Volkova" not in data and b"root:x:" not in data, path
