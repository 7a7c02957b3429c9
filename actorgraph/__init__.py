"""actorgraph: news articles in, a knowledge graph of actors out."""
from pathlib import Path

__version__ = "0.1.0"

# The repository's data/ folder: schema, lexicons, gazetteer, queries, sample corpus.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
