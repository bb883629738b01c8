"""Sites by fiscal year (generator.fiscal_years): `khrongkan site --fy` and `render --fy`.

A small repository with two fiscal years: 2570-001 approved by meeting 1/2570, and 2571-001
submitted in September 2570 and approved by meeting 2/2570 (a meeting of the earlier year). The
sites are built once per module, in one run (`site --fy all`), and again as a CI matrix would:
each year in its own process and its own copy of the repository, then the index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from conftest import MEETING, PROPOSAL, PROPOSAL_DIR, REPORT, REPO_ROOT, MiniRepo
from generator.cli import main
from generator.fiscal_years import available_years, choose_years, fiscal_year_view

OLD = "2570-001-naphoe-welfare"
NEW = "2571-001-lamae-housing"
NEW_TITLE = "โครงการบ้านมั่นคงชุมชนริมคลองละแม"
OLD_TITLE = "โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์"
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}  # MkDocs' sitemap date: the same in every process


def two_years(root: Path) -> MiniRepo:
    repo = MiniRepo(root)
    repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    repo.write("meetings/2570/01.yaml", MEETING)
    later = PROPOSAL
    for old, new in [(OLD_TITLE, NEW_TITLE), ("กองทุนสวัสดิการชุมชนตำบลนาโพธิ์", "สหกรณ์บ้านมั่นคงละแม"),
                     ("issue: สวัสดิการชุมชน", "issue: บ้านมั่นคง"), ("ตำบลนาโพธิ์ อำเภอสวี", "ตำบลละแม อำเภอละแม"),
                     ("district: สวี", "district: ละแม"), ("subdistricts: [นาโพธิ์]", "subdistricts: [ละแม]"),
                     ("2026-10-15", "2027-10-15"), ("2027-03-31", "2028-03-31"), ("2026-10-20", "2027-10-20"),
                     ("2027-03-01", "2028-03-01"), ("submitted: 2026-10-01", "submitted: 2027-09-01")]:
        assert old in later
        later = later.replace(old, new)
    repo.write(f"proposals/2571/{NEW}/proposal.yaml", later)
    repo.write("meetings/2570/02.yaml", MEETING.replace("2026-10-08", "2027-09-15").replace(OLD, NEW))
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`khrongkan site --fy all` in one run: build/site/ (the index), build/site/2570/, build/site/2571/."""
    repo = two_years(tmp_path_factory.mktemp("fy") / "repo")
    assert repo.check().problems == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
        result = CliRunner().invoke(main, ["site", "--fy", "all", "--repo", str(repo.root)])
    assert result.exit_code == 0, result.output
    return repo.root / "build" / "site"


def _search_text(site: Path) -> str:
    from generator import lunr_index

    return json.dumps(lunr_index.documents(site), ensure_ascii=False)


def test_a_year_view_has_its_proposals_and_the_meetings_that_decided_them(tmp_path):
    result = two_years(tmp_path / "repo").check()
    later = fiscal_year_view(result, [2571])
    assert list(later.repository.proposals) == [NEW]
    assert [(m.fiscal_year, m.number) for m in later.repository.meetings] == [(2570, 2)]  # of the earlier year
    assert [d.meeting.number for d in later.repository.proposals[NEW].decisions] == [2]
    earlier = fiscal_year_view(result, [2570])
    assert list(earlier.repository.proposals) == [OLD]
    second = next(m for m in earlier.repository.meetings if m.number == 2)  # a meeting of 2570: listed...
    assert second.decisions == [] and "2571" in second.note  # ...its decision on 2571-001 is in 2571's site
    assert len(result.repository.meetings[1].decisions) == 1  # the checked result is left as it was
    assert fiscal_year_view(result, [2570, 2571]).repository.proposals.keys() == result.repository.proposals.keys()


def test_a_year_whose_only_proposal_cannot_be_read_is_still_a_year(tmp_path):
    repo = two_years(tmp_path / "repo")
    repo.write(f"proposals/2571/{NEW}/proposal.yaml", "title: [ยังไม่เสร็จ\n")
    result = repo.check()
    assert available_years(result) == [2570, 2571] and result.repository.fiscal_years() == [2570]
    assert [s.project_id for s in fiscal_year_view(result, [2571]).skipped] == [NEW]
    assert fiscal_year_view(result, [2570]).skipped == []
    view = fiscal_year_view(result, [2570])
    assert {p.file.split("/")[0] for p in view.problems} <= {"meetings"}  # 2571's unreadable file is not 2570's
    assert all("2571" not in p.file for p in view.problems)


