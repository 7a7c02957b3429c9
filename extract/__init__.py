"""Text to records: reading, parsing, mentions, entities, relations.

Nothing here imports `graph`.
"""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
