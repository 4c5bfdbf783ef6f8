"""One clear house: the core imports neither shell, and no modules import each other in a circle.

Every module of ``casebook/``, ``casebook_cli/`` and ``ui/`` is parsed (not imported) and
each ``import`` read, at module level and inside functions alike: an import inside a
function still runs, and a circle through one is a circle (``notebook.cli`` and
``notebook.summary_commands`` once imported each other that way).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("casebook", "casebook_cli", "ui")


def module_files(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> dict[str, Path]:
    """Every module of the packages by dotted name (a package by its own name)."""
    modules: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_names(module: str, path: Path, modules: Iterable[str]) -> set[str]:
    """The dotted names a module imports, wherever in the module the import stands.

    ``from package import name`` imports the module ``package.name`` when there is one,
    else a name of ``package`` itself. A submodule's own package is not counted: Python
    runs the package first for every submodule, the usual shape of a package.
    """
    known = set(modules)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                name = f"{base}.{alias.name}"
                names.add(name if name in known else base)
    return names


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Which of ``modules`` each one imports (a name resolves to its nearest module)."""

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {resolve(name) for name in imported_names(module, path, modules)}
        graph[module] = {t for t in targets if t is not None and t != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
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
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_modules_of_the_core_the_cli_or_the_app_import_each_other_in_a_circle():
    assert cycles(import_graph(module_files())) == []


def test_the_core_imports_neither_the_cli_nor_the_app():
    graph = import_graph(module_files())
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.partition(".")[0] == "casebook"
        for target in targets
        if target.partition(".")[0] in ("casebook_cli", "ui")
    )
    assert wrong == []


def test_the_app_does_not_import_the_command_line():
    graph = import_graph(module_files())
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.partition(".")[0] == "ui"
        for target in targets
        if target.partition(".")[0] == "casebook_cli"
    )
    assert wrong == []


def test_the_check_finds_a_circle_through_an_import_inside_a_function(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def later():\n    from .a import thing\n")
    (package / "c.py").write_text("import pkg.a\n")
    graph = import_graph(module_files(tmp_path, ["pkg"]))
    assert cycles(graph) == [["pkg.a", "pkg.b"]]


def test_loading_what_the_app_exports_and_backs_up_with_loads_no_command_line():
    probe = (
        "import json, sys\n"
        "import casebook.backup, casebook.summary.export, casebook.summary.source\n"
        "print(json.dumps(sorted(m for m in sys.modules\n"
        "    if m.split('.')[0] == 'casebook_cli' or m == 'notebook.cli')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