def test_fy_names_the_years_there_are(tmp_path):
    repo = two_years(tmp_path / "repo")
    result = repo.check()
    assert choose_years(result, ("2571", "2570,2571")) == [2570, 2571]
    assert choose_years(result, ("all",)) == [2570, 2571]
    for command in (["site"], ["render"]):
        wrong = CliRunner().invoke(main, [*command, "--fy", "2569", "--repo", str(repo.root)])
        assert wrong.exit_code == 2
        assert "ไม่มีปีงบประมาณ 2569 ในคลังโครงการนี้ ปีงบประมาณที่มี: 2570, 2571" in wrong.output
    christian = CliRunner().invoke(main, ["site", "--fy", "2027", "--repo", str(repo.root)])
    assert christian.exit_code == 2 and "ค.ศ. 2027 คือ พ.ศ. 2570" in christian.output
    word = CliRunner().invoke(main, ["render", "--fy", "ปีนี้", "--repo", str(repo.root)])
    assert word.exit_code == 2 and "ปีพุทธศักราช 4 หลัก" in word.output
    empty = CliRunner().invoke(main, ["site", "--fy", " ", "--repo", str(repo.root)])
    assert empty.exit_code == 2 and "ใส่ปีงบประมาณ (พ.ศ.) เช่น --fy 2570" in empty.output
    serve = CliRunner().invoke(main, ["site", "--serve", "--fy", "2570", "--repo", str(repo.root)])
    assert serve.exit_code == 2 and "--serve ใช้กับ --fy หรือ --index ไม่ได้" in serve.output
    assert not (repo.root / "build" / "site").exists()


def test_each_year_holds_only_its_proposals_search_and_downloads(built):
    for year, mine, other, title, other_title in [(2570, OLD, NEW, OLD_TITLE, NEW_TITLE),
                                                  (2571, NEW, OLD, NEW_TITLE, OLD_TITLE)]:
        site = built / str(year)
        assert (site / "proposals" / mine / "index.html").is_file()
        assert not (site / "proposals" / other).exists()
        search = _search_text(site)
        assert title in search.replace("\u200b", "") and other_title not in search.replace("\u200b", "")
        downloads = sorted(p.name for p in (site / "downloads").iterdir())
        assert downloads and all(name.startswith(mine) for name in downloads), downloads
        assert f"ปีงบประมาณ {year}" in (site / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (built / "2570" / "downloads").iterdir()) == [f"{OLD}-report-1.docx", f"{OLD}.docx"]


def test_the_index_links_every_year_and_holds_what_spans_years(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="2570/"' in home and 'href="2571/"' in home
    assert (built / "form" / "index.html").is_file() and (built / "followup" / "index.html").is_file()
    assert (built / "writing" / "index.html").is_file()
    assert not (built / "proposals").exists() and not (built / "meetings").exists()
    assert NEW_TITLE not in _search_text(built).replace("\u200b", "")  # the years' pages are searched there
    followup = (built / "followup" / "index.html").read_text(encoding="utf-8")
    assert f'href="../2570/proposals/{OLD}/"' in followup  # a proposal's page is in its year's site


def test_an_earlier_years_meeting_shows_on_the_proposal_it_decided(built):
    page = (built / "2571" / "proposals" / NEW / "index.html").read_text(encoding="utf-8")
    assert "ครั้งที่ 2/2570" in page and "../../meetings/#meeting-2570-02" in page
    meetings = (built / "2571" / "meetings" / "index.html").read_text(encoding="utf-8")
    assert 'id="meeting-2570-02"' in meetings and 'id="meeting-2570-01"' not in meetings


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def test_every_link_resolves_and_a_year_leads_only_to_the_index(built):
    checked = to_index = 0
    for page in built.rglob("*.html"):
        if page.name == "404.html":  # MkDocs writes it with links from the host's root (site_url's path)
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        year = next((part for part in page.relative_to(built).parts[:1] if part.isdigit()), None)
        for link in parser.found:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if link.endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(built)}: {link}"
            assert target.is_relative_to(built.resolve()), f"{page.relative_to(built)}: {link}"
            if year and not target.is_relative_to((built / year).resolve()):
                assert target == (built / "index.html").resolve(), f"{page.relative_to(built)}: {link}"
                to_index += 1  # the logo: the only way out of a year's site
            checked += 1
    assert checked > 500 and to_index > 20


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_ci_matrix_gives_the_same_files_as_one_run(built, tmp_path):
    """Each year in its own process and checkout (at the same time), then the index in a third
    checkout, with the years' folders unpacked into build/site as the workflow's download step does."""
    source = built.parent.parent
    env = {**os.environ, **EPOCH}
    jobs = {}
    for name in ("2570", "2571", "index"):
        copy = tmp_path / name / "repo"  # the same depth as the one-run repository: same relative paths
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("build"))
        jobs[name] = copy
    running = {name: subprocess.Popen([sys.executable, "-m", "generator", "site", "--fy", name],
                                      cwd=jobs[name], env={**env, "PYTHONPATH": str(REPO_ROOT)},
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
               for name in ("2570", "2571")}
    for name, process in running.items():
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output.decode("utf-8")
        assert sorted(p.name for p in (jobs[name] / "build" / "site").iterdir()) == [name]
    site = jobs["index"] / "build" / "site"
    site.mkdir(parents=True)
    for year in ("2570", "2571"):  # actions/download-artifact into build/site/<fy>
        shutil.copytree(jobs[year] / "build" / "site" / year, site / year)
    with pytest.MonkeyPatch.context() as patch:  # the index job (here, not in a process of its own)
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
        index = CliRunner().invoke(main, ["site", "--index", "--repo", str(jobs["index"])])
    assert index.exit_code == 0, index.output
    matrix, one_run = _tree(site), _tree(built)
    assert sorted(matrix) == sorted(one_run)
    assert [name for name in one_run if matrix[name] != one_run[name]] == []


def test_render_fy_renders_only_that_year_and_keeps_the_others(tmp_path):
    repo = two_years(tmp_path / "repo")
    docx = repo.root / "build" / "docx"
    first = CliRunner().invoke(main, ["render", "--fy", "2570", "--repo", str(repo.root)])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in docx.glob("*.docx")) == [f"{OLD}-report-1.docx", f"{OLD}.docx"]
    second = CliRunner().invoke(main, ["render", "--fy", "2571", "--repo", str(repo.root)])
    assert second.exit_code == 0, second.output
    assert sorted(p.name for p in docx.glob("*.docx")) == [f"{OLD}-report-1.docx", f"{OLD}.docx", f"{NEW}.docx"]
    other = CliRunner().invoke(main, ["render", "2570-001", "--fy", "2571", "--repo", str(repo.root)])
    assert other.exit_code == 2 and "ไม่พบโครงการรหัส '2570-001'" in other.output


