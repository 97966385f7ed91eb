"""Allocates 64 GiB on any call: stopped by the memory limit, not by the machine's OOM killer."""


def allocate(*args, **kwargs):
    return bytearray(64 * 2**30)


def __getattr__(name):
    return allocate
