"""The layout the project keeps: imports that run one way, and modules a reader can hold.

Read from the source with `ast`, so a deferred import inside a function counts as much as one
at the top of a module: a circle is not hidden by moving an import into a function.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ("dhrsite", "reviews", "support")
APPS = ("reviews", "support")
MAX_LINES = 500


def _modules():
    """{module name: path} for every module of the project's packages (migrations aside)."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _is_package(name):
    return MODULES[name].name == "__init__.py"


def _imports(name):
    """The project modules that module `name` imports, anywhere in it."""
    tree = ast.parse(MODULES[name].read_text(), filename=str(MODULES[name]))
    package = name if _is_package(name) else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from package import module` names the module; otherwise the module itself.
                child = f"{base}.{alias.name}"
                targets.add(child if child in MODULES else base)
    return {target for target in targets if target in MODULES and target != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _circles(graph):
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
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
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _top(name):
    return name.split(".")[0]


def test_the_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_itself_back_through_others():
    assert _circles(GRAPH) == []


def test_reviews_does_not_import_support():
    wrong = {
        name: sorted(t for t in targets if _top(t) == "support")
        for name, targets in GRAPH.items()
        if _top(name) == "reviews"
    }
    assert {name: targets for name, targets in wrong.items() if targets} == {}


def test_apps_do_not_import_the_project_package():
    wrong = {
        name: sorted(t for t in targets if _top(t) == "dhrsite")
        for name, targets in GRAPH.items()
        if _top(name) in APPS
    }
    assert {name: targets for name, targets in wrong.items() if targets} == {}


def test_the_project_package_reaches_the_apps_only_through_urls_and_its_commands():
    # Settings name apps by string (INSTALLED_APPS, MIDDLEWARE), which imports nothing here.
    allowed = {"dhrsite.urls"} | {n for n in MODULES if n.startswith("dhrsite.management.")}
    wrong = {
        name: sorted(t for t in targets if _top(t) in APPS)
        for name, targets in GRAPH.items()
        if _top(name) == "dhrsite" and name not in allowed
    }
    assert {name: targets for name, targets in wrong.items() if targets} == {}


def test_no_module_of_the_apps_is_over_about_500_lines():
    long = {
        name: lines
        for name, path in MODULES.items()
        if _top(name) in APPS and (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
