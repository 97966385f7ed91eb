"""Prints megabytes at import and on every call; the report must stay readable."""

print("spam " * 400_000)


def chatter(*args, **kwargs):
    print("spam " * 400_000)
    raise RuntimeError("spam " * 100_000)


def __getattr__(name):
    return chatter
