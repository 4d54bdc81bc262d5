"""The package's folders are the pipeline's stages; every module imports.

Importing each module in a fresh interpreter catches an import left pointing
at a module's old place, which a test run that happens not to reach that
module would miss.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import lzlint

PACKAGE = Path(lzlint.__file__).parent
STAGES = ("sources", "model", "ruleset", "checks", "run", "outputs")


def all_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages([str(PACKAGE)], prefix="lzlint."))


def test_every_module_imports_in_a_fresh_interpreter() -> None:
    modules = all_modules()
    assert "lzlint.model.outline" in modules and "lzlint.outputs.formatters.html" in modules
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    result = subprocess.run([sys.executable, "-c", script, *modules], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_the_top_level_holds_only_the_shared_pieces() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "diagnostic.py", "errors.py", "located_yaml.py"]


def test_each_stage_says_what_it_takes_and_gives() -> None:
    for stage in STAGES:
        docstring = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert docstring, stage
        first = docstring.splitlines()[0]
        assert "take" in first and "give" in first, (stage, first)


def runtime_imports(path: Path) -> set[str]:
    """Modules a file imports when it runs (not under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            guarded.update(id(inner) for inner in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def module_path(name: str) -> Path:
    return PACKAGE.parent.joinpath(*name.split(".")).with_suffix(".py")


def test_check_kinds_import_the_rule_type_for_type_checking_only() -> None:
    # The loader imports the kinds' registry at run time; the reverse would be a
    # cycle. A leaf module of the rule set (regex_safety.py imports nothing of
    # lzlint) closes no cycle, so a kind may use it.
    for path in sorted((PACKAGE / "checks").glob("*.py")):
        later = {name for name in runtime_imports(path) if name.startswith(("lzlint.ruleset", "lzlint.run"))}
        leaks = {name for name in later if any(dep.startswith("lzlint") for dep in runtime_imports(module_path(name)))}
        assert not leaks, (path.name, leaks)
    assert "lzlint.checks" in runtime_imports(PACKAGE / "ruleset" / "rules.py")


def test_the_model_does_not_reach_forward_into_later_stages() -> None:
    later = ("lzlint.ruleset", "lzlint.checks", "lzlint.run", "lzlint.outputs", "lzlint.cli")
    for stage in ("sources", "model"):
        for path in sorted((PACKAGE / stage).glob("*.py")):
            leaks = {name for name in runtime_imports(path) if name.startswith(later)}
            assert not leaks, (stage, path.name, leaks)