def test_init_matrix_writes_a_valid_workflow_with_a_job_per_year(tmp_path):
    import yaml

    from generator import publishing

    root = tmp_path / "archive"
    assert CliRunner().invoke(main, ["init", "--matrix", "--province", "ชุมพร", str(root)]).exit_code == 0
    file = root / publishing.WORKFLOW_FILE
    assert file.read_text(encoding="utf-8") == publishing.matrix_workflow_yaml()
    lint = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(file)], capture_output=True, text=True, encoding="utf-8")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    jobs = yaml.safe_load(file.read_text(encoding="utf-8"))["jobs"]
    assert jobs["year"]["strategy"]["matrix"]["fy"] == "${{ fromJSON(needs.check.outputs.years) }}"
    runs = {name: [step["run"] for step in job.get("steps", []) if "run" in step and step.get("id", "") != "years"
                   and not step.get("id", "").startswith("install-")] for name, job in jobs.items()}
    assert runs == {"check": ["khrongkan check --format github"],
                    "year": ["khrongkan render --fy ${{ matrix.fy }} --pdf", "khrongkan site --fy ${{ matrix.fy }}"],
                    "index": ["khrongkan site --index"], "deploy": []}
    upload = next(step for step in jobs["year"]["steps"] if step.get("with", {}).get("name") == "site-${{ matrix.fy }}")
    assert upload["with"]["path"] == "build/site/${{ matrix.fy }}"
    pages = next(step for step in jobs["index"]["steps"] if step.get("uses", "").startswith("actions/upload-pages"))
    assert pages["with"] == {"path": "build/site"} and jobs["deploy"]["needs"] == "index"
    for commands in runs.values():  # every option the workflow uses exists (parsed before --help answers)
        for command in commands:
            words = command.replace("${{ matrix.fy }}", "2570").split()[1:]
            assert CliRunner().invoke(main, [*words, "--help"]).exit_code == 0, command
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    text = publishing.matrix_workflow_yaml()
    assert text[text.index("jobs:\n"):] in readme  # the README shows the jobs as init writes them


def test_the_matrix_shell_steps_list_the_years_and_unpack_them(tmp_path):
    """The two steps of the workflow that are shell, not khrongkan: run here as GitHub runs them."""
    import yaml

    from generator import publishing

    repo = two_years(tmp_path / "repo")
    jobs = yaml.safe_load(publishing.matrix_workflow_yaml())["jobs"]
    years = next(step["run"] for step in jobs["check"]["steps"] if step.get("id") == "years")
    output = tmp_path / "github-output"
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "PATH": str(Path(sys.executable).parent) + os.pathsep
           + os.environ.get("PATH", "")}
    subprocess.run(["bash", "-e", "-c", years], cwd=repo.root, env=env, check=True)
    assert output.read_text(encoding="utf-8") == 'years=["2570", "2571"]\n'
    for year in ("2570", "2571"):  # what actions/download-artifact leaves: build/years/site-<fy>/
        repo.write(f"build/years/site-{year}/index.html", year)
    unpack = next(step["run"] for step in jobs["index"]["steps"] if step.get("id") == "install-years")
    subprocess.run(["bash", "-e", "-c", unpack], cwd=repo.root, env=env, check=True)
    assert [(repo.root / f"build/site/{year}/index.html").read_text(encoding="utf-8") for year in ("2570", "2571")] \
        == ["2570", "2571"]


