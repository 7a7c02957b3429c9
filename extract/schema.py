"""The schema (classes and relation properties), loaded from data/schema.yaml."""
from __future__ import annotations

from functools import lru_cache

import yaml

from extract import DATA_DIR


@lru_cache(maxsize=None)
def load_schema() -> dict:
    with open(DATA_DIR / "schema.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def classes() -> list[str]:
    return list(load_schema()["classes"])


def properties() -> list[str]:
    return list(load_schema()["properties"])
