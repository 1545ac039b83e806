"""The package has no import cycles between its modules.

Every import of every module under ``autodiff_gui`` is read with ``ast`` (nothing is
imported or run): module-level ones, those inside functions and methods, and those
under ``if TYPE_CHECKING:`` alike, with relative imports resolved.  ``from pkg import
name`` counts as importing ``pkg.name`` when that is a module, else ``pkg``.  A
package's ``__init__`` is the node ``pkg`` itself; importing ``pkg.mod`` also runs
``pkg/__init__.py``, but that edge is left out (a package re-exporting its own
modules is not a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "autodiff_gui"


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute name a ``from ... import`` refers to."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[:len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``module`` imports, anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node)
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                     for alias in node.names]
        else:
            continue
        for name in names:
            # "import a.b.c" names a.b.c; keep the longest prefix that is one of ours
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(name + "."):
                targets.add(name)
    return targets


def import_graph() -> dict[str, set[str]]:
    files = module_files()
    names = set(files)
    return {m: imports_of(m, p, names) for m, p in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return None


def test_the_import_reader_sees_what_is_imported() -> None:
    graph = import_graph()
    assert "autodiff_gui.core.engine.program" in graph["autodiff_gui.core.engine"]
    assert "autodiff_gui.core.graph" in graph["autodiff_gui.core.engine.program"]
    assert "autodiff_gui.core.engine" in graph["autodiff_gui.core.session"]
    assert "autodiff_gui.cli" in graph
    # a made-up cycle is found and printed in order
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_core_imports_nothing_above_it() -> None:
    graph = import_graph()
    for module, targets in graph.items():
        if module.startswith("autodiff_gui.core"):
            above = {t for t in targets if not t.startswith("autodiff_gui.core")}
            assert not above, f"{module} imports {sorted(above)}"


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
