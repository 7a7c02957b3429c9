"""Time and trust in the views: event dates on edges and rows, an actor's timeline, a time filter, the
document page with its evidence sentences marked, and an actor page that opens fitted."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.records import Corpus, Document
from graph.views import write_views
from browser import browser, open_page  # noqa: F401  (fixtures)
from views_corpora import corpus, entity, rel

TEXT = ("Harbour news.\n\nThe Ministry of Harbours blocked the Coastal Courier on 3 May 2021. "
        "Later the ministry threatened the Coastal Courier. Mira Okonjo criticized the Ministry of Harbours in 2019.")


def dated_corpus() -> Corpus:
    ministry = entity("Agency", "Ministry of Harbours", ("d1",))
    paper = entity("Outlet", "Coastal Courier", ("d1",))
    editor = entity("Person", "Mira Okonjo", ("d1",))
    sentences = [m.group() for m in re.finditer(r"[A-Z][^.]*\.", TEXT.split("\n\n")[1])]
    starts = [TEXT.index(s) for s in sentences]
    r1 = rel(ministry, "blocked", paper, sentences[0], starts[0])
    r1.date, r1.date_precision, r1.date_source, r1.date_text = "2021-05-03", "day", "text", "on 3 May 2021"
    r2 = rel(ministry, "threatened", paper, sentences[1], starts[1])
    r2.date, r2.date_precision, r2.date_source = "2021-06-01", "day", "article"
    r3 = rel(editor, "criticized", ministry, sentences[2], starts[2])
    r3.date, r3.date_precision, r3.date_source = "2019", "year", "text"
    doc = Document("d1", "d1.txt", TEXT, headline="Harbour news", date="2021-06-01")
    return Corpus([doc], {e.id: e for e in (ministry, paper, editor)}, {"d1": [r1, r2, r3]}, {"d1": []})


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dated")
    write_views(dated_corpus(), out)
    return out


def page(out: Path, kind: str, stem: str) -> Path:
    return next((out / kind).glob(f"{stem}-*.html"))


def test_actor_page_has_a_timeline_oldest_first_and_dates_in_its_table(dated_site):
    html = page(dated_site, "entity", "agency-ministry-of-harbours").read_text(encoding="utf-8")
    timeline = html.split('id="ag-timeline"', 1)[1].split("</ol>", 1)[0]
    assert timeline.index("2019") < timeline.index("2021-05-03") < timeline.index("2021-06-01")
    assert "(article date)" in timeline and "criticized" in timeline
    assert "<th>event date</th>" in html


def test_document_page_marks_each_evidence_sentence_and_rows_link_to_it(dated_site):
    html = page(dated_site, "document", "d1").read_text(encoding="utf-8")
    start = TEXT.index("The Ministry of Harbours blocked")
    assert f'<mark id="s-{start}">The Ministry of Harbours blocked the Coastal Courier on 3 May 2021.</mark>' in html
    assert html.count("<mark id=") == 3 and "Harbour news.\n\n" in html
    entity_html = page(dated_site, "entity", "outlet-coastal-courier").read_text(encoding="utf-8")
    assert f'href="../document/d1-' in entity_html and f'.html#s-{start}"' in entity_html


def test_time_filter_panel_dates_and_the_link_to_the_sentence(dated_site, open_page):
    opened = open_page(dated_site / "network.html")
    p = opened.page
    visible = "edges.get({filter: e => !e.hidden}).map(e => e.prop).sort()"
    assert p.evaluate(visible) == ["blocked", "criticized", "threatened"]
    p.fill("#ag-from", "2021-01-01")
    p.dispatch_event("#ag-from", "change")
    assert p.evaluate(visible) == ["blocked", "threatened"]
    p.fill("#ag-to", "2021-05-31")
    p.dispatch_event("#ag-to", "change")
    assert p.evaluate(visible) == ["blocked"]
    assert "1 relations dated in this period" in p.text_content("#ag-search-status")
    p.fill("#ag-from", "")
    p.fill("#ag-to", "")
    p.dispatch_event("#ag-to", "change")
    assert len(p.evaluate(visible)) == 3

    eid = p.evaluate("edges.get({filter: e => e.prop === 'threatened'})[0].id")
    p.evaluate("id => network.selectEdges([id])", eid)
    p.evaluate("id => network.body.emitter.emit('click', {nodes: [], edges: [id]})", eid)
    panel = p.text_content("#ag-panel-body")
    assert "published 2021-06-01" in panel and "happened 2021-06-01 (article date)" in panel
    href = p.get_attribute("#ag-panel-body a", "href")
    start = TEXT.index("Later the ministry")
    assert href.endswith(f"#s-{start}")
    p.click("#ag-panel-body a")
    p.wait_for_load_state()
    assert p.evaluate("document.querySelector('mark:target') && document.querySelector('mark:target').textContent") \
        == "Later the ministry threatened the Coastal Courier."
    assert opened.clean(), (opened.blocked, opened.errors)


def test_an_actor_page_opens_with_its_whole_network_labels_included_in_view(tmp_path, open_page):
    """A long name under a node at the edge used to hang out of the box until Fit (and Fit did not help)."""
    hub = entity("Agency", "State Prosecutor", ("d1",))
    work = entity("Work", "Video of the Islamic State: Children from Kazakhstan Threaten to Kill the Unfaithful")
    others = [entity("Outlet", name) for name in ("Kloop", "Kommersant", "Time.kz", "The Diplomat", "Kazakhstan Today")]
    state = entity("State", "Kazakhstan")
    rels = {"d1": [rel(hub, "requestedRemoval", work, "The prosecutor asked for the video to go.", 0),
                   rel(hub, "partOf", state, "The prosecutor is part of Kazakhstan.", 100)]
            + [rel(hub, "requestedRemoval", o, f"The prosecutor wrote to {o.label}.", 200 + 60 * i)
               for i, o in enumerate(others)]}
    write_views(corpus([hub, work, state] + others, rels), tmp_path)
    for width in (1400, 1100, 900):
        opened = open_page(page(tmp_path, "entity", "agency-state-prosecutor"), width=width, height=700)
        overhang = opened.page.evaluate("""() => {
            const box = document.getElementById('ag-network').getBoundingClientRect();
            let worst = 0;
            for (const id of nodes.getIds()) {
                const b = network.getBoundingBox(id);
                const a = network.canvasToDOM({x: b.left, y: b.top}), c = network.canvasToDOM({x: b.right, y: b.bottom});
                worst = Math.max(worst, -a.x, -a.y, c.x - box.width, c.y - box.height);
            }
            return worst;
        }""")
        assert overhang <= 1, (width, overhang)
