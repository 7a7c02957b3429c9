"""Messy input files: each is read correctly or skipped with a one-line reason, and reading goes on."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract import reader
from extract.reader import MAX_BYTES, read_corpus
from extract.records import Document, Skipped

GOOD = "The press council said the ministry had fined the newspaper on Friday.\n"


def corpus_of(folder: Path) -> dict[str, Document | Skipped]:
    return {item.source: item for item in read_corpus(folder)}


def one(folder: Path, name: str, data: bytes | str) -> Document | Skipped:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return corpus_of(folder)[name]


def skipped_because(item, *words: str) -> bool:
    return isinstance(item, Skipped) and all(w in item.reason for w in words) and "\n" not in item.reason


def test_empty_and_whitespace_files_are_skipped(tmp_path):
    assert skipped_because(one(tmp_path, "empty.txt", b""), "empty")
    assert skipped_because(one(tmp_path, "blank.txt", " \r\n\t\u3000\n"), "empty")


def test_binary_files_are_skipped_with_their_kind(tmp_path):
    assert skipped_because(one(tmp_path, "scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "binary", "PDF")
    assert skipped_because(one(tmp_path, "pic.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary")
    noise = bytes((i * 73 + 11) % 256 for i in range(5000))
    assert skipped_because(one(tmp_path, "noise.txt", noise), "binary")


def test_cp1251_russian_is_decoded():
    text = "Роскомнадзор потребовал от редакции удалить материал о задержании журналистов."
    doc = reader.document_from_bytes(text.encode("cp1251"), "ru.txt")
    assert doc.text == text


def test_koi8r_russian_is_decoded():
    text = "Суд оштрафовал телеканал за репортаж о митинге в Екатеринбурге."
    assert reader.document_from_bytes(text.encode("koi8_r"), "ru.txt").text == text


@pytest.mark.parametrize("text", [
    "Le ministère a exigé que l'hebdomadaire retire l'enquête publiée à Marseille.",
    "Die Behörde ließ die Zeitung in München durchsuchen, sagte Jürgen Groß.",
    "La fiscalía española pidió el cierre del diario, según Núñez.",
])
def test_latin1_is_decoded(text):
    assert reader.document_from_bytes(text.encode("latin-1"), "x.txt").text == text


def test_cp1252_quotes_and_dashes_are_decoded():
    text = "The regulator \u201cwarned\u201d the station \u2014 again \u2026 said O\u2019Neill."
    assert reader.document_from_bytes(text.encode("cp1252"), "x.txt").text == text


def test_utf8_bom_and_utf16_are_decoded(tmp_path):
    assert one(tmp_path, "bom.txt", b"\xef\xbb\xbf" + GOOD.encode()).text == GOOD
    assert one(tmp_path, "u16.txt", GOOD.encode("utf-16")).text == GOOD
    assert one(tmp_path, "u16le.txt", GOOD.encode("utf-16-le")).text == GOOD


def test_crlf_and_lone_cr_become_newlines(tmp_path):
    doc = one(tmp_path, "crlf.txt", b"Headline here\r\n\r\nFirst line.\rSecond line.\r\n")
    assert doc.text == "Headline here\n\nFirst line.\nSecond line.\n"


def test_html_page_gives_the_article_text_only(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Site | Story</title>
    <meta property="og:site_name" content="The Daily Example">
    <meta property="article:published_time" content="2021-03-04T10:00:00Z">
    <script>document.write("<p>injected</p>")</script><style>p {color: red}</style></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Court fines broadcaster</h1>
    <p>A court in Lyon fined the broadcaster &amp; its editor on Tuesday.</p>
    <p>The editor&#39;s lawyer <b>appealed</b>.<br>He called it &lt;censorship&gt;.</p>
    <aside>Read more: unrelated story</aside></article>
    <footer>Copyright example</footer></body></html>"""
    doc = one(tmp_path, "story.html", page)
    assert doc.text.startswith("Court fines broadcaster\n\n")
    assert "A court in Lyon fined the broadcaster & its editor on Tuesday." in doc.text
    assert "The editor's lawyer appealed.\nHe called it <censorship>." in doc.text
    for junk in ("injected", "color", "Home", "unrelated", "Copyright", "Site |"):
        assert junk not in doc.text
    assert doc.publisher == "The Daily Example" and doc.date == "2021-03-04"


def test_html_saved_as_txt_and_declared_charset(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            '</head><body><p>Прокуратура закрыла газету.</p></body></html>').encode("cp1251")
    doc = one(tmp_path, "saved.txt", page)
    assert doc.text == "Прокуратура закрыла газету."


def test_html_without_text_is_skipped(tmp_path):
    assert skipped_because(one(tmp_path, "shell.html", "<html><body><script>app()</script></body></html>"),
                           "no article text")


def test_file_over_the_size_limit_is_skipped_unread(tmp_path, monkeypatch):
    big = tmp_path / "dump.txt"
    with open(big, "wb") as f:
        f.truncate(20 * 1024 * 1024)   # sparse 20 MB file
    (tmp_path / "ok.txt").write_text(GOOD)

    def refuse(*args, **kwargs):
        raise AssertionError("a file over the limit must not be read")
    real_open = open
    monkeypatch.setattr(reader, "open", lambda p, *a, **k: refuse() if Path(p) == big else real_open(p, *a, **k),
                        raising=False)
    items = corpus_of(tmp_path)
    assert skipped_because(items["dump.txt"], "too large", "20.0 MB")
    assert isinstance(items["ok.txt"], Document)
    assert MAX_BYTES < 20 * 1024 * 1024


