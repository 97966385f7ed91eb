"""A static audit of a submission, read before any of its code runs: only what is unmistakable.

A submission shares its process with the tests, pytest, hypothesis and the grader's event stream.
What it *does* there (writing files, starting programs, reading frames) is judged at run time by
:mod:`grader.guard`, whatever the code calls it. Before anything runs, this audit refuses only
constructs that are never legitimate in a solution and cannot be mistaken for something else:

- imports of the test machinery, the references or another exercise's module, and of the
  modules that rewrite a running interpreter (``importlib``, ``builtins``, ``ctypes``,
  ``signal``);
- ``exec``, ``eval``, ``compile``, ``__import__`` and ``breakpoint`` (the built-ins, not a name
  the module binds itself);
- frame and import-system access: ``sys._getframe``, ``sys.modules``, ``sys.path``,
  ``inspect.currentframe`` and the like (through the module, never a method of that name on
  another object), and the attributes that lead from an object to other code's frames or
  globals (``f_back``, ``tb_frame``, ``__globals__``, ...);
- replacing another module's attributes (``time.perf_counter = ...``, ``setattr(time, ...)``).

Code that can never run, under ``if TYPE_CHECKING:``, is not judged. A refused module is never
run and earns no points; the report says which line was refused and why.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Modules a solution never imports: the machinery that decides its grade, the references, and
# the tools for rewriting a running interpreter that run-time events cannot fully see.
FORBIDDEN_MODULES = {
    "_pytest": "the test runner",
    "pytest": "the test runner",
    "pluggy": "the test runner's plugin system",
    "hypothesis": "the property-testing library",
    "grader": "the grader",
    "tests": "the tests",
    "solutions": "the reference solutions",
    "importlib": "dynamic imports",
    "builtins": "the interpreter's built-ins",
    "ctypes": "raw memory access",
    "signal": "the signals that stop hung tests",
    "tracemalloc": "the memory measurement",
}
FORBIDDEN_CALLS = {
    "__import__": "imports a module by name at run time",
    "exec": "runs code built at run time",
    "eval": "runs code built at run time",
    "compile": "compiles code at run time",
    "breakpoint": "starts a debugger",
}
# Attributes that lead from an object to other code's frames, globals or code.
FORBIDDEN_ATTRIBUTES = {
    "f_back", "f_globals", "f_locals", "f_builtins", "tb_frame", "gi_frame", "cr_frame",
    "ag_frame", "__globals__", "__builtins__", "__code__", "__subclasses__", "__closure__",
}  # fmt: skip
# Functions of particular modules that reach frames or the import system.
MODULE_INTERNALS = {
    "sys": {
        "_getframe", "_current_frames", "modules", "meta_path", "path_hooks", "path",
        "settrace", "setprofile", "addaudithook",
    },
    "inspect": {
        "currentframe", "stack", "trace", "getouterframes", "getinnerframes", "getframeinfo",
        "getclosurevars",
    },
}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One refused construct: where it is and why it is refused."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line} {self.reason}"


def audit(
    path: Path,
    module_names: Iterable[str] = (),
    own: str | None = None,
    allowed: Iterable[str] = (),
) -> list[Finding]:
    """Return what makes ``path`` unfit to run; ``module_names`` are the exercises' own modules.

    ``own`` is the exercise ``path`` belongs to (its module may be imported: a learner's tests
    import the module they test), and ``allowed`` the test machinery its kind lets it import.
    A file that does not parse is left to the test run, which reports the syntax error.
    """
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except (SyntaxError, ValueError):
        return []
    own_names = {name for name in module_names if name not in (path.stem, own)}
    auditor = Auditor(own_names, frozenset(allowed))
    return sorted(auditor.findings(tree), key=lambda finding: finding.line)


class Auditor(ast.NodeVisitor):
    """Walk a module's syntax tree, collecting findings."""

    def __init__(self, exercise_modules: set[str], allowed: frozenset[str] = frozenset()) -> None:
        self.exercise_modules = exercise_modules
        self.allowed = allowed
        self.modules: dict[str, str] = {}  # local name -> the module an `import` bound to it
        self.bound: set[str] = set()  # every name the module binds itself
        self.found: list[Finding] = []

    def findings(self, tree: ast.Module) -> Iterator[Finding]:
        for node in ast.walk(tree):  # bindings first: they decide what a name means
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    self.modules[local] = alias.name if alias.asname else local
            elif isinstance(node, ast.ImportFrom) and node.module in MODULE_INTERNALS:
                for alias in node.names:
                    if alias.name in MODULE_INTERNALS[node.module]:
                        self.refuse(node, f"imports {node.module}.{alias.name}, " + INTERNALS)
            self.bound.update(bound_names(node))
        self.visit(tree)
        return iter(self.found)

    def refuse(self, node: ast.expr | ast.stmt, reason: str) -> None:
        self.found.append(Finding(node.lineno, reason))

    def visit_If(self, node: ast.If) -> None:
        """Skip ``if TYPE_CHECKING:`` bodies: that code never runs."""
        test = node.test
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
        if name == "TYPE_CHECKING":
            for statement in node.orelse:
                self.visit(statement)
        else:
            self.generic_visit(node)

    def check_module(self, node: ast.stmt, module: str) -> None:
        top = module.split(".")[0]
        if top in FORBIDDEN_MODULES and top not in self.allowed:
            self.refuse(node, f"imports {module} ({FORBIDDEN_MODULES[top]})")
        elif top in self.exercise_modules:
            self.refuse(node, f"imports {module}, another exercise's module")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.check_module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if not node.level:  # a relative import fails at run time on its own
            self.check_module(node, node.module or "")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id not in self.bound:
            if func.id in FORBIDDEN_CALLS:
                self.refuse(node, f"calls {func.id}(), which {FORBIDDEN_CALLS[func.id]}")
            elif func.id in {"setattr", "delattr", "vars"} and self.module_of(node.args[:1]):
                self.refuse(node, f"calls {func.id}() on a module: it may replace its functions")
            elif func.id == "getattr" and self.hidden_lookup(node):
                self.refuse(node, "looks up an internal attribute by a computed or hidden name")
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in {"__setattr__", "__delattr__"}
            and self.module_of(node.args[:1])
        ):
            self.refuse(node, f"calls {func.attr}() on a module: it may replace its functions")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        module = self.module_of([node.value])
        if node.attr in FORBIDDEN_ATTRIBUTES:
            self.refuse(node, f"uses .{node.attr}, " + INTERNALS)
        elif module in MODULE_INTERNALS and node.attr in MODULE_INTERNALS[module]:
            self.refuse(node, f"uses {module}.{node.attr}, " + INTERNALS)
        elif node.attr == "__dict__" and module:
            self.refuse(node, "uses a module's __dict__: it may replace its functions")
        elif isinstance(node.ctx, ast.Store | ast.Del) and module:
            target = ast.unparse(node)
            self.refuse(node, f"replaces {target}, which belongs to another module")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id == "__builtins__":
            self.refuse(node, "uses __builtins__, " + INTERNALS)

    def module_of(self, nodes: list[ast.expr]) -> str | None:
        """The module the first of ``nodes`` names (``time``, or ``os`` for ``os.path``)."""
        if not nodes:
            return None
        base = nodes[0]
        while isinstance(base, ast.Attribute):
            base = base.value
        if isinstance(base, ast.Name) and base.id in self.modules:
            return self.modules[base.id]
        return None

    def hidden_lookup(self, node: ast.Call) -> bool:
        """``getattr(sys, computed)`` or ``getattr(anything, "__globals__")``."""
        if len(node.args) < 2:
            return False
        name = node.args[1]
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            module = self.module_of(node.args[:1])
            internals = MODULE_INTERNALS.get(module or "", set())
            return name.value in FORBIDDEN_ATTRIBUTES | internals
        return self.module_of(node.args[:1]) in MODULE_INTERNALS


INTERNALS = "which reaches into the interpreter's internals"


def bound_names(node: ast.AST) -> Iterator[str]:
    """Names ``node`` binds in its scope: definitions, assignments, arguments, imports."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield node.name
    elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        yield node.id
    elif isinstance(node, ast.arg):
        yield node.arg
    elif isinstance(node, ast.ImportFrom):
        yield from (alias.asname or alias.name for alias in node.names)
