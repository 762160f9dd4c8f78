"""Opening source files, with one clear `SourceReadError` for each way that fails."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.readers.base import SourceReadError

# Enough of a file to recognise its format without reading all of it.
SNIFF_BYTES = 8192


def read_bytes(path: Path) -> bytes:
    """Return the whole file; raise SourceReadError when it is missing, a folder or empty."""
    if not path.exists():
        raise SourceReadError(str(path), "bestand niet gevonden; controleer het pad of download de bron opnieuw")
    if path.is_dir():
        raise SourceReadError(str(path), "is een map; verwacht werd een bestand")

    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceReadError(str(path), f"kan niet gelezen worden ({error.strerror}); controleer de rechten") from error

    if not data.strip():
        raise SourceReadError(str(path), "bestand is leeg; download of exporteer de bron opnieuw")
    return data


def head_text(path: Path) -> str:
    """Return the first bytes of a file as text for format detection; "" when unreadable."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return ""
    return head.decode("utf-8-sig", errors="replace")


def load_json(path: Path) -> object:
    """Parse a JSON file; raise SourceReadError naming the line of the first error."""
    data = read_bytes(path)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise SourceReadError(str(path), f"is geen geldige UTF-8 op byte {error.start}; JSON-bronnen moeten UTF-8 zijn") from error
    except json.JSONDecodeError as error:
        raise SourceReadError(
            str(path),
            f"ongeldige JSON op regel {error.lineno}, kolom {error.colno} ({error.msg}); "
            "het bestand is misschien afgebroken, download het opnieuw",
        ) from error
