"""The HTML pages rendered by real headless Chromium against the app served by uvicorn.

Chromium runs once per check with `--dump-dom` (the DOM after loading and running the
page's scripts) or `--screenshot` (a PNG at phone size). The app runs in a uvicorn
subprocess on a free loopback port, with the test corpus indexed into a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, skip_or_fail
from corpus import corpus_documents
from searchapi.engines.sqlite_engine import SqliteEngine

pytestmark = pytest.mark.browser

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")
CHROMIUM_TIMEOUT_S = 60
SERVER_START_TIMEOUT_S = 30
SERVER_STOP_TIMEOUT_S = 10

PHONE_WIDTH = 390
PHONE_HEIGHT = 844

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------ Chromium


@pytest.fixture(scope="module")
def chromium() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    skip_or_fail(
        "Chromium is not installed (looked for chromium, chromium-browser and /usr/bin/chromium). "
        "On Debian, install it with: apt-get install chromium"
    )


def chromium_command(binary: str, profile: Path, *extra: str) -> list[str]:
    """Build a headless Chromium command line with background networking, updates and sync off."""
    return [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *extra,
    ]


def run_chromium(
    binary: str, tmp_path_factory: pytest.TempPathFactory, *args: str
) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    command = chromium_command(binary, profile, *args)
    try:
        completed = subprocess.run(command, capture_output=True, timeout=CHROMIUM_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Chromium timed out after {CHROMIUM_TIMEOUT_S} s: {' '.join(command)}")
    if completed.returncode != 0:
        stderr = completed.stderr.decode(errors="replace")[-2000:]
        pytest.fail(f"Chromium exited with {completed.returncode}: {' '.join(command)}\n{stderr}")
    return completed


@pytest.fixture(scope="module")
def dump_dom(chromium, tmp_path_factory):
    def dump(url: str) -> str:
        completed = run_chromium(chromium, tmp_path_factory, "--dump-dom", url)
        return completed.stdout.decode("utf-8")

    return dump


@pytest.fixture(scope="module")
def screenshot(chromium, tmp_path_factory):
    def take(url: str, name: str) -> Path:
        target = tmp_path_factory.mktemp("screenshots") / f"{name}.png"
        run_chromium(
            chromium,
            tmp_path_factory,
            f"--screenshot={target}",
            f"--window-size={PHONE_WIDTH},{PHONE_HEIGHT}",
            url,
        )
        return target

    return take


class DevToolsPage:
    """One Chromium page driven over the DevTools protocol, for checks that need scripts.

    Chromium picks a free debugging port and writes it to `DevToolsActivePort` in its
    profile folder. The page target's WebSocket then takes JSON commands.
    """

    def __init__(self, binary: str, profile: Path, window_size: tuple[int, int]) -> None:
        from websockets.sync.client import connect

        command = chromium_command(
            binary,
            profile,
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--window-size={window_size[0]},{window_size[1]}",
            "about:blank",
        )
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._connections = ExitStack()
        try:
            port = self._read_port(profile / "DevToolsActivePort")
            targets = fetch_json(f"http://127.0.0.1:{port}/json/list")
            page = next(target for target in targets if target["type"] == "page")
            self.socket = self._connections.enter_context(
                connect(page["webSocketDebuggerUrl"], open_timeout=10, max_size=None)
            )
        except BaseException:
            self.close()
            raise

    def emulate_phone(self, width: int, height: int) -> None:
        """Give the page a phone's viewport.

        Needed because `--window-size=390,...` left the headless window 500 px wide (Chromium 156).
        """
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )

    def navigate(self, url: str) -> None:
        """Load `url` and wait until the document and its deferred scripts have run."""
        self.send("Page.navigate", {"url": url})
        loaded = self.wait_for(
            f"location.href === {json.dumps(url)} && document.readyState === 'complete'",
            timeout_s=CHROMIUM_TIMEOUT_S,
        )
        if not loaded:
            pytest.fail(f"Chromium did not finish loading {url} within {CHROMIUM_TIMEOUT_S} s")

    def _read_port(self, port_file: Path) -> int:
        deadline = time.monotonic() + CHROMIUM_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"Chromium exited with {self.process.returncode} before opening its debugging port")
            if port_file.exists():
                first_line = port_file.read_text().splitlines()[:1]
                if first_line and first_line[0].isdigit():
                    return int(first_line[0])
            time.sleep(0.1)
        pytest.fail(f"Chromium wrote no {port_file.name} within {CHROMIUM_TIMEOUT_S} s")

    def send(self, method: str, params: dict[str, object]) -> dict:
        """Send one DevTools command and return its result."""
        self._next_id += 1
        request_id = self._next_id
        self.socket.send(json.dumps({"id": request_id, "method": method, "params": params}))
        deadline = time.monotonic() + CHROMIUM_TIMEOUT_S
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv(timeout=CHROMIUM_TIMEOUT_S))
            if message.get("id") != request_id:
                continue
            if "error" in message:
                pytest.fail(f"DevTools {method} failed: {message['error']}")
            return message["result"]
        pytest.fail(f"no DevTools answer to {method} within {CHROMIUM_TIMEOUT_S} s")

    def evaluate(self, expression: str) -> object:
        """Run JavaScript in the page and return its JSON value."""
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}
        )
        if "exceptionDetails" in result:
            pytest.fail(f"script failed in the page: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout_s: float = 10.0) -> object:
        """Evaluate until the value is truthy or the time is up, and return the last value."""
        deadline = time.monotonic() + timeout_s
        value = self.evaluate(expression)
        while not value and time.monotonic() < deadline:
            time.sleep(0.1)
            value = self.evaluate(expression)
        return value

    def close(self) -> None:
        self._connections.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=SERVER_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=SERVER_STOP_TIMEOUT_S)


@pytest.fixture
def open_page(chromium, tmp_path_factory):
    """Open URLs in DevTools-driven Chromium pages. Every page closes after the test."""
    try:
        import websockets.sync.client  # noqa: F401
    except ImportError:
        skip_or_fail("the websockets package is missing, so Chromium cannot be driven over DevTools")

    pages: list[DevToolsPage] = []

    def open_url(url: str, window_size: tuple[int, int] = (PHONE_WIDTH, PHONE_HEIGHT)) -> DevToolsPage:
        page = DevToolsPage(chromium, tmp_path_factory.mktemp("chromium-devtools"), window_size)
        pages.append(page)
        page.emulate_phone(*window_size)
        page.navigate(url)
        return page

    yield open_url
    for page in pages:
        page.close()


def png_size(path: Path) -> tuple[int, int]:
    """Read width and height from a PNG's IHDR chunk, which always comes first."""
    header = path.read_bytes()[:24]
    width, height = struct.unpack(">II", header[16:24])
    return width, height


