"""Read a folder of articles into Documents, skipping what cannot be read.

Article files are untrusted and messy. Each one becomes either a Document
or a Skipped with a one-line reason; nothing here raises for a bad file, so
the build goes on. What is handled:

- encodings: UTF-8 (with or without BOM), UTF-16/32 with a BOM, the charset
  an HTML page declares, Cyrillic single-byte text (cp1251 / KOI8-R and
  other non-Latin code pages by detection), otherwise Windows-1252/Latin-1;
- HTML pages (.html/.htm, or a .txt that is one): the article text is taken
  with the stdlib HTML parser, scripts, styles and navigation dropped;
- binary files, empty files, files over MAX_BYTES or MAX_CHARS, FIFOs and
  devices, unreadable files and folders, broken symlinks, symlink loops,
  links out of the folder (not followed unless asked), other formats (.pdf);
- invisible format characters (zero-width space, bidi overrides, soft
  hyphen, BOMs inside the text) and control characters are removed and line
  ends unified; every printable character stays as written, so evidence is
  verbatim. Offsets everywhere downstream are into this Document.text.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from extract.metadata import iso_date
from extract.records import Document, Skipped

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}
MAX_BYTES = 16 * 1024 * 1024   # larger files are skipped unread
MAX_CHARS = 1_000_000          # spaCy's default nlp.max_length; longer texts are skipped

MAGIC = [(b"%PDF", "PDF document"), (b"PK\x03\x04", "ZIP archive or Office document"),
         (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
         (b"\x1f\x8b", "gzip archive"), (b"\xd0\xcf\x11\xe0", "old Office document"),
         (b"\x7fELF", "executable"), (b"{\\rtf", "RTF document"), (b"SQLite format 3", "SQLite database")]
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
NON_LATIN = ["cp1251", "koi8_r", "iso8859_5", "cp866", "cp1253", "iso8859_7", "cp1255", "cp1256"]

# Invisible format characters that break names apart or reorder display (Trojan-Source
# style bidi overrides); ZWJ/ZWNJ stay because emoji sequences and Persian need them.
INVISIBLE = dict.fromkeys(
    [0xAD, 0x180E, 0x200B, 0x200E, 0x200F, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB, 0xFFFE, 0xFFFF]
    + list(range(0x202A, 0x202F)) + list(range(0x2060, 0x2065)) + list(range(0x2066, 0x206A))
    + list(range(0xFDD0, 0xFDF0))
    + [c for c in range(0x20) if c not in (0x09, 0x0A)] + [0x7F] + list(range(0x80, 0xA0)))
for _c in (0x0B, 0x0C, 0x85, 0x2028, 0x2029):
    INVISIBLE[_c] = "\n"
MIB = 1024 * 1024
NAME_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Codecs that exist in Python but are no charset a page can be written in ("undefined" raises on any input)
NOT_CHARSETS = {"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna"}


# ---------------------------------------------------------------- the folder

def _walk(docs_dir: Path, follow_links: bool = False) -> Iterator[tuple[Path, str | None]]:
    """(path, None) for each article file, (path, reason) for what is not read.

    Symlinked folders are followed once; a folder reached again (a loop, or a
    second link to it) is reported, not read twice. A link whose target lies
    outside docs_dir is not followed unless follow_links is set: a link to
    /etc/passwd or to a folder of secrets must not end up in the build.
    Hidden entries are ignored; files of other formats are reported.
    """
    seen: set[tuple[int, int]] = set()
    root = Path(docs_dir)
    root_real = os.path.realpath(root)

    def visit(folder: Path) -> Iterator[tuple[Path, str | None]]:
        try:
            st = folder.stat()
        except OSError as e:
            yield folder, _os_reason(e)
            return
        if (st.st_dev, st.st_ino) in seen:
            yield folder, "symlink loop or second link to a folder already read; not followed"
            return
        seen.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            yield folder, _os_reason(e, "cannot read folder")
            return
        if folder != root and _is_build_folder(entries):
            yield folder, "an actorgraph build folder (graph.trig, store/), not read as articles"
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                link, is_dir = False, False
            suffix = path.suffix.lower()
            if link and not follow_links and not _inside(os.path.realpath(path), root_real):
                yield path, "symlink to outside DOCS_DIR; not followed"
            elif is_dir:
                yield from visit(path)
            elif suffix in SUFFIXES:
                yield path, None
            else:
                yield path, f"unsupported format {suffix or '(no file extension)'}"

    yield from visit(root)


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _is_build_folder(entries: list[os.DirEntry]) -> bool:
    named = {e.name: e for e in entries}
    try:
        return ("graph.trig" in named and named["graph.trig"].is_file()
                and "store" in named and named["store"].is_dir())
    except OSError:
        return False


def list_sources(docs_dir: Path, follow_links: bool = False) -> list[Path]:
    """Every article file under docs_dir, sorted by folder then name."""
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"{docs_dir}: not a folder of articles")
    return [p for p, why in _walk(docs_dir, follow_links) if why is None]


def read_corpus(docs_dir: Path, follow_links: bool = False) -> Iterator[Document | Skipped]:
    """Each file under docs_dir as a Document, or a Skipped with a one-line reason; never raises
    for one file, so a bug or an odd file cannot stop the build."""
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"{docs_dir}: not a folder of articles")
    used: set[str] = set()
    for path, why in _walk(docs_dir, follow_links):
        if why:
            yield Skipped(_rel(path, docs_dir), why)
            continue
        try:
            item = read_document(path, docs_dir)
        except Exception as e:  # noqa: BLE001 -- one unreadable file must not stop the corpus
            item = Skipped(_rel(path, docs_dir), f"cannot read: {type(e).__name__}: {e}".replace("\n", " "))
        if isinstance(item, Document):
            item.doc_id = _unique_id(item.doc_id, item.source, used)
        yield item


def _unique_id(doc_id: str, source: str, used: set[str]) -> str:
    """The file stem, unless another file already has it (a/x.txt and b/x.txt)."""
    candidate = doc_id
    if candidate in used:
        candidate = re.sub(r"\.[^./]*$", "", source).replace("/", "__")
    n = 2
    base = candidate
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


# ---------------------------------------------------------------- one file

def _safe_name(name: str) -> str:
    r"""A file name fit for messages and RDF, still one-to-one with the real name (so two files never
    share a source or an IRI): an undecodable byte becomes \xNN, a line break \n, another invisible
    or control character \uNNNN, and a backslash is doubled."""
    out = []
    for c in name:   # os.fsdecode turned each undecodable byte into a lone surrogate U+DC80-U+DCFF
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif c == "\\":
            out.append("\\\\")
        elif c.isprintable() or c == " ":
            out.append(c)
        else:
            out.append(NAME_ESCAPES.get(c) or (f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}"))
    return "".join(out)


def _rel(path: Path, docs_dir: Path) -> str:
    return _safe_name(os.path.relpath(path, docs_dir).replace(os.sep, "/"))


def _os_reason(e: OSError, what: str = "cannot read") -> str:
    if e.errno == errno.ELOOP:
        return "symlink loop"
    if e.errno == errno.ENOENT:
        return "broken symlink or file vanished"
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"{what}: permission denied"
    return f"{what}: {e.strerror or e}"


def read_document(path: Path, docs_dir: Path) -> Document | Skipped:
    rel = _rel(Path(path), Path(docs_dir))
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return Skipped(rel, "not a regular file (pipe, socket or device)")
        if st.st_size > MAX_BYTES:
            return Skipped(rel, f"too large: {st.st_size / MIB:.1f} MB (limit {MAX_BYTES // MIB} MB)")
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        return Skipped(rel, _os_reason(e))
    if len(raw) > MAX_BYTES:
        return Skipped(rel, f"too large: over {MAX_BYTES // MIB} MB")
    return document_from_bytes(raw, rel, SUFFIXES.get(Path(path).suffix.lower(), "text"))


def document_from_bytes(raw: bytes, source: str, kind: str = "text") -> Document | Skipped:
    """Decode, extract and clean one file's bytes; doc_id is the source's stem."""
    if not raw.strip():
        return Skipped(source, "empty file")
    if why := binary_reason(raw):
        return Skipped(source, why)
    if kind == "html" or _looks_like_html(raw):
        kind = "html"
    text, encoding = decode(raw, declared=_declared_charset(raw) if kind == "html" else None)
    if text is None:
        return Skipped(source, encoding)
    meta: dict[str, str] = {}
    if kind == "html":
        text, meta = html_to_text(text)
    text = clean_text(text)
    if not text.strip():
        return Skipped(source, "no article text in the HTML page" if kind == "html" else "empty file")
    if len(text) > MAX_CHARS:
        return Skipped(source, f"too long: {len(text):,} characters (limit {MAX_CHARS:,})")
    stem = Path(source).stem or "document"
    return Document(doc_id=stem, source=source, text=text, headline=meta.get("headline"),
                    author=meta.get("author"), date=meta.get("date"), publisher=meta.get("publisher"))


# ---------------------------------------------------------------- bytes to text

def binary_reason(raw: bytes) -> str | None:
    for magic, what in MAGIC:
        if raw.startswith(magic):
            return f"binary file ({what}), not text"
    if any(raw.startswith(bom) for bom, _ in BOMS) or _utf16_guess(raw):
        return None
    head = raw[:65536]
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\x0c\x0b\x1a\x1b") + head.count(0x7F)
    if head.count(0) > max(2, len(head) // 100) or controls > len(head) * 0.05:  # stray NULs are not enough
        return "binary file, not text"
    return None


def _utf16_guess(raw: bytes) -> str | None:
    """UTF-16 without a BOM: NULs in every other byte of mostly-ASCII text."""
    head = raw[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > len(head) * 0.4 and even == 0:
        return "utf-16-le"
    if even > len(head) * 0.4 and odd == 0:
        return "utf-16-be"
    return None


def decode(raw: bytes, declared: str | None = None) -> tuple[str | None, str]:
    """(text, encoding used) or (None, reason)."""
    for bom, enc in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as e:
                return None, f"broken {enc} text (byte {e.start})"
    if enc := _utf16_guess(raw):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a file cut mid-character, one stray Latin-1 byte): keep it
    # UTF-8 rather than turn every accented letter into mojibake.
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    good = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if good >= 10 * bad:
        return text, "utf-8 (with broken bytes replaced)"
    if declared:
        try:
            return raw.decode(declared), declared
        except (UnicodeError, LookupError):  # a charset the page declares wrongly: detect instead
            pass
    enc = guess_single_byte(raw)
    return raw.decode(enc, errors="replace"), enc


def guess_single_byte(raw: bytes) -> str:
    """Cyrillic (and other non-Latin) text writes whole words in high bytes; Western text
    has a few accented letters inside ASCII words."""
    high = sum(1 for b in raw if b >= 0x80)
    in_runs = sum(len(m) for m in re.findall(rb"[\x80-\xff]{3,}", raw))
    if high and in_runs > high * 0.5:
        enc = _non_latin(raw)
        if enc in ("cp1251", "koi8_r", "iso8859_5", "cp866", None):
            # Most letters are lower case: cp1251 keeps it in E0-FF, KOI8-R in C0-DF.
            upper_half = sum(1 for b in raw if b >= 0xE0)
            lower_half = sum(1 for b in raw if 0xC0 <= b < 0xE0)
            return "cp1251" if upper_half >= lower_half else "koi8_r"
        return enc
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _non_latin(raw: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it, Cyrillic is assumed
        return None
    best = from_bytes(raw[:200_000], cp_isolation=NON_LATIN).best()
    return best.encoding if best else None


def _looks_like_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in raw[:4096].lower()


def _declared_charset(raw: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", raw[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def clean_text(text: str) -> str:
    """Line ends unified (as Python's universal newlines do) and invisible characters removed.

    Every printable character stays as written (no-break spaces, composed or
    decomposed accents), so evidence sentences are verbatim in the article.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE)


