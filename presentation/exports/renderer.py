"""Charts drawn out of process: a Vega-Lite spec becomes PNG or SVG bytes in a separate, long-lived process
(``render_child.py``), so that vl-convert, which aborts the process it runs in on some inputs (a Rust panic), can
never take the server and every user's session down with it.

One child serves the whole process, one chart at a time (vl-convert draws one at a time anyway); it starts at the
first chart (about a second: vl-convert's runtime) and stays. If it dies or takes longer than ``RENDER_SECONDS``,
the chart is refused with :class:`RenderError` (a sentence in the reader's language) and the next chart starts a
new child. Every string of a spec is cleaned before it is sent (:mod:`presentation.exports.safe_text`), so a
control character in a project's name draws as a space instead of killing the renderer.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from config.labels import t
from config.phrases import Phrase, PhraseError
from presentation.exports.render_child import HEADER

RENDER_SECONDS = 120  # one chart; a national map as PNG takes a few seconds
CHILD = Path(__file__).with_name("render_child.py")
LOG = logging.getLogger(__name__)


class RenderError(PhraseError):
    """A chart that could not be drawn: its renderer died or took too long. The sentence is for the user."""


class _Child:
    """The renderer's process and the pipe to it; one request at a time."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def _started(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen([sys.executable, str(CHILD)], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, bufsize=0, close_fds=True)
        return self._process

    def stop(self) -> None:
        """End the child (it is started again at the next chart)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self._process.poll() is None else None

    def render(self, request: dict, timeout: float) -> bytes:
        payload = json.dumps(request, ensure_ascii=False, allow_nan=False).encode("utf-8", "surrogatepass")
        with self._lock:
            process = self._started()
            try:
                process.stdin.write(HEADER.pack(len(payload)) + payload)
                deadline = time.monotonic() + timeout
                status = _read_exact(process.stdout, 1, deadline)
                body = _read_exact(process.stdout, HEADER.unpack(_read_exact(process.stdout, HEADER.size,
                                                                             deadline))[0], deadline)
            except TimeoutError:
                LOG.error(t("security.log.renderer_slow", seconds=timeout))
                self.stop()
                raise RenderError(Phrase("security.render.timeout", seconds=int(timeout))) from None
            except (OSError, EOFError):
                code = process.wait(timeout=10) if process.poll() is None else process.returncode
                LOG.error(t("security.log.renderer_died", code=code))
                self._process = None
                raise RenderError(Phrase("security.render.failed")) from None
        if status != b"K":
            raise ValueError(body.decode("utf-8", "replace"))
        return body


def _read_exact(stream, n: int, deadline: float) -> bytes:
    """``n`` bytes from a pipe; EOFError when it closes first, TimeoutError after ``deadline``."""
    chunks, missing = [], n
    while missing:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            raise TimeoutError
        chunk = os.read(stream.fileno(), missing)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


_CHILD = _Child()
atexit.register(_CHILD.stop)


def render_spec(spec: dict, fmt: str, scale: float = 2.0, timeout: float = RENDER_SECONDS) -> bytes:
    """A Vega-Lite spec (its strings already cleaned) as PNG or SVG bytes, drawn in the renderer's process.
    RenderError when the renderer dies or takes longer than ``timeout`` seconds; ValueError for a spec
    vl-convert refuses."""
    return _CHILD.render({"fmt": fmt, "scale": scale, "spec": spec}, timeout)


def renderer_pid() -> int | None:
    """The process id of the running renderer (None before the first chart): for tests and support."""
    return _CHILD.pid
