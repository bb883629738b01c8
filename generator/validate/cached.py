"""The check's cache: what reading and shape-checking one file found, read back while the file is unchanged.

Reading a YAML file with a position for every value and checking its shape is most of what
`check` does, and it depends only on the file: its bytes, its name (problems name it), the
schema it is checked against, and khrongkan's own code and schemas (their fingerprint is in every
key). The settings and reference files are in every key too, so editing them checks
every file again. The rules that span files always run on what is read back.

All entries live in a few pack files (cache.Packs, by file name; `shard_of` says which):
a few reads per run instead of thousands of small files. An entry keeps the document's data, the problems found and whether
the shape was right. The position of every value is kept in other packs, `positions-*`
(marshal: plain tuples, read back several times faster than a pickle), read only when a rule
reports a problem in a file (`CachedDocument`): most runs never need it, and it is most of the
bytes. It is found by the same name and key, so positions written by another run for other
bytes are never used. The personal numbers found in the free text are kept too: they depend
on the file and on the privacy settings in khrongkan.yaml, whose bytes are in every key. So is
what Pillow says of each photo, by the photo's bytes (`photo_verdict`).

A repository whose build/ cannot be written is checked without the cache, never refused.
"""

from __future__ import annotations

import copy
import marshal
import os
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..cache import Packs, code_fingerprint, digest
from ..load import AREAS_FILE, ISSUES_FILE, SETTINGS_FILE, Document, read_yaml
from ..problems import Problem, ProblemList

CACHE_NAME = "check"
_FORMAT = "check-file-4"  # the layout of an entry; changed with it
# The Document fields rebuilt by reading the file again when a rule first asks for one of them.
_POSITIONAL = ("positions", "raw", "ends")
# Files whose change checks every file again: cheap to hash, rarely edited.
_CONTEXT_FILES = (SETTINGS_FILE, AREAS_FILE, ISSUES_FILE)
# A file changed less than this long ago gets no stamp (see FileChecks._entry): file times can
# be coarse (a second or two on some file systems) and the clock of a network share may drift.
RACY_NS = 2_000_000_000


@dataclass
class Outcome:
    """What reading and shape-checking one file gave."""

    document: Document | None  # None when the file could not be read as YAML
    shaped: bool  # the document has no shape error
    problems: list[Problem]
    free_text: list[Problem]  # personal numbers written in its free text (W001)


class CachedDocument(Document):
    """A document read back from the cache: its data, and the positions of its values only once asked for.

    The first use of `positions`, `raw` or `ends` (a rule reporting a problem at a value) loads
    the positions kept for the file's bytes; should they be missing or unreadable, the file itself
    is read again (its bytes were just hashed to find the entry, so they give the same positions).
    Made by `FileChecks.outcome`, which sets every other field of a Document.
    """

    def __getattr__(self, name: str):  # called only for attributes not set yet
        if name in _POSITIONAL:
            self._restore()
            return self.__dict__[name]
        raise AttributeError(name)

    def _restore(self) -> None:
        checks = self.__dict__.get("_checks")
        stored = checks.positions_of(self.file) if checks is not None else None
        try:
            values = marshal.loads(stored) if stored is not None else None
        except (EOFError, ValueError, TypeError):  # torn, or written by another Python
            values = None
        if not (isinstance(values, tuple) and len(values) == len(_POSITIONAL)):
            fresh = read_yaml(self.path, self.file, ProblemList())
            values = tuple(getattr(fresh, name) if fresh is not None else {} for name in _POSITIONAL)
        self.__dict__.update(zip(_POSITIONAL, values))


