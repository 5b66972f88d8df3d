"""Download buttons whose file is built, and the user checked, at the moment of the click.

A tab stays open for hours: a user may be disabled, logged out elsewhere or given fewer provinces meanwhile, and
still click a download drawn earlier. So each button's file is built only when clicked (Streamlit's deferred
``data``), and only if the session is still valid and its scope still covers what the page showed
(``auth.still_allowed``); otherwise nothing is built, the refusal is recorded in the audit trail and the button says
why, in the user's language. A file that cannot be built (a chart the renderer could not draw) is told the same way.

The address a built file is served at (``/media/...``) needs no cookie, so it must not outlive the download:
Streamlit keeps a deferred file until no session refers to it and two clean-ups have run (its own run after every
script run); :func:`_sweep` runs that clean-up every ``MEDIA_SWEEP_SECONDS`` too, so a file is gone within two
sweeps of being built, whatever the other sessions do (the browser fetches it at once).

Streamlit's button shows its own English sentence when the file fails ("Failed to generate file for download");
:func:`install_message` makes it show ours, carried from the worker thread that built the file back to the
request that asked for it by a context variable.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Callable

import streamlit as st

from config.labels import t
from config.phrases import Phrase, PhraseError
from data_access import auth
from presentation.exports.renderer import RenderError
from views import session as _session

LOG = logging.getLogger(__name__)
MEDIA_SWEEP_SECONDS = 10
_FAILURE: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("cruscotto_download_failure",
                                                                           default=None)


class DownloadProblem(PhraseError):
    """A file not built: refused (the user may no longer have it) or failed (the renderer)."""


def guarded(build: Callable[[], bytes], *, page: str, details: dict) -> Callable[[], bytes]:
    """The deferred ``data`` of a download button: at the click, the user is checked again, then the file is
    built and the export recorded. Takes the session's user, epoch, scope and language now (the click runs outside
    the script run, where the session cannot be read)."""
    username, epoch = st.session_state.get("username"), st.session_state.get("session_epoch")
    scope, language = st.session_state.get("scope"), st.session_state.get("lang", "it")

    def data() -> bytes:
        engine = _session.engine()
        try:
            if scope is None or not auth.still_allowed(engine, username, epoch, scope):
                auth.record(engine, username, "export_refused", page=page, details=details)
                raise DownloadProblem(Phrase("security.download.refused"))
            content = _built(build)
            auth.record(engine, username, "export", page=page, details=details)
        except DownloadProblem as problem:
            _tell(problem.text(language))
            raise
        _sweeper.start()
        return content

    return data


def _built(build: Callable[[], bytes]) -> bytes:
    """The file, or DownloadProblem with the sentence to show: the renderer's own, or a general one (the cause
    goes to the log)."""
    try:
        return build()
    except RenderError as exc:
        raise DownloadProblem(exc.phrase or str(exc)) from exc
    except Exception as exc:
        LOG.exception(t("security.log.download_failed"))
        raise DownloadProblem(Phrase("security.download.failed")) from exc


def button(container, label: str, build: Callable[[], bytes], *, file_name: str, mime: str, page: str,
           details: dict, key: str, **kwargs) -> None:
    """A download button whose file is built at the click by :func:`guarded` (no rerun of the page)."""
    container.download_button(label, data=guarded(build, page=page, details=details), file_name=file_name,
                              mime=mime, key=key, on_click="ignore", **kwargs)


def _tell(message: str) -> None:
    """Hand the sentence to the request that asked for the file (see :func:`install_message`)."""
    box = _FAILURE.get()
    if box is not None:
        box.append(message)


def install_message() -> bool:
    """Make a deferred download's failure show our sentence instead of Streamlit's English one; False (nothing
    changed: Streamlit's sentence stays) where this version of Streamlit is built otherwise."""
    try:
        from streamlit.runtime.backend_operation_handler import DeferredFileHandler
    except ImportError:
        return False
    original = DeferredFileHandler.handle
    if getattr(original, "cruscotto_message", False):
        return True

    async def handle(self, request, session_id):
        box: list[str] = []
        token = _FAILURE.set(box)  # copied into the worker thread with the context, the list shared
        try:
            response = await original(self, request, session_id)
        finally:
            _FAILURE.reset(token)
        if box and getattr(response, "error_msg", None):
            response.error_msg = box[-1]
        return response

    handle.cruscotto_message = True
    DeferredFileHandler.handle = handle
    return True


class _Sweeper:
    """Streamlit's clean-up of files no session refers to, every ``MEDIA_SWEEP_SECONDS``, in one thread started at
    the first download of the process."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="cruscotto-media-sweep", daemon=True)
                self._thread.start()

    @staticmethod
    def _run() -> None:
        from streamlit import runtime

        while runtime.exists():
            time.sleep(MEDIA_SWEEP_SECONDS)
            try:
                runtime.get_instance().media_file_mgr.remove_orphaned_files()
            except Exception:  # noqa: BLE001 - a failed sweep is retried at the next one
                LOG.exception(t("security.log.sweep_failed"))


_sweeper = _Sweeper()
install_message()

