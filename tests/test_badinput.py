"""The bad-input corpus (tests/badinput/): each case through `check`, with its exact expected outcome.

A case is a folder with an `expected.yaml`:

    about:     what the case is, in English and Thai
    target:    the file of the small repository the case changes: proposal (default), report,
               meeting, committee, settings or areas
    replace:   [old, new] pairs applied to the target (old = ALL replaces the whole file)
    generate:  the name of a function below that writes big or binary input (never committed)
    repo/      files copied over the small repository (a whole proposal, report and meeting)
    problems:  the exact list of problems: code plus `line`, or `at` (the first line of the target
               containing that text, plus `offset`), optionally `column` and `file`
    passes:    true when the case must check clean; `literal`, `never_in_text` and `private` then
               say what every output must (not) show
    warnings:  in a case that passes, the exact list of warnings (written like `problems`)

Every case also goes through `render_all` (broken projects refused; text shown literally in the
Word documents) and through the site build (no page holds a script, an event handler or a
`javascript:` URL a browser would act on; personal numbers never appear).

The small repository always gets its report and approving meeting first, so it checks clean
before the case is applied.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import zlib
from pathlib import Path

from html.parser import HTMLParser

import pytest
import yaml
from click.testing import CliRunner

from conftest import MEETING, PROPOSAL_DIR, REPORT
from generator import lunr_index
from generator.cli import main
from problem_asserts import describe

CORPUS = Path(__file__).resolve().parent / "badinput"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yaml").is_file())
TARGETS = {
    "proposal": f"{PROPOSAL_DIR}/proposal.yaml",
    "report": f"{PROPOSAL_DIR}/report-1.yaml",
    "meeting": "meetings/2570/01.yaml",
    "committee": "committee.yaml",
    "settings": "khrongkan.yaml",
    "areas": "reference/areas.yaml",
}
KEYS = {"about", "target", "replace", "generate", "problems", "passes", "literal", "never_in_text",
        "private", "requested", "warnings"}


# --- generators for big and binary input ------------------------------------------------------

def alias_bomb(repo, target: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    target.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def string_10mb(repo, target: Path) -> None:
    target.write_bytes(("title: " + "ก" * 3_500_000 + "\n").encode("utf-8"))


def list_100k(repo, target: Path) -> None:
    target.write_bytes(("items:\n" + "  - x\n" * 100_000).encode("utf-8"))


def deep_nesting(repo, target: Path) -> None:
    block = "".join(" " * (i + 1) + f"k{i}:\n" for i in range(200))
    target.write_bytes(("title: x\nkind: " + "{a: " * 1000 + "1" + "}" * 1000 + "\nblock:\n" + block).encode("utf-8"))


def bom_crlf(repo, target: Path) -> None:
    target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def cr_only(repo, target: Path) -> None:
    target.write_bytes(target.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))


def windows_874(repo, target: Path) -> None:
    target.write_bytes(target.read_bytes().decode("utf-8").encode("cp874"))


def latin1(repo, target: Path) -> None:
    data = target.read_bytes()
    line = next(line for line in data.split(b"\n") if b"address:" in line)
    target.write_bytes(data.replace(line, b"  address: caf\xe9 de la gare"))


def invalid_utf8(repo, target: Path) -> None:
    target.write_bytes(target.read_bytes().replace("district: สวี".encode(), "district: ส".encode() + "ว".encode()[:2]))


def nul_byte(repo, target: Path) -> None:
    target.write_bytes(target.read_bytes().replace(b"kind: area", b"kind: ar\x00ea"))


def _photos(repo, names: list[str]) -> Path:
    folder = repo.root / PROPOSAL_DIR / "files"
    folder.mkdir(parents=True, exist_ok=True)
    entries = "".join(f"  - file: files/{name}\n    caption: ภาพ {name}\n" for name in names)
    repo.replace(TARGETS["report"], "reporter:", "photos:\n" + entries + "reporter:")
    return folder


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


def photo_symlinks(repo, target: Path) -> None:
    from PIL import Image

    folder = _photos(repo, ["link.jpg", "inside.jpg"])
    Image.new("RGB", (20, 20), "blue").save(folder / "real.jpg")
    os.symlink("/etc/passwd", folder / "link.jpg")
    os.symlink("real.jpg", folder / "inside.jpg")


def photo_fakes(repo, target: Path) -> None:
    folder = _photos(repo, ["notes.jpg", "document.jpg", "broken.png"])
    (folder / "notes.jpg").write_text("บันทึกการประชุม ไม่ใช่รูป", encoding="utf-8")
    (folder / "document.jpg").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    (folder / "broken.png").write_bytes(_png(64, 64)[:40])


def photo_bomb(repo, target: Path) -> None:
    folder = _photos(repo, ["bomb.png"])
    (folder / "bomb.png").write_bytes(_png(100_000, 100_000))


GENERATORS = {f.__name__: f for f in [alias_bomb, string_10mb, list_100k, deep_nesting, bom_crlf, cr_only,
                                      windows_874, latin1, invalid_utf8, nul_byte, photo_symlinks, photo_fakes,
                                      photo_bomb]}


# --- applying a case ----------------------------------------------------------------------------

def load_case(name: str) -> dict:
    expected = yaml.safe_load((CORPUS / name / "expected.yaml").read_text(encoding="utf-8"))
    assert set(expected) <= KEYS, f"{name}: unknown keys {set(expected) - KEYS}"
    assert expected.get("about"), f"{name}: say what the case is about"
    assert bool(expected.get("passes")) != bool(expected.get("problems")), f"{name}: problems or passes, not both"
    return expected


def apply_case(repo, name: str) -> tuple[dict, str]:
    expected = load_case(name)
    repo.write(TARGETS["report"], REPORT)
    repo.write(TARGETS["meeting"], MEETING)
    target = TARGETS[expected.get("target", "proposal")]
    overlay = CORPUS / name / "repo"
    if overlay.is_dir():
        for source in overlay.rglob("*"):
            if source.is_file():
                destination = repo.root / source.relative_to(overlay)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
    for old, new in expected.get("replace") or []:
        if old == "ALL":
            (repo.root / target).write_bytes(new.encode("utf-8"))
        else:
            repo.replace(target, old, new)
    if expected.get("generate"):
        GENERATORS[expected["generate"]](repo, repo.root / target)
    return expected, target


def line_at(path: Path, fragment: str) -> int:
    wanted = fragment.encode("utf-8")
    for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
        if wanted in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def expected_problems(repo, expected: dict, target: str) -> list[tuple]:
    rows = []
    for item in expected["problems"]:
        file = item.get("file", target)
        line = item["line"] if "line" in item else line_at(repo.root / file, item["at"]) + item.get("offset", 0)
        rows.append((item["code"], file, line))
    return sorted(rows)


@pytest.mark.parametrize("name", CASES)
def test_case_through_check(mini_repo, name):
    expected, target = apply_case(mini_repo, name)
    result = mini_repo.check()
    actual = sorted((p.code, p.file, p.line) for p in result.problems)
    if expected.get("passes"):
        assert actual == expected_problems(mini_repo, {"problems": expected.get("warnings") or []}, target), \
            describe(result.problems)
        assert not result.errors
    else:
        assert actual == expected_problems(mini_repo, expected, target), describe(result.problems)
        for item in expected["problems"]:
            if "column" in item:
                line = item.get("line") or line_at(mini_repo.root / item.get("file", target), item["at"])
                match = [p for p in result.problems if p.code == item["code"] and p.line == line]
                assert match and match[0].column == item["column"], describe(result.problems)
    for problem in result.problems:  # every message formats in both languages, one line each
        assert "\n" not in problem.message("th") and "\n" not in problem.message("en")
        assert len(problem.message("th")) < 600
    if expected.get("requested"):
        assert str(result.repository.proposals["2570-001-naphoe-welfare"].requested) == expected["requested"]
    for literal in expected.get("literal") or []:
        assert literal in json.dumps(result.repository.proposals["2570-001-naphoe-welfare"].source.data,
                                     ensure_ascii=False, default=str).replace('\\"', '"')


@pytest.mark.parametrize("name", CASES)
def test_case_through_the_cli(mini_repo, name):
    expected, _ = apply_case(mini_repo, name)
    result = CliRunner().invoke(main, ["check", "--repo", str(mini_repo.root), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    data = json.loads(result.stdout)
    count = len(expected.get("warnings") or []) if expected.get("passes") else len(expected["problems"])
    assert len(data["problems"]) == count
    assert result.exit_code == (1 if data["errors"] else 0)
    assert (result.exit_code == 0) == bool(expected.get("passes"))


def docx_text(path: Path) -> str:
    """The visible text of a DOCX (body, headers, footers), one paragraph a line; the XML must parse."""
    import zipfile
    from xml.etree import ElementTree

    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = []
    with zipfile.ZipFile(path) as package:
        for part in sorted(n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")):
            root = ElementTree.fromstring(package.read(part))
            for paragraph in root.iter(f"{namespace}p"):
                lines.append("".join(node.text or "" for node in paragraph.iter(f"{namespace}t")))
    return "\n".join(lines)


@pytest.mark.parametrize("name", CASES)
def test_case_through_render(mini_repo, name, tmp_path):
    from generator.documents import render_all

    expected, _ = apply_case(mini_repo, name)
    result = mini_repo.check()
    out = tmp_path / "docx"
    rendered = render_all(result, mini_repo.root, out_dir=out)  # never raises for bad input
    broken = {pid for pid, proposal in result.repository.proposals.items() if proposal.has_errors}
    assert set(rendered.refused) == broken
    assert not any(path.name.startswith(tuple(broken)) for path in out.glob("*.docx")) if broken else True
    if not expected.get("passes"):
        return
    documents = sorted(out.glob("*.docx"))
    assert [d.name for d in documents] == ["2570-001-naphoe-welfare-report-1.docx", "2570-001-naphoe-welfare.docx"]
    for document in documents:
        text = docx_text(document)
        for literal in expected.get("literal") or []:
            if literal in json.dumps(_source_texts(result, document.name), ensure_ascii=False):
                assert literal in text, f"{literal!r} not shown literally in {document.name}"
        for forbidden in expected.get("never_in_text") or []:
            assert forbidden not in text, f"{forbidden!r} in {document.name}"
        for private in expected.get("private") or []:  # the institute's documents keep personal numbers
            own = _source_texts(result, document.name)[-1]  # the proposal's or the report's own file
            if private in json.dumps(own, ensure_ascii=False):
                assert private in text, f"{private!r} missing from {document.name}"


def _source_texts(result, document_name: str) -> list:
    """The YAML data a document is made from (a literal is expected only where it was written)."""
    proposal = result.repository.proposals["2570-001-naphoe-welfare"]
    data = [proposal.source.data]
    if "report" in document_name:
        data += [report.source.data for report in proposal.reports]
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


class _BrowserView(HTMLParser):
    """What a browser would act on or show: scripts with inline code, on* handlers, javascript:
    URLs, and the visible text. <title> and <textarea> hold raw text, as in a browser."""

    RAW_TEXT = {"title", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.text: list[str] = []
        self.raw: str | None = None
        self.hidden = 0  # inside <script> or <style>
        self.script = ""

    def handle_starttag(self, tag, attrs):
        if self.raw:
            return
        if tag in self.RAW_TEXT:
            self.raw = tag
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append(f"<{tag} {name}=...>")
            if value and "".join(value.split()).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                self.dangers.append(f"<{tag} {name}={value[:40]}>")
        if tag in ("script", "style"):
            self.hidden += 1
            self.script = ""

    def handle_endtag(self, tag):
        if self.raw:
            if tag == self.raw:
                self.raw = None
            return
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1
            if tag == "script" and "alert" in self.script:
                self.dangers.append("<script>" + self.script[:40])

    def handle_data(self, data):
        if self.hidden:
            self.script += data
        else:
            self.text.append(data)


def browser_view(html: str) -> _BrowserView:
    view = _BrowserView()
    view.feed(html)
    view.close()
    return view


@pytest.mark.parametrize("html, dangers", [
    ("<title>&lt;/title&gt;&lt;script&gt;alert(1)</title><p>ok</p>", 0),
    ("<title><script>alert(1)</script></title>", 0),  # raw text inside <title>: shown, never run
    ("<title></title><script>alert(1)</script>", 1),
    ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", 0),
    ('<a href="javascript:alert(1)">x</a>', 1),
    ('<a href=" JavaScript:alert(1)">x</a>', 1),
    ('<img src=x onerror="alert(1)">', 1),
    ('<a href="https://example.org/javascript:">x</a>', 0),
])
def test_browser_view_finds_what_a_browser_would_run(html, dangers):
    assert len(browser_view(html).dangers) == dangers


def guide_pages() -> set[str]:
    """Hand-written guide pages (site/*.md): they quote examples on purpose, so they are not data."""
    return {path.stem for path in (Path(__file__).resolve().parent.parent / "site").glob("*.md")}


@pytest.mark.parametrize("name", CASES)
def test_case_through_site(mini_repo, name):
    from generator.sitebuild import build_site

    expected, _ = apply_case(mini_repo, name)
    result = mini_repo.check()
    yaml_before = {p: p.read_bytes() for p in mini_repo.root.rglob("*.yaml")}
    outcome = build_site(mini_repo.root, result, documents=bool(expected.get("passes")))  # never raises
    site = mini_repo.root / "build" / "site"
    assert (site / "index.html").is_file() and outcome.errors == len(result.errors)
    assert {p: p.read_bytes() for p in mini_repo.root.rglob("*.yaml")} == yaml_before
    guides = guide_pages()
    texts = {}
    for page in site.rglob("*.html"):
        view = browser_view(page.read_text(encoding="utf-8"))
        assert view.dangers == [], f"{page.relative_to(site)}: {view.dangers}"
        if page.relative_to(site).parts[0] not in guides:
            texts[page.relative_to(site).as_posix()] = " ".join("".join(view.text).split())
    problems_page = texts["problems/index.html"]
    for problem in result.problems:
        assert problem.code in problems_page
    searchable = json.dumps([d for d in lunr_index.documents(site) if d["location"].split("/")[0] not in guides],
                            ensure_ascii=False)
    downloads = " ".join(docx_text(path) for path in (site / "downloads").glob("*.docx")) \
        if (site / "downloads").is_dir() else ""
    everything = " ".join(texts.values())
    for private in expected.get("private") or []:
        for where, text in [("pages", everything), ("search index", searchable), ("downloads", downloads)]:
            assert private not in text, f"{private!r} published in the {where}"
    for forbidden in expected.get("never_in_text") or []:
        assert forbidden not in everything and forbidden not in downloads
    if expected.get("passes"):
        page = texts["proposals/2570-001-naphoe-welfare/index.html"]
        for literal in expected.get("literal") or []:
            if literal in json.dumps(_source_texts(result, "report"), ensure_ascii=False):
                assert " ".join(literal.split()) in page, f"{literal!r} not shown literally on the proposal page"


def test_the_repository_cases_start_from_checks_clean(mini_repo):
    mini_repo.write(TARGETS["report"], REPORT)
    mini_repo.write(TARGETS["meeting"], MEETING)
    assert mini_repo.check().problems == []


def test_nothing_in_the_corpus_ran(mini_repo):
    """The !!python/object/apply case would have written pwned.txt had anything executed it."""
    apply_case(mini_repo, "unsafe-tag-python-object")
    mini_repo.check()
    CliRunner().invoke(main, ["check", "--repo", str(mini_repo.root)])
    assert not (mini_repo.root / "pwned.txt").exists() and not Path("pwned.txt").exists()


def test_every_generator_is_used_by_a_case():
    used = {load_case(name).get("generate") for name in CASES}
    assert set(GENERATORS) <= used
