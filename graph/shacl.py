"""Check a dataset against data/shapes.ttl with pyshacl.

The shapes are written for the union of all graphs (entities and documents in
the default graph, relations and evidence in the document graphs), so the
dataset is flattened before validation. Warnings (a property used outside its
typical subject/object classes) are reported but do not fail conformance.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from actorgraph import DATA_DIR

SHAPES_FILE = DATA_DIR / "shapes.ttl"


@dataclass
class Finding:
    severity: str        # Violation | Warning | Info
    focus: str
    path: str | None
    message: str

    def text(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}"


@dataclass
class Validation:
    conforms: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def validate_graph(data: Graph) -> Validation:
    from pyshacl import validate
    conforms, report, text = validate(data, shacl_graph=shapes_graph(), inference="none",
                                   allow_warnings=True, advanced=True)
    if not isinstance(report, Graph):   # pyshacl could not run the shapes at all
        raise ValueError(f"SHACL shapes could not be applied: {text}")
    findings = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = report.value(result, SH.resultPath)
        findings.append(Finding(severity, str(report.value(result, SH.focusNode)),
                                str(path) if path is not None else None,
                                str(report.value(result, SH.resultMessage) or "")))
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.path or "", f.message))
    return Validation(bool(conforms), findings)


def validate_dataset(ds: Dataset) -> Validation:
    return validate_graph(union_graph(ds))


def validate_build(out_dir: Path) -> Validation:
    """Validate OUT_DIR/graph.trig."""
    ds = Dataset()
    ds.parse(Path(out_dir) / "graph.trig", format="trig")
    return validate_dataset(ds)


if __name__ == "__main__":  # python -m graph.shacl OUT_DIR: validate a build, exit 1 on a violation
    import sys
    result = validate_build(Path(sys.argv[1]))
    for finding in result.findings:
        print(finding.text())
    print(f"conforms: {result.conforms} ({len(result.violations)} violations, {len(result.warnings)} warnings)")
    sys.exit(0 if result.conforms else 1)
