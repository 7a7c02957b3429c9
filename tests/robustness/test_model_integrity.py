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


def _shadow_package(tmp_path, monkeypatch):
    """A copy of the model package placed first on sys.path, where the loader will find it."""
    import importlib
    import sys
    site = tmp_path / "site"
    copy = site / model.MODEL_PACKAGE
    shutil.copytree(model.model_dir(), copy)
    monkeypatch.setattr(sys, "path", [str(site)] + sys.path)
    importlib.invalidate_caches()
    model.load_nlp.cache_clear()
    return copy


def test_code_appended_to_the_package_never_runs(tmp_path, monkeypatch):
    copy = _shadow_package(tmp_path, monkeypatch)
    ran = tmp_path / "ran"
    with open(copy / "__init__.py", "a", encoding="utf-8") as f:
        f.write(f"\nopen({str(ran)!r}, 'w').write('pwned')\n")
    assert model.model_dir() == copy.resolve()
    try:
        with pytest.raises(model.ModelIntegrityError, match="changed __init__.py"):
            model.load_nlp()
    finally:
        model.load_nlp.cache_clear()
    assert not ran.exists()


def test_compiled_bytecode_in_the_package_is_refused(tmp_path, monkeypatch):
    copy = _shadow_package(tmp_path, monkeypatch)
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\xa7\r\r\n" + b"\0" * 12 + b"crafted")
    try:
        with pytest.raises(model.ModelIntegrityError, match=r"unexpected __pycache__/__init__.*--no-compile"):
            model.load_nlp()
    finally:
        model.load_nlp.cache_clear()
