"""SPARQL 1.1 query results in the standard formats (JSON, XML, CSV, TSV) and content negotiation."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape as xml_escape

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULT_TYPES = {  # media type -> serializer name, for SELECT and ASK
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # media type -> pyoxigraph RdfFormat name, for CONSTRUCT and DESCRIBE
    "text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
}
FORMAT_PARAM = {  # ?format= shortcuts
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


def _json_term(term) -> dict:
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term) -> str:
    t = _json_term(term)
    v = xml_escape(t["value"])
    if t["type"] == "uri":
        return f"<uri>{v}</uri>"
    if t["type"] == "bnode":
        return f"<bnode>{v}</bnode>"
    attrs = ""
    if "xml:lang" in t:
        attrs = f' xml:lang="{xml_escape(t["xml:lang"], {chr(34): "&quot;"})}"'
    elif "datatype" in t:
        attrs = f' datatype="{xml_escape(t["datatype"], {chr(34): "&quot;"})}"'
    return f"<literal{attrs}>{v}</literal>"


def _csv_cell(term) -> str:
    if term is None:
        return ""
    value = term.value if hasattr(term, "value") else str(term)
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _tsv_cell(term) -> str:
    import pyoxigraph as ox
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value == XSD_STRING:
        return '"' + term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
            .replace("\r", "\\r").replace("\t", "\\t") + '"'
    return str(term)


def serialize_solutions(names: list[str], rows: list, fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{n: _json_term(r[n]) for n in names if r[n] is not None} for r in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f'<variable name="{xml_escape(n)}"/>' for n in names]
        out.append("</head><results>")
        for r in rows:
            out.append("<result>")
            out += [f'<binding name="{xml_escape(n)}">{_xml_term(r[n])}</binding>' for n in names
                    if r[n] is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if fmt == "csv":
        lines = [",".join(names)] + [",".join(_csv_cell(r[n]) for n in names) for r in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join("?" + n for n in names)] + ["\t".join(_tsv_cell(r[n]) for n in names) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def serialize_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f'<boolean>{"true" if value else "false"}</boolean></sparql>\n').encode()
    return (("true" if value else "false") + "\n").encode()


def pick_type(accepted: list[str], supported: dict) -> str | None:
    """The first media type in `accepted` (already ordered by preference) that `supported` knows."""
    for mt in accepted:
        if mt in supported:
            return mt
        if mt == "*/*":
            return next(iter(supported))
        if mt.endswith("/*"):
            match = next((s for s in supported if s.startswith(mt[:-1])), None)
            if match:
                return match
    return None
