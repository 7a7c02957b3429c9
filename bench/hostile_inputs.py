"""Seconds that hostile inputs take through the reader and the text-level metadata patterns.

    python bench/hostile_inputs.py

Each of these once took minutes: a 200 KB article made of one long whitespace run (the photo-credit
and "The author is" patterns backtracked over it from every line start: 144 s), and a 1 MB HTML page
cut off mid-way (html.parser rescans to the end for every construct it cannot close, and every stray
end tag scanned the whole open-tag stack: 314 s). tests/robustness/test_reader_hostile.py runs the
same inputs and checks what comes out; the figures belong here, not in assertions.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def adversarial_article(size: int = 200_000) -> str:
    """A headline, a paragraph, a 'Photo' line followed by one long whitespace run, a credit and a footer."""
    return ("Regulator Fines Steppe Monitor Again\n\n"
            "The regulator fined the outlet Steppe Monitor on Monday for a report on protests.\n\n"
            "Photo" + " \n" * (size // 2) +
            "Photo: Steppe Images/Handout\nRead the full story at Steppe Monitor\n")


def truncated_page(size: int = 1_000_000) -> str:
    """An HTML page cut off mid-way: 20,000 unclosed divs, as many stray end tags, 10,000 comments
    that are never closed, and a tail of '<' that no '>' follows."""
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Site | Court</title>'
            '<meta property="og:site_name" content="The Daily Example">'
            '<meta property="article:published_time" content="2021-03-04T10:00:00Z">'
            '<script>var tracker = 1;</script></head><body><nav><a href="/">Home</a></nav>'
            '<article><h1>Court Fines Broadcaster</h1>'
            + "".join(f"<p>Paragraph {i} of the story.</p>" for i in range(200))
            + "<div>" * 20_000 + "<p>deep inside</p>" + "</span>" * 20_000
            + "<!--x>" * 10_000)
    tail = "x <y "
    return page + tail * ((size - len(page)) // len(tail) + 1)


def main() -> None:
    import spacy

    from extract.metadata import layout
    from extract.reader import document_from_bytes
    from extract.records import Document
    from extract.roles import byline_relations

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = adversarial_article()
    parsed = nlp(text)
    runs = [
        (f"article {len(text):,} chars: metadata layout", lambda: layout(Document("a", "a.txt", text))),
        (f"article {len(text):,} chars: byline/author", lambda: byline_relations(parsed, [])),
    ]
    page = truncated_page().encode()
    runs.append((f"truncated HTML page {len(page):,} bytes: read", lambda: document_from_bytes(page, "cut.html")))
    for name, run in runs:
        start = time.perf_counter()
        run()
        print(f"{name}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
