"""Committee workflow: quorum and authority, status from meetings, agenda, minutes, fingerprints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from generator import committee
from generator.cli import main
from generator.model import Settings

from conftest import MEETING, PROPOSAL, PROPOSAL_DIR, committee_yaml

PROPOSAL_FILE = f"{PROPOSAL_DIR}/proposal.yaml"
SECOND_DIR = "proposals/2570/2570-002-lamae-housing"
MEETING_1 = "meetings/2570/01.yaml"
MEETING_2 = "meetings/2570/02.yaml"
FIRST_ID = "2570-001-naphoe-welfare"
SECOND_ID = "2570-002-lamae-housing"


def _codes(result) -> list[str]:
    return [p.code for p in result.problems]


def _meeting(body: str = "large", day: str = "2026-10-08", attendees=("l01", "l02", "l03"), decisions: str = "") -> str:
    text = f"body: {body}\ndate: {day}\nplace: ศาลากลางจังหวัดชุมพร\nattendees: [{', '.join(attendees)}]\n"
    return text + (f"decisions:\n{decisions}" if decisions else "")


def _decision(proposal: str = FIRST_ID, decision: str = "approved", extra: str = "") -> str:
    return f"  - proposal: {proposal}\n    decision: {decision}\n{extra}"


def _docx_text(path) -> str:
    document = WordDocument(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def _second_proposal(mini_repo, submitted: str = "2026-10-20") -> None:
    text = (PROPOSAL.replace("district: สวี", "district: ละแม").replace("subdistricts: [นาโพธิ์]", "subdistricts: [ละแม]")
            .replace("title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์", "title: โครงการบ้านมั่นคงตำบลละแม")
            .replace("issue: สวัสดิการชุมชน", "issue: บ้านมั่นคง").replace("submitted: 2026-10-01", f"submitted: {submitted}"))
    mini_repo.write(f"{SECOND_DIR}/proposal.yaml", text)


# --- quorum --------------------------------------------------------------------------------------

@pytest.mark.parametrize("members, needed", [(38, 20), (37, 19), (4, 3), (5, 3), (1, 1), (2, 2)])
def test_more_than_half(members, needed):
    assert Settings().quorum_needed(members) == needed


@pytest.mark.parametrize("fraction, members, needed", [("0.5", 38, 19), ("0.5", 37, 19), ("0.6", 37, 23),
                                                       ("0.5", 4, 2), ("1", 5, 5)])
def test_at_least_fraction(fraction, members, needed):
    settings = Settings(quorum_rule="at_least_fraction", quorum_fraction=Decimal(fraction))
    assert settings.quorum_needed(members) == needed


def test_exactly_half_is_not_a_quorum(mini_repo):
    mini_repo.write(MEETING_1, _meeting(attendees=("l01", "l02", "s01"), decisions=_decision()))
    result = mini_repo.check()
    r005 = [p for p in result.problems if p.code == "R005"]
    assert len(r005) == 1
    assert r005[0].file == MEETING_1
    assert r005[0].line == mini_repo.line_of(MEETING_1, "decision: approved")
    assert r005[0].params["present"] == 2 and r005[0].params["needed"] == 3 and r005[0].params["total"] == 4
    assert "มา 2 คน" in r005[0].message("th") and "3 จาก 4" in r005[0].message("th")
    # A decision taken without a quorum does not count: the proposal is still awaiting one.
    assert result.repository.proposals[FIRST_ID].status == "submitted"


def test_half_plus_one_is_a_quorum(mini_repo):
    mini_repo.write(MEETING_1, _meeting(attendees=("l01", "l02", "l03"), decisions=_decision()))
    result = mini_repo.check()
    assert not result.problems
    assert result.repository.meetings[0].has_quorum
    assert result.repository.proposals[FIRST_ID].status == "approved"


def test_odd_committee(mini_repo):
    mini_repo.write("committee.yaml", committee_yaml(large=5))
    mini_repo.write(MEETING_1, _meeting(attendees=("l01", "l02"), decisions=_decision(decision="rejected")))
    problem = next(p for p in mini_repo.check().problems if p.code == "R005")
    assert (problem.params["present"], problem.params["needed"], problem.params["total"]) == (2, 3, 5)
    mini_repo.write(MEETING_1, _meeting(attendees=("l01", "l02", "l05"), decisions=_decision(decision="rejected")))
    result = mini_repo.check()
    assert "R005" not in _codes(result)
    assert result.repository.proposals[FIRST_ID].status == "rejected"


def test_at_least_fraction_from_settings(mini_repo):
    mini_repo.replace("khrongkan.yaml", "rule: more_than_half", "rule: at_least_fraction\n  fraction: 0.5")
    mini_repo.write(MEETING_1, _meeting(attendees=("l01", "l02"), decisions=_decision()))
    result = mini_repo.check()
    assert "R005" not in _codes(result)
    assert result.repository.meetings[0].quorum_needed == 2
    assert result.repository.proposals[FIRST_ID].status == "approved"


def test_secretariat_attendees_do_not_count_toward_the_quorum(mini_repo):
    mini_repo.write(MEETING_1, _meeting(attendees=("l01", "l02", "s01", "s02"), decisions=_decision()))
    meeting = mini_repo.check().repository.meetings[0]
    assert (meeting.large_present, meeting.quorum_needed, meeting.has_quorum) == (2, 3, False)


# --- authority and references ------------------------------------------------------------------

@pytest.mark.parametrize("decision", ["approved", "rejected"])
def test_small_meeting_cannot_approve_or_reject(mini_repo, decision):
    mini_repo.write(MEETING_1, _meeting(body="small", attendees=("s01", "s02"), decisions=_decision(decision=decision)))
    result = mini_repo.check()
    r009 = [p for p in result.problems if p.code == "R009"]
    assert len(r009) == 1 and r009[0].line == mini_repo.line_of(MEETING_1, f"decision: {decision}")
    assert result.repository.proposals[FIRST_ID].status == "submitted"


def test_small_meeting_may_send_back_but_not_undo_an_approval(mini_repo):
    mini_repo.write(MEETING_1, MEETING)
    mini_repo.write(MEETING_2, _meeting(body="small", day="2026-11-12", attendees=("s01",),
                                        decisions=_decision(decision="revise")))
    result = mini_repo.check()
    assert not result.errors
    proposal = result.repository.proposals[FIRST_ID]
    assert proposal.status == "approved" and proposal.approved == Decimal(2000)
    # Before any approval, a small meeting's "revise" does count.
    mini_repo.write(MEETING_1, _meeting(body="small", attendees=("s01",), decisions=_decision(decision="revise")))
    (mini_repo.root / MEETING_2).unlink()
    assert mini_repo.check().repository.proposals[FIRST_ID].status == "revise"


def test_decision_for_an_unknown_proposal(mini_repo):
    mini_repo.write(MEETING_1, _meeting(decisions=_decision(proposal="2570-001-naphoe-welfar")))
    problem = next(p for p in mini_repo.check().problems if p.code == "R003")
    assert problem.line == mini_repo.line_of(MEETING_1, "proposal: 2570-001-naphoe-welfar")
    assert "2570-001-naphoe-welfare" in problem.message("th")  # did you mean


def test_approved_amount_above_the_request(mini_repo):
    mini_repo.write(MEETING_1, _meeting(decisions=_decision(extra="    amount: 3100.01\n")))
    problem = next(p for p in mini_repo.check().problems if p.code == "R006")
    assert problem.line == mini_repo.line_of(MEETING_1, "amount: 3100.01")
    assert "3,100.01" in problem.message("th") and "3,100" in problem.message("th")
    mini_repo.write(MEETING_1, _meeting(decisions=_decision(extra="    amount: 3100\n")))
    assert "R006" not in _codes(mini_repo.check())


# --- status and pending ------------------------------------------------------------------------

def test_rejected_then_submitted_again_is_pending_again(mini_repo):
    mini_repo.write(MEETING_1, _meeting(decisions=_decision(decision="rejected")))
    repository = mini_repo.check().repository
    assert repository.proposals[FIRST_ID].status == "rejected"
    assert repository.pending_at(date(2026, 12, 1)) == []
    mini_repo.replace(PROPOSAL_FILE, "submitted: 2026-10-01", "submitted: 2026-11-01")
    repository = mini_repo.check().repository
    assert repository.proposals[FIRST_ID].status == "submitted"
    assert [p.id for p in repository.pending_at(date(2026, 12, 1))] == [FIRST_ID]
    assert repository.pending_at(date(2026, 10, 20)) == []  # not yet submitted again on that day
    mini_repo.write(MEETING_2, _meeting(day="2026-12-01", attendees=()))
    repository = mini_repo.check().repository
    items = committee.agenda_items(repository, repository.meetings[1])
    assert [i.proposal.id for i in items] == [FIRST_ID]
    assert items[0].returning.decision == "rejected" and "(ไม่อนุมัติ)" in items[0].mark_th


# --- agenda --------------------------------------------------------------------------------------

def test_agenda_before_and_after_a_decision(mini_repo):
    _second_proposal(mini_repo)
    mini_repo.write(MEETING_1, MEETING)  # 8 Oct 2026: approves the first proposal
    mini_repo.write(MEETING_2, _meeting(day="2026-11-10", attendees=()))
    repository = mini_repo.check().repository
    first, coming = repository.meetings
    # On the day of meeting 1 the first proposal was pending (decided AT it, not before it);
    # the second was not submitted yet.
    assert [i.proposal.id for i in committee.agenda_items(repository, first)] == [FIRST_ID]
    # The next agenda: the approved one is gone, the new one is there.
    items = committee.agenda_items(repository, coming)
    assert [i.proposal.id for i in items] == [SECOND_ID]
    assert items[0].returning is None and items[0].mark_th == "เสนอใหม่"


def test_agenda_marks_proposals_sent_back_as_returning(mini_repo):
    mini_repo.write(MEETING_1, _meeting(decisions=_decision(decision="revise", extra="    note: ลดงบศึกษาดูงาน\n")))
    mini_repo.write(MEETING_2, _meeting(day="2026-11-10", attendees=()))
    repository = mini_repo.check().repository
    items = committee.agenda_items(repository, repository.meetings[1])
    assert [i.proposal.id for i in items] == [FIRST_ID]
    assert items[0].returning.decision == "revise"
    context = committee.agenda_context(repository, repository.meetings[1])
    assert context["items"][0]["returning"] is True
    assert "1/2570" in context["items"][0]["mark"]
    assert context["proposals"][0]["previous_note"] == "ลดงบศึกษาดูงาน"


def test_agenda_docx(mini_repo, tmp_path):
    _second_proposal(mini_repo)
    mini_repo.write(MEETING_1, MEETING)
    mini_repo.write("meetings/2570/03.yaml", _meeting(day="2026-11-10", attendees=()))
    result = CliRunner().invoke(main, ["agenda", str(mini_repo.root / "meetings/2570/03.yaml"),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "meeting-2570-03-agenda.docx"
    assert "meeting-2570-03-agenda.docx" in result.output
    stamp, content = path.stat().st_mtime_ns, path.read_bytes()
    again = CliRunner().invoke(main, ["agenda", str(mini_repo.root / "meetings/2570/03.yaml"),
                                      "--out", str(tmp_path / "out")])
    assert again.exit_code == 0 and path.read_bytes() == content
    assert path.stat().st_mtime_ns == stamp, "the same agenda again: the file is not rewritten"
    text = _docx_text(path)
    assert "ระเบียบวาระการประชุมคณะยุทธศาสตร์ชุดใหญ่" in text
    assert "ครั้งที่ 3/2570" in text and "10 พฤศจิกายน 2569" in text and "ศาลากลางจังหวัดชุมพร" in text
    assert "อย่างน้อย 3 คน จาก 4 คน" in text  # quorum of the 4-member large committee
    assert "โครงการบ้านมั่นคงตำบลละแม" in text and "2570-002" in text
    assert "โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์" not in text  # approved at meeting 1
    # The proposal's page: organization, area, period, objectives, activities with budget, words.
    assert "กองทุนสวัสดิการชุมชนตำบลนาโพธิ์" in text
    assert "ตำบลละแม อำเภอละแม" in text and "15 ตุลาคม 2569 - 31 มีนาคม 2570" in text
    assert "เพื่อเพิ่มสมาชิกกองทุน" in text and "เวทีสรุปบทเรียน" in text
    assert "3,100" in text and "สามพันหนึ่งร้อยบาทถ้วน" in text
    assert "นางกรรมการ เล็ก1" in text  # the coordinator s01, by name
    assert "fingerprint: " + mini_repo.check().repository.proposals[SECOND_ID].fingerprint() in text


# --- minutes -------------------------------------------------------------------------------------

def test_minutes_attendance_quorum_and_decisions(mini_repo, tmp_path):
    mini_repo.write(MEETING_1, MEETING.replace("    amount: 2000\n", "    amount: 2000\n    note: ให้ลดค่าเอกสาร\n"))
    repository = mini_repo.check().repository
    meeting = repository.meetings[0]
    roll = committee.attendance(repository, meeting)
    assert [m.id for m in roll.present] == ["l01", "l02", "l03"]
    assert [m.id for m in roll.absent] == ["l04"]
    assert (roll.large_present, roll.large_size, roll.needed, roll.reached) == (3, 4, 3, True)
    path = committee.render_minutes(repository, meeting, tmp_path)
    assert path.name == "meeting-2570-01-minutes.docx"
    text = _docx_text(path)
    assert "บันทึกการประชุมคณะยุทธศาสตร์ชุดใหญ่" in text and "ครั้งที่ 1/2570" in text
    assert "ผู้มาประชุม (3 คน)" in text and "นายกรรมการ ใหญ่1" in text and "นายกรรมการ ใหญ่3" in text
    assert "กรรมการชุดใหญ่ที่ไม่ได้มาประชุม (1 คน)" in text and "นายกรรมการ ใหญ่4" in text
    assert "ครบองค์ประชุม" in text
    assert "อนุมัติ งบประมาณ 2,000 บาท (สองพันบาทถ้วน)" in text
    assert "ให้ลดค่าเอกสาร" in text
    assert repository.proposals[FIRST_ID].fingerprint() in text


def test_minutes_say_whether_each_approval_records_the_proposal_as_it_is_now(mini_repo, tmp_path):
    mini_repo.write(MEETING_1, MEETING)
    repository = mini_repo.check().repository
    value = repository.proposals[FIRST_ID].fingerprint()
    text = _docx_text(committee.render_minutes(repository, repository.meetings[0], tmp_path))
    assert f"{value} (ยังไม่ได้บันทึกในไฟล์การประชุม)" in text  # what to record
    mini_repo.replace(MEETING_1, "    amount: 2000\n", f"    amount: 2000\n    fingerprint: {value}\n")
    repository = mini_repo.check().repository
    text = _docx_text(committee.render_minutes(repository, repository.meetings[0], tmp_path))
    assert f"{value} (ตรงกับที่บันทึกไว้)" in text
    mini_repo.replace(MEETING_1, f"fingerprint: {value}", "fingerprint: 0000deadbeef")
    repository = mini_repo.check().repository
    text = _docx_text(committee.render_minutes(repository, repository.meetings[0], tmp_path))
    assert "0000deadbeef (ไม่ตรง: แบบเสนอถูกแก้ไขหลังอนุมัติ ต้องเสนอพิจารณาใหม่)" in text  # the recorded value


def test_minutes_of_a_meeting_without_quorum_say_its_approvals_have_no_effect(mini_repo, tmp_path):
    mini_repo.write(MEETING_1, _meeting(attendees=("l01", "s01"), decisions=_decision()))
    repository = mini_repo.check().repository
    text = _docx_text(committee.render_minutes(repository, repository.meetings[0], tmp_path))
    assert "ไม่ครบองค์ประชุม" in text
    assert "มติไม่มีผล: ไม่ครบองค์ประชุม (กรรมการชุดใหญ่มา 1 คน ต้องมีอย่างน้อย 3 คน)" in text
    assert "นางกรรมการ เล็ก1" in text  # the secretariat member is listed as present


def test_minutes_refuse_a_meeting_not_held(mini_repo, tmp_path):
    mini_repo.write(MEETING_2, _meeting(day="2026-11-10", attendees=()))
    result = CliRunner().invoke(main, ["minutes", str(mini_repo.root / MEETING_2), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "ยังไม่มีผู้เข้าประชุม" in result.output and "Traceback" not in result.output


def test_unknown_meeting_file_is_a_message(mini_repo, tmp_path):
    result = CliRunner().invoke(main, ["agenda", str(mini_repo.root / "meetings/2570/09.yaml"), "--repo",
                                       str(mini_repo.root), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "ไม่พบการประชุม" in result.output


# --- fingerprints --------------------------------------------------------------------------------

def test_fingerprint_flags_an_edit_after_approval(mini_repo):
    mini_repo.write(MEETING_1, MEETING)
    value = mini_repo.check().repository.proposals[FIRST_ID].fingerprint()
    # The command tells the secretariat the value to record, and where.
    out = CliRunner().invoke(main, ["fingerprint", "--repo", str(mini_repo.root)]).output
    assert f"{FIRST_ID}  fingerprint: {value}" in out and f"{MEETING_1}:" in out
    assert "ยังไม่ได้บันทึก" in out
    mini_repo.replace(MEETING_1, "    amount: 2000\n", f"    amount: 2000\n    fingerprint: {value}\n")
    assert not mini_repo.check().problems
    assert "ตรงกับที่บันทึกไว้" in CliRunner().invoke(main, ["fingerprint", "--repo", str(mini_repo.root)]).output
    # Comments and layout are not content: no flag.
    mini_repo.replace(PROPOSAL_FILE, "title:", "# แก้ไขความเห็น\ntitle:")
    assert not mini_repo.check().problems
    # A changed amount is: R010, a warning at the proposal's title, naming the meeting.
    mini_repo.replace(PROPOSAL_FILE, "unit_cost: 80", "unit_cost: 90")
    result = mini_repo.check()
    r010 = [p for p in result.problems if p.code == "R010"]
    assert len(r010) == 1 and not r010[0].is_error
    assert r010[0].file == PROPOSAL_FILE and r010[0].line == mini_repo.line_of(PROPOSAL_FILE, "title:")
    assert "1/2570" in r010[0].message("th") and "khrongkan fingerprint" in r010[0].message("th")
    # The next agenda brings it back for re-approval.
    mini_repo.write(MEETING_2, _meeting(day="2026-11-10", attendees=()))
    repository = mini_repo.check().repository
    items = committee.agenda_items(repository, repository.meetings[1])
    assert [i.proposal.id for i in items] == [FIRST_ID] and items[0].reapproval is not None
    assert "แก้ไขหลังอนุมัติ" in items[0].mark_th
    # Approved again with the new fingerprint: the flag goes.
    new_value = repository.proposals[FIRST_ID].fingerprint()
    mini_repo.write(MEETING_2, _meeting(day="2026-11-10", decisions=_decision(extra=f"    fingerprint: {new_value}\n")))
    assert "R010" not in _codes(mini_repo.check())


def test_minutes_command_prints_the_fingerprints_to_record(mini_repo, tmp_path):
    mini_repo.write(MEETING_1, MEETING)
    value = mini_repo.check().repository.proposals[FIRST_ID].fingerprint()
    result = CliRunner().invoke(main, ["minutes", str(mini_repo.root / MEETING_1), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"fingerprint: {value}" in result.output
    assert (tmp_path / "meeting-2570-01-minutes.docx").is_file()


def test_fingerprint_of_a_proposal_without_approval_and_of_an_unknown_id(mini_repo):
    runner = CliRunner()
    out = runner.invoke(main, ["fingerprint", "2570-001", "--repo", str(mini_repo.root)]).output
    assert "ยังไม่มีมติอนุมัติ" in out and FIRST_ID in out
    result = runner.invoke(main, ["fingerprint", "2570-009", "--repo", str(mini_repo.root)])
    assert result.exit_code == 1 and "ไม่พบโครงการรหัส '2570-009'" in result.output


def test_thai_digits_setting(mini_repo, tmp_path):
    mini_repo.write("khrongkan.yaml", mini_repo.root.joinpath("khrongkan.yaml").read_text(encoding="utf-8")
                    + "thai_digits: true\n")
    mini_repo.write(MEETING_1, MEETING)
    repository = mini_repo.check().repository
    text = _docx_text(committee.render_minutes(repository, repository.meetings[0], tmp_path))
    assert "ครั้งที่ ๑/๒๕๗๐" in text and "๒,๐๐๐ บาท (สองพันบาทถ้วน)" in text and "8 ตุลาคม" not in text


def test_committee_templates_pass_the_template_check(sample_root):
    from generator.documents import DOCUMENT_KINDS
    from generator.templates_check import check_templates

    assert {"agenda", "minutes", "summary"} <= set(DOCUMENT_KINDS)
    assert [p for p in check_templates(sample_root) if p.file.split("/")[-1] in
            ("agenda.docx", "minutes.docx", "summary.docx")] == []


# --- the sample repository -----------------------------------------------------------------------

def test_sample_records_fingerprints_and_checks_clean(sample_root):
    from generator.validate import check_repository

    result = check_repository(sample_root)
    assert "R010" not in _codes(result)
    checks = committee.approval_fingerprints(result.repository)
    assert len(checks) == 4 and all(c.state == committee.RECORDED for c in checks)


def test_sample_agenda_of_the_coming_meeting(sample_root):
    from generator.validate import check_repository

    repository = check_repository(sample_root).repository
    meeting = committee.find_meeting(repository, "meetings/2570/03.yaml")
    items = committee.agenda_items(repository, meeting)
    ids = [i.proposal.id for i in items]
    assert not any(i in ids for i in ("2570-001-thasae-welfare", "2570-002-lamae-housing"))  # approved at 1/2570
    assert "2570-005-langsuan-council" in ids  # sent back at 1/2570: returning
    assert next(i for i in items if i.proposal.id == "2570-005-langsuan-council").returning is not None
    assert all(p.submitted for p in (i.proposal for i in items))  # drafts never on an agenda


# --- what the documents look like ------------------------------------------------------------------

def _pdf_pages(pdf) -> list[str]:
    import subprocess

    count = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]


@pytest.mark.libreoffice
def test_agenda_pdf_is_converted_again_only_when_the_agenda_changed(mini_repo, tmp_path):
    mini_repo.write("meetings/2570/03.yaml", _meeting(day="2026-11-10", attendees=()))
    command = ["agenda", str(mini_repo.root / "meetings/2570/03.yaml"), "--pdf", "--out", str(tmp_path)]
    first = CliRunner().invoke(main, command)
    assert first.exit_code == 0, first.output
    pdf = tmp_path / "meeting-2570-03-agenda.pdf"
    assert "meeting-2570-03-agenda.pdf" in first.output and pdf.stat().st_size > 0
    stamp = pdf.stat().st_mtime_ns
    again = CliRunner().invoke(main, command)
    assert again.exit_code == 0 and "ไม่เปลี่ยนแปลง (unchanged)" in again.output
    assert pdf.stat().st_mtime_ns == stamp  # LibreOffice did not run again


def test_agenda_minutes_and_summary_as_pdf(sample_root, tmp_path, test_output):
    """Render the sample's agenda, minutes and roll-up through LibreOffice; page 1 of each is
    kept as a PNG in test-output/ for people to look at."""
    import subprocess

    from generator import summaries
    from generator.documents import convert_to_pdf
    from generator.validate import check_repository

    repository = check_repository(sample_root).repository
    agenda = committee.render_agenda(repository, committee.find_meeting(repository, "meetings/2570/03.yaml"), tmp_path)
    minutes = committee.render_minutes(repository, committee.find_meeting(repository, "meetings/2570/01.yaml"), tmp_path)
    summary = next(p for p in summaries.write_summary(repository, 2570, tmp_path) if p.suffix == ".docx")
    pdfs = convert_to_pdf([agenda, minutes, summary], tmp_path / "pdf")
    assert [p.name for p in pdfs] == ["meeting-2570-03-agenda.pdf", "meeting-2570-01-minutes.pdf", "summary-2570.pdf"]
    for pdf in pdfs:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "THSarabunNew" in fonts and "THSarabunNew-Bold" in fonts, f"{pdf.name}: not in TH Sarabun New ({fonts})"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(test_output / pdf.stem)], check=True)
        assert (test_output / f"{pdf.stem}.png").stat().st_size > 10_000

    pages = _pdf_pages(pdfs[0])
    assert "ระเบียบวาระการประชุมคณะยุทธศาสตร์ชุดใหญ่" in pages[0]
    sheets = [page for page in pages if "เอกสารประกอบวาระที่" in page]
    assert len(sheets) == len(committee.agenda_items(repository, repository.meetings[-1])) == 4
    for sheet in sheets:  # one page per proposal: each sheet ends with its decision box on the same page
        assert "fingerprint:" in sheet and "อนุมัติ" in sheet.split("fingerprint:")[1]
    minutes_text = "".join(_pdf_pages(pdfs[1]))
    assert "ครบองค์ประชุม" in minutes_text and "93cb3902d773" in minutes_text
    summary_text = "".join(_pdf_pages(pdfs[2]))
    assert "สรุปภาพรวมโครงการ" in summary_text and "887,415" in summary_text  # the province's requested total


# --- the agenda's time and standard items; the approval code in the minutes -----------------------

def test_agenda_shows_the_meeting_time_and_the_standard_items(mini_repo, tmp_path):
    from problem_asserts import the_problem  # noqa: F401 (the helper module of the problem tests)

    _second_proposal(mini_repo)
    mini_repo.write(MEETING_1, MEETING.replace("decision: approved", "decision: revise"))
    mini_repo.write("meetings/2570/03.yaml", _meeting(day="2026-11-10", attendees=()) + 'time: "9:30"\n')
    repository = mini_repo.check().repository
    assert repository.meetings[-1].time == "9:30"
    path = committee.render_agenda(repository, repository.meetings[-1], tmp_path)
    text = _docx_text(path)
    assert "10 พฤศจิกายน 2569 เวลา 09.30 น." in text
    headings = [p.text for p in WordDocument(str(path)).paragraphs if p.style.name == "Heading 1"]
    assert headings == ["ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
                        "ระเบียบวาระที่ 2 รับรองรายงานการประชุมครั้งที่แล้ว",
                        "ระเบียบวาระที่ 3 เรื่องสืบเนื่องจากการประชุมครั้งที่แล้ว",
                        "ระเบียบวาระที่ 4 เรื่องเพื่อพิจารณา",
                        "ระเบียบวาระที่ 5 เรื่องอื่น ๆ (ถ้ามี)"]
    # The proposal sent back at meeting 1 is a matter arising, decided under item 4.
    assert "(เสนอกลับมาจากการประชุมครั้งที่ 1/2570 (ให้ปรับปรุงแล้วเสนอใหม่)) พิจารณาในระเบียบวาระที่ 4.1" in text
    assert "เอกสารประกอบวาระที่ 4.1" in text and "4.2" in text


def test_agenda_without_a_time_says_only_the_date(mini_repo, tmp_path):
    mini_repo.write("meetings/2570/03.yaml", _meeting(day="2026-11-10", attendees=()))
    repository = mini_repo.check().repository
    text = _docx_text(committee.render_agenda(repository, repository.meetings[-1], tmp_path))
    assert "10 พฤศจิกายน 2569" in text and "เวลา" not in text.split("สถานที่")[0]


# PyYAML (YAML 1.1) reads 13:00 as the base-60 number 780 and 9.30 as 9.3; 09:30 (a leading 0)
# happens to stay text.
@pytest.mark.parametrize("written", ["13:00", "9:30", "9.30"])
def test_an_unquoted_time_is_the_yaml_number_trap_and_says_to_quote_it(mini_repo, written):
    from problem_asserts import the_problem

    mini_repo.write("meetings/2570/03.yaml", _meeting(day="2026-11-10", attendees=()) + f"time: {written}\n")
    result = mini_repo.check()
    problem = the_problem(result, "S007", "meetings/2570/03.yaml", 5, f"YAML อ่าน {written} ใน เวลาเริ่มประชุม (time) เป็นตัวเลข")
    assert f'time: "{written}"' in problem.message("th")
    assert _codes(result) == ["S007"]


def test_a_time_that_is_not_a_clock_time_is_an_error(mini_repo):
    from problem_asserts import the_problem

    mini_repo.write("meetings/2570/03.yaml", _meeting(day="2026-11-10", attendees=()) + 'time: "25:00"\n')
    the_problem(mini_repo.check(), "S009", "meetings/2570/03.yaml", 5, "เวลาเริ่มประชุม (time) ไม่ตรงรูปแบบ")


def test_minutes_explain_the_approval_code_in_thai_and_never_call_it_a_fingerprint(mini_repo, tmp_path):
    mini_repo.write(MEETING_1, MEETING)
    repository = mini_repo.check().repository
    text = _docx_text(committee.render_minutes(repository, repository.meetings[0], tmp_path))
    code = repository.proposals[FIRST_ID].fingerprint()
    assert f"รหัสตรวจสอบฉบับที่อนุมัติ {code}" in text
    assert "ใต้มติอนุมัติแต่ละเรื่องมีรหัสตรวจสอบฉบับที่อนุมัติ ซึ่งคำนวณจากเนื้อหาของแบบเสนอโครงการ" in text
    assert "ลายนิ้วมือ" not in text
    result = CliRunner().invoke(main, ["minutes", str(mini_repo.root / MEETING_1), "--out", str(tmp_path / "cli")])
    assert "รหัสตรวจสอบฉบับที่อนุมัติ" in result.output and "ลายนิ้วมือ" not in result.output
    assert "ลายนิ้วมือ" not in CliRunner().invoke(main, ["fingerprint", "--help"]).output


def test_thai_digits_reach_the_agenda_item_numbers(mini_repo, tmp_path):
    mini_repo.write("khrongkan.yaml", mini_repo.root.joinpath("khrongkan.yaml").read_text(encoding="utf-8")
                    + "thai_digits: true\n")
    mini_repo.write("meetings/2570/03.yaml", _meeting(day="2026-11-10", attendees=()) + 'time: "13:00"\n')
    repository = mini_repo.check().repository
    text = _docx_text(committee.render_agenda(repository, repository.meetings[-1], tmp_path))
    assert "ระเบียบวาระที่ ๔ เรื่องเพื่อพิจารณา" in text and "๔.๑" in text and "เวลา ๑๓.๐๐ น." in text
    assert "ระเบียบวาระที่ 4" not in text


def test_minutes_give_the_starting_time_and_the_id_on_its_own_line(mini_repo, tmp_path):
    mini_repo.write(MEETING_1, MEETING + 'time: "09:30"\n')
    repository = mini_repo.check().repository
    path = committee.render_minutes(repository, repository.meetings[0], tmp_path)
    text = _docx_text(path)
    assert "เริ่มประชุมเวลา 09.30 น." in text
    assert f"รหัส {FIRST_ID}  กองทุนสวัสดิการชุมชนตำบลนาโพธิ์" in text
    headings = [p.text for p in WordDocument(str(path)).paragraphs if p.style.name == "Heading 2"]
    assert headings == ["1. โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์"]  # no ID to break at its hyphens
