"""The starting points of the exercises that begin from working code (speedup, memory, debug).

Each module here is a byte-identical copy of its exercise's starting file: the tests measure
and compare against it, and the grader sees from it that a learner has not started.
"""
