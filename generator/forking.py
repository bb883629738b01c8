"""Worker processes that share the parent's memory: the forking start method, where it is safe."""

from __future__ import annotations

import sys


def fork_context():
    """The multiprocessing context that forks, on Linux (elsewhere forking is unsafe or absent):
    workers then start with the parent's model and caches instead of rebuilding them."""
    import multiprocessing

    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")
