"""The implementation under test: the modules in ``exercises/``, or in the folder ``--impl`` names.

Exercise tests call :func:`load` at import time. The module is imported from its file, not from a
package, so a learner's folder needs no ``__init__.py`` and two folders never shadow each other.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
_impl_dir = ROOT / "exercises"


def set_impl_dir(folder: Path) -> None:
    """Make :func:`load` read modules from ``folder``."""
    global _impl_dir
    _impl_dir = folder.resolve()


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
        spec.loader.exec_module(module)
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
