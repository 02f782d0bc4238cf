"""The test suite's own layout: what tests share is written once, where a reader looks for it.

No test module imports from another test module: shared helpers live in plain modules
(admin_forms.py, factories.py, public_pages.py, services.py). No fixture is defined in more
than one module: a fixture two modules use lives in conftest.py.
"""

import ast
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent
TEST_MODULES = sorted(TESTS.glob("test_*.py"))
FIXTURE_MODULES = [TESTS / "conftest.py", *TEST_MODULES]


def imported_test_modules(source):
    """The `test_*` modules that this module's source imports from."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".")
            if node.module is None or (node.level == 0 and parts[0] == "tests"):
                # `from . import test_admin`, `from tests import test_admin`
                parts += [alias.name for alias in node.names]
            found.update(part for part in parts if part.startswith("test_"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found.update(part for part in alias.name.split(".") if part.startswith("test_"))
    return found


def _fixture_decorator(decorator):
    """The `@pytest.fixture` or `@pytest.fixture(...)` decorator's call, or None."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    is_fixture = (isinstance(target, ast.Attribute) and target.attr == "fixture") or (
        isinstance(target, ast.Name) and target.id == "fixture"
    )
    return decorator if is_fixture else None


def defined_fixtures(source):
    """The names of the fixtures this module's source defines (`name=` when it is given)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            if _fixture_decorator(decorator) is None:
                continue
            name = node.name
            if isinstance(decorator, ast.Call):
                for keyword in decorator.keywords:
                    if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                        name = keyword.value.value
            names.add(name)
    return names


def test_the_checks_see_imports_and_fixtures_in_every_spelling():
    source = """
import pytest
from pytest import fixture
from . import test_one
from .test_two import helper
from tests.test_three import other
import tests.test_four
from .factories import PartnershipFactory

@pytest.fixture
def plain(): ...

@pytest.fixture(scope="module")
def scoped(): ...

@fixture(name="renamed")
def _renamed(): ...

class TestGroup:
    @pytest.fixture
    def in_a_class(self): ...

def helper_function(): ...
"""
    assert imported_test_modules(source) == {"test_one", "test_two", "test_three", "test_four"}
    assert defined_fixtures(source) == {"plain", "scoped", "renamed", "in_a_class"}


def test_no_test_module_imports_from_another():
    imports = {
        module.name: sorted(imported_test_modules(module.read_text())) for module in TEST_MODULES
    }

    assert {name: found for name, found in imports.items() if found} == {}


def test_no_fixture_is_defined_in_more_than_one_module():
    defined_in = defaultdict(set)
    for module in FIXTURE_MODULES:
        for name in defined_fixtures(module.read_text()):
            defined_in[name].add(module.name)
    duplicates = {name: sorted(modules) for name, modules in defined_in.items() if len(modules) > 1}

    assert duplicates == {}, "define a shared fixture once, in conftest.py"
