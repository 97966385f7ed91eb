"""Truncates this exercise's tests with ``os.open`` and write flags, no mode string at all."""

import os

descriptor = os.open("tests/test_EXERCISE.py", os.O_WRONLY | os.O_TRUNC)
os.write(descriptor, b"def test_nothing():\n    pass\n")
os.close(descriptor)
