"""The house rules, checked: one home for colours, settings and os.replace; short functions and modules in
eventmap/ and bench/; Streamlit only in the UI modules; comments that say why, not when; ruff clean; and tests
that run on their own data, not the shipped data/."""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import tokenize
from pathlib import Path

import pytest

from eventmap import schema
from tests.conftest import IN_CI, ROOT

PACKAGE = Path(schema.__file__).parent
BENCH = ROOT / "bench"
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 60
STREAMLIT_MODULES = {"ui"}  # the ui/ package, the editor's forms (ui/editor/) included


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def limited_modules() -> list[Path]:
    """The modules held to the size limits: eventmap/ and bench/."""
    return [*modules(), *sorted(BENCH.glob("*.py"))]


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_no_module_is_over_350_lines():
    long = {
        relative(p): n
        for p in limited_modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {}
    for path in limited_modules():
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
                importers.add(str(path.relative_to(PACKAGE)).split("/")[0])
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


# --- one home for each setting ------------------------------------------------------------------------------


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """The string constants of a module that are code, not docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_environment_variables_are_named_in_the_schema_only():
    """Every EVENTMAP_* name is written once, in schema.SETTINGS; code and messages use schema's constants."""
    writers = {
        relative(path): sorted({m for s in _strings(ast.parse(path.read_text("utf-8"))) for m in _settings_in(s.value)})
        for path in modules()
        if path.name != "schema.py"
    }
    assert {path: names for path, names in writers.items() if names} == {}


def _settings_in(text: str) -> list[str]:
    return re.findall(r"EVENTMAP_[A-Z_]*[A-Z]", text)


# --- comments say why, not when -------------------------------------------------------------------------------

ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
    r"fifteenth|\d+(?:st|nd|rd|th)"
)
NARRATION = re.compile(
    rf"\b(?:{ORDINALS}) round\b"  # "the eleventh round"
    r"|\b\d{1,2}:\d{2}(?::\d{2})? ?(?:UTC|GMT)\b"  # "19:27 UTC"
    r"|\b(?:issue|issues|ticket|PR|pull request|bug)s? ?#?\d+\b"  # "issue 13"
    r"|(?<![\w&#/])#\d{1,5}\b(?![\w-])",  # "#13" (not a colour: colours live in the schema, and have letters or 3/6)
    re.IGNORECASE,
)


def _python_comments(path: Path) -> list[tuple[int, str]]:
    """Comments and docstrings: both are read as the code's explanation."""
    text = path.read_text("utf-8")
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    comments = [(token.start[0], token.string) for token in tokens if token.type == tokenize.COMMENT]
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = [
        (node.body[0].lineno, ast.get_docstring(node, clean=False))
        for node in ast.walk(ast.parse(text))
        if isinstance(node, documented) and ast.get_docstring(node, clean=False)
    ]
    return comments + docstrings


def _js_comments(path: Path) -> list[tuple[int, str]]:
    text = path.read_text("utf-8")
    found = []
    for match in re.finditer(r"(?<![:\\\"'])//[^\n]*|/\*.*?\*/", text, re.DOTALL):
        found.append((text.count("\n", 0, match.start()) + 1, match.group(0)))
    return found


def _hash_comments(path: Path) -> list[tuple[int, str]]:
    lines = path.read_text("utf-8").splitlines()
    return [(n, line[line.index("#") :]) for n, line in enumerate(lines, 1) if "#" in line]


def commented_files() -> list[tuple[Path, object]]:
    python = [
        *modules(),
        *sorted(BENCH.glob("*.py")),
        *sorted((ROOT / "pages").glob("*.py")),
        ROOT / "app.py",
        ROOT / "asgi.py",
        *sorted((ROOT / "scripts").glob("*.py")),
    ]
    shell = sorted((ROOT / "scripts").glob("*.sh"))
    return [
        *((path, _python_comments) for path in python),
        *((path, _hash_comments) for path in [*shell, ROOT / ".streamlit" / "config.toml"]),
        *((path, _js_comments) for path in sorted((ROOT / "frontend" / "src").glob("*.js"))),
    ]


