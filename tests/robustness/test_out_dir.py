"""A build never destroys a folder it was not handed: OUT_DIR must be new, empty or a previous build."""
from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from graph.build import build
from graph.outdir import MARKER, OutDirError, build_lock, check_out_dir

TEXT = "The Northern Courier said the regional governor pressured the newspaper.\n"


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, ["build", *map(str, args)])


def test_a_folder_of_user_files_is_refused_and_left_whole(tmp_path, docs):
    out = tmp_path / "ud"
    (out / "photos").mkdir(parents=True)
    (out / "thesis.docx").write_text("draft")
    res = run(docs, "--out", out)
    assert res.exit_code != 0
    assert "not an actorgraph build" in res.output and "thesis.docx" in res.output
    assert (out / "thesis.docx").read_text() == "draft" and (out / "photos").is_dir()
    assert not list(tmp_path.glob(".ud.tmp-*"))


def test_out_equal_to_or_inside_the_articles_is_refused(tmp_path, docs):
    for out in (docs, docs / "out"):
        res = run(docs, "--out", out)
        assert res.exit_code != 0 and "inside the articles folder" in res.output
    assert (docs / "a.txt").read_text(encoding="utf-8") == TEXT


def test_articles_inside_out_is_refused(tmp_path, docs, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("docs", "--out", ".")
    assert res.exit_code != 0 and "inside the output folder" in res.output
    assert (docs / "a.txt").exists()


@pytest.mark.parametrize("where", ["/", "home"])
def test_root_and_home_are_refused(where, docs):
    out = Path.home() if where == "home" else Path("/")
    with pytest.raises(OutDirError, match="root, the home folder or a mount point"):
        check_out_dir(docs, out)


def test_a_mount_point_is_refused(tmp_path, docs, monkeypatch):
    out = tmp_path / "mnt"
    out.mkdir()
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == out)
    with pytest.raises(OutDirError, match="mount point"):
        check_out_dir(docs, out)


def test_a_previous_build_is_replaced_but_foreign_files_in_it_are_not(tmp_path, docs):
    out = tmp_path / "out"
    assert run(docs, "--out", out).exit_code == 0
    assert (out / MARKER).is_file()
    assert run(docs, "--out", out).exit_code == 0       # a rebuild is fine
    (out / "my notes.txt").write_text("keep me")
    res = run(docs, "--out", out)
    assert res.exit_code != 0 and "my notes.txt" in res.output
    assert (out / "my notes.txt").read_text() == "keep me"


def test_an_empty_or_missing_folder_is_used(tmp_path, docs):
    (tmp_path / "empty").mkdir()
    for name in ("empty", "new/deeper"):
        assert run(docs, "--out", tmp_path / name).exit_code == 0
        assert (tmp_path / name / "graph.trig").is_file()


def test_a_symlinked_out_is_refused(tmp_path, docs):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    res = run(docs, "--out", tmp_path / "link")
    assert res.exit_code != 0 and "symbolic link" in res.output


def test_a_second_build_into_the_same_folder_fails_with_a_message(tmp_path, docs):
    out = tmp_path / "out"
    with build_lock(out):
        res = run(docs, "--out", out)
    assert res.exit_code != 0 and "another build is writing" in res.output
    assert not out.exists()


def test_the_lock_is_held_for_the_whole_build(tmp_path, docs, monkeypatch):
    import graph.build as gb
    out, seen = tmp_path / "out", []
    real = gb.write_outputs

    def probe(corpus, where, *rest, **options):
        fd = os.open(tmp_path / ".out.lock", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            seen.append("free")
        except OSError:
            seen.append("held")
        finally:
            os.close(fd)
        real(corpus, where, *rest, **options)
    monkeypatch.setattr(gb, "write_outputs", probe)
    build(docs, out)
    assert seen == ["held"]


def test_the_folder_keeps_the_users_mode(tmp_path, docs):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o755)
    build(docs, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    out.chmod(0o750)
    build(docs, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o750


def test_a_new_folder_gets_the_umask_mode(tmp_path, docs):
    old = os.umask(0o022)
    try:
        build(docs, tmp_path / "fresh")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh").stat().st_mode) == 0o755


@pytest.mark.parametrize("err", [28, 30])   # ENOSPC, EROFS
def test_disk_full_or_read_only_is_one_line_naming_the_file(tmp_path, docs, monkeypatch, err):
    import graph.build as gb

    def fail(corpus, where, *rest, **options):
        raise OSError(err, os.strerror(err), str(where / "graph.trig"))
    monkeypatch.setattr(gb, "write_outputs", fail)
    res = run(docs, "--out", tmp_path / "out")
    assert res.exit_code == 1
    line = res.output.strip().splitlines()[-1]
    assert line.startswith("Error: cannot write the build") and os.strerror(err) in line and "graph.trig" in line
    assert "Traceback" not in res.output
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_nothing_readable_into_a_new_folder_writes_nothing(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.pdf").write_bytes(b"%PDF-1.4")
    res = run(docs, "--out", tmp_path / "out")
    assert res.exit_code != 0 and "nothing was written" in res.output
    assert not (tmp_path / "out").exists()


def test_a_link_out_of_the_articles_is_read_only_with_follow_links(tmp_path, docs):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("The Southern Courier said the governor pressured the newspaper.\n", encoding="utf-8")
    (docs / "link.txt").symlink_to(outside)
    res = run(docs, "--out", tmp_path / "o1")
    assert res.exit_code == 0 and "link.txt" in res.output and "not followed" in res.output
    res = run(docs, "--out", tmp_path / "o2", "--follow-links")
    assert res.exit_code == 0 and "Southern Courier" in (tmp_path / "o2" / "graph.trig").read_text(encoding="utf-8")


def test_a_cached_result_is_not_reused_under_another_document_id(tmp_path):
    from graph.manifest import DocCache
    from extract.records import DocResult, Document
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    first = DocCache(None, old)
    first.put(DocResult(Document("b__x", "b/x.txt", "same text"), [], [], []))
    again = DocCache(old, new)
    assert again.get(Document("b__x", "b/x.txt", "same text")) is not None
    assert again.get(Document("b__x_2", "b/x.txt", "same text")) is None
