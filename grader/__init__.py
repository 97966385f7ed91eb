"""The grading machinery: run an exercise's tests in isolation, review its code, score, report.

One job per module: ``config`` reads the rubric and the catalogue, ``collect`` runs one exercise's
tests in a pytest process of its own (``pytest_plugin`` streams the results out of it), ``review``
runs the readability tools, ``score`` applies the rubric, ``report`` renders the result, and
``cli`` wires them together for ``python -m grader`` (what ``nox -s grade`` runs).
"""
