"""The defaults khrongkan ships, and the one rule for finding a file: the repository's own, else the package's.

Four kinds of default files, kept at the top of the khrongkan source tree and built into the wheel
as the package data `generator/defaults/` (pyproject.toml maps them there):

    templates/*.docx        Word templates, edited in Word
    templates/site/*.j2     the review site's page templates
    site/**                 guide pages and their assets
    mkdocs.yml              the site's MkDocs configuration

A repository overrides any one of them by keeping a file of the same name in the same place;
everything else comes from the installed package, so a new release brings its improved defaults
to every province that did not change them. A repository file byte-identical to the default is
not an override (the sample province, this source tree, overrides nothing).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import KhrongkanError

# The package data, as globs relative to the defaults folder (pyproject.toml lists the same).
PATTERNS = ("templates/*.docx", "templates/site/*.j2", "site/**/*", "mkdocs.yml")
WORD_TEMPLATES = "templates"
SITE_TEMPLATES = "templates/site"
GUIDE_PAGES = "site"
MKDOCS_CONFIG = "mkdocs.yml"

PACKAGE = "package"
REPOSITORY = "repository"


@lru_cache(maxsize=1)
def defaults_dir() -> Path:
    """The folder holding the packaged defaults.

    In an installed wheel: `generator/defaults/` inside the package. In an editable install
    (`pip install -e .`, the developers' setup) setuptools cannot map a data-only subpackage
    onto the checkout (pypa/setuptools#4248), so the defaults are read where they are kept: the
    checkout the install points to, as recorded by pip (PEP 610 direct_url.json).
    """
    # What importlib.resources.files("generator") gives for a package on the file system (a
    # zipped one has no folder to read from), without importing it: a twentieth of `check`'s start.
    packaged = Path(__file__).parent / "defaults"
    if (packaged / MKDOCS_CONFIG).is_file():
        return packaged
    # The code runs from a checkout (an editable install, or a source tree on the path): the
    # defaults beside it are the ones it was written with. Found without importlib.metadata,
    # whose import alone was a twentieth of a repeated check.
    source = Path(__file__).resolve().parent.parent
    if (source / "pyproject.toml").is_file() and (source / MKDOCS_CONFIG).is_file():
        return source
    checkout = _editable_checkout()
    if checkout is not None and (checkout / MKDOCS_CONFIG).is_file():
        return checkout
    raise KhrongkanError(
        "ไม่พบไฟล์มาตรฐานของ khrongkan (แม่แบบ หน้าเว็บ mkdocs.yml) ในแพ็กเกจที่ติดตั้ง "
        "ติดตั้งใหม่ด้วย pip install --force-reinstall khrongkan (หรือ pip install -e . ในโฟลเดอร์ซอร์สโค้ด)",
        "khrongkan's default files (templates, pages, mkdocs.yml) are missing from the installed package; "
        "reinstall it", exit_code=3)


def _editable_checkout() -> Path | None:
    # Every khrongkan on the path: a source tree's own khrongkan.egg-info (no direct_url.json)
    # may come before the installed one. Imported here: every command imports this module, few
    # ask for a checkout, and these imports were a tenth of starting `khrongkan check`.
    import importlib.metadata
    import json
    from urllib.parse import unquote, urlparse

    if os.name == "nt":  # what urllib.request.url2pathname is, without importing http and ssl with it
        from nturl2path import url2pathname
    else:
        url2pathname = unquote

    for distribution in importlib.metadata.distributions(name="khrongkan"):
        try:
            info = json.loads(distribution.read_text("direct_url.json") or "null")
        except ValueError:
            continue
        if isinstance(info, dict) and info.get("dir_info", {}).get("editable"):
            url = urlparse(info.get("url", ""))
            if url.scheme == "file":
                return Path(url2pathname(unquote(url.path)))
    return None


def default_names() -> list[str]:
    """Every packaged default, as a path relative to the repository root (forward slashes)."""
    base = defaults_dir()
    names = set()
    for pattern in PATTERNS:
        for path in base.glob(pattern):
            if path.is_file() and not _hidden(path.relative_to(base)):
                names.add(path.relative_to(base).as_posix())
    return sorted(names, key=_order)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def _order(name: str) -> tuple:
    # Word templates, site templates, guide pages, mkdocs.yml: the order of the module docstring.
    if name.startswith(SITE_TEMPLATES + "/"):
        return 1, name
    if name.startswith(WORD_TEMPLATES + "/"):
        return 0, name
    return (2 if name.startswith(GUIDE_PAGES + "/") else 3), name


def is_default_name(name: str) -> bool:
    return (defaults_dir() / name).is_file()


@dataclass(frozen=True)
class Resource:
    """One file a repository uses: where it was found and whether it is the repository's own."""

    name: str  # relative to the repository root, forward slashes: "templates/proposal.docx"
    path: Path  # the file to read
    source: str  # PACKAGE or REPOSITORY
    has_default: bool = True  # False: a file only the repository has (an added guide page)

    @property
    def is_override(self) -> bool:
        return self.source == REPOSITORY and self.has_default

    def describe(self, lang: str = "th") -> str:
        if lang == "th":
            if not self.has_default:
                return "ของคลังโครงการ (เพิ่มเอง)"
            return "ของคลังโครงการ (แก้เอง)" if self.is_override else "มาตรฐานจากแพ็กเกจ"
        if not self.has_default:
            return "repository (added)"
        return "repository override" if self.is_override else "package default"


def find(root: Path | None, name: str) -> Resource:
    """The file `name` as the repository at `root` uses it: its own copy, else the package's."""
    default = defaults_dir() / name
    own = Path(root) / name if root is not None else None
    if own is not None and own.is_file():
        if not default.is_file():
            return Resource(name, own, REPOSITORY, has_default=False)
        if not _same_bytes(own, default):
            return Resource(name, own, REPOSITORY)
    if default.is_file():
        return Resource(name, default, PACKAGE)
    return Resource(name, own if own is not None else default, PACKAGE, has_default=False)


def path(root: Path | None, name: str) -> Path:
    return find(root, name).path


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def in_use(root: Path | None) -> list[Resource]:
    """Every default with where it comes from, then the files the repository adds of its own."""
    used = [find(root, name) for name in default_names()]
    if root is not None:
        known = {resource.name for resource in used}
        for name in repository_files(Path(root)):
            if name not in known:
                used.append(Resource(name, Path(root) / name, REPOSITORY, has_default=False))
    return used


def overrides(root: Path) -> list[Resource]:
    return [resource for resource in in_use(root) if resource.is_override]


def repository_files(root: Path) -> list[str]:
    """The repository's own files of the four kinds (the same globs as the package data)."""
    names = set()
    for pattern in PATTERNS:
        for found in Path(root).glob(pattern):
            if found.is_file() and not _hidden(found.relative_to(root)):
                names.add(found.relative_to(root).as_posix())
    return sorted(names, key=_order)


def folders(root: Path | None, kind: str) -> list[Path]:
    """A folder of one kind (SITE_TEMPLATES, GUIDE_PAGES), the repository's first, then the package's."""
    found = []
    for base in ([Path(root)] if root is not None else []) + [defaults_dir()]:
        folder = base / kind
        if folder.is_dir() and folder.resolve() not in [f.resolve() for f in found]:
            found.append(folder)
    return found


def site_template_loader(root: Path | None):
    """One Jinja loader for the site's page templates: the repository's templates/site first,
    then the package's; `default:NAME` always names the package's, so a repository template can
    `{% extends "default:home.md.j2" %}` and change one block."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

    return ChoiceLoader([
        FileSystemLoader([str(folder) for folder in folders(root, SITE_TEMPLATES)]),
        PrefixLoader({"default": FileSystemLoader(str(defaults_dir() / SITE_TEMPLATES))}, delimiter=":"),
    ])
