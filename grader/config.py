"""The rubric and the catalogue: ``[tool.kata]`` in pyproject.toml and ``exercises/info.toml``.

Every way these files can be wrong raises :class:`ConfigError` with one line that says what to fix.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grader.kinds import Kind

CATEGORIES = ("correctness", "performance", "readability")
DEFAULT_WEIGHTS = {"correctness": 50.0, "performance": 30.0, "readability": 20.0}
CATALOGUE = Path("exercises") / "info.toml"
# The kinds of exercise (see grader.kinds, which has one module per kind).
KIND_NAMES = ("implement", "tests", "speedup", "debug", "memory")
KATA_KEYS = {
    "exercises",
    "pass_mark",
    "test_timeout",
    "exercise_timeout",
    "memory_limit_mb",
    "weights",
    "hidden",
}


class ConfigError(Exception):
    """A problem with the configuration, in one line that says what to fix."""


MOST_PROCESSES = 4


@dataclass(frozen=True)
class Processes:
    """How many test processes run an exercise's tests of each category, side by side.

    The correctness tests, run first, are split in two so that their verdict comes sooner; the
    timing tests take one process. An exercise whose tests mostly wait (on sleeps, timeouts,
    threads) rather than compute may ask for more in its catalogue table:
    ``processes = { correctness = 2, performance = 2 }``. They run side by side: a grade runs
    four test processes at once on two cores, or more if one exercise asks for more, unless
    ``--jobs`` says fewer. Fixed per exercise, never chosen from the machine: the same code is
    graded by the same processes everywhere.
    """

    correctness: int = 2
    performance: int = 1

    @property
    def total(self) -> int:
        """The exercise's test processes, of every category."""
        return self.correctness + self.performance

    def of(self, category: str) -> int:
        """The number of processes for ``category`` (``correctness`` or ``performance``)."""
        return self.correctness if category == "correctness" else self.performance


@dataclass(frozen=True)
class Exercise:
    """One exercise of the catalogue."""

    name: str
    title: str
    difficulty: str
    topics: tuple[str, ...]
    hints: tuple[str, ...]
    draft: bool = False  # being written: hidden from learners until the self-test passes
    kind_name: str = "implement"
    processes: Processes = Processes()

    @property
    def kind(self) -> Kind:
        """What the learner does and how it is graded: asked, never branched on."""
        from grader.kinds import kind_named

        return kind_named(self.kind_name)

    @property
    def test_file(self) -> Path:
        return self.kind.test_file(self.name)

    @property
    def module_file(self) -> str:
        """The file the learner writes, in ``exercises/``."""
        return self.kind.learner_file(self.name)


@dataclass(frozen=True)
class Config:
    """Everything the grader reads from the repository."""

    root: Path
    catalogue: tuple[Exercise, ...]  # every exercise, in catalogue order, drafts included
    active: tuple[Exercise, ...]  # the ones graded by default (never a draft)
    weights: dict[str, float]
    pass_mark: float
    test_timeout: float
    exercise_timeout: float
    memory_limit_mb: float
    hidden: Path | None = None  # a lead's hidden tests, graded with every exercise's own

    def exercise(self, name: str) -> Exercise | None:
        return next((exercise for exercise in self.catalogue if exercise.name == name), None)

    @property
    def published(self) -> tuple[Exercise, ...]:
        """What learners see: the catalogue without its drafts."""
        return tuple(exercise for exercise in self.catalogue if not exercise.draft)


def load_config(root: Path) -> Config:
    """Read and check pyproject.toml's ``[tool.kata]`` and the catalogue under ``root``."""
    kata = _read_toml(root / "pyproject.toml").get("tool", {}).get("kata", {})
    if not isinstance(kata, dict):
        raise ConfigError("pyproject.toml: [tool.kata] must be a table")
    unknown = set(kata) - KATA_KEYS
    if unknown:
        raise ConfigError(
            f"pyproject.toml: unknown key(s) in [tool.kata]: {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(KATA_KEYS))})"
        )
    catalogue = _read_catalogue(root)
    weights = _read_weights(kata.get("weights", {}))
    pass_mark = _number(kata, "pass_mark", 70.0, low=0.0)
    if pass_mark > sum(weights.values()):
        raise ConfigError(
            f"pyproject.toml: [tool.kata] pass_mark {pass_mark:g} is more than the "
            f"{sum(weights.values()):g} points an exercise can earn"
        )
    return Config(
        root=root,
        catalogue=catalogue,
        active=_read_active(kata.get("exercises"), catalogue),
        weights=weights,
        pass_mark=pass_mark,
        test_timeout=_number(kata, "test_timeout", 15.0, low=0.1),
        exercise_timeout=_number(kata, "exercise_timeout", 120.0, low=1.0),
        memory_limit_mb=_number(kata, "memory_limit_mb", 2048.0, low=256.0),
        hidden=_read_hidden(root, kata.get("hidden")),
    )


