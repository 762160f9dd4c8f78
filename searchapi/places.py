"""Reading a location from `near` and from the query text ("tandarts in Gent")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from analyzers.text import tokenize
from indexer.gazetteer import Gazetteer, Place
from indexer.record import GeoPoint
from searchapi.errors import InvalidParameter

_COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")

NEAR_FIX = "Geef een Belgische postcode (bv. 9000), een gemeente (bv. Gent) of coördinaten als 'lat,lon' (bv. 51.05,3.72)."


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    label: str
    # "near" for the near parameter, "query" when read from the query text.
    origin: str
    place: Place | None = None

    def to_dict(self) -> dict[str, object]:
        body: dict[str, object] = {"lat": self.lat, "lon": self.lon, "label": self.label, "origin": self.origin}
        if self.place is not None:
            body["postcode"] = self.place.postcode
            body["municipality"] = self.place.municipality_nl
            body["nis_code"] = self.place.nis_code
        return body


def place_label(place: Place) -> str:
    if place.postcode and place.name != place.postcode:
        return f"{place.name} ({place.postcode})"
    return place.name


def parse_near(value: str, gazetteer: Gazetteer) -> Location:
    """Resolve a postcode, a municipality name or 'lat,lon'; raise InvalidParameter."""
    text = value.strip()
    if not text:
        raise InvalidParameter("near", value, "De parameter near is leeg.", fix=NEAR_FIX)

    coordinates = _COORDINATES.match(text)
    if coordinates:
        return _coordinates_location(text, float(coordinates.group(1)), float(coordinates.group(2)))

    place = gazetteer.resolve(text)
    if place is None:
        shown = text if len(text) <= 80 else text[:80] + "…"
        suggestion = closest_place(text, gazetteer) if len(text) <= 80 else None
        fix = f"Bedoelde u {suggestion.municipality_nl}? " + NEAR_FIX if suggestion else NEAR_FIX
        raise InvalidParameter(
            "near",
            value,
            f"'{shown}' is geen bekende Belgische postcode of gemeente.",
            fix=fix,
        )
    return Location(place.lat, place.lon, place_label(place), "near", place)


def _coordinates_location(text: str, lat: float, lon: float) -> Location:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidParameter(
            "near", text, f"'{text}' zijn geen geldige coördinaten (breedte −90…90, lengte −180…180).", fix=NEAR_FIX
        )

    point = GeoPoint(lat=lat, lon=lon)
    if not point.is_in_belgium():
        raise InvalidParameter(
            "near", text, f"De coördinaten '{text}' liggen niet in België.", fix=NEAR_FIX
        )
    return Location(lat, lon, f"{lat:.4f}, {lon:.4f}", "near")


# Words that join a request to its place: "tandarts in Gent", "huisarts in de buurt van 2000".
PLACE_CONNECTORS = frozenset({"in", "te", "bij", "rond", "nabij", "omgeving", "buurt", "regio", "van", "de", "dichtbij", "om"})


@dataclass(frozen=True)
class TextWithPlace:
    text: str
    location: Location | None


def split_place_from_text(text: str, gazetteer: Gazetteer) -> TextWithPlace:
    """Take a place at the end of the query off as a location: "psycholoog 2000".

    Only the end of the query counts, because that is where people write a place, and
    a place word elsewhere ("Gentse Feesten") is more likely part of a name.
    """
    tokens = tokenize(text)
    if not tokens:
        return TextWithPlace(text, None)

    match = gazetteer.match_trailing_place(tokens)
    if match is None:
        return TextWithPlace(text, None)

    start, place = match
    words = tokens[:start]
    while words and words[-1] in PLACE_CONNECTORS:
        words.pop()
    remaining = " ".join(words)
    location = Location(place.lat, place.lon, place_label(place), "query", place)
    return TextWithPlace(remaining, location)


@lru_cache(maxsize=4)
def _place_names(gazetteer: Gazetteer) -> dict[str, Place]:
    """Folded one-word-or-more names of municipalities and localities, for fuzzy lookup."""
    names: dict[str, Place] = {}
    for place in gazetteer.places():
        for name in (place.municipality_nl, place.municipality_fr, place.name, place.locality):
            if name and not name.isdigit():
                names.setdefault(" ".join(tokenize(name)), place)
    return names


def closest_place(words: str, gazetteer: Gazetteer) -> Place | None:
    """Return the place whose name is within typo distance of `words`, or None.

    Uses the same edit limits as word typos: one edit in names of up to 7 letters, two
    in longer ones, and a swap of neighbouring letters counts as one ("gnet" -> Gent).
    Four-letter names get one edit too, because many Flemish towns have short names.
    """
    folded = " ".join(tokenize(words))
    if len(folded) < 4:
        return None

    max_edits = 1 if len(folded) <= 7 else 2
    match = process.extractOne(folded, list(_place_names(gazetteer)), scorer=OSA.distance, score_cutoff=max_edits)
    if match is None:
        return None
    return _place_names(gazetteer)[match[0]]


def split_misspelt_place(text: str, gazetteer: Gazetteer) -> tuple[TextWithPlace, str] | None:
    """Read "tandarts in gnet" as "tandarts" near Gent: a near-miss place after "in", "te" …

    Only a word after a place connector counts, so an ordinary misspelt word is never
    taken for a town. Returns the split and the place word as typed, or None.
    """
    tokens = tokenize(text)
    if len(tokens) < 3 or tokens[-2] not in PLACE_CONNECTORS:
        return None

    place = closest_place(tokens[-1], gazetteer)
    if place is None:
        return None

    words = tokens[:-1]
    while words and words[-1] in PLACE_CONNECTORS:
        words.pop()
    location = Location(place.lat, place.lon, place_label(place), "query", place)
    return TextWithPlace(" ".join(words), location), tokens[-1]
