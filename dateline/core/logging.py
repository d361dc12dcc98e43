"""One log record, one line: control characters in messages are written as escapes.

Paths, user names and headers end up in log messages (``Not Found: /x``, a failed login
for ``chief``). A client who puts CR/LF in them could forge extra log lines, and ANSI
escapes could rewrite a terminal that tails the log. ``SingleLineFilter`` renders the
message once, with its arguments, and replaces every control character (C0, DEL, C1,
and the Unicode line and paragraph separators) by a visible escape such as ``\\r``,
``\\n`` or ``\\x1b``. Tracebacks are left as they are: the formatter adds them after the
message and they come from the code, not from the client.

Attached to the handlers in ``settings.LOGGING``; see
https://docs.djangoproject.com/en/5.2/topics/logging/#filters
"""

from __future__ import annotations

import logging
import re

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    """``text`` with each control character written as ``\\n``, ``\\r``, ``\\t`` or ``\\xNN``."""

    def visible(match: re.Match) -> str:
        char = match.group()
        if char in NAMED:
            return NAMED[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return CONTROL.sub(visible, text)


class SingleLineFilter(logging.Filter):
    """Escapes control characters in a record's message (after ``%`` formatting)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # a message whose arguments do not fit it: log both, safely, rather than lose it
            message = f"{record.msg!s} {record.args!r}"
        record.msg = escape_controls(message)
        record.args = None
        return True