def _read_hidden(root: Path, value: object) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError('pyproject.toml: [tool.kata] hidden must be a folder, like "../hidden"')
    folder = (root / value).resolve()
    if not folder.is_dir():
        raise ConfigError(f"pyproject.toml: [tool.kata] hidden = {value!r}: no such folder")
    return folder


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise ConfigError(
            f"no {path.name} in {path.parent}: run from the repository's top folder"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name} is not valid TOML: {error}") from None


def _number(table: dict[str, Any], key: str, default: float, *, low: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
        raise ConfigError(f"pyproject.toml: [tool.kata] {key} must be a number >= {low:g}")
    return float(value)


def _read_weights(table: object) -> dict[str, float]:
    if not isinstance(table, dict) or set(table) - set(CATEGORIES):
        raise ConfigError(f"pyproject.toml: [tool.kata.weights] takes only {', '.join(CATEGORIES)}")
    return {name: _number(table, name, DEFAULT_WEIGHTS[name], low=0.0) for name in CATEGORIES}


def _read_catalogue(root: Path) -> tuple[Exercise, ...]:
    entries = _read_toml(root / CATALOGUE).get("exercise", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{CATALOGUE}: add at least one [[exercise]] table")
    exercises = tuple(_read_exercise(entry) for entry in entries)
    names = [exercise.name for exercise in exercises]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ConfigError(f"{CATALOGUE}: exercise(s) listed twice: {', '.join(duplicated)}")
    return exercises


def _read_exercise(entry: object) -> Exercise:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise ConfigError(f"{CATALOGUE}: every [[exercise]] needs a name")
    name = entry["name"]
    if not name.isidentifier():
        raise ConfigError(f"{CATALOGUE}: exercise name {name!r} must be a Python identifier")

    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{CATALOGUE}: {key} of {name!r} must be a list of strings")
        return tuple(value)

    draft = entry.get("draft", False)
    if not isinstance(draft, bool):
        raise ConfigError(f"{CATALOGUE}: draft of {name!r} must be true or false")
    kind = entry.get("kind", "implement")
    if kind not in KIND_NAMES:
        raise ConfigError(
            f"{CATALOGUE}: kind of {name!r} must be one of {', '.join(KIND_NAMES)}, not {kind!r}"
        )
    return Exercise(
        name=name,
        title=str(entry.get("title", name)),
        difficulty=str(entry.get("difficulty", "")),
        topics=strings("topics"),
        hints=strings("hints"),
        draft=draft,
        kind_name=kind,
        processes=_read_processes(name, entry.get("processes", {})),
    )


def _read_processes(name: str, table: object) -> Processes:
    if not (
        isinstance(table, dict)
        and set(table) <= {"correctness", "performance"}
        and all(type(count) is int and 1 <= count <= MOST_PROCESSES for count in table.values())
    ):
        raise ConfigError(
            f"{CATALOGUE}: processes of {name!r} must be a table like "
            f"{{ correctness = 2, performance = 2 }}, each from 1 to {MOST_PROCESSES}"
        )
    return Processes(**table)


def _read_active(value: object, catalogue: tuple[Exercise, ...]) -> tuple[Exercise, ...]:
    if value is None:
        return tuple(exercise for exercise in catalogue if not exercise.draft)
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ConfigError("pyproject.toml: [tool.kata] exercises must be a list of names")
    by_name = {exercise.name: exercise for exercise in catalogue}
    unknown = [name for name in value if name not in by_name]
    if unknown:
        raise ConfigError(
            f"pyproject.toml: [tool.kata] exercises names unknown exercise(s) "
            f"{', '.join(unknown)}; the catalogue has {', '.join(by_name)}"
        )
    return tuple(by_name[name] for name in value)
