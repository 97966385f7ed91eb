"""Every function and method loops forever: stopped by the per-test limit, then the run stops."""


def hang(*args, **kwargs):
    while True:
        pass


def __getattr__(name):
    return hang
