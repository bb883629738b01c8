"""The site is built again from what did not change: the cleaned download copies, the scaled
photos and the pages of unchanged proposals come from the cache (build/cache/), and a change
reaches every page that shows it (never a stale output)."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner

from conftest import PROPOSAL_DIR, REPORT
from generator import photos, site_files
from generator.cli import main
from generator.documents import render_all
from generator.privacy import HIDDEN_TH

PHONE = "089-000-0001"  # the responsible person's number in the mini repository


def _word_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


@pytest.fixture
def masking_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = site_files.mask_docx

    def counting(data, privacy, phones):
        calls.append(repr(privacy))
        return real(data, privacy, phones)

    monkeypatch.setattr(site_files, "mask_docx", counting)
    return calls


@pytest.fixture
def scaling_calls(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = photos.scale_photo

    def counting(data):
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(photos, "scale_photo", counting)
    return calls


def test_download_copies_are_cleaned_once_and_again_when_the_privacy_settings_change(mini_repo, masking_calls):
    result = mini_repo.check()
    rendered = list(render_all(result, mini_repo.root))
    first = site_files.prepare(result, mini_repo.root, rendered, [])
    (word,) = first["2570-001-naphoe-welfare"]
    assert len(masking_calls) == 1 and PHONE not in _word_text(word.source) and HIDDEN_TH in _word_text(word.source)
    assert PHONE in _word_text(rendered[0])  # the institute's copy keeps it

    again = site_files.prepare(mini_repo.check(), mini_repo.root, rendered, [])
    assert len(masking_calls) == 1 and again == first  # read back, not cleaned again

    mini_repo.replace("khrongkan.yaml", "quorum:", "publish:\n  phone: true\nquorum:")
    result = mini_repo.check()
    allowed = site_files.prepare(result, mini_repo.root, rendered, [])
    assert len(masking_calls) == 2 and "phone=True" in masking_calls[-1]
    assert PHONE in _word_text(allowed["2570-001-naphoe-welfare"][0].source)


def test_render_makes_the_copies_that_site_then_reuses(mini_repo, masking_calls):
    outcome = CliRunner().invoke(main, ["render", "--repo", str(mini_repo.root)])
    assert outcome.exit_code == 0, outcome.output
    assert len(masking_calls) == 1
    result = mini_repo.check()
    rendered = list(render_all(result, mini_repo.root))
    downloads = site_files.prepare(result, mini_repo.root, rendered, [])
    assert len(masking_calls) == 1 and PHONE not in _word_text(downloads["2570-001-naphoe-welfare"][0].source)


def test_a_copy_that_cannot_be_cleaned_is_remembered_and_never_offered(mini_repo, masking_calls, monkeypatch):
    result = mini_repo.check()
    rendered = list(render_all(result, mini_repo.root))
    monkeypatch.setattr(site_files, "_still_personal", lambda text, privacy, phones: True)
    for _ in range(2):
        notes: list[str] = []
        assert site_files.prepare(result, mini_repo.root, rendered, notes) == {}
        assert len(notes) == 1 and "2570-001-naphoe-welfare.docx" in notes[0]
    assert len(masking_calls) == 1


def _report_with_photo(mini_repo, size=(2400, 1800), name="big.jpg"):
    from PIL import Image

    folder = mini_repo.root / PROPOSAL_DIR / "files"
    folder.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone on its side
    exif[0x8825] = {2: (13, 30, 0), 4: (99, 10, 0)}  # GPS position
    Image.new("RGB", size, (30, 120, 200)).save(folder / name, exif=exif, quality=90)
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml",
                    REPORT + f"photos:\n  - file: files/{name}\n    caption: ประชุมคณะทำงาน\n")
    return folder / name


def test_each_photo_is_scaled_once_for_the_site_and_the_word_report(mini_repo, scaling_calls):
    from PIL import Image

    _report_with_photo(mini_repo)
    result = mini_repo.check()
    published = site_files.publish_photos(result, mini_repo.root, [])
    (copy,) = published.values()
    with Image.open(copy) as picture:
        assert picture.size == (1200, 1600) and not picture.getexif()  # upright, at most 1600, no EXIF
    assert len(scaling_calls) == 1
    assert site_files.publish_photos(mini_repo.check(), mini_repo.root, []) == published
    rendered = render_all(mini_repo.check(), mini_repo.root)
    assert len(scaling_calls) == 1  # the Word report embeds the same cached copy
    with zipfile.ZipFile(rendered[1]) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert media == [copy.read_bytes()]


def test_a_large_jpeg_is_decoded_at_a_reduced_size(monkeypatch):
    import io

    from PIL import Image, JpegImagePlugin

    decoded = []
    real_load = JpegImagePlugin.JpegImageFile.load

    def recording(self):
        decoded.append(self.size)  # the size the decoder produces, after Image.draft
        return real_load(self)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", recording)
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 20, 30)).save(buffer, format="JPEG")
    content, suffix = photos.scale_photo(buffer.getvalue())
    with Image.open(io.BytesIO(content)) as picture:
        assert picture.size == (1600, 1200) and suffix == ".jpg"
    assert decoded and decoded[0] == (2000, 1500)  # decoded at half scale: a quarter of the pixels


SECOND_DIR = "proposals/2570/2570-002-naphoe-savings"
OLD_TITLE = "โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์"
NEW_TITLE = "โครงการฟื้นฟูกองทุนสวัสดิการชุมชนตำบลนาโพธิ์ระยะที่สอง"


def test_a_title_edit_renders_that_page_and_the_lists_again_and_the_site_shows_it_everywhere(mini_repo, monkeypatch):
    from generator import pages
    from generator.sitebuild import build_site

    text = (mini_repo.root / f"{PROPOSAL_DIR}/proposal.yaml").read_text(encoding="utf-8")
    mini_repo.write(f"{SECOND_DIR}/proposal.yaml", text.replace(OLD_TITLE, "โครงการออมทรัพย์ตำบลนาโพธิ์"))
    rendered: list[str] = []
    real_render = pages.Site.render

    def counting(site, template, page, **context):
        rendered.append(page)
        return real_render(site, template, page, **context)

    monkeypatch.setattr(pages.Site, "render", counting)
    first = build_site(mini_repo.root, documents=False)
    assert {"proposals/2570-001-naphoe-welfare.md", "proposals/2570-002-naphoe-savings.md"} <= set(rendered)
    before = {path: path.read_bytes() for path in (mini_repo.root / "build" / "pages").rglob("*.md")}

    rendered.clear()
    build_site(mini_repo.root, documents=False)
    assert not [page for page in rendered if page.startswith("proposals/2570-")]  # nothing changed: read back
    assert {path: path.read_bytes() for path in before} == before

    rendered.clear()
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", f"title: {OLD_TITLE}", f"title: {NEW_TITLE}")
    build_site(mini_repo.root, documents=False)
    assert [page for page in rendered if page.startswith("proposals/2570-")] == ["proposals/2570-001-naphoe-welfare.md"]
    after = {path: path.read_bytes() for path in (mini_repo.root / "build" / "pages").rglob("*.md")}
    changed = {path.relative_to(mini_repo.root / "build" / "pages").as_posix()
               for path in after if after[path] != before.get(path)}
    assert "proposals/2570-002-naphoe-savings.md" not in changed
    assert {"proposals/2570-001-naphoe-welfare.md", "index.md", "proposals/index.md", "status.md", "districts.md",
            "issues.md"} <= changed
    site_files_text = {path: path.read_text(encoding="utf-8").replace("\u200b", "")  # the index's word breaks
                       for path in first.site_dir.rglob("*") if path.suffix in (".html", ".json")}
    assert not [path for path, text in site_files_text.items() if OLD_TITLE in text]  # no stale page, no stale index
    showing = {path.relative_to(first.site_dir).as_posix() for path, text in site_files_text.items() if NEW_TITLE in text}
    assert {"proposals/2570-001-naphoe-welfare/index.html", "index.html", "proposals/index.html", "status/index.html",
            "districts/index.html", "issues/index.html", "search/lunr_index.json"} <= showing


def test_the_search_index_is_segmented_again_only_for_changed_entries(tmp_path, monkeypatch):
    import json

    from generator import search_index
    from generator.cache import Cache

    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    docs = [{"location": "a/", "title": "ตำบลด่านสวี", "text": "กองทุนสวัสดิการชุมชน โทร 089-000-0001"},
            {"location": "b/", "title": "บ้านมั่นคง", "text": "โครงการบ้านมั่นคงชนบท"}]

    def index_of(entries) -> dict:
        (site / "search" / "search_index.json").write_text(json.dumps({"docs": entries}, ensure_ascii=False),
                                                          encoding="utf-8")
        search_index.rewrite_index(site, ["ด่านสวี"], search_index_privacy(), cache=Cache(tmp_path, "search"))
        return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))

    def search_index_privacy():
        from generator.privacy import Privacy

        return Privacy()

    cut_runs: list[str] = []
    real_cut = search_index.cut
    monkeypatch.setattr(search_index, "cut", lambda run, trie: cut_runs.append(run) or real_cut(run, trie))
    first = index_of([dict(doc) for doc in docs])
    assert cut_runs and "089-000-0001" not in json.dumps(first, ensure_ascii=False)
    cut_runs.clear()
    assert index_of([dict(doc) for doc in docs]) == first and cut_runs == []  # read back
    changed = [dict(docs[0]), {**docs[1], "text": "โครงการบ้านมั่นคงเมือง"}]
    second = index_of(changed)
    assert cut_runs == ["บ้านมั่นคง", "โครงการบ้านมั่นคงเมือง"] and second["docs"][0] == first["docs"][0]
    assert search_index.ZWSP in second["docs"][1]["text"]


def test_a_repository_template_changes_the_cached_pages_and_the_compiled_templates(mini_repo):
    from generator import pages, resources

    result = mini_repo.check()
    first = pages.render_pages(result, mini_repo.root)
    assert list((mini_repo.root / "build" / "cache" / "jinja").rglob("*.cache"))  # compiled once, kept
    default = (resources.defaults_dir() / resources.SITE_TEMPLATES / "proposal.md.j2").read_text(encoding="utf-8")
    mini_repo.write(f"{resources.SITE_TEMPLATES}/proposal.md.j2", default.replace("## หลักการและเหตุผล", "## เหตุผลของโครงการ"))
    second = pages.render_pages(mini_repo.check(), mini_repo.root)
    page = "proposals/2570-001-naphoe-welfare.md"
    assert "## หลักการและเหตุผล" in first[page] and "## เหตุผลของโครงการ" in second[page]
    assert "## หลักการและเหตุผล" not in second[page]


def test_a_small_upright_phone_photo_reaches_the_word_report_without_its_gps_position(mini_repo):
    from PIL import Image

    source = _report_with_photo(mini_repo, size=(800, 600), name="small.jpg")
    with Image.open(source) as original:
        exif = original.getexif()
        exif[0x0112] = 1  # upright and small: it used to be embedded byte for byte, GPS included
        original.save(source, exif=exif, quality=90)
    rendered = render_all(mini_repo.check(), mini_repo.root)
    with zipfile.ZipFile(rendered[1]) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) == 1 and media[0] != source.read_bytes()
    with Image.open(io.BytesIO(media[0])) as embedded:
        assert embedded.size == (800, 600) and not embedded.getexif()


def test_the_render_workers_clean_the_copies_that_site_then_reads(mini_repo, monkeypatch):
    from generator.documents import batch

    if batch.fork_context() is None:
        pytest.skip("the workers build contexts and clean copies where processes fork (Linux)")
    text = (mini_repo.root / f"{PROPOSAL_DIR}/proposal.yaml").read_text(encoding="utf-8")
    for number in (2, 3):
        mini_repo.write(f"proposals/2570/2570-00{number}-naphoe-more{number}/proposal.yaml", text)
    result = mini_repo.check()
    rendered = render_all(result, mini_repo.root, jobs=2, after=site_files.Masking(result, mini_repo.root))
    assert len(rendered.written) == 3
    calls: list[int] = []
    real = site_files.mask_docx  # counted only here, after the workers have gone
    monkeypatch.setattr(site_files, "mask_docx", lambda *args: calls.append(1) or real(*args))
    downloads = site_files.prepare(result, mini_repo.root, list(rendered), [])
    assert calls == [] and len(downloads) == 3
    for (word,) in downloads.values():
        assert PHONE not in _word_text(word.source) and HIDDEN_TH in _word_text(word.source)
