"""Source readers, one module per format, and `reader_for` to pick one for a file."""

from __future__ import annotations

from pathlib import Path

from indexer.gazetteer import Gazetteer
from indexer.readers.base import SourceReader, SourceReadError
from indexer.readers.eurostat import EurostatReader
from indexer.readers.fagg import FaggReader
from indexer.readers.generic_csv import GenericCsvReader
from indexer.readers.hsds import HsdsReader
from indexer.readers.sociale_kaart_api import SocialeKaartApiReader

SUPPORTED_FORMATS = (
    "FAGG-apothekerslijst (JSON-lijst met authorization_id)",
    "Open Referral HSDS 3.0 (JSON met organisaties of diensten, of een map met organizations.csv of services.csv)",
    "pagina's van de sociale-kaart-API (JSON met content of _embedded; één bestand, een lijst van pagina's of een map)",
    "Eurostat-ziekenhuislijst (CSV met de kolommen hospital_name en site_name)",
    "algemene CSV voor partners (id, kind, name, postcode, …; zie docs/csv-format.md)",
)


def all_readers(gazetteer: Gazetteer | None = None) -> list[SourceReader]:
    """Return one reader per format, most specific first."""
    return [
        FaggReader(gazetteer),
        HsdsReader(gazetteer),
        SocialeKaartApiReader(gazetteer),
        EurostatReader(gazetteer),
        GenericCsvReader(gazetteer),
    ]


def reader_for(path: Path, gazetteer: Gazetteer | None = None) -> SourceReader:
    """Return the reader for a file by its content; raise SourceReadError when the file is
    missing or no reader recognises it."""
    if not path.exists():
        raise SourceReadError(str(path), "bestand niet gevonden; controleer het pad")

    for reader in all_readers(gazetteer):
        if reader.can_read(path):
            return reader

    supported = "; ".join(SUPPORTED_FORMATS)
    raise SourceReadError(str(path), f"onbekend bronformaat. Ondersteund: {supported}")


__all__ = [
    "EurostatReader",
    "FaggReader",
    "GenericCsvReader",
    "HsdsReader",
    "SocialeKaartApiReader",
    "SUPPORTED_FORMATS",
    "SourceReadError",
    "all_readers",
    "reader_for",
]
