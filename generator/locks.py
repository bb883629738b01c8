"""Locks on the shared parts of build/, so two commands run at once in one checkout take turns
instead of spoiling each other's files (two `site --fy` of different years share build/docx,
its manifest and build/site).

A lock is an OS file lock (flock, or msvcrt on Windows) on build/.locks/<name>.lock: it is let
go when its process ends, however it ends, so a killed run never leaves one behind. A command
that finds a lock taken says so in Thai and waits; `khrongkan clean` does not wait but refuses.
Locks are re-entrant within a process. Nested locks are always taken in one order: a year's
(`fy-<fy>`) or the site's (`site`) before the documents' (`documents`), a year's before the site's.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .errors import KhrongkanError

LOCK_DIR = Path("build") / ".locks"
DOCUMENTS = "documents"  # build/docx, build/pdf and their manifests
SITE = "site"  # build/site as a whole, build/pages, build/mkdocs.yml, build/fy/index

_held: dict[str, tuple[object, int]] = {}  # lock file path -> (open file, depth)
_guard = threading.RLock()


def describe(name: str) -> tuple[str, str]:
    """What a lock guards, in Thai and in English."""
    if name == DOCUMENTS:
        return "เอกสาร Word/PDF ใน build/docx และ build/pdf", "the documents in build/docx and build/pdf"
    if name == SITE:
        return "เว็บไซต์ใน build/site", "the site in build/site"
    if name.startswith("fy-"):
        return f"เว็บไซต์ปีงบประมาณ {name[3:]} ใน build/fy/{name[3:]}", f"the site of fiscal year {name[3:]}"
    return name, name


def year(fy: int) -> str:
    return f"fy-{fy}"


class Busy(KhrongkanError):
    """Another khrongkan command holds the lock (raised only when not waiting)."""


@contextmanager
def hold(root: Path, name: str, *, wait: bool = True, echo=None):
    """Hold lock `name` of the repository at `root` for the block; wait for it when another
    process has it (saying so once through `echo`, stderr by default), or raise Busy when `wait`
    is false. A build/ that cannot be written is not locked: its writes fail on their own."""
    path = str((Path(root) / LOCK_DIR / f"{name}.lock").resolve())
    with _guard:
        nested = path in _held
        if nested:
            handle, depth = _held[path]
            _held[path] = (handle, depth + 1)
    if nested:
        try:
            yield
        finally:
            _release(path)
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")
    except OSError:
        yield
        return
    try:
        if not _try_lock(handle):
            holder = _holder(handle)
            what_th, what_en = describe(name)
            if not wait:
                raise Busy(f"คำสั่ง khrongkan อีกคำสั่ง{holder}กำลังสร้าง{what_th}ในคลังโครงการนี้ "
                           "รอให้เสร็จแล้วสั่งใหม่",
                           f"another khrongkan command{holder} is writing {what_en}; try again when it is done")
            (echo or _stderr)(f"รอคำสั่ง khrongkan อีกคำสั่ง{holder}ที่กำลังสร้าง{what_th}ให้เสร็จก่อน... "
                              f"(waiting for another khrongkan command{holder} writing {what_en})")
            while not _try_lock(handle):
                time.sleep(0.2)
        _write_holder(handle)
    except BaseException:
        handle.close()
        raise
    with _guard:
        _held[path] = (handle, 1)
    try:
        yield
    finally:
        _release(path)


def _release(path: str) -> None:
    with _guard:
        handle, depth = _held[path]
        if depth > 1:
            _held[path] = (handle, depth - 1)
            return
        del _held[path]
    try:
        _unlock(handle)
    finally:
        handle.close()


def _holder(handle) -> str:
    """" (pid 1234) " from the lock file, or " " when it does not say."""
    try:
        handle.seek(0)
        text = handle.read(32).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return f" (pid {text}) " if text.isdigit() else " "


def _write_holder(handle) -> None:
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode("ascii"))
        handle.flush()
    except OSError:
        pass


def _stderr(line: str) -> None:
    import click

    click.echo(line, err=True)


if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(handle) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        except OSError:  # a file system without locks: go on unlocked, as before
            return True

    def _unlock(handle) -> None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        except OSError:
            pass
