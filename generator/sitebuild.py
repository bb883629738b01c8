"""Site build: run MkDocs on build/pages, rewrite the search index for Thai, swap the site in,
and serve it on 127.0.0.1 while rebuilding when a file changes.

MkDocs runs through its Python API (no shell). The site is built into a temporary folder
beside build/site and swapped in only when the build succeeded, so a failed build keeps the
previous site. `mkdocs.yml` is the repository's own when it has one, else the package's; the
configuration a build used is left in build/mkdocs.yml for plain `mkdocs build -f`.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from . import locks, pages, resources, search_index, site_files
from .cache import Cache
from .errors import KhrongkanError
from .files import write_if_changed
from .privacy import Privacy

SITE_DIR = Path("build") / "site"
SEARCH_CACHE = "search"  # Cache(root, "search"): the Thai-segmented search entries
CONFIG_FILE = resources.MKDOCS_CONFIG
# Folders never watched for changes (outputs, tools, version control).
IGNORED_FOLDERS = {"build", ".git", ".venv", "venv", "node_modules", "__pycache__", "test-output",
                   ".pytest_cache", ".hypothesis"}


@dataclass
class SiteResult:
    site_dir: Path
    pages: int = 0
    proposals: int = 0
    downloads: int = 0
    errors: int = 0
    warnings: int = 0
    notes: list[str] = field(default_factory=list)  # things the user should know (Thai)


def config_file(root: Path) -> Path:
    """The repository's mkdocs.yml, else the package's."""
    return resources.path(root, CONFIG_FILE)


def build_site(root: Path, result=None, *, documents: bool = True, site_dir: Path | None = None,
               pages_dir: Path | None = None, extra: dict | None = None, lock: str = locks.SITE) -> SiteResult:
    """Validate, render the Word documents, write build/pages and build build/site.

    `site_dir` and `pages_dir` put the site and its Markdown elsewhere (a fiscal year's site:
    generator.fiscal_years, which names its own `lock`); the MkDocs configuration goes beside
    `site_dir`, with `extra` added to its `extra:` settings.
    """
    root = Path(root).resolve()
    with locks.hold(root, lock):  # another command building the same folders waits its turn
        return _build_site(root, result, documents=documents, site_dir=site_dir, pages_dir=pages_dir, extra=extra)


def _build_site(root: Path, result, *, documents: bool, site_dir: Path | None, pages_dir: Path | None,
                extra: dict | None) -> SiteResult:
    from .validate import check_repository

    result = result if result is not None else check_repository(root)
    outcome = SiteResult(Path(site_dir) if site_dir else root / SITE_DIR, errors=len(result.errors),
                         warnings=len(result.warnings), proposals=len(result.repository.proposals))
    downloads: dict[str, list[pages.Download]] = {}
    if documents:
        downloads = prepare_downloads(result, root, outcome.notes)
    outcome.downloads = sum(len(files) for files in downloads.values())
    photos = site_files.publish_photos(result, root, outcome.notes)
    pages_dir = pages.assemble(result, root, Path(pages_dir) if pages_dir else root / pages.PAGES_DIR, downloads, photos)
    outcome.pages = sum(1 for _ in pages_dir.rglob("*.md"))
    run_mkdocs(root, pages_dir, outcome.site_dir, site_name=pages.site_name(result.repository),
               site_url=result.repository.settings.site_url,
               words=search_index.reference_words(result.repository),
               privacy=Privacy.from_settings(result.repository.settings), extra=extra)
    return outcome


def prepare_downloads(result, root: Path, notes: list[str]) -> dict[str, list[pages.Download]]:
    """Make sure the DOCX exist (documents.render_all), then the copies the site may offer."""
    from .documents import render_all

    try:
        rendered = render_all(result, root)
    except KhrongkanError as error:
        notes.append(f"สร้างเอกสาร Word ไม่สำเร็จ เว็บไซต์จะไม่มีลิงก์ดาวน์โหลด: {error.message}")
        return site_files.prepare(result, root, [], notes)
    return site_files.prepare(result, root, list(rendered), notes, rendered.digests)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(root: Path, docs_dir: Path, site_dir: Path, *, site_name: str = "", site_url: str = "",
               words=(), privacy: Privacy | None = None, extra: dict | None = None) -> Path:
    """`mkdocs build --strict` into a temporary folder, Thai search index, then swap into site_dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    site_dir = Path(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    temporary.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        used = write_config(config_file(root), Path(docs_dir), site_dir, site_name=site_name, site_url=site_url,
                            extra=extra)
        config = load_config(config_file=str(used), site_dir=str(temporary))
        build(config)
        search_index.rewrite_index(temporary, words, privacy, cache=Cache(root, SEARCH_CACHE))
        swap(temporary, site_dir)
    except (Abort, ConfigurationError, MkDocsException) as error:
        shutil.rmtree(temporary, ignore_errors=True)
        detail = "\n".join(collect.messages[-20:]) or str(error)
        raise KhrongkanError(f"MkDocs สร้างเว็บไซต์ไม่สำเร็จ (เว็บไซต์เดิมยังอยู่):\n{detail}",
                             f"MkDocs could not build the site (the previous site is kept): {error}") from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collect)
    return site_dir


