"""Review mode in a real browser: accept, reject, rename, merge and split through the pages of `serve --review`,
then a rebuild shows every decision applied, and the review file is the only file written outside OUT."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest

from graph.build import build
from graph.pages import page_name
from graph.query import open_store, select
from graph.serve import base_url, serve_in_thread

from browser import browser  # noqa: F401  (fixtures)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "articles"
ID = "https://w3id.org/actorgraph/id/"
AG = "https://w3id.org/actorgraph/ns#"


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def served(tmp_path):
    docs, out = tmp_path / "docs", tmp_path / "out"
    shutil.copytree(SAMPLE, docs)
    (docs / "SOURCES.md").unlink()
    (docs / "actorgraph-review.jsonl").unlink()   # the sample's own dates: this test starts with no decision
    build(docs, out)
    server, _ = serve_in_thread(out, quiet=True, review=True)
    try:
        yield docs, out, base_url(server), server
    finally:
        server.shutdown()
        server.server_close()


def open_served(browser, url: str):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    outside = []
    errors = []

    def route(r):
        if r.request.url.startswith(url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, outside, errors


def click_and_wait(page, selector: str) -> str:
    page.evaluate("document.getElementById('ag-review-status').textContent = ''")
    page.click(selector)
    for _ in range(200):
        text = page.text_content("#ag-review-status") or ""
        if text.startswith(("saved", "refused")):
            return text
        page.wait_for_timeout(25)
    return text


def test_review_through_the_page_then_a_rebuild_applies_it(served, browser):  # noqa: F811
    docs, out, url, server = served
    around = docs.parent
    before = files_under(around) - {p for p in files_under(around) if p.startswith("out/")}
    page, outside, errors = open_served(browser, url)

    page.goto(f"{url}/{page_name('entity', 'Person/aleksander_knyazev')}")
    page.wait_for_selector("#ag-review-actor")
    assert page.get_attribute('meta[name="ag-review-token"]', "content")
    page.fill("#ag-review-reviewer", "Ana Reviewer")
    page.fill("#ag-review-note", "he is from Kazakhstan, the text says Russia only for the interview")
    reject = 'tr:has(td[data-p="nationalOf"][data-o="State/russia"]) .ag-reject'
    assert click_and_wait(page, reject).startswith("saved")
    # accept from the evidence panel of the clicked relation (every document stating it)
    for _ in range(200):
        if page.evaluate("window.agReady === true"):
            break
        page.wait_for_timeout(50)
    eid = page.evaluate("edges.get({filter: e => e.prop === 'criticized' && e.to === 'State/kazakhstan'})[0].id")
    page.evaluate("id => { network.selectEdges([id]); network.body.emitter.emit('click', {nodes: [], edges: [id]}); }",
                  eid)
    assert "Review this relation" in page.text_content("#ag-panel-body")
    assert click_and_wait(page, "#ag-panel-body .ag-accept").startswith("saved")
    page.fill("#ag-review-name", "Alexander Knyazev")
    assert click_and_wait(page, ".ag-rename").startswith("saved")

    page.goto(f"{url}/{page_name('entity', 'Person/sergei_ashimov')}")
    page.wait_for_selector("#ag-review-actor")
    page.select_option("#ag-review-merge", "Person/sergei")
    assert click_and_wait(page, ".ag-merge").startswith("saved")
    page.select_option("#ag-review-class", "Person")   # already a Person: refused with the reason, nothing written
    assert "already a Person" in click_and_wait(page, ".ag-retype")

    page.goto(f"{url}/{page_name('entity', 'Outlet/kloop')}")
    page.wait_for_selector("#ag-review-alias")
    page.select_option("#ag-review-alias", "Kloop.kg")
    assert click_and_wait(page, ".ag-split").startswith("saved")
    assert not outside and not errors, (outside, errors)

    page.goto(f"{url}/{page_name('document', '004_0b400defc7274e49')}")
    page.wait_for_selector("#ag-review-date")
    page.fill("#ag-review-date", "2014-13")
    assert "a day, a month or a year" in click_and_wait(page, ".ag-date")
    page.fill("#ag-review-date", "2014-11")
    assert click_and_wait(page, ".ag-date").startswith("saved")

    lines = [json.loads(x) for x in (docs / "actorgraph-review.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["op"] for d in lines] == ["reject", "accept", "rename", "merge", "split", "date"]
    assert lines[0]["reviewer"] == "Ana Reviewer" and lines[0]["note"].startswith("he is from") and lines[0]["time"]
    assert lines[0]["doc"] and "doc" not in lines[1], "a row's decision covers its document, the panel's every one"

    summary = build(docs, out)
    assert any("6 decision(s) applied" in line for line in summary.review), summary.review
    after = files_under(around) - {p for p in files_under(around) if p.startswith("out/")}
    assert after - before == {"docs/actorgraph-review.jsonl"}, "the review file is the only file written beside OUT"

    store = open_store(out)
    knyazev = ID + "Person/aleksander_knyazev"
    assert not select(store, f"SELECT * WHERE {{ GRAPH ?g {{ <{knyazev}> <{AG}nationalOf> <{ID}State/russia> }} }}")
    rejected = select(store, f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?who ?t WHERE {{ ?r <{AG}decision> "reject" ; <{AG}reviewedSubject> <{knyazev}> ;
        prov:endedAtTime ?t ; prov:wasAssociatedWith/rdfs:label ?who }}""")
    assert rejected and rejected[0]["who"] == "Ana Reviewer"
    accepted = select(store, f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?a WHERE {{ GRAPH ?g {{ ?a rdf:subject <{knyazev}> ; rdf:predicate <{AG}criticized> ;
        <{AG}reviewDecision> "accept" ; <http://www.w3.org/ns/prov#wasInfluencedBy> ?r }} }}""")
    assert accepted
    label = select(store, f"SELECT ?l WHERE {{ <{knyazev}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")
    assert [r["l"] for r in label] == ["Alexander Knyazev"]
    assert not select(store, f"SELECT * WHERE {{ <{ID}Person/sergei> ?p ?o }}"), "the merged actor is gone"
    aliases = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ <{ID}Person/sergei_ashimov> "
                                             f"<http://www.w3.org/2004/02/skos/core#altLabel> ?a }}")}
    assert "Sergei" in aliases
    dated = select(store, "SELECT ?d WHERE { ?doc <http://purl.org/dc/terms/identifier> '004_0b400defc7274e49' ; "
                          "<https://schema.org/datePublished> ?d }")
    assert [r["d"] for r in dated] == ["2014-11"]
    split = select(store, f"SELECT ?l WHERE {{ <{ID}Outlet/kloop_kg> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")
    assert [r["l"] for r in split] == ["Kloop.kg"], "the split alias is an actor of its own"
    kloop_aliases = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ <{ID}Outlet/kloop> "
                                                   f"<http://www.w3.org/2004/02/skos/core#altLabel> ?a }}")}
    assert "Kloop.kg" not in kloop_aliases

    # the rebuilt page shows the new name, and a second rebuild changes nothing (decisions replay the same way)
    page.goto(f"{url}/{page_name('entity', 'Person/aleksander_knyazev')}")
    assert page.text_content("h1").strip() == "Alexander Knyazev"
    row = page.text_content('tr:has(td[data-p="criticized"][data-o="State/kazakhstan"])')
    assert "accepted by Ana Reviewer on 20" in row, "an accepted edge says so where its evidence is read"
    page.close()


def test_review_writes_need_the_token_this_origin_and_a_valid_decision(served):
    docs, out, url, server = served
    token = server.review.token
    good = {"op": "rename", "entity": "Person/karin", "label": "Erlan Karin"}
    post = lambda body, **h: httpx.post(f"{url}/review", content=json.dumps(body),  # noqa: E731
                                        headers={"Content-Type": "application/json", **h})
    assert post(good).status_code == 403                                      # no token
    assert post(good, **{"X-Review-Token": "guess"}).status_code == 403       # wrong token
    assert post(good, **{"X-Review-Token": token, "Origin": "http://evil.example"}).status_code == 403
    assert post(good, **{"X-Review-Token": token, "Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert httpx.post(f"{url}/review", content="op=rename", headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Review-Token": token}).status_code == 415
    bad = [({"op": "merge", "entity": "Person/karin", "other": "Person/karin"}, 422, "itself"),
           ({"op": "rename", "entity": "Person/nobody", "label": "X"}, 404, "no actor"),
           ({"op": "retype", "entity": "Person/karin", "cls": "Wizard"}, 422, "unknown class"),
           ({"op": "reject", "s": "Person/karin", "p": "killed", "o": "State/russia"}, 404, "no edge"),
           ({"op": "delete", "entity": "Person/karin"}, 422, "op must be"),
           ({"op": "rename", "entity": "Person/karin", "label": "x", "path": "/etc"}, 422, "unknown field")]
    for body, status, words in bad:
        r = post(body, **{"X-Review-Token": token})
        assert r.status_code == status and words in r.json()["error"], (body, r.status_code, r.text)
    assert not (docs / "actorgraph-review.jsonl").exists(), "nothing refused is written"
    r = post(good, **{"X-Review-Token": token, "Origin": url, "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 201 and r.json()["recorded"]["label"] == "Erlan Karin"
    # the SPARQL endpoint stays read-only in review mode
    update = httpx.post(f"{url}/sparql", content="DELETE WHERE { ?s ?p ?o }",
                        headers={"Content-Type": "application/sparql-update"})
    assert update.status_code == 403
    assert httpx.get(f"{url}/review/actors").json()["actors"]


def test_serving_without_review_has_no_write_path(tmp_path, sample_build):
    server, _ = serve_in_thread(sample_build, quiet=True)
    try:
        url = base_url(server)
        page = httpx.get(f"{url}/index.html").text
        assert "ag-review-token" not in page and "connect-src 'none'" in page
        r = httpx.post(f"{url}/review", content="{}", headers={"Content-Type": "application/json"})
        assert r.status_code == 404
    finally:
        server.shutdown()
        server.server_close()
