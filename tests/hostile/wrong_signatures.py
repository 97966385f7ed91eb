"""Every name exists, with a signature that takes nothing."""


def nothing():
    return None


def __getattr__(name):
    return nothing
