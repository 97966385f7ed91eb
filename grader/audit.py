"""A static audit of a submission, read before any of its code runs: no faking, no writing.

A submission shares its process with the tests, pytest, hypothesis and the grader's event stream,
so it could rewrite any of them to report passes, replace the clocks the timing tests read, or
copy the reference solution. No exercise needs any of that. The audit refuses a module that
imports the test machinery or the references, replaces another module's attributes, reaches into
interpreter internals (frames, ``sys.modules``, dynamic imports, ``exec``), or writes files. A
refused module is never run and earns no points; the report says which line was refused and why.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Modules a solution never imports: the machinery that decides its grade, the references, and
# the tools for rewriting a running interpreter or the file system.
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
    "gc": "the garbage collector's view of every object",
    "ctypes": "raw memory access",
    "signal": "the signals that stop hung tests",
    "resource": "the process's limits",
    "subprocess": "other programs",
    "shutil": "file operations",
    "tempfile": "file operations",
}
FORBIDDEN_CALLS = {
    "__import__": "imports a module by name at run time",
    "exec": "runs code built at run time",
    "eval": "runs code built at run time",
    "compile": "compiles code at run time",
    "breakpoint": "starts a debugger",
}
# Attributes that lead to other code's frames, globals or the import system.
FORBIDDEN_ATTRIBUTES = {
    "f_back", "f_globals", "f_locals", "f_builtins", "tb_frame", "gi_frame", "cr_frame",
    "ag_frame", "__globals__", "__builtins__", "__code__", "__subclasses__", "__closure__",
    "_getframe", "currentframe", "settrace", "setprofile", "modules", "meta_path", "path_hooks",
}  # fmt: skip
# Methods that change files whatever object they are called on (pathlib's), and functions of a
# module (``os.remove``) that do; ``list.remove`` is why the second set needs a module.
FILE_METHODS = {
    "write_text", "write_bytes", "unlink", "rmdir", "touch", "mkdir", "symlink_to",
    "hardlink_to", "chmod",
}  # fmt: skip
MODULE_FILE_FUNCTIONS = FILE_METHODS | {
    "remove", "removedirs", "makedirs", "rename", "renames", "replace", "system", "popen",
    "truncate", "utime", "symlink", "link", "chown", "write", "open", "fork", "kill",
    "execv", "execve", "execvp", "spawnv", "spawnl",
}  # fmt: skip
WRITE_MODES = set("wax+")


@dataclass(frozen=True)
class Finding:
    """One refused construct: where it is and why it is refused."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line} {self.reason}"


def audit(path: Path, module_names: Iterable[str] = ()) -> list[Finding]:
    """Return what makes ``path`` unfit to run; ``module_names`` are the exercises' own modules.

    A file that does not parse is left to the test run, which reports the syntax error.
    """
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except (SyntaxError, ValueError):
        return []
    own_names = {name for name in module_names if name != path.stem}
    return sorted(Auditor(own_names).findings(tree), key=lambda finding: finding.line)


class Auditor(ast.NodeVisitor):
    """Walk a module's syntax tree, collecting findings."""

    def __init__(self, exercise_modules: set[str]) -> None:
        self.exercise_modules = exercise_modules
        self.imported: set[str] = set()  # names bound by import statements
        self.found: list[Finding] = []

    def findings(self, tree: ast.Module) -> Iterator[Finding]:
        for node in ast.walk(tree):  # bound names first: they decide what an assignment means
            if isinstance(node, ast.Import | ast.ImportFrom):
                self.imported.update((a.asname or a.name).split(".")[0] for a in node.names)
        self.visit(tree)
        return iter(self.found)

    def refuse(self, node: ast.expr | ast.stmt, reason: str) -> None:
        self.found.append(Finding(node.lineno, reason))

    def check_module(self, node: ast.stmt, module: str) -> None:
        top = module.split(".")[0]
        if top in FORBIDDEN_MODULES:
            self.refuse(node, f"imports {module} ({FORBIDDEN_MODULES[top]})")
        elif top in self.exercise_modules:
            self.refuse(node, f"imports {module}, another exercise's module")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.check_module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            self.refuse(node, "uses a relative import (a solution is one module)")
        else:
            self.check_module(node, node.module or "")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name):
            if func.id in FORBIDDEN_CALLS:
                self.refuse(node, f"calls {func.id}(), which {FORBIDDEN_CALLS[func.id]}")
            elif func.id in {"setattr", "delattr", "vars"} and self.on_module(node.args[:1]):
                self.refuse(node, f"calls {func.id}() on a module: it may replace its functions")
            elif func.id == "getattr" and self.on_module(node.args[:1]) and self.hidden(node):
                self.refuse(node, "looks up a module attribute by a computed or internal name")
            elif func.id == "open" and self.opens_for_writing(node):
                self.refuse(node, "opens a file for writing (an exercise never writes files)")
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in {"__setattr__", "__delattr__"}
            and self.on_module(node.args[:1])
        ):
            self.refuse(node, f"calls {func.attr}() on a module: it may replace its functions")
        elif isinstance(func, ast.Attribute) and (
            func.attr in FILE_METHODS
            or (func.attr in MODULE_FILE_FUNCTIONS and self.on_module([func.value]))
        ):
            self.refuse(node, f"calls {ast.unparse(func)}(), which changes files or runs programs")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in FORBIDDEN_ATTRIBUTES:
            self.refuse(node, f"uses .{node.attr}, which reaches into the interpreter's internals")
        elif node.attr == "__dict__" and self.on_module([node.value]):
            self.refuse(node, "uses a module's __dict__: it may replace its functions")
        elif isinstance(node.ctx, ast.Store | ast.Del) and self.on_module([node.value]):
            target = ast.unparse(node)
            self.refuse(node, f"replaces {target}, which belongs to another module")
        elif self.is_sys_path(node):
            self.refuse(node, "changes where modules are imported from (sys.path)")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id == "__builtins__":
            self.refuse(node, "uses __builtins__, which reaches into the interpreter's internals")

    def on_module(self, nodes: list[ast.expr]) -> bool:
        """Whether the first of ``nodes`` is a name bound by an import (or an attribute of one)."""
        if not nodes:
            return False
        base = nodes[0]
        while isinstance(base, ast.Attribute):
            base = base.value
        return isinstance(base, ast.Name) and base.id in self.imported

    @staticmethod
    def hidden(node: ast.Call) -> bool:
        """Whether ``getattr(module, name)`` names an internal attribute or computes the name."""
        if len(node.args) < 2:
            return True
        name = node.args[1]
        if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
            return True
        return name.value in FORBIDDEN_ATTRIBUTES or name.value.startswith("__")

    def is_sys_path(self, node: ast.Attribute) -> bool:
        return node.attr == "path" and isinstance(node.value, ast.Name) and node.value.id == "sys"

    @staticmethod
    def opens_for_writing(node: ast.Call) -> bool:
        mode = node.args[1] if len(node.args) > 1 else None
        mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
        if mode is None:
            return False
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
            return bool(WRITE_MODES & set(mode.value))
        return True  # a mode computed at run time cannot be vouched for
