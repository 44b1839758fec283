"""A one-line progress bar for stderr: records, MB, rate and (for files) ETA.

Drawn only when the stream is a terminal; redrawn at most every ``REDRAW_SECONDS``
so it costs nothing measurable on a fast run.
"""

from __future__ import annotations

import time
from typing import IO

# Four redraws a second reads as live without flooding a slow terminal.
REDRAW_SECONDS = 0.25
BAR_WIDTH = 20


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def render(records: int, done: int, total: int | None, elapsed: float) -> str:
    """The bar's text for ``done`` of ``total`` bytes (``total`` unknown on stdin)."""
    rate = done / elapsed if elapsed > 0 else 0.0
    parts = [f"{records:,} records", f"{done / 1e6:,.1f} MB", f"{rate / 1e6:.2f} MB/s",
             f"{records / elapsed if elapsed > 0 else 0:,.0f} rec/s"]
    if total:
        frac = min(1.0, done / total)
        filled = int(frac * BAR_WIDTH)
        eta = (total - done) / rate if rate > 0 else 0.0
        parts.insert(0, f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {frac:4.0%}")
        parts.append(f"ETA {_clock(eta)}")
    return "  ".join(parts)


class Progress:
    """Call ``update`` as work is written and ``close`` at the end; inert when disabled."""

    def __init__(self, stream: IO[str], *, total: int | None, enabled: bool) -> None:
        self.stream, self.total, self.enabled = stream, total, enabled
        self.start = self.last = time.monotonic()
        self.records = self.done = 0
        self.width = 0

    def update(self, records: int, nbytes: int) -> None:
        self.records += records
        self.done += nbytes
        now = time.monotonic()
        if self.enabled and now - self.last >= REDRAW_SECONDS:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        line = render(self.records, self.done, self.total, now - self.start)
        pad = max(0, self.width - len(line))
        self.width = len(line)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
