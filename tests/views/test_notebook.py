"""notebooks/explore.ipynb runs top to bottom offline (what `pytest --nbmake notebooks/explore.ipynb` checks too)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


def test_the_notebook_builds_queries_measures_and_shows_a_view():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    # in a thread of its own: nbclient leaves an asyncio loop behind, which Playwright's sync API refuses
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(client.execute).result()
    text = outputs_text(nb)
    assert "saved questions" in text and "documents," in text
    assert "betweenness" in text and "community" in text
    assert "<iframe srcdoc=" in text and "vis.Network" in text    # the inline view, scripts included
    assert "https://cdn" not in text
