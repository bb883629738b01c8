"""The template check: every Word template in templates/ parses and uses only what its kind provides.

For each kind in documents.DOCUMENT_KINDS: a missing template is T003, a tag Jinja cannot parse
is T001 (naming the template, never a traceback), and a variable the kind's context does not
have is T002 with a "did you mean". Names used at the top level are found with docxtpl's
get_undeclared_template_variables; then a trial render with the kind's sample context catches
misspelt attributes (a.nmae) too.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem, suggestion

_MISSING_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def cached_check_templates(root: Path) -> list[Problem]:
    """`check_templates`, read back from build/cache/ while no Word template changed: it costs
    about a second (Jinja, python-docx and a trial render of every kind) on every `check`.
    The key holds every .docx of the repository's templates/ and of the package's defaults (the
    kinds' sample contexts are code, in every key through the code fingerprint)."""
    from . import resources
    from .cache import Cache, PicklingError

    cache = Cache(root, "templates-check")
    parts = []
    for folder in (Path(root) / resources.WORD_TEMPLATES, resources.defaults_dir() / resources.WORD_TEMPLATES):
        for path in sorted(folder.glob("*.docx")) if folder.is_dir() else []:
            try:
                parts += [path.as_posix(), path.read_bytes()]
            except OSError:  # unreadable: the check itself says so, every time
                return check_templates(root)
    key = cache.key(*parts)
    found = cache.get_object(key)
    if isinstance(found, list):
        return found
    found = check_templates(root)
    try:
        cache.put_object(key, found)
    except (OSError, PicklingError):  # a build/ that cannot be written: no cache
        pass
    return found


def check_templates(root: Path) -> list[Problem]:
    import zipfile

    import jinja2
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    from .documents import DOCUMENT_KINDS, jinja_environment, render_to_bytes, template_path

    problems: list[Problem] = []
    for kind, spec in DOCUMENT_KINDS.items():
        path = template_path(root, spec.template)
        shown = f"templates/{spec.template}"  # the repository's own, or the package's default of that name
        if not path.is_file():
            problems.append(Problem("T003", shown, params={"template": shown}))
            continue
        context = spec.sample_context()
        try:
            undeclared = DocxTemplate(str(path)).get_undeclared_template_variables(jinja_environment())
        except jinja2.TemplateSyntaxError as exc:
            problems.append(_broken(shown, exc.message or str(exc)))
            continue
        except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
            problems.append(Problem("T001", shown, params={"template": shown,
                                                           "detail": f"ไม่ใช่ไฟล์ Word .docx ({exc})"}))
            continue
        unknown = sorted(name for name in undeclared if name not in context)
        for name in unknown:
            problems.append(Problem("T002", shown, params={"template": shown, "value": name,
                                                           **suggestion(name, list(context))}))
        if unknown:
            continue
        try:
            render_to_bytes(path, context)
        except jinja2.UndefinedError as exc:
            match = _MISSING_ATTRIBUTE.search(exc.message or "")
            name = (match.group(1) or match.group(2)) if match else (exc.message or str(exc))
            choices = _attribute_names(context)
            problems.append(Problem("T002", shown, params={"template": shown, "value": name,
                                                           **suggestion(name, choices)}))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(_broken(shown, exc.message or str(exc)))
        except jinja2.TemplateError as exc:
            problems.append(Problem("T001", shown, params={"template": shown, "detail": str(exc)}))
    return problems


def _broken(shown: str, message: str) -> Problem:
    # The line Jinja reports is a line of the document's XML, meaningless in Word: not shown.
    return Problem("T001", shown, params={"template": shown, "detail": message})


def _attribute_names(value, depth: int = 0) -> list[str]:
    """Every key anywhere in a context (for suggestions on misspelt attributes)."""
    names: list[str] = []
    if depth > 4:
        return names
    if isinstance(value, dict):
        for key, item in value.items():
            names.append(str(key))
            names += _attribute_names(item, depth + 1)
    elif isinstance(value, list) and value:
        names += _attribute_names(value[0], depth + 1)
    return sorted(set(names))