def test_no_comment_narrates_history():
    """No "Nth round", clock time or tracker number in a comment: a comment that needs a story points to a heading
    of docs/decisions.md instead."""
    narrating = [
        f"{relative(path)}:{line}: {NARRATION.search(comment).group(0)!r}"
        for path, comments in commented_files()
        for line, comment in comments(path)
        if NARRATION.search(comment)
    ]
    assert narrating == []


DECISIONS = ROOT / "docs" / "decisions.md"
# "docs/decisions.md, 'Heading'" (or "Heading" in double quotes when it holds an apostrophe), across line breaks
CITATION = re.compile(r"""decisions\.md, (?:'([^']+)'|"([^"]+)")""")


def _unwrapped(comment: str) -> str:
    """A comment's text as one line: a citation may be wrapped over several comment lines."""
    return re.sub(r"\s*\n\s*(?:#|//|\*)?\s*", " ", comment)


def test_every_decision_a_comment_cites_is_a_heading_of_the_decisions_page():
    headings = set(re.findall(r"^## (.+)$", DECISIONS.read_text("utf-8"), re.MULTILINE))
    texts = [
        (path, line, _unwrapped(comment)) for path, comments in commented_files() for line, comment in comments(path)
    ]
    texts += [
        (path, 1, _unwrapped(path.read_text("utf-8"))) for path in (ROOT / "README.md", ROOT / "data" / "README.md")
    ]
    cited = [(f"{relative(path)}:{line}", a or b) for path, line, text in texts for a, b in CITATION.findall(text)]
    assert cited, "the code cites its decisions"
    assert [(where, heading) for where, heading in cited if heading not in headings] == []


def test_the_narration_pattern_catches_stories_and_spares_facts():
    for story in ("the eleventh round", "(3rd round)", "at 19:27 UTC", "see issue 13", "issue #13", "fixed in #13"):
        assert NARRATION.search(story), story
    for fact in ("round to 3 places", "a 16:9 frame", "#fff", "the first pass", "10:30 local time", "rows[1:30]"):
        assert not NARRATION.search(fact), fact


# --- ruff -------------------------------------------------------------------------------------------------------

