"""A repository's own templates against the current defaults: what an override no longer has (T004).

When khrongkan's default proposal.docx starts showing a new field, a province that keeps its own
proposal.docx does not get it. `check` warns, naming what the default uses and the override
lacks: Jinja variables (and their attributes, `organization.name`) for Word and site templates,
keys and listed plugins/extensions/assets for mkdocs.yml. Guide pages have nothing to compare.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import __version__, resources
from .problems import Problem

# mkdocs.yml: lists whose items are names worth comparing (the menu is the province's own).
_NAMED_LISTS = {"plugins", "markdown_extensions", "extra_css", "extra_javascript"}
_SKIPPED_KEYS = {"nav", "site_name", "site_url", "docs_dir", "site_dir", "copyright"}


def check_overrides(root: Path, found: list | None = None) -> list[Problem]:
    """`found`: resources.overrides(root), when the caller has it already."""
    problems = []
    for resource in resources.overrides(root) if found is None else found:
        default = resources.defaults_dir() / resource.name
        try:
            missing = sorted(fields(default) - fields(resource.path))
        except ValueError:
            continue  # an override that does not parse is the template check's to report (T001)
        if missing:
            problems.append(Problem("T004", resource.name, params={
                "template": resource.name, "value": ", ".join(missing), "version": __version__,
                "name": resource.name.rsplit("/", 1)[-1]}))
    return problems


def fields(path: Path) -> set[str]:
    """What a template or configuration uses; ValueError when it cannot be read."""
    name = path.name
    if name.endswith(".docx"):
        return jinja_fields(_docx_source(path))
    if name.endswith(".j2"):
        source = path.read_text(encoding="utf-8")
        found = jinja_fields(source)
        # A template that extends or includes "default:NAME" uses what that default uses.
        for parent in re.findall(r"""["']default:([\w.-]+)["']""", source):
            default = resources.defaults_dir() / resources.SITE_TEMPLATES / parent
            if default.is_file() and default != path:
                found |= jinja_fields(default.read_text(encoding="utf-8"))
        return found
    if name.endswith((".yml", ".yaml")):
        return _config_fields(path)
    return set()


def jinja_fields(source: str) -> set[str]:
    """Top-level variables a Jinja template reads, and the attributes it reads of them."""
    import jinja2
    from jinja2 import meta, nodes

    environment = jinja2.Environment()
    # Filters and tests of the real environments (money, date, ...) need not exist to be read.
    environment.filters = _AnyName(environment.filters)
    environment.tests = _AnyName(environment.tests)
    try:
        tree = environment.parse(source)
    except jinja2.TemplateSyntaxError as error:
        raise ValueError(str(error)) from None
    top = meta.find_undeclared_variables(tree)
    found = set(top)
    for node in tree.find_all(nodes.Getattr):
        chain = []
        current = node
        while isinstance(current, nodes.Getattr):
            chain.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name) and current.name in top:
            found.add(".".join([current.name, *reversed(chain)]))
    return found


class _AnyName(dict):
    def __contains__(self, name) -> bool:
        return True

    def get(self, name, default=None):
        return super().get(name) or _anything


def _anything(*args, **kwargs):
    return None


def _docx_source(path: Path) -> str:
    """The Jinja text of a Word template as docxtpl renders it (body, headers, footers)."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    try:
        template = DocxTemplate(str(path))
        document = Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, OSError) as error:
        raise ValueError(str(error)) from None
    source = template.patch_xml(template.xml_to_string(document.element.body))
    for relation in document.part.rels.values():
        if relation.reltype in (template.HEADER_URI, template.FOOTER_URI) and relation.target_part.blob:
            source += template.patch_xml(template.xml_to_string(parse_xml(relation.target_part.blob)))
    return source


def _config_fields(path: Path) -> set[str]:
    import yaml

    class Loader(yaml.SafeLoader):
        """Reads MkDocs' own tags (!ENV, !!python/name:...) as nothing: only the keys matter here."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}
    except (yaml.YAMLError, OSError) as error:
        raise ValueError(str(error)) from None
    found = set()
    if not isinstance(data, dict):
        return found
    for key, value in data.items():
        if key in _SKIPPED_KEYS:
            continue
        found.add(str(key))
        if isinstance(value, dict):
            found |= {f"{key}.{inner}" for inner in value}
        elif isinstance(value, list) and key in _NAMED_LISTS:
            for item in value:
                if isinstance(item, dict):
                    found |= {f"{key}.{inner}" for inner in item}
                elif isinstance(item, str):
                    found.add(f"{key}.{item}")
    return found
