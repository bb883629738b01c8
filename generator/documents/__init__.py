"""Documents: Word files in the institute's Thai formats, rendered from templates/*.docx.

The package, in the order the data travels:
- engine: the one adapter around docxtpl, and the templates compiled once per process;
- formatter: the Formatter every value goes through, and what all contexts share;
- proposal, report: one context builder per kind (the committee's, the follow-up's and the
  plan's documents build theirs in generator.committee, summaries, visit_document, progress and
  plan_document); kinds: every kind with its template and a sample context (sample: the minimal
  repository those are built from), which the template check uses;
- batch: `render_all`, the jobs, the manifest that skips unchanged outputs, the process pool;
- pdf: conversion to PDF with LibreOffice.
Context builders do all formatting through generator.thai (Buddhist-Era dates, money, baht in
words, Thai digits); templates only place values.

The names other modules import are re-exported here, so `from generator.documents import X` works.
"""

from __future__ import annotations

from ..files import write_atomic
from ..vocabulary import ACTIVITY_STATUS_TH as STATUS_TH
from ..vocabulary import CONTRIBUTION_KIND_TH as CONTRIBUTION_TH
from ..vocabulary import PROJECT_KIND_TH as KIND_TH
from .batch import (GENERATOR_VERSION, MANIFEST, Job, Manifest, RenderResult, render_all,
                    render_pdfs, select_proposals)
from .engine import (FIXED_TIME, PHOTO_MAX_HEIGHT_MM, PHOTO_MAX_PIXELS, PHOTO_MAX_WIDTH_MM, ZIP_TIME,
                     CompiledTemplate, Declined, Image, apply_font, clean_text, compiled, fixed_core_properties,
                     jinja_environment, normalize_package, render_docx, render_to_bytes, render_with_docxtpl,
                     template_path, thai_digits_in_headings, thai_digits_in_run)
from .formatter import DASH, Formatter, _common, movement_name, subdistricts_text
from .kinds import DOCUMENT_KINDS, DocumentKind
from .pdf import convert_to_pdf, find_soffice
from .proposal import plan_text, proposal_context, sample_proposal_context
from .report import REPORT_TITLE_TH, report_context, sample_report_context
from .sample import sample_repository

__all__ = [
    "write_atomic",
    "STATUS_TH",
    "CONTRIBUTION_TH",
    "KIND_TH",
    "GENERATOR_VERSION",
    "MANIFEST",
    "Job",
    "Manifest",
    "RenderResult",
    "render_all",
    "render_pdfs",
    "select_proposals",
    "FIXED_TIME",
    "PHOTO_MAX_HEIGHT_MM",
    "PHOTO_MAX_PIXELS",
    "PHOTO_MAX_WIDTH_MM",
    "ZIP_TIME",
    "CompiledTemplate",
    "Declined",
    "Image",
    "apply_font",
    "clean_text",
    "compiled",
    "fixed_core_properties",
    "jinja_environment",
    "normalize_package",
    "render_docx",
    "render_to_bytes",
    "render_with_docxtpl",
    "template_path",
    "thai_digits_in_headings",
    "thai_digits_in_run",
    "DASH",
    "Formatter",
    "_common",
    "movement_name",
    "subdistricts_text",
    "DOCUMENT_KINDS",
    "DocumentKind",
    "convert_to_pdf",
    "find_soffice",
    "plan_text",
    "proposal_context",
    "sample_proposal_context",
    "REPORT_TITLE_TH",
    "report_context",
    "sample_report_context",
    "sample_repository",
]
