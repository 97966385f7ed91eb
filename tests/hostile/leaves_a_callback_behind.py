"""Leaves a standard-library function to delete the tests at exit, when none of its code runs.

No frame of the submission is on the stack when ``atexit`` calls ``os.remove``; the run-time
guard refuses it anyway, since it changes a file outside the grader's own folders.
"""

import atexit
import os

atexit.register(os.remove, "tests/test_EXERCISE.py")
atexit.register(os.remove, "exercises/info.toml")


def __getattr__(name: str) -> object:
    raise AttributeError(name)
