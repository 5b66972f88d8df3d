"""A real Streamlit server and a headless websocket client for it, for the benchmarks and the multi-session tests.

The client speaks Streamlit's own protocol (protobuf ``BackMsg`` up, ``ForwardMsg`` down, over
``/_stcore/stream``) as the browser's frontend does, without drawing anything: it asks for a page with its query
string, waits for the run to finish, and keeps what a test or a benchmark needs: the time from request to the end
of the run, the bytes received, the elements drawn (text, metrics, charts, tables), and any exception shown.

A filter change is a rerun with a new query string: the filter bar reads its state from the URL, and the client
sends no widget state, so every widget starts from the URL's values (what a shared link does).

Login: the client sends the login cookie (``auth.issue_token`` under the server's cookie key) with the websocket
handshake, as a browser that logged in before does; the server checks it against the users table.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_memory(pid: int) -> dict[str, int]:
    """Resident memory of a process in bytes: now (VmRSS) and its peak (VmHWM), from /proc."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) * 1024
    return values


def wait_healthy(base: str, process: subprocess.Popen, timeout: float) -> bool:
    """Wait until ``base``/_stcore/health answers ``ok`` (Streamlit, or a proxy in front of it); False if the
    process ends or the time runs out first."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


class Server:
    """``streamlit run SCRIPT`` on a free loopback port, started and stopped by the caller (or as a context)."""

    def __init__(self, script: str | Path = "app.py", *, env: dict | None = None, port: int | None = None,
                 log: Path | None = None, launcher: list[str] | None = None, cwd: Path = ROOT,
                 options: tuple[str, ...] = ()):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log or Path(f"/tmp/streamlit-{self.port}.log")
        command = launcher or [sys.executable, "-m", "streamlit"]
        self.command = [*command, "run", str(script), "--server.port", str(self.port), "--server.address",
                        "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
                        "--server.fileWatcherType", "none", "--server.runOnSave", "false", *options]
        self.env = {**os.environ, **(env or {})}
        self.cwd = cwd
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> Server:
        self._log = open(self.log_path, "w+")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        if not wait_healthy(self.base, self.process, timeout):
            self.stop()
            raise RuntimeError(f"streamlit did not start on {self.base}:\n{self.log_text()[-3000:]}")
        return self

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def memory(self) -> dict[str, int]:
        return process_memory(self.process.pid)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class Run:
    """One run of a page as the client saw it."""

    seconds: float
    bytes: int
    messages: int
    status: str
    elements: list = field(default_factory=list)  # (type, Element proto)
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    server: float | None = None  # the server's own time of the run, where the server reports it

    @property
    def ok(self) -> bool:
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions and not self.page_not_found

    @property
    def problem(self) -> str | None:
        """What went wrong, or None: an exception shown, a page not found, a run that did not finish."""
        if self.exceptions:
            return "; ".join(self.exceptions)
        if self.page_not_found:
            return "page not found"
        return None if self.status == "FINISHED_SUCCESSFULLY" else self.status

    def of_type(self, kind: str) -> list:
        return [element for name, element in self.elements if name == kind]

    def texts(self) -> list[str]:
        """The visible text of headings, markdown, captions, alerts and metrics, in order."""
        out = []
        for name, element in self.elements:
            if name in ("markdown", "heading", "text", "alert"):
                out.append(element.body)
            elif name == "metric":
                out.append(f"{element.label}: {element.body}")
        return out

    def chart_specs(self) -> list[str]:
        return [element.spec for element in self.of_type("vega_lite_chart")]


class Session:
    """One browser-like session over a websocket: ``run(page, query)`` asks for a page and waits for its run."""

    def __init__(self, base: str, *, cookies: dict[str, str] | None = None, timeout: float = 120,
                 headers: dict[str, str] | None = None):
        from websockets.sync.client import connect

        ws_url = base.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        extra = {"Origin": base.rstrip("/"), **(headers or {})}
        if cookies:
            extra["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.timeout = timeout
        self.base = base.rstrip("/")
        self.socket = connect(ws_url, subprotocols=["streamlit"], additional_headers=extra, max_size=None,
                              open_timeout=timeout, close_timeout=5, legacy=True)
        self.pages: dict[str, str] = {}  # url path -> page script hash, from the navigation message
        self.page_names: dict[str, str] = {}  # url path -> page title
        self.session_id: str | None = None
        self.total_bytes = 0

    def run(self, page: str = "", query: str = "") -> Run:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_name = page
        state.page_script_hash = self.pages.get(page, "")
        state.widget_states.SetInParent()
        state.context_info.url = f"{self.base}/{page}" + (f"?{query}" if query else "")  # as the browser sends it
        state.context_info.timezone = "Europe/Rome"
        state.context_info.locale = "it-IT"
        started = time.perf_counter()
        self.socket.send(msg.SerializeToString())
        received = messages = 0
        elements: list = []
        exceptions: list[str] = []
        not_found = False
        status_names = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"page {page!r} ({query}) did not finish within {self.timeout:.0f} s")
            data = self.socket.recv(timeout=remaining)
            received += len(data)
            messages += 1
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id or self.session_id
            elif kind == "navigation":
                for app_page in forward.navigation.app_pages:
                    self.pages[app_page.url_pathname] = app_page.page_script_hash
                    self.page_names[app_page.url_pathname] = app_page.page_name
            elif kind == "page_not_found":
                not_found = True
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                name = element.WhichOneof("type")
                if name == "exception":
                    exceptions.append(f"{element.exception.type}: {element.exception.message}")
                elements.append((name, getattr(element, name)))
            elif kind == "script_finished":
                status = status_names[forward.script_finished]
                if status == "FINISHED_EARLY_FOR_RERUN":  # st.rerun / switch_page: the next run follows
                    elements, exceptions = [], []
                    continue
                self.total_bytes += received
                return Run(time.perf_counter() - started, received, messages, status, elements, exceptions,
                           not_found)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a dead socket
            self.socket.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def login_cookie(engine, username: str, password: str, cookie_key: bytes) -> dict[str, str]:
    """Log ``username`` in as the login form does (password check, audit) and return the login cookie the browser
    would then hold, for :class:`Session`."""
    from config import settings
    from data_access import auth

    result = auth.authenticate(engine, username, password)
    if not result.ok:
        raise RuntimeError(f"login of {username} refused: {result.message}")
    return {settings.COOKIE_NAME: auth.issue_token(result.username, result.epoch, cookie_key, 1)}
