"""The implementation under test: the modules in ``exercises/``, or in the folder ``--impl`` names.

Exercise tests call :func:`load` at import time. The module is imported from its file, not from a
package, so a learner's folder needs no ``__init__.py`` and two folders never shadow each other.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
_impl_dir = ROOT / "exercises"
_import_seconds = 0.0  # 0: no limit


class ImportTimeout(Exception):
    """Importing the submission took longer than its limit."""


def set_impl_dir(folder: Path) -> None:
    """Make :func:`load` read modules from ``folder``."""
    global _impl_dir
    _impl_dir = folder.resolve()


def set_import_timeout(seconds: float) -> None:
    """Limit how long :func:`load` lets a module's import run (0: no limit)."""
    global _import_seconds
    _import_seconds = seconds


@contextmanager
def _time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise ImportTimeout in the block after ``seconds`` (an endless loop at import, say)."""
    if not seconds:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ImportTimeout(f"{what} took more than {seconds:g}s: an endless loop at import?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def impl_dir() -> Path:
    """Return the folder the exercise modules are read from."""
    return _impl_dir


def load(name: str) -> ModuleType:
    """Import ``<impl dir>/<name>.py`` as the module ``name``."""
    path = _impl_dir / f"{name}.py"
    if not path.is_file():
        raise ImportError(f"there is no {name}.py in {_impl_dir}")
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} cannot be imported as a module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up here
    try:
        with _time_limit(_import_seconds, f"importing {path.name}"):
            spec.loader.exec_module(module)
    except ImportTimeout as error:
        del sys.modules[name]
        raise ImportError(str(error)) from None
    except Exception:
        del sys.modules[name]
        raise
    except BaseException as error:  # sys.exit() or KeyboardInterrupt would stop the whole run
        del sys.modules[name]
        raise ImportError(
            f"importing {path.name} raised {type(error).__name__}({error}): "
            "a module must not exit or stop when it is imported"
        ) from None
    return module
