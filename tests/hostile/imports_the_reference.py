"""Hands in the reference solution instead of its own."""

from solutions.EXERCISE import *  # noqa: F403
