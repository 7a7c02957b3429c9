"""The endpoint's query page: a form without scripts, the saved queries, and
results as an escaped HTML table. Values typed into the bind field reach the
worker as bindings, never pasted into the query text."""
from __future__ import annotations

import html
import json
import re
from urllib.parse import urlencode


def render_result(status: int, ctype: str, body: bytes, headers: dict, max_rows: int, query: str = "") -> str:
    esc = html.escape
    if status != 200:
        return f'<p class="error">{esc(body.decode("utf-8", "replace"))}</p>'
    if not ctype.startswith("application/sparql-results+json"):
        return f"<pre>{esc(body.decode('utf-8', 'replace'))}</pre>"
    data = json.loads(body)
    if "boolean" in data:
        return f"<p>{'true' if data['boolean'] else 'false'}</p>"
    names = data["head"]["vars"]
    rows = data["results"]["bindings"]
    capped = f" (capped at {max_rows})" if headers.get("X-Result-Truncated") else ""
    download = f' · <a href="/sparql?{esc(urlencode({"query": query, "format": "csv"}))}">CSV</a>' if query else ""
    out = [f"<p>{len(rows)} rows{capped}{download}</p><table><tr>" + "".join(f"<th>{esc(n)}</th>" for n in names) + "</tr>"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{esc(r[n]['value']) if n in r else ''}</td>" for n in names) + "</tr>")
    out.append("</table>")
    return "".join(out)


def parse_bindings(text: str) -> dict | str:
    """`name=value` lines of the page's bind field; an error message when a line is malformed."""
    out = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            return f"bind: expected name=value, got {line!r}"
        out[name] = value.strip()
    return out


def query_page(text: str, binds: str, saved: dict, files: dict, result_html: str) -> str:
    esc = html.escape
    saved_links = "".join(f'<li><a href="/?saved={esc(name)}">{esc(name)}</a> - {esc(desc)}</li>'
                          for name, (desc, _) in sorted(saved.items()))
    file_links = " · ".join(f'<a href="/{esc(n)}">{esc(n)}</a>' for n in files)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>actorgraph SPARQL</title>
<style>body{{font-family:sans-serif;margin:1.5em;max-width:75em}} textarea{{width:100%;font-family:monospace}}
table{{border-collapse:collapse;font-size:90%}} td,th{{border:1px solid #ccc;padding:2px 6px;vertical-align:top}}
.error{{color:#a00;white-space:pre-wrap}} li{{margin:2px 0}}</style></head><body>
<h1>actorgraph SPARQL</h1>
<p>Files of this build: {file_links}</p>
<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). The default graph is the union of all
document graphs; the prefixes ag, rdf, rdfs, skos, dcterms, schema, nif, prov, xsd, owl and id are predeclared.</p>
<form method="get" action="/"><textarea name="query" rows="14">{esc(text)}</textarea><br>
<label>Values for variables, one <code>name=value</code> a line (an IRI or text; the query must select the
variable), bound as values, never pasted into the query:<br>
<textarea name="bind" rows="2">{esc(binds)}</textarea></label><br>
<button type="submit">Run query</button></form>
{result_html}
<h2>Saved queries</h2><ul>{saved_links}</ul>
</body></html>
"""
