"""Hostile input that used to take minutes: a 200 KB article built against two regexes, a 1 MB HTML page
cut off mid-way, and a per-document time budget that skips a document instead of stalling the build.

The inputs run in a subprocess with a generous timeout, only so that a regression fails instead of
hanging the suite; the tests assert on what comes out. bench/hostile_inputs.py prints the seconds.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import extract.pipeline as pipeline
from extract.records import Document, Skipped

ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD = 60   # seconds; before the fix these inputs took minutes, after it well under a second
sys.path.append(str(ROOT / "bench"))
from hostile_inputs import adversarial_article, truncated_page  # noqa: E402


def run_guarded(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=HANG_GUARD)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_a_200_kb_article_against_the_credit_and_author_patterns_finishes():
    got = run_guarded("""
import json, sys
sys.path.insert(0, "bench")
import spacy
from hostile_inputs import adversarial_article
from extract.metadata import layout, read_metadata
from extract.records import Document
from extract.roles import byline_relations
text = adversarial_article()
doc = Document("a", "a.txt", text)
lay = layout(doc)
meta = read_metadata(Document("a", "a.txt", text))
nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")
print(json.dumps({"size": len(text), "credits": [text[s:e] for s, e in lay.credits],
                  "publisher": meta.publisher, "headline": meta.headline,
                  "byline": len(byline_relations(nlp(text), []))}))
""")
    assert got["size"] >= 200_000
    assert got["credits"] == ["Photo: Steppe Images/Handout"]
    assert got["publisher"] == "Steppe Monitor" and got["headline"] == "Regulator Fines Steppe Monitor Again"
    assert got["byline"] == 0


def test_the_author_line_is_still_found():
    import spacy

    from extract.records import Mention
    from extract.roles import byline_relations
    text = ("Anna Volkova\n\nThe regulator fined the site.\n\n  The author is a reporter.\n"
            "Read the full story at Steppe Monitor")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    outlet = text.index("Steppe Monitor")
    mentions = [Mention(0, 12, "Anna Volkova", "Person", entity="p"),
                Mention(outlet, outlet + 14, "Steppe Monitor", "Outlet", entity="o")]
    (rel,) = byline_relations(nlp(text), mentions)
    assert (rel.subject, rel.prop, rel.object) == ("p", "wroteFor", "o")
    assert not byline_relations(nlp(text.replace("The author is", "The author was")), mentions)


def test_a_1_mb_html_page_cut_off_mid_way_is_read():
    got = run_guarded("""
import json, sys
sys.path.insert(0, "bench")
from hostile_inputs import truncated_page
from extract.reader import document_from_bytes
page = truncated_page()
doc = document_from_bytes(page.encode(), "cut.html")
print(json.dumps({"size": len(page), "text": doc.text, "date": doc.date, "publisher": doc.publisher}))
""")
    assert got["size"] >= 1_000_000
    text = got["text"]
    assert text.startswith("Court Fines Broadcaster\n\n")
    assert "Paragraph 199 of the story." in text and "Paragraph 0 of the story." in text
    assert "deep inside" in text and "x <y x <y" in text       # the cut-off tail is kept as text
    assert "Home" not in text and "tracker" not in text
    assert got["date"] == "2021-03-04" and got["publisher"] == "The Daily Example"


def test_the_test_inputs_are_the_hostile_ones():
    assert len(adversarial_article()) >= 200_000 and len(truncated_page()) >= 1_000_000


def test_html_constructs_the_parser_cannot_close_are_text_and_the_rest_is_still_read():
    from extract.reader import html_to_text
    page = ("<html><body><article><h1>Title</h1><p>One <![foo]> two</p><p>Rest of the story.</p>"
            "</article></body></html>")
    text, _ = html_to_text(page)
    assert "Rest of the story." in text   # an unknown '<![' used to stop the parser there
    text, _ = html_to_text("<html><body><p>Kept <!-- never closed</p><p>x < y and <b</p>")
    assert text.startswith("Kept")
    text, _ = html_to_text("<html><body><p>a &lt; b</p><p>c<d e")
    assert text == "a < b\n\nc<d e"


# ---------------------------------------------------------------- the time budget

def test_a_document_over_its_time_budget_is_skipped_with_a_reason(nlp, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(pipeline, "monotonic", lambda: clock[0])
    real = pipeline.find_mentions

    def slow(parsed, document=None):
        if document.doc_id == "slow":
            clock[0] += 301
        return real(parsed, document=document)
    monkeypatch.setattr(pipeline, "find_mentions", slow)
    text = "The ministry blocked the news site Civic Wire on Monday."
    slow_doc, fast_doc = Document("slow", "slow.txt", text), Document("fast", "fast.txt", text)
    skipped = pipeline.analyse_safely(slow_doc, nlp(text), seconds=300)
    assert isinstance(skipped, Skipped) and skipped.source == "slow.txt"
    assert "time budget" in skipped.reason and "300 s" in skipped.reason and "mentions" in skipped.reason
    assert not isinstance(pipeline.analyse_safely(fast_doc, nlp(text), seconds=300), Skipped)
    assert not isinstance(pipeline.analyse_safely(slow_doc, nlp(text), seconds=None), Skipped)


def test_the_build_goes_on_past_a_document_over_budget(tmp_path, monkeypatch):
    from graph.build import build

    clock = [1000.0]
    monkeypatch.setattr(pipeline, "monotonic", lambda: clock[0])
    real = pipeline.extract_relations

    def slow(parsed, mentions):
        if "stalls" in parsed.text:
            clock[0] += pipeline.DOC_SECONDS + 1
        return real(parsed, mentions)
    monkeypatch.setattr(pipeline, "extract_relations", slow)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("The Ministry of Culture of Freedonia blocked the news site Civic Wire.\n")
    (docs / "stuck.txt").write_text("This article stalls the extractor, said Civic Wire.\n")
    summary = build(docs, tmp_path / "out", incremental=False)
    assert summary.documents == 1
    assert [s.source for s in summary.skipped] == ["stuck.txt"]
    assert "time budget" in summary.skipped[0].reason and "relations" in summary.skipped[0].reason