def write_config(source: Path, docs_dir: Path, site_dir: Path, *, site_name: str = "", site_url: str = "",
                 extra: dict | None = None) -> Path:
    """The MkDocs configuration a build uses, written beside the site (build/mkdocs.yml).

    It inherits the repository's or the package's mkdocs.yml and adds what this build decides:
    the site's name and address, the folders, the menu without missing pages and the khrongkan
    version in the footer; so `mkdocs build -f build/mkdocs.yml` rebuilds the same pages
    (without the Thai word index that `khrongkan site` writes afterwards).
    """
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from . import __version__

    target = Path(site_dir).parent / CONFIG_FILE
    try:
        with open(source, "rb") as handle:
            parent = yaml_load(handle) or {}
    except (OSError, yaml.YAMLError) as error:
        raise KhrongkanError(f"อ่านไฟล์ตั้งค่าเว็บไซต์ {source} ไม่ได้: {error}",
                             f"cannot read the site configuration {source}: {error}") from None
    footer = f"สร้างด้วย khrongkan {__version__}"
    config = {
        # The repository's own mkdocs.yml by a relative path, the package's by where it is installed.
        "INHERIT": (_relative(source, target.parent) if Path(source).resolve().is_relative_to(target.parent.parent.resolve())
                    else Path(source).resolve().as_posix()),
        "docs_dir": _relative(docs_dir, target.parent),
        "site_dir": _relative(site_dir, target.parent),
        "strict": True,
        "copyright": f"{parent['copyright']} · {footer}" if parent.get("copyright") else footer,
    }
    if site_name:
        config["site_name"] = site_name
    if site_url and re.match(r"^https?://[^\s/<>\"']+(/[^\s<>\"']*)?$", site_url):
        config["site_url"] = site_url  # anything else (javascript:, a typo) is left out
    if extra:  # merged into the inherited `extra:` by MkDocs
        config["extra"] = extra
    nav = existing_nav(parent.get("nav"), Path(docs_dir))
    if nav is not None:
        config["nav"] = nav
    header = (f"# เขียนโดย khrongkan {__version__} (written by `khrongkan site`): the configuration build/site was built with.\n"
              "# Rebuild the pages of build/pages, from the repository folder:  mkdocs build -f build/mkdocs.yml\n")
    write_if_changed(target, header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return target


def _relative(path: Path, start: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(start).resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


def existing_nav(nav, docs_dir: Path):
    """The menu without entries whose page does not exist (e.g. an optional guide page)."""
    if nav is None:
        return None

    def keep(item):
        if isinstance(item, str):
            return item if "://" in item or (docs_dir / item).is_file() else None
        if isinstance(item, dict):
            kept = {}
            for title, value in item.items():
                value = keep(value)
                if value not in (None, []):
                    kept[title] = value
            return kept or None
        if isinstance(item, list):
            return [x for x in (keep(i) for i in item) if x not in (None, [])]
        return item

    return keep(nav)


def swap(new: Path, target: Path, attempts: int = 5) -> None:
    """Put the freshly built folder in place of the old one (two renames, then clean up).

    On Windows a folder cannot be renamed while a program has one of its files open (a
    browser download, an antivirus scan): try a few times, then say so.
    """
    for attempt in range(attempts):
        try:
            _swap_once(new, target)
            break
        except OSError as error:
            if attempt == attempts - 1:
                raise KhrongkanError(
                    f"แทนที่โฟลเดอร์ {target} ไม่ได้ (มีโปรแกรมเปิดไฟล์ในนั้นอยู่หรือไม่?) เว็บไซต์เดิมยังอยู่: {error}",
                    f"could not replace {target} (is a file in it open?); the previous site is kept") from None
            time.sleep(0.5)
    for leftover in target.parent.glob(f".{target.name}-old-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap_once(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- serving ---------------------------------------------------------------------------------

class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


class SiteServer:
    """build/site over HTTP on 127.0.0.1, in a background thread. Port 0 picks a free port."""

    def __init__(self, site_dir: Path, port: int = 8000, host: str = "127.0.0.1"):
        self.site_dir = Path(site_dir)
        handler = functools.partial(_QuietHandler, directory=str(self.site_dir))
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as error:
            raise KhrongkanError(f"เปิดเว็บที่พอร์ต {port} ไม่ได้ (อาจมีโปรแกรมอื่นใช้อยู่ ลองใส่ --port อื่น): {error}",
                                 f"cannot serve on port {port}: {error}") from None
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="khrongkan-site", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> "SiteServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def watched_files(root: Path) -> dict[str, tuple[int, int]]:
    """What a rebuild depends on, with modification times: YAML, photos, guide pages, templates."""
    root = Path(root).resolve()
    snapshot: dict[str, tuple[int, int]] = {}
    defaults = resources.defaults_dir()
    folders = [root, defaults / resources.SITE_TEMPLATES, defaults / resources.GUIDE_PAGES]
    for base in dict.fromkeys(folders):
        if not base.is_dir():
            continue
        for folder, subfolders, files in os.walk(base):
            subfolders[:] = sorted(s for s in subfolders if s not in IGNORED_FOLDERS and not s.startswith("."))
            inside = Path(folder)
            for name in files:
                path = inside / name
                relative = path.relative_to(base).parts
                wanted = (path.suffix.lower() in (".yaml", ".yml", ".j2") or base != root
                          or relative[0] in ("site", "proposals", "templates"))
                if not wanted:
                    continue
                try:
                    stat = path.stat()
                except OSError:
                    continue
                snapshot[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return snapshot


def serve(root: Path, port: int = 8000, *, echo: Callable[[str], None] = print, interval: float = 1.0,
          stop: threading.Event | None = None, build: Callable[[], SiteResult] | None = None) -> None:
    """Build, serve on 127.0.0.1 and rebuild whenever a watched file changes (until Ctrl+C)."""
    root = Path(root).resolve()
    build = build or (lambda: build_site(root))
    stop = stop or threading.Event()
    try:
        report(build(), echo)
    except KhrongkanError as error:
        if not (root / SITE_DIR / "index.html").is_file():
            raise
        echo(f"สร้างใหม่ไม่สำเร็จ ใช้เว็บไซต์เดิม (build failed, serving the previous site):\n{error.message}")
    server = SiteServer(root / SITE_DIR, port).start()
    echo(f"เปิดเว็บไซต์ที่ {server.url} (กด Ctrl+C เพื่อหยุด; press Ctrl+C to stop)")
    snapshot = watched_files(root)
    try:
        while not stop.wait(interval):
            current = watched_files(root)
            if current == snapshot:
                continue
            snapshot = current
            echo("มีไฟล์เปลี่ยน กำลังสร้างเว็บไซต์ใหม่ (files changed, rebuilding)")
            try:
                report(build(), echo)
            except KhrongkanError as error:
                echo(f"สร้างใหม่ไม่สำเร็จ ใช้เว็บไซต์เดิม (build failed, serving the previous site):\n{error.message}")
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def report(outcome: SiteResult, echo: Callable[[str], None]) -> None:
    for note in outcome.notes:
        echo(note)
    echo(f"สร้างเว็บไซต์แล้ว: {outcome.pages} หน้า โครงการ {outcome.proposals} โครงการ "
         f"เอกสารดาวน์โหลด {outcome.downloads} ไฟล์ -> {outcome.site_dir / 'index.html'}")
    echo(f"(site built: {outcome.pages} pages, {outcome.proposals} proposals, {outcome.downloads} downloads)")
    if outcome.errors or outcome.warnings:
        echo(f"พบข้อผิดพลาด {outcome.errors} รายการ คำเตือน {outcome.warnings} รายการ "
             f"ดูที่หน้า 'ปัญหาที่ต้องแก้ไข' ({outcome.site_dir / 'problems' / 'index.html'}) หรือสั่ง khrongkan check")
