"""Start a local OpenSearch node for tests, or use the one named in the environment.

The node comes from tools/opensearch-node: ``start-node`` builds that Maven
project if needed and runs OpenSearch in one JVM on 127.0.0.1 with plain HTTP.
When ``SOCIALEKAART_OPENSEARCH_URL`` is set, ``connect_or_start`` uses that
cluster and starts nothing.

Typical use in a pytest session fixture::

    @pytest.fixture(scope="session")
    def opensearch_node(tmp_path_factory):
        with connect_or_start(tmp_path_factory.mktemp("opensearch")) as node:
            yield node

Only the standard library is used, so the module works before any project
dependency is installed.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

OPENSEARCH_URL_ENV = "SOCIALEKAART_OPENSEARCH_URL"

NODE_TOOL_DIR = Path(__file__).resolve().parent.parent / "tools" / "opensearch-node"
START_SCRIPT = NODE_TOOL_DIR / "start-node"
STOP_SCRIPT = NODE_TOOL_DIR / "stop-node"

# Extra time for start-node beyond the node's own startup timeout. The first
# run builds the Maven project and may download its dependencies.
BUILD_TIMEOUT_S = 900.0


class OpenSearchNodeError(RuntimeError):
    """A local node failed to start or stop, or a cluster URL did not respond."""


@dataclass
class LocalNode:
    """A running OpenSearch cluster reachable over plain HTTP.

    ``pid`` and ``state_dir`` are set only for a node that ``start_local_node``
    started. ``stop()`` stops such a node and does nothing for an external one.
    """

    url: str
    version: str
    pid: int | None = None
    state_dir: Path | None = None

    @property
    def is_managed(self) -> bool:
        """True when this process started the node and ``stop()`` will stop it."""
        return self.pid is not None

    def stop(self, timeout_s: float = 60) -> None:
        """Stop the node with stop-node. Calling it again, or on an external cluster, does nothing."""
        if not self.is_managed or self.state_dir is None:
            return
        result = subprocess.run(
            [str(STOP_SCRIPT), str(self.state_dir), "--timeout", str(max(1, math.ceil(timeout_s)))],
            capture_output=True,
            text=True,
            timeout=timeout_s + 30,
            check=False,
        )
        self.pid = None
        if result.returncode != 0:
            raise OpenSearchNodeError(
                f"stop-node failed with exit code {result.returncode} for {self.state_dir}:\n{result.stderr}"
            )

    def __enter__(self) -> LocalNode:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def external_opensearch_url() -> str | None:
    """Return the URL in SOCIALEKAART_OPENSEARCH_URL without a trailing slash, or None if unset or empty."""
    # NOTE: urllib sends no credentials from a user:password@ part of the URL,
    # so fetch_version() works only with clusters that allow anonymous HTTP.
    url = os.environ.get(OPENSEARCH_URL_ENV, "").strip()
    return url.rstrip("/") or None


def fetch_version(url: str, timeout_s: float = 10) -> str:
    """Return ``version.number`` from ``GET /`` of the cluster at ``url``.

    Raises OpenSearchNodeError when the request fails or the body has no version.
    """
    try:
        with urllib.request.urlopen(f"{url}/", timeout=timeout_s) as response:
            body = json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise OpenSearchNodeError(f"GET {url}/ failed: {error}") from error
    try:
        return str(body["version"]["number"])
    except (KeyError, TypeError) as error:
        raise OpenSearchNodeError(f"GET {url}/ returned no version.number: {body!r}") from error


def start_local_node(
    state_dir: Path,
    timeout_s: float = 180,
    *,
    heap: str = "512m",
    http_port: int = 0,
    stop_with_this_process: bool = True,
) -> LocalNode:
    """Start a node with tools/opensearch-node/start-node and wait for yellow health.

    ``state_dir`` receives the pid, URL, log and node home. The node home is
    deleted first, so every start has empty data. ``http_port=0`` picks a free
    port. With ``stop_with_this_process`` the node also closes itself when this
    Python process exits, even if ``stop()`` is never called.

    Raises OpenSearchNodeError with start-node's output, including the tail of
    the node log, when the build or the node fails or the timeout runs out.
    """
    # An absolute path keeps stop() working after the caller changes directory.
    state_dir = Path(state_dir).resolve()
    command = [
        str(START_SCRIPT),
        str(state_dir),
        "--timeout",
        str(max(1, math.ceil(timeout_s))),
        "--heap",
        heap,
        "--http-port",
        str(http_port),
    ]
    if stop_with_this_process:
        command += ["--parent-pid", str(os.getpid())]

    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout_s + BUILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        # start-node may have launched the JVM before it hung.
        subprocess.run([str(STOP_SCRIPT), str(state_dir)], capture_output=True, check=False)
        # TimeoutExpired carries bytes even when run() was called with text=True.
        stderr = error.stderr or b""
        if isinstance(stderr, bytes):
            stderr = stderr.decode(errors="replace")
        raise OpenSearchNodeError(f"start-node timed out after {error.timeout:.0f} s for {state_dir}:\n{stderr}") from error

    if result.returncode != 0:
        raise OpenSearchNodeError(
            f"start-node failed with exit code {result.returncode} for {state_dir}:\n{result.stderr}"
        )

    values = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    url = values.get("OPENSEARCH_URL")
    version = values.get("OPENSEARCH_VERSION")
    if not url or not version:
        raise OpenSearchNodeError(
            f"start-node printed no OPENSEARCH_URL or OPENSEARCH_VERSION line:\n{result.stdout}{result.stderr}"
        )
    pid = int((state_dir / "node.pid").read_text().strip())
    return LocalNode(url=url, version=version, pid=pid, state_dir=state_dir)


def connect_or_start(state_dir: Path, timeout_s: float = 180, **start_options: object) -> LocalNode:
    """Use the cluster in SOCIALEKAART_OPENSEARCH_URL if it is set, otherwise start a local node.

    For an external cluster this only checks that ``GET /`` returns a version.
    ``start_options`` go to ``start_local_node``.
    """
    url = external_opensearch_url()
    if url is not None:
        return LocalNode(url=url, version=fetch_version(url))
    return start_local_node(state_dir, timeout_s, **start_options)  # type: ignore[arg-type]
