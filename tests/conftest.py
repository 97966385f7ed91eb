"""Shared set-up of the exercise tests: which implementation they test, and hypothesis profiles.

``--impl DIR`` chooses the folder of modules under test (default ``exercises``). The grader runs
with ``--hypothesis-profile=grade``: derandomized and with no example database, so the same code
gets the same grade on every run. Practice runs keep the database, so a failure replays first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests import submission, timing  # noqa: F401  (timing binds its clock before any submission)

# The explain phase annotates a failing example with comments at the cost of seconds per
# failure (12 of 18 s on one lru_cache mutant); the shrunk example alone says enough.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]

settings.register_profile(
    "grade",
    phases=PHASES,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("practice", phases=PHASES, deadline=None)
settings.load_profile("practice")


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--impl``."""
    group = parser.getgroup("kata", "kata exercises")
    group.addoption(
        "--impl",
        default="exercises",
        metavar="DIR",
        help="folder holding the modules under test: exercises (default), solutions, or any DIR",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Point the exercise tests at the folder ``--impl`` names."""
    folder = config.invocation_params.dir / Path(config.getoption("impl"))
    if not folder.is_dir():
        raise pytest.UsageError(f"--impl {config.getoption('impl')}: no such folder")
    submission.set_impl_dir(folder)
    # The per-test limit (pytest-timeout's) bounds the import too, which happens at collection.
    submission.set_import_timeout(float(config.getoption("timeout", None) or 0))
