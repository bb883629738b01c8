"""Content-keyed caches under build/cache/: work done once is read back instead of redone.

A key is a digest of everything the cached result depends on: the input bytes, the settings
that shape it, and the fingerprint of khrongkan's own code and data files (so a new version, or
an edited schema or template in a checkout, never reads an old entry). A stale entry therefore
cannot change an output; it is simply never asked for again. An entry that cannot be read (a
torn write, a pickle from another Python) counts as missing.

Entries are written to a temporary file and renamed into place, without fsync: a cache entry
lost to a crash costs a recomputation, never a wrong result.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

CACHE_DIR = Path("build") / "cache"
_PACKAGE = Path(__file__).resolve().parent
# The package's own files whose change must invalidate every cache (code, schemas, labels,
# scaffolds); the default templates are keyed by the callers that read them.
_CODE_SUFFIXES = {".py", ".yaml", ".json", ".j2"}


def digest(*parts: bytes | str) -> str:
    """A short, stable hex digest of the parts (strings as UTF-8), each part framed by its length."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    return digest(Path(path).read_bytes())


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of khrongkan's version and of the name, size and modification time of every code
    and data file of the installed package (a stat, not a read: this runs on every command)."""
    from . import __version__

    hasher = hashlib.blake2b(__version__.encode("utf-8"), digest_size=20)
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            status = path.stat()
            hasher.update(f"{path.relative_to(_PACKAGE).as_posix()}:{status.st_size}:{status.st_mtime_ns}\n".encode("utf-8"))
    return hasher.hexdigest()


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
        try:
            return self.path(key, suffix).read_bytes()
        except OSError:
            return None

    def put_bytes(self, key: str, data: bytes, suffix: str = "") -> Path:
        target = self.path(key, suffix)
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
            return pickle.loads(data)
        except Exception:  # a torn or foreign entry is a miss, never an error
            return None

    def put_object(self, key: str, value) -> None:
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), ".pickle")

    def get_file(self, key: str, suffix: str) -> Path | None:
        """The path of a stored file (for copying into an output), or None."""
        path = self.path(key, suffix)
        return path if path.is_file() else None


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

    def _read(self) -> dict:
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        if not data.startswith(self._header):
            return {}
        try:
            entries = pickle.loads(memoryview(data)[len(self._header):])
        except Exception:  # a torn or foreign pack is a miss, never an error
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, name: str, key: str, stamp: tuple | None = None):
        """The value stored for `name` under `key`, or None. `stamp`: see `key_of`; kept with the
        entry (the pack is written again) when it differs from the one stored."""
        entry = self._stored.get(name)
        if isinstance(entry, tuple) and len(entry) in (2, 3) and entry[0] == key:
            if stamp is not None and entry[2:] != (stamp,):
                entry = (key, entry[1], stamp)
                self._changed = True
            self._used[name] = entry
            return entry[1]
        return None

    def key_of(self, name: str, stamp: tuple) -> str | None:
        """The key of the entry stored for `name` with this `stamp` (what the caller knows of its
        input without reading it, such as a file's size and times), or None."""
        entry = self._stored.get(name)
        if isinstance(entry, tuple) and len(entry) == 3 and entry[2] == stamp:
            return entry[0]
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
            data = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
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
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):  # read-only build/, or a value pickle refuses
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

    def _pack(self, name: str) -> Pack:
        pack = self._by_name.get(name)  # a name is asked for several times a run
        if pack is None:
            shard = self.shard_of(name)
            pack = self._packs.get(shard)
            if pack is None:
                pack = self._packs[shard] = self._make(shard)
            self._by_name[name] = pack
        return pack

    def get(self, name: str, key: str, stamp: tuple | None = None):
        return self._pack(name).get(name, key, stamp)

    def key_of(self, name: str, stamp: tuple) -> str | None:
        return self._pack(name).key_of(name, stamp)

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
