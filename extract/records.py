"""The records that flow from text to graph: plain dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    doc_id: str            # the file's stem
    source: str            # path relative to the corpus folder
    text: str
    headline: str | None = None
    author: str | None = None
    date: str | None = None       # ISO 8601 when the text gives one
    publisher: str | None = None  # outlet name, when the text names it


@dataclass
class Mention:
    """A span of the document that names (or stands for) an entity."""
    start: int             # character offsets in Document.text
    end: int
    text: str
    cls: str               # schema class
    entity: str = ""       # id of the document-local entity it belongs to
    kind: str = "name"     # name | acronym | description | pronoun | demonym
    rule: str = ""         # which extractor found it
    tok_start: int = -1    # token span in the parsed document
    tok_end: int = -1
    label: str = ""        # the name this mention proposes for its entity ("" = its text)
    qualifier: str = ""    # the State an Agency belongs to ("Kazakh parliament" -> Kazakhstan)
    weight: float = 1.0    # how sure the typing cue is (gazetteer 4 ... bare NER label 1)
    written: str = ""      # the fuller form the text writes ("Supreme Court of Belarus", "Slovakia's Constitutional
                           # Court") when the mention is the agency without its State: an alias of its entity


@dataclass
class LocalEntity:
    """One entity as seen inside one document."""
    id: str
    label: str
    cls: str
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    qualifier: str = ""    # owning State of an Agency: same-named agencies of two states stay apart
    weights: dict[str, float] = field(default_factory=dict)   # class -> summed cue weight


@dataclass
class Relation:
    subject: str           # entity id (document-local, then global after merge)
    prop: str              # schema property local name
    object: str
    sentence: str          # evidence sentence, verbatim
    start: int             # sentence offsets in the document
    end: int
    rule: str
    confidence: float
    hedged: bool = False
    attributed_to: str | None = None   # entity id or free text of the reported source
    features: list[str] = field(default_factory=list)   # what the edge scorer looks at (extract/features.py)
    date: str | None = None        # when an event happened (extract/dates.py): ISO day, year-month or year
    date_precision: str = ""       # day | week | month | year: what the text gave
    date_source: str = ""          # text (the sentence dates it) | article (the article's date) | file
    date_text: str = ""            # the words that date it ("on Thursday")
    review: dict | None = None     # the reviewer's accept decision (graph/review.py), set at build time


@dataclass
class DocResult:
    document: Document
    entities: list[LocalEntity]
    mentions: list[Mention]
    relations: list[Relation]
    held: list[Relation] = field(default_factory=list)   # rule edges the scorer did not assert (for review)


@dataclass
class Entity:
    """One entity of the corpus: the merge of local entities."""
    id: str                # stable: "<Class>/<slug of canonical label>"
    label: str
    cls: str
    aliases: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    wikidata: str | None = None


@dataclass
class Skipped:
    source: str
    reason: str


@dataclass
class Corpus:
    documents: list[Document]
    entities: dict[str, Entity]
    relations: dict[str, list[Relation]]   # doc_id -> relations with global ids
    mentions: dict[str, list[Mention]]     # doc_id -> mentions with global ids
    skipped: list[Skipped] = field(default_factory=list)
    held: dict[str, list[Relation]] = field(default_factory=dict)   # doc_id -> edges held back, global ids
    reviews: list[dict] = field(default_factory=list)   # review decisions applied (graph/review.py)
