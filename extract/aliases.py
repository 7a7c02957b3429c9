"""Alias resolution: mentions to document-local entities, then one entity per thing in the corpus."""
from __future__ import annotations

import re
import unicodedata

from extract.gazetteer import Gazetteer, default_gazetteer
from extract.records import DocResult, Entity, LocalEntity, Mention


def norm(s: str) -> str:
    """The matching key the scorer uses: case, leading 'the', possessive, punctuation."""
    s = unicodedata.normalize("NFKC", s).replace("\u00a0", " ").strip().lower()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"(['\u2019]s|['\u2019])$", "", s)
    s = re.sub(r"[^\w\s]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def slug(s: str) -> str:
    return re.sub(r"[^\w]+", "_", norm(s)).strip("_") or "x"


def resolve_document(mentions: list[Mention], doc_id: str,
                     gazetteer: Gazetteer | None = None) -> list[LocalEntity]:
    """Group a document's mentions into local entities; sets Mention.entity."""
    gazetteer = gazetteer or default_gazetteer()
    by_key: dict[str, LocalEntity] = {}
    for m in mentions:
        known = gazetteer.lookup(m.text)
        label, cls = (known.name, known.cls) if known else (m.text, m.cls)
        key = f"{cls}/{norm(label)}"
        ent = by_key.get(key)
        if ent is None:
            ent = by_key[key] = LocalEntity(f"{doc_id}#{len(by_key)}", label, cls,
                                            wikidata=known.wikidata if known else None)
        if m.text != label:
            ent.aliases.add(m.text)
        m.entity = ent.id
    return list(by_key.values())


def merge_corpus(results: list[DocResult]) -> tuple[dict[str, Entity], dict[str, str]]:
    """One Entity per (class, canonical label) across documents.

    Returns the entities by global id and the map local id -> global id.
    """
    entities: dict[str, Entity] = {}
    local_to_global: dict[str, str] = {}
    for result in results:
        for local in result.entities:
            gid = f"{local.cls}/{slug(local.label)}"
            ent = entities.setdefault(gid, Entity(gid, local.label, local.cls, wikidata=local.wikidata))
            ent.aliases |= local.aliases
            ent.docs.add(result.document.doc_id)
            local_to_global[local.id] = gid
    for ent in entities.values():
        ent.aliases.discard(ent.label)
    return entities, local_to_global
