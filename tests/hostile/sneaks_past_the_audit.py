"""Replaces the clock without writing an assignment the static audit would see.

Caught at run time: the test process checks its clocks after every test.
"""

import time
from functools import partial

partial(setattr, time, "perf_counter")(lambda: 0.0)
