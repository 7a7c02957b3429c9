"""Random text through the reader and the whole per-document pipeline: no crash, offsets in range, RDF loads.

The number of examples is bounded for CI; raise ACTORGRAPH_FUZZ_EXAMPLES for a longer local run.
"""
from __future__ import annotations

import os

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from extract import reader
from extract.pipeline import analyse, to_corpus
from extract.records import Document, Skipped
from graph.rdf import corpus_to_dataset

EXAMPLES = int(os.environ.get("ACTORGRAPH_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Words that wake the extractors up, mixed with arbitrary Unicode (controls, surrogate-free astral, RTL...).
NEWSY = ["The", "ministry", "blocked", "Roskomnadzor", "Meduza", "Reuters", "said", "asked", "to", "remove",
         "the", "article", ".", ",", "\n", "\n\n", "President", "Vladimir", "Putin", "pressured", "journalists",
         "of", "Russia", "'s", "\"", "(", ")", "CEO", "Google", "YouTube", "leads", "according", "member",
         "\u200b", "\u202e", "\U0001F600", "\u05e9\u05dc\u05d5\u05dd", "\r\n", "\t", "\x00", "\ufeff", "Mr."]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(NEWSY), st.text(max_size=12)), max_size=120).map(" ".join),
)


def check_offsets(result) -> None:
    text = result.document.text
    for m in result.mentions:
        assert 0 <= m.start <= m.end <= len(text), m
        assert text[m.start:m.end] == m.text, m
    for r in result.relations:
        assert 0 <= r.start <= r.end <= len(text), r
        assert text[r.start:r.end] == r.sentence, r


def check_dataset_loads(results) -> None:
    corpus = to_corpus(results, [])
    ds = corpus_to_dataset(corpus)
    trig = ds.serialize(format="trig", encoding="utf-8")
    again = Dataset()
    again.parse(data=trig, format="trig")
    assert len(list(again.quads())) == len(list(ds.quads()))
    store = ox.Store()
    store.load(trig, format=ox.RdfFormat.TRIG)
    assert len(store) == len(list(ds.quads()))


@FUZZ
@given(text=texts)
def test_random_text_through_the_pipeline(nlp, text):
    item = reader.document_from_bytes(text.encode("utf-8"), "fuzz.txt")
    assert isinstance(item, (Document, Skipped))
    if isinstance(item, Skipped):
        assert item.reason and "\n" not in item.reason
        return
    result = analyse(item, nlp(item.text))
    check_offsets(result)
    check_dataset_loads([result])


@FUZZ
@given(data=st.binary(max_size=2000), kind=st.sampled_from(["text", "html"]))
def test_random_bytes_never_crash_the_reader(data, kind):
    item = reader.document_from_bytes(data, "fuzz.bin", kind)
    assert isinstance(item, (Document, Skipped))
    if isinstance(item, Document):
        item.text.encode("utf-8")   # no lone surrogates: the text can always be written out
        assert len(item.text) <= reader.MAX_CHARS


TAGS = ["<p>", "</p>", "<article>", "</article>", "<script>", "</script>", "<style>", "<br>", "<h1>",
        "</h1>", "<head>", "<body>", "<!--", "-->", "<![CDATA[", "&amp;", "&#x1F600;", "&#0;", "&bogus;",
        "<meta charset=\"koi8-r\">", "<title>", "</title>", "<main>", "</main>", "<", ">", "</div", "<nav>"]


@FUZZ
@given(parts=st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=15)), max_size=80))
def test_random_html_never_crashes_and_drops_scripts(parts):
    page = "<html>" + "".join(parts)
    item = reader.document_from_bytes(page.encode("utf-8"), "fuzz.html", "html")
    assert isinstance(item, (Document, Skipped))


@FUZZ
@given(texts=st.lists(texts, min_size=2, max_size=3))
def test_random_corpus_merges_and_loads(nlp, texts):
    results = []
    for i, text in enumerate(texts):
        item = reader.document_from_bytes(text.encode("utf-8"), f"doc{i}.txt")
        if isinstance(item, Document):
            results.append(analyse(item, nlp(item.text)))
    for r in results:
        check_offsets(r)
    check_dataset_loads(results)
