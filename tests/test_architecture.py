"""The layout rules of docs/architecture.md, enforced: imports run one way, no circle, no module too long.

The import graph is read from the source with `ast`: every `import` and `from ... import`, at module level or
inside a function (a lazy import is still a dependency), between the modules of `summarizer/`.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.errors import ServiceError
from summarizer import errors as errors_module
from summarizer.errors import SummarizerError, error_classes

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "summarizer"
MAX_LINES = 300

#: The layers, lowest first: a module imports only from its own layer or lower ones. The prefix decides; the
#: longest prefix that matches wins. Layer 1's packages are siblings and never import one another.
LAYERS: dict[str, int] = {
    "summarizer.version": 0, "summarizer.types": 0, "summarizer.errors": 0, "summarizer.lru": 0,
    "summarizer.limits": 1, "summarizer.stages": 1, "summarizer.embedding": 1, "summarizer.testing": 1,
    "summarizer.pipeline": 2,
    "summarizer.io": 3, "summarizer.stories": 3,
    "summarizer.batch": 4,
    "summarizer.cli": 5,
    "summarizer": 6,  # the facade
}
#: Third-party packages the library must never import (it knows nothing of HTTP), and where Ray may be imported.
WEB_STACK = ("fastapi", "starlette", "pydantic", "pydantic_settings", "uvicorn", "httpx")
RAY_ONLY_IN = "summarizer.batch.ray"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every import statement in module `name`."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, id(node) in top_level
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                package = name.split(".") if MODULES[name].name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield (submodule if submodule in MODULES else base), node.lineno, id(node) in top_level


def internal_edges() -> dict[str, set[str]]:
    return {name: {target for target, _, _ in imports(name) if target in MODULES and target != name}
            for name in MODULES}


def layer(name: str) -> tuple[str, int]:
    prefix = max((p for p in LAYERS if name == p or name.startswith(p + ".")), key=len)
    return prefix, LAYERS[prefix]


def test_every_module_of_the_library_has_a_layer() -> None:
    # Only the facade itself sits in the catch-all "summarizer" layer: a new package must be given its own.
    assert [name for name in MODULES if name != "summarizer" and layer(name)[0] == "summarizer"] == []
    assert {"summarizer.pipeline", "summarizer.cli", "summarizer.stages.select", "summarizer.embedding.base",
            "summarizer.batch.ray"} <= set(MODULES)


def test_there_is_no_import_circle_in_the_library_module_level_or_lazy() -> None:
    graph = internal_edges()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_imports_run_one_way_lower_layers_never_import_higher_ones() -> None:
    wrong = []
    for name, targets in internal_edges().items():
        (own_prefix, own), found = layer(name), []
        for target in targets:
            prefix, level = layer(target)
            if level > own or (level == own and prefix != own_prefix):
                found.append(target)
        wrong.extend(f"{name} imports {target}" for target in sorted(found))
    assert wrong == []


def test_the_bottom_layer_imports_nothing_of_ours_and_embedding_base_only_the_errors() -> None:
    graph = internal_edges()

    assert {name: graph[name] for name in MODULES if layer(name)[1] == 0} == {
        name: set() for name in MODULES if layer(name)[1] == 0}
    assert graph["summarizer.embedding.base"] == {"summarizer.errors"}


def test_the_library_never_imports_the_web_stack_and_the_service_only_lazily_for_summarize_serve() -> None:
    service_imports, web, ray = [], [], []
    for name in MODULES:
        for target, line, top in imports(name):
            root = target.split(".")[0]
            if root == "service":
                service_imports.append((name, target, top))
            web += [f"{name}:{line} {target}"] if root in WEB_STACK else []
            ray += [name] if root == "ray" and name != RAY_ONLY_IN else []

    assert service_imports == [("summarizer.cli", "service.__main__", False)]
    assert web == [] and ray == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_library_module_is_over_300_lines(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")

    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(ROOT)} has {lines} lines; split it by job"


def test_the_error_tree_drawn_in_the_errors_module_has_every_class_with_its_code_status_and_exit_code() -> None:
    text = " ".join((errors_module.__doc__ or "").split())

    for cls in error_classes(SummarizerError):
        assert f"{cls.__name__} {cls.code} {cls.http_status} {cls.exit_code}" in text, cls.__name__


def test_the_service_error_tree_drawn_in_its_module_has_every_class_with_its_code_and_status() -> None:
    import service.errors

    text = " ".join((service.errors.__doc__ or "").split())
    for cls in error_classes(ServiceError):
        assert f"{cls.__name__} {cls.code} {cls.http_status}" in text, cls.__name__


def _distribution(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_third_party_import_of_the_library_is_declared_core_at_module_level_an_extra_when_lazy() -> None:
    # `make run` installs the core dependencies only: a module-level import of anything else breaks it, while the
    # test environment (every extra) would not notice. A core dependency's own requirements count as core
    # (transformers comes with sentence-transformers); the Ray module is imported only by `--engine ray`.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {_distribution(r) for r in project["dependencies"]}
    core |= {_distribution(r) for d in core for r in importlib.metadata.requires(d) or () if "extra ==" not in r}
    extras = {_distribution(r) for rs in project["optional-dependencies"].values() for r in rs}
    provided = importlib.metadata.packages_distributions()
    undeclared = []
    for name in MODULES:
        for target, line, top_level in imports(name):
            root = target.split(".")[0]
            distributions = {_distribution(d) for d in provided.get(root, [root])}
            if root in sys.stdlib_module_names or _distribution(project["name"]) in distributions:
                continue
            if not distributions & (core if top_level and name != RAY_ONLY_IN else core | extras):
                undeclared.append(f"{name}:{line} imports {target} ({'module level' if top_level else 'lazily'})")
    assert undeclared == []