RUFF = ROOT / ".venv" / "bin" / "ruff"


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["check", "format"])
def test_ruff_is_clean(command):
    ruff = str(RUFF) if RUFF.exists() else shutil.which("ruff")
    if ruff is None:
        assert not IN_CI, "CI must run ruff: it is in requirements-dev.txt"
        pytest.skip("ruff is not installed (pip install -r requirements-dev.txt)")
    result = subprocess.run([ruff, *command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


# --- tests run on their own data --------------------------------------------------------------------------------

SHIPPED_DATA_TESTS = {"tests/test_curated_data.py", "tests/test_validate_cli.py"}
# Readers that, given no folder or file, read the dataset folder in use: at import time that is still data/.
DEFAULT_READERS = {
    "load_curated",
    "load_actors",
    "load_places",
    "Gazetteer",
    "build_resolver",
    "data_files",
    "data_dir",
    "events_path",
}
PATH_TAKERS = {
    "Path",
    "PurePath",
    "open",
    "load_events",
    "load_events_cached",
    "load_table",
    "read_cells",
    "read_header",
    "run",
    "check_output",
    "Popen",
    "call",
    "main",
    *DEFAULT_READERS,
}
REMOVED = {"DATA_DIR", "EVENTS_PATH", "TALLIES_PATH", "PERIODS_PATH", "SOURCES_PATH", "PLACES_PATH", "ACTORS_PATH"}
SHIPPED_PATH = re.compile(r"(?:\./)?data(?:/(?!basemap(?:/|$))[\w./-]*)?")  # data/ and its files; not the basemap
SERVERS = {"Server", "clean_env"}  # the browser tests' app server: its environment is rebuilt without EVENTMAP_*


def _name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _is_shipped_path(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(SHIPPED_PATH.fullmatch(node.value))


def _module_level_calls(tree: ast.Module) -> list[ast.Call]:
    """Calls made when the module is imported: outside functions and lambdas (fixtures have not run yet)."""
    found: list[ast.Call] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            found.extend(n for d in node.args.defaults + node.args.kw_defaults if d for n in ast.walk(d) if _call(n))
            found.extend(n for d in getattr(node, "decorator_list", []) for n in ast.walk(d) if _call(n))
            return
        if _call(node):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call)


def shipped_data_reads(tree: ast.Module) -> list[str]:
    """Where a test module reaches the shipped data/: by its path or schema's name for it, by a reader called
    with no folder at import time, or by an app server started without the dataset setting."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)) and _name(node) in REMOVED:
            found.append(f"{node.lineno}: {_name(node)}")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _is_shipped_path(node.right):
            left = ast.unparse(node.left)
            if not re.search(r"tmp|sample|fixture", left, re.IGNORECASE) and not _is_shipped_path(node.left):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Call) and _name(node.func) in PATH_TAKERS:
            arguments = [*node.args, *(k.value for k in node.keywords)]
            items = [
                a for arg in arguments for a in ([arg, *arg.elts] if isinstance(arg, (ast.List, ast.Tuple)) else [arg])
            ]
            found.extend(f"{node.lineno}: {ast.unparse(node)}" for item in items if _is_shipped_path(item))
        if isinstance(node, ast.Call) and _name(node.func) in SERVERS and _without_dataset(node):
            found.append(f"{node.lineno}: {ast.unparse(node)[:80]} (no {schema.DATA_DIR_ENV})")
    for call in _module_level_calls(tree):
        if _name(call.func) in DEFAULT_READERS and not call.args and not call.keywords:
            found.append(f"{call.lineno}: {ast.unparse(call)} at import time")
    return found


def _without_dataset(call: ast.Call) -> bool:
    """A Server(name, env) or clean_env(env) whose environment is written out here and leaves out the dataset
    folder (an environment passed on from elsewhere is that caller's to check)."""
    position = 1 if _name(call.func) == "Server" else 0
    given = [k.value for k in call.keywords if k.arg == "env"] or call.args[position : position + 1]
    if not given or (isinstance(given[0], ast.Constant) and given[0].value is None):
        return True
    written = isinstance(given[0], (ast.Dict, ast.BinOp, ast.Call))
    return written and not re.search(r"DATA_DIR_ENV|EVENTMAP_DATA", ast.unparse(given[0]))


def _marked_shipped(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Assign)
        and any(_name(t) == "pytestmark" for t in node.targets)
        and "shipped_data" in ast.unparse(node.value)
        for node in tree.body
    )


def test_no_test_reads_the_shipped_data_but_the_shipped_data_tests():
    """Editors change data/ through the desk: a test of the code that read it would turn red on a correction."""
    readers, marked = {}, set()
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name == Path(__file__).name:
            continue  # this file names what it looks for
        tree = ast.parse(path.read_text("utf-8"))
        if _marked_shipped(tree):
            marked.add(relative(path))
        elif found := shipped_data_reads(tree):
            readers[relative(path)] = found
    assert marked == SHIPPED_DATA_TESTS
    assert readers == {}


@pytest.mark.parametrize(
    ("source", "leaks"),
    [
        ('ROOT / "data" / "events.csv"', True),
        ("schema.DATA_DIR / 'README.md'", True),
        ('Path("data/events.csv")', True),
        ('subprocess.run(["python", "-m", "eventmap", "validate", "data/events.csv"])', True),
        ("ACTORS = load_actors()", True),
        ('Server("x", {"EVENTMAP_CACHE_DIR": "c"})', True),
        ('tmp_path / "data"', False),
        ('sample_dir / "events.csv"', False),
        ('FIXTURES / "bad_events.csv"', False),
        ('Path("data/basemap/countries.geojson")', False),
        ('layer["data"]', False),
        ("def test():\n    return load_curated()", False),
        ('Server("x", {schema.DATA_DIR_ENV: str(d)})', False),
        ("Server(name, env)", False),
        ("clean_env()", True),
        ('Problem("data/events.csv", 7, "c", "m")', False),
    ],
)
def test_the_shipped_data_rule_catches_leaks_and_spares_the_tests_own_files(source, leaks):
    assert bool(shipped_data_reads(ast.parse(source))) is leaks
