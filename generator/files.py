"""Writing files safely: everything the tool writes goes to a temporary file first and is renamed
into place, so an interrupted run leaves the previous file intact and never a partial one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import KhrongkanError


def write_atomic(path: Path, data: bytes | str, sync: bool = True) -> Path:
    """Replace `path` with `data` in one step (same folder, then os.replace).

    `sync=False` skips the flush to disk, for outputs whose digest is checked before they are
    trusted again (a file torn by a crash is then simply made again)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        _ordinary_mode(temporary, path)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _ordinary_mode(temporary: str, path: Path) -> None:
    """mkstemp makes a file readable by its owner only; what the tool writes is an ordinary file
    (or keeps the mode of the file it replaces)."""
    os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)


def write_if_changed(path: Path, data: bytes | str, sync: bool = True) -> bool:
    """Write only when the bytes differ, so unchanged outputs keep their time stamps."""
    path = Path(path)
    new = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == new:
        return False
    write_atomic(path, new, sync)
    return True


def create_new(path: Path, text: str | bytes) -> Path:
    """Create a file that must not exist yet; never overwrite what a person wrote."""
    path = Path(path)
    if path.exists():
        raise KhrongkanError(f"มีไฟล์ {path} อยู่แล้ว จะไม่เขียนทับ", f"{path} already exists; it is never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8") if isinstance(text, str) else text)
        _ordinary_mode(temporary, path)
        # os.link fails if the target appeared meanwhile: an atomic "create, never replace".
        try:
            os.link(temporary, path)
        except OSError:
            if path.exists():
                raise KhrongkanError(f"มีไฟล์ {path} อยู่แล้ว จะไม่เขียนทับ",
                                     f"{path} already exists; it is never overwritten") from None
            os.replace(temporary, path)  # file systems without hard links (some Windows shares)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def clean_stale_temporaries(folder: Path) -> None:
    """Remove temporary files left by a run that was killed (they are never outputs)."""
    if folder.is_dir():
        for leftover in folder.rglob(".*.tmp"):
            leftover.unlink(missing_ok=True)
