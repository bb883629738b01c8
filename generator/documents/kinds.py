"""Every kind of document, with its template and a sample context for the template check
(generator.templates_check)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .proposal import sample_proposal_context
from .report import sample_report_context


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its template file in templates/ and a sample context for the check."""

    template: str
    sample_context: Callable[[], dict]


# The sample contexts of the kinds built outside this package are imported when asked for: those
# modules import the Formatter from here.

def _agenda() -> dict:
    from ..committee import sample_agenda_context

    return sample_agenda_context()


def _minutes() -> dict:
    from ..committee import sample_minutes_context

    return sample_minutes_context()


def _summary() -> dict:
    from ..summaries import sample_summary_context

    return sample_summary_context()


def _visit() -> dict:
    from ..visit_document import sample_visit_context

    return sample_visit_context()


def _progress() -> dict:
    from ..progress import sample_progress_context

    return sample_progress_context()


def _plan() -> dict:
    from ..plan_document import sample_plan_context

    return sample_plan_context()


DOCUMENT_KINDS: dict[str, DocumentKind] = {
    "proposal": DocumentKind("proposal.docx", sample_proposal_context),  # แบบเสนอโครงการ
    "report": DocumentKind("report.docx", sample_report_context),  # รายงานความก้าวหน้า / รายงานปิดโครงการ
    # The committee's documents (generator.committee, generator.summaries).
    "agenda": DocumentKind("agenda.docx", _agenda),  # ระเบียบวาระการประชุม
    "minutes": DocumentKind("minutes.docx", _minutes),  # บันทึกการประชุม
    "summary": DocumentKind("summary.docx", _summary),  # สรุปภาพรวมจังหวัด
    # After approval (generator.visit_document, generator.progress).
    "visit": DocumentKind("visit.docx", _visit),  # บันทึกการติดตามหนุนเสริม
    "progress": DocumentKind("progress.docx", _progress),  # รายงานความก้าวหน้าต่อชุดใหญ่
    # The provincial plan and its coverage (generator.plan_document).
    "plan": DocumentKind("plan.docx", _plan),  # แผนยุทธศาสตร์จังหวัด
}
