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
    passes:    true when the case must check clean; `literal`, `never_in_text`, `never_in_html`
               and `private` then say what every output must (not) show

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

import pytest
import yaml
from click.testing import CliRunner

from conftest import MEETING, PROPOSAL_DIR, REPORT
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
        "never_in_html", "private", "requested"}


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
        assert actual == [], describe(result.problems)
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
    count = 0 if expected.get("passes") else len(expected["problems"])
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
