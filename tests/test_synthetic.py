"""The synthetic repository of `khrongkan bench`: realistic, spread over fiscal years, and clean."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from generator import synthetic
from generator.validate import check_repository

from conftest import REPO_ROOT


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic") / "repo"
    return synthetic.generate(REPO_ROOT, folder, 30, per_year=15)


@pytest.fixture(scope="module")
def checked(made):
    return check_repository(made.root)


def test_thirty_proposals_over_two_fiscal_years_check_clean(made, checked):
    result = checked
    assert [(p.code, p.file, p.line) for p in result.problems] == []
    repository = result.repository
    assert len(repository.proposals) == 30
    assert made.fiscal_years == [2570, 2571]
    assert {p.fiscal_year for p in repository.proposals.values()} == {2570, 2571}
    assert all(re.fullmatch(r"257[01]-0(0[1-9]|1[0-5])-[a-z0-9-]+", i) for i in repository.proposals)
    # Reports on a third of them, meetings with a quorum approving most, fieldwork on some.
    reported = [p for p in repository.proposals.values() if p.reports]
    assert len(reported) == made.reports == 10
    approved = [p for p in repository.proposals.values() if p.approval is not None]
    assert len(approved) >= 24 and all(m.has_quorum for m in repository.meetings if m.decisions)
    assert sum(p.agreement is not None for p in repository.proposals.values()) == made.agreements > 0
    assert sum(len(p.visits) for p in repository.proposals.values()) == made.visits > 0
    # The plan covering both years is written, and every proposal serves one of its strategies.
    assert [plan.name for plan in repository.plans] == ["2570-2572"]
    assert repository.plans[0].tambons
    assert all(p.plan for p in repository.proposals.values())


def test_proposals_vary_and_people_are_made_up(made, checked):
    repository = checked.repository
    proposals = list(repository.proposals.values())
    assert len({p.title for p in proposals}) > 20
    assert len({p.district for p in proposals}) > 4
    assert len({p.requested for p in proposals}) > 20
    assert len({p.start for p in proposals}) > 20
    phones = [r["phone"] for p in proposals for r in p.source.data["responsible"]]
    assert phones and all(re.fullmatch(r"08[0-9]-000-[0-9]{4}", phone) for phone in phones)
    texts = [path.read_text(encoding="utf-8") for path in made.root.glob("proposals/*/*/*.yaml")]
    assert not any("&id" in text for text in texts)  # written as people write YAML: no anchors
    meeting = (made.root / "meetings" / "2570" / "01.yaml").read_text(encoding="utf-8")
    assert 'time: "09:30"' in meeting  # quoted, as FORMAT.md asks


def test_photos_are_small_phone_sized_jpegs(made):
    photos = sorted(made.root.glob("proposals/*/*/files/*.jpg"))
    assert len(photos) == made.photos > 0
    sizes = set()
    for path in photos:
        with Image.open(path) as image:
            assert image.format == "JPEG"
            sizes.add(image.size)
        assert path.stat().st_size < 300_000
    assert len(sizes) > 1


def test_the_same_n_gives_the_same_files(made, tmp_path):
    again = synthetic.generate(REPO_ROOT, tmp_path / "again", 30, per_year=15)
    def written(root):  # what the generator wrote; `check` (other tests) adds its cache under build/
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and p.relative_to(root).parts[0] != "build"}

    first, second = written(made.root), written(again.root)
    assert first.keys() == second.keys() and first == second


def test_per_year_is_bounded_by_the_three_digit_ids(tmp_path):
    with pytest.raises(ValueError):
        synthetic.generate(REPO_ROOT, tmp_path / "x", 10, per_year=1000)


def test_a_repository_without_sample_proposals_is_a_clear_error(mini_repo, tmp_path):
    from generator.errors import KhrongkanError

    (mini_repo.root / "proposals").rename(tmp_path / "moved")
    with pytest.raises(KhrongkanError, match="ไม่พบแบบเสนอโครงการตัวอย่าง"):
        synthetic.generate(mini_repo.root, tmp_path / "x", 3)
