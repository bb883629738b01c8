"""What a generated page reads, as one canonical text: the key of its cached Markdown.

A proposal's page reads the proposal (its reports, decisions and the meetings that made them,
its agreement and visits), its problems, downloads and photos, and what every page shares: the
settings, the committee's names, the districts, and the page templates. `canonical` writes any
such value out completely and in a fixed order, so that equal inputs give equal text in every
process, and any change, however small, gives another text (so another cache key: a stale page
is never read back).
"""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import PurePath

from .cache import digest
from .load import Document

_SCALARS = (str, int, float, bool, Decimal, date, datetime, time, PurePath, Enum, type(None))


def canonical(value) -> str:
    """The value written out: dataclasses by their fields, containers by their items."""
    out: list[str] = []
    _write(value, out, set())
    return "".join(out)


def _write(value, out: list[str], active: set[int]) -> None:
    if isinstance(value, _SCALARS):
        out.append(repr(value))
        return
    if isinstance(value, Document):
        # The YAML file a model object was built from: the object's own fields carry everything
        # a page shows, and line numbers are in the problems.
        out.append("<document>")
        return
    if id(value) in active:  # a cycle (a meeting's decisions name the meeting): written once
        out.append("<again>")
        return
    active.add(id(value))
    try:
        if dataclasses.is_dataclass(value):
            out.append(type(value).__qualname__ + "(")
            for item in dataclasses.fields(value):
                out.append(item.name + "=")
                _write(getattr(value, item.name), out, active)
                out.append(",")
            out.append(")")
        elif isinstance(value, dict):
            out.append("{")
            for key, item in value.items():
                _write(key, out, active)
                out.append(":")
                _write(item, out, active)
                out.append(",")
            out.append("}")
        elif isinstance(value, (list, tuple)):
            out.append("[")
            for item in value:
                _write(item, out, active)
                out.append(",")
            out.append("]")
        elif isinstance(value, (set, frozenset)):
            out.append("{" + ",".join(sorted(canonical(item) for item in value)) + "}")
        elif type(value).__module__.startswith("generator.") and hasattr(value, "__dict__"):  # khrongkan's own
            out.append(type(value).__qualname__)
            _write(vars(value), out, active)
        else:
            text = repr(value)
            # A value without a readable form (an address in its repr) never matches: no cache hit.
            out.append(text if " at 0x" not in text else os.urandom(16).hex())
    finally:
        active.discard(id(value))


def shared_digest(site) -> str:
    """What every generated page reads besides its own subject: the page templates (the
    repository's own and the package's), the settings, the committee, the districts."""
    environment = site.env
    templates = []
    for name in sorted(environment.list_templates()):
        source, _, _ = environment.loader.get_source(environment, name)
        templates += [name, source]
    repository = site.repository
    return digest(*templates, canonical((site.settings, site.privacy, repository.members, repository.areas,
                                         repository.issues)))
