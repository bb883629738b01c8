"""Assertions shared by the validation tests: one problem with its code, file, line and message."""

from __future__ import annotations


def describe(problems) -> str:
    return "\n".join(f"  {p.location()} {p.code} {p.message('en')}" for p in problems) or "  (no problems)"


def codes(result) -> list[str]:
    return sorted(p.code for p in result.problems)


def the_problem(result, code: str, file: str, line: int | None = None, fragment: str | None = None,
                *, column: int | None = None, fragment_en: str | None = None):
    """The one problem with this code in this file; asserts its line and a piece of its Thai message."""
    problems = list(getattr(result, "problems", result))
    found = [p for p in problems if p.code == code and p.file == file]
    assert len(found) == 1, f"expected one {code} in {file}, got:\n{describe(problems)}"
    problem = found[0]
    if line is not None:
        assert problem.line == line, f"{code} on line {problem.line}, expected {line}:\n{describe(problems)}"
    if column is not None:
        assert problem.column == column
    if fragment is not None:
        assert fragment in problem.message("th"), problem.message("th")
    if fragment_en is not None:
        assert fragment_en in problem.message("en"), problem.message("en")
    return problem
