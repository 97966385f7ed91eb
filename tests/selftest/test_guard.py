"""The run-time guard: what a submission does is judged as it happens, never by a name.

Each test grades a variant of the lru_cache reference as a learner would. Legitimate code written
elsewhere (a node with an ``unlink()`` method, ``dataclasses.replace``, a relative import that
never runs, reading a file) keeps full marks; a change to a file made from inside a call is
refused with the file, line and call in one line, and the file is left as it was.
"""

from __future__ import annotations

from pathlib import Path

from tests.selftest.conftest import ROOT, run_grader

REFERENCE = (ROOT / "solutions" / "lru_cache.py").read_text()


def grade_lru(source: str, tmp_path: Path) -> dict[str, object]:
    impl = tmp_path / "impl"
    impl.mkdir()
    (impl / "lru_cache.py").write_text(source)
    graded = run_grader("lru_cache", "--impl", impl, report=tmp_path / "report.json")
    return graded.exercise("lru_cache")


def correctness(exercise: dict[str, object]) -> tuple[float, float]:
    categories = exercise["categories"]
    assert isinstance(categories, dict)
    return categories["correctness"]["score"], categories["correctness"]["max_score"]


LEGITIMATE = '''
import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import helpers  # never runs


@dataclasses.dataclass(frozen=True)
class _Point:
    x: int


ORIGIN = dataclasses.replace(_Point(1), x=0)


class _Node:
    def unlink(self) -> None:
        """A linked-list node's own method, named like os.unlink."""


_Node().unlink()
with open(__file__, encoding="utf-8") as _source:
    SOURCE_LINES = len(_source.read().splitlines())
'''


def test_code_a_name_list_refused_keeps_full_marks(tmp_path: Path) -> None:
    exercise = grade_lru(REFERENCE + LEGITIMATE, tmp_path)
    assert not exercise["refused"], exercise["problem"]
    assert correctness(exercise) == (50, 50), exercise


def test_a_write_inside_a_call_is_refused_with_its_line(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    signature = "    def get(self, key: K, default: V | None = None) -> V | None:\n"
    assert signature in REFERENCE
    source = (
        REFERENCE.replace(signature, f"{signature}        os.remove({str(victim)!r})\n", 1)
        + "\nimport os  # noqa: E402\n"
    )
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "os.remove(" in text)
    exercise = grade_lru(source, tmp_path)
    assert exercise["refused"], exercise
    assert exercise["score"] == 0
    problem = str(exercise["problem"])
    assert f"lru_cache.py, line {line}: os.remove(" in problem, problem
    assert "\n" not in problem
    assert victim.read_text() == "keep me"


def test_an_exception_in_the_learners_code_names_their_file_and_line(tmp_path: Path) -> None:
    signature = "    def put(self, key: K, value: V) -> None:\n"
    source = REFERENCE.replace(signature, f"{signature}        raise KeyError(key)\n", 1)
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "raise KeyError(key)" in text)
    exercise = grade_lru(source, tmp_path)
    categories = exercise["categories"]
    assert isinstance(categories, dict)
    messages = [check["message"] for check in categories["correctness"]["checks"]]
    assert any(f"(raised at lru_cache.py, line {line}, in put)" in m for m in messages), messages
