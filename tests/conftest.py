"""Shared fixtures: the real data files next to the project, and CI strictness."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a component is missing, but fail in CI, where it must exist."""
    if running_in_ci():
        pytest.fail(f"{reason} (CI=true, so this is an error, not a skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder with the real public data files, `../shared/data` beside the project."""
    folder = Path(os.environ.get("SOCIALEKAART_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))
    if not folder.is_dir():
        skip_or_fail(f"shared data folder {folder} is missing; set SOCIALEKAART_SHARED_DATA")
    return folder


# ------------------------------------------------------------------ engines

ENGINE_KINDS = ("sqlite", "opensearch")
OPENSEARCH_DESCRIPTION = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    description = config.stash.get(OPENSEARCH_DESCRIPTION, None)
    if description is not None:
        terminalreporter.write_line(f"OpenSearch tests ran against {description}")


@pytest.fixture(scope="session")
def opensearch_url(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config):
    """URL of a real OpenSearch node: SOCIALEKAART_OPENSEARCH_URL, or one started here."""
    from opensearch_node import OpenSearchNodeError, connect_or_start

    try:
        node = connect_or_start(tmp_path_factory.mktemp("opensearch"))
    except OpenSearchNodeError as error:
        skip_or_fail(f"no OpenSearch node could be started (needs a JDK 21 or newer and Maven): {error}")
    # Output capture would swallow a print, so tell the terminal reporter directly; the
    # summary repeats it at the end of the run.
    description = f"OpenSearch {node.version} at {node.url} ({'started for this run' if node.is_managed else 'external'})"
    pytestconfig.stash[OPENSEARCH_DESCRIPTION] = description
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\n{description}")
    yield node.url
    node.stop()


class EngineFactory:
    """Creates empty engines of one kind; each gets its own index or folder."""

    def __init__(self, kind: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> None:
        self.kind = kind
        self._tmp_path_factory = tmp_path_factory
        self._request = request
        self._count = 0

    def create(self):
        self._count += 1
        if self.kind == "sqlite":
            from searchapi.engines.sqlite_engine import SqliteEngine

            return SqliteEngine(self._tmp_path_factory.mktemp("sqlite-index"))

        url = self._request.getfixturevalue("opensearch_url")
        from searchapi.engines.opensearch_engine import OpenSearchEngine

        alias = f"test-{os.getpid()}-{id(self)}-{self._count}"
        return OpenSearchEngine(url=url, index_alias=alias)


@pytest.fixture(scope="module", params=ENGINE_KINDS)
def engine_factory(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> EngineFactory:
    return EngineFactory(request.param, tmp_path_factory, request)


@pytest.fixture(scope="module")
def corpus_engine(engine_factory: EngineFactory):
    """An engine of each kind with the fixed test corpus indexed, shared by a module."""
    from corpus import corpus_documents

    engine = engine_factory.create()
    engine.build(corpus_documents())
    yield engine
    engine.close()
