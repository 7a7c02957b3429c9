"""`--engine dask`: parsing and extraction on a Dask cluster give the local engine's results."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from distributed import LocalCluster

from extract.engines import run_engine
from extract.pipeline import analyse_documents
from extract.records import Document
from graph.build import build

TEXTS = [
    "The Ministry of Culture of Freedonia banned the film Quiet Harbour after the director criticised the army.",
    "Police detained the journalist Lena Park in Port Alba, the Freedonian Press Council said.",
    "The State Media Authority ordered the news site Civic Wire to remove an interview with an opposition leader.",
    "Radio Meridian is owned by the Harbor Media Group, which is controlled by a senator's brother.",
    "The regulator blocked access to VidShare after the platform refused to delete posts by Free Voices.",
]


def docs() -> list[Document]:
    return [Document(f"d{i}", f"d{i}.txt", t) for i, t in enumerate(TEXTS * 8)]  # 40 docs: two batches


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as c:
        yield c


def test_dask_engine_on_a_cluster_equals_the_local_engine(cluster):
    local = list(analyse_documents(docs()))
    remote = list(analyse_documents(docs(), engine="dask", scheduler=cluster.scheduler_address))
    assert [r.document.doc_id for r in remote] == [d.doc_id for d in docs()]
    assert remote == local
    assert any(r.mentions for r in remote)


def test_dask_build_writes_the_same_dataset_as_a_local_build(tmp_path, cluster):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"a{i}.txt").write_text(text + "\n", encoding="utf-8")
    build(folder, tmp_path / "local")
    summary = build(folder, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert summary.parsed == len(TEXTS)

    def quads(out: Path) -> set[str]:
        # the build activity records when it ran; everything else must be equal
        return {str(q) for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
                if q.predicate.value != "http://www.w3.org/ns/prov#endedAtTime"}
    assert quads(tmp_path / "dask") == quads(tmp_path / "local")


def test_dask_engine_keeps_input_order_with_few_batches_in_flight(cluster):
    from extract.engines import dask_map
    out = list(dask_map(sorted, [[3, 1, 2], [9, 8], [5, 4], [7, 6]], scheduler=cluster.scheduler_address,
                        in_flight=1))
    assert out == [[1, 2, 3], [8, 9], [4, 5], [6, 7]]


def test_unknown_engine_and_a_scheduler_without_dask_are_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        list(run_engine("spark", sorted, [[1]]))
    with pytest.raises(ValueError, match="--scheduler"):
        list(run_engine("local", sorted, [[1]], scheduler="tcp://127.0.0.1:8786"))


def test_cli_build_with_the_dask_engine_starts_its_own_local_cluster(tmp_path):
    from click.testing import CliRunner

    from actorgraph.cli import main
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXTS[2] + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out"),
                                       "--engine", "dask", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output
    bad = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "o2"),
                                    "--scheduler", "tcp://127.0.0.1:1"])
    assert bad.exit_code == 2 and "--engine dask" in bad.output
