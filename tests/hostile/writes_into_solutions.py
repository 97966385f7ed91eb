"""Replaces the reference solution with a stub."""

with open("solutions/EXERCISE.py", "w") as file:
    file.write("raise SystemExit\n")
