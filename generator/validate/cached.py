"""The check's cache: what reading and shape-checking one file found, read back while the file is unchanged.

Reading a YAML file with a position for every value and checking its shape is most of what
`check` does, and it depends only on the file: its bytes, its name (problems name it), the
schema it is checked against, and khrongkan's own code and schemas (in every key through
`Cache.key`). The settings and reference files are in every key too, so editing them checks
every file again. The rules that span files always run on what is read back.

An entry keeps the document's data, the problems found and whether the shape was right. The
position of every value is kept beside it in a second entry (marshal: plain tuples, read back
several times faster than a pickle) that is read only when a rule reports a problem in that
file (`CachedDocument`); most files never need theirs. The personal numbers found in the free
text are kept too: they depend on the file and on the privacy settings in khrongkan.yaml, whose
bytes are in every key.

A repository whose build/ cannot be written is checked without the cache, never refused.
"""

from __future__ import annotations

import marshal
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..cache import Cache, digest
from ..load import AREAS_FILE, ISSUES_FILE, SETTINGS_FILE, Document, read_yaml
from ..problems import Problem, ProblemList

CACHE_NAME = "check"
_FORMAT = "check-file-3"  # the layout of an entry; changed with it
_POSITIONS = ".positions"  # the suffix of a positions entry
# The Document fields rebuilt by reading the file again when a rule first asks for one of them.
_POSITIONAL = ("positions", "raw", "ends")
# Files whose change checks every file again: cheap to hash, rarely edited.
_CONTEXT_FILES = (SETTINGS_FILE, AREAS_FILE, ISSUES_FILE)


@dataclass
class Outcome:
    """What reading and shape-checking one file gave."""

    document: Document | None  # None when the file could not be read as YAML
    shaped: bool  # the document has no shape error
    problems: list[Problem]
    free_text: list[Problem]  # personal numbers written in its free text (W001)


class CachedDocument(Document):
    """A document read back from the cache: its data, and the positions of its values only once asked for.

    The first use of `positions`, `raw` or `ends` (a rule reporting a problem at a value) reads
    the positions entry; should it be missing or unreadable, the file itself is read again (its
    bytes were just hashed to find the entry, so they give the same positions).
    """

    def __getattr__(self, name: str):  # called only for attributes not set yet
        if name in _POSITIONAL:
            self._restore()
            return self.__dict__[name]
        raise AttributeError(name)

    def _restore(self) -> None:
        cache, key = self.__dict__.get("_positions_from", (None, ""))
        stored = cache.get_bytes(key, _POSITIONS) if cache is not None else None
        try:
            values = marshal.loads(stored) if stored is not None else None
        except (EOFError, ValueError, TypeError):  # torn, or written by another Python
            values = None
        if not (isinstance(values, tuple) and len(values) == len(_POSITIONAL)):
            fresh = read_yaml(self.path, self.file, ProblemList())
            values = tuple(getattr(fresh, name) if fresh is not None else {} for name in _POSITIONAL)
        self.__dict__.update(zip(_POSITIONAL, values))

    @classmethod
    def from_entry(cls, path: Path, file: str, data: dict, bad_paths: set, line_count: int, kind: str,
                   positions_from: tuple[Cache, str]) -> "CachedDocument":
        document = cls.__new__(cls)
        document.__dict__.update(file=file, path=path, data=data, bad_paths=bad_paths, line_count=line_count,
                                 kind=kind, _positions_from=positions_from)
        return document


class FileChecks:
    """Reads and shape-checks files through the cache of one repository (or without it)."""

    def __init__(self, root: Path, use_cache: bool = True):
        self.root = Path(root)
        self.cache = Cache(self.root, CACHE_NAME) if use_cache else None
        if self.cache is not None:
            self.context = digest(*(_bytes_or_empty(self.root / name) for name in _CONTEXT_FILES))

    def outcome(self, path: Path, name: str, schema: str, check) -> Outcome:
        """The outcome of `check(path, name, schema)`, read back when this content was checked before."""
        if self.cache is None:
            return check(path, name, schema)
        try:
            content = path.read_bytes()
        except OSError:  # reported by the reader, never cached
            return check(path, name, schema)
        key = self.cache.key(_FORMAT, name, schema, self.context, content)
        entry = self.cache.get_object(key)
        if isinstance(entry, tuple) and len(entry) == 8:
            has_document, data, bad_paths, line_count, kind, shaped, problems, free_text = entry
            document = (CachedDocument.from_entry(path, name, data, bad_paths, line_count, kind, (self.cache, key))
                        if has_document else None)
            return Outcome(document, shaped, problems, free_text)
        outcome = check(path, name, schema)
        document = outcome.document
        if document is None:
            entry = (False, None, None, 0, "", outcome.shaped, list(outcome.problems), list(outcome.free_text))
        else:
            entry = (True, document.data, document.bad_paths, document.line_count, document.kind, outcome.shaped,
                     list(outcome.problems), list(outcome.free_text))
        if document is None or self._put_positions(key, document):
            self._put(key, entry)
        return outcome

    def _put_positions(self, key: str, document: Document) -> bool:
        """Store the positions entry first: a main entry is never without one (but for a crash)."""
        try:
            values = marshal.dumps(tuple(getattr(document, name) for name in _POSITIONAL))
        except ValueError:  # a value marshal cannot write: no entry, the file is read each time
            return False
        try:
            self.cache.put_bytes(key, values, _POSITIONS)
            return True
        except OSError:
            self.cache = None
            return False

    def _put(self, key: str, value) -> bool:
        """Store an entry; a build/ that cannot be written turns the cache off for this run."""
        try:
            self.cache.put_object(key, value)
            return True
        except (OSError, pickle.PicklingError, TypeError):  # read-only build/, or a value pickle refuses
            self.cache = None
            return False


def _bytes_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
