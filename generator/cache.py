"""Content-keyed caches under build/cache/: work done once is read back instead of redone.

A key is a digest of everything the cached result depends on: the input bytes, the settings
that shape it, and the fingerprint of khrongkan's own code and data files (so a new version, or
an edited schema or template in a checkout, never reads an old entry). A stale entry therefore
cannot change an output; it is simply never asked for again. An entry that cannot be read (a
torn write, a pickle from another Python) counts as missing.

Entries are written to a temporary file and renamed into place, without fsync: a cache entry
lost to a crash costs a recomputation, never a wrong result.

Nothing here is ever needed again once its inputs changed, so the folder is pruned (`prune`):
an entry's modification time is its last use (a hit older than a day sets it to now, one write
a day at most), and entries unused for `MAX_AGE_DAYS`, then the oldest beyond `MAX_BYTES`, are
removed by `render`, `site` and `build` at most once a day, never by `check`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

try:  # the C pickler alone: the module `pickle` (its Python pickler) takes a millisecond to import, on every command
    from _pickle import PicklingError, dumps as _dumps, loads as _loads
except ImportError:  # a Python without it
    from pickle import PicklingError, dumps as _dumps, loads as _loads

CACHE_DIR = Path("build") / "cache"
_PACKAGE = Path(__file__).resolve().parent
# The package's own files whose change must invalidate every cache (code, schemas, labels,
# scaffolds); the default templates are keyed by the callers that read them.
_CODE_SUFFIXES = {".py", ".yaml", ".json", ".j2"}
DAY = 24 * 60 * 60
MAX_AGE_DAYS = 30  # an entry unused this long is removed
MAX_BYTES = 2 * 1024 ** 3  # beyond this, the least recently used entries go first (never those of the last day)
PRUNE_STAMP = ".pruned"  # build/cache/.pruned: its modification time is the last prune
_PROTOCOL = 5  # pickle.HIGHEST_PROTOCOL of every Python khrongkan runs on (3.8 and later)


def digest(*parts: bytes | str) -> str:
    """A short, stable hex digest of the parts (strings as UTF-8), each part framed by its length."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def content_digest(data: bytes) -> str:
    """The SHA-256 of a document's bytes: what the render manifest records of an output, and what
    the masked copy of a download is kept under, so one can stand for the other."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    return digest(Path(path).read_bytes())


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of khrongkan's version and of the name, size and modification time of every code
    and data file of the installed package (a stat, not a read: this runs on every command)."""
    from . import __version__

    hasher = hashlib.blake2b(__version__.encode("utf-8"), digest_size=20)
    for parts, status in sorted(_code_files(str(_PACKAGE), ())):
        hasher.update(f"{'/'.join(parts)}:{status.st_size}:{status.st_mtime_ns}\n".encode("utf-8"))
    return hasher.hexdigest()


def _code_files(folder: str, parts: tuple[str, ...]):
    """(path parts below the package, status) of each code file under `folder`: what
    Path.rglob gave, with one scandir per folder instead of a Path and a stat per file (a fifth
    of the time, on every command). Links to folders are not followed; __pycache__ is skipped."""
    try:
        with os.scandir(folder) as listing:
            items = list(listing)
    except OSError:
        return
    for item in items:
        try:
            if item.is_dir(follow_symlinks=False):
                if item.name != "__pycache__":
                    yield from _code_files(item.path, parts + (item.name,))
            elif os.path.splitext(item.name)[1] in _CODE_SUFFIXES and item.is_file():
                yield parts + (item.name,), item.stat()
        except OSError:
            continue


