"""Raises KeyboardInterrupt, which would end a pytest run as if the user pressed Ctrl-C."""


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def __getattr__(name):
    return interrupt
