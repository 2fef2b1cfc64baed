"""The layout holds (docs/architecture.md): imports point one way, with no circle; demo data stays out of
the app; the app core stays small; files are named for what they hold."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "staff", "advocacy")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The project module an imported name lives in (a module, or the module that defines it)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


class _Imports(ast.NodeVisitor):
    """Every import a module makes, at the top or inside a function; ``if TYPE_CHECKING:`` ones aside."""

    def __init__(self, module: str, is_package: bool) -> None:
        self.module, self.is_package, self.found = module, is_package, set()

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == "TYPE_CHECKING":
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            owner = _owner(alias.name)
            if owner:
                self.found.add(owner)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.module if self.is_package else self.module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        for alias in node.names:
            owner = _owner(f"{base}.{alias.name}") or _owner(base)
            if owner:
                self.found.add(owner)


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        visitor = _Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text()))
        graph[module] = visitor.found - {module}
    return graph


GRAPH = _graph()


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_among_the_projects_own_modules():
    assert _circles(GRAPH) == []


def test_the_circle_finder_finds_one():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_app_core_imports_neither_the_staff_nor_the_advocacy_area():
    for module, targets in GRAPH.items():
        if module.startswith("portal") and module != "portal":  # the app factory registers their blueprints
            assert not [t for t in targets if t.split(".")[0] in ("staff", "advocacy")], module


def test_no_operation_imports_a_web_module():
    web = ("portal.public", "portal.auth.views", "staff", "advocacy")
    for module, targets in GRAPH.items():
        if module.startswith(("portal.casework", "portal.intake", "portal.procedure", "portal.reports")):
            assert not [t for t in targets if t.startswith(web)], module


def test_the_rules_import_nothing_else_of_the_project():
    for module, targets in GRAPH.items():
        if module.startswith("portal.procedure"):
            assert all(t.startswith("portal.procedure") for t in targets), (module, targets)


def test_only_the_demo_command_imports_the_demo_package():
    for module, targets in GRAPH.items():
        if not module.startswith("portal.demo") and module != "portal.cli":
            assert not [t for t in targets if t.startswith("portal.demo")], module


def test_no_demo_module_is_loaded_by_the_app():
    """In a fresh interpreter: build the app and serve a page of each area, then look at what is loaded."""
    script = (
        "import sys\n"
        "from portal import create_app\n"
        "from portal.config import TestConfig\n"
        "app = create_app(TestConfig)\n"
        "client = app.test_client()\n"
        "for path in ('/', '/tell-us', '/check', '/sign-in', '/staff/', '/advocacy/'):\n"
        "    client.get(path)\n"
        "print(sorted(m for m in sys.modules if m.startswith('portal.demo')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _private_uses(path: Path) -> list[str]:
    """Names starting with one underscore that a module takes from another project module."""
    tree = ast.parse(path.read_text())
    modules_bound = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in MODULES:
                    modules_bound[alias.asname or alias.name] = full
                elif alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(full)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules_bound
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{modules_bound[node.value.id]}.{node.attr}")
    return found


def test_modules_use_only_each_others_public_names():
    for module, path in MODULES.items():
        assert _private_uses(path) == [], module


def test_the_app_core_stays_small():
    flat = sorted(path.name for path in (ROOT / "portal").glob("*.py"))
    assert len(flat) <= 20, flat


ORDER_WORDS = {"more", "new", "extra", "misc", "old", "fixes", "other"}


@pytest.mark.parametrize("folder", ["portal", "staff", "advocacy", "tests", "templates", "migrations", "bench",
                                    "static/src", "scripts"])
def test_no_file_is_named_after_when_it_was_written(folder):
    for path in (ROOT / folder).rglob("*"):
        if "__pycache__" in path.parts or "dist" in path.parts:
            continue
        words = set(path.stem.replace("-", "_").split("_"))
        assert not words & ORDER_WORDS, path.relative_to(ROOT)
