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
