"""Which parts of a document are English: per line and sentence, by script and an offline detector.

Quotes in Russian or Kazakh next to their translation must not yield entities,
and the relation extractor should skip them too. A piece of text is non-English
when most of its letters are not Latin, or when lingua (restricted to a few
languages, so it is fast and works offline; consulted only for Latin-script text with few English
stop words) is confident it is another language.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from spacy.tokens import Doc, Span

MIN_WORDS_FOR_DETECTOR = 5
STOP_SHARE = 0.2          # English prose has about 40-50% stop words; other languages' function words are not on the list
ENGLISH_FLOOR = 0.25      # lingua's confidence in English below which a Latin-script sentence is foreign
USER_KEY = "actorgraph_non_english"


@lru_cache(maxsize=None)
def _detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:   # the script test alone still catches Cyrillic, Arabic, ...
        return None
    # Cyrillic, Arabic ... never get here (script test); low-accuracy mode loads only the small models
    langs = [Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.ITALIAN,
             Language.PORTUGUESE, Language.TURKISH, Language.DUTCH, Language.POLISH]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def is_english_text(text: str) -> bool:
    """True unless the text is clearly in another language."""
    letters = sum(1 for c in text if c.isalpha())
    if letters < 3:
        return True
    if latin_share(text) < 0.5:
        return False
    # names say nothing about the language a sentence is written in ("Zofia Reiner, CPJ's
    # representative, agreed."): only the words that are not capitalised are judged
    words = [w for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text) if not w[0].isupper()]
    if len(words) < MIN_WORDS_FOR_DETECTOR:
        return True
    if sum(w in STOP_WORDS for w in words) >= STOP_SHARE * len(words):
        return True     # plainly English prose: no need to load the detector's models
    detector = _detector()
    if detector is None:
        return True
    from lingua import Language
    return detector.compute_language_confidence(" ".join(words), Language.ENGLISH) >= ENGLISH_FLOOR


def _pieces(doc: Doc):
    """Sentences cut at line breaks: a quote and its translation are often one 'sentence' to the parser."""
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or (tok.i > start and "\n" in doc[tok.i - 1].whitespace_):
                if tok.i > start:
                    yield doc[start:tok.i]
                start = tok.i
        if start < sent.end:
            yield doc[start:sent.end]


def non_english_tokens(doc: Doc) -> set[int]:
    """Token indices of the document that lie in non-English text (cached on the Doc)."""
    cached = doc.user_data.get(USER_KEY)
    if cached is not None:
        return cached
    out: set[int] = set()
    for piece in _pieces(doc):
        if not is_english_text(piece.text):
            out.update(range(piece.start, piece.end))
    doc.user_data[USER_KEY] = out
    return out


def is_english(span: Span) -> bool:
    """For the relation extractor: is (most of) this span English text?"""
    foreign = non_english_tokens(span.doc)
    n = sum(1 for t in span if t.i in foreign)
    return n * 2 < max(len(span), 1)
