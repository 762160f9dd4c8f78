"""The one typed settings object, read from SOCIALEKAART_* environment variables."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class EngineName(str, Enum):
    SQLITE = "sqlite"
    OPENSEARCH = "opensearch"


class Settings(BaseSettings):
    """Service settings; build one with `Settings()` at startup, never at import time."""

    model_config = SettingsConfigDict(env_prefix="SOCIALEKAART_", extra="ignore")

    data_dir: Path = Field(default=PROJECT_ROOT / "data", description="Folder with the embedded index and reports.")
    engine: EngineName = Field(default=EngineName.SQLITE, description="Search engine: sqlite or opensearch.")
    opensearch_url: str = Field(default="http://127.0.0.1:9200", description="OpenSearch base URL.")
    opensearch_index: str = Field(default="socialekaart", description="OpenSearch alias that serves searches.")
    opensearch_timeout_s: float = Field(default=10.0, gt=0)
    opensearch_replicas: int = Field(default=0, ge=0, description="Replicas of each new index; 1 or more on a cluster.")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    query_time_limit_ms: int = Field(default=2000, gt=0, description="Longest time one engine query may run.")
    text_cache_entries: int = Field(
        default=256, ge=0, description="Text matches the embedded engine keeps for reuse; 0 turns the cache off."
    )
    # Searches on the embedded engine are CPU-bound and share the GIL, so running more
    # of them at once in one process only makes each slower. A short queue in front
    # keeps latency even. OpenSearch searches wait on the network and can overlap.
    request_threads: int = Field(
        default=0, ge=0, description="Requests one process handles at once; 0 picks 2 for sqlite, 40 for opensearch."
    )
    default_per_page: int = Field(default=20, ge=1)
    max_per_page: int = Field(default=100, ge=1)
    # Deep paging costs more than it helps; a user past this point should refine.
    max_result_window: int = Field(default=10_000, ge=1)
    max_query_length: int = Field(default=500, ge=1, description="Longest accepted query text, in characters.")
    max_radius_km: float = Field(default=300.0, gt=0)

    templates_dir: Path = PROJECT_ROOT / "templates"
    static_dir: Path = PROJECT_ROOT / "static"
