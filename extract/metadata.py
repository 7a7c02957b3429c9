"""Document metadata from the text itself: date, headline, byline, publisher footer."""
from __future__ import annotations

import re
from datetime import datetime

from extract.records import Document

DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%Y-%m-%d")
BYLINE = re.compile(r"^\s*By\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$", re.M)
FOOTER = re.compile(r"^\s*(?:Read the full (?:story|article) (?:at|on)|Get)\s+(The\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})", re.M)


def _date(line: str) -> str | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(line.strip(), fmt).date().isoformat()
        except ValueError:
            pass
    return None


def read_metadata(document: Document) -> Document:
    lines = [ln for ln in document.text.split("\n")[:6] if ln.strip()]
    if lines and (date := _date(lines[0])):
        document.date = date
        lines = lines[1:]
    if lines and len(lines[0].split()) <= 16 and not lines[0].rstrip().endswith("."):
        document.headline = lines[0].strip()
    if m := BYLINE.search(document.text[:2000]):
        document.author = m.group(1)
    if m := FOOTER.search(document.text[-600:]):
        document.publisher = ((m.group(1) or "") + m.group(2)).strip()
    return document
