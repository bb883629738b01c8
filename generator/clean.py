"""`khrongkan clean`: empty build/ (or only build/cache/), whose every file khrongkan makes again.

Safe by construction: only the repository's own build/ is touched, a build/ or build/cache that
is a link elsewhere is refused rather than followed, links inside are removed as links, and
nothing is removed while another khrongkan command holds one of the build locks (generator.locks).
"""

from __future__ import annotations

import os
import shutil
import sys
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from . import locks
from .cache import CACHE_DIR
from .errors import KhrongkanError

BUILD_DIR = Path("build")


@dataclass
class Cleaned:
    folder: Path  # what was emptied (build/ or build/cache/)
    files: int = 0
    size: int = 0
    failed: list[str] = field(default_factory=list)


def clean(root: Path, *, cache_only: bool = False) -> Cleaned:
    """Remove everything in build/ (the locks excepted), or in build/cache/ with `cache_only`."""
    root = Path(root).resolve()
    build = root / BUILD_DIR
    target = root / CACHE_DIR if cache_only else build
    outcome = Cleaned(target)
    for folder in dict.fromkeys((build, target)):
        if folder.is_symlink():
            raise KhrongkanError(f"{folder} เป็นลิงก์ไปยัง {os.path.realpath(folder)} จะไม่ลบตามลิงก์ "
                                 "ลบเองถ้าต้องการ",
                                 f"{folder} is a link to {os.path.realpath(folder)}; it is not followed")
    if not target.is_dir():
        return outcome
    with ExitStack() as held:
        lock_dir = root / locks.LOCK_DIR
        names = sorted(path.stem for path in lock_dir.glob("*.lock")) if lock_dir.is_dir() else []
        for name in names:  # a command that is running keeps its files
            held.enter_context(locks.hold(root, name, wait=False))
        for child in sorted(target.iterdir()):
            if child.name == locks.LOCK_DIR.name and child.parent == build:
                continue
            _remove(child, outcome)
    if outcome.failed:
        shown = "\n".join(outcome.failed[:10])
        raise KhrongkanError(f"ลบบางไฟล์ใน {target} ไม่ได้ (มีโปรแกรมเปิดไฟล์อยู่ หรือไม่มีสิทธิ์?):\n{shown}",
                             f"some files in {target} could not be removed")
    return outcome


def _remove(path: Path, outcome: Cleaned) -> None:
    """Count, then remove a file, a link (never what it points to) or a folder."""
    if path.is_symlink() or not path.is_dir():
        _count(path, outcome)
        try:
            path.unlink()
        except OSError as error:
            outcome.failed.append(f"{path}: {error.strerror or error}")
        return
    for folder, _, files in os.walk(path):  # os.walk does not follow links to folders
        for name in files:
            _count(Path(folder) / name, outcome)

    def failed(function, name, error):
        outcome.failed.append(f"{name}: {getattr(error, 'strerror', None) or error}")

    if sys.version_info >= (3, 12):  # onerror is deprecated there
        shutil.rmtree(path, onexc=failed)
    else:
        shutil.rmtree(path, onerror=lambda function, name, info: failed(function, name, info[1]))


def _count(path: Path, outcome: Cleaned) -> None:
    try:
        outcome.size += path.lstat().st_size
        outcome.files += 1
    except OSError:
        pass


def size_text(size: int) -> str:
    """1.5 MB, 320 KB: what a person reads."""
    if size >= 1024 ** 3:
        return f"{size / 1024 ** 3:.1f} GB"
    if size >= 1024 ** 2:
        return f"{size / 1024 ** 2:.1f} MB"
    return f"{max(size, 0) / 1024:.0f} KB"