class FileChecks:
    """Reads and shape-checks files through the cache of one repository (or without it)."""

    def __init__(self, root: Path, use_cache: bool = True):
        self.root = Path(root)
        self.pack = Packs(self.root, CACHE_NAME, _FORMAT, "pack", shard_of) if use_cache else None
        self.positions = Packs(self.root, CACHE_NAME, _FORMAT, "positions", shard_of) if use_cache else None
        self._keys: dict[str, str] = {}  # the key of each file read back or checked in this run
        if self.pack is not None:
            self.context = digest(code_fingerprint(), *(_bytes_or_empty(self.root / name) for name in _CONTEXT_FILES))

    def outcome(self, path: Path, name: str, schema: str, check, status: os.stat_result | None = None) -> Outcome:
        """The outcome of `check(path, name, schema)`, read back when this content was checked before.
        `status`: the file's os.stat(), when the caller has it already."""
        if self.pack is None:
            return check(path, name, schema)
        found = self._entry(path, name, (self.context, schema), status)  # `name` is the pack's own key
        if found is None:  # reported by the reader, never cached
            return check(path, name, schema)
        key, stored, stamp = found
        self._keys[name] = key
        if isinstance(stored, tuple) and len(stored) == 8:
            has_document, data, bad_paths, line_count, kind, shaped, problems, free_text = stored
            document = None
            if has_document:  # what CachedDocument.__init__ would set, without its call
                document = CachedDocument.__new__(CachedDocument)
                document.__dict__ = {"file": name, "path": path, "data": data, "bad_paths": bad_paths,
                                     "line_count": line_count, "kind": kind, "_checks": self}
            return Outcome(document, shaped, problems, free_text)
        outcome = check(path, name, schema)
        document = outcome.document
        positions = None
        found = (copy.deepcopy(list(outcome.problems)), copy.deepcopy(list(outcome.free_text)))
        if document is None:
            entry = (False, None, None, 0, "", outcome.shaped, *found)
        else:
            # Pickled with every other entry when the run ends (nothing changes the data after
            # the shape check): equal texts are one object (load interns them), so the pack
            # holds each text once and reads back twice as fast as one pickle per entry.
            entry = (True, document.data, set(document.bad_paths), document.line_count,
                     document.kind, outcome.shaped, *found)
            try:
                positions = marshal.dumps(tuple(getattr(document, field) for field in _POSITIONAL))
            except ValueError:  # a value marshal cannot write: the file is read again when needed
                positions = None
        self.pack.put(name, key, entry, stamp)
        if positions is not None:
            self.positions.put(name, key, positions)
        return outcome

    def positions_of(self, name: str) -> bytes | None:
        """The marshalled positions of the file read back under `name` in this run, or None."""
        if self.positions is None or name not in self._keys:
            return None
        stored = self.positions.get(name, self._keys[name])
        return stored if isinstance(stored, bytes) else None

    def photo_verdict(self, path: Path, name: str, judge):
        """`judge(path)` of a photo, read back while its bytes are unchanged (Pillow opening
        every photo was a fifth of a repeated check)."""
        if self.pack is None:
            return judge(path)
        entry = f"photo {name}"  # beside the YAML entries, under a name no YAML file has
        found = self._entry(path, entry, (code_fingerprint(), "photo"))
        if found is None:
            return judge(path)
        key, stored, stamp = found
        if isinstance(stored, tuple) and len(stored) == 1:
            return stored[0]
        verdict = judge(path)
        self.pack.put(entry, key, (verdict,), stamp)
        return verdict

    def _entry(self, path: Path, name: str, parts: tuple[str, ...],
               status: os.stat_result | None = None) -> tuple[str, object, tuple | None] | None:
        """The key of the entry for the file at `path` (a digest of `parts` and its bytes), the
        value stored for `name` under it (None when there is none) and the stamp to keep with it;
        None when the file cannot be read.

        Like git's index: the stamp is the file's size, times, inode and device with `parts`.
        While a file's stamp is the one kept with its entry, its bytes are not read and hashed
        again (most of a repeated check): any write changes its change time (ctime), which no
        tool can set back. A stamp is kept only for a file last changed more than RACY_NS ago,
        so a write within the same tick of the clock, just after this run read it, cannot hide."""
        if status is None:
            try:
                status = os.stat(path)
            except OSError:
                return None
        stamp = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev, *parts)
        entry = self.pack.fresh(name, stamp)  # (key, value, stamp): every file of a repeated check
        if entry is not None:
            return entry
        try:
            content = path.read_bytes()
        except OSError:
            return None
        key = digest(*parts, content)
        recent = max(status.st_mtime_ns, status.st_ctime_ns) > time.time_ns() - RACY_NS
        stamp = None if recent else stamp
        return key, self.pack.get(name, key, stamp), stamp

    def save(self, complete: bool = True) -> None:
        """Keep what was checked for the next run; `complete`: every file of the repository was
        asked for, so the entries of files not asked for (deleted, renamed) are dropped."""
        if self.pack is None:
            return
        changed = self.pack.changed(complete)
        self.pack.save(complete)
        # The positions packs of the same shards, the positions of the files read back kept
        # beside the new ones (a positions pack read for a problem alone is not rewritten).
        live = self.pack.shards_of(self._keys)
        if changed:
            for name, key in self._keys.items():
                if self.pack.shard(name) in changed:
                    self.positions.get(name, key)
        self.positions.save(complete, shards=changed, live=live)


PROPOSAL_SHARDS = 16
_PROPOSAL_SHARD_NAMES = tuple(f"proposals{shard:02d}" for shard in range(PROPOSAL_SHARDS))  # made once, not per name


def shard_of(name: str) -> str:
    """Which pack holds the entry of a file (or of a photo, "photo <file>"): each project folder's
    files in one of PROPOSAL_SHARDS packs, meetings and plans in their own, the rest together. A
    check of one folder reads the settings, meetings and plans and that folder, so it reads four
    packs of the many (a thousand proposals in one pack took longer to read than its folder)."""
    parts = name.removeprefix("photo ").split("/")
    if parts[0] == "proposals" and len(parts) > 3:
        return _PROPOSAL_SHARD_NAMES[zlib.crc32(parts[2].encode("utf-8")) % PROPOSAL_SHARDS]
    return parts[0] if parts[0] in ("meetings", "plans") and len(parts) > 1 else "other"


def _bytes_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
