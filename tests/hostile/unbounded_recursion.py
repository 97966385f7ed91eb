"""Recurses without end."""


def recurse(*args, **kwargs):
    return recurse(*args, **kwargs)


def __getattr__(name):
    return recurse
