"""Completing a record's address and point from the gazetteer, or the rejection when that fails.

The rules every reader applies:

- a point outside Belgium is a data error and rejects the record;
- a known postcode fills in the NIS code, municipality, province and region;
- a record without a point gets its postcode's point;
- an unknown postcode rejects the record only when it has no point either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzers.text import fold
from indexer.gazetteer import Gazetteer, Place
from indexer.readers import codes
from indexer.record import Address, GeoPoint

_POSTCODE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Located:
    address: Address
    location: GeoPoint


@dataclass(frozen=True)
class LocationProblem:
    code: str
    reason: str


def format_point(point: GeoPoint) -> str:
    return f"{point.lat:.6f}, {point.lon:.6f}"


def normalise_postcode(value: str | int | None) -> str | None:
    """Return a postcode as 4 digits ("B-9000", 9000, " 9000 " -> "9000"), or the stripped
    input when it is no 4-digit code, so the rejection can name it."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text[:2].upper() == "B-":
        text = text[2:]
    return text


def _filled_address(address: Address, place: Place) -> Address:
    # The source's own town name stays as the locality when it is a deelgemeente
    # ("Wondelgem") rather than the municipality itself.
    source_town = address.locality or address.municipality
    municipality_names = {fold(place.municipality_nl), fold(place.municipality_fr)}
    locality = source_town if source_town and fold(source_town) not in municipality_names else None

    return address.model_copy(
        update={
            "municipality": place.municipality_nl,
            "locality": locality,
            "nis_code": place.nis_code,
            "province": place.province,
            "region": place.region,
        }
    )


def locate(address: Address, point: GeoPoint | None, gazetteer: Gazetteer) -> Located | LocationProblem:
    """Return the completed address and point of a record, or the rejection for it."""
    if point is not None and not point.is_in_belgium():
        return LocationProblem(
            codes.LOCATION_OUTSIDE_BELGIUM,
            f"De coördinaten {format_point(point)} liggen buiten België.",
        )

    postcode = normalise_postcode(address.postcode)
    place = gazetteer.by_postcode(postcode) if postcode and _POSTCODE.match(postcode) else None
    if place is not None:
        address = _filled_address(address.model_copy(update={"postcode": postcode}), place)

    if point is not None:
        return Located(address, point)

    if place is not None:
        return Located(address, GeoPoint(lat=place.lat, lon=place.lon))

    if postcode:
        return LocationProblem(
            codes.UNKNOWN_POSTCODE,
            f"Onbekende postcode '{postcode}' en geen coördinaten: de locatie is niet te bepalen.",
        )
    return LocationProblem(
        codes.MISSING_LOCATION,
        "Geen postcode en geen coördinaten: de locatie is niet te bepalen.",
    )