# ---------------------------------------------------------------- HTML pages

SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
             "nav", "aside", "form", "button", "select", "textarea", "head", "video", "audio"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5",
              "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure",
              "figcaption", "hr", "address", "details", "summary", "body"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
             "track", "wbr"}
META_KEYS = {"og:title": "headline", "twitter:title": "headline", "author": "author",
             "article:author": "author", "og:site_name": "publisher", "article:published_time": "date",
             "date": "date", "pubdate": "date"}


class _ArticleText(HTMLParser):
    """Collect text chunks with the <article>/<main> they sit in; the caller picks the main one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[str, int | None, bool]] = []  # text, article number, inside <main>
        self.stack: list[str] = []
        self.open: Counter[str] = Counter()   # tags on the stack: a stray end tag is found without a scan
        self.skip = 0
        self.articles = 0
        self.article: list[int] = []
        self.main = 0
        self.pre = 0
        self.meta: dict[str, str] = {}
        self.title = ""
        self.in_title = False
        self.h1: list[str] = []
        self.in_h1 = False

    def _break(self, sep: str = "\n\n"):
        self.chunks.append((sep, self.article[-1] if self.article else None, self.main > 0))

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = {k: (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or "").lower()
            if key in META_KEYS and a.get("content") and META_KEYS[key] not in self.meta:
                self.meta[META_KEYS[key]] = a["content"].strip()
            return
        if tag == "time" and not self.skip and "date" not in self.meta:
            dt = dict(attrs).get("datetime")
            if dt:
                self.meta["date"] = dt.strip()
        if tag == "title":
            self.in_title = True
        if tag == "body" and self.open["head"]:  # a page that never closes <head>
            self.handle_endtag("head")
        if tag in VOID_TAGS:
            if tag in ("br", "hr") and not self.skip:
                self._break("\n" if tag == "br" else "\n\n")
            return
        self.stack.append(tag)
        self.open[tag] += 1
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag == "article":
            self.articles += 1
            self.article.append(self.articles)
        elif tag == "main":
            self.main += 1
        elif tag == "pre":
            self.pre += 1
        elif tag == "h1":
            self.in_h1 = True
        if tag in BLOCK_TAGS and not self.skip:
            self._break()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if not self.open[tag]:
            return  # stray end tag
        while self.stack:  # close what the page left open inside it
            open_tag = self.stack.pop()
            self.open[open_tag] -= 1
            if open_tag in SKIP_TAGS:
                self.skip -= 1
            elif open_tag == "article" and self.article:
                self.article.pop()
            elif open_tag == "main":
                self.main -= 1
            elif open_tag == "pre":
                self.pre -= 1
            elif open_tag == "h1":
                self.in_h1 = False
            if open_tag in BLOCK_TAGS and not self.skip:
                self._break()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.skip:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
        if self.in_h1:
            self.h1.append(data)
        self.chunks.append((data, self.article[-1] if self.article else None, self.main > 0))


# Constructs html.parser cannot close, with what would close them. For each one it meets, the parser
# searches the rest of the page for its end, then shows it as text: quadratic in a page cut off
# mid-way (a 1 MB page took minutes). Escaping their '<' up front gives the same text in one pass.
UNCLOSED = [
    (re.compile(r"<!--"), re.compile(r"--\s*>")),
    (re.compile(r"<!\[(?i:cdata|temp|ignore|include|rcdata)"), re.compile(r"\]\s*\]\s*>")),
    (re.compile(r"<!\[(?i:if|else|endif)"), re.compile(r"\]\s*>")),
    # any other '<![' stops html.parser for good (AssertionError): the rest of the article was lost
    (re.compile(r"<!\[(?!(?i:cdata|temp|ignore|include|rcdata|if|else|endif)[^-_.a-zA-Z0-9])"), None),
    (re.compile(r"<"), re.compile(r">")),
]


def defuse_unclosed(page: str) -> str:
    """page with the '<' of every construct that nothing closes written as '&lt;' (read back as '<')."""
    for opener, closer in UNCLOSED:
        last = -1 if closer is None else max((m.start() for m in closer.finditer(page)), default=-1)
        if opener.search(page, last + 1):
            page = page[:last + 1] + opener.sub(lambda m: "&lt;" + m.group()[1:], page[last + 1:])
    return page


def html_to_text(page: str) -> tuple[str, dict[str, str]]:
    """The article text of an HTML page and what its meta tags say (headline, author, date, publisher)."""
    p = _ArticleText()
    try:
        p.feed(defuse_unclosed(page))
        p.close()
    except (AssertionError, ValueError):  # html.parser is lenient; keep what was read
        pass
    sizes: dict[int, int] = {}
    for text, art, _ in p.chunks:
        if art is not None:
            sizes[art] = sizes.get(art, 0) + len(text.strip())
    if sizes:
        best = max(sizes, key=lambda a: (sizes[a], -a))
        keep = [t for t, art, _ in p.chunks if art == best]
    elif any(m for _, _, m in p.chunks):
        keep = [t for t, _, m in p.chunks if m]
    else:
        keep = [t for t, _, _ in p.chunks]
    text = "".join(keep)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    headline = re.sub(r"\s+", " ", "".join(p.h1)).strip() or p.meta.get("headline") or p.title.strip()
    if headline and not text.startswith(headline):
        text = f"{headline}\n\n{text}" if text else headline
    meta = dict(p.meta)
    if headline:
        meta["headline"] = headline
    if "date" in meta:
        meta["date"] = iso_date(meta["date"])
        if meta["date"] is None:
            del meta["date"]
    return text, {k: clean_text(v) for k, v in meta.items()}
