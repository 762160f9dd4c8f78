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
