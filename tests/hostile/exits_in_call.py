"""sys.exit(0) whenever anything is called."""

import sys


def __getattr__(name):
    return lambda *args, **kwargs: sys.exit(0)
