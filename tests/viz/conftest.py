"""A headless Chromium for tests of the HTML pages kg writes (the pictures, report.html, kg show).

The fixture ``chromium`` starts Debian's ``chromium`` once per session and drives it through the
DevTools protocol over a pipe (``--remote-debugging-pipe``: no port, no extra package). A test
opens a page with ``chromium.open(path)`` and gets a :class:`Page`: ``evaluate(js)``,
``wait_for(js)``, ``screenshot()``, and what went wrong while it loaded and ran: ``errors``
(console errors, uncaught exceptions, failed loads) and ``remote_requests`` (anything fetched
from the network — an offline page has none).

Without Chromium the tests are skipped, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# the flags the machine notes ask for: no GPU, no sandbox (root), no background traffic
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)
TIMEOUT = 60.0  # seconds for one protocol command or one wait; only a hang reaches it
VIEWPORT = (1280, 900)


class ChromiumError(RuntimeError):
    """The browser died, hung, or refused a command."""


def chromium_path() -> str | None:
    """The browser to use: $KG_CHROMIUM, else chromium (or google-chrome) on the PATH."""
    given = os.environ.get("KG_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One Chromium process and the protocol connection to it (commands in, results out)."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # the protocol wants the browser's end of the pipes as fds 3 (in) and 4 (out)
        in_fd = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD_CLOEXEC, 10)
        out_fd = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)

        def wire() -> None:
            os.dup2(in_fd, 3)
            os.dup2(out_fd, 4)

        self._log = Path(self._profile) / "chromium.log"
        with self._log.open("wb") as log:
            self._proc = subprocess.Popen(
                [executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                close_fds=False,
                preexec_fn=wire,
            )
        os.close(in_fd)
        os.close(out_fd)
        self._ids = itertools.count(1)
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._listeners: dict[str, Page] = {}
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.version = self.send("Browser.getVersion")["product"]
        except ChromiumError:
            self.close()
            raise

    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._from_browser, "rb", buffering=0) as pipe:
            while chunk := pipe.read(1 << 16):
                buffer += chunk
                *messages, buffer = buffer.split(b"\0")
                for message in messages:
                    self._inbox.put(json.loads(message))
        self._inbox.put(None)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Run one protocol command and return its result (events meanwhile go to pages)."""
        call_id = next(self._ids)
        message: dict[str, Any] = {"id": call_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._to_browser, data) :]
        except OSError as err:
            raise ChromiumError(
                f"{method}: the browser is gone ({err}): {self.log_tail()}"
            ) from err
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._next(deadline, method)
            if reply.get("id") == call_id:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._dispatch(reply)

    def pump(self, seconds: float) -> None:
        """Deliver the events that arrive within ``seconds``."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                reply = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return
            if reply is None:
                raise ChromiumError("the browser closed the connection")
            self._dispatch(reply)

    def _next(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        try:
            reply = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise ChromiumError(f"no answer to {waiting_for} in {TIMEOUT:.0f} s") from None
        if reply is None:
            raise ChromiumError(
                f"the browser closed the connection during {waiting_for}: {self.log_tail()}"
            )
        return reply

    def log_tail(self, lines: int = 5) -> str:
        """The last lines Chromium printed (why it died, usually)."""
        try:
            text = self._log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return " | ".join(text.strip().splitlines()[-lines:])

    def _dispatch(self, event: dict[str, Any]) -> None:
        page = self._listeners.get(event.get("sessionId", ""))
        if page is not None and "method" in event:
            page.on_event(event["method"], event.get("params", {}))

    def open(self, target: str | Path, viewport: tuple[int, int] = VIEWPORT) -> Page:
        """A new tab showing ``target`` (a file path or a URL), loaded."""
        url = (
            Path(target).resolve().as_uri()
            if not str(target).startswith(("http", "file:"))
            else str(target)
        )
        target_id = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target_id, "flatten": True})
        page = Page(self, target_id, session["sessionId"])
        self._listeners[page.session] = page
        page.start(url, viewport)
        return page

    def forget(self, page: Page) -> None:
        self._listeners.pop(page.session, None)

    def close(self) -> None:
        with contextlib.suppress(ChromiumError, OSError):
            self.send("Browser.close")
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        with contextlib.suppress(OSError):
            os.close(self._to_browser)
        shutil.rmtree(self._profile, ignore_errors=True)


class Page:
    """One tab: evaluate JavaScript in it, wait for a condition, take a screenshot."""

    def __init__(self, browser: Browser, target_id: str, session: str) -> None:
        self.browser = browser
        self.target_id = target_id
        self.session = session
        self.errors: list[str] = []
        self.console: list[str] = []
        self.remote_requests: list[str] = []
        self.loaded = False

    def send(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.browser.send(method, params, self.session)

    def start(self, url: str, viewport: tuple[int, int]) -> None:
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        width, height = viewport
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise ChromiumError(f"{url}: {result['errorText']}")
        self.wait_for("document.readyState === 'complete'")

    def on_event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            description = details.get("exception", {}).get("description") or details.get("text")
            self.errors.append(f"exception: {description}")
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            self.console.append(f"{params['type']}: {text}")
            if params["type"] in ("error", "assert"):
                self.errors.append(f"console.{params['type']}: {text}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            self.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url.startswith(("http:", "https:", "ws:", "wss:")):
                self.remote_requests.append(url)
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            self.errors.append(f"load failed: {params.get('errorText')}")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if it is a promise), as JSON."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise ChromiumError(f"{expression!r} threw: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = TIMEOUT) -> Any:
        """Poll until ``expression`` is truthy; its value. Fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise ChromiumError(f"{expression!r} still false after {timeout:.0f} s")
            self.browser.pump(0.1)

    def settle(self, seconds: float = 0.3) -> None:
        """Let pending events (late errors, requests) arrive."""
        self.browser.pump(seconds)

    def screenshot(self, path: str | Path | None = None) -> bytes:
        """The visible page as PNG bytes (also written to ``path`` if given)."""
        data = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
        if path is not None:
            Path(path).write_bytes(data)
        return data

    def close(self) -> None:
        with contextlib.suppress(ChromiumError):
            self.browser.send("Target.closeTarget", {"targetId": self.target_id})
        self.browser.forget(self)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """A headless Chromium for the session (skipped without one, failed in CI without one)."""
    executable = chromium_path()
    if executable is None:
        reason = "Chromium not found (apt-get install chromium, or set KG_CHROMIUM)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must have it", pytrace=False)
        pytest.skip(reason)
    browser = Browser(executable)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def open_page(chromium: Browser) -> Iterator[Any]:
    """``open_page(path)`` → a loaded :class:`Page`, closed after the test."""
    pages: list[Page] = []

    def opener(target: str | Path, viewport: tuple[int, int] = VIEWPORT) -> Page:
        page = chromium.open(target, viewport)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
