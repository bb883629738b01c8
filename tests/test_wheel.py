"""The package is the product: the wheel, installed into a new virtual environment outside this
tree, starts a province's repository and gives its documents and site with nothing else.

One test, marked `wheel` (it runs with the suite; `-m "not wheel"` leaves it out). For speed it
builds without build isolation (setuptools comes with the test extras) and lets the new
environment borrow the installed dependencies of this one through a .pth file; the khrongkan in
it is only the wheel's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import REPO_ROOT

SAMPLE = REPO_ROOT / "proposals/2570/2570-001-thasae-welfare/proposal.yaml"
SAMPLE_ID = "2570-001-thasae-welfare"
NOT_SOURCES = shutil.ignore_patterns(".venv", "venv", "build", ".git", "test-output", "*.egg-info", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "dist")


def run(command, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


def scripts(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


@pytest.mark.wheel
def test_the_wheel_alone_runs_init_check_render_pdf_and_site(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(REPO_ROOT, source, ignore=NOT_SOURCES)
    run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "dist"],
        tmp_path)
    [wheel] = (tmp_path / "dist").glob("khrongkan-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for default in ("templates/proposal.docx", "templates/site/home.md.j2", "site/writing.md",
                    "site/assets/thai-search.js", "site/assets/form/form.js", "site/assets/vendor/ajv7.min.js",
                    "site/assets/vendor/LICENSE-ajv.txt", "mkdocs.yml"):
        assert f"generator/defaults/{default}" in names
    assert not [name for name in names if name.startswith("generator/defaults/") and name.endswith(".py")]

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], tmp_path)
    python = scripts(venv) / ("python.exe" if os.name == "nt" else "python")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], tmp_path)
    purelib = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).stdout.strip())
    (purelib / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = run([python, "-c", "import generator, generator.resources as r; print(generator.__file__); "
                 "print(r.defaults_dir())"], tmp_path).stdout.splitlines()
    assert all(Path(line).is_relative_to(venv) for line in where), where

    khrongkan = scripts(venv) / "khrongkan"
    work = tmp_path / "work"
    work.mkdir()
    run([khrongkan, "init", "--province", "ชุมพร", "repo"], work)
    repo = work / "repo"
    assert not (repo / "templates").exists() and not (repo / "mkdocs.yml").exists()
    proposal = repo / "proposals/2570" / SAMPLE_ID / "proposal.yaml"
    proposal.parent.mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    assert "coordinator: m39" in text
    text = text.replace("coordinator: m39", "coordinator: m01")  # init's roster
    # A new repository has no provincial plan yet: the sample's strategies cannot be referred to.
    text = "\n".join(line for line in text.splitlines() if not line.startswith("plan:")) + "\n"
    proposal.write_text(text, encoding="utf-8")

    run([khrongkan, "check"], repo)
    run([khrongkan, "render", "--pdf"], repo)
    run([khrongkan, "site"], repo)

    title = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("title:"))
    document = docx.Document(str(repo / "build/docx" / f"{SAMPLE_ID}.docx"))
    assert title in "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert (repo / "build/pdf" / f"{SAMPLE_ID}.pdf").read_bytes().startswith(b"%PDF")
    page = (repo / "build/site/proposals" / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert title in page
    assert "kk-app" in (repo / "build/site/form/index.html").read_text(encoding="utf-8")
    assert (repo / "build/site/assets/form/form.js").is_file()
    # the search index was built with the site and the worker that loads it installed (package data)
    assert (repo / "build/site/search/lunr_index.json").is_file()
    workers = repo / "build/site/assets/javascripts/workers"
    assert [p.name for p in workers.glob("search.*.min.js")] and all(
        p.read_text(encoding="utf-8").startswith("/* khrongkan search worker */") for p in workers.glob("search.*.min.js"))
