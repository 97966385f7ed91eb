"""os._exit(0) whenever anything is called: the run ends, unfinished tests count as failed."""

import os


def __getattr__(name):
    return lambda *args, **kwargs: os._exit(0)
