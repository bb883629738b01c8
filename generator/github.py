"""Problems as GitHub Actions workflow commands, so a pull request shows them on the changed lines.

    ::error file=proposals/2570/2570-001/proposal.yaml,line=12,col=3,title=S002::ขาดคีย์ที่ต้องมี ...

Escaping follows GitHub's toolkit (@actions/core `escapeData` / `escapeProperty`): in the message
%, CR and LF; in a property also `:` and `,`, which would otherwise end the property.
"""

from __future__ import annotations

from .problems import Problem


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, lang: str = "th") -> str:
    """One `::error` or `::warning` line for a problem."""
    command = "error" if problem.is_error else "warning"
    properties = [f"file={escape_property(problem.file)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.column or 1}"]
    properties.append(f"title={escape_property(problem.code)}")
    return f"::{command} {','.join(properties)}::{escape_data(problem.message(lang))}"
