"""One exception root for everything the user should see as a message, not a traceback."""

from __future__ import annotations

import click


class KhrongkanError(click.ClickException):
    """A failure the user can act on; the CLI prints its message and exits with `exit_code`."""

    exit_code = 1

    def __init__(self, message_th: str, message_en: str = "", *, exit_code: int | None = None):
        super().__init__(message_th if not message_en else f"{message_th}\n{message_en}")
        self.message_th, self.message_en = message_th, message_en  # each language alone (cli_messages)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(KhrongkanError):
    exit_code = 2
