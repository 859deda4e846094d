"""The house rules of eventmap/, checked: one home for colours and for os.replace, short functions and modules,
Streamlit only in the UI modules."""

from __future__ import annotations

import ast
from pathlib import Path

from eventmap import schema

PACKAGE = Path(schema.__file__).parent
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 60
STREAMLIT_MODULES = {"ui"}  # the ui/ package, the editor's forms (ui/editor/) included


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def relative(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def test_no_module_is_over_350_lines():
    long = {
        relative(p): n for p in modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {}
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long[f"{relative(path)}:{node.lineno} {node.name}"] = size
    assert long == {}


def test_streamlit_is_imported_only_by_the_ui_modules():
    importers = set()
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
                importers.add(relative(path).split("/")[0])
    assert importers <= STREAMLIT_MODULES, importers - STREAMLIT_MODULES


def _literals(path: Path) -> list[tuple]:
    """RGB-like tuples of three ints 0-255 and '#rrggbb' strings written in a module."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    unpacked = {
        id(node.value)
        for node in ast.walk(tree)  # a, b, c = 60, 235, 120 names three numbers
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
    }
    for node in ast.walk(tree):
        if id(node) in unpacked:
            continue
        if (
            isinstance(node, (ast.Tuple, ast.List))
            and len(node.elts) in (3, 4)
            and all(
                isinstance(e, ast.Constant) and isinstance(e.value, int) and 0 <= e.value <= 255 for e in node.elts[:3]
            )
            and all(isinstance(e, ast.Constant) for e in node.elts)
            and any(e.value > 10 for e in node.elts[:3])
        ):
            found.append(tuple(e.value for e in node.elts))
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith("#")
            and len(node.value) in (4, 7)
            and all(ch in "0123456789abcdefABCDEF" for ch in node.value[1:])
        ):
            found.append((node.value,))
    return found


def test_colour_literals_live_in_the_schema_only():
    offenders = {str(p.relative_to(PACKAGE)): _literals(p) for p in PACKAGE.rglob("*.py") if p.name != "schema.py"}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_os_replace_lives_in_files_only():
    users = [
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if "os.replace(" in p.read_text(encoding="utf-8")
    ]
    assert users == ["files.py"]
