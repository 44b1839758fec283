"""How a bug of ours is described: one short line naming the exception, so a run over
millions of records reports it without a traceback (CLEANWIRE_DEBUG=1 shows one)."""

from __future__ import annotations

import os
import sys
import traceback

# Set to 1 to get the traceback of an internal error (a bug) on stderr.
DEBUG_ENV = "CLEANWIRE_DEBUG"
# An error message quotes at most this much of the exception's text (one readable line):
# an exception may carry a whole document.
MAX_MESSAGE_CHARS = 300


def internal_error(exc: BaseException) -> str:
    """The one-line description of a bug; the traceback goes to stderr only when
    CLEANWIRE_DEBUG is set."""
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(exc, file=sys.stderr)
    text = str(exc)
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[:MAX_MESSAGE_CHARS] + "…"
    text = " ".join(text.splitlines())  # one line, whatever the exception carries
    return f"internal error ({type(exc).__name__}: {text})"
