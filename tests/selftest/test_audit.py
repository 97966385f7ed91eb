"""The static audit refuses only what is unmistakable, and nothing a solution needs.

What code does (writing files, starting programs) is judged at run time by ``grader.guard``, and
tested in ``test_guard.py`` and the hostile corpus; the audit never judges a method by its name.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grader.audit import audit
from grader.config import load_config
from tests.selftest.conftest import ROOT

EXERCISES = ("lru_cache", "group_anagrams", "retry", "connection_pool")

REFUSED = {
    "pytest import": "import pytest",
    "pytest internals": "from _pytest import runner",
    "hypothesis": "import hypothesis.core as core",
    "the grader": "from grader.pytest_plugin import EventStream",
    "the references": "import solutions.lru_cache",
    "another exercise": "import retry",
    "dynamic import": "m = __import__('pytest')",
    "importlib": "import importlib",
    "exec": "exec('x = 1')",
    "eval": "y = eval('1 + 1')",
    "ctypes": "import ctypes",
    "builtins": "import builtins",
    "__builtins__": "b = __builtins__",
    "sys.modules": "import sys\nsys.modules['time'].perf_counter = None",
    "sys.path": "import sys\nsys.path.insert(0, 'solutions')",
    "frames": "import sys\nf = sys._getframe(1).f_globals",
    "traceback frames": "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    g = e.__traceback__.tb_frame",  # noqa: E501
    "replaced clock": "import time\ntime.perf_counter = lambda: 0.0",
    "replaced via alias": "import time as t\nt.monotonic = lambda: 0.0",
    "setattr on module": "import time\nsetattr(time, 'sleep', print)",
    "dunder setattr": "import time\nobject.__setattr__(time, 'sleep', print)",
    "vars of module": "import time\nvars(time)['sleep'] = print",
    "module __dict__": "import time\ntime.__dict__['sleep'] = print",
    "computed getattr": "import sys\nm = getattr(sys, 'mod' + 'ules')",
    "signal": "import signal",
    "the memory measurement": "import tracemalloc\ntracemalloc.reset_peak()",
    "sys.modules by a from-import": "from sys import modules",
    "sys._getframe through an alias": "import sys as s\nf = s._getframe()",
    "inspect frames": "import inspect\nf = inspect.currentframe()",
    "inspect closures": "import inspect\nv = inspect.getclosurevars(print)",
    "__code__": "def f():\n    pass\nc = f.__code__",
    "getattr of a dunder": "g = getattr(print, '__globals__')",
    "computed getattr on sys": "import sys\nname = 'modules'\nm = getattr(sys, name)",
    "exec outside TYPE_CHECKING": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
    "    pass\nelse:\n    exec('x = 1')",
}

ALLOWED = {
    "list.remove": "items = [1, 2]\nitems.remove(1)",
    "str.replace": "s = 'ab'.replace('a', 'b')",
    "reading a file": "text = open('data.txt').read()",
    "reading with a mode": "text = open('data.txt', 'rb').read()",
    "plain getattr": "import math\npi = getattr(math, 'pi')",
    "own object attributes": "class A:\n    def __init__(self):\n        self.x = 1",
    "super().__setattr__": (
        "class A:\n    def __setattr__(self, name, value):\n"
        "        super().__setattr__(name, value)"
    ),
    "typical imports": "import asyncio, functools, inspect, random, threading, time\n"
    "from collections import OrderedDict, deque\nfrom dataclasses import dataclass",
    "sys.setrecursionlimit": "import sys\nsys.setrecursionlimit(5000)",
    # Code written elsewhere that a name-based audit refused (issue: grades that hold).
    "a linked-list node's unlink()": (
        "class Node:\n    def unlink(self):\n        self.prev.next = self.next\n"
        "node = Node()\nnode.unlink()"
    ),
    "dataclasses.replace": (
        "import dataclasses\nfrom dataclasses import dataclass, replace\n"
        "@dataclass(frozen=True)\nclass P:\n    x: int\n"
        "q = dataclasses.replace(P(1), x=2)\nr = replace(q, x=3)"
    ),
    "a relative import that never runs": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import helpers\n"
    ),
    "typing.TYPE_CHECKING": "import typing\nif typing.TYPE_CHECKING:\n    import pytest\n",
    "re's compile": "from re import compile\nPATTERN = compile('a+')",
    "re.compile": "import re\nPATTERN = re.compile('a+')",
    "an attribute of one's own called modules": "class A:\n    modules = []\na = A().modules",
    "an attribute of one's own called path": "class A:\n    path = ''\np = A().path",
    "os.path": "import os\np = os.path.join('a', 'b')",
    "gc.collect": "import gc\ngc.collect()",
    "shutil and tempfile": "import shutil, tempfile\nshutil.copyfileobj\ntempfile.gettempdir()",
    "subprocess named, never run": "import subprocess\nDEVNULL = subprocess.DEVNULL",
    "computed getattr on a module": (
        "import operator\nop = 'add'\nresult = getattr(operator, op)(1, 2)"
    ),
    "inspect.iscoroutinefunction": "import inspect\nok = inspect.iscoroutinefunction(print)",
    "a method called remove on a module's object": (
        "import collections\nd = collections.deque([1])\nd.remove(1)"
    ),
}


def audited(tmp_path: Path, source: str) -> list[str]:
    path = tmp_path / "lru_cache.py"
    path.write_text(textwrap.dedent(source) + "\n")
    return [str(finding) for finding in audit(path, EXERCISES)]


@pytest.mark.parametrize("source", REFUSED.values(), ids=REFUSED.keys())
def test_the_audit_refuses_what_could_fake_a_grade(tmp_path: Path, source: str) -> None:
    assert audited(tmp_path, source), f"not refused:\n{source}"


@pytest.mark.parametrize("source", ALLOWED.values(), ids=ALLOWED.keys())
def test_the_audit_allows_ordinary_code(tmp_path: Path, source: str) -> None:
    assert audited(tmp_path, source) == []


def test_no_reference_stub_mutant_or_alternative_is_refused() -> None:
    """Each file is audited as the pipeline does: as its exercise, with its kind's allowance."""
    config = load_config(ROOT)
    names = [exercise.name for exercise in config.catalogue]
    learner_files = {}  # each exercise's file, in every folder that holds one
    for exercise in config.catalogue:
        for folder in ("solutions", "exercises"):  # an export has no solutions/
            if (ROOT / folder / exercise.module_file).is_file():
                learner_files[ROOT / folder / exercise.module_file] = exercise
        for folder in ("mutants", "alternatives"):
            for path in (ROOT / "tests" / folder / exercise.name).glob("[!_]*.py"):
                learner_files[path] = exercise
    refused = {
        f"{path.parent.name}/{path.name}": [str(f) for f in findings]
        for path, exercise in learner_files.items()
        if (findings := audit(path, names, exercise.name, exercise.kind.allowed_imports))
    }
    assert refused == {}


def test_a_finding_names_its_line_and_reason(tmp_path: Path) -> None:
    findings = audited(tmp_path, '"""Doc."""\n\nimport time\ntime.perf_counter = lambda: 0.0')
    assert findings == ["line 4 replaces time.perf_counter, which belongs to another module"]


def test_a_file_that_does_not_parse_is_left_to_the_test_run(tmp_path: Path) -> None:
    assert audited(tmp_path, "def broken(:") == []