def test_text_over_the_character_limit_is_skipped(monkeypatch):
    monkeypatch.setattr(reader, "MAX_CHARS", 1000)
    assert skipped_because(reader.document_from_bytes(b"word " * 300, "long.txt"), "too long", "1,000")


def test_invisible_and_bidi_characters_are_removed_emoji_and_rtl_kept():
    raw = ("Ro\u200bskom\u00adnadzor\u2060 fined \u202eMeduza\u202c\u200e. "
           "\U0001F1FA\U0001F1E6 \U0001F469\u200d\U0001F4BB \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627\x00\x07")
    doc = reader.document_from_bytes(raw.encode("utf-8"), "x.txt")
    assert doc.text.startswith("Roskomnadzor fined Meduza. ")
    assert "\U0001F469\u200d\U0001F4BB" in doc.text          # ZWJ sequence intact
    assert "\u05e9\u05dc\u05d5\u05dd" in doc.text and "\u0645\u0631\u062d\u0628\u0627" in doc.text
    assert not any(c in doc.text for c in "\u200b\u00ad\u2060\u202e\u202c\u200e\x00\x07")


def test_file_names_with_spaces_and_non_ascii(tmp_path):
    (tmp_path / "Пресса и власть 2021.txt").write_text(GOOD)
    (tmp_path / "sub dir").mkdir()
    (tmp_path / "sub dir" / "café ñ.txt").write_text(GOOD)
    (tmp_path / os.fsdecode(b"latin\xe9.txt")).write_bytes(GOOD.encode())
    (tmp_path / "line\nbreak.txt").write_text(GOOD)
    items = corpus_of(tmp_path)
    docs = [i for i in items.values() if isinstance(i, Document)]
    assert len(docs) == 4
    assert "sub dir/café ñ.txt" in items and items["Пресса и власть 2021.txt"].doc_id == "Пресса и власть 2021"
    for d in docs:  # every id and source can be written as UTF-8 and holds no line break
        d.doc_id.encode("utf-8"), d.source.encode("utf-8")
        assert "\n" not in d.doc_id + d.source


def test_same_stem_in_two_folders_gets_two_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(GOOD)
    ids = [i.doc_id for i in read_corpus(tmp_path)]
    assert len(ids) == 2 and len(set(ids)) == 2 and "report" in ids


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    (tmp_path / "ok.txt").write_text(GOOD)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads mode-000 files; make the open fail as it would for a user
        real_open = open

        def deny(p, *a, **k):
            if Path(p) == locked:
                raise PermissionError(13, "Permission denied", str(p))
            return real_open(p, *a, **k)
        monkeypatch.setattr(reader, "open", deny, raising=False)
    items = corpus_of(tmp_path)
    assert skipped_because(items["locked.txt"], "permission denied")
    assert isinstance(items["ok.txt"], Document)


def test_symlink_loops_and_broken_links_are_skipped(tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD)
    (tmp_path / "one.txt").symlink_to("two.txt")
    (tmp_path / "two.txt").symlink_to("one.txt")
    (tmp_path / "gone.txt").symlink_to("missing.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.txt").write_text(GOOD)
    (tmp_path / "sub" / "up").symlink_to("..")
    items = corpus_of(tmp_path)
    assert skipped_because(items["one.txt"], "symlink loop")
    assert skipped_because(items["gone.txt"], "broken symlink")
    assert skipped_because(items["sub/up"], "symlink loop")
    assert {s for s, i in items.items() if isinstance(i, Document)} == {"ok.txt", "sub/inner.txt"}


def test_fifo_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert skipped_because(corpus_of(tmp_path)["pipe.txt"], "not a regular file")


def test_long_run_without_punctuation_goes_through_the_pipeline(analyse_text):
    words = ["ministry", "regulator", "journalists", "station", "council", "editor", "court", "agency"]
    text = " ".join(words[(i * 7) % len(words)] for i in range(13000))[:100_000]
    result = analyse_text(text)
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
    for r in result.relations:
        assert 0 <= r.start < r.end <= len(text) and text[r.start:r.end] == r.sentence


def test_a_build_folder_inside_the_corpus_is_not_read_as_articles(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "graph.trig").write_text("")
    (out / "index.html").write_text("<html><body><p>views</p></body></html>")
    items = corpus_of(tmp_path)
    assert skipped_because(items["out"], "actorgraph build")
    assert [s for s, i in items.items() if isinstance(i, Document)] == ["a.txt"]


def test_unreadable_folder_is_skipped_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD)
    locked.chmod(0)
    real_scandir = os.scandir

    def deny(path="."):
        if Path(path) == locked:   # as a non-root user the chmod alone does this
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", deny)
    try:
        items = corpus_of(tmp_path)
    finally:
        locked.chmod(0o755)
    assert skipped_because(items["locked"], "cannot read folder")
    assert isinstance(items["ok.txt"], Document) and "locked/inside.txt" not in items


def test_utf8_cut_mid_character_stays_utf8():
    text = "Журналисты «Новой газеты» сообщили, что суд оштрафовал редакцию. Ещё"
    raw = text.encode("utf-8")[:-1]   # the last letter loses its second byte
    doc = reader.document_from_bytes(raw, "cut.txt")
    assert doc.text.startswith("Журналисты «Новой газеты» сообщили") and doc.text.endswith("Ещ\ufffd")
