"""The check of a large repository with several processes, for the commands that take `--jobs`.

Reading and shape-checking each file is most of a cold check and depends on that file alone
(cached.py), so forked workers do it for the project folders whose cache packs are missing or
were written by other code, each worker for whole packs (no two write the same pack), and save
them to build/cache/check/. This process then runs the one whole check, which reads those files
back: the model, the cross-file rules and every problem still come from `check_repository` in
this process, so the result is exactly that of a check in one process. A worker that fails only
leaves its files to be checked here. A repeated run (every pack current) starts no worker.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..cache import CACHE_DIR, Pack
from ..forking import fork_context
from ..problems import ProblemList
from .cached import CACHE_NAME, _FORMAT, shard_of

# Fewer project folders to check anew than this: starting workers (each imports the YAML and
# schema libraries) costs about what they save.
MIN_PROPOSALS = 200


def check_repository(root: Path, jobs: int | None = None):
    """`validate.check_repository(root)`, its per-file work shared by up to `jobs` processes
    (default: the number of cores, at most 4) when that is worth it, on a system that forks."""
    from . import check_repository as check

    root = Path(root).resolve()
    workers = min(jobs or os.cpu_count() or 1, 4)
    context = fork_context() if workers > 1 else None
    if context is not None:
        groups = _cold_groups(root, workers)
        if len(groups) > 1:
            _fill_cache(root, groups, context)
    return check(root)


def _cold_groups(root: Path, workers: int) -> list[list[str]]:
    """The IDs of the project folders whose pack is not current, in up to `workers` groups of
    whole packs with about as many folders each; none when there are too few to share."""
    from . import _project_folders

    by_shard: dict[str, list[str]] = {}
    for project_id, fy, _folder in _project_folders(root, ProblemList()):
        by_shard.setdefault(shard_of(f"proposals/{fy}/{project_id}/proposal.yaml"), []).append(project_id)
    cold = {shard: ids for shard, ids in by_shard.items() if not _current(root, shard)}
    if sum(map(len, cold.values())) < MIN_PROPOSALS or not _writable(root):
        return []
    groups: list[list[str]] = [[] for _ in range(workers)]
    for shard in sorted(cold, key=lambda shard: (-len(cold[shard]), shard)):  # largest first, each to the smallest group
        min(groups, key=len).extend(cold[shard])
    return [group for group in groups if group]


def _current(root: Path, shard: str) -> bool:
    return Pack(root, CACHE_NAME, _FORMAT, f"pack-{shard}").written_by_this_code()


def _writable(root: Path) -> bool:
    """Whether the workers can save what they check (a read-only build/ is checked in one process)."""
    folder = root / CACHE_DIR / CACHE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _fill_cache(root: Path, groups: list[list[str]], context) -> None:
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max_workers=len(groups), mp_context=context) as pool:
            for future in [pool.submit(_check_some, root, group) for group in groups]:
                try:
                    future.result()
                except Exception:  # its files are checked by the whole check that follows
                    pass
    except OSError:  # no process could be started: the whole check does it all
        pass


def _check_some(root: Path, ids: list[str]) -> None:
    """In a worker: check these project folders (with the shared files their rules read) so that
    their cache entries are saved; the result itself is not sent back."""
    from . import check_repository as check

    check(root, only=set(ids))
