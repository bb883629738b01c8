"""Private data, public site: `publish.drafts` and `publish.problems` decide what the site shows."""

from __future__ import annotations

from conftest import PROPOSAL_DIR
from generator.pages import assemble, published, render_pages

DRAFT_DIR = "proposals/2570/2570-002-lamae-draft"


def _with_draft_and_problem(mini_repo, publish: str = ""):
    """The small repository plus a draft (no `submitted`), and an error in the first proposal (an
    error of a rule, not of shape: the proposal still gets its page)."""
    text = (mini_repo.root / f"{PROPOSAL_DIR}/proposal.yaml").read_text(encoding="utf-8")
    mini_repo.write(f"{DRAFT_DIR}/proposal.yaml",
                    text.replace("submitted: 2026-10-01\n", "").replace("title: โครงการ", "title: ร่างโครงการ"))
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "    end: 2026-10-20\n", "    end: 2026-10-19\n")
    if publish:
        mini_repo.replace("khrongkan.yaml", "quorum:", f"publish:\n{publish}quorum:")
    return mini_repo.check()


def test_without_settings_drafts_and_problems_are_shown_as_before(mini_repo):
    result = _with_draft_and_problem(mini_repo)
    assert result.repository.proposals["2570-002-lamae-draft"].status == "draft"
    assert published(result) is result
    pages = render_pages(result, mini_repo.root)
    assert "proposals/2570-002-lamae-draft.md" in pages and "ร่างโครงการ" in pages["proposals/index.md"]
    assert "D003" in pages["problems.md"]


def test_drafts_false_leaves_drafts_out_of_every_page(mini_repo):
    result = _with_draft_and_problem(mini_repo, "  drafts: false\n")
    mini_repo.replace(f"{DRAFT_DIR}/proposal.yaml", "  end: 2027-03-31", "  end: 2026-10-01")
    result = mini_repo.check()
    assert {(p.code, p.file.split("/")[2]) for p in result.problems} >= {("D003", "2570-001-naphoe-welfare"),
                                                                          ("D003", "2570-002-lamae-draft")}
    pages = render_pages(result, mini_repo.root)
    assert "proposals/2570-002-lamae-draft.md" not in pages
    assert not any("ร่างโครงการ" in text or "2570-002" in text for text in pages.values() if isinstance(text, str))
    assert PROPOSAL_DIR in pages["problems.md"] and DRAFT_DIR not in pages["problems.md"]  # the draft's problems too
    assert "proposals/2570-001-naphoe-welfare.md" in pages


def test_drafts_false_publishes_no_download_of_a_draft(mini_repo, tmp_path):
    from generator.pages import Download

    result = _with_draft_and_problem(mini_repo, "  drafts: false\n")
    source = tmp_path / "draft.docx"
    source.write_bytes(b"docx")
    downloads = {"2570-002-lamae-draft": [Download("แบบเสนอโครงการ (Word)", source, "downloads/2570-002-lamae-draft.docx")]}
    pages_dir = assemble(result, mini_repo.root, tmp_path / "pages", downloads)
    assert not (pages_dir / "downloads" / "2570-002-lamae-draft.docx").exists()


def test_problems_false_keeps_the_page_but_lists_nothing(mini_repo):
    result = _with_draft_and_problem(mini_repo, "  problems: false\n")
    pages = render_pages(result, mini_repo.root)
    assert "D003" not in pages["problems.md"] and PROPOSAL_DIR not in pages["problems.md"]
    assert "publish.problems: false" in pages["problems.md"]
    assert "D003" not in pages["proposals/2570-001-naphoe-welfare.md"]
    assert "ปัญหาที่ต้องแก้ไข" not in pages["index.md"]
    assert "proposals/2570-002-lamae-draft.md" in pages  # drafts are a separate choice


def test_a_new_repository_publishes_neither(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main
    from generator.validate import check_repository

    assert CliRunner().invoke(main, ["init", "--province", "ชุมพร", str(tmp_path / "r")]).exit_code == 0
    settings = check_repository(tmp_path / "r").repository.settings
    assert (settings.publish_drafts, settings.publish_problems) == (False, False)