class Cache:
    """One named cache folder of a repository: build/cache/<name>/<key[:2]>/<key><suffix>."""

    def __init__(self, root: Path, name: str):
        self.folder = Path(root) / CACHE_DIR / name

    def key(self, *parts: bytes | str) -> str:
        """The key of a result that depends on `parts` and on khrongkan's code."""
        return digest(code_fingerprint(), *parts)

    def path(self, key: str, suffix: str = "") -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def get_bytes(self, key: str, suffix: str = "") -> bytes | None:
        path = self.path(key, suffix)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
                modified = os.fstat(handle.fileno()).st_mtime
        except OSError:
            return None
        _note_use(path, modified)
        return data

    def put_bytes(self, key: str, data: bytes, suffix: str = "") -> Path:
        target = self.path(key, suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        except FileNotFoundError:  # a prune removed the empty folder just now: make it again
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def get_object(self, key: str):
        """The object stored under `key`, or None when there is none or it cannot be read."""
        data = self.get_bytes(key, ".pickle")
        if data is None:
            return None
        try:
            return _loads(data)
        except Exception:  # a torn or foreign entry is a miss, never an error
            return None

    def put_object(self, key: str, value) -> None:
        self.put_bytes(key, _dumps(value, protocol=_PROTOCOL), ".pickle")

    def get_file(self, key: str, suffix: str) -> Path | None:
        """The path of a stored file (for copying into an output), or None."""
        path = self.path(key, suffix)
        try:
            status = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        _note_use(path, status.st_mtime)
        return path


def mark_used(path: Path) -> None:
    """Note that a cache file found some other way (Jinja's compiled templates) was used."""
    try:
        _note_use(path, os.stat(path).st_mtime)
    except OSError:
        pass


def _note_use(path: Path, modified: float) -> None:
    """A hit: the entry's modification time says when it was last used, which pruning reads.
    Set only when more than a day old, so a run of hits costs no writes."""
    if time.time() - modified > DAY:
        try:
            os.utime(path)
        except OSError:  # a read-only cache: it is simply never pruned from here
            pass


# --- pruning ----------------------------------------------------------------------------------

@dataclass
class Pruned:
    """What a prune did: entries (one key, all its files) and bytes removed and kept."""

    removed: int = 0
    freed: int = 0
    kept: int = 0
    kept_bytes: int = 0


@dataclass
class _Entry:
    files: list  # (path, size)
    used: float  # the newest modification time of its files
    size: int


def prune(root: Path, *, max_age_days: float = MAX_AGE_DAYS, max_bytes: int | None = MAX_BYTES,
          now: float | None = None) -> Pruned:
    """Remove from build/cache the entries not used for `max_age_days`, then, while the rest
    is above `max_bytes`, the least recently used ones, never one used within the last day (the
    working set of today's runs), and temporary files a killed run left over a day ago.

    An entry is every file of one key in one folder (`<key>.pickle` and `<key>.docx` beside it,
    or a PDF made from it): it was last used when the newest of them was. One pass over the
    folder; a folder that is missing or cannot be written is left as it is.
    """
    now = time.time() if now is None else now
    entries, temporaries, empty = _scan(Path(root) / CACHE_DIR, now)
    done = Pruned()
    oldest = now - max_age_days * DAY
    kept: list[_Entry] = []
    for entry in entries.values():
        if entry.used < oldest:
            _remove(entry, oldest, done)
        else:
            kept.append(entry)
    total = sum(entry.size for entry in kept)
    if max_bytes is not None and total > max_bytes:
        for entry in sorted(kept, key=lambda e: e.used):
            if total <= max_bytes or entry.used >= now - DAY:
                break
            if _remove(entry, now - DAY, done):
                total -= entry.size
    for path in temporaries:
        try:
            path.unlink()
        except OSError:
            pass
    for folder in empty:
        try:
            folder.rmdir()  # refused, and kept, if something was written into it meanwhile
        except OSError:
            pass
    done.kept = len(entries) - done.removed
    done.kept_bytes = total
    return done


def _scan(base: Path, now: float) -> tuple[dict[tuple[str, str], _Entry], list[Path], list[Path]]:
    """The entries under build/cache/<name>/, the stale temporary files, and the folders that
    were already empty a day ago. Links are neither followed nor removed."""
    entries: dict[tuple[str, str], _Entry] = {}
    temporaries: list[Path] = []
    empty: list[Path] = []
    pending = [(base, 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as listing:
                items = list(listing)
        except OSError:
            continue
        if depth >= 2 and not items:
            try:
                if os.stat(folder).st_mtime < now - DAY:
                    empty.append(Path(folder))
            except OSError:
                pass
        for item in items:
            try:
                if item.is_symlink():
                    continue
                if item.is_dir():
                    pending.append((item.path, depth + 1))
                    continue
                status = item.stat()
            except OSError:
                continue
            if depth == 0:  # build/cache/.pruned
                continue
            if item.name.endswith(".tmp"):  # a write in progress, or one a killed run left
                if status.st_mtime < now - DAY:
                    temporaries.append(Path(item.path))
                continue
            group = (folder, item.name.split(".", 1)[0])
            entry = entries.get(group)
            if entry is None:
                entry = entries[group] = _Entry([], 0.0, 0)
            entry.files.append((Path(item.path), status.st_size))
            entry.used = max(entry.used, status.st_mtime)
            entry.size += status.st_size
    return entries, temporaries, empty


def _remove(entry: _Entry, unused_since: float, done: Pruned) -> bool:
    """Remove an entry's files, unless one of them was used since the scan (another run's hit)."""
    try:
        if any(os.stat(path).st_mtime >= unused_since for path, _ in entry.files):
            return False
    except OSError:
        pass
    removed = False
    for path, size in entry.files:
        try:
            path.unlink()
            done.freed += size
            removed = True
        except FileNotFoundError:
            removed = True
        except OSError:
            pass
    done.removed += removed
    return removed


def prune_when_due(root: Path, *, now: float | None = None) -> Pruned | None:
    """`prune` once a day at most (build/cache/.pruned keeps the time): the commands that fill
    the cache call this when they are done. None when it was not due or cannot be done."""
    now = time.time() if now is None else now
    base = Path(root) / CACHE_DIR
    stamp = base / PRUNE_STAMP
    try:
        if now - stamp.stat().st_mtime < DAY:
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        if not base.is_dir():
            return None
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:  # a read-only build/: nothing is written, nothing is removed
        return None
    return prune(root, now=now)


class Pack:
    """Many small entries of one cache kept in one file, build/cache/<name>/pack: read whole
    once, written whole (to a temporary file renamed into place) only when something changed.

    Thousands of entry files cost more to open, write and list than what they hold; one file
    costs one read. Each entry is stored under a name (the repository file it is about) with the
    key it was made for, so a name holds one entry and an edited file replaces its old one. A run
    that asked for every name it needs (`complete`) writes only the entries it used, so entries of
    deleted files drop out; a partial run keeps the others. Two runs writing at once never tear
    the file (each renames a whole file into place); the one renamed last wins, and an entry it
    lacks is simply made again. A torn, foreign or older pack is empty; a pack that cannot be
    written is not written.
    """

    _MAGIC = b"khrongkan-pack-1 "

    def __init__(self, root: Path, name: str, layout: str, file: str = "pack"):
        self.path = Path(root) / CACHE_DIR / name / file
        # What the entries were made by: a new version or layout never unpickles an old pack.
        self._header = self._MAGIC + digest(code_fingerprint(), layout).encode("ascii") + b"\n"
        self._loaded: dict | None = None  # read on the first `get`: a pack may never be needed
        self._used: dict[str, tuple[str, object]] = {}
        self._changed = False

    @property
    def _stored(self) -> dict:
        if self._loaded is None:
            self._loaded = self._read()
        return self._loaded

    def fresh(self, name: str, stamp: tuple) -> tuple | None:
        """The entry (key, value, stamp) stored for `name` with this `stamp`, now used; None when
        there is none. `stamp`: what the caller knows of its input without reading it, such as a
        file's size and times; while it is the one kept, the caller need not compute the key."""
        stored = self._loaded
        if stored is None:
            stored = self._loaded = self._read()
        entry = stored.get(name)
        if isinstance(entry, tuple) and len(entry) == 3 and entry[2] == stamp:
            self._used[name] = entry
            return entry
        return None

    def _read(self) -> dict:
        try:
            with open(self.path, "rb") as stream:
                data = stream.read()
                _note_use(self.path, os.fstat(stream.fileno()).st_mtime)  # a pack read is a pack used (pruning)
        except OSError:
            return {}
        if not data.startswith(self._header):
            return {}
        try:
            entries = _loads(memoryview(data)[len(self._header):])
        except Exception:  # a torn or foreign pack is a miss, never an error
            return {}
        return entries if isinstance(entries, dict) else {}

    def written_by_this_code(self) -> bool:
        """Whether the pack on disk was written by this code and layout (its header alone is
        read): a missing, foreign or older pack holds nothing a run can use."""
        try:
            with open(self.path, "rb") as stream:
                return stream.read(len(self._header)) == self._header
        except OSError:
            return False

    def get(self, name: str, key: str, stamp: tuple | None = None):
        """The value stored for `name` under `key`, or None. `stamp`: see `fresh`; kept with the
        entry (the pack is written again) when it differs from the one stored."""
        entry = self._stored.get(name)
        if isinstance(entry, tuple) and len(entry) in (2, 3) and entry[0] == key:
            if stamp is not None and entry[2:] != (stamp,):
                entry = (key, entry[1], stamp)
                self._changed = True
            self._used[name] = entry
            return entry[1]
        return None

    def put(self, name: str, key: str, value, stamp: tuple | None = None) -> None:
        self._used[name] = (key, value) if stamp is None else (key, value, stamp)
        self._changed = True

    def changed(self, complete: bool = True) -> bool:
        """Whether `save(complete)` has something to write."""
        return self._changed or (complete and len(self._used) != len(self._stored))

    def save(self, complete: bool = True) -> bool:
        """Write the pack when something changed; False when it could not be written."""
        if not self.changed(complete):
            return True
        entries = self._used if complete else {**self._stored, **self._used}
        try:
            data = _dumps(entries, protocol=_PROTOCOL)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(self._header)
                    out.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, PicklingError, TypeError, AttributeError, RecursionError):  # read-only build/, or a value pickle refuses
            return False
        self._loaded, self._changed = dict(entries), False
        return True


class Packs:
    """Entries spread over several packs (`<file>-<shard>`) by `shard_of(name)`, so that a run
    needing a few names (`check` of one folder) reads only their packs, not every entry."""

    def __init__(self, root: Path, name: str, layout: str, file: str, shard_of):
        self.folder = Path(root) / CACHE_DIR / name
        self._make = lambda shard: Pack(root, name, layout, f"{file}-{shard}")
        self._prefix = f"{file}-"
        self.shard_of = shard_of
        self._packs: dict[str, Pack] = {}
        self._by_name: dict[str, Pack] = {}
        self._shards: dict[str, str] = {}  # the shard of each name asked for

    def _pack(self, name: str) -> Pack:
        pack = self._by_name.get(name)  # a name is asked for several times a run
        if pack is None:
            shard = self._shards[name] = self.shard_of(name)
            pack = self._packs.get(shard)
            if pack is None:
                pack = self._packs[shard] = self._make(shard)
            self._by_name[name] = pack
        return pack

    def shard(self, name: str) -> str:
        """`shard_of(name)`, kept from when the name was asked for."""
        return self._shards.get(name) or self.shard_of(name)

    def shards_of(self, names) -> set[str]:
        return set(map(self.shard, names))

    def fresh(self, name: str, stamp: tuple) -> tuple | None:
        return self._pack(name).fresh(name, stamp)

    def get(self, name: str, key: str, stamp: tuple | None = None):
        return self._pack(name).get(name, key, stamp)

    def put(self, name: str, key: str, value, stamp: tuple | None = None) -> None:
        self._pack(name).put(name, key, value, stamp)

    def changed(self, complete: bool = True) -> set[str]:
        """The shards `save(complete)` writes."""
        return {shard for shard, pack in self._packs.items() if pack.changed(complete)}

    def save(self, complete: bool = True, shards: set[str] | None = None, live: set[str] | None = None) -> None:
        """Save the packs read or added to (only those in `shards` when given). After a whole
        run (`complete`), the packs of shards outside `live` (by default: those this run used)
        are removed: no file of the repository falls in them any more."""
        for shard, pack in self._packs.items():
            if shards is None or shard in shards:
                pack.save(complete)
        if not complete:
            return
        live = set(self._packs) if live is None else live
        try:
            stale = [entry for entry in os.listdir(self.folder)
                     if entry.startswith(self._prefix) and entry[len(self._prefix):] not in live]
        except OSError:
            return
        for entry in stale:
            try:
                os.unlink(self.folder / entry)
            except OSError:
                pass
