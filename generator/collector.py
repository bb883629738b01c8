"""Pausing Python's cycle collector while a stage makes many values that live on.

Reading a repository makes hundreds of thousands of values and model objects, freed or kept by
reference counting (few cycles: a meeting and its decisions). Left on, the cycle collector
walks every one of them again and again while they are made.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(resume: bool = True) -> Iterator[None]:
    """The collector off for the block, then on again if it was on.

    `resume=False` leaves it off: for the last thing a process does, where switching it on
    would make its first pass walk every value still alive (the model's cycles keep it alive
    until a pass finds them) only for the exit to free it all."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting and resume:
            gc.enable()
