"""The command line's own errors in Thai: click's usage errors, `Error:` and `Aborted!`.

click writes its messages in English (through gettext, with no Thai catalogue). In Thai mode,
the default, the main group catches them and says the same thing in Thai from the exception's
fields; `--lang en` keeps click's English. Option names, file names and values stay as typed.
"""

from __future__ import annotations

import re

import click

ERROR_PREFIX_TH = "ข้อผิดพลาด: "
ABORTED_TH = "ยกเลิกแล้ว"

_THAI = re.compile("[\u0e00-\u0e7f]")
_PARAM_KIND_TH = {"argument": "อาร์กิวเมนต์", "option": "ตัวเลือก", "parameter": "ค่า"}

# click's own sentences (8.x) whose values are worth keeping; anything else gets a plain Thai sentence.
_SENTENCES_TH = [
    (re.compile(r"^No such command '(?P<a>.*)'\.?$"), "ไม่มีคำสั่ง '{a}'"),
    (re.compile(r"^Got unexpected extra arguments? \((?P<a>.*)\)$"), "มีอาร์กิวเมนต์เกินมา ({a})"),
    (re.compile(r"^Missing command\.?$"), "ต้องระบุคำสั่ง"),
    (re.compile(r"^Option '(?P<a>[^']*)' requires an argument\.?$"), "ตัวเลือก {a} ต้องมีค่าตามหลัง"),
    (re.compile(r"^Option '(?P<a>[^']*)' requires (?P<b>\d+) arguments\.?$"), "ตัวเลือก {a} ต้องมีค่าตามหลัง {b} ค่า"),
    (re.compile(r"^Option '(?P<a>[^']*)' does not take a value\.?$"), "ตัวเลือก {a} ไม่รับค่า"),
    (re.compile(r"^(?P<a>'.*'|\S+) is not one of (?P<b>.*?)\.?$"), "{a} ไม่ใช่หนึ่งใน {b}"),
    (re.compile(r"^(?P<a>'.*'|\S+) is not (?P<b>'[^']*')\.?$"), "{a} ต้องเป็น {b}"),
    (re.compile(r"^(?P<a>'.*'|\S+) is not a valid integer\.?$"), "{a} ไม่ใช่จำนวนเต็ม"),
    (re.compile(r"^(?P<a>'.*'|\S+) is not a valid float\.?$"), "{a} ไม่ใช่ตัวเลข"),
    (re.compile(r"^(?P<a>'.*'|\S+) is not a valid boolean\.?$"), "{a} ต้องเป็น true หรือ false"),
    (re.compile(r"^(?:File|Directory|Path) (?P<a>'.*') does not exist\.?$"), "ไม่พบ {a}"),
    (re.compile(r"^(?:File|Path) (?P<a>'.*') is a directory\.?$"), "{a} เป็นโฟลเดอร์ ไม่ใช่ไฟล์"),
    (re.compile(r"^(?:Directory|Path) (?P<a>'.*') is a file\.?$"), "{a} เป็นไฟล์ ไม่ใช่โฟลเดอร์"),
]


def _sentence_th(message: str, fallback: str) -> str:
    for pattern, template in _SENTENCES_TH:
        match = pattern.match(message.strip())
        if match:
            return template.format(**match.groupdict())
    return fallback


def _hint(error) -> str:
    if getattr(error, "param_hint", None) is not None:
        hint = error.param_hint
        return " / ".join(f"'{h}'" for h in hint) if isinstance(hint, (list, tuple)) else str(hint)
    param = getattr(error, "param", None)
    if param is not None:
        hints = param.get_error_hint(error.ctx) if error.ctx is not None else (param.name or "")
        return str(hints)
    return ""


def message_th(error: click.ClickException) -> str:
    """The Thai sentence for one click (or khrongkan) error."""
    thai = getattr(error, "message_th", None)
    if thai:
        return thai
    if isinstance(error, click.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
        text = f"ขาด{_PARAM_KIND_TH.get(kind, 'ค่า')} {_hint(error)}".rstrip()
        param = error.param
        if param is not None and isinstance(param.type, click.Choice):
            text += " เลือกได้: " + ", ".join(map(str, param.type.choices))
        return text
    if isinstance(error, click.NoSuchOption):
        text = f"ไม่มีตัวเลือก {error.option_name}"
        if error.possibilities:
            text += " — หมายถึง " + " หรือ ".join(sorted(error.possibilities)) + " หรือไม่?"
        return text
    if isinstance(error, click.BadParameter):
        hint = _hint(error)
        where = f"ค่าของ {hint} ไม่ถูกต้อง" if hint else "ค่าไม่ถูกต้อง"
        # khrongkan's own parameter types already explain in Thai; click's English is translated.
        reason = error.message if _THAI.search(error.message) else _sentence_th(error.message, "")
        return f"{where}: {reason}" if reason else where
    if isinstance(error, click.FileError):
        return f"เปิดไฟล์ '{error.ui_filename}' ไม่ได้"
    if isinstance(error, click.UsageError):
        return _sentence_th(error.message, "ใช้คำสั่งไม่ถูกต้อง")
    return _sentence_th(error.message, "เกิดข้อผิดพลาด")


def show_th(error: click.ClickException) -> None:
    """Print an error as click would, in Thai: usage line and help hint for usage errors."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click.UsageError) and ctx is not None:
        usage = ctx.get_usage()
        usage = re.sub(r"^Usage:", "วิธีใช้:", usage)
        click.echo(usage, err=True, color=ctx.color)
        help_names = ctx.command.get_help_option_names(ctx) if ctx.command.get_help_option(ctx) else []
        if help_names:
            click.echo(f"ดูวิธีใช้ด้วยคำสั่ง {ctx.command_path} {max(help_names, key=len)}\n", err=True)
    click.echo(ERROR_PREFIX_TH + message_th(error), err=True)


def show_en(error: click.ClickException) -> None:
    english = getattr(error, "message_en", None)
    if english:
        click.echo(f"Error: {english}", err=True)
    else:
        error.show()


def wants_english(args: list[str]) -> bool:
    """`--lang en` anywhere on the command line; Thai is the default."""
    for index, arg in enumerate(args):
        if arg == "--lang=en" or (arg == "--lang" and index + 1 < len(args) and args[index + 1] == "en"):
            return True
    return False