# ------------------------------------------------------------------ the app under uvicorn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def wait_until_healthy(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read().decode(errors="replace") if server.stdout else ""
            pytest.fail(f"uvicorn exited with {server.returncode} before it served /healthz:\n{output[-2000:]}")
        try:
            if fetch_json(base_url + "/healthz")["status"] == "ok":
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"uvicorn did not answer {base_url}/healthz within {SERVER_START_TIMEOUT_S} s")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("browser-index")
    engine = SqliteEngine(data_dir)
    engine.build(corpus_documents())
    engine.close()

    port = free_port()
    environment = {**os.environ, "SOCIALEKAART_DATA_DIR": str(data_dir), "SOCIALEKAART_ENGINE": "sqlite"}
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "searchapi.app:create_app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]
    server = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=SERVER_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=SERVER_STOP_TIMEOUT_S)
        if server.stdout:
            server.stdout.close()


# ------------------------------------------------------------------ reading the DOM


class HitCollector(HTMLParser):
    """Collect the provider name and distance of each `li.hit`, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: list[str] = []
        self.distances: list[str] = []
        self._in_hit = False
        self._in_heading_link = False
        self._in_distance = False
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "li" and "hit" in classes:
            self._in_hit = True
        elif self._in_hit and tag == "h2":
            self._heading = True
        elif self._heading and tag == "a":
            self._in_heading_link = True
            self.names.append("")
        elif self._in_hit and tag == "span" and "distance" in classes:
            self._in_distance = True
            self.distances.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._in_hit = False
        elif tag == "h2":
            self._heading = False
        elif tag == "a":
            self._in_heading_link = False
        elif tag == "span":
            self._in_distance = False

    def handle_data(self, data: str) -> None:
        if self._in_heading_link:
            self.names[-1] += data
        elif self._in_distance:
            self.distances[-1] += data


def collect_hits(dom: str) -> HitCollector:
    collector = HitCollector()
    collector.feed(dom)
    collector.close()
    collector.names = [" ".join(name.split()) for name in collector.names]
    collector.distances = [" ".join(distance.split()) for distance in collector.distances]
    return collector


def distance_km(text: str) -> float:
    """Read "· 2,1 km" or "· 850 m" back into kilometres."""
    number, unit = text.strip("· ").split()
    value = float(number.replace(",", "."))
    return value if unit == "km" else value / 1000


# ------------------------------------------------------------------ tests


def test_start_page_renders_search_box(base_url, dump_dom):
    dom = dump_dom(base_url + "/")

    assert '<html lang="nl-BE">' in dom
    assert "<h1>Vind hulp en zorg in je buurt</h1>" in dom
    assert 'id="q" name="q" type="search"' in dom
    assert '<label for="q">Wat zoek je?</label>' in dom
    assert 'id="near" name="near"' in dom
    assert 'action="/zoeken"' in dom


def test_results_render_hits_in_order(base_url, dump_dom):
    dom = dump_dom(base_url + "/zoeken?q=psycholoog&near=9000")
    hits = collect_hits(dom)
    api_hits = fetch_json(base_url + "/api/search?q=psycholoog&near=9000")["hits"]
    api_names = [hit["name"] for hit in api_hits]
    api_distances = [hit["distance_km"] for hit in api_hits]

    assert len(hits.names) == 6
    assert hits.names == api_names
    # Every hit matches "psycholoog" in its profession or rubriek, so nearest comes first.
    assert api_distances == sorted(api_distances)
    assert hits.names[:3] == ["CGG Eclips", "An Peeters", "Bram Janssens"]


def test_results_render_distances(base_url, dump_dom):
    hits = collect_hits(dump_dom(base_url + "/zoeken?q=psycholoog&near=9000"))
    psychologists = [name for name in hits.names if name in {"An Peeters", "Bram Janssens", "Chloé Maes"}]
    psychologist_km = [distance_km(hits.distances[hits.names.index(name)]) for name in psychologists]

    assert len(hits.distances) == len(hits.names)
    assert all(distance.endswith((" km", " m")) for distance in hits.distances)
    assert psychologists == ["An Peeters", "Bram Janssens", "Chloé Maes"]
    assert psychologist_km == sorted(psychologist_km)


def test_results_render_heading(base_url, dump_dom):
    dom = dump_dom(base_url + "/zoeken?q=psycholoog&near=9000")

    assert "6 resultaten" in dom
    assert "in de buurt van Gent (9000)" in dom
    assert '<h3>Rubriek</h3>' in dom


def test_fiche_page_renders(base_url, dump_dom):
    dom = dump_dom(base_url + "/aanbieder/corpus-004")

    assert "<h1>CGG Eclips</h1>" in dom
    assert "Teststraat 4, 9000 Gent" in dom
    assert '<a href="tel:+3291234567">09 123 45 67</a>' in dom


def test_unknown_fiche_renders_404(base_url, dump_dom):
    dom = dump_dom(base_url + "/aanbieder/corpus-999")

    assert "<h1>Niet gevonden</h1>" in dom
    assert "Er is geen aanbieder met id 'corpus-999'." in dom


def test_hostile_query_stays_text(base_url, dump_dom):
    """After Chromium parsed the page and ran its script, the query is still only text."""
    dom = dump_dom(base_url + "/zoeken?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E")

    assert "<img" not in dom
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("start", "/"),
        ("results", "/zoeken?q=psycholoog&near=9000"),
        ("fiche", "/aanbieder/corpus-004"),
    ],
)
def test_page_screenshot_at_phone_width(base_url, screenshot, name, path):
    image = screenshot(base_url + path, name)
    data = image.read_bytes()

    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 10_000, f"{image} is only {len(data)} bytes, so the page is probably blank"
    assert png_size(image) == (PHONE_WIDTH, PHONE_HEIGHT)


def test_typing_fills_suggestions(base_url, open_page):
    """suggest.js requests /api/suggest as the user types and fills the datalist."""
    page = open_page(base_url + "/")
    page.evaluate(
        "const box = document.getElementById('q');"
        "box.focus(); box.value = 'apot';"
        "box.dispatchEvent(new Event('input', {bubbles: true})); true"
    )
    count = page.wait_for("document.querySelectorAll('#suggesties option').length")
    options = page.evaluate("[...document.querySelectorAll('#suggesties option')].map(o => o.value)")

    assert count > 0
    assert any(option.lower().startswith("apotheek") for option in options), options


@pytest.mark.parametrize(
    "path",
    ["/", "/zoeken?q=psycholoog&near=9000", "/aanbieder/corpus-004", "/zoeken?q=psycholoog&near=Xyzdorp"],
)
def test_page_fits_phone_width(base_url, open_page, path):
    """At 390 px nothing makes the page scroll sideways."""
    page = open_page(base_url + path)
    viewport = page.evaluate("document.documentElement.clientWidth")
    content = page.evaluate("document.documentElement.scrollWidth")

    assert viewport == PHONE_WIDTH
    assert content <= viewport, f"{path} is {content} px wide in a {viewport} px viewport"


def test_api_docs_render_operations(chromium, tmp_path_factory, base_url):
    completed = run_chromium(chromium, tmp_path_factory, "--virtual-time-budget=10000", "--dump-dom", base_url + "/api/docs")
    dom = completed.stdout.decode("utf-8")

    assert "Unable to render this definition" not in dom
    assert "opblock-summary-path" in dom
    assert "/api/search" in dom