def test_a_years_name_and_address_and_links_without_directory_urls(tmp_path):
    from generator.fiscal_years import _page_url, _year_settings

    repo = two_years(tmp_path / "repo")
    repo.replace("khrongkan.yaml", "quorum:", "site:\n  url: https://example.org/chumphon\nquorum:")
    settings = _year_settings(repo.check().repository, 2571)
    assert settings.site_url == "https://example.org/chumphon/2571/"
    assert settings.site_title == "พิจารณาโครงการ ขบวนองค์กรชุมชนจังหวัดชุมพร ปีงบประมาณ 2571"
    assert [_page_url(name, True) for name in ("index.md", "plan.md", "form/index.md", "proposals/x.md")] == \
        ["", "plan/", "form/", "proposals/x/"]
    assert [_page_url(name, False) for name in ("index.md", "plan.md", "form/index.md", "proposals/x.md")] == \
        ["index.html", "plan.html", "form/index.html", "proposals/x.html"]


def _serve_alone(folder: Path):
    """`folder` as a static host serves it (GitHub Pages, Netlify, Cloudflare Pages): a missing
    path answers the site's 404.html with status 404."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def send_error(self, code, message=None, explain=None):
            page = folder / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Logo(_Links):
    def __init__(self):
        super().__init__()
        self.logo: list[str] = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        values = dict(attrs)
        if tag == "a" and "md-logo" in (values.get("class") or ""):
            self.logo.append(values["href"])


def _get(url: str) -> tuple[int, str]:
    from urllib.error import HTTPError
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_a_year_deployed_alone_has_a_working_404_and_its_logo_leads_to_its_home(built):
    """build/site/2570 as the whole of a host (its own Netlify site, say): the 404 page, shown at
    any depth, finds its styles, scripts, search and menu inside the folder, and the logo, which
    leads one folder up to the index in the whole tree, leads to the year's home here (there is
    nothing above a web root)."""
    from urllib.parse import urljoin

    server = _serve_alone(built / "2570")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for missing in ("no-such-page", "proposals/2570-999-gone/", "a/b/c/d.html"):
            status, text = _get(base + missing)
            assert status == 404 and "404" in text
            page = _Logo()
            page.feed(text)
            local = [link for link in page.found if not urlsplit(link).scheme and not urlsplit(link).netloc]
            assert len(local) > 20
            for link in local:
                assert _get(urljoin(base + missing, link))[0] == 200, f"{missing}: {link}"
            assert page.logo and {urljoin(base + missing, href) for href in page.logo} == {base}
        home = _get(base)[1]
        assert "ปีงบประมาณ 2570" in home and f"proposals/{OLD}/" in home
        status, text = _get(f"{base}proposals/{OLD}/")
        proposal = _Logo()
        proposal.feed(text)
        assert status == 200 and {urljoin(f"{base}proposals/{OLD}/", href) for href in proposal.logo} == {base}
        assert _get(urljoin(base, "search/search_index.json"))[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_two_years_built_at_once_in_one_checkout_take_turns_and_match_one_run(built, tmp_path):
    """Two `site --fy` in one folder share build/docx and its manifest: they take turns there
    (generator.locks) and each gives the files one run gives."""
    copy = tmp_path / "both" / "repo"
    shutil.copytree(built.parent.parent, copy, ignore=shutil.ignore_patterns("build"))
    env = {**os.environ, **EPOCH, "PYTHONPATH": str(REPO_ROOT)}
    running = {year: subprocess.Popen([sys.executable, "-m", "generator", "site", "--fy", year], cwd=copy,
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
               for year in ("2570", "2571")}
    for year, process in running.items():
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output.decode("utf-8")
    site = copy / "build" / "site"
    assert sorted(p.name for p in site.iterdir()) == ["2570", "2571"]
    for year in ("2570", "2571"):
        mine, one_run = _tree(site / year), _tree(built / year)
        assert sorted(mine) == sorted(one_run)
        assert [name for name in one_run if mine[name] != one_run[name]] == []
    manifest = json.loads((copy / "build" / "docx" / ".khrongkan-render.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == [f"{OLD}-report-1.docx", f"{OLD}.docx", f"{NEW}.docx"]  # neither run lost the other's
