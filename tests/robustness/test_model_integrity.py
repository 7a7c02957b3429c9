"""The model integrity check guards the load path itself, not only `verify`."""
from __future__ import annotations

import shutil

import pytest

from extract import model


def test_load_nlp_refuses_a_tampered_model(tmp_path, monkeypatch):
    copy = tmp_path / "model"
    shutil.copytree(model.model_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    vectors = next(p for p in copy.rglob("*") if p.is_file() and p.stat().st_size > 1000
                   and p.name not in ("meta.json", "config.cfg"))
    data = bytearray(vectors.read_bytes())
    data[len(data) // 2] ^= 0x01
    vectors.write_bytes(bytes(data))
    monkeypatch.setattr(model, "model_dir", lambda: copy)
    model.load_nlp.cache_clear()
    try:
        with pytest.raises(model.ModelIntegrityError, match="changed"):
            model.load_nlp()
    finally:
        model.load_nlp.cache_clear()


def test_load_nlp_refuses_an_extra_file(tmp_path, monkeypatch):
    copy = tmp_path / "model"
    shutil.copytree(model.model_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    (next(p for p in copy.iterdir() if p.is_dir()) / "evil.py").write_text("import os\n")
    monkeypatch.setattr(model, "model_dir", lambda: copy)
    model.load_nlp.cache_clear()
    try:
        with pytest.raises(model.ModelIntegrityError, match="unexpected"):
            model.load_nlp()
    finally:
        model.load_nlp.cache_clear()
